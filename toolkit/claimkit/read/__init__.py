"""Reading: files and a CSL-JSON catalog in, :class:`Source` objects out.

A Source keeps the original text as decoded, the visible text (HTML reduced,
boilerplate and footnote markers set aside), the offset map between the two
and the file's metadata. Nothing downstream ever needs the file again.
"""

from .catalog import Catalog, issued_iso, load_catalog
from .offsets import OffsetMap, TextBuilder, without_ranges
from .sources import (
    DEFAULT_FALLBACK,
    ReadResult,
    Source,
    decode,
    find_boilerplate,
    find_footnote_markers,
    read_source,
    read_sources,
)

__all__ = [
    "Catalog", "DEFAULT_FALLBACK", "OffsetMap", "ReadResult", "Source", "TextBuilder", "decode",
    "find_boilerplate", "find_footnote_markers", "issued_iso", "load_catalog", "read_source", "read_sources",
    "without_ranges",
]
