"""What the model answered and what it took.

`parse_json` turns an answer's text into the JSON object a schema asks for
(or says what is wrong with it); `Answer` carries both; `Usage` counts the
tokens and requests a run's answers took, and `estimate_tokens` what a
prompt will cost before it is sent.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import jsonschema

from ..jsonlimits import check_json_size, untrusted_int, valid_text
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


# What an answer may be before any work is done on it: longer answers and
# deeper nesting are refused outright (json's parser recurses, and a model's
# runaway output can be megabytes).
MAX_ANSWER_CHARS = 100_000
MAX_JSON_DEPTH = 32
# How many places an object may start in prose around it: each try parses at
# most the rest of the text, so a bounded number of tries keeps parsing linear.
_MAX_STARTS = 8


def _first_object(content: str) -> object:
    """The JSON value in `content`, or the first object found in prose or a
    code fence around it; raises ValueError when there is none."""
    try:
        return json.loads(content, parse_int=untrusted_int)
    except json.JSONDecodeError:
        pass
    decoder = json.JSONDecoder(parse_int=untrusted_int)
    start = content.find("{")
    for _ in range(_MAX_STARTS):
        if start < 0:
            break
        try:
            return decoder.raw_decode(content, start)[0]
        except json.JSONDecodeError:
            start = content.find("{", start + 1)
    raise ValueError("the answer is not valid JSON")


def parse_json(content: str, schema: Mapping[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    """The first JSON object in `content` if it matches `schema`, else
    (None, what is wrong). Accepts an object wrapped in prose or a code fence;
    a lone surrogate its strings spell ("\\ud800") comes back as U+FFFD.
    Linear in the answer's length; an answer over MAX_ANSWER_CHARS or nested
    over MAX_JSON_DEPTH is refused before it is parsed."""
    problem = check_json_size(content, MAX_ANSWER_CHARS, MAX_JSON_DEPTH)
    if problem is not None:
        return None, f"the answer is {problem}"
    try:
        data = _first_object(content)
    except (ValueError, RecursionError) as error:
        return None, str(error) if isinstance(error, ValueError) else "the answer is too deep"
    if not isinstance(data, dict):
        return None, "the answer is not a JSON object"
    data = valid_text(data)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "the answer"
        return None, f"{where}: {first.message[:200]}"
    return data, None


# A sentence longer than this is not a summary's sentence; it is left out
# before verification, which costs time per sentence.
MAX_SENTENCE_CHARS = 1000


def limit_sentences(items: Sequence[Any], keep: int) -> list[Any]:
    """The first `keep` distinct sentences of `items` (objects with a "text"),
    leaving out repeats (by their words) and sentences over
    MAX_SENTENCE_CHARS, before any work is done on them."""
    seen: set[str] = set()
    kept: list[Any] = []
    for item in items:
        text = " ".join(str(item.get("text", "")).split()) if isinstance(item, dict) else ""
        if text in seen or len(text) > MAX_SENTENCE_CHARS:
            continue
        seen.add(text)
        kept.append(item)
        if len(kept) >= keep:
            break
    return kept
