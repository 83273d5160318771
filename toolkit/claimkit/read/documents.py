"""Word processor files and PDFs to plain text, which then stands as the source's original.

A ``.docx`` is read with python-docx: the body's paragraphs (and table cells) in order, each
footnote reference written as a bracket marker ("[1]"), and the footnotes themselves after a
"Notes" heading, as a student's essay saved as text would have them. python-docx has no API
for footnotes, so their part is read from the package with the XML tools python-docx ships.
A text PDF is read with pypdf, page after page. The extracted text is what claimkit's offsets
point into; the audit stores it beside the outputs (``texts/``) so the report can read it again.

Other word processor formats (.doc, .odt, .rtf, .pages...) are not read: :data:`SAVE_AS`
says how to save each as something claimkit reads.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceError

READERS = {".docx": "docx", ".pdf": "pdf"}

SAVE_AS = {
    ".doc": "an old Word file: open it in Word or LibreOffice and save it as .docx or plain text (.txt)",
    ".odt": "an OpenDocument text: in LibreOffice choose File > Save As > Word (.docx) or Text (.txt)",
    ".rtf": "a Rich Text file: open it in a word processor and save it as .docx or plain text (.txt)",
    ".pages": "a Pages file: in Pages choose File > Export To > Word (.docx) or Plain Text",
    ".wpd": "a WordPerfect file: save it as .docx or plain text (.txt)",
    ".epub": "an e-book: save or copy its chapters as plain text (.txt) or HTML",
    ".odp": "a presentation: export its text as .txt or .pdf",
    ".ppt": "a presentation: export its text as .txt or .pdf",
    ".pptx": "a presentation: export its text as .txt or .pdf",
    ".xls": "a spreadsheet, not an essay: a reference table goes to --reference as .csv",
    ".xlsx": "a spreadsheet, not an essay: a reference table goes to --reference as .csv",
    ".ods": "a spreadsheet, not an essay: a reference table goes to --reference as .csv",
    ".csv": "a table, not an essay: a reference table goes to --reference",
    ".json": "JSON, not an essay: a CSL-JSON catalog goes beside the files as catalog.json or to --catalog",
}

_INSTALL = "pip install python-docx pypdf (they come with claimkit; reinstall it with pip install claimkit)"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _need(module: str, path):
    try:
        return __import__(module)
    except ImportError:
        raise SourceError(path, f"reading {Path(str(path)).suffix} files needs the {module} package: {_INSTALL}") from None


def _runs_text(element, numbers: dict[str, int]) -> str:
    """The text of a paragraph's XML: runs, tabs and breaks, footnote references as "[n]"."""
    out = []
    for node in element.iter():
        tag = node.tag
        if tag == f"{_W}t":
            out.append(node.text or "")
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
        elif tag == f"{_W}footnoteReference":
            ref = node.get(f"{_W}id")
            numbers.setdefault(ref, len(numbers) + 1)
            out.append(f"[{numbers[ref]}]")
    return "".join(out)


def read_docx(path: str | Path) -> str:
    """The text of a .docx: paragraphs (and table cells) in order, then its footnotes under "Notes".

    Raises:
        SourceError: the file is not a Word document python-docx can open.
    """
    docx = _need("docx", path)
    try:
        document = docx.Document(str(path))
    except Exception as err:  # python-docx raises zipfile, KeyError and XML errors alike
        raise SourceError(path, f"is not a Word document claimkit can open ({type(err).__name__}); "
                                "open it in Word and save it again as .docx or as plain text") from None
    numbers: dict[str, int] = {}
    body = document.element.body
    paragraphs = []
    for block in body.iterchildren():
        if block.tag == f"{_W}p":
            paragraphs.append(_runs_text(block, numbers))
        elif block.tag != f"{_W}sectPr":  # tables, content controls: their paragraphs in order
            paragraphs.extend(_runs_text(p, numbers) for p in block.iter(f"{_W}p"))
    notes = _footnotes(document, numbers)
    text = "\n\n".join(p for p in paragraphs if p.strip())
    if notes:
        text += "\n\nNotes\n\n" + "\n\n".join(f"[{n}] {t}" for n, t in notes)
    return text + "\n"


def _footnotes(document, numbers: dict[str, int]) -> list[tuple[int, str]]:
    """The footnotes the body refers to, as (number, text) in the order of their first reference."""
    from docx.oxml import parse_xml

    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype == _FOOTNOTES and not rel.is_external), None)
    if part is None or not numbers:
        return []
    root = parse_xml(part.blob)
    found = {}
    for note in root.iterchildren(f"{_W}footnote"):
        ref = note.get(f"{_W}id")
        if ref in numbers:
            found[numbers[ref]] = " ".join(_runs_text(p, {}) for p in note.iter(f"{_W}p")).strip()
    return sorted(found.items())


def read_pdf(path: str | Path) -> str:
    """The text layer of a PDF, page after page.

    Raises:
        SourceError: the file is not a PDF pypdf can open, is encrypted, or has no text layer.
    """
    pypdf = _need("pypdf", path)
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            raise SourceError(path, "is an encrypted PDF; save an unprotected copy or export its text as .txt")
        pages = [page.extract_text() or "" for page in reader.pages]
    except SourceError:
        raise
    except Exception as err:  # pypdf raises many kinds on damaged files
        raise SourceError(path, f"is not a PDF claimkit can read ({type(err).__name__}); "
                                "export its text as .txt from the program that made it") from None
    text = "\n\n".join(p.strip("\n") for p in pages if p.strip())
    if not text.strip():
        raise SourceError(path, "has no text layer (a scanned PDF?); run it through OCR or type it up as .txt")
    return text + "\n"


def read_document(path: str | Path, kind: str) -> str:
    """The extracted text of a ``docx`` or ``pdf`` file."""
    return read_docx(path) if kind == "docx" else read_pdf(path)
