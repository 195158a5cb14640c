"""Time evidence for `group`: evidence that two articles tell the same story
fades with the gap between their publication times. Where an article is
undated, the gap is the least its text allows (`events.gaps`: the weekday
its lead names, the years it mentions): no article borrows another's date,
and an undated article with no such evidence meets others with no gap.
"""

from __future__ import annotations

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
    gap = np.abs(stamps[left] - stamps[right]) / _DAY
    gap = np.where(np.isnan(gap), events.gaps(ordered, left, right), gap)
    fade = np.exp(-gap / scale_days)
    return np.where(score > 0, score * fade, score)
