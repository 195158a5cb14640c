"""Who did what: the actor check of one generated sentence (summary stage).

Takes a sentence, its language, the (article, paragraph) pairs it cites and
the glossary; gives the reasons the sentence names the wrong actor:

- the people, places and organisations it names must be named in the cited
  paragraphs (or their articles' titles): in the same language by the word,
  across languages through the glossary, the role table
  (`prompts/actors.toml`) or the consonant skeleton of a transliterated name
  (`names`);
- the subject of a reporting verb ("X said", "قال X", "according to X") must
  be named there too, roles included ("the embassy", "السفير"), and must be
  one the cited paragraphs attribute a statement to: when every statement in
  them is attributed to someone known, X must be one of those (or named next
  to one of their roles in the article: "President Trump" is "the president").

Subjects are found by position, not parsed: the words before an English
reporting verb back to a clause boundary, the words after an Arabic one (or
after "according to", "بحسب") up to a preposition, a day or "أن". A subject
the check cannot tell (a pronoun, "critics") never drops a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..models import Article, Lang
from ..text import normalize, words
from .claims import stem
from .glossary import Entry, Glossary
from .names import role_glossary, same_name


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- finding subjects --------------------------------------------------------

_EN_VERBS = (
    "said|says|say|told|tells|announced|announces|denied|denies|accused|accuses|reported|"
    "stated|added|adds|claimed|warned|warns|insisted|insists|suggested|suggests|described|"
    "describes|confirmed|confirms|argued|argues|wrote|tweeted|declared|acknowledged|admitted|"
    "urged|urges|criticized|criticised|blamed|explained|stressed"
)
_EN_REPORT = re.compile(rf"\b(?:{_EN_VERBS})\b|\baccording to\b")
_EN_BOUNDARY = re.compile(
    r"[,;:!?()“”\"«»]|(?<!\b[A-Z])\.|\b(?:that|and|but|while|when|after|before|because|which|who|as|where|if|"
    r"since|to|in|on|at|for|with|from|over|about|against|into|during|under)\b"
)
_AR_VERBS = (
    "قال|قالت|يقول|تقول|اعلن|اعلنت|يعلن|تعلن|اكد|اكدت|يوكد|توكد|نفي|نفت|ينفي|تنفي|اتهم|اتهمت|"
    "يتهم|تتهم|اضاف|اضافت|وصف|وصفت|يصف|تصف|افاد|افادت|ذكر|ذكرت|صرح|صرحت|اوضح|اوضحت|اشار|"
    "اشارت|حذر|حذرت|انتقد|انتقدت|دعا|دعت|طالب|طالبت|اعتبر|اعتبرت|ابلغ|ابلغت|كشف|كشفت|اقترح|"
    "اقترحت|بحسب|حسب|حسبما|وفقا ل|نقلا عن"
)
_AR_REPORT = re.compile(rf"(?<!\w)[وف]?(?:{_AR_VERBS})(?!\w)")
_AR_TOKEN = re.compile(r"[\w]+|[^\s\w]")
# Words that end an Arabic subject: particles, prepositions, times.
_AR_STOP = _wordset(
    "ان انه انها انهم في من الي علي عن مع ل ب الا امس اليوم يوم السبت الاحد الاثنين الثلاثاء "
    "الاربعاء الخميس الجمعه صباح مساء خلال بعد قبل عند منذ لدي الذي التي الذين و او ثم ما لا "
    "لم لن قد هذا هذه ذلك تلك كما حيث اذ بان بانه بانها وان وانه ايضا عقب اثر لدي امام "
    "كبير كبار رفيع بارز سابق جديد اخر اول عام رسمي"
)
# Arabic titles after which a name follows ("السيناتور جون ماكين").
_AR_TITLES = _wordset(
    "السيناتور السيد السيده الرئيس رئيس الوزير وزير النائب الجنرال المشير الملك الامير الشيخ "
    "المستشار العقيد اللواء العميد الدكتور المدرب اللاعب الزعيم المتحدث السفير سفير المبعوث "
    "المراسل مراسل المرشح الكاتب المعلق الناشط"
)
_EN_TITLES = _wordset("mr mrs ms dr sen rep gov gen lt col st")
_EN_COMMON = _wordset(
    "the a an in on at by for from of to and or but as with this that these those it he she "
    "they we i his her their its after before when while on monday tuesday wednesday thursday "
    "friday saturday sunday january february march april may june july august september sept "
    "october november december"
)
# Capitalized words a translation renders by meaning, not by sound.
_EN_TRANSLATED = _wordset(
    "national committee party house white council ministry department office court supreme "
    "union university army navy forces force foreign affairs state states united news agency "
    "north south east west central international world cup peace prize nobel federal "
    "government bank commission assembly league front movement republic kingdom city "
    "square street hospital airport port islamic arab"
)
_PRONOUNS = _wordset("he she they it we i you who which")
_EN_PASSIVE = re.compile(r"\b([a-z]{3,}(?:ed|en|wn))\s+by\s+(?=[A-Z]|the\s|former\s)")
_EN_NAME = re.compile(r"[A-Z][\w’'.-]*")
_POSSESSIVE = re.compile(r"['’]s?$")


# Entries that say where someone is from rather than who: a subject is
# compared on them only when it has nothing else.
_PLACES = frozenset({"nationality", "country", "capital", "city", "territory"})


@dataclass(frozen=True)
class Actor:
    """Who a stretch of text names: glossary and role entries, and names
    (runs of name words, normalized) that no entry covers."""

    text: str
    entries: frozenset[Entry]
    names: tuple[tuple[str, ...], ...]

    def core(self) -> tuple[frozenset[Entry], tuple[tuple[str, ...], ...]]:
        """The entries other than nationalities, with the names; a subject
        is compared on its nationality only when it has nothing else."""
        entries = frozenset(e for e in self.entries if e.kind not in _PLACES)
        if entries or self.names:
            return entries, self.names
        return self.entries, self.names

    @property
    def known(self) -> bool:
        return bool(self.entries or self.names)


def _entries(text: str, lang: Lang, glossary: Glossary) -> tuple[set[Entry], list[tuple[int, int]]]:
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
    _, spans = _entries(text, "en", glossary)
    runs: list[list[str]] = [[]]
    for match in re.finditer(r"[^\W\d_][\w’'.-]*", text):
        word = _POSSESSIVE.sub("", match.group().rstrip("."))
        name = (
            _EN_NAME.fullmatch(match.group()) is not None
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


def _tokens(text: str) -> list[str]:
    return _AR_TOKEN.findall(normalize(text))


def _unmarked(text: str) -> str:
    """`text` as written, without the diacritics and tatweel `normalize` drops."""
    return re.sub("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]", "", text)


def _definite(word: str) -> bool:
    return word.startswith(("ال", "وال", "بال", "فال", "كال", "لل"))


def _ar_name_word(word: str, after_title: bool = False) -> bool:
    """An Arabic word that may be (part of) a name: not definite, not a
    particle, not a feminine noun ending (nor, unless it follows a title,
    a plural one: "جون" after "السيناتور" is a name)."""
    return (
        word.isalpha()
        and len(word) >= 2
        and word not in _AR_STOP
        and not _definite(word)
        and not _AR_REPORT.fullmatch(word)
        and not word.endswith(("ات", "ه"))
        and (after_title or not word.endswith(("ون", "ين")))
    )


def ar_names(tokens: Sequence[str], start: int, covered: set[int]) -> tuple[str, ...]:
    """The name words after a title at `tokens[start - 1]`: definite words
    and entries (`covered` token indexes) may come before them."""
    names: list[str] = []
    for index in range(start, min(len(tokens), start + 6)):
        word = tokens[index]
        if index in covered or (not names and _definite(word)):
            if names:
                break
            continue
        if not _ar_name_word(word, after_title=True) or len(names) == 3:
            break
        names.append(word)
    return tuple(names)


def _ar_covered(tokens: Sequence[str], text: str, glossary: Glossary) -> set[int]:
    """Indexes of the tokens (of normalize(text)) inside a glossary or role entry."""
    _, spans = _entries(text, "ar", glossary)
    covered, position = set(), 0
    prepared = normalize(text)
    for index, token in enumerate(tokens):
        position = prepared.find(token, position)
        if _covered(spans, position, position + len(token)):
            covered.add(index)
        position += len(token)
    return covered


def ar_title_names(text: str, glossary: Glossary) -> list[tuple[str, ...]]:
    """Names an Arabic text gives after a title ("السيناتور جون ماكين")."""
    tokens = _tokens(text)
    covered = _ar_covered(tokens, text, glossary)
    shown = _AR_TOKEN.findall(_unmarked(text))
    if len(shown) != len(tokens):
        shown = tokens
    found = []
    for index, token in enumerate(tokens):
        if token in _AR_TITLES:
            run = ar_names(tokens, index + 1, covered)
            if run and run not in found:
                found.append(run)
    return found


def _actor(phrase: str, lang: Lang, glossary: Glossary, names: list[tuple[str, ...]]) -> Actor:
    entries, _ = _entries(phrase, lang, glossary)
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
    cut = [m.end() for m in _EN_BOUNDARY.finditer(before)]
    phrase = before[cut[-1] if cut else 0 :]
    phrase = " ".join(phrase.split()[-6:])
    inverted = re.search(r"[,”\"]\s*$", before) and re.match(
        r"\s*[.,;]|\s*$", after[len(following) :]
    )
    if not phrase.strip() and len(following.split()) <= 4 and inverted:
        phrase = following
    apposition = re.search(r"([^,;:.!?()“”\"]+),[^,;:.!?()“”\"]+,\s*$", before)
    if not phrase.strip() and apposition:
        # "Karl Brandt, the union's head, accused": the subject is before the commas.
        head = apposition.group(1)
        cut = [m.end() for m in _EN_BOUNDARY.finditer(head)]
        phrase = " ".join(head[cut[-1] if cut else 0 :].split()[-6:])
    if phrase.split()[-1:] and phrase.split()[-1].casefold() in _PRONOUNS:
        phrase = ""  # "the emergency he declared": he, whoever that is
    # Its first word is a name when it is all the subject is ("Lavrov") or
    # begins a run of capitals ("Ann Coulter"), not in "Local residents".
    parts = phrase.split()
    first = len(parts) == 1 or (len(parts) > 1 and parts[1][:1].isupper())
    return _actor(phrase, "en", glossary, en_names(phrase, glossary, first_is_name=first))


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
    for position in range(index + 1, min(len(tokens), index + 9)):
        token, before = tokens[position], tokens[position - 1]
        if token in ",،" and words and not names and "،" not in words:
            words.append("،")
            written.append("،")
            continue
        if not token.isalpha() or token in _AR_STOP or token.startswith("لل") or len(words) == 6:
            break
        if position in covered or _definite(token):
            if names:
                break
            words.append(token)
            written.append(shown[position])
        elif ((names or before in _AR_TITLES) and _ar_name_word(token, after_title=True)) or (
            position == index + 1 and _ar_name_word(token)
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


def subjects(text: str, lang: Lang, glossary: Glossary) -> list[tuple[str, Actor]]:
    """(reporting verb, its subject) for each reporting verb in `text`."""
    if lang == "en":
        return [(m.group(), _en_subject(text, m, glossary)) for m in _EN_REPORT.finditer(text)]
    tokens = _tokens(text)
    covered = _ar_covered(tokens, text, glossary)
    shown = _AR_TOKEN.findall(_unmarked(text))
    if len(shown) != len(tokens):
        shown = tokens
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
        elif _AR_REPORT.fullmatch(token):
            found.append((shown[index], _ar_subject(tokens, shown, index, covered, glossary)))
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
)


def verb_kind(verb: str) -> str:
    """'say' or the kind of act a reporting verb reports (announce, deny ...)."""
    folded = normalize(verb)
    return next((kind for kind, pattern in _VERB_KINDS if pattern.search(folded)), "say")


# --- matching across paragraphs and languages -----------------------------------


def _word_match(a: str, b: str, same_lang: bool, lang: Lang) -> bool:
    a, b = normalize(a), normalize(b)
    if same_lang:
        return a == b or stem(a, lang) == stem(b, lang)
    return same_name(a, b)


def _runs_match(a: tuple[str, ...], b: tuple[str, ...], same_lang: bool, lang: Lang) -> bool:
    """One name: the last words agree and, when both have two or more, the
    first ones too ("Ann Coulter" is "Coulter"; "Fox News" is not "Vice News")."""
    if not _word_match(a[-1], b[-1], same_lang, lang):
        return False
    return len(a) == 1 or len(b) == 1 or _word_match(a[0], b[0], same_lang, lang)


def _source_words(text: str, lang: Lang) -> list[str]:
    """The words of a source text a name may be: in English the capitalized
    ones, in Arabic all (with clitics, which `same_name` strips)."""
    if lang == "en":
        return [normalize(_POSSESSIVE.sub("", w)) for w in _EN_NAME.findall(text)]
    return [w for w in _tokens(text) if w.isalpha()]


def name_in(run: tuple[str, ...], lang: Lang, text: str, text_lang: Lang) -> bool:
    """True if `text` (in `text_lang`) names the name `run` of a `lang` sentence."""
    if lang == text_lang:
        present = {stem(w, lang) for w in words(text)} | set(words(text))
        # Compared word by word as `words` splits them ("N.J." is n, j).
        pieces = [p for w in (run[0], run[-1]) for p in words(w)]
        return all(p in present or stem(p, lang) in present for p in pieces)
    candidates = _source_words(text, text_lang)
    if lang == "ar":
        # Arabic names are found without capitals: one word of the run that
        # names someone in the text is enough ("منتقدو ستيل").
        return any(same_name(w, c) for w in run for c in candidates)
    run = tuple(w for w in run if w not in _EN_TRANSLATED and not w.isupper())
    return not run or all(any(same_name(w, c) for c in candidates) for w in {run[0], run[-1]})


_DESCRIPTIVE = frozenset({"role", "institution", "group"}) | _PLACES
_NEAR = 25  # characters between a role and a name that it describes


def _positions(
    text: str,
    lang: Lang,
    entries: Iterable[Entry],
    runs: Sequence[tuple[str, ...]],
    run_lang: Lang,
    glossary: Glossary,
) -> list[tuple[int, int]]:
    """Where in `text` (prepared as `Glossary.spans` prepares it) the
    entries and the names (of a `run_lang` text) are named."""
    wanted = set(entries)
    found = [
        (s, e)
        for table in (glossary, role_glossary(glossary))
        for s, e, entry in table.spans(text, lang)
        if entry in wanted
    ]
    prepared = normalize(text) if lang == "ar" else text
    for match in re.finditer(r"[^\W\d_]+", prepared):
        word = normalize(match.group())
        if any(_word_match(run[-1], word, run_lang == lang, lang) for run in runs):
            found.append((match.start(), match.end()))
    return found


def _described(
    roles: frozenset[Entry],
    other: Actor,
    other_lang: Lang,
    texts: Sequence[tuple[str, Lang]],
    glossary: Glossary,
) -> bool:
    """True if a text names one of `roles` right next to one of `other`'s
    names ("President Trump", "Lavrov, Russia's foreign minister")."""
    named = [e for e in other.entries if e.kind not in _DESCRIPTIVE]
    if not roles or not (named or other.names):
        return False
    for text, lang in texts:
        here = _positions(text, lang, roles, (), lang, glossary)
        there = _positions(text, lang, named, other.names, other_lang, glossary)
        prepared = normalize(text) if lang == "ar" else text
        for (s1, e1), (s2, e2) in ((x, y) for x in here for y in there):
            gap = prepared[min(e1, e2) : max(s1, s2)]
            if len(gap) <= _NEAR and not re.search(r"[.!?;؛]", gap):
                return True
    return False


def _strong(runs: Sequence[tuple[str, ...]]) -> bool:
    """True if a run has a word that names someone by itself: not an
    acronym, nor a word translated by meaning, nor a two-letter spelling of
    one ("بي بي سي" is BBC)."""
    return any(
        len(w) >= 3 and not w.isupper() and w not in _EN_TRANSLATED for run in runs for w in run
    )


def same_actor(
    a: Actor,
    a_lang: Lang,
    b: Actor,
    b_lang: Lang,
    texts: Sequence[tuple[str, Lang]],
    glossary: Glossary,
) -> bool:
    """True if `a` and `b` may be one actor: a name in common when both
    have names ("Senator Jim DeMint" is not "Senator John McCain"), else an
    entry in common or a role of one named next to the other in `texts`."""
    a_entries, a_names = a.core()
    b_entries, b_names = b.core()
    a_named = {e for e in a_entries if e.kind not in _DESCRIPTIVE}
    b_named = {e for e in b_entries if e.kind not in _DESCRIPTIVE}
    if (a_named or _strong(a_names)) and (b_named or _strong(b_names)):
        return bool(a_named & b_named) or any(
            _runs_match(x, y, a_lang == b_lang, a_lang) for x in a_names for y in b_names
        )
    if a_entries & b_entries:
        return True
    if any(_runs_match(x, y, a_lang == b_lang, a_lang) for x in a_names for y in b_names):
        return True
    # Only a person's office describes a name ("President Trump"); an
    # institution next to one does not ("the Trump administration").
    roles_a = frozenset(e for e in a_entries if e.kind == "role")
    roles_b = frozenset(e for e in b_entries if e.kind == "role")
    return _described(roles_b, a, a_lang, texts, glossary) or _described(
        roles_a, b, b_lang, texts, glossary
    )


# --- the check --------------------------------------------------------------------


def _missing_names(
    text: str,
    lang: Lang,
    said: Sequence[tuple[str, Actor]],
    sources: Sequence[tuple[str, Lang]],
    glossary: Glossary,
) -> list[str]:
    runs = en_names(text, glossary) if lang == "en" else ar_title_names(text, glossary)
    runs += [run for _, actor in said for run in actor.names]
    reasons = []
    for run in dict.fromkeys(runs):
        if not any(name_in(run, lang, t, tl) for t, tl in sources):
            reasons.append(f"the actor {' '.join(run)} is not named in the cited paragraphs")
    return reasons


def _missing_entries(
    lang: Lang,
    said: Sequence[tuple[str, Actor]],
    sources: Sequence[tuple[str, Lang]],
    glossary: Glossary,
) -> list[str]:
    # A role is checked when it is all the subject is ("the embassy said");
    # with a name, the name is ("Senator Jim DeMint": DeMint).
    wanted = {
        e
        for _, actor in said
        if not actor.names and not any(e.kind not in _DESCRIPTIVE for e in actor.entries)
        for e in actor.entries
        if e.kind in ("role", "institution")
    }
    if not wanted:
        return []
    present: set[Entry] = set()
    for text, text_lang in sources:
        present |= _entries(text, text_lang, glossary)[0]
    return [
        f"the actor {entry.preferred(lang)} is not named in the cited paragraphs"
        for entry in sorted(wanted - present, key=lambda e: e.en)
    ]


def _swapped_groups(
    text: str, lang: Lang, sources: Sequence[tuple[str, Lang]], glossary: Glossary
) -> list[str]:
    """A reason for each group (party, camp) the sentence names that the
    sources do not, when they name another one instead."""
    roles = role_glossary(glossary)
    named = {e for e in roles.mentioned(text, lang) if e.kind == "group"}
    if not named:
        return []
    present = {e for e in roles.relevant(sources) if e.kind == "group"}
    if not present or named <= present:
        return []
    others = ", ".join(e.preferred(lang) for e in sorted(present - named, key=lambda e: e.en))
    return [
        f"the actor {e.preferred(lang)} is not named in the cited paragraphs (they name {others})"
        for e in sorted(named - present, key=lambda e: e.en)
    ]


def _attribution_reasons(
    lang: Lang,
    said: Sequence[tuple[str, Actor]],
    paragraphs: Sequence[tuple[str, Lang]],
    articles: Sequence[tuple[str, Lang]],
    glossary: Glossary,
) -> list[str]:
    """A reason for each statement the sentence gives to someone the cited
    paragraphs do not give a statement of its kind to (any statement, when
    they report none of its kind), when every statement in them is given
    to someone known."""
    attributed = [
        (verb_kind(verb), actor, pl)
        for p, pl in paragraphs
        for verb, actor in subjects(p, pl, glossary)
    ]
    if not attributed or not all(actor.known for _, actor, _ in attributed):
        return []
    reasons = []
    for verb, actor in said:
        kind = verb_kind(verb)
        alike = [(o, ol) for k, o, ol in attributed if k == kind] or [
            (o, ol) for _, o, ol in attributed
        ]
        if actor.known and not any(
            same_actor(actor, lang, other, other_lang, articles, glossary)
            for other, other_lang in alike
        ):
            whom = "; ".join(dict.fromkeys(other.text for other, _ in alike))
            reasons.append(
                f"attributes “{verb}” to {actor.text}, but the cited paragraphs attribute "
                f"their statements to {whom}"
            )
    return reasons


def _agent_reasons(
    text: str,
    lang: Lang,
    paragraphs: Sequence[tuple[str, Lang]],
    articles: Sequence[tuple[str, Lang]],
    glossary: Glossary,
) -> list[str]:
    """A reason for each passive whose agent is not the one the cited
    English paragraphs give the same participle ("started by Obama" where
    they say "started by Bush")."""
    theirs = [(verb, actor) for p, pl in paragraphs for verb, actor in agents(p, pl, glossary)]
    reasons = []
    for verb, actor in agents(text, lang, glossary):
        alike = [other for v, other in theirs if v[:5] == verb[:5] and other.known]
        if (
            actor.known
            and alike
            and not any(same_actor(actor, lang, other, "en", articles, glossary) for other in alike)
        ):
            reasons.append(
                f"attributes “{verb}” to {actor.text}, but the cited paragraphs say "
                f"it was {verb} by {'; '.join(o.text for o in alike)}"
            )
    return reasons


def actor_reasons(
    text: str, lang: Lang, cited: Sequence[tuple[Article, str]], glossary: Glossary
) -> list[str]:
    """Why the sentence names the wrong actor: a name, or the subject of a
    reporting verb, that the cited paragraphs (and their articles' titles)
    do not name; a statement given to someone the cited paragraphs do not
    give it to; a passive's agent other than theirs. Empty when it cites
    nothing."""
    if not cited or not text.strip():
        return []
    paragraphs = [(p, a.lang) for a, p in cited]
    unique = list({a.id: a for a, _ in cited}.values())
    sources = paragraphs + [(a.title, a.lang) for a in unique]
    articles = [(p, a.lang) for a in unique for p in (a.title, *a.paragraphs)]
    said = subjects(text, lang, glossary)
    reasons = _missing_names(text, lang, said, sources, glossary)
    reasons += _missing_entries(lang, said, paragraphs, glossary)
    reasons += _swapped_groups(text, lang, sources, glossary)
    reasons += _attribution_reasons(lang, said, paragraphs, articles, glossary)
    return reasons + _agent_reasons(text, lang, paragraphs, articles, glossary)
