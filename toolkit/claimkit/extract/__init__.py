"""Extraction: Sources in, the claims and citations tables out.

Sources stream through the spaCy pipeline in bounded batches, long texts in
chunks, each source in isolation (one that fails is left out with an error);
every figure, date and dated event becomes one claim record with its frame and
offsets mapped back to the original file, and people get one key across
sources whatever the spelling.
"""

from .claims import assign_name_keys, citations_of, claim_id, claims_from_doc
from .names import NameIndex, name_key, normalise_names
from .stream import BATCH_SIZE, CHUNK_CHARS, Extraction, chunk_bounds, extract, extract_all, extract_sources

__all__ = [
    "BATCH_SIZE", "CHUNK_CHARS", "Extraction", "NameIndex", "assign_name_keys", "chunk_bounds", "citations_of",
    "claim_id", "claims_from_doc", "extract", "extract_all", "extract_sources", "name_key", "normalise_names",
]
