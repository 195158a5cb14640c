"""Claim-level checks of one generated sentence that similarity cannot see.

A sentence is split into its clauses (at conjunctions, relative pronouns,
semicolons and commas, in English and Arabic) so that each clause can be
held against what it cites on its own: a long true part must not carry a
short false one. Besides the clauses this module gives the deterministic
checks of what a sentence asserts:

- polarity and modality: a negation, denial or hedge in the sentence that
  no cited paragraph has;
- words the sources do not have: content words of a same-language sentence
  that no cited paragraph (nor its article's title) uses;
- instructions and links: text addressed to the reader or the model, URLs,
  e-mail addresses and handles that the cited paragraphs do not have;
- fragments: a sentence ending on a preposition, article or conjunction, or
  with unbalanced quotation marks.

Each check returns reasons, written for the reader of the report and for the
model asked to repair the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..dates import MONTHS, WEEKDAYS
from ..models import Lang
from ..numberwords import is_number_word
from ..text import normalize, words


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- clauses ---------------------------------------------------------------

# Boundaries between claims. A comma alone is a boundary only before a
# conjunction or relative pronoun, so lists and appositions stay whole.
_CLAUSE_BREAK: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(
        r"\s*[;:]\s+|\.\s+|,?\s+(?=(?:and|but|while|whereas|then|after|before|although|"
        r"which|who|because|as well as|yet)\s)|,\s+(?=\w+ing\s)",
        re.IGNORECASE,
    ),
    "ar": re.compile(
        r"\s*[;:؛]\s+|\.\s+|[,،]?\s+(?=(?:ثم|لكن|لكنه|لكنها|بينما|في حين|فيما|بعد أن|قبل أن|"
        r"الذي|التي|الذين|حيث|كما|إذ|اذ|غير أن)\s)|[,،]\s*(?=و)|\s+(?=و(?:قد|قال|قالت|أعلن|"
        r"أعلنت|أكد|أكدت|أضاف|أضافت|كان|كانت)\s)"
    ),
}
MIN_CLAUSE_WORDS = 5


# An English piece opened by a word that also joins or governs a noun
# phrase ("and the prime minister's office", "after the poisoning of ...")
# is a clause only with a verb in it: an auxiliary, a past in -ed, a
# common irregular past or a present in -s.
_EN_PHRASE_JOINS = _wordset("and after before")
_EN_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|can|could|may|might|must|"
    r"shall|should|do|does|did|won|lost|left|made|took|gave|said|told|went|came|saw|got|"
    r"began|fell|rose|met|held|sent|spent|kept|fled|shot|struck|hit|put|set|cut|ran|led|"
    r"fought|brought|bought|thought|sought|caught|became|broke|chose|drove|flew|grew|knew|"
    r"spoke|stole|threw|wrote|sank|sold|stood|sat|paid|laid|built|felt|found|heard|meant|"
    r"\w{2,}ed|\w{2,}[^s'’]s)\b",
    re.IGNORECASE,
)


def _noun_phrase(piece: str, lang: Lang) -> bool:
    """Whether `piece` is a noun phrase joined to the clause before it, not
    a clause of its own."""
    first, _, rest = piece.partition(" ")
    return lang == "en" and first.casefold() in _EN_PHRASE_JOINS and not _EN_VERB.search(rest)


def clauses(text: str, lang: Lang) -> list[str]:
    """The claims of a sentence: its clauses of at least `MIN_CLAUSE_WORDS`
    words (shorter pieces, and noun phrases joined by "and" or "after", are
    joined to the clause before them)."""
    pieces = [p.strip(" ,،.") for p in _CLAUSE_BREAK[lang].split(text) if p and p.strip(" ,،.")]
    merged: list[str] = []
    for piece in pieces:
        short = len(piece.split()) < MIN_CLAUSE_WORDS or _noun_phrase(piece, lang)
        if merged and (short or len(merged[-1].split()) < MIN_CLAUSE_WORDS):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


# --- polarity and modality -------------------------------------------------

# Matched against normalize()d text (Arabic alef, yaa and taa marbuta folded).
_NEGATION: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:not|never|no|none|nobody|nothing|neither|nor|cannot|without|"
        r"den(?:y|ies|ied|ying)|refus\w*|reject\w*|fail(?:s|ed|ing)? to|dismiss\w*|"
        r"(?:stops?|stopped|stopping) short of)\b|n['’]t\b"
    ),
    "ar": re.compile(
        r"(?<!\w)[وف]?(?:لم|لن|لا|ليس|ليست|ليسوا|غير|بدون|دون|نفي|نفت|ينفي|تنفي|نفيا|"
        r"رفض|رفضت|يرفض|ترفض|رفضا|فشل|فشلت|عدم|لسنا|لست)(?!\w)"
    ),
}
# Negation words that do not negate: an exception says "only" ("لا تتضمن
# سوى", "لم يبق إلا"), "لا يزال" is "still", "لا سيما" "especially", "لا بد"
# "must", "غير أن" "however", and "not only" adds rather than denies.
# Whom one dismisses from a post, a team or a country.
_PEOPLE_DISMISSED = (
    r"diplomats?|officers?|officials?|staff|employees|workers|ministers?|generals?"
    r"|commanders?|aides?|ambassadors?|coach|manager|players?|judges?"
)
_NOT_NEGATING: dict[Lang, re.Pattern[str]] = {
    # "dismissed them as fake news" labels them; it denies nothing. Nor does
    # a passive "were dismissed": officers removed from their posts.
    "en": re.compile(
        r"\b(?:not only|not least|no less than|no doubt)\b"
        r"|\bdismiss\w*\s+(?:[\w'’]+\s+){0,4}?as\b"
        r"|\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?dismissed\b"
        # Nor does dismissing people: "Russia dismisses 23 British diplomats".
        r"|\bdismiss\w*\s+(?:[\w'’,]+\s+){0,3}?(?:" + _PEOPLE_DISMISSED + r")\b(?!['’])"
    ),
    "ar": re.compile(
        r"(?<!\w)[وف]?(?:لا|لم|لن|ليس)\s+(?:\S+\s+){0,3}?(?:سوي|الا)(?!\w)"
        r"|(?<!\w)[وف]?(?:لا|ما)\s+(?:يزال|تزال|يزالون|زال|زالت|سيما|بد)(?!\w)"
        r"|(?<!\w)[وف]?غير\s+(?:ان|انه|انها|انهم)(?!\w)"
        r"|(?<!\w)[وف]?(?:ليس|ليست)\s+فقط(?!\w)|(?<!\w)[وف]?لا\s+(?:يقتصر|تقتصر)(?!\w)"
        # A name ("حركة عدم الانحياز", the Non-Aligned Movement) and "without
        # hindrance" ("دون عوائق", unhindered) deny nothing.
        r"|(?<!\w)عدم\s+الانحياز(?!\w)|(?<!\w)[وب]?(?:ب)?دون\s+(?:عوايق|عايق|قيود|قيد|انقطاع)(?!\w)"
    ),
}
_HEDGE: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(
        # Lower case only: "May" is also a name.
        r"\b(?:may|might|possibly|perhaps|probably|likely|unlikely|reportedly|"
        r"allegedly|apparently|potential|potentially|presumed|"
        r"(?:appears?|appeared|seems?|seemed|believed|thought) to|"
        r"(?:is|are|was|were)(?:\s+(?:also|still|now|widely|generally|not))?\s+expected to)\b"
        # "could" before a verb is "might"; not "could not", an inability.
        r"|\bcould(?! not\b|n['’]t)\b"
    ),
    "ar": re.compile(
        # Qad is "may" only before a present-tense verb (yaa or taa prefix;
        # not the common past verbs in taa: تم، تعرض، تولى …); before a past
        # verb, and after kana, it marks what happened, not a hedge.
        # "لا يمكن" and "من غير الممكن" deny a possibility: a negation, not a hedge.
        r"(?<!كان )(?<!كانت )(?<!لا )(?<!غير )(?<!\w)"
        # Qad takes the conjunction wa or fa ("وقد تسحب" is "and may withdraw").
        r"(?:[وف]?قد(?=\s+(?:ي|ت(?!م(?!\w)|عرض|مكن|لقي|وفي|ولي|قدم|راس|حدث|ضمن|وصل|بني|عهد|سبب)))|"
        r"ربما|يحتمل|[وف]?(?:ال)?محتمل(?:ه|ون|ين|ان|تان)?|ينتظر ان|المنتظر|"
        r"يمكن|ممكن|الممكن|يرجح|المرجح|"
        # "من المتوقع أن" and "يتوقع أن" are "is expected to".
        r"المتوقع|يتوقع|يتوقعون|متوقع|"
        r"ورد ان|يبدو|"
        # "reports indicate": what reports say, not what is known.
        r"[وف]?(?:تقارير تشير|تشير تقارير|افادت تقارير|بحسب تقارير|وفق تقارير|وفقا لتقارير))(?!\w)"
    ),
}
# Modal words that do not hedge: "could" in a purpose clause ("so he could
# fund a wall") says why, not whether.
_NOT_HEDGING: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:so|so that|in order that)\s+(?:[\w'’]+\s+){1,3}?could\b"),
    "ar": re.compile(r"(?!)"),
}
# Overstatement: a sweeping or record claim ("all", "first ever") that the
# sources do not make. Kinds are compared one by one, in either language: a
# source that says "all flights" does not make "the worst fighting ever".
# Arabic elatives that rank (biggest, worst, fiercest, highest, lowest,
# strongest, harshest, longest, bloodiest), normalize()d.
_ELATIVES = "اكبر|اسوا|اعنف|اعلي|ادني|اقوي|اشد|اطول|ادمي"
_ABSOLUTE: dict[str, dict[Lang, re.Pattern[str]]] = {
    "all": {
        "en": re.compile(
            # "In all, five officers", "all told": a total, not everyone
            # ("in all cases" still sweeps).
            r"\b(?:(?<!least of )(?<!above )(?<!after )(?<!at )(?<!in )all(?! told)|"
            r"(?<=in )all(?!\s*(?:[,;:.]|$))|"
            r"every(?!\s+(?:day|week|month|year|night|morning|evening)s?\b)|everyone|"
            r"entire|entirely|whole|completely|totally|"
            # "the overwhelming majority" sweeps nearly all in.
            r"(?:overwhelming|vast)\s+majority)\b"
        ),
        "ar": re.compile(
            r"(?<!\w)(?:جميع|كافه|كامل|بالكامل|باكمله|باسره|تماما|كله|كلها|كلهم|استثناء)(?!\w)"
            r"|(?<!\w)[وب]?(?:ال)?(?:غالبيه|اغلبيه)\s+(?:ال)?ساحقه(?!\w)"
            r"|(?<!\w)كل(?!\w)(?! من)(?!\s+(?:يوم|اسبوع|شهر|عام|سنه|ليله|صباح|مساء)(?!\w))"
        ),
    },
    # How often: "every day" is what "daily" says, a frequency, not "all".
    "often": {
        "en": re.compile(
            r"\b(?:every\s+(?:day|week|month|year|night|morning|evening)s?|daily|weekly|"
            r"monthly|yearly|annually|nightly|each\s+(?:day|week|month|year))\b"
        ),
        "ar": re.compile(
            r"(?<!\w)(?:يوميا|اسبوعيا|شهريا|سنويا|ليليا|اليوميه|اليومي)(?!\w)"
            r"|(?<!\w)كل\s+(?:يوم|اسبوع|شهر|عام|سنه|ليله|صباح|مساء)(?!\w)"
        ),
    },
    "first": {
        "en": re.compile(
            r"\b(?:first[- ]ever|ever|for the first time|never before|unprecedented|of all time)\b"
            # "the worst fighting in its history" (not "the second time in its history").
            r"|(?<!time )\bin (?:its|their|his|her|(?:the )?[\w-]+(?:'s|’s)?) history\b"
        ),
        "ar": re.compile(
            r"(?<!\w)(?:لاول مره|اول مره|علي الاطلاق|غير مسبوق\w*|سابقه)(?!\w)"
            r"|(?<!مره )(?<!\w)في تاريخ(?:ه|ها|هم)?(?!\w)"
        ),
    },
    "record": {
        "en": re.compile(
            r"\b(?:record|largest|biggest|worst|deadliest|greatest|highest|lowest|strongest|"
            r"harshest|heaviest|fiercest|longest|toughest|bloodiest)\b"
        ),
        # An elative is a superlative with the article or before the noun it
        # ranks ("أكبر دولة", "أعنف هجوم"); after a noun or before من, a
        # comparative ("جهد أكبر لحماية", "أكبر من"): no record.
        "ar": re.compile(
            rf"(?<!\w)(?:قياسي\w*|ال(?:{_ELATIVES})(?!\w)|"
            rf"(?:{_ELATIVES})(?=\s+(?!(?:من|في|على|عن|الى|و)(?!\w)|[لب])\w))"
        ),
    },
    "only": {
        # "he alone", and "only" opening a clause ("because only Congress may").
        "en": re.compile(
            r"\b(?:the only|sole|unanimous\w*|alone|single-handedly)\b"
            r"|\bby (?:himself|herself|itself)\b"
            r"|(?:^|[,;:]\s*|\b(?:because|that|and|but|while|as)\s+)only\b"
        ),
        "ar": re.compile(
            r"(?<!\w)(?:الوحيد|الوحيده|باجماع|بالاجماع|وحده|وحدها|وحدهم|بمفرده|بمفردها)(?!\w)"
        ),
    },
}
_MARKER_TEXT = {
    "absolute:all": "a sweeping claim (all, every, whole)",
    "absolute:often": "a claim of how often (every day, daily)",
    "absolute:first": "a claim of a first or of ever (first ever, never before)",
    "absolute:record": "a record claim (largest, worst, record)",
    "absolute:only": "a claim of the only one (only, unanimous)",
    "negation": "a negation or denial",
    "hedge": "a hedge (may, might, possibly)",
}


def markers(text: str, lang: Lang) -> set[str]:
    """Which of 'negation', 'hedge' and the 'absolute:<kind>' claims `text`
    (in `lang`) has."""
    folded = normalize(text)
    found = set()
    if _NEGATION[lang].search(_NOT_NEGATING[lang].sub(" ", folded)):
        found.add("negation")
    # English hedges are matched in the original case ("May said" is a name).
    if _HEDGE[lang].search(_NOT_HEDGING[lang].sub(" ", folded if lang == "ar" else text)):
        found.add("hedge")
    claimed = _NOT_ABSOLUTE[lang].sub(" ", folded)
    if lang == "ar":
        claimed = _without_cognate_intensifier(claimed)
    found |= {
        f"absolute:{kind}" for kind, pattern in _ABSOLUTE.items() if pattern[lang].search(claimed)
    }
    return found


# "بعيدة كل البعد", "يختلف كل الاختلاف": كل before the verbal noun of the
# word it follows stresses that word (an absolute object); it sweeps nothing.
_COGNATE = re.compile(r"(\w+)\s+كل\s+ال(\w+)")
_WEAK = re.compile("[اويه]")


def _skeleton(word: str) -> str:
    """A word's strong consonants: no long vowels, weak letters or taa marbuta."""
    return _WEAK.sub("", word)


def _without_cognate_intensifier(folded: str) -> str:
    """`folded` with each كل that stresses the word before it blanked out."""

    def blank(match: re.Match[str]) -> str:
        before, noun = _skeleton(match.group(1)), _skeleton(match.group(2))
        if len(noun) >= 2 and noun in before:
            return f"{match.group(1)}  ال{match.group(2)}"
        return match.group()

    return _COGNATE.sub(blank, folded)


# Words of those claims in phrases that claim nothing: "leaving others
# alone", "let alone"; "record" as a verb ("history will record"); "على
# الإطلاق" after a negation is "at all"; an elative in a fixed name ranks
# nothing ("الشرق الأدنى" is the Near East, "الحد الأدنى" the minimum).
_NOT_ABSOLUTE: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:leav\w*|left|let)\s+(?:\w+\s+)?alone\b"
        r"|\b(?:to|will|would|shall|should|can|could|may|might|must|do|does|did)\s+"
        r"(?:not\s+)?record\b"
        # "did not question the video, only how it was described": after a
        # negated clause, "only" is "but", a contrast, not the only one.
        r"|(?<=\bnot\b)[^.;:,]{1,80},\s*only\b",
        re.IGNORECASE,
    ),
    "ar": re.compile(
        r"(?<!\w)[وف]?(?:لا|لم|لن|ليس|ليست|غير)\s+(?:\S+\s+){0,3}?علي\s+الاطلاق(?!\w)"
        r"|(?<!\w)[وفبل]?(?:ال|لل)(?:شرق|حد)\s+الادني(?!\w)"
    ),
}


# A negation that makes an adjective of its opposite, as English does with
# a prefix: "غير دستوري" is "unconstitutional", "غير عادلة" "unfair", "لا
# يمكن كسبها" "unwinnable". It negates no event, so a source whose word has a
# negative prefix or suffix (un-, in-, non-, -less) has it too.
_PRIVATIVE: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(r"(?!)"),
    "ar": re.compile(
        r"(?<!\w)[وف]?(?:بال|ل|ب)?غير\s+(?!ان|انه|انها|انهم)(?:ال)?\w+(?:ي|يه|ه|ين|ات)(?!\w)"
        r"|(?<!\w)[وف]?لا\s+(?:يمكن|تمكن)\s+\w+"
        # "عدم القدرة على التنبؤ" (unpredictability), "عدم الاستقرار" (instability).
        r"|(?<!\w)[وفب]?(?:ل)?عدم\s+(?:ال)?\w+"
    ),
}
_NEGATIVE_AFFIX: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:un(?!der|til|ited|ion|ity|ique|iver|less)\w{4,}|non-?\w{3,}|\w{3,}less(?:ly)?|"
        r"(?:in|im|ir|il)(?:valid|correct|sufficient|active|complete|possible|legal|legitimate|"
        r"responsible|regular|justifi|appropriate|accurate|adequate|effective)\w*)\b",
        re.IGNORECASE,
    ),
    "ar": re.compile(r"(?<!\w)[وف]?(?:بال|ل|ب)?غير\s+(?:ال)?\w+(?:ي|يه|ه|ين|ات)(?!\w)"),
}


def _negations_only(
    text: str,
    lang: Lang,
    kind: dict[Lang, re.Pattern[str]],
    cited: Sequence[tuple[str, Lang]],
    rendered: dict[Lang, re.Pattern[str]],
) -> bool:
    """True if every negation in `text` is of `kind` and a cited paragraph
    has what that kind renders (`rendered`, in the paragraph's language)."""
    folded = normalize(text)
    if not kind[lang].search(folded):
        return False
    rest = kind[lang].sub(" ", _NOT_NEGATING[lang].sub(" ", folded))
    if _NEGATION[lang].search(rest):
        return False
    return any(rendered[pl].search(normalize(p)) for p, pl in cited)


# Rejecting is opposing: "يرفض 56 في المئة الإعلان" renders "56 percent
# are against it", and "rejected the plan" "opposed the plan".
_REJECTION: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:reject\w*|refus\w*)\b"),
    "ar": re.compile(r"(?<!\w)[وف]?(?:رفض|رفضت|يرفض|ترفض|يرفضون|رفضا)(?!\w)"),
}
_OPPOSITION: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:oppos\w*|against|object\w*)\b", re.IGNORECASE),
    "ar": re.compile(r"(?<!\w)[وفب]?(?:ال)?(?:عارض\w*|يعارض\w*|تعارض\w*|معارض\w*|ضد)(?!\w)"),
}


# Someone's expectation in a source ("I expect to be sued", "he predicted")
# is what "يتوقع" and "expects" report: the hedge is the source's.
_EXPECTATION: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:expect(?:s|ed|ing)?|predict(?:s|ed|ing)?|anticipat\w+)\b", re.I),
    "ar": re.compile(r"(?<!\w)[وف]?(?:توقع|يتوقع|تتوقع|اتوقع|نتوقع|يتوقعون|تنبا|يتنبا)(?!\w)"),
}


def polarity_reasons(text: str, lang: Lang, cited: Sequence[tuple[str, Lang]]) -> list[str]:
    """A reason for each negation, hedge or sweeping claim in the sentence that none of the
    cited paragraphs ((text, language) pairs, either language) has."""
    found = markers(text, lang)
    if not found or not cited:
        return []
    present: set[str] = set()
    for paragraph, paragraph_lang in cited:
        present |= markers(paragraph, paragraph_lang)
        if _EXPECTATION[paragraph_lang].search(paragraph):
            present.add("hedge")
    if "negation" in found - present and (
        # A privative ("غير دستوري") renders a word negated by its affix
        # ("unconstitutional"); a rejection renders opposition.
        _negations_only(text, lang, _PRIVATIVE, cited, _NEGATIVE_AFFIX)
        or _negations_only(text, lang, _REJECTION, cited, _OPPOSITION)
    ):
        present.add("negation")
    return [
        f"has {_MARKER_TEXT[kind]} that the cited paragraphs do not have"
        for kind in sorted(found - present)
    ]


# A sentence that keeps its source's event but drops its "not" says the
# opposite ("called for his resignation" for "did not call for"). Words that
# carry a negative meaning without a negation marker count as keeping it.
_NEGATIVE_MEANING: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:declin\w*|avoid\w*|lack\w*|absen\w*|halt\w*|stopp?\w*|ended|end|"
        r"un\w{4,}|in(?:valid|correct|sufficient|active|complete)\w*|non-?\w+|ruled out|"
        r"barred|blocked|unable|instead|rather than|only)\b"
    ),
    "ar": re.compile(
        r"(?<!\w)(?:امتنع\w*|يمتنع\w*|تجنب\w*|رافض\w*|نافي\w*|بلا|عدم|خال\w*|توقف\w*|"
        r"غياب|انعدام|استبعد\w*|فقط|بدلا|سوى|الا)(?!\w)|(?<!\w)[وفب]?(?:عجز\w*|يعجز|تعجز)"
    ),
}
# Not disputing is accepting: "did not dispute the video's authenticity" is
# rendered by "accepted that the video was genuine", "لم ينكر" by "أقر".
_UNDISPUTED: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:not|never|n't)\s+(?:\w+\s+)?(?:disput|den[iy]|contest|challeng|question|doubt|"
        r"object|reject|refus)\w*",
        re.IGNORECASE,
    ),
    "ar": re.compile(
        r"(?<!\w)[وف]?(?:لم|لا|لن)\s+(?:ينكر|تنكر|ينف|تنف|يعترض|تعترض|يشكك|تشكك|يرفض|ترفض|"
        r"يطعن|تطعن)\w*"
    ),
}
_ACCEPTED: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:accept|acknowledg|conced|admit|agree|recogni[sz])\w*", re.IGNORECASE),
    "ar": re.compile(
        r"(?<!\w)[وف]?(?:اقر|يقر|تقر|اعترف|يعترف|تعترف|قبل|يقبل|تقبل|وافق|يوافق|توافق|سلم|يسلم|"
        r"تسلم)\w*"
    ),
}
_UNQUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?|«[^»]*»?|„[^“”]*[“”]?")


def _after_quote_ends(sentence: str) -> str:
    """`sentence` without the end of a quotation that an earlier sentence
    opened ('So no-one is surprised," the official said.' is the official's
    sentence after the quoted words): its first quotation mark closes."""
    curly = re.search(r"[“”]", sentence)
    if curly and curly.group() == "”":
        return sentence[curly.end() :]
    straight = re.search(r'(?<=[\w.,!?])"(?=\s|$)', sentence)
    if sentence.count('"') % 2 and straight and '"' not in sentence[: straight.start()]:
        return sentence[straight.end() :]
    return sentence


def dropped_negation_reasons(text: str, lang: Lang, closest: tuple[str, Lang] | None) -> list[str]:
    """A reason when `closest`, the cited sentence (text, language) this
    sentence is closest to, has a negation or denial and the sentence has
    none, nor a word of negative meaning."""
    if closest is None:
        return []
    source, source_lang = closest
    # A negation inside a quotation belongs to what was quoted.
    if "negation" not in markers(_UNQUOTED.sub(" ", _after_quote_ends(source)), source_lang):
        return []
    if "negation" in markers(text, lang) or _NEGATIVE_MEANING[lang].search(normalize(text)):
        return []
    if _UNDISPUTED[source_lang].search(normalize(source)) and _ACCEPTED[lang].search(
        normalize(text)
    ):
        return []
    return [f"leaves out the negation or denial of the cited sentence “{source[:120]}”"]


_MODAL: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:can|cannot|able|possib\w*|chance\w*|risk\w*)\b"),
    "ar": re.compile(r"(?<!\w)(?:يستطيع|تستطيع|بامكان\w*|امكاني\w*|احتمال\w*|خطر)(?!\w)"),
}


def dropped_hedge_reasons(text: str, lang: Lang, closest: tuple[str, Lang] | None) -> list[str]:
    """A reason when `closest`, the cited clause (text, language) in the
    sentence's language that this sentence is closest to, hedges an act
    ("could face prosecution") that the sentence states without a hedge
    ("will face prosecution"). The act is the first content word after the
    hedge, and the sentence must have it."""
    if closest is None or "hedge" in markers(text, lang):
        return []
    # "can" keeps a "may" of permission ("only Congress may allocate funds").
    if _MODAL[lang].search(normalize(text)):
        return []
    if closest[1] != lang:
        return _dropped_in_translation(text, lang, closest)
    source = _UNQUOTED.sub(" ", closest[0])
    cleared = _NOT_HEDGING[lang].sub(" ", normalize(source) if lang == "ar" else source)
    mine = {stem(w, lang) for w in words(text)}
    for match in _HEDGE[lang].finditer(cleared):
        after = [w for w in words(cleared[match.end() :]) if len(w) >= 3 and w not in _STOP[lang]]
        if after and stem(after[0], lang) in mine:
            hedged = f"{match.group().strip()} {after[0]}"
            return [f"states as certain what the cited sentence hedges (“{hedged}”)"]
    return []


# What a source says only as how things look or what people believe
# ("appears to have been taken", "يُعتقد أنهم قتلوا", "presumed dead"): a
# translation that keeps its claim must keep that too. "May" and "might"
# are left out (permission, a possibility of a clause the sentence may not
# render), as "potential" is (an adjective of its noun).
_SEEMING: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:(?:appears?|appeared|seems?|seemed|believed|thought) to|"
        r"presumed|reportedly|allegedly|apparently|(?:is|are|was|were)\s+expected to)\b",
        re.IGNORECASE,
    ),
    "ar": re.compile(
        r"(?<!\w)[وف]?(?:يبدو|بدا|تبدو|يعتقد|تعتقد|يعتقدون|يرجح|ترجح|يتوقع|تتوقع|يفترض|"
        r"يزعم|تزعم|مزعوم\w*|المفترض|المرجح|المتوقع|ظاهريا|افادت تقارير|تقارير تشير)(?!\w)"
    ),
}
# What keeps such a hedge in a translation: a hedge, an expectation, or a
# word of seeming, belief or report ("ما بدا أنه مسلح", "citing reports").
_KEEPS_SEEMING: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:appear\w*|seem\w*|believ\w*|thought|think\w*|presum\w*|report\w*|"
        r"alleg\w*|suspect\w*|expect\w*|claim\w*)\b",
        re.IGNORECASE,
    ),
    "ar": re.compile(
        r"(?<!\w)[وف]?(?:يبدو|بدا|تبدو|يعتقد|تعتقد|يعتقدون|اعتقد|ظن|يظن|ظنوا|يرجح|ترجح|يتوقع|"
        r"تتوقع|يفترض|يزعم|تزعم|تقارير|تقرير|ذكرت|افادت|مزعوم\w*|مفترض\w*|مرجح\w*|متوقع\w*)(?!\w)"
    ),
}


# A condition ("if the process is obstructed", "في حال عرقلة المسار"):
# what depends on it is not said to have happened. "if" after a verb of
# finding out is "whether" ("to determine if").
_CONDITION: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(
        r"(?<!determine )(?<!see )(?<!know )(?<!ask )(?<!asked )(?<!decide )(?<!check )"
        r"\b(?:if|unless|in case|in the event|provided that)\b",
        re.IGNORECASE,
    ),
    "ar": re.compile(r"(?<!\w)[وف]?(?:في حال|في حاله|اذا|ما لم|شريطه|بشرط|حال)(?!\w)"),
}
# What keeps a condition: one of its words, a threat, or a modal.
_KEEPS_CONDITION: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:if|unless|case|event|provided|would|could|threat\w*|warn\w*|condition\w*)\b",
        re.IGNORECASE,
    ),
    "ar": re.compile(
        r"(?<!\w)[وفب]?(?:ال)?(?:حال|حاله|اذا|لم|شرط|شريطه|بشرط|م?لوح\w*|تلويح|يلوح|م?هدد\w*|"
        r"تهديد|يهدد|تهدد|حذر\w*|يحذر|سوف|قد|يمكن)(?!\w)|(?<!\w)[وف]?س[يتن]\w{2,}"
    ),
}


def dropped_condition_reasons(text: str, lang: Lang, closest: tuple[str, Lang] | None) -> list[str]:
    """A reason when `closest`, the cited clause this sentence is closest to
    (either language), makes what it says depend on a condition and the
    sentence keeps no condition, threat or modal."""
    if closest is None:
        return []
    source, source_lang = normalize(_UNQUOTED.sub(" ", closest[0])), closest[1]
    condition = _CONDITION[source_lang].search(source)
    if not condition or _KEEPS_CONDITION[lang].search(normalize(text)):
        return []
    return [f"states as done what the cited sentence makes conditional (“{condition.group()}”)"]


def _dropped_in_translation(text: str, lang: Lang, closest: tuple[str, Lang]) -> list[str]:
    """A reason when `closest`, in the other language, says its claim only
    as how things look or what is believed and the sentence keeps no word of
    seeming, belief or report."""
    source, source_lang = _UNQUOTED.sub(" ", closest[0]), closest[1]
    seeming = _SEEMING[source_lang].search(normalize(source) if source_lang == "ar" else source)
    if not seeming or _KEEPS_SEEMING[lang].search(normalize(text)):
        return []
    return [f"states as certain what the cited sentence hedges (“{seeming.group().strip()}”)"]


# Opposite actions, each side as word beginnings per language (normalize()d
# Arabic). A sentence using one side where its cited paragraphs use only the
# other reverses the event ("expels" for "withdraws", "praised" for
# "criticized"); sides are shared across languages so translations compare.
_REVERSALS: tuple[tuple[str, dict[Lang, str], dict[Lang, str]], ...] = (
    (
        "praise",
        {"en": "prais|hail|commend", "ar": "اشاد|يشيد|تشيد|مدح"},
        {"en": "critici|condemn|attack|blast|denounc", "ar": "انتقد|ينتقد|تنتقد|هاجم|ادان|يدين"},
    ),
    (
        "defend",
        {"en": "defend", "ar": "دافع|يدافع|تدافع"},
        {"en": "critici|condemn|attack|denounc", "ar": "انتقد|ينتقد|تنتقد|هاجم|ادان"},
    ),
    (
        "expel",
        {"en": "expel", "ar": "طرد|يطرد|تطرد"},
        {"en": "withdr|recall|pull", "ar": "سحب|يسحب|تسحب|استدع"},
    ),
    (
        "open",
        {"en": "open", "ar": "افتتح|فتح|يفتح|تفتح"},
        {"en": "clos|shut", "ar": "اغلق|يغلق|تغلق|اغلاق"},
    ),
    (
        "win",
        {"en": "win|won|victor", "ar": "فاز|يفوز|تفوز|فوز"},
        {"en": "lost|lose|loss|defeat", "ar": "خسر|يخسر|تخسر|هزم|خسار"},
    ),
    (
        "rise",
        {"en": "rise|rose|risen|increas|grew|grow", "ar": "ارتفع|يرتفع|زاد|يزيد|زياد"},
        {"en": "fell|fall|decreas|drop|declin", "ar": "انخفض|ينخفض|تراجع|يتراجع"},
    ),
    (
        "support",
        {"en": "support|back", "ar": "ايد|يويد|دعم|يدعم"},
        {"en": "oppos|against", "ar": "عارض|يعارض|اعترض|معارض"},
    ),
    (
        "resume",
        {"en": "resum|restart", "ar": "استانف|يستانف|تستانف|استيناف"},
        {
            "en": "halt|suspend|paus|stopp|stops|stop\\b|freez|froze",
            "ar": "اوقف|يوقف|توقف|يتوقف|تتوقف|ايقاف|جمد|يجمد|تجميد",
        },
    ),
    (
        "release",
        {"en": "releas|freed|frees\\b|free\\b", "ar": "افرج|يفرج|تفرج|افراج"},
        {"en": "arrest|detain|jail|imprison", "ar": "اعتقل|يعتقل|احتجز|يحتجز|اعتقال|احتجاز"},
    ),
    (
        "accept",
        {"en": "accept|approv", "ar": "وافق|يوافق|توافق|موافق|اقر|يقر"},
        {"en": "reject|refus|veto", "ar": "رفض|يرفض|ترفض|اعترض"},
    ),
    (
        "allow",
        {"en": "allow|permit|lift", "ar": "سمح|يسمح|تسمح"},
        {"en": "ban|bann|prohibit|forbid|impos", "ar": "حظر|يحظر|تحظر|منع|يمنع|تمنع"},
    ),
)


def _side(text: str, lang: Lang, prefixes: dict[Lang, str]) -> bool:
    clitic = "(?:و|ف|ب|ل)?(?:ال)?" if lang == "ar" else ""
    return re.search(rf"(?<!\w){clitic}(?:{prefixes[lang]})", normalize(text)) is not None


REVERSES = "reverses what the cited paragraphs report"


def reversal_reasons(text: str, lang: Lang, cited: Sequence[tuple[str, Lang]]) -> list[str]:
    """A reason for each action the sentence names whose opposite, and not
    it, is what the cited paragraphs ((text, language) pairs) name."""
    reasons = []
    for name, side_a, side_b in _REVERSALS:
        for mine, theirs in ((side_a, side_b), (side_b, side_a)):
            if not _side(text, lang, mine):
                continue
            has_mine = any(_side(p, pl, mine) for p, pl in cited)
            if not has_mine and any(_side(p, pl, theirs) for p, pl in cited):
                reasons.append(f"{REVERSES} ({name} or its opposite)")
    return reasons


# --- words the sources do not have -----------------------------------------

_STOP: dict[Lang, frozenset[str]] = {
    "en": _wordset(
        "the a an and or but of to in on at by for from with as is are was were be been "
        "being has have had do does did this that these those it its their there they them "
        "he she his her him we our you your i which who whom whose what when where while "
        "after before than then also into over about against between during under since "
        "until up down out off not no so such very more most much many some any all each "
        "other another said says say saying told tells according will would can could may "
        "might should must shall new just only both either one two three s"
    ),
    "ar": _wordset(
        "في من الي علي عن مع ان او ثم لكن بعد قبل هذا هذه ذلك تلك التي الذي الذين كان كانت "
        "يكون تكون قد لقد وقد كما حيث اذ اذا ما لا لم لن هو هي هم هن انه انها الا بين عند "
        "حتي منذ خلال ضد نحو كل بعض غير اي ايضا قال قالت يقول تقول وقال وقالت واضاف واضافت "
        "اضاف اضافت اكد اكدت وفق وفقا به بها له لها لهم فيه فيها منه منها عليه عليها"
    ),
}
_AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و", "ب", "ل", "ف", "ك")
_AR_SUFFIXES = ("ها", "هم", "هما", "ات", "ون", "ين", "ان", "يه", "يا", "ه", "ي")


def stem(word: str, lang: Lang) -> str:
    """A crude stem for matching a word against a paragraph's words: English
    words cut to 5 letters, Arabic ones stripped of common clitics."""
    if lang == "en":
        return word[:5]
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    for suffix in _AR_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:4]


def content_stems(text: str, lang: Lang) -> list[str]:
    """The stems of `text`'s content words (not function words, not digits,
    at least three letters)."""
    return [
        stem(w, lang)
        for w in words(text)
        if len(w) >= 3 and not w.isdigit() and w not in _STOP[lang]
    ]


def novel_words(text: str, lang: Lang, sources: Sequence[str]) -> list[str]:
    """Content words of `text` whose stems none of `sources` (same language)
    has, in the order they appear."""
    known: set[str] = set()
    for source in sources:
        known.update(content_stems(source, lang))
    found = []
    for word in words(text):
        # A number, in digits or in words, is the number check's to judge.
        content = (
            len(word) >= 3
            and not word.isdigit()
            and not is_number_word(word)
            and word not in _STOP[lang]
        )
        if content and stem(word, lang) not in known and word not in found:
            found.append(word)
    return found


_CAPITALIZED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z\u00c0-\u024f-]{2,}")


# Days and months are not actors; `when` checks them against the lead too.
_CALENDAR = frozenset(k for k in (*MONTHS, *WEEKDAYS) if k.isascii())


def derived_in(word: str, source_words: set[str]) -> bool:
    """Whether a source word is `word` with an affix ("the Constitution" in
    a source that says "unconstitutional"): the same thing named."""
    if len(word) < 5:
        return False
    derived = re.compile(
        rf"(?:un|non|anti|pro|pre|re|in|dis)?{re.escape(word)}"
        r"(?:al|ally|ality|s|es|ed|ing|ian|ians|ist|ists|ism|ic|ity|ary|ly|ional|ionally)?"
    )
    return any(derived.fullmatch(w) for w in source_words if word in w)


def novel_names(text: str, sources: Sequence[str], articles: Sequence[str] = ()) -> list[str]:
    """Capitalized words of an English sentence (not its first word) that no
    English source has: an actor, place or organisation the sources do not
    name ("Hillary Clinton" where they say "Trump"). A first name is known
    when the sources have the surname after it in the sentence and one of
    `articles` (the cited articles' whole texts) the two together: news gives
    the full name once ("Alex Jones"), then the surname ("Mr. Jones")."""
    source_words = {w for source in sources for w in words(source)}
    known = {stem(w, "en") for w in source_words}
    found = []
    for match in _CAPITALIZED.finditer(text.strip()):
        if _first_name_of_known(text.strip(), match, source_words, articles):
            continue
        parts = words(match.group(0))  # "Jong-un" is "Jong Un"
        unknown = [
            w
            for w in parts
            if w not in _STOP["en"]
            and w not in _CALENDAR
            and stem(w, "en") not in known
            and not derived_in(w, source_words)
        ]
        if unknown and match.group(0) not in found:
            found.append(match.group(0))
    return found


def _first_name_of_known(
    text: str, match: re.Match[str], source_words: set[str], articles: Sequence[str]
) -> bool:
    """Whether the capitalized word at `match` is followed by a surname the
    sources have, and an article gives the two as one name."""
    following = re.match(r"\s+([A-Z][\w-]+)", text[match.end() :])
    if not following or following.group(1).casefold() not in source_words:
        return False
    full = re.compile(rf"\b{re.escape(match.group(0))}\s+{re.escape(following.group(1))}\b")
    return any(full.search(article) for article in articles)


# --- instructions and links ------------------------------------------------

_LINKISH = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|(?<![\w@])@\w{2,}|"
    r"\b[\w-]+\.(?:com|org|net|io|info|co|uk|ru|ly|me|news|tv)\b",
    re.IGNORECASE,
)
_IMPERATIVE = re.compile(
    r"\b(?:ignore|disregard|forget) (?:all |any |the |your |every )*(?:previous |prior |above |"
    r"earlier )?(?:instructions?|prompts?|rules)"
    r"|\b(?:as an? (?:ai|language model|model|assistant))\b"
    r"|\byou (?:should|must) (?:now )?(?:write|say|tell|report|add|state)"
    r"|\btell (?:the )?readers\b|\breaders (?:can|should|must) "
    # An imperative opens its clause: "to visit Britain", "a planned visit"
    # and "would visit" report a visit, they do not send the reader there.
    r"|\b(?<!\bto )(?<!\ba )(?<!\bthe )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\btheir )"
    r"(?<!\bwould )(?<!\bwill )(?<!\bcould )(?<!\bcan )"
    r"(?:visit|click|subscribe|follow us|contact us|write to us|send (?:us|your))\b"
    r"|\bfor (?:the full|more) (?:story|details|information)\b"
    r"|\b(?:in|to|into) (?:the|this|your) (?:summary|briefing|answer|output)\b"
    r"|تجاهل|تعليمات|التعليمات|ايها النموذج|ايها المساعد|بصفتك"
    r"|(?:اكتب|اذكر|اضف|ضع|قل|قولوا)\s[^.]{0,40}(?:الملخص|الموجز|للقراء)"
    r"|(?:في|الي|الى) (?:الملخص|الموجز)\b"
    r"|راسلونا|تابعونا|زوروا|اضغط|للتواصل|لمزيد من (?:التفاصيل|المعلومات)",
    re.IGNORECASE,
)


def instruction_reasons(text: str, cited: Sequence[str]) -> list[str]:
    """A reason for text addressed to the reader or the model, and for each
    link, e-mail address or handle that no cited paragraph has."""
    folded = normalize(text)
    sources = " ".join(normalize(p) for p in cited)
    reasons = []
    match = _IMPERATIVE.search(folded)
    if match and match.group(0) not in sources:
        reasons.append("addresses the reader or the model instead of reporting the news")
    for link in _LINKISH.findall(folded):
        if link.rstrip(".,") not in sources:
            reasons.append(f"contains {link.rstrip('.,')!r}, which the cited paragraphs do not")
    return reasons


# --- fragments -------------------------------------------------------------

_DANGLING: dict[Lang, frozenset[str]] = {
    "en": _wordset(
        "a an the of to in on at by for from with and or but as which who whom whose that "
        "than into onto about over under between after before because while if its their "
        "his her our your my is are was were be has have had"
    ),
    "ar": _wordset(
        "في من الي علي عن مع ان او ثم لكن و ب ل ك الذي التي الذين حيث بين بعد قبل عند "
        "منذ حتي نحو خلال ضد لان اذا كان كانت"
    ),
}
_QUOTE_PAIRS = (("“", "”"), ("«", "»"), ("‘", "’"))


# A comparison with how things were ends on its verb: "as they were",
# "كما كانت", "مثلما كان".
_AS: dict[Lang, frozenset[str]] = {
    "en": _wordset("as"),
    "ar": _wordset("كما مثلما"),
}
_AS_PRONOUNS = _wordset("it they he she we things")


def _compared(tokens: Sequence[str], lang: Lang) -> bool:
    """Whether `tokens` end on the verb of a comparison with the past."""
    before = [t for t in tokens[-3:-1] if t not in _AS_PRONOUNS]
    return bool(before) and before[-1] in _AS[lang] and tokens[-1] in _DANGLING[lang]


def fragment_reasons(text: str, lang: Lang) -> list[str]:
    """A reason when the sentence is not complete: it ends on a word that
    needs a continuation (a preposition, article, conjunction, relative
    pronoun or auxiliary), or its quotation marks are unbalanced."""
    tokens = words(text)
    stripped = text.rstrip()
    reasons = []
    dangling = tokens and tokens[-1] in _DANGLING[lang] and not _compared(tokens, lang)
    if dangling and not stripped.endswith(("?", "؟", "!")):
        reasons.append(f"is not a complete sentence (it ends on {tokens[-1]!r})")
    elif stripped and stripped[-1] in ",،;:-–—":
        reasons.append("is not a complete sentence (it ends on a comma or dash)")
    unbalanced = any(text.count(a) != text.count(b) for a, b in _QUOTE_PAIRS[:2])
    if unbalanced or text.count('"') % 2:
        reasons.append("has unbalanced quotation marks")
    return reasons
