"""Every date form the grammar promises to read, one invented sentence each.

A companion to ``test_date_grammar.py``: the conventions of
``claimkit.grammar.dates`` (module docstring) and ``data/dates.json``, spelled
out form by form, with the interval (``date_start``, ``date_end``, inclusive;
None where open or unresolved), precision, approximate, modifier and the exact
span text asserted. Spans leave out a leading "the" or "in" unless it belongs
to a modifier ("the late thirties") or a day ("the 3rd of May 1937").

Sections: full dates; months and years; decades; centuries; seasons;
intervals; open bounds; context (partial and relative dates); reference date
(deictic words); not dates; the spaCy component; a source's own date.
"""

from __future__ import annotations

from datetime import date

import claimkit.nlp.dates  # noqa: F401  (registers the claimkit_dates factory)
import pytest
import spacy
from claimkit.grammar.dates import find_dates
from claimkit.read.sources import read_source

# -- helpers -------------------------------------------------------------

def overlapping(found, text: str, expr: str):
    assert text.count(expr) == 1, f"{expr!r} must occur once in {text!r}"
    s = text.index(expr)
    e = s + len(expr)
    return [d for d in found if d.start < e and s < d.end]


def date_at(text: str, expr: str, **kwargs):
    """The one date read where ``expr`` stands; its span must be exactly ``expr``."""
    found = find_dates(text, **kwargs)
    hits = overlapping(found, text, expr)
    assert hits, f"no date at {expr!r}; found {[d.text for d in found]}"
    assert len(hits) == 1, f"several dates at {expr!r}: {[d.text for d in hits]}"
    d = hits[0]
    assert text[d.start:d.end] == d.text
    assert d.text == expr, f"span {d.text!r}, expected {expr!r}"
    return d


def check(d, **want):
    """Compare the named fields of ``d``; report every mismatch at once."""
    wrong = {name: (getattr(d, name), value) for name, value in want.items() if getattr(d, name) != value}
    assert not wrong, "; ".join(f"{n}: got {g!r}, expected {w!r}" for n, (g, w) in wrong.items())


def interval(start, end, precision, *, approximate=False, modifier=None, relative=False):
    """Expected fields of a dated expression."""
    return dict(date_start=start, date_end=end, precision=precision, approximate=approximate,
                modifier=modifier, relative=relative)


def day(iso, **extra):
    return interval(iso, iso, "day", **extra)


def year(y, **extra):
    return interval(f"{y}-01-01", f"{y}-12-31", "year", **extra)


def ids(table):
    return [row[1] for row in table]


# -- full dates ----------------------------------------------------------

FULL_DATES = [
    ("The fighter squadrons over Kent were cheered in the Commons on August 20th 1940.",
     "August 20th 1940", day("1940-08-20")),
    ("The Prime Minister praised the pilots of Fighter Command on 20 August 1940.",
     "20 August 1940", day("1940-08-20")),
    ("Nationalist columns stood at the gates of Madrid on 26th March 1939.",
     "26th March 1939", day("1939-03-26")),
    ("The archive card dates the Moscow protocol 1939-08-23 and files it under foreign affairs.",
     "1939-08-23", day("1939-08-23")),
    ("A stamp reading 23.8.1939 marks the day the treaty reached the ministry.",
     "23.8.1939", day("1939-08-23")),
    ("Ribbentrop landed in Moscow on August 23, 1939, carrying full powers from Berlin.",
     "August 23, 1939", day("1939-08-23")),
    ("Street fighting broke out in Barcelona on the 3rd of May 1937 over the telephone exchange.",
     "the 3rd of May 1937", day("1937-05-03")),
    ("The Wehrmacht's tanks rolled over the Polish border on Sept. 1, 1939, before dawn.",
     "Sept. 1, 1939", day("1939-09-01")),
]


@pytest.mark.parametrize("text, expr, want", FULL_DATES, ids=ids(FULL_DATES))
def test_full_dates(text, expr, want):
    check(date_at(text, expr), **want)


# -- months and years ----------------------------------------------------

MONTHS_AND_YEARS = [
    ("Kirov was shot in a corridor of the Smolny in December 1934.",
     "December 1934", interval("1934-12-01", "1934-12-31", "month")),
    ("Grain procurement quotas for Ukraine were raised once more in 1932.",
     "1932", year(1932)),
    ("Tukhachevsky lectured the 1934 military soviet on mechanised warfare.",
     "1934", year(1934)),
]


@pytest.mark.parametrize("text, expr, want", MONTHS_AND_YEARS, ids=ids(MONTHS_AND_YEARS))
def test_months_and_years(text, expr, want):
    check(date_at(text, expr), **want)


# -- decades -------------------------------------------------------------
# Early, mid and late take the first, middle and last "third" of a decade as
# the grammar computes it (_thirds): four-year blocks that share their edge
# years, so early = 0-3, mid = 3-6, late = 6-9. A modifier makes the date approximate.

DECADES = [
    ("Show trials became a fixture of Soviet public life in the 1930s.",
     "1930s", interval("1930-01-01", "1939-12-31", "decade")),
    ("The metro stations of the 1930's were built as palaces for the workers.",
     "1930's", interval("1930-01-01", "1939-12-31", "decade")),
    ("Émigré journals of the 1930’s followed every trial from Paris.",
     "1930’s", interval("1930-01-01", "1939-12-31", "decade")),
    ("Shops in Moscow filled again in mid-1930s, once bread rationing ended.",
     "mid-1930s", interval("1933-01-01", "1936-12-31", "decade", approximate=True, modifier="mid")),
    ("Tractor stations spread across the steppe in early 1930s campaigns.",
     "early 1930s", interval("1930-01-01", "1933-12-31", "decade", approximate=True, modifier="early")),
    ("The purges thinned the officer corps badly in the late thirties.",
     "the late thirties", interval("1936-01-01", "1939-12-31", "decade", approximate=True, modifier="late")),
    ("Nepmen traders prospered in the twenties and vanished afterwards.",
     "twenties", interval("1920-01-01", "1929-12-31", "decade")),
]


@pytest.mark.parametrize("text, expr, want", DECADES, ids=ids(DECADES))
def test_decades(text, expr, want):
    check(date_at(text, expr), **want)


# -- centuries -----------------------------------------------------------
# BCE centuries cannot be Python dates; the issue wants them read anyway. The
# expected strings use astronomical year numbering (year 0 = 1 BCE, so 600 BCE
# = -0599 and 501 BCE = -0500), written ISO-style with a sign.

CENTURIES = [
    ("Soviet historians recast the Muscovite princes of the fourteenth century as state builders.",
     "fourteenth century", interval("1300-01-01", "1399-12-31", "century")),
    ("Stalin's new textbooks praised the tsarist generals of the 19th century.",
     "19th century", interval("1800-01-01", "1899-12-31", "century")),
    ("Mussolini's rallies borrowed the fasces of a Roman republic that legend dated to the sixth century BCE.",
     "sixth century BCE", interval("-0599-01-01", "-0500-12-31", "century")),
]


@pytest.mark.parametrize("text, expr, want", CENTURIES, ids=ids(CENTURIES))
def test_centuries(text, expr, want):
    check(date_at(text, expr), **want)


# -- seasons -------------------------------------------------------------
# Spring is March-May, autumn September-November; winter runs from December of
# its year into February of the next.

SEASONS = [
    ("Dekulakisation brigades worked through the winter of 1929-1930 in the Kuban.",
     "winter of 1929-1930", interval("1929-12-01", "1930-02-28", "season")),
    ("Bukharin's fate was sealed at the plenum in the spring of 1937.",
     "spring of 1937", interval("1937-03-01", "1937-05-31", "season")),
    ("The hungry winter of 1932 emptied the villages of the Volga.",
     "winter of 1932", interval("1932-12-01", "1933-02-28", "season")),
    ("Chamberlain flew to Germany three times in autumn 1938.",
     "autumn 1938", interval("1938-09-01", "1938-11-30", "season")),
]


@pytest.mark.parametrize("text, expr, want", SEASONS, ids=ids(SEASONS))
def test_seasons(text, expr, want):
    check(date_at(text, expr), **want)


# -- intervals -----------------------------------------------------------

INTERVALS = [
    ("Between 1934 and 1939 the NKVD grew into a state within the state.",
     "Between 1934 and 1939", interval("1934-01-01", "1939-12-31", "year")),
    ("Two commissars ran the security police in turn from 1934 to 1939.",
     "from 1934 to 1939", interval("1934-01-01", "1939-12-31", "year")),
    ("The mass operations of 1937-38 reached every province of the union.",
     "1937-38", interval("1937-01-01", "1938-12-31", "year")),
    ("Historians call the terror of 1937–1938 the Yezhovshchina.",
     "1937–1938", interval("1937-01-01", "1938-12-31", "year")),
    ("Collectivisation reached its first, chaotic peak in 1930-31.",
     "1930-31", interval("1930-01-01", "1931-12-31", "year")),
    ("The Republic lost ground in every campaign of 1937-9 in Spain.",
     "1937-9", interval("1937-01-01", "1939-12-31", "year")),
    ("The Spanish gold was sold off to Moscow in stages, December 1936 to November 1938.",
     "December 1936 to November 1938", interval("1936-12-01", "1938-11-30", "month")),
    ("The party expelled oppositionists during 1924 and 1936 in waves of purges.",
     "1924 and 1936", interval("1924-01-01", "1936-12-31", "year")),
]


@pytest.mark.parametrize("text, expr, want", INTERVALS, ids=ids(INTERVALS))
def test_intervals(text, expr, want):
    check(date_at(text, expr), **want)


# -- open bounds ---------------------------------------------------------

OPEN_BOUNDS = [
    ("Most of the old Bolsheviks were in prison by the spring of 1937.",
     "by the spring of 1937", interval(None, "1937-05-31", "season", modifier="by")),
    ("Few of the new factory directors had held any post before 1917.",
     "before 1917", interval(None, "1916-12-31", "year", modifier="before")),
    ("The camps swelled again after 1945 with returning prisoners of war.",
     "after 1945", interval("1946-01-01", None, "year", modifier="after")),
    ("The kolkhoz had been short of horses ever since 1929.",
     "since 1929", interval("1929-01-01", None, "year", modifier="after")),
]


@pytest.mark.parametrize("text, expr, want", OPEN_BOUNDS, ids=ids(OPEN_BOUNDS))
def test_open_bounds(text, expr, want):
    check(date_at(text, expr), **want)


# -- context: partial dates take the year of the nearest earlier date -------

PARTIAL = [
    # text, partial date, the earlier date it takes its year from, expected
    ("The invasion plans were finalised on 15 August 1939, and the last troop trains "
     "reached the border on August 31st.",
     "August 31st", "15 August 1939", day("1939-08-31")),
    ("The Republic's fortunes turned in 1937. In May Largo Caballero resigned as prime minister.",
     "May", "1937", interval("1937-05-01", "1937-05-31", "month")),
    ("Japan took Nanking in December 1937, and Soviet troops fought at Lake Khasan in 1938. "
     "On August 11th an armistice ended the fighting.",
     "August 11th", "1938", day("1938-08-11")),
]


@pytest.mark.parametrize("text, expr, anchor, want", PARTIAL, ids=ids(PARTIAL))
def test_partial_dates_take_the_year_of_the_nearest_earlier_date(text, expr, anchor, want):
    d = date_at(text, expr)
    check(d, anchor=text.index(anchor), **want)


# -- context: relative dates count from the nearest earlier date ------------

RELATIVE = [
    # text, relative expression, the earlier date it counts from, expected
    ("Tukhachevsky was shot in June 1937. Three years later the Red Army floundered in Finland.",
     "Three years later", "June 1937", year(1940, relative=True)),
    ("Germany invaded Poland on 1 September 1939; the next day the Polish ambassador pressed London to act.",
     "the next day", "1 September 1939", day("1939-09-02", relative=True)),
    ("Kirov was murdered on 1 December 1934. The day before, he had worked late at the Smolny.",
     "The day before", "1 December 1934", day("1934-11-30", relative=True)),
    ("Stalin received Ribbentrop on 23 August 1939; four days before, a trade agreement had been signed in Berlin.",
     "four days before", "23 August 1939", day("1939-08-19", relative=True)),
]


@pytest.mark.parametrize("text, expr, anchor, want", RELATIVE, ids=ids(RELATIVE))
def test_relative_dates_resolve_against_the_nearest_earlier_date(text, expr, anchor, want):
    d = date_at(text, expr)
    check(d, anchor=text.index(anchor), **want)


UNRESOLVED = [
    # no earlier date to count from
    ("Three years later the famine returned to the steppe.", "Three years later", "year"),
    ("The next day the delegates went home to their districts.", "The next day", "day"),
    ("Four days before, the harvest brigades had been disbanded.", "Four days before", "day"),
    # measured from an event the text names, not from the date before it
    ("The evacuation order was signed on 30 June 1941, the day before the German army reached Riga.",
     "the day before", "day"),
]


UNRESOLVED_IDS = ["no date before: three years later", "no date before: the next day",
                  "no date before: four days before", "the day before <event>"]


@pytest.mark.parametrize("text, expr, precision", UNRESOLVED, ids=UNRESOLVED_IDS)
def test_relative_dates_without_a_date_to_count_from_stay_unresolved(text, expr, precision):
    d = date_at(text, expr)
    check(d, **interval(None, None, precision, relative=True), anchor=None)


# -- reference date: the day the text was written ------------------------------
# 1 September 1939 was a Friday: its week runs Monday 28 August - Sunday 3 September.

REFERENCE = date(1939, 9, 1)


def test_a_partial_date_with_no_earlier_year_takes_the_reference_year():
    text = "On 3 September the ultimatum expired and Britain was at war."
    d = date_at(text, "3 September", reference=REFERENCE)
    check(d, **day("1939-09-03"), anchor=None)


def test_an_earlier_year_in_the_text_wins_over_the_reference():
    text = "The pact was drafted in 1937. In May the envoys met again."
    d = date_at(text, "May", reference=REFERENCE)
    check(d, **interval("1937-05-01", "1937-05-31", "month"), anchor=text.index("1937"))


def test_a_partial_date_without_year_or_reference_stays_unresolved():
    d = date_at("On 3 September the ultimatum expired and Britain was at war.", "3 September")
    check(d, date_start=None, date_end=None, precision="day", anchor=None)


DEICTIC = [
    ("Polish officials said the radio station at Gleiwitz was attacked yesterday.",
     "yesterday", day("1939-08-31", relative=True)),
    ("German troops crossed the Polish frontier at dawn today.",
     "today", day("1939-09-01", relative=True)),
    ("Parliament will be recalled tomorrow to hear the Prime Minister.",
     "tomorrow", day("1939-09-02", relative=True)),
    ("The evacuation of London's schoolchildren is to be completed next week.",
     "next week", interval("1939-09-04", "1939-09-10", "week", relative=True)),
    ("The pact with Moscow was signed in the Kremlin last month.",
     "last month", interval("1939-08-01", "1939-08-31", "month", relative=True)),
    ("Rationing of butter and bacon is expected to begin next year.",
     "next year", year(1940, relative=True)),
]


@pytest.mark.parametrize("text, expr, want", DEICTIC, ids=ids(DEICTIC))
def test_deictic_words_resolve_from_the_reference(text, expr, want):
    check(date_at(text, expr, reference=REFERENCE), **want, anchor=None)


@pytest.mark.parametrize("text, expr, want", DEICTIC, ids=ids(DEICTIC))
def test_deictic_words_without_a_reference_stay_unresolved(text, expr, want):
    check(date_at(text, expr), date_start=None, date_end=None, relative=True, anchor=None)


# -- not dates -------------------------------------------------------------

NOT_DATES = [
    # year-shaped or numbered, but not years
    ("The census of 1937 counted 1,548,367 fewer herders than the plan allowed.", "1,548,367"),
    ("Boys in grade 12 were drafted straight from the classroom.", "grade 12"),
    ("Recruits aged 12 were sent to the labour reserve schools.", "aged 12"),
    ("Yezhov signed Order No. 00447 at the end of July.", "Order No. 00447"),
    ("The protocol is reproduced on page 1937 of the collected documents.", "page 1937"),
    ("Veterans of World War Two seldom spoke of the camps.", "World War Two"),
    # durations
    ("The siege of the outer forts dragged on for eighteen months.", "eighteen months"),
    ("Warsaw and Berlin had signed a ten-year pact of non-aggression.", "a ten-year pact"),
    ("The accused spent 16 months in the Lubyanka before the trial.", "16 months"),
    # counts
    ("The division crossed the river with more than 1500 soldiers.", "more than 1500 soldiers"),
    ("On paper the army had 1940 tanks on the western frontier.", "the army had 1940 tanks"),
]


@pytest.mark.parametrize("text, expr", NOT_DATES, ids=ids(NOT_DATES))
def test_not_dates(text, expr):
    assert [d.text for d in overlapping(find_dates(text), text, expr)] == []


# -- the spaCy component ---------------------------------------------------

FIELDS = ("date_start", "date_end", "precision", "approximate", "modifier", "relative", "anchor")


@pytest.fixture(scope="module")
def blank_dates():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimkit_dates")
    return nlp


def test_component_spans_carry_the_grammar_fields(blank_dates):
    text = ("Tukhachevsky was shot in June 1937. Three years later the Red Army floundered in Finland, "
            "and by the spring of 1941 the purged officer corps of the late thirties was sorely missed.")
    doc = blank_dates(text)
    spans = doc.spans["dates"]
    found = find_dates(text)
    assert [s.text for s in spans] == [d.text for d in found] == [
        "June 1937", "Three years later", "by the spring of 1941", "the late thirties"]
    for span, d in zip(spans, found):
        assert (span.start_char, span.end_char) == (d.start, d.end)
        assert {f: getattr(span._, f) for f in FIELDS} == {f: getattr(d, f) for f in FIELDS}


def test_component_span_extensions_hold_interval_modifier_and_anchor(blank_dates):
    text = "Kirov was murdered on 1 December 1934. The day before, he had worked late, in the mid-1930s style."
    doc = blank_dates(text)  # keep the Doc alive while its spans are read
    spans = {s.text: s for s in doc.spans["dates"]}
    check(spans["The day before"]._, **day("1934-11-30", relative=True), anchor=text.index("1 December 1934"))
    check(spans["the mid-1930s"]._, **interval("1933-01-01", "1936-12-31", "decade", approximate=True, modifier="mid"),
          anchor=None)


# -- a source's own date -----------------------------------------------------

ARTICLE_HTML = (
    "<html><head><title>The Moscow Trials</title></head><body><article>"
    "<h1>The Moscow Trials</h1>"
    "<p>In August 1936 Zinoviev and Kamenev stood before the Military Collegium and confessed.</p>"
    "<p>Both men were shot within a day of the verdict, and the next trial opened in January 1937.</p>"
    "<p>January 2013</p>"
    "</article></body></html>"
)
ARTICLE_TXT = (
    "In August 1936 Zinoviev and Kamenev stood before the Military Collegium and confessed.\n\n"
    "Both men were shot within a day of the verdict, and the next trial opened in January 1937.\n\n"
    "January 2013\n"
)
ARTICLES = [("article.html", ARTICLE_HTML), ("article.txt", ARTICLE_TXT)]


@pytest.mark.parametrize("name, content", ARTICLES, ids=[a[0] for a in ARTICLES])
def test_a_trailing_dateline_is_the_sources_issued_date(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    source = read_source(path)
    assert (source.issued, source.issued_from) == ("2013-01", "text")
    assert "2013" not in source.text
    datelines = [e for e in source.excluded if e["reason"] == "dateline"]
    assert [source.original[e["start"]:e["end"]] for e in datelines] == ["January 2013"]


@pytest.mark.parametrize("name, content", ARTICLES, ids=[a[0] for a in ARTICLES])
def test_a_trailing_dateline_is_not_a_date_claim(tmp_path, nlp, name, content):
    import claimkit

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    claims = claimkit.extract(path, nlp=nlp)
    dates = claims[claims["kind"] == "date"]
    assert "January 2013" not in list(dates["text"])
    assert not any(str(s).startswith("2013") for s in dates["date_start"].dropna())
    # the article's own dates are still claims
    assert {"August 1936", "January 1937"} <= set(dates["text"])
