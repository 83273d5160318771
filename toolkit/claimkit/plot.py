"""Charts for notebooks: ``claimkit.plot.estimates(result, subject=...)`` returns a matplotlib Figure.

The same chart as the report's, one panel per aligned group of figures: a dot
for each figure as written, a bar for the values it stands for, hollow and
dashed when hedged or only a bound, round ticks and full labels.
"""

from __future__ import annotations

from .errors import ClaimkitError
from .report import groups_from_pairs, groups_from_table
from .report.charts import draw, row_height
from .report.words import STATUS, source_name
from .store import to_records

__all__ = ["estimates"]


def estimates(result, subject: str | None = None, *, disagreements=None, sources=None, flagged_only: bool = False,
              width: float = 9.0):
    """A Figure with a panel for each aligned group of ``result`` (an :class:`~claimkit.AuditResult`), those
    with a contradiction first; or give a claims table as ``result`` with its ``disagreements`` (and the
    ``sources``, for their titles).

    Args:
        subject: only groups whose subject contains these words ("party members"), case aside.
        flagged_only: only groups with a contradiction or a difference of scope.

    Raises:
        ClaimkitError: no group matches; the message lists the subjects there are.

    Example:
        >>> fig = claimkit.plot.estimates(result, subject="party members")  # doctest: +SKIP
    """
    from matplotlib.figure import Figure

    table = None
    if disagreements is None:
        claims_table, disagreements, sources = result.claims, result.disagreements, getattr(result, "sources", None)
        table = getattr(result, "groups", None)
    else:
        claims_table = result
    names = {s.source_id: source_name(s.source_id, {**s.to_record(), "path": s.path}) for s in sources or []}
    claims = {c["claim_id"]: c for c in to_records(claims_table)}
    groups = groups_from_table(table, claims, names) if table is not None else \
        groups_from_pairs(to_records(disagreements), claims, names)
    chosen = [g for g in groups if (subject is None or subject.lower() in g.subject.lower())
              and (not flagged_only or g.status != "agree")]
    if not chosen:
        there = sorted({g.subject for g in groups})
        raise ClaimkitError(f"no aligned group of figures about {subject!r}; the groups are about: "
                            f"{', '.join(there) or 'nothing (no figures were aligned)'}")
    heights = [row_height(g) + 1.0 for g in chosen]
    fig = Figure(figsize=(width, sum(heights)), layout="constrained")
    axes = fig.subplots(len(chosen), 1, squeeze=False, gridspec_kw={"height_ratios": heights})[:, 0]
    for ax, group in zip(axes, chosen):
        draw(ax, group)
        ax.set_title(f"{STATUS.get(group.status, ('',))[0]}: {group.title}", loc="left", fontsize=10,
                     color="#c0392b" if group.status == "conflict" else "black")
    return fig
