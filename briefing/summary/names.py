"""Names across scripts, for the verifier's actor check (summary stage).

Takes words in Arabic or Latin script and gives their consonant skeletons:
a name transliterated from one script to the other keeps its consonants
(Steele and ستيل, Skripal and سكريبال, Twitter and تويتر), so two words name
the same person or place when their skeletons agree. Letters that the two
scripts write differently fall into one class (p and b, v and f, g, j and q
and k, s and z), vowels, alef, waw, yaa and ain are left out, and a doubled
consonant counts once. Also loads the role nouns, group names and
nationalities the actor check knows (`prompts/actors.toml`, glossary form).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..resources import resource_dir
from ..text import normalize
from .glossary import Entry, Glossary, load_entries

ACTORS_FILE = "actors.toml"
# Kinds of glossary entry that the actor check treats as role nouns and
# groups and nationalities: users add their own with such a `kind` in a
# --glossary file.
ROLE_KINDS = frozenset({"role", "institution", "group", "nationality"})

_LATIN_DIGRAPHS = (
    ("sch", "X"),
    ("zh", "j"),
    ("sh", "X"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("kh", "k"),
    ("gh", "k"),
    ("ck", "k"),
)
_LATIN_CLASS = str.maketrans(
    {
        "b": "B", "p": "B", "t": "T", "d": "D", "s": "S", "z": "S", "c": "K", "k": "K",
        "q": "K", "g": "K", "j": "K", "f": "F", "v": "F", "l": "L", "m": "M", "n": "N",
        "r": "R", "h": "H",
    }
)  # fmt: skip
_ARABIC_CLASS = str.maketrans(
    {
        "ب": "B", "پ": "B", "ت": "T", "ط": "T", "ث": "T", "د": "D", "ض": "D", "ذ": "D",
        "ظ": "D", "س": "S", "ص": "S", "ز": "S", "ش": "X", "ك": "K", "ق": "K", "غ": "K",
        "ج": "K", "خ": "K", "گ": "K", "ف": "F", "ڤ": "F", "ل": "L", "م": "M", "ن": "N",
        "ر": "R", "ه": "H", "ح": "H",
    }
)  # fmt: skip
# Letters of Slavic and Romanian spelling, written as English hears them.
_LATIN_SOUNDS = {
    "š": "sh",
    "ș": "sh",
    "ş": "sh",
    "ś": "sh",
    "č": "ch",
    "ć": "ch",
    "ž": "zh",
    "ł": "l",
    "đ": "dj",
}
_SKELETON_LETTERS = re.compile("[^BTDSKFLMNRHX]")
# Arabic clitics a name may carry: and, so, with, to, like, the.
_AR_CLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك")


def _collapse(classes: str) -> str:
    skeleton = _SKELETON_LETTERS.sub("", classes)
    return re.sub(r"(.)\1+", r"\1", skeleton)


@lru_cache(maxsize=65536)
def skeleton(word: str, ch: str = "k") -> str:
    """The consonant skeleton of one word in either script ("" if it has
    none); `ch` is what a Latin "ch" stands for (k in Michael, x in Sánchez)."""
    folded = normalize(word)
    if re.search("[\u0600-\u06ff]", folded):
        return _collapse(folded.translate(_ARABIC_CLASS))
    return _latin_skeleton(_latin_letters(folded), ch, keep_h=False)


def _latin_letters(folded: str) -> str:
    """A Latin word without its possessive and accents, the letters that
    stand for "sh", "ch" and "zh" in Slavic and Romanian spelling written so
    (Perišić, Chișinău, Podgorica's neighbours), and x as ks."""
    folded = re.sub(r"['’]s$", "", folded)
    for letter, sound in _LATIN_SOUNDS.items():
        folded = folded.replace(letter, sound)
    folded = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in folded if not unicodedata.combining(c)).replace("x", "ks")


def _latin_skeleton(folded: str, ch: str, *, keep_h: bool) -> str:
    folded = re.sub(r"c(?=[eiy])", "s", folded.replace("ch", ch))
    for digraph, single in _LATIN_DIGRAPHS:
        folded = folded.replace(digraph, single)
    if not keep_h:
        # h after a vowel (Noah, Allah) leaves no mark.
        folded = re.sub(r"(?<=[aeiou])h(?![aeiou])", "", folded)
    return _collapse(folded.translate(_LATIN_CLASS))


@lru_cache(maxsize=65536)
def _variants(word: str) -> frozenset[str]:
    """Skeletons a word may also have when it was spelt after another
    language's sounds: in Arabic, تش for "ch" and a final ة or ه that
    writes a vowel (غزة Gaza, روته Rutte); in Latin script, an h after a
    vowel that stands for ح or ه (Saleh صالح, Ahmed أحمد), c and z as "ts"
    (Podgorica, Scholz شولتس), j as "y" (Ljubljana), a final -ic as "ich"
    (Modric مودريتش), a French silent final consonant (Giroud جيرو, Olivier
    أوليفيه), and
    "sh" heard in s, ci, ti (Lisbon لشبونة, Lucia
    لوشيا, Mauritius موريشيوس): any s or x of either may stand for the other."""
    folded = normalize(word)
    if re.search("[\u0600-\u06ff]", folded):
        found = {skeleton(folded), _collapse(folded.replace("تش", "ش").translate(_ARABIC_CLASS))}
        if len(folded) >= 3 and folded[-1] in "هة":
            found |= {s[:-1] for s in set(found) if s.endswith("H")}
    else:
        letters = _latin_letters(folded)
        found = {skeleton(folded), skeleton(folded, "X")}
        for variant in (
            letters,
            letters.replace("z", "ts"),
            re.sub(r"(?<=[^aeiou])j", "", letters),
            re.sub(r"ic$", "ich", letters),
            re.sub(r"(?<=[aeiou])(?:ds?|ts?|s|x|z)$", "", letters),
        ):
            for ch in ("k", "X"):
                found.add(_latin_skeleton(variant, ch, keep_h=variant is letters))
        if re.search(r"ier$", letters):
            # French -ier sounds -yé, which Arabic ends with ه (Olivier أوليفيه).
            found.add(_latin_skeleton(letters[:-1] + "h", "k", keep_h=True))
    return frozenset(s for s in found | {s.replace("X", "S") for s in found} if s)


def skeletons(word: str) -> set[str]:
    """The skeletons a word may have: an Arabic word with and without each
    clitic it may begin with (و, ب, ل, ال ...), and the spellings of
    `_variants`."""
    found = set(_variants(word))
    folded = normalize(word)
    for clitic in _AR_CLITICS:
        if folded.startswith(clitic) and len(folded) - len(clitic) >= 3:
            found |= _variants(folded[len(clitic) :])
    return {s for s in found if s}


def same_name(a: str, b: str) -> bool:
    """True if the words `a` and `b` (either script) may be one name
    transliterated: skeletons equal, or of at least three consonants with
    one the other with one consonant more."""
    for x in skeletons(a):
        for y in skeletons(b):
            short, long = sorted((x, y), key=len)
            if short == long:
                return True
            # One consonant more (an ending, or one the other script
            # leaves unwritten: Brandt and برانت).
            longer = len(short) >= 3 and len(long) == len(short) + 1
            if longer and any(long[:i] + long[i + 1 :] == short for i in range(len(long))):
                return True
    return False


@lru_cache(maxsize=1)
def builtin_roles() -> tuple[Entry, ...]:
    """The role nouns, groups and nationalities of `prompts/actors.toml`."""
    return tuple(load_entries(resource_dir("prompts").joinpath(ACTORS_FILE)))


@lru_cache(maxsize=8)
def role_glossary(glossary: Glossary) -> Glossary:
    """The built-in role entries with the user's own (glossary entries of a
    kind in `ROLE_KINDS`) after them."""
    return Glossary([*builtin_roles(), *(e for e in glossary.entries if e.kind in ROLE_KINDS)])
