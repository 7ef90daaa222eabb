"""English attribution frames against the example table beside their word lists
(``claims/data/frames_en.*``).

Each row of ``frames_en.examples.tsv`` is an invented sentence and every frame the rule path
gives it, in order: kind, source, cue and content as written. A row passes only when exactly
those frames come out, so a word moved in or out of a list in ``frames_en.json`` shows here.
"""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copytrail.claims.attributions import rule_frames, tidy_frames
from copytrail.claims.lexicon import frame_lexicon, frame_patterns, frame_words

Row = tuple[str, str, str, str]


def _rows() -> list[tuple[str, list[Row]]]:
    path = resources.files("copytrail.claims").joinpath("data/frames_en.examples.tsv")
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, expected = line.split("\t")
        frames = [] if expected.strip() == "-" else expected.split(" || ")
        rows.append((sentence, [_parse(f) for f in frames]))
    return rows


def _parse(frame: str) -> Row:
    kind, source, cue, content = (part.strip() for part in frame.split(" | "))
    return (kind, source, cue, content)


def _frames(text: str) -> list[Row]:
    found, _, sentences, _ = rule_frames(text)
    out = []
    for f in tidy_frames(text, found, sentences):
        source = text[f.source[0] : f.source[1]] if f.source else ""
        cue = text[f.cue[0] : f.cue[1]] if f.cue else ""
        out.append((f.kind, source, cue, text[f.content[0] : f.content[1]]))
    return out


ROWS = _rows()


@pytest.mark.parametrize(("sentence", "expected"), ROWS, ids=[s[:40] for s, _ in ROWS])
def test_example_row(sentence: str, expected: list[Row]) -> None:
    assert _frames(sentence) == expected


def test_table_covers_both_outcomes() -> None:
    # A table of only frames (or only non-frames) could not show a list letting too much through.
    assert sum(1 for _, e in ROWS if e) >= 20 and sum(1 for _, e in ROWS if not e) >= 5


def test_lexicon_is_lower_case_words_and_compiling_patterns() -> None:
    lex = frame_lexicon()
    assert lex["language"] == "en"
    for name, words in frame_words().items():
        assert words, name
        assert all(w == w.lower() for w in words), name
    assert set(frame_patterns()) == set(lex["patterns"])


# -- a direct frame holds the words of one quote, verbatim ---------------------------------------

_NAMES = st.sampled_from(
    ["Lena Ortiz", "Mr. Berg", "the company", "she", "Will Hart", "The notice"]
)
_VERBS = st.sampled_from(
    ["said", "added", "wrote", "read", "continued", "cracked", "predicted", "states"]
)
_WORDS = st.lists(
    st.sampled_from("we will not close the library or the harbour this year".split()),
    min_size=2,
    max_size=8,
)
_MARKS = st.sampled_from([("“", "”"), ('"', '"'), ("''", "''")])


def _cap(name: str) -> str:
    return name[:1].upper() + name[1:]


def _sentence(shape: int, name: str, verb: str, quote: str, marks: tuple[str, str]) -> str:
    o, c = marks
    return [
        f"{o}{quote},{c} {name} {verb}.",
        f"{_cap(name)} {verb}, {o}{quote}.{c}",
        f"The vote was close. {_cap(name)} {verb}. {o}{quote}.{c}",
        f"{o}{quote},{c} {verb} {name}, the treasurer. {o}{quote}.{c}",
        f"{_cap(name)} did not think it would last: {o}{quote},{c} Ann Lee {verb}.",
    ][shape]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 4), _NAMES, _VERBS, _WORDS, _MARKS)
def test_direct_frames_quote_verbatim(
    shape: int, name: str, verb: str, words: list[str], marks: tuple[str, str]
) -> None:
    text = _sentence(shape, name, verb, " ".join(words).capitalize(), marks)
    found, outer, _, _ = rule_frames(text)
    spans = {(q.content_start, q.content_end) for q in outer}
    direct = [f for f in found if f.kind == "direct" and f.cue is not None]
    for f in direct:
        # The content is exactly one quote's words, never a paraphrase around it.
        assert f.content in spans, (text, text[f.content[0] : f.content[1]])
    inverted_pronoun = shape == 3 and name == "she"  # "said she" is no English order
    if (
        shape < 4
        and verb in {"said", "added", "wrote", "predicted"}
        and name != "Will Hart"
        and not inverted_pronoun
    ):
        assert direct, text  # and a plain speech verb next to a quote does report it
