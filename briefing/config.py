"""One typed configuration, merged in one place.

Precedence, lowest first: built-in defaults, the config file (`briefing.toml`
in the working directory, or the file named by `--config`), the environment
(`OPENAI_BASE_URL`, `OPENAI_API_KEY`, `BRIEFING_MODEL`, ...), then flags given
on the command line. Flags that were not given are left out of the merge.
Unknown keys in the file are an error that names the key.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from .errors import ConfigError

LLMMode = Literal["auto", "none", "openai", "local"]
LangOrder = Literal["ar-first", "en-first"]

CONFIG_FILE = "briefing.toml"


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefing" / "answers.sqlite"


@dataclass(frozen=True)
class Config:
    """Everything a run needs to know besides its inputs."""

    output: Path = Path("output")
    llm: LLMMode = "auto"
    base_url: str | None = None
    api_key: str | None = None
    model: str = "gpt-4o-mini"
    local_model: Path | None = None
    timeout: float = 60.0
    run_timeout: float = 1800.0
    max_retries: int = 3
    concurrency: int = 4
    input_budget: int = 6000
    summary_sentences: int = 4
    cache: Path = dataclasses.field(default_factory=_default_cache)
    refresh: bool = False
    glossary: Path | None = None
    order: LangOrder = "ar-first"
    # The optional judge: a model asked whether each sentence that passed the
    # deterministic checks is entailed by the paragraphs it cites. Its model,
    # endpoint and key default to the summarizing ones.
    judge: bool = False
    judge_model: str | None = None
    judge_base_url: str | None = None
    judge_api_key: str | None = None
    # Put the grouping's borderline decisions to the model (the judge's model
    # when there is one); never asked offline. Off by default: on dev the real
    # small model made grouping worse (0.963 -> 0.899), and no stronger model
    # has been measured; perfect answers would gain about 0.02.
    confirm_groups: bool = False
    # fetch and daily: where articles go, which feeds, how politely.
    articles: Path = Path("articles")
    feeds: Path | None = None
    user_agent: str | None = None
    fetch_timeout: float = 30.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    per_host: int = 2
    host_delay: float = 0.5
    fetch_workers: int = 16
    window_hours: int = 24


# Environment variables read, and the key each one sets. The OpenAI ones are
# the openai client's own, so an endpoint configured for other tools works.
ENVIRONMENT = {
    "OPENAI_BASE_URL": "base_url",
    "OPENAI_API_KEY": "api_key",
    "BRIEFING_MODEL": "model",
    "BRIEFING_LLM": "llm",
    "BRIEFING_OUTPUT": "output",
    "BRIEFING_LOCAL_MODEL": "local_model",
    "BRIEFING_JUDGE": "judge",
    "BRIEFING_JUDGE_MODEL": "judge_model",
    "BRIEFING_JUDGE_BASE_URL": "judge_base_url",
    "BRIEFING_JUDGE_API_KEY": "judge_api_key",
    "BRIEFING_CONFIRM_GROUPS": "confirm_groups",
}

_FIELDS = {f.name: f for f in dataclasses.fields(Config)}
_PATH_KEYS = ("output", "local_model", "cache", "glossary", "articles", "feeds")


# Upper bounds, so that a typo cannot ask for a million threads or a timeout
# of centuries.
_MAXIMUM = {
    "concurrency": 64,
    "max_retries": 10,
    "timeout": 86_400.0,
    "run_timeout": 604_800.0,
    # `host_delay = 500` (milliseconds meant) spaced a site's pages minutes apart.
    "host_delay": 60.0,
    "fetch_timeout": 86_400.0,
    "per_host": 64,
    "fetch_workers": 256,
}


# The words an environment variable may use for a true or false setting.
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


# Float settings for which 0 means "none" rather than nothing working.
_ZERO_ALLOWED = ("host_delay",)

# Endpoints: the openai client cannot use a URL without its scheme
# ("localhost:11434/v1"), and reported a server that was up as unreachable.
_URL_KEYS = ("base_url", "judge_base_url")


def _coerce(key: str, value: Any, origin: str) -> Any:
    """Check `value` against the type and range of field `key`, converting
    strings only when they come from the environment (a file or flag must give
    the right type); raise ConfigError naming the key and where it came from."""
    hint = str(_FIELDS[key].type)
    text = origin.startswith("environment")
    try:
        if key in ("llm", "order"):
            allowed = get_args(LLMMode if key == "llm" else LangOrder)
            if value not in allowed:
                raise ValueError(f"must be one of {', '.join(allowed)}")
            return value
        if hint == "float":
            return _number(key, value, text, float)
        if hint == "int":
            return _number(key, value, text, int)
        if hint == "bool":
            if isinstance(value, str) and text:
                word = value.strip().lower()
                if word not in _TRUE + _FALSE:
                    # A typo ('ture') must not turn the judge silently off.
                    raise ValueError(f"must be one of {', '.join(_TRUE + _FALSE)}")
                return word in _TRUE
            if not isinstance(value, bool):
                raise ValueError("must be true or false")
            return value
        if not isinstance(value, str | os.PathLike) and value is not None:
            raise ValueError(f"must be a string, not {_kind(value)}")
        if value in (None, "") and not hint.endswith("None"):
            # An empty value for a setting that cannot be unset (output,
            # cache, model, articles) would surface later as a TypeError.
            raise ValueError("must not be empty")
        if hint.startswith("Path"):
            return Path(os.path.expanduser(str(value))) if value not in (None, "") else None
        if key in _URL_KEYS and value not in (None, ""):
            _check_url(str(value))
        if key == "user_agent" and value and not re.fullmatch(r"[ -~]+", str(value)):
            # Sent as an HTTP header: a line break or an Arabic letter failed
            # every request with 'Illegal header value' or a UnicodeEncodeError.
            raise ValueError("must be printable ASCII on one line (an HTTP header)")
        return None if value in (None, "") else str(value)
    except (TypeError, ValueError, OverflowError) as error:
        raise ConfigError(f"{origin}: invalid value for '{key}' ({value!r}): {error}") from None


def _check_url(url: str) -> None:
    """Raise ValueError unless `url` is an http:// or https:// URL; one without
    a scheme is shown with the one it probably lacks."""
    if re.match(r"^https?://[^/\s]", url, re.IGNORECASE) and not re.search(r"\s", url):
        return
    hint = f" (e.g. 'http://{url}')" if "://" not in url and url.strip() else ""
    raise ValueError(f"must be a URL starting with http:// or https://{hint}")


def _kind(value: object) -> str:
    return {dict: "a table", list: "a list", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )


def _number(key: str, value: Any, text: bool, kind: type[int] | type[float]) -> int | float:
    """`value` as a finite number in the key's range."""
    whole = kind is int
    if isinstance(value, str) and text:
        value = int(value) if whole else float(value)
    allowed = (int,) if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, allowed):
        raise ValueError(f"must be {'a whole number' if whole else 'a number'}, not {_kind(value)}")
    number = kind(value)
    if not math.isfinite(number):
        raise ValueError("must be a finite number")
    if whole and number < (least := 0 if key == "max_retries" else 1):
        raise ValueError(f"must be at least {least}")
    if not whole and (number < 0 or (number == 0 and key not in _ZERO_ALLOWED)):
        raise ValueError("must be positive")
    if key in _MAXIMUM and number > _MAXIMUM[key]:
        raise ValueError(f"must be at most {_MAXIMUM[key]:g}")
    return number


def read_file(path: Path) -> dict[str, Any]:
    """The settings in a TOML config file; unknown keys are an error."""
    try:
        # A byte-order mark is what Windows editors put first; TOML has none.
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise ConfigError(f"cannot read config file {path}: {error.strerror}") from None
    except UnicodeDecodeError as error:
        utf16 = error.object[:2] in (b"\xff\xfe", b"\xfe\xff")
        kind = "UTF-16 text (as Windows PowerShell writes)" if utf16 else "not UTF-8 text"
        raise ConfigError(f"config file {path} is {kind}: save it as UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"config file {path} is not valid TOML: {error}") from None
    for key, value in data.items():
        if key not in _FIELDS and isinstance(value, dict):
            # `[fetch]` then `per_host = 1`: every line after it is in the table.
            inner = ", ".join(sorted(value)) or "none"
            raise ConfigError(
                f"{path}: [{key}] starts a table, and briefing's settings are not in "
                f"tables: put the lines under it ({inner}) at the top level"
            )
        if key not in _FIELDS:
            close = difflib.get_close_matches(key, sorted(_FIELDS), n=1)
            if close:
                raise ConfigError(f"{path}: unknown key '{key}' (did you mean '{close[0]}'?)")
            known = ", ".join(sorted(_FIELDS))
            raise ConfigError(f"{path}: unknown key '{key}' (known keys: {known})")
    return data


def load_config(
    flags: Mapping[str, Any] | None = None,
    *,
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Config:
    """Merge defaults, config file, environment and given flags into a Config.

    `flags` maps field names to values; None values mean "not given" and are
    skipped. Without `config_file`, `briefing.toml` in `cwd` is read if present.
    """
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = config_file
    if path is None:
        candidate = (cwd or Path.cwd()) / CONFIG_FILE
        path = candidate if candidate.is_file() else None
    elif path.is_dir():
        raise ConfigError(
            f"config file {path} is a folder: name the file, e.g. {path / CONFIG_FILE}"
        )
    elif not path.is_file():
        raise ConfigError(f"config file {path} does not exist")
    if path is not None:
        for key, value in read_file(path).items():
            values[key] = _coerce(key, value, str(path))
            if key in _PATH_KEYS and values[key] is not None:
                # Relative paths in a config file are relative to that file.
                values[key] = (
                    (path.parent / values[key]).resolve()
                    if not values[key].is_absolute()
                    else values[key]
                )
    for variable, key in ENVIRONMENT.items():
        if environ.get(variable):
            values[key] = _coerce(key, environ[variable], f"environment variable {variable}")
    for key, value in (flags or {}).items():
        if value is None:
            continue
        if key not in _FIELDS:
            raise ConfigError(f"unknown setting '{key}'")
        values[key] = _coerce(key, value, "command line")
    return Config(**values)
