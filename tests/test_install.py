"""briefing as a user gets it from `pip install .`: a wheel, installed into a
fresh virtualenv outside the checkout, its dependencies resolved from the
package index exactly as declared in pyproject.toml (through a wheelhouse
refreshed daily, see WHEELHOUSE).

This catches what the editable development install hides: a dependency that
only the development environment happens to have (trafilatura's
`lxml_html_clean`), package data missing from the wheel, or package data read
through a file-system path instead of `importlib.resources`. Building and
installing takes about 30 s from the wheelhouse (a minute more when it is
refilled); every test here shares the one installation.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import filelock
import pytest

from briefing.cli import parser

from .regen_golden import GOLDEN, ROOT

DATE = "2026-11-22"
# Wheels of the declared dependencies, resolved from the package index at most
# once a day and kept between runs, so that most runs install with no index
# look-ups (they take over half a minute). pip still installs exactly what the
# wheel declares: a dependency used but not declared is missing all the same.
WHEELHOUSE = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefing-tests" / "wheels"
)
REFILL_AFTER = 24 * 3600


def _commands() -> list[str]:
    """The sub-commands the command line defines."""
    actions = parser()._subparsers._group_actions  # type: ignore[union-attr]
    return sorted(actions[0].choices)  # type: ignore[arg-type]


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


class Installed:
    """A wheel built from the checkout and installed into its own venv."""

    def __init__(self, base: Path) -> None:
        self.wheel = self._build(base / "dist")
        self.venv = base / "venv"
        self.bin = self.venv / "bin"
        self.home = base / "home"
        self.home.mkdir()
        self._install()

    @staticmethod
    def _env(**extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFING_"))}
        env.pop("PYTHONPATH", None)
        env.pop("VIRTUAL_ENV", None)
        env.pop("SOURCE_DATE_EPOCH", None)
        return {**env, **extra}

    def _build(self, dist: Path) -> Path:
        pip = [sys.executable, "-m", "pip"]
        done = _run(
            [*pip, "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)], ROOT, self._env()
        )
        assert done.returncode == 0, f"building the wheel failed:\n{done.stderr[-3000:]}"
        (wheel,) = dist.glob("briefing-*.whl")
        return wheel

    def _install(self) -> None:
        # No pip of its own (ensurepip takes seconds): this pip installs into it.
        venv = [sys.executable, "-m", "venv", "--without-pip", str(self.venv)]
        made = _run(venv, ROOT, self._env())
        assert made.returncode == 0, made.stderr
        WHEELHOUSE.mkdir(parents=True, exist_ok=True)
        with filelock.FileLock(str(WHEELHOUSE) + ".lock", timeout=900):
            stamp = WHEELHOUSE / ".filled"
            stale = not stamp.exists() or time.time() - stamp.stat().st_mtime > REFILL_AFTER
            done = None if stale else self._pip("install", "--no-compile", "--no-index")
            if done is None or done.returncode != 0:
                # A dependency declared since the last fill, or a day passed:
                # resolve the wheel's dependencies from the index again.
                shutil.rmtree(WHEELHOUSE)
                filled = self._pip("wheel", "-w", str(WHEELHOUSE))
                assert filled.returncode == 0, f"resolving failed:\n{filled.stderr[-3000:]}"
                stamp.touch()
                done = self._pip("install", "--no-compile", "--no-index")
        assert done.returncode == 0, f"installing the wheel failed:\n{done.stderr[-3000:]}"

    def _pip(self, command: str, *options: str) -> subprocess.CompletedProcess[str]:
        """The fresh venv's pip `command` on the wheel, finding wheels in the wheelhouse."""
        pip = [sys.executable, "-m", "pip", "--python", str(self.bin / "python"), command, "-q"]
        pip += options
        pip += ["--find-links", str(WHEELHOUSE), str(self.wheel)]
        return _run(pip, self.venv, self._env())

    def _user_env(self) -> dict[str, str]:
        """No model configured, and the answer cache in a home of its own."""
        return self._env(HOME=str(self.home), XDG_CACHE_HOME=str(self.home / ".cache"))

    def briefing(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """Run the installed `briefing` in `cwd`."""
        return _run([str(self.bin / "briefing"), *args], cwd, self._user_env())

    def start(self, *args: str, cwd: Path) -> subprocess.Popen[str]:
        """Start the installed `briefing` in `cwd`, its output piped."""
        return subprocess.Popen(
            [str(self.bin / "briefing"), *args],
            cwd=cwd,
            env=self._user_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    return Installed(tmp_path_factory.mktemp("install"))


def test_the_wheel_ships_every_prompt_and_template(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for folder in ("prompts", "templates"):
        for file in sorted(f for f in (ROOT / folder).rglob("*") if f.is_file()):
            name = file.relative_to(ROOT / folder).as_posix()
            assert f"briefing/{folder}/{name}" in names, f"{folder}/{name} not shipped"


def test_every_command_answers_help_from_the_installed_wheel(
    installed: Installed, tmp_path: Path
) -> None:
    top = installed.briefing("--help", cwd=tmp_path)
    assert top.returncode == 0, top.stderr
    commands = _commands()
    # Started together: each one's time is mostly importing.
    running = {c: installed.start(c, "--help", cwd=tmp_path) for c in commands}
    for command, process in running.items():
        out, err = process.communicate(timeout=300)
        assert command in top.stdout
        assert process.returncode == 0, f"{command} --help: {err}"
        assert f"usage: briefing {command}" in out


def test_the_installed_wheel_writes_the_examples_briefing_from_another_folder(
    installed: Installed, tmp_path: Path
) -> None:
    # A user's own folder, far from the checkout; recorded paths are relative
    # to it, as in the saved copy.
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    done = installed.briefing("generate", "examples", "--date", DATE, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("read 12 inputs: 12 articles")
    made = tmp_path / "output" / DATE
    for golden in sorted(p for p in GOLDEN.rglob("*") if p.is_file()):
        name = golden.relative_to(GOLDEN)
        assert (made / name).read_bytes() == golden.read_bytes(), f"{name} differs"
    listed = installed.briefing("topics", "--date", DATE, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == 6
    shown = installed.briefing("textconv", str(made / "briefing.json"), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "dockworkers-strike-halts-container-terminal-55b287" in shown.stdout


def test_prompts_and_templates_are_read_from_a_zipped_package(tmp_path: Path) -> None:
    """The package as the wheel lays it out, imported from a zip file: there
    is no file-system path to any resource, so only reads through
    importlib.resources work (a fast check of what the wheel test proves)."""
    archive = tmp_path / "briefing.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in sorted((ROOT / "briefing").rglob("*.py")):
            zipped.write(file, file.relative_to(ROOT).as_posix())
        for folder in ("prompts", "templates"):
            for file in sorted((ROOT / folder).iterdir()):
                zipped.write(file, f"briefing/{folder}/{file.name}")
    code = (
        "import briefing, sys\n"
        "assert briefing.__file__.startswith(sys.argv[1]), briefing.__file__\n"
        "from briefing.summary.glossary import load_glossary\n"
        "from briefing.summary.prompting import environment\n"
        "from briefing.output.render import environments, stylesheet\n"
        "assert len(load_glossary().entries) > 10\n"
        "environment().get_template('system.j2')\n"
        "environments().text.get_template('briefing.md.j2')\n"
        "assert 'body' in stylesheet()[0]\n"
    )
    env = {**os.environ, "PYTHONPATH": str(archive)}
    done = _run([sys.executable, "-c", code, str(archive)], tmp_path, env)
    assert done.returncode == 0, done.stderr[-3000:]
