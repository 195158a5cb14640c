"""Benchmark `briefing regenerate`: how much of a briefing one regenerated
topic changes, and how long it takes next to the full `generate`.

    .venv/bin/python benchmarks/regenerate.py [--topics 10] [--delays 0.5 0]
                                              [--concurrency 1 4]

For each fake-model latency (seconds per answer) and concurrency: build
`--topics` topics from the development corpus at run time (as
`benchmarks/pipeline.py` does: each story's articles in twos, each topic
re-dated 30 days from the others), run `briefing generate` (in-process)
against the test suite's fake OpenAI server, commit `output/` into a
temporary git repository, switch the fake model to quoting other source
sentences, run `briefing regenerate --topic ID` on one topic, and report:
the time of each; the requests regenerate made; `git diff --numstat` of
briefing.md; whether every changed line of briefing.md is a line of that
topic's topics/<id>.md (removed lines from the old file, added lines from
the new one); and which files changed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import BRIEF_DATE, QuoteModel, build_topics, cli, write_config  # noqa: E402


def git(repo: Path, *args: str) -> str:
    """Run git in the temporary repository only (no inherited GIT_* paths)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    done = subprocess.run(
        ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost",
         "-c", "commit.gpgsign=false", *args],
        cwd=repo, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def diff_lines(repo: Path, path: str) -> tuple[list[str], list[str]]:
    """(removed, added) lines of `path` in the working tree against HEAD."""
    removed, added = [], []
    for line in git(repo, "diff", "-U0", "--", path).splitlines():
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("-"):
            removed.append(line[1:])
        elif line.startswith("+"):
            added.append(line[1:])
    return removed, added


def one_case(delay: float, concurrency: int, count: int, tmp: Path) -> dict[str, object]:
    from fake_openai import FakeOpenAI

    inputs = tmp / "inputs"
    build_topics(inputs, count)
    config = write_config(tmp, cache="cache.sqlite", output="output")
    output = tmp / "output"
    with FakeOpenAI(responder=QuoteModel()) as server:
        server.delay = delay
        llm = ["--llm", "openai", "--base-url", server.base_url, "--model", "fake"]
        common = ["--date", BRIEF_DATE, "--config", config, *llm, "--quiet"]
        status, generate_s = cli("generate", inputs, *common, "--concurrency", concurrency)
        generate_requests = len(server.requests)
        folder = output / BRIEF_DATE
        data = json.loads((folder / "briefing.json").read_text(encoding="utf-8"))
        topics = [t["id"] for t in data["topics"]]
        (output / ".gitignore").write_text(".briefing.lock\n", encoding="utf-8")
        git(output, "init", "-q")
        git(output, "add", "-A")
        git(output, "commit", "-qm", "generate")

        topic = topics[len(topics) // 2]
        topic_md = f"{BRIEF_DATE}/topics/{topic}.md"
        old_topic = (output / topic_md).read_text(encoding="utf-8").splitlines()
        server.responder = QuoteModel(offset=2)  # the model now answers differently
        status2, regenerate_s = cli("regenerate", "--topic", topic, *common)
        regenerate_requests = len(server.requests) - generate_requests

    new_topic = (output / topic_md).read_text(encoding="utf-8").splitlines()
    numstat = git(output, "diff", "--numstat", "--", f"{BRIEF_DATE}/briefing.md").split()
    removed, added = diff_lines(output, f"{BRIEF_DATE}/briefing.md")
    foreign = [line for line in removed if line not in old_topic] + [
        line for line in added if line not in new_topic
    ]
    changed = sorted(
        line[3:] for line in git(output, "status", "--porcelain").splitlines() if line.strip()
    )
    return {
        "delay": delay,
        "concurrency": concurrency,
        "topics": len(topics),
        "status": (status, status2),
        "generate_s": generate_s,
        "generate_requests": generate_requests,
        "regenerate_s": regenerate_s,
        "regenerate_requests": regenerate_requests,
        "numstat": f"+{numstat[0]} -{numstat[1]}" if numstat else "+0 -0",
        "topic_changed": old_topic != new_topic,
        "only_topic": not foreign and bool(removed or added),
        "foreign": foreign,
        "changed": [c.replace(f"{BRIEF_DATE}/", "").replace(topic, "<id>") for c in changed],
        "topic": topic,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--topics", type=int, default=10)
    parser.add_argument("--delays", type=float, nargs="+", default=[0.5, 0.0])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4])
    args = parser.parse_args()

    from briefing.embed import embed

    embed(["warm-up"])  # load the encoder once, outside the timings
    rows = []
    for delay in args.delays:
        for concurrency in args.concurrency:
            with tempfile.TemporaryDirectory() as tmp:
                rows.append(one_case(delay, concurrency, args.topics, Path(tmp)))

    print(
        f"{'delay':>6}{'conc':>5}{'topics':>7}{'exit':>7}{'generate s':>11}{'req':>5}"
        f"{'regen s':>8}{'req':>5}{'regen/gen':>10}{'md numstat':>11}{'topic md changed':>17}"
        f"{'only that topic':>16}"
    )
    for r in rows:
        ratio = float(r["regenerate_s"]) / float(r["generate_s"])  # type: ignore[arg-type]
        print(
            f"{r['delay']:>6g}{r['concurrency']:>5}{r['topics']:>7}{'{}/{}'.format(*r['status']):>7}"  # type: ignore[misc]
            f"{r['generate_s']:>11.1f}{r['generate_requests']:>5}{r['regenerate_s']:>8.1f}"
            f"{r['regenerate_requests']:>5}{ratio:>10.2f}{r['numstat']:>11}"
            f"{r['topic_changed']!s:>17}{r['only_topic']!s:>16}"
        )
    print(
        "\nregen/gen: wall time of regenerate over generate (1/topics would be "
        "proportional to one topic; exit = generate/regenerate status)"
    )
    for r in rows:
        files = ", ".join(r["changed"])  # type: ignore[arg-type]
        print(f"files changed (delay {r['delay']:g}, conc {r['concurrency']}): {files}")
        for line in r["foreign"]:  # type: ignore[attr-defined]
            print(f"   changed line not in topics/<id>.md: {line[:100]}")


if __name__ == "__main__":
    main()
