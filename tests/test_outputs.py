"""Outputs written as a set: whole or not at all, never through a planted link, leftovers cleaned."""

import json
import os

import claimkit
import pytest
from claimkit.cli import app
from claimkit.store import OutputSet
from claimkit.store import outputs as output_set
from conftest import write
from typer.testing import CliRunner

runner = CliRunner()
ESSAY = "In 1937-38 about 680,000 people were shot.\n"


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.name != output_set.LOCK}


@pytest.fixture
def earlier(tmp_path, nlp):
    """An output folder holding a first audit's set."""
    write(tmp_path / "in" / "essay.txt", ESSAY)
    out = tmp_path / "out"
    claimkit.audit([tmp_path / "in"], out_dir=out, nlp=nlp)
    return out


def test_outputs_set_replaces_the_earlier_set_and_drops_what_it_lacks(tmp_path):
    out = tmp_path / "out"
    write(out / "verdicts.jsonl", "old\n")
    write(out / "claims.jsonl", "old\n")
    write(out / "notes-of-mine.txt", "not ours\n")
    with OutputSet(out) as outputs:
        outputs.path("claims.jsonl").write_text("new\n")
        staging = outputs.staging
        assert staging.parent == out and staging.name.startswith(output_set.PREFIX)
        assert oct(staging.stat().st_mode & 0o777) == "0o700"
        assert (out / "claims.jsonl").read_text() == "old\n"  # nothing moves before the commit
        outputs.commit()
    assert (out / "claims.jsonl").read_text() == "new\n"
    assert not (out / "verdicts.jsonl").exists()  # a file of the earlier set this run did not write
    assert (out / "notes-of-mine.txt").exists()
    assert not list(out.glob(output_set.PREFIX + "*"))


def test_outputs_a_failure_before_the_commit_leaves_the_earlier_set(tmp_path):
    out = tmp_path / "out"
    write(out / "claims.jsonl", "old\n")
    write(out / "sources.jsonl", "old\n")
    with pytest.raises(RuntimeError):
        with OutputSet(out) as outputs:
            outputs.path("claims.jsonl").write_text("new\n")
            raise RuntimeError("disk full while writing sources.jsonl")
    assert _snapshot(out) == {"claims.jsonl": b"old\n", "sources.jsonl": b"old\n"}
    assert not list(out.glob(output_set.PREFIX + "*"))


def test_outputs_leftovers_of_an_interrupted_run_are_cleaned_or_finished(tmp_path):
    out = tmp_path / "out"
    write(out / "claims.jsonl", "old\n")
    write(out / "sources.jsonl", "old\n")
    half = out / f"{output_set.PREFIX}killed1"  # killed while writing: no manifest
    write(half / "claims.jsonl", "half\n")
    done = out / f"{output_set.PREFIX}killed2"  # killed while moving: the manifest was written
    write(done / "sources.jsonl", "complete\n")
    write(done / output_set.MANIFEST, json.dumps({"files": ["claims.jsonl", "sources.jsonl"]}))
    (out / "claims.jsonl").write_text("complete\n")  # that run had moved this one already
    with OutputSet(out):
        pass
    assert _snapshot(out) == {"claims.jsonl": b"complete\n", "sources.jsonl": b"complete\n"}
    assert not list(out.glob(output_set.PREFIX + "*"))


def test_outputs_never_write_through_a_planted_link(tmp_path, nlp):
    victim = write(tmp_path / "victim.txt", "precious\n")
    out = tmp_path / "shared"
    out.mkdir()
    for name in ("claims.jsonl", "report.html", ".claims.jsonl.tmp", f".claims.jsonl.tmp-{os.getpid()}"):
        os.symlink(victim, out / name)
    write(tmp_path / "in" / "essay.txt", ESSAY)
    claimkit.audit([tmp_path / "in"], out_dir=out, nlp=nlp)
    assert victim.read_text() == "precious\n"
    assert not (out / "claims.jsonl").is_symlink() and "680,000" in (out / "claims.jsonl").read_text()


def test_outputs_a_mistyped_path_writes_nothing_and_exits_2(earlier, tmp_path):
    before = _snapshot(earlier)
    result = runner.invoke(app, ["audit", str(tmp_path / "typo"), "--out", str(earlier)])
    assert result.exit_code == 2
    assert "typo" in result.stderr and "no such file" in result.stderr
    assert _snapshot(earlier) == before


def test_outputs_a_run_that_read_no_source_writes_nothing_and_says_so(earlier, tmp_path):
    before = _snapshot(earlier)
    write(tmp_path / "empty-folder" / "blank.txt", "   \n")
    result = runner.invoke(app, ["audit", str(tmp_path / "empty-folder"), "--out", str(earlier)])
    assert result.exit_code == 1
    assert "blank.txt" in result.stderr and "nothing was written" in result.stderr
    assert _snapshot(earlier) == before


def test_outputs_out_as_a_file_is_refused_before_any_work(tmp_path, monkeypatch):
    import importlib

    audit_module = importlib.import_module("claimkit.audit")  # the module: claimkit.audit is the function

    def never(*args, **kwargs):
        raise AssertionError("extraction ran before the usage check")

    monkeypatch.setattr(audit_module, "extract_all", never)
    write(tmp_path / "in" / "essay.txt", ESSAY)
    target = write(tmp_path / "claims.txt", "my notes\n")
    result = runner.invoke(app, ["audit", str(tmp_path / "in"), "--out", str(target)])
    assert result.exit_code == 2 and "is a file" in result.stderr
    assert target.read_text() == "my notes\n"


def test_outputs_a_crash_while_exporting_leaves_the_earlier_set_and_database(earlier, tmp_path, nlp, monkeypatch):
    from claimkit.store import database as store
    from claimkit.store import exports

    before = _snapshot(earlier)
    stored = store.load(earlier / "claims.duckdb")
    real, calls = exports.write_frame, []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(exports, "write_frame", failing)
    write(tmp_path / "in" / "essay.txt", "In 1937-38 about 750,000 people were shot.\n")
    result = runner.invoke(app, ["audit", str(tmp_path / "in"), "--out", str(earlier)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert _snapshot(earlier) == before
    assert list(store.load(earlier / "claims.duckdb")["text"]) == list(stored["text"])
    assert not list(earlier.glob(output_set.PREFIX + "*"))


def test_outputs_an_audit_cleans_leftovers_first_and_says_so(earlier, tmp_path, nlp):
    leftover = earlier / f"{output_set.PREFIX}killed"
    write(leftover / "claims.jsonl", "half\n")
    write(tmp_path / "more" / "essay.txt", ESSAY)
    result = claimkit.audit([tmp_path / "more"], out_dir=earlier, nlp=nlp)
    assert not leftover.exists()
    assert any("interrupted run" in w and "removed" in w for w in result.warnings)
