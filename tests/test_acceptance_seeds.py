"""The seed essays, audited end to end (skipped when ../shared/seeds is not there)."""

import re

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
