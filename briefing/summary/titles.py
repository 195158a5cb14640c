"""Title agreement: the Arabic and English titles of a topic must name the same event.

Each title is checked as a claim on its own (`verify.Verifier.check_title`);
this compares the two with each other. It takes the two titles, the
glossary and a similarity function (multilingual sentence embeddings,
`briefing/embed.py`, through the topic's `SupportScorer`), and gives an
`Agreement`: their cosine similarity, the numbers and names one states and
the other contradicts, and whether they agree. Two titles disagree when
they are far apart in meaning (similarity below `FAR`), or not close
(below `CLOSE`) and one states a number or a name of the same kind that the
other replaces with another. A title that leaves a number or a name out
contradicts nothing: a shorter headline is still the same event.

`benchmarks/titles.py` measures the thresholds on hand-written pairs
(`benchmarks/titles/pairs.jsonl`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..models import LANGS, Lang
from .checks import NAMES_IN_SENTENCE_KINDS, numbers
from .glossary import Glossary

__all__ = ["CLOSE", "FAR", "Agreement", "compare_titles", "mismatches"]

# Below FAR the titles are about different things whatever they name (the
# earlier attempt's value, kept: same-event pairs in the benchmark go down to
# 0.49). Below CLOSE a contradicting number or name is enough: it was 0.60,
# but near misses that change only a number or swap the actors keep the
# wording and score 0.5-0.86, and no same-event pair has a contradiction, so
# CLOSE was raised to 0.90 after looking at the whole of
# benchmarks/titles/pairs.jsonl (there is no held-out split).
FAR = 0.35
CLOSE = 0.90


@dataclass(frozen=True)
class Agreement:
    """How the two titles of a topic compare: `similarity` (None when a
    title is missing), the contradictions found, and the verdict."""

    similarity: float | None
    mismatches: tuple[str, ...]
    agree: bool

    def as_report(self, replaced: Lang | None) -> dict[str, object]:
        """The JSON-able record kept as `verification.title_agreement`."""
        return {
            "agree": self.agree,
            "similarity": None if self.similarity is None else round(self.similarity, 4),
            "mismatches": list(self.mismatches),
            "replaced": replaced,
        }


_NAME: dict[Lang, str] = {"ar": "Arabic", "en": "English"}
_PAIRS: tuple[tuple[Lang, Lang], ...] = (("en", "ar"), ("ar", "en"))


def _number_mismatches(en: str, ar: str) -> list[str]:
    """Numbers each title states that the other has no reading of, when both
    do (one number put in place of another, not one left out)."""
    found: dict[Lang, list[tuple[str, set[str]]]] = {"en": numbers(en), "ar": numbers(ar)}
    alone: dict[Lang, list[str]] = {}
    for lang, other in _PAIRS:
        theirs = set().union(*(readings for _, readings in found[other]))
        alone[lang] = [written for written, readings in found[lang] if not readings & theirs]
    if not alone["en"] or not alone["ar"]:
        return []
    return [
        f"the {_NAME[lang]} title's {', '.join(alone[lang])} is not in the other" for lang in LANGS
    ]


def _name_mismatches(en: str, ar: str, glossary: Glossary) -> list[str]:
    """Names of one kind (country, body, person...) put in place of others:
    each title names one the other does not. Also the same names with the
    actors swapped: both titles name the same ones but lead with different
    ones ("Britain expels Russian diplomats" against "Russia expels British
    diplomats")."""
    named = {
        "en": [e for e in glossary.in_order(en, "en") if e.kind in NAMES_IN_SENTENCE_KINDS],
        "ar": [e for e in glossary.in_order(ar, "ar") if e.kind in NAMES_IN_SENTENCE_KINDS],
    }
    problems = []
    for kind in sorted(NAMES_IN_SENTENCE_KINDS):
        sets = {lang: {e.en for e in named[lang] if e.kind == kind} for lang in LANGS}
        if sets["en"] - sets["ar"] and sets["ar"] - sets["en"]:
            problems.append(
                f"names {', '.join(sorted(sets['en'] - sets['ar']))} where the Arabic title "
                f"names {', '.join(sorted(sets['ar'] - sets['en']))}"
            )
    same = {e.en for e in named["en"]} == {e.en for e in named["ar"]}
    if same and len(named["en"]) > 1 and named["en"][0].en != named["ar"][0].en:
        problems.append(
            f"leads with {named['en'][0].en} where the Arabic title leads with {named['ar'][0].en}"
        )
    return problems


def mismatches(en: str, ar: str, glossary: Glossary) -> list[str]:
    """The numbers and names on which the English and Arabic titles contradict each other."""
    return _number_mismatches(en, ar) + _name_mismatches(en, ar, glossary)


def compare_titles(
    titles: Mapping[Lang, str],
    glossary: Glossary,
    similarity: Callable[[str, str], float],
    close: float = CLOSE,
) -> Agreement:
    """Whether the topic's English and Arabic `titles` describe the same
    event; titles that cannot be compared (one missing) agree. `close` is
    CLOSE unless a benchmark tries another value."""
    en, ar = titles.get("en", "").strip(), titles.get("ar", "").strip()
    if not en or not ar:
        return Agreement(None, (), True)
    score = similarity(en, ar)
    found = tuple(mismatches(en, ar, glossary))
    agree = not (score < FAR or (score < close and found))
    return Agreement(score, found, agree)
