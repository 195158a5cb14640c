"""Where the shipped prompt and document templates are.

In a wheel they are the packages `briefing.prompts` and `briefing.templates`;
in a source checkout (and an editable install) they are the repository's
top-level `prompts/` and `templates/` folders.
"""

from __future__ import annotations

import importlib
import importlib.resources
from pathlib import Path


def resource_dir(name: str) -> Path:
    """The folder holding the shipped `name` files ("prompts" or "templates")."""
    try:
        files = importlib.resources.files(f"briefing.{name}")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / name
    if isinstance(files, Path):
        return files
    # In a wheel the folder has no __init__.py: a namespace package, whose
    # files() is a MultiplexedPath (its str() is no path); its folder is ours.
    return Path(next(iter(importlib.import_module(f"briefing.{name}").__path__)))
