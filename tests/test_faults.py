"""Faults are bounded: a slow or dead endpoint, runaway or deeply nested
answers, a damaged answer cache. Against the fake server on loopback (real
HTTP, the real openai client) and through the command line."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from fake_openai import FakeOpenAI, Reply, refused_url, sources, user_prompt

from briefing.cli import main
from briefing.llm.cache import AnswerCache
from briefing.llm.client import ChatModel, LLMCallError, LLMSettings, Usage
from briefing.text import split_sentences

DATE = "2026-11-22"
SCHEMA = {"type": "object", "required": ["answer"], "properties": {"answer": {"type": "integer"}}}
MESSAGES = [{"role": "user", "content": "What is six times seven?"}]


# No endpoint, config or cache from the machine running the tests.
pytestmark = pytest.mark.usefixtures("clean_environment")


def generate(tmp_path: Path, base_url: str, *extra: str, config: str = "") -> int:
    (tmp_path / "briefing.toml").write_text(config, encoding="utf-8")
    return main(
        [
            *("generate", "examples", "--date", DATE, "--output", str(tmp_path / "out")),
            *("--base-url", base_url, "--model", "fake"),
            *("--config", str(tmp_path / "briefing.toml"), *extra),
        ]
    )


def quoting(request: dict[str, Any]) -> dict[str, Any]:
    """A model that quotes the first sentence it is shown in each language."""
    prompt = user_prompt(request)
    if "Sentences to repair" in prompt:
        return {"sentences": []}
    summary: dict[str, list[dict[str, Any]]] = {"ar": [], "en": []}
    for label, language, number, text in sources(prompt):
        lang = "ar" if language == "Arabic" else "en"
        if not summary[lang]:
            sentence = split_sentences(text)[0]
            cite = [{"article": label, "paragraph": number}]
            summary[lang].append({"text": sentence, "citations": cite})
    return {"title": {"ar": "موجز", "en": "Briefing"}, "summary": summary}


def test_a_server_trickling_bytes_cannot_outlast_the_timeout() -> None:
    """httpx's timeout is per read; a byte every 0.2 s never trips it. The
    request as a whole must still end at --timeout."""
    with FakeOpenAI() as server:
        server.push(Reply(content={"answer": 42}, trickle=0.2))
        settings = LLMSettings(server.base_url, None, "fake", timeout=1.0, max_retries=0)
        chat = ChatModel(settings, sleep=lambda _s: None)
        start = time.monotonic()
        with pytest.raises(LLMCallError, match=r"did not answer within 1s"):
            chat.ask(MESSAGES, SCHEMA, "sum", Usage())
        assert time.monotonic() - start < 4


def test_an_endpoint_answering_500_is_given_up_once_for_the_whole_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeOpenAI(lambda _request: Reply(status=500)) as server:
        code = generate(tmp_path, server.base_url, config="max_retries = 1\nconcurrency = 3\n")
        sent = len(server.requests)
    err = capsys.readouterr().err
    assert code == 3
    assert sent == 2  # one call and its one retry; the other five topics never ask
    assert err.count("answered HTTP 500") == 1
    assert "6 topics: the model failed" in err and "the run stopped asking the model" in err
    data = json.loads((tmp_path / "out" / DATE / "briefing.json").read_text(encoding="utf-8"))
    assert all(t["verification"]["failed"] for t in data["topics"])
    assert all(t["summary"]["en"]["method"] != "llm" for t in data["topics"])


def test_a_refused_connection_stops_the_run_asking_within_seconds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    start = time.monotonic()
    code = generate(tmp_path, refused_url(), config="max_retries = 1\n")
    elapsed = time.monotonic() - start
    err = capsys.readouterr().err
    assert code == 3 and elapsed < 15
    assert err.count("cannot reach") == 1
    assert (tmp_path / "out" / DATE / "briefing.md").is_file()


def test_a_quiet_partial_run_says_why_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --quiet (the README's cron script) a run whose endpoint was down
    printed nothing and exited 3; daily said 'partial' but not why."""
    url = refused_url()
    assert generate(tmp_path, url, "--quiet", config="max_retries = 0\n") == 3
    err = capsys.readouterr().err
    assert err.startswith(
        "briefing: partial: some topics could not be summarized by the model; "
        f"6 topics: the model failed (cannot reach {url}"
    )
    assert err.count("\n") == 1


def test_the_run_timeout_bounds_the_model_calls_of_a_whole_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeOpenAI(quoting) as server:
        server.delay = 0.7
        start = time.monotonic()
        code = generate(tmp_path, server.base_url, "--run-timeout", "1", config="concurrency = 1\n")
        elapsed = time.monotonic() - start
    err = capsys.readouterr().err
    assert code == 3
    assert err.count("time limit of 1s for model calls is up (raise --run-timeout") == 1
    assert elapsed < 20  # six topics at 0.7 s a call, each with its repair, would take longer


def test_a_deeply_nested_answer_is_refused_and_never_cached(tmp_path: Path) -> None:
    nested = '{"a":' * 19_000  # within the size limit, far past the depth limit
    with FakeOpenAI() as server:
        server.push(nested, nested)
        settings = LLMSettings(server.base_url, None, "fake", cache_path=tmp_path / "c.sqlite")
        cache = AnswerCache(tmp_path / "c.sqlite")
        chat = ChatModel(settings, cache=cache)
        answer = chat.ask(MESSAGES, SCHEMA, "sum", Usage())
        assert answer.data is None and "nested too deeply" in (answer.error or "")
        assert len(cache) == 0
        again = chat.ask(MESSAGES, SCHEMA, "sum", Usage())  # asked again, not replayed
        assert not again.cached and len(server.requests) == 2


def test_a_runaway_answer_is_cut_before_it_is_verified(tmp_path: Path) -> None:
    """Thousands of sentences, one repeated many times, make a briefing of
    normal size."""

    def runaway(request: dict[str, Any]) -> dict[str, Any]:
        answer = quoting(request)
        if answer.get("summary", {}).get("en"):
            first = answer["summary"]["en"][0]
            distinct = [
                {"text": f"Item {n} was reported.", "citations": first["citations"]}
                for n in range(300)
            ]
            answer["summary"]["en"] = [first] * 300 + distinct
        return answer

    with FakeOpenAI(runaway) as server:
        assert generate(tmp_path, server.base_url) in (0, 3)
    data = (tmp_path / "out" / DATE / "briefing.json").read_bytes()
    assert len(data) < 400_000
    for topic in json.loads(data)["topics"]:
        english = [s for s in topic["verification"]["sentences"] if s["lang"] == "en"]
        assert len(english) <= 8


def _damage(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset : offset + 100] = b"\xff" * 100
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["header", "pages"])
def test_a_damaged_answer_cache_is_moved_aside_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    cache = tmp_path / "cache" / "briefing" / "answers.sqlite"
    with FakeOpenAI(quoting) as server:
        if damage == "header":
            cache.parent.mkdir(parents=True)
            cache.write_bytes(b"this is not a database\n" * 500)
        else:
            assert generate(tmp_path, server.base_url) == 0
            _damage(cache)
        capsys.readouterr()
        assert generate(tmp_path, server.base_url, "--refresh") == 0
    err = capsys.readouterr().err
    assert err.count("is damaged") == 1 and "--cache" not in err
    assert (cache.parent / "answers.sqlite.damaged-1").is_file()
    assert len(AnswerCache(cache)) > 0  # the fresh cache holds this run's answers
