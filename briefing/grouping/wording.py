"""Wording evidence for `group`: TF-IDF vectors of normalised, lightly
stemmed words, compared by cosine within one language (IDF per language).

`Tfidf` also carries the figures evidence (see `figures`), with one pool for
all languages.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from ..models import Article
from ..text import words

__all__ = ["PAIR_CHUNK", "Tfidf", "article_terms"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

_MAX_TERMS = 100  # per article; the rest add cost but little evidence
PAIR_CHUNK = 5_000  # pairs scored at a time

# Light Arabic stemming (after Larkey et al.'s "light10"): articles and
# attached conjunctions/prepositions in front, common plural and pronoun
# endings behind, so that "الدبلوماسيين" and "دبلوماسيا" share a stem.
_AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_AR_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "يا", "ه", "ي")
_ARABIC = re.compile("[\u0621-\u064a]")


def article_terms(article: Article) -> Counter[str]:
    """How often each stemmed word of the title and text occurs; one-letter
    words are left out, one-digit numbers kept."""
    tokens = words(f"{article.title}\n{article.text}")
    return Counter(t for t in map(_stem, tokens) if len(t) > 1 or t.isdigit())


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


class Tfidf:
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
        for start in range(0, len(left), PAIR_CHUNK):
            a, b = left[start : start + PAIR_CHUNK], right[start : start + PAIR_CHUNK]
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
        """For the given rows' entries, the position of each entry's row in
        `rows` and the entry's position in `indices` and `data`."""
        lengths = self.indptr[rows + 1] - self.indptr[rows]
        pair = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
        offsets = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(
            np.cumsum(lengths) - lengths, lengths
        )
        return pair, np.repeat(self.indptr[rows], lengths) + offsets
