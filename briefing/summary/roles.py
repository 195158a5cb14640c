"""Verify stage: who did what to whom, read from the order of two names.

Takes a sentence, its language, the cited paragraphs and the glossary; gives
a reason when the sentence puts two named participants on either side of a
word in the order opposite to a cited paragraph's, and the paragraph never
has them in the sentence's order around that word: "Three Texas landowners
sued on behalf of Public Citizen" for "Public Citizen sued on behalf of three
Texas landowners". Only paragraphs in the sentence's language are read (the
word between the names must be the same word), and a pair joined by "and",
"with", "between" or named as an agent ("by", "من قبل") is left alone: those
read the same either way round, or turn the roles round themselves.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from ..models import Lang
from ..text import normalize, split_sentences
from .claims import stem
from .glossary import Glossary
from .subjects import en_names


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(r"[^\W_]+")
# Words between two names that make the order say nothing of roles.
_EVEN: dict[Lang, frozenset[str]] = {
    "en": _wordset("and or with between versus vs nor"),
    "ar": _wordset("مع بين و او يد قبل"),
}
# An agent's mark just before the second name ("was sued by Texas", "by the
# state of Texas"); further off, "by" is a time or a means ("by the end of
# the day").
_AGENT: dict[Lang, frozenset[str]] = {"en": frozenset({"by"}), "ar": frozenset()}
_AGENT_REACH = 3
_STOP: dict[Lang, frozenset[str]] = {
    "en": _wordset(
        "the a an of to in on at for from as is are was were be been has have had that this "
        "its their his her said says also after before over than who which"
    ),
    "ar": _wordset("في من الى علي عن ان انه انها الذي التي قد كان كانت ثم"),
}
_MOST_BETWEEN = 8  # words between two names that still bind them to one word


def _prepared(text: str, lang: Lang) -> str:
    return text if lang == "en" else normalize(text)


def _participants(text: str, lang: Lang, glossary: Glossary) -> list[tuple[int, int, str]]:
    """(start, end, key) of each name in `_prepared(text)`: glossary entries
    by their English name, and in English runs of capitalized words by
    their last word."""
    found = [(s, e, entry.en.casefold()) for s, e, entry in glossary.spans(text, lang)]
    if lang == "en":
        for run in en_names(text, glossary, first_is_name=True):
            last = re.escape(run[-1])
            for match in re.finditer(rf"\b{last}\b", text, re.IGNORECASE):
                found.append((match.start(), match.end(), run[-1].casefold()))
    return sorted(found)


def _read(text: str, lang: Lang, glossary: Glossary) -> tuple[list[str], list[tuple[int, str]]]:
    """The words of `text` (name words left blank) and the index of each
    name's first word with its key."""
    prepared = _prepared(text, lang)
    tokens = list(_TOKEN.finditer(prepared))
    words = [t.group().casefold() for t in tokens]
    names: list[tuple[int, str]] = []
    for start, end, key in _participants(text, lang, glossary):
        inside = [i for i, t in enumerate(tokens) if t.start() < end and start < t.end()]
        if not inside:
            continue
        for i in inside:
            words[i] = ""
        if not names or names[-1] != (inside[0], key):
            names.append((inside[0], key))
    return words, names


def _pairs(
    words: Sequence[str], names: Sequence[tuple[int, str]], lang: Lang
) -> set[tuple[str, str, str]]:
    """(first name, word stem, second name) for each word between two
    names that follow each other, different ones no more than
    `_MOST_BETWEEN` words apart and not joined evenly."""
    found = set()
    for (at_a, a), (at_b, b) in itertools.pairwise(names):
        if a == b or at_b - at_a > _MOST_BETWEEN:
            continue
        between = [w for w in words[at_a + 1 : at_b] if w]
        if any(w in _EVEN[lang] for w in between):
            continue
        if any(w in _AGENT[lang] for w in between[-_AGENT_REACH:]):
            continue
        pivots = [w for w in between if len(w) >= 3 and w not in _STOP[lang]]
        found |= {(a, stem(word, lang), b) for word in pivots}
    return found


def role_reasons(
    text: str, lang: Lang, cited: Sequence[tuple[str, Lang]], glossary: Glossary
) -> list[str]:
    """A reason when the sentence has two names around a word in the order
    opposite to a cited paragraph in its language, which never has them in
    the sentence's order around that word."""
    mine = _pairs(*_read(text, lang, glossary), lang)
    if not mine:
        return []
    theirs: set[tuple[str, str, str]] = set()
    for paragraph, paragraph_lang in cited:
        if paragraph_lang != lang:
            continue
        for sentence in split_sentences(paragraph):
            theirs |= _pairs(*_read(sentence, lang, glossary), lang)
    for a, word, b in sorted(mine):
        if (b, word, a) in theirs and (a, word, b) not in theirs:
            return [f"puts {a} and {b} the other way round from the cited paragraphs"]
    return []
