"""Persian, Arabic and Russian figures against the example tables beside each language file.

Each ``claims/data/numerals_<lang>.examples.tsv`` row is an invented sentence and the figures it
states (value or range, unit, qualifier). A figure counts as found when its value (or range) and
unit match; the per-language F1 must stay at or above 0.95, and the compound and scale cases
that once failed are checked one by one.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from copytrail.claims.figures import extract_figures
from copytrail.claims.figures.numerals import LANGUAGES, extract_figures_lang

Key = tuple[float | None, float | None, str | None]


def examples(lang: str) -> list[tuple[str, list[tuple[Key, str | None]]]]:
    path = resources.files("copytrail.claims").joinpath(f"data/numerals_{lang}.examples.tsv")
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, expected = line.split("\t")
        rows.append((sentence, [] if expected.strip() == "-" else parse(expected)))
    return rows


def parse(expected: str) -> list[tuple[Key, str | None]]:
    out = []
    for item in expected.split(";"):
        qualifier = None
        if "~" in item:
            item, qualifier = item.split("~")
            qualifier = qualifier.strip()
        parts = item.split()
        low, _, high = parts[0].partition("..")
        key = (float(low), float(high or low), parts[1] if len(parts) > 1 else None)
        out.append((key, qualifier))
    return out


def found(sentence: str, lang: str) -> list[tuple[Key, str]]:
    """(value or range, unit) and qualifier of each figure read; a qualified figure is its value."""
    out = []
    for f in extract_figures_lang(sentence, lang):
        key: Key = (f.value, f.value, f.unit)
        if f.low is not None and f.high is not None and f.low != f.high:
            key = (f.low, f.high, f.unit)
        out.append((key, f.qualifier))
    return out


def score(lang: str) -> tuple[float, list[str]]:
    tp = fp = fn = 0
    misses = []
    for sentence, gold in examples(lang):
        want = Counter(k for k, _ in gold)
        got = Counter(k for k, _ in found(sentence, lang))
        hit = sum((want & got).values())
        tp, fp, fn = tp + hit, fp + sum(got.values()) - hit, fn + sum(want.values()) - hit
        quals_ok = all(q is None or (k, q) in found(sentence, lang) for k, q in gold)
        if want != got or not quals_ok:
            misses.append(f"{sentence}: want {gold}, got {found(sentence, lang)}")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return (2 * p * r / (p + r) if p + r else 0.0), misses


@pytest.mark.parametrize("lang", LANGUAGES)
def test_example_table_has_at_least_100_sentences(lang: str) -> None:
    assert len(examples(lang)) >= 100


@pytest.mark.parametrize("lang", LANGUAGES)
def test_figure_f1_on_invented_sentences(lang: str) -> None:
    f1, misses = score(lang)
    assert f1 >= 0.95, f"{lang} F1 {f1:.3f}; misses:\n" + "\n".join(misses)


@pytest.mark.parametrize(
    ("lang", "sentence", "value", "unit"),
    [
        ("fa", "۶ هزار و ۱۲۷ نفر", 6127.0, None),
        ("fa", "6 هزار و 127 نفر", 6127.0, None),
        ("ar", "4 ميليون و 890 ألف شخص", 4890000.0, None),
        ("fa", "4 ميليون و 890 هزار نفر", 4890000.0, None),
        ("ar", "بلغت الصادرات 3 ميليارد دولار", 3e9, "USD"),
        ("ar", "بلغت الصادرات 3 مليارات دولار", 3e9, "USD"),
        ("ru", "120 миллионов рублей", 120e6, "RUB"),
        ("ru", "1,5 млрд долларов", 1.5e9, "USD"),
        ("fa", "۲۰ هزار ریال", 20000.0, "IRR"),
        ("fa", "۵۰۰ هزار تومان", 500000.0, "IRT"),
        ("ar", "مليون دينار", 1e6, "IQD"),
        # a larger scale after a smaller one scales the whole number
        ("fa", "۲ هزار و ۵۰۰ میلیارد تومان", 2.5e12, "IRT"),
        ("ar", "2 مليار و500 مليون دولار", 2.5e9, "USD"),
        ("ru", "2 трлн 300 млрд рублей", 2.3e12, "RUB"),
        ("fa", "۸ هزار هزار میلیارد ریال", 8e15, "IRR"),
        # halves, in words and after a scale
        ("fa", "یک و نیم میلیون نفر", 1.5e6, None),
        ("fa", "نیم میلیون تن", 5e5, "t"),
        ("ar", "مليون ونصف المليون دينار", 1.5e6, "IQD"),
        # the Arabic-letter spellings of Persian scale words
        ("fa", "۴۲ ميليون تومان", 42e6, "IRT"),
        ("fa", "۸۰۰ ميليارد تومان", 8e11, "IRT"),
    ],
)
def test_compound_numbers_scale_words_and_currencies(
    lang: str, sentence: str, value: float, unit: str | None
) -> None:
    figs = extract_figures_lang(sentence, lang)
    assert [(f.value, f.unit) for f in figs] == [(value, unit)]


def test_offsets_point_into_the_original_text() -> None:
    text = "گزارش: بیش از ۶ هزار و ۱۲۷ نفر آسیب دیدند و ۲۰٪ خانه‌ها ویران شد."
    for f in extract_figures_lang(text, "fa"):
        assert text[f.start : f.end] == f.text
        assert f.sentence_start <= f.start < f.end <= f.sentence_end


def test_extract_figures_routes_by_language() -> None:
    text = "Бюджет составил 120 миллионов рублей."
    assert [f.value for f in extract_figures(text, language="ru")] == [120e6]
    assert [f.value for f in extract_figures("It cost 120 million roubles.", language="en")] == [
        120e6
    ]


@pytest.mark.parametrize(
    ("lang", "sentence", "low", "high", "unit"),
    [
        ("fa", "ده‌ها میلیون دلار", 1e7, 1e8, "USD"),
        ("fa", "ده ها هزار نفر", 1e4, 1e5, None),
        ("fa", "بین ۲ و ۳ میلیون نفر", 2e6, 3e6, None),
        ("ar", "بين 10 و20 بالمئة", 10.0, 20.0, "%"),
        ("ar", "عشرات الآلاف", 1e4, 1e5, None),
        ("ru", "десятки тысяч человек", 1e4, 1e5, None),
    ],
)
def test_vague_amounts_and_ranges_take_the_scale_after_them(
    lang: str, sentence: str, low: float, high: float, unit: str | None
) -> None:
    figs = extract_figures_lang(sentence, lang)
    assert [(f.low, f.high, f.unit) for f in figs] == [(low, high, unit)]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("fa", "در سال‌های ۱۳۹۷ و ۱۳۹۸ رکود بود."),  # years, also after "and"
        ("fa", "در سال ۲۰۲۴ میلادی"),  # the Gregorian span in Persian text
        ("fa", "نشست در تاریخ ۱۴۰۳/۰۷/۱۵ و ۱۴۰۳-۰۷-۱۵ برگزار شد."),  # dates
        ("fa", "جلسه ساعت ۸ صبح شروع شد."),  # a time of day
        ("fa", "این تیم در رتبه ۱۲م و قرن بیست و یکم است."),  # ordinals, digits and words
        ("fa", "قطعنامه ۲۲۳۱ و ماده ۱۲ قانون"),  # labels
        ("ar", "صدر القرار 2231 وبدأ الاجتماع الساعة 10 صباحا."),
        ("ru", "Согласно статье 228 заседание начнется в 10 утра."),
    ],
)
def test_years_dates_times_ordinals_and_labels_are_not_amounts(lang: str, sentence: str) -> None:
    assert extract_figures_lang(sentence, lang) == []


def test_a_qualified_number_in_the_year_span_is_a_count() -> None:
    figs = extract_figures_lang("بیش از ۱۴۰۰ نفر به بیمارستان رفتند.", "fa")
    assert [(f.value, f.qualifier) for f in figs] == [(1400.0, "more than")]


@pytest.mark.parametrize(
    ("lang", "sentence", "want"),
    [
        # an ambiguous number word before a counter is a count
        ("fa", "دو نفر در این تصادف جان باختند.", [(2.0, 2.0, None)]),
        # range words are folded like every key: "إلى" and "الى" are one word
        ("ar", "يتراوح عدد الحضور من 200 إلى 300 شخص.", [(200.0, 300.0, None)]),
        # a currency named with its country
        ("ar", "بلغت الخسائر 300 مليون ريال إيراني.", [(3e8, 3e8, "IRR")]),
        ("ru", "Кредит составил 500 млн белорусских рублей.", [(5e8, 5e8, "BYN")]),
        ("fa", "بدهی ۱۱ میلیارد دلار آمریکا است.", [(1.1e10, 1.1e10, "USD")]),
        # collective numbers and factors
        (
            "ru",
            "Пострадали пятеро детей, цены выросли втрое.",
            [(5.0, 5.0, None), (3.0, 3.0, None)],
        ),
        # a year without its century after "سال", but not before a unit
        (
            "fa",
            "این شرکت در سال ۹۸ تأسیس شد و در یک سال ۴۰ درصد رشد کرد.",
            [(1.0, 1.0, "year"), (40.0, 40.0, "%")],
        ),
        # an adjective made of a time unit: "۱۰ ساله"
        ("fa", "قرارداد ۱۰ ساله امضا شد.", [(10.0, 10.0, "year")]),
    ],
)
def test_counts_ranges_currencies_and_short_years(
    lang: str, sentence: str, want: list[tuple[float, float, str | None]]
) -> None:
    got = [
        (f.low if f.low is not None else f.value, f.high, f.unit)
        for f in extract_figures_lang(sentence, lang)
    ]
    assert got == want


def test_arabic_duals_changes_and_units_after_of() -> None:
    def read(text: str) -> list[tuple[float | None, float | None, str | None]]:
        return [(f.low, f.high, f.unit) for f in extract_figures_lang(text, "ar")]

    assert read("أغلق المطار لمدة أسبوعين.") == [(2.0, 2.0, "week")]
    # after a verb of change, "من X إلى Y" is two values, and the unit is both's
    assert read("انخفضت البطالة من 12 إلى 10 بالمئة.") == [(12.0, 12.0, "%"), (10.0, 10.0, "%")]
    assert read("يتراوح السعر من 500 إلى 750 ليرة.") == [(500.0, 750.0, "LBP")]
    assert read("خسرت الشركة ملايين من الدولارات.") == [(1e6, 1e7, "USD")]
    assert read("تبلغ مساحة المزرعة 50 هكتارا.") == [(50.0, 50.0, "ha")]
