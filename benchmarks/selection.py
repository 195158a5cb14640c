"""What the extractive summaries quote: repeats, coverage, leads.

    .venv/bin/python benchmarks/selection.py [--show]

For each story of the development corpus (its gold grouping, so that the
figures are about selection, not grouping) and each language with at least
five candidate sentences, the four sentences `select` quotes. Prints, per
section and in total:

- restated: pairs of quoted sentences that say one thing twice, read as
  cosine >= 0.65 between them, or >= 0.55 with a figure in common (years and
  days of a month aside): several outlets' leads of one event;
- pair cosine: the mean cosine between quoted sentences (lower: more said);
- coverage: the mean, over all candidates, of the cosine to the nearest
  quoted sentence (how much of what the sources say is near something quoted);
- centrality: the mean cosine of the quoted sentences to the section's
  centroid (how much they are about the topic);
- lead first: whether the section opens on an article's lead sentence.

`--show` prints the quoted sentences (the first 90 characters) for reading.
These are figures to compare versions by, not a target: read the sentences.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from _common import require_corpus
from grouping import load_dev

from briefing.embed import embed
from briefing.summary.select import _centrality, _choose, candidates

SENTENCES = 4
RESTATED, RESTATED_WITH_FIGURE = 0.65, 0.55


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print the quoted sentences")
    args = parser.parse_args()
    require_corpus()
    articles, gold = load_dev()
    stories = defaultdict(list)
    for a in articles:
        stories[gold[a.id]].append(a)
    sections = []
    for story, members in sorted(stories.items()):
        for lang in ("ar", "en"):
            pool = [c for a in members if a.lang == lang for c in candidates(a)]
            if len(pool) >= 5:
                sections.append((story, lang, pool))
    vectors = embed([c.text for _, _, pool in sections for c in pool])
    print(f"{'section':<58} {'restated':>8} {'pair cos':>8} {'coverage':>8} {'central':>8} lead")
    totals = defaultdict(float)
    offset = 0
    for story, lang, pool in sections:
        rows = vectors[offset : offset + len(pool)]
        offset += len(pool)
        chosen = _choose(rows, SENTENCES, pool)
        similarity = rows[chosen] @ rows[chosen].T
        pairs = list(itertools.combinations(range(len(chosen)), 2))
        restated = sum(
            similarity[i, j] >= RESTATED
            or (
                similarity[i, j] >= RESTATED_WITH_FIGURE
                and bool(pool[chosen[i]].figures & pool[chosen[j]].figures)
            )
            for i, j in pairs
        )
        pair_cos = float(np.mean([similarity[i, j] for i, j in pairs])) if pairs else 0.0
        coverage = float(np.mean(np.max(rows @ rows[chosen].T, axis=1)))
        central = float(np.mean(_centrality(rows)[chosen]))
        lead = pool[chosen[0]].position == 0
        print(
            f"{story[:54] + ' ' + lang:<58} {restated:>8} {pair_cos:>8.3f} {coverage:>8.3f} "
            f"{central:>8.3f} {'yes' if lead else 'no'}"
        )
        if args.show:
            for i in chosen:
                print(f"    {pool[i].article.id} ¶{pool[i].paragraph}: {pool[i].text[:90]}")
        for key, value in (
            ("restated", restated),
            ("pair_cos", pair_cos),
            ("coverage", coverage),
            ("central", central),
            ("lead", lead),
        ):
            totals[key] += value
    n = len(sections)
    print(
        f"{'all ' + str(n) + ' sections (restated: sum; others: mean)':<58} "
        f"{int(totals['restated']):>8} {totals['pair_cos'] / n:>8.3f} "
        f"{totals['coverage'] / n:>8.3f} {totals['central'] / n:>8.3f} "
        f"{int(totals['lead'])}/{n}"
    )


if __name__ == "__main__":
    main()
