"""The bilingual glossary: how the briefing names countries, capitals,
international bodies and leaders in Arabic and English.

A built-in list ships as `prompts/glossary.toml`; users add or override
entries with their own file of the same form. Each entry has one preferred
form per language (`en`, `ar`), other forms that also refer to it (`also_en`,
`also_ar`: short names, demonyms) and spellings the briefing should not use
(`avoid_en`, `avoid_ar`). The summarizer gives the model the entries whose
names occur in a topic's sources, and the verifier checks that a generated
sentence names things the way the glossary does.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from ..errors import ConfigError
from ..models import Lang
from ..resources import resource_dir
from ..text import alternation, normalize

BUILTIN = "glossary.toml"
# The world's countries and capitals, generated from data packages.
WORLD = "glossary-world.toml"
_KEYS = {
    "en", "ar", "also_en", "also_ar", "avoid_en", "avoid_ar", "kind", "plain_ar", "ambiguous_ar",
    "country", "except_ar", "exact_ar",
}  # fmt: skip

# Arabic attaches conjunctions, prepositions and the article to the word, and
# adjectives (nisba) add endings; a name matches with these around it.
_AR_PREFIX = "(?:[وفبلك]|وب|ول|فب|فل|وك)?(?:ال)?"
_AR_SUFFIX = "(?:ي|يه|يين|يون|يا|ين|ون|ان|ه)?"
# A person's name takes a conjunction or preposition but not the article
# nor an adjective's ending: "الموديه" (leading) is not Modi.
_AR_PERSON_PREFIX = "(?:[وفبلك]|وب|ول|فب|فل|وك)?"
# A name that is also a common word (`plain_ar`: حماس is Hamas, but الحماس
# and بحماس are "enthusiasm") matches only bare or after و ف ل ك.
_AR_PLAIN_PREFIX = "(?:[وفلك]|ول|فل|وك)?"
# Bare, such a word is still the word where the next word is what it belongs
# to (an idafa: حماس المشجعين, "the fans' enthusiasm"; حماس كبير, "great
# enthusiasm"): a definite plural of people or a crowd, or an adjective of
# degree. The name's own adjectives agree with a movement (feminine: حماس
# الفلسطينية، الحاكمة) and a weekday or التي follows the name, never the word.
_AR_PLAIN_NOT_BEFORE = (
    r"(?!\s+(?:(?!الاثنين)ال\w+(?:ين|ون)|الجماهير|الجمهور|الشباب|الناس|الحضور|الشارع"
    r"|الاطفال|الطلاب|الاسواق|كبير|شديد|بالغ|واضح|لافت|متزايد|منقطع)(?!\w))"
)
# A name that is also a common word in every form it takes (`ambiguous_ar`:
# مالي is Mali and "financial", مسقط رأس is a birthplace) is read as the name
# only where a name stands: after a preposition or a word for a place or an
# agency, inside parentheses, heading a line ("مالي: ..."), or joined by و
# to a list ("ليبيا ومالي"); "دعم مالي" names no country.
_AR_CONTEXT_WORDS = (
    "في إلى من عن مع على حول دولة جمهورية مملكة عاصمة العاصمة شمال جنوب شرق غرب وسط "
    "حكومة رئيس رئيسة جزر مدينة وكالة"
)
_EN_SUFFIX = "(?:'s|’s|s)?"


@dataclass(frozen=True)
class Entry:
    """One named thing with its Arabic and English forms."""

    en: str
    ar: str
    also_en: tuple[str, ...] = ()
    also_ar: tuple[str, ...] = ()
    avoid_en: tuple[str, ...] = ()
    avoid_ar: tuple[str, ...] = ()
    # Phrases the Arabic name is part of where it is not the name ("صلاة
    # المغرب" is the sunset prayer, not Morocco's).
    except_ar: tuple[str, ...] = ()
    kind: str = ""
    plain_ar: bool = False  # the Arabic name is also a word: no article, ending or ب
    # The Arabic name only as written, with a conjunction or preposition
    # before it but no article or ending added: a generated city's name,
    # which nobody read for the words an ending makes of it (السلط, السلطة).
    exact_ar: bool = False
    ambiguous_ar: bool = False  # and reads as one anywhere: only where a name stands
    # A capital's or a seat of government's country (its `en`): the capital
    # or the seat ("the White House") may stand for its government. A city's
    # country (its `en`) only says where the city is: "Casablanca, Morocco".
    country: str = ""

    def preferred(self, lang: Lang) -> str:
        return self.ar if lang == "ar" else self.en

    def accepted(self, lang: Lang) -> tuple[str, ...]:
        """Forms that name this entry correctly in `lang` (preferred first)."""
        return (self.preferred(lang), *(self.also_ar if lang == "ar" else self.also_en))

    def avoided(self, lang: Lang) -> tuple[str, ...]:
        return self.avoid_ar if lang == "ar" else self.avoid_en


def _pattern(
    forms: Iterable[str],
    lang: Lang,
    person: bool = False,
    plain: bool = False,
    ambiguous: bool = False,
    exact: bool = False,
) -> re.Pattern[str] | None:
    """One regex matching any of `forms` as whole words in text prepared by
    `_prepare` for `lang` (a `person`'s Arabic name with no article or
    ending, nor an `exact` one; a `plain` one, also a common word, not even
    after ب; an `ambiguous` one only where a name stands, the name itself in a group
    named `name_N`: see `_AR_CONTEXT`)."""
    alternatives = []
    for n, form in enumerate(forms):
        if lang == "ar":
            folded = normalize(form)
            body = r"\s+".join(re.escape(w) for w in folded.split())
            if ambiguous:
                context = "|".join(sorted({normalize(w) for w in _AR_CONTEXT_WORDS.split()}))
                alternatives.append(
                    rf"(?:(?:{context})\s+|(?<=\())(?P<name_{n}>[وف]?{body})"
                    rf"|(?P<and_{n}>[وف]{body})|^(?P<head_{n}>{body})(?=\s*:)"
                )
                continue
            if person or plain or exact:
                if plain:
                    alternatives.append(f"{_AR_PLAIN_PREFIX}{body}{_AR_PLAIN_NOT_BEFORE}")
                else:
                    alternatives.append(f"{_AR_PERSON_PREFIX}{body}")
                if exact and folded.startswith("ال"):
                    alternatives.append(f"(?:[وف])?لل{re.escape(folded[2:])}")
                continue
            alternatives.append(f"{_AR_PREFIX}{body}{_AR_SUFFIX}")
            if folded.startswith("ال"):
                # ل + ال is written لل: "للامم" is "to the nations".
                alternatives.append(f"(?:[وف])?لل{re.escape(folded[2:])}{_AR_SUFFIX}")
        else:
            words = form.split()
            # An acronym (UN, U.S., NATO) is matched in its own case, so that
            # "US" the country is not "us" the pronoun.
            acronym = all(w.replace(".", "").isupper() for w in words)
            body = r"\s+".join(re.escape(w if acronym else w.casefold()) for w in words)
            alternatives.append(f"{'(?-i:' if acronym else '(?:'}{body}){_EN_SUFFIX}")
    if not alternatives:
        return None
    flags = re.IGNORECASE if lang == "en" else re.MULTILINE
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", flags)


def _span(match: re.Match[str]) -> tuple[int, int]:
    """Where the name is in `match`: its named group when the pattern read
    the words around it too."""
    for group in match.re.groupindex:
        if match.group(group) is not None:
            return match.span(group)
    return match.span()


def _prepare(text: str, lang: Lang) -> str:
    return normalize(text) if lang == "ar" else text


def _keys(forms: Iterable[str], lang: Lang) -> tuple[tuple[str, ...], ...]:
    """For each form, the substrings that text prepared by `_prepare` and
    casefolded must all contain for `_pattern(forms, lang)` to match it with
    that form: a cheap test that spares most regex searches (and most
    pattern compiling)."""
    keys = []
    for form in forms:
        words = (normalize(form) if lang == "ar" else form.casefold()).split()
        if lang == "ar" and words and words[0].startswith("ال"):
            # The first word without its article, so "للأمم" (لِ + الأمم)
            # still has it.
            words[0] = words[0][2:]
        # Every word of the form is in the text (the pattern allows any
        # spacing between them).
        words = [w for w in words if w]
        if words:
            keys.append(tuple(words))
    return tuple(keys)


def _inside(span: tuple[int, int], others: Iterable[tuple[int, int]]) -> bool:
    """Whether `span` lies within a longer one of `others`."""
    start, end = span
    return any(s <= start and end <= e and e - s > end - start for s, e in others)


class _Compiled:
    """An entry with its cheap keys; its patterns are compiled when a text
    first contains a key (most entries are never looked for in a run, and
    compiling hundreds of patterns up front was most of the load time)."""

    __slots__ = ("_except", "_folded", "_patterns", "entry", "keys")

    def __init__(self, entry: Entry) -> None:
        self.entry = entry
        self.keys: dict[Lang, tuple[tuple[str, ...], ...]] = {
            lang: _keys((*entry.accepted(lang), *entry.avoided(lang)), lang)
            for lang in ("ar", "en")
        }
        self._patterns: dict[tuple[Lang, bool], re.Pattern[str] | None] = {}
        phrases = [normalize(p) for p in entry.except_ar]
        self._except = (
            re.compile(rf"(?<!\w)[وفبلك]?(?:{alternation(phrases)})(?!\w)") if phrases else None
        )
        self._folded: dict[tuple[str, Lang], tuple[str, ...]] = {}

    def pattern(self, lang: Lang, avoided: bool = False) -> re.Pattern[str] | None:
        key = (lang, avoided)
        if key not in self._patterns:
            forms = self.entry.avoided(lang) if avoided else self.entry.accepted(lang)
            self._patterns[key] = _pattern(
                forms,
                lang,
                person=self.entry.kind == "person",
                plain=self.entry.plain_ar,
                ambiguous=self.entry.ambiguous_ar,
                exact=self.entry.exact_ar,
            )
        return self._patterns[key]

    def may_name(self, folded: str, lang: Lang) -> bool:
        """Whether the casefolded prepared text has every word of some form."""
        return any(all(w in folded for w in key) for key in self.keys[lang])

    def search(self, prepared: str, folded: str, lang: Lang) -> bool:
        """Whether the text names this entry in any form (accepted or avoided)."""
        if not self.may_name(folded, lang):
            return False
        if lang == "ar" and self._except is not None:
            return bool(self.spans(prepared, lang))
        return any(
            p is not None and p.search(prepared)
            for p in (self.pattern(lang), self.pattern(lang, avoided=True))
        )

    def spans(self, prepared: str, lang: Lang) -> list[tuple[int, int]]:
        found = [
            _span(m)
            for p in (self.pattern(lang), self.pattern(lang, avoided=True))
            if p is not None
            for m in p.finditer(prepared)
        ]
        if lang == "ar" and self._except is not None and found:
            # Not the name inside a phrase where it is a word.
            outside = [m.span() for m in self._except.finditer(prepared)]
            found = [s for s in found if not any(a <= s[0] and s[1] <= b for a, b in outside)]
        return found

    def contains(self, other: _Compiled, lang: Lang) -> bool:
        """Whether one of this entry's forms has one of `other`'s inside it."""
        mine, theirs = self.folded(lang), other.folded(lang)
        return any(t in m and t != m for t in theirs for m in mine)

    def folded(self, lang: Lang) -> tuple[str, ...]:
        key = ("folded", lang)
        if key not in self._folded:
            forms = (*self.entry.accepted(lang), *self.entry.avoided(lang))
            self._folded[key] = tuple(normalize(f).casefold() for f in forms)
        return self._folded[key]


class Glossary:
    """A set of entries with matching in Arabic and English text."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self._compiled = [_Compiled(e) for e in self.entries]
        self._anchors: dict[Lang, dict[str, list[int]]] = {}
        # A capital and its country vouch for each other (see `_homographs`).
        by_en = {e.en: e for e in self.entries}
        self._related: dict[int, set[int]] = {}
        for e in self.entries:
            if e.country in by_en and e.kind != "city":
                self._related.setdefault(id(e), set()).add(id(by_en[e.country]))
                self._related.setdefault(id(by_en[e.country]), set()).add(id(e))

    def _present(self, folded: str, lang: Lang) -> set[str]:
        """The anchors (each form's longest word) that the casefolded text
        contains: each is looked for once, however many entries share it."""
        if lang not in self._anchors:
            anchors: dict[str, list[int]] = {}
            for n, c in enumerate(self._compiled):
                for key in c.keys[lang]:
                    anchors.setdefault(max(key, key=len), []).append(n)
            self._anchors[lang] = anchors
        return {w for w in self._anchors[lang] if w in folded}

    def _candidates(self, present: set[str], lang: Lang) -> list[_Compiled]:
        """The entries, in glossary order, one of whose forms has its
        longest word in `present` (the others cannot be named)."""
        anchors = self._anchors[lang]
        found = {n for w in present if w in anchors for n in anchors[w]}
        return [self._compiled[n] for n in sorted(found)]

    def __len__(self) -> int:
        return len(self.entries)

    def mentioned(self, text: str, lang: Lang) -> list[Entry]:
        """Entries that `text` (written in `lang`) names in any known form,
        in glossary order. A name read only inside a longer name is not a
        mention: "Agence France-Presse" names the agency, not France;
        "Kuwait City" the capital, not the country."""
        return [entry for _, entry in self._found(text, lang)]

    def in_order(self, text: str, lang: Lang) -> list[Entry]:
        """`mentioned`, in the order `text` first names them (in a headline,
        the first name is usually who acts)."""
        return [entry for _, entry in sorted(self._found(text, lang), key=lambda f: f[0])]

    def _found(self, text: str, lang: Lang) -> list[tuple[int, Entry]]:
        """(where `text` first names it, entry) for each entry it names, in
        glossary order, leaving out names read only inside longer ones."""
        prepared = _prepare(text, lang)
        folded = prepared.casefold()
        candidates = self._candidates(self._present(folded, lang), lang)
        hits = [c for c in candidates if c.search(prepared, folded, lang)]
        kept = [c for c in hits if not self._nested(c, hits, prepared, lang)]
        spans = self._homographs({id(c.entry): c.spans(prepared, lang) for c in kept})
        return [
            (min(start for start, _ in spans[id(c.entry)]), c.entry)
            for c in kept
            if spans[id(c.entry)]
        ]

    def _homographs(
        self, spans: dict[int, list[tuple[int, int]]]
    ) -> dict[int, list[tuple[int, int]]]:
        """`spans` (by id of each entry a text names) with each stretch of
        text that two entries both read as theirs given to the one the rest
        of the text vouches for, and to neither when it vouches for both or
        none: unvowelled, عمان is Oman (عُمان) and Amman (عَمّان) alike, and
        "سلطنة عمان" or Muscat say Oman, "العاصمة الأردنية عمان" Amman. An
        entry vouches for itself by a stretch only it reads, and for its
        capital or its capital's country by that too. Stretches inside
        another entry's longer one are not the entry's own."""
        everything = [span for found in spans.values() for span in found]
        own = {
            key: [s for s in found if not _inside(s, everything)] for key, found in spans.items()
        }
        readers: dict[tuple[int, int], list[int]] = {}
        for key, found in own.items():
            for span in found:
                readers.setdefault(span, []).append(key)
        shared = {span for span, ids in readers.items() if len(ids) > 1}
        if not shared:
            return spans
        alone = {key for key, found in own.items() if any(s not in shared for s in found)}
        result = {key: [s for s in found if s not in shared] for key, found in own.items()}
        for span in sorted(shared):
            vouched = [
                key
                for key in readers[span]
                if key in alone or self._related.get(key, set()) & alone
            ]
            if len(vouched) == 1:
                result[vouched[0]].append(span)
        return {key: sorted(found) for key, found in result.items()}

    @staticmethod
    def _nested(c: _Compiled, hits: Sequence[_Compiled], prepared: str, lang: Lang) -> bool:
        """Whether every match of `c` lies inside a longer match of another
        of `hits` (only those whose forms contain one of `c`'s are looked at)."""
        containers = [o for o in hits if o is not c and o.contains(c, lang)]
        if not containers:
            return False
        around = [span for o in containers for span in o.spans(prepared, lang)]
        return all(_inside(span, around) for span in c.spans(prepared, lang))

    def relevant(self, texts: Iterable[tuple[str, Lang]]) -> list[Entry]:
        """Entries named in any of the (text, lang) pairs, in glossary order."""
        hits: set[int] = set()
        for text, lang in texts:
            hits.update(id(e) for e in self.mentioned(text, lang))
        return [e for e in self.entries if id(e) in hits]

    def spans(self, text: str, lang: Lang) -> list[tuple[int, int, Entry]]:
        """(start, end, entry) for each place `text` names an entry in any
        known form, positions in `normalize(text)` for Arabic and in `text`
        for English, in order of position (longest first where they start
        together)."""
        prepared = _prepare(text, lang)
        folded = prepared.casefold()
        found = [
            (start, end, c.entry)
            for c in self._candidates(self._present(folded, lang), lang)
            if c.may_name(folded, lang)
            for start, end in c.spans(prepared, lang)
        ]
        return sorted(found, key=lambda s: (s[0], -s[1]))

    def misnamed(self, text: str, lang: Lang) -> list[tuple[Entry, str]]:
        """(entry, form used) for each entry that `text` names only with a
        spelling the glossary says to avoid."""
        prepared = _prepare(text, lang)
        folded = prepared.casefold()
        found = []
        for c in self._candidates(self._present(folded, lang), lang):
            if not c.entry.avoided(lang) or not c.may_name(folded, lang):
                continue
            avoided = c.pattern(lang, avoided=True)
            if avoided is None:
                continue
            match = avoided.search(prepared)
            accepted = c.pattern(lang)
            if match and not (accepted is not None and accepted.search(prepared)):
                found.append((c.entry, prepared[slice(*_span(match))]))
        return found


def load_entries(path: Traversable) -> list[Entry]:
    """The [[entry]] tables of one glossary file; ConfigError names the file
    and entry when it is malformed."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the glossary {path}: {exc}") from exc
    unknown = set(data) - {"entry"}
    if unknown:
        raise ConfigError(
            f"{path}: unknown key {sorted(unknown)[0]!r}; a glossary holds [[entry]] tables"
        )
    entries = []
    for number, raw in enumerate(data.get("entry", []), 1):
        where = f"{path}: entry {number}"
        if not isinstance(raw, dict):
            raise ConfigError(f"{where} is not a table")
        bad = set(raw) - _KEYS
        if bad:
            raise ConfigError(f"{where}: unknown key {sorted(bad)[0]!r}")
        if not isinstance(raw.get("en"), str) or not isinstance(raw.get("ar"), str):
            raise ConfigError(f"{where}: needs both 'en' and 'ar' as strings")
        lists: dict[str, tuple[str, ...]] = {}
        for key in ("also_en", "also_ar", "avoid_en", "avoid_ar", "except_ar"):
            value = raw.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: {key!r} must be a list of strings")
            lists[key] = tuple(value)
        plain, ambiguous = raw.get("plain_ar", False), raw.get("ambiguous_ar", False)
        exact = raw.get("exact_ar", False)
        for key, value in (("plain_ar", plain), ("ambiguous_ar", ambiguous), ("exact_ar", exact)):
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: {key!r} must be true or false")
        if not isinstance(raw.get("country", ""), str):
            raise ConfigError(f"{where}: 'country' must be a string")
        entries.append(
            Entry(
                en=raw["en"],
                ar=raw["ar"],
                kind=str(raw.get("kind", "")),
                plain_ar=plain,
                ambiguous_ar=ambiguous,
                exact_ar=exact,
                country=raw.get("country", ""),
                **lists,
            )
        )
    return entries


def _new(entries: Sequence[Entry], known: Sequence[Entry]) -> list[Entry]:
    """The `entries` none of whose preferred names `known` (or an earlier
    one of `entries`) already accepts: the hand-kept entries, with their
    adjectives and spellings to avoid, win over the generated ones."""
    taken = {
        normalize(form).casefold() for e in known for form in (*e.accepted("en"), *e.accepted("ar"))
    }
    found = []
    for e in entries:
        names = {normalize(e.en).casefold(), normalize(e.ar).casefold()}
        if names & taken:
            continue
        taken.update(normalize(f).casefold() for f in (*e.accepted("en"), *e.accepted("ar")))
        found.append(e)
    return found


def load_glossary(*extra: Path, builtin: bool = True) -> Glossary:
    """The built-in glossary (unless `builtin` is False): the hand-kept
    entries of `glossary.toml`, then the world's countries, capitals and the
    Arab world's large cities of
    `glossary-world.toml` (generated by scripts/world_glossary.py) that it
    does not already name; with the entries of each `extra` file added. An
    extra entry with the same English or Arabic preferred form as an earlier
    one replaces it. Raises ConfigError naming the file and entry when a file
    is malformed."""
    entries: list[Entry] = []
    if builtin:
        prompts = resource_dir("prompts")
        entries = load_entries(prompts.joinpath(BUILTIN))
        entries += _new(load_entries(prompts.joinpath(WORLD)), entries)
    for path in extra:
        for entry in load_entries(path):
            entries = [
                e
                for e in entries
                if normalize(e.en) != normalize(entry.en) and normalize(e.ar) != normalize(entry.ar)
            ]
            entries.append(entry)
    return Glossary(entries)
