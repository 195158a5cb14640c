"""Group articles that report the same story (the `group` stage).

Two articles are scored by three signals, in the spirit of Miranda et al.
(2018), "Multilingual Clustering of Streaming News":

* meaning: cosine of multilingual sentence embeddings of title and lead,
  the main signal that crosses languages;
* wording: cosine of TF-IDF vectors of normalised, lightly stemmed words,
  within one language (IDF per language); across languages, of the figures
  the two articles report ("3,200", "$480m", "٣٠٠ ألف"), the only words that
  survive translation (within a language they are already words). Figures
  are event-specific: the two languages' reports of one story share them, a
  near miss about the same place mostly does not. An article that reports
  only a few figures counts for less;
* time: evidence that two articles tell the same story fades with the gap
  between their publication times. Where one is undated, the gap is the
  least its text allows (`events`: the weekday each lead names, the years
  each mentions), so a near miss cannot skip the fade by lacking a date, and
  no article borrows another's date.

The sum of meaning and wording is calibrated per language pair (ar-ar, en-en,
ar-en) by subtracting its mean over all pairs of that kind in the input, so
that zero means "as alike as two articles picked at random". This puts
cross-language scores, which run lower, on the same footing as the others and
gives every threshold one meaning: how far above chance a pair must be.

Clustering is average linkage on a sparse graph: each article keeps its
nearest neighbours in each language, and a pair without an edge counts as
chance (zero), which is what calibration makes a missing pair mean. Memory
and time grow with n times the neighbour count, never n squared.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from ..embed import embed
from ..models import LANGS, Article
from ..text import ascii_digits, words
from . import events

__all__ = ["group_articles", "lead_text"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

_DAY = 86400.0
# Prior means of the uncalibrated score for unrelated pairs, used when an
# input is too small to measure its own: multilingual USE puts unrelated
# same-language texts near 0.25 and cross-language ones near 0.15, and
# unrelated articles share a little vocabulary.
_PRIOR_SAME = 0.3
_PRIOR_CROSS = 0.15
# Pairs' worth of weight given to the prior; 45 pairs is a folder of ten
# articles, where the measured mean starts to outweigh the prior.
_PRIOR_WEIGHT = 45.0
_MAX_TERMS = 100  # per article; the rest add cost but little evidence
# An article reporting this many distinct figures counts half: one or two
# shared figures (a year, "23 diplomats") say little about the event.
_FIGURES_HALF = 3.0
_PAIR_CHUNK = 5_000
_ROW_BLOCK = 512

# Light Arabic stemming (after Larkey et al.'s "light10"): articles and
# attached conjunctions/prepositions in front, common plural and pronoun
# endings behind, so that "الدبلوماسيين" and "دبلوماسيا" share a stem.
_AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_AR_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "يا", "ه", "ي")
_ARABIC = re.compile("[\u0621-\u064a]")
# A figure in ASCII or Arabic-Indic digits (\d matches both) and separators,
# with an optional word for thousands, which Arabic spells out ("300 ألف",
# "آلاف") where English writes digits ("300,000").
_FIGURE = re.compile(
    r"(\d+(?:[.,\u066b\u066c]\d+)*)(?:\s*(thousand|[اأ]لف|[اآ]لاف)(?!\w))?", re.IGNORECASE
)
_THOUSANDS = re.compile(r",(?=\d{3}(?!\d))")


def group_articles(
    articles: Sequence[Article],
    *,
    threshold: float = 0.2,
    lexical_weight: float = 0.5,
    time_scale_days: float = 2.5,
    neighbours: int = 30,
    lead_chars: int = 1000,
) -> list[tuple[str, ...]]:
    """Group articles that report the same story, across Arabic and English.

    Returns one tuple of article ids per story: ids sorted within a group,
    groups sorted by their first id. Every article is in exactly one group,
    and the result does not depend on the order of `articles`.

    `threshold` is how far above chance (calibrated score, see the module
    docstring) two groups must be on average to merge; `lexical_weight`
    weighs shared wording (across languages: shared figures) against shared
    meaning; `time_scale_days` is the gap over which the evidence of a pair
    fades by a factor e; `neighbours` is how many candidates per article and
    language are scored;
    `lead_chars` caps the title-and-lead text that is embedded.

    Raises ValueError if two articles share an id.
    """
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        dup = sorted(i for i, c in Counter(ids).items() if c > 1)[0]
        raise ValueError(f"two articles have the id {dup!r}; ids must be unique")
    if not articles:
        return []
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    ordered = sorted(articles, key=lambda a: (a.published or oldest, a.id))
    n = len(ordered)
    langs = np.array([LANGS.index(a.lang) for a in ordered], dtype=np.int64)

    vectors = embed([lead_text(a, lead_chars) for a in ordered]).astype(np.float64)
    lexical = _Tfidf([_terms(a) for a in ordered], [a.lang for a in ordered])
    figures = _figure_rows(ordered)
    means = _pair_means(vectors, lexical, figures, langs, lexical_weight)

    left, right = _candidate_pairs(vectors, langs, neighbours)
    score = _pair_cosines(vectors, left, right)
    same = langs[left] == langs[right]
    score[same] += lexical_weight * lexical.dots(left[same], right[same])
    score[~same] += lexical_weight * figures.dots(left[~same], right[~same])
    score -= means[langs[left], langs[right]]
    score = _fade_with_time(score, ordered, left, right, time_scale_days)

    labels = _average_linkage(n, left, right, score, _small_input_threshold(threshold, n))
    groups: dict[int, list[str]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(ordered[index].id)
    return sorted(tuple(sorted(g)) for g in groups.values())


def _small_input_threshold(threshold: float, n: int) -> float:
    """The threshold raised by the share of the calibration that is assumed
    rather than measured: a folder of five articles all about one country
    cannot show what "as alike as two random articles" is for it, so its
    articles must be further above the assumed chance to merge. Doubles the
    threshold for two articles, about x1.8 for five, x1.4 for twelve, and
    fades to x1 as the input grows."""
    pairs = n * (n - 1) / 2
    return threshold * (1 + _PRIOR_WEIGHT / (_PRIOR_WEIGHT + pairs))


def lead_text(article: Article, chars: int) -> str:
    """Title and opening paragraphs, cut to `chars` characters: the part of
    an article that says what happened, and one short text to embed."""
    text = article.title
    for paragraph in article.paragraphs:
        if len(text) >= chars:
            break
        text = f"{text}\n{paragraph}" if text else paragraph
    return text[:chars]


def _stem(word: str) -> str:
    if not _ARABIC.match(word):
        return word
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    if word.startswith("و") and len(word) >= 4:
        word = word[1:]
    for suffix in _AR_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return word


def _terms(article: Article) -> Counter[str]:
    tokens = words(f"{article.title}\n{article.text}")
    return Counter(t for t in map(_stem, tokens) if len(t) > 1 or t.isdigit())


def _figures(article: Article) -> Counter[str]:
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


def _figure_rows(ordered: Sequence[Article]) -> _Tfidf:
    """TF-IDF rows of figures, one vocabulary and IDF for all languages,
    each row scaled by k / (k + _FIGURES_HALF) for an article with k
    distinct figures (as the square root, so that a pair gets the geometric
    mean of its two articles' confidences)."""
    counts = [_figures(a) for a in ordered]
    rows = _Tfidf(counts, ["*"] * len(counts))
    sizes = np.array([len(c) for c in counts], dtype=np.float64)
    confidence = np.sqrt(sizes / (sizes + _FIGURES_HALF))
    rows.data *= np.repeat(confidence, np.diff(rows.indptr))
    return rows


class _Tfidf:
    """Sublinear TF-IDF rows (IDF per pool, usually a language),
    L2-normalised, kept sparse as sorted term ids per row so that pair dot
    products stay vectorised. Terms of different pools never match."""

    def __init__(self, counts: Sequence[Counter[str]], pools: Sequence[str]) -> None:
        df: Counter[tuple[str, str]] = Counter()
        docs_per_pool = Counter(pools)
        for count, pool in zip(counts, pools, strict=True):
            df.update((pool, t) for t in count)
        vocab = {key: i for i, key in enumerate(sorted(df))}
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        for count, pool in zip(counts, pools, strict=True):
            n = docs_per_pool[pool]
            weights = {
                vocab[pool, t]: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[pool, t])) + 1)
                for t, c in count.items()
            }
            # Ties broken by term id so the kept terms never depend on input order.
            top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:_MAX_TERMS]
            top.sort()
            norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
            indices.extend(t for t, _ in top)
            data.extend(w / norm for _, w in top)
            indptr.append(len(indices))
        self.size = len(vocab)
        self.indptr: Ints = np.array(indptr, dtype=np.int64)
        self.indices: Ints = np.array(indices, dtype=np.int64)
        self.data: Floats = np.array(data, dtype=np.float64)

    def rows_sum(self, rows: Ints) -> Floats:
        """The sum of the given rows, as a dense vector over the vocabulary."""
        total = np.zeros(self.size, dtype=np.float64)
        for row in rows:
            lo, hi = self.indptr[row], self.indptr[row + 1]
            total[self.indices[lo:hi]] += self.data[lo:hi]
        return total

    def dots(self, left: Ints, right: Ints) -> Floats:
        """Cosine of each pair (left[k], right[k])."""
        out = np.zeros(len(left), dtype=np.float64)
        for start in range(0, len(left), _PAIR_CHUNK):
            a, b = left[start : start + _PAIR_CHUNK], right[start : start + _PAIR_CHUNK]
            pair_a, pos_a = self._expand(a)
            pair_b, pos_b = self._expand(b)
            # Keys pair*V + term are sorted because rows are, so one
            # searchsorted finds every shared term of every pair at once.
            keys_a = pair_a * self.size + self.indices[pos_a]
            keys_b = pair_b * self.size + self.indices[pos_b]
            if len(keys_b) == 0:
                continue
            at = np.minimum(np.searchsorted(keys_b, keys_a), len(keys_b) - 1)
            hit = keys_b[at] == keys_a
            products = self.data[pos_a[hit]] * self.data[pos_b[at[hit]]]
            out[start : start + len(a)] = np.bincount(pair_a[hit], products, minlength=len(a))
        return out

    def _expand(self, rows: Ints) -> tuple[Ints, Ints]:
        lengths = self.indptr[rows + 1] - self.indptr[rows]
        pair = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
        offsets = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(
            np.cumsum(lengths) - lengths, lengths
        )
        return pair, np.repeat(self.indptr[rows], lengths) + offsets


def _pair_means(
    vectors: Floats, lexical: _Tfidf, figures: _Tfidf, langs: Ints, weight: float
) -> Floats:
    """Mean uncalibrated score over all pairs of each language pair, shrunk
    towards a prior for small inputs. Exact and linear in n: the mean of
    pairwise dot products is a dot product of sums."""
    k = len(LANGS)
    means = np.zeros((k, k), dtype=np.float64)
    sums = [vectors[langs == x].sum(axis=0) for x in range(k)]
    counts = [int((langs == x).sum()) for x in range(k)]
    for x in range(k):
        for y in range(x, k):
            if x == y:
                pairs = counts[x] * (counts[x] - 1) / 2
                rows = np.flatnonzero(langs == x)
                lex_sum = lexical.rows_sum(rows)
                # Each row has norm 1 (or 0 if it has no words).
                self_dots = float(np.count_nonzero(np.diff(lexical.indptr)[rows]))
                total = (float(sums[x] @ sums[x]) - counts[x]) / 2
                total += weight * (float(lex_sum @ lex_sum) - self_dots) / 2
                prior = _PRIOR_SAME
            else:
                pairs = counts[x] * counts[y]
                total = float(sums[x] @ sums[y])
                figure_sums = [figures.rows_sum(np.flatnonzero(langs == z)) for z in (x, y)]
                total += weight * float(figure_sums[0] @ figure_sums[1])
                prior = _PRIOR_CROSS
            means[x, y] = means[y, x] = (_PRIOR_WEIGHT * prior + total) / (_PRIOR_WEIGHT + pairs)
    return means


def _candidate_pairs(vectors: Floats, langs: Ints, neighbours: int) -> tuple[Ints, Ints]:
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


def _pair_cosines(vectors: Floats, left: Ints, right: Ints) -> Floats:
    """Dot product of each pair of rows, a chunk at a time: gathering every
    pair's rows at once would copy the embeddings once per edge."""
    out = np.empty(len(left), dtype=np.float64)
    for start in range(0, len(left), _PAIR_CHUNK):
        a, b = left[start : start + _PAIR_CHUNK], right[start : start + _PAIR_CHUNK]
        out[start : start + len(a)] = np.einsum("ij,ij->i", vectors[a], vectors[b])
    return out


def _fade_with_time(
    score: Floats, ordered: Sequence[Article], left: Ints, right: Ints, scale_days: float
) -> Floats:
    """Shrink evidence for a pair by exp(-gap / scale); evidence against
    (a score below chance) is kept whole. Where an article is undated, the
    gap is the least its text allows (`events.gaps`): no date is borrowed
    from another article."""
    stamps = np.array(
        [a.published.timestamp() if a.published else np.nan for a in ordered], dtype=np.float64
    )
    gap = np.abs(stamps[left] - stamps[right]) / _DAY
    gap = np.where(np.isnan(gap), events.gaps(ordered, left, right), gap)
    fade = np.exp(-gap / scale_days)
    return np.where(score > 0, score * fade, score)


def _average_linkage(n: int, left: Ints, right: Ints, score: Floats, threshold: float) -> list[int]:
    """Average-linkage agglomerative clustering on a sparse graph: merge the
    two clusters with the highest mean pair score (missing pairs count as 0)
    until no mean reaches `threshold`. Returns a cluster label per index.

    Each cluster keeps only its best neighbour in the heap, so the heap and
    the edge maps stay as large as the graph however big clusters grow.
    """
    totals: list[dict[int, float]] = [{} for _ in range(n)]  # summed pair scores
    for a, b, s in zip(left.tolist(), right.tolist(), score.tolist(), strict=True):
        totals[a][b] = s
        totals[b][a] = s
    size = [1] * n
    alive = [True] * n
    parent = list(range(n))
    best: list[tuple[float, int]] = [(-math.inf, -1)] * n
    heap: list[tuple[float, int, int]] = []

    def link(a: int, c: int) -> float:
        return totals[a][c] / (size[a] * size[c])

    def refresh(a: int) -> None:
        # Ties go to the lower index: clusters are named after their earliest
        # article, so the merge order is the same for any input order.
        candidates = ((link(a, c), -c) for c in totals[a])
        top = max(candidates, default=(-math.inf, 0))
        best[a] = (top[0], -top[1])
        if top[0] >= threshold:
            heapq.heappush(heap, (-top[0], a, -top[1]))

    for a in range(n):
        refresh(a)
    while heap:
        if len(heap) > 4 * n:
            # Stale entries pile up when a big cluster keeps changing its
            # neighbours' best match; rebuilding keeps the heap O(n).
            heap = [(-best[c][0], c, best[c][1]) for c in range(n) if alive[c]]
            heap = [entry for entry in heap if -entry[0] >= threshold]
            heapq.heapify(heap)
            continue
        neg, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or best[a] != (-neg, b):
            continue  # stale: a or b merged since, or a found a better match
        keep, gone = min(a, b), max(a, b)
        alive[gone] = False
        parent[gone] = keep
        size[keep] += size[gone]
        del totals[keep][gone]
        del totals[gone][keep]
        for c, s in totals[gone].items():
            del totals[c][gone]
            totals[keep][c] = totals[keep].get(c, 0.0) + s
            totals[c][keep] = totals[keep][c]
        totals[gone] = {}
        refresh(keep)
        for c in totals[keep]:
            if best[c][1] in (keep, gone):
                refresh(c)
            elif link(keep, c) > best[c][0] or (link(keep, c) == best[c][0] and keep < best[c][1]):
                best[c] = (link(keep, c), keep)
                if best[c][0] >= threshold:
                    heapq.heappush(heap, (-best[c][0], c, keep))
    labels = []
    for i in range(n):
        root = i
        while parent[root] != root:
            root = parent[root]
        labels.append(root)
    return labels
