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
  to one of their roles in the article: "President Trump" is "the president");
- a group the sentence names (Democrats) must not stand for another one the
  paragraphs name (conservatives), and the agent of a passive ("started by
  X") must be the one they give the same participle.

Who a text names and says what is found by `subjects`; a subject it cannot
tell never drops a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..models import Article, Lang
from ..text import alternation, normalize, words
from .claims import derived_in, stem
from .glossary import Entry, Glossary
from .names import role_glossary, same_name
from .subjects import (
    EN_NAME,
    EN_TRANSLATED,
    PLACES,
    POSSESSIVE,
    Actor,
    agents,
    ar_title_names,
    ar_tokens,
    en_names,
    entries_in,
    subjects,
    verb_kind,
)

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
        return [normalize(POSSESSIVE.sub("", w)) for w in EN_NAME.findall(text)]
    return [w for w in ar_tokens(text) if w.isalpha()]


def name_in(run: tuple[str, ...], lang: Lang, text: str, text_lang: Lang) -> bool:
    """True if `text` (in `text_lang`) names the name `run` of a `lang` sentence."""
    if lang == text_lang:
        present = {stem(w, lang) for w in words(text)} | set(words(text))
        # Compared word by word as `words` splits them ("N.J." is n, j).
        pieces = [p for w in (run[0], run[-1]) for p in words(w)]
        # "the Constitution" where the text says "unconstitutional".
        return all(
            p in present or stem(p, lang) in present or (lang == "en" and derived_in(p, present))
            for p in pieces
        )
    candidates = _source_words(text, text_lang)
    if lang == "ar":
        # Arabic names are found without capitals: one word of the run that
        # names someone in the text is enough ("منتقدو ستيل").
        return any(same_name(w, c) for w in run for c in candidates)
    run = tuple(w for w in run if w not in EN_TRANSLATED and not w.isupper())
    return not run or all(any(same_name(w, c) for c in candidates) for w in {run[0], run[-1]})


_DESCRIPTIVE = frozenset({"role", "institution", "group"}) | PLACES
_FROM = frozenset({"nationality", "country"})  # where an actor is from
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
        prepared = normalize(text) if lang == "ar" else text
        here = _whole_titles(
            _positions(text, lang, roles, (), lang, glossary), text, lang, glossary
        )
        there = _positions(text, lang, named, other.names, other_lang, glossary)
        for (s1, e1), (s2, e2) in ((x, y) for x in here for y in there):
            gap = prepared[min(e1, e2) : max(s1, s2)]
            if len(gap) <= _NEAR and not re.search(r"[.!?;؛]", gap):
                return True
    return False


def _whole_titles(
    spans: list[tuple[int, int]], text: str, lang: Lang, glossary: Glossary
) -> list[tuple[int, int]]:
    """`spans` of roles in `text`, each extended over the roles that follow
    it word after word: "رئيسة الوزراء" (prime minister) is one title, so
    the name after it is as near as after "President"."""
    roles = sorted((s, e) for s, e, _ in role_glossary(glossary).spans(text, lang))
    prepared = normalize(text) if lang == "ar" else text
    whole = []
    for start, end in spans:
        for s, e in roles:
            if s >= end and not prepared[end:s].strip():
                end = e
        whole.append((start, end))
    return whole


def _entry_is(entry: Entry, run: tuple[str, ...], run_lang: Lang) -> bool:
    """True if the name `run` (of a `run_lang` text) is one of the entry's
    forms, or its last word ("ماي" is Theresa May)."""
    for lang in ("en", "ar"):
        for form in entry.accepted(lang):
            if (form_words := tuple(words(form))) and _runs_match(
                form_words, run, lang == run_lang, run_lang
            ):
                return True
    return False


def _strong(runs: Sequence[tuple[str, ...]]) -> bool:
    """True if a run has a word that names someone by itself: not an
    acronym, nor a word translated by meaning, nor a two-letter spelling of
    one ("بي بي سي" is BBC)."""
    return any(
        len(w) >= 3 and not w.isupper() and w not in EN_TRANSLATED for run in runs for w in run
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
    if _government_of(a, b) or _government_of(b, a):
        return True
    if _headed(a, b, b_lang, texts, glossary) or _headed(b, a, a_lang, texts, glossary):
        return True
    a_entries, a_names = a.core()
    b_entries, b_names = b.core()
    a_named = {e for e in a_entries if e.kind not in _DESCRIPTIVE}
    b_named = {e for e in b_entries if e.kind not in _DESCRIPTIVE}
    if (a_named or _strong(a_names)) and (b_named or _strong(b_names)):
        return (
            bool(a_named & b_named)
            or any(_runs_match(x, y, a_lang == b_lang, a_lang) for x in a_names for y in b_names)
            or any(_entry_is(e, run, b_lang) for e in a_named for run in b_names)
            or any(_entry_is(e, run, a_lang) for e in b_named for run in a_names)
        )
    # "the British foreign ministry" is not "the Russian foreign ministry".
    a_from = {e for e in a.entries if e.kind in _FROM}
    b_from = {e for e in b.entries if e.kind in _FROM}
    if a_from and b_from and not a_from & b_from:
        return False
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


# Kinds of entry an article names once and then by their head noun: an
# institution ("the ministry") or a body ("الجيش" for "الجيش الإسرائيلي",
# "the military" for the IDF).
_HEADED = frozenset({"institution", "body"})


def _headed(
    full: Actor,
    short: Actor,
    short_lang: Lang,
    texts: Sequence[tuple[str, Lang]],
    glossary: Glossary,
) -> bool:
    """Whether `short` names nothing but the head noun of an institution
    `full` names ("الوزارة" for "الخارجية الروسية") and `texts` name that
    institution: after naming it, an article calls it "the ministry"."""
    heads = [e for e in full.entries if e.kind in _HEADED and _by_head(e, short.text, short_lang)]
    # "the ministry" may be an entry of its own, the head's: nothing more.
    generic = all(
        s.en.casefold() in {w for h in heads for w in _head_words(h)} for s in short.entries
    )
    if short.names or not heads or not generic:
        return False
    return any(e in entries_in(t, tl, glossary)[0] for e in heads for t, tl in texts)


# Kinds of entry that speak for a government ("the foreign ministry", "the
# Kremlin"), which its capital may stand for.
_GOVERNMENT = frozenset({"role", "institution", "body"})


def _government_of(state: Actor, other: Actor) -> bool:
    """Whether `state` names only a country or its capital ("Russia said",
    "Moscow said") and `other` a government role or body of that country
    ("the Russian foreign ministry", "وزارة الخارجية الروسية"): news names
    a government by its country and its capital."""
    if state.names or not state.entries or any(e.kind not in PLACES for e in state.entries):
        return False
    # Only the place itself: "Libya's eastern-based parliament" is a body of
    # its own, whose words the subject reader may not have kept.
    words = [w for w in state.text.split() if w.casefold() not in ("the", "ال")]
    if len(words) > 2 or re.search(r"['’]s\b", state.text):
        return False
    countries = {e.country if e.kind == "capital" else e.en for e in state.entries}
    if not {e.en for e in other.entries if e.kind in _FROM} & countries:
        return False
    return any(e.kind in _GOVERNMENT for e in other.entries)


# --- the check --------------------------------------------------------------------


def _missing_names(
    text: str,
    lang: Lang,
    said: Sequence[tuple[str, Actor]],
    sources: Sequence[tuple[str, Lang]],
    glossary: Glossary,
    articles: Sequence[tuple[str, Lang]] = (),
) -> list[str]:
    runs = en_names(text, glossary) if lang == "en" else ar_title_names(text, glossary)
    runs += [run for _, actor in said for run in actor.names]
    reasons = []
    for run in dict.fromkeys(runs):
        if not any(name_in(run, lang, t, tl) for t, tl in sources) and not _introduced(
            run, lang, sources, articles
        ):
            reasons.append(f"the actor {' '.join(run)} is not named in the cited paragraphs")
    return reasons


def _introduced(
    run: tuple[str, ...],
    lang: Lang,
    sources: Sequence[tuple[str, Lang]],
    articles: Sequence[tuple[str, Lang]],
) -> bool:
    """True if the cited paragraphs name the person by surname alone ("Mr
    Egeland said") and their article gives the full name ("Jan Egeland")."""
    return (
        len(run) > 1
        and any(name_in(run[-1:], lang, t, tl) for t, tl in sources)
        and any(name_in(run, lang, t, tl) for t, tl in articles)
    )


def _missing_entries(
    lang: Lang,
    said: Sequence[tuple[str, Actor]],
    sources: Sequence[tuple[str, Lang]],
    glossary: Glossary,
    articles: Sequence[tuple[str, Lang]] = (),
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
        present |= entries_in(text, text_lang, glossary)[0]
    named: set[Entry] = set()
    for text, text_lang in articles:
        named |= entries_in(text, text_lang, glossary)[0] & (wanted - present)
    people = _named_speakers(sources, glossary)
    return [
        f"the actor {entry.preferred(lang)} is not named in the cited paragraphs"
        for entry in sorted(wanted - present, key=lambda e: e.en)
        if not (entry in named and any(_by_head(entry, t, tl) for t, tl in sources))
        and not any(entry.en.casefold() in _head_words(b) for b in present if b.kind in _HEADED)
        and not any(_described(frozenset({entry}), p, pl, articles, glossary) for p, pl in people)
    ]


def _named_speakers(
    sources: Sequence[tuple[str, Lang]], glossary: Glossary
) -> list[tuple[Actor, Lang]]:
    """The people the cited paragraphs give statements to by name ("وأضافت
    ماي"): an article that names one next to a role ("رئيسة الوزراء تيريزا
    ماي") lets a sentence call them by the role."""
    return [
        (actor, text_lang)
        for text, text_lang in sources
        for _, actor in subjects(text, text_lang, glossary)
        if actor.names or any(e.kind == "person" for e in actor.entries)
    ]


def _head_words(entry: Entry) -> set[str]:
    """The English head nouns of an institution or body: the last word of
    its name and of each longer form it is known by ("Israel Defense
    Forces", also "Israeli army": forces, army)."""
    forms = [entry.en, *(f for f in entry.accepted("en") if len(f.split()) > 1)]
    return {f.split()[-1].casefold() for f in forms}


def _by_head(entry: Entry, text: str, lang: Lang) -> bool:
    """True if `text` refers to the institution `entry` by its head noun
    alone, as news does once the article has named it ("the ministry",
    "الوزارة" after "وزارة الخارجية")."""
    if lang == "en":
        # The last word of its name or of a longer form it is known by
        # ("Israel Defense Forces", also "Israeli military").
        pattern = alternation(_head_words(entry))
        return re.search(rf"\b[Tt]he (?:{pattern})\b", text, re.IGNORECASE) is not None
    # Its first word, which may already carry the article ("الجيش الإسرائيلي").
    head = re.sub("^ال", "", normalize(entry.ar.split()[0]))
    return re.search(rf"(?<!\w)[وفب]?ال{re.escape(head)}(?!\w)", normalize(text)) is not None


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
    # A swap needs a group the sources name and the sentence leaves out.
    if not present or named <= present or present <= named:
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
    attributed = []
    for p, pl in paragraphs:
        last: Actor | None = None
        for verb, actor in subjects(p, pl, glossary):
            if actor.pronoun and last is not None:
                actor = last  # "Mr Egeland said …. He added …"
            last = actor if actor.known else last
            attributed.append((verb_kind(verb), actor, pl))
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
    reasons = _missing_names(text, lang, said, sources, glossary, articles)
    reasons += _missing_entries(lang, said, paragraphs, glossary, articles)
    reasons += _swapped_groups(text, lang, sources, glossary)
    reasons += _attribution_reasons(lang, said, paragraphs, articles, glossary)
    return reasons + _agent_reasons(text, lang, paragraphs, articles, glossary)
