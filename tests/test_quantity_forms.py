"""Every quantity form the grammar promises to read, one invented sentence each.

A companion to ``test_quantity_grammar.py``: the same conventions (see the
module docstring of ``claimkit.grammar.quantities`` and ``data/numbers.json``),
spelled out form by form, with the normalised reading (value, bounds,
qualifier, unit, part/whole/share, hedge) and the exact span text asserted.
Quantities are read as the spaCy component reads them: after the date
grammar, whose spans are passed as ``skip``.

Sections: numbers; shares and ratios; ranges; qualifiers; vague amounts;
units; not quantities; footnote markers; four-digit counts.
"""

from __future__ import annotations

import pytest
from claimkit import _data
from claimkit.grammar.dates import find_dates
from claimkit.grammar.quantities import find_quantities
from claimkit.read.sources import read_source

_UNSET = object()


# -- helpers -------------------------------------------------------------

def read(text: str, **kwargs):
    """Quantities of ``text`` the way the spaCy component finds them (dates skipped)."""
    return find_quantities(text, skip=[(d.start, d.end) for d in find_dates(text)], **kwargs)


def overlapping(found, text: str, expr: str):
    assert text.count(expr) == 1, f"{expr!r} must occur once in {text!r}"
    s = text.index(expr)
    e = s + len(expr)
    return [q for q in found if q.start < e and s < q.end]


def quantity_at(text: str, expr: str, **kwargs):
    """The one quantity read where ``expr`` stands; its span must be exactly ``expr``."""
    found = read(text, **kwargs)
    hits = overlapping(found, text, expr)
    assert hits, f"no quantity at {expr!r}; found {[q.text for q in found]}"
    assert len(hits) == 1, f"several quantities at {expr!r}: {[q.text for q in hits]}"
    q = hits[0]
    assert text[q.start:q.end] == q.text
    assert q.text == expr, f"span {q.text!r}, expected {expr!r}"
    return q


def same(got, want) -> bool:
    if want is None or got is None:
        return got is want
    if isinstance(want, str):
        return got == want
    return got == pytest.approx(want)


def check(q, **want):
    """Compare the named fields of ``q``; report every mismatch at once."""
    wrong = {name: (getattr(q, name), value) for name, value in want.items() if not same(getattr(q, name), value)}
    assert not wrong, "; ".join(f"{n}: got {g!r}, expected {w!r}" for n, (g, w) in wrong.items())


def exact(value, unit="count", **extra):
    """Expected fields of an unqualified figure."""
    share = value if unit == "percent" else None
    return dict(value=value, low=value, high=value, qualifier="exact", unit=unit,
                part=None, whole=None, share=share, hedge=None) | extra


def ranged(low, high, unit="count", **extra):
    return dict(value=None, low=low, high=high, qualifier="range", unit=unit, part=None, whole=None) | extra


def qualified(value, qualifier, low, high, unit="count"):
    return dict(value=value, low=low, high=high, qualifier=qualifier, unit=unit)


VAGUE = _data.load("numbers")["vague"]


def vague(phrase):
    low, high = VAGUE[phrase]
    return dict(value=None, low=low, high=high, qualifier="vague", unit="count")


# -- numbers -------------------------------------------------------------

NUMBERS = [
    # digits, separators, decimals
    ("The 1926 census counted 1,250,000 nomads in the steppe.", "1,250,000", exact(1_250_000)),
    ("Each worker was meant to lay 3.75 metres of track a shift.", "3.75 metres", exact(3.75, "m")),
    ("The Volga famine left 1.3\u00a0million orphans to the care of the state.", "1.3\u00a0million", exact(1_300_000)),
    ("The trust was promised 10m for new blast furnaces.", "10m", exact(10_000_000)),
    ("Moscow owed its creditors 2bn by the end of the decade.", "2bn", exact(2_000_000_000)),
    ("The commissariat hired 12k extra clerks for the census.", "12k", exact(12_000)),
    ("The army lost 4.5 billion rounds of ammunition in the retreat.", "4.5 billion", exact(4_500_000_000)),
    ("The canal took 3 million working days to dig.", "3 million", exact(3_000_000)),
    # number words of any size
    ("The tribunal heard fifty-seven witnesses for the prosecution.", "fifty-seven", exact(57)),
    ("The regiment returned with one hundred and ten wounded men.", "one hundred and ten", exact(110)),
    ("Stalin's planners wanted a million tractors on the fields.", "a million", exact(1_000_000)),
    ("The decree deported one and a half million peasants eastwards.", "one and a half million", exact(1_500_000)),
    ("In the hungry winter a quarter of a million horses died.", "a quarter of a million", exact(250_000)),
    ("The republic mobilised half a million reservists that autumn.", "half a million", exact(500_000)),
    ("The blockade trapped seven hundred and fifty thousand civilians.", "seven hundred and fifty thousand", exact(750_000)),
    ("The district reported twelve thousand four hundred arrests.", "twelve thousand four hundred", exact(12_400)),
    ("The war bonds raised two billion for the treasury.", "two billion", exact(2_000_000_000)),
    ("The famine relief fed three hundred thousand children.", "three hundred thousand", exact(300_000)),
    # negative figures
    ("On the march to Moscow the thermometer fell to -40 at night.", "-40", exact(-40)),
    ("On the retreat from the river the thermometer fell to minus forty at night.", "minus forty", exact(-40)),
    # approximate forms
    ("The garrison held c. 1,000 riflemen.", "c. 1,000", qualified(1000, "approximate", 900, 1100)),
    ("The land survey recorded circa 3,000 wells in the oblast.", "circa 3,000", qualified(3000, "approximate", 2700, 3300)),
    ("The purge removed an estimated 40,000 officers.", "an estimated 40,000", qualified(40_000, "approximate", 36_000, 44_000)),
    ("The column counted ~500 carts.", "~500", qualified(500, "approximate", 450, 550)),
]


@pytest.mark.parametrize("text, expr, want", NUMBERS, ids=[n[1] for n in NUMBERS])
def test_numbers(text, expr, want):
    check(quantity_at(text, expr), **want)


# -- shares and ratios -----------------------------------------------------

SHARES = [
    # percentages
    ("By 1931 the Party claimed 50% of peasant households had joined.", "50%", exact(50, "percent")),
    ("Seventy per cent of the sown area was in collective hands.", "Seventy per cent", exact(70, "percent")),
    ("The Social Democrats won 18 percent of the vote in the Reichstag.", "18 percent", exact(18, "percent")),
    # fractions as shares of one
    ("By spring, half the seed grain had been eaten.", "half", exact(50, "percent")),
    ("In Kazakhstan a third of the herds were slaughtered.", "a third", exact(100 / 3, "percent")),
    ("The purge swept away two-thirds of the officer corps.", "two-thirds", exact(200 / 3, "percent")),
    ("The inspectors found that three quarters of the barns stood empty.", "three quarters", exact(75, "percent")),
    # a fraction standing alone before a verb, an auxiliary or a preposition
    ("Of the weavers who marched, a quarter died in the winter.", "a quarter", exact(25, "percent")),
    ("Of the delegates, a third were expelled before the vote.", "a third", exact(100 / 3, "percent")),
    ("Of the crews, a fifth deserted.", "a fifth", exact(20, "percent")),
    ("The share of acquittals sank to a quarter after the new decree.", "a quarter", exact(25, "percent")),
    # one-word multiples
    ("Twice as many weavers as spinners lost their work.", "Twice", exact(2, "times", share=None)),
    ("The new levy was double that of the old one.", "double", exact(2, "times", share=None)),
    ("The ministry meant the harvest to double within five years.", "double", exact(2, "times", share=None)),
    ("Between the wars the price of bread trebled.", "trebled", exact(3, "times", share=None)),
    # ratios: value = part, with part, whole and the derived share
    ("Afterwards one in five collective farms had no horses left.", "one in five",
     exact(1, part=1, whole=5, share=20)),
    ("Of the accused, three out of five officers signed confessions.", "three out of five",
     exact(3, part=3, whole=5, share=60)),
    ("By the end of the trial, 13 of 15 defendants had been sentenced to death.", "13 of 15",
     exact(13, part=13, whole=15, share=100 * 13 / 15)),
    ("Of the Central Committee, 110 out of 195 members were later arrested.", "110 out of 195",
     exact(110, part=110, whole=195, share=100 * 110 / 195)),
    ("The football club survived the war and all eleven players came home.", "all eleven",
     exact(11, part=11, whole=11, share=100)),
    ("Of the eighty delegates, only five were left by the next congress.", "only five",
     exact(5, part=5, whole=80, share=6.25)),
]


@pytest.mark.parametrize("text, expr, want", SHARES, ids=[s[1] for s in SHARES])
def test_shares_and_ratios(text, expr, want):
    check(quantity_at(text, expr), **want)


# -- ranges ----------------------------------------------------------------

RANGES = [
    ("The camp held between 40,000 and 60,000 prisoners that winter.", "between 40,000 and 60,000",
     ranged(40_000, 60_000)),
    ("The cavalry lost 3,000 to 4,000 horses on the march.", "3,000 to 4,000", ranged(3000, 4000)),
    ("Partisans burned 20-30 villages in the district.", "20-30", ranged(20, 30)),
    ("The drought cost 200\u2013300 wagons of grain.", "200\u2013300", ranged(200, 300)),
    ("The camp was said to hold from 12 to 15 million tonnes of grain.", "from 12 to 15 million tonnes",
     ranged(12_000_000, 15_000_000, "t")),
    ("The ransom was set at £200 to £300 a head.", "£200 to £300 a head", ranged(200, 300, "GBP/head")),
    ("Deaths in the famine exceeded five million and may have reached eight million.",
     "exceeded five million and may have reached eight million",
     ranged(5_000_000, 8_000_000, hedge="may have")),
]


@pytest.mark.parametrize("text, expr, want", RANGES, ids=[r[1] for r in RANGES])
def test_ranges(text, expr, want):
    check(quantity_at(text, expr), **want)


# -- qualifiers and bounds (tolerance 0.1) ---------------------------------

QUALIFIERS = [
    ("The brigade marched about 500 prisoners to the railhead.", "about 500",
     qualified(500, "approximate", 450, 550)),
    ("The commission listed approximately 1,200 churches as closed.", "approximately 1,200",
     qualified(1200, "approximate", 1080, 1320)),
    ("Some 30,000 Poles were shot in the operation.", "Some 30,000",
     qualified(30_000, "approximate", 27_000, 33_000)),
    ("The tribunal sat for around 80 sessions.", "around 80",
     qualified(80, "approximate", 72, 88)),
    ("The blockade killed nearly 2,000 people a day.", "nearly 2,000",
     qualified(2000, "approximate", 1800, 2000)),
    ("The harvest reached almost 90% of the plan.", "almost 90%",
     qualified(90, "approximate", 81, 90, "percent")),
    ("Industry employed roughly 4 million new workers.", "roughly 4 million",
     qualified(4_000_000, "approximate", 3_600_000, 4_400_000)),
    ("Each convoy carried up to 700 deportees.", "up to 700", qualified(700, "at_most", None, 700)),
    ("Requisitions took as much as 40% of the crop.", "as much as 40%",
     qualified(40, "at_most", None, 40, "percent")),
    ("The uprising drew at least 250 miners into the streets.", "at least 250",
     qualified(250, "at_least", 250, None)),
    ("The strike closed more than 1,000 factories.", "more than 1,000",
     qualified(1000, "more_than", 1000, None)),
    ("The march on Rome mustered over 6,000 Blackshirts.", "over 6,000",
     qualified(6000, "more_than", 6000, None)),
    ("Reparations came to in excess of 5 million marks in gold.", "in excess of 5 million",
     qualified(5_000_000, "more_than", 5_000_000, None)),
    ("The retreat left fewer than 300 guns in service.", "fewer than 300",
     qualified(300, "less_than", None, 300)),
    ("The yield fell to under 60 million tonnes.", "under 60 million tonnes",
     qualified(60_000_000, "less_than", None, 60_000_000, "t")),
    ("The court allowed no more than 12 spectators.", "no more than 12",
     qualified(12, "at_most", None, 12)),
    ("The relief column found only 5 survivors in the fort.", "only 5",
     qualified(5, "exact", 5, 5)),
]


@pytest.mark.parametrize("text, expr, want", QUALIFIERS, ids=[q[1] for q in QUALIFIERS])
def test_qualifiers_set_the_bounds(text, expr, want):
    check(quantity_at(text, expr), **want)


def test_band_width_follows_the_tolerance():
    q = quantity_at("The convoy took about 500 prisoners east.", "about 500", tolerance=0.2)
    check(q, value=500, low=400, high=600, qualifier="approximate")


# -- vague amounts ---------------------------------------------------------

VAGUE_CASES = [
    ("The tribunal condemned hundreds of priests in a single year.", "hundreds", "hundreds"),
    ("The dekulakisation squads evicted thousands of families.", "thousands", "thousands"),
    ("Over the decade many millions of peasants left the land.", "many millions", "many millions"),
    ("The bombing drove tens of thousands of townspeople into the hills.", "tens of thousands", "tens of thousands"),
    ("Rebels burned dozens of grain stores along the river.", "dozens", "dozens"),
    ("The garrison held a couple of thousand muskets.", "a couple of thousand", "a couple of thousand"),
    ("A couple hundred weavers marched on the mill.", "A couple hundred", "a couple hundred"),
]


@pytest.mark.parametrize("text, expr, phrase", VAGUE_CASES, ids=[v[1] for v in VAGUE_CASES])
def test_vague_amounts_take_their_listed_interval(text, expr, phrase):
    check(quantity_at(text, expr), **vague(phrase))


# -- units -----------------------------------------------------------------

UNITS = [
    # counts are the default
    ("The militia requisitioned 2,400 sacks of rye.", "2,400", exact(2400)),
    # currencies
    ("The Americans lent the regime $2.5 million for the dam.", "$2.5 million", exact(2_500_000, "USD")),
    ("The smuggler was fined £300 at the assizes.", "£300", exact(300, "GBP")),
    ("The trust spent 40 million roubles on the canal.", "40 million roubles", exact(40_000_000, "RUB")),
    # measures
    ("The front ran for 1,500 km from the Baltic to the Black Sea.", "1,500 km", exact(1500, "km")),
    ("The mills ground 30,000 tonnes of wheat in a month.", "30,000 tonnes", exact(30_000, "t")),
    ("The virgin lands campaign ploughed 21 million hectares.", "21 million hectares", exact(21_000_000, "ha")),
    ("The evacuees walked 600 miles to the railhead.", "600 miles", exact(600, "mile")),
]


@pytest.mark.parametrize("text, expr, want", UNITS, ids=[u[1] for u in UNITS])
def test_units(text, expr, want):
    check(quantity_at(text, expr), **want)


DURATIONS = [
    ("The siege of the fortress lasted eighteen months.", "eighteen months", exact(18, "month")),
    ("Germany and Poland signed a ten-year pact in January 1934.", "ten-year", exact(10, "year")),
    ("The defendants spent 16 months in pre-trial detention.", "16 months", exact(16, "month")),
]


@pytest.mark.parametrize("text, expr, want", DURATIONS, ids=[d[1] for d in DURATIONS])
def test_durations_have_a_time_unit(text, expr, want):
    check(quantity_at(text, expr), **want)


@pytest.mark.parametrize("text, expr", [(t, e) for t, e, _ in DURATIONS], ids=[d[1] for d in DURATIONS])
def test_durations_are_not_dates(text, expr):
    assert [d.text for d in overlapping(find_dates(text), text, expr)] == []


AGES = [
    ("The factory took on boys aged 12 during the war.", "12", exact(12, "age")),
    ("The patrol was led by a 15-year-old conscript from Tula.", "15-year-old", exact(15, "age")),
    ("The oldest defendant was 71 years old at his trial.", "71 years old", exact(71, "age")),
]


@pytest.mark.parametrize("text, expr, want", AGES, ids=[a[1] for a in AGES])
def test_ages(text, expr, want):
    check(quantity_at(text, expr), **want)


# -- not quantities ----------------------------------------------------------

NOT_QUANTITIES = [
    # years and dates (skipped because the date grammar reads them)
    ("Arrests multiplied in 1937 as the quotas rose.", "1937"),
    ("The pact was signed in Moscow on 23 August 1939 by the two ministers.", "23 August 1939"),
    # ordinals
    ("Delegates to the seventeenth Party Congress were later shot.", "seventeenth"),
    ("Most of those who cheered at the 17th Congress did not survive.", "17th"),
    # names and titles
    ("The veterans of World War Two remembered the hunger.", "World War Two"),
    ("Khrushchev personally approved One Day in the Life of Ivan Denisovich for print.",
     "One Day in the Life of Ivan Denisovich"),
    ("Solzhenitsyn's One Day in the Life of Ivan Denisovich sold out at once.",
     "One Day in the Life of Ivan Denisovich"),
    ("The NKVD set its quotas in Order No. 00447 that summer.", "Order No. 00447"),
    # citations
    ("Conquest discusses the quotas on pages 347 to 349 of his book.", "pages 347 to 349"),
    ("See Davies, The Years of Hunger, pp. 12-15, for the grain figures.", "pp. 12-15"),
    # list numbering at a line start
    ("1. The harvest failed across Ukraine.\n2. The procurement quotas stayed in force.", "1."),
    ("1. The harvest failed across Ukraine.\n2. The procurement quotas stayed in force.", "2."),
]


@pytest.mark.parametrize("text, expr", NOT_QUANTITIES, ids=[n[1] for n in NOT_QUANTITIES])
def test_not_quantities(text, expr):
    assert [q.text for q in overlapping(read(text), text, expr)] == []


# -- footnote markers ------------------------------------------------------

def test_glued_footnote_marker_does_not_join_the_number_in_the_grammar():
    text = "Collectivisation cost twenty million5 lives in all."
    found = read(text)
    assert all(q.value != 200_000_005 for q in found), [(q.text, q.value) for q in found]
    q = overlapping(found, text, "twenty million")[0]
    check(q, value=20_000_000, unit="count")


@pytest.mark.parametrize(
    "original, expr, want",
    [
        ("Collectivisation cost twenty million5 lives in all.\n", "twenty million", exact(20_000_000)),
        ("The war cost the empire 1.3 million7 soldiers.\n", "1.3 million", exact(1_300_000)),
    ],
    ids=["twenty million5", "1.3 million7"],
)
def test_glued_footnote_marker_is_cleaned_before_reading(tmp_path, original, expr, want):
    path = tmp_path / "essay.txt"
    path.write_text(original, encoding="utf-8")
    source = read_source(path)
    found = read(source.text)
    assert [q.text for q in found] == [expr], [(q.text, q.value) for q in found]
    check(found[0], **want)


# -- four-digit counts (a known gap) -----------------------------------------

def test_four_digit_number_before_a_plural_noun_is_a_count():
    """"1500 soldiers" counts soldiers; it is not the year 1500."""
    text = "The garrison numbered 1500 soldiers when the siege began."
    check(quantity_at(text, "1500"), **exact(1500))


# -- more numerals -------------------------------------------------------------

MORE_NUMERALS = [
    ("The census clerks wrote 40 000 for the district.", "40 000", exact(40_000)),
    ("A French ledger gives 1.250,5 tonnes of rye.", "1.250,5 tonnes", exact(1250.5, "t")),
    ("The ministry printed 2.5e6 ration cards.", "2.5e6", exact(2_500_000)),
    ("The report says five point five per cent of cattle died.", "five point five per cent",
     exact(5.5, "percent")),
    ("Roughly three fifths of the sown area was lost.", "Roughly three fifths",
     qualified(60, "approximate", 54, 66, "percent")),
    ("He kept ⅔ of the ration for his children.", "⅔", exact(200 / 3, "percent")),
    ("Each family received 2½ poods of flour.", "2½ poods", exact(2.5, "pood")),
    ("The village sent 3 dozen horses to the front.", "3 dozen", exact(36)),
    ("The report counted two millions of refugees.", "two millions", exact(2_000_000)),
    ("Planners wrote four thousand three hundred and twenty tractors.",
     "four thousand three hundred and twenty", exact(4320)),
    ("One hundred and three quarters of a pood was the norm.", "One hundred and three quarters",
     exact(100.75)),
    ("The winter reached minus thirty-five degrees.", "minus thirty-five degrees", exact(-35, "degree")),
    ("The state paid 40 roubles a month to each worker.", "40 roubles a month", exact(40, "RUB/month")),
    ("Output grew 1.5x under the plan.", "1.5x", exact(1.5, "times")),
    ("The tally gave 120 ± 15 deaths in the camp.", "120 ± 15", dict(value=120, low=105, high=135,
                                                                    qualifier="range")),
]


@pytest.mark.parametrize("text, expr, want", MORE_NUMERALS, ids=[m[1] for m in MORE_NUMERALS])
def test_more_numerals(text, expr, want):
    check(quantity_at(text, expr), **want)


# -- comparatives and bounds after the figure ---------------------------------

BOUNDS = [
    ("Losses were greater than 4,000 that week.", "greater than 4,000",
     qualified(4000, "more_than", 4000, None)),
    ("Rations were less than or equal to 300 grams.", "less than or equal to 300 grams",
     qualified(300, "at_most", None, 300, "g")),
    ("The quota was 500 or more households per district.", "500 or more",
     qualified(500, "at_least", 500, None)),
    ("Each camp held 200 prisoners or fewer in winter.", "200 prisoners or fewer", None),
    ("They shot more than 5,000 or equal to it.", "more than 5,000 or equal to it",
     qualified(5000, "at_least", 5000, None)),
    ("Villages with more than 100 and fewer than 300 households were merged.",
     "more than 100 and fewer than 300", ranged(100, 300)),
    ("Brigades of at most 40 and at least 20 men were formed.", "at most 40 and at least 20", ranged(20, 40)),
    ("Yields stood at >30 centners in the south.", ">30 centners", None),
]


@pytest.mark.parametrize("text, expr, want", [b for b in BOUNDS if b[2]], ids=[b[1] for b in BOUNDS if b[2]])
def test_comparatives_and_following_bounds(text, expr, want):
    check(quantity_at(text, expr), **want)


def test_or_more_after_a_counted_noun_is_not_read_as_a_bound():
    """A post-qualifier must follow the figure itself; "200 prisoners or fewer" keeps 200 exact."""
    q = read("Each camp held 200 prisoners or fewer in winter.")[0]
    check(q, value=200, qualifier="exact")


def test_compound_bounds_in_the_wrong_order_stay_two_figures():
    text = "Estimates of more than 40 and less than 10 were both printed."
    assert [(q.text, q.qualifier) for q in read(text)] == [("more than 40", "more_than"), ("less than 10", "less_than")]


def test_descending_from_to_is_the_same_interval():
    q = quantity_at("Frost ran from -18 °C to -34 °C that week.", "from -18 °C to -34 °C")
    check(q, **ranged(-34, -18, "C"))


@pytest.mark.parametrize(
    "text, first, second, change",
    [
        ("The herd fell from 30 million to 17 million head.", (30_000_000, "30 million"), (17_000_000, "17 million"),
         "down"),
        ("Output rose from 12 to 15 million tonnes of steel.", (12_000_000, "12"), (15_000_000, "15 million tonnes"),
         "up"),
        ("Wages would rise from one thousand to one thousand and five hundred roubles.", (1000, "one thousand"),
         (1500, "one thousand and five hundred roubles"), "up"),
    ],
    ids=["fell from-to", "rose from-to, scale shared", "words"],
)
def test_a_change_from_one_level_to_another_is_two_figures(text, first, second, change):
    a, b = read(text)
    assert (a.value, a.text, a.change) == (first[0], first[1], change)
    assert (b.value, b.text, b.change) == (second[0], second[1], change)
    assert a.unit == b.unit


@pytest.mark.parametrize(
    "text, values, unit",
    [
        ("The trial of the generals lasted four or five weeks.", [4, 5], "week"),
        ("A loaf cost six or seven roubles that spring.", [6, 7], "RUB"),
        ("They dug 5- or 6-metre trenches.", [5, 6], "m"),
        ("Two or three million peasants fled.", [2_000_000, 3_000_000], "count"),
    ],
)
def test_x_or_y_is_two_figures_sharing_unit_and_scale(text, values, unit):
    found = read(text)
    assert [q.value for q in found] == values
    assert {q.unit for q in found} == {unit}
    assert all(q.qualifier == "exact" for q in found)


# -- what is not a figure ------------------------------------------------------

MORE_NOT_QUANTITIES = [
    ("The convoy left at 10:30 and arrived at 2 pm.", "10:30"),
    ("The convoy left at 10:30 and arrived at 2 pm.", "2 pm"),
    ("Archives are online at https://example.org/fond/1937/list-4 for readers.", "https://example.org/fond/1937/list-4"),
    ("Call +7-495-1234567 for the reading room.", "+7-495-1234567"),
    ("The T-34 entered service before the war.", "T-34"),
    ("Conquest disputes the total.[30] Others agree.", "[30]"),
    ("Molotov was named in the Trial of the Twenty One records.", "Twenty One"),
    ("No treaty could bind a third power to the pact.", "a third"),
    ("The guns opened at a quarter past six.", "a quarter"),  # a clock time
    ("The courier was stopped twice on the road.", "twice"),  # occasions, not a multiple
    ("The envoy was a double agent for years.", "double"),
    ("Then a third armed column reached the river.", "a third"),  # an ordinal before a participle and its noun
    ("The fort stood a quarter mile from the ford.", "a quarter"),
    ("He ruled for a decade and a half before the war.", "a half"),
    ("Orlov 1953 pages 347 to 349 tell the story.", "1953"),
]


@pytest.mark.parametrize("text, expr", MORE_NOT_QUANTITIES, ids=[m[1] for m in MORE_NOT_QUANTITIES])
def test_more_not_quantities(text, expr):
    assert [q.text for q in overlapping(read(text), text, expr)] == []


# -- year-shaped counts ---------------------------------------------------------

@pytest.mark.parametrize(
    "text, expr, want",
    [
        ("The division lost more than 1500 men in a week.", "more than 1500", qualified(1500, "more_than", 1500, None)),
        ("The range of 1000-5000 rifles per factory was set.", "1000-5000", ranged(1000, 5000)),
        ("By then the army had 1940 tanks in the west.", "1940", exact(1940)),
    ],
    ids=["more than 1500", "1000-5000", "had 1940 tanks"],
)
def test_year_shaped_numbers_that_count(text, expr, want):
    check(quantity_at(text, expr), **want)


@pytest.mark.parametrize(
    "text, expr",
    [("In 1937 purges spread to the provinces.", "1937"), ("The 1936 constitution promised rights.", "1936")],
)
def test_year_shaped_numbers_that_are_years(text, expr):
    assert [q.text for q in overlapping(read(text), text, expr)] == []
    assert any(d.text.endswith(expr) for d in find_dates(text))


def test_every_span_is_the_exact_slice_of_the_text():
    text = ("About 3/4 of the 22,000 deportees, some 1.3 million in all, arrived; "
            "between five and seven million died, at most 40% of them children.")
    for q in read(text):
        assert text[q.start:q.end] == q.text


@pytest.mark.parametrize(
    "text, expr, want",
    [
        ("Wages were set from one thousand to one thousand and five hundred roubles.",
         "from one thousand to one thousand and five hundred roubles", ranged(1000, 1500, "RUB")),
        ("The plan ran for twenty-one years and six months in all.", "twenty-one years", exact(21, "year")),
    ],
    ids=["words range", "duration with words"],
)
def test_numbers_in_words_are_not_taken_for_dates(text, expr, want):
    check(quantity_at(text, expr), **want)
