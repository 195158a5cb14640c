"""briefing: a day's Arabic and English news articles in, a cited bilingual briefing out.

Use it from Python as `build_briefing(paths, load_config())` (in memory) or
`generate(paths, config)` (also writes `output/<date>/`).
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

from .config import Config, load_config
from .errors import BriefingError, ConfigError, InputError, LLMError, RenderError
from .models import (
    Article,
    Briefing,
    Citation,
    Dropped,
    Group,
    Sentence,
    Skipped,
    Summary,
    Topic,
)

if TYPE_CHECKING:
    from .pipeline import build_briefing, generate


def __getattr__(name: str) -> Any:
    # The pipeline imports the openai client (over a second): commands that do
    # not run it (`--help`, `textconv`, which git runs once per file) skip it.
    if name in ("build_briefing", "generate"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'briefing' has no attribute {name!r}")


__all__ = [
    "Article",
    "Briefing",
    "BriefingError",
    "Citation",
    "Config",
    "ConfigError",
    "Dropped",
    "Group",
    "InputError",
    "LLMError",
    "RenderError",
    "Sentence",
    "Skipped",
    "Summary",
    "Topic",
    "__version__",
    "build_briefing",
    "generate",
    "load_config",
]
