"""Extractive summaries an editor would keep: they open with a lead, never
with a sentence that points back at nobody, quote more than one outlet, and
carry the headline that represents the whole topic (articles written for
these tests)."""

from __future__ import annotations

from briefing.grouping.topics import make_groups
from briefing.models import Article
from briefing.summary.select import Selection, candidates, select_topics

from .conftest import article

# Three outlets report one bridge closure; the first outlet's later sentences
# and its angle ("commuters fume") are what an editor would not lead with.
BRIDGE_A = article(
    "bridge-a",
    "Commuters fumed on Monday as engineers shut the Old Harbour Bridge in Port Elwen "
    "after finding cracks in two of its steel supports.\n\n"
    "He said the queues at the ferry terminal stretched for two kilometres by eight o'clock.\n\n"
    "The charges for the temporary ferry will be waived for a month, the council added.",
    title="Commuters fume as Port Elwen shuts its bridge",
    source="Harbour Daily",
)
BRIDGE_B = article(
    "bridge-b",
    "Engineers closed the Old Harbour Bridge in Port Elwen on Monday after inspectors found "
    "cracks in two steel supports, the city council said.\n\n"
    "The bridge carries about 40,000 vehicles a day and will stay closed for at least six weeks.",
    title="Port Elwen closes Old Harbour Bridge after cracks found in supports",
    source="Coast Radio",
)
BRIDGE_C = article(
    "bridge-c",
    "The city council of Port Elwen closed the Old Harbour Bridge on Monday when cracks were "
    "found in two of the steel supports during a routine inspection.\n\n"
    "Repairs are expected to take six weeks and cost about 3 million euros.",
    title="Old Harbour Bridge closed after inspection finds cracks",
    source="Elwen Post",
)
WORDS_BACK = ("He ", "The charges", "وأضاف", "كما")


def _select(*articles: Article, sentences: int = 3) -> Selection:
    by_id = {a.id: a for a in articles}
    groups = make_groups([[a.id for a in articles]], by_id, budget=6000)
    (tid,) = groups
    return select_topics(groups, by_id, sentences)[tid]


def test_a_sentence_that_refers_back_is_never_quoted_without_its_referent() -> None:
    assert [c.refers_back for c in candidates(BRIDGE_A)] == [False, True, True]
    summary = _select(BRIDGE_A, BRIDGE_B, BRIDGE_C, sentences=4).summaries["en"]
    texts = [s.text for s in summary.sentences]
    assert not texts[0].startswith(WORDS_BACK)
    for n, text in enumerate(texts):
        if text.startswith(WORDS_BACK):
            # Only after the sentence before it in the same article.
            assert BRIDGE_A.paragraphs[0] in texts[:n]


def test_arabic_openers_that_refer_back() -> None:
    piece = article(
        "tunnel-ar",
        "افتتحت وزارة النقل نفقا جديدا تحت النهر في مدينة الواحة صباح الأحد "
        "بعد أربع سنوات من العمل.\n\n"
        "وأضاف الوزير أن النفق سيخفف الزحام على الجسر القديم بنسبة كبيرة.\n\n"
        "كما أعلن عن خطة لإنشاء خط حافلات سريع يمر عبر النفق الجديد.\n\n"
        "وأكدت أن أعمال الصيانة ستجري ليلا حتى لا تتعطل حركة السير في النفق.\n\n"
        "وشدد على أن رسوم العبور ستبقى على حالها حتى نهاية العام المقبل.",
        lang="ar",
    )
    assert [c.refers_back for c in candidates(piece)] == [False, True, True, True, True]
    ending = article(
        "tunnel-ar-2",
        "افتتحت وزارة النقل نفقا جديدا تحت النهر في مدينة الواحة صباح الأحد.\n\n"
        "وختم قائلا إن النفق سيفتح أمام الدراجات الهوائية في الربيع المقبل.",
        lang="ar",
    )
    assert [c.refers_back for c in candidates(ending)] == [False, True]
    summary = _select(piece, sentences=1).summaries["ar"]
    assert summary.sentences[0].text.startswith("افتتحت وزارة النقل")


def test_the_summary_quotes_more_than_one_outlet_and_opens_with_a_lead() -> None:
    summary = _select(BRIDGE_A, BRIDGE_B, BRIDGE_C, sentences=3).summaries["en"]
    cited = [s.citations[0] for s in summary.sentences]
    assert len({c.article for c in cited}) >= 2
    assert cited[0].paragraph == 1


def test_the_title_is_the_most_central_headline_not_the_earliest() -> None:
    # bridge-a comes first by id; its headline is one outlet's angle.
    title = _select(BRIDGE_A, BRIDGE_B, BRIDGE_C).titles["en"]
    assert title != BRIDGE_A.title


def test_the_other_language_names_the_topics_own_places_first() -> None:
    from briefing.summary.glossary import load_glossary
    from briefing.summary.select import central_entries

    glossary = load_glossary()
    quake = [
        article(
            f"quake-{n}",
            "A strong earthquake struck the island of Sulawesi in Indonesia on Friday, "
            "officials said.\n\n"
            + ("Rescue teams from Japan joined the search." if n == 1 else "Aftershocks followed."),
            source="Wire",
        )
        for n in (1, 2, 3)
    ]
    names = [e.en for e in central_entries(quake, glossary)]
    assert names[0] == "Indonesia"
    assert names.index("Japan") > names.index("Indonesia")


def test_the_glossary_knows_the_worlds_countries_in_both_languages() -> None:
    from briefing.summary.glossary import load_glossary

    glossary = load_glossary()
    by_en = {e.en: e for e in glossary.entries}
    assert by_en["Indonesia"].ar == "إندونيسيا"
    assert by_en["Peru"].ar == "بيرو"
    assert len([e for e in glossary.entries if e.kind == "country"]) > 190
    assert [e.en for e in glossary.mentioned("زار الوفد بيرو وتشيلي", "ar")] == ["Chile", "Peru"]


def test_a_section_without_sources_says_figures_and_dates_that_need_no_translation() -> None:
    from briefing.summary.glossary import load_glossary
    from briefing.summary.select import name_entities

    piece = article(
        "bridge-ar",
        "أغلقت بلدية بورت إلوين جسر الميناء القديم يوم 3 مارس بعد العثور على تشققات، "
        "ويعبره 40,000 مركبة يوميا.\n\nوقال المهندسون إن الإصلاح يستغرق ستة أسابيع.",
        lang="ar",
        published="2026-03-03T08:00:00+00:00",
    )
    by_id = {piece.id: piece}
    groups = make_groups([[piece.id]], by_id, budget=6000)
    selections = select_topics(groups, by_id, 2)
    (named,) = name_entities(selections, groups, by_id, load_glossary()).values()
    notice = named.summaries["en"].notice or ""
    assert "Figures: 40,000 vehicles." in notice
    assert "When: 3 March." in notice
    assert "Published: 3 March 2026." in notice


# An article that opens on background (a year, nothing placing it in the
# days reported) and tells its news two paragraphs later, "today".
BACKGROUND = article(
    "canal-bg",
    "When the Saltmere canal was dug in 1987, the valley's farmers were promised water "
    "for every season of the year.\n\n"
    "For three decades the promise mostly held, although dry summers tested it more than once "
    "and the pumps were replaced twice.\n\n"
    "Despite all this, the regional assembly voted today to close the Saltmere canal to "
    "irrigation for the whole summer because the reservoir is at a record low.",
    title="",
)


def test_an_article_that_opens_on_background_is_quoted_from_its_news() -> None:
    found = candidates(BACKGROUND)
    assert found[0].paragraph == 3 and found[0].position == 0
    summary = _select(BACKGROUND, sentences=2).summaries["en"]
    assert summary.sentences[0].text.startswith("Despite all this, the regional assembly voted")
    assert not any("1987" in s.text for s in summary.sentences)


def test_an_article_that_opens_with_its_news_is_quoted_from_its_first_sentence() -> None:
    dated_news = article(
        "canal-news",
        "In a vote on Tuesday, the regional assembly closed the Saltmere canal, dug in 1987, "
        "to irrigation for the summer.\n\n"
        "Farmers said today that they would ask for compensation.",
    )
    assert candidates(dated_news)[0].paragraph == 1
    # A year that names something, or the article's own year, is not background.
    named = article(
        "cup",
        "Argentina's 2022 World Cup squad returned to Buenos Aires after the final.\n\n"
        "Fans gathered on Sunday to greet the players at the airport.",
    )
    assert candidates(named)[0].paragraph == 1
    this_year = article(
        "canal-2026",
        "In 2026 the regional assembly closed the Saltmere canal to irrigation.\n\n"
        "Farmers said today that they would ask for compensation.",
        published="2026-06-02",
    )
    assert candidates(this_year)[0].paragraph == 1


def test_a_reply_is_not_quoted_before_what_it_replies_to() -> None:
    plant = article(
        "plant-reply",
        "افتتحت شركة مياه الساحل محطة جديدة لتحلية المياه في مدينة رأس النخيل يوم السبت.\n\n"
        "وحذّر صيادون من أن المياه المالحة المصرّفة قد تضر بمصائد الأسماك القريبة من الشاطئ.\n\n"
        "وردّت الشركة بأن هذه المياه تُصرف بعيداً عن الشاطئ وأن مختبراً مستقلاً سيفحصها.",
        "ar",
    )
    assert [c.refers_back for c in candidates(plant)] == [False, False, True]


def test_a_sentence_whose_speaker_is_he_follows_the_one_that_names_him() -> None:
    mayor = article(
        "flood-mayor",
        "Mayor Ines Varga of Port Elwen declared a state of emergency on Monday after the river "
        'burst its banks and flooded the old town. Saying she was "shocked and saddened", she '
        "accused the regional water board of ignoring warnings about the levee for years.",
        source="Coast Radio",
    )
    board = article(
        "flood-board",
        "The regional water board said on Monday that the river had risen faster than any model "
        "predicted, flooding the old town of Port Elwen and forcing 2,000 people from their homes.",
        source="Elwen Post",
    )
    assert [c.refers_back for c in candidates(mayor)] == [False, True]
    texts = [s.text for s in _select(mayor, board, sentences=3).summaries["en"].sentences]
    said = next(n for n, t in enumerate(texts) if t.startswith("Saying she"))
    assert texts[said - 1].startswith("Mayor Ines Varga")


def test_pronoun_speakers_and_items_of_a_list_refer_back() -> None:
    quotes = article(
        "quotes",
        "The charity suspended its work in the region on Tuesday after its convoy was hit.\n\n"
        '"It has been so difficult to deliver food here," he said, asking for guarantees.\n\n'
        "One is notification, so that every army unit knows where the convoys are moving.\n\n"
        "The charity's director said it would decide next week whether to return to the region.",
    )
    assert [c.refers_back for c in candidates(quotes)] == [False, True, True, False]


def test_a_headline_that_says_what_happened_beats_one_that_speculates() -> None:
    # The speculating outlet tells the story most centrally; the other
    # headline still says what happened.
    speculative = article(
        "bridge-spec",
        BRIDGE_B.paragraphs[0],
        title="Could Port Elwen's bridge be closed for good?",
        source="Harbour Daily",
    )
    untitled = article("bridge-untitled", BRIDGE_C.paragraphs[0], title="", source="Elwen Post")
    plain = article(
        "bridge-plain",
        "Ferry operators added crossings on Monday after the Old Harbour Bridge was closed.",
        title="Engineers close Old Harbour Bridge",
        source="Coast Radio",
    )
    title = _select(speculative, untitled, plain).titles["en"]
    assert title == "Engineers close Old Harbour Bridge"


def test_a_quoted_lead_leaves_its_dateline_out() -> None:
    datelined = article(
        "bridge-dateline",
        "PORT ELWEN, Coastshire — " + BRIDGE_B.paragraphs[0],
    )
    assert candidates(datelined)[0].text == BRIDGE_B.paragraphs[0]


def test_headings_and_links_to_other_stories_are_not_quoted() -> None:
    clashes = article(
        "clashes",
        "قتل عشرات الأشخاص هذا الأسبوع في اشتباكات بين الميليشيات في جنوب طرابلس.\n\n"
        "واندلعت الاشتباكات يوم الإثنين في الضواحي الجنوبية للمدينة.\n\n"
        "ما هي فرص نجاح ماكرون في الوساطة بين الأطراف الليبية؟\n\n"
        "حكم بإعدام 45 شخصا في ليبيا بتهمة قتل متظاهرين\n\n"
        "وحث سفراء عدة دول الجماعات المسلحة على الدخول في حوار سلمي.",
        "ar",
    )
    quoted = {c.paragraph for c in candidates(clashes)}
    assert quoted == {1, 2, 5}


def test_a_sentence_that_someone_said_nothing_is_not_quoted() -> None:
    silent = article(
        "bridge-silent",
        BRIDGE_B.paragraphs[0] + " The bridge's owner did not respond to requests for comment. "
        "Repairs will take six weeks, the council said.",
    )
    assert [c.text for c in candidates(silent)][1:] == [
        "Repairs will take six weeks, the council said."
    ]
    arabic = article(
        "silent-ar",
        "أغلق المهندسون الجسر القديم يوم الإثنين بعد اكتشاف تشققات في دعاماته الحديدية. "
        "ولم يرد المتحدث باسم الشركة على طلب للتعليق.",
        "ar",
    )
    assert len(candidates(arabic)) == 1
    curly = article(
        "bridge-curly",
        BRIDGE_B.paragraphs[0] + " The bridge’s owner hasn’t responded to e-mails. "
        "Repairs will take six weeks, the council said.",
    )
    assert [c.text for c in candidates(curly)][1:] == [
        "Repairs will take six weeks, the council said."
    ]


def test_a_quotation_with_its_speaker_in_the_sentence_before_refers_back() -> None:
    strike = article(
        "strike-quote",
        "Dock workers at Port Elwen walked out on Monday over night-shift pay, the union said.\n\n"
        '"Our members have waited two years for a raise," union chairman Ivo Marek said. '
        '"The strike goes on until there is an offer on paper."',
    )
    assert [c.refers_back for c in candidates(strike)] == [False, False, True]


def test_a_surname_alone_waits_for_the_sentence_that_says_who_it_is() -> None:
    senators = article(
        "senators",
        "Two senators criticised the harbour board of Port Elwen on Sunday over the closure of "
        "the Old Harbour Bridge.\n\n"
        "Senator Ana Lindqvist said the board had ignored warnings about the supports.\n\n"
        "Lindqvist, who chairs the transport committee, said she would call the board to testify.",
    )
    found = candidates(senators)
    assert [c.surname for c in found] == ["", "", "Lindqvist"]
    texts = [s.text for s in _select(senators, sentences=3).summaries["en"].sentences]
    assert texts.index(found[2].text) > texts.index(found[1].text)
    # Without the sentence that introduces her, she is not quoted.
    alone = [s.text for s in _select(senators, sentences=2).summaries["en"].sentences]
    assert found[2].text not in alone or found[1].text in alone


def test_a_quotation_running_over_paragraphs_is_not_quoted_in_pieces() -> None:
    letter = article(
        "letter",
        "The mayor of Port Elwen resigned on Thursday after an audit found missing funds.\n\n"
        "In a letter read out at the council, the mayor wrote:\n\n"
        '"I have served this city for eleven years and will not drag it through the courts. '
        "I leave office so that the investigation can proceed without pressure.\n\n"
        '"I ask the council to cooperate fully with the auditors."\n\n'
        "The deputy mayor will serve as acting mayor until an election in the spring.",
    )
    # Neither the line that announces the letter nor any piece of it.
    assert [c.text for c in candidates(letter)] == [
        "The mayor of Port Elwen resigned on Thursday after an audit found missing funds.",
        "The deputy mayor will serve as acting mayor until an election in the spring.",
    ]


def test_a_fact_several_outlets_lead_with_is_quoted_once() -> None:
    """Three outlets open on the same 48 buses: the summary says it once and
    gives its other sentences to what else the topic reports."""
    # Worded as outlets word one fact: cosines 0.58-0.69 between them.
    leads = [
        "The Harbourview city council approved the purchase of 48 electric buses on Tuesday "
        "at a cost of 61 million dollars.",
        "Harbourview's fleet will gain 48 electric buses after a vote on Tuesday that critics "
        "said came too late for commuters.",
        "Commuters in Harbourview can expect quieter rides: 48 electric buses were ordered on "
        "Tuesday, replacing a diesel fleet the mayor called an embarrassment.",
    ]
    others = [
        "The first of the new buses will run on the coastal line in March 2027, the transport "
        "director told reporters after the vote.",
        "The new vehicles will replace diesel buses that have been in service for more than "
        "fifteen years, according to the city's figures.",
        "The bus drivers' union welcomed the decision but asked for training on the new "
        "vehicles before the switch takes place.",
    ]
    outlets = ["Harbour Daily", "Coast Radio", "City Wire"]
    buses = [
        article(f"buses-{n}", f"{lead}\n\n{other}", source=outlet)
        for n, (lead, other, outlet) in enumerate(zip(leads, others, outlets, strict=True))
    ]
    texts = [s.text for s in _select(*buses, sentences=3).summaries["en"].sentences]
    assert sum("48" in t for t in texts) == 1
    assert len(texts) == 3


def test_a_day_of_the_month_or_a_year_is_no_shared_fact() -> None:
    """Two outlets that date their different news "22 November 2026" do not
    tell one fact twice: both are quoted."""
    strike = article(
        "dates-strike",
        "Dockers at the port of Sable Bay walked out on 22 November 2026 over a pay offer "
        "they called an insult to their families.",
        source="Harbour Daily",
    )
    cranes = article(
        "dates-cranes",
        "The operator of the port of Sable Bay signed a contract for twelve new cranes on "
        "22 November 2026 with a Korean maker.",
        source="Coast Radio",
    )
    texts = [s.text for s in _select(strike, cranes, sentences=2).summaries["en"].sentences]
    assert len(texts) == 2


def test_a_contrast_and_a_letter_to_you_refer_back() -> None:
    letter = article(
        "letter",
        "A senior senator wrote to the party chairman on Friday asking him to resign.\n\n"
        "At a time when the party needs unity, your comment was more than a mistake.\n\n"
        'Senator Mara Lind told reporters: "You cannot lead us," and left the hall.',
    )
    # "You" inside quotation marks is the quoted speaker's.
    assert [c.refers_back for c in candidates(letter)] == [False, True, False]
    contrast = article(
        "contrast",
        "طالبت عضوة بارزة في مجلس الشيوخ رئيس الحزب بالاستقالة يوم الجمعة في رسالة مفتوحة.\n\n"
        "لكنها أوضحت أن الحزب لن يطلب استقالته رسميا قبل الاجتماع المقبل.",
        "ar",
    )
    assert [c.refers_back for c in candidates(contrast)] == [False, True]
    after = article(
        "after",
        "قررت الحكومة طرد أربعة دبلوماسيين من سفارة الجارة الشمالية يوم الأربعاء.\n\n"
        "ويأتي ذلك بعد انقضاء مهلة حددتها الحكومة لتقديم تفسير رسمي للحادث.",
        "ar",
    )
    assert [c.refers_back for c in candidates(after)] == [False, True]


def test_an_arabic_surname_alone_waits_for_the_sentence_that_says_who_it_is() -> None:
    # "وقال هالفورسن" (Halvorsen said) reads as no one in particular until a
    # chosen sentence has said who Halvorsen is; "وقال وزير النقل" names a
    # post, not a surname, and "وقال مسؤول" anyone.
    ferry = article(
        "ferry-ar",
        "أوقفت السلطات في ميناء إلوين حركة العبارات الاثنين بعد عاصفة قوية ضربت الساحل.\n\n"
        "وفي بيان صدر مساء الأحد، حذرت وزيرة النقل إنغريد هالفورسن من رياح تتجاوز سرعتها "
        "مئة كيلومتر في الساعة.\n\n"
        "وقال هالفورسن إن العبارات لن تبحر قبل صباح الأربعاء.\n\n"
        "وقال وزير النقل إن الطرق الساحلية بقيت مفتوحة رغم الرياح.\n\n"
        "وقال مسؤول إن الركاب العالقين نقلوا إلى فندقين قرب الميناء.",
        lang="ar",
    )
    found = candidates(ferry)
    assert [c.surname for c in found] == ["", "", "هالفورسن", "", ""]
    assert found[1].introduces("هالفورسن")
    for count in (2, 3, 4):
        texts = [s.text for s in _select(ferry, sentences=count).summaries["ar"].sentences]
        if found[2].text in texts:
            assert found[1].text in texts
            assert texts.index(found[2].text) > texts.index(found[1].text)


def test_hashtags_in_an_articles_prose_are_quoted_as_words() -> None:
    # Some outlets mark names in running text for social media ("#موسكو");
    # the briefing quotes them as prose. "#1" and "C#" are no hashtags.
    tagged = article(
        "tagged-ar",
        "استدعت #وزارة_الخارجية في #أوسلو سفير بلاد الشمال الاثنين للمرة الثانية هذا الأسبوع "
        "بعد احتجاز سفينة صيد في المياه الدولية.\n\n"
        "وقال المتحدث إن الوزارة ستبقى على اتصال بالسفارة حتى الإفراج عن الطاقم.",
        lang="ar",
    )
    (lead, _) = [s.text for s in _select(tagged, sentences=2).summaries["ar"].sentences]
    assert lead.startswith("استدعت وزارة الخارجية في أوسلو سفير بلاد الشمال")
    assert "#" not in lead
    ranked = article(
        "ranked",
        "The harbour team of Port Elwen is ranked #1 in the league after Sunday's win, and "
        "its app, written in C#, sold 4,000 tickets in an hour.",
    )
    (only,) = [s.text for s in _select(ranked, sentences=1).summaries["en"].sentences]
    assert "#1" in only and "C#" in only


# Wire copy with a paragraph of background a desk set above the dateline:
# no year in it, so only the dateline tells where the story starts.
FILED_BELOW = article(
    "ferry-bg",
    "تعاني العبارات في خليج سالتمير منذ سنوات من أعطال متكررة، وكانت الهيئة قد وعدت "
    "العام الماضي بتجديد أسطولها القديم.\n\n"
    "سالتمير (وكالة الساحل) - غرقت عبارة ركاب صباح الأحد قرب ميناء سالتمير، ما أدى إلى "
    "مقتل 6 أشخاص وإصابة 19 آخرين، بحسب هيئة الموانئ.\n\n"
    "وقالت الهيئة إن فرق الإنقاذ انتشلت 52 راكبا من المياه ونقلت المصابين إلى المستشفى.",
    lang="ar",
    title="",
)


def test_background_set_above_a_dateline_is_not_quoted() -> None:
    """Wire copy opens its story at its dateline: the summary starts with
    the news below it, not with the desk's background above it."""
    found = candidates(FILED_BELOW)
    assert found[0].paragraph == 2
    summary = _select(FILED_BELOW, sentences=2).summaries["ar"]
    assert summary.sentences[0].text.startswith("غرقت عبارة ركاب صباح الأحد")
    assert not any("منذ سنوات" in s.text for s in summary.sentences)


def test_a_lead_that_only_describes_a_place_keeps_the_background_that_names_it() -> None:
    """Background left out before the news ("...in 2023") must not take the
    place's name with it: "the eastern Libyan city" alone does not say
    which; the sentence that names it comes first."""
    rebuild = article(
        "dams-en",
        "Derna, a coastal city in eastern Libya, was flooded in 2023 when two old dams gave "
        "way in a storm.\n\n"
        "Engineers in the eastern Libyan city began on Sunday to pour concrete for a new dam, "
        "the reconstruction fund said.\n\n"
        "The fund said the new dam would hold back twice as much water as the old ones.",
        published="2026-11-22T08:00:00+00:00",
    )
    texts = [s.text for s in _select(rebuild, sentences=2).summaries["en"].sentences]
    assert texts[0].startswith("Derna, a coastal city")
    assert texts[1].startswith("Engineers in the eastern Libyan city")
    # The background is quoted only with the news it names the place for.
    one = [s.text for s in _select(rebuild, sentences=1).summaries["en"].sentences]
    assert one == texts
    arabic = article(
        "dams-ar",
        "شهدت مدينة درنة في شرق ليبيا عام 2023 فيضانا بعد انهيار سدين قديمين إثر عاصفة.\n\n"
        "وبدأ المهندسون في المدينة يوم الأحد صب الخرسانة لسد جديد، وفق صندوق الإعمار.\n\n"
        "وقال الصندوق إن السد الجديد سيحجز ضعف كمية المياه التي كان يحجزها السدان القديمان.",
        lang="ar",
        published="2026-11-22T08:00:00+00:00",
    )
    found = candidates(arabic)
    assert [c.paragraph for c in found[:2]] == [1, 2] and found[1].refers_back
    # A lead that names its place still leaves the background out.
    named = article(
        "dams-named",
        "Derna, a coastal city in eastern Libya, was flooded in 2023 when two old dams gave "
        "way in a storm.\n\n"
        "Engineers in Derna began on Sunday to pour concrete for a new dam, the fund said.",
        published="2026-11-22T08:00:00+00:00",
    )
    assert candidates(named)[0].paragraph == 2
