"""Dates that count from somewhere: the reference date, an earlier date, a week or a feast.

A mixin of the date grammar's parser (:mod:`claimkit.grammar.dates`). Each
reader returns ``(Period, end token)`` or ``(None, end, precision)`` when
the expression is a date but nothing says which ("next week" with no
reference date): such dates are kept unresolved rather than invented.

Rules and their limits:
- "today", "next week", "last Friday", "this Jan", "this summer", "the week
  after next" count from the reference date (a source's own date). Weeks run
  Monday to Sunday; "this weekend" is its Saturday and Sunday.
- A bare weekday ("on Friday") is the next such day from the reference (or
  from an earlier day in the text); "Tuesday of last week", "next week
  Wednesday" fall in the week named.
- "next 3 days", "the past few weeks", "within 9 months" are rolling periods:
  from the day after the reference forward, or back to the day before it;
  "business days" skip weekends; decades and quarters roll as whole units
  ("the past 2 decades" of 2016 is 1990-2009). Fortnights step two weeks from
  the Monday of the reference's week.
- "three weeks from tomorrow", "two days after 12 January": counted from the
  date named (a date without a year, or a feast, is the next one to come).
  A weekday beside a counted day falls in that day's Sunday-to-Saturday week
  ("Monday two weeks from now", "in 3 days on Friday").
- "the 18th", "on 15": a day of the month in context (the month named right
  after it, else the month of the nearest earlier date, else the reference's).
- Quarters ("Q3 2016", "the first quarter of 2019"), halves ("H2"), numbered
  weeks ("week 31": ISO weeks), weeks of a month or year (the first is the one
  holding its first Thursday, as ISO weeks are counted), "the first three
  months of 1937", and feasts ("Christmas 1941", "Easter 1916"; "Labour Day
  weekend" adds the weekend it joins) read in the year named, else in the
  reference's year.
"""

from __future__ import annotations

from datetime import date, timedelta

from .periods import (
    Period,
    add_months,
    easter,
    first_week_monday,
    month_end,
    nth_weekday,
    week_of,
)

_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "weekend": 7}
_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}


class DeicticReader:
    """Readers of dates counted from the reference date, the narrative, weeks, quarters and feasts."""

    # -- helpers ----------------------------------------------------------
    def unit_word(self, i: int) -> str | None:
        """A calendar unit, singular or plural ("day", "weeks", "business days")."""
        lw = self.lower(i)
        if lw == "business" and self.lower(i + 1) in ("day", "days"):
            return "day"
        if lw in self.w.deictic_units:
            return self.w.deictic_units[lw]
        if lw.endswith("s") and lw[:-1] in self.w.deictic_units:
            return self.w.deictic_units[lw[:-1]]
        return None

    def unit_end(self, i: int) -> int:
        return i + 2 if self.lower(i) == "business" else i + 1

    def amount(self, i: int) -> tuple[int, int] | None:
        """A small count before a unit: "3", "three", "a", "a few", "couple of"."""
        t = self.tok(i)
        if t is None or self.lower(i - 1) == "-" and t.glued:
            return None  # the "one" of "twenty-one" starts no count
        if t.kind == "num" and t.text.isdigit() and len(t.text) <= 3:
            return int(t.text), i + 1
        if t.lower in self.w.numbers:
            return self.w.numbers[t.lower], i + 1
        k = i + 1 if t.lower in ("a", "the") else i
        hit = self.longest(k, self.w.vague_counts)
        if hit:
            return hit[1], hit[0]
        if t.lower in ("a", "an", "one"):
            return 1, i + 1
        return None

    def period_of(self, unit: str, day: date, shift: int = 0) -> Period:
        """The calendar ``unit`` holding ``day``, moved ``shift`` units."""
        if unit == "day":
            d = day + timedelta(days=shift)
            return Period(d, d, "day", relative=True)
        if unit == "fortnight":  # fortnights step two weeks from this week's Monday
            monday = week_of(day)[0] + timedelta(weeks=2 * shift)
            return Period(monday, monday + timedelta(days=13), "week", relative=True)
        if unit in ("week", "weekend"):
            monday, sunday = week_of(day + timedelta(weeks=shift))
            if unit == "weekend":
                return Period(monday + timedelta(days=5), sunday, "week", relative=True)
            return Period(monday, sunday, "week", relative=True)
        if unit in ("month", "quarter"):
            size = 3 if unit == "quarter" else 1
            start = (day.month - 1) // size * size + shift * size
            y, m0 = day.year + start // 12, start % 12 + 1
            return Period(date(y, m0, 1), month_end(y, m0 + size - 1), unit, relative=True)
        span = {"year": 1, "decade": 10, "century": 100}[unit]
        y0 = day.year - (day.year % span if span > 1 else 0) + shift * span
        return Period(date(y0, 1, 1), date(y0 + span - 1, 12, 31), unit, relative=True)

    def from_day(self) -> date | None:
        """The day a narrative reference counts from: the nearest earlier date, else the reference."""
        if self.last_ref is not None:
            return self.last_ref[2]
        return self.reference

    # -- the reference date ------------------------------------------------
    def deictic(self, i: int):
        """"yesterday", "next week", "last Friday", "this Jan", "Tuesday of last week", "the week after next"."""
        w = self.w
        lw = self.lower(i)
        ref = self.reference
        hit = self.longest(i, w.deictic_phrases)
        if hit:
            return self._resolved(self.period_of("day", ref, hit[1]) if ref else None, hit[0], "day")
        if lw in w.deictic_days:
            return self._resolved(self.period_of("day", ref, w.deictic_days[lw]) if ref else None, i + 1, "day")
        if lw == "the" and self.lower(i + 1) == "day" and self.lower(i + 2) in ("after", "before") \
                and self.lower(i + 3) in w.deictic_days:  # "the day after tmrw"
            shift = w.deictic_days[self.lower(i + 3)] + (1 if self.lower(i + 2) == "after" else -1)
            return self._resolved(self.period_of("day", ref, shift) if ref else None, i + 4, "day")
        if lw == "the" and self.lower(i + 1) in ("week", "weekend", "month", "year") and self.lower(i + 2) in ("after", "before"):
            k = i + 3 + (self.lower(i + 3) == "the")
            if self.lower(k) in ("next", "last"):
                shift = 2 if self.lower(i + 2) == "after" else -2
                unit = self.lower(i + 1)
                return self._resolved(self.period_of(unit, ref, shift) if ref else None, k + 1, unit)
        weekday = self.weekday_at(i)
        if weekday is not None and self.lower(i + 1) == "of":  # "Tuesday of last week"
            week = self.deictic(i + 2) if self.lower(i + 2) != "the" else self.narrative_unit(i + 2)
            if week and week[0] is not None and week[0].precision == "week":
                day = week[0].first + timedelta(days=weekday)
                return Period(day, day, "day", relative=True), week[1]
        if lw not in w.deictic_shifts:
            return None
        shift, k = w.deictic_shifts[lw], i + 1
        if self.lower(k) == "calendar" and self.lower(k + 1) == "year":
            k += 1  # "this calendar year"
        unit = self.unit_word(k)
        if unit is not None and self.lower(k).endswith("s") and unit != "weekend":
            return None  # "next weeks" is no date; rolling periods are read elsewhere
        if unit is not None:
            period = self.period_of(unit, ref, shift) if ref else None
            k = self.unit_end(k)
            if unit == "week":  # "next week Wednesday", "this week on Monday", "previous week - Monday"
                j = k + (self.lower(k) in ("on", "-", ","))
                day = self.weekday_at(j)
                if day is not None:
                    if period is None:
                        return None, j + 1, "day"
                    d = period.first + timedelta(days=day)
                    return Period(d, d, "day", relative=True), j + 1
            return self._resolved(period, k, unit)
        dated = self.simple(k) if self.kind(k) in ("num", "word") and self.lower(k) not in w.months else None
        if dated and dated[0].precision == "day" and not dated[0].has_year and ref is not None:
            d = self._in_year(dated[0].first, ref.year)  # "next 6th of April": the next one after today
            if shift > 0 and d <= ref:
                d = self._in_year(d, ref.year + 1)
            elif shift < 0 and d >= ref:
                d = self._in_year(d, ref.year - 1)
            return Period(d, d, "day", relative=True), dated[1]
        day = self.weekday_at(k)
        if day is not None:
            if ref is None:
                return None, k + 1, "day"
            monday = week_of(ref)[0] + timedelta(weeks=shift)
            d = monday + timedelta(days=day)
            return Period(d, d, "day", relative=True), k + 1
        month = self.w.months.get(self.lower(k))
        if month and self.kind(k) == "word" and (self.tok(k).text[0].isupper() or self.lower(k) != "may"
                                                  or self.kind(k + 1) in ("", "punct")):
            if ref is None:
                return None, k + 1, "month"
            y = ref.year + shift
            return Period(date(y, month, 1), month_end(y, month), "month", relative=True), k + 1
        season = self.w.seasons.get(self.lower(k))
        if season:
            if ref is None:
                return None, k + 1, "season"
            y = ref.year + shift
            m0, m1 = season
            last = month_end(y + 1, m1) if m1 < m0 else month_end(y, m1)
            return Period(date(y, m0, 1), last, "season", relative=True), k + 1
        return None

    def _resolved(self, period: Period | None, k: int, precision: str):
        return (period, k) if period is not None else (None, k, precision)

    def rest_of(self, i: int):
        """"the rest of the week", "rest of my month": from the reference date to the end of the unit."""
        k = i + (self.lower(i) == "the")
        if self.lower(k) not in ("rest", "remainder", "remaining"):
            return None
        k += 1 + (self.lower(k + 1) == "of")
        k += self.lower(k) in ("the", "my", "this")
        unit = self.unit_word(k)
        if unit is None or self.lower(k).endswith("s") and unit != "weekend":
            return None
        if self.reference is None:
            return None, k + 1, unit
        whole = self.period_of(unit, self.reference)
        return Period(self.reference, whole.last, whole.precision, relative=True), k + 1

    def current_unit(self, i: int):
        """"for the day", "partner of the year", "end of month", "in the week": the unit holding the reference date."""
        if self.reference is None:
            return None
        k = i + (self.lower(i) in ("the", "my", "that"))
        unit = self.unit_word(k)
        if unit is None or self.lower(k).endswith("s") or unit in ("decade", "century", "fortnight", "quarter"):
            return None
        bare_weekend = unit == "weekend" and self.lower(i - 1) in ("on", "at", "this", "for")
        if k == i and not bare_weekend and not (
                self.lower(i - 1) == "of" and self.lower(i - 2) in ("end", "beginning", "start", "middle")):
            return None  # "month" alone only in "end of month"
        if not (self.lower(i - 1) in ("of", "for", "in", "during", "this") or k == i or unit in ("week", "weekend")):
            return None
        if self.kind(k + 1) == "num" or self.lower(k + 1) in ("after", "before", "of"):
            return None
        whole = self.period_of(unit, self.reference)
        if self.lower(k + 1) == "to" and self.lower(k + 2) == "date":  # "the year to date"
            return Period(whole.first, self.reference, whole.precision, relative=True), k + 3
        return whole, k + 1

    def narrative_unit(self, i: int):
        """"the following week", "the same month", "the previous year": from the nearest earlier date or the reference."""
        w = self.w
        if self.lower(i) != "the" or self.lower(i + 1) not in w.rel_next:
            return None
        unit = self.unit_word(i + 2)
        if unit is None or self.lower(i + 2).endswith("s"):
            return None
        base = self.from_day()
        k = self.unit_end(i + 2)
        if base is None:
            return None, k, unit
        return self.period_of(unit, base, w.rel_next[self.lower(i + 1)]), k

    def weekday_at(self, i: int) -> int | None:
        """A weekday name ("Friday", "fri", "tues")."""
        t = self.tok(i)
        if t is None or t.kind != "word" or t.lower not in self.w.weekdays:
            return None
        if len(t.lower) <= 3 and t.lower in ("sat", "sun", "wed", "mon") and not t.text[0].isupper():
            return None  # "sat", "sun" are words too
        return self.w.weekdays[t.lower]

    def bare_weekday(self, i: int):
        """"on Friday", "Monday": the next such day from the reference (or from an earlier day in the text)."""
        day = self.weekday_at(i)
        if day is None:
            return None
        t = self.tok(i)
        if not (t.text[0].isupper() or len(t.lower) > 5
                or self.lower(i - 1) in ("on", "by", "until", "till", "before", "after", "or", "and")):
            return None
        if self.lower(i - 1) in ("a", "every", "each", "one", "that", "the") or self.lower(i + 1) in ("night", "nights", "'s", "’s"):
            return None  # "a Thursday", "every Friday": no particular day
        base = self.reference or (self.last_ref[2] if self.last_ref else None)
        if base is None:
            return None, i + 1, "day"
        d = base + timedelta(days=(day - base.weekday()) % 7)
        return Period(d, d, "day", relative=True), i + 1

    # -- rolling periods and counted offsets ------------------------------
    def rolling(self, i: int):
        """"next 3 days", "the past few weeks", "within 9 months", "5 upcoming years", "previous 4 business days"."""
        w = self.w
        k = i + (self.lower(i) == "the")
        within = self.lower(k) == "within"
        if within:
            k += 1 + (self.lower(k + 1) in ("the", "next"))
            if self.lower(k) == "next":
                k += 1
        direction = None
        if self.lower(k) == "last" and self.lower(k - 1) in ("to", "will", "would", "could", "did", "does", "may", "might",
                                                            "should", "can", "must", "not"):
            return None  # "it was to last ten years": the verb
        if self.lower(k) in w.rolling_forward:
            direction, k = 1, k + 1
        elif self.lower(k) in w.rolling_backward:
            direction, k = -1, k + 1
        n = self.amount(k)
        if n is None:
            return None
        amount, k = n
        if direction is None and not within:  # "5 upcoming years", "2 next days"
            if amount > 1 and not self.lower(k + 1).endswith("s"):
                return None  # "23 next month" is a day and a month, not a rolling period
            if self.lower(k) in w.rolling_forward:
                direction, k = 1, k + 1
            elif self.lower(k) in w.rolling_backward:
                direction, k = -1, k + 1
            else:
                return None
        unit = self.unit_word(k)
        if unit is None or unit == "weekend":
            return None
        business = self.lower(k) == "business"
        end = self.unit_end(k)
        ref = self.reference
        if ref is None:
            return None, end, "day"
        if business:  # "the next 4 business days": weekdays only
            days, d = [], ref
            while len(days) < amount:
                d += timedelta(days=direction or 1)
                if d.weekday() < 5:
                    days.append(d)
            return Period(min(days), max(days), "day", relative=True), end
        if unit in ("decade", "century") and not within:  # "the past 2 decades": whole decades
            span = 10 if unit == "decade" else 100
            y0 = ref.year - ref.year % span
            if direction > 0:
                return Period(date(y0 + span, 1, 1), date(y0 + span * (amount + 1) - 1, 12, 31), unit, relative=True), end
            return Period(date(y0 - span * amount, 1, 1), date(y0 - 1, 12, 31), unit, relative=True), end
        if unit == "quarter" and not within:  # "the last 2 quarters": whole quarters
            this = self.period_of("quarter", ref)
            if direction > 0:
                return Period(self.period_of("quarter", ref, 1).first, self.period_of("quarter", ref, amount).last, unit,
                              relative=True), end
            return Period(self.period_of("quarter", ref, -amount).first, this.first - timedelta(days=1), unit,
                          relative=True), end
        if within:
            return Period(ref, self._moved(ref, unit, amount), "day", relative=True), end
        if direction > 0:
            return Period(ref + timedelta(days=1), self._moved(ref, unit, amount), "day", relative=True), end
        return Period(self._moved(ref, unit, -amount), ref - timedelta(days=1), "day", relative=True), end

    @staticmethod
    def _moved(day: date, unit: str, amount: int) -> date:
        if unit in _UNIT_DAYS:
            return day + timedelta(days=amount * _UNIT_DAYS[unit])
        return add_months(day, amount * _UNIT_MONTHS[unit])

    def amounts(self, k: int) -> tuple[list[tuple[int, str]], int] | None:
        """Counted units, one or several: "3 days", "1 month 21 days", "2 years, 1 month and 21 days"."""
        found = []
        while True:
            n = self.amount(k)
            if n is None:
                break
            unit = self.unit_word(n[1])
            if unit is None:
                break
            found.append((n[0], unit))
            k = self.unit_end(n[1])
            nxt = k + (self.lower(k) in (",", "and"))
            if self.amount(nxt) is None or self.unit_word(self.amount(nxt)[1]) is None:
                break
            k = nxt
        return (found, k) if found else None

    def moved_by(self, day: date, amounts: list[tuple[int, str]], sign: int) -> date:
        for amount, unit in amounts:
            day = self._moved(day, unit, sign * amount)
        return day

    def counted_weekdays(self, i: int):
        """"two Mondays from now", "two monday later": the nth such weekday after the reference."""
        n = self.amount(i)
        if n is None:
            return None
        word = self.lower(n[1])
        day = self.w.weekdays.get(word[:-1] if word.endswith("s") and word[:-1] in self.w.weekdays else word)
        if day is None or len(word) < 6:
            return None
        k = n[1] + 1
        if self.lower(k) == "from" and self.lower(k + 1) == "now":
            k += 2
        elif self.lower(k) == "later":
            k += 1
        else:
            return None
        if self.reference is None:
            return None, k, "day"
        ahead = (day - self.reference.weekday()) % 7 or 7
        d = self.reference + timedelta(days=ahead + 7 * (n[0] - 1))
        return Period(d, d, "day", relative=True), k

    def counted(self, i: int):
        """"three days ago", "in 2 weeks" (from the reference), "three weeks from tomorrow", "two days after 12 May"."""
        w = self.w
        lw = self.lower(i)
        weekdays = self.counted_weekdays(i)
        if weekdays is not None:
            return weekdays
        k = i + 1 if lw == "in" else i
        found = self.amounts(k)
        if found is None:
            return None
        amounts, after = found
        ref = self.reference
        if self.lower(after) in w.ago and lw != "in":
            if ref is None:
                return None, after + 1, "day"
            d = self.moved_by(ref, amounts, -1)
            return Period(d, d, "day", relative=True), after + 1
        if lw == "in":
            if ref is None or self.lower(after) in ("after", "before", "from", "later", "earlier"):
                return None
            d = self.moved_by(ref, amounts, 1)
            return Period(d, d, "day", relative=True), after
        future = self.longest(after, w.future_words)
        if future and ref is not None:  # "2 days hence", "4 weeks in the future" (with no date to count from, durations)
            d = self.moved_by(ref, amounts, 1)
            return Period(d, d, "day", relative=True), future[0]
        if self.lower(after) == "from" and self.lower(after + 1) == "now":
            if ref is None:
                return None, after + 2, "day"
            d = self.moved_by(ref, amounts, 1)
            return Period(d, d, "day", relative=True), after + 2
        if self.lower(after) in ("later",) and len(amounts) > 1 and ref is not None:
            d = self.moved_by(ref, amounts, 1)  # "2 years 21 days later"
            return Period(d, d, "day", relative=True), after + 1
        if self.lower(after) in ("after", "before", "from") and self.lower(after + 1) not in ("the",):
            base = self.atom(after + 1)
            if base is None or base[0] is None:
                return None
            if not base[0].has_year:
                filled = self.with_year(base[0])  # "3 days after January 12th"
                if filled is None:
                    return None, base[1], "day"
                base = (filled[0], base[1])
                if ref is not None and self.last_anchor is None and base[0].last < ref:
                    base = (self.next_year_of(base[0]), base[1])  # "It will happen 3 days after January 12th"
            elif ref is not None and self.is_feast(after + 1) and self.year_after(base[1])[0] is None \
                    and base[0].last < ref:
                base = (self.feast(after + 1, year=ref.year + 1)[0], base[1])  # "three months after Easter"
            sign = -1 if self.lower(after) == "before" else 1
            d = self.moved_by(base[0].last if sign > 0 else base[0].first, amounts, sign)
            return Period(d, d, "day", relative=True), base[1]
        return None

    def nth_weekday_of(self, i: int):
        """"the first Friday of July", "the second Monday of next month", "third Tuesday" (this month)."""
        k = i + (self.lower(i) == "the")
        n = self.w.quarter_words.get(self.lower(k))
        day = self.weekday_at(k + 1) if n else None
        if day is None:
            return None
        end = k + 2
        where = None
        if self.lower(end) in ("of", "in"):
            inner = self.atom(end + 1)
            if inner and inner[0] is not None and inner[0].precision == "month":
                month = inner[0] if inner[0].has_year else (self.with_year(inner[0]) or (None,))[0]
                if month is None:
                    return None, inner[1], "day"
                where, end = month.first, inner[1]
            elif inner and inner[0] is None:
                return None, inner[1], "day"
        if where is None:
            if self.reference is None:
                return None, end, "day"
            where = self.reference.replace(day=1)
        d = nth_weekday(where.year, where.month, day, -1 if self.lower(k) == "last" else n)
        return Period(d, d, "day", relative=True), end

    # -- days, weeks, quarters and feasts in context ------------------------
    def month_in_context(self) -> tuple[int, int] | None:
        """(year, month) of the nearest earlier date with a month, else of the reference date."""
        if self.last_anchor is not None and self.last_anchor[3] in ("day", "month"):
            return self.last_anchor[1].year, self.last_anchor[1].month
        if self.reference is not None:
            return self.reference.year, self.reference.month
        return None

    def bare_day(self, i: int):
        """"on the 18th", "on 15", "the 21st of this month": a day in the month of its context."""
        k = i + (self.lower(i) == "the")
        t = self.tok(k)
        if t is not None and t.kind == "word" and self.lower(i) == "the" and (
                self.weekday_at(i - 1) is not None or self.lower(i - 1) == "on"):
            worded = self.day_at(k)  # "Thursday the twenty first", "on the second"
            after = self.tok(worded[1]) if worded else None
            if after is not None and after.kind == "word" and after.lower not in ("of", "this", "next", "and", "or", "to", "at", "in"):
                worded = None  # "on the first day of his trial"
            if worded:
                return self.day_of_context_month(*worded)
        if self.lower(i) == "the" and self.lower(i - 1) in ("on", "for", "by", "until", "till", "since") \
                and self.kind(self.day_at(k)[1] if self.day_at(k) else k) in ("", "punct"):
            worded = self.day_at(k)  # "back for the 27.", "on the second!"
            if worded:
                return self.day_of_context_month(*worded)
        if t is None or t.kind != "num" or not t.text.isdigit() or not 1 <= int(t.text) <= 31:
            return None
        suffixed = self.lower(k + 1) in ("st", "nd", "rd", "th") and self.tok(k + 1).glued
        of_month = suffixed and self.lower(k + 2) == "of" and self.lower(k + 3) in ("this", "next", "last")
        if not (suffixed and self.lower(i) == "the" or of_month
                or self.lower(i - 1) == "on" and (suffixed or self.lower(i) != "the")):
            return None
        end = k + 1 + suffixed
        nxt = self.tok(end)
        if nxt is not None and nxt.kind == "word" and nxt.lower not in ("of", "this", "next", "last", "and", "or", "to",
                                                                       "through", "at", "in", "for", "with", "until"):
            return None  # "the 18th Army"
        day = int(t.text)
        where = None
        j = end + (self.lower(end) in ("of", "in"))
        month = self.deictic(j) if self.lower(j) in ("this", "next", "last") else None
        if month and month[0] is not None and month[0].precision == "month":
            where, end = (month[0].first.year, month[0].first.month), month[1]
        return self.day_of_context_month(day, end, where)

    def day_of_context_month(self, day: int, end: int, where: tuple[int, int] | None = None):
        """Day ``day`` of ``where`` (year, month), else of the month in context; unresolved when there is
        none or it has no such day."""
        where = where or self.month_in_context()
        if where is None:
            return None, end, "day"
        try:
            d = date(where[0], where[1], day)
        except ValueError:
            return None, end, "day"
        return Period(d, d, "day", relative=True), end

    def year_after(self, k: int) -> tuple[int | None, int]:
        """A year written after a period ("Q3 2016", "of 2019", "Christmas 1941", "of two thousand and twenty")."""
        j = k + (self.lower(k) in ("of", ",", "in"))
        ys = self.year_span(j)
        return ys if ys else (None, k)

    def quarter(self, i: int):
        """"Q3 2016", "the first quarter of 2019", "H2", "the second half of 1941", "next year's first quarter"."""
        w = self.w
        t = self.tok(i)
        if t is None:
            return None
        year, k = None, i
        if self.lower(i) in ("this", "next", "last") and self.lower(i + 1) in ("year's", "year’s"):
            shift = w.deictic_shifts[self.lower(i)]
            year, k = (self.reference.year + shift if self.reference else None), i + 2
        if self.lower(k) == "the":
            k += 1
        size = None
        if self.kind(k) == "num" and self.lower(k + 1) in ("st", "nd", "rd", "th") and self.lower(k + 2) in ("quarter", "half"):
            n, size, k = int(self.tok(k).text), 3 if self.lower(k + 2) == "quarter" else 6, k + 3  # "1st quarter"
        elif self.lower(k) in w.quarter_words and self.lower(k + 1) in ("quarter", "half"):
            n, size, k = w.quarter_words[self.lower(k)], 3 if self.lower(k + 1) == "quarter" else 6, k + 2
        elif self.kind(k) == "word" and self.lower(k) in ("q", "h") and self.kind(k + 1) == "num" and self.tok(k + 1).glued:
            n, size, k = int(self.tok(k + 1).text), 3 if self.lower(k) == "q" else 6, k + 2
        if size is None or not 1 <= n <= 12 // size:
            return None
        if self.lower(k - 1) == "half" and n == 4:
            n = 2  # "the last half"
        if self.lower(k - 2) == "last" and self.lower(k) not in ("of", ",", "in") and not self.year_at(k) \
                and self.reference is not None and size == 3:
            return self.period_of("quarter", self.reference, -1), k  # "the last quarter": the one before this
        if year is None:
            year, k = self.year_after(k)
        if year is None and self.lower(k) == "-" and self.year_at(k + 1):
            year, k = self.year_at(k + 1), k + 2  # "q1-2019"
        if year is None and self.lower(k) == "of" and self.lower(k + 1) in ("the", "this") and self.lower(k + 2) == "year":
            k += 1  # "the first quarter of the year"
            if self.reference is not None:
                year, k = self.reference.year, k + 2
        if year is None and self.lower(k) in ("this", "next", "last") and self.lower(k + 1) == "year" and self.reference:
            year, k = self.reference.year + w.deictic_shifts[self.lower(k)], k + 2  # "Q3 this year"
        if year is None:
            if self.reference is None:
                return None, k, "quarter"
            year = self.reference.year
        m0 = (n - 1) * size + 1
        return Period(date(year, m0, 1), month_end(year, m0 + size - 1), "quarter" if size == 3 else "season"), k

    def week(self, i: int):
        """"week 31" (ISO), "the third week of July", "the last week of 2015", "the week of the 18th"."""
        w = self.w
        k = i + (self.lower(i) == "the")
        if self.lower(k) == "week" and self.kind(k + 1) == "num" and self.tok(k + 1).text.isdigit():
            n = int(self.tok(k + 1).text)
            year, end = self.year_after(k + 2)
            if year is None and self.lower(k + 2) == "of" and self.lower(k + 3) in ("this", "next", "last") \
                    and self.lower(k + 4) == "year" and self.reference is not None:
                year, end = self.reference.year + w.deictic_shifts[self.lower(k + 3)], k + 5
            year = year or (self.reference.year if self.reference else None)
            if year is None or not 1 <= n <= 53:
                return None
            monday = date.fromisocalendar(year, n, 1) if n <= date(year, 12, 28).isocalendar()[1] else None
            if monday is None:
                return None
            return Period(monday, monday + timedelta(days=6), "week"), end
        commencing = self.lower(k) == "w" and self.lower(k + 1) == "/" and self.lower(k + 2) == "c"  # "w/c Feb 4"
        if commencing or self.lower(k) == "week" and self.lower(k + 1) in ("beginning", "starting", "commencing"):
            j = k + 3 if commencing else k + 2 + (self.lower(k + 2) in ("on", "from"))
            inner = self.atom(j)
            if inner and inner[0] is not None and inner[0].precision == "day":
                day = inner[0] if inner[0].has_year else (self.with_year(inner[0]) or (None,))[0]
                if day is None:
                    return None, inner[1], "week"
                return Period(day.first, day.first + timedelta(days=6), "week", relative=True), inner[1]
            return None
        if self.lower(k) == "week" and self.lower(k + 1) == "of":
            inner = self.bare_day(k + 2) or self.atom(k + 2)
            if inner and inner[0] is not None and inner[0].precision == "day":
                day = inner[0]
                if not day.has_year:
                    filled = self.with_year(day)
                    if filled is None:
                        return None, inner[1], "week"
                    day = filled[0]
                monday, sunday = week_of(day.first)
                return Period(monday, sunday, "week", relative=True), inner[1]
            return None
        nth = w.quarter_words.get(self.lower(k))
        if self.kind(k) == "num" and self.lower(k + 1) in ("st", "nd", "rd", "th") and self.tok(k).text.isdigit():
            nth, k = int(self.tok(k).text), k + 1  # "3rd week of 2018"
        if nth and self.lower(k + 1) == "week" and self.lower(k + 2) in ("this", "next", "last") \
                and self.lower(k + 3) == "year" and self.reference is not None:  # "the third week next year"
            year = self.reference.year + w.deictic_shifts[self.lower(k + 2)]
            monday = date.fromisocalendar(year, nth if self.lower(k) != "last" else date(year, 12, 28).isocalendar()[1], 1)
            return Period(monday, monday + timedelta(days=6), "week", relative=True), k + 4
        if nth and self.lower(k + 1) == "week" and self.lower(k + 2) == "of":
            year = self.year_at(k + 3)
            if year is not None and not (self.month_at(k + 4)):  # weeks of a year are ISO weeks
                last_week = date(year, 12, 28).isocalendar()[1]
                n = last_week if self.lower(k) == "last" else nth
                if not 1 <= n <= last_week:
                    return None
                monday = date.fromisocalendar(year, n, 1)
                return Period(monday, monday + timedelta(days=6), "week"), k + 4
            inner = self.atom(k + 3) or self.month_name(k + 3)
            if inner is None or inner[0] is None or inner[0].precision not in ("month", "year"):
                return None
            period = inner[0]
            if not period.has_year:
                filled = self.with_year(period)
                if filled is None:
                    return None, inner[1], "week"
                period = filled[0]
            if self.lower(k) == "last":  # the week holding the period's last Thursday
                last_thursday = period.last - timedelta(days=(period.last.weekday() - 3) % 7)
                monday = last_thursday - timedelta(days=3)
            else:
                monday = first_week_monday(period.first) + timedelta(weeks=nth - 1)
            return Period(monday, monday + timedelta(days=6), "week", relative=period.relative), inner[1]
        return None

    def part_by_count(self, i: int):
        """"the first three months of 1937", "the last 3 weeks of this year", "the third month of 2021"."""
        k = i + (self.lower(i) == "the")
        edge = self.lower(k)
        ordinal = None
        if edge not in ("first", "last"):
            ordinal = self.w.ordinals.get(edge)
            if ordinal is None and self.kind(k) == "num" and self.tok(k).text.isascii() and self.tok(k).text.isdigit() \
                    and self.lower(k + 1) in ("st", "nd", "rd", "th"):
                ordinal, k = int(self.tok(k).text), k + 1
            if ordinal is None:
                return None
        k += 1
        n = 1
        counted = self.amount(k) if ordinal is None and self.lower(k) not in ("a", "an", "the") else None
        if counted:
            n, k = counted
        unit = self.unit_word(k)
        if unit not in ("day", "week", "month") or self.lower(k + 1) != "of":
            return None
        inner = self.atom(k + 2)
        if inner is None or inner[0] is None or inner[0].precision not in ("month", "quarter", "year", "season"):
            return None
        whole = inner[0]
        if not whole.has_year:
            filled = self.with_year(whole)
            if filled is None:
                return None, inner[1], unit
            whole = filled[0]
        if unit == "month":
            if ordinal:
                start = add_months(whole.first, ordinal - 1)
                return Period(start, month_end(start.year, start.month), "month"), inner[1]
            if edge == "first":
                return Period(whole.first, month_end(*(lambda d: (d.year, d.month))(add_months(whole.first, n - 1))),
                              "month"), inner[1]
            start = add_months(whole.last.replace(day=1), -(n - 1))
            return Period(start, whole.last, "month"), inner[1]
        size = 7 if unit == "week" else 1
        if unit == "week" and whole.precision == "year":  # "the first 2 weeks of 2021": whole weeks, ISO style
            first_monday = first_week_monday(whole.first)
            last_monday = whole.last - timedelta(days=(whole.last.weekday() - 3) % 7) - timedelta(days=3)
            if ordinal:
                start = first_monday + timedelta(weeks=ordinal - 1)
                return Period(start, start + timedelta(days=6), "week"), inner[1]
            if edge == "first":
                return Period(first_monday, first_monday + timedelta(weeks=n, days=-1), "week"), inner[1]
            start = last_monday - timedelta(weeks=n - 1)
            return Period(start, last_monday + timedelta(days=6), "week"), inner[1]
        if ordinal:
            start = whole.first + timedelta(days=size * (ordinal - 1))
            return Period(start, start + timedelta(days=size - 1), unit), inner[1]
        if edge == "first":
            return Period(whole.first, whole.first + timedelta(days=size * n - 1), unit), inner[1]
        return Period(whole.last - timedelta(days=size * n - 1), whole.last, unit), inner[1]

    def next_year_of(self, p: Period) -> Period:
        return Period(self._in_year(p.first, p.first.year + 1), self._in_year(p.last, p.last.year + 1), p.precision,
                      relative=True)

    def is_feast(self, i: int) -> bool:
        return bool(self.longest(i, self.w.holidays_fixed) or self.longest(i, self.w.holidays_moving))

    def feast(self, i: int, year: int | None = None):
        """"Christmas 1941", "Easter 1916", "Thanksgiving", "independence day of this year"."""
        w = self.w
        fixed = self.longest(i, w.holidays_fixed)
        moving = self.longest(i, w.holidays_moving)
        hit = max((h for h in (fixed, moving) if h), key=lambda h: h[0], default=None)
        if hit is None:
            return None
        k = hit[0]
        if year is None:
            year, k = self.year_after(k)
        if year is None and self.lower(k) == "of" and self.lower(k + 1) in ("this", "next", "last") and self.lower(k + 2) == "year":
            year = self.reference.year + w.deictic_shifts[self.lower(k + 1)] if self.reference else None
            k += 3
        if year is None:
            year = self.reference.year if self.reference else None
        if year is None:
            return None, k, "day"
        rule = hit[1]

        def on(y: int) -> date:
            if hit is fixed:
                return date(y, rule[0], rule[1])
            if rule[0] == "easter":
                return easter(y) + timedelta(days=rule[1])
            return nth_weekday(y, rule[1], rule[2], rule[3]) + timedelta(days=rule[4] if len(rule) > 4 else 0)

        d = on(year)
        weekend = self.lower(k) == "weekend" or (self.lower(i - 1) == "of" and self.lower(i - 2) == "weekend")
        shift = self.lower(i - 1)
        if self.reference is not None and shift in ("next", "following", "coming", "last", "previous"):
            ref = self.reference  # "the last Easter", "the next new year day": the nearest one before or after
            if shift in ("last", "previous") and d >= ref:
                d = on(d.year - 1)
            elif shift not in ("last", "previous") and d <= ref:
                d = on(d.year + 1)
        if weekend:  # "labor day weekend", "the weekend of Thanksgiving": the feast and the weekend it joins
            if d.weekday() in (0, 6):
                first = d - timedelta(days=(d.weekday() - 5) % 7)
                return Period(first, d, "week"), k + (self.lower(k) == "weekend")
            return Period(d, d + timedelta(days=6 - d.weekday()), "week"), k + (self.lower(k) == "weekend")
        return Period(d, d, "day"), k
