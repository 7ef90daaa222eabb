"""Typed timestamps for exports: the store's date strings as UTC instants.

The store keeps dates as the text each source gave (``2024-03-04``,
``2024-03-04T10:00:00+02:00``, ``2024-03-04 08:00:00Z``), which JSONL and CSV exports keep
verbatim. Parquet readers expect one typed column, so :func:`typed_dates` turns every known
date column of an export into ``timestamp[us, tz=UTC]``: an instant with an offset is
converted to UTC, a local time without one is taken as UTC, a bare date is its midnight UTC,
and a partial date (``2024-03``, ``2024``) is the start of that month or year. Text that is no
date becomes null, never an error (the JSONL/CSV exports still have it).

>>> import pyarrow as pa
>>> t = pa.table({"published": ["2024-03-04", "2024-03-04T10:00:00+02:00", "2024-03", "soon", None]})
>>> [v.isoformat() if v else None for v in typed_dates(t).column("published").to_pylist()]
['2024-03-04T00:00:00+00:00', '2024-03-04T08:00:00+00:00', '2024-03-01T00:00:00+00:00', None, None]
>>> typed_dates(t).schema.field("published").type
TimestampType(timestamp[us, tz=UTC])
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pyarrow as pa

# Columns of the exports (any stage's) that hold dates or instants.
DATE_COLUMNS = frozenset(
    {
        "published",
        "parent_published",
        "first_date",
        "last_date",
        "fetched_at",
        "first_seen",
        "started",
        "finished",
        "first_published",
        "last_published",
    }
)

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
UTC_TS = pa.timestamp("us", tz="UTC")


def parse_instant(value: str | None) -> datetime | None:
    """One date string as an aware UTC datetime, or ``None`` (module docstring).

    >>> parse_instant("2024-03-04 23:30:00-05:00").isoformat()
    '2024-03-05T04:30:00+00:00'
    """
    if not value:
        return None
    text = value.strip()
    m = _PARTIAL.match(text)
    if m:
        try:
            return datetime(int(m.group(1)), int(m.group(2) or 1), 1, tzinfo=UTC)
        except ValueError:
            return None
    try:
        dt = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def typed_dates(table: pa.Table) -> pa.Table:
    """``table`` with each string column of :data:`DATE_COLUMNS` as UTC timestamps."""
    for i, name in enumerate(table.column_names):
        col = table.column(i)
        if name in DATE_COLUMNS and (
            pa.types.is_string(col.type) or pa.types.is_large_string(col.type)
        ):
            values = [parse_instant(v) for v in col.to_pylist()]
            table = table.set_column(i, pa.field(name, UTC_TS), pa.array(values, UTC_TS))
        elif name in DATE_COLUMNS and pa.types.is_timestamp(col.type) and col.type.tz is None:
            table = table.set_column(i, pa.field(name, UTC_TS), col.cast(UTC_TS))
    return table
