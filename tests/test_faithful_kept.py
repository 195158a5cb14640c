"""Faithful sentences the claim checks must not drop: a number the source
writes in words, an Arabic "only" built from a negation ("لا … سوى"), and
the story's main actor, named in the lead, in a sentence citing a later
paragraph that says only "he". Articles written for these tests."""

from __future__ import annotations

import pytest
from conftest import article

from briefing.numberwords import word_numbers
from briefing.summary.claims import markers
from briefing.summary.glossary import load_glossary
from briefing.summary.verify import Draft, Verifier

EN = article(
    "en-summit",
    "President Emmanuel Macron hosted leaders of sixteen African states in Paris on Monday "
    "for talks on debt relief.\n\n"
    "He told reporters that the talks had been useful and that a further meeting would be "
    "held in the autumn.",
)
AR = article(
    "ar-aid",
    "قالت الحكومة إن حزمة المساعدات لا تتضمن سوى خمسين مليون دولار، وإن أكثر من مئة شاحنة "
    "ستنقلها.\n\n"
    "ولن يحضر الوزراء الاجتماع المقبل، بحسب البيان.",
    lang="ar",
)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier([EN, AR], {"A1": "en-summit", "A2": "ar-aid"}, load_glossary())


def kept(verifier: Verifier, lang: str, text: str, cite: tuple[str, int]) -> bool:
    (verdict,) = verifier.check([Draft(lang, text, (cite,))])  # type: ignore[arg-type]
    return verdict.ok


def test_a_number_the_source_writes_in_words(verifier: Verifier) -> None:
    assert kept(
        verifier,
        "en",
        "Macron hosted the leaders of 16 African states in Paris on Monday.",
        ("A1", 1),
    )
    assert not kept(
        verifier,
        "en",
        "Macron hosted the leaders of 17 African states in Paris on Monday.",
        ("A1", 1),
    )
    assert kept(
        verifier,
        "en",
        "The aid package is worth only $50 million and will need more than 100 trucks.",
        ("A2", 1),
    )
    # And the other way: a number the sentence writes in words is checked too.
    assert not kept(
        verifier, "en", "Macron hosted the leaders of seventeen African states in Paris.", ("A1", 1)
    )
    assert word_numbers("sixteen states, twenty-three diplomats") == {"16", "23"}
    assert word_numbers("في ست عشرة ولاية وثلاثة عشر") == {"16", "13"}
    assert word_numbers("خمسة وعشرين قتيلا وأكثر من مئة جريح وثلاثمائة") == {"25", "100", "300"}


def test_an_arabic_only_is_not_a_negation_but_a_joined_negation_is() -> None:
    assert "negation" not in markers("الحزمة لا تتضمن سوى خمسين مليون دولار", "ar")
    assert "negation" in markers("ولن يحضر الوزراء الاجتماع", "ar")
    # "still", "especially", "however", "not only": negation words that do not negate.
    assert markers("لا تزال المعارك مستمرة ولا سيما في الجنوب", "ar") == set()
    assert markers("غير أن الحكومة قالت إن المحادثات ستستمر", "ar") == set()
    assert markers("The deal not only cut tariffs but also opened ports.", "en") == set()
    # Qad before a past verb says it happened; before a present verb, "may".
    assert markers("قد أعلنت الحكومة الاتفاق", "ar") == set()
    assert markers("قد تم الاتفاق", "ar") == set()
    assert markers("قد يتأخر الاتفاق", "ar") == {"hedge"}
    assert "negation" in markers("فلم يحضر الوزراء", "ar")


def test_the_story_actor_named_in_the_lead(verifier: Verifier) -> None:
    assert kept(
        verifier,
        "en",
        "Emmanuel Macron told reporters the talks had been useful and would go on in the autumn.",
        ("A1", 2),
    )
