"""Text normalisation shared by the matcher, the grader and the validator."""

from __future__ import annotations

import re
import unicodedata

# Zero-width and bidi controls that people paste in without seeing them.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x00AD,
     *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_NON_WORD = re.compile(r"[^a-z0-9]+")
_FOLD = str.maketrans({"ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i"})


def fold(text: str) -> str:
    """Lowercase, strip accents and invisible characters; keeps punctuation."""
    if text.isascii():
        return text.lower()
    text = text.translate(_INVISIBLE)
    text = unicodedata.normalize("NFKD", text.casefold()).translate(_FOLD)
    return "".join(c for c in text if not unicodedata.combining(c))


def normalize(text: str) -> str:
    """Fold, then turn every run of non-alphanumerics (hyphens, apostrophes...) into one space."""
    return _NON_WORD.sub(" ", fold(text)).strip()


def and_list(items: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] \
        if items else ""


_NUMBER_WORDS = "no one two three four five six seven eight nine ten eleven twelve".split()


def number_word(n: int) -> str:
    """"no", "one" ... "twelve"; digits beyond."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)
