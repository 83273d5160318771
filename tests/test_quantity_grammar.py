import pytest
from claimkit import find_quantities


def one(text):
    found = find_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(
    "text, expr, value",
    [
        ("The camps held 1,250,000 prisoners.", "1,250,000", 1250000),
        ("A loss of 1.3\u00a0million men.", "1.3\u00a0million", 1300000),
        ("Budgets of 10m were approved.", "10m", 10_000_000),
        ("Some 2bn roubles were spent.", "Some 2bn roubles", 2_000_000_000),
        ("They counted fifty-seven names.", "fifty-seven", 57),
        ("He named one hundred and ten officers.", "one hundred and ten", 110),
        ("A million people fled.", "A million", 1_000_000),
        ("One and a half million were arrested.", "One and a half million", 1_500_000),
        ("A quarter of a million were deported.", "A quarter of a million", 250_000),
        ("Half a million died.", "Half a million", 500_000),
    ],
)
def test_quantity_grammar_reads_numbers(text, expr, value):
    q = one(text)
    assert (q.text, q.value, q.unit) == (expr, value, "count" if "roubles" not in text else "RUB")


@pytest.mark.parametrize(
    "text, value, unit, part, whole",
    [
        ("It was 50% of the corps.", 50, "percent", None, None),
        ("Seventy per cent of them.", 70, "percent", None, None),
        ("Nearly half the corps.", 50, "percent", None, None),
        ("Two-thirds of the army.", 200 / 3, "percent", None, None),
        ("Three out of five generals.", 3, "count", 3, 5),
        ("Some 13 of 15 commanders.", 13, "count", 13, 15),
        ("Only one in five survived.", 1, "count", 1, 5),
    ],
)
def test_quantity_grammar_reads_shares_and_ratios(text, value, unit, part, whole):
    q = one(text)
    assert q.value == pytest.approx(value) and q.unit == unit and q.part == part and q.whole == whole
    if whole:
        assert q.share == pytest.approx(100 * part / whole)


@pytest.mark.parametrize(
    "text, qualifier, low, high",
    [
        ("about 600 men", "approximate", 540, 660),
        ("nearly 700 men", "approximate", 630, 700),
        ("at least 300 men", "at_least", 300, None),
        ("more than 10 million people", "more_than", 10_000_000, None),
        ("as much as half of it", "at_most", None, 50),
        ("fewer than 100 men", "less_than", None, 100),
        ("between 600,000 and 700,000 people", "range", 600_000, 700_000),
        ("from 5 to 7 million people", "range", 5_000_000, 7_000_000),
        ("10-15% of the vote", "range", 10, 15),
        ("two to three days", "range", 2, 3),
        ("it exceeded seven million and may have reached twenty million", "range", 7_000_000, 20_000_000),
        ("hundreds of officers", "vague", 200, 999),
        ("tens of thousands of people", "vague", 20_000, 99_999),
    ],
)
def test_quantity_grammar_bounds_follow_the_qualifier(text, qualifier, low, high):
    q = one(text)
    assert q.qualifier == qualifier
    assert (q.low == pytest.approx(low) if low is not None else q.low is None)
    assert (q.high == pytest.approx(high) if high is not None else q.high is None)


@pytest.mark.parametrize(
    "text, unit, value",
    [("a ten-year pact", "year", 10), ("eighteen months of peace", "month", 18), ("children aged 12", "age", 12),
     ("it cost $16.38", "USD", 16.38)],
)
def test_quantity_grammar_units(text, unit, value):
    q = one(text)
    assert (q.unit, q.value) == (unit, value)


@pytest.mark.parametrize(
    "text",
    [
        "In 1937 the terror peaked.",
        "the seventeenth Party Congress",
        "after World War Two ended",
        "in “One day in the life of a prisoner”",
        "under Order No. 00447",
        "see pages 347 to 349",
        "a grade 12 history exam",
        "no one was safe",
        "1. Robert Conquest, The Great Terror",
    ],
)
def test_quantity_grammar_skips_what_is_not_a_quantity(text):
    assert [q.text for q in find_quantities(text)] == []


@pytest.mark.parametrize("text, expr, low, high", [
    ("between 30 million and 45 million deaths", "between 30 million and 45 million", 3e7, 4.5e7),
    ("between thirty million and forty-five million deaths", "between thirty million and forty-five million",
     3e7, 4.5e7),
    ("somewhere in the range of 30 and 45 million", "30 and 45 million", 3e7, 4.5e7),
])
def test_quantity_grammar_two_scaled_figures_make_a_range_not_one_number(text, expr, low, high):
    [q] = find_quantities(text)
    assert (q.text, q.low, q.high) == (expr, low, high)
