"""The interval a claim stands for, by the rule historians round by.

Figures:
- an exact figure stands for itself, as the author wrote it: "19,240" is 19,240, and a bare
  "20,000" is 20,000;
- an approximate figure ("about", "roughly", "some", "around", "approximately", "c.") stands for
  what rounds to it: half a step of its last significant digit on either side ("roughly 680,000"
  is 675,000-685,000, "approximately 700,000" is 650,000-750,000, so the two agree), but never
  more than the tolerance band of 10% of the value: "about one million" is 900,000-1,100,000
  and "about two million" 1.8-2.2 million, so those two conflict. "Nearly", "almost" and
  "close to" take the lower half only ("nearly 20,000": 18,000-20,000);
- an upper estimate ("as many as", "as much as", "as high as", "up to") is a figure near its
  bound: the bound and the band below it ("as many as 40,000" is 36,000-40,000, a high estimate,
  not anything below 40,000);
- a bound ("at least", "more than", "over"; "at most", "fewer than", "under") is open on its far
  side, down to zero for counts and shares;
- a range ("between 30 and 45 million") is also its two ends: two ranges agree only when both
  ends do ("30 to 45 million" and "20-45 million" give different estimates of one toll), a range
  and a single figure when the figure lies inside it.
Durations are compared in days and lengths, areas and masses in their base unit, so "5 miles"
and "10 km" meet. Dates: an event's date is its interval; a span ("between 1959 and 1961") is
also its two ends at its precision (1959 and 1961 as whole years), and two spans agree only when
both ends do ("1959-1961" against "1959-1962" is a disagreement about when it ended).
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from .. import _data

TOLERANCE = 0.1  # the grammar's band for "about X" (claimkit.grammar.quantities.DEFAULT_TOLERANCE)
_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "fortnight": 14.0,
         "month": 365.25 / 12, "year": 365.25, "decade": 3652.5, "century": 36525.0}


def rounding_step(value: float) -> float:
    """The step of a figure's last significant digit (750,000 -> 10,000; 1.5 million -> 100,000)."""
    if value == 0 or not math.isfinite(value):
        return 0.0
    digits = f"{abs(value):.10g}"
    if "e" in digits:
        return 0.0
    whole, _, frac = digits.partition(".")
    frac = frac.rstrip("0")
    if frac:
        return 10.0 ** -len(frac)
    stripped = whole.rstrip("0")
    return 10.0 ** (len(whole) - len(stripped))


def half_width(value: float) -> float:
    """How far an approximate figure reaches on either side: half its rounding step, at most the band."""
    return min(rounding_step(value) / 2, abs(value) * TOLERANCE) or abs(value) * TOLERANCE


def _scale(c: dict, measure: str, units: dict) -> float:
    unit = c.get("unit") or ""
    if measure == "duration":
        return _DAYS.get(unit, 1.0)
    if measure in ("count", "share"):
        return 1.0
    return units.get(unit, (None, 1.0))[1]


def _upper_estimate(c: dict) -> bool:
    text = (c.get("text") or "").lower()
    return any(text.startswith(p) for p in _data.load("compare")["upper_estimates"])


def claim_interval(c: dict, measure: str, units: dict) -> tuple[float, float, float | None]:
    """(low, high, point) a quantity claim stands for, in the measure's base unit (see the module docstring)."""
    value, low, high = c.get("value"), c.get("low"), c.get("high")
    if measure == "share" and c.get("unit") != "percent":
        value = low = high = c.get("share")
    qualifier = (c.get("qualifier") or "").lower()
    if value is not None:
        if qualifier in _data.load("compare")["approximate_qualifiers"]:
            half = half_width(value)
            below = low is not None and high is not None and high == value and low < value  # "nearly 20,000"
            low, high = value - half, (value if below else value + half)
        elif qualifier == "at_most" and _upper_estimate(c):
            low, high = value * (1 - TOLERANCE), value
    lo = low if low is not None else 0.0  # counts, shares, durations and extents start at zero
    hi = high if high is not None else math.inf
    point = value if value is not None else ((low + high) / 2 if low is not None and high is not None else None)
    if point is None:
        point = low if low is not None else high
    scale = _scale(c, measure, units)
    return lo * scale, hi * scale, (point * scale if point is not None else None)


def range_ends(c: dict, measure: str, units: dict) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """A written range's two ends, each as the interval it stands for ("20-45 million": 20 and 45 million)."""
    if (c.get("qualifier") or "") != "range" or c.get("low") is None or c.get("high") is None \
            or c.get("low") == c.get("high") or measure == "share" and c.get("unit") != "percent":
        return None
    scale = _scale(c, measure, units)
    return (c["low"] * scale, c["low"] * scale), (c["high"] * scale, c["high"] * scale)


def ends_agree(a: tuple, b: tuple) -> bool:
    """Whether two ranges' (or spans') ends agree, each end within the other's."""
    return all(x[0] <= y[1] and y[0] <= x[1] for x, y in zip(a, b))


def _unit_bounds(day: date, precision: str) -> tuple[date, date]:
    """The whole unit of ``precision`` (year, month, day) that ``day`` lies in."""
    if precision in ("year", "decade", "century"):
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    if precision in ("month", "season"):
        first = day.replace(day=1)
        nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        return first, nxt - timedelta(days=1)
    return day, day


def date_ends(c: dict) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """A dated span's two ends at its precision ("between 1959 and 1961": 1959 and 1961), or None for a date
    that is one unit of its precision ("1958", "August 1793")."""
    try:
        start, end = date.fromisoformat(c["date_start"]), date.fromisoformat(c["date_end"])
    except (KeyError, TypeError, ValueError):
        return None
    precision = c.get("precision") or "day"
    first = _unit_bounds(start, precision)
    last = _unit_bounds(end, precision)
    if first == last or precision in ("decade", "century") or precision == "season" and (end - start).days < 100:
        return None
    return (first[0].isoformat(), first[1].isoformat()), (last[0].isoformat(), last[1].isoformat())
