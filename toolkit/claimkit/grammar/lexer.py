"""A small lexer for the number and date grammars.

spaCy's tokenizer keeps "1937–1938" and "mid-1930" whole but splits "1937-38",
so the grammars read their own tokens: numbers (with thousands separators,
decimal points or commas, exponents and vulgar fractions, each with its value), words, single
punctuation marks, and web addresses, e-mail addresses and telephone numbers
(kind ``skip``: never read as figures),
each with its character offsets and whether white space stands before it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

_SPACES = " \u00a0\u202f\u2009"
_TOKEN = re.compile(
    r"(?P<skip>(?:https?://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+\d{1,3}(?:[-/ ]\d+){2,})"
    r"|(?P<dotted>(?<![\d.])\d+(?:\.\d+){2,}(?![\d.]*\d))"
    r"|(?P<num>\d+(?:\.\d+)?[eE][+-]?\d+(?![\w])"
    rf"|(?<![\w.,])\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:\.\d+)?(?![\d,]|[{_SPACES}.,]\d)"
    r"|(?<![\d.,])\d{1,3}(?:\.\d{3})+,\d+(?![\d,.]\d)"
    r"|(?<![\d.,])\d+,\d{1,2}(?![\d]|[,.]\d)"
    r"|(?<![\d.,])\d+ \. \d+(?= ?(?:%|per ?cent))"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"
    r"|\d+(?:\.\d+)?"
    r"|(?<![\w.])\.\d+"
    r"|[¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<punct>[^\w\s])"
    r"|(?P<under>_)"
)
_SENTENCE_END = {".", "!", "?"}
# a decimal comma: "5,00", "1,3", "1.111,11" (a comma before one or two digits, or after dotted thousands)
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}|\d{1,3}(?:\.\d{3})+,\d+")


@dataclass(slots=True)
class Tok:
    kind: str  # "num", "word", "punct" or "skip"
    text: str
    lower: str
    start: int
    end: int
    space: bool  # white space stands before this token
    newline: bool  # a line break stands before this token
    value: float | None = None  # a number token's value

    @property
    def glued(self) -> bool:
        return not self.space


def number_value(text: str) -> float:
    """The value of a number token's text ("1,250,000", "40 000", ".08", "1.3e6", "½", "5,00", "1.111,11")."""
    if len(text) == 1 and not text.isascii():
        return unicodedata.numeric(text)
    if _DECIMAL_COMMA.fullmatch(text):
        return float(text.replace(".", "").replace(",", "."))
    if " . " in text:  # "6 . 2 %" in tokenised news text
        text = text.replace(" . ", ".")
    for sep in "," + _SPACES:
        text = text.replace(sep, "")
    return float(text)


def lex(text: str) -> list[Tok]:
    """Tokens of ``text`` with offsets; ``space``/``newline`` tell what precedes each."""
    tokens: list[Tok] = []
    prev_end = 0

    def add(kind: str, start: int, end: int) -> None:
        nonlocal prev_end
        gap = text[prev_end:start]
        tok_text = text[start:end]
        value = number_value(tok_text) if kind == "num" else None
        if value is not None and (not math.isfinite(value) or len(tok_text) > 40):
            kind, value = "skip", None  # "1e999", a 4,000-digit run: no figure anyone wrote
        tokens.append(Tok(kind, tok_text, tok_text.lower(), start, end, bool(gap) or not tokens, "\n" in gap, value))
        prev_end = end

    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "dotted":  # "192.168.1.2": whole numbers between dots, never decimals
            pos = m.start()
            for part in m.group().split("."):
                if pos > m.start():
                    add("punct", pos - 1, pos)
                add("num", pos, pos + len(part))
                pos += len(part) + 1
            continue
        add("punct" if kind == "under" else kind, m.start(), m.end())
    return tokens


def sentence_initial(tokens: list[Tok], i: int) -> bool:
    """True when token ``i`` opens a sentence, a paragraph or a quotation."""
    j = i - 1
    while j >= 0 and tokens[j].kind == "punct" and tokens[j].text in "“\"‘'(":
        j -= 1
    if j < 0 or tokens[i].newline or (j < i - 1 and tokens[j + 1].newline):
        return True
    return tokens[j].text in _SENTENCE_END or tokens[j].text in ":;"
