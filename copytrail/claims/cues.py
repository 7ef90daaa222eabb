"""Attribution cues: the reporting verbs and phrases that introduce what someone said or thinks.

Cues are matched on word forms, so no tagger is needed. Each lemma is expanded to its
inflections; ``STRONG`` cues (say, tell, add, according to ...) are attributions wherever a
subject or an inverted speaker is found, ``WEAK`` cues (believe, show, want ...) only when a
subject sits right before them and a clause or object follows.

>>> cue_lemma("told"), cue_lemma("warning"), cue_lemma("believes"), cue_lemma("table")
('tell', 'warn', 'believe', None)
>>> is_strong("said"), is_strong("believes")
(True, False)
"""

from __future__ import annotations

from copytrail.claims.lexicon import cue_words, learned_cues, unreliable_cues

# The verb lists are data (``data/cues_en.json``); this module expands them to word forms.
_LISTS = cue_words()
_IRREGULAR: dict[str, list[str]] = _LISTS["irregular"]
# Speech and writing: a found subject makes these attributions.
STRONG_LEMMAS: list[str] = _LISTS["strong"]
# Belief, evidence and intention: attributions only with a subject right before them.
WEAK_LEMMAS: list[str] = _LISTS["weak"]

_PARTICLES = {"point_out": ("point", "out")}


def _forms(lemma: str) -> list[str]:
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("e"):
        return [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith(("sh", "ch", "ss", "x")):
        return [lemma, lemma + "es", lemma + "ed", lemma + "ing"]
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    return [lemma, lemma + "s", lemma + "ed", lemma + "ing"]


def _table(lemmas: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for lemma in lemmas:
        if "_" in lemma:
            continue
        for f in _forms(lemma):
            out.setdefault(f, lemma)
    return out


STRONG = _table(STRONG_LEMMAS)
# Weak forms whose frames on annotated news rarely had a real source are left out.
WEAK = {f: lem for f, lem in _table(WEAK_LEMMAS).items() if f not in STRONG and f not in unreliable_cues()}
# Stance verbs learned from annotated news (:mod:`copytrail.claims.lexicon`); each form is its
# own lemma and, like a weak cue, needs a subject right before it and a clause or object after.
LEARNED = {w: w for w in sorted(learned_cues()) if w not in STRONG and w not in WEAK}
# Word forms that are far more often nouns or adjectives than reporting verbs.
AMBIGUOUS: frozenset[str] = _LISTS["ambiguous"]
# Cues that take the addressee as object before the content ("told reporters that ...").
OBJECT_CUES: frozenset[str] = _LISTS["object_cues"]


def cue_lemma(word: str) -> str | None:
    """Lemma of a cue word form (lower-cased), or None when ``word`` is no cue."""
    w = word.lower()
    return STRONG.get(w) or WEAK.get(w) or LEARNED.get(w)


def is_strong(word: str) -> bool:
    """True when ``word`` is a speech/writing cue (not a belief or evidence cue)."""
    return word.lower() in STRONG
