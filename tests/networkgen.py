"""Site-network scenarios with ground truth: which sites are one operation, which only look so.

``write_network_corpus(out, seed, scale)`` writes ``out/corpus/<domain>/<yyyy>/<slug>.html``
(each site its own template, navigation, footer, tracking stack and dated articles; a few sites
also an ``ads.txt``) and ``out/truth.json``. The same seed gives the same bytes; ``scale``
multiplies every population (1 for tests: about 32 sites and 190 pages).

Planted, with the answer recorded in the truth:

* undisclosed networks (label ``coordination``): ``net-ads`` sites share only an AdSense
  publisher and a Universal Analytics account (each its own property suffix, ads.txt lines);
  ``net-tags`` sites share only a Tag Manager container and a Yandex Metrica counter;
  ``net-copub`` sites share nothing technical but publish the same uncredited texts within
  minutes of each other, story after story;
* a disclosed publisher group (label ``shared-owner``): JSON-LD ``publisher``, footer "Part of
  the X Media Group", a common Facebook app;
* a wire service and a dozen credited reprinters per story, within hours ("(Meridian Wire) —",
  "This story first appeared on …", a cross-domain ``rel=canonical`` to the wire's page);
* traps that must link nothing: one agency's Tag Manager container on many unrelated sites;
  placeholder ids (``UA-123456-1``, ``ca-pub-0000000000000000``, ``GTM-XXXXXX``); a common
  WordPress theme and CDN on many sites; two unrelated sites quoting the same press release
  once; a scraper that copies victims' pages wholesale days later, their analytics ids and all.

Truth: ``sites`` (domain -> role, network, ids), ``networks`` (id, label, sites),
``shared_owner_pairs``, ``coordination_pairs``, ``wire_pairs``, ``trap_pairs`` (pair, trap),
``pages`` (corpus-relative path -> site, url, published, role, ids as [kind, value]).
Scorers: :mod:`networkscore`.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> truth = write_network_corpus(out, seed=5)
>>> sorted(n["label"] for n in truth["networks"])
['coordination', 'coordination', 'coordination', 'shared-owner']
>>> sorted({t["trap"] for t in truth["trap_pairs"]})
['agency-gtm', 'placeholder', 'press-release', 'scraper', 'theme']
"""

from __future__ import annotations

import hashlib
import json
import random
import string
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

from scenario_lang import GRAMMARS, Topic

from copytrail.sites.wallets import keccak256

START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
NAME_A = ("Lowmoor", "Ashby", "Kestrel", "Harrow", "Fenwick", "Marlow", "Brackley", "Oldfield",
          "Redcliff", "Thornbury", "Wexcombe", "Dunmere", "Caldbeck", "Elmstead", "Greyhaven",
          "Hollins", "Ivybridge", "Jarrow", "Kirkby", "Langdon", "Millbrook", "Northam", "Penrose",
          "Quarry", "Rosedale", "Saltash", "Tidewell", "Upton", "Vale", "Westerby")  # fmt: skip
NAME_B = ("Post", "Courier", "Gazette", "Chronicle", "Observer", "Herald", "Echo", "Mercury",
          "Advertiser", "Ledger", "Tribune", "Sentinel", "Bulletin", "Dispatch", "Record")  # fmt: skip
# Invented names; not .example: e-mails at reserved domains are placeholders to extraction.
# Middle words once the two-word names run short (large scales): 30 x 15 x 9 names in all.
NAME_C = (
    "Valley ",
    "County ",
    "Evening ",
    "Weekly ",
    "Daily ",
    "Morning ",
    "Free ",
    "Independent ",
    "Coast ",
)
TLDS = ("news", "org", "info", "com", "net")
THEMES = ("newsmag", "astra", "generatepress", "jnews")
COMMON_THEME = "newsmag"
ALNUM = string.ascii_uppercase.replace("X", "") + string.digits
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
# Kinds a site's tracking stack may carry, with how often an ordinary site has each.
STACK = (("ga4", 0.6), ("gtm", 0.4), ("adsense", 0.3), ("gam", 0.15), ("fb-pixel", 0.3),
         ("yandex-metrica", 0.15), ("clarity", 0.15), ("hotjar", 0.15), ("verify-google", 0.6),
         ("verify-yandex", 0.2), ("verify-facebook", 0.3), ("verify-bing", 0.2),
         ("verify-pinterest", 0.1), ("twitter-site", 0.6), ("fb-app", 0.3), ("fb-page", 0.2),
         ("email", 0.7), ("wallet-btc", 0.1), ("wallet-eth", 0.1))  # fmt: skip
PLACEHOLDER_HTML = (
    "<script>ga('create', 'UA-123456-1', 'auto');</script>"
    '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-0000000000000000"></script>'
    "<script>(function(w,d,s,l,i){w[l]=w[l]||[];})(window,document,'script','dataLayer','GTM-XXXXXX');</script>"
    "<script>gtag('config', 'G-XXXXXXXXXX');</script>"
)


def _token(rng: random.Random, n: int, alphabet: str = ALNUM) -> str:
    while True:
        v = "".join(rng.choice(alphabet) for _ in range(n))
        if any(c.isdigit() for c in v) and any(c.isalpha() for c in v) or alphabet == string.digits:
            return v


def _digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(rng.choice(string.digits) for _ in range(n - 1))


def btc_address(rng: random.Random) -> str:
    """A valid base58check P2PKH address of random bytes."""
    raw = b"\0" + bytes(rng.randrange(256) for _ in range(20))
    raw += hashlib.sha256(hashlib.sha256(raw).digest()).digest()[:4]
    n, out = int.from_bytes(raw, "big"), ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(raw) - len(raw.lstrip(b"\0"))) + out


def eth_address(rng: random.Random) -> str:
    """A random address with its EIP-55 checksum case."""
    hexpart = bytes(rng.randrange(256) for _ in range(20)).hex()
    digest = keccak256(hexpart.encode()).hex()
    return "0x" + "".join(
        c.upper() if int(digest[i], 16) >= 8 else c for i, c in enumerate(hexpart)
    )


def new_id(kind: str, rng: random.Random, site_name: str = "") -> str:
    """A fresh identifier value of ``kind``, normalised as extraction gives it."""
    makers = {
        "ga-ua": lambda: "UA-" + _digits(rng, rng.choice((7, 8))),
        "ga4": lambda: "G-" + _token(rng, 10),
        "gtm": lambda: "GTM-" + _token(rng, 7),
        "adsense": lambda: "pub-" + _digits(rng, 16),
        "gam": lambda: _digits(rng, rng.choice((8, 9))),
        "fb-pixel": lambda: _digits(rng, 15),
        "yandex-metrica": lambda: _digits(rng, 8),
        "clarity": lambda: _token(rng, 10, string.ascii_lowercase + string.digits),
        "hotjar": lambda: _digits(rng, 7),
        "verify-google": lambda: _token(rng, 43, string.ascii_letters + string.digits + "_-"),
        "verify-yandex": lambda: _token(rng, 16, "0123456789abcdef"),
        "verify-facebook": lambda: _token(rng, 30, string.ascii_lowercase + string.digits),
        "verify-bing": lambda: _token(rng, 32, "0123456789ABCDEF"),
        "verify-pinterest": lambda: _token(rng, 32, "0123456789abcdef"),
        "twitter-site": lambda: "@" + site_name.lower().replace(" ", "")[:15],
        "fb-app": lambda: _digits(rng, 15),
        "fb-page": lambda: _digits(rng, 15),
        "email": lambda: "",  # made per site from its domain
        "wallet-btc": lambda: btc_address(rng),
        "wallet-eth": lambda: eth_address(rng),
    }
    return makers[kind]()


@dataclass
class Site:
    domain: str
    name: str
    role: str  # independent | wire | scraper | net-ads | net-tags | net-copub | group
    network: str | None = None
    ids: dict[str, str] = field(default_factory=dict)  # kind -> value (one of each kind)
    ua_property: int = 1
    theme: str | None = None
    publisher: str | None = None  # JSON-LD publisher name
    group: str | None = None  # disclosed group named in the footer
    placeholders: bool = False
    style: int = 0  # which template family
    ads_txt: list[str] = field(default_factory=list)

    def truth_ids(self) -> list[tuple[str, str]]:
        """(kind, value) every page of the site carries, as a correct extractor reports them."""
        out = sorted(self.ids.items())
        if self.theme:
            out.append(("theme", "wp:" + self.theme))
        for name in (self.publisher, self.group):
            if name:
                out.append(("publisher", _norm_name(name)))
        return sorted(set(out))


def _norm_name(name: str) -> str:
    low = name.lower()
    return low[4:] if low.startswith("the ") else low


@dataclass
class Page:
    site: Site
    slug: str
    title: str
    paragraphs: list[str]
    published: datetime
    role: str  # own | wire-original | wire-reprint | copub | press-release | scraped
    credit_top: str = ""
    credit_bottom: str = ""
    canonical: str | None = None  # cross-domain canonical (credit)
    copied: Page | None = None  # scraper: the victim page copied wholesale

    @property
    def path(self) -> str:
        return f"{self.site.domain}/{self.published:%Y}/{self.slug}.html"

    @property
    def url(self) -> str:
        return f"https://{self.site.domain}/{self.published:%Y}/{self.slug}"


class _Builder:
    def __init__(self, seed: int, scale: int) -> None:
        self.rng = random.Random(seed)
        self.scale = scale
        self.g = GRAMMARS["en"]
        self.sites: list[Site] = []
        self.pages: list[Page] = []
        self.networks: list[dict[str, Any]] = []
        self.wire_pairs: set[tuple[str, str]] = set()
        self.trap_pairs: dict[tuple[str, str], str] = {}
        self.names: set[str] = set()
        self.handles: set[str] = set()
        self.slugs = 0

    # -- sites ------------------------------------------------------------------------------
    def site(self, role: str, network: str | None = None) -> Site:
        while True:
            middle = self.rng.choice(NAME_C) if len(self.names) > 200 else ""
            name = f"The {self.rng.choice(NAME_A)} {middle}{self.rng.choice(NAME_B)}"
            # A Twitter handle is one account: two sites whose names give the same handle
            # would share it (a real link), so such a name is drawn again.
            handle = name[4:].lower().replace(" ", "")[:15]
            if name not in self.names and handle not in self.handles:
                break
        self.names.add(name)
        self.handles.add(handle)
        label = name[4:].lower().replace(" ", "-")
        domain = f"{label}.{self.rng.choice(TLDS)}"
        s = Site(domain=domain, name=name, role=role, network=network, style=self.rng.randrange(3))
        s.ids["ga-ua"] = new_id("ga-ua", self.rng)
        s.ua_property = self.rng.randint(1, 9)
        for kind, p in STACK:
            if self.rng.random() < p:
                s.ids[kind] = new_id(kind, self.rng, name[4:])
        if "email" in s.ids:
            s.ids["email"] = f"{self.rng.choice(('desk', 'news', 'tips', 'editor'))}@{domain}"
        if self.rng.random() < 0.6:
            s.theme = self.rng.choice(THEMES[1:]) if self.rng.random() < 0.5 else f"{label}-child"
        if self.rng.random() < 0.7:
            s.publisher = name
        self.sites.append(s)
        return s

    def plant_sites(self) -> None:
        k = self.scale
        for _ in range(16 * k):
            self.site("independent")
        self.wire = self.site("wire")
        self.wire.publisher = "Meridian Wire"
        for n in range(k):
            self._network(f"net-ads-{n}", ("adsense", "ga-ua"))
            self._network(f"net-tags-{n}", ("gtm", "yandex-metrica"))
            self._network(f"net-copub-{n}", ())
            self._group(n)
        self._traps()

    def _network(self, name: str, shared: tuple[str, ...]) -> None:
        members = [self.site(name.rsplit("-", 1)[0], name) for _ in range(self.rng.choice((3, 4)))]
        for kind in shared:
            value = new_id(kind, self.rng)
            for s in members:
                s.ids[kind] = value
        for s in members:
            if "adsense" in s.ids:
                s.ads_txt = [f"google.com, {s.ids['adsense']}, DIRECT, f08c47fec0942fa0"]
            # Shared infrastructure only: nothing else in common, so drop the kinds the
            # network must not share by chance (each member keeps its own values anyway).
        self.networks.append({"id": name, "label": "coordination", "sites": sorted(s.domain for s in members),
                              "shares": list(shared) or ["co-publication"]})  # fmt: skip

    def _group(self, n: int) -> None:
        first = (
            "Northgate",
            "Ravensworth",
            "Blackwater",
            "Silverdale",
            "Ironbridge",
            "Kingsmere",
            "Larchfield",
        )
        kind = ("Media Group", "Publishing Group", "Media Network", "Media Holdings")
        # 28 names, then a middle word (scales above 28 would otherwise name two groups alike,
        # and one name is one disclosed owner)
        rounds = n // (len(first) * len(kind))
        middle = NAME_C[(rounds - 1) % len(NAME_C)] if rounds else ""
        group = f"{first[n % len(first)]} {middle}{kind[n // len(first) % len(kind)]}"
        members = [self.site("group", f"group-{n}") for _ in range(3)]
        app = new_id("fb-app", self.rng)
        for s in members:
            s.group, s.publisher = group, group
            s.ids["fb-app"] = app
        self.networks.append({"id": f"group-{n}", "label": "shared-owner", "group": group,
                              "sites": sorted(s.domain for s in members)})  # fmt: skip

    def _traps(self) -> None:
        indep = [s for s in self.sites if s.role == "independent"]
        agency = new_id("gtm", self.rng)
        clients = self.rng.sample(indep, 8 * self.scale)
        for s in clients:
            s.ids["gtm"] = agency
        self._trap_set(clients, "agency-gtm")
        holders = self.rng.sample(indep, 3 * self.scale)
        for s in holders:
            s.placeholders = True
        self._trap_set(holders, "placeholder")
        themed = self.rng.sample(self.sites, 10 * self.scale)
        for s in themed:
            s.theme = COMMON_THEME
        self._trap_set(themed, "theme")
        for s in self.sites:
            if "adsense" in s.ids and not s.ads_txt:
                s.ads_txt = [f"google.com, {s.ids['adsense']}, DIRECT, f08c47fec0942fa0"]
        for s in self.sites:
            if s.ads_txt:
                s.ads_txt += [f"appnexus.com, {_digits(self.rng, 4)}, RESELLER, f5ab79cb980f11d1",
                              f"rubiconproject.com, {_digits(self.rng, 5)}, DIRECT, 0bfd66d529a55807"]  # fmt: skip

    def _trap_set(self, sites: list[Site], trap: str) -> None:
        for a, b in combinations(sorted(s.domain for s in sites), 2):
            if self._net_of(a) is None or self._net_of(a) != self._net_of(b):
                self.trap_pairs.setdefault((a, b), trap)

    def _net_of(self, domain: str) -> str | None:
        return next((s.network for s in self.sites if s.domain == domain), None)

    # -- pages ------------------------------------------------------------------------------
    def when(self, day: int, minutes: int = 0) -> datetime:
        return START + timedelta(days=day, minutes=minutes)

    def story(self, site: Site, at: datetime, role: str, topic: Topic | None = None) -> Page:
        rng, g = self.rng, self.g
        topic = topic or g.topic(rng)
        self.slugs += 1
        paras = [g.paragraph(rng, topic, (3, 5)) for _ in range(rng.randint(3, 5))]
        slug = f"{g.title(rng, topic).lower()[:40].strip()}-{self.slugs}"
        slug = "".join(c if c.isalnum() else "-" for c in slug)
        page = Page(site, slug, g.title(rng, topic), paras, at, role)
        self.pages.append(page)
        return page

    def reprint(self, orig: Page, site: Site, at: datetime, role: str) -> Page:
        self.slugs += 1
        page = Page(
            site,
            f"{orig.slug.rsplit('-', 1)[0]}-{self.slugs}",
            orig.title,
            list(orig.paragraphs),
            at,
            role,
        )
        self.pages.append(page)
        return page

    def plant_pages(self) -> None:
        rng, k = self.rng, self.scale
        for s in self.sites:
            if s.role != "scraper":
                for _ in range(rng.randint(3, 5)):
                    self.story(s, self.when(rng.randrange(40), rng.randrange(1440)), "own")
        self._wire(2 * k)
        for net in (n for n in self.networks if n["id"].startswith("net-copub")):
            self._copub([s for s in self.sites if s.network == net["id"]], 5)
        self._press_release()
        self._scraper()

    def _wire(self, stories: int) -> None:
        pool = [s for s in self.sites if s.role == "independent"]
        credits = ("top", "bottom", "canonical")
        for _ in range(stories):
            at = self.when(self.rng.randrange(2, 38), self.rng.randrange(1200))
            orig = self.story(self.wire, at, "wire-original")
            outlets = self.rng.sample(pool, min(len(pool), self.rng.randint(10, 13)))
            for s in outlets:
                p = self.reprint(
                    orig, s, at + timedelta(minutes=self.rng.randint(20, 360)), "wire-reprint"
                )
                how = self.rng.choice(credits)
                if how == "top":
                    p.paragraphs[0] = "(Meridian Wire) — " + p.paragraphs[0]
                elif how == "bottom":
                    p.credit_bottom = (
                        f'This story first appeared on <a href="{orig.url}">Meridian Wire</a>.'
                    )
                else:
                    p.canonical = orig.url
            for a, b in combinations(sorted({self.wire.domain, *(s.domain for s in outlets)}), 2):
                self.wire_pairs.add((a, b))

    def _copub(self, members: list[Site], stories: int) -> None:
        for _ in range(stories):
            at = self.when(self.rng.randrange(40), self.rng.randrange(1300))
            first, *rest = self.rng.sample(members, len(members))
            orig = self.story(first, at, "copub")
            for s in rest:
                p = self.reprint(orig, s, at + timedelta(minutes=self.rng.randint(1, 9)), "copub")
                p.title = (
                    self.g.title(self.rng, self.g.topic(self.rng))
                    if self.rng.random() < 0.3
                    else p.title
                )

    def _press_release(self) -> None:
        for _ in range(self.scale):
            a, b = self.rng.sample([s for s in self.sites if s.role == "independent"], 2)
            at = self.when(self.rng.randrange(40), self.rng.randrange(600))
            orig = self.story(a, at, "press-release")
            self.reprint(
                orig, b, at + timedelta(minutes=self.rng.randint(30, 300)), "press-release"
            )
            self._trap((a.domain, b.domain), "press-release")

    def _scraper(self) -> None:
        for _ in range(self.scale):
            scraper = self.site("scraper")
            scraper.ids = {"adsense": new_id("adsense", self.rng)}
            scraper.theme, scraper.publisher = None, None
            scraper.ads_txt = [f"google.com, {scraper.ids['adsense']}, DIRECT, f08c47fec0942fa0"]
            victims = self.rng.sample([s for s in self.sites if s.role == "independent"], 2)
            for v in victims:
                for orig in [p for p in self.pages if p.site is v and p.role == "own"]:
                    p = self.reprint(
                        orig,
                        scraper,
                        orig.published + timedelta(days=self.rng.randint(2, 10)),
                        "scraped",
                    )
                    p.copied = orig
                self._trap((scraper.domain, v.domain), "scraper")

    def _trap(self, pair: tuple[str, str], trap: str) -> None:
        a, b = sorted(pair)
        self.trap_pairs[(a, b)] = trap


def page_ids(page: Page) -> list[tuple[str, str]]:
    """What a correct extractor finds on a page: its site's ids, and a scraped page's victim's."""
    ids = set(page.site.truth_ids())
    if page.copied is not None:
        ids |= set(page.copied.site.truth_ids())
    return sorted(ids)


def write_network_corpus(out: Path, seed: int = 1, scale: int = 1) -> dict[str, Any]:
    """Write ``out/corpus`` and ``out/truth.json``; returns the truth (see module docstring)."""
    from networkrender import render, render_ads_txt

    b = _Builder(seed, scale)
    b.plant_sites()
    b.plant_pages()
    corpus = Path(out) / "corpus"
    by_site: dict[str, list[Page]] = {}
    for p in sorted(b.pages, key=lambda p: (p.site.domain, p.published, p.slug)):
        by_site.setdefault(p.site.domain, []).append(p)
    for pages in by_site.values():
        for n, p in enumerate(pages):
            path = corpus / p.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                render(p, pages[max(0, n - 3) : n] + pages[n + 1 : n + 3]), encoding="utf-8"
            )
    truth_pages: dict[str, dict[str, Any]] = {p.path: {"site": p.site.domain, "url": p.url, "published": p.published.isoformat(),
                            "role": p.role, "ids": [list(i) for i in page_ids(p)]} for p in b.pages}  # fmt: skip
    for s in b.sites:
        if s.ads_txt:
            (corpus / s.domain).mkdir(parents=True, exist_ok=True)
            (corpus / s.domain / "ads.txt").write_text(render_ads_txt(s), encoding="utf-8")
            direct = sorted({_ads_value(line) for line in s.ads_txt if ", DIRECT" in line})
            truth_pages[f"{s.domain}/ads.txt"] = {"site": s.domain, "url": None, "published": None,
                                                  "role": "ads.txt", "ids": [["adstxt-direct", v] for v in direct]}  # fmt: skip
    owner = [
        list(p)
        for n in b.networks
        if n["label"] == "shared-owner"
        for p in combinations(n["sites"], 2)
    ]
    coord = [
        list(p)
        for n in b.networks
        if n["label"] == "coordination"
        for p in combinations(n["sites"], 2)
    ]
    truth = {
        "seed": seed,
        "scale": scale,
        "sites": {
            s.domain: {
                "name": s.name,
                "role": s.role,
                "network": s.network,
                "theme": s.theme,
                "ids": [list(i) for i in s.truth_ids()],
            }
            for s in b.sites
        },  # fmt: skip
        "networks": b.networks,
        "shared_owner_pairs": owner,
        "coordination_pairs": coord,
        "wire_pairs": [list(p) for p in sorted(b.wire_pairs)],
        "trap_pairs": [{"pair": list(p), "trap": t} for p, t in sorted(b.trap_pairs.items())],
        "pages": truth_pages,
    }
    (Path(out) / "truth.json").write_text(json.dumps(truth, indent=1), encoding="utf-8")
    return truth


def _ads_value(line: str) -> str:
    system, account = (x.strip().lower() for x in line.split(",")[:2])
    return f"{system}/{account}"
