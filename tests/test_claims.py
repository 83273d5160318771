import claimkit
import pandas as pd
import pytest
from claimkit import CLAIM_COLUMNS
from claimkit.store.table import to_records
from conftest import write

ESSAY = (
    "Historians have estimated that from 1934 to 1939 one million party members were arrested and executed. "
    "In this period perhaps 10 million were sent to labour camps.\n\n"
    "The worst years were the Yezhovshchina purges, in 1937 and 1938. "
    "Throughout the Yezhovshchina, 850,000 party members were purged4 from its ranks. "
    "Roughly 30,000 army officers were shot, which was 50% of the officer corps.\n"
)


@pytest.fixture(scope="module")
def claims(tmp_path_factory, nlp):
    path = write(tmp_path_factory.mktemp("claims") / "essay.txt", ESSAY)
    return claimkit.extract(path, nlp=nlp), path


def find(df, text):
    rows = df[df["text"] == text]
    assert len(rows) == 1, list(df["text"])
    return rows.iloc[0]


def test_claims_table_has_declared_columns_and_dtypes(claims):
    df, _ = claims
    assert list(df.columns) == list(CLAIM_COLUMNS)
    assert {c: str(t) for c, t in df.dtypes.items()} == CLAIM_COLUMNS


def test_claims_offsets_point_at_the_original_characters(claims):
    df, path = claims
    original = path.read_text(encoding="utf-8")
    assert len(df) > 5
    for row in df.itertuples():
        assert original[row.start:row.end] == row.text


def test_claims_frames_first_version(claims):
    df, _ = claims
    million = find(df, "one million")
    assert million.subject == "party members" and million.predicate_class == "arrested+executed"
    assert (million.period_start, million.period_end) == ("1934-01-01", "1939-12-31")
    assert million.certainty == "hedged" and not million.sourced
    ten = find(df, "10 million")
    assert pd.isna(ten.subject) and ten.predicate_class == "imprisoned"  # sent to the camps
    assert (ten.period_start, ten.period_end) == ("1934-01-01", "1939-12-31")  # "the same period"
    purged = find(df, "850,000")
    assert purged.predicate_class == "purged" and purged.footnote == "4" and purged.sourced
    assert (purged.period_start, purged.period_end) == ("1937-01-01", "1938-12-31")  # the named period
    share = find(df, "50%")
    assert share.subject == "officer corps" and share.base == "officer corps" and share.share == 50


def test_claims_ids_are_stable_across_runs(claims, nlp):
    df, path = claims
    again = claimkit.extract(path, nlp=nlp)
    assert list(again["claim_id"]) == list(df["claim_id"])
    assert df["claim_id"].is_unique


def test_claims_records_match_the_schema(claims):
    df, _ = claims
    claimkit.validate_records("claim", to_records(df))


def test_claims_extract_raises_on_a_bad_file(tmp_path, nlp):
    bad = write(tmp_path / "empty.txt", "")
    with pytest.raises(claimkit.SourceError, match="empty.txt"):
        claimkit.extract(bad, nlp=nlp)


def test_claims_deixis_counts_from_the_source_issued_date(tmp_path, nlp):
    """A dispatch dated in the catalog: its "yesterday" is the day before that date."""
    import json

    from claimkit import extract

    (tmp_path / "dispatch.txt").write_text("The ultimatum to Poland expired yesterday, the envoy wrote.\n", encoding="utf-8")
    (tmp_path / "catalog.json").write_text(json.dumps([{
        "id": "dispatch", "type": "article", "title": "A dispatch from Warsaw",
        "issued": {"date-parts": [[1939, 9, 1]]}}]), encoding="utf-8")
    table = extract(tmp_path, nlp=nlp)
    [row] = table[table["kind"] == "date"].itertuples()
    assert (row.text, row.date_start, row.date_end) == ("yesterday", "1939-08-31", "1939-08-31")


def test_claims_spelling_variants_of_a_name_share_one_key(tmp_path, nlp):
    from claimkit import extract

    (tmp_path / "a.txt").write_text("Lavrentiy Beria was arrested in Moscow on 26 June 1953.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Laventry Beria was arrested on 26 June 1953 at a Kremlin meeting.\n", encoding="utf-8")
    table = extract(tmp_path, nlp=nlp)
    events = table[table["kind"] == "event"]
    assert len(events) == 2
    keys = [row.participant_keys[0] for row in events.itertuples()]
    assert keys[0] == keys[1]
    assert {row.participants[0] for row in events.itertuples()} == {"Lavrentiy Beria", "Laventry Beria"}
