"""Align claims about the same thing, across sources and within one, and judge each pair.

Alignment. Two quantity claims are about the same thing when
- they measure alike: counts with counts, shares with shares (a percentage,
  a fraction or a ratio such as "three out of six" is read as its share, so
  "half", "50%" and "three out of six" meet), durations with durations;
- their subjects name the same people or things: the subject is reduced to
  its head concept (``subjects`` in ``data/compare.json``: "officer corps",
  "officers" and "command staff" are one concept) and its other modifiers,
  which must be equal once place words such as "Red Army" are dropped, so
  "army commanders" and "corps commanders" stay apart; a collective noun
  ("kulak households") counts groups of its modifier ("kulaks") and is
  aligned with it, the difference recorded. A claim with no subject
  ("10 million were sent to the camps") counts people when its event class
  can only happen to people, and is otherwise left out;
- both have an event class and the classes are the same or one takes in
  the other (``broader_predicates``: "purged" and "arrested and executed"
  may describe one count; "deported" and "imprisoned" are different counts).
  Sibling classes under one broader class ("arrested" and "executed") are
  different counts too, and meet only when they give the same figure ("70%
  were arrested" against "70% were shot": one of the two may have put the
  figure on the wrong count). A figure with no event
  ("half a million soldiers marched") is not compared: the size of an army
  and the number purged from it share a subject and nothing else.
Two events align when they share a participant (names already carry one key
per person across spellings, see :mod:`claimkit.extract.names`) and their classes are
related ("murdered" and "died" may date the same death). For what happens to
someone (``undergone_classes``: shot, arrested, appointed) the participant
must be the one it happened to, so "Stalin made Molotov Commissar" and
"Stalin appointed Yezhov" are two events. Pairs are never formed
- within one sentence, nor between two figures that both lack a subject;
- between figures whose periods are both known and share no day (famine
  deaths of 1932-33 and camp deaths of 1934-53 are two counts);
- within one source between figures it attributes to different people (an
  article reporting two scholars' estimates does not contradict itself).
Pairs within one source are otherwise formed: a source that contradicts
itself is a finding too. Nationalities ("the Soviets", "German") are not
participants to align events on: a nation signs many treaties.

Scale. Claims are put in blocks by (measure, subject concept, modifiers, root
event class: the broadest class above theirs, "purged" or "died" for
"executed"), events by participant key: only members of one block meet, and
figures with no subject meet only those with one, so the work grows with the
sum of squared block sizes, not with the square of the corpus.

Verdicts. Each claim stands for an interval: its ``low``/``high`` as
extracted, except that a figure with an approximate qualifier ("about",
"roughly") stands for the values that round to it (half a step of its last
significant digit: "about 750,000" is 745,000-755,000, "about one and a half
million" is 1.45-1.55 million), and a missing lower bound of a count or share
is 0. Then
- ``agree``: the intervals overlap ("50%" and "as much as half"; "10 million"
  and "between seven and twenty million");
- ``conflict``: they do not overlap and subject, event class, period, place
  and base are the same;
- ``scope_differs``: they do not overlap and one of those differs too.
``reasons`` lists everything that differs, also on agreeing pairs: ``value``
(or ``date`` for events), ``predicate``, ``period``, ``place``, ``base``,
``subject`` (households against people) and ``certainty`` (a hedged or
bounded figure against a flat one), so "850,000 purged" against "850,000
arrested" agrees as a figure and still says the counts differ.

Severity (for sorting, 0-3): 3 a conflict between two flatly asserted
figures; 2 a conflict with one hedged side, or a scope difference between
asserted figures; 1 a conflict between hedged figures or a scope difference
with a hedged side; 0 agreement. A conflict whose sameness is inferred (a
side with no subject or no period) counts one less, but at least 1.
"""

from __future__ import annotations

import gc
import hashlib
from contextlib import contextmanager
from itertools import chain, combinations, product

import pandas as pd

from ..store import DISAGREEMENT_COLUMNS, to_records
from .explain import explain
from .features import SCOPE_REASONS, USED, Claim, claim_features, related, siblings


def _comparable(a: Claim, b: Claim) -> bool:
    """Whether two claims of one block are about the same thing."""
    if a.sentence == b.sentence:
        return False
    if a.measure != "event" and a.known and b.known and (a.period[1] < b.period[0] or b.period[1] < a.period[0]):
        return False  # famine deaths of 1932-33 and camp deaths of 1934-53 are two counts
    if a.elliptic and b.elliptic and a.measure != "duration":
        return False  # two figures with no subject share a verb and nothing else
    if a.attribution and b.attribution and a.attribution != b.attribution and a.sentence[0] == b.sentence[0]:
        return False  # a text reporting two scholars' estimates does not contradict itself
    if a.classes and b.classes and not related(a.classes, b.classes):
        if not (siblings(a.classes, b.classes) and a.low <= b.high and b.low <= a.high):
            return False  # "70% were arrested" and "70% were shot" meet; 1.5 million arrests and 680,000
            # shootings do not
    if a.measure == "event":
        return True
    if a.measure == "duration":
        return not (a.concept and b.concept and a.concept != b.concept) and a.mods == b.mods
    return a.mods == b.mods


def _reasons(a: Claim, b: Claim, overlap: bool) -> list[str]:
    reasons = [] if overlap else ["date" if a.measure == "event" else "value"]
    if a.classes and b.classes and a.classes != b.classes:
        reasons.append("predicate")
    if a.measure != "event" and any(a.period) and any(b.period) and a.period != b.period:
        reasons.append("period")
    if a.place and b.place and a.place != b.place and a.measure != "event":
        reasons.append("place")
    if a.base and b.base and a.base != b.base:
        reasons.append("base")
    if a.collective != b.collective:
        reasons.append("subject")
    if a.hedged != b.hedged or a.bounded != b.bounded:
        reasons.append("certainty")
    return reasons


def _severity(status: str, a: Claim, b: Claim) -> int:
    hedged = (a.hedged or a.bounded) + (b.hedged or b.bounded)
    if status == "conflict":
        inferred = a.elliptic or b.elliptic or not (a.known and b.known)
        return max(1, 3 - hedged - inferred)
    if status == "scope_differs":
        return 2 if hedged == 0 else 1
    return 0


def judge(a: Claim, b: Claim) -> dict:
    """The disagreement record for two aligned claims."""
    overlap = a.low <= b.high and b.low <= a.high
    reasons = _reasons(a, b, overlap)
    if overlap:
        status = "agree"
    elif any(r in SCOPE_REASONS for r in reasons):
        status = "scope_differs"
    else:
        status = "conflict"
    rel = None
    if a.point is not None and b.point is not None and max(abs(a.point), abs(b.point)) > 0:
        rel = min(1.0, abs(a.point - b.point) / max(abs(a.point), abs(b.point)))
    ra, rb = a.row, b.row
    first, second = sorted((ra["claim_id"], rb["claim_id"]))
    return {
        "pair_id": hashlib.sha1(f"{first}:{second}".encode()).hexdigest()[:16],
        "a": ra["claim_id"],
        "b": rb["claim_id"],
        "kind": "event" if a.measure == "event" else "quantity",
        "source_a": ra["source_id"],
        "source_b": rb["source_id"],
        "text_a": ra["text"],
        "text_b": rb["text"],
        "subject": ra.get("subject") or rb.get("subject") or (a.concept if a.measure != "event" else None) or None,
        "status": status,
        "flagged": status != "agree",
        "severity": _severity(status, a, b),
        "reasons": reasons,
        "relative_difference": rel,
        "explanation": explain(a, b, status, reasons),
    }



def align(claims: pd.DataFrame) -> list[tuple[dict, dict]]:
    """Pairs of claim records that speak of the same thing (see the module docstring)."""
    return [(a.row, b.row) for a, b in _pairs(claims)]


def _pairs(claims: pd.DataFrame):
    keep = claims["kind"].isin(["quantity", "event"])
    blocks: dict[tuple, list[Claim]] = {}
    multi: set[int] = set()  # claims in more than one block: their pairs may repeat
    for c in to_records(claims.loc[keep, [col for col in USED if col in claims.columns]]):
        features = claim_features(c)
        if len(features) > 1:
            multi.add(id(features[0][1]))
        for key, claim in features:
            blocks.setdefault(key, []).append(claim)
    seen: set[tuple[str, str]] = set()
    for key, members in blocks.items():
        if len(members) < 2:
            continue
        explicit = [m for m in members if not m.elliptic]
        elliptic = [m for m in members if m.elliptic]
        candidates = combinations(explicit, 2) if key[0] != "duration" else combinations(members, 2)
        if key[0] != "duration":
            candidates = chain(candidates, product(elliptic, explicit))  # two subjectless figures never meet
        for a, b in candidates:
            if not _comparable(a, b):
                continue
            if len(multi) and (id(a) in multi or id(b) in multi):
                ids = tuple(sorted((a.row["claim_id"], b.row["claim_id"])))
                if ids in seen:
                    continue  # met in another block already
                seen.add(ids)
            yield a, b


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector: the pair loop makes millions of small objects and no
    cycles, and the collector's repeated scans of them made the time grow faster than the corpus."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def compare(claims: pd.DataFrame) -> pd.DataFrame:
    """A disagreement record for every aligned pair of claims, most severe first.

    Example:
        >>> disagreements = compare(extract("sources/"))  # doctest: +SKIP
        >>> disagreements[disagreements.flagged][["text_a", "text_b", "status", "explanation"]]  # doctest: +SKIP
    """
    columns: dict[str, list] = {name: [] for name in DISAGREEMENT_COLUMNS}
    appenders = [(name, values.append) for name, values in columns.items()]
    with _collector_paused():
        for a, b in _pairs(claims):
            record = judge(a, b)
            for name, append in appenders:
                append(record[name])
    df = pd.DataFrame(columns).astype(DISAGREEMENT_COLUMNS)
    if len(df):
        df = df.sort_values(["severity", "relative_difference"], ascending=False, na_position="last",
                            kind="stable").reset_index(drop=True)
    return df
