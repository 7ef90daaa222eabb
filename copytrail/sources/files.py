"""Saved HTML pages and plain-text files, one file or a folder walked recursively.

A saved page's URL is its own ``<link rel="canonical">`` or ``og:url`` when that agrees with
the other evidence of where the page was served: a folder on its path named after a domain
(``corpus/lowmoor-post.example/x.html``), the domain most of its own links point to, its
``og:site_name``. Syndication partners routinely point ``rel=canonical`` at the originating
publisher, so a cross-domain canonical that the evidence contradicts is kept as a credit
(``hints["credited_url"]``) and never becomes the page's identity. Without an accepted URL a
page gets a ``file:///<root name>/<relative path>`` URL, relative so that ids do not depend on
where the corpus sits on disk, and its site from ``settings.site``, a domain-named folder, the
domain of its links, or the first folder under the root (``corpus/site-a/x.html`` ->
``site-a``), which is how people lay out a corpus saved by hand.

>>> import tempfile, pathlib
>>> from copytrail.settings import Settings
>>> root = pathlib.Path(tempfile.mkdtemp()) / "corpus"
>>> (root / "site-a").mkdir(parents=True)
>>> _ = (root / "site-a" / "p.html").write_text("<html><body><p>Hello</p></body></html>")
>>> _ = (root / "site-a" / "empty.htm").write_bytes(b"")
>>> [(type(r).__name__, getattr(r, "url", None) or r.reason) for r in iter_files(str(root), Settings())]
[('IngestError', 'empty'), ('RawPage', 'file:///corpus/site-a/p.html')]
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from urllib.parse import quote

from copytrail.model import IngestError, LinkRecord, RawPage
from copytrail.settings import Settings
from copytrail.sources.payload import (
    PayloadError,
    declared_charset,
    decode_text,
    is_gzip,
    open_maybe_gzip,
    sniff_binary,
)
from copytrail.urls import same_site, site_of

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
TEXT_SUFFIXES = (".txt", ".md")

# Canonical and og:url tags live in <head>; a regex over the first 64 KB is enough and avoids
# parsing every page twice (extraction parses it properly later).
_HEAD_BYTES = 65_536
_TAG = re.compile(rb"<(?:link|meta)\b[^>]*(?:canonical|og:url|og:site_name)[^>]*>", re.I)
# Own links: absolute http(s) hrefs of anchors, read from the first bytes of the page.
_LINK_BYTES = 524_288
_HREF = re.compile(rb"""<a\b[^>]*?\bhref\s*=\s*["']?(https?://[^"'\s>]+)""", re.I)
_DOMAIN_LIKE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$")
_ATTR = re.compile(rb"""([a-zA-Z_:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def iter_files(path: str, settings: Settings) -> Iterator[RawPage | LinkRecord | IngestError]:
    """Pages of one HTML/text file, or of every such file under a folder (sorted, recursive).

    Files of other kinds inside a folder are left to :func:`copytrail.sources.iter_source`.
    """
    if os.path.isdir(path):
        for file in walk(path):
            if page_kind(file):
                yield read_page_file(file, path, settings)
    else:
        yield read_page_file(path, os.path.dirname(path) or ".", settings)


# A corpus folder's own documentation (README.md, LICENSE.txt ...) is not one of its pages.
DOC_NAMES = frozenset({"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "NOTICE", "AUTHORS"})


def is_documentation(name: str) -> bool:
    """True for a corpus folder's documentation files.

    >>> is_documentation("README.md"), is_documentation("licence.txt"), is_documentation("readme-notes.html")
    (True, True, False)
    """
    return name.split(".", 1)[0].upper() in DOC_NAMES


def walk(root: str) -> Iterator[str]:
    """Files under ``root`` in sorted order, skipping hidden files, folders and documentation.

    Sorted so that every run sees the same order (ids never depend on it, error lists do).
    """
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and not is_documentation(name):
                yield os.path.join(dirpath, name)


def page_kind(path: str) -> str | None:
    """``"html"`` or ``"text"`` from a file name (``.gz`` looked through), else None.

    >>> page_kind("a/b.HTM.gz"), page_kind("notes.md"), page_kind("x.warc.gz")
    ('html', 'text', None)
    """
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def read_page_file(path: str, root: str, settings: Settings) -> RawPage | IngestError:
    """One HTML or text file as a RawPage, or the reason it cannot be one.

    ``root`` is the folder the user gave; the fallback URL and site are relative to it.
    """
    kind = page_kind(path) or "html"
    try:
        size = os.path.getsize(path)
        # Refuse before reading: a 5 GB "page" must not be pulled into memory to be rejected.
        if size > settings.max_page_bytes:
            raise PayloadError(
                "too-large", f"{size} bytes > max_page_bytes {settings.max_page_bytes}"
            )
        data = open_maybe_gzip(path, settings.max_page_bytes)
    except PayloadError as exc:
        return IngestError(source=path, reason=exc.reason, detail=exc.detail)
    except OSError as exc:
        return IngestError(source=path, reason="unreadable", detail=str(exc))
    if not data.strip():
        return IngestError(source=path, reason="empty", detail="file has no content")
    binary = sniff_binary(data[:8192])
    if binary:
        return IngestError(source=path, reason="not-html", detail=f"file is {binary}, not {kind}")
    if is_gzip(data):
        return IngestError(source=path, reason="not-html", detail="gzip inside gzip")

    fallback = file_url(path, root)
    if kind == "text":
        try:
            text, _ = decode_text(data)
        except PayloadError as exc:
            return IngestError(source=path, reason=exc.reason, detail=exc.detail)
        return RawPage(
            url=fallback,
            source=path,
            body=text.encode("utf-8"),
            kind="text",
            content_type="text/plain",
            site=settings.site or folder_site(path, root),
        )

    try:
        _, encoding = decode_text(data, declared_charset(data))
    except PayloadError as exc:
        return IngestError(source=path, reason=exc.reason, detail=exc.detail)
    content_type = "text/html"
    if encoding.replace("-", "").replace("_", "").lower() not in ("utf8", "utf8sig"):
        # The body stays raw bytes; say which charset reading it took, as an HTTP server would.
        content_type = f"text/html; charset={encoding}"
    url, site, credited = page_identity(data, path, root)
    if url is None:
        url = fallback
    site = settings.site or (None if url.startswith(("http://", "https://")) else site)
    if site is None and not url.startswith(("http://", "https://")):
        site = folder_site(path, root)
    return RawPage(
        url=url,
        source=path,
        body=data,
        kind="html",
        content_type=content_type,
        site=site,
        hints={"credited_url": credited} if credited else {},
    )


def page_identity(data: bytes, path: str, root: str) -> tuple[str | None, str | None, str | None]:
    """(URL, site, credited URL) of a saved page, from its head and the evidence around it.

    The declared canonical (then ``og:url``) is the page's URL when its domain agrees with the
    evidence, or when there is no evidence at all (a lone saved page). Otherwise the URL is
    None (the caller uses the file URL), the site is the evidence's domain, and the declared
    URL is returned as a credit to the page it names.

    >>> reprint = (b'<link rel="canonical" href="https://origin.example/story">'
    ...            b'<a href="https://reprinter.example/">Home</a>'
    ...            b'<a href="https://reprinter.example/news">News</a>')
    >>> page_identity(reprint, "/c/reprinter.example/story.html", "/c")
    (None, 'reprinter.example', 'https://origin.example/story')
    >>> page_identity(reprint, "/c/origin.example/story.html", "/c")
    ('https://origin.example/story', None, None)
    >>> page_identity(b'<link rel="canonical" href="https://a.example/x">', "/c/x.html", "/c")
    ('https://a.example/x', None, None)
    """
    canonical, og, site_name = head_tags(data)
    declared = [u for u in (canonical, og) if u]
    if not declared:
        return None, None, None
    domains = folder_domains(path, root)
    linked = link_domain(data)
    if linked:
        domains.append(linked)
    if not domains:
        return declared[0], None, None
    for url in declared:
        site = site_of(url)
        if site and (any(same_site(site, d) for d in domains) or _names_site(site_name, site)):
            return url, None, None
    return None, domains[0], declared[0]


def folder_domains(path: str, root: str) -> list[str]:
    """Sites named by the folders between ``root`` and ``path`` (nearest first).

    >>> folder_domains("/c/html/news.example.org/2024/p.html", "/c")
    ['example.org']
    >>> folder_domains("/c/site-a/p.html", "/c")
    []
    """
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root)).split(os.sep)[:-1]
    found = []
    for part in reversed(rel):
        name = part.lower()
        if _DOMAIN_LIKE.match(name):
            site = site_of("https://" + name + "/")
            if site and site not in found:
                found.append(site)
    return found


def link_domain(data: bytes, least: int = 3) -> str | None:
    """The site most of a page's absolute links point to, when it holds a majority of them.

    A page's navigation, logo and section links point to its own site; a credit line or a
    share button is one link among many.

    >>> link_domain(b'<a href="https://b.example/">B</a>' * 3 + b'<a href="https://a.example/x">A</a>')
    'b.example'
    >>> link_domain(b'<a href="https://b.example/">B</a>') is None
    True
    """
    counts: dict[str, int] = {}
    for m in _HREF.finditer(data[:_LINK_BYTES]):
        site = site_of(html.unescape(m.group(1).decode("utf-8", "replace")))
        if site:
            counts[site] = counts.get(site, 0) + 1
    total = sum(counts.values())
    if total < least:
        return None
    site, n = max(sorted(counts.items()), key=lambda kv: kv[1])
    return site if n * 2 > total else None


def _names_site(site_name: str | None, site: str) -> bool:
    """True when ``og:site_name`` spells the site's domain name ("The Lowmoor Post" ~ lowmoor-post).

    >>> _names_site("The Lowmoor Post", "lowmoor-post.example"), _names_site("روزنامه گلدشت", "wire.example")
    (True, False)
    """
    if not site_name:
        return False
    name = re.sub(r"[^a-z0-9]", "", site_name.lower())
    # a name in another script ("روزنامه گلدشت") spells no domain (and "" is in every label)
    if not name:
        return False
    label = re.sub(r"[^a-z0-9]", "", site.split(".")[0])
    if name.startswith("the") and name[3:] == label:
        return True
    return len(label) >= 4 and (name == label or name in label or label in name)


def file_url(path: str, root: str) -> str:
    """``file:///<root name>/<path relative to root>``, percent-encoded.

    >>> file_url("/data/corpus/site a/p.html", "/data/corpus")
    'file:///corpus/site%20a/p.html'
    """
    root_abs = os.path.abspath(root)
    rel = os.path.relpath(os.path.abspath(path), root_abs)
    name = os.path.basename(root_abs.rstrip(os.sep)) or "root"
    parts = [name, *rel.split(os.sep)]
    return "file:///" + "/".join(quote(p) for p in parts)


def folder_site(path: str, root: str) -> str:
    """First folder under ``root`` on the way to ``path``, else the root's own name.

    >>> folder_site("/c/site-a/2024/p.html", "/c"), folder_site("/c/p.html", "/c")
    ('site-a', 'c')
    """
    root_abs = os.path.abspath(root)
    rel = os.path.relpath(os.path.abspath(path), root_abs).split(os.sep)
    if len(rel) > 1:
        return rel[0]
    return os.path.basename(root_abs.rstrip(os.sep)) or "root"


def head_url(data: bytes) -> str | None:
    """Absolute http(s) URL from ``<link rel=canonical>`` (preferred) or ``og:url``.

    >>> head_url(b'<meta property="og:url" content="https://ex.org/a?x=1&amp;y=2"><p>')
    'https://ex.org/a?x=1&y=2'
    """
    canonical, og, _ = head_tags(data)
    return canonical or og


def head_tags(data: bytes) -> tuple[str | None, str | None, str | None]:
    """(rel=canonical URL, og:url, og:site_name) of a page; URLs only when absolute http(s).

    >>> head_tags(b'<link rel="canonical" href="/a"><meta property="og:site_name" content="X &amp; Y">')
    (None, None, 'X & Y')
    """
    found: dict[str, bytes] = {}
    for tag in _TAG.finditer(data[:_HEAD_BYTES]):
        attrs = {
            m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or b"")
            for m in _ATTR.finditer(tag.group(0))
        }
        prop = attrs.get(b"property", attrs.get(b"name", b"")).lower()
        if b"canonical" in attrs.get(b"rel", b"").lower().split():
            found.setdefault("canonical", attrs.get(b"href", b""))
        elif prop in (b"og:url", b"og:site_name"):
            found.setdefault(prop.decode(), attrs.get(b"content", b""))

    def text(key: str) -> str | None:
        raw = found.get(key)
        return html.unescape(raw.decode("utf-8", "replace")).strip() or None if raw else None

    urls = [text("canonical"), text("og:url")]
    canonical, og = (
        u if u and u.lower().startswith(("http://", "https://")) else None for u in urls
    )
    return canonical, og, text("og:site_name")
