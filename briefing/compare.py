"""Compare two briefings, and render one for `git diff`.

`briefing diff A B` reads two `briefing.json` documents (by date, by path or
from git) and reports the topics added, removed and changed between them, down
to the summary sentences. `briefing textconv FILE` renders one briefing.json as
plain lines, one summary sentence per line, so that git shows a briefing's
change as the sentences that changed rather than as JSON.

Both only read: nothing here writes to the output folder.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import InputError
from .models import LANGS

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")

Data = dict[str, Any]

# ---------------------------------------------------------------- reading


def read_briefing(ref: str, output: Path, date: str | None = None) -> tuple[str, Data]:
    """The briefing `ref` names, as a display label and its briefing.json data.

    `ref` is read by the first rule that applies:

    1. `YYYY-MM-DD`: the briefing of that date, `OUTPUT/YYYY-MM-DD/briefing.json`;
    2. an existing folder (its `briefing.json`) or file;
    3. `REV:PATH`: the file at PATH in git revision REV, exactly as `git show
       REV:PATH` reads it from the current folder (PATH is relative to the
       repository root, or to the current folder when it starts with `./`);
    4. anything else is a git revision of the repository holding OUTPUT, and
       `date` (required) says which briefing: `OUTPUT/DATE/briefing.json` as
       committed in that revision.

    Raises InputError, saying what to pass instead, for a date with no
    briefing (listing the dates there are), an unknown revision, a revision
    without that briefing, and a file that is not a briefing.json.
    """
    if _DATE.fullmatch(ref):
        _check_date(ref)
        return _read_dated(ref, output)
    path = Path(ref)
    if path.is_dir():
        path = path / "briefing.json"
        if not path.is_file():
            raise InputError(f"{ref} has no briefing.json; pass a briefing folder or file")
    if path.is_file():
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise InputError(f"cannot read {path}: {error.strerror}") from None
        return str(path), parse_briefing(raw, str(path))
    if ":" in ref:
        rev, _, inner = ref.partition(":")
        _check_revision(rev, Path.cwd(), ref)
        raw = _git(["show", ref], Path.cwd(), f"{rev} has no {inner or 'file'} (git show {ref})")
        return ref, parse_briefing(raw, ref)
    return _read_revision(ref, output, date)


def parse_briefing(raw: bytes | str, label: str) -> Data:
    """briefing.json's data, checked to be a briefing (InputError naming `label` if not).

    Only what a comparison needs is checked, so documents with fields added
    by later versions are accepted.
    """

    def refuse(why: str) -> InputError:
        return InputError(
            f"{label} is not a briefing.json ({why}); "
            "pass the briefing.json that `briefing generate` writes"
        )

    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        raise refuse("not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise refuse(f"not JSON: {error.msg} at line {error.lineno}") from None
    if not isinstance(data, dict) or not str(data.get("format", "")).startswith("briefing/"):
        raise refuse('no "format": "briefing/…" field')
    topics = data.get("topics")
    if not isinstance(topics, list) or not all(
        isinstance(t, dict) and isinstance(t.get("id"), str) for t in topics
    ):
        raise refuse('"topics" is not a list of topics with ids')
    return data


def available_dates(output: Path) -> list[str]:
    """The dates that have a briefing.json under `output`, oldest first."""
    if not output.is_dir():
        return []
    return sorted(
        p.name
        for p in output.iterdir()
        if _DATE.fullmatch(p.name) and (p / "briefing.json").is_file()
    )


def _check_date(value: str) -> None:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value} is not a calendar date; write it as YYYY-MM-DD") from None


def _read_dated(date: str, output: Path) -> tuple[str, Data]:
    path = output / date / "briefing.json"
    if not path.is_file():
        dates = available_dates(output)
        there = ", ".join(dates) if dates else "none"
        # Someone standing inside the output folder types the folder's name.
        here = (Path(date) / "briefing.json").is_file()
        hint = f"pass ./{date} to mean the folder here" if here else "pick one of those dates"
        raise InputError(
            f"no briefing for {date} in {output} (dates there: {there}); "
            f"{hint}, or pass --output for another output folder"
        )
    return str(path), parse_briefing(path.read_bytes(), str(path))


def _read_revision(rev: str, output: Path, date: str | None) -> tuple[str, Data]:
    # Run git where the output folder is, so that an output folder that is
    # its own repository works as well as one inside the project's.
    absolute = output.resolve()
    where = next((p for p in (absolute, *absolute.parents) if p.is_dir()), Path.cwd())
    _check_revision(rev, where, rev)
    if date is None:
        raise InputError(
            f"{rev} is a git revision: say which briefing with --date YYYY-MM-DD, "
            f"or name the file as {rev}:PATH/TO/briefing.json"
        )
    _check_date(date)
    top = Path(_git(["rev-parse", "--show-toplevel"], where, "").decode().strip()).resolve()
    try:
        folder = absolute.relative_to(top).as_posix()
    except ValueError:
        raise InputError(f"{output} is outside the git repository at {top}") from None
    prefix = "" if folder == "." else f"{folder}/"
    name = f"{prefix}{date}/briefing.json"
    spec = f"{rev}:{name}"
    listing = _run(["ls-tree", "--name-only", f"{rev}:{prefix}"], top)
    dates = sorted(n for n in listing.stdout.decode().split("\n") if _DATE.fullmatch(n))
    missing = (
        f"{rev} has no {name} (dates committed there: {', '.join(dates) or 'none'}); "
        "pick one of those with --date, or another revision"
    )
    return spec, parse_briefing(_git(["show", spec], top, missing), spec)


def _check_revision(rev: str, where: Path, ref: str) -> None:
    if _run(["rev-parse", "--is-inside-work-tree"], where).returncode != 0:
        raise InputError(
            f"{ref!r} is not a date (YYYY-MM-DD) nor an existing file or folder, "
            f"and {where} is not in a git repository to look it up as a revision"
        )
    if _run(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], where).returncode != 0:
        raise InputError(
            f"{ref!r} is not a date (YYYY-MM-DD), an existing file or folder, "
            f"or a known git revision in {where}; check the spelling (`git log --oneline`)"
        )


def _run(args: list[str], where: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=where, capture_output=True)
    except OSError as error:
        raise InputError(
            f"cannot run git ({error.strerror}); install git to compare revisions, "
            "or pass dates or paths"
        ) from None


def _git(args: list[str], where: Path, failure: str) -> bytes:
    done = _run(args, where)
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        raise InputError(failure or (detail[-1] if detail else f"git {args[0]} failed"))
    return done.stdout


# ---------------------------------------------------------------- comparing


def diff_briefings(
    a: Data, b: Data, a_label: str | None = None, b_label: str | None = None
) -> Data:
    """What changed from briefing `a` to briefing `b`, as JSON-ready data.

    Topics are paired by id; then a topic of `b` whose "previous" names a
    topic of `a`; then by shared member articles (the pairs sharing the
    largest fraction first). Paired topics with any difference in title,
    members, summary sentences (text or citations), method or notice are
    "changed", the others "unchanged". Lists follow `b`'s topic order, the
    removed topics `a`'s; every language of the briefings is always present.
    """
    a_topics, b_topics = list(a["topics"]), list(b["topics"])
    pairs = _pair(a_topics, b_topics)
    langs = _langs([*a_topics, *b_topics])
    added: list[Data] = []
    changed: list[Data] = []
    unchanged: list[str] = []
    for j, new in enumerate(b_topics):
        if j not in pairs:
            added.append(_whole(new, j, langs))
            continue
        i, how = pairs[j]
        change = _change(a_topics[i], new, how, j, langs)
        if change is None:
            unchanged.append(new["id"])
        else:
            changed.append(change)
    matched = {i for i, _ in pairs.values()}
    removed = [_whole(t, i, langs) for i, t in enumerate(a_topics) if i not in matched]
    return {
        "a": _side(a, a_label),
        "b": _side(b, b_label),
        "counts": {
            "added": len(added),
            "removed": len(removed),
            "changed": len(changed),
            "unchanged": len(unchanged),
        },
        "added": added,
        "removed": removed,
        "changed": changed,
        "unchanged": unchanged,
    }


def _side(data: Data, label: str | None) -> Data:
    return {
        "label": label,
        "date": data.get("date"),
        "format": data.get("format"),
        "topics": len(data["topics"]),
    }


def _langs(topics: Iterable[Data]) -> list[str]:
    seen = {lang for t in topics for lang in (*_dict(t, "title"), *_dict(t, "summary"))}
    return [*LANGS, *sorted(seen - set(LANGS))]


def _pair(a_topics: list[Data], b_topics: list[Data]) -> dict[int, tuple[int, str]]:
    """b index → (a index, how they were paired)."""
    a_index = {t["id"]: i for i, t in enumerate(a_topics)}
    pairs: dict[int, tuple[int, str]] = {}
    for j, t in enumerate(b_topics):
        if t["id"] in a_index:
            pairs[j] = (a_index[t["id"]], "id")
    used = {i for i, _ in pairs.values()}
    for j, t in enumerate(b_topics):
        previous = _dict(t, "previous").get("topic")
        i = a_index.get(previous) if isinstance(previous, str) else None
        if j not in pairs and i is not None and i not in used:
            pairs[j] = (i, "previous")
            used.add(i)
    candidates = []
    for j, new in enumerate(b_topics):
        for i, old in enumerate(a_topics):
            if j in pairs or i in used:
                continue
            mine, theirs = set(new.get("articles", [])), set(old.get("articles", []))
            if shared := len(mine & theirs):
                candidates.append((-shared / len(mine | theirs), -shared, j, i))
    for _, _, j, i in sorted(candidates):
        if j not in pairs and i not in used:
            pairs[j] = (i, "articles")
            used.add(i)
    return pairs


def _whole(topic: Data, position: int, langs: list[str]) -> Data:
    summary = _dict(topic, "summary")
    return {
        "id": topic["id"],
        "position": position + 1,
        "title": _dict(topic, "title"),
        "articles": list(topic.get("articles", [])),
        "sentences": {lang: _sentences(_dict(summary, lang)) for lang in langs},
    }


def _change(old: Data, new: Data, how: str, position: int, langs: list[str]) -> Data | None:
    old_title, new_title = _dict(old, "title"), _dict(new, "title")
    old_summary, new_summary = _dict(old, "summary"), _dict(new, "summary")
    sentences: Data = {}
    summaries: Data = {}
    for lang in langs:
        before, after = _dict(old_summary, lang), _dict(new_summary, lang)
        sentences[lang] = _sentence_changes(_sentences(before), _sentences(after))
        for field in ("method", "notice"):
            if before.get(field) != after.get(field):
                summaries.setdefault(lang, {})[field] = {
                    "a": before.get(field),
                    "b": after.get(field),
                }
    old_articles, new_articles = list(old.get("articles", [])), list(new.get("articles", []))
    change: Data = {
        "id": new["id"],
        "a_id": old["id"],
        "match": how,
        "position": position + 1,
        "title": new_title,
        "title_changes": {
            lang: {"a": old_title.get(lang), "b": new_title.get(lang)}
            for lang in langs
            if old_title.get(lang) != new_title.get(lang)
        },
        "articles": {
            "added": [x for x in new_articles if x not in old_articles],
            "removed": [x for x in old_articles if x not in new_articles],
        },
        "sentences": sentences,
        "summary_changes": summaries,
    }
    different = (
        old["id"] != new["id"]
        or change["title_changes"]
        or change["articles"]["added"]
        or change["articles"]["removed"]
        or summaries
        or any(s["added"] or s["removed"] or s["recited"] for s in sentences.values())
    )
    return change if different else None


def _sentences(summary: Data) -> list[Data]:
    return [
        {"text": s.get("text", ""), "citations": list(s.get("citations", []))}
        for s in summary.get("sentences", [])
    ]


def _sentence_changes(before: list[Data], after: list[Data]) -> Data:
    """Sentences added and removed by text (as multisets), and same-text re-citations."""
    old_count, new_count = Counter(s["text"] for s in before), Counter(s["text"] for s in after)
    gone, came = old_count - new_count, new_count - old_count
    removed = [s for s in before if _take(gone, s["text"])]
    added = [s for s in after if _take(came, s["text"])]
    old_cites = {s["text"]: s["citations"] for s in before if old_count[s["text"]] == 1}
    recited = [
        {"text": s["text"], "a": old_cites[s["text"]], "b": s["citations"]}
        for s in after
        if new_count[s["text"]] == 1
        and s["text"] in old_cites
        and old_cites[s["text"]] != s["citations"]
    ]
    return {"added": added, "removed": removed, "recited": recited}


def _take(counts: Counter[str], text: str) -> bool:
    if counts[text] > 0:
        counts[text] -= 1
        return True
    return False


def _dict(data: Data, key: str) -> Data:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


# ---------------------------------------------------------------- text


def format_diff(diff: Data) -> str:
    """The diff as terminal text, ending with a line counting each kind of topic.

    One heading per added, changed or removed topic (B's order, then removed
    topics in A's order); below it, lines starting "+ " (in B only), "- " (in
    A only) or "  " (context), each naming its language, one sentence per line
    with its citations.
    """
    lines = [_side_line("---", "a", diff["a"]), _side_line("+++", "b", diff["b"])]
    shown = sorted(
        [("added", t) for t in diff["added"]] + [("changed", t) for t in diff["changed"]],
        key=lambda kind_topic: int(kind_topic[1]["position"]),
    ) + [("removed", t) for t in diff["removed"]]
    for kind, topic in shown:
        lines.append("")
        if kind == "changed":
            lines.extend(_changed_lines(topic))
        else:
            mark = "+ " if kind == "added" else "- "
            lines.append(f"## {kind} {topic['id']}")
            lines.extend(
                f"{mark}title {lang}: {_one_line(t)}" for lang, t in topic["title"].items()
            )
            lines.extend(f"{mark}article {x}" for x in topic["articles"])
            for lang, sentences in topic["sentences"].items():
                lines.extend(f"{mark}{lang}: {_sentence(s)}" for s in sentences)
    counts = diff["counts"]
    lines.append("")
    lines.append(
        ", ".join(f"{counts[k]} {k}" for k in ("added", "removed", "changed", "unchanged"))
    )
    return "\n".join(lines) + "\n"


def _side_line(mark: str, name: str, side: Data) -> str:
    label = side.get("label") or name
    return f"{mark} {label} ({side.get('date') or 'no date'}, {side['topics']} topics)"


def _changed_lines(topic: Data) -> list[str]:
    was = "" if topic["a_id"] == topic["id"] else f" (was {topic['a_id']})"
    lines = [f"## changed {topic['id']}{was}"]
    for lang, title in topic["title"].items():
        if lang not in topic["title_changes"]:
            lines.append(f"  title {lang}: {_one_line(title)}")
    for lang, change in topic["title_changes"].items():
        lines.extend(_pair_lines(f"title {lang}", change))
    lines.extend(f"- article {x}" for x in topic["articles"]["removed"])
    lines.extend(f"+ article {x}" for x in topic["articles"]["added"])
    for lang, change in topic["sentences"].items():
        for field, values in topic["summary_changes"].get(lang, {}).items():
            lines.extend(_pair_lines(f"{field} {lang}", values))
        lines.extend(f"- {lang}: {_sentence(s)}" for s in change["removed"])
        lines.extend(f"+ {lang}: {_sentence(s)}" for s in change["added"])
        for s in change["recited"]:
            lines.append(f"- {lang}: {_sentence({'text': s['text'], 'citations': s['a']})}")
            lines.append(f"+ {lang}: {_sentence({'text': s['text'], 'citations': s['b']})}")
    return lines


def _pair_lines(name: str, change: Data) -> list[str]:
    return [
        f"{mark}{name}: {_one_line(str(change[side]))}"
        for mark, side in (("- ", "a"), ("+ ", "b"))
        if change[side] is not None
    ]


def _sentence(sentence: Data) -> str:
    cites = "".join(
        f" [{c.get('article')} ¶{c.get('paragraph')}]" for c in sentence.get("citations", [])
    )
    return _one_line(str(sentence.get("text", ""))) + cites


def _one_line(text: str) -> str:
    # A line break inside a sentence would split it over lines and break the
    # one-sentence-per-line promise; show it instead of losing it.
    return _LINE_BREAKS.sub(" ⏎ ", text)


def textconv_text(data: Data) -> str:
    """briefing.json as deterministic plain lines for `git diff` (a textconv driver).

    The date, then each topic in briefing order under a `## <topic id>`
    heading: its titles, member articles, and per language the method, any
    notice, each summary sentence on its own line with its citations as
    `[article-id ¶2]`, and the dropped sentences with their reasons; then the
    articles and the skipped inputs.
    """
    generator = _dict(data, "generator")
    lines = [
        f"briefing {data.get('date')} ({data.get('format')})",
        "generator: " + " ".join(f"{k}={generator[k]}" for k in sorted(generator)),
    ]
    langs = _langs(data["topics"])
    for topic in data["topics"]:
        lines += ["", f"## {topic['id']}"]
        if topic.get("status"):
            lines.append(f"status: {topic['status']}")
        previous = _dict(topic, "previous")
        if previous:
            lines.append(f"previous: {previous.get('date')} {previous.get('topic')}")
        title, summary = _dict(topic, "title"), _dict(topic, "summary")
        lines.extend(f"title {lang}: {_one_line(title[lang])}" for lang in langs if lang in title)
        lines.extend(f"article {x}" for x in topic.get("articles", []))
        for lang in (lang for lang in langs if lang in summary):
            part = _dict(summary, lang)
            lines.append(f"{lang} method: {part.get('method')}")
            if part.get("notice"):
                lines.append(f"{lang} notice: {_one_line(str(part['notice']))}")
            lines.extend(f"{lang}: {_sentence(s)}" for s in _sentences(part))
            for d in part.get("dropped", []):
                reasons = "; ".join(str(r) for r in d.get("reasons", []))
                lines.append(f"{lang} dropped: {_one_line(str(d.get('text')))} ({reasons})")
    lines += ["", "## articles"]
    for a in data.get("articles", []):
        lines.append(
            f"{a.get('id')} {a.get('lang')} {a.get('published') or 'undated'} "
            f"{a.get('source')}: {_one_line(str(a.get('title')))} <{a.get('url') or ''}> "
            f"{a.get('paragraphs')} paragraphs {a.get('path')}"
        )
    if data.get("skipped"):
        lines += ["", "## skipped"]
        lines.extend(f"{s.get('path')}: {_one_line(str(s.get('reason')))}" for s in data["skipped"])
    return "\n".join(lines) + "\n"


def textconv_file(path: Path) -> str:
    """What `briefing textconv FILE` prints: the rendering, or the file as is.

    A file that is not a briefing.json (say, one with merge-conflict markers)
    comes back unchanged, so `git diff` still shows it rather than failing.
    Raises InputError when the file cannot be read.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    try:
        return textconv_text(parse_briefing(raw, str(path)))
    except InputError:
        return raw.decode("utf-8", errors="replace")
