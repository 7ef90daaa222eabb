"""Quotes and reported speech in Persian, Arabic and Russian, read from per-language data.

English attributions have their own cascade (:mod:`copytrail.claims.attributions`). For the
other languages this field reads most, the knowledge lives in ``claims/data/quotes_<lang>.json``
(quote marks, reporting verbs, complementisers, "according to" phrases, role words, pronouns,
and the words that end a speaker phrase), with example sentences beside each file
(``quotes_<lang>.examples.tsv``) that the test suite reads as a table. This module only knows
how a report is built, sentence by sentence:

* **quotes**: the language's marks («…», „…“, “…”, "…") and, in Russian, dash-introduced speech
  ("— …, — сказал он.");
* **cues**: a reporting verb outside quotes (with its conjunction glued on in Arabic: وقال,
  فأضاف), or an "according to" phrase (به گفته, وفقا لـ, по словам);
* **speaker**: the person's name, split from their role by
  :mod:`~copytrail.claims.quotes_lang_roles` (the role stays in the source span), in the noun
  phrase on the side of the verb the language puts its subject (Persian
  before the verb, Arabic after it, VSO, else before; Russian before it, or after it when the
  verb follows the content: "— …, — сказал министр Иванов."). Without capitals to rely on, the
  phrase starts at a role word when there is one and stops at the first word that begins an
  adverbial (time, place, "to reporters"); a pronoun, a role word alone or an Arabic verb with no
  subject takes the last named speaker, and a surname alone (or a Russian name inflected after
  "по словам") the full name given earlier;
* **content and kind**: the adjacent quotation (``direct``), the clause after the complementiser
  or colon (``indirect``, or ``mixed`` when it holds a quotation), or the clause before an
  inverted verb; for "according to", the rest of the sentence (``according-to``). A quotation
  with no cue continues the last speaker.

The result is the English path's :class:`~copytrail.claims.attributions.Attribution`, so the
store, the CLI and the explorer show these reports unchanged.

>>> t = "وزیر امور خارجه روز دوشنبه گفت که مذاکرات ادامه دارد. وی افزود: «ما عجله نداریم.»"
>>> [(a.kind, a.speaker, a.text) for a in extract_attributions_lang(t, "fa")]
[('indirect', 'وزیر امور خارجه', 'مذاکرات ادامه دارد'), ('direct', 'وزیر امور خارجه', 'ما عجله نداریم.')]
>>> t = "وقال وزير الخارجية أحمد سالم إن المفاوضات مستمرة."
>>> [(a.kind, a.speaker, a.source_text(t)) for a in extract_attributions_lang(t, "ar")]
[('indirect', 'أحمد سالم', 'وزير الخارجية أحمد سالم')]
>>> t = "— Мы не отступим, — сказал министр Иванов. По словам Иванова, рост продолжится."
>>> [(a.kind, a.speaker, a.text) for a in extract_attributions_lang(t, "ru")]
[('direct', 'Иванов', 'Мы не отступим'), ('according-to', 'Иванов', 'рост продолжится')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from copytrail.claims.attributions import Attribution, AttributionResult
from copytrail.claims.quotes_lang_lexicon import LANGUAGES, QuoteLexicon, fold, lexicon
from copytrail.claims.quotes_lang_marks import _dash_quotes, _sentences, _strip, find_quotes_lang
from copytrail.claims.quotes_lang_roles import split_words

__all__ = [
    "LANGUAGES",
    "QuoteLexicon",
    "extract_attributions_lang",
    "extract_attributions_lang_with_warnings",
    "find_quotes_lang",
    "fold",
    "lexicon",
]

Span = tuple[int, int]

_WORD = re.compile(r"[^\W\d_](?:[\w\u200c]|-(?=\w))*|\d+")
_SEPARATORS = ",،؛;:—–()"
_TRIM = " \t\n,،؛;:.—–-"


@dataclass
class _Cue:
    start: int
    end: int
    according: bool


def extract_attributions_lang(text: str, lang: str) -> list[Attribution]:
    """Attributions of ``text`` written in ``lang`` (see the module docstring).

    >>> [(a.kind, a.speaker) for a in extract_attributions_lang("«نحن مستعدون»، قال المتحدث.", "ar")]
    [('direct', 'المتحدث')]
    """
    return extract_attributions_lang_with_warnings(text, lang).attributions


def extract_attributions_lang_with_warnings(text: Any, lang: str) -> AttributionResult:
    """Like :func:`extract_attributions_lang`, with warnings; bad input is a warning, not a crash.

    >>> extract_attributions_lang_with_warnings(None, "ru").warnings
    ['text is not a string: NoneType']
    """
    if not isinstance(text, str):
        return AttributionResult([], [f"text is not a string: {type(text).__name__}"])
    lex = lexicon(lang)
    folded = fold(text, lang)
    quotes, warnings = find_quotes_lang(text, lex)
    dashes = [d for d in _dash_quotes(text, lex) if not any(a <= d[0] < b for a, b in quotes)]
    quotes = sorted(quotes + dashes)
    reader = _Reader(text, folded, lex, quotes)
    for s, e in _sentences(text, quotes):
        reader.sentence(s, e)
    return AttributionResult(reader.out, warnings)


class _Reader:
    """Reads sentence after sentence, remembering the last named speaker for pronouns."""

    def __init__(self, text: str, folded: str, lex: QuoteLexicon, quotes: list[tuple[int, int]]):
        self.text, self.folded, self.lex, self.quotes = text, folded, lex, quotes
        self.out: list[Attribution] = []
        self.last: str | None = None
        self.named: list[str] = []  # every speaker named so far, latest last
        self.roles: list[tuple[list[str], str]] = []  # (role words, its holder's name)

    def _in_quote(self, i: int) -> bool:
        return any(a <= i < b for a, b in self.quotes)

    def _cues(self, s: int, e: int) -> list[_Cue]:
        cues = [
            _Cue(m.start(), m.end(), True) for m in self.lex.according.finditer(self.folded, s, e)
        ]
        for m in self.lex.verbs.finditer(self.folded, s, e):
            if not any(c.start <= m.start() < c.end for c in cues):
                cues.append(_Cue(m.start(), m.end(), False))
        return sorted((c for c in cues if not self._in_quote(c.start)), key=lambda c: c.start)

    def sentence(self, s: int, e: int) -> None:
        quotes = [q for q in self.quotes if s <= q[0] and q[1] <= e]
        used: set[tuple[int, int]] = set()
        for cue in self._cues(s, e):
            if cue.according:
                self._according(cue, s, e)
            else:
                self._reported(cue, s, e, quotes, used)
        for q in quotes:
            # A quotation with no cue of its own continues the last speaker.
            if q not in used and self.last and self._standalone(q, s):
                self._emit("direct", q, None, None, self.last, s, e)

    def _standalone(self, q: Span, s: int) -> bool:
        """A quotation that opens its sentence (or follows a colon) and has 3+ words: a name in
        marks inside running text ("ресторан «Кондитерская Олега Ильина»") continues no one."""
        lead = self.text[s : q[0] - 1].strip(" \t\n—–-")
        return (not lead or lead.endswith(":")) and len(_WORD.findall(self.text[q[0] : q[1]])) >= 3

    # -- speakers ---------------------------------------------------------------------------
    def _words(self, a: int, b: int) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(self.folded, a, b)]

    def _phrase(self, a: int, b: int, leading: bool, cut: bool = True) -> tuple[int, int] | None:
        """The speaker noun phrase in ``[a, b)``: from a role word (or the first word), to the
        first adverbial word (``cut``). ``leading`` skips adverbials before it (a subject before a
        verb). An "according to" source is bounded by its comma and keeps its prepositions."""
        m = self.lex.lead.match(self.folded, a)
        while m and m.end() <= b and m.end() > a:
            a = m.end()
            m = self.lex.lead.match(self.folded, _strip(self.folded, a, b, " ،,")[0])
            if m:
                a = m.start()
        words = self._words(a, b)
        if leading:
            words = self._after_adverbials(words)
        kept = self._kept(words[self._phrase_start(words) :], cut)
        if not kept:
            return None
        end = kept[-1][1]
        # A name written in quote marks keeps its closing mark (газета «Ведомости»).
        if (
            end < b
            and self.text[end] in "»“”"
            and any(c in self.text[kept[0][0] : end] for c in "«„“")
        ):
            end += 1
        return kept[0][0], end

    def _kept(self, words: list[tuple[int, int, str]], cut: bool) -> list[tuple[int, int, str]]:
        """The words of the phrase: up to an adverbial (``cut``) or past a pronoun; a located
        role keeps one "in X" ("مصدر في وزارة الداخلية"), unless X opens an adverbial."""
        kept: list[tuple[int, int, str]] = []
        located = -1  # where "in X" began
        for w in words:
            if 0 <= located == len(kept) - 1 and w[2] in self.lex.roles.located_stops:
                del kept[located:]  # "in" began an adverbial, not a place ("в интервью")
                break
            if cut and self._cuts(w) and not self._in_title(kept, w):
                if located < 0 and self._locates(kept, w[2]):
                    located = len(kept)
                    kept.append(w)
                    continue
                if located >= 0:
                    del kept[located:]
                break
            if kept and w[2] in self.lex.pronouns:
                break
            kept.append(w)
            if w[2] in self.lex.pronouns:
                break  # a pronoun is the whole noun phrase ("Она откровенно рассказала")
        if 0 <= located == len(kept) - 1:
            kept.pop()
        return kept

    def _phrase_start(self, words: list[tuple[int, int, str]]) -> int:
        """The first role word, or the first word when two or more words before the role are
        no adverbial: a name written before its role ("محمدباقر قالیباف رئیس مجلس")."""
        start = next((i for i, w in enumerate(words) if w[2] in self.lex.titles), 0)
        before = {w[2] for w in words[:start]}
        if (
            start >= 2
            and self.lex.roles.name_before_role
            and not before & (self.lex.cut | self.lex.pronouns)
        ):
            return 0
        if start and words[start - 1][2] in self.lex.roles.articles:
            return start - 1  # "یک منبع آگاه": the article goes with its noun
        if start and words[0][2] not in self.lex.cut and before & self.lex.cut:
            return 0  # "نرگس صالحی به خبرنگار ما گفت": the subject, then an adverbial
        return start

    def _cuts(self, w: tuple[int, int, str]) -> bool:
        """True when word ``w`` ends a speaker phrase; a word the fold merges with a name ends it
        only as written ("على", not the name "علي")."""
        if w[2] not in self.lex.cut:
            return False
        exact = self.lex.roles.exact_cuts.get(w[2])
        return exact is None or self.text[w[0] : w[1]] in exact

    def _in_title(self, kept: list[tuple[int, int, str]], w: tuple[int, int, str]) -> bool:
        """True when ``w`` completes a title of two words ("امام جمعه": "Friday" is no adverb)."""
        return bool(kept) and f"{kept[-1][2]} {w[2]}" in self.lex.roles.title_phrases

    def _locates(self, kept: list[tuple[int, int, str]], word: str) -> bool:
        """True when ``word`` is a preposition that places a located role: "سفیر ایران در"."""
        rl = self.lex.roles
        return word in rl.located_prepositions and any(k[2] in rl.located for k in kept)

    def _after_adverbials(self, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Drop the adverbials a clause opens with ("روز دوشنبه", "В понедельник") before its subject."""
        if any(w[2] in self.lex.titles for w in words):
            return words
        i = 0
        while i < len(words) and words[i][2] in self.lex.cut:
            i += 1
            # The adverbial's object goes with it ("در تهران", "в интервью"), but not a Russian
            # capitalised word after an adverb: that is the name ("Ранее Елена Козлова").
            if i < len(words) and words[i][2] not in self.lex.cut:
                if self.lex.lang != "ru" or not self.text[words[i][0]].isupper():
                    i += 1
        return words[i:]

    def _speaker(self, span: tuple[int, int] | None, oblique: bool = False) -> str | None:
        """The resolved name of a source span: pronouns and bare role words take the last speaker,
        a shortened or (``oblique``: after "по словам") inflected name its earlier full form."""
        if span is None:
            return self.last
        spanned = self._words(*span)
        words = [w for _, _, w in spanned]
        if words and all(w in self.lex.pronouns for w in words):
            return self.last
        name, role = split_words(
            spanned,
            self.text,
            self.lex.roles,
            lambda ws: self._earlier_name(ws, oblique) is not None,
        )
        if name is None:
            # a role alone: the person the article gave it to, else the role as written
            held = self._holder(words)
            if held is None and len(words) > 1:
                held = self.text[span[0] : span[1]]
                self.roles.append((words, held))  # "Министр добавил" after "Глава Минобороны"
            return held or self.text[span[0] : span[1]]
        if role is None:
            name = span  # a name or organisation as written, with its closing mark («Ведомости»)
        named = [w for a, _, w in spanned if name[0] <= a < name[1]]
        person = self._earlier_name(named, oblique) or self.text[name[0] : name[1]]
        if role is not None:
            self.roles.append(([w for a, _, w in spanned if role[0] <= a < role[1]], person))
        return person

    def _holder(self, role: list[str]) -> str | None:
        """The person named earlier with this role ("وزیر نیرو"), or with this title alone
        ("الوزير" after "وزير الطاقة سعيد الخالدي"), or a bare title the last speaker, when
        they were given with a role ("Министр добавил" after "Глава Минприроды …")."""
        for held, person in reversed(self.roles):
            if held == role:
                return person
            if len(role) == 1 and role[0].removeprefix("ال") == held[0].removeprefix("ال"):
                return person
            if len(role) == 2 and role[1] in self.lex.roles.anaphoric and role[0] == held[0]:
                return person  # "Глава ведомства": the head named before
        bare = len(role) == 1 and role[0] in self.lex.titles
        if not bare or not self.last:
            return None
        if role[0].removeprefix("ال") in fold(self.last, self.lex.lang):
            return self.last
        # "Министр добавил": a bare title after a person given with a role is that person
        after_role = bool(self.roles) and self.roles[-1][1] == self.last
        return self.last if after_role and role[0] not in self.lex.roles.organisations else None

    def _earlier_name(self, words: list[str], oblique: bool) -> str | None:
        """The speaker named earlier that these words shorten or inflect: "احمدی" after "مریم
        احمدی", "по словам Иванова" after "министр Иванов", "Юлии Медведевой" after "Юлия
        Медведева" (Russian case endings differ in the last two letters at most; a subject is in
        the nominative, so there the name must match: "Петрова сказала" is not "Иван Петров")."""
        if not words or any(w in self.lex.titles for w in words):
            return None
        slack = 2 if oblique and self.lex.lang == "ru" else 0
        for name in reversed(self.named):
            tail = _WORD.findall(fold(name, self.lex.lang))[-len(words) :]
            if len(tail) == len(words) and all(
                _same_stem(a, b, slack) for a, b in zip(words, tail, strict=True)
            ):
                return name
        return None

    # -- cues -------------------------------------------------------------------------------
    def _according(self, cue: _Cue, s: int, e: int) -> None:
        """ "به گفته X، ..." / "..., по данным X." : the source up to the comma, the rest is content."""
        comma = cue.end
        while comma < e and (self.text[comma] not in ",،:؛" or self._in_quote(comma)):
            comma += 1
        src = self._phrase(cue.end, comma, leading=False, cut=False)
        before = _strip(self.text, s, cue.start, " \t\n" + _SEPARATORS + ".")
        if before[1] - before[0] > 3 and (
            comma >= e or self.text[cue.start - 2 : cue.start].strip() in ",،"
        ):
            content = before
        else:
            content = _strip(self.text, comma, e, _TRIM)
        if content[1] <= content[0]:
            return
        speaker = self._speaker(src, oblique=True)
        if speaker and src and self.folded[cue.end - 1 : cue.end] in self.lex.roles.glued_article:
            # "وفقا للأمم المتحدة": the cue's ل took the article's alef; the name has it back
            if speaker == self.text[src[0] : src[1]] and self.folded[src[0]] == "ل":
                speaker = "ا" + speaker
        self._emit("according-to", content, cue, src, speaker, s, e)

    def _reported(
        self, cue: _Cue, s: int, e: int, quotes: list[tuple[int, int]], used: set[Span]
    ) -> None:
        src, right = self._subject(cue, s, e, quotes)
        speaker = self._speaker(src)
        q_before = next((q for q in reversed(quotes) if q[1] <= cue.start and q not in used), None)
        colon = self._colon(right, e)
        pos = _strip(self.text, colon if colon is not None else right, e, " \t\n:")[0]
        comp = self._complementiser(right, e, quotes)
        q_after = next((q for q in quotes if q[0] - 1 <= pos <= q[0] and q not in used), None)
        if comp is None and q_after is not None:
            used.add(q_after)
            self._emit("direct", q_after, cue, src, speaker, s, e)
        elif comp is not None or (pos < e and colon is not None):
            a = comp.end() if comp else pos
            self._clause(_strip(self.text, a, e, _TRIM), cue, src, speaker, s, e, quotes, used)
        elif q_before is not None and _only_glue(self.text[q_before[1] : cue.start]):
            used.add(q_before)
            self._emit("direct", q_before, cue, src, speaker, s, e)
        elif self._bare(cue) and len(self._words(pos, e)) >= 2:
            self._clause(_strip(self.text, pos, e, _TRIM), cue, src, speaker, s, e, quotes, used)
        else:
            self._inverted(cue, src, speaker, s, e, q_before, quotes, used)

    def _inverted(
        self,
        cue: _Cue,
        src: Span | None,
        speaker: str | None,
        s: int,
        e: int,
        q_before: Span | None,
        quotes: list[Span],
        used: set[Span],
    ) -> None:
        """The verb follows its content: "…, — сказал он." / "…، وزیر گفت."."""
        head = src[0] if src and src[0] < cue.start else cue.start
        content = _strip(self.text, s, head, _TRIM)
        if not any(c in self.text[content[1] : head] for c in ",،—–"):
            return  # no comma or dash before the verb: not content of it ("(потом добавил …)")
        if q_before is not None and q_before[0] - 1 <= content[0] and q_before[1] + 1 >= content[1]:
            used.add(q_before)
            self._emit("direct", q_before, cue, src, speaker, s, e)
        elif len(self._words(*content)) >= 2:
            self._clause(content, cue, src, speaker, s, e, quotes, used)

    def _colon(self, right: int, e: int) -> int | None:
        """Where a colon after the verb and its source is, past at most a few adverbial words
        ("сказал журналистам: «…»", "در گفت‌وگو با خبرنگاران گفت:"), as for complementisers."""
        k = self.text.find(":", right, e)
        if k < 0 or self._in_quote(k) or len(self._words(right, k)) > 3:
            return None
        return k

    def _complementiser(
        self, right: int, e: int, quotes: list[tuple[int, int]]
    ) -> re.Match[str] | None:
        """The complementiser after the verb and its source, past at most a few adverbial words
        ("заявил журналистам, что", "قال للصحفيين إن"), never past a quotation."""
        stop = min([q[0] for q in quotes if q[0] > right] + [e])
        m = self.lex.complementisers.search(self.folded, right, stop)
        if m is None or len(self._words(right, m.start())) > 4:
            return None
        return m

    def _bare(self, cue: _Cue) -> bool:
        verb = re.sub(r"[\s\u200c]+", " ", self.folded[cue.start : cue.end])
        return verb in self.lex.bare_verbs

    def _clause(
        self,
        content: Span,
        cue: _Cue,
        src: Span | None,
        speaker: str | None,
        s: int,
        e: int,
        quotes: list[Span],
        used: set[Span],
    ) -> None:
        inner = [q for q in quotes if content[0] <= q[0] and q[1] <= content[1]]
        used.update(inner)
        if inner and inner[0][0] - 1 == content[0] and inner[0][1] + 1 == content[1]:
            self._emit("direct", inner[0], cue, src, speaker, s, e)
        else:
            self._emit("mixed" if inner else "indirect", content, cue, src, speaker, s, e)

    def _subject(
        self, cue: _Cue, s: int, e: int, quotes: list[tuple[int, int]]
    ) -> tuple[tuple[int, int] | None, int]:
        """The source span of a verb and where the text after the verb (and source) begins."""
        after_end = _next_separator(self.text, cue.end, e)
        for q in quotes:
            if cue.end <= q[0] - 1 < after_end:
                after_end = q[0] - 1
        comp = self.lex.complementisers.search(self.folded, cue.end, after_end)
        if comp:
            after_end = comp.start()
        left = s
        k = cue.start - 1
        while k >= s:
            opened = self._name_in_marks(k, s)
            if opened is not None:
                k = opened - 1  # «Коммерсантъ» after "Газета": part of the subject
                continue
            if self.text[k] in _SEPARATORS + '»”“"' or self._in_quote(k):
                left = k + 1
                break
            k -= 1
        inverted = not self.text[left : cue.start].strip() or self.lex.lang == "ar"
        for side in self.lex.subject_order if not inverted else ("after", "before"):
            if side == "after":
                span = self._after_verb(cue, after_end)
                if span:
                    return span, span[1]
            else:
                span = self._phrase(left, cue.start, leading=True)
                if span is None and left > s and self.text[left - 1] in ",،":
                    span = self._appositive(s, left - 1)
                if span:
                    return span, cue.end
        return None, cue.end

    def _name_in_marks(self, k: int, s: int) -> int | None:
        """Where the quotation closing at ``k`` opens, when it is a short name after an
        organisation word ("Газета «Коммерсантъ»"), else None."""
        q = next((q for q in self.quotes if q[1] == k), None)
        if q is None or len(self._words(q[0], q[1])) > 3:
            return None
        before = self._words(s, q[0] - 1)
        if before and before[-1][2] in self.lex.roles.organisations:
            return q[0] - 1
        return None

    def _after_verb(self, cue: _Cue, after_end: int) -> tuple[int, int] | None:
        """The subject right after the verb, or the place an impersonal verb names as its source
        ("сообщили в пресс-службе больницы")."""
        span = self._phrase(cue.end, after_end, leading=False)
        if span and self._words(*span)[0][0] - cue.end <= 2:
            return span
        words = self._words(cue.end, after_end)
        if words and words[0][2] in self.lex.roles.impersonal and words[0][0] - cue.end <= 2:
            return self._phrase(words[0][1], after_end, leading=False)
        return None

    def _appositive(self, s: int, comma: int) -> tuple[int, int] | None:
        """ "Name, role, said": the subject is the name before the role in commas (else the role)."""
        cuts = [k for k in range(s, comma) if self.text[k] in ",،" and not self._in_quote(k)]
        role_start = cuts[-1] + 1 if cuts else s
        role = self._phrase(role_start, comma, leading=True)
        if cuts and role and self._words(*role)[0][2] in self.lex.titles:
            name = self._phrase(cuts[-2] + 1 if len(cuts) > 1 else s, cuts[-1], leading=True)
            return name or role
        return role

    def _emit(
        self,
        kind: str,
        content: Span,
        cue: _Cue | None,
        src: Span | None,
        speaker: str | None,
        s: int,
        e: int,
    ) -> None:
        a, b = content
        if b <= a:
            return
        if speaker and src:
            # Only a report sets the speaker pronouns refer to, not a verb read as something else.
            self.last = speaker
            if speaker not in self.named:
                self.named.append(speaker)
        self.out.append(
            Attribution(
                kind=kind,
                content_start=a,
                content_end=b,
                cue_start=cue.start if cue else None,
                cue_end=cue.end if cue else None,
                source_start=src[0] if src else None,
                source_end=src[1] if src else None,
                speaker=speaker,
                text=self.text[a:b],
                sentence_start=s,
                sentence_end=e,
            )
        )


def _same_stem(a: str, b: str, slack: int) -> bool:
    """Equal but for up to ``slack`` letters of ending each, on a stem of 3+ letters."""
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    return k >= 3 and len(a) - k <= slack and len(b) - k <= slack


def _next_separator(text: str, a: int, e: int) -> int:
    for k in range(a, e):
        if text[k] in ',،:؛«“„"':
            return k
    return e


def _only_glue(between: str) -> bool:
    """Only punctuation and dashes between a quotation and the verb after it (or a short subject)."""
    return len(between) <= 60 and not re.search(r"[.!?؟]", between)
