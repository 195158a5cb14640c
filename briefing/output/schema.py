"""The schema of `briefing.json`, and the check every reader runs first.

A briefing.json may come from a shared repository and have been edited by
anyone, so it is untrusted input: before any field is used, the whole
document is checked against this schema (what `document.to_data` writes;
fields added by later versions are allowed). Topic ids become file names and
HTML ids, so they must be slugs.
"""

from __future__ import annotations

import functools
from typing import Any

import jsonschema

from ..models import LANGS

TOPIC_ID = r"^[a-z0-9][a-z0-9-]{0,199}$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

_TEXT = {"type": "string"}
_TEXT_OR_NULL = {"type": ["string", "null"]}
_STRINGS = {"type": "array", "items": _TEXT}
_COUNT = {"type": "integer", "minimum": 0}

_CITATION = {
    "type": "object",
    "required": ["article", "paragraph"],
    "properties": {"article": _TEXT, "paragraph": {"type": "integer", "minimum": 1}},
}
_SUMMARY = {
    "type": "object",
    "required": ["method", "sentences"],
    "properties": {
        "method": _TEXT,
        "notice": _TEXT_OR_NULL,
        "sentences": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["text", "citations"],
                "properties": {
                    "text": _TEXT,
                    "citations": {"type": "array", "items": _CITATION},
                    "judged": {"type": "boolean"},
                },
            },
        },
        "dropped": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["text", "reasons"],
                "properties": {"text": _TEXT, "reasons": _STRINGS},
            },
        },
    },
}
# verification.title_agreement: do the topic's two model titles describe the
# same event (briefing/summary/titles.py), and which one, if any, gave way;
# null when a title was not the model's.
_TITLE_AGREEMENT = {
    "type": ["object", "null"],
    "required": ["agree", "similarity", "mismatches", "replaced"],
    "properties": {
        "agree": {"type": "boolean"},
        "similarity": {"type": ["number", "null"]},
        "mismatches": _STRINGS,
        "replaced": {"enum": [*LANGS, None]},
    },
}
# verification.titles: each model title, whether it was used and why not;
# with --judge, whether the judge saw it (it did not when the checks had
# already rejected it or the judge's call failed) and what it said.
_TITLE_ENTRY = {
    "type": "object",
    "required": ["text", "used", "reasons"],
    "properties": {
        "text": {"type": "string"},
        "used": {"type": "boolean"},
        "reasons": _STRINGS,
        "judged": {"type": "boolean"},
        "judge": {
            "type": "object",
            "required": ["entailed", "reason"],
            "properties": {"entailed": {"type": "boolean"}, "reason": {"type": "string"}},
        },
    },
}
_VERIFICATION = {
    "type": ["object", "null"],
    "properties": {
        "title_agreement": _TITLE_AGREEMENT,
        "titles": {"type": "object", "additionalProperties": _TITLE_ENTRY},
        "judge": {
            "type": "object",
            "properties": {
                "titles_judged": {"type": "integer", "minimum": 0},
                "titles_rejected": {"type": "integer", "minimum": 0},
                "unjudged": {"type": "array", "items": {"enum": list(LANGS)}},
            },
        },
    },
}
_TOPIC = {
    "type": "object",
    "required": ["id", "articles", "title", "summary"],
    "properties": {
        "id": {"type": "string", "pattern": TOPIC_ID},
        "articles": _STRINGS,
        "title": {"type": "object", "additionalProperties": _TEXT},
        "summary": {
            "type": "object",
            "required": list(LANGS),
            "additionalProperties": _SUMMARY,
        },
        "tokens": {"type": "integer", "minimum": 0},
        "parts": {"type": "array", "items": _STRINGS},
        "status": _TEXT_OR_NULL,
        "previous": {
            "type": ["object", "null"],
            "required": ["date", "topic"],
            "properties": {
                "date": {"type": "string", "pattern": _DATE},
                "topic": {"type": "string", "pattern": TOPIC_ID},
            },
        },
        # Token and call counts, added up across topics by regenerate.
        "usage": {"type": ["object", "null"], "additionalProperties": _COUNT},
        # Other topics of the briefing that tell other events of its story.
        "related": {"type": "array", "items": {"type": "string", "pattern": TOPIC_ID}},
        "verification": _VERIFICATION,
    },
}
_ARTICLE = {
    "type": "object",
    "required": ["id", "lang"],
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "title": _TEXT,
        "source": _TEXT,
        "url": _TEXT_OR_NULL,
        "published": {"type": ["string", "null"], "pattern": _DATE[:-1] + "(T|$)"},
        "lang": {"enum": list(LANGS)},
        "paragraphs": {"type": "integer", "minimum": 0},
        "content_hash": _TEXT,
        "path": _TEXT,
    },
}
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["format", "date", "topics"],
    "properties": {
        "format": {"type": "string", "pattern": "^briefing/"},
        "date": {"type": "string", "pattern": _DATE},
        "generator": {
            "type": "object",
            "properties": {
                "judge": {
                    "type": "object",
                    "required": ["status"],
                    "properties": {
                        "model": _TEXT,
                        "status": {"enum": ["ok", "failed"]},
                        "notice": _TEXT_OR_NULL,
                        # With status failed: what briefing.md and .html tell the reader.
                        "unjudged_topics": {"type": "integer", "minimum": 1},
                        "unjudged_sections": {"type": "integer", "minimum": 1},
                    },
                },
                "grouping": {
                    "type": "object",
                    "required": ["status", "decisions"],
                    "properties": {
                        "model": _TEXT,
                        "status": {"enum": ["ok", "failed"]},
                        "notice": _TEXT_OR_NULL,
                        "borderline": {"type": "integer", "minimum": 0},
                        "decisions": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["articles", "offline", "answer", "result"],
                                "properties": {
                                    "articles": {
                                        "type": "array",
                                        "items": _STRINGS,
                                        "minItems": 2,
                                        "maxItems": 2,
                                    },
                                    "shown": _STRINGS,
                                    "closeness": {"type": "number"},
                                    "offline": {"enum": ["merged", "apart"]},
                                    "answer": {"enum": ["same", "different", None]},
                                    "result": {"enum": ["kept", "split", "joined"]},
                                    "topics": _STRINGS,
                                },
                            },
                        },
                    },
                },
            },
        },
        "inputs": _STRINGS,
        "articles": {"type": "array", "items": _ARTICLE},
        "skipped": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "reason"],
                "properties": {"path": _TEXT, "reason": _TEXT},
            },
        },
        "topics": {"type": "array", "items": _TOPIC},
    },
}


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(SCHEMA)


def field_name(path: Any) -> str:
    """`topics[2].id` for the path ("topics", 2, "id")."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else f".{part}" if name else str(part)
    return name or "the document"


def schema_problem(data: dict[str, Any]) -> str | None:
    """What is wrong with `data` as a briefing.json, naming the field (one
    line, short), or None when it is a valid briefing."""
    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is None:
        return None
    where = field_name(error.absolute_path)
    if error.validator == "required":
        missing = next((k for k in error.validator_value if k not in error.instance), "?")
        return f"{where} has no {missing!r}"
    if error.validator == "pattern":
        return f"{where} is {_short(error.instance)}, which is not allowed there"
    if error.validator in ("type", "enum"):
        wanted = error.validator_value
        if isinstance(wanted, list):
            wanted = " or ".join(str(w) for w in wanted)
        what = "one of" if error.validator == "enum" else "of type"
        return f"{where} is {_short(error.instance)}, not {what} {wanted}"
    return f"{where}: {' '.join(error.message.split())[:120]}"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"
