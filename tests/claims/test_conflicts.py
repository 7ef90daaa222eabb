"""Figures about the same thing across pages, and which of them disagree.

Every case is an invented news sentence run through the real figure extraction
(:func:`copytrail.claims.stage.article_claims`), then :func:`find_groups`: true disagreements
phrased differently on two pages are flagged; figures that only look alike (another poll,
another year, a difference instead of a level, a moving window, an item of a list) are not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copytrail.claims.conflicts import (
    FigureGroup,
    FigureRow,
    disagree,
    find_conflicts,
    find_groups,
    pollster,
    role,
    time_scope,
)
from copytrail.claims.stage import article_claims, figure_row, run_claims
from copytrail.pipeline import ingest
from copytrail.settings import Settings
from copytrail.store import Store

DAYS = 365


def rows(*pages: tuple[str, str, str]) -> list[FigureRow]:
    """Figure rows of invented pages ``(article_id, published, text)``."""
    out: list[FigureRow] = []
    for aid, published, text in pages:
        article = {"article_id": aid, "text": text, "published": published, "site": f"{aid}.example", "url": aid}
        out.extend(figure_row(r) for r in article_claims(article)[0] if r["kind"] == "figure")
    return out


def values(groups: list[FigureGroup], disagreeing: bool | None = None) -> list[list[float | None]]:
    return sorted(
        sorted((w.value for w in g.witnesses), key=lambda v: v or 0.0)
        for g in groups
        if disagreeing is None or g.disagrees == disagreeing
    )


# -- true disagreements, phrased differently ------------------------------------------------


def test_march_attendance_phrased_differently() -> None:
    figs = rows(
        ("a", "2025-06-01", "More than 100,000 marched through Port Selden on Saturday in the Harbor Climate March, "
                            "organisers said."),
        ("b", "2025-06-03", "Police said 600,000 people took part in the Harbor Climate March in Port Selden."),
    )
    assert values(find_groups(figs, DAYS), disagreeing=True) == [[100000.0, 600000.0]]


def test_deaths_killed_and_died() -> None:
    figs = rows(
        ("a", "2025-02-07", "The collapse of the Kelso Bridge in Arden killed 19 people, officials said."),
        ("b", "2025-02-09", "Officials in Arden now say 31 people died when the Kelso Bridge collapsed."),
    )
    conflicts = find_conflicts(figs, DAYS)
    assert [[w.value for w in c] for c in conflicts] == [[19.0, 31.0]]
    assert [w.published for w in conflicts[0]] == ["2025-02-07", "2025-02-09"]  # witnesses by date


def test_job_losses_and_duration() -> None:
    figs = rows(
        ("a", "2025-03-10", "Calder Metalworks will cut 1,200 jobs at its Eastbank plant, the company said."),
        ("b", "2025-03-12", "Calder Metalworks is to cut 1,800 jobs at the Eastbank plant, union leaders said."),
        ("c", "2025-03-02", "The Harbor Teachers Union has fought for 53 years for smaller classes in Port Selden."),
        ("d", "2025-03-05", "For 55 years the Harbor Teachers Union has fought for smaller classes in Port Selden."),
    )
    assert values(find_groups(figs, DAYS), disagreeing=True) == [[53.0, 55.0], [1200.0, 1800.0]]


def test_same_poll_reported_two_ways() -> None:
    figs = rows(
        ("a", "2025-05-01", "The Tidewater College poll put Mayor Halloran at 45 percent in Port Selden."),
        ("b", "2025-05-02", "Mayor Halloran had 39 percent in the Tidewater College poll of Port Selden voters."),
    )
    assert values(find_groups(figs, DAYS), disagreeing=True) == [[39.0, 45.0]]


# -- agreeing figures are grouped, not flagged --------------------------------------------------


def test_rounding_ranges_and_open_bounds_agree() -> None:
    figs = rows(
        ("a", "2025-04-01", "About 100 teachers attended the rally at the Harbor Mall in Port Selden."),
        ("b", "2025-04-02", "Some 98 teachers attended the rally at the Harbor Mall in Port Selden."),
        ("c", "2025-04-01", "Between 200 and 300 nurses joined the strike at Port Selden General."),
        ("d", "2025-04-02", "On Tuesday 250 nurses joined the strike at Port Selden General."),
        ("e", "2025-02-07", "At least 12 people died when the Kelso Bridge in Arden collapsed."),
        ("f", "2025-02-08", "The collapse of the Kelso Bridge in Arden killed 19 people."),
    )
    groups = find_groups(figs, DAYS)
    assert len(groups) == 3 and not any(g.disagrees for g in groups)


def test_rounding_of_trailing_zeros() -> None:
    def fig(v: float, q: str = "exact") -> FigureRow:
        return FigureRow("c", "a", "$", "$", v, v, v, q, None, "", "s", "u")

    assert not disagree(fig(1_100_000), fig(1_120_000))  # "$1.1 million" is rounded
    assert disagree(fig(53), fig(55)) and disagree(fig(100_000), fig(140_000))
    # "More than 100,000" is not "600,000", but it is "150,000".
    assert disagree(fig(100_000, "more than"), fig(600_000)) and not disagree(fig(100_000, "more than"), fig(150_000))


# -- alike but not the same thing ---------------------------------------------------------------


def test_list_items_pair_one_to_one() -> None:
    # Two pages report the same three results in a different order: each figure pairs with its
    # own candidate, nothing disagrees.
    figs = rows(
        ("a", "2025-05-01", "In the Port Selden count, Mayor Halloran won 45 percent, Councillor Ruiz won 38 percent "
                            "and Pastor Osei won 12 percent."),
        ("b", "2025-05-02", "Pastor Osei won 12 percent in the Port Selden count, Councillor Ruiz won 38 percent and "
                            "Mayor Halloran won 45 percent."),
    )
    groups = find_groups(figs, DAYS)
    assert values(groups) == [[12.0, 12.0], [38.0, 38.0], [45.0, 45.0]]
    assert not any(g.disagrees for g in groups)


def test_other_poll_other_year_other_measure() -> None:
    figs = rows(
        # Two pollsters: different samples, not a contradiction.
        ("a", "2025-05-01", "A Tidewater College poll put Mayor Halloran at 45 percent in Port Selden."),
        ("b", "2025-05-02", "A Bay Ledger poll put Mayor Halloran at 39 percent in Port Selden."),
        # Different years.
        ("c", "2025-01-10", "The Harbor Teachers Union raised $2 million in 2023 for its Port Selden campaign."),
        ("d", "2025-01-12", "The Harbor Teachers Union raised $3 million in 2024 for its Port Selden campaign."),
        # A difference against a level.
        ("e", "2025-06-01", "Halloran won 52,000 votes in Port Selden on Tuesday."),
        ("f", "2025-06-02", "Halloran won 12,000 more votes than Ruiz in Port Selden on Tuesday."),
        # A year named on one page only, not the other page's year.
        ("i", "2016-02-22", "Super PACs spent $215 million on the Port Selden mayoral race, the Harbor Ledger found."),
        ("j", "2016-09-22", "Super PACs spent $846.8 million on the Port Selden mayoral race in 2012, the Harbor "
                            "Ledger found."),
        # A window that moves with each page's date.
        ("g", "2025-07-01", "Port Selden teachers have been on strike for the past 12 days, the Harbor union said."),
        ("h", "2025-07-04", "Port Selden teachers have been on strike for the past 15 days, the Harbor union said."),
    )
    assert find_conflicts(figs, DAYS) == []


def test_running_tally_compared_only_within_days() -> None:
    early = ("a", "2025-01-05", "So far, Mayor Halloran has raised $2 million for the Port Selden race.")
    late = ("b", "2025-03-01", "Mayor Halloran has raised $5 million for the Port Selden race so far.")
    soon = ("c", "2025-01-07", "Mayor Halloran has raised $3 million for the Port Selden race so far.")
    assert find_conflicts(rows(early, late), DAYS) == []
    assert values(find_groups(rows(early, soon), DAYS), disagreeing=True) == [[2e6, 3e6]]


def test_different_things_same_noun() -> None:
    # Both count dollars in sentences naming the United States; nothing else says one thing.
    figs = rows(
        ("a", "2025-01-20", "The United States agreed to pay $1.7 billion to settle a claim over equipment."),
        ("b", "2025-03-21", "Carrier's parent receives $5.6 billion annually from the United States government."),
    )
    assert find_groups(figs, DAYS) == []


# -- the helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "figure", "unit", "expected"),
    [
        ("He has won seven of the nine contests.", "seven", "", "part"),
        ("Wyoming will select 23 of its 29 delegates.", "29", "", "whole"),
        ("He won seven of the past eight contests.", "eight", "", "window"),
        ("Clinton is 439 delegates short of the nomination.", "439", "", "difference"),
        ("Clinton leads by 271 delegates.", "271", "", "difference"),
        ("The state party released its list of 25 delegates.", "25", "", "level"),
        ("Congress cut funding two years later.", "two years", "year", "window"),
        ("The union has fought for 53 years.", "53 years", "year", "level"),
    ],
)
def test_role(sentence: str, figure: str, unit: str, expected: str) -> None:
    r = FigureRow("c", "a", "x", unit, 1, 1, 1, "exact", None, sentence, "s", "u", sentence.index(figure), len(figure))
    assert role(r) == expected


def test_time_scope_and_pollster() -> None:
    assert time_scope("Romney won 27 percent in 2012.") == {"2012"}
    assert time_scope("Sanders raised $20 million in January.") == {"jan"}
    assert time_scope("The union said on Saturday.") == frozenset()
    assert pollster("A Quinnipiac University poll released Tuesday") == {"quinnipiac"}
    assert pollster("according to an ABC News/Washington Post poll") >= {"abc", "washington", "post"}
    assert pollster("Trump won 35 percent in New Hampshire.") == frozenset()


def test_stage_writes_paraphrased_conflict(tmp_path: Path, store: Store, settings: Settings) -> None:
    docs = [
        ("https://harbor.example/march", "harbor.example", "2025-06-01",
         "More than 100,000 marched through Port Selden on Saturday in the Harbor Climate March, organisers said."),
        ("https://tide.example/march", "tide.example", "2025-06-03",
         "Police said 600,000 people took part in the Harbor Climate March in Port Selden."),
    ]
    f = tmp_path / "docs.jsonl"
    f.write_text("\n".join(json.dumps({"url": u, "site": s, "published": d, "text": t}) for u, s, d, t in docs))
    ingest([str(f)], settings, store)
    summary = run_claims(store, settings)
    assert summary.conflicts == 1
    got = store.con.execute("SELECT counted_key, value, site FROM conflicts ORDER BY value").fetchall()
    assert got == [("people", 100000.0, "harbor.example"), ("people", 600000.0, "tide.example")]


# -- a subject named in an earlier sentence; a part narrowed by a superlative -----------------


def test_event_toll_whose_sentence_names_no_one() -> None:
    # The second report's figure sentence names no one: its subject (the Harwick mill) is in
    # the sentence before. One closure's job losses, worded differently: a conflict.
    figs = rows(
        ("a", "2025-04-02", "Harwick Textiles will close its Dunmore spinning mill in June, putting 900 workers "
                            "out of a job, the company said."),
        ("b", "2025-04-11", "A week after Harwick Textiles announced the Dunmore closure, the loss looks larger.\n\n"
                            "Figures shared with the union show that 1,400 workers will lose their jobs when the "
                            "mill shuts, once contractors are counted."),
    )
    assert values(find_groups(figs, DAYS), disagreeing=True) == [[900.0, 1400.0]]


def test_borrowed_subject_needs_an_event_toll() -> None:
    # A nameless sentence about money raised is not linked through an earlier sentence's names:
    # amounts per period need shared words, not a shared subject.
    figs = rows(
        ("a", "2025-04-02", "The Dunmore Arts Trust is trying to raise $25 million for the Harwick mill museum."),
        ("b", "2025-04-11", "The Dunmore Arts Trust met on Monday.\n\nEach committee is working to raise more "
                            "than $60 million."),
    )
    assert values(find_groups(figs, DAYS), disagreeing=True) == []


def test_superlative_count_is_a_part_not_the_total() -> None:
    figs = rows(
        ("a", "2025-03-24", "Commuters were stranded, according to Selden Regional Transit, which operates 46 routes "
                            "across the city and its suburbs."),
        ("b", "2025-04-02", "Selden Regional Transit has agreed to review split shifts on its six longest routes "
                            "across the city by the autumn."),
    )
    assert values(find_groups(figs, DAYS), disagreeing=True) == []
    row = next(f for f in figs if f.value == 6)
    assert role(row) == "part"
