"""The days and dates a generated sentence names, held against what it cites.

Similarity cannot see a day moved: "on Friday" for "on Monday" changes one
word of a sentence, and a day of the month is a number the sources may well
have elsewhere ("December 10 … September 16" for "September 10 … December
16"). So a sentence may name only

- weekdays and months that its cited paragraphs, or the title and lead of
  their articles (where a report says when its event happened), name, in
  either language: "الجمعة" and "Friday" are one day;
- days of a month that those texts give with that month, when they give
  any day of it.

Each check returns reasons written for the reader of the report and for the
model asked to repair the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..dates import EN_MONTHS, MONTHS, WEEKDAYS
from ..text import alternation, normalize

__all__ = ["when_reasons"]

_ARABIC_MONTHS = {normalize(k): v for k, v in MONTHS.items() if not k.isascii()}
# "آب" (August) is also "أب" (father) once folded: a month only next to a
# day number or in a "أغسطس/آب" pair.
_AMBIGUOUS_AR = {normalize("آب")}
_WEEKDAY_NAMES = {normalize(k): v for k, v in WEEKDAYS.items()}
_EN_WEEKDAY = [
    k.capitalize() for _, k in sorted((v, k) for k, v in WEEKDAYS.items() if k.isascii())
]


# Matched against normalize()d text: Arabic with an optional conjunction or
# preposition and the article, English lower-cased.
_WEEKDAY = re.compile(rf"(?<!\w)(?:[وفبل]?)({alternation(_WEEKDAY_NAMES)})(?!\w)")
_AR_MONTH = alternation(_ARABIC_MONTHS)
_AR_DAY_MONTH = re.compile(rf"(?<![\w.,])(\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?({_AR_MONTH})(?!\w)")
_AR_MONTH_ONLY = re.compile(rf"(?<!\w)(?:[وفبل]|ل?شهر\s+)?({_AR_MONTH})(?!\w)")
# English in its own case: "May" is a month only beside a day or year.
_EN_NAMES = [m.capitalize() for m in EN_MONTHS if m != "may"]
_EN_ABBREV = [m[:3].capitalize() for m in EN_MONTHS if m != "may"] + ["Sept"]
_EN_MONTH = rf"(?:{alternation(_EN_NAMES)}|(?:{alternation(_EN_ABBREV)})\.|May(?=\s+\d))"
_EN_MONTH_DAY = re.compile(rf"\b({_EN_MONTH})\s+(\d{{1,2}})(?!\d)(?:st|nd|rd|th)?\b")
_EN_DAY_MONTH = re.compile(
    rf"(?<![\d.,])\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_EN_MONTH}|May)\b"
)
_EN_MONTH_ONLY = re.compile(rf"\b({_EN_MONTH}|May(?=,?\s+(?:19|20)\d\d))(?!\w)")


def _en_month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def weekdays(text: str) -> set[int]:
    """The weekdays (0 = Monday) `text` names, in English or Arabic."""
    return {_WEEKDAY_NAMES[m.group(1)] for m in _WEEKDAY.finditer(normalize(text))}


def months(text: str) -> set[int]:
    """The months (1-12) `text` names, in English or Arabic."""
    found = {_en_month(m.group(1)) for m in _EN_MONTH_ONLY.finditer(text)}
    found |= {month for _, month in day_months(text)}
    folded = normalize(text)
    for m in _AR_MONTH_ONLY.finditer(folded):
        if m.group(1) not in _AMBIGUOUS_AR or _beside_date(folded, m.start(1), m.end(1)):
            found.add(_ARABIC_MONTHS[m.group(1)])
    return found


def _beside_date(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 4) : start], text[end : end + 3]
    return bool(re.search(r"[\d/(]\s*$", before) or re.match(r"\s*[/)]", after))


def day_months(text: str) -> set[tuple[int, int]]:
    """The (day, month) dates `text` gives: "December 10", "10 December",
    "10 ديسمبر/كانون الأول"."""
    found = {(int(m.group(2)), _en_month(m.group(1))) for m in _EN_MONTH_DAY.finditer(text)}
    found |= {(int(m.group(1)), _en_month(m.group(2))) for m in _EN_DAY_MONTH.finditer(text)}
    folded = normalize(text)
    found |= {(int(m.group(1)), _ARABIC_MONTHS[m.group(2)]) for m in _AR_DAY_MONTH.finditer(folded)}
    return {(day, month) for day, month in found if 1 <= day <= 31}


# Periods named relative to the report ("last month", "هذا الأسبوع"), each as
# (when, unit): when is -1 before, 0 this, 1 next; unit week, month or year.
_UNITS = {"week": "week", "month": "month", "year": "year"}
_EN_PERIOD = re.compile(
    r"\b(?:(yesterday)|(last|this|next|earlier this|later this|past)\s+(week|month|year))\b",
    re.IGNORECASE,
)
_AR_UNIT = {normalize(k): v for k, v in {
    "الأسبوع": "week", "الاسبوع": "week", "الشهر": "month", "العام": "year", "السنة": "year",
}.items()}  # fmt: skip
_AR_WHEN = {normalize(k): v for k, v in {
    "الماضي": -1, "الماضية": -1, "الفائت": -1, "المنصرم": -1, "السابق": -1,
    "الجاري": 0, "الحالي": 0, "الحالية": 0,
    "المقبل": 1, "المقبلة": 1, "القادم": 1, "القادمة": 1,
}.items()}  # fmt: skip
_AR_PERIOD = re.compile(
    rf"(?<!\w)[وفل]?(?:(امس|البارحه)|(هذا|هذه)\s+({alternation(_AR_UNIT)})|"
    rf"({alternation(_AR_UNIT)})\s+({alternation(_AR_WHEN)}))(?!\w)"
)
_EN_WHEN = {"last": -1, "past": -1, "this": 0, "earlier this": 0, "later this": 0, "next": 1}
_PERIOD_NAMES = {
    (-1, "day"): "yesterday", (-1, "week"): "last week", (0, "week"): "this week",
    (1, "week"): "next week", (-1, "month"): "last month", (0, "month"): "this month",
    (1, "month"): "next month", (-1, "year"): "last year", (0, "year"): "this year",
    (1, "year"): "next year",
}  # fmt: skip


def periods(text: str) -> set[tuple[int, str]]:
    """The periods `text` names relative to when it was written."""
    found: set[tuple[int, str]] = set()
    for m in _EN_PERIOD.finditer(text):
        if m.group(1):
            found.add((-1, "day"))
        else:
            found.add((_EN_WHEN[" ".join(m.group(2).lower().split())], m.group(3).lower()))
    for m in _AR_PERIOD.finditer(normalize(text)):
        if m.group(1):
            found.add((-1, "day"))
        elif m.group(3):
            found.add((0, _AR_UNIT[m.group(3)]))
        else:
            found.add((_AR_WHEN[m.group(5)], _AR_UNIT[m.group(4)]))
    return found


def when_reasons(text: str, context: Sequence[str]) -> list[str]:
    """A reason for each weekday, month or day of a month in the sentence
    `text` that `context` (the cited paragraphs, and the titles and leads of
    their articles, in either language) does not give, and for a period
    named relative to the report ("last year") where the context names
    others but not it ("this month")."""
    reasons = []
    named_periods = periods(text)
    if named_periods:
        known_periods = set().union(*(periods(c) for c in context))
        if known_periods:
            reasons += [
                f"says {_PERIOD_NAMES[p]}, which the cited paragraphs do not: they say "
                + ", ".join(sorted(_PERIOD_NAMES[k] for k in known_periods))
                for p in sorted(named_periods - known_periods)
            ]
    days = weekdays(text)
    if days:
        known_days = set().union(*(weekdays(c) for c in context))
        reasons += [
            f"says {_EN_WEEKDAY[d]}, a day the cited paragraphs do not name"
            for d in sorted(days - known_days)
        ]
    named = months(text)
    if named:
        known_months = set().union(*(months(c) for c in context))
        reasons += [
            f"names the month {EN_MONTHS[m - 1].capitalize()}, which the cited paragraphs do not"
            for m in sorted(named - known_months)
        ]
    dates = day_months(text)
    if dates:
        known_dates = set().union(*(day_months(c) for c in context))
        for day, month in sorted(dates):
            given = {d for d, m in known_dates if m == month}
            if given and day not in given:
                reasons.append(
                    f"dates something {day} {EN_MONTHS[month - 1].capitalize()}; the cited "
                    "paragraphs give another day of that month"
                )
    return reasons
