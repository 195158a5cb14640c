"""Compare two briefings: what changed, as data and as terminal text.

`briefing diff A B` reads two `briefing.json` documents (see `refs`) and
reports the topics added, removed and changed between them, down to the
summary sentences. The line helpers at the end are shared with `textconv`,
so a sentence reads the same in both.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..models import LANGS
from ..text import printable
from .refs import Data

_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")

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
    langs = topic_langs([*a_topics, *b_topics])
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


def topic_langs(topics: Iterable[Data]) -> list[str]:
    """The supported languages in their order, then any other the topics use, sorted."""
    seen = {lang for t in topics for lang in (*dict_at(t, "title"), *dict_at(t, "summary"))}
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
        previous = dict_at(t, "previous").get("topic")
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
    summary = dict_at(topic, "summary")
    return {
        "id": topic["id"],
        "position": position + 1,
        "title": dict_at(topic, "title"),
        "articles": list(topic.get("articles", [])),
        "sentences": {lang: summary_sentences(dict_at(summary, lang)) for lang in langs},
    }


def _change(old: Data, new: Data, how: str, position: int, langs: list[str]) -> Data | None:
    old_title, new_title = dict_at(old, "title"), dict_at(new, "title")
    old_summary, new_summary = dict_at(old, "summary"), dict_at(new, "summary")
    sentences: Data = {}
    summaries: Data = {}
    for lang in langs:
        before, after = dict_at(old_summary, lang), dict_at(new_summary, lang)
        sentences[lang] = _sentence_changes(summary_sentences(before), summary_sentences(after))
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


def summary_sentences(summary: Data) -> list[Data]:
    """A summary's sentences as {"text", "citations"}, missing fields filled in."""
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


def dict_at(data: Data, key: str) -> Data:
    """data[key] when it is an object, else {}."""
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
            lines.extend(f"{mark}title {lang}: {one_line(t)}" for lang, t in topic["title"].items())
            lines.extend(f"{mark}article {one_line(x)}" for x in topic["articles"])
            for lang, sentences in topic["sentences"].items():
                lines.extend(f"{mark}{lang}: {sentence_line(s)}" for s in sentences)
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
            lines.append(f"  title {lang}: {one_line(title)}")
    for lang, change in topic["title_changes"].items():
        lines.extend(_pair_lines(f"title {lang}", change))
    lines.extend(f"- article {one_line(x)}" for x in topic["articles"]["removed"])
    lines.extend(f"+ article {one_line(x)}" for x in topic["articles"]["added"])
    for lang, change in topic["sentences"].items():
        for field, values in topic["summary_changes"].get(lang, {}).items():
            lines.extend(_pair_lines(f"{field} {lang}", values))
        lines.extend(f"- {lang}: {sentence_line(s)}" for s in change["removed"])
        lines.extend(f"+ {lang}: {sentence_line(s)}" for s in change["added"])
        for s in change["recited"]:
            lines.append(f"- {lang}: {sentence_line({'text': s['text'], 'citations': s['a']})}")
            lines.append(f"+ {lang}: {sentence_line({'text': s['text'], 'citations': s['b']})}")
    return lines


def _pair_lines(name: str, change: Data) -> list[str]:
    return [
        f"{mark}{name}: {one_line(str(change[side]))}"
        for mark, side in (("- ", "a"), ("+ ", "b"))
        if change[side] is not None
    ]


def sentence_line(sentence: Data) -> str:
    """A sentence on one line, followed by its citations as `[article-id ¶2]`."""
    cites = "".join(
        f" [{one_line(c.get('article'))} ¶{c.get('paragraph')}]"
        for c in sentence.get("citations", [])
    )
    return one_line(str(sentence.get("text", ""))) + cites


def one_line(text: object) -> str:
    """`text` on one line, safe for a terminal: a line break inside a sentence
    would split it over lines and break the one-sentence-per-line promise, so
    it is shown as ⏎; other control characters are shown escaped."""
    return printable(_LINE_BREAKS.sub(" ⏎ ", str(text)))
