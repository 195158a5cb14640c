"""Keeping different events apart when dates do not help (articles written
for these tests): undated near misses, no borrowed dates, small inputs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from briefing.grouping import events, names
from briefing.grouping.group import group_articles
from briefing.grouping.timing import fade_with_time
from briefing.ingest import load_articles
from briefing.models import Article
from briefing.summary.glossary import load_glossary

from .conftest import article

# The same subject (a strike at the Port Elwen docks), two events: the walkout
# on Monday, and the deal that ended it on Thursday. No article is dated.
WALKOUT = [
    article(
        "walkout-1",
        "Dock workers at Port Elwen walked off the job on Monday, halting all container "
        "traffic at the port in a dispute over night-shift pay, the dockers' union said.\n\n"
        "About 1,800 workers joined the strike, and ships were left waiting outside the harbour.",
        published=None,
        source="Coast Radio",
    ),
    article(
        "walkout-2",
        "Container traffic stopped at Port Elwen on Monday when dock workers went on strike "
        "over pay for night shifts, according to their union.\n\n"
        "The port authority said 1,800 dockers had stopped work and ships were queuing offshore.",
        published=None,
        source="Elwen Post",
    ),
]
DEAL = [
    article(
        "deal-1",
        "Dock workers at Port Elwen ended their strike on Thursday after the port authority "
        "agreed to raise night-shift pay, the dockers' union said.\n\n"
        "Cranes were moving again by the evening and the first ships entered the harbour.",
        published=None,
        source="Coast Radio",
    ),
    article(
        "deal-2",
        "The strike at Port Elwen is over: on Thursday dock workers accepted the port "
        "authority's offer of higher night-shift pay, according to their union.\n\n"
        "Work resumed at the container terminal within hours and waiting ships began to dock.",
        published=None,
        source="Elwen Post",
    ),
]


def test_undated_reports_of_one_subject_on_different_days_stay_apart() -> None:
    groups = group_articles([*WALKOUT, *DEAL])
    assert ("walkout-1", "walkout-2") in groups
    assert ("deal-1", "deal-2") in groups


def test_an_undated_article_borrows_no_date_but_its_years_count() -> None:
    dated = article(
        "dated",
        "The port authority of Port Elwen opened a new container terminal, its chairman said.",
        published="2017-05-02T08:00:00+00:00",
    )
    later = article(
        "later",
        "In 2021 the port authority of Port Elwen opened a new container terminal, "
        "its chairman said.",
        published=None,
    )
    later = dataclasses.replace(later, not_before=2021)
    left, right = np.array([0]), np.array([1])
    # Written in 2021 or later: at least three years after a 2017 article.
    assert events.gaps([dated, later], left, right)[0] > 3 * 365
    assert group_articles([dated, later]) == [("dated",), ("later",)]


def test_lead_weekday_of_a_dated_article_defaults_to_its_publication_day() -> None:
    dated = article("d", "The port reopened after repairs.", published="2026-11-19T08:00:00+00:00")
    assert events.lead_weekdays(dated) == frozenset({dt.date(2026, 11, 19).weekday()})
    assert events.lead_weekdays(WALKOUT[0]) == frozenset({0})


def test_the_weekday_of_a_dateline_is_not_the_event_day() -> None:
    # A report that heads its text with the day it was written (as Wikinews
    # does) and tells of Monday's walkout: its event day is Monday.
    late = article(
        "walkout-late",
        "Thursday, November 19, 2026\n\n"
        "On Monday, dock workers at Port Elwen walked off the job over night-shift pay, "
        "halting container traffic, their union said.",
        published=None,
    )
    assert events.lead_weekdays(late) == frozenset({0})
    assert ("deal-1", "deal-2") in group_articles([late, *DEAL])
    assert ("walkout-1", "walkout-2", "walkout-late") in group_articles([*WALKOUT, late, *DEAL])
    # A dateline alone still tells the day.
    only = article("only-dateline", "الخميس 19 نوفمبر 2026\n\nأضرب عمال الميناء عن العمل.", "ar")
    only = dataclasses.replace(only, published=None)
    assert events.lead_weekdays(only) == frozenset({3})


def test_a_small_input_about_one_place_does_not_merge_by_default() -> None:
    theme = [
        article(
            "theme-strike",
            "Dock workers at Port Elwen walked off the job on Monday over night-shift pay.",
            published=None,
        ),
        article(
            "theme-water",
            "Port Elwen's new desalination plant began pumping water to the old town on Monday.",
            published=None,
        ),
        article(
            "theme-rates",
            "The central bank of the republic kept its main interest rate at 9 percent on Monday.",
            published=None,
        ),
    ]
    assert len(group_articles(theme)) == 3


def test_a_bare_date_is_its_whole_day_when_met_with_a_time_of_day() -> None:
    # One outlet gives only the day, another the minute: the two are not
    # 18 hours apart. Two bare dates keep their difference in days.
    day = article("day", "The port reopened.", published="2026-11-19T00:00:00+00:00")
    evening = article("evening", "The port reopened.", published="2026-11-19T18:40:00+00:00")
    next_day = article("next-day", "The port reopened.", published="2026-11-21T00:00:00+00:00")
    left, right = np.array([0, 0, 1]), np.array([1, 2, 2])
    faded = fade_with_time(np.ones(3), [day, evening, next_day], left, right, 2.5)
    assert faded[0] == 1.0
    assert faded[1] == pytest.approx(np.exp(-2 / 2.5))
    # From 18:40 on the 19th to the start of the 21st.
    assert faded[2] == pytest.approx(np.exp(-(1 + (5 + 20 / 60) / 24) / 2.5))


def test_a_date_inferred_from_the_text_is_the_earliest_the_report_can_be(tmp_path: Path) -> None:
    """An undated report whose body gives "signed on 3 March" and whose lead
    says "on Thursday" is dated the Thursday after (6 March), inferred: the
    wire copy of the same news dated 14 March is no week away from it."""
    (tmp_path / "ar.txt").write_text(
        "بيروت (أ ف ب) - أعلنت وزارة الطاقة يوم الخميس رفع ساعات التغذية الكهربائية في "
        "مدينة بورت إلوين إلى عشر ساعات يوميا بعد وصول شحنة وقود.\n\n"
        "وكانت الحكومة قد وقعت في 3 مارس 2025 اتفاقا لاستيراد الوقود بقيمة 200 مليون دولار.",
        encoding="utf-8",
    )
    (tmp_path / "en.txt").write_text(
        "BEIRUT, March 14, 2025 (Reuters) - The energy ministry said on Thursday it would "
        "raise daily power supply in Port Elwen to ten hours after a fuel shipment arrived.\n\n"
        "The government signed a $200 million fuel import deal on March 3, 2025.",
        encoding="utf-8",
    )
    arts = load_articles([tmp_path]).articles
    assert sorted(a.date_source or "" for a in arts) == ["inferred", "text"]
    assert len(group_articles(arts)) == 1
    # A report dated before the inferred date is as far from it as it looks.
    guessed = next(a for a in arts if a.date_source == "inferred")
    earlier = article("earlier", "The port reopened.", published="2025-02-27T00:00:00+00:00")
    later = article("later", "The port reopened.", published="2025-03-20T00:00:00+00:00")
    left, right = np.array([0, 0]), np.array([1, 2])
    faded = fade_with_time(np.ones(2), [guessed, earlier, later], left, right, 2.5)
    # From the end of 27 February to the start of 6 March.
    assert faded[0] == pytest.approx(np.exp(-6 / 2.5))
    assert faded[1] == 1.0


def test_an_arabic_report_joins_its_english_story_across_a_bare_date(corpus: Path) -> None:
    # dev-030 (English) gives only its day; dev-031 (Arabic, the same story)
    # is stamped 01:50 the next morning: a few hours after that day, not 26.
    arts = {a.id: a for a in load_articles([corpus / "dev"]).articles}
    chosen = [arts[i] for i in ("dev-030", "dev-031", "dev-002", "dev-013")]
    assert ("dev-030", "dev-031") in group_articles(chosen)


def _town(id: str, town: str, text: str, source: str) -> Article:
    return article(id, text.format(town=town), title=f"{town} bans night flights", source=source)


# One kind of event in two towns on one day: the same words but the town's.
NIGHT_FLIGHTS = (
    "The council of {town} banned night flights from its airfield on Monday after years "
    "of complaints about noise, the mayor's office said.\n\n"
    "Flights between 11 p.m. and 6 a.m. will end from January, the council said."
)


def test_reports_whose_leads_name_different_places_and_no_one_in_common_stay_apart() -> None:
    arlen = _town("arlen-1", "Arlen", NIGHT_FLIGHTS, "Coast Radio")
    arlen_again = article(
        "arlen-2",
        "Arlen's councillors voted on Monday to stop night flights at the town airfield, "
        "answering residents who had long complained about the noise.\n\n"
        "The ban covers the hours between 11 p.m. and 6 a.m. and starts in January.",
        title="Arlen votes to end night flights",
        source="Elwen Post",
    )
    brisk = _town("brisk-1", "Brisk", NIGHT_FLIGHTS, "Coast Radio")
    other = article(
        "harbour",
        "Fishermen in the harbour of Port Elwen landed a record catch of sardines on Monday.",
        source="Elwen Post",
    )
    groups = group_articles([arlen, arlen_again, brisk, other])
    assert ("arlen-1", "arlen-2") in groups
    assert ("brisk-1",) in groups
    # Arabic marks no names: its leads' names would be only the glossary's,
    # and two reports of one deal may share only a company the glossary lacks
    # while one says "Cairo" and the other "Finnish": never compared.
    deal = article(
        "deal-ar",
        "وقعت شركة بوابة زرقاء في القاهرة عقدا لشراء رافعات آلية جديدة لمحطة الحاويات.",
        "ar",
    )
    union = article(
        "union-ar",
        "انتقدت نقابة العمال صفقة الرافعات التي أبرمتها بوابة زرقاء مع مصنع في فنلندا.",
        "ar",
    )
    pairs = (np.array([0, 0]), np.array([1, 2]))
    glossary = load_glossary()
    assert names.lead_names(deal, glossary) and names.lead_names(union, glossary)
    assert names.disjoint([deal, union, brisk], *pairs, glossary).tolist() == [False, False]
    assert names.disjoint([arlen, brisk, arlen_again], *pairs, glossary).tolist() == [True, False]
    # A capital names its state: "Amman" and "Jordan" may report one event.
    amman = article("amman", "Officials in Amman banned night flights on Monday.")
    jordan = article("jordan", "Jordan banned night flights at its airports on Monday.")
    assert names.disjoint([amman, jordan, arlen], *pairs, glossary).tolist() == [False, True]


def test_an_article_that_opens_on_background_is_grouped_by_its_news() -> None:
    """An article that opens on the history of its subject ("In 2019 the
    dockers struck for a week…") before its news ("Today the port opened a
    grain terminal") is compared by its news lead, as its title is made:
    the background must not pull it into the story it recalls."""
    terminal = article(
        "terminal",
        "In 2019, dock workers at Port Elwen walked off the job for a week over night-shift "
        "pay, halting container traffic while ships waited outside the harbour, and the "
        "dockers' union won a raise after talks with the port authority.\n\n"
        "Since then, the port has doubled its container traffic.\n\n"
        "Today, the port authority opened a new grain terminal at Port Elwen, with silos "
        "for 60,000 tonnes of wheat and a conveyor to the quay, the transport minister said.\n\n"
        "The terminal cost 40 million dollars and will employ 120 people.",
        published=None,
        source="Elwen Post",
    )
    groups = group_articles([*WALKOUT, terminal])
    assert ("terminal",) in groups, groups
