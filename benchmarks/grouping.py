"""Measure the grouping stage: quality on the development corpus, how
sensitive it is to its threshold, and its time and memory at scale.

Quality is B-cubed precision, recall and F1 against
../shared/corpus/dev-labels/labels.tsv, plus how many Arabic-English pairs of
the same story land in one group; the same for the repository's examples/
against examples/stories.tsv; and how often unrelated written events
(tests/many_events.py) join because they share a small figure by chance
(`--chance-figures`). Scale runs use synthetic articles made at
run time by recombining corpus paragraphs (no corpus text is written
anywhere); each size runs in a fresh process so its peak memory is its own.

    .venv/bin/python benchmarks/grouping.py [--sizes 1000 10000] [--no-scale]
        [--targets | --chance-figures | --borderline]
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from many_events import many_events  # noqa: E402

from briefing.embed import embed  # noqa: E402
from briefing.grouping.confirm import (  # noqa: E402
    MAX_CALLS,
    confirm_groups,
    same_event_messages,
)
from briefing.grouping.figures import figures_in  # noqa: E402
from briefing.grouping.group import (  # noqa: E402
    BORDER_MARGIN,
    group_articles,
    group_borderline,
    lead_text,
)
from briefing.ingest.load import load_articles, make_article, parse_published  # noqa: E402
from briefing.ingest.metadata import read_metadata  # noqa: E402
from briefing.models import Article  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def load_dev(corpus: Path = CORPUS) -> tuple[list[Article], dict[str, str]]:
    """The dev articles and their gold story labels."""
    articles = []
    for path in sorted((corpus / "dev").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        articles.append(
            make_article(
                id=record["id"],
                text=record["text"],
                lang=record["lang"],
                path=path.as_posix(),
                title=record.get("title") or "",
                source=record.get("source") or "",
                url=record.get("url"),
                published=parse_published(record.get("published")),
            )
        )
    gold = {}
    for line in (corpus / "dev-labels" / "labels.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            article_id, story, _lang = line.split("\t")
            gold[article_id] = story
    return articles, gold


def bcubed(groups: Sequence[Sequence[str]], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of `groups` against gold labels."""
    predicted = {i: g for g in groups for i in g}
    story_size: dict[str, int] = {}
    for story in gold.values():
        story_size[story] = story_size.get(story, 0) + 1
    precision = recall = 0.0
    for article_id, story in gold.items():
        shared = sum(1 for other in predicted[article_id] if gold[other] == story)
        precision += shared / len(predicted[article_id])
        recall += shared / story_size[story]
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def cross_pairs(
    groups: Sequence[Sequence[str]], gold: Mapping[str, str], langs: Mapping[str, str]
) -> tuple[int, int]:
    """(joined, total) Arabic-English pairs of the same gold story."""
    where = {i: k for k, g in enumerate(groups) for i in g}
    ids = sorted(gold)
    pairs = [
        (a, b)
        for k, a in enumerate(ids)
        for b in ids[k + 1 :]
        if gold[a] == gold[b] and langs[a] != langs[b]
    ]
    return sum(1 for a, b in pairs if where[a] == where[b]), len(pairs)


def quality(corpus: Path) -> None:
    articles, gold = load_dev(corpus)
    langs = {a.id: a.lang for a in articles}
    groups = group_articles(articles)
    p, r, f = bcubed(groups, gold)
    joined, total = cross_pairs(groups, gold, langs)
    print(f"## Dev corpus ({len(articles)} articles, {len(set(gold.values()))} stories)\n")
    print("| groups | B3 precision | B3 recall | B3 F1 | ar-en pairs joined |")
    print("|---:|---:|---:|---:|---:|")
    print(f"| {len(groups)} | {p:.3f} | {r:.3f} | {f:.3f} | {joined}/{total} |\n")
    for g in groups:
        stories = sorted({gold[i] for i in g})
        if len(stories) > 1 or len(g) != sum(1 for s in gold.values() if s == stories[0]):
            print(f"- not a gold story: {', '.join(g)} -> {'; '.join(stories)}")
    print()

    print("## Sensitivity: B3 F1 (ar-en pairs joined) by threshold and time scale\n")
    sensitivity(articles, gold, langs)
    print("## Ablation at the default threshold\n")
    print("| variant | B3 F1 | ar-en pairs joined |")
    print("|---|---:|---:|")
    variants: dict[str, dict[str, float]] = {
        "default": {},
        "no wording (lexical_weight=0)": {"lexical_weight": 0.0},
        "no time (time_scale_days=1e9)": {"time_scale_days": 1e9},
    }
    for name, options in variants.items():
        g = group_articles(articles, **options)  # type: ignore[arg-type]
        joined, total = cross_pairs(g, gold, langs)
        print(f"| {name} | {bcubed(g, gold)[2]:.3f} | {joined}/{total} |")
    print()


def sensitivity(articles: Any, gold: dict[str, str], langs: dict[str, str]) -> None:
    """A table of B3 F1 (and ar-en pairs joined) by threshold and time scale:
    how wide a range of settings works."""
    thresholds = [0.1, 0.125, 0.15, 0.175, 0.2, 0.225, 0.25, 0.275, 0.3]
    scales = [1.5, 2.5, 4.0]
    print("| threshold | " + " | ".join(f"τ={s:g} d" for s in scales) + " |")
    print("|---:|" + "---:|" * len(scales))
    for t in thresholds:
        cells = []
        for s in scales:
            g = group_articles(articles, threshold=t, time_scale_days=s)
            joined, total = cross_pairs(g, gold, langs)
            cells.append(f"{bcubed(g, gold)[2]:.3f} ({joined}/{total})")
        print(f"| {t:g} | " + " | ".join(cells) + " |")
    print()


def examples(root: Path = ROOT / "examples") -> None:
    """The repository's twelve self-written articles, with two deliberate
    near misses, against examples/stories.tsv: a second, independent check
    of the defaults and of how wide a range of thresholds keeps them."""
    articles = load_articles([root]).articles
    gold = {}
    for line in (root / "stories.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            article_id, story = line.split("\t")
            gold[article_id] = story
    langs = {a.id: a.lang for a in articles}
    groups = group_articles(articles)
    joined, total = cross_pairs(groups, gold, langs)
    print(f"## Examples ({len(articles)} articles, {len(set(gold.values()))} stories)\n")
    f1 = bcubed(groups, gold)[2]
    print(f"{len(groups)} groups, B3 F1 {f1:.3f}, ar-en pairs joined {joined}/{total}")
    for g in groups:
        stories = sorted({gold[i] for i in g})
        if len(stories) > 1 or len(g) != sum(1 for s in gold.values() if s == stories[0]):
            print(f"- not a gold story: {', '.join(g)} -> {'; '.join(stories)}")
    print()
    sensitivity(articles, gold, langs)


# The seeds' gold, read from the articles themselves (the corpus README names
# the events; which seed reports which was decided by reading each one).
SEED_EVENTS = {
    "000_698f1513d6f159e2": "un-mission-mandate-renewal",
    "001_c2d8a3d283c58d03": "ceasefire-2020-and-monitoring",
    "002_33f3ea1608313d5c": "tripoli-offensive-2019-and-council-reaction",
    "003_02bd19a6e4fc2aab": "ceasefire-2020-and-monitoring",
    "004_27e1f201ff86f8ca": "tripoli-offensive-2019-and-council-reaction",
}
# Four examples alone: a small input that must not merge by default.
FOUR_EXAMPLES = {
    "port cranes ar x2": (
        "port-cranes-ar-1",
        "port-cranes-ar-2",
        "central-bank-rate-en-1",
        "desalination-plant-ar-1",
    ),
    "port strike ar+en": (
        "port-strike-ar-1",
        "port-strike-en-1",
        "central-bank-rate-en-1",
        "desalination-plant-ar-1",
    ),
}


# One kind of event in several towns on one day, told by two outlets each in
# their own words (written for this benchmark): the same words but the town's,
# which only the names in the lead tell apart.
TOWNS = ("Arlen", "Brisk", "Corvo", "Dunmore", "Elsby", "Fenwick", "Garrow", "Hessel")
ACTIONS = ("banned night flights", "closed the old bridge", "opened a public library")
_WORDINGS = (
    "The council of {town} {action} on Monday, officials said in a statement.\n\n"
    "Residents had asked for the change for years, a local councillor said.",
    "{town}'s councillors {action} on Monday after a vote at the town hall.\n\n"
    "The decision answers a long campaign by residents, the mayor said.",
)


def town_events() -> tuple[list[Article], dict[str, str]]:
    """Two reports of each (town, action) event, all dated one Monday."""
    monday = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
    articles, gold = [], {}
    for town in TOWNS:
        for n, action in enumerate(ACTIONS):
            for k, wording in enumerate(_WORDINGS):
                article_id = f"{town.lower()}-{n}-{k}"
                articles.append(
                    make_article(
                        id=article_id,
                        text=wording.format(town=town, action=action),
                        lang="en",
                        path=f"{article_id}.txt",
                        title=f"{town} {action}",
                        source=("Coast Radio", "Elwen Post")[k],
                        url=None,
                        published=monday,
                    )
                )
                gold[article_id] = f"{town}-{action}"
    return articles, gold


def _row(name: str, articles: Sequence[Article], gold: Mapping[str, str]) -> str:
    langs = {a.id: a.lang for a in articles}
    groups = group_articles(articles)
    p, r, f = bcubed(groups, gold)
    joined, total = cross_pairs(groups, gold, langs)
    stories = len({gold[a.id] for a in articles})
    cells = [name, len(articles), stories, len(groups), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"]
    return "| " + " | ".join(map(str, cells)) + f" | {joined}/{total} |"


def targets(corpus: Path) -> None:
    """The issue-10 targets: dev dated and with every date removed, the
    seeds, and four examples alone."""
    articles, gold = load_dev(corpus)
    undated = [dataclasses.replace(a, published=None) for a in articles]
    read = [_read_as_loaded(a) for a in undated]
    seeds = list(load_articles([corpus / "seeds"]).articles)
    examples_all = {a.id: a for a in load_articles([ROOT / "examples"]).articles}
    print("## Targets\n")
    print("| input | articles | stories | groups | B3 P | B3 R | B3 F1 | ar-en pairs |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print(_row("dev, dated", articles, gold))
    print(_row("dev, every published removed", undated, gold))
    print(_row("dev, published removed, text read as loaded", read, gold))
    print(_row("seeds (no metadata)", seeds, SEED_EVENTS))
    for name, ids in FOUR_EXAMPLES.items():
        chosen = [examples_all[i] for i in ids]
        print(_row(f"four examples: {name}", chosen, {i: i.rsplit("-", 2)[0] for i in ids}))
    print(_small_row("small inputs (2-4 dev stories), dated", articles, gold))
    print(_small_row("small inputs (2-4 dev stories), undated", undated, gold))
    towns, town_gold = town_events()
    print(_row("one kind of event in 8 towns (written)", towns, town_gold))
    print()


def chance_figures(seeds: Sequence[int] = range(1, 9)) -> None:
    """Unrelated events that share a figure by chance: inputs of 112 written
    events (336 articles, `tests/many_events`), undated and dated, and how
    many Arabic-English pairs of different kinds of story (a flood, a
    market opening) landed in one group, with and without a shared figure;
    and how many pairs of one event did."""
    print("## Chance figures: 112 written events, 336 articles, per seed\n")
    print(
        "Cells: ar-en pairs of different kinds of story joined, sharing a figure / "
        "sharing none; ar-en pairs of one event joined; B3 F1.\n"
    )
    print("| seed | undated | dated |")
    print("|---:|---|---|")
    totals = [[0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]
    for seed in seeds:
        cells = []
        for k, dated in enumerate((False, True)):
            articles, gold = many_events(112, seed=seed, dated=dated)
            groups = group_articles(articles)
            counts = _chance_pairs(groups, articles, gold)
            totals[k] = [a + b for a, b in zip(totals[k], counts, strict=True)]
            f1 = bcubed(groups, gold)[2]
            cells.append(_chance_cell(counts) + f"; F1 {f1:.3f}")
        print(f"| {seed} | " + " | ".join(cells) + " |")
    print("| all | " + " | ".join(_chance_cell(t) for t in totals) + " |\n")


def _chance_pairs(
    groups: Sequence[Sequence[str]], articles: Sequence[Article], gold: Mapping[str, str]
) -> list[int]:
    """[joined, all] ar-en pairs of different kinds sharing a figure, the
    same for those sharing none, and for pairs of one event."""
    where = {i: k for k, g in enumerate(groups) for i in g}
    figures = {a.id: set(figures_in(a)) for a in articles}
    english = [a.id for a in articles if a.lang == "en"]
    arabic = [a.id for a in articles if a.lang == "ar"]
    counts = [0] * 6
    for a in english:
        for b in arabic:
            if gold[a] == gold[b]:
                slot = 4
            elif gold[a].rsplit("-", 1)[0] != gold[b].rsplit("-", 1)[0]:
                slot = 0 if figures[a] & figures[b] else 2
            else:
                continue
            counts[slot] += where[a] == where[b]
            counts[slot + 1] += 1
    return counts


def _chance_cell(c: Sequence[int]) -> str:
    return f"{c[0]}/{c[1]} / {c[2]}/{c[3]}; same event {c[4]}/{c[5]}"


def _borderline_row(
    name: str, articles: Sequence[Article], gold: Mapping[str, str], ask: Any = None
) -> str:
    """Borderline decisions of one input, and B-cubed F1 offline, with the
    gold labels answering the same-event question about the two articles
    shown (the oracle: the ceiling of asking a model), and with `ask`."""
    grouping = group_borderline(articles)
    by_id = {a.id: a for a in articles}
    langs = {a.id: a.lang for a in articles}
    asked = grouping.borderline[:MAX_CALLS]
    merged = sum(1 for b in grouping.borderline if b.merged)
    right = sum(1 for b in asked if (gold[b.pair[0]] == gold[b.pair[1]]) == b.merged)

    def oracle(messages: Any, schema: Any) -> dict[str, bool]:
        first, second = _SHOWN[messages[0]["content"]]
        return {"same_event": gold[first] == gold[second]}

    _SHOWN.clear()
    for b in asked:
        _SHOWN[same_event_messages(by_id[b.pair[0]], by_id[b.pair[1]])[0]["content"]] = b.pair
    cells = [name, len(articles), f"{merged}/{len(grouping.borderline) - merged}", right]
    for groups in (
        grouping.groups,
        confirm_groups(grouping, by_id, oracle).groups,
        *([confirm_groups(grouping, by_id, ask).groups] if ask else []),
    ):
        _, _, f = bcubed(groups, gold)
        joined, total = cross_pairs(groups, gold, langs)
        cells.append(f"{f:.3f} ({len(groups)}, {joined}/{total})")
    return "| " + " | ".join(map(str, cells)) + " |"


_SHOWN: dict[str, tuple[str, str]] = {}


def borderline(corpus: Path, ask: Any = None, model: str = "") -> None:
    """What asking a model about the borderline decisions could gain: how
    many there are, how many the threshold got right, and F1 offline, with
    the oracle, and with a real model when one is given."""
    articles, gold = load_dev(corpus)
    undated = [dataclasses.replace(a, published=None) for a in articles]
    read = [_read_as_loaded(a) for a in undated]
    seeds = list(load_articles([corpus / "seeds"]).articles)
    print(f"## Borderline grouping decisions (margin {BORDER_MARGIN:g} x threshold)\n")
    print(
        "Cells: B-cubed F1 (groups, ar-en pairs joined). Borderline: merged/refused; "
        "right: offline decisions the gold labels agree with, of those asked "
        f"(at most {MAX_CALLS}).\n"
    )
    head = "| input | articles | borderline | right | offline | oracle |"
    print(head + (f" {model} |" if ask else ""))
    print("|---|---:|---:|---:|---:|---:|" + ("---:|" if ask else ""))
    print(_borderline_row("dev, dated", articles, gold, ask))
    print(_borderline_row("dev, every published removed", undated, gold, ask))
    print(_borderline_row("dev, published removed, text read as loaded", read, gold, ask))
    print(_borderline_row("seeds (no metadata)", seeds, SEED_EVENTS, ask))
    print()


def _model_asker(url: str | None, gguf: Path | None, stack: Any) -> tuple[Any, str]:
    """`ask` for confirm_groups through a real model: an endpoint, or a
    local GGUF served by llama.cpp for the run (answers cached)."""
    from briefing.errors import LLMError
    from briefing.llm import LLMSettings, local_server
    from briefing.llm.answers import Usage
    from briefing.llm.cache import AnswerCache
    from briefing.llm.client import ChatModel

    if gguf is not None:
        url = stack.enter_context(local_server(gguf))
        name, endpoint = gguf.stem, f"local:{gguf.name}:{gguf.stat().st_size}"
    else:
        name, endpoint = "model", None
    settings = LLMSettings(
        base_url=url, api_key=None, model=name, endpoint_id=endpoint, timeout=300.0
    )
    cache = AnswerCache(Path.home() / ".cache" / "briefing" / "grouping-answers.sqlite")
    model = ChatModel(settings, cache=cache)
    usage = Usage()

    def ask(messages: Any, schema: Any) -> dict[str, Any]:
        answer = model.ask(messages, schema, "same_event", usage)
        if answer.data is None:
            raise LLMError(f"unusable answer: {answer.error}")
        return answer.data

    return ask, name


def _read_as_loaded(article: Article) -> Article:
    """The article as the loader makes it from a file with no date: the
    date and year bound its own text gives (a dateline, an explicit date)."""
    found = read_metadata(
        "\n\n".join(article.paragraphs), title=article.title, source=article.source, published=None
    )
    return dataclasses.replace(
        article,
        published=found.published,
        date_source=found.date_source,
        not_before=found.not_before,
    )


def _small_row(
    name: str, articles: Sequence[Article], gold: Mapping[str, str], runs: int = 60
) -> str:
    """Mean B-cubed over `runs` inputs of 2-4 whole dev stories picked at
    random (fixed seed), the size of a small folder: small inputs lean on
    the calibration's prior and on the time evidence more than large ones."""
    rng = random.Random(10)
    stories: dict[str, list[Article]] = {}
    for a in articles:
        stories.setdefault(gold[a.id], []).append(a)
    labels = sorted(stories)
    scores: list[tuple[float, float, float]] = []
    joined = total = 0
    for _ in range(runs):
        chosen = [a for s in rng.sample(labels, rng.randint(2, 4)) for a in stories[s]]
        groups = group_articles(chosen)
        sub = {a.id: gold[a.id] for a in chosen}
        scores.append(bcubed(groups, sub))
        j, t = cross_pairs(groups, sub, {a.id: a.lang for a in chosen})
        joined, total = joined + j, total + t
    p, r, f = (sum(x) / runs for x in zip(*scores, strict=True))
    cells = [name, f"{runs} inputs", "2-4", "-", f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"]
    return "| " + " | ".join(cells) + f" | {joined}/{total} |"


def synthetic(count: int, corpus: Path, seed: int = 7) -> list[Article]:
    """`count` articles, each recombining paragraphs of a few corpus articles
    of one language, dated over a week (one in twenty undated)."""
    rng = random.Random(seed)
    articles, _gold = load_dev(corpus)
    by_lang: dict[str, list[Article]] = {}
    for a in articles:
        by_lang.setdefault(a.lang, []).append(a)
    start = dt.datetime(2026, 11, 15, tzinfo=dt.UTC)
    made = []
    for i in range(count):
        lang = rng.choice(sorted(by_lang))
        picks = rng.sample(by_lang[lang], k=3)
        paragraphs = [
            p for a in picks for p in rng.sample(a.paragraphs, k=min(3, len(a.paragraphs)))
        ]
        rng.shuffle(paragraphs)
        published = start + dt.timedelta(minutes=rng.randrange(7 * 24 * 60))
        made.append(
            make_article(
                id=f"synthetic-{i:05d}",
                text="\n\n".join(paragraphs),
                lang=picks[0].lang,
                path=f"synthetic-{i:05d}.json",
                title=" ".join(paragraphs[0].split()[:10]),
                published=None if rng.random() < 0.05 else published,
            )
        )
    return made


def scale_one(count: int, corpus: Path) -> None:
    """Run in a child process: time one size and print a JSON line."""
    articles = synthetic(count, corpus)
    embed(["warm up"])  # load the model outside the timing
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    embed([lead_text(a, 1000) for a in articles])
    embed_seconds = time.perf_counter() - started
    started = time.perf_counter()
    groups = group_articles(articles)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "count": count,
                "seconds": seconds,
                "embed_seconds": embed_seconds,
                "groups": len(groups),
                "peak_mb": peak / 1024,
                "growth_mb": (peak - base) / 1024,
            }
        )
    )


def scale(sizes: Sequence[int], corpus: Path) -> None:
    print("## Scale: group_articles on synthetic articles (2 cores)\n")
    print("| articles | grouping s | embedding alone s | groups | peak RSS MB | RSS growth MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for count in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(count), "--corpus", str(corpus)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"| {r['count']:,} | {r['seconds']:.1f} | {r['embed_seconds']:.1f} | {r['groups']:,} "
            f"| {r['peak_mb']:.0f} | {r['growth_mb']:.0f} |"
        )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-scale", action="store_true", help="skip the timing runs")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--targets", action="store_true", help="only the issue-10 targets")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--borderline",
        action="store_true",
        help="only the borderline decisions: counts, and F1 with the gold labels as the model",
    )
    parser.add_argument(
        "--chance-figures",
        action="store_true",
        help="only unrelated written events sharing figures by chance",
    )
    parser.add_argument("--local-model", type=Path, help="with --borderline: also ask this GGUF")
    parser.add_argument("--base-url", help="with --borderline: also ask this endpoint's model")
    args = parser.parse_args()
    if args.child:
        scale_one(args.child, args.corpus)
        return
    if not (args.corpus / "dev").is_dir():
        sys.exit(f"the development corpus is not at {args.corpus}")
    if args.borderline:
        with contextlib.ExitStack() as stack:
            ask, model = (None, "")
            if args.local_model or args.base_url:
                ask, model = _model_asker(args.base_url, args.local_model, stack)
            borderline(args.corpus, ask, model)
        return
    if args.chance_figures:
        chance_figures()
        return
    targets(args.corpus)
    if args.targets:
        return
    chance_figures()
    quality(args.corpus)
    examples()
    if not args.no_scale:
        scale(args.sizes, args.corpus)


if __name__ == "__main__":
    main()
