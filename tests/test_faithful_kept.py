"""Faithful sentences the claim checks must not drop: a number the source
writes in words, an Arabic "only" built from a negation ("لا … سوى"), and
the story's main actor, named in the lead, in a sentence citing a later
paragraph that says only "he". Articles written for these tests."""

from __future__ import annotations

import pytest
from conftest import article, kept

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
    # Eleven and twelve in Arabic are not ten; "one of" is no number.
    assert word_numbers("حكم أحد عشر عاما وزار إحدى عشرة دولة") == {"11"}
    assert word_numbers("اثنا عشر وزيرا وثلاثة عشر نائبا") == {"12", "13"}
    assert word_numbers("قال أحد المسؤولين") == set()
    # With scale words: one number, not its parts; a vague plural is none,
    # and digits before a scale word are the digits' number.
    assert word_numbers("ثلاثة مليارات وستمئة مليون دولار") == {"3600000000"}
    assert word_numbers("في عام ألفين واثني عشر") == {"2012"}
    assert word_numbers("ملياران ونصف المليار دولار") == {"2500000000"}
    assert word_numbers("عشرين ألفا من الجنود وآلاف المدنيين") == {"20000"}
    assert word_numbers("تحويل 3.6 مليار دولار") == set()
    assert word_numbers("في ست عشرة ولاية وثلاثة عشر") == {"16", "13"}
    assert word_numbers("خمسة وعشرين قتيلا وأكثر من مئة جريح وثلاثمائة") == {"25", "100", "300"}


def test_an_english_number_in_words_is_multiplied_by_its_scale() -> None:
    # "thirty thousand" is the source's 30,000, not a thirty it never gave.
    source = article(
        "en-troops",
        "The minister said 30,000 more soldiers would be sent to the border by June.",
    )
    troops = Verifier([source], {"A1": "en-troops"}, load_glossary())
    assert kept(
        troops, "en", "Thirty thousand more soldiers are to reach the border by June.", ("A1", 1)
    )
    assert not kept(
        troops, "en", "Forty thousand more soldiers are to reach the border by June.", ("A1", 1)
    )
    assert word_numbers("five hundred thousand voters and two million euros") == {
        "500000",
        "2000000",
    }


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


# Arabic the way a model translates English news: a negative adjective
# ("unconstitutional" as "غير دستوري"), "a number of", an office's
# nationality added to a named person, and "potential" as "من المحتمل".
COURT = article(
    "en-court",
    "President Donald Trump said on Tuesday that the court ruling was unconstitutional and "
    "that the tariffs imposed on farmers were unfair.\n\n"
    "A number of senators criticised the ruling, saying the trade war was largely "
    "unwinnable.\n\n"
    "Critics said the senator had not raised enough money, and several rivals are potential "
    "challengers for his seat.",
)


@pytest.fixture(scope="module")
def court() -> Verifier:
    return Verifier([COURT], {"A1": "en-court"}, load_glossary())


def test_an_arabic_negative_adjective_translates_an_english_prefix(court: Verifier) -> None:
    assert kept(court, "ar", "وقال ترامب الثلاثاء إن حكم المحكمة غير دستوري.", ("A1", 1))
    assert kept(
        court, "ar", "وقال ترامب الثلاثاء إن الرسوم المفروضة على المزارعين غير عادلة.", ("A1", 1)
    )
    # A negated event is still a negation the source does not have.
    assert not kept(court, "ar", "وقال ترامب إنه لن يفرض رسوما على المزارعين.", ("A1", 1))
    assert not kept(court, "ar", "وقال ترامب الثلاثاء إن حكم المحكمة لم يصدر.", ("A1", 1))


def test_cannot_be_won_is_no_hedge_and_a_number_of_is_no_actor(court: Verifier) -> None:
    assert markers("الحرب لا يمكن كسبها", "ar") == {"negation"}
    assert kept(
        court,
        "ar",
        "وانتقد عدد من الشيوخ الحكم، قائلين إن الحرب التجارية لا يمكن كسبها إلى حد كبير.",
        ("A1", 2),
    )
    assert not kept(court, "ar", "وقال عدد من الشيوخ إن الحرب التجارية قد تنتهي قريبا.", ("A1", 2))


def test_the_nationality_of_a_named_persons_office(court: Verifier) -> None:
    assert kept(
        court,
        "ar",
        "وقال الرئيس الأمريكي دونالد ترامب الثلاثاء إن حكم المحكمة غير دستوري.",
        ("A1", 1),
    )
    # Named as a place, not as his office's, the country is an addition.
    assert not kept(
        court,
        "ar",
        "وقال دونالد ترامب الثلاثاء إن حكم المحكمة في الولايات المتحدة غير دستوري.",
        ("A1", 1),
    )


def test_potential_is_a_hedge_and_inability_keeps_a_negation(court: Verifier) -> None:
    assert kept(
        court,
        "ar",
        "ويأخذ المنتقدون على السيناتور عجزه عن جمع أموال كافية، ومن المحتمل أن ينافسه عدة خصوم.",
        ("A1", 3),
    )
    assert not kept(court, "ar", "ويأخذ المنتقدون على السيناتور أنه جمع أموالا كافية.", ("A1", 3))
    assert not kept(court, "en", "Senators said the trade war may be unwinnable.", ("A1", 2))


VOTE = article(
    "ar-vote",
    "اتفقت الأحزاب على إجراء الانتخابات البلدية في العاشر من مارس/آذار المقبل، للمرة الثانية "
    "منذ الاستقلال.",
    lang="ar",
)


def test_a_day_the_source_writes_as_an_ordinal() -> None:
    check = Verifier([VOTE], {"A1": "ar-vote"}, load_glossary())
    (good, bad) = check.check(
        [
            Draft(
                "en", "The parties agreed to hold municipal elections on March 10.", (("A1", 1),)
            ),
            Draft(
                "en", "The parties agreed to hold municipal elections on March 12.", (("A1", 1),)
            ),
        ]
    )
    assert good.ok, good.reasons
    assert not bad.ok


FERRY = article(
    "en-ferry",
    "The ferry to Masirah sails daily from Shannah, the operator said.\n\n"
    "The ferry to Masirah sails from Shannah, the operator said.",
)


def test_every_day_says_what_daily_says() -> None:
    check = Verifier([FERRY], {"A1": "en-ferry"}, load_glossary())
    text = "The ferry to Masirah sails every day from Shannah, the operator said."
    (daily, unsaid) = check.check(
        [Draft("en", text, (("A1", 1),)), Draft("en", text, (("A1", 2),))]
    )
    assert daily.ok, daily.reasons
    assert not unsaid.ok
    assert markers("Every ship was inspected.", "en") == {"absolute:all"}


EXPORTS = article(
    "en-exports",
    "Oman's exports rose by 4 percent in May. The trade ministry is reviewing the figures "
    "with the central bank.",
)


def test_a_reversal_is_read_in_the_sentence_it_reverses() -> None:
    check = Verifier([EXPORTS], {"A1": "en-exports"}, load_glossary())
    cite = (("A1", 1),)
    # تراجع is "reviews" here as well as "fell": the cited sentence closest to
    # it reports no rise.
    (reviews, fell) = check.check(
        [
            Draft("ar", "قالت وزارة التجارة إنها تراجع الأرقام مع البنك المركزي.", cite),
            Draft("ar", "تراجعت صادرات عمان بنسبة 4 في المئة في مايو.", cite),
        ]
    )
    assert reviews.ok, reviews.reasons
    assert not fell.ok


AID = article(
    "en-aid",
    "The charity resumed its deliveries of food to the north of the region on Tuesday, "
    "a week after an attack on its convoy.",
)


@pytest.mark.parametrize(
    ("lang", "sentence", "faithful"),
    [
        ("en", "The charity resumed food deliveries to the north on Tuesday.", True),
        ("en", "The charity halted food deliveries to the north on Tuesday.", False),
        ("ar", "استأنفت المنظمة الخيرية إيصال الغذاء إلى الشمال يوم الثلاثاء.", True),
        ("ar", "أوقفت المنظمة الخيرية إيصال الغذاء إلى الشمال يوم الثلاثاء.", False),
    ],
)
def test_stopping_for_resuming_reverses_the_event(lang: str, sentence: str, faithful: bool) -> None:
    check = Verifier([AID], {"A1": "en-aid"}, load_glossary())
    (verdict,) = check.check([Draft(lang, sentence, (("A1", 1),))])  # type: ignore[arg-type]
    assert verdict.ok is faithful, verdict.reasons


def test_a_sentence_citing_both_languages_may_translate_words_from_either() -> None:
    english = article(
        "en-port",
        "Dock workers at Port Elwen ended their strike on Thursday after the port authority "
        "agreed to raise night-shift pay by 12 percent.",
    )
    arabic = article(
        "ar-port",
        "أنهى عمال ميناء إلوين إضرابهم يوم الخميس.",
        "ar",
    )
    check = Verifier([english, arabic], {"A1": "en-port", "A2": "ar-port"}, load_glossary())
    sentence = (
        "أنهى عمال الميناء إضرابهم يوم الخميس، ووافقت سلطة الميناء على رفع أجور "
        "النوبات الليلية بنسبة 12 في المئة."
    )
    (both,) = check.check([Draft("ar", sentence, (("A2", 1), ("A1", 1)))])
    assert both.ok, both.reasons
    (alone,) = check.check([Draft("ar", sentence, (("A2", 1),))])
    assert not alone.ok


def test_a_year_counted_on_from_the_sources_year() -> None:
    # "in 2011 ... two years later" gives 2013; no other year.
    story = article(
        "ar-harbour-chief",
        "تولّى كارل برانت إدارة النقابة بالوكالة في عام 2011، ثم انتُخب رئيسا لها بعد ذلك بعامين.",
        lang="ar",
    )
    check = Verifier([story], {"A1": "ar-harbour-chief"}, load_glossary())
    assert kept(check, "en", "Karl Brandt was elected head of the union in 2013.", ("A1", 1))
    assert not kept(check, "en", "Karl Brandt was elected head of the union in 2014.", ("A1", 1))


STORM = article(
    "en-storm",
    "The storm killed 42 people and injured more than 130 across the region, officials said. "
    "The port had 85 fishing boats registered before the storm; 27 of them sank.",
)


@pytest.mark.parametrize(
    ("lang", "sentence", "faithful"),
    [
        # A sum the sentence calls a total, or a count of two things at once.
        ("en", "In all, the storm left more than 172 people dead or injured.", True),
        ("ar", "خلّفت العاصفة أكثر من 172 قتيلا وجريحا في المنطقة.", True),
        # A difference from a whole the sentence gives.
        ("en", "The storm cut the port's fleet from 85 registered fishing boats to 58.", True),
        # The same figures bare: the sum as a death toll, the difference
        # without the whole it is taken from.
        ("en", "The storm killed 172 people across the region, officials said.", False),
        ("en", "The storm killed 88 people across the region, officials said.", False),
        ("en", "The port now has 58 fishing boats.", False),
        # A total that is no sum of the sources' figures.
        ("en", "In all, the storm left more than 182 people dead or injured.", False),
    ],
)
def test_a_sum_or_difference_the_sentence_shows_as_one(
    lang: str, sentence: str, faithful: bool
) -> None:
    check = Verifier([STORM], {"A1": "en-storm"}, load_glossary())
    assert kept(check, lang, sentence, ("A1", 1)) is faithful


def test_decades_and_centuries_count_the_sources_years() -> None:
    mill = article(
        "en-mill",
        "The mill closed on Friday after 30 years of trading; the town has had a mill "
        "for 300 years.",
    )
    check = Verifier([mill], {"A1": "en-mill"}, load_glossary())
    assert kept(check, "en", "The mill shut on Friday after three decades of trading.", ("A1", 1))
    assert kept(check, "ar", "أغلق المصنع الجمعة بعد ثلاثة عقود من العمل.", ("A1", 1))
    assert kept(check, "en", "The town has had a mill for three centuries.", ("A1", 1))
    assert not kept(check, "en", "The mill shut on Friday after four decades.", ("A1", 1))
