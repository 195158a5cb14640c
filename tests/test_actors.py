"""Who did what: a sentence that gives an act or a statement to someone
other than the one its cited paragraphs name is dropped, in English, in
Arabic and across the two; a faithful paraphrase or translation that names
the same actor (by the glossary or by transliteration) is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import article

from briefing.summary.glossary import Glossary, load_glossary
from briefing.summary.names import same_name
from briefing.summary.verify import Draft, Verifier

EN = article(
    "en-harbour",
    "Karl Brandt, the head of the Halvik dockworkers' union, accused the port company of "
    "hiding its losses on Monday. Olga Haugen, the company's chief executive, spoke later.\n\n"
    "The union said the strike at Halvik would go on until wages rose by 12 percent.",
)
AR = article(
    "ar-harbour",
    "اتهم كارل برانت، رئيس نقابة عمال ميناء هالفيك، شركة الميناء يوم الاثنين بإخفاء خسائرها، "
    "وتحدثت أولغا هاوغن، المديرة التنفيذية للشركة، في وقت لاحق.\n\n"
    "وقال غوتيريش إن على الطرفين العودة إلى المفاوضات في ميناء هالفيك.",
    lang="ar",
)


BLOCKADE = article(
    "en-blockade",
    "The blockade of Halvik harbour was ordered by Karl Brandt on Sunday; Olga Haugen called it "
    "a mistake, and conservatives on the city council welcomed it.",
)


def verifier(glossary: Glossary | None = None) -> Verifier:
    return Verifier(
        [EN, AR, BLOCKADE],
        {"A1": "en-harbour", "A2": "ar-harbour", "A3": "en-blockade"},
        glossary or load_glossary(),
    )


@pytest.fixture(scope="module")
def check() -> Verifier:
    return verifier()


def reasons(check: Verifier, lang: str, text: str, cite: tuple[str, int]) -> list[str]:
    (verdict,) = check.check([Draft(lang, text, (cite,))])  # type: ignore[arg-type]
    return list(verdict.reasons)


def test_a_swapped_actor_is_dropped_in_english(check: Verifier) -> None:
    swapped = "Olga Haugen accused the port company of hiding its losses on Monday."
    assert any(
        "attributes “accused” to Olga Haugen" in r for r in reasons(check, "en", swapped, ("A1", 1))
    )
    true = "Karl Brandt accused the port company of hiding its losses on Monday."
    assert reasons(check, "en", true, ("A1", 1)) == []


def test_a_swapped_actor_is_dropped_in_arabic(check: Verifier) -> None:
    swapped = "اتهمت أولغا هاوغن شركة الميناء يوم الاثنين بإخفاء خسائرها."
    assert any("attributes" in r for r in reasons(check, "ar", swapped, ("A2", 1)))
    true = "اتهم كارل برانت شركة الميناء يوم الاثنين بإخفاء خسائرها."
    assert reasons(check, "ar", true, ("A2", 1)) == []


def test_a_swapped_actor_is_dropped_across_languages(check: Verifier) -> None:
    # An English sentence on the Arabic paragraph, and an Arabic one on the
    # English paragraph: the names are matched by their transliteration.
    swapped_en = "Olga Haugen accused the port company of hiding its losses on Monday."
    assert any("attributes" in r for r in reasons(check, "en", swapped_en, ("A2", 1)))
    swapped_ar = "اتهمت أولغا هاوغن شركة الميناء يوم الاثنين بإخفاء خسائرها."
    assert any("attributes" in r for r in reasons(check, "ar", swapped_ar, ("A1", 1)))
    stranger = "Sven Lund accused the port company of hiding its losses on Monday."
    assert any(
        "the actor sven lund is not named" in r for r in reasons(check, "en", stranger, ("A2", 1))
    )


def test_a_faithful_translation_naming_the_actor_by_transliteration_is_kept(
    check: Verifier,
) -> None:
    to_english = "Karl Brandt accused the port company of hiding its losses on Monday."
    assert reasons(check, "en", to_english, ("A2", 1)) == []
    to_arabic = "اتهم كارل برانت شركة الميناء يوم الاثنين بإخفاء خسائرها."
    assert reasons(check, "ar", to_arabic, ("A1", 1)) == []


def test_a_faithful_translation_naming_the_actor_by_the_glossary_is_kept(
    check: Verifier,
) -> None:
    # "غوتيريش" is António Guterres in the glossary, not by its sound.
    kept = "Guterres said both sides should return to negotiations at Halvik port."
    assert reasons(check, "en", kept, ("A2", 2)) == []
    wrong = "Karl Brandt said both sides should return to negotiations at Halvik port."
    assert any(
        "attributes “said” to Karl Brandt" in r for r in reasons(check, "en", wrong, ("A2", 2))
    )


def test_a_statement_given_to_an_institution_the_paragraph_does_not_name_is_dropped(
    check: Verifier,
) -> None:
    # The paragraph says the union said it; the sentence, the ministry.
    wrong = "The ministry said the strike at Halvik would go on until wages rose by 12 percent."
    assert any(
        "the actor ministry is not named" in r for r in reasons(check, "en", wrong, ("A1", 2))
    )
    wrong_ar = "وقالت الحكومة إن على الطرفين العودة إلى المفاوضات في ميناء هالفيك."
    assert any("حكومة" in r for r in reasons(check, "ar", wrong_ar, ("A2", 2)))


def test_a_passive_with_another_agent_is_dropped(check: Verifier) -> None:
    wrong = "The blockade of Halvik harbour was ordered by Olga Haugen on Sunday."
    got = reasons(check, "en", wrong, ("A3", 1))
    assert any("attributes “ordered” to Olga Haugen" in r for r in got)
    assert (
        reasons(check, "en", "The blockade of Halvik harbour was ordered by Brandt.", ("A3", 1))
        == []
    )


def test_a_swapped_group_is_dropped_in_either_language(check: Verifier) -> None:
    wrong = "Democrats on the city council welcomed the blockade of Halvik harbour."
    assert any(
        "the actor Democrats is not named" in r for r in reasons(check, "en", wrong, ("A3", 1))
    )
    wrong_ar = "رحب الديمقراطيون في مجلس المدينة بحصار ميناء هالفيك."
    assert any("ديمقراطي" in r for r in reasons(check, "ar", wrong_ar, ("A3", 1)))
    true = "Conservatives on the city council welcomed the blockade of Halvik harbour."
    assert reasons(check, "en", true, ("A3", 1)) == []


def test_users_add_roles_in_their_glossary(tmp_path: Path) -> None:
    sentence = (
        "The harbour board said the strike at Halvik would go on until wages rose by 12 percent."
    )
    assert reasons(verifier(), "en", sentence, ("A1", 2)) == []
    extra = tmp_path / "roles.toml"
    extra.write_text(
        '[[entry]]\nkind = "institution"\nen = "harbour board"\nar = "مجلس الميناء"\n',
        encoding="utf-8",
    )
    check = verifier(load_glossary(extra))
    assert any(
        "the actor harbour board is not named" in r
        for r in reasons(check, "en", sentence, ("A1", 2))
    )


def test_transliteration_skeletons() -> None:
    assert same_name("Brandt", "برانت")
    assert same_name("Haugen", "هاوغن")
    assert same_name("Sánchez", "سانشيز")
    assert same_name("Facebook", "وفيسبوك")
    assert not same_name("Brandt", "هاوغن")
    assert not same_name("Fox", "فايس")


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("Gaza", "غزة"),  # a final ة that writes a vowel
        ("Rutte", "روته"),
        ("Saleh", "صالح"),  # h after a vowel for ح
        ("Ahmed", "أحمد"),
        ("Scholz", "شولتس"),  # z as ts
        ("Perišić", "بيرسيتش"),  # Slavic š and ć
        ("Modric", "مودريتش"),  # -ic as -ich
        ("Chita", "تشيتا"),  # تش for ch
        ("Lisbon", "لشبونة"),  # s heard as sh
        ("Ljubljana", "ليوبليانا"),  # j as y
    ],
)
def test_transliterations_spelt_after_other_languages(latin: str, arabic: str) -> None:
    assert same_name(latin, arabic)


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("Gaza", "غانا"),
        ("Saleh", "سلام"),
        ("Scholz", "شيراك"),
        ("Modric", "مدريد"),
        ("Lisbon", "لندن"),
    ],
)
def test_transliteration_variants_do_not_match_other_names(latin: str, arabic: str) -> None:
    assert not same_name(latin, arabic)


def test_a_french_silent_final_consonant() -> None:
    assert same_name("Giroud", "جيرو")
    assert same_name("Renaud", "رونو")
    assert not same_name("Giroud", "جيران")
    # French -ier is said -yé, which Arabic writes with a final ه.
    assert same_name("Olivier", "أوليفيه")
    assert same_name("Didier", "ديدييه")
    assert not same_name("Olivier", "ليفي")


def test_an_arabic_subject_headed_by_an_organisation_noun() -> None:
    from briefing.summary.subjects import subjects

    glossary = load_glossary()
    ((_, actor),) = subjects(
        "قالت منظمة المطبخ المركزي العالمي إن الغارة قتلت سبعة.", "ar", glossary
    )
    assert [e.en for e in actor.entries] == ["World Central Kitchen"]


def test_an_arabic_subject_ends_before_what_it_announced() -> None:
    from briefing.summary.subjects import subjects

    said = subjects("أعلنت ماي عدم حضور الوزراء كأس العالم.", "ar", load_glossary())
    assert [actor.text for _, actor in said] == ["ماي"]


def test_a_country_or_its_capital_stands_for_its_government() -> None:
    ministry = article(
        "ar-expel",
        "أعلنت وزارة الخارجية الروسية السبت طرد 23 دبلوماسيا بريطانيا ردا على خطوة لندن.",
        "ar",
    )
    check = Verifier([ministry], {"A1": "ar-expel"}, load_glossary())
    for subject in ("Moscow", "Russia"):
        said = f"{subject} announced on Saturday the expulsion of 23 British diplomats."
        assert reasons(check, "en", said, ("A1", 1)) == [], subject
    # Another country's capital is another government, and a body of the
    # country is that body, not the country.
    for wrong in (
        "London announced on Saturday the expulsion of 23 British diplomats.",
        "Russia's eastern-based parliament announced the expulsion of 23 British diplomats.",
    ):
        assert any("attributes" in r for r in reasons(check, "en", wrong, ("A1", 1))), wrong


def test_a_spokesman_for_is_no_name() -> None:
    from briefing.summary.subjects import subjects

    said = subjects("وقال المتحدث باسم الوزارة إن الوفد وصل.", "ar", load_glossary())
    assert [actor.text for _, actor in said] == ["المتحدث"]


def test_common_nouns_are_no_names_and_afp_has_its_arabic_names() -> None:
    from briefing.summary.subjects import subjects

    glossary = load_glossary()
    said = subjects("وقال كاتب الرسالة إن الحرب خيار.", "ar", glossary)
    assert [actor.text for _, actor in said] == [""]
    afp = [e.en for e in glossary.mentioned("بحسب وكالة الصحافة الفرنسية", "ar")]
    assert afp == ["Agence France-Presse"]


def test_a_researcher_named_in_full_where_the_article_introduces_her() -> None:
    # The article gives the full name once, then the surname alone; a
    # sentence citing the later paragraph may give the full name.
    story = article(
        "ar-vote",
        "قالت الباحثة الليبية سلمى بركات إن الانتخابات تحتاج إلى قانون جديد.\n\n"
        "وحذرت بركات من تنظيم الاقتراع قبل توحيد المؤسسات.",
        lang="ar",
    )
    check = Verifier([story], {"A1": "ar-vote"}, load_glossary())
    full = "حذرت الباحثة سلمى بركات من إجراء الاقتراع قبل توحيد المؤسسات."
    assert reasons(check, "ar", full, ("A1", 2)) == []
    other = "حذرت الباحثة سلمى عرفات من إجراء الاقتراع قبل توحيد المؤسسات."
    assert reasons(check, "ar", other, ("A1", 2))


def test_the_ministry_is_the_institution_its_article_named_first() -> None:
    # After naming the foreign ministry, an article calls it "the ministry";
    # a sentence citing that paragraph may name it in full.
    story = article(
        "ar-envoys",
        "أعلنت وزارة الخارجية في هالفيك يوم الأحد طرد ثلاثة دبلوماسيين من نورلاند.\n\n"
        "وقالت الوزارة، التي استدعت سفير نورلاند لديها، إن الثلاثة سيغادرون خلال يومين.",
        lang="ar",
    )
    check = Verifier([story], {"A1": "ar-envoys"}, load_glossary())
    faithful = "أعلنت الخارجية، بعد أن استدعت سفير نورلاند لديها، أن الثلاثة سيغادرون خلال يومين."
    assert reasons(check, "ar", faithful, ("A1", 2)) == []
    # The ambassador it summoned is another actor.
    other = "أعلن سفير نورلاند أن الدبلوماسيين الثلاثة سيغادرون خلال يومين."
    assert reasons(check, "ar", other, ("A1", 2))


def test_a_role_the_article_gives_the_speaker_names_her() -> None:
    story = article(
        "ar-mayor",
        "زارت رئيسة الوزراء الهالفيكية إنغريد سولبرغ الميناء يوم الاثنين.\n\n"
        "وقالت سولبرغ إن الرصيف الجديد سيفتح في الربيع.",
        lang="ar",
    )
    check = Verifier([story], {"A1": "ar-mayor"}, load_glossary())
    # "رئيسة الوزراء" is one title, however long the adjective after it.
    said = "قالت رئيسة الوزراء إن الرصيف الجديد سيفتح في الربيع."
    assert reasons(check, "ar", said, ("A1", 2)) == []
    assert reasons(check, "ar", "قال السفير إن الرصيف الجديد سيفتح في الربيع.", ("A1", 2))


def test_a_title_before_a_place_and_a_name_is_no_name() -> None:
    story = article(
        "en-folly",
        "The state will sue, said Gov. Dana Whitlock of California, who called the plan a folly.",
    )
    check = Verifier([story], {"A1": "en-folly"}, load_glossary())
    said = "وصف حاكم كاليفورنيا دانا ويتلوك الخطة بأنها حماقة."
    assert reasons(check, "ar", said, ("A1", 1)) == []
    other = "وصف حاكم كاليفورنيا مارك هولت الخطة بأنها حماقة."
    assert reasons(check, "ar", other, ("A1", 1))


def test_a_name_the_source_gives_inside_a_word_is_named() -> None:
    story = article(
        "en-suit",
        "On Friday two Halvik landowners asked a court to find the order unconstitutional.",
    )
    check = Verifier([story], {"A1": "en-suit"}, load_glossary())
    faithful = "On Friday two Halvik landowners told a court the order breaches the Constitution."
    assert not [r for r in reasons(check, "en", faithful, ("A1", 1)) if "actor" in r]
    other = "On Friday two Halvik landowners told a court the order breaches the Charter."
    assert [r for r in reasons(check, "en", other, ("A1", 1)) if "actor" in r]


def test_a_group_named_beside_the_sources_one_is_no_swap(check: Verifier) -> None:
    both = (
        "Conservatives and Democrats on the city council welcomed the blockade of Halvik harbour."
    )
    assert not [r for r in reasons(check, "en", both, ("A3", 1)) if "they name" in r]
    swapped = "Democrats on the city council welcomed the blockade of Halvik harbour."
    assert [r for r in reasons(check, "en", swapped, ("A3", 1)) if "they name" in r]


def test_a_present_tense_verb_after_its_subject_announces_what_follows() -> None:
    # A headline writes the subject first ("الخارجية تستدعي ... وتعلن طرد"):
    # what follows the verb is what was announced, not who announced it.
    story = article(
        "ar-envoys",
        "أعلنت وزارة الخارجية في هالفيك يوم الأحد طرد ثلاثة دبلوماسيين من نورلاند.\n\n"
        "وقالت الوزارة، التي استدعت سفير نورلاند لديها، إن الثلاثة سيغادرون خلال يومين.",
        lang="ar",
    )
    check = Verifier([story], {"A1": "ar-envoys"}, load_glossary())
    headline = "الخارجية في هالفيك تستدعي سفير نورلاند وتعلن طرد ثلاثة دبلوماسيين خلال يومين"
    (verdict,) = check.check([Draft("ar", headline, (("A1", 1), ("A1", 2)))])
    assert verdict.reasons == ()
    # With the verb first, the words after it are still its subject.
    swapped = "وتقول السفارة في هالفيك إن الثلاثة سيغادرون خلال يومين."
    assert any("attributes" in r or "actor" in r for r in reasons(check, "ar", swapped, ("A1", 2)))


def test_an_army_the_article_named_is_the_army() -> None:
    # After naming a body ("the Israel Defense Forces"), news and its
    # translations call it by its head noun: the army, the military, الجيش.
    story = article(
        "en-raid",
        "The Israel Defense Forces said on Friday that two officers had been dismissed over the "
        "convoy strike.\n\n"
        "The IDF said the drone operator had mistaken a bag for a weapon.",
    )
    check = Verifier([story], {"A1": "en-raid"}, load_glossary())
    for lang, said in (
        ("ar", "وقال الجيش إن مشغل الطائرة المسيرة ظن أن حقيبة سلاح."),
        ("en", "The military said the drone operator had mistaken a bag for a weapon."),
        ("en", "The army said the drone operator had mistaken a bag for a weapon."),
    ):
        assert reasons(check, lang, said, ("A1", 2)) == [], said
    # Another institution is still another speaker.
    for lang, said in (
        ("ar", "وقالت الحكومة إن مشغل الطائرة المسيرة ظن أن حقيبة سلاح."),
        ("en", "The police said the drone operator had mistaken a bag for a weapon."),
    ):
        assert any("attributes" in r for r in reasons(check, lang, said, ("A1", 2))), said


def test_a_passive_reporting_verb_has_no_subject_after_it() -> None:
    # "وُصف اتهام ..." (the accusation was described): the damma marks the
    # passive, so the accusation is no speaker; the active verb still has one.
    story = article(
        "ar-harbour-row",
        "ووصفت الحكومة يوم الثلاثاء اتهام كارل برانت لها بإخفاء خسائر الميناء بأنه كاذب.",
        lang="ar",
    )
    check = Verifier([story], {"A1": "ar-harbour-row"}, load_glossary())
    passive = "وُصف اتهام برانت للحكومة بإخفاء خسائر الميناء بأنه كاذب، بحسب ما ذكرته الحكومة."
    assert reasons(check, "ar", passive, ("A1", 1)) == []
    active = "ووصف برانت اتهام الحكومة بإخفاء خسائر الميناء بأنه كاذب."
    assert any("attributes" in r for r in reasons(check, "ar", active, ("A1", 1)))


def test_a_name_after_a_titles_complement_is_the_titles_holder() -> None:
    # "الباحث في الشؤون البحرية سامر الخطيب": the researcher in maritime
    # affairs is named after his field, and a wrong first name is caught.
    story = article(
        "ar-harbour-study",
        "وقال الباحث في الشؤون البحرية سامر الخطيب إن الميناء يحتاج إلى رصيف جديد.",
        lang="ar",
    )
    check = Verifier([story], {"A1": "ar-harbour-study"}, load_glossary())
    right = "ورأى الباحث في الشؤون البحرية سامر الخطيب أن الميناء بحاجة إلى رصيف جديد."
    assert reasons(check, "ar", right, ("A1", 1)) == []
    wrong = "ورأى الباحث في الشؤون البحرية خالد الخطيب أن الميناء بحاجة إلى رصيف جديد."
    assert any("خالد" in r for r in reasons(check, "ar", wrong, ("A1", 1)))
    # A preposition that opens no complement is not skipped to a name.
    statement = "وقال الباحث في بيان إن الميناء يحتاج إلى رصيف جديد."
    assert reasons(check, "ar", statement, ("A1", 1)) == []
