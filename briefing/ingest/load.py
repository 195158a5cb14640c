"""Load articles from files (the `load` stage).

`load_articles` takes the files and folders a user named and returns every
article it could read, plus a `Skipped` entry for every input it could not
use, with a reason the user can act on: nothing is dropped silently.

The stage finds the files, decodes each (`decode`), reads it with the
reader for its extension (`readers`), checks each draft into an `Article`,
and drops duplicates (`duplicates`). `make_article` is the one place that
turns raw fields into an `Article`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..models import Article, Lang, Skipped
from ..text import detect_lang, split_paragraphs, without_surrogates
from .decode import Unusable, decode
from .duplicates import deduplicate
from .exclude import Exclusions
from .languages import other_arabic_script_language
from .metadata import read_metadata
from .readers import READERS, SUPPORTED, Draft, Where, parse_published, published_date
from .units import citable_units

# parse_published lives with the readers, which parse dates too; it is
# imported from here by callers that build articles themselves.
__all__ = [
    "Loaded",
    "article_files",
    "content_hash",
    "load_articles",
    "make_article",
    "parse_published",
]


@dataclass(frozen=True)
class Loaded:
    """What the load stage read: articles sorted by id, skipped inputs sorted
    by (path, reason), and notes about articles that were loaded with a caveat
    (for example an unreadable date), each "path: what happened"."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    notes: tuple[str, ...] = ()
    passed_over: tuple[str, ...] = ()  # "folder: why", briefing's own output met in a folder
    # Files met in a folder that are not read as articles: a folder's README
    # and types briefing does not read (a .pdf, a .tsv), each its path.
    other_files: tuple[str, ...] = ()


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
    paragraphs = citable_units(split_paragraphs(text))
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


# --- Checking a draft -----------------------------------------------------------------

# Language tags are matched on their first subtag: "ar-EG" and "en_US" too.
_LANG_NAMES: Mapping[str, Lang] = {
    **dict.fromkeys(("ar", "ara", "arb", "arabic"), "ar"),
    **dict.fromkeys(("en", "eng", "english"), "en"),
}

_LANG_SAMPLE = 2000
# Fewer letters than this tell no language, and are no article.
_MIN_LETTERS = 20


def _finish(draft: Draft, notes: list[str]) -> Article | Skipped:
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
            if sum(c.isalpha() for c in sample) < _MIN_LETTERS:
                # A page that is only a menu, a caption, a headline alone.
                return draft.where.skip("too little article text to read (a few words at most)")
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
    if lang == "ar":
        other = _not_arabic(sample, draft)
        if other is not None:
            return other
    try:
        published = published_date(draft.published)
    except (ValueError, TypeError, OverflowError):
        notes.append(
            f"{draft.where.label}: invalid published date '{draft.published}'; "
            "loaded without a date"
        )
        published = None
    found = read_metadata(draft.text, title=draft.title, source=draft.source, published=published)
    article = make_article(
        id=draft.id,
        text=draft.text,
        lang=lang,
        path=draft.where.path,
        title=found.title,
        source=found.source,
        url=draft.url,
        published=found.published,
    )
    return replace(
        article,
        date_source=found.date_source,
        not_before=found.not_before,
        title_source=found.title_source,
    )


def _not_arabic(sample: str, draft: Draft) -> Skipped | None:
    """The skip of a text in the Arabic script that is Persian or Urdu (even
    if labelled Arabic), or None for Arabic."""
    other = other_arabic_script_language(sample)
    if other is None:
        return None
    return draft.where.skip(
        f"language is {other}, not Arabic (only Arabic and English are supported)"
    )


def _script_guess(text: str) -> str:
    scripts: dict[str, int] = {}
    for c in text:
        if c.isalpha():
            name = unicodedata.name(c, "UNKNOWN").split()[0]
            scripts[name] = scripts.get(name, 0) + 1
    total = sum(scripts.values())
    top = sorted(scripts.items(), key=lambda kv: (-kv[1], kv[0]))
    names = [{"CJK": "Chinese/Japanese"}.get(s, s.capitalize()) for s, _ in top]
    if top[0][1] >= 0.6 * total:
        return f"looks like {names[0]}"
    return f"looks like a mix of {names[0]} and {names[1]}"


# --- Finding the files ------------------------------------------------------------------


def _is_article_file(name: str) -> bool:
    """Whether a file met inside a folder is read as an article.

    Hidden files, unsupported types and a folder's README (notes about the
    articles, not an article) are not read; all but hidden files are listed
    in `Loaded.other_files`, so a .pdf dropped in the folder is mentioned.
    """
    if name.startswith(".") or name.split(".")[0].upper() == "README":
        return False
    return Path(name).suffix.lower() in READERS


def _folders_to_read(
    root: str, dirs: list[str], exclusions: Exclusions, passed_over: list[str], seen: set[str]
) -> list[str]:
    """The subfolders of `root` to walk into: not hidden, not briefing's own
    output, and, through a symbolic link, not a folder walked already (a
    link to a parent would loop); those are noted in `passed_over`. The
    folders kept are added to `seen`, by their real path."""
    keep = []
    for name in sorted(d for d in dirs if not d.startswith(".")):
        real = os.path.realpath(Path(root, name))
        why = exclusions.reason(Path(root, name))
        if not why and real in seen:
            why = "a link to a folder read already"
        if why:
            passed_over.append(f"{Path(root, name).as_posix()}: {why}")
        else:
            seen.add(real)
            keep.append(name)
    return keep


def _find_files(
    inputs: Sequence[Path], exclusions: Exclusions, passed_over: list[str], others: list[str]
) -> tuple[list[Path], list[Skipped]]:
    """Article files under `inputs` (each real file once), and inputs not usable."""
    found: dict[str, Path] = {}
    skipped: list[Skipped] = []

    def add(path: Path) -> None:
        key = os.path.realpath(path)
        if key not in found or path.as_posix() < found[key].as_posix():
            found[key] = path

    for given in inputs:
        excluded = exclusions.inside(given)
        if excluded:
            skipped.append(Skipped(given.as_posix(), f"not read: {excluded}"))
        elif given.is_dir():
            # A folder linked into an input folder is read like one put there.
            seen = {os.path.realpath(given)}
            for root, dirs, files in os.walk(
                given, onerror=lambda e: skipped.append(_os_skip(e, "folder")), followlinks=True
            ):
                dirs[:] = _folders_to_read(root, dirs, exclusions, passed_over, seen)
                for name in sorted(files):
                    path = Path(root, name)
                    if _is_article_file(name):
                        add(path)
                    elif name.startswith("."):
                        continue
                    elif path.is_symlink() and not path.exists():
                        # Most often a link to a folder that is gone or not
                        # mounted: not "a file of a type briefing does not read".
                        skipped.append(Skipped(path.as_posix(), "broken symbolic link"))
                    else:
                        others.append(path.as_posix())
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


def _read_file(path: Path, notes: list[str]) -> Iterator[Draft | Skipped]:
    where = Where(path.as_posix())
    try:
        data = path.read_bytes()
    except OSError as e:
        # A link to nothing (or to itself) is named as the input given one is.
        broken = path.is_symlink() and not path.exists()
        yield Skipped(
            where.path, "broken symbolic link" if broken else f"cannot read file: {e.strerror or e}"
        )
        return
    try:
        text, note = decode(data)
    except Unusable as e:
        yield Skipped(where.path, str(e))
        return
    if note:
        notes.append(f"{where.path}: {note}")
    # The default id is the stem, readable: a name's undecodable bytes become
    # U+FFFD there, while `where.path` keeps them to open the file again.
    yield from READERS[path.suffix.lower()](text, where, without_surrogates(path.stem))


def other_files_line(paths: Sequence[str], shown: int = 5) -> str:
    """One line naming the files in the input folders that are not read as
    articles (`Loaded.other_files`), and what briefing reads."""
    names = ", ".join(paths[:shown])
    if len(paths) > shown:
        names += f" and {len(paths) - shown} more"
    what = "a file" if len(paths) == 1 else f"{len(paths)} files"
    return f"not read as articles: {what} ({names}); briefing reads {SUPPORTED}"


# --- The stage ---------------------------------------------------------------------------


def article_files(inputs: Sequence[Path], exclude: Sequence[Path] = ()) -> tuple[str, ...]:
    """The files `load_articles(inputs, exclude)` would read, as the posix
    paths it records, sorted; nothing is read but the folders' listings."""
    files, _ = _find_files(inputs, Exclusions(exclude), [], [])
    return tuple(p.as_posix() for p in files)


def load_articles(inputs: Sequence[Path], exclude: Sequence[Path] = ()) -> Loaded:
    """Read every article in `inputs` (files, or folders searched recursively).

    Promises:
    - every input that yields no article is in `skipped` with a reason: a
      missing path, an unsupported file named explicitly, an empty, binary or
      unreadable file, malformed JSON (a bad .jsonl line skips only that line,
      reported as "path:line"), a JSON record that is not an object or has no
      text, a language other than Arabic or English, a duplicate id, the same
      or nearly the same text as another article. Inside folders, hidden
      entries are passed over silently; READMEs and file types briefing does
      not read are listed in `other_files`, for the caller to mention.
    - briefing's own output is never read: the paths in `exclude` (the output
      folder, the answer cache) and any folder briefing marked as a briefing
      or an output folder; met inside a folder they are listed in
      `passed_over`, named as inputs they are skipped.
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
    passed_over: list[str] = []
    others: list[str] = []
    files, skipped = _find_files(inputs, Exclusions(exclude), passed_over, others)
    notes: list[str] = []
    candidates: list[tuple[Article, Draft]] = []
    for path in files:
        for result in _read_file(path, notes):
            if isinstance(result, Skipped):
                skipped.append(result)
                continue
            article = _finish(result, notes)
            if isinstance(article, Skipped):
                skipped.append(article)
            else:
                candidates.append((article, result))
    candidates.sort(key=lambda c: (c[1].where.path, c[1].where.position))
    articles, duplicates = deduplicate(
        [(a, d.where) for a, d in candidates], [d.named_by_file for _, d in candidates]
    )
    return Loaded(
        articles=tuple(sorted(articles, key=lambda a: (a.id, a.path))),
        skipped=tuple(sorted({*skipped, *duplicates}, key=lambda s: (s.path, s.reason))),
        notes=tuple(sorted(notes)),
        passed_over=tuple(sorted(passed_over)),
        other_files=tuple(sorted(others)),
    )
