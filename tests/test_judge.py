"""The optional judge, end to end against the fake OpenAI-compatible server:
what it drops and keeps, what a failing judge leaves, where it is asked, what
it costs, and the verification cache that makes a rerun embed nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_openai import FakeOpenAI, Reply, user_prompt
from test_cli import DATE, files, generate, quoting, regenerate
from test_summarize import GLOSSARY, TITLE, answer, request, settings

import briefing.summary.support
import briefing.summary.verdicts
from briefing.config import load_config
from briefing.errors import ConfigError
from briefing.summary.judge import BATCH, Claim, judge_claims
from briefing.summary.summarize import TopicOutcome, summarize_topics

_SENTENCE = re.compile(r"^((?:ar|en)-(?:\d+|title)): (.*)$", re.MULTILINE)


def is_judge(request: dict[str, Any]) -> bool:
    return "Sentences to check" in user_prompt(request)


def judged_ids(request: dict[str, Any]) -> list[tuple[str, str]]:
    """(id, text) of each sentence a judge request puts to the judge."""
    return _SENTENCE.findall(user_prompt(request))


def judge_reply(reject: Callable[[str, str], bool] = lambda i, t: False) -> Any:
    """A judge that finds every sentence entailed except those `reject`s."""

    def respond(request: dict[str, Any]) -> dict[str, Any]:
        verdicts = {
            i: {"entailed": not reject(i, t), "reason": "rejected" if reject(i, t) else "ok"}
            for i, t in judged_ids(request)
        }
        return {"verdicts": verdicts}

    return respond


def summarizer_and(judge: Callable[[dict[str, Any]], Any], summarize: Any = None) -> Any:
    """A responder: the judge's answer to judge requests, the summary else."""
    summarize = summarize or quoting()

    def respond(request: dict[str, Any]) -> Any:
        return judge(request) if is_judge(request) else summarize(request)

    return respond


# No endpoint, config or cache from the machine running the tests.
pytestmark = pytest.mark.usefixtures("clean_environment")


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        yield fake


def run_topic(server: FakeOpenAI, tmp_path: Path | None = None, **kw: Any) -> TopicOutcome:
    judge = settings(server, tmp_path, model="judge", **kw)
    (outcome,) = summarize_topics(
        [request()], settings(server, tmp_path, judge=judge, **kw), GLOSSARY
    )
    return outcome


def test_the_judge_drops_what_it_rejects_and_keeps_what_it_accepts(server: FakeOpenAI) -> None:
    server.responder = summarizer_and(
        judge_reply(lambda i, t: i == "en-2"), summarize=lambda request: answer()
    )
    outcome = run_topic(server)
    en, ar = outcome.summaries["en"], outcome.summaries["ar"]
    assert [s.text for s in en.sentences] == [answer()["summary"]["en"][0]["text"]]
    assert all(s.judged for s in en.sentences + ar.sentences)
    assert len(ar.sentences) == 2
    (dropped,) = en.dropped
    assert dropped.text.startswith("The weather office said 85 millimetres")
    assert dropped.reasons == (
        "the judge found it not entailed by the paragraphs it cites: rejected",
    )
    judges = [r for r in server.requests if is_judge(r)]
    assert len(judges) == 2  # one per language section
    assert {r["model"] for r in judges} == {"judge"}
    # The judge sees the sentence and the paragraph it cites, fenced as data.
    prompt = user_prompt(judges[1])
    assert "en-2: The weather office said 85 millimetres" in prompt
    assert "[2] The national weather office said 85 millimetres" in prompt
    # The section's title is one more item of the same call, judged against
    # the articles' titles and leads (see test_the_judge_sees_...).
    assert "en-title: Floods close schools in Alexandria" in prompt
    assert [i for i, _ in judged_ids(judges[1])] == ["en-1", "en-2", "en-title"]
    assert outcome.report["judge"] == {
        "calls": 2,
        "judged": 4,
        "rejected": 1,
        "titles_judged": 2,
        "titles_rejected": 0,
        "failures": [],
        "unjudged": [],
        "model": "judge",
        "version": "judge-2",
    }
    assert outcome.usage["judge_calls"] == 2 and outcome.usage["judge_prompt_tokens"] > 0
    assert outcome.usage["calls"] == 1  # the summarizing calls are counted apart
    assert outcome.judge_failed is None


def test_the_judge_only_sees_sentences_the_checks_kept(server: FakeOpenAI) -> None:
    unsupported = {
        "text": "The governor resigned on Tuesday after 40 schools flooded.",
        "citations": [{"article": "A1", "paragraph": 1}],
    }
    en = [*answer()["summary"]["en"], unsupported]
    server.responder = summarizer_and(
        judge_reply(),
        summarize=lambda r: (
            {"sentences": []} if "Sentences to repair" in user_prompt(r) else answer(en=en)
        ),
    )
    outcome = run_topic(server)
    judged = [
        t for r in server.requests if is_judge(r) for i, t in judged_ids(r) if "title" not in i
    ]
    assert unsupported["text"] not in judged and len(judged) == 4
    assert len(outcome.summaries["en"].dropped) == 1


def test_a_batch_holds_at_most_16_sentences() -> None:
    calls: list[int] = []

    def ask(messages: list[dict[str, str]], schema: dict[str, Any]) -> dict[str, Any]:
        ids = schema["properties"]["verdicts"]["required"]
        calls.append(len(ids))
        return {"verdicts": {i: {"entailed": True, "reason": ""} for i in ids}}

    from test_summarize import FLOOD_EN

    from briefing.models import Citation

    claims = [
        Claim(f"en-{n}", "en", f"Sentence {n}.", (Citation("flood-en", 1),)) for n in range(40)
    ]
    judgement = judge_claims(claims, [FLOOD_EN], {"A1": "flood-en"}, ask)
    assert calls == [BATCH, BATCH, 40 - 2 * BATCH] and len(judgement.verdicts) == 40


@pytest.mark.parametrize(
    "failure",
    [
        Reply(status=500),
        Reply(content="I think they are all fine."),
        Reply(content={"verdicts": {}}),  # no verdict for the ids asked about
        Reply(hang=True),
    ],
    ids=["http-500", "not-json", "missing-ids", "timeout"],
)
def test_a_failing_judge_leaves_the_deterministic_result_with_a_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], failure: Reply
) -> None:
    config = tmp_path / "briefing.toml"
    config.write_text("max_retries = 0\ntimeout = 2.0\n", encoding="utf-8")
    with FakeOpenAI(quoting()) as plain:
        assert generate(tmp_path / "plain", "--base-url", plain.base_url, "--model", "fake") == 0
    capsys.readouterr()
    with FakeOpenAI(summarizer_and(lambda request: failure)) as server:
        code = generate(
            tmp_path / "out",
            "--base-url",
            server.base_url,
            "--model",
            "fake",
            "--judge",
            "--config",
            str(config),
        )
    err = capsys.readouterr().err
    assert code == 3
    assert err.count("the briefing is partial: the judge could not check") == 1
    data = json.loads((tmp_path / "out" / DATE / "briefing.json").read_text(encoding="utf-8"))
    plain_data = json.loads((tmp_path / "plain" / DATE / "briefing.json").read_text("utf-8"))
    judge = data["generator"]["judge"]
    assert judge["status"] == "failed" and judge["notice"].startswith("the judge could not check")
    for topic, before in zip(data["topics"], plain_data["topics"], strict=True):
        for lang in ("ar", "en"):
            summary = topic["summary"][lang]
            assert summary["sentences"] == before["summary"][lang]["sentences"]
            assert not any(s["judged"] for s in summary["sentences"])
    # The documents tell the reader, once, near the top, in both languages.
    sections = sum(len(t["verification"]["judge"]["unjudged"]) for t in data["topics"])
    topics = sum(1 for t in data["topics"] if t["verification"]["judge"]["unjudged"])
    assert sections > topics > 0
    assert (judge["unjudged_sections"], judge["unjudged_topics"]) == (sections, topics)
    total = len(data["topics"])
    en = (
        f"The judge could not check {sections} language sections ({topics} of {total} "
        "topics): their sentences and titles passed the deterministic checks only."
    )
    ar = (
        f"أقسام لغوية تعذّر على نموذج التحكيم فحصها: {sections} (المواضيع: {topics} من "
        f"{total})، فجملها وعناوينها اجتازت الفحوص الآلية وحدها."
    )
    assert_told_once(tmp_path / "out" / DATE, en, ar)


def assert_told_once(folder: Path, *notices: str) -> None:
    """Each of `notices` is in briefing.md and briefing.html exactly once,
    before the first topic (MD: a quoted line; HTML: in the masthead)."""
    md = (folder / "briefing.md").read_text(encoding="utf-8")
    page = (folder / "briefing.html").read_text(encoding="utf-8")
    for notice in notices:
        assert md.count(f"> {notice}\n") == 1
        assert md.index(notice) < md.index("\n---\n")
        assert page.count(notice) == 1
        assert page.index(notice) < page.index("</header>")


def test_a_judge_that_fails_on_one_language_is_counted_per_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def arabic_fails(request: dict[str, Any]) -> Any:
        if "Sentences to check (Arabic)" in user_prompt(request):
            return Reply(content="I cannot tell.")  # unusable: the call fails
        return judge_reply()(request)

    config = tmp_path / "briefing.toml"
    config.write_text("max_retries = 0\n", encoding="utf-8")
    with FakeOpenAI(summarizer_and(arabic_fails)) as server:
        args = ("--base-url", server.base_url, "--model", "fake", "--judge")
        assert generate(tmp_path / "out", *args, "--config", str(config)) == 3
    data = json.loads((tmp_path / "out" / DATE / "briefing.json").read_text(encoding="utf-8"))
    unjudged = [t["verification"]["judge"]["unjudged"] for t in data["topics"]]
    n = sum(1 for u in unjudged if u)
    assert n > 1 and all(u in ([], ["ar"]) for u in unjudged)
    total = len(data["topics"])
    assert_told_once(
        tmp_path / "out" / DATE,
        f"The judge could not check {n} language sections ({n} of {total} topics): "
        "their sentences and titles passed the deterministic checks only.",
        f"أقسام لغوية تعذّر على نموذج التحكيم فحصها: {n} (المواضيع: {n} من {total})، "
        "فجملها وعناوينها اجتازت الفحوص الآلية وحدها.",
    )
    for topic in data["topics"]:
        titles = topic["verification"]["titles"]
        assert not titles["ar"]["judged"] and "judge" not in titles["ar"]


def test_regenerating_one_topic_keeps_the_judge_failures_of_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Every Arabic judge call fails; then one topic is regenerated with a
    # judge that answers. The record and the notice still cover the others.
    def arabic_fails(request: dict[str, Any]) -> Any:
        if "Sentences to check (Arabic)" in user_prompt(request):
            return Reply(content="I cannot tell.")
        return judge_reply()(request)

    config = tmp_path / "briefing.toml"
    config.write_text("max_retries = 0\n", encoding="utf-8")
    out = tmp_path / "out"
    with FakeOpenAI(summarizer_and(arabic_fails)) as server:
        args = ("--base-url", server.base_url, "--model", "fake", "--judge")
        assert generate(out, *args, "--config", str(config)) == 3
    data = json.loads((out / DATE / "briefing.json").read_text(encoding="utf-8"))
    failed = [t["id"] for t in data["topics"] if t["verification"]["judge"]["unjudged"]]
    assert len(failed) > 1
    with FakeOpenAI(summarizer_and(judge_reply())) as server:
        args = ("--base-url", server.base_url, "--model", "fake", "--judge")
        assert regenerate(out, failed[0], *args, "--refresh") == 0
    data = json.loads((out / DATE / "briefing.json").read_text(encoding="utf-8"))
    judge = data["generator"]["judge"]
    n, total = len(failed) - 1, len(data["topics"])
    assert judge["status"] == "failed" and judge["unjudged_topics"] == n
    assert_told_once(
        out / DATE,
        f"The judge could not check {n} language sections ({n} of {total} topics): "
        "their sentences and titles passed the deterministic checks only.",
    )


def test_a_title_the_judge_rejects_is_replaced_by_the_extractive_one(server: FakeOpenAI) -> None:
    server.responder = summarizer_and(
        judge_reply(lambda i, t: i == "en-title"), summarize=lambda request: answer()
    )
    outcome = run_topic(server)
    # Rejected: the extractive title, with the judge's reason; accepted: kept.
    assert outcome.titles == {"en": "Extractive title", "ar": TITLE["ar"]}
    titles = outcome.report["titles"]
    assert titles["en"] == {
        "text": TITLE["en"],
        "used": False,
        "reasons": ["the judge found it not entailed by the articles' titles and leads: rejected"],
        "judged": True,
        "judge": {"entailed": False, "reason": "rejected"},
    }
    assert titles["ar"]["used"] and titles["ar"]["judged"] and titles["ar"]["reasons"] == []
    assert outcome.report["title_agreement"] is None  # one title is no longer the model's
    # In the sections' own calls: no extra call, and the sentences are all kept.
    assert sum(map(is_judge, server.requests)) == 2
    assert len(outcome.summaries["en"].sentences) == 2
    judge = outcome.report["judge"]
    assert (judge["rejected"], judge["titles_judged"], judge["titles_rejected"]) == (0, 2, 1)


def test_a_failing_judge_keeps_the_deterministic_titles(server: FakeOpenAI) -> None:
    server.responder = summarizer_and(
        lambda request: Reply(content="no idea"), summarize=lambda request: answer()
    )
    outcome = run_topic(server, max_retries=0)
    assert outcome.titles == TITLE
    for lang in ("ar", "en"):
        entry = outcome.report["titles"][lang]
        assert entry["used"] and not entry["judged"] and "judge" not in entry
    assert outcome.report["judge"]["unjudged"] == ["ar", "en"]
    assert outcome.judge_failed


def test_a_title_is_judged_against_the_leads_a_sentence_against_what_it_cites() -> None:
    from test_summarize import FLOOD_AR, FLOOD_EN

    from briefing.models import Citation
    from briefing.summary.judge import judge_messages, title_claim

    names = {"flood-en": "A1", "flood-ar": "A2"}
    sentence = Claim("en-1", "en", "Schools closed.", (Citation("flood-en", 1),))
    (alone,) = judge_messages([sentence], {a.id: a for a in (FLOOD_EN, FLOOD_AR)}, names)
    assert "[1] Heavy rain" in alone["content"] and "[2]" not in alone["content"]
    assert "title" not in alone["content"].split("Source paragraphs")[0].lower()
    title = title_claim("en", "Floods close schools", [FLOOD_EN, FLOOD_AR], 2)
    assert [c.paragraph for c in title.citations] == [1, 2, 1, 2]
    (both,) = judge_messages([sentence, title], {a.id: a for a in (FLOOD_EN, FLOOD_AR)}, names)
    content = both["content"]
    assert "en-title: Floods close schools" in content and "[2] The national" in content
    assert "[3]" not in content and "Title: أمطار غزيرة تغرق الإسكندرية" in content


def test_the_judge_on_another_endpoint_and_model_is_asked_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeOpenAI(quoting()) as summarizer, FakeOpenAI(judge_reply()) as judge:
        code = generate(
            tmp_path / "out",
            "--base-url",
            summarizer.base_url,
            "--model",
            "fake",
            "--judge",
            "--judge-base-url",
            judge.base_url,
            "--judge-model",
            "strict-judge",
        )
        assert code == 0
        assert summarizer.requests and not any(is_judge(r) for r in summarizer.requests)
        assert judge.requests and all(is_judge(r) for r in judge.requests)
        assert {r["model"] for r in judge.requests} == {"strict-judge"}
    data = json.loads((tmp_path / "out" / DATE / "briefing.json").read_text(encoding="utf-8"))
    assert data["generator"]["judge"] == {"model": "strict-judge", "status": "ok", "notice": None}
    sentences = [
        s
        for t in data["topics"]
        for lang in ("ar", "en")
        if t["summary"][lang]["method"] == "llm"
        for s in t["summary"][lang]["sentences"]
    ]
    assert sentences and all(s["judged"] for s in sentences)
    for name in ("briefing.md", "briefing.html"):
        document = (tmp_path / "out" / DATE / name).read_text(encoding="utf-8")
        assert "could not check" not in document and "نموذج التحكيم" not in document
    usage = data["generator"]["usage"]
    assert usage["judge_calls"] == len(judge.requests)
    err = capsys.readouterr().err
    assert (
        f"judge: {usage['judge_calls']} calls ({len(judge.requests)} requests, 0 from the "
        f"cache), {usage['judge_prompt_tokens']:,} prompt + "
        f"{usage['judge_completion_tokens']:,} completion tokens"
    ) in err


def test_a_cached_rerun_asks_the_judge_nothing_and_writes_the_same_bytes(
    tmp_path: Path, server: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    server.responder = summarizer_and(judge_reply(lambda i, t: i == "ar-1"))
    out = tmp_path / "out"
    # The model writes one sentence a language: with it dropped, most of that
    # section failed, which makes the briefing partial as any dropped sentence does.
    assert generate(out, "--base-url", server.base_url, "--model", "fake", "--judge") == 3
    first = files(out / DATE)
    sent = len(server.requests)
    assert sum(map(is_judge, server.requests)) >= 1
    data = json.loads(first["briefing.json"])
    dropped = [d for t in data["topics"] for d in t["summary"]["ar"]["dropped"]]
    assert dropped and all("the judge found it not entailed" in d["reasons"][0] for d in dropped)
    assert "by the judge" in capsys.readouterr().err
    assert generate(out, "--base-url", server.base_url, "--model", "fake", "--judge") == 3
    assert len(server.requests) == sent
    assert files(out / DATE) == first
    # The account says that nothing was sent, for the judge as for the summaries.
    calls = json.loads(first["briefing.json"])["generator"]["usage"]["judge_calls"]
    assert (
        f"; judge: {calls} call{'s' if calls > 1 else ''} (0 requests, {calls} from the cache)"
        in (capsys.readouterr().err)
    )


def test_without_judge_nothing_is_judged(tmp_path: Path, server: FakeOpenAI) -> None:
    server.responder = quoting()
    assert generate(tmp_path / "out", "--base-url", server.base_url, "--model", "fake") == 0
    assert not any(is_judge(r) for r in server.requests)
    data = json.loads((tmp_path / "out" / DATE / "briefing.json").read_text(encoding="utf-8"))
    assert "judge" not in data["generator"] and "judge_calls" not in data["generator"]["usage"]


def test_judge_settings_merge_file_environment_and_flags(tmp_path: Path) -> None:
    config = tmp_path / "briefing.toml"
    config.write_text(
        'judge = true\njudge_model = "file-judge"\njudge_base_url = "http://file/v1"\n',
        encoding="utf-8",
    )
    merged = load_config({}, config_file=config, environ={})
    assert (merged.judge, merged.judge_model, merged.judge_base_url) == (
        True,
        "file-judge",
        "http://file/v1",
    )
    environ = {"BRIEFING_JUDGE_MODEL": "env-judge", "BRIEFING_JUDGE_API_KEY": "sk-judge"}
    merged = load_config({"judge_base_url": "http://flag/v1"}, config_file=config, environ=environ)
    assert merged.judge_model == "env-judge" and merged.judge_api_key == "sk-judge"
    assert merged.judge_base_url == "http://flag/v1"
    assert load_config({}, environ={"BRIEFING_JUDGE": "1"}, cwd=tmp_path / "none").judge is True
    assert load_config({}, environ={}, cwd=tmp_path / "none").judge is False
    config.write_text('judge = "yes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'judge'"):
        load_config({}, config_file=config, environ={})
    config.write_text('judge_modle = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'judge_modle'"):
        load_config({}, config_file=config, environ={})


def test_a_cached_rerun_does_no_embedding(
    server: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.responder = lambda body: answer()
    embedded: list[int] = []
    real = briefing.summary.support.embed

    def counting(texts: Any) -> Any:
        embedded.append(len(texts))
        return real(texts)

    monkeypatch.setattr(briefing.summary.support, "embed", counting)
    first = summarize_topics([request()], settings(server, tmp_path), GLOSSARY)
    assert embedded
    embedded.clear()
    second = summarize_topics([request()], settings(server, tmp_path), GLOSSARY)
    assert embedded == []
    assert second[0].summaries == first[0].summaries and second[0].report == first[0].report
    # Another verifier (its code or revision) checks again.
    monkeypatch.setattr(briefing.summary.verdicts, "verifier_digest", lambda: "another")
    third = summarize_topics([request()], settings(server, tmp_path), GLOSSARY)
    assert embedded and third[0].report == first[0].report


def test_regenerate_with_judge_asks_only_the_judge_anew(
    tmp_path: Path, server: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    server.responder = summarizer_and(judge_reply())
    out = tmp_path / "out"
    assert generate(out, "--base-url", server.base_url, "--model", "fake") == 0
    topic = json.loads((out / DATE / "briefing.json").read_text(encoding="utf-8"))["topics"][0]
    sent = len(server.requests)
    assert (
        regenerate(
            out,
            topic["id"],
            "--base-url",
            server.base_url,
            "--model",
            "fake",
            "--use-cache",
            "--judge",
            "--judge-model",
            "judge",
        )
        == 0
    )
    new = server.requests[sent:]
    assert new and all(is_judge(r) and r["model"] == "judge" for r in new)
    data = json.loads((out / DATE / "briefing.json").read_text(encoding="utf-8"))
    assert data["generator"]["judge"]["status"] == "ok"
    redone = next(t for t in data["topics"] if t["id"] == topic["id"])
    assert all(s["judged"] for s in redone["summary"]["en"]["sentences"])


@pytest.mark.parametrize("command", [["generate", "x"], ["regenerate", "--topic", "t"], ["daily"]])
def test_every_command_that_summarizes_takes_the_judge_flags(command: list[str]) -> None:
    from briefing.cli import _flags, parser

    args = parser().parse_args(
        [*command, "--judge", "--judge-model", "m", "--judge-base-url", "http://j/v1"]
    )
    config = load_config(_flags(args), environ={}, cwd=Path("/nonexistent"))
    assert (config.judge, config.judge_model, config.judge_base_url) == (True, "m", "http://j/v1")
    plain = load_config(_flags(parser().parse_args(command)), environ={}, cwd=Path("/nonexistent"))
    assert plain.judge is False and plain.judge_model is None


def test_a_dry_run_with_the_judge_says_it_adds_calls(
    tmp_path: Path, server: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ("--base-url", server.base_url, "--dry-run", "--judge")
    assert generate(tmp_path / "out", *argv) == 0
    assert "the judge adds about one call per topic and language" in capsys.readouterr().out
    assert server.requests == [] and not (tmp_path / "out").exists()
