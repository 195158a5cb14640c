"""Render a briefing's data into Markdown and HTML (the `render` stage).

Both documents are rendered by Jinja2 templates from the same view of the
data. Article text, titles, URLs and model output are untrusted: HTML is
autoescaped, Markdown escapes everything that could become markup, and only
http(s) URLs become links.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2

from .document import to_data
from .errors import RenderError
from .labels import LABELS
from .models import LANGS, Briefing, Lang
from .resources import resource_dir

_LINE_START = re.compile(r"^(\s*)([#>+=|-]|\d+[.)])")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_escape(text: object) -> str:
    """Text that Markdown shows literally: no emphasis, links, headings or HTML."""
    value = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _MD_SPECIAL.sub(r"\\\1", value)
    value = " ".join(value.split())  # no line breaks: one sentence stays one line
    return _LINE_START.sub(_escape_line_start, value)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match.groups()
    if marker[0].isdigit():  # "1." starts a list; "1\." does not
        return indent + marker[:-1] + "\\" + marker[-1]
    return indent + "\\" + marker


def safe_url(url: object) -> str | None:
    """The URL if it is http(s), percent-encoded so it cannot break out of a
    Markdown link or an HTML attribute; None otherwise."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        return None
    return urllib.parse.quote(url, safe=":/?#@!$&'*+,;=%~-._")


@dataclass(frozen=True)
class Templates:
    """The Jinja environments for documents, one per kind of escaping."""

    html: jinja2.Environment
    text: jinja2.Environment


def environments() -> Templates:
    """Jinja environments over the shipped templates folder. Undefined
    variables are errors, so a template typo cannot silently render nothing."""
    loader = jinja2.FileSystemLoader(str(resource_dir("templates")))
    common: dict[str, Any] = {
        "loader": loader,
        "undefined": jinja2.StrictUndefined,
        "keep_trailing_newline": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
    }
    html = jinja2.Environment(autoescape=True, **common)
    text = jinja2.Environment(autoescape=False, **common)
    for env in (html, text):
        env.filters["md"] = md_escape
        env.filters["safe_url"] = safe_url
    return Templates(html=html, text=text)


def view(briefing: Briefing, order: str = "ar-first") -> dict[str, Any]:
    """What the templates see: the JSON data plus per-topic numbered sources,
    citation numbers and per-language labels and dates."""
    data = to_data(briefing)
    langs: list[Lang] = list(LANGS) if order == "ar-first" else list(reversed(LANGS))
    articles = {a["id"]: a for a in data["articles"]}
    for a in data["articles"]:
        a["safe_url"] = safe_url(a["url"])
        published = briefing.article(a["id"]).published
        a["date"] = {lang: LABELS[lang].date(published) for lang in LANGS}
        a["day"] = published.date().isoformat() if published else ""
    for topic in data["topics"]:
        # Sources are numbered inside each topic, so a change to one topic
        # never renumbers another topic's citations.
        number = {aid: n for n, aid in enumerate(topic["articles"], 1)}
        topic["sources"] = [dict(articles[aid], n=number[aid]) for aid in topic["articles"]]
        topic["headings"] = [topic["title"][lang] for lang in langs if lang in topic["title"]]
        cited: dict[tuple[int, int], dict[str, Any]] = {}
        for lang in LANGS:
            for sentence in topic["summary"][lang]["sentences"]:
                for citation in sentence["citations"]:
                    citation["n"] = number.get(citation["article"], 0)
                    citation["source"] = articles.get(citation["article"])
                    key = (citation["n"], citation["paragraph"])
                    if citation["n"] and key not in cited:
                        article = briefing.article(citation["article"])
                        cited[key] = {
                            "n": key[0],
                            "paragraph": key[1],
                            "text": article.paragraph(key[1]) or "",
                            "lang": article.lang,
                            "title": article.title or article.id,
                            "url": safe_url(article.url),
                        }
        topic["cited"] = [cited[k] for k in sorted(cited)]
    return {
        "data": data,
        "date": briefing.date,
        "dates": {lang: LABELS[lang].date(briefing.date) for lang in LANGS},
        "date_line": " · ".join(LABELS[lang].date(briefing.date) for lang in langs),
        "langs": langs,
        "labels": LABELS,
        "articles": articles,
    }


def render(template: str, context: Mapping[str, Any]) -> str:
    """Render one shipped template; errors name the template and the cause."""
    envs = environments()
    env = envs.html if template.endswith(".html.j2") else envs.text
    try:
        return env.get_template(template).render(**context)
    except jinja2.TemplateError as error:
        raise RenderError(f"template {template}: {error}") from error


_BLANK_RUN = re.compile(r"\n{3,}")


def tidy_markdown(text: str) -> str:
    """No trailing spaces, no runs of blank lines, one final newline: the
    whitespace a template leaves behind must not show up in diffs."""
    lines = "\n".join(line.rstrip() for line in text.splitlines())
    return _BLANK_RUN.sub("\n\n", lines).strip() + "\n"


def render_markdown(briefing: Briefing, order: str = "ar-first") -> str:
    return tidy_markdown(render("briefing.md.j2", view(briefing, order)))


def render_html(briefing: Briefing, order: str = "ar-first") -> str:
    return render("briefing.html.j2", view(briefing, order))


def render_topic_markdown(briefing: Briefing, topic_id: str, order: str = "ar-first") -> str:
    context = view(briefing, order)
    topic = next(t for t in context["data"]["topics"] if t["id"] == topic_id)
    return tidy_markdown(render("topic.md.j2", dict(context, topic=topic)))
