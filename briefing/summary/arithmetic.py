"""Verify stage: figures a sentence works out from its sources' figures.

A summary may add up or subtract what its sources give ("59 diplomats ...
23 expelled" -> "from 59 to 36"; "40 dead and more than 100 wounded" ->
"more than 140 killed and wounded"). Such a figure is in no cited paragraph,
yet it is no invention, provided the sentence shows the working: a sum is
called a total (or counts two things at once), and a difference names the
whole it is taken from. A bare figure that merely happens to equal a sum or
a difference ("60 killed" where the source has 40 killed and 100 wounded)
is still a number the sources lack.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from itertools import combinations

from ..numberwords import word_numbers
from ..text import normalize

# Words that present a figure as the total of others.
_TOTAL = re.compile(
    normalize(
        r"(?<!\w)(?:in all|in total|a total of|totall?ing|all told|altogether|together|combined"
        r"|إجمالي|إجمالا|بإجمالي|مجموع|مجموعه|بمجموع|في المجموع|معا|مجتمعة|مجتمعين)(?!\w)"
    ),
    re.IGNORECASE,
)
# A count of two kinds of thing at once: "140 killed and wounded",
# "140 قتيلا وجريحا", "140 dead or injured".
_TWO_KINDS = r"\s+(?:people\s+|شخص\w*\s+)?\w+\s+(?:and|or|و|او)\s*\w+"
# A count of decades or centuries: "three decades", "3 decades", "ثلاثة
# عقود", and the Arabic duals that count two ("عقدين", "قرنين").
_PERIODS = re.compile(
    r"(?<!\w)(\w+|\d+)[\s-]+(?:(decades?)|(centur(?:y|ies))|(عقود|عقد)|(قرون|قرن))(?!\w)"
    r"|(?<!\w)(?:ب|ل|في)?(عقدين|عقدان)(?!\w)|(?<!\w)(?:ب|ل|في)?(قرنين|قرنان)(?!\w)",
    re.IGNORECASE,
)
# Sources' figures more than this many times apart are of different things
# (a year and a death toll), not parts of one total.
_SAME_SIZE = 10
_MOST_PARTS = 3


def _values(source_numbers: set[str]) -> list[Decimal]:
    values = set()
    for number in source_numbers:
        try:
            value = Decimal(number)
        except InvalidOperation:
            continue
        if value > 0:
            values.add(value)
    return sorted(values)


def _plain(value: Decimal) -> str:
    """The numeral as `numbers` writes a reading: no exponent, no trailing zeros."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def in_years(text: str) -> dict[str, str]:
    """Each count of decades or centuries in `text` with the years it is
    ("three decades": 3 -> 30), for a sentence that renders the sources'
    "30 years" so."""
    found = {}
    for match in _PERIODS.finditer(normalize(text)):
        if match.group(6) or match.group(7):
            found["2"] = "20" if match.group(6) else "200"
            continue
        count = match.group(1)
        value = count if count.isdigit() else next(iter(word_numbers(count)), "")
        if value.isdigit():
            scale = 10 if match.group(2) or match.group(4) else 100
            found[value] = str(int(value) * scale)
    return found


def totals(source_numbers: set[str], most_parts: int = _MOST_PARTS) -> set[str]:
    """The sums of two (up to `most_parts`) of the sources' figures of one
    size (none more than ten times another)."""
    values = _values(source_numbers)
    found = set()
    for size in range(2, most_parts + 1):
        for parts in combinations(values, size):
            if parts[-1] <= _SAME_SIZE * parts[0]:
                found.add(_plain(sum(parts, Decimal(0))))
    return found


def differences(source_numbers: set[str]) -> dict[str, set[str]]:
    """Each difference of two of the sources' figures of one size, with the
    larger figures it can be taken from."""
    values = _values(source_numbers)
    found: dict[str, set[str]] = {}
    for small, large in combinations(values, 2):
        if large <= _SAME_SIZE * small and large != small:
            found.setdefault(_plain(large - small), set()).add(_plain(large))
    return found


def called_a_total(text: str, written: str) -> bool:
    """Whether `text` presents the figure `written` as a total: it has a
    word for one, or the figure counts two kinds of thing at once."""
    prepared = normalize(text)
    if _TOTAL.search(prepared):
        return True
    return bool(re.search(re.escape(normalize(written)) + _TWO_KINDS, prepared, re.IGNORECASE))


def worked_out(
    readings: set[str], written: str, text: str, source_numbers: set[str], given: set[str]
) -> bool:
    """Whether a figure the sources lack is their sum or difference, shown
    as one by `text`: a sum it calls a total, or a difference from a larger
    figure the sentence also gives (`given`: every reading of its numbers)."""
    if readings & totals(source_numbers) and called_a_total(text, written):
        return True
    taken_from = differences(source_numbers)
    return any(taken_from.get(r, set()) & given for r in readings)
