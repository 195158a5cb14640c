"""Bounds on JSON before it is parsed, and what parsing it must not keep.

Python's json parser recurses once per level of nesting, so a deep enough
document raises RecursionError (or crashes the interpreter); model answers
and input files are checked here first, by a linear scan that parses nothing.
Parsed, untrusted JSON can still hold what Python or UTF-8 cannot take: an
integer too long to convert, a lone surrogate ("\\ud800").
Used by the ingest readers and the LLM answers alike.
"""

from __future__ import annotations

import re
from typing import Any

from .text import without_surrogates

__all__ = ["check_json_size", "json_depth", "untrusted_int", "valid_text"]

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?')
_BRACKET = re.compile(r"[\[\]{}]")


def json_depth(text: str) -> int:
    """How deeply `text` nests arrays and objects, by one linear scan that
    skips string literals (no parsing, no recursion)."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub("", text)):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(0, depth - 1)
    return deepest


def check_json_size(text: str, max_chars: int, max_depth: int) -> str | None:
    """What is wrong with `text` as JSON to parse (too long, too deep), or None."""
    if len(text) > max_chars:
        return f"too long ({len(text):,} characters; at most {max_chars:,})"
    depth = json_depth(text)
    if depth > max_depth:
        return f"nested too deeply ({depth} levels; at most {max_depth})"
    return None


def untrusted_int(digits: str) -> int | float:
    """json's `parse_int` for untrusted JSON: an integer too long for Python
    to convert (over 4,300 digits, a ValueError from json.loads) is infinity
    instead, which no schema's "integer" and no field check accepts, so the
    reader names the field rather than failing on the whole file."""
    try:
        return int(digits)
    except ValueError:
        return float("-inf" if digits.startswith("-") else "inf")


def valid_text(value: Any) -> Any:
    """Parsed JSON with every lone surrogate in its strings and keys replaced
    by U+FFFD, so that every string can be written as UTF-8. Recurses once
    per level: call it on JSON whose depth was checked."""
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, list):
        return [valid_text(v) for v in value]
    if isinstance(value, dict):
        return {without_surrogates(str(k)): valid_text(v) for k, v in value.items()}
    return value
