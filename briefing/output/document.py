"""`briefing.json`: the briefing as plain data, and back.

The JSON document is the source of truth: the Markdown and HTML are rendered
from it, and later commands (regenerate, diff) read it back. Field names are
stable and documented in the README; `format` changes when they do.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from ..models import (
    LANGS,
    Article,
    Briefing,
    Citation,
    Dropped,
    Lang,
    PreviousTopic,
    Sentence,
    Skipped,
    Summary,
    Topic,
)

FORMAT = "briefing/1"


def _published(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _summary_data(summary: Summary) -> dict[str, Any]:
    return {
        "method": summary.method,
        "notice": summary.notice,
        "sentences": [
            {
                "text": s.text,
                "citations": [
                    {"article": c.article, "paragraph": c.paragraph} for c in s.citations
                ],
                "judged": s.judged,
            }
            for s in summary.sentences
        ],
        "dropped": [{"text": d.text, "reasons": list(d.reasons)} for d in summary.dropped],
    }


def to_data(briefing: Briefing) -> dict[str, Any]:
    """The briefing as JSON-ready data, in a fixed order."""
    return {
        "format": FORMAT,
        "date": briefing.date.isoformat(),
        "generator": dict(sorted(briefing.meta.items())),
        "inputs": list(briefing.inputs),
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "source": a.source,
                "url": a.url,
                "published": _published(a.published),
                "date_source": a.date_source,
                "not_before": a.not_before,
                "title_source": a.title_source,
                "lang": a.lang,
                "paragraphs": len(a.paragraphs),
                "content_hash": a.content_hash,
                "path": a.path,
            }
            for a in briefing.articles
        ],
        "skipped": [{"path": s.path, "reason": s.reason} for s in briefing.skipped],
        "topics": [
            {
                "id": t.id,
                "articles": list(t.article_ids),
                "title": {lang: t.titles[lang] for lang in LANGS if lang in t.titles},
                "summary": {lang: _summary_data(t.summaries[lang]) for lang in LANGS},
                "tokens": t.tokens,
                "parts": [list(p) for p in t.parts],
                "status": t.status,
                "previous": {"date": t.previous.date, "topic": t.previous.topic}
                if t.previous
                else None,
                "usage": t.usage,
                "related": list(t.related),
                "verification": t.report,
            }
            for t in briefing.topics
        ],
    }


# A lone surrogate, raw in json.dumps' text: only a path can hold one (a file
# name's undecodable byte; every text read is made valid first).
_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(briefing: Briefing) -> str:
    """briefing.json's text: UTF-8 (Arabic stays readable), indented, ending
    in a newline. A path with bytes that are not UTF-8 is written with JSON
    escapes ("\\udcff"), which read back as the same path."""
    text = json.dumps(to_data(briefing), ensure_ascii=False, indent=2) + "\n"
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _summary_from(lang: Lang, data: dict[str, Any]) -> Summary:
    return Summary(
        lang=lang,
        sentences=tuple(
            Sentence(
                s["text"],
                tuple(Citation(c["article"], int(c["paragraph"])) for c in s["citations"]),
                judged=s.get("judged") is True,
            )
            for s in data["sentences"]
        ),
        method=data["method"],
        notice=data.get("notice"),
        dropped=tuple(Dropped(d["text"], tuple(d["reasons"])) for d in data.get("dropped", [])),
    )


def topics_from(data: dict[str, Any]) -> tuple[Topic, ...]:
    """The topics recorded in a briefing.json document."""
    return tuple(
        Topic(
            id=t["id"],
            article_ids=tuple(t["articles"]),
            titles={lang: t["title"][lang] for lang in LANGS if lang in t["title"]},
            summaries={lang: _summary_from(lang, t["summary"][lang]) for lang in LANGS},
            parts=tuple(tuple(p) for p in t.get("parts", [])),
            tokens=int(t.get("tokens", 0)),
            status=t.get("status") if t.get("status") in ("new", "continuing") else None,
            previous=PreviousTopic(t["previous"]["date"], t["previous"]["topic"])
            if t.get("previous")
            else None,
            report=t.get("verification"),
            usage=t.get("usage"),
            related=tuple(t.get("related", [])),
        )
        for t in data["topics"]
    )


def article_records(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The recorded articles of a briefing.json document, by id."""
    return {a["id"]: a for a in data.get("articles", [])}


def stub_article(record: dict[str, Any]) -> Article:
    """An article known only from its record (its file is gone): metadata,
    no paragraphs."""
    try:
        published = dt.datetime.fromisoformat(record["published"])
    except (KeyError, TypeError, ValueError):
        published = None
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=dt.UTC)
    return Article(
        id=record["id"],
        title=record.get("title", ""),
        source=record.get("source", ""),
        url=record.get("url"),
        published=published,
        lang=record["lang"],
        paragraphs=(),
        path=record.get("path", ""),
        content_hash=record.get("content_hash", ""),
        date_source=record.get("date_source") or ("metadata" if published else None),
        not_before=record.get("not_before"),
        title_source=record.get("title_source"),
    )


def inputs_from(data: dict[str, Any]) -> tuple[str, ...]:
    """The input roots a briefing.json records (none before they were recorded)."""
    return tuple(data.get("inputs", []))


def skipped_from(data: dict[str, Any]) -> tuple[Skipped, ...]:
    return tuple(Skipped(s["path"], s["reason"]) for s in data.get("skipped", []))
