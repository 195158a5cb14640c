"""Benchmark for `briefing fetch`: 100 feeds of 30 items on loopback.

    .venv/bin/python benchmarks/fetch.py [--feeds 100] [--items 30] [--outlets 10]
                                         [--latency 0.05] [--per-host 1,2,4]

A child process serves `--outlets` news sites on 127.0.0.1 (one port each,
so each is its own host for the per-host limit), `--feeds` feeds spread over
them, `--items` items per feed whose text is only a teaser (so every item's
article page is fetched), and the pages (invented text, made at run time);
every answer waits `--latency` seconds first. Each fetch runs in a fresh
process (so its peak RSS is its own) with host_delay 0 and the default
`per_host`, then once more when every feed answers 304. Prints one row per
run: requests, 304s, article fetches, new articles, seconds, CPU seconds
(the process's, including start-up), peak RSS; and
the first run again at each `--per-host` value, to show that the time follows
the concurrency (latency-bound), not the CPU.

Targets (issue 11): first run <= 30 s on 2 cores; second run 100 conditional
requests, 0 article fetches, <= 3 s.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

WORDS = [
    "harbour",
    "council",
    "ferry",
    "market",
    "river",
    "valley",
    "storm",
    "festival",
    "bridge",
    "school",
    "library",
    "minister",
    "farmers",
    "workers",
    "engineers",
    "station",
    "museum",
    "island",
    "season",
    "budget",
    "road",
    "port",
    "village",
    "museum",
    "plan",
    "water",
    "power",
    "court",
    "hospital",
    "airport",
    "garden",
    "railway",
    "report",
]


def _text(rng: random.Random, paragraphs: int) -> list[str]:
    def sentence() -> str:
        words = rng.choices(WORDS, k=rng.randint(9, 16))
        return " ".join(words).capitalize() + f" on day {rng.randint(1, 28)}."

    return [" ".join(sentence() for _ in range(4)) for _ in range(paragraphs)]


def serve(outlets: int, feeds: int, items: int, latency: float, ports: object) -> None:
    """Run in the child: build the sites and serve until terminated."""
    from feed_server import FeedServer, Story, page, rss2

    rng = random.Random(11)
    servers = [FeedServer(latency=latency).__enter__() for _ in range(outlets)]
    for n in range(feeds):
        site = servers[n % outlets]
        stories = []
        for i in range(items):
            paragraphs = _text(rng, 4)
            link = site.url(f"/feed{n}/story{i}")
            title = f"Story {i} of feed {n}"
            published = f"Sat, 21 Nov 2026 {i % 24:02d}:00:00 +0000"
            stories.append(Story(f"s{n}-{i}", title, tuple(paragraphs), published, link))
            site.route(f"/feed{n}/story{i}", page(stories[-1], f"Outlet {n % outlets}"))
        site.route(f"/feed{n}.rss", rss2(f"Feed {n}", stories, full=False), "application/rss+xml")
    for site in servers:
        site.route("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    ports.put([site.url("") for site in servers])  # type: ignore[attr-defined]
    while True:
        time.sleep(3600)


def one_run(urls_file: str, articles: str, per_host: int) -> None:
    """Run in a fresh process: one fetch, its figures as JSON on stdout."""
    from briefing.ingest.fetch import fetch
    from briefing.ingest.http import FetchSettings

    urls = Path(urls_file).read_text().split()
    settings = FetchSettings(host_delay=0.0, per_host=per_host, workers=32)
    start = time.perf_counter()
    report = fetch(urls, Path(articles), settings)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    figures = {
        "requests": report.requests,
        "not_modified": report.not_modified,
        "pages": report.page_requests,
        "new": len(report.written),
        "failed": len(report.feed_failures) + len(report.item_failures),
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
    }
    print(json.dumps(figures))


def measure(urls_file: Path, articles: Path, per_host: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--one", str(urls_file), str(articles), str(per_host)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument("--outlets", type=int, default=10)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--per-host", default="1,2,4", help="first runs at these limits")
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_run(args.one[0], args.one[1], int(args.one[2]))
        return
    ports: multiprocessing.Queue[list[str]] = multiprocessing.Queue()
    child = multiprocessing.Process(
        target=serve, args=(args.outlets, args.feeds, args.items, args.latency, ports)
    )
    child.start()
    try:
        bases = ports.get(timeout=120)
        report(args, bases)
    finally:
        child.terminate()
        child.join()


def report(args: argparse.Namespace, bases: list[str]) -> None:
    from briefing.ingest.http import FetchSettings

    default = FetchSettings().per_host
    with tempfile.TemporaryDirectory() as tmp:
        urls_file = Path(tmp) / "feeds.txt"
        urls_file.write_text(
            "\n".join(f"{bases[n % args.outlets]}/feed{n}.rss" for n in range(args.feeds))
        )
        print(
            f"{args.feeds} feeds x {args.items} items, {args.outlets} hosts on 127.0.0.1, "
            f"{args.latency * 1000:.0f} ms per response, host_delay 0, 32 workers"
        )
        header = f"{'run':<24}{'per host':>9}{'requests':>10}{'304s':>6}{'pages':>7}"
        print(header + f"{'new':>6}{'failed':>7}{'seconds':>9}{'CPU s':>7}{'peak RSS MB':>13}")
        rows = [("first", default, Path(tmp) / "main"), ("second (all 304)", default, None)]
        rows += [
            (f"first, per_host {n}", n, Path(tmp) / f"p{n}")
            for n in map(int, args.per_host.split(","))
            if n != default
        ]
        for name, per_host, folder in rows:
            f = measure(urls_file, folder or Path(tmp) / "main", per_host)
            print(
                f"{name:<24}{per_host:>9}{f['requests']:>10.0f}{f['not_modified']:>6.0f}"
                f"{f['pages']:>7.0f}{f['new']:>6.0f}{f['failed']:>7.0f}{f['seconds']:>9.2f}"
                f"{f['cpu']:>7.1f}"
                f"{f['rss_mb']:>13.0f}"
            )


if __name__ == "__main__":
    main()
