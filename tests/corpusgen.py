"""Small generated news sites for tests (deterministic)."""

from __future__ import annotations

from pathlib import Path

PAGE = """<!doctype html><html><head><title>{title}</title>
<link rel="canonical" href="https://{site}/news/{slug}">
<meta property="article:published_time" content="2024-03-{day:02d}T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/about">About us</a> <a href="/contact">Contact</a></nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>The council will meet again on Thursday to consider the proposal in detail, officials said,
and residents may submit written comments before then through the usual channels.</p>
</article>
<div class="newsletter">Subscribe to our newsletter for the latest news from the valley, delivered
every morning to your inbox.</div>
<footer>Copyright Valley Media Group, 12 Mill Street, Rivervale. All rights reserved.</footer>
</body></html>"""

WORDS = (
    "river council budget school bridge festival market harbour library station rail road "
    "farm water hospital museum park forest teacher nurse engineer mayor clerk volunteer"
).split()


def make_page(site: str, i: int) -> str:
    """A small, distinct news page (deterministic for i)."""
    body = " ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(60))
    return PAGE.format(
        title=f"Story number {i} about the {WORDS[i % len(WORDS)]}",
        site=site,
        slug=f"story-{i}",
        day=1 + i % 28,
        body=f"Report {i}: the {body}.",
    )


def write_site(root: Path, site: str, n: int, start: int = 0) -> Path:
    folder = root / site
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (folder / f"story-{i}.html").write_text(make_page(site, i), encoding="utf-8")
    return folder
