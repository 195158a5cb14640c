"""Find articles loaded twice: the same id, the same text, or nearly the same text."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import PurePosixPath
from typing import Any

import numpy as np

from ..models import Article, Skipped
from ..text import words
from .readers import Where

_SHINGLE_WORDS = 3
# Jaccard similarity of word-trigram sets, in percent, at which two texts are
# one article: above what distinct reports of the same event reach, below
# what a re-published copy with a changed word or dateline keeps.
NEAR_DUPLICATE_PERCENT = 90


def _shingles(text: str) -> tuple[bytes, np.ndarray[Any, np.dtype[np.int64]]]:
    """(key of the normalised words, hashes of the word trigrams)."""
    tokens = words(text)
    key = hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=16).digest()
    grams = zip(*(tokens[i:] for i in range(_SHINGLE_WORDS)), strict=False)
    # Python's hash differs between runs; it only orders the trigrams for the
    # prefix filter, and every candidate is checked exactly, so the outcome
    # does not change (bar a 64-bit collision).
    hashes = {hash(g) for g in grams} or {hash(tuple(tokens))}
    return key, np.fromiter(hashes, dtype=np.int64, count=len(hashes))


def deduplicate(
    candidates: Sequence[tuple[Article, Where]], named_by_file: Sequence[bool] = ()
) -> tuple[list[Article], list[Skipped]]:
    """Keep the first of each id and of each (near-)identical text, in the
    given order; the others are skipped naming the one kept. An article whose
    id is only its file's name (`named_by_file`) is not skipped for that id:
    `bbc/story.txt` after `afp/story.txt` is another article, `bbc-story`.

    Near-duplicates are found by prefix filtering (the similarity-join trick):
    each text's trigrams are ranked rarest first across all texts, and two
    texts with Jaccard >= t must share one of the first n - ceil(t*n) + 1
    trigrams of each. Only those rare trigrams are indexed, so a text is
    compared with the handful of texts that share one, not with all of them,
    and no pair above the threshold is missed.
    """
    if not candidates:
        return [], []
    keys, sets = zip(*(_shingles(article.text) for article, _ in candidates), strict=True)
    everything = np.concatenate(sets)
    unique, inverse, counts = np.unique(everything, return_inverse=True, return_counts=True)
    rank = np.empty(len(unique), dtype=np.int64)
    rank[np.lexsort((unique, counts))] = np.arange(len(unique))
    ranked: list[np.ndarray[Any, np.dtype[np.int64]]] = []
    start = 0
    for s in sets:
        ranked.append(np.sort(rank[inverse[start : start + len(s)]]))
        start += len(s)

    kept: list[Article] = []
    skipped: list[Skipped] = []
    by_key: dict[bytes, int] = {}
    by_id: dict[str, int] = {}
    index: dict[int, list[int]] = {}
    pct = NEAR_DUPLICATE_PERCENT
    taken = {article.id for article, _ in candidates}
    for i, (article, where) in enumerate(candidates):
        if keys[i] in by_key:
            first, first_where = candidates[by_key[keys[i]]]
            skipped.append(where.skip(f"same text as {first.id} ({first_where.label})"))
            continue
        size = len(ranked[i])
        prefix = ranked[i][: size - (pct * size + 99) // 100 + 1].tolist()
        near = sorted({j for token in prefix for j in index.get(token, ())})
        match = next((j for j in near if _similar(ranked[i], ranked[j], pct)), None)
        if match is not None:
            first, first_where = candidates[match]
            skipped.append(where.skip(f"near-duplicate of {first.id} ({first_where.label})"))
            continue
        if article.id in by_id and i < len(named_by_file) and named_by_file[i]:
            article = replace(article, id=_free_id(article.id, where, taken))
            taken.add(article.id)
        if article.id in by_id:
            first_where = candidates[by_id[article.id]][1]
            skipped.append(where.skip(f"duplicate id '{article.id}' (also in {first_where.label})"))
            continue
        by_key[keys[i]] = by_id[article.id] = i
        for token in prefix:
            index.setdefault(token, []).append(i)
        kept.append(article)
    return kept, skipped


def _free_id(article_id: str, where: Where, taken: set[str]) -> str:
    """An id for a file whose name another article's id has: its folder's
    name before it, else a number after it, whichever no article has."""
    folder = PurePosixPath(where.path).parent.name
    options = [f"{folder}-{article_id}"] if folder not in ("", ".", "..") else []
    numbered = (f"{article_id}-{n}" for n in range(2, len(taken) + 3))
    return next(name for name in (*options, *numbered) if name not in taken)


def _similar(
    a: np.ndarray[Any, np.dtype[np.int64]], b: np.ndarray[Any, np.dtype[np.int64]], pct: int
) -> bool:
    small, large = sorted((len(a), len(b)))
    if small * 100 < pct * large:  # sizes alone rule it out
        return False
    # Both are sorted: count the items of `a` found at their place in `b`.
    at = np.searchsorted(b, a).clip(max=len(b) - 1)
    overlap = int(np.count_nonzero(b[at] == a))
    return overlap * 100 >= pct * (len(a) + len(b) - overlap)
