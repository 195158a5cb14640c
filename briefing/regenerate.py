"""Redo one topic of a written briefing, and read written briefings back.

`regenerate` works from what a run recorded in `output/<date>/briefing.json`
(the input paths and content hashes), so the user need not repeat the input
arguments. Only the chosen topic is summarized again; every other topic is
written back exactly as it was recorded, so its text stays byte-identical.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .config import Config
from .errors import ConfigError, InputError
from .grouping import make_groups
from .ingest import article_files, load_articles
from .ingest.exclude import Exclusions
from .ingest.readers import READERS
from .models import Article, Briefing, Group, Lang, Summary, Topic
from .output import (
    article_records,
    check_writable,
    inputs_from,
    output_lock,
    publish,
    skipped_from,
    stub_article,
    topics_from,
)
from .pipeline import (
    OFFLINE_HINT,
    RunResult,
    glossary_for,
    judge_outcome,
    judge_record,
    request_for,
    resolve_llm,
    summarize,
    topic_from,
    total_usage,
)
from .progress import Progress, counted
from .review import available_dates, parse_briefing
from .review.compare import one_line
from .summary import PROMPT_VERSION, TopicOutcome, name_entities, select_topics


def read_briefing_data(output: Path, date: dt.date) -> dict[str, Any]:
    """The briefing.json recorded for `date`; InputError naming the dates
    there are when there is none, or saying why the file is not a briefing."""
    path = output / date.isoformat() / "briefing.json"
    if not path.is_file():
        dates = available_dates(output)
        known = f"; briefings in {output}: {', '.join(dates)}" if dates else ""
        raise InputError(
            f"there is no briefing for {date.isoformat()} in {output} "
            f"(run briefing generate first){known}"
        )
    return parse_briefing(path.read_bytes(), str(path))


def topic_lines(data: dict[str, Any]) -> list[str]:
    """One line per topic of a recorded briefing: id, status, size and titles."""
    lines = []
    for t in data["topics"]:
        titles = " | ".join(
            one_line(t["title"][lang]) for lang in ("en", "ar") if lang in t["title"]
        )
        status = f" [{t['status']}]" if t.get("status") else ""
        lines.append(f"{t['id']}{status}  ({counted(len(t['articles']), 'article')})  {titles}")
    return lines


@dataclass(frozen=True)
class InputCheck:
    """The recorded articles as they are now: loaded, changed since, gone."""

    articles: dict[str, Article]
    changed: tuple[str, ...]
    missing: tuple[str, ...]


def _inside(path: str, root: str) -> bool:
    """Whether `path` is `root` or in it, by name: generate reads files and
    folders linked into an input folder, wherever the links point."""
    place, top = os.path.abspath(path), os.path.abspath(root)
    return place == top or place.startswith(top.rstrip(os.sep) + os.sep)


def _below(path: str, root: str) -> tuple[str, ...] | None:
    """The names `path` adds to `root`, as generate records a file found in
    it (`root/a/b.txt`), or None when it does not start with `root`."""
    parts, top = Path(path).parts, Path(root).parts
    return parts[len(top) :] if parts[: len(top)] == top else None


def _climbs_or_hides(names: tuple[str, ...]) -> bool:
    return any(p == ".." or (p.startswith(".") and p != ".") for p in names)


def readable_path(path: str, roots: Sequence[str], exclusions: Exclusions) -> str | None:
    """Why `briefing generate ROOTS` would never have read the recorded
    `path` (so regenerate must not either), or None when it would have.
    Climbing (`..`) and hidden names count only below the input given: generate
    passes over hidden entries inside folders, but the input itself may be
    `../news` or `~/.local/news`."""
    if Path(path).suffix.lower() not in READERS:
        return "it is not an article file type"
    below = [_below(path, root) for root in roots if _inside(path, root)]
    found = [names for names in below if names is not None]
    if not found:
        return f"it is outside the recorded inputs ({', '.join(roots)})"
    if all(_climbs_or_hides(names) for names in found):
        return "it climbs out of a folder or into a hidden one"
    return exclusions.inside(Path(path))


def _checked_paths(data: dict[str, Any], label: str, output: Path) -> list[str]:
    """The recorded article paths; InputError naming the field for one that
    generate could not have read. Briefings from before the inputs were
    recorded had paths relative to where generate ran."""
    roots = inputs_from(data) or (".",)
    exclusions = Exclusions([output])
    paths = set()
    for i, record in enumerate(data.get("articles", [])):
        path = record.get("path")
        if not path:
            continue
        why = readable_path(path, roots, exclusions)
        if why:
            raise InputError(
                f"{label}: articles[{i}].path {path!r} is refused: {why}; "
                "was briefing.json edited? Restore it or run briefing generate again"
            )
        paths.add(path)
    return sorted(paths)


def check_inputs(
    data: dict[str, Any], label: str = "briefing.json", output: Path = Path("output")
) -> InputCheck:
    """Reload the recorded articles from their recorded paths and compare
    them with the recorded content hashes. An article that can no longer be
    found keeps its recorded metadata without text. Raises InputError, reading
    nothing, when a recorded path is one generate could not have read."""
    records = article_records(data)
    paths = _checked_paths(data, label, output)
    existing = [Path(p) for p in paths if Path(p).exists()]
    loaded = {a.id: a for a in load_articles(existing).articles} if existing else {}
    articles: dict[str, Article] = {}
    changed, missing = [], []
    for aid, record in sorted(records.items()):
        found = loaded.get(aid)
        if found is None:
            missing.append(aid)
            articles[aid] = stub_article(record)
            continue
        if found.content_hash != record.get("content_hash"):
            changed.append(aid)
        articles[aid] = found
    return InputCheck(articles, tuple(changed), tuple(missing))


def _previous_summaries(output: Path, topic: Topic) -> dict[Lang, Summary] | None:
    """The summaries of the earlier briefing's topic this one continues."""
    if topic.previous is None:
        return None
    try:
        data = read_briefing_data(output, dt.date.fromisoformat(topic.previous.date))
    except (InputError, ValueError):
        return None
    for earlier in topics_from(data):
        if earlier.id == topic.previous.topic:
            return earlier.summaries
    return None


def regenerate(
    date: dt.date,
    topic_id: str,
    config: Config,
    *,
    refresh: bool = True,
    progress: Progress | None = None,
) -> RunResult:
    """Summarize topic `topic_id` of the briefing for `date` again (asking the
    model anew unless `refresh` is False) and rewrite the briefing with every
    other topic exactly as recorded.

    Raises InputError for an unknown date or topic (naming the valid ones) and
    when none of the topic's articles can be read any more.
    """
    progress = progress or Progress(level=0)
    with output_lock(config.output):
        data = read_briefing_data(config.output, date)
        check_writable(config.output, date.isoformat())  # before any model is asked
        topics = topics_from(data)
        index = _topic_index(data, topics, topic_id, date)
        old = topics[index]
        _check_model_at_hand(old, config, data, progress)
        label = str(config.output / date.isoformat() / "briefing.json")
        _check_members(data, topics, label)
        with progress.stage("load"):
            check = check_inputs(data, label, config.output)
        members = tuple(a for a in old.article_ids if a not in check.missing)
        if not members:
            # Said first and alone: a line per missing article would bury it.
            raise InputError(
                f"none of topic {topic_id}'s articles can be read any more "
                f"({', '.join(old.article_ids)}); their paths are recorded relative to the "
                "folder briefing generate ran in, so run regenerate from there, or run "
                "briefing generate with today's inputs"
            )
        _report_inputs(check, old, progress)
        _report_new_files(data, config.output, progress)
        meta = dict(data.get("generator", {}))
        new, outcome, llm_usage = _redo_topic(
            old, members, check.articles, config, meta, progress, refresh
        )
        topics = (*topics[:index], new, *topics[index + 1 :])
        if any(t.usage for t in topics):
            meta["usage"] = total_usage(topics)
        # The judge's record and the documents' notice cover every topic.
        meta.pop("judge", None)
        judged = judge_record([t.report for t in topics])[0]
        if judged is not None:
            meta["judge"] = judged
        articles = check.articles
        briefing = Briefing(
            date,
            tuple(articles[a] for a in sorted(articles)),
            topics,
            skipped_from(data),
            meta,
            inputs=inputs_from(data),
        )
        with progress.stage("write"):
            folder = publish(briefing, config.output, config.order)
    notices = []
    if outcome and outcome.failed:
        notices.append("some topics could not be summarized by the model")
    if outcome and outcome.judge_failed:
        notices.append(judge_outcome([outcome])[1] or outcome.judge_failed)
    return RunResult(briefing, folder, partial=bool(notices), llm=llm_usage, notices=notices)


def _check_model_at_hand(
    old: Topic, config: Config, data: dict[str, Any], progress: Progress
) -> None:
    """Refuse to replace a topic the model wrote by an extractive one only
    because no endpoint is configured in this shell (`--llm auto`); say that
    the run is offline when nothing a model wrote is at stake."""
    if config.llm != "auto" or resolve_llm(config) != "none":
        return
    if not any(s.method == "llm" for s in old.summaries.values()):
        progress.info(OFFLINE_HINT)
        return
    model = data.get("generator", {}).get("model")
    by = f"the model {model}" if isinstance(model, str) and model else "a model"
    raise ConfigError(
        f"topic {old.id} was summarized by {by}, but no LLM endpoint is configured now, "
        "so regenerating it would replace that summary by sentences quoted from the sources; "
        "set OPENAI_BASE_URL (and OPENAI_API_KEY) or pass --base-url as for generate, "
        "or pass --llm none if an extractive summary is what you want"
    )


def _check_members(data: dict[str, Any], topics: Sequence[Topic], label: str) -> None:
    """InputError naming the field when a topic names an article the
    briefing.json does not record (which generate never writes)."""
    recorded = article_records(data)
    for i, topic in enumerate(topics):
        for j, aid in enumerate(topic.article_ids):
            if aid not in recorded:
                raise InputError(
                    f"{label} is not a briefing.json as briefing writes it: "
                    f"topics[{i}].articles[{j}] {aid!r} is not one of its articles; was it "
                    "edited by hand? Restore it (git checkout) or run briefing generate again"
                )


def _topic_index(
    data: dict[str, Any], topics: Sequence[Topic], topic_id: str, date: dt.date
) -> int:
    """Where topic `topic_id` is in the briefing; InputError listing the topics."""
    index = next((i for i, t in enumerate(topics) if t.id == topic_id), None)
    if index is None:
        listing = "\n  ".join(topic_lines(data))
        raise InputError(
            f"the briefing for {date.isoformat()} has no topic {topic_id!r}; "
            f"its topics are:\n  {listing}"
        )
    return index


def _report_inputs(check: InputCheck, old: Topic, progress: Progress) -> None:
    """Say which recorded articles changed or are gone, and what follows."""
    for aid in check.changed:
        where = "this topic" if aid in old.article_ids else "another topic"
        action = (
            "its new text is used"
            if aid in old.article_ids
            else "that topic keeps its recorded summary (run briefing generate to redo it)"
        )
        progress.info(f"article {aid} ({where}) changed since the briefing was made: {action}")
    for aid in check.missing:
        if aid in old.article_ids:
            progress.info(
                f"article {aid} ({check.articles[aid].path}) is gone: "
                "the topic is summarized without it"
            )
        else:
            progress.info(
                f"article {aid} ({check.articles[aid].path}) is gone: the paragraphs "
                "it is cited for can no longer be shown"
            )


def unrecorded_files(data: dict[str, Any], output: Path) -> list[str]:
    """The article files in the recorded inputs that the briefing neither
    read nor skipped: files put there since it was made."""
    roots = inputs_from(data)
    if not roots:
        return []
    known = {str(r.get("path")) for r in data.get("articles", [])}
    for skipped in skipped_from(data):  # a .jsonl line is recorded as path:line
        known.update((skipped.path, skipped.path.rsplit(":", 1)[0]))
    found = article_files([Path(r) for r in roots], [output])
    return [path for path in found if path not in known]


def _report_new_files(data: dict[str, Any], output: Path, progress: Progress) -> None:
    """Say that new files in the inputs are not used: regenerate redoes a
    topic from the articles the briefing recorded, never regroups."""
    new = unrecorded_files(data, output)
    if new:
        shown = ", ".join(new[:3]) + (f" and {len(new) - 3} more" if len(new) > 3 else "")
        verb = "is" if len(new) == 1 else "are"
        progress.info(
            f"{counted(len(new), 'file')} in the inputs {verb} not in this briefing "
            f"({shown}): regenerate uses only the briefing's own articles; run briefing "
            "generate to include new ones"
        )


def _redo_topic(
    old: Topic,
    members: tuple[str, ...],
    articles: dict[str, Article],
    config: Config,
    meta: dict[str, Any],
    progress: Progress,
    refresh: bool,
) -> tuple[Topic, TopicOutcome | None, dict[str, int]]:
    """The topic made anew from `members` (extractive, then by the model
    unless the LLM is off); `meta` records the model used."""
    topic_id = old.id
    # The topic keeps its id (the user named it), even when members are gone.
    group: Group = next(iter(make_groups([members], articles, config.input_budget).values()))
    selections = select_topics({topic_id: group}, articles, config.summary_sentences)
    glossary = glossary_for(config)
    selection = name_entities(selections, {topic_id: group}, articles, glossary)[topic_id]
    mode = resolve_llm(config)
    outcome = None
    llm_usage: dict[str, int] = {}
    if mode != "none":
        previous = _previous_summaries(config.output, old)
        request = request_for(topic_id, group, articles, selection, previous)
        outcomes, llm_usage, model = summarize(
            [request], mode, config, glossary, progress, refresh=refresh
        )
        outcome = outcomes[0]
        meta.update(llm=mode, model=model, prompt_version=PROMPT_VERSION)
    new = topic_from(topic_id, group, selection, outcome, None, False)
    # Its links to the briefing's other topics are the briefing's to make.
    return (
        replace(new, status=old.status, previous=old.previous, related=old.related),
        outcome,
        llm_usage,
    )
