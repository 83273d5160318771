"""Aligned groups: figures about the same thing, each member with the interval it stands for.

A group is the comparison's own (a row of the groups table: its members and its worst
status, :func:`groups_from_table`), or, for a disagreements table alone, a connected set
of claims linked by its aligned quantity pairs (:func:`groups_from_pairs`). The report and
the charts draw whatever groups they are given.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .. import _data
from ..compare.groups import Linked
from .words import at, happened, when

_DAYS = {"day": 1.0, "week": 7.0, "fortnight": 14.0, "month": 365.25 / 12, "year": 365.25, "decade": 3652.5,
         "century": 36525.0}
_STATUS_RANK = {"conflict": 3, "scope_differs": 2, "agree": 1}


@dataclass
class Member:
    """One figure of a group: where it is from, the words as written and the values it stands for."""

    claim_id: str
    source_id: str
    source: str  # the source's name as a reader knows it
    text: str
    low: float  # -inf / inf where the figure is open (a bound)
    high: float
    point: float
    hedged: bool  # hedged by the writer, or only a bound


@dataclass
class Group:
    """Figures judged to be about one thing, with the worst status among their pairs."""

    group_id: str
    subject: str
    what: str  # what happened and when, in words
    unit: str  # "" for counts, "%" for shares, " months" for durations
    status: str
    members: list[Member] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.subject} {self.what}".strip()


def _bounded() -> set[str]:
    return set(_data.load("compare")["uncertain_qualifiers"])


def _measure(c: dict) -> str | None:
    unit = c.get("unit")
    if unit == "percent" or c.get("share") is not None:
        return "share"
    if unit in _DAYS:
        return "duration"
    return "count" if unit == "count" else None


def member_of(c: dict, source: str, unit: str | None = None) -> Member | None:
    """A claim as a group member (None when it has no figure to draw); durations in ``unit``."""
    measure = _measure(c)
    if measure is None:
        return None
    value, lo, hi = c.get("value"), c.get("low"), c.get("high")
    if measure == "share" and c.get("unit") != "percent":
        value = lo = hi = c.get("share")
    scale = _DAYS.get(c.get("unit") or "", 1.0) / _DAYS[unit] if measure == "duration" and unit in _DAYS else 1.0
    low = lo * scale if lo is not None else (-math.inf if hi is not None else None)
    high = hi * scale if hi is not None else (math.inf if lo is not None else None)
    point = value * scale if value is not None else None
    if low is None and high is None:
        if point is None:
            return None
        low = high = point
    if point is None:
        point = (low + high) / 2 if math.isfinite(low) and math.isfinite(high) else (low if math.isfinite(low) else high)
    low = -math.inf if low is None else low
    high = math.inf if high is None else high
    if measure in ("count", "share", "duration") and low == -math.inf:
        low = 0.0  # "up to 30,000" runs from nothing
    qualifier = (c.get("qualifier") or "").lower()
    hedged = (c.get("certainty") or "asserted") != "asserted" or qualifier in _bounded()
    return Member(c["claim_id"], c["source_id"], source, c["text"], low, high, point, hedged)


def groups_from_pairs(pairs: list[dict], claims: dict[str, dict], names: dict[str, str]) -> list[Group]:
    """Groups of the claims linked by aligned quantity pairs, those with a contradiction first."""
    linked = Linked()
    find = linked.find
    worst: dict[str, str] = {}
    for p in pairs:
        if p.get("kind") == "quantity" and p["a"] in claims and p["b"] in claims:
            linked.union(p["a"], p["b"])
    for p in pairs:
        if p.get("kind") == "quantity" and p["a"] in linked:
            root = find(p["a"])
            if _STATUS_RANK.get(p["status"], 0) > _STATUS_RANK.get(worst.get(root, ""), 0):
                worst[root] = p["status"]
    members: dict[str, list[str]] = defaultdict(list)
    for x in linked:
        members[find(x)].append(x)
    out = []
    for root, ids in members.items():
        rows = [claims[i] for i in sorted(ids)]
        group = make_group(rows, names, worst.get(root, "agree"))
        if group is not None and len(group.members) > 1:
            out.append(group)
    out.sort(key=lambda g: (-_STATUS_RANK.get(g.status, 0), -len(g.members), g.title))
    return out


def groups_from_table(groups, claims: dict[str, dict], names: dict[str, str]) -> list[Group]:
    """The quantity groups of a groups table (see :func:`claimkit.compare_groups`), those with a
    contradiction first; members not among ``claims`` are left out."""
    out = []
    for row in groups.itertuples(index=False):
        if row.kind != "quantity":
            continue
        rows = [claims[m] for m in sorted(row.members) if m in claims]
        group = make_group(rows, names, row.status) if len(rows) > 1 else None
        if group is not None and len(group.members) > 1:
            out.append(group)
    out.sort(key=lambda g: (-_STATUS_RANK.get(g.status, 0), -len(g.members), g.title))
    return out


def make_group(rows: list[dict], names: dict[str, str], status: str) -> Group | None:
    """A group of claim records: its title from the most common subject, event and period."""
    durations = [r.get("unit") for r in rows if r.get("unit") in _DAYS]
    unit = Counter(durations).most_common(1)[0][0] if durations else None
    members = [m for r in rows if (m := member_of(r, names.get(r["source_id"], r["source_id"]), unit))]
    if not members:
        return None
    subject = Counter(r.get("subject") for r in rows if r.get("subject")).most_common(1)
    what = Counter(happened(r.get("predicate_class")) for r in rows if r.get("predicate_class")).most_common(1)
    period = Counter(when(r.get("period_start"), r.get("period_end")) for r in rows
                     if r.get("period_start") or r.get("period_end")).most_common(1)
    words = " ".join(x for x in (what[0][0] if what else "", at(period[0][0]) if period else "") if x)
    shares = any(_measure(r) == "share" for r in rows)
    label = "%" if shares else (f" {unit}s" if unit else "")
    gid = hashlib.sha1(":".join(sorted(m.claim_id for m in members)).encode()).hexdigest()[:12]
    return Group(gid, subject[0][0] if subject else ("time" if unit else "people"), words, label, status, members)
