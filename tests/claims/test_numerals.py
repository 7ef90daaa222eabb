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
