"""From the model's answer to verified summaries: verify every sentence,
send the failing ones back once with the reasons, drop what still fails
(recording why), and fall back to the extractive summary, with a notice,
for a language where nothing verifiable is left.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import LLMError
from ..labels import online_notice
from ..llm.cache import AnswerCache
from ..llm.client import LLMSettings, Message
from ..models import LANGS, Article, Dropped, Lang, Sentence, Summary, TopicRequest
from .glossary import Entry, Glossary
from .judge import Claim, Judgement, title_claim, title_id
from .prompting import Excerpt, Failing, repair_messages
from .titles import compare_titles
from .verdicts import CachedChecks, topic_digest
from .verify import SUPPORT_THRESHOLD, TITLE_LEAD_PARAGRAPHS, Draft, Verdict, Verifier

UNVERIFIED_NOTICE: dict[Lang, str] = {
    "en": "No sentence of the generated English summary could be verified against the "
    "sources; these sentences are quoted from the sources instead.",
    "ar": "تعذّر التحقق من أيٍّ من جمل الملخص العربي المولَّد مقابل المصادر، "
    "فهذه جمل منقولة من المصادر بدلاً منها.",
}
# The same, when there is no source sentence to quote in that language.
UNVERIFIED_NONE: dict[Lang, str] = {
    "en": "No sentence of the generated English summary could be verified against the sources.",
    "ar": "تعذّر التحقق من أيٍّ من جمل الملخص العربي المولَّد مقابل المصادر.",
}
MOSTLY_DROPPED_NOTICE: dict[Lang, str] = {
    "en": "Most of the model's sentences for this summary failed verification and were "
    "left out; only the verified ones are shown.",
    "ar": "لم يجتز معظم ما كتبه النموذج لهذا الملخص التحقق فحُذف، "
    "ولا تظهر هنا إلا الجمل التي تم التحقق منها.",
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


Judge = Callable[[list[Claim]], Judgement]


def assemble(
    answer: Mapping[str, Any],
    request: TopicRequest,
    labels: Mapping[str, str],
    glossary: Glossary,
    entries: Sequence[Entry],
    settings: LLMSettings,
    repair: Callable[[list[Message]], dict[str, Any]],
    judge: Judge | None = None,
    store: AnswerCache | None = None,
) -> TopicResult:
    """Verified titles and summaries from `answer` (a SUMMARY_SCHEMA object),
    calling `repair` at most once with every failing sentence, then `judge`
    (if given) with every sentence the checks kept. The checks' results are
    kept in `store` (if given) with the answer they verify."""
    verifier = Verifier(request.articles, labels, glossary, SUPPORT_THRESHOLD)
    checks = CachedChecks(
        verifier, store, topic_digest(request.articles, labels, glossary, SUPPORT_THRESHOLD)
    )
    items, over_limit = _numbered_drafts(answer, settings.sentences + EXTRA_SENTENCES)
    titles_written = {lang: " ".join(str(answer["title"][lang]).split()) for lang in LANGS}
    checked, title_reasons = checks.answer([d for _, d in items], titles_written)
    verdicts = dict(zip((i for i, _ in items), checked, strict=True))
    failing = [(i, v) for i, v in verdicts.items() if not v.ok]
    replacements, repair_error = _repairs(
        failing, request.articles, labels, entries, settings, repair, checks
    )
    titles_passed = {lang: titles_written[lang] for lang in LANGS if not title_reasons[lang]}
    judgement = _judged(verdicts, replacements, judge, titles_passed, request.articles)

    def public(reason: str) -> str:
        return _ARTICLE_LABEL.sub(lambda m: f"article {labels.get(m.group(1), m.group(1))}", reason)

    report_sentences: list[dict[str, object]] = []
    summaries: dict[Lang, Summary] = {}
    languages: dict[str, object] = {}
    mostly_dropped: list[str] = []
    for lang in LANGS:
        outcome = _Language(lang, public, repair_error, judgement)
        for item, verdict in verdicts.items():
            if verdict.draft.lang == lang:
                report_sentences.append(outcome.settle(item, verdict, replacements.get(item)))
        report_sentences += [
            {"id": item, "lang": lang, "text": draft.text, "status": "over-limit"}
            for item, draft in over_limit
            if draft.lang == lang
        ]
        summaries[lang] = outcome.summary(request.fallback.get(lang))
        languages[lang] = {**outcome.counts, "fallback": not outcome.kept}
        if outcome.mostly_dropped:
            mostly_dropped.append(lang)

    extractive = {lang for lang in LANGS if summaries[lang].method != "llm"}
    titles, title_report = _titles(
        titles_written, request.titles, title_reasons, extractive, judgement
    )
    agreement = _agree(titles, title_report, request.titles, checks, glossary)
    report: dict[str, object] = {
        "threshold": SUPPORT_THRESHOLD,
        "glossary": [e.en for e in entries],
        "labels": dict(labels),
        "titles": title_report,
        "title_agreement": agreement,
        "sentences": report_sentences,
        "languages": languages,
        "repair_error": repair_error,
        "mostly_dropped": mostly_dropped,
    }
    if judgement is not None:
        report["judge"] = {
            "calls": judgement.calls,
            "judged": judgement.judged,
            "rejected": judgement.rejected,
            "titles_judged": judgement.titles_judged,
            "titles_rejected": judgement.titles_rejected,
            "failures": judgement.failures,
            "unjudged": judgement.failed_langs,
        }
    return TopicResult(titles, summaries, report)


def _judged(
    verdicts: Mapping[str, Verdict],
    replacements: Mapping[str, Verdict],
    judge: Judge | None,
    titles: Mapping[Lang, str] | None = None,
    articles: Sequence[Article] = (),
) -> Judgement | None:
    """The judge's verdicts on every sentence the checks kept (as written
    or repaired) and on the `titles` that passed the title checks, against
    the leads those checks compare them with; None without a judge."""
    if judge is None:
        return None
    claims = []
    for item, verdict in verdicts.items():
        final = verdict if verdict.ok else replacements.get(item)
        if final is not None and final.ok:
            claims.append(Claim(item, final.draft.lang, final.draft.text, final.citations))
    for lang, title in (titles or {}).items():
        if title:
            claims.append(title_claim(lang, title, articles, TITLE_LEAD_PARAGRAPHS))
    return judge(claims)


def _numbered_drafts(
    answer: Mapping[str, Any], limit: int
) -> tuple[list[tuple[str, Draft]], list[tuple[str, Draft]]]:
    """The answer's sentences as `(id, draft)` ("en-2"), split into those
    within `limit` per language and those beyond it."""
    items: list[tuple[str, Draft]] = []
    over_limit: list[tuple[str, Draft]] = []
    for lang in LANGS:
        for index, draft in enumerate(_drafts(answer, lang), 1):
            (items if index <= limit else over_limit).append((f"{lang}-{index}", draft))
    return items, over_limit


def _repairs(
    failing: Sequence[tuple[str, Verdict]],
    articles: Sequence[Article],
    labels: Mapping[str, str],
    entries: Sequence[Entry],
    settings: LLMSettings,
    repair: Callable[[list[Message]], dict[str, Any]],
    checks: CachedChecks,
) -> tuple[dict[str, Verdict], str | None]:
    """One repair call with every failing sentence; the checked replacements
    by sentence id, and the call's error (None if it did not fail)."""
    if not failing:
        return {}, None
    names = {aid: label for label, aid in labels.items()}
    messages = repair_messages(
        [Failing(i, v.draft.lang, v.draft.text, v.draft.citations, v.reasons) for i, v in failing],
        _repair_excerpts([v for _, v in failing], articles, names),
        entries,
        settings.sentences,
        list(labels),
    )
    repair_error: str | None = None
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
    return dict(zip(new, checks.check(list(new.values())), strict=True)), repair_error


class _Language:
    """One language's sentences as they are settled: kept, repaired, dropped
    (with the reasons, in public article names) or duplicate."""

    def __init__(
        self,
        lang: Lang,
        public: Callable[[str], str],
        repair_error: str | None,
        judgement: Judgement | None = None,
    ):
        self.lang = lang
        self.public = public
        self.repair_error = repair_error
        self.judgement = judgement
        self.kept: list[Sentence] = []
        self.dropped: list[Dropped] = []
        self.counts = {"kept": 0, "repaired": 0, "dropped": 0}

    def settle(self, item: str, verdict: Verdict, replacement: Verdict | None) -> dict[str, object]:
        """Keep or drop one sentence; its report entry."""
        entry = _entry(item, verdict)
        final = verdict if verdict.ok else replacement
        judged = self.judgement.verdicts.get(item) if self.judgement is not None else None
        if judged is not None:
            entry["judge"] = {"entailed": judged[0], "reason": judged[1]}
        if final is not None and final.ok and judged is not None and not judged[0]:
            status = "dropped"
            reason = "the judge found it not entailed by the paragraphs it cites"
            reason += f": {judged[1]}" if judged[1] else ""
            self.dropped.append(Dropped(final.draft.text, (self.public(reason),)))
        elif final is not None and final.ok:
            sentence = Sentence(final.draft.text, final.citations, judged=judged is not None)
            status = "kept" if verdict.ok else "repaired"
            if sentence.text in {s.text for s in self.kept}:
                status = "duplicate"
            else:
                self.kept.append(sentence)
        else:
            status = "dropped"
            last = final or verdict
            reasons = list(last.reasons)
            if final is None:
                reasons.append(
                    f"the repair call failed: {self.repair_error}"
                    if self.repair_error
                    else "the model did not repair it"
                )
            self.dropped.append(Dropped(last.draft.text, tuple(self.public(r) for r in reasons)))
        if replacement is not None and not verdict.ok:
            entry["repair"] = _entry(item, replacement)
        entry["status"] = status
        if status != "duplicate":
            self.counts[status] += 1
        return entry

    @property
    def mostly_dropped(self) -> bool:
        """More of the model's sentences were dropped than kept."""
        return len(self.dropped) > len(self.kept)

    def summary(self, fallback: Summary | None) -> Summary:
        """The kept sentences, or the extractive `fallback` with a notice."""
        if self.kept:
            notice = MOSTLY_DROPPED_NOTICE[self.lang] if self.mostly_dropped else None
            return Summary(self.lang, tuple(self.kept), "llm", notice, tuple(self.dropped))
        base = fallback or Summary(self.lang, (), "unavailable")
        lead = UNVERIFIED_NOTICE if base.sentences else UNVERIFIED_NONE
        notice = " ".join(n for n in (lead[self.lang], online_notice(self.lang, base.notice)) if n)
        return Summary(self.lang, base.sentences, base.method, notice, tuple(self.dropped))


def _titles(
    written: Mapping[Lang, str],
    extractive: Mapping[Lang, str],
    checked: Mapping[Lang, list[str]],
    extractive_sections: set[Lang],
    judgement: Judgement | None = None,
) -> tuple[dict[Lang, str], dict[str, object]]:
    """The model's titles where they pass the checks (and the judge, when
    there is one and it answered), else the extractive ones; a model title
    never heads an extractive section, and a language with neither (no
    source in it) has no title, never an empty one."""
    titles: dict[Lang, str] = {}
    report: dict[str, object] = {}
    for lang in LANGS:
        reasons = list(checked[lang])
        judged = judgement.verdicts.get(title_id(lang)) if judgement is not None else None
        if judged is not None and not judged[0]:
            reason = "the judge found it not entailed by the articles' titles and leads"
            reasons.append(reason + (f": {judged[1]}" if judged[1] else ""))
        if lang in extractive_sections:
            reasons.append("heads a section whose model sentences were all dropped")
        title = written[lang] if not reasons else extractive.get(lang, "")
        if title:
            titles[lang] = title
        report[lang] = {"text": written[lang], "used": not reasons, "reasons": reasons}
        if judgement is not None:
            entry = report[lang]
            assert isinstance(entry, dict)
            entry["judged"] = judged is not None
            if judged is not None:
                entry["judge"] = {"entailed": judged[0], "reason": judged[1]}
    return titles, report


def _agree(
    titles: dict[Lang, str],
    report: dict[str, object],
    extractive: Mapping[Lang, str],
    checks: CachedChecks,
    glossary: Glossary,
) -> dict[str, object] | None:
    """Compare the topic's two model titles (`titles.compare_titles`); when
    they disagree, replace the weaker (the one less supported by the topic's
    lead paragraphs that has an extractive title to fall back on) in
    `titles`, say why in its `report` entry, and return the record. None
    when a title is not the model's (already extractive, or none): the
    extractive titles come from the articles and are not compared."""
    if any(titles.get(lang) != _entry_text(report, lang) for lang in LANGS):
        return None
    agreement = compare_titles(titles, glossary, checks.similarity)
    if agreement.agree:
        return agreement.as_report(None)
    candidates = [
        lang for lang in LANGS if extractive.get(lang) and extractive[lang] != titles[lang]
    ]
    if not candidates:
        return agreement.as_report(None)
    weaker = min(candidates, key=lambda lang: checks.title_support(titles[lang]) or 0.0)
    titles[weaker] = extractive[weaker]
    entry = report[weaker]
    assert isinstance(entry, dict)
    entry["used"] = False
    entry["reasons"] = [*entry["reasons"], "does not describe the same event as the other title"]
    return agreement.as_report(weaker)


def _entry_text(report: Mapping[str, object], lang: Lang) -> str | None:
    """The model's title in `lang` when it was used, else None."""
    entry = report.get(lang)
    if isinstance(entry, dict) and entry.get("used"):
        return str(entry["text"])
    return None
