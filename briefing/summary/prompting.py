"""What the model is shown: prompts rendered from `prompts/*.j2`, sources as
labelled, numbered, fenced paragraphs, the answer schemas, and the split of a
topic into calls that fit the input budget.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2

from ..llm.client import Message
from ..models import Article, Lang, Summary
from ..resources import template_loader
from ..tokens import count
from .glossary import Entry

# Recorded with every briefing; change it whenever a prompt or schema changes
# in a way that changes what the model is asked.
# summary-2: a continuing topic is shown the previous briefing's summary.
# summary-3: terse rules, one fence around all sources, glossary on one line,
# the answer's form in prose only when the server takes no schema.
PROMPT_VERSION = "summary-3"

_LANGUAGE = {"ar": "Arabic", "en": "English"}

_CITATION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["article", "paragraph"],
    "properties": {"article": {"type": "string"}, "paragraph": {"type": "integer"}},
}
_SENTENCES = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["text", "citations"],
        "properties": {
            "text": {"type": "string"},
            "citations": {"type": "array", "items": _CITATION},
        },
    },
}


def _both(value: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["ar", "en"],
        "properties": {"ar": value, "en": value},
    }


# Strict-mode compatible: every property required, no extra properties.
SUMMARY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "summary"],
    "properties": {"title": _both({"type": "string"}), "summary": _both(_SENTENCES)},
}
REPAIR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["sentences"],
    "properties": {
        "sentences": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "text", "citations"],
                "properties": {
                    "id": {"type": "string"},
                    "text": {"type": "string"},
                    "citations": {"type": "array", "items": _CITATION},
                },
            },
        }
    },
}


@functools.cache
def environment() -> jinja2.Environment:
    """The one Jinja environment for prompts: a missing variable is an error
    that names it, and nothing is HTML-escaped (prompts are plain text)."""
    return jinja2.Environment(
        loader=template_loader("prompts"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )


def render(name: str, **variables: object) -> str:
    """Render prompts/`name`; raises jinja2.UndefinedError naming a missing variable."""
    return environment().get_template(name).render(**variables).strip() + "\n"


@dataclass(frozen=True)
class Excerpt:
    """Paragraphs `first`..`last` (1-based, inclusive) of an article, shown
    under its short label."""

    label: str
    article: Article
    first: int
    last: int

    def view(self, fence: str) -> dict[str, object]:
        a = self.article
        clean = functools.partial(_unfence, fence=fence)
        return {
            "label": self.label,
            "language": _LANGUAGE[a.lang],
            "source": clean(a.source or "unknown source"),
            "published": a.published.date().isoformat() if a.published else "undated",
            "title": clean(a.title or "(none)"),
            "partial": (self.first, self.last) != (1, len(a.paragraphs)),
            "first": self.first,
            "last": self.last,
            "total": len(a.paragraphs),
            "paragraphs": [
                (n, clean(a.paragraphs[n - 1])) for n in range(self.first, self.last + 1)
            ],
        }


def _unfence(text: str, fence: str) -> str:
    # The fence is a digest of the text it encloses, so text cannot contain
    # it unless it was made to; newlines are flattened so a paragraph stays
    # on its numbered line.
    return " ".join(text.replace(fence, "").split())


def labels(articles: Sequence[Article]) -> dict[str, str]:
    """Short labels A1, A2, ... for the topic's articles, in the given order."""
    return {f"A{i}": a.id for i, a in enumerate(articles, 1)}


def fence_for(texts: Sequence[str]) -> str:
    """A marker derived from the content, to fence untrusted text with."""
    digest = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()
    return f"SOURCE-{digest[:8]}"


def glossary_view(entries: Sequence[Entry]) -> list[dict[str, str]]:
    return [{"en": e.en, "ar": e.ar} for e in entries]


# The order the previous summary is shown in, as in the combining prompt.
_PREVIOUS_ORDER: tuple[Lang, ...] = ("en", "ar")

Previous = tuple[tuple[Lang, str], ...]


def _previous_line(lang: Lang, text: str) -> str:
    return f"- ({_LANGUAGE[lang]}) {' '.join(text.split())}"


def previous_within(summaries: Mapping[Lang, Summary] | None, tokens: int) -> Previous:
    """The previous briefing's summary sentences to show the model, as
    (language, text), English then Arabic: the first few of each language,
    as many as fit in `tokens` (a summary puts the most important first).
    Empty when there is no previous summary or not one sentence fits."""
    if not summaries:
        return ()
    sentences = {
        lang: [s.text for s in summaries[lang].sentences] if lang in summaries else []
        for lang in _PREVIOUS_ORDER
    }
    kept: Previous = ()
    for n in range(1, max(map(len, sentences.values()), default=0) + 1):
        trial = tuple((lang, t) for lang in _PREVIOUS_ORDER for t in sentences[lang][:n])
        if sum(count(_previous_line(lang, t)) + 1 for lang, t in trial) > tokens:
            break
        kept = trial
    return kept


def _previous_view(previous: Previous, fence: str) -> list[str]:
    return [_previous_line(lang, _unfence(text, fence)) for lang, text in previous]


def system_message(sentences: int, example_labels: Sequence[str]) -> Message:
    shown = ", ".join(example_labels[:3]) + (", ..." if len(example_labels) > 3 else "")
    content = render("system.j2", sentences=sentences, example_labels=shown)
    return {"role": "system", "content": content}


def summarize_messages(
    excerpts: Sequence[Excerpt],
    glossary: Sequence[Entry],
    sentences: int,
    part: int = 1,
    part_count: int = 1,
    previous: Previous = (),
) -> list[Message]:
    """The messages asking for a title and summary of `excerpts`; with
    `previous` (see `previous_within`), showing what the previous briefing
    said of the story and asking to lead with what is new since."""
    names = [x.label for x in excerpts]
    shown = [p for x in excerpts for p in (x.article.title, *x.article.paragraphs)]
    fence = fence_for(shown + [t for _, t in previous])
    user = render(
        "summarize.j2",
        excerpts=[x.view(fence) for x in excerpts],
        dated=True,
        glossary=glossary_view(glossary),
        fence=fence,
        labels=", ".join(dict.fromkeys(names)),
        part=part,
        part_count=part_count,
        previous=_previous_view(previous, fence),
    )
    return [
        system_message(sentences, list(dict.fromkeys(names))),
        {"role": "user", "content": user},
    ]


def cites(citations: Sequence[Mapping[str, Any]]) -> str:
    """Citations written compactly for a prompt: [A1:3, A2:1]."""
    return "[" + ", ".join(f"{c['article']}:{c['paragraph']}" for c in citations) + "]"


def combine_messages(
    summaries: Sequence[Mapping[str, Any]],
    glossary: Sequence[Entry],
    sentences: int,
    all_labels: Sequence[str],
    previous: Previous = (),
) -> list[Message]:
    """The messages asking to combine part summaries (answers of
    SUMMARY_SCHEMA); with `previous`, as in `summarize_messages`."""
    shown = [
        {
            "title": s["title"],
            "summary": {
                lang: [
                    {"text": " ".join(str(x["text"]).split()), "cites": cites(x["citations"])}
                    for x in s["summary"][lang]
                ]
                for lang in ("en", "ar")
            },
        }
        for s in summaries
    ]
    fence = fence_for([str(s) for s in shown] + [t for _, t in previous])
    user = render(
        "combine.j2",
        summaries=shown,
        glossary=glossary_view(glossary),
        fence=fence,
        previous=_previous_view(previous, fence),
    )
    return [system_message(sentences, all_labels), {"role": "user", "content": user}]


@dataclass(frozen=True)
class Failing:
    id: str
    lang: Lang
    text: str
    citations: tuple[tuple[str, int], ...]
    reasons: tuple[str, ...]


def repair_messages(
    failing: Sequence[Failing],
    excerpts: Sequence[Excerpt],
    glossary: Sequence[Entry],
    sentences: int,
    all_labels: Sequence[str],
) -> list[Message]:
    """The messages asking to repair the `failing` sentences (REPAIR_SCHEMA)."""
    fence = fence_for([p for x in excerpts for p in x.article.paragraphs])
    items = [
        {
            "id": f.id,
            "language": _LANGUAGE[f.lang],
            "text": " ".join(f.text.split()),
            "cites": cites([{"article": a, "paragraph": p} for a, p in f.citations]),
            "reasons": list(f.reasons),
        }
        for f in failing
    ]
    user = render(
        "repair.j2",
        failing=items,
        excerpts=[x.view(fence) for x in excerpts],
        dated=False,
        glossary=glossary_view(glossary),
        fence=fence,
    )
    return [system_message(sentences, all_labels), {"role": "user", "content": user}]


# The answer's form in prose, by schema name: sent only to a server that
# takes no schema (see ChatModel.ask), and when an answer is asked for again.
_FORMS = {"summarize": "summary_form.j2", "combine": "summary_form.j2", "repair": "repair_form.j2"}


def answer_form(kind: str) -> str:
    """The JSON form a `kind` answer takes, written out for the model."""
    return render(_FORMS[kind])


def reformat_message(error: str, kind: str) -> Message:
    """Asking again after an unusable answer, with the form it must take."""
    return {"role": "user", "content": render("reformat.j2", error=error, form=answer_form(kind))}


# The fence lines around the sources and an excerpt's "(paragraphs a-b of n)"
# line take up to 48 tokens, however the fence's digest happens to tokenize.
_FRAME_TOKENS = 48


def _paragraph_tokens(article: Article) -> list[int]:
    return [count(f"#{n} {p}") + 1 for n, p in enumerate(article.paragraphs, 1)]


def plan_chunks(
    parts: Sequence[Sequence[str]],
    articles: Mapping[str, Article],
    names: Mapping[str, str],
    budget: int,
    overhead: int,
) -> list[tuple[Excerpt, ...]]:
    """The calls a topic needs: each part as one call when its sources fit
    `budget` tokens with `overhead` for the instructions, otherwise split by
    paragraphs into calls that do (an article too long for one call is shown
    over several, never cut short). `names` maps article id to label."""
    room = max(budget - overhead, 200)
    chunks: list[tuple[Excerpt, ...]] = []
    for part in parts:
        members = [articles[aid] for aid in part]
        sizes = {a.id: _paragraph_tokens(a) for a in members}
        header = {
            a.id: count(f"Article A1 | English | {a.source} | 2000-01-01 | {a.title}")
            + _FRAME_TOKENS
            for a in members
        }
        if sum(sum(sizes[a.id]) + header[a.id] for a in members) <= room:
            chunks.append(tuple(Excerpt(names[a.id], a, 1, len(a.paragraphs)) for a in members))
            continue
        current: list[Excerpt] = []
        used = 0
        for a in members:
            first = 1
            for n, size in enumerate(sizes[a.id], 1):
                cost = size + (header[a.id] if n == first else 0)
                if used + cost > room and (current or n > first):
                    if n > first:
                        current.append(Excerpt(names[a.id], a, first, n - 1))
                    chunks.append(tuple(current))
                    current, used, first = [], 0, n
                    cost = size + header[a.id]
                used += cost
            if a.paragraphs:
                current.append(Excerpt(names[a.id], a, first, len(a.paragraphs)))
        if current:
            chunks.append(tuple(current))
    return chunks
