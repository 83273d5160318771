"""Reference tables: figures and dates as cited works give them, with their bibliography and person list.

A reference table is a CSV file (or a JSON list of objects) whose rows follow
``schemas/reference.schema.json``; beside it, ``<name>.bib.json`` holds the
CSL-JSON items its ``citation`` ids point at. A person list (``persons.csv``:
``name``, ``variants`` separated by ``|``, ``role``, ``citation``, ``note``)
gives reference spellings. ``claims/reference/`` in the project holds one of
each for the Soviet 1930s.
"""

from __future__ import annotations

import csv
import json
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import InputFormatError, SchemaError
from ..store import record_errors

DEFAULT_FOLDER = Path("claims") / "reference"
_NUMBERS = ("value", "low", "high")


@dataclass
class ReferenceTable:
    """The rows of one or more reference tables, with the works they cite."""

    rows: list[dict] = field(default_factory=list)
    works: dict[str, dict] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    def cite(self, citation: str | None) -> str | None:
        """A citation as a reader sees it: the CSL item formatted, or the full reference as written."""
        if not citation:
            return None
        item = self.works.get(citation)
        return format_reference(item) if item else citation


@lru_cache(maxsize=1)
def _style():
    from citeproc import CitationStylesStyle

    return CitationStylesStyle("harvard-cite-them-right", validate=False)  # shipped with citeproc-py


def format_reference(item: dict) -> str:
    """One line for a CSL-JSON item, formatted by citeproc-py in the Harvard (Cite Them Right) style that
    ships with it, volume, issue and pages included: "Ellman, M. (2002) 'Soviet Repression Statistics:
    Some Comments', Europe-Asia Studies, 54(7), pp. 1151–1172." An item the processor cannot format gets a
    plain line of its author, year, title and container."""
    try:
        from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
        from citeproc.source.json import CiteProcJSON

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # fields the processor does not use ("event-title") are fine
            bib = CitationStylesBibliography(_style(), CiteProcJSON([json.loads(json.dumps(item))]), formatter.plain)
            bib.register(Citation([CitationItem(item["id"])]))
            text = str(bib.bibliography()[0]).strip()
        if text:
            return text
    except Exception:  # noqa: BLE001 - a CSL item citeproc-py rejects still gets a line
        pass
    return _plain_reference(item)


def _plain_reference(item: dict) -> str:
    """One line for a CSL-JSON item: "Service, Robert (2009). Trotsky: A Biography. Harvard University Press."."""
    people = item.get("author") or item.get("editor") or []
    names = []
    for p in people:
        names.append(", ".join(x for x in (p.get("family"), p.get("given")) if x) or p.get("literal", ""))
    who = "; ".join(n for n in names if n)
    if item.get("editor") and not item.get("author") and who:
        who += " (ed.)"
    year = ((item.get("issued") or {}).get("date-parts") or [[None]])[0][0]
    title = item.get("title", "")
    where = item.get("container-title") or item.get("publisher")
    parts = [f"{who} ({year})." if who and year else (f"{who}." if who else (f"({year})." if year else ""))]
    parts.append(f"{title}." if title else "")
    parts.append(f"{where}." if where else "")
    return " ".join(p for p in parts if p)


def _cell(name: str, value: str):
    """A CSV cell as the JSON value the schema expects (empty is null, figures are numbers)."""
    if value is None or value.strip() == "":
        return None
    value = value.strip()
    if name == "approximate":
        return {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}.get(value.lower(), value)
    if name in _NUMBERS:
        try:
            number = float(value.replace(",", ""))
        except ValueError:
            return value  # left as text, so the schema reports it
        return int(number) if number.is_integer() else number
    return value


def _rows_of(path: Path) -> list[dict]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as f:
                return [{k: _cell(k, v) for k, v in row.items() if k is not None} for row in csv.DictReader(f)]
        if suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, list):
                raise InputFormatError(path, "a JSON reference table must be a list of row objects")
            return data
    except FileNotFoundError:
        raise InputFormatError(path, "no such reference table; give a .csv or .json file") from None
    except (UnicodeDecodeError, json.JSONDecodeError, csv.Error) as err:
        raise InputFormatError(path, f"cannot read the reference table ({err})") from None
    raise InputFormatError(path, f"unknown reference table type {suffix or '(none)'}; give a .csv or .json file")


def load_reference(*paths: str | Path) -> ReferenceTable:
    """Read reference tables (CSV or JSON), validating every row and every citation id.

    Raises:
        InputFormatError: a file is missing or unreadable.
        SchemaError: a row breaks the reference schema, repeats an id, or cites a work
            missing from the table's ``.bib.json`` (the message names file and row).

    Example:
        >>> table = load_reference("claims/reference/soviet-repression-1930s.csv")  # doctest: +SKIP
        >>> table.cite(table.rows[0]["citation"])  # doctest: +SKIP
    """
    table = ReferenceTable()
    seen: dict[str, Path] = {}
    for path in map(Path, paths):
        rows = _rows_of(path)
        bib = path.with_name(path.stem + ".bib.json")
        works = {}
        if bib.exists():
            try:
                works = {item["id"]: item for item in json.loads(bib.read_text(encoding="utf-8"))}
            except (json.JSONDecodeError, KeyError, TypeError) as err:
                raise InputFormatError(bib, f"not a CSL-JSON list of items with ids ({err})") from None
        problems = []
        for i, row in enumerate(rows, start=2 if path.suffix.lower() == ".csv" else 1):
            where = f"{path}: {'line' if path.suffix.lower() == '.csv' else 'row'} {i}"
            problems += [f"{where}: {e}" for e in record_errors("reference", row)]
            rid = row.get("reference_id")
            if rid in seen:
                problems.append(f"{where}: reference_id {rid!r} is already used in {seen[rid]}")
            seen[rid] = path
            cited = row.get("citation")
            if cited and works and cited not in works and " " not in cited:
                problems.append(f"{where}: citation {cited!r} is not an id in {bib.name}; add the work there "
                                f"or write the full reference")
        if problems:
            raise SchemaError("reference", problems)
        for row in rows:
            table.rows.append({**row, "table": path.name})
        table.works.update(works)
        table.files.append(path)
    return table


def load_persons(path: str | Path) -> list[dict]:
    """The person list: each with ``name`` (the reference spelling), ``variants`` (a list) and the rest.

    Raises:
        InputFormatError: the file is missing, unreadable or has no ``name`` column.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError:
        raise InputFormatError(path, "no such person list; give a CSV file with a name column") from None
    except (UnicodeDecodeError, csv.Error) as err:
        raise InputFormatError(path, f"cannot read the person list ({err})") from None
    if rows and "name" not in rows[0]:
        raise InputFormatError(path, "the person list needs a 'name' column (and optionally 'variants')")
    people = []
    for row in rows:
        if not (row.get("name") or "").strip():
            continue
        variants = [v.strip() for v in (row.get("variants") or "").split("|") if v.strip()]
        people.append({**{k: (v or None) for k, v in row.items() if k}, "name": row["name"].strip(),
                       "variants": variants})
    return people


def default_tables(folder: str | Path = DEFAULT_FOLDER) -> tuple[list[Path], Path | None]:
    """The reference tables and person list in ``folder`` (``claims/reference/`` by default), if any."""
    folder = Path(folder)
    if not folder.is_dir():
        return [], None
    tables = sorted(p for p in folder.glob("*.csv") if p.name != "persons.csv")
    tables += sorted(p for p in folder.glob("*.json") if not p.name.endswith(".bib.json"))
    persons = folder / "persons.csv"
    return tables, persons if persons.exists() else None
