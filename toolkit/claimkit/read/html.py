"""Visible text of an HTML page, with a map back to the characters of the page.

Scripts, styles, navigation, headers, footers, forms and asides are not the
author's text and are left out. Entities are decoded, runs of white space
fold to one space, and block elements become paragraph breaks. ``<sup>``
footnote markers are lifted out and returned separately so that
``1,000<sup>2</sup>`` never reads as ``1,0002``.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from .offsets import OffsetMap, TextBuilder

SKIP = {
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
    "form", "button", "select", "svg", "iframe", "head", "canvas", "object",
}
BLOCK = {
    "p", "div", "section", "article", "main", "blockquote", "h1", "h2", "h3", "h4",
    "h5", "h6", "ul", "ol", "li", "table", "tr", "pre", "figure", "figcaption",
    "dl", "dt", "dd", "hr", "address", "caption",
}
BREAK = {"br", "td", "th"}
_ENTITY = re.compile(r"&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?")
_SPACE = re.compile(r"\s+")
_MARKER = re.compile(r"^\s*\[?\s*(\d{1,3}|[a-z]|[ivx]{1,4})\s*\]?\s*$")


class _VisibleText(HTMLParser):
    def __init__(self, raw: str):
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", raw)]
        self.out = TextBuilder(raw)
        self.skip_depth = 0
        self.sup: list[tuple[str, int, int]] | None = None
        self.sup_start = 0
        self.footnotes: list[tuple[int, int, str]] = []
        self.title: str | None = None
        self._in_title = False
        self.pending = ""

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _break(self, text: str) -> None:
        # Breaks wait for the next visible text: no leading or doubled breaks.
        if len(text) > len(self.pending):
            self.pending = text

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        if tag in SKIP:
            self.skip_depth += 1
        elif self.skip_depth:
            return
        elif tag == "sup":
            self.sup, self.sup_start = [], self._offset()
        elif tag in BLOCK:
            self._break("\n\n")
        elif tag in BREAK:
            self._break("\n")

    def handle_startendtag(self, tag, attrs):
        if not self.skip_depth and tag in BREAK | BLOCK:
            self._break("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif self.skip_depth:
            return
        elif tag == "sup" and self.sup is not None:
            pieces, self.sup = self.sup, None
            text = "".join(p[0] for p in pieces)
            if _MARKER.match(text):
                end = self._offset() + len("</sup>")
                self.footnotes.append((self.sup_start, end, text.strip().strip("[]").strip()))
            else:
                for piece, start, end in pieces:
                    self._emit(piece, start, end)
        elif tag in BLOCK:
            self._break("\n\n")

    def _emit(self, text: str, start: int, end: int) -> None:
        if self.sup is not None:
            self.sup.append((text, start, end))
            return
        if text == " " and (self.pending or self.out.last_char() in ("", " ", "\n")):
            return
        if self.pending:
            if self.out.last_char():
                self.out.insert(self.pending, start)
            self.pending = ""
        if end - start == len(text):
            self.out.copy(start, end)
        else:
            self.out.replace(text, start, end)

    def handle_data(self, data):
        if self._in_title and self.title is None and data.strip():
            self.title = _SPACE.sub(" ", data).strip()
        if self.skip_depth:
            return
        base = self._offset()
        pos = 0
        for m in _SPACE.finditer(data):
            if m.start() > pos:
                self._emit(data[pos:m.start()], base + pos, base + m.start())
            self._emit(" ", base + m.start(), base + m.end())
            pos = m.end()
        if pos < len(data):
            self._emit(data[pos:], base + pos, base + len(data))

    def _entity(self):
        if self.skip_depth:
            return
        start = self._offset()
        m = _ENTITY.match(self.raw, start)
        end = m.end() if m else start + 1
        self._emit(html.unescape(self.raw[start:end]), start, end)

    def handle_entityref(self, name):
        self._entity()

    def handle_charref(self, name):
        self._entity()


def visible_text(raw: str) -> tuple[str, OffsetMap, list[tuple[int, int, str]], str | None]:
    """Return the visible text of ``raw`` HTML, its map, the ``<sup>`` markers and the title.

    Markers are ``(start, end, marker)`` in ``raw``'s offsets.
    """
    parser = _VisibleText(raw)
    parser.feed(raw)
    parser.close()
    text, mapping = parser.out.build()
    return text, mapping, parser.footnotes, parser.title
