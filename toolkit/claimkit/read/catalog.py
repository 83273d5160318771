"""CSL-JSON catalogs: the metadata (title, author, date, URL, genre) of source files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import CatalogError
from ..store import record_errors


@dataclass
class Catalog:
    """Valid entries keyed by id; the invalid ones become ``errors``."""

    path: str | None
    entries: dict[str, dict]
    errors: list[CatalogError]

    def match(self, path: Path, folder: Path | None) -> dict | None:
        """The entry for ``path``: its ``custom.file`` names it, or its id is the file's stem."""
        for entry in self.entries.values():
            target = entry.get("custom", {}).get("file")
            if target and self.path and (Path(self.path).parent / target).resolve() == path.resolve():
                return entry
        return self.entries.get(path.stem)


def load_catalog(path: str | Path) -> Catalog:
    """Read and validate a CSL-JSON catalog.

    Raises:
        CatalogError: the file is missing or not a JSON array. A bad entry does
        not raise: it is left out and reported in ``Catalog.errors``.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as err:
        raise CatalogError(path, f"cannot be read ({err.strerror}); check the --catalog path") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise CatalogError(path, f"is not valid JSON ({err}); export the catalog again as CSL-JSON") from None
    if isinstance(data, dict) and "items" in data:
        data = data["items"]
    if not isinstance(data, list):
        raise CatalogError(path, "must be a JSON array of CSL-JSON items (Zotero: Export Collection > CSL JSON)")
    entries, errors = {}, []
    for i, entry in enumerate(data):
        name = str(entry.get("id", f"#{i}")) if isinstance(entry, dict) else f"#{i}"
        problems = record_errors("catalog-entry", entry)
        if problems:
            errors.append(CatalogError(path, f"{problems[0]}; fix that field (the file is read without this entry's metadata)", entry=name))
            continue
        if name in entries:
            errors.append(CatalogError(path, "the id is used twice; give each entry its own id", entry=name))
            continue
        entries[name] = entry
    return Catalog(path=str(path), entries=entries, errors=errors)


def issued_iso(issued: dict | None) -> str | None:
    """A CSL date as ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (None when absent)."""
    if not issued:
        return None
    parts = issued.get("date-parts")
    if parts and parts[0]:
        first = [int(p) for p in parts[0]]
        return "-".join([f"{first[0]:04d}"] + [f"{p:02d}" for p in first[1:]])
    raw = issued.get("raw") or issued.get("literal")
    return str(raw) if raw else None
