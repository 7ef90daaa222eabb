"""Render the bundled example corpus from its hand-written sources.

The articles of ``examples/corpus`` are written by hand in ``examples/corpus_src/<domain>/*.txt``
(a small header, then the body). This script wraps each body in the chrome of its site (every
site has its own CMS-like template, so boilerplate learning has something to learn), writes the
listing pages, the RSS feed, the sitemap, the Telegram export and the JSONL file, and finally
``PLANTED.json`` from the ground truth declared in ``corpus_planted.py``.

Verbatim reprints are written once and included with ``%include <domain>/<slug>`` so a copy is
byte-for-byte the same text; light edits are written out by hand in the reprinting page.

Run from the repository root (output is deterministic, so re-running gives no diff)::

    python examples/build_corpus.py

>>> _inline("See [the survey](https://x.example/s) *now* & then")
'See <a href="https://x.example/s">the survey</a> <em>now</em> &amp; then'
"""

from __future__ import annotations

import html
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "corpus_src"
OUT = HERE / "corpus"


@dataclass
class Page:
    """One hand-written source page."""

    domain: str
    slug: str
    meta: dict[str, str]
    body: str
    blocks: list[tuple[str, str]] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.meta["path"]

    @property
    def url(self) -> str:
        return f"https://{self.domain}{self.path}"

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def published(self) -> str | None:
        return self.meta.get("published") or None

    @property
    def dates(self) -> set[str]:
        return {d.strip() for d in self.meta.get("dates", "").split(",") if d.strip()}

    @property
    def tags(self) -> list[str]:
        return [t.strip() for t in self.meta.get("tags", "").split(",") if t.strip()]

    @property
    def filename(self) -> str:
        p = self.path.strip("/")
        if not p:
            return "index.html"
        name = p.replace("/", "-")
        return name if name.endswith(".html") else name + ".html"

    @property
    def out_path(self) -> Path:
        return OUT / "html" / self.domain / self.filename

    def first_paragraph(self) -> str:
        return next(t for k, t in self.blocks if k == "p")


def load_pages() -> dict[str, Page]:
    """All sources keyed by ``domain/slug``; includes are resolved after loading."""
    pages: dict[str, Page] = {}
    for f in sorted(SRC.glob("*/*.txt")):
        head, _, body = f.read_text(encoding="utf-8").partition("\n---\n")
        meta = {}
        for line in head.splitlines():
            if line.strip():
                k, _, v = line.partition(":")
                meta[k.strip()] = v.strip()
        page = Page(f.parent.name, f.stem, meta, body)
        pages[f"{page.domain}/{page.slug}"] = page
    for page in pages.values():
        page.blocks = _blocks(page.body, pages)
    return pages


def _blocks(body: str, pages: dict[str, Page]) -> list[tuple[str, str]]:
    """Body text → (kind, text) blocks; kinds: p h2 quote speaker caption li."""
    out: list[tuple[str, str]] = []
    for raw in re.split(r"\n\s*\n", body.strip()):
        chunk = " ".join(line.strip() for line in raw.strip().splitlines())
        if not chunk:
            continue
        if chunk.startswith("%include "):
            out.extend(_blocks(pages[chunk.split()[1]].body, pages))
        elif chunk.startswith("## "):
            out.append(("h2", chunk[3:]))
        elif chunk.startswith("> "):
            out.append(("quote", chunk[2:]))
        elif chunk.startswith("@ "):
            out.append(("speaker", chunk[2:]))
        elif chunk.startswith("! "):
            out.append(("caption", chunk[2:]))
        elif chunk.startswith("- "):
            for item in raw.strip().splitlines():
                out.append(("li", item.strip()[2:]))
        else:
            out.append(("p", chunk))
    return out


def _inline(text: str) -> str:
    text = html.escape(text, quote=False)
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r'<a href="\2">\1</a>', text)
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", text)


def body_html(page: Page, p_tag: str = "p") -> str:
    """The article body as simple CMS HTML."""
    parts: list[str] = []
    items: list[str] = []
    for kind, text in page.blocks + [("end", "")]:
        if kind != "li" and items:
            parts.append("<ul>\n" + "\n".join(items) + "\n</ul>")
            items = []
        if kind == "p":
            parts.append(f"<{p_tag}>{_inline(text)}</{p_tag}>")
        elif kind == "h2":
            parts.append(f"<h2>{_inline(text)}</h2>")
        elif kind == "quote":
            parts.append(f"<blockquote><p>{_inline(text)}</p></blockquote>")
        elif kind == "speaker":
            parts.append(f"<p><strong>{_inline(text)}</strong></p>")
        elif kind == "caption":
            img = page.meta.get("image", "/media/photo.jpg")
            parts.append(
                f'<figure class="wp-caption"><img src="{img}" alt="" width="800" height="533">'
                f"<figcaption>{_inline(text)}</figcaption></figure>"
            )
        elif kind == "li":
            items.append(f"<li>{_inline(text)}</li>")
    return "\n".join(parts)


def _dt(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def long_date(iso: str) -> str:
    d = _dt(iso)
    return f"{d.strftime('%B')} {d.day}, {d.year}"


def description(page: Page) -> str:
    if page.meta.get("description"):
        return page.meta["description"]
    words = page.first_paragraph().split()
    return " ".join(words[:28]) + ("…" if len(words) > 28 else "")


def head_common(page: Page, site_name: str, og_type: str = "article") -> list[str]:
    e = html.escape
    lines = [
        f'<link rel="canonical" href="{e(page.url)}">',
        f'<meta property="og:type" content="{og_type}">',
        f'<meta property="og:title" content="{e(page.title)}">',
        f'<meta property="og:url" content="{e(page.url)}">',
        f'<meta property="og:site_name" content="{e(site_name)}">',
    ]
    if page.blocks and any(k == "p" for k, _ in page.blocks):
        lines.append(f'<meta property="og:description" content="{e(description(page))}">')
        lines.append(f'<meta name="description" content="{e(description(page))}">')
    if page.meta.get("image"):
        lines.append(
            f'<meta property="og:image" content="https://{page.domain}{page.meta["image"]}">'
        )
    if "meta" in page.dates and page.published:
        lines.append(f'<meta property="article:published_time" content="{page.published}">')
    if "modified" in page.dates and page.meta.get("modified"):
        lines.append(f'<meta property="article:modified_time" content="{page.meta["modified"]}">')
    if page.meta.get("section"):
        lines.append(f'<meta property="article:section" content="{e(page.meta["section"])}">')
    for t in page.tags:
        lines.append(f'<meta property="article:tag" content="{e(t)}">')
    if "jsonld" in page.dates and page.published:
        ld: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": page.title,
            "url": page.url,
            "mainEntityOfPage": page.url,
            "datePublished": page.published,
            "author": {
                "@type": "Person" if page.meta.get("author_type") != "org" else "Organization",
                "name": page.meta.get("author", site_name),
            },
            "publisher": {"@type": "Organization", "name": site_name},
        }
        if page.meta.get("modified"):
            ld["dateModified"] = page.meta["modified"]
        if page.meta.get("section"):
            ld["articleSection"] = page.meta["section"]
        lines.append(
            '<script type="application/ld+json">' + json.dumps(ld, ensure_ascii=False) + "</script>"
        )
    return lines


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.rstrip() + "\n", encoding="utf-8")


def main() -> int:
    import corpus_planted as planted  # sibling modules, imported late: they import this one
    import corpus_sites as sites

    pages = load_pages()
    for page in pages.values():
        for _kind, text in page.blocks:
            if "%include" in text:
                raise SystemExit(f"unresolved include in {page.slug}")
    for page in pages.values():
        write(page.out_path, sites.render(page, pages))
    sites.write_extras(pages)
    data = planted.ground_truth(pages)
    write(OUT / "PLANTED.json", json.dumps(data, indent=2, ensure_ascii=False))
    n = sum(1 for _ in (OUT / "html").glob("*/*.html"))
    print(f"wrote {n} HTML pages and PLANTED.json", file=sys.stderr)
    return 0


def rfc822(iso: str) -> str:
    return format_datetime(_dt(iso))


def unix(iso: str) -> int:
    return int(_dt(iso).astimezone(UTC).timestamp())


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    raise SystemExit(main())
