"""Claim groups: aligned claims gathered once, so that the work and the output grow with the claims.

Two steps keep comparison linear in a corpus that repeats itself (a class's copied essays, every
revision of one article, a newspaper archive quoting one agency's figure):

1. **Copies are judged once.** Claims written in the same words in the same sentence, with the same frame
   (measure, what is counted, event class, restrictions, scope, period, certainty and interval), are one
   *class* wherever they stand: one representative is aligned and judged for all of them, and a pair of
   classes gives one pair, not one per pair of copies. Copies agree by construction.
2. **Aligned classes form groups.** The classes joined by aligned pairs make a group (a connected
   component): its members, their intervals, the spread from the lowest to the highest, the status of
   its worst pair and the members that take part in a flagged pair. A group's pairs are available on
   demand (:func:`pairs_of`); the audit's outputs carry groups and the informative pairs (flagged, or
   agreeing with a reason such as a different event class), never every agreement.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict

import pandas as pd

from ..store import GROUP_COLUMNS
from .features import Claim, names

_STATUS_RANK = {"agree": 0, "scope_differs": 1, "conflict": 2}


def signature(c: Claim) -> tuple:
    """Everything alignment and judgement read of a claim, with its words, except the source it stands in:
    the same figure in the same sentence of two files (a copied essay, a republished article) is one class."""
    row = c.row
    return (row.get("text"), row.get("sentence"), c.measure, c.concept, c.mods, c.collective, c.classes,
            c.restrictions, c.event, c.topic_events,
            c.place, c.topic_place, c.base, c.period, c.hedged, c.bounded, c.elliptic, c.people, c.attribution,
            _key(c.low), _key(c.high), c.ends, row.get("kind"), tuple(names(row.get("patient_keys"))),
            tuple(names(row.get("participant_keys"))), row.get("certainty"), row.get("qualifier"))


def _key(x):
    return x if isinstance(x, str) or x is None else round(float(x), 9) if math.isfinite(x) else x


class Classes:
    """Claims collapsed into classes of alike claims: one representative each, with every member."""

    def __init__(self):
        self.by_signature: dict[tuple, Claim] = {}
        self.members: dict[int, list[dict]] = {}  # id(representative) -> member rows

    def add(self, claim: Claim) -> Claim | None:
        """The claim's representative; None when the claim joined an existing class (it needs no block)."""
        sig = signature(claim)
        rep = self.by_signature.get(sig)
        if rep is None:
            self.by_signature[sig] = claim
            self.members[id(claim)] = [claim.row]
            return claim
        if claim.row["claim_id"] not in {r["claim_id"] for r in self.members[id(rep)][-1:]}:
            self.members[id(rep)].append(claim.row)
        return None

    def of(self, rep: Claim) -> list[dict]:
        return self.members.get(id(rep), [rep.row])


class Linked:
    """Ids joined pair by pair into sets (union-find with path halving); iterates over every id seen."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        """The id that stands for ``x``'s set (``x`` joins as its own set if new)."""
        parent = self.parent
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: str, y: str) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[rx] = ry

    def __contains__(self, x: str) -> bool:
        return x in self.parent

    def __iter__(self):
        return iter(list(self.parent))


def build_groups(judged: list[tuple[Claim, Claim, dict]], classes: Classes, prior: pd.DataFrame | None = None,
                 fresh_ids: set[str] | None = None) -> pd.DataFrame:
    """The groups table from judged pairs of representatives (see the module docstring).

    ``prior``: groups stored earlier whose members are all still there and unchanged; the new pairs join
    them, and a group no new pair touches is kept as it was. A pair of two earlier representatives that a
    new copy made worth judging again (``fresh_ids`` names the new claims) was counted in its group already.
    """
    linked = Linked()
    find, union = linked.find, linked.union
    rep_of: dict[str, Claim] = {}
    for rep in classes.by_signature.values():
        rows = classes.of(rep)
        for r in rows:
            rep_of[r["claim_id"]] = rep
            union(r["claim_id"], rows[0]["claim_id"])
    for a, b, _ in judged:
        union(a.row["claim_id"], b.row["claim_id"])
    earlier = list(prior.itertuples(index=False)) if prior is not None else []
    for g in earlier:
        for m in g.members[1:]:
            union(m, g.members[0])
    status: dict[str, str] = {}
    flagged: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    touched: set[str] = set()

    def worse(root: str, st: str) -> None:
        if _STATUS_RANK[st] >= _STATUS_RANK.get(status.get(root, "agree"), 0):
            status[root] = st

    for a, b, record in judged:
        root = find(a.row["claim_id"])
        touched.add(root)
        worse(root, record["status"])
        if fresh_ids is not None and a.row["claim_id"] not in fresh_ids and b.row["claim_id"] not in fresh_ids:
            continue  # judged again for a new copy: already counted in its earlier group
        counts[root][0] += 1
        if record["flagged"]:
            counts[root][1] += 1
            flagged[root] |= {r["claim_id"] for r in classes.of(a)} | {r["claim_id"] for r in classes.of(b)}
    kept: dict[str, list] = defaultdict(list)
    for g in earlier:
        root = find(g.members[0])
        kept[root].append(g)
        worse(root, g.status)
        counts[root][0] += int(g.pairs)
        counts[root][1] += int(g.flagged_pairs)
        flagged[root] |= set(g.disagreeing)
    by_root: dict[str, list[str]] = defaultdict(list)
    for cid in linked:
        by_root[find(cid)].append(cid)
    rows = []
    for root, ids in by_root.items():
        if len(ids) < 2:
            continue  # a claim alone: no group
        if root not in touched and len(kept.get(root, ())) == 1 and len(ids) == len(kept[root][0].members):
            rows.append(kept[root][0]._asdict())  # an earlier group nothing new touched
            continue
        reps = list({id(rep_of[c]): rep_of[c] for c in sorted(ids) if c in rep_of}.values())
        rows.append(_group_row(reps, classes, status.get(root, "agree"), flagged[root], counts[root]))
    df = pd.DataFrame.from_records(rows, columns=list(GROUP_COLUMNS)).astype(GROUP_COLUMNS)
    if len(df):
        df = df.sort_values(["flagged", "members_count"], ascending=False, kind="stable")
    return df.set_index("group_id", drop=False).rename_axis(None)


def _group_row(reps: list[Claim], classes: Classes, status: str, flagged: set[str], counts: list[int]) -> dict:
    rows = [r for rep in reps for r in classes.of(rep)]
    ids = sorted({r["claim_id"] for r in rows})
    first = reps[0]
    numbers = [(rep.low, rep.high) for rep in reps if not isinstance(rep.low, str)]
    lows = [lo for lo, _ in numbers if lo is not None and math.isfinite(lo)]
    highs = [hi for _, hi in numbers if hi is not None and math.isfinite(hi)]
    points = [rep.point for rep in reps if rep.point is not None]
    spread = (max(points) - min(points)) / max(abs(p) for p in points) if len(points) > 1 and max(
        abs(p) for p in points) else 0.0
    dates = sorted(r.get("date_start") for r in rows if r.get("date_start"))
    return {
        "group_id": hashlib.sha1(":".join(ids).encode()).hexdigest()[:16],
        "kind": "event" if first.measure == "event" else "quantity",
        "measure": first.measure,
        "subject": next((r.get("subject") for r in rows if r.get("subject")), None)
        or (first.concept if first.measure != "event" else None),
        "predicate_class": "+".join(sorted({c for rep in reps for c in rep.classes})) or None,
        "event": next((r.get("event") for r in rows if r.get("event")), None),
        "place": next((r.get("place") for r in rows if r.get("place")), None),
        "members": ids,
        "members_count": len(ids),
        "sources": sorted({r["source_id"] for r in rows}),
        "low": min(lows) if lows else None,
        "high": max(highs) if highs else None,
        "date_start": dates[0] if dates else None,
        "date_end": max(r.get("date_end") for r in rows if r.get("date_end")) if dates else None,
        "spread": float(spread),
        "status": status,
        "flagged": bool(flagged),
        "disagreeing": sorted(flagged),
        "pairs": counts[0],
        "flagged_pairs": counts[1],
    }
