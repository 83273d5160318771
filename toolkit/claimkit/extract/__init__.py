"""Extraction: Sources in, the claims and citations tables out.

Each Source goes through the spaCy pipeline; every figure, date and dated
event becomes one claim record with its frame and offsets mapped back to the
original file, and people get one key across sources whatever the spelling.
"""

from .claims import citations_of, claim_id, claims_from_doc, extract, extract_sources
from .names import NameIndex, name_key, normalise_names

__all__ = [
    "NameIndex", "citations_of", "claim_id", "claims_from_doc", "extract", "extract_sources", "name_key",
    "normalise_names",
]
