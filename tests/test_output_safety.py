"""Data is never lost or written where it does not belong.

A user's folder or page in the output folder is never replaced; a run killed
at any step of the folder swap leaves the newest complete briefing in place
once the next run has settled; a write that fails after the swap says what
was written and what was not.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefing.cli import main
from briefing.errors import RenderError
from briefing.output.site import write_index
from briefing.output.write import publish, recover, replace_folder

from .conftest import EXAMPLES, ROOT
from .test_html import sample_briefing

DAY = "2026-11-22"
OLD = {"briefing.json": '{"format": "briefing/1", "v": "old"}\n', "briefing.md": "old\n"}
NEW = {
    "briefing.json": '{"format": "briefing/1", "v": "new"}\n',
    "briefing.md": "new\n",
    "topics/a.md": "a\n",
}


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".briefing"
    }


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# ------------------------------------------------------------ whose files


def test_a_users_date_folder_is_refused_and_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "U"
    (output / DAY).mkdir(parents=True)
    (output / DAY / "taxes.xlsx").write_bytes(b"PK\x03\x04 my taxes")
    before = _snapshot(output)
    assert main(["generate", "examples", "--date", DAY, "--output", str(output)]) == 1
    err = capsys.readouterr().err
    assert "taxes.xlsx" in err and "did not write" in err
    assert len(err.strip().splitlines()) == 1
    assert _snapshot(output) == before  # not even a lock file


def test_a_users_index_page_is_refused_and_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "U"
    output.mkdir()
    (output / "index.html").write_text("<h1>My own home page</h1>\n", encoding="utf-8")
    assert main(["generate", "examples", "--date", DAY, "--output", str(output)]) == 1
    err = capsys.readouterr().err
    assert "index.html was not written by briefing" in err
    assert (output / "index.html").read_text(encoding="utf-8") == "<h1>My own home page</h1>\n"
    assert not (output / DAY).exists()


def test_a_users_file_put_inside_a_briefing_folder_is_never_deleted(tmp_path: Path) -> None:
    replace_folder(tmp_path, DAY, OLD)
    (tmp_path / DAY / "notes.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"notes\.txt"):
        replace_folder(tmp_path, DAY, NEW)
    assert (tmp_path / DAY / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert _tree(tmp_path / DAY)["briefing.md"] == "old\n"


def test_a_briefing_folder_from_before_the_mark_is_still_replaced(tmp_path: Path) -> None:
    (tmp_path / DAY / "topics").mkdir(parents=True)
    for name, text in {**OLD, "topics/x.md": "x\n"}.items():
        (tmp_path / DAY / name).write_text(text, encoding="utf-8")
    replace_folder(tmp_path, DAY, NEW)
    assert _tree(tmp_path / DAY) == NEW


def test_an_index_page_of_ours_is_rewritten_and_carries_the_generator_tag(tmp_path: Path) -> None:
    write_index(tmp_path)
    first = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<meta name="generator" content="briefing">' in first
    replace_folder(tmp_path, DAY, NEW)
    write_index(tmp_path)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") != first


# ------------------------------------------------------------ a killed swap


class Killed(BaseException):
    """The process dies here: nothing after this line of the run happens."""


_STEPS = ("rename", "replace", "mkdir", "fsync", "unlink", "rmdir")


def _kill_at(monkeypatch: pytest.MonkeyPatch, step: int) -> Callable[[], int]:
    """Make the `step`-th filesystem change (counting from 0) kill the run."""
    count = 0

    def wrap(real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            nonlocal count
            count += 1
            if count - 1 == step:
                raise Killed
            return real(*args, **kwargs)

        return call

    for name in _STEPS:
        monkeypatch.setattr(os, name, wrap(getattr(os, name)))
    return lambda: count


def _leftovers(output: Path) -> list[str]:
    return sorted(p.name for p in output.iterdir() if p.name != DAY)


def test_a_run_killed_at_any_step_of_the_swap_recovers_the_newest_complete_briefing(
    tmp_path: Path,
) -> None:
    steps_seen = 0
    for step in range(200):
        output = tmp_path / f"run{step}"
        replace_folder(output, DAY, OLD)
        with pytest.MonkeyPatch.context() as patch:
            calls = _kill_at(patch, step)
            try:
                replace_folder(output, DAY, NEW)
            except Killed:
                killed = True
            else:
                killed = False
            steps_seen = calls()
        if not killed:
            assert _tree(output / DAY) == NEW and _leftovers(output) == []
            break
        staged_complete = any(p.is_file() for p in output.glob(".new-*/.briefing"))
        installed = (output / DAY / "briefing.md").is_file() and _tree(output / DAY) == NEW
        expected = NEW if staged_complete or installed else OLD
        # The next run settles the leftovers under the lock; it may be killed too.
        for inner in range(50):
            with pytest.MonkeyPatch.context() as patch:
                _kill_at(patch, inner)
                try:
                    recover(output)
                    break
                except Killed:
                    assert (output / DAY).is_dir() or any(output.iterdir())
        recover(output)
        assert _tree(output / DAY) == expected, f"killed at step {step}"
        assert _leftovers(output) == [], f"killed at step {step}"
    else:
        pytest.fail("the swap never completed")
    assert steps_seen > 5  # the loop did walk through the steps


def test_the_newest_of_several_set_aside_folders_comes_back(tmp_path: Path) -> None:
    # Version 0.1's names: the process id decided which came back, so
    # ".old-1000" (newer) lost to ".old-999" (older) and was left behind.
    for name, text, when in (
        (".2026-11-22.old-999", "older", 1000),
        (".2026-11-22.old-1000", "newest", 2000),
    ):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "briefing.json").write_text(f'{{"format": "briefing/1", "v": "{text}"}}\n')
        os.utime(folder / "briefing.json", (when, when))
    (tmp_path / ".2026-11-22.tmp-5").mkdir()  # a half-written staging folder
    recover(tmp_path)
    assert '"newest"' in (tmp_path / DAY / "briefing.json").read_text(encoding="utf-8")
    assert _leftovers(tmp_path) == []


def test_temporary_folders_do_not_pile_up(tmp_path: Path) -> None:
    for _ in range(3):
        replace_folder(tmp_path, DAY, NEW)
    (tmp_path / ".index.html.tmp-77").write_text("half", encoding="utf-8")
    (tmp_path / ".new-2026-11-22-00000000000000000001-4").mkdir()  # incomplete
    replace_folder(tmp_path, DAY, OLD)
    assert _leftovers(tmp_path) == []


# ------------------------------------------------------------ a full disk


def test_a_full_disk_after_the_swap_says_what_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    briefing = sample_briefing()
    real_replace = os.replace

    def full(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if str(dst).endswith("index.html"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(RenderError) as caught:
        publish(briefing, tmp_path)
    message = str(caught.value)
    folder = tmp_path / briefing.date.isoformat()
    assert f"wrote {folder} completely" in message
    assert "index.html" in message and "No space left on device" in message
    assert "\n" not in message
    assert {"briefing.json", "briefing.md", "briefing.html"} <= set(_tree(folder))
    assert not (tmp_path / "index.html").exists()
    assert _leftovers(tmp_path) == []


def test_a_full_disk_while_staging_leaves_the_previous_briefing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replace_folder(tmp_path, DAY, OLD)
    real_fsync = os.fsync
    calls = 0

    def full(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(RenderError, match="previous briefing there is unchanged"):
        replace_folder(tmp_path, DAY, NEW)
    assert _tree(tmp_path / DAY) == OLD
    assert _leftovers(tmp_path) == []
    shutil.rmtree(tmp_path / DAY)


# ------------------------------------------------------------ never read our own output


def test_generate_run_twice_in_the_same_folder_never_reads_its_own_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "news")
    monkeypatch.chdir(tmp_path)
    argv = ["generate", ".", "--date", DAY, "--llm", "none", "-v"]
    assert main(argv) == 0
    first = (tmp_path / "output" / DAY / "briefing.json").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert (tmp_path / "output" / DAY / "briefing.json").read_text(encoding="utf-8") == first
    assert "not read as articles: output: briefing's own output" in err


def test_an_input_that_is_the_output_folder_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "news")
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in (tmp_path / "news").iterdir())
    assert main(["generate", "news", "--output", "news", "--date", DAY, "--llm", "none"]) == 1
    assert "news is also the output folder" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "news").iterdir()) == before
    # Nothing was left to mark the folder: it is still read as articles.
    assert main(["generate", "news", "--output", "out", "--date", DAY, "--llm", "none"]) == 0


def test_a_lock_left_alone_does_not_make_a_folder_an_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An earlier briefing left only its lock (and .gitignore) in the articles.
    shutil.copytree(EXAMPLES, tmp_path / "news")
    (tmp_path / "news" / ".briefing.lock").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "news", "--output", "out", "--date", DAY, "--llm", "none"]) == 0
    assert (tmp_path / "out" / DAY / "briefing.json").exists()


def test_a_briefing_folder_elsewhere_is_passed_over_and_one_named_is_skipped(
    tmp_path: Path,
) -> None:
    from briefing.ingest import load_articles

    news = tmp_path / "news"
    shutil.copytree(EXAMPLES, news)
    shutil.copytree(ROOT / "tests" / "golden", news / "old-briefing")  # another --output's
    loaded = load_articles([news], exclude=[tmp_path / "output"])
    assert not any("old-briefing" in a.path for a in loaded.articles)
    assert loaded.passed_over == (
        f"{news.as_posix()}/old-briefing: a briefing that briefing wrote",
    )
    named = load_articles([news / "old-briefing" / "topics"], exclude=[])
    assert not named.articles
    assert "briefing's own output" in named.skipped[0].reason


# ------------------------------------------------------------ briefing.json is untrusted

TOPIC = "oman-opens-1-2bn-solar-4fb299"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples' offline briefing, generated once (from the repository,
    where its recorded paths are relative to)."""
    output = tmp_path_factory.mktemp("written") / "output"
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        assert main(["generate", "examples", "--date", DAY, "--output", str(output), "-q"]) == 0
    finally:
        os.chdir(here)
    return output


def _copy(written: Path, tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    output = tmp_path / "output"
    shutil.copytree(written, output)
    path = output / DAY / "briefing.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return output


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("briefing: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def test_the_input_roots_are_recorded(written: Path) -> None:
    data = json.loads((written / DAY / "briefing.json").read_text(encoding="utf-8"))
    assert data["inputs"] == ["examples"]


def test_a_tampered_topic_id_cannot_make_regenerate_write_outside_the_output(
    written: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["topics"][0]["id"] = "../../../x"

    output = _copy(written, tmp_path, edit)
    monkeypatch.chdir(ROOT)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    argv = ["regenerate", "--date", DAY, "--topic", "../../../x", "--output", str(output)]
    assert main([*argv, "--llm", "none"]) == 1
    err = _one_line_error(capsys)
    assert "topics[0].id" in err and "'../../../x'" in err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert not (ROOT.parent / "x.md").exists()


@pytest.mark.parametrize("where", ["outside", "hidden", "climbing"])
def test_a_recorded_path_outside_the_inputs_is_never_read(
    written: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("The private key is hunter2 and nobody must see it.\n" * 5)
    path = {
        "outside": str(secret),
        "hidden": "examples/.ssh/id.txt",
        "climbing": "examples/../../secret.txt",
    }[where]

    def edit(data: dict[str, Any]) -> None:
        data["articles"][0]["path"] = path

    output = _copy(written, tmp_path, edit)
    monkeypatch.chdir(ROOT)
    reads: list[str] = []
    real_read = Path.read_bytes

    def spy(self: Path) -> bytes:
        reads.append(str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    argv = ["regenerate", "--date", DAY, "--topic", TOPIC, "--output", str(output)]
    assert main([*argv, "--llm", "none"]) == 1
    err = _one_line_error(capsys)
    assert "articles[0].path" in err and "refused" in err
    assert not any("secret" in r for r in reads)


@pytest.mark.parametrize("given", ["../news", "../.local/news"])
def test_regenerate_reads_inputs_given_above_or_in_a_hidden_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], given: str
) -> None:
    # Inputs beside the folder generate runs in, or under ~/.local: generate
    # reads them, so regenerate must read the paths it recorded.
    work = tmp_path / "work"
    work.mkdir()
    shutil.copytree(EXAMPLES, work / given)
    monkeypatch.chdir(work)
    argv = ["--date", DAY, "--output", "output", "--llm", "none"]
    assert main(["generate", given, *argv]) == 0
    capsys.readouterr()
    assert main(["regenerate", "--topic", TOPIC, *argv]) == 0
    assert "gone" not in capsys.readouterr().err


def test_a_briefing_from_before_the_inputs_were_recorded_still_regenerates(
    written: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = _copy(written, tmp_path, lambda data: data.pop("inputs"))
    monkeypatch.chdir(ROOT)
    argv = ["regenerate", "--date", DAY, "--topic", TOPIC, "--output", str(output), "-q"]
    assert main([*argv, "--llm", "none"]) == 0


HAND_EDITS: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "no title": (lambda d: d["topics"][1].pop("title"), "topics[1] has no 'title'"),
    "paragraph as text": (
        lambda d: d["topics"][0]["summary"]["en"]["sentences"][0]["citations"][0].update(
            paragraph="two"
        ),
        "topics[0].summary.en.sentences[0].citations[0].paragraph",
    ),
    "topics not a list": (lambda d: d.update(topics={"a": 1}), "topics is {'a': 1}"),
    "bad language": (lambda d: d["articles"][2].update(lang="fa"), "articles[2].lang"),
    "bad date": (lambda d: d["articles"][1].update(published="yesterday"), "articles[1].published"),
}


@pytest.mark.parametrize("edit", sorted(HAND_EDITS))
@pytest.mark.parametrize("command", ["textconv", "diff", "topics", "regenerate"])
def test_a_hand_edited_briefing_gives_a_one_line_error_naming_the_field(
    written: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    edit: str,
    command: str,
) -> None:
    change, field = HAND_EDITS[edit]
    output = _copy(written, tmp_path, change)
    monkeypatch.chdir(ROOT)
    path = str(output / DAY / "briefing.json")
    argv = {
        "textconv": ["textconv", path],
        "diff": ["diff", str(written / DAY), path],
        "topics": ["topics", "--date", DAY, "--output", str(output)],
        "regenerate": ["regenerate", "--date", DAY, "--topic", TOPIC, "--output", str(output)],
    }[command]
    assert main(argv) == 1
    err = _one_line_error(capsys)
    assert field in err


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda d: d["topics"][0]["articles"].append("ghost"), "topics[0].articles[4] 'ghost'"),
        (lambda d: d.update(articles=[]), "topics[0].articles[0]"),
    ],
    ids=["unrecorded member", "no articles"],
)
def test_regenerate_of_a_topic_naming_an_unrecorded_article_is_a_one_line_error(
    written: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    edit: Callable[[dict[str, Any]], None],
    field: str,
) -> None:
    output = _copy(written, tmp_path, edit)
    monkeypatch.chdir(ROOT)
    argv = ["regenerate", "--date", DAY, "--topic", TOPIC, "--output", str(output)]
    assert main([*argv, "--llm", "none"]) == 1
    err = _one_line_error(capsys)
    assert "is not a briefing.json as briefing writes it" in err and field in err


def test_an_output_that_is_a_file_or_read_only_gives_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    assert main(["generate", "examples", "--date", DAY, "--output", str(afile)]) == 1
    assert "is a file" in _one_line_error(capsys)
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        assert main(["generate", "examples", "--date", DAY, "--output", str(locked)]) == 1
        assert "cannot write to the output folder" in _one_line_error(capsys)
    finally:
        locked.chmod(0o700)


@pytest.mark.parametrize("failing", [0, 1])
def test_a_rename_that_fails_leaves_one_complete_briefing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: int
) -> None:
    replace_folder(tmp_path, DAY, OLD)
    real_rename = os.rename
    calls = 0

    def rename(src: Any, dst: Any) -> None:
        nonlocal calls
        calls += 1
        if calls - 1 == failing:
            raise OSError(errno.EACCES, os.strerror(errno.EACCES))
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(RenderError, match="cannot replace"):
        replace_folder(tmp_path, DAY, NEW)
    monkeypatch.undo()
    assert _tree(tmp_path / DAY) in (OLD, NEW)
    recover(tmp_path)
    assert _leftovers(tmp_path) == []
