"""Speaker names: titles, pronouns, name variants within an article and across the corpus.

News text names a speaker in many ways ("Mayor Rudy Giuliani", "Mr. Giuliani", "Giuliani",
"Rudy Giuliani"). Per article, every variant resolves to the longest full name that shares its
surname (:class:`SpeakerIndex`); across the corpus, :func:`canonical_speaker_key` gives a
comparison key and :func:`cluster_speakers` joins surname-only keys to the one full name they
can mean.

>>> idx = SpeakerIndex.from_text("Mayor Rudy Giuliani spoke. Later Mr. Giuliani left.")
>>> idx.resolve("Mr. Giuliani"), idx.resolve("Giuliani"), idx.resolve("Mayor Rudy Giuliani")
('Rudy Giuliani', 'Rudy Giuliani', 'Rudy Giuliani')
>>> canonical_speaker_key("Sen. Bernard “Bernie” Sanders Jr.")
'bernard sanders'
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

# Titles and roles that precede a name and are not part of it (lower case, no dot).
TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady sen senator rep representative
    gov governor pres president vice vp mayor secretary minister chancellor judge justice
    gen general col colonel lt sgt capt captain adm admiral cmdr commander chief officer det
    detective rev reverend father sister brother rabbi imam pastor bishop cardinal pope king
    queen prince princess sheikh ambassador commissioner councilman councilwoman councillor
    congressman congresswoman assemblyman assemblywoman speaker leader chairman chairwoman
    chair director spokesman spokeswoman spokesperson attorney candidate nominee former
    then premier deputy state us u.s hon sheriff trooper coach ceo founder clerk treasurer
    auditor superintendent inspector prosecutor supervisor alderman alderwoman trustee manager
    executive administrator coordinator organizer activist economist analyst lawyer
    comptroller controller marshal warden sergeant constable magistrate delegate strategist
    pollster adviser advisor aide dean principal actress actor singer rapper comedian author
    writer columnist anchor host reporter journalist businessman businesswoman billionaire""".split()
)
MALE_TITLES = frozenset(
    "mr sir lord king prince father brother congressman councilman assemblyman spokesman chairman".split()
)
FEMALE_TITLES = frozenset(
    "mrs ms miss dame lady queen princess sister congresswoman councilwoman assemblywoman spokeswoman chairwoman".split()
)
SUFFIXES = frozenset("jr sr ii iii iv phd md esq".split())
# Word lists live in ``data/speakers_<lang>.json`` (rules as data, with example sentences in
# ``data/speakers_<lang>.examples.tsv`` that the tests run).
_DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=4)
def lexicon(lang: str = "en") -> dict[str, Any]:
    """The speaker word lists of one language, each a frozenset of lower-case words.

    >>> sorted(lexicon()["org_nouns"]["agency"])[:3]
    ['administration', 'agency', 'authority']
    >>> "many" in lexicon()["quantifiers"], "iranian" in lexicon()["nationalities"]
    (True, True)
    """
    doc = json.loads((_DATA / f"speakers_{lang}.json").read_text(encoding="utf-8"))
    out: dict[str, Any] = {}
    for key, value in doc.items():
        if key.startswith("_") or key.endswith("_note"):
            continue
        if isinstance(value, dict):
            out[key] = {k: frozenset(v.split()) for k, v in value.items()}
        else:
            out[key] = frozenset(value.split())
    return out


# A capitalised compound with a lower-case second part describes, it does not name
# ("London-born Raye", "Singer-guitarists Tom Johnston").
DESCRIPTOR = re.compile(r"[A-Z]\w*-[a-z][\w\-]*")
# Sentence-initial words that are never part of a name ("Whatever Apple did", "Says Neil").
_NEVER_IN_NAMES: frozenset[str] = lexicon()["never_speakers"] | lexicon()["quantifiers"]
# Capitalised words that open a sentence but never belong to a name: a source span that starts
# at the sentence start ("Later Halloran told reporters") must not make "Later" a first name.
NOT_NAME_WORDS: frozenset[str] = lexicon()["not_name_words"]
_PARTICLES: frozenset[str] = lexicon()["name_particles"]
# Last words of organisation and place names ("Harbor Teachers Union", "City Hall"): such a
# name is never the antecedent of "he" or "she" and is not a person's full name.
ORG_HEADS: frozenset[str] = lexicon()["org_heads"]

# A compact list of frequent first names with a clear gender, used only to resolve he/she.
MALE_NAMES = frozenset(
    """aaron adam alan albert alex alexander andrew anthony ben benjamin bernie bernard bill
    bob bobby brad brian bruce carl carlos charles chris christopher chuck dan daniel dave david
    dennis donald doug douglas ed eddie edward eric frank fred gary george greg gregory harry
    henry ian jack jacob james jason jeb jeff jeffrey jerry jim jimmy joe john johnny jon jonathan
    jorge jose joseph josh juan justin keith ken kevin larry lee luis marco mark martin matt
    matthew michael mike mitch newt nick nicholas paul pete peter phil philip ralph randy ray reince
    richard rick rob robert roger ron ronald rudy russ ryan sam samuel scott sean steve steven
    stephen ted thomas tim timothy todd tom tony vladimir walter wayne william willie""".split()
)
FEMALE_NAMES = frozenset(
    """alice amanda amy andrea angela ann anna anne barbara betty beth carly carol caroline
    catherine chelsea christine cindy claire debbie deborah diana donna dorothy elizabeth ellen
    emily emma hillary helen huma ivanka jane janet jennifer jessica jill joan joyce judy julia
    julie karen kate katherine kathleen kathy kellyanne kelly kim laura linda lisa lori lucy
    margaret maria marie martha mary megyn melania melissa michelle nancy nicole nikki olivia pam
    pamela patricia paula rachel rebecca ruth sandra sara sarah sharon stephanie susan theresa
    tulsi virginia wendy""".split()
)

PRONOUNS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "they": "p",
    "them": "p",
    "their": "p",
    "it": "n",
    "its": "n",
    "i": "1",
    "we": "1",
    "me": "1",
    "us": "1",
    "you": "2",
    "who": "r",
    "which": "r",
}

_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’.\-]*")
# Capitalised name run: words starting upper case, allowing "de", "van", "al-" particles inside.
# A word of a name; a full stop is allowed only after an abbreviation (Mr. Sen. J.), so a
# sentence end ("… in Iowa. Sanders said") never joins two names.
# An abbreviation with its full stop is a title ("Mr.", "Sen.", "St."); any other short word
# before a full stop ends a sentence ("… Mama Ru. It was") and the run with it.
ABBREVIATED = r"(?:Mr|Mrs|Ms|Mx|Dr|Jr|Sr|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Cmdr|Adm|Rev|Hon|Prof|Pres|Det|Mt|Ft)\."
_NAME_WORD = rf"(?:{ABBREVIATED}|[A-Z]\.|[A-Z][\w'’\-]*)"
_NAME_RUN = re.compile(
    _NAME_WORD
    + r"(?:[ \t]+(?:(?:de|da|del|della|di|van|von|der|den|le|la|bin|al|el)[ \t]+)?"
    + r"(?:"
    + _NAME_WORD
    + r"|“[A-Z][\w'’\-]*”|\"[A-Z][\w'’\-]*\"))*"
)
_AFTER_OBJECT = re.compile(r"\b[a-z]+[ \t]+(?:to|of|for|from|in|at)[ \t]+$")
_NICKNAME = re.compile(r"[“\"'‘][^“”\"'‘’]{1,20}[”\"'’]")


def strip_accents(s: str) -> str:
    """``s`` without diacritics (NFKD, combining marks dropped).

    >>> strip_accents("Peña Nieto")
    'Pena Nieto'
    """
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def name_tokens(name: str) -> list[str]:
    """Tokens of a name without titles, nicknames and suffixes (original case kept).

    >>> name_tokens("Former Secretary of State Hillary Rodham Clinton")
    ['Hillary', 'Rodham', 'Clinton']
    >>> name_tokens("Mr. Trump")
    ['Trump']
    >>> name_tokens("economist Ana de Souza"), name_tokens("Harbor FC Ana Lutz")
    (['Ana', 'de', 'Souza'], ['Ana', 'Lutz'])
    >>> name_tokens("Would Ada Brook")
    ['Ada', 'Brook']
    """
    return list(_name_tokens(name))


@lru_cache(maxsize=1 << 14)
def _name_tokens(name: str) -> tuple[str, ...]:
    # Cached (claims speed, issue #12): resolving one article asks for the tokens of the same
    # few names again and again.
    name = _NICKNAME.sub(" ", name)
    toks = [t.strip(".’'") for t in _TOKEN.findall(name)]
    toks = [t for t in toks if t]
    # A title phrase can hold lower-case words ("Secretary of State"); the name proper is the
    # trailing run of capitalised non-title words.
    out: list[str] = []
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        low = t.lower().rstrip(".")
        if low in SUFFIXES:
            continue
        if out and low in _PARTICLES and k > 0 and toks[k - 1][:1].isupper():
            out.append(t)  # "Ana de Souza": a particle between two parts of the name
            continue
        if out and len(out) >= 2 and t.isupper() and len(t) > 1 and t.isalpha():
            break  # "Harbor FC striker Ana Lutz": an acronym before a full name is no part of it
        if _outside_name(t, low, bool(out)):
            if out:
                break
            continue
        out.append(t)
    while out and out[-1].lower() in _PARTICLES:
        out.pop()
    out.reverse()
    # Single initials ("W.") in the middle carry no identity.
    if len(out) > 2:
        out = [out[0]] + [t for t in out[1:-1] if len(t) > 1] + [out[-1]]
    return tuple(out)


def _outside_name(t: str, low: str, inside: bool) -> bool:
    """A token that is no part of a name: lower case, a title, a sentence adverb, a descriptor,
    or (before a name already read) an owner in the possessive ("Norland's Tomas Brekke")."""
    return (
        not t[0].isupper()
        or low in TITLES
        or all(part in TITLES for part in low.split("-"))  # "Secretary-General"
        or low in NOT_NAME_WORDS
        or low in _NEVER_IN_NAMES
        or DESCRIPTOR.fullmatch(t) is not None
        or low in {"of", "the", "state"}
        or (inside and low.endswith(("'s", "’s")))
        or (inside and low in ORG_HEADS)  # "Harbor School Ana Lutz": the school is no part
    )


def clean_name(name: str) -> str:
    """The display form of a name: titles and suffixes dropped, spaces normalised.

    >>> clean_name("Sen. Ted Cruz, Jr.")
    'Ted Cruz'
    """
    return " ".join(name_tokens(name))


_DESCRIPTION_NOISE = frozenset("the a an which who whom that".split())
# A name in the possessive followed by lower-case words only ("Halloran's office").
_POSSESSIVE_DESCRIPTION = re.compile(
    r"(?:[Tt]he\s+)?(?:[A-Z][\w\-.]*\s+){0,3}[A-Z][\w\-]*['’]s(?:\s+[a-z][\w\-]*)+"
)


def canonical_speaker_key(name: str) -> str:
    """A key to compare speaker names across articles: lower case, no accents or titles.

    >>> canonical_speaker_key("Mayor Rudy Giuliani") == canonical_speaker_key("rudy giuliani")
    True
    >>> canonical_speaker_key("the White House")
    'white house'
    >>> canonical_speaker_key("The union, which")
    'union'
    >>> canonical_speaker_key("Halloran’s office")
    "halloran's office"
    >>> canonical_speaker_key("General Intelligence and Security Service (AIVD)")
    'general intelligence and security service'
    >>> canonical_speaker_key("Ana Lutz and Mr. Bo Quell")
    'ana lutz and bo quell'
    """
    from copytrail.claims.organisations import org_name  # it imports this module

    joint = re.fullmatch(r"(.+?) and (.+)", name.strip())
    if joint and all(len(name_tokens(part)) >= 2 for part in joint.groups()):
        # "Ana Lutz and Bo Quell" spoke together: neither of them alone.
        return " and ".join(canonical_speaker_key(part) for part in joint.groups())
    org = org_name(name)
    if org is not None:
        # An organisation keeps its whole name ("general intelligence and security service"),
        # without the acronym, which a later mention may give alone.
        return " ".join(
            re.sub(r"\s*\(.*", "", strip_accents(org[0])).lower().replace("’", "'").split()
        )
    toks = name_tokens(strip_accents(name))
    if _POSSESSIVE_DESCRIPTION.fullmatch(name.strip()):
        # "Halloran's office" is not Halloran: keep the owner and the head noun.
        toks = [
            t
            for t in re.findall(r"[\w'’\-]+", strip_accents(name))
            if t.lower() not in _DESCRIPTION_NOISE
        ]
    if not toks:
        # An unnamed description: its head phrase, without an appositive or relative clause
        # ("The union, which" is the same speaker as "the union").
        head = re.split(r"[,(;:—–]", name, maxsplit=1)[0]
        toks = [
            t
            for t in re.findall(r"\w+", strip_accents(head).lower())
            if t not in _DESCRIPTION_NOISE
        ]
    return " ".join(t.lower().replace("’", "'") for t in toks)


@lru_cache(maxsize=1 << 14)  # a pure function of the name, asked for again and again
def title_gender(name: str) -> str | None:
    """'m', 'f' or None from a title or a known first name in ``name``.

    >>> title_gender("Mrs. Smith"), title_gender("Donald Trump"), title_gender("NATO")
    ('f', 'm', None)
    """
    words = [w.lower().rstrip(".") for w in _TOKEN.findall(name)]
    for w in words:
        if w in MALE_TITLES:
            return "m"
        if w in FEMALE_TITLES:
            return "f"
    toks = name_tokens(name)
    if toks:
        first = toks[0].lower()
        if first in MALE_NAMES:
            return "m"
        if first in FEMALE_NAMES:
            return "f"
    return None


def is_org_like(name: str) -> bool:
    """A name that reads as an organisation or place rather than a person.

    "the …" descriptions, acronyms, and names ending in an organisation or place noun
    (:data:`ORG_HEADS`) — unless a gendered title or a known first name says it is a person.

    >>> is_org_like("Harbor Teachers Union"), is_org_like("City Hall"), is_org_like("the union, which")
    (True, True, True)
    >>> is_org_like("Mr. Hall"), is_org_like("Victor Halloran"), is_org_like("NATO")
    (False, False, True)
    """
    if title_gender(name):
        return False
    stripped = name.strip()
    if stripped.lower().startswith("the "):
        return True
    words = [w.strip(".,’'") for w in _TOKEN.findall(stripped)]
    words = [w for w in words if w]
    if not words:
        return False
    if len(words) == 1 and len(words[0]) >= 2 and words[0].isupper():
        return True
    return words[-1].lower() in ORG_HEADS


def is_person_like(name: str) -> bool:
    """A name that looks like a person (known first name, person title, or two+ capital words).

    >>> is_person_like("Mr. Giuliani"), is_person_like("Reuters"), is_person_like("City Hall")
    (True, False, False)
    """
    if title_gender(name):
        return True
    if is_org_like(name):
        return False
    words = [w.lower().rstrip(".") for w in _TOKEN.findall(name)]
    if any(w in TITLES for w in words):
        return True
    toks = name_tokens(name)
    return len(toks) in (2, 3) and all(t[:1].isupper() and t[1:2].islower() for t in toks)


@dataclass(slots=True)
class SpeakerIndex:
    """Name variants of one article, resolved to one canonical name each.

    Build it from the article text (every capitalised name run becomes a candidate) and add the
    speakers found by attribution; :meth:`resolve` then maps "Mr. X", "X", "Title First X" to
    the longest full name with that surname.
    """

    full: dict[str, str] = field(default_factory=dict)  # surname key -> canonical full name
    gender: dict[str, str] = field(
        default_factory=dict
    )  # canonical name -> m/f ('n': organisation)
    orgs: dict[str, str] = field(default_factory=dict)  # acronym or full name, lower -> full name

    def add_org(self, name: str, acronym: str | None) -> str:
        """Record an organisation; its acronym ("AIVD") resolves to the full name afterwards."""
        if acronym is None and name.endswith(")") and "(" in name:
            acronym = name[name.rindex("(") + 1 : -1]
        self.orgs.setdefault(name.lower(), name)
        if acronym:
            self.orgs.setdefault(acronym.lower(), name)
        # "The Keepers", "the Herald" after "Wenlow River Keepers", "Rivervale Herald": a
        # shorter end of the name means the first organisation that has it.
        words = re.sub(r"\s*\(.*", "", name).split()
        for i in range(1, len(words)):
            # "Michigan" after "University of Michigan" is the state, not the university.
            if words[i][:1].isupper() and words[i - 1][:1].isupper():
                self.orgs.setdefault(" ".join(words[i:]).lower(), self.orgs[name.lower()])
        self.gender[name] = "n"
        return self.orgs[name.lower()]

    @classmethod
    def from_text(cls, text: str) -> SpeakerIndex:
        """Index every multi-word capitalised name in ``text``."""
        idx = cls()
        for m in _NAME_RUN.finditer(text):
            run = m.group(0)
            if len(run.split()) >= 3 and _AFTER_OBJECT.search(
                text, max(0, m.start() - 12), m.start()
            ):
                # "envoy to Norland Ada Brook": the first word is the preposition's object.
                run = run.split(None, 1)[1]
            idx.add(run, person_hint=False)
        return idx

    def add(self, name: str, person_hint: bool = True) -> None:
        """Record a name; full names (two tokens or more) become canonical for their surname."""
        toks = name_tokens(name)
        if len(toks) < 2 or len(toks) > 4:
            if len(toks) == 1:
                g = title_gender(name)
                if g:
                    self.gender.setdefault(toks[0], g)
            return
        if not person_hint and not is_person_like(name):
            return
        key = toks[-1].lower()
        full = " ".join(toks)
        cur = self.full.get(key)
        # Prefer the first full form seen, but upgrade "Hillary Clinton" to a longer variant
        # that extends it ("Hillary Rodham Clinton") only when it keeps the same first name.
        if cur is None or (len(full) > len(cur) and full.split()[0] == cur.split()[0]):
            self.full[key] = full
        g = title_gender(name)
        if g:
            self.gender.setdefault(self.full[key], g)

    def resolve(self, name: str) -> str:
        """Canonical name for a variant (the variant itself, cleaned, when unknown)."""
        org = self.orgs.get(name.strip().lower())
        if org is not None:
            return org
        toks = name_tokens(name)
        if not toks:
            return name.strip()
        org = self.orgs.get(" ".join(toks).lower())
        if org is not None:
            return org  # "Later FOPC said"
        cand = self.full.get(toks[-1].lower())
        if cand is None:
            return " ".join(toks)
        ctoks = cand.split()
        # "Bill Clinton" must not resolve to "Hillary Clinton": a differing first name wins;
        # nor "Mr. Clinton" (a title of the other gender).
        if len(toks) >= 2 and toks[0].lower() != ctoks[0].lower() and toks[0] not in ctoks:
            return " ".join(toks)
        g, cg = title_gender(name), self.gender_of(cand)
        if g is not None and cg is not None and g != cg:
            return " ".join(toks)
        return cand

    def gender_of(self, name: str) -> str | None:
        """m/f for a person (titles seen in the article, first name), 'n' for an organisation.

        'n' keeps "he said" from resolving to "the Harbor Teachers Union" or "City Hall".

        >>> idx = SpeakerIndex.from_text("Mayor Maria Ruiz spoke at City Hall.")
        >>> idx.gender_of("Maria Ruiz"), idx.gender_of("City Hall"), idx.gender_of("Victor Halloran")
        ('f', 'n', None)
        """
        return self.gender.get(name) or title_gender(name) or ("n" if is_org_like(name) else None)


def _clash(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b


def cluster_speakers(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Cluster (article_id, speaker name) pairs across a corpus into canonical keys.

    Full-name keys stand for themselves. A surname-only key joins a full name of the SAME
    article when there is one, else the only full name in the corpus with that surname; when
    several full names share the surname it stays on its own (ambiguous).

    >>> pairs = [("a1", "Rudy Giuliani"), ("a2", "Mr. Giuliani"), ("a3", "Giuliani"),
    ...          ("a4", "Bill Clinton"), ("a5", "Hillary Clinton"), ("a6", "Clinton"),
    ...          ("a5", "Mrs. Clinton")]
    >>> c = cluster_speakers(pairs)
    >>> c[("a2", "Mr. Giuliani")], c[("a6", "Clinton")], c[("a5", "Mrs. Clinton")]
    ('rudy giuliani', 'clinton', 'hillary clinton')
    >>> cluster_speakers([("a7", "Hillary Clinton"), ("a7", "Mr. Clinton")])[("a7", "Mr. Clinton")]
    'clinton'

    """
    pairs = sorted(set(pairs))
    keys = {p: canonical_speaker_key(p[1]) for p in pairs}
    genders = {p: title_gender(p[1]) for p in pairs}
    key_gender: dict[str, str] = {}
    for p, key in keys.items():
        if len(key.split()) >= 2 and genders[p]:
            key_gender.setdefault(key, genders[p] or "")
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_article: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (art, _), key in keys.items():
        parts = key.split()
        if len(parts) >= 2:
            by_surname[parts[-1]].add(key)
            by_article[(art, parts[-1])].add(key)
    out: dict[tuple[str, str], str] = {}
    for (art, name), key in keys.items():
        parts = key.split()
        if len(parts) == 1:
            g = genders[(art, name)]
            # "Mr. Clinton" never joins a full name known to be a woman's, and vice versa.
            local = {
                k for k in by_article.get((art, key), set()) if not _clash(g, key_gender.get(k))
            }
            glob = {k for k in by_surname.get(key, set()) if not _clash(g, key_gender.get(k))}
            if len(local) == 1:
                key = next(iter(local))
            elif not local and len(glob) == 1:
                key = next(iter(glob))
        out[(art, name)] = key
    return out
