"""The README, followed exactly as a new user would: its commands run against
the examples, its option synopsis matches the command line, its topic ids
exist, its `briefing.toml` works as written, its git textconv recipe turns a
`git diff` of `briefing.json` into sentences, and the account it quotes is
the line a run ends with."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, clear_machine_settings

from briefing.cli import main, parser
from briefing.config import Config

README = (ROOT / "README.md").read_text(encoding="utf-8")
GOLDEN_IDS = {
    t["id"]
    for t in json.loads((ROOT / "tests/golden/briefing.json").read_text(encoding="utf-8"))["topics"]
}
DATE = "2026-11-22"
# Commands that name what a reader has and the examples do not: their own
# article folders, an earlier day's briefing, git revisions, another folder.
NOT_IN_THE_EXAMPLES = ("today/", "incoming/", "HEAD~1", "other/", "2026-11-21")
COMMON = {"--config", "--output", "--quiet", "--verbose"}


def blocks(lang: str) -> list[str]:
    """The README's fenced code blocks of this language ("" for none)."""
    return [
        m.group(2)
        for m in re.finditer(r"^```(\w*)\n(.*?)^```", README, re.M | re.S)
        if m.group(1) == lang
    ]


def commands() -> list[list[str]]:
    """Every `briefing …` command line of the README's shell blocks, as the
    arguments after the program name."""
    found = []
    for block in blocks("sh"):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words and (words[0] == "briefing" or words[0].endswith("/bin/briefing")):
                found.append(words[1:])
    return found


def subparsers() -> dict[str, set[str]]:
    """Each command's long options, as the command line defines them."""
    choices = parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    return {
        name: {o for a in sub._actions for o in a.option_strings if o.startswith("--")} - {"--help"}
        for name, sub in choices.items()  # type: ignore[union-attr]
    }


@pytest.fixture(autouse=True)
def clean_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clear_machine_settings(tmp_path, monkeypatch)
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)


def test_every_documented_command_is_accepted_by_the_command_line() -> None:
    found = commands()
    assert len(found) >= 8
    for argv in found:
        try:
            parser().parse_args(argv)
        except SystemExit:
            pytest.fail(f"the README's `briefing {shlex.join(argv)}` is not a valid command")


def test_the_usage_synopsis_lists_exactly_each_commands_options() -> None:
    (synopsis,) = [b for b in blocks("") if b.startswith("briefing generate")]
    documented: dict[str, set[str]] = {}
    with_llm: set[str] = set()
    command = ""
    for line in synopsis.splitlines():
        if line.startswith("briefing "):
            command = line.split()[1]
        if "[LLM options as above]" in line:
            with_llm.add(command)
        documented.setdefault(command, set()).update(re.findall(r"--[a-z][a-z-]*", line))
    llm = documented["generate"] - {"--date", "--refresh", "--dry-run"} - COMMON
    assert with_llm == {"regenerate", "daily"}
    for name in with_llm:
        documented[name] |= llm
    for name, options in subparsers().items():
        # The common options are said once, under the synopsis, for the
        # commands that take them (git runs textconv bare; init takes none).
        assert documented.get(name, set()) | (COMMON & options) == options, name
        assert documented.get(name, set()) <= options, name


def test_documented_topic_ids_are_the_examples_topics() -> None:
    ids = set(re.findall(r"--topic ([a-z0-9-]+)", README))
    ids |= set(re.findall(r"`([a-z0-9-]+-[0-9a-f]{6})`", README))
    assert ids, "the README names no topic id"
    assert ids <= GOLDEN_IDS, f"not topics of the examples' briefing: {sorted(ids - GOLDEN_IDS)}"


def test_the_readme_commands_run_against_the_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ran = 0
    for argv in commands():
        if any(word.startswith(NOT_IN_THE_EXAMPLES) for word in argv):
            continue
        assert main(argv) == 0, f"`briefing {shlex.join(argv)}` failed"
        ran += 1
        err = capsys.readouterr().err
        if argv[0] == "generate":
            quoted = README.split("It ends with a one-line account")[1].split("```")[1]
            assert err.strip().splitlines()[-1] == quoted.strip()
    assert ran >= 4
    (listing,) = [b for b in blocks("") if b.startswith("output/")]
    for line in listing.splitlines():
        pattern = line.split()[0].replace("<topic-id>", "*")
        assert list(tmp_path.glob(pattern)), f"the README lists {pattern}; it was not written"


def test_usage_errors_exit_with_status_2_as_documented() -> None:
    assert "2 on a usage error" in README
    for argv in (["generate", "examples", "--no-such-option"], ["generate", "--date", "22/11"]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2


def test_the_briefing_toml_example_works_as_written(tmp_path: Path) -> None:
    (toml,) = blocks("toml")
    keys = re.findall(r"^#? ?([a-z_]+) = ", toml, re.M)
    fields = {f.name for f in Config.__dataclass_fields__.values()}
    assert set(keys) <= fields, f"not settings: {sorted(set(keys) - fields)}"
    (tmp_path / "briefing.toml").write_text(toml, encoding="utf-8")
    assert main(["generate", "examples", "--date", DATE, "-q"]) == 0
    assert (tmp_path / "output" / DATE / "briefing.json").is_file()


def test_the_environment_paragraph_names_every_variable_read() -> None:
    """BRIEFING_CONFIRM_GROUPS was read but missing from the list a user
    looks in for the variables."""
    from briefing.config import ENVIRONMENT

    paragraph = README[README.index("Environment: `OPENAI_BASE_URL`") :].split("\n\n")[0]
    missing = [name for name in ENVIRONMENT if f"`{name}`" not in paragraph]
    assert not missing, f"not in the README's Environment paragraph: {missing}"


def _git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples' briefing, written once for the tests that only read it."""
    folder = tmp_path_factory.mktemp("written")
    shutil.copytree(EXAMPLES, folder / "examples")
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        assert main(["generate", "examples", "--date", DATE, "--llm", "none", "-q"]) == 0
    finally:
        os.chdir(cwd)
    return folder / "output"


@pytest.mark.parametrize("recipe", ["on the PATH", "absolute path"])
def test_the_textconv_recipe_makes_git_diff_show_sentences(
    tmp_path: Path, recipe: str, written: Path
) -> None:
    lines = [
        line
        for block in blocks("sh")
        for line in block.splitlines()
        if "diff=briefing" in line or "diff.briefing.textconv" in line
    ]
    echo, on_path, absolute = lines
    tmp_path = tmp_path / "my checkout"  # git runs the command through a shell
    shutil.copytree(written, tmp_path / "output")
    # The development .venv, where the README's absolute recipe expects it.
    (tmp_path / ".venv").symlink_to(Path(sys.executable).parent.parent)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    if recipe == "absolute path":
        env = {**os.environ}
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "reader@example.test")
    _git(tmp_path, "config", "user.name", "Reader")
    for line in (echo, on_path if recipe == "on the PATH" else absolute):
        subprocess.run(line, shell=True, cwd=tmp_path, check=True, env=env)
    _git(tmp_path, "add", "output")
    _git(tmp_path, "commit", "-q", "-m", "briefing")
    data_file = tmp_path / "output" / DATE / "briefing.json"
    data = json.loads(data_file.read_text(encoding="utf-8"))
    first = data["topics"][0]["summary"]["en"]["sentences"][0]
    old_text, first["text"] = first["text"], "A sentence changed by hand."
    data_file.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    changed = _git(tmp_path, "diff", env=env).splitlines()[4:]
    assert [line for line in changed if line.startswith(("-", "+"))] == [
        f"-en: {old_text} [{first['citations'][0]['article']} ¶1]",
        f"+en: A sentence changed by hand. [{first['citations'][0]['article']} ¶1]",
    ]
