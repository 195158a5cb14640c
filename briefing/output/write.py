"""Write a briefing's files (the `write` stage), all or nothing.

Every file is rendered in memory first, then written into a hidden folder
beside the date folder, which then replaces the date folder. A run that fails
before the swap leaves the previous briefing exactly as it was. A lock on the
output folder keeps two runs from writing at once.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

import filelock

from ..errors import BriefingError, RenderError
from ..models import Briefing
from .document import dumps
from .render import render_all

LOCK_NAME = ".briefing.lock"


def briefing_files(briefing: Briefing, order: str = "ar-first") -> dict[str, str]:
    """Every file of the date folder, by relative path, rendered in memory."""
    return {"briefing.json": dumps(briefing), **render_all(briefing, order)}


def _recover(output: Path, name: str) -> None:
    """Put back a date folder that a crash took away mid-swap."""
    target = output / name
    if target.exists():
        return
    for old in sorted(output.glob(f".{name}.old-*")):
        old.rename(target)
        return


def replace_folder(output: Path, name: str, files: Mapping[str, str]) -> Path:
    """Make `output/name` hold exactly `files`, replacing it as a whole."""
    output.mkdir(parents=True, exist_ok=True)
    _recover(output, name)
    target = output / name
    staging = output / f".{name}.tmp-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        for relative, text in sorted(files.items()):
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        old = output / f".{name}.old-{os.getpid()}"
        if target.exists():
            target.rename(old)
        staging.rename(target)
        if old.exists():
            shutil.rmtree(old)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise RenderError(f"cannot write {target}: {error.strerror or error}") from error
    return target


def write_briefing(briefing: Briefing, output: Path, order: str = "ar-first") -> Path:
    """Write `output/<date>/` for this briefing; returns that folder."""
    files = briefing_files(briefing, order)
    return replace_folder(output, briefing.date.isoformat(), files)


def _ignore_lock(output: Path) -> None:
    """Keep the lock file out of `git add -A` of an output folder kept in git.
    The file stays after a run (removing it would let two runs lock different
    files), so a `.gitignore` naming it is written, unless one is there."""
    ignore = output / ".gitignore"
    # Best effort: an unwritable folder is reported by taking the lock next.
    with contextlib.suppress(OSError):
        if not ignore.exists():
            ignore.write_text(f"# written by briefing: its lock file\n{LOCK_NAME}\n", "utf-8")


@contextlib.contextmanager
def output_lock(output: Path, wait: float = 0) -> Iterator[None]:
    """Hold the output folder's lock, or fail with a message saying who has it."""
    output.mkdir(parents=True, exist_ok=True)
    _ignore_lock(output)
    lock = filelock.FileLock(str(output / LOCK_NAME), timeout=wait)
    try:
        with lock:
            yield
    except filelock.Timeout:
        raise BriefingError(
            f"another briefing run is writing to {output} (lock {output / LOCK_NAME}); "
            "wait for it to finish and run again"
        ) from None
