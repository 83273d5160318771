"""One key per person or organisation across a corpus, with every spelling kept.

Essays spell the same people differently ("Lavrentiy", "Lavrenty" and
"Laventry Beria"; "Nikolai" and "Nikolas Krestinsky"). A :class:`NameIndex`
gives each entity one key, so the comparison sees one person, and keeps every
surface form with its count, so a teacher still sees the misspellings.
Standard library only; a name is compared with the entities already seen, so
one pass costs O(names x entities).

Normal form (:func:`name_key`), for every kind: accents stripped, casefolded,
possessives ("Stalin's", "NKVD’s") and punctuation dropped, spaces collapsed,
a leading "the" dropped. A person's name is also turned round from
"Beria, Lavrentiy", loses leading titles ("Marshal", "Comrade", "Dr"),
splits initials ("J.V." is "j v") and is folded token by token across Russian
romanisations: kh/h, ts/tz, c/k before a hard vowel, x/ks, ph/f, ye-/e-,
-yev/-iev/-ev, ya/ia, yu/iu, final -iy/-ii/-yi/-y/-i, -ow/-off/-ov and double
letters ("Tukhachevskii" and "Tukhachevsky" are both "tuhachevski"). Other
kinds join spelled-out letters ("N.K.V.D." is "nkvd") and are not folded.

People merge when the kind is the same and
- the surnames (last tokens, particles such as "von" aside) are equal after
  folding, or start with the same letter and are similar (difflib ratio at
  least 0.85, or equal once voiced and voiceless consonants are merged:
  "Yeshov" and "Yezhov"); a surname that is another plus "a" (Rykov, Rykova)
  is a different person;
- the first given names are compatible with every given name the entity has
  shown: one is missing ("Stalin" joins "Joseph Stalin"), an initial matches
  ("J. Stalin"), they are equivalents in a short table (Iosif, Joseph), or
  they are similar (ratio at least 0.75: "Genrikh", "Henrikh"). "Lev" and
  "Sergei Kamenev" stay apart, and so do "Nikolai Bukharin" and "Nikolai
  Yezhov".
A bare surname that fits two or more entities with different given names
(a "Kamenev" once Lev and Sergei are both known) is ambiguous: it is not
guessed but kept as an entity of its own, listed by
:meth:`NameIndex.ambiguous`, and later full names still go to their own
entities. A form seen before maps to the same key for good, so a bare surname
seen before any full name joins the first compatible full name that follows:
only such ambiguous cases depend on the order of the input.

Organisations (and any other kind: places, groups) merge when their key is
equal, when their significant words are equal ("People's Commissariat of
Internal Affairs", "Peoples Commissariat for Internal Affairs"), when an
all-capitals acronym of three letters or more spells the initials of the
other's significant words ("CPSU", "Communist Party of the Soviet Union"),
when both are listed together in a short table of Soviet bodies ("NKVD" and
"People's Commissariat for Internal Affairs", whose acronym is Russian), or
when they are near-identical (ratio at least 0.92, same first letter and the
same digits, so "13th" and "18th Rifle Division" stay apart).

Limits: no transliteration table beyond these rules, no nicknames or
pseudonyms ("Koba", "Stalin" and "Dzhugashvili" stay three people), no
gender beyond the "-a" rule, and kinds are trusted as given (a place and a
person named "Kirov" are two entities).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

# Word lists below are short on purpose; they can move to data/names.json
# (loaded with claimkit._data.load) once they grow.

# Titles dropped from the front of a person's name.
_TITLES = frozenset((
    "the mr mrs ms miss dr prof professor sir lord lady dame general gen "
    "marshal field comrade tsar czar tsarina tsaritsa emperor empress king "
    "queen prince princess grand duke duchess count countess baron president "
    "premier chairman secretary commissar admiral adm colonel col captain capt "
    "major maj lieutenant lt sergeant sgt citizen father saint st komandarm "
    "komkor komdiv kombrig"
).split())

# Particles that belong to a surname, not to the given names.
_PARTICLES = frozenset("von van der den de du la le di da del zu ter".split())

# Words that do not count towards an organisation's initials or signature.
_STOPWORDS = frozenset(
    "of for the and on in at to a an de des du la le der die das und fur".split()
)

# Given names that are one name across languages.
_GIVEN_EQUIVALENTS: tuple[tuple[str, ...], ...] = (
    ("iosif", "joseph", "josef", "yosif"),
    ("lev", "leon", "leo"),
    ("nikolai", "nicholas", "nikolas", "nicolas"),
    ("aleksandr", "alexander", "aleksander"),
    ("mikhail", "michael"),
    ("grigory", "gregory"),
    ("pavel", "paul"),
    ("pyotr", "petr", "peter"),
    ("yakov", "jacob", "jakob"),
    ("genrikh", "henrikh", "henry", "heinrich"),
    ("yevgeny", "eugene"),
    ("fyodor", "fedor", "feodor", "theodore"),
    ("andrei", "andrew"),
    ("georgy", "george"),
    ("ivan", "john", "johann"),
    ("stepan", "stephen", "steven"),
    ("konstantin", "constantine"),
)

# Organisations known by names that share no letters: Russian acronyms and
# their English names, and common alternative names.
_ORG_ALIASES: tuple[tuple[str, ...], ...] = (
    ("NKVD", "People's Commissariat for Internal Affairs"),
    ("OGPU", "Joint State Political Directorate",
     "Unified State Political Administration"),
    ("KGB", "Committee for State Security"),
    ("Gulag", "Main Administration of Camps", "Chief Administration of Camps"),
    ("Cheka", "VChK", "Vecheka", "All-Russian Extraordinary Commission"),
    ("Sovnarkom", "Council of People's Commissars"),
    ("Comintern", "Communist International", "Third International"),
    ("Politburo", "Political Bureau"),
    ("USSR", "Soviet Union", "Union of Soviet Socialist Republics"),
    ("Red Army", "RKKA", "Workers' and Peasants' Red Army"),
)

_SURNAME_RATIO = 0.85
_GIVEN_RATIO = 0.75
_ORG_RATIO = 0.92

_KIND_ALIASES = {"PER": "PERSON", "ORGANISATION": "ORG", "ORGANIZATION": "ORG"}

_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b|(?<=s)['’](?!\w)")
_POSSESSIVE_END = re.compile(r"\w['’]s?\W*$")
_APOSTROPHE = re.compile(r"['’`]")
_DOTTED = re.compile(r"\b(?:[^\W\d_]\.){2,}")
_SPLIT = re.compile(r"[^\w-]+|_+")
_ORG_SPLIT = re.compile(r"[\W_]+")
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r) for p, r in (
        (r"kh", "h"),
        (r"ph", "f"),
        (r"x", "ks"),
        (r"c(?=[aoulrk]|$)", "k"),
        (r"tz", "ts"),
        (r"[iy]ev", "ev"),
        (r"^ye", "e"),
        (r"ya", "ia"),
        (r"yu", "iu"),
        (r"(?:iy|yi|ij|ii|y)$", "i"),
        (r"(.)\1+", r"\1"),
        (r"(?<=...)o(?:w|f)$", "ov"),
    )
)
_VOICING = str.maketrans("zvbdg", "sfptk")


def _kind(kind: str) -> str:
    k = (kind or "PERSON").strip().upper()
    return _KIND_ALIASES.get(k, k)


def _ascii_fold(text: str) -> str:
    """Casefold and strip accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.casefold()


def _fold_token(token: str) -> str:
    """Fold one person-name token across common Russian romanisations."""
    parts = []
    for part in token.split("-"):
        for pattern, repl in _FOLDS:
            part = pattern.sub(repl, part)
        parts.append(part)
    return "-".join(p for p in parts if p)


def _skeleton(token: str) -> str:
    """Token with voiced consonants made voiceless and doubles collapsed."""
    return re.sub(r"(.)\1+", r"\1", token.translate(_VOICING))


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def _person_tokens(name: str) -> list[str]:
    """Folded tokens of a person's name, titles dropped, given names first."""
    if name.count(",") == 1:
        surname, _, given = name.partition(",")
        if surname.strip() and given.strip():
            name = f"{given} {surname}"
    text = _POSSESSIVE.sub("", name)
    text = _APOSTROPHE.sub("", text)
    text = _ascii_fold(text).replace(".", " ")
    tokens = [t.strip("-") for t in _SPLIT.split(text)]
    tokens = [t for t in tokens if t]
    while len(tokens) > 1 and tokens[0] in _TITLES:
        tokens.pop(0)
    return [f for f in (_fold_token(t) for t in tokens) if f]


def _org_tokens(name: str) -> list[str]:
    """Tokens of a non-person name: spelled-out letters joined, "the" dropped."""
    text = _POSSESSIVE.sub("", name)
    text = _APOSTROPHE.sub("", text)
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _ascii_fold(text).replace("&", " and ")
    tokens = [t for t in _ORG_SPLIT.split(text) if t]
    joined: list[str] = []
    run: list[str] = []
    for t in tokens + [""]:
        if len(t) == 1 and t.isalpha():
            run.append(t)
            continue
        if run:
            joined.extend(["".join(run)] if len(run) > 1 else run)
            run = []
        if t:
            joined.append(t)
    if len(joined) > 1 and joined[0] == "the":
        joined.pop(0)
    return joined


def name_key(name: str, kind: str = "PERSON") -> str:
    """Normal form of a name: folded, titles and punctuation dropped (see module)."""
    if _kind(kind) == "PERSON":
        return " ".join(_person_tokens(name))
    return " ".join(_org_tokens(name))


def _build_given_classes() -> dict[str, int]:
    classes: dict[str, int] = {}
    for i, group in enumerate(_GIVEN_EQUIVALENTS):
        for given in group:
            classes[_fold_token(_ascii_fold(given))] = i
    return classes


_GIVEN_CLASS = _build_given_classes()
_CLASS_INITIALS = {
    i: frozenset(_fold_token(g)[0] for g in group) | frozenset(g[0] for g in group)
    for i, group in enumerate(_GIVEN_EQUIVALENTS)
}


def _stem(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _signature(tokens: list[str]) -> str:
    """Significant words of an organisation's name, plural "s" dropped."""
    return " ".join(_stem(t) for t in tokens if t not in _STOPWORDS)


def _initials(tokens: list[str]) -> str:
    return "".join(t[0] for t in tokens if t not in _STOPWORDS and t[0].isalpha())


def _acronym(surface: str) -> str | None:
    """The letters of an all-capitals acronym ("NKVD", "N.K.V.D."), else None."""
    text = _POSSESSIVE.sub("", surface).strip()
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    tokens = [t for t in re.split(r"[.\s]+", text) if t]
    if not tokens or not all(t.isalpha() and t.isupper() for t in tokens):
        return None
    if len(tokens) == 1 and 2 <= len(tokens[0]) <= 8:
        return _ascii_fold(tokens[0])
    if len(tokens) > 1 and all(len(t) == 1 for t in tokens):
        return _ascii_fold("".join(tokens))
    return None


def _build_alias_groups() -> dict[str, int]:
    groups: dict[str, int] = {}
    for i, group in enumerate(_ORG_ALIASES):
        for alias in group:
            groups[_signature(_org_tokens(alias))] = i
    return groups


_ALIAS_GROUP = _build_alias_groups()


@dataclass(frozen=True)
class _Parsed:
    """One surface form, parsed once."""

    surface: str
    kind: str
    key: str
    given: str | None = None
    surname: str = ""
    signature: str = ""
    initials: str = ""
    acronym: str | None = None
    digits: str = ""
    possessive: bool = False

    @property
    def full(self) -> bool:
        """A person with a spelled-out given name, or a name that is no acronym."""
        if self.kind == "PERSON":
            return self.given is not None and len(self.given) > 1
        return self.acronym is None


def _parse(surface: str, kind: str) -> _Parsed:
    possessive = bool(_POSSESSIVE_END.search(surface))
    if kind == "PERSON":
        tokens = _person_tokens(surface)
        names = [t for t in tokens[:-1] if t not in _PARTICLES]
        return _Parsed(surface, kind, " ".join(tokens),
                       given=names[0] if names else None,
                       surname=tokens[-1] if tokens else "",
                       possessive=possessive)
    tokens = _org_tokens(surface)
    return _Parsed(surface, kind, " ".join(tokens),
                   signature=_signature(tokens), initials=_initials(tokens),
                   acronym=_acronym(surface),
                   digits="".join(c for c in surface if c.isdigit()),
                   possessive=possessive)


def _surnames_match(a: str, b: str) -> bool:
    """Equal after folding, or close with the same first letter (see module)."""
    if a == b:
        return True
    if not a or not b or a[0] != b[0] or a + "a" == b or b + "a" == a:
        return False
    return _ratio(a, b) >= _SURNAME_RATIO or _skeleton(a) == _skeleton(b)


def _givens_match(a: str | None, b: str | None) -> bool:
    """Compatible first given names: missing, initial, equivalent or close."""
    if a is None or b is None or a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        initial, other = (a, b) if len(a) == 1 else (b, a)
        if len(other) == 1:
            return False
        cls = _GIVEN_CLASS.get(other)
        return initial == other[0] or (
            cls is not None and initial in _CLASS_INITIALS[cls])
    cls_a, cls_b = _GIVEN_CLASS.get(a), _GIVEN_CLASS.get(b)
    if cls_a is not None and cls_a == cls_b:
        return True
    return _ratio(a, b) >= _GIVEN_RATIO or _skeleton(a) == _skeleton(b)


def _orgs_match(p: _Parsed, q: _Parsed) -> bool:
    """Two non-person names for one body (see module)."""
    if p.key == q.key or (p.signature and p.signature == q.signature):
        return True
    group = _ALIAS_GROUP.get(p.signature)
    if group is not None and group == _ALIAS_GROUP.get(q.signature):
        return True
    if p.acronym and q.acronym:
        return False
    for acr, other in ((p.acronym, q), (q.acronym, p)):
        if acr and len(acr) >= 3:
            return acr == other.initials and len(other.key.split()) > 1
    a, b = p.signature, q.signature
    return (p.digits == q.digits and min(len(a), len(b)) >= 8 and a[0] == b[0]
            and _ratio(a, b) >= _ORG_RATIO)


@dataclass
class _Entity:
    key: str
    kind: str
    order: int
    counts: dict[str, int] = field(default_factory=dict)
    forms: dict[str, _Parsed] = field(default_factory=dict)
    surnames: set[str] = field(default_factory=set)
    givens: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def add(self, parsed: _Parsed) -> None:
        self.counts[parsed.surface] = self.counts.get(parsed.surface, 0) + 1
        if parsed.surface not in self.forms:
            self.forms[parsed.surface] = parsed
        if parsed.kind == "PERSON":
            self.surnames.add(parsed.surname)
            if parsed.given is not None:
                self.givens.add(parsed.given)

    def fits(self, p: _Parsed) -> bool:
        """Whether ``p`` may name this entity."""
        if p.kind != "PERSON":
            return any(_orgs_match(p, q) for q in self.forms.values())
        return (any(_surnames_match(p.surname, s) for s in self.surnames)
                and all(_givens_match(p.given, g) for g in self.givens))


class NameIndex:
    """Entities of a corpus: one key each, every surface form kept with its count.

    Example:
        >>> index = NameIndex()
        >>> index.add("Lavrentiy Beria") == index.add("Laventry Beria")
        True
        >>> index.canonical(index.add("Beria"))
        'Lavrentiy Beria'
    """

    def __init__(self) -> None:
        self._entities: dict[str, _Entity] = {}
        self._by_form: dict[tuple[str, str], str] = {}
        self._ambiguous: dict[str, tuple[str, ...]] = {}

    def __len__(self) -> int:
        return len(self._entities)

    def __contains__(self, key: object) -> bool:
        return key in self._entities

    def add(self, name: str, kind: str = "PERSON") -> str:
        """Record one mention of ``name`` and return its entity's key."""
        surface = " ".join(str(name).split())
        kind = _kind(kind)
        parsed = _parse(surface, kind)
        if not parsed.key:
            raise ValueError(f"no name in {name!r}")
        key = self._by_form.get((kind, parsed.key))
        entity = self._entities[key] if key is not None else self._match(parsed)
        if entity is None:
            entity = _Entity(f"{kind}:{parsed.key}", kind, len(self._entities))
            self._entities[entity.key] = entity
        entity.add(parsed)
        self._by_form.setdefault((kind, parsed.key), entity.key)
        return entity.key

    def match(self, name: str, kind: str = "PERSON") -> str | None:
        """Key of the entity ``name`` would join, without recording it (None: a new entity)."""
        parsed = _parse(" ".join(str(name).split()), _kind(kind))
        if not parsed.key:
            return None
        key = self._by_form.get((parsed.kind, parsed.key))
        if key is not None:
            return key
        fits = [e for e in self._entities.values() if e.kind == parsed.kind and e.fits(parsed)]
        return self._best(fits, parsed).key if fits else None

    def known_tokens(self, key: str) -> set[str]:
        """Every folded word of an entity's recorded forms ("lavrentii", "beria")."""
        return {t for form in self._entities[key].forms.values() for t in form.key.split()}

    def lookup(self, name: str, kind: str = "PERSON") -> str | None:
        """Key of a name whose normal form was added before, else None."""
        return self._by_form.get((_kind(kind), name_key(name, kind)))

    def _match(self, p: _Parsed) -> _Entity | None:
        """The entity a new form belongs to; None starts a new one."""
        fits = [e for e in self._entities.values() if e.kind == p.kind and e.fits(p)]
        if not fits:
            return None
        if p.kind == "PERSON":
            named = [e for e in fits if e.givens]
            if p.given is None and len(named) > 1:
                bare = [e for e in fits if not e.givens]
                if bare:
                    return self._best(bare, p)
                self._ambiguous[f"{p.kind}:{p.key}"] = tuple(e.key for e in named)
                return None
            fits = named or fits
        return self._best(fits, p)

    @staticmethod
    def _best(entities: list[_Entity], p: _Parsed) -> _Entity:
        """Same folded surname first, then most mentions, then first seen."""
        return max(entities, key=lambda e: (p.surname in e.surnames, e.total, -e.order))

    def variants(self, key: str) -> list[str]:
        """Surface forms of an entity, in the order first seen."""
        return list(self._entities[key].counts)

    def variant_counts(self, key: str) -> dict[str, int]:
        """Mentions of each surface form of an entity, in the order first seen."""
        return dict(self._entities[key].counts)

    def kind(self, key: str) -> str:
        """The kind of an entity ("PERSON", "ORG", ...)."""
        return self._entities[key].kind

    def canonical(self, key: str) -> str:
        """Most frequent full form; ties to the longest normal form, then the first."""
        entity = self._entities[key]
        forms = list(entity.forms.values())
        pool = [f for f in forms if f.full] or forms
        pool = [f for f in pool if not f.possessive] or pool
        first = {s: i for i, s in enumerate(entity.counts)}
        best = max(pool, key=lambda f: (entity.counts[f.surface], len(f.key),
                                        -first[f.surface]))
        return best.surface

    def entities(self) -> dict[str, list[str]]:
        """Every entity's key and surface forms, in the order first seen."""
        return {key: list(e.counts) for key, e in self._entities.items()}

    def ambiguous(self) -> dict[str, list[str]]:
        """Bare surnames kept apart because they fit several entities, with those."""
        return {key: list(others) for key, others in self._ambiguous.items()}

    def merge_table(self) -> list[dict]:
        """Every normal form seen, with the entity it was given: ``kind``, ``form`` (the
        :func:`name_key`), ``name`` (its first spelling) and ``key``.

        An audit stores this table and starts the next run from it
        (:meth:`from_merge_table`), so a name keeps its key whatever else is audited with it.
        """
        first: dict[tuple[str, str], str] = {}
        for entity in self._entities.values():
            for surface, parsed in entity.forms.items():
                first.setdefault((parsed.kind, parsed.key), surface)
        return [{"kind": kind, "form": form, "name": first.get((kind, form), form), "key": key}
                for (kind, form), key in self._by_form.items()]

    @classmethod
    def from_merge_table(cls, rows: Iterable[dict]) -> "NameIndex":
        """An index that gives every stored form its stored key, and matches new names against
        the stored entities (see :meth:`merge_table`)."""
        index = cls()
        for row in rows:
            kind = _kind(row["kind"])
            parsed = _parse(" ".join(str(row["name"]).split()), kind)
            key = row["key"]
            entity = index._entities.get(key)
            if entity is None:
                entity = index._entities[key] = _Entity(key, kind, len(index._entities))
            entity.add(parsed)
            index._by_form.setdefault((kind, row["form"]), key)
        return index


def normalise_names(names: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Map each name of ``(name, kind)`` pairs to its entity key, in one pass.

    A name given with several kinds keeps the key of its first kind.
    """
    index = NameIndex()
    keys: dict[str, str] = {}
    for name, kind in names:
        keys.setdefault(name, index.add(name, kind))
    return keys
