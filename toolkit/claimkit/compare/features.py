"""What the comparison needs of a claim: its measure, what it counts, its event, scope, interval and period.

The words behind it are the lexicons of :mod:`claimkit.nlp.lexicon` (event classes with their
broader classes, places, subject concepts) and ``data/compare.json`` (collectives, qualifier
semantics, unit dimensions); the rules that use these features are in
:mod:`claimkit.compare.pairs`, the intervals in :mod:`claimkit.compare.intervals`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import _data
from ..nlp.lexicon import Lexicon, current
from .intervals import claim_interval, date_ends, range_ends

DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "fortnight": 14.0,
        "month": 365.25 / 12, "year": 365.25, "decade": 3652.5, "century": 36525.0}
_ARTICLES = {"the", "a", "an", "its", "their", "his", "her", "these", "those", "this", "that", "of", "-", "some",
             "all", "many", "several", "other", "such", "more", "another", "further"}
_IRREGULAR = {"people": "person", "men": "man", "women": "woman", "children": "child", "corps": "corps",
              "police": "police", "personnel": "personnel", "cattle": "cattle", "staff": "staff", "lives": "life"}
USED = ("claim_id", "source_id", "kind", "text", "sentence", "value", "low", "high", "qualifier", "unit", "share",
        "date_start", "date_end", "precision", "subject", "base", "predicate", "predicate_class", "restrictions",
        "period_start", "period_end", "place", "event", "event_key", "topic_events", "topic_place", "hedge",
        "certainty", "negated", "participants", "participant_keys", "patient_keys", "attribution_key")
_PLACING = {"in", "at", "from", "during", "on", "under", "inside", "across", "throughout", "within", "who", "that",
            "which", "whose", "between", "by", "through", "after", "before", "since", "until"}
_GENERIC_WORDS = {"great", "grand", "first", "second", "third", "last", "early", "late", "battle", "war", "revolution"}
SCOPE_REASONS = ("predicate", "period", "place", "event", "base", "subject")
PEOPLE = "person"


def unit_class(unit: str | None) -> str | None:
    """Which units compare: counts with counts, shares with shares, durations with durations, lengths with
    lengths (in any unit)."""
    if unit is None:
        return None
    if unit == "percent":
        return "share"
    if unit in DAYS:
        return "duration"
    dimension = _units().get(unit)
    return dimension[0] if dimension else unit


@lru_cache(maxsize=1)
def _units() -> dict[str, tuple[str, float]]:
    return {u: (d, f) for u, (d, f) in _data.load("compare")["units"].items()}


def _compare_lexicon(lex: Lexicon) -> dict:
    """The alignment lexicon with its lookups built once per active lexicon."""
    memo = lex.cache.get("compare")
    if memo is None:
        data = _data.load("compare")
        phrases = {}
        for concept, names in lex.subjects.items():
            for name in names:
                phrases[tuple(_singular(w) for w in name.split())] = concept
        phrases_first = sorted(data["context_modifiers"], key=lambda c: len(c.split()), reverse=True)
        context = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in phrases_first) + r")\b")
        memo = lex.cache["compare"] = {
            "phrases": phrases, "collectives": set(data["collectives"]), "context": context,
            "concept_context": {k: set(v) for k, v in data["concept_context"].items()},
            "people_concepts": set(lex.subjects) | {_singular(w) for w in lex.people_objects | lex.people_nouns},
        }
    return memo


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


def _stem(word: str) -> str:
    """A modifier's stem, so that spellings of one group meet ("Girondist", "Girondin"; "Bolshevist", "Bolshevik")."""
    for suffix in ("ists", "ist", "ins", "in", "ians", "ian", "ans", "an", "ites", "ite", "ics", "ic", "ks", "k"):
        if len(word) - len(suffix) >= 5 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def subject_terms(subject: str | None, lex: Lexicon | None = None) -> tuple[str, frozenset, str | None] | None:
    """(concept, modifiers, collective) of a subject phrase, or None when it names nothing.

    "officers of the Red Army" -> ("officer", {}, None); "kulak households" ->
    ("kulak", {}, "household"); "army commanders" -> ("commander", {"army"}, None); "deaths",
    "casualties" and other event nouns count people: ("person", {}, None).
    """
    if not subject:
        return None
    lex = lex or current()
    memo = lex.cache.setdefault("subject_terms", {})
    if subject in memo:
        return memo[subject]
    clex = _compare_lexicon(lex)
    text = re.sub(r"[’']s\b|[^\w\s-]", " ", subject.lower())
    words = [w for w in text.split() if w]
    cut = next((i for i, w in enumerate(words) if w in _PLACING and i > 0), None)
    words = words[:cut]  # "labour force in the camps": what is counted comes before the place
    if "of" in words:  # "officers of the Red Army" -> "red army officers"
        i = words.index("of")
        words = words[i + 1:] + words[:i]
    words = [_singular(w) for w in words if w not in _ARTICLES]
    result = None
    if words:
        collective = None
        if len(words) > 1 and words[-1] in clex["collectives"]:
            collective = words.pop()
        for n in range(len(words), 0, -1):
            concept = clex["phrases"].get(tuple(words[-n:]))
            if concept is not None:
                head, mods = concept, words[:-n]
                break
        else:
            head, mods = words[-1], words[:-1]
        if head in lex.nouns and lex.is_people_class(lex.nouns[head]) or lex.demonym_place(head):
            mods = mods + ([head] if lex.demonym_place(head) else [])
            head = PEOPLE  # "9 million deaths", "650,000 Germans": people
        joined = clex["context"].sub(" ", " ".join(mods)) if mods else ""
        own = clex["concept_context"].get(head, ())
        kept = frozenset(w for w in joined.split() if w not in own
                         and w not in lex.nouns and w not in lex.adjectives
                         and w not in lex.place_names)  # "the population of Europe": a place, not a kind of people
        result = (head, kept, collective)
    memo[subject] = result
    return result


def names(value) -> list[str]:
    """A list column's value as a list (it may arrive as None, a list or an array)."""
    return [] if value is None else [str(v) for v in value]


def classes_of(c: dict) -> frozenset:
    return frozenset(c["predicate_class"].split("+")) if c.get("predicate_class") else frozenset()


def roots(classes: frozenset, lex: Lexicon | None = None) -> frozenset:
    """The broadest classes above a set of classes ("executed" is under "casualty" and "purged"): claims
    whose classes are related share a root, so blocks can be split by it."""
    lex = lex or current()
    memo = lex.cache.setdefault("roots", {})
    if classes not in memo:
        out = set()
        for cls in classes:
            above = lex.broader(cls)
            tops = {b for b in above if not lex.classes.get(b, {}).get("broader")}
            out |= tops or {cls}
        memo[classes] = frozenset(out)
    return memo[classes]


def siblings(a: frozenset, b: frozenset, lex: Lexicon | None = None) -> bool:
    """Whether two sets of event classes fall under one broader class ("arrested" and "executed" under
    "purged"): different counts, worth pairing only when they give the same figure."""
    lex = lex or current()
    return any(lex.broader(x) & lex.broader(y) for x in a for y in b)


def related(a: frozenset, b: frozenset, lex: Lexicon | None = None) -> bool:
    """Whether two sets of event classes may describe one count: they share a class, or one class takes
    in another ("purged" takes in "arrested"; "died" takes in "killed")."""
    if a & b:
        return True
    lex = lex or current()
    return any(y in lex.broader(x) or x in lex.broader(y) for x in a for y in b)


def place_of(place: str | None, lex: Lexicon) -> str | None:
    return lex.place(place) if place else None


def key_of(text: str | None) -> frozenset | None:
    return frozenset(text.split()) if text else None


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
    restrictions: frozenset = frozenset()
    event: frozenset | None = None  # the claim's own named event, or what an event claim happened to
    topic_events: tuple = ()
    topic_place: str | None = None
    ends: tuple | None = None  # a range's or a span's two ends, each an interval
    people: bool = False
    apart: frozenset = frozenset()  # named events its source tells apart from its own in one sentence
    doers: frozenset = frozenset()  # an event's named doers, each as the words of its name


def claim_features(c: dict, lex: Lexicon | None = None) -> list[tuple[tuple, Claim]]:
    """The blocks a claim belongs to and its comparison features (none if it cannot be aligned)."""
    lex = lex or current()
    classes = classes_of(c)
    sentence = (c["source_id"], c.get("sentence"))
    certainty = c.get("certainty") or "asserted"
    qualifier = (c.get("qualifier") or "").lower()
    scope = dict(place=place_of(c.get("place"), lex), event=key_of(c.get("event_key")),
                 topic_events=tuple(_topic_key(n) for n in names(c.get("topic_events"))),
                 topic_place=c.get("topic_place"),
                 restrictions=frozenset(names(c.get("restrictions"))))
    if c["kind"] == "event":
        keys = [k for k in names(c.get("participant_keys")) if not k.startswith("NORP:")]  # "the Soviets" sign much
        thing = key_of(c.get("event_key"))
        if classes and all(lex.is_undergone(x) for x in classes):
            keys = names(c.get("patient_keys"))  # "Kirov was shot": the event is Kirov's, whoever fired; never
            thing = None if keys else thing  # the agent's ("Stalin removed X" and "Stalin had Y shot" are two)
            if thing and _many(c.get("event"), lex):
                thing = None  # "the kulaks were rounded up": a group may undergo it again, no single date
        elif thing:
            keys = []  # "the Great Leap Forward was abandoned": the event is the thing's, whoever did it
        if not classes or not (keys or thing) or not c.get("date_start") or not c.get("date_end"):
            return []
        claim = Claim(c, "event", None, frozenset(), None, classes, c["date_start"], c["date_end"], None, False,
                      certainty != "asserted", scope["place"], None, sentence, event=scope["event"],
                      topic_events=scope["topic_events"], topic_place=scope["topic_place"])
        claim.ends = date_ends(c)
        claim.doers = _doers(c)
        _dated(claim)
        blocks = [("event", "who", k) for k in keys] + [("event", "what", w) for w in thing or () if len(w) > 2]
        return [(b, claim) for b in blocks]
    if c["kind"] != "quantity" or c.get("negated"):
        return []
    unit = c.get("unit")
    measure = "share" if unit == "percent" or c.get("share") is not None else unit_class(unit)
    if measure is None or measure in ("date", "event", "age") or "/" in (unit or ""):
        return []
    terms = subject_terms(c.get("subject"), lex)
    people_class = bool(classes) and all(lex.is_people_class(x) for x in classes)
    elliptic = terms is None
    if terms is None:
        if measure == "duration" and classes:
            terms = ("", frozenset(), None)
        elif people_class:
            terms = (PEOPLE, frozenset(), None)
        elif measure not in ("count", "share", "duration") and classes:
            terms = ("", frozenset(), None)  # "moved the front 5 miles": a distance of what happened
        else:
            return []
    if not classes:
        return []  # a count of nothing that happened ("half a million soldiers marched") is not compared
    clex = _compare_lexicon(lex)
    people = terms[0] in clex["people_concepts"] or elliptic and people_class
    mods = frozenset(_stem(m) for m in _without_own_place(terms[1], scope["topic_place"], lex))
    lo, hi, point = claim_interval(c, measure, _units())
    base = subject_terms(c.get("base"), lex)
    claim = Claim(c, measure, terms[0], mods, terms[2], classes, lo, hi, point,
                  qualifier in _data.load("compare")["uncertain_qualifiers"], certainty != "asserted",
                  scope["place"], base[0] if base else None, sentence, elliptic, people=people,
                  **{k: v for k, v in scope.items() if k != "place"})
    claim.ends = range_ends(c, measure, _units())
    _dated(claim)
    if measure == "duration":
        return [(("duration", "+".join(sorted(classes))), claim)]
    scopes: list = [None]
    if elliptic:  # figures with no subject meet each other only within one named event: a block per word of it
        keys = [claim.event] if claim.event else list(claim.topic_events)
        words = sorted({w for k in keys for w in k if len(w) > 3 and w not in _GENERIC_WORDS})
        scopes = [("elliptic", w) for w in words] or [("elliptic", None)]
    return [((measure, terms[0], mods, root, scope), claim) for root in roots(classes, lex) for scope in scopes]


def _doers(c: dict) -> frozenset:
    """The named doers of an event, each as the set of its name's words: its participants that did not undergo
    it (nationalities left out)."""
    patients = set(names(c.get("patient_keys")))
    return frozenset(frozenset(k.split(":", 1)[-1].split()) for k in names(c.get("participant_keys"))
                     if k not in patients and not k.startswith("NORP:"))


def _many(text: str | None, lex: Lexicon) -> bool:
    """Whether what an event happened to is a plural common noun that names no event ("kulaks", "the
    priests"; not "the riots", not "the Boxers"): a group a text may say underwent it again and again."""
    words = (text or "").split()
    if not words or not words[-1].islower():
        return False
    last = words[-1]
    return _singular(last) != last and _singular(last) not in lex.event_heads and last not in lex.event_heads


def _topic_key(name: str) -> frozenset:
    from ..nlp.scope import event_key
    return event_key(name)


def _without_own_place(mods: frozenset, place: str | None, lex: Lexicon) -> frozenset:
    """"Chinese peasants" in a text about China are its peasants: the source's own demonym restricts nothing."""
    if not place or not mods:
        return mods
    return frozenset(m for m in mods if lex.demonym_place(m) != place and lex.place(m) != place)


def _dated(claim: Claim) -> None:
    """Fill the fields of a claim's period and attribution, read once rather than for every pair."""
    row = claim.row
    claim.period = (row.get("period_start"), row.get("period_end"))
    claim.known = bool(claim.period[0] and claim.period[1])
    claim.attribution = row.get("attribution_key")
