"""Units, currencies, the direction of change and numbers that name: invented sentences, one behaviour each."""

from __future__ import annotations

import pytest

from claimkit.grammar import find_quantities
from claimkit.grammar.units import describe
from claimkit.store.schemas import record_errors


def read(text: str) -> list:
    return find_quantities(text)


def only(text: str):
    found = read(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(
    "text, span, value, unit",
    [
        ("The loan came to $US4,500,000 in the end.", "$US4,500,000", 4_500_000, "USD"),
        ("Wellington pledged NZ$3.5 billion for the port.", "NZ$3.5 billion", 3.5e9, "NZD"),
        ("Canberra sent A$12 to each family.", "A$12", 12, "AUD"),
        ("The fine was C$40,000 for the mill.", "C$40,000", 40_000, "CAD"),
        ("Rents rose to HK$9,000 a month.", "HK$9,000 a month", 9000, "HKD/month"),
        ("A plate of noodles cost RM7.50 at the stall.", "RM7.50", 7.5, "MYR"),
        ("The bank wrote off GBP12m of debt.", "GBP12m", 12_000_000, "GBP"),
        ("Zurich lent CHF25m to the city.", "CHF25m", 25_000_000, "CHF"),
        ("Tokyo spent JPY3 trillion on the dam.", "JPY3 trillion", 3e12, "JPY"),
        ("The museum paid £2m for the letters.", "£2m", 2_000_000, "GBP"),
        ("A loaf cost 45p before the war.", "45p", 45, "GBp"),
        ("Stockholm raised 7.5 million Swedish kronor for the relief fund.", "7.5 million Swedish kronor", 7.5e6,
         "SEK"),
        ("The farm sold for 80,000 Canadian dollars.", "80,000 Canadian dollars", 80_000, "CAD"),
        ("Reparations reached 6,600 million pounds in the plan.", "6,600 million pounds", 6.6e9, "GBP"),
        ("The losses came to 30 MUSD that year.", "30 MUSD", 30_000_000, "USD"),
        ("A ticket cost thirteen dollars and forty cents.", "thirteen dollars and forty cents", 13.4, "USD"),
    ],
)
def test_units_money_in_every_written_form(text, span, value, unit):
    q = only(text)
    assert (q.text, q.unit) == (span, unit)
    assert q.value == pytest.approx(value)
    assert q.dimension.split("/")[0] == "currency"


@pytest.mark.parametrize(
    "text, span, value, unit, dimension",
    [
        ("The drive held 512MB of letters.", "512MB", 512, "MB", "information"),
        ("The transmitter worked at 40kHz.", "40kHz", 40, "kHz", "frequency"),
        ("Each stove drew 3kW from the grid.", "3kW", 3, "kW", "power"),
        ("The town used 2.5kWh per household.", "2.5kWh per household", 2.5, "kWh/household", "energy/household"),
        ("Its engine gave 310bhp at full throttle.", "310bhp", 310, "hp", "power"),
        ("The tank's 1200 hp engine failed.", "1200 hp", 1200, "hp", "power"),
        ("The shaft turned at 5000 rpm.", "5000 rpm", 5000, "rpm", "frequency"),
        ("The trains ran at 90 km/h across the steppe.", "90 km/h", 90, "km/h", "speed"),
        ("Flats sold at $9.50 per square metre.", "$9.50 per square metre", 9.5, "USD/m2", "currency/area"),
        ("The barracks covered 1850 sq m of ground.", "1850 sq m", 1850, "m2", "area"),
        ("The frost reached minus-10 degrees that night.", "minus-10 degrees", -10, "degree", "temperature"),
        ("The ship turned 90 degrees to the east.", "90 degrees", 90, "degree", "angle"),
        ("Wheat sold at $50 a tonne.", "$50 a tonne", 50, "USD/t", "currency/mass"),
        ("He stood 5 feet 2 inches tall.", "5 feet 2 inches", 5 + 2 / 12, "ft", "length"),
        ("The chips were made at 7nm.", "7nm", 7, "nm", "length"),
    ],
)
def test_units_symbols_names_and_rates_have_a_canonical_name_and_dimension(text, span, value, unit, dimension):
    q = only(text)
    assert (q.text, q.unit, q.dimension) == (span, unit, dimension)
    assert q.value == pytest.approx(value)
    assert q.unit_name and q.unit_name == describe(unit)[0]


@pytest.mark.parametrize(
    "text, span, unit",
    [("The infant weighed 8 pounds at birth.", "8 pounds", "lb"), ("They shipped 300 pounds of flour.", "300 pounds", "lb"),
     ("He paid 500 pounds for the farm.", "500 pounds", "GBP")],
)
def test_units_pounds_weigh_unless_money_is_near(text, span, unit):
    q = only(text)
    assert (q.text, q.unit) == (span, unit)


def test_units_counts_shares_and_durations_keep_the_codes_comparison_reads():
    found = read("In 1937 some 40,000 officers, about 15% of the corps, served three years.")
    assert [(q.unit, q.dimension) for q in found] == [("count", "count"), ("percent", "share"), ("year", "time")]
    assert found[0].unit_name == "count"


@pytest.mark.parametrize(
    "text, span, value",
    [("Exports fell 2.4pc in the spring.", "2.4pc", 2.4), ("Grain output rose 5 pct that year.", "5 pct", 5)],
)
def test_units_pc_is_per_cent(text, span, value):
    q = only(text)
    assert (q.text, q.value, q.unit) == (span, value, "percent")


@pytest.mark.parametrize(
    "text, changes",
    [
        ("Grain prices rose 12% in the autumn.", ["up"]),
        ("The index fell by 40 points on Monday.", ["down"]),
        ("Party membership was up 3pc on the year.", ["up"]),
        ("The regiment lost 2% of its horses.", ["down"]),
        ("There was an increase of 20% in arrests.", ["up"]),
        ("The harvest showed a 15% drop after the purge.", ["down"]),
        ("Wages were 8% higher than in 1928.", ["up"]),
        ("The camp held 20,000 prisoners.", [None]),
    ],
)
def test_units_change_is_read_from_the_words_of_change(text, changes):
    assert [q.change for q in read(text)] == changes


def test_units_from_one_level_to_another_is_two_figures_with_their_direction():
    found = read("Rations fell from 800 grams to 400 grams a day.")
    assert [(q.value, q.change) for q in found] == [(800, "down"), (400, "down")]


def test_units_by_x_to_y_is_a_change_and_a_level():
    found = read("The budget grew by £2.1 billion to £18.4 billion.")
    assert [(q.text, q.value, q.change) for q in found] == [
        ("£2.1 billion", 2.1e9, "up"), ("£18.4 billion", 18.4e9, "up")]


def test_units_a_year_after_in_is_not_the_start_of_a_range():
    found = read("Membership rose 40% in 1933 to 2.2 million.")
    assert [q.value for q in found] == [40, 2_200_000]


def test_units_a_range_shares_its_scale_across_from_to():
    first, second = read("Estimates ran from 11.5 to 14-16 billion roubles.")
    assert first.value == 11.5e9 and first.unit == "RUB"
    assert (second.low, second.high, second.unit) == (14e9, 16e9, "RUB")


@pytest.mark.parametrize(
    "text",
    [
        "Shares in the Nasdaq 100 index slipped.",
        "The DAX 40 closed early.",
        "Game 4 of the series went to extra time.",
        "The plant held ISO 9001 certification.",
        "The minister lived at 10 Downing Street.",
        "The phone supported 4G networks.",
        "Arsenal won 3-1 at home.",
        "The final score was 102-98.",
        "One of the largest camps lay in the north.",
    ],
)
def test_units_numbers_that_name_are_not_figures(text):
    assert read(text) == []


@pytest.mark.parametrize(
    "text, value",
    [("In Moscow 500 people queued for bread.", 500), ("In Kiev 300 railway workers struck.", 300),
     ("During the Terror 40,000 collective farm chairmen were removed.", 40_000)],
)
def test_units_a_count_after_a_name_is_still_a_count(text, value):
    assert [q.value for q in read(text)] == [value]


def test_units_adjacent_figures_stay_apart():
    found = read("The depot held six million 330ml bottles.")
    assert [(q.value, q.unit) for q in found] == [(6_000_000, "count"), (330, "ml")]


def test_units_a_metre_length_with_a_bracketed_alternative_is_not_millions():
    found = read("A 12m (39ft) wall ran round the camp.")
    assert [(q.value, q.unit) for q in found] == [(12, "m"), (39, "ft")]


@pytest.mark.parametrize(
    "text, values, unit",
    [("The grain lasted four or five weeks.", [4, 5], "week"), ("A pass cost six or seven roubles.", [6, 7], "RUB")],
)
def test_units_x_or_y_is_two_values(text, values, unit):
    found = read(text)
    assert [q.value for q in found] == values and {q.unit for q in found} == {unit}


def test_units_fraction_slash_u2044_is_a_fraction():
    q = only("Rivets of 3\u204464 inch were used.")
    assert q.text == "3\u204464 inch" and q.value == pytest.approx(3 / 64)


def test_units_sub_prefix_is_an_upper_bound():
    q = only("The plant made sub-5 nanometre parts.")
    assert (q.qualifier, q.high, q.unit) == ("less_than", 5, "nm")


def test_units_claim_records_with_the_new_fields_match_the_schema(blank_nlp):
    doc = blank_nlp("Exports fell 2.4pc to £18.4 billion.")
    spans = doc.spans["quantities"]
    assert [(s._.change, s._.unit_name, s._.dimension) for s in spans] == [
        ("down", "percent", "share"), ("down", "British pound", "currency")]
    record = {
        "claim_id": "0123456789abcdef", "source_id": "s", "kind": "quantity", "text": spans[1].text, "start": 0,
        "end": 1, "sentence": doc.text, "value": spans[1]._.value, "low": spans[1]._.low, "high": spans[1]._.high,
        "qualifier": spans[1]._.qualifier, "unit": spans[1]._.unit, "part": None, "whole": None,
        "date_start": None, "date_end": None, "subject": None, "predicate": None, "period_start": None,
        "period_end": None, "hedge": None, "footnote": None, "change": spans[1]._.change,
        "unit_name": spans[1]._.unit_name, "dimension": spans[1]._.dimension,
        "place": None, "event": None, "event_key": None, "topic_events": None, "topic_place": None,
        "restrictions": None,
    }
    assert record_errors("claim", record) == []
    assert record_errors("claim", {**record, "change": "sideways"})


@pytest.mark.parametrize(
    "text, values",
    [("She was one of 12 children.", [12]), ("One day the letters stopped.", []), ("The march lasted one day.", [1]),
     ("Only one in five returned.", [1])],
)
def test_units_one_as_a_pronoun_is_no_figure(text, values):
    assert [q.value for q in read(text)] == values
