"""Clustering for `group`: average linkage on a sparse graph. Each article
keeps its nearest neighbours in each language, and a pair without an edge
counts as chance (zero), which is what calibration makes a missing pair mean.
Memory and time grow with n times the neighbour count, never n squared.
"""

from __future__ import annotations

import heapq
import math

import numpy as np
import numpy.typing as npt

from ..models import LANGS

__all__ = ["average_linkage", "candidate_pairs"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

_ROW_BLOCK = 512


def candidate_pairs(vectors: Floats, langs: Ints, neighbours: int) -> tuple[Ints, Ints]:
    """Pairs (i < j) where one is among the other's nearest neighbours by
    meaning in the other's language. Neighbours are taken per language
    because cross-language cosines run lower and would otherwise be
    crowded out by same-language ones."""
    n = len(vectors)
    found: list[Ints] = []
    for lang in range(len(LANGS)):
        columns = np.flatnonzero(langs == lang)
        if len(columns) == 0:
            continue
        keep = min(neighbours + 1, len(columns))  # +1: a row may find itself
        target = vectors[columns].T
        for start in range(0, n, _ROW_BLOCK):
            sims = vectors[start : start + _ROW_BLOCK] @ target
            top = np.argpartition(-sims, keep - 1, axis=1)[:, :keep]
            rows = np.repeat(np.arange(start, start + len(sims), dtype=np.int64), keep)
            found.append(rows * n + columns[top.ravel()])
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    keys = np.concatenate(found)
    left, right = np.minimum(keys // n, keys % n), np.maximum(keys // n, keys % n)
    unique = np.unique(left[left != right] * n + right[left != right])
    return unique // n, unique % n


def average_linkage(n: int, left: Ints, right: Ints, score: Floats, threshold: float) -> list[int]:
    """Average-linkage agglomerative clustering on a sparse graph: merge the
    two clusters with the highest mean pair score (missing pairs count as 0)
    until no mean reaches `threshold`. Returns a cluster label per index.

    Each cluster keeps only its best neighbour in the heap, so the heap and
    the edge maps stay as large as the graph however big clusters grow.
    """
    clusters = _Clusters(_edge_totals(n, left, right, score), threshold)
    while (pair := clusters.best_pair()) is not None:
        clusters.merge(*pair)
    return clusters.labels()


def _edge_totals(n: int, left: Ints, right: Ints, score: Floats) -> list[dict[int, float]]:
    """Each index's pair scores by neighbour, the graph's edges both ways round."""
    totals: list[dict[int, float]] = [{} for _ in range(n)]  # summed pair scores
    for a, b, s in zip(left.tolist(), right.tolist(), score.tolist(), strict=True):
        totals[a][b] = s
        totals[b][a] = s
    return totals


class _Clusters:
    """The state of the clustering. A cluster is named after its lowest
    index; `totals[a][c]` sums the pair scores between linked clusters a and
    c, `best[a]` is a's best (mean score, neighbour), and `heap` holds
    candidate merges (-mean, a, b) at or above the threshold, some stale."""

    def __init__(self, totals: list[dict[int, float]], threshold: float) -> None:
        n = len(totals)
        self.totals = totals
        self.threshold = threshold
        self.size = [1] * n
        self.alive = [True] * n
        self.parent = list(range(n))
        self.best: list[tuple[float, int]] = [(-math.inf, -1)] * n
        self.heap: list[tuple[float, int, int]] = []
        for a in range(n):
            self._refresh(a)

    def best_pair(self) -> tuple[int, int] | None:
        """The two clusters to merge next, the live pair with the highest
        mean score; None once no mean reaches the threshold (the stop rule)."""
        while self.heap:
            if len(self.heap) > 4 * len(self.size):
                self._rebuild_heap()
                continue
            neg, a, b = heapq.heappop(self.heap)
            if self.alive[a] and self.alive[b] and self.best[a] == (-neg, b):
                return a, b
            # Else stale: a or b merged since, or a found a better match.
        return None

    def merge(self, a: int, b: int) -> None:
        """Merge clusters a and b into the lower of the two, then update the
        best matches the merge changes."""
        keep, gone = min(a, b), max(a, b)
        self.alive[gone] = False
        self.parent[gone] = keep
        self.size[keep] += self.size[gone]
        self._join_edges(keep, gone)
        self._refresh(keep)
        self._update_neighbours(keep, gone)

    def labels(self) -> list[int]:
        """The cluster of each index, named after its lowest index."""
        labels = []
        for i in range(len(self.parent)):
            root = i
            while self.parent[root] != root:
                root = self.parent[root]
            labels.append(root)
        return labels

    def _link(self, a: int, c: int) -> float:
        return self.totals[a][c] / (self.size[a] * self.size[c])

    def _refresh(self, a: int) -> None:
        """Find a's best match anew and queue it if it reaches the threshold."""
        # Ties go to the lower index: clusters are named after their earliest
        # article, so the merge order is the same for any input order.
        candidates = ((self._link(a, c), -c) for c in self.totals[a])
        top = max(candidates, default=(-math.inf, 0))
        self.best[a] = (top[0], -top[1])
        if top[0] >= self.threshold:
            heapq.heappush(self.heap, (-top[0], a, -top[1]))

    def _rebuild_heap(self) -> None:
        # Stale entries pile up when a big cluster keeps changing its
        # neighbours' best match; rebuilding keeps the heap O(n).
        best, alive = self.best, self.alive
        heap = [(-best[c][0], c, best[c][1]) for c in range(len(best)) if alive[c]]
        self.heap = [entry for entry in heap if -entry[0] >= self.threshold]
        heapq.heapify(self.heap)

    def _join_edges(self, keep: int, gone: int) -> None:
        """Move gone's edges to keep, adding up the scores of shared neighbours."""
        totals = self.totals
        del totals[keep][gone]
        del totals[gone][keep]
        for c, s in totals[gone].items():
            del totals[c][gone]
            totals[keep][c] = totals[keep].get(c, 0.0) + s
            totals[c][keep] = totals[keep][c]
        totals[gone] = {}

    def _update_neighbours(self, keep: int, gone: int) -> None:
        """After merging gone into keep: a neighbour whose best match was
        either looks anew, any other takes keep if keep is now better."""
        best = self.best
        for c in self.totals[keep]:
            if best[c][1] in (keep, gone):
                self._refresh(c)
                continue
            link = self._link(keep, c)
            if link > best[c][0] or (link == best[c][0] and keep < best[c][1]):
                best[c] = (link, keep)
                if link >= self.threshold:
                    heapq.heappush(self.heap, (-link, c, keep))
