"""Small stores for the explorer tests, written row by row into the real store schema.

The reuse and claims tables are created with the DDL of their own stages.
Offsets, families, edges and conflicts are computed from the planted texts, not typed in, so a
test fails when the explorer shows the wrong span.
"""

from __future__ import annotations

import json
import statistics
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from copytrail.claims.tables import CLAIMS_DDL
from copytrail.ids import content_hash, stable_id
from copytrail.model import join_paragraphs
from copytrail.store import Store


def reuse_ddl() -> tuple[str, ...]:
    from copytrail.reuse.tables import REUSE_DDL

    return REUSE_DDL


@dataclass
class Doc:
    site: str
    slug: str
    title: str
    published: str | None
    paragraphs: list[str]
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    language: str | None = "en"
    page_type: str = "article"
    published_source: str | None = "meta"
    url: str | None = None
    source_offset: int = -1
    extra_sources: list[tuple[str, int]] = field(default_factory=list)

    @property
    def page_url(self) -> str:
        return self.url if self.url is not None else f"https://{self.site}/news/{self.slug}"

    @property
    def text(self) -> str:
        return join_paragraphs([("p", p) for p in self.paragraphs])[0]


@dataclass
class Built:
    """Ids of what was written, for assertions."""

    article_ids: list[str]
    family_ids: list[str]
    claim_ids: list[str]
    path: str


def _aid(doc: Doc) -> str:
    return stable_id("article", doc.page_url, doc.slug)


def write_store(
    path: str | Path,
    docs: list[Doc],
    families: list[list[tuple[int, str]]],
    figures: list[tuple[int, str, float, str, str | None]] = (),  # type: ignore[assignment]
    quotes: list[tuple[int, str, str]] = (),  # type: ignore[assignment]
    with_reuse: bool = True,
    with_claims: bool = True,
) -> Built:
    """Write ``docs`` as pages + articles, plus reuse and claims rows planted in their text.

    ``families``: per family, (doc index, exact passage text in that doc), earliest first.
    ``figures``: (doc index, mention text, value, counted_key, unit). ``quotes``: (doc index,
    quoted text, speaker).
    """
    Path(path).unlink(missing_ok=True)
    store = Store(str(path))
    con = store.con
    con.execute("BEGIN TRANSACTION")  # one commit: row-by-row autocommits are 20x slower
    aids = [_aid(d) for d in docs]
    texts = [d.text for d in docs]
    for i, d in enumerate(docs):
        body = f"<html><head><title>{d.title}</title></head><body><p>{'</p><p>'.join(d.paragraphs)}</p></body></html>"
        raw = body.encode("utf-8", "surrogatepass")
        pid = stable_id("page", d.page_url, content_hash(raw))
        src = f"{d.site}/{d.slug}.html"
        con.execute(
            "INSERT INTO pages VALUES (?, ?, ?, ?, 'html', 'text/html', ?, 200, ?, ?, ?, ?, ?, ?)",
            [pid, d.page_url, d.page_url, d.site, "2024-06-01T00:00:00Z", content_hash(raw),
             len(raw), zlib.compress(raw), json.dumps({}), src, d.source_offset],
        )
        con.execute("INSERT INTO page_sources VALUES (?, ?, ?)", [pid, src, d.source_offset])
        for extra, off in d.extra_sources:
            con.execute("INSERT INTO page_sources VALUES (?, ?, ?)", [pid, extra, off])
        text, paras = join_paragraphs([("p", p) for p in d.paragraphs])
        pj = json.dumps([[p.start, p.end, p.kind] for p in paras])
        con.execute(
            """INSERT INTO articles (article_id, page_id, url, canonical_url, site, page_type,
                   item_index, title, authors, published, published_source, language, tags, text,
                   paragraphs, raw_text, raw_paragraphs, source, content_hash, extra)
               VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')""",
            [aids[i], pid, d.page_url, d.page_url, d.site, d.page_type, d.title, list(d.authors),
             d.published, d.published_source, d.language, list(d.tags), text, pj, text, pj, src,
             content_hash(text.encode("utf-8", "surrogatepass"))],
        )
    fids: list[str] = []
    if with_reuse:
        for stmt in reuse_ddl():
            con.execute(stmt)
        edge_lags: dict[tuple[str, str], list[float]] = defaultdict(list)
        for members in families:
            fid = stable_id("family", *(p for _, p in members))
            fids.append(fid)
            first = members[0][0]
            dates = [docs[i].published for i, _ in members if docs[i].published]
            sites = {docs[i].site for i, _ in members}
            for k, (i, passage) in enumerate(members):
                start = texts[i].index(passage)
                con.execute(
                    """INSERT INTO passages (passage_id, family_id, article_id, start, "end", text,
                           url, site, published, published_source, earliest, copied_from_article,
                           copied_from_passage, self_reuse, banal)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)""",
                    [stable_id(fid, aids[i]), fid, aids[i], start, start + len(passage), passage,
                     docs[i].page_url, docs[i].site, docs[i].published, docs[i].published_source,
                     k == 0, None if k == 0 else aids[first],
                     None if k == 0 else stable_id(fid, aids[first]),
                     k > 0 and docs[i].site == docs[first].site],
                )
                if k and docs[i].site != docs[first].site:
                    lag = _days(docs[first].published, docs[i].published)
                    edge_lags[(docs[first].site, docs[i].site)].append(lag)
            con.execute(
                """INSERT INTO families (family_id, witnesses, articles, sites, earliest_article,
                       earliest_passage, first_date, last_date, banal, text)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)""",
                [fid, len(members), len(members), len(sites), aids[first],
                 stable_id(fid, aids[first]), min(dates, default=None), max(dates, default=None),
                 members[0][1]],
            )
        per_dst = defaultdict(int)
        for (_, dst), lags in edge_lags.items():
            per_dst[dst] += len(lags)
        for (src, dst), lags in sorted(edge_lags.items()):
            con.execute(
                """INSERT INTO site_edges (src_site, dst_site, families, reprints,
                       median_lag_days, reprint_share) VALUES (?, ?, ?, ?, ?, ?)""",
                [src, dst, len(lags), len(lags), statistics.median(lags),
                 len(lags) / max(1, per_dst[dst])],
            )
    cids: list[str] = []
    if with_claims:
        for stmt in CLAIMS_DDL:
            con.execute(stmt)
        by_key: dict[str, list[tuple[str, int, float, str | None]]] = defaultdict(list)
        for i, mention, value, key, unit in figures:
            start = texts[i].index(mention)
            cid = stable_id("claim", aids[i], start, "figure")
            cids.append(cid)
            con.execute(
                """INSERT INTO claims (claim_id, article_id, kind, start_char, end_char, text,
                       sentence, value, unit, counted, counted_key, site, url, published)
                   VALUES (?, ?, 'figure', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [cid, aids[i], start, start + len(mention), mention, _sentence(texts[i], start),
                 value, unit, key, key, docs[i].site, docs[i].page_url, docs[i].published],
            )
            by_key[key].append((cid, i, value, unit))
        for key, group in by_key.items():
            if len({v for _, _, v, _ in group}) < 2:
                continue
            conflict = stable_id("conflict", key)
            for cid, i, value, unit in group:
                con.execute(
                    """INSERT INTO conflicts (conflict_id, counted_key, unit, claim_id, article_id, value,
                           low, high, qualifier, published, site, url, sentence)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'exact', ?, ?, ?, ?)""",
                    [conflict, key, unit, cid, aids[i], value, value, value, docs[i].published,
                     docs[i].site, docs[i].page_url,
                     _sentence(texts[i], texts[i].index(next(m for j, m, v, k, u in figures if j == i and k == key)))],
                )
        for i, quote, speaker in quotes:
            start = texts[i].index(quote)
            cid = stable_id("claim", aids[i], start, "quote")
            cids.append(cid)
            con.execute(
                """INSERT INTO claims (claim_id, article_id, kind, start_char, end_char, text,
                       speaker, speaker_key, site, url, published)
                   VALUES (?, ?, 'quote', ?, ?, ?, ?, ?, ?, ?, ?)""",
                [cid, aids[i], start, start + len(quote), quote, speaker, speaker.lower(),
                 docs[i].site, docs[i].page_url, docs[i].published],
            )
    con.execute("COMMIT")
    store.close()
    return Built(aids, fids, cids, str(path))


def _days(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    return float((date.fromisoformat(b[:10]) - date.fromisoformat(a[:10])).days)


def _sentence(text: str, pos: int) -> str:
    start = text.rfind(". ", 0, pos) + 1
    end = text.find(". ", pos)
    return text[start: end + 1 if end >= 0 else len(text)].strip()


# -- the demo corpus: four valley news sites reprinting two press releases ----------------------

RELEASE = (
    "The Rivervale water board announced on Monday that the reservoir upgrade will cost "
    "4.2 million euros and take two years to finish, with work starting in the spring."
)
RELEASE_EDITED = (
    "The Rivervale water board said on Monday that the reservoir upgrade will cost "
    "4.5 million euros and take two years to finish, with work starting in the spring."
)
STATEMENT = (
    "Volunteers from the river keepers collected more than 300 bags of rubbish along the "
    "north bank during the weekend clean-up, the group said in a statement."
)
STATEMENT_EDITED = (
    "Volunteers from the river keepers group collected more than 300 bags of rubbish along the "
    "north bank during the weekend clean-up, the group said in a statement on Sunday."
)
QUOTE = "We are proud of every volunteer who turned up in the rain"


def demo_docs() -> tuple[list[Doc], list[list[tuple[int, str]]], list, list]:
    """Documents, families, figures and quotes of the demo corpus."""
    filler = [
        "The council will meet again on Thursday to consider the proposal in detail.",
        "Residents may submit written comments before then through the usual channels.",
        "Local traders said the market square would stay open during the works.",
        "The library extends its opening hours in the summer for students.",
    ]
    docs = [
        Doc("rivervale-herald.example", "reservoir-upgrade", "Reservoir upgrade to cost 4.2 million",
            "2024-03-04", [RELEASE, filler[0]], ("Ann Reed",), ("water", "council"), source_offset=0),
        Doc("valleywire.example", "reservoir-plan", "Water board unveils reservoir plan",
            "2024-03-05", ["From our partners.", RELEASE, filler[1]], ("Wire staff",), ("water",)),
        Doc("northgate-daily.example", "reservoir-cost", "Reservoir bill rises",
            "2024-03-09", [RELEASE_EDITED, filler[2]], ("Bo Lind",), ("water", "budget"),
            source_offset=1234, extra_sources=[("crawl-2.warc.gz", 98765)]),
        Doc("citizens-voice.example", "river-clean-up", "Hundreds of bags collected",
            "2024-04-08", [STATEMENT, f'"{QUOTE}," said Maria Okafor.'], ("C. Voice",), ("river",)),
        Doc("valleywire.example", "clean-up", "River clean-up a success",
            "2024-04-09", [STATEMENT_EDITED, filler[3]], ("Wire staff",), ("river",)),
        Doc("rivervale-herald.example", "clean-up-weekend", "Weekend clean-up on the river",
            "2024-04-12", [STATEMENT, f'"{QUOTE}," Okafor told the Herald.'], ("Ann Reed",),
            ("river", "volunteers")),
        Doc("northgate-daily.example", "library-hours", "Library hours extended",
            "2024-05-02", [filler[3], filler[1]], ("Bo Lind",), ("library",), language="en"),
        Doc("lowmoor-post.example", "markt", "Der Markt bleibt offen",
            "2024-05-20", ["Der Marktplatz bleibt während der Arbeiten geöffnet, sagten Händler."],
            ("Lena Berg",), ("markt",), language="de"),
    ]
    families = [
        [(0, RELEASE), (1, RELEASE), (2, RELEASE_EDITED)],
        [(3, STATEMENT), (4, STATEMENT_EDITED), (5, STATEMENT)],
    ]
    figures = [
        (0, "4.2 million euros", 4_200_000.0, "reservoir upgrade cost", "EUR"),
        (1, "4.2 million euros", 4_200_000.0, "reservoir upgrade cost", "EUR"),
        (2, "4.5 million euros", 4_500_000.0, "reservoir upgrade cost", "EUR"),
        (3, "300 bags", 300.0, "bags of rubbish", None),
    ]
    quotes = [(3, QUOTE, "Maria Okafor"), (5, QUOTE, "Maria Okafor")]
    return docs, families, figures, quotes


def build_demo(path: str | Path, with_reuse: bool = True, with_claims: bool = True) -> Built:
    docs, families, figures, quotes = demo_docs()
    return write_store(path, docs, families, figures, quotes, with_reuse, with_claims)


# -- the hostile corpus: every field carries XSS vectors ----------------------------------------

VECTORS_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "xss" / "vectors.txt"


def load_vectors() -> list[str]:
    lines = VECTORS_FILE.read_text(encoding="utf-8").splitlines()
    return [v for v in lines if v.strip() and not v.startswith("# ")]


def build_xss(path: str | Path) -> Built:
    """One article per vector, the vector in site, title, author, tag, URL, text and claims."""
    vectors = load_vectors()
    docs: list[Doc] = []
    families: list[list[tuple[int, str]]] = []
    figures = []
    quotes = []
    for k, v in enumerate(vectors):
        shared = f"Shared passage {k // 2} about {v} reprinted on purpose for the test corpus."
        docs.append(Doc(
            site=f"{v[:40]}{k % 3}",
            slug=f"x{k}",
            title=f"{v} title {k}",
            published=f"2024-0{1 + k % 9}-{10 + k % 18}",
            paragraphs=[f"Opening {v} line.", shared, f"Figure: {k + 1} protesters {v}.",
                        f'"{v} quoted {k}," said {v}.'],
            authors=(v, f"Author {k}"),
            tags=(v, "xss"),
            language="en" if k % 4 else v[:20],
            published_source=v[:30] if k % 5 == 0 else "meta",
            url=v if k % 2 else f"https://evil.example/{v}",
            source_offset=k,
        ))
        if k % 2 == 1:
            families.append([(k - 1, docs[k - 1].paragraphs[1]), (k, shared)])
        figures.append((k, f"{k + 1} protesters", float(k + 1), "protesters" if k < 6 else v, None))
        quotes.append((k, f"{v} quoted {k}", v))
    # Families need the same passage text in both witnesses for the diff to be a reprint; the
    # second witness quotes the first exactly.
    for fam in families:
        (i, p), (j, _) = fam
        docs[j].paragraphs[1] = p
        fam[1] = (j, p)
    return write_store(path, docs, families, figures, quotes)
