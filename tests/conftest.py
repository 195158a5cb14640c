"""Shared test helpers: articles written for the tests, and the corpus path."""

from __future__ import annotations

import datetime as dt
import os
import signal
from pathlib import Path

import pytest

from briefing.ingest.load import make_article
from briefing.models import Article, Lang
from briefing.summary.verify import Draft, Verifier

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"


def article(
    id: str,
    text: str,
    lang: Lang = "en",
    title: str = "",
    published: str | None = "2026-11-21T08:00:00+00:00",
    url: str | None = None,
    source: str = "Test Wire",
) -> Article:
    return make_article(
        id=id,
        text=text,
        lang=lang,
        path=f"{id}.json",
        title=title,
        source=source,
        url=url,
        published=dt.datetime.fromisoformat(published) if published else None,
    )


def without_isolates(markdown: str) -> str:
    """`markdown` without the FSI and PDI that set each language's piece of
    a mixed line apart (what a reader sees, the controls being invisible)."""
    return markdown.replace("\u2068", "").replace("\u2069", "")


@pytest.fixture
def corpus() -> Path:
    if not (CORPUS / "dev").is_dir():
        pytest.skip(f"the development corpus is not at {CORPUS}")
    return CORPUS


def clear_machine_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, also: tuple[str, ...] = ()
) -> None:
    """No endpoint, config or cache from the machine running the tests: its
    OPENAI_* and BRIEFING_* variables (and any named in `also`) are removed
    and the cache is under `tmp_path`."""
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "BRIEFING_", *also)):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def clean_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`clear_machine_settings`, run from the repository's root."""
    clear_machine_settings(tmp_path, monkeypatch)
    monkeypatch.chdir(ROOT)


def kept(verifier: Verifier, lang: Lang, text: str, cite: tuple[str, int]) -> bool:
    """Whether `verifier` keeps one sentence in `lang` citing one paragraph."""
    (verdict,) = verifier.check([Draft(lang, text, (cite,))])
    return verdict.ok


def as_from_a_terminal() -> None:
    """In a child process before exec: Ctrl-C as a shell's foreground job has
    it, whatever the test process inherited or a library of it set (an
    ignored or blocked SIGINT is passed on to a child)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
