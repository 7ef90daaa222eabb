"""Regular expressions built from word lists.

Python's ``re`` tries each branch of ``one|two|three|...`` in turn at every position, so a
long word alternation costs its length at every letter of the text. :func:`word_trie` writes
the same alternation as a prefix tree (``t(?:en|hree|wo)``), so a position that starts no
listed word fails after one or two letters.

>>> word_trie(["ten", "two", "three", "twelve"])
't(?:en|hree|w(?:elve|o))'
>>> import re
>>> re.findall(r"\\b" + word_trie(["one", "on", "onto"]) + r"\\b", "go on onto one")
['on', 'onto', 'one']
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def word_trie(words: Iterable[str]) -> str:
    """A regex (no groups) matching exactly ``words``; a longer word wins over its prefix."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _pattern(tree)


def _pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _pattern(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    # The word may end here: the longer words are tried first (greedy ``?``).
    if len(branches) == 1 and len(branches[0]) == 1:
        return body + "?"
    return body + "?" if body.startswith("(?:") else "(?:" + body + ")?"
