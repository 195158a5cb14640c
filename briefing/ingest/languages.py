"""Arabic, or Persian or Urdu written in the same script?

`detect_lang` tells scripts apart; Persian and Urdu are written in the
Arabic script, so without this check they would be loaded and quoted as
Arabic. Both use letters Arabic has no use for (Persian پ چ ژ گ and the
Persian forms of kaf and yeh, ک ی; Urdu also ٹ ڈ ں ے ہ) and frequent words
Arabic does not have. Arabic text keyed on a Persian keyboard has the
Persian kaf and yeh, but few of the other letters and none of the words, so
a text is only called Persian or Urdu when several signals agree.
"""

from __future__ import annotations

import re

__all__ = ["other_arabic_script_language"]

_PERSIAN_LETTERS = frozenset("پچژگکی")  # peh, tcheh, jeh, gaf, keheh, farsi yeh
_URDU_LETTERS = frozenset(
    "ٹڈڑںےہھ"
)  # tteh, ddal, rreh, noon ghunna, yeh barree, heh goal, do-chashmee
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_WORD = re.compile("[\u0600-\u06ff]+")
# Frequent function words of Persian and Urdu that are not Arabic words (in
# both the Persian and the Arabic spellings of kaf and yeh).
_PERSIAN_WORDS = frozenset(
    "است این آن را که كه می مي برای براي بود شد شده کرد كرد های هاي اند نیز نيز".split()  # noqa: SIM905
)
_URDU_WORDS = frozenset("کے كے ہے ہیں میں کی كي سے اور کو كو نے یہ وہ تھا".split())  # noqa: SIM905
# Shares of the Arabic-script letters, and of the words, above which a text
# is not Arabic.
_LETTER_SHARE = 0.02
_WORD_SHARE = 0.04


def other_arabic_script_language(text: str) -> str | None:
    """'Persian' or 'Urdu' when `text`, written in the Arabic script, is in
    that language rather than Arabic; None otherwise (Arabic, or too little
    text to tell)."""
    letters = len(_ARABIC_SCRIPT.findall(text))
    words = _WORD.findall(text)
    if letters < 20 or not words:
        return None
    urdu_letters = sum(1 for c in text if c in _URDU_LETTERS)
    persian_letters = sum(1 for c in text if c in _PERSIAN_LETTERS)
    urdu_words = sum(1 for w in words if w in _URDU_WORDS) / len(words)
    persian_words = sum(1 for w in words if w in _PERSIAN_WORDS) / len(words)
    if urdu_words >= _WORD_SHARE and urdu_letters >= _LETTER_SHARE * letters:
        return "Urdu"
    if persian_words >= _WORD_SHARE and persian_letters + urdu_letters >= _LETTER_SHARE * letters:
        return "Persian"
    if (persian_letters + urdu_letters) >= 4 * _LETTER_SHARE * letters:
        return "Urdu" if urdu_letters > persian_letters / 2 else "Persian"
    return None
