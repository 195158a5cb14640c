"""Clustering for `group`: average linkage on a sparse graph. Each article
keeps its nearest neighbours in each language, and a pair without an edge
counts as chance (zero), which is what calibration makes a missing pair mean.
Memory and time grow with n times the neighbour count, never n squared.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..models import LANGS

__all__ = ["Borderline", "Linkage", "average_linkage", "candidate_pairs", "cluster"]

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


@dataclass(frozen=True)
class Borderline:
    """A decision the threshold made narrowly: clusters `first` and `second`
    (indexes, sorted) had the mean pair score `score`, within the margin of
    the threshold, and were merged (`merged`) or kept apart."""

    first: tuple[int, ...]
    second: tuple[int, ...]
    score: float
    merged: bool


@dataclass(frozen=True)
class Linkage:
    """A clustering: the cluster label of each index, and the decisions
    that fell within the margin of the threshold (merges in the order they
    were made, then the refused pairs)."""

    labels: list[int]
    borderline: list[Borderline]


Pairs = Sequence[tuple[Sequence[int], Sequence[int]]]


def average_linkage(n: int, left: Ints, right: Ints, score: Floats, threshold: float) -> list[int]:
    """Average-linkage agglomerative clustering on a sparse graph: merge the
    two clusters with the highest mean pair score (missing pairs count as 0)
    until no mean reaches `threshold`. Returns a cluster label per index.

    Each cluster keeps only its best neighbour in the heap, so the heap and
    the edge maps stay as large as the graph however big clusters grow.
    """
    return cluster(n, left, right, score, threshold).labels


def cluster(
    n: int,
    left: Ints,
    right: Ints,
    score: Floats,
    threshold: float,
    *,
    margin: float = 0.0,
    apart: Pairs = (),
    together: Pairs = (),
) -> Linkage:
    """`average_linkage`, also saying which decisions were borderline: the
    merges whose mean score was below threshold x (1 + `margin`) and the
    pairs of final clusters whose mean score was at or above threshold x
    (1 - `margin`) but below the threshold.

    `apart` and `together` overrule the threshold: for each pair (X, Y) in
    `apart`, no cluster may hold members of both X and Y (their mean score
    counts as minus infinity); each pair in `together` ends in one cluster
    (joined after the clustering, as a refused merge would have been).
    """
    clusters = _Clusters(_edge_totals(n, left, right, score), threshold, apart)
    border: list[Borderline] = []
    high = threshold * (1 + margin)
    while (pair := clusters.best_pair()) is not None:
        a, b = pair
        link = clusters.best[a][0]
        if margin and link < high:
            border.append(_decision(clusters.members[a], clusters.members[b], link, True))
        clusters.merge(a, b)
    if margin:
        border.extend(clusters.refused(threshold * (1 - margin)))
    return Linkage(_joined(clusters.labels(), together), border)


def _decision(x: Sequence[int], y: Sequence[int], link: float, merged: bool) -> Borderline:
    first, second = sorted((tuple(sorted(x)), tuple(sorted(y))))
    return Borderline(first, second, link, merged)


def _joined(labels: list[int], together: Pairs) -> list[int]:
    """`labels` with the clusters of each pair in `together` made one, each
    named after its lowest index."""
    if not together:
        return labels
    parent = {label: label for label in labels}

    def root(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for x, y in together:
        for a in [*x, *y]:
            ra, rb = root(labels[x[0]]), root(labels[a])
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return [root(label) for label in labels]


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

    def __init__(self, totals: list[dict[int, float]], threshold: float, apart: Pairs = ()) -> None:
        n = len(totals)
        self.totals = totals
        self.threshold = threshold
        self.size = [1] * n
        self.members: list[list[int]] = [[i] for i in range(n)]
        # For `apart`: each cluster's (pair number, side) marks; two clusters
        # with one pair's opposite sides may not merge.
        self.marks: list[set[tuple[int, int]]] = [set() for _ in range(n)]
        for k, sides in enumerate(apart):
            for side, indexes in enumerate(sides):
                for i in indexes:
                    self.marks[i].add((k, side))
        self.constrained = bool(apart)
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
        self.members[keep].extend(self.members[gone])
        self.members[gone] = []
        self.marks[keep] |= self.marks[gone]
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

    def refused(self, floor: float) -> list[Borderline]:
        """The pairs of live clusters whose mean score is at or above
        `floor` but below the threshold, by lower cluster."""
        found = []
        for a, linked in enumerate(self.totals):
            for c in sorted(linked):
                if a < c and self.alive[a] and self.alive[c]:
                    link = self._link(a, c)
                    if floor <= link < self.threshold:
                        found.append(_decision(self.members[a], self.members[c], link, False))
        return found

    def _link(self, a: int, c: int) -> float:
        if self.constrained and self._kept_apart(a, c):
            return -math.inf
        return self.totals[a][c] / (self.size[a] * self.size[c])

    def _kept_apart(self, a: int, c: int) -> bool:
        other = self.marks[c]
        return any((k, 1 - side) in other for k, side in self.marks[a])

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
