"""Progress of a long run on a terminal: files and claims done, rate and time left, on one line.

Quiet when stderr is not a terminal (piped or redirected) or when asked to be:
:func:`progress_for` then returns None and nothing is printed.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """A callback for ``extract_sources(on_source=...)`` that redraws one status line.

    ``start(total)`` is called (when the caller knows it) before the first source.
    """

    def __init__(self, stream: TextIO | None = None, clock=time.monotonic):
        self.stream = stream or sys.stderr
        self.clock = clock
        self.total: int | None = None
        self.done = 0
        self.claims = 0
        self.began = clock()

    def start(self, total: int) -> None:
        self.total, self.began = total, self.clock()

    def line(self) -> str:
        """The status line as it stands: "3/10 files, 212 claims, 1.5 files/s, about 5 s left"."""
        spent = max(self.clock() - self.began, 1e-9)
        rate = self.done / spent
        files = f"{self.done}/{self.total}" if self.total else f"{self.done}"
        text = f"{files} files, {self.claims:,} claims, {rate:.1f} files/s"
        if self.total and self.done < self.total and rate > 0:
            text += f", about {round((self.total - self.done) / rate)} s left"
        return text

    def __call__(self, source, n_claims: int) -> None:
        self.done += 1
        self.claims += n_claims
        end = "\n" if self.total and self.done >= self.total else ""
        self.stream.write(f"\r  {self.line()}\033[K{end}")
        self.stream.flush()


def progress_for(quiet: bool, stream: TextIO | None = None) -> Progress | None:
    """A :class:`Progress` for an interactive terminal, or None when quiet or piped."""
    stream = stream or sys.stderr
    if quiet or not stream.isatty():
        return None
    return Progress(stream)
