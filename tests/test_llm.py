"""The model client, structured answers, retries and the answer cache,
through the real openai client against the fake server on loopback."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
from fake_openai import FakeOpenAI, Reply

from briefing.llm.cache import AnswerCache, cache_key
from briefing.llm.client import (
    PLACEHOLDER_KEY,
    ChatModel,
    LLMCallError,
    LLMSettings,
    Usage,
    make_client,
    parse_json,
)
from briefing.summary.prompting import REPAIR_SCHEMA, SUMMARY_SCHEMA, render

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["answer"],
    "properties": {"answer": {"type": "integer"}},
}
MESSAGES = [{"role": "user", "content": "What is six times seven?"}]


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        yield fake


def model(server: FakeOpenAI, **kw: Any) -> tuple[ChatModel, list[float]]:
    waits: list[float] = []
    values: dict[str, Any] = {
        "base_url": server.base_url,
        "api_key": None,
        "model": "fake",
        "timeout": 2.0,
        "max_retries": 2,
        "backoff": 0.25,
    }
    settings = LLMSettings(**(values | kw))
    return ChatModel(settings, sleep=waits.append), waits


def test_make_client_is_configured_from_settings() -> None:
    settings = LLMSettings(base_url="http://127.0.0.1:9/v1", api_key=None, model="m", timeout=7)
    client = make_client(settings)
    assert str(client.base_url).rstrip("/") == "http://127.0.0.1:9/v1"
    assert client.api_key == PLACEHOLDER_KEY
    assert client.max_retries == 0 and client.timeout == 7


def test_answer_is_parsed_and_usage_counted(server: FakeOpenAI) -> None:
    server.push({"answer": 42})
    chat, _ = model(server)
    usage = Usage()
    answer = chat.ask(MESSAGES, SCHEMA, "sum", usage)
    assert answer.data == {"answer": 42} and not answer.cached
    assert usage.requests == 1 and usage.prompt_tokens > 0 and usage.completion_tokens > 0
    assert usage.estimated_prompt_tokens > 0
    sent = server.requests[0]
    assert sent["response_format"]["json_schema"]["strict"] is True
    assert sent["response_format"]["json_schema"]["schema"] == SCHEMA
    assert sent["messages"] == MESSAGES and sent["model"] == "fake"


def test_parse_json_finds_the_object_and_names_schema_errors() -> None:
    assert parse_json('Sure!\n```json\n{"answer": 1}\n```', SCHEMA) == ({"answer": 1}, None)
    assert parse_json('{"answer": "one"}', SCHEMA) == (
        None,
        "answer: 'one' is not of type 'integer'",
    )
    assert parse_json("[1, 2]", SCHEMA) == (None, "the answer is not a JSON object")
    assert parse_json("no", SCHEMA) == (None, "the answer is not valid JSON")


def test_retry_after_is_honoured_and_capped(server: FakeOpenAI) -> None:
    server.push(
        Reply(status=429, headers={"Retry-After": "0.5"}),
        Reply(status=429, headers={"Retry-After": "120"}),
        {"answer": 42},
    )
    chat, waits = model(server, max_wait=3.0)
    usage = Usage()
    assert chat.ask(MESSAGES, SCHEMA, "sum", usage).data == {"answer": 42}
    assert waits == [0.5, 3.0] and usage.requests == 3 and usage.retries == 2


def test_server_errors_back_off_exponentially_then_fail(server: FakeOpenAI) -> None:
    server.push(Reply(status=500), Reply(status=502), Reply(status=503))
    chat, waits = model(server)
    with pytest.raises(LLMCallError, match=r"answered HTTP 503 \(after 3 attempts\)"):
        chat.ask(MESSAGES, SCHEMA, "sum", Usage())
    assert waits == [0.25, 0.5]


def test_a_bad_key_is_not_retried(server: FakeOpenAI) -> None:
    server.push(Reply(status=401, message="invalid key"))
    chat, waits = model(server)
    with pytest.raises(LLMCallError, match="refused the API key"):
        chat.ask(MESSAGES, SCHEMA, "sum", Usage())
    assert len(server.requests) == 1 and waits == []


def test_unreachable_endpoint_says_so() -> None:
    settings = LLMSettings(
        base_url="http://127.0.0.1:9/v1", api_key="x", model="m", timeout=1, max_retries=1
    )
    chat = ChatModel(settings, sleep=lambda s: None)
    with pytest.raises(LLMCallError, match=r"cannot reach http://127\.0\.0\.1:9/v1"):
        chat.ask(MESSAGES, SCHEMA, "sum", Usage())


def test_timeout_is_retried_then_reported(server: FakeOpenAI) -> None:
    server.push(Reply(hang=True), Reply(hang=True))
    chat, waits = model(server, timeout=0.3, max_retries=1)
    with pytest.raises(LLMCallError, match=r"did not answer within 0.3s \(after 2 attempts\)"):
        chat.ask(MESSAGES, SCHEMA, "sum", Usage())
    assert len(server.requests) == 2 and waits == [0.25]


def test_structured_output_steps_down_to_plain_text_and_remembers(server: FakeOpenAI) -> None:
    def no_formats(body: dict[str, Any]) -> Reply:
        if body.get("response_format"):
            return Reply(status=422, message="unsupported response_format")
        return Reply(content='The answer is {"answer": 42}.')

    server.responder = no_formats
    chat, _ = model(server)
    assert chat.ask(MESSAGES, SCHEMA, "sum", Usage()).data == {"answer": 42}
    assert chat.ask([{"role": "user", "content": "again"}], SCHEMA, "sum", Usage()).data
    formats = [(r.get("response_format") or {}).get("type") for r in server.requests]
    assert formats == ["json_schema", "json_object", None, None]


def test_answers_are_cached_and_refresh_bypasses_reading(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    server.responder = lambda body: {"answer": 42}
    cache = AnswerCache(tmp_path / "c.sqlite")
    chat, _ = model(server)
    chat.cache = cache
    chat.ask(MESSAGES, SCHEMA, "sum", Usage())
    usage = Usage()
    again = chat.ask(MESSAGES, SCHEMA, "sum", usage)
    assert again.cached and again.data == {"answer": 42} and len(server.requests) == 1
    assert usage.cached == 1 and usage.requests == 0
    other = chat.ask(MESSAGES, {**SCHEMA, "title": "x"}, "sum", Usage())  # another schema
    assert not other.cached and len(server.requests) == 2
    fresh, _ = model(server, refresh=True)
    fresh.cache = cache
    assert not fresh.ask(MESSAGES, SCHEMA, "sum", Usage()).cached
    assert len(server.requests) == 3


def test_cache_key_is_canonical() -> None:
    assert cache_key({"a": 1, "b": [1, "é"]}) == cache_key({"b": [1, "é"], "a": 1})
    assert cache_key({"a": 1}) != cache_key({"a": 2})


_WRITER = """
import sys
from pathlib import Path
from briefing.llm.cache import AnswerCache
cache = AnswerCache(Path(sys.argv[1]))
for i in range(200):
    cache.put(f"{sys.argv[2]}-{i}", {"content": str(i)})
"""


def test_cache_is_safe_for_threads_and_processes(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(path), f"p{n}"]) for n in range(2)
    ]
    cache = AnswerCache(path)

    def write(prefix: str) -> None:
        for i in range(100):
            cache.put(f"{prefix}-{i}", {"content": str(i)})
            assert cache.get(f"{prefix}-{i}") == {"content": str(i)}

    threads = [threading.Thread(target=write, args=(f"t{n}",)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(p.wait(timeout=60) == 0 for p in procs)
    assert len(cache) == 2 * 200 + 4 * 100
    cache.close()


def test_prompts_name_a_missing_variable() -> None:
    with pytest.raises(jinja2.UndefinedError, match="'part_count' is undefined"):
        render("summarize.j2", excerpts=[], glossary=[], fence="F", labels="A1")


def test_schemas_are_strict_mode_compatible() -> None:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object":
                assert node["additionalProperties"] is False
                assert sorted(node["required"]) == sorted(node["properties"])
            for value in node.values():
                walk(value)

    walk(SUMMARY_SCHEMA)
    walk(REPAIR_SCHEMA)


def test_models_endpoint_answers(server: FakeOpenAI) -> None:
    client = make_client(LLMSettings(base_url=server.base_url, api_key="x", model="fake"))
    assert [m.id for m in client.models.list()] == ["fake"]
