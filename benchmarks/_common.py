"""Helpers shared by the benchmark scripts (threshold.py, calls.py,
pipeline.py, verifier.py, regenerate.py).

Importing this module puts the repository and its tests/ folder on sys.path,
so that `briefing`, `fake_openai` and `conftest` import from any working
directory. The scripts import it after putting their own folder first:

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _common import CORPUS, ...  # noqa: E402
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fake_openai import sources, user_prompt  # noqa: E402

from briefing.text import split_sentences  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
BRIEF_DATE = "2026-11-22"


# --- the development corpus ----------------------------------------------------


def require_corpus() -> None:
    """Exit with a message when the development corpus is absent."""
    if not (CORPUS / "dev").is_dir():
        sys.exit(f"the development corpus is not at {CORPUS}")


def gold_labels() -> dict[str, str]:
    """The gold story label of each development article, by article id."""
    labels = {}
    for line in (CORPUS / "dev-labels" / "labels.tsv").read_text().splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0] != "id":
            labels[parts[0]] = parts[1]
    return labels


def near_stories(a: str, b: str) -> bool:
    """Two different stories are near misses when their labels share a word
    that names who they are about (the corpus names stories by event)."""
    stop = {"over", "of", "to", "the", "and", "on", "in", "for", "2016", "2018", "2019", "2010"}
    wa = {w for w in a.split("-") if w not in stop and not w.isdigit()}
    wb = {w for w in b.split("-") if w not in stop and not w.isdigit()}
    return bool(wa & wb)


def words(text: str) -> int:
    return len(text.split())


def build_topics(folder: Path, count: int, per_topic: int = 2) -> list[tuple[str, ...]]:
    """Write corpus articles to `folder` as `count` topics: each gold story's
    articles in groups of up to `per_topic` (sorted by id), every group
    re-dated to its own day, 30 days from any other group's, so that only the
    articles of one group can be grouped together. Returns the planned topics
    (article ids). Needs the development corpus."""
    require_corpus()
    labels = gold_labels()
    raw = {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (CORPUS / "dev").glob("*.json")
    }
    by_story: dict[str, list[str]] = defaultdict(list)
    for key in sorted(raw):
        by_story[labels.get(raw[key]["id"], raw[key]["id"])].append(key)
    groups = [
        tuple(keys[i : i + per_topic])
        for _, keys in sorted(by_story.items())
        for i in range(0, len(keys), per_topic)
    ]
    if len(groups) < count:
        sys.exit(f"the corpus makes only {len(groups)} topics of up to {per_topic} articles")
    folder.mkdir(parents=True, exist_ok=True)
    start = dt.datetime(2022, 1, 3, 8, 0, tzinfo=dt.UTC)
    planned = []
    for t, keys in enumerate(groups[:count]):
        ids = []
        for k, key in enumerate(keys):
            article = dict(raw[key])
            article["published"] = (start + dt.timedelta(days=30 * t, hours=2 * k)).isoformat()
            (folder / f"{key}.json").write_text(json.dumps(article, ensure_ascii=False), "utf-8")
            ids.append(article["id"])
        planned.append(tuple(sorted(ids)))
    return planned


# --- running the CLI -----------------------------------------------------------


def write_config(folder: Path, **settings: object) -> Path:
    """A briefing.toml in `folder` (the CLI has no flag for the cache)."""
    lines = []
    for key, value in settings.items():
        text = json.dumps(str(value)) if isinstance(value, str | Path) else json.dumps(value)
        lines.append(f"{key} = {text}")
    path = folder / "briefing.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cli(*argv: object) -> tuple[int, float]:
    """Run `briefing ARGV...` in-process, quietly: (exit status, seconds)."""
    from briefing.cli import main

    start = time.perf_counter()
    status = main([str(a) for a in argv])
    return status, time.perf_counter() - start


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (but the lock), by relative path."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".briefing.lock")
    }


# --- fake models (responders for the test suite's fake OpenAI server) ---------


def user_text(body: dict[str, Any]) -> str:
    """The user messages of a request body, joined."""
    return "\n".join(str(m["content"]) for m in body["messages"] if m["role"] == "user")


def titles_in(prompt: str) -> dict[str, str]:
    """The first article title shown in each language ("" when none)."""
    titles = {"ar": "", "en": ""}
    header = r"^Article A\d+ \| (English|Arabic) \| .*? \| (?:\d{4}-\d\d-\d\d|undated) \| (.*)$"
    for m in re.finditer(header, prompt, re.M):
        lang = "ar" if m.group(1) == "Arabic" else "en"
        titles[lang] = titles[lang] or m.group(2).strip()
    return titles


class QuoteModel:
    """A model that quotes real sentences of the sources it is shown: per
    language, the first `sentences` sentences of 6 to 60 words (`offset`
    sentences further on with `offset`), each cited to its paragraph. With
    `bad`, it adds a sentence with a number no source has, which fails
    verification and so causes a repair call; repair calls get no repairs."""

    BAD: ClassVar[dict[str, str]] = {
        "en": "In all, 987654 people were affected, officials said.",
        "ar": "وقال مسؤولون إن 987654 شخصا تأثروا إجمالا.",
    }

    def __init__(self, sentences: int = 2, offset: int = 0, bad: bool = False) -> None:
        self.sentences = sentences
        self.offset = offset
        self.bad = bad

    def __call__(self, request: dict[str, Any]) -> dict[str, Any]:
        prompt = user_prompt(request)
        if "Sentences to repair" in prompt:
            return {"sentences": []}
        summary: dict[str, list[dict[str, Any]]] = {"ar": [], "en": []}
        candidates: dict[str, list[dict[str, Any]]] = {"ar": [], "en": []}
        for label, language, number, text in sources(prompt):
            lang = "ar" if language == "Arabic" else "en"
            for sentence in split_sentences(text):
                if 6 <= words(sentence) <= 60:
                    cite = [{"article": label, "paragraph": number}]
                    candidates[lang].append({"text": sentence, "citations": cite})
        for lang, found in candidates.items():
            n = self.sentences
            picked = found[self.offset : self.offset + n] or found[-n:]
            summary[lang] = list(picked)
            if self.bad and picked:
                cite = picked[0]["citations"]
                summary[lang].append({"text": self.BAD[lang], "citations": cite})
        return {"title": titles_in(prompt), "summary": summary}
