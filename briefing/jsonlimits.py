"""Bounds on JSON before it is parsed.

Python's json parser recurses once per level of nesting, so a deep enough
document raises RecursionError (or crashes the interpreter); model answers
and input files are checked here first, by a linear scan that parses nothing.
Used by the ingest readers and the LLM answers alike.
"""

from __future__ import annotations

import re

__all__ = ["check_json_size", "json_depth"]

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
