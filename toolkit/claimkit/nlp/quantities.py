"""The ``claimkit_quantities`` spaCy component: quantity spans with normalised fields.

Add it to any English pipeline with ``nlp.add_pipe("claimkit_quantities")``
(spaCy finds it through claimkit's entry point). Spans land in
``doc.spans["quantities"]``; each carries ``span._.value``, ``low``, ``high``,
``qualifier``, ``unit``, ``part``, ``whole``, ``share``, ``hedge``, ``change`` ("up", "down" or None:
the figure states a change, "rose 5%"), ``unit_name`` (the unit's canonical name, "kilometre per hour")
and ``dimension`` (what it measures: "speed", "currency", "count").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..grammar import DEFAULT_TOLERANCE, find_dates, find_quantities
from .align import exact_spans

QUANTITY_FIELDS = ("value", "low", "high", "qualifier", "unit", "part", "whole", "share", "hedge", "change", "unit_name",
                   "dimension")

for _name in QUANTITY_FIELDS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class QuantityReader:
    """Find quantities in a Doc and store them as spans with normalised fields."""

    def __init__(self, *, spans_key: str, dates_key: str, tolerance: float):
        self.spans_key = spans_key
        self.dates_key = dates_key
        self.tolerance = tolerance

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # built from the tokens on each access: read once
        if self.dates_key in doc.spans:
            taken = [(s.start_char, s.end_char) for s in doc.spans[self.dates_key]]
        else:  # used without claimkit_dates: still keep years and date ranges out
            taken = [(d.start, d.end) for d in find_dates(text)]
        spans = []
        found = find_quantities(text, tolerance=self.tolerance, skip=taken)
        for q, span in zip(found, exact_spans(doc, [(q.start, q.end) for q in found], "QUANTITY")):
            if span is None:
                continue
            for name in QUANTITY_FIELDS:
                setattr(span._, name, getattr(q, name))
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory(
    "claimkit_quantities",
    default_config={"spans_key": "quantities", "dates_key": "dates", "tolerance": DEFAULT_TOLERANCE},
)
def make_quantities(nlp: Language, name: str, *, spans_key: str, dates_key: str, tolerance: float) -> QuantityReader:
    """Build the quantity reader; ``tolerance`` is the band given to approximate figures (0.1 = ±10%)."""
    return QuantityReader(spans_key=spans_key, dates_key=dates_key, tolerance=tolerance)
