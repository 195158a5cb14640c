"""The command line end to end, as a user runs it: `briefing generate`,
`regenerate`, `topics`, on the examples, offline and against the fake
OpenAI-compatible server (real HTTP on loopback, the real openai client)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, ROOT, as_from_a_terminal
from fake_openai import FakeOpenAI, Reply, sources, user_prompt

from briefing.cli import main
from briefing.text import split_sentences

DATE = "2026-11-22"


# No endpoint, config or cache from the machine running the tests.
pytestmark = pytest.mark.usefixtures("clean_environment")


def quoting(paragraph_index: int = 0, title: str = "Briefing") -> Any:
    """A model that quotes the first sentence of the n-th paragraph it is
    shown in each language, citing it (so every sentence verifies)."""

    def respond(request: dict[str, Any]) -> dict[str, Any]:
        prompt = user_prompt(request)
        if "Sentences to repair" in prompt:
            return {"sentences": []}
        summary: dict[str, list[dict[str, Any]]] = {"ar": [], "en": []}
        seen: dict[str, int] = {"ar": 0, "en": 0}
        for label, language, number, text in sources(prompt):
            lang = "ar" if language == "Arabic" else "en"
            if seen[lang] == paragraph_index and not summary[lang]:
                sentence = split_sentences(text)[0]
                summary[lang].append(
                    {"text": sentence, "citations": [{"article": label, "paragraph": number}]}
                )
            seen[lang] += 1
        return {"title": {"ar": "موجز", "en": title}, "summary": summary}

    return respond


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(quoting()) as fake:
        yield fake


def generate(output: Path, *extra: str, inputs: Sequence[str] = ("examples",)) -> int:
    return main(["generate", *inputs, "--date", DATE, "--output", str(output), *extra])


def regenerate(output: Path, topic: str, *extra: str) -> int:
    return main(["regenerate", "--date", DATE, "--topic", topic, "--output", str(output), *extra])


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_offline_generate_writes_the_three_files_and_says_why_it_is_offline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert generate(tmp_path / "out") == 0
    err = capsys.readouterr().err
    assert "No LLM endpoint is configured" in err
    assert "read 12 inputs: 12 articles; grouped into 6 topics" in err
    folder = tmp_path / "out" / DATE
    assert {"briefing.md", "briefing.html", "briefing.json"} <= {p.name for p in folder.iterdir()}
    data = json.loads((folder / "briefing.json").read_text(encoding="utf-8"))
    assert len(list((folder / "topics").glob("*.md"))) == len(data["topics"]) == 6
    assert (tmp_path / "out" / "index.html").is_file()


def test_the_llm_path_writes_verified_summaries_and_a_second_run_sends_nothing(
    tmp_path: Path, server: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert generate(out, "--base-url", server.base_url, "--model", "fake") == 0
    err = capsys.readouterr().err
    first = files(out / DATE)
    sent = len(server.requests)
    data = json.loads(first["briefing.json"])
    assert sent >= len(data["topics"])  # at least one call per topic
    assert data["generator"]["llm"] == "openai" and data["generator"]["model"] == "fake"
    methods = {t["summary"][lang]["method"] for t in data["topics"] for lang in ("ar", "en")}
    assert "llm" in methods
    for topic in data["topics"]:
        assert topic["verification"]["failed"] is None
        assert topic["usage"]["calls"] >= 1
    assert data["generator"]["usage"]["calls"] == sum(t["usage"]["calls"] for t in data["topics"])
    assert (
        f"LLM: {data['generator']['usage']['calls']} calls ({sent} requests, 0 from the cache)"
        in err
    )

    # The same briefing again: every answer comes from the cache, and the
    # files are byte-identical.
    assert generate(out, "--base-url", server.base_url, "--model", "fake") == 0
    assert len(server.requests) == sent
    assert "0 requests" in capsys.readouterr().err
    assert files(out / DATE) == first

    # --refresh asks the model again.
    assert generate(out, "--base-url", server.base_url, "--model", "fake", "--refresh") == 0
    assert len(server.requests) == 2 * sent


def test_a_failing_model_gives_a_partial_briefing_with_extractive_fallbacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "briefing.toml"
    config.write_text("max_retries = 1\nconcurrency = 3\n", encoding="utf-8")
    with FakeOpenAI(lambda request: Reply(status=500)) as server:
        code = generate(
            tmp_path / "out",
            "--base-url",
            server.base_url,
            "--model",
            "fake",
            "--config",
            str(config),
        )
    err = capsys.readouterr().err
    assert code == 3
    assert "the briefing is partial" in err
    data = json.loads((tmp_path / "out" / DATE / "briefing.json").read_text(encoding="utf-8"))
    assert data["topics"]
    for topic in data["topics"]:
        assert topic["verification"]["failed"]
        en = topic["summary"]["en"]
        assert en["notice"].startswith("The language model could not summarize this topic")
    markdown = (tmp_path / "out" / DATE / "briefing.md").read_text(encoding="utf-8")
    assert "The language model could not summarize this topic" in markdown


def test_a_model_answer_with_lone_surrogates_is_written_as_valid_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quote = quoting()

    def respond(request: dict[str, Any]) -> str:
        answer = quote(request)
        answer["title"]["ar"] += "\ud800"  # the HTTP body's JSON spells it
        # ...and so does the answer's own JSON, as six characters.
        return json.dumps(answer).replace('"Briefing"', '"Brief\\udfffing"')

    with FakeOpenAI(respond) as server:
        code = generate(tmp_path / "out", "--base-url", server.base_url, "--model", "fake")
    assert code in (0, 3), capsys.readouterr().err
    folder = tmp_path / "out" / DATE
    for path in folder.rglob("*.*"):
        path.read_bytes().decode("utf-8")  # every file is valid UTF-8
    data = json.loads((folder / "briefing.json").read_text(encoding="utf-8"))
    titles = data["topics"][0]["verification"]["titles"]  # the model's titles, as read
    assert titles["ar"]["text"].endswith("\ufffd") and titles["en"]["text"] == "Brief\ufffding"


def test_dry_run_plans_the_calls_without_calling_or_writing(
    tmp_path: Path, server: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    code = generate(tmp_path / "out", "--base-url", server.base_url, "--dry-run")
    out = capsys.readouterr().out
    assert code == 0
    assert server.requests == []
    assert not (tmp_path / "out" / DATE).exists()
    assert re.search(r"^(\d+) topics, \1 calls, about [\d,]+ prompt tokens", out, re.MULTILINE)
    assert "prompt tokens" in out


def test_an_unknown_config_key_is_an_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "briefing.toml"
    config.write_text('modle = "gpt-4o"\n', encoding="utf-8")
    assert generate(tmp_path / "out", "--config", str(config)) == 1
    assert "unknown key 'modle'" in capsys.readouterr().err


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.test", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_regenerate_changes_only_that_topics_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    with FakeOpenAI(quoting(0)) as server:
        assert generate(out, "--base-url", server.base_url, "--model", "fake") == 0
        git(out, "init", "-q")
        git(out, "add", "-A")
        git(out, "commit", "-qm", "morning")
        before = files(out / DATE)
        data = json.loads(before["briefing.json"])
        target = next(t for t in data["topics"] if len(t["articles"]) >= 3)
        others = [t["id"] for t in data["topics"] if t["id"] != target["id"]]

        # The story moved: the model now leads with another paragraph.
        server.responder = quoting(1, title="Update")
        capsys.readouterr()
        code = regenerate(out, target["id"], "--base-url", server.base_url, "--model", "fake")
        assert code == 0
        assert len(server.requests) >= 1

    after = files(out / DATE)
    for tid in others:
        assert after[f"topics/{tid}.md"] == before[f"topics/{tid}.md"]
    assert after[f"topics/{target['id']}.md"] != before[f"topics/{target['id']}.md"]

    # In git, only the regenerated topic's lines of briefing.md changed.
    diff = git(out, "diff", "-U0", "--", f"{DATE}/briefing.md")
    changed = [
        line[1:]
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed
    topic_md = (
        before[f"topics/{target['id']}.md"].decode() + after[f"topics/{target['id']}.md"].decode()
    )
    for line in changed:
        assert line in topic_md, f"a line outside the topic changed: {line!r}"
    new = json.loads(after["briefing.json"])
    assert [t["id"] for t in new["topics"]] == [t["id"] for t in data["topics"]]
    old_topic = target
    new_topic = next(t for t in new["topics"] if t["id"] == target["id"])
    assert new_topic["summary"]["en"]["method"] == "llm"
    assert new_topic["summary"]["en"]["sentences"] != old_topic["summary"]["en"]["sentences"]
    # A headline the sources do not support is not used: the old one stays.
    assert new_topic["verification"]["titles"]["en"]["used"] is False
    assert new_topic["title"]["en"] == old_topic["title"]["en"]


def test_regenerate_without_the_endpoint_keeps_what_the_model_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The endpoint was a flag of `generate`; `regenerate` copied from the
    README without it must not quietly swap the model's summary for quotes."""
    out = tmp_path / "out"
    with FakeOpenAI(quoting(0)) as server:
        assert generate(out, "--base-url", server.base_url, "--model", "fake") == 0
    before = files(out / DATE)
    topic = json.loads(before["briefing.json"])["topics"][0]
    assert topic["summary"]["en"]["method"] == "llm"
    capsys.readouterr()

    assert regenerate(out, topic["id"]) == 1
    err = capsys.readouterr().err
    assert f"topic {topic['id']} was summarized by the model fake" in err
    assert "--base-url" in err and "--llm none" in err
    assert files(out / DATE) == before

    # Asked for, the extractive summary is what it writes.
    assert regenerate(out, topic["id"], "--llm", "none") == 0
    after = json.loads((out / DATE / "briefing.json").read_text(encoding="utf-8"))
    assert after["topics"][0]["summary"]["en"]["method"] == "extractive"


def test_regenerate_offline_says_so_as_generate_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert generate(out) == 0
    topic = json.loads((out / DATE / "briefing.json").read_text(encoding="utf-8"))["topics"][0]
    capsys.readouterr()
    assert regenerate(out, topic["id"]) == 0
    assert "No LLM endpoint is configured" in capsys.readouterr().err


def test_regenerate_reads_articles_generate_found_in_a_linked_folder(tmp_path: Path) -> None:
    today = tmp_path / "today"
    today.mkdir()
    (today / "examples").symlink_to(EXAMPLES, target_is_directory=True)
    out = tmp_path / "out"
    assert generate(out, "--llm", "none", "-q", inputs=[str(today)]) == 0
    data = json.loads((out / DATE / "briefing.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == 12
    before = files(out / DATE)
    assert regenerate(out, data["topics"][0]["id"], "--llm", "none", "-q") == 0
    assert files(out / DATE) == before


def test_regenerate_an_unknown_topic_lists_the_valid_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert generate(out, "--llm", "none") == 0
    ids = [t["id"] for t in json.loads((out / DATE / "briefing.json").read_text())["topics"]]
    capsys.readouterr()
    assert regenerate(out, "no-such-topic") == 1
    err = capsys.readouterr().err
    assert "has no topic 'no-such-topic'" in err
    for tid in ids:
        assert tid in err

    assert main(["topics", "--date", DATE, "--output", str(out)]) == 0
    listing = capsys.readouterr().out
    assert [line.split()[0] for line in listing.splitlines()] == ids

    assert main(["topics", "--date", "2026-01-01", "--output", str(out)]) == 1
    assert f"briefings in {out}: {DATE}" in capsys.readouterr().err


def test_regenerate_says_which_recorded_inputs_changed_or_vanished(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(EXAMPLES, articles)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    assert generate(out, "--llm", "none", inputs=["articles"]) == 0
    data = json.loads((out / DATE / "briefing.json").read_text())
    target = next(t for t in data["topics"] if "port-cranes-ar-1" in t["articles"])
    (articles / "port-cranes-ar-2.json").unlink()
    text = (articles / "port-cranes-en-1.txt").read_text(encoding="utf-8")
    (articles / "port-cranes-en-1.txt").write_text(
        text + "\n\nA late paragraph.\n", encoding="utf-8"
    )
    capsys.readouterr()
    code = regenerate(out, target["id"], "--llm", "none")
    err = capsys.readouterr().err
    assert code == 0
    assert "article port-cranes-ar-2 (articles/port-cranes-ar-2.json) is gone" in err
    assert "article port-cranes-en-1 (this topic) changed since the briefing was made" in err
    new = json.loads((out / DATE / "briefing.json").read_text())
    topic = next(t for t in new["topics"] if t["id"] == target["id"])
    cited = {
        c["article"]
        for lang in ("ar", "en")
        for s in topic["summary"][lang]["sentences"]
        for c in s["citations"]
    }
    assert "port-cranes-ar-2" not in cited


def test_regenerate_says_that_articles_added_to_the_inputs_are_not_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An analyst who drops a late article into the day's folder and
    regenerates its topic is told the article is not in the briefing, not
    left to believe the summary now covers it."""
    articles = tmp_path / "articles"
    shutil.copytree(EXAMPLES, articles)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    assert generate(out, "--llm", "none", inputs=["articles"]) == 0
    target = json.loads((out / DATE / "briefing.json").read_text())["topics"][0]["id"]
    capsys.readouterr()
    assert regenerate(out, target, "--llm", "none") == 0
    assert "not in this briefing" not in capsys.readouterr().err

    (articles / "late").mkdir()
    (articles / "late" / "strike-talks-en.txt").write_text(
        "Port strike talks resume\n\nUnion leaders and terminal managers met again on "
        "Saturday evening to discuss the wage demand, a mediator said.\n",
        encoding="utf-8",
    )
    assert regenerate(out, target, "--llm", "none") == 0
    err = capsys.readouterr().err
    assert (
        "1 file in the inputs is not in this briefing (articles/late/strike-talks-en.txt): "
        "regenerate uses only the briefing's own articles" in err
    )
    recorded = json.loads((out / DATE / "briefing.json").read_text())["articles"]
    assert "strike-talks-en" not in {a["id"] for a in recorded}


def test_a_briefing_dated_before_some_of_its_articles_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A --date typed one day early (or a folder kept for the week) would
    tell the next day's news as that day's without a word."""
    out = tmp_path / "out"
    argv = ["generate", "examples", "--output", str(out), "--llm", "none", "--date"]
    assert main([*argv, DATE]) == 0
    assert "published after" not in capsys.readouterr().err
    assert main([*argv, "2026-11-21"]) == 0
    assert (
        "4 of 12 articles were published after 2026-11-21, the briefing's date: "
        "central-bank-testimony-en-1 (2026-11-22), desalination-plant-ar-2 (2026-11-22), "
        "port-cranes-ar-1 (2026-11-22) and 1 more; check --date" in capsys.readouterr().err
    )


def test_generate_is_byte_identical_whatever_the_input_order(tmp_path: Path) -> None:
    paths = sorted(
        str(p.relative_to(ROOT))
        for p in EXAMPLES.iterdir()
        if p.suffix in {".json", ".md", ".txt", ".html"}
    )
    assert generate(tmp_path / "a", "--llm", "none", "-q", inputs=[*paths]) == 0
    assert generate(tmp_path / "b", "--llm", "none", "-q", inputs=[*reversed(paths)]) == 0
    assert files(tmp_path / "a" / DATE) == files(tmp_path / "b" / DATE)


def test_adding_an_unrelated_article_keeps_every_other_topic_id(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(EXAMPLES, articles)
    assert generate(tmp_path / "a", "--llm", "none", "-q", inputs=[str(articles)]) == 0
    (articles / "zoo-en-1.json").write_text(
        json.dumps(
            {
                "title": "Zoo in Bandar Yasmin welcomes twin snow leopard cubs",
                "source": "Example Wire (example)",
                "published": "2026-11-22T10:00:00+00:00",
                "lang": "en",
                "text": "Two snow leopard cubs were born at the Bandar Yasmin zoo last week, "
                "keepers said on Sunday.\n\nThe cubs will meet visitors in the spring, "
                "once they have been vaccinated.",
            }
        ),
        encoding="utf-8",
    )
    assert generate(tmp_path / "b", "--llm", "none", "-q", inputs=[str(articles)]) == 0

    def ids(folder: Path) -> set[str]:
        return {
            t["id"] for t in json.loads((folder / DATE / "briefing.json").read_text())["topics"]
        }

    before, after = ids(tmp_path / "a"), ids(tmp_path / "b")
    assert before < after and len(after - before) == 1


def test_a_run_killed_midway_leaves_the_earlier_briefing_intact(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generate(out, "--llm", "none", "-q") == 0
    before = files(out / DATE)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFING_"))}
    with FakeOpenAI(quoting()) as server:
        server.delay = 30  # every answer takes long: the run is surely mid-way when killed
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "briefing",
                "generate",
                "examples",
                "--date",
                DATE,
                "--output",
                str(out),
                "--base-url",
                server.base_url,
                "--model",
                "fake",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while not server.requests and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.requests, "the run never reached the model"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    assert files(out / DATE) == before
    # The next run works, and cleans up after the killed one.
    assert generate(out, "--llm", "none", "-q") == 0
    assert files(out / DATE) == before


def interrupt_while_the_model_hangs(
    argv: Sequence[str], asked: Any = bool
) -> tuple[int, str, list[Any]]:
    """Run `briefing ARGV --base-url <a server that never answers>` in a
    process, press Ctrl-C once `asked(requests)` holds, and give its exit
    status, stderr and the requests the server got; fails the test if the
    run goes on waiting for the model."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFING_"))}
    with FakeOpenAI(lambda request: Reply(hang=True)) as server:
        process = subprocess.Popen(
            [sys.executable, "-m", "briefing", *argv, "--base-url", server.base_url],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=as_from_a_terminal,
        )
        deadline = time.monotonic() + 60
        while not server.requests and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.requests and asked(server.requests), "the run never reached the model"
        process.send_signal(signal.SIGINT)
        # Each request may take --timeout (60 s), retried: the run must not wait for them.
        try:
            _, err = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
            pytest.fail(f"the run went on waiting for the model after Ctrl-C; it said:\n{err}")
        return process.returncode, err, list(server.requests)


def test_ctrl_c_while_the_model_is_answering_ends_the_run_at_once(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generate(out, "--llm", "none", "-q") == 0
    before = files(out / DATE)
    argv = ["generate", "examples", "--date", DATE, "--output", str(out), "--model", "fake"]
    status, err, _ = interrupt_while_the_model_hangs(argv)
    assert status == 130
    assert "interrupted; earlier briefings are unchanged" in err and "Traceback" not in err
    assert files(out / DATE) == before


def test_a_second_run_on_the_same_output_fails_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from briefing.output.write import output_lock

    out = tmp_path / "out"
    with output_lock(out):
        assert generate(out, "--llm", "none") == 1
    assert "another briefing run is writing to" in capsys.readouterr().err


def test_python_dash_m_briefing_works_like_briefing(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("briefing ")


def test_the_next_days_topics_are_marked_new_or_continuing_with_a_link(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generate(out, "--llm", "none", "-q") == 0
    day1 = json.loads((out / DATE / "briefing.json").read_text(encoding="utf-8"))
    plant = next(t["id"] for t in day1["topics"] if "desalination-plant-en-1" in t["articles"])

    today = tmp_path / "today"
    today.mkdir()
    (today / "plant-ar-3.json").write_text(
        json.dumps(
            {
                "title": "محطة تحلية بندر ياسمين تضخ أولى إمداداتها إلى شبكة المياه",
                "lang": "ar",
                "published": "2026-11-23T07:00:00+04:00",
                "text": "بدأت محطة تحلية المياه الجديدة في بندر ياسمين بسلطنة عمان يوم الاثنين ضخ "
                "أولى إمداداتها إلى شبكة المياه الوطنية، بعد يومين من افتتاحها رسميا.\n\n"
                "وقالت شركة ياسمين للمياه إن المحطة، التي تعمل جزئيا بالطاقة الشمسية، ستصل إلى "
                "طاقتها الكاملة البالغة 300 ألف متر مكعب يوميا خلال ثلاثة أسابيع.",
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    (today / "zoo-en-1.json").write_text(
        json.dumps(
            {
                "title": "Zoo in Wadi al-Rayhan welcomes twin snow leopard cubs",
                "lang": "en",
                "published": "2026-11-23T09:00:00+00:00",
                "text": "Two snow leopard cubs were born at the Wadi al-Rayhan zoo last week, "
                "keepers said on Monday.\n\nThe cubs will meet visitors in the spring.",
            }
        ),
        encoding="utf-8",
    )
    code = main(
        [
            "generate",
            str(today),
            "--date",
            "2026-11-23",
            "--output",
            str(out),
            "--llm",
            "none",
            "-q",
        ]
    )
    assert code == 0
    folder = out / "2026-11-23"
    day2 = json.loads((folder / "briefing.json").read_text(encoding="utf-8"))
    assert day2["generator"]["previous"] == DATE
    by_member = {t["articles"][0]: t for t in day2["topics"]}
    continuing, new = by_member["plant-ar-3"], by_member["zoo-en-1"]
    assert continuing["status"] == "continuing"
    assert continuing["previous"] == {"date": DATE, "topic": plant}
    assert new["status"] == "new" and new["previous"] is None

    # The documents link the continuing topic to the earlier briefing's topic.
    html = (folder / "briefing.html").read_text(encoding="utf-8")
    assert f'href="../{DATE}/briefing.html#{plant}"' in html
    markdown = (folder / "briefing.md").read_text(encoding="utf-8")
    assert f"· continuing [{DATE}](../{DATE}/briefing.md#{plant})" in markdown
    assert "· new" in markdown
    # The earlier briefing is untouched, and the index lists both days, newest first.
    assert json.loads((out / DATE / "briefing.json").read_text(encoding="utf-8")) == day1
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index("2026-11-23") < index.index(DATE)


def test_regenerating_an_unchanged_topic_offline_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generate(out, "--llm", "none", "-q") == 0
    before = files(out / DATE)
    data = json.loads(before["briefing.json"])
    for topic in data["topics"]:  # one-language topics too (their notice names entities)
        assert regenerate(out, topic["id"], "--llm", "none", "-q") == 0
        assert files(out / DATE) == before, f"regenerating {topic['id']} changed the briefing"


def test_the_readmes_usage_matches_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    """Every flag the README's usage block gives a command is in that
    command's --help, so the two cannot drift apart unnoticed."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Usage", 1)[1].split("```", 2)[1]
    usage: dict[str, set[str]] = {}
    command = ""
    for line in block.splitlines():
        found = re.match(r"briefing (\w+)", line)
        if found:
            command = found.group(1)
        if command:
            usage.setdefault(command, set()).update(re.findall(r"--[a-z][a-z-]*", line))
    assert set(usage) == {
        "generate",
        "regenerate",
        "topics",
        "diff",
        "textconv",
        "fetch",
        "daily",
        "init",
    }
    for command, flags in usage.items():
        with pytest.raises(SystemExit):
            main([command, "--help"])
        help_text = capsys.readouterr().out
        for flag in flags:
            assert flag in help_text, f"README gives `briefing {command} {flag}`; --help lacks it"


def test_regenerate_from_another_folder_says_where_to_run_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert generate(out, "--llm", "none", "-q") == 0
    topic = json.loads((out / DATE / "briefing.json").read_text())["topics"][0]["id"]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    capsys.readouterr()
    assert regenerate(out, topic, "--llm", "none") == 1
    err = capsys.readouterr().err
    # The one thing to do is said first, not after a line per missing article.
    assert "relative to the folder briefing generate ran in" in err.splitlines()[0]
    assert "is gone" not in err


def test_an_offline_run_never_loads_the_llm_client_or_the_html_reader(tmp_path: Path) -> None:
    # The openai package takes most of a second to import and trafilatura a
    # quarter: a run of .txt/.json/.md files with no model needs neither.
    folder = tmp_path / "in"
    folder.mkdir()
    for path in EXAMPLES.iterdir():
        if path.suffix in (".txt", ".json", ".md") and path.name != "README.md":
            shutil.copy(path, folder / path.name)
    script = (
        "import sys\n"
        "from briefing.cli import main\n"
        f"code = main(['generate', {str(folder)!r}, '--output', {str(tmp_path / 'out')!r},"
        " '--date', '2026-11-22', '--llm', 'none'])\n"
        "print(code, 'openai' in sys.modules, 'trafilatura' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert done.stdout.split()[-3:] == ["0", "False", "False"], done.stderr


def test_a_404_names_the_model_only_when_the_server_says_it_lacks_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An endpoint given without its /v1 answered 404 to every call, and the
    run said 'has no model 'fake' (404); check --model'."""
    with FakeOpenAI(quoting()) as fake:
        assert generate(tmp_path / "a", "--base-url", fake.base_url.removesuffix("/v1")) == 3
        err = capsys.readouterr().err
        assert "answered 404 (not found) to a chat request; check --base-url" in err
        assert "ends in /v1" in err and "has no model" not in err
        fake.push(*[Reply(status=404, message="The model `gpt-9` does not exist.")] * 6)
        assert generate(tmp_path / "b", "--base-url", fake.base_url, "--model", "gpt-9") == 3
        assert "has no model 'gpt-9' (404); check --model" in capsys.readouterr().err
