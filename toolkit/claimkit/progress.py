"""Progress of a run, stage by stage: a bar per stage on a terminal (rich), in Jupyter (tqdm).

Library functions stay quiet: they take a callback ``progress(stage, done, total)`` and call
it as they go (stages: ``read``, ``extract``, ``compare``, ``store``, ``export``, ``report``;
``total`` may be None when unknown). Only the command line and :func:`claimkit.audit` wire a
display to it, and only where someone is watching: :func:`progress_for` gives None (silence)
when asked to be quiet or when stderr is piped or redirected.
"""

from __future__ import annotations

import sys
from typing import Callable, Optional, TextIO

STAGES = ("read", "extract", "compare", "store", "export", "report")

ProgressCallback = Callable[[str, int, Optional[int]], None]


class BarProgress:
    """One rich progress bar per stage on a terminal, each with its own count and time left."""

    def __init__(self, stream: TextIO | None = None):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.console = Console(file=stream or sys.stderr)
        self.bars = Progress(TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(),
                             TimeElapsedColumn(), TimeRemainingColumn(), console=self.console)
        self.tasks: dict[str, int] = {}
        self.started = False

    def __call__(self, stage: str, done: int, total: int | None = None) -> None:
        if not self.started:
            self.bars.start()
            self.started = True
        if stage not in self.tasks:
            self.tasks[stage] = self.bars.add_task(stage, total=total)
        self.bars.update(self.tasks[stage], completed=done, total=total)

    def close(self) -> None:
        """Stop redrawing, leaving the finished bars on screen."""
        if self.started:
            self.bars.stop()
            self.started = False


class NotebookProgress:
    """One tqdm bar per stage in Jupyter (``tqdm.auto``: a widget where ipywidgets is installed)."""

    def __init__(self):
        self.bars: dict[str, object] = {}

    def __call__(self, stage: str, done: int, total: int | None = None) -> None:
        import warnings

        from tqdm.auto import tqdm

        bar = self.bars.get(stage)
        if bar is None:
            with warnings.catch_warnings():  # no ipywidgets: tqdm says so, then draws text bars
                warnings.simplefilter("ignore")
                bar = self.bars[stage] = tqdm(total=total, desc=stage, leave=True)
        if total is not None and bar.total != total:
            bar.total = total
        bar.update(done - bar.n)
        if total is not None and done >= total:
            bar.close()

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def in_notebook() -> bool:
    """Whether this runs in a Jupyter kernel (IPython's ZMQ shell)."""
    if "IPython" not in sys.modules:
        return False
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def progress_for(quiet: bool, stream: TextIO | None = None) -> BarProgress | NotebookProgress | None:
    """A display for an interactive run: tqdm bars in Jupyter, rich bars on a terminal's stderr,
    None (silence) when quiet or piped."""
    if quiet:
        return None
    if in_notebook():
        return NotebookProgress()
    stream = stream or sys.stderr
    if not stream.isatty():
        return None
    return BarProgress(stream)
