"""Make spans that cover exactly the characters a grammar read.

spaCy keeps "3/4", "22,24,26" or "2.48×10−5" as one token, so a figure read
inside such a token has no token-aligned span. Rather than widen the span (and
point at characters the figure is not), the token is split at the figure's
edges. Span groups already on the Doc are rebuilt from their character
offsets afterwards, since splitting shifts token indices (``Span._`` values are
keyed by character offsets and survive). ``doc.text`` is built anew from the
tokens on every access, so it is read once per call (once per split, it made
long documents quadratic).
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span


def _cuts(doc: Doc, ranges: list[tuple[int, int]]) -> dict[int, list[int]]:
    """Token index -> character offsets inside that token where a range starts or ends."""
    starts = [t.idx for t in doc]
    cuts: dict[int, set[int]] = {}
    for start, end in ranges:
        for pos in (start, end):
            i = bisect_right(starts, pos) - 1
            if i >= 0 and starts[i] < pos < starts[i] + len(doc[i].text):
                cuts.setdefault(i, set()).add(pos)
    return {i: sorted(v) for i, v in cuts.items()}


def split_tokens_at(doc: Doc, ranges: list[tuple[int, int]]) -> None:
    """Split tokens so that every ``(start, end)`` character range falls on token edges."""
    cuts = _cuts(doc, ranges)
    if not cuts:
        return
    groups = {
        key: [(s.start_char, s.end_char, s.label_, s.kb_id_, s.id_) for s in group]
        for key, group in doc.spans.items()
    }
    text = doc.text
    with doc.retokenize() as retokenizer:
        for i, positions in cuts.items():
            tok = doc[i]
            edges = [tok.idx, *positions, tok.idx + len(tok.text)]
            orths = [text[a:b] for a, b in zip(edges, edges[1:]) if b > a]
            heads = [tok.head if tok.head.i != tok.i else (tok, 0)] + [(tok, 0)] * (len(orths) - 1)
            attrs = {"DEP": [tok.dep_ or "dep"] + ["dep"] * (len(orths) - 1)}
            retokenizer.split(tok, orths, heads=heads, attrs=attrs)
    for key, spans in groups.items():
        rebuilt = []
        for start, end, label, kb_id, span_id in spans:
            span = doc.char_span(start, end, label=label, kb_id=kb_id, span_id=span_id)
            if span is not None:
                rebuilt.append(span)
        doc.spans[key] = rebuilt


def exact_spans(doc: Doc, ranges: list[tuple[int, int]], label: str) -> list[Span | None]:
    """Spans for ``ranges`` on exactly those characters (splitting tokens where needed)."""
    split_tokens_at(doc, ranges)
    return [doc.char_span(start, end, label=label) for start, end in ranges]
