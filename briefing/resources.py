"""The shipped prompt and document templates, read as package resources.

In a wheel they are the folders `briefing/prompts/` and `briefing/templates/`
inside the installed package, read through `importlib.resources` (so they are
found however the package was installed: a site-packages folder, a zip, a
namespace package); in a source checkout (and the editable install) they are
the repository's top-level `prompts/` and `templates/` folders. Nothing here
turns a resource into a file-system path: a `Traversable` is read as it is.
"""

from __future__ import annotations

import importlib.resources
from importlib.resources.abc import Traversable
from pathlib import Path

import jinja2


def resource_dir(name: str) -> Traversable:
    """The folder holding the shipped `name` files ("prompts" or "templates")."""
    shipped = importlib.resources.files("briefing").joinpath(name)
    if shipped.is_dir():
        return shipped
    # A source checkout: the folders sit beside the package, not inside it.
    return Path(__file__).resolve().parent.parent / name


def read_resource(name: str, file: str) -> str:
    """The text of the shipped file `name`/`file` (UTF-8)."""
    return resource_dir(name).joinpath(file).read_text(encoding="utf-8")


def template_loader(name: str) -> jinja2.BaseLoader:
    """A Jinja loader over the shipped `name` folder that reads through
    importlib.resources; an unknown template is jinja2.TemplateNotFound."""
    folder = resource_dir(name)

    def load(template: str) -> str | None:
        file = folder
        for piece in jinja2.loaders.split_template_path(template):
            file = file.joinpath(piece)
        return file.read_text(encoding="utf-8") if file.is_file() else None

    return jinja2.FunctionLoader(load)
