"""Shared test helpers: articles written for the tests, and the corpus path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.ingest.load import make_article
from briefing.models import Article, Lang

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"


def article(
    id: str,
    text: str,
    lang: Lang = "en",
    title: str = "",
    published: str | None = "2026-11-21T08:00:00+00:00",
    url: str | None = None,
    source: str = "Test Wire",
) -> Article:
    return make_article(
        id=id,
        text=text,
        lang=lang,
        path=f"{id}.json",
        title=title,
        source=source,
        url=url,
        published=dt.datetime.fromisoformat(published) if published else None,
    )


@pytest.fixture
def corpus() -> Path:
    if not (CORPUS / "dev").is_dir():
        pytest.skip(f"the development corpus is not at {CORPUS}")
    return CORPUS
