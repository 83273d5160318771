"""Read dates and periods as inclusive intervals with a precision (no spaCy needed).

Forms read: full dates in day-month-year, month-day-year, ISO (1939-08-23) and
dotted (23.8.1939) styles; months ("December 1934"); years ("in 1932", "the
1934 military soviet"); decades ("the 1930s", "1930's", "mid-1930s", "the late
thirties"); centuries ("the fourteenth century", "the sixth century BCE");
seasons ("the winter of 1929-1930"); intervals ("between 1934 and 1939", "from
1934 to 1939", "1937-38", "1937-9", "December 1936 to November 1938", "during
1924 and 1936" read as the span it names); open bounds ("by the spring of 1937",
"before 1917", "after 1945"); years and centuries before the common era ("44 BC",
"the sixth century BCE") in astronomical numbering (1 BC is year 0) as ISO-like
strings ("-0599-01-01"), since Python dates stop at year 1.

Context rules and their limits:
- A partial date ("August 31st", "in May") takes its year from the nearest
  earlier date in the same text that has one (its ``anchor``). An open bound
  on a year or longer ("until 1989", "after 1945", "by 1934") is not such a
  date: it says when something stopped or started, not when the story is.
- A relative date ("three years later", "the next day") counts from the
  nearest earlier dated expression; a day or week counts only from one in its
  own paragraph or the one before. When it is measured from an event the
  text names instead ("the day before Hitler's troops entered Poland") or
  there is no earlier date, it stays unresolved: no date is invented.
- A four-digit number from 1000 to 2100 is a year unless a unit, scale or
  percent sign follows it, a label word ("No.", "page") precedes it, or it
  counts things: a plural noun follows it and no year-only word ("in", "the")
  precedes it ("the army had 1940 tanks"; but "in 1937 purges began"), a
  comparative stands before it ("more than 1500", "over 2000"), or the other
  end of its range cannot be a year ("1000-5000").
  "1,548,367" (thousands separators), "grade 12", "aged 12" are never years.
- Winter runs from December of its year into February of the next. Early,
  mid and late take the first, middle and last third of a period (of a period
  named from the reference date, "early next week", the first or last half).
- A century is read as its hundreds: the fifteenth century is 1400-1499, as
  "the 1400s" (centuries before the common era keep their strict bounds).
- Early and late split a month or a week in halves ("late March" is the 16th
  on); mid keeps its middle third.
- Two dates joined by "to", "until", "through" or a dash are one range, and
  "from November to March" runs into the next year.

Numeric dates of every order ("23/8/1939", "8/23/1939", "2016-11") are read by
:mod:`claimkit.grammar.numeric_dates`; dates counted from the reference date, weeks,
quarters and feasts by :mod:`claimkit.grammar.deixis`, whose docstring gives their rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, timedelta

from .. import _data
from .date_atoms import DateAtoms
from .deixis import DeicticReader
from .lexer import Tok, lex
from .numerals import _PhraseTable
from .numeric_dates import PLACEHOLDER_YEAR, find_numeric_dates
from .units import registry
from .periods import Period as _Period
from .periods import halves as _halves
from .periods import month_end as _month_end
from .periods import thirds as _thirds


@dataclass
class DateExpr:
    """One dated expression and its interval."""

    start: int
    end: int
    text: str
    date_start: str | None
    date_end: str | None
    precision: str
    approximate: bool = False
    modifier: str | None = None
    anchor: int | None = None  # character offset of the date this one took its year or reference from
    relative: bool = False
    tokens: tuple[int, int] = field(default=(0, 0), repr=False)


def _phrases(table: dict) -> _PhraseTable:
    """Phrases as tuples of lower-case tokens, split the way the lexer splits them, indexed by first token."""
    return _PhraseTable(table)


class _Words:
    def __init__(self):
        d = _data.load("dates")
        self.months = d["months"]
        self.seasons = d["seasons"]
        self.ordinals = d["ordinal_words"]
        self.word_decades = d["word_decades"]
        self.century = d["default_century"]
        self.modifiers = _phrases(d["modifiers"])
        self.open_bounds = _phrases(d["open_bounds"])
        self.approx = set(d["approximate_words"])
        self.year_preps = set(d["year_prepositions"])
        self.rel_units = d["relative_units"]
        self.rel_after = set(d["relative_after"])
        self.rel_before = set(d["relative_before"])
        self.rel_next = d["relative_next"]
        n = _data.load("numbers")
        self.numbers = {**n["units"], **n["tens"]}
        self.labels = set(n["label_words"])
        self.year_only_after = set(d["year_only_after"])
        self.year_followers = set(d["year_followers"])
        self.count_before = set(d["count_before"])
        self.deictic_days = d["deictic_days"]
        self.deictic_phrases = _phrases(d["deictic_phrases"])
        self.deictic_shifts = d["deictic_shifts"]
        self.weekdays = d["weekdays"]
        self.deictic_units = d["deictic_units"]
        self.ago = set(d["ago_words"])
        self.named_decades = _phrases(d["named_decades"])
        self.future_words = _phrases({w: True for w in d["future_words"]})
        self.rolling_forward = set(d["rolling_forward"])
        self.rolling_backward = set(d["rolling_backward"])
        self.vague_counts = _phrases(d["vague_counts"])
        self.quarter_words = d["quarter_words"]
        self.holidays_fixed = _phrases(d["holidays_fixed"])
        self.holidays_moving = _phrases(d["holidays_moving"])
        # words a dated expression can begin with: the parser tries no other token
        self.starters = (set(self.months) | set(self.weekdays) | set(self.seasons) | set(self.word_decades)
                         | set(self.ordinals) | set(self.deictic_days) | set(self.deictic_shifts) | set(self.numbers)
                         | self.rolling_forward | self.rolling_backward | self.approx | set(d["year_only_after"])
                         | {key[0] for table in (self.modifiers, self.open_bounds, self.deictic_phrases, self.vague_counts,
                                                 self.holidays_fixed, self.holidays_moving) for key in table}
                         | {"the", "a", "an", "one", "in", "within", "during", "throughout", "between", "from", "earlier",
                            "later", "rest", "week", "q", "h", "now", "today", "year", "'", "’", "~", "c", "ca", "my"})
        self.blockers = set(n["scales"]) | set(n["percent_words"]) | {"%", "per"} | set(n["measure_units"]) | set(n["time_units"]) \
            | registry().first_words


_WORDS: _Words | None = None


def _words() -> _Words:
    global _WORDS
    if _WORDS is None:
        _WORDS = _Words()
    return _WORDS


class _Parser(DateAtoms, DeicticReader):
    def __init__(self, text: str, reference: date | None = None, month_first: bool | None = None):
        self.text = text
        self.month_first = month_first  # for year-less or ambiguous numeric dates ("5/6"): see numeric_dates
        self.reference = reference  # "today" for deictic dates ("next week"), and the year of last resort
        self.toks = lex(text)
        self.w = _words()
        self.found: list[DateExpr] = []
        # the nearest earlier date with its own year (gives partial dates their year) and
        # the nearest earlier resolved date of any kind (relative dates count from it):
        # (offset, first day, last day, precision)
        self.last_anchor: tuple[int, date, date, str] | None = None
        self.last_ref: tuple[int, date, date, str] | None = None
        self._breaks: list[int] | None = None  # offsets of blank lines, found on first need

    def lower(self, i: int) -> str:
        return self.toks[i].lower if 0 <= i < len(self.toks) else ""

    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def kind(self, i: int) -> str:
        return self.toks[i].kind if 0 <= i < len(self.toks) else ""

    def phrase(self, i: int, words: tuple[str, ...]) -> int | None:
        for k, word in enumerate(words):
            if self.lower(i + k) != word:
                return None
        return i + len(words)

    def longest(self, i: int, table: _PhraseTable):
        best = None
        for key, val in table.starting(self.lower(i)):
            end = self.phrase(i, key)
            if end is not None and (best is None or end > best[0]):
                best = (end, val)
        return best

    # -- atoms -------------------------------------------------------------
    # -- a single date -------------------------------------------------------
    def day_only(self, j: int) -> tuple[int, int] | None:
        """A day of the month with no month: "17th", "the seventeenth", "the 3rd" (ends of day ranges)."""
        j += self.lower(j) == "the"
        t = self.tok(j)
        if t is None:
            return None
        if t.kind == "num":
            if not t.text.isdigit() or not 1 <= int(t.text) <= 31 or len(t.text) > 2:
                return None
            sep = self.lower(j + 1)
            if self.kind(j + 2) == "num" and (sep == "/" or sep in ("-", ".") and self.lower(j + 3) == sep
                                               and self.kind(j + 4) == "num"):
                return None  # part of a numeric date ("01/22/2016"), not "4-23"
            return int(t.text), j + 1 + (self.lower(j + 1) in ("st", "nd", "rd", "th"))
        if t.lower in self.w.ordinals or t.lower in ("twenty", "thirty"):
            return self.day_at(j)
        return None

    # -- with modifiers and intervals ---------------------------------------
    def before_common_era(self, i: int) -> DateExpr | None:
        """"the sixth century BCE", "44 BC": astronomical years (1 BC is year 0), as ISO-like strings."""
        w = self.w
        t = self.tok(i)
        if t is None:
            return None
        century, k = None, i
        if t.lower in w.ordinals and self.lower(i + 1) == "century":
            century, k = w.ordinals[t.lower], i + 2
        elif t.kind == "num" and t.text.isdigit() and self.lower(i + 1) in ("st", "nd", "rd", "th") and self.lower(i + 2) == "century":
            century, k = int(t.text), i + 3
        elif t.kind == "num" and t.text.isdigit() and len(t.text) <= 4:
            k = i + 1
        else:
            return None
        era = self.lower(k)
        end = k + 1
        if era == "b" and self.lower(k + 1) == "." and self.lower(k + 2) == "c":  # "B.C."
            end = k + 3 + (self.lower(k + 3) == ".")
            era = "bc"
        if era not in ("bc", "bce"):
            return None
        if century:
            first, last = -(century * 100 - 1), -((century - 1) * 100)
            precision = "century"
        else:
            first = last = -(int(t.text) - 1)
            precision = "year"
        start, stop = self.toks[i].start, self.toks[end - 1].end
        return DateExpr(start, stop, self.text[start:stop], f"{first:05d}-01-01" if first < 0 else f"{first:04d}-01-01",
                        f"{last:05d}-12-31" if last < 0 else f"{last:04d}-12-31", precision, tokens=(i, end))

    def counts_things(self, i: int) -> bool:
        """Whether the year-shaped number at ``i`` counts things (see :func:`counted_year`)."""
        return counted_year(self.toks, i)

    def atom(self, i: int):
        """One date with nothing around it: ``(Period, end)``, or ``(None, end, precision)`` when unresolved."""
        for reader in (self.week, self.part_by_count, self.rest_of, self.deictic, self.narrative_unit, self.quarter, self.feast,
                       self.rolling, self.counted, self.nth_weekday_of, self.current_unit):
            found = reader(i)
            if found is not None:
                return found
        day = self.weekday_at(i)
        if day is not None:  # "Friday 7/6", "friday the 22nd", "Monday, 22 June 1941": the date names the day
            j = i + 1 + (self.lower(i + 1) in (",", "-"))
            dated = self.simple(j, self.context_year()) or self.bare_day(j if self.lower(j) == "the" else j - 1)
            if dated is not None and dated[0] is not None and dated[0].precision == "day":
                return dated
            only = self.day_only(j)
            if only is not None and (self.lower(only[1]) in ("-", "/", ".") and self.kind(only[1] + 1) == "num"
                                     or self.unit_word(only[1]) is not None):
                only = None  # "Friday 7-6": a numeric date; "Sunday 3 weeks after ...": a count
            base = self.reference or (self.last_ref[2] if self.last_ref else None)
            if only is not None and base is not None:  # "Mon 13th": the nearest 13th that is a Monday
                for step in range(0, 14):
                    month = (base.replace(day=1) + timedelta(days=32 * step)).replace(day=1)
                    try:
                        d = month.replace(day=only[0])
                    except ValueError:
                        continue
                    if d.weekday() == day and d >= base - timedelta(days=31):
                        return _Period(d, d, "day", relative=True), only[1]
            offset = self.counted(j)
            if offset and offset[0] is not None and offset[0].precision == "day":  # "Monday two weeks from now"
                return self.weekday_in_week_of(offset[0].first, day), offset[1]
            week = self.deictic(i + 1) if self.lower(i + 1) in ("next", "this", "last", "previous") else None
            if week and week[0] is not None and week[0].precision == "week":  # "Friday next week"
                d = week[0].first + timedelta(days=day)
                return _Period(d, d, "day", relative=True), week[1]
            return self.bare_weekday(i)
        found = self.simple(i, self.context_year())
        if found is None and self.kind(i) == "word" and self.lower(i) in self.w.months and self.lower(i) != "may" \
                and self.lower(i + 1) in ("this", "next", "last") and self.lower(i + 2) == "year":
            found = self.month_name(i)  # "june next year"
        if found is None and self.lower(i) == "may" and self.lower(i - 1) == "in" and self.kind(i + 1) in ("", "punct"):
            m = self.w.months["may"]  # "it may be in may": the month closing a clause
            found = (_Period(date(4, m, 1), _month_end(4, m), "month", has_year=False), i + 1)
        if found is None and self.kind(i) == "word" and self.lower(i) in self.w.months and (
                self.lower(i - 1) in ("in", "after", "before", "until", "since", "by", "from", "to", "of", "till", "the")
                and self.lower(i) not in ("may", "march")
                or self.lower(i + 1) in ("to", "through", "till", "until", "-", "–") and self.month_name(i + 2)):
            found = self.month_name(i)
        if found and found[0].precision == "year" and found[0].has_year:
            return self.month_of_year(found[0], found[1]) or found
        if found is None and self.kind(i) == "num" and self.tok(i).text.isdigit() and 1 <= int(self.tok(i).text) <= 12 \
                and self.lower(i + 1) in ("-", "/") and self._year_digits(i + 2) and self.lower(i - 1) not in ("-", "/"):
            y, m = self._year_digits(i + 2), int(self.tok(i).text)  # "11-2016", "11 / 2016"
            return _Period(date(y, m, 1), _month_end(y, m), "month"), i + 3
        return found or self.bare_day(i)

    def lasting(self, i: int) -> tuple[int, str] | None:
        """"for 3 days, from" or "for 2 weeks starting" just before ``i``: how long a range from the next date runs."""
        j = i - 1
        if self.lower(j) in ("from", "starting", "beginning", "commencing"):
            j -= 1
        elif self.lower(j) == "on" and self.lower(j - 1) in ("starting", "beginning"):
            j -= 2
        else:
            return None
        j -= self.lower(j) == ","
        unit = self.unit_word(j)
        if unit is None or unit in ("weekend", "decade", "century"):
            return None
        n = self.amount(j - 1)
        if n is None or n[1] != j or self.lower(j - 2) != "for":
            return None
        return n[0], unit

    @staticmethod
    def weekday_in_week_of(day: date, weekday: int) -> _Period:
        """The ``weekday`` of the Sunday-to-Saturday week holding ``day`` (how "on Friday" narrows "in 3 days")."""
        sunday = day - timedelta(days=(day.weekday() + 1) % 7)
        d = sunday + timedelta(days=(weekday + 1) % 7)
        return _Period(d, d, "day", relative=True)

    def with_year(self, period: _Period) -> tuple[_Period, int | None] | None:
        """A period written without a year, given one from context; with the anchor it came from."""
        if period.has_year:
            return period, None
        if self.last_anchor is not None:
            return period, self.last_anchor[0]
        if self.reference is not None:  # the year of the reference date ("april 22" in a dated letter)
            y = self.reference.year
            y_last = y + period.last.year - period.first.year  # winter runs into the next year
            if not 1 <= y_last <= 9999:
                return None
            last = _month_end(y_last, period.last.month) if period.precision in ("month", "season") \
                and period.last.day >= 28 else self._in_year(period.last, y_last)
            return _Period(self._in_year(period.first, y), last, period.precision), None
        return None

    def range_from(self, i: int):
        """"between 1934 and 1939", "from 4 to 22 this month", "between 3 and 12 of Sept", "from March to May"."""
        first = self.now(i) or self.atom(i) or self.month_name(i) or self.modified(i)
        k = None
        day = None
        if first is None or first[0] is None:
            only = self.day_only(i)
            if only is None:
                return None
            day, k = only
        else:
            k = first[1]
        if self.lower(k) not in ("and", "to", "until", "till", "-", "–", "through", "thru", "~"):
            return None
        j = k + 1 + (self.lower(k + 1) in ("the",) and self.kind(k + 2) == "num")
        second = self.now(j) or self.atom(j) or self.day_in_month_of(j) or self.month_name(j) or self.modified(j)
        only = self.day_only(j)
        if only is not None and first is not None and first[0] is not None and first[0].precision == "day" and (
                second is None or second[1] <= only[1]):  # "from april the ninth till the seventeenth"
            month_start = first[0].first.replace(day=1)
            if only[0] <= first[0].first.day:
                month_start = (month_start + timedelta(days=32)).replace(day=1)
            try:
                d = month_start.replace(day=only[0])
                second = (_Period(d, d, "day", first[0].has_year, first[0].relative), only[1])
            except ValueError:
                pass
        if second is None or second[0] is None:
            return None
        last, end = second[0], second[1]
        if not last.has_year and self.lower(end) in ("in", "of") and self.year_span(end + 1):
            y, end = self.year_span(end + 1)  # "from april in 2016 to June in 2017"
            last = _Period(self._in_year(last.first, y), self._in_year(last.last, y), last.precision)
        if first is not None and first[0] is not None and self.weekday_at(j) is not None and last.precision == "day":
            a0 = first[0].first  # "from next monday to friday": the friday after that monday
            d = a0 + timedelta(days=(self.weekday_at(j) - a0.weekday()) % 7)
            last = _Period(d, d, "day", relative=True)
        if self.lower(end) in ("in", "of") and self.lower(end + 1) in ("this", "next", "last"):
            month = self.deictic(end + 1)  # "from 4-23 in next month"
            if month and month[0] is not None and month[0].precision == "month" and last.precision == "day":
                last = _Period(month[0].first.replace(day=last.first.day), month[0].first.replace(day=last.first.day),
                               "day", relative=True)
                end = month[1]
        if day is not None:
            if last.precision != "day":
                return None
            month_start = last.first.replace(day=1)
            if day > last.first.day:  # "from the twenty-seventh to the third of April": the 27th of March
                month_start = (month_start - timedelta(days=1)).replace(day=1)
            try:
                start_day = month_start.replace(day=day)
            except ValueError:
                return None
            a = _Period(start_day, start_day, "day", last.has_year, last.relative)
        else:
            a = first[0]
        if not a.has_year and last.has_year:
            a = _Period(self._in_year(a.first, last.first.year), self._in_year(a.last, last.first.year), a.precision)
        if a.has_year and not last.has_year:
            last = _Period(self._in_year(last.first, a.first.year), self._in_year(last.last, a.first.year), last.precision)
        explicit = a.has_year and last.has_year and not (a.relative or last.relative)
        both_open = not a.has_year and not last.has_year
        if both_open:
            filled_a, filled_b = self.with_year(a), self.with_year(last)
            if filled_a is None or filled_b is None:
                return None
            a, last = filled_a[0], filled_b[0]
        if last.last < a.first and (both_open or a.precision == "month"):
            last = _Period(self._in_year(last.first, last.first.year + 1), self._in_year(last.last, last.first.year + 1),
                           last.precision)  # "from November to March"
        if last.last < a.first:
            return None
        if not explicit:
            ys = self.year_span(end + 1) if self.lower(end) in ("in", "of", ",") else None
            if ys:  # "from april to June in 2017"
                y = ys[0]
                a = _Period(self._in_year(a.first, y), self._in_year(a.last, y), a.precision)
                last = _Period(self._in_year(last.first, y), self._in_year(last.last, y), last.precision)
                end = ys[1]
        return _Period(a.first, last.last, self._coarser(a, last), relative=a.relative or last.relative), end

    def modified(self, i: int):
        """"the end of 2008", "the middle of March": a date with a modifier, at one end of a range."""
        hit = self.longest(i, self.w.modifiers)
        if hit is None:
            return None
        k = hit[0] + (self.lower(hit[0]) == "-")
        inner = self.atom(k) or self.month_name(k)
        if inner is None or inner[0] is None:
            return None
        period = inner[0]
        halves = period.relative or period.precision in ("month", "week") and hit[1] != "mid"
        return (_halves(period, hit[1]) if halves else _thirds(period, hit[1])), inner[1]

    def now(self, i: int):
        """"now", "today" or "date" ("from March to date") at one end of a range: the reference date."""
        if (self.lower(i) in ("now", "today") or self.lower(i) == "date" and self.lower(i - 1) in ("to", "till", "until")) \
                and self.reference is not None:
            return _Period(self.reference, self.reference, "day", relative=True), i + 1
        return None

    def day_in_month_of(self, j: int):
        """"22 this month", "23 of this month", "23 in next month": a day of a month named from the reference."""
        t = self.tok(j)
        if t is None or t.kind != "num" or not t.text.isdigit() or not 1 <= int(t.text) <= 31:
            return None
        k = j + 1 + (self.lower(j + 1) in ("st", "nd", "rd", "th"))
        k += self.lower(k) in ("of", "in")
        month = self.deictic(k) if self.lower(k) in ("this", "next", "last") else None
        if not month or month[0] is None or month[0].precision != "month":
            return None
        try:
            d = month[0].first.replace(day=int(t.text))
        except ValueError:
            return None
        return _Period(d, d, "day", relative=True), month[1]

    def part_of(self, i: int) -> tuple[str, int] | None:
        """"earlier this year", "later in the week", "the rest of the month": the part before or after the reference."""
        lw = self.lower(i)
        if lw in ("earlier", "later"):
            k = i + 1
            if self.lower(k) == "in" and self.lower(k + 1) == "the" and self.unit_word(k + 2):
                return lw, k + 1
            if self.lower(k) in ("this", "next", "last", "previous"):
                return lw, k
        return None

    def part_of_period(self, period: _Period, part: str) -> _Period:
        """"later this year": its late half, or from today on when today is already in that half; "earlier" alike."""
        ref = self.reference
        half = _halves(period, "late" if part == "later" else "early")
        if part == "later":
            if half.first <= ref <= half.last:
                return _Period(ref, period.last, period.precision, relative=True)
            return _Period(half.first, half.last, period.precision, relative=True)
        if half.first <= ref <= half.last and ref > period.first:
            return _Period(period.first, ref - timedelta(days=1), period.precision, relative=True)
        return _Period(half.first, half.last, period.precision, relative=True)

    def parse_at(self, i: int) -> DateExpr | None:
        """The dated expression that begins at token ``i``: bounds, modifiers, a date or a range, and its tail."""
        w = self.w
        start = i
        approximate = False
        modifier = None
        bound = None
        hit = self.longest(i, w.open_bounds)
        if hit:
            end, bound = hit
            if self.lower(end) == "the":
                end += 1
            i = end
        if self.lower(i) in w.approx and self.lower(i) not in ("c", "ca"):
            approximate, i = True, i + 1
        elif self.lower(i) in ("c", "ca") and self.lower(i + 1) == ".":
            approximate, i = True, i + 2
        part = self.part_of(i)
        if part:
            part, i = part
        hit = self.longest(i, w.modifiers)
        if hit:
            end, modifier = hit
            if self.lower(end) == "-":
                end += 1
            if self.lower(end) == "the" and self.unit_word(end + 1) is None:
                end += 1
            i = end
            approximate = True
        # "between X and Y", "from X to Y"
        if self.lower(i) in ("between", "from") and bound is None:
            rng = self.range_from(i + 1)
            if rng:
                period, k = rng
                return self.emit(start, k, period.first, period.last, period.precision, approximate, modifier,
                                 relative=period.relative)
            if self.lower(i) == "between":
                return None
            i += 1
        t = self.tok(i)
        if t is not None and t.kind == "num" and t.text.isdigit() and 1 <= int(t.text) <= 31 and len(t.text) <= 2 \
                and self.lower(i + 1) in ("to", "till", "until", "-", "–", "through") and bound is None:
            rng = self.range_from(i)  # "9 to 12 of June", "4 till 23 of this month"
            if rng and rng[0].precision == "day":
                period, k = rng
                return self.emit(start, k, period.first, period.last, period.precision, approximate, modifier,
                                 relative=period.relative)
        if t is not None and t.kind == "num" and t.text.isdigit() and 1 <= int(t.text) <= 31 and len(t.text) <= 2 \
                and self.lower(i + 1) in ("and", ",") and bound is None:
            listed = self.simple(i + 2, self.context_year())  # "18 and 19 June": the 18th of June too
            if listed and listed[0].precision == "day":
                try:
                    d = listed[0].first.replace(day=int(t.text))
                except ValueError:
                    d = None
                if d is not None:
                    period = _Period(d, d, "day", listed[0].has_year)
                    filled = self.with_year(period) if not period.has_year else (period, None)
                    if filled is not None:
                        return self.emit(i, i + 1, filled[0].first, filled[0].last, "day", approximate, modifier,
                                         anchor=filled[1], explicit=False)
        # "during 1924 and 1936", "in 1937 and 1938": the span between the two years
        if self.lower(i) in ("during", "in", "throughout") and self.year_at(i + 1) and self.lower(i + 2) == "and" and self.year_at(i + 3):
            y1, y2 = self.year_at(i + 1), self.year_at(i + 3)
            if y1 < y2 <= y1 + 50:
                return self.emit(i + 1, i + 4, date(y1, 1, 1), date(y2, 12, 31), "year", approximate, modifier)
        rel = self.relative(i) if not part else None
        if rel:
            return rel
        ancient = self.before_common_era(i) if bound is None and modifier is None else None
        if ancient:
            return ancient
        found = self.atom(i)
        if found is None:
            return None
        if found[0] is not None and found[0].precision == "day" and self.lower(found[1]) == "on" \
                and self.weekday_at(found[1] + 1) is not None and self.counted(i) is not None:
            found = (self.weekday_in_week_of(found[0].first, self.weekday_at(found[1] + 1)), found[1] + 2)
        if found[0] is not None and found[0].precision == "week" and self.lower(found[1]) in ("on", ",") \
                and self.weekday_at(found[1] + 1 + (self.lower(found[1] + 1) == "on")) is not None:
            j = found[1] + 1 + (self.lower(found[1] + 1) == "on")  # "the first week of October, on Friday"
            d = found[0].first + timedelta(days=self.weekday_at(j) - found[0].first.weekday())
            found = (_Period(d, d, "day", relative=True), j + 1)
        lasting = self.lasting(i)
        if lasting is not None and found[0] is not None and found[0].precision == "day":
            amount, unit = lasting  # "for 2 weeks starting May 20th": a range that long
            end_day = self._moved(found[0].first, unit, amount) - timedelta(days=1)
            found = (_Period(found[0].first, end_day, "day", found[0].has_year, found[0].relative), found[1])
        if found[0] is None:
            return self.emit(start, found[1], None, None, found[2], approximate, bound or modifier, relative=True)
        period, k = found
        if not period.has_year and period.precision in ("month", "day") and self.lower(k) in ("this", "next", "last") \
                and self.lower(k + 1) == "year" and self.reference is not None:  # "june next year"
            y = self.reference.year + w.deictic_shifts[self.lower(k)]
            period, k = _Period(self._in_year(period.first, y), self._in_year(period.last, y), period.precision,
                                relative=True), k + 2
        if modifier and modifier in ("early", "mid", "late"):
            use_halves = period.relative or period.precision in ("month", "week") and modifier != "mid"  # "late March"
            period = _halves(period, modifier) if use_halves else _thirds(period, modifier)
        if part and self.reference is not None:
            period = self.part_of_period(period, part)
        # "1937-38", "1937–1938", "1930-31", "2014 through 2018", "December 1936 to November 1938"
        if period.precision == "year":
            second = self._second_year(k, period.first.year)
            if second is None and self.lower(k) in ("to", "until", "till", "through", "thru", "~") and self.year_at(k + 1):
                y2 = self.year_at(k + 1)
                second = (y2, k + 2) if y2 > period.first.year else None
            if second is None and self.lower(k) in ("through", "thru", "~", "to", "until"):
                other = self.atom(k + 1)
                if other and other[0] is not None and other[0].has_year and other[0].last > period.last:
                    second = (None, other[1])
                    period = _Period(period.first, other[0].last, "year")
            if second and second[0] is not None:
                period = _Period(period.first, date(second[0], 12, 31), "year")
                k = second[1]
            elif second:
                k = second[1]
        elif period.precision in ("month", "day") and self.lower(k) in ("to", "until", "till", "-", "–", "through", "thru", "~"):
            other = self.simple(k + 1, period.first.year) or self.atom(k + 1)
            if other is not None and other[0] is None:
                other = None
            only = self.day_only(k + 1) if other is None and period.precision == "day" else None
            if only is not None:  # "april 9th through 17th", "from april twenty-seventh to the third"
                month_start = period.first.replace(day=1)
                if only[0] <= period.first.day:
                    month_start = (month_start + timedelta(days=32)).replace(day=1)
                try:
                    day = month_start.replace(day=only[0])
                    other = (_Period(day, day, "day", period.has_year), only[1])
                except ValueError:
                    other = None
            if other and period.relative and period.precision == "day" and other[0].precision == "day" \
                    and other[0].first.day > period.first.day:  # "on 2–13 March 1938": the first day is of March 1938
                d = other[0].first.replace(day=period.first.day)
                period = _Period(d, d, "day", other[0].has_year)
            if other and not period.has_year and other[0].has_year and other[0].precision in ("month", "day"):
                y = other[0].first.year  # "June-August 1992"
                period = _Period(self._in_year(period.first, y), self._in_year(period.last, y), period.precision)
            if other and other[0].precision in ("month", "day") and other[0].last >= period.first:
                period = _Period(period.first, other[0].last, other[0].precision, period.has_year, period.relative)
                k = other[1]
        if bound and period.precision == "year" and period.has_year and k - 2 > start and self.lower(k - 2) == "the" \
                and self.tok(k) is not None and self.toks[k].text.isalpha() and self.toks[k].text.islower() \
                and self.lower(k) not in ("and", "or", "to", "till", "until", "through"):
            bound, start = None, k - 1  # "chosen by the 1934 party congress": the year names the congress
        first, last = period.first, period.last
        stated = (period.first, period.last)
        if bound == "by":
            first = None
        elif bound == "before":
            first, last = None, period.first - timedelta(days=1)
        elif bound == "after":
            first, last = (period.first if self.lower(start) == "since" else period.last + timedelta(days=1)), None
        anchor = None
        if not period.has_year:
            filled = self.with_year(period)
            if filled is None:
                return self.emit(start, k, None, None, period.precision, approximate, bound or modifier, anchor=None)
            period, anchor = filled
            if anchor is None:
                first = period.first if first is not None else None
                last = period.last if last is not None else None
                if bound == "before":
                    last = period.first - timedelta(days=1)
                elif bound == "after":
                    first = period.first if self.lower(start) == "since" else period.last + timedelta(days=1)
                stated = (period.first, period.last)
        open_year = bound is not None and period.precision in ("year", "decade", "century")
        return self.emit(start, k, first, last, period.precision, approximate, bound or modifier, anchor=anchor,
                         explicit=period.has_year and not period.relative and not open_year, stated=stated,
                         relative=period.relative)

    def context_year(self) -> int | None:
        return self.last_anchor[1].year if self.last_anchor else None

    @staticmethod
    def _coarser(a: _Period, b: _Period) -> str:
        order = ["day", "week", "month", "quarter", "season", "year", "decade", "century"]
        return max(a.precision, b.precision, key=order.index)

    def relative(self, i: int) -> DateExpr | None:
        """"three years later", "the next day", "the day before", "four days before"."""
        w = self.w
        if self.longest(i, w.deictic_phrases):
            return None  # "the day after tomorrow"
        n, k = None, i
        t = self.tok(i)
        if t and t.kind == "num" and t.text.isdigit():
            n, k = int(t.text), i + 1
        elif t and t.lower in w.numbers:
            n, k = w.numbers[t.lower], i + 1
        elif t and t.lower in ("a", "one") and self.lower(i + 1) in w.rel_units:
            n, k = 1, i + 1
        if n is not None and self.lower(k) in w.rel_units:
            unit = w.rel_units[self.lower(k)]
            direction = self.lower(k + 1)
            if direction in ("after", "before", "from") and self.atom(k + 2) is not None:
                return None  # "two days after today": counted from the date named
            if direction in w.rel_after or direction in w.rel_before:
                sign = 1 if direction in w.rel_after else -1
                return self._resolve(i, k + 2, unit, sign * n)
            return None
        if self.lower(i) == "the":
            if self.lower(i + 1) in w.rel_next and self.lower(i + 2) in ("decade", "century", "week", "month", "year") \
                    and self.last_ref is None:
                return None  # "the next decade" in a dated text: a whole calendar unit (see narrative_unit)
            if self.lower(i + 1) in w.rel_next and self.lower(i + 2) in w.rel_units:
                return self._resolve(i, i + 3, w.rel_units[self.lower(i + 2)], w.rel_next[self.lower(i + 1)])
            if self.lower(i + 1) in w.rel_units and self.lower(i + 2) in ("before", "after") and not (
                    self.lower(i + 3) in w.deictic_days or self.lower(i + 3) in ("next", "last")
                    or self.lower(i + 3) == "the" and self.lower(i + 4) in ("next", "last")):
                sign = 1 if self.lower(i + 2) == "after" else -1
                return self._resolve(i, i + 3, w.rel_units[self.lower(i + 1)], sign)
        return None

    def _paragraphs_between(self, start: int | None, end: int) -> int:
        """Paragraph breaks (blank lines) between two offsets: "the next day" counts from a date in its own
        paragraph or the one before, not from one sections away."""
        if start is None:
            return 0
        if self._breaks is None:
            self._breaks = [m.start() for m in re.finditer(r"\n[ \t]*\n", self.text)]
        return bisect_left(self._breaks, end) - bisect_left(self._breaks, start)

    def _resolve(self, i: int, k: int, unit: str, amount: int) -> DateExpr:
        nxt = self.tok(k)
        # "the day before Hitler's troops entered Poland": measured from an event, not a date
        from_event = self.lower(k - 1) in ("before", "after") and nxt is not None and nxt.kind == "word" and nxt.lower not in ("and", "but", "or", "when")
        ranks = ["day", "week", "month", "quarter", "season", "year", "decade", "century"]
        last_ref = self.last_ref
        if last_ref is None and self.reference is not None:
            last_ref = (None, self.reference, self.reference, "day")  # "the day after" in a dated text
        if last_ref is None or from_event or ranks.index(last_ref[3]) > ranks.index(unit) \
                or unit in ("day", "week") and self._paragraphs_between(last_ref[0], self.toks[i].start) > 1:
            return self.emit(i, k, None, None, {"week": "day"}.get(unit, unit), False, None, relative=True)
        offset, ref_first, ref_last, _ = last_ref
        ref = ref_last if amount >= 0 else ref_first  # "later" counts from the end, "before" from the start
        if unit in ("day", "week"):
            day = ref + timedelta(days=amount * (7 if unit == "week" else 1))
            first = last = day
        elif unit == "month":
            m = ref.month - 1 + amount
            y, m = ref.year + m // 12, m % 12 + 1
            first, last = date(y, m, 1), _month_end(y, m)
        else:
            y = ref.year + amount * (10 if unit == "decade" else 1)
            if not 1 <= y <= 9999:
                return self.emit(i, k, None, None, unit, False, None, relative=True)
            first, last = date(y, 1, 1), date(y, 12, 31)
        precision = {"week": "day"}.get(unit, unit if unit in ("day", "month", "year", "decade") else "year")
        return self.emit(i, k, first, last, precision, False, None, anchor=offset, relative=True)

    def emit(self, i, k, first, last, precision, approximate, modifier, anchor=None, relative=False, explicit=True, stated=None) -> DateExpr:
        start, end = self.toks[i].start, self.toks[k - 1].end
        expr = DateExpr(
            start=start, end=end, text=self.text[start:end],
            date_start=first.isoformat() if first else None,
            date_end=last.isoformat() if last else None,
            precision=precision, approximate=approximate, modifier=modifier,
            anchor=anchor, relative=relative, tokens=(i, k),
        )
        first, last = stated or (first, last)
        if first and last:
            self.last_ref = (start, first, last, precision)
            if explicit and not relative and precision not in ("decade", "century"):
                self.last_anchor = (start, first, last, precision)  # "in the 1930s" names no year for
                # "on September 1" to fall in: the year the text last named stays
        return expr

    def parse(self) -> list[DateExpr]:
        numeric = find_numeric_dates(self.text, self.reference, month_first=self.month_first)
        starts = [t.start for t in self.toks]
        taken = set()
        for n in numeric:
            k = bisect_left(starts, n.start)
            while k < len(starts) and starts[k] < n.end:
                taken.add(starts[k])
                k += 1
        self.starts = starts
        out, i, e = [], 0, 0  # numeric[e:] are the numeric dates not yet passed
        while i < len(self.toks):
            tok = self.toks[i]
            while e < len(numeric) and numeric[e].start <= tok.start:
                out.append(self.numeric_expr(numeric[e], out))
                e += 1
            if tok.start in taken or (tok.kind != "num" and tok.lower not in self.w.starters) \
                    or self.before_numeric(i, numeric[e:e + 1]):
                i += 1
                continue
            try:
                expr = self.parse_at(i)
            except (ValueError, OverflowError):
                expr = None  # a date out of the calendar's range ("before year 1", "next year" in 9999): left out
            if expr is not None and not (e < len(numeric) and numeric[e].start < expr.end):
                out.append(expr)
                i = expr.tokens[1]
            else:
                i += 1
        out.extend(self.numeric_expr(n, out) for n in numeric[e:])
        return [d for d in self.joined_ranges(sorted(out, key=lambda d: d.start)) if _sound(d)]

    def joined_ranges(self, found: list[DateExpr]) -> list[DateExpr]:
        """Two dates joined by "to", "until", "through" or a dash ("from 10/1 to 11/7", "2019-aug-01 to today")
        are one range; "and" joins them only after "between"."""
        out: list[DateExpr] = []
        for d in found:
            prev = out[-1] if out else None
            if prev is not None and prev.date_start and d.date_end and prev.modifier is None and d.modifier is None \
                    and d.start - prev.end <= 12:
                gap = self.text[prev.end:d.start].strip().lower()
                before = self.text[max(0, prev.start - 12):prev.start].rstrip().lower()
                joined = gap in ("to", "-", "–", "—", "through", "thru", "until", "till", "~") or (
                    gap == "and" and before.endswith("between"))
                if joined and gap == "-" and prev.text.split()[-1].lower() in self.w.weekdays:
                    joined = False  # "this Friday-Jun-15": the date names the day
                if joined:
                    first, last = prev.date_start, d.date_end
                    no_year = not re.search(r"\d{4}|'\d\d", d.text)
                    if _day_key(last) < _day_key(first) and (d.precision == "month" or no_year) \
                            and _day_key(last)[0] == _day_key(first)[0]:
                        if no_year or re.search(r"\d{4}|'\d\d", prev.text):
                            last = _shift_year(last, 1)  # "from November to March"
                        else:
                            first = _shift_year(first, -1)  # "December-Feb 2016": the winter that ends in 2016
                    if first is not None and last is not None and _day_key(last) < _day_key(first) \
                            and (first.startswith("-") or last.startswith("-")):
                        # "between 44 BC and 100 BC": written latest first, the span runs from the earlier year
                        first = min(prev.date_start, d.date_start, key=_day_key)
                        last = max(prev.date_end, d.date_end, key=_day_key)
                    if first is not None and last is not None and _day_key(last) >= _day_key(first):
                        start = prev.start
                        for word in ("from", "between"):
                            if before.endswith(word):
                                start = prev.start - (len(self.text[max(0, prev.start - 12):prev.start]) - len(before)) \
                                    - len(word)
                        out[-1] = DateExpr(start, d.end, self.text[start:d.end], first, last,
                                           _coarsest(prev.precision, d.precision), relative=prev.relative or d.relative,
                                           anchor=prev.anchor, tokens=(prev.tokens[0], d.tokens[1]))
                        continue
            out.append(d)
        return out

    def before_numeric(self, i: int, events: list) -> bool:
        """A weekday ("Friday", "this friday") that a numeric date right after it names ("Friday 7/6")."""
        j = i + (self.lower(i) in ("this", "next", "last"))
        if self.weekday_at(j) is None or not events:
            return False
        k = j + 1 + (self.lower(j + 1) in (",", "-"))
        return k < len(self.toks) and self.toks[k].start == events[0].start

    def numeric_expr(self, n, out: list[DateExpr]) -> DateExpr:
        """A numeric date as a dated expression; a weekday just before it joins its span ("Friday 7/6")."""
        start = n.start
        k = bisect_left(self.starts, n.start)
        j = k - 1 - (self.lower(k - 1) in (",", "-"))
        if j >= 0 and self.weekday_at(j) is not None and not any(d.start <= self.toks[j].start < d.end for d in out[-3:]):
            start = self.toks[j].start
            if self.lower(j - 1) in ("this", "next", "last", "on"):
                start = self.toks[j - 1].start if self.lower(j - 1) != "on" else start
        first, last, anchor = n.first, n.last, None
        if not n.has_year:
            if self.last_anchor is not None:
                y = self.last_anchor[1].year
                first, last, anchor = self._in_year(first, y), self._in_year(last, y), self.last_anchor[0]
            elif first.year == PLACEHOLDER_YEAR and self.reference is not None:
                first = last = self._in_year(first, self.reference.year)  # "2/29" read in 2019: 29 Feb 2016
            elif first.year == PLACEHOLDER_YEAR:
                return DateExpr(start, n.end, self.text[start:n.end], None, None, n.precision)
        expr = DateExpr(start, n.end, self.text[start:n.end], first.isoformat(), last.isoformat(), n.precision,
                        anchor=anchor)
        self.last_ref = (start, first, last, n.precision)
        if n.has_year:
            self.last_anchor = self.last_ref
        return expr


def _days_in_month(y: int, m: int) -> int:
    """Days of a month in the proleptic Gregorian calendar, for astronomical years too (1 BC is year 0)."""
    if m == 2:
        return 29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def _day_key(iso: str | None) -> tuple[int, int, int]:
    """An ISO-like date ("1939-08-23", "-0599-01-01") as (year, month, day), comparable across the era."""
    sign = -1 if iso.startswith("-") else 1
    y, m, d = iso.lstrip("-").split("-")
    return sign * int(y), int(m), int(d)


def _shift_year(iso: str, years: int) -> str | None:
    """The same day ``years`` later, the month's last day where it has no such day; None outside -9999..9999."""
    y, m, d = _day_key(iso)
    y += years
    if not -9999 <= y <= 9999 or y == 0 and not iso.startswith("-"):
        return None
    d = min(d, _days_in_month(y, m))
    return f"{y:05d}-{m:02d}-{d:02d}" if y < 0 else f"{y:04d}-{m:02d}-{d:02d}"


def _sound(d: DateExpr) -> bool:
    """Whether a reading is one the calendar holds: real days, four-digit years, start not after end. A reversed
    pair ("between 44 BC and 100 BC") is put in order; anything else is left out rather than stored wrong."""
    keys = []
    for iso in (d.date_start, d.date_end):
        if iso is None:
            keys.append(None)
            continue
        if not re.fullmatch(r"-?\d{4}-\d{2}-\d{2}", iso):
            return False
        y, m, day = _day_key(iso)
        if not 1 <= m <= 12 or not 1 <= day <= _days_in_month(y, m):
            return False
        keys.append((y, m, day))
    if keys[0] is not None and keys[1] is not None and keys[0] > keys[1]:
        if d.date_start.startswith("-") or d.date_end.startswith("-"):
            first = _day_key(d.date_start)[0], _day_key(d.date_end)[0]
            lo, hi = min(first), max(first)
            d.date_start = f"{lo:05d}-01-01" if lo < 0 else f"{lo:04d}-01-01"
            d.date_end = f"{hi:05d}-12-31" if hi < 0 else f"{hi:04d}-12-31"
            return True
        return False
    return True


def _coarsest(a: str, b: str) -> str:
    order = ["day", "week", "month", "quarter", "season", "year", "decade", "century"]
    return max(a, b, key=lambda p: order.index(p) if p in order else 0)


def counted_year(toks: list[Tok], i: int) -> bool:
    """Whether the year-shaped number at ``i`` counts things rather than names a year.

    It does after a comparative ("more than 1500", "over 2000"; ``count_before``
    in data/dates.json), in a range whose other end cannot be a year
    ("1000-5000"), and before a plural noun when no year-only word stands
    before it ("had 1940 tanks", but "in 1937 purges"; ``year_only_after`` and
    ``year_followers``).
    """
    w = _words()
    prev = toks[i - 1].lower if i > 0 else ""
    if prev in w.count_before and not (prev == "than" and i > 1 and toks[i - 2].lower in ("later", "earlier", "sooner")):
        return True
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None:
        return False
    after = toks[i + 2] if i + 2 < len(toks) else None
    if nxt.lower in ("-", "–", "to") and after is not None and after.kind == "num" and len(after.text) >= 3 \
            and not 1000 <= (after.value or 0) <= 2100 and not (nxt.lower == "to" and prev in w.year_only_after):
        return True
    if nxt.lower == "over" and after is not None and after.kind == "num" and (
            i + 3 >= len(toks) or toks[i + 3].kind not in ("word", "num")):
        return True  # "2000 over 3": a quotient
    if nxt.kind != "word" or nxt.glued or nxt.newline or not nxt.text.islower():
        return False
    plural = len(nxt.lower) > 3 and nxt.lower.endswith("s") and not nxt.lower.endswith(("ss", "us", "is"))
    if not plural or nxt.lower in w.year_followers or nxt.lower in w.labels:
        return False  # "1941 marks", "the 1937 purges", "Orlov 1953 pages 347 to 349"
    return prev not in w.year_only_after


def find_dates(text: str, *, reference: date | None = None, month_first: bool | None = None) -> list[DateExpr]:
    """Every dated expression in ``text`` with its interval, left to right.

    ``reference`` is the date the text was written (a source's ``issued`` date):
    deictic expressions ("yesterday", "next month") count from it, and a
    partial date with no earlier explicit year takes its year. Without it they
    stay unresolved. ``month_first`` reads an ambiguous numeric date ("5/6/1939")
    month first, as American texts write it; by default the day comes first.

    Example:
        >>> [(d.date_start, d.date_end) for d in find_dates("purged in 1937-38")]
        [('1937-01-01', '1938-12-31')]
    """
    return _Parser(text, reference, month_first).parse()


__all__ = ["DateExpr", "find_dates"]
