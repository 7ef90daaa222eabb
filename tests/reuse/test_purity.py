"""Families join only copies of one passage: no look-alike sentences, no boilerplate.

Conclusions checked: whether two texts are aligned at all (a stock phrase between look-alike
sentences is not a copy; an edited copy with a real exact core still is, edits included), and
whether a family is flagged banal (a disclaimer repeated by sites on their own pages is; a
story copied once per site, or a short quote carried once per site, is not). All sentences
are invented.
"""

from __future__ import annotations

from typing import Any

import pytest

from copytrail.reuse.align import AlignParams, align_pair
from copytrail.reuse.families import Aligned, build_families
from copytrail.reuse.maintain import family_rows, group
from copytrail.reuse.tokens import tokenize
from copytrail.settings import Settings

ANCHORED = AlignParams(ngram=5, min_words=15, gap=20, sentence_threshold=0.4)

# Two reports of one beat: the same stock frame ("a spokesman for the harbour board said
# that the"), different facts, and look-alike neighbouring sentences.
REPORT_A = (
    "Gulls circled the quay while the ferry waited for the tide. "
    "The harbour board discussed pier lights and the winter timetable on Tuesday. "
    "A spokesman for the harbour board said that northern pier repairs would start in May. "
    "Dredging of the outer basin was costed by the harbour board before summer. "
    "Fishermen on the quay said they had not been told about the new fees."
)
REPORT_B = (
    "The bakery on Mill Lane reopened after a long dispute over the lease. "
    "On Tuesday the winter timetable and pier lights were discussed by the harbour board. "
    "A spokesman for the harbour board said that a southern pier berth would open in May. "
    "Before summer the harbour board costed dredging of the outer basin. "
    "Several councillors asked for the accounts of the ferry company to be published."
)


def test_stock_phrase_between_look_alike_sentences_is_not_a_copy() -> None:
    assert align_pair(tokenize(REPORT_A), tokenize(REPORT_B), ANCHORED) == []


def test_edited_copy_with_an_exact_core_keeps_its_edited_sentences() -> None:
    core = (
        "Divers from the coastguard station recovered the lost anchor chain of the old lightship "
        "from twelve metres of cloudy water near the breakwater on Sunday afternoon"
    )
    orig = (
        "Gulls circled the quay while the ferry waited for the tide. "
        f"{core}. The chain will be shown in the town museum from next week, the curator said."
    )
    copy = (
        "The bakery on Mill Lane reopened after a long dispute over the lease. "
        f"{core}. The chain is to be shown in the town museum from next month, a curator said."
    )
    (m,) = align_pair(tokenize(orig), tokenize(copy), ANCHORED)
    assert orig[m.a_start : m.a_end].startswith("Divers from the coastguard")
    assert orig[m.a_start : m.a_end].endswith("the curator said")
    assert copy[m.b_start : m.b_end].endswith("a curator said")


DISCLAIMER = "Readers who spot an error in this report may write to the standards editor, who answers every letter within a week"
STORY = " ".join(
    f"Paragraph {k} of the flood report says the river rose by a metre at the old mill weir overnight."
    for k in range(6)
)
QUOTE = "We will rebuild the weir before the next winter floods, whatever it costs the town"


def _banal(
    texts: dict[str, tuple[str, str]], passage: str, whole: tuple[str, ...] = ()
) -> tuple[bool, str | None]:
    """Align ``passage`` between every pair of articles (``id -> (site, text)``; in the
    articles named in ``whole``, the whole text) and build its family the way the reuse stage
    does; returns the family's (banal, banal_reason)."""
    ids = sorted(texts)
    spans = {
        a: (texts[a][1].index(passage), texts[a][1].index(passage) + len(passage)) for a in ids
    }
    spans.update({a: (0, len(texts[a][1])) for a in whole})
    rows = [
        Aligned(f"x{i}{j}", a, *spans[a], b, *spans[b], 1.0)
        for i, a in enumerate(ids)
        for j, b in enumerate(ids)
        if i < j
    ]
    (fam,) = build_families(rows)
    meta: dict[str, tuple[Any, ...]] = {
        a: (f"2024-03-{k + 1:02d}", "meta", site, f"https://{site}/{a}", text)
        for k, (a, (site, text)) in enumerate(sorted(texts.items()))
    }
    (row,), _, _, _ = family_rows([fam], meta, Settings(progress=False))
    return row["banal"], row["banal_reason"]


def _article(k: int, body: str, after: str = "") -> str:
    return f"Unrelated report number {k} about the market square and its stalls. {body}{after}"


def test_disclaimer_a_site_repeats_on_its_own_pages_is_boilerplate() -> None:
    texts = {
        "a1": ("alpha.example", _article(1, DISCLAIMER)),
        "a2": ("alpha.example", _article(2, DISCLAIMER)),
        "b1": ("beta.example", _article(3, DISCLAIMER)),
        "c1": ("gamma.example", _article(4, DISCLAIMER)),
    }
    assert _banal(texts, DISCLAIMER) == (True, "boilerplate")


def test_story_copied_once_per_site_is_not_boilerplate() -> None:
    texts = {f"s{k}": (f"site{k}.example", _article(k, STORY)) for k in range(5)}
    assert _banal(texts, STORY) == (False, None)


def test_short_quote_carried_once_per_site_is_not_boilerplate() -> None:
    after = ", the mayor told the council. The vote on the budget is due in March."
    texts = {f"q{k}": (f"site{k}.example", _article(k, QUOTE, after)) for k in range(4)}
    assert _banal(texts, QUOTE) == (False, None)


def test_closing_line_of_unrelated_articles_on_three_sites_is_boilerplate() -> None:
    # each site carries it once, but always as the last line of an otherwise different article
    texts = {f"d{k}": (f"site{k}.example", _article(k, DISCLAIMER, ".")) for k in range(3)}
    assert _banal(texts, DISCLAIMER) == (True, "boilerplate")


def test_long_passage_a_site_runs_twice_is_not_boilerplate() -> None:
    # a site running a story and its update, both copied elsewhere: a story, not a footer
    texts = {
        "a1": ("alpha.example", _article(1, STORY)),
        "a2": ("alpha.example", _article(2, STORY)),
        "b1": ("beta.example", _article(3, STORY)),
        "c1": ("gamma.example", _article(4, STORY)),
    }
    assert _banal(texts, STORY) == (False, None)


def test_story_joined_to_a_disclaimer_is_not_hidden_as_boilerplate() -> None:
    # a sentence pass that ran from a story into its closing disclaimer joins the two
    texts = {
        "a1": ("alpha.example", _article(1, DISCLAIMER)),
        "a2": ("alpha.example", _article(2, DISCLAIMER)),
        "b1": ("beta.example", _article(3, DISCLAIMER)),
        "c1": ("gamma.example", f"{STORY} {DISCLAIMER}"),
        "d1": ("delta.example", f"{STORY} {DISCLAIMER}"),
    }
    assert _banal(texts, DISCLAIMER, whole=("c1", "d1")) == (False, None)


# -- boilerplate never bridges two families ----------------------------------------------------

LOOKALIKE = (
    "The council met on Monday and agreed the budget for the new harbour wall after a long debate. "
    "Residents of the lower town asked for the ferry timetable to be printed in the library."
)


def _group(texts: dict[str, tuple[str, str]], rows: list[Aligned]) -> list[dict[str, Any]]:
    """Group ``rows`` the way the reuse stage does over articles ``id -> (site, text)``; the
    family rows, each with its sorted article ids under ``"arts"``."""
    meta: dict[str, tuple[Any, ...]] = {
        a: (f"2024-03-{k + 1:02d}", "meta", site, f"https://{site}/{a}", text)
        for k, (a, (site, text)) in enumerate(sorted(texts.items()))
    }
    fams = group(rows, meta, Settings(progress=False))
    out, _, _, _ = family_rows(fams, meta, Settings(progress=False))
    for row, fam in zip(out, fams, strict=True):
        row["arts"] = sorted({w.article_id for w in fam.passages})
    return sorted(out, key=lambda r: r["arts"])


def _span(texts: dict[str, tuple[str, str]], art: str, piece: str) -> tuple[int, int]:
    at = texts[art][1].index(piece)
    return at, at + len(piece)


def _footers(texts: dict[str, tuple[str, str]], arts: list[str]) -> list[Aligned]:
    """The disclaimer aligned between every pair of ``arts``."""
    return [
        Aligned(f"d-{a}-{b}", a, *_span(texts, a, DISCLAIMER), b, *_span(texts, b, DISCLAIMER), 1.0)
        for i, a in enumerate(arts)
        for b in arts[i + 1 :]
    ]


def test_story_reprinted_with_its_disclaimer_stays_apart_from_the_disclaimer() -> None:
    # the original closes with the site's disclaimer, the reprint copied both; three unrelated
    # articles of other sites close with the same disclaimer
    texts = {
        "orig": ("alpha.example", f"{STORY} {DISCLAIMER}."),
        "reprint": ("beta.example", f"{STORY} {DISCLAIMER}."),
        **{f"u{k}": (f"site{k}.example", _article(k, DISCLAIMER, ".")) for k in range(3)},
    }
    whole = (0, len(texts["orig"][1]))
    rows = [Aligned("story", "orig", *whole, "reprint", *whole, 1.0)]
    rows += _footers(texts, ["orig", "u0", "u1", "u2"])
    story, footer = _group(texts, rows)
    assert story["arts"] == ["orig", "reprint"] and not story["banal"]
    assert story["earliest_article"] == "orig"
    assert footer["arts"] == ["orig", "u0", "u1", "u2"]
    assert (footer["banal"], footer["banal_reason"]) == (True, "boilerplate")


@pytest.mark.parametrize("unrelated", [1, 3])
def test_disclaimer_extended_into_look_alike_sentences_links_no_story(unrelated: int) -> None:
    # an alignment running from the disclaimer back over look-alike sentences joins an
    # unrelated article's tail to the story's: it holds nothing copied but the disclaimer. It
    # belongs to the disclaimer's family, which stays boilerplate however long the look-alike
    # text it carries (with one other article, most witnesses are the extended ones)
    other = (  # a sentence frame of the same beat, no run of 15 words in common
        LOOKALIKE.replace("Monday", "Friday")
        .replace("long debate", "short debate")
        .replace("lower town", "upper town")
    )
    texts = {
        "orig": ("alpha.example", f"{STORY} {LOOKALIKE} {DISCLAIMER}."),
        "reprint": ("beta.example", f"{STORY} {LOOKALIKE} {DISCLAIMER}."),
        "x": ("gamma.example", _article(9, f"{other} {DISCLAIMER}", ".")),
        **{f"u{k}": (f"site{k}.example", _article(k, DISCLAIMER, ".")) for k in range(unrelated)},
    }
    whole = (0, len(texts["orig"][1]))
    tail_o = (texts["orig"][1].index(LOOKALIKE), whole[1])
    tail_x = (texts["x"][1].index(other), len(texts["x"][1]))
    rows = [Aligned("story", "orig", *whole, "reprint", *whole, 1.0)]
    rows += _footers(texts, ["orig", "x", *(f"u{k}" for k in range(unrelated))])
    rows.append(Aligned("lookalike", "orig", *tail_o, "x", *tail_x, 0.8))
    story, footer = _group(texts, rows)
    assert story["arts"] == ["orig", "reprint"] and not story["banal"]
    assert footer["arts"] == ["orig", *(f"u{k}" for k in range(unrelated)), "x"]
    assert (footer["banal"], footer["banal_reason"]) == (True, "boilerplate")


def test_story_copied_with_a_quote_of_its_closing_paragraph_stays_one_family() -> None:
    # a channel quotes the story's last paragraph: closing tails on three sites, but of one
    # story (the original and its reprint) and one post: not a footer
    last = "Paragraph 5 of the flood report says the river rose by a metre at the old mill weir overnight."
    texts = {
        "orig": ("alpha.example", STORY),
        "reprint": ("beta.example", STORY),
        "post": ("channel.example", f"Read this from the flood desk today. {last}"),
    }
    whole = (0, len(STORY))
    rows = [
        Aligned("story", "orig", *whole, "reprint", *whole, 1.0),
        Aligned(
            "q1", "orig", *_span(texts, "orig", last), "post", *_span(texts, "post", last), 1.0
        ),
        Aligned(
            "q2",
            "reprint",
            *_span(texts, "reprint", last),
            "post",
            *_span(texts, "post", last),
            1.0,
        ),
    ]
    (fam,) = _group(texts, rows)
    assert fam["arts"] == ["orig", "post", "reprint"] and not fam["banal"]


def test_short_quote_inside_a_reprinted_story_joins_the_story() -> None:
    after = ", the mayor told the council."
    story = f"{STORY} {QUOTE}{after} {STORY}"
    texts = {
        "orig": ("alpha.example", story),
        "reprint": ("beta.example", story),
        "q": ("gamma.example", _article(1, QUOTE, after)),
    }
    whole = (0, len(story))
    rows = [
        Aligned("story", "orig", *whole, "reprint", *whole, 1.0),
        Aligned("q", "orig", *_span(texts, "orig", QUOTE), "q", *_span(texts, "q", QUOTE), 1.0),
    ]
    (fam,) = _group(texts, rows)
    assert fam["arts"] == ["orig", "q", "reprint"] and not fam["banal"]


def test_composite_whose_alignment_runs_over_into_the_other_source_keeps_two_families() -> None:
    # a composite prints a paragraph of one story, then two of another; the alignment with the
    # second ran on (over a look-alike paragraph of the second story) across the first one's
    a1, a2 = (f"Paragraph {k} of the harbour story: {QUOTE} ({k})." for k in (1, 2))
    b0 = "The ferry company said the timetable would change after the storms of the winter."
    b1, b2 = (STORY.replace("flood report", f"storm report {k}") for k in (1, 2))
    texts = {
        "a": ("alpha.example", f"{a1} {a2}"),
        "b": ("beta.example", f"{b0} {b1} {b2}"),
        "c": ("gamma.example", f"{a2} {b1} {b2}"),
    }
    rows = [
        Aligned("ca", "a", *_span(texts, "a", a2), "c", *_span(texts, "c", a2), 1.0),
        Aligned("cb", "b", 0, len(texts["b"][1]), "c", 0, len(texts["c"][1]), 0.9),
    ]
    fams = _group(texts, rows)
    assert [f["arts"] for f in fams] == [["a", "c"], ["b", "c"]]
