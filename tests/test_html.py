"""The HTML page without a browser: self-contained, inert, structured.

`sample_briefing()` is also the page the browser tests load: three topics
written for the tests, with Latin names and numbers inside Arabic text, Arabic
inside English, a dropped sentence, an Arabic-only topic and an article made
of markup and script.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from briefing.labels import LABELS, unavailable_notice
from briefing.models import Article, Briefing, Citation, Dropped, Sentence, Summary, Topic
from briefing.output import render as render_module
from briefing.output.document import to_data
from briefing.output.render import bidi_isolate, html_context, render_html
from briefing.output.site import index_html, write_index
from briefing.output.write import write_briefing

from .conftest import article

DESAL_AR = article(
    "desal-ar",
    "افتتحت شركة Yasmin Water Company (YWC) محطة التحلية الجديدة يوم السبت بطاقة "
    "300,000 m³/day وبكلفة $1.2bn.\n\n"
    "وقال المدير التنفيذي Omar Haddad إن المرحلة الثانية ستبدأ بين 20–22 مارس 2027.",
    lang="ar",
    title="افتتاح محطة تحلية بندر ياسمين (Bandar Yasmin) بكلفة 1.2 مليار دولار",
    source="صحيفة الساحل (مثال)",
    url="https://sahel.example.test/desal?id=7&lang=ar",
)
DESAL_EN = article(
    "desal-en",
    "The $1.2bn plant, known locally as محطة بندر ياسمين, began supplying water on Saturday.\n\n"
    "Officials said the second phase would start in March 2027.",
    title="Bandar Yasmin plant opens — محطة بندر ياسمين",
    source="Coast Wire (example)",
    url="https://coast.example.test/plant",
    published="2026-11-21T10:30:00+04:00",
)
EVIL = article(
    "evil",
    "Officials said <script>window.pwned=1</script> the market reopened on Saturday after "
    "a two-day closure [click](javascript:alert(1)).\n\n"
    'The harbour master said <img src=x onerror="window.pwned=1"> ships would wait '
    "offshore until Monday.",
    title='<b>Market</b> reopens <img src=x onerror="window.pwned=1"><script>alert(1)</script>',
    source='<a href="javascript:alert(1)">Wire</a>',
    url="javascript:alert(document.cookie)",
)
LIBRARY_AR = article(
    "library-ar",
    "أعيد افتتاح مكتبة المخطوطات في وادي الريحان بعد ترميم دام ثلاث سنوات.\n\n"
    "وتضم المكتبة نحو 4,000 مخطوطة، أقدمها من القرن الحادي عشر.",
    lang="ar",
    title="إعادة افتتاح مكتبة المخطوطات",
    source="وكالة الجنوب (مثال)",
    published=None,
)


def _sentence(art: Article, paragraph: int, *more: tuple[Article, int]) -> Sentence:
    cites = (Citation(art.id, paragraph), *tuple(Citation(a.id, p) for a, p in more))
    return Sentence(art.paragraph(paragraph) or "", cites)


def sample_briefing() -> Briefing:
    """Three topics covering what the page must show and survive."""
    desal = Topic(
        "bandar-yasmin-desalination",
        (DESAL_AR.id, DESAL_EN.id),
        {"ar": "افتتاح محطة تحلية بندر ياسمين", "en": "Bandar Yasmin desalination plant opens"},
        {
            "ar": Summary(
                "ar",
                (_sentence(DESAL_AR, 1), _sentence(DESAL_AR, 2, (DESAL_EN, 2))),
                "llm",
                dropped=(Dropped("جملة غير مؤكدة.", ("number 450 not in the sources",)),),
            ),
            "en": Summary("en", (_sentence(DESAL_EN, 1), _sentence(DESAL_EN, 2)), "llm"),
        },
    )
    evil = Topic(
        "market-reopens",
        (EVIL.id,),
        {"en": EVIL.title},
        {
            "ar": Summary("ar", (), "unavailable", notice=unavailable_notice("ar")),
            "en": Summary("en", (_sentence(EVIL, 1), _sentence(EVIL, 2)), "extractive"),
        },
    )
    library = Topic(
        "manuscript-library",
        (LIBRARY_AR.id,),
        {"ar": LIBRARY_AR.title},
        {
            "ar": Summary("ar", (_sentence(LIBRARY_AR, 1), _sentence(LIBRARY_AR, 2)), "extractive"),
            "en": Summary("en", (), "unavailable", notice=unavailable_notice("en")),
        },
    )
    return Briefing(
        dt.date(2026, 11, 22),
        (DESAL_AR, DESAL_EN, EVIL, LIBRARY_AR),
        (desal, evil, library),
        (),
        {"llm": "test"},
    )


def many_topics(count: int) -> Briefing:
    """A briefing of `count` ordinary topics (three articles, five sentences
    per language, each with citations), for measuring the page's size."""
    articles: list[Article] = []
    topics: list[Topic] = []
    for t in range(count):
        members = [
            article(
                f"t{t}-{lang}{k}",
                "\n\n".join(
                    f"Paragraph {p} of story {t}: the port authority said on Saturday that "
                    f"{1000 + p} containers were moved and the terminal would stay open."
                    if lang == "en"
                    else f"الفقرة {p} من الخبر {t}: قالت سلطة الميناء يوم السبت إن "
                    f"{1000 + p} حاوية نُقلت وإن المحطة ستبقى مفتوحة طوال الأسبوع."
                    for p in range(1, 9)
                ),
                lang=lang,
                title=f"Story {t} headline number {k}"
                if lang == "en"
                else f"عنوان الخبر {t} رقم {k}",
                url=f"https://news.example.test/{t}/{k}",
            )
            for lang, k in (("en", 1), ("ar", 2), ("en", 3))
        ]
        articles += members
        summaries = {
            lang: Summary(
                lang,
                tuple(
                    _sentence(next(a for a in members if a.lang == lang), s, (members[2], s + 1))
                    for s in range(1, 6)
                ),
                "llm",
            )
            for lang in ("ar", "en")
        }
        titles = {"ar": f"عنوان الموضوع {t}", "en": f"Topic {t} title"}
        topics.append(Topic(f"topic-{t}", tuple(a.id for a in members), titles, summaries))  # type: ignore[arg-type]
    return Briefing(dt.date(2026, 11, 22), tuple(articles), tuple(topics))


class _Doc(HTMLParser):
    """Start tags with their attributes, and the text of each element by id."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def parse(html: str) -> _Doc:
    doc = _Doc()
    doc.feed(html)
    return doc


def assert_inert_and_self_contained(html: str) -> None:
    """Nothing that runs or loads: no script, no embedded or linked resource,
    no event handler, no link that is not http(s) or in-page."""
    doc = parse(html)
    for tag, attrs in doc.tags:
        assert tag not in ("script", "img", "iframe", "object", "embed", "link", "base", "form"), (
            tag
        )
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs and "src" not in attrs, (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            assert re.match(r"https?://|#|\d{4}-\d\d-\d\d/briefing\.html$", href), href
    css = "".join(doc.styles)
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_the_page_is_self_contained_and_untrusted_text_stays_text() -> None:
    html = render_html(sample_briefing())
    assert_inert_and_self_contained(html)
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html  # shown, not run
    assert "&lt;b&gt;Market&lt;/b&gt;" in html
    assert 'href="javascript' not in html.lower()
    assert "https://sahel.example.test/desal?id=7&amp;lang=ar" in html


def test_the_policy_allows_exactly_the_inline_stylesheet() -> None:
    html = render_html(sample_briefing())
    doc = parse(html)
    csp = next(
        a["content"] for t, a in doc.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp and "script-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert len(doc.styles) == 1
    assert html_context({})["csp"] == csp  # the hash is of the CSS as inlined


def test_languages_and_directions_follow_the_order_setting() -> None:
    for order, lang, direction in (("ar-first", "ar", "rtl"), ("en-first", "en", "ltr")):
        doc = parse(render_html(sample_briefing(), order))
        assert doc.tags[0] == ("html", {"lang": lang, "dir": direction})
        sections = [a for t, a in doc.tags if t == "section" and "summary" in a.get("class", "")]
        assert sections[0]["lang"] == lang
        assert {(s["lang"], s["dir"]) for s in sections} == {("ar", "rtl"), ("en", "ltr")}


def test_headings_go_down_one_level_at_a_time_under_landmarks() -> None:
    doc = parse(render_html(sample_briefing()))
    levels = [int(t[1]) for t, _ in doc.tags if re.fullmatch(r"h[1-6]", t)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    names = [t for t, _ in doc.tags]
    for landmark in ("header", "nav", "main"):
        assert names.count(landmark) == 1, landmark


def test_every_citation_points_at_a_block_with_its_paragraph() -> None:
    html = render_html(sample_briefing())
    doc = parse(html)
    ids = {a["id"] for _, a in doc.tags if "id" in a}
    cites = [a["href"] for t, a in doc.tags if t == "a" and a.get("class") == "cite"]
    assert len(cites) == 9
    assert all(href[1:] in ids for href in cites)
    sources = [a["id"] for t, a in doc.tags if t == "li" and a.get("id", "").startswith("src-")]
    assert sources == [
        "src-bandar-yasmin-desalination-1",
        "src-bandar-yasmin-desalination-2",
        "src-market-reopens-1",
        "src-manuscript-library-1",
    ]


def test_status_and_dropped_sentences_are_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    # No stage records a status yet; a later one will put it in the data.
    def with_status(briefing: Briefing) -> dict[str, Any]:
        data = to_data(briefing)
        data["topics"][0]["status"] = "continuing"
        data["topics"][1]["status"] = "<script>"
        return data

    monkeypatch.setattr(render_module, "to_data", with_status)
    html = render_html(sample_briefing())
    assert html.count(LABELS["en"].continuing) == 1 and html.count(LABELS["ar"].continuing) == 1
    assert "&lt;script&gt;</span>" not in html
    assert LABELS["ar"].dropped.format(count=1) in html
    assert "number 450 not in the sources" in html


def test_bidi_isolates_other_script_runs_after_escaping() -> None:
    assert bidi_isolate("قالت شركة Zarqa Gateway (ZGT) إن 24 رافعة بقيمة $480m.", "ar") == (
        'قالت شركة <bdi class="latn" dir="ltr">Zarqa Gateway</bdi> '
        '(<bdi class="latn" dir="ltr">ZGT</bdi>) إن 24 رافعة بقيمة '
        '<bdi class="latn" dir="ltr">$480m</bdi>.'
    )
    assert bidi_isolate("The plant, محطة بندر ياسمين, opened.", "en") == (
        'The plant, <bdi lang="ar" dir="rtl">محطة بندر ياسمين</bdi>, opened.'
    )
    evil = bidi_isolate('<img src=x onerror="alert(1)"> & مرحبا', "en")
    assert "<img" not in evil and "&lt;img" in evil and "&amp;" in evil
    assert {t for t, _ in parse(str(bidi_isolate("<script>x</script>شركة", "ar"))).tags} == {"bdi"}
    assert bidi_isolate(None, "ar") == ""


def test_a_ten_topic_page_stays_small() -> None:
    html = render_html(many_topics(10))
    size = len(html.encode("utf-8"))
    print(f"10-topic briefing.html: {size} bytes")
    assert size < 200_000


def _folder(output: Path, day: str, briefing: Briefing) -> None:
    write_briefing(dataclasses.replace(briefing, date=dt.date.fromisoformat(day)), output)


def test_the_index_lists_every_date_newest_first(tmp_path: Path) -> None:
    briefing = sample_briefing()
    for day in ("2026-11-20", "2026-11-22", "2026-11-21"):
        _folder(tmp_path, day, briefing)
    (tmp_path / "notes").mkdir()  # not a date: ignored
    (tmp_path / "2026-13-01").mkdir()
    (tmp_path / "2026-11-19").mkdir()  # a date folder without briefing.json: ignored
    broken = tmp_path / "2026-11-18"
    broken.mkdir()
    (broken / "briefing.json").write_text("{not json", encoding="utf-8")
    html = index_html(tmp_path)
    assert_inert_and_self_contained(html)
    days = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)" lang="en"', html)
    assert days == ["2026-11-22", "2026-11-21", "2026-11-20", "2026-11-18"]
    links = re.findall(r'href="([^"#]+)"', html)
    assert links == [f"2026-11-{d}/briefing.html" for d in (22, 21, 20)]
    assert all((tmp_path / link).is_file() for link in links)
    assert html.count("&lt;b&gt;Market&lt;/b&gt;") == 3
    assert f"{LABELS['en'].topics}: 3" in html


def test_the_index_survives_hand_edited_json(tmp_path: Path) -> None:
    folder = tmp_path / "2026-11-22"
    folder.mkdir()
    data = {"topics": [{"title": {"en": "Kept", "ar": 5, "xx": "<x>"}}, "odd", {"title": None}]}
    (folder / "briefing.json").write_text(json.dumps(data), encoding="utf-8")
    html = index_html(tmp_path)
    assert "Kept" in html and "&lt;x&gt;" not in html and f"{LABELS['en'].topics}: 3" in html


def test_write_index_replaces_the_page_and_leaves_nothing_behind(tmp_path: Path) -> None:
    write_index(tmp_path)
    assert '<ol class="briefings">' in (tmp_path / "index.html").read_text(encoding="utf-8")
    _folder(tmp_path, "2026-11-22", sample_briefing())
    write_index(tmp_path)
    assert "2026-11-22/briefing.html" in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-22", "index.html"]


@pytest.mark.parametrize("order", ["ar-first", "en-first"])
def test_the_index_follows_the_order_setting(tmp_path: Path, order: str) -> None:
    html = index_html(tmp_path, order)
    lang = order[:2]
    assert f'<html lang="{lang}" dir="{LABELS[lang].dir}">' in html  # type: ignore[index]
