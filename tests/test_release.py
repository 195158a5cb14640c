"""What a new user meets when following the README: the closing account,
counted words, the output folder kept in git, which model `llm = "auto"`
picks, and a one-language topic whose generated title is rejected."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, without_isolates
from fake_openai import FakeOpenAI

from briefing.cli import main
from briefing.config import Config
from briefing.pipeline import resolve_llm

DATE = "2026-11-22"
ONE_LANGUAGE = "tunisia-s-central-bank-raises-671532"  # English sources only


# No endpoint, config or cache from the machine running the tests.
pytestmark = pytest.mark.usefixtures("clean_environment")


def test_the_run_ends_with_the_account_and_counts_one_thing_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(EXAMPLES / "port-cranes-en-1.txt", one)
    assert main(["generate", str(one), "--date", DATE, "--output", str(tmp_path / "out")]) == 0
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last == "read 1 input: 1 article; grouped into 1 topic"
    assert main(["topics", "--date", DATE, "--output", str(tmp_path / "out")]) == 0
    assert "(1 article)" in capsys.readouterr().out


def test_the_lock_file_is_not_committed_with_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "repo" / "output"
    git = ["git", "-C", str(tmp_path / "repo")]
    (tmp_path / "repo").mkdir()
    subprocess.run([*git, "init", "-q"], check=True)
    assert main(["generate", "examples", "--date", DATE, "--output", str(out), "-q"]) == 0
    assert (out / ".briefing.lock").exists()
    subprocess.run([*git, "add", "-A"], check=True)
    tracked = subprocess.run([*git, "ls-files"], check=True, capture_output=True, text=True)
    assert ".briefing.lock" not in tracked.stdout
    assert f"output/{DATE}/briefing.json" in tracked.stdout.splitlines()


def test_auto_prefers_a_configured_endpoint_to_a_local_model() -> None:
    both = Config(base_url="http://127.0.0.1:9/v1", local_model=Path("m.gguf"))
    assert resolve_llm(both) == "openai"
    assert resolve_llm(Config(local_model=Path("m.gguf"))) == "local"
    assert resolve_llm(Config()) == "none"


def _made_up_titles(request: dict[str, Any]) -> dict[str, Any]:
    """A model whose titles state a figure no source has (so both are
    rejected) and whose summary sentences cite nothing (so none verifies)."""
    if "Sentences to repair" in json.dumps(request):
        return {"sentences": []}
    sentence = {"text": "Something happened in 1999.", "citations": []}
    return {
        "title": {"ar": "حدث ما في 1999", "en": "Something happened in 1999"},
        "summary": {"ar": [], "en": [sentence]},
    }


@pytest.fixture
def made_up() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(_made_up_titles) as fake:
        yield fake


def test_a_rejected_title_of_a_one_language_topic_leaves_no_empty_title(
    tmp_path: Path, made_up: FakeOpenAI
) -> None:
    out = tmp_path / "out"
    args = ["generate", "examples", "--date", DATE, "--output", str(out), "-q"]
    # Most of the made-up text fails verification: the run says so with exit 3.
    assert main([*args, "--base-url", made_up.base_url, "--model", "fake"]) == 3
    data = json.loads((out / DATE / "briefing.json").read_text(encoding="utf-8"))
    topic = next(t for t in data["topics"] if t["id"] == ONE_LANGUAGE)
    title = "Tunisia's central bank raises key rate to 8% as inflation climbs"
    assert topic["title"] == {"en": title}
    # As a reader sees it: each language's piece of the contents line is
    # isolated by invisible FSI ... PDI.
    markdown = without_isolates((out / DATE / "briefing.md").read_text(encoding="utf-8"))
    assert " · ·" not in markdown and "##  ·" not in markdown and "[ ·" not in markdown
    assert f"\n## {title}\n" in markdown
    # The contents name it in Arabic too, by the places its note gives.
    assert f"[(بالإنجليزية) تونس · {title}](#" in markdown


def test_an_online_run_never_says_offline_nor_promises_quotes_it_has_not(
    tmp_path: Path, made_up: FakeOpenAI
) -> None:
    out = tmp_path / "out"
    args = ["generate", "examples", "--date", DATE, "--output", str(out), "-q"]
    # Most of the made-up text fails verification: the run says so with exit 3.
    assert main([*args, "--base-url", made_up.base_url, "--model", "fake"]) == 3
    data = json.loads((out / DATE / "briefing.json").read_text(encoding="utf-8"))
    arabic = next(t for t in data["topics"] if t["id"] == ONE_LANGUAGE)["summary"]["ar"]
    assert arabic["sentences"] == []
    assert "غير المتصل" not in arabic["notice"]  # "offline"
    assert "فهذه جمل منقولة" not in arabic["notice"]  # "these sentences are quoted"
    assert "بالإنجليزية" in arabic["notice"]  # why: every source is in English
    markdown = (out / DATE / "briefing.md").read_text(encoding="utf-8")
    assert "offline" not in markdown
    assert f"> {arabic['notice']}\n" in markdown


def test_an_empty_title_read_back_from_a_file_makes_no_empty_heading() -> None:
    from briefing.output.render import render_markdown

    from .test_html import sample_briefing

    briefing = sample_briefing()
    first = dataclasses.replace(briefing.topics[0], titles={"ar": "", "en": "Plant opens"})
    shown = without_isolates(
        render_markdown(dataclasses.replace(briefing, topics=(first, *briefing.topics[1:])))
    )
    assert "## Plant opens\n" in shown
    assert f"1. [Plant opens](#{first.id})" in shown
