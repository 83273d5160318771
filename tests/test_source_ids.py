"""Source ids: one per file, never shared; copies stay two sources; same names in two folders both kept."""

import json

import claimkit
from claimkit.read.files import Found, assign_ids
from claimkit.store import database as store
from conftest import write

ESSAY = "In 1937-38 about 680,000 people were shot. In 1938 about 750,000 were arrested.\n"
OTHER = "In 1937-38 about 700,000 people were shot.\n"


def _found(root, *names):
    return [Found(root / n, root, True) for n in names]


def test_source_ids_are_stems_where_unambiguous_and_paths_where_not(tmp_path):
    files = _found(tmp_path, "year10/essay.txt", "year11/essay.txt", "notes.md", "notes.txt", "lone.txt")
    ids = assign_ids(files)
    assert sorted(ids.values()) == ["lone", "notes.md", "notes.txt", "year10/essay", "year11/essay"]


def test_source_ids_never_take_an_id_stored_for_another_file(tmp_path):
    [file] = _found(tmp_path, "b/essay.txt")
    ids = assign_ids([file], stored={"essay": str(tmp_path / "a" / "essay.txt")})
    assert ids[file.path] == "b/essay"
    [again] = _found(tmp_path, "a/essay.txt")  # the stored file keeps its id, whatever else is audited
    both = assign_ids([again, file], stored={"essay": str(tmp_path / "a" / "essay.txt")})
    assert both == {again.path: "essay", file.path: "b/essay"}


def test_source_ids_same_name_in_two_folders_keeps_both(tmp_path, nlp):
    write(tmp_path / "in" / "year10" / "essay.txt", ESSAY)
    write(tmp_path / "in" / "year11" / "essay.txt", OTHER)
    result = claimkit.audit([tmp_path / "in"], out_dir=tmp_path / "out", nlp=nlp)
    assert sorted(s.source_id for s in result.sources) == ["year10/essay", "year11/essay"]
    stored = store.load(tmp_path / "out" / "claims.duckdb")
    assert set(stored["source_id"]) == {"year10/essay", "year11/essay"}
    assert "700,000" in " ".join(stored["text"]) and "680,000" in " ".join(stored["text"])


def test_source_ids_a_later_run_never_replaces_another_folders_file(tmp_path, nlp):
    write(tmp_path / "class-a" / "essay.txt", ESSAY)
    write(tmp_path / "class-b" / "essay.txt", OTHER)
    out = tmp_path / "out"
    claimkit.audit([tmp_path / "class-a"], out_dir=out, nlp=nlp)
    second = claimkit.audit([tmp_path / "class-b"], out_dir=out, nlp=nlp)
    assert [s.source_id for s in second.sources] != ["essay"]
    stored = store.load(out / "claims.duckdb")
    assert stored["source_id"].nunique() == 2
    assert "680,000" in " ".join(stored["text"]) and "700,000" in " ".join(stored["text"])
    again = claimkit.audit([tmp_path / "class-a"], out_dir=out, nlp=nlp)  # re-auditing keeps the first id
    assert [s.source_id for s in again.sources] == ["essay"]
    assert store.load(out / "claims.duckdb")["source_id"].nunique() == 2


def test_source_ids_identical_texts_are_two_sources_with_their_own_claims(tmp_path, nlp):
    write(tmp_path / "in" / "anna.txt", ESSAY)
    write(tmp_path / "in" / "ben.txt", ESSAY)
    result = claimkit.audit([tmp_path / "in"], out_dir=tmp_path / "out", nlp=nlp)
    claims = result.claims
    assert set(claims["source_id"]) == {"anna", "ben"}
    anna, ben = (claims[claims["source_id"] == s] for s in ("anna", "ben"))
    assert len(anna) == len(ben) > 0 and not set(anna["claim_id"]) & set(ben["claim_id"])
    assert claims["claim_id"].is_unique
    assert result.disagreements["pair_id"].is_unique
    assert not result.disagreements["flagged"].any()  # a copy agrees with itself
    records = {r["source_id"]: r for r in map(json.loads, (tmp_path / "out" / "sources.jsonl").read_text().splitlines())}
    assert records["anna"]["same_text_as"] == ["ben"] and records["ben"]["same_text_as"] == ["anna"]


def test_source_ids_a_copy_audited_later_evicts_nothing_and_is_marked(tmp_path, nlp):
    out = tmp_path / "out"
    write(tmp_path / "first" / "anna.txt", ESSAY)
    write(tmp_path / "later" / "copy.txt", ESSAY)
    claimkit.audit([tmp_path / "first"], out_dir=out, nlp=nlp)
    second = claimkit.audit([tmp_path / "later"], out_dir=out, nlp=nlp)
    assert second.sources[0].same_text_as == ["anna"]
    con = store.connect(out / "claims.duckdb", read_only=True)
    try:
        rows = dict(con.execute("SELECT source_id, same_text_as FROM sources").fetchall())
    finally:
        con.close()
    assert rows == {"anna": ["copy"], "copy": ["anna"]}
    assert set(store.load(out / "claims.duckdb")["source_id"]) == {"anna", "copy"}


def test_source_ids_one_file_named_twice_is_read_once(tmp_path):
    write(tmp_path / "essay.txt", ESSAY)
    result = claimkit.read_sources([tmp_path / "essay.txt", tmp_path])
    assert [s.source_id for s in result.sources] == ["essay"]
