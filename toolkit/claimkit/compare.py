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
per person across spellings, see :mod:`claimkit.names`) and their classes are
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
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, combinations, product

import pandas as pd

from . import _data
from .table import DISAGREEMENT_COLUMNS, to_records

_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "fortnight": 14.0,
         "month": 365.25 / 12, "year": 365.25, "decade": 3652.5, "century": 36525.0}
_ARTICLES = {"the", "a", "an", "its", "their", "his", "her", "these", "those", "this", "that", "of", "-"}
_IRREGULAR = {"people": "person", "men": "man", "women": "woman", "children": "child", "corps": "corps",
              "police": "police", "personnel": "personnel", "cattle": "cattle", "staff": "staff"}
_USED = ("claim_id", "source_id", "kind", "text", "sentence", "value", "low", "high", "qualifier", "unit", "share",
         "date_start", "date_end", "subject", "base", "predicate", "predicate_class", "period_start", "period_end",
         "place", "hedge", "certainty", "negated", "participants", "participant_keys", "patient_keys",
         "attribution_key")
_PLACING = {"in", "at", "from", "during", "on", "under", "inside", "across", "throughout", "within", "who", "that",
            "which", "whose"}
_SCOPE_REASONS = ("predicate", "period", "place", "base", "subject")


def unit_class(unit: str | None) -> str | None:
    """Which units compare: counts with counts, shares with shares, durations with durations."""
    if unit is None:
        return None
    if unit == "percent":
        return "share"
    if unit in _DAYS:
        return "duration"
    return unit


@lru_cache(maxsize=None)
def _lexicon() -> dict:
    """The alignment lexicon with its lookups built once."""
    data = _data.load("compare")
    phrases = {}
    for concept, names in data["subjects"].items():
        for name in names:
            phrases[tuple(_singular(w) for w in name.split())] = concept
    broader = {cls: set(narrower) for cls, narrower in data["broader_predicates"].items()}
    places = {alias: canon for canon, aliases in data["places"].items() for alias in aliases}
    phrases_first = sorted(data["context_modifiers"], key=lambda c: len(c.split()), reverse=True)
    context = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in phrases_first) + r")\b")
    return {
        "phrases": phrases, "collectives": set(data["collectives"]), "context": context,
        "people": set(data["people_classes"]), "undergone": set(data["undergone_classes"]), "broader": broader,
        "places": places,
        "concept_context": {k: set(v) for k, v in data["concept_context"].items()},
        "bounded": set(data["uncertain_qualifiers"]), "approximate": set(data["approximate_qualifiers"]),
    }


def _singular(word: str) -> str:
    """A plural noun's singular by spelling rules (enough to match subjects, not a lemmatiser)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=None)  # one entry per distinct subject: bounded, it thrashed on large corpora
def subject_terms(subject: str | None) -> tuple[str, frozenset, str | None] | None:
    """(concept, modifiers, collective) of a subject phrase, or None when it names nothing.

    "officers of the Red Army" -> ("officer", {}, None); "kulak households" ->
    ("kulak", {}, "household"); "army commanders" -> ("commander", {"army"}, None).
    """
    if not subject:
        return None
    lex = _lexicon()
    text = re.sub(r"[’']s\b|[^\w\s-]", " ", subject.lower())
    words = [w for w in text.split() if w]
    cut = next((i for i, w in enumerate(words) if w in _PLACING and i > 0), None)
    words = words[:cut]  # "labour force in the camps": what is counted comes before the place
    if "of" in words:  # "officers of the Red Army" -> "red army officers"
        i = words.index("of")
        words = words[i + 1:] + words[:i]
    words = [_singular(w) for w in words if w not in _ARTICLES]
    if not words:
        return None
    collective = None
    if len(words) > 1 and words[-1] in lex["collectives"]:
        collective = words.pop()
    for n in range(len(words), 0, -1):
        concept = lex["phrases"].get(tuple(words[-n:]))
        if concept is not None:
            head, mods = concept, words[:-n]
            break
    else:
        head, mods = words[-1], words[:-1]
    joined = lex["context"].sub(" ", " ".join(mods)) if mods else ""
    own = lex["concept_context"].get(head, ())
    return head, frozenset(w for w in joined.split() if w not in own), collective


def _names(value) -> list[str]:
    """A list column's value as a list (it may arrive as None, a list or an array)."""
    return [] if value is None else [str(v) for v in value]


def _classes(c: dict) -> frozenset:
    return frozenset(c["predicate_class"].split("+")) if c.get("predicate_class") else frozenset()


@lru_cache(maxsize=4096)
def _roots(classes: frozenset) -> frozenset:
    """The broadest classes above a set of classes ("executed" is under "purged" and "died"): claims
    whose classes are related share a root, so blocks can be split by it."""
    broader = _lexicon()["broader"]
    out = set()
    for cls in classes:
        above = [b for b, narrower in broader.items() if cls in narrower]
        out |= _roots(frozenset(above)) if above else {cls}
    return frozenset(out)


@lru_cache(maxsize=4096)
def siblings(a: frozenset, b: frozenset) -> bool:
    """Whether two sets of event classes fall under one broader class ("arrested" and "executed" under
    "purged"): different counts, worth pairing only when they give the same figure."""
    broader = _lexicon()["broader"]
    return any(x in narrower and y in narrower for narrower in broader.values() for x in a for y in b)


@lru_cache(maxsize=4096)
def related(a: frozenset, b: frozenset) -> bool:
    """Whether two sets of event classes may describe one count: they share a class, or one class takes
    in another ("purged" takes in "arrested"; "died" takes in "killed")."""
    if a & b:
        return True
    broader = _lexicon()["broader"]
    return any(y in broader.get(x, ()) or x in broader.get(y, ()) for x in a for y in b)


def _place(place: str | None) -> str | None:
    if not place:
        return None
    key = " ".join(place.lower().split())
    return _lexicon()["places"].get(key, key.removeprefix("the "))


def _rounding_step(value: float) -> float:
    """The step of a figure's last significant digit (750,000 -> 10,000; 1.5 million -> 100,000)."""
    if value == 0 or not math.isfinite(value):
        return 0.0
    digits = f"{abs(value):.10g}"
    if "e" in digits:
        return 0.0
    whole, _, frac = digits.partition(".")
    frac = frac.rstrip("0")
    if frac:
        return 10.0 ** -len(frac)
    stripped = whole.rstrip("0")
    return 10.0 ** (len(whole) - len(stripped))


@dataclass
class _Claim:
    """What the comparison needs of one claim."""

    row: dict
    measure: str
    concept: str | None
    mods: frozenset
    collective: str | None
    classes: frozenset
    low: float | str
    high: float | str
    point: float | None
    bounded: bool
    hedged: bool
    place: str | None
    base: str | None
    sentence: tuple
    elliptic: bool = False
    period: tuple = (None, None)
    known: bool = False  # both ends of the period are known
    attribution: str | None = None


def _interval(c: dict, measure: str) -> tuple[float, float, float | None]:
    """(low, high, point) a quantity claim stands for, in the measure's scale."""
    value, low, high = c.get("value"), c.get("low"), c.get("high")
    if measure == "share" and c.get("unit") != "percent":
        share = c.get("share")
        value = low = high = share
    scale = _DAYS.get(c.get("unit") or "", 1.0) if measure == "duration" else 1.0
    qualifier = (c.get("qualifier") or "").lower()
    if value is not None and qualifier in _lexicon()["approximate"] and c.get("low") is not None \
            and c.get("high") is not None and c.get("low") != c.get("high") and measure != "share":
        half = _rounding_step(value) / 2 or abs(value) * 0.05
        low, high = value - half, value + half
    lo = low if low is not None else (0.0 if measure in ("count", "share", "duration") else -math.inf)
    hi = high if high is not None else math.inf
    point = value if value is not None else ((low + high) / 2 if low is not None and high is not None else None)
    if point is None:
        point = low if low is not None else high
    return lo * scale, hi * scale, (point * scale if point is not None else None)


def claim_features(c: dict) -> list[tuple[tuple, _Claim]]:
    """The blocks a claim belongs to and its comparison features (none if it cannot be aligned)."""
    lex = _lexicon()
    classes = _classes(c)
    sentence = (c["source_id"], c.get("sentence"))
    certainty = c.get("certainty") or "asserted"
    qualifier = (c.get("qualifier") or "").lower()
    if c["kind"] == "event":
        keys = [k for k in _names(c.get("participant_keys")) if not k.startswith("NORP:")]  # "the Soviets" sign much
        patients = _names(c.get("patient_keys"))
        if classes <= lex["undergone"]:
            keys = patients  # "Kirov was shot": the event is Kirov's, whoever fired
        if not classes or not keys or not c.get("date_start") or not c.get("date_end"):
            return []
        claim = _Claim(c, "event", None, frozenset(), None, classes, c["date_start"],
                       c["date_end"], None, False, certainty != "asserted", _place(c.get("place")), None, sentence)
        _dated(claim)
        return [(("event", k), claim) for k in keys]
    if c["kind"] != "quantity" or c.get("negated"):
        return []
    unit = c.get("unit")
    measure = "share" if unit == "percent" or c.get("share") is not None else unit_class(unit)
    if measure not in ("count", "share", "duration"):
        return []
    terms = subject_terms(c.get("subject"))
    elliptic = terms is None
    if terms is None:
        if measure == "duration" and classes:
            terms = ("", frozenset(), None)
        elif classes and classes <= lex["people"]:
            terms = ("person", frozenset(), None)
        else:
            return []
    if not classes:
        return []  # a count of nothing that happened ("half a million soldiers marched") is not compared
    lo, hi, point = _interval(c, measure)
    base = subject_terms(c.get("base"))
    claim = _Claim(c, measure, terms[0], terms[1], terms[2], classes, lo, hi, point,
                   qualifier in lex["bounded"], certainty != "asserted", _place(c.get("place")),
                   base[0] if base else None, sentence, elliptic)
    _dated(claim)
    if measure == "duration":
        return [(("duration", "+".join(sorted(classes))), claim)]
    return [((measure, terms[0], terms[1], root), claim) for root in _roots(classes)]


def _dated(claim: _Claim) -> None:
    """Fill the fields of a claim's period and attribution, read once rather than for every pair."""
    row = claim.row
    claim.period = (row.get("period_start"), row.get("period_end"))
    claim.known = bool(claim.period[0] and claim.period[1])
    claim.attribution = row.get("attribution_key")


def _comparable(a: _Claim, b: _Claim) -> bool:
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


def _reasons(a: _Claim, b: _Claim, overlap: bool) -> list[str]:
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


def _severity(status: str, a: _Claim, b: _Claim) -> int:
    hedged = (a.hedged or a.bounded) + (b.hedged or b.bounded)
    if status == "conflict":
        inferred = a.elliptic or b.elliptic or not (a.known and b.known)
        return max(1, 3 - hedged - inferred)
    if status == "scope_differs":
        return 2 if hedged == 0 else 1
    return 0


def judge(a: _Claim, b: _Claim) -> dict:
    """The disagreement record for two aligned claims."""
    overlap = a.low <= b.high and b.low <= a.high
    reasons = _reasons(a, b, overlap)
    if overlap:
        status = "agree"
    elif any(r in _SCOPE_REASONS for r in reasons):
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


def _period_text(c: dict) -> str:
    return _span_text(c.get("period_start"), c.get("period_end"))


@lru_cache(maxsize=4096)
def _span_text(s: str | None, e: str | None) -> str:
    """A period as a reader writes it: "1937", "1934–1939", or its two dates."""
    if not s and not e:
        return ""
    if s and e and s[:4] == e[:4] and s.endswith("-01-01") and e.endswith("-12-31"):
        return s[:4]
    if s and e and s.endswith("-01-01") and e.endswith("-12-31"):
        return f"{s[:4]}–{e[:4]}"
    return f"{s or '…'} to {e or '…'}"


def _date_text(c: dict) -> str:
    s, e = c.get("date_start"), c.get("date_end")
    return s if s == e else f"{s} to {e}"


def _describe(x: _Claim) -> str:
    c = x.row
    what = f"“{c['text']}”"
    if x.measure == "event":
        who = ", ".join(_names(c.get("participants")))
        return f"{what} ({who}, {_date_text(c)})" if who else f"{what} ({_date_text(c)})"
    if c.get("subject"):
        what += f" {c['subject']}"
    if c.get("predicate"):
        what += f" {c['predicate']}"
    period = _period_text(c)
    if period:
        what += f" ({period})"
    return what


_DIFFERS = {
    "predicate": "what happened ({a} against {b})",
    "period": "the period ({a} against {b})",
    "place": "the place ({a} against {b})",
    "base": "the whole it is a share of ({a} against {b})",
    "subject": "what is counted ({a} against {b})",
}


def _difference(reason: str, a: _Claim, b: _Claim) -> str:
    ra, rb = a.row, b.row
    values = {
        "predicate": (ra.get("predicate") or ra.get("predicate_class"),
                      rb.get("predicate") or rb.get("predicate_class")),
        "period": (_period_text(ra), _period_text(rb)),
        "place": (ra.get("place"), rb.get("place")),
        "base": (ra.get("base"), rb.get("base")),
        "subject": (a.collective and f"{a.collective}s" or "people", b.collective and f"{b.collective}s" or "people"),
    }[reason]
    return _DIFFERS[reason].format(a=values[0], b=values[1])


def _certainty_text(a: _Claim, b: _Claim) -> str:
    def how(x: _Claim) -> str:
        if x.hedged:
            return f"hedged (“{x.row.get('hedge') or x.row.get('certainty')}”)"
        if x.bounded:
            return f"a bound (“{x.row.get('qualifier')}”)"
        return "flat"
    return f"one is {how(a)}, the other {how(b)}" if how(a) != "flat" else f"one is flat, the other {how(b)}"


def explain(a: _Claim, b: _Claim, status: str, reasons: list[str]) -> str:
    """One sentence a teacher can read: both sources, both figures as written, what differs."""
    ra, rb = a.row, b.row
    if ra["source_id"] == rb["source_id"]:
        said = f"{ra['source_id']} gives both {_describe(a)} and {_describe(b)}"
    else:
        said = f"{ra['source_id']} gives {_describe(a)} and {rb['source_id']} gives {_describe(b)}"
    scope = [_difference(r, a, b) for r in reasons if r in _SCOPE_REASONS]
    hedge = _certainty_text(a, b) if "certainty" in reasons else ""
    figure = "dates" if a.measure == "event" else "figures"
    if status == "conflict":
        gap = f" ({_date_text(ra)} against {_date_text(rb)})" if a.measure == "event" else \
            f" ({ra['text']} against {rb['text']})"
        same = "event" if a.measure == "event" else "count"
        sentence = f"{said}: the {figure} contradict each other for the same {same}{gap}"
        return sentence + (f"; {hedge}." if hedge else ".")
    if status == "scope_differs":
        return (f"{said}: the {figure} differ, and so does {' and '.join(scope)}, "
                "so they may not measure the same thing.")
    extra = "; ".join(p for p in (", ".join(scope) and f"but {' and '.join(scope)} differ" if len(scope) > 1 else
                                  (f"but {scope[0]} differs" if scope else ""), hedge) if p)
    return f"{said}: the {figure} are compatible" + (f", {extra}." if extra else ".")


def align(claims: pd.DataFrame) -> list[tuple[dict, dict]]:
    """Pairs of claim records that speak of the same thing (see the module docstring)."""
    return [(a.row, b.row) for a, b in _pairs(claims)]


def _pairs(claims: pd.DataFrame):
    keep = claims["kind"].isin(["quantity", "event"])
    blocks: dict[tuple, list[_Claim]] = {}
    multi: set[int] = set()  # claims in more than one block: their pairs may repeat
    for c in to_records(claims.loc[keep, [col for col in _USED if col in claims.columns]]):
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
