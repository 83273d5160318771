from datetime import date

import pytest
from claimkit.grammar.numeric_dates import PLACEHOLDER_YEAR, NumericDate, find_numeric_dates

REF = date(2016, 11, 7)


def _only(text, expr, reference=None, month_first=None):
    """The one date found in ``text``, after checking that its span is ``expr``."""
    [d] = find_numeric_dates(text, reference, month_first=month_first)
    start = text.index(expr)
    assert (d.start, d.end, d.text) == (start, start + len(expr), expr)
    assert text[d.start:d.end] == d.text
    return d


@pytest.mark.parametrize(
    "text, expr, day",
    [
        # year first
        ("The pact was signed on 1939-08-23 in Moscow.", "1939-08-23", "1939-08-23"),
        ("The pact was signed on 1939/08/23 in Moscow.", "1939/08/23", "1939-08-23"),
        ("The pact was signed on 1939.08.23 in Moscow.", "1939.08.23", "1939-08-23"),
        ("The file is dated 2015.5.13, a Wednesday.", "2015.5.13", "2015-05-13"),
        ("The treaty (1918-3-3) ended the war.", "1918-3-3", "1918-03-03"),
        ("The archive stamp reads 19390823.", "19390823", "1939-08-23"),
        ("see report-20170302.html for details", "20170302", "2017-03-02"),
        ("The convoy sailed 1941-aug-12 from Iceland.", "1941-aug-12", "1941-08-12"),
        ("I'll go back 2019-sep-1", "2019-sep-1", "2019-09-01"),
        ("How about 2019/aug/01", "2019/aug/01", "2019-08-01"),
        # day, month and year
        ("Ribbentrop landed on 23/8/1939 at noon.", "23/8/1939", "1939-08-23"),
        ("Ribbentrop landed on 23.8.1939 at noon.", "23.8.1939", "1939-08-23"),
        ("Ribbentrop landed on 23-08-1939 at noon.", "23-08-1939", "1939-08-23"),
        ("Ribbentrop landed on 8/23/1939 at noon.", "8/23/1939", "1939-08-23"),
        ("The strike began 5/6/1926 in the mines.", "5/6/1926", "1926-06-05"),
        ("The telegram of 1.9.1939 reached London.", "1.9.1939", "1939-09-01"),
        ("The order of 23/sep/1940 was ignored.", "23/sep/1940", "1940-09-23"),
        ("The order of Sep-23-1940 was ignored.", "Sep-23-1940", "1940-09-23"),
        ("The date should be 05-Aug-2016", "05-Aug-2016", "2016-08-05"),
        ("The letter, dated 23/08/39, was burned.", "23/08/39", "1939-08-23"),
        ("The letter, dated 9-18-15, was burned.", "9-18-15", "2015-09-18"),
        ("The letter, dated 21/04/16, was burned.", "21/04/16", "2016-04-21"),
        ("Leap day 29/2/1940 came and went.", "29/2/1940", "1940-02-29"),
        ("Passport issued 1/1/1936; it expired.", "1/1/1936", "1936-01-01"),
        ("The war began 1/9/1939.", "1/9/1939", "1939-09-01"),
    ],
)
def test_reads_days_with_a_year(text, expr, day):
    d = _only(text, expr)
    assert (d.first, d.last) == (date.fromisoformat(day), date.fromisoformat(day))
    assert (d.precision, d.has_year) == ("day", True)


@pytest.mark.parametrize(
    "text, expr, first, last",
    [
        ("The series began 2019-09.", "2019-09", "2019-09-01", "2019-09-30"),
        ("The ledger for 1941/02 is missing.", "1941/02", "1941-02-01", "1941-02-28"),
        ("The ledger for 1940/02 is missing.", "1940/02", "1940-02-01", "1940-02-29"),
        ("I'll be out 2016/11", "2016/11", "2016-11-01", "2016-11-30"),
        ("I'll be out 2016-11", "2016-11", "2016-11-01", "2016-11-30"),
        ("The register closes 1930-12.", "1930-12", "1930-12-01", "1930-12-31"),
        ("What's your plan for 2018/dec", "2018/dec", "2018-12-01", "2018-12-31"),
        ("The last card, 11/2016, is here.", "11/2016", "2016-11-01", "2016-11-30"),
        ("Mobilisation began 8/1939.", "8/1939", "1939-08-01", "1939-08-31"),
        ("What's your plan for dec/2018", "dec/2018", "2018-12-01", "2018-12-31"),
    ],
)
def test_reads_months(text, expr, first, last):
    d = _only(text, expr)
    assert (d.first.isoformat(), d.last.isoformat()) == (first, last)
    assert (d.precision, d.has_year) == ("month", True)


@pytest.mark.parametrize(
    "text, expr, month, day",
    [
        ("The council met on 4/22 and adjourned.", "4/22", 4, 22),
        ("The council met on 22/04 and adjourned.", "22/04", 4, 22),
        ("The council met on 4.22 and adjourned.", "4.22", 4, 22),
        ("The vote was put off until 3/15 that spring.", "3/15", 3, 15),
        ("Nothing moved before 12/25 that winter.", "12/25", 12, 25),
        ("Troops were withdrawn by 16/7.", "16/7", 7, 16),
        ("The fleet sailed on Friday 7/6 at dawn.", "7/6", 6, 7),
        ("The fleet sailed on friday 7.6 at dawn.", "7.6", 6, 7),
        ("The fleet sailed on Friday, 7/6, at dawn.", "7/6", 6, 7),
        ("The cable was sent on 1/2 by mistake.", "1/2", 2, 1),
        ("They sailed jan/1 with the tide.", "jan/1", 1, 1),
        ("They sailed 1/jan with the tide.", "1/jan", 1, 1),
        ("I'm not talking about this, but about Oct/2", "Oct/2", 10, 2),
        ("4/22", "4/22", 4, 22),
        ("2/29", "2/29", 2, 29),
    ],
)
def test_reads_days_without_a_year(text, expr, month, day):
    d = _only(text, expr)
    assert (d.first, d.last) == (date(PLACEHOLDER_YEAR, month, day), d.first)
    assert (d.precision, d.has_year) == ("day", False)
    r = _only(text, expr, REF)
    assert (r.first, r.last, r.has_year) == (date(2016, month, day), r.first, False)


def test_year_less_29_february_keeps_the_placeholder_in_a_common_year():
    d = _only("The ultimatum expired on 2/29.", "2/29", date(2019, 3, 22))
    assert (d.first, d.has_year) == (date(PLACEHOLDER_YEAR, 2, 29), False)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The cables went out on 11/20, 11/22 or 11/25.", ["11/20", "11/22", "11/25"]),
        ("The talks ran from 10/1 to 11/7.", ["10/1", "11/7"]),
        ("The talks ran from 10/1-11/7.", ["10/1", "11/7"]),
        ("From 10/1/1938-10/7/1938 the talks ran.", ["10/1/1938", "10/7/1938"]),
        ("Signed 1939-08-23, broken 22/6/1941.", ["1939-08-23", "22/6/1941"]),
    ],
)
def test_reads_several_dates(text, expected):
    found = find_numeric_dates(text)
    assert [d.text for d in found] == expected
    assert all(text[d.start:d.end] == d.text for d in found)


@pytest.mark.parametrize(
    "text, month_first, first",
    [
        ("The strike began 5/6/1926 in the mines.", None, "1926-06-05"),
        ("The strike began 5/6/1926 in the mines.", False, "1926-06-05"),
        ("The strike began 5/6/1926 in the mines.", True, "1926-05-06"),
        ("The strike began 5-6-1926 in the mines.", True, "1926-05-06"),
        ("The strike began 5.6.1926 in the mines.", True, "1926-05-06"),
        ("The strike began 5/6/36 in the mines.", True, "1936-05-06"),
        ("Troops were withdrawn on 6/7.", True, "0004-06-07"),
        ("Troops were withdrawn on 6/7.", None, "0004-07-06"),
        # one reading impossible: the other is taken whatever the preference
        ("The pact was signed 8/23/1939.", False, "1939-08-23"),
        ("The pact was signed 23/8/1939.", True, "1939-08-23"),
        ("The council met on 22/04.", True, "0004-04-22"),
        ("The council met on 4/22.", False, "0004-04-22"),
    ],
)
def test_order_of_day_and_month(text, month_first, first):
    [d] = find_numeric_dates(text, month_first=month_first)
    assert d.first.isoformat() == first


@pytest.mark.parametrize(
    "expr, reference, year",
    [
        ("3/7/07", None, 2007),
        ("3/7/29", None, 2029),
        ("3/7/30", None, 1930),
        ("3/7/99", None, 1999),
        ("3/7/00", None, 2000),
        ("3/7/26", REF, 2026),
        ("3/7/27", REF, 1927),
        ("3/7/89", REF, 1989),
        ("3/7/05", date(1995, 1, 1), 2005),
        ("3/7/89", date(1995, 1, 1), 1989),
        ("3/7/06", date(1995, 1, 1), 1906),
        ("3-7-16", REF, 2016),
    ],
)
def test_two_digit_years(expr, reference, year):
    d = _only(f"The letter is dated {expr} in pencil.", expr, reference)
    assert d.first == date(year, 7, 3)


@pytest.mark.parametrize(
    "text",
    [
        # telephone and ID numbers
        "Call the ministry at 555-1212 after nine.",
        "Call me at (206) 555-1212.",
        "The ssn is 123-12-1234",
        "Dial +1-222-2222/2222 for the archive.",
        "Tel: +86 138-2010-2015",
        "The code of this object is 133-03-03-2020",
        # fractions and ratios
        "Some 3/4 of the grain was requisitioned.",
        "Nearly 1/2 the harvest was lost.",
        "3/4",
        "The quota rose from 1/2 to 3/4 that year.",
        "Output fell by 3/4 in a decade.",
        "A 1/1000 of a second exposure.",
        "The mark lost 5/12 of its value.",
        # decimals, versions and addresses
        "Prices rose by 4.22 percent in the year.",
        "The index closed at 4.22 on Friday.",
        "The index stood at 4.22.",
        "4.22",
        "The estate covered 4.5 acres.",
        "We met on 4.5 acres of parkland.",
        "Install version 1.2.3 of the tool.",
        "The server is at 192.168.1.2 today.",
        "0.8/15 looks like a formula",
        "8/1.5 looks like a formula",
        "Labs were notable for a BUN/Cr of 30/4.85, troponin 0.182",
        "I'll go back at 4.22",
        "Mortgages were at 6.45 percent",
        # scores and page ranges
        "Arsenal won 3-1 in the final.",
        "See pp. 12-15 for the figures.",
        "I'll go back at 4-22",
        # glued to letters
        "The part number A12/5/1939 was stamped.",
        "The part number 12/5/1939B was stamped.",
        "Model LGA20161016 was sold.",
        # year ranges
        "The purges of 1937-38 emptied the ministries.",
        "The purges of 1937-1938 emptied the ministries.",
        "The budget of 1930-31 was cut.",
        "The Russo-Japanese War of 1904-05 ended badly.",
        "The budget of 1910/11 was cut.",
        "The budget of 2009-10 was cut.",
        "The war of 1914-18 changed everything.",
        # year and month forms left alone
        "I'll be out 2015/3",
        "I'll be out 2015.3",
        "I'll be out 3-2015",
        # impossible dates and numbers that are no dates
        "The letter of 31/4/1939 is a forgery.",
        "2/29/2019",
        "Is this a valid date? 32-2015",
        "Is this a valid date? 2015-32",
        "2015-1-32 is a wrong date",
        "The archive number 20161399 is wrong.",
        "The population was 12345678 then.",
        # a year-less pair without a date-like word before it
        "The ratio was 4/22 in the sample.",
        "Rooms 12/14 were empty.",
    ],
)
def test_not_dates(text):
    assert find_numeric_dates(text) == []
    assert find_numeric_dates(text, REF, month_first=True) == []


def test_returns_numeric_date_records():
    [d] = find_numeric_dates("On 1939-09-01 the war began.")
    day = date(1939, 9, 1)
    assert d == NumericDate(3, 13, "1939-09-01", day, day, "day", True)


def test_spans_in_a_longer_passage():
    text = ("Molotov and Ribbentrop signed the pact on 23.8.1939; the invasion "
            "followed on 1/9/1939, and the ledger for 1939/09 records the first "
            "requisitions. The purges of 1937-38 were over.")
    found = [(d.text, d.first.isoformat(), d.last.isoformat(), d.precision)
             for d in find_numeric_dates(text)]
    assert found == [
        ("23.8.1939", "1939-08-23", "1939-08-23", "day"),
        ("1/9/1939", "1939-09-01", "1939-09-01", "day"),
        ("1939/09", "1939-09-01", "1939-09-30", "month"),
    ]
