"""Citable units: an article flattened into one long paragraph is cited by
units of a few sentences, not as one 4,000-character paragraph."""

from __future__ import annotations

from pathlib import Path

from briefing.ingest.load import load_articles


def test_a_flattened_article_is_split_into_citable_units(tmp_path: Path) -> None:
    sentences = [
        f"The harbour board met for the {n}th time this year and approved {n} new berths."
        for n in range(1, 41)
    ]
    body = " ".join(sentences)
    assert len(body) > 3000
    (tmp_path / "flat.txt").write_text(f"Harbour board meets\n\n{body}\n", encoding="utf-8")
    (tmp_path / "short.txt").write_text(
        "Short story\n\nOne paragraph of a normal length.\n\nAnd a second one.\n", encoding="utf-8"
    )
    loaded = {a.id: a for a in load_articles([tmp_path]).articles}
    flat = loaded["flat"].paragraphs
    assert len(flat) > 4 and all(len(p) <= 700 for p in flat)
    assert " ".join(flat) == body  # whole sentences, in order, nothing lost
    assert loaded["short"].paragraphs == (
        "One paragraph of a normal length.",
        "And a second one.",
    )
