"""The ``claimkit_dates`` spaCy component: date and period spans as intervals.

Spans land in ``doc.spans["dates"]`` with ``span._.date_start`` and
``date_end`` (inclusive ISO dates, None where open or unresolved),
``precision``, ``approximate``, ``modifier``, ``relative`` and ``anchor`` (the
character offset where the date it took its year or reference from begins: an
int rather than a Span, so Docs still travel between processes in ``nlp.pipe``). The rules are documented in
:mod:`claimkit.date_grammar`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ._align import exact_spans
from .date_grammar import find_dates

DATE_FIELDS = ("date_start", "date_end", "precision", "approximate", "modifier", "relative", "anchor")

for _name in DATE_FIELDS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class DateReader:
    """Find dates and periods in a Doc and store them as spans with their intervals."""

    def __init__(self, *, spans_key: str):
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        found = find_dates(doc.text)
        for d, span in zip(found, exact_spans(doc, [(d.start, d.end) for d in found], "DATE")):
            if span is None:
                continue
            for name in DATE_FIELDS:
                setattr(span._, name, getattr(d, name))
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("claimkit_dates", default_config={"spans_key": "dates"})
def make_dates(nlp: Language, name: str, *, spans_key: str) -> DateReader:
    """Build the date reader."""
    return DateReader(spans_key=spans_key)
