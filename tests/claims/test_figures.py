"""Figures (quantities) in news text: values, units, qualifiers, counted nouns, non-quantities.

All sentences are written for these tests in the style of wire copy.
"""

from __future__ import annotations

import doctest
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copytrail.claims import figures
from copytrail.claims.figures import (
    Figure,
    ages,
    amounts,
    codes,
    context,
    counted,
    extract,
    extract_figures,
    lemma,
    mentions,
    nonquantities,
    numbers,
    numerals,
    patterns,
    qualifiers,
    scores,
    units,
    wordlists,
)


def one(text: str) -> Figure:
    found = extract_figures(text)
    assert len(found) == 1, [(f.text, f.value) for f in found]
    return found[0]


def values(text: str) -> list[float]:
    return [f.value for f in extract_figures(text)]


def test_doctests() -> None:
    modules = [figures, ages, amounts, codes, context, counted, extract, mentions, nonquantities]
    modules += [numbers, numerals, patterns, qualifiers, scores, units, wordlists]
    for module in modules:
        assert doctest.testmod(module).failed == 0


# --------------------------------------------------------------------------- separators
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Police said 1,200 people attended.", 1200),
        ("Die Polizei zählte 1.200 Menschen.", 1200),
        ("Organisers counted 1 200 protesters.", 1200),
        ("The fee is 1'200 francs.", 1200),
        ("Turnout was 1.5 times higher.", 1.5),
        ("The index closed at 27,349.19.", 27349.19),
        ("Die Schulden betragen 1.234.567,89 Euro.", 1234567.89),
    ],
)
def test_separators(text: str, value: float) -> None:
    assert values(text)[0] == pytest.approx(value)


def test_dot_group_is_decimal_in_english_text() -> None:
    # The text writes "0.5" and "1,200", so "96.088" is a decimal, not 96088.
    text = "The dollar index rose 0.5% to 96.088 while 1,200 traders watched."
    assert values(text) == pytest.approx([0.5, 96.088, 1200])


def test_arabic_and_persian_digits() -> None:
    f = one("Police counted ١٢٣ protesters.")
    assert (f.value, f.text, f.counted) == (123, "١٢٣", "protester")
    f = one("The ministry reported ۱۲۰۰ arrests.")
    assert (f.value, f.counted) == (1200, "arrest")
    f = one("Inflation reached ٣٫٥%.")
    assert (f.value, f.unit) == (3.5, "%")


# --------------------------------------------------------------------------- number words
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("A hundred and twenty thousand people marched.", 120000),
        ("Thirty-thousand workers walked out.", 30000),
        ("Half a million refugees crossed the border.", 500000),
        ("Two million doses arrived.", 2e6),
        ("The town has one million residents.", 1e6),
        ("Eleven activists were detained.", 11),
        ("It took two and a half years.", 2.5),
        ("About 1.5 million viewers watched.", 1.5e6),
        ("There were 4 hundred people.", 400),
    ],
)
def test_number_words(text: str, value: float) -> None:
    assert values(text)[0] == pytest.approx(value)


def test_one_as_number_and_as_pronoun() -> None:
    assert values("One proposal asks the board to stop.") == [1]
    assert values("She is one of the people responsible.") == [1]
    assert values("Each one was checked, and the one who lied was fired.") == []
    assert values("He got his hands on one in the end.") == []


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Tens of thousands of people rallied.", 10000, 100000),
        ("Hundreds of classrooms closed.", 100, 1000),
        ("Dozens of activists were arrested.", 12, 120),
        ("Thousands of job cuts followed.", 1000, 10000),
        ("Millions of Americans were affected.", 1e6, 1e7),
        ("Several hundred soldiers arrived.", 300, 900),
    ],
)
def test_vague_quantities(text: str, low: float, high: float) -> None:
    f = one(text)
    assert (f.low, f.high, f.qualifier) == (low, high, "vague")
    assert f.value == low


def test_vague_counted_and_currency() -> None:
    assert one("Dozens of activists were arrested.").counted == "activist"
    f = one("Stamp duty adds tens of thousands of dollars to a home.")
    assert (f.unit, f.low, f.high) == ("$", 10000, 100000)


# --------------------------------------------------------------------------- units
@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Support fell to 40 percent.", 40, "%"),
        ("Support fell to 40%.", 40, "%"),
        ("Support fell to 40 per cent.", 40, "%"),
        ("Damage topped $2bn.", 2e9, "$"),
        ("The deal is worth US$1.1 million.", 1.1e6, "USD"),
        ("It sold for £6m.", 6e6, "GBP"),
        ("It sold for PS6m.", 6e6, "GBP"),  # £ after ASCII transliteration
        ("Shares were priced at €12.50.", 12.5, "EUR"),
        ("The notebook cost 1,200€.", 1200, "EUR"),
        ("Profit reached 333.6 million yen.", 333.6e6, "JPY"),
        ("Profit reached Y=100 million.", 1e8, "JPY"),
        ("The plan costs RM79 a month.", 79, "MYR/month"),
        ("Revenue was HK$3.7 billion.", 3.7e9, "HKD"),
        ("The convoy drove 30 km.", 30, "km"),
        ("The wall is 2.5 metres high.", 2.5, "m"),
        ("The tuna weighed 278kg.", 278, "kg"),
        ("Winds reached 155mph.", 155, "mph"),
        ("The car makes 536 hp.", 536, "hp"),
        ("A 6.1-inch display.", 6.1, "in"),
        ("The phone has 256GB of storage.", 256, "GB"),
        ("It will cut output by 800,000 barrels a day.", 800000, "bbl/day"),
        ("Prices average $1,100 per square foot.", 1100, "$/ft²"),
        ("The rate rose 25 basis points.", 25, "bp"),
        ("Temperatures hit 40 degrees Celsius.", 40, "°C"),
        ("Networks moved to 5G quickly.", 5, "G"),
        ("The talks lasted three hours.", 3, "h"),
    ],
)
def test_units(text: str, value: float, unit: str) -> None:
    f = one(text)
    assert f.value == pytest.approx(value)
    assert f.unit == unit


def test_metres_versus_million() -> None:
    assert one("The skeleton is 37m long.").unit == "m"
    f = one("The film sold 2.7m copies.")
    assert (f.value, f.unit, f.counted) == (2.7e6, None, "copy")
    assert one("It raised 12.3m tonnes of fuel.").value == pytest.approx(12.3e6)


def test_scientific_and_fractions() -> None:
    assert one("The mass is 1.99×10^30 kilograms.").value == pytest.approx(1.99e30)
    f = one("It is 1/16 of a pint.")
    assert (f.value, f.unit) == (0.0625, "pint")
    f = one("Two-thirds of voters backed the plan.")
    assert f.value == pytest.approx(2 / 3) and f.counted == "voter"
    f = one("One in five Americans owns a gun.")
    assert f.value == pytest.approx(0.2) and f.counted == "American"
    assert one("The trail is 2½ miles long.").value == 2.5
    assert one("A third of those screened were obese.").value == pytest.approx(1 / 3)


def test_negative_values() -> None:
    assert one("Total offense was -5 yards.").value == -5
    assert one("Total offense was minus-5 yards.").value == -5
    assert one("The balance fell to $-50.8bn.").value == pytest.approx(-50.8e9)


# --------------------------------------------------------------------------- ranges, qualifiers
@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Growth is forecast at between 5 and 7 per cent.", 5, 7, "%"),
        ("Guidance was cut to $89 to $93 billion.", 89e9, 93e9, "$"),
        ("Prices range from $800,000 to $1.3 million.", 800000, 1.3e6, "$"),
        ("The laser uses 5-10W.", 5, 10, "W"),
        ("Over the past three or four years it grew.", 3, 4, "year"),
        ("Temperatures dropped by 1 to 1.5 degrees Celsius.", 1, 1.5, "°C"),
        ("Between $62 and $68 per share.", 62, 68, "$/share"),
        ("There are four to five thousand people.", 4000, 5000, None),
    ],
)
def test_ranges(text: str, low: float, high: float, unit: str | None) -> None:
    f = one(text)
    assert (f.qualifier, f.low, f.high, f.unit) == ("range", low, high, unit)
    assert f.value == low


def test_change_and_new_level_are_two_figures() -> None:
    found = extract_figures("The deficit increased by $43.6 billion to $419.2 billion.")
    assert [f.value for f in found] == pytest.approx([43.6e9, 419.2e9])
    assert found[0].change == "up" and found[1].change is None


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high"),
    [
        ("OHSU performed more than 700 heart transplants.", "more than", 700, None),
        ("The plant will hire up to 400 people.", "up to", None, 400),
        ("Winds of at least 74 mph are expected.", "at least", 74, None),
        ("Shares are up nearly 57% this year.", "approximately", 57, 57),
        ("It charges in fewer than 20 minutes.", "less than", None, 20),
        ("It makes just under 296 hp.", "less than", None, 296),
        ("Chipmakers target sub-7 nanometer chips.", "less than", None, 7),
        ("Roughly 1,300 meters of bridge remain.", "approximately", 1300, 1300),
        ("The loan is exactly 5,000 dollars.", "exact", 5000, 5000),
    ],
)
def test_qualifiers(text: str, qualifier: str, low: float | None, high: float | None) -> None:
    f = one(text)
    assert (f.qualifier, f.low, f.high) == (qualifier, low, high)
    assert f.text.lower().startswith(text[f.start : f.start + 3].lower())


def test_qualifier_is_part_of_the_mention() -> None:
    text = "OHSU performed more than 700 heart transplants."
    f = one(text)
    assert f.text == "more than 700" and text[f.start : f.end] == f.text


# --------------------------------------------------------------------------- counted
@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Ford has 13,000 workers in Britain.", "worker"),
        ("A survey of seven European countries found bias.", "European country"),
        ("Gunmen attacked two mosques in the city.", "mosque"),
        ("Some 100 women signed the letter.", "woman"),
        ("Letters from 45 members of Congress arrived.", "member of Congress"),
        ("The trial starts with 1,100 public housing properties.", "public housing property"),
        ("Nick Cave played 26 songs.", "song"),
        ("The lab studied two viruses that infect bees.", "virus"),
        ("The cuts hit 60 classrooms.", "classroom"),
        ("Three thousand tests per day are needed.", "test per day"),
    ],
)
def test_counted(text: str, counted: str) -> None:
    f = one(text)
    assert f.counted == counted
    assert f.unit is None


def test_lemma() -> None:
    assert [lemma(w) for w in ["activists", "properties", "launches", "children", "fishermen"]] == [
        "activist", "property", "launch", "child", "fisherman",
    ]  # fmt: skip
    assert lemma("bus") == "bus" and lemma("class") == "class"


# --------------------------------------------------------------------------- change
@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("Vectura shares rose 6.5%.", "up"),
        ("The DAX fell 0.4 per cent.", "down"),
        ("The bear case sees a 19% drop.", "down"),
        ("Exports jumped by 12% in March.", "up"),
        ("The index was down 2.1%.", "down"),
        ("The company employs 600 people.", None),
    ],
)
def test_change(text: str, change: str | None) -> None:
    assert extract_figures(text)[0].change == change


# --------------------------------------------------------------------------- non-quantities
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The law was passed in 2019.", "year"),
        ("Prices rose in the 1990s.", "year"),
        ("The 2014-15 season was poor.", "year"),
        ("The vote is on March 3.", "date"),
        ("The vote is on 3 March 2020.", "date"),
        ("Published 2019-09-01T10:38:07Z.", "date"),
        ("Polls close at 5 p.m.", "time"),
        ("The meeting starts at 10:30.", "time"),
        ("They celebrated the 55th anniversary.", "ordinal"),
        ("It was the third attempt.", "ordinal"),
        ("Read Part 12 of the series.", "part"),
        ("Call +44 20 7946 0958 for details.", "phone"),
        ("Call (555) 123-4567 for details.", "phone"),
        ("The iPhone 11 sold well.", "code"),
        ("The S&P 500 closed higher.", "code"),
        ("See https://example.com/2019/page-55 for more.", "code"),
        ("He lives at 575 Wilbraham Road now.", "address"),
    ],
)
def test_non_quantities_are_skipped_and_labelled(text: str, kind: str) -> None:
    assert extract_figures(text) == []
    found = extract_figures(text, include_non_quantities=True)
    assert [f.kind for f in found] == [kind], [(f.text, f.kind) for f in found]
    for f in found:
        assert text[f.start : f.end] == f.text


def test_list_numbering() -> None:
    text = "Demands:\n1. Free the 12 detainees\n2. Open the border"
    assert [(f.text, f.value) for f in extract_figures(text)] == [("12", 12)]
    kinds = [f.kind for f in extract_figures(text, include_non_quantities=True)]
    assert kinds == ["list-number", "quantity", "list-number"]


def test_quantity_next_to_year() -> None:
    found = extract_figures("Sales rose 60% in 2018 to 3.9 million headsets.")
    assert [(f.value, f.unit, f.counted) for f in found] == [
        (60, "%", None), (3.9e6, None, "headset"),
    ]  # fmt: skip
    assert values("An average of 1500 was paid.") == [1500]
    assert values("The firm added 2000 jobs.") == [2000]


# --------------------------------------------------------------------------- ages
def test_ages() -> None:
    f = one("Maddon, 66, has lost weight.")
    assert (f.value, f.unit, f.counted) == (66, "year", "age")
    f = one("A 50-year-old man was arrested.")
    assert (f.value, f.unit, f.counted, f.text) == (50, "year", "age", "50-year-old")


# --------------------------------------------------------------------------- realistic text
NEWS = (
    "More than 6 million homes, including 1.5 million in the Los Angeles region, could lose "
    "power from 9:01 p.m. on Monday, the utility said.\n\n"
    "Dell is eliminating about 6,650 roles, or about 5% of its workforce, according to a "
    "filing on Feb. 6, 2023. The company had 133,000 employees in 2022.\n\n"
    "Dozens of people were killed on Friday in shootings at two mosques in Christchurch; "
    "the gunman, 28, was arrested within 36 minutes."
)


def test_realistic_news() -> None:
    found = extract_figures(NEWS)
    got = [(f.text, f.value, f.unit, f.counted, f.qualifier) for f in found]
    assert got == [
        ("More than 6 million", 6e6, None, "home", "more than"),
        ("1.5 million", 1.5e6, None, "home", "exact"),  # "including 1.5 million" [homes]
        ("about 6,650", 6650, None, "role", "approximately"),
        ("about 5%", 5, "%", "workforce", "approximately"),
        ("133,000", 133000, None, "employee", "exact"),
        ("Dozens", 12, None, "people", "vague"),
        ("two", 2, None, "mosque", "exact"),
        ("28", 28, "year", "age", "exact"),
        ("36 minutes", 36, "min", None, "exact"),
    ]
    second = NEWS.index("Dell")
    dell = found[2]
    assert dell.sentence_start == second
    assert NEWS[dell.sentence_start : dell.sentence_end].endswith("2023.")


def test_sentence_bounds_contain_figures() -> None:
    for f in extract_figures(NEWS):
        assert f.sentence_start <= f.start < f.end <= f.sentence_end


# --------------------------------------------------------------------------- properties
_PIECES = list("0123456789 ,.-–/%$€£:'aAbmkKst") + ["\n\n", "\n \n", "over ", "Between ",
    "١", "۵", "½", "×10", " million", " to ", " of ", " between ", "-year-old", " per cent",
    "one", "thousand", "Part ", "\n1. ", "US$", "PS", " March ", "p.m.", "iPhone ",
]  # fmt: skip
_NUMBERISH = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), _NUMBERISH))
def test_offsets_map_back_and_nothing_crashes(text: str) -> None:
    for include in (False, True):
        found = extract_figures(text, include_non_quantities=include)
        for a, b in zip(found, found[1:], strict=False):
            assert a.end <= b.start  # in order, never overlapping
        for f in found:
            assert 0 <= f.start < f.end <= len(text)
            assert f.sentence_start <= f.start and f.end <= f.sentence_end <= len(text)
            # A paragraph break ends every sentence, so no figure or sentence holds one.
            assert not re.search(r"\n\s*\n", text[f.sentence_start : f.sentence_end])
            assert text[f.start : f.end] == f.text
            assert f.qualifier in figures.QUALIFIERS
            assert f.kind == "quantity" or f.kind in figures.NON_QUANTITY_KINDS
            if not include:
                assert f.kind == "quantity"


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["people", "km", "%", "dollars"]))
def test_any_grouped_integer_reads_back(n: int, unit: str) -> None:
    text = f"They reported {n:,} {unit} yesterday."
    found = extract_figures(text)
    assert found and found[0].value == n


def test_deterministic() -> None:
    assert extract_figures(NEWS) == extract_figures(NEWS)


# --------------------------------------------------------------------------- more conventions
def test_arabic_and_persian_units_and_scales() -> None:
    found = extract_figures("بلغ عدد القتلى ٣ ملايين شخص و ٢٠٪ من السكان")
    assert [(f.value, f.unit) for f in found] == [(3e6, None), (20, "%")]
    f = one("۴۵ درصد از مردم رای دادند")
    assert (f.value, f.unit, f.text) == (45, "%", "۴۵ درصد")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Emissions must reach net zero by 2050.", []),
        ("Zero deaths were reported.", [0]),
        ("Trump won 306 electoral votes to Clinton's 232.", [306, 232]),
        ("Version 2.3.1 fixed 14 bugs.", [14]),
        ("The margin of error is plus or minus 3 points.", [3]),
        ("Rs 5 lakh was seized.", [500000]),
        ("It grows almost five percent a year.", [5]),
    ],
)
def test_more_conventions(text: str, expected: list[float]) -> None:
    assert values(text) == expected


def test_rates_and_short_units_keep_case() -> None:
    assert one("It grows almost five percent a year.").unit == "%/year"
    assert one("Torque is 450 Nm.").unit == "N·m"
    assert one("Features are 7 nm wide.").unit == "nm"
    assert one("The charger delivers 5 W.").unit == "W"


@pytest.mark.parametrize(
    ("text", "unit", "counted"),
    [
        ("The plant leaked around 1.5 million litres of untreated water.", "l", "untreated water"),
        ("The district faces a $2.3 million budget gap.", "$", "budget gap"),
        ("It is worth nearly 70kg of gold.", "kg", "gold"),
        ("Prices rose $6 (US$4.46) per share.", "$", None),
    ],
)
def test_counted_after_a_unit(text: str, unit: str, counted: str | None) -> None:
    f = extract_figures(text)[0]
    assert (f.unit, f.counted) == (unit, counted)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One and a half million people voted.", [1.5e6]),
        ("A quarter of a million people fled.", [250000]),
        ("It took two-and-a-half years.", [2.5]),
        ("The hike took 3 ½ hours.", [3.5]),
        ("It offers four-, five- and six-cylinder engines.", [4, 5, 6]),
        ("The novel Nineteen Eighty-Four was banned.", []),
        ("The temple was built between A.D. 1000 and 1260.", []),
    ],
)
def test_spoken_forms(text: str, expected: list[float]) -> None:
    assert values(text) == pytest.approx(expected)


def test_change_nouns() -> None:
    assert extract_figures("An increase of 5% in prices.")[0].change == "up"
    assert extract_figures("They reported a loss of $5m.")[0].change == "down"


def test_scale_word_needs_a_number() -> None:
    assert values("A million and a half people came.") == [1.5e6]
    assert values("The trail is 2½ million steps.") == [2.5e6]
    # "million" after something that is not a quantity is not a figure by itself.
    assert values("The 12th million visitor arrived.") == []
    assert values("It is a million dollar house.") == [1e6]


def test_factors_and_k() -> None:
    f = one("Sales grew 3x last year.")
    assert (f.value, f.counted) == (3, "time")
    assert one("25K runners took part.").value == 25000
    assert extract_figures("a 4K TV") == []


# --------------------------------------------------------------------------- compound adjectives
@pytest.mark.parametrize(
    "text",
    [
        "He signed a five-year contract with the club.",
        "The 10-year Treasury yield climbed.",
        "Lawmakers approved a two-month extension.",
        "She works a 40-hour week.",
    ],
)
def test_duration_before_a_noun_is_a_modifier(text: str) -> None:
    assert extract_figures(text) == []
    kinds = [f.kind for f in extract_figures(text, include_non_quantities=True)]
    assert kinds == ["modifier"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The contract runs for five years.", [5]),
        ("A five-year-old girl was found.", [5]),  # an age, not a modifier
        ("A five-year, $70m deal was agreed.", [5, 7e7]),  # coordinated adjectives measure
        ("The plant makes 52,000 barrel-a-day of fuel.", [52000]),
        ("It took 10-years to finish.", [10]),
        ("A 3.5-liter engine and a 185-hp motor.", [3.5, 185]),
    ],
)
def test_durations_that_stay_figures(text: str, expected: list[float]) -> None:
    assert values(text) == pytest.approx(expected)


# --------------------------------------------------------------------------- numbers after names
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In Gaza 32 died on Tuesday.", [32]),
        ("Police in London 40 arrested overnight.", [40]),
        ("In Ohio 12 were hurt and 3 remain missing.", [12, 3]),
        ("The iPhone 11 has a glass back.", []),
        ("The Galaxy 20 launched in March.", []),
        ("Arsenal led Spurs 2-1 at the break.", [1]),
        ("The Senate voted 52-48 to confirm him.", [48]),
        ("United face Chelsea 2 weeks from now.", [2]),
    ],
)
def test_count_after_a_capitalised_name(text: str, expected: list[float]) -> None:
    assert values(text) == pytest.approx(expected)


def test_scores_are_one_pair() -> None:
    # A final score is one pair, and a result rather than an amount (kind "score").
    assert extract_figures("Arsenal beat Spurs 2-1 on Sunday.") == []
    f = extract_figures("Arsenal beat Spurs 2-1 on Sunday.", include_non_quantities=True)[0]
    assert (f.text, f.low, f.high, f.kind) == ("2-1", 1, 2, "score")
    bears = extract_figures("The Bears lost 24-9 on Sunday.", include_non_quantities=True)
    assert [f.kind for f in bears] == ["score"]


def test_verbs_are_not_counted_nouns() -> None:
    assert one("Officials said 15 remain missing.").counted is None
    assert one("In Kyiv 3 were killed overnight.").counted is None
    assert one("Rescuers found 15 survivors.").counted == "survivor"


# --------------------------------------------------------------------------- pounds and m
@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("He paid 500 pounds for the ticket.", 500, "GBP"),
        ("The firm was fined 2.5 million pounds.", 2.5e6, "GBP"),
        ("Britain will spend 3 billion pounds on defence.", 3e9, "GBP"),
        ("The boxer weighs 200 pounds.", 200, "lb"),
        ("He lost 40 pounds on a strict diet.", 40, "lb"),
        ("Fishermen landed 300 pounds of cod.", 300, "lb"),
        ("They recalled 2 million pounds of beef.", 2e6, "lb"),
        ("The bag holds 20 pounds.", 20, "lb"),
    ],
)
def test_pounds_sterling_or_weight(text: str, value: float, unit: str) -> None:
    f = one(text)
    assert (f.value, f.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The club spent 30m on new players.", 3e7, None),
        ("The deal is worth 4.5m a year.", 4.5e6, None),
        ("The tower is 300m tall.", 300, "m"),
        ("She won the 400m in 49 seconds and the prize money.", 400, "m"),
        ("The wreck lies 40m below the surface.", 40, "m"),
    ],
)
def test_m_is_million_with_money_else_metres(text: str, value: float, unit: str | None) -> None:
    f = extract_figures(text)[0]
    assert (f.value, f.unit) == (pytest.approx(value), unit)


def test_age_bracket_of_a_group_is_a_modifier() -> None:
    assert values("It says 60 per cent of men aged 18 to 34 bet on sport.") == [60]
    found = extract_figures("Women aged 25-54 were surveyed.", include_non_quantities=True)
    assert [(f.text, f.kind, f.counted) for f in found] == [("25-54", "modifier", "age")]
    f = one("A man aged 45 was arrested.")
    assert (f.value, f.unit, f.counted, f.kind) == (45, "year", "age", "quantity")
    assert one("Children under the age of 5 years died.").counted == "age"


def test_index_level_after_a_move_in_points_is_in_points() -> None:
    found = extract_figures("The S&P 500 rose 64.06 points to 4,577.10. Sales went to 500.")
    assert [(f.value, f.unit) for f in found] == [(64.06, "point"), (4577.10, "point"), (500, None)]


def test_age_after_a_name_without_commas() -> None:
    f = extract_figures("Astronaut Nick Hague 44 has spent 200 days in space.")[0]
    assert (f.text, f.unit, f.counted) == ("44", "year", "age")
    assert one("Jamie Armstrong 25 said she left.").counted == "age"
    assert values("The Apple Watch 7 has a bigger screen.") == []  # one digit: a model
    assert values("Windows Server 2019 has a flaw.") == []  # a year, not an age


def test_factor_is_not_the_low_end_of_a_range() -> None:
    found = extract_figures("Revenue grew more than sixfold to HK$3.7 billion last year.")
    assert [(f.value, f.qualifier, f.unit) for f in found] == [
        (6, "more than", None),
        (3.7e9, "exact", "HKD"),
    ]


def test_from_a_up_to_b_is_a_range() -> None:
    f = one("Flats range from 450 sq ft up to 900 sq ft.")
    assert (f.low, f.high, f.qualifier) == (450, 900, "range")
    assert [f.qualifier for f in extract_figures("Sales rose 3% and up to 5 stores closed.")] == [
        "exact",
        "up to",
    ]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Spending hit Rs. 2.5 lakh crore this year.", 2.5e12, "INR"),
        ("Rs 50,000 crore was set aside.", 5e11, "INR"),
        ("It cost a thousand million pounds.", 1e9, "GBP"),
        ("It costs 5 million dollars.", 5e6, "$"),
    ],
)
def test_stacked_scale_words(text: str, value: float, unit: str) -> None:
    f = one(text)
    assert (f.value, f.unit) == (pytest.approx(value), unit)


def test_worth_ends_the_counted_noun() -> None:
    found = extract_figures("Police seized 1.2 tonnes of cocaine worth £100m.")
    assert [(f.value, f.unit, f.counted) for f in found] == [
        (1.2, "t", "cocaine"),
        (1e8, "GBP", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It will cost £4.5bn over 10 years.", [("£4.5bn", "exact"), ("10 years", "exact")]),
        ("Prices rose 20% over five years.", [("20%", "exact"), ("five years", "exact")]),
        ("He has worked there for over 10 years.", [("over 10 years", "more than")]),
        ("The war has killed over 10,000 people.", [("over 10,000", "more than")]),
    ],
)
def test_over_a_period_is_a_span_not_more_than(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.text, f.qualifier) for f in extract_figures(text)] == expected


def test_a_year_does_not_end_a_range() -> None:
    assert [f.text for f in extract_figures("Sales grew for 3 years to 2020.")] == ["3 years"]
    f = one("Hiring went from 1000 to 2000 hires.")
    assert (f.low, f.high) == (1000, 2000)


@pytest.mark.parametrize(
    "text",
    [
        "Formula 1 returns to Las Vegas.",
        "Windows 10 support ends soon.",
        "Interstate 95 was closed.",
        "Room 101 is on floor 3.",
        "Ligue 1 leaders lost.",
    ],
)
def test_names_with_numbers_are_not_counts(text: str) -> None:
    assert extract_figures(text) == []


def test_adverb_at_sentence_start_leaves_a_count() -> None:
    assert values("Yesterday 300 people marched.") == [300]
    assert [(f.value, f.counted) for f in extract_figures("In Gaza 1 died.")] == [(1, None)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Turnover hit Dh1.2bn last year.", 1.2e9, "AED"),
        ("The chipmaker earned KRW 5bn.", 5e9, "KRW"),
        ("The budget is 3.2 trillion won.", 3.2e12, "KRW"),
        ("Exports reached NT$300m.", 3e8, "TWD"),
        ("Sales were SEK 4.5 billion.", 4.5e9, "SEK"),
    ],
)
def test_more_currencies(text: str, value: float, unit: str) -> None:
    f = one(text)
    assert (f.value, f.unit) == (pytest.approx(value), unit)


def test_won_after_a_count_is_a_verb() -> None:
    assert [(f.value, f.unit) for f in extract_figures("Kim won 3 medals.")] == [(3, None)]


def test_some_before_a_count_is_approximate() -> None:
    f = one("Some 2,000 troops were deployed.")
    assert (f.text, f.qualifier, f.counted) == ("Some 2,000", "approximately", "troop")
    assert one("Some 40 said no.").qualifier == "exact"


def test_score_before_in_n_innings() -> None:
    found = extract_figures("The Yankees beat the Red Sox 5-3 in 10 innings.", True)
    assert [(f.text, f.low, f.high, f.kind) for f in found] == [
        ("5-3", 3, 5, "score"),
        ("10", 10, 10, "quantity"),
    ]
    assert one("Only 3 in 10 voters agreed.").value == pytest.approx(0.3)


def test_height_in_feet_and_inches() -> None:
    f = one("The 6-foot-7 center signed on Monday.")
    assert (f.text, f.value, f.unit, f.qualifier) == (
        "6-foot-7",
        pytest.approx(6 + 7 / 12),
        "ft",
        "exact",
    )
    assert one("He is 6-foot-2-inches tall.").value == pytest.approx(6 + 2 / 12)
    assert one("A 5-foot-long snake was found.").value == 5


def test_zero_to_sixty() -> None:
    f = one("It goes from zero to 60 mph.")
    assert (f.low, f.high, f.unit) == (0, 60, "mph")
    assert extract_figures("The city aims for net zero.") == []


def test_numeric_date_at_the_end_of_a_sentence() -> None:
    assert extract_figures("He was born on 12/03/1985.") == []
    found = extract_figures("He was born on 12/03/1985.", include_non_quantities=True)
    assert [(f.text, f.kind) for f in found] == [("12/03/1985", "date")]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("OPEC+ agreed to cut output by 2 million bpd.", 2e6, "bbl/day"),
        ("Output rose to 9.5m b/d in May.", 9.5e6, "bbl/day"),
        ("The rock formed 20m years ago.", 2e7, "year"),
        ("The wall is 3m high.", 3, "m"),
    ],
)
def test_m_before_another_unit_is_million(text: str, value: float, unit: str) -> None:
    f = one(text)
    assert (f.value, f.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("The standard four-cylinder engine is quiet.", ["cylinder"]),
        ("The 1,000-page report was released.", ["page"]),
        ("It comes with four-, five- and six-cylinder engines.", ["cylinder"] * 3),
        ("They sell two- or three-bedroom flats.", ["bedroom", "bedroom"]),
    ],
)
def test_hyphened_noun_is_what_is_counted(text: str, counted: list[str]) -> None:
    assert [f.counted for f in extract_figures(text)] == counted


def test_elided_noun_comes_from_the_figure_before() -> None:
    found = extract_figures("The hospital treated 1,024 patients last month, up from 876.")
    assert [f.counted for f in found] == ["patient", "patient"]
    found = extract_figures("It has 120 members, of whom 45 voted.")
    assert [f.counted for f in found] == ["member", "member"]
    # A percentage lends no noun, and a new sentence starts afresh.
    found = extract_figures("Admissions rose 14% to 3,410. Beds: 40 patients, from 38.")
    assert [f.counted for f in found] == [None, None, "patient", "patient"]


def test_more_change_verbs_and_plural_ages() -> None:
    found = extract_figures("The economy contracted 1.2% after shrinking 0.6% earlier.")
    assert [f.change for f in found] == ["down", "down"]
    assert one("A contract of $5m was signed.").change is None
    f = one("Unemployment among 16-24-year-olds rose.")
    assert (f.low, f.high, f.unit, f.counted) == (16, 24, "year", "age")
    assert one("He gave 1/3 of his wealth away.").counted == "wealth"


def test_bil_is_billion() -> None:
    assert one("Sales of US$1.2bil were reported.").value == pytest.approx(1.2e9)
    assert one("It cost RM2 bil.").value == pytest.approx(2e9)


def test_coordinated_modifiers_stay_in_the_counted_noun() -> None:
    assert one("He repaired dozens of Kia and Hyundai vehicles.").counted == (
        "Kia and Hyundai vehicle"
    )
    assert one("It sold 4.3m digital and physical copies.").counted == "digital and physical copy"
    assert [f.counted for f in extract_figures("It has 5 cats and 3 dogs.")] == ["cat", "dog"]
    assert one("They hired 30 doctors and nurses.").counted == "doctor"


def test_more_between_number_and_noun() -> None:
    assert one("With eight more picks the team moved up.").counted == "pick"
    assert one("There are 2 million more jobs than a year ago.").counted == "job"
    assert one("He wants 3 more.").counted is None


def test_model_number_after_a_count() -> None:
    f = one("The airline is grounding two new 737 Max jets.")
    assert (f.value, f.counted) == (2, "new 737 Max jet")
    assert one("About 300 Syrian refugees arrived.").counted == "Syrian refugee"
    assert extract_figures("The 787 Dreamliner flew.") == []


@pytest.mark.parametrize(
    ("text", "value", "counted"),
    [
        ("Over 1m+ people came.", 1e6, "people"),
        ("The 100-plus staff left.", 100, "staff"),
        ("More than 10k+ signatures were collected.", 1e4, "signature"),
    ],
)
def test_plus_after_a_number_is_a_floor(text: str, value: float, counted: str) -> None:
    f = one(text)
    assert (f.value, f.counted, f.qualifier) == (value, counted, "more than")


def test_plus_between_numbers_or_before_a_noun_is_no_floor() -> None:
    assert values("5 plus 3 is 8.") == [5, 3, 8]
    assert one("It costs $5 plus tax.").qualifier == "exact"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("One-in-five adults smoke.", 0.2),
        ("He ran 1 1/2 miles.", 1.5),
        ("The 5 1/4 inch drive is rare.", 5.25),
    ],
)
def test_hyphened_ratios_and_mixed_fractions(text: str, value: float) -> None:
    assert one(text).value == pytest.approx(value)


def test_one_on_one_is_an_idiom() -> None:
    assert extract_figures("They held one-on-one talks.") == []
    assert extract_figures("They came in one-by-one.") == []


def test_age_after_a_surname_needs_a_verb_people_take() -> None:
    assert one("Smith 42 was charged with fraud.").counted == "age"
    assert one("Police said Jones 31 died.").counted == "age"
    assert extract_figures("Chrome 88 was released.") == []


def test_rupee_abbreviation_does_not_split_the_sentence() -> None:
    text = "The state paid Rs. 500 crore for the bridge. Work starts in May."
    figs = extract_figures(text)
    assert [f.value for f in figs] == [5e9]
    assert (
        text[figs[0].sentence_start : figs[0].sentence_end]
        == "The state paid Rs. 500 crore for the bridge."
    )
