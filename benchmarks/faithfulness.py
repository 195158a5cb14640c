"""The verifier against the faithfulness set: sentences it was not tuned on.

    .venv/bin/python benchmarks/faithfulness.py [--split dev|test|both] [--show-missed]
                                                [--json FILE]

`benchmarks/faithfulness/set.jsonl` holds sentences written by hand about 50
paragraphs of the development corpus (../shared/corpus/dev, read at run time;
the set cites paragraphs by article id and number and copies none of their
text): faithful ones (close paraphrases, reorderings, summaries of two
sentences of a paragraph, translations into the other language) and subtly
unfaithful ones of 13 kinds (a negation or reversal, a false clause joined to
a true sentence, a swapped actor, an instruction or link appended, a wrong
number, a wrong date, a wrong attribution, facts merged from another
paragraph, an overstated claim, a change of modality, a fragment, text not in
the section's language, an invented detail). Each line:

    {"id", "lang", "text", "citations": [[article_id, paragraph]],
     "label": "faithful" | "unfaithful", "kind", "split": "dev" | "test"}

Ids are article.paragraph.n; a second round of dev probes, written after the
checks were tuned on the first to measure how they generalise, ends in .pN
(`--ids` selects either round).

`lang` is the language of the section the sentence is written for (a
wrong-language sentence is written in the other one). A third of the
paragraphs, with all their sentences, form the `test` split: report it, never
tune a check or a threshold on it.

Each sentence is checked alone, as the pipeline checks a model's sentence: by
the Verifier of its story's topic (the gold story's articles, oldest first,
labelled A1, A2, ... as the prompt labels them), with the built-in glossary
and the default threshold. The table gives, per kind and language, how many
unfaithful sentences were caught (dropped) and how many faithful ones were
wrongly dropped; `--show-missed` lists the unfaithful sentences kept (with
their support) and the faithful ones dropped (with the reasons).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.ingest import load_articles  # noqa: E402
from briefing.models import Article  # noqa: E402
from briefing.summary.glossary import load_glossary  # noqa: E402
from briefing.summary.prompting import labels as prompt_labels  # noqa: E402
from briefing.summary.verify import SUPPORT_THRESHOLD, Draft, Verifier  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SET = ROOT / "benchmarks" / "faithfulness" / "set.jsonl"
LANGS = ("ar", "en")
FAITHFUL_KINDS = ("paraphrase", "reorder", "summary", "translation")
ERROR_KINDS = (
    "negation",
    "false-clause",
    "swapped-actor",
    "instruction",
    "wrong-number",
    "wrong-date",
    "wrong-attribution",
    "merged",
    "overstated",
    "hedging",
    "fragment",
    "wrong-language",
    "invented",
)
FIELDS = ("id", "lang", "text", "citations", "label", "kind", "split")
# The target on the test split.
CATCH_TARGET = 0.95
DROP_TARGET = 0.05


@dataclass(frozen=True)
class Item:
    id: str
    lang: str
    text: str
    citations: tuple[tuple[str, int], ...]
    label: str
    kind: str
    split: str


@dataclass(frozen=True)
class Outcome:
    item: Item
    kept: bool
    reasons: tuple[str, ...]
    support: float | None

    @property
    def right(self) -> bool:
        """Faithful and kept, or unfaithful and dropped."""
        return self.kept == (self.item.label == "faithful")


def _item(record: object) -> Item:
    """An Item from one parsed line; ValueError naming what is wrong."""
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    missing = [f for f in FIELDS if f not in record]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    citations = tuple((str(a), int(n)) for a, n in record["citations"])
    if record["label"] not in ("faithful", "unfaithful") or record["lang"] not in LANGS:
        raise ValueError(f"bad label or lang: {record['label']!r}, {record['lang']!r}")
    return Item(
        str(record["id"]),
        str(record["lang"]),
        str(record["text"]),
        citations,
        str(record["label"]),
        str(record["kind"]),
        str(record["split"]),
    )


def load_set(path: Path = SET) -> list[Item]:
    """The set's sentences; a bad line is reported (file:line and why) and skipped."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append(_item(json.loads(line)))
        except (ValueError, TypeError, KeyError) as error:
            print(f"{path}:{number}: skipped: {error}", file=sys.stderr)
    return items


def load_stories(corpus: Path = CORPUS) -> tuple[dict[str, Article], dict[str, str]]:
    """The dev articles as the loader numbers their paragraphs, and each
    article's gold story."""
    loaded = load_articles([corpus / "dev"])
    stories = {}
    for line in (corpus / "dev-labels" / "labels.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            stories[parts[0]] = parts[1]
    return {a.id: a for a in loaded.articles}, stories


def _oldest_first(article: Article) -> tuple[bool, datetime | None, str]:
    return (article.published is None, article.published, article.id)


def _topic(
    story: str, members: Sequence[Item], articles: dict[str, Article], stories: dict[str, str]
) -> list[Article]:
    """The story's articles oldest first (as a topic lists its members), and
    any other article a member cites."""
    topic = sorted((a for a in articles.values() if stories.get(a.id) == story), key=_oldest_first)
    ids = {a.id for a in topic}
    cited = sorted({a for item in members for a, _ in item.citations} - ids)
    return topic + [articles[a] for a in cited]


def verify(items: Sequence[Item], corpus: Path = CORPUS) -> list[Outcome]:
    """Each item's verdict from its story's Verifier, checked one at a time."""
    articles, stories = load_stories(corpus)
    glossary = load_glossary()
    by_story: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        unknown = [a for a, _ in item.citations if a not in articles]
        if unknown or not item.citations:
            print(f"{item.id}: skipped: cites unknown article {unknown}", file=sys.stderr)
            continue
        by_story[stories.get(item.citations[0][0], item.citations[0][0])].append(item)
    outcomes: dict[str, Outcome] = {}
    for story, members in sorted(by_story.items()):
        topic = _topic(story, members, articles, stories)
        labels = prompt_labels(topic)
        label_of = {aid: label for label, aid in labels.items()}
        verifier = Verifier(topic, labels, glossary, SUPPORT_THRESHOLD)
        drafts = [
            Draft(item.lang, item.text, tuple((label_of[a], n) for a, n in item.citations))  # type: ignore[arg-type]
            for item in members
        ]
        verifier.prepare(drafts)
        for item, draft in zip(members, drafts, strict=True):
            (verdict,) = verifier.check([draft])
            support = getattr(verdict, "support", None)
            outcomes[item.id] = Outcome(item, verdict.ok, tuple(verdict.reasons), support)
    return [outcomes[i.id] for i in items if i.id in outcomes]


def reason_name(reason: str) -> str:
    """A short, stable name for a verifier reason: its leading lower-case
    words, up to the first name, number or quotation ("names", "the number",
    "is not supported by"), so new checks need no table here."""
    words: list[str] = []
    for word in reason.split():
        if not (word.isascii() and word.isalpha() and word.islower()) or len(words) == 4:
            break
        words.append(word)
    return " ".join(words) or reason[:30]


def _cell(outcomes: Sequence[Outcome], target: float, faithful: bool) -> str:
    """'caught/total' for errors, 'dropped/total' for faithful sentences, with
    a * when the share misses the target."""
    if not outcomes:
        return "-"
    hits = sum(not o.kept for o in outcomes)
    share = hits / len(outcomes)
    bad = share > target if faithful else share < target
    return f"{hits}/{len(outcomes)} {share:4.0%}{'*' if bad else ' '}"


def _row(name: str, outcomes: Sequence[Outcome], faithful: bool) -> str:
    target = DROP_TARGET if faithful else CATCH_TARGET
    by_lang = [[o for o in outcomes if o.item.lang == lang] for lang in LANGS]
    cells = [_cell(group, target, faithful) for group in by_lang]
    cells.append(_cell(outcomes, target, faithful))
    counts = Counter(reason_name(r) for o in outcomes if not o.kept for r in o.reasons)
    why = ", ".join(f"{name} ×{n}" for name, n in counts.most_common(3))
    return f"{name:<18}" + "".join(f"{c:>16}" for c in cells) + f"   {why}"


def table(outcomes: Sequence[Outcome], title: str) -> None:
    """The per-kind table of one split."""
    print(f"\n== {title}: {len(outcomes)} sentences ==")
    header = "".join(f"{h:>16}" for h in (*LANGS, "all"))
    print(f"{'unfaithful':<18}{header}   caught by (most common reasons)")
    kinds = [k for k in ERROR_KINDS if any(o.item.kind == k for o in outcomes)]
    kinds += sorted({o.item.kind for o in outcomes if o.item.label == "unfaithful"} - set(kinds))
    errors = [o for o in outcomes if o.item.label == "unfaithful"]
    for kind in kinds:
        print(_row(kind, [o for o in errors if o.item.kind == kind], faithful=False))
    print(_row("all unfaithful", errors, faithful=False))
    print(f"{'faithful':<18}{header}   dropped for")
    good = [o for o in outcomes if o.item.label == "faithful"]
    for kind in sorted({o.item.kind for o in good}):
        print(_row(kind, [o for o in good if o.item.kind == kind], faithful=True))
    print(_row("all faithful", good, faithful=True))


def show_missed(outcomes: Sequence[Outcome]) -> None:
    wrong = [o for o in outcomes if not o.right]
    print(f"\n== {len(wrong)} wrong verdicts ==")
    for o in sorted(wrong, key=lambda o: (o.item.label, o.item.kind, o.item.id)):
        where = ", ".join(f"{a} ¶{n}" for a, n in o.item.citations)
        support = "-" if o.support is None else f"{o.support:.2f}"
        verdict = f"KEPT (support {support})" if o.kept else "DROPPED: " + "; ".join(o.reasons)
        print(f"[{o.item.split}] {o.item.id} {o.item.kind} ({o.item.lang}, cites {where})")
        print(f"    {o.item.text}")
        print(f"    {verdict}")


def write_json(outcomes: Sequence[Outcome], path: Path) -> None:
    """Every verdict, one object per sentence, to compare two verifiers."""
    records = [
        {
            "id": o.item.id,
            "kept": o.kept,
            "right": o.right,
            "reasons": list(o.reasons),
            "support": o.support,
        }
        for o in outcomes
    ]
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--show-missed", action="store_true", help="list every wrong verdict")
    parser.add_argument("--json", type=Path, help="also write every verdict to this file")
    parser.add_argument("--set", type=Path, default=SET, help="the sentences (JSONL)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--ids",
        type=re.compile,
        help="only sentences whose id matches this regex (the later probes end in '.pN': "
        "--ids '\\.p[0-9]+$'; the first round: --ids '\\.[0-9]+$')",
    )
    args = parser.parse_args(argv)
    if not (args.corpus / "dev").is_dir():
        sys.exit(f"the development corpus is not at {args.corpus}")
    items = load_set(args.set)
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    items = [i for i in items if i.split in splits]
    if args.ids:
        items = [i for i in items if args.ids.search(i.id)]
    outcomes = verify(items, args.corpus)
    print(
        f"{len(outcomes)} sentences ({sum(o.item.lang == 'ar' for o in outcomes)} Arabic), "
        f"threshold {SUPPORT_THRESHOLD:.2f}; cells: caught (unfaithful) or dropped (faithful) "
        f"/ total; * misses the target (catch ≥{CATCH_TARGET:.0%}, drop ≤{DROP_TARGET:.0%})"
    )
    for split in splits:
        table([o for o in outcomes if o.item.split == split], f"split {split}")
    if len(splits) > 1:
        table(outcomes, "both splits")
    if args.show_missed:
        show_missed(outcomes)
    if args.json:
        write_json(outcomes, args.json)


if __name__ == "__main__":
    main()
