"""A small lexer for the number and date grammars.

spaCy's tokenizer keeps "1937–1938" and "mid-1930" whole but splits "1937-38",
so the grammars read their own tokens: digit runs (with thousands separators
and decimals), words, and single punctuation marks, each with its character
offsets and whether white space stands before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|\d+(?:\.\d+)?)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<punct>[^\w\s])"
    r"|(?P<under>_)"
)
_SENTENCE_END = {".", "!", "?"}


@dataclass(slots=True)
class Tok:
    kind: str  # "num", "word" or "punct"
    text: str
    lower: str
    start: int
    end: int
    space: bool  # white space stands before this token
    newline: bool  # a line break stands before this token

    @property
    def glued(self) -> bool:
        return not self.space


def lex(text: str) -> list[Tok]:
    """Tokens of ``text`` with offsets; ``space``/``newline`` tell what precedes each."""
    tokens: list[Tok] = []
    prev_end = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "under":
            kind = "punct"
        gap = text[prev_end:m.start()]
        tok_text = m.group()
        tokens.append(Tok(kind, tok_text, tok_text.lower(), m.start(), m.end(), bool(gap) or not tokens, "\n" in gap))
        prev_end = m.end()
    return tokens


def sentence_initial(tokens: list[Tok], i: int) -> bool:
    """True when token ``i`` opens a sentence, a paragraph or a quotation."""
    j = i - 1
    while j >= 0 and tokens[j].kind == "punct" and tokens[j].text in "“\"‘'(":
        j -= 1
    if j < 0 or tokens[i].newline or (j < i - 1 and tokens[j + 1].newline):
        return True
    return tokens[j].text in _SENTENCE_END or tokens[j].text in ":;"
