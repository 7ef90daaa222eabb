"""Site templates of the example corpus: each fictional site has its own CMS-like chrome.

The chrome (menus, newsletter box, share buttons, tag clouds, widgets, footers) repeats on every
page of a site on purpose: it is what site-level boilerplate learning must find and remove.
Also writes the non-HTML sources: RSS feed, sitemap, Telegram export and JSONL file.
"""

from __future__ import annotations

import html
import json
from datetime import datetime

from build_corpus import (
    OUT,
    Page,
    _dt,
    _inline,
    body_html,
    description,
    head_common,
    long_date,
    rfc822,
    unix,
    write,
)

E = html.escape


def _after_paragraphs(html: str, n: int, insert: str) -> str:
    """``insert`` placed after the n-th closing </p> of ``html`` (at the end if there are fewer)."""
    if not insert:
        return html
    pos = 0
    for _ in range(n):
        found = html.find("</p>", pos)
        if found < 0:
            return html + "\n" + insert
        pos = found + 4
    return html[:pos] + "\n" + insert + html[pos:]


def _doc(lang: str, head: list[str], body: str, html_attrs: str = "") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"{html_attrs}>\n<head>\n'
        + "\n".join(head)
        + "\n</head>\n"
        + body
        + "\n</html>\n"
    )


def _articles(pages: dict[str, Page], domain: str) -> list[Page]:
    """Article pages of one site, oldest first (undated pages last)."""
    arts = [p for p in pages.values() if p.domain == domain and "type" not in p.meta]
    return sorted(arts, key=lambda p: (p.published or "9999", p.slug))


def _series_box(page: Page, pages: dict[str, Page]) -> str:
    if "series" not in page.meta:
        return ""
    name, _, part = page.meta["series"].partition("|")
    members = sorted(
        (p for p in pages.values() if p.meta.get("series", "").startswith(name + "|")),
        key=lambda p: int(p.meta["series"].split("|")[1]),
    )
    links = " · ".join(
        f'<a href="{E(p.url)}">Part {p.meta["series"].split("|")[1]}</a>'
        if p is not page
        else f"<strong>Part {part}</strong>"
        for p in members
    )
    return f'<aside class="series-box"><p>This article is part of our series <em>{E(name)}</em>: {links}</p></aside>'


# --------------------------------------------------------------------------- Rivervale Herald
HERALD = "The Rivervale Herald"


def _herald_chrome(page: Page, pages: dict[str, Page], main: str, body_class: str) -> str:
    recent = list(reversed(_articles(pages, page.domain)))[:5]
    recent_html = "\n".join(f'<li><a href="{E(p.url)}">{E(p.title)}</a></li>' for p in recent)
    tags = [
        "Business",
        "Council",
        "Environment",
        "Northgate",
        "Opinion",
        "River Cleanup",
        "River Keepers",
        "Science",
        "Sport",
        "Wenlow",
    ]
    cloud = " ".join(
        f'<a href="/tag/{t.lower().replace(" ", "-")}/" class="tag-cloud-link">{E(t)}</a>'
        for t in tags
    )
    head = [
        '<meta charset="UTF-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{E(page.title)} – {HERALD}</title>",
    ]
    head += head_common(page, HERALD, "website" if page.meta.get("type") else "article")
    head += [
        '<meta name="generator" content="WordPress 6.4.3">',
        f'<link rel="alternate" type="application/rss+xml" title="{HERALD} » Feed" href="https://rivervale-herald.example/feed/">',
        "<link rel='stylesheet' id='herald-style-css' href='https://rivervale-herald.example/wp-content/themes/herald/style.css?ver=2.1' media='all'>",
    ]
    body = f"""<body class="{body_class}">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#main">Skip to content</a>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="https://rivervale-herald.example/" rel="home">{HERALD}</a></p>
<p class="site-description">News for Rivervale and the Wenlow valley since 1921</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
<li><a href="/">Home</a></li><li><a href="/category/news/">News</a></li><li><a href="/category/environment/">Environment</a></li>
<li><a href="/category/council/">Council</a></li><li><a href="/category/business/">Business</a></li><li><a href="/category/opinion/">Opinion</a></li>
<li><a href="/category/sport/">Sport</a></li><li><a href="/whats-on/">What's On</a></li><li><a href="/contact/">Contact</a></li></ul></nav>
</header>
<div id="content" class="site-content">
<main id="main" class="site-main">
{main}
</main>
<aside id="secondary" class="widget-area">
<section class="widget widget_newsletter"><h2 class="widget-title">Subscribe to our newsletter</h2>
<p>Get the Herald's morning briefing in your inbox every weekday. No spam, unsubscribe at any time.</p>
<form class="newsletter-form" action="/subscribe/" method="post"><input type="email" name="email" placeholder="Your email address"><button type="submit">Subscribe</button></form></section>
<section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>
{recent_html}
</ul></section>
<section class="widget widget_tag_cloud"><h2 class="widget-title">Tags</h2><div class="tagcloud">{cloud}</div></section>
</aside>
</div>
<footer id="colophon" class="site-footer">
<p>{HERALD}, 14 Mill Lane, Rivervale. Newsroom: (555) 014-2271 · news@rivervale-herald.example</p>
<p>© 2026 Rivervale Herald Media. All rights reserved. <a href="/privacy/">Privacy policy</a> | <a href="/terms/">Terms of use</a> | <a href="/corrections/">Corrections</a></p>
<p class="powered">Proudly powered by WordPress</p>
</footer>
</div>
</body>"""
    return _doc("en-US", head, body)


def _herald_article(page: Page, pages: dict[str, Page]) -> str:
    arts = _articles(pages, page.domain)
    i = arts.index(page)
    nav = []
    if i > 0:
        nav.append(
            f'<div class="nav-previous"><a href="{E(arts[i - 1].url)}" rel="prev">← {E(arts[i - 1].title)}</a></div>'
        )
    if i + 1 < len(arts):
        nav.append(
            f'<div class="nav-next"><a href="{E(arts[i + 1].url)}" rel="next">{E(arts[i + 1].title)} →</a></div>'
        )
    posted = ""
    if "visible" in page.dates and page.published:
        posted = (
            f'<span class="posted-on">Posted on <time class="entry-date published" datetime="{page.published}">'
            f"{long_date(page.published)}</time></span> "
        )
    author = page.meta.get("author", "")
    slug = author.lower().replace(" ", "-").replace("(", "").replace(")", "")
    standfirst = ""
    if page.meta.get("standfirst"):
        # Printed again as a pull quote after the second paragraph: the lede then stands twice in
        # the article body (the planted self-reuse case).
        standfirst = f'<blockquote class="pullquote"><p>{_inline(page.meta["standfirst"])}</p></blockquote>\n'
    tag_links = ", ".join(
        f'<a href="/tag/{t.lower().replace(" ", "-")}/" rel="tag">{E(t)}</a>' for t in page.tags
    )
    main = f"""<article id="post-{1400 + 7 * i}" class="post type-post status-publish format-standard hentry">
<header class="entry-header">
<span class="cat-links"><a href="/category/{page.meta.get("section", "news").lower()}/">{E(page.meta.get("section", "News"))}</a></span>
<h1 class="entry-title">{E(page.title)}</h1>
<div class="entry-meta">{posted}<span class="byline">by <span class="author vcard"><a class="url fn n" href="/author/{slug}/">{E(author)}</a></span></span></div>
</header>
<div class="entry-content">
{_after_paragraphs(body_html(page), 2, standfirst)}
{_series_box(page, pages)}
</div>
<footer class="entry-footer"><span class="tags-links">Tagged {tag_links}</span></footer>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul>
<li><a class="share-facebook" href="#">Share on Facebook</a></li><li><a class="share-x" href="#">Share on X</a></li>
<li><a class="share-email" href="#">Email a link to a friend</a></li><li><a class="share-print" href="#">Print</a></li></ul></div>
</article>
<nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post navigation</h2><div class="nav-links">
{chr(10).join(nav)}
</div></nav>
<div id="comments" class="comments-area"><p class="no-comments">Comments are closed.</p></div>"""
    return _herald_chrome(page, pages, main, "post-template-default single single-post")


def excerpt(page: Page, words: int = 30) -> str:
    """WordPress-style automatic excerpt: the first words of the first paragraph."""
    w = page.first_paragraph().split()
    return " ".join(w[:words]) + (" […]" if len(w) > words else "")


def _herald_tag(page: Page, pages: dict[str, Page]) -> str:
    items = [pages[s.strip()] for s in page.meta["items"].split(",")]
    posts = []
    for p in items:
        posts.append(f"""<article class="post type-post status-publish hentry">
<header class="entry-header"><h2 class="entry-title"><a href="{E(p.url)}" rel="bookmark">{E(p.title)}</a></h2>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{p.published}">{long_date(p.published or "")}</time></span></div></header>
<div class="entry-summary"><p>{_inline(excerpt(p))}</p></div>
<a class="more-link" href="{E(p.url)}">Continue Reading →</a>
</article>""")
    main = f"""<header class="page-header"><h1 class="page-title">Tag: <span>{E(page.meta["tag"])}</span></h1></header>
{chr(10).join(posts)}
<nav class="navigation posts-navigation"><div class="nav-links"><div class="nav-previous"><a href="/tag/river-cleanup/page/2/">Older posts</a></div></div></nav>"""
    return _herald_chrome(page, pages, main, "archive tag tag-river-cleanup")


# --------------------------------------------------------------------------------- Valley Wire
WIRE = "Valley Wire"


def _wire_article(page: Page, pages: dict[str, Page]) -> str:
    others = [p for p in reversed(_articles(pages, page.domain)) if p is not page][:3]
    related = "\n".join(f'<li><a href="{E(p.url)}">{E(p.title)}</a></li>' for p in others)
    head = [
        '<meta charset="utf-8">',
        f"<title>{E(page.title)} | {WIRE}</title>",
        '<meta name="viewport" content="width=device-width">',
    ]
    head += head_common(page, WIRE)
    stamp = ""
    if "visible" in page.dates and page.published:
        d = _dt(page.published)
        stamp = f'<p class="timestamp"><time datetime="{page.published}">{long_date(page.published)} {d.strftime("%H:%M")}</time>'
        if page.meta.get("modified"):
            m = _dt(page.meta["modified"])
            stamp += (
                f' · Updated <time datetime="{page.meta["modified"]}">{m.strftime("%H:%M")}</time>'
            )
        stamp += "</p>"
    body = f"""<body class="story">
<div class="topbar"><a class="logo" href="https://valleywire.example/">{WIRE}</a> <span class="tagline">Regional news agency for the Wenlow valley</span>
<a class="login" href="/subscribers/login">Subscriber login</a></div>
<nav class="sections"><a href="/">Top stories</a> <a href="/regional/">Regional</a> <a href="/business/">Business</a> <a href="/politics/">Politics</a>
<a href="/environment/">Environment</a> <a href="/culture/">Culture</a> <a href="/licensing/">Licensing</a></nav>
<div class="story-wrap">
<div class="story-main">
<p class="kicker">{E(page.meta.get("section", ""))}</p>
<h1 class="headline">{E(page.title)}</h1>
<p class="byline">By {E(page.meta.get("author", WIRE))}</p>
{stamp}
<div class="share-bar">Share: <a href="#">Facebook</a> · <a href="#">X</a> · <a href="#">LinkedIn</a> · <a href="#">Email</a></div>
<div class="story-body">
{body_html(page)}
</div>
<p class="rights">© 2026 {WIRE}. Subscribing outlets may republish this story in full with credit.</p>
</div>
<aside class="story-side">
<div class="related"><h2>Related coverage</h2><ul>
{related}
</ul></div>
<div class="newsletter"><h2>Subscribe to our newsletter</h2><p>The Valley Wire daily digest: the region's top stories at 6am, free.</p>
<form action="/digest" method="post"><input type="email" name="e" placeholder="Email"><button>Sign up</button></form></div>
</aside>
</div>
<footer class="site-foot"><p>{WIRE} Ltd, 3 Foundry Court, Northgate. Licensing enquiries: (555) 019-4400.</p>
<p><a href="/about/">About us</a> · <a href="/standards/">Editorial standards</a> · <a href="/licensing/">Licensing</a> · <a href="/privacy/">Privacy</a></p></footer>
</body>"""
    return _doc("en", head, body)


# ---------------------------------------------------------------------------- Citizens' Voice
VOICE = "Citizens' Voice"


def _blogger_date(iso: str) -> str:
    d = _dt(iso)
    return f"{d.strftime('%A')}, {d.day} {d.strftime('%B')} {d.year}"


def _voice_chrome(page: Page, pages: dict[str, Page], main: str, page_type: str) -> str:
    arts = _articles(pages, page.domain)
    popular_order = [
        "wenlow-cannot-wait",
        "clean-water-march",
        "keepers-anniversary",
        "school-music-cuts",
    ]
    popular = "\n".join(
        f"<li><div class='item-title'><a href='{E(pages[page.domain + '/' + s].url)}'>{E(pages[page.domain + '/' + s].title)}</a></div></li>"
        for s in popular_order
    )
    labels = sorted({t for p in arts for t in p.tags})
    label_html = "\n".join(
        f"<li><a dir='ltr' href='/search/label/{E(t.replace(' ', '%20'))}'>{E(t)}</a></li>"
        for t in labels
    )
    months: dict[str, int] = {}
    for p in arts:
        key = p.path[1:8]  # "2026/04"
        months[key] = months.get(key, 0) + 1
    archive = "\n".join(
        f"<li class='archivedate'><a href='/{k}/'>{datetime(int(k[:4]), int(k[5:7]), 1).strftime('%B')}</a> ({n})</li>"
        for k, n in sorted(months.items(), reverse=True)
    )
    head = [
        "<meta content='text/html; charset=UTF-8' http-equiv='Content-Type'/>",
        "<meta content='blogger' name='generator'/>",
        f"<title>{VOICE}{': ' + E(page.title) if page_type == 'item' else ''}</title>",
    ]
    head += head_common(page, VOICE, "article" if page_type == "item" else "website")
    head += [
        "<link rel='alternate' type='application/atom+xml' title='Citizens&#39; Voice - Atom' href='https://citizens-voice.example/feeds/posts/default'/>"
    ]
    body = f"""<body class='loading {page_type}-view'>
<div class='content-outer'>
<header><div class='header section' id='header'><div class='widget Header' id='Header1'>
<h1 class='title'><a href='https://citizens-voice.example/'>{VOICE}</a></h1>
<p class='description'><span>A community blog for the people of the Wenlow valley. Written by volunteers, for neighbours.</span></p>
</div></div></header>
<div class='tabs section' id='crosscol'><div class='widget PageList'><ul>
<li><a href='https://citizens-voice.example/'>Home</a></li><li><a href='/p/about-us.html'>About us</a></li>
<li><a href='/p/campaigns.html'>Campaigns</a></li><li><a href='/p/write-for-us.html'>Write for us</a></li><li><a href='/p/contact.html'>Contact</a></li></ul></div></div>
<div class='main-outer'><div class='main section' id='main'><div class='widget Blog' id='Blog1'><div class='blog-posts hfeed'>
{main}
</div></div></div>
<div class='sidebar section' id='sidebar-right-1'>
<div class='widget FollowByEmail'><h2 class='title'>Subscribe to our newsletter</h2>
<p>Get every new post from {VOICE} by email.</p><form action='/follow'><input class='follow-by-email-address' name='email' placeholder='Email address...' type='text'/><input type='submit' value='Submit'/></form></div>
<div class='widget PopularPosts'><h2>Popular posts from this blog</h2><ul>
{popular}
</ul></div>
<div class='widget Label'><h2>Labels</h2><ul>
{label_html}
</ul></div>
<div class='widget BlogArchive'><h2>Blog Archive</h2><ul class='hierarchy'><li class='archivedate expanded'><a href='/2026/'>2026</a> ({len(arts)})<ul>
{archive}
</ul></li></ul></div>
<div class='widget Profile'><h2>About us</h2><p>Citizens' Voice is written by volunteers from Rivervale, Lowmoor and Northgate. Views are the authors' own.</p></div>
</div></div>
<footer><div class='footer-outer'><p>{VOICE} · PO Box 88, Rivervale · Letters and tips: (555) 016-5511</p>
<p>Simple theme. Powered by <a href='https://www.blogger.com'>Blogger</a>.</p></div></footer>
</div>
</body>"""
    return _doc("en", head, body, " dir='ltr' class='v2'")


def _voice_post(page: Page, *, full: bool, index_link: bool = False) -> str:
    date_header = ""
    stamp = ""
    if "visible" in page.dates and page.published:
        date_header = f"<h2 class='date-header'><span>{_blogger_date(page.published)}</span></h2>\n"
        d = _dt(page.published)
        stamp = (
            f"<span class='post-timestamp'> at <a class='timestamp-link' href='{E(page.url)}' rel='bookmark'>"
            f"<abbr class='published' title='{page.published}'>{d.strftime('%H:%M')}</abbr></a></span>"
        )
    content = body_html(page) if full else f"<p>{_inline(page.first_paragraph())}</p>"
    jump = (
        f"<div class='jump-link'><a href='{E(page.url)}#more' title='{E(page.title)}'>Read more »</a></div>"
        if index_link
        else ""
    )
    comments = [c for c in page.meta.get("comments", "").split(";;") if c.strip()]
    labels = ", ".join(
        f"<a href='/search/label/{E(t.replace(' ', '%20'))}' rel='tag'>{E(t)}</a>"
        for t in page.tags
    )
    n = len(comments)
    comment_link = (
        f"<a class='comment-link' href='{E(page.url)}#comment-form'>{n} comment{'s' if n != 1 else ''}</a>"
        if not full
        else ""
    )
    post = f"""<div class='date-outer'>
{date_header}<div class='date-posts'><div class='post-outer'><div class='post hentry'>
<h3 class='post-title entry-title'><a href='{E(page.url)}'>{E(page.title)}</a></h3>
<div class='post-body entry-content'>
{content}
</div>
{jump}
<div class='post-footer'><div class='post-footer-line post-footer-line-1'>
<span class='post-author vcard'>Posted by <span class='fn'>{E(page.meta.get("author", ""))}</span></span>{stamp}
<span class='post-comment-link'>{comment_link}</span></div>
<div class='post-share-buttons'><a class='share-button' href='#'>Email This</a> <a class='share-button' href='#'>BlogThis!</a> <a class='share-button' href='#'>Share to X</a> <a class='share-button' href='#'>Share to Facebook</a> <a class='share-button' href='#'>Share to Pinterest</a></div>
<div class='post-footer-line post-footer-line-2'><span class='post-labels'>Labels: {labels}</span></div></div>
</div></div></div></div>"""
    if full:
        items = []
        for c in comments:
            who, _, text = c.partition("|")
            items.append(
                f"<li class='comment'><p class='comment-author'>{E(who.strip())} said...</p><p class='comment-content'>{_inline(text.strip())}</p></li>"
            )
        post += (
            f"\n<div class='comments' id='comments'><h4>{n} comment{'s' if n != 1 else ''}:</h4><ol>"
            + "".join(items)
            + "</ol><p class='comment-footer'><a href='#'>Post a Comment</a></p></div>"
        )
    return post


def _voice_article(page: Page, pages: dict[str, Page]) -> str:
    arts = _articles(pages, page.domain)
    i = arts.index(page)
    pager = "<div class='blog-pager' id='blog-pager'>"
    if i + 1 < len(arts):
        pager += f"<span id='blog-pager-newer-link'><a class='blog-pager-newer-link' href='{E(arts[i + 1].url)}'>Newer Post</a></span> "
    if i > 0:
        pager += f"<span id='blog-pager-older-link'><a class='blog-pager-older-link' href='{E(arts[i - 1].url)}'>Older Post</a></span> "
    pager += "<a class='home-link' href='https://citizens-voice.example/'>Home</a></div>"
    return _voice_chrome(page, pages, _voice_post(page, full=True) + "\n" + pager, "item")


def _voice_index(page: Page, pages: dict[str, Page]) -> str:
    items = [pages[s.strip()] for s in page.meta["items"].split(",")]
    main = "\n".join(_voice_post(p, full=False, index_link=True) for p in items)
    main += "\n<div class='blog-pager' id='blog-pager'><a class='blog-pager-older-link' href='/search?updated-max=2026-03-27T18:00:00%2B00:00&amp;max-results=4'>Older Posts</a></div>"
    return _voice_chrome(page, pages, main, "index")


# ----------------------------------------------------------------------------- Northgate Daily
DAILY = "Northgate Daily"


def _daily_article(page: Page, pages: dict[str, Page]) -> str:
    head = [
        '<meta charset="utf-8">',
        f"<title>{E(page.title)} - {DAILY}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
    ]
    head += head_common(page, DAILY)
    head += [
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:title" content="{E(page.title)}">',
    ]
    published = ""
    if "visible" in page.dates and page.published:
        d = _dt(page.published)
        published = (
            f'<div class="article-dates"><time datetime="{page.published}">Published {d.day} '
            f"{d.strftime('%B %Y, %H:%M')}</time>"
        )
        if page.meta.get("modified"):
            m = _dt(page.meta["modified"])
            published += f' · <time datetime="{page.meta["modified"]}">Updated {m.day} {m.strftime("%B %Y, %H:%M")}</time>'
        published += "</div>"
    most_read = [
        p
        for p in _articles(pages, page.domain)
        if p.slug
        in (
            "clean-water-march",
            "calder-job-losses",
            "transit-strike-day-one",
            "oped-wenlow-cant-wait",
        )
    ]
    most = "\n".join(f'<li><a href="{E(p.url)}">{E(p.title)}</a></li>' for p in most_read)
    section = page.meta.get("section", "News")
    body = f"""<body class="article-page">
<div class="masthead"><div class="date-strip">Northgate and the Wenlow valley</div>
<a class="brand" href="https://northgate-daily.example/">{DAILY}</a>
<nav class="primary-nav"><ul><li><a href="/news">News</a></li><li><a href="/business">Business</a></li><li><a href="/transport">Transport</a></li>
<li><a href="/education">Education</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<a class="subscribe-cta" href="/subscribe">Subscribe from $1 a week</a></div>
<div class="layout">
<main class="article-main">
<nav class="breadcrumb"><a href="/">Home</a> › <a href="/{section.lower()}">{E(section)}</a></nav>
<article class="story">
<h1 class="story-headline">{E(page.title)}</h1>
<div class="story-byline">By <a href="/authors/{page.meta.get("author", "").lower().replace(" ", "-").replace("(", "").replace(")", "")}">{E(page.meta.get("author", ""))}</a></div>
{published}
<div class="story-share">Share this article <a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a> <a href="#">Email</a> <a href="#">Copy link</a></div>
<div class="story-body">
{body_html(page)}
</div>
<div class="story-footer"><p>Got a story? Contact the newsdesk on (555) 013-7700 or email news@northgate-daily.example.</p></div>
</article>
</main>
<aside class="rail">
<div class="most-read"><h3>Most read</h3><ol>
{most}
</ol></div>
<div class="newsletter-box"><h3>Subscribe to our newsletter</h3><p>The Daily Briefing: everything you need to know about Northgate, every morning at 7am.</p>
<form action="/newsletters" method="post"><input type="email" name="email" placeholder="Enter your email"><button type="submit">Sign me up</button></form>
<p class="small">By signing up you agree to our privacy notice.</p></div>
</aside>
</div>
<footer class="site-footer"><p>{DAILY}, Northgate Media Group, 200 Canal Street, Northgate. Switchboard (555) 013-7700.</p>
<ul class="footer-links"><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/complaints">Complaints</a></li><li><a href="/advertise">Advertise</a></li><li><a href="/privacy">Privacy</a></li></ul>
<p>© 2026 Northgate Media Group. All rights reserved.</p></footer>
</body>"""
    return _doc("en-US", head, body)


# -------------------------------------------------------------------------------- Lowmoor Post
POST = "Lowmoor Post"


def _lowmoor_article(page: Page, pages: dict[str, Page]) -> str:
    head = [
        '<meta charset="utf-8">',
        '<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">',
        f"<title>{E(page.title)} | {POST}</title>",
    ]
    head += head_common(page, POST)
    submitted = ""
    if "visible" in page.dates and page.published:
        d = _dt(page.published)
        submitted = (
            f'<div class="node__submitted">Submitted by <span class="field--name-uid">{E(page.meta.get("author", ""))}</span> on '
            f'<span class="field--name-created">{d.strftime("%a, %m/%d/%Y - %H:%M")}</span></div>'
        )
    elif page.meta.get("author"):
        submitted = f'<div class="node__submitted">Submitted by <span class="field--name-uid">{E(page.meta["author"])}</span></div>'
    tags = "".join(
        f'<div class="field__item"><a href="/taxonomy/term/{E(t.lower().replace(" ", "-"))}">{E(t)}</a></div>'
        for t in page.tags
    )
    section = page.meta.get("section", "News")
    body = f"""<body class="path-node page-node-type-article">
<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas"><div class="layout-container">
<header role="banner"><div class="region region-header"><div class="site-branding"><a href="https://lowmoor-post.example/" rel="home">{POST}</a>
<div class="site-branding__slogan">Community news for Lowmoor and district</div></div></div>
<nav role="navigation" class="menu--main"><ul class="menu"><li class="menu-item"><a href="/">Home</a></li><li class="menu-item"><a href="/news">News</a></li>
<li class="menu-item"><a href="/events">Events</a></li><li class="menu-item"><a href="/lantern-festival">Lantern Festival</a></li>
<li class="menu-item"><a href="/community">Community</a></li><li class="menu-item"><a href="/contact">Contact</a></li></ul></nav></header>
<div class="region region-breadcrumb"><nav class="breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/{section.lower()}">{E(section)}</a></li></ol></nav></div>
<main role="main"><a id="main-content" tabindex="-1"></a><div class="layout-content">
<article role="article" class="node node--type-article node--view-mode-full">
<h1 class="page-title"><span class="field--name-title">{E(page.title)}</span></h1>
{submitted}
<div class="node__content"><div class="clearfix text-formatted field field--name-body">
{body_html(page)}
</div>
<div class="field field--name-field-tags"><div class="field__label">Tags</div><div class="field__items">{tags}</div></div>
</div>
<div class="share-links">Share: <a href="#">Facebook</a> | <a href="#">X</a> | <a href="#">Email</a></div>
</article>
</div>
<aside class="layout-sidebar-first" role="complementary">
<div class="block block-newsletter"><h2>Subscribe to our newsletter</h2><p>The Lowmoor Post comes out every Thursday. Get it by email, free.</p>
<form action="/newsletter/subscribe"><input type="email" name="mail" placeholder="Email address"><input type="submit" value="Subscribe"></form></div>
<div class="block block-events"><h2>Coming up</h2><ul><li>Lantern workshops: Saturdays 2–5pm, Sundays 10am–1pm, Community Hall</li>
<li>Parish council: first Wednesday of the month, 7pm</li><li>Farmers' market: last Saturday of the month, Market Square</li></ul></div>
<div class="block block-tagclouds"><h2>Tags</h2><span class="tagclouds-term"><a href="/taxonomy/term/lantern-festival">Lantern Festival</a></span>
<span class="tagclouds-term"><a href="/taxonomy/term/lowmoor">Lowmoor</a></span> <span class="tagclouds-term"><a href="/taxonomy/term/wenlow">Wenlow</a></span>
<span class="tagclouds-term"><a href="/taxonomy/term/roads">Roads</a></span> <span class="tagclouds-term"><a href="/taxonomy/term/volunteering">Volunteering</a></span>
<span class="tagclouds-term"><a href="/taxonomy/term/week-in-review">Week in review</a></span></div>
</aside></main>
<footer role="contentinfo" class="site-footer"><p>{POST}, c/o Lowmoor Community Hall, Church Row, Lowmoor. Tel (555) 017-3030.</p>
<p>A volunteer-run community publication. Letters and photographs welcome.</p></footer>
</div></div>
</body>"""
    return _doc("en", head, body, ' dir="ltr" prefix="og: https://ogp.me/ns#"')


def render(page: Page, pages: dict[str, Page]) -> str:
    """The full HTML document of a page, in its site's template."""
    kind = page.meta.get("type", "article")
    if page.domain == "rivervale-herald.example":
        return _herald_tag(page, pages) if kind == "tag-listing" else _herald_article(page, pages)
    if page.domain == "valleywire.example":
        return _wire_article(page, pages)
    if page.domain == "citizens-voice.example":
        return _voice_index(page, pages) if kind == "blogger-index" else _voice_article(page, pages)
    if page.domain == "northgate-daily.example":
        return _daily_article(page, pages)
    if page.domain == "lowmoor-post.example":
        return _lowmoor_article(page, pages)
    raise ValueError(f"no template for {page.domain}")


# ------------------------------------------------------------------------------- other sources
FEED_ITEMS = (
    "cleanup-day",
    "oped-wenlow-cannot-wait",
    "letters-riverbank-bid",
    "riverbank-grant-vote",
    "river-survey",
)


def _feed(pages: dict[str, Page]) -> str:
    items = [pages["rivervale-herald.example/" + s] for s in FEED_ITEMS]
    out = []
    for n, p in enumerate(items):
        cats = "".join(f"\n\t\t<category><![CDATA[{t}]]></category>" for t in p.tags)
        out.append(f"""\t<item>
\t\t<title>{E(p.title)}</title>
\t\t<link>{E(p.url)}</link>
\t\t<dc:creator><![CDATA[{p.meta.get("author", "")}]]></dc:creator>
\t\t<pubDate>{rfc822(p.published or "")}</pubDate>{cats}
\t\t<guid isPermaLink="false">https://rivervale-herald.example/?p={1500 - 7 * n}</guid>
\t\t<description><![CDATA[{description(p)}]]></description>
\t\t<content:encoded><![CDATA[{body_html(p)}]]></content:encoded>
\t</item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:atom="http://www.w3.org/2005/Atom"
\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
<channel>
\t<title>{HERALD}</title>
\t<atom:link href="https://rivervale-herald.example/feed/" rel="self" type="application/rss+xml" />
\t<link>https://rivervale-herald.example/</link>
\t<description>News for Rivervale and the Wenlow valley since 1921</description>
\t<lastBuildDate>{rfc822(items[0].published or "")}</lastBuildDate>
\t<language>en-US</language>
\t<sy:updatePeriod>hourly</sy:updatePeriod>
\t<sy:updateFrequency>1</sy:updateFrequency>
\t<generator>https://wordpress.org/?v=6.4.3</generator>
{chr(10).join(out)}
</channel>
</rss>
"""


SITEMAP_ONLY = "https://northgate-daily.example/weather/northgate-five-day-forecast"


def _sitemap(pages: dict[str, Page]) -> str:
    arts = list(reversed(_articles(pages, "northgate-daily.example")))
    urls = []
    for p in arts:
        if not p.dates:  # the page without any date keeps its sitemap entry bare, too
            urls.append(f"  <url>\n    <loc>{E(p.url)}</loc>\n  </url>")
            continue
        lastmod = p.meta.get("modified") or p.published
        urls.append(f"""  <url>
    <loc>{E(p.url)}</loc>
    <lastmod>{lastmod}</lastmod>
    <news:news>
      <news:publication><news:name>{DAILY}</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>{p.published}</news:publication_date>
      <news:title>{E(p.title)}</news:title>
    </news:news>
  </url>""")
    urls.append(
        f"  <url>\n    <loc>{SITEMAP_ONLY}</loc>\n    <changefreq>hourly</changefreq>\n  </url>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"\n'
        '        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        + "\n".join(urls)
        + "\n</urlset>\n"
    )


TG_NAME = "Rivervale Watch"
TG_ID = 1987654321
TG_FOLDER = "rivervale_watch"


def tg_url(message_id: int) -> str:
    """Link of a message of the example channel.

    Telegram Desktop exports carry the channel id but not its username, so the link is the
    ``t.me/c/<channel id>/<message id>`` form that copytrail's Telegram reader derives too.
    """
    return f"https://t.me/c/{TG_ID}/{message_id}"


def _entities(
    parts: list[str | tuple[str, str]],
) -> tuple[str | list[object], list[dict[str, str]]]:
    """Telegram Desktop's two spellings of a text: ``text`` (string or list) and ``text_entities``."""
    ents: list[dict[str, str]] = []
    text: list[object] = []
    for part in parts:
        if isinstance(part, str):
            ents.append({"type": "plain", "text": part})
            text.append(part)
        else:
            kind, value = part
            ents.append({"type": kind, "text": value})
            text.append({"type": kind, "text": value})
    if len(text) == 1 and isinstance(text[0], str):
        return text[0], ents
    return text, ents


def _telegram(pages: dict[str, Page]) -> dict[str, object]:
    from corpus_planted import MONITOR_PASSAGE, OPED_PASSAGE, RALLY_TG_PASSAGE  # noqa: PLC0415

    def local(iso_local: str, offset: str) -> tuple[str, str]:
        return iso_local, str(unix(iso_local + offset))

    msgs: list[dict[str, object]] = []
    date, ux = local("2026-03-01T12:00:00", "+00:00")
    msgs.append(
        {
            "id": 1,
            "type": "service",
            "date": date,
            "date_unixtime": ux,
            "actor": TG_NAME,
            "actor_id": f"channel{TG_ID}",
            "action": "create_channel",
            "title": TG_NAME,
            "text": "",
            "text_entities": [],
        }
    )
    spec: list[tuple[int, str, str, list[str | tuple[str, str]], dict[str, object]]] = [
        (
            2,
            "2026-03-02T09:15:00",
            "+00:00",
            [
                "New series from the Herald on the people who look after our river: ",
                ("link", pages["rivervale-herald.example/river-keepers-part-1"].url),
            ],
            {},
        ),
        (
            5,
            "2026-03-28T13:40:12",
            "+00:00",
            [
                "Polytechnic study: plastic fragments in about 40 percent of Wenlow samples, and it tracks the rain. ",
                ("hashtag", "#Wenlow"),
                " ",
                ("hashtag", "#RiverKeepers"),
            ],
            {},
        ),
        (7, "2026-04-05T22:05:40", "+01:00", [RALLY_TG_PASSAGE], {"forwarded_from": VOICE}),
        (
            9,
            "2026-04-18T09:02:11",
            "+01:00",
            [
                OPED_PASSAGE + "\n\nRead the whole piece: ",
                ("link", pages["citizens-voice.example/wenlow-cannot-wait"].url),
            ],
            {"forwarded_from": VOICE},
        ),
        (
            10,
            "2026-04-25T08:10:00",
            "+01:00",
            ["Clean-up day this morning at the boathouse. Bring gloves! 🧤"],
            {"photo": "photos/photo_1@25-04-2026_08-10-00.jpg", "width": 1280, "height": 960},
        ),
        (
            11,
            "2026-04-26T10:30:00",
            "+01:00",
            [
                "Herald report on yesterday's clean-up: four hundred volunteers, four skips, and a manhole cover from the Calder foundry. ",
                ("link", pages["rivervale-herald.example/cleanup-day"].url),
            ],
            {"edited": "2026-04-26T10:34:02"},
        ),
        # A teaser of a statement, posted before the statement itself: the reprints of the full
        # text copied the statement, not this excerpt.
        (
            12,
            "2026-05-04T08:30:00",
            "+01:00",
            [MONITOR_PASSAGE + "\n\nThe Keepers' full statement follows later this morning."],
            {},
        ),
    ]
    for mid, when, off, parts, extra in spec:
        date, ux = local(when, off)
        text, ents = _entities(parts)
        msg: dict[str, object] = {
            "id": mid,
            "type": "message",
            "date": date,
            "date_unixtime": ux,
            "from": TG_NAME,
            "from_id": f"channel{TG_ID}",
        }
        if "edited" in extra:
            msg["edited"] = extra["edited"]
            msg["edited_unixtime"] = str(unix(str(extra["edited"]) + off))
        for k, v in extra.items():
            if k != "edited":
                msg[k] = v
        msg["text"] = text
        msg["text_entities"] = ents
        msgs.append(msg)
    return {"name": TG_NAME, "type": "public_channel", "id": TG_ID, "messages": msgs}


def _jsonl(pages: dict[str, Page]) -> str:
    from corpus_planted import RADIO_RECORDS  # noqa: PLC0415

    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RADIO_RECORDS(pages))


def write_extras(pages: dict[str, Page]) -> None:
    """Feed, sitemap, Telegram export and JSONL file."""
    write(OUT / "feeds" / "rivervale-herald.xml", _feed(pages))
    write(OUT / "sitemaps" / "northgate-daily.xml", _sitemap(pages))
    tg = json.dumps(_telegram(pages), indent=1, ensure_ascii=False)
    write(OUT / "telegram" / TG_FOLDER / "result.json", tg)
    write(OUT / "jsonl" / "wenlow-radio.jsonl", _jsonl(pages))
