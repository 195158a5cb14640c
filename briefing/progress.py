"""Progress and messages on stderr, and per-stage timings.

On a terminal, the stage a run is in ("group…") and its counter
("select: 7/65") redraw one line in place; logs and pipes get neither, only
the messages that matter.
"""

from __future__ import annotations

import contextlib
import resource
import sys
import time
from collections.abc import Callable, Iterator
from typing import TextIO

from .text import printable


class Progress:
    """Reports a run's stages. `level`: 0 quiet (errors only), 1 normal, 2 verbose."""

    def __init__(self, level: int = 1, stream: TextIO | None = None) -> None:
        self.level = level
        self.stream = stream or sys.stderr
        self.live = level >= 1 and self.stream.isatty()
        self.timings: dict[str, float] = {}
        self.peak_rss_mb: dict[str, float] = {}

    def info(self, message: str) -> None:
        """One line for the user; control characters (a file name may hold
        ANSI escapes or line breaks) are shown, never acted on."""
        if self.level >= 1:
            self.stream.write(printable(message) + "\n")
            self.stream.flush()

    def debug(self, message: str) -> None:
        if self.level >= 2:
            self.stream.write(printable(message) + "\n")
            self.stream.flush()

    @contextlib.contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Callable[[], None]]:
        """Time a stage; the yielded function counts one unit of work done."""
        done = 0
        last = 0.0
        start = time.perf_counter()

        def tick() -> None:
            nonlocal done, last
            done += 1
            now = time.perf_counter()
            if self.live and (now - last > 0.1 or done == total):
                last = now
                of = f"/{total}" if total else ""
                self.stream.write(f"\r{name}: {done}{of}")
                self.stream.flush()

        self.debug(f"{name}…")
        if self.live:
            # A stage that counts nothing (reading, grouping) still says
            # what the run is doing while a large input keeps it busy.
            self.stream.write(f"\r{name}…")
            self.stream.flush()
        try:
            yield tick
        finally:
            elapsed = time.perf_counter() - start
            self.timings[name] = self.timings.get(name, 0.0) + elapsed
            self.peak_rss_mb[name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            if self.live:
                self.stream.write("\r\033[K")
                self.stream.flush()
            self.debug(f"{name}: {elapsed:.2f} s")


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`number` and `noun`, in the plural unless it is one: "1 article",
    "6 topics", "1,200 sentences"."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
