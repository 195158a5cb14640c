"""The section of a topic in the other language (the English section of an
Arabic-only topic and the reverse), as a reader sees it in an offline
briefing: who and where by weight, not by first glossary hit; no agency
credit or dateline taken for the story's place; figures with their units,
dates, UN resolutions; a pointer to the section that has the summary.
Articles written for these tests."""

from __future__ import annotations

import dataclasses
import datetime as dt

from briefing.grouping.topics import make_groups
from briefing.labels import LABELS
from briefing.models import Article
from briefing.summary.glossary import load_glossary
from briefing.summary.select import name_entities, select_topics

from .conftest import article

GLOSSARY = load_glossary()


def _notice(*articles: Article, lang: str) -> str:
    """The notice of the `lang` section of the one topic `articles` make."""
    by_id = {a.id: a for a in articles}
    groups = make_groups([[a.id for a in articles]], by_id, budget=6000)
    selections = select_topics(groups, by_id, 2)
    (named,) = name_entities(selections, groups, by_id, GLOSSARY).values()
    summary = named.summaries[lang]  # type: ignore[index]
    assert summary.method == "unavailable"
    return summary.notice or ""


QUAKE_EN = [
    article(
        f"quake-{n}",
        "JAKARTA (AFP) - A magnitude 6.9 earthquake shook the island of Lombok in Indonesia "
        "on Sunday, killing 91 people and damaging 13,000 homes, officials told Agence "
        "France-Presse.\n\n"
        "Rescuers searched collapsed houses in Indonesia's north of the island overnight.",
        title="Deadly earthquake strikes Lombok in Indonesia",
        source=source,
    )
    for n, source in enumerate(("Island Wire", "Coast Courier"), 1)
]
QUAKE_AR = article(
    "quake-ar",
    "جاكرتا (أ ف ب) - ضرب زلزال بقوة 6,9 درجات جزيرة لومبوك في إندونيسيا الأحد وأودى بحياة "
    "91 شخصا، بحسب ما قال مسؤولون لوكالة فرانس برس.\n\n"
    "وبحث المسعفون تحت أنقاض المنازل طوال الليل.",
    lang="ar",
    title="زلزال مدمر يضرب إندونيسيا",
)


def test_an_agency_credit_does_not_make_the_story_french() -> None:
    arabic = _notice(*QUAKE_EN, lang="ar")
    assert "فرنسا" not in arabic
    assert "إندونيسيا" in arabic
    english = _notice(QUAKE_AR, lang="en")
    assert "France" not in english
    assert "Where: Indonesia." in english


def test_the_dateline_place_is_not_the_story_place() -> None:
    # Jakarta is only where the wire filed from; the quake was in Indonesia.
    assert "Jakarta" not in _notice(QUAKE_AR, lang="en")
    assert "جاكرتا" not in _notice(*QUAKE_EN, lang="ar")


SUMMIT = [
    article(
        "summit-1",
        "North Korean leader Kim Jong Un and US President Donald Trump will meet in Singapore "
        "on 12 June, the White House said.\n\n"
        "Officials in Seoul welcomed the date.\n\n"
        "A US official had earlier talked of applying the Libya model to disarmament, "
        "angering Pyongyang.",
        title="Trump and Kim to meet in Singapore on 12 June",
    ),
    article(
        "summit-2",
        "Preparations for the summit between North Korea and the United States went ahead on "
        "Tuesday, with envoys from both sides meeting in Singapore.\n\n"
        "North Korea has said it will not give up its weapons under pressure.",
        title="North Korea and US press on with Singapore summit",
        source="Other Wire",
    ),
]


def test_a_place_named_in_passing_is_not_the_story() -> None:
    arabic = _notice(*SUMMIT, lang="ar")
    assert "ليبيا" not in arabic
    where = arabic.split("المكان: ")[1].split(".")[0]
    assert where.split("، ")[0] in {"كوريا الشمالية", "سنغافورة"}
    assert "كيم جونغ أون" in arabic and "دونالد ترامب" in arabic
    assert "الزمان: 12 يونيو." in arabic


KHASHOGGI = [
    article(
        f"writer-{n}",
        "قالت السلطات التركية إن الصحفي السعودي جمال خاشقجي قتل داخل قنصلية بلاده في "
        "إسطنبول في الثاني من أكتوبر، فيما نفت الرياض ذلك.\n\n"
        "وطالبت عواصم غربية بتحقيق شفاف في اختفاء خاشقجي.",
        lang="ar",
        title="تركيا: خاشقجي قتل داخل القنصلية",
        source=source,
    )
    for n, source in enumerate(("صحيفة أ", "صحيفة ب"), 1)
]


def test_the_main_person_of_a_story_is_named_first() -> None:
    english = _notice(*KHASHOGGI, lang="en")
    assert "Who: Jamal Khashoggi." in english
    assert "Turkey" in english


EXPULSIONS = article(
    "expel-ar",
    "أعلنت روسيا طرد 23 دبلوماسيا بريطانيا وأمهلتهم أسبوعا لمغادرة أراضيها، ردا على "
    "خطوة مماثلة من لندن في 14 مارس 2018.\n\nوقالت الخارجية الروسية إن القرار نهائي.",
    lang="ar",
    title="روسيا تطرد 23 دبلوماسيا بريطانيا",
)
WALL = article(
    "wall-en",
    "President Donald Trump declared a national emergency on Friday to free about $8 billion "
    "for a wall on the border with Mexico.\n\nDemocrats in Congress vowed to challenge it.",
    title="Trump declares emergency, eyes $8B for border wall",
)


def test_figures_keep_their_units_in_the_other_language() -> None:
    english = _notice(EXPULSIONS, lang="en")
    assert "Figures: 23 diplomats." in english
    assert "When: 14 March 2018." in english
    arabic = _notice(WALL, lang="ar")
    assert "8 مليارات دولار" in arabic


def test_the_section_points_to_the_one_with_the_summary() -> None:
    assert "in Arabic (see the Arabic section)." in _notice(EXPULSIONS, lang="en")
    assert "(انظر القسم الإنجليزي)." in _notice(WALL, lang="ar")


def test_an_undated_topic_says_when_it_was_written_at_the_earliest() -> None:
    mandate = article(
        "mandate-ar",
        "مدد مجلس الأمن الدولي ولاية بعثة الأمم المتحدة للدعم في ليبيا عاما آخر، وذلك "
        "بموجب قراره الذي حمل رقم 2009 عام 2011 والقرارات اللاحقة حتى عام 2020.",
        lang="ar",
        published=None,
    )
    mandate = dataclasses.replace(mandate, not_before=2020)
    english = _notice(mandate, lang="en")
    assert "Undated: written in 2020 or later." in english
    assert "UN resolutions: 2009." in english
    assert "Libya" in english


def test_the_section_is_the_same_every_run() -> None:
    assert _notice(*SUMMIT, lang="ar") == _notice(*SUMMIT, lang="ar")


def test_a_hyphen_inside_a_name_is_not_a_dateline() -> None:
    raid = article(
        "raid-en",
        "Al-Shabab fighters attacked an army base in Somalia on Monday, killing 12 soldiers.\n\n"
        "The army said it had repelled the attack.",
        title="Attack on army base in Somalia",
    )
    arabic = _notice(raid, lang="ar")
    assert "الأطراف: حركة الشباب." in arabic
    assert "12 جنديا" in arabic


def test_thousands_are_written_as_english_writes_them() -> None:
    crowd = article(
        "crowd-ar",
        "احتشد 78 ألف شخص في الملعب لمتابعة المباراة النهائية مساء الأحد.\n\nوفاز الفريق المضيف.",
        lang="ar",
    )
    assert "Figures: 78,000 people." in _notice(crowd, lang="en")
    assert "78,000 شخص" in _notice(
        article("crowd-en", "A crowd of 78,000 people watched the final on Sunday.\n\nIt rained."),
        lang="ar",
    )
    # A scale is in construct with its unit: "14 مليون دولار", not "مليونا".
    assert "14 مليون دولار" in _notice(
        article(
            "fund-en",
            "The council set aside $14 million for repairs on Monday.\n\nWork starts soon.",
        ),
        lang="ar",
    )


def test_an_arabic_dateline_with_a_comma_and_a_credit_is_not_the_story_place() -> None:
    # A dateline "city, country (credit)--": where the outlet filed from, not the story.
    expulsion = article(
        "expel-ar",
        "دبي، الإمارات العربية المتحدة (CNN)-- قررت موسكو يوم السبت إبعاد 23 من موظفي "
        "السفارة البريطانية ردا على خطوة لندن.\n\n"
        "وأمهلت روسيا الموظفين سبعة أيام للرحيل.",
        lang="ar",
        title="روسيا تطرد 23 دبلوماسيا بريطانيا",
    )
    english = _notice(expulsion, lang="en")
    assert "United Arab Emirates" not in english
    assert "Russia" in english


def test_a_background_year_is_not_given_as_the_storys_date() -> None:
    # Each report looks back to 2011; the story is the mandate renewal.
    reports = [
        article(
            f"renewal-{n}",
            f"{opening} مدد مجلس الأمن ولاية بعثة الأمم المتحدة في ليبيا عاما آخر.\n\n"
            "وقال دبلوماسيون إن التصويت جرى بالإجماع.",
            lang="ar",
            published=published,
        )
        for n, (opening, published) in enumerate(
            (
                ("منذ اندلاع الأزمة في العام 2011،", "2019-09-13T10:00:00+00:00"),
                ("في خطوة متوقعة،", "2019-09-13T12:00:00+00:00"),
            ),
            1,
        )
    ]
    assert "When:" not in _notice(*reports, lang="en")
    # Only one report, dated 2019: 2011 is still background.
    assert "When:" not in _notice(reports[0], lang="en")
    # Undated, alone: the year its lead gives is all there is to say.
    undated = dataclasses.replace(reports[0], published=None)
    assert "When: 2011." in _notice(undated, lang="en")


def test_a_one_article_topic_names_the_people_its_lead_quotes() -> None:
    letter = article(
        "letter-ar",
        "دعت الأمم المتحدة إلى إرسال مراقبين لدعم الهدنة الهشة في ليبيا.\n\n"
        "وفي رسالة إلى مجلس الأمن، طلب الأمين العام أنطونيو غوتيريش أن تضم البعثة مدنيين.\n\n"
        "ورحبت حكومة طرابلس بالرسالة، فيما لم يعلق خليفة حفتر.",
        lang="ar",
    )
    english = _notice(letter, lang="en")
    assert "António Guterres" in english
    assert "Khalifa Haftar" in english
    # With another article, a name only one of them gives in passing is not who
    # the story is about.
    other = article(
        "truce-ar",
        "رحبت دول عدة بالهدنة في ليبيا وطالبت بخروج المقاتلين الأجانب.\n\n"
        "وقالت الأمم المتحدة إن المراقبين سيصلون قريبا.",
        lang="ar",
    )
    assert "Khalifa Haftar" not in _notice(letter, other, lang="en")


def test_a_forecast_year_is_not_the_storys_date_nor_joined_to_its_day() -> None:
    # Heard on Sunday 22 November; 2027 is when inflation should ease.
    hearing = article(
        "hearing",
        "The governor of the central bank told the finance committee on Sunday, "
        "22 November, that inflation would ease only by the end of 2027.\n\n"
        "He forecast prices rising 5.9 percent on average in 2027.",
        published="2026-11-22T09:00:00+00:00",
    )
    notice = _notice(hearing, lang="ar")
    assert "الزمان: 22 نوفمبر." in notice
    assert "2027" not in notice
    # Several dates are told apart, never read as one.
    talks = article(
        "talks",
        "Negotiators met on 3 March and again on 9 March 2026 in Geneva.",
        published="2026-03-10T09:00:00+00:00",
    )
    when = _notice(talks, lang="ar").split("الزمان: ")[1].split(".")[0]
    assert "؛ " in when and "، " not in when


def test_a_publication_date_read_from_the_text_is_shown_as_inferred() -> None:
    """An inferred date is the latest date the text gives (moved to the
    weekday its lead names): the earliest the report can be, so it is shown
    as that day "or later", not as the day it was published."""
    guessed = dataclasses.replace(QUAKE_AR, date_source="inferred")
    notice = _notice(guessed, lang="en")
    assert "or later (inferred from the text)" in notice
    assert "(inferred from the text)" not in _notice(QUAKE_AR, lang="en")
    assert "أو بعده (مستنتج من النص)" in LABELS["ar"].date(dt.date(2025, 3, 6), inferred=True)


def test_names_the_glossary_lacks_are_given_in_latin_script_in_the_arabic_note() -> None:
    reports = [
        article(
            f"harbour-{n}",
            f"{lead} Harbour master Ines Varga of Port Elwen said on Monday that the "
            "Old Harbour Bridge would stay closed for six weeks.",
            title=title,
        )
        for n, (lead, title) in enumerate(
            (
                ("", "Old Harbour Bridge To Stay Closed, Harbour Master Says"),
                ("In a statement,", "Bridge Closure Will Last Six Weeks"),
            ),
            1,
        )
    ]
    notice = _notice(*reports, lang="ar")
    who = notice.split("الأطراف: ")[1].split(".")[0]
    where = notice.split("المكان: ")[1].split(".")[0]
    # A bridge is where the story is, not one of its parties.
    assert "Ines Varga" in who and "Old Harbour Bridge" in where
    assert "Old Harbour Bridge" not in who
    # Title-case headline words are not names; nor is a title before a name.
    assert "Stay Closed" not in notice and "Harbour Master Ines" not in notice


def test_an_opening_on_background_says_nothing_about_the_story() -> None:
    # Resolution 1970 and Benghazi belong to the 2011 background; the story
    # is today's vote.
    renewal = article(
        "renewal",
        "مع اندلاع الأزمة في العام 2011 أصدر مجلس الأمن القرار رقم 1970 بشأن الوضع في بنغازي.\n\n"
        "وصوت مجلس الأمن اليوم بالإجماع على تمديد ولاية البعثة الأممية في ليبيا لمدة عام.",
        lang="ar",
        published=None,
    )
    notice = _notice(renewal, lang="en")
    assert "1970" not in notice and "Benghazi" not in notice
    assert "Libya" in notice


def test_a_dateline_paragraph_is_when_it_was_written_not_when_it_happened() -> None:
    suit = article(
        "suit",
        "Thursday, November 19, 2026\n\n"
        "On Monday, four coastal towns sued the harbour board of Port Elwen over the closure of "
        "the Old Harbour Bridge.",
        published=None,
    )
    assert "الزمان" not in _notice(suit, lang="ar")


def test_fans_enthusiasm_is_not_hamas_in_the_english_note() -> None:
    # حماس is Hamas and the word for enthusiasm; in "حماس المشجعين" (the
    # fans' enthusiasm) and "حماس كبير" (great enthusiasm) it is the word.
    match = article(
        "cup-final-ar",
        "فاز المنتخب المغربي على نظيره السنغالي بهدفين مقابل هدف في نهائي البطولة "
        "الأحد وسط حماس المشجعين في المدرجات.\n\n"
        "واستقبل الجمهور اللاعبين بحماس كبير عند عودتهم إلى الرباط، وعمّ حماس كبير "
        "شوارع المدن المغربية حتى الفجر.",
        lang="ar",
        title="المغرب يتوج بالبطولة بعد فوزه على السنغال",
    )
    english = _notice(match, lang="en")
    assert "Hamas" not in english
    assert "Morocco" in english
    truce = article(
        "truce-ar",
        "قالت حماس الإثنين إن وفدها سيصل إلى القاهرة لبحث التهدئة، فيما رحبت حركة حماس "
        "الحاكمة في غزة بالوساطة المصرية.\n\n"
        "وأضاف المتحدث أن الوفد سيحمل ردا مكتوبا.",
        lang="ar",
        title="وفد من حماس إلى القاهرة لبحث التهدئة",
    )
    assert "Hamas" in _notice(truce, lang="en")


def test_a_year_the_story_is_measured_from_is_not_when_it_happened() -> None:
    # "its second title, after 1998's" and "the worst fighting since 2014":
    # those years are points of comparison, not the story's date.
    final = article(
        "final-ar",
        "أحرز المنتخب المغربي لقب البطولة للمرة الثانية في تاريخه بعد عام 1998 إثر فوزه "
        "على السنغال في النهائي.\n\n"
        "وتشهد البلاد أكبر احتفالات رياضية منذ العام 2004 بحسب وسائل إعلام محلية.",
        lang="ar",
        published=None,
    )
    english = _notice(final, lang="en")
    assert "1998" not in english.split("Undated")[0]
    assert "When:" not in english


def test_a_person_the_headline_names_comes_before_the_glossarys_names() -> None:
    """The Arabic note (and so the contents) of an English story about a
    person the glossary lacks names that person first, not the body the
    glossary knows: "Mara Lind، الحزب الجمهوري", not the party alone."""
    reports = [
        article(
            f"lind-{n}",
            f"{opening} party chair Mara Lind of the Republican Party said on Monday that she "
            "would not seek a second term.",
            title=title,
        )
        for n, (opening, title) in enumerate(
            (
                ("In a letter to members,", "Lind Will Not Seek Second Term as Party Chair"),
                ("Speaking in Denver,", "Republican Chair Lind Steps Aside"),
            ),
            1,
        )
    ]
    who = _notice(*reports, lang="ar").split("الأطراف: ")[1].split(".")[0]
    assert who.startswith("Mara Lind")
    assert "الحزب الجمهوري" in who


def test_a_sum_keeps_the_country_its_currency_is_named_for() -> None:
    """ "ريال عماني" is the Omani rial, which an English reader would not
    take for the Saudi one if told; "Libyan dinars" is no Jordanian dinar."""
    port = article(
        "port-ar",
        "افتتحت الحكومة ميناء بورت إلوين الجديد بتكلفة 62 مليون ريال عماني، ورصدت 7 ملايين "
        "دينار ليبي لتوسعته.\n\nوقال الوزير إن الأشغال تبدأ قريبا.",
        lang="ar",
    )
    english = _notice(port, lang="en")
    assert "62 million Omani riyals" in english
    assert "7 million Libyan dinars" in english
    relief = article(
        "relief-en",
        "The council approved 5 million Libyan dinars and 20 Jordanian dinars a head on "
        "Monday.\n\nWork starts soon.",
    )
    arabic = _notice(relief, lang="ar")
    assert "5 ملايين دينار ليبي" in arabic
    assert "20 دينارا أردنيا" in arabic


def test_a_local_currency_is_not_shown_as_sterling_or_dropped() -> None:
    """Arabic news reports amounts in local currencies: "جنيه" alone is the
    Egyptian (or Sudanese) pound, never "£", which an English reader takes
    for sterling; dirhams, dinars and riyals are figures too."""
    budget = article(
        "budget-ar",
        "خصصت الحكومة المصرية 480 مليون جنيه لتطوير ميناء العين السخنة، فيما رصدت بلدية "
        "الرباط 14 مليون درهم لترميم المدينة القديمة.\n\nوقال الوزير إن الأشغال تبدأ قريبا.",
        lang="ar",
    )
    english = _notice(budget, lang="en")
    assert "£" not in english
    assert "480 million pounds" in english
    assert "14 million dirhams" in english
    sterling = article(
        "fund-ar",
        "تبرعت الجمعية البريطانية بمبلغ 5 ملايين جنيه استرليني لإعادة بناء المدرسة.\n\n"
        "وبدأت الأعمال الأسبوع الماضي.",
        lang="ar",
    )
    assert "£5 million" in _notice(sterling, lang="en")
    riyals = article(
        "riyal-en",
        "The fund pledged 250 million riyals to the housing programme on Monday.\n\n"
        "Work starts soon.",
    )
    assert "250 مليون ريال" in _notice(riyals, lang="ar")
    egyptian = article(
        "cairo-en",
        "Cairo set aside 300 million Egyptian pounds for the metro line on Monday.\n\n"
        "It opens soon.",
    )
    arabic = _notice(egyptian, lang="ar")
    assert "300 مليون جنيه" in arabic
    assert "إسترليني" not in arabic


FLOOD_EN = [
    article(
        f"flood-{n}",
        f"{opening} floodwater swept through Derna after two dams above the city gave way, "
        "and rescue teams drove in from Benghazi and Misrata.\n\n"
        "Aid convoys also left Basra and Mosul on Monday.",
        title=title,
    )
    for n, (opening, title) in enumerate(
        (
            ("On Sunday", "Dams give way above Derna"),
            ("Overnight,", "Rescuers reach flooded Derna"),
        ),
        1,
    )
]
FLOOD_AR = article(
    "flood-ar",
    "اجتاحت السيول مدينة درنة الأحد بعد انهيار سدين فوقها، ووصلت فرق الإنقاذ من بنغازي "
    "ومصراتة.\n\n"
    "وانطلقت قوافل إغاثة من البصرة والموصل الإثنين.",
    lang="ar",
    title="السيول تجتاح درنة بعد انهيار سدين",
)


def test_a_city_the_hand_kept_glossary_lacks_is_named_in_the_other_language() -> None:
    # Derna is the story's place (both headlines); the generated cities of
    # the glossary give its name in the other language.
    where = _notice(*FLOOD_EN, lang="ar").split("المكان: ")[1].split(".")[0]
    assert where.split("، ")[0] == "درنة"
    assert "مصراتة" in where
    english = _notice(FLOOD_AR, lang="en").split("Where: ")[1].split(".")[0]
    assert english.split(", ")[0] == "Darnah"
    assert "Misratah" in english


def test_a_sea_the_glossary_knows_is_named_in_arabic_not_latin_script() -> None:
    reports = [
        article(
            f"strait-{n}",
            f"{opening} a tanker was struck by a drone in the Red Sea near the Bab el-Mandeb, "
            "the ship's operator said.\n\n"
            "Insurers raised the cost of cover for the route.",
            title=title,
        )
        for n, (opening, title) in enumerate(
            (
                ("On Monday", "Tanker struck in the Red Sea"),
                ("Early on Monday,", "Drone hits tanker in Red Sea"),
            ),
            1,
        )
    ]
    where = _notice(*reports, lang="ar").split("المكان: ")[1].split(".")[0]
    assert where.split("، ")[0] == "البحر الأحمر"
    assert "Red Sea" not in where
    arabic = article(
        "strait-ar",
        "أصيبت ناقلة نفط بطائرة مسيرة في البحر الأحمر قرب مضيق باب المندب الإثنين.\n\n"
        "ورفعت شركات التأمين كلفة تغطية الرحلات.",
        lang="ar",
        title="مسيرة تصيب ناقلة في البحر الأحمر",
    )
    assert "Where: Red Sea" in _notice(arabic, lang="en")


def test_an_arabic_name_of_two_places_is_read_from_its_neighbours_or_left_out() -> None:
    def where(title: str, text: str) -> str:
        report = article("talks-ar", text + "\n\nوقال البيان إن المحادثات ستستمر.", lang="ar")
        report = dataclasses.replace(report, title=title)
        notice = _notice(report, lang="en")
        return notice.split("Where: ")[1].split(".")[0] if "Where: " in notice else ""

    assert "Amman" in where("محادثات في عمان", "وصل الوفد إلى العاصمة الأردنية عمان الأحد.")
    assert "Oman" not in where("محادثات في عمان", "وصل الوفد إلى العاصمة الأردنية عمان الأحد.")
    oman = where("وفد يزور عمان", "زار الوزير سلطنة عمان والتقى المسؤولين في مسقط.")
    assert "Oman" in oman and "Amman" not in oman
    assert where("وفد يزور عمان", "اجتمع الوزراء في عمان الأحد.") == ""


def _where(notice: str, lang: str) -> list[str]:
    """The places the notice's where field lists."""
    label = LABELS[lang].where.split("{")[0]  # type: ignore[index]
    if label not in notice:
        return []
    return notice.split(label)[1].split(".")[0].split(LABELS[lang].separator)  # type: ignore[index]


def test_a_country_named_only_by_its_currency_is_no_place_of_the_story() -> None:
    """Kuwait's grant to Tunisia counted in Libyan dinars happens in
    Tunisia, not Libya; the sum still says whose dinars. A country the lead
    names otherwise stays a place."""
    grant = article(
        "grant-ar",
        "أعلنت الكويت يوم الأحد تقديم منحة بقيمة 5 ملايين دينار ليبي لدعم المستشفيات "
        "العامة في تونس.\n\nوقال مسؤول إن المعدات تصل الشهر المقبل.",
        lang="ar",
        title="منحة كويتية لمستشفيات تونس",
    )
    english = _notice(grant, lang="en")
    assert "Libya" not in _where(english, "en")
    assert {"Tunisia", "Kuwait"} <= set(_where(english, "en"))
    assert "5 million Libyan dinars" in english
    pledge = article(
        "pledge-en",
        "Qatar on Sunday pledged 62 million Omani riyals to repair Jordan's water pipes.\n\n"
        "Work starts next year.",
        title="Qatar pledges aid for Jordan's water network",
    )
    arabic = _notice(pledge, lang="ar")
    assert not [p for p in _where(arabic, "ar") if "عمان" in p]
    assert "62 مليون ريال عماني" in arabic
    named = article(
        "named-ar",
        "قدمت الكويت يوم الأحد 5 ملايين دينار ليبي لإعادة إعمار مدارس في ليبيا.\n\n"
        "وقال مسؤول إن الأعمال تبدأ الشهر المقبل.",
        lang="ar",
        title="منحة كويتية لمدارس ليبيا",
    )
    assert "Libya" in _where(_notice(named, lang="en"), "en")


def test_a_city_is_listed_before_its_country() -> None:
    """An editor writes "Casablanca, Morocco", not "Morocco, Casablanca",
    however often the country is named; a capital the same."""
    tremor = article(
        "tremor-ar",
        "ضربت هزة أرضية بقوة 5 درجات مدينة الدار البيضاء في المغرب صباح الأحد.\n\n"
        "وقال معهد الرصد في المغرب إن مركزها كان في البحر قبالة الدار البيضاء.",
        lang="ar",
        title="هزة أرضية تضرب المغرب",
    )
    assert _where(_notice(tremor, lang="en"), "en") == ["Casablanca", "Morocco"]
    talks = article(
        "talks-en",
        "Libya's rival governments met in Tripoli and Benghazi on Monday to agree a budget "
        "for Libya.\n\nThe talks resume next week in Libya's capital.",
        title="Libya's rivals meet in Tripoli",
    )
    assert _where(_notice(talks, lang="ar"), "ar") == ["طرابلس", "ليبيا", "بنغازي"]
