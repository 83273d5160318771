"""What the comparison needs of a claim: its measure, subject concept, event classes, interval and period.

The lexicon behind it (subject concepts, collectives, broader event classes,
places, qualifier semantics) is ``data/compare.json``; the rules that use these
features are in :mod:`claimkit.compare.pairs`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import _data

_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "fortnight": 14.0,
         "month": 365.25 / 12, "year": 365.25, "decade": 3652.5, "century": 36525.0}
_ARTICLES = {"the", "a", "an", "its", "their", "his", "her", "these", "those", "this", "that", "of", "-"}
_IRREGULAR = {"people": "person", "men": "man", "women": "woman", "children": "child", "corps": "corps",
              "police": "police", "personnel": "personnel", "cattle": "cattle", "staff": "staff"}
USED = ("claim_id", "source_id", "kind", "text", "sentence", "value", "low", "high", "qualifier", "unit", "share",
         "date_start", "date_end", "subject", "base", "predicate", "predicate_class", "period_start", "period_end",
         "place", "hedge", "certainty", "negated", "participants", "participant_keys", "patient_keys",
         "attribution_key")
_PLACING = {"in", "at", "from", "during", "on", "under", "inside", "across", "throughout", "within", "who", "that",
            "which", "whose"}
SCOPE_REASONS = ("predicate", "period", "place", "base", "subject")



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


def names(value) -> list[str]:
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
class Claim:
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


def claim_features(c: dict) -> list[tuple[tuple, Claim]]:
    """The blocks a claim belongs to and its comparison features (none if it cannot be aligned)."""
    lex = _lexicon()
    classes = _classes(c)
    sentence = (c["source_id"], c.get("sentence"))
    certainty = c.get("certainty") or "asserted"
    qualifier = (c.get("qualifier") or "").lower()
    if c["kind"] == "event":
        keys = [k for k in names(c.get("participant_keys")) if not k.startswith("NORP:")]  # "the Soviets" sign much
        patients = names(c.get("patient_keys"))
        if classes <= lex["undergone"]:
            keys = patients  # "Kirov was shot": the event is Kirov's, whoever fired
        if not classes or not keys or not c.get("date_start") or not c.get("date_end"):
            return []
        claim = Claim(c, "event", None, frozenset(), None, classes, c["date_start"],
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
    claim = Claim(c, measure, terms[0], terms[1], terms[2], classes, lo, hi, point,
                   qualifier in lex["bounded"], certainty != "asserted", _place(c.get("place")),
                   base[0] if base else None, sentence, elliptic)
    _dated(claim)
    if measure == "duration":
        return [(("duration", "+".join(sorted(classes))), claim)]
    return [((measure, terms[0], terms[1], root), claim) for root in _roots(classes)]


def _dated(claim: Claim) -> None:
    """Fill the fields of a claim's period and attribution, read once rather than for every pair."""
    row = claim.row
    claim.period = (row.get("period_start"), row.get("period_end"))
    claim.known = bool(claim.period[0] and claim.period[1])
    claim.attribution = row.get("attribution_key")
