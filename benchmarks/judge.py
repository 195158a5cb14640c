"""The optional judge: its plumbing on the faithfulness set, its cost, and
the verification cache.

    .venv/bin/python benchmarks/judge.py [--accuracy 0.9]
    flock /tmp/qwen.lock nice -n 10 .venv/bin/python benchmarks/judge.py --real

`--real` replaces all three with one measurement: the real small model
(Qwen2.5-Coder-1.5B-Instruct, assembled and served as benchmarks/real_model.py
does, `[local]` extra) as the judge of the TEST split of the faithfulness
set only, caught and dropped per language before and after it, and per call
its prompt and completion tokens (as the server counts them) and wall time.
An answer that fails (malformed, no verdict for every id, timeout) counts
as a failed call: its sentences keep the deterministic result. Answers are
cached with real_model.py's (--models), so a rerun prints at once.
`--budget MINUTES` stops asking after that long (the calls left are counted
as not asked, their sentences with the deterministic result); `--budget 0`
reads the cached answers only, without starting the server.

1. The faithfulness set (`benchmarks/faithfulness/set.jsonl`, on
   ../shared/corpus/dev, read at run time) through the deterministic
   verifier, then the sentences it keeps through `judge_claims` as the
   pipeline calls it (a call per story and language, at most 16 sentences)
   with a FAKE judge that answers right for `--accuracy` of the sentences
   (which ones: by a hash of the sentence id, so every run is the same).
   Caught (unfaithful) and dropped (faithful) per split and language, before
   and after. With a fake judge this measures the plumbing (batching, ids,
   drops), not what a real model would catch: that depends on the model.
2. The judge's cost: prompt tokens (o200k_base, `briefing/tokens.py`) of
   every call above against its number of sentences (a least-squares line:
   fixed + per sentence), and on the examples, the judge's calls and tokens
   per topic beside the summarizing calls', for a model that writes 4
   sentences a language (answers scripted, prompts real).
3. The verification cache: wall and CPU time of verifying each example
   topic's answer with an empty cache and again from the cache.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import json
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common  # noqa: F401  (puts the repository and tests/ on sys.path)
from _common import QuoteModel
from faithfulness import CORPUS, Item, Outcome, _topic, load_set, load_stories, verify
from real_model import MODELS

from briefing.config import load_config
from briefing.embed import embed
from briefing.errors import LLMError
from briefing.llm import local_server
from briefing.llm.answers import Usage, estimate_tokens
from briefing.llm.cache import AnswerCache
from briefing.llm.client import ChatModel, LLMSettings, UnusableAnswer, request_key
from briefing.models import Citation
from briefing.pipeline import prepare, request_for
from briefing.progress import Progress
from briefing.summary import select_topics
from briefing.summary.glossary import load_glossary
from briefing.summary.judge import BATCH, Claim, Judgement, judge_claims
from briefing.summary.prompting import labels as prompt_labels
from briefing.summary.repair import assemble
from briefing.summary.summarize import _Topic
from briefing.tokens import count

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LANGS = ("ar", "en")
# What a real judge's reason might be; the fake one gives reasons this long.
REASON = "the cited paragraph states this directly"


def right(item: Item, accuracy: float) -> bool:
    """Whether the fake judge answers this sentence right (by its id's hash)."""
    digest = int(hashlib.sha256(item.id.encode()).hexdigest()[:8], 16)
    return digest % 1000 < accuracy * 1000


class FakeJudge:
    """Answers a judge call from the items' labels, right for `accuracy` of
    them; records (sentences, prompt tokens, completion tokens) per call."""

    def __init__(self, accuracy: float) -> None:
        self.accuracy = accuracy
        self.items: dict[str, Item] = {}
        self.calls: list[tuple[int, int, int]] = []

    def ask(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> dict[str, Any]:
        ids = schema["properties"]["verdicts"]["required"]
        verdicts = {}
        for i in ids:
            item = self.items[i]
            entailed = (item.label == "faithful") == right(item, self.accuracy)
            verdicts[i] = {"entailed": entailed, "reason": REASON}
        answer = {"verdicts": verdicts}
        self.calls.append((len(ids), estimate_tokens(messages), count(json.dumps(answer))))
        return answer


# What the real judge's requests are named (and cached) under. The prompts
# here hold sentences only, which judge-2 renders as judge-1 did.
NAME = "judge"
UNUSED_URL = "http://127.0.0.1:9/v1"  # never called: every answer comes from the cache


class NotAsked(LLMError):
    """A call skipped after the time budget: its sentences stay unjudged."""


class RealJudge:
    """Asks a real model (`ChatModel`) as the pipeline's judge does; records
    per call (sentences, prompt tokens, completion tokens, wall seconds,
    cached, why it failed or None)."""

    def __init__(self, model: ChatModel, store: AnswerCache, deadline: float | None) -> None:
        self.model = model
        self.store = store
        self.deadline = deadline  # perf_counter() after which only cached answers are used
        self.items: dict[str, Item] = {}
        self.log: list[tuple[int, int, int, float, bool, str | None]] = []
        self.not_asked = 0  # sentences of calls skipped after the deadline

    def ask(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> dict[str, Any]:
        ids = schema["properties"]["verdicts"]["required"]
        key = request_key(self.model.settings, messages, schema, NAME)
        late = self.deadline is not None and time.perf_counter() > self.deadline
        if late and self.store.get(key) is None:
            self.not_asked += len(ids)
            raise NotAsked("past the time budget")
        usage = Usage()
        start = time.perf_counter()
        try:
            answer = self.model.ask(messages, schema, NAME, usage)
        except LLMError as exc:
            wall = time.perf_counter() - start
            self.log.append((len(ids), usage.prompt_tokens, 0, wall, False, str(exc)))
            raise
        wall = time.perf_counter() - start
        error = None if answer.data is not None else f"unusable: {answer.error}"
        self.log.append(
            (len(ids), usage.prompt_tokens, usage.completion_tokens, wall, answer.cached, error)
        )
        print(
            f"  call {len(self.log)}: {len(ids)} sentences, {usage.prompt_tokens}+"
            f"{usage.completion_tokens} tokens, {wall:.1f} s{' (cached)' if answer.cached else ''}"
            f"{'' if error is None else ', FAILED: ' + error[:120]}",
            file=sys.stderr,
            flush=True,
        )
        if answer.data is None:
            raise UnusableAnswer(f"the judge's answer was unusable ({answer.error})")
        return answer.data


def judged(outcomes: Sequence[Outcome], judge: FakeJudge | RealJudge) -> dict[str, bool]:
    """Whether each sentence is kept after the judge, by item id."""
    articles, stories = load_stories(CORPUS)
    by_story: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_story[stories.get(o.item.citations[0][0], o.item.citations[0][0])].append(o)
    kept = {o.item.id: o.kept for o in outcomes}
    for story, members in sorted(by_story.items()):
        topic = _topic(story, [o.item for o in members], articles, stories)
        claims = []
        for o in members:
            if o.kept:
                key = f"{o.item.lang}-{o.item.id}"
                judge.items[key] = o.item
                cites = tuple(Citation(a, n) for a, n in o.item.citations)
                claims.append(Claim(key, o.item.lang, o.item.text, cites))  # type: ignore[arg-type]
        judgement = judge_claims(claims, topic, prompt_labels(topic), judge.ask)
        for key, (entailed, _) in judgement.verdicts.items():
            kept[judge.items[key].id] = entailed
    return kept


def _cell(outcomes: Sequence[Outcome], kept: dict[str, bool], faithful: bool) -> str:
    group = [o for o in outcomes if (o.item.label == "faithful") == faithful]
    if not group:
        return "-"
    before = sum(not o.kept for o in group)
    after = sum(not kept[o.item.id] for o in group)
    n = len(group)
    return f"{before}/{n} {before / n:4.0%} → {after}/{n} {after / n:4.0%}"


def faithfulness_table(
    outcomes: Sequence[Outcome],
    kept: dict[str, bool],
    judge: str = "fake judge",
    splits: Sequence[str] = ("dev", "test", "both"),
) -> None:
    print(
        f"\n== faithfulness set: deterministic checks → + {judge} "
        "(caught = unfaithful dropped; dropped = faithful dropped) =="
    )
    print(f"{'split':<6}{'lang':<6}{'unfaithful caught':>30}{'faithful dropped':>30}")
    for split in splits:
        for lang in (*LANGS, "all"):
            group = [
                o
                for o in outcomes
                if split in (o.item.split, "both") and lang in (o.item.lang, "all")
            ]
            print(
                f"{split:<6}{lang:<6}{_cell(group, kept, False):>30}{_cell(group, kept, True):>30}"
            )


def fit(calls: Sequence[tuple[int, int, int]]) -> tuple[float, float]:
    """Least-squares (fixed, per sentence) of prompt tokens over sentences."""
    xs = [float(n) for n, _, _ in calls]
    ys = [float(p) for _, p, _ in calls]
    if len(set(xs)) < 2:
        return statistics.mean(ys), 0.0
    slope, intercept = statistics.linear_regression(xs, ys)
    return intercept, slope


def cost_table(calls: Sequence[tuple[int, int, int]]) -> None:
    fixed, per = fit(calls)
    sentences = sum(n for n, _, _ in calls)
    prompt = sum(p for _, p, _ in calls)
    completion = sum(c for _, _, c in calls)
    print(f"\n== judge calls on the faithfulness set (≤{BATCH} sentences a call) ==")
    print(f"calls {len(calls)}, sentences {sentences}, {sentences / len(calls):.1f} a call")
    print(
        f"prompt tokens {prompt:,} ({prompt / sentences:.0f} a sentence); completion "
        f"{completion:,} ({completion / sentences:.0f} a sentence, "
        f"reasons of {len(REASON.split())} words)"
    )
    print(f"prompt tokens a call ≈ {fixed:.0f} + {per:.0f} × sentences (least squares)")


def example_topics() -> list[tuple[Any, _Topic, dict[str, Any]]]:
    """Each example topic's request, its summarizing `_Topic` and the answer
    of a model that quotes 4 sentences a language."""
    config = load_config({"llm": "none"}, environ={}, cwd=EXAMPLES)
    prepared = prepare([EXAMPLES], config, Progress(level=0))
    selections = select_topics(prepared.groups, prepared.articles, 4)
    settings = LLMSettings(base_url=None, api_key=None, model="fake")
    glossary = load_glossary()
    model = QuoteModel(sentences=4)
    topics = []
    for tid, group in prepared.groups.items():
        request = request_for(tid, group, prepared.articles, selections[tid], None)
        topic = _Topic(request, None, glossary, settings)
        messages = topic.summarize_messages(topic.chunks()[0], 1, 1)
        topics.append((request, topic, model({"messages": messages})))
    return topics


def accepting_judge(request: Any, topic: _Topic, calls: list[tuple[int, int]]) -> Any:
    """A judge for `topic` that accepts every sentence, recording (prompt,
    completion) tokens per call in `calls`."""

    def ask(messages: list[dict[str, str]], schema: dict[str, Any]) -> dict[str, Any]:
        ids = schema["properties"]["verdicts"]["required"]
        answer = {"verdicts": {i: {"entailed": True, "reason": REASON} for i in ids}}
        calls.append((estimate_tokens(messages), count(json.dumps(answer, ensure_ascii=False))))
        return answer

    def judge(claims: list[Claim]) -> Judgement:
        return judge_claims(claims, request.articles, topic.labels, ask)

    return judge


def examples_tables(topics: Sequence[tuple[Any, _Topic, dict[str, Any]]]) -> None:
    """The judge's tokens per example topic beside the summarizing call's,
    and the verification cache's time, cold and cached."""
    print("\n== examples: summarizing call vs judge calls, per topic (tokens, o200k_base) ==")
    print(
        f"{'topic':<44}{'summarize':>16}{'judge':>8}{'judge':>16}{'sentences':>10}\n"
        f"{'':<44}{'prompt+compl.':>16}{'calls':>8}{'prompt+compl.':>16}{'judged':>10}"
    )
    cold_times: list[tuple[float, float]] = []
    cached_times: list[tuple[float, float]] = []
    totals = [0, 0, 0, 0, 0]
    with tempfile.TemporaryDirectory() as tmp:
        store = AnswerCache(Path(tmp) / "answers.sqlite")
        for request, topic, answer in topics:
            summarize = estimate_tokens(topic.summarize_messages(topic.chunks()[0], 1, 1))
            calls: list[tuple[int, int]] = []
            judge = accepting_judge(request, topic, calls)

            verify = functools.partial(
                assemble,
                answer,
                request,
                topic.labels,
                topic.glossary,
                topic.entries,
                topic.settings,
                lambda messages: {"sentences": []},
            )
            times = []
            for _ in ("cold", "cached"):
                wall, cpu = time.perf_counter(), time.process_time()
                result = verify(store=store)
                times.append((time.perf_counter() - wall, time.process_time() - cpu))
            cold_times.append(times[0])
            cached_times.append(times[1])
            kept = sum(len(s.sentences) for s in result.summaries.values() if s.method == "llm")
            verify(judge, store)
            written = count(json.dumps(answer, ensure_ascii=False))
            prompt, completion = sum(p for p, _ in calls), sum(c for _, c in calls)
            for i, value in enumerate((summarize, written, len(calls), prompt, completion)):
                totals[i] += value
            print(
                f"{request.topic_id[:43]:<44}{f'{summarize:,}+{written:,}':>16}{len(calls):>8}"
                f"{f'{prompt:,}+{completion:,}':>16}{kept:>10}"
            )
        store.close()
    n = len(topics)
    mean = [t / n for t in totals]
    print(
        f"{'per topic (mean)':<44}{f'{mean[0]:,.0f}+{mean[1]:,.0f}':>16}{mean[2]:>8.1f}"
        f"{f'{mean[3]:,.0f}+{mean[4]:,.0f}':>16}"
    )
    print(
        f"the judge's tokens / the summarizing call's: prompt {totals[3] / totals[0]:.0%}, "
        f"completion {totals[4] / totals[1]:.0%}"
    )
    print("\n== verification of each example topic's answer: empty cache → from the cache ==")
    for name, values in (("cold", cold_times), ("cached", cached_times)):
        walls = sorted(w for w, _ in values)
        cpus = sorted(c for _, c in values)
        print(
            f"{name:<8} wall median {statistics.median(walls) * 1000:7.1f} ms "
            f"(max {walls[-1] * 1000:7.1f}), CPU median {statistics.median(cpus) * 1000:7.1f} ms"
        )


def real_calls_table(log: Sequence[tuple[int, int, int, float, bool, str | None]]) -> None:
    asked = [c for c in log if not c[4]]
    failed = [c for c in log if c[5] is not None]
    print(f"\n== the real judge's calls (≤{BATCH} sentences a call) ==")
    print(
        f"calls {len(log)} ({len(log) - len(asked)} from the cache), sentences "
        f"{sum(c[0] for c in log)}; failed {len(failed)} (their sentences keep the "
        "deterministic result)"
    )
    for reason, n in sorted(Counter(str(c[5]).split(":")[0][:60] for c in failed).items()):
        print(f"  failed: {reason} ×{n}")
    answered = [c for c in log if c[1]]
    if answered:
        prompt = [c[1] for c in answered]
        completion = [c[2] for c in answered]
        print(
            f"tokens a call (server's count): prompt median {statistics.median(prompt):,.0f} "
            f"(max {max(prompt):,}), completion median {statistics.median(completion):,.0f} "
            f"(max {max(completion):,}); total {sum(prompt):,}+{sum(completion):,}"
        )
    if asked:
        walls = sorted(c[3] for c in asked)
        print(
            f"wall a call (asked, not cached): median {statistics.median(walls):.1f} s, "
            f"max {walls[-1]:.1f} s, total {sum(walls) / 60:.1f} min"
        )


def real(models: Path, timeout: float, budget: float | None) -> None:
    """The real small model as the judge of the test split (see the docstring)."""
    from real_model import model_file

    outcomes = [o for o in verify(load_set(), CORPUS) if o.item.split == "test"]
    gguf = model_file(models)
    store = AnswerCache(models / "answers.sqlite")
    # With no time to ask (--budget 0), the cached answers are read without
    # starting the server: a rerun prints the last run's table at once.
    serve = contextlib.nullcontext(UNUSED_URL) if budget == 0 else local_server(gguf)
    try:
        with serve as base_url:
            stat = gguf.stat()
            settings = LLMSettings(
                base_url=base_url,
                api_key=None,
                model=gguf.stem,
                timeout=timeout,
                max_retries=0,
                concurrency=1,
                endpoint_id=f"local:{gguf.name}:{stat.st_size}",
            )
            deadline = None if budget is None else time.perf_counter() + budget * 60
            judge = RealJudge(ChatModel(settings, cache=store), store, deadline)
            kept = judged(outcomes, judge)
    finally:
        store.close()
    print(f"{len(outcomes)} sentences of the test split; judge: {gguf.name} (llama.cpp, local)")
    if judge.not_asked:
        print(
            f"NOT ASKED (past the {budget:g}-minute budget): {judge.not_asked} sentences, "
            "counted with the deterministic result"
        )
    faithfulness_table(outcomes, kept, f"real judge ({gguf.stem})", ("test",))
    real_calls_table(judge.log)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--accuracy", type=float, default=0.9, help="the fake judge's")
    parser.add_argument(
        "--real", action="store_true", help="the real small model as the judge (test split)"
    )
    parser.add_argument("--models", type=Path, default=MODELS, help="GGUF and answer cache")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per answer")
    parser.add_argument(
        "--budget",
        type=float,
        help="minutes of asking the model; then only cached answers are used (say so)",
    )
    args = parser.parse_args()
    if not (CORPUS / "dev").is_dir():
        sys.exit(f"the development corpus is not at {CORPUS}")
    if args.real:
        real(args.models, args.timeout, args.budget)
        return
    embed(["warm up the encoder"])  # loading it is not any topic's cost
    outcomes = verify(load_set(), CORPUS)
    judge = FakeJudge(args.accuracy)
    kept = judged(outcomes, judge)
    print(
        f"{len(outcomes)} sentences; fake judge right on {args.accuracy:.0%} of them "
        "(by hash of the id): this measures the plumbing, not a real model's judgement"
    )
    faithfulness_table(outcomes, kept)
    cost_table(judge.calls)
    examples_tables(example_topics())


if __name__ == "__main__":
    main()
