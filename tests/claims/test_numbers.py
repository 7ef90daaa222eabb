"""Number parsing: digit strings with any separator, number words, fractions, folding."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from copytrail.claims.figures.numbers import (
    fold_digits,
    fraction_value,
    parse_digits,
    words_value,
)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1,200", 1200.0),
        ("1.200", 1200.0),
        ("1 200", 1200.0),
        ("1'200", 1200.0),
        ("1.5", 1.5),
        ("12,345,678", 12345678.0),
        ("1.234.567", 1234567.0),
        ("1,234.56", 1234.56),
        ("1.234,56", 1234.56),
        ("0.001", 0.001),
        (".534", 0.534),
        ("3,5", 3.5),
        ("16369.03", 16369.03),
        ("007", 7.0),
    ],
)
def test_parse_digits(raw: str, value: float) -> None:
    assert parse_digits(raw) == pytest.approx(value)


def test_decimal_hint_reads_a_single_dot_group_as_decimal() -> None:
    # "1.356 billion" can only be a decimal; "1,356 billion" is English thousands.
    assert parse_digits("1.356", decimal_hint=True) == pytest.approx(1.356)
    assert parse_digits("1,356", decimal_hint=True) == 1356.0
    assert parse_digits("1.356.000", decimal_hint=True) == 1356000.0


@pytest.mark.parametrize("raw", ["", "abc", "1,2,3.4,5", "12.34.5", "."])
def test_parse_digits_rejects_non_numbers(raw: str) -> None:
    assert parse_digits(raw) is None


def test_fold_digits_keeps_length_and_maps_arabic_and_persian() -> None:
    arabic = "٠١٢٣٤٥٦٧٨٩"
    persian = "۰۱۲۳۴۵۶۷۸۹"
    assert fold_digits(arabic) == "0123456789"
    assert fold_digits(persian) == "0123456789"
    mixed = "بلغ ١٢٬٥٠٠ شخص و ۳٫۵ مليون"
    folded = fold_digits(mixed)
    assert len(folded) == len(mixed)
    assert "12,500" in folded and "3.5" in folded


@given(st.text())
def test_fold_digits_is_length_preserving(text: str) -> None:
    assert len(fold_digits(text)) == len(text)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("one", 1),
        ("twelve", 12),
        ("twenty-one", 21),
        ("Thirty-thousand", 30000),
        ("a hundred and twenty thousand", 120000),
        ("two hundred and five", 205),
        ("one million", 1e6),
        ("three million", 3e6),
        ("half a million", 500000),
        ("two and a half", 2.5),
        ("a dozen", 12),
        ("nine hundred ninety-nine", 999),
        ("twenty-eight thousand six hundred forty-two", 28642),
        ("one point five million", 1.5e6),
        ("five billion", 5e9),
    ],
)
def test_words_value(words: str, value: float) -> None:
    assert words_value(words.split()) == pytest.approx(value)


@pytest.mark.parametrize("words", ["and", "a", "apple", "one banana", ""])
def test_words_value_rejects(words: str) -> None:
    assert words_value(words.split()) is None


def test_fraction_value() -> None:
    assert fraction_value("a", "third") == pytest.approx(1 / 3)
    assert fraction_value("two", "thirds") == pytest.approx(2 / 3)
    assert fraction_value("three", "quarters") == pytest.approx(0.75)
    assert fraction_value("one", "half") == 0.5
    assert fraction_value("two", "apples") is None


@given(st.integers(min_value=0, max_value=10**12))
def test_english_thousands_round_trip(n: int) -> None:
    assert parse_digits(f"{n:,}") == n
    assert parse_digits(f"{n:,}".replace(",", " ")) == n


def test_stacked_scales_multiply() -> None:
    assert words_value(["a", "thousand", "million"]) == 1e9
    assert words_value(["two", "thousand", "million"]) == 2e9
    assert words_value(["one", "million", "two", "hundred", "thousand"]) == 1.2e6
