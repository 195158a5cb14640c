"""What a section can say of a topic whose sources are all in the other
language, without translating a sentence (part of `summary/`, used by
`select.name_entities`).

Takes a topic's articles and the glossary; gives, in the section's language:
who (people, bodies, armed groups) and where (countries, capitals, places),
ranked by weight (a name in a headline counts three, in a first paragraph
two, in the rest of the lead one, added over the articles), leaving out news
agencies' credits ("(AFP)"), the dateline's place and a country named only
by a sum's currency ("Omani riyals"); the figures the text
gives with a unit it can name from a small bilingual table ("$8 billion",
"23 diplomats", "23 دبلوماسيا"); the dates and years it gives, and UN
resolution numbers. Everything is read from the articles or from the
glossary and the tables below: nothing is invented or translated.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..labels import LABELS
from ..models import Article, Lang
from ..text import asides, news_paragraphs, normalize, opens_on_dateline, without_dateline
from .glossary import Entry, Glossary
from .subjects import EN_TRANSLATED, NOT_NAMES

LEAD_PARAGRAPHS = 5
# Weight of a name in an article's headline, first paragraph, and the rest of its lead.
HEADLINE, FIRST, LEAD = 3, 2, 1
# A name under this weight is one mentioned in passing ("the Libya model"),
# except a person in the lead of a one-article topic: there the people its
# second to fifth paragraphs name (the UN chief whose letter it reports, the
# envoy it quotes) are who the story is about.
MIN_WEIGHT = 2
MAX_WHO, MAX_WHERE, MAX_FIGURES, MAX_DATES = 4, 3, 4, 3
WHO_KINDS = {"person", "body", "armed group"}
WHERE_KINDS = {"country", "capital", "city", "territory", "region"}


@dataclass(frozen=True)
class Unit:
    """A unit a figure can carry, as the sources write it (regexes over
    normalized text) and as each language writes it after a number."""

    en_pattern: str
    ar_pattern: str
    en: tuple[str, str]  # singular, plural
    ar: tuple[str, str, str]  # genitive singular, accusative singular, plural
    currency: str = ""  # "$": written before the number in English
    money: bool = False


UNITS: tuple[Unit, ...] = (
    Unit(
        r"dollars?|\$|usd",
        r"دولار(?:ا|ات)?",
        ("dollar", "dollars"),
        ("دولار", "دولارا", "دولارات"),
        "$",
        money=True,
    ),
    Unit(r"euros?|€", r"يورو", ("euro", "euros"), ("يورو", "يورو", "يورو"), "€", money=True),
    Unit(
        r"pounds? sterling|pounds?|£",
        r"جنيه(?:ا|ات)? استرليني(?:ا|ه)?",
        ("pound", "pounds"),
        ("جنيه إسترليني", "جنيها إسترلينيا", "جنيهات إسترلينية"),
        "£",
        money=True,
    ),
    # "جنيه" alone is the Egyptian or the Sudanese pound, never sterling:
    # plain "pounds", not "£", which an English reader takes for sterling.
    Unit(
        r"(?:egyptian|sudanese) pounds?",
        r"جنيه(?:ا|ات)?",
        ("pound", "pounds"),
        ("جنيه", "جنيها", "جنيهات"),
        money=True,
    ),
    # The region's other currencies, by name: which dirham or dinar is the
    # story's country, which the figure does not say.
    Unit(
        r"dirhams?",
        r"دراهم|درهما|درهم",
        ("dirham", "dirhams"),
        ("درهم", "درهما", "دراهم"),
        money=True,
    ),
    Unit(
        r"dinars?",
        r"دنانير|دينارا|دينار",
        ("dinar", "dinars"),
        ("دينار", "دينارا", "دنانير"),
        money=True,
    ),
    Unit(
        r"riy?als?",
        r"ريالات|ريالا|ريال",
        ("riyal", "riyals"),
        ("ريال", "ريالا", "ريالات"),
        money=True,
    ),
    Unit(
        r"%|percent|per cent", r"%|بالمئه|بالمائه|في المئه|في المائه", ("%", "%"), ("%", "%", "%")
    ),
    Unit(
        r"diplomats?",
        r"دبلوماسي(?:ا|ين|ون)?",
        ("diplomat", "diplomats"),
        ("دبلوماسي", "دبلوماسيا", "دبلوماسيين"),
    ),
    Unit(r"people|persons", r"اشخاص|شخصا|شخص", ("person", "people"), ("شخص", "شخصا", "أشخاص")),
    Unit(r"dead|killed|deaths", r"قتلي|قتيلا|قتيل", ("dead", "dead"), ("قتيل", "قتيلا", "قتلى")),
    Unit(
        r"injured|wounded",
        r"جرحي|جريحا|جريح|مصابا|مصابين",
        ("injured", "injured"),
        ("جريح", "جريحا", "جرحى"),
    ),
    Unit(
        r"soldiers|troops", r"جنود|جنديا|جندي", ("soldier", "soldiers"), ("جندي", "جنديا", "جنود")
    ),
    Unit(
        r"prisoners|inmates",
        r"سجناء|سجينا|سجين",
        ("prisoner", "prisoners"),
        ("سجين", "سجينا", "سجناء"),
    ),
    Unit(
        r"migrants",
        r"مهاجرين|مهاجرا|مهاجر",
        ("migrant", "migrants"),
        ("مهاجر", "مهاجرا", "مهاجرين"),
    ),
    Unit(r"refugees", r"لاجئين|لاجئا|لاجي", ("refugee", "refugees"), ("لاجئ", "لاجئا", "لاجئين")),
    Unit(
        r"aid workers",
        r"عمال اغاثه|عامل اغاثه",
        ("aid worker", "aid workers"),
        ("عامل إغاثة", "عامل إغاثة", "عمال إغاثة"),
    ),
    Unit(
        r"vehicles|cars",
        r"مركبات|مركبه|سيارات|سياره",
        ("vehicle", "vehicles"),
        ("مركبة", "مركبة", "مركبات"),
    ),
    Unit(r"states", r"ولايات|ولايه", ("state", "states"), ("ولاية", "ولاية", "ولايات")),
    Unit(r"countries|nations", r"دول|دوله|بلدا", ("country", "countries"), ("دولة", "دولة", "دول")),
    Unit(r"years?(?: old)?", r"عاما|سنه|سنوات|اعوام", ("year", "years"), ("عام", "عاما", "أعوام")),
    Unit(r"months?", r"اشهر|شهرا", ("month", "months"), ("شهر", "شهرا", "أشهر")),
    Unit(r"weeks?", r"اسابيع|اسبوعا", ("week", "weeks"), ("أسبوع", "أسبوعا", "أسابيع")),
    Unit(r"days?", r"ايام|يوما", ("day", "days"), ("يوم", "يوما", "أيام")),
    Unit(
        r"km|kilometres?|kilometers?",
        r"كيلومترات|كيلومترا|كيلومتر|كلم|كم",
        ("km", "km"),
        ("كيلومتر", "كيلومترا", "كيلومترات"),
    ),
    Unit(r"tonnes?|tons?", r"اطنان|طنا|طن", ("tonne", "tonnes"), ("طن", "طنا", "أطنان")),
    Unit(r"votes", r"اصوات|صوتا", ("vote", "votes"), ("صوت", "صوتا", "أصوات")),
    Unit(r"seats", r"مقاعد|مقعدا", ("seat", "seats"), ("مقعد", "مقعدا", "مقاعد")),
    Unit(r"members", r"اعضاء|عضوا", ("member", "members"), ("عضو", "عضوا", "أعضاء")),
)
# Which country's dinar, dirham, riyal or pound a sum is in, when the text
# says so ("62 مليون ريال عماني", "38 billion Iraqi dinars"): its English
# and Arabic adjective (masculine singular). Index 0: not said.
ISSUERS: tuple[tuple[str, str], ...] = (
    ("", ""),
    ("Egyptian", "مصري"),
    ("Sudanese", "سوداني"),
    ("Emirati", "إماراتي"),
    ("Moroccan", "مغربي"),
    ("Iraqi", "عراقي"),
    ("Jordanian", "أردني"),
    ("Libyan", "ليبي"),
    ("Kuwaiti", "كويتي"),
    ("Bahraini", "بحريني"),
    ("Tunisian", "تونسي"),
    ("Algerian", "جزائري"),
    ("Saudi", "سعودي"),
    ("Qatari", "قطري"),
    ("Omani", "عماني"),
    ("Yemeni", "يمني"),
)
# "Egyptian" and "Sudanese" pounds are a unit of their own in English.
_ISSUER_EN = "|".join(en.lower() for en, _ in ISSUERS[3:])
_ISSUER_AR = "|".join(normalize(ar) for _, ar in ISSUERS[1:])
# Scales: as written (normalized), and as each language writes them.
_SCALES = {
    "billion": "billion",
    "bn": "billion",
    "b": "billion",
    "million": "million",
    "m": "million",
    "thousand": "thousand",
    "مليار": "billion",
    "مليارات": "billion",
    "مليون": "million",
    "ملايين": "million",
    "الف": "thousand",
    "الاف": "thousand",
}
_SCALE_AR = {
    "billion": ("مليار", "مليارا", "مليارات"),
    "million": ("مليون", "مليونا", "ملايين"),
    "thousand": ("ألف", "ألفا", "آلاف"),
}
_NUMBER = r"(?<![\d.,a-z_])(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_FIGURES: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(
        r"(?:(?P<cur>[$€£])\s?)?"
        + _NUMBER
        + r"(?:\s?(?P<scale>billion|million|thousand|bn|b|m)\b)?"
        rf"(?:\s?(?:(?P<issuer>{_ISSUER_EN}) )?"
        r"(?P<unit>" + "|".join(f"(?:{u.en_pattern})" for u in UNITS) + r"))?(?![\w])"
    ),
    "ar": re.compile(
        _NUMBER + r"(?:\s?(?P<scale>مليارات|مليار|ملايين|مليون|الاف|الف)(?![\w]))?"
        r"(?:\s?(?P<unit>" + "|".join(f"(?:{u.ar_pattern})" for u in UNITS) + r")"
        rf"(?: (?P<issuer>{_ISSUER_AR})(?:ين|ون|ات|ا|ه)?)?)?(?![\w])"
    ),
}
_SCALE_NAMES = ("", "billion", "million", "thousand")
_SCALE_FACTORS = (1.0, 1e9, 1e6, 1e3)
_PEOPLE = next(n for n, u in enumerate(UNITS) if u.en == ("person", "people"))
# Counts of people that "people" may stand for in another report of them.
_PEOPLE_UNITS = frozenset(
    n
    for n, u in enumerate(UNITS)
    if u.en[1]
    in {
        "people",
        "dead",
        "injured",
        "soldiers",
        "prisoners",
        "migrants",
        "refugees",
        "aid workers",
        "diplomats",
        "members",
    }
)
_DEAD = next(n for n, u in enumerate(UNITS) if u.en[1] == "dead")
_INJURED = next(n for n, u in enumerate(UNITS) if u.en[1] == "injured")
# What befell a count of people, said around the number ("killing 12",
# "12 people were killed", "مقتل 12 شخصا", "إصابة 91"), on normalized text.
_LEAD_IN = (
    r"(?:(?:at least|about|nearly|more than|some|around|over|نحو|حوالي|اكثر من|ما لا يقل عن)\s+)?"
)
_BEFELL_N = _NUMBER.replace("?P<n>", "?P<n2>")
_WERE = r"\s+(?:people\s+|others\s+)?(?:were\s+|have\s+been\s+|had\s+been\s+)?"


def _befell(before: str, after: str) -> re.Pattern[str]:
    """A number after a verb (`before`: "killing 12") or before a
    participle (`after`: "12 people were killed")."""
    return re.compile(rf"\b(?:{before})\s+{_LEAD_IN}{_NUMBER}|{_BEFELL_N}{_WERE}(?:{after})\b")


_CASUALTIES: dict[Lang, list[tuple[int, re.Pattern[str]]]] = {
    "en": [
        (_DEAD, _befell("killing|killed|kills|deaths of", "killed|died")),
        (_INJURED, _befell("injuring|wounding|injured|wounded", "injured|wounded|hurt")),
    ],
    "ar": [
        (_DEAD, re.compile(r"(?<!\w)[وب]?(?:مقتل|مصرع|وفاه|استشهاد)\s+" + _LEAD_IN + _NUMBER)),
        (_INJURED, re.compile(r"(?<!\w)[وب]?(?:اصابه|جرح)\s+" + _LEAD_IN + _NUMBER)),
    ],
}
_EGYPTIAN_POUND = next(
    n for n, u in enumerate(UNITS) if u.money and u.en[0] == "pound" and not u.currency
)
_UNIT_RES: dict[Lang, list[re.Pattern[str]]] = {
    "en": [re.compile(f"(?:{u.en_pattern})$") for u in UNITS],
    "ar": [re.compile(f"(?:{u.ar_pattern})$") for u in UNITS],
}
_CURRENCY = {"$": 0, "€": 1, "£": 2}

_MONTHS_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS_AR = (
    ("يناير", "كانون الثاني"),
    ("فبراير", "شباط"),
    ("مارس", "اذار"),
    ("ابريل", "نيسان"),
    ("مايو", "ايار"),
    ("يونيو", "حزيران"),
    ("يوليو", "تموز"),
    ("اغسطس", "اب"),
    ("سبتمبر", "ايلول"),
    ("اكتوبر", "تشرين الاول"),
    ("نوفمبر", "تشرين الثاني"),
    ("ديسمبر", "كانون الاول"),
)
_MONTH_EN = r"(?P<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MONTH_AR = "(?P<m>" + "|".join(n for pair in _MONTHS_AR for n in pair) + ")"
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"
_AR_YEAR = r"(?: (?:من )?(?:عام |العام )?(?P<{y}>(?:19|20)\d{{2}})(?!\d))"
# A year after "after", "since", "before" or "until" is a point the story is
# measured from ("its second title, after 1998's"), not when it happened;
# English gives a bare year only after "in". Text is normalized (حتى: حتي).
_AR_REFERENCE_POINT = "".join(f"(?<!{word} )" for word in ("بعد", "منذ", "قبل", "حتي"))
_DATES: dict[Lang, re.Pattern[str]] = {
    # A month needs a day or a year beside it: "may" and "march" are words too.
    "en": re.compile(
        rf"(?<![\w])(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)? {_MONTH_EN}(?:,? {_YEAR})?"
        rf"|{_MONTH_EN.replace('?P<m>', '?P<m2>')} (?:(?P<d2>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?"
        rf"(?:,? {_YEAR.replace('?P<y>', '?P<y2>')})?|{_YEAR.replace('?P<y>', '?P<y4>')})"
        rf"|in {_YEAR.replace('?P<y>', '?P<y3>')})"
    ),
    # "مارس" is also "practised", "آب" also "father": a month needs a day,
    # a year or "next"/"last" beside it.
    "ar": re.compile(
        rf"(?<![\w])(?:(?P<d>\d{{1,2}}) (?:من )?(?:شهر )?{_MONTH_AR}(?![\w])"
        rf"{_AR_YEAR.format(y='y')}?"
        rf"|(?:شهر )?{_MONTH_AR.replace('?P<m>', '?P<m2>')}(?:{_AR_YEAR.format(y='y2')}"
        rf"| (?:المقبل|الماضي|الجاري))(?![\w])"
        rf"|{_AR_REFERENCE_POINT}(?:عام|العام|سنه) {_YEAR.replace('?P<y>', '?P<y3>')})"
    ),
}
_RESOLUTION: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(r"resolution(?: no\.?| number)? (\d{3,4})(?!\d)"),
    # "القرار 2510", "قرار مجلس الأمن رقم 2510", "قراره الذي حمل رقم 2009".
    "ar": re.compile(
        r"(?<![\w])(?:[وفبل]{0,2}ال)?قرار\w{0,2} (?:(?:[^\d.,\n]{0,30} )?رقم ?)?(\d{3,4})(?!\d)"
    ),
}


@dataclass(frozen=True)
class Gist:
    """What a topic's articles let a reader of the other language know."""

    who: tuple[Entry, ...] = ()
    where: tuple[Entry, ...] = ()
    figures: tuple[tuple[str, int, int, int], ...] = ()  # number, scale, unit, issuer (0 none)
    dates: tuple[tuple[int, int, int], ...] = ()  # year, month, day (0 when not given)
    resolutions: tuple[str, ...] = ()
    not_before: int | None = None  # for undated topics: written in this year or later
    # Names no glossary entry has, as English sources write them: shown in
    # Latin script in the Arabic note, never transliterated by guess.
    names: tuple[str, ...] = ()
    # Those of them a headline gives: who the story is about, named first.
    headlined: tuple[str, ...] = ()


def ranked_entries(members: Sequence[Article], glossary: Glossary) -> list[tuple[Entry, int]]:
    """The glossary entries the articles name with their weight, heaviest
    first (then named by more articles, then glossary order): a headline
    counts HEADLINE, a first paragraph (its dateline left out) FIRST, the
    rest of the lead LEAD (headings and links to other stories left out),
    added over the articles. News agencies are left out: a credit names who
    wrote the story, not what it is about."""
    order = {id(e): n for n, e in enumerate(glossary.entries)}
    weight: Counter[int] = Counter()
    articles: Counter[int] = Counter()
    entries: dict[int, Entry] = {}
    for a in members:
        paragraphs = _news(a)
        first = without_dateline(paragraphs[0]) if paragraphs else ""
        lead, skipped = range(1, min(LEAD_PARAGRAPHS, len(paragraphs))), asides(paragraphs)
        parts = (
            (a.title, HEADLINE),
            (first, FIRST),
            ("\n".join(paragraphs[i] for i in lead if i not in skipped), LEAD),
        )
        seen: set[int] = set()
        for text, value in parts:
            text = without_currency_issuers(text, a.lang)
            for e in glossary.mentioned(text, a.lang) if text else []:
                if e.kind == "agency":
                    continue
                weight[id(e)] += value
                entries[id(e)] = e
                seen.add(id(e))
        articles.update(seen)
    ranked = sorted(entries, key=lambda k: (-weight[k], -articles[k], order[k]))
    return [(entries[k], weight[k]) for k in ranked]


# Currencies by name, after a number or scale: the country a sum's currency
# is named for ("62 million Omani riyals", "5 ملايين دينار ليبي") is not a
# place of the story, which may be aid that another country gives.
_MONEY_EN = (
    r"dollars?|euros?|pounds?|dinars?|dirhams?|riy?als?|rials?|liras?|lire|francs?|rupees?"
    r"|yuan|yen|roubles?|rubles?|pesos?|shekels?|shillings?"
)
_MONEY_AR = r"دولار|دينار|دنانير|ريال|درهم|دراهم|جنيه|ليرة|ليره|روبية|يوان|روبل|فرنك|شيكل|شيقل"
_SCALED = (
    r"(?:\d|\b(?:million|billion|thousand|bn)\b"
    r"|(?<!\w)(?:مليون|ملايين|مليار|مليارات|ألف|آلاف|الف|الاف))"
)
_CURRENCY_ISSUER: dict[Lang, re.Pattern[str]] = {
    # "62 million Omani riyals", "5 million U.S. dollars" (one or two words).
    "en": re.compile(rf"{_SCALED}\s+(?P<whose>(?:[A-Z][\w.]*\s+){{1,2}})(?:{_MONEY_EN})\b"),
    # The adjective after the noun: "دينار ليبي", "ليرة تركية", and after an
    # accusative "دينارا ليبيا"; not "دولار لليبيا" (a sum for Libya).
    "ar": re.compile(
        rf"{_SCALED}\s+(?:{_MONEY_AR})(?:(?P<acc>ا)|ات)?\s+"
        r"(?P<whose>(?!لل)(?:ال)?\w+?(?:ي|ية|يه|يين|يون|(?(acc)يا|(?!))))(?!\w)"
    ),
}


def without_currency_issuers(text: str, lang: Lang) -> str:
    """`text` with the country-adjective of each currency named after a sum
    blanked out ("62 million Omani riyals", "5 ملايين دينار ليبي"): a
    country named only there is not where the story happens."""
    pattern = _CURRENCY_ISSUER[lang]
    return pattern.sub(lambda m: _blank(m, "whose"), text)


def _blank(match: re.Match[str], group: str) -> str:
    start, end = match.span(group)
    whole = match.group()
    offset = match.start()
    return whole[: start - offset] + " " * (end - start) + whole[end - offset :]


# Words that make a capitalized run something other than a name.
_NOT_A_NAME = EN_TRANSLATED | NOT_NAMES
# Titles a name may follow ("Chairman Michael Steele").
_EN_ROLES = frozenset(
    [
        "chairman",
        "chairwoman",
        "president",
        "senator",
        "sen",
        "minister",
        "secretary",
        "governor",
        "mayor",
        "general",
        "leader",
        "chief",
        "spokesman",
        "spokeswoman",
        "ambassador",
        "envoy",
        "king",
        "queen",
        "prince",
        "pope",
        "judge",
        "justice",
        "director",
        "commander",
        "representative",
        "rep",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prime",
        "former",
    ]
)
# A run of two or three capitalized words: a name the glossary may not have.
_EN_RUN = re.compile(
    r"(?<![\w’'.-])[A-Z][a-z]+(?:[-’'][A-Za-z]+)?(?:\s+[A-Z][a-z]+(?:[-’'][A-Za-z]+)?){1,2}"
)


def other_names(members: Sequence[Article], glossary: Glossary) -> list[str]:
    """Names of people and places the English first paragraphs give that
    the glossary does not have (see `_other_names`)."""
    return [name for name, _ in _other_names(members, glossary)]


def _other_names(members: Sequence[Article], glossary: Glossary) -> list[tuple[str, bool]]:
    """(name, whether a headline gives it) for the names of people and
    places the English first paragraphs give that
    the glossary does not have ("Michael Steele", "Port Elwen"), most
    articles first, at most MAX_WHO: runs of capitalized words with no
    weekday, month or word a translation renders by meaning ("National
    Committee"), a title before them left out ("Chairman"). Headlines, in
    title case, only count a name a lead gives. A name in a headline or in
    most leads counts; a shorter form ("Steele") joins the full one."""
    counts: Counter[str] = Counter()
    full: dict[str, str] = {}
    english = [a for a in members if a.lang == "en"]
    for a in english:
        paragraphs = _news(a)
        lead = without_dateline(paragraphs[0]) if paragraphs else ""
        seen: set[str] = set()
        for match in _EN_RUN.finditer(lead):
            tokens = match.group().split()
            while tokens and tokens[0].casefold() in _EN_ROLES:
                tokens.pop(0)
            run = " ".join(tokens)
            common = any(t.casefold() in _NOT_A_NAME for t in tokens)
            if not tokens or common or glossary.mentioned(run, "en"):
                continue
            last = tokens[-1]
            if len(run) > len(full.get(last, "")):
                full[last] = run
            seen.add(last)
        counts.update(seen)
    headline = {
        n for n in counts if any(re.search(rf"\b{re.escape(n)}\b", a.title) for a in english)
    }
    kept = [n for n in counts if n in headline or 2 * counts[n] > len(english)]
    kept.sort(key=lambda n: (-counts[n], n not in headline, full[n]))
    return [(full[n], n in headline) for n in kept[:MAX_WHO]]


# Words that make a capitalized run the name of a place, not of whoever acts:
# "Red Sea" is where a story happens, and the Arabic note listed it among its
# parties (الأطراف).
_EN_PLACE_WORDS = frozenset(
    [
        "airport",
        "bay",
        "bridge",
        "canal",
        "coast",
        "dam",
        "desert",
        "gulf",
        "harbor",
        "harbour",
        "island",
        "islands",
        "lake",
        "mount",
        "mountains",
        "ocean",
        "peninsula",
        "port",
        "river",
        "sea",
        "strait",
        "valley",
    ]
)


def _is_place(name: str) -> bool:
    return any(word.casefold() in _EN_PLACE_WORDS for word in name.split())


def _lead_texts(members: Sequence[Article]) -> list[tuple[str, Lang]]:
    """Each article's headline and first two paragraphs, from its news lead
    on and without a first paragraph that is only a dateline ("Thursday,
    February 21, 2019": when it was written, which the note gives as such)."""
    texts = []
    for a in members:
        paragraphs = list(_news(a))
        if opens_on_dateline(paragraphs):
            paragraphs = paragraphs[1:]
        texts.append((normalize("\n".join((a.title, *paragraphs[:2]))), a.lang))
    return texts


def _news(article: Article) -> Sequence[str]:
    """The article's paragraphs from its news lead on (`text.news_paragraphs`)."""
    return news_paragraphs(
        article.paragraphs, article.published.year if article.published else None
    )


def _unit_index(written: str, lang: Lang) -> int:
    for n, pattern in enumerate(_UNIT_RES[lang]):
        if pattern.match(written):
            return n
    return -1


def text_figures(text: str, lang: Lang) -> list[tuple[str, int, int, int]]:
    """(number, scale, unit, issuer) of each figure with a known unit in
    `text` (normalized, `text.normalize`), in order. `scale` indexes ("",
    billion, million, thousand), `unit` indexes `UNITS`, `issuer` `ISSUERS`
    (0 when the text does not say whose currency)."""
    return [(n, scale, unit, issuer) for n, scale, unit, _, issuer in _figure_matches(text, lang)]


def unit_figures(text: str, lang: Lang) -> list[tuple[float, frozenset[int]]]:
    """Each figure with a known unit in `text` (normalized) as its value and
    the units (indexes of `UNITS`) it can be in: "pounds" without "£" or
    "sterling" can be sterling or the Egyptian pound; "people" can be any
    count of people (dead, injured, soldiers...) unless the text says what
    befell them ("killing 12 people", "مقتل 12 شخصا", "91 were injured"),
    and so is a number the text gives only that way; any other figure is in
    one unit."""
    befell: dict[float, set[int]] = {}
    for unit, pattern in _CASUALTIES[lang]:
        for m in pattern.finditer(text):
            number = (m.groupdict().get("n") or m.group("n2")).replace(",", "")
            befell.setdefault(float(number), set()).add(unit)
    found = []
    counted = set()
    for number, scale, unit, written, _ in _figure_matches(text, lang):
        value = float(number) * _SCALE_FACTORS[scale]
        units = {unit}
        if lang == "en" and re.fullmatch(r"pounds?", written):
            units.add(_EGYPTIAN_POUND)
        if unit == _PEOPLE:
            units = befell.get(value) or set(_PEOPLE_UNITS)
            counted.add(value)
        found.append((value, frozenset(units)))
    found += [(value, frozenset(units)) for value, units in befell.items() if value not in counted]
    return found


def _figure_matches(text: str, lang: Lang) -> Iterator[tuple[str, int, int, str, int]]:
    """(number, scale, unit, unit as written, issuer) of each figure with a
    known unit in `text`."""
    for m in _FIGURES[lang].finditer(text):
        number, unit_text = m.group("n"), m.group("unit") or ""
        cur = m.groupdict().get("cur") or ""
        scale = _SCALES.get(m.group("scale") or "", "")
        if scale == "billion" and m.group("scale") == "b" and not cur and "$" not in unit_text:
            scale = ""
        unit = _unit_index(unit_text, lang) if unit_text else -1
        if cur:
            unit = _CURRENCY[cur]
        if unit < 0:
            continue
        number = number.replace(",", "")
        if "." in number:  # "8.00 percent" is the "8%" of the headline
            number = number.rstrip("0").rstrip(".")
        # "Egyptian pounds" names its issuer inside the unit.
        said = m["issuer"] or (unit_text.split()[0] if unit_text else "")
        issuer = next(
            (n for n, (en, ar) in enumerate(ISSUERS) if said in (en.lower(), normalize(ar))), 0
        )
        yield number, _SCALE_NAMES.index(scale), unit, cur or unit_text, issuer


def figures(members: Sequence[Article]) -> list[tuple[str, int, int, int]]:
    """(number, scale, unit, currency) of the figures with a known unit in
    the articles' headlines and first two paragraphs, most articles first,
    then first seen (see `text_figures`)."""
    counts: Counter[tuple[str, int, int, int]] = Counter()
    first: dict[tuple[str, int, int, int], int] = {}
    for text, lang in _lead_texts(members):
        for key in dict.fromkeys(text_figures(text, lang)):
            counts[key] += 1
            first.setdefault(key, len(first))
    ranked = sorted(counts, key=lambda k: (-counts[k], first[k]))
    return ranked[:MAX_FIGURES]


def dates(members: Sequence[Article]) -> list[tuple[int, int, int]]:
    """(year, month, day) of the dates and years the headlines and first two
    paragraphs give (0 for a part not given), most articles first; a date
    that another one says more fully is left out, and so are resolution
    numbers that look like years. A year alone is background, not the
    story's date ("with the outbreak of the crisis in 2011"), when it is
    earlier than the articles were published or only one of several
    articles gives it, and a forecast ("inflation will ease in 2027") when
    it is later."""
    counts: Counter[tuple[int, int, int]] = Counter()
    first: dict[tuple[int, int, int], int] = {}
    for text, lang in _lead_texts(members):
        found = []
        text = _RESOLUTION[lang].sub(" ", text)
        for m in _DATES[lang].finditer(text):
            g = {k: v for k, v in m.groupdict().items() if v}
            year = int(g.get("y") or g.get("y2") or g.get("y3") or g.get("y4") or 0)
            day = int(g.get("d") or g.get("d2") or 0)
            month_text = g.get("m") or g.get("m2") or ""
            month = _month(month_text, lang) if month_text else 0
            if not (1 <= day <= 31):
                day = 0
            if month == 0 and year == 0:
                continue
            found.append((year, month, day))
        for key in dict.fromkeys(found):
            counts[key] += 1
            first.setdefault(key, len(first))
    # "March" says less than "5 March", "2018" less than "14 March 2018".
    fuller = [
        k
        for k in counts
        if not any(
            o != k and (k[0] in (0, o[0])) and (k[1] in (0, o[1])) and (k[2] in (0, o[2]))
            for o in counts
        )
    ]
    published = [a.published.year for a in members if a.published]
    fuller = [
        k
        for k in fuller
        if k[1:] != (0, 0)
        or not (
            k[0] < min(published, default=k[0])
            or k[0] > max(published, default=k[0])
            or (len(members) > 1 and counts[k] < 2)
        )
    ]
    ranked = sorted(fuller, key=lambda k: (-counts[k], first[k]))
    return ranked[:MAX_DATES]


def _month(written: str, lang: Lang) -> int:
    if lang == "en":
        return _MONTHS_EN.index(written[:3]) + 1
    return next(n for n, names in enumerate(_MONTHS_AR, 1) if written in names)


def resolutions(members: Sequence[Article]) -> list[str]:
    """UN resolution numbers the articles' leads give, in order first seen."""
    found: list[str] = []
    for a in members:
        text = normalize("\n".join((a.title, *_news(a)[:LEAD_PARAGRAPHS])))
        found += [m.group(1) for m in _RESOLUTION[a.lang].finditer(text)]
    return list(dict.fromkeys(found))[:MAX_FIGURES]


def gist(members: Sequence[Article], glossary: Glossary) -> Gist:
    """What can be said of the topic in the other language without translation."""
    ranked = ranked_entries(members, glossary)
    alone = len(members) == 1
    kept = [e for e, w in ranked if w >= MIN_WEIGHT or (alone and e.kind == "person")] or [
        e for e, _ in ranked[:2]
    ]
    undated = not any(a.published for a in members)
    bounds = [a.not_before for a in members if a.not_before]
    names = _other_names(members, glossary)
    return Gist(
        names=tuple(name for name, _ in names),
        headlined=tuple(name for name, headlined in names if headlined),
        who=tuple(e for e in kept if e.kind in WHO_KINDS)[:MAX_WHO],
        where=tuple(_cities_first([e for e in kept if e.kind in WHERE_KINDS][:MAX_WHERE])),
        figures=tuple(figures(members)),
        dates=tuple(dates(members)),
        resolutions=tuple(resolutions(members)),
        not_before=max(bounds) if undated and bounds else None,
    )


def _cities_first(places: Sequence[Entry]) -> list[Entry]:
    """`places` as an editor lists them: a country ranked right before one
    of its cities or its capital follows it instead ("Casablanca, Morocco",
    not "Morocco, Casablanca"). Nothing else moves: a city ranked after
    another country stays there, so that the first places (those the
    contents line shows) are still the heaviest ones."""
    ordered, n = list(places), 0
    while n < len(ordered) - 1:
        country, city = ordered[n], ordered[n + 1]
        if country.kind == "country" and city.country in country.accepted("en"):
            ordered[n : n + 2] = city, country
            n += 1
        n += 1
    return ordered


def _arabic_form(number: str, forms: tuple[str, str, str]) -> str:
    """The form of an Arabic noun after a number written in digits:
    3-10 take the plural, 11-99 the accusative singular, the rest (100,
    1000, decimals) the genitive singular; by the number's last two digits."""
    if "." in number:
        return forms[0]
    rest = int(number) % 100
    if 3 <= rest <= 10:
        return forms[2]
    if 11 <= rest <= 99:
        return forms[1]
    return forms[0]


def write_figure(figure: tuple[str, int, int, int], lang: Lang) -> str:
    """A figure as `lang` writes it: "$8 billion", "23 diplomats", "23 دبلوماسيا",
    "62 million Omani riyals", "5 ملايين دينار ليبي"."""
    number, scale, unit_index, issuer = figure
    unit = UNITS[unit_index]
    whose_en, whose_ar = ISSUERS[issuer] if unit.money and not unit.currency else ("", "")
    shown = f"{int(number):,}" if number.isdigit() and len(number) > 4 else number
    scale_name = _SCALE_NAMES[scale]
    if lang == "en" and scale_name == "thousand" and number.isdigit():
        # English writes "78,000 people", not "78 thousand people".
        number, scale_name = str(int(number) * 1000), ""
        shown = f"{int(number):,}"
    if lang == "en":
        many = number != "1"
        scaled = f"{shown} {scale_name}" if scale_name else shown
        if unit.currency:
            return f"{unit.currency}{scaled}"
        if unit.en[1] == "%":
            return f"{scaled}%"
        named = unit.en[1] if many or scale_name else unit.en[0]
        return f"{scaled} {whose_en} {named}" if whose_en else f"{scaled} {named}"
    if unit.ar[0] == "%":
        return f"{shown}%"
    if scale_name:
        # The scale is in construct with the unit: "78 ألف شخص", never "ألفا".
        singular, _, plural = _SCALE_AR[scale_name]
        scale_word = _arabic_form(number, (singular, singular, plural))
        return f"{shown} {scale_word} {unit.ar[0]}" + (f" {whose_ar}" if whose_ar else "")
    if whose_ar:
        # The adjective agrees: "ريال عماني", "ريالا عمانيا", "ريالات عمانية".
        genitive, accusative, plural = unit.ar
        forms = (f"{genitive} {whose_ar}", f"{accusative} {whose_ar}ا", f"{plural} {whose_ar}ة")
        return f"{shown} {_arabic_form(number, forms)}"
    return f"{shown} {_arabic_form(number, unit.ar)}"


def describe(found: Gist, lang: Lang) -> list[tuple[str, list[str]]]:
    """The gist's parts as `lang` writes them, as (label field, items) for
    `labels.unavailable_notice`. A name the glossary lacks is a place when
    a word of it says so ("Red Sea", "Port Elwen"), else one of who."""
    names = list(found.names) if lang == "ar" else []
    places = [n for n in names if _is_place(n)]
    return [
        ("who", _who(found, lang, places)),
        ("where", [e.preferred(lang) for e in found.where] + places),
        ("when", [write_date(d, lang) for d in found.dates]),
        ("figures", [write_figure(f, lang) for f in found.figures]),
        ("resolutions", list(found.resolutions)),
    ]


def _who(found: Gist, lang: Lang, places: Sequence[str]) -> list[str]:
    """Who the topic is about in `lang`: in Arabic, the names a headline
    gives in Latin script come first ("Michael Steele" before the party he
    chairs), then the glossary's, then the other names; names that are
    `places` are not who."""
    glossary = [e.preferred(lang) for e in found.who]
    if lang != "ar":
        return glossary
    people = [n for n in found.names if n not in places]
    first = [n for n in people if n in found.headlined]
    return [*first, *glossary, *(n for n in people if n not in first)]


def write_date(date: tuple[int, int, int], lang: Lang) -> str:
    """A date as `lang` writes it, with only the parts the text gave."""
    year, month, day = date
    months = LABELS[lang].months
    parts = [
        str(day) if day and month else "",
        months[month - 1] if month else "",
        str(year) if year else "",
    ]
    return " ".join(p for p in parts if p)
