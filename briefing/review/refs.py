"""Find and read the briefing.json a command-line reference names.

`briefing diff A B` names each side by a date, a path or a git revision;
`read_briefing` finds that document and `parse_briefing` checks it is a
briefing. Only reads: nothing here writes to the output folder.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..jsonlimits import untrusted_int
from ..output.schema import schema_problem

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

Data = dict[str, Any]


class NotABriefing(InputError):
    """The file is not a briefing.json at all (not JSON, or no briefing format)."""


def read_briefing(ref: str, output: Path, date: str | None = None) -> tuple[str, Data]:
    """The briefing `ref` names, as a display label and its briefing.json data.

    `ref` is read by the first rule that applies:

    1. `YYYY-MM-DD`: the briefing of that date, `OUTPUT/YYYY-MM-DD/briefing.json`;
    2. an existing folder (its `briefing.json`) or file;
    3. `REV:PATH`: the file at PATH in git revision REV, exactly as `git show
       REV:PATH` reads it from the current folder (PATH is relative to the
       repository root, or to the current folder when it starts with `./`);
    4. anything else is a git revision of the repository holding OUTPUT, and
       `date` (required) says which briefing: `OUTPUT/DATE/briefing.json` as
       committed in that revision.

    Raises InputError, saying what to pass instead, for a date with no
    briefing (listing the dates there are), an unknown revision, a revision
    without that briefing, and a file that is not a briefing.json.
    """
    if _DATE.fullmatch(ref):
        _check_date(ref)
        return _read_dated(ref, output)
    path = Path(ref)
    if path.is_dir():
        path = path / "briefing.json"
        if not path.is_file():
            raise InputError(f"{ref} has no briefing.json; pass a briefing folder or file")
    if path.is_file():
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise InputError(f"cannot read {path}: {error.strerror}") from None
        return str(path), parse_briefing(raw, str(path))
    if ":" in ref:
        rev, _, inner = ref.partition(":")
        _check_revision(rev, Path.cwd(), ref)
        raw = _git(["show", ref], Path.cwd(), f"{rev} has no {inner or 'file'} (git show {ref})")
        return ref, parse_briefing(raw, ref)
    return _read_revision(ref, output, date)


def parse_briefing(raw: bytes | str, label: str) -> Data:
    """briefing.json's data, checked against the briefing schema.

    Raises NotABriefing (naming `label`) for a file that is not JSON or has
    no `"format": "briefing/…"`, and InputError naming the field for a
    briefing.json that does not follow the schema (edited by hand, or
    tampered with). Fields added by later versions are accepted.
    """

    def refuse(why: str) -> NotABriefing:
        return NotABriefing(
            f"{label} is not a briefing.json ({why}); "
            "pass the briefing.json that `briefing generate` writes"
        )

    try:
        data = json.loads(raw, parse_int=untrusted_int)
    except UnicodeDecodeError:
        raise refuse("not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise refuse(f"not JSON: {error.msg} at line {error.lineno}") from None
    except RecursionError:
        raise refuse("nested too deeply to be one") from None
    if not isinstance(data, dict) or not str(data.get("format", "")).startswith("briefing/"):
        raise refuse('no "format": "briefing/…" field')
    problem = schema_problem(data)
    if problem:
        raise InputError(
            f"{label} is not a briefing.json as briefing writes it: {problem}; "
            "was it edited by hand? Restore it (git checkout) or run briefing generate again"
        )
    return data


def available_dates(output: Path) -> list[str]:
    """The dates that have a briefing.json under `output`, oldest first."""
    if not output.is_dir():
        return []
    return sorted(
        p.name
        for p in output.iterdir()
        if _DATE.fullmatch(p.name) and (p / "briefing.json").is_file()
    )


def _check_date(value: str) -> None:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value} is not a calendar date; write it as YYYY-MM-DD") from None


def _read_dated(date: str, output: Path) -> tuple[str, Data]:
    path = output / date / "briefing.json"
    if not path.is_file():
        dates = available_dates(output)
        there = ", ".join(dates) if dates else "none"
        # Someone standing inside the output folder types the folder's name.
        here = (Path(date) / "briefing.json").is_file()
        hint = f"pass ./{date} to mean the folder here" if here else "pick one of those dates"
        raise InputError(
            f"no briefing for {date} in {output} (dates there: {there}); "
            f"{hint}, or pass --output for another output folder"
        )
    return str(path), parse_briefing(path.read_bytes(), str(path))


def _read_revision(rev: str, output: Path, date: str | None) -> tuple[str, Data]:
    # Run git where the output folder is, so that an output folder that is
    # its own repository works as well as one inside the project's.
    absolute = output.resolve()
    where = next((p for p in (absolute, *absolute.parents) if p.is_dir()), Path.cwd())
    _check_revision(rev, where, rev)
    if date is None:
        raise InputError(
            f"{rev} is a git revision: say which briefing with --date YYYY-MM-DD, "
            f"or name the file as {rev}:PATH/TO/briefing.json"
        )
    _check_date(date)
    top = Path(_git(["rev-parse", "--show-toplevel"], where, "").decode().strip()).resolve()
    try:
        folder = absolute.relative_to(top).as_posix()
    except ValueError:
        raise InputError(f"{output} is outside the git repository at {top}") from None
    prefix = "" if folder == "." else f"{folder}/"
    name = f"{prefix}{date}/briefing.json"
    spec = f"{rev}:{name}"
    listing = _run(["ls-tree", "--name-only", f"{rev}:{prefix}"], top)
    dates = sorted(n for n in listing.stdout.decode().split("\n") if _DATE.fullmatch(n))
    missing = (
        f"{rev} has no {name} (dates committed there: {', '.join(dates) or 'none'}); "
        "pick one of those with --date, or another revision"
    )
    return spec, parse_briefing(_git(["show", spec], top, missing), spec)


def _check_revision(rev: str, where: Path, ref: str) -> None:
    if _run(["rev-parse", "--is-inside-work-tree"], where).returncode != 0:
        raise InputError(
            f"{ref!r} is not a date (YYYY-MM-DD) nor an existing file or folder, "
            f"and {where} is not in a git repository to look it up as a revision"
        )
    if _run(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], where).returncode != 0:
        raise InputError(
            f"{ref!r} is not a date (YYYY-MM-DD), an existing file or folder, "
            f"or a known git revision in {where}; check the spelling (`git log --oneline`)"
        )


def _run(args: list[str], where: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=where, capture_output=True)
    except OSError as error:
        raise InputError(
            f"cannot run git ({error.strerror}); install git to compare revisions, "
            "or pass dates or paths"
        ) from None


def _git(args: list[str], where: Path, failure: str) -> bytes:
    done = _run(args, where)
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        raise InputError(failure or (detail[-1] if detail else f"git {args[0]} failed"))
    return done.stdout
