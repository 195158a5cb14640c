"""Continuity with the previous briefing, on self-written two-day examples
(fiction: the towns of Qasr Nakhil, Wadi Sidr and Tal Safi and every
organisation here are invented): which of today's topics a reader sees as
continuing yesterday's, and which as new."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import article

from briefing.grouping.topics import make_groups
from briefing.ingest.load import parse_published
from briefing.models import Article, Briefing, Citation, Lang, Sentence, Summary, Topic
from briefing.output.document import dumps
from briefing.review.continuity import TopicView, match_topics, previous_briefing
from briefing.summary.select import select_topics

DAY1, DAY2 = dt.date(2026, 11, 21), dt.date(2026, 11, 22)
ON_DAY1 = "2026-11-21T09:00:00+00:00"
ON_DAY2 = "2026-11-22T09:00:00+00:00"

STRIKE_EN_1 = article(
    "strike-en-1",
    "Bus drivers in Qasr Nakhil walked off the job on Saturday in an open-ended strike over "
    "two months of unpaid wages, leaving about 400,000 daily commuters without public transport."
    "\n\nThe drivers' union said 2,100 of its members had joined the strike after the city "
    "transport authority missed its October and November payments."
    '\n\n"We will not drive a single bus until every driver is paid," union leader Salim Haddad '
    "told a rally outside the main depot."
    "\n\nThe transport authority said it was waiting for funds from the finance ministry and "
    "asked the drivers to return to work.",
    title="Bus drivers strike in Qasr Nakhil over unpaid wages",
    published=ON_DAY1,
)
STRIKE_EN_2 = article(
    "strike-en-2",
    "Long queues formed at taxi ranks across Qasr Nakhil on Saturday as a strike by municipal "
    "bus drivers halted all 180 of the city's bus routes."
    "\n\nSchools reported lower attendance, and several employers let staff work from home.",
    title="Commuters stranded as Qasr Nakhil bus strike begins",
    published=ON_DAY1,
)
FLOOD_AR_1 = article(
    "flood-ar-1",
    "لقي ثلاثة أشخاص حتفهم وأُجليت نحو 200 أسرة من منازلها بعدما اجتاحت سيول جارفة بلدة وادي سدر "
    "إثر أمطار غزيرة هطلت مساء الجمعة."
    "\n\nوقال الدفاع المدني إن المياه غمرت الطريق الرئيسي المؤدي إلى البلدة وقطعت الكهرباء عن "
    "أحيائها الشرقية."
    "\n\nوأعلن المحافظ تعليق الدراسة يومين في مدارس البلدة.",
    lang="ar",
    title="سيول تجتاح وادي سدر وتودي بحياة ثلاثة أشخاص",
    published=ON_DAY1,
)
FLOOD_AR_2 = article(
    "flood-ar-2",
    "واصلت فرق الدفاع المدني يوم السبت إجلاء الأسر العالقة في وادي سدر بعد السيول التي ضربت "
    "البلدة، فيما ارتفع عدد الوفيات إلى ثلاثة."
    "\n\nوأقامت السلطات مخيماً مؤقتاً في ملعب البلدة لإيواء العائلات التي غمرت المياه منازلها.",
    lang="ar",
    title="الدفاع المدني يواصل إجلاء الأسر في وادي سدر",
    published=ON_DAY1,
)
BANK_EN_1 = article(
    "bank-en-1",
    "Kharaz Bank agreed on Saturday to buy its smaller rival Sahel Finance for $2.3 billion in "
    "cash, a deal that would create the country's third-largest lender."
    "\n\nThe deal still needs the approval of the central bank and of Sahel Finance's "
    "shareholders, who will vote in January.",
    title="Kharaz Bank agrees to buy Sahel Finance for $2.3bn",
    published=ON_DAY1,
)

STRIKE_AR_1 = article(
    "strike-ar-1",
    "دخل إضراب سائقي الحافلات في مدينة قصر النخيل يومه الثاني الأحد، بعدما رفضت النقابة عرضاً من "
    "هيئة النقل بصرف راتب شهر واحد من الشهرين المتأخرين."
    "\n\nوقال رئيس النقابة سليم حداد إن السائقين لن يعودوا إلى العمل قبل صرف كامل المستحقات."
    "\n\nوذكرت هيئة النقل أنها ستشغّل 40 حافلة خاصة على الخطوط الرئيسية لتخفيف الأزمة.",
    lang="ar",
    title="إضراب سائقي الحافلات في قصر النخيل يدخل يومه الثاني",
    published=ON_DAY2,
)
STRIKE_AR_2 = article(
    "strike-ar-2",
    "عرضت هيئة النقل في قصر النخيل صرف راتب شهر أكتوبر للسائقين المضربين خلال أسبوع، لكن النقابة "
    "وصفت العرض بأنه غير كافٍ.",
    lang="ar",
    title="هيئة النقل تعرض على السائقين المضربين راتب شهر",
    published=ON_DAY2,
)
MOSAIC_EN = article(
    "mosaic-en-1",
    "Archaeologists at Tal Safi have uncovered a mosaic floor about 2,000 years old showing "
    "hunting scenes, the antiquities department said on Sunday."
    "\n\nThe floor, 12 metres long, was found under a farm road during work to widen it.",
    title="Archaeologists uncover ancient mosaic at Tal Safi",
    published=ON_DAY2,
)
MOSAIC_AR = article(
    "mosaic-ar-1",
    "أعلنت دائرة الآثار يوم الأحد اكتشاف أرضية من الفسيفساء يعود تاريخها إلى نحو ألفي عام في "
    "موقع تل صافي، تصوّر مشاهد صيد.",
    lang="ar",
    title="اكتشاف أرضية فسيفساء أثرية في تل صافي",
    published=ON_DAY2,
)
FESTIVAL_AR = article(
    "festival-ar-1",
    "افتُتح يوم الأحد في بلدة وادي سدر مهرجان التمور السنوي بمشاركة 150 مزارعاً، ويتوقع المنظمون "
    "أن يستقبل 30 ألف زائر خلال أسبوع."
    "\n\nويعرض المهرجان أكثر من 40 صنفاً من التمور المحلية إلى جانب الحرف اليدوية.",
    lang="ar",
    title="افتتاح مهرجان التمور السنوي في وادي سدر",
    published=ON_DAY2,
)
BANK_EN_2 = article(
    "bank-en-2",
    "Shares in Sahel Finance rose 18 percent on Sunday, the first day of trading since Kharaz "
    "Bank agreed to buy the lender.",
    title="Sahel Finance shares jump after takeover deal",
    published=ON_DAY2,
)

STRIKE_EN_3 = article(
    "strike-en-3",
    "The bus strike in Qasr Nakhil entered its second day on Sunday, with drivers saying they "
    "would stay out until both months of missing wages are paid.",
    title="Qasr Nakhil bus strike enters second day",
    published=ON_DAY2,
)
# One-article follow-ups, each on its own: the strike ends (continuing); the
# same bank's quarterly results and a tram line in the strike's city (new).
STRIKE_ENDS = article(
    "strike-ends-en",
    "Bus drivers in Qasr Nakhil returned to work on Monday after the transport authority paid "
    "both months of overdue wages, ending a three-day strike.",
    title="Qasr Nakhil bus strike ends as wages are paid",
    published=ON_DAY2,
)
BANK_PROFIT = article(
    "bank-profit-en",
    "Kharaz Bank reported a 12 percent rise in third-quarter profit on Sunday, helped by higher "
    "lending to small businesses.\n\nThe bank said its bad loans fell to 3.1 percent of its book.",
    title="Kharaz Bank profit rises 12 percent",
    published=ON_DAY2,
)
TRAM_AR = article(
    "tram-ar",
    "افتتحت بلدية قصر النخيل الأحد أول خط للترام في المدينة بطول 14 كيلومتراً، يربط وسط المدينة "
    "بالجامعة.",
    lang="ar",
    title="افتتاح أول خط ترام في قصر النخيل",
    published=ON_DAY2,
)

Stories = dict[str, tuple[Article, ...]]

# Saturday: a bus strike (English), deadly floods (Arabic), a bank takeover.
YESTERDAY: Stories = {
    "strike": (STRIKE_EN_1, STRIKE_EN_2),
    "flood": (FLOOD_AR_1, FLOOD_AR_2),
    "bank": (BANK_EN_1,),
}
# Sunday: the strike goes on, reported in Arabic only; a find of an ancient
# mosaic (new); a festival in the flooded town (same place, another event:
# new); the takeover, with Saturday's article still in the input.
TODAY: Stories = {
    "strike": (STRIKE_AR_1, STRIKE_AR_2),
    "mosaic": (MOSAIC_EN, MOSAIC_AR),
    "festival": (FESTIVAL_AR,),
    "bank": (BANK_EN_1, BANK_EN_2),
}

# Saturday's summaries as a model writes them: both languages, paraphrased.
MODEL_WROTE: dict[str, tuple[dict[Lang, str], dict[Lang, list[str]]]] = {
    "strike": (
        {
            "en": "Bus drivers strike in Qasr Nakhil over unpaid wages",
            "ar": "إضراب سائقي الحافلات في قصر النخيل بسبب الأجور المتأخرة",
        },
        {
            "en": [
                "About 2,100 bus drivers in Qasr Nakhil began an open-ended strike on Saturday "
                "over two months of unpaid wages.",
                "The strike left some 400,000 daily commuters without buses.",
            ],
            "ar": [
                "بدأ نحو 2100 من سائقي الحافلات في قصر النخيل إضراباً مفتوحاً يوم السبت احتجاجاً "
                "على تأخر أجورهم شهرين.",
                "وترك الإضراب قرابة 400 ألف راكب يومياً بلا حافلات.",
            ],
        },
    ),
    "flood": (
        {"en": "Flash floods kill three in Wadi Sidr", "ar": "سيول تودي بحياة ثلاثة في وادي سدر"},
        {
            "en": [
                "Flash floods after heavy rain killed three people in the town of Wadi Sidr and "
                "forced about 200 families from their homes."
            ],
            "ar": [
                "أودت سيول أعقبت أمطاراً غزيرة بحياة ثلاثة أشخاص في بلدة وادي سدر وأجبرت نحو 200 "
                "أسرة على مغادرة منازلها."
            ],
        },
    ),
    "bank": (
        {"en": "Kharaz Bank to buy Sahel Finance", "ar": "بنك خرز يشتري ساحل للتمويل"},
        {
            "en": ["Kharaz Bank agreed to buy Sahel Finance for $2.3 billion in cash."],
            "ar": ["وافق بنك خرز على شراء شركة ساحل للتمويل مقابل 2.3 مليار دولار نقداً."],
        },
    ),
}


@dataclasses.dataclass(frozen=True)
class Day:
    """One day's topics as the pipeline has them after the select stage."""

    names: dict[str, str]  # topic id -> story name
    views: list[TopicView]
    topics: tuple[Topic, ...]
    articles: tuple[Article, ...]

    def name_of(self, topic_id: str) -> str:
        return self.names[topic_id]


def day(stories: Stories) -> Day:
    articles = {a.id: a for group in stories.values() for a in group}
    groups = make_groups([[a.id for a in g] for g in stories.values()], articles, 6000)
    selections = select_topics(groups, articles, 4)
    names = {
        tid: next(n for n, g in stories.items() if {a.id for a in g} == set(group.article_ids))
        for tid, group in groups.items()
    }
    views = [
        TopicView(tid, tuple(articles[a] for a in g.article_ids), dict(selections[tid].titles))
        for tid, g in groups.items()
    ]
    topics = tuple(
        Topic(tid, g.article_ids, selections[tid].titles, selections[tid].summaries)
        for tid, g in groups.items()
    )
    return Day(names, views, topics, tuple(articles.values()))


def as_model_wrote(yesterday: Day) -> Day:
    """The same day, with the titles and summaries a model would have written."""
    topics = []
    for t in yesterday.topics:
        titles, sentences = MODEL_WROTE[yesterday.name_of(t.id)]
        cite = (Citation(t.article_ids[0], 1),)
        summaries = {
            lang: Summary(lang, tuple(Sentence(s, cite) for s in sentences[lang]), "llm")
            for lang in sentences
        }
        topics.append(dataclasses.replace(t, titles=titles, summaries=summaries))
    return dataclasses.replace(yesterday, topics=tuple(topics))


def write(output: Path, date: dt.date, briefing_day: Day | None = None) -> None:
    """Write output/<date>/briefing.json as a run does (no topics if no day)."""
    topics, articles = (briefing_day.topics, briefing_day.articles) if briefing_day else ((), ())
    folder = output / date.isoformat()
    folder.mkdir(parents=True)
    text = dumps(Briefing(date, articles, topics))
    (folder / "briefing.json").write_text(text, encoding="utf-8")


def previous_data(output: Path, yesterday: Day) -> dict[str, Any]:
    write(output, DAY1, yesterday)
    found = previous_briefing(output, DAY2)
    assert found is not None and found[0] == DAY1
    return found[1]


def continuing(
    views: Sequence[TopicView], data: dict[str, Any], today: Day, yesterday: Day, **kw: Any
) -> dict[str, str]:
    """Today's story name -> the name of yesterday's story it continues."""
    matches = match_topics(views, data, **kw)
    return {today.name_of(t): yesterday.name_of(m.topic) for t, m in matches.items()}


@pytest.mark.parametrize("written_by", ["offline", "model"])
def test_continuing_stories_are_found_across_languages_and_near_misses_are_new(
    tmp_path: Path, written_by: str
) -> None:
    yesterday = day(YESTERDAY)
    if written_by == "model":
        yesterday = as_model_wrote(yesterday)
    today = day(TODAY)
    data = previous_data(tmp_path, yesterday)

    found = continuing(today.views, data, today, yesterday)

    # The strike goes on in Arabic after English reports; the festival in the
    # flooded town and the mosaic find are new stories.
    assert found == {"strike": "strike", "bank": "bank"}


def test_a_match_names_the_earlier_topic_and_carries_its_summary(tmp_path: Path) -> None:
    yesterday, today = as_model_wrote(day(YESTERDAY)), day(TODAY)
    data = previous_data(tmp_path, yesterday)
    matches = match_topics(today.views, data)
    by_name = {today.name_of(t): m for t, m in matches.items()}
    strike, bank = by_name["strike"], by_name["bank"]
    earlier = {yesterday.name_of(t.id): t for t in yesterday.topics}
    assert (strike.date, strike.topic) == ("2026-11-21", earlier["strike"].id)
    assert strike.summaries == earlier["strike"].summaries
    assert strike.titles["ar"] == MODEL_WROTE["strike"][0]["ar"]
    assert (strike.shared, bank.shared) == (0, 1)  # Saturday's bank article is back


def test_an_article_already_briefed_continues_its_story_even_under_another_name(
    tmp_path: Path,
) -> None:
    renamed = dataclasses.replace(BANK_EN_1, id="kharaz-deal-copy", path="kharaz-deal-copy.json")
    yesterday = day(YESTERDAY)
    today = day({"bank": (renamed, BANK_EN_2), "strike": (STRIKE_AR_1,)})
    data = previous_data(tmp_path, yesterday)
    # With similarity out of reach, only the shared article can match.
    found = continuing(today.views, data, today, yesterday, threshold=2.0)
    assert found == {"bank": "bank"}


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [(STRIKE_ENDS, {"today": "strike"}), (BANK_PROFIT, {}), (TRAM_AR, {})],
    ids=["strike-ends", "same-bank-other-news", "same-city-other-news"],
)
def test_a_follow_up_continues_and_other_news_of_the_same_bank_or_city_is_new(
    tmp_path: Path, follow_up: Article, expected: dict[str, str]
) -> None:
    yesterday, today = day(YESTERDAY), day({"today": (follow_up,)})
    data = previous_data(tmp_path, yesterday)
    assert continuing(today.views, data, today, yesterday) == expected


def test_an_earlier_story_is_continued_by_one_topic_only(tmp_path: Path) -> None:
    yesterday = day(YESTERDAY)
    today = day({"strike-ar": (STRIKE_AR_1, STRIKE_AR_2), "strike-en": (STRIKE_EN_3,)})
    data = previous_data(tmp_path, yesterday)
    assert all(match_topics([view], data) for view in today.views), (
        "each alone continues the strike"
    )
    found = continuing(today.views, data, today, yesterday)
    assert list(found.values()) == ["strike"]


def test_matching_does_not_depend_on_the_order_of_topics(tmp_path: Path) -> None:
    yesterday, today = day(YESTERDAY), day(TODAY)
    data = previous_data(tmp_path, yesterday)
    reordered = dict(data, topics=list(reversed(data["topics"])))
    first = match_topics(today.views, data)
    again = match_topics(list(reversed(today.views)), reordered)
    assert again == first


def test_no_previous_topics_means_every_topic_is_new(tmp_path: Path) -> None:
    write(tmp_path, DAY1)
    found = previous_briefing(tmp_path, DAY2)
    assert found is not None
    assert match_topics(day(TODAY).views, found[1]) == {}


def test_previous_briefing_is_the_latest_readable_one_before_the_date(tmp_path: Path) -> None:
    for date in ("2026-11-14", "2026-11-18", "2026-11-20", "2026-11-22", "2026-11-23"):
        write(tmp_path, dt.date.fromisoformat(date))
    # A run's staging folder, a folder without a briefing, a broken file.
    write(tmp_path / "staging", DAY1)
    (tmp_path / "staging" / DAY1.isoformat()).rename(tmp_path / ".2026-11-21.tmp-123")
    (tmp_path / "2026-11-19").mkdir()
    (tmp_path / "2026-11-21").mkdir()
    (tmp_path / "2026-11-21" / "briefing.json").write_text('{"date": "2026-11-21", "top')
    (tmp_path / "notes.txt").write_text("not a briefing")

    found = previous_briefing(tmp_path, DAY2)
    assert found is not None and found[0] == dt.date(2026, 11, 20)
    assert found[1]["date"] == "2026-11-20"


@pytest.mark.parametrize(
    "broken",
    [
        "[]",
        '{"date": "2026-11-20", "topics": "none"}',
        '{"date": "2026-11-20", "topics": [{"id": "x"}]}',
        '{"date": "2026-11-19", "topics": []}',  # copied from another day
        "\udcff not text",
    ],
)
def test_a_malformed_briefing_is_passed_over_for_an_earlier_one(
    tmp_path: Path, broken: str
) -> None:
    write(tmp_path, dt.date(2026, 11, 18))
    (tmp_path / "2026-11-20").mkdir()
    (tmp_path / "2026-11-20" / "briefing.json").write_bytes(
        broken.encode("utf-8", "surrogateescape")
    )
    found = previous_briefing(tmp_path, DAY2)
    assert found is not None and found[0] == dt.date(2026, 11, 18)


def test_no_previous_briefing_within_a_week_is_none(tmp_path: Path) -> None:
    assert previous_briefing(tmp_path / "missing", DAY2) is None
    assert previous_briefing(tmp_path, DAY2) is None
    write(tmp_path, DAY2)  # today's own briefing is not a previous one
    write(tmp_path, dt.date(2026, 11, 14))  # eight days before
    assert previous_briefing(tmp_path, DAY2) is None
    found = previous_briefing(tmp_path, dt.date(2026, 11, 21))  # seven days
    assert found is not None and found[0] == dt.date(2026, 11, 14)


def test_development_corpus_follow_ups_continue_and_a_near_miss_is_new(
    corpus: Path, tmp_path: Path
) -> None:
    """Real stories: Russia's reprisal for Britain's expulsions, the army's
    inquiry into the strike on aid workers and the states' lawsuit against
    the emergency declaration carry those stories on; clashes in Tripoli
    months after the Paris meeting on Libya do not."""
    stories: dict[str, list[str]] = {}
    with (corpus / "dev-labels" / "labels.tsv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            stories.setdefault(row[1].rsplit("-", 3)[0], []).append(row[0])
    articles = {}
    for path in sorted((corpus / "dev").glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        made = article(raw["id"], raw["text"], raw["lang"], raw["title"], published=None)
        articles[made.id] = dataclasses.replace(made, published=parse_published(raw["published"]))

    def pick(*names: str) -> Stories:
        return {n: tuple(articles[i] for i in stories[n]) for n in names}

    yesterday = day(
        pick(
            "uk-expels-23-russian-diplomats-over-skripal",
            "israeli-strike-kills-seven-wck-aid-workers",
            "trump-declares-national-emergency-border-wall",
            "libya-paris-meeting-agrees-december-elections",
        )
    )
    today = day(
        pick(
            "russia-expels-23-british-diplomats",
            "idf-inquiry-dismisses-officers-over-wck-strike",
            "sixteen-states-sue-over-border-emergency",
            "tripoli-militia-clashes",
        )
    )
    data = previous_data(tmp_path, yesterday)
    assert continuing(today.views, data, today, yesterday) == {
        "russia-expels-23-british-diplomats": "uk-expels-23-russian-diplomats-over-skripal",
        "idf-inquiry-dismisses-officers-over-wck-strike": (
            "israeli-strike-kills-seven-wck-aid-workers"
        ),
        "sixteen-states-sue-over-border-emergency": "trump-declares-national-emergency-border-wall",
    }
