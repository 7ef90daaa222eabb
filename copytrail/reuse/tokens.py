"""Words of any script, normalised for matching, with exact character offsets.

A token is a run of word characters (letters, digits, combining marks, the zero-width joiner
and the Arabic tatweel) — except in scripts written without spaces (CJK, Thai, Lao, Khmer,
Myanmar), where every character is a token, so n-grams over them are character n-grams. The
Persian zero-width non-joiner (ZWNJ) ends a token: sites that lack it type a space instead
("می شود" for "می‌شود"), and both must give the same words to match.
Offsets always index the *original* text: ``text[start:end]`` is the token as printed, while
matching uses a normalised form (case-folded, accents and Arabic diacritics removed, Arabic/Persian
letter variants and digits unified) hashed to 64 bits.

>>> t = tokenize("Le Président a dit: ۱۲ «كتاب» — 東京都")
>>> [w for w, _, _ in t.words()]
['Le', 'Président', 'a', 'dit', '۱۲', 'كتاب', '東', '京', '都']
>>> normalize("Président"), normalize("۱۲"), normalize("كتاب") == normalize("کتاب")
('president', '12', True)
>>> tokenize("می\u200cشود").hashes.tolist() == tokenize("مي شود").hashes.tolist()
True
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from copytrail.reuse.jit import njit

# Scripts without spaces between words: each character is a token.
_NOSPACE = (
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"  # Thai, Lao, Myanmar, Khmer
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana, CJK ideographs
    "\U00020000-\U0002fa1f"
)
# Combining marks and joiners that belong inside a word although `\w` does not match them
# (Arabic harakat would otherwise cut "كَتَبَ" into letters). The ZWNJ is not one of them.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\u0981-\u0983\u09bc-\u09d7"
    "\u200d\u0640"
)

# Arabic/Persian letter variants that writers and keyboards use interchangeably.
# fmt: off
_LETTERS = str.maketrans(
    {
        "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "آ": "ا",
        "ٱ": "ا", "ؤ": "و", "ـ": None, "\u200c": None, "\u200d": None,
    }
)
# fmt: on


@lru_cache(maxsize=1 << 18)
def normalize(word: str) -> str:
    """Matching form of a word: NFKC, case-folded, marks dropped, variants and digits unified."""
    s = unicodedata.normalize("NFKD", word.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = unicodedata.normalize("NFKC", s).translate(_LETTERS)
    if not s.isascii():
        s = "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in s)
    return s


class _SameLength(dict[int, str]):
    """Translation table filled on first sight of each code point (see fold_same_length)."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        n = normalize(c)
        if len(n) != 1:
            low = c.lower()
            n = low if len(low) == 1 else c
        self[code] = n
        return n


_SAME_LENGTH = _SameLength()


def fold_same_length(text: str) -> str:
    """:func:`normalize` one character for one, so offsets in the result are the text's.

    Each character takes its matching form when that is one character (case, accents, Arabic/
    Persian letter variants, digits); the ones that would vanish or expand (ZWNJ, tatweel,
    diacritics, ligatures, "ß") stay as they are. For readers that need the original offsets.

    >>> fold_same_length("ميليون ك۱۲ Ёлка") == "میلیون ک12 елка"
    True
    """
    if text.isascii():
        return text.lower()
    return text.translate(_SAME_LENGTH)


# Character tables over the code points below _TABLE_SIZE (all scripts in use; above it only
# rare CJK extensions, treated as no-space characters): class 0 = separator, 1 = word
# character, 2 = a token by itself (no-space scripts); NORM1/NORM2 = the character's matching
# form (up to two code points, 0 = none: marks, joiners and tatweel vanish inside a word).
_TABLE_SIZE = 0x30000
# Prefix length of the crude stem used to compare sentences ("governments" ~ "government"):
# language-independent, no stemmer data needed.
_STEM = 5
_TABLES: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None


def _cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copytrail" / f"tokens-v2-unicode{unicodedata.unidata_version}.npz"


def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The character tables: built once (about two seconds), then loaded from a cache file."""
    global _TABLES
    if _TABLES is None:
        path = _cache_file()
        with contextlib.suppress(OSError, ValueError, KeyError):
            with np.load(path) as z:
                _TABLES = (z["cls"], z["n1"], z["n2"])
                return _TABLES
        cls = np.zeros(_TABLE_SIZE, np.uint8)
        n1 = np.zeros(_TABLE_SIZE, np.uint32)
        n2 = np.zeros(_TABLE_SIZE, np.uint32)
        nospace = re.compile(f"[{_NOSPACE}]")
        word = re.compile(rf"[\w{_MARKS}]")
        for cp in range(_TABLE_SIZE):
            c = chr(cp)
            if nospace.match(c):
                cls[cp] = 2
            elif word.match(c):
                cls[cp] = 1
            else:
                continue
            f = normalize(c) if not 0xD800 <= cp < 0xE000 else c
            if f:
                n1[cp] = ord(f[0])
                if len(f) > 1:
                    n2[cp] = ord(f[1])
        _TABLES = (cls, n1, n2)
        with contextlib.suppress(OSError):  # a read-only home only costs the rebuild
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
            np.savez(tmp, cls=cls, n1=n1, n2=n2)
            os.replace(tmp, path)
    return _TABLES


@njit(cache=True)
def _scan(cps, cls, n1, n2):  # type: ignore[no-untyped-def]
    """Token starts, ends and FNV-1a hashes of the normalised characters, with a final mix."""
    n = cps.shape[0]
    starts = np.empty(n, np.int64)
    ends = np.empty(n, np.int64)
    hashes = np.empty(n, np.uint64)
    stems = np.empty(n, np.uint64)
    k = 0
    i = 0
    size = cls.shape[0]
    while i < n:
        c = cps[i]
        kind = cls[c] if c < size else 2
        if kind == 0:
            i += 1
            continue
        j = i + 1
        if kind == 1:
            while j < n and cps[j] < size and cls[cps[j]] == 1:
                j += 1
        h = np.uint64(0xCBF29CE484222325)
        stem = h
        chars = 0
        for q in range(i, j):
            c = cps[q]
            a = n1[c] if c < size else c
            if a != 0:
                h = (h ^ np.uint64(a)) * np.uint64(0x100000001B3)
                chars += 1
                b = n2[c] if c < size else 0
                if b != 0:
                    h = (h ^ np.uint64(b)) * np.uint64(0x100000001B3)
                if chars <= _STEM:
                    stem = h
        if chars > 0:  # a run of marks or joiners alone carries no word
            starts[k] = i
            ends[k] = j
            hashes[k] = _mix(h)
            stems[k] = _mix(stem)
            k += 1
        i = j
    return starts[:k], ends[:k], hashes[:k], stems[:k]


@njit(cache=True)
def _mix(h):  # type: ignore[no-untyped-def]
    h = h ^ (h >> np.uint64(30))
    h = h * np.uint64(0xBF58476D1CE4E5B9)
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def word_hash(word: str) -> int:
    """Unsigned 64-bit hash of a word's matching form (stable across runs and machines).

    >>> word_hash("Président") == word_hash("PRESIDENT")
    True
    """
    t = tokenize(word)
    return int(t.hashes[0]) if len(t) else 0


@dataclass(frozen=True, slots=True)
class Tokens:
    """Tokens of one text: ``text[starts[i]:ends[i]]`` is token ``i``.

    ``hashes`` (uint64) identify the normalised word; ``stems`` its first five normalised
    characters (used by the sentence-similarity pass).
    """

    text: str
    starts: np.ndarray
    ends: np.ndarray
    hashes: np.ndarray
    stems: np.ndarray

    def __len__(self) -> int:
        return int(self.starts.shape[0])

    def words(self) -> list[tuple[str, int, int]]:
        """(word as printed, start, end) of every token."""
        return [
            (self.text[s:e], int(s), int(e)) for s, e in zip(self.starts, self.ends, strict=True)
        ]

    def char_span(self, first: int, stop: int) -> tuple[int, int]:
        """Character span of tokens ``first .. stop-1``."""
        return int(self.starts[first]), int(self.ends[stop - 1])


def tokenize(text: str) -> Tokens:
    """Tokens of ``text`` with exact offsets and normalised hashes.

    >>> t = tokenize("One  two,three")
    >>> [text for text, _, _ in t.words()], t.char_span(1, 3)
    (['One', 'two', 'three'], (5, 14))
    """
    cls, n1, n2 = _tables()
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    starts, ends, hashes, stems = _scan(cps, cls, n1, n2)
    return Tokens(text, starts, ends, hashes, stems)
