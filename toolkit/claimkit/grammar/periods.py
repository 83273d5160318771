"""Calendar periods and the arithmetic the date grammar does on them.

A period is an inclusive run of days with a precision. Thirds split a period
into early, mid and late parts (a decade into 1930-33, 1933-36, 1936-39; a
year into January-April, May-August, September-December). Easter follows the
Gregorian computus; other moving feasts are the nth weekday of a month.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass
class Period:
    first: date
    last: date
    precision: str
    has_year: bool = True
    relative: bool = False  # counted from the reference date or an earlier date


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    y, m = divmod(day.month - 1 + months, 12)
    y += day.year
    return date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def thirds(p: Period, which: str) -> Period:
    """The early, mid or late third of a period."""
    if p.precision == "decade":
        y0 = p.first.year
        spans = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}[which]
        return Period(date(y0 + spans[0], 1, 1), date(y0 + spans[1], 12, 31), p.precision, p.has_year, p.relative)
    if p.precision == "year":
        y = p.first.year
        m0, m1 = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[which]
        return Period(date(y, m0, 1), month_end(y, m1), p.precision, p.has_year, p.relative)
    days = (p.last - p.first).days + 1
    third = max(days // 3, 1)
    if which == "early":
        return Period(p.first, p.first + timedelta(days=third - 1), p.precision, p.has_year, p.relative)
    if which == "mid":
        return Period(p.first + timedelta(days=third), p.last - timedelta(days=third), p.precision, p.has_year, p.relative)
    return Period(p.last - timedelta(days=third - 1), p.last, p.precision, p.has_year, p.relative)


def halves(p: Period, which: str) -> Period:
    """Early or late half of a period named from today ("early next week": Monday to Wednesday; "late this
    year": July to December; "early next month": the 1st to the 15th); mid its middle."""
    first, last = p.first, p.last
    if p.precision == "year":
        split = date(first.year, 7, 1)
    elif p.precision == "month":
        split = first.replace(day=16)
    elif p.precision == "week":
        split = first + timedelta(days=3)
    else:
        split = first + timedelta(days=max((last - first).days // 2, 1))
    if which == "early":
        return Period(first, split - timedelta(days=1), p.precision, p.has_year, p.relative)
    if which == "late":
        return Period(split, last, p.precision, p.has_year, p.relative)
    quarter = (last - first).days // 4
    return Period(first + timedelta(days=quarter), last - timedelta(days=quarter), p.precision, p.has_year, p.relative)


def first_week_monday(first: date) -> date:
    """The Monday of a month's or year's first week: the week that holds its first Thursday (as ISO weeks do)."""
    thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    return thursday - timedelta(days=3)


def week_of(day: date) -> tuple[date, date]:
    """The Monday-to-Sunday week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def easter(year: int) -> date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``th ``weekday`` (0 = Monday) of a month; ``n`` = -1 is the last."""
    if n < 0:
        last = month_end(year, month)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
