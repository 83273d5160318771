"""Align claims about the same count across sources and judge each pair.

First version. Candidate pairs are blocked by (unit class, subject key), so
no all-pairs loop runs: only claims that count the same thing in comparable
units meet. Each pair gets a status:
- ``agree``: the intervals their values and qualifiers allow overlap;
- ``conflict``: they do not overlap and nothing else differs;
- ``scope_differs``: they do not overlap and the predicate class, period,
  place or base differs too (they may not measure the same thing).
"""

from __future__ import annotations

import hashlib
import math
from itertools import combinations

import pandas as pd

from .table import disagreements_frame, to_records

_TIME_UNITS = {"second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century"}


def unit_class(unit: str | None) -> str | None:
    """Which units compare: counts with counts, shares with shares, durations with durations."""
    if unit is None:
        return None
    if unit in ("percent",):
        return "share"
    if unit in _TIME_UNITS:
        return "duration"
    return unit


def _interval(c: dict) -> tuple[float, float]:
    low = c["low"] if c["low"] is not None else -math.inf
    high = c["high"] if c["high"] is not None else math.inf
    return low, high


def _point(c: dict) -> float | None:
    if c["value"] is not None:
        return c["value"]
    if c["low"] is not None and c["high"] is not None:
        return (c["low"] + c["high"]) / 2
    return c["low"] if c["low"] is not None else c["high"]


def _period_text(c: dict) -> str:
    s, e = c.get("period_start"), c.get("period_end")
    if not s and not e:
        return ""
    if s and e and s[:4] == e[:4] and s.endswith("-01-01") and e.endswith("-12-31"):
        return s[:4]
    if s and e and s.endswith("-01-01") and e.endswith("-12-31"):
        return f"{s[:4]}–{e[:4]}"
    return f"{s or '…'} to {e or '…'}"


def _classes(c: dict) -> set[str]:
    return set(c["predicate_class"].split("+")) if c.get("predicate_class") else set()


def judge(a: dict, b: dict) -> dict:
    """The disagreement record for two aligned claims."""
    (alo, ahi), (blo, bhi) = _interval(a), _interval(b)
    overlap = alo <= bhi and blo <= ahi
    reasons = []
    if not overlap:
        reasons.append("value")
    ca, cb = _classes(a), _classes(b)
    if ca and cb and ca != cb:
        reasons.append("predicate")
    pa, pb = (a.get("period_start"), a.get("period_end")), (b.get("period_start"), b.get("period_end"))
    if any(pa) and any(pb) and pa != pb:
        reasons.append("period")
    if a.get("place") and b.get("place") and a["place"].lower() != b["place"].lower():
        reasons.append("place")
    if a.get("base") and b.get("base") and a["base"] != b["base"]:
        reasons.append("base")
    if overlap:
        status = "agree"
    elif len(reasons) > 1:
        status = "scope_differs"
    else:
        status = "conflict"
    va, vb = _point(a), _point(b)
    rel = abs(va - vb) / max(abs(va), abs(vb)) if va is not None and vb is not None and max(abs(va), abs(vb)) else None
    first, second = sorted((a["claim_id"], b["claim_id"]))
    return {
        "pair_id": hashlib.sha1(f"{first}:{second}".encode()).hexdigest()[:16],
        "a": a["claim_id"],
        "b": b["claim_id"],
        "source_a": a["source_id"],
        "source_b": b["source_id"],
        "text_a": a["text"],
        "text_b": b["text"],
        "subject": a.get("subject"),
        "status": status,
        "flagged": status != "agree",
        "reasons": reasons if status != "agree" else [r for r in reasons if r != "value"],
        "relative_difference": rel,
        "explanation": explain(a, b, status, reasons),
    }


def _describe(c: dict) -> str:
    what = f"“{c['text']}”"
    if c.get("subject"):
        what += f" {c['subject']}"
    if c.get("predicate"):
        what += f" {c['predicate']}"
    period = _period_text(c)
    if period:
        what += f" ({period})"
    if c.get("certainty") and c["certainty"] != "asserted":
        what += f", {c['certainty']}"
    return what


def explain(a: dict, b: dict, status: str, reasons: list[str]) -> str:
    """One sentence a teacher can read: both sources, both figures as written, what differs."""
    said = f"{a['source_id']} gives {_describe(a)} and {b['source_id']} gives {_describe(b)}"
    if status == "agree":
        return f"{said}: the figures are compatible."
    if status == "conflict":
        return f"{said}: the figures contradict each other for the same count."
    names = {"predicate": "what happened to them", "period": "the period", "place": "the place", "base": "the whole they are a share of"}
    other = [names[r] for r in reasons if r != "value"]
    return f"{said}: the figures differ, and so {'does' if len(other) == 1 else 'do'} {' and '.join(other)}, so they may not measure the same thing."


def compare(claims: pd.DataFrame) -> pd.DataFrame:
    """Disagreement records for every aligned pair of quantity claims from different sources.

    Example:
        >>> disagreements = compare(extract("sources/"))  # doctest: +SKIP
        >>> disagreements[disagreements.flagged][["text_a", "text_b", "status"]]  # doctest: +SKIP
    """
    q = claims[(claims["kind"] == "quantity") & claims["subject_key"].notna()]
    blocks: dict[tuple[str, str], list[dict]] = {}
    for c in to_records(q):
        cls = unit_class(c["unit"])
        key = c["subject_key"]
        if cls is None or not key:
            continue
        blocks.setdefault((cls, key), []).append(c)
    out = []
    for members in blocks.values():
        for a, b in combinations(members, 2):
            if a["source_id"] != b["source_id"]:
                out.append(judge(a, b))
    return disagreements_frame(out)
