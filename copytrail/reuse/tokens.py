"""Words of any script, normalised for matching, with exact character offsets.

A token is a run of word characters (letters, digits, combining marks, the Persian zero-width
non-joiner and the Arabic tatweel) — except in scripts written without spaces (CJK, Thai, Lao,
Khmer, Myanmar), where every character is a token, so n-grams over them are character n-grams.
Offsets always index the *original* text: ``text[start:end]`` is the token as printed, while
matching uses a normalised form (case-folded, accents and Arabic diacritics removed, Arabic/Persian
letter variants and digits unified) hashed to 64 bits.

>>> t = tokenize("Le Président a dit: ۱۲ «كتاب» — 東京都")
>>> [w for w, _, _ in t.words()]
['Le', 'Président', 'a', 'dit', '۱۲', 'كتاب', '東', '京', '都']
>>> normalize("Président"), normalize("۱۲"), normalize("كتاب") == normalize("کتاب")
('president', '12', True)
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Scripts without spaces between words: each character is a token.
_NOSPACE = (
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"  # Thai, Lao, Myanmar, Khmer
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana, CJK ideographs
    "\U00020000-\U0002fa1f"
)
# Combining marks and joiners that belong inside a word although `\w` does not match them
# (Arabic harakat would otherwise cut "كَتَبَ" into letters, ZWNJ would split Persian words).
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7" \
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed" \
    "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\u0981-\u0983\u09bc-\u09d7" \
    "\u200c\u200d\u0640"
_TOKEN = re.compile(rf"[{_NOSPACE}]|(?:(?![{_NOSPACE}])[\w{_MARKS}])+")

# Arabic/Persian letter variants that writers and keyboards use interchangeably.
_LETTERS = str.maketrans(
    {
        "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "آ": "ا",
        "ٱ": "ا", "ؤ": "و", "ـ": None, "\u200c": None, "\u200d": None,
    }
)


@lru_cache(maxsize=1 << 18)
def normalize(word: str) -> str:
    """Matching form of a word: NFKC, case-folded, marks dropped, variants and digits unified."""
    s = unicodedata.normalize("NFKD", word.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = unicodedata.normalize("NFKC", s).translate(_LETTERS)
    if not s.isascii():
        s = "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in s)
    return s


@lru_cache(maxsize=1 << 20)
def word_hash(word: str) -> int:
    """Unsigned 64-bit hash of the normalised word (stable across runs and machines)."""
    digest = hashlib.blake2b(normalize(word).encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(digest.digest(), "little")


@dataclass(frozen=True, slots=True)
class Tokens:
    """Tokens of one text: ``text[starts[i]:ends[i]]`` is token ``i``; ``hashes`` are uint64."""

    text: str
    starts: np.ndarray
    ends: np.ndarray
    hashes: np.ndarray

    def __len__(self) -> int:
        return int(self.starts.shape[0])

    def words(self) -> list[tuple[str, int, int]]:
        """(word as printed, start, end) of every token."""
        return [(self.text[s:e], int(s), int(e)) for s, e in zip(self.starts, self.ends, strict=True)]

    def char_span(self, first: int, stop: int) -> tuple[int, int]:
        """Character span of tokens ``first .. stop-1``."""
        return int(self.starts[first]), int(self.ends[stop - 1])


def tokenize(text: str) -> Tokens:
    """Tokens of ``text`` with exact offsets and normalised hashes.

    >>> t = tokenize("One  two,three")
    >>> [text for text, _, _ in t.words()], t.char_span(1, 3)
    (['One', 'two', 'three'], (5, 14))
    """
    starts: list[int] = []
    ends: list[int] = []
    hashes: list[int] = []
    for m in _TOKEN.finditer(text):
        w = m.group()
        # A run made only of joiners/marks (stray ZWNJ, lone tatweel) carries no word.
        if not normalize(w):
            continue
        starts.append(m.start())
        ends.append(m.end())
        hashes.append(word_hash(w))
    return Tokens(
        text,
        np.asarray(starts, dtype=np.int64),
        np.asarray(ends, dtype=np.int64),
        np.asarray(hashes, dtype=np.uint64),
    )
