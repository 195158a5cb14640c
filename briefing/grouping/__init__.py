"""Stage 2, grouping: `Article`s in, `Group`s (the topics' members) out.

`group` finds the articles that report the same story, across Arabic and
English; `figures`, `wording` and `timing` are its evidence besides meaning
and `linkage` clusters the articles by it; `topics` gives each group a
stable id, counts its tokens and splits it into token-budgeted parts.
"""

from .group import group_articles
from .topics import make_groups, topic_id

__all__ = ["group_articles", "make_groups", "topic_id"]
