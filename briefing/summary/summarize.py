"""The LLM summary of each topic, verified sentence by sentence.

For each topic: one call per part of the sources (map), a combining call when
there were several parts (reduce), verification of every sentence against
the paragraphs it cites, one repair call with all the sentences that failed,
and the extractive summary in their place for a language where nothing
verifiable is left. Topics run on a bounded thread pool; results come back in
request order and depend only on the inputs and the model's answers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..labels import online_notice
from ..llm.answers import Answer, Message, Usage, estimate_tokens, limit_sentences
from ..llm.cache import AnswerCache
from ..llm.client import ChatModel, LLMCallError, LLMSettings, UnusableAnswer
from ..llm.guard import completed
from ..models import LANGS, Article, Lang, Summary, TopicRequest
from ..text import normalize
from .crossing import ranked_entries
from .glossary import Entry, Glossary, load_glossary
from .judge import JUDGE_VERSION, Claim, Judgement, judge_claims
from .prompting import (
    PROMPT_VERSION,
    REPAIR_SCHEMA,
    SUMMARY_SCHEMA,
    Excerpt,
    answer_form,
    combine_messages,
    labels,
    plan_chunks,
    previous_within,
    reformat_message,
    summarize_messages,
)
from .repair import TopicResult, assemble

if TYPE_CHECKING:
    import openai

__all__ = [
    "PROMPT_VERSION",
    "TopicOutcome",
    "TopicRequest",
    "plan_calls",
    "summarize_topics",
]

# A part summary as the combining call sees it, for planning only.
_PART_SUMMARY_TOKENS_PER_SENTENCE = 70
# The previous briefing's summary may take at most this share of a call's
# input budget, so that the sources keep most of it.
_PREVIOUS_SHARE = 0.25
# Sentences of an answer considered per language, as a multiple of those asked for.
_KEEP_FACTOR = 2
# How much of an unusable answer is shown to the model when asking again.
_ECHO_CHARS = 4000

FAILED_NOTICE: dict[Lang, str] = {
    "en": "The language model could not summarize this topic; "
    "these sentences are quoted from the sources instead.",
    "ar": "تعذّر على النموذج اللغوي تلخيص هذا الموضوع، فهذه جمل منقولة من المصادر بدلاً من ذلك.",
}

# The same, when there is no source sentence to quote in that language.
FAILED_NONE: dict[Lang, str] = {
    "en": "The language model could not summarize this topic.",
    "ar": "تعذّر على النموذج اللغوي تلخيص هذا الموضوع.",
}


@dataclass(frozen=True)
class TopicOutcome:
    """A topic's titles and summaries, the verification report (JSON-able),
    token and request counts, and why the LLM failed (None if it did not)."""

    titles: dict[Lang, str]
    summaries: dict[Lang, Summary]
    report: dict[str, object]
    usage: dict[str, int]
    failed: str | None
    # Why the judge could not check some of the topic's sentences (None if
    # it did, or there is no judge): those keep the deterministic result.
    judge_failed: str | None = None


def _relevant(glossary: Glossary, articles: Sequence[Article]) -> list[Entry]:
    return glossary.relevant(
        [(a.title, a.lang) for a in articles]
        + [(p, a.lang) for a in articles for p in a.paragraphs]
    )


def _worth_telling(
    entries: Sequence[Entry], articles: Sequence[Article], glossary: Glossary
) -> list[Entry]:
    """The glossary entries the prompt shows, in glossary order: the people
    the articles name, and the other names their titles and leads give (a
    country named in passing in a ninth paragraph is rarely summarized),
    but not a name whose English and Arabic forms the topic's sources both
    already write (the model reads them there). News agencies are credits,
    not names. The verifier still checks names against all `entries`."""
    in_lead = {id(e) for e, _ in ranked_entries(articles, glossary)}
    texts = {
        lang: normalize(
            " ".join(f"{a.title} {' '.join(a.paragraphs)}" for a in articles if a.lang == lang)
        )
        for lang in LANGS
    }
    return [
        e
        for e in entries
        if e.kind != "agency"
        and (e.kind == "person" or id(e) in in_lead)
        and not (normalize(e.en) in texts["en"] and normalize(e.ar) in texts["ar"])
    ]


class _Topic:
    """Summarizing one topic: its calls, counted in `usage` and `calls`."""

    def __init__(
        self,
        request: TopicRequest,
        model: ChatModel | None,
        glossary: Glossary,
        settings: LLMSettings,
        judge: ChatModel | None = None,
        store: AnswerCache | None = None,
    ) -> None:
        self.request = request
        self.model = model
        self.judge_model = judge
        self.store = store
        self.settings = settings
        self.articles = {a.id: a for a in request.articles}
        self.labels = labels(request.articles)
        self.names = {aid: label for label, aid in self.labels.items()}
        self.entries = _relevant(glossary, request.articles)
        self.told = _worth_telling(self.entries, request.articles, glossary)
        self.glossary = glossary
        self.previous = previous_within(
            request.previous, int(settings.input_budget * _PREVIOUS_SHARE)
        )
        self.usage = Usage()
        self.judge_usage = Usage()
        self.calls: dict[str, int] = {"summarize": 0, "combine": 0, "repair": 0, "reformat": 0}
        if judge is not None:
            self.calls["judge"] = 0

    def chunks(self) -> list[tuple[Excerpt, ...]]:
        parts = self.request.parts or (tuple(a.id for a in self.request.articles),)
        budget = self.settings.input_budget
        # The instructions, glossary and previous summary come out of the budget.
        overhead = estimate_tokens(self.summarize_messages([], 1, 1))
        chunks = plan_chunks(parts, self.articles, self.names, budget, overhead)
        if len(chunks) > 1:  # then each call also says which part it is
            overhead = estimate_tokens(self.summarize_messages([], len(chunks), len(chunks)))
            chunks = plan_chunks(parts, self.articles, self.names, budget, overhead)
        return chunks

    def ask(self, kind: str, messages: list[Message], schema: Mapping[str, Any]) -> dict[str, Any]:
        """An answer matching `schema`, asking once more with the error if the
        first is not; raises UnusableAnswer when the second is not either."""
        assert self.model is not None, "a topic that only plans has no model"
        self.calls[kind] += 1
        form = answer_form(kind)
        answer: Answer = self.model.ask(messages, schema, kind, self.usage, form)
        if answer.data is not None:
            return self.limited(answer.data)
        self.calls["reformat"] += 1
        error = answer.error or "it is not the JSON object asked for"
        retry = [
            *messages,
            # What the model said goes back only in part: it may be megabytes.
            {"role": "assistant", "content": answer.content[:_ECHO_CHARS]},
            reformat_message(error, kind),
        ]
        second = self.model.ask(retry, schema, kind, self.usage, form)
        if second.data is not None:
            return self.limited(second.data)
        raise UnusableAnswer(f"the model's {kind} answer was unusable twice ({second.error})")

    def limited(self, data: dict[str, Any]) -> dict[str, Any]:
        """`data` with at most a few times the sentences asked for per
        language (repeats and runaway sentences left out), so a model's
        thousands of sentences cost no verification time and no bytes."""
        keep = _KEEP_FACTOR * self.settings.sentences
        summary = data.get("summary")
        if isinstance(summary, dict):
            data = {**data, "summary": {k: limit_sentences(v, keep) for k, v in summary.items()}}
        if isinstance(data.get("sentences"), list):  # a repair answer
            data = {
                **data,
                "sentences": limit_sentences(data["sentences"], 2 * _KEEP_FACTOR * keep),
            }
        return data

    def summarize_messages(
        self, chunk: Sequence[Excerpt], number: int, count: int
    ) -> list[Message]:
        """The summarize call for part `number` of `count`, with this topic's
        glossary and previous summary (so planning counts what is sent)."""
        return summarize_messages(
            chunk, self.told, self.settings.sentences, number, count, self.previous
        )

    def combine_messages(
        self, summaries: Sequence[Mapping[str, Any]], all_labels: Sequence[str]
    ) -> list[Message]:
        """The combine call for `summaries`, with this topic's glossary and
        previous summary."""
        return combine_messages(
            summaries, self.told, self.settings.sentences, all_labels, self.previous
        )

    def combine(self, summaries: list[dict[str, Any]]) -> dict[str, Any]:
        """Reduce part summaries to one, in rounds of as many as fit the budget."""
        all_labels = list(self.labels)
        s = self.settings
        while len(summaries) > 1:
            batches: list[list[dict[str, Any]]] = [[]]
            for summary in summaries:
                trial = [*batches[-1], summary]
                fits = estimate_tokens(self.combine_messages(trial, all_labels)) <= s.input_budget
                if len(batches[-1]) >= 2 and not fits:
                    batches.append([summary])
                else:
                    batches[-1] = trial
            if len(batches) > 1 and len(batches[-1]) == 1:
                batches[-2].extend(batches.pop())
            summaries = [
                self.ask("combine", self.combine_messages(b, all_labels), SUMMARY_SCHEMA)
                for b in batches
            ]
        return summaries[0]

    def judge(self, claims: list[Claim]) -> Judgement:
        """The judge's verdicts on `claims`; a call that fails (no answer, or
        none matching the schema: it is not asked twice) is a failure."""
        judge = self.judge_model
        assert judge is not None

        def ask(messages: list[Message], schema: dict[str, Any]) -> dict[str, Any]:
            self.calls["judge"] += 1
            # Asked under the version's name, so a cached answer to an older
            # judge prompt or schema is never taken for this one's.
            answer = judge.ask(messages, schema, JUDGE_VERSION, self.judge_usage)
            if answer.data is None:
                raise UnusableAnswer(f"the judge's answer was unusable ({answer.error})")
            return answer.data

        return judge_claims(claims, self.request.articles, self.labels, ask)

    def usage_counts(self) -> dict[str, int]:
        """The topic's token and request counts, the judge's as judge_*."""
        counts = self.usage.as_dict()
        if self.judge_model is not None:
            counts.update({f"judge_{k}": v for k, v in self.judge_usage.as_dict().items()})
        return counts

    def run(self) -> TopicResult:
        chunks = self.chunks()
        answers = []
        problems = []
        for number, chunk in enumerate(chunks, 1):
            messages = self.summarize_messages(chunk, number, len(chunks))
            try:
                answers.append(self.ask("summarize", messages, SUMMARY_SCHEMA))
            except UnusableAnswer as exc:
                if len(chunks) == 1:
                    raise
                problems.append(f"part {number}: {exc}")
        if not answers:
            raise UnusableAnswer("; ".join(problems))
        final = answers[0] if len(answers) == 1 else self.combine(answers)

        def repair(messages: list[Message]) -> dict[str, Any]:
            return self.ask("repair", messages, REPAIR_SCHEMA)

        result = assemble(
            final,
            self.request,
            self.labels,
            self.glossary,
            self.entries,
            self.settings,
            repair,
            self.judge if self.judge_model is not None else None,
            self.store,
        )
        result.report["parts_unusable"] = problems
        result.report["chunks"] = len(chunks)
        return result


def _fallback(request: TopicRequest, reason: str) -> tuple[dict[Lang, str], dict[Lang, Summary]]:
    summaries: dict[Lang, Summary] = {}
    for lang in LANGS:
        base = request.fallback.get(lang) or Summary(lang, (), "unavailable")
        lead = FAILED_NOTICE if base.sentences else FAILED_NONE
        notice = " ".join(n for n in (lead[lang], online_notice(lang, base.notice)) if n)
        summaries[lang] = Summary(lang, base.sentences, base.method, notice, base.dropped)
    return dict(request.titles), summaries


def summarize_topic(
    request: TopicRequest,
    model: ChatModel,
    glossary: Glossary,
    settings: LLMSettings,
    judge: ChatModel | None = None,
    store: AnswerCache | None = None,
) -> TopicOutcome:
    """One topic's outcome; an LLM failure gives the fallback with `failed`
    set, a judge failure the deterministic result with `judge_failed` set."""
    topic = _Topic(request, model, glossary, settings, judge, store)
    try:
        result = topic.run()
    except (LLMCallError, UnusableAnswer) as exc:
        titles, summaries = _fallback(request, str(exc))
        report: dict[str, object] = {
            "prompt_version": PROMPT_VERSION,
            "model": settings.model,
            "failed": str(exc),
            "calls": topic.calls,
        }
        return TopicOutcome(titles, summaries, report, topic.usage_counts(), str(exc))
    result.report.update(
        {"prompt_version": PROMPT_VERSION, "model": settings.model, "failed": None}
    )
    result.report["calls"] = topic.calls
    judge_failed = None
    judged = result.report.get("judge")
    if judge is not None and isinstance(judged, dict):
        judged.update(model=judge.settings.model, version=JUDGE_VERSION)
        failures = judged["failures"]
        judge_failed = failures[0] if failures else None
    return TopicOutcome(
        result.titles, result.summaries, result.report, topic.usage_counts(), None, judge_failed
    )


def summarize_topics(
    requests: Sequence[TopicRequest],
    settings: LLMSettings,
    glossary: Glossary,
    on_done: Callable[[str], None] | None = None,
    client: openai.OpenAI | None = None,
) -> list[TopicOutcome]:
    """Summarize every topic, `settings.concurrency` at a time, and return the
    outcomes in request order. A topic whose calls fail gets its fallback
    summaries and `failed` set; the others are unaffected. `on_done` is
    called with each topic id as it finishes (in completion order)."""
    cache = AnswerCache(settings.cache_path) if settings.cache_path is not None else None
    model = ChatModel(settings, client=client, cache=cache)
    # The judge has a model (and breaker) of its own: a judge that is down
    # must not stop the summaries, nor they the judge.
    judge = ChatModel(settings.judge, cache=cache) if settings.judge is not None else None
    pool = ThreadPoolExecutor(max_workers=max(1, settings.concurrency), thread_name_prefix="llm")
    try:
        futures = {
            pool.submit(summarize_topic, r, model, glossary, settings, judge, cache): r.topic_id
            for r in requests
        }
        for future in completed(futures):
            future.result()  # a programming error surfaces here, not at the end
            if on_done is not None:
                on_done(futures[future])
        outcomes = [f.result() for f in futures]
    except BaseException:
        # Ctrl-C: the calls in flight stop waiting for their answers, so the
        # worker threads (which the interpreter joins on exit) end at once.
        for asking in (model, judge):
            if asking is not None:
                asking.breaker.trip("the run was interrupted")
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        if cache is not None:
            cache.close()
    pool.shutdown(wait=True)
    return outcomes


def plan_calls(
    requests: Sequence[TopicRequest], settings: LLMSettings, glossary: Glossary | None = None
) -> list[tuple[str, int, int]]:
    """(topic id, calls, estimated prompt tokens) per topic, for a dry run:
    the summarize and combine calls a run will make without a cache (repair
    and reformat calls, which depend on the answers, are not counted)."""
    glossary = glossary if glossary is not None else load_glossary()
    plan = []
    for request in requests:
        topic = _Topic(request, None, glossary, settings)
        chunks = topic.chunks()
        tokens = sum(
            estimate_tokens(topic.summarize_messages(c, i, len(chunks)))
            for i, c in enumerate(chunks, 1)
        )
        calls = len(chunks)
        if len(chunks) > 1:
            per_part = 2 * settings.sentences * _PART_SUMMARY_TOKENS_PER_SENTENCE
            overhead = estimate_tokens(topic.combine_messages([], []))
            fits = max(2, (settings.input_budget - overhead) // per_part)
            combines = math.ceil((len(chunks) - 1) / (fits - 1))
            calls += combines
            tokens += combines * overhead + (len(chunks) + combines - 1) * per_part
        plan.append((request.topic_id, calls, tokens))
    return plan
