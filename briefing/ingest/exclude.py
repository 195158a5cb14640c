"""What the load stage never reads: briefing's own output.

A run reading its own earlier output would take last run's topic files for
articles. So the output folder, any folder briefing marked as a briefing or
an output folder of its own, and the answer cache are passed over, whether
met inside a folder or named on the command line.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..owned import is_briefing_folder, is_output_root


class Exclusions:
    """The paths a run must not read, and why each one is left out."""

    def __init__(self, paths: Sequence[Path] = ()) -> None:
        self._real = {os.path.realpath(p): p for p in paths}

    def reason(self, path: Path) -> str | None:
        """Why `path` (a file or folder) is not read, or None when it may be."""
        real = os.path.realpath(path)
        if real in self._real:
            return "briefing's own output"
        if path.is_dir():
            if is_output_root(path):
                return "an output folder briefing writes"
            if is_briefing_folder(path):
                return "a briefing that briefing wrote"
        return None

    def inside(self, path: Path) -> str | None:
        """Why `path`, or a folder it is in, is not read; None when it may be."""
        absolute = Path(os.path.abspath(path))
        why = self.reason(absolute)
        if why:
            return why
        for place in absolute.parents:
            if os.path.realpath(place) in self._real or is_briefing_folder(place):
                return f"inside {place.as_posix()}, briefing's own output"
        return None
