"""HTML of the network scenarios (:mod:`networkgen`): one template family per site, and the
tracking snippets as sites really paste them (each kind in a few forms: async loader, legacy
loader, noscript pixel, meta tag, content-first meta attributes, ad markup).

>>> from networkgen import Site, Page, START
>>> s = Site("ashby-post.example", "The Ashby Post", "independent", ids={"ga-ua": "UA-4417735"})
>>> page = Page(s, "x-1", "A title", ["First paragraph here."], START, "own")
>>> "UA-4417735-1" in render(page, [])
True
"""

from __future__ import annotations

import hashlib
import html
import json
from typing import Any

from networkgen import PLACEHOLDER_HTML, Page, Site

STYLES = (
    {"body": "home-news", "header": "site-header", "nav": "main-nav", "article": "entry-content",
     "aside": "related-posts", "footer": "site-footer"},
    {"body": "layout-wide", "header": "masthead", "nav": "menu-primary", "article": "post-body",
     "aside": "sidebar-widgets", "footer": "colophon"},
    {"body": "t-article", "header": "top-bar", "nav": "sections", "article": "story-text",
     "aside": "more-stories", "footer": "bottom"},
)  # fmt: skip
SECTIONS = ("Local", "Politics", "Business", "Sport", "Opinion", "Culture", "Weather", "Obituaries")


def _pick(site: Site, kind: str, n: int) -> int:
    return int(hashlib.md5(f"{site.domain}/{kind}".encode()).hexdigest(), 16) % n


def _ua(site: Site) -> str:
    v = f"{site.ids['ga-ua']}-{site.ua_property}"
    return (
        "<script>(function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;i[r]=i[r]||function(){"
        "(i[r].q=i[r].q||[]).push(arguments)}})(window,document,'script',"
        f"'https://www.google-analytics.com/analytics.js','ga');ga('create', '{v}', 'auto');"
        "ga('send', 'pageview');</script>",
        f"<script>var _gaq = _gaq || [];_gaq.push(['_setAccount', '{v}']);_gaq.push(['_trackPageview']);</script>",
        f'<script async src="https://www.googletagmanager.com/gtag/js?id={v}"></script>'
        f"<script>gtag('config', '{v}');</script>",
    )[_pick(site, "ga-ua", 3)]


def _snippets(site: Site) -> dict[str, tuple[str, str]]:
    """kind -> (head html, body-end html)."""
    i = site.ids
    out: dict[str, tuple[str, str]] = {"ga-ua": (_ua(site), "")} if "ga-ua" in i else {}
    if "ga4" in i:
        out["ga4"] = (f'<script async src="https://www.googletagmanager.com/gtag/js?id={i["ga4"]}"></script>'
                      "<script>window.dataLayer = window.dataLayer || [];function gtag(){dataLayer.push(arguments);}"
                      f"gtag('js', new Date());gtag('config', '{i['ga4']}');</script>", "")  # fmt: skip
    if "gtm" in i:
        out["gtm"] = ("<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime()});"
                      f"}})(window,document,'script','dataLayer','{i['gtm']}');</script>",
                      f'<noscript><iframe src="https://www.googletagmanager.com/ns.html?id={i["gtm"]}" height="0" '
                      'width="0" style="display:none;visibility:hidden"></iframe></noscript>')  # fmt: skip
    if "adsense" in i:
        ca = "ca-" + i["adsense"]
        out["adsense"] = (f'<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client={ca}" '
                          'crossorigin="anonymous"></script>',
                          f'<ins class="adsbygoogle" style="display:block" data-ad-client="{ca}" data-ad-slot="4417735120"></ins>')  # fmt: skip
    if "gam" in i:
        out["gam"] = ("<script>window.googletag = window.googletag || {cmd: []};googletag.cmd.push(function() {"
                      f"googletag.defineSlot('/{i['gam']}/{site.domain.split('.')[0]}/top', [728, 90], 'div-gpt-ad-1')"
                      ".addService(googletag.pubads());googletag.enableServices();});</script>", "")  # fmt: skip
    if "fb-pixel" in i:
        out["fb-pixel"] = (f"<script>!function(f,b,e,v,n,t,s){{}}(window, document,'script');fbq('init', '{i['fb-pixel']}');"
                           "fbq('track', 'PageView');</script>",
                           '<noscript><img height="1" width="1" style="display:none" '
                           f'src="https://www.facebook.com/tr?id={i["fb-pixel"]}&amp;ev=PageView&amp;noscript=1"/></noscript>')  # fmt: skip
    if "yandex-metrica" in i:
        y = i["yandex-metrica"]
        out["yandex-metrica"] = (f'<script>(function(m,e,t,r,i,k,a){{}})(window, document, "script", '
                                 f'"https://mc.yandex.ru/metrika/tag.js", "ym");ym({y}, "init", {{clickmap:true}});</script>',
                                 f'<noscript><div><img src="https://mc.yandex.ru/watch/{y}" style="position:absolute; '
                                 'left:-9999px;" alt="" /></div></noscript>')  # fmt: skip
    if "clarity" in i:
        out["clarity"] = ('<script type="text/javascript">(function(c,l,a,r,i,t,y){c[a]=c[a]||function(){};'
                          f'}})(window, document, "clarity", "script", "{i["clarity"]}");</script>', "")  # fmt: skip
    if "hotjar" in i:
        out["hotjar"] = ("<script>(function(h,o,t,j,a,r){h.hj=h.hj||function(){};"
                         f"h._hjSettings={{hjid:{i['hotjar']},hjsv:6}};}})(window,document,"
                         "'https://static.hotjar.com/c/hotjar-','.js?sv=');</script>", "")  # fmt: skip
    return out


_META_NAMES = {"verify-google": ("name", "google-site-verification"), "verify-yandex": ("name", "yandex-verification"),
               "verify-facebook": ("name", "facebook-domain-verification"), "verify-bing": ("name", "msvalidate.01"),
               "verify-pinterest": ("name", "p:domain_verify"), "twitter-site": ("name", "twitter:site"),
               "fb-app": ("property", "fb:app_id"), "fb-page": ("property", "fb:pages")}  # fmt: skip


def _metas(site: Site) -> str:
    out = []
    for kind, (attr, name) in _META_NAMES.items():
        if kind in site.ids:
            value = site.ids[kind]
            if kind == "twitter-site":
                value = "@" + site.name[4:].replace(" ", "")[:15]  # as written: mixed case
            if _pick(site, kind, 2):
                out.append(f'<meta content="{value}" {attr}="{name}" />')
            else:
                out.append(f'<meta {attr}="{name}" content="{value}">')
    return "\n".join(out)


def _jsonld(page: Page) -> str:
    site = page.site
    if not site.publisher:
        return ""
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": page.title,
        "datePublished": page.published.isoformat(),
        "publisher": {"@type": "Organization", "logo": {"@type": "ImageObject", "url": f"https://{site.domain}/logo.png"},
                      "name": site.publisher},
    }  # fmt: skip
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _footer(site: Site) -> str:
    lines = [f'<a href="https://{site.domain}/about">About {html.escape(site.name)}</a>']
    if "email" in site.ids:
        e = site.ids["email"]
        lines.append(f'Contact the newsroom: <a href="mailto:{e}">{e}</a>')
    if "wallet-btc" in site.ids:
        lines.append(f"Support independent journalism: BTC <code>{site.ids['wallet-btc']}</code>")
    if "wallet-eth" in site.ids:
        lines.append(f"Donate in ether: <code>{site.ids['wallet-eth']}</code>")
    if site.group:
        lines.append(f"{html.escape(site.name)} is part of the {html.escape(site.group)}.")
        lines.append(f"&copy; 2026 {html.escape(site.group)}. All rights reserved.")
    else:
        lines.append(f"&copy; 2026 {html.escape(site.name)}. All rights reserved.")
    # Look-alikes that are not identifiers: a retina logo, a hash, a how-to mention in text.
    lines.append(f'<img src="https://{site.domain}/img/logo@2x.png" alt="">')
    if _pick(site, "noise", 3) == 0:
        lines += [
            "Tech tip: paste your own UA-7654321-1 or GTM-K2J4H7Q into the plugin settings.",
            "Payment reference 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3 (not a wallet: its checksum fails).",
            "Transaction 0x" + "5e" * 32 + " settled.",
            '<script>Sentry.init({dsn: "https://4f2a9c1b7d3e@o271234.ingest.sentry.io/5512345"});</script>',
        ]
    return "".join(f"<p>{x}</p>" for x in lines)


def _article(page: Page, st: dict[str, str]) -> str:
    when = page.published
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in page.paragraphs)
    top = f"<p class='credit'>{page.credit_top}</p>" if page.credit_top else ""
    bottom = f"<p class='credit'>{page.credit_bottom}</p>" if page.credit_bottom else ""
    return (f'<article class="{st["article"]}"><h1>{html.escape(page.title)}</h1>'
            f'<time datetime="{when.isoformat()}">{when:%d %B %Y, %H:%M}</time>{top}{paras}{bottom}</article>')  # fmt: skip


def _own_html(page: Page, neighbours: list[Page]) -> str:
    site = page.site
    st = STYLES[site.style]
    snippets = _snippets(site)
    head = "\n".join(h for h, _ in snippets.values() if h)
    tail = "\n".join(b for _, b in snippets.values() if b)
    canonical = page.canonical or page.url
    theme = (f'<link rel="stylesheet" href="https://{site.domain}/wp-content/themes/{site.theme}/style.css?ver=6.4">'
             if site.theme else "")  # fmt: skip
    nav = "".join(
        f'<li><a href="https://{site.domain}/{s.lower()}/">{s}</a></li>'
        for s in SECTIONS[: 5 + site.style]
    )
    related = "".join(
        f'<li><a href="{p.url}">{html.escape(p.title)}</a></li>'
        for p in neighbours
        if p.site is site
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(page.title)} | {html.escape(site.name)}</title>
<link rel="canonical" href="{canonical}">
<meta property="og:site_name" content="{html.escape(site.name)}">
<meta property="article:published_time" content="{page.published.isoformat()}">
{_metas(site)}
{theme}
<script src="https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js"></script>
{head}
{PLACEHOLDER_HTML if site.placeholders else ""}
{_jsonld(page)}
</head><body class="{st["body"]}">
<header class="{st["header"]}"><a href="https://{site.domain}/">{html.escape(site.name)}</a>
<nav class="{st["nav"]}"><ul>{nav}</ul></nav></header>
<main>{_article(page, st)}
<aside class="{st["aside"]}"><h2>More from {html.escape(site.name)}</h2><ul>{related}</ul></aside></main>
<footer class="{st["footer"]}">{_footer(site)}</footer>
{tail}
</body></html>
"""


def render(page: Page, neighbours: list[Page]) -> str:
    """The saved HTML of ``page``; a scraped page is its victim's page copied wholesale, with the
    scraper's canonical, name, date and ads put in."""
    if page.copied is None:
        return _own_html(page, neighbours)
    victim = _own_html(page.copied, [])
    scraper = page.site
    out = victim.replace(page.copied.url, page.url)
    # Reposted under its own date, so the copy is seen to come later.
    was, now = page.copied.published, page.published
    out = out.replace(was.isoformat(), now.isoformat()).replace(
        f"{was:%d %B %Y, %H:%M}", f"{now:%d %B %Y, %H:%M}"
    )
    out = out.replace(
        f'content="{html.escape(page.copied.site.name)}"',
        f'content="{html.escape(scraper.name)}"',
        1,
    )
    ads = _snippets(scraper)["adsense"]
    out = out.replace("</head>", ads[0] + "\n</head>", 1).replace(
        "</body>", ads[1] + "\n</body>", 1
    )
    # Its own navigation around the copy, so the page reads as the scraper's.
    nav = "".join(f'<a href="https://{scraper.domain}/{s.lower()}/">{s}</a>' for s in SECTIONS)
    return out.replace("<main>", f"<div class='scraper-nav'>{nav}{nav}</div><main>", 1)


def render_ads_txt(site: Site) -> str:
    return "# ads.txt for " + site.domain + "\n" + "\n".join(site.ads_txt) + "\n"
