"""Series detection from titles: "Who are the X? Part 12" → ("Who are the X?", 12).

Reused material is often published as numbered series; grouping parts lets a report show that
a whole series was copied, not just one page.

>>> series_of("Who are the X? Part 12")
('Who are the X?', 12)
>>> series_of("The long con (Part II)")
('The long con', 2)
>>> series_of("Part 3 of 5: Money trails")
('Money trails', 3)
>>> series_of("A party for everyone") is None
True
"""

from __future__ import annotations

import re

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "first": 1, "second": 2, "third": 3,
    "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_NUM = r"(?P<n>\d{1,3}|[IVXLC]{1,7}\b|" + "|".join(_WORDS) + r")"
_PART = (
    r"\b(?:part|pt\.?|teil|partie|parte|episode|chapter)\s*" + _NUM + r"(?:\s*(?:of|/)\s*\d{1,3})?"
)
# "Name: Part 3", "Name – Part 3 of 5", "Name (Part II)", "Name, pt. 2"
_TRAILING = re.compile(r"^(?P<name>.+?)[\s,:;.\-–—|(\[]*" + _PART + r"[\s)\].!:]*$", re.IGNORECASE)
# "Part 3: Name", "Part 3 of 5 – Name"
_LEADING = re.compile(r"^\s*[(\[]?" + _PART + r"[)\]]?\s*[:\-–—|.]\s*(?P<name>.+)$", re.IGNORECASE)


def _number(token: str) -> int | None:
    t = token.lower().rstrip(".")
    if t.isdigit():
        return int(t)
    if t in _WORDS:
        return _WORDS[t]
    if t and all(c in _ROMAN for c in t):
        total = 0
        for i, c in enumerate(t):
            v = _ROMAN[c]
            total += -v if i + 1 < len(t) and _ROMAN[t[i + 1]] > v else v
        return total if total > 0 else None
    return None


def series_of(title: str | None) -> tuple[str, int] | None:
    """(series name, part number) when the title names a part of a series, else None."""
    if not title:
        return None
    for pattern in (_TRAILING, _LEADING):
        m = pattern.match(title.strip())
        if not m:
            continue
        n = _number(m.group("n"))
        name = m.group("name").strip(" \t,:;-–—|([")
        if n is not None and n > 0 and name:
            return name, n
    return None
