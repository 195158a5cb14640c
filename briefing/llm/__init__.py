"""The language model behind one small interface (used by the summary stage).

`client` builds the one OpenAI client and asks for validated JSON answers with
retries; `cache` keeps every answer in SQLite; `server` runs llama.cpp's
OpenAI-compatible server on loopback for `--llm local`.
"""

from .client import ANSWER_COUNTS, LLMSettings
from .server import local_server

__all__ = ["ANSWER_COUNTS", "LLMSettings", "local_server"]
