"""The seed essays, audited end to end (skipped when ../shared/seeds is not there)."""

import re

import claimkit
import pandas as pd
import pytest
from conftest import SEEDS


def originals():
    return {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}


def test_seeds_claims_point_at_the_original_text(seeds_audit):
    texts = originals()
    assert len(seeds_audit.claims) > 20
    for row in seeds_audit.claims.itertuples():
        assert texts[row.source_id][row.start:row.end] == row.text


def test_seeds_no_claim_comes_from_excluded_boilerplate(seeds_audit):
    excluded = {s.source_id: [(e["start"], e["end"]) for e in s.excluded] for s in seeds_audit.sources}
    assert any(excluded.values())
    for row in seeds_audit.claims.itertuples():
        assert not any(s <= row.start < e for s, e in excluded[row.source_id])
    # prices of an essay site's advert ("$16.38") are never claims
    assert not (seeds_audit.claims["unit"] == "USD").any()


def test_seeds_no_footnote_digit_is_glued_into_a_number(seeds_audit):
    markers = {s.source_id: {(f["start"], f["end"]) for f in s.footnotes} for s in seeds_audit.sources}
    for row in seeds_audit.claims.itertuples():
        for start, _end in markers[row.source_id]:
            assert not (row.start <= start < row.end), (row.text, start)
        # a figure written in words never ends in a digit ("twenty million5")
        if re.search(r"[a-z]\d+$", row.text):
            raise AssertionError(row.text)
    # "10 million1." reads as ten million, not 10,000,0001 or 101 million
    big = seeds_audit.claims[(seeds_audit.claims["kind"] == "quantity") & (seeds_audit.claims["value"] >= 1_000_000)]
    assert len(big) and (big["value"] % 10_000 == 0).all()


def test_seeds_headline_disagreement_is_flagged(seeds_audit):
    claims = seeds_audit.claims.set_index("claim_id")
    found = []
    for row in seeds_audit.disagreements.itertuples():
        pair = {claims.loc[row.a, "value"], claims.loc[row.b, "value"]}
        if pair == {1_000_000, 850_000} and row.flagged:
            found.append(row)
    assert found, seeds_audit.disagreements[["text_a", "text_b", "status"]]
    row = found[0]
    assert row.status == "scope_differs"
    assert {"predicate", "period"} <= set(row.reasons)


# The figures the quantities issue names, read where they stand in the seed essays:
# (phrase as written, fields the claim at that place must have).
ISSUE_FIGURES = [
    ("as much as half", dict(qualifier="at_most", low=None, high=50, unit="percent")),
    ("exceeded seven million and may have reached twenty million",
     dict(qualifier="range", low=7_000_000, high=20_000_000, hedge="may have")),
    ("three out of five", dict(part=3, whole=5, share=60)),
    ("Thirteen out of fifteen", dict(part=13, whole=15)),
    ("110 out of 195", dict(part=110, whole=195)),
    ("All eleven", dict(part=11, whole=11, share=100)),
    ("only five", dict(part=5, whole=80)),
    ("Seventy per cent", dict(value=70, unit="percent")),
    ("about 1,250,000", dict(qualifier="approximate", low=1_125_000, high=1_375_000)),
    ("more than 10 million", dict(qualifier="more_than", low=10_000_000, high=None)),
    ("ten-year", dict(value=10, unit="year")),
    ("eighteen months", dict(value=18, unit="month")),
    ("12", dict(value=12, unit="age")),
]
NOT_FIGURES = ["seventeenth", "pages 347 to 349", "World War"]


def _quantity_at(seeds_audit, phrase):
    texts = originals()
    q = seeds_audit.claims[seeds_audit.claims["kind"] == "quantity"]
    hits = []
    for source_id, text in texts.items():
        for m in re.finditer(re.escape(phrase), text):
            rows = q[(q["source_id"] == source_id) & (q["start"] < m.end()) & (q["end"] > m.start())]
            hits.extend(rows.itertuples())
    return hits


def test_seeds_issue_figures_have_their_reading(seeds_audit):
    for phrase, want in ISSUE_FIGURES:
        hits = _quantity_at(seeds_audit, phrase)
        assert hits, f"no quantity claim at {phrase!r}"
        for row in hits:
            for name, value in want.items():
                got = getattr(row, name)
                if value is None:
                    assert pd.isna(got), (phrase, name, got)
                elif isinstance(value, str):
                    assert got == value, (phrase, name, got)
                else:
                    assert abs(got - value) < 1e-6 * max(1, abs(value)), (phrase, name, got)


def test_seeds_names_ordinals_and_page_ranges_are_no_quantities(seeds_audit):
    for phrase in NOT_FIGURES:
        assert not _quantity_at(seeds_audit, phrase), phrase


def _dates_at(seeds_audit, phrase):
    texts = originals()
    d = seeds_audit.claims[seeds_audit.claims["kind"] == "date"]
    hits = []
    for source_id, text in texts.items():
        for m in re.finditer(re.escape(phrase), text):
            rows = d[(d["source_id"] == source_id) & (d["start"] < m.end()) & (d["end"] > m.start())]
            hits.extend(rows.itertuples())
    return hits


def test_seeds_named_dates_have_their_interval(seeds_audit):
    [ratified] = _dates_at(seeds_audit, "August 31st")
    assert (ratified.date_start, ratified.date_end, ratified.precision) == ("1939-08-31", "1939-08-31", "day")
    [winter] = _dates_at(seeds_audit, "winter of 1929-1930")
    assert (winter.date_start, winter.date_end, winter.precision) == ("1929-12-01", "1930-02-28", "season")


def test_seeds_no_bare_number_becomes_a_date(seeds_audit):
    """A date claim names a year, a month, a season, a decade or a relative day; never a bare count."""
    dates = seeds_audit.claims[seeds_audit.claims["kind"] == "date"]
    for text in dates["text"]:
        assert re.search(r"\d{4}|[A-Za-z]{3,}", text), text
        assert not re.fullmatch(r"\d{1,3}(,\d{3})*", text), text


def test_seeds_claim_frames_of_the_headline_figures(seeds_audit):
    [million] = _quantity_at(seeds_audit, "one million")
    assert million.subject == "party members" and set(million.predicate_class.split("+")) == {"arrested", "executed"}
    assert (million.period_start, million.period_end) == ("1934-01-01", "1939-12-31")
    assert million.certainty == "hedged" and not million.sourced
    [purged] = _quantity_at(seeds_audit, "850,000")
    assert purged.subject == "party members" and purged.predicate_class == "purged"
    assert (purged.period_start, purged.period_end) == ("1937-01-01", "1938-12-31")  # the essay's own Yezhovshchina
    assert purged.footnote and purged.sourced
    [marshals] = _quantity_at(seeds_audit, "three out of five")
    assert marshals.subject.lower() == "marshals" and (marshals.part, marshals.whole) == (3, 5)


def test_seeds_trotsky_murder_is_an_event_claim(seeds_audit):
    events = seeds_audit.claims[seeds_audit.claims["kind"] == "event"]
    murders = events[(events["predicate_class"] == "killed") & (events["date_start"] == "1940-08-20")]
    assert len(murders) == 1
    assert any("Trotsky" in p for p in murders.iloc[0]["participants"])


def test_seeds_cited_work_is_in_the_citations_table_and_its_year_is_no_date(seeds_audit, tmp_path):
    from claimkit.extract.claims import citations_of

    table = citations_of(seeds_audit.sources)
    orlov = table[table["author"].fillna("").str.contains("Orlov")]
    assert len(orlov) == 1 and orlov.iloc[0]["year"] == 1953 and orlov.iloc[0]["pages"] == "347-349"
    texts = originals()
    row = orlov.iloc[0]
    assert texts[row["source_id"]][row["start"]:row["end"]] == row["text"]
    dates = seeds_audit.claims[seeds_audit.claims["kind"] == "date"]
    assert "1953" not in set(dates["text"])


def _pair(seeds_audit, phrase_a, phrase_b):
    """Disagreement rows between the claims at two phrases of the seed essays."""
    a = {c.claim_id for c in _quantity_at(seeds_audit, phrase_a)}
    b = {c.claim_id for c in _quantity_at(seeds_audit, phrase_b)}
    assert a and b, (phrase_a, phrase_b)
    d = seeds_audit.disagreements
    rows = d[(d["a"].isin(a) & d["b"].isin(b)) | (d["a"].isin(b) & d["b"].isin(a))]
    together = [g for g in seeds_audit.groups.itertuples() if a & set(g.members) and b & set(g.members)]
    if rows.empty and together:  # a plain agreement stays inside its group: its pairs come on demand
        every = claimkit.pairs_of(seeds_audit.claims, together[0].members)
        rows = every[(every["a"].isin(a) & every["b"].isin(b)) | (every["a"].isin(b) & every["b"].isin(a))]
    return rows


def test_seeds_headline_explanation_names_both_sources_and_figures(seeds_audit):
    [row] = _pair(seeds_audit, "one million", "850,000").itertuples()
    assert row.status == "scope_differs" and {"predicate", "period"} <= set(row.reasons)
    for part in (row.source_a, row.source_b, "“one million”", "“850,000”", "1934–1939", "1937–1938"):
        assert part in row.explanation


def test_seeds_fifty_percent_and_as_much_as_half_agree(seeds_audit):
    [row] = _pair(seeds_audit, "50%", "as much as half").itertuples()
    assert row.status == "agree" and not row.flagged


def test_seeds_gulag_figures_agree(seeds_audit):
    [row] = _pair(seeds_audit, "10 million were sent", "exceeded seven million").itertuples()
    assert row.status == "agree"


@pytest.mark.parametrize("one, other", [("three out of five", "Thirteen out of fifteen"),
                                        ("10 million were sent", "more than 10 million")])
def test_seeds_figures_that_share_a_number_but_not_a_count_are_not_aligned(seeds_audit, one, other):
    assert _pair(seeds_audit, one, other).empty


def test_seeds_trotsky_murder_is_checked_against_the_reference_with_its_citation(seeds_audit):
    v = seeds_audit.verdicts
    events = seeds_audit.claims[(seeds_audit.claims["kind"] == "event") & (seeds_audit.claims["date_start"] == "1940-08-20")]
    checked = v[v["claim_id"].isin(events["claim_id"])].set_index("reference_id")
    assert checked.loc["trotsky-attacked", "verdict"] == "supported"
    assert "Service" in checked.loc["trotsky-attacked", "citation_text"]
    assert "trotsky-died" not in checked.index  # the death on the 21st is another event than the attack


def test_seeds_misspelt_beria_is_reported_with_the_reference_spelling(seeds_audit):
    names = seeds_audit.names
    [row] = names[names["text"] == "Laventry Beria"].itertuples()
    assert row.reference_name == "Lavrentiy Beria"
    assert originals()[row.source_id][row.start:row.end] == "Laventry Beria"
