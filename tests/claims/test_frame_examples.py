"""English attribution frames against the example table beside their word lists
(``claims/data/frames_en.*``).

Each row of ``frames_en.examples.tsv`` is an invented sentence and every frame the rule path
gives it, in order: kind, source, cue and content as written. A row passes only when exactly
those frames come out, so a word moved in or out of a list in ``frames_en.json`` shows here.
"""

from __future__ import annotations

from importlib import resources

import pytest

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
