"""A Doc's text, entities and sentence starts, computed once per Doc instead of on every access.

spaCy builds ``doc.text`` and ``doc.ents`` anew from the tokens each time they are read, and
``token.sent`` walks the Doc to find the sentence's bounds; the frame rules read them for every
figure and token, which made framing cost as much as the recogniser. The text of a Doc never
changes; entities and sentence starts may (a component run later), so :func:`forget` drops them
when a Doc is framed again. Kept in weak maps, but the cached entities are Spans, which hold their
Doc: whoever reads them calls :func:`forget` when done (the claim framer does, after each Doc), or
the Doc is never freed.
"""

from __future__ import annotations

from bisect import bisect_right
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span

_TEXT: WeakKeyDictionary = WeakKeyDictionary()
_ENTS: WeakKeyDictionary = WeakKeyDictionary()
_STARTS: WeakKeyDictionary = WeakKeyDictionary()


def text_of(doc: Doc) -> str:
    """``doc.text``, built once."""
    text = _TEXT.get(doc)
    if text is None:
        text = _TEXT[doc] = doc.text
    return text


def ents_of(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents`` as they were when first read since the last :func:`forget`."""
    ents = _ENTS.get(doc)
    if ents is None:
        ents = _ENTS[doc] = tuple(doc.ents)
    return ents


def sent_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """``(start, end)`` token bounds of token ``i``'s sentence (``doc[i].sent``) without walking the Doc."""
    starts = _STARTS.get(doc)
    if starts is None:
        starts = _STARTS[doc] = [s.start for s in doc.sents] + [len(doc)]
    k = bisect_right(starts, i) - 1
    return starts[k], starts[k + 1]


def forget(doc: Doc) -> None:
    """Drop what was kept of ``doc``'s entities and sentences (they are read again on next use)."""
    _ENTS.pop(doc, None)
    _STARTS.pop(doc, None)
