"""Numbers written in words, in English and Arabic ("sixteen", "twenty-three",
"مئة", "ثلاثة", "أربعين"), for `summary.checks`: a sentence that writes 16
where its source writes "sixteen" gives the source's number.

Whole words from one to ninety-nine and the hundreds are read, and a
scale after them ("thirty thousand", "ثلاثين ألف", "ملياران") multiplies.
"""

from __future__ import annotations

import re

from .text import alternation, normalize

__all__ = ["is_number_word", "ordinal_numbers", "word_numbers"]

_EN_UNITS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN: dict[str, int] = {w: n for n, w in enumerate(_EN_UNITS, 1)}
_EN |= {w: 10 * n for n, w in enumerate(_EN_TENS, 2)}
_EN |= {"a dozen": 12, "dozen": 12, "a hundred": 100, "one hundred": 100}

# Masculine and feminine forms, nominative and oblique, as written; matched
# after normalize() (alef, yaa and taa marbuta folded) on both sides.
_AR_UNITS = {
    1: "واحد واحدة",
    2: "اثنان اثنين اثنتان اثنتين",
    3: "ثلاث ثلاثة",
    4: "أربع أربعة",
    5: "خمس خمسة",
    6: "ست ستة",
    7: "سبع سبعة",
    8: "ثمان ثماني ثمانية",
    9: "تسع تسعة",
    10: "عشر عشرة",
}
_AR_TENS = {
    20: "عشرون عشرين",
    30: "ثلاثون ثلاثين",
    40: "أربعون أربعين",
    50: "خمسون خمسين",
    60: "ستون ستين",
    70: "سبعون سبعين",
    80: "ثمانون ثمانين",
    90: "تسعون تسعين",
    100: "مئة مائة",
    200: "مئتان مئتين مائتان مائتين",
}
_AR: dict[str, int] = {
    normalize(w): n
    for table in (_AR_UNITS, _AR_TENS)
    for n, forms in table.items()
    for w in forms.split()
}
_AR |= {
    normalize(f"{_AR_UNITS[n].split()[0]}{h}"): n * 100
    for n in range(3, 10)
    for h in ("مئة", "مائة")
}


# A scale after the words multiplies them, as in Arabic: "thirty thousand"
# is 30,000 and "five hundred thousand" 500,000, not thirty or five.
_EN_SCALES = {"thousand": 1000, "million": 10**6, "billion": 10**9}
_EN_WORD = re.compile(
    rf"\b({alternation(list(_EN))})(?:[- ]({alternation(_EN_UNITS[:9])}))?"
    rf"([- ]hundred)?(?:[- ]({alternation(list(_EN_SCALES))}))?\b"
)
# "ست عشرة": a unit and "عشر" (a teen); "خمسة وعشرين": a unit, "و", a ten.
_TEEN = normalize("عشرة")
_AR_WORD = re.compile(
    rf"(?<!\w)[وبل]?({alternation(list(_AR))})(?:\s+({_TEEN}|{_TEEN[:-1]})(?!\w))?"
    rf"(?:\s+و({alternation([w for w, n in _AR.items() if n in range(20, 100, 10)])}))?(?!\w)"
)


# Eleven and twelve: "أحد عشر", "إحدى عشرة", "اثنا عشر", "اثنتي عشرة". Their
# first words are numbers only here ("أحد المسؤولين" is "one of the officials").
_AR_ELEVEN_TWELVE = {
    **{normalize(w): 11 for w in ("أحد", "إحدى")},
    **{normalize(w): 12 for w in ("اثنا", "اثني", "اثنتا", "اثنتي")},
}
_AR_TEEN_WORD = re.compile(
    rf"(?<!\w)[وبل]?({alternation(list(_AR_ELEVEN_TWELVE))})\s+(?:{_TEEN}|{_TEEN[:-1]})(?!\w)"
)


# Scale words: "ثلاثة مليارات وستمئة مليون" is 3,600,000,000, "ألفين واثني
# عشر" is 2012; a dual ("ألفين", "مليونان") counts two of its scale, and a
# plural with no count before it ("آلاف", thousands of) is no number.
_AR_SCALES: dict[str, tuple[int, int]] = {
    normalize(w): (scale, count)
    for scale, one, two, many in (
        (1000, "ألف ألفا", "ألفين ألفان", "آلاف"),
        (10**6, "مليون مليونا", "مليونين مليونان", "ملايين"),
        (10**9, "مليار مليارا", "مليارين ملياران", "مليارات"),
    )
    for count, words in ((1, one), (2, two), (0, many))
    for w in words.split()
}
_AND_A_HALF = re.compile(r"\s+ونصف(?!\w)")
_AR_SCALE_WORD = re.compile(rf"(?<!\w)[وبل]?({alternation(_AR_SCALES)})(?!\w)")


# "خمس" is five, or a fifth when its first letter carries a damma (خُمس);
# the vowel mark, which normalize() drops, is all that tells them apart.
_AR_FIFTH = re.compile("(?<![\\w\u064b-\u0652])[وبل]?(?:ال)?خُمس(?![\\w\u064b-\u0652])")
# Arabic counts two of a unit with its dual, not a numeral: "بهدفين مقابل
# هدف" is a 2-1 score, "يومين" two days, "مرتين" twice.
_AR_UNIT_DUALS = re.compile(
    r"(?<!\w)[وبلف]?(?:ال)?(?:"
    + "|".join(
        normalize(stem) + ending
        for stem in (
            "هدف", "مقعد", "يوم", "أسبوع", "شهر", "عام", "نقطت", "مرت", "دقيقت", "ساعت", "سنت",
        )
        for ending in ("ين", "ان")
    )
    + r")(?!\w)"
)  # fmt: skip
# A score's other side may be one, as a bare singular: "مقابل هدف" (to one).
_AR_AGAINST_ONE = re.compile(r"(?<!\w)مقابل\s+(?:هدف|نقطه|مقعد)(?!\w)")


def is_number_word(word: str) -> bool:
    """Whether `word` (as `text.words` gives it) is a number, or a part of
    one, written in words ("thirty", "thousand", "ألفين", "واثني", "عشر")."""
    if word.casefold() in _EN or word.casefold() in _EN_SCALES or word.casefold() == "hundred":
        return True
    folded = normalize(word)
    forms = (folded, folded[1:] if folded[:1] in "وبل" else folded)
    return any(f in _AR or f in _AR_SCALES or f in _AR_ELEVEN_TWELVE for f in forms)


def word_numbers(text: str) -> set[str]:
    """The numbers (as plain numerals) `text` writes in words."""
    folded = normalize(_AR_FIFTH.sub(" ", text))
    found: set[str] = {"2"} if _AR_UNIT_DUALS.search(folded) else set()
    if _AR_AGAINST_ONE.search(folded):
        found.add("1")
    for m in _EN_WORD.finditer(folded):
        value = _EN[m.group(1)] + (_EN[m.group(2)] if m.group(2) else 0)
        value *= 100 if m.group(3) else 1
        found.add(str(value * _EN_SCALES[m.group(4)] if m.group(4) else value))
    # (start, end, value, scale, count) of each Arabic number word or scale
    # (count: what a scale word alone counts, 0 for a vague plural).
    items: list[tuple[int, int, int, int, int]] = []
    teens = list(_AR_TEEN_WORD.finditer(folded))
    items += [(m.start(), m.end(), _AR_ELEVEN_TWELVE[m.group(1)], 0, 0) for m in teens]
    for m in _AR_WORD.finditer(folded):
        if any(t.start() <= m.start() < t.end() for t in teens):
            continue
        value = _AR[m.group(1)]
        if m.group(2) and value < 10:
            value += 10
        elif m.group(3) and value < 10:
            value += _AR[m.group(3)]
        elif m.group(3):
            found.add(str(_AR[m.group(3)]))
        items.append((m.start(), m.end(), value, 0, 0))
    for m in _AR_SCALE_WORD.finditer(folded):
        if re.search(r"\d[\d.,]*\s*$", folded[: m.start()]):
            continue  # "3.6 مليار": a number in digits, read as such
        scale, count = _AR_SCALES[m.group(1)]
        items.append((m.start(), m.end(), 0, scale, count))
    for run in _runs(sorted(items), folded):
        if not any(scale for *_, scale, _ in run):
            found |= {str(value) for _, _, value, _, _ in run}
            continue
        total = current = last = 0
        for _, _, value, scale, count in run:
            if scale:
                total += (current or count) * scale
                current, last = 0, scale
            else:
                current += value
        # "ملياران ونصف المليار": and half of the last scale.
        if last and not current and _AND_A_HALF.match(folded, run[-1][1]):
            total += last // 2
        if total + current:
            found.add(str(total + current))
    return found


def _runs(
    items: list[tuple[int, int, int, int, int]], text: str
) -> list[list[tuple[int, int, int, int, int]]]:
    """`items` (by position) grouped into runs only whitespace separates:
    the words of one number."""
    runs: list[list[tuple[int, int, int, int, int]]] = []
    for item in items:
        if runs and not text[runs[-1][-1][1] : item[0]].strip():
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


# Ordinals ("the tenth of December", "العاشر من ديسمبر", "المرة الثانية"),
# masculine and feminine, with or without the article; "الحادي عشر" and
# "الثاني عشر" … are the teens.
_AR_ORDINALS = {
    1: "أول أولى الأول الأولى",
    2: "ثاني ثانية الثاني الثانية",
    3: "ثالث ثالثة الثالث الثالثة",
    4: "رابع رابعة الرابع الرابعة",
    5: "خامس خامسة الخامس الخامسة",
    6: "سادس سادسة السادس السادسة",
    7: "سابع سابعة السابع السابعة",
    8: "ثامن ثامنة الثامن الثامنة",
    9: "تاسع تاسعة التاسع التاسعة",
    10: "عاشر عاشرة العاشر العاشرة",
}
_AR_ORDINAL: dict[str, int] = {
    normalize(w): n for n, forms in _AR_ORDINALS.items() for w in forms.split()
}
_AR_ORDINAL[normalize("حادي")] = 1
_AR_ORDINAL[normalize("الحادي")] = 1
_AR_ORDINAL_WORD = re.compile(
    rf"(?<!\w)[وبل]?({alternation(list(_AR_ORDINAL))})(?:\s+({_TEEN}|{_TEEN[:-1]})(?!\w))?(?!\w)"
)
_EN_ORDINAL = {
    w: n
    for n, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
        ],
        1,
    )
}
_EN_ORDINAL_WORD = re.compile(rf"\b({alternation(list(_EN_ORDINAL))})\b")


def ordinal_numbers(text: str) -> set[str]:
    """The numbers (as plain numerals) `text` writes as ordinal words: a
    source that says "العاشر من ديسمبر" gives the 10 of "December 10"."""
    folded = normalize(text)
    found = {str(_EN_ORDINAL[m.group(1)]) for m in _EN_ORDINAL_WORD.finditer(folded)}
    for m in _AR_ORDINAL_WORD.finditer(folded):
        value = _AR_ORDINAL[m.group(1)]
        found.add(str(value + 10 if m.group(2) and value < 10 else value))
    return found


# Fractions as the percentage they are: "half" is 50, "a quarter" 25,
# "ثلثي" two thirds. Not "the second half" or "half an hour" (a match's
# half, a time), nor "نصف النهائي" (a semi-final).
_FRACTIONS = {
    "en": {
        "half": 50, "a third": 33, "one third": 33, "one-third": 33, "two thirds": 67,
        "two-thirds": 67, "a quarter": 25, "one quarter": 25, "three quarters": 75,
        "three-quarters": 75, "a fifth": 20, "one fifth": 20,
    },
    "ar": {
        normalize(w): v
        for w, v in (
            ("نصف", 50), ("ثلث", 33), ("ثلثي", 67), ("ثلثا", 67), ("ربع", 25),
            ("ثلاثة أرباع", 75),
        )
    },
}  # fmt: skip
_FRACTION_WORD = re.compile(
    rf"(?<![\w-])(?:[وبل]?(?:ال)?)?({alternation([*_FRACTIONS['en'], *_FRACTIONS['ar']])})"
    r"(?![\w-])(?!\s+(?:an?\s+hour|time|quarter|"
    + "|".join(map(normalize, ("النهائي", "ساعة", "المليار", "مليار", "المليون", "مليون", "الألف")))
    + "))",
    re.IGNORECASE,
)
_NOT_A_FRACTION = re.compile(r"\b(?:first|second|other)\s+half\b|\bhalf[- ]time\b", re.IGNORECASE)


def fraction_numbers(text: str) -> set[int]:
    """The percentages the fractions `text` writes in words stand for."""
    folded = _NOT_A_FRACTION.sub(" ", normalize(text))
    table = {**_FRACTIONS["en"], **_FRACTIONS["ar"]}
    found = {table[m.group(1).lower()] for m in _FRACTION_WORD.finditer(folded)}
    return found | ({20} if _AR_FIFTH.search(text) else set())
