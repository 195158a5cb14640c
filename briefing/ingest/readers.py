"""Readers, one per file extension (`READERS`, as in pelican's readers.py).

A reader turns a file's decoded text into drafts: an article's fields as the
file gives them, not yet checked, each with `Where` it came from. A record
that cannot be an article comes back as a `Skipped` with the reason instead.
The load stage checks drafts and turns them into articles.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import frontmatter
import yaml  # type: ignore[import-untyped]  # no types-PyYAML in the venv

from ..jsonlimits import check_json_size, untrusted_int, valid_text
from ..models import Skipped

# --- Where an article came from ------------------------------------------------


@dataclass(frozen=True)
class Where:
    """A file, or one record inside it (a .jsonl line or a JSON list item)."""

    path: str
    line: int | None = None
    item: int | None = None

    @property
    def position(self) -> int:
        return self.line or self.item or 0

    @property
    def label(self) -> str:
        """How other reasons refer to this record: "a.jsonl:3", "a.json item 2"."""
        label = f"{self.path}:{self.line}" if self.line else self.path
        return f"{label} item {self.item}" if self.item else label

    def skip(self, reason: str) -> Skipped:
        path = f"{self.path}:{self.line}" if self.line else self.path
        return Skipped(path, f"item {self.item}: {reason}" if self.item else reason)


@dataclass(frozen=True)
class Draft:
    """An article's fields as a reader found them, not yet checked."""

    where: Where
    id: str
    text: str
    title: str = ""
    source: str = ""
    url: str | None = None
    published: object = None
    lang: object = None
    # The id is the file's name (no `id` field), not one the file gives.
    named_by_file: bool = True


Reader = Callable[[str, Where, str], Iterator[Draft | Skipped]]

# --- Readers, one per extension ---------------------------------------------------

_HEADLINE_MAX_WORDS = 15
_HEADLINE_MAX_CHARS = 150
# A line ending in one of these (before any closing quotes) is a sentence or a
# wrapped line, not a headline; the comma and Arabic comma catch hard wraps.
_SENTENCE_END = ".!?\u061f\u0589\u06d4\u2026:;,\u060c"
_CLOSING = "\"'\u201d\u2019\u00bb)]\u300d"


def _split_headline(text: str) -> tuple[str, str]:
    """(headline, body) when the text opens with a headline line, else ("", text).

    A headline is short, has no final punctuation and is followed by more
    text. When the text separates paragraphs by blank lines, the headline must
    be followed by one too: otherwise it is the first line of a hard-wrapped
    paragraph.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    first, rest = lines[0].strip(), "\n".join(lines[1:])
    if not rest.strip() or len(first) > _HEADLINE_MAX_CHARS:
        return "", text
    if len(first.split()) > _HEADLINE_MAX_WORDS or first.rstrip(_CLOSING)[-1:] in _SENTENCE_END:
        return "", text
    if lines[1].strip() and "\n\n" in "\n".join(line.strip() for line in lines):
        return "", text
    return first, rest


def _read_txt(text: str, where: Where, stem: str) -> Iterator[Draft | Skipped]:
    title, body = _split_headline(text)
    yield Draft(where, stem, body, title=title)


# A first line of three dashes opens YAML front matter.
_FRONT_MATTER_OPENS = re.compile(r"\A---[ \t]*\r?\n")
# Markdown's inline markup, read as the words it marks up: an image goes, a
# link is its text, emphasis and code lose their marks, and a heading, quote
# or list marker opening a line goes, as does a line that is only a rule.
_MD_MARKUP = (
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), ""),
    (re.compile(r"\[([^\]\n]+)\](?:\([^)\n]*\)|\[[^\]\n]*\])"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=[^\s_])([^_\n]+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)", re.MULTILINE), ""),
    (re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE), ""),
)


def plain_markdown(text: str) -> str:
    """The words of a Markdown text without its markup, so that a quoted
    sentence reads "the **new** [port](url)" as "the new port"."""
    for pattern, replacement in _MD_MARKUP:
        text = pattern.sub(replacement, text)
    return text


def _read_md(text: str, where: Where, stem: str) -> Iterator[Draft | Skipped]:
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as e:
        yield where.skip(f"malformed front matter: {' '.join(str(e).split())}")
        return
    fields: dict[str, Any] = dict(post.metadata)
    body = str(post.content)
    if not fields and _FRONT_MATTER_OPENS.match(body):
        yield where.skip("front matter is not closed: end it with a line of three dashes (---)")
        return
    # An ATX heading on the first line is the headline when no title is given.
    first, _, rest = body.lstrip().partition("\n")
    if first.startswith("# "):
        heading = plain_markdown(first[2:].strip().rstrip("#").strip())
        title = fields.get("title")
        if not title or " ".join(str(title).split()) == " ".join(heading.split()):
            fields["title"] = title or heading
            body = rest
    fields["text"] = plain_markdown(body)
    yield _draft(fields, where, stem)


# Article files nest a list of objects at most; deeper nesting is refused
# before parsing (json recurses per level), and so are files past this size.
MAX_JSON_DEPTH = 64
MAX_JSON_CHARS = 200_000_000


def _unsafe_json(text: str) -> str | None:
    """Why `text` is not parsed as JSON (too large or too deep), or None."""
    problem = check_json_size(text, MAX_JSON_CHARS, MAX_JSON_DEPTH)
    return None if problem is None else f"JSON {problem}"


def _read_json(text: str, where: Where, stem: str) -> Iterator[Draft | Skipped]:
    unsafe = _unsafe_json(text)
    if unsafe is not None:
        yield where.skip(unsafe)
        return
    try:
        data = valid_text(json.loads(text, parse_int=untrusted_int))
    except json.JSONDecodeError as e:
        yield where.skip(f"malformed JSON at line {e.lineno} column {e.colno}: {e.msg}")
        return
    if isinstance(data, dict):
        yield _draft(data, where, stem)
    elif isinstance(data, list):
        if not data:
            yield where.skip("no articles (the JSON list is empty)")
        for n, item in enumerate(data, start=1):
            item_where = Where(where.path, item=n)
            if isinstance(item, dict):
                yield _draft(item, item_where, f"{stem}-{n}")
            else:
                yield item_where.skip(f"not a JSON object (got {_json_type(item)})")
    else:
        yield where.skip(f"expected a JSON object or a list of them, got {_json_type(data)}")


def _read_jsonl(text: str, where: Where, stem: str) -> Iterator[Draft | Skipped]:
    # N in the default id "stem-N" is the line number, so an id and any report
    # about that record point at the same line of the file.
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_where = Where(where.path, line=n)
        unsafe = _unsafe_json(line)
        if unsafe is not None:
            yield line_where.skip(unsafe)
            continue
        try:
            data = valid_text(json.loads(line, parse_int=untrusted_int))
        except json.JSONDecodeError as e:
            yield line_where.skip(f"malformed JSON at column {e.colno}: {e.msg}")
            continue
        if isinstance(data, dict):
            yield _draft(data, line_where, f"{stem}-{n}")
        else:
            yield line_where.skip(f"not a JSON object (got {_json_type(data)})")


# Meta tags that carry the publication time with its time zone; trafilatura's
# own date keeps only the day.
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "date",
)


def _read_html(text: str, where: Where, stem: str) -> Iterator[Draft | Skipped]:
    # Imported on the first HTML file: a quarter of a second a folder of
    # .txt and .json files never needs.
    import trafilatura

    if text.lstrip().startswith("<?xml"):
        # lxml refuses a str that still declares a byte encoding; it is decoded.
        text = text.lstrip().partition("?>")[2]
    tree = trafilatura.load_html(text)
    if tree is None:
        yield where.skip("not readable as HTML")
        return
    published = _html_published(tree)
    page_title = " ".join(tree.findtext(".//title", default="").split())
    doc = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or isinstance(doc, dict) or doc.body is None:
        scripts = f": {IN_SCRIPTS} (save its text as .txt)" if _prose_in_scripts(tree) else ""
        yield where.skip("no article text" + scripts)
        return
    blocks = _html_blocks(doc.body)
    title = str(doc.title or page_title or "")
    # trafilatura keeps the page's <h1> as the first block; it is the headline.
    if blocks and blocks[0][0] == "head":
        heading = blocks.pop(0)[1]
        title = title or heading
    yield Draft(
        where,
        stem,
        "\n\n".join(block for _, block in blocks),
        title=title,
        source=str(doc.sitename or ""),
        url=str(doc.url) if doc.url else None,
        published=next((d for d in (published, doc.date) if _readable_date(d)), published),
    )


# Why a page filled in by JavaScript has no article text.
IN_SCRIPTS = "the article is in the page's scripts, which briefing does not run"
# Words a string of a page's JSON data needs to be prose, and characters of
# such strings for the page to be an article kept in its scripts.
_PROSE_WORDS = 8
_PROSE_CHARS = 250


def _prose_in_scripts(tree: Any) -> bool:
    """Whether the page's JSON data scripts (`__NEXT_DATA__`, JSON-LD) hold
    an article's worth of sentences: the page is filled in by JavaScript."""
    chars = 0
    for script in tree.iter("script"):
        if "json" not in str(script.get("type") or "").lower():
            continue
        try:
            stack = [json.loads(script.text or "")]
        except (ValueError, RecursionError):
            continue
        while stack and chars < _PROSE_CHARS:
            value = stack.pop()
            if isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
            elif isinstance(value, str) and len(value.split()) >= _PROSE_WORDS:
                chars += len(value)
    return chars >= _PROSE_CHARS


def _html_blocks(body: Any) -> list[tuple[str, str]]:
    """(tag, text) for each paragraph-level block of trafilatura's output."""
    for br in body.iter("lb"):
        br.tail = " " + (br.tail or "")
    blocks: list[tuple[str, str]] = []
    for element in body:
        parts = element.findall("item") if element.tag == "list" else [element]
        for part in parts:
            block = " ".join("".join(part.itertext()).split())
            if block:
                blocks.append((str(element.tag), block))
    return blocks


def _html_published(tree: Any) -> str | None:
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        content = (meta.get("content") or "").strip()
        if key.lower() in _DATE_META and content:
            found.setdefault(key.lower(), content)
    for script in tree.iter("script"):
        if script.get("type") == "application/ld+json" and "datepublished" not in found:
            value = _json_ld_date(script.text or "")
            if value:
                found["datepublished"] = value
    return next((found[key] for key in _DATE_META if key in found), None)


def _json_ld_date(text: str) -> str | None:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # malformed, a runaway number, too deep
        return None
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("datePublished"), str):
                return str(node["datePublished"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(reversed(node))
    return None


READERS: Mapping[str, Reader] = {
    ".txt": _read_txt,
    ".md": _read_md,
    ".markdown": _read_md,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
    ".html": _read_html,
    ".htm": _read_html,
}
SUPPORTED = ", ".join(sorted(READERS))


# --- Fields ------------------------------------------------------------------------


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


def _draft(fields: Mapping[str, Any], where: Where, default_id: str) -> Draft | Skipped:
    """A draft from a JSON object or front matter; a skip naming a bad field."""
    text = fields.get("text")
    if text is None:
        text = fields.get("body", fields.get("content"))
    if isinstance(text, list) and all(isinstance(p, str) for p in text):
        text = "\n\n".join(text)
    values: dict[str, str | None] = {"text": text}
    values.update((name, fields.get(name)) for name in ("title", "source", "url"))
    for name, value in values.items():
        if value is not None and not isinstance(value, str):
            return where.skip(f"field '{name}' must be text, got {_json_type(value)}")
    raw_id = fields.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
        return where.skip(f"field 'id' must be text, got {_json_type(raw_id)}")
    article_id = str(raw_id).strip() if raw_id is not None else ""
    published = fields.get("published")
    return Draft(
        where,
        article_id or default_id,
        values["text"] or "",
        title=values["title"] or "",
        source=values["source"] or "",
        url=(values["url"] or "").strip() or None,
        published=fields.get("date") if published is None else published,
        lang=fields.get("lang"),
        named_by_file=not article_id,
    )


# --- Dates ----------------------------------------------------------------------------


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


def published_date(value: object) -> dt.datetime | None:
    """A `published` field as a file gave it, as an aware datetime; None when
    absent. Raises ValueError when unreadable.

    ISO 8601 first, then the RFC 2822 form that RSS feeds use; a bare date
    (YAML reads unquoted dates as such) is midnight UTC.
    """
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ValueError(value)
    try:
        return parse_published(value)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value)  # ValueError if not a date
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _readable_date(value: object) -> bool:
    try:
        return published_date(value) is not None
    except (ValueError, TypeError, OverflowError):
        return False
