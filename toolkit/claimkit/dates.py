"""The ``claimkit_dates`` spaCy component: date and period spans as intervals.

Spans land in ``doc.spans["dates"]`` with ``span._.date_start`` and
``date_end`` (inclusive ISO dates, None where open or unresolved),
``precision``, ``approximate``, ``modifier``, ``relative`` and ``anchor`` (the
span it took its year or reference from). The rules are documented in
:mod:`claimkit.date_grammar`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

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
        spans, by_start = [], {}
        for d in find_dates(doc.text):
            span = doc.char_span(d.start, d.end, label="DATE", alignment_mode="expand")
            if span is None:
                continue
            for name in DATE_FIELDS[:-1]:
                setattr(span._, name, getattr(d, name))
            span._.anchor = by_start.get(d.anchor)
            by_start[d.start] = span
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("claimkit_dates", default_config={"spans_key": "dates"})
def make_dates(nlp: Language, name: str, *, spans_key: str) -> DateReader:
    """Build the date reader."""
    return DateReader(spans_key=spans_key)
