"""The pipeline, top to bottom: load → group → select → summarize → write.

`build_briefing` makes a Briefing in memory from input paths; `generate` also
writes it. Neither knows about the command line.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .config import Config
from .errors import ConfigError, InputError
from .group import group_articles
from .load import load_articles
from .models import Briefing, Topic
from .progress import Progress
from .select import select_topics
from .topics import make_groups
from .write import output_lock, write_briefing

OFFLINE_HINT = (
    "No LLM endpoint is configured, so this briefing is extractive (sentences quoted "
    "from the sources). To have summaries written, set OPENAI_BASE_URL and OPENAI_API_KEY, "
    "pass --base-url, or use --llm local --local-model MODEL.gguf."
)


def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH when it is set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now().astimezone().date()


def resolve_llm(config: Config) -> str:
    """'none' or the LLM mode that will be used, checking it can be."""
    if config.llm == "none":
        return "none"
    if config.llm == "auto":
        if config.local_model:
            return "local"
        return "openai" if (config.base_url or config.api_key) else "none"
    if config.llm == "local" and not config.local_model:
        raise ConfigError("--llm local needs a model: pass --local-model PATH.gguf")
    if config.llm == "openai" and not (config.base_url or config.api_key):
        raise ConfigError(
            "--llm openai needs an endpoint: set OPENAI_API_KEY (and OPENAI_BASE_URL for "
            "a server other than OpenAI's), or pass --base-url"
        )
    return config.llm


@dataclass(frozen=True)
class RunResult:
    briefing: Briefing
    folder: Path | None
    partial: bool

    def account(self) -> str:
        """The one-line account of a run: read, skipped (why), topics."""
        b = self.briefing
        line = f"read {len(b.articles) + len(b.skipped)} inputs: {len(b.articles)} articles"
        if b.skipped:
            reasons = Counter(s.reason.split(" (")[0].split(":")[0] for s in b.skipped)
            why = ", ".join(
                f"{n} {r}" for r, n in sorted(reasons.items(), key=lambda x: (-x[1], x[0]))
            )
            line += f", skipped {len(b.skipped)} ({why})"
        return line + f"; grouped into {len(b.topics)} topics"


def build_briefing(
    inputs: Sequence[Path],
    config: Config,
    *,
    date: dt.date | None = None,
    progress: Progress | None = None,
) -> Briefing:
    """Read the inputs and make the briefing for `date` (default: today).

    Raises InputError when no input yields an article.
    """
    progress = progress or Progress(level=0)
    date = date or build_date()
    mode = resolve_llm(config)
    if mode == "none" and config.llm == "auto":
        progress.info(OFFLINE_HINT)
    if mode != "none":
        raise ConfigError(f"--llm {mode} is not available in this version; use --llm none")

    with progress.stage("load"):
        loaded = load_articles(inputs)
    for skipped in loaded.skipped:
        progress.info(f"skipped {skipped.path}: {skipped.reason}")
    if not loaded.articles:
        where = ", ".join(str(p) for p in inputs)
        raise InputError(f"no readable articles in {where}; nothing to brief")
    articles = {a.id: a for a in loaded.articles}

    with progress.stage("group"):
        id_groups = group_articles(loaded.articles)
        groups = make_groups(id_groups, articles, config.input_budget)

    with progress.stage("select", total=len(groups)) as tick:
        selections = select_topics(groups, articles, config.summary_sentences, on_topic=tick)

    topics = tuple(
        Topic(
            id=tid,
            article_ids=group.article_ids,
            titles=selections[tid].titles,
            summaries=selections[tid].summaries,
            parts=group.parts,
            tokens=group.tokens,
        )
        for tid, group in groups.items()
    )
    meta: dict[str, object] = {"version": __version__, "llm": mode}
    return Briefing(date, loaded.articles, topics, loaded.skipped, meta)


def generate(
    inputs: Sequence[Path],
    config: Config,
    *,
    date: dt.date | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Build the briefing and write `output/<date>/`, holding the output lock."""
    progress = progress or Progress(level=0)
    with output_lock(config.output):
        briefing = build_briefing(inputs, config, date=date, progress=progress)
        with progress.stage("write"):
            folder = write_briefing(briefing, config.output, config.order)
    return RunResult(briefing, folder, partial=False)
