"""A page belongs to the site that served it, whatever its ``rel=canonical`` says.

Syndication partners point ``rel=canonical`` (and sometimes ``og:url``) at the originating
publisher. Such a reprint must keep its own URL and site, stay in ``corpus_articles``, and be a
witness of the original's family; the cross-site canonical is kept as a credit. A canonical on
the page's own site still names it, so same-site duplicates still collapse.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from copytrail.export import export_table
from copytrail.pipeline import ingest
from copytrail.reuse.export import reuse_table
from copytrail.reuse.stage import run_reuse
from copytrail.settings import Settings
from copytrail.store import Store


def words(seed: int, n: int) -> list[str]:
    """Pseudo-words that never repeat by chance across seeds."""
    syl = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "de", "pa", "zu", "ge", "ho", "fi"]
    rng = random.Random(seed)
    return ["".join(rng.choice(syl) for _ in range(rng.randint(2, 4))) for _ in range(n)]


def passage(seed: int, n: int) -> str:
    return " ".join(words(seed, n)).capitalize()


def filler(seed: int, sentences: int) -> str:
    return " ".join(passage(seed * 100 + k, 10) + "." for k in range(sentences))


ORIGIN = "https://origin-news.example/2026/05/01/river-report/"
STORY = passage(9101, 60) + ". " + passage(9102, 40) + "."


def page(
    site: str,
    path: str,
    body: str,
    published: str,
    canonical: str | None,
    site_name: str,
    og_url: str | None = None,
) -> str:
    """A saved article page of ``site``: navigation to its own sections, a dated body."""
    nav = "".join(
        f'<li><a href="https://{site}/{section}/">{section.title()}</a></li>'
        for section in ("news", "sport", "opinion", "about")
    )
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    if og_url:
        head += f'<meta property="og:url" content="{og_url}">'
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>River report - {site_name}</title>{head}
<meta property="og:site_name" content="{site_name}">
<meta property="article:published_time" content="{published}"></head>
<body><header><a href="https://{site}/">{site_name}</a><nav><ul>{nav}</ul></nav></header>
<article><h1>River report</h1><p>{body}</p><p>{filler(len(site) * 31 + len(path), 3)}</p></article>
<footer><a href="https://{site}/contact/">Contact</a></footer></body></html>"""


def corpus_rows(store: Store) -> list[tuple[str, str, str | None]]:
    return store.con.execute(
        "SELECT site, url, json_extract_string(extra, '$.credited_url') FROM corpus_articles "
        "ORDER BY site"
    ).fetchall()


def family_sites(store: Store) -> dict[str, set[str]]:
    fams: dict[str, set[str]] = {}
    for r in reuse_table(store, "passages").to_pylist():
        fams.setdefault(r["family"], set()).add(r["site"])
    return fams


def test_saved_reprint_pointing_canonical_at_original_keeps_its_site(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    origin = tmp_path / "html" / "origin-news.example"
    reprinter = tmp_path / "html" / "valley-partner.example"
    origin.mkdir(parents=True)
    reprinter.mkdir(parents=True)
    (origin / "river-report.html").write_text(
        page("origin-news.example", "a", STORY, "2026-05-01T08:00:00+00:00", ORIGIN, "Origin News")
    )
    (reprinter / "river-report.html").write_text(
        page(
            "valley-partner.example",
            "b",
            STORY,
            "2026-05-01T15:00:00+00:00",
            ORIGIN,
            "Valley Partner",
            og_url=ORIGIN,
        )
    )
    ingest([str(tmp_path)], settings.replace(boilerplate=False), store)
    rows = corpus_rows(store)
    assert [r[0] for r in rows] == ["origin-news.example", "valley-partner.example"]
    origin_row, reprint_row = rows
    assert origin_row[1] == ORIGIN and origin_row[2] is None
    assert reprint_row[1].startswith("file:///") and reprint_row[2] == ORIGIN
    exported = {r["site"]: r["credited_url"] for r in export_table(store, "articles").to_pylist()}
    assert exported == {"origin-news.example": None, "valley-partner.example": ORIGIN}

    run_reuse(store, settings)
    fams = family_sites(store)
    assert list(fams.values()) == [{"origin-news.example", "valley-partner.example"}]
    by_site = {r["site"]: r for r in reuse_table(store, "passages").to_pylist()}
    assert (
        by_site["valley-partner.example"]["copied_from"]
        == by_site["origin-news.example"]["article"]
    )


def test_canonical_agreeing_with_its_folder_is_the_page_url(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    folder = tmp_path / "origin-news.example"
    folder.mkdir()
    (folder / "a.html").write_text(
        page("origin-news.example", "a", STORY, "2026-05-01T08:00:00+00:00", ORIGIN, "Origin News")
    )
    ingest([str(tmp_path)], settings.replace(boilerplate=False), store)
    assert corpus_rows(store) == [("origin-news.example", ORIGIN, None)]


def test_og_url_of_own_site_wins_over_cross_site_canonical(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    own = "https://valley-partner.example/news/river-report"
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "b.html").write_text(
        page(
            "valley-partner.example",
            "b",
            STORY,
            "2026-05-01T15:00:00+00:00",
            ORIGIN,
            "Valley Partner",
            og_url=own,
        )
    )
    ingest([str(tmp_path)], settings.replace(boilerplate=False), store)
    # Only the page's own links say where it was served: og:url agrees, the canonical does not.
    assert corpus_rows(store) == [("valley-partner.example", own, None)]


def warc_bytes(records: list[tuple[str, str]]) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, body in records:
        head = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode()), http_headers=head
            )
        )
    return buf.getvalue()


def test_warc_reprint_with_cross_site_canonical_is_its_own_witness(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    reprint_url = "https://valley-partner.example/news/river-report?utm_source=feed"
    same_site_copy = "https://valley-partner.example/news/river-report/amp"
    data = warc_bytes(
        [
            (
                ORIGIN,
                page(
                    "origin-news.example",
                    "a",
                    STORY,
                    "2026-05-01T08:00:00+00:00",
                    ORIGIN,
                    "Origin News",
                ),
            ),
            (
                reprint_url,
                page(
                    "valley-partner.example",
                    "b",
                    STORY,
                    "2026-05-01T15:00:00+00:00",
                    ORIGIN,
                    "Valley Partner",
                ),
            ),
            # The reprinter's AMP copy names the reprint as canonical: one article, not two.
            (
                same_site_copy,
                page(
                    "valley-partner.example",
                    "b",
                    STORY,
                    "2026-05-01T15:00:00+00:00",
                    "https://valley-partner.example/news/river-report",
                    "Valley Partner",
                ),
            ),
        ]
    )
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    ingest([str(tmp_path / "crawl.warc.gz")], settings.replace(boilerplate=False), store)
    rows = corpus_rows(store)
    assert [r[0] for r in rows] == ["origin-news.example", "valley-partner.example"]
    assert rows[1][1].startswith("https://valley-partner.example/news/river-report")
    credits = store.con.execute(
        "SELECT url, canonical_url, json_extract_string(extra, '$.credited_url') FROM articles "
        "WHERE site = 'valley-partner.example' ORDER BY url"
    ).fetchall()
    assert credits == [
        (same_site_copy, "https://valley-partner.example/news/river-report", None),
        (reprint_url, "https://valley-partner.example/news/river-report", ORIGIN),
    ]
    run_reuse(store, settings)
    assert list(family_sites(store).values()) == [{"origin-news.example", "valley-partner.example"}]
