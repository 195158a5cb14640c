"""Writing replaces a date folder whole, or not at all."""

from pathlib import Path

import pytest

from briefing.errors import BriefingError, RenderError
from briefing.output.write import output_lock, replace_folder


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".briefing"  # the mark every briefing folder holds
    }


def test_new_files_replace_the_old_folder_entirely(tmp_path: Path) -> None:
    replace_folder(tmp_path, "2026-11-22", {"briefing.md": "old\n", "topics/a.md": "a\n"})
    replace_folder(tmp_path, "2026-11-22", {"briefing.md": "new\n", "topics/b.md": "b\n"})
    assert _tree(tmp_path / "2026-11-22") == {"briefing.md": "new\n", "topics/b.md": "b\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-22"]  # no leftovers


def test_a_failed_write_leaves_the_previous_briefing_intact(tmp_path: Path) -> None:
    replace_folder(tmp_path, "2026-11-22", {"briefing.md": "yesterday's good copy\n"})
    # "x" is a file, so "x/y" cannot be created: the write fails midway.
    with pytest.raises(RenderError, match="cannot write"):
        replace_folder(tmp_path, "2026-11-22", {"briefing.md": "half\n", "x": "1", "x/y": "2"})
    assert _tree(tmp_path / "2026-11-22") == {"briefing.md": "yesterday's good copy\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-22"]


def test_a_folder_lost_mid_swap_is_recovered(tmp_path: Path) -> None:
    # A crash between moving the old folder aside and moving the new one in.
    aside = tmp_path / ".2026-11-22.old-999"
    aside.mkdir()
    (aside / "briefing.md").write_text("kept\n", encoding="utf-8")
    (aside / "briefing.json").write_text('{"format": "briefing/1"}\n', encoding="utf-8")
    with pytest.raises(RenderError):
        replace_folder(tmp_path, "2026-11-22", {"x": "1", "x/y": "2"})
    assert _tree(tmp_path / "2026-11-22") == {
        "briefing.md": "kept\n",
        "briefing.json": '{"format": "briefing/1"}\n',
    }
    assert not aside.exists()


def test_a_second_run_on_the_same_output_fails_clearly(tmp_path: Path) -> None:
    with (
        output_lock(tmp_path),
        pytest.raises(BriefingError, match="another briefing run"),
        output_lock(tmp_path),
    ):
        pass
    with output_lock(tmp_path):  # released again
        pass
