"""A local SQLite cache of model answers.

An answer is stored under the sha256 of a canonical JSON of everything that
determines it (endpoint, model, the full messages and the call parameters),
so making the same briefing again sends no request. The database is in WAL
mode with a busy timeout, so two processes can share it, and each thread has
its own connection.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..errors import LLMError

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000

T = TypeVar("T")


def cache_key(payload: object) -> str:
    """sha256 of the canonical JSON of `payload` (sorted keys, no spaces)."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _damaged(exc: sqlite3.Error) -> bool:
    """Whether `exc` says the file is no database or a damaged one (as opposed
    to a busy or locked one, which is an OperationalError)."""
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)


class AnswerCache:
    """Stored answers keyed by `cache_key`; safe for threads and processes.

    A damaged cache file (not a database, or corrupt pages found when opening,
    reading or writing) is moved aside as `<name>.damaged-N`, with a warning on
    stderr, and a fresh cache takes its place: the answers are a cache, so
    losing them costs requests, never the run."""

    def __init__(self, path: Path, warn: Callable[[str], None] | None = None) -> None:
        self.path = path
        self.warn = warn or (lambda text: sys.stderr.write(f"briefing: warning: {text}\n"))
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._generation = 0
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._guarded(self._create)
        except (OSError, sqlite3.Error) as exc:
            raise LLMError(
                f"cannot open the answer cache {path}: {exc}; set another path with "
                'cache = "..." in briefing.toml'
            ) from exc

    def _create(self) -> None:
        connection = self._connection()
        connection.execute(
            "CREATE TABLE IF NOT EXISTS answers ("
            " key TEXT PRIMARY KEY, answer TEXT NOT NULL, version INTEGER NOT NULL)"
        )
        connection.execute("SELECT COUNT(*) FROM answers").fetchone()

    def _guarded(self, action: Callable[[], T]) -> T:
        """`action()`; when it finds the file damaged, the file is moved aside
        and `action` runs once more on a fresh cache."""
        try:
            return action()
        except sqlite3.Error as exc:
            if not _damaged(exc):
                raise
            self._move_aside(exc)
            self._create()
            return action()

    def _move_aside(self, exc: sqlite3.Error) -> None:
        with self._lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
            self._generation += 1
            n = 1
            while self.path.with_name(f"{self.path.name}.damaged-{n}").exists():
                n += 1
            aside = self.path.with_name(f"{self.path.name}.damaged-{n}")
            if self.path.exists():
                self.path.replace(aside)
            for suffix in ("-wal", "-shm"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
        self.warn(
            f"the answer cache {self.path} is damaged ({exc}); moved it to {aside.name} "
            "and started a fresh one"
        )

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is not None and getattr(self._local, "generation", -1) != self._generation:
            connection = None  # closed when a damaged file was moved aside
        if connection is None:
            connection = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self._local.connection = connection
            self._local.generation = self._generation
            with self._lock:
                self._connections.append(connection)
        return connection

    def get(self, key: str) -> dict[str, object] | None:
        """The stored answer for `key`, or None."""
        try:
            row = self._guarded(
                lambda: (
                    self._connection()
                    .execute(
                        "SELECT answer FROM answers WHERE key = ? AND version = ?",
                        (key, SCHEMA_VERSION),
                    )
                    .fetchone()
                )
            )
        except sqlite3.Error:
            return None  # a cache that cannot be read is a cache miss, not a failure
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except (json.JSONDecodeError, RecursionError):
            return None
        return value if isinstance(value, dict) else None

    def put(self, key: str, answer: dict[str, object]) -> None:
        """Store `answer` under `key`, replacing any earlier one."""
        text = json.dumps(answer, sort_keys=True, ensure_ascii=False)
        try:
            self._guarded(
                lambda: self._connection().execute(
                    "INSERT OR REPLACE INTO answers (key, answer, version) VALUES (?, ?, ?)",
                    (key, text, SCHEMA_VERSION),
                )
            )
        except sqlite3.Error as exc:
            raise LLMError(f"cannot write the answer cache {self.path}: {exc}") from exc

    def __len__(self) -> int:
        row = self._guarded(
            lambda: self._connection().execute("SELECT COUNT(*) FROM answers").fetchone()
        )
        return int(row[0])

    def close(self) -> None:
        """Close every thread's connection."""
        with self._lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self._local = threading.local()
