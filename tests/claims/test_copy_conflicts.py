"""Figures changed inside copies are conflicts ("copied, figure changed"), in any script; the
same figure written differently in a copy is not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copytrail.claims.conflicts import FigureRow
from copytrail.claims.copies import COPY_KIND, aligned_figures, copy_conflicts
from copytrail.claims.queries import conflict_list
from copytrail.claims.stage import article_claims, figure_row, run_claims
from copytrail.pipeline import ingest
from copytrail.report import views
from copytrail.reuse.stage import run_reuse
from copytrail.settings import Settings
from copytrail.store import Store


def _figures(aid: str, text: str, published: str = "2026-06-01") -> list[FigureRow]:
    rows, _ = article_claims(
        {
            "article_id": aid,
            "text": text,
            "site": aid + ".example",
            "url": f"https://{aid}.example/",
            "published": published,
        }
    )
    return [figure_row(r) for r in rows if r["kind"] == "figure"]


def _placed(aid: str, text: str) -> list[tuple[str, int, int]]:
    rows, _ = article_claims({"article_id": aid, "text": text})
    return [(r["claim_id"], r["start_char"], r["end_char"]) for r in rows if r["kind"] == "figure"]


def _conflicts(texts: dict[str, str]) -> list[list[tuple[str, float | None]]]:
    """Copy conflicts among texts that are copies of each other end to end: each conflict as its
    witnesses (article, value) in article order."""
    rows = {f.claim_id: f for aid, t in texts.items() for f in _figures(aid, t)}
    ids = sorted(texts)
    pairs = [
        p
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        for p in aligned_figures(
            texts[a],
            (0, len(texts[a])),
            _placed(a, texts[a]),
            texts[b],
            (0, len(texts[b])),
            _placed(b, texts[b]),
        )
    ]
    return [
        sorted((w.article_id, w.value) for w in c.witnesses) for c in copy_conflicts(pairs, rows)
    ]


SPILL = (
    "Inspectors said a cracked valve at the Brannock pumping station released about {} litres of "
    "untreated sewage into the Lisle canal overnight, and that the operator waited nine hours."
)

# The same copied sentence with a changed figure, per script the figure reader reads.
CHANGED = {
    "fa": (
        "بازرسان گفتند شیر ترک‌خورده ایستگاه پمپاژ برانوک حدود {} لیتر فاضلاب تصفیه‌نشده را "
        "شبانه به کانال لایل ریخت و بهره‌بردار نه ساعت صبر کرد.",
        "۲٬۰۰۰",
        "۲۰٬۰۰۰",
        2000.0,
        20000.0,
    ),
    "ar": (
        "قال المفتشون إن صماما متصدعا في محطة ضخ برانوك سرّب نحو {} لتر من مياه الصرف غير "
        "المعالجة إلى قناة ليل ليلا وإن المشغل انتظر تسع ساعات.",
        "٢٬٠٠٠",
        "٢٠٬٠٠٠",
        2000.0,
        20000.0,
    ),
    "ru": (
        "Инспекторы сообщили, что через треснувший клапан насосной станции Браннок ночью в канал "
        "Лисл попало около {} литров неочищенных стоков, а оператор ждал девять часов.",
        "2 000",
        "20 000",
        2000.0,
        20000.0,
    ),
    "en": (SPILL, "2,000", "20,000", 2000.0, 20000.0),
}


@pytest.mark.parametrize("lang", sorted(CHANGED))
def test_changed_figure_in_a_copy_is_a_conflict(lang: str) -> None:
    template, old, new, old_value, new_value = CHANGED[lang]
    texts = {"a": template.format(old), "b": template.format(old), "c": template.format(new)}
    # One conflict: the copied figure, with every witness of it and both values.
    assert _conflicts(texts) == [[("a", old_value), ("b", old_value), ("c", new_value)]]


@pytest.mark.parametrize("written", ["2000", "two thousand", "2,000"])
def test_same_figure_written_differently_is_no_conflict(written: str) -> None:
    texts = {"a": SPILL.format("2,000"), "b": SPILL.format(written)}
    assert _conflicts(texts) == []
    # ... and the two figures were aligned (a changed value there would be found).
    assert _conflicts({**texts, "c": SPILL.format("3,500")}) == [
        [("a", 2000.0), ("b", 2000.0), ("c", 3500.0)]
    ]


def test_figures_pair_by_place_not_by_order() -> None:
    # A copy that drops the first figure and changes the second: the second pairs with the
    # second, not with the first figure of the original.
    a = "Crews pumped 40 tonnes of silt and 12 barrels of oil out of the Lisle canal on Monday night."
    b = "Crews pumped silt and 15 barrels of oil out of the Lisle canal on Monday night, officials said."
    assert _conflicts({"a": a, "b": b}) == [[("a", 12.0), ("b", 15.0)]]


def test_an_age_updated_a_year_later_is_no_conflict() -> None:
    s = "Ines Carraway, {}, the hydrologist who led the Lisle canal survey, said the samples were clear."
    old, new = _figures("a", s.format(53), "2025-05-01"), _figures("b", s.format(54), "2026-05-01")
    placed_a, placed_b = (
        [(f.claim_id, f.offset, f.offset + f.length) for f in old],
        [(f.claim_id, f.offset, f.offset + f.length) for f in new],
    )
    pairs = aligned_figures(
        s.format(53), (0, len(s) + 2), placed_a, s.format(54), (0, len(s) + 2), placed_b
    )
    assert len(pairs) == 1
    assert copy_conflicts(pairs, {f.claim_id: f for f in old + new}) == []


# -- through the store: reuse alignments, the conflicts table, the CLI list, the Claims page -----

SITES = ["harbourline", "lisle-courier", "eastmere-times", "canal-watch", "westgate-echo"]
PAY = (
    "The Lisle canal trust said it would spend {} on new dredging barges over the next year, "
    "paid for by the county's river fund and a grant from the national waterways board, and "
    "that work would start at the Brannock lock before moving east towards Eastmere."
)


def _docs(tmp_path: Path) -> Path:
    docs = []
    for k, site in enumerate(SITES):
        figure = "20,000" if site == "westgate-echo" else "2,000"
        # A second copied paragraph writes one amount three ways: no conflict.
        amount = ["£2,000,000", "£2 million", "two million pounds", "£2m", "£2,000,000"][k]
        text = (
            f"Residents of {site.title()} woke to a strong smell along the towpath on Friday.\n\n"
            f"{SPILL.format(figure)}\n\n{PAY.format(amount)}\n\n"
            f"The {site} newsroom asked the operator for comment on {k + 2} June."
        )
        docs.append(
            {
                "url": f"https://{site}.example/news/spill",
                "site": f"{site}.example",
                "published": f"2026-06-0{k + 1}T09:00:00+00:00",
                "title": "Spill",
                "text": text,
            }
        )
    f = tmp_path / "docs.jsonl"
    f.write_text("\n".join(json.dumps(d) for d in docs), encoding="utf-8")
    return f


def test_five_sites_one_changed_copy(tmp_path: Path, store: Store, settings: Settings) -> None:
    ingest([str(_docs(tmp_path))], settings, store)
    run_reuse(store, settings)
    summary = run_claims(store, settings)
    assert summary.conflicts == 1
    rows = store.con.execute(
        """SELECT conflict_id, kind, site, value, text, context_before, context_after FROM conflicts
           ORDER BY site"""
    ).fetchall()
    assert {r[0] for r in rows} == {rows[0][0]} and {r[1] for r in rows} == {COPY_KIND}
    assert [(site, value) for _, _, site, value, *_ in rows] == sorted(
        (f"{s}.example", 20000.0 if s == "westgate-echo" else 2000.0) for s in SITES
    )
    changed = next(r for r in rows if r[3] == 20000.0)
    assert (
        "20,000" in changed[4]
        and changed[5].endswith("released ")
        and "untreated sewage" in changed[6]
    )
    # The copied figure's claims point at the conflict.
    groups = store.con.execute(
        "SELECT DISTINCT group_id FROM claims WHERE kind = 'figure' AND value IN (2000, 20000)"
    ).fetchall()
    assert groups == [(rows[0][0],)]
    # `copytrail conflicts` lists one conflict (not five rows), both values with their counts.
    listed = conflict_list(store)
    assert len(listed) == 1 and listed[0]["kind"] == COPY_KIND
    assert listed[0]["values"] == "about 2,000 ×4 / about 20,000"
    # The Claims page shows it under "Conflicting figures", with the copied context.
    page = views.claims(views.Corpus(store.con))
    assert [c["kind"] for c in page["conflicts"]] == [COPY_KIND]
    shown = {w["site"]: w for w in page["conflicts"][0]["witnesses"]}
    assert (
        shown["westgate-echo.example"]["value"] == 20000.0
        and "sewage" in shown["westgate-echo.example"]["context_after"]
    )
