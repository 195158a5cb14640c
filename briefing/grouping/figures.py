"""Figures evidence for `group`: the figures two articles report ("3,200",
"$480m", "٣٠٠ ألف"), the only words that survive translation, compared
across languages. Figures are event-specific: the two languages' reports of
one story share them, a near miss about the same place mostly does not. An
article that reports only a few figures counts for less.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..models import Article
from ..text import ascii_digits
from .wording import Tfidf

__all__ = ["figure_rows", "figures_in"]

# An article reporting this many distinct figures counts half: one or two
# shared figures (a year, "23 diplomats") say little about the event.
_FIGURES_HALF = 3.0
# A figure in ASCII or Arabic-Indic digits (\d matches both) and separators,
# with an optional word for thousands, which Arabic spells out ("300 ألف",
# "آلاف") where English writes digits ("300,000").
_FIGURE = re.compile(
    r"(\d+(?:[.,\u066b\u066c]\d+)*)(?:\s*(thousand|[اأ]لف|[اآ]لاف)(?!\w))?", re.IGNORECASE
)
_THOUSANDS = re.compile(r",(?=\d{3}(?!\d))")


def figures_in(article: Article) -> Counter[str]:
    """The figures an article reports, written one way whatever the script:
    "3,200" and "٣٢٠٠" give "3200", "300,000" and "٣٠٠ ألف" give "300000",
    "2.40" gives "2.4". Single digits are left out: they are mostly times,
    ranks and counts that any story has."""
    found: Counter[str] = Counter()
    # Folding only the matches: folding the whole text costs ten times more.
    for match in _FIGURE.finditer(f"{article.title}\n{article.text}"):
        digits = _THOUSANDS.sub("", ascii_digits(match.group(1))).replace(",", ".")
        if "." in digits:
            digits = digits.rstrip("0").rstrip(".")
        if match.group(2):
            digits = f"{float(digits) * 1000:.6g}" if "." in digits else digits + "000"
        elif "." not in digits:
            digits = digits.lstrip("0") or "0"
        if len(digits) > 1:
            found[digits] += 1
    return found


def figure_rows(ordered: Sequence[Article]) -> Tfidf:
    """TF-IDF rows of figures, one vocabulary and IDF for all languages,
    each row scaled by k / (k + _FIGURES_HALF) for an article with k
    distinct figures (as the square root, so that a pair gets the geometric
    mean of its two articles' confidences)."""
    counts = [figures_in(a) for a in ordered]
    rows = Tfidf(counts, ["*"] * len(counts))
    sizes = np.array([len(c) for c in counts], dtype=np.float64)
    confidence = np.sqrt(sizes / (sizes + _FIGURES_HALF))
    rows.data *= np.repeat(confidence, np.diff(rows.indptr))
    return rows
