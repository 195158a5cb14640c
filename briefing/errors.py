"""The exceptions briefing raises on purpose.

Each message tells the user what to do; the command line prints it without a
traceback (unless --verbose) and exits with status 1.
"""


class BriefingError(Exception):
    """Base class: an error whose message is meant for the user."""


class ConfigError(BriefingError):
    """The configuration (file, environment or flags) is invalid."""


class InputError(BriefingError):
    """The inputs cannot make a briefing (no readable articles, bad paths)."""


class LLMError(BriefingError):
    """The language model could not be used."""


class RenderError(BriefingError):
    """A template could not be rendered or the output could not be written."""
