"""Ground truth of the example corpus: what was planted where, written out as PLANTED.json.

Everything here is declared by hand (slugs, passages, values); only URLs, file paths and dates
are looked up from the sources so they cannot drift from the rendered pages.
"""

from __future__ import annotations

import re
from typing import Any

from build_corpus import OUT, Page
from corpus_sites import FEED_ITEMS, SITEMAP_ONLY, TG_FOLDER, TG_ID, TG_NAME, tg_url

HERALD = "rivervale-herald.example"
WIRE = "valleywire.example"
VOICE = "citizens-voice.example"
DAILY = "northgate-daily.example"
POST = "lowmoor-post.example"
RADIO = "wenlow-radio.example"

# Paragraph 5 of the op-ed: left untouched by every reprint, so it is the family's fingerprint.
OPED_PASSAGE = (
    "We are not asking for miracles. We are asking for monitors on the two largest overflows, "
    "published results that anyone can read, and a firm date for repairs at Copper Meadow before "
    "the warm weather returns."
)
RALLY_TG_PASSAGE = (
    "By our stewards' count, 600,000 people came to Northgate for the Clean Water March, and for "
    "four hours the city belonged to them."
)
CALDER_PASSAGE = (
    "Calder Metalworks will close its foundry and rolling mill on the eastern edge of Northgate by "
    "the end of the year, putting 1,200 workers out of a job"
)
SURVEY_PASSAGE = (
    "Samples taken within a day of heavy rain were almost three times as likely to contain plastic "
    "as samples taken in dry weather, which points to storm overflows and road drains rather than "
    "litter dropped on the banks."
)
STRIKE_PASSAGE = (
    "Thirty-thousand commuters were left without their usual bus service on the first morning of "
    "the strike, according to estimates from Northgate Regional Transit"
)
# First paragraph of the River Keepers' statement, teased on Telegram before the statement.
MONITOR_PASSAGE = (
    "The Wenlow River Keepers will ask the council on Thursday to publish every reading from the "
    "new overflow monitors at Copper Meadow within a day of each storm, so that swimmers, anglers "
    "and rowers can decide for themselves when the river is safe."
)
# 22 words: just over the 15-word reporting threshold, quoted by two otherwise unrelated reports.
STATEMENT_PASSAGE = (
    "The river belongs to every family that lives along its banks, and every one of those families "
    "is owed a clean one."
)
# 11 words: an organisation's name shared by three pages; under 15 words, so NOT reuse.
SHORT_PHRASE = "Wenlow Valley Partnership for Clean Rivers and Safe Drinking Water"

# Dates in URL paths: /2026/03/24/slug (day) or Blogger's /2026/05/slug.html (month).
_URL_DATE = re.compile(r"/(20\d\d)/(\d\d)/(?:(\d\d)/)?")

JSONL_FILE = "jsonl/wenlow-radio.jsonl"
TG_FILE = f"telegram/{TG_FOLDER}/result.json"


def RADIO_RECORDS(pages: dict[str, Page]) -> list[dict[str, str]]:  # noqa: N802 (a table)
    """The community-radio bulletins of the JSONL file; the first reads the wire story out."""
    calder = pages[f"{WIRE}/calder-closure"].blocks
    lead = calder[0][1].split("– ", 1)[1]  # the radio drops the wire dateline
    second = calder[1][1]
    return [
        {
            "url": f"https://{RADIO}/bulletins/2026-03-10-evening",
            "site": RADIO,
            "published": "2026-03-10T18:00:00+00:00",
            "title": "Evening bulletin, Tuesday",
            "text": (
                "Good evening, this is Wenlow Community Radio with the news at six.\n\n"
                f"{lead}\n\n{second}\n\n"
                "We'll have reaction from the union and from Eastbank residents after the travel "
                "news. Elsewhere, Rivervale's council says the Mill Lane bridge will reopen to cars on "
                "Friday after resurfacing, a week later than planned."
            ),
        },
        {
            "url": f"https://{RADIO}/bulletins/2026-03-24-breakfast",
            "site": RADIO,
            "published": "2026-03-24T07:00:00+00:00",
            "title": "Breakfast bulletin, Tuesday",
            "text": (
                "Good morning. If you are trying to get into Northgate this morning, don't wait for a "
                "bus: drivers there are on strike from today until Friday in a dispute over pay and "
                "split shifts.\n\n"
                "Trains from Lowmoor and Rivervale are running normally, but the rail company expects "
                "them to be very busy and has added two extra carriages to the 07:52 from Rivervale.\n\n"
                "The hospital shuttle and the airport link are still running. We'll bring you updates "
                "from the picket line at the Harrow Road depot throughout the morning."
            ),
        },
        {
            "url": f"https://{RADIO}/bulletins/2026-04-25-lunchtime",
            "site": RADIO,
            "published": "2026-04-25T12:30:00+01:00",
            "title": "Lunchtime bulletin, Saturday",
            "text": (
                "Hundreds of volunteers have been pulling rubbish out of the Wenlow in Rivervale "
                "this morning. Our reporter at the boathouse says the skips were full before noon "
                "and a fourth one is on its way from the council depot.\n\n"
                "Among the finds so far: a shopping trolley, two traffic cones and what looks like "
                "half a rowing boat. The River Keepers say they'll publish the full tally next week."
            ),
        },
        {
            "url": f"https://{RADIO}/bulletins/2026-05-15-drive",
            "site": RADIO,
            "published": "2026-05-15T17:00:00+01:00",
            "title": "Drive-time bulletin, Friday",
            "text": (
                "The Lowmoor Lantern Festival opens tonight, and the weather forecast is not kind: "
                "heavy showers are expected from about eight o'clock. Organisers say the procession "
                "will go ahead whatever happens.\n\n"
                "If you are driving, use the park-and-ride at the showground; the roads around the "
                "market square are closed to traffic until Sunday night."
            ),
        },
    ]


def _w(pages: dict[str, Page], key: str, **extra: Any) -> dict[str, Any]:
    p = pages[key]
    d: dict[str, Any] = {
        "url": p.url,
        "kind": "html",
        "file": f"html/{p.domain}/{p.filename}",
        "published": p.published,
    }
    d.update(extra)
    return d


def _tg(mid: int, published: str, **extra: Any) -> dict[str, Any]:
    d: dict[str, Any] = {
        "url": tg_url(mid),
        "kind": "telegram",
        "file": TG_FILE,
        "message_id": mid,
        "published": published,
    }
    d.update(extra)
    return d


def _jl(url_suffix: str, published: str) -> dict[str, Any]:
    return {
        "url": f"https://{RADIO}/bulletins/{url_suffix}",
        "kind": "jsonl",
        "file": JSONL_FILE,
        "published": published,
    }


def _families(pages: dict[str, Page]) -> list[dict[str, Any]]:
    """Planted families; ``copied_from`` names a reprint's true source where it is known.

    It is known from a credit, a forward, or because the page was written by editing that
    source (the op-ed's reprints list their edits against the original).
    """
    wire = pages[f"{WIRE}/calder-closure"].url
    oped = pages[f"{VOICE}/wenlow-cannot-wait"].url
    statement = pages[f"{VOICE}/monitor-readings"].url
    fams: list[dict[str, Any]] = [
        {
            "id": "wire-calder-closure",
            "kind": "syndication",
            "description": "Wire story reprinted verbatim a day and two days later with a (Wire) "
            "credit, and read out by a community radio bulletin the same evening.",
            "passage": CALDER_PASSAGE,
            "witnesses": [
                _w(pages, f"{WIRE}/calder-closure", role="original"),
                _jl("2026-03-10-evening", "2026-03-10T18:00:00+00:00")
                | {"role": "read on air, no credit", "copied_from": wire},
                _w(
                    pages,
                    f"{DAILY}/calder-closure-wire",
                    role="verbatim reprint",
                    credit="(Wire)",
                    copied_from=wire,
                ),
                _w(
                    pages,
                    f"{HERALD}/calder-closure-wire",
                    role="verbatim reprint",
                    credit="(Wire)",
                    copied_from=wire,
                ),
            ],
        },
        {
            "id": "oped-wenlow-cannot-wait",
            "kind": "advocacy-reprint",
            "description": "Op-ed reprinted within hours on three sites with light edits; reposted "
            "on Telegram.",
            "passage": OPED_PASSAGE,
            "witnesses": [
                _w(pages, f"{VOICE}/wenlow-cannot-wait", role="original"),
                _tg(
                    9,
                    "2026-04-18T09:02:11+01:00",
                    role="repost of one paragraph",
                    forwarded_from="Citizens' Voice",
                    copied_from=oped,
                ),
                _w(
                    pages,
                    f"{HERALD}/oped-wenlow-cannot-wait",
                    role="reprint with credit",
                    credit="first appeared on the community blog Citizens' Voice",
                    copied_from=oped,
                    edits=[
                        "words changed: 'could not stand to breathe' -> 'could barely breathe', "
                        "'weak coffee' -> 'weak tea', 'every reader' -> 'every Herald reader'",
                        "author note rewritten with credit",
                    ],
                ),
                _w(
                    pages,
                    f"{DAILY}/oped-wenlow-cant-wait",
                    role="reprint without credit",
                    copied_from=oped,
                    edits=[
                        "paragraphs 3 and 4 swapped",
                        "sentence removed: 'Lowmoor put its own "
                        "overflow right within eighteen months once residents made enough noise.'",
                        "author note dropped",
                        "title: can't",
                    ],
                ),
                _w(
                    pages,
                    f"{POST}/oped-rivervale-river",
                    role="reprint without credit or author",
                    copied_from=oped,
                    edits=[
                        "sentence inserted: 'Lowmoor knows this story well, because the same river "
                        "runs past our own doors first.'",
                        "words changed: 'The council' -> 'Rivervale council', 'stopped fishing' -> "
                        "'given up fishing'",
                        "author note dropped",
                    ],
                ),
            ],
        },
        {
            "id": "survey-plastic-rain",
            "kind": "partial-copy",
            "description": "Two paragraphs of the Herald's survey report copied into the Lowmoor "
            "Post's weekly round-up (first of its two sources).",
            "passage": SURVEY_PASSAGE,
            "witnesses": [
                _w(pages, f"{HERALD}/river-survey", role="original"),
                _w(
                    pages,
                    f"{POST}/week-in-review",
                    role="copied two paragraphs",
                    credit="As the Rivervale Herald reported",
                    copied_from=pages[f"{HERALD}/river-survey"].url,
                ),
            ],
        },
        {
            "id": "wire-transit-strike",
            "kind": "partial-copy",
            "description": "The first two paragraphs of a wire story copied into the same round-up "
            "(its second source).",
            "passage": STRIKE_PASSAGE,
            "witnesses": [
                _w(pages, f"{WIRE}/transit-strike", role="original"),
                _w(
                    pages,
                    f"{POST}/week-in-review",
                    role="copied two paragraphs",
                    credit="The Valley Wire news agency reported",
                    copied_from=pages[f"{WIRE}/transit-strike"].url,
                ),
            ],
        },
        {
            "id": "keepers-statement",
            "kind": "short-passage",
            "description": "A 22-word statement of the River Keepers quoted by two otherwise "
            "unrelated reports three weeks apart (longer than the 15-word threshold).",
            "passage": STATEMENT_PASSAGE,
            "witnesses": [
                _w(pages, f"{DAILY}/clean-water-march", role="statement read at the march"),
                _w(pages, f"{HERALD}/cleanup-day", role="repeated in a speech"),
            ],
        },
        {
            "id": "rally-count-repost",
            "kind": "repost",
            "description": "A blog post's opening sentence forwarded to Telegram half an hour later.",
            "passage": RALLY_TG_PASSAGE,
            "witnesses": [
                _w(pages, f"{VOICE}/clean-water-march", role="original"),
                _tg(
                    7,
                    "2026-04-05T22:05:40+01:00",
                    role="forwarded",
                    forwarded_from="Citizens' Voice",
                    copied_from=pages[f"{VOICE}/clean-water-march"].url,
                ),
            ],
        },
        {
            "id": "keepers-monitor-teaser",
            "kind": "excerpt-before-original",
            "description": "The first paragraph of a River Keepers statement teased on Telegram "
            "before the statement was published on Citizens' Voice; the Herald and the Lowmoor "
            "Post then reprinted the full statement, so their source is the statement, not the "
            "earlier teaser.",
            "passage": MONITOR_PASSAGE,
            "witnesses": [
                _tg(12, "2026-05-04T08:30:00+01:00", role="teaser posted before the original"),
                _w(pages, f"{VOICE}/monitor-readings", role="original, full text"),
                _w(
                    pages,
                    f"{HERALD}/keepers-monitor-statement",
                    role="full reprint with credit",
                    credit="first published by the Wenlow River Keepers on the community blog "
                    "Citizens' Voice",
                    copied_from=statement,
                ),
                _w(
                    pages,
                    f"{POST}/overflow-readings",
                    role="full reprint without credit",
                    copied_from=statement,
                ),
            ],
        },
    ]
    for f in fams:
        f["passage_words"] = len(f["passage"].split())
        f["witness_urls"] = [w["url"] for w in f["witnesses"]]
        f["earliest"] = f["witnesses"][0]["url"]
    return fams


def _dates(pages: dict[str, Page]) -> list[dict[str, Any]]:
    """Every article page: its true date and which date signals the HTML carries."""
    order = {"json-ld": 0, "meta": 1, "url": 2}
    out = []
    for key in sorted(pages):
        p = pages[key]
        if "type" in p.meta:
            continue
        signals = []
        if "jsonld" in p.dates:
            signals.append("json-ld")
        if "meta" in p.dates:
            signals.append("meta")
        if "visible" in p.dates:
            signals.append("text")
        m = _URL_DATE.search(p.path)
        url_date = "/".join(g for g in m.groups() if g) if m else None
        if url_date:
            signals.append("url")
        best = min((s for s in signals if s in order), key=order.__getitem__, default=None)
        expected: str | None = p.published
        precision: str | None = "datetime" if p.published and "T" in p.published else "day"
        if not p.dates:
            if url_date:
                precision = "day" if url_date.count("/") == 2 else "month"
                expected = url_date.replace("/", "-")
            else:
                expected, precision = None, None
        out.append(
            {
                "url": p.url,
                "file": f"html/{p.domain}/{p.filename}",
                "published": expected,
                "precision": precision,
                "signals": signals,
                "best_source": best,
                "in_feed": p.domain == HERALD and p.slug in FEED_ITEMS,
                "in_sitemap": p.domain == DAILY,
            }
        )
    return out


def _figures(pages: dict[str, Page]) -> list[dict[str, Any]]:
    u = {k: p.url for k, p in pages.items()}
    return [
        {
            "text": "a hundred and twenty thousand",
            "value": 120000,
            "noun": "visitors",
            "url": u[f"{WIRE}/lantern-festival-preview"],
        },
        {
            "text": "Thirty-thousand",
            "value": 30000,
            "noun": "commuters",
            "url": u[f"{WIRE}/transit-strike"],
        },
        {
            "text": "1.5 million",
            "value": 1500000,
            "unit": "litres",
            "noun": "untreated water",
            "url": u[f"{HERALD}/river-survey"],
        },
        {
            "text": "tens of thousands",
            "value": None,
            "approx": "10000+",
            "noun": "plastic pellets and fragments",
            "url": u[f"{HERALD}/cleanup-day"],
        },
        {
            "text": "At least 300",
            "value": 300,
            "bound": "lower",
            "noun": "parents and teachers",
            "url": u[f"{WIRE}/school-funding"],
        },
        {
            "text": "about 40 percent",
            "value": 40,
            "unit": "percent",
            "approx": True,
            "noun": "water samples",
            "url": u[f"{HERALD}/river-survey"],
        },
        {
            "text": "$2.3 million",
            "value": 2300000,
            "unit": "USD",
            "noun": "budget gap",
            "url": u[f"{WIRE}/school-funding"],
        },
        {
            "text": "$850,000",
            "value": 850000,
            "unit": "USD",
            "noun": "grant",
            "url": u[f"{HERALD}/riverbank-grant-vote"],
        },
        {
            "text": "$4 million",
            "value": 4000000,
            "unit": "USD",
            "noun": "lost fares",
            "url": u[f"{WIRE}/transit-strike-ends"],
        },
        {
            "text": "960 samples",
            "value": 960,
            "noun": "samples",
            "url": u[f"{HERALD}/river-survey"],
        },
        {
            "text": "1,200 workers",
            "value": 1200,
            "noun": "workers",
            "url": u[f"{WIRE}/calder-closure"],
        },
        {
            "text": "1,800 workers",
            "value": 1800,
            "noun": "workers",
            "url": u[f"{DAILY}/calder-job-losses"],
        },
        {
            "text": "100,000 people",
            "value": 100000,
            "noun": "people",
            "url": u[f"{DAILY}/clean-water-march"],
        },
        {
            "text": "600,000 people",
            "value": 600000,
            "noun": "people",
            "url": u[f"{VOICE}/clean-water-march"],
        },
        {
            "text": "53 years",
            "value": 53,
            "unit": "years",
            "noun": "campaigning",
            "url": u[f"{HERALD}/river-keepers-part-1"],
        },
        {
            "text": "55 years",
            "value": 55,
            "unit": "years",
            "noun": "campaigning",
            "url": u[f"{VOICE}/keepers-anniversary"],
        },
        {
            "text": "about 650 paying members",
            "value": 650,
            "approx": True,
            "noun": "members",
            "url": u[f"{HERALD}/river-keepers-part-2"],
        },
    ]


def _non_quantities(pages: dict[str, Page]) -> list[dict[str, Any]]:
    u = {k: p.url for k, p in pages.items()}
    return [
        {
            "text": "55th anniversary",
            "why": "ordinal",
            "url": u[f"{WIRE}/lantern-festival-preview"],
        },
        {
            "text": "The 55th Lowmoor Lantern Festival",
            "why": "ordinal",
            "url": u[f"{POST}/lantern-festival-report"],
        },
        {"text": "Part 12", "why": "section number", "url": u[f"{HERALD}/river-keepers-part-3"]},
        {
            "text": "in the spring of 1973",
            "why": "year",
            "url": u[f"{HERALD}/river-keepers-part-1"],
        },
        {"text": "since 1952", "why": "year", "url": u[f"{WIRE}/calder-closure"]},
        {"text": "in 1971", "why": "year", "url": u[f"{WIRE}/lantern-festival-preview"]},
        {"text": "April 30", "why": "date", "url": u[f"{VOICE}/wenlow-cannot-wait"]},
        {"text": "June 1", "why": "date", "url": u[f"{POST}/packhorse-bridge"]},
        {"text": "(555) 017-3030", "why": "phone number", "url": u[f"{POST}/lantern-volunteers"]},
        {"text": "(555) 017-4100", "why": "phone number", "url": u[f"{POST}/packhorse-bridge"]},
        {"text": "number 14", "why": "route number", "url": u[f"{DAILY}/transit-strike-day-one"]},
    ]


def _conflicts(pages: dict[str, Page]) -> list[dict[str, Any]]:
    u = {k: p.url for k, p in pages.items()}
    return [
        {
            "id": "keepers-years",
            "subject": "how long the Wenlow River Keepers have campaigned",
            "noun": "years",
            "values": [
                {
                    "value": 53,
                    "text": "The River Keepers have campaigned for 53 years",
                    "url": u[f"{HERALD}/river-keepers-part-1"],
                },
                {
                    "value": 55,
                    "text": "The River Keepers have campaigned for 55 years",
                    "url": u[f"{VOICE}/keepers-anniversary"],
                },
            ],
        },
        {
            "id": "march-attendance",
            "subject": "attendance at the Clean Water March in Northgate",
            "noun": "people",
            "values": [
                {
                    "value": 100000,
                    "text": "An estimated 100,000 people attended the Clean Water March",
                    "url": u[f"{DAILY}/clean-water-march"],
                },
                {
                    "value": 600000,
                    "text": "600,000 people came to Northgate for the Clean Water March",
                    "url": u[f"{VOICE}/clean-water-march"],
                },
                {
                    "value": 600000,
                    "text": "600,000 people came to Northgate for the Clean Water March",
                    "url": tg_url(7),
                },
            ],
        },
        {
            "id": "calder-workers",
            "subject": "jobs lost at the Calder Metalworks plant in Eastbank",
            "noun": "workers",
            "values": [
                {
                    "value": 1200,
                    "text": "putting 1,200 workers out of a job",
                    "url": u[f"{WIRE}/calder-closure"],
                },
                {
                    "value": 1200,
                    "text": "putting 1,200 workers out of a job",
                    "url": u[f"{DAILY}/calder-closure-wire"],
                },
                {
                    "value": 1200,
                    "text": "putting 1,200 workers out of a job",
                    "url": u[f"{HERALD}/calder-closure-wire"],
                },
                {
                    "value": 1800,
                    "text": "1,800 workers will lose their jobs",
                    "url": u[f"{DAILY}/calder-job-losses"],
                },
            ],
        },
    ]


def _quotes(pages: dict[str, Page]) -> list[dict[str, Any]]:
    u = {k: p.url for k, p in pages.items()}
    return [
        {
            "speaker": "Oskar Pell",
            "text": "I remember the smell more than anything",
            "style": "straight quotes, spans two paragraphs",
            "url": u[f"{HERALD}/river-keepers-part-1"],
        },
        {
            "speaker": "Oskar Pell",
            "text": "What changed it was not one big victory.",
            "style": "continuation paragraph of a multi-paragraph quote",
            "url": u[f"{HERALD}/river-keepers-part-1"],
        },
        {
            "speaker": "Lidia Brandt",
            "text": "Consistency is the whole game",
            "style": "curly quotes",
            "url": u[f"{HERALD}/river-keepers-part-2"],
        },
        {
            "speaker": "Lidia Brandt",
            "text": "She added that two of the group’s volunteers are retired chemists",
            "style": "pronoun speaker, indirect",
            "url": u[f"{HERALD}/river-keepers-part-2"],
        },
        {
            "speaker": "Elena Marsh",
            "text": "Marsh said in an interview that she saw the group as",
            "style": "indirect speech",
            "url": u[f"{HERALD}/river-keepers-part-3"],
        },
        {
            "speaker": "Elena Marsh",
            "text": "I grew up two streets from the Old Quay",
            "style": "curly quotes, pronoun speaker ('she said')",
            "url": u[f"{HERALD}/riverbank-grant-vote"],
        },
        {
            "speaker": "Elena Marsh",
            "text": "Ms. Marsh replied that the library and the river were not rivals",
            "style": "indirect speech, name variant",
            "url": u[f"{HERALD}/riverbank-grant-vote"],
        },
        {
            "speaker": "Elena Marsh",
            "text": "I said at the council meeting that I wanted the town to stop talking about the river",
            "style": "event write-up: name on its own line, then straight quotes",
            "url": u[f"{HERALD}/cleanup-day"],
        },
        {
            "speaker": "Oskar Pell",
            "text": "When I started coming to these as a boy there were thirty of us and a wheelbarrow.",
            "style": "event write-up: name and title on their own line",
            "url": u[f"{HERALD}/cleanup-day"],
        },
        {
            "speaker": "Ines Carraway",
            "text": "Everything on those tables started as something someone used for five minutes.",
            "style": "event write-up: name and title on their own line",
            "url": u[f"{HERALD}/cleanup-day"],
        },
        {
            "speaker": "Ines Carraway",
            "text": "According to Dr. Ines Carraway, the hydrologist who led the work, the pattern was striking.",
            "style": "according to",
            "url": u[f"{HERALD}/river-survey"],
        },
        {
            "speaker": "Ines Carraway",
            "text": "We expected to find plastic; every river in the country has it,",
            "style": "curly quotes",
            "url": u[f"{HERALD}/river-survey"],
        },
        {
            "speaker": "Ines Carraway",
            "text": "She added that on the worst night of the year",
            "style": "pronoun speaker, indirect",
            "url": u[f"{HERALD}/river-survey"],
        },
        {
            "speaker": "Hal Morrow",
            "text": "This is the hardest announcement this company has ever had to make,",
            "style": "curly quotes",
            "url": u[f"{WIRE}/calder-closure"],
        },
        {
            "speaker": "Benedikt Ahlgren",
            "text": "Nobody standing here wanted this,",
            "style": "curly quotes",
            "url": u[f"{WIRE}/transit-strike"],
        },
        {
            "speaker": "Benedikt Ahlgren",
            "text": "He added that the union remained ready to talk",
            "style": "pronoun speaker ('he added')",
            "url": u[f"{WIRE}/transit-strike"],
        },
        {
            "speaker": "Rosalind Fenwick",
            "text": "She told the meeting that the council would write to the regional education minister",
            "style": "indirect speech, pronoun",
            "url": u[f"{WIRE}/school-funding"],
        },
        {
            "speaker": "Janet Dunmore",
            "text": "These are not luxuries,",
            "style": "curly quotes",
            "url": u[f"{WIRE}/school-funding"],
        },
        {
            "speaker": "Tamsin Achebe",
            "text": "not a fringe issue, but a kitchen-table one",
            "style": "partial quote inside indirect speech",
            "url": u[f"{DAILY}/clean-water-march"],
        },
        {
            "speaker": "Ray Osei",
            "text": "It was the only job I ever had, and I was good at it,",
            "style": "curly quotes",
            "url": u[f"{DAILY}/calder-job-losses"],
        },
        {
            "speaker": "Greta Sallow",
            "text": "Fifty-five years ago a few teachers and a few dozen children walked to this bridge",
            "style": "event write-up: name and title on their own line, two quote paragraphs",
            "url": u[f"{POST}/lantern-festival-report"],
        },
        {
            "speaker": "Greta Sallow",
            "text": "Next year we will do it all again, and I promise nothing about the weather.",
            "style": "second paragraph under the same speaker line",
            "url": u[f"{POST}/lantern-festival-report"],
        },
        {
            "speaker": "Ravi Thornbury",
            "text": "Every child in our school made a lantern this year.",
            "style": "event write-up: name and title on their own line",
            "url": u[f"{POST}/lantern-festival-report"],
        },
        {
            "speaker": "Maud Ferrier",
            "text": "Nobody thought of the river as something you could care for,",
            "style": "straight quotes ('she told me')",
            "url": u[f"{VOICE}/keepers-anniversary"],
        },
    ]


def _listings(pages: dict[str, Page]) -> list[dict[str, Any]]:
    out = []
    for key, style, more in (
        (f"{HERALD}/tag-river-cleanup", "wordpress-tag", "Continue Reading →"),
        (f"{VOICE}/index", "blogger-index", "Read more »"),
    ):
        p = pages[key]
        links = [pages[s.strip()].url for s in p.meta["items"].split(",")]
        out.append(
            {
                "url": p.url,
                "file": f"html/{p.domain}/{p.filename}",
                "style": style,
                "teasers": len(links),
                "links": links,
                "more_link_text": more,
                "note": "each teaser repeats the lede of the article it links to; that is a "
                "teaser, not a reuse witness",
            }
        )
    return out


def ground_truth(pages: dict[str, Page]) -> dict[str, Any]:
    """The whole PLANTED.json document."""
    sites: dict[str, Any] = {}
    cms = {
        HERALD: "wordpress-like local newspaper",
        WIRE: "news agency (wire service)",
        VOICE: "blogger-like advocacy blog",
        DAILY: "regional newspaper CMS",
        POST: "drupal-like community site",
    }
    for p in pages.values():
        s = sites.setdefault(p.domain, {"cms": cms[p.domain], "pages": 0})
        s["pages"] += 1
    series = sorted(
        (p for p in pages.values() if "series" in p.meta), key=lambda p: p.meta["series"]
    )
    grant = pages[f"{HERALD}/riverbank-grant-vote"]
    review = pages[f"{POST}/week-in-review"]
    u = {k: p.url for k, p in pages.items()}
    return {
        "about": "Ground truth of the copytrail example corpus (CC0 1.0, entirely fictional). "
        "Paths in 'file' are relative to this folder. Passages occur verbatim in each witness's "
        "visible text (whitespace-normalised).",
        "sites": dict(sorted(sites.items())),
        "reuse_families": _families(pages),
        "not_reuse": [
            {
                "phrase": SHORT_PHRASE,
                "words": len(SHORT_PHRASE.split()),
                "why": "organisation name shared by three unrelated reports; shorter than the "
                "15-word minimum, so it must not make a family",
                "urls": [
                    u[f"{HERALD}/cleanup-day"],
                    u[f"{DAILY}/clean-water-march"],
                    u[f"{VOICE}/clean-water-march"],
                ],
            }
        ],
        "self_reuse": {
            "url": grant.url,
            "file": f"html/{grant.domain}/{grant.filename}",
            "passage": grant.meta["standfirst"],
            "note": "the lede is printed twice: as the first paragraph and again as a pull quote after the second",
        },
        "two_sources": {
            "url": review.url,
            "file": f"html/{review.domain}/{review.filename}",
            "families": ["survey-plastic-rain", "wire-transit-strike"],
            "sources": [u[f"{HERALD}/river-survey"], u[f"{WIRE}/transit-strike"]],
        },
        "listings": _listings(pages),
        "series": {
            "name": "Who are the River Keepers?",
            "parts": [
                {"part": int(p.meta["series"].split("|")[1]), "url": p.url, "title": p.title}
                for p in series
            ],
        },
        "dates": _dates(pages),
        "figures": _figures(pages),
        "non_quantities": _non_quantities(pages),
        "conflicts": _conflicts(pages),
        "quotes": _quotes(pages),
        "name_variants": {
            "Elena Marsh": ["Mayor Elena Marsh", "Ms. Marsh", "Marsh"],
            "Greta Sallow": [
                "Festival director Greta Sallow",
                "Greta Sallow",
                "Ms. Sallow",
                "Sallow",
            ],
            "Ines Carraway": ["Dr. Ines Carraway", "Carraway"],
        },
        "feeds": [
            {
                "file": "feeds/rivervale-herald.xml",
                "format": "rss2",
                "site": HERALD,
                "items": [u[f"{HERALD}/{s}"] for s in FEED_ITEMS],
                "note": "same articles as the HTML pages (same URLs): merge, do not count as reuse",
            }
        ],
        "sitemaps": [
            {
                "file": "sitemaps/northgate-daily.xml",
                "site": DAILY,
                "urls": sorted(p.url for p in pages.values() if p.domain == DAILY) + [SITEMAP_ONLY],
                "urls_without_page": [SITEMAP_ONLY],
            }
        ],
        "telegram": [
            {
                "file": TG_FILE,
                "channel": TG_NAME,
                "channel_id": TG_ID,
                "folder": TG_FOLDER,
                "message_count": 8,  # not "messages": a reader may take that for an export
                "service_messages": 1,
                "forwarded": [7, 9],
                "site": TG_NAME,
                "url_scheme": f"https://t.me/c/{TG_ID}/<message id>",
            }
        ],
        "jsonl": [
            {
                "file": JSONL_FILE,
                "site": RADIO,
                "records": 4,
                "urls": [r["url"] for r in RADIO_RECORDS(pages)],
            }
        ],
        "txt": [
            {
                "folder": "rivervale-council",
                "site": "rivervale-council",
                "files": sorted(f.name for f in (OUT / "rivervale-council").glob("*.txt")),
            }
        ],
    }
