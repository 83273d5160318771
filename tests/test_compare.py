import pytest
from claimkit import compare
from claimkit.table import claims_frame

BASE = dict(kind="quantity", sentence="", qualifier="exact", unit="count", certainty="asserted", sourced=False)


def claim(cid, source, text, value, subject="party members", key="party member", low=None, high=None, **kw):
    return dict(BASE, claim_id=cid, source_id=source, text=text, start=0, end=len(text), value=value,
                low=value if low is None else low, high=value if high is None else high,
                subject=subject, subject_key=key, **kw)


def test_compare_flags_scope_differs_with_reasons():
    df = claims_frame([
        claim("a" * 16, "essay-a", "one million", 1e6, predicate="arrested and executed",
              predicate_class="arrested+executed", period_start="1934-01-01", period_end="1939-12-31"),
        claim("b" * 16, "essay-b", "850,000", 850000, predicate="purged", predicate_class="purged",
              period_start="1937-01-01", period_end="1938-12-31"),
    ])
    [row] = compare(df).to_dict("records")
    assert row["status"] == "scope_differs" and row["flagged"]
    assert row["reasons"] == ["value", "predicate", "period"]
    assert "essay-a" in row["explanation"] and "essay-b" in row["explanation"]
    assert "one million" in row["explanation"] and "850,000" in row["explanation"]
    assert row["relative_difference"] == pytest.approx(0.15)


def test_compare_conflict_when_only_the_value_differs():
    df = claims_frame([
        claim("a" * 16, "essay-a", "680,000", 680000, predicate_class="executed"),
        claim("b" * 16, "essay-b", "about 750,000", 750000, low=700000, high=720000, predicate_class="executed"),
    ])
    [row] = compare(df).to_dict("records")
    assert (row["status"], row["reasons"]) == ("conflict", ["value"])


def test_compare_overlapping_intervals_agree():
    df = claims_frame([
        claim("a" * 16, "essay-a", "50%", 50, unit="percent", subject="officer corps", key="officer corps"),
        claim("b" * 16, "essay-b", "as much as half", 50, unit="percent", subject="officer corps",
              key="officer corps", low=None, high=50, qualifier="at_most"),
    ])
    df.loc[1, "low"] = None
    [row] = compare(df).to_dict("records")
    assert row["status"] == "agree" and not row["flagged"]


def test_compare_does_not_align_different_counts_or_units():
    df = claims_frame([
        claim("a" * 16, "essay-a", "ten million", 1e7, subject="kulaks", key="kulak"),
        claim("b" * 16, "essay-b", "10 million", 1e7, subject="prisoners", key="prisoner"),
        claim("c" * 16, "essay-c", "10%", 10, unit="percent", subject="prisoners", key="prisoner"),
        claim("d" * 16, "essay-a", "9 million", 9e6, subject="kulaks", key="kulak"),
    ])
    assert compare(df).empty
