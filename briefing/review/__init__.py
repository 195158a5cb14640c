"""Reading written briefings back: continuity with the previous briefing, and review.

`refs` finds and reads a briefing (a date, a folder, a file or a git
revision); `continuity` matches today's topics to the previous briefing's;
`compare` diffs two briefings; `textconv` renders one for `git diff`.
"""

from .compare import diff_briefings, format_diff
from .continuity import PreviousMatch, TopicView, match_topics, previous_briefing
from .refs import available_dates, parse_briefing, read_briefing
from .textconv import textconv_file

__all__ = [
    "PreviousMatch",
    "TopicView",
    "available_dates",
    "diff_briefings",
    "format_diff",
    "match_topics",
    "parse_briefing",
    "previous_briefing",
    "read_briefing",
    "textconv_file",
]
