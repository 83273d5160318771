"""Read numeric dates ("1939-08-23", "23/8/1939", "4/22", "2016/11") as intervals.

Forms read, with exact character spans (end exclusive):

- Year first: ``1939-08-23``, ``1939/08/23``, ``1939.08.23``, ``2015.5.13``,
  ``2019-sep-1``, ``2019/aug/01``; eight digits ``19390823`` when they stand
  alone and make a valid date from 1000 to 2100. Year and month ``2019-09``,
  ``2016/11``, ``2018/dec`` (precision month).
- Day, month and year with one separator used twice (``/``, ``.`` or ``-``):
  ``23/8/1939``, ``23.8.1939``, ``8/23/1939``, ``9-18-15``, ``21/04/16``,
  ``23/sep/2020``, ``sep-23-2020``, ``05-aug-2016``. Month and year with a
  slash: ``11/2016``, ``8/1939``, ``dec/2018`` (precision month).
- Day and month without a year: ``4/22``, ``22/04``, ``jan/1``, ``1/jan``, and
  ``4.22`` (see the guard below).

Disambiguation rules:

- Order. When both readings are possible ("5/6/1939") ``month_first=None`` (the
  default) and ``False`` read day first, the British habit of the history
  essays claimkit reads: 5 June 1939. Callers scoring US-style data (the
  Recognizers-Text specs) pass ``month_first=True``. When only one order makes
  a month of 1-12 ("8/23/1939", "23/8/1939") that one is read either way.
- Two-digit years (slashed or dashed forms, never dotted ones). With a
  ``reference`` date the year is the latest one ending in those digits that is
  at most ten years after the reference year: for a reference in 2016, 00-26
  are 2000-2026 and 27-99 are 1927-1999 (for references from 2000 to 2089 this
  is "00 to reference year % 100 + 10 -> 2000s, else 1900s"). Without a
  reference, 00-29 are 2000-2029 and 30-99 are 1930-1999.
- Year and month. ``YYYY-MM`` or ``YYYY/MM`` is a month only when MM is two
  digits from 01 to 12 and the pair cannot be a forward year range, i.e. MM is
  not above the year's last two digits. "1905-06", "1910/11" and "2009-10" are
  therefore left alone (the date grammar reads them as year ranges, as it does
  "1937-38", "1937-1938" and "1930-31"), while "2016-11" and "2019-09" are
  months, and so is "1930-12" (as a range it would run backwards). A dotted
  "2015.3" is a decimal, never a month.
- Year-less day and month (``has_year`` False). Digits joined by "-" are never
  read ("3-1" is a score, "12-15" a page range). Digits joined by "/" are read
  only after one of on, by, until, till, from, to, since, before, after, after
  a weekday name ("Friday 7/6"), right after another year-less date joined by
  a comma, "and", "or", "to" or a dash ("on 11/20, 11/22 or 11/25"), or when
  the text is nothing but the date. A proper fraction with a small denominator
  ("1/2", "3/4") needs one of the stronger words on, until, till, since,
  before, after or a weekday, and so do dotted pairs ("on 4.22"; "by 4.22",
  "to 4.22" and a bare "4.22" are decimals). None is read when "of", "%", a
  scale, percent, time or measure word follows ("3/4 of the grain", "on 4.5
  acres"). Month names with a slash ("jan/1", "1/jan") need no such context.
  The year is the reference's year when a reference is given and that year has
  the day; otherwise it is the placeholder year 4 (a leap year, so 29 February
  fits) and the caller must put in the real year.

Never read: telephone and ID numbers ("555-1212", "123-12-1234",
"+1-222-2222/2222"), version numbers and addresses ("1.2.3", "192.168.1.2"),
decimals and formulas ("0.8/15", "8/1.5"), anything glued to letters
("A12/5/1939"), invalid dates ("31/4/1939", "2/29/2019") and the year ranges
above.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .. import _data

_DATES = _data.load("dates")
_NUMBERS = _data.load("numbers")
_MONTHS: dict[str, int] = _DATES["months"]
_WEEKDAYS = set(_DATES["weekdays"])
_PREPOSITIONS = {"on", "by", "until", "till", "from", "to", "since", "before", "after"}
_STRONG_PREPOSITIONS = {"on", "until", "till", "since", "before", "after"}
_CONNECTORS = {"", ",", "-", "–", "and", "or", ", and", ", or", "to", "through"}
_NOT_AFTER = ({"of", "%", "per"} | set(_NUMBERS["scales"]) | set(_NUMBERS["time_units"])
              | {w.split()[0] for w in _NUMBERS["percent_words"]}
              | {w.split()[0] for w in _NUMBERS["measure_units"]})
PLACEHOLDER_YEAR = 4

# two or three parts (digits or a month name) joined by one separator used throughout
_PART = r"(\d+|[A-Za-z]+)"
_CHAIN = re.compile(rf"(?<![\w+#$£€]){_PART}([-/.]){_PART}(?:\2{_PART})?(?!\w)")
_EIGHT = re.compile(r"(?<![\w+#$£€.,/])(?<!\d-)(\d{4})(\d{2})(\d{2})(?!\w|[.,/:-]\d)")
_WORD_BEFORE = re.compile(r"(?:^|[^A-Za-z])([A-Za-z]+)[\s,(]*$")
_WORD_AFTER = re.compile(r"\s*(%|[A-Za-z]+)")


@dataclass(frozen=True)
class NumericDate:
    """One numeric date: its span in the text and its inclusive interval."""

    start: int
    end: int
    text: str
    first: date
    last: date
    precision: str  # "day" or "month"
    has_year: bool  # False: the text names no year (see the module docstring)


def _month(part: str) -> int | None:
    """The month a part names: "sep", "September" or "09"; None otherwise."""
    if part.isdigit():
        return int(part) if len(part) <= 2 and 1 <= int(part) <= 12 else None
    return _MONTHS.get(part.lower())


def _small(part: str) -> int | None:
    """A one- or two-digit number, else None."""
    return int(part) if part.isdigit() and len(part) <= 2 else None


def _two_digit_year(yy: int, reference: date | None) -> int:
    """The full year of a two-digit year (rules in the module docstring)."""
    if reference is None:
        return 2000 + yy if yy < 30 else 1900 + yy
    pivot = reference.year + 10
    return pivot - (pivot - yy) % 100


def _order(a: int, b: int, month_first: bool | None) -> tuple[int, int] | None:
    """(day, month) of two numbers: the preferred order unless its month cannot be."""
    readings = [(b, a), (a, b)] if month_first else [(a, b), (b, a)]
    for day, month in readings:
        if 1 <= month <= 12 and 1 <= day <= 31:
            return day, month
    return None


def _day(y: int, m: int, d: int) -> date | None:
    """date(y, m, d), or None when there is no such day."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _glued(text: str, start: int, end: int, sep: str) -> bool:
    """Whether the match is part of a run of numbers ("192.168.1.2", "0.8/15")."""
    for mark, beyond in ((start - 1, start - 2), (end, end + 1)):
        if not (0 <= mark < len(text) and 0 <= beyond < len(text)):
            continue
        if text[mark] in "-–/.,:" and text[beyond].isdigit():
            if text[mark] in "-–" and sep != "-":
                continue  # a range of dates: "10/1/2018-10/7/2018"
            return True
    return False


def _read_three(parts: list[str], sep: str, reference: date | None,
                month_first: bool | None) -> date | None:
    """The day three parts name ("1939-08-23", "23/8/1939", "sep-23-2020"), or None."""
    p0, p1, p2 = parts
    if len(p0) == 4 and p0.isdigit():  # year first: 1939-08-23, 2019-sep-1
        y, dm = int(p0), (_small(p2), _month(p1))
    elif p2.isdigit() and (len(p2) == 4 or len(p2) == 2 and sep != "."):
        y = int(p2) if len(p2) == 4 else _two_digit_year(int(p2), reference)
        if not p0.isdigit():
            dm = (_small(p1), _month(p0))  # sep-23-2020
        elif not p1.isdigit():
            dm = (_small(p0), _month(p1))  # 23/sep/2020
        else:
            short = len(p0) <= 2 and len(p1) <= 2
            dm = _order(int(p0), int(p1), month_first) if short else None
    else:
        return None
    if dm is None or None in dm:
        return None
    return _day(y, dm[1], dm[0])


def _read_month(p0: str, p1: str, sep: str) -> tuple[date, date, bool] | None:
    """(first, last, ratio) of a year and month ("2016/11", "dec/2018"), or None.

    ``ratio`` is True for digits with the month first ("1/1000" may be a ratio).
    """
    year_first = len(p0) == 4 and p0.isdigit()
    y, other = (int(p0), p1) if year_first else (int(p1), p0)
    m = _month(other)
    if m is None or not 1000 <= y <= 2100 or sep == ".":
        return None
    if sep == "-" and not other.isdigit():
        return None  # "dec-2018" is the date grammar's
    if other.isdigit() and year_first and (len(other) != 2 or m > y % 100):
        return None  # "2015/3" is left alone; "1905-06", "1910/11" are year ranges
    if other.isdigit() and not year_first and sep != "/":
        return None  # "8-1939"
    first = date(y, m, 1)
    last = first.replace(day=calendar.monthrange(y, m)[1])
    return first, last, other.isdigit() and not year_first


def _read_pair(p0: str, p1: str, sep: str, reference: date | None,
               month_first: bool | None) -> tuple[date, str] | None:
    """(day, guard) of a year-less day and month ("4/22", "4.22", "jan/1"), or None.

    ``guard`` names the context the pair needs: "strong", "weak" or "name"
    (see ``_context_allows``).
    """
    if sep == "-" or (sep == "." and not (p0.isdigit() and p1.isdigit())):
        return None
    if p0.isdigit() and p1.isdigit():
        if len(p0) > 2 or len(p1) > 2:
            return None
        a, b = int(p0), int(p1)
        dm = _order(a, b, month_first)
        guard = "strong" if sep == "." or a < b <= 10 else "weak"
    else:
        dm = (_small(p1), _month(p0)) if not p0.isdigit() else (_small(p0), _month(p1))
        guard = "name"
    if dm is None or None in dm:
        return None
    day, month = dm
    known = reference is not None and _day(reference.year, month, day)
    when = _day(reference.year if known else PLACEHOLDER_YEAR, month, day)
    return (when, guard) if when else None


def _context_allows(text: str, start: int, end: int, guard: str,
                    previous_end: int | None) -> bool:
    """Whether the words around a year-less pair or a possible ratio allow a date."""
    after = _WORD_AFTER.match(text, end)
    if guard != "name" and after and after.group(1).lower() in _NOT_AFTER:
        return False
    if guard in ("ratio", "name"):
        return True
    before = _WORD_BEFORE.search(text[max(0, start - 40):start])
    word = before.group(1).lower() if before else ""
    preps = _STRONG_PREPOSITIONS if guard == "strong" else _PREPOSITIONS
    if word in _WEEKDAYS or word in preps:
        return True
    gap = text[previous_end:start].strip().lower() if previous_end is not None else None
    if gap in _CONNECTORS:
        return True  # "on 11/20, 11/22 or 11/25"
    return guard == "weak" and text.strip().rstrip(".?!") == text[start:end]


def _chain_date(m: re.Match, reference: date | None, month_first: bool | None,
                previous_end: int | None) -> NumericDate | None:
    """The date a chain match names in its context, or None."""
    text, sep, start, end = m.string, m.group(2), m.start(), m.end()
    parts = [p for p in (m.group(1), m.group(3), m.group(4)) if p is not None]
    if _glued(text, start, end, sep):
        return None
    if len(parts) == 3:
        when = _read_three(parts, sep, reference, month_first)
        if when is None:
            return None
        return NumericDate(start, end, m.group(), when, when, "day", True)
    if any(len(p) == 4 and p.isdigit() for p in parts):
        month = _read_month(*parts, sep)
        if month is None:
            return None
        if month[2] and not _context_allows(text, start, end, "ratio", None):
            return None
        return NumericDate(start, end, m.group(), month[0], month[1], "month", True)
    pair = _read_pair(*parts, sep, reference, month_first)
    if pair is None or not _context_allows(text, start, end, pair[1], previous_end):
        return None
    return NumericDate(start, end, m.group(), pair[0], pair[0], "day", False)


def find_numeric_dates(text: str, reference: date | None = None, *,
                       month_first: bool | None = None) -> list[NumericDate]:
    """Every numeric date in ``text``, left to right (rules in the module docstring)."""
    out = []
    for m in _EIGHT.finditer(text):
        y, mo, d = map(int, m.groups())
        when = _day(y, mo, d) if 1000 <= y <= 2100 else None
        if when:
            out.append(NumericDate(*m.span(), m.group(), when, when, "day", True))
    previous_end = None  # where the last year-less date ended
    for m in _CHAIN.finditer(text):
        found = _chain_date(m, reference, month_first, previous_end)
        if found is not None:
            out.append(found)
            previous_end = previous_end if found.has_year else found.end
    return sorted(out, key=lambda d: d.start)


__all__ = ["PLACEHOLDER_YEAR", "NumericDate", "find_numeric_dates"]
