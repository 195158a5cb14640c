"""Who did what to whom: a sentence that puts two named participants the
other way round around the same word as its cited paragraph is dropped; a
passive with its agent, a pair joined by "and", and the sources' own order
are kept. Articles written for these tests."""

from __future__ import annotations

import pytest
from conftest import article, kept

from briefing.summary.glossary import load_glossary
from briefing.summary.verify import Verifier

EN = article(
    "en-rescue",
    "Norway sent two coastguard ships to help Iceland after the eruption on Monday, "
    "officials in Oslo said.",
)
AR = article(
    "ar-loan",
    "قدمت اليابان قرضا بملياري دولار إلى إندونيسيا لبناء السدود، بحسب بيان حكومي.",
    lang="ar",
)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier([EN, AR], {"A1": "en-rescue", "A2": "ar-loan"}, load_glossary())


@pytest.mark.parametrize(
    ("lang", "sentence", "cite", "faithful"),
    [
        (
            "en",
            "Norway sent two coastguard ships to help Iceland after Monday's eruption.",
            "A1",
            True,
        ),
        (
            "en",
            "Iceland sent two coastguard ships to help Norway after Monday's eruption.",
            "A1",
            False,
        ),
        ("en", "Iceland was helped by two coastguard ships sent by Norway.", "A1", True),
        ("ar", "أقرضت اليابان ملياري دولار لإندونيسيا لبناء السدود.", "A2", True),
        ("ar", "قدمت إندونيسيا قرضا بملياري دولار إلى اليابان لبناء السدود.", "A2", False),
    ],
)
def test_two_names_the_other_way_round_swap_their_roles(
    verifier: Verifier, lang: str, sentence: str, cite: str, faithful: bool
) -> None:
    assert kept(verifier, lang, sentence, (cite, 1)) is faithful  # type: ignore[arg-type]
