"""briefing daily, end to end through the CLI: init a repository, point it at
feeds on loopback, make and commit day 1 and day 2, and read day 2 through
git's textconv driver."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from feed_server import FeedServer, atom, rss2
from feed_stories import (
    FERRY_AR,
    FERRY_AR_DAY2,
    FERRY_EN,
    FERRY_EN_DAY2,
    LIBRARY_AR,
    LIBRARY_EN,
    MARKET_AR,
    MARKET_EN,
    at,
)

from briefing.cli import main
from briefing.daily import briefing_time, window_articles
from briefing.progress import Progress

RSS = "application/rss+xml"
DAY1 = "Sat, 21 Nov 2026 09:00:00 +0000"
DAY2 = "Sun, 22 Nov 2026 18:00:00 +0000"


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.fixture
def repo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, utc: None
) -> Iterator[tuple[Path, FeedServer]]:
    """A repository made by `briefing init`, its feeds on loopback."""
    folder = tmp_path / "news"
    assert main(["init", str(folder)]) == 0
    # git runs the textconv driver by the path init wrote; it must find this Python.
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.chdir(folder)
    with FeedServer() as site:
        u = site.url
        english = [at(s, u(f"/en/{s.slug}"), DAY1) for s in (FERRY_EN, LIBRARY_EN, MARKET_EN)]
        site.route("/en.rss", rss2("Coast Wire", english, full=True), RSS)
        arabic = [at(s, u(f"/ar/{s.slug}")) for s in (FERRY_AR, LIBRARY_AR, MARKET_AR)]
        site.route("/ar.atom", atom("أخبار الساحل", arabic), "application/atom+xml")
        (folder / "feeds.opml").write_text(
            '<?xml version="1.0"?><opml version="2.0"><head/><body>'
            f'<outline xmlUrl="{u("/en.rss")}"/><outline xmlUrl="{u("/ar.atom")}"/>'
            "</body></opml>",
            encoding="utf-8",
        )
        with (folder / "briefing.toml").open("a") as config:
            config.write('host_delay = 0\nllm = "none"\n')
        yield folder, site


def test_init_then_daily_on_two_days_commits_briefings_that_diff_by_sentence(
    repo: tuple[Path, FeedServer], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, site = repo
    assert main(["daily", "--date", "2026-11-21", "--commit"]) == 0
    err = capsys.readouterr().err
    assert "fetched 2 feeds: 6 new articles, 0 seen before" in err
    assert "read 6 inputs: 6 articles; grouped into 3 topics" in err
    assert "committed: briefing 2026-11-21: 3 new, 0 continuing topics" in err
    # In the order things happened, as the README's example shows.
    said = [line.split()[0] for line in err.splitlines()]
    assert (
        said.index("fetched") < said.index("read") < said.index("wrote") < said.index("committed:")
    )

    # Day 2: the ferry story goes on in both languages; the old items stay listed.
    english = [at(FERRY_EN_DAY2, site.url("/en/ferry-2"), DAY2)] + [
        at(s, site.url(f"/en/{s.slug}"), DAY1) for s in (FERRY_EN, LIBRARY_EN, MARKET_EN)
    ]
    site.route("/en.rss", rss2("Coast Wire", english, full=True), RSS)
    site.route("/ar2.rss", rss2("الساحل", [at(FERRY_AR_DAY2, site.url("/ar/f2"), DAY2)], True), RSS)
    opml = (folder / "feeds.opml").read_text()
    (folder / "feeds.opml").write_text(
        opml.replace("</body>", f'<outline xmlUrl="{site.url("/ar2.rss")}"/></body>')
    )
    assert main(["daily", "--date", "2026-11-22", "--commit"]) == 0
    err = capsys.readouterr().err
    assert "fetched 3 feeds: 2 new articles, 3 seen before (1 feed unchanged)" in err
    assert "grouped into 1 topic (1 continuing from 2026-11-21)" in err
    log = git(folder, "log", "--format=%B", "-1")
    assert log.startswith("briefing 2026-11-22: 0 new, 1 continuing topics\n\nContinuing:\n- ")

    # git log -p and git diff read briefing.json through `briefing textconv`.
    patch = git(folder, "log", "-p", "-1", "--", "output/2026-11-22/briefing.json")
    assert "+status: continuing" in patch and "+en: " in patch and "+ar: " in patch
    assert '"topics"' not in patch
    changed = git(folder, "diff", "HEAD~1", "HEAD", "--", "output/index.html")
    assert "2026-11-22" in changed

    # Run again with nothing new: the same bytes, so nothing to commit.
    assert main(["daily", "--date", "2026-11-22", "--commit"]) == 0
    assert "nothing changed" in capsys.readouterr().err
    assert len(git(folder, "log", "--format=%h").split()) == 3


def test_exit_3_names_what_is_partial_and_exit_1_when_nothing_can_be_done(
    repo: tuple[Path, FeedServer], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, site = repo
    site.route("/ar.atom", b"", status=503, headers={"Retry-After": "3600"})
    assert main(["daily", "--date", "2026-11-21", "-q"]) == 3
    err = capsys.readouterr().err
    assert err == (
        f"briefing: partial: 1 of 2 feeds failed ({site.url('/ar.atom')}: HTTP 503, asked to "
        "retry after 3600 s (longer than the 120 s we wait))\n"
    )
    assert (folder / "output" / "2026-11-21" / "briefing.json").is_file()
    assert main(["daily", "--date", "2026-11-25"]) == 1
    err = capsys.readouterr().err
    assert "1 feed failed" in err and "retry after 3600 s" in err
    assert "error: no articles in " in err and "nothing to brief" in err


def test_the_window_takes_undated_articles_first_seen_in_it(tmp_path: Path, utc: None) -> None:
    now = dt.datetime(2026, 11, 22, 6, 0, tzinfo=dt.UTC)
    records = {
        "dated-in": {"published": "2026-11-21T07:00:00+00:00", "first_seen": "2026-11-22T05:00"},
        "dated-out": {"published": "2026-11-21T05:59:00+00:00", "first_seen": "2026-11-22T05:00"},
        "undated-in": {"published": None, "first_seen": "2026-11-22T05:00:00+00:00"},
        "undated-out": {"published": None, "first_seen": "2026-11-20T05:00:00+00:00"},
    }
    for name, record in records.items():
        day = (record["published"] or record["first_seen"])[:10]
        (tmp_path / day).mkdir(exist_ok=True)
        (tmp_path / day / f"{name}.json").write_text(json.dumps(record))
    end = briefing_time(None, now)
    found = window_articles(tmp_path, end, 24, Progress(0))
    assert sorted(p.stem for p in found) == ["dated-in", "undated-in"]
    assert briefing_time(dt.date(2026, 11, 20), now) == dt.datetime(2026, 11, 21, tzinfo=dt.UTC)


def test_the_readmes_feed_commands_match_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Daily briefings from feeds", 1)[1].split("\n## ", 1)[0]
    block = next(b for b in section.split("```")[1::2] if "briefing fetch [" in b)
    usage: dict[str, set[str]] = {}
    command = ""
    for line in block.splitlines():
        found = re.match(r"briefing (\w+)", line)
        command = found.group(1) if found else command
        if command:
            usage.setdefault(command, set()).update(re.findall(r"--[a-z][a-z-]*", line))
    assert set(usage) == {"fetch", "daily", "init"}
    for command, flags in usage.items():
        with pytest.raises(SystemExit):
            main([command, "--help"])
        help_text = capsys.readouterr().out
        assert all(flag in help_text for flag in flags), (command, flags)


def test_a_date_after_today_is_refused_before_anything_is_fetched(
    repo: tuple[Path, FeedServer], capsys: pytest.CaptureFixture[str]
) -> None:
    """`daily --date` a week ahead (a typo for last week) wrote today's
    articles as that day's briefing, which later briefings then continued."""
    folder, site = repo
    later = (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=7)).isoformat()
    assert main(["daily", "--date", later]) == 1
    err = capsys.readouterr().err
    assert f"--date {later} is after today" in err
    assert not (folder / "output" / later).exists()
    assert site.paths() == []


def test_commit_outside_a_repository_is_refused_before_anything_is_fetched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`daily --commit` in a folder that is no git repository fetched the
    feeds and wrote the briefing, then failed with exit status 1, which says
    that nothing was done."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    with FeedServer() as site:
        stories = [at(FERRY_EN, site.url("/en/ferry"), DAY1)]
        site.route("/en.rss", rss2("Coast Wire", stories, full=True), RSS)
        (tmp_path / "feeds.txt").write_text(site.url("/en.rss") + "\n", encoding="utf-8")
        argv = ["daily", "--feeds", "feeds.txt", "--date", "2026-11-21", "--commit"]
        assert main([*argv, "--llm", "none"]) == 1
        assert site.paths() == []
    assert "--commit: output is not in a git repository" in capsys.readouterr().err
    assert not (tmp_path / "output").exists() and not (tmp_path / "articles").exists()
