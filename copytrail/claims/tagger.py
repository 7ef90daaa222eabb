"""A learned sequence labeller for attribution sources and cues, on top of the cue rules.

The rule cascade (:mod:`copytrail.claims.frames`) finds speech verbs well but misses what news
annotators also count as attributions: one-off stance verbs, nominal cues ("Trump's claim
that"), nested and relative subjects. A linear-chain CRF tags every token of a sentence as
``B-S``/``I-S`` (source), ``B-C``/``I-C`` (cue) or ``O``. Its features
(:mod:`copytrail.claims.tagger_features`) are the word and its neighbours (±3), the word's
shape and suffix, its cue-list class, whether it sits in a quote, and -- most useful -- what
the rule path already found there (source, cue, content). The model is trained with
``python-crfsuite`` on the PolNeAR *train* split by ``benchmarks/polnear_train.py`` and ships
as ``data/attribution_tagger.crfsuite`` (feature weights over single words and flags, no corpus
text); it is read lazily, offline, by :mod:`copytrail.claims.crf`, which tags all sentences of
an article in one pass from scores summed once per word form (``python-crfsuite`` is needed
to train, not to tag). When the file is missing, :func:`relabel` returns the rule frames
unchanged.

With a spaCy pipeline a second model is used, ``data/attribution_tagger_parsed.crfsuite``,
trained the same way (``polnear_train.py --spacy MODEL``) on features that add the dependency
parse (:func:`parse_features`: the arc from a word up to its governing verb, that verb's lemma
and cue class, whether it takes a clause). A model reads only the features it was trained on,
so without that file a parse falls back to the plain model and no parse features.

How the tags change the frames (:func:`relabel`): a rule source the tagger also marks takes
the tagger's span; a speech-verb source ("said", "told") is always kept; any other rule source
the tagger does not mark is dropped (its frame stays, without a source) unless one of its
tokens has at least :data:`KEEP` probability of being a source. A tagged source no rule frame
has (mean probability at least :data:`NEW`) becomes a new frame: its cue is the first tagged
cue after it in the sentence -- or, for an inverted "…, said X", the speech verb before it --
and its content the rest of the sentence after that cue (before it, when inverted); without a
cue it is left out.

>>> t = "Officials insisted on Monday."
>>> toks = tokens(t, 0, len(t))
>>> feats = token_features(t, toks, RuleMarks.empty(len(toks)))
>>> "w=insisted" in feats[1] and "cue=S" in feats[1]
True
>>> current_model() is None or tag_sentence(current_model(), feats)[:2] == ["B-S", "B-C"]
True
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from copytrail.claims.crf import LinearChain, decode, marginals, read_model, viterbi
from copytrail.claims.cues import STRONG
from copytrail.claims.frames import Frame
from copytrail.claims.quotes import Quote
from copytrail.claims.subjects import Tok, tokens
from copytrail.claims.tagger_features import (
    RuleMarks,
    article_scores,
    article_speakers,
    parse_features,
    rule_marks,
    token_features,
    token_labels,
)

MODEL = Path(__file__).resolve().parent / "data" / "attribution_tagger.crfsuite"
# The same tagger trained with dependency-parse features, used when a spaCy pipeline is given.
PARSED_MODEL = Path(__file__).resolve().parent / "data" / "attribution_tagger_parsed.crfsuite"
LABELS = ("O", "B-S", "I-S", "B-C", "I-C")
# A rule source the tagger does not tag is kept when one of its tokens still has this
# probability of being a source (held-out tenth of train, source F1 with two trial models:
# keep all 0.754 / 0.764, 0.05 -> 0.761 / 0.772, 0.2 -> 0.752 / 0.773, drop all 0.739 / 0.758).
KEEP = 0.05
# A source only the tagger finds makes a new attribution when its tokens' mean probability of
# being a source reaches this.
NEW = 0.5

# -- the model -----------------------------------------------------------------------------------

_model_path: Path | None = MODEL
_parsed_path: Path | None = PARSED_MODEL


def use_model(path: Path | None, parsed: bool = False) -> None:
    """Tag with the model at ``path`` from now on, or with none (rule path only) when None;
    ``parsed`` sets the model used with a spaCy parse instead of the plain one.

    Benchmarks and the training script switch models with this; the claims stage uses the
    shipped defaults.
    """
    global _model_path, _parsed_path
    if parsed:
        _parsed_path = path
    else:
        _model_path = path
    _load.cache_clear()


@lru_cache(maxsize=4)
def _load(path: Path | None) -> LinearChain | None:
    if path is None or not path.is_file():
        return None
    return read_model(path)


def current_model(parsed: bool = False) -> LinearChain | None:
    """The loaded tagger, or None when the learned path is off or unavailable.

    With ``parsed`` the parse-feature model (None when it is not shipped or switched off: the
    caller then tags with the plain model and no parse features, which it was trained on).
    """
    return _load(_parsed_path if parsed else _model_path)


def tag_sentence(model: LinearChain, feats: list[list[str]]) -> list[str]:
    """BIO labels of one sentence given as feature strings (:func:`token_features`)."""
    paths, _ = decode([model.scores(feats)], model.transitions)
    return [model.labels[i] for i in paths[0]]


def _spans(toks: list[Tok], labels: list[str], tag: str) -> list[tuple[int, int]]:
    """Character spans of the ``tag`` runs, without punctuation at their edges."""
    runs: list[list[int]] = []
    for i, lab in enumerate(labels):
        if lab == "B-" + tag or (lab == "I-" + tag and (not runs or runs[-1][-1] != i - 1)):
            runs.append([i])
        elif lab == "I-" + tag:
            runs[-1].append(i)
    out = []
    for run in runs:
        words = [i for i in run if toks[i].text[:1].isalnum()]
        if words:
            out.append((toks[words[0]].start, toks[words[-1]].end))
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass(slots=True)
class _Tagged:
    """One tagged sentence: its tokens, the tagger's source and cue spans, and the sources
    already given to a frame."""

    toks: list[Tok]
    srcs: list[tuple[int, int]]
    cues: list[tuple[int, int]]
    source_prob: np.ndarray | None  # per token, P(inside a source); None when not needed
    used: set[tuple[int, int]]

    def hit(self, source: tuple[int, int]) -> tuple[int, int] | None:
        """The first unused tagged source overlapping ``source``."""
        return next((s for s in self.srcs if _overlaps(s, source) and s not in self.used), None)

    def probabilities(self, span: tuple[int, int]) -> list[float]:
        """Source probability of each token overlapping ``span``."""
        assert self.source_prob is not None, "marginals were not computed for this sentence"
        return [
            float(self.source_prob[i])
            for i, t in enumerate(self.toks)
            if _overlaps((t.start, t.end), span)
        ]


def relabel(
    text: str,
    found: list[Frame],
    outer: list[Quote],
    sentences: list[tuple[int, int]],
    model: LinearChain,
    doc: Any = None,
) -> list[Frame]:
    """Rule frames with sources (and new frames) from the tagger, as the module docstring says.

    Every sentence is tagged, also one with no rule frame, quotation or cue-list word: tagging
    only those that have one was tried and halves the tagger's work, but on PolNeAR dev it
    costs source F1 0.775 -> 0.769 (stance verbs no list knows: "balked at", "hammered").
    A sentence's features read only the rule frames of that sentence, so all sentences are
    scored first and decoded together.
    """
    out = list(found)
    by_sentence: dict[int, list[int]] = {}
    ends = [e for _, e in sentences]
    for k, f in enumerate(out):
        pos = (f.source or f.cue or f.content)[0]
        by_sentence.setdefault(bisect_right(ends, pos), []).append(k)
    todo: list[tuple[int, list[Tok]]] = []
    marked: list[tuple[list[Tok], RuleMarks]] = []
    for si, (s0, s1) in enumerate(sentences):
        toks = tokens(text, s0, s1)
        if toks:
            todo.append((si, toks))
            marked.append(
                (toks, rule_marks(toks, [out[k] for k in by_sentence.get(si, [])], outer))
            )
    scores = article_scores(model, marked, article_speakers(text, found))
    if doc is not None:
        for sc, (_, toks) in zip(scores, todo, strict=True):
            sc += np.stack([model.vector(extra) for extra in parse_features(doc, toks)])
    labelled = [[model.labels[i] for i in p] for p in viterbi(scores, model.transitions)]
    probs = _source_probabilities(
        text, model, scores, labelled, [by_sentence.get(si, []) for si, _ in todo], found
    )
    confirmed: set[int] = set()
    for (si, toks), labels, prob in zip(todo, labelled, probs, strict=True):
        tagged = _Tagged(toks, _spans(toks, labels, "S"), _spans(toks, labels, "C"), prob, set())
        confirmed |= _respan(text, out, by_sentence.get(si, []), tagged)
        out.extend(_new_frames(text, tagged, sentences[si], outer))
    for k, f in enumerate(found):
        if f.source is not None and k not in confirmed and f.cue is not None:
            out[k] = Frame(f.kind, f.content, f.cue, None, f.speaker_hint)
    return out


def _source_probabilities(
    text: str,
    model: LinearChain,
    scores: list[np.ndarray],
    labelled: list[list[str]],
    members: list[list[int]],
    found: list[Frame],
) -> list[np.ndarray | None]:
    """Per sentence, each token's probability of being inside a source -- only for sentences
    where :func:`_respan` or :func:`_new_frames` will read it: a tagged source, or a rule
    source whose cue is no speech verb (the marginals cost as much as the best path)."""
    need = [
        any(lab.endswith("-S") for lab in labels)
        or any(found[k].source is not None and not _speech_cue(text, found[k]) for k in ks)
        for labels, ks in zip(labelled, members, strict=True)
    ]
    source = [model.labels.index("B-S"), model.labels.index("I-S")]
    picked = [sc for sc, n in zip(scores, need, strict=True) if n]
    got = iter(m[:, source].sum(axis=1) for m in marginals(picked, model.transitions))
    return [next(got) if n else None for n in need]


def _speech_cue(text: str, f: Frame) -> bool:
    return f.cue is not None and text[f.cue[0] : f.cue[1]].lower() in STRONG


def _respan(text: str, out: list[Frame], members: list[int], tagged: _Tagged) -> set[int]:
    """Rule frames of one sentence (indices into ``out``) re-spanned with the tagged sources;
    the indices whose source the tagger confirms, or does not rule out."""
    confirmed: set[int] = set()
    for k in members:
        f = out[k]
        if f.source is None:
            continue
        hit = tagged.hit(f.source)
        if hit is not None:
            tagged.used.add(hit)
            out[k] = Frame(f.kind, f.content, f.cue, hit, f.speaker_hint)
        # Speech-verb sources are the rules' surest: the tagger only re-spans them. Another
        # source stays when tagged, or when not ruled out either.
        if (
            hit is not None
            or _speech_cue(text, f)
            or max(tagged.probabilities(f.source), default=0.0) >= KEEP
        ):
            confirmed.add(k)
    return confirmed


def _new_frames(
    text: str, tagged: _Tagged, sent: tuple[int, int], outer: list[Quote]
) -> list[Frame]:
    """Frames for the tagged sources of a sentence that no rule frame took."""
    out = []
    for src in tagged.srcs:
        if src in tagged.used or any(_overlaps(src, s) for s in tagged.used):
            continue
        probs = tagged.probabilities(src)
        if sum(probs) < NEW * len(probs):
            continue
        frame = _new_frame(text, src, tagged.cues, sent, outer)
        if frame is not None:
            out.append(frame)
            tagged.used.add(src)
    return out


def _new_frame(
    text: str,
    src: tuple[int, int],
    cues: list[tuple[int, int]],
    sent: tuple[int, int],
    outer: list[Quote],
) -> Frame | None:
    after = [c for c in cues if c[0] >= src[1]]
    # An inverted speaker ("…, said X") comes after a speech verb only: "passed the House".
    before = [c for c in cues if c[1] <= src[0] and text[c[0] : c[1]].lower() in STRONG]
    if after:
        cue: tuple[int, int] | None = min(after)
        content = _trim(text, cue[1], sent[1])  # type: ignore[index]
    elif before:
        cue = max(before)
        content = _trim(text, sent[0], cue[0])
        if content is None:
            content = _trim(text, src[1], sent[1])
    else:
        return None  # a source with no cue in its sentence: mostly a subject of no report
    if content is None:
        content = src  # the source alone still counts as an attribution's mention
    kind = "indirect"
    for q in outer:
        if q.content_start <= content[0] and content[1] <= q.content_end:
            kind = "direct"
        elif content[0] <= q.start < content[1]:
            kind = "mixed"
    return Frame(kind, content, cue, src, None, learned=True)


def _trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    while s < e and (text[s].isspace() or text[s] in ",:;—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",.;:—–-"):
        e -= 1
    return (s, e) if e > s else None


__all__ = [
    "LABELS",
    "MODEL",
    "RuleMarks",
    "article_speakers",
    "current_model",
    "parse_features",
    "relabel",
    "rule_marks",
    "tag_sentence",
    "token_features",
    "token_labels",
    "use_model",
]
