"""Time `generate --llm none` on 100, 1,000 and 10,000 articles, per stage.

Inputs are made at run time by sampling and recombining paragraphs of the
development corpus (../shared/corpus/dev) into new articles in a temporary
folder; no corpus text is kept. Each size runs in a fresh process so that its
peak memory is its own.

    .venv/bin/python benchmarks/generate.py [--sizes 100 1000 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
STAGES = ("load", "group", "select", "write")


def make_inputs(folder: Path, count: int, seed: int = 7) -> None:
    """Write `count` JSON articles, each a recombination of paragraphs from a
    few corpus articles of one language, with dates spread over a week."""
    rng = random.Random(seed)
    sources = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.json"))]
    by_lang: dict[str, list[list[str]]] = {}
    for s in sources:
        paragraphs = [p.strip() for p in s["text"].split("\n") if p.strip()]
        by_lang.setdefault(s["lang"], []).append(paragraphs)
    start = dt.datetime(2026, 11, 15, tzinfo=dt.UTC)
    for i in range(count):
        lang = rng.choice(sorted(by_lang))
        picks = rng.sample(by_lang[lang], k=min(3, len(by_lang[lang])))
        paragraphs = [p for article in picks for p in rng.sample(article, k=min(3, len(article)))]
        rng.shuffle(paragraphs)
        published = start + dt.timedelta(minutes=rng.randrange(7 * 24 * 60))
        record = {
            "id": f"bench-{i:05d}",
            "title": " ".join(paragraphs[0].split()[:10]),
            "source": "benchmark",
            "url": None,
            "published": published.isoformat(),
            "lang": lang,
            "text": "\n\n".join(paragraphs),
        }
        (folder / f"bench-{i:05d}.json").write_text(json.dumps(record, ensure_ascii=False))


def run_one(count: int) -> dict[str, object]:
    """Generate a briefing of `count` articles in this process; stage figures."""
    from briefing.config import Config
    from briefing.pipeline import generate
    from briefing.progress import Progress

    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        make_inputs(inputs, count)
        progress = Progress(level=0)
        start = time.perf_counter()
        result = generate(
            [inputs],
            Config(output=Path(tmp) / "out", llm="none"),
            date=dt.date(2026, 11, 22),
            progress=progress,
        )
        total = time.perf_counter() - start
    return {
        "articles": len(result.briefing.articles),
        "skipped": len(result.briefing.skipped),
        "topics": len(result.briefing.topics),
        "seconds": {s: progress.timings.get(s, 0.0) for s in STAGES},
        "peak_mb": {s: progress.peak_rss_mb.get(s, 0.0) for s in STAGES},
        "total": total,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    if not CORPUS.is_dir():
        sys.exit(f"the development corpus is not at {CORPUS}")
    rows = []
    for size in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            check=True,
            capture_output=True,
            text=True,
        )
        rows.append((size, json.loads(out.stdout.strip().splitlines()[-1])))
    header = f"{'inputs':>7} {'topics':>7} " + " ".join(f"{s + ' s':>9}" for s in STAGES)
    header += f" {'total s':>9} " + " ".join(f"{'peak MB@' + s:>14}" for s in STAGES)
    print(header)
    for size, r in rows:
        seconds, peak = r["seconds"], r["peak_mb"]
        line = f"{size:>7} {r['topics']:>7} " + " ".join(f"{seconds[s]:>9.2f}" for s in STAGES)
        line += f" {r['total']:>9.2f} " + " ".join(f"{peak[s]:>14.0f}" for s in STAGES)
        print(line)
    print("(peak MB@stage: the process's peak resident memory once that stage had finished)")


if __name__ == "__main__":
    main()
