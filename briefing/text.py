"""Text primitives shared by every stage: paragraphs, sentences, language,
and the normalisation that lexical features need (Arabic above all).

Arabic is written with optional diacritics, a decorative stretch (tatweel),
several interchangeable alef/yaa/taa-marbuta forms and two digit sets, so the
same word can be spelled many ways; `normalize` folds them to one form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from .dates import WEEKDAYS
from .models import Lang

# Harakat, tanween, shadda, sukun, dagger alef and Quranic marks.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_FOLD = str.maketrans(
    {
        "\u0622": "\u0627",  # alef with madda -> alef
        "\u0623": "\u0627",  # alef with hamza above -> alef
        "\u0625": "\u0627",  # alef with hamza below -> alef
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u0649": "\u064a",  # alef maqsura -> yaa
        "\u0629": "\u0647",  # taa marbuta -> haa
        "\u0624": "\u0648",  # waw with hamza -> waw
        "\u0626": "\u064a",  # yaa with hamza -> yaa
        "\u06cc": "\u064a",  # Farsi yeh -> yaa
        "\u06a9": "\u0643",  # keheh -> kaf
        _TATWEEL: None,
    }
)
# Arabic-Indic (U+0660..) and Extended Arabic-Indic (U+06F0..) digits.
_DIGITS = str.maketrans(
    {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
)
# Arabic decimal and thousands separators and percent sign.
_PUNCT = str.maketrans({"\u066b": ".", "\u066c": ",", "\u066a": "%", "\u060c": ","})

_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, escaped, longest first (so that a
    longer word wins over its prefix)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def ascii_digits(text: str) -> str:
    """Replace Arabic-Indic digits and Arabic number punctuation with ASCII."""
    return text.translate(_DIGITS).translate(_PUNCT)


def normalize(text: str) -> str:
    """Fold text to the form used for lexical comparison.

    Unicode NFKC, Arabic diacritics and tatweel removed, alef/yaa/taa-marbuta
    and hamza carriers folded, Arabic-Indic digits made ASCII, Latin lowercased.
    The result is for matching only, never for display.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text)
    text = text.translate(_FOLD)
    return ascii_digits(text).casefold()


def words(text: str) -> list[str]:
    """Normalised word tokens of `text` (letters and digits)."""
    return _WORD.findall(normalize(text))


def word_ends(text: str) -> list[tuple[str, str]]:
    """Each word of `words(text)` with what follows it up to the next word
    (its punctuation and spaces, as in `normalize(text)`)."""
    folded = normalize(text)
    matches = list(_WORD.finditer(folded))
    ends = [m.start() for m in matches[1:]] + [len(folded)]
    return [(m.group(), folded[m.end() : end]) for m, end in zip(matches, ends, strict=True)]


def detect_lang(text: str) -> Lang | None:
    """'ar' or 'en' by the script most letters are written in; None if neither
    script has a clear majority (or there are too few letters to tell)."""
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    letters = sum(1 for c in text if c.isalpha())
    if letters < 20:
        return None
    if arabic >= 0.6 * letters:
        return "ar"
    if latin >= 0.6 * letters:
        return "en"
    return None


_BLANK_LINE = re.compile(r"\n\s*\n")


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Split article text into paragraphs.

    Blank lines separate paragraphs; text without any blank line is split on
    single newlines (outlets use either). Whitespace inside a paragraph is
    collapsed, so the same text always gives the same numbered paragraphs.
    A hashtag in running text is its words (`without_hashtags`).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ()
    chunks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    paragraphs = (" ".join(without_hashtags(chunk).split()) for chunk in chunks)
    return tuple(p for p in paragraphs if p)


# "#موسكو", "#كأس_العالم": a word marked for social media, starting with a
# letter (not "#1") after a space.
_HASHTAG = re.compile(r"(?<!\S)#([^\W\d_]\w*)")


def without_hashtags(text: str) -> str:
    """`text` with each hashtag written as the words it stands for
    ("واستدعت #موسكو" -> "واستدعت موسكو", "#كأس_العالم" -> "كأس العالم"):
    some outlets mark names so in their prose, and a quotation of it in a
    briefing should read as prose."""
    return _HASHTAG.sub(lambda m: m.group(1).replace("_", " "), text)


# A sentence ends at . ! ? or the Arabic question mark, followed by space and
# not preceded by a lone capital (initials) or a common abbreviation.
_SENTENCE_END = re.compile(
    r"(?<=[.!?\u061f\u06d4])(?<!\b[A-Z]\.)(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)"
    r"(?<!\bSt\.)(?<!\bNo\.)(?<!\bGen\.)(?<!\bSen\.)(?<!\bRep\.)(?<!\bGov\.)"
    r"[\"'\u201d\u2019\u00bb)]*\s+"
)


def split_sentences(paragraph: str, *, whole_quotes: bool = False) -> list[str]:
    """Split a paragraph into sentences, keeping each sentence's own text
    exactly as it appears in the paragraph (so it can be found there again).
    No sentence ends before a word in lower case ("at 6 a.m. on Friday"),
    and with `whole_quotes` none inside a quotation that closes later in the
    paragraph («لم نطلب المستحيل. نريد أجراً عادلاً»): a sentence to be
    quoted alone keeps its quotation whole, while one to check a claim
    against is best short."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        end = match.start() + len(match.group(0).rstrip())
        if paragraph[match.end() : match.end() + 1].islower() or (
            whole_quotes and _inside_quotation(paragraph, start, end)
        ):
            continue
        sentence = paragraph[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


_QUOTE_PAIRS = (("“", "”"), ("«", "»"))


def _inside_quotation(paragraph: str, start: int, end: int) -> bool:
    """Whether `paragraph[start:end]` leaves a quotation open that the rest
    of the paragraph closes (a quotation never closed ends nowhere)."""
    text, rest = paragraph[start:end], paragraph[end:]
    for opening, closing in _QUOTE_PAIRS:
        if text.count(opening) > text.count(closing) and closing in rest:
            return True
    return text.count('"') % 2 == 1 and '"' in rest


# --- Untrusted text on screen and in documents ---------------------------------------

# Controls a terminal acts on (ESC starts every ANSI sequence; CR rewrites the
# line) and the bidi embeddings, overrides and isolates that reorder what
# follows them (U+202A–U+202E, U+2066–U+2069; "Trojan Source").
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# Lone surrogates: what a file name's undecodable bytes become (U+DC80-U+DCFF)
# and what a JSON "\\ud800" escape makes; UTF-8 cannot write them.
_SURROGATES = "\ud800-\udfff"
_SURROGATE = re.compile(f"[{_SURROGATES}]")
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}{_SURROGATES}]")
_CONTROLS_AND_NEWLINE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_BIDI_CONTROLS}{_SURROGATES}]")
_INVISIBLE = re.compile(f"[\x00-\x08\x0e-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    if char in "\n\r":
        return "\\n" if char == "\n" else "\\r"
    code = ord(char)
    # \uNNNN above the C0 range: the same text is then also a valid JSON escape.
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def printable(text: object, *, lines: bool = False) -> str:
    """`text` safe to print to a terminal or to show as a file name: every
    control character (ANSI escapes start with one), bidi control and lone
    surrogate (a file name's undecodable byte) shown as `\\x1b` / `\\u202e` /
    `\\udcff`, so nothing is hidden, nothing acts and the result is valid
    UTF-8. Line breaks are kept only with `lines` (for messages of several
    lines)."""
    pattern = _CONTROLS if lines else _CONTROLS_AND_NEWLINE
    return pattern.sub(_shown, str(text))


def without_surrogates(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD, as a decoder
    replaces bytes it cannot read: untrusted JSON can spell one ("\\ud800"),
    a file name can hold one, and UTF-8 cannot write it."""
    return _SURROGATE.sub("\ufffd", text)


def without_controls(text: object) -> str:
    """Prose for a document: bidi controls and control characters other than
    whitespace removed (the document's own markup isolates directions)."""
    return _INVISIBLE.sub("", str(text))


# A year that sets when something happened ("in 2011", "the flood of 2011",
# "منذ عام 2011"), in Western or Arabic-Indic digits; not one that names
# something ("the 2022 World Cup").
_YEAR = re.compile(
    r"(?:\b(?:in|since|until|of)\s+|(?<!\w)(?:في\s+|منذ\s+)?(?:العام|عام|سنة)\s+|(?<!\w)منذ\s+)"
    r"(?P<year>(?:19|20|١٩|٢٠)[\d٠-٩]{2})(?![\d٠-٩])",
    re.IGNORECASE,
)
# Words that place a sentence in the days the article reports: "today",
# "on Thursday", "اليوم", "الخميس" (not "the next day", "اليوم التالي").
_PRESENT = re.compile(
    r"(?<!\w)(?:today|tonight|yesterday|this\s+(?:week|morning|afternoon|evening)|"
    r"اليوم(?!\s+(?:التالي|الذي))|أمس|الليلة|هذا\s+الأسبوع|" + alternation(WEEKDAYS) + r")(?!\w)",
    re.IGNORECASE,
)


# A connective opening a sentence that ties it to what came before it.
_CONNECTIVE = re.compile(
    r"^(?:(?:and\s+)?(?:despite\s+(?:all\s+)?(?:this|that)|however|meanwhile|nevertheless|"
    r"still|yet)|و?رغم\s+(?:كل\s+)?(?:ذلك|هذا)|ومع\s+ذلك|في\s+المقابل|من\s+جهة\s+أخرى)"
    r"\s*[,،]\s*",
    re.IGNORECASE,
)


def without_connective(sentence: str, *, quoted: bool = True) -> str:
    """`sentence` without a connective that ties it to what came before
    ("Despite all this,", "رغم كل هذا،"): for a news lead quoted or made a
    title without the background it followed. A quotation keeps it where
    what follows would open in lower case ("Despite all this, the assembly
    voted"); a title (not `quoted`) drops it and opens in capitals."""
    rest = _CONNECTIVE.sub("", sentence, count=1)
    if not rest or rest == sentence:
        return sentence
    if rest[0].islower():
        return sentence if quoted else rest[0].upper() + rest[1:]
    return rest


def news_paragraphs(paragraphs: Sequence[str], year: int | None = None) -> Sequence[str]:
    """An article's paragraphs from the one its news lead is in (`filed_lead`,
    else `news_lead` over the sentences of its first five paragraphs that
    have six words or more): an opening on background is left out."""
    filed = filed_lead(paragraphs)
    if filed:
        return paragraphs[filed:]
    sentences = [
        (n, s)
        for n, p in enumerate(paragraphs[:5])
        for s in split_sentences(p, whole_quotes=True)
        if len(s.split()) >= 6
    ]
    start = news_lead([s for _, s in sentences], year)
    return paragraphs[sentences[start][0] :] if start else paragraphs


def news_lead(sentences: Sequence[str], year: int | None = None) -> int:
    """Where the news starts in an article's first `sentences`: 0, unless it
    opens on background (a first sentence set in a year, before `year` when
    the article is dated, with nothing placing it in the days reported:
    "With the crisis of 2011, the UN ...") and a later sentence is placed in
    those days ("today", "on Thursday", "اليوم"): then that sentence's
    index, which tells what happened."""
    if not sentences or _PRESENT.search(sentences[0]):
        return 0
    years = [int(ascii_digits(m["year"])) for m in _YEAR.finditer(sentences[0])]
    if not years or (year is not None and max(years) >= year):
        return 0
    return next((i for i, text in enumerate(sentences) if _PRESENT.search(text)), 0)


# A dateline opens a first paragraph: "JAKARTA (AFP) -", "LONDON —",
# "Moscow, March 17 (Reuters) -", "طرابلس - (أ ف ب)", "موسكو:",
# "دبي، الإمارات العربية المتحدة (CNN)--".
_PLACE_WORD = r"[\w'’.]+(?:-[\w'’.]+)*"  # a hyphen inside a word ("Al-Shabab") is no dash
_CREDIT = r"\([^()\n]{1,40}\)"
_DATELINE = re.compile(
    rf"^\s*{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}}(?:[,،][^()\n:–—-]{{1,30}})?(?:\s*{_CREDIT})?"
    rf"(?:\s+[-–—]{{1,2}}|[-–—]{{1,2}}\s|:)\s*(?:{_CREDIT}\s*(?:[-–—:]\s*)?)?"
)


# The credit of a dateline: a name in parentheses, not a date or a number.
_CREDIT_NAME = re.compile(r"\(\s*(?P<name>[^()\d\n٠-٩]{2,30}?)\s*\)")
_CREDIT_WORDS = 3
# A paragraph of background: a whole sentence or more, not a headline.
_BACKGROUND_WORDS = 8
_SENTENCE_DONE = re.compile(r"[.!?\u061f\"”»]\s*$")


def dateline_credit(paragraph: str) -> str:
    """The name credited in the dateline `paragraph` opens with ("أسوان
    (رويترز) -" gives "رويترز", "AMMAN (Petra) -" "Petra"), or "" when it
    opens on none or the parentheses hold no short name."""
    stripped = without_dateline(paragraph, strict=True)
    match = _CREDIT_NAME.search(paragraph[: len(paragraph) - len(stripped)])
    if not match or len(match["name"].split()) > _CREDIT_WORDS:
        return ""
    return match["name"]


def filed_lead(paragraphs: Sequence[str]) -> int:
    """The index of the paragraph, after the first and among the first five,
    that opens on a credited dateline ("أسوان (رويترز) -") when every
    paragraph before it is whole sentences: wire copy opens the story where
    its dateline stands, and what a desk set before it is background. 0 when
    there is none, or when a headline line comes before the dateline."""
    for n, paragraph in enumerate(paragraphs[:5]):
        if n and dateline_credit(paragraph):
            before = paragraphs[:n]
            background = all(
                len(p.split()) >= _BACKGROUND_WORDS and _SENTENCE_DONE.search(p) for p in before
            )
            return n if background else 0
    return 0


def without_dateline(paragraph: str, *, strict: bool = False) -> str:
    """`paragraph` without the dateline it opens with. With `strict`, only
    a dateline that cannot be the start of a sentence is taken: one with an
    agency's credit ("(AFP) -"), a place in capitals ("WASHINGTON —",
    "AUSTIN, Texas —"), or
    an Arabic place before a dash ("الرباط- "); not "The minister - who"
    nor "Trump: I will"."""
    match = _DATELINE.match(paragraph)
    if not match or match.end() >= len(paragraph):
        return paragraph
    if strict:
        prefix = paragraph[: match.end()]
        # The place in capitals; a state after it may not be ("AUSTIN, Texas —").
        latin = [c for c in re.split("[,،]", prefix)[0] if c.isalpha() and c.isascii()]
        credit = bool(re.search(_CREDIT, prefix))
        capitals = bool(latin) and all(c.isupper() for c in latin)
        arabic = not latin and bool(re.search("[\u0600-\u06ff]", prefix)) and ":" not in prefix
        if not (credit or capitals or arabic):
            return paragraph
    return paragraph[match.end() :]


# How a paragraph of running text ends; a heading or a link to another
# story does not.
_TEXT_END = re.compile(r"[.!?\u061f…:\"”’»)\]]\s*$")
_ASIDE_WORDS = 15


def asides(paragraphs: Sequence[str]) -> frozenset[int]:
    """Indexes of an article's paragraphs that are not its running text: a
    short line after the first that asks a question (a link: "What are
    Macron's chances in Libya?") or, in an article whose paragraphs end in
    punctuation, ends without any (a subheading, another story's headline:
    "حكم بإعدام 45 شخصا في ليبيا"). They are quoted and read as nothing."""
    ended = sum(bool(_TEXT_END.search(p)) for p in paragraphs)
    punctuated = 2 * ended >= len(paragraphs)
    return frozenset(
        i
        for i, p in enumerate(paragraphs)
        if i > 0
        and len(p.split()) <= _ASIDE_WORDS
        and (p.rstrip().endswith(("?", "\u061f")) or (punctuated and not _TEXT_END.search(p)))
    )


# A first paragraph this short, followed by others, is a dateline
# ("Thursday, February 21, 2019"), not the lead.
_DATELINE_WORDS = 8


def opens_on_dateline(paragraphs: Sequence[str]) -> bool:
    """Whether an article's first paragraph is only its dateline."""
    return len(paragraphs) > 1 and len(paragraphs[0].split()) <= _DATELINE_WORDS
