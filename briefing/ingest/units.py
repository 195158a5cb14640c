"""Citable units: an article's paragraphs as a sentence may cite them.

Several sources flatten their text into one long paragraph (one BBC article
arrived as a single 4,285-character paragraph), which makes a paragraph
citation point at the whole article and the number and quotation checks
meaningless. `citable_units` splits such a paragraph at sentence boundaries
into units of a few sentences, which are then numbered, cited and recorded
in `briefing.json` like any paragraph. Paragraphs of ordinary length are
left as they are, so well-formed articles keep their numbering.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..text import split_sentences

# A paragraph longer than this is a flattened article, not a paragraph (the
# longest paragraphs of well-formed dev-corpus articles are under 1,000).
LONG_PARAGRAPH_CHARS = 1200
# Sentences are packed into a unit until it would pass this length.
UNIT_CHARS = 600


def citable_units(paragraphs: Iterable[str]) -> tuple[str, ...]:
    """`paragraphs` with each one longer than `LONG_PARAGRAPH_CHARS` split
    into consecutive units of whole sentences of up to about `UNIT_CHARS`
    (a single longer sentence is a unit of its own)."""
    units: list[str] = []
    for paragraph in paragraphs:
        if len(paragraph) <= LONG_PARAGRAPH_CHARS:
            units.append(paragraph)
            continue
        current: list[str] = []
        for sentence in split_sentences(paragraph):
            if current and len(" ".join([*current, sentence])) > UNIT_CHARS:
                units.append(" ".join(current))
                current = []
            current.append(sentence)
        if current:
            units.append(" ".join(current))
    return tuple(units)
