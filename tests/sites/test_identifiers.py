"""Identifier extraction, case by case from a data table of invented snippets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from copytrail.sites.identifiers import KINDS, extract_identifiers, is_placeholder

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "identifier_cases.json").read_text("utf-8")
)["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_extraction_case(case: dict[str, Any]) -> None:
    got = extract_identifiers(
        case["html"].encode("utf-8"), case.get("url", "https://lowmoor-post.news/a")
    )
    assert sorted(got) == sorted(tuple(f) for f in case["found"])


def test_every_kind_has_a_case() -> None:
    covered = {f[0] for c in CASES for f in c["found"]}
    assert covered == set(KINDS)


def test_ua_properties_of_one_account_compare_equal_and_accounts_differ() -> None:
    a = extract_identifiers(b"<script>ga('create','UA-5550123-1')</script>")
    b = extract_identifiers(b"<script>ga('create','UA-5550123-7')</script>")
    c = extract_identifiers(b"<script>ga('create','UA-5550124-1')</script>")
    assert a == b != c


def test_placeholder_list_is_data_and_real_values_pass() -> None:
    assert is_placeholder("gtm", "GTM-XXXXXXX") and is_placeholder("ga-ua", "UA-000000")
    assert not is_placeholder("gtm", "GTM-K7Q2ZPD") and not is_placeholder("ga-ua", "UA-4417735")


def test_source_is_where_the_identifier_first_occurs() -> None:
    noscript_first = b"<noscript><img src='https://mc.yandex.ru/watch/47720013'></noscript><script>ym(47720013, 'init')</script>"
    script_first = b"<script>ym(47720013, 'init')</script><noscript><img src='https://mc.yandex.ru/watch/47720013'></noscript>"
    assert extract_identifiers(noscript_first) == [("yandex-metrica", "47720013", "noscript")]
    assert extract_identifiers(script_first) == [("yandex-metrica", "47720013", "script")]
