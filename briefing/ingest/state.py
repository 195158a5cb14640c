"""What `fetch` remembers between runs: a small SQLite file next to the articles.

Per feed, the `ETag` and `Last-Modified` of its last answer (for conditional
requests); per item, the keys it is known by (its feed id and its canonical
URL, tracking parameters removed), so an item in two feeds or on two days is
written once; per article page, that it was fetched, so it is never fetched
again. Canonical URLs are made here too, since they are the state's keys.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import threading
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

STATE_NAME = ".fetch-state.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT);
CREATE TABLE IF NOT EXISTS items (key TEXT PRIMARY KEY, article TEXT, first_seen TEXT);
CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, outcome TEXT);
"""

# Query parameters that only track where a reader came from.
_TRACKING = ("utm_", "mc_", "_hs")
_TRACKING_NAMES = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "ref_src", "cmpid", "at_medium"}
)


def canonical_url(url: str) -> str:
    """The URL an article is known by: scheme and host lower-cased, default
    port, fragment and tracking parameters (`utm_*`, `fbclid`, ...) removed."""
    parts = urllib.parse.urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(scheme)
    netloc = host if parts.port in (None, default) else f"{host}:{parts.port}"
    query = [
        (name, value)
        for name, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith(_TRACKING) and name.lower() not in _TRACKING_NAMES
    ]
    path = parts.path or "/"
    return urllib.parse.urlunsplit((scheme, netloc, path, urllib.parse.urlencode(query), ""))


@dataclass(frozen=True)
class Validators:
    """What a feed's last answer said to send back for a conditional request."""

    etag: str | None = None
    last_modified: str | None = None


class FetchState:
    """The state file, safe to use from the fetch threads (one lock)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError):  # busy, read-only: not damage
                raise
            self._db = self._open_afresh(error)
        self._lock = threading.Lock()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), check_same_thread=False)
        try:
            db.executescript(_SCHEMA)
            db.execute("SELECT COUNT(*) FROM items").fetchone()
        except sqlite3.Error:
            db.close()
            raise
        # Items and pages are committed with the feeds' validators (and at
        # close): a crash before then only means they are handled again.
        db.execute("PRAGMA synchronous = NORMAL")
        return db

    def _open_afresh(self, error: sqlite3.Error) -> sqlite3.Connection:
        """A damaged state file is moved aside, as the answer cache is: the
        feeds are then read whole, and articles already written are written
        again in their place (their names come from their URLs)."""
        n = 1
        while (aside := self.path.with_name(f"{self.path.name}.damaged-{n}")).exists():
            n += 1
        self.path.replace(aside)
        sys.stderr.write(
            f"briefing: warning: the fetch state {self.path} is damaged ({error}); moved it "
            f"to {aside.name} and started a fresh one\n"
        )
        return self._open()

    def close(self, *, keep: bool = True) -> None:
        """Commit what was remembered (or, with `keep` false, forget all of
        it since the last commit: an interrupted run) and close the file."""
        with self._lock:
            if keep:
                self._db.commit()
            else:
                self._db.rollback()
            self._db.close()

    def validators(self, feed: str) -> Validators:
        with self._lock:
            row = self._db.execute(
                "SELECT etag, last_modified FROM feeds WHERE url = ?", (feed,)
            ).fetchone()
        return Validators(*row) if row else Validators()

    def remember_feed(self, feed: str, validators: Validators) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO feeds VALUES (?, ?, ?)",
                (feed, validators.etag, validators.last_modified),
            )
            self._db.commit()

    def seen(self, keys: Iterable[str]) -> bool:
        """Whether an item known by any of these keys was handled before."""
        keys = list(keys)
        with self._lock:
            marks = ",".join("?" * len(keys))
            row = self._db.execute(f"SELECT 1 FROM items WHERE key IN ({marks})", keys).fetchone()
        return row is not None

    def remember_item(self, keys: Iterable[str], article: str, when: dt.datetime) -> None:
        with self._lock:
            self._db.executemany(
                "INSERT OR IGNORE INTO items VALUES (?, ?, ?)",
                [(key, article, when.isoformat()) for key in keys],
            )

    def page_fetched(self, url: str) -> str | None:
        """What came of fetching this page before ("ok" or the reason), or None."""
        with self._lock:
            row = self._db.execute("SELECT outcome FROM pages WHERE url = ?", (url,)).fetchone()
        return str(row[0]) if row else None

    def remember_page(self, url: str, outcome: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?)", (url, outcome))
