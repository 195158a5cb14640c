"""Dates, titles and outlets read from an article's own text (articles
written for these tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing.ingest import load_articles
from briefing.ingest.metadata import derive_title, find_date, find_outlet, hijri_to_gregorian

TODAY = dt.date(2026, 1, 1)


def test_arabic_dateline_with_arabic_indic_digits_and_levantine_month() -> None:
    text = "بيروت - ٣ آذار/مارس ٢٠٢٢ (أ ف ب) - افتتحت البلدية جسرا جديدا فوق النهر."
    assert find_date(text, TODAY)[:2] == (dt.date(2022, 3, 3), "text")
    assert find_outlet(text) == "أ ف ب"


def test_english_dateline_and_agency_mark() -> None:
    text = "OSLO, June 2, 2021 (Reuters) - The ferry company cut its timetable."
    assert find_date(text, TODAY)[:2] == (dt.date(2021, 6, 2), "text")
    assert find_outlet(text) == "Reuters"
    assert find_outlet("Lisbon - AFP - Fishermen stayed in port.") == "AFP"


def test_weekday_in_the_lead_is_anchored_to_the_latest_explicit_date() -> None:
    text = (
        "The council approved the bridge budget on Thursday after a long debate.\n\n"
        "The plan was first presented on 10 January 2023 by the mayor."
    )
    # 10 January 2023 was a Tuesday; the Thursday after it is the 12th.
    assert find_date(text, TODAY)[:2] == (dt.date(2023, 1, 12), "inferred")


def test_years_mentioned_bound_when_it_was_written() -> None:
    text = (
        "وقال المتحدث إن الاتفاق الموقع في 5 يناير 2015 انتهى، وإن المفاوضات تستأنف في العام 2019."
    )
    day, source, not_before = find_date(text, TODAY)
    assert (day, source, not_before) == (None, None, 2019)
    # A number is not a year: "resolution 2009" bounds nothing.
    assert find_date("Resolution 2009 was adopted.", TODAY) == (None, None, None)


def test_hijri_date() -> None:
    assert hijri_to_gregorian(1440, 1, 1) == dt.date(2018, 9, 11)
    text = "مكة - ١ محرم ١٤٤٠ هـ - بدأ العام الهجري."
    assert find_date(text, TODAY)[0] == dt.date(2018, 9, 11)


def test_no_explicit_date_stays_undated() -> None:
    assert find_date("أعلن الوزير الخميس خطة جديدة للموانئ.", TODAY)[0] is None


def test_derived_title_is_the_lead_shortened_at_a_word_boundary() -> None:
    text = (
        "عمان - قال وزير المياه إن محطة التحلية الجديدة ستبدأ ضخ المياه إلى ثلاث مدن "
        "في الجنوب قبل نهاية الصيف المقبل بعد تأخير دام عامين. وأضاف أن الكلفة ارتفعت."
    )
    title = derive_title(text)
    assert title.startswith("قال وزير المياه") and title.endswith("…")
    assert len(title.split()) <= 13


def test_plain_text_without_metadata_gets_fields_from_its_text(tmp_path: Path) -> None:
    (tmp_path / "note-17.txt").write_text(
        "KUWAIT CITY, 4 May 2024 (AFP) - Dock workers at the main port walked out over pay, "
        "halting container traffic for a second day while talks with the port authority "
        "went on.\n\nThe union said the strike would continue.\n",
        encoding="utf-8",
    )
    (tmp_path / "note-18.txt").write_text(
        "The union said the strike would continue, without giving a date for new talks.\n\n"
        "Members met again in the evening.\n",
        encoding="utf-8",
    )
    dated, undated = load_articles([tmp_path]).articles
    assert dated.published == dt.datetime(2024, 5, 4, tzinfo=dt.UTC)
    assert dated.date_source == "text" and dated.source == "AFP"
    assert dated.title_source == "derived" and "note-17" not in dated.title
    assert dated.title.startswith("Dock workers at the main port walked out over pay")
    # An undated article stays undated: no date borrowed from the other one.
    assert undated.published is None and undated.date_source is None
    assert undated.source == ""


def test_metadata_wins_over_the_text(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        '{"title": "Ferry fares rise", "source": "Harbour News", "published": "2024-02-02",'
        ' "text": "OSLO, June 2, 2021 (Reuters) - Fares rose."}',
        encoding="utf-8",
    )
    (article,) = load_articles([tmp_path]).articles
    assert article.published == dt.datetime(2024, 2, 2, tzinfo=dt.UTC)
    assert (article.date_source, article.source, article.title_source) == (
        "metadata",
        "Harbour News",
        None,
    )


def test_a_first_line_that_is_only_a_date_is_the_dateline_not_the_title(tmp_path: Path) -> None:
    (tmp_path / "brief.txt").write_text(
        "Tuesday, March 5, 2024\n\nThe city council voted to close the old ferry pier.\n",
        encoding="utf-8",
    )
    (article,) = load_articles([tmp_path]).articles
    assert article.published == dt.datetime(2024, 3, 5, tzinfo=dt.UTC)
    assert article.date_source == "text"
    assert article.title.startswith("The city council voted")


def test_years_written_in_arabic_words_bound_when_it_was_written() -> None:
    text = "وجرى تمديد التفويض في ألفين وتسعة عشر بعد جدل طويل."
    assert find_date(text, TODAY)[2] == 2019


def test_a_year_that_ends_a_term_or_names_a_plan_bounds_nothing() -> None:
    # Written in 2019 about a mandate running into 2020: the year the
    # mandate ends says nothing about when the report was written.
    text = "ويستمر التفويض حتى نهاية مارس ألفين وعشرين، بعد تمديده في ألفين وتسعة عشر."
    assert find_date(text, TODAY)[2] == 2019
    text = "وتمتد ولاية البعثة حتى الخامس عشر من سبتمبر/أيلول 2020 بحسب القرار."
    assert find_date(text, TODAY)[2] is None
    assert find_date("The truce holds until the end of March 2021.", TODAY)[2] is None
    plans = {
        "Elections will be held in 2022. The party was founded in 2015.": 2015,
        "The goal is to cut emissions by 2025; the law passed in 2018.": 2018,
        "ضمن رؤية 2030 أعلنت الوزارة في العام 2017 خطة.": 2017,
        "تستعد المدينة لاستضافة كأس العالم 2022، وقال الوزير في 2019 إن الملاعب جاهزة.": 2019,
    }
    for text, year in plans.items():
        assert find_date(text, TODAY)[2] == year, text
    # "until" followed by an event, not a date: the year is a past one.
    text = "ظل الحزب الواحد يحكم البلاد، حتى تولى شقيقه القيادة في عام 2008."
    assert find_date(text, TODAY)[2] == 2008


def test_a_title_derived_from_a_background_opening_is_made_from_the_news_lead() -> None:
    text = (
        "مع افتتاح قناة سالتمير في العام 1987، وُعد مزارعو الوادي بالماء في كل المواسم.\n\n"
        "وعلى مدى ثلاثة عقود صمد الوعد رغم مواسم الجفاف المتكررة.\n\n"
        "رغم كل هذا، صوّت المجلس الإقليمي اليوم على إغلاق القناة أمام الري طوال الصيف."
    )
    title = derive_title(text)
    assert title.startswith("صوّت المجلس الإقليمي اليوم على إغلاق القناة")
    assert "1987" not in title


def test_a_date_deep_in_the_body_is_history_not_the_publication_date() -> None:
    lead = (
        "The chairman of the harbour board drew criticism on Friday after calling the dredging "
        "plan a mistake of the previous government. "
    )
    body = "Critics said the board had backed the plan for years. " * 12
    history = "The plan was first drawn up after the great flood of March 3, 2001."
    day, source, _ = find_date(lead + body + history, dt.date(2026, 11, 29))
    assert (day, source) == (None, None)
    # The same date in the lead is the story's.
    day, source, _ = find_date(lead + history, dt.date(2026, 11, 29))
    assert source == "inferred" and day is not None and day.year == 2001


def test_a_derived_title_leaves_out_a_dateline_with_abbreviations() -> None:
    text = "BERKELEY HEIGHTS, N.J. — A small plane crashed into a house on Sunday, officials said."
    assert derive_title(text) == "A small plane crashed into a house on Sunday, officials said"


def test_a_shortened_title_does_not_end_on_a_word_that_leads_into_the_next() -> None:
    title = derive_title(
        "طالبت نقابة عمال الموانئ الحكومة بصرف تعويضات مالية عاجلة للعمال المتضررين في ميناء "
        "إلوين بعد أسبوع من الإضراب."
    )
    assert title == "طالبت نقابة عمال الموانئ الحكومة بصرف تعويضات مالية عاجلة للعمال المتضررين…"
    english = derive_title(
        "The minister of finance said on Monday that the budget of the state would be cut."
    )
    assert english == "The minister of finance said on Monday that the budget…"


def test_a_shortened_title_does_not_end_on_the_number_of_what_it_cut() -> None:
    title = derive_title(
        "أعلنت وزارة الصحة في تونس يوم الخميس 26 نوفمبر 2026 تسجيل 12 إصابة جديدة بالحصبة في "
        "ولاية القيروان."
    )
    assert title == "أعلنت وزارة الصحة في تونس يوم الخميس 26 نوفمبر 2026 تسجيل…"
    english = derive_title(
        "Officials in the province said on Thursday that they had found 1,200 cases of measles "
        "this month."
    )
    assert english == "Officials in the province said on Thursday that they had found…"


def test_a_derived_title_says_what_not_when() -> None:
    text = "On Monday, four coastal towns sued the harbour board over the bridge closure."
    assert derive_title(text) == "Four coastal towns sued the harbour board over the bridge closure"
    assert derive_title("Monday was a bad day for the markets.") == (
        "Monday was a bad day for the markets"
    )


def test_a_title_derived_from_a_text_that_opens_on_a_date_is_its_lead(tmp_path: Path) -> None:
    # A wiki-style article whose text opens on the day it was written, with
    # no title field: the topic was headed by the date alone.
    (tmp_path / "pier.json").write_text(
        '{"id": "pier", "lang": "en", "text": "Tuesday, March 5, 2024\\n\\nThe city council '
        "voted on Monday to close the old ferry pier after an inspection found its pilings "
        'rotten.\\n\\nThe pier opened in 1931."}',
        encoding="utf-8",
    )
    (article,) = load_articles([tmp_path]).articles
    assert article.title.startswith("The city council voted on Monday to close")
    assert article.published == dt.datetime(2024, 3, 5, tzinfo=dt.UTC)


def test_a_first_line_that_is_only_a_clause_of_contrast_is_not_the_title() -> None:
    """'While the city prepared for the festival, …' set alone on the first
    line is the scene; the news, and the title, is the next line. A day set
    off by commas is inside its clause, no place to cut."""
    text = (
        "في حين كانت المدينة تستعد لافتتاح مهرجانها السنوي للكتاب في الساحة القديمة.\n\n"
        "أعلنت بلدية المدينة، الخميس، تأجيل المهرجان إلى موعد لاحق بسبب عاصفة رملية "
        "قوية ضربت المنطقة منذ الصباح."
    )
    title = derive_title(text)
    assert title.startswith("أعلنت بلدية المدينة، الخميس، تأجيل المهرجان")
    # A clause of contrast followed by its main clause in the same line is the lead.
    whole = "بينما كانت المدينة تستعد للمهرجان، أعلنت البلدية تأجيله بسبب عاصفة رملية."
    assert derive_title(whole).startswith("بينما كانت المدينة")


def test_a_title_is_not_made_from_background_set_above_the_dateline() -> None:
    text = (
        "Ferries across Saltmere Bay have broken down again and again for years, and the "
        "port board promised last spring to replace its oldest boats.\n\n"
        "SALTMERE (Coast Wire) - A passenger ferry sank near Saltmere harbour on Sunday, "
        "killing six people and injuring 19, the port board said.\n\n"
        "Rescuers pulled 52 passengers from the water."
    )
    assert derive_title(text).startswith("A passenger ferry sank near Saltmere harbour")
    # A headline line above the dateline is the article's own title line.
    headline = "Ferry sinks off Saltmere\n\n" + text.split("\n\n", 1)[1]
    assert derive_title(headline) == "Ferry sinks off Saltmere"


def test_an_agency_the_table_does_not_know_is_the_one_the_dateline_credits() -> None:
    assert find_outlet("عمان (بترا) - خفضت الوزارة ساعات ضخ المياه إلى الأحياء.") == "بترا"
    assert find_outlet("درنة (وكالات) - جرفت السيول عددا من المنازل مساء الجمعة.") == "وكالات"
    text = (
        "Ferries across Saltmere Bay have broken down again and again for years, and the "
        "port board promised last spring to replace its oldest boats.\n\n"
        "SALTMERE (Coast Wire) - A passenger ferry sank near Saltmere harbour on Sunday."
    )
    assert find_outlet(text) == "Coast Wire"
    # Parentheses that hold a date, or a sentence's aside, credit no one.
    assert find_outlet("OSLO (June 2) - The ferry company cut its timetable.") == ""
    assert find_outlet("The minister (who resigned) said on Monday the port would close.") == ""


def test_a_shortened_title_does_not_end_a_word_or_two_into_a_phrase() -> None:
    english = (
        "Port Elwen's harbour board on Friday declared an emergency at the northern breakwater "
        "after a storm tore away its lights."
    )
    assert derive_title(english) == "Port Elwen's harbour board on Friday declared an emergency…"
    arabic = (
        "أعادت البلدية الأحد فتح سوق السمك القديم في مدينة سالتمير بعد ترميم استمر عامين "
        "كاملين وكلف نحو مليون دينار."
    )
    assert derive_title(arabic) == "أعادت البلدية الأحد فتح سوق السمك القديم في مدينة سالتمير…"
    # A name after the phrase's first word is the whole phrase; a name is not split.
    named = (
        "Fishing crews went to sea on Monday from harbours in Saltmere Bay, ending a week "
        "in which storms kept every boat in port."
    )
    assert (
        derive_title(named) == "Fishing crews went to sea on Monday from harbours in Saltmere Bay…"
    )
    split = (
        "About 3,000 dockworkers at Port Elwen, the largest harbour on the Amber Coast Road, "
        "stopped work on Monday."
    )
    assert derive_title(split) == "About 3,000 dockworkers at Port Elwen, the largest harbour…"


def test_an_opening_that_recalls_an_event_of_a_past_year_is_not_the_title() -> None:
    text = (
        "People in Saltmere still talk about the great flood of 2019, when the river broke "
        "through the old levee.\n\n"
        "On Friday evening, flash floods swept through the lower town, killing three people "
        "and leaving 40 families homeless, the civil protection office said."
    )
    assert derive_title(text).startswith("Flash floods swept through the lower town")
