"""Extractive summaries: the offline mode, and the LLM path's fallback.

For each topic and language, the few most central, non-redundant sentences of
the topic's articles in that language, quoted exactly and cited to their
article and paragraph. Nothing is invented: every sentence is a substring of
the paragraph it cites.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..dates import MONTHS
from ..embed import Vectors, embed
from ..labels import unavailable_notice
from ..models import LANGS, Article, Citation, Group, Lang, Sentence, Summary
from ..text import (
    alternation,
    ascii_digits,
    asides,
    detect_lang,
    filed_lead,
    news_lead,
    split_sentences,
    without_connective,
    without_dateline,
)
from .checks import numbers
from .crossing import describe, gist, ranked_entries
from .glossary import Entry, Glossary
from .subjects import NOT_NAMES

# News puts the substance first; later paragraphs rarely beat the lead and
# would make the embedding cost grow with article length.
LEAD_PARAGRAPHS = 5
MAX_CANDIDATES = 10
MIN_WORDS, MAX_WORDS = 6, 60
# Candidates are embedded in batches of about this many sentences, which keeps
# memory flat however many topics there are.
BATCH = 2048
# Candidates this similar to a chosen sentence say the same thing again
# (cosines of one topic's sentences run 0.3-0.9; several outlets' leads of
# one event 0.6-0.8)...
REDUNDANT = 0.7
# ...and so do ones this similar that report a figure it reports: "23
# diplomats" in three outlets' leads is one fact, told once. (Years are no
# such figure: "2018" dates a story, it does not tell it.)
SAME_FIGURE_REDUNDANT = 0.55
# Weight of centrality against novelty in maximal marginal relevance.
MMR_LAMBDA = 0.7
# Publication dates named in a section with no sources in its language.
MAX_DATES = 3
# An article's first sentence says what happened; the summary's first
# sentence is preferred among them by this much (cosines run 0.3-0.9 between
# sentences of one topic).
LEAD_BONUS = 0.1
# Each sentence already taken from an outlet costs its next one this much,
# so that a topic reported by several outlets is not told by one.
OUTLET_PENALTY = 0.08
# Openings that refer back to something said before: "he said", "وأضاف",
# "the charges", "كما", a reply ("وردّت الشركة", "In response"). Such a
# sentence is quoted only after the sentence before it in its article.
_BACK_REFERENCE = re.compile(
    r"^(?:[\"'«“]?\s*)(?:he|she|they|it|his|her|their|its|this|these|those|that|such|"
    r"also|but|however|meanwhile|moreover|still|yet|and|in response|responding|"
    r"the (?:charges?|move|decision|"
    r"statement|announcement|comments?|remarks?|report|attack|incident|same)|"
    r"و?أضاف\w*|و?تابع\w*|و?قال\w*|و?أكد\w*|و?شدد\w*|و?ختم\w*|و?أشار\w*|و?أوضح\w*|و?لفت\w*|و?اعتبر\w*|"
    r"و?ردّ?(?:ت|وا)?|و?رداً?|كما|وكان\w*|وكانت|و?هذا|و?هذه|و?ذلك|و?تلك|و?صدر\w*|"
    r"و?لكن(?:ه|ها|هم|هما)?|إلا أن|غير أن|و?(?:يأتي|تأتي|جاء|جاءت) (?:ذلك|هذا|هذه)|"
    r"ففي|حيث|من جانب\w*|من جهت\w*|في المقابل|وبالمقابل|رغم (?:ذلك|هذا|كل هذا))(?!\w)",
    re.IGNORECASE,
)

# A speaker or subject named only by a pronoun, anywhere in the sentence
# ('"It was so difficult," he said', 'Saying he was outraged, he accused'),
# or one of a list told before ("One is notification"), or a measure
# given before ("would not go that far"): quoted alone, it is taken for
# whoever the sentence before it in the briefing names.
_UNNAMED_SPEAKER = re.compile(
    r"(?:^|[,;:\"”’]\s*)(?:he|she|they)\s+(?:said|says|added|told|wrote|noted|argued|"
    r"accused|warned|insisted|explained|stressed|continued|asked|replied)\b|"
    r"^saying\s+(?:he|she|they)\b|^(?:one|another|the\s+other)\s+(?:is|was)\b|"
    r"\bthat\s+far\b|"
    r"[\"”»]\s*،?\s*(?:قال|قالت|أضاف|أضافت|تابع|تابعت)\s*[.]?$",
    re.IGNORECASE,
)

# A sentence that speaks to "you" outside quotation marks is a letter's or a
# speech's, whose writer the sentence before it names ("your comment is more
# than an embarrassment").
_ADDRESSED = re.compile(
    r"\b(?:you|your|yours|yourself|yourselves)\b|(?<!\w)(?:أنت|أنتم|أنتما|أنتن)(?!\w)",
    re.IGNORECASE,
)

# A sentence that says someone said nothing: no news to quote.
_NO_COMMENT = re.compile(
    r"\b(?:did|has|have|had)(?: not|n['’]t) (?:immediately )?"
    r"(?:respond|reply|return)\w* to (?:\w+ )?(?:requests?|inquiries|messages?|e-?mails?)"
    r"|\bdeclined to comment\b|\bcould not be reached\b|\bno immediate comment\b"
    r"|(?<!\w)و?لم (?:ي|ت)(?:رد|تسن|تمكن)\w*(?: \S+){0,3} (?:على|من) (?:طلب|الاتصال|التواصل)"
    r"|(?<!\w)و?رفض\w*(?: \S+){0,3} التعليق",
    re.IGNORECASE,
)
# A headline that speculates or asks rather than says what happened.
_SPECULATIVE = re.compile(
    r"\b(?:could|may|might|would)\b|\?|؟|(?<!\w)(?:قد|ربما|هل|لعل)(?!\w)", re.IGNORECASE
)


@dataclass(frozen=True)
class Candidate:
    article: Article
    paragraph: int
    text: str
    # Its place among the article's candidates (0 = the lead sentence).
    position: int = 0
    # The surname it opens on, which its article gave in full before
    # ("DeMint, who ..." after "Sen. Jim DeMint"); "" when none.
    surname: str = ""
    # Its article's news lead, which calls a place only "the eastern Libyan
    # city": the sentence before it, background kept for that, names it and
    # is quoted with it (`names_place`), never alone.
    describes: bool = False
    names_place: bool = False

    @property
    def lead(self) -> bool:
        """Whether it is its article's news lead, which says what happened."""
        return self.describes or (self.position == 0 and not self.names_place)

    @property
    def refers_back(self) -> bool:
        return self.position > 0 and (
            self.describes
            or _quotation_only(self.text)
            or bool(_BACK_REFERENCE.match(self.text) or _UNNAMED_SPEAKER.search(self.text))
            or bool(_ADDRESSED.search(_QUOTED_SPAN.sub(" ", self.text)))
        )

    @property
    def figures(self) -> frozenset[str]:
        """The numbers it reports, each in every form it can stand for; not
        years nor days of a month, which date a story rather than tell it."""
        return frozenset(
            reading
            for _, readings in numbers(_DAY_OF_MONTH.sub(" ", ascii_digits(self.text)))
            if not readings & _YEARS
            for reading in readings
        )

    def introduces(self, surname: str) -> bool:
        """Whether this sentence gives `surname` with a first name or title."""
        fuller = _ar_fuller(surname) if self.article.lang == "ar" else _fuller(surname)
        return fuller.search(self.text) is not None


_YEARS = frozenset(str(year) for year in range(1900, 2100))
_MONTH = alternation(MONTHS)
_DAY_OF_MONTH = re.compile(
    rf"(?<!\w)\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+|من\s+)?(?:{_MONTH})(?!\w)"
    rf"|(?<!\w)(?:{_MONTH})\s+\d{{1,2}}(?!\d)",
    re.IGNORECASE,
)
_OPENING_QUOTES = '"“«„'
_QUOTED_SPAN = re.compile(r"[\"“«„][^\"”»“«„]*[\"”»]")


def _leaves_open(sentence: str, quoting: bool) -> bool:
    """Whether a quotation is still open after `sentence` (`quoting`: one
    was open before it): a run of quoted sentences, however many
    paragraphs it takes, is no sentence to quote alone."""
    straight = sentence.count('"') % 2 == 1
    curly = sentence.count("“") + sentence.count("«") - sentence.count("”") - sentence.count("»")
    if quoting:
        return not (straight or curly < 0)
    return straight or curly > 0


def _stands_alone(sentence: str) -> bool:
    """Whether a sentence can be quoted by itself: it says more than that
    someone said nothing, does not end by announcing what follows ("Belhaj
    wrote:"), and closes every quotation it opens (a quotation running on
    into the next paragraph is cut)."""
    if _NO_COMMENT.search(sentence) or sentence.rstrip().endswith((":", "：")):
        return False
    pairs = (("“", "”"), ("«", "»"))
    if any(sentence.count(a) != sentence.count(b) for a, b in pairs):
        return False
    return sentence.count('"') % 2 == 0


def _quotation_only(text: str) -> bool:
    """Whether the sentence is a quotation with no one saying it outside
    the quotation marks: its speaker is in the sentence before."""
    text = text.strip()
    if not text or text[0] not in _OPENING_QUOTES:
        return False
    outside = _QUOTED_SPAN.sub(" ", text)
    return len(re.findall(r"[^\W\d_]{2,}", outside)) <= 1


@lru_cache(maxsize=1024)
def _fuller(surname: str) -> re.Pattern[str]:
    """A name ending in `surname` after a first name or title ("Sen. Jim DeMint")."""
    return re.compile(rf"\b[A-Z][\w’'.-]*\s+{re.escape(surname)}\b")


def _opens_on_surname(sentence: str, before: str) -> str:
    """The surname an English sentence opens on when `before` (the article's
    text up to it) gave it after a first name or title and the sentence
    does not ("DeMint, who said ..." after "Sen. Jim DeMint"); else ""."""
    first = re.match(r"([A-Z][\w’'-]+)\b", sentence)
    if not first or first.group(1).casefold() in NOT_NAMES:
        return ""
    fuller = _fuller(first.group(1))
    return first.group(1) if fuller.search(before) and not fuller.search(sentence) else ""


# An Arabic verb of saying that opens a sentence, its subject after it
# ("وقال غوتيريش إن", "وأضافت ويليامز"), conjunction and feminine ending
# allowed.
_AR_SAYING = r"[وف]?(?:قال|أضاف|أكد|أوضح|أشار|تابع|شدد|اعتبر|رأى|لفت|أعلن|دعا|طالب|حذر|ذكر)(?:ت)?"
# The subject a sentence opens on after the verb: one word without the
# article, then what follows a name and never a noun's complement ("إن",
# "في", "لوكالة", a comma or a quotation); "وقال وزير الخارجية" is a title.
_AR_SAID_BY = re.compile(
    rf"^{_AR_SAYING}\s+(?P<name>(?!ال)[^\W\d_]{{3,}})"
    r"(?=\s*[،,:«“\"]|\s+(?:إن|أن|إنه|أنه|إنها|أنها|في|خلال|عقب|بعد|أمام|ل\S+)(?!\S))"
)
# Subjects without the article that are nouns, not names.
_AR_NOT_SURNAMES = frozenset({
    "مسؤول", "مسؤولون", "مصدر", "مصادر", "متحدث", "شاهد", "شهود", "سكان", "مراسل",
    "مراسلنا", "بيان", "خبراء", "ناشطون",
})  # fmt: skip


@lru_cache(maxsize=1024)
def _ar_fuller(surname: str) -> re.Pattern[str]:
    """`surname` after another word that is no verb of saying: a first name
    or title ("أنطونيو غوتيريش", "الأمين العام ... غوتيريش")."""
    return re.compile(rf"(?<!\S)(?!{_AR_SAYING}\s)[^\W\d_]+\s+[وف]?{re.escape(surname)}(?!\w)")


def _ar_opens_on_surname(sentence: str, before: str) -> str:
    """The name an Arabic sentence gives as the bare subject of a verb of
    saying when `before` gave it with a first name or title and the
    sentence does not ("وقال غوتيريش إن" after "أنطونيو غوتيريش"); else ""."""
    said = _AR_SAID_BY.match(sentence.strip())
    if not said or said["name"] in _AR_NOT_SURNAMES:
        return ""
    fuller = _ar_fuller(said["name"])
    return said["name"] if fuller.search(before) and not fuller.search(sentence) else ""


@dataclass(frozen=True)
class Selection:
    """A topic's extractive summaries and titles, per language."""

    summaries: dict[Lang, Summary]
    titles: dict[Lang, str]


def candidates(article: Article) -> list[Candidate]:
    """Sentences of the article's lead paragraphs that can stand alone and
    are written in its language (an English tweet quoted in an Arabic report
    is not quoted in the Arabic section), from its news lead on
    (`text.filed_lead`, `text.news_lead`)."""
    found: list[tuple[int, str]] = []
    # Sentences of background a desk set before the dateline are not the news.
    skipped = asides(article.paragraphs) | frozenset(range(filed_lead(article.paragraphs)))
    quoting = False  # inside a quotation that an earlier sentence opened
    for number, paragraph in enumerate(article.paragraphs[:LEAD_PARAGRAPHS], 1):
        # A quotation runs on into a paragraph that opens with a quotation mark.
        quoting = quoting and paragraph.lstrip()[:1] in _OPENING_QUOTES
        if number - 1 in skipped:
            continue
        for n, sentence in enumerate(split_sentences(paragraph, whole_quotes=True)):
            if n == 0:
                # "WASHINGTON —", "الرباط-": where it was written, not what happened.
                sentence = without_dateline(sentence, strict=True)
            inside, quoting = quoting, _leaves_open(sentence, quoting)
            if inside or not (MIN_WORDS <= len(sentence.split()) <= MAX_WORDS):
                continue
            if _stands_alone(sentence) and detect_lang(sentence) in (None, article.lang):
                found.append((number, sentence))
    if not found and article.paragraphs:
        # A very short article still has something to quote: its first sentence.
        found.append((1, split_sentences(article.paragraphs[0])[0]))
    year = article.published.year if article.published else None
    start = news_lead([text for _, text in found], year)
    if start:
        # Quoted without the background it followed: "Despite all this," goes.
        found[start] = (found[start][0], without_connective(found[start][1]))
    # A lead that only describes a place the background names keeps, first,
    # the sentence that names it.
    naming = _names_described_place(found, start, article.lang)
    kept = found[start:] if naming is None else [found[naming], *found[start:]]
    return [
        Candidate(
            article,
            n,
            text,
            i,
            _surname_after_full_name(article, n, text),
            describes=naming is not None and i == 1,
            names_place=naming is not None and i == 0,
        )
        for i, (n, text) in enumerate(kept[:MAX_CANDIDATES])
    ]


# A place called only by what it is ("the eastern Libyan city", "في
# المدينة"), not followed by its name ("the city of Derna", "the capital,
# Tripoli"); and the same word where it goes with a name ("Derna, a coastal
# city", "مدينة درنة").
_PLACE_NOUNS = {"en": r"city|town|village|port|capital", "ar": r"مدين[ةه]|بلد[ةه]|قري[ةه]"}
_DESCRIBED_PLACE = {
    "en": re.compile(
        rf"\b[Tt]he\s+(?:[\w-]+\s+){{0,3}}?(?P<noun>{_PLACE_NOUNS['en']})\b"
        r"(?!,?\s+(?:of\s+)?[A-Z])"
    ),
    "ar": re.compile(rf"(?<!\w)(?:[وفبك]?ال|[وف]?لل)(?P<noun>{_PLACE_NOUNS['ar']})(?!\w)"),
}
_PLACE_NOUN = {
    "en": re.compile(rf"\b(?P<noun>{_PLACE_NOUNS['en']})\b"),
    "ar": re.compile(rf"(?<!\w)[وفبلك]?(?P<noun>{_PLACE_NOUNS['ar']})(?!\w)"),
}


def _names_described_place(found: Sequence[tuple[int, str]], start: int, lang: Lang) -> int | None:
    """The index of the last of the `found` sentences before the news lead
    (`start`: those before it are background left out) that names the place
    the lead only describes ("the eastern Libyan city" after "Derna, a
    coastal city in eastern Libya"; "في المدينة" after "مدينة درنة"): the
    word for the place, not in a description. None when nothing was left
    out, the lead describes no place or no background sentence names one."""
    if not start:
        return None
    described = {_noun(m["noun"]) for m in _DESCRIBED_PLACE[lang].finditer(found[start][1])}
    for index in reversed(range(start)):
        sentence = found[index][1]
        descriptions = [m.span("noun") for m in _DESCRIBED_PLACE[lang].finditer(sentence)]
        for m in _PLACE_NOUN[lang].finditer(sentence):
            if _noun(m["noun"]) in described and m.span("noun") not in descriptions:
                return index
    return None


def _noun(word: str) -> str:
    return word.replace("ة", "ه")


def _surname_after_full_name(article: Article, paragraph: int, sentence: str) -> str:
    text = article.paragraphs[paragraph - 1]
    before = "\n".join([*article.paragraphs[: paragraph - 1], text[: text.find(sentence)]])
    if article.lang == "ar":
        return _ar_opens_on_surname(sentence, before)
    return _opens_on_surname(sentence, before)


def _centrality(vectors: Vectors) -> Vectors:
    centroid = vectors.mean(axis=0)
    scores: Vectors = np.asarray(
        vectors @ (centroid / max(float(np.linalg.norm(centroid)), 1e-12)), dtype=np.float32
    )
    return scores


def _choose(vectors: Vectors, count: int, pool: Sequence[Candidate] = ()) -> list[int]:
    """Indices of up to `count` central, mutually non-redundant rows (MMR);
    one more when the last is a lead that brings its background (below).

    With the candidates (`pool`), lead sentences are preferred, each outlet
    already quoted costs its next sentence a little (several outlets tell a
    topic better than one, and what they share is central anyway), a
    sentence that refers back ("he said", "وأضاف") waits until the sentence
    before it in its article is chosen, and a lead that only describes a
    place brings the background sentence that names it."""
    centrality = _centrality(vectors)
    leads = np.array([c.lead for c in pool], dtype=np.float32)
    chosen: list[int] = []
    novelty = np.zeros(len(vectors), dtype=np.float32)
    available = np.ones(len(vectors), dtype=bool)
    quoted: dict[str, int] = {}
    while len(chosen) < count and available.any():
        score = MMR_LAMBDA * centrality - (1 - MMR_LAMBDA) * novelty
        if pool and not chosen:
            # The summary opens with what happened: an article's lead.
            score = score + np.float32(LEAD_BONUS) * leads
        if pool:
            score = score - OUTLET_PENALTY * np.array([quoted.get(_outlet(c), 0) for c in pool])
            waiting = [
                c.names_place
                or (c.refers_back and not c.describes and not _after_chosen(c, pool, chosen))
                for c in pool
            ]
            score[waiting] = -np.inf
            # "DeMint said" only once a chosen sentence has said who DeMint is.
            score[[_unintroduced(c, pool, chosen) for c in pool]] = -np.inf
        score[~available] = -np.inf
        if not np.isfinite(score).any():
            break
        best = int(np.argmax(score))  # argmax takes the first maximum: deterministic
        taken = [best]
        if pool and pool[best].describes:
            taken.insert(0, pool.index(next(c for c in pool if _names_for(c, pool[best]))))
        for index in taken:
            chosen.append(index)
            if pool:
                quoted[_outlet(pool[index])] = quoted.get(_outlet(pool[index]), 0) + 1
            similarity = vectors @ vectors[index]
            novelty = np.maximum(novelty, similarity)
            available &= similarity < REDUNDANT
            available[index] = False
            if pool:
                shared = np.array([bool(c.figures & pool[index].figures) for c in pool])
                available &= ~shared | (similarity < SAME_FIGURE_REDUNDANT)
    return chosen


def _names_for(candidate: Candidate, lead: Candidate) -> bool:
    """Whether `candidate` is the background sentence that names the place
    `lead` only describes."""
    return (
        candidate.names_place
        and candidate.article.id == lead.article.id
        and candidate.position == lead.position - 1
    )


def _outlet(candidate: Candidate) -> str:
    """The outlet a candidate is from ("" when unknown: never balanced)."""
    return candidate.article.source


def _unintroduced(candidate: Candidate, pool: Sequence[Candidate], chosen: list[int]) -> bool:
    """Whether `candidate` opens on a surname no chosen sentence introduces."""
    surname = candidate.surname
    return bool(surname) and not any(pool[i].introduces(surname) for i in chosen)


def _after_chosen(candidate: Candidate, pool: Sequence[Candidate], chosen: list[int]) -> bool:
    """Whether the sentence before `candidate` in its article is chosen."""
    return any(
        pool[i].article.id == candidate.article.id and pool[i].position == candidate.position - 1
        for i in chosen
    )


def _central_title(pool: Sequence[Candidate], rows: Vectors, topic: Vectors) -> str:
    """The title of the article most central to the topic (its sentences'
    mean against the centroid of the `topic`'s sentences in both languages):
    the headline that represents the whole topic, not one outlet's angle. A
    given headline beats one derived from a lead, and one that states what
    happened beats one that speculates or asks ("Steele's End Could Be
    Near", "هل ...؟")."""
    centroid = topic.mean(axis=0)
    centrality = rows @ (centroid / max(float(np.linalg.norm(centroid)), 1e-12))
    by_article: dict[str, list[float]] = {}
    titles: dict[str, tuple[bool, str]] = {}
    for c, value in zip(pool, centrality.tolist(), strict=True):
        if c.article.title:
            by_article.setdefault(c.article.id, []).append(value)
            titles[c.article.id] = (c.article.title_source != "derived", c.article.title)
    if not by_article:
        return ""
    best = max(
        sorted(by_article),
        key=lambda a: (
            titles[a][0],
            not _SPECULATIVE.search(titles[a][1]),
            sum(by_article[a]) / len(by_article[a]),
        ),
    )
    return titles[best][1]


def select_topics(
    groups: Mapping[str, Group],
    articles: Mapping[str, Article],
    sentences_per_language: int,
    on_topic: Callable[[], None] | None = None,
) -> dict[str, Selection]:
    """Extractive summaries and titles for every topic, keyed by topic id."""
    selections: dict[str, Selection] = {}
    batch: list[tuple[str, dict[Lang, list[Candidate]]]] = []
    size = 0

    def flush() -> None:
        # Embedding many sentences in one call is what makes the encoder fast.
        flat = [c for _, pools in batch for lang in LANGS for c in pools[lang]]
        vectors = embed([c.text for c in flat])
        offset = 0
        for tid, pools in batch:
            summaries: dict[Lang, Summary] = {}
            titles: dict[Lang, str] = {}
            # The whole topic, in both languages, is what a headline must represent.
            everything = vectors[offset : offset + sum(len(p) for p in pools.values())]
            for lang in LANGS:
                pool = pools[lang]
                rows = vectors[offset : offset + len(pool)]
                offset += len(pool)
                chosen = _choose(rows, sentences_per_language, pool) if pool else []
                picked = _reading_order([pool[i] for i in chosen], pool)
                summaries[lang] = _summary(lang, picked, has_sources=bool(pool))
                title = _central_title(pool, rows, everything) if pool else ""
                if title:
                    titles[lang] = title
            selections[tid] = Selection(summaries, titles)
            if on_topic:
                on_topic()
        batch.clear()

    for tid, group in groups.items():
        members = [articles[a] for a in group.article_ids]
        pools = {
            lang: [c for a in members if a.lang == lang for c in candidates(a)] for lang in LANGS
        }
        batch.append((tid, pools))
        size += sum(len(p) for p in pools.values())
        if size >= BATCH:
            flush()
            size = 0
    if batch:
        flush()
    return {tid: selections[tid] for tid in groups}


def _reading_order(picked: Sequence[Candidate], pool: Sequence[Candidate]) -> list[Candidate]:
    """`picked` in the order the sources tell it: leads first, and a
    sentence that refers back right after the one it refers to, with no
    other outlet's sentence between them to take its "he"."""
    ordered = sorted(picked, key=lambda c: (c.paragraph, c.position, pool.index(c)))
    here = {(c.article.id, c.position) for c in ordered}
    follows = {
        (c.article.id, c.position - 1): c
        for c in ordered
        if c.refers_back and (c.article.id, c.position - 1) in here
    }
    reading: list[Candidate] = []
    for c in ordered:
        if c in follows.values():
            continue
        reading.append(c)
        while (c.article.id, c.position) in follows:
            c = follows[c.article.id, c.position]
            reading.append(c)
    # A sentence that opens on a surname comes after the one that introduces it.
    for c in [c for c in reading if c.surname]:
        introducer = next((i for i, o in enumerate(reading) if o.introduces(c.surname)), None)
        if introducer is not None and reading.index(c) < introducer:
            reading.remove(c)
            reading.insert(introducer, c)
    return reading


def _summary(lang: Lang, picked: Sequence[Candidate], *, has_sources: bool) -> Summary:
    if not has_sources:
        return Summary(lang, (), "unavailable", unavailable_notice(lang))
    sentences = tuple(Sentence(c.text, (Citation(c.article.id, c.paragraph),)) for c in picked)
    return Summary(lang, sentences, "extractive")


def central_entries(members: Sequence[Article], glossary: Glossary) -> list[Entry]:
    """The glossary entries the topic's articles name, most central first
    (`crossing.ranked_entries`: headline and first-paragraph mentions weigh
    more, added over the articles; news agencies' credits and datelines
    left out). A name one article mentions in passing ("the Libya model")
    ranks below the topic's own actors and places."""
    return [e for e, _ in ranked_entries(members, glossary)]


def name_entities(
    selections: Mapping[str, Selection],
    groups: Mapping[str, Group],
    articles: Mapping[str, Article],
    glossary: Glossary,
) -> dict[str, Selection]:
    """The selections, where a language has no sources, saying in that
    language what can be said without translation (`crossing.gist`): who
    and where through the glossary, the dates, figures and UN resolutions
    the text gives, when it was published, and a pointer to the other
    language's section."""
    named: dict[str, Selection] = {}
    for tid, selection in selections.items():
        missing = [lang for lang, s in selection.summaries.items() if s.method == "unavailable"]
        if not missing:
            named[tid] = selection
            continue
        members = [articles[a] for a in groups[tid].article_ids]
        found = gist(members, glossary)
        published = sorted({a.published.date() for a in members if a.published})
        # A date no source gives but only its text suggests is shown as such.
        given = {a.published.date() for a in members if a.published and a.date_source != "inferred"}
        inferred = set(published) - given
        summaries = dict(selection.summaries)
        for lang in missing:
            notice = unavailable_notice(
                lang, describe(found, lang), published[:MAX_DATES], found.not_before, inferred
            )
            summaries[lang] = Summary(lang, (), "unavailable", notice)
        named[tid] = Selection(summaries, selection.titles)
    return named
