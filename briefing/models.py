"""Plain data passed between the pipeline stages.

Every stage takes and returns these dataclasses; none of them knows about the
command line, files on disk or the LLM client.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["ar", "en"]
LANGS: tuple[Lang, ...] = ("ar", "en")


@dataclass(frozen=True)
class Article:
    """One news article, split into numbered paragraphs (numbered from 1).

    `published` is timezone-aware, or None when the input did not say.
    `path` is the file the article was read from (posix, as given);
    `content_hash` is the sha256 of the paragraphs, so a change of text is
    detectable later.
    """

    id: str
    title: str
    source: str
    url: str | None
    published: dt.datetime | None
    lang: Lang
    paragraphs: tuple[str, ...]
    path: str
    content_hash: str
    # Where `published` came from: "metadata" (the file said), "text" (a
    # dateline) or "inferred" (the latest date the text names); None if undated.
    date_source: str | None = None
    # The latest year the text mentions: it was written in that year or later.
    not_before: int | None = None
    # "derived" when the title was made from the lead, not given by the file.
    title_source: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def paragraph(self, number: int) -> str | None:
        """The paragraph with this 1-based number, or None if there is none."""
        if 1 <= number <= len(self.paragraphs):
            return self.paragraphs[number - 1]
        return None


@dataclass(frozen=True)
class Skipped:
    """An input that was not used, with the reason a user can act on."""

    path: str
    reason: str


@dataclass(frozen=True)
class Citation:
    article: str
    paragraph: int


@dataclass(frozen=True)
class Sentence:
    text: str
    citations: tuple[Citation, ...]
    # Whether the optional judge found it entailed by what it cites (a
    # sentence the judge rejects is dropped; an unjudged one is not).
    judged: bool = False


@dataclass(frozen=True)
class Dropped:
    """A generated sentence that failed verification and was left out."""

    text: str
    reasons: tuple[str, ...]


SummaryMethod = Literal["extractive", "llm", "unavailable"]


@dataclass(frozen=True)
class Summary:
    """A topic's summary in one language.

    `method` says how it was made; `notice` is a sentence shown to the reader
    (for example that no summary is available offline in this language).
    """

    lang: Lang
    sentences: tuple[Sentence, ...]
    method: SummaryMethod
    notice: str | None = None
    dropped: tuple[Dropped, ...] = ()


@dataclass(frozen=True)
class Group:
    """Articles that report the same story, as found by the grouping stage.

    `parts` splits the members into token-budgeted chunks (each a tuple of
    article ids) for a summarizer that must map and reduce; a topic that fits
    the budget has a single part.
    """

    article_ids: tuple[str, ...]
    parts: tuple[tuple[str, ...], ...]
    tokens: int


TopicStatus = Literal["new", "continuing"]


@dataclass(frozen=True)
class PreviousTopic:
    """The earlier briefing's topic that a continuing topic carries on."""

    date: str
    topic: str


@dataclass(frozen=True)
class Topic:
    """One story of the briefing.

    `status` is None when there was no earlier briefing to compare with;
    `report` is the LLM summary's verification report (None offline) and
    `usage` its token counts, which depend only on the model's answers.
    `related` are the ids of the briefing's topics that tell other events
    of the same story ("see also", `summary.related`).
    """

    id: str
    article_ids: tuple[str, ...]
    titles: dict[Lang, str]
    summaries: dict[Lang, Summary]
    parts: tuple[tuple[str, ...], ...] = ()
    tokens: int = 0
    status: TopicStatus | None = None
    previous: PreviousTopic | None = None
    report: dict[str, object] | None = None
    usage: dict[str, int] | None = None
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class Briefing:
    date: dt.date
    articles: tuple[Article, ...]
    topics: tuple[Topic, ...]
    skipped: tuple[Skipped, ...] = ()
    meta: dict[str, object] = field(default_factory=dict)
    # The files and folders the run was given (posix, as given): `regenerate`
    # reads recorded articles only from inside them.
    inputs: tuple[str, ...] = ()

    def article(self, article_id: str) -> Article:
        """The article with this id (KeyError if there is none)."""
        return self._by_id[article_id]

    @functools.cached_property
    def _by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}


@dataclass(frozen=True)
class TopicRequest:
    """One topic to summarize. `parts` are article ids per token-budgeted part;
    `fallback` is the extractive summary per language and `titles` the
    extractive titles, used when the model fails or cannot be verified.
    `previous` is the summary of the previous briefing's topic that this one
    continues: the model is shown it and asked to lead with what is new."""

    topic_id: str
    articles: tuple[Article, ...]
    parts: tuple[tuple[str, ...], ...]
    fallback: dict[Lang, Summary]
    previous: dict[Lang, Summary] | None = None
    titles: dict[Lang, str] = field(default_factory=dict)
