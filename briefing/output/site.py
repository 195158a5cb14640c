"""`output/index.html`: the page that lists every briefing in the output folder.

It is rebuilt from the date folders' `briefing.json` files after each run, so
it never needs to be edited and always matches what is on disk.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RenderError
from ..labels import LABELS
from ..models import LANGS, Lang
from ..owned import GENERATOR_TAG, INDEX_NAME, index_is_ours
from .render import html_context, render


@dataclass(frozen=True)
class Entry:
    """One date folder as the index shows it. `count` is None when the folder's
    briefing.json could not be read; the date is still listed."""

    date: dt.date
    href: str | None  # None when the folder has no briefing.html
    count: int | None
    titles: list[dict[str, str]] = field(default_factory=list)


def _titles(topics: object) -> list[dict[str, str]]:
    """Each topic's titles by language, keeping only strings (the file may
    have been edited by hand)."""
    if not isinstance(topics, list):
        raise ValueError("topics is not a list")
    titles: list[dict[str, str]] = []
    for topic in topics:
        title = topic.get("title") if isinstance(topic, dict) else None
        if isinstance(title, dict):
            titles.append({k: v for k, v in title.items() if k in LANGS and isinstance(v, str)})
        else:
            titles.append({})
    return titles


def _entry(folder: Path) -> Entry | None:
    try:
        day = dt.date.fromisoformat(folder.name)
    except ValueError:
        return None
    if len(folder.name) != 10 or not (folder / "briefing.json").is_file():
        return None
    href = f"{folder.name}/briefing.html" if (folder / "briefing.html").is_file() else None
    try:
        data = json.loads((folder / "briefing.json").read_text(encoding="utf-8"))
        titles = _titles(data.get("topics") if isinstance(data, dict) else None)
    except (OSError, ValueError):
        return Entry(day, href, None)
    return Entry(day, href, len(titles), titles)


def entries(output: Path) -> list[Entry]:
    """Every `output/<YYYY-MM-DD>/briefing.json`, newest first."""
    if not output.is_dir():
        return []
    found = (_entry(p) for p in output.iterdir() if p.is_dir())
    return sorted((e for e in found if e is not None), key=lambda e: e.date, reverse=True)


def index_html(output: Path, order: str = "ar-first") -> str:
    """The index page's HTML: every briefing date in `output`, newest first,
    each with its topic count and titles and a relative link to its page.
    Self-contained like the briefings (inline CSS, no script)."""
    langs: list[Lang] = list(LANGS) if order == "ar-first" else list(reversed(LANGS))
    context = {
        "langs": langs,
        "labels": LABELS,
        "entries": [
            {
                "date": e.date,
                "dates": {lang: LABELS[lang].date(e.date) for lang in LANGS},
                "href": e.href,
                "count": e.count,
                "titles": e.titles,
            }
            for e in entries(output)
        ],
    }
    return render("index.html.j2", html_context(dict(context, generator=GENERATOR_TAG)))


def write_index(output: Path, order: str = "ar-first") -> None:
    """Rewrite `output/index.html` atomically: a reader sees the old page or
    the new one, never half of one."""
    target = output / INDEX_NAME
    if not index_is_ours(target):
        raise RenderError(f"{target} was not written by briefing; it is left as it is")
    text = index_html(output, order)
    output.mkdir(parents=True, exist_ok=True)
    temporary = output / f".{INDEX_NAME}.tmp-{os.getpid()}"
    try:
        with temporary.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise RenderError(f"cannot write {target}: {error.strerror or error}") from error
