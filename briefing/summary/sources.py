"""What a topic's sentences may cite: its articles' paragraphs, by the short
labels the model saw (A1, A2, ...). Resolves the citations a sentence was
written with and says why the ones that cannot stand are wrong."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..models import Article, Citation
from .checks import addresses_model


class TopicSources:
    """`articles` are the topic's articles and `labels` maps the short label
    the model saw (A1, A2, ...) to an article id."""

    def __init__(self, articles: Sequence[Article], labels: Mapping[str, str]) -> None:
        self.articles = {a.id: a for a in articles}
        self.labels = dict(labels)
        self.names = {aid: label for label, aid in labels.items()}

    def resolve(self, label: str) -> str | None:
        """The article id a citation label means: A2, [A2], a2, "Article A2"
        (the prompt heads each article so) or the id itself."""
        cleaned = label.strip().strip("[]()").strip()
        cleaned = re.sub(r"^(?:article|مقال|المقال)\s+", "", cleaned, flags=re.IGNORECASE)
        if cleaned.upper() in self.labels:
            return self.labels[cleaned.upper()]
        return cleaned if cleaned in self.articles else None

    def validate(self, citations: Sequence[tuple[str, int]]) -> tuple[list[Citation], list[str]]:
        """The valid ones of `citations` ((label as written, paragraph number)),
        resolved and without repeats, and a reason for each invalid one."""
        valid: list[Citation] = []
        reasons: list[str] = []
        for label, number in citations:
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
        if not citations:
            reasons.append("cites no source paragraph")
        return valid, reasons

    def cited(self, citations: Sequence[Citation]) -> list[tuple[Article, str]]:
        """(article, paragraph text) of each of the valid `citations`."""
        return [
            (self.articles[c.article], self.articles[c.article].paragraphs[c.paragraph - 1])
            for c in citations
        ]

    def citable(self) -> list[tuple[Article, str]]:
        """(article, paragraph text) of every paragraph that may be cited."""
        return [
            (a, p) for a in self.articles.values() for p in a.paragraphs if not addresses_model(p)
        ]

    def leads(self, count: int) -> list[tuple[Article, str]]:
        """(article, paragraph text) of the first `count` paragraphs of each
        article, those that may be cited."""
        return [
            (a, p)
            for a in self.articles.values()
            for p in a.paragraphs[:count]
            if not addresses_model(p)
        ]
