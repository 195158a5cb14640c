"""briefing: a day's Arabic and English news articles in, a cited bilingual briefing out.

Use it from Python as `build_briefing(paths, load_config())` (in memory) or
`generate(paths, config)` (also writes `output/<date>/`).
"""

__version__ = "0.1.0"

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
from .pipeline import build_briefing, generate

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
