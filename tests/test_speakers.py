"""Who said it, read as a paragraph is written: a pronoun speaks for the
last speaker ("She added"), a speaker introduced in full earlier in the
article may be named in full, an acronym in brackets and a relative clause
do not hide a subject, "demanded" is its own kind of statement, and two
offices of different countries are two actors. Invented articles."""

from __future__ import annotations

import pytest
from conftest import article, kept

from briefing.summary.glossary import load_glossary
from briefing.summary.verify import Verifier

EN = article(
    "en-relief",
    "Nora Lindqvist, head of the Baltic Relief Council, said on Tuesday that the convoy would "
    "reach Varna within a week.\n\n"
    "The pause, which Erik Holm had warned about for weeks, began on Monday. Ms Lindqvist said "
    "the pause would cost lives. She added that the port of Varna must reopen.\n\n"
    "Sweden's Deputy Foreign Minister Erik Holm demanded a Swedish inquiry, while the Danish "
    "foreign ministry said the convoy had been cleared.\n\n"
    "The Danish Aid Alliance (DAA), which worked closely with Ms Lindqvist's council, told "
    "reporters it was also pausing its flights to Varna.",
)
AR = article(
    "ar-relief",
    "أعلنت ستوكهولم تعليق الرحلات إلى فارنا، وفقا لما ذكرته وزارة الخارجية السويدية.\n\n"
    "وحث الأمين العام للأمم المتحدة أنطونيو غوتيريش جميع الأطراف على فتح الميناء.",
    lang="ar",
)


@pytest.fixture(scope="module")
def check() -> Verifier:
    return Verifier([EN, AR], {"A1": "en-relief", "A2": "ar-relief"}, load_glossary())


def test_he_added_speaks_for_the_last_speaker(check: Verifier) -> None:
    assert kept(check, "en", "Lindqvist said the port of Varna must reopen.", ("A1", 2))
    # Holm is named in the paragraph, but says nothing in it.
    assert not kept(check, "en", "Erik Holm said the pause would cost lives.", ("A1", 2))


def test_a_speaker_named_by_surname_may_be_given_the_full_name(check: Verifier) -> None:
    assert kept(check, "en", "Nora Lindqvist said the pause would cost lives.", ("A1", 2))


def test_a_demand_is_given_to_whoever_demanded(check: Verifier) -> None:
    assert kept(check, "en", "Erik Holm demanded an inquiry.", ("A1", 3))
    assert not kept(check, "en", "The Danish foreign ministry demanded an inquiry.", ("A1", 3))
    assert not kept(check, "ar", "طالبت وزارة الخارجية الدنماركية بإجراء تحقيق.", ("A1", 3))
    # "نائب" is an office, not a name.
    text = "طالب نائب وزير الخارجية السويدي إريك هولم بإجراء تحقيق."
    assert kept(check, "ar", text, ("A1", 3))


def test_offices_of_two_countries_are_two_actors(check: Verifier) -> None:
    assert kept(
        check, "en", "The Danish foreign ministry said the convoy had been cleared.", ("A1", 3)
    )
    text = "The Swedish foreign ministry said the convoy had been cleared."
    assert not kept(check, "en", text, ("A1", 3))


def test_a_subject_behind_an_acronym_and_a_relative_clause(check: Verifier) -> None:
    assert kept(
        check, "en", "The DAA told reporters it was pausing its flights to Varna.", ("A1", 4)
    )
    text = "Ms Lindqvist told reporters the DAA was pausing its flights to Varna."
    assert not kept(check, "en", text, ("A1", 4))


def test_attribution_read_from_arabic_as_reported_it(check: Verifier) -> None:
    text = "Stockholm suspended flights to Varna, the Swedish foreign ministry said."
    assert kept(check, "en", text, ("A2", 1))


def test_the_secretary_general_is_an_office_in_both_languages(check: Verifier) -> None:
    text = "UN Secretary-General Antonio Guterres urged all sides to open the port."
    assert kept(check, "en", text, ("A2", 2))
