"""Property tests: the number and date grammars, and their spaCy components, on text built from the grammars' parts.

Whatever the text and whatever day it was written: no exception, finite numbers, bounds in order, real
calendar days, offsets that point at exactly the text read, and work that grows with the text, not faster.
Settings are fixed here (derandomized, bounded examples, no deadline) so CI time stays bounded.
"""

from __future__ import annotations

import math
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimkit.grammar import find_dates, find_quantities
from claimkit.grammar import dates as dates_module
from claimkit.grammar.dates import _day_key, _days_in_month

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

WORDS = [
    # numbers and scales
    "one", "two", "three", "a", "an", "half", "third", "quarter", "dozen", "hundred", "thousand", "million",
    "billion", "lakh", "minus", "point", "and", "or", "to", "-", "–", "/", "⁄", "×", "x", "^", "e", "±", "~",
    # qualifiers, change, ranges
    "about", "almost", "nearly", "more", "than", "at", "least", "up", "down", "over", "under", "between", "from",
    "by", "rose", "fell", "lost", "increase", "drop", "sub", "%", "per", "cent", "pc", "of", "out", "in",
    # units and money
    "km", "kg", "m", "MB", "kHz", "kWh", "hp", "rpm", "°C", "degrees", "feet", "inches", "tonnes", "pounds", "$",
    "£", "€", "NZ$", "US", "GBP", "MUSD", "p", "c", "cents", "dollars", "Swedish", "kronor", "sq", "square",
    "metre", "/h", "(", ")", "[", "]",
    # dates
    "January", "May", "December", "Feb", "winter", "spring", "summer", "the", "early", "mid", "late", "1930s",
    "century", "first", "21st", "101st", "BC", "BCE", "AD", "year", "year1", "next", "last", "month", "week",
    "today", "yesterday", "ago", "later", "before", "after", "since", "until", "Monday", "Easter", "Q3", "'87",
    # names and noise
    "Stalin", "Nasdaq", "Game", "Street", "won", ",", ".", ";", "\n", "th", "st", "No.", "page",
]


def _number() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(min_value=-10**6, max_value=10**7).map(str),
        st.integers(min_value=0, max_value=10**12).map(lambda n: f"{n:,}"),
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False).map(lambda f: f"{f:.3g}"),
        st.sampled_from(["1e999", "2e-400", "9" * 60, "⅔", "½", "3/4", "3⁄64", "0", "-0", "1,5", "1.111,11",
                         "1937-38", "44", "1000", "2100", "9999", "10000", "31/12/9999", "29/2/2019", "1939-08-23",
                         "5/6/1939", "12.5.2015", "00", "1", "13", "32", "0.5"]),
    )


TOKENS = st.one_of(_number(), st.sampled_from(WORDS), st.text(min_size=1, max_size=3))
TEXTS = st.lists(TOKENS, min_size=1, max_size=14).flatmap(
    lambda parts: st.lists(st.sampled_from(["", " ", " ", "\u00a0"]), min_size=len(parts), max_size=len(parts)).map(
        lambda gaps: "".join(g + p for g, p in zip(gaps, parts))))
REFERENCES = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
                       st.sampled_from([date(1, 1, 1), date(9999, 12, 31), date(2016, 2, 29)]))


def _check_quantity(text: str, start: int, end: int, span_text: str, values: tuple, low, high) -> None:
    assert text[start:end] == span_text
    assert all(v is None or math.isfinite(v) for v in values), values
    assert low is None or high is None or low <= high, (low, high)


def _check_date(text: str, start: int, end: int, span_text: str, first: str | None, last: str | None) -> None:
    assert text[start:end] == span_text
    for iso in (first, last):
        if iso is not None:
            y, m, d = _day_key(iso)
            assert -9999 <= y <= 9999 and 1 <= m <= 12 and 1 <= d <= _days_in_month(y, m), iso
    if first is not None and last is not None:
        assert _day_key(first) <= _day_key(last), (first, last)


@SETTINGS
@given(TEXTS)
def test_grammar_properties_quantities_are_finite_ordered_and_exact(text):
    found = find_quantities(text)
    for q in found:
        _check_quantity(text, q.start, q.end, q.text, (q.value, q.low, q.high, q.part, q.whole, q.share), q.low, q.high)
        assert q.change in (None, "up", "down")
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@SETTINGS
@given(TEXTS, REFERENCES, st.sampled_from([None, True, False]))
def test_grammar_properties_dates_are_real_days_in_order(text, reference, month_first):
    for d in find_dates(text, reference=reference, month_first=month_first):
        _check_date(text, d.start, d.end, d.text, d.date_start, d.date_end)


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(TEXTS, REFERENCES)
def test_grammar_properties_components_on_a_blank_pipeline(blank_nlp, text, reference):
    doc = blank_nlp.make_doc(text)
    if reference is not None:
        doc.user_data["claimkit_reference"] = reference.isoformat()
    for _, proc in blank_nlp.pipeline:
        doc = proc(doc)
    for s in doc.spans["quantities"]:
        _check_quantity(text, s.start_char, s.end_char, s.text, (s._.value, s._.low, s._.high, s._.share),
                        s._.low, s._.high)
    for s in doc.spans["dates"]:
        _check_date(text, s.start_char, s.end_char, s.text, s._.date_start, s._.date_end)


def test_grammar_properties_date_work_grows_with_the_text(monkeypatch):
    """Counting work, not time: token look-ups and text sliced per date stay in proportion to the text (the date
    reader once copied the whole text before every date, 16x the text took 45x the time)."""
    paragraph = ("In May 1937 the purge began; by 12/6/1937 some 40,000 officers were gone, and from "
                 "November to March 1938 the arrests went on. Two years later, on Monday 3 June, it eased.\n\n")
    work = {"lookups": 0, "sliced": 0}
    lower = dates_module._Parser.lower

    def counted_lower(self, i):
        work["lookups"] += 1
        return lower(self, i)

    class Text(str):
        def __getitem__(self, key):
            if isinstance(key, slice):
                got = str.__getitem__(self, key)
                work["sliced"] += len(got)
                return got
            return str.__getitem__(self, key)

    monkeypatch.setattr(dates_module._Parser, "lower", counted_lower)
    counts = []
    for copies in (4, 32):
        work.update(lookups=0, sliced=0)
        found = dates_module._Parser(Text(paragraph * copies)).parse()
        counts.append((len(found), work["lookups"], work["sliced"]))
    (n4, look4, cut4), (n32, look32, cut32) = counts
    assert n32 == 8 * n4
    assert look32 <= 8 * look4 * 1.1
    assert cut32 <= 8 * cut4 * 1.1
