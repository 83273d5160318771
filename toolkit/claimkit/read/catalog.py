"""CSL-JSON catalogs: the metadata (title, author, date, URL, genre) of source files.

Every field a later step relies on is checked when the catalog is read: the entry's shape
against ``catalog-entry.schema.json``, and dates against the calendar (``[[2019, 2, 30]]`` is
no day; a ``raw`` or ``literal`` date must read as one date, "sometime in spring" does not).
A bad field is reported with the file, the entry and the field, and dropped; the entry keeps
its other metadata.

An entry describes a file when its ``custom.file`` names it (relative to the catalog), its
id is the file's stem or its path under the folder, or, failing those, its title or the last
part of its URL reads as the file's name ("The Great Famine" for ``the-great-famine.txt``).
That last rule is what lets a Zotero export, whose ids are item URLs, describe files.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from ..errors import CatalogError
from ..store import schema_errors

_DATE_FIELDS = ("issued", "accessed")


@dataclass
class Catalog:
    """Entries keyed by id (bad fields dropped); what was wrong is in ``errors``."""

    path: str | None
    entries: dict[str, dict]
    errors: list[CatalogError]
    used: set[str] = field(default_factory=set)

    def match(self, path: Path, folder: Path | None) -> dict | None:
        """The entry describing ``path`` (see the module docstring), or None."""
        entry = self.candidates(path, folder)
        return entry[1] if entry else None

    def candidates(self, path: Path, folder: Path | None) -> tuple[str, dict] | None:
        """``(how, entry)``: how is ``"file"`` for a ``custom.file`` match, else ``"name"``."""
        here = Path(self.path).parent if self.path else None
        for entry in self.entries.values():
            target = (entry.get("custom") or {}).get("file")
            if target and here is not None and (here / target).resolve() == path.resolve():
                return "file", entry
        names = {path.stem}
        if folder is not None:
            try:
                rel = path.relative_to(folder)
            except ValueError:
                rel = None
            if rel is not None:
                names |= {rel.as_posix(), rel.with_suffix("").as_posix()}
        for name in names:
            if name in self.entries:
                return "name", self.entries[name]
        slug = _slug(path.stem)
        for entry in self.entries.values():
            if slug and (_slug(entry.get("title")) == slug or _slug(_url_name(entry.get("URL"))) == slug):
                return "name", entry
        return None

    def unmatched(self) -> list[str]:
        """Warnings for the entries that describe no file read."""
        return [f"{self.path}: entry {name!r}" + (f" ({entry['title']!r})" if entry.get("title") else "")
                + " matches no file read; name its file in custom.file, or give it the file's name as id"
                for name, entry in self.entries.items() if name not in self.used]


def _slug(text) -> str:
    if not isinstance(text, str):
        return ""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", bare.casefold()).strip("-")


def _url_name(url) -> str:
    if not isinstance(url, str):
        return ""
    last = [p for p in urlparse(url).path.split("/") if p]
    return re.sub(r"\.\w{2,5}$", "", last[-1]) if last else ""


def load_catalog(path: str | Path) -> Catalog:
    """Read and check a CSL-JSON catalog.

    Raises:
        CatalogError: the file is missing or not a JSON array. A bad field does not
        raise: it is dropped, the entry kept, and the problem listed in ``Catalog.errors``.
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
        if not isinstance(entry, dict):
            errors.append(CatalogError(path, "is not a JSON object; each entry is one CSL-JSON item", entry=f"#{i + 1}"))
            continue
        raw_id = entry.get("id")
        name = str(raw_id) if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) and str(raw_id) else f"#{i + 1}"
        kept, problems = check_entry(entry)
        for problem in problems:
            errors.append(CatalogError(path, f"{problem}; the entry's other metadata is kept", entry=name))
        if name in entries:
            errors.append(CatalogError(path, "the id is used twice; give each entry its own id (this one is left out)",
                                       entry=name))
            continue
        entries[name] = kept
    return Catalog(path=str(path), entries=entries, errors=errors)


def check_entry(entry: dict) -> tuple[dict, list[str]]:
    """The entry without its bad fields, and one ``field: problem`` line per bad field."""
    kept = dict(entry)
    problems: list[str] = []
    bad: dict[str, str] = {}
    for where, message in schema_errors("catalog-entry", entry):
        top = where[0] if where else None
        if top is None:
            problems.append(message)
        elif top not in bad:
            bad[top] = f"field {'/'.join(map(str, where))}: {message}"
    for name in _DATE_FIELDS:
        if name in kept and name not in bad:
            _, problem = date_iso(kept[name])
            if problem:
                bad[name] = f"field {name}: {problem}"
    for name, problem in bad.items():
        kept.pop(name, None)
        problems.append(problem)
    return kept, problems


def date_iso(value) -> tuple[str | None, str | None]:
    """A CSL date as ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or the problem with it."""
    if not value:
        return None, None
    if not isinstance(value, dict):
        return None, f"{value!r} is not a CSL date; write it as {{\"date-parts\": [[YYYY, MM, DD]]}}"
    parts = value.get("date-parts")
    if parts:
        try:
            first = [int(p) for p in parts[0]]
        except (TypeError, ValueError, IndexError):
            return None, f"date-parts {parts!r} are not numbers; write [[YYYY, MM, DD]]"
        if not first:
            return None, "date-parts is empty; write [[YYYY, MM, DD]]"
        year, rest = first[0], first[1:3]
        if not -9999 <= year <= 9999 or year == 0:
            return None, f"year {year} is not one claimkit can store (1 to 9999, or -1 to -9999 BC)"
        if rest and not 1 <= rest[0] <= 12:
            return None, f"month {rest[0]} is not a month (1 to 12)"
        if len(rest) == 2 and year > 0:
            try:
                date(year, rest[0], rest[1])
            except ValueError:
                return None, f"{year:04d}-{rest[0]:02d}-{rest[1]:02d} is not a day of the calendar"
        elif len(rest) == 2 and not 1 <= rest[1] <= 31:
            return None, f"day {rest[1]} is not a day of the month"
        sign = "-" if year < 0 else ""
        return sign + "-".join([f"{abs(year):04d}"] + [f"{p:02d}" for p in rest]), None
    raw = value.get("raw") or value.get("literal")
    if isinstance(raw, str) and raw.strip():
        iso = _read_date(raw.strip())
        if iso is None:
            return None, (f"{raw!r} does not read as one date; write it as date-parts [[YYYY, MM, DD]] "
                          "or a raw date such as \"2019-03-05\" or \"March 2019\"")
        return iso, None
    return None, None


def _read_date(raw: str) -> str | None:
    """One date written in words or digits ("5 March 2019", "2019-03", "spring 2019"), as ISO."""
    from ..grammar import find_dates

    try:
        found = find_dates(raw)
    except Exception:  # the grammar has its own tests; a catalog date it cannot read is just unread
        return None
    if len(found) != 1 or not found[0].date_start or found[0].end - found[0].start < len(raw.rstrip(". ")) - 1:
        return None
    d = found[0]
    if d.precision == "day":
        return d.date_start
    if d.precision == "month":
        return d.date_start[:7]
    if d.precision in ("year", "season"):
        return d.date_start[:4]
    return None


def issued_iso(issued: dict | None) -> str | None:
    """A CSL date as ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (None when absent or unreadable)."""
    return date_iso(issued)[0]
