"""Exports for other tools: W3C Web Annotations (Hypothesis, Recogito) and a SQLite copy (Datasette)."""

import importlib.util
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from claimkit.cli import app
from claimkit.errors import ClaimkitError, SchemaError
from claimkit.report import export_from_database
from claimkit.store import annotations as w3c
from claimkit.store import validate_records
from conftest import write
from typer.testing import CliRunner

runner = CliRunner()
OA = "http://www.w3.org/ns/oa#"


@pytest.fixture(scope="module")
def demo_w3c(demo_audit, tmp_path_factory):
    folder = Path(demo_audit.outputs["database"]).parent
    path, warnings = export_from_database(folder, "w3c", tmp_path_factory.mktemp("w3c") / "demo.jsonld")
    assert not warnings
    return json.loads(path.read_text(encoding="utf-8"))


def test_exports_w3c_one_annotation_per_claim_on_the_original_files_characters(demo_audit, demo_w3c):
    assert len(demo_w3c) == len(demo_audit.claims)
    validate_records("annotation", demo_w3c)
    paths = {Path(s.path).resolve().as_uri(): Path(s.path) for s in demo_audit.sources}
    texts = {uri: path.read_text(encoding="utf-8") for uri, path in paths.items()}
    for a in demo_w3c:
        original = texts[a["target"]["source"]]
        quote, position = a["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        start, end = position["start"], position["end"]
        assert original[start:end] == quote["exact"]
        assert original[:start].endswith(quote["prefix"]) and original[end:].startswith(quote["suffix"])
        frame = json.loads(next(b["value"] for b in a["body"] if b.get("format") == "application/json"))
        assert frame["text"] == quote["exact"]


def test_exports_w3c_expands_against_the_shipped_context(demo_w3c):
    expanded = w3c.expand(demo_w3c)
    assert len(expanded) == len(demo_w3c)
    first = expanded[0]
    assert first["@type"] == [OA + "Annotation"]
    target = first[OA + "hasTarget"][0]
    selectors = {s["@type"][0]: s for s in target[OA + "hasSelector"]}
    assert {OA + "TextQuoteSelector", OA + "TextPositionSelector"} <= set(selectors)
    assert selectors[OA + "TextQuoteSelector"][OA + "exact"][0]["@value"]
    assert first[OA + "motivatedBy"] == [{"@id": OA + "describing"}]
    purposes = {b[OA + "hasPurpose"][0]["@id"] for b in first[OA + "hasBody"]}
    assert {OA + "describing", OA + "tagging"} <= purposes


def test_exports_w3c_loads_no_other_context():
    with pytest.raises(ClaimkitError, match="loads no JSON-LD context"):
        w3c.expand([{"@context": "http://example.org/other.jsonld", "id": "urn:x", "type": "Annotation"}])


def test_exports_w3c_plain_words_and_tags_in_the_bodies(demo_audit, demo_w3c):
    conflicts = demo_audit.disagreements[demo_audit.disagreements["status"] == "conflict"]
    tagged = {a["id"].rsplit(":", 1)[1]: {b["value"] for b in a["body"] if b["purpose"] == "tagging"}
              for a in demo_w3c}
    for cid in set(conflicts["a"]) | set(conflicts["b"]):
        assert "contradiction" in tagged[cid]
    for a in demo_w3c:
        text = a["body"][0]["value"]
        assert a["body"][0]["format"] == "text/plain" and "_" not in text and "e+" not in text


def test_exports_w3c_schema_refuses_a_broken_selector(demo_w3c):
    broken = json.loads(json.dumps(demo_w3c[0]))
    broken["target"]["selector"] = broken["target"]["selector"][1:]
    with pytest.raises(SchemaError):
        validate_records("annotation", [broken])


def test_exports_w3c_skips_a_file_changed_since_the_audit(tmp_path, nlp):
    a = write(tmp_path / "in" / "a.txt", "In 1937-38 about 680,000 people were executed.")
    write(tmp_path / "in" / "b.txt", "In 1937-38 about 750,000 people were executed.")
    assert runner.invoke(app, ["audit", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q"]).exit_code == 0
    a.write_text("Rewritten: in 1937-38 about 680,000 people were executed.", encoding="utf-8")
    result = runner.invoke(app, ["export", str(tmp_path / "out"), "--format", "w3c"])
    assert result.exit_code == 0, result.output
    assert "a.txt" in result.stderr and "changed" in result.stderr
    records = json.loads((tmp_path / "out" / "annotations.jsonld").read_text(encoding="utf-8"))
    assert records and {r["target"]["source"].rsplit("/", 1)[1] for r in records} == {"b.txt"}


def test_exports_sqlite_copy_holds_every_table(demo_audit, tmp_path):
    folder = Path(demo_audit.outputs["database"]).parent
    result = runner.invoke(app, ["export", str(folder), "--format", "sqlite", "-o", str(tmp_path / "c.sqlite")])
    assert result.exit_code == 0, result.output
    duck = duckdb.connect(str(demo_audit.outputs["database"]), read_only=True)
    try:
        tables = {r[0] for r in duck.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        counts = {t: duck.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        duck.close()
    con = sqlite3.connect(tmp_path / "c.sqlite")
    try:
        assert {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == tables
        for table, n in counts.items():
            assert con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == n, table
        reasons = con.execute("SELECT reasons FROM disagreements WHERE status = 'scope_differs' LIMIT 1").fetchone()[0]
        assert isinstance(json.loads(reasons), list)  # lists as JSON text, which SQLite's json functions read
        assert con.execute("SELECT count(*) FROM claims, json_each(claims.citations)").fetchone()[0] >= 0
        assert con.execute("SELECT audited_at FROM sources LIMIT 1").fetchone()[0]
    finally:
        con.close()


@pytest.mark.skipif(importlib.util.find_spec("datasette") is None, reason="datasette is in the test extra")
def test_exports_sqlite_copy_opens_in_datasette(demo_audit, tmp_path):
    folder = Path(demo_audit.outputs["database"]).parent
    path, _ = export_from_database(folder, "sqlite", tmp_path / "c.sqlite")
    done = subprocess.run([sys.executable, "-m", "datasette", "inspect", str(path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    tables = json.loads(done.stdout)[path.stem]["tables"]
    assert tables["claims"]["count"] == len(demo_audit.claims)


def test_exports_unknown_source_is_one_clear_error(demo_audit):
    folder = Path(demo_audit.outputs["database"]).parent
    result = runner.invoke(app, ["export", str(folder), "--format", "w3c", "--sources", "nowhere.txt", "-o",
                                 "/dev/null"])
    assert result.exit_code == 1 and "nowhere.txt" in result.stderr
