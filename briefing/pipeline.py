"""The pipeline, top to bottom: load → group → select → continuity →
summarize → write.

`build_briefing` makes a Briefing in memory from input paths; `generate` also
writes it; `plan` is a dry run of the LLM calls; `regenerate` (in
`regenerate.py`) redoes one topic of a written briefing. None of them knows
about the command line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import threading
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import __version__
from .config import Config
from .errors import ConfigError, InputError
from .grouping import group_articles, make_groups
from .grouping.confirm import CONFIRM_VERSION, Confirmation, confirm_groups
from .grouping.group import Grouping, group_borderline
from .ingest import Loaded, load_articles, other_files_line
from .ingest.metadata import dating_report, later_report
from .llm import ANSWER_COUNTS, LLMSettings, local_server
from .llm.answers import Usage
from .llm.cache import AnswerCache
from .llm.client import ChatModel, UnusableAnswer
from .models import (
    Article,
    Briefing,
    Group,
    Lang,
    PreviousTopic,
    Summary,
    Topic,
    TopicStatus,
)
from .output import check_writable, output_lock, publish
from .progress import Progress, counted
from .review import PreviousMatch, TopicView, match_topics, previous_briefing
from .summary import (
    PROMPT_VERSION,
    Glossary,
    Selection,
    TopicOutcome,
    TopicRequest,
    load_glossary,
    name_entities,
    plan_calls,
    related_topics,
    select_topics,
    summarize_topics,
)

OFFLINE_HINT = (
    "No LLM endpoint is configured, so this briefing is extractive (sentences quoted "
    "from the sources). To have summaries written, set OPENAI_BASE_URL and OPENAI_API_KEY, "
    "pass --base-url, or use --llm local --local-model MODEL.gguf."
)


def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH when it is set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise ConfigError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a time: it must be a whole number "
                "of seconds since 1970-01-01 (or unset)"
            ) from None
    return dt.datetime.now().astimezone().date()


def resolve_llm(config: Config) -> str:
    """'none' or the LLM mode that will be used, checking it can be."""
    if config.llm == "none":
        return "none"
    if config.llm == "auto":
        # A configured endpoint wins: it is what the user set up to be used,
        # and a local model is the fallback for when there is none.
        if config.base_url or config.api_key:
            return "openai"
        return "local" if config.local_model else "none"
    if config.llm == "local" and not config.local_model:
        raise ConfigError("--llm local needs a model: pass --local-model PATH.gguf")
    if config.llm == "openai" and not (config.base_url or config.api_key):
        raise ConfigError(
            "--llm openai needs an endpoint: set OPENAI_API_KEY (and OPENAI_BASE_URL for "
            "a server other than OpenAI's), or pass --base-url"
        )
    return config.llm


def llm_settings(config: Config, *, refresh: bool | None = None) -> LLMSettings:
    """The LLM settings a run uses, from its Config."""
    return LLMSettings(
        base_url=config.base_url,
        api_key=config.api_key,
        model=config.model,
        timeout=config.timeout,
        run_timeout=config.run_timeout,
        max_retries=config.max_retries,
        concurrency=config.concurrency,
        input_budget=config.input_budget,
        cache_path=config.cache,
        refresh=config.refresh if refresh is None else refresh,
        sentences=config.summary_sentences,
    )


def with_judge(settings: LLMSettings, config: Config) -> LLMSettings:
    """`settings` with the judge's, when `config` asks for a judge: its
    model, endpoint and key default to the summarizing ones (once known: a
    local server's port is chosen when it starts)."""
    if not config.judge:
        return replace(settings, judge=None)
    base_url: str | None = config.judge_base_url
    api_key, endpoint_id = config.judge_api_key, None
    if not base_url:
        base_url = settings.base_url
        api_key = config.judge_api_key or settings.api_key
        endpoint_id = settings.endpoint_id
    judge = replace(
        settings,
        base_url=base_url,
        api_key=api_key,
        endpoint_id=endpoint_id,
        model=config.judge_model or settings.model,
        judge=None,
    )
    return replace(settings, judge=judge)


@contextlib.contextmanager
def model_endpoint(mode: str, settings: LLMSettings, config: Config) -> Iterator[LLMSettings]:
    """The settings to call the model with; for `local`, llama.cpp's server is
    started on a free loopback port for the duration and stopped after it
    (also on an error or Ctrl-C)."""
    if mode != "local":
        yield settings
        return

    assert config.local_model is not None
    model = config.local_model
    with local_server(model) as base_url:
        # The port differs every run; the cache knows the server by its model file.
        stat = model.stat()
        yield replace(
            settings,
            base_url=base_url,
            api_key=None,
            model=model.stem,
            endpoint_id=f"local:{model.name}:{stat.st_size}",
        )


@dataclass
class RunResult:
    """What a run made, and what the user should be told about it."""

    briefing: Briefing
    folder: Path | None
    partial: bool = False
    llm: dict[str, int] = field(default_factory=dict)
    # Why the briefing is partial, each said once (empty: the usual reason,
    # some topics could not be summarized by the model).
    notices: list[str] = field(default_factory=list)
    # Why the model failed, one line per reason (`failure_lines`).
    failures: list[str] = field(default_factory=list)

    def partial_reasons(self) -> list[str]:
        """Why the briefing is partial, for a line said even with --quiet."""
        usual = ["some topics could not be summarized by the model"]
        return [*(self.notices or usual), *self.failures] if self.partial else []

    def account(self) -> str:
        """The one-line account of a run: read, skipped (why), topics."""
        b = self.briefing
        inputs = len(b.articles) + len(b.skipped)
        line = f"read {counted(inputs, 'input')}: {counted(len(b.articles), 'article')}"
        if b.skipped:
            reasons = Counter(_reason_kind(s.reason) for s in b.skipped)
            why = ", ".join(
                f"{n} {r}" for r, n in sorted(reasons.items(), key=lambda x: (-x[1], x[0]))
            )
            line += f", skipped {len(b.skipped)} ({why})"
        line += f"; grouped into {counted(len(b.topics), 'topic')}"
        continuing = sum(1 for t in b.topics if t.status == "continuing")
        if any(t.status for t in b.topics):
            line += f" ({continuing} continuing from {b.meta.get('previous')})"
        return line

    def llm_account(self) -> str | None:
        """One line on the LLM's work: calls, cache, tokens, dropped sentences."""
        if not self.llm:
            return None
        u = self.llm
        dropped = sum(len(s.dropped) for t in self.briefing.topics for s in t.summaries.values())
        failed = sum(1 for t in self.briefing.topics if t.report and t.report.get("failed"))
        line = (
            f"LLM: {counted(u['calls'], 'call')} ({counted(u['requests'], 'request')}, "
            f"{u['cached']} from the cache), {u['prompt_tokens']:,} prompt + "
            f"{u['completion_tokens']:,} completion tokens; "
            f"{counted(dropped, 'sentence')} dropped by verification"
        )
        reports = [t.report.get("judge") for t in self.briefing.topics if t.report]
        rejected = sum(int(j.get("rejected", 0)) for j in reports if isinstance(j, dict))
        if rejected:
            line += f" ({rejected} by the judge)"
        if "judge_calls" in u:
            # Its tokens are replayed from the cache as the summaries' are, so
            # a rerun says that it sent nothing, as the summaries' part does.
            line += (
                f"; judge: {counted(u['judge_calls'], 'call')} "
                f"({counted(u.get('judge_requests', 0), 'request')}, "
                f"{u.get('judge_cached', 0)} from the cache), {u['judge_prompt_tokens']:,} "
                f"prompt + {u['judge_completion_tokens']:,} completion tokens"
            )
        if "grouping_calls" in u:
            line += (
                f"; grouping: {counted(u['grouping_calls'], 'call')} "
                f"({u.get('grouping_cached', 0)} from the cache), "
                f"{u['grouping_prompt_tokens']:,} prompt + "
                f"{u['grouping_completion_tokens']:,} completion tokens"
            )
        if failed:
            line += f"; {counted(failed, 'topic')} fell back to extractive summaries"
        mostly = sum(1 for t in self.briefing.topics if t.report and t.report.get("mostly_dropped"))
        if mostly:
            line += f"; in {counted(mostly, 'topic')} most of the model's text failed verification"
        return line


# Reasons that name a record, a field or another article, by what they say
# about the input: the closing account counts kinds, not files.
_NAMING_KINDS = (
    ("same text as ", "same text as another article"),
    ("near-duplicate of ", "near-duplicate of another article"),
    ("duplicate id ", "duplicate id"),
    ("field '", "a field of the wrong type"),
    ("language '", "unsupported language"),
    ("unsupported file type ", "unsupported file type"),
)
_ITEM = re.compile(r"^item \d+: ")


def _reason_kind(reason: str) -> str:
    """What a skip reason says, without the list item, file, field or article
    it names ("item 2: field 'text' must be text" is a field of the wrong type)."""
    reason = _ITEM.sub("", reason)
    for start, kind in _NAMING_KINDS:
        if reason.startswith(start):
            return kind
    return reason.split(" (")[0].split(":")[0]


@dataclass(frozen=True)
class Prepared:
    """A run's inputs, read and grouped: what every later stage starts from."""

    loaded: Loaded
    articles: dict[str, Article]
    groups: dict[str, Group]
    # What the model said of the borderline grouping decisions (None when it
    # was not asked), its usage (grouping_* counts) and any notice.
    confirmed: dict[str, object] | None = None
    usage: dict[str, int] = field(default_factory=dict)
    notice: str | None = None


def prepare(
    inputs: Sequence[Path],
    config: Config,
    progress: Progress,
    endpoint: LLMSettings | None = None,
) -> Prepared:
    """Load and group the inputs; with an `endpoint` (and `confirm_groups`
    on), the borderline grouping decisions are put to its model (the
    judge's, when there is one). Raises InputError when no input yields an
    article."""
    with progress.stage("load"):
        loaded = load_articles(inputs, exclude=(config.output, config.cache))
    for passed in loaded.passed_over:
        progress.debug(f"not read as articles: {passed}")
    if loaded.other_files:
        progress.info(other_files_line(loaded.other_files))
    for skipped in loaded.skipped:
        progress.info(f"skipped {skipped.path}: {skipped.reason}")
    for note in loaded.notes:
        progress.info(f"note: {note}")
    if dating := dating_report(loaded.articles):
        progress.info(dating)
    if not loaded.articles:
        where = ", ".join(str(p) for p in inputs)
        raise InputError(f"no readable articles in {where}; nothing to brief")
    articles = {a.id: a for a in loaded.articles}
    if endpoint is None or not config.confirm_groups:
        with progress.stage("group"):
            id_groups = group_articles(loaded.articles)
            groups = make_groups(id_groups, articles, config.input_budget)
        return Prepared(loaded, articles, groups)
    with progress.stage("group"):
        grouping = group_borderline(loaded.articles)
    confirmation, usage, model = _confirm(grouping, articles, endpoint, config, progress)
    groups = make_groups(confirmation.groups, articles, config.input_budget)
    record, notice = grouping_record(confirmation, groups, len(grouping.borderline), model)
    record["usage"] = usage.recorded()
    counts = {f"grouping_{k}": v for k, v in usage.as_dict().items()} if usage.calls else {}
    return Prepared(loaded, articles, groups, record, counts, notice)


def _confirm(
    grouping: Grouping,
    articles: Mapping[str, Article],
    endpoint: LLMSettings,
    config: Config,
    progress: Progress,
) -> tuple[Confirmation, Usage, str]:
    """The model's answers on the borderline decisions of `grouping`, the
    usage they took and the model's name."""
    settings = endpoint.judge or endpoint
    usage = Usage()
    if not grouping.borderline:
        return Confirmation(list(grouping.groups)), usage, settings.model
    cache = AnswerCache(config.cache)
    model = ChatModel(settings, cache=cache)

    lock = threading.Lock()

    def ask(messages: list[dict[str, str]], schema: dict[str, object]) -> dict[str, object]:
        mine = Usage()  # the calls run in threads: each counts its own, added under a lock
        try:
            answer = model.ask(messages, schema, "same_event", mine)
        finally:
            with lock:
                usage.add(mine)
        if answer.data is None:
            raise UnusableAnswer(f"the answer was unusable ({answer.error})")
        return answer.data

    try:
        with progress.stage("confirm groups"):
            confirmation = confirm_groups(grouping, articles, ask, workers=settings.concurrency)
    except BaseException:
        # Ctrl-C: the questions in flight stop waiting for their answers, so
        # their threads (which the interpreter joins on exit) end at once.
        model.breaker.trip("the run was interrupted")
        raise
    finally:
        cache.close()
    progress.debug(
        f"grouping: {counted(len(grouping.borderline), 'borderline decision')}, "
        f"{counted(confirmation.calls, 'call')} to {settings.model}"
    )
    return confirmation, usage, settings.model


def grouping_record(
    confirmation: Confirmation, groups: Mapping[str, Group], borderline: int, model: str
) -> tuple[dict[str, object], str | None]:
    """What briefing.json records of the model's word on the grouping, and
    the notice when some of its calls failed."""
    topic_of = {a: tid for tid, g in groups.items() for a in g.article_ids}
    decisions = []
    for d in confirmation.decisions:
        b = d.border
        decisions.append(
            {
                "articles": [list(b.first), list(b.second)],
                "shown": list(b.pair),
                "closeness": round(b.closeness, 3),
                "offline": "merged" if b.merged else "apart",
                "answer": None if d.same is None else ("same" if d.same else "different"),
                "result": ("kept" if not d.overruled else ("split" if b.merged else "joined")),
                "topics": sorted({topic_of[a] for a in (*b.first, *b.second)}),
            }
        )
    failures = confirmation.failures
    notice = None
    if failures:
        notice = (
            f"the model could not check {counted(len(failures), 'borderline grouping decision')}"
            f" ({failures[0]}); the offline grouping stands for them"
        )
    record: dict[str, object] = {
        "model": model,
        "version": CONFIRM_VERSION,
        "borderline": borderline,
        "status": "failed" if failures else "ok",
        "notice": notice,
        "decisions": decisions,
    }
    return record, notice


def glossary_for(config: Config) -> Glossary:
    """The built-in glossary plus the user's file, if configured."""
    if config.glossary is not None and not config.glossary.is_file():
        raise ConfigError(f"glossary file {config.glossary} does not exist")
    return load_glossary(*([config.glossary] if config.glossary else []))


def request_for(
    tid: str,
    group: Group,
    articles: Mapping[str, Article],
    selection: Selection,
    previous: dict[Lang, Summary] | None,
) -> TopicRequest:
    return TopicRequest(
        topic_id=tid,
        articles=tuple(articles[a] for a in group.article_ids),
        parts=group.parts,
        fallback=selection.summaries,
        previous=previous,
        titles=selection.titles,
    )


def summarize(
    requests: Sequence[TopicRequest],
    mode: str,
    config: Config,
    glossary: Glossary,
    progress: Progress,
    *,
    refresh: bool | None = None,
    endpoint: LLMSettings | None = None,
) -> tuple[list[TopicOutcome], dict[str, int], str]:
    """The LLM outcome of each request (in order), the run's LLM usage, and
    the model's name. Topics whose calls fail are reported and keep their
    extractive summaries. `endpoint` is the model's settings when its
    endpoint is already open (a local server started for the run)."""
    settings = llm_settings(config, refresh=refresh)
    with contextlib.ExitStack() as stack:
        if endpoint is None:
            settings = stack.enter_context(model_endpoint(mode, settings, config))
        else:
            settings = endpoint
        settings = with_judge(settings, config)
        progress.info(
            f"summarizing {counted(len(requests), 'topic')} "
            f"with {settings.model} at {settings.endpoint}"
        )
        if settings.judge is not None:
            progress.info(
                f"judging the sentences with {settings.judge.model} at {settings.judge.endpoint}"
            )
        with progress.stage("summarize", total=len(requests)) as tick:
            outcomes = summarize_topics(requests, settings, glossary, on_done=lambda _tid: tick())
    totals: Counter[str] = Counter()
    for outcome in outcomes:
        totals.update(outcome.usage)
    for line in failure_lines({r.topic_id: o for r, o in zip(requests, outcomes, strict=True)}):
        progress.info(line)
    return outcomes, dict(totals), settings.model


def failure_lines(outcomes: Mapping[str, TopicOutcome]) -> list[str]:
    """Why the model failed, one line per reason (a dead endpoint fails
    every topic the same way): `6 topics: the model failed (...); keep ...`."""
    failed: dict[str, list[str]] = {}
    for tid, outcome in outcomes.items():
        if outcome.failed:
            failed.setdefault(outcome.failed, []).append(tid)
    lines = []
    for reason, ids in failed.items():
        which = f"topic {ids[0]}" if len(ids) == 1 else f"{len(ids)} topics"
        keeps = "keeps its extractive summary" if len(ids) == 1 else "keep extractive summaries"
        lines.append(f"{which}: the model failed ({reason}); {keeps}")
    return lines


def topic_from(
    tid: str,
    group: Group,
    selection: Selection,
    outcome: TopicOutcome | None,
    previous: PreviousMatch | None,
    has_previous_briefing: bool,
    related: tuple[str, ...] = (),
) -> Topic:
    """The briefing's topic from the stages' results for it."""
    status: TopicStatus | None = None
    if has_previous_briefing:
        status = "continuing" if previous else "new"
    return Topic(
        id=tid,
        article_ids=group.article_ids,
        titles=outcome.titles if outcome else selection.titles,
        summaries=outcome.summaries if outcome else selection.summaries,
        parts=group.parts,
        tokens=group.tokens,
        status=status,
        previous=PreviousTopic(previous.date, previous.topic) if previous else None,
        report=outcome.report if outcome else None,
        usage=recorded_usage(outcome.usage) if outcome else None,
        related=related,
    )


# What a judged topic records of the judge's usage, besides ANSWER_COUNTS.
JUDGE_COUNTS = tuple(f"judge_{k}" for k in ANSWER_COUNTS)


def recorded_usage(usage: Mapping[str, int]) -> dict[str, int]:
    """The counts a briefing records of a topic's usage: those that depend
    only on the answers, the judge's too when it was asked."""
    keys = ANSWER_COUNTS + (JUDGE_COUNTS if JUDGE_COUNTS[0] in usage else ())
    return {k: usage.get(k, 0) for k in keys}


def judge_outcome(outcomes: Sequence[TopicOutcome]) -> tuple[dict[str, object] | None, str | None]:
    """What briefing.json records of the judge (None when there was none)
    and, when it could not check some topics, the notice saying so."""
    return judge_record([o.report for o in outcomes])


def judge_record(
    reports: Sequence[Mapping[str, object] | None],
) -> tuple[dict[str, object] | None, str | None]:
    """`judge_outcome` from the topics' verification reports: a regenerated
    briefing's record covers every topic, not only the one redone."""
    judged = [r.get("judge") if r else None for r in reports]
    models = sorted({str(j["model"]) for j in judged if isinstance(j, dict) and "model" in j})
    if not models:
        return None, None
    failed = [str(j["failures"][0]) for j in judged if isinstance(j, dict) and j.get("failures")]
    notice = None
    if failed:
        notice = (
            f"the judge could not check {counted(len(failed), 'topic')} ({failed[0]}); "
            "their sentences passed the deterministic checks only"
        )
    status = "failed" if failed else "ok"
    # Language sections with a failed judge call: the documents say how many.
    sections = sum(len(j.get("unjudged") or ()) if isinstance(j, dict) else 0 for j in judged)
    record: dict[str, object] = {"model": ", ".join(models), "status": status, "notice": notice}
    if failed:
        record.update(unjudged_topics=len(failed), unjudged_sections=sections)
    return record, notice


def find_continuity(
    groups: Mapping[str, Group],
    articles: Mapping[str, Article],
    titles: Mapping[str, dict[Lang, str]],
    config: Config,
    date: dt.date,
    progress: Progress,
) -> tuple[dt.date | None, dict[str, PreviousMatch]]:
    """The previous briefing's date (None if there is none) and, per topic
    that continues one of its topics, that topic."""
    found = previous_briefing(config.output, date)
    if found is None:
        return None, {}
    previous_date, data = found
    with progress.stage("continuity"):
        views = [
            TopicView(tid, tuple(articles[a] for a in g.article_ids), dict(titles[tid]))
            for tid, g in groups.items()
        ]
        matches = match_topics(views, data)
    progress.debug(f"{len(matches)} topics continue from {previous_date}")
    told = sorted(tid for tid, m in matches.items() if not news_since(groups[tid], m))
    if told:
        shown = ", ".join(told[:3]) + (f" and {len(told) - 3} more" if len(told) > 3 else "")
        progress.info(
            f"{counted(len(told), 'topic')} only {'repeats' if len(told) == 1 else 'repeat'} "
            f"the {previous_date} briefing, none of {'its' if len(told) == 1 else 'their'} "
            f"articles new ({shown})"
        )
    return previous_date, matches


def build_briefing(
    inputs: Sequence[Path],
    config: Config,
    *,
    date: dt.date | None = None,
    progress: Progress | None = None,
) -> Briefing:
    """Read the inputs and make the briefing for `date` (default: today)."""
    return run(inputs, config, date=date, progress=progress).briefing


def run(
    inputs: Sequence[Path],
    config: Config,
    *,
    date: dt.date | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Make the briefing in memory, with what the run should report.

    Raises InputError when no input yields an article, ConfigError when the
    LLM settings cannot work. A topic whose LLM calls fail keeps its
    extractive summary and makes the result `partial`.
    """
    progress = progress or Progress(level=0)
    date = date or build_date()
    mode = resolve_llm(config)
    if mode == "none" and config.llm == "auto":
        progress.info(OFFLINE_HINT)
    with contextlib.ExitStack() as stack:
        endpoint = None
        if mode != "none":
            # One endpoint for the run: a local server starts once, for the
            # grouping's questions and the summaries alike.
            endpoint = stack.enter_context(model_endpoint(mode, llm_settings(config), config))
        return _run(inputs, config, date, mode, endpoint, progress)


def _run(
    inputs: Sequence[Path],
    config: Config,
    date: dt.date,
    mode: str,
    endpoint: LLMSettings | None,
    progress: Progress,
) -> RunResult:
    judged_endpoint = with_judge(endpoint, config) if endpoint is not None else None
    prepared = prepare(inputs, config, progress, judged_endpoint)
    groups, articles = prepared.groups, prepared.articles
    if later := later_report(prepared.loaded.articles, date):
        progress.info(later)

    with progress.stage("select", total=len(groups)) as tick:
        selections = select_topics(groups, articles, config.summary_sentences, on_topic=tick)
    glossary = glossary_for(config)
    selections = name_entities(selections, groups, articles, glossary)

    previous_date, matches = find_continuity(
        groups, articles, {t: s.titles for t, s in selections.items()}, config, date, progress
    )

    meta: dict[str, object] = {"version": __version__, "llm": mode}
    if previous_date is not None:
        meta["previous"] = previous_date.isoformat()
    outcomes: dict[str, TopicOutcome] = {}
    usage: dict[str, int] = {}
    judge_notice = None
    if mode != "none":
        outcomes, usage, model = _summarize_groups(
            groups, articles, selections, matches, mode, config, glossary, progress, endpoint
        )
        meta.update(model=model, prompt_version=PROMPT_VERSION)
        judged, judge_notice = judge_outcome(list(outcomes.values()))
        if judged is not None:
            meta["judge"] = judged

    related = related_topics(groups, articles, glossary)
    topics = tuple(
        topic_from(
            tid,
            g,
            selections[tid],
            outcomes.get(tid),
            matches.get(tid),
            previous_date is not None,
            related.get(tid, ()),
        )
        for tid, g in groups.items()
    )
    if outcomes:
        meta["usage"] = total_usage(topics)
    if prepared.confirmed is not None:
        meta["grouping"] = prepared.confirmed
    usage.update(prepared.usage)
    given = tuple(sorted({p.as_posix() for p in inputs}))
    briefing = Briefing(
        date, prepared.loaded.articles, topics, prepared.loaded.skipped, meta, inputs=given
    )
    notices = []
    if any(o.failed or o.report.get("mostly_dropped") for o in outcomes.values()):
        notices.append("some topics could not be summarized by the model")
    if judge_notice:
        notices.append(judge_notice)
    if prepared.notice:
        notices.append(prepared.notice)
    return RunResult(
        briefing,
        None,
        partial=bool(notices),
        llm=usage,
        notices=notices,
        failures=failure_lines(outcomes),
    )


def _summarize_groups(
    groups: Mapping[str, Group],
    articles: Mapping[str, Article],
    selections: Mapping[str, Selection],
    matches: Mapping[str, PreviousMatch],
    mode: str,
    config: Config,
    glossary: Glossary,
    progress: Progress,
    endpoint: LLMSettings | None = None,
) -> tuple[dict[str, TopicOutcome], dict[str, int], str]:
    """Every topic through the model, continuing the previous briefing's
    summaries where a topic continues one: outcomes by topic id, the run's
    token counts and the model's name."""
    requests = [
        request_for(
            tid,
            g,
            articles,
            selections[tid],
            matches[tid].summaries if news_since(g, matches.get(tid)) else None,
        )
        for tid, g in groups.items()
    ]
    results, usage, model = summarize(requests, mode, config, glossary, progress, endpoint=endpoint)
    return {r.topic_id: o for r, o in zip(requests, results, strict=True)}, usage, model


def news_since(group: Group, previous: PreviousMatch | None) -> bool:
    """Whether a topic continuing `previous` has an article the earlier
    topic did not: only then is the model asked to lead with what is new
    (for a topic the earlier briefing told whole, as when a folder kept for
    the week is briefed again, it could only invent news)."""
    return previous is not None and previous.shared < len(group.article_ids)


def total_usage(topics: Sequence[Topic]) -> dict[str, int]:
    """The recorded token counts of all topics, added up."""
    judged = any(JUDGE_COUNTS[0] in (t.usage or {}) for t in topics)
    total = dict.fromkeys(ANSWER_COUNTS + (JUDGE_COUNTS if judged else ()), 0)
    for topic in topics:
        for key, value in (topic.usage or {}).items():
            if key in total:
                total[key] += value
    return total


def generate(
    inputs: Sequence[Path],
    config: Config,
    *,
    date: dt.date | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Build the briefing and write `output/<date>/` (replacing an earlier
    one only once the new one is complete), holding the output lock."""
    progress = progress or Progress(level=0)
    date = date or build_date()
    _check_not_an_input(inputs, config.output)
    check_writable(config.output, date.isoformat())  # refuse before touching anything
    with output_lock(config.output):
        check_writable(config.output, date.isoformat())  # and before any model is asked
        result = run(inputs, config, date=date, progress=progress)
        with progress.stage("write"):
            result.folder = publish(result.briefing, config.output, config.order)
    return result


def _check_not_an_input(inputs: Sequence[Path], output: Path) -> None:
    """Raise InputError, touching nothing, when an input is the output folder
    itself: its articles would be passed over as briefing's own output, and
    the folder marked as one (`generate raw --output raw`). An output folder
    inside an input folder, or the reverse, is fine."""
    out = os.path.realpath(output)
    for path in inputs:
        if os.path.realpath(path) == out:
            raise InputError(
                f"{path} is also the output folder; nothing was written: "
                "pass --output another folder"
            )


def plan(
    inputs: Sequence[Path], config: Config, *, progress: Progress | None = None
) -> list[tuple[str, int, int]]:
    """A dry run: (topic id, LLM calls, estimated prompt tokens) per topic,
    without calling any model or writing anything."""
    progress = progress or Progress(level=0)
    prepared = prepare(inputs, config, progress)
    empty = Selection({}, {})
    requests = [
        request_for(tid, g, prepared.articles, empty, None) for tid, g in prepared.groups.items()
    ]
    return plan_calls(requests, llm_settings(config), glossary_for(config))
