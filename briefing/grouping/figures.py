"""Figures evidence for `group`: the figures two articles report ("3,200",
"$480m", "٣٠٠ ألف"), the only words that survive translation, compared
across languages. Figures are event-specific: the two languages' reports of
one story share them, a near miss about the same place mostly does not. An
article that reports only a few figures counts for less.

A figure is evidence of one event in proportion to how specific it is: in
an input of hundreds of articles, two-digit counts ("41 dead", "41 stalls")
coincide between unrelated reports by chance, while "3,200" or "$480m"
rarely do. Each figure is weighed by the chance that a match on it is not
such a coincidence (`specificity`), measured on the input itself.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..models import Article
from ..text import ascii_digits
from .wording import Tfidf

__all__ = ["figure_rows", "figures_in", "specificity"]

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
    each figure's weight times its `specificity` (rows L2-normalised again,
    so that a pair whose shared figures are ones any report might give has
    a low cosine), each row scaled by k / (k + _FIGURES_HALF) for an article
    with k distinct figures (as the square root, so that a pair gets the
    geometric mean of its two articles' confidences)."""
    counts = [figures_in(a) for a in ordered]
    rows = Tfidf(counts, ["*"] * len(counts))
    specific = specificity(counts)
    # The vocabulary is the sorted terms of the single pool (see Tfidf).
    weights = np.array([specific[t] for t in sorted(specific)], dtype=np.float64)
    row_of = np.repeat(np.arange(len(counts)), np.diff(rows.indptr))
    rows.data *= weights[rows.indices]
    rows.data /= np.sqrt(np.bincount(row_of, rows.data**2, minlength=len(counts)))[row_of]
    sizes = np.array([len(c) for c in counts], dtype=np.float64)
    confidence = np.sqrt(sizes / (sizes + _FIGURES_HALF))
    rows.data *= confidence[row_of]
    return rows


def specificity(counts: Sequence[Counter[str]]) -> dict[str, float]:
    """For each figure of the articles (`figures_in`), the chance that two
    articles sharing it share it because they report one event: 1 / (1 + c),
    where c is how many articles of the input can be expected to give it by
    chance, the input's mentions of figures of its band (as many digits
    before the point, as many significant digits) over the values the band
    holds. With one real match and c chance ones, a match is the real one
    one time in 1 + c. "41" among a few hundred articles that mostly give
    a two-digit count (90 values) is about 0.25; "1853" (9,000 values)
    stays near 1, "3200" (90 values) near 1 unless round thousands are
    common in the input; the fewer the articles, the nearer 1 every figure."""
    mentions = Counter(_band(t) for count in counts for t in count)
    out: dict[str, float] = {}
    for count in counts:
        for t in count:
            band = _band(t)
            out[t] = 1.0 / (1.0 + mentions[band] / (9 * 10 ** (band[1] - 1)))
    return out


def _band(figure: str) -> tuple[int, int]:
    """Digits before the point, and significant digits, of a figure as
    `figures_in` writes it ("3200" is (4, 2), "2.4" (1, 2))."""
    significant = figure.replace(".", "").strip("0")
    return len(figure.split(".")[0]), max(len(significant), 1)
