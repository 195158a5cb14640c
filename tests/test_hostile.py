"""Hostile strings in every field of a briefing stay text, wherever they land.

Every untrusted string a briefing holds (article titles, sources, URLs,
ids and paths, skipped files and reasons, model titles, sentences, notices,
dropped sentences and their reasons) is set to each hostile string in turn.
The Markdown, rendered to HTML as a Markdown viewer would, and the HTML page
must contain only the elements and attributes the templates make; the
terminal must never receive a control character.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import markdown
import pytest
from cmarkgfm.cmark import Options

from briefing.cli import main
from briefing.models import (
    Article,
    Briefing,
    Citation,
    Dropped,
    Sentence,
    Skipped,
    Summary,
    Topic,
)
from briefing.output.document import dumps
from briefing.output.render import render_all
from briefing.progress import Progress
from briefing.review.compare import diff_briefings, format_diff
from briefing.review.refs import parse_briefing
from briefing.review.textconv import textconv_text

from .conftest import EXAMPLES

INJECTION = "evil\n\n# INJECTED\n<img src=x onerror=alert(1)>.txt"
HOSTILE = [
    INJECTION,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[click](javascript:alert(1)) ![x](https://evil.example/x.png)",
    "[ref]: https://evil.example/",
    "<https://evil.example/> <a href='https://evil.example/'>x</a>",
    "`code` *em* _em_ **bold** ~~gone~~ | a | b |",
    "1. one\n- two\n> three\n---\n    four\n=====",
    "&lt;img src=x onerror=alert(1)&gt; &#60;b&#62;",
    "\u202eevil override\u202c and \u2066isolate\u2069 \u202bembed",
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example/\x07link\x1b]8;;\x07 \r\x00\x08\x9b",
    "## heading\n```\nfence\n```",
    "<!-- comment --> <?php x ?> <![CDATA[x]]>",
    "visit https://evil.example/x or www.evil.example today",
]

MD_TAGS = {"h1", "h2", "h3", "h4", "p", "ol", "ul", "li", "a", "code", "blockquote", "hr"}
HTML_TAGS = {
    "html", "head", "meta", "title", "style", "body", "a", "header", "h1", "h2", "h3",
    "span", "time", "div", "p", "nav", "ol", "li", "main", "article", "section", "bdi",
    "details", "summary", "ul", "blockquote", "cite", "code",
}  # fmt: skip
ATTRIBUTES = {
    "id", "href", "class", "lang", "dir", "charset", "http-equiv", "content", "name",
    "aria-labelledby", "aria-label", "datetime", "rel",
}  # fmt: skip
SAFE_HREF = re.compile(
    r"#[a-z0-9-]+|\.\./\d{4}-\d{2}-\d{2}/briefing\.(md|html)#[a-z0-9-]+"
    r"|https://[a-z0-9.-]+\.test/[^\s\"<>]*"
)
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# The isolates the Markdown renderer puts around each language's piece of a
# mixed line (FSI ... PDI, always paired, with no control inside): the only
# bidi controls a document may have.
OWN_ISOLATES = re.compile("\u2068([^\u202a-\u202e\u2066-\u2069]*)\u2069")


def hostile_briefing(evil: str) -> Briefing:
    """A briefing with `evil` in every field that holds untrusted text."""
    articles = tuple(
        Article(
            id=f"{evil}-{lang}",
            title=evil,
            source=evil,
            url=url,
            published=dt.datetime(2026, 11, 21, 8, tzinfo=dt.UTC),
            lang=lang,
            paragraphs=(evil, f"{evil} again"),
            path=evil,
            content_hash="0" * 64,
        )
        for lang, url in (("en", "https://news.example.test/a?x=1&y=" + evil), ("ar", evil))
    )
    ids = tuple(a.id for a in articles)

    def summary(lang: str) -> Summary:
        sentence = Sentence(evil, (Citation(ids[0], 1), Citation(ids[1], 2)))
        return Summary(
            lang,  # type: ignore[arg-type]
            (sentence, sentence),
            "llm",
            notice=evil,
            dropped=(Dropped(evil, (evil, evil)),),
        )

    topic = Topic(
        "hostile-topic-abc123",
        ids,
        {"ar": evil, "en": evil},
        {"ar": summary("ar"), "en": summary("en")},
    )
    return Briefing(
        dt.date(2026, 11, 22),
        articles,
        (topic,),
        (Skipped(evil, evil),),
        {"llm": evil, "model": evil},
        inputs=(evil,),
    )


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.headings: list[str] = []
        self.other: list[str] = []  # comments, declarations, processing instructions

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag not in ("meta", "hr"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if any(re.fullmatch(r"h[1-6]", t) for t in self.stack):
            self.headings.append(data)

    def handle_comment(self, data: str) -> None:
        self.other.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        if decl.lower() != "doctype html":
            self.other.append(decl)

    def handle_pi(self, data: str) -> None:
        self.other.append(data)

    def unknown_decl(self, data: str) -> None:
        self.other.append(data)


def _markdown_views(text: str) -> list[str]:
    """The Markdown as HTML the way Python-Markdown and GitHub (cmark-gfm,
    with raw HTML let through, as before GitHub's own sanitizer) render it."""
    return [
        markdown.markdown(text, extensions=["tables", "fenced_code"]),
        cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE),
    ]


def _check(html: str, tags: set[str]) -> None:
    doc = _Elements()
    doc.feed(html)
    for tag, attrs in doc.elements:
        assert tag in tags, f"unexpected <{tag} {attrs}>"
        assert set(attrs) <= ATTRIBUTES, f"unexpected attributes on <{tag}>: {attrs}"
        href = attrs.get("href")
        if href is not None:
            assert SAFE_HREF.fullmatch(href), f"unexpected link {href!r}"
    assert not doc.other, doc.other
    assert not BIDI.search(OWN_ISOLATES.sub(r"\1", html)), "a bidi control reached the document"


def _structure(html: str) -> list[str]:
    doc = _Elements()
    doc.feed(html)
    # <bdi> isolates each run of the other script: how many depends on the text.
    return [tag for tag, _ in doc.elements if tag != "bdi"]


@pytest.mark.parametrize("evil", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_in_every_field_stays_text_in_markdown_and_html(evil: str) -> None:
    files = render_all(hostile_briefing(evil))
    plain = render_all(hostile_briefing("plain words"))
    assert sorted(files) == sorted(plain)
    for name, text in files.items():
        if name.endswith(".md"):
            assert "\x1b" not in text and "\x00" not in text
            pairs = zip(_markdown_views(text), _markdown_views(plain[name]), strict=True)
            tags = MD_TAGS
        else:
            pairs, tags = zip([text], [plain[name]], strict=True), HTML_TAGS
        for html, same in pairs:
            _check(html, tags)
            # No heading, list, quote, link or code span more than plain words make.
            assert _structure(html) == _structure(same), name


def test_a_skipped_file_name_cannot_break_out_in_markdown() -> None:
    text = render_all(hostile_briefing(INJECTION))["briefing.md"]
    line = next(x for x in text.splitlines() if "INJECTED" in x and x.startswith("- "))
    assert line.startswith("- evil\\\\n\\\\n# INJECTED\\\\n&lt;img src=x onerror=alert(1)&gt;.txt")
    html = markdown.markdown(text)
    assert "evil\\n\\n# INJECTED\\n&lt;img src=x onerror=alert(1)&gt;.txt" in html


@pytest.mark.parametrize("evil", HOSTILE, ids=range(len(HOSTILE)))
def test_textconv_and_diff_print_no_control_characters(evil: str) -> None:
    data = parse_briefing(dumps(hostile_briefing(evil)), "hostile")
    for text in (textconv_text(data), format_diff(diff_briefings({"topics": []}, data))):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
        assert not BIDI.search(text)


def test_progress_messages_show_controls_instead_of_acting_on_them() -> None:
    stream = io.StringIO()
    Progress(2, stream).info(f"skipped {HOSTILE[10]}: {INJECTION}")
    out = stream.getvalue()
    assert out.count("\n") == 1 and "\x1b" not in out and "\r" not in out
    assert "\\x1b[31mred" in out


def test_a_hostile_file_name_in_the_inputs_is_harmless_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    news = tmp_path / "news"
    shutil.copytree(EXAMPLES, news)
    name = "evil\x1b[31m\n\n# INJECTED\n<img src=x onerror=alert(1)>\u202e.txt"
    (news / name).write_text("", encoding="utf-8")  # empty: skipped and reported
    output = tmp_path / "out"
    assert main(["generate", str(news), "--date", "2026-11-22", "--output", str(output)]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err
    assert [x for x in err.splitlines() if "INJECTED" in x] == [
        x for x in err.splitlines() if x.startswith("skipped") and "evil" in x
    ]
    md = (output / "2026-11-22" / "briefing.md").read_text(encoding="utf-8")
    for html in _markdown_views(md):
        _check(html, MD_TAGS)
    _check((output / "2026-11-22" / "briefing.html").read_text(encoding="utf-8"), HTML_TAGS)


def test_diff_json_of_hostile_briefings_is_valid_json_without_raw_controls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = HOSTILE[9] + HOSTILE[10] + "\x7f\x85"
    (tmp_path / "a.json").write_text(dumps(hostile_briefing("plain")), encoding="utf-8")
    (tmp_path / "b.json").write_text(dumps(hostile_briefing(evil)), encoding="utf-8")
    assert main(["diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--json"]) == 0
    out = capsys.readouterr().out
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out) and not BIDI.search(out)
    changed = json.loads(out)["changed"][0]
    assert changed["title_changes"]["en"]["b"] == evil  # the JSON still says what is there
