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
import threading
from pathlib import Path

from ..errors import LLMError

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000


def cache_key(payload: object) -> str:
    """sha256 of the canonical JSON of `payload` (sorted keys, no spaces)."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class AnswerCache:
    """Stored answers keyed by `cache_key`; safe for threads and processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = self._connection()
            connection.execute(
                "CREATE TABLE IF NOT EXISTS answers ("
                " key TEXT PRIMARY KEY, answer TEXT NOT NULL, version INTEGER NOT NULL)"
            )
        except (OSError, sqlite3.Error) as exc:
            raise LLMError(
                f"cannot open the answer cache {path}: {exc}; pass another --cache path"
            ) from exc

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
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
            with self._lock:
                self._connections.append(connection)
        return connection

    def get(self, key: str) -> dict[str, object] | None:
        """The stored answer for `key`, or None."""
        try:
            row = (
                self._connection()
                .execute(
                    "SELECT answer FROM answers WHERE key = ? AND version = ?",
                    (key, SCHEMA_VERSION),
                )
                .fetchone()
            )
        except sqlite3.Error:
            return None  # a cache that cannot be read is a cache miss, not a failure
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except json.JSONDecodeError:
            return None
        return value if isinstance(value, dict) else None

    def put(self, key: str, answer: dict[str, object]) -> None:
        """Store `answer` under `key`, replacing any earlier one."""
        text = json.dumps(answer, sort_keys=True, ensure_ascii=False)
        try:
            self._connection().execute(
                "INSERT OR REPLACE INTO answers (key, answer, version) VALUES (?, ?, ?)",
                (key, text, SCHEMA_VERSION),
            )
        except sqlite3.Error as exc:
            raise LLMError(f"cannot write the answer cache {self.path}: {exc}") from exc

    def __len__(self) -> int:
        row = self._connection().execute("SELECT COUNT(*) FROM answers").fetchone()
        return int(row[0])

    def close(self) -> None:
        """Close every thread's connection."""
        with self._lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self._local = threading.local()
