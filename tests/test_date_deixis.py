"""Dates counted from a reference date, weeks, quarters, feasts and joined ranges, on sentences written here.

The reference date stands for the day a source was written (a letter, a diary entry, a
dispatch); without it these expressions stay unresolved rather than invented.
"""

from datetime import date

import pytest
from claimkit.grammar.dates import find_dates

# A Thursday: 1 September 1939.
REF = date(1939, 9, 1)


def one(text, expr, reference=REF, **kwargs):
    found = [d for d in find_dates(text, reference=reference, **kwargs) if d.text.lower().endswith(expr.lower())]
    assert found, [d.text for d in find_dates(text, reference=reference, **kwargs)]
    return found[0]


@pytest.mark.parametrize(
    "text, expr, start, end",
    [
        ("The reserves were called up the day after tomorrow.", "the day after tomorrow", "1939-09-03", "1939-09-03"),
        ("The convoy sailed three days ago.", "three days ago", "1939-08-29", "1939-08-29"),
        ("The treaty was signed 1 month and 8 days ago.", "1 month and 8 days ago", "1939-07-24", "1939-07-24"),
        ("Rations will be cut in 2 weeks.", "in 2 weeks", "1939-09-15", "1939-09-15"),
        ("The ministry will decide next week.", "next week", "1939-09-04", "1939-09-10"),
        ("Parliament met last Tuesday.", "last Tuesday", "1939-08-22", "1939-08-22"),
        ("He sails next week Wednesday.", "next week Wednesday", "1939-09-06", "1939-09-06"),
        ("The order went out on Tuesday of last week.", "Tuesday of last week", "1939-08-22", "1939-08-22"),
        ("Leave is stopped for the next 3 days.", "the next 3 days", "1939-09-02", "1939-09-04"),
        ("Prices rose over the past 2 weeks.", "the past 2 weeks", "1939-08-18", "1939-08-31"),
        ("Reports came in within 10 days.", "within 10 days", "1939-09-01", "1939-09-11"),
        ("Three weeks from tomorrow the class will enlist.", "Three weeks from tomorrow", "1939-09-23", "1939-09-23"),
        ("The rest of the week was quiet.", "rest of the week", "1939-09-01", "1939-09-03"),
        ("More ships are due later this year.", "later this year", "1939-09-01", "1939-12-31"),
        ("The harvest ended early this month.", "early this month", "1939-09-01", "1939-09-15"),
        ("The census is due early next week.", "early next week", "1939-09-04", "1939-09-06"),
        ("The treaty was ratified on the 31st of last month.", "the 31st of last month", None, None),
    ],
)
def test_deixis_counts_from_the_reference_date(text, expr, start, end):
    d = one(text, expr) if start else None
    if start is None:  # the 31st of last month: a day of August
        d = [x for x in find_dates(text, reference=REF) if "31st" in x.text][0]
        start = end = "1939-08-31"
    assert (d.date_start, d.date_end) == (start, end)


@pytest.mark.parametrize("text, expr", [("The ministry will decide next week.", "next week"),
                                        ("The convoy sailed three days ago.", "three days ago")])
def test_deixis_without_a_reference_stays_unresolved(text, expr):
    d = one(text, expr, reference=None)
    assert d.relative and d.date_start is None and d.date_end is None


@pytest.mark.parametrize(
    "text, expr, start, end",
    [
        ("Output fell in Q3 1931.", "Q3 1931", "1931-07-01", "1931-09-30"),
        ("Exports recovered in the first half of 1934.", "the first half of 1934", "1934-01-01", "1934-06-30"),
        ("Steel output peaked in the 2nd quarter of 1937.", "the 2nd quarter of 1937", "1937-04-01", "1937-06-30"),
        ("Deliveries resumed in week 31 of 1940.", "week 31 of 1940", "1940-07-29", "1940-08-04"),
        # the first week of a month is the one that holds its first Thursday
        ("The inspection came in the first week of October 1938.", "the first week of October 1938",
         "1938-10-03", "1938-10-09"),
        ("Strikes spread in the last week of July 1936.", "the last week of July 1936", "1936-07-27", "1936-08-02"),
        ("The blockade began in the week beginning 4 December 1939.", "the week beginning 4 December 1939",
         "1939-12-04", "1939-12-10"),
        ("The rising broke out at Easter 1916.", "Easter 1916", "1916-04-23", "1916-04-23"),
        ("The truce held at Christmas 1914.", "Christmas 1914", "1914-12-25", "1914-12-25"),
        ("The vote came on the first Friday of July 1932.", "the first Friday of July 1932", "1932-07-01", "1932-07-01"),
    ],
)
def test_quarters_weeks_and_feasts(text, expr, start, end):
    d = one(text, expr, reference=None)
    assert (d.date_start, d.date_end) == (start, end)


@pytest.mark.parametrize(
    "text, expr, start, end, kwargs",
    [
        ("The trial ran on 2–13 March 1938 in Moscow.", "2–13 March 1938", "1938-03-02", "1938-03-13", {}),
        ("The famine months of June-August 1933 were the worst.", "June-August 1933", "1933-06-01", "1933-08-31", {}),
        ("Grain was seized from 10/1 to 11/7 that year.", "from 10/1 to 11/7", "1939-10-01", "1939-11-07",
         {"month_first": True}),
        ("The embassy kept its records from 12/11/1938 - 3/2/1939.", "from 12/11/1938 - 3/2/1939",
         "1938-11-12", "1939-02-03", {}),
        ("Sowing lasted from November to March.", "from November to March", "1939-11-01", "1940-03-31", {}),
        ("Sales rose from April to June in 1937.", "from April to June in 1937", "1937-04-01", "1937-06-30", {}),
        ("Output fell between August and October.", "between August and October", "1939-08-01", "1939-10-31", {}),
    ],
)
def test_ranges_join_any_two_dates(text, expr, start, end, kwargs):
    d = one(text, expr, **kwargs)
    assert (d.date_start, d.date_end) == (start, end)


@pytest.mark.parametrize(
    "text, expr, start, end",
    [
        ("The camps grew fastest in the 1930s.", "1930s", "1930-01-01", "1939-12-31"),
        ("Jazz reached Moscow in the '20s.", "20s", "1920-01-01", "1929-12-31"),
        ("Icons of the fifteenth century were sold abroad.", "fifteenth century", "1400-01-01", "1499-12-31"),
        ("In nineteen twenty-eight the plan began.", "nineteen twenty-eight", "1928-01-01", "1928-12-31"),
        ("It was signed on the tenth of March, nineteen thirty-eight.", "the tenth of March, nineteen thirty-eight",
         "1938-03-10", "1938-03-10"),
        ("The archive series 1937-12 holds the orders.", "1937-12", "1937-12-01", "1937-12-31"),
        ("The quotas of 1937-38 were raised.", "1937-38", "1937-01-01", "1938-12-31"),
    ],
)
def test_more_written_forms(text, expr, start, end):
    d = [x for x in find_dates(text) if x.text.endswith(expr) or x.text == expr]
    assert d, [x.text for x in find_dates(text)]
    assert (d[0].date_start, d[0].date_end) == (start, end)


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("It was to last ten years, the minister said.", "last ten years"),
        ("On the first day of his trial he confessed.", "the first"),
        ("The treaty was ratified on August 31st 1939, a Thursday.", "Thursday"),
        ("This may take longer than the planners hoped.", "This may"),
        ("The sun rose and the sat phone rang.", "sat"),
    ],
)
def test_words_that_only_look_like_dates(text, phrase):
    start = text.index(phrase)
    assert not [d.text for d in find_dates(text, reference=REF) if d.start < start + len(phrase) and start < d.end]


@pytest.mark.parametrize(
    "text, expr, start, end",
    [
        ("Replies are due within the next 4 business days.", "the next 4 business days", "1939-09-04", "1939-09-07"),
        ("The envoys stayed for the Labour Day weekend.", "Labour Day weekend", None, None),
        ("He took leave for 2 weeks starting 11 September.", "11 September", "1939-09-11", "1939-09-24"),
        ("The mission left for 3 days, from today.", "today", "1939-09-01", "1939-09-03"),
        ("Casualties over the past fortnight were light.", "past fortnight", "1939-08-14", "1939-08-27"),
        ("The talks resume next 6th of April.", "next 6th of April", "1940-04-06", "1940-04-06"),
        ("We met on 18 and 19 June.", "18", "1939-06-18", "1939-06-18"),
        ("Exports are down in the year to date.", "the year to date", "1939-01-01", "1939-09-01"),
        ("The fleet sails Monday two weeks from now.", "Monday two weeks from now", "1939-09-11", "1939-09-11"),
        # 4 September is a Monday: the Friday of its (Sunday to Saturday) week is the 8th
        ("The courier returns in 3 days on Friday.", "in 3 days on Friday", "1939-09-08", "1939-09-08"),
        ("The census ran from the end of 1937 to the end of 1938.", "from the end of 1937 to the end of 1938",
         "1937-09-01", "1938-12-31"),
    ],
)
def test_more_reference_forms(text, expr, start, end):
    d = one(text, expr)
    if start is None:  # 1 May 1939 was a Monday: the weekend before it and the day itself
        start, end = "1939-04-29", "1939-05-01"
    assert (d.date_start, d.date_end) == (start, end)


def test_an_open_bound_on_a_year_does_not_lend_its_year():
    [until, partial] = find_dates("The protocol was denied until 1989. It was ratified on August 31st.")
    assert until.text == "until 1989" and partial.date_start is None  # no earlier date the story is at


def test_a_year_naming_a_congress_is_no_bound():
    [d] = find_dates("Half of the members chosen by the 1934 party congress were shot.")
    assert (d.text, d.date_start, d.date_end, d.modifier) == ("1934", "1934-01-01", "1934-12-31", None)


@pytest.mark.parametrize("text, expected", [
    ("The treaty was signed on 3 March 1918. Both sides recalled the 1900s. On 9 May the troops left.",
     ("1918-05-09", "1918-05-09")),                      # a decade names no year: the last year named stays
    ("In the 1840s, on 12 June, the mill burned.", (None, None)),  # no year at all: left unresolved
])
def test_deixis_a_decade_is_no_year_for_a_day_without_one(text, expected):
    day = [d for d in find_dates(text) if d.text[:1].isdigit() and "19" not in d.text and "18" not in d.text][-1]
    assert (day.date_start, day.date_end) == expected


@pytest.mark.parametrize("text, expected", [
    ("The levy began in 1812. In late summer the regiments marched.",
     [("1812", "1812-01-01", "1812-12-31"), ("late summer", "1812-08-02", "1812-08-31")]),  # the last third
    ("The mines closed in 1640, and by early spring the miners had left.",
     [("1640", "1640-01-01", "1640-12-31"), ("by early spring", None, "1640-03-30")]),
    ("The harbour was built in 1702. In the fall the first ships came.", [("1702", "1702-01-01", "1702-12-31"),
                                                                         ("fall", "1702-09-01", "1702-11-30")]),
    ("The castle was taken in 1702. After the fall of the castle, and after the fall, the town paid.",
     [("1702", "1702-01-01", "1702-12-31")]),           # "fall" as a collapse is no season
])
def test_deixis_seasons_take_the_year_of_the_story(text, expected):
    assert [(d.text, d.date_start, d.date_end) for d in find_dates(text)] == expected


def test_deixis_the_next_day_counts_only_from_a_date_nearby():
    near = find_dates("The council met on 3 March 1850.\n\nThe next day the mayor resigned.")
    far = find_dates("The council met on 3 March 1850.\n\nAftermath\n\nThe guild argued. "
                     "The next day the mayor resigned.")
    later = find_dates("The council met on 3 March 1850.\n\nAftermath\n\nThree years later the mayor resigned.")
    assert (near[-1].text, near[-1].date_start) == ("The next day", "1850-03-04")
    assert (far[-1].text, far[-1].date_start) == ("The next day", None)  # sections away: unresolved, not invented
    assert later[-1].date_start == "1853-01-01"                     # a year counts across sections
