"""Semantic support: how close a sentence is to the paragraphs it cites.

A sentence's support is the highest cosine similarity between its embedding
and those of the cited paragraphs' sentences and pairs of adjacent sentences.
The encoder is shared by worker threads and slow to call, so each topic
embeds everything it will compare in one batch and remembers it.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Sequence

import numpy as np

from ..embed import Vectors, embed
from ..text import split_sentences

_EMBED_LOCK = threading.Lock()


def support_units(paragraph: str) -> list[str]:
    """What a sentence is compared with: each sentence of the paragraph and
    each pair of adjacent sentences (a summary sentence often joins two)."""
    sentences = split_sentences(paragraph)
    return sentences + [f"{a} {b}" for a, b in itertools.pairwise(sentences)]


def embed_locked(texts: Sequence[str]) -> Vectors:
    """`embed`, one caller at a time (the encoder is shared by worker threads)."""
    with _EMBED_LOCK:
        return embed(texts)


class SupportScorer:
    """Support of sentences for one topic, each text embedded once."""

    def __init__(self) -> None:
        self._memo: dict[str, Vectors] = {}

    def vectors(self, texts: Sequence[str]) -> dict[str, Vectors]:
        """Embeddings of `texts`, computing in one batch only those not seen
        before (one encoder call per topic is what keeps verification fast)."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if missing:
            for text, row in zip(missing, embed_locked(missing), strict=True):
                self._memo[text] = row
        return self._memo

    def supports(
        self, sentences: Sequence[str], cited: Sequence[Sequence[str]]
    ) -> list[float | None]:
        """Max cosine of each sentence against the units of the paragraphs it
        cites (`cited`, in the same order); None for a blank sentence or one
        that cites nothing."""
        needed = [s for s in sentences if s.strip()]
        needed += [u for paragraphs in cited for p in paragraphs for u in support_units(p)]
        memo = self.vectors(needed)
        supports: list[float | None] = []
        for sentence, paragraphs in zip(sentences, cited, strict=True):
            units = [u for p in paragraphs for u in support_units(p)]
            if not units or not sentence.strip():
                supports.append(None)
                continue
            matrix = np.vstack([memo[u] for u in units])
            supports.append(float(np.max(matrix @ memo[sentence])))
        return supports

    def closest(self, sentence: str, units: Sequence[str]) -> str | None:
        """The one of `units` (sentences, clauses) closest in meaning to
        `sentence`; None if there is none."""
        units = [u for u in units if u.strip()]
        if not units or not sentence.strip():
            return None
        memo = self.vectors([sentence, *units])
        matrix = np.vstack([memo[u] for u in units])
        return units[int(np.argmax(matrix @ memo[sentence]))]
