"""How long the bilingual glossary takes to load, and to find the names in
the development corpus (../shared/corpus/dev), and how many entries it has.

    .venv/bin/python benchmarks/glossary.py [--root CHECKOUT] [--runs 7]

`--root` imports briefing from another checkout (e.g. main) to compare.
Prints a table: entries by kind, then median and best times in ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE, help="checkout to import briefing from")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    from briefing.summary.glossary import load_glossary

    corpus = HERE.parent / "shared" / "corpus" / "dev"
    texts = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.json"))]

    loads, matches = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        glossary = load_glossary()
        loads.append(time.perf_counter() - start)
        start = time.perf_counter()
        found = sum(len(glossary.mentioned(t["text"], t["lang"])) for t in texts)
        matches.append(time.perf_counter() - start)
    kinds = Counter(e.kind or "-" for e in glossary.entries)
    print(f"briefing from {args.root.resolve()}")
    print(f"{'entries':<28}{len(glossary):>8}")
    for kind, count in sorted(kinds.items()):
        print(f"  {kind:<26}{count:>8}")
    print(f"{'what':<28}{'median ms':>10}{'best ms':>10}")
    print(
        f"{'load_glossary()':<28}{statistics.median(loads) * 1000:>10.0f}{min(loads) * 1000:>10.0f}"
    )
    label = f"match {len(texts)} dev articles"
    print(f"{label:<28}{statistics.median(matches) * 1000:>10.0f}{min(matches) * 1000:>10.0f}")
    print(f"{'names found':<28}{found:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
