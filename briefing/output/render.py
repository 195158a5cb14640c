"""Render a briefing's data into Markdown and HTML (the `render` stage).

Both documents are rendered by Jinja2 templates from the same view of the
data. Article text, titles, URLs and model output are untrusted: HTML is
autoescaped, Markdown escapes everything that could become markup, and only
http(s) URLs become links.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import re
import urllib.parse
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
import markupsafe

from ..errors import RenderError
from ..labels import LABELS, contents_gist
from ..models import LANGS, Briefing, Lang
from ..resources import read_resource, template_loader
from ..text import printable, without_controls
from .document import to_data

_LINE_START = re.compile(r"^(\s*)([#>+=|-]|\d+[.)])")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# GitHub's Markdown turns bare "https://…" and "www.…" into links; an escaped
# ":" or "." (shown as is) stops it.
_BARE_LINK = re.compile(r"(?i)(?<=[a-z])(:)(?=//)|(?<=\bwww)(\.)")


def md_escape(text: object) -> str:
    """Text that Markdown shows literally: no emphasis, links, headings or
    HTML, no bidi controls (they would reorder the rest of the line), on one
    line. Every untrusted string in a Markdown template goes through this."""
    value = without_controls(text)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _MD_SPECIAL.sub(r"\\\1", value)
    value = _BARE_LINK.sub(lambda m: "\\" + m.group(), value)
    value = " ".join(value.split())  # no line breaks: one sentence stays one line
    return _LINE_START.sub(_escape_line_start, value)


# First strong isolate, pop directional isolate: Markdown's <bdi>.
_FSI, _PDI = "\u2068", "\u2069"


def md_isolate(text: object) -> str:
    """`md_escape(text)` between FSI and PDI, for a piece of a line that
    joins Arabic and English (a contents or "see also" line): the piece keeps
    its own order and cannot pull its neighbours into its direction (the
    Arabic label "انظر أيضاً" and an Arabic title after it read as one
    right-to-left run, putting the link before the label). These paired
    isolates are the only bidi controls a Markdown document has: md_escape
    has removed any the text brought."""
    return f"{_FSI}{md_escape(text)}{_PDI}"


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match.groups()
    if marker[0].isdigit():  # "1." starts a list; "1\." does not
        return indent + marker[:-1] + "\\" + marker[-1]
    return indent + "\\" + marker


def md_path(path: object) -> str:
    """A file name for Markdown: its control characters shown (`\\n`), so a
    name cannot start a line of markup, then escaped like any text."""
    return md_escape(printable(path))


def html_path(path: object) -> markupsafe.Markup:
    """A file name for HTML: its control characters shown, then escaped."""
    return markupsafe.escape(printable(path))


def topic_slug(value: object) -> str:
    """A topic id, which Markdown shows as is: RenderError unless it is a slug
    (ids are made as slugs, and briefing.json's are checked against the schema)."""
    if not (isinstance(value, str) and _TOPIC_ID.fullmatch(value)):
        raise RenderError(f"topic id {printable(value)!r} is not a slug (a-z, 0-9 and -)")
    return value


def safe_url(url: object) -> str | None:
    """The URL if it is http(s), percent-encoded so it cannot break out of a
    Markdown link or an HTML attribute; None otherwise."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        return None
    # ";" is encoded, and "#" after "&", so that no "&name;" or "&#60" in a
    # URL can be read as a character reference (Markdown decodes them in link
    # destinations, and HTML does in attributes).
    return urllib.parse.quote(url, safe=":/?#@!$&'*+,=%~-._").replace("&#", "&%23")


_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# A run of the other script: it starts and ends with a letter or digit of that
# script and may hold spaces and the punctuation that joins names and numbers
# ("Zarqa Gateway Terminals", "$1.2bn", "300,000 m³/day", "20–22").
_FOREIGN_RUN: dict[str, re.Pattern[str]] = {
    "ar": re.compile(rf"[$€£]?[0-9{_LATIN}](?:[0-9{_LATIN}²³.,:/%&'’+\-– ]*[0-9{_LATIN}²³%])?"),
    "en": re.compile(rf"[{_ARABIC}](?:[{_ARABIC}0-9.,:/'’\-– ]*[{_ARABIC}])?"),
}
# How each language's text isolates a run of the other script.
_RUN_TAG: dict[str, str] = {
    "ar": '<bdi class="latn" dir="ltr">',
    "en": '<bdi lang="ar" dir="rtl">',
}


def bidi_isolate(text: object, lang: str) -> markupsafe.Markup:
    """`text` escaped for HTML, with each run of the other script wrapped in
    <bdi> so that names and numbers cannot reorder the line around them.

    Every character of `text` goes through escaping; the only markup added is
    the fixed <bdi> tags, so this is as safe as autoescaping.
    """
    value = "" if text is None else without_controls(text)
    pattern = _FOREIGN_RUN.get(lang)
    if pattern is None:
        return markupsafe.escape(value)
    tag = _RUN_TAG[lang]
    out: list[str] = []
    end = 0
    for match in pattern.finditer(value):
        if match.group().isdigit():  # a bare number keeps its place unaided
            continue
        out.append(markupsafe.escape(value[end : match.start()]))
        out.append(f"{tag}{markupsafe.escape(match.group())}</bdi>")
        end = match.end()
    out.append(markupsafe.escape(value[end:]))
    return markupsafe.Markup("".join(out))


@dataclass(frozen=True)
class Templates:
    """The Jinja environments for documents, one per kind of escaping."""

    html: jinja2.Environment
    text: jinja2.Environment


@functools.cache
def environments() -> Templates:
    """Jinja environments over the shipped templates folder (made once, so
    each template is compiled once). Undefined variables are errors, so a
    template typo cannot silently render nothing."""
    loader = template_loader("templates")
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
        env.filters["safe_url"] = safe_url
    # One escaping filter per format: `md`, `isolate` and `path` in Markdown; in HTML,
    # autoescaping, `bidi` (which escapes first) and `path`.
    text.filters["md"] = md_escape
    text.filters["isolate"] = md_isolate
    text.filters["path"] = md_path
    text.filters["slug"] = topic_slug
    html.filters["bidi"] = bidi_isolate
    html.filters["path"] = html_path
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
        guessed = a["date_source"] == "inferred"
        a["date"] = {lang: LABELS[lang].date(published, guessed) for lang in LANGS}
        a["day"] = published.date().isoformat() if published else ""
    # The contents' names of each topic, for the "see also" lines.
    for topic in data["topics"]:
        topic["contents"], topic["contents_line"] = _contents(topic, langs)
    _tell_apart(data["topics"], langs)
    named = {t["id"]: t for t in data["topics"]}
    for topic in data["topics"]:
        topic["see_also"] = [
            {"id": tid, "headings": named[tid]["contents_line"], "contents": named[tid]["contents"]}
            for tid in topic.get("related", [])
            if tid in named and tid != topic["id"]
        ]
        # Sources are numbered inside each topic, so a change to one topic
        # never renumbers another topic's citations.
        number = {aid: n for n, aid in enumerate(topic["articles"], 1)}
        topic["sources"] = [dict(articles[aid], n=number[aid]) for aid in topic["articles"]]
        # A title may be missing in a language (never empty: an empty one read
        # from a hand-edited file is skipped), and the id stands in for none.
        titles = [topic["title"].get(lang) for lang in langs]
        topic["headings"] = [t for t in titles if t] or [topic["id"]]
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
                            "outlet": article.source,
                            "date": LABELS[article.lang].date(
                                article.published, article.date_source == "inferred"
                            ),
                            "day": article.published.date().isoformat()
                            if article.published
                            else "",
                        }
        topic["cited"] = [cited[k] for k in sorted(cited)]
        # A status is shown only when an earlier stage recorded a known one.
        status = topic.get("status")
        topic["status"] = status if status in _STATUSES else None
        topic["earlier"] = _earlier(topic.get("previous"))
    return {
        "data": data,
        "date": briefing.date,
        "dates": {lang: LABELS[lang].date(briefing.date) for lang in LANGS},
        "date_line": " · ".join(LABELS[lang].date(briefing.date) for lang in langs),
        "undated": _undated(briefing),
        "undated_line": " · ".join(_undated(briefing)[lang] for lang in langs).strip(" ·"),
        "judge_notice": _judge_failed(briefing),
        "langs": langs,
        "labels": LABELS,
        "articles": articles,
    }


def _contents(topic: dict[str, Any], langs: list[Lang]) -> tuple[dict[Lang, Any], list[str]]:
    """How the contents name a topic: per language, and as one line in
    `langs`' order. Both languages name it: where one has no title (its
    sources are all in the other), who and where its notice names, so that
    its readers see what the topic is about."""
    contents = {
        lang: topic["title"].get(lang) or contents_gist(lang, topic["summary"][lang].get("notice"))
        for lang in LANGS
    }
    return contents, _contents_line(topic["id"], contents, langs)


def _contents_line(topic_id: str, contents: Mapping[Lang, Any], langs: list[Lang]) -> list[str]:
    """A topic's contents names in `langs`' order, the id when it has none."""
    return [contents[lang] for lang in langs if contents[lang]] or [topic_id]


def _tell_apart(topics: list[dict[str, Any]], langs: list[Lang]) -> None:
    """Topics whose contents name them alike in a language (two Arabic-only
    stories of one country: "(in Arabic) Libya" twice) are named with their
    first figure too there, so a reader can tell the links apart."""
    for lang in LANGS:
        seen = Counter(t["contents"][lang] for t in topics if not t["title"].get(lang))
        for topic in topics:
            gist = topic["contents"][lang]
            if gist and not topic["title"].get(lang) and seen[gist] > 1:
                notice = topic["summary"][lang].get("notice")
                topic["contents"][lang] = contents_gist(lang, notice, figure=True)
                topic["contents_line"] = _contents_line(topic["id"], topic["contents"], langs)


def render(template: str, context: Mapping[str, Any]) -> str:
    """Render one shipped template; errors name the template and the cause."""
    envs = environments()
    env = envs.html if template.endswith(".html.j2") else envs.text
    try:
        return env.get_template(template).render(**context)
    except jinja2.TemplateError as error:
        raise RenderError(f"template {template}: {error}") from error


def _undated(briefing: Briefing) -> dict[Lang, str]:
    """How many articles have no date, in each language ("" when all have one)."""
    total = len(briefing.articles)
    n = sum(1 for a in briefing.articles if a.published is None)
    if not n:
        return dict.fromkeys(LANGS, "")
    label = {
        lang: LABELS[lang].undated_one if n == 1 else LABELS[lang].undated_count for lang in LANGS
    }
    return {lang: label[lang].format(n=n, total=total) for lang in LANGS}


def _judge_failed(briefing: Briefing) -> dict[Lang, str] | None:
    """What the documents say, once near the top, when the judge could not
    check some language sections (None when it checked all, or was not asked)."""
    judge = briefing.meta.get("judge")
    if not isinstance(judge, dict) or judge.get("status") != "failed":
        return None
    topics = judge.get("unjudged_topics")
    topics = topics if isinstance(topics, int) and topics > 0 else 1
    sections = judge.get("unjudged_sections")
    sections = sections if isinstance(sections, int) and sections >= topics else topics
    total = max(len(briefing.topics), topics)
    return {
        lang: (
            LABELS[lang].judge_failed_one if sections == 1 else LABELS[lang].judge_failed_count
        ).format(sections=sections, topics=topics, total=total)
        for lang in LANGS
    }


_STATUSES = ("new", "continuing")
_TOPIC_ID = re.compile(r"[a-z0-9-]+")


def _earlier(previous: object) -> dict[str, Any] | None:
    """Where the earlier briefing's topic is, relative to this briefing's
    folder, and its date in each language; None unless both are well formed."""
    if not isinstance(previous, dict):
        return None
    topic, date = previous.get("topic"), previous.get("date")
    if not (isinstance(topic, str) and _TOPIC_ID.fullmatch(topic) and isinstance(date, str)):
        return None
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        return None
    return {
        "html": f"../{day.isoformat()}/briefing.html#{topic}",
        "md": f"../{day.isoformat()}/briefing.md#{topic}",
        "date": {lang: LABELS[lang].date(day) for lang in LANGS},
        "day": day.isoformat(),
    }


_BLANK_RUN = re.compile(r"\n{3,}")


def tidy_markdown(text: str) -> str:
    """No trailing spaces, no runs of blank lines, one final newline: the
    whitespace a template leaves behind must not show up in diffs."""
    lines = "\n".join(line.rstrip() for line in text.splitlines())
    return _BLANK_RUN.sub("\n\n", lines).strip() + "\n"


def render_markdown(briefing: Briefing, order: str = "ar-first") -> str:
    return tidy_markdown(render("briefing.md.j2", view(briefing, order)))


def stylesheet() -> tuple[str, str]:
    """The shipped stylesheet, and its CSP source expression ('sha256-…'), so
    the page's policy allows exactly this style block and nothing else."""
    css = read_resource("templates", "briefing.css")
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return css, f"'sha256-{digest}'"


def html_context(context: dict[str, Any]) -> dict[str, Any]:
    """A template context plus what every HTML page needs: the inline CSS and
    the Content-Security-Policy that allows only it."""
    css, source = stylesheet()
    csp = (
        f"default-src 'none'; style-src {source}; img-src 'none'; font-src 'none'; "
        "script-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
        "frame-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return dict(context, css=markupsafe.Markup(css), csp=csp)


def render_html(briefing: Briefing, order: str = "ar-first") -> str:
    """The self-contained HTML page: inline CSS, no script, no external loads."""
    return _html(view(briefing, order))


def _html(context: dict[str, Any]) -> str:
    extractive = any(
        summary["method"] == "extractive" and summary["sentences"]
        for topic in context["data"]["topics"]
        for summary in topic["summary"].values()
    )
    return render("briefing.html.j2", html_context(dict(context, extractive=extractive)))


def _topic_markdown(context: dict[str, Any], topic: dict[str, Any]) -> str:
    return tidy_markdown(render("topic.md.j2", dict(context, topic=topic)))


def render_topic_markdown(briefing: Briefing, topic_id: str, order: str = "ar-first") -> str:
    context = view(briefing, order)
    topic = next(t for t in context["data"]["topics"] if t["id"] == topic_id)
    return _topic_markdown(context, topic)


def render_all(briefing: Briefing, order: str = "ar-first") -> dict[str, str]:
    """briefing.md, briefing.html and topics/<id>.md, by relative path, from
    one view of the briefing (a view per file would make a briefing of n
    topics cost n views)."""
    context = view(briefing, order)
    files = {
        "briefing.md": tidy_markdown(render("briefing.md.j2", context)),
        "briefing.html": _html(context),
    }
    for topic in context["data"]["topics"]:
        files[f"topics/{topic['id']}.md"] = _topic_markdown(context, topic)
    return files
