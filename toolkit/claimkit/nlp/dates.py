"""The ``claimkit_dates`` spaCy component: date and period spans as intervals.

Spans land in ``doc.spans["dates"]`` with ``span._.date_start`` and
``date_end`` (inclusive ISO dates, None where open or unresolved),
``precision``, ``approximate``, ``modifier``, ``relative`` and ``anchor`` (the
character offset where the date it took its year or reference from begins: an
int rather than a Span, so Docs still travel between processes in
``nlp.pipe``). The rules are documented in :mod:`claimkit.grammar.dates`.

"Yesterday" or "next week" resolve only against the day a text was written:
set it per Doc in ``doc.user_data["claimkit_reference"]`` (claimkit does so
from a source's full ``issued`` date) or for all texts in the ``reference``
setting.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..grammar import find_dates
from .align import exact_spans

DATE_FIELDS = ("date_start", "date_end", "precision", "approximate", "modifier", "relative", "anchor")

for _name in DATE_FIELDS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


REFERENCE_KEY = "claimkit_reference"  # doc.user_data key: the ISO date a text was written


class DateReader:
    """Find dates and periods in a Doc and store them as spans with their intervals."""

    def __init__(self, *, spans_key: str, reference: str | None, month_first: bool):
        self.spans_key = spans_key
        self.reference = reference
        self.month_first = month_first

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        found = find_dates(doc.text, reference=self.reference_of(doc), month_first=self.month_first)
        for d, span in zip(found, exact_spans(doc, [(d.start, d.end) for d in found], "DATE")):
            if span is None:
                continue
            for name in DATE_FIELDS:
                setattr(span._, name, getattr(d, name))
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


    def reference_of(self, doc: Doc) -> date | None:
        """The date the text was written: ``doc.user_data["claimkit_reference"]``, else the configured one."""
        value = doc.user_data.get(REFERENCE_KEY) or self.reference
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"claimkit_dates: reference {value!r} is not an ISO date (YYYY-MM-DD); "
                             "set it to the day the text was written, or leave it empty") from None


@Language.factory("claimkit_dates", default_config={"spans_key": "dates", "reference": None, "month_first": False})
def make_dates(nlp: Language, name: str, *, spans_key: str, reference: str | None, month_first: bool) -> DateReader:
    """Build the date reader. ``reference`` (ISO date) is the day texts were written, for "yesterday" and
    "next week"; a Doc's own ``user_data["claimkit_reference"]`` overrides it. ``month_first`` reads "5/6/1939"
    the American way."""
    return DateReader(spans_key=spans_key, reference=reference, month_first=month_first)
