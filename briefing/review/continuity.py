"""Continuity with the previous briefing (the `continuity` stage): which of
today's topics carry on a story the previous briefing already told.

A topic continues an earlier one when

* it holds an article the earlier topic held (the same id, or the same text
  under another name): the inputs overlapped and the grouping kept the story
  together, the strongest evidence there is; or else
* it means the same, across languages: the multilingual embeddings of
  today's titles and lead paragraphs, against the earlier topic's titles
  and summary sentences, are well above chance.

"Well above chance" is calibrated as in `group.py`: the encoder puts
unrelated texts near cosine 0.3 within a language and near 0.15 across the
two, so each language pair's cosine is taken relative to its own chance
level and the pairs the two topics have are averaged. A topic continues at
most one earlier topic and is continued by at most one (best pairs first):
when yesterday's story splits in two today, the closer half carries it on
and the other is new.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..embed import embed
from ..ingest.load import content_hash
from ..models import LANGS, Article, Lang, Summary, Topic
from ..output.document import topics_from
from ..output.schema import schema_problem

__all__ = [
    "LOOKBACK_DAYS",
    "THRESHOLD",
    "PreviousMatch",
    "TopicView",
    "match_topics",
    "previous_briefing",
]

Vector = npt.NDArray[np.float64]

# A story the briefings have left alone for more than a week is told afresh,
# not as "what is new since" a briefing the reader has long forgotten.
LOOKBACK_DAYS = 7
# How far above chance (see the module docstring) a topic and an earlier one
# must be, averaged over their language pairs, to be one story. On the
# development corpus, stories that continue (a reprisal, an inquiry into a
# strike, lawsuits against a declaration) score 0.30 to 0.60 and the same
# story split across two days 0.35 to 0.58, while the closest near miss
# (same country, another event) scores 0.25 and unrelated stories under
# 0.18; 0.28 sits in that gap. tests/test_continuity.py holds self-written
# cases on either side.
THRESHOLD = 0.28
_CHANCE_SAME = 0.3
_CHANCE_CROSS = 0.15
# The lead says what happened; more of it blurs the story's gist.
_LEAD_CHARS = 600
_DATE_FOLDER = re.compile(r"\d{4}-\d{2}-\d{2}")
# Every article without text has this hash, so it says nothing about identity.
_NO_TEXT = content_hash(())


@dataclass(frozen=True)
class TopicView:
    """What continuity needs of one of today's topics: its id, its member
    articles and its titles by language."""

    id: str
    articles: tuple[Article, ...]
    titles: dict[Lang, str]


@dataclass(frozen=True)
class PreviousMatch:
    """The earlier briefing's topic that a topic continues: that briefing's
    date (ISO, its folder's name) and the topic's id (together, the link
    target), its titles and summaries (for the prompt), how many of today's
    articles it already held, and the calibrated similarity of the two."""

    date: str
    topic: str
    titles: dict[Lang, str]
    summaries: dict[Lang, Summary]
    shared: int
    score: float


def previous_briefing(
    output: Path, date: dt.date, *, lookback_days: int = LOOKBACK_DAYS
) -> tuple[dt.date, dict[str, Any]] | None:
    """The latest briefing in `output` dated strictly before `date` and at
    most `lookback_days` before it, as (its date, its briefing.json data).

    Only folders named YYYY-MM-DD count (a run's hidden staging and backup
    folders do not). A briefing.json that cannot be read, is not a briefing,
    or names another date than its folder is passed over for the next
    earlier one, never an error. None when no briefing qualifies.
    """
    if not output.is_dir():
        return None
    earliest = date - dt.timedelta(days=lookback_days)
    dated: list[tuple[dt.date, Path]] = []
    for folder in output.iterdir():
        if not _DATE_FOLDER.fullmatch(folder.name):
            continue
        try:
            day = dt.date.fromisoformat(folder.name)
        except ValueError:  # 2026-13-40
            continue
        if earliest <= day < date:
            dated.append((day, folder))
    for day, folder in sorted(dated, reverse=True):
        data = _read(folder / "briefing.json", day)
        if data is not None:
            return day, data
    return None


def _read(path: Path, day: dt.date) -> dict[str, Any] | None:
    """The briefing.json at `path` if it is the briefing of `day` and its
    topics and articles can be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("date") != day.isoformat():
            return None
        if schema_problem(data):  # edited by hand or tampered with: not trusted
            return None
        _earlier_topics(data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    return data


@dataclass(frozen=True)
class _Side:
    """A topic as the matcher sees it: its articles as (id, content hash),
    their ids and (telling) hashes as sets, and its texts with their languages."""

    id: str
    members: tuple[tuple[str, str], ...]
    ids: frozenset[str]
    hashes: frozenset[str]
    texts: tuple[tuple[Lang, str], ...]


def _side(
    topic_id: str, members: Sequence[tuple[str, str]], texts: Sequence[tuple[Lang, str]]
) -> _Side:
    """`members` are (article id, content hash) pairs."""
    return _Side(
        topic_id,
        tuple(members),
        frozenset(aid for aid, _ in members),
        frozenset(h for _, h in members if h and h != _NO_TEXT),
        tuple(dict.fromkeys((lang, " ".join(t.split())) for lang, t in texts if t.strip())),
    )


def _current(view: TopicView) -> _Side:
    texts = [(lang, view.titles[lang]) for lang in LANGS if lang in view.titles]
    for a in view.articles:
        texts.append((a.lang, a.title))
        if a.paragraphs:
            texts.append((a.lang, a.paragraphs[0][:_LEAD_CHARS]))
    return _side(view.id, [(a.id, a.content_hash) for a in view.articles], texts)


def _earlier_topics(data: Mapping[str, Any]) -> list[tuple[Topic, _Side]]:
    """The topics of a briefing.json document, each with its matcher's view:
    titles, the titles of its articles and its summary sentences."""
    records = {str(a["id"]): a for a in data.get("articles", [])}
    found = []
    for topic in topics_from(dict(data)):
        texts = [(lang, topic.titles[lang]) for lang in LANGS if lang in topic.titles]
        members = []
        for aid in topic.article_ids:
            record = records.get(aid, {})
            members.append((aid, str(record.get("content_hash") or "")))
            if record.get("lang") in LANGS:
                texts.append((record["lang"], str(record.get("title") or "")))
        for lang in LANGS:
            texts.extend((lang, s.text) for s in topic.summaries[lang].sentences)
        found.append((topic, _side(topic.id, members, texts)))
    return found


def match_topics(
    current: Sequence[TopicView],
    previous: Mapping[str, Any],
    *,
    threshold: float = THRESHOLD,
) -> dict[str, PreviousMatch]:
    """For each of today's topics that continues a topic of the `previous`
    briefing (briefing.json data, as `previous_briefing` returns it), that
    topic, keyed by today's topic id; a new topic is absent.

    A topic that shares an article with an earlier one continues it; else
    one whose calibrated similarity reaches `threshold` does. Matching is one
    to one, pairs with more shared articles first, then the most similar,
    ties broken by ids, so the result does not depend on the order of
    `current` or of the earlier topics. Raises KeyError or TypeError for
    data that is not a briefing (`previous_briefing` returns none such).
    """
    date = str(previous["date"])
    earlier = _earlier_topics(previous)
    today = [_current(view) for view in current]
    scores = _similarities(today, [side for _, side in earlier])

    pairs: list[tuple[int, float, str, str, int]] = []
    for i, now in enumerate(today):
        for j, (_, before) in enumerate(earlier):
            shared = sum(1 for a, h in now.members if a in before.ids or h in before.hashes)
            if shared or scores[i][j] >= threshold:
                pairs.append((-shared, -scores[i][j], now.id, before.id, j))
    taken: set[str] = set()
    matches: dict[str, PreviousMatch] = {}
    for neg_shared, neg_score, now_id, before_id, j in sorted(pairs):
        if now_id in matches or before_id in taken:
            continue
        taken.add(before_id)
        topic = earlier[j][0]
        matches[now_id] = PreviousMatch(
            date, before_id, dict(topic.titles), dict(topic.summaries), -neg_shared, -neg_score
        )
    return {view.id: matches[view.id] for view in current if view.id in matches}


def _similarities(today: Sequence[_Side], earlier: Sequence[_Side]) -> list[list[float]]:
    """The calibrated similarity of every (today, earlier) pair, rounded so
    that float noise cannot reorder pairs. All texts go to the encoder in one
    batch, deduplicated and sorted, so no vector depends on topic order."""
    unique = sorted({text for side in (*today, *earlier) for _, text in side.texts})
    vectors = embed(unique).astype(np.float64)
    row = {text: i for i, text in enumerate(unique)}
    now = [_centroids(side, vectors, row) for side in today]
    before = [_centroids(side, vectors, row) for side in earlier]
    return [[round(_calibrated(a, b), 6) for b in before] for a in now]


def _centroids(side: _Side, vectors: Vector, row: Mapping[str, int]) -> dict[Lang, Vector]:
    """The normalised mean embedding of a topic's texts in each language it has."""
    out: dict[Lang, Vector] = {}
    for lang in LANGS:
        rows = [row[text] for x, text in side.texts if x == lang]
        if rows:
            mean: Vector = vectors[rows].mean(axis=0)
            out[lang] = mean / max(float(np.linalg.norm(mean)), 1e-12)
    return out


def _calibrated(a: Mapping[Lang, Vector], b: Mapping[Lang, Vector]) -> float:
    """Cosine minus chance, averaged over the language pairs of the two
    topics; -1 (never a match) when either has no text at all."""
    values = [
        float(a[x] @ b[y]) - (_CHANCE_SAME if x == y else _CHANCE_CROSS) for x in a for y in b
    ]
    return sum(values) / len(values) if values else -1.0
