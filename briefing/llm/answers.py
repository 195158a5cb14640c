"""What the model answered and what it took.

`parse_json` turns an answer's text into the JSON object a schema asks for
(or says what is wrong with it); `Answer` carries both; `Usage` counts the
tokens and requests a run's answers took, and `estimate_tokens` what a
prompt will cost before it is sent.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

import jsonschema

from ..tokens import count

Message = dict[str, str]


@dataclass
class Usage:
    """Token and request counts. `prompt_tokens` and `completion_tokens` are
    what the server reported for the answers used, replayed from the cache for
    a cached answer, so they are the same on every run with the same answers;
    `requests` counts HTTP requests sent this run (retries included),
    `cached` answers served from the cache, `calls` the answers asked for."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated_prompt_tokens: int = 0
    requests: int = 0
    cached: int = 0
    calls: int = 0
    retries: int = 0

    def add(self, other: Usage) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, int]:
        return {f.name: int(getattr(self, f.name)) for f in fields(self)}

    def recorded(self) -> dict[str, int]:
        """The counts that depend only on the answers, not on this run's
        traffic (cache hits, retries): what a briefing records."""
        return {name: getattr(self, name) for name in ANSWER_COUNTS}


# Usage fields that are the same whether an answer came from the server or the cache.
ANSWER_COUNTS = ("calls", "estimated_prompt_tokens", "prompt_tokens", "completion_tokens")


@dataclass(frozen=True)
class Answer:
    """The model's answer: `data` when it is JSON matching the schema,
    otherwise `error` says what is wrong with `content`."""

    content: str
    data: dict[str, Any] | None
    error: str | None
    cached: bool


def estimate_tokens(messages: list[Message]) -> int:
    """Prompt tokens of `messages` as the server will count them (roughly:
    content plus a few tokens of framing per message)."""
    return sum(count(m["content"]) + 4 for m in messages) + 2


def parse_json(content: str, schema: Mapping[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    """The first JSON object in `content` if it matches `schema`, else
    (None, what is wrong). Accepts an object wrapped in prose or a code fence."""
    data: object = None
    try:
        data = json.loads(content)
    except json.JSONDecodeError:
        decoder = json.JSONDecoder()
        for start in (i for i, c in enumerate(content) if c == "{"):
            try:
                data, _ = decoder.raw_decode(content, start)
                break
            except json.JSONDecodeError:
                continue
        else:
            return None, "the answer is not valid JSON"
    if not isinstance(data, dict):
        return None, "the answer is not a JSON object"
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "the answer"
        return None, f"{where}: {first.message[:200]}"
    return data, None
