"""Check every generated sentence against the paragraphs it cites.

A sentence passes when (1) each citation names an article of the topic and a
paragraph it has, (2) every number in it occurs in a cited paragraph,
(3) every quotation occurs word for word in a cited paragraph of the same
language, (4) it is semantically close to what it cites (an embedding
similarity threshold measured on real news by `benchmarks/llm.py`), and
(5) it names glossary entities the glossary's way and only ones its sources
name. The reasons a sentence fails are written for the reader of the report
and for the model that is asked to repair it.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..embed import Vectors, embed
from ..models import Article, Citation, Lang
from ..text import detect_lang, normalize, split_sentences
from .glossary import Glossary

# Cosine similarity between a sentence and the best-matching sentence (or
# pair of adjacent sentences) of the paragraphs it cites, measured on the
# development corpus by `benchmarks/llm.py threshold`. At 0.40: compressed
# source sentences pass 100% (their 1st percentile is 0.51), a sentence's
# best match in another-language article of the same story passes 76%
# (25th percentile 0.40; a noisy positive, as not every fact is in both),
# sentences against another story's paragraph pass 3% (99th percentile 0.46)
# and injected off-topic sentences 0% (99th percentile 0.25). Within one
# story the check cannot tell a right citation from a wrong one (same-article
# other paragraphs median 0.31, near-miss stories 0.45): the number, quotation
# and name checks are what catch those.
SUPPORT_THRESHOLD = 0.40
MAX_WORDS = 80
NAMES_IN_SENTENCE_KINDS = frozenset({"country", "territory", "body", "person"})

_LANG_NAME: dict[Lang, str] = {"ar": "Arabic", "en": "English"}
_LABEL = re.compile(r"(?<![\w])A\d{1,3}(?![\w])")
_MARKUP = re.compile(r"https?://|www\.|<\s*/?\s*[a-zA-Z][^>]*>|\[[^\]]*\]\([^)]*\)|```")
_EMBED_LOCK = threading.Lock()
# Text in a source that addresses the model rather than the reader. Such a
# paragraph stays in the prompt (it is part of the article) but cannot be
# cited: a sentence resting on it would be repeating the instruction.
_INSTRUCTION = re.compile(
    r"ignore (?:all |any )?(?:the )?(?:previous|prior|above|earlier) (?:instructions|prompts?)"
    r"|disregard (?:all |any |the )?(?:previous|prior|above|earlier|your) "
    r"(?:instructions|prompts?|rules)"
    r"|(?:system|developer) prompt|you are (?:an? )?(?:ai|large language model|language model)"
    r"|(?:in|to|into) your (?:summary|briefing|answer|output|response)\b"
    r"|(?:write|say|state|add|include|mention|report)\b[^.]{0,60}\b(?:in|to|into) "
    r"(?:the|this) (?:summary|briefing)\b"
    r"|تجاهل (?:جميع |كل )?(?:التعليمات|الاوامر)"
    r"|(?:اكتب|اذكر|قل|اضف|ضع)[^.]{0,60}(?:في|الي) (?:الملخص|الموجز)",
    re.IGNORECASE,
)
TITLE_LEAD_PARAGRAPHS = 3


def addresses_model(paragraph: str) -> bool:
    """True if the paragraph reads as instructions to a language model."""
    return bool(_INSTRUCTION.search(normalize(paragraph)))


# --- numbers ---------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
_SCALE = re.compile(
    r"\s*(thousand|million|billion|trillion|الف|الاف|مليون|ملايين|مليار|مليارات|بليون)\b"
)
_SCALES = {
    "thousand": 3,
    "الف": 3,
    "الاف": 3,
    "million": 6,
    "مليون": 6,
    "ملايين": 6,
    "billion": 9,
    "مليار": 9,
    "مليارات": 9,
    "بليون": 9,
    "trillion": 12,
}


def _canonical(number: str) -> str:
    """A plain decimal numeral: no thousands separators, no leading or
    trailing zeros ("2,000" and "2000" are one number; "2.50" is "2.5")."""
    whole, _, fraction = number.partition(".")
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def _readings(token: str) -> set[str]:
    """The numbers a written numeral can mean."""
    if _THOUSANDS.fullmatch(token):
        return {_canonical(token.replace(",", ""))}
    if _DOT_THOUSANDS.fullmatch(token):
        return {_canonical(token.replace(".", ""))}
    if "," in token:
        # "2,5" is a decimal comma; "3,4" in a list is two numbers, written
        # "3|4": a list reading is in a paragraph only if all its parts are.
        parts = "|".join(_canonical(p) for p in token.split(","))
        return {_canonical(token.replace(",", ".")), parts}
    if re.fullmatch(r"\d{1,3}\.\d{3}", token):
        return {_canonical(token), _canonical(token.replace(".", ""))}
    return {_canonical(token)}


def _scaled(reading: str, exponent: int) -> str:
    whole, _, fraction = reading.partition(".")
    digits = whole + fraction.ljust(exponent, "0")
    return _canonical(digits[: len(whole) + exponent] + "." + digits[len(whole) + exponent :])


def numbers(text: str) -> list[tuple[str, set[str]]]:
    """Each number written in `text` (Western or Arabic-Indic digits), as
    written and as the set of plain numerals it can stand for ("2.5 million"
    also stands for 2500000)."""
    prepared = normalize(text)
    found = []
    for match in _NUMBER.finditer(prepared):
        readings = _readings(match.group())
        scale = _SCALE.match(prepared, match.end())
        if scale:
            exponent = _SCALES[scale.group(1)]
            readings |= {_scaled(r, exponent) for r in readings if "|" not in r}
        found.append((match.group(), readings))
    return found


# --- quotations ------------------------------------------------------------

_QUOTE = re.compile(r"“([^“”]+)”|«([^«»]+)»|\"([^\"]+)\"|„([^„“”]+)[“”]")
_ELLIPSIS = re.compile(r"\.\.\.|…|\[\.\.\.\]")
_FOLD_PUNCT = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "\u00a0": " "})
_EDGE = " \t.,;:!?،؛؟'\"-"


def _fold(text: str) -> str:
    return " ".join(normalize(text).translate(_FOLD_PUNCT).split())


def quotations(text: str) -> list[str]:
    """The texts inside quotation marks ("…", “…”, «…», „…“) in `text`."""
    return [next(g for g in m.groups() if g is not None) for m in _QUOTE.finditer(text)]


def quoted_in(quote: str, paragraph: str) -> bool:
    """True if `quote` appears word for word in `paragraph` (after normalize();
    an ellipsis in the quote may stand for left-out words)."""
    haystack = _fold(paragraph)
    position = 0
    for piece in _ELLIPSIS.split(quote):
        needle = _fold(piece).strip(_EDGE)
        if not needle:
            continue
        found = haystack.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


# --- semantic support ------------------------------------------------------


def support_units(paragraph: str) -> list[str]:
    """What a sentence is compared with: each sentence of the paragraph and
    each pair of adjacent sentences (a summary sentence often joins two)."""
    sentences = split_sentences(paragraph)
    return sentences + [f"{a} {b}" for a, b in itertools.pairwise(sentences)]


def embed_locked(texts: Sequence[str]) -> Vectors:
    """`embed`, one caller at a time (the encoder is shared by worker threads)."""
    with _EMBED_LOCK:
        return embed(texts)


# --- the verifier ----------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """A generated sentence as the model wrote it: citations are
    (article label as written, paragraph number)."""

    lang: Lang
    text: str
    citations: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Verdict:
    draft: Draft
    citations: tuple[Citation, ...]  # the valid ones, resolved to article ids
    reasons: tuple[str, ...]
    support: float | None

    @property
    def ok(self) -> bool:
        return not self.reasons


class Verifier:
    """Verifies drafts for one topic: `articles` are the topic's articles and
    `labels` maps the short label the model saw (A1, A2, ...) to an article id."""

    def __init__(
        self,
        articles: Sequence[Article],
        labels: Mapping[str, str],
        glossary: Glossary,
        threshold: float = SUPPORT_THRESHOLD,
    ) -> None:
        self.articles = {a.id: a for a in articles}
        self.labels = dict(labels)
        self.names = {aid: label for label, aid in labels.items()}
        self.glossary = glossary
        self.threshold = threshold
        self._memo: dict[str, Vectors] = {}

    def resolve(self, label: str) -> str | None:
        """The article id a citation label means: A2, [A2], a2 or the id itself."""
        cleaned = label.strip().strip("[]()").strip()
        if cleaned.upper() in self.labels:
            return self.labels[cleaned.upper()]
        return cleaned if cleaned in self.articles else None

    def _citations(self, draft: Draft) -> tuple[list[Citation], list[str]]:
        valid: list[Citation] = []
        reasons: list[str] = []
        for label, number in draft.citations:
            aid = self.resolve(label)
            if aid is None:
                reasons.append(f"cites {label!r}, which is not one of this topic's articles")
                continue
            article = self.articles[aid]
            if article.paragraph(number) is None:
                reasons.append(
                    f"cites paragraph {number} of article {self.names.get(aid, aid)}, "
                    f"which has {len(article.paragraphs)} paragraphs"
                )
                continue
            if addresses_model(article.paragraphs[number - 1]):
                reasons.append(
                    f"cites paragraph {number} of article {self.names.get(aid, aid)}, which "
                    "holds instructions addressed to a language model, not news"
                )
                continue
            citation = Citation(aid, number)
            if citation not in valid:
                valid.append(citation)
        if not draft.citations:
            reasons.append("cites no source paragraph")
        return valid, reasons

    def _text_reasons(self, draft: Draft, cited: list[tuple[Article, str]]) -> list[str]:
        reasons: list[str] = []
        text = draft.text
        if not text.strip():
            return ["is empty"]
        detected = detect_lang(text)
        if detected is not None and detected != draft.lang:
            reasons.append(f"is not written in {_LANG_NAME[draft.lang]}")
        if len(text.split()) > MAX_WORDS:
            reasons.append(f"is longer than {MAX_WORDS} words")
        if _MARKUP.search(text):
            reasons.append("contains a link or markup")
        label = _LABEL.search(text)
        if label:
            reasons.append(
                f"contains the source label {label.group(0)} in its text; "
                "cite sources in the citations list only"
            )
        if not cited:
            return reasons
        source_numbers: set[str] = set()
        for _, paragraph in cited:
            for _written, readings in numbers(paragraph):
                source_numbers |= {part for r in readings for part in r.split("|")}
        for written, readings in numbers(text):
            if not any(set(r.split("|")) <= source_numbers for r in readings):
                reasons.append(f"the number {written} does not appear in the cited paragraphs")
        same_lang = [p for a, p in cited if a.lang == draft.lang]
        for quote in quotations(text):
            if not any(quoted_in(quote, p) for p in same_lang):
                where = f"a cited {_LANG_NAME[draft.lang]} paragraph"
                reasons.append(f"the quotation “{quote}” does not appear word for word in {where}")
        reasons.extend(self._entity_reasons(draft, cited))
        return reasons

    def _entity_reasons(self, draft: Draft, cited: list[tuple[Article, str]]) -> list[str]:
        reasons = []
        same_lang = [normalize(p) for a, p in cited if a.lang == draft.lang]
        for entry, used in self.glossary.misnamed(draft.text, draft.lang):
            if any(normalize(used) in p for p in same_lang):
                # The source itself writes it so: another person or place
                # with a similar name ("Gutiérrez", not "Guterres").
                continue
            preferred = entry.preferred(draft.lang)
            reasons.append(f"writes {used!r} for {entry.en}; the glossary form is {preferred!r}")
        named = [
            e
            for e in self.glossary.mentioned(draft.text, draft.lang)
            if e.kind in NAMES_IN_SENTENCE_KINDS
        ]
        if named:
            sources: list[tuple[str, Lang]] = [(p, a.lang) for a, p in cited]
            sources += [(a.title, a.lang) for a in {a.id: a for a, _ in cited}.values()]
            present = {id(e) for e in self.glossary.relevant(sources)}
            for entry in named:
                if id(entry) not in present:
                    reasons.append(
                        f"names {entry.preferred(draft.lang)}, which the cited paragraphs "
                        "do not mention"
                    )
        return reasons

    def check(self, drafts: Sequence[Draft]) -> list[Verdict]:
        """A verdict for each draft, in order."""
        resolved = [self._citations(d) for d in drafts]
        cited = [
            [
                (self.articles[c.article], self.articles[c.article].paragraphs[c.paragraph - 1])
                for c in valid
            ]
            for valid, _ in resolved
        ]
        supports = self._supports(drafts, cited)
        verdicts = []
        for draft, (valid, reasons), sources, support in zip(
            drafts, resolved, cited, supports, strict=True
        ):
            reasons = reasons + self._text_reasons(draft, sources)
            if support is not None and support < self.threshold:
                reasons.append(
                    f"is not supported by the paragraphs it cites "
                    f"(similarity {support:.2f}, needs {self.threshold:.2f})"
                )
            verdicts.append(Verdict(draft, tuple(valid), tuple(dict.fromkeys(reasons)), support))
        return verdicts

    def _vectors(self, texts: Sequence[str]) -> dict[str, Vectors]:
        """Embeddings of `texts`, computing in one batch only those not seen
        before (one encoder call per topic is what keeps verification fast)."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if missing:
            for text, row in zip(missing, embed_locked(missing), strict=True):
                self._memo[text] = row
        return self._memo

    def _leads(self) -> list[tuple[Article, str]]:
        return [
            (a, p)
            for a in self.articles.values()
            for p in a.paragraphs[:TITLE_LEAD_PARAGRAPHS]
            if not addresses_model(p)
        ]

    def prepare(self, drafts: Sequence[Draft], titles: Sequence[str] = ()) -> None:
        """Embed, in one batch, everything `check(drafts)` and `check_title`
        of `titles` will compare."""
        texts = [d.text for d in drafts if d.text.strip()]
        for valid, _ in (self._citations(d) for d in drafts):
            for c in valid:
                texts += support_units(self.articles[c.article].paragraphs[c.paragraph - 1])
        if titles:
            texts += [t for t in titles if t.strip()]
            texts += [u for _, p in self._leads() for u in support_units(p)]
        self._vectors(texts)

    def _supports(
        self, drafts: Sequence[Draft], cited: list[list[tuple[Article, str]]]
    ) -> list[float | None]:
        """Max cosine of each draft against the units of its cited paragraphs."""
        needed = [d.text for d in drafts if d.text.strip()]
        needed += [u for sources in cited for _, p in sources for u in support_units(p)]
        memo = self._vectors(needed)
        supports: list[float | None] = []
        for draft, sources in zip(drafts, cited, strict=True):
            units = [u for _, p in sources for u in support_units(p)]
            if not units or not draft.text.strip():
                supports.append(None)
                continue
            matrix = np.vstack([memo[u] for u in units])
            supports.append(float(np.max(matrix @ memo[draft.text])))
        return supports

    def check_title(self, title: str, lang: Lang) -> list[str]:
        """Reasons a generated title cannot be used (empty list when it can):
        the sentence checks against all the topic's paragraphs, and semantic
        support against the articles' lead paragraphs."""
        everything = [
            (a, p) for a in self.articles.values() for p in a.paragraphs if not addresses_model(p)
        ]
        draft = Draft(lang, title, ())
        reasons = self._text_reasons(draft, everything)
        if len(title.split()) > 20:
            reasons.append("is longer than 20 words")
        leads = self._leads()
        if title.strip() and leads:
            (support,) = self._supports([draft], [leads])
            if support is not None and support < self.threshold:
                reasons.append(
                    f"is not supported by the topic's lead paragraphs (similarity {support:.2f})"
                )
        return reasons
