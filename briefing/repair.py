"""From the model's answer to verified summaries: verify every sentence,
send the failing ones back once with the reasons, drop what still fails
(recording why), and fall back to the extractive summary, with a notice,
for a language where nothing verifiable is left.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import LLMError
from .glossary import Entry, Glossary
from .llm import LLMSettings, Message
from .models import LANGS, Article, Dropped, Lang, Sentence, Summary
from .prompting import Excerpt, Failing, repair_messages
from .verify import SUPPORT_THRESHOLD, Draft, Verdict, Verifier

if TYPE_CHECKING:
    from .summarize import TopicRequest

UNVERIFIED_NOTICE: dict[Lang, str] = {
    "en": "No sentence of the generated English summary could be verified against the "
    "sources; these sentences are quoted from the sources instead.",
    "ar": "تعذّر التحقق من أيٍّ من جمل الملخص العربي المولَّد مقابل المصادر، "
    "فهذه جمل منقولة من المصادر بدلاً منها.",
}
# Sentences beyond what was asked for (plus this slack) are not used.
EXTRA_SENTENCES = 2
_ARTICLE_LABEL = re.compile(r"\barticle (A\d+)\b")


@dataclass
class TopicResult:
    titles: dict[Lang, str]
    summaries: dict[Lang, Summary]
    report: dict[str, object]


def _drafts(answer: Mapping[str, Any], lang: Lang) -> list[Draft]:
    return [
        Draft(
            lang,
            " ".join(str(item["text"]).split()),
            tuple((str(c["article"]), int(c["paragraph"])) for c in item["citations"]),
        )
        for item in answer["summary"][lang]
    ]


def _repair_excerpts(
    failing: Sequence[Verdict], articles: Sequence[Article], names: Mapping[str, str]
) -> list[Excerpt]:
    """The paragraphs the failing sentences cite validly, each with its
    neighbours (a wrong citation is most often one paragraph off), as one
    range per run of paragraphs; the leads of every article when they cite
    none. Not the whole topic: a repair is about a few sentences."""
    cited = sorted({(c.article, c.paragraph) for v in failing for c in v.citations})
    by_id = {a.id: a for a in articles}
    if not cited:
        return [
            Excerpt(names[a.id], a, 1, min(3, len(a.paragraphs))) for a in articles if a.paragraphs
        ]
    excerpts: list[Excerpt] = []
    for aid, n in cited:
        article = by_id[aid]
        first, last = max(1, n - 1), min(len(article.paragraphs), n + 1)
        if excerpts and excerpts[-1].article.id == aid and first <= excerpts[-1].last + 1:
            excerpts[-1] = Excerpt(
                names[aid], article, excerpts[-1].first, max(last, excerpts[-1].last)
            )
        else:
            excerpts.append(Excerpt(names[aid], article, first, last))
    return excerpts


def _entry(item: str, verdict: Verdict) -> dict[str, object]:
    return {
        "id": item,
        "lang": verdict.draft.lang,
        "text": verdict.draft.text,
        "citations": [list(c) for c in verdict.draft.citations],
        "support": None if verdict.support is None else round(verdict.support, 3),
        "reasons": list(verdict.reasons),
    }


def assemble(
    answer: Mapping[str, Any],
    request: TopicRequest,
    labels: Mapping[str, str],
    glossary: Glossary,
    entries: Sequence[Entry],
    settings: LLMSettings,
    repair: Callable[[list[Message]], dict[str, Any]],
    repair_excerpts: Sequence[Excerpt] | None,
) -> TopicResult:
    """Verified titles and summaries from `answer` (a SUMMARY_SCHEMA object),
    calling `repair` at most once with every failing sentence."""
    verifier = Verifier(request.articles, labels, glossary, SUPPORT_THRESHOLD)
    names = {aid: label for label, aid in labels.items()}

    def public(reason: str) -> str:
        return _ARTICLE_LABEL.sub(lambda m: f"article {labels.get(m.group(1), m.group(1))}", reason)

    limit = settings.sentences + EXTRA_SENTENCES
    items: list[tuple[str, Draft]] = []
    skipped: list[tuple[str, Draft]] = []
    for lang in LANGS:
        for index, draft in enumerate(_drafts(answer, lang), 1):
            (items if index <= limit else skipped).append((f"{lang}-{index}", draft))
    titles_written = {lang: " ".join(str(answer["title"][lang]).split()) for lang in LANGS}
    verifier.prepare([d for _, d in items], list(titles_written.values()))
    verdicts = dict(zip((i for i, _ in items), verifier.check([d for _, d in items]), strict=True))
    failing = [(i, v) for i, v in verdicts.items() if not v.ok]

    replacements: dict[str, Verdict] = {}
    repair_error: str | None = None
    if failing:
        excerpts = repair_excerpts or _repair_excerpts(
            [v for _, v in failing], request.articles, names
        )
        messages = repair_messages(
            [
                Failing(i, v.draft.lang, v.draft.text, v.draft.citations, v.reasons)
                for i, v in failing
            ],
            excerpts,
            entries,
            settings.sentences,
            list(labels),
        )
        try:
            fixed = repair(messages)
        except LLMError as exc:
            repair_error = str(exc)
            fixed = {"sentences": []}
        wanted = {i: v.draft.lang for i, v in failing}
        new: dict[str, Draft] = {}
        for item in fixed["sentences"]:
            key = str(item["id"]).strip()
            if key in wanted and key not in new:
                new[key] = Draft(
                    wanted[key],
                    " ".join(str(item["text"]).split()),
                    tuple((str(c["article"]), int(c["paragraph"])) for c in item["citations"]),
                )
        checked = verifier.check(list(new.values()))
        replacements = dict(zip(new, checked, strict=True))

    report_sentences: list[dict[str, object]] = []
    summaries: dict[Lang, Summary] = {}
    languages: dict[str, object] = {}
    for lang in LANGS:
        kept: list[Sentence] = []
        dropped: list[Dropped] = []
        counts = {"kept": 0, "repaired": 0, "dropped": 0}
        for item, verdict in verdicts.items():
            if verdict.draft.lang != lang:
                continue
            entry = _entry(item, verdict)
            final = verdict if verdict.ok else replacements.get(item)
            if final is not None and final.ok:
                sentence = Sentence(final.draft.text, final.citations)
                status = "kept" if verdict.ok else "repaired"
                if sentence.text in {s.text for s in kept}:
                    status = "duplicate"
                else:
                    kept.append(sentence)
            else:
                status = "dropped"
                last = final or verdict
                reasons = list(last.reasons)
                if final is None:
                    reasons.append(
                        f"the repair call failed: {repair_error}"
                        if repair_error
                        else "the model did not repair it"
                    )
                dropped.append(Dropped(last.draft.text, tuple(public(r) for r in reasons)))
            if not verdict.ok and item in replacements:
                entry["repair"] = _entry(item, replacements[item])
            entry["status"] = status
            counts[status if status in counts else "dropped"] += 0 if status == "duplicate" else 1
            report_sentences.append(entry)
        for item, draft in skipped:
            if draft.lang == lang:
                report_sentences.append(
                    {"id": item, "lang": lang, "text": draft.text, "status": "over-limit"}
                )
        fallback = not kept
        if fallback:
            base = request.fallback.get(lang) or Summary(lang, (), "unavailable")
            notice = " ".join(n for n in (UNVERIFIED_NOTICE[lang], base.notice) if n)
            summaries[lang] = Summary(lang, base.sentences, base.method, notice, tuple(dropped))
        else:
            summaries[lang] = Summary(lang, tuple(kept), "llm", None, tuple(dropped))
        languages[lang] = {**counts, "fallback": fallback}

    titles: dict[Lang, str] = {}
    title_report: dict[str, object] = {}
    for lang in LANGS:
        title = titles_written[lang]
        reasons = verifier.check_title(title, lang)
        used = not reasons
        titles[lang] = title if used else request.titles.get(lang, "")
        title_report[lang] = {"text": title, "used": used, "reasons": reasons}

    report: dict[str, object] = {
        "threshold": SUPPORT_THRESHOLD,
        "glossary": [e.en for e in entries],
        "labels": dict(labels),
        "titles": title_report,
        "sentences": report_sentences,
        "languages": languages,
        "repair_error": repair_error,
    }
    return TopicResult(titles, summaries, report)
