"""From groups of article ids to budgeted, identified, ordered topics.

A topic's id depends only on its member articles, so it is the same on every
run and unaffected by other topics. Topics are ordered by size (most articles
first), then by their newest article (newest first), then by id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence

from .. import tokens
from ..models import Article, Group

_ARABIC_TO_LATIN = str.maketrans(
    {
        "ا": "a",
        "أ": "a",
        "إ": "i",
        "آ": "a",
        "ب": "b",
        "ت": "t",
        "ث": "th",
        "ج": "j",
        "ح": "h",
        "خ": "kh",
        "د": "d",
        "ذ": "dh",
        "ر": "r",
        "ز": "z",
        "س": "s",
        "ش": "sh",
        "ص": "s",
        "ض": "d",
        "ط": "t",
        "ظ": "z",
        "ع": "",
        "غ": "gh",
        "ف": "f",
        "ق": "q",
        "ك": "k",
        "ل": "l",
        "م": "m",
        "ن": "n",
        "ه": "h",
        "و": "w",
        "ي": "y",
        "ى": "a",
        "ة": "a",
        "ء": "",
        "ؤ": "",
        "ئ": "",
        "ـ": "",
    }
)
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_WORDS = 5
_EPOCH = dt.datetime.min.replace(tzinfo=dt.UTC)


def article_order(article: Article) -> tuple[dt.datetime, str]:
    """Sort key: oldest first, undated first, then by id."""
    return (article.published or _EPOCH, article.id)


def slug(title: str) -> str:
    """A short ASCII slug of a title (Arabic is transliterated roughly)."""
    from ..text import ascii_digits, normalize

    latin = ascii_digits(normalize(title)).translate(_ARABIC_TO_LATIN)
    words = [w for w in _NON_SLUG.split(latin) if w]
    return "-".join(words[:_SLUG_WORDS]) or "topic"


def topic_id(members: Sequence[Article]) -> str:
    """`<slug>-<hash>`: the slug from the earliest English title (else the
    earliest title), the hash from the sorted member ids, so the id changes only
    when the topic's membership does."""
    ordered = sorted(members, key=article_order)
    english = [a for a in ordered if a.lang == "en" and a.title]
    titled = english or [a for a in ordered if a.title]
    name = slug(titled[0].title) if titled else "topic"
    digest = hashlib.sha256("\n".join(sorted(a.id for a in members)).encode()).hexdigest()
    return f"{name}-{digest[:6]}"


def article_tokens(article: Article) -> int:
    """Tokens the article takes when shown to a model as numbered paragraphs."""
    numbered = "\n".join(f"[{n}] {p}" for n, p in enumerate(article.paragraphs, 1))
    return tokens.count(f"{article.title}\n{numbered}")


def plan_parts(
    members: Sequence[Article], budget: int, sizes: Mapping[str, int]
) -> tuple[tuple[str, ...], ...]:
    """Split a topic's articles (in order) into parts of at most `budget` tokens.

    An article larger than the budget by itself becomes a part of its own; the
    summarizer sees its size and must split it further, never truncate it.
    """
    parts: list[list[str]] = [[]]
    used = 0
    for article in members:
        size = sizes[article.id]
        if parts[-1] and used + size > budget:
            parts.append([])
            used = 0
        parts[-1].append(article.id)
        used += size
    return tuple(tuple(p) for p in parts)


def make_groups(
    id_groups: Sequence[Sequence[str]], articles: Mapping[str, Article], budget: int
) -> dict[str, Group]:
    """Groups keyed by topic id, with token sizes and budgeted parts, in topic order."""
    sizes = {aid: article_tokens(articles[aid]) for ids in id_groups for aid in ids}
    keyed: list[tuple[tuple[int, float, str], str, Group]] = []
    for ids in id_groups:
        members = sorted((articles[i] for i in ids), key=article_order)
        tid = topic_id(members)
        newest = max((a.published for a in members if a.published), default=_EPOCH)
        group = Group(
            article_ids=tuple(a.id for a in members),
            parts=plan_parts(members, budget, sizes),
            tokens=sum(sizes[a.id] for a in members),
        )
        keyed.append(((-len(members), -newest.timestamp(), tid), tid, group))
    return {tid: group for _, tid, group in sorted(keyed, key=lambda k: k[0])}
