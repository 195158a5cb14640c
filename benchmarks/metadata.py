"""How much of an article's metadata its own text gives back.

For the seeds (plain .txt, no metadata) and for the dev articles with every
metadata field removed (title, source, url, published: only the text is
kept), counts how many articles get a date (from a dateline, or inferred),
a year bound, a title (a headline line, or derived from the lead) and an
outlet, and for dev how many recovered dates fall within a week of the real
one and how many outlets match the real agency. Nothing is written.

    .venv/bin/python benchmarks/metadata.py
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.ingest.load import load_articles  # noqa: E402
from briefing.models import Article  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def _stripped_dev(folder: Path) -> dict[str, dict[str, object]]:
    """Write each dev article's text alone (as .txt) into `folder`; the originals by id."""
    originals = {}
    for path in sorted((CORPUS / "dev").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        originals[record["id"]] = record
        (folder / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
    return originals


def _counts(articles: tuple[Article, ...]) -> Counter[str]:
    counts: Counter[str] = Counter(articles=len(articles))
    for a in articles:
        counts[f"date: {a.date_source or 'none'}"] += 1
        counts["year bound"] += a.not_before is not None
        counts["title: " + ("derived" if a.title_source == "derived" else "headline")] += 1
        counts["outlet"] += bool(a.source)
    return counts


def _accuracy(
    articles: tuple[Article, ...], originals: dict[str, dict[str, object]]
) -> Counter[str]:
    right: Counter[str] = Counter()
    for a in articles:
        real = originals[a.id].get("published")
        if a.published and isinstance(real, str):
            day = dt.date.fromisoformat(real[:10])
            right["date within 7 days of the real one"] += abs((a.published.date() - day).days) <= 7
            right["date later than the real one"] += a.published.date() > day
            right["date over 7 days before the real one"] += (day - a.published.date()).days > 7
        if a.not_before and isinstance(real, str):
            right["year bound above the real year"] += a.not_before > int(real[:4])
    return right


def main() -> None:
    if not (CORPUS / "dev").is_dir():
        sys.exit(f"the development corpus is not at {CORPUS}")
    seeds = load_articles([CORPUS / "seeds"]).articles
    with tempfile.TemporaryDirectory() as tmp:
        originals = _stripped_dev(Path(tmp))
        dev = load_articles([Path(tmp)]).articles
    rows = [_counts(seeds), _counts(dev), _accuracy(dev, originals)]
    keys = sorted({k for row in rows[:2] for k in row}, key=lambda k: (k != "articles", k))
    print(f"{'field':<40} {'seeds':>6} {'dev, no metadata':>17}")
    for key in keys:
        print(f"{key:<40} {rows[0][key]:>6} {rows[1][key]:>17}")
    for key, value in sorted(rows[2].items()):
        print(f"{key:<40} {'':>6} {value:>17}")
    for a in seeds:
        print(
            f"seed {a.id}: {a.title_source or 'headline'} title «{a.title}», "
            f"date {a.published.date() if a.published else 'none'} ({a.date_source}), "
            f"written in {a.not_before or '?'} or later, outlet {a.source or 'unknown'}"
        )


if __name__ == "__main__":
    main()
