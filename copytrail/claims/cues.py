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

from copytrail.claims.lexicon import learned_cues, unreliable_cues

_IRREGULAR = {
    "say": ["say", "says", "said", "saying"],
    "tell": ["tell", "tells", "told", "telling"],
    "write": ["write", "writes", "wrote", "written", "writing"],
    "think": ["think", "thinks", "thought", "thinking"],
    "find": ["find", "finds", "found", "finding"],
    "show": ["show", "shows", "showed", "shown", "showing"],
    "feel": ["feel", "feels", "felt", "feeling"],
    "speak": ["speak", "speaks", "spoke", "spoken", "speaking"],
    "know": ["know", "knows", "knew", "known", "knowing"],
    "tweet": ["tweet", "tweets", "tweeted", "tweeting"],
    "predict": ["predict", "predicts", "predicted", "predicting"],
    "admit": ["admit", "admits", "admitted", "admitting"],
    "quip": ["quip", "quips", "quipped", "quipping"],
    "retort": ["retort", "retorts", "retorted", "retorting"],
    "rebut": ["rebut", "rebuts", "rebutted", "rebutting"],
    "see": ["see", "sees", "saw", "seen", "seeing"],
    "hear": ["hear", "hears", "heard", "hearing"],
    "read": ["read", "reads", "reading"],
    "forecast": ["forecast", "forecasts", "forecasting"],
    "lie": ["lie", "lies", "lied", "lying"],
    "testify": ["testify", "testifies", "testified", "testifying"],
    "reply": ["reply", "replies", "replied", "replying"],
    "deny": ["deny", "denies", "denied", "denying"],
    "worry": ["worry", "worries", "worried", "worrying"],
    "imply": ["imply", "implies", "implied", "implying"],
    "signify": ["signify", "signifies", "signified"],
    "clarify": ["clarify", "clarifies", "clarified", "clarifying"],
    "cry": ["cry", "cries", "cried"],
    "rule": ["rule", "rules", "ruled", "ruling"],
    "plan": ["plan", "plans", "planned", "planning"],
    "chant": ["chant", "chants", "chanted", "chanting"],
}

# Speech and writing: a found subject makes these attributions.
STRONG_LEMMAS = """say tell add note write claim argue warn explain insist suggest state declare
acknowledge admit ask answer reply respond recall confirm deny predict promise pledge vow
announce report tweet post stress emphasize emphasise contend maintain assert allege charge
complain concede conclude joke quip retort remark observe comment reiterate repeat
testify caution urge demand propose recommend mention point_out add_that counter rebut lament
boast brag chant cry shout scream exclaim declare_that describe call explain_that predict
estimate cite announce recount reveal disclose indicate tweet_that speculate guess grumble
mutter whisper yell agree disagree object protest question wonder muse point echo retaliate
plead""".split()

# Belief, evidence and intention: attributions only with a subject right before them.
WEAK_LEMMAS = """believe think feel hope fear worry expect want know learn find show suggest
indicate reveal conclude estimate project forecast figure reckon doubt assume understand
accuse blame criticize criticise praise attack slam blast hit dismiss defend endorse support
oppose reject plan intend seek decide refuse decline pledge threaten vow see hear read
consider regard view continue thank express discuss prefer back celebrate label brand dub challenge
blast mock slam question dispute reject welcome applaud condemn denounce""".split()

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
AMBIGUOUS = frozenset(
    """report reports post posts answer answers call calls charge charges comment comments
    plan plans reading estimate estimates support hit view views question questions object
    objects project projects figure figures remark remarks find finding read known cry
    post protest protests repeat promise promises guess continue continuing record""".split()
)
# Cues that take the addressee as object before the content ("told reporters that ...").
OBJECT_CUES = frozenset({"tell", "warn", "urge", "ask", "remind", "assure", "inform", "caution", "promise"})


def cue_lemma(word: str) -> str | None:
    """Lemma of a cue word form (lower-cased), or None when ``word`` is no cue."""
    w = word.lower()
    return STRONG.get(w) or WEAK.get(w) or LEARNED.get(w)


def is_strong(word: str) -> bool:
    """True when ``word`` is a speech/writing cue (not a belief or evidence cue)."""
    return word.lower() in STRONG
