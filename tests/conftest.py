"""Shared fixtures: the trained pipeline once per session, paths to the real inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"
REFERENCE = ROOT / "claims" / "reference" / "soviet-repression-1930s.csv"
PERSONS = ROOT / "claims" / "reference" / "persons.csv"


@pytest.fixture(scope="session")
def nlp():
    from claimkit.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def blank_nlp():
    """claimkit's date and quantity components on a blank English pipeline (no trained model needed)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("claimkit_dates")
    nlp.add_pipe("claimkit_quantities")
    return nlp


@pytest.fixture(scope="session")
def demo_audit(tmp_path_factory, nlp):
    import claimkit

    out = tmp_path_factory.mktemp("demo-audit")
    return claimkit.audit([ROOT / "sources"], out_dir=out, nlp=nlp, references=[REFERENCE], persons=PERSONS)


@pytest.fixture(scope="session")
def seeds_audit(tmp_path_factory, nlp):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    import claimkit

    out = tmp_path_factory.mktemp("seeds-audit")
    return claimkit.audit([SEEDS], out_dir=out, nlp=nlp, references=[REFERENCE], persons=PERSONS)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _docx_paragraph(text: str) -> str:
    """One paragraph; "{n}" in the text places footnote n's reference mark."""
    import re
    from xml.sax.saxutils import escape

    runs = []
    for part in re.split(r"(\{\d+\})", text):
        if re.fullmatch(r"\{\d+\}", part):
            runs.append(f'<w:r><w:footnoteReference w:id="{part[1:-1]}"/></w:r>')
        elif part:
            runs.append(f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
    return f"<w:p>{''.join(runs)}</w:p>"


def make_docx(path: Path, paragraphs: list[str], footnotes: dict[int, str] | None = None) -> Path:
    """A minimal Word document written by hand (python-docx cannot write footnotes)."""
    import zipfile
    from xml.sax.saxutils import escape

    footnotes = footnotes or {}
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.document.main+xml"/>'
             '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.footnotes+xml"/></Types>')
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>')
    doc_rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{_REL}/footnotes" Target="footnotes.xml"/></Relationships>')
    body = "".join(_docx_paragraph(p) for p in paragraphs)
    document = f'<w:document {_W}><w:body>{body}<w:sectPr/></w:body></w:document>'
    notes = "".join(f'<w:footnote w:id="{n}"><w:p><w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r></w:p></w:footnote>'
                    for n, t in footnotes.items())
    footnotes_xml = (f'<w:footnotes {_W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
                     f'</w:p></w:footnote>{notes}</w:footnotes>')
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/document.xml", document)
        z.writestr("word/footnotes.xml", footnotes_xml)
    return path


def make_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF with a text layer, written by hand (pypdf reads PDFs; it does not lay out text)."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 11 Tf 72 760 Td 14 TL " + " ".join(f"({esc(line)}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(out))
    return path
