"""An audit as a hostile or careless user meets it: usage errors before work, no tracebacks, stable
keys across runs, reports from anywhere, Notepad's Unicode files."""

import importlib
import json

import claimkit
import pytest
from claimkit.cli import app
from claimkit.store import database as store
from conftest import write
from typer.testing import CliRunner

runner = CliRunner()
audit_module = importlib.import_module("claimkit.audit")  # the module: claimkit.audit is the function


@pytest.mark.parametrize("command", ["audit", "extract"])
def test_audit_unknown_encoding_is_a_usage_error(tmp_path, command):
    write(tmp_path / "in" / "essay.txt", "In 1937 about 680,000 people were shot.\n")
    args = [command, str(tmp_path / "in"), "--encoding", "klingon-8"]
    result = runner.invoke(app, args + (["--out", str(tmp_path / "out")] if command == "audit" else []))
    assert result.exit_code == 2 and "klingon-8" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("option, value", [("--catalog", "nowhere.json"), ("--reference", "nowhere.csv"),
                                           ("--persons", "nowhere.csv")])
def test_audit_missing_option_files_are_usage_errors(tmp_path, option, value):
    write(tmp_path / "in" / "essay.txt", "In 1937 about 680,000 people were shot.\n")
    result = runner.invoke(app, ["audit", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                                 option, str(tmp_path / value)])
    assert result.exit_code == 2 and value in result.stderr


def test_audit_anything_unexpected_is_one_line_and_exit_1(tmp_path, nlp, monkeypatch):
    def broken(claims):
        raise KeyError("a bug deep in the comparison")

    monkeypatch.setattr(audit_module, "compare_groups", broken)
    write(tmp_path / "in" / "essay.txt", "In 1937 about 680,000 people were shot.\n")
    result = runner.invoke(app, ["audit", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("claimkit: error: unexpected KeyError") and "report" in line
    assert not (tmp_path / "out" / "claims.jsonl").exists()


@pytest.mark.parametrize("encoding_option", [[], ["--encoding", "utf-16"]])
def test_audit_reads_notepad_unicode_files(tmp_path, nlp, encoding_option):
    text = "In 1937-38 about 680,000 people were shot.\n"
    write(tmp_path / "in" / "notepad.txt", "\ufeff".encode("utf-16-le") + text.encode("utf-16-le"))
    write(tmp_path / "in" / "nomark.txt", text.replace("680,000", "700,000").encode("utf-16-le"))
    result = runner.invoke(app, ["audit", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q",
                                 *encoding_option])
    assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in (tmp_path / "out" / "claims.jsonl").read_text().splitlines()]
    assert {"about 680,000", "about 700,000"} <= {c["text"] for c in claims}


def test_audit_report_from_another_working_directory_keeps_every_source(tmp_path, nlp, monkeypatch):
    write(tmp_path / "project" / "essays" / "a.txt", "In 1937-38 about 680,000 people were executed.\n")
    write(tmp_path / "project" / "essays" / "b.txt", "In 1937-38 about 750,000 people were executed.\n")
    monkeypatch.chdir(tmp_path / "project")
    assert runner.invoke(app, ["audit", "essays", "--out", "claims", "-q"]).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = runner.invoke(app, ["report", str(tmp_path / "project" / "claims"), "-o", "page.html"])
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr
    page = (elsewhere / "page.html").read_text(encoding="utf-8")
    assert page.count('class="source"') == 2 and "people were executed" in page


def test_audit_name_keys_do_not_change_when_more_files_are_audited(tmp_path, nlp):
    folder = tmp_path / "in"
    write(folder / "b-full.txt", "Lavrentiy Beria was arrested in Moscow on 26 June 1953.\n")
    write(folder / "c-bare.txt", "Beria was arrested on 26 July 1953.\n")
    out = tmp_path / "out"
    claimkit.audit([folder], out_dir=out, nlp=nlp)
    keys = _keys(out)
    pairs = _pairs(out)
    assert len(set(keys.values())) == 1 and pairs  # one person, and the two dates of the arrest compared
    # a file that sorts first, with another spelling: audited together it would have given the key
    write(folder / "a-variant.txt", "Laventry Beria was arrested on 26 June 1953 at a Kremlin meeting.\n")
    claimkit.audit([folder], out_dir=out, nlp=nlp)
    again = _keys(out)
    assert {k: v for k, v in again.items() if k[0] != "a-variant"} == keys
    people = {k for v in again.values() for k in v if k.startswith("PERSON:")}
    assert people == {k for v in keys.values() for k in v}  # the new spelling joined the stored person
    assert {p: s for p, s in _pairs(out).items() if p in pairs} == pairs
    assert set(pairs) <= set(_pairs(out))


def _keys(out):
    claims = store.load(out / "claims.duckdb")
    events = claims[claims["kind"] == "event"]
    return {(r.source_id, r.text): tuple(r.participant_keys) for r in events.itertuples()}


def _pairs(out):
    return {r.pair_id: r.status for r in store.load(out / "claims.duckdb", "disagreements").itertuples()}


def test_audit_other_commands_check_where_they_write_before_any_work(tmp_path):
    write(tmp_path / "in" / "essay.txt", "In 1937 about 680,000 people were shot.\n")
    (tmp_path / "folder").mkdir()
    assert runner.invoke(app, ["extract", str(tmp_path / "in"), "-f", "parquet"]).exit_code == 2
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), "-o", str(tmp_path / "folder")])
    assert result.exit_code == 2 and "is a folder" in result.stderr
    assert runner.invoke(app, ["extract", str(tmp_path / "typo")]).exit_code == 2
