"""How bounded the fault paths are: parse_json on hostile answers, and how
long and how many requests a run's calls take to give up on a dead endpoint.

    .venv/bin/python benchmarks/faults.py

Prints two tables. The dead endpoint is a loopback port where nothing
listens (connections refused), asked by six topics' worth of calls at once
with the default retries (3) and backoff (1 s, doubling).
"""

from __future__ import annotations

import socket
import time
from concurrent.futures import ThreadPoolExecutor

from briefing.llm.client import ChatModel, LLMCallError, LLMSettings, Usage, parse_json

SCHEMA = {"type": "object"}
ANSWERS = {
    "{ x 400,000": "{" * 400_000,
    '{"a": x 19,000 (deep)': '{"a":' * 19_000,
    "prose with 20,000 { then an object": "{ " * 20_000 + '{"a": 1}',
    "prose with 10,000 {x} then an object": "{x} " * 10_000 + '{"a": 1}',
    "object of 2,000 sentences": '{"s": [' + ",".join(['{"text": "A sentence."}'] * 2000) + "]}",
}


def parse_table() -> None:
    print(f"{'answer':<40} {'chars':>9} {'seconds':>8}  result")
    for name, text in ANSWERS.items():
        start = time.perf_counter()
        _data, error = parse_json(text, SCHEMA)
        took = time.perf_counter() - start
        print(f"{name:<40} {len(text):>9,} {took:>8.3f}  {error or 'parsed'}")


def refused_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/v1"


def dead_endpoint_table(topics: int = 6) -> None:
    settings = LLMSettings(refused_url(), None, "fake", timeout=5.0)
    chat = ChatModel(settings)
    usage = Usage()

    def one(n: int) -> str:
        try:
            chat.ask([{"role": "user", "content": f"topic {n}"}], SCHEMA, "summarize", usage)
        except LLMCallError as error:
            return str(error)
        return "answered"

    start = time.perf_counter()
    with ThreadPoolExecutor(4) as pool:
        reasons = list(pool.map(one, range(topics)))
    took = time.perf_counter() - start
    print(f"\n{'topics':>6} {'requests':>9} {'seconds':>8} {'distinct reasons':>17}")
    print(f"{topics:>6} {usage.requests:>9} {took:>8.1f} {len(set(reasons)):>17}")


if __name__ == "__main__":
    parse_table()
    dead_endpoint_table()
