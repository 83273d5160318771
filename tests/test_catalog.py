"""The catalog: every field checked when read (file, entry and field named, the rest kept); entries
matched to files by custom.file, id, title or URL, and a warning for each that matches nothing."""

import json

import pytest
from claimkit import CatalogError, read_sources
from claimkit.cli import app
from claimkit.read.catalog import date_iso, load_catalog
from conftest import write
from typer.testing import CliRunner

runner = CliRunner()
ESSAY = "In 1937 about 680,000 people were shot.\n"


def _catalog(tmp_path, entries):
    return write(tmp_path / "catalog.json", json.dumps(entries))


@pytest.mark.parametrize("issued, field", [
    ({"date-parts": [[2019, 2, 30]]}, "issued"),
    ({"date-parts": [[2019, 13]]}, "issued"),
    ({"date-parts": [["2019", "13", "1"]]}, "issued"),
    ({"raw": "sometime in spring"}, "issued"),
    ({"date-parts": [[12345]]}, "issued"),
    ("2019", "issued"),
])
def test_catalog_bad_dates_name_file_entry_and_field_and_keep_the_rest(tmp_path, issued, field):
    write(tmp_path / "essay.txt", ESSAY)
    _catalog(tmp_path, [{"id": "essay", "type": "article", "title": "The Terror", "issued": issued,
                         "author": [{"family": "Doe", "given": "Jo"}]}])
    result = read_sources([tmp_path])
    [err] = result.errors
    assert isinstance(err, CatalogError)
    message = str(err)
    assert "catalog.json" in message and "'essay'" in message and f"field {field}" in message
    assert "\n" not in message
    [source] = result.sources
    record = source.to_record()
    assert record["title"] == "The Terror" and record["authors"] == ["Jo Doe"] and record["issued"] is None


@pytest.mark.parametrize("issued, iso", [
    ({"date-parts": [[2019, 3, 5]]}, "2019-03-05"), ({"date-parts": [["2019", "3"]]}, "2019-03"),
    ({"raw": "March 2019"}, "2019-03"), ({"raw": "5 March 2019"}, "2019-03-05"), ({"literal": "2019-03-05"}, "2019-03-05"),
    ({"raw": "2019"}, "2019"), ({"date-parts": [[-44, 3, 15]]}, "-0044-03-15"), ({"date-parts": [[2020, 2, 29]]}, "2020-02-29"),
])
def test_catalog_good_dates_read_as_iso(issued, iso):
    assert date_iso(issued) == (iso, None)


def test_catalog_bad_catalog_date_never_stops_an_audit(tmp_path, nlp):
    write(tmp_path / "in" / "essay.txt", "Yesterday about 680,000 people were shot.\n")
    _catalog(tmp_path / "in", [{"id": "essay", "type": "article", "title": "T", "issued": {"date-parts": [[2019, 2, 30]]}}])
    result = runner.invoke(app, ["audit", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    [line] = [x for x in result.stderr.splitlines() if x.startswith("claimkit: error:")]
    assert "'essay'" in line and "issued" in line and "2019-02-30" in line
    assert (tmp_path / "out" / "claims.jsonl").read_text().strip()


def test_catalog_entries_match_by_custom_file_title_and_url(tmp_path):
    write(tmp_path / "in" / "first.txt", ESSAY)
    write(tmp_path / "in" / "the-great-famine.txt", ESSAY.replace("680,000", "690,000"))
    write(tmp_path / "in" / "terror-in-paris.txt", ESSAY.replace("680,000", "695,000"))
    _catalog(tmp_path / "in", [
        {"id": "http://zotero.org/users/1/items/AAAA", "type": "article", "title": "One",
         "custom": {"file": "first.txt"}},
        {"id": "http://zotero.org/users/1/items/BBBB", "type": "article", "title": "The Great Famine"},
        {"id": "http://zotero.org/users/1/items/CCCC", "type": "webpage", "title": "A page",
         "URL": "https://example.org/history/terror-in-paris.html"},
        {"id": "http://zotero.org/users/1/items/DDDD", "type": "book", "title": "A book nobody audited"},
    ])
    result = read_sources([tmp_path / "in"])
    titles = {s.path.rsplit("/", 1)[-1]: s.metadata.get("title") for s in result.sources}
    assert titles == {"first.txt": "One", "the-great-famine.txt": "The Great Famine", "terror-in-paris.txt": "A page"}
    [warning] = [w for w in result.warnings if "matches no file" in w]
    assert "DDDD" in warning and "custom.file" in warning


def test_catalog_duplicate_and_shapeless_entries_are_errors(tmp_path):
    path = _catalog(tmp_path, [{"id": "a", "type": "article"}, {"id": "a", "type": "book"}, "not an entry"])
    catalog = load_catalog(path)
    assert list(catalog.entries) == ["a"]
    assert len(catalog.errors) == 2 and all("catalog.json" in str(e) for e in catalog.errors)


def test_catalog_in_a_subfolder_describes_the_files_beside_it(tmp_path):
    write(tmp_path / "in" / "year10" / "anna.txt", ESSAY)
    write(tmp_path / "in" / "year11" / "ben.txt", ESSAY.replace("680,000", "700,000"))
    _catalog(tmp_path / "in" / "year10", [{"id": "anna", "type": "manuscript", "title": "Anna's essay"}])
    _catalog(tmp_path / "in", [{"id": "ben", "type": "manuscript", "title": "Ben's essay"}])
    result = read_sources([tmp_path / "in"])
    assert {s.source_id: s.metadata.get("title") for s in result.sources} == {
        "anna": "Anna's essay", "ben": "Ben's essay"}
    assert result.errors == [] and not [w for w in result.warnings if "matches no file" in w]
