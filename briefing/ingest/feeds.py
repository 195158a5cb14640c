"""Feeds and lists of feeds, read into plain items for `fetch`.

A feed (RSS 2.0, RSS 1.0/RDF, Atom: feedparser; JSON Feed: read here, as
feedparser 6 does not) becomes a `ParsedFeed` of `FeedItem`s; a list of
feeds (OPML, or plain text with one URL a line) becomes URLs. Feeds whose
declared charset is wrong or missing (Arabic feeds in Windows-1256 exist) are
decoded the way article files are (`decode`) and parsed again.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import re
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser  # type: ignore[import-untyped]
import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

from ..errors import InputError
from ..jsonlimits import untrusted_int, valid_text
from .decode import Unusable, decode
from .readers import published_date

# A feed's content counts as the article's full text when it has at least two
# paragraphs and this many characters (or is very long); a teaser is shorter,
# usually one paragraph, and then the article page is fetched instead.
FULL_TEXT_CHARS = 300
_LONG_TEXT_CHARS = 1500

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
# A host name (with a dot, or `localhost`) and a port or path: a feed URL
# without its scheme rather than a file name, when no such file exists.
_HOST_FIRST = re.compile(r"^(localhost|[\w-]+(\.[\w-]+)+)(:\d+(/|$)|/)", re.IGNORECASE)
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td")


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: its id, link, title, date and any text it carries."""

    id: str
    link: str
    title: str
    published: dt.datetime | None
    text: str

    @property
    def full_text(self) -> bool:
        size = len(self.text)
        return size >= _LONG_TEXT_CHARS or (size >= FULL_TEXT_CHARS and "\n\n" in self.text)


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title and items; `note` says what was wrong but recovered."""

    title: str
    items: tuple[FeedItem, ...]
    note: str | None = None


class NotAFeed(Exception):
    """The body is no feed at all; the message says what it is instead."""


# --- Lists of feeds ------------------------------------------------------------------


def feed_urls(sources: Sequence[str]) -> list[str]:
    """The feed URLs named by `sources`: URLs as they are, files read as OPML
    or as one URL a line (`#` starts a comment). Duplicates are dropped.
    Raises InputError naming a file that is missing or holds no feed URL,
    and a URL of another scheme (file://, ftp://)."""
    urls: list[str] = []
    for source in sources:
        if re.match(r"^https?://", source, re.IGNORECASE):
            urls.append(source.strip())
        elif re.match(r"^[a-z][a-z0-9+.-]+://", source, re.IGNORECASE):
            # Not a file name either: 'cannot read feed list file:/…' misled.
            raise InputError(f"{source}: only http:// and https:// feeds are fetched")
        else:
            urls.extend(_read_list(Path(source)))
    return list(dict.fromkeys(urls))


def _read_list(path: Path) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError as error:
        hint = ""
        if isinstance(error, FileNotFoundError) and _HOST_FIRST.match(str(path)):
            hint = f"; if it is a feed's address, write it whole: http://{path}"
        raise InputError(f"cannot read feed list {path}: {error.strerror}{hint}") from None
    try:
        # As article files are: Windows PowerShell writes `echo URL > feeds.txt` in UTF-16.
        text = decode(data)[0] if data.strip() else ""
    except Unusable as error:
        raise InputError(f"{path}: {error}") from None
    if "<opml" in text[:2000].lower():
        urls = _opml_urls(data, path)
    else:
        lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
        urls = [line for line in lines if line]
        bad = [u for u in urls if not re.match(r"^https?://", u, re.IGNORECASE)]
        if bad:
            raise InputError(f"{path}: not a URL: {bad[0]!r} (one feed URL a line, or OPML)")
    if not urls:
        raise InputError(f"{path}: no feed URLs in it")
    return urls


def _opml_urls(data: bytes, path: Path) -> list[str]:
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError as error:
        raise InputError(f"{path}: malformed OPML: {error}") from None
    return [
        str(outline.get("xmlUrl")).strip()
        for outline in root.iter("outline")
        if outline.get("xmlUrl")
    ]


# --- Feeds ---------------------------------------------------------------------------


def parse_feed(body: bytes, headers: Mapping[str, str], url: str) -> ParsedFeed:
    """The feed in `body`. Raises NotAFeed for an HTML page, an empty body or
    XML that yields nothing; malformed XML that yields items is kept with a note."""
    kind = headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in ("application/feed+json", "application/json") or body.lstrip()[:1] == b"{":
        return _json_feed(body)
    parsed = feedparser.parse(body, response_headers=dict(headers))
    if isinstance(parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride):
        # The declared charset is wrong or missing: decode as article files are.
        parsed = feedparser.parse(_XML_DECLARATION.sub("", _decode_feed(body), count=1))
    if not parsed.entries:
        if b"<opml" in body[:2000].lower():
            raise NotAFeed("a list of feeds (OPML), not a feed: save it and pass the file")
        if not parsed.version and (kind == "text/html" or b"<html" in body[:1000].lower()):
            named = _feed_link(body, url)
            raise NotAFeed(
                "an HTML page, not a feed" + (f" (it names one: {named})" if named else "")
            )
        if parsed.bozo:
            raise NotAFeed(f"not a readable feed: {_bozo(parsed)}")
    items = tuple(_entry(entry, url) for entry in parsed.entries)
    harmless = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)
    malformed = parsed.bozo and not isinstance(parsed.get("bozo_exception"), harmless)
    note = f"malformed XML ({_bozo(parsed)}), {len(items)} items recovered" if malformed else None
    return ParsedFeed(_clean(parsed.feed.get("title", "")), items, note)


def _feed_link(body: bytes, url: str) -> str | None:
    """The feed an HTML page names in <link rel="alternate">, if any."""
    try:
        root = lxml.html.fromstring(body)
    except (lxml.etree.ParserError, ValueError):
        return None
    for link in root.iter("link"):
        kind = (link.get("type") or "").lower()
        if "alternate" in (link.get("rel") or "").lower() and kind in _FEED_TYPES:
            return urllib.parse.urljoin(url, str(link.get("href") or ""))
    return None


def _decode_feed(body: bytes) -> str:
    """A feed's text whatever it declares. The markup is ASCII, so an Arabic
    feed shows by what its other bytes read as in Windows-1256; the rest is
    decoded as article files are."""
    arabic = body.decode("cp1256", errors="replace")
    letters = [c for c in arabic if not c.isascii() and c.isalpha()]
    if letters and sum("\u0600" <= c <= "\u06ff" for c in letters) >= 0.8 * len(letters):
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return arabic
    try:
        return decode(body)[0]
    except Unusable as error:
        raise NotAFeed(str(error)) from None


def _bozo(parsed: Any) -> str:
    error = parsed.get("bozo_exception")
    return " ".join(str(getattr(error, "getMessage", lambda: error)()).split())


def _entry(entry: Any, feed_url: str) -> FeedItem:
    link = str(entry.get("link") or "")
    html = ""
    if entry.get("content"):
        html = max((str(c.get("value", "")) for c in entry.content), key=len)
    text = html_text(html) if html else ""
    if not text:
        text = html_text(str(entry.get("summary", "")))
    published = None
    for key in ("published_parsed", "updated_parsed"):
        if entry.get(key):
            published = dt.datetime.fromtimestamp(calendar.timegm(entry[key]), dt.UTC)
            break
    title = _clean(str(entry.get("title", "")))
    return FeedItem(
        id=str(entry.get("id") or link or _digest(title, text)),
        link=link,
        title=title,
        published=published,
        text=text,
    )


def _json_feed(body: bytes) -> ParsedFeed:
    try:
        data = valid_text(json.loads(body.decode("utf-8-sig"), parse_int=untrusted_int))
    except (ValueError, RecursionError) as error:  # not UTF-8, malformed, too deep
        why = "nested too deeply" if isinstance(error, RecursionError) else error
        raise NotAFeed(f"not a readable JSON Feed: {why}") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise NotAFeed("JSON without an 'items' list, not a JSON Feed")
    items = []
    for raw in data["items"]:
        if not isinstance(raw, dict):
            continue
        link = str(raw.get("url") or raw.get("external_url") or "")
        html = raw.get("content_html")
        text = html_text(html) if isinstance(html, str) else str(raw.get("content_text") or "")
        if not text:
            text = str(raw.get("summary") or "")
        title = _clean(str(raw.get("title") or ""))
        items.append(
            FeedItem(
                id=str(raw.get("id") or link or _digest(title, text)),
                link=link,
                title=title,
                published=_json_date(raw.get("date_published") or raw.get("date_modified")),
                text=text.strip(),
            )
        )
    return ParsedFeed(_clean(str(data.get("title") or "")), tuple(items))


def _json_date(value: object) -> dt.datetime | None:
    try:
        return published_date(value)
    except (ValueError, TypeError, OverflowError):
        return None


def html_text(html: str) -> str:
    """The text of an HTML fragment, one paragraph per block, blank-line separated."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _clean(html)
    for node in root.iter("script", "style"):
        node.drop_tree()
    blocks = [_clean(node.text_content()) for node in root.iter(*_BLOCKS)]
    blocks = [b for b in blocks if b]
    if not blocks:
        return "\n\n".join(p for p in (_clean(t) for t in root.text_content().split("\n\n")) if p)
    return "\n\n".join(dict.fromkeys(blocks))


def _digest(*parts: str) -> str:
    """An id for an item that has neither id nor link: its title and text."""
    return "sha256:" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def _clean(text: str) -> str:
    return " ".join(text.split())
