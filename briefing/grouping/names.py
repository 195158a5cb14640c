"""Who and where each article's lead names, as evidence that two reports
are about different events.

Two reports of one event name some of the same people, places and bodies in
their headlines and first paragraphs. Two English reports whose leads both
name someone or somewhere and share none ("The town of Arlen banned night
flights", "The town of Brisk banned night flights") are about different
events, however alike their other words: the embedding and the shared
vocabulary see one story, the names see two.

Names are the glossary's entries (news agencies left out: a credit names
who wrote the story; a capital or a seat of government names its state
too) and runs of capitalized words the glossary lacks,
compared by their last word. Only English pairs are compared, because only
English marks its names: Arabic has no capitals, so an Arabic lead's names
are only the glossary's, and two reports of one event that share only
names the glossary lacks ("بوابة زرقاء", a company; "Nordkran Oy") would
look disjoint; across languages a name the glossary lacks cannot be matched
at all.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from ..models import Article
from ..summary.glossary import Glossary
from ..summary.subjects import en_names
from ..text import normalize, without_dateline

Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]


def lead_names(article: Article, glossary: Glossary) -> frozenset[str]:
    """The names an article's headline and first paragraph give: glossary
    entries as "=<English preferred form>", other English names as their
    last word, folded."""
    first = without_dateline(article.paragraphs[0]) if article.paragraphs else ""
    found: set[str] = set()
    for text in (article.title, first):
        if not text:
            continue
        for entry in glossary.mentioned(text, article.lang):
            if entry.kind != "agency":
                # A capital or a seat of government also names its state:
                # "Moscow said" and "Russia said" report one event (a city
                # does not speak for its country).
                state = entry.country if entry.kind != "city" else ""
                found |= {f"={entry.en}", *([f"={state}"] if state else [])}
        if article.lang == "en":
            found |= {normalize(run[-1]) for run in en_names(text, glossary)}
    return frozenset(found)


def disjoint(ordered: Sequence[Article], left: Ints, right: Ints, glossary: Glossary) -> Bools:
    """For each pair (left[k], right[k]): True when both articles are in
    English, both leads name someone or somewhere, and they share no name."""
    names = [lead_names(a, glossary) if a.lang == "en" else frozenset() for a in ordered]
    out = np.zeros(len(left), dtype=bool)
    for k, (i, j) in enumerate(zip(left.tolist(), right.tolist(), strict=True)):
        if ordered[i].lang == ordered[j].lang == "en" and names[i] and names[j]:
            out[k] = not (names[i] & names[j])
    return out
