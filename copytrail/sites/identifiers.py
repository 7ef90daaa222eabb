"""Identifiers a page carries: analytics and ad accounts, tag containers, verification tokens,
social handles, contact e-mails, wallets, and the softer publisher and theme fingerprints.

Extraction reads the raw bytes of the page with regular expressions — scripts, ``src``
attributes, meta tags, noscript iframes and JSON-LD alike, never a parsed tree — because it runs
on every page at ingest. Each match is then placed (``source``) by looking backwards from it for
the tag it sits in: ``script``, ``jsonld``, ``noscript``, ``meta``, ``src`` (any other tag
attribute), ``text`` or ``adstxt`` (an ``ads.txt`` file). Account-like kinds are only taken
outside visible text (a how-to article that mentions ``UA-1234567-1`` is not using it); e-mails and
wallets only from text, links and JSON-LD.

Values are normalised so that equal accounts compare equal: a Universal Analytics property
``UA-1234567-3`` is the account ``UA-1234567``; AdSense ``ca-pub-…`` is ``pub-…``; e-mails
and handles are lower-cased. Known placeholders (:data:`copytrail.sites.data`
``placeholders.json``) are dropped.

>>> html = b'''<head><meta name="google-site-verification" content="aBc123_-XyZ">
... <script async src="https://www.googletagmanager.com/gtag/js?id=G-7KQ2ZP1M8D"></script>
... <script>ga('create', 'UA-4417735-2', 'auto');</script>
... <script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-4417735120399857"></script>
... </head><body><p>Write to desk@lowmoor-post.news</p>
... <p>Tutorial: paste UA-123456-1 into the box.</p></body>'''
>>> for kind, value, source in extract_identifiers(html):
...     print(kind, value, source)
verify-google aBc123_-XyZ meta
ga4 G-7KQ2ZP1M8D src
ga-ua UA-4417735 script
adsense pub-4417735120399857 src
email desk@lowmoor-post.news text
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources

from copytrail.sites.wallets import valid_btc, valid_eth

# Bump when extraction changes: pages scanned by an older version are scanned again.
EXTRACTOR_VERSION = "1"

KINDS = (
    "ga-ua", "ga4", "gtm", "adsense", "gam", "fb-pixel", "yandex-metrica", "clarity", "hotjar",
    "verify-google", "verify-yandex", "verify-facebook", "verify-bing", "verify-pinterest",
    "twitter-site", "fb-app", "fb-page", "adstxt-direct", "email", "wallet-btc", "wallet-eth",
    "publisher", "theme",
)  # fmt: skip

Found = tuple[str, str, str]  # (kind, value, source)
_At = tuple[int, str, str, str]  # (offset, kind, value, source)

# Where account-like identifiers count: a page uses them in code, tags and attributes.
_CODE = frozenset({"script", "src", "meta", "noscript", "jsonld"})
# Where contact details count: what a reader sees or clicks, and the page's JSON-LD.
_CONTACT = frozenset({"text", "src", "jsonld"})

# (kind, pattern, group holding the value, normaliser, sources where it counts, gate word)
_Rule = tuple[str, "re.Pattern[bytes]", int, Callable[[str], str], frozenset[str], bytes | None]


def _same(v: str) -> str:
    return v


def _lower(v: str) -> str:
    return v.lower()


def _ua(v: str) -> str:
    return "UA-" + v


def _pub(v: str) -> str:
    return "pub-" + v


# The last column is a word the page must hold (lower-cased) for the rule to be tried: one
# fast bytes.find stands in for several regex scans of pages that have no such tag at all.
_RULES: tuple[_Rule, ...] = (
    ("ga-ua", re.compile(rb"UA-(\d{4,10})-\d{1,4}\b"), 1, _ua, _CODE, None),
    ("ga4", re.compile(rb"(G-(?=[A-Z]*\d)[A-Z0-9]{8,12})\b"), 1, _same, _CODE, None),
    ("gtm", re.compile(rb"(GTM-[A-Z0-9]{4,9})\b"), 1, _same, _CODE, None),
    ("adsense", re.compile(rb"pub-(\d{16})\b"), 1, _pub, _CODE, None),
    ("gam", re.compile(rb"defineSlot\(\s*['\"]/(\d{3,12})[/,'\"]"), 1, _same, _CODE, None),
    ("fb-pixel", re.compile(rb"fbq\(\s*['\"]init['\"]\s*,\s*['\"]?(\d{10,20})"), 1, _same, _CODE, None),
    ("fb-pixel", re.compile(rb"facebook\.com/tr/?\?id=(\d{10,20})"), 1, _same, _CODE, None),
    ("yandex-metrica", re.compile(rb"ym\(\s*(\d{5,10})\s*,\s*['\"]init"), 1, _same, _CODE, None),
    ("yandex-metrica", re.compile(rb"mc\.yandex\.(?:ru|com)/watch/(\d{5,10})"), 1, _same, _CODE, None),
    ("yandex-metrica", re.compile(rb"yaCounter(\d{5,10})\b"), 1, _same, _CODE, None),
    ("clarity", re.compile(rb"clarity\.ms/tag/([a-z0-9]{8,12})\b"), 1, _same, _CODE, b"clarity"),
    ("clarity", re.compile(rb"clarity[\"']\s*,\s*[\"']script[\"']\s*,\s*[\"']([a-z0-9]{8,12})[\"']"), 1, _same, _CODE, b"clarity"),
    ("hotjar", re.compile(rb"hjid\s*:\s*(\d{5,9})\b"), 1, _same, _CODE, b"hotjar"),
    ("hotjar", re.compile(rb"static\.hotjar\.com/c/hotjar-(\d{5,9})\.js"), 1, _same, _CODE, b"hotjar"),
    ("theme", re.compile(rb"/wp-content/themes/([A-Za-z0-9_.-]{2,60})/"), 1, lambda v: "wp:" + v.lower(), _CODE, b"/themes/"),
    ("theme", re.compile(rb"/themes/(?:custom|contrib)/([A-Za-z0-9_-]{2,60})/"), 1, lambda v: "drupal:" + v.lower(), _CODE, b"/themes/"),
    ("wallet-eth", re.compile(rb"(0x[0-9a-fA-F]{40})\b"), 1, _same, _CONTACT, None),
    ("wallet-btc", re.compile(rb"(bc1[ac-hj-np-z02-9]{11,71})\b"), 1, _lower, _CONTACT, b"bc1"),
)  # fmt: skip

_WORD = [chr(c).isalnum() or c == 0x5F for c in range(256)]  # byte -> is a word character
_VALIDATORS: dict[str, Callable[[str], bool]] = {"wallet-btc": valid_btc, "wallet-eth": valid_eth}

# Meta tags: name/property -> kind. Verification tokens and social ids live only here.
_META_KINDS = {
    "google-site-verification": "verify-google",
    "yandex-verification": "verify-yandex",
    "facebook-domain-verification": "verify-facebook",
    "msvalidate.01": "verify-bing",
    "p:domain_verify": "verify-pinterest",
    "twitter:site": "twitter-site",
    "fb:app_id": "fb-app",
    "fb:pages": "fb-page",
}
_META = re.compile(rb"<meta\s[^>]{0,800}>", re.I)
_ATTR = re.compile(rb"""([a-zA-Z:_.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_TOKEN = re.compile(r"^[A-Za-z0-9_@.:-]{2,120}$")

# E-mails: found from their '@' (a pattern that starts with the local part would be tried at
# every letter of the page).
_AT = re.compile(rb"@")
_LOCAL = re.compile(rb"[A-Za-z0-9._%+-]{1,64}$")
_DOMAIN = re.compile(rb"(?:[A-Za-z0-9-]{1,63}\.)+([A-Za-z]{2,24})\b")
_NOT_TLDS = frozenset("png jpg jpeg gif webp svg js css ico mp4 woff woff2 ttf".split())

# Publisher, soft: JSON-LD publisher.name (one level of nested objects, e.g. its logo, may come
# first) and footer credits naming a group.
_LD_PUBLISHER = re.compile(
    rb'"publisher"\s*:\s*\[?\s*\{(?:[^{}]|\{[^{}]*\}){0,600}?"name"\s*:\s*"([^"]{2,120})"'
)
_NAME = rb"([A-Z][\w&'.-]*(?:[ \t]+(?:of[ \t]+|and[ \t]+|&[ \t]+)?[A-Z][\w&'.-]*){0,6})"
# Footer credits and copyright lines are found by their words with bytes.find (fast), and
# the pattern is only tried there: a pattern starting with an alternation of phrases would be
# tried at every byte of the page.
_CREDIT_WORDS = (b"part of", b"member of", b"publication of", b"published by", b"owned by",
                 b"division of", b"brand of", b"company of")  # fmt: skip
_CREDIT = re.compile(rb"[a-zA-Z]+ (?:of|by)[ \t]+(?:the[ \t]+)?" + _NAME)
_COPYRIGHT_WORDS = (b"&copy;", b"\xc2\xa9", b"&#169;", b"copyright")
_COPYRIGHT = re.compile(
    rb"(?:&copy;|\xc2\xa9|&#169;|[Cc]opyright)[ \t]*(?:\d{4}[ \t]*[-\xe2\x80\x93]*[ \t]*)*" + _NAME
)
_GROUP_WORDS = re.compile(r"\b(?:media|group|network|publishing|publications|holdings|"
                          r"communications|broadcasting|company|corporation|inc|ltd|llc)\b", re.I)  # fmt: skip
_LEGAL = re.compile(r"[,.]?\s+(?:inc|ltd|llc|plc|gmbh|s\.?a|corp)\.?$", re.I)

_ADSTXT_LINE = re.compile(
    rb"^[ \t]*([A-Za-z0-9.-]+\.[A-Za-z]{2,})[ \t]*,[ \t]*([A-Za-z0-9_-]+)[ \t]*,[ \t]*DIRECT\b",
    re.I | re.M,
)


@cache
def placeholders() -> tuple[dict[str, frozenset[str]], dict[str, tuple[re.Pattern[str], ...]]]:
    """(kind -> exact values, kind or '*' -> patterns), read once from the data file."""
    raw = json.loads(
        resources.files("copytrail.sites").joinpath("data/placeholders.json").read_text("utf-8")
    )
    values = {k: frozenset(v.lower() for v in vs) for k, vs in raw["values"].items()}
    patterns = {k: tuple(re.compile(p) for p in ps) for k, ps in raw["patterns"].items()}
    return values, patterns


def is_placeholder(kind: str, value: str) -> bool:
    """True when ``value`` is a sample or dummy identifier of ``kind``.

    >>> is_placeholder("ga-ua", "UA-123456"), is_placeholder("gtm", "GTM-XXXXXX")
    (True, True)
    >>> is_placeholder("adsense", "pub-0000000000000000"), is_placeholder("adsense", "pub-4417735120399857")
    (True, False)
    >>> is_placeholder("email", "editor@example.com"), is_placeholder("email", "desk@lowmoor-post.news")
    (True, False)
    """
    values, patterns = placeholders()
    if value.lower() in values.get(kind, ()):
        return True
    return any(p.fullmatch(value) for p in (*patterns.get("*", ()), *patterns.get(kind, ())))


def _tag_start(low: bytes, pos: int) -> int:
    """Start of the tag ``pos`` is inside, or -1 when it is between tags."""
    lt = low.rfind(b"<", 0, pos)
    return lt if lt > low.rfind(b">", 0, pos) else -1


def source_at(low: bytes, pos: int) -> str:
    """Where in the page byte ``pos`` is: script, jsonld, noscript, meta, src (another tag's
    attribute) or text.

    ``low`` is the page lower-cased. Looks back from ``pos`` only, so each match costs a few
    ``rfind`` calls and no parse.

    >>> page = b'<script type="application/ld+json">{"a": 1}</script><p>hi</p><meta content="x">'
    >>> [source_at(page, page.find(s)) for s in (b'"a"', b"hi", b'"x"')]
    ['jsonld', 'text', 'meta']
    """
    s_open = low.rfind(b"<script", 0, pos)
    if s_open > low.rfind(b"</script", 0, pos):
        head_end = low.find(b">", s_open)
        if head_end == -1 or head_end >= pos:  # inside the <script ...> tag itself
            return "src"
        return "jsonld" if b"ld+json" in low[s_open:head_end] else "script"
    # A noscript fallback (GTM iframe, pixel image) is reported as such, attribute or not.
    if low.rfind(b"<noscript", 0, pos) > low.rfind(b"</noscript", 0, pos):
        return "noscript"
    tag = _tag_start(low, pos)
    if tag >= 0:
        return "meta" if low.startswith(b"<meta", tag) else "src"
    return "text"


class _Where:
    """:func:`source_at` for many offsets of one page: the script and noscript boundaries are
    found once (bytes.find), then each offset is placed by bisection.

    >>> page = b'<p>a</p><script>x</script><noscript><img src="y"></noscript><p>z</p>'
    >>> w = _Where(page.lower())
    >>> [w(page.find(s)) for s in (b"a<", b"x<", b'"y"', b"z<")] == [
    ...     source_at(page, page.find(s)) for s in (b"a<", b"x<", b'"y"', b"z<")]
    True
    """

    def __init__(self, low: bytes) -> None:
        self.low = low
        self.scripts = _spans(low, b"<script", b"</script")
        self.noscripts = _spans(low, b"<noscript", b"</noscript")

    def __call__(self, pos: int) -> str:
        low = self.low
        i = bisect_right(self.scripts, (pos, 1 << 62)) - 1
        if i >= 0 and self.scripts[i][1] > pos:
            s_open = self.scripts[i][0]
            head_end = low.find(b">", s_open)
            if head_end == -1 or head_end >= pos:
                return "src"
            return "jsonld" if b"ld+json" in low[s_open:head_end] else "script"
        i = bisect_right(self.noscripts, (pos, 1 << 62)) - 1
        if i >= 0 and self.noscripts[i][1] > pos:
            return "noscript"
        tag = _tag_start(low, pos)
        if tag >= 0:
            return "meta" if low.startswith(b"<meta", tag) else "src"
        return "text"


def _spans(low: bytes, open_tag: bytes, close_tag: bytes) -> list[tuple[int, int]]:
    """(start, end) of each element: from its opening tag to its closing tag (or the end)."""
    out = []
    at = low.find(open_tag)
    while at >= 0:
        end = low.find(close_tag, at)
        end = len(low) if end < 0 else end
        out.append((at, end))
        at = low.find(open_tag, end)
    return out


def _rules(body: bytes, low: bytes, where_at: _Where) -> Iterator[_At]:
    gates: dict[bytes, bool] = {}
    for kind, pattern, group, norm, where, gate in _RULES:
        if gate is not None:
            if gate not in gates:
                gates[gate] = gate in low
            if not gates[gate]:
                continue
        # bech32 addresses are one case: searched lower-cased, so one pattern finds both.
        text = low if kind == "wallet-btc" else body
        # Patterns start with a literal (a leading \b would stop the regex engine from skipping
        # ahead to it): the word boundary before a match is checked here instead.
        edge = pattern.pattern.lstrip(b"(")[:1].isalnum()
        for m in pattern.finditer(text):
            if edge and m.start() and _WORD[body[m.start() - 1]]:
                continue
            source = where_at(m.start())
            if source not in where:
                continue
            value = norm(m.group(group).decode("ascii", "replace"))
            check = _VALIDATORS.get(kind)
            if check is None or check(value):
                yield m.start(), kind, value, source
    yield from _base58(body, where_at)


# Base58 addresses: the page mapped to 'a' (base58 letter), '.' (other word character) and ' '
# (anything else), then runs of 26-35 'a' found with bytes.find. A regex starting with [13]
# is tried at every 1 and 3 of the page, and minified scripts are full of them.
_B58_MAP = bytes(
    0x61 if chr(c) in "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    else 0x2E if _WORD[c] else 0x20
    for c in range(256)
)  # fmt: skip
_B58_RUN = b" " + b"a" * 26


def _base58(body: bytes, where_at: _Where) -> Iterator[_At]:
    mapped = b" " + body.translate(_B58_MAP) + b" "  # offsets: +1
    at = mapped.find(_B58_RUN)
    while at >= 0:
        start = at + 1
        end = start + 26
        while mapped[end] == 0x61:
            end += 1
        if end - start <= 35 and mapped[end] == 0x20 and body[start - 1] in b"13":
            value = body[start - 1 : end - 1].decode("ascii")
            source = where_at(start - 1)
            if source in _CONTACT and valid_btc(value):
                yield start - 1, "wallet-btc", value, source
        at = mapped.find(_B58_RUN, end)


def _meta(body: bytes) -> Iterator[_At]:
    for m in _META.finditer(body):
        attrs = {
            a.group(1).lower(): (a.group(2) or a.group(3) or a.group(4) or b"")
            for a in _ATTR.finditer(m.group(0))
        }
        key = (
            (attrs.get(b"name") or attrs.get(b"property") or b"").decode("ascii", "replace").lower()
        )
        kind = _META_KINDS.get(key)
        content = attrs.get(b"content", b"").decode("utf-8", "replace").strip()
        if kind is None or not content:
            continue
        for value in content.split(",") if kind == "fb-page" else (content,):
            value = value.strip()
            if kind == "twitter-site":
                value = "@" + value.lstrip("@").lower()
            if _TOKEN.match(value):
                yield m.start(), kind, value, "meta"


def _emails(body: bytes, where_at: _Where) -> Iterator[_At]:
    for m in _AT.finditer(body):
        at = m.start()
        # Most '@' of a page are CSS at-rules, decorators and handles: no address around them.
        if at == 0 or not _WORD[body[at - 1]] or at + 1 >= len(body) or not _WORD[body[at + 1]]:
            continue
        local = _LOCAL.search(body, max(0, at - 64), at)
        domain = _DOMAIN.match(body, at + 1, at + 254)
        if not local or not domain or domain.group(1).lower().decode() in _NOT_TLDS:
            continue
        text = local.group(0).lstrip(b".") + b"@" + domain.group(0)
        if not text[0:1].isalnum():
            continue
        source = where_at(local.start())
        if source in _CONTACT:
            yield local.start(), "email", text.decode("ascii").lower(), source


def _publisher_name(raw: bytes) -> str | None:
    # A sentence ends the name: "© 2026 X Media Group. All rights reserved."
    name = re.split(r"[.!?]\s", re.sub(r"\s+", " ", raw.decode("utf-8", "replace")), maxsplit=1)[0]
    name = name.strip(" .,")
    name = _LEGAL.sub("", name)
    name = re.sub(r"(?i)^the\s+", "", name)
    return name.lower() if 2 <= len(name) <= 80 else None


def _publishers(body: bytes, low: bytes, where_at: _Where) -> Iterator[_At]:
    for m in _LD_PUBLISHER.finditer(body):
        name = _publisher_name(m.group(1))
        if name and where_at(m.start()) == "jsonld":
            yield m.start(), "publisher", name, "jsonld"
    # Group credits and copyright lines are footer text: read from the last <footer>, else the
    # last third of the page.
    footer = low.rfind(b"<footer")
    start = footer if footer >= 0 else len(low) * 2 // 3
    for words, pattern, need_group_word in (
        (_CREDIT_WORDS, _CREDIT, False),
        (_COPYRIGHT_WORDS, _COPYRIGHT, True),
    ):
        for at in _find_all(low, words, start):
            found = pattern.match(body, at)
            name = _publisher_name(found.group(1)) if found else None
            # "© 2026 The Lowmoor Post" names the site itself; only a group name says more.
            if name and (not need_group_word or _GROUP_WORDS.search(name)):
                if where_at(at) == "text":
                    yield at, "publisher", name, "text"


def _find_all(low: bytes, words: tuple[bytes, ...], start: int = 0) -> Iterator[int]:
    for word in words:
        at = low.find(word, start)
        while at >= 0:
            yield at
            at = low.find(word, at + 1)


def _adstxt(body: bytes) -> Iterator[_At]:
    for m in _ADSTXT_LINE.finditer(body):
        system = m.group(1).decode("ascii").lower()
        account = m.group(2).decode("ascii").lower()
        if system.startswith("google.") and not account.startswith("pub-"):
            account = "pub-" + account
        yield m.start(), "adstxt-direct", f"{system}/{account}", "adstxt"


def is_adstxt(url: str) -> bool:
    """True for an ``ads.txt`` or ``app-ads.txt`` file (its lines are read, not its HTML).

    >>> is_adstxt("https://ex.org/ads.txt"), is_adstxt("file:///c/site/app-ads.txt"), is_adstxt("https://ex.org/ads")
    (True, True, False)
    """
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    return path.endswith(("/ads.txt", "/app-ads.txt"))


def extract_identifiers(body: bytes, url: str = "") -> list[Found]:
    """Every identifier of a page as (kind, value, source), once per (kind, value), where it
    first occurs in the page, in page order; placeholders dropped. ``url`` tells an ads.txt
    file from a page."""
    if is_adstxt(url):
        found: list[_At] = list(_adstxt(body))
    else:
        low = body.lower()
        where = _Where(low)
        found = [
            *_meta(body),
            *_rules(body, low, where),
            *_emails(body, where),
            *_publishers(body, low, where),
        ]
    out: dict[tuple[str, str], Found] = {}
    for _, kind, value, source in sorted(found):
        if (kind, value) not in out and not is_placeholder(kind, value):
            out[(kind, value)] = (kind, value, source)
    return list(out.values())
