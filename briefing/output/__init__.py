"""Stage 4, output: a `Briefing` in, files under `output/<date>/` out.

`document` is the briefing as JSON data (and back); `render` makes Markdown
and HTML from that data through the templates; `write` replaces the date's
folder whole under a lock; `site` writes the index of every briefing.
"""

from .document import article_records, inputs_from, skipped_from, stub_article, topics_from
from .site import write_index
from .write import check_writable, output_lock, publish, recover, write_briefing

__all__ = [
    "article_records",
    "check_writable",
    "inputs_from",
    "output_lock",
    "publish",
    "recover",
    "skipped_from",
    "stub_article",
    "topics_from",
    "write_briefing",
    "write_index",
]
