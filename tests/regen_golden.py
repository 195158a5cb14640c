"""Rewrite tests/golden/ from the examples: `.venv/bin/python tests/regen_golden.py`.

Review the resulting diff like any other change: it is exactly what a user
would see change in their briefing.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
DATE = dt.date(2026, 11, 22)


def build(output: Path) -> Path:
    """Generate the examples' offline briefing into `output`; its date folder."""
    from briefing.config import Config
    from briefing.pipeline import generate

    result = generate([Path("examples")], Config(output=output, llm="none"), date=DATE)
    assert result.folder is not None
    return result.folder


def main() -> None:
    import os

    os.chdir(ROOT)  # recorded input paths are relative to where briefing runs
    with tempfile.TemporaryDirectory() as tmp:
        folder = build(Path(tmp))
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(folder, GOLDEN)
    print(f"rewrote {GOLDEN.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
