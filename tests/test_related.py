"""'See also' between topics that tell other events of one story: a blast
and the inquiry into it days later are linked both ways, in the Markdown,
the HTML and the per-topic files; a topic that only shares the country, or
the same story a month on, is not. Articles written for these tests."""

from __future__ import annotations

import datetime as dt

from briefing.grouping.topics import make_groups
from briefing.models import Article, Briefing, Topic
from briefing.output.render import render_all
from briefing.summary.glossary import load_glossary
from briefing.summary.related import related_topics
from briefing.summary.select import name_entities, select_topics

from .conftest import article, without_isolates

BLAST = article(
    "blast",
    "An explosion at a fuel depot in Beirut's port killed four workers on Monday, "
    "Lebanon's civil defence said.\n\n"
    "Firefighters in Beirut worked through the night to stop the fire spreading to "
    "nearby grain silos.",
    title="Fuel depot blast at Beirut port kills four",
    published="2026-11-16T09:00:00+00:00",
)
INQUIRY = article(
    "inquiry",
    "أمرت الحكومة اللبنانية الخميس بفتح تحقيق في انفجار مستودع الوقود في مرفأ بيروت، "
    "وطلبت من إدارة المرفأ تقريرا خلال أسبوعين.\n\n"
    "وقال وزير الأشغال إن لبنان سيعيد النظر في قواعد تخزين الوقود في بيروت.",
    lang="ar",
    title="لبنان يفتح تحقيقا في انفجار مرفأ بيروت",
    published="2026-11-19T10:00:00+00:00",
)
MATCH = article(
    "match",
    "Lebanon beat Jordan 2-1 in a friendly played on Tuesday, with both goals scored "
    "in the second half.\n\n"
    "Lebanon's coach praised his young defenders.",
    title="Lebanon beat Jordan in friendly",
    published="2026-11-17T20:00:00+00:00",
)
REOPENING = article(
    "reopening",
    "Beirut's port reopened its fuel terminal on Friday, a month after the blast that "
    "killed four workers, Lebanon's transport ministry said.\n\n"
    "Ships queued outside Beirut for the first deliveries.",
    title="Beirut port fuel terminal reopens a month after blast",
    published="2026-12-18T09:00:00+00:00",
)
ALL = (BLAST, INQUIRY, MATCH, REOPENING)


def _briefing(*articles: Article) -> Briefing:
    """The offline briefing of one topic per article, with its links."""
    by_id = {a.id: a for a in articles}
    groups = make_groups([[a.id] for a in articles], by_id, budget=6000)
    glossary = load_glossary()
    chosen = name_entities(select_topics(groups, by_id, 3), groups, by_id, glossary)
    related = related_topics(groups, by_id, glossary)
    topics = tuple(
        Topic(
            tid,
            g.article_ids,
            chosen[tid].titles,
            chosen[tid].summaries,
            g.parts,
            g.tokens,
            related=related.get(tid, ()),
        )
        for tid, g in groups.items()
    )
    return Briefing(dt.date(2026, 12, 19), articles, topics, (), {"llm": "none"})


def _ids(briefing: Briefing) -> dict[str, str]:
    return {t.article_ids[0]: t.id for t in briefing.topics}


def test_two_events_of_one_story_days_apart_point_to_each_other() -> None:
    briefing = _briefing(*ALL)
    ids = _ids(briefing)
    related = {t.article_ids[0]: [t2 for t2 in t.related] for t in briefing.topics}
    assert related["blast"] == [ids["inquiry"]]
    assert related["inquiry"] == [ids["blast"]]
    # The football match shares only the country; the reopening came a month on.
    assert related["match"] == []
    assert related["reopening"] == []


def test_the_documents_show_see_also_with_a_link_that_works_in_each() -> None:
    briefing = _briefing(*ALL)
    ids = _ids(briefing)
    files = render_all(briefing)
    md = files["briefing.md"]
    lines = [x for x in without_isolates(md).splitlines() if x.startswith("See also · انظر أيضاً: ")]
    assert len(lines) == 2
    # Each names the other topic in both languages: the English-only one by
    # who and where in Arabic.
    arabic = (
        f"لبنان يفتح تحقيقا في انفجار مرفأ بيروت · (in Arabic) Beirut, Lebanon](#{ids['inquiry']})"
    )
    assert any(arabic in x for x in lines)
    assert any(
        f"(بالإنجليزية) بيروت، لبنان · Fuel depot blast at Beirut port kills four](#{ids['blast']})"
        in x
        for x in lines
    )
    # Each label and each language's name sits in its own isolate, so an
    # Arabic label and the Arabic title after it do not read as one run.
    assert (
        "\u2068See also\u2069 · \u2068انظر أيضاً\u2069: "
        "[\u2068لبنان يفتح تحقيقا في انفجار مرفأ بيروت\u2069 · \u2068(in Arabic) Beirut, Lebanon"
        f"\u2069](#{ids['inquiry']})"
    ) in md
    own = files[f"topics/{ids['blast']}.md"]
    assert f"({ids['inquiry']}.md)" in own
    # A paragraph of its own: the Sources heading after it stays a heading.
    for text in (md, own):
        see_also = text.splitlines().index(next(x for x in text.splitlines() if "See also" in x))
        assert text.splitlines()[see_also + 1] == ""
    html = files["briefing.html"]
    assert html.count('<p class="see-also">') == 2
    assert f'<a href="#{ids["blast"]}">' in html.split('<p class="see-also">')[2]


def test_undated_topics_are_never_linked() -> None:
    undated = [
        article(a.id, a.text, lang=a.lang, title=a.title, published=None) for a in (BLAST, INQUIRY)
    ]
    assert all(not t.related for t in _briefing(*undated).topics)


def test_a_shared_sea_and_country_do_not_link_two_stories() -> None:
    # Two Egyptian stories on the Red Sea coast, days apart: the coast is as
    # broad as the country, and nothing more particular is shared.
    reef = article(
        "reef",
        "Divers in Egypt found that a warm summer had bleached a third of the coral along a "
        "stretch of the Red Sea, a marine survey said on Monday.\n\n"
        "The survey covered 40 reefs off Egypt's coast.",
        title="Survey finds coral bleaching in Egypt's Red Sea",
        published="2026-11-16T09:00:00+00:00",
    )
    ferry = article(
        "ferry",
        "A new ferry began sailing across the Red Sea from Egypt to Saudi Arabia on Thursday, "
        "carrying 300 passengers on its first crossing.\n\n"
        "Egypt's transport ministry said two more ships would join the route.",
        title="Egypt launches Red Sea ferry route",
        published="2026-11-19T09:00:00+00:00",
    )
    assert all(not t.related for t in _briefing(reef, ferry).topics)
