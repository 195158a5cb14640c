"""Write a briefing's files (the `write` stage), all or nothing, and only
over what briefing wrote itself.

Every file is rendered in memory first, then written into a hidden folder
`.new-<date>-<token>` beside the date folder, with the `.briefing` mark last:
a staged folder with its mark is complete. The date folder is then moved
aside to `.old-<date>-<token>` and the staged folder renamed into its place.
A run killed at any step leaves folders that `recover` (run under the lock
before each write) settles: the newest complete briefing becomes the date
folder and every other staged or set-aside folder is removed.

A date folder or index page that briefing did not write is never replaced:
the run stops before writing anything. A lock on the output folder keeps two
runs from writing at once.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

import filelock

from ..errors import BriefingError, RenderError
from ..models import Briefing
from ..owned import INDEX_NAME, LOCK_NAME, MARKER, foreign_entries, index_is_ours
from .document import FORMAT, dumps
from .render import render_all
from .site import write_index

__all__ = ["LOCK_NAME", "check_writable", "output_lock", "publish", "recover", "replace_folder"]

_STAGED = re.compile(r"\.new-(\d{4}-\d{2}-\d{2})-(\d{20})-\d+")
_ASIDE = re.compile(r"\.old-(\d{4}-\d{2}-\d{2})-(\d{20})-\d+")
# Names used by version 0.1: `.<date>.tmp-PID` (staging) and `.<date>.old-PID`.
_LEGACY = re.compile(r"\.(\d{4}-\d{2}-\d{2})\.(tmp|old)-\d+")
_INDEX_TEMP = re.compile(re.escape(f".{INDEX_NAME}.tmp-") + r"\d+")


def briefing_files(briefing: Briefing, order: str = "ar-first") -> dict[str, str]:
    """Every file of the date folder, by relative path, rendered in memory."""
    return {"briefing.json": dumps(briefing), **render_all(briefing, order)}


def _why(error: OSError) -> str:
    return error.strerror or str(error)


def check_writable(output: Path, name: str) -> None:
    """Raise RenderError, touching nothing, unless `output/name` and
    `output/index.html` are absent or briefing's own."""
    if output.exists() and not output.is_dir():
        raise RenderError(f"the output folder {output} is a file; pass --output FOLDER")
    target = output / name
    strange = foreign_entries(target)
    if strange:
        shown = ", ".join(strange[:5]) + (", …" if len(strange) > 5 else "")
        raise RenderError(
            f"{target} holds files briefing did not write ({shown}); nothing was written: "
            "move them elsewhere, or pass another --output"
        )
    index = output / INDEX_NAME
    if not index_is_ours(index):
        raise RenderError(
            f"{index} was not written by briefing; nothing was written: "
            "move it elsewhere, or pass another --output"
        )


def _safe_relative(relative: str) -> PurePosixPath:
    path = PurePosixPath(relative)
    if path.is_absolute() or not path.parts or any(p in ("", ".", "..") for p in path.parts):
        raise RenderError(f"refusing to write {relative!r}: not a plain relative path")
    return path


def _write_tree(staging: Path, files: Mapping[str, str]) -> None:
    """Every file, then the mark that says the folder is complete."""
    staging.mkdir()
    for relative, text in [*sorted(files.items()), (MARKER, FORMAT + "\n")]:
        path = staging / _safe_relative(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())


def replace_folder(output: Path, name: str, files: Mapping[str, str]) -> Path:
    """Make `output/name` hold exactly `files` (and the mark), replacing it
    as a whole; RenderError, with the previous folder unchanged, if not."""
    output.mkdir(parents=True, exist_ok=True)
    recover(output)
    check_writable(output, name)
    target = output / name
    token = f"{time.time_ns():020d}-{os.getpid()}"
    staging = output / f".new-{name}-{token}"
    try:
        _write_tree(staging, files)
    except OSError as error:
        _discard(staging)
        raise RenderError(
            f"cannot write {target}: {_why(error)}; the previous briefing there is unchanged"
        ) from error
    aside = output / f".old-{name}-{token}"
    try:
        if target.exists():
            os.rename(target, aside)
        os.rename(staging, target)
    except OSError as error:
        if target.exists():  # the first rename failed: the previous briefing stays
            _discard(staging)
        else:
            with contextlib.suppress(OSError):
                recover(output)
        raise RenderError(f"cannot replace {target}: {_why(error)}") from error
    _discard(aside)
    return target


def _discard(folder: Path) -> None:
    """Remove a staged or set-aside folder, its marks first, so that a
    removal cut short never leaves a folder that looks complete."""
    for mark in (MARKER, "briefing.json"):
        with contextlib.suppress(OSError):
            (folder / mark).unlink()
    shutil.rmtree(folder, ignore_errors=True)


def _complete(folder: Path, staged: bool) -> bool:
    if staged:
        return (folder / MARKER).is_file()
    return (folder / MARKER).is_file() or (folder / "briefing.json").is_file()


def recover(output: Path) -> None:
    """Settle what interrupted runs left in `output` (call it holding the lock).

    For each date with leftovers: the newest complete staged folder becomes
    the date folder; failing that, a missing date folder comes back from the
    newest folder set aside. Every other leftover is removed.
    """
    leftovers: dict[str, list[Path]] = {}
    try:
        names = sorted(os.listdir(output))
    except OSError:
        return
    for entry in names:
        match = _STAGED.fullmatch(entry) or _ASIDE.fullmatch(entry) or _LEGACY.fullmatch(entry)
        if match:
            leftovers.setdefault(match.group(1), []).append(output / entry)
        elif _INDEX_TEMP.fullmatch(entry):
            with contextlib.suppress(OSError):
                (output / entry).unlink()
    for name, paths in leftovers.items():
        _settle(output / name, paths)


def _newest(paths: list[Path]) -> Path | None:
    """The most recent of these folders: by the time in their names, then,
    for version 0.1's names (which held only a process id), by modification
    time of their briefing.json."""

    def when(path: Path) -> tuple[int, float]:
        match = _STAGED.fullmatch(path.name) or _ASIDE.fullmatch(path.name)
        if match:
            return (1, float(match.group(2)))
        try:
            return (0, (path / "briefing.json").stat().st_mtime)
        except OSError:
            return (0, path.stat().st_mtime)

    return max(paths, key=when, default=None)


def _is_aside(name: str) -> bool:
    legacy = _LEGACY.fullmatch(name)
    return bool(_ASIDE.fullmatch(name)) or bool(legacy and legacy.group(2) == "old")


def _settle(target: Path, paths: list[Path]) -> None:
    if target.exists() and foreign_entries(target):
        return  # not ours: check_writable will refuse it, and we touch nothing
    staged = [p for p in paths if _STAGED.fullmatch(p.name) and _complete(p, staged=True)]
    aside = [p for p in paths if _is_aside(p.name) and _complete(p, staged=False)]
    keep = _newest(staged)
    if keep is not None:
        if target.exists():
            os.rename(target, target.parent / f".old-{target.name}-{time.time_ns():020d}-0")
        os.rename(keep, target)
    elif not target.exists() and (keep := _newest(aside)) is not None:
        os.rename(keep, target)
    for path in sorted(target.parent.iterdir()):
        match = _STAGED.fullmatch(path.name) or _ASIDE.fullmatch(path.name)
        match = match or _LEGACY.fullmatch(path.name)
        if match and match.group(1) == target.name:
            _discard(path)


def publish(briefing: Briefing, output: Path, order: str = "ar-first") -> Path:
    """Write `output/<date>/` and then the index page; returns the date
    folder. When the index cannot be written the error says that the
    briefing itself was written whole."""
    folder = write_briefing(briefing, output, order)
    try:
        write_index(output, order)
    except RenderError as error:
        raise RenderError(
            f"wrote {folder} completely, but not {output / INDEX_NAME} ({error}); "
            "the index still lists the briefings as before: free the space or fix the "
            "permission, then run again"
        ) from error
    return folder


def write_briefing(briefing: Briefing, output: Path, order: str = "ar-first") -> Path:
    """Write `output/<date>/` for this briefing; returns that folder."""
    name = briefing.date.isoformat()
    check_writable(output, name)  # before rendering: refuse fast, touch nothing
    files = briefing_files(briefing, order)
    return replace_folder(output, name, files)


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
    if output.exists() and not output.is_dir():
        raise RenderError(f"the output folder {output} is a file; pass --output FOLDER")
    lock = filelock.FileLock(str(output / LOCK_NAME), timeout=wait)
    try:
        output.mkdir(parents=True, exist_ok=True)
        _ignore_lock(output)
        lock.acquire()
    except filelock.Timeout:
        raise BriefingError(
            f"another briefing run is writing to {output} (lock {output / LOCK_NAME}); "
            "wait for it to finish and run again"
        ) from None
    except OSError as error:
        raise RenderError(
            f"cannot write to the output folder {output}: {_why(error)}; "
            "pass --output with a folder you can write to"
        ) from None
    try:
        yield
    finally:
        lock.release()
