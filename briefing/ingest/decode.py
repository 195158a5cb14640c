"""Decode a file's bytes to text, or say why it is not text.

Used by the load stage before a reader sees a file: UTF-8 and BOM-marked
UTF-16/32 first, then the legacy code pages Arabic and English files come in.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

import charset_normalizer

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY = "binary file, not text"
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


class Unusable(Exception):
    """A file whose bytes are not usable text; the message is the reason."""


def decode(data: bytes) -> tuple[str, str | None]:
    """The file's text, and a note when some of it had to be replaced.

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 first, then UTF-16
    without a BOM when it reads as Arabic or English; UTF-8 with a
    few damaged bytes among many good characters stays UTF-8, the bad bytes
    shown as U+FFFD. Anything else is tried as Windows-1256 and kept if it
    reads as Arabic: all 256 cp1256 bytes decode, and charset-normalizer
    often mistakes short Arabic text for another code page, so the Arabic
    check decides. Raises Unusable for empty and binary files.
    """
    if not data.strip():
        raise Unusable("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec)), None
            except UnicodeDecodeError:
                raise Unusable(_BINARY) from None
    if b"\x00" in data:
        unmarked = _utf16_without_bom(data)
        if unmarked is None:
            raise Unusable(_BINARY)
        return unmarked, None
    try:
        return _checked(data.decode("utf-8")), None
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    if sum(1 for c in text if not c.isascii()) - damaged >= 20 * damaged:
        note = f"{damaged} byte(s) that are not valid UTF-8 shown as \ufffd"
        return _checked(text), note
    arabic = data.decode("cp1256")
    if _reads_as_arabic(arabic):
        return _checked(arabic), None
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise Unusable(_BINARY)
    text = str(best)
    if _share(text, _is_latin) >= 0.5:
        # Latin-script input can only be English here, and English legacy
        # files are Windows-1252; the guess between Latin code pages on a
        # short text is often wrong (naïve -> naďve).
        try:
            return _checked(data.decode("cp1252")), None
        except UnicodeDecodeError:
            pass
    return _checked(text), None


def _utf16_without_bom(data: bytes) -> str | None:
    """`data` as UTF-16 without a byte-order mark (little- or big-endian), if
    it reads as Arabic or English text there: no control character, and nine
    in ten of its letters Latin or Arabic. Binary data never does."""
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        letters = _share(text, lambda c: _is_latin(c) or _is_arabic(c))
        if not _CONTROL.search(text) and letters >= 0.9:
            return text
    return None


def _checked(text: str) -> str:
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise Unusable(_BINARY)
    if not text.strip():
        raise Unusable("empty file")
    return text


_ARABIC_WORD = re.compile("[\u0621-\u064a]+")
_ARABIC_COMMON = frozenset(
    "في من على إلى الى عن أن ان إن مع لا ما هذا هذه التي الذي قد كان بعد أو او و".split()  # noqa: SIM905
)
_ARABIC_ARTICLE = ("ال", "وال", "بال", "لل", "فال", "كال")


def _reads_as_arabic(text: str) -> bool:
    """Whether text decoded as cp1256 is Arabic rather than another code page
    misread: Cyrillic KOI8-R, for one, decodes to nothing but Arabic letters.
    Real Arabic prose is full of the article al- and a few particles (a third
    of its words or more); misread text almost never makes them."""
    if _share(text, _is_arabic) < 0.5:
        return False
    found = _ARABIC_WORD.findall(text)
    common = sum(1 for w in found if w in _ARABIC_COMMON or w.startswith(_ARABIC_ARTICLE))
    return common >= 0.15 * len(found)


def _is_arabic(c: str) -> bool:
    return "\u0600" <= c <= "\u06ff"


def _is_latin(c: str) -> bool:
    return c.isascii() or "\u00c0" <= c <= "\u024f"


def _share(text: str, script: Callable[[str], bool]) -> float:
    """The share of the letters in `text` that `script` accepts."""
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if script(c)) / len(letters) if letters else 0.0
