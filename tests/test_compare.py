"""`briefing diff` and the git textconv driver: what changed between two briefings."""

from __future__ import annotations

import copy
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from briefing.errors import InputError
from briefing.review.compare import diff_briefings, format_diff
from briefing.review.refs import read_briefing
from briefing.review.textconv import textconv_file, textconv_text

ROOT = Path(__file__).resolve().parent.parent
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]


def _sentence(text: str, *cites: tuple[str, int]) -> dict[str, Any]:
    return {"text": text, "citations": [{"article": a, "paragraph": p} for a, p in cites]}


def _topic(
    id: str,
    articles: list[str],
    title: dict[str, str],
    en: list[dict[str, Any]],
    ar: list[dict[str, Any]],
    **extra: Any,
) -> dict[str, Any]:
    def summary(sentences: list[dict[str, Any]]) -> dict[str, Any]:
        return {"method": "extractive", "notice": None, "sentences": sentences, "dropped": []}

    return {
        "id": id,
        "articles": articles,
        "title": title,
        "summary": {"ar": summary(ar), "en": summary(en)},
        "tokens": 100,
        "parts": [articles],
        **extra,
    }


def _briefing(date: str, *topics: dict[str, Any]) -> dict[str, Any]:
    ids = sorted({a for t in topics for a in t["articles"]})
    return {
        "format": "briefing/1",
        "date": date,
        "generator": {"llm": "none", "version": "0.1.0"},
        "articles": [
            {
                "id": a,
                "title": f"Story {a}",
                "source": "Test Wire",
                "url": f"https://news.example.test/{a}",
                "published": f"{date}T08:00:00+00:00",
                "lang": "ar" if a.endswith("-ar") else "en",
                "paragraphs": 3,
                "content_hash": "0" * 64,
                "path": f"{a}.json",
            }
            for a in ids
        ],
        "skipped": [],
        "topics": list(topics),
    }


PORT_EN = _sentence("Dock workers stopped work at the northern port on Friday.", ("port-en", 1))
PORT_AR = _sentence("توقف عمال الرصيف عن العمل في الميناء الشمالي يوم الجمعة.", ("port-ar", 1))
FLOOD_EN_1 = _sentence("The river rose two metres overnight.", ("flood-en", 1))
FLOOD_EN_2 = _sentence("Three villages were evacuated by boat.", ("flood-en", 2))
FLOOD_AR_OLD = _sentence("ارتفع منسوب النهر مترين خلال الليل.", ("flood-ar", 1))
FLOOD_AR_NEW = _sentence("أُجلي سكان ثلاث قرى بالقوارب.", ("flood-ar", 2))
VOTE_EN = _sentence("The council approved the budget by seven votes to two.", ("vote-en", 2))

A = _briefing(
    "2026-11-22",
    _topic(
        "dock-strike-aaaaaa",
        ["port-en", "port-ar"],
        {"ar": "إضراب الميناء", "en": "Dock strike"},
        [PORT_EN],
        [PORT_AR],
    ),
    _topic(
        "river-flood-bbbbbb",
        ["flood-en", "flood-ar"],
        {"ar": "فيضان النهر", "en": "River flood"},
        [FLOOD_EN_1, FLOOD_EN_2],
        [FLOOD_AR_OLD],
    ),
    _topic("council-vote-cccccc", ["vote-en"], {"en": "Council vote"}, [VOTE_EN], []),
    _topic(
        "warehouse-fire-ffffff",
        ["fire-en"],
        {"en": "Warehouse fire"},
        [_sentence("A fire destroyed a grain warehouse.", ("fire-en", 1))],
        [],
    ),
)
B = _briefing(
    "2026-11-23",
    # The strike gained an article, so its id changed; it is matched by its members.
    _topic(
        "dock-strike-dddddd",
        ["port-en", "port-ar", "port-en-2"],
        {"ar": "إضراب الميناء", "en": "Dock strike"},
        [PORT_EN, _sentence("Talks resumed on Sunday.", ("port-en-2", 3))],
        [PORT_AR],
    ),
    _topic(
        "fish-market-eeeeee",
        ["market-en"],
        {"en": "Fish market reopens"},
        [_sentence("The fish market reopened after repairs.", ("market-en", 1))],
        [],
    ),
    _topic("council-vote-cccccc", ["vote-en"], {"en": "Council vote"}, [VOTE_EN], []),
    _topic(
        "river-flood-bbbbbb",
        ["flood-en", "flood-ar"],
        {"ar": "فيضان النهر", "en": "River flood forces evacuations"},
        # Same text, new citation; and one Arabic sentence replaced by another.
        [FLOOD_EN_1, _sentence(FLOOD_EN_2["text"], ("flood-en", 3))],
        [FLOOD_AR_NEW],
    ),
)

EXPECTED_TEXT = """\
--- a (2026-11-22, 4 topics)
+++ b (2026-11-23, 4 topics)

## changed dock-strike-dddddd (was dock-strike-aaaaaa)
  title ar: إضراب الميناء
  title en: Dock strike
+ article port-en-2
+ en: Talks resumed on Sunday. [port-en-2 ¶3]

## added fish-market-eeeeee
+ title en: Fish market reopens
+ article market-en
+ en: The fish market reopened after repairs. [market-en ¶1]

## changed river-flood-bbbbbb
  title ar: فيضان النهر
- title en: River flood
+ title en: River flood forces evacuations
- ar: ارتفع منسوب النهر مترين خلال الليل. [flood-ar ¶1]
+ ar: أُجلي سكان ثلاث قرى بالقوارب. [flood-ar ¶2]
- en: Three villages were evacuated by boat. [flood-en ¶2]
+ en: Three villages were evacuated by boat. [flood-en ¶3]

## removed warehouse-fire-ffffff
- title en: Warehouse fire
- article fire-en
- en: A fire destroyed a grain warehouse. [fire-en ¶1]

1 added, 1 removed, 2 changed, 1 unchanged
"""


def _write(folder: Path, data: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "briefing.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run([*GIT, *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(autouse=True)
def _plain_git(monkeypatch: pytest.MonkeyPatch) -> None:
    # The user's own git configuration must not change what the tests see.
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


# ---------------------------------------------------------------- the diff


def test_terminal_diff_lists_topics_and_sentences_in_b_order_then_removed() -> None:
    assert format_diff(diff_briefings(A, B)) == EXPECTED_TEXT


def test_json_diff_names_each_change() -> None:
    diff = diff_briefings(A, B, "yesterday", "today")
    assert diff["a"] == {
        "label": "yesterday",
        "date": "2026-11-22",
        "format": "briefing/1",
        "topics": 4,
    }
    assert diff["counts"] == {"added": 1, "removed": 1, "changed": 2, "unchanged": 1}
    assert [t["id"] for t in diff["added"]] == ["fish-market-eeeeee"]
    assert [t["id"] for t in diff["removed"]] == ["warehouse-fire-ffffff"]
    assert diff["unchanged"] == ["council-vote-cccccc"]

    strike, flood = diff["changed"]
    assert (strike["id"], strike["a_id"], strike["match"]) == (
        "dock-strike-dddddd",
        "dock-strike-aaaaaa",
        "articles",
    )
    assert strike["articles"] == {"added": ["port-en-2"], "removed": []}
    assert [s["text"] for s in strike["sentences"]["en"]["added"]] == ["Talks resumed on Sunday."]
    assert strike["sentences"]["ar"] == {"added": [], "removed": [], "recited": []}

    assert (flood["id"], flood["a_id"], flood["match"]) == ("river-flood-bbbbbb",) * 2 + ("id",)
    assert flood["title_changes"] == {
        "en": {"a": "River flood", "b": "River flood forces evacuations"}
    }
    assert flood["sentences"]["ar"]["removed"] == [FLOOD_AR_OLD]
    assert flood["sentences"]["ar"]["added"] == [FLOOD_AR_NEW]
    assert flood["sentences"]["en"]["recited"] == [
        {
            "text": FLOOD_EN_2["text"],
            "a": [{"article": "flood-en", "paragraph": 2}],
            "b": [{"article": "flood-en", "paragraph": 3}],
        }
    ]
    # Stable: the same inputs give byte-identical JSON.
    assert json.dumps(diff, ensure_ascii=False) == json.dumps(
        diff_briefings(A, B, "yesterday", "today"), ensure_ascii=False
    )


def test_identical_briefings_report_no_differences() -> None:
    text = format_diff(diff_briefings(A, copy.deepcopy(A)))
    assert text.splitlines()[-1] == "0 added, 0 removed, 0 changed, 4 unchanged"
    assert "##" not in text


def test_a_topic_naming_its_previous_topic_is_matched_to_it() -> None:
    old = _briefing("2026-11-22", _topic("quake-111111", ["q1"], {"en": "Quake"}, [VOTE_EN], []))
    new = _briefing(
        "2026-11-23",
        _topic(
            "quake-222222",
            ["q2"],
            {"en": "Quake"},
            [VOTE_EN],
            [],
            status="continuing",
            previous={"date": "2026-11-22", "topic": "quake-111111"},
            report={"anything": "later versions add"},
        ),
    )
    diff = diff_briefings(old, new)
    assert [(c["id"], c["a_id"], c["match"]) for c in diff["changed"]] == [
        ("quake-222222", "quake-111111", "previous")
    ]
    assert diff["changed"][0]["articles"] == {"added": ["q2"], "removed": ["q1"]}


def test_a_repeated_sentence_counts_once_per_occurrence() -> None:
    old = _briefing("2026-11-22", _topic("t-000001", ["x"], {}, [VOTE_EN], []))
    new = _briefing("2026-11-22", _topic("t-000001", ["x"], {}, [VOTE_EN, VOTE_EN], []))
    (change,) = diff_briefings(old, new)["changed"]
    assert change["sentences"]["en"]["added"] == [VOTE_EN]
    assert change["sentences"]["en"]["removed"] == []


# ---------------------------------------------------------------- finding briefings


def test_dates_are_read_from_the_output_folder(tmp_path: Path) -> None:
    _write(tmp_path / "2026-11-22", A)
    _write(tmp_path / "2026-11-23", B)
    label, data = read_briefing("2026-11-23", tmp_path)
    assert label == str(tmp_path / "2026-11-23" / "briefing.json")
    assert data == B


def test_a_folder_or_a_file_is_read_as_a_path(tmp_path: Path) -> None:
    path = _write(tmp_path / "kept" / "copy", A)
    assert read_briefing(str(path.parent), tmp_path / "output") == (str(path), A)
    assert read_briefing(str(path), tmp_path / "output") == (str(path), A)


def test_an_unknown_date_lists_the_dates_there_are(tmp_path: Path) -> None:
    _write(tmp_path / "2026-11-22", A)
    _write(tmp_path / "2026-11-23", B)
    (tmp_path / "2026-11-24").mkdir()  # a folder without a briefing is not a date to offer
    with pytest.raises(InputError, match=r"no briefing for 2026-11-25 .*2026-11-22, 2026-11-23\)"):
        read_briefing("2026-11-25", tmp_path)
    with pytest.raises(InputError, match="not a calendar date"):
        read_briefing("2026-13-40", tmp_path)


def test_a_date_typed_inside_the_output_folder_gets_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "output" / "2026-11-22", A)
    monkeypatch.chdir(tmp_path / "output")
    with pytest.raises(InputError, match=r"pass \./2026-11-22 to mean the folder here"):
        read_briefing("2026-11-22", Path("output"))
    assert read_briefing("./2026-11-22", Path("output"))[1] == A


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("{not json", "not JSON"),
        ('{"hello": "world"}', 'no "format"'),
        ('{"format": "briefing/1", "date": "2026-11-22", "topics": [{"title": "x"}]}', "topics"),
        (b"\xff\xfe\x00", "not"),
    ],
)
def test_a_file_that_is_not_a_briefing_is_refused(
    tmp_path: Path, content: str | bytes, why: str
) -> None:
    path = tmp_path / "briefing.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=f"is not a briefing.json .*{why}"):
        read_briefing(str(path), tmp_path)


def test_a_folder_without_a_briefing_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"has no briefing\.json"):
        read_briefing(str(tmp_path), tmp_path)


# ---------------------------------------------------------------- git revisions


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A project repository whose output/ holds the 2026-11-23 briefing in two commits."""
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    _git(root, "init", "-q")
    _write(root / "output" / "2026-11-23", A)
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "first run")
    _write(root / "output" / "2026-11-23", B)
    _git(root, "commit", "-q", "-am", "second run")
    return root


def test_two_revisions_of_one_briefing_are_compared(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    a_label, a = read_briefing("HEAD~1", Path("output"), "2026-11-23")
    b_label, b = read_briefing("HEAD", Path("output"), "2026-11-23")
    assert (a_label, b_label) == (
        "HEAD~1:output/2026-11-23/briefing.json",
        "HEAD:output/2026-11-23/briefing.json",
    )
    assert (a, b) == (A, B)
    text = format_diff(diff_briefings(a, b, a_label, b_label))
    assert text.startswith("--- HEAD~1:output/2026-11-23/briefing.json (2026-11-22, 4 topics)\n")
    assert "+ en: Talks resumed on Sunday. [port-en-2 ¶3]\n" in text


def test_revisions_work_from_a_subfolder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "docs")
    assert read_briefing("HEAD~1", Path("../output"), "2026-11-23")[1] == A
    # REV:PATH is git's own: relative to the repository root, or to here with ./
    assert read_briefing("HEAD~1:output/2026-11-23/briefing.json", Path("x"))[1] == A
    assert read_briefing("HEAD:../output/2026-11-23/briefing.json", Path("x"))[1] == B


def test_an_output_folder_that_is_its_own_repository(tmp_path: Path) -> None:
    output = tmp_path / "output"
    _write(output / "2026-11-22", A)
    _git(output, "init", "-q")
    _git(output, "add", ".")
    _git(output, "commit", "-q", "-m", "day one")
    assert read_briefing("HEAD", output, "2026-11-22") == (
        "HEAD:2026-11-22/briefing.json",
        A,
    )


def test_revision_mistakes_say_what_to_do(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    output = Path("output")
    with pytest.raises(InputError, match="say which briefing with --date"):
        read_briefing("HEAD~1", output)
    with pytest.raises(InputError, match=r"not a date .* or a known git revision"):
        read_briefing("no-such-branch", output, "2026-11-23")
    with pytest.raises(
        InputError, match=r"HEAD has no output/2026-11-30/briefing.json .*2026-11-23\)"
    ):
        read_briefing("HEAD", output, "2026-11-30")
    with pytest.raises(InputError, match=r"HEAD has no nowhere\.json"):
        read_briefing("HEAD:nowhere.json", output)


def test_a_revision_outside_any_repository_is_explained(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not in a git repository"):
        read_briefing("HEAD", tmp_path, "2026-11-23")


# ---------------------------------------------------------------- textconv


def test_textconv_puts_each_sentence_on_its_own_line() -> None:
    topic = _topic(
        "river-flood-bbbbbb",
        ["flood-en", "flood-ar"],
        {"ar": "فيضان النهر", "en": "River flood"},
        [_sentence("The river rose.", ("flood-en", 1), ("flood-ar", 2))],
        [FLOOD_AR_OLD],
    )
    topic["summary"]["en"]["dropped"] = [{"text": "Unsupported claim.", "reasons": ["uncited"]}]
    topic["summary"]["ar"]["notice"] = "ملخص مقتطف"
    data = _briefing("2026-11-22", topic)
    data["skipped"] = [{"path": "bad.json", "reason": "malformed JSON at line 3"}]
    assert (
        textconv_text(data)
        == """\
briefing 2026-11-22 (briefing/1)
generator: llm=none version=0.1.0

## river-flood-bbbbbb
title ar: فيضان النهر
title en: River flood
article flood-en
article flood-ar
ar method: extractive
ar notice: ملخص مقتطف
ar: ارتفع منسوب النهر مترين خلال الليل. [flood-ar ¶1]
en method: extractive
en: The river rose. [flood-en ¶1] [flood-ar ¶2]
en dropped: Unsupported claim. (uncited)

## articles
flood-ar ar 2026-11-22T08:00:00+00:00 Test Wire: Story flood-ar \
<https://news.example.test/flood-ar> 3 paragraphs flood-ar.json
flood-en en 2026-11-22T08:00:00+00:00 Test Wire: Story flood-en \
<https://news.example.test/flood-en> 3 paragraphs flood-en.json

## skipped
bad.json: malformed JSON at line 3
"""
    )


def test_textconv_is_deterministic_and_never_splits_a_sentence() -> None:
    reordered = json.loads(json.dumps(B, sort_keys=True))  # same data, keys in another order
    text = textconv_text(B)
    assert text == textconv_text(reordered)
    broken = copy.deepcopy(B)
    broken["topics"][0]["summary"]["en"]["sentences"][0]["text"] = "Line one.\nLine two."
    assert "en: Line one. ⏎ Line two. [port-en ¶1]\n" in textconv_text(broken)


def test_textconv_passes_through_a_file_that_is_not_a_briefing(tmp_path: Path) -> None:
    conflicted = tmp_path / "briefing.json"
    conflicted.write_text("<<<<<<< ours\n{}\n", encoding="utf-8")
    assert textconv_file(conflicted) == "<<<<<<< ours\n{}\n"


def test_git_diff_with_the_textconv_driver_shows_sentences(tmp_path: Path) -> None:
    output = tmp_path / "output"
    _write(output / "2026-11-22", A)
    (output / ".gitattributes").write_text("briefing.json diff=briefing\n", encoding="utf-8")
    _git(output, "init", "-q")
    _git(output, "add", ".")
    _git(output, "commit", "-q", "-m", "first run")
    changed = copy.deepcopy(A)
    changed["topics"][1]["summary"]["ar"]["sentences"] = [FLOOD_AR_NEW]
    _write(output / "2026-11-22", changed)

    textconv = f"{shlex.quote(sys.executable)} -m briefing textconv"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [*GIT, "-c", f"diff.briefing.textconv={textconv}", "diff", "--no-color"],
        cwd=output,
        capture_output=True,
        check=True,
        env=env,
    )
    changes = [
        line
        for line in done.stdout.decode("utf-8").splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changes == [
        "-ar: ارتفع منسوب النهر مترين خلال الليل. [flood-ar ¶1]",
        "+ar: أُجلي سكان ثلاث قرى بالقوارب. [flood-ar ¶2]",
    ]


def test_textconv_shows_the_generators_nested_fields_as_fields() -> None:
    # A run with a model records the judge and the usage as objects: git
    # diff shows each number under its own name, not a Python dict.
    data = copy.deepcopy(B)
    data["generator"] = {
        "llm": "openai",
        "judge": {"status": "failed", "unjudged": ["ar", "en"]},
        "usage": {"calls": 3, "prompt_tokens": 1200},
    }
    data["topics"][0]["related"] = ["river-flood-bbbbbb", "dam-repair-cccccc"]
    lines = textconv_text(data).splitlines()
    assert lines[1] == (
        "generator: judge.status=failed judge.unjudged=ar,en llm=openai "
        "usage.calls=3 usage.prompt_tokens=1200"
    )
    assert "see also: river-flood-bbbbbb dam-repair-cccccc" in lines
