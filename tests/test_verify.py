"""Verification against reference tables, and names against the person list."""

import json

import pytest
from claimkit import SchemaError, check_names, load_reference, read_source, validate_records, verify
from claimkit.errors import InputFormatError
from claimkit.store.table import claims_frame, to_records
from conftest import PERSONS, REFERENCE, write
from typer.testing import CliRunner

HEADER = ("reference_id,kind,subject,predicate_class,value,low,high,unit,date_start,date_end,period_start,"
          "period_end,place,citation,page,read_in,note\n")
ROWS = (
    "executions-1937-38,quantity,people,executed,681692,,,count,,,1937-01-01,1938-12-31,USSR,ellman-2002,,,\n"
    "deaths-1937-38,quantity,people,died,,950000,1200000,count,,,1937-01-01,1938-12-31,USSR,ellman-2002,,,\n"
    "officers,quantity,army officers,executed+imprisoned,,30000,,count,,,,,USSR,ellman-2002,,,\n"
    "attack,event,leon trotsky,killed,,,,date,1940-08-20,1940-08-20,,,Mexico,service-2009,123,,\n"
    "death,event,leon trotsky,died,,,,date,1940-08-21,1940-08-21,,,Mexico,service-2009,,,\n"
)
BIB = [
    {"id": "ellman-2002", "type": "article-journal", "title": "Soviet Repression Statistics: Some Comments",
     "author": [{"family": "Ellman", "given": "Michael"}], "issued": {"date-parts": [[2002]]},
     "container-title": "Europe-Asia Studies"},
    {"id": "service-2009", "type": "book", "title": "Trotsky: A Biography", "author": [{"family": "Service", "given": "Robert"}],
     "issued": {"date-parts": [[2009]]}, "publisher": "Macmillan"},
]
_ids = iter(f"{i:016x}" for i in range(1, 10**6))


@pytest.fixture
def table(tmp_path):
    path = write(tmp_path / "ref.csv", HEADER + ROWS)
    write(tmp_path / "ref.bib.json", json.dumps(BIB))
    return load_reference(path)


def quantity(text, value, low=None, high=None, subject="people", cls="executed", period=("1937-01-01", "1938-12-31"),
             qualifier="exact"):
    return dict(claim_id=next(_ids), source_id="essay", kind="quantity", text=text, start=0, end=len(text),
                value=value, low=value if low is None else low, high=value if high is None else high,
                qualifier=qualifier, unit="count", subject=subject, predicate_class=cls,
                period_start=period[0], period_end=period[1], certainty="asserted", sentence=text)


def event(text, cls, day, who="Leon Trotsky"):
    return dict(claim_id=next(_ids), source_id="essay", kind="event", text=text, start=0, end=len(text),
                unit="event", predicate=text, predicate_class=cls, date_start=day, date_end=day,
                participants=[who], participant_keys=[f"PERSON:{who.lower()}"], sentence=text, certainty="asserted")


def verdicts(table, *claims):
    out = verify(claims_frame(list(claims)), table)
    validate_records("verdict", to_records(out))
    return {(r["text"], r["reference_id"]): r for r in to_records(out)}


def test_a_figure_that_rounds_to_the_cited_one_is_supported_with_its_citation(table):
    got = verdicts(table, quantity("roughly 680,000", 680000, 612000, 748000, qualifier="approximate"))
    row = got[("roughly 680,000", "executions-1937-38")]
    assert row["verdict"] == "supported"
    assert row["citation"] == "ellman-2002" and "Ellman, M. (2002)" in row["citation_text"]
    assert "681,692" in row["explanation"]


def test_a_different_figure_is_contradicted(table):
    got = verdicts(table, quantity("about 750,000", 750000, 675000, 825000, qualifier="approximate"))
    assert got[("about 750,000", "executions-1937-38")]["verdict"] == "contradicted"


def test_scholarly_ranges_and_bounds(table):
    got = verdicts(table, quantity("one million", 1e6, cls="died"), quantity("two million", 2e6, cls="died"),
                   quantity("25,000", 25000, subject="officers of the Red Army", cls="executed", period=(None, None)))
    assert got[("one million", "deaths-1937-38")]["verdict"] == "within_range"
    assert got[("two million", "deaths-1937-38")]["verdict"] == "outside_range"
    assert got[("25,000", "officers")]["verdict"] == "outside_range"  # "over 30,000"


def test_no_reference_for_a_figure_of_another_period_or_count(table):
    got = verdicts(table, quantity("680,000", 680000, period=("1921-01-01", "1953-12-31")),
                   quantity("850,000", 850000, subject="party members", cls="purged"))
    assert got[("680,000", None)]["verdict"] == "no_reference"
    assert got[("850,000", None)]["verdict"] == "no_reference"
    assert len(got) == 2


def test_an_event_is_checked_against_rows_of_its_own_class_first(table):
    got = verdicts(table, event("was murdered", "killed", "1940-08-20"), event("died", "died", "1940-08-22"),
                   event("was murdered", "killed", "1940-08-20", who="Sergei Kirov"))
    assert got[("was murdered", "attack")]["verdict"] == "supported"
    assert got[("was murdered", "attack")]["page"] == "123"
    assert ("was murdered", "death") not in got
    assert got[("died", "death")]["verdict"] == "contradicted"


def test_a_bad_reference_row_is_one_clear_error_naming_file_and_line(tmp_path):
    path = write(tmp_path / "bad.csv", HEADER + "x,quantity,people,executed,,,,count,,,,,,ellman-2002,,,\n")
    with pytest.raises(SchemaError, match=r"bad\.csv: line 2"):
        load_reference(path)
    missing = write(tmp_path / "cites.csv", HEADER + "y,quantity,people,executed,5,,,count,,,,,,nobody-1999,,,\n")
    write(tmp_path / "cites.bib.json", json.dumps(BIB))
    with pytest.raises(SchemaError, match="nobody-1999"):
        load_reference(missing)
    with pytest.raises(InputFormatError, match="nothing.csv"):
        load_reference(tmp_path / "nothing.csv")


def test_the_shipped_reference_table_is_valid_and_every_row_is_cited():
    table = load_reference(REFERENCE)
    assert len(table.rows) >= 25
    assert all(row["citation"] in table.works for row in table.rows)
    for item in table.works.values():
        validate_records("catalog-entry", [item])
    kinds = {row["kind"] for row in table.rows}
    assert kinds == {"quantity", "event"}


def test_misspelt_names_are_reported_and_accepted_spellings_are_not(tmp_path):
    text = ("Laventry Beria replaced Yezhov. Lavrenty Beria was feared; Beria and Sergei Kirov were "
            "both in the party, and Stalin trusted Nikolai Yezhov.")
    source = read_source(write(tmp_path / "essay.txt", text))
    names = to_records(check_names([source], PERSONS))
    validate_records("name-check", names)
    assert [(n["text"], n["reference_name"]) for n in names] == [("Laventry Beria", "Lavrentiy Beria")]
    assert text[names[0]["start"]:names[0]["end"]] == "Laventry Beria"


def test_cli_verify_prints_verdicts_and_names(tmp_path, nlp, table):
    from claimkit.cli import app

    essay = write(tmp_path / "in" / "essay.txt",
                  "In 1937-38 roughly 680,000 people were executed. Laventry Beria took over the NKVD.")
    result = CliRunner().invoke(app, ["verify", str(essay), "--reference", str(table.files[0]),
                                      "--persons", str(PERSONS), "--names", str(tmp_path / "names.jsonl")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["verdict"] for r in records} >= {"supported"}
    assert "Laventry Beria" in result.stderr and "Lavrentiy Beria" in result.stderr
    assert json.loads((tmp_path / "names.jsonl").read_text())["reference_name"] == "Lavrentiy Beria"


def test_cli_verify_without_a_reference_table_says_what_to_do(tmp_path, monkeypatch):
    from claimkit.cli import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["verify", str(write(tmp_path / "e.txt", "In 1937 500 were shot."))])
    assert result.exit_code == 2 and "--reference" in result.stderr


def test_a_json_reference_table_reads_like_the_csv(tmp_path, table):
    rows = [{k: v for k, v in row.items() if k != "table"} for row in table.rows]
    path = write(tmp_path / "ref-json.json", json.dumps(rows))
    write(tmp_path / "ref-json.bib.json", json.dumps(BIB))
    again = load_reference(path)
    got = verdicts(again, quantity("roughly 680,000", 680000, 612000, 748000, qualifier="approximate"))
    assert got[("roughly 680,000", "executions-1937-38")]["verdict"] == "supported"
    write(tmp_path / "bad.json", json.dumps({"not": "a list"}))
    with pytest.raises(InputFormatError, match="list of row objects"):
        load_reference(tmp_path / "bad.json")


def test_a_claim_under_two_root_classes_is_checked_once_per_row(table):
    out = verify(claims_frame([quantity("roughly 680,000", 680000, 612000, 748000, qualifier="approximate")]), table)
    assert not out.duplicated(["claim_id", "reference_id"]).any()  # "executed" is under "purged" and "died"


def test_an_approximate_cited_figure_stands_for_what_rounds_to_it(tmp_path):
    rows = HEADER.rstrip("\n") + ",approximate\n" + (
        "arrests,quantity,people,arrested,1600000,,,count,,,1937-01-01,1938-12-31,,ellman-2002,,,,true\n"
        "shot,quantity,people,executed,700000,,,count,,,1937-01-01,1938-12-31,,ellman-2002,,,,true\n")
    path = write(tmp_path / "approx.csv", rows)
    write(tmp_path / "approx.bib.json", json.dumps(BIB))
    table = load_reference(path)
    got = verdicts(table, quantity("roughly 680,000", 680000, 612000, 748000, qualifier="approximate"),
                   quantity("1,548,367", 1548367, cls="arrested"), quantity("1,620,000", 1620000, cls="arrested"))
    assert got[("roughly 680,000", "shot")]["verdict"] == "supported"  # 700,000 "approximately": 650,000-750,000
    assert got[("1,548,367", "arrests")]["verdict"] == "contradicted"  # rounds to 1.5 million, not 1.6
    assert got[("1,620,000", "arrests")]["verdict"] == "supported"


def test_references_format_volume_issue_and_pages_with_citeproc():
    from claimkit.verify import format_reference

    item = {"id": "x", "type": "article-journal", "title": "Counting the Cost", "container-title": "Journal of Tests",
            "author": [{"family": "Okonkwo", "given": "Ada"}], "volume": "12", "issue": "3", "page": "45-67",
            "issued": {"date-parts": [[1999]]}}
    text = format_reference(item)
    assert text.startswith("Okonkwo, A. (1999)") and "Counting the Cost" in text
    assert "12(3)" in text and "45–67" in text
    book = format_reference({"id": "y", "type": "book", "title": "A Book of Ours", "publisher": "Small Press",
                             "publisher-place": "Leeds", "author": [{"literal": "The Authors"}],
                             "issued": {"date-parts": [[2001]]}})
    assert "A Book of Ours" in book and "Small Press" in book and "2001" in book
