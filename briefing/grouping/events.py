"""When two articles' events happened, as far as their texts tell.

Publication dates are the best evidence that two reports are about one
event, but many inputs have none. An undated article does not borrow a date
from another article (that joined a 2020 story to 2017 ones); instead the
gap between two articles is read from what each says about itself:

* the weekday its lead names ("on Saturday", "الأربعاء"), or for a dated
  article without one, the weekday it was published: reports of one event
  name the same day, a near miss a few days apart names another. Weekdays
  repeat every week, so this gap is at most three days and only separates;
* the years its text mentions bound when it was written (`not_before`): an
  article that mentions 2020 was not written in 2017, so it is at least that
  far from an article dated 2017.

`gaps` returns, for each pair, the smallest gap in days that this evidence
allows (0 when it says nothing); the caller fades the pair's evidence with
it as it does with a real gap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from ..dates import MONTHS, WEEKDAYS
from ..models import Article
from ..text import alternation, opens_on_dateline

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

_WEEKDAY = re.compile(
    r"(?<![\w])(?:و|يوم\s+|مساء\s+|صباح\s+)?(" + alternation(WEEKDAYS) + r")(?!\w)",
    re.IGNORECASE,
)
# A weekday that heads a date ("Thursday, February 21, 2019", "الخميس 21
# فبراير"): a dateline, the day the report was written, not its event's.
_DATED = re.compile(
    r"\s*[,،]?\s*(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:من\s+)?)?(?:" + alternation(MONTHS) + r")(?!\w)",
    re.IGNORECASE,
)
# The lead: where a report says when its event happened.
_LEAD_CHARS = 400
# Days of gap per day of difference between two leads' weekdays. Two leads
# that name different days tell of different days' events, which says more
# than the same gap between publication times (a late report, a time zone):
# a day apart counts as two.
WEEKDAY_DAYS = 2.0
_YEAR_DAYS = 365.0


def lead_weekdays(article: Article) -> frozenset[int]:
    """The weekday (0 = Monday) an article's lead names first, the day of
    its main event (a dateline's weekday only when no other is named); for
    a dated article whose lead names none, the weekday it was published;
    empty when neither is known."""
    paragraphs = article.paragraphs
    # A first paragraph that is only a dateline is followed by the lead.
    lead = "\n".join(paragraphs[: 2 if opens_on_dateline(paragraphs) else 1])[:_LEAD_CHARS]
    named = list(_WEEKDAY.finditer(lead))
    events = [m for m in named if not _DATED.match(lead, m.end())]
    if named:
        return frozenset({WEEKDAYS[(events or named)[0].group(1).lower()]})
    if article.published is None:
        return frozenset()
    return frozenset({article.published.weekday()})


def _weekday_gap(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return float(min(min((x - y) % 7, (y - x) % 7) for x in a for y in b))


def _year_gap(a: Article, b: Article) -> float:
    """Days at least between when `a` and `b` can have been written, by
    the years each mentions against the other's date or bound."""
    gap = 0.0
    for first, second in ((a, b), (b, a)):
        year = first.published.year if first.published else None
        if year is not None and second.not_before is not None and second.not_before > year:
            gap = max(gap, (second.not_before - year - 1) * _YEAR_DAYS + 1)
    return gap


def gaps(ordered: Sequence[Article], left: Ints, right: Ints) -> Floats:
    """The least gap in days each pair's texts allow, for pairs where at
    least one article is undated (0 for pairs of two dated articles, whose
    real gap the caller uses)."""
    weekdays = [lead_weekdays(a) for a in ordered]
    out = np.zeros(len(left), dtype=np.float64)
    for k, (i, j) in enumerate(zip(left.tolist(), right.tolist(), strict=True)):
        a, b = ordered[i], ordered[j]
        if a.published is not None and b.published is not None:
            continue
        weekday_gap = WEEKDAY_DAYS * _weekday_gap(weekdays[i], weekdays[j])
        out[k] = max(weekday_gap, _year_gap(a, b))
    return out
