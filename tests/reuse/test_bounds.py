"""Exact boundaries of reused passages on both sides, in any script.

Every case plants a passage in two unrelated texts, mid-paragraph and mid-sentence, and checks
both reported spans to the character: the span is the copied text, starting and ending on its
first and last shared word, never widened to the whole sentences around it. Run as a script
(``python3 -m tests.reuse.test_bounds``) it prints the share of planted cases whose bounds are
exact (and within 8 characters) on each side.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copytrail.reuse.align import AlignParams, Match, align_pair
from copytrail.reuse.stage import align_params
from copytrail.reuse.tokens import tokenize
from copytrail.settings import Settings

DEFAULT = align_params(Settings())
# the settings benchmarks/pan13.py runs with: unanchored sentence pass, 4-gram seeds
PAN = align_params(
    Settings().replace(
        min_passage_words=30, ngram=4, sentence_similarity=0.3, sentence_anchor=False
    )
)


@dataclass(frozen=True)
class Planted:
    """``a = a_pre + orig + a_post`` and ``b = b_pre + copy + b_post``: ``orig`` was copied as ``copy``."""

    name: str
    orig: str
    copy: str
    a_pre: str
    a_post: str
    b_pre: str
    b_post: str

    @property
    def a(self) -> str:
        return self.a_pre + self.orig + self.a_post

    @property
    def b(self) -> str:
        return self.b_pre + self.copy + self.b_post

    @property
    def a_span(self) -> tuple[int, int]:
        return len(self.a_pre), len(self.a_pre) + len(self.orig)

    @property
    def b_span(self) -> tuple[int, int]:
        return len(self.b_pre), len(self.b_pre) + len(self.copy)


# -- invented texts, one family per script ----------------------------------------------------

EN = (
    "the regional water board will spend four million pounds on new pipes along the northern "
    "shore, replacing mains laid before the war that burst eleven times last winter and left "
    "several villages without drinking water for days at a time while crews searched for leaks"
)
EN_A = (
    "Residents of the town gathered on Monday evening to hear the plans for the riverside. "
    "The meeting ran late, and the mayor, who had promised answers for months, told them plainly ",
    " once the budget is approved by the council next month. She also thanked the volunteers "
    "who cleaned the banks in April.",
)
EN_B = (
    "In other news from the valley this week. According to a statement published on Tuesday "
    "afternoon, ",
    ", although the ministry has yet to sign off on the loan. The board meets again in June.",
)

FA = (
    "شورای شهر اعلام کرد که ساخت پل جدید روی رودخانه پس از دو سال تأخیر در بهار آینده به پایان "
    "می\u200cرسد و هزینه آن از بودجه استانی و کمک\u200cهای مردمی تأمین خواهد شد تا ساکنان "
    "روستاهای شمالی بتوانند بدون دور زدن کوه به بازار شهر برسند و کالاهای خود را بفروشند"
)
# the copying site typed it with an Arabic keyboard (ي, ك) and without zero-width non-joiners
FA_COPY = FA.replace("ی", "ي").replace("ک", "ك").replace("\u200c", "")
# ... or with a space where the zero-width non-joiner belongs
FA_SPACED = FA.replace("\u200c", " ")
FA_A = (
    "خبرنگاران محلی روز دوشنبه در جلسه حاضر شدند. شهردار پس از سخنان طولانی در پاسخ به "
    "پرسش\u200cهای آنان گفت ",
    " اما تاریخ دقیق افتتاح هنوز روشن نیست. او از همه شهروندان خواست صبور باشند.",
)
FA_B = (
    "به گزارش روزنامه محلی در هفته گذشته، ",
    "؛ نمایندگان مجلس نیز خواستار بررسی قرارداد شدند.",
)

AR = (
    "أعلنت وزارة الزراعة أن موسم الحصاد هذا العام سيبدأ مبكرا بسبب ارتفاع درجات الحرارة وقلة "
    "الأمطار في المناطق الجنوبية مما دفع المزارعين إلى حفر آبار جديدة وشراء مضخات تعمل بالطاقة "
    "الشمسية لري حقولهم قبل أن تجف القنوات بالكامل في منتصف الصيف"
)
# hamza dropped, taa marbuta written as haa, one word with harakat and a tatweel
AR_COPY = (
    AR.replace("أعلنت", "اعلنت")
    .replace("الزراعة", "الزراعه")
    .replace("الأمطار", "الامطار")
    .replace("جديدة", "جدیدة")
    .replace("حقولهم", "حُقُولـهم")
)
AR_A = (
    "قال مسؤولون محليون يوم الثلاثاء في مؤتمر صحفي عقد في العاصمة بعد اجتماع طويل مع ممثلي "
    "النقابات ",
    " وفق ما نقلته وكالة الأنباء الرسمية. وطالب النواب بتعويضات عاجلة للأسر المتضررة.",
)
AR_B = (
    "ذكرت الصحيفة في عددها الصادر صباح اليوم ",
    "، بينما لم يصدر أي تعليق من الحكومة حتى الآن.",
)

RU = (
    "городской совет объявил, что строительство нового моста через реку завершится весной после "
    "двух лет задержек, вызванных наводнением, спором с подрядчиком и обнаружением старых шахтных "
    "выработок под восточным берегом, которые инженерам ещё пришлось заливать бетоном"
)
RU_COPY = RU.replace("ещё", "еще").replace("Городской", "городской")
RU_A = (
    "Жители района собрались в понедельник вечером в здании школы. Глава администрации, "
    "отвечая на вопросы, сообщил им, что ",
    " до начала зимы. Он поблагодарил волонтёров, которые весной очистили берег.",
)
RU_B = (
    "Как писала газета на прошлой неделе со ссылкой на свои источники, ",
    ", но точная дата открытия пока не названа.",
)

ZH = (
    "市议会宣布横跨河流的新桥将在明年春天建成此前由于洪水与承包商的纠纷以及在东岸下方发现旧矿井"
    "工程推迟了两年工程师们不得不先用混凝土填满这些矿井"
)
ZH_A = (
    "周一晚上，居民们聚集在学校礼堂。镇长在回答问题时告诉他们",
    "然后才能架设桥面。他感谢了志愿者。",
)
ZH_B = ("据当地报纸上周报道", "但开通的具体日期尚未公布。")

IDENTICAL = [
    Planted("en", EN, EN, *EN_A, *EN_B),
    Planted("fa", FA, FA, *FA_A, *FA_B),
    Planted("ar", AR, AR, *AR_A, *AR_B),
    Planted("ru", RU, RU, *RU_A, *RU_B),
    Planted("zh", ZH, ZH, *ZH_A, *ZH_B),
]
VARIANTS = [
    Planted("fa-keyboard", FA, FA_COPY, *FA_A, *FA_B),
    Planted("fa-spaced", FA, FA_SPACED, *FA_A, *FA_B),
    Planted("ar-spelling", AR, AR_COPY, *AR_A, *AR_B),
    Planted("ru-yo", RU, RU_COPY, *RU_A, *RU_B),
]


def _edit(text: str, sep: str, edits: list[tuple[int, str | None, str | None]]) -> str:
    """Apply (word index, replacement or None to delete, word to insert before) edits."""
    words = list(text) if not sep else text.split(sep)
    for k, repl, ins in sorted(edits, key=lambda e: -e[0]):
        if repl is None:
            del words[k]
        else:
            words[k] = repl
        if ins is not None:
            words.insert(k, ins)
    return sep.join(words)


# copies edited near both ends and in the middle: the edits stay inside the span
EDITED = [
    Planted(
        "en-edited",
        EN,
        _edit(
            EN,
            " ",
            [(2, "local", None), (20, "built", "hastily"), (33, None, None), (40, "hunted", None)],
        ),
        *EN_A,
        *EN_B,
    ),
    Planted(
        "fa-edited",
        FA,
        _edit(FA_COPY, " ", [(3, "گفت", None), (25, "شهرستانی", None), (38, "بگذرند", None)]),
        *FA_A,
        *FA_B,
    ),
    Planted(
        "ar-edited",
        AR,
        _edit(AR, " ", [(2, "الفلاحة", None), (14, "الشرقية", "و"), (34, "الخريف", None)]),
        *AR_A,
        *AR_B,
    ),
    Planted(
        "ru-edited",
        RU,
        _edit(RU, " ", [(2, "сообщил,", None), (17, "судом", None), (29, "рабочим", None)]),
        *RU_A,
        *RU_B,
    ),
    Planted(
        "zh-edited",
        ZH,
        _edit(ZH, "", [(2, "政", None), (30, "北", None), (60, "沙", None)]),
        *ZH_A,
        *ZH_B,
    ),
]

ALL = IDENTICAL + VARIANTS + EDITED


def _only(ms: list[Match]) -> Match:
    assert len(ms) == 1, ms
    return ms[0]


def _spans(case: Planted, params: AlignParams) -> tuple[tuple[int, int], tuple[int, int]]:
    m = _only(align_pair(tokenize(case.a), tokenize(case.b), params))
    return (m.a_start, m.a_end), (m.b_start, m.b_end)


@pytest.mark.parametrize("case", ALL, ids=lambda c: c.name)
def test_planted_copy_has_exact_bounds_on_both_sides(case: Planted) -> None:
    a_span, b_span = _spans(case, DEFAULT)
    assert case.a[a_span[0] : a_span[1]] == case.orig
    assert case.b[b_span[0] : b_span[1]] == case.copy


@pytest.mark.parametrize("case", IDENTICAL + VARIANTS, ids=lambda c: c.name)
def test_exact_bounds_with_the_pan_settings(case: Planted) -> None:
    # the unanchored sentence pass (tuned for obfuscated copies) must not widen a verbatim copy
    a_span, b_span = _spans(case, PAN)
    assert (a_span, b_span) == (case.a_span, case.b_span)


@pytest.mark.parametrize("case", IDENTICAL, ids=lambda c: c.name)
def test_bounds_do_not_depend_on_which_text_comes_first(case: Planted) -> None:
    m = _only(align_pair(tokenize(case.b), tokenize(case.a), DEFAULT))
    assert ((m.b_start, m.b_end), (m.a_start, m.a_end)) == (case.a_span, case.b_span)


# -- a passage shared by two parts of a series -------------------------------------------------

RECAP = [
    "In the first part of this series we followed the river keepers on their night patrols along "
    "the old canal, where they record every pipe that discharges into the water",
    "Their logbooks, kept since the flood of the spring two years ago, list more than three "
    "hundred outfalls and the dates on which each one was reported to the council",
    "Most of those reports were never answered, and only a handful of the pipes have since been "
    "sealed or fitted with a meter",
]
# the second part rewrites its middle sentence: few word n-grams survive, the sentence pass
# must bridge it, and the passage keeps its full bounds
RECAP_EDITED = [
    RECAP[0],
    "Those logbooks, begun after the spring flood two years back, now record over three hundred "
    "outfalls together with the date each was first reported to the town council",
    RECAP[2],
]


def test_series_passage_is_found_with_full_bounds() -> None:
    orig = ". ".join(RECAP) + "."
    copy = ". ".join(RECAP_EDITED) + "."
    a = (
        "Who are the river keepers? Part one.\n\nThe volunteers meet every Thursday behind the "
        f"boathouse.\n\n{orig}\n\nThis week we ask who pays for the work."
    )
    b = f"The keepers and their logbooks (2/3)\n\n{copy}\n\nNow the council says it will act by May."
    for params in (DEFAULT, PAN):
        m = _only(align_pair(tokenize(a), tokenize(b), params))
        assert a[m.a_start : m.a_end] == orig[:-1]
        assert b[m.b_start : m.b_end] == copy[:-1]


def test_an_edited_edge_ends_at_the_last_matching_word() -> None:
    # the copy's last sentence was reworded (same words, new order): no word n-gram survives,
    # so only the sentence pass finds it; the span takes it up to its last shared word on each
    # side, and not the host's own words after it, which end the same sentence
    last_orig = "the contractor blamed the long delays on wet weather in March and a national shortage of steel beams"
    last_copy = "wet March weather and a nationwide shortage of beams and steel were blamed by the contractor for the long delays"
    orig = f"{RECAP[0]}. {RECAP[1]}. And {last_orig}"
    copy = f"{RECAP[0]}. {RECAP[1]}. And {last_copy}"
    a = f"The volunteers meet every Thursday behind the boathouse. {orig} ordered from abroad last year."
    b = f"The keepers and their logbooks (2/3). {copy} according to officials in the capital."
    for params in (DEFAULT, PAN):
        m = _only(align_pair(tokenize(a), tokenize(b), params))
        assert m.kind == "sentence"  # found by the sentence pass, not by word n-grams
        assert a[m.a_start : m.a_end] == orig
        assert b[m.b_start : m.b_end] == copy


# -- invariant over random texts ---------------------------------------------------------------

_SYL = {
    "latin": ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "de", "pa", "zu", "ge", "ho", "fi"],
    "cyrillic": [
        "ка",
        "ло",
        "ми",
        "не",
        "ру",
        "са",
        "ти",
        "во",
        "де",
        "па",
        "зу",
        "ге",
        "хо",
        "фи",
    ],
    "persian": ["کا", "لو", "می", "نه", "رو", "سا", "تی", "وو", "ده", "پا", "زو", "گه", "هو", "فی"],
}
_CJK = [chr(c) for c in range(0x4E00, 0x4E00 + 400)]


def _random_text(rng: random.Random, script: str, n: int) -> list[str]:
    """``n`` words of random sentences (a word may end with a full stop or a comma)."""
    if script == "cjk":
        return [rng.choice(_CJK) + ("。" if rng.random() < 0.06 else "") for _ in range(n)]
    syl = _SYL[script]
    out = []
    for _ in range(n):
        w = "".join(rng.choice(syl) for _ in range(rng.randint(1, 3)))
        r = rng.random()
        out.append(w + ("." if r < 0.08 else "," if r < 0.12 else ""))
    return out


def _shared_run(a: list[str], i: int, b: list[str], j: int, step: int) -> int:
    """Words equal on both sides next to a planted copy (they are part of the shared text)."""
    k = 0
    while 0 <= i + step * (k + 1) < len(a) and 0 <= j + step * (k + 1) < len(b):
        if a[i + step * (k + 1)].strip(".,") != b[j + step * (k + 1)].strip(".,"):
            break
        k += 1
    return k


@settings(max_examples=60, derandomize=True, database=None)
@given(
    script=st.sampled_from(["latin", "cyrillic", "persian", "cjk"]),
    seed=st.integers(0, 2**32),
    n_copy=st.integers(20, 70),
    n_a=st.integers(0, 150),
    n_b=st.integers(0, 150),
    pos_a=st.floats(0, 1),
    pos_b=st.floats(0, 1),
)
def test_identical_passage_at_random_positions_has_exact_bounds(
    script: str, seed: int, n_copy: int, n_a: int, n_b: int, pos_a: float, pos_b: float
) -> None:
    rng = random.Random(seed)
    host_a, host_b = _random_text(rng, script, n_a), _random_text(rng, script, n_b)
    passage = [w.strip(".,") for w in _random_text(rng, script, n_copy)]
    ia, ib = int(pos_a * n_a), int(pos_b * n_b)
    wa = host_a[:ia] + passage + host_a[ia:]
    wb = host_b[:ib] + passage + host_b[ib:]
    # the truth is the planted copy plus any words that happen to be equal right next to it
    lo_a = ia - _shared_run(wa, ia, wb, ib, -1)
    lo_b = ib - (ia - lo_a)
    hi_a = ia + n_copy - 1 + _shared_run(wa, ia + n_copy - 1, wb, ib + n_copy - 1, 1)
    hi_b = ib + (hi_a - ia)
    sep = "" if script == "cjk" else " "
    a, b = sep.join(wa), sep.join(wb)

    def span(words: list[str], lo: int, hi: int) -> tuple[int, int]:
        start = len(sep.join(words[:lo])) + (len(sep) if lo else 0)
        end = len(sep.join(words[: hi + 1])) - (len(words[hi]) - len(words[hi].rstrip(".,。")))
        return start, end

    m = _only(align_pair(tokenize(a), tokenize(b), DEFAULT))
    assert (m.a_start, m.a_end) == span(wa, lo_a, hi_a)
    assert (m.b_start, m.b_end) == span(wb, lo_b, hi_b)


# -- measurement ---------------------------------------------------------------------------------


def exactness(cases: list[Planted], params: AlignParams, tolerance: int = 0) -> tuple[float, float]:
    """Share of cases whose reported span is within ``tolerance`` characters of the planted one
    at both ends, on the original side and on the copying side (a missed or split copy fails)."""
    ok_a = ok_b = 0
    for case in cases:
        ms = align_pair(tokenize(case.a), tokenize(case.b), params)
        if len(ms) != 1:
            continue
        m = ms[0]
        (a0, a1), (b0, b1) = case.a_span, case.b_span
        ok_a += abs(m.a_start - a0) <= tolerance and abs(m.a_end - a1) <= tolerance
        ok_b += abs(m.b_start - b0) <= tolerance and abs(m.b_end - b1) <= tolerance
    return ok_a / len(cases), ok_b / len(cases)


if __name__ == "__main__":
    for label, params in (("default settings", DEFAULT), ("PAN settings", PAN)):
        for tol in (0, 8):
            a, b = exactness(ALL, params, tol)
            print(
                f"{label:17} within {tol} chars: original side {a:.2f}, copying side {b:.2f} ({len(ALL)} cases)"
            )
    sys.exit(0)
