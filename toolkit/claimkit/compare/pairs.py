"""Align claims about the same thing, across sources and within one, and judge each pair.

Alignment. Two quantity claims are about the same thing when
- they measure alike: counts with counts, shares with shares (a percentage, a fraction or a
  ratio such as "three out of six" is read as its share, so "half", "50%" and "three out of six"
  meet), durations with durations, lengths, areas and masses with their like in any unit;
- they count the same people or things: the subject is reduced to its head concept (``subjects``
  of the lexicon: "officer corps", "officers" and "command staff" are one concept) and its
  modifiers, which must be equal ("army commanders" are not "corps commanders", "British
  soldiers" are not "German soldiers"; a demonym of the source's own place restricts nothing,
  spellings of one name meet: "Girondist" and "Girondin"). People counted in general ("deaths",
  "casualties", or no subject with an event that only happens to people: "10 million were sent to
  the camps") meet any people, the difference recorded as ``subject``. A collective ("kulak
  households") counts groups of its modifier and is aligned with it, the difference recorded;
- their events are related: the same class, or one takes in the other (the event lexicon's
  broader classes: "purged" takes in "arrested", "died" takes in "killed"); classes under one
  broader class ("arrested" and "executed") meet only when they give the same figure. A verb the
  lexicon does not know is its own class ("emigrate"). A figure with no event ("half a million
  soldiers marched") is not compared;
- their restrictions agree: a count narrowed to a part of its event ("officially executed", "died
  in prison or without trial", "another 25,000") meets only counts narrowed alike (sharing a
  word), never the whole count: 17,000 official executions are not 40,000 deaths of all kinds;
- their scopes are compatible: the same named event (the claim's own, else its source's topic:
  "the Somme" is "the Battle of the Somme"), and where a claim names its place, the same place
  ("in Paris" never meets a count for France, whether France is named or the source's topic); a
  Terror figure and a famine figure never meet, nor two figures of one event in different cities;
- their periods overlap, when both are known (famine deaths of 1932-33 and camp deaths of 1934-53
  are two counts).
Two events align when they happened to the same thing (a named event: "the Great Leap Forward was
abandoned", "launched a campaign known as the Great Leap Forward"; or the same noun phrase: "the
levée en masse") or, for what happens to someone (executed, arrested, appointed), to the same
person (names carry one key per person across spellings, see :mod:`claimkit.extract.names`),
and their classes are related. Nationalities ("the Soviets") are not participants to align on.
Pairs are never formed between two figures of one sentence unless the sentence sets them as
alternatives ("a toll of 170,000 or 450,000"), nor between two figures that both lack a subject
unless both speak of one named event. A source that contradicts itself, or reports two scholars
who disagree, is a finding too: such pairs are formed and flagged (the latter at severity 1).

Scale. Claims are put in blocks by (measure, subject concept or "people", root event class: the
broadest class above theirs), events by participant key or by the words of what they happened
to: only members of one block meet, so the work grows with the sum of squared block sizes, not
with the square of the corpus.

Verdicts. Each claim stands for an interval (:mod:`claimkit.compare.intervals` writes the rule
historians round by: "about one million" against "about two million" conflict, "roughly 680,000"
and "approximately 700,000" agree). Then
- ``agree``: the intervals overlap, and for two written ranges (or two dated spans) both ends do;
- ``conflict``: they do not, and subject, event class, period, place, event and base are the same;
- ``scope_differs``: they do not, and one of those differs too.
``reasons`` lists everything that differs, also on agreeing pairs: ``value`` (or ``date`` for
events), ``predicate``, ``period``, ``place``, ``event``, ``base``, ``subject``, ``certainty`` (a
hedged or bounded figure against a flat one) and ``attribution`` (one source reporting two
scholars), so "850,000 purged" against "850,000 arrested" agrees as a figure and still says the
counts differ.

Severity (for sorting, 0-3): 3 a conflict between two flatly asserted figures; 2 a conflict with
one hedged side, or a scope difference between asserted figures; 1 a conflict between hedged
figures, a scope difference with a hedged side, or two scholars one text reports; 0 agreement.
A conflict whose sameness is inferred (a side with no subject or no period) counts one less, but
at least 1.
"""

from __future__ import annotations

import gc
import hashlib
import math
from contextlib import contextmanager
from itertools import combinations, product

import pandas as pd

from ..store import DISAGREEMENT_COLUMNS, GROUP_COLUMNS, to_records
from .explain import explain
from ..nlp.lexicon import accepts_lexicons, current
from ..nlp.scope import keys_match
from .features import PEOPLE, SCOPE_REASONS, USED, Claim, claim_features, related, siblings
from .groups import Classes, build_groups
from .intervals import ends_agree


def _alternatives(a: Claim, b: Claim) -> bool:
    """Whether one sentence sets two figures as alternatives ("a toll of 170,000 or 450,000 lives",
    "some date it to 1793, while others ...")."""
    sentence = a.sentence[1] or ""
    i, j = sentence.find(a.row["text"]), sentence.find(b.row["text"])
    if i < 0 or j < 0:
        return False
    lo, hi = (i + len(a.row["text"]), j) if i < j else (j + len(b.row["text"]), i)
    between = f" {sentence[lo:hi].lower()} "
    return any(w in between for w in (" or ", " while ", " whereas ", " others ", " other ", "; ", " but "))


def _disjoint(p: tuple, q: tuple) -> bool:
    """Whether two periods share no day, by whatever ends are known ("from 1850" and "1793-1794" do not)."""
    return bool(p[0] and q[1] and p[0] > q[1] or q[0] and p[1] and q[0] > p[1])


def _scope_ok(a: Claim, b: Claim, lex) -> bool:
    """Whether two claims hold within compatible scopes (see the module docstring)."""
    ea = (a.event,) if a.event else a.topic_events
    eb = (b.event,) if b.event else b.topic_events
    if ea and eb and not any(keys_match(x, y, lex.event_heads) for x in ea for y in eb):
        return False  # the Terror and the Great Leap Forward; the Somme and a text about the Somme and the war
        # both meet
    if a.measure == "event":
        return True  # an event is keyed by who or what it happened to; where it happened may differ (a reason)
    pa, pb = a.place, b.place
    if pa and pb and pa != pb:
        return False  # Paris and Lyon, or Paris and France
    own, other = (pa, b) if pa else (pb, a)
    if own and not (pa and pb):
        if _is_part(own, lex):
            return False  # "2,000 executed in Lyon" is not a figure for the whole the other text speaks of
        if other.topic_place and other.topic_place != own:
            return False
    if not (ea and eb) and a.topic_place and b.topic_place and a.topic_place != b.topic_place:
        return False  # no event to go by, and two different countries
    return True


def _is_part(place: str, lex) -> bool:
    """A place below a country (a city, a province, a region the places lexicon does not list as a country)."""
    entry = lex.places.get(place)
    if entry is None:
        return True
    above = entry.get("part_of")
    return bool(above) and bool(lex.places.get(above, {}).get("part_of"))


def _restrictions_ok(a: Claim, b: Claim) -> bool:
    """A count narrowed to a part of its event meets only counts narrowed alike."""
    return a.restrictions == b.restrictions or bool(a.restrictions & b.restrictions)


def _comparable(a: Claim, b: Claim) -> bool:
    """Whether two claims of one block are about the same thing."""
    lex = current()
    if a.sentence == b.sentence and a.measure != "event" and not _alternatives(a, b):
        return False
    if a.row["claim_id"] == b.row["claim_id"]:
        return False
    if a.measure != "event" and _disjoint(a.period, b.period):
        return False  # famine deaths of 1932-33 and camp deaths of 1934-53 are two counts
    if a.elliptic and b.elliptic and a.measure != "duration" and not (
            (a.event or a.topic_events) and (b.event or b.topic_events)):
        return False  # two figures with no subject share a verb and nothing else, unless one named event
    if a.classes and b.classes and not related(a.classes, b.classes, lex):
        if not (siblings(a.classes, b.classes, lex) and a.low <= b.high and b.low <= a.high):
            return False  # "70% were arrested" and "70% were shot" meet; 1.5 million arrests and 680,000
            # shootings do not
    if not _scope_ok(a, b, lex):
        return False
    if a.measure == "event":
        return _same_thing(a, b, lex.event_heads)
    if not _restrictions_ok(a, b):
        return False
    if a.measure == "duration":
        return not (a.concept and b.concept and a.concept != b.concept) and a.mods == b.mods
    if a.people and b.people and a.concept != b.concept:
        if PEOPLE not in (a.concept, b.concept):
            return False  # soldiers and peasants
        return bool(a.mods) and a.mods == b.mods  # "British casualties" and "British soldiers" are one people;
        # "people arrested" and "party members arrested" are a whole and its part
    if a.mods != b.mods:
        return not a.mods and a.concept != PEOPLE or not b.mods and b.concept != PEOPLE  # "soldiers" meet
        # "British soldiers"; "people" do not meet "British people"
    return True


def _same_thing(a: Claim, b: Claim, heads: frozenset) -> bool:
    """Two events happened to the same person (their block says so) or to the same named thing, and no two
    different doers did them ("Germany invaded Poland" and "the Red Army invaded Poland" are two invasions)."""
    if a.doers and b.doers and not any(x <= y or y <= x for x in a.doers for y in b.doers):
        return False  # "the Convention" and "the National Convention" are one doer
    if a.event is None and b.event is None:
        return True  # keyed by who it happened to: one block, one person
    if a.sentence[0] == b.sentence[0] and (b.event in a.apart or a.event in b.apart):
        return False  # the text itself names them as two events
    return keys_match(a.event, b.event, heads)


def _reasons(a: Claim, b: Claim, overlap: bool) -> list[str]:
    reasons = [] if overlap else ["date" if a.measure == "event" else "value"]
    if a.classes and b.classes and a.classes != b.classes:
        reasons.append("predicate")
    if a.measure != "event" and any(a.period) and any(b.period) and a.period != b.period:
        reasons.append("period")
    if a.place and b.place and a.place != b.place:
        reasons.append("place")
    if a.event and b.event and a.event != b.event and a.measure != "event":
        reasons.append("event")
    if a.base and b.base and a.base != b.base:
        reasons.append("base")
    if a.collective != b.collective or a.measure != "event" and a.people and b.people and (
            a.concept != b.concept or a.mods != b.mods):
        reasons.append("subject")
    if a.hedged != b.hedged or a.bounded != b.bounded:
        reasons.append("certainty")
    if a.attribution and b.attribution and a.attribution != b.attribution and a.sentence[0] == b.sentence[0]:
        reasons.append("attribution")
    return reasons


def _severity(status: str, a: Claim, b: Claim, reasons: list[str]) -> int:
    hedged = (a.hedged or a.bounded) + (b.hedged or b.bounded)
    if "attribution" in reasons and status != "agree":
        return 1  # a text reporting two scholars who disagree
    if status == "conflict":
        inferred = a.elliptic or b.elliptic or not (a.known and b.known)
        return max(1, 3 - hedged - inferred)
    if status == "scope_differs":
        return 2 if hedged == 0 else 1
    return 0


def _overlap(a: Claim, b: Claim) -> bool:
    if not (a.low <= b.high and b.low <= a.high):
        return False
    if a.ends is not None and b.ends is not None:
        return ends_agree(a.ends, b.ends)  # two ranges, or two spans: both ends must agree
    return True


def judge(a: Claim, b: Claim) -> dict:
    """The disagreement record for two aligned claims."""
    overlap = _overlap(a, b)
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
        "severity": _severity(status, a, b, reasons),
        "reasons": reasons,
        "relative_difference": rel,
        "low_a": _finite(a.low), "high_a": _finite(a.high), "low_b": _finite(b.low), "high_b": _finite(b.high),
        "explanation": explain(a, b, status, reasons),
    }


def _finite(x):
    """An interval end for the record: a number, or None for an open end or a date (events carry their dates)."""
    return x if isinstance(x, (int, float)) and math.isfinite(x) else None


def align(claims: pd.DataFrame) -> list[tuple[dict, dict]]:
    """Pairs of claim records that speak of the same thing (see the module docstring)."""
    return [(a.row, b.row) for a, b in _pairs(claims)]


def _within(members: list[Claim], fresh: set[int] | None):
    """Pairs inside one block; with ``fresh`` (ids of new representatives), only pairs with a new side."""
    if fresh is None:
        return combinations(members, 2)
    new = [m for m in members if id(m) in fresh]
    old = [m for m in members if id(m) not in fresh]
    return _chain(combinations(new, 2), product(new, old))


def _across(xs: list[Claim], ys: list[Claim], fresh: set[int] | None):
    """Pairs from one block to another; with ``fresh``, only pairs with a new side."""
    if fresh is None:
        return product(xs, ys)
    new_x = [x for x in xs if id(x) in fresh]
    return _chain(product(new_x, ys), product([x for x in xs if id(x) not in fresh],
                                              [y for y in ys if id(y) in fresh]))


def _chain(*parts):
    for part in parts:
        yield from part


def _candidates(blocks: dict[tuple, list[Claim]], fresh: set[int] | None = None):
    """Candidate pairs: within a block, and from a block of general claims to the specific blocks it may
    speak of (see the module docstring on subjects): figures with no subject to people in general of the same
    measure and root class; "British casualties" to "British soldiers"; "soldiers" to "British soldiers".
    Every index is keyed so that a general block meets only blocks it can match. With ``fresh`` (the ids of
    the representatives of new claims), only the pairs with a new side: the work of adding sources to a
    compared corpus grows with the new claims, not with the corpus."""
    general: dict[tuple, list[tuple]] = {}  # (measure, root) -> people-in-general blocks with no modifiers
    by_mods: dict[tuple, list[tuple]] = {}  # (measure, root, modifiers) -> people blocks with those modifiers
    concepts: dict[tuple, list[tuple]] = {}  # (measure, concept, root) -> blocks of that concept with modifiers
    for key in blocks:
        if key[0] in ("event", "duration"):
            continue
        measure, concept, mods, root, scope = key
        if scope is not None:
            continue
        if concept == PEOPLE and not mods:
            general.setdefault((measure, root), []).append(key)
        if mods:
            concepts.setdefault((measure, concept, root), []).append(key)
            if blocks[key][0].people:
                by_mods.setdefault((measure, root, mods), []).append(key)
    for key, members in blocks.items():
        if key[0] in ("event", "duration"):
            yield from _within(members, fresh)
            continue
        measure, concept, mods, root, scope = key
        if scope is None or scope[1] is not None:
            yield from _within(members, fresh)  # subjectless figures meet each other only within one event
        if scope is not None:  # "4,000 were shot" meets counts of people in general
            for other in general.get((measure, root), ()):
                yield from _across(members, blocks[other], fresh)
            continue
        if concept == PEOPLE and mods:  # "British casualties" meet "British soldiers"
            for other in by_mods.get((measure, root, mods), ()):
                if other[1] != PEOPLE:
                    yield from _across(members, blocks[other], fresh)
        elif not mods and concept != PEOPLE:  # "soldiers" meet "British soldiers"
            for other in concepts.get((measure, concept, root), ()):
                yield from _across(members, blocks[other], fresh)


def _tell_apart(blocks: dict[tuple, list[Claim]]) -> None:
    """Set each named event's ``apart``: the other names its source gives, in one sentence, to events of their
    own ("the Great Salt War of 1801-1803 and the Salt War of 1810-1812" are two wars in that text)."""
    named = {id(c): c for key, members in blocks.items() if key[0] == "event" for c in members
             if c.event and (c.row.get("event") or "")[:1].isupper()}
    together: dict[tuple, set] = {}
    for c in named.values():
        together.setdefault(c.sentence, set()).add(c.event)
    apart: dict[str, set] = {}
    for (source, _), keys in together.items():
        if len(keys) > 1:
            apart.setdefault(source, set()).update((k, other) for k in keys for other in keys if other != k)
    for c in named.values():
        c.apart = frozenset(other for k, other in apart.get(c.sentence[0], ()) if k == c.event)


def _pairs(claims: pd.DataFrame, classes: Classes | None = None, fresh_ids: set[str] | None = None):
    """Aligned pairs of class representatives (see :mod:`claimkit.compare.groups`): alike claims are one.
    With ``fresh_ids``, only the pairs with a side whose class holds one of those claims."""
    lex = current()
    classes = classes if classes is not None else Classes()
    keep = claims["kind"].isin(["quantity", "event"])
    blocks: dict[tuple, list[Claim]] = {}
    multi: set[int] = set()  # claims in more than one block: their pairs may repeat
    for c in to_records(claims.loc[keep, [col for col in USED if col in claims.columns]]):
        features = claim_features(c, lex)
        if not features or classes.add(features[0][1]) is None:
            continue  # no frame to align on, or alike a claim already in its blocks
        if len(features) > 1:
            multi.add(id(features[0][1]))
        for key, claim in features:
            blocks.setdefault(key, []).append(claim)
    _tell_apart(blocks)
    fresh = None
    if fresh_ids is not None:
        fresh = {key for key, rows in classes.members.items() if any(r["claim_id"] in fresh_ids for r in rows)}
    seen: set[tuple[str, str]] = set()
    for a, b in _candidates(blocks, fresh):
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


@accepts_lexicons
def _frame(records: list[dict]) -> pd.DataFrame:
    """The disagreements table of judged pairs, most severe first, indexed by ``pair_id``."""
    columns = {name: [r[name] for r in records] for name in DISAGREEMENT_COLUMNS}
    df = pd.DataFrame(columns).astype(DISAGREEMENT_COLUMNS)
    if len(df):
        df = df.sort_values(["severity", "relative_difference"], ascending=False, na_position="last",
                            kind="stable")
    return df.set_index("pair_id", drop=False).rename_axis(None)


def _judged(claims: pd.DataFrame, classes: Classes, fresh_ids: set[str] | None = None
            ) -> list[tuple[Claim, Claim, dict]]:
    with _collector_paused():
        return [(a, b, judge(a, b)) for a, b in _pairs(claims, classes, fresh_ids)]


@accepts_lexicons
def compare(claims: pd.DataFrame) -> pd.DataFrame:
    """A disagreement record for every aligned pair of claims (alike claims count once), most severe first.

    Example:
        >>> disagreements = compare(extract("sources/"))  # doctest: +SKIP
        >>> disagreements[disagreements.flagged][["text_a", "text_b", "status", "explanation"]]  # doctest: +SKIP
    """
    return _frame([record for _, _, record in _judged(claims, Classes())])


@accepts_lexicons
def compare_groups(claims: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(groups, pairs): aligned claims gathered in groups, and the pairs worth reading: the flagged ones and
    the agreements that carry a reason (a different event class, period or certainty). An agreement with
    nothing to say stays inside its group. The work and both tables grow with the claims.

    Example:
        >>> groups, pairs = compare_groups(extract("sources/"))  # doctest: +SKIP
        >>> groups[groups.flagged][["subject", "members_count", "low", "high", "status"]]  # doctest: +SKIP
    """
    classes = Classes()
    judged = _judged(claims, classes)
    groups = build_groups(judged, classes)
    return groups, _frame([r for _, _, r in judged if r["flagged"] or r["reasons"]])


@accepts_lexicons
def compare_added(claims: pd.DataFrame, added, groups: pd.DataFrame, pairs: pd.DataFrame
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(groups, pairs) of ``claims`` after ``added`` claims joined a compared corpus, doing only the new work.

    ``groups`` and ``pairs`` are the tables :func:`compare_groups` gave before (or this function); ``claims``
    is every claim now (the earlier ones and the ``added`` ones; claims of a source audited again are
    replaced). Only the pairs with a side among the new claims are judged, with the members of any earlier
    group that lost or changed a member; every other group and pair is kept as it was. This is what the
    database does when an audit adds sources to it: the work grows with the new claims, not with the store.
    """
    present = set(claims["claim_id"].astype(object))
    fresh = set(added) & present
    prior, stale = [], set()
    for g in groups.itertuples(index=False):
        members = list(g.members)
        if any(m in fresh or m not in present for m in members):
            stale |= {m for m in members if m in present}  # its remaining members are judged again
        else:
            prior.append(g._asdict())
    fresh |= stale
    classes = Classes()
    judged = _judged(claims, classes, fresh)
    prior_df = pd.DataFrame.from_records(prior, columns=list(GROUP_COLUMNS)).astype(GROUP_COLUMNS)
    new_groups = build_groups(judged, classes, prior_df, fresh)
    new_pairs = _frame([r for _, _, r in judged if r["flagged"] or r["reasons"]])
    keep = pairs[~pairs["a"].isin(fresh) & ~pairs["b"].isin(fresh) & pairs["a"].isin(present)
                 & pairs["b"].isin(present) & ~pairs["pair_id"].isin(set(new_pairs["pair_id"]))]
    merged = pd.concat([keep.astype(DISAGREEMENT_COLUMNS), new_pairs]) if len(keep) else new_pairs
    if len(merged):
        merged = merged.sort_values(["severity", "relative_difference"], ascending=False, na_position="last",
                                    kind="stable")
    return new_groups, merged.set_index("pair_id", drop=False).rename_axis(None)


def pairs_of(claims: pd.DataFrame, members) -> pd.DataFrame:
    """Every aligned pair among the claims ``members`` names (a group's ``members``), alike claims included:
    what ``claimkit compare --pairs`` prints for a group."""
    wanted = set(members)
    subset = claims[claims["claim_id"].isin(wanted)]
    records = []
    for c in to_records(subset.loc[:, [col for col in USED if col in subset.columns]]):
        records.append(c)
    lex = current()
    features = [f for c in records for f in claim_features(c, lex)[:1]]
    claims_ = [claim for _, claim in features]
    with _collector_paused():
        out = [judge(a, b) for i, a in enumerate(claims_) for b in claims_[i + 1:] if _comparable(a, b)]
    return _frame(out)
