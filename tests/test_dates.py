"""The project's one date reader (copytrail.dates): its example table, per language, and the
readers that now go through it (page metadata, feeds, the time scope of figures)."""

from __future__ import annotations

from importlib import resources

import pytest

from copytrail import dates
from copytrail.claims.figures.context import _TIME_NAMES, time_scope
from copytrail.extract.dates import normalise_date as extract_normalise
from copytrail.sources.feeds import _date as feed_date


def _examples() -> list[tuple[str, str, str, str]]:
    text = (resources.files("copytrail") / "data" / "dates.examples.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            reader, lang, value, *expected = line.split("\t")
            rows.append((reader, lang, value, expected[0] if expected else ""))
    return rows


EXAMPLES = _examples()


@pytest.mark.parametrize(("reader", "lang", "value", "expected"), EXAMPLES)
def test_example_table(reader: str, lang: str, value: str, expected: str) -> None:
    langs = None if lang == "-" else (lang,)
    got = {
        "shown": lambda: dates.shown_date(value, langs),
        "normalise": lambda: dates.normalise_date(value),
        "instant": lambda: dates.instant(value),
        "month": lambda: dates.month_number(value, langs),
    }[reader]()
    assert (str(got) if got is not None else "") == expected


def test_every_language_has_examples_and_full_calendars() -> None:
    shown = {lang for reader, lang, _, expected in EXAMPLES if reader == "shown" and expected}
    months = {lang for reader, lang, _, expected in EXAMPLES if reader == "month" and expected}
    assert set(dates.LANGUAGES) == shown == months
    for lang in dates.LANGUAGES:
        assert len(dates.month_names(lang)) == 12 and len(dates.weekday_names(lang)) == 7
    dates.month_words()  # raises if one spelling names two months in any language


def test_all_languages_at_once() -> None:
    # Without a language, any known language is read: a listing page does not say its own.
    assert dates.shown_date("Publié le 2 juin 2018 · 3 June 2018") == "2018-06-02"
    assert dates.shown_date("nothing here 12 34 2020") is None


def test_readers_share_the_one_reader() -> None:
    assert extract_normalise is dates.normalise_date
    assert feed_date("Tue, 02 Jan 2024 10:00:00 +0100") == "2024-01-02T10:00:00+01:00"
    assert feed_date("2024-01-02 10:00") == "2024-01-02T10:00:00"
    assert feed_date(None) is None
    assert time_scope("Sales rose in Sept. 2011 and in March.") == frozenset({"sep", "2011", "mar"})
    assert {"sept", "may", "monday"} <= _TIME_NAMES and "mon" not in _TIME_NAMES
