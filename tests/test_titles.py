"""The Arabic and English titles of a topic must describe the same event:
what a reader sees when the model's two titles disagree, and what
briefing.json records (through the fake OpenAI server and the real encoder)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import article
from fake_openai import FakeOpenAI

from briefing.llm.client import LLMSettings
from briefing.models import Citation, Lang, Sentence, Summary
from briefing.output.schema import schema_problem
from briefing.summary.glossary import load_glossary
from briefing.summary.summarize import TopicOutcome, TopicRequest, summarize_topics
from briefing.summary.titles import compare_titles, mismatches

GLOSSARY = load_glossary()

QUAKE_EN = article(
    "quake-en",
    "An earthquake of magnitude 6 shook the coast of Morocco on Sunday night, and 14 villages "
    "lost power.\n\n"
    "Rescue teams said 30 houses collapsed near the port, and the government sent tents.",
    title="Earthquake shakes the coast of Morocco",
)
QUAKE_AR = article(
    "quake-ar",
    "ضرب زلزال بقوة 6 درجات ساحل المغرب ليل الأحد، وانقطعت الكهرباء عن 14 قرية.\n\n"
    "وقالت فرق الإنقاذ إن 30 منزلا انهارت قرب الميناء، وأرسلت الحكومة خياما.",
    lang="ar",
    title="زلزال يضرب ساحل المغرب",
)
EXTRACTIVE = {"en": QUAKE_EN.title, "ar": QUAKE_AR.title}


def s(text: str, label: str, paragraph: int) -> dict[str, Any]:
    return {"text": text, "citations": [{"article": label, "paragraph": paragraph}]}


SUMMARY = {
    "en": [s("An earthquake of magnitude 6 shook the coast of Morocco on Sunday night.", "A1", 1)],
    "ar": [s("ضرب زلزال بقوة 6 درجات ساحل المغرب ليل الأحد.", "A2", 1)],
}


def request() -> TopicRequest:
    fallback: dict[Lang, Summary] = {
        a.lang: Summary(a.lang, (Sentence(a.paragraphs[0], (Citation(a.id, 1),)),), "extractive")
        for a in (QUAKE_EN, QUAKE_AR)
    }
    return TopicRequest(
        "quake", (QUAKE_EN, QUAKE_AR), (("quake-en", "quake-ar"),), fallback, titles=EXTRACTIVE
    )


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        yield fake


def run(server: FakeOpenAI, titles: dict[str, str]) -> TopicOutcome:
    server.push({"title": titles, "summary": SUMMARY})
    settings = LLMSettings(
        base_url=server.base_url, api_key="test", model="fake", timeout=5.0, backoff=0.01
    )
    (outcome,) = summarize_topics([request()], settings, GLOSSARY)
    return outcome


def test_titles_that_agree_are_both_kept(server: FakeOpenAI) -> None:
    titles = {"en": "Earthquake cuts power to 14 villages in Morocco",
              "ar": "زلزال يقطع الكهرباء عن 14 قرية في المغرب"}  # fmt: skip
    outcome = run(server, titles)
    assert outcome.titles == titles
    record = outcome.report["title_agreement"]
    assert isinstance(record, dict)
    assert record["agree"] is True and record["replaced"] is None
    assert record["mismatches"] == [] and record["similarity"] > 0.6


def test_titles_stating_different_facts_lose_the_weaker_one(server: FakeOpenAI) -> None:
    # Each title passes the checks alone (both numbers are in the sources),
    # but they report different facts: 14 villages against 30 houses.
    titles = {"en": "Earthquake cuts power to 14 villages in Morocco",
              "ar": "انهيار 30 منزلا في زلزال المغرب"}  # fmt: skip
    outcome = run(server, titles)
    record = outcome.report["title_agreement"]
    assert isinstance(record, dict)
    assert record["agree"] is False
    replaced = record["replaced"]
    assert replaced in ("en", "ar")
    kept: Lang = "ar" if replaced == "en" else "en"
    # The reader sees the extractive title in place of the weaker one, and
    # the other model title unchanged.
    assert outcome.titles[replaced] == EXTRACTIVE[replaced]
    assert outcome.titles[kept] == titles[kept]
    said = " ".join(record["mismatches"])
    assert "14" in said and "30" in said
    report = outcome.report["titles"]
    assert isinstance(report, dict)
    assert report[replaced]["used"] is False
    assert "does not describe the same event as the other title" in report[replaced]["reasons"]
    assert report[kept]["used"] is True


def test_swapped_actors_are_a_contradiction() -> None:
    en = "Egypt sends aid to Libya after the storm"
    ar = "ليبيا ترسل مساعدات إلى مصر بعد العاصفة"
    assert mismatches(en, ar, GLOSSARY) == [
        "leads with Egypt where the Arabic title leads with Libya"
    ]
    # A title that leaves a name or a number out contradicts nothing.
    assert mismatches("Egypt sends 40 trucks of aid to Libya", "مصر ترسل مساعدات", GLOSSARY) == []


def test_titles_far_apart_disagree_and_a_missing_title_agrees() -> None:
    def far(a: str, b: str) -> float:
        return 0.1

    assert not compare_titles({"en": "a", "ar": "ب"}, GLOSSARY, far).agree
    assert compare_titles({"en": "Egypt sends aid"}, GLOSSARY, far).agree


def test_briefing_json_schema_checks_the_title_agreement_record() -> None:
    summary = {"method": "llm", "sentences": []}
    record = {"agree": False, "similarity": 0.42, "mismatches": ["…"], "replaced": "ar"}
    topic = {"id": "quake", "articles": [], "title": {}, "summary": {"ar": summary, "en": summary},
             "verification": {"title_agreement": record}}  # fmt: skip
    doc = {"format": "briefing/1", "date": "2026-11-22", "topics": [topic]}
    assert schema_problem(doc) is None
    record["replaced"] = "fr"
    assert schema_problem(doc) == (
        "topics[0].verification.title_agreement.replaced is 'fr', not one of ar or en or None"
    )


def test_a_rejected_title_is_not_compared_and_the_other_stays(server: FakeOpenAI) -> None:
    # 99 houses is in no source: the Arabic title fails its own checks and
    # the extractive title heads the section; the English title is kept.
    titles = {"en": "Earthquake cuts power to 14 villages in Morocco",
              "ar": "انهيار 99 منزلا في زلزال المغرب"}  # fmt: skip
    outcome = run(server, titles)
    assert outcome.titles == {"en": titles["en"], "ar": EXTRACTIVE["ar"]}
    assert outcome.report["title_agreement"] is None
