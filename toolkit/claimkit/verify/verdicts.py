"""Check claims against reference tables of cited figures, and names against a person list.

Matching. A quantity claim meets a reference row when they measure alike,
name the same subject concept with the same modifiers and related event
classes (the rules of :mod:`claimkit.compare`), and their periods mostly
cover each other (the shared part is at least half of the two together:
"1937-38" meets "December 1936 to November 1938", not "1921-1953"); a figure
with no period only meets a row with none, since a stock at one date and a
total over twenty years are different figures. An event claim meets an event row of a related class whose
subject names someone the event happened to (by surname, across spellings).
Rows of the claim's own class are preferred: "murdered on 20 August" is
checked against the rows for the murder, not against the death a day later.

Verdicts, per claim and matching row:
- ``supported``: a single cited figure lies in the interval the claim stands
  for (its bounds, or for an approximate figure what rounds to it), or, when
  the row marks its figure ``approximate``, the two intervals overlap; or the
  claim's date is compatible with the cited date;
- ``contradicted``: it does not, or the dates do not overlap;
- ``within_range`` / ``outside_range``: the row is a scholarly range or bound
  ("950,000-1,200,000", "over 30,000") and the claim's figure lies in it or not;
- ``no_reference``: no row matches (one record, with no reference fields).

Names. Capitalised words and runs of them in each source are checked
against the person list: a name that the rules of :mod:`claimkit.extract.names` take
for a listed person but whose words are none of that person's accepted
spellings ("Laventry Beria" for "Lavrentiy Beria") is a likely misspelling.
Bare surnames and accepted transliterations are not reported.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..compare import claim_features, related
from ..extract import NameIndex, name_key
from ..read import Source
from ..store import NAME_COLUMNS, VERDICT_COLUMNS, frame, to_records
from .references import ReferenceTable, load_persons, load_reference

_CAPITALISED = re.compile(r"\b[A-Z][a-zà-ÿ'’\-]+(?:\s+[A-Z][a-zà-ÿ'’\-]+){0,2}\b")


def _figure(row: dict) -> str:
    """A reference row's figure as a reader sees it: "681,692", "950,000–1,200,000", "over 30,000"."""
    def num(x) -> str:
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"
    unit = "%" if row.get("unit") == "percent" else ""
    if row.get("kind") == "event":
        s, e = row.get("date_start"), row.get("date_end") or row.get("date_start")
        return s if s == e else f"{s} to {e}"
    if row.get("value") is not None:
        return num(row["value"]) + unit
    if row.get("low") is not None and row.get("high") is not None:
        return f"{num(row['low'])}–{num(row['high'])}{unit}"
    if row.get("low") is not None:
        return f"over {num(row['low'])}{unit}"
    return f"up to {num(row['high'])}{unit}"


def _years_overlap(a: tuple, b: tuple) -> bool:
    """Whether two periods mostly cover each other (shared part at least half of their union);
    a figure with no period only meets a row with none."""
    if not (a[0] and a[1]) or not (b[0] and b[1]):
        return not any(a) and not any(b)
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    if lo > hi:
        return False
    shared = pd.Timestamp(hi) - pd.Timestamp(lo)
    union = pd.Timestamp(max(a[1], b[1])) - pd.Timestamp(min(a[0], b[0]))
    return union.days == 0 or shared.days / union.days >= 0.5


def _row_as_claim(row: dict) -> dict:
    """A reference row in the shape of a claim record, so compare's features apply to it."""
    qualifier = "exact"
    value = row.get("value")
    if value is not None and row.get("approximate"):  # "about a million": what rounds to it
        return {**_row_as_claim({**row, "approximate": None}), "qualifier": "approximate",
                "low": value * 0.9, "high": value * 1.1}
    if row.get("value") is None and row.get("low") is not None and row.get("high") is None:
        qualifier = "at_least"
    elif row.get("value") is None and row.get("high") is not None and row.get("low") is None:
        qualifier = "at_most"
    return {
        "claim_id": row["reference_id"], "source_id": row.get("table"), "kind": row["kind"], "text": _figure(row),
        "sentence": None, "value": row.get("value"),
        "low": row["low"] if row.get("low") is not None else row.get("value"),
        "high": row["high"] if row.get("high") is not None else row.get("value"),
        "qualifier": qualifier, "unit": row.get("unit"),
        "share": row.get("value") if row.get("unit") == "percent" else None, "subject": row.get("subject"),
        "predicate_class": row.get("predicate_class"), "period_start": row.get("period_start"),
        "period_end": row.get("period_end"), "certainty": "asserted",
    }


class _Index:
    """Reference rows by block, for the claims to meet."""

    def __init__(self, table: ReferenceTable):
        self.table = table
        self.blocks: dict[tuple, list] = {}
        self.events: list[tuple[dict, frozenset, set[str]]] = []
        for row in table.rows:
            if row["kind"] == "event":
                classes = frozenset((row.get("predicate_class") or "").split("+")) - {""}
                words = set(re.split(r"[\s–\-,]+", name_key(row.get("subject") or "")))
                self.events.append((row, classes, words))
                continue
            for key, feat in claim_features(_row_as_claim(row)):
                self.blocks.setdefault(key, []).append((row, feat))

    def quantity_rows(self, claim: dict) -> list[tuple[dict, object, object]]:
        out, seen = [], set()
        for key, feat in claim_features(claim):  # one block per root class: a row may be in two
            for row, ref in self.blocks.get(key, []):
                if row["reference_id"] in seen:
                    continue
                seen.add(row["reference_id"])
                if feat.concept != ref.concept or feat.mods != ref.mods or not feat.classes or not ref.classes:
                    continue
                if not related(feat.classes, ref.classes):
                    continue
                if not _years_overlap((claim.get("period_start"), claim.get("period_end")),
                                      (row.get("period_start"), row.get("period_end"))):
                    continue
                out.append((row, feat, ref))
        return _prefer_own_class(out, lambda item: item[1].classes, lambda item: item[2].classes)

    def event_rows(self, claim: dict) -> list[dict]:
        classes = frozenset((claim.get("predicate_class") or "").split("+")) - {""}
        people = list(claim.get("participants") or [])
        surnames = {name_key(p).split()[-1] for p in people if name_key(p)}
        out = [(row, rc) for row, rc, words in self.events
               if rc and classes and related(classes, rc) and surnames & words]
        return [row for row, _ in _prefer_own_class(out, lambda _: classes, lambda item: item[1])]


def _prefer_own_class(items: list, mine, theirs) -> list:
    """Rows of the claim's own classes when there are any, else the related ones."""
    own = [i for i in items if mine(i) & theirs(i)]
    return own or items


def _quantity_verdict(row: dict, feat, ref) -> str:
    ranged = row.get("value") is None
    if ranged:
        point = feat.point
        inside = point is not None and ref.low <= point <= ref.high
        return "within_range" if inside else "outside_range"
    if row.get("approximate"):
        return "supported" if feat.low <= ref.high and ref.low <= feat.high else "contradicted"
    value = ref.point
    return "supported" if feat.low <= value <= feat.high else "contradicted"


def _event_verdict(claim: dict, row: dict) -> str:
    s, e = claim.get("date_start"), claim.get("date_end")
    rs, re_ = row.get("date_start"), row.get("date_end") or row.get("date_start")
    if not (s and e):
        return "no_reference"
    return "supported" if s <= re_ and rs <= e else "contradicted"


def _record(claim: dict, verdict: str, row: dict | None, table: ReferenceTable) -> dict:
    rec = {"claim_id": claim["claim_id"], "source_id": claim["source_id"], "kind": claim["kind"],
           "text": claim["text"], "verdict": verdict}
    said = f"{claim['source_id']} gives “{claim['text']}”"
    if claim["kind"] == "event":
        who = ", ".join(claim.get("participants") or [])
        when = claim.get("date_start") if claim.get("date_start") == claim.get("date_end") else \
            f"{claim.get('date_start')} to {claim.get('date_end')}"
        said += f" ({who + ', ' if who else ''}{when})"
    else:
        said += "".join(f" {claim[k]}" for k in ("subject", "predicate") if claim.get(k))
    if row is None:
        rec["explanation"] = f"{said}: no reference row covers this figure."
        return rec
    citation_text = table.cite(row.get("citation"))
    rec.update(
        reference_id=row["reference_id"], reference_table=row.get("table"), reference_subject=row.get("subject"),
        reference_figure=_figure(row), citation=row.get("citation"), citation_text=citation_text,
        page=row.get("page"), read_in=row.get("read_in"), note=row.get("note"),
    )
    what = {"supported": "supported", "contradicted": "contradicted", "within_range": "within the range",
            "outside_range": "outside the range"}[verdict]
    page = f", p. {row['page']}" if row.get("page") else ""
    cls = row.get("predicate_class") or ""
    rec["explanation"] = (f"{said}; the reference gives {_figure(row)} ({row.get('subject')}, {cls}): {what}. "
                          f"Source: {citation_text}{page}")
    return rec


def verify(claims: pd.DataFrame, references: ReferenceTable | Iterable[str | Path]) -> pd.DataFrame:
    """One verdict per claim and matching reference row, or ``no_reference`` when none matches.

    Example:
        >>> verdicts = verify(extract("sources/"), ["claims/reference/soviet-repression-1930s.csv"])  # doctest: +SKIP
        >>> verdicts[verdicts.verdict != "no_reference"][["text", "verdict", "citation_text"]]  # doctest: +SKIP
    """
    table = references if isinstance(references, ReferenceTable) else load_reference(*references)
    index = _Index(table)
    out = []
    for claim in to_records(claims[claims["kind"].isin(["quantity", "event"])]):
        if claim["kind"] == "event":
            rows = index.event_rows(claim)
            verdicts = [(_event_verdict(claim, row), row) for row in rows]
        else:
            matches = index.quantity_rows(claim)
            verdicts = [(_quantity_verdict(row, feat, ref), row) for row, feat, ref in matches]
        verdicts = [(v, r) for v, r in verdicts if v != "no_reference"]
        if not verdicts:
            out.append(_record(claim, "no_reference", None, table))
        for verdict, row in verdicts:
            out.append(_record(claim, verdict, row, table))
    return frame(out, VERDICT_COLUMNS)


def check_names(sources: Iterable[Source], persons: str | Path | list[dict]) -> pd.DataFrame:
    """Likely misspellings of listed people in the sources, with the reference spelling and offsets.

    Example:
        >>> check_names(read_sources(["essays/"]).sources, "claims/reference/persons.csv")  # doctest: +SKIP
    """
    people = persons if isinstance(persons, list) else load_persons(persons)
    index = NameIndex()
    listed: dict[str, dict] = {}
    for person in people:
        key = index.add(person["name"])
        for variant in person["variants"]:
            index.add(variant)
        listed.setdefault(key, person)
    out = []
    for source in sources:
        for m in _CAPITALISED.finditer(source.text):
            text = m.group(0)
            key = index.match(text)
            if key is None or key not in listed:
                continue
            words = name_key(text).split()
            if not words or set(words) <= index.known_tokens(key):
                continue
            start, end = source.to_original(m.start(), m.end())
            person = listed[key]
            out.append({
                "source_id": source.source_id, "text": source.original[start:end], "start": start, "end": end,
                "reference_name": person["name"], "role": person.get("role"), "citation": person.get("citation"),
                "explanation": f"{source.source_id} writes “{source.original[start:end]}”: likely a misspelling "
                               f"of {person['name']}" + (f" ({person['role']})" if person.get("role") else "") + ".",
            })
    return frame(out, NAME_COLUMNS)
