"""Who a text names and who it says did or said what (summary stage).

Takes a sentence or a paragraph in English or Arabic and the glossary; gives
its actors (`Actor`: glossary and role entries, `prompts/actors.toml`, and
names no entry covers), the subject of each reporting verb ("X said",
"قال X", "according to X", "بحسب X"), the agent of each English passive
("started by X") and the names it gives: runs of capitalized English words,
and Arabic words after a title ("السيناتور جون ماكين"). `actors` holds them
against the paragraphs a sentence cites.

Subjects are found by position, not parsed: the words before an English
reporting verb back to a clause boundary (or before an apposition: "X, the
union's head, said"), the words after an Arabic one up to a preposition, a
day or "أن", a name only at the start or after a title. A subject that
cannot be told (a pronoun, "critics") is not `known`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..models import Lang
from ..text import normalize, words
from .glossary import Entry, Glossary
from .names import role_glossary


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- finding subjects --------------------------------------------------------

_EN_VERBS = (
    "said|says|say|told|tells|announced|announces|denied|denies|accused|accuses|reported|"
    "stated|added|adds|claimed|warned|warns|insisted|insists|suggested|suggests|described|"
    "describes|confirmed|confirms|argued|argues|wrote|tweeted|declared|acknowledged|admitted|"
    "urged|urges|criticized|criticised|blamed|explained|stressed|demanded|demands"
)
_EN_REPORT = re.compile(rf"\b(?:{_EN_VERBS})\b|\baccording to\b")
_EN_BOUNDARY = re.compile(
    r"[,;:!?()“”\"«»]|(?<!\b[A-Z])\.|\b(?:that|and|but|while|when|after|before|because|which|who|as|where|if|"
    r"since|to|in|on|at|for|with|from|over|about|against|into|during|under)\b"
)
# Where a subject before its verb begins: punctuation or a conjunction, not
# a preposition ("the Russian embassy in London said").
_EN_CLAUSE = re.compile(
    r"[,;:!?()“”\"«»]|(?<!\b[A-Z])\.|\b(?:that|and|but|while|when|after|before|because|which|"
    r"who|as|where|if|since)\b"
)
_AR_VERBS = (
    "قال|قالت|يقول|تقول|اعلن|اعلنت|يعلن|تعلن|اكد|اكدت|يوكد|توكد|نفي|نفت|ينفي|تنفي|اتهم|اتهمت|"
    "يتهم|تتهم|اضاف|اضافت|وصف|وصفت|يصف|تصف|افاد|افادت|ذكر|ذكرت|صرح|صرحت|اوضح|اوضحت|اشار|"
    "اشارت|حذر|حذرت|انتقد|انتقدت|دعا|دعت|طالب|طالبت|اعتبر|اعتبرت|ابلغ|ابلغت|كشف|كشفت|اقترح|"
    "اقترحت|بحسب|حسب|حسبما|وفقا ل|نقلا عن|"
    # With its object: "وفقا لما ذكرته الوزارة" (as the ministry reported it).
    "ذكره|ذكرته|اورده|اوردته|نقله|نقلته"
)
_AR_REPORT = re.compile(rf"(?<!\w)[وف]?(?:{_AR_VERBS})(?!\w)")
_AR_TOKEN = re.compile(r"[\w]+|[^\s\w]")
# Words that end an Arabic subject: particles, prepositions, times.
_AR_STOP = _wordset(
    "ان انه انها انهم في من الي علي عن مع ل ب الا امس اليوم يوم السبت الاحد الاثنين الثلاثاء "
    "الاربعاء الخميس الجمعه صباح مساء خلال بعد قبل عند منذ لدي الذي التي الذين و او ثم ما لا "
    "لم لن قد هذا هذه ذلك تلك كما حيث اذ بان بانه بانها وان وانه ايضا عقب اثر لدي امام "
    "كبير كبار رفيع بارز سابق جديد اخر اول عام رسمي "
    # Quantity words name nobody: "عدد من المحافظين" is "a number of conservatives".
    "عدد عددا بعض معظم اغلب جميع كل "
    # A verbal noun after the subject begins what it said or did ("أعلنت ماي
    # عدم حضور الوزراء": May announced the ministers' absence).
    "عدم اعتزام نيه استعداد رفض "
    # Plural and dual people who are nobody in particular (normalize()d:
    # مؤيدو is مويدو).
    "باحثان باحثون باحثين خبراء محللون كاتب منتقدو منتقدي مويدو مويدي "
    # "المتحدث باسم الوزارة": باسم is "for", not the name Basim.
    "باسم"
)
# Arabic titles after which a name follows ("السيناتور جون ماكين").
_AR_TITLES = _wordset(
    "السيناتور السيد السيده الرئيس رئيس الوزير وزير النائب الجنرال المشير الملك الامير الشيخ "
    "المستشار العقيد اللواء العميد الدكتور المدرب اللاعب الزعيم المتحدث السفير سفير المبعوث "
    "المراسل مراسل المرشح الكاتب المعلق الناشط الحاكم حاكم الباحث باحث الباحثه باحثه الخبير خبير "
    "المحلل محلل"
)
_EN_TITLES = _wordset("mr mrs ms dr sen rep gov gen lt col st")
_EN_COMMON = _wordset(
    "the a an in on at by for from of to and or but as with this that these those it he she "
    "they we i his her their its after before when while on monday tuesday wednesday thursday "
    "friday saturday sunday january february march april may june july august september sept "
    "october november december"
)
# Capitalized words that are not part of a name.
NOT_NAMES = _EN_COMMON | _EN_TITLES
# Capitalized words a translation renders by meaning, not by sound.
EN_TRANSLATED = _wordset(
    "national committee party house white council ministry department office court supreme "
    "union university army navy forces force foreign affairs state states united news agency "
    "north south east west central international world cup peace prize nobel federal "
    "government bank commission assembly league front movement republic kingdom city "
    "square street hospital airport port islamic arab"
)
_PRONOUNS = _wordset("he she they it we i you who which")
_EN_PASSIVE = re.compile(r"\b([a-z]{3,}(?:ed|en|wn))\s+by\s+(?=[A-Z]|the\s|former\s)")
EN_NAME = re.compile(r"[A-Z][\w’'.-]*")
POSSESSIVE = re.compile(r"['’]s?$")


# Entries that say where someone is from rather than who: a subject is
# compared on them only when it has nothing else.
PLACES = frozenset({"nationality", "country", "capital", "city", "territory", "region"})


@dataclass(frozen=True)
class Actor:
    """Who a stretch of text names: glossary and role entries, and names
    (runs of name words, normalized) that no entry covers."""

    text: str
    entries: frozenset[Entry]
    names: tuple[tuple[str, ...], ...]
    # A pronoun ("he added") or, in Arabic, no subject at all ("وأضاف أن"):
    # whoever spoke last.
    pronoun: bool = False

    def core(self) -> tuple[frozenset[Entry], tuple[tuple[str, ...], ...]]:
        """The entries other than nationalities, with the names; a subject
        is compared on its nationality only when it has nothing else."""
        entries = frozenset(e for e in self.entries if e.kind not in PLACES)
        if entries or self.names:
            return entries, self.names
        return self.entries, self.names

    @property
    def known(self) -> bool:
        return bool(self.entries or self.names)


def entries_in(
    text: str, lang: Lang, glossary: Glossary
) -> tuple[set[Entry], list[tuple[int, int]]]:
    """The glossary and role entries `text` names, and where (positions in
    the text as `Glossary.spans` prepares it)."""
    found: set[Entry] = set()
    spans: list[tuple[int, int]] = []
    for table in (glossary, role_glossary(glossary)):
        for start, end, entry in table.spans(text, lang):
            found.add(entry)
            spans.append((start, end))
    return found, spans


def _covered(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def en_names(
    text: str, glossary: Glossary, *, first_is_name: bool = False
) -> list[tuple[str, ...]]:
    """Runs of capitalized words of English `text` that no glossary or role
    entry covers, titles and dates left out ("Ann Coulter", "Fox News"). The
    first word of the text counts only when `first_is_name`."""
    _, spans = entries_in(text, "en", glossary)
    runs: list[list[str]] = [[]]
    for match in re.finditer(r"[^\W\d_][\w’'.-]*", text):
        word = POSSESSIVE.sub("", match.group().rstrip("."))
        name = (
            EN_NAME.fullmatch(match.group()) is not None
            and (match.start() > 0 or first_is_name)
            and word.casefold() not in _EN_COMMON | _EN_TITLES
            and not _covered(spans, match.start(), match.end())
        )
        if name and word:
            # An acronym keeps its case: it is spelled out, not transliterated.
            runs[-1] += [word] if word.isupper() and len(word) > 1 else words(word)
        elif runs[-1]:
            runs.append([])
    return [tuple(r) for r in runs if r]


def ar_tokens(text: str) -> list[str]:
    return _AR_TOKEN.findall(normalize(text))


def _unmarked(text: str) -> str:
    """`text` as written, without the diacritics and tatweel `normalize` drops."""
    return re.sub("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]", "", text)


def _definite(word: str) -> bool:
    return word.startswith(("ال", "وال", "بال", "فال", "كال", "لل"))


# A preposition with a pronoun joined to it ("لديها", with it; "عليهم",
# on them) is no name, whatever title it follows ("سفير بريطانيا لديها").
_AR_PREPOSITIONS = _wordset("لدي عند مع عن من في علي الي ل ب بين امام حول دون ضد منذ")
_AR_PRONOUN_ENDINGS = ("هما", "هم", "هن", "ها", "كم", "نا", "ه", "ك")


def _pronoun_object(word: str) -> bool:
    """Whether `word` (normalize()d) is a preposition with a pronoun suffix."""
    return any(
        word.endswith(end) and word[: -len(end)] in _AR_PREPOSITIONS for end in _AR_PRONOUN_ENDINGS
    )


def _ar_name_word(word: str, after_title: bool = False) -> bool:
    """An Arabic word that may be (part of) a name: not definite, not a
    particle, not a feminine noun ending (nor, unless it follows a title,
    a plural one: "جون" after "السيناتور" is a name)."""
    return (
        word.isalpha()
        and len(word) >= 2
        and word not in _AR_STOP
        and not _pronoun_object(word)
        and not _definite(word)
        and not _AR_REPORT.fullmatch(word)
        and not word.endswith(("ات", "ه"))
        and (after_title or not word.endswith(("ون", "ين")))
    )


_AR_COMPLEMENT = _wordset("في باسم لدي")
_AR_TITLE_REACH = 8


def ar_names(tokens: Sequence[str], start: int, covered: set[int]) -> tuple[str, ...]:
    """The name words after a title at `tokens[start - 1]`: definite words
    and entries (`covered` token indexes) may come before them."""
    names: list[str] = []
    # A title's complement ("المتحدث باسم اللجنة", "الباحث في العلاقات
    # الدولية"): a preposition, then definite words or entries, then the name.
    complement = False
    # A name set off by commas after its title ("السفير البريطاني في روسيا،
    # لوري بريستو، السبت"): it must close with a comma too, or the words
    # after the first comma are the sentence going on ("قال الوزير، خلال").
    apposition, last = False, start
    for index in range(start, min(len(tokens), start + _AR_TITLE_REACH)):
        word = tokens[index]
        if word == "," and not names and not apposition:
            apposition, complement = True, False
            continue
        if not names and not complement and word in _AR_COMPLEMENT:
            complement = True
            continue
        if index in covered or (not names and _definite(word)):
            if names:
                break
            complement = False
            continue
        if complement:
            break
        if not (_ar_name_word(word, after_title=True) or _ar_surname(word, names)):
            break
        if len(names) == 3:
            break
        names.append(word)
        last = index
    if apposition and names and last + 1 < len(tokens) and tokens[last + 1] != ",":
        return ()
    return tuple(names)


def _ar_surname(word: str, names: Sequence[str]) -> bool:
    """A word ending in ات after a first name is a surname ("هدى مزيودات",
    "ياسر عرفات"), not a feminine plural: a plural noun does not follow a
    name directly, and one joined by و or ف starts a new phrase."""
    return (
        bool(names)
        and word.isalpha()
        and word.endswith("ات")
        and len(word) >= 4
        and not word.startswith(("و", "ف"))
        and not _definite(word)
    )


def _ar_covered(tokens: Sequence[str], text: str, glossary: Glossary) -> set[int]:
    """Indexes of the tokens (of normalize(text)) inside a glossary or role entry."""
    _, spans = entries_in(text, "ar", glossary)
    covered, position = set(), 0
    prepared = normalize(text)
    for index, token in enumerate(tokens):
        position = prepared.find(token, position)
        if _covered(spans, position, position + len(token)):
            covered.add(index)
        position += len(token)
    return covered


def _ar_read(text: str, glossary: Glossary) -> tuple[list[str], set[int], list[str]]:
    """An Arabic text's tokens, which of them the glossary covers, and the
    tokens as written (for showing; the tokens themselves if they differ)."""
    tokens = ar_tokens(text)
    covered = _ar_covered(tokens, text, glossary)
    shown = _AR_TOKEN.findall(_unmarked(text))
    if len(shown) != len(tokens):
        shown = tokens
    return tokens, covered, shown


def ar_title_names(text: str, glossary: Glossary) -> list[tuple[str, ...]]:
    """Names an Arabic text gives after a title ("السيناتور جون ماكين")."""
    tokens, covered, _ = _ar_read(text, glossary)
    found = []
    for index, token in enumerate(tokens):
        if token in _AR_TITLES:
            run = ar_names(tokens, index + 1, covered)
            if run and run not in found:
                found.append(run)
    return found


def _actor(phrase: str, lang: Lang, glossary: Glossary, names: list[tuple[str, ...]]) -> Actor:
    entries, _ = entries_in(phrase, lang, glossary)
    return Actor(phrase.strip(" ,،"), frozenset(entries), tuple(names))


def _en_subject(text: str, match: re.Match[str], glossary: Glossary) -> Actor:
    """The subject of the English reporting verb at `match`: the words
    before it back to a clause boundary, or (for "according to", and for
    ", said the minister.") the words after it up to one."""
    after = text[match.end() :]
    boundary = _EN_BOUNDARY.search(after)
    following = after[: boundary.start()] if boundary else after
    if match.group() == "according to":
        return _actor(following, "en", glossary, en_names(following, glossary, first_is_name=True))
    before = text[: match.start()]
    cut = [m.end() for m in _EN_CLAUSE.finditer(before)]
    phrase = before[cut[-1] if cut else 0 :]
    phrase = " ".join(phrase.split()[-6:])
    inverted = re.search(r"[,”\"]\s*$", before) and re.match(
        r"\s*[.,;]|\s*$", after[len(following) :]
    )
    if not phrase.strip() and len(following.split()) <= 4 and inverted:
        phrase = following
    apposition = re.search(r"([^,;:.!?“”\"]+),[^,;:.!?()“”\"]+,\s*$", before)
    if not phrase.strip() and apposition:
        # "Karl Brandt, the union's head, accused": the subject is before the
        # commas; "the Refugee Aid (Anera), which ..., told": its acronym too.
        head = re.sub(r"\s*\(([^()]*)\)", r" \1", apposition.group(1))
        cut = [m.end() for m in _EN_CLAUSE.finditer(head)]
        phrase = " ".join(head[cut[-1] if cut else 0 :].split()[-6:])
    if phrase.split()[-1:] and phrase.split()[-1].casefold() in _PRONOUNS:
        # "the emergency he declared": he, whoever that is; "He added" alone
        # is the last speaker.
        alone = len(phrase.split()) == 1
        return Actor("", frozenset(), (), pronoun=alone and phrase.split()[0] != "it")
    # Its first word is a name when it is all the subject is ("Lavrov") or
    # begins a run of capitals ("Ann Coulter"), not in "Local residents".
    parts = phrase.split()
    first = len(parts) == 1 or (len(parts) > 1 and parts[1][:1].isupper())
    return _actor(phrase, "en", glossary, en_names(phrase, glossary, first_is_name=first))


# Nouns that head an organisation's name without the article ("منظمة
# المطبخ المركزي العالمي", "وكالة رويترز"): part of the subject.
_AR_HEADS = frozenset(
    map(
        normalize,
        _wordset(
            "منظمة وكالة حركة جماعة شركة مؤسسة هيئة وزارة جمعية مجلس لجنة حزب بعثة قوات "
            "صحيفة قناة محكمة جامعة"
        ),
    )
)


def _ar_subject(
    tokens: Sequence[str], shown: Sequence[str], index: int, covered: set[int], glossary: Glossary
) -> Actor:
    """The subject after the Arabic reporting verb `tokens[index]`: entries
    and definite words ("السفارة الروسية"), and a name at the start or after
    a title or entry ("السيناتور جون ماكين"), up to a particle, preposition,
    time word or punctuation (one comma of apposition allowed). `shown` are
    the tokens as written, for the reasons."""
    words: list[str] = []
    written: list[str] = []
    names: list[str] = []
    titled = False  # a title was read: the name may come after a place
    for position in range(index + 1, min(len(tokens), index + 9)):
        token = tokens[position]
        if not names and token in _AR_TITLES:
            # "حاكم كاليفورنيا غافن نيوسوم": a title, not a name.
            titled = True
            words.append(token)
            written.append(shown[position])
            continue
        if token in ",،" and words and not names and "،" not in words:
            words.append("،")
            written.append("،")
            continue
        if not token.isalpha() or token in _AR_STOP or token.startswith("لل") or len(words) == 6:
            break
        if position in covered or _definite(token) or (not words and token in _AR_HEADS):
            if names:
                break
            words.append(token)
            written.append(shown[position])
        elif (
            ((names or titled) and _ar_name_word(token, after_title=True))
            or (position == index + 1 and _ar_name_word(token))
            or _ar_surname(token, names)
        ):
            names.append(token)
            words.append(token)
            written.append(shown[position])
            if len(names) == 3:
                break
        else:
            break
    return _actor(" ".join(written), "ar", glossary, [tuple(names)] if names else [])


def agents(text: str, lang: Lang, glossary: Glossary) -> list[tuple[str, Actor]]:
    """(participle, its agent) for each English passive with "by" in `text`
    ("was started by President Bush"); none in Arabic."""
    if lang != "en":
        return []
    found = []
    for match in _EN_PASSIVE.finditer(text):
        after = text[match.end() :]
        boundary = _EN_BOUNDARY.search(after)
        phrase = " ".join((after[: boundary.start()] if boundary else after).split()[:6])
        names = en_names(phrase, glossary, first_is_name=True)
        found.append((match.group(1), _actor(phrase, "en", glossary, names)))
    return found


# A present-tense verb written after its subject, as headlines and nominal
# clauses write it ("الخارجية تستدعي السفير وتعلن طرد ..."): the words after
# it are what was announced, not who announced it.
_AR_PRESENT = re.compile(r"[وف]?[يت]\w+")
_AR_CLAUSE_OPENERS = _wordset("ان انه انها انهم بان بانه بانها وان وانه")


def _ar_subject_before(tokens: Sequence[str], index: int, covered: set[int]) -> bool:
    """Whether the present-tense reporting verb `tokens[index]` follows its
    subject: its clause opens with a name, an entry or a definite noun
    (not a time word) and the verb is not the clause's first word."""
    if not _AR_PRESENT.fullmatch(tokens[index]):
        return False
    start = index
    while start > 0 and tokens[start - 1].isalnum() and tokens[start - 1] not in _AR_CLAUSE_OPENERS:
        start -= 1
    if start == index:
        return False
    first = tokens[start]
    bare = first[1:] if first[:1] in "وف" else first  # "وفي بيانها تقول": in, no subject
    return (
        first not in _AR_STOP
        and bare not in _AR_STOP
        and (start in covered or _definite(first) or _ar_name_word(first))
    )


# A past verb whose first letter carries a damma is passive ("وُصف", was
# described; "أُعلن", was announced): the words after it are what was said
# or described, not who said it. (In the present tense a damma is active:
# "يُعلن", he announces.) The marks, which normalize() drops, tell them apart.
_AR_MARKED_TOKEN = re.compile(r"[\w\u064b-\u065f\u0670]+|[^\s\w\u064b-\u065f\u0670]")
_AR_PASSIVE_PAST = re.compile(r"[وف]?(?![يت])\w\u064f")


def _ar_passive(text: str, count: int) -> set[int]:
    """Indexes of the tokens of `text` (of `count` tokens in all) written as
    passive past verbs; none when the marked tokens do not line up."""
    marked = _AR_MARKED_TOKEN.findall(text.replace("\u0640", ""))
    if len(marked) != count:
        return set()
    return {i for i, token in enumerate(marked) if _AR_PASSIVE_PAST.match(token)}


def subjects(text: str, lang: Lang, glossary: Glossary) -> list[tuple[str, Actor]]:
    """(reporting verb, its subject) for each reporting verb in `text`."""
    if lang == "en":
        return [(m.group(), _en_subject(text, m, glossary)) for m in _EN_REPORT.finditer(text)]
    tokens, covered, shown = _ar_read(text, glossary)
    passive = _ar_passive(text, len(tokens))
    found = []
    for index, token in enumerate(tokens):
        # "وفقا ل" and "نقلا عن" are two words: the subject follows the second.
        pair = " ".join(tokens[index : index + 2])
        if _AR_REPORT.fullmatch(pair):
            found.append(
                (
                    " ".join(shown[index : index + 2]),
                    _ar_subject(tokens, shown, index + 1, covered, glossary),
                )
            )
        elif _AR_REPORT.fullmatch(token) and (
            index in passive or _ar_subject_before(tokens, index, covered)
        ):
            found.append((shown[index], Actor("", frozenset(), ())))
        elif _AR_REPORT.fullmatch(token):
            actor = _ar_subject(tokens, shown, index, covered, glossary)
            if not actor.text and tokens[index + 1 : index + 2] in (["ان"], ["انه"], ["انها"]):
                actor = Actor("", frozenset(), (), pronoun=True)  # "وأضاف أن": he added
            found.append((shown[index], actor))
    return found


# What a reporting verb does, when it is more than saying: a sentence's
# "accused" is held against the paragraphs' accusations, if they have any.
_VERB_KINDS = (
    ("announce", re.compile(r"announc|declar|^[وف]?(?:اعلن|يعلن|تعلن)")),
    ("deny", re.compile(r"^den|^[وف]?(?:نفي|نفت|ينفي|تنفي)$")),
    ("accuse", re.compile(r"accus|^[وف]?(?:اتهم|يتهم|تتهم)")),
    ("warn", re.compile(r"warn|^[وف]?حذر")),
    ("describe", re.compile(r"describ|^[وف]?(?:وصف|يصف|تصف)")),
    ("criticize", re.compile(r"critici|blam|^[وف]?(?:انتقد)")),
    ("demand", re.compile(r"demand|^[وف]?(?:طالب|يطالب|تطالب)")),
)


def verb_kind(verb: str) -> str:
    """'say' or the kind of act a reporting verb reports (announce, deny ...)."""
    folded = normalize(verb)
    return next((kind for kind, pattern in _VERB_KINDS if pattern.search(folded)), "say")
