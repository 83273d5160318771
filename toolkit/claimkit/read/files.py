"""Which files an audit reads, and the id each source gets.

Folders are walked recursively; hidden files and folders, ``catalog.json`` files (read as
catalogs), an audit's own outputs and the droppings of operating systems and word processors (``Thumbs.db``,
``desktop.ini``, Word's ``~$`` lock files) are passed over. Every other file that claimkit
cannot read becomes an error saying how to save it, so nothing in a folder is skipped silently.

Source ids are unique per file. A file's id is its catalog id or its stem ("essay" for
``essays/essay.txt``) when no other file of the run (and no other file already stored in the
database) has that id; otherwise its path relative to the folder it was found in, without the
suffix ("year10/essay"), then with it ("year10/essay.md"), then under the folder's own name,
and last with a hash of its absolute path. A file stored before keeps the id it had, so
re-auditing never renames a source. Files that share an id move on together: none of them
keeps the short id, whichever comes first.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import SourceError
from .documents import READERS, SAVE_AS

SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
            **READERS}
READABLE = ", ".join(sorted({".txt", ".md", ".html", *READERS}))
_JUNK = {"thumbs.db", "desktop.ini", ".ds_store"}


@dataclass(frozen=True)
class Found:
    """One file to read: where it is, and the folder the user named (its parent for a file named alone)."""

    path: Path
    root: Path
    in_folder: bool

    @property
    def absolute(self) -> str:
        return os.path.abspath(self.path)


def _skipped(f: Path, root: Path, excluded: set[str]) -> bool:
    rel = f.relative_to(root)
    if any(part.startswith(".") for part in rel.parts) or f.name.lower() in _JUNK or f.name.startswith("~$"):
        return True
    return f.name == "catalog.json" or any(os.path.abspath(f).startswith(x + os.sep) or os.path.abspath(f) == x
                                           for x in excluded)


def list_files(paths: Iterable[str | Path], *, exclude: Iterable[str | Path] = ()) -> tuple[list[Found], list[SourceError]]:
    """The files to read under ``paths``, and an error for each file that is not read.

    ``exclude`` names files and folders to pass over (an audit's own outputs, a ``--catalog``).
    A path that does not exist is an error too.
    """
    excluded = {os.path.abspath(x) for x in exclude}
    found: list[Found] = []
    errors: list[SourceError] = []
    seen: set[str] = set()
    for p in map(Path, paths):
        if p.is_dir():
            candidates = [(f, p, True) for f in sorted(p.rglob("*")) if f.is_file() and not _skipped(f, p, excluded)]
        elif p.exists() or p.is_symlink():
            candidates = [(p, p.parent, False)]
        else:
            errors.append(SourceError(p, "no such file or folder; check the path"))
            continue
        for f, root, in_folder in candidates:
            key = os.path.abspath(f)
            if key in seen:
                continue
            seen.add(key)
            suffix = f.suffix.lower()
            if suffix in SUFFIXES:
                found.append(Found(f, root, in_folder))
            elif suffix in SAVE_AS:
                errors.append(SourceError(f, f"not read: {SAVE_AS[suffix]}"))
            else:
                errors.append(SourceError(f, f"not read: claimkit reads {READABLE} files; save it as one of those "
                                             "(or move it out of the folder)"))
    return found, errors


def _candidates(f: Found, base: str | None) -> list[str]:
    rel = f.path.relative_to(f.root) if f.in_folder else Path(f.path.name)
    stem_path = rel.with_suffix("").as_posix()
    ids = [base or f.path.stem, stem_path, rel.as_posix(), f"{f.root.name}/{rel.as_posix()}" if f.root.name else rel.as_posix()]
    digest = hashlib.sha1(f.absolute.encode("utf-8")).hexdigest()[:8]
    ids.append(f"{rel.as_posix()}@{digest}")
    return ids


def assign_ids(files: list[Found], *, catalog_ids: dict[Path, str] | None = None,
               stored: dict[str, str] | None = None) -> dict[Path, str]:
    """A unique source id for each file (see the module docstring).

    ``catalog_ids`` maps files to the ids of their catalog entries; ``stored`` maps the ids
    already in the database to the absolute paths of their files.
    """
    catalog_ids = catalog_ids or {}
    stored = stored or {}
    stored_by_path = {path: sid for sid, path in stored.items()}
    candidates = {f.path: _candidates(f, catalog_ids.get(f.path)) for f in files}
    ids: dict[Path, str] = {}
    used: set[str] = set()
    for f in files:  # a file stored before keeps its id
        old = stored_by_path.get(f.absolute)
        if old is not None and old in candidates[f.path] and old not in used:
            ids[f.path] = old
            used.add(old)
    remaining = [f for f in files if f.path not in ids]
    for level in range(len(next(iter(candidates.values()), []))):
        counts = Counter(candidates[f.path][level] for f in remaining)
        for f in remaining:
            sid = candidates[f.path][level]
            free = sid not in used and stored.get(sid, f.absolute) == f.absolute
            if counts[sid] == 1 and free:
                ids[f.path] = sid
                used.add(sid)
        remaining = [f for f in remaining if f.path not in ids]
        if not remaining:
            break
    for f in remaining:  # cannot happen with the hashed last level; kept so no file goes without an id
        ids[f.path] = f"{candidates[f.path][-1]}-{len(used)}"
        used.add(ids[f.path])
    return ids
