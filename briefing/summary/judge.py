"""The optional judge: a second layer of verification, after the checks.

The deterministic checks (`verify`) catch what can be caught without a
model; a paraphrase that changes who did what without a name, number or
negation passes them. With `--judge`, the sentences they kept are put to a
model (the summarizing one, or another) one language of one topic at a
time, at most `BATCH` sentences a call, with the paragraphs they cite: is
each sentence entailed by them? The answer must be a JSON object with a
verdict for every sentence id (`judge_schema`); anything else fails that
call, and its sentences keep the deterministic result. `judge_claims` takes
and gives plain data; the call itself is the caller's (`ask`), through the
same client, cache and usage counts as every other call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import LLMError
from ..llm.client import Message
from ..models import LANGS, Article, Citation, Lang
from .prompting import Excerpt, fence_for, render

__all__ = ["BATCH", "JUDGE_VERSION", "Claim", "Judgement", "judge_claims", "judge_messages"]

# Recorded with every judged topic; change it when the prompt or schema does.
JUDGE_VERSION = "judge-1"
# Sentences per call: enough for a topic's language section (summary_sentences
# is 4 by default, 2 more are considered), few enough for a small model.
BATCH = 16
# A judge's reason is shown in the report; a runaway one is cut.
_REASON_CHARS = 300

_LANGUAGE = {"ar": "Arabic", "en": "English"}

_VERDICT: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["entailed", "reason"],
    "properties": {"entailed": {"type": "boolean"}, "reason": {"type": "string"}},
}


def judge_schema(ids: Sequence[str]) -> dict[str, Any]:
    """The answer asked for: a verdict under every one of `ids`, nothing
    else (strict-mode compatible: every property required)."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["verdicts"],
        "properties": {
            "verdicts": {
                "type": "object",
                "additionalProperties": False,
                "required": list(ids),
                "properties": {i: _VERDICT for i in ids},
            }
        },
    }


@dataclass(frozen=True)
class Claim:
    """A sentence put to the judge: its id in the answer ("en-2"), its
    language, text and the (valid, resolved) citations it rests on."""

    id: str
    lang: Lang
    text: str
    citations: tuple[Citation, ...]


@dataclass
class Judgement:
    """What the judge said: (entailed, reason) by sentence id for the
    sentences it judged, the calls made, and why the failed calls failed."""

    verdicts: dict[str, tuple[bool, str]] = field(default_factory=dict)
    calls: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return sum(1 for entailed, _ in self.verdicts.values() if not entailed)


def _excerpts(
    claims: Sequence[Claim], articles: Mapping[str, Article], names: Mapping[str, str]
) -> list[Excerpt]:
    """The cited paragraphs, one excerpt per run of consecutive ones, in
    label order: the judge sees what the sentences cite and nothing else."""
    order = {aid: n for n, aid in enumerate(names)}
    cited = sorted(
        {(c.article, c.paragraph) for claim in claims for c in claim.citations},
        key=lambda x: (order.get(x[0], len(order)), x[0], x[1]),
    )
    excerpts: list[Excerpt] = []
    for aid, n in cited:
        last = excerpts[-1] if excerpts else None
        if last is not None and last.article.id == aid and n == last.last + 1:
            excerpts[-1] = Excerpt(last.label, last.article, last.first, n)
        else:
            excerpts.append(Excerpt(names[aid], articles[aid], n, n))
    return excerpts


def judge_messages(
    claims: Sequence[Claim], articles: Mapping[str, Article], names: Mapping[str, str]
) -> list[Message]:
    """The one message asking whether each of `claims` (one language) is
    entailed by the paragraphs it cites; `names` maps article id to label."""
    excerpts = _excerpts(claims, articles, names)
    fence = fence_for(
        [p for x in excerpts for p in x.article.paragraphs] + [c.text for c in claims]
    )
    sentences = [
        {
            "id": c.id,
            "text": " ".join(c.text.replace(fence, "").split()),
            "cites": "["
            + ", ".join(f"{names[x.article]}:{x.paragraph}" for x in c.citations)
            + "]",
        }
        for c in claims
    ]
    content = render(
        "judge.j2",
        language=_LANGUAGE[claims[0].lang],
        sentences=sentences,
        excerpts=[x.view(fence) for x in excerpts],
        fence=fence,
    )
    return [{"role": "user", "content": content}]


def judge_claims(
    claims: Sequence[Claim],
    articles: Sequence[Article],
    labels: Mapping[str, str],
    ask: Callable[[list[Message], dict[str, Any]], dict[str, Any]],
) -> Judgement:
    """Put `claims` to the judge, a call per language and batch of `BATCH`.
    `ask(messages, schema)` returns the answer matching `schema` or raises
    LLMError; a failed call leaves its claims unjudged and says why."""
    names = {aid: label for label, aid in labels.items()}
    by_id = {a.id: a for a in articles}
    judgement = Judgement()
    for lang in LANGS:
        mine = [c for c in claims if c.lang == lang and c.citations]
        for start in range(0, len(mine), BATCH):
            batch = mine[start : start + BATCH]
            ids = [c.id for c in batch]
            judgement.calls += 1
            try:
                answer = ask(judge_messages(batch, by_id, names), judge_schema(ids))
            except LLMError as exc:  # an unusable answer too
                judgement.failures.append(str(exc))
                continue
            for i in ids:
                verdict = answer["verdicts"][i]
                reason = " ".join(str(verdict["reason"]).split())[:_REASON_CHARS]
                judgement.verdicts[i] = (bool(verdict["entailed"]), reason)
    return judgement
