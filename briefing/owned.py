"""What briefing wrote itself: the marks that tell its folders from a user's.

Every date folder briefing writes holds a `.briefing` file naming the
document format; it is written last, so it also says the folder is complete.
Folders written before the mark existed are recognised by their
`briefing.json`. The output stage replaces only folders that pass
`foreign_entries`; the load stage never reads a folder `is_briefing_folder`
recognises. Shared by both stages, so it sits below them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

MARKER = ".briefing"
FORMAT_PREFIX = "briefing/"
LOCK_NAME = ".briefing.lock"
INDEX_NAME = "index.html"
# The index page says who made it, so that a user's own index.html is never
# taken for ours (and an index from before the tag by its list of briefings).
GENERATOR_TAG = '<meta name="generator" content="briefing">'
_LEGACY_INDEX = ('<ol class="briefings">', "Content-Security-Policy")

# The files of a date folder; `topics/` holds one Markdown file per topic.
FOLDER_FILES = frozenset({MARKER, "briefing.json", "briefing.md", "briefing.html"})
TOPICS = "topics"

_DATE_NAME = re.compile(r"\d{4}-\d{2}-\d{2}")
_HEAD = 4096


def _marked(folder: Path) -> bool:
    try:
        return (folder / MARKER).read_text(encoding="utf-8").startswith(FORMAT_PREFIX)
    except (OSError, UnicodeDecodeError):
        return False


def _has_briefing_json(folder: Path) -> bool:
    """Whether the folder's briefing.json is one of ours (its `format` field)."""
    try:
        data = json.loads((folder / "briefing.json").read_bytes())
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and str(data.get("format", "")).startswith(FORMAT_PREFIX)


def is_briefing_folder(folder: Path) -> bool:
    """Whether `folder` is a date folder briefing wrote (marked, or an older
    one with our briefing.json)."""
    return folder.is_dir() and (_marked(folder) or _has_briefing_json(folder))


def is_output_root(folder: Path) -> bool:
    """Whether `folder` is an output folder briefing writes into: it holds an
    index page of ours, or the run lock and a briefing. The lock alone is
    not enough: a run refused before writing anything may have left it."""
    if index_is_ours(folder / INDEX_NAME, missing=False):
        return True
    if not (folder / LOCK_NAME).exists():
        return False
    try:
        children = [c for c in folder.iterdir() if _DATE_NAME.fullmatch(c.name)]
    except OSError:
        return False
    return any(is_briefing_folder(c) for c in children)


def index_is_ours(path: Path, *, missing: bool = True) -> bool:
    """Whether `path` is an index page briefing wrote (`missing` when there is none)."""
    try:
        with path.open("r", encoding="utf-8", errors="replace") as handle:
            head = handle.read(_HEAD)
    except FileNotFoundError:
        return missing
    except OSError:
        return False
    return GENERATOR_TAG in head or all(mark in head for mark in _LEGACY_INDEX)


def foreign_entries(folder: Path) -> list[str]:
    """What in `folder` briefing did not write, as paths relative to it
    (empty when the folder is ours through and through, or absent)."""
    if not folder.exists():
        return []
    if not folder.is_dir():
        return ["(it is a file, not a folder)"]
    if not (_marked(folder) or _has_briefing_json(folder)):
        return sorted(entry.name for entry in folder.iterdir())  # an empty folder loses nothing
    strange = []
    for entry in sorted(folder.iterdir()):
        if entry.name == TOPICS and entry.is_dir() and not entry.is_symlink():
            strange += [
                f"{TOPICS}/{p.name}"
                for p in sorted(entry.iterdir())
                if p.suffix != ".md" or not p.is_file() or p.is_symlink()
            ]
        elif entry.name not in FOLDER_FILES or not entry.is_file() or entry.is_symlink():
            strange.append(entry.name)
    return strange


def is_date_name(name: str) -> bool:
    return bool(_DATE_NAME.fullmatch(name))
