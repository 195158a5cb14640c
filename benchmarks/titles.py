"""Title agreement against hand-written title pairs.

    .venv/bin/python benchmarks/titles.py [--show]

`benchmarks/titles/pairs.jsonl` holds 70 English/Arabic title pairs written
for this benchmark about the events of the development corpus (no corpus
text is copied): 35 pairs that describe the same event and must agree, and
35 near misses (same subject, but another event, number or actor) that
`briefing.summary.titles.compare_titles` should flag. Each line:

    {"id", "story", "kind": "same" | "event" | "number" | "actor",
     "same": bool, "en", "ar"}

Titles are compared as the pipeline compares a topic's titles: the
multilingual encoder's cosine similarity and the built-in glossary. Prints,
per kind, how many pairs were flagged, then the similarity spread; `--show`
lists the pairs on the wrong side. The thresholds (FAR, CLOSE in titles.py)
were chosen looking at this whole set: it has no held-out split, so read
its figures as a check of the rule, not an estimate on unseen titles.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common  # noqa: F401  (puts the repository on sys.path)

from briefing.embed import embed
from briefing.summary.glossary import load_glossary
from briefing.summary.titles import CLOSE, FAR, compare_titles

PAIRS = Path(__file__).resolve().parent / "titles" / "pairs.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="list the pairs on the wrong side")
    parser.add_argument("--close", type=float, default=CLOSE, help=f"CLOSE (default {CLOSE})")
    args = parser.parse_args()
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line]
    glossary = load_glossary()
    vectors = embed([t for p in pairs for t in (p["en"], p["ar"])])
    rows = {t: vectors[i] for i, t in enumerate(t for p in pairs for t in (p["en"], p["ar"]))}

    def similarity(a: str, b: str) -> float:
        return float(rows[a] @ rows[b])

    by_kind: dict[str, list[tuple[dict[str, object], bool, float]]] = defaultdict(list)
    for p in pairs:
        agreement = compare_titles({"en": p["en"], "ar": p["ar"]}, glossary, similarity, args.close)
        by_kind[p["kind"]].append((p, not agreement.agree, agreement.similarity or 0.0))

    print(f"{len(pairs)} title pairs; disagree when similarity < {FAR} "
          f"or < {args.close} with a number or name mismatch\n")  # fmt: skip
    print(f"{'kind':10} {'pairs':>5} {'flagged':>8} {'sim p10':>8} {'p50':>6} {'p90':>6}")
    for kind in ("same", "event", "number", "actor"):
        found = by_kind[kind]
        sims = sorted(s for _, _, s in found)
        deciles = statistics.quantiles(sims, n=10) if len(sims) > 1 else sims * 9
        flagged = sum(f for _, f, _ in found)
        print(f"{kind:10} {len(found):5} {flagged:8} {deciles[0]:8.2f} "
              f"{statistics.median(sims):6.2f} {deciles[-1]:6.2f}")  # fmt: skip
    same = by_kind["same"]
    near = [x for k, v in by_kind.items() if k != "same" for x in v]
    print(f"\nsame-event pairs flagged (false alarms): {sum(f for _, f, _ in same)}/{len(same)}")
    caught = sum(f for _, f, _ in near)
    print(f"near misses caught: {caught}/{len(near)}, missed: {len(near) - caught}")
    if args.show:
        print("\non the wrong side:")
        for kind, found in by_kind.items():
            for p, flagged, sim in found:
                if flagged == (kind == "same"):
                    print(f"  {p['id']} {kind:7} sim {sim:.2f}  {p['en']}  |  {p['ar']}")


if __name__ == "__main__":
    main()
