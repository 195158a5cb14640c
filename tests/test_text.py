"""Arabic normalisation, language detection, paragraphs and sentences."""

import pytest

from briefing.text import (
    ascii_digits,
    asides,
    detect_lang,
    news_paragraphs,
    normalize,
    split_paragraphs,
    split_sentences,
    without_connective,
    without_dateline,
    words,
)


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("مُحَمَّدٌ", "محمد"),  # diacritics
        ("الأمــــم المتحدة", "الامم المتحده"),  # tatweel, alef with hamza, taa marbuta
        ("إعلان", "اعلان"),  # alef with hamza below
        ("آمال", "امال"),  # alef with madda
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("مسؤول", "مسوول"),  # waw with hamza
        ("القاهرة", "القاهره"),  # taa marbuta
        ("عام ٢٠٢٦", "عام 2026"),  # Arabic-Indic digits
        ("عام ۲۰۲۶", "عام 2026"),  # Extended (Persian) digits
        ("The UN Council", "the un council"),
    ],
)
def test_spelling_variants_fold_to_one_form(variant: str, plain: str) -> None:
    assert normalize(variant) == normalize(plain) == plain


def test_words_match_across_spelling_variants() -> None:
    assert words("أعلنت الحكومةُ ٣٥ إجراءً") == words("اعلنت الحكومه 35 اجراء")


def test_arabic_number_punctuation_becomes_ascii() -> None:
    assert ascii_digits("٣٫٥٪ و١٬٢٠٠") == "3.5% و1,200"


def test_language_is_detected_from_the_script() -> None:
    assert detect_lang("أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة") == "ar"
    assert detect_lang("The health ministry opened a new hospital in the city today.") == "en"
    # An Arabic article quoting a Latin name is still Arabic.
    assert detect_lang("قال المتحدث باسم شركة Acme Shipping إن السفن ستعود للعمل غدا") == "ar"
    assert detect_lang("短い中国語の文章ですがこれは英語でもアラビア語でもありません。") is None
    assert detect_lang("ok") is None


def test_paragraphs_are_split_on_blank_lines_and_numbered_stably() -> None:
    text = "First  paragraph\nstill first.\n\n\nSecond paragraph.\r\n\r\nThird."
    assert split_paragraphs(text) == ("First paragraph still first.", "Second paragraph.", "Third.")
    assert split_paragraphs(text) == split_paragraphs(text + "\n\n")


def test_text_without_blank_lines_is_split_on_newlines() -> None:
    assert split_paragraphs("One.\nTwo.\nThree.") == ("One.", "Two.", "Three.")


def test_sentences_are_substrings_of_their_paragraph() -> None:
    paragraph = 'Mr. Haddad said the port "will reopen soon." It closed on Nov. 20! Will it? Yes.'
    sentences = split_sentences(paragraph)
    assert sentences[0] == 'Mr. Haddad said the port "will reopen soon."'
    assert all(s in paragraph for s in sentences)
    arabic = "قال الوزير إن الميناء سيفتح غدا. وأضاف: هل نحن مستعدون؟ نعم."
    assert split_sentences(arabic) == [
        "قال الوزير إن الميناء سيفتح غدا.",
        "وأضاف: هل نحن مستعدون؟",
        "نعم.",
    ]


def test_no_sentence_ends_before_a_lower_case_word() -> None:
    assert split_sentences("Dockers walked out at 6 a.m. on Friday. Ships waited.") == [
        "Dockers walked out at 6 a.m. on Friday.",
        "Ships waited.",
    ]


def test_a_sentence_to_quote_keeps_its_quotation_whole() -> None:
    paragraph = "وقال رئيس النقابة: «لم نطلب المستحيل. نريد أجراً عادلاً». ثم غادر القاعة."
    assert split_sentences(paragraph, whole_quotes=True) == [
        "وقال رئيس النقابة: «لم نطلب المستحيل. نريد أجراً عادلاً».",
        "ثم غادر القاعة.",
    ]
    assert split_sentences(
        '"We will win. We always do," he said. Then he left.', whole_quotes=True
    ) == [
        '"We will win. We always do," he said.',
        "Then he left.",
    ]
    # Checked claim by claim, the same text is cut at every sentence.
    assert len(split_sentences(paragraph)) == 3
    # A quotation never closed does not swallow the paragraph.
    assert len(split_sentences('He said "so. Then nothing. And more.', whole_quotes=True)) == 3


def test_a_dateline_is_taken_off_only_where_it_cannot_start_a_sentence() -> None:
    assert without_dateline("WASHINGTON — The senate voted.", strict=True) == "The senate voted."
    assert without_dateline("الرباط- تحاول الأطراف الضغط.", strict=True) == "تحاول الأطراف الضغط."
    assert without_dateline("JAKARTA (AFP) - A quake shook Lombok.", strict=True) == (
        "A quake shook Lombok."
    )
    for sentence in ("The minister - who arrived Sunday - spoke.", "Trump: I will build it."):
        assert without_dateline(sentence, strict=True) == sentence


def test_asides_are_short_questions_and_unpunctuated_lines() -> None:
    paragraphs = [
        "Fighting broke out on Monday in the south of the city.",
        "What are the envoy's chances in Libya?",
        "Court sentences 45 over protest killings",
        "Residents said families were trapped by the shelling.",
    ]
    assert asides(paragraphs) == {1, 2}
    # Where no paragraph ends in punctuation, none is a heading for lacking it.
    assert asides([p.rstrip(".") for p in paragraphs]) == {1}


def test_a_connective_before_a_news_lead_is_left_out_where_it_can_be() -> None:
    assert without_connective("رغم كل هذا، صوت المجلس على القرار.") == "صوت المجلس على القرار."
    # Quoted, an English sentence keeps it rather than open in lower case.
    english = "Despite all this, the assembly voted to close the canal."
    assert without_connective(english) == english
    assert without_connective(english, quoted=False) == "The assembly voted to close the canal."
    assert without_connective("However, Tuesday's vote stands.") == "Tuesday's vote stands."


def test_articles_are_compared_from_their_dateline_not_the_background_above_it() -> None:
    """Grouping reads an article from its news lead: background a desk set
    above the dateline is left out, a headline line above it is not."""
    background = (
        "Ferries across Saltmere Bay have broken down again and again for years, and the "
        "port board promised last spring to replace its oldest boats."
    )
    filed = "SALTMERE (Coast Wire) - A passenger ferry sank near Saltmere harbour on Sunday."
    assert news_paragraphs([background, filed, "Rescuers pulled 52 people out."])[0] == filed
    headline = ["Ferry sinks off Saltmere", filed]
    assert news_paragraphs(headline) == headline
