"""Time evidence for `group`: evidence that two articles tell the same story
fades with the gap between their publication times. Where an article is
undated, the gap is the least its text allows (`events.gaps`: the weekday
its lead names, the years it mentions): no article borrows another's date,
and an undated article with no such evidence meets others with no gap.

A bare date (a publication day with no time of day, read as midnight UTC)
stands for its whole day: met with a time-of-day stamp, the gap is from
that stamp to the nearest moment of the day, so an Arabic report dated
"5 March" and an English one stamped 5 March 18:40 are not 18 hours apart.
Two bare dates keep their difference in days.

A date inferred from the text (`date_source` "inferred": the latest date
the body gives, "signed on 3 March") is only the earliest the article can
have been written: a later report is no gap from it, an earlier one is
the days before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from ..models import Article
from . import events

__all__ = ["fade_with_time"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

_DAY = 86400.0


def fade_with_time(
    score: Floats, ordered: Sequence[Article], left: Ints, right: Ints, scale_days: float
) -> Floats:
    """Shrink evidence for a pair by exp(-gap / scale); evidence against
    (a score below chance) is kept whole."""
    stamps = np.array(
        [a.published.timestamp() if a.published else np.nan for a in ordered], dtype=np.float64
    )
    bare = np.array([_is_bare_date(a) for a in ordered], dtype=bool)
    floor = np.array([a.date_source == "inferred" for a in ordered], dtype=bool)
    gap = _gap_days(stamps, bare, left, right, floor)
    gap = np.where(np.isnan(gap), events.gaps(ordered, left, right), gap)
    fade = np.exp(-gap / scale_days)
    return np.where(score > 0, score * fade, score)


def _is_bare_date(article: Article) -> bool:
    """Whether `published` is a day without a time of day (midnight UTC)."""
    when = article.published
    if when is None:
        return False
    when = when.astimezone(dt.UTC)
    return (when.hour, when.minute, when.second, when.microsecond) == (0, 0, 0, 0)


def _gap_days(
    stamps: Floats,
    bare: npt.NDArray[np.bool_],
    left: Ints,
    right: Ints,
    floor: npt.NDArray[np.bool_],
) -> Floats:
    """Days between each pair's publication times, a bare date counting as
    the whole of its day unless both are bare, and a `floor` date as all the
    days from it on (NaN where one is undated)."""
    ends = np.where(floor, np.inf, stamps + np.where(bare, _DAY, 0.0))
    apart = np.maximum(stamps[left] - ends[right], stamps[right] - ends[left])
    gap = np.maximum(apart, 0.0)
    both = bare[left] & bare[right] & ~floor[left] & ~floor[right]
    gap = np.where(both, np.abs(stamps[left] - stamps[right]), gap)
    return gap / _DAY
