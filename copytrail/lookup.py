"""Find what a user typed: any id copytrail prints (or a prefix of it), any form of a URL.

Every id a command prints can be looked up: articles, pages, errors, families, passages (the
``from <id>`` of ``show-family``), alignments, claims and conflicts, whole or by a unique
prefix of at least 6 characters. A URL is found in any normal form: ``http``/``https``, with
or without ``www.``, a trailing slash, ``utm_`` and other tracking parameters, a fragment.

The report's filters are checked the same way (:func:`check_filters`): a bad value is a
:class:`FilterError` that names it and shows the valid form.

>>> url_variants("http://www.Herald.example/news/a/?utm_source=x#top")[:3]
['https://www.herald.example/news/a', 'https://www.herald.example/news/a/', 'https://herald.example/news/a']
>>> looks_like_url("herald.example/news/a"), looks_like_url("0033a90ed933")
(True, False)
"""

from __future__ import annotations

import re
from datetime import date

from copytrail.store import Store
from copytrail.urls import canonical_url

MIN_PREFIX = 6

# (table, id column, what to call it): every id a command prints, in lookup order.
ID_TABLES = (
    ("articles", "article_id", "article"),
    ("pages", "page_id", "page"),
    ("errors", "error_id", "error"),
    ("families", "family_id", "family"),
    ("passages", "passage_id", "passage"),
    ("alignments", "alignment_id", "alignment"),
    ("claims", "claim_id", "claim"),
    ("conflicts", "conflict_id", "conflict"),
)


class FilterError(ValueError):
    """A filter value that matches nothing or has the wrong form; the message says which."""


def looks_like_url(ident: str) -> bool:
    """True for ``http(s)://...`` and for ``host.tld/path`` typed without a scheme."""
    if re.match(r"(?i)https?://", ident):
        return True
    return (
        bool(re.match(r"(?i)(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(/|$)", ident))
        and "." in ident.split("/")[0]
    )


def url_variants(url: str) -> list[str]:
    """The forms a URL may be stored in: https/http, with and without a trailing slash and ``www.``."""
    raw = url.strip()
    if not re.match(r"(?i)https?://", raw):
        raw = "https://" + raw
    canon = canonical_url(raw)
    base = canon.split("://", 1)[1]
    host, _, rest = base.partition("/")
    path, _, query = ("/" + rest).partition("?")
    path = path.rstrip("/")
    hosts = [host, host[4:]] if host.startswith("www.") else [host, "www." + host]
    out: list[str] = []
    for scheme in ("https", "http"):
        for h in hosts:
            for p in (path, path + "/") if path else ("/", ""):
                out.append(f"{scheme}://{h}{p}" + (f"?{query}" if query else ""))
    return list(dict.fromkeys(out))


def find_article_by_url(store: Store, url: str) -> str | None:
    """The article id of a URL in any normal form (the page rather than its feed copy)."""
    variants = url_variants(url)
    marks = ", ".join("?" for _ in variants)
    row = store.one(
        f"""SELECT a.article_id FROM articles a LEFT JOIN pages p USING (page_id)
            WHERE a.url IN ({marks}) OR a.canonical_url IN ({marks})
            ORDER BY CASE WHEN p.kind = 'feed' THEN 1 ELSE 0 END, a.item_index NULLS FIRST, a.article_id
            LIMIT 1""",
        variants + variants,
    )
    return row[0] if row else None


def find_id(store: Store, ident: str) -> tuple[str, str] | None:
    """``(kind, full id)`` of a whole id or unique id prefix of any record; None if unknown.

    Raises :class:`FilterError` when a prefix matches several records of one kind.
    """
    ident = ident.strip()
    if len(ident) < MIN_PREFIX or not re.fullmatch(r"[0-9a-fA-F]+", ident):
        return None
    for table, column, kind in ID_TABLES:
        if not store.has_table(table):
            continue
        rows = store.con.execute(
            f"SELECT DISTINCT {column} FROM {table} WHERE {column} LIKE ? ORDER BY 1 LIMIT 3",
            [ident.lower() + "%"],
        ).fetchall()
        if len(rows) > 1:
            shown = ", ".join(r[0][:16] for r in rows[:2])
            raise FilterError(
                f"{ident!r} is the start of several {kind} ids ({shown}, ...): give more characters"
            )
        if rows:
            return kind, rows[0][0]
    return None


def resolve_family(store: Store, ident: str) -> str:
    """The full family id of an id, a unique prefix as ``families`` prints it, or a passage id."""
    found = find_id(store, ident) if store.has_table("families") else None
    if found and found[0] == "family":
        return found[1]
    if found and found[0] == "passage":
        row = store.one("SELECT family_id FROM passages WHERE passage_id = ?", [found[1]])
        if row:
            return str(row[0])
    if not store.has_table("families"):
        raise FilterError(
            "this store has no families yet: run `copytrail reuse` (or `copytrail run`) first"
        )
    raise FilterError(
        f"--family {ident!r} matches no family: give a family id or its first 12 characters as "
        "`copytrail families` prints them"
    )


def check_since(since: str) -> str:
    """A ``--since`` value as ``YYYY-MM-DD``; :class:`FilterError` for anything else.

    >>> check_since("2026-04-01")
    '2026-04-01'
    >>> check_since("04/01/2026")
    Traceback (most recent call last):
    ...
    copytrail.lookup.FilterError: --since '04/01/2026' is not a date: use YYYY-MM-DD, e.g. 2026-04-01
    """
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", since.strip()):
            raise ValueError(since)
        return date.fromisoformat(since.strip()).isoformat()
    except ValueError:
        raise FilterError(
            f"--since {since!r} is not a date: use YYYY-MM-DD, e.g. 2026-04-01"
        ) from None


def check_site(store: Store, site: str) -> str:
    """A ``--site`` value as stored (case, ``www.`` and a URL form forgiven); else FilterError."""
    wanted = site.strip().lower()
    if looks_like_url(wanted):
        wanted = re.sub(r"(?i)^https?://", "", wanted).split("/")[0]
    for candidate in dict.fromkeys([wanted, wanted.removeprefix("www.")]):
        row = store.one("SELECT site FROM articles WHERE lower(site) = ? LIMIT 1", [candidate])
        if row:
            return str(row[0])
    sites = [
        r[0]
        for r in store.con.execute(
            "SELECT site FROM articles WHERE site IS NOT NULL GROUP BY site ORDER BY count(*) DESC, site LIMIT 8"
        ).fetchall()
    ]
    listed = ", ".join(sites) if sites else "none: the store has no articles"
    raise FilterError(f"--site {site!r} is not a site of this store; sites are e.g.: {listed}")


def check_filters(
    store: Store, site: str | None, family: str | None, since: str | None
) -> tuple[str | None, str | None, str | None]:
    """The report's ``--site``, ``--family`` and ``--since`` as stored; FilterError if one is bad."""
    return (
        check_site(store, site) if site else None,
        resolve_family(store, family) if family else None,
        check_since(since) if since else None,
    )
