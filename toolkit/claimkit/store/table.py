"""The claims and disagreements tables: one place declares their columns and dtypes."""

from __future__ import annotations

import numpy as np
import pandas as pd

CLAIM_COLUMNS: dict[str, str] = {
    "claim_id": "string",
    "source_id": "string",
    "kind": "string",
    "text": "string",
    "start": "Int64",
    "end": "Int64",
    "sentence": "string",
    "value": "Float64",
    "low": "Float64",
    "high": "Float64",
    "qualifier": "string",
    "unit": "string",
    "part": "Float64",
    "whole": "Float64",
    "share": "Float64",
    "change": "string",
    "unit_name": "string",
    "dimension": "string",
    "date_start": "string",
    "date_end": "string",
    "precision": "string",
    "approximate": "boolean",
    "modifier": "string",
    "anchor": "string",
    "subject": "string",
    "subject_key": "string",
    "base": "string",
    "predicate": "string",
    "predicate_class": "string",
    "period_start": "string",
    "period_end": "string",
    "place": "string",
    "event": "string",
    "event_key": "string",
    "topic_events": "object",
    "topic_place": "string",
    "restrictions": "object",
    "hedge": "string",
    "certainty": "string",
    "attribution": "string",
    "footnote": "string",
    "sourced": "boolean",
    "negated": "boolean",
    "participants": "object",
    "participant_keys": "object",
    "patient_keys": "object",
    "attribution_key": "string",
    "citations": "object",
}

CITATION_COLUMNS: dict[str, str] = {
    "citation_id": "string",
    "source_id": "string",
    "kind": "string",
    "title": "string",
    "author": "string",
    "year": "Int64",
    "pages": "string",
    "text": "string",
    "start": "Int64",
    "end": "Int64",
    "mentions": "Int64",
    "pages_cited": "object",
}

DISAGREEMENT_COLUMNS: dict[str, str] = {
    "pair_id": "string",
    "a": "string",
    "b": "string",
    "kind": "string",
    "source_a": "string",
    "source_b": "string",
    "text_a": "string",
    "text_b": "string",
    "subject": "string",
    "status": "string",
    "flagged": "boolean",
    "severity": "Int64",
    "reasons": "object",
    "relative_difference": "Float64",
    "low_a": "Float64",
    "high_a": "Float64",
    "low_b": "Float64",
    "high_b": "Float64",
    "explanation": "string",
}


GROUP_COLUMNS: dict[str, str] = {
    "group_id": "string",
    "kind": "string",
    "measure": "string",
    "subject": "string",
    "predicate_class": "string",
    "event": "string",
    "place": "string",
    "members": "object",
    "members_count": "Int64",
    "sources": "object",
    "low": "Float64",
    "high": "Float64",
    "date_start": "string",
    "date_end": "string",
    "spread": "Float64",
    "status": "string",
    "flagged": "boolean",
    "disagreeing": "object",
    "pairs": "Int64",
    "flagged_pairs": "Int64",
}


VERDICT_COLUMNS: dict[str, str] = {
    "claim_id": "string",
    "source_id": "string",
    "kind": "string",
    "text": "string",
    "verdict": "string",
    "reference_id": "string",
    "reference_table": "string",
    "reference_subject": "string",
    "reference_figure": "string",
    "citation": "string",
    "citation_text": "string",
    "page": "string",
    "read_in": "string",
    "note": "string",
    "explanation": "string",
}

NAME_COLUMNS: dict[str, str] = {
    "source_id": "string",
    "text": "string",
    "start": "Int64",
    "end": "Int64",
    "reference_name": "string",
    "role": "string",
    "citation": "string",
    "explanation": "string",
}

def frame(records: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    """A DataFrame of ``records`` with exactly ``columns``, in order and with their dtypes."""
    df = pd.DataFrame.from_records(records, columns=list(columns))
    return df.astype(columns)


def indexed(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """``df`` with its rows indexed by the values of ``column`` (``claims.loc[claim_id]``).

    The column stays, and the index has no name, so that ``merge(on="claim_id")`` and
    ``groupby("claim_id")`` keep working (pandas refuses a label that is both a column and an index level).
    """
    out = df.copy(deep=False)
    out.index = pd.Index(out[column].astype(object).tolist(), dtype="string" if len(out) else object)
    return out


def claims_frame(records: list[dict]) -> pd.DataFrame:
    """The claims table (see :data:`CLAIM_COLUMNS`), indexed by ``claim_id``."""
    return indexed(frame(records, CLAIM_COLUMNS), "claim_id")


def citations_frame(records: list[dict]) -> pd.DataFrame:
    """The citations table (see :data:`CITATION_COLUMNS`)."""
    return frame(records, CITATION_COLUMNS)


def disagreements_frame(records: list[dict]) -> pd.DataFrame:
    """The disagreements table (see :data:`DISAGREEMENT_COLUMNS`), indexed by ``pair_id``."""
    return indexed(frame(records, DISAGREEMENT_COLUMNS), "pair_id")


def _plain(value):
    """A cell as a JSON-ready value: None for missing, lists for arrays, Python numbers for NumPy ones."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):  # noqa: PLR0124
        return None
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _column(series: pd.Series) -> list:
    """A column as plain Python values, None for missing (typed columns converted in one pass)."""
    if series.dtype == object:
        return [_plain(v) for v in series.tolist()]
    return series.to_numpy(dtype=object, na_value=None).tolist()


def to_records(df: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts with None for missing values (JSON- and schema-ready), built column by column."""
    columns = {col: _column(df[col]) for col in df.columns}
    return [dict(zip(columns, row)) for row in zip(*columns.values())]
