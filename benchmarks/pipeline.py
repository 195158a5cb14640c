"""The real CLI path against the fake OpenAI server: calls, time and tokens.

    .venv/bin/python benchmarks/pipeline.py [--topics 20] [--delay 1.0]

`briefing generate` (in-process) against the test suite's fake OpenAI server
(1 s per answer) on 20 topics built at run time from the development corpus
(each story's articles in twos, every topic's articles re-dated 30 days from
the others' so that no two topics group). Wall time at --concurrency 1 and 8;
LLM requests per topic; prompt tokens sent (o200k, over every request) per
o200k token of the topics' source paragraphs, with where the overhead comes
from; requests made by a second identical run and whether its files are
byte-identical; and the same with one bad sentence per language per topic,
so that every topic also makes a repair call.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    BRIEF_DATE,
    QuoteModel,
    build_topics,
    cli,
    snapshot,
    user_text,
    write_config,
)
from fake_openai import FakeOpenAI

from briefing.embed import embed as warm
from briefing.ingest.load import load_articles
from briefing.llm.client import estimate_tokens
from briefing.tokens import count


def prompt_parts(request: dict[str, Any]) -> dict[str, int]:
    """The o200k tokens of a summarize request, by part of the prompt:
    system message, glossary, fence lines, article headers (label, language,
    source, date, title), paragraph numbers "#n ", paragraph text, and the
    rest of the user message (instructions), plus the per-message framing
    `estimate_tokens` adds. Counted line by line, so the parts add up to
    within a few tokens of the whole."""
    parts: Counter[str] = Counter()
    for message in request["messages"]:
        content = str(message["content"])
        parts["framing"] += 4
        if message["role"] == "system":
            parts["system message"] += count(content)
            continue
        if message["role"] != "user" or "Sentences to repair" in content:
            parts["other messages"] += count(content)
            continue
        for line in content.split("\n"):
            cost = count(line + "\n")
            paragraph = re.match(r"^(#\d+ )(.*)$", line)
            if line.startswith("Glossary"):
                parts["glossary"] += cost
            elif line.startswith("<<<SOURCE-") or re.match(r"^SOURCE-\w+.*>>>$", line):
                parts["fences"] += cost
            elif line.startswith(("Article A", "Title: ", "(paragraphs ")):
                parts["article headers"] += cost
            elif paragraph:
                text = count(paragraph.group(2) + "\n")
                parts["paragraph text"] += text
                parts["paragraph numbers"] += cost - text
            else:
                parts["instructions"] += cost
    parts["framing"] += 2
    return dict(parts)


def repair_parts(request: dict[str, Any]) -> dict[str, int]:
    """The o200k tokens of a repair request: system message, the failing
    sentences with their problems, the source paragraphs shown again, and
    the rest."""
    parts: Counter[str] = Counter()
    for message in request["messages"]:
        content = str(message["content"])
        parts["framing"] += 4
        if message["role"] == "system":
            parts["system message"] += count(content)
            continue
        head, _, rest = content.partition("Sentences to repair:")
        failing, _, shown = rest.partition("\nSources:\n")
        parts["instructions"] += count(head)
        parts["failing sentences"] += count(failing)
        parts["sources shown again"] += count(shown)
    parts["framing"] += 2
    return dict(parts)


# --- running -------------------------------------------------------------------


def run_case(
    tmp: Path,
    inputs: Path,
    server: FakeOpenAI,
    delay: float,
    name: str,
    concurrency: int,
    model: QuoteModel,
    runs: int = 1,
) -> dict[str, Any]:
    """`briefing generate` on `inputs` `runs` times, into a fresh folder
    `tmp/name`, with `model` answering after `delay` seconds: the first run's
    status, seconds, requests, files and briefing.json, and for a second run
    its requests, seconds, status and whether its files are the same."""
    folder = tmp / name
    folder.mkdir()
    config = write_config(folder, cache="cache.sqlite", output="output")
    server.responder = model
    server.delay = delay
    result: dict[str, Any] = {"name": name, "concurrency": concurrency}
    for i in range(runs):
        before = len(server.requests)
        status, took = cli(
            "generate", inputs, "--date", BRIEF_DATE, "--config", config,
            "--llm", "openai", "--base-url", server.base_url, "--model", "fake",
            "--concurrency", concurrency, "--quiet",
        )  # fmt: skip
        sent = server.requests[before:]
        files = snapshot(folder / "output")
        if i == 0:
            result.update(status=status, seconds=took, sent=sent, files=files)
        else:
            result.update(rerun_requests=len(sent), rerun_seconds=took)
            result["identical"] = files == result["files"]
            result["rerun_status"] = status
    result["data"] = json.loads(result["files"][f"{BRIEF_DATE}/briefing.json"])
    return result


def run_offline(tmp: Path, inputs: Path) -> float:
    """Seconds of `briefing generate --llm none` on `inputs`."""
    folder = tmp / "offline"
    folder.mkdir()
    config = write_config(folder, output="output", llm="none")
    _, seconds = cli("generate", inputs, "--date", BRIEF_DATE, "--config", config, "--quiet")
    return seconds


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Build the topics, then run offline, at concurrency 1, at 8 (twice)
    and at 8 with a bad sentence per language (twice)."""
    with tempfile.TemporaryDirectory() as tmp_name, FakeOpenAI() as server:
        tmp = Path(tmp_name)
        inputs = tmp / "inputs"
        planned = build_topics(inputs, args.topics)
        articles = {a.id: a for a in load_articles([inputs]).articles}
        source_tokens = sum(count(p) for a in articles.values() for p in a.paragraphs)
        warm(["warm-up"])  # load the encoder once, outside the timings
        offline_seconds = run_offline(tmp, inputs)
        cases = [
            ("c1", 1, QuoteModel(), 1),
            ("c8", 8, QuoteModel(), 2),
            ("c8-repairs", 8, QuoteModel(bad=True), 2),
        ]
        results = [run_case(tmp, inputs, server, args.delay, *case) for case in cases]
    return {
        "planned": planned,
        "articles": len(articles),
        "source_tokens": source_tokens,
        "offline_seconds": offline_seconds,
        "results": results,
    }


# --- reporting -----------------------------------------------------------------


def print_runs(m: dict[str, Any], delay: float) -> None:
    """The inputs line and one row per run."""
    planned, results, source_tokens = m["planned"], m["results"], m["source_tokens"]
    made = sorted(tuple(sorted(t["articles"])) for t in results[0]["data"]["topics"])
    same = "exactly the planned ones" if made == sorted(planned) else "NOT the planned ones"
    print(
        f"inputs: {m['articles']} corpus articles as {len(planned)} planned topics "
        f"({source_tokens:,} o200k tokens of source paragraphs); the pipeline made "
        f"{len(made)} topics, {same}; fake model {delay:g} s per answer; "
        f"offline (--llm none) run: {m['offline_seconds']:.1f}s\n"
    )
    print(
        f"{'run':<12}{'conc':>5}{'exit':>5}{'wall s':>8}{'requests':>9}{'req/topic':>10}"
        f"{'repairs':>8}{'prompt tok':>11}{'ratio':>7}{'est. (json)':>12}"
        f"{'rerun req':>10}{'rerun s':>8}{'identical':>10}"
    )
    for r in results:
        sent = r["sent"]
        prompt = sum(estimate_tokens(body["messages"]) for body in sent)
        topics = r["data"]["topics"]
        repairs = sum(t["verification"]["calls"]["repair"] for t in topics if t["verification"])
        estimated = r["data"]["generator"]["usage"]["estimated_prompt_tokens"]
        rerun = (
            f"{r['rerun_requests']:>10}{r['rerun_seconds']:>8.1f}{r['identical']!s:>10}"
            if "rerun_requests" in r
            else f"{'':>10}{'':>8}{'':>10}"
        )
        print(
            f"{r['name']:<12}{r['concurrency']:>5}{r['status']:>5}{r['seconds']:>8.1f}"
            f"{len(sent):>9}{len(sent) / len(topics):>10.2f}{repairs:>8}{prompt:>11,}"
            f"{prompt / source_tokens:>7.2f}{estimated:>12,}{rerun}"
        )
    print(
        "\nratio = prompt tokens sent (o200k of every message, + 4 per message + 2, as "
        "briefing.llm.client.estimate_tokens) / o200k tokens of the source paragraphs "
        "(target <= 1.3)"
    )


def print_token_parts(r: dict[str, Any], source_tokens: int) -> None:
    """Where the prompt tokens of one run go, for its summarize and its
    repair requests."""
    summarize_requests = [b for b in r["sent"] if "Sentences to repair" not in user_text(b)]
    repair_requests = [b for b in r["sent"] if "Sentences to repair" in user_text(b)]
    print(
        f"\nwhere the prompt tokens go ({r['name']}: {len(summarize_requests)} summarize"
        f" + {len(repair_requests)} repair requests):"
    )
    print(f"{'part':<20}{'tokens':>9}{'per request':>12}{'per source token':>17}")
    rows: list[tuple[str, Counter[str], int]] = [("summarize", Counter(), len(summarize_requests))]
    for body in summarize_requests:
        rows[0][1].update(prompt_parts(body))
    if repair_requests:
        rows.append(("repair", Counter(), len(repair_requests)))
        for body in repair_requests:
            rows[1][1].update(repair_parts(body))
    for label, parts, n in rows:
        print(f"-- {label} requests")
        for part, tokens in sorted(parts.items(), key=lambda x: -x[1]):
            print(f"{part:<20}{tokens:>9,}{tokens / n:>12.0f}{tokens / source_tokens:>17.3f}")
        total = sum(parts.values())
        print(f"{'total':<20}{total:>9,}{total / n:>12.0f}{total / source_tokens:>17.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--topics", type=int, default=20)
    parser.add_argument("--delay", type=float, default=1.0)
    args = parser.parse_args()
    m = measure(args)
    print_runs(m, args.delay)
    for r in m["results"][1:]:
        print_token_parts(r, m["source_tokens"])


if __name__ == "__main__":
    main()
