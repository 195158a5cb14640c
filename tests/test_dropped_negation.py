"""The negation check the other way: a sentence that keeps its source's
event but leaves out its "not" says the opposite, and is dropped; a
negation inside a quotation belongs to the quoted words. Articles written
for these tests."""

from __future__ import annotations

import pytest
from conftest import article, kept

from briefing.summary.glossary import load_glossary
from briefing.summary.verify import Draft, Verifier

EN = article(
    "en-talks",
    "The opposition leader did not attend the budget talks on Wednesday, his office said.\n\n"
    "The finance minister issued a statement after the talks, saying: “There is no doubt "
    "that the budget will pass.”",
)
AR = article(
    "ar-talks",
    "لم يحضر زعيم المعارضة محادثات الموازنة يوم الأربعاء، بحسب مكتبه.",
    lang="ar",
)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier([EN, AR], {"A1": "en-talks", "A2": "ar-talks"}, load_glossary())


def test_leaving_out_the_sources_negation_is_dropped(verifier: Verifier) -> None:
    assert not kept(
        verifier, "en", "The opposition leader attended the budget talks on Wednesday.", ("A1", 1)
    )
    assert not kept(verifier, "ar", "حضر زعيم المعارضة محادثات الموازنة يوم الأربعاء.", ("A2", 1))
    # Across languages: an English sentence citing the Arabic paragraph.
    assert not kept(
        verifier, "en", "The opposition leader attended the budget talks on Wednesday.", ("A2", 1)
    )


def test_keeping_the_negation_passes(verifier: Verifier) -> None:
    assert kept(
        verifier,
        "en",
        "The opposition leader did not attend the budget talks on Wednesday.",
        ("A1", 1),
    )
    assert kept(verifier, "ar", "لم يحضر زعيم المعارضة محادثات الموازنة.", ("A2", 1))


def test_a_negation_inside_a_quotation_is_the_quoted_words(verifier: Verifier) -> None:
    assert kept(
        verifier, "en", "The finance minister issued a statement after the budget talks.", ("A1", 2)
    )


def test_a_typographic_apostrophe_negates_as_an_ascii_one() -> None:
    """Models and outlets write "didn’t" with a curly apostrophe: it is the
    same "not", kept or left out."""
    source = article(
        "en-curly", "The opposition leader didn’t attend the budget talks on Wednesday."
    )
    curly = Verifier([source], {"A1": "en-curly"}, load_glossary())
    assert not kept(curly, "en", "The opposition leader attended the budget talks.", ("A1", 1))
    assert kept(curly, "en", "The opposition leader didn’t attend the budget talks.", ("A1", 1))
    attended = article("en-went", "The opposition leader attended the budget talks on Wednesday.")
    went = Verifier([attended], {"A1": "en-went"}, load_glossary())
    assert not kept(went, "en", "The opposition leader didn’t attend the budget talks.", ("A1", 1))


def test_a_quotation_opened_in_the_sentence_before_is_still_quoted() -> None:
    from briefing.summary.claims import dropped_negation_reasons

    # The cited sentence closes a quotation opened before it: its "no" is the
    # quoted woman's, and a sentence reporting what she said need not keep it.
    closest = ('So nobody is caught out," Lena Berg, the harbour master, told us.', "en")
    said = "Lena Berg, the harbour master, said every crew is told in advance."
    assert dropped_negation_reasons(said, "en", closest) == []
    unquoted = ("Nobody was caught out, Lena Berg, the harbour master, told us.", "en")
    assert dropped_negation_reasons(said, "en", unquoted)


def test_not_disputing_is_accepting() -> None:
    # "Did not dispute" is rendered by "accepted" and "لم ينكر" by "أقر";
    # a negated act of another kind ("did not approve") still needs its "not".
    story = article(
        "en-recording",
        "Port officials did not dispute that the recording of the meeting was genuine, but "
        "they objected to how it had been described.\n\n"
        "The city council did not approve the harbour budget on Tuesday.",
    )
    check = Verifier([story], {"A1": "en-recording"}, load_glossary())
    for lang, sentence in (
        ("en", "Port officials accepted that the recording of the meeting was genuine."),
        ("ar", "أقر مسؤولو الميناء بأن تسجيل الاجتماع حقيقي."),
    ):
        assert kept(check, lang, sentence, ("A1", 1)), sentence
    assert not kept(
        check, "en", "The city council accepted the harbour budget on Tuesday.", ("A1", 2)
    )


SHIPWRECK = article(
    "en-wreck",
    "Divers found the wreck on Tuesday. It appears to have sunk during a storm, the museum said.",
)
GRAVE = article(
    "ar-grave",
    "يبدو أن المقبرة التي عثر عليها علماء آثار قرب النهر تعود إلى القرن الثالث.",
    lang="ar",
)


@pytest.mark.parametrize(
    ("lang", "sentence", "cite", "faithful"),
    [
        ("ar", "غرقت السفينة خلال عاصفة، بحسب المتحف.", ("A1", 1), False),
        ("ar", "يبدو أن السفينة غرقت خلال عاصفة، بحسب المتحف.", ("A1", 1), True),
        (
            "en",
            "A tomb archaeologists found by the river dates from the third century.",
            ("A2", 1),
            False,
        ),
        (
            "en",
            "A tomb archaeologists found by the river appears to date from the third century.",
            ("A2", 1),
            True,
        ),
    ],
)
def test_a_translation_keeps_what_the_source_says_only_seems(
    lang: str, sentence: str, cite: tuple[str, int], faithful: bool
) -> None:
    check = Verifier([SHIPWRECK, GRAVE], {"A1": "en-wreck", "A2": "ar-grave"}, load_glossary())
    assert kept(check, lang, sentence, cite) is faithful


def test_what_a_source_makes_conditional_is_not_said_to_have_happened() -> None:
    story = article(
        "ar-league",
        "ونص اتفاق الرابطة على فرض غرامات على أي ناد يؤخر دفع الرواتب، في حال تكرر التأخير.",
        lang="ar",
    )
    check = Verifier([story], {"A1": "ar-league"}, load_glossary())
    cite = ("A1", 1)
    unconditional = "The league's agreement imposes fines on any club that delays paying wages."
    (verdict,) = check.check([Draft("en", unconditional, (cite,))])
    assert any("condition" in r for r in verdict.reasons), verdict.reasons
    conditional = (
        "The league's agreement imposes fines on any club that delays paying wages, "
        "if the delay happens again."
    )
    assert kept(check, "en", conditional, cite)
    assert kept(check, "ar", "ولوّحت الرابطة بغرامات على أي ناد يؤخر دفع الرواتب.", cite)
