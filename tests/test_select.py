"""The extractive (offline) summary: quoted, cited, central, non-redundant."""

from briefing.grouping.topics import make_groups
from briefing.models import Article
from briefing.summary.select import select_topics

from .conftest import article

FLOOD_EN = article(
    "flood-en",
    "Heavy rain flooded the lower town of Marsa Nour on Friday, forcing 1,200 residents "
    "to leave their homes before dawn.\n\n"
    "Civil defence crews used boats to reach families trapped on rooftops, the regional "
    "governor said at a news conference.\n\n"
    '"We have never seen the river rise this fast," said Leila Haddad, a shopkeeper whose '
    "store was under a metre of water.\n\n"
    "The weather office expects the rain to ease by Sunday, but warned of landslides in "
    "the hills above the town.",
    title="Floods force 1,200 from homes in Marsa Nour",
)
FLOOD_EN_2 = article(
    "flood-en-2",
    "About 1,200 people were evacuated from Marsa Nour on Friday after the river burst its "
    "banks following two days of rain.\n\n"
    "Boats operated by civil defence teams rescued families from the roofs of flooded "
    "houses in the lower town.\n\n"
    "Forecasters said the rain should ease by Sunday.",
    title="River bursts its banks in Marsa Nour",
)
FLOOD_AR = article(
    "flood-ar",
    "غمرت الأمطار الغزيرة المدينة السفلى في مرسى نور يوم الجمعة، ما أجبر 1200 من السكان "
    "على مغادرة منازلهم قبل الفجر.\n\n"
    "واستخدمت فرق الدفاع المدني القوارب للوصول إلى العائلات العالقة فوق أسطح المنازل.",
    lang="ar",
    title="فيضانات تجبر 1200 شخص على مغادرة منازلهم في مرسى نور",
)


def _select(*articles: Article, sentences: int = 3):  # type: ignore[no-untyped-def]
    by_id = {a.id: a for a in articles}
    groups = make_groups([[a.id for a in articles]], by_id, budget=6000)
    (tid,) = groups
    return by_id, select_topics(groups, by_id, sentences)[tid]


def test_every_sentence_is_quoted_from_the_paragraph_it_cites() -> None:
    by_id, selection = _select(FLOOD_EN, FLOOD_EN_2, FLOOD_AR)
    for lang in ("ar", "en"):
        summary = selection.summaries[lang]
        assert summary.method == "extractive"
        assert summary.sentences
        for sentence in summary.sentences:
            assert sentence.citations, sentence.text
            for citation in sentence.citations:
                source = by_id[citation.article]
                assert source.lang == lang
                paragraph = source.paragraph(citation.paragraph)
                assert paragraph is not None and sentence.text in paragraph


def test_sentences_are_not_repeated_across_articles_saying_the_same() -> None:
    _, selection = _select(FLOOD_EN, FLOOD_EN_2, sentences=4)
    texts = [s.text for s in selection.summaries["en"].sentences]
    assert len(texts) == len(set(texts))
    # The two leads say the same thing; only one of them may be chosen.
    leads = {FLOOD_EN.paragraphs[0].split(".")[0], FLOOD_EN_2.paragraphs[0].split(".")[0]}
    assert sum(any(t.startswith(lead) for lead in leads) for t in texts) <= 1


def test_a_one_language_topic_says_so_in_the_other_language() -> None:
    _, selection = _select(FLOOD_EN, FLOOD_EN_2)
    arabic = selection.summaries["ar"]
    assert arabic.method == "unavailable"
    assert not arabic.sentences
    assert arabic.notice and "بالإنجليزية" in arabic.notice
    assert "ar" not in selection.titles
    assert selection.titles["en"] in {FLOOD_EN.title, FLOOD_EN_2.title}


def test_selection_does_not_depend_on_input_order() -> None:
    _, forward = _select(FLOOD_EN, FLOOD_EN_2, FLOOD_AR)
    _, backward = _select(FLOOD_AR, FLOOD_EN_2, FLOOD_EN)
    assert forward == backward


def test_a_section_without_sources_names_the_topics_key_entities() -> None:
    from briefing.summary.glossary import load_glossary
    from briefing.summary.select import name_entities

    arabic_only = article(
        "aid-ar",
        "أعلنت الأمم المتحدة يوم الأحد إرسال قافلة مساعدات إلى ليبيا عبر الحدود مع مصر.\n\n"
        "وقال مسؤول في المنظمة إن القافلة تحمل أغذية وأدوية لنحو عشرين ألف شخص.",
        lang="ar",
        title="قافلة مساعدات أممية إلى ليبيا",
    )
    articles = {arabic_only.id: arabic_only}
    groups = make_groups([[arabic_only.id]], articles, 6000)
    selections = name_entities(
        select_topics(groups, articles, 3), groups, articles, load_glossary()
    )
    (selection,) = selections.values()
    english = selection.summaries["en"]
    assert english.method == "unavailable" and not english.sentences
    assert english.notice is not None
    assert english.notice.startswith("No English summary is available offline")
    assert "Who: United Nations." in english.notice
    assert "Where: Libya, Egypt." in english.notice
    # The Arabic section has sources, so it is quoted as before, with no notice.
    assert selection.summaries["ar"].method == "extractive"
    assert selection.summaries["ar"].notice is None


def test_a_paragraph_in_the_other_language_is_not_quoted_in_this_ones_section() -> None:
    mixed = article(
        "flood-ar-tweet",
        "غمرت مياه النهر المدينة السفلى في مرسى نور يوم الجمعة وأجبرت مئات السكان على "
        "مغادرة منازلهم قبل الفجر.\n\n"
        "The river rose faster than anyone in Marsa Nour has ever seen, a local shopkeeper "
        "wrote on social media that morning.\n\n"
        "وقال محافظ المنطقة إن فرق الدفاع المدني استخدمت القوارب لإنقاذ العائلات العالقة.",
        lang="ar",
    )
    _, selection = _select(mixed, sentences=3)
    quoted = [s.text for s in selection.summaries["ar"].sentences]
    assert len(quoted) == 2
    assert not any("river" in text for text in quoted)
