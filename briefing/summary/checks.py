"""The checks of one sentence that need no model: how it is written, and
whether its numbers, quotations and names are in the paragraphs it cites.

Each check returns the reasons the sentence fails it (none when it passes),
written for the reader of the report and for the model asked to repair it.
`addresses_model` tells which source paragraphs may not be cited at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..models import Article, Lang
from ..numberwords import fraction_numbers, ordinal_numbers, word_numbers
from ..text import ascii_digits, detect_lang, normalize, words
from .actors import actor_reasons
from .arithmetic import in_years, totals, worked_out
from .crossing import UNITS, unit_figures
from .glossary import Entry, Glossary

MAX_WORDS = 80
NAMES_IN_SENTENCE_KINDS = frozenset({"country", "territory", "body", "person"})

_LANG_NAME: dict[Lang, str] = {"ar": "Arabic", "en": "English"}
_LABEL = re.compile(r"(?<![\w])A\d{1,3}(?![\w])")
_MARKUP = re.compile(r"https?://|www\.|<\s*/?\s*[a-zA-Z][^>]*>|\[[^\]]*\]\([^)]*\)|```")
# Text in a source that addresses the model rather than the reader. Such a
# paragraph stays in the prompt (it is part of the article) but cannot be
# cited: a sentence resting on it would be repeating the instruction.
_INSTRUCTION = re.compile(
    r"ignore (?:all |any )?(?:the )?(?:previous|prior|above|earlier) (?:instructions|prompts?)"
    r"|disregard (?:all |any |the )?(?:previous|prior|above|earlier|your) "
    r"(?:instructions|prompts?|rules)"
    r"|(?:system|developer) prompt|you are (?:an? )?(?:ai|large language model|language model)"
    r"|(?:in|to|into) your (?:summary|briefing|answer|output|response)\b"
    r"|(?:write|say|state|add|include|mention|report)\b[^.]{0,60}\b(?:in|to|into) "
    r"(?:the|this) (?:summary|briefing)\b"
    r"|تجاهل (?:جميع |كل )?(?:التعليمات|الاوامر)"
    r"|(?:اكتب|اذكر|قل|اضف|ضع)[^.]{0,60}(?:في|الي) (?:الملخص|الموجز)",
    re.IGNORECASE,
)


def addresses_model(paragraph: str) -> bool:
    """True if the paragraph reads as instructions to a language model."""
    return bool(_INSTRUCTION.search(normalize(paragraph)))


# --- numbers ---------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
_SCALE = re.compile(
    r"\s*(thousand|million|billion|trillion|الف|الاف|مليون|ملايين|مليار|مليارات|بليون)\b"
)
_SCALES = {
    "thousand": 3,
    "الف": 3,
    "الاف": 3,
    "million": 6,
    "مليون": 6,
    "ملايين": 6,
    "billion": 9,
    "مليار": 9,
    "مليارات": 9,
    "بليون": 9,
    "trillion": 12,
}


def _canonical(number: str) -> str:
    """A plain decimal numeral: no thousands separators, no leading or
    trailing zeros ("2,000" and "2000" are one number; "2.50" is "2.5")."""
    whole, _, fraction = number.partition(".")
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def _readings(token: str) -> set[str]:
    """The numbers a written numeral can mean."""
    if _THOUSANDS.fullmatch(token):
        return {_canonical(token.replace(",", ""))}
    if _DOT_THOUSANDS.fullmatch(token):
        return {_canonical(token.replace(".", ""))}
    if "," in token:
        # "2,5" is a decimal comma; "3,4" in a list is two numbers, written
        # "3|4": a list reading is in a paragraph only if all its parts are.
        parts = "|".join(_canonical(p) for p in token.split(","))
        return {_canonical(token.replace(",", ".")), parts}
    if re.fullmatch(r"\d{1,3}\.\d{3}", token):
        return {_canonical(token), _canonical(token.replace(".", ""))}
    return {_canonical(token)}


def _scaled(reading: str, exponent: int) -> str:
    whole, _, fraction = reading.partition(".")
    digits = whole + fraction.ljust(exponent, "0")
    return _canonical(digits[: len(whole) + exponent] + "." + digits[len(whole) + exponent :])


def numbers(text: str) -> list[tuple[str, set[str]]]:
    """Each number written in `text` (Western or Arabic-Indic digits), as
    written and as the set of plain numerals it can stand for ("2.5 million"
    also stands for 2500000)."""
    prepared = normalize(text)
    found = []
    for match in _NUMBER.finditer(prepared):
        readings = _readings(match.group())
        scale = _SCALE.match(prepared, match.end())
        if scale:
            exponent = _SCALES[scale.group(1)]
            readings |= {_scaled(r, exponent) for r in readings if "|" not in r}
        found.append((match.group(), readings))
    return found


# --- quotations ------------------------------------------------------------

# Single quotation marks double as apostrophes ("Britain's", "shouldn’t"):
# an opening one follows no letter, and one inside a word does not close.
_QUOTE = re.compile(
    r"“([^“”]+)”|«([^«»]+)»|\"([^\"]+)\"|„([^„“”]+)[“”]"
    r"|(?<!\w)‘((?:[^‘’]|’(?=\w))+)’(?!\w)|(?<!\w)'((?:[^']|'(?=\w))+)'(?!\w)"
)
_ELLIPSIS = re.compile(r"\.\.\.|…|\[\.\.\.\]")
_FOLD_PUNCT = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "\u00a0": " "})
_EDGE = " \t.,;:!?،؛؟'\"-"


def _fold(text: str) -> str:
    return " ".join(normalize(text).translate(_FOLD_PUNCT).split())


def quotations(text: str) -> list[str]:
    """The texts inside quotation marks ("…", “…”, «…», „…“, ‘…’, '…') in `text`."""
    return [next(g for g in m.groups() if g is not None) for m in _QUOTE.finditer(text)]


def quoted_in(quote: str, paragraph: str) -> bool:
    """True if `quote` appears word for word in `paragraph` (after normalize();
    an ellipsis in the quote may stand for left-out words)."""
    haystack = _fold(paragraph)
    position = 0
    for piece in _ELLIPSIS.split(quote):
        needle = _fold(piece).strip(_EDGE)
        if not needle:
            continue
        found = haystack.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


# --- the checks ------------------------------------------------------------


def sentence_reasons(
    text: str, lang: Lang, cited: Sequence[tuple[Article, str]], glossary: Glossary
) -> list[str]:
    """Why the sentence `text` in `lang` fails the checks against the
    (article, paragraph) pairs it cites: how it is written, then (when it
    cites anything) its numbers, quotations, names and actors (who did and
    who said what: `actors`)."""
    if not text.strip():
        return ["is empty"]
    reasons = form_reasons(text, lang)
    if not cited:
        return reasons
    reasons += number_reasons(text, (p for _, p in cited))
    reasons += unit_reasons(text, lang, cited)
    reasons += quotation_reasons(
        text, lang, [p for a, p in cited if a.lang == lang], [p for a, p in cited if a.lang != lang]
    )
    reasons += entity_reasons(text, lang, cited, glossary)
    reasons += actor_reasons(text, lang, cited, glossary)
    return reasons


def form_reasons(text: str, lang: Lang) -> list[str]:
    """What is wrong with how the sentence is written, whatever it cites:
    its language, length, links or markup, and source labels in the text."""
    reasons: list[str] = []
    detected = detect_lang(text)
    if detected is not None and detected != lang:
        reasons.append(f"is not written in {_LANG_NAME[lang]}")
    if len(text.split()) > MAX_WORDS:
        reasons.append(f"is longer than {MAX_WORDS} words")
    if _MARKUP.search(text):
        reasons.append("contains a link or markup")
    label = _LABEL.search(text)
    if label:
        reasons.append(
            f"contains the source label {label.group(0)} in its text; "
            "cite sources in the citations list only"
        )
    return reasons


def number_reasons(text: str, paragraphs: Iterable[str]) -> list[str]:
    """A reason for each number in `text` that no reading of puts in `paragraphs`."""
    source_numbers: set[str] = set()
    paragraphs_seen = list(paragraphs)
    for paragraph in paragraphs_seen:
        for _written, readings in numbers(paragraph):
            source_numbers |= {part for r in readings for part in r.split("|")}
        # "sixteen states", "أكثر من مئة جريح": the source's number in words.
        source_numbers |= word_numbers(paragraph)
        # "العاشر من ديسمبر": a day, or a count, written as an ordinal.
        source_numbers |= ordinal_numbers(paragraph)
        # "in 2006 ... two years later": the year they count to.
        source_numbers |= _years_later(paragraph)
        # "three decades" is 30 years.
        source_numbers |= set(in_years(paragraph).values())
    reasons = []
    approximate = _approximated(text)
    found = numbers(text)
    stated = {r for _written, readings in found for r in readings} | word_numbers(text)
    years = in_years(text)
    for written, readings in found:
        if any(set(r.split("|")) <= source_numbers for r in readings):
            continue
        if worked_out(readings, written, text, source_numbers, stated):
            continue
        if any(years.get(r) in source_numbers for r in readings):
            continue
        kind = approximate.get(written)
        if kind and any(_rounds_to(r, kind, source_numbers) for r in readings if "|" not in r):
            continue
        # "more than $6 billion" may round "$3.6 billion" and "another $2.5 billion".
        if kind and any(
            _rounds_to(r, kind, totals(source_numbers, most_parts=2))
            for r in readings
            if "|" not in r
        ):
            continue
        reasons.append(f"the number {written} does not appear in the cited paragraphs")
    # A fraction ("a quarter", "ثلثي") must be one the sources give, as a
    # fraction or as a percentage near it ("half" for 48 percent).
    given = {float(n) for n in source_numbers if re.fullmatch(r"\d+(?:\.\d+)?", n)}
    for paragraph in paragraphs_seen:
        given |= {float(f) for f in fraction_numbers(paragraph)}
    for share in sorted(fraction_numbers(text)):
        if not any(abs(share - g) <= _FRACTION_SLACK for g in given):
            reasons.append(
                f"gives {share}% (as a fraction in words), which the cited paragraphs do not"
            )
    # A number the sentence writes in words; "one" and "two" are left out
    # ("one of them", "the two countries" rephrase without counting).
    for value in sorted(word_numbers(text) - source_numbers, key=int):
        kind = approximate.get(value)
        rounded = kind and (
            _rounds_to(value, kind, source_numbers)
            or _rounds_to(value, kind, totals(source_numbers, most_parts=2))
        )
        if worked_out({value}, value, text, source_numbers, stated):
            continue
        if years.get(value) in source_numbers:
            continue
        if int(value) >= 3 and not rounded:
            reasons.append(f"the number {value} (in words) does not appear in the cited paragraphs")
    return reasons


def unit_reasons(text: str, lang: Lang, cited: Sequence[tuple[Article, str]]) -> list[str]:
    """A reason for each figure in `text` that the cited paragraphs give
    only with another unit: "91 dead" for "91 injured", "12 months" for "12
    years", "£480 million" or "$480 million" for "480 مليون جنيه" (Egyptian
    pounds): the right number, the wrong count. A number the paragraphs give
    without a unit is the number check's business."""
    given: dict[float, set[int]] = {}
    for article, paragraph in cited:
        for value, units in unit_figures(normalize(paragraph), article.lang):
            given.setdefault(value, set()).update(units)
    reasons = []
    for value, units in unit_figures(normalize(text), lang):
        if value in given and not units & given[value]:
            said = " or ".join(sorted({_unit_name(u) for u in units}))
            sources = ", ".join(sorted({_unit_name(u) for u in given[value]}))
            amount = f"{value:,.0f}" if value.is_integer() else f"{value:,}"
            reasons.append(
                f"counts {amount} in {said}, which the cited paragraphs count in {sources}"
            )
    return list(dict.fromkeys(reasons))


def _unit_name(unit: int) -> str:
    """A unit as a reason names it: "$", "£", "dirhams", "dead"."""
    return UNITS[unit].currency or UNITS[unit].en[1]


# Percentage points a fraction in words may be from the sources' figure
# ("half" for 48 percent, "a third" for 35 percent).
_FRACTION_SLACK = 8

# Words that make a number approximate: about (either side), more than, less
# than. "Nearly 20,000" may stand for 19,800 and "more than 250" for 253.
_APPROX = {
    "about": (
        "about|around|roughly|approximately|some|nearly|almost|close to|an estimated|"
        "نحو|حوالي|حوالى|قرابة|زهاء|ما يقارب|ما يناهز|قرابه|ما يقرب من"
    ),
    "more": (
        "more than|over|at least|upwards of|أكثر من|اكثر من|ما يزيد على|ما يزيد عن|ما لا يقل عن"
    ),
    "less": "less than|fewer than|under|up to|أقل من|اقل من|دون|ما يقل عن",
}
_APPROX_NUMBER = re.compile(
    r"(?<!\w)("
    + "|".join(f"(?P<{kind}>{normalize(words)})" for kind, words in _APPROX.items())
    + r")\s+(?:\$|US\$|£|€)?(\S+)",
    re.IGNORECASE,
)


def _approximated(text: str) -> dict[str, str]:
    """The numbers `text` gives as approximate (as written, and as the plain
    numeral of one in words), with the kind of approximation."""
    found: dict[str, str] = {}
    prepared = normalize(text)
    for match in _APPROX_NUMBER.finditer(prepared):
        kind = next(k for k in _APPROX if match.group(k))
        number = _NUMBER.match(match.group(match.lastindex or 0))
        if number:
            found.setdefault(number.group(), kind)
        for value in word_numbers(prepared[match.start(match.lastindex or 0) :][:40]):
            found.setdefault(value, kind)
    return found


# A span of years counted on from a year: "two years later", "3 years
# after", "بعد ذلك بعامين", "بعد عامين", "بعد ثلاث سنوات".
_YEARS_LATER = re.compile(
    r"\b(\w+|\d+)[- ]years?\s+(?:later|after)\b"
    r"|(?<!\w)بعد(?:\s+ذلك)?\s+(?:ب)?(?:(عامين|سنتين|عام|سنة)|(\S+)\s+(?:سنوات|أعوام|اعوام))(?!\w)",
    re.IGNORECASE,
)
_A_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


def _years_later(paragraph: str) -> set[str]:
    """The years a paragraph reaches by counting a span of years on from a
    year it gives ("in 2006 ... became president two years later": 2008)."""
    spans: set[int] = set()
    for m in _YEARS_LATER.finditer(ascii_digits(paragraph)):
        if m.group(2):
            spans.add(2 if m.group(2) in ("عامين", "سنتين") else 1)
            continue
        count = m.group(1) or m.group(3)
        value = count if count.isdigit() else next(iter(word_numbers(count)), "")
        if value.isdigit():
            spans.add(int(value))
    years = {int(y) for y in _A_YEAR.findall(ascii_digits(paragraph))}
    return {str(y + n) for y in years for n in spans}


def _rounds_to(reading: str, kind: str, source_numbers: set[str]) -> bool:
    """Whether a round number `reading`, given as approximate (`kind`), is an
    honest rounding of some source number: within its rounding unit (10 for
    20, 1,000 for 20,000, 0.1 for 2.5), on the side the words say, and
    within a quarter of it."""
    try:
        value = float(reading)
    except ValueError:
        return False
    if "." in reading:
        unit = 10.0 ** -len(reading.split(".")[1])
    else:
        stripped = reading.rstrip("0")
        unit = 10.0 ** (len(reading) - len(stripped)) if stripped else 1.0
    for source in source_numbers:
        try:
            other = float(source)
        except ValueError:
            continue
        gap = other - value
        if other <= 0 or abs(gap) > unit or abs(gap) > other / 4:
            continue
        if kind == "about" or (kind == "more" and gap > 0) or (kind == "less" and gap < 0):
            return True
    return False


def quotation_reasons(
    text: str, lang: Lang, same_lang: Sequence[str], other_lang: Sequence[str] = ()
) -> list[str]:
    """A reason for each quotation in `text` that is not word for word in one
    of `same_lang`, the cited paragraphs in the sentence's language `lang`.
    A sentence that cites only `other_lang` paragraphs can only translate a
    quotation: one of them must quote someone."""
    reasons = []
    translated = not same_lang and any(quotations(p) for p in other_lang)
    for quote in quotations(text):
        if not translated and not any(quoted_in(quote, p) for p in same_lang):
            where = f"a cited {_LANG_NAME[lang]} paragraph"
            reasons.append(f"the quotation “{quote}” does not appear word for word in {where}")
    return reasons


def _office_countries(text: str, lang: Lang, glossary: Glossary, present: set[int]) -> set[int]:
    """ids of the countries `text` names only as the nationality of a named
    person's office: "الرئيس الأمريكي دونالد ترامب", "U.S. President Donald
    Trump". A translation adds such a title; the person, named in the cited
    paragraphs, is the claim."""
    spans = glossary.spans(text, lang)
    prepared = normalize(text) if lang == "ar" else text
    persons = [(s, e) for s, e, entry in spans if entry.kind == "person" and id(entry) in present]
    uses: dict[int, list[bool]] = {}
    for _start, end, entry in spans:
        if entry.kind != "country":
            continue
        office = any(
            p_start >= end and len(re.findall(r"\w+", prepared[end:p_start])) <= 1
            for p_start, _ in persons
        )
        uses.setdefault(id(entry), []).append(office)
    return {key for key, offices in uses.items() if all(offices)}


def _introduced_people(
    named: Sequence[Entry], cited: Sequence[tuple[Article, str]], glossary: Glossary
) -> set[int]:
    """ids of the people among `named` whom a cited article names in full
    somewhere and a cited paragraph of it by surname alone ("Theresa May",
    then "May said"): news gives the full name at first mention."""
    found: set[int] = set()
    for article in {a.id: a for a, _ in cited}.values():
        people = [e for e in named if e.kind == "person"]
        if not people:
            break
        whole = {id(e) for e in glossary.relevant((p, article.lang) for p in article.paragraphs)}
        paragraphs = [words(normalize(p)) for a, p in cited if a.id == article.id]
        for entry in people:
            surname = words(normalize(entry.preferred(article.lang)))[-1:]
            if id(entry) in whole and any(surname[0] in p for p in paragraphs if surname):
                found.add(id(entry))
    return found


def _seats_of_named_states(named: Sequence[Entry], present: Sequence[Entry]) -> set[int]:
    """ids of the seats of government among `named` ("the White House",
    "the Kremlin": bodies with a `country`) whose country is among `present`:
    news names a state's leadership by its seat ("ten presidents passed
    through the White House" for "ten American presidents")."""
    countries = {e.en for e in present if e.kind in ("country", "nationality")}
    return {id(e) for e in named if e.kind == "body" and e.country and e.country in countries}


def entity_reasons(
    text: str, lang: Lang, cited: Sequence[tuple[Article, str]], glossary: Glossary
) -> list[str]:
    """Reasons about names: a glossary entity written another way than the
    glossary's (unless a cited source writes it so), and a country, body or
    person that the cited paragraphs and their articles' titles and leads do
    not name."""
    reasons = []
    same_lang = [normalize(p) for a, p in cited if a.lang == lang]
    for entry, used in glossary.misnamed(text, lang):
        if any(normalize(used) in p for p in same_lang):
            # The source itself writes it so: another person or place
            # with a similar name ("Gutiérrez", not "Guterres").
            continue
        preferred = entry.preferred(lang)
        reasons.append(f"writes {used!r} for {entry.en}; the glossary form is {preferred!r}")
    named = [e for e in glossary.mentioned(text, lang) if e.kind in NAMES_IN_SENTENCE_KINDS]
    if named:
        sources: list[tuple[str, Lang]] = [(p, a.lang) for a, p in cited]
        # The title and lead name the story's actors, whom any paragraph may mean.
        articles = {a.id: a for a, _ in cited}.values()
        sources += [(t, a.lang) for a in articles for t in (a.title, *a.paragraphs[:1])]
        present = {id(e) for e in glossary.relevant(sources)}
        offices = _office_countries(text, lang, glossary, present)
        present |= _introduced_people(named, cited, glossary)
        present |= _seats_of_named_states(named, glossary.relevant(sources))
        for entry in named:
            if id(entry) not in present and id(entry) not in offices:
                reasons.append(
                    f"names {entry.preferred(lang)}, which the cited paragraphs do not mention"
                )
    return reasons
