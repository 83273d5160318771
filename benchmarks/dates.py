"""Score claimkit's date reading against public test sets, beside dateparser.

Run from the repository root (needs the benchmark extra:
``pip install -e '.[bench]'``)::

    python benchmarks/dates.py
    python benchmarks/dates.py --data ../shared/benchmarks --show-errors 20
    python benchmarks/dates.py --only claimkit --show-errors 40

Sets (read from ``--data``; default ``../shared/benchmarks`` beside the
repository), all English specs of Microsoft Recognizers-Text
(``recognizers-text/Specs/DateTime/English/``), from
https://github.com/microsoft/Recognizers-Text (``Specs/DateTime/English``):

- ``date-extractor`` (``DateExtractor.json``) and ``date-period-extractor``
  (``DatePeriodExtractor.json``): spans only, so scored on spans only.
- ``date-parser`` (``DateParser.json``) and ``date-period-parser``
  (``DatePeriodParser.json``): spans and resolved intervals.
- ``datetime-model`` (``DateTimeModel.json``): spans and intervals of the results
  typed ``datetimeV2.date`` or ``datetimeV2.daterange``. Results of the other types
  (time, timerange, datetime, datetimerange, duration, set, timezone) are left out:
  times of day, durations and recurring sets are not calendar dates (claimkit's
  quantity grammar owns durations). A case whose only results are left out is
  dropped; a case with no results at all stays (it tests false alarms). A reading
  that matches no kept gold span but overlaps a left-out one is not scored, so a
  tool is not punished for reading part of "tomorrow at 5pm".

Each sentence is read with the spec's reference date (``Context.ReferenceDateTime``)
when it gives one, else with 2016-11-07 (the specs' usual one). Cases a spec marks
``NotSupportedByDesign`` are left out (``NotSupported`` names other ports and is
ignored). The script prints what it left out of each set.

claimkit is scored through ``claimkit.grammar.dates.find_dates(text, reference=...,
month_first=True)`` (no spaCy needed; the specs write numeric dates the American
way, month first, as a user reading American sources would set it): every
expression it returns is a reading, its interval is ``[date_start, date_end]``. dateparser is scored through
``dateparser.search.search_dates(text, languages=["en"])`` with the reference date
as ``RELATIVE_BASE``: each substring it returns is located in the sentence (searching
on from the previous one) and its interval is that one day. An exception counts
as no reading for that sentence (the script prints how many).

Matching rules:

- **Spans**: readings are matched one to one with the gold spans of their sentence,
  greedily left to right; a reading matches a gold span when their characters
  overlap. Span precision, recall and F1 come from those counts.
- **Exact spans**: the same, but the two spans must cover the same characters once
  surrounding spaces are stripped (the specs' model texts are lower-cased, so the
  comparison is by offsets, i.e. case-insensitive). Only F1 is shown.
- **Intervals**: over the gold items that have a resolution, the share whose
  overlapping reading states the same inclusive interval (a missed item counts as
  wrong). A gold date is ``[d, d]``; a gold date range is ``[start, end]``, and
  since Recognizers-Text ends whole periods exclusively ("Jan" is 2017-01-01 to
  2017-02-01) but names the last day of some explicit day ranges ("from 4 to 22
  this month" is 2016-11-04 to 2016-11-22), a reading is right when its end is
  the gold end or the day before. A range of whole periods ends, there, at the
  start of the last period it names ("from 2014 to 2018" ends 2018-01-01, "from
  week 31 to week 35" at week 35's Monday, "to 2018-q1" at 2018-01-01), where
  claimkit ends on its last day (2018-12-31, week 35's Sunday, 2018-03-31): that
  reading is right too. When the gold gives several readings (past and
  future senses of "October 2", unresolved timex ``XXXX-10-02``) any one may
  match. Open bounds on either side (claimkit's ``None``) never match. Gold
  items without two ISO dates (seasons in the period parser, "not resolved",
  the impossible-date mark 0001-01-01 of "2/29/2019" or "31st of this month"
  in November, open-ended "before 2010" / "since august") are left out of this
  score only, and counted.

Sentences per second are timed on the same inputs for both tools in the same run
(after a warm-up), with ``time.perf_counter``.

``--growth`` measures instead how reading time grows with the length of one
document: the demo corpus (``sources/``) joined into one text of about 50,000
characters, then 4 and 16 copies of it, each read by ``find_dates``,
``find_quantities`` (dates left to it) and the two components on
``spacy.blank("en")``, best of ``--rounds``. Each 4x step should cost about 4x;
the script says LINEAR when every step of the two grammars stays under 6x (a
generous bound: the machine's noise and the garbage collector), SUPERLINEAR
otherwise. The pipeline row is shown beside them: a figure that ends inside one
of spaCy's tokens ("two million2" with a footnote marker) has its token split,
and spaCy's retokenizer costs the length of the Doc per split, so a single Doc
with many such tokens grows faster than its text (reading long files in chunks
bounds it)::

    python benchmarks/dates.py --growth
"""

from __future__ import annotations

import argparse
import calendar
import json
import math
import re
import sys
import time
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from _scores import Score  # noqa: E402 (benchmarks/ is on the path when a script runs)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"
SPECS = Path("recognizers-text") / "Specs" / "DateTime" / "English"
SOURCES = ("Recognizers-Text specs: https://github.com/microsoft/Recognizers-Text"
           " (Specs/DateTime/English)")
DEFAULT_REFERENCE = date(2016, 11, 7)
KEPT_TYPES = {"datetimeV2.date", "datetimeV2.daterange"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
IMPOSSIBLE = "0001-01-01"  # Recognizers-Text's resolution of a date that cannot exist
ONE_DAY = timedelta(days=1)


@dataclass
class Gold:
    """One gold expression: its span and the intervals it may resolve to."""

    span: tuple[int, int]
    text: str
    # (first, last, whether the gold names a range), any one of which is right
    readings: list[tuple[date, date, bool]] = field(default_factory=list)
    # "resolved", "open", "unresolved", or "spans" in a set without resolutions
    status: str = "spans"


@dataclass
class Case:
    """One input sentence, its reference date and its gold."""

    text: str
    reference: date
    gold: list[Gold]
    # spans of the gold results of left-out types
    left_out: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Reading:
    """One expression a tool found and its inclusive interval (None: open, unknown)."""

    span: tuple[int, int]
    text: str
    first: date | None
    last: date | None


@dataclass
class Result:
    """One tool's counts and timing on one set."""

    span: Score = field(default_factory=Score)
    exact: Score = field(default_factory=Score)
    right: int = 0
    judged: int = 0
    seconds: float = 0.0
    failures: int = 0  # sentences on which the tool raised
    errors: list[str] = field(default_factory=list)


# -- loading the sets ------------------------------------------------------

def _iso(value) -> date | None:
    """An ISO date string as a date (None for anything else)."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _reference(row: dict) -> tuple[date, bool]:
    """The case's reference date and whether the spec gave it."""
    stamp = (row.get("Context") or {}).get("ReferenceDateTime")
    if stamp:
        return datetime.fromisoformat(stamp).date(), True
    return DEFAULT_REFERENCE, False


def _add_reading(gold: Gold, first, last, single=None) -> None:
    """Add one resolution (start and end, or a single date) to ``gold``."""
    if single is not None:
        d = _iso(single) if single != IMPOSSIBLE else None
        if d:
            gold.readings.append((d, d, False))
        return
    a, b = (_iso(x) if x != IMPOSSIBLE else None for x in (first, last))
    if a and b:
        gold.readings.append((a, b, True))
    elif a or b:
        gold.status = "open"


def _settle(gold: Gold) -> Gold:
    """Fix the gold item's status once all its resolutions are in."""
    gold.readings = list(dict.fromkeys(gold.readings))
    if gold.readings:
        gold.status = "resolved"
    elif gold.status != "open":
        gold.status = "unresolved"
    return gold


def _rows(path: Path, notes: dict) -> list[tuple[dict, date]]:
    """The spec's cases and their reference dates, less NotSupportedByDesign ones."""
    rows = []
    by_design = "NotSupportedByDesign cases"
    no_reference = "cases without a reference date"
    for row in json.loads(path.read_text(encoding="utf-8-sig")):
        if row.get("NotSupportedByDesign"):
            notes[by_design] = notes.get(by_design, 0) + 1
            continue
        ref, given = _reference(row)
        if not given:
            notes[no_reference] = notes.get(no_reference, 0) + 1
        rows.append((row, ref))
    return rows


def load_extractor(path: Path) -> tuple[list[Case], dict]:
    """An extractor spec: gold spans only."""
    notes: dict = {}
    cases = []
    for row, ref in _rows(path, notes):
        gold = [Gold((r["Start"], r["Start"] + r["Length"]), r["Text"])
                for r in row["Results"]]
        cases.append(Case(row["Input"], ref, gold))
    return cases, notes


def load_parser(path: Path) -> tuple[list[Case], dict]:
    """A parser spec: gold spans with their future and past resolutions."""
    notes: dict = {}
    cases = []
    for row, ref in _rows(path, notes):
        gold = []
        for r in row["Results"]:
            g = Gold((r["Start"], r["Start"] + r["Length"]), r["Text"])
            for key in ("FutureResolution", "PastResolution"):
                res = r["Value"].get(key) or {}
                _add_reading(g, res.get("startDate"), res.get("endDate"),
                             res.get("date"))
            gold.append(_settle(g))
        cases.append(Case(row["Input"], ref, gold))
    return cases, notes


def load_model(path: Path) -> tuple[list[Case], dict]:
    """The DateTimeModel spec: date and date-range results kept, others left out."""
    notes: dict = {}
    cases, left_results, dropped = [], 0, 0
    for row, ref in _rows(path, notes):
        gold, left_out = [], []
        for r in row["Results"]:
            span = (r["Start"], r["End"] + 1)
            if (r.get("TypeName") or r.get("Typename")) not in KEPT_TYPES:
                left_out.append(span)
                continue
            g = Gold(span, r["Text"])
            for v in r["Resolution"].get("values", []):
                _add_reading(g, v.get("start"), v.get("end"), v.get("value"))
            gold.append(_settle(g))
        left_results += len(left_out)
        if left_out and not gold:
            dropped += 1
            continue
        cases.append(Case(row["Input"], ref, gold, left_out))
    notes["results of other types (time, datetime, duration, set...)"] = left_results
    notes["cases with only those"] = dropped
    return cases, notes


SETS = (
    ("date-extractor", "DateExtractor.json", load_extractor),
    ("date-period-extractor", "DatePeriodExtractor.json", load_extractor),
    ("date-parser", "DateParser.json", load_parser),
    ("date-period-parser", "DatePeriodParser.json", load_parser),
    ("datetime-model", "DateTimeModel.json", load_model),
)


def load_sets(data: Path) -> list[tuple[str, list[Case], dict]]:
    """Every set whose spec file is under ``data``."""
    sets = []
    for name, file, loader in SETS:
        if (data / SPECS / file).exists():
            sets.append((name, *loader(data / SPECS / file)))
    return sets


# -- the tools --------------------------------------------------------------

class Claimkit:
    """claimkit's date grammar, called directly."""

    name = "claimkit"

    def __init__(self):
        from claimkit.grammar.dates import find_dates

        self.find_dates = find_dates
        self.failures = 0

    def read(self, case: Case):
        """find_dates on the sentence, with the case's reference date."""
        return self.find_dates(case.text, reference=case.reference, month_first=True)

    def readings(self, found, text: str) -> list[Reading]:
        """Every expression found, with its interval."""
        return [Reading((d.start, d.end), d.text, _iso(d.date_start), _iso(d.date_end))
                for d in found]


class Dateparser:
    """dateparser's ``search_dates``, as shipped."""

    name = "dateparser"

    def __init__(self):
        warnings.filterwarnings("ignore", module="dateparser")
        from dateparser.search import search_dates

        self.search_dates = search_dates
        self.failures = 0

    def read(self, case: Case):
        """search_dates on the sentence, the reference date as RELATIVE_BASE."""
        base = datetime.combine(case.reference, datetime.min.time())
        settings = {"RELATIVE_BASE": base, "RETURN_AS_TIMEZONE_AWARE": False}
        try:
            return self.search_dates(case.text, languages=["en"], settings=settings)
        except Exception:  # dateparser raises on some odd inputs: no reading then
            self.failures += 1
            return None

    def readings(self, found, text: str) -> list[Reading]:
        """Each substring found, located in ``text``, as that one day."""
        readings, cursor, lowered = [], 0, text.lower()
        for sub, when in found or []:
            at = text.find(sub, cursor)
            if at < 0:
                at = lowered.find(sub.lower())
            if at < 0:
                continue
            cursor = at + len(sub)
            readings.append(Reading((at, at + len(sub)), sub, when.date(), when.date()))
        return readings


# -- scoring -----------------------------------------------------------------

def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two character spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def _stripped(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span without surrounding whitespace."""
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _right_interval(gold: Gold, read: Reading) -> bool:
    """Whether the reading states a gold interval (a range may end a day early)."""
    if read.first is None or read.last is None:
        return False
    return any(
        read.first == a and (read.last == b or (ranged and (read.last == b - ONE_DAY or _ends_period_at(read.last, b))))
        for a, b, ranged in gold.readings
    )


def _ends_period_at(last: date, gold_end: date) -> bool:
    """"from 2014 to 2018": the spec ends at 2018-01-01 (the start of the last named period), claimkit at
    2018-12-31 (its last day); both name the same interval."""
    if last == gold_end + timedelta(days=6) and gold_end.weekday() == 0:
        return True  # "from week 31 to week 35" ends at the Monday of week 35 there
    if gold_end.day != 1:
        return False
    month_end = date(gold_end.year, gold_end.month, calendar.monthrange(gold_end.year, gold_end.month)[1])
    q_month = gold_end.month + 2
    quarter_end = date(gold_end.year, q_month, calendar.monthrange(gold_end.year, q_month)[1]) if q_month <= 12 else None
    return last in (month_end, quarter_end if gold_end.month % 3 == 1 else None,
                    date(gold_end.year, 12, 31) if gold_end.month == 1 else None)


def _match(gold: list[Gold], read: list[Reading], same) -> tuple[dict, list[Reading]]:
    """Greedy one-to-one matching, left to right: gold index -> reading; the rest."""
    free = sorted(read, key=lambda r: r.span)
    pairs = {}
    for k in sorted(range(len(gold)), key=lambda k: gold[k].span):
        hit = next((r for r in free if same(gold[k], r)), None)
        if hit is not None:
            pairs[k] = hit
            free.remove(hit)
    return pairs, free


def _count(score: Score, gold: int, pairs: int, extra: int) -> None:
    """Add one sentence's matches, misses and extra readings to ``score``."""
    score.tp += pairs
    score.fn += gold - pairs
    score.fp += extra


def score_case(case: Case, read: list[Reading], result: Result, show: bool) -> None:
    """Match readings to the gold of one sentence and add the counts to ``result``."""
    pairs, free = _match(case.gold, read, lambda g, r: _overlaps(g.span, r.span))
    extra = [r for r in free if not any(_overlaps(r.span, s) for s in case.left_out)]
    scored = list(pairs.values()) + extra
    _count(result.span, len(case.gold), len(pairs), len(extra))
    exact_pairs, exact_free = _match(
        case.gold, scored,
        lambda g, r: _stripped(case.text, g.span) == _stripped(case.text, r.span))
    _count(result.exact, len(case.gold), len(exact_pairs), len(exact_free))
    for k, g in enumerate(case.gold):
        if g.status == "resolved":
            result.judged += 1
            r = pairs.get(k)
            if r is not None and _right_interval(g, r):
                result.right += 1
            elif show and r is not None:
                want = " or ".join(f"{a}..{b}" for a, b, _ in g.readings)
                result.errors.append(
                    f"  interval {r.text!r}: read {r.first}..{r.last}, gold {want}"
                    f" (ref {case.reference}) in: {case.text[:90]!r}")
        if show and k not in pairs:
            result.errors.append(f"  missed {g.text!r} in: {case.text[:90]!r}")
    if show:
        for r in extra:
            result.errors.append(f"  extra {r.text!r} in: {case.text[:90]!r}")


def run(tool, cases: list[Case], show: bool) -> Result:
    """Read every case with ``tool`` (timed), then score the readings."""
    for case in cases[:5]:
        tool.read(case)  # warm-up: first calls build caches
    tool.failures = 0
    started = time.perf_counter()
    outputs = [tool.read(case) for case in cases]
    result = Result(seconds=time.perf_counter() - started, failures=tool.failures)
    for case, out in zip(cases, outputs, strict=True):
        score_case(case, tool.readings(out, case.text), result, show)
    return result


# -- report -----------------------------------------------------------------

def _row(tool: str, r: Result, n: int) -> str:
    """One row: span P R F1, exact-span F1, interval accuracy, sentences per second."""
    p, rec, f = r.span.prf()
    exact = r.exact.prf()[2]
    acc = f"{r.right / r.judged:5.3f} ({r.judged:4d})" if r.judged else "  -"
    rate = n / r.seconds if r.seconds else float("inf")
    failed = f"  ({r.failures} sentences raised: no reading)" if r.failures else ""
    return (f"  {tool:<11} | {p:5.3f} {rec:5.3f} {f:5.3f} | {exact:13.3f} | {acc:<16}"
            f" | {rate:11.0f}{failed}")


def _set_header(name: str, cases: list[Case], notes: dict) -> str:
    """The set's lines: sentences, gold spans, gold intervals and what was left out."""
    gold = [g for c in cases for g in c.gold]
    status = {s: sum(g.status == s for g in gold)
              for s in ("resolved", "open", "unresolved")}
    lines = [f"\n{name}: {len(cases)} sentences, {len(gold)} gold spans,"
             f" {status['resolved']} gold intervals"]
    for key, count in notes.items():
        if key == "cases without a reference date":
            lines.append(f"  {key}: {count} (read with {DEFAULT_REFERENCE})")
        elif count:
            lines.append(f"  left out: {key}: {count}")
    if status["open"]:
        lines.append("  left out of intervals: open-ended gold items"
                     f" (before/since/after ...): {status['open']}")
    if status["unresolved"]:
        lines.append("  left out of intervals: gold items without two ISO dates"
                     f" (seasons, impossible, 'not resolved'): {status['unresolved']}")
    return "\n".join(lines)


LEGEND = """
span P R F1: readings overlapping a gold span, matched one to one, left to right.
exact-span F1: the same with identical spans (surrounding spaces stripped).
interval acc (n): share of the n resolved gold items whose overlapping reading
  has the same inclusive interval (a gold range may end on its end or the day
  before); '-' for the span-only sets.
sentences/s: the tool's reading time alone, after a warm-up, same inputs, same run.
datetime-model keeps datetimeV2.date and .daterange results: times of day,
  datetimes, durations and recurring sets are not calendar dates; readings that
  only overlap those left-out results are not scored."""


GROWTH_BOUND = 6.0  # seconds ratio allowed per 4x more text


def growth(rounds: int) -> int:
    """Print how reading time grows with one document's length; 0 when every 4x step costs under 6x."""
    import spacy

    from claimkit.grammar import find_dates, find_quantities

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sources").glob("*.txt"))]
    base = "\n\n".join(texts)
    base = (base + "\n\n") * max(1, 50_000 // max(len(base), 1))
    nlp = spacy.blank("en")
    nlp.add_pipe("claimkit_dates")
    nlp.add_pipe("claimkit_quantities")
    nlp.max_length = 20 * len(base)
    readers = {
        "find_dates": lambda t: find_dates(t),
        "find_quantities": lambda t: find_quantities(t),
        "blank pipeline": lambda t: nlp(t),
    }
    readers["find_dates"](base[:5000])  # warm-up: data files, caches
    ok = True
    print(f"one document of {len(base):,} characters (the demo corpus joined), then 4x and 16x; best of {rounds}")
    print(f"  {'reader':<16} | {'1x s':>7} | {'4x s':>7} | {'16x s':>7} | growth per 4x")
    for name, read in readers.items():
        seconds = []
        for copies in (1, 4, 16):
            text = base * copies
            best = math.inf
            for _ in range(rounds):
                started = time.perf_counter()
                read(text)
                best = min(best, time.perf_counter() - started)
            seconds.append(best)
        steps = [b / a if a else math.inf for a, b in zip(seconds, seconds[1:])]
        if name != "blank pipeline":
            ok &= all(step < GROWTH_BOUND for step in steps)
        print(f"  {name:<16} | {seconds[0]:7.2f} | {seconds[1]:7.2f} | {seconds[2]:7.2f} | "
              + ", ".join(f"{step:.1f}x" for step in steps))
    from claimkit.nlp.align import _cuts

    doc = nlp.make_doc(base)
    cuts = len(_cuts(doc, [(q.start, q.end) for q in find_quantities(base)]))
    print(f"  (the pipeline splits {cuts} of spaCy's {len(doc):,} tokens at 1x, each split costing the Doc's length)")
    print("grammars: LINEAR" if ok else f"grammars: SUPERLINEAR (a 4x step cost {GROWTH_BOUND:.0f}x or more)")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    """Score both tools on every set found and print the table (2: no data or tool)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA,
                    help="folder holding recognizers-text/ (default: %(default)s)")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N",
                    help="print up to N of claimkit's misses, extra readings and wrong"
                         " intervals per set")
    ap.add_argument("--only", choices=["claimkit", "dateparser"],
                    help="run one tool only")
    ap.add_argument("--growth", action="store_true",
                    help="time one document of 1x, 4x and 16x the demo corpus instead of scoring")
    ap.add_argument("--rounds", type=int, default=3, metavar="N", help="rounds per size with --growth (best kept)")
    args = ap.parse_args(argv)
    if args.growth:
        return growth(args.rounds)
    sets = load_sets(args.data)
    if not sets:
        print(f"No benchmark data under {args.data / SPECS}."
              f" The public data comes from:\n{SOURCES}\n"
              "Pass the folder holding recognizers-text/ with --data.", file=sys.stderr)
        return 2
    tools = []
    if args.only != "dateparser":
        tools.append(Claimkit())
    if args.only != "claimkit":
        try:
            tools.append(Dateparser())
        except ImportError:
            print("dateparser is not installed: pip install -e '.[bench]'",
                  file=sys.stderr)
            return 2
    header = ("  tool        | span P R     F1    | exact-span F1 | interval acc (n)"
              " | sentences/s")
    for name, cases, notes in sets:
        print(_set_header(name, cases, notes))
        print(header)
        for tool in tools:
            result = run(tool, cases, args.show_errors > 0 and tool.name == "claimkit")
            print(_row(tool.name, result, len(cases)))
            for line in result.errors[: args.show_errors]:
                print(line)
    print(LEGEND)
    return 0


if __name__ == "__main__":
    sys.exit(main())
