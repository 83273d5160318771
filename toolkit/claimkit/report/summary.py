"""An audit in brief, for a notebook: counts and the top contradictions in plain words (short text and HTML)."""

from __future__ import annotations

import html

import pandas as pd

from ..store import to_records
from . import words

TOP = 5


def counts(claims: pd.DataFrame, disagreements: pd.DataFrame, verdicts: pd.DataFrame | None, n_sources: int,
           n_errors: int) -> dict[str, int]:
    """The numbers a reader asks first, by plain name."""
    status = disagreements["status"].value_counts().to_dict() if len(disagreements) else {}
    checked = int((verdicts["verdict"] != "no_reference").sum()) if verdicts is not None and len(verdicts) else 0
    return {"sources": n_sources, "claims": len(claims), "contradictions": int(status.get("conflict", 0)),
            "different scope": int(status.get("scope_differs", 0)), "agreements": int(status.get("agree", 0)),
            "reference checks": checked, "errors": n_errors}


def top_findings(sources, claims: pd.DataFrame, disagreements: pd.DataFrame, n: int = TOP) -> list[str]:
    """The ``n`` most important contradictions (then differences of scope), each as its plain sentence."""
    if not len(disagreements):
        return []
    names = {s.source_id: words.source_name(s.source_id, {**s.to_record(), "path": s.path}) for s in sources}
    flagged = disagreements[disagreements["status"] != "agree"]
    order = flagged.assign(_rank=flagged["status"].map({"conflict": 0, "scope_differs": 1})).sort_values(
        ["_rank", "severity"], ascending=[True, False], kind="stable").head(n)
    by_id = {c["claim_id"]: c for c in to_records(claims[claims["claim_id"].isin(set(order["a"]) | set(order["b"]))])}
    return [words.finding(p, by_id.get(p["a"]), by_id.get(p["b"]), names)
            for p in to_records(order.drop(columns="_rank"))]


def short_text(numbers: dict[str, int], where: str | None) -> str:
    shown = ", ".join(f"{v:,} {k}" for k, v in numbers.items())
    return f"AuditResult({shown}{'; outputs in ' + where if where else ''})"


def html_summary(numbers: dict[str, int], findings: list[str], where: str | None) -> str:
    """A small HTML block: a row of counts, then the top findings."""
    cells = "".join(f"<th>{html.escape(k)}</th>" for k in numbers)
    values = "".join(f"<td>{v:,}</td>" for v in numbers.values())
    items = "".join(f"<li>{html.escape(f)}</li>" for f in findings)
    return ("<div class=\"claimkit-audit\"><strong>claimkit audit</strong>"
            + (f" <small>({html.escape(where)})</small>" if where else "")
            + f"<table><tr>{cells}</tr><tr>{values}</tr></table>"
            + (f"<p>What to check first:</p><ol>{items}</ol>" if items else "<p>No contradictions found.</p>")
            + "</div>")
