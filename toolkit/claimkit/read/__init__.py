"""Reading: files and a CSL-JSON catalog in, :class:`Source` objects out.

A Source keeps the original text as decoded (or as extracted from a .docx or
.pdf), the visible text (HTML reduced, boilerplate and footnote markers set
aside), the offset map between the two and the file's metadata. Nothing
downstream ever needs the file again.
"""

from .catalog import Catalog, issued_iso, load_catalog
from .decode import DEFAULT_FALLBACK, check_encoding, decode
from .files import SUFFIXES, assign_ids, list_files
from .offsets import OffsetMap, TextBuilder, without_ranges
from .sources import (
    ReadResult,
    Source,
    find_boilerplate,
    find_footnote_markers,
    mark_same_texts,
    read_source,
    read_sources,
    reread_source,
)

__all__ = [
    "Catalog", "DEFAULT_FALLBACK", "OffsetMap", "ReadResult", "SUFFIXES", "Source", "TextBuilder", "assign_ids",
    "check_encoding", "decode", "find_boilerplate", "find_footnote_markers", "issued_iso", "list_files",
    "load_catalog", "mark_same_texts", "read_source", "read_sources", "reread_source",
    "without_ranges",
]
