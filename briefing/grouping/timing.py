"""Time evidence for `group`: evidence that two articles tell the same story
fades with the gap between their publication times. An undated article takes
the date of its closest dated match, so a near miss cannot skip the fade by
lacking a date; between two undated articles there is no gap.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from ..models import Article

__all__ = ["fade_with_time"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

_DAY = 86400.0


def fade_with_time(
    score: Floats, ordered: Sequence[Article], left: Ints, right: Ints, scale_days: float
) -> Floats:
    """Shrink evidence for a pair by exp(-gap / scale); evidence against
    (a score below chance) is kept whole. An undated article is dated by
    its closest dated match; two undated articles have no gap."""
    stamps = np.array(
        [a.published.timestamp() if a.published else np.nan for a in ordered], dtype=np.float64
    )
    undated = np.isnan(stamps)
    stamps = _date_the_undated(stamps, left, right, score)
    gap = np.abs(stamps[left] - stamps[right]) / _DAY
    gap[undated[left] & undated[right]] = 0.0
    fade = np.exp(-np.nan_to_num(gap, nan=0.0) / scale_days)
    return np.where(score > 0, score * fade, score)


def _date_the_undated(stamps: Floats, left: Ints, right: Ints, score: Floats) -> Floats:
    """Give each undated article the timestamp of the dated article it scores
    highest with, if that score is above chance (else it stays NaN).

    Without this an undated article would meet every dated one with no gap,
    the most favourable case, and so join a near miss days apart as readily
    as its own story. Ties go to the lower index, so the date does not
    depend on input order."""
    undated = np.isnan(stamps)
    if not undated.any():
        return stamps
    mine = np.concatenate([left, right])
    other = np.concatenate([right, left])
    scores = np.concatenate([score, score])
    keep = undated[mine] & ~undated[other] & (scores > 0)
    mine, other, scores = mine[keep], other[keep], scores[keep]
    if len(mine) == 0:
        return stamps
    order = np.lexsort((other, -scores, mine))
    mine, other = mine[order], other[order]
    first = np.flatnonzero(np.r_[True, mine[1:] != mine[:-1]])
    dated = stamps.copy()
    dated[mine[first]] = stamps[other[first]]
    return dated
