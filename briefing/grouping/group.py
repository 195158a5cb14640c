"""Group articles that report the same story (the `group` stage).

Two articles are scored by three signals, in the spirit of Miranda et al.
(2018), "Multilingual Clustering of Streaming News":

* meaning: cosine of multilingual sentence embeddings of title and lead
  (from the news lead on: an opening on background is not what happened),
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

Leads that name different people and places tell different events: two
English articles whose headlines and first paragraphs both name someone or
somewhere, and share no name, count as chance (zero) whatever their words
(`names`: "Arlen bans night flights", "Brisk bans night flights").

The sum of meaning and wording is calibrated per language pair (ar-ar, en-en,
ar-en) by subtracting its mean over all pairs of that kind in the input, so
that zero means "as alike as two articles picked at random". This puts
cross-language scores, which run lower, on the same footing as the others and
gives every threshold one meaning: how far above chance a pair must be.

Clustering is average linkage on a sparse graph: each article keeps its
nearest neighbours in each language, and a pair without an edge counts as
chance (zero), which is what calibration makes a missing pair mean. Memory
and time grow with n times the neighbour count, never n squared.

This module scores and calibrates; the evidence is in `wording`, `figures`,
`timing` and `names`, the sparse graph and the clustering in `linkage`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from ..embed import embed
from ..models import LANGS, Article
from ..summary.glossary import Glossary, load_glossary
from ..text import news_paragraphs
from .figures import figure_rows
from .linkage import Linkage, candidate_pairs, cluster
from .names import disjoint
from .timing import fade_with_time
from .wording import PAIR_CHUNK, Tfidf, article_terms

__all__ = ["BORDER_MARGIN", "Border", "Grouping", "group_articles", "group_borderline", "lead_text"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

# Prior means of the uncalibrated score for unrelated pairs, used when an
# input is too small to measure its own: multilingual USE puts unrelated
# same-language texts near 0.25 and cross-language ones near 0.15, and
# unrelated articles share a little vocabulary.
_PRIOR_SAME = 0.3
_PRIOR_CROSS = 0.15
# Pairs' worth of weight given to the prior; 45 pairs is a folder of ten
# articles, where the measured mean starts to outweigh the prior.
_PRIOR_WEIGHT = 45.0

# How near the threshold a decision must fall to be borderline, in units of
# the threshold: a merge made below threshold x 1.25, or refused at or above
# threshold x 0.75. A quarter of the threshold is the precision with which
# the threshold itself is known, not a figure fitted to any data: the default
# 0.2 is a round value (0.15 and 0.25 were as defensible), and the
# small-input adjustment moves it by more than that between a folder of five
# articles and one of twelve. A decision inside that band is one the
# threshold cannot be trusted to make; outside it, a model's word is not
# needed. Scores are means of calibrated pair scores, so the band means the
# same for every language pair and input size.
BORDER_MARGIN = 0.25


@dataclass(frozen=True)
class Border:
    """A borderline decision, in article ids: groups `first` and `second`
    were merged (`merged`) or kept apart with a mean score of `closeness`
    times the threshold; `pair` is the article of each shown to a model
    (the most central of its group)."""

    first: tuple[str, ...]
    second: tuple[str, ...]
    closeness: float
    merged: bool
    pair: tuple[str, str]

    @property
    def distance(self) -> float:
        """How far from the threshold the decision was, in its units."""
        return abs(self.closeness - 1.0)


@dataclass(frozen=True)
class Grouping:
    """The offline grouping of some articles, what was borderline in it, and
    what it needs to group them again with some decisions overruled."""

    groups: list[tuple[str, ...]]
    borderline: list[Border]
    ordered: tuple[Article, ...]
    left: Ints
    right: Ints
    score: Floats
    threshold: float

    def regroup(
        self,
        apart: Sequence[tuple[Sequence[str], Sequence[str]]] = (),
        together: Sequence[tuple[Sequence[str], Sequence[str]]] = (),
    ) -> list[tuple[str, ...]]:
        """The groups when each pair of id sets in `apart` may not share a
        group and each in `together` must (see `linkage.cluster`); with
        neither, `groups`."""
        index = {a.id: i for i, a in enumerate(self.ordered)}

        def indexes(
            pairs: Sequence[tuple[Sequence[str], Sequence[str]]],
        ) -> list[tuple[list[int], list[int]]]:
            return [([index[i] for i in x], [index[i] for i in y]) for x, y in pairs]

        linkage = cluster(
            len(self.ordered),
            self.left,
            self.right,
            self.score,
            self.threshold,
            apart=indexes(apart),
            together=indexes(together),
        )
        return _labelled(linkage.labels, self.ordered)


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
    if not articles:
        return []
    return group_borderline(
        articles,
        threshold=threshold,
        lexical_weight=lexical_weight,
        time_scale_days=time_scale_days,
        neighbours=neighbours,
        lead_chars=lead_chars,
        margin=0.0,
    ).groups


def group_borderline(
    articles: Sequence[Article],
    *,
    threshold: float = 0.2,
    lexical_weight: float = 0.5,
    time_scale_days: float = 2.5,
    neighbours: int = 30,
    lead_chars: int = 1000,
    margin: float = BORDER_MARGIN,
) -> Grouping:
    """`group_articles`' groups (the same ones), with the decisions that fell
    within `margin` of the threshold (see BORDER_MARGIN), most borderline
    first, and what `Grouping.regroup` needs to overrule some of them."""
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        dup = sorted(i for i, c in Counter(ids).items() if c > 1)[0]
        raise ValueError(f"two articles have the id {dup!r}; ids must be unique")
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    ordered = tuple(sorted(articles, key=lambda a: (a.published or oldest, a.id)))
    empty = np.zeros(0, dtype=np.int64)
    if not ordered:
        return Grouping([], [], (), empty, empty, np.zeros(0), threshold)
    left, right, score = _score_pairs(
        ordered, lexical_weight, time_scale_days, neighbours, lead_chars
    )
    n = len(ordered)
    limit = _small_input_threshold(threshold, n)
    linkage = cluster(n, left, right, score, limit, margin=margin)
    border = _borders(linkage, ordered, left, right, score, limit)
    return Grouping(_labelled(linkage.labels, ordered), border, ordered, left, right, score, limit)


def _labelled(labels: Sequence[int], ordered: Sequence[Article]) -> list[tuple[str, ...]]:
    groups: dict[int, list[str]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(ordered[index].id)
    return sorted(tuple(sorted(g)) for g in groups.values())


def _borders(
    linkage: Linkage,
    ordered: Sequence[Article],
    left: Ints,
    right: Ints,
    score: Floats,
    threshold: float,
) -> list[Border]:
    """The borderline decisions in article ids, most borderline first (ties:
    by their articles' ids), each with its groups' most central articles:
    the member with the highest summed score to the rest of its group."""
    pair_score: dict[tuple[int, int], float] = {}
    for a, b, s in zip(left.tolist(), right.tolist(), score.tolist(), strict=True):
        pair_score[a, b] = pair_score[b, a] = s

    def central(members: tuple[int, ...]) -> str:
        def total(i: int) -> float:
            return sum(pair_score.get((i, j), 0.0) for j in members if j != i)

        best = max(members, key=lambda i: (total(i), -i))
        return ordered[best].id

    def ids(members: tuple[int, ...]) -> tuple[str, ...]:
        return tuple(sorted(ordered[i].id for i in members))

    found = [
        Border(
            ids(b.first),
            ids(b.second),
            b.score / threshold,
            b.merged,
            (central(b.first), central(b.second)),
        )
        for b in linkage.borderline
    ]
    return sorted(found, key=lambda b: (b.distance, b.first, b.second))


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
    """Title and opening paragraphs from the news lead on, cut to `chars`
    characters: the part of an article that says what happened, and one
    short text to embed. An opening on background ("With the crisis of 2011,
    the UN…", `text.news_paragraphs`) is left out: it recalls other events
    of the subject, and would join the article to their reports."""
    text = article.title
    year = article.published.year if article.published else None
    for paragraph in news_paragraphs(article.paragraphs, year):
        if len(text) >= chars:
            break
        text = f"{text}\n{paragraph}" if text else paragraph
    return text[:chars]


def _score_pairs(
    ordered: Sequence[Article],
    lexical_weight: float,
    time_scale_days: float,
    neighbours: int,
    lead_chars: int,
) -> tuple[Ints, Ints, Floats]:
    """The candidate pairs (left[k], right[k]) of `ordered` and their scores:
    meaning plus weighted wording (across languages: figures), calibrated
    per language pair and faded with the time between the two articles."""
    langs = np.array([LANGS.index(a.lang) for a in ordered], dtype=np.int64)
    vectors = embed([lead_text(a, lead_chars) for a in ordered]).astype(np.float64)
    lexical = Tfidf([article_terms(a) for a in ordered], [a.lang for a in ordered])
    figures = figure_rows(ordered)
    means = _pair_means(vectors, lexical, figures, langs, lexical_weight)

    left, right = candidate_pairs(vectors, langs, neighbours)
    score = _pair_cosines(vectors, left, right)
    same = langs[left] == langs[right]
    score[same] += lexical_weight * lexical.dots(left[same], right[same])
    score[~same] += lexical_weight * figures.dots(left[~same], right[~same])
    score -= means[langs[left], langs[right]]
    score = fade_with_time(score, ordered, left, right, time_scale_days)
    # Leads that name different people and places tell different events.
    apart = disjoint(ordered, left, right, _glossary())
    score[apart] = np.minimum(score[apart], 0.0)
    return left, right, score


@lru_cache(maxsize=1)
def _glossary() -> Glossary:
    return load_glossary()


def _pair_means(
    vectors: Floats, lexical: Tfidf, figures: Tfidf, langs: Ints, weight: float
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


def _pair_cosines(vectors: Floats, left: Ints, right: Ints) -> Floats:
    """Dot product of each pair of rows, a chunk at a time: gathering every
    pair's rows at once would copy the embeddings once per edge."""
    out = np.empty(len(left), dtype=np.float64)
    for start in range(0, len(left), PAIR_CHUNK):
        a, b = left[start : start + PAIR_CHUNK], right[start : start + PAIR_CHUNK]
        out[start : start + len(a)] = np.einsum("ij,ij->i", vectors[a], vectors[b])
    return out
