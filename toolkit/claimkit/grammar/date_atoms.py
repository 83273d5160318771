"""Dates written out in full: days, months, years, decades, centuries and eras.

A mixin of the date grammar's parser (:mod:`claimkit.grammar.dates`), which
holds the tokens, the word lists and the context these readers use. Each
returns a :class:`~claimkit.grammar.periods.Period` and the token after it, or None.
"""

from __future__ import annotations

import calendar
from datetime import date

from .periods import Period as _Period
from .periods import month_end as _month_end


class DateAtoms:
    """Readers of dates written out: "20 August 1940", "December 1934", "the 1930s", "the sixth century BCE"."""

    def year_at(self, i: int, loose: bool = False) -> int | None:
        t = self.tok(i)
        if t is None or t.kind != "num" or len(t.text) != 4 or not t.text.isdigit():
            return None
        y = int(t.text)
        if not 1000 <= y <= 2100:
            return None
        nxt = self.tok(i + 1)
        if nxt is not None and (nxt.lower in self.w.blockers or (nxt.glued and nxt.kind == "word" and nxt.lower not in ("s", "bc", "bce", "ad", "ce"))):
            return None
        if self.counts_things(i):
            return None
        if t.glued and self.kind(i - 1) == "word":
            return None  # "LGA1156": part of a code
        if t.glued and self.lower(i - 1) in ("-", "/") and self.kind(i - 2) == "num" and not (
                len(self.tok(i - 2).text) == 4 and self.tok(i - 2).text.isdigit()):
            return None  # "555-1212", "11/2016" is read whole elsewhere
        prev = self.lower(i - 1)
        if prev in ("$", "£", "€") or prev in self.w.labels or (prev == "." and self.lower(i - 2) in self.w.labels):
            return None
        return y

    def year_span(self, i: int) -> tuple[int, int] | None:
        """A year in digits or words, with the token after it."""
        y = self.year_at(i)
        if y:
            return y, i + 1
        return self.year_words(i)

    def two_digits(self, i: int) -> tuple[int, int] | None:
        """"twenty-eight", "ninety nine", "fifteen", "eight" as a number below 100."""
        n = self.w.numbers
        lw = self.lower(i)
        if lw not in n:
            return None
        v = n[lw]
        k = i + 1
        if v >= 20 and v % 10 == 0:
            j = k + (self.lower(k) == "-")
            if self.lower(j) in n and 1 <= n[self.lower(j)] <= 9:
                return v + n[self.lower(j)], j + 1
        return v, k

    def year_words(self, i: int) -> tuple[int, int] | None:
        """"nineteen twenty-eight", "nineteen oh one", "two thousand and eighteen", "one thousand seven hundred and eighty nine"."""
        n = self.w.numbers
        lw = self.lower(i)
        if lw not in n or self.kind(i) != "word":
            return None
        v = n[lw]
        k = i + 1
        if v in (1, 2) and self.lower(k) == "thousand":
            if v == 1 and self.lower(k + 1 + (self.lower(k + 1) == "and")) not in self.w.numbers:
                return None  # "one thousand" alone counts; "one thousand seven hundred and eighty nine" is a year
            y, k = v * 1000, k + 1
            k += self.lower(k) == "and"
            hundreds = self.two_digits(k)
            if hundreds and self.lower(hundreds[1]) == "hundred":
                y += hundreds[0] * 100
                k = hundreds[1] + 1
                k += self.lower(k) == "and"
            rest = self.two_digits(k)
            if rest:
                y, k = y + rest[0], rest[1]
            elif self.lower(k - 1) == "and":
                k -= 1
            return (y, k) if 1000 <= y <= 2100 else None
        if 10 <= v <= 20:
            if self.lower(k) == "hundred":
                j = k + 1 + (self.lower(k + 1) == "and")
                rest = self.two_digits(j)  # "nineteen hundred and ninety three"
                return (v * 100 + rest[0], rest[1]) if rest else (v * 100, k + 1)
            if self.lower(k) in ("oh", "zero", "nought", "o") and self.lower(k + 1) in n and 1 <= n[self.lower(k + 1)] <= 9:
                return v * 100 + n[self.lower(k + 1)], k + 2
            rest = self.two_digits(k)
            if rest and rest[0] >= 10:
                return v * 100 + rest[0], rest[1]
        return None

    def small_year_words(self, i: int) -> tuple[int, int] | None:
        """"two hundred and sixty seven": a year below 1000 in words."""
        first = self.two_digits(i)
        if first is None:
            return None
        if self.lower(first[1]) != "hundred":
            return first if first[0] >= 1 else None
        y, k = first[0] * 100, first[1] + 1
        j = k + (self.lower(k) == "and")
        rest = self.two_digits(j)
        return (y + rest[0], rest[1]) if rest else (y, k)

    def day_at(self, i: int) -> tuple[int, int] | None:
        """A day of the month: "31", "31st", "the 31st"."""
        t = self.tok(i)
        if t is None:
            return None
        if t.kind == "num" and t.text.isdigit() and 1 <= int(t.text) <= 31 and self.lower(i - 1) not in ("$", "£", "€"):
            j = i + 1
            if self.tok(j) and self.tok(j).glued and self.lower(j) in ("st", "nd", "rd", "th"):
                j += 1
            return int(t.text), j
        if t.lower in self.w.ordinals and self.w.ordinals[t.lower] <= 31:
            return self.w.ordinals[t.lower], i + 1
        if t.lower in ("twenty", "thirty"):  # "twenty first", "twenty-one", "thirty"
            k = i + 1 + (self.lower(i + 1) == "-")
            unit = self.w.ordinals.get(self.lower(k)) or self.w.numbers.get(self.lower(k))
            base = 20 if t.lower == "twenty" else 30
            if unit and unit < 10 and base + unit <= 31:
                return base + unit, k + 1
            return (base, i + 1) if t.lower == "thirty" or self.lower(i + 1) not in self.w.numbers else None
        if t.lower in self.w.numbers and 1 <= self.w.numbers[t.lower] <= 19 and (
                self.month_word(i - 1) or self.month_word(i + 1) and self.tok(i + 1).text[0].isupper()
                or self.lower(i - 1) == "the" and self.weekday_at(i - 2) is not None):
            return self.w.numbers[t.lower], i + 1  # "May nine", "Friday the fifteen"
        return None

    def month_word(self, i: int) -> bool:
        return self.kind(i) == "word" and self.lower(i) in self.w.months

    def month_at(self, i: int) -> int | None:
        """A month name; in lower case only beside a day or year ("april 22", "22 april", "march 2019")."""
        t = self.tok(i)
        if t is None or t.kind != "word" or t.lower not in self.w.months:
            return None
        if not t.text[0].isupper():
            k = i + 1 + (self.lower(i + 1) in (".", "-"))
            day_before = self.kind(i - 1) == "num" or self.lower(i - 1) in ("st", "nd", "rd", "th") or (
                self.lower(i - 1) == "of" and (self.kind(i - 2) == "num" or self.lower(i - 2) in ("st", "nd", "rd", "th")
                                               or self.lower(i - 2) in self.w.ordinals))
            number_after = self.kind(k) == "num" and self.tok(k).text.isdigit() or (
                self.lower(k) in ("of", ",", "/") and self.year_at(k + 1) is not None)
            j = k + (self.lower(k) in ("the", ","))
            number_after = number_after or self.lower(k) == "the" and self.kind(j) == "num" and self.tok(j).text.isdigit()
            day_words_after = self.kind(j) == "word" and (self.lower(j) in self.w.ordinals or self.lower(j) in (
                "twenty", "thirty") or self.lower(j) in self.w.numbers and self.lower(j) not in ("one", "a"))
            if not (day_before or number_after or day_words_after):
                return None
            if t.lower in ("may", "march") and not day_before and not day_words_after and not (
                    number_after and (len(self.tok(k).text) == 4 or self.lower(i - 1) in ("in", "on", "of", "by", "since"))):
                return None  # "they may 5 times", "we march 20 miles"
        if len(t.lower) <= 4 and t.lower not in ("may", "june", "july") and self.lower(i + 1) == ".":
            return self.w.months[t.lower]
        if len(t.lower) <= 3 and t.lower != "may":
            k = i + 1 + (self.lower(i + 1) in ("-", ",", "/"))
            if not (self.kind(k) == "num" and self.tok(k).text.isdigit() or self.kind(i - 1) == "num"
                    or self.lower(k) in self.w.ordinals or self.lower(k) in self.w.numbers
                    or self.lower(i - 1) in ("st", "nd", "rd", "th", "of", "in", "this", "next", "last")):
                return None  # "Jan" alone is more often a name
        return self.w.months[t.lower]

    def simple(self, i: int, context_year: int | None = None) -> tuple[_Period, int] | None:
        """A date with no modifier: day, month, season, year, decade or century."""
        w = self.w
        # day month [year]: "20 August 1940", "the 26th of March 1939"
        j = i + 1 if self.lower(i) == "the" and self.day_at(i + 1) else i
        d = self.day_at(j)
        if d:
            day, k = d
            if self.lower(k) == "of" or self.lower(k) in ("-", ".") and self.tok(k).glued and self.kind(k + 1) == "word":
                k += 1  # "1-jan", "16. Nov. 2016"
            m = self.month_at(k)
            if m:
                k += 1
                if self.lower(k) == "." and (self.kind(k + 1) == "num" or self.lower(k + 1) == ","):
                    k += 1  # "16 Nov. 1939", not the full stop after "11 September."
                if self.lower(k) == "of" and self.kind(k + 1) == "num" and len(self.tok(k + 1).text) == 2 \
                        and self.tok(k + 1).text.isdigit() and self.reference is not None:
                    return self._day(self.two_digit_year(int(self.tok(k + 1).text)), m, day, k + 2, context_year)
                if self.lower(k) in (",", "of"):
                    k += 1 if self.year_span(k + 1) else 0
                ys = self.year_span(k) or (self.year_span(k + 1) if self.lower(k) == "in" else None)
                return self._day(ys[0] if ys else None, m, day, ys[1] if ys else k, context_year)
        # month [day] [, year]: "August 20th 1940", "August 23rd, 1939", "December 1934"
        m = self.month_at(i)
        if m:
            k = i + 1
            if (self.lower(k) == "." or self.lower(k) == "-" and self.tok(k).glued) and self.kind(k + 1) == "num":
                k += 1  # "Oct. 2", "Oct-2"
            if self.lower(k) == "," and self.day_at(k + 1) and not self.year_span(k + 1):
                k += 1  # "October, 1st"
            if self.lower(k) == "the" and self.day_at(k + 1):
                k += 1  # "September the twenty-first"
            d = self.day_at(k)
            if d and self.year_words(k) and self.lower(k + 1) in ("thousand", "hundred"):
                d = None  # "August two thousand and fifteen"
            if d and not (self.tok(k).kind == "num" and len(self.tok(k).text) == 4):
                day, k = d
                if self.lower(k) in (",", "of"):
                    k += 1 if self.year_span(k + 1) else 0
                ys = self.year_span(k)
                return self._day(ys[0] if ys else None, m, day, ys[1] if ys else k, context_year)
            if self.lower(k) == "of" and self.kind(k + 1) == "num" and len(self.tok(k + 1).text) == 2 \
                    and self.tok(k + 1).text.isdigit() and self.reference is not None:
                y = self.two_digit_year(int(self.tok(k + 1).text))  # "April of 87"
                return _Period(date(y, m, 1), _month_end(y, m), "month"), k + 2
            if self.lower(k) in ("of", "/", "-") and self.year_span(k + 1):
                k += 1
            elif self.lower(k) == ",":
                k += 1 if self.year_span(k + 1) else 0
            ys = self.year_span(k)
            if ys:
                return _Period(date(ys[0], m, 1), _month_end(ys[0], m), "month"), ys[1]
            prev = self.lower(i - 1)
            alone = self.tok(i).text[0].isupper() and len(self.lower(i)) > 3 and self.lower(i) != "may" and not (
                self.kind(i - 1) == "word" and self.tok(i - 1).text[0].isupper())
            if alone or prev in ("in", "of", "by", "during", "until", "since", "early", "late", "mid", "from", "to", "and",
                                 "before", "after", "till", "through"):
                y = context_year
                if y is None:
                    return _Period(date(1, m, 1), _month_end(1, m), "month", has_year=False), k
                return _Period(date(y, m, 1), _month_end(y, m), "month", has_year=False), k
            return None
        # season [of] year[-year]
        if self.lower(i) in w.seasons:
            k = i + 1
            if self.lower(k) == "of":
                k += 1
            y = self.year_at(k)
            if y:
                m0, m1 = w.seasons[self.lower(i)]
                k += 1
                y_end = y
                if m1 < m0:  # winter crosses the new year; "winter of 1929-1930" names both years
                    y_end = y + 1
                    nxt = self._second_year(k, y)
                    if nxt and nxt[0] == y + 1:
                        k = nxt[1]
                return _Period(date(y, m0, 1), _month_end(y_end, m1), "season"), k
            nxt = self.tok(i + 1)
            if nxt is not None and nxt.kind == "word" and nxt.text[0].isupper():
                return None  # "the Winter War": a name
            if self.lower(i) == "fall" and not self._fall_is_season(i):
                return None  # "the fall of the city", "after the fall": a collapse, not autumn
            if self.lower(i - 1) in ("the", "in", "this", "by", "until", "during", "early", "mid", "late", "-", "whole",
                                     "that") or self.tok(i).text[0].isupper():
                m0, m1 = w.seasons[self.lower(i)]  # "in the summer": the year comes from context
                y = context_year or 4
                return _Period(date(y, m0, 1), _month_end(y + (m1 < m0), m1), "season", has_year=False), i + 1
            return None
        # decades: "1930s", "1930's", "1930’s", "the thirties"
        t = self.tok(i)
        if t and t.kind == "num" and len(t.text) == 4 and t.text.isdigit() and t.text.endswith("0"):
            k = i + 1
            if self.lower(k) in ("'", "’") and self.tok(k).glued and self.lower(k + 1) == "s":
                k += 2
            elif self.lower(k) == "s" and self.tok(k).glued:
                k += 1
            if k > i + 1:
                y = int(t.text)
                return _Period(date(y, 1, 1), date(y + 9, 12, 31), "decade"), k
        if t and t.kind == "num" and t.text.isdigit() and len(t.text) in (2, 4) and t.text.endswith("0"):
            k = i + 1
            short = len(t.text) == 2
            if self.lower(k) in ("'", "’") and self.tok(k).glued and self.lower(k + 1) == "s":
                k += 2
            elif self.lower(k) == "s" and (self.tok(k).glued or self.kind(k + 1) != "word"):
                k += 1  # "1990 s"
            prev_apostrophe = self.lower(i - 1) in ("'", "’") and t.glued
            if k > i + 1 and (not short or prev_apostrophe or self.lower(i - 1) in ("the", "in", "early", "mid", "late", "-")):
                y = int(t.text) + (w.century if short else 0)
                return _Period(date(y, 1, 1), date(y + 9, 12, 31), "decade"), k
        hit = self.longest(i, w.named_decades)
        if hit and self.lower(i - 1) == "the":  # "the noughties", "the twenty-tens"
            return _Period(date(hit[1], 1, 1), date(hit[1] + 9, 12, 31), "decade"), hit[0]
        if t and t.lower == "year" and self.kind(i + 1) == "num" and self.tok(i + 1).text.isdigit() \
                and 1 <= int(self.tok(i + 1).text) < 1000:  # "year 247"
            y = int(self.tok(i + 1).text)
            return _Period(date(y, 1, 1), date(y, 12, 31), "year"), i + 2
        if t and t.lower == "year" and self.kind(i + 1) == "word":
            small = self.small_year_words(i + 1)  # "year two hundred and sixty seven"
            if small:
                return _Period(date(small[0], 1, 1), date(small[0], 12, 31), "year"), small[1]
        if t and t.lower in w.word_decades:
            y = w.century + w.word_decades[t.lower]
            return _Period(date(y, 1, 1), date(y + 9, 12, 31), "decade"), i + 1
        # centuries: "the fourteenth century", "19th century", "the sixth century BCE"
        c = None
        if t and t.lower in w.ordinals and self.lower(i + 1) == "century":
            c, k = w.ordinals[t.lower], i + 2
        elif t and t.kind == "num" and t.text.isascii() and t.text.isdigit() and self.lower(i + 1) in ("st", "nd", "rd", "th") \
                and self.lower(i + 2) == "century":
            c, k = int(t.text), i + 3
        if c and c <= 100:
            if self.lower(k) in ("ad", "ce"):
                k += 1
            # the 1400s; the first century AD is the years 1-99 (there is no year 0)
            return _Period(date(max((c - 1) * 100, 1), 1, 1), date(c * 100 - 1, 12, 31), "century"), k
        y = self.year_at(i)
        if y:
            return _Period(date(y, 1, 1), date(y, 12, 31), "year"), i + 1
        if self.lower(i - 1) in ("in", "of", "since", "by", "until", "year", "during"):
            ys = self.year_words(i)  # "in nineteen twenty-eight" (a count "from one thousand to ..." is no year)
            if ys:
                return _Period(date(ys[0], 1, 1), date(ys[0], 12, 31), "year"), ys[1]
        return None

    @staticmethod
    def _day(y, m, day, k, context_year):
        year = y or context_year or 4  # year 4 (a leap year) stands in until an anchor is found
        try:
            when = date(year, m, day)
        except ValueError:
            return None
        return _Period(when, when, "day", has_year=y is not None), k

    _FALL_BEFORE = frozenset({"in", "during", "by", "until", "till", "through", "since", "this", "that", "last",
                              "next", "early", "mid", "late", "-"})

    def _fall_is_season(self, i: int) -> bool:
        """Whether a lower-case "fall" with no year is autumn: the noun also names a collapse ("the fall of
        the city", "after the fall"), so it needs a word of time before it ("in the fall", "that fall") and
        no "of" after it."""
        if self.lower(i + 1) == "of":
            return False
        k = i - 1
        if self.lower(k) == "the":
            k -= 1
        return self.lower(k) in self._FALL_BEFORE

    def _second_year(self, k: int, first: int) -> tuple[int, int] | None:
        """The year after a dash: "-38" -> 1938, "-9" -> 1939, "–1938" -> 1938."""
        if self.lower(k) not in ("-", "–", "—", "/"):
            return None
        t = self.tok(k + 1)
        if t is None or t.kind != "num" or not t.text.isdigit():
            return None
        if len(t.text) == 4:
            y = int(t.text)
        elif len(t.text) in (1, 2):
            base = first - first % (10 ** len(t.text))
            y = base + int(t.text)
            if y <= first:
                return None  # "2016-11", "2015-3": a month of the year, not a range into the next century
        else:
            return None
        return (y, k + 2) if first < y <= first + 100 else None

    def _year_digits(self, i: int) -> int | None:
        t = self.tok(i)
        if t is not None and t.kind == "num" and len(t.text) == 4 and t.text.isdigit() and 1000 <= int(t.text) <= 2100:
            return int(t.text)
        return None

    def month_name(self, i: int) -> tuple[_Period, int] | None:
        """A month named in a range or after a preposition, in any case ("between august and october", "after feb")."""
        t = self.tok(i)
        if t is None or t.kind != "word" or t.lower not in self.w.months:
            return None
        if t.lower == "may" and not t.text[0].isupper():
            return None
        m = self.w.months[t.lower]
        k = i + 1 + (self.lower(i + 1) == ".")
        ys = self.year_span(k + (self.lower(k) in (",", "of", "in"))) if self.lower(k) in (",", "of", "in") else self.year_span(k)
        if ys:
            return _Period(date(ys[0], m, 1), _month_end(ys[0], m), "month"), ys[1]
        return _Period(date(4, m, 1), _month_end(4, m), "month", has_year=False), k

    def month_of_year(self, period: _Period, k: int) -> tuple[_Period, int] | None:
        """What narrows a year written first: "2016-11", "2015/3", "2016 june", "2016, nov", "2016 Q3"."""
        y = period.first.year
        if self.lower(k) in ("-", "/", "–") and self.kind(k + 1) == "num" and self.tok(k + 1).text.isdigit() \
                and len(self.tok(k + 1).text) <= 2 and 1 <= int(self.tok(k + 1).text) <= 12 \
                and self._second_year(k, y) is None and self.lower(k + 2) not in ("-", "/"):
            m = int(self.tok(k + 1).text)
            return _Period(date(y, m, 1), _month_end(y, m), "month"), k + 2
        j = k + (self.lower(k) in (",", "the"))
        if self.kind(j) == "word" and self.lower(j) in self.w.months and (
                self.tok(j).text[0].isupper() or self.lower(j) != "may" or self.kind(j + 1) != "word"):
            m = self.w.months[self.lower(j)]
            return _Period(date(y, m, 1), _month_end(y, m), "month"), j + 1
        q = self.quarter(k + (self.lower(k) in (",", "-")))
        if q and q[0] is not None and not self.year_after(q[1])[0]:
            shift = y - q[0].first.year
            return _Period(q[0].first.replace(year=q[0].first.year + shift), q[0].last.replace(year=q[0].last.year + shift),
                           q[0].precision), q[1]
        return None

    def two_digit_year(self, yy: int) -> int:
        """"87" in a text written in 2018: the latest year ending so, at most ten years after the reference."""
        y = self.reference.year - self.reference.year % 100 + yy
        return y - 100 if y > self.reference.year + 10 else y

    @staticmethod
    def _in_year(day: date | None, year: int) -> date | None:
        """``day`` in ``year``; 29 February goes to the nearest earlier leap year."""
        if day is None:
            return None
        if day.month == 2 and day.day == 29:
            while not calendar.isleap(year):
                year -= 1
        return day.replace(year=year)
