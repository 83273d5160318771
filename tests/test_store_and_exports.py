import json

import claimkit
import duckdb
import pandas as pd
import pytest
from claimkit.store import database as store
from claimkit.store import exports
from claimkit.store.schemas import validate_records
from claimkit.store.table import to_records
from conftest import ROOT, write


def test_audit_writes_every_output_and_each_matches_its_schema(demo_audit):
    out = demo_audit.outputs
    for name in ("claims.jsonl", "claims.csv", "disagreements.jsonl", "disagreements.csv", "sources.jsonl", "sources.csv",
                 "verdicts.jsonl", "verdicts.csv", "names.jsonl", "names.csv", "database"):
        assert out[name].exists(), name
    for name, schema in (("claims", "claim"), ("disagreements", "disagreement"), ("sources", "source"),
                         ("verdicts", "verdict")):
        records = [json.loads(line) for line in out[f"{name}.jsonl"].read_text(encoding="utf-8").splitlines()]
        assert records, name
        validate_records(schema, records)
    validate_records("claim", to_records(exports.read_table(out["claims.csv"], "claims")))
    validate_records("disagreement", to_records(exports.read_table(out["disagreements.csv"], "disagreements")))
    sources_csv = pd.read_csv(out["sources.csv"])
    assert set(sources_csv["source_id"]) == {s.source_id for s in demo_audit.sources}


def test_exports_parquet_round_trip_matches_the_schema(demo_audit, tmp_path):
    path = tmp_path / "claims.parquet"
    exports.write_table(demo_audit.claims, path, "parquet")
    back = exports.read_table(path, "claims")
    validate_records("claim", to_records(back))
    assert list(back["claim_id"]) == list(demo_audit.claims["claim_id"])


def test_store_tables_match_the_schemas(demo_audit):
    db = demo_audit.outputs["database"]
    validate_records("claim", to_records(store.load(db, "claims")))
    validate_records("disagreement", to_records(store.load(db, "disagreements")))
    verdicts = store.load(db, "verdicts")
    validate_records("verdict", to_records(verdicts))
    assert set(verdicts["claim_id"]) == set(demo_audit.verdicts["claim_id"])
    validate_records("name-check", to_records(store.load(db, "name_checks")))
    con = duckdb.connect(str(db), read_only=True)
    n = con.execute("SELECT count(*) FROM sources").fetchone()[0]
    con.close()
    assert n == len(demo_audit.sources)


def test_store_rerun_replaces_rows_and_never_duplicates(tmp_path, nlp):
    essay = write(tmp_path / "in" / "essay.txt", "In 1937-38 about 680,000 people were shot.")
    claimkit.audit([essay.parent], out_dir=tmp_path / "out", nlp=nlp)
    first = store.load(tmp_path / "out" / "claims.duckdb")
    claimkit.audit([essay.parent], out_dir=tmp_path / "out", nlp=nlp)
    second = store.load(tmp_path / "out" / "claims.duckdb")
    assert len(first) == len(second) > 0
    write(essay, "In 1937-38 about 750,000 people were shot, and 1.5 million arrested.")
    claimkit.audit([essay.parent], out_dir=tmp_path / "out", nlp=nlp)
    third = store.load(tmp_path / "out" / "claims.duckdb")
    assert "750,000" in " ".join(third["text"]) and "680,000" not in " ".join(third["text"])


def test_store_failed_save_leaves_previous_contents(tmp_path, demo_audit):
    db = tmp_path / "claims.duckdb"
    records = [s.to_record() for s in demo_audit.sources]
    store.save(db, records, demo_audit.claims)
    before = store.load(db)

    def broken(*_tables):
        raise RuntimeError("comparison failed half way")

    with pytest.raises(RuntimeError):
        store.save(db, records[:1], demo_audit.claims[demo_audit.claims.source_id == records[0]["source_id"]], compare_all=broken)
    after = store.load(db)
    assert len(after) == len(before)


def test_exports_are_atomic(tmp_path):
    target = tmp_path / "claims.jsonl"
    target.write_text("old\n")
    with pytest.raises(RuntimeError):
        with exports.atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("disk full")
    assert target.read_text() == "old\n"
    assert list(tmp_path.iterdir()) == [target]


def test_demo_corpus_catalog_is_valid_csl_json():
    from claimkit.read.catalog import load_catalog

    catalog = load_catalog(ROOT / "sources" / "catalog.json")
    assert catalog.errors == []
    stems = {p.stem for p in (ROOT / "sources").glob("*.txt")}
    assert set(catalog.entries) == stems


def test_store_disagreements_cover_every_stored_source_whether_computed_once_or_again(tmp_path, nlp):
    write(tmp_path / "a" / "first.txt", "In 1937-38 about 680,000 people were executed.")
    write(tmp_path / "b" / "second.txt", "In 1937-38 about 750,000 people were executed.")
    out = tmp_path / "out"
    first = claimkit.audit([tmp_path / "a"], out_dir=out, nlp=nlp)
    stored = store.load(out / "claims.duckdb", "disagreements")
    assert set(stored["pair_id"]) == set(first.disagreements["pair_id"])  # the run's own table, stored once
    second = claimkit.audit([tmp_path / "b"], out_dir=out, nlp=nlp)
    both = store.load(out / "claims.duckdb", "disagreements")
    assert len(second.disagreements) == 0 or set(second.disagreements["pair_id"]) <= set(both["pair_id"])
    across = both[(both["source_a"] != both["source_b"])]
    assert len(across) >= 1  # computed again over both runs' claims: the two figures meet
