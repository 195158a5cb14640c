"""`daily`: the morning in one command — fetch the feeds, generate the briefing
from the articles of the window before the briefing's time, and (with
`--commit`) commit it in the output folder's git repository.

The window is `window_hours` (24) long and ends at the briefing's time: now
for today's briefing, midnight at the end of the day for an earlier date. An
article is in it when its publication time is, or, having no date, when it
was first seen in it. Continuity with the previous briefing is `generate`'s.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .errors import ConfigError, InputError
from .ingest.feeds import feed_urls
from .ingest.fetch import FetchReport, fetch
from .ingest.http import USER_AGENT, FetchSettings
from .ingest.readers import published_date
from .models import Briefing
from .pipeline import RunResult, build_date, generate
from .progress import Progress


@dataclass
class DailyResult:
    """What a daily run did: the fetch, the briefing, the commit, and why it
    is partial (empty when it is complete)."""

    fetched: FetchReport
    run: RunResult
    commit: str | None = None
    partial: list[str] = field(default_factory=list)


def fetch_settings(config: Config) -> FetchSettings:
    """The fetch bounds and manners a Config asks for."""
    return FetchSettings(
        user_agent=config.user_agent or USER_AGENT,
        timeout=config.fetch_timeout,
        max_bytes=config.max_bytes,
        max_redirects=config.max_redirects,
        per_host=config.per_host,
        host_delay=config.host_delay,
        workers=config.fetch_workers,
    )


def feed_sources(config: Config, given: Sequence[str]) -> list[str]:
    """The feed URLs to fetch: those given, else the config's feed list."""
    sources = list(given) or ([str(config.feeds)] if config.feeds else [])
    if not sources:
        raise ConfigError(
            "no feeds given: pass feed URLs or a feed list (OPML, or one URL a line), "
            'use --feeds FILE, or set feeds = "feeds.opml" in briefing.toml'
        )
    return feed_urls(sources)


def briefing_time(date: dt.date | None, now: dt.datetime | None = None) -> dt.datetime:
    """When the briefing's window ends: now for today, else the end of `date`."""
    now = (now or dt.datetime.now(dt.UTC)).astimezone()
    if date is None or date >= now.date():
        return now
    midnight = dt.datetime.combine(date + dt.timedelta(days=1), dt.time(0))
    return midnight.replace(tzinfo=now.tzinfo).astimezone()


def window_articles(articles: Path, end: dt.datetime, hours: int, progress: Progress) -> list[Path]:
    """The article files under `articles` (as `fetch` writes them) published,
    or first seen when undated, in the `hours` before `end`."""
    start = end - dt.timedelta(hours=hours)
    first, last = (start - dt.timedelta(days=1)).date(), (end + dt.timedelta(days=1)).date()
    found: list[Path] = []
    for folder in sorted(p for p in articles.glob("????-??-??") if p.is_dir()):
        try:
            day = dt.date.fromisoformat(folder.name)
        except ValueError:
            continue
        if not first <= day <= last:
            continue
        for path in sorted(folder.glob("*.json")):
            when = _article_time(path, progress)
            if when is not None and start <= when < end:
                found.append(path)
    return found


def _article_time(path: Path, progress: Progress) -> dt.datetime | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        return published_date(record.get("published") or record.get("first_seen"))
    except (OSError, ValueError, TypeError, AttributeError) as error:
        progress.info(f"skipped {path}: not an article written by fetch ({error})")
        return None


def daily(
    config: Config,
    *,
    sources: Sequence[str] = (),
    date: dt.date | None = None,
    commit: bool = False,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> DailyResult:
    """Fetch, generate the briefing for `date` (default today) and, with
    `commit`, commit it. Raises InputError when the window holds no article,
    ConfigError for a date after today, before anything is fetched."""
    progress = progress or Progress(level=0)
    today = (now or dt.datetime.now(dt.UTC)).astimezone().date()
    if date is not None and date > today:
        # The window would end now: today's articles under a later date,
        # which the next days' briefings would then continue from.
        raise ConfigError(
            f"--date {date.isoformat()} is after today ({today.isoformat()}): daily briefs "
            "articles already published; leave --date out for today's briefing"
        )
    if commit:
        # Before anything is fetched or written: exit status 1 means nothing was.
        check_repository(config.output)
    urls = feed_sources(config, sources)
    fetched = fetch(urls, config.articles, fetch_settings(config), progress=progress)
    report_fetch(fetched, progress)
    end = briefing_time(date, now)
    inputs = window_articles(config.articles, end, config.window_hours, progress)
    if not inputs:
        raise InputError(
            f"no articles in {config.articles} published in the {config.window_hours} hours "
            f"before {end:%Y-%m-%d %H:%M %Z}; nothing to brief"
            + (" (every feed failed)" if len(fetched.feed_failures) == len(urls) else "")
        )
    run = generate(inputs, config, date=date or build_date(), progress=progress)
    result = DailyResult(fetched, run)
    if fetched.feed_failures:
        why = "; ".join(f"{url}: {reason}" for url, reason in fetched.feed_failures)
        result.partial.append(f"{len(fetched.feed_failures)} of {len(urls)} feeds failed ({why})")
    result.partial.extend(run.partial_reasons())
    if commit:
        assert run.folder is not None
        result.commit = commit_briefing(config.output, run.briefing)
    return result


def report_fetch(report: FetchReport, progress: Progress) -> None:
    """The fetch's closing account and one line per failed item."""
    progress.info(report.account())
    for line in report.failure_lines():
        progress.info(f"  {line}")


# --- Committing ------------------------------------------------------------------------


def commit_message(briefing: Briefing) -> str:
    """`briefing DATE: N new, M continuing topics`, then the topics by status."""
    groups: dict[str, list[str]] = {"new": [], "continuing": []}
    for topic in briefing.topics:
        titles = [
            " ".join(t.split()) for t in (topic.titles.get("en"), topic.titles.get("ar")) if t
        ]
        groups[topic.status or "new"].append("- " + " / ".join(titles))
    head = (
        f"briefing {briefing.date.isoformat()}: {len(groups['new'])} new, "
        f"{len(groups['continuing'])} continuing topics"
    )
    body = [f"{name.capitalize()}:\n" + "\n".join(lines) for name, lines in groups.items() if lines]
    return "\n\n".join([head, *body]) + "\n"


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False)


def check_repository(output: Path) -> None:
    """Raise ConfigError unless `output` (or, before the first briefing, the
    nearest folder above it that exists) is in a git repository."""
    folder = output
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    if _git(folder, "rev-parse", "--show-toplevel").returncode != 0:
        raise ConfigError(
            f"--commit: {output} is not in a git repository "
            "(`briefing init DIR` makes one; or run `git init`)"
        )


def commit_briefing(output: Path, briefing: Briefing) -> str | None:
    """Commit the output folder's changes; the message's first line, or None
    when nothing changed. Raises ConfigError outside a git repository."""
    check_repository(output)
    _git(output, "add", "-A", "--", ".")
    if _git(output, "diff", "--cached", "--quiet", "--", ".").returncode == 0:
        return None
    message = commit_message(briefing)
    identity = [] if _git(output, "config", "user.email").stdout.strip() else IDENTITY
    done = _git(output, *identity, "commit", "-q", "-m", message, "--", ".")
    if done.returncode != 0:
        raise ConfigError(f"--commit: git commit failed: {done.stderr.strip()}")
    return message.splitlines()[0]


# Used only when git has no identity configured (a fresh machine, cron).
IDENTITY = ["-c", "user.name=briefing", "-c", "user.email=briefing@localhost"]
