"""What an article's own text says about itself: date, title and outlet.

Files people keep often have no metadata: a plain `.txt` with no title
field, no date and no outlet. `read_metadata` fills what the file left out
from the article's own text, and never from another article:

- **date**: a dateline date at the top ("LONDON, March 14, 2018 (Reuters) -",
  "القاهرة - 14 مارس/آذار 2018") is the article's date (`date_source`
  "text"); otherwise the latest explicit full date in the body, moved to the
  weekday the lead names when that falls within the next six days, is the
  earliest the article can have been written (`date_source` "inferred").
  Years the text mentions ("in 2019", "في العام 2011") bound when it can
  have been written (`not_before`): a full date earlier than that bound is
  not taken. A year that ends a term or names a plan ("until 15 September
  2020", "elections will be held in 2022", "رؤية 2030") bounds nothing. An
  article with no explicit date stays undated.
- **title**: the lead's first sentence, shortened at a word boundary
  (`title_source` "derived"); never the file name.
- **outlet**: an agency mark in the dateline ("(رويترز)", "(أ ف ب)",
  "- Reuters", "(AFP)"), or any short name its dateline credits ("(بترا)").

Digits may be Western or Arabic-Indic; months English, Arabic (يناير…) or
Levantine (كانون الثاني…); Hijri dates ("12 رجب 1440 هـ") are converted with
the tabular Islamic calendar (within a day of the official one).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..dates import MONTHS, WEEKDAYS
from ..models import Article
from ..text import (
    alternation,
    dateline_credit,
    filed_lead,
    news_lead,
    split_sentences,
    without_connective,
    without_dateline,
)

DateSource = str  # "metadata", "text" or "inferred"

# --- Digits and month names ------------------------------------------------------------

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)

_HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1,
    "صفر": 2,
    "ربيع الأول": 3,
    "ربيع الاول": 3,
    "ربيع الثاني": 4,
    "ربيع الآخر": 4,
    "جمادى الأولى": 5,
    "جمادى الاولى": 5,
    "جمادى الآخرة": 6,
    "جمادى الثانية": 6,
    "رجب": 7,
    "شعبان": 8,
    "رمضان": 9,
    "شوال": 10,
    "ذو القعدة": 11,
    "ذي القعدة": 11,
    "ذو الحجة": 12,
    "ذي الحجة": 12,
}


_MONTH = rf"(?P<m>{alternation(MONTHS)})\.?"
# "مارس/آذار", "آذار (مارس)": the second name of a pair is read and ignored.
_MONTH_PAIR = rf"{_MONTH}(?:\s*[/(]\s*(?:{alternation(MONTHS)})\s*\)?)?"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_FULL_DATES = (
    re.compile(
        rf"(?<!\w){_DAY}\s+(?:من\s+)?(?:شهر\s+)?{_MONTH_PAIR},?\s+(?:عام\s+|سنة\s+)?{_YEAR}(?!\d)",
        re.I,
    ),
    re.compile(rf"(?<!\w){_MONTH_PAIR}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.I),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<mn>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
)
_HIJRI = re.compile(
    rf"(?<!\w)(?P<d>[0-3]?\d)\s+(?P<m>{alternation(_HIJRI_MONTHS)})\s+(?P<y>1[34]\d\d)\s*(?:هـ|ه\b|للهجرة)"
)
# A year counts as "mentioned" only where it reads as one, not as a number
# ("resolution 2009", "رقم 2009").
_YEAR_MENTION = re.compile(
    rf"(?:\b(?:in|since|of|year|early|late|mid-?|by)\s+|(?:العام|عام|سنة|منذ|في|مطلع|أواخر|نهاية|بداية)\s+|{_MONTH}\s+|[/(]\s*){_YEAR}(?!\d)",
    re.I,
)
_WEEKDAY = re.compile(rf"(?<!\w)(?:on\s+|يوم\s+|و)?(?P<w>{alternation(WEEKDAYS)})(?!\w)", re.I)

# --- Outlets ------------------------------------------------------------------------------

_AGENCIES: dict[str, str] = {
    "رويترز": "رويترز",
    "أ ف ب": "أ ف ب",
    "أ.ف.ب": "أ ف ب",
    "ا ف ب": "أ ف ب",
    "فرانس برس": "فرانس برس",
    "د ب أ": "د ب أ",
    "أ ب": "أ ب",
    "الأناضول": "الأناضول",
    "واس": "واس",
    "وام": "وام",
    "كونا": "كونا",
    "سانا": "سانا",
    "Reuters": "Reuters",
    "AFP": "AFP",
    "AP": "AP",
    "Associated Press": "Associated Press",
    "dpa": "dpa",
    "Anadolu": "Anadolu",
    "CNN": "CNN",
    "UPI": "UPI",
    "Xinhua": "Xinhua",
    "شينخوا": "شينخوا",
}
_AGENCY = alternation(_AGENCIES)
_OUTLET_MARKS = (
    re.compile(rf"\(\s*(?P<a>{_AGENCY})\s*\)"),
    re.compile(rf"(?:^|\s)[-–—]\s*(?P<a>{_AGENCY})\b"),
    re.compile(rf"^\s*(?P<a>{_AGENCY})\s*[-–—:]"),
)
# How far into the text a dateline (with its outlet, or its date) may reach.
_DATELINE_CHARS = 240
_DATELINE_DATE_CHARS = 100
# How far into the text a date may be taken as its event's: later in the
# body a full date is more often history ("the attacks of Sept. 11, 2001"
# in a 2010 story) than the news.
_LEAD_DATE_CHARS = 600

# --- Titles -------------------------------------------------------------------------------

_TITLE_WORDS = 12
# Words that lead into the next one: a shortened title does not end on them.
_LEADS_ON = frozenset(
    {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or",
        "but", "as", "into", "about", "after", "before", "that", "which", "who", "whose", "than",
        "في", "من", "إلى", "الى", "على", "عن", "مع", "و", "أو", "ثم", "لـ", "ب", "ل", "بعد", "قبل",
        "حول", "خلال", "منذ", "ضد", "عبر", "بين", "الذي", "التي", "الذين", "أن", "إن",
    }
)  # fmt: skip
# Words that open a phrase of their own (a preposition, a conjunction, a
# relative): a shortened title ends before one rather than inside the phrase
# it opens ("a national emergency at the southern…", "بعد إعادة…").
_OPENS_PHRASE = (_LEADS_ON - {"a", "an", "the", "of", "to", "ب", "ل", "لـ"}) | frozenset(
    {
        "when", "while", "amid", "over", "after", "following", "because", "since", "despite",
        "against", "under", "near", "during", "including", "where", "as",
        "إثر", "اثر", "عقب", "بسبب", "لدى", "حيث", "عندما", "حين", "بعدما", "رغم", "وسط", "لأن",
    }
)  # fmt: skip
# ... when the cut would keep no more than this many words of the phrase.
_CUT_PHRASE_WORDS = 2
_SENTENCE = re.compile(r"(?<=[.!?\u061f])\s+")
# A time phrase opening an English lead ("On Monday,", "Late on Friday,").
_OPENING_TIME = re.compile(
    r"^(?:(?:early|late)\s+)?(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|yesterday|today|earlier\s+this\s+(?:week|month)|last\s+(?:week|night|month))"
    r"(?:\s+(?:morning|afternoon|evening|night))?\s*,\s*",
    re.IGNORECASE,
)
# Lines of a text where its news lead is looked for.
_LEAD_LINES = 5
# An Arabic clause of contrast ("while ..."), which a main clause must follow.
_WHILE = re.compile(r"^\s*(?:في حين|فيما|بينما)\s")


@dataclass(frozen=True)
class TextMetadata:
    """What the text says about itself; empty fields where it says nothing."""

    published: dt.datetime | None = None
    date_source: DateSource | None = None
    not_before: int | None = None  # the latest year the text mentions
    title: str = ""
    title_source: str | None = None  # "derived" when made from the lead
    source: str = ""


def _full_dates(text: str) -> list[tuple[int, dt.date]]:
    """(offset, date) for every explicit full date, Gregorian or Hijri."""
    found: list[tuple[int, dt.date]] = []
    for pattern in _FULL_DATES:
        for m in pattern.finditer(text):
            month = int(m["mn"]) if "mn" in pattern.groupindex else MONTHS[_key(m["m"])]
            try:
                found.append((m.start(), dt.date(int(m["y"]), month, int(m["d"]))))
            except ValueError:
                continue
    for m in _HIJRI.finditer(text):
        day = hijri_to_gregorian(int(m["y"]), _HIJRI_MONTHS[m["m"]], int(m["d"]))
        if day:
            found.append((m.start(), day))
    return sorted(found)


def _key(month: str) -> str:
    lowered = month.lower()
    return lowered if lowered in MONTHS else month


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """The tabular Islamic calendar's Gregorian date (None when out of range)."""
    if not (1 <= month <= 12 and 1 <= day <= 30):
        return None
    days = day + (29.5 * (month - 1) + 0.5) // 1 + (year - 1) * 354 + (3 + 11 * year) // 30
    jdn = int(days) + 1948439 - 1
    return dt.date.fromordinal(jdn - 1721425)


# Years written in Arabic words: "ألفين وعشرين" (2020), "ألفين وتسعة عشر" (2019).
_AR_UNITS = {
    "واحد": 1,
    "أحد": 1,
    "احد": 1,
    "اثنين": 2,
    "اثني": 2,
    "اثنا": 2,
    "ثلاثة": 3,
    "أربعة": 4,
    "اربعة": 4,
    "خمسة": 5,
    "ستة": 6,
    "سبعة": 7,
    "ثمانية": 8,
    "تسعة": 9,
}
_AR_YEAR_WORDS = re.compile(
    r"(?:عام|العام|سنة)?\s*ألفين(?:\s+و(?P<u>"
    + "|".join(_AR_UNITS)
    + r"))?(?:\s+و?(?P<t>عشرين|عشرة|عشر))?(?!\w)"
)


def _word_years(text: str) -> list[tuple[int, int]]:
    """(offset, year) for every year written in Arabic words."""
    found = []
    for m in _AR_YEAR_WORDS.finditer(text):
        units = _AR_UNITS.get(m["u"] or "", 0)
        tens = {"عشرين": 20, "عشرة": 10, "عشر": 10}.get(m["t"] or "", 0)
        if m["u"] or m["t"]:
            found.append((m.start(), 2000 + units + tens))
    return found


# A year that ends a term or names a plan says nothing about when the text
# was written: "the mandate runs until 15 September 2020", "elections will be
# held in 2022", "بحلول عام 2030", "كأس العالم 2022". Such a year is read as
# a plan when a limit word stands just before it in its clause, when its
# sentence speaks of the future, or when it is part of an event's name.
# Words that may stand between a limit word and its year: parts of a date
# ("until 15 September 2020", "حتى الخامس عشر من سبتمبر ألفين وعشرين"), so
# that "حتى تولى شقيقه القيادة في عام 2008" (until his brother took over, in
# 2008) stays a past year.
_DATE_FILLER = (
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?|the|end|middle|mid|early|late|of"
    r"|نهاية|منتصف|مطلع|بداية|أواخر|أوائل|من|شهر|الأول|الثاني|الثالث|الرابع|الخامس"
    r"|السادس|السابع|الثامن|التاسع|العاشر|الحادي|عشر|العشرين|والعشرين|الثلاثين|والثلاثين"
    rf"|{alternation(MONTHS)})"
)
_LIMIT_BEFORE = re.compile(
    rf"(?:\b(?:until|till|through|by|ahead\s+of)|(?<!\w)(?:حتى|لغاية|بحلول|غاية))"
    rf"(?:\s+{_DATE_FILLER}(?:\s*/\s*\S+)?)*\s+(?:عام\s+|العام\s+|سنة\s+)?$",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|scheduled|upcoming|next|due\s+to|set\s+to|expected\s+to|plans?\s+to)\b"
    r"|(?<!\w)(?:سوف|سيتم|ستجرى|ستجري|سيجري|ستعقد|سيعقد|المقرر|المقبل|المقبلة|القادم|القادمة"
    r"|المرتقب|المرتقبة|مرتقبة|يعتزم|تعتزم|يتوقع|ويتوقع|تتوقع|المتوقع)(?!\w)",
    re.I,
)
_NAMED_EVENT = re.compile(
    r"(?:\b(?:world\s+cup|expo|olympics?|games|vision|euro|cop)"
    r"|(?<!\w)(?:كأس\s+العالم|مونديال|إكسبو|اكسبو|رؤية|أولمبياد|الأولمبية))\s+$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?\u061f\n]")


def _is_plan(text: str, at: int) -> bool:
    """Whether the year at offset `at` ends a term, names a plan or an event."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
    end_match = _SENTENCE_END.search(text, at)
    end = end_match.start() if end_match else len(text)
    before = text[start:at].rstrip() + " "
    return bool(
        _LIMIT_BEFORE.search(before)
        or _NAMED_EVENT.search(before)
        or _FUTURE.search(text, start, end)
    )


def _years(text: str, today: dt.date) -> list[int]:
    """The years the text mentions as past or present, the latest of which
    bounds when it was written; years in the future or in plans are left out."""
    mentions = [(m.start("y"), int(m["y"])) for m in _YEAR_MENTION.finditer(text)]
    mentions += _word_years(text)
    return [y for at, y in mentions if y <= today.year and not _is_plan(text, at)]


def _lead_weekday(text: str) -> int | None:
    lead = _SENTENCE.split(text.strip(), maxsplit=1)[0]
    m = _WEEKDAY.search(lead)
    return WEEKDAYS.get(m["w"].lower(), WEEKDAYS.get(m["w"])) if m else None


def find_date(
    text: str, today: dt.date | None = None
) -> tuple[dt.date | None, str | None, int | None]:
    """(date, source, not_before year) read from an article's text; dates
    after `today` (default: now, UTC) are not taken."""
    today = today or dt.datetime.now(dt.UTC).date()
    text = text.translate(_DIGITS)
    years = _years(text, today)
    not_before = max(years) if years else None
    dates = [(at, d) for at, d in _full_dates(text) if d <= today]
    if not dates:
        return None, None, not_before
    at, first = dates[0]
    if at < _DATELINE_DATE_CHARS and (not_before is None or first.year >= not_before):
        return first, "text", not_before
    lead = [d for at, d in dates if at < _LEAD_DATE_CHARS]
    if not lead:
        return None, None, not_before
    latest = max(lead)
    if not_before is not None and latest.year < not_before:
        return None, None, not_before
    weekday = _lead_weekday(text)
    if weekday is not None:
        ahead = (weekday - latest.weekday()) % 7
        if latest + dt.timedelta(days=ahead) <= today:
            latest += dt.timedelta(days=ahead)
    return latest, "inferred", not_before


def find_outlet(text: str) -> str:
    """The agency named in the text's dateline, or "": one of the known
    agencies' marks near the top, else the name in parentheses of the
    dateline its story opens on (`text.filed_lead`)."""
    head = text.strip()[:_DATELINE_CHARS]
    for pattern in _OUTLET_MARKS:
        m = pattern.search(head)
        if m:
            return _AGENCIES[m["a"]]
    # An agency this table does not know ("عمان (بترا) -", "(وكالات)") is
    # still the one the dateline credits, as the desk printed it.
    paragraphs = [p for p in text.strip().split("\n") if p.strip()]
    filed = filed_lead(paragraphs)
    return dateline_credit(paragraphs[filed]) if paragraphs else ""


def _only_a_date(line: str) -> bool:
    """Whether a line is a date and little else ("Thursday, February 21,
    2019"): a dateline, never a headline or a lead."""
    return len(line.split()) <= 6 and bool(_full_dates(line.translate(_DIGITS)))


def _leads_on(word: str) -> bool:
    """Whether a shortened title must not end on `word`."""
    bare = word.lower().strip(",،;:")
    return bare in _LEADS_ON or bare.replace(",", "").replace(".", "").isdigit()


def derive_title(text: str) -> str:
    """A title made from the lead: its first sentence, without the dateline,
    shortened at a word boundary (with "…") when longer than a headline.
    When the article opens on background, the lead is its news lead
    (`text.news_lead`), without a connective that ties it to what came
    before ("Despite all this,")."""
    lines = [" ".join(line.split()) for line in text.strip().split("\n") if line.strip()]
    # A first line that is only a date is the dateline, not the lead.
    while len(lines) > 1 and _only_a_date(lines[0]):
        lines.pop(0)
    # Background a desk set before the dateline is not the lead.
    lines = lines[filed_lead(lines) :]
    sentences = [
        s for line in lines[:_LEAD_LINES] for s in split_sentences(line, whole_quotes=True)
    ]
    start = news_lead(sentences) if sentences else 0
    # "في حين كانت ليبيا تتحضر لمؤتمر…": a line that is only a clause of
    # contrast sets the scene; the news is the line after it.
    if start == 0 and len(lines) > 1 and _WHILE.match(sentences[0]) and sentences[0] == lines[0]:
        start = 1
    lead = sentences[start] if sentences else ""
    lead = without_connective(lead, quoted=False).rstrip(".")
    # "On Monday, attorneys general ...": a headline says what, not when.
    when = _OPENING_TIME.match(lead)
    if when and len(lead) > when.end():
        lead = lead[when.end()].upper() + lead[when.end() + 1 :]
    lead = without_dateline(lead, strict=True)
    words = lead.split()
    if len(words) <= _TITLE_WORDS + 2:
        return " ".join(words)
    cut = words[:_TITLE_WORDS]

    # End on a clause boundary when one falls in the second half; a day set
    # off by commas ("أعلن الجيش، الخميس، تحرك…") is inside its clause.
    def day(word: str) -> bool:
        return word.rstrip(",،;:").lower() in WEEKDAYS or word.rstrip(",،;:") == "اليوم"

    for n in range(len(cut) - 1, _TITLE_WORDS // 2 - 1, -1):
        around_a_day = day(cut[n]) or (n + 1 < len(words) and day(words[n + 1]))
        if cut[n].endswith((",", "،", ";", ":")) and not around_a_day:
            return " ".join(cut[: n + 1]).rstrip(",،;:") + "…"
    # Before a phrase the cut would leave a word or two of: "declared a
    # national emergency at the southern…" ends at "emergency…", "أعيد
    # افتتاح الجسر … شمالي العراق بعد إعادة…" at "العراق…".
    # A name is a whole phrase ("in Mosul", "at Port Elwen").
    for n in range(_TITLE_WORDS, _TITLE_WORDS - _CUT_PHRASE_WORDS - 2, -1):
        if words[n].lower().strip(",،;:") in _OPENS_PHRASE:
            if not all(w[:1].isupper() for w in cut[n + 1 :]) or n == _TITLE_WORDS:
                cut = words[:n]
            break
    # Never inside a name ("on Egypt's Red…" for "on Egypt's Red Sea").
    while len(cut) > _TITLE_WORDS // 2 and cut[-1][:1].isupper() and words[len(cut)][:1].isupper():
        cut.pop()
    # Never on a word that leads into the next ("في…", "of the…"), nor on a
    # number, which would lose what it counts ("تسجيل 12…": 12 of what?).
    while len(cut) > _TITLE_WORDS // 2 and _leads_on(cut[-1]):
        cut.pop()
    return " ".join(cut).rstrip(",،;:") + "…"


def read_metadata(
    text: str,
    *,
    title: str,
    source: str,
    published: dt.datetime | None,
    today: dt.date | None = None,
) -> TextMetadata:
    """Fill the fields a file left out from the article's own text. A "headline"
    that is only a date ("Thursday, February 21, 2019") is the dateline."""
    dated = text
    if title and _only_a_date(title):
        dated, title = f"{title}\n\n{text}", ""
    day, date_source, not_before = find_date(dated, today)
    if published is not None:
        day, date_source = published.date(), "metadata"
    derived = "" if title.strip() else derive_title(text)
    return TextMetadata(
        published=published
        or (dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC) if day else None),
        date_source=date_source,
        not_before=not_before,
        title=title or derived,
        title_source="derived" if derived else None,
        source=source or find_outlet(text),
    )


def dating_report(articles: Sequence[Article]) -> str:
    """One line for the run: how many articles have no date, which dates were
    inferred from the text rather than given ("" when every date was given)."""
    undated = sum(1 for a in articles if a.published is None)
    inferred = [a for a in articles if a.date_source in ("text", "inferred")]
    parts = []
    if undated:
        verb = "has" if undated == 1 else "have"
        parts.append(f"{undated} of {len(articles)} articles {verb} no date")
    if inferred:
        dates = ", ".join(
            f"{a.id} {a.published.date().isoformat()} ({a.date_source})"
            for a in inferred
            if a.published
        )
        parts.append(f"dates read from the text: {dates}")
    return "; ".join(parts)


def later_report(articles: Sequence[Article], date: dt.date, shown: int = 3) -> str:
    """One line for the run when some articles were published after the
    briefing's `date`, on their own calendar and in UTC ("" when none was): a
    briefing dated before its news, from a folder kept for a week or a
    mistyped --date, would otherwise tell the 25th's news as the 23rd's."""
    later = sorted(
        (day, a.id) for a in articles if a.published and (day := _day_after(a.published, date))
    )
    if not later:
        return ""
    named = ", ".join(f"{aid} ({day.isoformat()})" for day, aid in later[:shown])
    more = f" and {len(later) - shown} more" if len(later) > shown else ""
    verb = "was" if len(later) == 1 else "were"
    return (
        f"{len(later)} of {len(articles)} articles {verb} published after {date.isoformat()}, "
        f"the briefing's date: {named}{more}; check --date, or leave them out of the inputs"
    )


def _day_after(published: dt.datetime, date: dt.date) -> dt.date | None:
    """The day `published` falls on when it is after `date` both where it
    was written and in UTC (a run near midnight is no later news), else None."""
    day = min(published.date(), published.astimezone(dt.UTC).date())
    return published.date() if day > date else None
