"""Coverage of the number patterns a careful reader of English news expects, by category.

Every sentence here was invented for this file in news style (none is copied from a benchmark
or a corpus). Each row gives the figures expected in reading order as ``(value, unit)``, where
``value`` is a number, or ``(low, high)`` for ranges and vague amounts; the rows marked in the
comments were wrong before the rules they name were added.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copytrail.claims.figures import Figure, extract_figures
from copytrail.claims.sentences import sentence_spans

Value = float | tuple[float, float]


def figs(text: str) -> list[tuple[Value, str | None]]:
    out: list[tuple[Value, str | None]] = []
    for f in extract_figures(text):
        if f.qualifier in ("range", "vague") and f.low is not None and f.high is not None:
            out.append(((f.low, f.high), f.unit))
        else:
            out.append((f.value, f.unit))
    return out


def check(text: str, expected: Sequence[tuple[Value, str | None]]) -> None:
    got = figs(text)
    assert len(got) == len(expected), got
    for (gv, gu), (ev, eu) in zip(got, expected, strict=True):
        assert gu == eu, got
        if isinstance(ev, tuple):
            assert isinstance(gv, tuple), got
            assert gv == pytest.approx(ev), got
        else:
            assert not isinstance(gv, tuple), got
            assert gv == pytest.approx(ev), got


# --------------------------------------------------------------------------- money
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The miner reported a quarterly loss of $1.2bn on Thursday.", [(1.2e9, "$")]),
        ("The council set aside £350m for road repairs.", [(3.5e8, "GBP")]),
        ("Brussels pledged €4 billion to the reconstruction fund.", [(4e9, "EUR")]),
        ("The state approved a Rs 5 crore grant for the hospital wing.", [(5e7, "INR")]),
        ("The carmaker expects an operating profit of ¥300 billion.", [(3e11, "JPY")]),
        ("The startup raised US$2.5 million in its seed round.", [(2.5e6, "USD")]),
        ("A pack of gum now costs 5 cents more than last spring.", [(5, "cent")]),
        ("Investors poured A$40m into the lithium project.", [(4e7, "AUD")]),
        ("The bank was fined HK$12 million by the regulator.", [(1.2e7, "HKD")]),
        ("Fares will rise by 20p from January.", [(20, "GBX")]),
        ("The company earned 2.3 trillion won in the third quarter.", [(2.3e12, "KRW")]),
        ("The settlement was for 1.2 million dollars.", [(1.2e6, "$")]),
        ("Officials estimate the damage at 50 million euros.", [(5e7, "EUR")]),
        ("Russia's central bank holds 300 billion roubles in reserves.", [(3e11, "RUB")]),
        ("The bank lent 40 billion yuan to developers.", [(4e10, "CNY")]),
        ("Canada will spend C$8 billion on defence.", [(8e9, "CAD")]),
        ("The bank reported a net profit of USD 5 million.", [(5e6, "USD")]),
        ("The house sold for Rs 12 lakh.", [(1.2e6, "INR")]),
        ("The state budget is Rs 1.2 lakh crore.", [(1.2e12, "INR")]),
        ("The average salary is £40k in the region.", [(4e4, "GBP")]),
        ("Each ticket costs ₹500.", [(500, "INR")]),
        ("The bill would cost taxpayers an extra $700 a year.", [(700, "$/year")]),
        # Currency marks of African and Asian press (were no figure, or a code).
        ("Kenya will borrow Sh5 billion from the market.", [(5e9, "KES")]),
        ("Nigeria's budget includes N500 billion for roads.", [(5e11, "NGN")]),
        ("The government set aside P5bn for flood relief.", [(5e9, "PHP")]),
        ("He earns GH¢2,000 a month.", [(2000, "GHS/month")]),
        ("Revenue was Rs 4,500 cr last year.", [(4.5e10, "INR")]),  # "cr" = crore
    ],
)
def test_money(text: str, expected: list[tuple[Value, str | None]]) -> None:
    check(text, expected)


def test_one_letter_marks_without_a_scale_stay_codes() -> None:
    assert extract_figures("Staff wore N95 masks and filled in a P45 form.") == []


# --------------------------------------------------------------------------- percentages
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Support for the party is up 3 percentage points since June.", [(3, "pp")]),
        ("The central bank lifted its key rate by 0.25%.", [(0.25, "%")]),
        ("Inflation eased to 2.9 per cent in October.", [(2.9, "%")]),
        ("Sales slipped 1.5pc in the year to March.", [(1.5, "%")]),
        ("Unemployment rose half a percentage point to 5.1%.", [(0.5, "pp"), (5.1, "%")]),
        ("The yield on the bond edged up 12 basis points.", [(12, "bp")]),
        ("Fifty percent of the staff were laid off.", [(50, "%")]),
        ("The approval rating dropped 5 percentage points to 38%.", [(5, "pp"), (38, "%")]),
        ("The index gained 1.2 per cent to 7,450.", [(1.2, "%"), (7450, None)]),
        ("The fine was raised by 50 bps.", [(50, "bp")]),
    ],
)
def test_percentages(text: str, expected: list[tuple[Value, str | None]]) -> None:
    check(text, expected)


# --------------------------------------------------------------------------- ranges
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Between 40 and 50 families lost their homes.", [((40, 50), None)]),
        ("Officials expect 40 to 50 trucks to cross each day.", [((40, 50), None)]),
        ("The attack left 40-50 people injured.", [((40, 50), None)]),
        ("The minimum wage rose from $7.25 to $15 an hour.", [((7.25, 15), "$/h")]),
        ("Temperatures will reach 30 to 35 degrees Celsius.", [((30, 35), "°C")]),
        ("The project will take three to five years.", [((3, 5), "year")]),
        ("Rents jumped from £900 to £1,250 a month.", [((900, 1250), "GBP/month")]),
        ("Tickets cost between $40 and $60 each.", [((40, 60), "$")]),
        ("The virus kills between 1% and 3% of those infected.", [((1, 3), "%")]),
        ("Each vaccine dose costs $2-$3.", [((2, 3), "$")]),
        ("Hospital admissions rose from 1,100 to 1,450 last week.", [((1100, 1450), None)]),
        ("The Fed held rates at 5.25%-5.5%.", [((5.25, 5.5), "%")]),
        # Ranges below zero written with "minus" (was two figures, the first without unit).
        ("Lows will be between minus 5 and minus 10 degrees.", [((-10, -5), "°")]),
        ("Overnight lows of minus 3 to minus 8C are forecast.", [((-8, -3), "°C")]),
    ],
)
def test_ranges(text: str, expected: list[tuple[Value, str | None]]) -> None:
    check(text, expected)


# --------------------------------------------------------------------------- bounds
@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("Nearly 300 flights were cancelled at the airport.", 300, "approximately"),
        ("Almost two-thirds of the budget went to salaries.", 2 / 3, "approximately"),
        ("Roughly 1.4 million households lost power.", 1.4e6, "approximately"),
        ("Some 300 firefighters battled the blaze overnight.", 300, "approximately"),
        ("More than 70 countries signed the treaty.", 70, "more than"),
        ("Over 2,000 jobs will be cut by the bank.", 2000, "more than"),
        ("Under 10% of applicants were accepted.", 10, "less than"),
        ("The storm could dump up to 12 inches of rain.", 12, "up to"),
        ("As many as 600 migrants may have been aboard.", 600, "up to"),
        ("At least 14 people died in the floods.", 14, "at least"),
        ("No fewer than 30 lawmakers backed the motion.", 30, "at least"),
        ("Upwards of 200 homes were destroyed.", 200, "more than"),
        ("Close to 9,000 workers walked out on Monday.", 9000, "approximately"),
        ("The stadium holds 60,000-plus spectators.", 60000, "more than"),
        ("Officials said 20-odd vessels were in the area.", 20, "approximately"),  # was exact
        ("Profit fell by more than half to $2bn.", 0.5, "more than"),  # was missed
    ],
)
def test_bounds(text: str, value: float, qualifier: str) -> None:
    f = extract_figures(text)[0]
    assert (f.value, f.qualifier) == (pytest.approx(value), qualifier)


def test_a_share_of_a_change_is_no_range() -> None:
    # "by more than half to $2bn" was one range from 0.5 * 1e9 to 2e9.
    check("Profit fell by more than half to $2bn.", [(0.5, None), (2e9, "$")])
    check("Sales fell by half.", [(0.5, None)])
    assert extract_figures("The second half was dull.") == []


# --------------------------------------------------------------------------- written numbers
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Twenty-five miners were trapped underground.", [(25, None)]),
        ("A dozen police officers were injured in the clashes.", [(12, None)]),
        ("Dozens of villagers were evacuated by boat.", [((12, 120), None)]),
        ("Hundreds of people queued outside the embassy.", [((100, 1000), None)]),
        ("Half a million doses arrived on Tuesday.", [(5e5, None)]),
        ("One in five children lives in poverty.", [(0.2, None)]),
        ("A third of the wells have run dry.", [(1 / 3, None)]),
        ("Three hundred and forty passengers were on board.", [(340, None)]),
        ("Nine out of 10 doctors recommend the vaccine.", [(0.9, None)]),
        ("A quarter of a million people fled the city.", [(2.5e5, None)]),
        ("Tens of millions of dollars were lost.", [((1e7, 1e8), "$")]),
        ("Thirty-five thousand fans attended the match.", [(35000, None)]),
        ("Two and a half million people visited the fair.", [(2.5e6, None)]),
        ("Several thousand people marched.", [((3000, 9000), None)]),
        # Digit plurals read like the words (were "100" and a vague "thousands").
        ("Players earn 100s of thousands a week.", [((1e5, 1e6), None)]),
        ("1,000s of fans queued overnight.", [((1000, 10000), None)]),
        ("10,000s of people came.", [((10000, 100000), None)]),
    ],
)
def test_written_numbers(text: str, expected: list[tuple[Value, str | None]]) -> None:
    check(text, expected)


# --------------------------------------------------------------------------- multipliers
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The region is home to 1.5 million people.", [(1.5e6, None)]),
        ("Global debt reached 2.3 trillion dollars.", [(2.3e12, "$")]),
        ("Demand for chips has grown 3x since 2020.", [(3, None)]),
        ("Exports rose tenfold over the decade.", [(10, None)]),
        ("Wages are 2.5 times higher in the capital.", [(2.5, None)]),
        ("A hundred-fold increase was recorded.", [(100, None)]),
        ("More than 3.5k people signed up.", [(3500, None)]),
        ("The company sold 3.2m cars last year.", [(3.2e6, None)]),
    ],
)
def test_multipliers(text: str, expected: list[tuple[Value, str | None]]) -> None:
    check(text, expected)


def test_factors_count_times() -> None:
    assert [f.counted for f in extract_figures("A hundred-fold rise; a 3x gain.")] == [
        "time",
        "time",
    ]


# --------------------------------------------------------------------------- measures
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The convoy travelled 450 km through the desert.", [(450, "km")]),
        ("Customs seized 120 kg of cocaine at the port.", [(120, "kg")]),
        ("The ship unloaded 30,000 tonnes of grain.", [(30000, "t")]),
        ("Each household uses about 150 litres of water a day.", [(150, "l")]),
        ("Police clocked the car at 120 mph on the motorway.", [(120, "mph")]),
        ("Temperatures hit 41°C in Seville on Sunday.", [(41, "°C")]),
        ("It was 104°F in Phoenix by noon.", [(104, "°F")]),
        ("The wildfire has burned 12,000 acres of forest.", [(12000, "acre")]),
        ("The reserve covers 3,500 hectares of wetland.", [(3500, "ha")]),
        ("The new office spans 80,000 square feet.", [(80000, "ft²")]),
        ("The solar farm will generate 500 MW of power.", [(500, "MW")]),
        ("The country added 2.4 GW of wind capacity.", [(2.4, "GW")]),
        ("The leak exposed 1.2 TB of customer records.", [(1.2, "TB")]),
        ("The phone ships with 8GB of memory.", [(8, "GB")]),
        ("The dam holds 3.2 billion cubic metres of water.", [(3.2e9, "m³")]),
        ("The storm brought gusts of 90km/h.", [(90, "km/h")]),
        ("The island lies 200 nautical miles offshore.", [(200, "nmi")]),
        ("The 1.6-litre engine produces 120bhp.", [(1.6, "l"), (120, "hp")]),
        ("The flat measures 650 sq ft.", [(650, "ft²")]),
        ("The typhoon packed winds of 195 km/h.", [(195, "km/h")]),
        ("Sea levels rose 3.4mm a year.", [(3.4, "mm/year")]),
        # Units that were missing (the number was read as a count of "cubic foot").
        ("The leak released 1,000 cubic feet of gas.", [(1000, "ft³")]),
        ("The spill covered 1,200 sq miles.", [(1200, "mi²")]),
        ("Some galaxies lie 13.5 billion light-years away.", [(1.35e10, "ly")]),
    ],
)
def test_measures(text: str, expected: list[tuple[Value, str | None]]) -> None:
    check(text, expected)


# --------------------------------------------------------------------------- time spans
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The trial lasted three years.", [(3, "year")]),
        ("The meeting ran for 90 minutes.", [(90, "min")]),
        ("He spent six months in detention.", [(6, "month")]),
        ("The couple were held for 48 hours before being released.", [(48, "h")]),
        ("The trip takes two and a half hours.", [(2.5, "h")]),
        ("He was sentenced to 12 years in prison.", [(12, "year")]),
        ("The journey takes 2 hrs 30 mins.", [(2, "h"), (30, "min")]),
        # A duration hyphenated onto a noun names a kind of thing.
        ("He was given a two-year ban.", []),
        ("The 72-hour ceasefire began at dawn.", []),
    ],
)
def test_time_spans(text: str, expected: list[tuple[Value, str | None]]) -> None:
    check(text, expected)


# --------------------------------------------------------------------------- counted nouns
@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Police said 1,200 protesters gathered outside parliament.", ["protester"]),
        ("Five members of Congress wrote to the agency.", ["member of Congress"]),
        ("The airline will retire 14 aircraft by next summer.", ["aircraft"]),
        ("The school has 620 pupils and 45 teachers.", ["pupil", "teacher"]),
        ("The storm killed eight people and injured 32 others.", ["people", "other"]),
        ("The plane carried 180 passengers and six crew.", ["passenger", "crew"]),
        ("Rescuers pulled 17 survivors from the rubble.", ["survivor"]),
        ("A 5,000-strong crowd gathered in the square.", ["crowd"]),  # was "strong"
        ("Officials said 20-odd vessels were in the area.", ["vessel"]),  # was "odd"
        ("Two of the three reactors were shut down.", ["reactor", "reactor"]),
    ],
)
def test_counted_nouns(text: str, counted: list[str]) -> None:
    assert [f.counted for f in extract_figures(text)] == counted


# --------------------------------------------------------------------------- non-quantities
@pytest.mark.parametrize(
    "text",
    [
        "The law was passed in 2019 and amended in 2021.",
        "The vote is scheduled for March 15, 2024.",
        "The ceremony begins at 7:30 p.m. on Friday.",
        "It was the 50th anniversary of the landing.",
        "The airline grounded its Boeing 737 fleet.",
        "COVID-19 cases rose sharply in the capital.",
        "Leaders met at the G7 summit in Italy.",
        "Call the hotline on 0800 123 4567 for advice.",
        "The office is at 221 Baker Street.",
        "No one was hurt in the incident.",
        "The Airbus A320 landed safely.",
        "He served in the 1990s as a junior minister.",
        "World War II veterans marched in the parade.",
        "The iPhone 15 goes on sale next week.",
        "Section 230 shields platforms from liability.",
        "The F-35 program has faced delays.",
        "Interstate 95 was shut in both directions.",
        "Britain triggered Article 50 in March.",
        "Tickets for Euro 2024 sold out in hours.",
        "The shop is open 24/7.",
        "Memorials marked the 9/11 anniversary.",
        "Windows 11 will require newer chips.",
        "Polls open at 7am and close at 10pm.",
        "Sales grew for the 12th consecutive month.",
        "The tournament runs from June 14 to July 14.",
        "The 2022-23 season was his best.",
        "The ISBN is 978-3-16-148410-0.",  # was a range 3..978
        "The team used a 4-4-2 formation.",  # was a range 4..4
        "The meeting is at 3pm on 4/5.",  # was 0.8
        "She mocked the Republican 2016 hopefuls.",  # was 2016 hopefuls
        "Apple's 2019 models were cheaper.",
        # Final scores are results, not amounts (were ranges).
        "Liverpool beat Chelsea 2-1 at Anfield.",
        "The home side won 3-0 in front of a packed stadium.",
        "The Lakers beat the Celtics 112-104 on Friday.",
        "Messi scored twice as Miami won 3-1.",
        "She won 6-3, 6-4 in straight sets.",
        "The tie ended 2-2 on aggregate.",
        "United slumped to a 4-0 defeat at Brighton.",
        "Rovers won 2-1 thanks to a late penalty.",
        "Spurs triumphed 3-0 at Wembley.",
        "Texas topped Oklahoma 34-30 on Saturday.",
        # "its 10 millionth visitor" is a rank (was 10 visitors).
        "The museum welcomed its 10 millionth visitor.",
    ],
)
def test_non_quantities(text: str) -> None:
    assert figs(text) == []


def test_scores_are_returned_with_their_kind() -> None:
    found = extract_figures("City beat Rovers 3-1 on Saturday.", include_non_quantities=True)
    assert [(f.text, f.kind, f.low, f.high) for f in found] == [("3-1", "score", 1, 3)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Standings during a game, vote tallies and counts of seats are kept.
        ("They held a 2-1 lead at the break.", [((1, 2), None)]),
        ("The Senate voted 52-48 to confirm her.", [((48, 52), None)]),
        ("The bill passed 7-2 in committee.", [((2, 7), None)]),
        ("Labour won 10-15 seats in the county.", [((10, 15), None)]),
        ("Shares fell 2-3% on the news.", [((2, 3), "%")]),
    ],
)
def test_pairs_that_are_not_final_scores(
    text: str, expected: list[tuple[Value, str | None]]
) -> None:
    check(text, expected)


# --------------------------------------------------------------------------- conventions kept
def test_ages_are_quantities_with_counted_age() -> None:
    # The engine's convention (and NewsQuant's, mostly): an age is a figure of unit "year"
    # with counted "age", so a claim about a person's age can be compared.
    found = extract_figures("John Smith, 45, was charged; a 23-year-old man was freed.")
    assert [(f.value, f.unit, f.counted) for f in found] == [
        (45, "year", "age"),
        (23, "year", "age"),
    ]


def test_one_of_the_is_one() -> None:
    # "one of the first" states a count of one, as news annotators mark it.
    assert figs("He was one of the first to arrive.") == [(1, None)]


# --------------------------------------------------------------------------- lists and idioms
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The unit written once after a list belongs to each number (the first ones had none).
        ("Growth was 5 and 7 percent in those years.", [(5, "%"), (7, "%")]),
        ("Fees will rise by 5, 10 and 15 percent.", [(5, "%"), (10, "%"), (15, "%")]),
        ("The rates are 3.5, 4 and 4.5 per cent.", [(3.5, "%"), (4, "%"), (4.5, "%")]),
        ("Of those 500, 30% backed the plan.", [(500, None), (30, "%")]),
        ("He had 3 dogs and 2 kg of food.", [(3, None), (2, "kg")]),
        ("Tickets cost 5 and $10.", [(5, None), (10, "$")]),
        # "2 or 3 million" is one range, like "two or three million" (the 2 was bare).
        ("It cost 2 or 3 million dollars.", [((2e6, 3e6), "$")]),
        ("Two or three million people came.", [((2e6, 3e6), None)]),
        ("Fans paid 25k or 40k each.", [(25000, None), (40000, None)]),
        # "one of a kind" is an idiom (was one). "At one point" stays a figure: news
        # annotators count it (NewsQuant), so the rule for it was dropped.
        ("He said the car was one of a kind.", []),
        ("The index fell one point to 300.", [(1, "point"), (300, "point")]),
    ],
)
def test_lists_and_idioms(text: str, expected: list[tuple[Value, str | None]]) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "1920x1080" was read as 1920 × 10^80; an exponent needs a mark.
        ("The screen has a 1920x1080 resolution.", []),
        ("The star's mass is 1.99×10^30 kg.", [(1.99e30, "kg")]),
        ("Light travels at 3×10⁸ m/s.", [(3e8, "m/s")]),
        # The sides of an area share the length unit (the 6 counted an "x").
        ("The room measures 6 x 4 metres.", [(6, "m"), (4, "m")]),
        ("The plot is 10 by 12 ft.", [(10, "ft"), (12, "ft")]),
    ],
)
def test_exponents_and_dimensions(text: str, expected: list[tuple[Value, str | None]]) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Read on real political copy: each was wrong before.
        ("Sarah and Tim, 27 and 29 years old, married.", [(27, "age"), (29, "age")]),
        ("He enrolled at university at age 16.", [(16, "age")]),
        ("Fans lined up to high-five the players.", []),
        (
            "It was heard by 10 judges rather than 11 because the chief recused.",
            [(10, "judge"), (11, None)],
        ),
        ("Windows 10 runs on 1.4 billion devices.", [(1.4e9, "device")]),
    ],
)
def test_ages_idioms_and_verbs_after_names(
    text: str, expected: list[tuple[float, str | None]]
) -> None:
    assert [(f.value, f.counted) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jones, 40 — a teacher and father — was shot.", [(40, "year")]),  # was no age
        ("The post has ID 778257943577919488.", []),  # was a quantity
        ("Critics blamed thousands of $12-an-hour workers.", [(1000, None), (12, "$/h")]),
        ("Nearly 4,000,000,000 people live in Asia.", [(4e9, None)]),
    ],
)
def test_dash_ages_long_ids_and_hyphened_rates(
    text: str, expected: list[tuple[float, str | None]]
) -> None:
    assert [(f.value, f.unit) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the NNN <word>" names a model only before a singular noun (these were codes).
        ("Obama won 332 votes, 62 more than the 270 needed to win.", [332, 62, 270]),
        ("The party fell short of the 176 majority it needed.", [176]),
        ("The index closed above the 5000 mark.", [5000]),
        ("The 747 program ended after five decades.", [5]),
    ],
)
def test_the_number_then_a_participle_or_threshold(text: str, expected: list[float]) -> None:
    assert [f.value for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "a third" before a content word is an ordinal (these were 1/3).
        ("As she seeks a third and final term, she thanked voters.", []),
        ("A third independent candidate polled 11%.", [11]),
        ("He won a fifth straight title.", []),
        ("A third of the wells have run dry.", [1 / 3]),
        ("A third were women.", [1 / 3]),
        ("The Fed cut rates by a quarter point.", [0.25]),
        # Emergency lines are phone numbers, not counts (911 was a quantity).
        ("If you see anything, call 911, police said.", []),
        ("They dialled 999 and waited.", []),
        ("Pollsters called 111 people.", [111]),
    ],
)
def test_ordinal_thirds_and_emergency_lines(text: str, expected: list[float]) -> None:
    assert [f.value for f in extract_figures(text)] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Product copy (each was wrong: a count of "charges", 44,737, a range, a three).
        ("The OnePlus 12 charges at 80W.", [80]),
        ("The RTX 4090 draws up to 450W under load.", [450]),
        ("Boeing delivered 44 737 Max jets in March.", [44]),
        ("Organisers counted 1 200 protesters.", [1200]),
        ("The 787-10 can fly 6,330 nautical miles.", [6330]),
        ("The Warriors made 21 of 45 three-pointers.", [21, 45]),
        ("The 737-800 jet landed safely.", []),
        ("The tour sold 1,000-2,000 tickets a night.", [(1000, 2000)]),
    ],
)
def test_product_copy(text: str, expected: list[object]) -> None:
    got = [(f.low, f.high) if f.qualifier == "range" else f.value for f in extract_figures(text)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # E-notation with a decimal point (was two codes); "5e3" stays a code.
        ("The rate was 3.2e-5 per cent.", [(3.2e-5, "%")]),
        ("The sample held 6.02e23 atoms.", [(6.02e23, None)]),
        ("Try code 5e3 at checkout.", []),
        # Units of science and household copy (the numbers had no unit).
        ("The capacitor stores 470 microfarads.", [(470, "µF")]),
        ("Workers were exposed to 5 roentgens per hour.", [(5, "R/h")]),
        ("The sample emitted 2.5 millisieverts.", [(2.5, "mSv")]),
        ("The chip switches in 3 nanoseconds.", [(3, "ns")]),
        ("The bomb had a yield of 15 kilotons.", [(15, "kt")]),
        ("Pressure dropped to 960 millibars.", [(960, "mbar")]),
        ("The tank holds 50 US gallons.", [(50, "gal")]),
        ("Add 2 tablespoons of sugar.", [(2, "tablespoon")]),
        ("He weighs 12 stone.", [(12, "st")]),
        ("In 2016 Stone spoke to officials.", []),  # a name, not a weight
    ],
)
def test_e_notation_and_science_units(text: str, expected: list[tuple[float, str | None]]) -> None:
    check(text, expected)


def test_glued_m_before_a_size_word_is_metres() -> None:
    # "holds" after "tall" was taken for a counted plural, so "120m" read 120 million.
    check("The dam is 120m tall and holds 2bn cubic metres.", [(120, "m"), (2e9, "m³")])
    check("A 20m high wave hits towns.", [(20, "m")])
    check("The 2.7m people who left were counted.", [(2.7e6, None)])
    check("She won the 400m hurdles in Paris.", [(400, "m")])
    check("The film made 2.45m at the box office.", [(2.45e6, None)])


# --------------------------------------------------------------------------- sentence bounds
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "between" was looked for in lower case anywhere to the left: the span of a range
        # opening a sentence ran back to the start of the text.
        ("Nurses joined.\n\nBetween 200 and 300 classrooms were damaged.", ["Between 200 and 300"]),
        ("Nurses joined. Between 200 and 300 classrooms were damaged.", ["Between 200 and 300"]),
        ("Pay rose between 2 and 3 percent. BETWEEN 5 AND 6 DIED.", ["between 2 and 3 percent",
                                                                     "BETWEEN 5 AND 6"]),
        # Qualifiers, "dozen", "of thousands" and dates read across white space, and a
        # paragraph break is white space too (each of these crossed one).
        ("The season is over\n\n5 people came.", ["5"]),
        ("Ferries were cancelled between\n\n5 and 6 people waited.", ["5", "6"]),
        ("Stocks ran low in May\n\n5 people died.", ["5"]),
        ("He bought 5\n\ndozen eggs went bad.", ["5"]),
        ("The shelter is full. About\n\n$5 buys a meal.", ["$5"]),
    ],
)
def test_figure_spans_stay_in_their_sentence(text: str, expected: list[str]) -> None:
    found = extract_figures(text)
    assert [f.text for f in found] == expected
    for f in found:
        assert (f.sentence_start, f.sentence_end) in sentence_spans(text)


# Invented sentences (each ends a sentence) and fragments (headline-like, no full stop: only
# at a paragraph end) that put a qualifier, "between", a month or a number next to a break.
_SENTENCES = [
    "Between 200 and 300 classrooms were damaged.", "About 4,500 nurses joined the strike.",
    "More than 40 members of Congress signed.", "Up to $2bn was at stake.",
    "Tens of thousands of people marched.", "Some 60 activists were held.",
    "Prices rose 5% to $164.", "Nurses joined.", "He paid £3.5m for the house.",
    "Part 12 of our series looks at the 1998 floods.", "Two-thirds of voters agreed.",
    "A hundred and twenty thousand residents signed.", "Thirty-thousand teachers walked out.",
    "The fund lost 12 per cent.", "300 people came.", "Call the hotline at 555-0142.",
    "Talks ran from 9 to 5.", "Fares rose from $5 on Monday to $7.", "She is 34.",
]  # fmt: skip
_FRAGMENTS = [
    "It was over", "Officials said it was between", "In May", "Turnout was about", "Aged 19",
    "Dozens", "Tens", "5", "million", "Some", "up to", "from 3 to",
]  # fmt: skip
_PARAGRAPH = st.tuples(
    st.lists(st.sampled_from(_SENTENCES), min_size=0, max_size=3),
    st.one_of(st.none(), st.sampled_from(_FRAGMENTS)),
).map(lambda p: " ".join(p[0] + ([p[1]] if p[1] else [])))
_BREAK = st.sampled_from(["\n\n", "\n\n\n", "\n \n", "\n\t\n"])


def _shifted(f: Figure, by: int) -> tuple[object, ...]:
    return (f.start + by, f.end + by, f.text, f.value, f.low, f.high, f.qualifier, f.unit,
            f.counted, f.sentence_start + by, f.sentence_end + by, f.change, f.kind)


@settings(max_examples=150)
@given(st.lists(st.tuples(_PARAGRAPH.filter(bool), _BREAK), min_size=1, max_size=4))
def test_paragraph_breaks_are_walls(parts: list[tuple[str, str]]) -> None:
    text = "".join(p + b for p, b in parts)[: -len(parts[-1][1])]
    for include in (False, True):
        found = extract_figures(text, include_non_quantities=include)
        spans = sentence_spans(text)
        for f in found:
            assert "\n" not in f.text, f
            # Inside one sentence, and that sentence is the figure's sentence.
            assert (f.sentence_start, f.sentence_end) in spans, f
            assert f.sentence_start <= f.start < f.end <= f.sentence_end, f
        # Reading the text whole gives what reading each paragraph alone gives.
        alone: list[tuple[object, ...]] = []
        at = 0
        for p, b in parts:
            alone += [_shifted(f, at) for f in extract_figures(p, include_non_quantities=include)]
            at += len(p) + len(b)
        assert [_shifted(f, 0) for f in found] == alone


# --------------------------------------------------------------------------- phones and years
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A local number with a leading-zero line group read as the range 142-555.
        ("For help, call the hotline at 555-0142.", []),
        ("Parents can phone the school office, 555-0177, before noon.", []),
        ("The number to dial is 555.2368 and lines open at 8am.", []),
        ("Text HOME to 741741 to reach a counsellor.", []),
        ("Reach the desk at 212 555 0198 any day.", []),
        # ... while ranges of counts keep their reading near a word of calling.
        ("Unions called out 300-1200 workers a day.", [(300, 1200)]),
        ("Calls rose from 300-1200 a week.", [(300, 1200)]),
        ("Between 300-1200 people called the hotline.", [(300, 1200)]),
        # "the 1998 floods" counted 1998 floods; a year after "the" names which ones.
        ("Part 12 of our series looks at the 1998 floods.", []),
        ("Turnout fell after the 2016 elections.", []),
        ("The 1999 figures were revised twice.", []),
        ("The insurer restated its 2019 results.", []),
        ("The firm kept all of its 2000 workers.", [2000]),
        ("Police escorted the 2000 protesters out.", [2000]),
        ("Police escorted the 2,000 protesters out.", [2000]),
        ("The plant will cut the 1800 jobs it added.", [1800]),
    ],
)
def test_local_phones_and_years_after_the(text: str, expected: list[object]) -> None:
    got = [(f.low, f.high) if f.qualifier == "range" else f.value for f in extract_figures(text)]
    assert got == expected
