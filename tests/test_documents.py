"""Word and PDF files: read, their text kept as the original, offsets into it; other formats named."""

import json

from claimkit import read_source, read_sources
from claimkit.cli import app
from conftest import make_docx, make_pdf, write
from typer.testing import CliRunner

runner = CliRunner()

PARAGRAPHS = [
    "The Purges in Three Numbers",
    "In 1937-38 about 680,000 people were shot, according to the archives.{1}",
    "A later estimate gives 750,000 executions for the same years.{2}",
]
NOTES = {1: "Getty and Naumov (1999), p. 588.", 2: "An estimate we made up for this test."}


def test_documents_docx_paragraphs_and_footnotes_are_read(tmp_path):
    source = read_source(make_docx(tmp_path / "essay.docx", PARAGRAPHS, NOTES))
    assert source.format == "docx" and source.extracted
    assert "680,000 people were shot, according to the archives.[1]" in source.original
    assert "[2] An estimate we made up for this test." in source.original
    assert "made up" not in source.text  # the notes are set aside as references, not read for claims
    assert [f["marker"] for f in source.footnotes] == ["1", "2"]
    i = source.text.index("680,000")
    s, e = source.to_original(i, i + 7)
    assert source.original[s:e] == "680,000"


def test_documents_text_pdf_is_read(tmp_path):
    source = read_source(make_pdf(tmp_path / "essay.pdf", ["In 1937-38 about 680,000 people were shot.",
                                                           "Most of them were peasants."]))
    assert source.format == "pdf"
    assert "680,000 people were shot." in source.original and "peasants" in source.text


def test_documents_audit_keeps_the_docx_text_and_claims_point_into_it(tmp_path, nlp):
    make_docx(tmp_path / "in" / "essay.docx", PARAGRAPHS, NOTES)
    out = tmp_path / "out"
    result = runner.invoke(app, ["audit", str(tmp_path / "in"), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in (out / "sources.jsonl").read_text(encoding="utf-8").splitlines()]
    assert record["format"] == "docx" and record["original_file"].startswith("texts/")
    stored = (out / record["original_file"]).read_bytes().decode("utf-8")
    claims = [json.loads(line) for line in (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {"about 680,000", "750,000"} <= {c["text"] for c in claims}
    for c in claims:
        assert stored[c["start"]:c["end"]] == c["text"]
    again = runner.invoke(app, ["report", str(out), "-o", str(tmp_path / "again.html")])
    assert again.exit_code == 0 and "warning" not in again.stderr
    assert "according to the archives" in (tmp_path / "again.html").read_text(encoding="utf-8")


def test_documents_other_formats_get_one_line_each_saying_how_to_save_them(tmp_path, nlp):
    folder = tmp_path / "in"
    write(folder / "good.txt", "In 1937 about 680,000 people were shot.")
    write(folder / "essay.odt", b"PK\x03\x04 not really")
    write(folder / "notes.rtf", r"{\rtf1 In 1937 about 700,000 people were shot.}")
    write(folder / "picture.png", b"\x89PNG\r\n\x1a\n")
    write(folder / "broken.docx", b"this is not a zip file")
    write(folder / ".hidden.txt", "In 1938 nothing.")
    result = read_sources([folder])
    assert [s.source_id for s in result.sources] == ["good"]
    by_file = {e.path.rsplit("/", 1)[-1]: str(e) for e in result.errors}
    assert set(by_file) == {"essay.odt", "notes.rtf", "picture.png", "broken.docx"}
    assert "Save As" in by_file["essay.odt"] and ".docx" in by_file["notes.rtf"]
    assert "not a Word document" in by_file["broken.docx"]
    assert all("\n" not in e for e in by_file.values())
    cli = runner.invoke(app, ["audit", str(folder), "--out", str(tmp_path / "out"), "-q"])
    assert cli.exit_code == 1
    assert sum(line.startswith("claimkit: error:") for line in cli.stderr.splitlines()) == 4
