"""HTML of the scenario pages (:mod:`scenariogen`): four site templates and a channel post.

Each site has its own chrome (navigation with absolute links to its own domain, a "most read"
sidebar, a footer) and its own date markup: JSON-LD, a ``<meta>`` tag, an ``itemprop`` time
element, a day shown as text, or none. Persian pages of some sites are typed with Arabic
yeh/kaf or without ZWNJ (:func:`variant_mode`).

>>> from datetime import UTC, datetime
>>> from scenariogen import Page, Site
>>> site = Site("paper0-en.example", "Ashby Post", "en", "paper", 0, "meta", 1)
>>> page = Page("https://paper0-en.example/news/1", site, "T", ["A paragraph."],
...             datetime(2024, 3, 5, 9, 30, tzinfo=UTC), "original")
>>> html_text = render(page, [])
>>> '<meta property="article:published_time" content="2024-03-05T10:30:00+01:00">' in html_text
True
"""

from __future__ import annotations

import html
import json
from datetime import timedelta, timezone
from typing import TYPE_CHECKING

from scenario_lang import persian_variant

if TYPE_CHECKING:
    from scenariogen import Page, Site

NAV = {
    "en": ("Home", "News", "Region", "Opinion", "About us", "Contact"),
    "fa": ("صفحه نخست", "اخبار", "استان", "یادداشت", "درباره ما", "تماس"),
    "ar": ("الرئيسية", "أخبار", "المنطقة", "رأي", "من نحن", "اتصل بنا"),
    "ru": ("Главная", "Новости", "Регион", "Мнения", "О нас", "Контакты"),
}
SIDEBAR = {"en": "Most read", "fa": "پربازدیدترین‌ها", "ar": "الأكثر قراءة", "ru": "Самое читаемое"}
FOOTER = {
    "en": "{name} is an independent local publication. Letters to the editor are welcome by post or e-mail.",
    "fa": "{name} رسانه‌ای مستقل و محلی است. نامه‌های خوانندگان را از راه پست یا رایانامه می‌پذیریم.",
    "ar": "{name} مؤسسة إعلامية محلية مستقلة. نرحب برسائل القراء عبر البريد أو البريد الإلكتروني.",
    "ru": "{name} — независимое местное издание. Письма читателей принимаются по почте и электронной почте.",
}


def iso_date(page: Page) -> str | None:
    if page.published is None:
        return None
    local = page.published.astimezone(timezone(timedelta(hours=page.site.tz)))
    return local.isoformat(timespec="seconds")


def _date_markup(page: Page) -> tuple[str, str]:
    """(markup for <head>, markup shown above the article) in the site's date style."""
    iso = iso_date(page)
    style = page.site.date_style
    if iso is None or style == "none":
        return "", ""
    if style == "jsonld":
        ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": page.title,
              "datePublished": iso, "publisher": {"@type": "Organization", "name": page.site.name}}  # fmt: skip
        return (
            f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>',
            "",
        )
    if style == "meta":
        return f'<meta property="article:published_time" content="{iso}">', ""
    if style == "itemprop":
        return "", f'<time itemprop="datePublished" datetime="{iso}">{iso[:10]} {iso[11:16]}</time>'
    return "", f'<span class="date">{iso[:10]}</span>'


def render(page: Page, others: list[Page]) -> str:
    """The saved HTML of a page in its site's template (4 templates; channels are plain posts)."""
    site, lang = page.site, page.site.lang
    esc = html.escape
    head_date, shown_date = _date_markup(page)
    paras = [persian_variant(p, variant_mode(site)) if lang == "fa" else p for p in page.paragraphs]
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
    if page.disclaimer:
        body += f'\n<p class="disclaimer"><em>{esc(page.disclaimer)}</em></p>'
    nav = "".join(
        f'<li><a href="https://{site.domain}/{k}">{esc(w)}</a></li>'
        for k, w in enumerate(NAV[lang])
    )
    links = "".join(f'<li><a href="{esc(o.url)}">{esc(o.title)}</a></li>' for o in others[:5])
    footer = esc(FOOTER[lang].format(name=site.name))
    direction = ' dir="rtl"' if lang in ("fa", "ar") else ""
    head = (f'<!doctype html>\n<html lang="{lang}"{direction}><head><meta charset="utf-8">'
            f"<title>{esc(page.title)} | {esc(site.name)}</title>"
            f'<link rel="canonical" href="{esc(page.canonical or page.url)}"><meta property="og:site_name" content="{esc(site.name)}">'
            f"{head_date}</head>")  # fmt: skip
    t = site.template
    if site.kind == "channel":
        main = f'<div class="post"><div class="post-head">{esc(site.name)} {shown_date}</div>{body}</div>'
        chrome = f'<header><a href="/">{esc(site.name)}</a></header>{main}'
    elif t == 0:
        chrome = (f'<header><div class="logo">{esc(site.name)}</div><nav><ul>{nav}</ul></nav></header>'
                  f'<main><article><h1>{esc(page.title)}</h1><div class="meta">{shown_date}</div>'
                  f'<div class="article-body">{body}</div></article></main>'
                  f'<aside><h3>{SIDEBAR[lang]}</h3><ol>{links}</ol></aside><footer><p>{footer}</p></footer>')  # fmt: skip
    elif t == 1:
        chrome = (f'<div id="top"><ul class="menu">{nav}</ul></div><div id="content"><div class="post">'
                  f'<h2 class="entry-title">{esc(page.title)}</h2>{shown_date}<div class="entry-content">{body}</div>'
                  f'</div></div><div id="sidebar"><div class="widget"><h4>{SIDEBAR[lang]}</h4><ul>{links}</ul>'
                  f'</div></div><div id="footer">{footer}</div>')  # fmt: skip
    elif t == 2:
        chrome = (f"<nav><ul>{nav}</ul></nav><main><article><header><h1>{esc(page.title)}</h1>{shown_date}"
                  f"</header><section>{body}</section></article></main><aside><h2>{SIDEBAR[lang]}</h2>"
                  f"<ul>{links}</ul></aside><footer><address>{footer}</address></footer>")  # fmt: skip
    else:
        chrome = (f'<div class="top">{nav.replace("li>", "span>")}</div><div class="story"><h1>{esc(page.title)}'
                  f'</h1>{shown_date}<div class="text">{body}</div></div><div class="related">'
                  f"<b>{SIDEBAR[lang]}</b><ul>{links}</ul></div><div class=\"bottom\">{footer}</div>")  # fmt: skip
    return f"{head}<body>{chrome}</body></html>\n"


def variant_mode(site: Site) -> str:
    if site.lang != "fa" or site.kind != "paper":
        return ""
    return ("arabic-letters", "no-zwnj", "")[int(site.domain[5]) % 3]
