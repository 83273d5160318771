"""An audit's output files, written as a set: all into a private folder first, then swapped in.

Every file of a run goes into a fresh folder inside the output folder, made by
:func:`tempfile.mkdtemp` (an unpredictable name, readable by its owner only, so nothing is
written through a link someone planted in a shared folder). When every file is written, a
manifest naming them is written last; then each file replaces its namesake with
:func:`os.replace` (an atomic rename inside one folder) and the files of the earlier set
that the new one lacks are removed. A run stopped before the manifest leaves the earlier set
as it was; one stopped while moving leaves the manifest, and the next run finishes the move
first (roll forward) before anything else. Leftover folders without a manifest are removed.

The extracted texts of .docx and .pdf sources (``texts/``) are not part of one run's set: the
database keeps every source ever audited into the folder, so their texts stay, each replaced
atomically. One run at a time writes a folder: a lock file (``.claimkit.lock``) serialises
them where the platform has ``fcntl``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError

PREFIX = ".claimkit-run-"
MANIFEST = ".manifest.json"
LOCK = ".claimkit.lock"
TEXTS = "texts"
SET_FILES = tuple(f"{name}.{ext}" for name in ("claims", "citations", "disagreements", "groups", "verdicts",
                                               "names", "sources")
                  for ext in ("jsonl", "csv")) + ("report.html",)


def text_file(source_id: str) -> str:
    """Where the extracted text of a source is kept, relative to the output folder."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", source_id).strip("._")[:80] or "source"
    return f"{TEXTS}/{safe}-{hashlib.sha1(source_id.encode('utf-8')).hexdigest()[:8]}.txt"


class OutputSet:
    """Write a run's files into ``folder`` as one set (see the module docstring).

    Example:
        >>> with OutputSet("claims") as out:  # doctest: +SKIP
        ...     out.path("claims.jsonl").write_text("...")
        ...     out.commit()
    """

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.staging: Path | None = None
        self.names: list[str] = []
        self._lock: int | None = None

    def __enter__(self) -> "OutputSet":
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"{self.folder}: cannot create the output folder ({err.strerror})") from None
        self._lock = _lock(self.folder)
        try:
            recover(self.folder)
            self.staging = Path(tempfile.mkdtemp(prefix=PREFIX, dir=self.folder))
        except BaseException:
            _unlock(self._lock)
            raise
        return self

    def path(self, name: str) -> Path:
        """The staged path of output ``name`` (``"claims.jsonl"``, ``"texts/x.txt"``), its folder made."""
        if self.staging is None:
            raise StoreError("an OutputSet is written inside its 'with' block")
        target = self.staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if name not in self.names:
            self.names.append(name)
        return target

    def keep_texts(self) -> None:
        """Move the staged ``texts/`` into place now (before the database refers to them)."""
        texts = [n for n in self.names if n.startswith(TEXTS + "/")]
        if not texts:
            return
        target = self.folder / TEXTS
        if target.is_symlink() or (target.exists() and not target.is_dir()):
            raise StoreError(f"{target}: is a link or a file; claimkit keeps extracted texts in a folder of its own there")
        target.mkdir(exist_ok=True)
        for name in texts:
            os.replace(self.staging / name, self.folder / name)
            self.names.remove(name)

    def commit(self) -> dict[str, Path]:
        """Swap the staged files in for the earlier set; returns each output's final path."""
        self.keep_texts()
        manifest = self.staging / MANIFEST
        with open(manifest, "w", encoding="utf-8") as f:
            json.dump({"files": self.names}, f)
            f.flush()
            os.fsync(f.fileno())
        _apply(self.folder, self.staging)
        return {name: self.folder / name for name in self.names}

    def __exit__(self, *exc) -> None:
        try:  # a set whose manifest is written is complete: if moving it failed, the next run finishes it
            if self.staging is not None and self.staging.exists() and not (self.staging / MANIFEST).exists():
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            _unlock(self._lock)
            self._lock = None


def _apply(folder: Path, staging: Path) -> None:
    """Move a complete staged set into place, remove what the earlier set had and this one lacks."""
    names = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))["files"]
    for name in names:
        staged = staging / name
        if staged.exists():  # an interrupted move already placed it
            os.replace(staged, folder / name)
    for name in SET_FILES:
        if name not in names and (folder / name).is_file():
            (folder / name).unlink()
    shutil.rmtree(staging, ignore_errors=True)


def recover(folder: str | Path) -> list[str]:
    """Finish or remove what interrupted runs left in ``folder``; returns what was done, one line each."""
    done = []
    for leftover in sorted(Path(folder).glob(PREFIX + "*")):
        if leftover.is_symlink() or not leftover.is_dir():
            continue
        if (leftover / MANIFEST).is_file():
            _apply(Path(folder), leftover)
            done.append(f"{leftover.name}: an interrupted run's outputs were put in place")
        else:
            shutil.rmtree(leftover, ignore_errors=True)
            done.append(f"{leftover.name}: an interrupted run's partial outputs were removed")
    return done


@contextmanager
def folder_lock(folder: str | Path):
    """Hold the output folder's lock (waiting for another run's to be released), if it exists."""
    folder = Path(folder)
    if not folder.is_dir():
        yield
        return
    fd = _lock(folder)
    try:
        yield
    finally:
        _unlock(fd)


def _lock(folder: Path) -> int | None:
    try:
        import fcntl
    except ImportError:  # no advisory locks on this platform: runs are not serialised
        return None
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(folder / LOCK, flags, 0o600)
    except OSError as err:
        raise StoreError(f"{folder / LOCK}: cannot open the lock file ({err.strerror})") from None
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _unlock(fd: int | None) -> None:
    if fd is None:
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)
