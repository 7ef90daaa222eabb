"""site_ids is a function of the pages stored, whatever the batches, their order, repeats or
removals (Hypothesis)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from copytrail.sites.index import forget_pages, record_page_ids
from copytrail.store import Store

IDS = [("gtm", "GTM-K7Q2ZPD"), ("ga-ua", "UA-4417735"), ("email", "desk@ashby-echo.news")]
page = st.tuples(
    st.sampled_from(["ashby-echo.news", "kestrel-post.org"]),
    st.sets(st.sampled_from(IDS), max_size=3),
    st.one_of(st.none(), st.sampled_from(["2026-03-01", "2026-03-09", "2026-04-02"])),
)


def _tables(
    pages: list[tuple[str, str, set[tuple[str, str]], str | None]],
) -> tuple[pa.Table, pa.Table]:
    ids = [
        {"page_id": p, "site": s, "kind": k, "value": v, "source": "script"}
        for p, s, found, _ in pages
        for k, v in sorted(found)
    ]
    state = [{"page_id": p, "extractor": "1", "date": d} for p, _, _, d in pages]
    schema = pa.schema([(c, pa.string()) for c in ("page_id", "site", "kind", "value", "source")])
    return pa.Table.from_pylist(ids, schema=schema), pa.Table.from_pylist(
        state, schema=pa.schema([(c, pa.string()) for c in ("page_id", "extractor", "date")])
    )


def _expected(pages: list[tuple[str, str, set[tuple[str, str]], str | None]]) -> dict[Any, Any]:
    dates: dict[tuple[str, str, str], list[str | None]] = defaultdict(list)
    for _, s, found, d in pages:
        for k, v in found:
            dates[(s, k, v)].append(d)
    return {
        key: (
            len(ds),
            min((d for d in ds if d), default=None),
            max((d for d in ds if d), default=None),
        )
        for key, ds in dates.items()
    }


@settings(max_examples=25)
@given(st.lists(page, max_size=12), st.randoms(use_true_random=False), st.data())
def test_site_ids_do_not_depend_on_batches_order_repeats_or_removals(
    raw: list[Any], rnd: Any, data: st.DataObject
) -> None:
    pages = [(f"p{i}", s, found, d) for i, (s, found, d) in enumerate(raw)]
    order = pages[:]
    rnd.shuffle(order)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(order)), max_size=4)))
    batches = [order[a:b] for a, b in zip([0, *cuts], [*cuts, len(order)], strict=True)]
    with Store(":memory:") as store:
        for batch in [*batches, *batches[:1]]:  # the first batch again: a rerun adds nothing
            with store.transaction():
                record_page_ids(store, *_tables(batch))
        got = {
            (s, k, v): (n, f, la)
            for s, k, v, n, f, la in store.con.execute("SELECT * FROM site_ids").fetchall()
        }
        assert got == _expected(pages)
        gone = {p for p, *_ in pages if rnd.random() < 0.4}
        with store.transaction():
            forget_pages(store, sorted(gone))
        got = {
            (s, k, v): (n, f, la)
            for s, k, v, n, f, la in store.con.execute("SELECT * FROM site_ids").fetchall()
        }
        assert got == _expected([p for p in pages if p[0] not in gone])
