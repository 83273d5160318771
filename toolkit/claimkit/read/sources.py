"""Read source files into :class:`Source` objects: decoded, cleaned, and mapped.

A Source keeps three things side by side: the original text (the decoded
file; every offset claimkit reports points into it), the cleaned text that the
NLP pipeline reads (visible HTML text, boilerplate and footnote markers
removed) and the :class:`~claimkit.read.offsets.OffsetMap` between them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .. import _data
from ..errors import CatalogError, ClaimkitError, SourceError
from .catalog import Catalog, issued_iso, load_catalog
from .html import visible_text
from .offsets import OffsetMap, without_ranges

SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
DEFAULT_FALLBACK = "cp1252"

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATELINE = re.compile(
    rf"^(?:(?:published|posted|updated|written|last updated)(?: on)?:?\s+)?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{_MONTHS})\.?\s+"
    rf"(?:(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?P<year>1[5-9]\d\d|20\d\d)$",
    re.IGNORECASE,
)
# Footnote markers glued to a word or a closing quote: "million1.", "purged4.", "personality”2."
_GLUED_MARKER = re.compile(
    r"(?:(?<=[a-z]{3})|(?<=[a-z.!?,][”\"’)]))(\d{1,3})(?=[\s.,;:!?)”\"’]|$)"
)
_BRACKET_MARKER = re.compile(r"\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*|[a-z]|note \d+|nb \d+|citation needed)\]", re.I)
_SUPERSCRIPT = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_SUPER_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_MD_MARKUP = re.compile(r"(?m)^#{1,6}\s+|\*\*|__|^\s*>\s?|<!--.*?-->", re.S)


@dataclass
class Source:
    """One source file, decoded and cleaned, with the map back to its original text."""

    source_id: str
    path: str
    original: str
    text: str
    offsets: OffsetMap
    content_hash: str
    encoding: str
    format: str
    metadata: dict = field(default_factory=dict)
    excluded: list[dict] = field(default_factory=list)
    footnotes: list[dict] = field(default_factory=list)
    issued: str | None = None
    issued_from: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the cleaned text to offsets in the original text."""
        return self.offsets.to_original(start, end)

    def to_record(self) -> dict:
        """The source as a record of the ``source`` JSON Schema."""
        meta = self.metadata
        authors = [
            " ".join(p for p in (a.get("given"), a.get("family")) if p) or a.get("literal", "")
            for a in meta.get("author", [])
        ]
        return {
            "source_id": self.source_id,
            "path": self.path,
            "content_hash": self.content_hash,
            "format": self.format,
            "encoding": self.encoding,
            "n_chars": len(self.original),
            "title": meta.get("title"),
            "authors": authors,
            "issued": self.issued,
            "issued_from": self.issued_from,
            "url": meta.get("URL"),
            "genre": meta.get("genre"),
            "excluded": self.excluded,
            "footnotes": self.footnotes,
            "warnings": self.warnings,
        }


@dataclass
class ReadResult:
    """What :func:`read_sources` found: the sources, and the inputs that failed."""

    sources: list[Source]
    errors: list[ClaimkitError]
    warnings: list[str]


def decode(data: bytes, path, fallback: str = DEFAULT_FALLBACK) -> tuple[str, str, str | None]:
    """Decode file bytes as UTF-8 (BOM or not), else as ``fallback`` with a warning.

    Returns ``(text, encoding, warning)``. Raises :class:`SourceError` for an
    empty, binary or undecodable file.
    """
    if not data.strip():
        raise SourceError(path, "file is empty; there is no text to read (remove it or add the essay's text)")
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or controls > len(head) * 0.05:
        raise SourceError(path, "looks like a binary file, not text; claimkit reads .txt, .md and .html (save it as plain text)")
    try:
        return data.decode("utf-8-sig"), "utf-8", None
    except UnicodeDecodeError as err:
        position = err.start
    try:
        text = data.decode(fallback)
    except (UnicodeDecodeError, LookupError):
        raise SourceError(
            path,
            f"cannot be decoded as UTF-8 (byte {position}) nor as {fallback}; "
            "re-save it as UTF-8 or pass --encoding with its encoding",
        ) from None
    warning = f"{path}: not UTF-8 (byte {position}); read as {fallback}. Pass --encoding if that is wrong"
    return text, fallback, warning


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, trimmed of surrounding white space."""
    spans, pos = [], 0
    for m in list(_PARAGRAPH_BREAK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if chunk.strip():
            spans.append((pos + lead, pos + trail))
        pos = m.end() if m else end
    return spans


def find_boilerplate(text: str) -> list[dict]:
    """Ranges of ``text`` that are not the author's (ads, calls to action, footers)."""
    rules = _data.load("boilerplate")
    patterns = [re.compile(p, re.IGNORECASE) for p in rules["line_patterns"]]
    headings = set(rules["footer_headings"])
    references = set(rules["reference_headings"])
    paragraphs = _paragraphs(text)
    marked: dict[int, tuple[int, int, str]] = {}
    for i, (start, end) in enumerate(paragraphs):
        chunk = text[start:end]
        heading = chunk.strip().rstrip(":").strip().lower()
        if heading in headings or heading in references:
            reason = "footer" if heading in headings else "references"
            for j in range(i, len(paragraphs)):
                marked[j] = (*paragraphs[j], reason)
            break
        hits = [m for m in re.finditer(r"[^\n]+", chunk) if any(p.search(m.group()) for p in patterns)]
        if not hits:
            continue
        if len(chunk.split()) <= rules["max_paragraph_words"]:
            marked[i] = (start, end, "advertising")
        else:
            for n, m in enumerate(hits):
                marked[(i, n)] = (start + m.start(), start + m.end(), "advertising")
    # Short paragraphs that touch an advertising paragraph belong to it.
    grew = True
    while grew:
        grew = False
        for i, (start, end) in enumerate(paragraphs):
            chunk = text[start:end]
            if i in marked or len(chunk.split()) > rules["neighbour_words"] or any(ch.isdigit() for ch in chunk) or chunk.rstrip().endswith("."):
                continue
            if marked.get(i - 1, (0, 0, ""))[2] == "advertising" or marked.get(i + 1, (0, 0, ""))[2] == "advertising":
                marked[i] = (start, end, "advertising")
                grew = True
    return [
        {"start": s, "end": e, "reason": reason, "text": text[s:e]}
        for s, e, reason in sorted(marked.values())
    ]


def find_footnote_markers(text: str) -> list[dict]:
    """Footnote markers: glued digits, bracketed references and superscripts."""
    found = []
    for m in _GLUED_MARKER.finditer(text):
        found.append({"marker": m.group(1), "start": m.start(1), "end": m.end(1), "style": "glued"})
    for m in _BRACKET_MARKER.finditer(text):
        found.append({"marker": m.group(1), "start": m.start(), "end": m.end(), "style": "bracket"})
    for m in _SUPERSCRIPT.finditer(text):
        found.append({"marker": m.group().translate(_SUPER_DIGITS), "start": m.start(), "end": m.end(), "style": "superscript"})
    return sorted(found, key=lambda f: f["start"])


def find_dateline(text: str, excluded: list[dict]) -> dict | None:
    """A first or last paragraph that is only a date: the source's own date."""
    inside = [(e["start"], e["end"]) for e in excluded]
    paragraphs = [p for p in _paragraphs(text) if not any(s <= p[0] < e for s, e in inside)]
    for start, end in paragraphs[-1:] + paragraphs[:1]:
        m = _DATELINE.match(text[start:end].strip())
        if m:
            month = _MONTHS.split("|").index(m.group("month").lower()) + 1
            day = m.group("d1") or m.group("d2")
            iso = f"{m.group('year')}-{month:02d}" + (f"-{int(day):02d}" if day else "")
            return {"start": start, "end": end, "reason": "dateline", "text": text[start:end], "issued": iso}
    return None


def _markdown_ranges(text: str) -> list[tuple[int, int, str]]:
    """Markdown markup to drop: link targets and emphasis or heading marks."""
    ranges = []
    for m in _MD_LINK.finditer(text):
        ranges.append((m.start(), m.start(1), ""))  # "[" or "!["
        ranges.append((m.end(1), m.end(), ""))  # "](url)"
    for m in _MD_MARKUP.finditer(text):
        ranges.append((m.start(), m.end(), ""))
    return ranges


def clean(original: str, fmt: str) -> dict:
    """Turn an original text into the cleaned view, with everything that was set aside."""
    footnotes: list[dict] = []
    title = None
    if fmt == "html":
        visible, outer, sup_markers, title = visible_text(original)
        footnotes += [{"marker": m, "start": s, "end": e, "style": "superscript"} for s, e, m in sup_markers]
    elif fmt == "md":
        visible, outer = without_ranges(original, _markdown_ranges(original))
    else:
        visible, outer = original, None

    excluded = find_boilerplate(visible)
    dateline = find_dateline(visible, excluded)
    if dateline:
        excluded.append(dateline)
    inside = [(e["start"], e["end"]) for e in excluded]
    markers = [m for m in find_footnote_markers(visible) if not any(s <= m["start"] < e for s, e in inside)]

    drops = [(e["start"], e["end"], "\n\n") for e in excluded] + [(m["start"], m["end"], "") for m in markers]
    text, inner = without_ranges(visible, drops)
    mapping = outer.then(inner) if outer is not None else inner

    def to_original(item: dict) -> dict:
        if outer is None:
            return item
        start, end = outer.to_original(item["start"], item["end"])
        out = dict(item, start=start, end=end)
        if "text" in item:
            out["text"] = original[start:end]
        return out

    return {
        "text": text,
        "offsets": mapping,
        "excluded": [to_original(e) for e in sorted(excluded, key=lambda e: e["start"])],
        "footnotes": sorted(footnotes + [to_original(m) for m in markers], key=lambda f: f["start"]),
        "title": title,
    }


def read_source(
    path: str | Path,
    *,
    source_id: str | None = None,
    metadata: dict | None = None,
    encoding: str = DEFAULT_FALLBACK,
) -> Source:
    """Read one file into a :class:`Source`.

    Raises:
        SourceError: the file is missing, of an unsupported type, empty, binary or undecodable.
    """
    path = Path(path)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise SourceError(path, f"unsupported file type {path.suffix or '(none)'!r}; claimkit reads {', '.join(sorted(SUFFIXES))}")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(path, f"cannot be read ({err.strerror}); check the path and its permissions") from None
    original, used, warning = decode(data, path, encoding)
    if not original.strip():
        raise SourceError(path, "has no text after decoding; nothing to read")
    cleaned = clean(original, fmt)
    if not cleaned["text"].strip():
        raise SourceError(path, "has no readable text once markup and boilerplate are set aside")
    metadata = dict(metadata or {})
    if cleaned["title"] and "title" not in metadata:
        metadata["title"] = cleaned["title"]
    issued, issued_from = issued_iso(metadata.get("issued")), "catalog"
    dateline = next((e for e in cleaned["excluded"] if e["reason"] == "dateline"), None)
    if issued is None:
        issued, issued_from = (dateline["issued"], "text") if dateline else (None, None)
    excluded = [{k: v for k, v in e.items() if k != "issued"} for e in cleaned["excluded"]]
    return Source(
        source_id=source_id or path.stem,
        path=str(path),
        original=original,
        text=cleaned["text"],
        offsets=cleaned["offsets"],
        content_hash=hashlib.sha256(data).hexdigest(),
        encoding=used,
        format=fmt,
        metadata=metadata,
        excluded=excluded,
        footnotes=cleaned["footnotes"],
        issued=issued,
        issued_from=issued_from,
        warnings=[warning] if warning else [],
    )


def iter_files(paths: Iterable[str | Path]) -> Iterable[tuple[Path, Path | None]]:
    """Yield ``(file, folder it was found in)``: files as given, folders walked recursively."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f, p
        else:
            yield p, None


def read_sources(
    paths: Iterable[str | Path],
    *,
    catalog: str | Path | None = None,
    encoding: str = DEFAULT_FALLBACK,
) -> ReadResult:
    """Read files and folders, matching each file to its catalog entry.

    Every bad input becomes an entry of ``errors`` and reading goes on with
    the rest. A catalog is ``catalog`` or a ``catalog.json`` beside the files.

    Example:
        >>> result = read_sources(["sources/"])
        >>> [s.source_id for s in result.sources]  # doctest: +SKIP
    """
    errors: list[ClaimkitError] = []
    warnings: list[str] = []
    catalogs: dict[Path, Catalog] = {}

    def catalog_for(folder: Path) -> Catalog:
        if folder not in catalogs:
            candidate = Path(catalog) if catalog else folder / "catalog.json"
            if candidate in catalogs:
                catalogs[folder] = catalogs[candidate]
            elif catalog or candidate.exists():
                try:
                    catalogs[folder] = load_catalog(candidate)
                except CatalogError as err:
                    errors.append(err)
                    catalogs[folder] = Catalog(path=str(candidate), entries={}, errors=[])
                errors.extend(catalogs[folder].errors)
                catalogs[candidate] = catalogs[folder]
            else:
                catalogs[folder] = Catalog(path=None, entries={}, errors=[])
        return catalogs[folder]

    sources: list[Source] = []
    seen: set[str] = set()
    for path, folder in iter_files(paths):
        if not path.exists():
            errors.append(SourceError(path, "no such file or folder; check the path"))
            continue
        cat = catalog_for(folder or path.parent)
        entry = cat.match(path, folder)
        source_id = str(entry["id"]) if entry else path.stem
        if source_id in seen:
            errors.append(SourceError(path, f"source id {source_id!r} is used by another file; rename one or give it its own catalog id"))
            continue
        try:
            source = read_source(path, source_id=source_id, metadata=entry, encoding=encoding)
        except SourceError as err:
            errors.append(err)
            continue
        seen.add(source_id)
        warnings.extend(source.warnings)
        sources.append(source)
    return ReadResult(sources=sources, errors=errors, warnings=warnings)
