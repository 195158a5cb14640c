"""Render one briefing.json as plain lines for `git diff` (a textconv driver).

`briefing textconv FILE` prints a briefing one summary sentence per line, so
that git shows a briefing's change as the sentences that changed rather than
as JSON.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .compare import dict_at, one_line, sentence_line, summary_sentences, topic_langs
from .refs import Data, NotABriefing, parse_briefing


def _fields(data: Data, prefix: str = "") -> list[tuple[str, object]]:
    """(dotted key, value) for each value of `data`, sorted, with nested
    objects' values under their own keys (`judge.status=failed`, not a
    Python dict in the diff); a list is its items joined by commas."""
    fields: list[tuple[str, object]] = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, dict):
            fields += _fields(value, f"{prefix}{key}.")
        elif isinstance(value, list):
            fields.append((f"{prefix}{key}", ",".join(str(v) for v in value)))
        else:
            fields.append((f"{prefix}{key}", value))
    return fields


def textconv_text(data: Data) -> str:
    """briefing.json as deterministic plain lines for `git diff` (a textconv driver).

    The date, then each topic in briefing order under a `## <topic id>`
    heading: its titles, member articles, and per language the method, any
    notice, each summary sentence on its own line with its citations as
    `[article-id ¶2]`, and the dropped sentences with their reasons; then the
    articles and the skipped inputs.
    """
    generator = dict_at(data, "generator")
    lines = [
        f"briefing {data.get('date')} ({data.get('format')})",
        "generator: " + " ".join(one_line(f"{k}={v}") for k, v in _fields(generator)),
    ]
    langs = topic_langs(data["topics"])
    for topic in data["topics"]:
        lines += ["", f"## {topic['id']}"]
        if topic.get("status"):
            lines.append(f"status: {topic['status']}")
        previous = dict_at(topic, "previous")
        if previous:
            lines.append(f"previous: {previous.get('date')} {previous.get('topic')}")
        if topic.get("related"):
            lines.append("see also: " + " ".join(one_line(t) for t in topic["related"]))
        title, summary = dict_at(topic, "title"), dict_at(topic, "summary")
        lines.extend(f"title {lang}: {one_line(title[lang])}" for lang in langs if lang in title)
        lines.extend(f"article {one_line(x)}" for x in topic.get("articles", []))
        for lang in (lang for lang in langs if lang in summary):
            part = dict_at(summary, lang)
            lines.append(f"{lang} method: {part.get('method')}")
            if part.get("notice"):
                lines.append(f"{lang} notice: {one_line(str(part['notice']))}")
            lines.extend(f"{lang}: {sentence_line(s)}" for s in summary_sentences(part))
            for d in part.get("dropped", []):
                reasons = "; ".join(one_line(r) for r in d.get("reasons", []))
                lines.append(f"{lang} dropped: {one_line(str(d.get('text')))} ({reasons})")
    lines += ["", "## articles"]
    for a in data.get("articles", []):
        lines.append(
            f"{one_line(a.get('id'))} {a.get('lang')} {one_line(a.get('published') or 'undated')} "
            f"{one_line(a.get('source'))}: {one_line(a.get('title'))} "
            f"<{one_line(a.get('url') or '')}> {a.get('paragraphs')} paragraphs "
            f"{one_line(a.get('path'))}"
        )
    if data.get("skipped"):
        lines += ["", "## skipped"]
        lines.extend(f"{one_line(s['path'])}: {one_line(s['reason'])}" for s in data["skipped"])
    return "\n".join(lines) + "\n"


def textconv_file(path: Path) -> str:
    """What `briefing textconv FILE` prints: the rendering, or the file as is.

    A file that is not a briefing.json (say, one with merge-conflict markers)
    comes back unchanged, so `git diff` still shows it rather than failing.
    Raises InputError when the file cannot be read, and when it is a
    briefing.json that breaks the schema (naming the field).
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    try:
        return textconv_text(parse_briefing(raw, str(path)))
    except NotABriefing:
        return raw.decode("utf-8", errors="replace")
