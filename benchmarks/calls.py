"""Time summarize_topics against the fake OpenAI server, cold and cached.

    .venv/bin/python benchmarks/calls.py [--topics 40] [--concurrency 4]

`--topics` small synthetic topics go to the test suite's fake OpenAI server
(a slow model: 0.2 s per answer), once with an empty cache and once more from
the cache; prints the time, requests and failures of each run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common  # noqa: F401  (puts the repository and tests/ on sys.path)
from conftest import article
from fake_openai import FakeOpenAI, echo_summary

from briefing.llm.client import LLMSettings
from briefing.summary.glossary import load_glossary
from briefing.summary.summarize import TopicRequest, summarize_topics


def topic_requests(count: int) -> list[TopicRequest]:
    """`count` one-article English topics about a storm in a port."""
    requests = []
    for t in range(count):
        a = article(
            f"t{t}-en",
            f"Officials in the port city said on Monday that 1{t} ships were delayed.\n\n"
            "The harbour authority said the storm closed the main channel overnight.",
            title=f"Storm delays ships {t}",
        )
        requests.append(TopicRequest(f"topic-{t}", (a,), ((a.id,),), fallback={}))
    return requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--topics", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    requests = topic_requests(args.topics)
    with tempfile.TemporaryDirectory() as tmp, FakeOpenAI(responder=echo_summary) as server:
        server.delay = 0.2
        settings = LLMSettings(
            base_url=server.base_url,
            api_key="x",
            model="fake",
            concurrency=args.concurrency,
            cache_path=Path(tmp) / "cache.sqlite",
        )
        glossary = load_glossary()
        for label in ("cold", "cached"):
            before = len(server.requests)
            start = time.perf_counter()
            outcomes = summarize_topics(requests, settings, glossary)
            took = time.perf_counter() - start
            failed = sum(1 for o in outcomes if o.failed)
            print(
                f"{label:<7} {len(requests)} topics in {took:5.2f}s, "
                f"{len(server.requests) - before} requests, {failed} failed"
            )


if __name__ == "__main__":
    main()
