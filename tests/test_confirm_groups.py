"""The model's word on borderline grouping decisions, end to end against
the fake OpenAI-compatible server: a "no" splits a borderline merge, a "yes"
makes a refused one, a failing model leaves the offline grouping with a
notice, a cached rerun asks nothing, and an offline run never asks.

The input is four of the examples and three invented articles
(tests/fixtures/borderline) about the same port: offline, an Arabic report
of a crane order joins its English report and a shipping lines story only
narrowly (a borderline merge), and the crane group stays apart from the
dockworkers' strike just below the threshold (a borderline refusal)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_openai import FakeOpenAI, Reply, user_prompt
from test_cli import DATE, files, generate, interrupt_while_the_model_hangs, quoting

from briefing.grouping.group import group_borderline
from briefing.ingest import load_articles

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ("port-strike-en-1.md", "port-strike-ar-1.json", "central-bank-rate-en-1.json",
            "desalination-plant-ar-1.json")  # fmt: skip
STRIKE = ("port-strike-ar-1", "port-strike-en-1")
CRANES = ("carriers-en", "cranes-order-ar", "cranes-order-en")

pytestmark = pytest.mark.usefixtures("clean_environment")


@pytest.fixture
def inputs(tmp_path: Path) -> str:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in EXAMPLES:
        shutil.copy(ROOT / "examples" / name, folder / name)
    for path in (ROOT / "tests" / "fixtures" / "borderline").glob("*.json"):
        shutil.copy(path, folder / path.name)
    return str(folder)


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        yield fake


def is_grouping(request: dict[str, Any]) -> bool:
    return "report the same event" in user_prompt(request)


def answering(same: Any) -> Any:
    """The summaries quoted, grouping questions answered by `same(prompt)`
    (a Reply or a bool)."""
    summarize = quoting()

    def respond(request: dict[str, Any]) -> Any:
        if not is_grouping(request):
            return summarize(request)
        answer = same(user_prompt(request))
        return answer if isinstance(answer, Reply) else {"same_event": answer}

    return respond


def topics(out: Path) -> list[list[str]]:
    data = json.loads((out / DATE / "briefing.json").read_text("utf-8"))
    return sorted(sorted(t["articles"]) for t in data["topics"])


def grouping(out: Path) -> dict[str, Any]:
    data = json.loads((out / DATE / "briefing.json").read_text("utf-8"))
    return dict(data["generator"]["grouping"])


def run(out: Path, inputs: str, server: FakeOpenAI, *extra: str) -> int:
    flags = ("--base-url", server.base_url, "--model", "fake", "--confirm-groups")
    return generate(out, *flags, *extra, inputs=(inputs,))


OFFLINE = [[*STRIKE], *[[a] for a in ("central-bank-rate-en-1", "desalination-plant-ar-1")],
           [*CRANES]]  # fmt: skip


def test_the_fixture_has_one_borderline_merge_and_one_borderline_refusal(inputs: str) -> None:
    found = group_borderline(load_articles([Path(inputs)]).articles)
    assert [(b.merged, b.first, b.second) for b in found.borderline] == [
        (False, STRIKE, CRANES),
        (True, ("carriers-en", "cranes-order-en"), ("cranes-order-ar",)),
    ]
    assert sorted(map(list, found.groups)) == sorted(OFFLINE)


def test_a_no_splits_a_borderline_merge_into_two_topics(
    tmp_path: Path, inputs: str, server: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    server.responder = answering(lambda prompt: False)
    assert run(tmp_path / "out", inputs, server) == 0
    assert topics(tmp_path / "out") == sorted(
        [[*STRIKE], ["central-bank-rate-en-1"], ["desalination-plant-ar-1"],
         ["carriers-en", "cranes-order-en"], ["cranes-order-ar"]]
    )  # fmt: skip
    record = grouping(tmp_path / "out")
    assert [d["result"] for d in record["decisions"]] == ["kept", "split"]
    assert [d["answer"] for d in record["decisions"]] == ["different", "different"]
    assert record["status"] == "ok" and record["borderline"] == 2
    assert sum(is_grouping(r) for r in server.requests) == 2
    assert "grouping: 2 calls (0 from the cache)" in capsys.readouterr().err


def test_a_yes_joins_a_refused_pair(tmp_path: Path, inputs: str, server: FakeOpenAI) -> None:
    server.responder = answering(lambda prompt: True)
    assert run(tmp_path / "out", inputs, server) == 0
    assert topics(tmp_path / "out") == sorted(
        [sorted([*STRIKE, *CRANES]), ["central-bank-rate-en-1"], ["desalination-plant-ar-1"]]
    )
    record = grouping(tmp_path / "out")
    assert [d["result"] for d in record["decisions"]] == ["joined", "kept"]
    joined = record["decisions"][0]
    assert joined["articles"] == [list(STRIKE), list(CRANES)] and joined["offline"] == "apart"


def test_the_question_shows_two_leads_and_no_more(
    inputs: str, server: FakeOpenAI, tmp_path: Path
) -> None:
    server.responder = answering(lambda prompt: True)
    run(tmp_path / "out", inputs, server)
    asked = [r for r in server.requests if is_grouping(r)]
    prompt = user_prompt(asked[0])
    assert "Marsa Zarqa" in prompt and "مرسى زرقاء" in prompt
    assert prompt.count("Title: ") == 2
    assert len(prompt) < 3000
    assert asked[0]["response_format"]["json_schema"]["schema"]["required"] == ["same_event"]


@pytest.mark.parametrize(
    "failure",
    [Reply(status=400, message="bad request"), Reply(content="I think they are the same."),
     Reply(content={"same_event": "yes"})],
    ids=["http-error", "not-json", "wrong-type"],
)  # fmt: skip
def test_a_failing_model_keeps_the_offline_grouping_with_a_notice(
    tmp_path: Path,
    inputs: str,
    server: FakeOpenAI,
    capsys: pytest.CaptureFixture[str],
    failure: Reply,
) -> None:
    server.responder = answering(lambda prompt: failure)
    assert run(tmp_path / "out", inputs, server) == 3  # partial
    assert topics(tmp_path / "out") == sorted(OFFLINE)
    record = grouping(tmp_path / "out")
    assert record["status"] == "failed"
    assert [d["answer"] for d in record["decisions"]] == [None, None]
    err = capsys.readouterr().err
    assert "could not check 2 borderline grouping decisions" in err
    assert "the offline grouping stands for them" in err


def test_a_server_error_and_a_timeout_keep_the_offline_grouping(
    tmp_path: Path, inputs: str, server: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    # The first question times out, every later one gets a 500: the run
    # stops asking, and the offline grouping stands.
    replies = iter([Reply(hang=True)] * 4)
    server.responder = answering(lambda prompt: next(replies, Reply(status=500)))
    config = tmp_path / "briefing.toml"
    config.write_text("max_retries = 0\ntimeout = 1\n", "utf-8")
    assert run(tmp_path / "out", inputs, server, "--config", str(config)) == 3
    assert topics(tmp_path / "out") == sorted(OFFLINE)
    assert grouping(tmp_path / "out")["status"] == "failed"
    assert "the offline grouping stands" in capsys.readouterr().err


def test_a_cached_rerun_asks_nothing_and_writes_the_same_bytes(
    tmp_path: Path, inputs: str, server: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    server.responder = answering(lambda prompt: False)
    assert run(tmp_path / "one", inputs, server) == 0
    sent = len(server.requests)
    capsys.readouterr()
    assert run(tmp_path / "two", inputs, server) == 0
    assert len(server.requests) == sent
    assert "grouping: 2 calls (2 from the cache)" in capsys.readouterr().err
    assert files(tmp_path / "one" / DATE) == files(tmp_path / "two" / DATE)


def test_offline_or_switched_off_nothing_is_asked(
    tmp_path: Path, inputs: str, server: FakeOpenAI
) -> None:
    assert generate(tmp_path / "offline", "--llm", "none", inputs=(inputs,)) == 0
    assert topics(tmp_path / "offline") == sorted(OFFLINE)
    data = json.loads((tmp_path / "offline" / DATE / "briefing.json").read_text("utf-8"))
    assert "grouping" not in data["generator"]
    server.responder = answering(lambda prompt: False)
    assert run(tmp_path / "off", inputs, server, "--no-confirm-groups") == 0
    assert not any(is_grouping(r) for r in server.requests)
    assert topics(tmp_path / "off") == sorted(OFFLINE)
    # Not asked for: a run with a model asks nothing about grouping.
    flags = ("--base-url", server.base_url, "--model", "fake")
    assert generate(tmp_path / "default", *flags, inputs=(inputs,)) == 0
    assert not any(is_grouping(r) for r in server.requests)
    assert topics(tmp_path / "default") == sorted(OFFLINE)


def test_ctrl_c_while_the_model_weighs_a_grouping_ends_the_run_at_once(
    tmp_path: Path, inputs: str
) -> None:
    argv = ["generate", inputs, "--date", DATE, "--output", str(tmp_path / "out")]
    status, err, _ = interrupt_while_the_model_hangs(
        [*argv, "--model", "fake", "--confirm-groups"],
        asked=lambda requests: is_grouping(requests[0]),
    )
    assert status == 130
    assert "interrupted" in err and "Traceback" not in err
