"""`fetch`: feeds in, article JSON files out (the format `generate` reads).

Feeds are requested concurrently (conditionally, with the ETag and
Last-Modified remembered from the last run); their items are checked against
the state file (item ids and canonical URLs), so an item seen in another feed
or on an earlier day is not written again. A new item's text is the feed's
when the feed carries the full text, else the article page's main text
(trafilatura, through the `.html` reader), fetched once, politely, within
robots.txt. Each article becomes `DIR/<YYYY-MM-DD>/<id>.json` by publication
date (UTC; the day it was first seen when it has no date).

Every failure belongs to one feed or one item and is named in the report;
none ends the run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import filelock
import httpx2

from ..errors import InputError
from ..llm.guard import completed
from ..progress import Progress, counted
from .decode import Unusable, decode
from .feeds import FeedItem, NotAFeed, ParsedFeed, parse_feed
from .http import FetchFailed, FetchSettings, PoliteClient, origin
from .readers import IN_SCRIPTS, READERS, Draft, Where, published_date
from .state import STATE_NAME, FetchState, Validators, canonical_url

LOCK_NAME = ".fetch.lock"
# Up to this many failed feeds are named in the account line itself.
_INLINE_FAILURES = 3
# A page whose main text is shorter than this is a paywall stub or a teaser.
MIN_PAGE_CHARS = 250
# A page robots.txt refuses is asked about again only when its feed changes.
_ROBOTS_REFUSE = "robots.txt disallows fetching it"


@dataclass
class FeedOutcome:
    """What one feed gave: items, or 304, or the reason it failed."""

    url: str
    feed: ParsedFeed | None = None
    validators: Validators | None = None
    not_modified: bool = False
    failure: str | None = None


@dataclass(frozen=True)
class NewItem:
    """An item not seen before, with the feed it came from and its keys."""

    item: FeedItem
    feed: str
    outlet: str
    canonical: str
    keys: tuple[str, ...]


@dataclass
class FetchReport:
    """What a fetch did, for the closing account."""

    feeds: int = 0
    not_modified: int = 0
    seen: int = 0
    written: list[Path] = field(default_factory=list)
    feed_failures: list[tuple[str, str]] = field(default_factory=list)
    item_failures: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    requests: int = 0
    page_requests: int = 0

    def account(self) -> str:
        """One line: `fetched 12 feeds: 230 new articles, 1,104 seen before; ...`."""
        line = (
            f"fetched {counted(self.feeds, 'feed')}: "
            f"{counted(len(self.written), 'new article')}, {self.seen:,} seen before"
        )
        if self.not_modified:
            line += f" ({counted(self.not_modified, 'feed')} unchanged)"
        if self.item_failures:
            line += f"; {counted(len(self.item_failures), 'item')} failed"
        failed = counted(len(self.feed_failures), "feed")
        if len(self.feed_failures) > _INLINE_FAILURES:
            line += f"; {failed} failed (listed below)"
        elif self.feed_failures:
            why = "; ".join(f"{url}: {reason}" for url, reason in self.feed_failures)
            line += f"; {failed} failed ({why})"
        return line

    def failure_lines(self) -> list[str]:
        """One line per failed feed (when too many for the account), per
        failed item, then per note (feeds recovered from malformed XML)."""
        items = [f"item {url}: {reason}" for url, reason in self.item_failures]
        return self.feed_lines() + items + self.notes

    def feed_lines(self) -> list[str]:
        """The failed feeds, one a line, when the account line does not name them."""
        if len(self.feed_failures) <= _INLINE_FAILURES:
            return []
        return [f"feed {url}: {reason}" for url, reason in self.feed_failures]


def fetch(
    urls: Sequence[str],
    articles: Path,
    settings: FetchSettings,
    *,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
    transport: httpx2.BaseTransport | None = None,
) -> FetchReport:
    """Fetch `urls` (feeds) and write their new items under `articles`."""
    progress = progress or Progress(level=0)
    now = now or dt.datetime.now(dt.UTC)
    articles.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(str(articles / LOCK_NAME), timeout=0)
    try:
        with lock:
            return _fetch(urls, articles, settings, progress, now, transport)
    except filelock.Timeout:
        raise InputError(
            f"another fetch is writing to {articles} (it holds {articles / LOCK_NAME}); "
            "wait for it to finish"
        ) from None


def _fetch(
    urls: Sequence[str],
    articles: Path,
    settings: FetchSettings,
    progress: Progress,
    now: dt.datetime,
    transport: httpx2.BaseTransport | None,
) -> FetchReport:
    report = FetchReport(feeds=len(urls))
    state = FetchState(articles / STATE_NAME)
    client = PoliteClient(settings, transport)
    pool = ThreadPoolExecutor(settings.workers)
    done = False
    try:
        outcomes = _read_feeds(urls, client, state, pool, progress)
        new = _new_items(outcomes, state, report)
        again = _write_items(new, client, state, pool, articles, now, progress, report)
        for outcome in outcomes:
            if outcome.validators is not None:
                # A feed with an item to try again is read whole next time:
                # answered "not modified", it would not list the item.
                known = Validators() if outcome.url in again else outcome.validators
                state.remember_feed(outcome.url, known)
        done = True
    finally:
        # Ctrl-C: pages not yet asked for are dropped and closing the client
        # ends those in flight, so the run stops at once; and nothing it
        # learned is kept, since pages fetched but not yet written as
        # articles would otherwise count as fetched (and be lost) next run.
        pool.shutdown(wait=done, cancel_futures=True)
        report.requests, report.page_requests = client.requests, client.page_requests
        client.close()
        state.close(keep=done)
    return report


# --- Feeds -------------------------------------------------------------------------


def _read_feeds(
    urls: Sequence[str],
    client: PoliteClient,
    state: FetchState,
    pool: ThreadPoolExecutor,
    progress: Progress,
) -> list[FeedOutcome]:
    futures = {pool.submit(_read_feed, url, client, state): url for url in _interleave(urls)}
    done: dict[str, FeedOutcome] = {}
    with progress.stage("feeds", total=len(urls)) as tick:
        for future in completed(futures):
            outcome = future.result()
            done[outcome.url] = outcome
            tick()
    return [done[url] for url in urls]


def _read_feed(url: str, client: PoliteClient, state: FetchState) -> FeedOutcome:
    known = state.validators(url)
    headers = {}
    if known.etag:
        headers["If-None-Match"] = known.etag
    if known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    try:
        response = client.get(url, headers)
    except FetchFailed as error:
        return FeedOutcome(url, failure=str(error))
    if response.status == 304:
        return FeedOutcome(url, not_modified=True)
    if response.status != 200:
        return FeedOutcome(url, failure=f"HTTP {response.status}")
    try:
        feed = parse_feed(response.body, response.headers, response.url)
    except NotAFeed as error:
        return FeedOutcome(url, failure=str(error))
    validators = Validators(response.headers.get("etag"), response.headers.get("last-modified"))
    return FeedOutcome(url, feed=feed, validators=validators)


def _new_items(
    outcomes: Sequence[FeedOutcome], state: FetchState, report: FetchReport
) -> list[NewItem]:
    """The items not seen before, in feed order, each once."""
    new: list[NewItem] = []
    this_run: set[str] = set()
    for outcome in outcomes:
        if outcome.failure:
            report.feed_failures.append((outcome.url, outcome.failure))
        report.not_modified += outcome.not_modified
        if outcome.feed is None:
            continue
        if outcome.feed.note:
            report.notes.append(f"feed {outcome.url}: {outcome.feed.note}")
        for item in outcome.feed.items:
            link = urllib.parse.urljoin(outcome.url, item.link) if item.link else ""
            canonical = canonical_url(link) if link else ""
            # Item ids are only unique within their feed ("1", "2" in some).
            keys = (f"id:{outcome.url} {item.id}",) + ((f"url:{canonical}",) if canonical else ())
            if this_run.intersection(keys) or state.seen(keys):
                report.seen += 1
                continue
            this_run.update(keys)
            item = FeedItem(item.id, link, item.title, item.published, item.text)
            new.append(NewItem(item, outcome.url, outcome.feed.title, canonical, keys))
    return new


# --- Items -------------------------------------------------------------------------


def _write_items(
    new: Sequence[NewItem],
    client: PoliteClient,
    state: FetchState,
    pool: ThreadPoolExecutor,
    articles: Path,
    now: dt.datetime,
    progress: Progress,
    report: FetchReport,
) -> set[str]:
    """Write the new items' articles; the feeds of items whose page failed
    for now (a timeout, a 5xx), to be tried again on the next run."""
    again: set[str] = set()
    pages = [n for n in new if not n.item.full_text and n.item.link]
    futures: dict[Future[Draft | str | None], NewItem] = {
        pool.submit(_page, n, client, state): n for n in _interleave_items(pages)
    }
    results: dict[str, Draft | str | None] = {}
    with progress.stage("pages", total=len(pages)) as tick:
        for future in completed(futures):
            results[futures[future].canonical] = future.result()
            tick()
    written: set[str] = set()  # canonical URLs of the articles written in this run
    for n in new:
        if n.item.full_text:
            text, draft = n.item.text, None
        elif not n.item.link:
            report.item_failures.append((n.item.id, "no link and no full text in the feed"))
            continue
        else:
            result = results[n.canonical]
            if result is None:  # its page was fetched on an earlier run
                report.seen += 1
                continue
            if isinstance(result, str):
                report.item_failures.append((n.item.link, result))
                if result != _ROBOTS_REFUSE and state.page_fetched(n.canonical) is None:
                    again.add(n.feed)
                continue
            text, draft = result.text, result
        # Where the page was served from after redirects: a link that
        # redirects to an article already written is that article again.
        landed = canonical_url(draft.where.path) if draft else n.canonical
        addresses = {n.canonical, landed} - {""}
        if addresses & written or (landed != n.canonical and state.seen([f"url:{landed}"])):
            report.seen += 1
            state.remember_item(n.keys, "", now)
            continue
        path = _write_article(n, text, draft, articles, now)
        report.written.append(path)
        written.update(addresses)
        urls = dict.fromkeys(
            canonical_url(url) for url in (landed, draft.url if draft else None) if url
        )
        keys = n.keys + tuple(f"url:{url}" for url in urls if url != n.canonical)
        state.remember_item(keys, path.stem, now)
    return again


def _page(new: NewItem, client: PoliteClient, state: FetchState) -> Draft | str | None:
    """The article page's main text as a Draft, or the reason there is none;
    None for a page fetched on an earlier run, which is never fetched again
    (unless it failed for now: timed out, a network error, 408, 429 or 5xx)."""
    url = new.item.link
    if state.page_fetched(new.canonical) is not None:
        return None
    try:
        if not client.allowed(url):
            return _ROBOTS_REFUSE
        response = client.get(url, html_only=True)
    except FetchFailed as error:
        if not error.for_now:
            state.remember_page(new.canonical, str(error))
        return str(error)
    outcome = _page_draft(response.body, response.url) if response.status == 200 else None
    reason = f"HTTP {response.status}" if outcome is None else outcome
    if not _for_now(response.status):
        state.remember_page(new.canonical, reason if isinstance(reason, str) else "ok")
    return reason


def _for_now(status: int) -> bool:
    """Whether an HTTP status says to ask again later, not that the page is gone."""
    return status in (408, 425, 429) or status >= 500


def _page_draft(body: bytes, url: str) -> Draft | str:
    try:
        text, _ = decode(body)
    except Unusable as error:
        return str(error)
    drafts = list(READERS[".html"](text, Where(url), "page"))
    draft = drafts[0] if drafts else None
    if not isinstance(draft, Draft):
        scripts = draft is not None and IN_SCRIPTS in draft.reason
        return "no extractable text" + (f": {IN_SCRIPTS}" if scripts else "")
    if len(draft.text) < MIN_PAGE_CHARS:
        return f"no extractable text ({len(draft.text)} characters: a paywall or a stub?)"
    return draft


def article_id(canonical: str, fallback: str) -> str:
    """A stable, readable id from the canonical URL (or the item id without one)."""
    parts = urllib.parse.urlsplit(canonical)
    host = re.sub(r"[^a-z0-9]+", "-", (parts.hostname or "item").removeprefix("www."))
    path = urllib.parse.unquote(parts.path).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", path).strip("-")[-40:].strip("-")
    digest = hashlib.sha256((canonical or fallback).encode("utf-8")).hexdigest()[:10]
    return "-".join(part for part in (host.strip("-"), slug, digest) if part)


def _write_article(
    new: NewItem, text: str, draft: Draft | None, articles: Path, now: dt.datetime
) -> Path:
    published = new.item.published or (_draft_date(draft) if draft else None)
    aid = article_id(new.canonical, new.item.id)
    record = {
        "id": aid,
        "title": new.item.title or (draft.title if draft else ""),
        "source": new.outlet or (draft.source if draft else ""),
        "url": new.canonical or None,
        "published": published.isoformat() if published else None,
        "first_seen": now.isoformat(timespec="seconds"),
        "feed": new.feed,
        "text": text,
    }
    folder = articles / (published or now).astimezone(dt.UTC).date().isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{aid}.json"
    staging = folder / f".{aid}.json.tmp-{os.getpid()}"
    staging.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    staging.replace(path)
    return path


def _draft_date(draft: Draft) -> dt.datetime | None:
    try:
        return published_date(draft.published)
    except (ValueError, TypeError, OverflowError):
        return None


def _interleave(urls: Iterable[str]) -> list[str]:
    """URLs reordered round-robin by origin, so the workers spread over hosts
    instead of queueing behind one host's limit."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[origin(url)].append(url)
    queues = list(by_host.values())
    return [q[i] for i in range(max(map(len, queues), default=0)) for q in queues if i < len(q)]


def _interleave_items(items: Sequence[NewItem]) -> list[NewItem]:
    by_link = {n.item.link: n for n in items}
    return [by_link[link] for link in _interleave(by_link)]
