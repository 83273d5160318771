"""The lexicons that frames and comparison read: event classes, places, subjects and named periods.

The words are data, not code: ``data/events.json`` (event classes with their broader
classes, and the verbs, nouns and adjectives that name them), ``data/places.json``
(places with their names and demonyms), ``data/periods.json`` (named periods, each
with the place it belongs to) and the ``subjects`` of ``data/compare.json``. A user's
own lexicon file (``claimkit audit --lexicon FILE``, ``lexicons=`` in the API) is
checked against ``schemas/lexicon.schema.json`` and merged over them: its entries add
to the lists and win where they name the same word.

One merged :class:`Lexicon` is active at a time; :func:`current` returns it and
:func:`using` swaps it for the length of a ``with`` block. Anything computed from the
words is cached on the lexicon itself (:attr:`Lexicon.cache`), so a swap never leaves
stale results behind.
"""

from __future__ import annotations

import json
import inspect
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, wraps
from pathlib import Path
from typing import Iterable, Iterator

from .. import _data
from ..errors import LexiconError


@dataclass(eq=False)
class Lexicon:
    """The words claimkit reads frames and scope with (see the module docstring)."""

    classes: dict[str, dict]
    verbs: dict[str, str]
    nouns: dict[str, str]
    adjectives: dict[str, str]
    people_verbs: dict[str, str]
    people_objects: frozenset
    light_verbs: frozenset
    reporting_verbs: frozenset
    time_parts: frozenset
    restriction_stopwords: frozenset
    additive_words: frozenset
    event_heads: frozenset
    people_nouns: frozenset
    places: dict[str, dict]
    place_anaphors: tuple
    subjects: dict[str, list]
    named_periods: list[dict]
    files: tuple = ()
    cache: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.place_names: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        for canon, entry in self.places.items():
            self.place_names[canon.lower()] = canon
            for name in entry.get("names", ()):
                self.place_names[name.lower()] = canon
            for word in entry.get("demonyms", ()):
                self.demonyms[word.lower()] = canon

    def verb_class(self, lemma: str) -> str | None:
        """The class a verb lemma names, or None when it is not in the lexicon."""
        return self.verbs.get(lemma)

    def noun_class(self, lemma: str) -> str | None:
        return self.nouns.get(lemma)

    def broader(self, cls: str) -> frozenset:
        """Every class that takes ``cls`` in, transitively ("executed" -> killed, died, casualty, purged)."""
        memo = self.cache.setdefault("broader", {})
        if cls not in memo:
            out: set[str] = set()
            todo = list(self.classes.get(cls, {}).get("broader", ()))
            while todo:
                b = todo.pop()
                if b not in out:
                    out.add(b)
                    todo.extend(self.classes.get(b, {}).get("broader", ()))
            memo[cls] = frozenset(out)
        return memo[cls]

    def is_people_class(self, cls: str) -> bool:
        """Whether only people undergo ``cls`` (a figure of it with no subject counts people)."""
        return bool(self.classes.get(cls, {}).get("people"))

    def is_undergone(self, cls: str) -> bool:
        return bool(self.classes.get(cls, {}).get("undergone"))

    def is_moment(self, cls: str) -> bool:
        return bool(self.classes.get(cls, {}).get("moment"))

    def place(self, text: str | None) -> str | None:
        """The canonical place a name or demonym stands for ("the French" -> France); an unknown name keeps
        its own spelling, without an article."""
        if not text:
            return None
        key = " ".join(text.lower().replace("’", "'").split())
        key = key.removesuffix("'s")
        if key in self.place_names:
            return self.place_names[key]
        bare = key.removeprefix("the ")
        if bare in self.place_names:
            return self.place_names[bare]
        if bare in self.demonyms:
            return self.demonyms[bare]
        return " ".join(w.capitalize() if w.islower() else w for w in text.replace("’s", "").split()
                        if w.lower() != "the") or None

    def demonym_place(self, word: str) -> str | None:
        """The place a demonym names ("German" -> Germany), or None."""
        return self.demonyms.get(word.lower())

    def part_of(self, place: str | None) -> str | None:
        return self.places.get(place, {}).get("part_of") if place else None


_EVENT_LISTS = ("light_verbs", "reporting_verbs", "time_parts", "restriction_stopwords", "additive_words",
                "people_objects", "event_heads", "people_nouns")


def _base() -> dict:
    """The package's own lexicons as one plain dict, the shape a user lexicon merges into."""
    events = _data.load("events")
    places = _data.load("places")
    return {
        "event_classes": {k: dict(v) for k, v in events["classes"].items()},
        "verbs": dict(events["verbs"]), "nouns": dict(events["nouns"]), "adjectives": dict(events["adjectives"]),
        "people_verbs": dict(events["people_verbs"]),
        **{name: list(events[name]) for name in _EVENT_LISTS},
        "places": {k: dict(v) for k, v in places["places"].items()},
        "place_anaphors": list(places["anaphors"]),
        "subjects": {k: list(v) for k, v in _data.load("compare")["subjects"].items()},
        "named_periods": [dict(p) for p in _data.load("periods")["periods"]],
    }


def _merge(base: dict, user: dict) -> dict:
    """A user lexicon over the base: mappings win word by word, lists and named periods add."""
    for key in ("event_classes", "verbs", "nouns", "adjectives", "places"):
        base[key].update(user.get(key, {}))
    for concept, phrases in user.get("subjects", {}).items():
        base["subjects"].setdefault(concept, [])
        base["subjects"][concept] += [p for p in phrases if p not in base["subjects"][concept]]
    base["named_periods"] = list(user.get("named_periods", [])) + base["named_periods"]  # the user's first
    base["light_verbs"] += user.get("light_verbs", [])
    base["event_heads"] += user.get("event_heads", [])
    base["people_nouns"] += user.get("people_nouns", [])
    return base


def read_lexicon(path: str | Path) -> dict:
    """A user lexicon file, parsed and checked.

    Raises:
        LexiconError: the file cannot be read, is not JSON, breaks the schema, or names a class, place or
            date that does not exist; the message names the file and the entry.
    """
    from ..store import record_errors  # the validators live with the other schemas

    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as e:
        raise LexiconError(f"{path}: cannot read the lexicon file ({e.strerror or e}); check the path") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise LexiconError(f"{path}: not a JSON lexicon ({e}); see schemas/lexicon.schema.json") from None
    problems = record_errors("lexicon", data)
    if problems:
        raise LexiconError(f"{path}: {problems[0]}; see schemas/lexicon.schema.json")
    classes = set(_data.load("events")["classes"]) | set(data.get("event_classes", {}))
    for cls, entry in data.get("event_classes", {}).items():
        for b in entry.get("broader", ()):
            if b not in classes:
                raise LexiconError(f"{path}: entry event_classes.{cls}: broader class {b!r} is not an event class; "
                                   "define it under event_classes too")
    for key in ("verbs", "nouns", "adjectives"):
        for word, cls in data.get(key, {}).items():
            if cls not in classes:
                raise LexiconError(f"{path}: entry {key}.{word}: {cls!r} is not an event class; define it under "
                                   "event_classes or use one of data/events.json's classes")
    places = set(_data.load("places")["places"]) | set(data.get("places", {}))
    for i, period in enumerate(data.get("named_periods", [])):
        where = f"named_periods[{i}] ({(period.get('names') or ['?'])[0]})"
        try:
            start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
        except ValueError as e:
            raise LexiconError(f"{path}: entry {where}: {e}; write dates as YYYY-MM-DD") from None
        if start > end:
            raise LexiconError(f"{path}: entry {where}: starts after it ends ({period['start']} > {period['end']})")
        if period.get("place") and period["place"] not in places:
            raise LexiconError(f"{path}: entry {where}: place {period['place']!r} is not a known place; add it "
                               "under places (canonical name -> names)")
    return data


@lru_cache(maxsize=8)
def _build(files: tuple[str, ...]) -> Lexicon:
    merged = _base()
    for f in files:
        merged = _merge(merged, read_lexicon(f))
    return Lexicon(
        classes=merged["event_classes"], verbs=merged["verbs"], nouns=merged["nouns"],
        adjectives=merged["adjectives"], people_verbs=merged["people_verbs"],
        **{name: frozenset(merged[name]) for name in _EVENT_LISTS},
        places=merged["places"], place_anaphors=tuple(merged["place_anaphors"]), subjects=merged["subjects"],
        named_periods=merged["named_periods"], files=files,
    )


_ACTIVE: tuple[str, ...] = ()


def current() -> Lexicon:
    """The active lexicon: the package's own, merged with the user files :func:`using` set."""
    return _build(_ACTIVE)


def load(files: Iterable[str | Path] = ()) -> Lexicon:
    """The package's lexicons merged with ``files`` (checked; raises :class:`LexiconError`)."""
    return _build(tuple(str(Path(f).resolve()) for f in files))


@contextmanager
def using(files: Iterable[str | Path] | None) -> Iterator[Lexicon]:
    """Make the lexicon merged with ``files`` the active one inside the block (``None``: leave it as it is).

    Example:
        >>> with using(["my-lexicon.json"]):  # doctest: +SKIP
        ...     claims = claimkit.extract("essays/")
    """
    global _ACTIVE
    previous = _ACTIVE
    if files is None:  # nothing asked: keep what an outer call made active
        yield current()
        return
    lexicon = load(files)
    _ACTIVE = lexicon.files
    try:
        yield lexicon
    finally:
        _ACTIVE = previous


def accepts_lexicons(fn):
    """Give a function a ``lexicons=`` keyword: user lexicon files active while it runs (see :func:`using`)."""
    @wraps(fn)
    def wrapper(*args, lexicons: Iterable[str | Path] | None = None, **kwargs):
        with using(lexicons):
            return fn(*args, **kwargs)

    params = list(inspect.signature(fn).parameters.values())
    extra = inspect.Parameter("lexicons", inspect.Parameter.KEYWORD_ONLY, default=None)
    wrapper.__signature__ = inspect.signature(fn).replace(parameters=params + [extra])
    return wrapper
