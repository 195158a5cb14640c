"""Days and dates: a sentence that moves its event to another weekday,
month or day of the month is dropped, in English, in Arabic and across the
two, while a sentence that keeps the sources' day passes. Articles written
for these tests."""

from __future__ import annotations

import pytest
from conftest import article, kept

from briefing.summary.claims import markers
from briefing.summary.glossary import load_glossary
from briefing.summary.verify import Verifier
from briefing.summary.when import day_months, months, weekdays

EN = article(
    "en-vote",
    "Voters in the republic will elect a new parliament on 14 March, the electoral "
    "commission said on Tuesday.\n\n"
    "The commission said counting would begin on the evening of the vote and results "
    "would be announced by 20 March.",
    title="Republic sets parliamentary election for March",
)
AR = article(
    "ar-vote",
    "أعلنت اللجنة الانتخابية يوم الثلاثاء أن الناخبين سيختارون برلمانا جديدا في 14 مارس/آذار.\n\n"
    "وقالت اللجنة إن فرز الأصوات سيبدأ مساء يوم الاقتراع وإن النتائج ستعلن بحلول 20 مارس.",
    lang="ar",
)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier([EN, AR], {"A1": "en-vote", "A2": "ar-vote"}, load_glossary())


def test_the_sources_day_and_date_pass(verifier: Verifier) -> None:
    assert kept(
        verifier,
        "en",
        "The commission said on Tuesday that a new parliament will be elected on 14 March.",
        ("A1", 1),
    )
    # The day comes from the article's lead, the sentence cites the second paragraph.
    assert kept(
        verifier,
        "en",
        "Results will be announced by 20 March, the commission said on Tuesday.",
        ("A1", 2),
    )
    assert kept(
        verifier, "ar", "قالت اللجنة الانتخابية الثلاثاء إن الانتخابات ستجرى في 14 مارس.", ("A2", 1)
    )


def test_another_weekday_is_dropped_in_both_languages(verifier: Verifier) -> None:
    assert not kept(
        verifier,
        "en",
        "The commission said on Thursday that a new parliament will be elected on 14 March.",
        ("A1", 1),
    )
    assert not kept(
        verifier,
        "ar",
        "قالت اللجنة الانتخابية يوم الخميس إن الانتخابات ستجرى في 14 مارس.",
        ("A2", 1),
    )
    # An English sentence citing the Arabic paragraph: الثلاثاء is Tuesday, not Friday.
    assert not kept(
        verifier,
        "en",
        "The commission said on Friday that voters will elect a parliament on 14 March.",
        ("A2", 1),
    )


def test_another_month_or_day_of_the_month_is_dropped(verifier: Verifier) -> None:
    assert not kept(
        verifier,
        "en",
        "The electoral commission said voters will elect a new parliament on 14 April.",
        ("A1", 1),
    )
    assert not kept(
        verifier,
        "ar",
        "أعلنت اللجنة أن الناخبين سيختارون برلمانا جديدا في 14 أبريل/نيسان.",
        ("A2", 1),
    )
    # Both numbers are in the paragraphs, but not as this date.
    assert not kept(
        verifier,
        "en",
        "Results will be announced by 14 March, after counting begins on the evening of the vote.",
        ("A1", 2),
    )


def test_day_and_month_names_are_read_in_both_languages() -> None:
    assert weekdays("فاز المنتخب مساء السبت") == {5}
    assert weekdays("On Friday and on Sunday") == {4, 6}
    assert months("في 10 ديسمبر/كانون الأول") == {12}
    assert months("Theresa May said in March") == {3}  # May is a name here
    assert months("on 5 May") == {5}
    assert months("قال الأب إن الاتفاق صامد") == set()  # أب (father), not آب (August)
    assert day_months("December 10 and 16 سبتمبر/ أيلول, Sept. 3") == {(10, 12), (16, 9), (3, 9)}


def test_sweeping_and_record_claims_are_told_apart() -> None:
    # A source with "all flights" does not make "the worst fighting ever".
    assert markers("All flights were halted.", "en") == {"absolute:all"}
    assert markers("The worst fighting the city has ever seen.", "en") == {
        "absolute:record",
        "absolute:first",
    }
    assert "absolute:first" in markers("أكبر فوز في تاريخهم على الإطلاق", "ar")
    assert "absolute:all" not in markers("زار كل من الرئيس ورئيس الوزراء المدينة", "ar")
