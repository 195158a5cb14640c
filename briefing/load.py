"""Load articles from files (the `load` stage).

`load_articles` takes the files and folders a user named and returns every
article it could read, plus a `Skipped` entry for every input it could not
use, with a reason the user can act on: nothing is dropped silently.

There is one small reader per file extension (`READERS`, as in pelican's
readers.py); a reader turns decoded text into drafts, and `make_article` is
the one place that turns raw fields into an `Article`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import charset_normalizer
import frontmatter
import numpy as np
import trafilatura
import yaml  # type: ignore[import-untyped]  # no types-PyYAML in the venv

from .models import Article, Lang, Skipped
from .text import detect_lang, split_paragraphs, words


@dataclass(frozen=True)
class Loaded:
    """What the load stage read: articles sorted by id, skipped inputs sorted
    by (path, reason), and notes about articles that were loaded with a caveat
    (for example an unreadable date), each "path: what happened"."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    notes: tuple[str, ...] = ()


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


# --- Where an article came from ------------------------------------------------


@dataclass(frozen=True)
class _Where:
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
class _Draft:
    """An article's fields as a reader found them, not yet checked."""

    where: _Where
    id: str
    text: str
    title: str = ""
    source: str = ""
    url: str | None = None
    published: object = None
    lang: object = None


Reader = Callable[[str, _Where, str], Iterator[_Draft | Skipped]]


# --- Decoding --------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY = "binary file, not text"
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


class _Unusable(Exception):
    """A file (or record) that cannot be an article; the message is the reason."""


def _decode(data: bytes) -> tuple[str, str | None]:
    """The file's text, and a note when some of it had to be replaced.

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 first; UTF-8 with a
    few damaged bytes among many good characters stays UTF-8, the bad bytes
    shown as U+FFFD. Anything else is tried as Windows-1256 and kept if it
    reads as Arabic: all 256 cp1256 bytes decode, and charset-normalizer
    often mistakes short Arabic text for another code page, so the Arabic
    check decides. Raises _Unusable for empty and binary files.
    """
    if not data.strip():
        raise _Unusable("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec)), None
            except UnicodeDecodeError:
                raise _Unusable(_BINARY) from None
    if b"\x00" in data:
        raise _Unusable(_BINARY)
    try:
        return _checked(data.decode("utf-8")), None
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    if sum(1 for c in text if not c.isascii()) - damaged >= 20 * damaged:
        note = f"{damaged} byte(s) that are not valid UTF-8 shown as \ufffd"
        return _checked(text), note
    arabic = data.decode("cp1256")
    if _reads_as_arabic(arabic):
        return _checked(arabic), None
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise _Unusable(_BINARY)
    text = str(best)
    if _share(text, _is_latin) >= 0.5:
        # Latin-script input can only be English here, and English legacy
        # files are Windows-1252; the guess between Latin code pages on a
        # short text is often wrong (naïve -> naďve).
        try:
            return _checked(data.decode("cp1252")), None
        except UnicodeDecodeError:
            pass
    return _checked(text), None


def _checked(text: str) -> str:
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise _Unusable(_BINARY)
    if not text.strip():
        raise _Unusable("empty file")
    return text


_ARABIC_WORD = re.compile("[\u0621-\u064a]+")
_ARABIC_COMMON = frozenset(
    "في من على إلى الى عن أن ان إن مع لا ما هذا هذه التي الذي قد كان بعد أو او و".split()  # noqa: SIM905
)
_ARABIC_ARTICLE = ("ال", "وال", "بال", "لل", "فال", "كال")


def _reads_as_arabic(text: str) -> bool:
    """Whether text decoded as cp1256 is Arabic rather than another code page
    misread: Cyrillic KOI8-R, for one, decodes to nothing but Arabic letters.
    Real Arabic prose is full of the article al- and a few particles (a third
    of its words or more); misread text almost never makes them."""
    if _share(text, _is_arabic) < 0.5:
        return False
    found = _ARABIC_WORD.findall(text)
    common = sum(1 for w in found if w in _ARABIC_COMMON or w.startswith(_ARABIC_ARTICLE))
    return common >= 0.15 * len(found)


def _is_arabic(c: str) -> bool:
    return "\u0600" <= c <= "\u06ff"


def _is_latin(c: str) -> bool:
    return c.isascii() or "\u00c0" <= c <= "\u024f"


def _share(text: str, script: Callable[[str], bool]) -> float:
    """The share of the letters in `text` that `script` accepts."""
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if script(c)) / len(letters) if letters else 0.0


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


def _read_txt(text: str, where: _Where, stem: str) -> Iterator[_Draft | Skipped]:
    title, body = _split_headline(text)
    yield _Draft(where, stem, body, title=title)


def _read_md(text: str, where: _Where, stem: str) -> Iterator[_Draft | Skipped]:
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as e:
        yield where.skip(f"malformed front matter: {' '.join(str(e).split())}")
        return
    fields: dict[str, Any] = dict(post.metadata)
    body = str(post.content)
    # An ATX heading on the first line is the headline when no title is given.
    first, _, rest = body.lstrip().partition("\n")
    if first.startswith("# "):
        heading = first[2:].strip().rstrip("#").strip()
        title = fields.get("title")
        if not title or " ".join(str(title).split()) == " ".join(heading.split()):
            fields["title"] = title or heading
            body = rest
    fields["text"] = body
    yield _draft(fields, where, stem)


def _read_json(text: str, where: _Where, stem: str) -> Iterator[_Draft | Skipped]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        yield where.skip(f"malformed JSON at line {e.lineno} column {e.colno}: {e.msg}")
        return
    if isinstance(data, dict):
        yield _draft(data, where, stem)
    elif isinstance(data, list):
        if not data:
            yield where.skip("no articles (the JSON list is empty)")
        for n, item in enumerate(data, start=1):
            item_where = _Where(where.path, item=n)
            if isinstance(item, dict):
                yield _draft(item, item_where, f"{stem}-{n}")
            else:
                yield item_where.skip(f"not a JSON object (got {_json_type(item)})")
    else:
        yield where.skip(f"expected a JSON object or a list of them, got {_json_type(data)}")


def _read_jsonl(text: str, where: _Where, stem: str) -> Iterator[_Draft | Skipped]:
    # N in the default id "stem-N" is the line number, so an id and any report
    # about that record point at the same line of the file.
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_where = _Where(where.path, line=n)
        try:
            data = json.loads(line)
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


def _read_html(text: str, where: _Where, stem: str) -> Iterator[_Draft | Skipped]:
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
        yield where.skip("no article text")
        return
    blocks = _html_blocks(doc.body)
    title = str(doc.title or page_title or "")
    # trafilatura keeps the page's <h1> as the first block; it is the headline.
    if blocks and blocks[0][0] == "head":
        heading = blocks.pop(0)[1]
        title = title or heading
    yield _Draft(
        where,
        stem,
        "\n\n".join(block for _, block in blocks),
        title=title,
        source=str(doc.sitename or ""),
        url=str(doc.url) if doc.url else None,
        published=next((d for d in (published, doc.date) if _readable_date(d)), published),
    )


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
    except json.JSONDecodeError:
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


def _draft(fields: Mapping[str, Any], where: _Where, default_id: str) -> _Draft | Skipped:
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
    return _Draft(
        where,
        article_id or default_id,
        values["text"] or "",
        title=values["title"] or "",
        source=values["source"] or "",
        url=(values["url"] or "").strip() or None,
        published=fields.get("date") if published is None else published,
        lang=fields.get("lang"),
    )


# Language tags are matched on their first subtag: "ar-EG" and "en_US" too.
_LANG_NAMES: Mapping[str, Lang] = {
    **dict.fromkeys(("ar", "ara", "arb", "arabic"), "ar"),
    **dict.fromkeys(("en", "eng", "english"), "en"),
}


def _published(value: object) -> dt.datetime | None:
    """An aware datetime; None when absent. Raises ValueError when unreadable.

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
        return _published(value) is not None
    except (ValueError, TypeError, OverflowError):
        return False


_LANG_SAMPLE = 2000


def _finish(draft: _Draft, notes: list[str]) -> Article | Skipped:
    """The checked Article, or the reason it cannot be one."""
    if not split_paragraphs(draft.text):
        return draft.where.skip("no article text")
    # The opening of a text tells its script as well as the whole does, and
    # detect_lang costs a pass over every character.
    sample = draft.text[:_LANG_SAMPLE]
    detected = detect_lang(sample)
    lang: Lang | None
    if draft.lang is None or (isinstance(draft.lang, str) and not draft.lang.strip()):
        lang = detected
        if lang is None:
            return draft.where.skip(
                f"language is neither Arabic nor English ({_script_guess(sample)})"
            )
    else:
        given = str(draft.lang).strip()
        lang = _LANG_NAMES.get(given.lower().replace("_", "-").split("-")[0])
        if lang is None:
            return draft.where.skip(
                f"language '{given}' is not supported (use 'ar' for Arabic or 'en' for English)"
            )
        if detected not in (None, lang):
            # The given language wins (the text may quote the other language
            # at length), but a mislabelled export is worth a look.
            notes.append(f"{draft.where.label}: lang is '{given}' but the text reads '{detected}'")
    try:
        published = _published(draft.published)
    except (ValueError, TypeError, OverflowError):
        notes.append(
            f"{draft.where.label}: invalid published date '{draft.published}'; "
            "loaded without a date"
        )
        published = None
    return make_article(
        id=draft.id,
        text=draft.text,
        lang=lang,
        path=draft.where.path,
        title=draft.title,
        source=draft.source,
        url=draft.url,
        published=published,
    )


def _script_guess(text: str) -> str:
    scripts: dict[str, int] = {}
    for c in text:
        if c.isalpha():
            name = unicodedata.name(c, "UNKNOWN").split()[0]
            scripts[name] = scripts.get(name, 0) + 1
    total = sum(scripts.values())
    if total < 20:
        return "looks like unknown: too few letters to tell"
    top = sorted(scripts.items(), key=lambda kv: (-kv[1], kv[0]))
    names = [{"CJK": "Chinese/Japanese"}.get(s, s.capitalize()) for s, _ in top]
    if top[0][1] >= 0.6 * total:
        return f"looks like {names[0]}"
    return f"looks like a mix of {names[0]} and {names[1]}"


# --- Finding the files ------------------------------------------------------------------


def _is_article_file(name: str) -> bool:
    """Whether a file met inside a folder is read as an article.

    Hidden files, unsupported types and a folder's README (notes about the
    articles, not an article) are passed over without a report, so a folder
    like examples/ with its README.md and stories.tsv loads as is.
    """
    if name.startswith(".") or name.split(".")[0].upper() == "README":
        return False
    return Path(name).suffix.lower() in READERS


def _find_files(inputs: Sequence[Path]) -> tuple[list[Path], list[Skipped]]:
    """Article files under `inputs` (each real file once), and inputs not usable."""
    found: dict[str, Path] = {}
    skipped: list[Skipped] = []

    def add(path: Path) -> None:
        key = os.path.realpath(path)
        if key not in found or path.as_posix() < found[key].as_posix():
            found[key] = path

    for given in inputs:
        if given.is_dir():
            for root, dirs, files in os.walk(
                given, onerror=lambda e: skipped.append(_os_skip(e, "folder"))
            ):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if _is_article_file(name):
                        add(Path(root, name))
        elif given.is_file():
            if given.suffix.lower() in READERS:
                add(given)
            else:
                kind = f"'{given.suffix}'" if given.suffix else "(no extension)"
                skipped.append(
                    Skipped(given.as_posix(), f"unsupported file type {kind}; use {SUPPORTED}")
                )
        elif given.exists() or given.is_symlink():
            reason = "not a file or folder" if given.exists() else "broken symbolic link"
            skipped.append(Skipped(given.as_posix(), reason))
        else:
            skipped.append(Skipped(given.as_posix(), "no such file or folder"))
    return sorted(found.values(), key=Path.as_posix), skipped


def _os_skip(error: OSError, what: str) -> Skipped:
    where = Path(error.filename).as_posix() if error.filename else "?"
    return Skipped(where, f"cannot read {what}: {error.strerror or error}")


def _read_file(path: Path, notes: list[str]) -> Iterator[_Draft | Skipped]:
    where = _Where(path.as_posix())
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Skipped(where.path, f"cannot read file: {e.strerror or e}")
        return
    try:
        text, note = _decode(data)
    except _Unusable as e:
        yield Skipped(where.path, str(e))
        return
    if note:
        notes.append(f"{where.path}: {note}")
    yield from READERS[path.suffix.lower()](text, where, path.stem)


# --- Duplicates ----------------------------------------------------------------------

_SHINGLE_WORDS = 3
# Jaccard similarity of word-trigram sets, in percent, at which two texts are
# one article: above what distinct reports of the same event reach, below
# what a re-published copy with a changed word or dateline keeps.
NEAR_DUPLICATE_PERCENT = 90


def _shingles(text: str) -> tuple[bytes, np.ndarray[Any, np.dtype[np.int64]]]:
    """(key of the normalised words, hashes of the word trigrams)."""
    tokens = words(text)
    key = hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=16).digest()
    grams = zip(*(tokens[i:] for i in range(_SHINGLE_WORDS)), strict=False)
    # Python's hash differs between runs; it only orders the trigrams for the
    # prefix filter, and every candidate is checked exactly, so the outcome
    # does not change (bar a 64-bit collision).
    hashes = {hash(g) for g in grams} or {hash(tuple(tokens))}
    return key, np.fromiter(hashes, dtype=np.int64, count=len(hashes))


def _deduplicate(
    candidates: Sequence[tuple[Article, _Where]],
) -> tuple[list[Article], list[Skipped]]:
    """Keep the first of each id and of each (near-)identical text, in the
    given order; the others are skipped naming the one kept.

    Near-duplicates are found by prefix filtering (the similarity-join trick):
    each text's trigrams are ranked rarest first across all texts, and two
    texts with Jaccard >= t must share one of the first n - ceil(t*n) + 1
    trigrams of each. Only those rare trigrams are indexed, so a text is
    compared with the handful of texts that share one, not with all of them,
    and no pair above the threshold is missed.
    """
    if not candidates:
        return [], []
    keys, sets = zip(*(_shingles(article.text) for article, _ in candidates), strict=True)
    everything = np.concatenate(sets)
    unique, inverse, counts = np.unique(everything, return_inverse=True, return_counts=True)
    rank = np.empty(len(unique), dtype=np.int64)
    rank[np.lexsort((unique, counts))] = np.arange(len(unique))
    ranked: list[np.ndarray[Any, np.dtype[np.int64]]] = []
    start = 0
    for s in sets:
        ranked.append(np.sort(rank[inverse[start : start + len(s)]]))
        start += len(s)

    kept: list[Article] = []
    skipped: list[Skipped] = []
    by_key: dict[bytes, int] = {}
    by_id: dict[str, int] = {}
    index: dict[int, list[int]] = {}
    pct = NEAR_DUPLICATE_PERCENT
    for i, (article, where) in enumerate(candidates):
        if keys[i] in by_key:
            first, first_where = candidates[by_key[keys[i]]]
            skipped.append(where.skip(f"same text as {first.id} ({first_where.label})"))
            continue
        size = len(ranked[i])
        prefix = ranked[i][: size - (pct * size + 99) // 100 + 1].tolist()
        near = sorted({j for token in prefix for j in index.get(token, ())})
        match = next((j for j in near if _similar(ranked[i], ranked[j], pct)), None)
        if match is not None:
            first, first_where = candidates[match]
            skipped.append(where.skip(f"near-duplicate of {first.id} ({first_where.label})"))
            continue
        if article.id in by_id:
            first_where = candidates[by_id[article.id]][1]
            skipped.append(where.skip(f"duplicate id '{article.id}' (also in {first_where.label})"))
            continue
        by_key[keys[i]] = by_id[article.id] = i
        for token in prefix:
            index.setdefault(token, []).append(i)
        kept.append(article)
    return kept, skipped


def _similar(
    a: np.ndarray[Any, np.dtype[np.int64]], b: np.ndarray[Any, np.dtype[np.int64]], pct: int
) -> bool:
    small, large = sorted((len(a), len(b)))
    if small * 100 < pct * large:  # sizes alone rule it out
        return False
    # Both are sorted: count the items of `a` found at their place in `b`.
    at = np.searchsorted(b, a).clip(max=len(b) - 1)
    overlap = int(np.count_nonzero(b[at] == a))
    return overlap * 100 >= pct * (len(a) + len(b) - overlap)


# --- The stage ---------------------------------------------------------------------------


def load_articles(inputs: Sequence[Path]) -> Loaded:
    """Read every article in `inputs` (files, or folders searched recursively).

    Promises:
    - every input that yields no article is in `skipped` with a reason: a
      missing path, an unsupported file named explicitly, an empty, binary or
      unreadable file, malformed JSON (a bad .jsonl line skips only that line,
      reported as "path:line"), a JSON record that is not an object or has no
      text, a language other than Arabic or English, a duplicate id, the same
      or nearly the same text as another article. Inside folders, hidden
      entries, READMEs and unsupported file types are passed over silently.
    - an unreadable `published` value does not cost the article: it is loaded
      with `published=None` and a line in `notes` says so. `notes` also names
      files whose few damaged UTF-8 bytes were replaced, and articles whose
      given `lang` disagrees with the script of their text (the given one is
      kept).
    - the result does not depend on the order of `inputs` or of the files on
      disk: articles sorted by id, skipped by (path, reason), and of two
      duplicates the one first by (path, position in file) is kept.
    - an article's `path` is the file as found, in posix form
      (`examples/a.md` for the input `examples`); ids default to the file
      stem, and to stem-N for the N-th item of a JSON list or line N of a
      .jsonl file.
    """
    files, skipped = _find_files(inputs)
    notes: list[str] = []
    candidates: list[tuple[Article, _Where]] = []
    for path in files:
        for result in _read_file(path, notes):
            if isinstance(result, Skipped):
                skipped.append(result)
                continue
            article = _finish(result, notes)
            if isinstance(article, Skipped):
                skipped.append(article)
            else:
                candidates.append((article, result.where))
    candidates.sort(key=lambda c: (c[1].path, c[1].position))
    articles, duplicates = _deduplicate(candidates)
    return Loaded(
        articles=tuple(sorted(articles, key=lambda a: (a.id, a.path))),
        skipped=tuple(sorted({*skipped, *duplicates}, key=lambda s: (s.path, s.reason))),
        notes=tuple(sorted(notes)),
    )
