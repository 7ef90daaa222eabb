"""One language's quote knowledge as loaded from ``claims/data/quotes_<lang>.json``, compiled:
every phrase list a regex over the folded text (see :mod:`copytrail.claims.quotes_lang`).

>>> bool(lexicon("fa").verbs.search(fold("وی گفت", "fa")))
True
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from copytrail.claims.quotes_lang_roles import RoleLexicon, role_lexicon
from copytrail.reuse.tokens import fold_same_length

LANGUAGES = ("fa", "ar", "ru")


@dataclass(frozen=True)
class QuoteLexicon:
    """One language's data file, compiled: every phrase a regex over the folded text."""

    lang: str
    marks: tuple[tuple[str, str], ...]
    dash_speech: bool
    subject_order: tuple[str, ...]
    verbs: re.Pattern[str]
    bare_verbs: frozenset[str]
    complementisers: re.Pattern[str]
    according: re.Pattern[str]
    titles: frozenset[str]
    pronouns: frozenset[str]
    lead: re.Pattern[str]
    cut: frozenset[str]
    roles: RoleLexicon


def fold(text: str, lang: str) -> str:
    """The matching form of ``text``, one character for one: the reuse stage's letter folds.

    Data phrases and article text meet in this form for every language (ي/ی, ك/ک, ة/ه, alef
    forms, case, ё/е), and offsets in it are the text's.

    >>> fold("وزير الخارجية", "ar") == fold("وزیر الخارجیة", "fa")
    True
    """
    return fold_same_length(text)


def _length(phrase: str) -> tuple[int, bool]:
    return len(phrase.rstrip("+")), not phrase.endswith("+")


def _alternation(phrases: list[str], lang: str, prefixes: list[str]) -> re.Pattern[str]:
    """One regex for a phrase list: longest first, a space also matching ZWNJ, word-bounded.

    A phrase ending in '+' has its next word glued on (Arabic "وفقا ل+" matches "وفقا لوزارة");
    a prefix (Arabic و/ف) may be glued before the first word.
    """
    parts = []
    # Longest first; at equal length the unglued spelling ("وفقا لـ" before "وفقا ل+").
    for phrase in sorted({fold(p, lang) for p in phrases}, key=_length, reverse=True):
        glued = phrase.endswith("+")
        words = phrase.rstrip("+").split()
        body = r"[\s\u200c]+".join(re.escape(w) for w in words)
        parts.append(body if glued else body + r"(?![\w\u200c])")
    pre = "(?:" + "|".join(re.escape(fold(p, lang)) for p in prefixes) + ")?" if prefixes else ""
    return re.compile(rf"(?<![\w\u200c]){pre}(?:{'|'.join(parts)})")


@cache
def lexicon(lang: str) -> QuoteLexicon:
    """The compiled data of ``lang`` (one of :data:`LANGUAGES`).

    >>> lexicon("ru").subject_order, "وی" in lexicon("fa").pronouns
    (('before', 'after'), True)
    """
    if lang not in LANGUAGES:
        raise ValueError(f"no quote data for language {lang!r}")
    path = resources.files("copytrail.claims").joinpath(f"data/quotes_{lang}.json")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    pre = data.get("word_prefixes", [])
    titles = frozenset(fold(w, lang) for w in data["titles"])
    return QuoteLexicon(
        lang=lang,
        marks=tuple((o, c) for o, c in data["quote_marks"]),
        dash_speech=bool(data.get("dash_speech")),
        subject_order=tuple(data["subject_order"]),
        verbs=_alternation(data["verbs"], lang, pre),
        bare_verbs=frozenset(fold(v, lang) for v in data.get("bare_content_verbs", [])),
        complementisers=_alternation(data["complementisers"], lang, []),
        according=_alternation(data["according_to"], lang, pre),
        titles=titles,
        pronouns=frozenset(fold(w, lang) for w in data["pronouns"]),
        lead=_alternation(data["lead_words"], lang, []),
        cut=frozenset(fold(w, lang) for w in data["cut_words"]),
        roles=role_lexicon(data, titles, lambda w: fold(w, lang)),
    )
