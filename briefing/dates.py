"""Month and weekday names in English and Arabic (Gregorian months by
their Egyptian/Gulf and Levantine names), for reading dates out of article
text (`ingest.metadata`), telling days apart (`grouping.events`) and checking
the days and dates a generated sentence names (`summary.when`).

Keys are as written (Arabic with its hamzas, English lower case); callers
that match `text.normalize()`d text normalize the keys too.
"""

from __future__ import annotations

__all__ = ["EN_MONTHS", "MONTHS", "WEEKDAYS"]

EN_MONTHS = tuple(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
MONTHS: dict[str, int] = {
    **{m: n for n, m in enumerate(EN_MONTHS, 1)},
    **{m[:3]: n for n, m in enumerate(EN_MONTHS, 1) if m != "may"},
    "sept": 9,
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "أبريل": 4,
    "ابريل": 4,
    "إبريل": 4,
    "مايو": 5,
    "يونيو": 6,
    "يونيه": 6,
    "يوليو": 7,
    "يوليه": 7,
    "أغسطس": 8,
    "اغسطس": 8,
    "سبتمبر": 9,
    "أكتوبر": 10,
    "اكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
    "كانون الثاني": 1,
    "شباط": 2,
    "آذار": 3,
    "اذار": 3,
    "نيسان": 4,
    "أيار": 5,
    "ايار": 5,
    "حزيران": 6,
    "تموز": 7,
    "آب": 8,
    "اب": 8,
    "أيلول": 9,
    "ايلول": 9,
    "تشرين الأول": 10,
    "تشرين الاول": 10,
    "تشرين الثاني": 11,
    "كانون الأول": 12,
    "كانون الاول": 12,
}
_EN_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"
_AR_WEEKDAYS = "الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد"
WEEKDAYS: dict[str, int] = {
    **{d: n for n, d in enumerate(_EN_WEEKDAYS.split(" "))},
    **{d: n for n, d in enumerate(_AR_WEEKDAYS.split(" "))},
    "الإثنين": 0,
    "الاربعاء": 2,
    "الاحد": 6,
}
