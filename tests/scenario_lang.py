"""Invented vocabulary and sentence grammars for the scenario suite, one data file per language.

The phrase lists live in ``scenario_data/<lang>.json`` (en, fa, ar, ru); every one was written
for copytrail's ground-truth scenarios (:mod:`scenariogen`), and the place, organisation and
person names are invented. A :class:`Grammar` turns a seeded
``random.Random`` and a topic into varied sentences, so that unrelated articles on the same
topic share names and nouns but not runs of words.

>>> import random
>>> g = GRAMMARS["en"]
>>> topic = g.topic(random.Random(1))
>>> s = g.sentence(random.Random(2), topic)
>>> s[0].isupper() and s.endswith(".")
True
>>> fa = GRAMMARS["fa"].sentence(random.Random(3), GRAMMARS["fa"].topic(random.Random(3)))
>>> fa.endswith(".") and any("\\u0600" <= c <= "\\u06ff" for c in fa)
True
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "scenario_data"

# Digits of each script, for figures written the way a site of that language writes them.
DIGITS = {
    "latin": "0123456789",
    "persian": "۰۱۲۳۴۵۶۷۸۹",
    "arabic": "٠١٢٣٤٥٦٧٨٩",
}


def format_number(n: int, lang: str, digits: str = "latin") -> str:
    """``n`` with the thousands separator a writer of ``lang`` uses, in the given digits.

    >>> format_number(20000, "en"), format_number(2000, "ru"), format_number(1200, "fa", "persian")
    ('20,000', '2 000', '۱٬۲۰۰')
    """
    sep = {"en": ",", "ru": " ", "fa": "٬", "ar": ","}[lang]
    if digits == "arabic":
        sep = "٬"
    s = f"{n:,}".replace(",", sep)
    table = DIGITS[digits]
    return "".join(table[int(c)] if c.isdigit() else c for c in s)


@dataclass(frozen=True)
class Topic:
    """What a story is about: a place, an organisation, a thing, a person (names invented)."""

    place: str
    org: str
    thing: str
    person: str


class _Draw(dict):  # type: ignore[type-arg]
    """Template slots: every occurrence of a slot draws afresh (``{obj} and {obj}`` differ)."""

    def __init__(self, g: Grammar, rng: random.Random, topic: Topic, fixed: dict[str, str]) -> None:
        super().__init__()
        self.g, self.rng, self.topic, self.fixed = g, rng, topic, fixed

    def __missing__(self, key: str) -> str:
        if key in self.fixed:
            return self.fixed[key]
        if key in self.g.lex:
            return self.rng.choice(self.g.lex[key])
        if key in ("place", "org", "thing", "person"):
            keep = getattr(self.topic, key)
            return keep if self.rng.random() < 0.5 else self.rng.choice(getattr(self.g, key + "s"))
        return self.rng.choice(getattr(self.g, key + "s" if key != "adv" else "adverbials"))


@dataclass(frozen=True)
class Grammar:
    """Phrase lists of one language and the sentence patterns that combine them.

    Patterns use the topic slots ``{place} {org} {thing} {person}`` and the phrase slots
    ``{subj} {verb} {obj} {adv} {speaker} {extra}``; each occurrence draws afresh, and the
    fixed words between slots are few, so independent sentences rarely share long runs of words
    (unrelated articles on one topic share names and nouns, not passages). ``figures`` have a
    ``{n}`` slot.
    """

    lang: str
    places: tuple[str, ...]
    orgs: tuple[str, ...]
    things: tuple[str, ...]
    persons: tuple[str, ...]
    subjs: tuple[str, ...]
    verbs: tuple[str, ...]
    objs: tuple[str, ...]
    adverbials: tuple[str, ...]
    speakers: tuple[str, ...]
    extras: tuple[str, ...]
    patterns: tuple[str, ...]
    figures: tuple[str, ...]
    credits: tuple[str, ...]  # "{src}" is the credited site or agency
    lead_ins: tuple[str, ...]  # start of a sentence that embeds a copied passage
    tails: tuple[str, ...]  # end of that sentence, after the passage
    disclaimers: tuple[str, ...]
    titles: tuple[str, ...]
    lex: dict[str, tuple[str, ...]] = field(
        default_factory=dict
    )  # further slots: {adj}, {noun} ...
    digits: tuple[str, ...] = ("latin",)
    end: str = "."
    variants: dict[str, str] = field(default_factory=dict)

    def topic(self, rng: random.Random) -> Topic:
        return Topic(
            rng.choice(self.places),
            rng.choice(self.orgs),
            rng.choice(self.things),
            rng.choice(self.persons),
        )

    def fill(self, template: str, rng: random.Random, topic: Topic, **fixed: str) -> str:
        """``template`` with its slots drawn; drawn phrases may hold topic slots, filled next."""
        out = template
        for _ in range(6):  # drawn phrases hold slots of their own, a few levels deep
            if "{" not in out:
                break
            out = out.format_map(_Draw(self, rng, topic, fixed))
        return " ".join(out.split())

    def _finish(self, s: str) -> str:
        if self.lang in ("en", "ru"):
            s = s[0].upper() + s[1:]
        return s + self.end

    def sentence(self, rng: random.Random, topic: Topic) -> str:
        return self._finish(self.fill(rng.choice(self.patterns), rng, topic))

    def paragraph(
        self, rng: random.Random, topic: Topic, sentences: tuple[int, int] = (2, 4)
    ) -> str:
        return " ".join(self.sentence(rng, topic) for _ in range(rng.randint(*sentences)))

    def figure_sentence(self, rng: random.Random, topic: Topic, value: int, digits: str) -> str:
        n = format_number(value, self.lang, digits)
        return self._finish(self.fill(rng.choice(self.figures), rng, topic, n=n))

    def title(self, rng: random.Random, topic: Topic) -> str:
        t = self.fill(rng.choice(self.titles), rng, topic)
        return t[0].upper() + t[1:] if self.lang in ("en", "ru") else t


def load_grammar(lang: str) -> Grammar:
    """The grammar of ``lang`` from ``scenario_data/<lang>.json`` (lists become tuples)."""
    raw = json.loads((DATA / f"{lang}.json").read_text(encoding="utf-8"))
    lex = {k: tuple(v) for k, v in raw.pop("lex").items()}
    fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
    return Grammar(lex=lex, **fields)


GRAMMARS: dict[str, Grammar] = {lang: load_grammar(lang) for lang in ("en", "fa", "ar", "ru")}


def persian_variant(text: str, mode: str) -> str:
    """A Persian reprint as another site types it: Arabic yeh/kaf, or ZWNJ as a space.

    >>> persian_variant("می‌شود کتاب", "arabic-letters") == "مي‌شود كتاب"
    True
    >>> persian_variant("می‌شود", "no-zwnj")
    'می شود'
    """
    if mode == "arabic-letters":
        table: dict[str, str | int | None] = dict(GRAMMARS["fa"].variants)
        return text.translate(str.maketrans(table))
    if mode == "no-zwnj":
        return text.replace("\u200c", " ")
    return text
