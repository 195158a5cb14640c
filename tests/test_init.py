"""briefing init: a ready briefing repository in one command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.config import load_config
from briefing.ingest.feeds import feed_urls


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True
    ).stdout


def test_init_makes_a_committed_repository_ready_for_daily(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "news"
    assert main(["init", str(repo)]) == 0
    assert f"{repo} is ready" in capsys.readouterr().err
    assert git(repo, "log", "--format=%s") == "briefing init\n"
    assert sorted(git(repo, "ls-files").split()) == [
        ".gitattributes",
        ".gitignore",
        "README.md",
        "briefing.toml",
        "feeds.opml",
    ]
    assert git(repo, "config", "diff.briefing.textconv").strip().endswith("briefing textconv")
    assert git(repo, "check-attr", "diff", "output/2026-11-21/briefing.json").endswith(
        "diff: briefing\n"
    )
    ignored = git(repo, "check-ignore", "articles/.fetch-state.sqlite", "output/.briefing.lock")
    assert len(ignored.split()) == 2
    # The config is valid and every commented key is one briefing knows.
    config = load_config(config_file=repo / "briefing.toml")
    assert config.feeds == (repo / "feeds.opml").resolve()
    for line in (repo / "briefing.toml").read_text().splitlines():
        if line.startswith("# ") and " = " in line.split("#")[1]:
            tomllib.loads(line[2:].split("  #")[0])  # each commented setting parses
    urls = feed_urls([str(repo / "feeds.opml")])
    assert len(urls) >= 6 and all(u.startswith("https://") for u in urls)
    readme = (repo / "README.md").read_text()
    assert f"0 6 * * * cd {repo.resolve()} && " in readme and "daily --commit --quiet" in readme
    assert "OnCalendar=" in readme and "{{" not in readme


def test_init_overwrites_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "feeds.opml").write_text("mine")
    assert main(["init", str(tmp_path)]) == 1
    assert "feeds.opml already exists; briefing init overwrites nothing" in capsys.readouterr().err
    assert (tmp_path / "feeds.opml").read_text() == "mine"


def test_init_reads_its_templates_from_an_installed_wheel(tmp_path: Path) -> None:
    # The wheel's layout: prompts/ and templates/ inside the package, no __init__.py.
    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "briefing", tmp_path / "briefing")
    for name in ("prompts", "templates"):
        shutil.copytree(root / name, tmp_path / "briefing" / name)
    script = (
        "import briefing, sys\n"
        "from pathlib import Path\n"
        "from briefing.scaffold import init_repository\n"
        "from briefing.resources import resource_dir\n"
        "assert briefing.__file__.startswith(sys.argv[1]), briefing.__file__\n"
        "assert (resource_dir('prompts') / 'system.j2').is_file()\n"
        "init_repository(Path(sys.argv[1]) / 'repo')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], env=env, cwd=tmp_path, check=True)
    assert (tmp_path / "repo" / "feeds.opml").is_file()
