"""A speaker phrase split into the person's name and their role, from per-language data.

"وزیر امور خارجه عباس عراقچی", "وزير الخارجية الأمريكي أنتوني بلينكن", "Пресс-секретарь Кремля
Дмитрий Песков": the speaker is the name, as in English ("Foreign Minister Abbas Araghchi" gives
"Abbas Araghchi"), and the role stays in the source span. No name list is used; the data
(``roles`` in ``claims/data/quotes_<lang>.json``) says how a role ends in each language:

* **Russian** writes roles in lower case and names capitalised: the name is the capitalised
  run at the end of the phrase (two words, three with a patronymic), after any acronym
  ("Официальный представитель МИД Мария Захарова"); one capitalised word is a name only with a
  surname ending ("министр Орлов", not "мэр Москвы");
* **Persian and Arabic** have no capitals: a role is its title word, then the words that
  continue a role (institution words, an Arabic definite complement "الخارجية", a Persian word
  written with its ezafe "فضای"); the two words left at the end are the name (in Arabic all of
  them, "محمد شياع السوداني", and a particle joins the word after it: "فيصل بن فرحان");
  one word left is a name only when the article named that person before ("عراقچی");
* a name written before its role, with no commas ("محمدباقر قالیباف رئیس مجلس"), is the name;
* a phrase headed by an organisation word ("خبرگزاری تسنیم", "Агентство ТАСС") or an unnamed
  source ("مسؤول حكومي", "منبع آگاه") is a name as a whole, never split.

>>> split_role("وزیر امور خارجه عباس عراقچی", "fa")
('عباس عراقچی', 'وزیر امور خارجه')
>>> split_role("وزير الخارجية السعودي الأمير فيصل بن فرحان", "ar")
('فيصل بن فرحان', 'وزير الخارجية السعودي الأمير')
>>> split_role("Пресс-секретарь Кремля Дмитрий Песков", "ru"), split_role("Мэр Москвы", "ru")
(('Дмитрий Песков', 'Пресс-секретарь Кремля'), (None, 'Мэр Москвы'))
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Word = tuple[int, int, str]  # start, end, folded form
Span = tuple[int, int]

_WORD = re.compile(r"[^\W\d_](?:[\w\u200c]|-(?=\w))*|\d+")


@dataclass(frozen=True)
class RoleLexicon:
    """The ``roles`` section of one language's quote data, folded."""

    titles: frozenset[str]
    organisations: frozenset[str]
    by_capitals: bool
    name_before_role: bool
    role_words: frozenset[str]
    definite_prefixes: tuple[str, ...]
    ezafe_endings: tuple[str, ...]
    particles: frozenset[str]
    whole_rest: bool
    surname_endings: tuple[str, ...]
    patronymic_endings: tuple[str, ...]
    located: frozenset[str]
    located_prepositions: frozenset[str]
    located_stops: frozenset[str]
    stops: frozenset[str]
    place_roles: frozenset[str]
    title_phrases: frozenset[str]
    anaphoric: frozenset[str]
    role_prefixes: tuple[str, ...]
    name_words: int
    non_name_endings: tuple[str, ...]
    articles: frozenset[str]
    impersonal: frozenset[str]
    glued_article: frozenset[str]
    exact_cuts: dict[str, frozenset[str]]


def role_lexicon(
    data: dict[str, Any], titles: frozenset[str], fold: Callable[[str], str]
) -> RoleLexicon:
    """Compile the ``roles`` section of a quote data file (``fold`` is the language's fold)."""
    roles = data.get("roles", {})

    def words(key: str) -> frozenset[str]:
        return frozenset(fold(w) for w in roles.get(key, ()))

    def ends(key: str) -> tuple[str, ...]:
        return tuple(fold(w) for w in roles.get(key, ()))

    return RoleLexicon(
        titles=titles,
        organisations=words("organisation_words") | words("unnamed_words"),
        by_capitals=roles.get("name_by") == "capitals",
        name_before_role=bool(roles.get("name_before_role")),
        role_words=words("role_words"),
        definite_prefixes=ends("definite_prefixes"),
        ezafe_endings=ends("ezafe_endings"),
        particles=words("name_particles"),
        whole_rest=bool(roles.get("name_is_whole_rest")),
        surname_endings=ends("surname_endings"),
        patronymic_endings=ends("patronymic_endings"),
        located=words("located_roles"),
        located_prepositions=words("located_prepositions"),
        located_stops=words("located_stop_nouns"),
        stops=frozenset(fold(w) for w in data.get("cut_words", ())),
        place_roles=words("place_roles"),
        anaphoric=words("anaphoric_complements"),
        title_phrases=frozenset(
            " ".join(fold(w) for w in p.split()) for p in roles.get("title_phrases", ())
        ),
        role_prefixes=ends("role_word_prefixes"),
        name_words=int(roles.get("name_words", 2)),
        # as written, lower-cased: the fold would make "-ий" of a first name read "-ии"
        non_name_endings=tuple(w.lower() for w in roles.get("non_name_endings", ())),
        articles=words("articles"),
        impersonal=words("impersonal_source_prepositions"),
        glued_article=words("glued_article_after"),
        exact_cuts=_exact(roles.get("cut_words_as_written", ()), fold),
    )


def _exact(spellings: Any, fold: Callable[[str], str]) -> dict[str, frozenset[str]]:
    """Folded form -> the spellings that alone make it a cut word."""
    out: dict[str, set[str]] = {}
    for w in spellings:
        out.setdefault(fold(w), set()).add(w)
    return {k: frozenset(v) for k, v in out.items()}


def split_words(
    words: list[Word], text: str, rl: RoleLexicon, known: Callable[[list[str]], bool]
) -> tuple[Span | None, Span | None]:
    """(name span, role span) of the speaker phrase ``words`` (offsets into ``text``).

    A phrase with no title is all name; a role with no name left is (None, role). ``known``
    says whether words shorten a name the article gave before (a surname alone after a role).
    """
    if not words:
        return None, None
    head = next((i for i, w in enumerate(words) if w[2] in rl.titles), None)
    if head is None or words[head][2] in rl.organisations:
        return (words[0][0], words[-1][1]), None
    if head >= 2 and rl.name_before_role:
        return (words[0][0], words[head - 1][1]), (words[head][0], words[-1][1])
    rest = words[head:]
    k = _name_start(rest, text, rl, known)
    if k is None:
        return None, (rest[0][0], rest[-1][1])
    return (rest[k][0], rest[-1][1]), (rest[0][0], rest[k - 1][1])


def _name_start(
    rest: list[Word], text: str, rl: RoleLexicon, known: Callable[[list[str]], bool]
) -> int | None:
    """Index in ``rest`` (a title first) where the name begins, or None for a role alone."""
    if rl.by_capitals:
        k = _capitalised_tail(rest, text, rl)
    else:
        k = _after_role_words(rest, rl)
    if k is None or k >= len(rest):
        return None
    name = [w[2] for w in rest[k:]]
    if any(_stops(w, text, rl) for w in rest[k:]):
        return None
    if len(name) == 1:
        single = rl.by_capitals and name[0].endswith(rl.surname_endings)
        return k if single or known(name) else None
    return k


def _stops(w: Word, text: str, rl: RoleLexicon) -> bool:
    """A word no name holds: a preposition or adverbial ("در", "في"), unless the fold merged a
    name with it and the text spells the name ("علي" is not "على")."""
    if w[2] in rl.located_prepositions:
        return True
    exact = rl.exact_cuts.get(w[2])
    return w[2] in rl.stops and (exact is None or text[w[0] : w[1]] in exact)


def _capitalised_tail(rest: list[Word], text: str, rl: RoleLexicon) -> int | None:
    """Start of the capitalised run ending the phrase: two words, three with a patronymic."""
    k = len(rest)
    while k > 1 and _is_name_word(rest[k - 1], text, rl):
        k -= 1
    run = len(rest) - k
    if run == 0:
        return None
    size = 2
    if run >= 3 and rest[-2][2].endswith(rl.patronymic_endings):
        size = 3
    return len(rest) - min(run, size)


def _is_name_word(w: Word, text: str, rl: RoleLexicon) -> bool:
    """Capitalised, no acronym, no title, no ending names never have ("Федерации")."""
    word = text[w[0] : w[1]]
    acronym = len(word) > 1 and word.isupper()
    odd = bool(rl.non_name_endings) and word.lower().endswith(rl.non_name_endings)
    return word[:1].isupper() and not acronym and not odd and w[2] not in rl.titles


def _after_role_words(rest: list[Word], rl: RoleLexicon) -> int | None:
    """Past the title and the words that continue a role; then the name, if any is left.

    The name comes after the last role word of the phrase ("رئیس کمیسیون اقتصادی مجلس" has
    none) and after a place a role is "in" ("سفیر ایران در عراق …"); of what is left, a Persian
    name is all of up to three words, else the last two; an Arabic name is what follows the last
    definite complement ("مدير مستشفى الشفاء محمد أبو سلمية").
    """
    k = _consume_role(rest, rl)
    for i in range(len(rest) - 1, k - 1, -1):
        if _is_role_word(rest[i][2], rl):
            k = i + 1
            break
        if rest[i][2] in rl.located_prepositions:
            k = i + 2
            break
    if k >= len(rest):
        return None
    if rl.whole_rest:
        return k + _after_definite(rest[k:], rl)
    if len(rest) - k <= rl.name_words:
        return k
    start = len(rest) - 2
    # a particle binds the name's words ("فيصل بن فرحان", "عبد الفتاح السيسي")
    while start > k and (rest[start][2] in rl.particles or rest[start - 1][2] in rl.particles):
        start -= 1
    return start


def _consume_role(rest: list[Word], rl: RoleLexicon) -> int:
    """Index after the title and the words that continue it from the start."""
    k = 1
    if rest[0][2] in rl.place_roles and len(rest) > 2:
        k = 2  # "شهردار تهران …": the role's place, whatever its name
    pulled = False  # the word before carries an ezafe: this one belongs to the role too
    while k < len(rest):
        w = rest[k][2]
        definite = bool(rl.definite_prefixes) and w.startswith(rl.definite_prefixes)
        if not (pulled or definite or _is_role_word(w, rl)):
            if not (rl.ezafe_endings and w.endswith(rl.ezafe_endings) and k + 1 < len(rest)):
                break
        pulled = bool(rl.ezafe_endings) and w.endswith(rl.ezafe_endings) and not pulled
        k += 1
    return k


def _is_role_word(w: str, rl: RoleLexicon) -> bool:
    """A title or role word, also with a preposition written onto it ("لجامعة")."""
    if w in rl.role_words or w in rl.titles:
        return True
    return any(w.startswith(p) and w[len(p) :] in rl.role_words for p in rl.role_prefixes)


def _after_definite(rest: list[Word], rl: RoleLexicon) -> int:
    """Where an Arabic name starts in ``rest``: after the last definite word that an indefinite
    one follows (a complement's end), unless a particle binds it ("عبد العزيز بن سلمان")."""
    start = 0
    for i in range(len(rest) - 1):
        w, nxt = rest[i][2], rest[i + 1][2]
        definite = w.startswith(rl.definite_prefixes)
        bound = i > 0 and rest[i - 1][2] in rl.particles
        if definite and not nxt.startswith(rl.definite_prefixes) and not bound:
            start = i + 1
    return start


def split_role(phrase: str, lang: str) -> tuple[str | None, str | None]:
    """(name, role) of a speaker phrase written in ``lang``; see the module docstring.

    >>> split_role("محمدباقر قالیباف رئیس مجلس", "fa"), split_role("رئیس سازمان محیط زیست", "fa")
    (('محمدباقر قالیباف', 'رئیس مجلس'), (None, 'رئیس سازمان محیط زیست'))
    """
    from copytrail.claims.quotes_lang_lexicon import fold, lexicon

    lex = lexicon(lang)
    folded = fold(phrase, lang)
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
    name, role = split_words(words, phrase, lex.roles, lambda _: False)
    return (
        phrase[name[0] : name[1]] if name else None,
        phrase[role[0] : role[1]] if role else None,
    )
