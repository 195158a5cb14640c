"""Load articles from files (the `load` stage).

Readers per file extension will live here; `make_article` is the one place
that turns raw fields into an `Article`.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from .models import Article, Lang
from .text import split_paragraphs


def parse_published(value: str | None) -> dt.datetime | None:
    """An ISO 8601 date or date-time as an aware datetime (UTC when the input
    names no zone); None for a missing or empty value. Raises ValueError for
    text that is not a date."""
    if value is None or not str(value).strip():
        return None
    parsed = dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def content_hash(paragraphs: tuple[str, ...]) -> str:
    return hashlib.sha256("\n\n".join(paragraphs).encode("utf-8")).hexdigest()


def make_article(
    *,
    id: str,
    text: str,
    lang: Lang,
    path: str,
    title: str = "",
    source: str = "",
    url: str | None = None,
    published: dt.datetime | None = None,
) -> Article:
    """Build an Article from raw text, splitting it into numbered paragraphs."""
    paragraphs = split_paragraphs(text)
    return Article(
        id=id,
        title=" ".join(title.split()),
        source=" ".join(source.split()),
        url=url or None,
        published=published,
        lang=lang,
        paragraphs=paragraphs,
        path=path,
        content_hash=content_hash(paragraphs),
    )
