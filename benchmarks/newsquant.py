"""Quantity extraction benchmark on NewsQuant (CQE, EMNLP 2023): copytrail vs quantulum3.

Usage: ``python benchmarks/newsquant.py [NewsQuant.json] [--errors dev|heldout|all]``

The file (default ``../shared/data/claims/newsquant/NewsQuant.json``) is a JSON list of
``{"text": sentence, "quantities": [{"value", "unit", "normalized_unit", "change", ...}]}``.
Gold values are strings; a range is written ``"low-high"`` in the order of the text.

Matching rule (after the CQE evaluation script, satya77/CQE_Evaluation ``evaluate_models.py``):
within each sentence a predicted quantity matches a gold one when the values are equal with
``numpy.isclose`` (rtol 1e-5, atol 1e-8); a gold range matches only a predicted range whose two
bounds are equal (compared as an unordered pair, because copytrail stores ``low <= high`` while
the gold keeps text order, e.g. "fell from 4.8 to 4.7" -> "4.8-4.7"). "value+unit" additionally
needs the normalised unit to be equal (lower case). As in the CQE script, gold ranges are
averaged to one value for quantulum3, which reports a range as a single value. Unlike the CQE
script, matching is one-to-one (greedy, value+unit pairs first), so a gold quantity is never
counted twice. Precision = matches / predictions, recall = matches / gold quantities.

copytrail units are mapped to CQE's normalised unit names by ``UNIT_NAMES`` below; when a
figure has no unit its ``counted`` noun (e.g. "worker") plays the unit, as in the gold
("13000 workers" -> normalized_unit "worker"), without function words ("and", "of").

The benchmark is also the development set of the rules. Sentences with index % 5 == 4 are a
held-out split that is frozen: its score is printed only with ``--heldout`` (measure it once per
release, never while changing rules); ``--errors heldout`` likewise needs ``--heldout``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copytrail.claims.figures import Figure, extract_figures  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "claims" / "newsquant" / "NewsQuant.json"

Value = float | tuple[float, float]

UNIT_NAMES = {
    "%": "percentage", "$": "dollar", "USD": "dollar", "AUD": "australian dollar",
    "CAD": "canadian dollar", "HKD": "hong kong dollar", "SGD": "singaporean dollar",
    "NZD": "new zealand dollar", "EUR": "euro", "GBP": "pound sterling", "GBX": "pence",
    "JPY": "japanese yen", "CNY": "chinese yuan", "ILS": "shekel", "MYR": "malaysian ringgit",
    "DKK": "danish krone", "SEK": "swedish krona", "NOK": "norwegian krone",
    "INR": "indian rupee", "HRK": "croatian kuna", "ZAR": "south african rand",
    "CHF": "swiss franc", "TRY": "turkish lira", "KRW": "south korean won",
    "RUB": "russian ruble", "BTC": "bitcoin", "cent": "cent", "AED": "united arab emirates dirham",
    "TWD": "new taiwan dollar", "MXN": "mexican peso", "BRL": "brazilian real",
    "PLN": "polish zloty", "THB": "thai baht", "EGP": "egyptian pound", "NGN": "nigerian naira",
    "km": "kilometre", "m": "metre", "cm": "centimetre", "mm": "millimetre",
    "µm": "micrometre", "nm": "nanometre", "mi": "mile", "yd": "yard", "ft": "foot",
    "in": "inch", "nmi": "nautical mile", "m²": "square metre", "km²": "square kilometre",
    "ft²": "square foot", "mi²": "square mile", "acre": "acre", "ha": "hectare",
    "kg": "kilogram", "g": "gram", "mg": "milligram", "µg": "microgram", "t": "metric ton",
    "ton": "ton", "Gt": "gigaton", "lb": "pound-mass", "oz": "ounce", "l": "litre",
    "ml": "millilitre", "gal": "gallon", "bbl": "barrel", "pint": "pint", "quart": "quart",
    "dram": "dram", "mph": "mile per hour", "km/h": "kilometre per hour",
    "m/s": "metre per second", "kn": "knot", "mpg": "mile per gallon",
    "rpm": "revolutions per minute", "°C": "celsius", "°F": "fahrenheit", "°": "degree",
    "hp": "horsepower", "W": "watt", "kW": "kilowatt", "MW": "megawatt", "GW": "gigawatt",
    "kWh": "kilowatt hour", "MWh": "megawatt hour", "GWh": "gigawatt hour",
    "mAh": "milliampere-hour", "V": "volt", "kV": "kilovolt", "F": "farad", "Hz": "hertz",
    "kHz": "kilohertz", "MHz": "megahertz", "GHz": "gigahertz", "N·m": "newton metre",
    "lb·ft": "pound-foot", "GPa": "gigapascal", "MPa": "megapascal", "psi": "pound-force per square inch",
    "ksi": "kilopound per square inch", "dB": "decibel", "ppm": "part per million",
    "ppb": "parts-per-billion", "GB": "gigabyte", "MB": "megabyte", "TB": "terabyte",
    "Mbps": "megabit per second", "G": "generation wireless", "s": "second",
    "min": "minute", "h": "hour", "day": "day", "week": "week", "month": "month",
    "year": "year", "decade": "decade", "century": "century", "point": "point",
    "bp": "basis point", "pp": "percentage point", "ppg": "point per game",
    "rpg": "rebound per game", "apg": "assist per game", "WAR": "win above replacement",
    "kcal": "calorie", "MP": "megapixel", "m³": "cubic metre", "ft³": "cubic foot",
    "ly": "light-year", "TWh": "terawatt hour", "KES": "kenyan shilling",
    "GHS": "ghanaian cedi", "PHP": "philippine peso", "µF": "microfarad", "kt": "kiloton",
    "Sv": "sievert", "mSv": "millisievert", "R": "roentgen", "mmHg": "millimetre of mercury",
    "mbar": "millibar", "hPa": "hectopascal", "pc": "parsec", "st": "stone",
    "ms": "millisecond", "µs": "microsecond", "ns": "nanosecond", "fl oz": "fluid ounce",
}  # fmt: skip
QUANTULUM_NAMES = {
    "dimensionless": "-", "per cent": "percentage", "percentage drop": "percentage",
    "united states dollar": "dollar", "dollar dollar": "dollar", "tonne": "metric ton",
    "degree angle": "degree", "degree celsius": "celsius", "degree fahrenheit": "fahrenheit",
    "cubic centimetre": "millilitre", "yard yard": "yard",
}  # fmt: skip


def unit_name(unit: str | None) -> str:
    if unit is None:
        return "-"
    if "/" in unit and unit not in UNIT_NAMES:
        a, b = unit.split("/", 1)
        return f"{unit_name(a)} per {UNIT_NAMES.get(b, b)}"
    return UNIT_NAMES.get(unit, unit.lower())


def copytrail_tag(text: str) -> list[dict[str, Any]]:
    out = []
    for f in extract_figures(text):
        out.append({"value": _figure_value(f), "unit": _figure_unit(f)})
    return out


def _figure_value(f: Figure) -> Value:
    if f.qualifier in ("range", "vague") and f.low is not None and f.high is not None:
        return (f.low, f.high)
    return f.value


_FUNCTION_WORDS = frozenset("a an the and or of".split())


def _figure_unit(f: Figure) -> str:
    if f.counted == "age" and f.unit in ("year", "month", "week", "day"):
        return f"{f.unit} of age"
    if f.unit == "GBX" and f.text.rstrip().endswith("p"):
        return "point"  # CQE names the abbreviation of a share price in pence ("164p") "point"
    if f.unit is not None:
        return unit_name(f.unit)
    if f.counted:
        # CQE's normalised units keep content words only ("kia hyundai vehicle" for "Kia and
        # Hyundai vehicles"), so function words are dropped from the counted noun here too.
        c = " ".join(w for w in f.counted.lower().split() if w not in _FUNCTION_WORDS)
        return "count" if c == "time" else c
    return "-"


def quantulum_tag(text: str) -> list[dict[str, Any]]:
    from quantulum3 import parser

    out = []
    for q in parser.parse(text):
        name = q.unit.name.lower()
        out.append({"value": float(q.value), "unit": QUANTULUM_NAMES.get(name, name)})
    return out


def gold_value(raw: str, average_ranges: bool) -> Value:
    s = raw.strip()
    if "E" not in s and not s.startswith("-") and "-" in s:
        a, b = (float(x) for x in s.split("-", 1))
        return (a + b) / 2 if average_ranges else (a, b)
    return float(s)


def values_match(gold: Value, pred: Value) -> bool:
    if isinstance(gold, tuple) != isinstance(pred, tuple):
        return False
    if isinstance(gold, tuple) and isinstance(pred, tuple):
        g, p = sorted(gold), sorted(pred)
        return all(
            math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-8) for a, b in zip(g, p, strict=True)
        )
    assert not isinstance(gold, tuple) and not isinstance(pred, tuple)
    return math.isclose(gold, pred, rel_tol=1e-5, abs_tol=1e-8)


def score(
    data: list[dict[str, Any]], preds: list[list[dict[str, Any]]], average_ranges: bool
) -> dict[str, tuple[float, float, float]]:
    n_gold = n_pred = tp_v = tp_u = 0
    for item, pred in zip(data, preds, strict=True):
        gold = [
            (gold_value(q["value"], average_ranges), q["normalized_unit"].lower())
            for q in item["quantities"]
        ]
        n_gold += len(gold)
        n_pred += len(pred)
        used: set[int] = set()
        pending = []
        for gv, gu in gold:  # value+unit pairs first
            hit = next(
                (
                    i
                    for i, p in enumerate(pred)
                    if i not in used and values_match(gv, p["value"]) and p["unit"].lower() == gu
                ),
                None,
            )
            if hit is None:
                pending.append(gv)
                continue
            used.add(hit)
            tp_v += 1
            tp_u += 1
        for gv in pending:
            hit = next(
                (i for i, p in enumerate(pred) if i not in used and values_match(gv, p["value"])),
                None,
            )
            if hit is not None:
                used.add(hit)
                tp_v += 1
    return {"value": _prf(tp_v, n_gold, n_pred), "value+unit": _prf(tp_u, n_gold, n_pred)}


def _prf(tp: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(
    tagger: Callable[[str], list[dict[str, Any]]], data: list[dict[str, Any]]
) -> tuple[list[list[dict[str, Any]]], float]:
    for item in data[:10]:  # warm-up: lazy regex compilation, quantulum3's unit tables
        tagger(item["text"])
    t0 = time.perf_counter()
    preds = [tagger(item["text"]) for item in data]
    return preds, time.perf_counter() - t0


def show_errors(
    data: list[dict[str, Any]], preds: list[list[dict[str, Any]]], idx: list[int]
) -> None:
    """Print sentences where copytrail's values (not units) differ from the gold."""
    for i in idx:
        item, pred = data[i], preds[i]
        gold = [
            (gold_value(q["value"], False), q["normalized_unit"].lower())
            for q in item["quantities"]
        ]
        got = [(p["value"], p["unit"]) for p in pred]
        if score([item], [pred], False)["value"][2] < 1.0 and (gold or got):
            print(f"[{i}] {item['text']}\n   gold: {gold}\n   pred: {got}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--errors", choices=("dev", "heldout", "all"))
    ap.add_argument("--no-quantulum", action="store_true")
    ap.add_argument(
        "--heldout",
        action="store_true",
        help="also score the frozen held-out fifth (once a release)",
    )
    args = ap.parse_args()
    if args.errors == "heldout" and not args.heldout:
        ap.error("--errors heldout needs --heldout (the held-out split is frozen)")
    data = json.loads(Path(args.path).read_text(encoding="utf-8"))
    splits = {
        "all": list(range(len(data))),
        "dev": [i for i in range(len(data)) if i % 5 != 4],
    }
    if args.heldout:
        splits["heldout"] = [i for i in range(len(data)) if i % 5 == 4]
    else:  # "all" includes the held-out fifth, so it is frozen too
        del splits["all"]
    systems: list[tuple[str, Callable[[str], list[dict[str, Any]]], bool]] = [
        ("copytrail", copytrail_tag, False)
    ]
    if not args.no_quantulum:
        warnings.filterwarnings("ignore")
        systems.append(("quantulum3", quantulum_tag, True))
    print(
        f"NewsQuant: {len(data)} sentences, {sum(len(d['quantities']) for d in data)} gold quantities"
    )
    print(f"{'system':<11} {'split':<8} {'metric':<11} {'P':>6} {'R':>6} {'F1':>6}")
    results = {}
    for name, tagger, avg in systems:
        preds, secs = run(tagger, data)
        results[name] = (preds, secs)
        for split, idx in splits.items():
            sc = score([data[i] for i in idx], [preds[i] for i in idx], avg)
            for metric, (p, r, f1) in sc.items():
                print(f"{name:<11} {split:<8} {metric:<11} {p:6.3f} {r:6.3f} {f1:6.3f}")
        print(f"{name:<11} throughput {len(data) / secs:,.0f} sentences/s ({secs:.2f} s)")
    if len(results) == 2:
        c, q = results["copytrail"][1], results["quantulum3"][1]
        print(f"speed ratio copytrail/quantulum3: {q / c:.1f}x")
    if args.errors:
        show_errors(data, results["copytrail"][0], splits[args.errors])


if __name__ == "__main__":
    main()
