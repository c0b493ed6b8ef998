"""Fold text to what it looks like, so that two names or ids a reader cannot tell apart compare equal.

This follows the idea of the skeleton in Unicode Technical Standard #39 (security mechanisms, section 4): NFKC
folds compatibility forms (full-width ＧＰＴ, ligatures, superscripts), a table maps each letter of another
script that is drawn like a Latin one to that Latin letter (Cyrillic Р and Greek Ρ to P), characters that do not
show (zero-width, soft hyphen) are dropped, dashes become '-', and case is folded. The table is kept here, small
and readable, rather than taken from a package: the data's names are Latin with digits and punctuation, so only
the scripts a look-alike of such a name would come from (Cyrillic, Greek, Latin's own 0/O and 1/l/I) are needed,
and the project pins no dependency for a table of some eighty characters. It is built from the prototypes in
Unicode's confusables.txt for those characters.
"""

from __future__ import annotations

import re
import unicodedata

_LATIN = {
    # Cyrillic capitals, then small letters, drawn like Latin ones
    "А": "A", "В": "B", "Е": "E", "Ѕ": "S", "І": "I", "Ј": "J", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ү": "Y", "Һ": "H", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "l",
    "а": "a", "в": "B", "е": "e", "ѕ": "s", "і": "i", "ј": "j", "к": "k", "м": "M", "н": "H", "о": "o", "р": "p",
    "с": "c", "т": "T", "у": "y", "х": "x", "ү": "y", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ь": "b",
    "ѵ": "v", "ѡ": "w", "ɡ": "g",
    # Greek capitals, then small letters
    "Α": "A", "Β": "B", "Ε": "E", "Η": "H", "Ι": "l", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Υ": "Y", "Χ": "X", "Ζ": "Z", "Ϲ": "C", "Ϳ": "J",
    "α": "a", "γ": "y", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "σ": "o", "τ": "t", "υ": "u",
    "χ": "x", "ϲ": "c", "ϳ": "j",
    # Latin's own look-alikes and letters of other alphabets drawn the same
    "0": "O", "1": "l", "I": "l", "|": "l", "ı": "i", "ɩ": "i", "ɑ": "a", "ȷ": "j", "ǀ": "l", "ℓ": "l",
    "ᴏ": "o", "ꓳ": "O", "ꓚ": "C", "ꓑ": "P", "ꓔ": "T", "ꓮ": "A", "ꓰ": "E",
    # dashes and minus signs
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-", "﹘": "-", "﹣": "-", "⁃": "-",
}
_TABLE = str.maketrans(_LATIN)
_SPACES = re.compile(r"\s+")


def skeleton(text: str) -> str:
    """What `text` looks like: equal for ＧＰＴ-5.5, GРТ-5.5 (Cyrillic) and GPT-5.5, and for gpt-4o and GPT-40."""
    folded = text
    if not text.isascii():  # NFKC leaves ASCII as it is, and no ASCII character is a format (Cf) character
        folded = unicodedata.normalize("NFKC", text)
        folded = "".join(ch for ch in folded if unicodedata.category(ch) != "Cf")
    folded = folded.translate(_TABLE).casefold().replace("rn", "m")
    return _SPACES.sub(" ", folded).strip()


MAX_MARKS = 2
"""Combining marks one character may carry. Written languages stack at most two (Vietnamese ệ is e with a
circumflex and a dot below); more is 'Zalgo' text, which draws over the lines around it."""


def stacked_marks(text: str) -> int:
    """The most combining marks any one character of `text` carries (after NFD, so precomposed letters count too)."""
    if text.isascii():  # no ASCII character is a combining mark; most names and notes are ASCII
        return 0
    most = run = 0
    for ch in unicodedata.normalize("NFD", text):
        run = run + 1 if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me") else 0
        most = max(most, run)
    return most
