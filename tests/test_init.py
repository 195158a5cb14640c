"""briefing init: a ready briefing repository in one command."""

from __future__ import annotations

import os
import shlex
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


def test_a_folder_name_with_spaces_and_quotes_reaches_cron_quoted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "Morning news 'ar-en'"
    assert main(["init", str(repo)]) == 0
    assert f"cd {shlex.quote(str(repo))} && briefing daily" in capsys.readouterr().err
    readme = (repo / "README.md").read_text(encoding="utf-8")
    cron = next(line for line in readme.splitlines() if line.startswith("0 6 * * * "))
    # The line as cron's shell runs it, asking for the version instead.
    command = cron.removeprefix("0 6 * * * ").replace("daily --commit --quiet", "--version")
    done = subprocess.run(
        ["sh", "-c", f"{command} && pwd"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == str(repo.resolve())
    assert f"WorkingDirectory={repo.resolve()}\n" in readme


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


@pytest.mark.parametrize(
    ("command", "advice"),
    [
        (["init", "{file}"], "choose another folder"),
        (
            ["fetch", "http://127.0.0.1:9/x.rss", "--articles", "{file}/a"],
            "choose another --articles",
        ),
    ],
)
def test_a_file_in_the_way_is_met_with_advice_the_command_takes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], advice: str
) -> None:
    """`briefing init notes.txt` advised 'choose another --output', an option
    init does not have."""
    in_the_way = tmp_path / "notes.txt"
    in_the_way.write_text("mine", encoding="utf-8")
    assert main([part.format(file=in_the_way) for part in command]) == 1
    err = capsys.readouterr().err
    assert "a file is in the way" in err and err.rstrip().endswith(advice)
    assert in_the_way.read_text(encoding="utf-8") == "mine"


def test_a_config_that_names_a_folder_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--config /etc` said the folder 'does not exist'."""
    assert main(["topics", "--config", str(tmp_path)]) == 1
    assert f"config file {tmp_path} is a folder" in capsys.readouterr().err
