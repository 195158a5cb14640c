"""The examples' whole briefing folder, compared with the saved copy.

When a change is meant to alter the output, run
`.venv/bin/python tests/regen_golden.py` and review the diff of tests/golden/.
"""

import difflib
from pathlib import Path

import pytest

from .regen_golden import GOLDEN, ROOT, build


def _files(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_examples_briefing_matches_the_saved_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    made = _files(build(tmp_path))
    saved = _files(GOLDEN)
    assert sorted(made) == sorted(saved), "the set of files changed"
    for name in saved:
        if made[name] != saved[name]:
            diff = "\n".join(
                difflib.unified_diff(
                    saved[name].splitlines(),
                    made[name].splitlines(),
                    f"golden/{name}",
                    f"new/{name}",
                    lineterm="",
                    n=1,
                )
            )
            pytest.fail(
                f"{name} differs from the saved copy (regenerate if intended):\n{diff[:4000]}"
            )
