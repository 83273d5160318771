"""spaCy: a ``Doc`` in, spans with ``Span._`` fields out.

Three factories, found through entry points: ``claimkit_dates`` and
``claimkit_quantities`` put the grammars' readings on token-exact spans,
``claimkit_claims`` frames them (what is counted, what happened, when, where,
how sure, on whose word) from the tagger's and the parser's output. Citations
and attributions are read from plain text here too, because frames need them.
"""

from .citations import (
    Attribution,
    Citation,
    citations_table,
    cited_near,
    find_attributions,
    find_citations,
    in_citation,
    sentence_sources,
)
from .dates import DATE_FIELDS, REFERENCE_KEY
from .frames import EVENT_FIELDS, FOOTNOTES_KEY, FRAME_FIELDS, ClaimFramer, hedge_of
from .pipeline import DEFAULT_MODEL, add_components, load_pipeline
from .quantities import QUANTITY_FIELDS

__all__ = [
    "Attribution", "Citation", "ClaimFramer", "DATE_FIELDS", "DEFAULT_MODEL", "EVENT_FIELDS", "FOOTNOTES_KEY",
    "FRAME_FIELDS", "QUANTITY_FIELDS", "REFERENCE_KEY", "add_components", "citations_table", "cited_near",
    "find_attributions", "find_citations", "hedge_of", "in_citation", "load_pipeline", "sentence_sources",
]
