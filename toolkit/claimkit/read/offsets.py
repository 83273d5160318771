"""Offset maps: every character of a cleaned text remembers where it came from.

Cleaning (HTML to visible text, dropping boilerplate, lifting footnote markers)
changes the text that spaCy sees; claims must still point at the exact
characters of the original file. A :class:`TextBuilder` assembles a cleaned
text piece by piece and records, for each character, the half-open range of
the original it stands for; :class:`OffsetMap` maps spans back.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass


@dataclass(frozen=True)
class OffsetMap:
    """Per-character origin of a derived text: ``original[starts[i]:ends[i]]``.

    A synthetic character (a newline inserted between HTML blocks) has
    ``starts[i] == ends[i]``; an entity such as ``&amp;`` maps one character
    to several.
    """

    starts: array
    ends: array
    original_length: int

    def __len__(self) -> int:
        return len(self.starts)

    def _pos_start(self, i: int) -> int:
        return self.starts[i] if i < len(self.starts) else self.original_length

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the derived span ``[start, end)`` to the original text."""
        if not 0 <= start <= end <= len(self.starts):
            raise ValueError(f"span [{start}, {end}) is outside a text of {len(self.starts)} characters")
        if start == end:
            pos = self._pos_start(start)
            return pos, pos
        return self.starts[start], max(self.ends[end - 1], self.starts[start])

    def then(self, inner: "OffsetMap") -> "OffsetMap":
        """Compose: ``inner`` maps a text derived from this map's text."""
        starts, ends = array("q"), array("q")
        for s, e in zip(inner.starts, inner.ends):
            o_start, o_end = self.to_original(s, e)
            starts.append(o_start)
            ends.append(o_end)
        return OffsetMap(starts, ends, self.original_length)

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls(array("q", range(length)), array("q", range(1, length + 1)), length)


class TextBuilder:
    """Assemble a derived text from pieces of an original, keeping the map."""

    def __init__(self, original: str):
        self.original = original
        self._parts: list[str] = []
        self._starts = array("q")
        self._ends = array("q")

    def copy(self, start: int, end: int) -> None:
        """Append ``original[start:end]`` unchanged."""
        if end <= start:
            return
        self._parts.append(self.original[start:end])
        self._starts.extend(range(start, end))
        self._ends.extend(range(start + 1, end + 1))

    def replace(self, text: str, start: int, end: int) -> None:
        """Append ``text`` standing for ``original[start:end]`` (an entity, say)."""
        self._parts.append(text)
        self._starts.extend([start] * len(text))
        self._ends.extend([end] * len(text))

    def insert(self, text: str, at: int) -> None:
        """Append synthetic ``text`` that stands for nothing in the original."""
        self.replace(text, at, at)

    def last_char(self) -> str:
        for part in reversed(self._parts):
            if part:
                return part[-1]
        return ""

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(self._starts, self._ends, len(self.original))


def without_ranges(text: str, ranges: list[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    """Drop ``ranges`` (start, end, stand_in) from ``text``, keeping a map.

    Each dropped range is replaced by its ``stand_in`` (empty, or a paragraph
    break so sentences do not run together).
    """
    builder = TextBuilder(text)
    pos = 0
    for start, end, stand_in in sorted(ranges):
        if start < pos:  # overlapping ranges: the earlier one already covers it
            start = pos
            if end <= start:
                continue
        builder.copy(pos, start)
        if stand_in:
            builder.insert(stand_in, start)
        pos = end
    builder.copy(pos, len(text))
    return builder.build()
