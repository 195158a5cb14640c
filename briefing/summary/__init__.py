"""Stage 3, summary: `Group`s and their `Article`s in, per-language `Summary`s out.

`select` writes the extractive summary (the offline summary and the LLM's
fallback); `summarize` asks the model through `prompting`'s messages, and
`repair` checks every sentence with `verify` (names through `glossary`),
asks once for repairs and drops what still fails; `related` links topics
that tell other events of one story ("see also").
"""

from .glossary import Glossary, load_glossary
from .prompting import PROMPT_VERSION
from .related import related_topics
from .select import Selection, name_entities, select_topics
from .summarize import TopicOutcome, TopicRequest, plan_calls, summarize_topics

__all__ = [
    "PROMPT_VERSION",
    "Glossary",
    "Selection",
    "TopicOutcome",
    "TopicRequest",
    "load_glossary",
    "name_entities",
    "plan_calls",
    "related_topics",
    "select_topics",
    "summarize_topics",
]
