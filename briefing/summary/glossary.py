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
from ..text import normalize

BUILTIN = "glossary.toml"
_KEYS = {"en", "ar", "also_en", "also_ar", "avoid_en", "avoid_ar", "kind"}

# Arabic attaches conjunctions, prepositions and the article to the word, and
# adjectives (nisba) add endings; a name matches with these around it.
_AR_PREFIX = "(?:[وفبلك]|وب|ول|فب|فل|وك)?(?:ال)?"
_AR_SUFFIX = "(?:ي|يه|يين|يون|يا|ين|ون|ان|ه)?"
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
    kind: str = ""

    def preferred(self, lang: Lang) -> str:
        return self.ar if lang == "ar" else self.en

    def accepted(self, lang: Lang) -> tuple[str, ...]:
        """Forms that name this entry correctly in `lang` (preferred first)."""
        return (self.preferred(lang), *(self.also_ar if lang == "ar" else self.also_en))

    def avoided(self, lang: Lang) -> tuple[str, ...]:
        return self.avoid_ar if lang == "ar" else self.avoid_en


def _pattern(forms: Iterable[str], lang: Lang) -> re.Pattern[str] | None:
    """One regex matching any of `forms` as whole words in text prepared by
    `_prepare` for `lang`."""
    alternatives = []
    for form in forms:
        if lang == "ar":
            folded = normalize(form)
            body = r"\s+".join(re.escape(w) for w in folded.split())
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
    flags = re.IGNORECASE if lang == "en" else 0
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", flags)


def _prepare(text: str, lang: Lang) -> str:
    return normalize(text) if lang == "ar" else text


def _keys(forms: Iterable[str], lang: Lang) -> tuple[str, ...]:
    """Substrings that text prepared by `_prepare` and casefolded must
    contain for `_pattern(forms, lang)` to match it: a cheap test that spares
    most regex searches."""
    keys = []
    for form in forms:
        words = (normalize(form) if lang == "ar" else form.casefold()).split()
        if not words:
            continue
        first = words[0]
        # The first word only (the pattern allows any spacing between words);
        # in Arabic without its article, so "للأمم" (لِ + الأمم) still has it.
        keys.append(first[2:] if lang == "ar" and first.startswith("ال") else first)
    return tuple(k for k in keys if k)


@dataclass(frozen=True)
class _Compiled:
    entry: Entry
    accepted: dict[Lang, re.Pattern[str] | None]
    avoided: dict[Lang, re.Pattern[str] | None]
    keys: dict[Lang, tuple[str, ...]]


class Glossary:
    """A set of entries with matching in Arabic and English text."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self._compiled = [
            _Compiled(
                e,
                {lang: _pattern(e.accepted(lang), lang) for lang in ("ar", "en")},
                {lang: _pattern(e.avoided(lang), lang) for lang in ("ar", "en")},
                {lang: _keys((*e.accepted(lang), *e.avoided(lang)), lang) for lang in ("ar", "en")},
            )
            for e in self.entries
        ]

    def __len__(self) -> int:
        return len(self.entries)

    def mentioned(self, text: str, lang: Lang) -> list[Entry]:
        """Entries that `text` (written in `lang`) names in any known form."""
        prepared = _prepare(text, lang)
        folded = prepared.casefold()
        found = []
        for c in self._compiled:
            if not any(key in folded for key in c.keys[lang]):
                continue
            for pattern in (c.accepted[lang], c.avoided[lang]):
                if pattern is not None and pattern.search(prepared):
                    found.append(c.entry)
                    break
        return found

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
        found = []
        for c in self._compiled:
            if not any(key in folded for key in c.keys[lang]):
                continue
            for pattern in (c.accepted[lang], c.avoided[lang]):
                if pattern is not None:
                    found += [(m.start(), m.end(), c.entry) for m in pattern.finditer(prepared)]
        return sorted(found, key=lambda s: (s[0], -s[1]))

    def misnamed(self, text: str, lang: Lang) -> list[tuple[Entry, str]]:
        """(entry, form used) for each entry that `text` names only with a
        spelling the glossary says to avoid."""
        prepared = _prepare(text, lang)
        found = []
        for c in self._compiled:
            avoided = c.avoided[lang]
            if avoided is None:
                continue
            match = avoided.search(prepared)
            accepted = c.accepted[lang]
            if match and not (accepted is not None and accepted.search(prepared)):
                found.append((c.entry, match.group(0)))
        return found


def load_entries(path: Traversable) -> list[Entry]:
    """The [[entry]] tables of one glossary file; ConfigError names the file
    and entry when it is malformed."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
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
        for key in ("also_en", "also_ar", "avoid_en", "avoid_ar"):
            value = raw.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: {key!r} must be a list of strings")
            lists[key] = tuple(value)
        entries.append(Entry(en=raw["en"], ar=raw["ar"], kind=str(raw.get("kind", "")), **lists))
    return entries


# CLDR territory codes that are not countries (continents, unions, the
# unknown region, pseudo-locales, uninhabited or administrative areas).
_NOT_COUNTRIES = {"AC", "AQ", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "ZZ"}
# Country names that are more often something else in English text.
_AMBIGUOUS_EN = {"Chad", "Jersey", "Guernsey", "Georgia"}


def world_countries(known: Sequence[Entry]) -> list[Entry]:
    """The world's countries in Arabic and English from the Unicode CLDR
    data that babel ships (offline), minus those `known` already names: the
    hand-kept entries, with their adjectives and spellings to avoid, win.
    Empty when babel is not installed."""
    try:
        import babel  # a declared dependency; imported here as only this needs it
    except ImportError:
        return []
    en_names, ar_names = babel.Locale("en").territories, babel.Locale("ar").territories
    taken = {
        normalize(form).casefold() for e in known for form in (*e.accepted("en"), *e.accepted("ar"))
    }
    found = []
    for code in sorted(en_names):
        if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES or code not in ar_names:
            continue
        en, ar = en_names[code].replace(" & ", " and "), ar_names[code]
        if en in _AMBIGUOUS_EN or {normalize(en).casefold(), normalize(ar).casefold()} & taken:
            continue
        found.append(Entry(en=en, ar=ar, kind="country"))
    return found


def load_glossary(*extra: Path, builtin: bool = True) -> Glossary:
    """The built-in glossary (unless `builtin` is False; with the world's
    countries from `world_countries` after its own entries) with the entries of
    each `extra` file added; an extra entry with the same English or Arabic
    preferred form as an earlier one replaces it. Raises ConfigError naming
    the file and entry when a file is malformed."""
    builtin_file = resource_dir("prompts").joinpath(BUILTIN)
    entries: list[Entry] = load_entries(builtin_file) if builtin else []
    if builtin:
        entries += world_countries(entries)
    for path in extra:
        for entry in load_entries(path):
            entries = [
                e
                for e in entries
                if normalize(e.en) != normalize(entry.en) and normalize(e.ar) != normalize(entry.ar)
            ]
            entries.append(entry)
    return Glossary(entries)
