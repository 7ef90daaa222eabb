"""Quotes and attributions on small news texts written for these tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from copytrail.claims.attributions import (
    KINDS,
    Attribution,
    extract_attributions,
    extract_attributions_with_warnings,
    rule_frames,
    shift,
    tidy_frames,
)
from copytrail.claims.frames import Frame
from copytrail.claims.queries import QUOTES_EXPORT, quotes, shown_text
from copytrail.claims.quotes import find_quotes, outer_quotes
from copytrail.claims.stage import run_claims
from copytrail.pipeline import ingest
from copytrail.settings import Settings
from copytrail.store import Store


def _by_text(text: str) -> dict[str, Attribution]:
    return {a.text: a for a in extract_attributions(text)}


def _check_offsets(text: str, atts: list[Attribution]) -> None:
    for a in atts:
        assert 0 <= a.content_start <= a.content_end <= len(text)
        assert a.text == text[a.content_start : a.content_end]
        assert a.kind in KINDS
        assert a.sentence_start <= a.content_start and a.content_end <= a.sentence_end <= len(text)
        for s, e in ((a.cue_start, a.cue_end), (a.source_start, a.source_end)):
            assert (s is None) == (e is None)
            if s is not None and e is not None:
                assert 0 <= s < e <= len(text)


# -- quote marks ---------------------------------------------------------------------------------


def test_curly_straight_and_guillemet_quotes() -> None:
    text = 'He said “yes.” She said "no." They wrote «maybe».'
    quotes, warnings = find_quotes(text)
    assert [text[q.content_start : q.content_end] for q in quotes] == ["yes.", "no.", "maybe"]
    assert warnings == []
    assert all(text[q.start] in "“\"«" and text[q.end - 1] in "”\"»" for q in quotes)


def test_apostrophes_are_not_quotes() -> None:
    text = "The Clintons’ plan isn’t new, and O'Brien's team doesn't like it."
    assert find_quotes(text) == ([], [])


def test_nested_single_quotes_inside_double() -> None:
    text = "“He told me, ‘I will never resign,’ and I believed him,” said Paul Grant."
    quotes, _ = find_quotes(text)
    assert [q.depth for q in quotes] == [0, 1]
    inner = quotes[1]
    assert text[inner.content_start : inner.content_end] == "I will never resign,"
    (a,) = extract_attributions(text)
    assert a.kind == "direct" and a.speaker == "Paul Grant"
    assert a.text.startswith("He told me, ‘I will never resign,’")


def test_german_low_high_quotes() -> None:
    text = "Der Minister sagte: „Wir handeln jetzt.“ Dann ging er."
    (q,) = find_quotes(text)[0]
    assert text[q.content_start : q.content_end] == "Wir handeln jetzt."


def test_quote_spanning_paragraphs() -> None:
    text = (
        "Former Mayor Rudy Giuliani spoke for an hour.\n\n"
        "“We rebuilt this city block by block.\n\n"
        "“And we will do it again,” he said."
    )
    quotes, warnings = find_quotes(text)
    (q,) = outer_quotes(quotes)
    assert warnings == [] and q.closed and q.paragraphs == 2
    # (The learned tagger also reports "Giuliani spoke for an hour"; only the quote matters here.)
    (a,) = [a for a in extract_attributions(text) if a.kind == "direct"]
    assert a.kind == "direct" and a.speaker == "Rudy Giuliani"
    assert a.text.startswith("We rebuilt this city") and a.text.endswith("do it again,")


def test_quote_continues_across_single_newline_paragraphs() -> None:
    # Plain-text files often separate paragraphs with one line break.
    text = (
        "“Turnout was the highest we have seen in years.\n"
        "“People waited in line for hours,” said County Clerk Rosa Diaz.\n"
        "Results are expected on Friday."
    )
    (q,) = outer_quotes(find_quotes(text)[0])
    assert q.closed and q.paragraphs == 2
    (a,) = extract_attributions(text)
    assert a.speaker == "Rosa Diaz" and a.text.endswith("waited in line for hours,")


def test_doubled_apostrophes_as_quote_marks() -> None:
    text = "''We wanted to control the real estate,'' Michael Cernech, the city manager, said."
    (a,) = extract_attributions(text)
    assert a.kind == "direct" and a.text == "We wanted to control the real estate,"
    assert a.source_text(text) == "Michael Cernech, the city manager" and a.speaker == "Michael Cernech"


def test_unbalanced_quote_is_reported_and_rest_still_extracted() -> None:
    text = (
        "The mayor said: “This is the end of it.\n\n"
        "Reporters left the hall. Later, Police Chief Dan Ortiz told reporters that nobody was hurt."
    )
    result = extract_attributions_with_warnings(text)
    assert len(result.warnings) == 1 and "not closed" in result.warnings[0]
    texts = [a.text for a in result.attributions]
    assert "This is the end of it." in texts
    assert "nobody was hurt" in texts
    _check_offsets(text, result.attributions)


def test_quote_without_any_speaker_is_reported() -> None:
    text = "Flood Update\n\n“Water reached the second floor of the library by noon today.”"
    result = extract_attributions_with_warnings(text)
    assert result.attributions == []
    assert result.warnings == ["quote at 14-76 has no speaker"]


def test_stray_closing_mark_does_not_swallow_the_article() -> None:
    text = 'Prices rose” sharply. "It hurts," said Ann Lee, a shopper. Officials said that help was coming.'
    atts = extract_attributions(text)
    assert {a.text for a in atts} >= {"It hurts,", "help was coming"}


# -- attribution kinds ---------------------------------------------------------------------------


def test_direct_quote_with_inverted_speaker_and_continuation() -> None:
    text = (
        "The council met on Tuesday. “We cannot wait another year for the bridge,” said Maria "
        "Lopez, the council president. “Every week costs us money.”"
    )
    atts = _by_text(text)
    first = atts["We cannot wait another year for the bridge,"]
    assert first.kind == "direct"
    assert first.cue_text(text) == "said"
    # News annotation takes the appositive into the source span; the speaker is the name.
    assert first.source_text(text) == "Maria Lopez, the council president"
    assert first.speaker == "Maria Lopez"
    follow = atts["Every week costs us money."]
    assert follow.speaker == "Maria Lopez" and follow.cue_start is None


def test_indirect_speech_said_that_warned_told() -> None:
    text = (
        "Senator Amy Walsh said on Monday that the bill would fail. She warned that farmers "
        "would lose subsidies. Governor Tom Reed told reporters that the state would appeal."
    )
    atts = _by_text(text)
    assert atts["the bill would fail"].kind == "indirect"
    assert atts["the bill would fail"].source_text(text) == "Senator Amy Walsh"
    assert atts["farmers would lose subsidies"].cue_text(text) == "warned"
    assert atts["farmers would lose subsidies"].speaker == "Amy Walsh"
    told = atts["the state would appeal"]
    assert told.cue_text(text) == "told" and told.speaker == "Tom Reed"


def test_indirect_speech_before_the_speaker() -> None:
    text = "The plant will close in March, a company spokesman said."
    (a,) = extract_attributions(text)
    assert a.kind == "indirect"
    assert a.text == "The plant will close in March"
    assert a.source_text(text) == "a company spokesman"
    assert a.speaker is None  # unnamed source


def test_poll_share_and_subordinate_clause_reports() -> None:
    text = (
        "Six in 10 say the mayor is doing a good job. When the moderator noted that the budget had "
        "grown, the mayor said the schools needed it."
    )
    got = [(a.source_text(text), a.cue_text(text), a.text) for a in extract_attributions(text)]
    assert got == [
        ("Six in 10", "say", "the mayor is doing a good job"),
        ("the moderator", "noted", "the budget had grown"),
        ("the mayor", "said", "the schools needed it"),
    ]


def test_according_to_both_positions() -> None:
    text = (
        "Unemployment rose to 6 percent last month, according to the Labor Department. "
        "According to Reuters, the talks stalled on Friday."
    )
    atts = _by_text(text)
    a = atts["Unemployment rose to 6 percent last month"]
    assert a.kind == "according-to" and a.cue_text(text) == "according to"
    assert a.source_text(text) == "the Labor Department" and a.speaker == "Labor Department"
    b = atts["the talks stalled on Friday"]
    assert b.kind == "according-to" and b.speaker == "Reuters"


def test_mixed_quote_inside_indirect_speech() -> None:
    text = "Walsh said the proposal was “dead on arrival” in the Senate."
    (a,) = extract_attributions(text)
    assert a.kind == "mixed"
    assert a.text == "the proposal was “dead on arrival” in the Senate"


def test_scare_quotes_alone_are_not_attributions() -> None:
    text = "The so-called “reform” package passed the House on Friday."
    assert extract_attributions(text) == []


def test_shift_moves_every_span() -> None:
    text = '"Yes," she said.'
    (a,) = extract_attributions(text)
    b = shift(a, 5)
    padded = "-----" + text
    assert b.text == padded[b.content_start : b.content_end]
    assert b.source_text(padded) == "she" and b.cue_text(padded) == "said"


# -- robustness ----------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("abcdefgh ABCDEFGH.,;:!?-—\n\"'“”‘’«»„") + ["said", " he said", "According to ", "Mr. ", "told", "\n\n"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_arbitrary_text_never_raises_and_offsets_map_back(text: str) -> None:
    result = extract_attributions_with_warnings(text)
    _check_offsets(text, result.attributions)
    quotes, _ = find_quotes(text)
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start < q.content_start <= q.content_end <= q.end


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_never_raises(text: str) -> None:
    _check_offsets(text, extract_attributions(text))


def _triples(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(a.source_text(text), a.cue_text(text), a.text) for a in extract_attributions(text)]


def test_learned_stance_verbs_attribute_to_their_subject() -> None:
    # "slammed" and "decried" are no speech verbs: they come from the learned cue lexicon.
    assert _triples("Sanders slammed the deal on Monday.") == [("Sanders", "slammed", "the deal on Monday")]
    assert _triples("The senator decried the ruling as a disaster.") == [
        ("The senator", "decried", "the ruling as a disaster")
    ]
    # A learned verb after a noun phrase with scare quotes is a plain verb, not an inverted report.
    assert _triples("The new policy passed the House on Friday.") == []


def test_passive_report_takes_the_agent_as_source() -> None:
    text = "The meeting was first reported by Politico."
    assert _triples(text) == [("Politico", "reported", "The meeting")]


def test_progressive_negated_and_contracted_reports() -> None:
    assert _triples("He’s claiming that voting fraud is a big problem.") == [
        ("He", "claiming", "voting fraud is a big problem")
    ]
    assert _triples("Donald Trump is once again questioning the integrity of the vote.") == [
        ("Donald Trump", "questioning", "the integrity of the vote")
    ]
    assert _triples("The campaign didn't say when the ad would run.") == [
        ("The campaign", "say", "when the ad would run")
    ]


def test_no_comment_and_bare_maintained_are_not_reports() -> None:
    assert _triples("The Clinton campaign did not respond to a request for comment.") == []
    assert _triples("Clinton has maintained support among black voters.") == []


def test_speech_inside_a_reported_clause_is_reported_too() -> None:
    text = "She added that the mayor had told donors the plan was dead."
    assert _triples(text) == [
        ("She", "added", "the mayor had told donors the plan was dead"),
        ("the mayor", "told", "donors the plan was dead"),
    ]
    # A nested cue with nothing after it stays unreported.
    assert [t[0] for t in _triples("The crowd chanted that it agreed.")] == ["The crowd"]


def test_infinitive_cue_takes_the_sentence_subject() -> None:
    text = "Trump took to Twitter overnight to accuse Clinton of lying."
    assert _triples(text) == [("Trump", "accuse", "Clinton of lying")]
    text = "Democratic voters are slightly more likely to say that Clinton represents them."
    assert _triples(text) == [("Democratic voters", "say", "Clinton represents them")]
    # A comma or a clause word between subject and infinitive breaks the chain (a rule-path
    # property: the learned tagger reads "who took a break" as a report here).
    rule_frames_only = [f for f in rule_frames("Trump, who took a break, was eager to go to Ohio.")[0] if f.cue]
    assert rule_frames_only == []


def test_gerund_after_a_name_reports() -> None:
    text = "The debate was tense, with former Gov. Martin O’Malley calling Trump a fascist."
    assert _triples(text) == [("former Gov. Martin O’Malley", "calling", "Trump a fascist")]
    # Without a name right before it, a gerund is an adjunct ("reporting by …").
    assert _triples("Additional reporting by Jane Doe.") == []


# -- frames tidied after the tagger, and the CLI tables (claims acceptance audit) ---------------


def _span(text: str, part: str) -> tuple[int, int]:
    i = text.index(part)
    return (i, i + len(part))


def test_stance_cue_without_source_or_before_between_is_no_report() -> None:
    text = ("Mayor Ola Brandt addressed the crowd from the pier. Ferry talks between the city and the "
            "guild stalled. It was reported that fares would rise.")
    found = [
        Frame("indirect", _span(text, "the crowd from the pier"), _span(text, "addressed"), None),
        Frame("indirect", _span(text, "between the city and the guild stalled"), _span(text, "talks"),
              _span(text, "Ferry")),
        Frame("indirect", _span(text, "fares would rise"), _span(text, "reported"), None),
    ]
    kept = tidy_frames(text, found, [(0, len(text))])
    # A speech cue with no source stays (a passive report); the other two are not reports.
    assert [text[f.cue[0] : f.cue[1]] for f in kept if f.cue] == ["reported"]


def test_inverted_report_takes_the_clause_before_and_drops_the_nested_stance() -> None:
    text = "A hundred residents have signed the petition, organisers said."
    found = [
        Frame("indirect", _span(text, "the petition, organisers said"), _span(text, "signed"),
              _span(text, "A hundred residents")),
        Frame("indirect", _span(text, "organisers"), _span(text, "said"), _span(text, "organisers"), learned=True),
    ]
    (f,) = tidy_frames(text, found, [(0, len(text))])
    assert text[f.content[0] : f.content[1]] == "A hundred residents have signed the petition"
    assert f.source is not None and text[f.source[0] : f.source[1]] == "organisers"


def test_source_loses_complementizer_and_relative_clause_and_hints_follow() -> None:
    text = 'The guild, which has 900 members, said "We sail at dawn." "And we sail at dusk too."'
    src = _span(text, "The guild, which has 900 members")
    found = [
        Frame("direct", _span(text, "We sail at dawn."), _span(text, "said"), src),
        Frame("direct", _span(text, "And we sail at dusk too."), None, None, speaker_hint=f"@{src[0]}:{src[1]}"),
    ]
    first, second = tidy_frames(text, found, [(0, len(text))])
    assert first.source == _span(text, "The guild") and second.speaker_hint == f"@{src[0]}:{src[0] + 9}"
    text = "She said that at least 40 members of Congress had written to her."
    f = Frame("indirect", _span(text, "to her"), _span(text, "written"),
              _span(text, "that at least 40 members of Congress"))
    (g,) = tidy_frames(text, [f], [(0, len(text))])
    assert g.source == _span(text, "at least 40 members of Congress")
    # A relative clause that holds the cue: its pronoun is the source.
    text = "Ola Brandt, the harbour master, who in 2010 said the pier was safe, resigned."
    f = Frame("indirect", _span(text, "the pier was safe"), _span(text, "said"),
              _span(text, "Ola Brandt, the harbour master, who in 2010"))
    assert tidy_frames(text, [f], [(0, len(text))])[0].source == _span(text, "who")
    # A capitalised determiner after a preposition is part of a name, not a new sentence.
    text = "A reporter for The Lund Times said fares would rise."
    f = Frame("indirect", _span(text, "fares would rise"), _span(text, "said"), _span(text, "A reporter for The Lund Times"))
    assert tidy_frames(text, [f], [(0, len(text))])[0].source == f.source


def test_cli_tables_are_readable_at_80_columns() -> None:
    import io

    from rich.console import Console

    from copytrail.console import rows_table

    rows = [
        {"value": 600000.0, "qualifier": "approximately", "unit": None, "counted": "member of Congress",
         "text": "As many as 600,000", "speaker": "Harbor Teachers Union", "site": "tidewater-voice.example",
         "published": "2025-03-05"},
        {"value": 53.0, "qualifier": "exact", "unit": "year", "counted": "year", "text": "53 years",
         "speaker": "The union", "site": "harbor-gazette.example", "published": "2025-03-02"},
    ]
    out = io.StringIO()
    Console(file=out, width=80, color_system=None).print(rows_table("figures", rows, width=40, total=80))
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 80
    shown = out.getvalue()
    # Values, qualifiers, units and dates whole on their line; no cell cut to "…".
    for whole in ("600000.0", "approximately", "exact", "2025-03-05", "53.0", "year"):
        assert whole in shown, whole
    assert "…" not in shown
    # Long columns wrap: every word of a speaker is still there.
    assert all(w in shown for w in ("Harbor", "Teachers", "Union"))


# -- fidelity: nothing shown between quote marks that the article does not say verbatim ----------

FIDELITY_DOCS = [
    ("https://herald.example/plant", "herald.example", "2025-03-10",
     "Council leader Douglas Fairweather said the city would “do everything in its power” to find a buyer. "
     "“This is the hardest day,” said Hal Morrow, a spokesperson for Calder Metalworks.\n\n"
     "Elena Marsh spoke later. She said she had asked officers to look at whether the fund would pay. "
     "According to the Northgate Chamber of Commerce, 40 firms depend on the plant. "
     "Many residents feel the council has failed them. The group also wants a new bridge."),
    ("https://voice.example/strike", "voice.example", "2025-03-11",
     "The Metal and Foundry Workers' Union said it had not been consulted. It added, “We will fight on.” "
     "Its organiser told members the union would not accept a timetable that “puts the bulldozers first”."),
]


def _fidelity_store(tmp_path: Path, store: Store, settings: Settings) -> dict[str, str]:
    f = tmp_path / "docs.jsonl"
    f.write_text("\n".join(json.dumps({"url": u, "site": s, "published": d, "text": t}) for u, s, d, t in FIDELITY_DOCS))
    ingest([str(f)], settings, store)
    run_claims(store, settings)
    return dict(store.con.execute("SELECT c.claim_id, a.text FROM claims c JOIN corpus_articles a USING (article_id)").fetchall())


def test_every_text_shown_in_quote_marks_is_verbatim_in_its_article(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    article_of = _fidelity_store(tmp_path, store, settings)
    rows = quotes(store, hidden=True)
    kinds = {r["kind"] for r in rows}
    assert kinds >= {"direct", "indirect", "mixed", "according-to", "belief"}
    for r in rows:
        article = article_of[r["claim_id"]]
        for part in re.findall(r"“([^“”]*)”", r["shown"]):
            assert part in article, (r["kind"], r["shown"])
        if r["kind"] != "direct":
            assert r["shown"] == r["text"] and r["text"] in article  # a paraphrase, never quoted
    mixed = next(r for r in rows if r["kind"] == "mixed" and "buyer" in r["text"])
    assert mixed["shown"] == "the city would “do everything in its power” to find a buyer"
    direct = next(r for r in rows if r["kind"] == "direct" and "hardest" in r["text"])
    assert (direct["shown"], direct["speaker"]) == ("“This is the hardest day,”", "Hal Morrow")


def test_views_hide_beliefs_and_list_a_nested_report_once(tmp_path: Path, store: Store, settings: Settings) -> None:
    _fidelity_store(tmp_path, store, settings)
    shown = quotes(store)
    assert all(r["kind"] != "belief" for r in shown)
    assert {r["kind"] for r in quotes(store, hidden=True)} - {r["kind"] for r in shown} == {"belief"}
    assert not {r["speaker"] for r in shown} & {"Many", "The group"}
    exported = store.con.execute(QUOTES_EXPORT).fetchall()
    assert len(exported) == len(shown)
    officers = [r["text"] for r in shown if "officers to look at" in r["text"]]
    assert officers == ["she had asked officers to look at whether the fund would pay"]
    union = {r["speaker"] for r in shown if r["site"] == "voice.example" and r["kind"] == "direct"}
    assert union == {"Metal and Foundry Workers' Union"}
    assert shown_text("indirect", "x") == "x"
