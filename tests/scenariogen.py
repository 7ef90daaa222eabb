"""Ground-truth scenario corpora: multi-site HTML with a known answer for every reuse conclusion.

``write_scenarios(out, seed, families, langs)`` writes ``out/corpus/<domain>/<n>.html`` (saved
pages of many invented sites, each with its own template, navigation, sidebar, footer and date
markup), ``out/corpus/crawl-<lang>.warc`` (the sites that show no date, crawled: the WARC date
is all that is known of them) and ``out/truth.json``; the same seed always gives the same bytes. Each language gets
about ``families`` planted families, cycling through these situations:

* ``wire``: an agency story reprinted by several papers, each with its own small edits and a
  credit ("(Wire)", "via X"); every reprint's parent is the agency's original;
* ``excerpt``: a channel posts one paragraph (often *before* the full article appears); the
  full reprints' parent is the full original, never the excerpt;
* ``chain``: B copies A and adds a paragraph, C copies B (parent B, it carries B's paragraph),
  D may copy A directly (parent A);
* ``composite``: C takes paragraphs from two originals: each part has its own family and parent;
* ``undated``: a reprint on a site that shows no date, read from a crawl weeks later (parent:
  the dated original; the crawl date must not make it look first);
* ``embedded``: a run of 22–40 words of an original, cut mid-sentence, quoted in the middle of
  a commentary's paragraph: the bounds on both sides are exact;
* ``figure``: one reprint changes a figure ("about 2,000 litres" -> "about 20,000 litres"): a
  conflict inside copies.

Around them: unrelated articles on the same topics (they must join no family) and banal shared
disclaimers on originals and unrelated articles of many sites (they must make no family).
Persian reprints may be typed with Arabic yeh/kaf or without ZWNJ.

Truth (``truth.json``): ``articles`` (url -> site, lang, published, role), ``families`` (id,
situation, lang, witnesses, earliest), ``copies`` (reprint, parent, and the copied text as
``source``/``copy`` pieces, verbatim substrings of each page's text in order), ``conflicts``,
``disclaimers``. :mod:`scenarioscore` runs the pipeline on a corpus and scores it.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> truth = write_scenarios(out, seed=3, families=8, langs=("en",))
>>> sorted({f["situation"] for f in truth["families"]}) == sorted(SITUATIONS)
True
>>> all(piece_positions(page_text(out, c["reprint"], truth), c["copy"]) for c in truth["copies"])
True
"""

from __future__ import annotations

import io
import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from lxml.html import fromstring
from scenario_html import iso_date, render, variant_mode
from scenario_lang import GRAMMARS, Grammar, Topic, format_number, persian_variant
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SITUATIONS = ("wire", "excerpt", "chain", "composite", "undated", "embedded", "figure")
START = datetime(2024, 3, 1, 6, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
# Words a reprinter slips into a copied paragraph (an edit inside the copy).
INSERTS = {
    "en": ("reportedly", "now", "also", "still"),
    "fa": ("ظاهراً", "اکنون", "نیز", "هنوز"),
    "ar": ("أيضا", "حاليا", "كذلك"),
    "ru": ("также", "теперь", "якобы", "всё ещё"),
}
SITE_WORDS = {
    "en": (
        "Courier",
        "Gazette",
        "Chronicle",
        "Observer",
        "Post",
        "Herald",
        "Echo",
        "Mercury",
        "Advertiser",
    ),
    "fa": ("خبرنامه", "روزنامه", "پایگاه خبری", "هفته‌نامه", "صدای", "چشم‌انداز"),
    "ar": ("صحيفة", "بوابة", "أخبار", "صدى", "مرآة", "نبض"),
    "ru": ("Вестник", "Газета", "Портал", "Голос", "Новости", "Курьер"),
}
WIRE_NAMES = {"en": "Valley Press Agency", "fa": "خبرگزاری دشت", "ar": "وكالة أنباء الوادي",
              "ru": "Информагентство «Северный ветер»"}  # fmt: skip
CHANNEL_NAMES = {"en": "Watch", "fa": "کانال خبری", "ar": "قناة", "ru": "Канал"}
TZ = {"en": (0, -5, 1), "fa": (3.5,), "ar": (3, 2), "ru": (3, 5)}
# Date markup styles; "text" gives a day only, "none" no date at all.
DATE_STYLES = ("jsonld", "meta", "itemprop", "text")


@dataclass
class Site:
    domain: str
    name: str
    lang: str
    kind: str  # wire | paper | channel | undated
    template: int
    date_style: str
    tz: float

    @property
    def day_only(self) -> bool:
        return self.date_style == "text"


@dataclass
class Page:
    url: str
    site: Site
    title: str
    paragraphs: list[str]
    published: datetime | None
    role: str
    disclaimer: str | None = None
    path: str = ""
    canonical: str | None = None  # a syndication partner's rel=canonical to the original


@dataclass
class _Builder:
    rng: random.Random
    sites: dict[str, list[Site]] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)
    families: list[dict[str, Any]] = field(default_factory=list)
    copies: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    counter: int = 0

    # -- sites and pages ------------------------------------------------------------------
    def make_sites(self, lang: str, papers: int) -> None:
        g, rng = GRAMMARS[lang], self.rng
        places = list(g.places)
        rng.shuffle(places)
        out = [
            Site(f"wire-{lang}.example", WIRE_NAMES[lang], lang, "wire", 0, "jsonld", TZ[lang][0])
        ]
        out.append(Site(f"watch-{lang}.example", f"{places[0]} {CHANNEL_NAMES[lang]}", lang, "channel", 4,
                        "meta", TZ[lang][-1]))  # fmt: skip
        for k in range(2):
            out.append(Site(f"blog{k}-{lang}.example", f"{rng.choice(SITE_WORDS[lang])} {places[1 + k]}",
                            lang, "undated", 1 + k, "none", TZ[lang][0]))  # fmt: skip
        for k in range(papers):
            style = DATE_STYLES[k % len(DATE_STYLES)]
            word = SITE_WORDS[lang][k % len(SITE_WORDS[lang])]
            place = places[(3 + k) % len(places)]
            name = f"{place} {word}" if lang == "en" else f"{word} {place}"
            out.append(Site(f"paper{k}-{lang}.example", name, lang, "paper", k % 4, style,
                            TZ[lang][k % len(TZ[lang])]))  # fmt: skip
        self.sites[lang] = out

    def site(self, lang: str, kind: str, avoid: set[str], timed: bool = False) -> Site:
        pool = [s for s in self.sites[lang] if s.kind == kind and s.domain not in avoid]
        if timed:
            pool = [s for s in pool if not s.day_only]
        return self.rng.choice(pool)

    def page(
        self, site: Site, title: str, paras: list[str], when: datetime | None, role: str
    ) -> Page:
        self.counter += 1
        section = self.rng.choice(("news", "local", "region", "opinion", "story"))
        url = f"https://{site.domain}/{section}/{self.counter:05d}"
        p = Page(url, site, title, paras, None if site.kind == "undated" else when, role,
                 path=f"{site.domain}/{self.counter:05d}.html")  # fmt: skip
        self.pages.append(p)
        return p

    def later(self, prev: list[Page], site: Site, lo: float = 2, hi: float = 30) -> datetime:
        """A time after every dated page in ``prev``, a day-only page at least 50 h from them all."""
        times = [(p.published, p.site.day_only) for p in prev if p.published]
        last = max(t for t, _ in times)
        when = last + self.rng.uniform(lo, hi) * HOUR
        if site.day_only or any(d and when - t < 50 * HOUR for t, d in times):
            when = last + self.rng.uniform(50, 80) * HOUR
        return when.replace(second=0, microsecond=0)

    def start(self) -> datetime:
        return (START + self.rng.uniform(0, 240) * 24 * HOUR).replace(second=0, microsecond=0)

    # -- texts ------------------------------------------------------------------------------
    def body(
        self, g: Grammar, topic: Topic, n: int, sentences: tuple[int, int] = (2, 4)
    ) -> list[str]:
        return [g.paragraph(self.rng, topic, sentences) for _ in range(n)]

    def edited(
        self, g: Grammar, paras: list[str], keep: int, credit: str | None, keep_as_is: int = -1
    ) -> tuple[list[str], list[str]]:
        """A reprinter's copy of ``paras[:keep]``: one word slipped into a middle paragraph
        (never paragraph ``keep_as_is``), a credit line before or after. Returns (page
        paragraphs, copied pieces)."""
        copy = list(paras[:keep])
        k = self.rng.randrange(1, max(2, keep - 1))
        words = copy[k].split(" ")
        at = self.rng.randrange(4, len(words) - 4) if len(words) > 10 and k != keep_as_is else 0
        # never between the digit groups of "2 000"
        if at and not any(c.isdigit() for c in words[at - 1] + words[at]):
            words.insert(at, self.rng.choice(INSERTS[g.lang]))
            copy[k] = " ".join(words)
        if credit is None:
            return copy, copy
        if self.rng.random() < 0.5:
            return [credit, *copy], copy
        return [*copy, credit], copy

    def credit(self, g: Grammar, src: str) -> str:
        return self.rng.choice(g.credits).format(src=src)

    def add_copy(
        self, fam: str, reprint: Page, parent: Page, source: list[str], copy: list[str]
    ) -> None:
        self.copies.append({"family": fam, "reprint": reprint.url, "parent": parent.url,
                            "source": source, "copy": copy, "lang": reprint.site.lang})  # fmt: skip

    def add_family(self, situation: str, lang: str, witnesses: list[Page], earliest: Page) -> str:
        fid = f"{lang}-{len(self.families):03d}-{situation}"
        self.families.append({"id": fid, "situation": situation, "lang": lang,
                              "witnesses": [w.url for w in witnesses], "earliest": earliest.url})  # fmt: skip
        return fid

    def variant(self, lang: str, pieces: list[str], site: Site) -> list[str]:
        """Persian pages of some sites are typed with Arabic letters or without ZWNJ."""
        return [persian_variant(p, variant_mode(site)) for p in pieces] if lang == "fa" else pieces

    # -- situations -------------------------------------------------------------------------
    def wire(self, g: Grammar, topic: Topic) -> None:
        lang = g.lang
        wire = self.site(lang, "wire", set())
        orig = self.page(wire, g.title(self.rng, topic), self.body(g, topic, self.rng.randint(5, 7)),
                         self.start(), "original")  # fmt: skip
        pages, used = [orig], {wire.domain}
        for _ in range(self.rng.randint(3, 4)):
            site = self.site(lang, "paper", used)
            used.add(site.domain)
            keep = len(orig.paragraphs) - self.rng.choice((0, 0, 1, 2))
            paras, copy = self.edited(g, orig.paragraphs, keep, self.credit(g, wire.name))
            r = self.page(site, g.title(self.rng, topic), paras, self.later(pages, site), "reprint")
            if self.rng.random() < 1 / 3:
                r.canonical = orig.url  # the page still belongs to the site that serves it
            pages.append(r)
            self._copies.append((r, orig, orig.paragraphs[:keep], copy))
        self._close("wire", lang, pages, orig)

    def excerpt(self, g: Grammar, topic: Topic) -> None:
        lang = g.lang
        src = self.site(lang, "paper", set(), timed=True)
        orig = self.page(src, g.title(self.rng, topic), self.body(g, topic, self.rng.randint(5, 6)),
                         self.start(), "original")  # fmt: skip
        assert orig.published is not None
        j = self.rng.randrange(1, len(orig.paragraphs))
        channel = self.site(lang, "channel", set())
        before = self.rng.random() < 0.6
        when = orig.published + (-1 if before else 1) * self.rng.uniform(1, 5) * HOUR
        post = self.page(channel, g.title(self.rng, topic), [g.sentence(self.rng, topic), orig.paragraphs[j]],
                         when.replace(second=0, microsecond=0), "excerpt")  # fmt: skip
        if not before:
            self._copies.append((post, orig, [orig.paragraphs[j]], [orig.paragraphs[j]]))
        pages, used, carried = [orig, post], {src.domain}, False
        for _ in range(2):
            site = self.site(lang, "paper", used)
            used.add(site.domain)
            keep = len(orig.paragraphs) - self.rng.choice((0, 1))
            carried |= keep > j
            paras, copy = self.edited(g, orig.paragraphs, keep, self.credit(g, src.name))
            r = self.page(
                site, g.title(self.rng, topic), paras, self.later(pages, site, 6, 40), "reprint"
            )
            pages.append(r)
            self._copies.append((r, orig, orig.paragraphs[:keep], copy))
        if carried:
            self._close("excerpt", lang, pages, post if before else orig)
            return
        # No reprint carries the excerpt's paragraph (it was the original's last one and both
        # left it out): the excerpt and the reprints share no text, so they are two families —
        # the paragraph's (the excerpt and the original, earliest as posted) and the story's
        # (the original and its reprints, earliest the original).
        mine = [c for c in self._copies if c[0] is post]
        self._copies[:] = [c for c in self._copies if c[0] is not post]
        self._close("excerpt", lang, [orig, *pages[2:]], orig)
        fid = self.add_family("excerpt", lang, [orig, post], post if before else orig)
        self.split += 1
        self.families[-1]["pieces"] = {  # where each witness holds the paragraph
            w.url: self.variant(lang, [orig.paragraphs[j]], w.site) for w in (orig, post)
        }
        for reprint, parent, source, copy in mine:
            self.add_copy(fid, reprint, parent, self.variant(lang, source, parent.site),
                          self.variant(lang, copy, reprint.site))  # fmt: skip

    def chain(self, g: Grammar, topic: Topic) -> None:
        lang = g.lang
        sa = self.site(lang, "paper", set())
        a = self.page(sa, g.title(self.rng, topic), self.body(g, topic, self.rng.randint(5, 6)),
                      self.start(), "original")  # fmt: skip
        sb = self.site(lang, "paper", {sa.domain})
        paras, copy_ab = self.edited(g, a.paragraphs, len(a.paragraphs), None)
        added = g.paragraph(self.rng, topic, (3, 3))
        at = self.rng.randrange(2, len(paras) + 1)
        paras.insert(at, added)
        b = self.page(sb, g.title(self.rng, topic), paras, self.later([a], sb), "reprint")
        # B's own paragraph is inside the copy when it sits between copied ones, after it at the end
        self._copies.append((b, a, a.paragraphs, [p for k, p in enumerate(paras) if k != at]))
        sc = self.site(lang, "paper", {sa.domain, sb.domain})
        c_paras, copy_bc = self.edited(g, b.paragraphs, len(b.paragraphs), None)
        c = self.page(sc, g.title(self.rng, topic), [g.sentence(self.rng, topic), *c_paras],
                      self.later([a, b], sc), "reprint")  # fmt: skip
        self._copies.append((c, b, b.paragraphs, copy_bc))
        pages = [a, b, c]
        if self.rng.random() < 0.5:
            sd = self.site(lang, "paper", {sa.domain, sb.domain, sc.domain})
            d_paras, copy_ad = self.edited(
                g, a.paragraphs, len(a.paragraphs), self.credit(g, sa.name)
            )
            d = self.page(sd, g.title(self.rng, topic), d_paras, self.later(pages, sd), "reprint")
            self._copies.append((d, a, a.paragraphs, copy_ad))
            pages.append(d)
        self._close("chain", lang, pages, a)

    def composite(self, g: Grammar, topic: Topic) -> None:
        lang = g.lang
        other = g.topic(self.rng)
        sa = self.site(lang, "paper", set())
        sb = self.site(lang, "paper", {sa.domain})
        a = self.page(
            sa, g.title(self.rng, topic), self.body(g, topic, 6), self.start(), "original"
        )
        b = self.page(sb, g.title(self.rng, other), self.body(g, other, 6), self.later([a], sb, -20, 20),
                      "original")  # fmt: skip
        i, j = self.rng.randrange(0, 3), self.rng.randrange(1, 3)
        part_a, part_b = (
            a.paragraphs[i : i + self.rng.randint(2, 3)],
            b.paragraphs[j : j + self.rng.randint(2, 3)],
        )
        sc = self.site(lang, "paper", {sa.domain, sb.domain})
        c = self.page(sc, g.title(self.rng, topic), [g.sentence(self.rng, topic), *part_a, *part_b,
                      g.sentence(self.rng, other)], self.later([a, b], sc), "composite")  # fmt: skip
        self._copies.append((c, a, part_a, part_a))
        fam_a = [a, c]
        if self.rng.random() < 0.5:
            sr = self.site(lang, "paper", {sa.domain, sb.domain, sc.domain})
            paras, copy = self.edited(g, a.paragraphs, 6, self.credit(g, sa.name))
            r = self.page(sr, g.title(self.rng, topic), paras, self.later([a, b, c], sr), "reprint")
            self._copies.append((r, a, a.paragraphs, copy))
            fam_a.append(r)
        self._close("composite", lang, fam_a, a)
        self._copies.append((c, b, part_b, part_b))
        self._close("composite", lang, [b, c], b)

    def undated(self, g: Grammar, topic: Topic) -> None:
        lang = g.lang
        so = self.site(lang, "paper", set())
        orig = self.page(so, g.title(self.rng, topic), self.body(g, topic, self.rng.randint(4, 6)),
                         self.start(), "original")  # fmt: skip
        pages, used = [orig], {so.domain}
        for kind in ("paper", "undated", *(("undated",) if self.rng.random() < 0.4 else ())):
            site = self.site(lang, kind, used)
            used.add(site.domain)
            paras, copy = self.edited(
                g, orig.paragraphs, len(orig.paragraphs), self.credit(g, so.name)
            )
            r = self.page(site, g.title(self.rng, topic), paras, self.later(pages, site), "reprint")
            pages.append(r)
            self._copies.append((r, orig, orig.paragraphs, copy))
        self._close("undated", lang, pages, orig)

    def embedded(self, g: Grammar, topic: Topic) -> None:
        lang = g.lang
        so = self.site(lang, "paper", set())
        orig = self.page(
            so, g.title(self.rng, topic), self.body(g, topic, 5, (3, 4)), self.start(), "original"
        )
        k = max(range(len(orig.paragraphs)), key=lambda n: len(orig.paragraphs[n].split(" ")))
        words = orig.paragraphs[k].split(" ")
        n = min(self.rng.randint(22, 40), len(words) - 6)
        s = self.rng.randrange(1, len(words) - n - 4)
        pages, used = [orig], {so.domain}
        for extra in (0, *((self.rng.randint(2, 4),) if self.rng.random() < 0.5 else ())):
            run = " ".join(words[s : s + n + extra])
            site = self.site(lang, "paper", used)
            used.add(site.domain)
            own = g.topic(self.rng)
            # the words around the run must differ from the original's, or the copy would
            # legitimately run on by a word (lead-ins and tails are several per language)
            for _ in range(20):
                lead = self.rng.choice(g.lead_ins).format(src=so.name)
                tail = self.rng.choice(g.tails)
                if (
                    lead.split(" ")[-1] != words[s - 1]
                    and tail.split(" ")[0] != words[s + n + extra]
                ):
                    break
            else:
                continue
            paras = self.body(g, own, self.rng.randint(1, 2))
            paras.append(
                f"{g.sentence(self.rng, own)} {lead} {run} {tail} {g.sentence(self.rng, own)}"
            )
            paras += self.body(g, own, self.rng.randint(1, 2))
            r = self.page(
                site, g.title(self.rng, own), paras, self.later(pages, site), "commentary"
            )
            r.disclaimer = self._disclaimer(g)
            pages.append(r)
            self._copies.append((r, orig, [run], [run]))
        if len(pages) > 1:
            self._close("embedded", lang, pages, orig)
        else:
            self._copies.clear()

    def figure(self, g: Grammar, topic: Topic) -> None:
        lang = g.lang
        so = self.site(lang, "paper", set())
        paras = self.body(g, topic, self.rng.randint(4, 6))
        value = self.rng.choice((450, 800, 1200, 2000, 3500, 12000))
        changed = value * 10 if self.rng.random() < 0.5 else value * 3 // 2
        digits = self.rng.choice(g.digits)
        fig = g.figure_sentence(self.rng, topic, value, digits)
        at = self.rng.randrange(1, len(paras) - 1)
        paras[at] = f"{paras[at]} {fig}"
        orig = self.page(so, g.title(self.rng, topic), paras, self.start(), "original")
        pages, used = [orig], {so.domain}
        editor = self.rng.randrange(3)
        for n in range(3):
            site = self.site(lang, "paper", used)
            used.add(site.domain)
            src = list(orig.paragraphs)
            if n == editor:
                src[at] = src[at].replace(
                    format_number(value, lang, digits), format_number(changed, lang, digits)
                )
            # the figure's paragraph is copied as is: the changed figure is the copy's only edit there
            r_paras, copy = self.edited(g, src, len(src), self.credit(g, so.name), keep_as_is=at)
            r = self.page(
                site, g.title(self.rng, topic), r_paras, self.later(pages, site), "reprint"
            )
            pages.append(r)
            self._copies.append((r, orig, orig.paragraphs, copy))
            if n == editor:
                b_text = fig.replace(
                    format_number(value, lang, digits), format_number(changed, lang, digits)
                )
                self.conflicts.append({"a": orig.url, "b": r.url, "a_value": value, "b_value": changed, "lang": lang,
                                       "a_text": self.variant(lang, [fig], so)[0],
                                       "b_text": self.variant(lang, [b_text], site)[0]})  # fmt: skip
        self._close("figure", lang, pages, orig)
        self.conflicts[-1]["family"] = self.families[-1]["id"]

    def unrelated(self, g: Grammar, topic: Topic) -> None:
        site = self.site(g.lang, "paper", set())
        p = self.page(site, g.title(self.rng, topic), self.body(g, topic, self.rng.randint(4, 6)),
                      self.start(), "unrelated")  # fmt: skip
        p.disclaimer = self._disclaimer(g)

    # -- bookkeeping ------------------------------------------------------------------------
    _copies: list[tuple[Page, Page, list[str], list[str]]] = field(default_factory=list)
    split: int = 0  # excerpt families planted apart from their story (see ``excerpt``)

    def _disclaimer(self, g: Grammar) -> str | None:
        return self.rng.choice(g.disclaimers) if self.rng.random() < 0.35 else None

    def _close(self, situation: str, lang: str, pages: list[Page], earliest: Page) -> None:
        fid = self.add_family(situation, lang, pages, earliest)
        for reprint, parent, source, copy in self._copies:
            self.add_copy(fid, reprint, parent, self.variant(lang, source, parent.site),
                          self.variant(lang, copy, reprint.site))  # fmt: skip
        self._copies.clear()
        for p in pages:
            if p.role == "original" and p.site.kind != "wire" and p.disclaimer is None:
                p.disclaimer = self._disclaimer(GRAMMARS[lang])


def write_scenarios(out: Path, seed: int, families: int, langs: tuple[str, ...] = ("en", "fa", "ar", "ru"),
                    unrelated_share: float = 0.5) -> dict[str, Any]:  # fmt: skip
    """Write ``out/corpus/`` and ``out/truth.json`` (about ``families`` families per language)."""
    b = _Builder(random.Random(seed))
    for lang in langs:
        g = GRAMMARS[lang]
        b.make_sites(lang, papers=8)
        start = len(b.families) - b.split
        k = 0
        # an excerpt split in two counts once, so the corpus of a seed stays what it was
        while len(b.families) - b.split - start < families:
            topic = g.topic(b.rng)
            getattr(b, SITUATIONS[k % len(SITUATIONS)])(g, topic)
            k += 1
            if b.rng.random() < unrelated_share:
                b.unrelated(g, topic)
    crawled = _write_pages(Path(out), b)
    truth = {
        "seed": seed,
        "langs": list(langs),
        "articles": {
            p.url: {
                "site": p.site.domain,
                "lang": p.site.lang,
                "published": iso_date(p),
                "role": p.role,
                "path": p.path,
                "canonical": p.canonical,
                "crawled": crawled.get(p.url),
            }
            for p in b.pages
        },  # fmt: skip
        "families": b.families,
        "copies": b.copies,
        "conflicts": b.conflicts,
        "disclaimers": {lang: list(GRAMMARS[lang].disclaimers) for lang in langs},
    }
    (Path(out) / "truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return truth


def _write_pages(out: Path, b: _Builder) -> dict[str, str]:
    """Saved pages in site folders; the sites that show no date were crawled instead: their pages
    go to one WARC per language (crawl date = WARC-Date, weeks after every publication), with a
    copy of each page under ``out/warc-pages`` for checking. Returns url -> crawl date."""
    by_site: dict[str, list[Page]] = {}
    for p in b.pages:
        by_site.setdefault(p.site.domain, []).append(p)
    warcs: dict[str, list[tuple[Page, str]]] = {}
    for pages in by_site.values():
        for n, p in enumerate(pages):
            html_text = render(p, [o for o in pages[max(0, n - 5) : n + 6] if o is not p])
            crawled = p.site.kind == "undated"
            path = out / ("warc-pages" if crawled else "corpus") / p.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html_text, encoding="utf-8")
            if crawled:
                warcs.setdefault(p.site.lang, []).append((p, html_text))
    dates: dict[str, str] = {}
    for lang, records in warcs.items():
        with open(out / "corpus" / f"crawl-{lang}.warc", "wb") as f:
            writer = WARCWriter(f, gzip=False)  # gzip members would carry the writing time
            for p, html_text in records:
                when = (START + (250 + b.rng.uniform(0, 30)) * 24 * HOUR).replace(microsecond=0)
                dates[p.url] = when.isoformat()
                head = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
                )
                record_id = f"<urn:uuid:{uuid.UUID(int=b.rng.getrandbits(128))}>"
                warc_headers = {
                    "WARC-Date": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "WARC-Record-ID": record_id,
                }
                writer.write_record(writer.create_warc_record(p.url, "response", payload=io.BytesIO(html_text.encode()),
                                                              http_headers=head, warc_headers_dict=warc_headers))  # fmt: skip
    return dates


def page_html(out: Path, url: str, truth: dict[str, Any]) -> str:
    """The saved HTML of a written page (from its folder, or the copy of a crawled page)."""
    path = truth["articles"][url]["path"]
    for folder in ("corpus", "warc-pages"):
        if (Path(out) / folder / path).exists():
            return (Path(out) / folder / path).read_text(encoding="utf-8")
    raise FileNotFoundError(path)


def page_text(out: Path, url: str, truth: dict[str, Any]) -> str:
    """The visible text of a written page's article body (for checking the truth against it)."""
    raw = page_html(out, url, truth)
    return "\n".join(p.text_content() for p in fromstring(raw).iter("p"))


def piece_positions(text: str, pieces: list[str]) -> tuple[int, int] | None:
    """(start, end) in ``text`` from the first piece to the last, found in order; None if one is missing.

    >>> piece_positions("ab cd ef gh", ["cd", "gh"]), piece_positions("ab cd", ["cd", "ab"])
    ((3, 11), None)
    """
    at, first = 0, None
    for piece in pieces:
        i = text.find(piece, at)
        if i < 0:
            return None
        first = i if first is None else first
        at = i + len(piece)
    return (first, at) if first is not None else None
