"""The ``claimkit_spans`` spaCy component: claimkit's spans gathered under spaCy's default key, labelled.

spaCy's span visualiser (``displacy.render(doc, style="span")``) and its span
categoriser read ``doc.spans["sc"]`` unless told otherwise. This component,
added last, puts the dates, quantities and events there with the labels
``DATE``, ``QUANTITY`` and ``EVENT`` (events keep their own group too, now
labelled), so the visualiser needs no ``spans_key`` option. ``Span._`` values
are stored by character offsets, so the labelled spans keep every field.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

DEFAULT_KEY = "sc"  # spaCy's default span group (displacy, spancat)


class SpanGatherer:
    """Copy the spans of ``keys`` into ``target``, giving unlabelled ones the label of their group."""

    def __init__(self, *, keys: dict[str, str], target: str):
        self.keys = keys
        self.target = target

    def __call__(self, doc: Doc) -> Doc:
        gathered = []
        for key, label in self.keys.items():
            if key not in doc.spans:
                continue
            spans = [s if s.label_ else Span(doc, s.start, s.end, label=label) for s in doc.spans[key]]
            if any(not s.label_ for s in doc.spans[key]):
                doc.spans[key] = spans
            gathered.extend(spans)
        doc.spans[self.target] = sorted(gathered, key=lambda s: (s.start, -s.end))
        return doc


@Language.factory("claimkit_spans",
                  default_config={"keys": {"dates": "DATE", "quantities": "QUANTITY", "events": "EVENT"},
                                  "target": DEFAULT_KEY})
def make_spans(nlp: Language, name: str, *, keys: dict[str, str], target: str) -> SpanGatherer:
    """Build the gatherer: ``keys`` maps a span group to the label its unlabelled spans get."""
    return SpanGatherer(keys=keys, target=target)
