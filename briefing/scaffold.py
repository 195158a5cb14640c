"""`init`: a ready briefing repository in one command.

`git init`, then the files shipped in `templates/init/` (a commented
`briefing.toml`, a `feeds.opml` of public Arabic and English feeds, the
`.gitattributes` that sends `briefing.json` through the textconv driver, a
`.gitignore` for articles, state, locks and caches, and a README with the
cron line and systemd units), the driver's line in `.git/config`, and a first
commit. Nothing that exists is overwritten.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

from .daily import IDENTITY
from .errors import ConfigError
from .resources import resource_dir

# File written -> template under templates/init/ (dotfiles are shipped without
# the dot so that packaging tools do not pass them over).
FILES = {
    "briefing.toml": "briefing.toml",
    "feeds.opml": "feeds.opml",
    ".gitattributes": "gitattributes",
    ".gitignore": "gitignore",
    "README.md": "README.md",
}


def briefing_command() -> str:
    """The `briefing` executable next to this Python (a venv's), else the bare
    name: cron and git run it with a minimal PATH."""
    beside = Path(sys.executable).with_name("briefing")
    return str(beside) if beside.is_file() else "briefing"


def init_repository(folder: Path) -> list[Path]:
    """Make `folder` a briefing repository; the files written. Raises
    ConfigError when one of them exists already or git fails."""
    existing = [folder / name for name in FILES if (folder / name).exists()]
    if existing:
        raise ConfigError(f"{existing[0]} already exists; briefing init overwrites nothing")
    folder.mkdir(parents=True, exist_ok=True)
    _git(folder, "init", "-q")
    # cron, systemd's ExecStart and git's textconv split their command
    # lines as the shell does: a folder "My News" must reach them quoted.
    command = shlex.quote(briefing_command())
    place = str(folder.resolve())
    values = {"{{folder_sh}}": shlex.quote(place), "{{folder}}": place, "{{briefing}}": command}
    templates = resource_dir("templates") / "init"
    written = []
    for name, template in FILES.items():
        text = (templates / template).read_text(encoding="utf-8")
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    _git(folder, "config", "diff.briefing.textconv", f"{command} textconv")
    _git(folder, "add", "--", *FILES)
    identity = [] if _git(folder, "config", "user.email", check=False) else IDENTITY
    _git(folder, *identity, "commit", "-q", "-m", "briefing init", "--", *FILES)
    return written


def _git(folder: Path, *args: str, check: bool = True) -> str:
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise ConfigError(f"git {args[0]} in {folder} failed: {done.stderr.strip()}")
    return done.stdout.strip()
