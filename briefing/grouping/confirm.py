"""A model's word on the borderline decisions of the grouping (optional).

The offline grouping merges two groups when their mean calibrated score
reaches the threshold; a decision that falls within `BORDER_MARGIN` of it is
one the scores cannot be trusted to make (same subject, different event
looks much like one story told twice). When a model is configured, each such
decision, most borderline first and at most `MAX_CALLS` a run, is put to it
as one short question about the two groups' most central articles (title and
lead, `LEAD_TOKENS` each): do they report the same event? The answer must be
`{"same_event": true|false}`. A "no" undoes a borderline merge, a "yes" makes
a refused one; the groups are then clustered again with those decisions
fixed. A call that fails leaves its decision as the threshold made it.

`confirm_groups` takes and gives plain data; the call itself is the
caller's (`ask`), through the same client, cache and usage counts as every
other call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ..errors import LLMError
from ..llm.guard import completed
from ..models import Article
from ..summary.prompting import fence_for, render
from ..tokens import encoding
from .group import Border, Grouping, lead_text

__all__ = [
    "CONFIRM_VERSION",
    "MAX_CALLS",
    "SCHEMA",
    "Confirmation",
    "confirm_groups",
    "same_event_messages",
]

# Recorded in briefing.json; change it when the prompt or schema does.
CONFIRM_VERSION = "same-event-1"
# Calls a run may make: a day's input has a handful of borderline decisions,
# and a folder with many more is better served by the threshold than by a
# minute of calls.
MAX_CALLS = 20
# Tokens of title and lead shown per article: the who, what and when of a
# news story are in its first sentences, and two of them keep the call short.
LEAD_TOKENS = 160
# Characters read before cutting to LEAD_TOKENS (tokens are rarely shorter).
_LEAD_CHARS = 1200

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["same_event"],
    "properties": {"same_event": {"type": "boolean"}},
}

_LANGUAGE = {"ar": "Arabic", "en": "English"}

Ask = Callable[[list[dict[str, str]], dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Decision:
    """A borderline decision put to the model and what came of it: `same`
    is its answer (None: the call failed, the threshold's decision stands)."""

    border: Border
    same: bool | None

    @property
    def overruled(self) -> bool:
        return self.same is not None and self.same != self.border.merged


@dataclass
class Confirmation:
    """The groups after the model's answers, the decisions asked about, the
    calls made and why the failed ones failed."""

    groups: list[tuple[str, ...]]
    decisions: list[Decision] = field(default_factory=list)
    calls: int = 0
    failures: list[str] = field(default_factory=list)


def _clip(text: str, tokens: int) -> str:
    """`text` cut to at most `tokens` tokens, at a word boundary."""
    enc = encoding()
    ids = enc.encode(text, disallowed_special=())
    if len(ids) <= tokens:
        return text
    cut = enc.decode(ids[:tokens])
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut).rstrip() + " …"


def same_event_messages(first: Article, second: Article) -> list[dict[str, str]]:
    """The one message asking whether `first` and `second` report the same event."""
    views = []
    for label, article in (("1", first), ("2", second)):
        lead = lead_text(article, _LEAD_CHARS)
        body = lead[len(article.title) :].strip() if lead.startswith(article.title) else lead
        views.append(
            {
                "label": label,
                "language": _LANGUAGE[article.lang],
                "published": article.published.date().isoformat() if article.published else "",
                "title": " ".join(article.title.split()),
                "lead": _clip(" ".join(body.split()), LEAD_TOKENS),
            }
        )
    fence = fence_for([f"{v['title']}\n{v['lead']}" for v in views])
    for v in views:
        v["title"], v["lead"] = v["title"].replace(fence, ""), v["lead"].replace(fence, "")
    return [{"role": "user", "content": render("same_event.j2", articles=views, fence=fence)}]


def confirm_groups(
    grouping: Grouping,
    articles: Mapping[str, Article],
    ask: Ask,
    *,
    limit: int = MAX_CALLS,
    workers: int = 1,
) -> Confirmation:
    """Put the borderline decisions of `grouping` to the model, most
    borderline first and at most `limit`, `workers` calls at a time, and
    group again with its answers. `ask(messages, schema)` returns the answer
    matching `schema` or raises LLMError; a failed call leaves its decision
    as it was and says why. The result does not depend on `workers`."""

    def answer(border: Border) -> bool | str:
        first, second = (articles[i] for i in border.pair)
        try:
            return bool(ask(same_event_messages(first, second), SCHEMA)["same_event"])
        except LLMError as exc:  # an unusable answer too
            return str(exc)

    asked = grouping.borderline[:limit]
    pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="group")
    try:
        futures = [pool.submit(answer, border) for border in asked]
        for _ in completed(futures):
            pass
        answers = [f.result() for f in futures]
    except BaseException:  # Ctrl-C: the caller stops the calls; do not wait for them here
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    confirmation = Confirmation(list(grouping.groups), calls=len(asked))
    for border, said in zip(asked, answers, strict=True):
        if isinstance(said, str):
            confirmation.failures.append(said)
        confirmation.decisions.append(Decision(border, said if isinstance(said, bool) else None))
    confirmation.groups = regroup(grouping, confirmation.decisions)
    return confirmation


def regroup(grouping: Grouping, decisions: Sequence[Decision]) -> list[tuple[str, ...]]:
    """The groups of `grouping` with each decision the model overruled made
    its way: a borderline merge it said "no" to undone, a refused merge it
    said "yes" to made."""
    apart = [
        (d.border.first, d.border.second) for d in decisions if d.overruled and d.border.merged
    ]
    together = [
        (d.border.first, d.border.second) for d in decisions if d.overruled and not d.border.merged
    ]
    if not apart and not together:
        return list(grouping.groups)
    return grouping.regroup(apart, together)
