"""The network scorers netlinks is measured by: a perfect answer scores 1 with no mislabelled wire
pair and no linked trap; each kind of mistake is counted where it belongs."""

from __future__ import annotations

from typing import Any

import pytest
from networkgen import write_network_corpus
from networkscore import score_links

from copytrail.store import Store


@pytest.fixture(scope="module")
def truth(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return write_network_corpus(tmp_path_factory.mktemp("truth"), seed=11)


def _answer(
    store: Store, links: list[tuple[str, str, str]], networks: list[tuple[str, str, str]]
) -> None:
    store.con.execute(
        "CREATE OR REPLACE TABLE site_links (site_a VARCHAR, site_b VARCHAR, label VARCHAR, score DOUBLE, evidence JSON)"
    )
    store.con.execute(
        "CREATE OR REPLACE TABLE networks (network_id VARCHAR, site VARCHAR, label VARCHAR)"
    )
    for a, b, label in links:
        store.con.execute(
            "INSERT INTO site_links VALUES (?, ?, ?, 1.0, '{}')", [min(a, b), max(a, b), label]
        )
    for row in networks:
        store.con.execute("INSERT INTO networks VALUES (?, ?, ?)", list(row))


def _perfect(
    truth: dict[str, Any],
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    links = [(a, b, "shared-owner") for a, b in truth["shared_owner_pairs"]]
    links += [(a, b, "coordination") for a, b in truth["coordination_pairs"]]
    links += [(a, b, "syndication") for a, b in truth["wire_pairs"]]
    nets = [(n["id"], s, n["label"]) for n in truth["networks"] for s in n["sites"]]
    return links, nets


def test_the_truth_itself_scores_perfectly(truth: dict[str, Any], store: Store) -> None:
    _answer(store, *_perfect(truth))
    s = score_links(store, truth)
    assert (s["network_precision"], s["network_recall"], s["shared_owner_recall"]) == (
        1.0,
        1.0,
        1.0,
    )
    assert (s["wire_as_coordination"], s["trap_pairs_linked"]) == (0, 0)


def test_each_mistake_is_counted_where_it_belongs(truth: dict[str, Any], store: Store) -> None:
    links, nets = _perfect(truth)
    agency = next(
        t["pair"]
        for t in truth["trap_pairs"]
        if t["trap"] == "agency-gtm" and t["pair"] not in truth["wire_pairs"]
    )
    wire = truth["wire_pairs"][0]
    group = next(n for n in truth["networks"] if n["label"] == "shared-owner")
    links = [
        x
        for x in links
        if [x[0], x[1]] != wire and not (x[2] == "shared-owner" and x[0] in group["sites"])
    ]
    links += [(wire[0], wire[1], "coordination"), (agency[0], agency[1], "coordination")]
    links += [(a, b, "coordination") for a, b in truth["shared_owner_pairs"] if a in group["sites"]]
    nets += [("agency", agency[0], "coordination"), ("agency", agency[1], "coordination")]
    _answer(store, links, nets)
    s = score_links(store, truth)
    assert s["wire_as_coordination"] == 1 and s["wire_mislabelled"] == [tuple(sorted(wire))]
    assert s["trap_pairs_linked"] >= 1 and any(t["trap"] == "agency-gtm" for t in s["traps_linked"])
    assert s["shared_owner_recall"] < 1.0  # the group was found, but not as disclosed ownership
    assert s["network_precision"] < 1.0 and s["network_recall"] == 1.0
    assert tuple(sorted(agency)) in s["spurious_network_pairs"]
