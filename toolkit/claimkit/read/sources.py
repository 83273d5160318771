"""Read source files into :class:`Source` objects: decoded, cleaned, and mapped.

A Source keeps three things side by side: the original text (the decoded
file, or the text extracted from a .docx or .pdf; every offset claimkit reports
points into it), the cleaned text that the NLP pipeline reads (visible HTML
text, Markdown marks and, in plain text too, the underscores or asterisks of
emphasis, boilerplate and footnote markers removed) and the
:class:`~claimkit.read.offsets.OffsetMap` between them.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import CatalogError, ClaimkitError, SourceError
from .boilerplate import find_boilerplate, find_dateline
from .catalog import Catalog, issued_iso, load_catalog
from .decode import check_encoding, decode
from .documents import READERS, read_document
from .files import SUFFIXES, Found, assign_ids, list_files
from .html import visible_text
from .offsets import OffsetMap, without_ranges

# Footnote markers glued to a word or a closing quote: "million1.", "purged4.", "personality”2."
_GLUED_MARKER = re.compile(
    r"(?:(?<=[a-z]{3})|(?<=[a-z.!?,][”\"’)]))(\d{1,3})(?=[\s.,;:!?)”\"’]|$)"
)
_BRACKET_MARKER = re.compile(r"\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*|[a-z]|note \d+|nb \d+|citation needed)\]", re.I)
_SUPERSCRIPT = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_SUPER_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_MD_MARKUP = re.compile(r"(?m)^#{1,6}\s+|\*\*|__|^\s*>\s?|<!--.*?-->", re.S)
# one underscore or asterisk each side of a phrase, at word bounds: emphasis in Markdown, and in plain
# text copied from wikis and editors ("the _levée en masse_"); never inside a word ("snake_case", "5*")
_EMPHASIS = re.compile(r"(?<![\w*_])([_*])(?=[^\s_*])[^\n]*?[^\s_*]\1(?![\w*_])")


@dataclass
class Source:
    """One source file, decoded and cleaned, with the map back to its original text.

    ``content_hash`` is the SHA-256 of the file's bytes (the report checks a file has not
    changed since it was audited); ``text_hash`` that of the original text, so the same essay
    saved twice, or as .txt and as .docx, is known as the same text (``same_text_as``).
    ``extracted`` marks an original extracted from a .docx or .pdf: the audit stores it beside
    the outputs, at ``original_file`` (relative to the output folder).
    """

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
    text_hash: str = ""
    same_text_as: list[str] = field(default_factory=list)
    extracted: bool = False
    original_file: str | None = None

    def __post_init__(self):
        if not self.text_hash:
            self.text_hash = hashlib.sha256(self.original.encode("utf-8")).hexdigest()

    def __repr__(self) -> str:
        return (f"Source({self.source_id!r}, path={self.path!r}, format={self.format!r}, "
                f"{len(self.original):,} characters)")

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the cleaned text to offsets in the original text."""
        return self.offsets.to_original(start, end)

    def to_record(self, relative_to: str | Path | None = None) -> dict:
        """The source as a record of the ``source`` JSON Schema.

        ``path`` is the file's absolute path, or its path relative to ``relative_to`` (the
        output folder, so ``claimkit report`` finds it from any working directory).
        """
        meta = self.metadata
        authors = [
            " ".join(p for p in (a.get("given"), a.get("family")) if p) or a.get("literal", "")
            for a in meta.get("author", [])
        ]
        path = os.path.abspath(self.path)
        if relative_to is not None:
            try:
                path = Path(os.path.relpath(path, os.path.abspath(relative_to))).as_posix()
            except ValueError:  # another drive on Windows: keep it absolute
                pass
        return {
            "source_id": self.source_id,
            "path": path,
            "content_hash": self.content_hash,
            "text_hash": self.text_hash,
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
            "same_text_as": list(self.same_text_as),
            "original_file": self.original_file,
        }


@dataclass
class ReadResult:
    """What :func:`read_sources` found: the sources, and the inputs that failed."""

    sources: list[Source]
    errors: list[ClaimkitError]
    warnings: list[str]


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


def _markdown_ranges(text: str) -> list[tuple[int, int, str]]:
    """Markdown markup to drop: link targets and emphasis or heading marks. An image alone on its
    line is left whole, for the boilerplate rules to set aside as an image."""
    ranges = []
    for m in _MD_LINK.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        alone = not text[line_start:m.start()].strip() and not text[m.end():None if line_end < 0 else line_end].strip()
        if m.group().startswith("!") and alone:
            continue
        ranges.append((m.start(), m.start(1), ""))  # "[" or "!["
        ranges.append((m.end(1), m.end(), ""))  # "](url)"
    for m in _MD_MARKUP.finditer(text):
        ranges.append((m.start(), m.end(), ""))
    taken = sorted((s, e) for s, e, _ in ranges)
    return ranges + [r for r in _emphasis_ranges(text) if not any(s < r[1] and r[0] < e for s, e in taken)]


def _emphasis_ranges(text: str) -> list[tuple[int, int, str]]:
    """The marks of single-underscore or single-asterisk emphasis, to drop (the words stay)."""
    ranges = []
    for m in _EMPHASIS.finditer(text):
        ranges.append((m.start(), m.start() + 1, ""))
        ranges.append((m.end() - 1, m.end(), ""))
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
        emphasis = _emphasis_ranges(original)
        visible, outer = without_ranges(original, emphasis) if emphasis else (original, None)

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
    encoding: str | None = None,
) -> Source:
    """Read one file into a :class:`Source`.

    ``encoding`` is the one to fall back on for a file that is not UTF-8 and has no
    byte-order mark (default ``cp1252``); UTF-16 and UTF-32 are detected.

    Raises:
        SourceError: the file is missing, of an unsupported type, empty, binary or undecodable.
        UsageError: ``encoding`` names no codec.
    """
    path = Path(path)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise SourceError(path, f"unsupported file type {path.suffix or '(none)'!r}; claimkit reads {', '.join(sorted(SUFFIXES))}")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(path, f"cannot be read ({err.strerror}); check the path and its permissions") from None
    if fmt in READERS.values():
        if not data:
            raise SourceError(path, "file is empty; there is no text to read (remove it or add the essay's text)")
        original, used, warning = read_document(path, fmt), "utf-8", None
    else:
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
        issued, issued_from = (dateline["issued"], "text") if dateline and dateline["issued"] else (None, None)
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
        extracted=fmt in READERS.values(),
    )


def read_sources(
    paths: Iterable[str | Path],
    *,
    catalog: str | Path | None = None,
    encoding: str | None = None,
    exclude: Iterable[str | Path] = (),
    stored: dict[str, str] | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> ReadResult:
    """Read files and folders, matching each file to its catalog entry.

    Every bad input becomes an entry of ``errors`` and reading goes on with the rest; a
    file in a folder that claimkit does not read is an error too, saying how to save it.
    A catalog is ``catalog``, or the ``catalog.json`` nearest above each file in the folder named. ``exclude`` lists
    files and folders not to read (an audit's output folder); ``stored`` maps the source ids
    already in a database to their files' absolute paths, so a new file never takes the id
    of another (see :mod:`claimkit.read.files`). ``progress("read", done, total)`` is
    called before the first file (``done`` 0) and after each.

    Raises:
        UsageError: ``encoding`` names no codec.

    Example:
        >>> result = read_sources(["sources/"])
        >>> [s.source_id for s in result.sources]  # doctest: +SKIP
    """
    check_encoding(encoding)
    files, problems = list_files(paths, exclude=[*exclude, *([catalog] if catalog else [])])
    errors: list[ClaimkitError] = list(problems)
    warnings: list[str] = []
    catalogs: dict[Path, Catalog] = {}
    report_unmatched: set[int] = set()

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

    entries: dict[Path, dict] = {}
    matched: dict[tuple[int, str], list[tuple[str, Path]]] = defaultdict(list)
    for f in files:
        cat = catalog_for(_catalog_folder(f) if not catalog else f.root)
        if f.in_folder or catalog:
            report_unmatched.add(id(cat))
        hit = cat.candidates(f.path, f.root if f.in_folder else None)
        if hit:
            how, entry = hit
            name = next(k for k, v in cat.entries.items() if v is entry)
            matched[(id(cat), name)].append((how, f.path))
            entries[f.path] = entry
    by_id = {id(c): c for c in catalogs.values()}
    for (cat_id, name), hits in matched.items():
        cat = by_id[cat_id]
        cat.used.add(name)
        if len(hits) > 1 and not all(how == "file" for how, _ in hits):  # one entry, several files: none gets it
            for _, path in hits:
                entries.pop(path, None)
            warnings.append(f"{cat.path}: entry {name!r} fits several files ({', '.join(str(p) for _, p in hits)}); "
                            "none gets its metadata. Name its file in custom.file")
    catalog_ids = {path: str(e["id"]) for path, e in entries.items()
                   if isinstance(e.get("id"), (str, int)) and not isinstance(e.get("id"), bool) and str(e["id"])}
    ids = assign_ids(files, catalog_ids=catalog_ids, stored=stored)

    sources: list[Source] = []
    if progress is not None:
        progress("read", 0, len(files))
    for n, f in enumerate(files, 1):
        try:
            source = read_source(f.path, source_id=ids[f.path], metadata=entries.get(f.path), encoding=encoding)
        except SourceError as err:
            errors.append(err)
        else:
            warnings.extend(source.warnings)
            sources.append(source)
        if progress is not None:
            progress("read", n, len(files))
    for cat in by_id.values():
        if id(cat) in report_unmatched and cat.path:
            warnings.extend(cat.unmatched())
    mark_same_texts(sources)
    return ReadResult(sources=sources, errors=errors, warnings=warnings)


def _catalog_folder(f: Found) -> Path:
    """The folder whose ``catalog.json`` describes a file: the nearest one above it, up to the folder named."""
    folder = f.path.parent
    while f.in_folder and folder != f.root and not (folder / "catalog.json").is_file() and f.root in folder.parents:
        folder = folder.parent
    return folder


def mark_same_texts(sources: list[Source], stored: dict[str, str] | None = None) -> None:
    """Fill each source's ``same_text_as``: the other sources (and stored ones, ``{source_id:
    text_hash}``) whose original text is the same, character for character."""
    by_hash: dict[str, list[str]] = defaultdict(list)
    for sid, text_hash in (stored or {}).items():
        by_hash[text_hash].append(sid)
    for s in sources:
        if s.source_id not in by_hash[s.text_hash]:
            by_hash[s.text_hash].append(s.source_id)
    for s in sources:
        s.same_text_as = sorted(x for x in by_hash[s.text_hash] if x != s.source_id)


def reread_source(record: dict, folder: str | Path) -> Source:
    """A stored source (a ``source`` record of the database in ``folder``) read again from its file.

    The record's ``path`` is relative to ``folder`` (or absolute; databases of earlier versions
    hold paths relative to where the audit ran, tried last). A .docx or .pdf is read from the
    text stored at ``original_file``, which its offsets point into.

    Raises:
        SourceError: the file is gone, unreadable, or has changed since it was audited.
    """
    folder = Path(folder)
    path = Path(record["path"])
    if not path.is_absolute() and ((folder / path).exists() or not path.exists()):
        path = folder / path
    meta = {"title": record.get("title"), "URL": record.get("url"), "genre": record.get("genre"),
            "author": [{"literal": a} for a in (record.get("authors") or [])]}
    meta = {k: v for k, v in meta.items() if v is not None and v == v}
    stored = record.get("original_file")
    if isinstance(stored, str) and stored:
        source = read_source(folder / stored, source_id=record["source_id"], metadata=meta, encoding="utf-8")
        same = source.text_hash == record.get("text_hash")
        source.path, source.format, source.extracted, source.original_file = str(path), record["format"], True, stored
        source.content_hash = record.get("content_hash") or source.content_hash
    else:
        encoding = record.get("encoding")
        fallback = encoding if isinstance(encoding, str) and encoding not in ("utf-8", "") else None
        try:
            check_encoding(fallback)
        except ClaimkitError:
            fallback = None
        source = read_source(path, source_id=record["source_id"], metadata=meta, encoding=fallback)
        same = source.content_hash == record.get("content_hash")
    if not same:
        raise SourceError(path, "changed since it was audited; re-run 'claimkit audit' to mark its claims")
    issued = record.get("issued")
    source.issued = source.issued or (issued if isinstance(issued, str) else None)
    same_text = record.get("same_text_as")
    source.same_text_as = list(same_text) if same_text is not None and not isinstance(same_text, float) else []
    return source
