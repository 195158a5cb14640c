"""Related topics: the "see also" between two topics of one briefing that
tell different events of one story (a strike and its aftermath, a clash and
the emergency declared over it days later), so that a reader of one finds
the other.

Grouping keeps such events apart on purpose (one topic is one event); this
stage only links them, and only where the link is plain to see: both topics
were published within `WINDOW_DAYS` of each other and share at least two of
their central names (`crossing.ranked_entries`: who and where their
headlines and leads name most), at least one of them more particular than
a country or a sea and central to few of the briefing's topics. Undated topics are
never linked: nothing says how far apart they are.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import combinations

from ..models import Article, Group
from .crossing import ranked_entries
from .glossary import Entry, Glossary

# How far apart two topics' publication days may be.
WINDOW_DAYS = 7
# How many of a topic's heaviest names are its central ones.
CENTRAL = 6
# A name central to more topics than this (the head of state of a day's
# national news) tells no two of them apart.
MAX_TOPICS_PER_NAME = 3
# How many topics one topic points to.
MAX_RELATED = 3


def related_topics(
    groups: Mapping[str, Group], articles: Mapping[str, Article], glossary: Glossary
) -> dict[str, tuple[str, ...]]:
    """For each topic id of `groups`, the ids of the topics it is plainly
    related to (see the module's docstring), in `groups`' order, at most
    `MAX_RELATED`; topics with none are left out."""
    central: dict[str, frozenset[Entry]] = {}
    days: dict[str, tuple[dt.date, dt.date]] = {}
    for tid, group in groups.items():
        members = [articles[a] for a in group.article_ids]
        published = sorted(a.published.date() for a in members if a.published)
        if not published:
            continue
        days[tid] = (published[0], published[-1])
        central[tid] = frozenset(e for e, _ in ranked_entries(members, glossary)[:CENTRAL])
    spread = Counter(e for names in central.values() for e in names)
    related: dict[str, list[str]] = {}
    for a, b in combinations(list(central), 2):
        if _gap(days[a], days[b]) > WINDOW_DAYS:
            continue
        if _linked(central[a] & central[b], spread):
            related.setdefault(a, []).append(b)
            related.setdefault(b, []).append(a)
    return {tid: tuple(ids[:MAX_RELATED]) for tid, ids in related.items()}


def _gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    """Days between two spans of publication days (0 when they overlap)."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


# Names as broad as a state or broader: a sea's coast has many stories.
BROAD_KINDS = {"country", "region"}


def _linked(shared: frozenset[Entry], spread: Counter[Entry]) -> bool:
    """Whether the central names two topics share link them: at least two,
    one of them neither a country or sea (`BROAD_KINDS`) nor central to many
    topics."""
    particular: Sequence[Entry] = [
        e for e in shared if e.kind not in BROAD_KINDS and spread[e] <= MAX_TOPICS_PER_NAME
    ]
    return len(shared) >= 2 and bool(particular)
