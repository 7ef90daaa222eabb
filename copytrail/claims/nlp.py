"""Optional spaCy path: dependency parse and named entities to sharpen attributions.

Nothing here is needed for :func:`copytrail.claims.attributions.extract_attributions`; it runs
only when the caller passes a loaded spaCy pipeline (``nlp=spacy.load(name)``). The model must
already be installed as a package (``Settings.spacy_model``); copytrail never downloads one.
What the parse adds over the cue rules:

* the source span becomes the full subject phrase of the cue verb (``nsubj`` subtree, or the
  object of "according to"), which fixes subjects far from their verb ("X, who …, said");
* verbs outside the cue lists that take a human subject (a PERSON/ORG/NORP entity, a personal
  pronoun or a person noun) and a clausal complement become attributions too ("Both want
  government playing a role"); with an object or prepositional complement only cue verbs do,
  learned stance verbs included ("Sanders has cast the Clintons as …"). Verb forms that
  :func:`copytrail.claims.lexicon.unreliable_cues` marks are skipped.

>>> load_model(None) is None
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from copytrail.claims.subjects import PERSON_NOUN_SUFFIXES

if TYPE_CHECKING:  # imported lazily at run time: attributions imports this module lazily too
    from copytrail.claims.frames import Frame
    from copytrail.claims.quotes import Quote

_HUMAN_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_SUBJ_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "who", "you"})
_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "attr", "oprd", "prep"})
# Verbs that carry no report even with a human subject.
_SKIP_LEMMAS = frozenset(
    """be have do get go come take make give become win lose run live die leave arrive return
    sit stand walk travel visit meet spend pay cost start begin end finish open close hold
    serve work play move turn fall rise grow keep let put set seem appear happen capture
    lead gain top score pick raise eke trail invest remain face greet own unveil conduct
    participate need use add carry bring hit beat reach""".split()
)
_GROUP_NOUNS = frozenset(
    """campaign administration government police officials official source sources aide aides
    voters supporters critics democrats republicans people committee party court board agency
    report poll survey study group team staff spokesman spokeswoman""".split()
)


def load_model(name: str | None) -> Any:
    """A loaded spaCy pipeline for an INSTALLED model, or None when ``name`` is None.

    Raises ImportError / OSError with spaCy's message when the model is not installed: the
    caller decides whether that is fatal (copytrail never downloads models).
    """
    if not name:
        return None
    import spacy  # type: ignore[import-not-found]

    return spacy.load(name)


_LAST: list[tuple[int, str, Any]] = []


def parse(nlp: Any, text: str) -> Any:
    """``nlp(text)``, remembered for the last text: the rule refinement and the tagger's parse
    features read the same parse, and parsing is most of the spaCy path's cost."""
    if _LAST and _LAST[0][0] == id(nlp) and _LAST[0][1] == text:
        return _LAST[0][2]
    doc = nlp(text)
    _LAST[:] = [(id(nlp), text, doc)]
    return doc


def _span_of(tok: Any) -> tuple[int, int]:
    """Character span of a token's subtree, without edge punctuation."""
    toks = list(tok.subtree)
    while toks and toks[-1].is_punct:
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    if not toks:
        return (tok.idx, tok.idx + len(tok.text))
    return (toks[0].idx, toks[-1].idx + len(toks[-1].text))


def _subject_span(tok: Any) -> tuple[int, int] | None:
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.dep_ != "nsubjpass":
            s, e = _span_of(child)
            # A relative clause inside the subject ("X, who …,") is cut at its first comma:
            # the source is the name, not the clause.
            for t in child.subtree:
                if t.dep_ == "relcl" and t.idx > child.idx:
                    e = min(e, max(child.idx + len(child.text), t.left_edge.idx - 2))
            return (s, e)
    # A verb in a conjunction ("… and said") shares the subject of the first verb.
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        return _subject_span(tok.head)
    return None


def _humanlike(subj: Any) -> bool:
    low = subj.text.lower()
    if low in _SUBJ_PRONOUNS:
        return True
    if subj.ent_type_ in _HUMAN_ENTS:
        return True
    if subj.pos_ == "PROPN":
        return True
    if subj.pos_ == "NOUN" and (low in _GROUP_NOUNS or low.endswith(PERSON_NOUN_SUFFIXES)):
        return True
    return False


def refine_found(text: str, found: list[Frame], nlp: Any, outer: list[Quote]) -> list[Frame]:
    """Re-derive sources from the parse and add verb attributions the cue rules missed."""
    doc = parse(nlp, text)
    by_char: dict[int, Any] = {t.idx: t for t in doc}
    out = [_parsed_source(text, f, by_char) for f in found]
    taken = sorted(span for f in out for span in (f.content, f.cue, f.source) if span)
    for tok in doc:
        frame = _verb_frame(text, tok, taken, outer)
        if frame is not None:
            out.append(frame)
            taken.extend([frame.content, frame.cue, frame.source])  # type: ignore[list-item]
            taken.sort()
    return out


def _parsed_source(text: str, f: Frame, by_char: dict[int, Any]) -> Frame:
    """``f`` with its source (left of a verb cue) replaced by the cue verb's parsed subject."""
    from copytrail.claims.frames import Frame

    if f.cue is None or f.source is None or f.source[0] >= f.cue[0]:
        return f
    tok = by_char.get(f.cue[0])
    if tok is None or tok.text.lower() == "according" or tok.pos_ not in ("VERB", "AUX"):
        return f
    subj = _clean_subject(text, _subject_span(tok))
    if subj is not None and subj[1] <= f.cue[0]:
        return Frame(f.kind, f.content, f.cue, subj, f.speaker_hint)
    return f


def _verb_frame(
    text: str, tok: Any, taken: list[tuple[int, int]], outer: list[Quote]
) -> Frame | None:
    """A new frame for a reporting verb outside the cue lists and outside what is ``taken``."""
    from copytrail.claims.frames import Frame

    comp = _reporting_complement(tok, outer, taken)
    if comp is None:
        return None
    src = _clean_subject(text, _subject_span(tok))
    if src is None or _inside(src[0], taken):
        return None
    content = _span_of(comp) if comp.dep_ != "prep" else _prep_span(comp)
    if content[1] <= content[0] or _inside(content[0], taken):
        return None
    cue = (tok.idx, tok.idx + len(tok.text))
    kind = "mixed" if any(content[0] <= q.start < content[1] for q in outer) else "indirect"
    return Frame(kind, content, cue, src)


def _reporting_complement(tok: Any, outer: list[Quote], taken: list[tuple[int, int]]) -> Any:
    """The complement that makes ``tok`` a report (a verb with a human subject and a clause,
    or a cue verb with an object), or None."""
    from copytrail.claims.cues import cue_lemma
    from copytrail.claims.lexicon import unreliable_cues

    if tok.pos_ != "VERB" or tok.lemma_.lower() in _SKIP_LEMMAS:
        return None
    if tok.text.lower() in unreliable_cues():
        return None  # forms whose frames rarely had an annotated source on train
    if _inside(tok.idx, taken) or any(q.content_start <= tok.idx < q.content_end for q in outer):
        return None
    subj_tok = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj_tok is None or not _humanlike(subj_tok):
        return None
    comp = next((c for c in tok.children if c.dep_ in _COMPLEMENTS and c.i > tok.i), None)
    if comp is None:
        return None
    # Object and prepositional complements report only for stance verbs ("criticized
    # the plan"); a clause ("thinks that …", "wants to …") reports for any verb. Any verb
    # with a person subject and an object was tried too: same F1 on train, P 0.82 -> 0.78.
    if (
        comp.dep_ not in ("ccomp", "xcomp")
        and cue_lemma(tok.text) is None
        and cue_lemma(tok.lemma_) is None
    ):
        return None
    return comp


def _clean_subject(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A subject span on one line, without a leading time stamp or participle clause."""
    if span is None:
        return None
    s, e = span
    nl = text.rfind("\n", s, e)
    if nl >= 0:
        s = nl + 1  # live-blog time stamps and headings sit on their own lines
    while s < e and text[s].isspace():
        s += 1
    words = text[s:e].split()
    if not words or not any(c.isalpha() for c in text[s:e]):
        return None
    if words[0].endswith("ing") and words[0][0].isupper() and len(words) > 2:
        return None  # "Speaking at a town hall, Trump …": the participle is no subject
    return (s, e)


def _prep_span(prep: Any) -> tuple[int, int]:
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return _span_of(objs[0]) if objs else (prep.idx, prep.idx)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)
