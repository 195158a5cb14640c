"""Markdown and HTML: untrusted text stays text, output is made for diffs."""

import datetime as dt
import re
from html.parser import HTMLParser

import markdown

from briefing.grouping.topics import make_groups
from briefing.models import Briefing, Topic
from briefing.output.render import md_escape, render_html, render_markdown, safe_url
from briefing.summary.select import select_topics

from .conftest import article, without_isolates

EVIL = article(
    "evil",
    "Officials said <script>alert('x')</script> the *market* reopened on Saturday after a "
    "two-day closure [click](javascript:alert(1)).\n\n"
    "# The harbour master said <img src=x onerror=alert(1)> ships would wait offshore "
    "until Monday morning.",
    title="<b>Market</b> reopens <img src=x onerror=alert(1)>",
    url="javascript:alert(document.cookie)",
)
GOOD = article(
    "good",
    "السلطات أعادت فتح السوق المركزي يوم السبت بعد إغلاق استمر يومين كاملين.\n\n"
    "وقال مدير الميناء إن السفن ستنتظر في عرض البحر حتى صباح الاثنين المقبل.",
    lang="ar",
    title="إعادة فتح السوق",
    url="https://news.example.test/market?id=1&lang=ar",
)


def _briefing(*articles):  # type: ignore[no-untyped-def]
    by_id = {a.id: a for a in articles}
    groups = make_groups([[a.id] for a in articles], by_id, budget=6000)
    chosen = select_topics(groups, by_id, 3)
    topics = tuple(
        Topic(tid, g.article_ids, chosen[tid].titles, chosen[tid].summaries, g.parts, g.tokens)
        for tid, g in groups.items()
    )
    return Briefing(dt.date(2026, 11, 22), tuple(articles), topics, (), {"llm": "none"})


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def _assert_inert(html: str) -> None:
    for tag, attrs in _tags(html):
        assert tag not in ("script", "img", "iframe", "object"), tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        href = attrs.get("href") or ""
        assert not href.lower().startswith("javascript"), href


def test_markdown_renders_untrusted_text_as_text() -> None:
    text = render_markdown(_briefing(EVIL, GOOD))
    html = markdown.markdown(text)
    _assert_inert(html)
    assert "&lt;script&gt;" in html  # shown to the reader, not run
    assert "<em>market</em>" not in html
    assert "<h1>The harbour" not in html


def test_html_renders_untrusted_text_as_text() -> None:
    html = render_html(_briefing(EVIL, GOOD))
    _assert_inert(html)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    hrefs = [attrs.get("href") for tag, attrs in _tags(html) if tag == "a"]
    assert "https://news.example.test/market?id=1&lang=ar" in hrefs


def test_only_http_urls_become_links() -> None:
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" JAVASCRIPT:alert(1)") is None
    assert safe_url("data:text/html,<b>") is None
    assert safe_url("https://a.test/x y(1)") == "https://a.test/x%20y%281%29"


def test_markdown_escape_covers_line_starts_and_markup() -> None:
    assert md_escape("# not a heading") == "\\# not a heading"
    assert md_escape("1. not a list") == "1\\. not a list"
    assert md_escape("- not an item") == "\\- not an item"
    assert md_escape("a\nb") == "a b"


def test_markdown_has_one_sentence_per_line_and_no_trailing_space() -> None:
    briefing = _briefing(GOOD, EVIL)
    text = render_markdown(briefing)
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert not re.search(r"[ \t]+$", text, re.MULTILINE)
    for topic in briefing.topics:
        for summary in topic.summaries.values():
            for sentence in summary.sentences:
                lines = [
                    line for line in text.splitlines() if line.startswith(md_escape(sentence.text))
                ]
                assert len(lines) == 1


def test_html_marks_arabic_right_to_left() -> None:
    html = render_html(_briefing(GOOD))
    sections = [attrs for tag, attrs in _tags(html) if tag == "section" and attrs.get("lang")]
    assert {"lang": "ar", "dir": "rtl"}.items() <= next(
        s for s in sections if s["lang"] == "ar"
    ).items()
    assert {"lang": "en", "dir": "ltr"}.items() <= next(
        s for s in sections if s["lang"] == "en"
    ).items()


def test_the_briefing_says_how_many_articles_have_no_date_in_both_languages() -> None:
    undated = [
        article(f"u{i}", GOOD.text, lang="ar", title=f"خبر {i}", published=None) for i in (1, 2)
    ]
    md = render_markdown(_briefing(GOOD, *undated))
    assert "2 of 3 articles have no date." in md
    assert "مقالات بلا تاريخ: 2 من 3." in md
    md = render_markdown(_briefing(GOOD, undated[0]))
    assert "1 of 2 articles has no date." in md
    assert "مقال واحد من 2 بلا تاريخ." in md
    assert "no date" not in render_markdown(_briefing(GOOD, EVIL))


def test_a_source_line_is_punctuated_in_its_articles_language() -> None:
    # An Arabic source's outlet and date are joined by the Arabic comma, an
    # English one's by the Latin comma: a Latin comma between Arabic words
    # reads as a typo to an Arabic reader.
    md = render_markdown(_briefing(GOOD, EVIL))
    arabic = next(line for line in md.splitlines() if line.startswith("1. إعادة فتح السوق"))
    assert "Test Wire، 21 نوفمبر 2026" in arabic
    assert "Test Wire, 21 November 2026" in md


def test_the_contents_name_a_one_language_topic_in_the_other_language_too() -> None:
    # An Arabic reader of an English-only topic sees in the contents who and
    # where it is about, in Arabic and marked as told in English (the same
    # names its Arabic section's note gives), not an empty line.
    from briefing.summary.glossary import load_glossary
    from briefing.summary.select import name_entities

    ferry = article(
        "ferry",
        "Egypt's transport minister opened a new ferry line between Alexandria and the Greek "
        "port of Piraeus on Sunday, the ministry said.\n\n"
        "The first crossing carried 400 passengers and 60 lorries.",
        title="Egypt opens ferry line to Greece",
    )
    by_id = {"ferry": ferry}
    groups = make_groups([["ferry"]], by_id, budget=6000)
    chosen = name_entities(select_topics(groups, by_id, 3), groups, by_id, load_glossary())
    ((tid, group),) = groups.items()
    topic = Topic(tid, group.article_ids, chosen[tid].titles, chosen[tid].summaries)
    briefing = Briefing(dt.date(2026, 11, 22), (ferry,), (topic,), (), {"llm": "none"})
    # Each language's name is isolated (FSI ... PDI); the words are these.
    contents = without_isolates(render_markdown(briefing).split("---")[0])
    assert "(بالإنجليزية) مصر، اليونان · Egypt opens ferry line to Greece" in contents
    toc = render_html(briefing).split('<nav class="toc"')[1].split("</nav>")[0]
    arabic = re.search(r'<span class="toc-title" lang="ar" dir="rtl">([^<]*)</span>', toc)
    assert arabic and arabic.group(1).startswith("(بالإنجليزية) مصر")


def test_two_one_language_topics_named_alike_in_the_contents_are_told_apart() -> None:
    # Two English-only stories of one country on one day: named by place
    # alone, an Arabic reader's contents had two identical links.
    from briefing.summary.glossary import load_glossary
    from briefing.summary.select import name_entities

    stories = (
        article(
            "quake",
            "A magnitude 5.1 earthquake shook central Chile on Sunday, injuring 14 people, "
            "officials said.\n\nNo one was killed.",
            title="Earthquake damages homes in Chile",
        ),
        article(
            "vote",
            "Chile's senate approved a pension reform on Sunday by 27 votes to 19 after two "
            "years of debate.\n\nThe bill now goes to the president.",
            title="Chile's senate passes pension reform",
        ),
        article(
            "ferry",
            "Egypt's transport minister opened a new ferry line between Alexandria and the "
            "Greek port of Piraeus on Sunday.",
            title="Egypt opens ferry line to Greece",
        ),
    )
    by_id = {a.id: a for a in stories}
    groups = make_groups([[a.id] for a in stories], by_id, budget=6000)
    chosen = name_entities(select_topics(groups, by_id, 3), groups, by_id, load_glossary())
    topics = tuple(
        Topic(tid, g.article_ids, chosen[tid].titles, chosen[tid].summaries)
        for tid, g in groups.items()
    )
    briefing = Briefing(dt.date(2026, 11, 22), stories, topics, (), {"llm": "none"})
    # Each language's name is isolated (FSI ... PDI); the words are these.
    contents = without_isolates(render_markdown(briefing).split("---")[0])
    assert "(بالإنجليزية) تشيلي، 14 شخصا · Earthquake damages homes in Chile" in contents
    assert "(بالإنجليزية) تشيلي، 27 صوتا · Chile's senate passes pension reform" in contents
    # A topic named apart already keeps its names alone.
    assert "(بالإنجليزية) مصر، اليونان · Egypt opens ferry line to Greece" in contents
    toc = render_html(briefing).split('<nav class="toc"')[1].split("</nav>")[0]
    assert "(بالإنجليزية) تشيلي، 14 شخصا" in toc
