"""The optional judge: a second layer of verification, after the checks.

The deterministic checks (`verify`) catch what can be caught without a
model; a paraphrase that changes who did what without a name, number or
negation passes them. With `--judge`, the sentences they kept are put to a
model (the summarizing one, or another) one language of one topic at a
time, at most `BATCH` sentences a call, with the paragraphs they cite: is
each sentence entailed by them? The answer must be a JSON object with a
verdict for every sentence id (`judge_schema`); anything else fails that
call, and its sentences keep the deterministic result.

A section's title is put to the judge in the same call, as one more item
(`title_claim`): is it entailed by the titles and lead paragraphs of the
topic's articles, what the deterministic title checks compare it with?
`judge_claims` takes and gives plain data; the call itself is the caller's (`ask`), through the
same client, cache and usage counts as every other call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import LLMError
from ..llm.client import Message
from ..models import LANGS, Article, Citation, Lang
from .checks import addresses_model
from .prompting import Excerpt, fence_for, render

__all__ = [
    "BATCH",
    "JUDGE_VERSION",
    "Claim",
    "Judgement",
    "judge_claims",
    "judge_messages",
    "title_claim",
    "title_id",
]

# Recorded with every judged topic, and the name the judge's answers are
# asked (and cached) under: change it when the prompt or schema does, so an
# answer to an older prompt is never read as one to this one.
JUDGE_VERSION = "judge-2"
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
    # A section's title: judged against its `citations` (the articles' lead
    # paragraphs, shown with their titles), not as a cited sentence.
    title: bool = False


def title_id(lang: Lang) -> str:
    """The id a section's title has in the judge's answer ("en-title")."""
    return f"{lang}-title"


_TITLE_IDS = frozenset(title_id(lang) for lang in LANGS)


def title_claim(lang: Lang, text: str, articles: Sequence[Article], leads: int) -> Claim:
    """The title `text` of the `lang` section as a claim on the first `leads`
    paragraphs of each of `articles` that may be cited (and their titles,
    which the judge sees with them): what the title checks compare it with."""
    citations = tuple(
        Citation(a.id, n)
        for a in articles
        for n, paragraph in enumerate(a.paragraphs[:leads], 1)
        if not addresses_model(paragraph)
    )
    return Claim(title_id(lang), lang, text, citations, title=True)


@dataclass
class Judgement:
    """What the judge said: (entailed, reason) by sentence id for the
    sentences it judged, the calls made, and why the failed calls failed."""

    verdicts: dict[str, tuple[bool, str]] = field(default_factory=dict)
    calls: int = 0
    failures: list[str] = field(default_factory=list)
    # The languages with a failed call (some of their items unjudged).
    failed_langs: list[Lang] = field(default_factory=list)

    @property
    def judged(self) -> int:
        """Sentences judged (titles apart)."""
        return sum(1 for i in self.verdicts if i not in _TITLE_IDS)

    @property
    def rejected(self) -> int:
        """Sentences found not entailed (titles apart)."""
        return sum(1 for i, (ok, _) in self.verdicts.items() if not ok and i not in _TITLE_IDS)

    @property
    def titles_judged(self) -> int:
        return sum(1 for i in self.verdicts if i in _TITLE_IDS)

    @property
    def titles_rejected(self) -> int:
        return sum(1 for i, (ok, _) in self.verdicts.items() if not ok and i in _TITLE_IDS)


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
    entailed by the paragraphs it cites, and the title among them (if any)
    by the articles' titles and leads; `names` maps article id to label."""
    excerpts = _excerpts(claims, articles, names)
    fence = fence_for(
        [p for x in excerpts for p in x.article.paragraphs] + [c.text for c in claims]
    )
    items = [
        {
            "id": c.id,
            "text": " ".join(c.text.replace(fence, "").split()),
            "cites": "["
            + ", ".join(f"{names[x.article]}:{x.paragraph}" for x in c.citations)
            + "]",
        }
        for c in claims
    ]
    titles = [item for item, c in zip(items, claims, strict=True) if c.title]
    content = render(
        "judge.j2",
        language=_LANGUAGE[claims[0].lang],
        sentences=[item for item, c in zip(items, claims, strict=True) if not c.title],
        title=titles[0] if titles else None,
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
    """Put `claims` to the judge, a call per language and batch of `BATCH`
    sentences; a language's title (a claim with `title` set) goes with its
    first batch, one item more, and is not asked about in a language with
    no sentence to judge (its section is not the model's then).
    `ask(messages, schema)` returns the answer matching `schema` or raises
    LLMError; a failed call leaves its claims unjudged and says why."""
    names = {aid: label for label, aid in labels.items()}
    by_id = {a.id: a for a in articles}
    judgement = Judgement()
    for lang in LANGS:
        mine = [c for c in claims if c.lang == lang and c.citations and not c.title]
        titles = [c for c in claims if c.lang == lang and c.citations and c.title][:1]
        for start in range(0, len(mine), BATCH):
            batch = mine[start : start + BATCH] + (titles if start == 0 else [])
            ids = [c.id for c in batch]
            judgement.calls += 1
            try:
                answer = ask(judge_messages(batch, by_id, names), judge_schema(ids))
            except LLMError as exc:  # an unusable answer too
                judgement.failures.append(str(exc))
                if lang not in judgement.failed_langs:
                    judgement.failed_langs.append(lang)
                continue
            for i in ids:
                verdict = answer["verdicts"][i]
                reason = " ".join(str(verdict["reason"]).split())[:_REASON_CHARS]
                judgement.verdicts[i] = (bool(verdict["entailed"]), reason)
    return judgement
