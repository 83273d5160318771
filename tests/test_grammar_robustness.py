"""Phrases that once aborted a whole audit: the grammars read them as what they are, or leave them out."""

from __future__ import annotations

import math
from datetime import date

import pytest

from claimkit.grammar import find_dates, find_quantities
from claimkit.grammar.dates import _day_key, _days_in_month

EXTREME_DAYS = [None, date(9999, 12, 31), date(1, 1, 1)]


def sound_dates(text: str, reference: date | None = None) -> list:
    """The dates read in ``text``, checked: real days, four-digit years, start not after end."""
    found = find_dates(text, reference=reference)
    for d in found:
        for iso in (d.date_start, d.date_end):
            if iso is not None:
                y, m, day = _day_key(iso)
                assert -9999 <= y <= 9999 and 1 <= m <= 12 and 1 <= day <= _days_in_month(y, m), (text, iso)
        if d.date_start and d.date_end:
            assert _day_key(d.date_start) <= _day_key(d.date_end), (text, d)
        assert text[d.start:d.end] == d.text
    return found


def sound_quantities(text: str) -> list:
    found = find_quantities(text)
    for q in found:
        for x in (q.value, q.low, q.high, q.part, q.whole, q.share):
            assert x is None or math.isfinite(x), (text, q)
        if q.low is not None and q.high is not None:
            assert q.low <= q.high, (text, q)
        assert text[q.start:q.end] == q.text
    return found


@pytest.mark.parametrize("reference", EXTREME_DAYS, ids=["no reference", "9999-12-31", "0001-01-01"])
@pytest.mark.parametrize(
    "text",
    [
        "Rome grew in the first century AD.",
        "The chronicle claims 1e999 soldiers marched.",
        "It was the ⅔th attempt.",
        "Nothing is dated before year1 in the list.",
        "A stray × stood next to Molotov in the scan.",
        "Molotov×Ribbentrop",
        "Winter came early.",
        "We meet next month and again next year.",
        "It came last winter.",
        "The reading was almost -9 on the dial.",
        "December–Feb 2016 was mild.",
        "From 300 BC to 200 BC the city grew.",
        "Between 44 BC and 100 BC the wars went on.",
        "the 101st century BC",
    ],
)
def test_grammar_robustness_hostile_phrases_never_raise(text, reference):
    sound_dates(text, reference)
    sound_quantities(text)


def test_grammar_robustness_a_4301_digit_run_is_no_figure():
    text = "The file ends with " + "9" * 4301 + " and nothing else."
    assert sound_quantities(text) == []
    sound_dates(text)


def test_grammar_robustness_the_first_century_ad_is_the_years_1_to_99():
    (d,) = sound_dates("Rome grew in the first century AD.")
    assert (d.date_start, d.date_end, d.precision) == ("0001-01-01", "0099-12-31", "century")


def test_grammar_robustness_an_infinite_figure_is_left_out():
    assert sound_quantities("The chronicle claims 1e999 soldiers marched.") == []


def test_grammar_robustness_almost_a_negative_number_keeps_its_bounds_in_order():
    (q,) = sound_quantities("The reading was almost -9 on the dial.")
    assert (q.low, q.high) == (-9, pytest.approx(-8.1))


def test_grammar_robustness_reversed_bc_range_is_put_in_order():
    (d,) = sound_dates("Between 44 BC and 100 BC the wars went on.")
    assert (d.date_start, d.date_end) == ("-0099-01-01", "-0043-12-31")


def test_grammar_robustness_a_winter_named_before_its_year_ends_on_a_real_day():
    (d,) = sound_dates("December–Feb 2016 was mild.")
    assert (d.date_start, d.date_end) == ("2015-12-01", "2016-02-29")


def test_grammar_robustness_winter_from_the_reference_runs_into_the_next_year():
    (d,) = sound_dates("Winter came early.", date(1940, 6, 1))
    assert (d.date_start, d.date_end) == ("1940-12-01", "1941-02-28")


@pytest.mark.parametrize("text", ["We meet next month.", "We meet next year.", "Winter came early."])
def test_grammar_robustness_a_date_past_9999_is_left_unresolved(text):
    for d in sound_dates(text, date(9999, 12, 31)):
        assert d.date_end is None or d.date_end <= "9999-12-31"


def test_grammar_robustness_nothing_is_dated_before_year_one():
    assert all(d.date_start is None or not d.date_start.startswith("0000") for d in sound_dates("before year1"))
