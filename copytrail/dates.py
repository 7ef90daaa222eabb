"""The project's one date reader: date strings of metadata and feeds, and dates as printed.

Every stage that reads a date goes through here: page metadata and listing teasers
(:mod:`copytrail.extract.dates`), feed entries (:mod:`copytrail.sources.feeds`) and the time
scope of figures (:mod:`copytrail.claims.figures.context`). Month and weekday names are data, one
file per language (``copytrail/data/dates_<lang>.json``: the full name first, then the other
spellings and abbreviations of the same month), and the examples every language must read are
a table (``copytrail/data/dates.examples.tsv``, run by ``tests/test_dates.py``). A language is
added with one JSON file and its rows in that table.

>>> normalise_date("Fri, 01 May 2020 08:30:00 GMT"), normalise_date("2020-5-1")
('2020-05-01T08:30:00+00:00', '2020-05-01')
>>> shown_date("Monday, March 4, 2024"), shown_date("4. März 2024"), shown_date("۴ مارس ۲۰۲۴")
('2024-03-04', '2024-03-04', '2024-03-04')
>>> instant("2024-01-01T08:00:00Z"), month_names("en")[2], month_number("Sept.")
('2024-01-01T08:00:00+00:00', 'March', 9)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from importlib import resources

# Plausible publication years: htmldate uses a similar window.
MIN_YEAR = 1990
# Arabic-Indic and Persian digits read as ASCII ones (one character for one: offsets hold).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_ISO_DAY = re.compile(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")


@dataclass(frozen=True, slots=True)
class Calendar:
    """The names one language gives months and weekdays (January and Monday first)."""

    language: str
    months: tuple[tuple[str, ...], ...]
    weekdays: tuple[tuple[str, ...], ...]
    day_suffixes: tuple[str, ...]  # "4th", "1er"
    between: tuple[str, ...]  # words between day, month and year: "4 de marzo de 2024"


def _files() -> list[str]:
    folder = resources.files("copytrail") / "data"
    return sorted(
        p.name for p in folder.iterdir() if p.name.startswith("dates_") and p.name.endswith(".json")
    )


LANGUAGES: tuple[str, ...] = tuple(name[6:-5] for name in _files())


@cache
def calendar(language: str) -> Calendar:
    """The month and weekday names of ``language`` (an ISO 639-1 code of :data:`LANGUAGES`).

    >>> calendar("ru").months[2]
    ('март', 'марта')
    """
    if language not in LANGUAGES:
        raise KeyError(f"no month names for language {language!r} (have: {', '.join(LANGUAGES)})")
    path = resources.files("copytrail") / "data" / f"dates_{language}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    months = tuple(tuple(names) for names in raw["months"])
    weekdays = tuple(tuple(names) for names in raw["weekdays"])
    if len(months) != 12 or len(weekdays) != 7:
        raise ValueError(f"{path}: 12 months and 7 weekdays expected")
    return Calendar(
        language,
        months,
        weekdays,
        tuple(raw.get("day_suffixes", ())),
        tuple(raw.get("between", ())),
    )


def month_names(language: str = "en") -> tuple[str, ...]:
    """The twelve full month names of ``language``, January first."""
    return tuple(names[0] for names in calendar(language).months)


def weekday_names(language: str = "en") -> tuple[str, ...]:
    """The seven full weekday names of ``language``, Monday first.

    >>> weekday_names("de")[:2]
    ('Montag', 'Dienstag')
    """
    return tuple(names[0] for names in calendar(language).weekdays)


@cache
def month_words(languages: tuple[str, ...] | None = None) -> dict[str, int]:
    """Every spelling of every month of ``languages`` (all by default), lower-cased -> 1-12.

    >>> month_words(("en",))["sept"], month_words()["марта"], month_words()["آذار"]
    (9, 3, 3)
    """
    out: dict[str, int] = {}
    for lang in languages or LANGUAGES:
        for number, names in enumerate(calendar(lang).months, start=1):
            for name in names:
                key = name.lower()
                if out.setdefault(key, number) != number:
                    raise ValueError(f"{name!r} names two months")
    return out


def month_number(word: str, languages: tuple[str, ...] | None = None) -> int | None:
    """The month a word names (a trailing period ignored), or None.

    >>> month_number("Dez."), month_number("mayo"), month_number("today")
    (12, 5, None)
    """
    return month_words(languages).get(word.strip().rstrip(".").lower())


def ymd(y: str, m: str, d: str) -> str | None:
    """``YYYY-MM-DD`` when the three parts make a real day from :data:`MIN_YEAR` on.

    >>> ymd("2024", "2", "30"), ymd("1985", "1", "1"), ymd("2024", "2", "29")
    (None, None, '2024-02-29')
    """
    try:
        day = date(int(y), int(m), int(d))
    except ValueError:
        return None
    return day.isoformat() if day.year >= MIN_YEAR else None


def read_datetime(value: str | None) -> datetime | None:
    """An ISO 8601 (metadata, Atom) or RFC 822 (RSS, e-mail, HTTP) date, or None.

    >>> read_datetime("Mon, 01 Jan 2024 08:00:00 GMT").isoformat(), read_datetime("soon")
    ('2024-01-01T08:00:00+00:00', None)
    """
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00") if s.endswith("Z") else s)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError, OverflowError):  # OverflowError: a 20-digit hour
        return None


def instant(value: str | None) -> str | None:
    """ISO 8601 of a feed's date, as precise as given; None if unreadable.

    >>> instant("Mon, 01 Jan 2024 08:00:00 GMT"), instant("2024-01-01"), instant("soon")
    ('2024-01-01T08:00:00+00:00', '2024-01-01T00:00:00', None)
    """
    dt = read_datetime(value)
    return dt.isoformat() if dt is not None else None


def normalise_date(value: object) -> str | None:
    """An ISO 8601 date or datetime from a metadata value, or None when it is not one.

    A bare day stays a day; a year before :data:`MIN_YEAR` is no publication date.

    >>> normalise_date("2020-05-01T08:30:00Z"), normalise_date("sometime")
    ('2020-05-01T08:30:00+00:00', None)
    """
    if not isinstance(value, str):
        return None
    s = value.strip()
    dt = read_datetime(s)
    if dt is not None:
        if dt.year < MIN_YEAR:
            return None
        if len(s) <= 10 and dt.hour == dt.minute == dt.second == 0 and dt.tzinfo is None:
            return dt.date().isoformat()
        return dt.isoformat()
    m = _ISO_DAY.search(s)
    return ymd(m.group(1), m.group(2), m.group(3)) if m else None


def _alternation(words: list[str]) -> str:
    # Longest first, so "Sept" is not read as "Sep" + "t"; a space in a name matches any spaces.
    return "|".join(
        r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True)
    )


@cache
def _printed(languages: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(month-first, day-first) patterns of dates as printed in ``languages``."""
    cals = [calendar(lang) for lang in languages]
    month = r"(?P<mon>" + _alternation(list(month_words(languages))) + r")\.?"
    suffixes = sorted({s for c in cals for s in c.day_suffixes}, key=len, reverse=True)
    day = r"(?P<d>[0-3]?\d)" + (r"(?:" + "|".join(suffixes) + r")?" if suffixes else "")
    between = sorted({w for c in cals for w in c.between}, key=len, reverse=True)
    link = r"(?:(?:" + "|".join(between) + r")\s+)?" if between else ""
    year = r"(?P<y>(?:19|20)\d{2})\b"
    month_first = re.compile(r"\b" + month + r"\s+" + day + r",?\s+" + year, re.I)
    day_first = re.compile(r"\b" + day + r"\.?\s+" + link + month + r",?\s+" + link + year, re.I)
    return month_first, day_first


def shown_date(text: str, languages: tuple[str, ...] | None = None) -> str | None:
    """A date as printed on a page ("March 4, 2024", "4 March 2024", "4 de marzo de 2024",
    "4 марта 2024") or ISO, in any of ``languages`` (all by default).

    >>> shown_date("on 12th Sept 2019"), shown_date("le 1er mai 2021"), shown_date("soon")
    ('2019-09-12', '2021-05-01', None)
    """
    text = text.translate(_DIGITS)
    words = month_words(languages)
    for pattern in _printed(languages or LANGUAGES):
        m = pattern.search(text)
        if m:
            mon = words[" ".join(m.group("mon").lower().split())]
            return ymd(m.group("y"), str(mon), m.group("d"))
    m = _ISO_DAY.search(text)
    return ymd(m.group(1), m.group(2), m.group(3)) if m else None
