"""Write and read claims and disagreements as JSONL, CSV and Parquet.

Writes are atomic: a file is written beside its target under an unpredictable
name (created exclusively, so never through a planted link) and moved into
place, so a failed run never leaves a half-written export.
"""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from ..errors import InputFormatError
from .table import CLAIM_COLUMNS, DISAGREEMENT_COLUMNS, frame, indexed, to_records

FORMATS = ("jsonl", "csv", "parquet")
LIST_SEPARATOR = ";"


@contextmanager
def atomic_path(path: str | Path):
    """Yield a temporary path beside ``path``; move it into place only on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; the export gets the usual mode
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def jsonl_lines(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def write_jsonl(records: list[dict], path: str | Path) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(jsonl_lines(records), encoding="utf-8")


def _flat(df: pd.DataFrame) -> pd.DataFrame:
    """Lists and dicts as text, so CSV cells stay flat (lists joined by ';')."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(
                lambda v: LIST_SEPARATOR.join(v) if isinstance(v, list) and all(isinstance(x, str) for x in v)
                else json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
            )
    return out


def write_csv(df: pd.DataFrame, path: str | Path) -> None:
    with atomic_path(path) as tmp:
        _flat(df).to_csv(tmp, index=False, encoding="utf-8")


def write_frame(df: pd.DataFrame, jsonl: str | Path, csv: str | Path, *, schema: str | None = None,
                rows: int = 20_000) -> None:
    """Write ``df`` as JSONL and CSV a slice of ``rows`` at a time, each slice checked against the JSON
    Schema ``schema`` first: memory is bounded by a slice, not by the table.

    Raises:
        SchemaError: a record does not match ``schema`` (the files are left half-written: write
        them inside an :class:`~claimkit.store.OutputSet`, which then keeps the earlier set).
    """
    from .schemas import validate_records

    with atomic_path(jsonl) as tmp_jsonl, atomic_path(csv) as tmp_csv:
        with open(tmp_jsonl, "w", encoding="utf-8") as fj, open(tmp_csv, "w", encoding="utf-8", newline="") as fc:
            for start in range(0, max(len(df), 1), rows):
                part = df.iloc[start:start + rows]
                records = to_records(part)
                if schema is not None:
                    validate_records(schema, records)
                fj.write(jsonl_lines(records))
                _flat(part).to_csv(fc, index=False, header=start == 0)


def write_parquet(df: pd.DataFrame, path: str | Path) -> None:
    with atomic_path(path) as tmp:
        df.to_parquet(tmp, index=False)


def write_table(df: pd.DataFrame, path: str | Path, fmt: str) -> None:
    """Write ``df`` as ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "jsonl":
        write_jsonl(to_records(df), path)
    elif fmt == "csv":
        write_csv(df, path)
    elif fmt == "parquet":
        write_parquet(df, path)
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _columns_for(kind: str) -> dict[str, str]:
    return {"claims": CLAIM_COLUMNS, "disagreements": DISAGREEMENT_COLUMNS}[kind]


def read_table(path: str | Path, kind: str = "claims") -> pd.DataFrame:
    """Read a claims (or disagreements) file written by claimkit, in any of :data:`FORMATS`.

    Raises:
        InputFormatError: the file is missing, of another format, or lacks columns.
    """
    path = Path(path)
    columns = _columns_for(kind)
    suffix = path.suffix.lower().lstrip(".")
    try:
        if suffix in ("jsonl", "json", "ndjson"):
            records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            df = pd.DataFrame.from_records(records)
        elif suffix == "csv":
            df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
            for col, dtype in columns.items():
                if col in df and dtype == "boolean":
                    df[col] = df[col].map({"True": True, "False": False, "true": True, "false": False})
                elif col in df and dtype in ("Int64", "Float64"):
                    df[col] = pd.to_numeric(df[col])
                elif col in df and dtype == "object":
                    df[col] = df[col].map(lambda v: v.split(LIST_SEPARATOR) if isinstance(v, str) and v else [])
        elif suffix == "parquet":
            df = pd.read_parquet(path)
        else:
            raise InputFormatError(path, f"unknown file type .{suffix}; give a .jsonl, .csv or .parquet file written by claimkit")
    except OSError as err:
        raise InputFormatError(path, f"cannot be read ({err.strerror}); check the path") from None
    except (ValueError, json.JSONDecodeError) as err:
        raise InputFormatError(path, f"is not a claimkit {kind} file ({err}); write it with 'claimkit extract'") from None
    missing = [c for c in ("claim_id", "source_id", "kind") if kind == "claims" and c not in df]
    if missing:
        raise InputFormatError(path, f"lacks the column(s) {', '.join(missing)}; write it with 'claimkit extract'")
    for col in columns:
        if col not in df:
            df[col] = None
    if kind == "disagreements":
        df["reasons"] = df["reasons"].map(lambda v: list(v) if v is not None and not isinstance(v, str) else ([] if v is None else v.split(LIST_SEPARATOR)))
    return indexed(frame(to_records(df[list(columns)]), columns), "claim_id" if kind == "claims" else "pair_id")
