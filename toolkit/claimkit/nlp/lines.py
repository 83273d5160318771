"""The ``claimkit_lines`` spaCy component: a text's own line structure as sentence starts.

The parser reads "Across the Channel" + blank line + "A ship docked ..." as one sentence, and an
infobox row or a list item as part of the line before. Before the parser runs, this component
starts a sentence after a blank line, after a line that reads as a heading (short, with no final
full stop), before a list item ("- ", "* ", "1. ") and at every line of a table ("a | b"). Lines
wrapped in the middle of a sentence stay joined. The parser respects starts set before it.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

_BULLET = re.compile(r"(?:[-*•–]|\d{1,2}[.)])\s")
_HEADING_MAX = 60


def _breaks(text: str) -> set[int]:
    """Character offsets where a new sentence starts, from the lines of ``text``."""
    out = set()
    lines = text.split("\n")
    offset = 0
    previous = None
    for line in lines:
        stripped = line.strip()
        start = offset + (len(line) - len(line.lstrip()))
        if previous is not None and stripped:
            prev = previous.strip()
            blank = not prev
            heading = 0 < len(prev) <= _HEADING_MAX and not prev.endswith((".", ",", ";", "-", "–", "(", "and", "or"))
            listed = bool(_BULLET.match(stripped)) or "|" in stripped or "|" in prev
            if blank or heading or listed:
                out.add(start)
        previous = line if stripped or previous is None else ""
        offset += len(line) + 1
    return out


class LineBreaker:
    """Mark the first token of each line that starts a sentence of its own (see the module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        starts = _breaks(doc.text)
        if not starts:
            return doc
        for tok in doc:
            if tok.idx in starts and tok.i > 0 and not tok.is_space:
                tok.is_sent_start = True
        return doc


@Language.factory("claimkit_lines", requires=[], assigns=["token.is_sent_start"])
def make_lines(nlp: Language, name: str) -> LineBreaker:
    """Build the line breaker: add it before the parser (``nlp.add_pipe("claimkit_lines", before="parser")``)."""
    return LineBreaker()
