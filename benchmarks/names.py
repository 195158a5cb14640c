"""How well names are matched across scripts without the glossary: the
consonant skeletons of `briefing.summary.names` on transliterations that
no one on this project wrote.

    .venv/bin/python benchmarks/names.py [--root CHECKOUT] [--show-missed]

Two sets of English/Arabic pairs: CLDR's names of the world's time-zone
cities (babel, a dev dependency; never used to design the rules) and the
people and cities of the built-in glossary (prompts/*.toml). A pair is
matched when the longest word of the English name and some word of the
Arabic one have `same_name`. False matches pair each English name with 30
Arabic names of other entries picked at random (seeded): the chance that a
name in a sentence is taken for an unrelated one in its source. `--root`
imports briefing from another checkout (e.g. one at the commit before) to
compare. Prints a table.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def cldr_cities() -> list[tuple[str, str]]:
    """(English, Arabic) names of CLDR's exemplar cities."""
    from babel import Locale

    ar, en = Locale("ar"), Locale("en")
    pairs = []
    for zone, names in ar.time_zones.items():
        city = names.get("city")
        if not city or zone.startswith("Etc/"):
            continue
        english = en.time_zones.get(zone, {}).get("city") or zone.split("/")[-1].replace("_", " ")
        pairs.append((english, city))
    return sorted(pairs)


def glossary_names() -> list[tuple[str, str]]:
    """(English, Arabic) last words of the glossary's people and cities."""
    from briefing.summary.glossary import load_glossary

    kinds = {"person", "capital", "city"}
    return sorted((e.en, e.ar) for e in load_glossary().entries if e.kind in kinds)


def _matches(same_name: Callable[[str, str], bool], english: str, arabic: str) -> bool:
    longest = max(re.split(r"[\s\-'’.,]+", english), key=len)
    return any(same_name(longest, word) for word in re.split(r"[\s\-]+", arabic) if word)


def row(
    name: str, pairs: Sequence[tuple[str, str]], same_name: Callable[[str, str], bool], show: bool
) -> str:
    matched = [p for p in pairs if _matches(same_name, *p)]
    rng = random.Random(3)
    arabic = [a for _, a in pairs]
    false = tried = 0
    for english, own in pairs:
        for other in rng.sample(arabic, min(30, len(arabic))):
            if other != own:
                tried += 1
                false += _matches(same_name, english, other)
    if show:
        for english, own in pairs:
            if (english, own) not in matched:
                print(f"  missed: {english} | {own}", file=sys.stderr)
    return (
        f"| {name} | {len(pairs)} | {len(matched)} ({len(matched) / len(pairs):.1%}) "
        f"| {false}/{tried} ({false / max(tried, 1):.2%}) |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE, help="checkout to import briefing from")
    parser.add_argument("--show-missed", action="store_true", help="list the missed pairs")
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    from briefing.summary.names import same_name

    print("| pairs | count | matched | false matches (random pairs) |")
    print("|---|---:|---:|---:|")
    print(row("CLDR time-zone cities", cldr_cities(), same_name, args.show_missed))
    print(row("glossary people and cities", glossary_names(), same_name, args.show_missed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
