import json
import re
import subprocess
import sys

import pytest
from claimkit.cli import app
from conftest import ROOT, write
from typer.testing import CliRunner

runner = CliRunner()
COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: claimkit " + command in result.output


def test_cli_readme_lists_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^- `claimkit (\w+)", readme, re.M))
    assert listed == set(COMMANDS)


def test_cli_extract_prints_jsonl(tmp_path, nlp):
    essay = write(tmp_path / "e.txt", "In 1937-38 about 680,000 people were shot.")
    result = runner.invoke(app, ["extract", str(essay)])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["text"] for r in records} == {"1937-38", "about 680,000"}


def test_cli_audit_bad_inputs_one_line_each_and_exit_1(tmp_path, nlp):
    folder = tmp_path / "in"
    write(folder / "good.txt", "In 1937-38 about 680,000 people were shot.")
    write(folder / "empty.txt", "")
    write(folder / "binary.txt", b"\x00\x01\x02")
    write(folder / "latin.txt", "Caf\xe9 owners: 5,000 were arrested in 1937.".encode("latin-1"))
    write(folder / "catalog.json", json.dumps([{"id": "good", "type": "manuscript", "issued": {"date-parts": [["x"]]}}]))
    result = runner.invoke(app, ["audit", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("claimkit: error:")]
    assert len(errors) == 3
    assert any("empty.txt" in e for e in errors) and any("binary.txt" in e for e in errors)
    assert any("catalog.json" in e and "'good'" in e for e in errors)
    assert any("latin.txt" in line and "warning" in line for line in result.stderr.splitlines())
    claims = [json.loads(line) for line in (tmp_path / "out" / "claims.jsonl").read_text().splitlines()]
    assert {c["source_id"] for c in claims} == {"good", "latin"}


def test_cli_compare_reads_what_extract_wrote(tmp_path, nlp):
    a = write(tmp_path / "a.txt", "From 1934 to 1939, one million party members were arrested and shot.")
    b = write(tmp_path / "b.txt", "In 1937-38, 850,000 party members were purged.")
    out = tmp_path / "claims.csv"
    assert runner.invoke(app, ["extract", str(a), str(b), "-f", "csv", "-o", str(out)]).exit_code == 0
    result = runner.invoke(app, ["compare", str(out), "--flagged"])
    assert result.exit_code == 0
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["status"] == "scope_differs"


def test_cli_compare_prints_groups_and_every_pair_of_one_group_on_demand(tmp_path, nlp):
    for name, figure in (("a", "680,000"), ("b", "680,000"), ("c", "about 700,000"), ("d", "1.5 million")):
        write(tmp_path / "in" / f"{name}.txt", f"In 1937-38, {figure} people were executed by the police.")
    out = tmp_path / "claims.jsonl"
    assert runner.invoke(app, ["extract", str(tmp_path / "in"), "-o", str(out), "-q"]).exit_code == 0
    result = runner.invoke(app, ["compare", str(out), "--groups"])
    assert result.exit_code == 0, result.output
    [group] = [json.loads(line) for line in result.stdout.splitlines() if '"measure": "count"' in line]
    assert group["members_count"] == 4 and group["status"] == "conflict" and group["flagged"]
    assert group["low"] <= 680000 and group["high"] == 1500000  # the members' intervals, from lowest to highest
    informative = [json.loads(line) for line in runner.invoke(app, ["compare", str(out)]).stdout.splitlines()]
    assert informative and all(p["flagged"] or p["reasons"] for p in informative)  # no plain agreement
    every = runner.invoke(app, ["compare", str(out), "--pairs", group["group_id"][:6]])
    assert every.exit_code == 0
    rows = [json.loads(line) for line in every.stdout.splitlines()]
    assert len(rows) == 4 * 3 // 2 and {r["status"] for r in rows} == {"agree", "conflict"}
    assert runner.invoke(app, ["compare", str(out), "--pairs", "zzzz"]).exit_code == 2


def test_cli_usage_errors_exit_2(tmp_path):
    assert runner.invoke(app, ["extract"]).exit_code == 2
    assert runner.invoke(app, ["extract", str(tmp_path), "--format", "parquet"]).exit_code == 2
    assert runner.invoke(app, ["audit", str(tmp_path), "--bogus"]).exit_code == 2


def test_cli_top_level_help_has_an_example():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "Example: claimkit " in result.output


def test_cli_piped_runs_print_no_progress(tmp_path, nlp):
    essay = write(tmp_path / "e.txt", "In 1937-38 about 680,000 people were shot.")
    result = runner.invoke(app, ["extract", str(essay)])
    assert result.exit_code == 0 and "files/s" not in result.stderr


def test_cli_report_rebuilds_the_page_from_the_database(tmp_path, nlp):
    write(tmp_path / "in" / "a.txt", "In 1937-38 about 680,000 people were executed.")
    write(tmp_path / "in" / "b.txt", "In 1937-38 about 750,000 people were executed.")
    assert runner.invoke(app, ["audit", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q"]).exit_code == 0
    result = runner.invoke(app, ["report", str(tmp_path / "out"), "-o", str(tmp_path / "again.html")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "again.html").read_text(encoding="utf-8")
    assert 'id="what-to-check"' in page and "680,000" in page and "750,000" in page
    assert 'data-scope="database"' in page and "from 1 run" in page
    missing = runner.invoke(app, ["report", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "claimkit audit" in missing.stderr


def test_cli_report_sources_narrows_the_page_and_says_so(tmp_path, nlp):
    write(tmp_path / "one" / "a.txt", "In 1937-38 about 680,000 people were executed.")
    write(tmp_path / "two" / "b.txt", "In 1937-38 about 750,000 people were executed.")
    write(tmp_path / "two" / "c.txt", "In 1921 about 5,000 sailors were arrested.")
    out = tmp_path / "out"
    for folder in ("one", "two"):  # two runs into one database
        assert runner.invoke(app, ["audit", str(tmp_path / folder), "--out", str(out), "-q"]).exit_code == 0
    whole = runner.invoke(app, ["report", str(out), "-o", str(tmp_path / "all.html")])
    assert whole.exit_code == 0, whole.output
    page = (tmp_path / "all.html").read_text(encoding="utf-8")
    assert "3 sources from 2 runs" in page and 'id="source-c"' in page
    narrow = runner.invoke(app, ["report", str(out), "--sources", "a.txt", "--sources", "b", "-o",
                                 str(tmp_path / "two.html")])
    assert narrow.exit_code == 0, narrow.output
    page = (tmp_path / "two.html").read_text(encoding="utf-8")
    assert "covers 2 of the sources" in page and "a.txt, b" in page
    assert 'id="source-a"' in page and 'id="source-b"' in page and 'id="source-c"' not in page
    unknown = runner.invoke(app, ["report", str(out), "--sources", "nothing.txt"])
    assert unknown.exit_code == 1 and "nothing.txt" in unknown.stderr


@pytest.mark.parametrize("option", ["--help", "--version"])
def test_cli_help_and_version_load_no_heavy_library(option):
    code = ("import sys\nfrom claimkit.cli import app\ntry:\n    app([%r])\nexcept SystemExit as e:\n    code = e.code\n"
            "heavy = [m for m in ('spacy', 'pandas', 'duckdb', 'jsonschema', 'pyarrow') if m in sys.modules]\n"
            "print('HEAVY', heavy, code)\n") % option
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "HEAVY [] 0", done.stdout + done.stderr
    assert "claimkit" in done.stdout


def test_cli_public_names_load_on_first_use():
    code = ("import sys, claimkit\nassert 'spacy' not in sys.modules\nimport claimkit.audit, claimkit.compare\n"
            "assert callable(claimkit.audit) and callable(claimkit.compare) and callable(claimkit.extract)\n"
            "from claimkit import UsageError, load_table, using_lexicons, plot\n"
            "assert plot.__name__ == 'claimkit.plot' and set(claimkit.__all__) <= set(dir(claimkit))\nprint('ok')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "ok", done.stderr
