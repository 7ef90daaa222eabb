"""Common news number patterns, and the general rules added for them.

Every sentence here was written for these tests in wire-copy style; none comes from a
benchmark. The first table is a regression net over the patterns any English news reader
meets daily (percentages, money with scale words, ranges, "at least"/"nearly", counts of
people, written-out numbers, fractions, "a dozen", "half a million", "one in five").
"""

from __future__ import annotations

import pytest

from copytrail.claims.figures import Figure, extract_figures


def one(text: str) -> Figure:
    found = extract_figures(text)
    assert len(found) == 1, [(f.text, f.value) for f in found]
    return found[0]


def read(text: str) -> list[tuple[float, float | None, float | None, str | None, str | None]]:
    return [(f.value, f.low, f.high, f.unit, f.counted) for f in extract_figures(text)]


# --------------------------------------------------------------------------- common patterns
@pytest.mark.parametrize(
    ("text", "value", "unit", "counted", "qualifier"),
    [
        ("Unemployment fell to 4.2 percent in March.", 4.2, "%", None, "exact"),
        ("The company's shares jumped 12% in early trading.", 12, "%", None, "exact"),
        ("The government will spend $4.5 billion on new schools.", 4.5e9, "$", None, "exact"),
        ("The deal is worth about £1.2bn, sources said.", 1.2e9, "GBP", None, "approximately"),
        ("The ministry allocated €300 million for flood relief.", 3e8, "EUR", None, "exact"),
        ("It cost 45 million euros to build.", 4.5e7, "EUR", None, "exact"),
        ("The fund manages $1.2tn in assets.", 1.2e12, "$", None, "exact"),
        ("At least 23 people were killed in the blast.", 23, None, "people", "at least"),
        ("Nearly 40,000 residents were evacuated.", 40000, None, "resident", "approximately"),
        ("Some 1,500 troops will be deployed.", 1500, None, "troop", "approximately"),
        ("Fewer than a hundred residents stayed behind.", 100, None, "resident", "less than"),
        ("As many as 5,000 jobs could be at risk.", 5000, None, "job", "up to"),
        ("No fewer than 14 candidates have entered the race.", 14, None, "candidate", "at least"),
        ("Twenty-five students were taken to hospital.", 25, None, "student", "exact"),
        ("Forty-two thousand tickets were sold.", 42000, None, "ticket", "exact"),
        ("The firm employs twelve hundred workers.", 1200, None, "worker", "exact"),
        ("A hundred and fifty homes were damaged.", 150, None, "home", "exact"),
        ("The deficit widened to one trillion dollars.", 1e12, "$", None, "exact"),
        ("A dozen protesters were detained.", 12, None, "protester", "exact"),
        ("Some two dozen journalists were held.", 24, None, "journalist", "approximately"),
        ("Half a million people signed the petition.", 5e5, None, "people", "exact"),
        ("More than half a million people have fled.", 5e5, None, "people", "more than"),
        ("Two-thirds of voters disapproved of the plan.", 2 / 3, None, "voter", "exact"),
        ("Three-quarters of the doses have been delivered.", 0.75, None, "dose", "exact"),
        ("About one-quarter of the forest has been lost.", 0.25, None, "forest", "approximately"),
        ("One-fifth of the wheat crop was lost.", 0.2, None, "wheat crop", "exact"),
        ("One in five adults reported symptoms.", 0.2, None, "adult", "exact"),
        ("About three in 10 voters named the economy.", 0.3, None, "voter", "approximately"),
        ("The agency says 1 in 3 adults has high blood pressure.", 1 / 3, None, "adult", "exact"),
        ("He earns $35,000 a week.", 35000, "$/week", None, "exact"),
        ("Oil settled at $78 a barrel.", 78, "$/bbl", None, "exact"),
        ("Net income was 54 cents a share.", 54, "cent/share", None, "exact"),
        ("The central bank raised rates by 25 basis points.", 25, "bp", None, "exact"),
        ("The budget of Rs 500 crore was approved.", 5e9, "INR", None, "exact"),
        ("The hurricane packed winds of 150 mph.", 150, "mph", None, "exact"),
        ("The plane was flying at 35,000 feet.", 35000, "ft", None, "exact"),
        ("The ship was carrying 2,000 tonnes of fuel oil.", 2000, "t", "fuel oil", "exact"),
        ("Turnout was just under 60%.", 60, "%", None, "less than"),
    ],
)
def test_common_news_patterns(
    text: str, value: float, unit: str | None, counted: str | None, qualifier: str
) -> None:
    f = one(text)
    assert f.value == pytest.approx(value)
    assert (f.unit, f.counted, f.qualifier) == (unit, counted, qualifier)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Between 200 and 300 families remain without power.", 200, 300, None),
        ("Prices rose by 5 to 7 percent over the past year.", 5, 7, "%"),
        ("The fine could reach $3 billion to $5 billion.", 3e9, 5e9, "$"),
        ("Ticket prices range from $45 to $120.", 45, 120, "$"),
        ("The trial is expected to last six to eight weeks.", 6, 8, "week"),
        ("Hundreds of thousands of people marched.", 1e5, 1e6, None),
        ("Several thousand people gathered in the square.", 3000, 9000, None),
        ("A few hundred supporters waited outside.", 200, 900, None),
    ],
)
def test_ranges_and_vague_amounts(text: str, low: float, high: float, unit: str | None) -> None:
    f = one(text)
    assert (f.low, f.high, f.unit) == (pytest.approx(low), pytest.approx(high), unit)


# --------------------------------------------------------------------------- "and a half"
@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The meeting lasted an hour and a half.", 1.5, "h"),
        ("The runway is a mile and a half long.", 1.5, "mi"),
        ("They waited two hours and a half for a bus.", 2.5, "h"),
        ("He walked two and a half miles to school.", 2.5, "mi"),
    ],
)
def test_a_unit_and_a_half(text: str, value: float, unit: str) -> None:
    f = one(text)
    assert (f.value, f.unit) == (pytest.approx(value), unit)


def test_a_year_and_a_half_and_half_a_million() -> None:
    assert [f.text for f in extract_figures("A year and a half later, he left.")] == [
        "A year and a half"
    ]
    # "a half" that belongs to a scale word stays with it.
    f = one("They raised a half million dollars.")
    assert (f.value, f.unit) == (5e5, "$")


# --------------------------------------------------------------------------- spaced metres
@pytest.mark.parametrize(
    ("text", "value"),
    [("The wave was 8 m high.", 8), ("The 2.5 m tall statue was unveiled.", 2.5)],
)
def test_spaced_m_before_a_size_word_is_metres(text: str, value: float) -> None:
    f = one(text)
    assert (f.value, f.unit) == (pytest.approx(value), "m")


def test_spaced_m_elsewhere_is_not_metres() -> None:
    assert all(f.unit != "m" for f in extract_figures("Group A has 5 m and group B has 6."))


# --------------------------------------------------------------------------- ages
def test_aged_after_a_verb_is_a_claim() -> None:
    # "men aged 18 to 34" names a group (modifier); "were aged 18 to 25" states their ages.
    f = one("The victims were aged between 18 and 25.")
    assert (f.low, f.high, f.unit, f.counted) == (18, 25, "year", "age")
    assert extract_figures("The survey covered men aged 18 to 34.") == []


def test_ages_listed_after_an_age() -> None:
    found = extract_figures("The two suspects, aged 19 and 22, were charged.")
    assert [(f.value, f.counted) for f in found] == [(2, "suspect"), (19, "age"), (22, "age")]


# --------------------------------------------------------------------------- modifiers
def test_duration_stacked_on_an_amount_is_a_modifier() -> None:
    assert [f.text for f in extract_figures("He won a five-year $700,000 grant.")] == ["$700,000"]


# --------------------------------------------------------------------------- counted nouns
@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Two of the three suspects were released.", ["suspect", "suspect"]),
        ("A third of the budget goes to defence.", ["budget"]),
        ("A further 20 crew came ashore.", ["crew"]),
    ],
)
def test_counted_noun_boundaries(text: str, counted: list[str]) -> None:
    assert [f.counted for f in extract_figures(text)] == counted


# --------------------------------------------------------------------------- from A <when> to B
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bitcoin slid from $61,200 on Monday to $58,900 on Friday.",
            [(58900, 58900, 61200, "$", None)],
        ),
        (
            "Fuel economy improved from 24 mpg in 2015 to 31 mpg in 2022.",
            [(24, 24, 31, "mpg", None)],
        ),
        ("Torque rose from 310 lb-ft combined to 350.", [(310, 310, 350, "lb·ft", None)]),
        (
            "Membership grew from 900 members last spring to 1,400 members.",
            [(900, 900, 1400, None, "member")],
        ),
    ],
)
def test_from_a_when_to_b_is_one_change(
    text: str, expected: list[tuple[float, float, float, str | None, str | None]]
) -> None:
    assert read(text) == [
        tuple(pytest.approx(x) if isinstance(x, int) else x for x in e) for e in expected
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Sales fell from 20% in May, and rose to 5% by June.",  # a clause break
        "He moved from 3 rooms in Leeds to 40 acres in Kent.",  # different units
        "Exports rose from 12 ports last year to 30% of the total.",
    ],
)
def test_from_to_across_words_needs_one_quantity(text: str) -> None:
    assert all(f.qualifier != "range" for f in extract_figures(text))


# --------------------------------------------------------------------------- lower-cased text
# Scraped and social copy is often lower-cased; what capitals decided must not fall apart.
@pytest.mark.parametrize(
    "text",
    [
        "posted: thu 12 jan 2023 09:15 gmt",
        "by jane doe march 3 2021 at 4:15 pm est",
        "the vote is on may 1 and results come on may 5.",
        "updated 10:42 am et nov 14 2022",
    ],
)
def test_lower_case_dates_are_not_figures(text: str) -> None:
    assert extract_figures(text) == []


def test_lower_case_may_and_march_stay_verbs() -> None:
    assert [f.value for f in extract_figures("prices may 2x and they march 5 km.")] == [2, 5]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "it has 8gb of ram, a 3.2ghz chip and a 120hz screen.",
            [(8, "GB"), (3.2, "GHz"), (120, "Hz")],
        ),
        ("the phone has a 5,000mah battery and 65w charging.", [(5000, "mAh"), (65, "W")]),
        ("the firm was valued at us$12bn.", [(1.2e10, "USD")]),
        ("the court fined the bank rs 2.5 lakh.", [(2.5e5, "INR")]),
    ],
)
def test_lower_case_units_and_currencies(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.unit) for f in extract_figures(text)] == [
        (pytest.approx(v), u) for v, u in expected
    ]


@pytest.mark.parametrize(
    "text",
    [
        "the Westmark 250 fell 1.2% to 7,412 points.",
        "The Westmark 250 index fell 1.2% to 7,412 points.",
    ],
)
def test_number_after_a_name_is_part_of_the_name(text: str) -> None:
    # An index is a name with a number, like any other: no index names are listed as rules.
    assert [(f.value, f.unit) for f in extract_figures(text)] == [(1.2, "%"), (7412, "point")]


def test_toll_free_number_is_a_phone() -> None:
    assert extract_figures("Call 1-800-555-0199 for help.") == []


# --------------------------------------------------------------------------- small readers
def test_one_in_every_four_is_a_fraction() -> None:
    f = one("One in every four homes in the town is empty.")
    assert (f.value, f.counted) == (0.25, "home")


def test_coordinated_figures_keep_their_own_nouns() -> None:
    found = extract_figures("He had one goal and two assists.")
    assert [(f.value, f.counted) for f in found] == [(1, "goal"), (2, "assist")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The turbine is 260 ft (80 m) tall.", [(260, "ft"), (80, "m")]),
        ("The box is 12in x 8in.", [(12, "in"), (8, "in")]),
        ("They met in 5 cities in 3 days.", [(5, None), (3, "day")]),  # "in" spaced is a word
    ],
)
def test_lengths_in_conversions_and_glued_inches(
    text: str, expected: list[tuple[float, str | None]]
) -> None:
    assert [(f.value, f.unit) for f in extract_figures(text)] == expected


# --------------------------------------------------------------------------- vague amounts
@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier"),
    [
        ("Several hundred thousand people fled the city.", 3e5, 9e5, "vague"),
        ("The project cost several hundred million dollars.", 3e8, 9e8, "vague"),
        ("Scores of people were injured in the stampede.", 20, 200, "vague"),
        ("A couple of hundred fans turned up.", 200, 200, "approximately"),
    ],
)
def test_vague_amounts(text: str, low: float, high: float, qualifier: str) -> None:
    f = one(text)
    assert (f.low, f.high, f.qualifier) == (low, high, qualifier)


def test_test_scores_are_not_vague() -> None:
    assert extract_figures("Test scores improved this year.") == []


def test_duration_long_before_a_noun_is_a_modifier() -> None:
    assert extract_figures("The six-month-long probe found no wrongdoing.") == []
    assert [f.value for f in extract_figures("The probe was six months long.")] == [6]


# --------------------------------------------------------------------------- names with numbers
def test_model_number_after_a_counted_name() -> None:
    f = one("The company shipped 3 million Galaxy Z Flip 5 units.")
    assert f.value == 3e6


def test_console_is_not_pounds() -> None:
    found = extract_figures("The Xbox costs $299, while the PS5 Digital Edition costs $399.")
    assert [f.value for f in found] == [299, 399]
    # Transliterated "£" ("PS") after a money word stays money.
    assert [(f.value, f.unit) for f in extract_figures("Tickets cost PS5 each.")] == [(5, "GBP")]


def test_place_then_count_is_no_age() -> None:
    f = one("In Gaza 32 died overnight.")
    assert (f.value, f.counted) == (32, None)


# --------------------------------------------------------------------------- from real-news shapes
def test_n_of_m_after_points_is_no_index_level() -> None:
    found = extract_figures("She scored 31 points as the Sparks won 9 of 11 games.")
    assert [(f.value, f.unit) for f in found] == [(31, "point"), (9, None), (11, None)]


def test_frames_per_second_and_a_weighted_decibel() -> None:
    found = extract_figures("It runs at 24fps, or 120 fps on a PC, with the fan at 41 dBA.")
    assert [(f.value, f.unit) for f in found] == [(24, "fps"), (120, "fps"), (41, "dB")]


def test_six_figure_is_an_idiom() -> None:
    assert extract_figures("She turned down a six-figure offer.") == []


def test_short_area_code_phone() -> None:
    assert extract_figures("Inquiries: 03-555-0147") == []


def test_elided_noun_only_when_no_noun_follows() -> None:
    found = extract_figures(
        "The city picked five bidders and bids from two relatively small firms."
    )
    assert [f.counted for f in found] == ["bidder", None]
    found = extract_figures("The team has 25 players, including 10 from abroad.")
    assert [f.counted for f in found] == ["player", "player"]


def test_fiscal_year_before_a_plural_is_a_year() -> None:
    assert extract_figures("Customs logged the fiscal year 2022 seizures in spring.") == []


def test_four_digits_and_m_name_a_model() -> None:
    assert extract_figures("Buyers can pick a GeForce 3050M or 3070M chip.") == []
    assert [f.value for f in extract_figures("The app has 3000M downloads.")] == [3e9]


@pytest.mark.parametrize(
    "text",
    [
        "The 911 call came in at night.",
        "The 747 program ended last year.",
        "The carrier's 787-9 jet flew to Perth.",
        "Deliveries of the VW ID.4 start in spring.",
        "The fair opens 2021.09.14 in Busan.",
    ],
)
def test_model_numbers_and_dotted_dates(text: str) -> None:
    assert extract_figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The 300 workers went on strike.", [300]),
        ("The Bears held a 24-9 lead at half-time.", [(9, 24)]),
    ],
)
def test_counts_and_scores_stay(text: str, expected: list[object]) -> None:
    got = [(f.low, f.high) if f.qualifier == "range" else f.value for f in extract_figures(text)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The meeting lasted half an hour.", 0.5, "h"),
        ("He lives half a mile away.", 0.5, "mi"),
        ("The screen is about a half an inch larger.", 0.5, "in"),
    ],
)
def test_half_a_unit(text: str, value: float, unit: str) -> None:
    f = one(text)
    assert (f.value, f.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "The exhibit visited four cities from 1988 to ’89.",  # only "four" is a figure
        "The altarpiece was carved around 1512–14 in Siena.",
        "Ratings fell among the 18-49 age demographic.",
    ],
)
def test_short_years_and_age_groups(text: str) -> None:
    assert [f.text for f in extract_figures(text)] == (["four"] if "four" in text else [])


def test_capitalised_as_names_are_not_plurals() -> None:
    f = one("Floods covered more than 20,000 acres of the Texas coast.")
    assert f.counted == "Texas coast"


@pytest.mark.parametrize(
    "text",
    [
        "Walking daily may ease joint pain (14).",
        "Trials found that fibre aids digestion (8, 9).",
        "See DOI 10.5555/abc-2021-0042-7 for the paper.",
        "Savers can use a 401(k) or a 501(c)(3) charity.",
        "The case, file KLA/CIV/07/112/2021, was heard on Monday.",
        "A history of painting in Europe, 1400–1800, opens today.",
        "Sales of the 13 Pro Max slowed this spring.",
    ],
)
def test_references_identifiers_and_model_names(text: str) -> None:
    assert extract_figures(text) == []


def test_a_small_count_before_a_plural_name_stays() -> None:
    assert [f.value for f in extract_figures("He sold the 2 Porsches last week.")] == [2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Members may retire at age 57 and a half.", [(57.5, "year")]),  # an age
        ("He served 6 and a half years in prison.", [(6.5, "year")]),
        ("The charity can be reached on freephone 121 454 at any time.", []),
        ("It is among the best 16:9 monitors.", []),
        ("The fair runs 12–16 June and costs £4.", [(4, "GBP")]),
    ],
)
def test_halves_helplines_ratios_and_day_ranges(
    text: str, expected: list[tuple[float, str | None]]
) -> None:
    assert [(f.value, f.unit) for f in extract_figures(text)] == expected


def test_shooting_lines_and_ranks() -> None:
    assert [f.value for f in extract_figures("He went 3-for-10 and 9-of-9 from the line.")] == [
        3,
        10,
        9,
        9,
    ]
    assert extract_figures("It was a top-three finish for the team.") == []


@pytest.mark.parametrize(
    "text",
    [
        "He watched BBC One before the Formula One race.",
        "The quartet plays Haydn's Seven Last Words tonight.",
        "The Xbox One X launched with a new controller.",
    ],
)
def test_capitalised_number_words_inside_a_sentence_are_names(text: str) -> None:
    assert extract_figures(text) == []


def test_capitalised_number_words_that_still_count() -> None:
    assert [f.value for f in extract_figures("He said: Three people died.")] == [3]
    assert [f.value for f in extract_figures("Storm Kills Three In Texas")] == [3]


@pytest.mark.parametrize(
    "text",
    [
        "Proposition 47 requires that the county report each year.",
        "Her 1984 exposé of the mill was widely read.",
    ],
)
def test_ballot_measures_and_accented_words(text: str) -> None:
    assert extract_figures(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The webcam still records at just 1080p.",
        "Deals on 4K TVs and 8K monitors are everywhere.",
        "The carrier delayed delivery of its 777x jets.",
    ],
)
def test_resolutions_and_model_suffixes(text: str) -> None:
    assert extract_figures(text) == []


def test_acronyms_are_not_plurals_and_counts_stay() -> None:
    assert one("NASA will stack two SLS rockets next year.").counted == "SLS rocket"
    found = extract_figures("The race has 25K runners; sales grew 3x; shares hit 164p.")
    assert [(f.value, f.unit, f.counted) for f in found] == [
        (25000, None, "runner"),
        (3, None, "time"),
        (164, "GBX", None),
    ]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Temperatures ranged from -5 to -12 degrees.", -12, -5),
        ("Lows of -3 to 4 degrees are forecast.", -3, 4),
    ],
)
def test_signed_ranges_keep_each_sign(text: str, low: float, high: float) -> None:
    f = one(text)
    assert (f.low, f.high, f.value) == (low, high, low)


def test_a_sign_after_a_space_is_no_range_dash() -> None:
    found = extract_figures("The index closed 12.99 -5.44% lower.")
    assert [(f.value, f.qualifier) for f in found] == [(12.99, "exact"), (-5.44, "exact")]
