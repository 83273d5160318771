import pytest
from claimkit import find_dates


@pytest.mark.parametrize(
    "text, expr, start, end, precision",
    [
        ("It ended on August 20th 1940.", "August 20th 1940", "1940-08-20", "1940-08-20", "day"),
        ("It ended on 20 August 1940.", "20 August 1940", "1940-08-20", "1940-08-20", "day"),
        ("signed 1939-08-23 in Moscow", "1939-08-23", "1939-08-23", "1939-08-23", "day"),
        ("signed 23.8.1939 in Moscow", "23.8.1939", "1939-08-23", "1939-08-23", "day"),
        ("In December 1934, he died.", "December 1934", "1934-12-01", "1934-12-31", "month"),
        ("the famine of 1932 began", "1932", "1932-01-01", "1932-12-31", "year"),
        ("the 1930s were grim", "1930s", "1930-01-01", "1939-12-31", "decade"),
        ("in the 1930’s", "1930’s", "1930-01-01", "1939-12-31", "decade"),
        ("from the mid-1930s on", "the mid-1930s", "1933-01-01", "1936-12-31", "decade"),
        ("the fourteenth century saw", "fourteenth century", "1300-01-01", "1399-12-31", "century"),
        ("during the winter of 1929-1930", "winter of 1929-1930", "1929-12-01", "1930-02-28", "season"),
        ("purged in 1937-38", "1937-38", "1937-01-01", "1938-12-31", "year"),
        ("purged in 1937–1938", "1937–1938", "1937-01-01", "1938-12-31", "year"),
        ("purged in 1937-9", "1937-9", "1937-01-01", "1939-12-31", "year"),
        ("between 1934 and 1939 many", "between 1934 and 1939", "1934-01-01", "1939-12-31", "year"),
        ("from 1934 to 1939 many", "from 1934 to 1939", "1934-01-01", "1939-12-31", "year"),
        ("During 1924 and 1936, he purged", "1924 and 1936", "1924-01-01", "1936-12-31", "year"),
        ("In late 1929, he decided", "late 1929", "1929-09-01", "1929-12-31", "year"),
        ("from December 1936 to November 1938", "from December 1936 to November 1938", "1936-12-01", "1938-11-30", "month"),
    ],
)
def test_date_grammar_forms(text, expr, start, end, precision):
    [d] = find_dates(text)
    assert (d.text, d.date_start, d.date_end, d.precision) == (expr, start, end, precision)


@pytest.mark.parametrize(
    "text, start, end, modifier",
    [("by the spring of 1937 it was", None, "1937-05-31", "by"), ("before 1917 there", None, "1916-12-31", "before"),
     ("after 1945 there", "1946-01-01", None, "after")],
)
def test_date_grammar_open_bounds(text, start, end, modifier):
    [d] = find_dates(text)
    assert (d.date_start, d.date_end, d.modifier) == (start, end, modifier)


def test_date_grammar_partial_date_takes_year_from_earlier_date():
    dates = find_dates("On August 19th 1939 a trade deal was signed. It was ratified on August 31st, a Thursday.")
    assert dates[-1].text == "August 31st"
    assert (dates[-1].date_start, dates[-1].anchor) == ("1939-08-31", dates[0].start)


def test_date_grammar_relative_dates_resolve_or_stay_open():
    later = find_dates("The purge ran in 1937-38. Three years later the invasion came.")[-1]
    assert (later.date_start, later.date_end, later.relative) == ("1941-01-01", "1941-12-31", True)
    orphan = find_dates("Three years later the invasion came.")[0]
    assert orphan.relative and orphan.date_start is None
    event = find_dates("Ratified on 31 August 1939, the day before the troops crossed.")[-1]
    assert event.text == "the day before" and event.date_start is None


@pytest.mark.parametrize("text", ["1,548,367 people", "a grade 12 exam", "children aged 12", "Order No. 00447", "after World War Two"])
def test_date_grammar_not_dates(text):
    assert find_dates(text) == []
