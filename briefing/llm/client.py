"""The language model behind one small interface.

`make_client` is the one place the OpenAI client is built. `ChatModel.ask`
sends one chat request that must answer with JSON of a given schema and
returns the parsed, validated answer. It retries what can succeed later
(429, 5xx, timeouts, lost connections) with exponential backoff, honouring
Retry-After; it asks for structured output the strictest way the server
accepts (json_schema, then json_object with the schema, then plain text) and
remembers per endpoint and model what worked; and it keeps every answer in
the SQLite cache, so the same request is never sent twice. The answer, its
parsing and the usage counts are `answers`' (and named here too).
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import httpx2

from ..errors import LLMError
from ..text import without_surrogates
from .answers import ANSWER_COUNTS, Answer, Message, Usage, estimate_tokens, parse_json
from .cache import AnswerCache, cache_key
from .guard import Breaker, Overdue, within

if TYPE_CHECKING:
    # Imported where a call is made: the package takes most of a second to
    # import, which a run without a model (and every test of one) never needs.
    import openai

__all__ = [
    "ANSWER_COUNTS",
    "MODES",
    "OPENAI_URL",
    "PLACEHOLDER_KEY",
    "Answer",
    "ChatModel",
    "EndpointDown",
    "LLMCallError",
    "LLMSettings",
    "Message",
    "Mode",
    "UnusableAnswer",
    "Usage",
    "describe_failure",
    "estimate_tokens",
    "make_client",
    "parse_json",
    "request_key",
    "request_params",
]

# Local servers (llama.cpp, vLLM, Ollama) need no key, but the client wants one.
PLACEHOLDER_KEY = "no-key-needed"
OPENAI_URL = "https://api.openai.com/v1"

Mode = Literal["json_schema", "json_object", "text"]
MODES: tuple[Mode, ...] = ("json_schema", "json_object", "text")
_RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class LLMSettings:
    """How to reach and use the model; built by the pipeline from Config.

    `input_budget` is the most prompt tokens one call may take (topics over it
    are summarized part by part); `backoff` is the first retry's wait in
    seconds, doubling each retry, and `max_wait` caps any wait, a server's
    Retry-After included.
    """

    base_url: str | None
    api_key: str | None
    model: str
    timeout: float = 60.0
    max_retries: int = 3
    concurrency: int = 4
    input_budget: int = 6000
    cache_path: Path | None = None
    refresh: bool = False
    temperature: float = 0.0
    sentences: int = 4
    max_output_tokens: int | None = 2048
    backoff: float = 1.0
    max_wait: float = 60.0
    # What the cache knows the endpoint by, when its URL changes from run to
    # run (a local server on a free port); defaults to the URL.
    endpoint_id: str | None = None
    # Seconds all of a run's model calls may take together (None: no limit).
    run_timeout: float | None = None
    # The optional judge's model and endpoint (None: no judge).
    judge: LLMSettings | None = None

    @property
    def endpoint(self) -> str:
        return (self.base_url or OPENAI_URL).rstrip("/")


def make_client(settings: LLMSettings, http_client: httpx2.Client | None = None) -> openai.OpenAI:
    """The OpenAI client for `settings`: its own retries are off, because
    `ChatModel` retries itself (honouring Retry-After and counting requests)."""
    import openai

    return openai.OpenAI(
        base_url=settings.base_url,
        api_key=settings.api_key or PLACEHOLDER_KEY,
        timeout=settings.timeout,
        max_retries=0,
        http_client=http_client,
    )


class LLMCallError(LLMError):
    """A call that failed for good (after retries, or at once when retrying
    cannot help); the message says what happened and what to do."""


class EndpointDown(LLMCallError):
    """The run stopped asking: the endpoint failed for good on an earlier
    call, or the run's time limit is up. Every call after it gets the same
    message, so the run can say it once."""


class UnusableAnswer(LLMError):
    """The model answered, but not with anything usable (twice)."""


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _retry_after(response: httpx2.Response | None) -> float | None:
    """Seconds the server asked us to wait, from Retry-After(-Ms), if any."""
    if response is None:
        return None
    headers = response.headers
    if "retry-after-ms" in headers:
        try:
            return float(headers["retry-after-ms"]) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        when = email.utils.parsedate_to_datetime(value)
        if when is None:
            return None
        return max(0.0, when.timestamp() - time.time())


def _format_rejected(exc: openai.APIStatusError) -> bool:
    """Did the server refuse the request's response_format?"""
    text = str(exc).lower()
    mentions = any(k in text for k in ("response_format", "json_schema", "json_object"))
    return exc.status_code in (400, 422) or mentions


def request_key(
    settings: LLMSettings, messages: list[Message], schema: Mapping[str, Any], name: str
) -> str:
    """The cache key of a request: everything that determines its answer."""
    return cache_key(
        {
            "endpoint": settings.endpoint_id or settings.endpoint,
            "model": settings.model,
            "messages": messages,
            "temperature": settings.temperature,
            "max_tokens": settings.max_output_tokens,
            "schema": {"name": name, "schema": schema},
        }
    )


def request_params(
    settings: LLMSettings, mode: Mode, schema: Mapping[str, Any], name: str
) -> dict[str, Any]:
    """The chat request's parameters besides the messages, asking for
    structured output of `schema` the `mode` way."""
    params: dict[str, Any] = {"model": settings.model, "temperature": settings.temperature}
    if settings.max_output_tokens is not None:
        params["max_tokens"] = settings.max_output_tokens
    if mode == "json_schema":
        params["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": name, "strict": True, "schema": dict(schema)},
        }
    elif mode == "json_object":
        # llama.cpp's server constrains the output to `schema` given here.
        params["response_format"] = {"type": "json_object", "schema": dict(schema)}
    return params


def with_form(messages: list[Message], form: str) -> list[Message]:
    """`messages` with `form` (the answer's schema in prose) as a last user
    message, for a server that cannot be given the schema itself."""
    return [*messages, {"role": "user", "content": form}]


def describe_failure(settings: LLMSettings, exc: openai.OpenAIError | Overdue, attempt: int) -> str:
    """What went wrong with a call that failed for good, and what to do."""
    import openai

    s = settings
    tries = f"after {attempt + 1} attempt{'s' if attempt else ''}"
    if isinstance(exc, openai.APITimeoutError | Overdue):
        return (
            f"{s.endpoint} did not answer within {s.timeout:g}s ({tries}); "
            "raise --timeout or use a faster model"
        )
    if isinstance(exc, openai.APIConnectionError):
        return f"cannot reach {s.endpoint} ({tries}): {exc}; check --base-url"
    if isinstance(exc, openai.AuthenticationError):
        return f"{s.endpoint} refused the API key (401); check OPENAI_API_KEY"
    if isinstance(exc, openai.NotFoundError):
        # Servers name the model they lack; a 404 that does not is a wrong
        # address ('.../v1' left out, or '/chat/completions' added).
        if exc.code == "model_not_found" or s.model in str(exc.message):
            return f"{s.endpoint} has no model {s.model!r} (404); check --model"
        return (
            f"{s.endpoint} answered 404 (not found) to a chat request; check --base-url "
            "(an OpenAI-compatible endpoint usually ends in /v1) and --model"
        )
    if isinstance(exc, openai.APIStatusError):
        return f"{s.endpoint} answered HTTP {exc.status_code} ({tries}): {str(exc)[:300]}"
    return str(exc)


class ChatModel:
    """Asks one model for JSON answers; shared by the worker threads of a run."""

    def __init__(
        self,
        settings: LLMSettings,
        client: openai.OpenAI | None = None,
        cache: AnswerCache | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.settings = settings
        self.client = client or make_client(settings)
        self.cache = cache
        self.breaker = Breaker(settings.run_timeout)
        self.sleep = sleep or self.breaker.pause
        # What response_format works, per (endpoint, model); the first call
        # probes while the others wait, so a server that rejects json_schema
        # sees one rejected request per run, not one per thread.
        self._modes: dict[tuple[str, str], Mode] = {}
        self._probing: dict[tuple[str, str], threading.Lock] = {}
        self._lock = threading.Lock()

    def ask(
        self,
        messages: list[Message],
        schema: Mapping[str, Any],
        name: str,
        usage: Usage,
        form: str | None = None,
    ) -> Answer:
        """Send `messages` (or answer from the cache) and parse the reply
        against `schema`. `form`, the schema written out for the model, is
        added as a last user message only for a server that takes no schema
        (the text mode): the others carry it in response_format. Raises
        LLMCallError when no reply could be had."""
        usage.calls += 1
        usage.estimated_prompt_tokens += estimate_tokens(messages)
        key = request_key(self.settings, messages, schema, name)
        refresh = self.settings.refresh
        stored = self.cache.get(key) if self.cache is not None and not refresh else None
        if stored is not None and isinstance(stored.get("content"), str):
            content = str(stored["content"])
            data, error = parse_json(content, schema)
            if data is not None:  # an unusable answer stored by an older version is asked again
                usage.cached += 1
                usage.prompt_tokens += _int(stored.get("prompt_tokens"))
                usage.completion_tokens += _int(stored.get("completion_tokens"))
                return Answer(content, data, None, cached=True)
        before = (usage.prompt_tokens, usage.completion_tokens)
        content = self._send(messages, schema, name, usage, form)
        data, error = parse_json(content, schema)
        if self.cache is not None and data is not None:
            # Only answers that passed validation are kept: a bad one would
            # otherwise come back on every rerun.
            self.cache.put(
                key,
                {
                    "content": content,
                    "prompt_tokens": usage.prompt_tokens - before[0],
                    "completion_tokens": usage.completion_tokens - before[1],
                },
            )
        return Answer(content, data, error, cached=False)

    def _send(
        self,
        messages: list[Message],
        schema: Mapping[str, Any],
        name: str,
        usage: Usage,
        form: str | None,
    ) -> str:
        key = (self.settings.endpoint, self.settings.model)
        with self._lock:
            mode = self._modes.get(key)
            probe = self._probing.setdefault(key, threading.Lock())
        if mode is not None:
            return self._with_retries(messages, schema, name, mode, usage, form)
        with probe:
            with self._lock:
                mode = self._modes.get(key)
            if mode is not None:
                return self._with_retries(messages, schema, name, mode, usage, form)
            return self._with_retries(messages, schema, name, "json_schema", usage, form, key)

    def _with_retries(
        self,
        messages: list[Message],
        schema: Mapping[str, Any],
        name: str,
        mode: Mode,
        usage: Usage,
        form: str | None,
        learn: tuple[str, str] | None = None,
    ) -> str:
        import openai

        s = self.settings
        attempt = 0
        while True:
            self._check_breaker()
            usage.requests += 1
            try:
                shown = messages if mode != "text" or form is None else with_form(messages, form)
                response = self._request(shown, schema, name, mode)
            except openai.APIStatusError as exc:
                if mode != "text" and _format_rejected(exc):
                    mode = MODES[MODES.index(mode) + 1]
                    continue
                if exc.status_code not in _RETRY_STATUS:
                    raise LLMCallError(describe_failure(s, exc, attempt)) from exc
                self._give_up_after(exc, attempt)
                wait = _retry_after(exc.response)
            except (openai.APIConnectionError, Overdue) as exc:
                self._give_up_after(exc, attempt)
                wait = None
            except openai.OpenAIError as exc:
                raise LLMCallError(f"the model's reply could not be read: {exc}") from exc
            else:
                self.breaker.succeeded()
                if learn is not None:
                    with self._lock:
                        self._modes[learn] = mode
                if response.usage is not None:
                    usage.prompt_tokens += response.usage.prompt_tokens or 0
                    usage.completion_tokens += response.usage.completion_tokens or 0
                if not response.choices:
                    return ""
                # The HTTP body's JSON can spell a lone surrogate, which the
                # cache (UTF-8) could not store.
                return without_surrogates(response.choices[0].message.content or "")
            delay = s.backoff * 2**attempt if wait is None else wait
            self.sleep(min(max(delay, 0.0), s.max_wait, max(self.breaker.remaining(), 0.0)))
            attempt += 1
            usage.retries += 1

    def _request(
        self, messages: list[Message], schema: Mapping[str, Any], name: str, mode: Mode
    ) -> Any:
        """One HTTP request, given at most `timeout` seconds in all (and no
        more than the run has left), however slowly the server trickles."""
        params = request_params(self.settings, mode, schema, name)
        limit = min(self.settings.timeout, self.breaker.remaining())
        return within(
            lambda: self.client.chat.completions.create(messages=cast(Any, messages), **params),
            limit,
            self.breaker.stopped,
        )

    def _check_breaker(self) -> None:
        reason = self.breaker.reason
        if reason is not None:
            raise EndpointDown(reason)

    def _give_up_after(self, exc: openai.OpenAIError | Overdue, attempt: int) -> None:
        """Raise when a failure the endpoint is to blame for (no connection,
        5xx, no answer in time) has been retried enough; it then trips the
        breaker (for timeouts: the second call in a row), so the run's other
        calls stop asking too."""
        import openai

        self._check_breaker()
        if attempt < self.settings.max_retries:
            return
        reason = describe_failure(self.settings, exc, attempt)
        stopped = f"{reason}; the run stopped asking the model"
        if isinstance(exc, openai.APITimeoutError | Overdue):
            self.breaker.timed_out(stopped)
            if self.breaker.reason is None:
                raise LLMCallError(reason) from exc
        else:
            self.breaker.trip(stopped)
        raise EndpointDown(self.breaker.reason or reason) from exc
