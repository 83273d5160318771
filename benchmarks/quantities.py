"""Score claimkit's quantity reading against public test sets, beside quantulum3.

Run from the repository root (needs the benchmark extra: ``pip install -e '.[bench]'``)::

    python benchmarks/quantities.py
    python benchmarks/quantities.py --data ../shared/benchmarks --show-errors 20

Sets (read from ``--data``; default ``../shared/benchmarks`` beside the repository):

- ``quantulum3``: quantulum3's own English suite (``quantulum3/quantities.json``),
  from https://github.com/nielstron/quantulum3 (``quantulum3/tests/quantities.json``).
- ``rt-number``, ``rt-numberrange``, ``rt-percent``: the English Number,
  NumberRange and Percent specs of Microsoft Recognizers-Text
  (``recognizers-text/Specs/Number/English/``), from
  https://github.com/microsoft/Recognizers-Text (``Specs/Number/English``).
- ``rt-currency``, ``rt-dimension``, ``rt-temperature``, ``rt-age``: its
  NumberWithUnit specs (``Specs/NumberWithUnit/English``), each gold figure
  with its own unit ("Canadian dollar", "Square meter", "F", "Year").

Each tool reads every input sentence; its readings are matched one to one with
the gold items of that sentence. Matching rules:

- **Spans**: a reading can only match a gold item whose characters it overlaps
  (quantulum3's gold has no offsets: the gold ``surface`` is located in the sentence).
- **value**: the figures stated must be equal (relative tolerance 1e-6). A single
  figure states one number; a range states its two ends; an open bound
  ("more than 20", NumberRange's ``(20,)``) states its one end. quantulum3's
  ranges (midpoint ± uncertainty) state midpoint - uncertainty and midpoint +
  uncertainty. claimkit stores a share written as a fraction ("two thirds") as a
  percent and a ratio ("one out of three") as part and whole; both also offer
  their plain fraction (0.667, 0.333) as a reading, since that is what the
  specs write down for them.
- **Counting units**: quantulum3 reads "a dozen" as 1 dozen, claimkit as 12;
  its gold and its readings are multiplied out (``COUNTED_UNITS``) before matching.
- **value+unit**: the value matches and the units are the same after mapping
  each tool's unit names to one vocabulary (``UNIT_NAMES``; on the
  NumberWithUnit sets, names are compared by ``unit_key``: lower case, British
  spelling, singular, and the synonyms of ``UNIT_SYNONYMS``; claimkit's unit
  is its ``unit_name``, or the ISO code for a currency, quantulum3's its unit's
  name, or its currency code).
- **Typed sets**: each NumberWithUnit spec annotates one kind of measure (a
  Currency model finds money and nothing else), so on those sets each tool's
  readings of other kinds are left out before matching, for both tools alike:
  claimkit's by the reading's ``dimension``, quantulum3's by its unit's entity
  (``MEASURE_OF_SET``; "degree" counts as a temperature and as a dimension,
  and a duration as an age). Gold items whose
  unit is a scientific or computing unit a history toolkit does not read
  (``LEFT_OUT_UNITS``) are left out of this score only, and counted.
- **value+qualifier**: the value matches and so does the kind of bound:
  ``point`` (exact or approximate: the public sets do not mark approximation),
  ``range``, ``more_than``, ``at_least``, ``less_than`` or ``at_most``.
  quantulum3 has no notion of bounds, so its readings are points or ranges.
- **Years**: quantulum3's suite and the Number spec count a bare year ("in
  1979") as a number; claimkit reads it as a date (a date claim in the claims
  table), so on those sets the year of such a date span counts as claimkit's
  reading of that number. The NumberRange and Percent specs never count years,
  so on those sets a bare year-shaped reading (four digits, 1000-2100) is
  dropped for both tools.
- Cases a Recognizers-Text spec marks ``NotSupportedByDesign`` are left out
  (the script prints how many). Gold items without a value (Percent's bare
  "percent") are left out of every score.

Sentences per second are timed on the same inputs for both tools in the same
run (after a warm-up), claimkit as its two spaCy components on a blank English
pipeline, quantulum3 as ``parser.parse``.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from _scores import Score  # noqa: E402 (benchmarks/ is on the path when a script runs)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"
SOURCES = (
    "quantulum3 suite: https://github.com/nielstron/quantulum3 (quantulum3/tests/quantities.json)\n"
    "Recognizers-Text specs: https://github.com/microsoft/Recognizers-Text (Specs/Number/English)"
)

# Unit names of both tools (and the gold sets) mapped to one vocabulary.
UNIT_NAMES = {
    "dimensionless": "count", "number": "count", "count": "count", "age": "year",
    "percentage": "percent", "percent": "percent",
    "dollar": "USD", "euro": "EUR", "pound sterling": "GBP", "yen": "JPY", "cent": "cent", "penny": "penny",
    "dime": "dime",
    "kilometre": "km", "mile": "mile", "metre": "m", "inch": "inch", "foot": "ft", "yard": "yd",
    "centimetre": "cm", "millimetre": "mm",
    "square kilometre": "km2", "square mile": "mi2", "square metre": "m2", "hectare": "ha", "acre": "acre",
    "cubic kilometre": "km3", "cubic centimetre": "ml", "litre": "l", "centilitre": "cl", "gallon": "gallon",
    "kilogram": "kg", "milligram": "mg", "gram": "g", "tonne": "t", "pound-mass": "lb",
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week", "month": "month",
    "year": "year", "decade": "decade", "century": "century",
    "degree Celsius": "C", "degree fahrenheit": "F", "kilometre per hour": "km/h",
    "dozen": "dozen", "gross": "gross",
}
# quantulum3 suite units a history toolkit has no use for: left out of value+unit.
LEFT_OUT_UNITS = {
    "electronvolt", "teraelectronvolt", "inverse femtobarn", "picometre", "nanometre", "attometre",
    "inverse second", "count per week", "watt per minute", "dollar per hour", "kilometre per square second",
    "dollar per kilogram", "exabyte", "kibibyte", "bit", "byte", "megabyte", "watt hour", "megawatt hour",
    "ton per day", "joule second", "baker's dozen", "gigayear", "megayear", "joule per square metre per year",
    "candela second", "gigahertz", "milligray", "kelvin", "cup", "tablespoon",
}
_YEAR = re.compile(r"1\d{3}|20\d{2}|2100")
# NumberWithUnit gold names and both tools' unit names, as one key (see unit_key).
UNIT_SYNONYMS = {
    "dollar": "usd", "united states dollar": "usd", "us dollar": "usd", "canadian dollar": "cad",
    "australian dollar": "aud", "new zealand dollar": "nzd", "hong kong dollar": "hkd", "japanese yen": "jpy",
    "yen": "jpy", "euro": "eur", "british pound": "gbp", "pound sterling": "gbp", "chinese yuan": "cny",
    "yuan": "cny", "swiss franc": "chf", "mexican peso": "mxn", "turkish lira": "try", "sri lankan rupee": "lkr",
    "lao kip": "lak", "georgian lari": "gel", "costa rican colón": "crc", "netherlands guilder": "nlg",
    "dutch guilder": "nlg", "finnish markka": "fim", "peseta": "esp", "spanish peseta": "esp", "pence": "penny",
    "gbp": "penny", "bitcoin": "btc", "c": "degree celsius", "f": "degree fahrenheit", "celsius": "degree celsius",
    "fahrenheit": "degree fahrenheit", "metric ton": "tonne", "ton": "tonne", "franc": "frf", "rupee": "inr", "year of age": "year", "age": "year",
    "square meter": "square metre", "kilometre per hour": "kilometre per hour", "megabit": "megabit",
    "pound-mass": "pound", "mile per hour": "mile per hour", "cubic foot": "cubic foot",
}
# Counting units quantulum3 keeps as units; claimkit multiplies them out.
COUNTED_UNITS = {"dozen": 12, "gross": 144, "baker's dozen": 13}
BOUND_KINDS = {
    "exact": "point", "approximate": "point", "only": "point", "range": "range",
    "more_than": "more_than", "at_least": "at_least", "less_than": "less_than", "at_most": "at_most",
}


@dataclass
class Item:
    """One figure, gold or read: where it stands, the numbers it states, its unit and bound kind."""

    span: tuple[int, int] | None
    readings: list[tuple[float, ...]]
    unit: str
    kind: str
    text: str = ""
    raw_unit: str = ""
    reading_units: list[str] = field(default_factory=list)  # a unit per reading when they differ
    measures: frozenset = frozenset()  # the kinds of measure it is (see MEASURE_OF_SET)
    base_unit: str = ""  # a rate's unit without its "per" part ("$2 billion a year" states dollars)

    def unit_of(self, k: int) -> str:
        return self.reading_units[k] if k < len(self.reading_units) else self.unit


@dataclass
class Case:
    text: str
    gold: list[Item]
    years_count: bool = True  # whether this set's gold counts a bare year as a number


@dataclass
class Result:
    value: Score = field(default_factory=Score)
    unit: Score = field(default_factory=Score)
    qualifier: Score = field(default_factory=Score)
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


# -- loading the sets ------------------------------------------------------

def _canon_unit(name: str) -> str:
    return UNIT_NAMES.get(name, name)


def load_quantulum3(path: Path) -> tuple[list[Case], dict]:
    """quantulum3's suite: ranges are midpoint ± uncertainty, spans are found by surface."""
    cases, left_out_units = [], 0
    for row in json.loads(path.read_text(encoding="utf-8")):
        text, gold, cursor = row["req"], [], 0
        for res in row["res"]:
            at = text.find(res["surface"], cursor)
            at = text.find(res["surface"]) if at < 0 else at
            span = (at, at + len(res["surface"])) if at >= 0 else None
            if at >= 0:
                cursor = at + len(res["surface"])
            v, u = float(res["value"]), res.get("uncertainty")
            if res["unit"] in COUNTED_UNITS:  # "a dozen" is 1 dozen there, 12 here
                v, u = v * COUNTED_UNITS[res["unit"]], (u or 0) * COUNTED_UNITS[res["unit"]]
                res = {**res, "unit": "dimensionless"}
            readings = [(v - u, v + u)] if u else [(v,)]
            left_out_units += res["unit"] in LEFT_OUT_UNITS
            gold.append(Item(span, readings, _canon_unit(res["unit"]), "range" if u else "point",
                             res["surface"], res["unit"]))
        cases.append(Case(text, gold))
    return cases, {"left out of value+unit (scientific units)": left_out_units}


_INTERVAL = re.compile(r"^([\[(])\s*([^,]*)\s*,\s*([^\])]*)\s*([\])])$")


def _rt_item(text: str, res: dict, unit: str) -> Item | None:
    """One Recognizers-Text result as an Item (None when the gold has no value)."""
    value = res["Resolution"].get("value")
    if value in (None, "null"):
        return None
    span = (res["Start"], res["End"] + 1)
    m = _INTERVAL.match(value)
    if not m:
        return Item(span, [(float(value.rstrip("%")),)], unit, "point", res["Text"])
    lo_open, lo, hi, hi_open = m.group(1) == "(", m.group(2).strip(), m.group(3).strip(), m.group(4) == ")"
    if lo and hi:
        lo_v, hi_v = float(lo), float(hi)
        if lo_v == hi_v:
            return Item(span, [(lo_v,)], unit, "point", res["Text"])
        return Item(span, [(lo_v, hi_v)], unit, "range", res["Text"])
    if lo:
        return Item(span, [(float(lo),)], unit, "more_than" if lo_open else "at_least", res["Text"])
    return Item(span, [(float(hi),)], unit, "less_than" if hi_open else "at_most", res["Text"])


def load_rt(path: Path, unit: str, years_count: bool) -> tuple[list[Case], dict]:
    """A Recognizers-Text spec; cases marked NotSupportedByDesign are left out."""
    cases, by_design, no_value = [], 0, 0
    for row in json.loads(path.read_text(encoding="utf-8-sig")):
        if row.get("NotSupportedByDesign"):
            by_design += 1
            continue
        gold = []
        for res in row.get("Results", []):
            item = _rt_item(row["Input"], res, unit)
            if item is None:
                no_value += 1
            else:
                gold.append(item)
        cases.append(Case(row["Input"], gold, years_count))
    return cases, {"cases left out (NotSupportedByDesign)": by_design, "gold items without a value": no_value}


def unit_key(name: str | None) -> str:
    """One spelling for a unit name: lower case, British "metre"/"litre", singular, synonyms merged."""
    key = (name or "").strip().lower().replace("meter", "metre").replace("liter", "litre")
    key = UNIT_SYNONYMS.get(key, key)
    if key.endswith("s") and not key.endswith(("ss", "us", "celsius")) and len(key) > 3:
        key = key[:-1]
    return UNIT_SYNONYMS.get(key, key)


def _base(unit: str, code: str | None) -> str:
    """The unit of a rate without its "per" part, as a key ("us dollar per year" -> "usd")."""
    if " per " in unit:
        return unit_key(unit.split(" per ")[0])
    if code and "/" in code and code.split("/")[0].isupper():
        return code.split("/")[0].lower()
    return ""


def load_rt_units(path: Path) -> tuple[list[Case], dict]:
    """A Recognizers-Text NumberWithUnit spec: each gold figure a point with its own unit."""
    cases, by_design, no_value = [], 0, 0
    pound_is_money = "Currency" in path.name
    for row in json.loads(path.read_text(encoding="utf-8-sig")):
        if row.get("NotSupportedByDesign"):
            by_design += 1
            continue
        gold = []
        for res in row.get("Results", []):
            value, unit = res["Resolution"].get("value"), res["Resolution"].get("unit") or ""
            if value in (None, "null"):
                no_value += 1
                continue
            key = res["Resolution"].get("isoCurrency", "").lower() or unit_key(unit)
            if key == "pound" and pound_is_money:
                key = "gbp"
            gold.append(Item((res["Start"], res["End"] + 1), [(float(value),)], key, "point", res["Text"], unit))
        cases.append(Case(row["Input"], gold, False))
    return cases, {"cases left out (NotSupportedByDesign)": by_design, "gold items without a value": no_value}


# -- the tools --------------------------------------------------------------

class Claimkit:
    """claimkit's dates and quantities components on a blank English pipeline."""

    name = "claimkit"
    by_name = False  # NumberWithUnit sets compare canonical unit names

    def __init__(self):
        import spacy

        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("claimkit_dates")
        self.nlp.add_pipe("claimkit_quantities")

    def read(self, text: str):
        return self.nlp(text)

    def items(self, doc) -> list[Item]:
        found = []
        for s in doc.spans["quantities"]:
            q = s._
            kind = BOUND_KINDS.get(q.qualifier, "other")
            if q.qualifier == "range":
                readings = [(q.low, q.high)]
            elif q.value is not None:
                readings = [(q.value,)]
            else:
                readings = [tuple(x for x in (q.low, q.high) if x is not None)]
            unit = _canon_unit(q.unit)
            if self.by_name:
                unit = q.unit.lower() if q.dimension == "currency" and q.unit.isupper() else unit_key(q.unit_name)
            written_share = unit == "percent" and not re.search(r"%|per ?cent|pct", s.text, re.IGNORECASE)
            if q.share is not None and (q.part is not None or written_share):
                readings.append((q.share / 100,))
            elif written_share and q.qualifier == "range":
                readings.append((q.low / 100, q.high / 100))
            units = [unit] + ["count"] * (len(readings) - 1)  # the plain fraction is a number
            found.append(Item((s.start_char, s.end_char), readings, unit, kind, s.text, q.unit, units,
                              measures_of(q.dimension, q.unit), _base(unit, q.unit)))
        for s in doc.spans.get("dates", []):
            if re.fullmatch(r"\d{4}", s.text) and s._.precision == "year":
                found.append(Item((s.start_char, s.end_char), [(float(s.text),)], "count", "point", s.text, "year"))
        return found


class Quantulum3:
    """quantulum3's parser, as shipped."""

    name = "quantulum3"
    by_name = False

    def __init__(self):
        warnings.filterwarnings("ignore", module="quantulum3")
        from quantulum3 import parser

        self.parser = parser

    def read(self, text: str):
        return self.parser.parse(text)

    def items(self, found) -> list[Item]:
        items = []
        for q in found:
            u, v, unit = q.uncertainty, q.value, q.unit.name
            if unit in COUNTED_UNITS:  # multiplied out as in the gold
                v, u, unit = v * COUNTED_UNITS[unit], (u or 0) * COUNTED_UNITS[unit], "dimensionless"
            readings = [(v - u, v + u)] if u else [(v,)]
            canon = _canon_unit(unit)
            if self.by_name:
                code = getattr(q.unit, "currency_code", None)
                canon = code.lower() if code else unit_key(q.unit.name)
            items.append(Item(tuple(q.span), readings, canon, "range" if u else "point", q.surface, q.unit.name,
                              measures=measures_of(q.unit.entity.name, q.unit.name.split()[0]),
                              base_unit=unit_key(q.unit.name.split(" per ")[0]) if " per " in q.unit.name else ""))
        return items


# -- scoring -----------------------------------------------------------------

def _same_numbers(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return len(a) == len(b) and all(
        x is not None and y is not None and math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9)
        for x, y in zip(sorted(a), sorted(b))
    )


def _overlaps(a, b) -> bool:
    return a is None or b is None or (a[0] < b[1] and b[0] < a[1])


def _value_match(gold: Item, read: Item) -> int | None:
    """Index of the reading of ``read`` that states the gold figure (None when none does)."""
    if not _overlaps(gold.span, read.span):
        return None
    return next((k for k, r in enumerate(read.readings) if any(_same_numbers(g, r) for g in gold.readings)), None)


def score_case(case: Case, read: list[Item], result: Result, show: bool) -> None:
    """Match readings to gold one to one and add the counts to ``result``."""
    free = list(read)
    pairs = []
    for g in case.gold:
        hit = next(((r, k) for r in free if (k := _value_match(g, r)) is not None), None)
        if hit is None:
            result.value.fn += 1
            result.qualifier.fn += 1
            if g.raw_unit not in LEFT_OUT_UNITS:
                result.unit.fn += 1
            if show:
                result.errors.append(f"  missed {g.text!r} {g.readings[0]} {g.unit} in: {case.text[:90]!r}")
            continue
        free.remove(hit[0])
        pairs.append((g, *hit))
    for g, r, k in pairs:
        result.value.tp += 1
        if g.kind == r.kind:
            result.qualifier.tp += 1
        else:
            result.qualifier.fp += 1
            result.qualifier.fn += 1
            if show:
                result.errors.append(f"  bound {r.text!r}: read {r.kind}, gold {g.kind} in: {case.text[:90]!r}")
        if g.raw_unit in LEFT_OUT_UNITS:
            continue
        if g.unit == r.unit_of(k) or g.unit and g.unit == r.base_unit:
            result.unit.tp += 1
        else:
            result.unit.fp += 1
            result.unit.fn += 1
            if show:
                result.errors.append(f"  unit {r.text!r}: read {r.unit_of(k)}, gold {g.unit} in: {case.text[:90]!r}")
    for r in free:
        result.value.fp += 1
        result.qualifier.fp += 1
        result.unit.fp += 1
        if show:
            result.errors.append(f"  extra {r.text!r} {r.readings[0]} in: {case.text[:90]!r}")


def run(tool, cases: list[Case], show: bool, by_name: bool = False, measure: str | None = None) -> Result:
    """Read every case with ``tool`` (timed), then score the readings."""
    tool.by_name = by_name
    for case in cases[:5]:
        tool.read(case.text)  # warm-up: first calls build caches
    started = time.perf_counter()
    outputs = [tool.read(case.text) for case in cases]
    result = Result(seconds=time.perf_counter() - started)
    for case, out in zip(cases, outputs):
        items = tool.items(out)
        if measure:
            items = [r for r in items if measure in r.measures]
        if not case.years_count:
            items = [r for r in items if not _YEAR.fullmatch(r.text.strip())]
        score_case(case, items, result, show)
    return result


def load_sets(data: Path) -> list[tuple[str, list[Case], dict]]:
    specs = data / "recognizers-text" / "Specs" / "Number" / "English"
    sets = []
    if (data / "quantulum3" / "quantities.json").exists():
        sets.append(("quantulum3", *load_quantulum3(data / "quantulum3" / "quantities.json")))
    for name, file, unit, years_count in (
        ("rt-number", "NumberModel.json", "count", True),
        ("rt-numberrange", "NumberRangeModel.json", "count", False),
        ("rt-percent", "PercentModel.json", "percent", False),
    ):
        if (specs / file).exists():
            sets.append((name, *load_rt(specs / file, unit, years_count)))
    with_units = data / "recognizers-text" / "Specs" / "NumberWithUnit" / "English"
    for name, file in (("rt-currency", "CurrencyModel.json"), ("rt-dimension", "DimensionModel.json"),
                       ("rt-temperature", "TemperatureModel.json"), ("rt-age", "AgeModel.json")):
        if (with_units / file).exists():
            sets.append((name, *load_rt_units(with_units / file)))
    return sets


UNIT_SETS = {"rt-currency", "rt-dimension", "rt-temperature", "rt-age"}
MEASURE_OF_SET = {"rt-currency": "currency", "rt-dimension": "dimension", "rt-temperature": "temperature",
                  "rt-age": "age"}
_NOT_DIMENSIONS = {None, "", "count", "share", "share difference", "ratio", "score", "time", "age", "dimensionless",
                   "unknown", "currency", "temperature"}


def measures_of(dimension: str | None, unit: str | None) -> frozenset:
    """The typed sets a reading of this dimension (claimkit's) or entity (quantulum3's) belongs to."""
    kinds = set()
    if dimension and dimension.split("/")[0] == "currency":
        kinds.add("currency")
    if dimension == "temperature" or unit in ("C", "F"):
        kinds.add("temperature")
    if dimension in ("age", "time"):
        kinds.add("age")
    if dimension not in _NOT_DIMENSIONS and "currency" not in kinds:
        kinds.add("dimension")
    return frozenset(kinds)


def _row(tool: str, r: Result, n: int) -> str:
    cells = []
    for s in (r.value, r.unit, r.qualifier):
        p, rec, f = s.prf()
        cells.append(f"{p:5.3f} {rec:5.3f} {f:5.3f}")
    rate = n / r.seconds if r.seconds else float("inf")
    return f"  {tool:<11} | " + " | ".join(cells) + f" | {rate:9.0f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA,
                    help="folder holding quantulum3/ and recognizers-text/ (default: %(default)s)")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N",
                    help="print up to N of claimkit's misses and extra readings per set")
    ap.add_argument("--only", choices=["claimkit", "quantulum3"], help="run one tool only")
    args = ap.parse_args(argv)
    sets = load_sets(args.data)
    if not sets:
        print(f"No benchmark data under {args.data}. The public data comes from:\n{SOURCES}\n"
              "Pass its folder with --data.", file=sys.stderr)
        return 2
    tools = []
    if args.only != "quantulum3":
        tools.append(Claimkit())
    if args.only != "claimkit":
        try:
            tools.append(Quantulum3())
        except ImportError:
            print("quantulum3 is not installed: pip install -e '.[bench]'", file=sys.stderr)
            return 2
    header = "  tool        | value P   R     F1   | +unit P   R     F1   | +qual P   R     F1   | sentences/s"
    for name, cases, notes in sets:
        gold = sum(len(c.gold) for c in cases)
        extra = "; ".join(f"{k}: {v}" for k, v in notes.items())
        print(f"\n{name}: {len(cases)} sentences, {gold} gold figures ({extra})")
        print(header)
        for tool in tools:
            result = run(tool, cases, args.show_errors > 0 and tool.name == "claimkit", name in UNIT_SETS, MEASURE_OF_SET.get(name))
            print(_row(tool.name, result, len(cases)))
            for line in result.errors[: args.show_errors]:
                print(line)
    print("\nLeft out of value+unit (scientific units): " + ", ".join(sorted(LEFT_OUT_UNITS)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
