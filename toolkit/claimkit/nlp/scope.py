"""Scope: within which named event and where a claim holds, and what a whole source is about.

Named events are read in three general ways:
- the recogniser's EVENT entities ("the Battle of the Somme", "World War II");
- capitalised phrases headed by an event noun (``event_heads`` of ``data/events.json``:
  "the Reign of Terror", "the Great Famine"), and capitalised names that the text
  itself calls an event ("a reform known as the Salt Reform", "the Salt Reform was a
  ten-year plan"), wherever they are mentioned again;
- "the famine", "the war": an event noun after "the" with no name of its own refers
  back to the source's own event with that head ("the famine" in a text about the
  Great Chinese Famine), and stands for itself where the source has none.
An event's key is its content words, lower case and singular, with ordinals as
numbers ("First World War" and "World War I" are both {1, world, war}); two keys
name one event when one holds the other ("the Somme" and "the Battle of the Somme",
"the Terror" and "the Reign of Terror").

Places are the recogniser's GPE and LOC entities, normalised by ``data/places.json``
("the Soviet Union" is USSR); "the country" stands for the source's own place. A
demonym before a counted noun ("German soldiers") says who is counted, not where: it
stays with the subject. A source's topic is the named events it mentions most (each
at least twice) and the place it names most; a claim that names no event or place of
its own is taken to speak of its source's topic.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .doccache import ents_of, sent_bounds, text_of
from .lexicon import Lexicon, current

_CONNECTORS = {"of", "the", "de", "la", "le", "du", "des", "von", "van", "on", "in", "for", "'s", "’s"}
_NAME_POS = {"PROPN", "NOUN", "ADJ", "NUM"}
_GENERIC = {"great", "grand", "big", "little", "new", "old", "first", "second", "third", "last", "1", "2", "3", "4",
            "5", "early", "late", "later", "modern"}
_ARTICLES = {"the", "a", "an", "of", "de", "la", "le", "du", "des", "von", "van", "on", "in", "for", "and", "'s", "’s",
             "this", "that", "these", "those", "its", "their", "his", "her", "our", "so", "-", "called"}
_ORDINALS = {"first": "1", "i": "1", "1st": "1", "second": "2", "ii": "2", "2nd": "2", "third": "3", "iii": "3",
             "3rd": "3", "fourth": "4", "iv": "4", "4th": "4", "fifth": "5", "v": "5", "5th": "5"}
_PLACE_PREPS = {"in", "at", "across", "throughout", "within", "of", "from", "inside", "around", "near", "over"}
_GENERIC_MODIFIERS = {"great", "total", "whole", "entire", "same", "first", "last", "recent", "long", "short", "bloody",
                      "terrible", "deadly", "deadliest", "worst", "largest", "biggest", "major", "main", "early",
                      "late", "later", "final", "initial", "subsequent", "following", "previous", "other"}
_LOCATIVE = {"in", "at", "across", "throughout", "within", "inside", "near"}
_NAMING = {"know", "call", "name", "dub", "term", "label"}
_WORD = re.compile(r"[^\W_][\w’'-]*")


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def event_key(text: str) -> frozenset:
    """The content words that name an event: "the Battle of the Somme" -> {battle, somme}."""
    words = [w.lower().replace("_", "").removesuffix("’s").removesuffix("'s").strip("’'")
             for w in _WORD.findall(text)]
    return frozenset(_ORDINALS.get(w, _singular(w)) for w in words if w and w not in _ARTICLES)


def keys_match(a: frozenset | None, b: frozenset | None, heads: frozenset = frozenset()) -> bool:
    """Whether two event keys name one event: one holds the other, or their proper words do ("the Somme
    Offensive" and "the Battle of the Somme" share "somme"; "the Great Terror" and "the Great Famine" share
    only a generic word). A key of generic words alone ("the pact") is held by a longer one only when the
    longer adds no proper word ("the Reign of Terror" holds "the Terror"; "the neutrality pact" may be
    another pact)."""
    if not a or not b:
        return False
    pa, pb = a - heads - _GENERIC, b - heads - _GENERIC
    if a <= b or b <= a:
        small, extra = (pa, pb - pa) if a <= b else (pb, pa - pb)
        return bool(small) or all(_where(w) for w in extra)  # "the Pact" is not surely "the neutrality pact"; "the Terror" is
        # "the Reign of Terror", "the Somme" "the Battle of the Somme"; "the Great Famine" "the Chinese famine"
        # (where it happened is the place's matter)
    return bool(pa) and bool(pb) and (pa <= pb or pb <= pa)


def _where(word: str) -> bool:
    """A word of place: a demonym ("chinese") or a country or region the places lexicon knows."""
    lex = current()
    return lex.demonym_place(word) is not None or word.title() in lex.places


@dataclass(frozen=True)
class NamedEvent:
    """A mention of a named event: where it stands in the Doc's text, as written, and its key."""

    start: int
    end: int
    text: str
    key: frozenset
    anaphoric: bool = False


@dataclass
class Topic:
    """What a source is mostly about: its named events (most mentioned first) and its place."""

    events: list[tuple[str, frozenset]] = field(default_factory=list)
    place: str | None = None

    @property
    def event(self) -> str | None:
        return self.events[0][0] if self.events else None

    @property
    def names(self) -> list[str]:
        """The topic's events as written, most mentioned first (three at most)."""
        return [name for name, _ in self.events[:3]]

    def resolve(self, head: str) -> tuple[str, frozenset] | None:
        """The topic event an anaphoric "the <head>" refers to."""
        return next(((name, key) for name, key in self.events if head in key), None)


def _capitalised(tok: Token) -> bool:
    """A content word written with a capital for its own sake (not only because it opens the sentence)."""
    if not tok.text[:1].isupper() or tok.pos_ not in _NAME_POS or tok.text.isupper() and len(tok.text) > 3:
        return False
    start = sent_bounds(tok.doc, tok.i)[0]
    first = tok.i == start or all(not t.is_alpha for t in tok.doc[start:tok.i])
    return not first or tok.pos_ == "PROPN"


def _capital_run(doc: Doc, i: int) -> tuple[int, int]:
    """The capitalised phrase around token ``i`` ("Reign of Terror", "Battle of the Somme"), as token bounds
    within its sentence; up to two connecting words ("of the") may stand between capitals."""
    sent_start, sent_end = sent_bounds(doc, i)

    def joins(j: int, step: int) -> int:
        """How many tokens from ``j`` (going ``step``) the run grows by: 1 for a capital, 2-3 across "of the"."""
        k = j
        for gap in range(3):
            if not sent_start <= k < sent_end:
                return 0
            if _capitalised(doc[k]):
                return gap + 1
            if doc[k].lower_ not in _CONNECTORS:
                return 0
            k += step
        return 0

    start = end = i
    while (n := joins(start - 1, -1)):
        start -= n
    while (n := joins(end + 1, 1)):
        end += n
    return start, end + 1


def _is_name_run(span: Span) -> bool:
    """A run of words that can name an event: not a person's or a country's name, not a lone demonym."""
    if not any(_capitalised(t) for t in span):
        return False
    labels = {t.ent_type_ for t in span if t.ent_type_}
    return not labels & {"PERSON", "NORP", "DATE", "CARDINAL", "GPE"} or labels & {"EVENT"}


def _registered_names(doc: Doc, heads: frozenset) -> list[Span]:
    """Capitalised names the text calls an event: headed by an event noun, "known as" one, or "X was a plan"."""
    found: list[Span] = []
    for ent in ents_of(doc):
        if ent.label_ == "EVENT" and any(_capitalised(t) for t in ent) \
                and not (re.search(r"\d", ent.text) and not any(t.lemma_.lower() in heads for t in ent)):
            found.append(ent)  # not "9 September", which the recogniser sometimes calls an event
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma in heads and _capitalised(tok):  # "the Salt Rebellion", whatever the recogniser calls it
            s, e = _capital_run(doc, tok.i)
            if not any(t.ent_type_ in ("PERSON", "DATE") for t in doc[s:e]):
                found.append(doc[s:e])
        if lemma in _NAMING and tok.tag_ == "VBN":  # "a campaign known as the Great Leap Forward"
            named = tok.head.lemma_.lower() in heads or tok.head.head.lemma_.lower() in heads \
                or any(t.lemma_.lower() in heads for t in tok.head.subtree if t.i < tok.i)
            for prep in (c for c in tok.children if c.lower_ == "as" or c.dep_ in ("oprd", "attr", "dobj")):
                obj = next((c for c in prep.children if c.dep_ == "pobj"), prep if prep.lower_ != "as" else None)
                if named and obj is not None and _capitalised(obj):
                    s, e = _capital_run(doc, obj.i)
                    if _is_name_run(doc[s:e]):
                        found.append(doc[s:e])
        if lemma == "be" and tok.dep_ == "ROOT":  # "The Salt Reform was a ten-year plan"
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            attr = next((c for c in tok.children if c.dep_ == "attr"), None)
            if subj is not None and attr is not None and attr.lemma_.lower() in heads and _capitalised(subj):
                s, e = _capital_run(doc, subj.i)
                if _is_name_run(doc[s:e]) and e - s > 1:
                    found.append(doc[s:e])
    runs: dict[str, list[Span]] = {}  # "the Black Death", named twice or more: a name the text gives to
    for tok in doc:  # something it speaks of, when the recogniser calls it neither a person nor a place
        if _capitalised(tok) and (tok.i == 0 or not _capitalised(doc[tok.i - 1])):
            s, e = _capital_run(doc, tok.i)
            span = doc[s:e]
            if e - s >= 2 and not any(t.ent_type_ in ("PERSON", "GPE", "LOC", "NORP", "DATE", "CARDINAL", "FAC")
                                      for t in span) and span[-1].lemma_.lower() not in _ORG_HEADS:
                runs.setdefault(span.text.lower(), []).append(span)
    found += [spans[0] for spans in runs.values() if len(spans) >= 2]
    return found


_ORG_HEADS = {"committee", "party", "army", "government", "council", "tribunal", "convention", "court", "ministry",
              "bank", "company", "university", "church", "department", "office", "agency", "union", "league",
              "society", "association", "academy", "school", "institute", "college", "club", "guard", "navy",
              "force", "corps", "police", "house", "parliament", "senate", "commission", "board", "bureau",
              "museum", "library", "press", "times", "news", "post", "service", "being", "god", "lord", "sea",
              "ocean", "river", "mountain", "island", "street", "square", "palace", "hotel", "station", "land",
              "front", "line", "field", "valley", "wood", "ridge", "hill", "coast", "bay", "gulf", "channel", "road",
              "route", "wall", "gate", "fort", "castle", "bridge", "harbour", "harbor", "plain", "desert", "forest"}


def find_named_events(doc: Doc, heads: frozenset) -> list[NamedEvent]:
    """Every mention of a named event in ``doc``, in text order (see the module docstring)."""
    names = {}
    for span in _registered_names(doc, heads):
        text = re.sub(r"^(?:the|The)\s+", "", span.text.strip(" \t\n([{\"'’“”.,;:)]}"))
        key = event_key(text)
        if key and len(text) > 2:
            names.setdefault(text, key)
    mentions: dict[tuple[int, int], NamedEvent] = {}
    for text, key in sorted(names.items(), key=lambda kv: -len(kv[0])):
        flags = re.IGNORECASE if len(key) > 1 else 0  # "the reign of terror" in quotes is the Reign of Terror
        for m in re.finditer(r"(?<![\w-])" + re.escape(text) + r"(?![\w-])", text_of(doc), flags):
            if not any(s <= m.start() < e for s, e in mentions):
                mentions[(m.start(), m.end())] = NamedEvent(m.start(), m.end(), m.group(), key)
    for tok in doc:  # "the famine": the source's own event with that head; "the civil war": an event of its own
        if tok.lemma_.lower() not in heads or _capitalised(tok) or tok.pos_ != "NOUN" \
                or any(s <= tok.idx < e for s, e in mentions):
            continue
        mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("PROPN", "ADJ", "NOUN")
                and c.lower_ not in _GENERIC_MODIFIERS and not c.like_num and c.ent_type_ not in ("DATE", "CARDINAL")]
        if any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and not mods:
            mentions[(tok.idx, tok.idx + len(tok))] = NamedEvent(
                tok.idx, tok.idx + len(tok), tok.text, frozenset({_singular(tok.lemma_.lower())}), anaphoric=True)
        elif mods and any(c.dep_ in ("det", "poss") for c in tok.children):
            start = min(t.idx for t in mods)
            text = text_of(doc)[start:tok.idx + len(tok)]
            mentions[(start, tok.idx + len(tok))] = NamedEvent(start, tok.idx + len(tok), text, event_key(text))
    return sorted(mentions.values(), key=lambda m: m.start)


def topic_of(doc: Doc, events: list[NamedEvent], lex: Lexicon) -> Topic:
    """The named events a source mentions most (twice at least) and the place it names most."""
    groups: list[tuple[set, Counter]] = []  # (keys of the group, its mentions by text)
    for ev in (e for e in events if not e.anaphoric):
        group = next((g for g in groups if any(keys_match(k, ev.key, lex.event_heads) for k in g[0])), None)
        if group is None:
            group = (set(), Counter())
            groups.append(group)
        group[0].add(ev.key)
        group[1][ev.text] += 1
    score = {id(g): float(sum(g[1].values())) for g in groups}
    for ev in (e for e in events if e.anaphoric):  # "the battle" counts half for the one battle the text names
        matching = [g for g in groups if any(ev.key <= k for k in g[0])]
        if len(matching) == 1:
            score[id(matching[0])] += 0.5
    first_line = text_of(doc).split("\n", 1)[0]
    for g in groups:  # an event in the title counts once more
        if any(t.lower() in first_line.lower() for t in g[1]):
            score[id(g)] += 1
    ranked = sorted(groups, key=lambda g: -score[id(g)])
    top = []
    for group in ranked:
        keys, texts = group
        if score[id(group)] >= 2:
            name = max((t for t in texts if t[:1].isupper()), key=lambda t: (texts[t], len(t)), default=None)
            if name:
                top.append((name, frozenset().union(*keys)))
    places = Counter(lex.place(ent.text) for ent in ents_of(doc) if ent.label_ in ("GPE", "LOC"))
    places.pop(None, None)
    place = None
    if places:
        (first, n), total = places.most_common(1)[0], sum(places.values())
        if n >= 3 and n >= total / 2:
            place = first  # a place that stands out: named three times at least, and as often as all others
    return Topic(events=top, place=place)


def places_in(tokens, lex: Lexicon) -> list[str]:
    """Canonical places named among ``tokens`` where the claim holds ("in Paris", "across France", "China's"),
    not where people went ("emigrated to Canada") nor who they were ("German soldiers"). A name the places
    lexicon does not know counts only after a preposition of place ("in Lyon"): the recogniser also calls
    periods and people places."""
    out = []
    seen = set()
    for tok in tokens:
        if tok.pos_ == "PROPN" and tok.ent_type_ in ("", "ORG", "PERSON") and tok.dep_ == "pobj" \
                and tok.head.lower_ in _LOCATIVE and tok.i not in seen and _capitalised(tok) \
                and not any(e.start_char <= tok.idx < e.end_char and e.label_ == "EVENT" for e in ents_of(tok.doc)):
            span = [t for t in tok.subtree if t.pos_ == "PROPN" and t.i <= tok.i]  # "in Lyon", "In Florence":
            out.append(lex.place(" ".join(t.text for t in span)))  # a place the recogniser missed or misnamed
            seen.update(t.i for t in span)
            continue
        if tok.ent_type_ not in ("GPE", "LOC", "FAC") or tok.ent_iob_ != "B" or tok.i in seen:
            continue
        ent = next((e for e in ents_of(tok.doc) if e.start == tok.i), None)
        if ent is None:
            continue
        seen.update(range(ent.start, ent.end))
        root = ent.root
        known = lex.place(ent.text) in lex.places
        if root.dep_ == "pobj" and root.head.lower_ not in _PLACE_PREPS:
            continue  # "to Canada", "into Poland": a destination
        if root.dep_ not in ("pobj", "poss", "compound", "nmod", "amod", "appos"):
            continue  # "gave the USSR eighteen months", "Germany invaded": a party, not where
        if root.dep_ == "pobj" and root.head.lower_ != "from" and _moves(root.head.head, lex):
            continue  # "resettled in Siberia": where they were sent
        if root.dep_ in ("compound", "amod") and root.head.pos_ == "NOUN" and not root.head.ent_type_ \
                and lex.demonym_place(ent.text):
            continue  # "German soldiers": who, not where
        if not known and not (root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE):
            continue  # "During the Yezhovshchina": a period the recogniser took for a place
        out.append(lex.place(ent.text))
    return [p for p in out if p]


def _arrives(verb, lex: Lexicon) -> bool:
    """Whether a verb reaches a place ("reached Avignon", "struck Marseille")."""
    return verb.pos_ == "VERB" and lex.verbs.get(verb.lemma_.lower()) == "arrived" or verb.lemma_.lower() == "reach"


def _moves(verb, lex: Lexicon) -> bool:
    """Whether a verb moves people somewhere (a class under "displaced": deported, resettled, fled)."""
    cls = lex.verbs.get(verb.lemma_.lower()) if verb.pos_ == "VERB" else None
    return cls is not None and (cls == "displaced" or "displaced" in lex.broader(cls))


def anaphoric_place(tokens, lex: Lexicon) -> bool:
    """Whether ``tokens`` speak of "the country" or "the nation": the source's own place."""
    text = " ".join(t.lower_ for t in tokens)
    return any(a in text for a in lex.place_anaphors)


_TOWN_NOUNS = {"city", "town", "capital", "port", "village", "province", "region"}


def town_anaphor(tokens, lex: Lexicon) -> str | None:
    """"died in the city": the last city the text named before (a place below a country)."""
    for tok in tokens:
        if tok.lemma_.lower() in _TOWN_NOUNS and tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            doc = tok.doc
            first = doc[max(tok.sent.start - 1, 0)].sent.start  # this sentence and the one before
            named = [doc[e.start:e.end].text for e in ents_of(doc) if e.label_ == "GPE" and first <= e.start < tok.i]
            named += [t.text for t in doc[first:tok.i] if t.pos_ == "PROPN" and t.ent_type_ in ("", "ORG", "GPE")
                      and t.ent_iob_ != "I" and (t.dep_ == "pobj" and t.head.lower_ in _LOCATIVE | {"to", "into"}
                                                 or t.dep_ == "dobj" and _arrives(t.head, lex))]  # "reached Avignon"
            for name in sorted(named, key=lambda n: text_of(doc).rfind(n, 0, tok.idx), reverse=True):
                place = lex.place(name)
                entry = lex.places.get(place)
                if entry is None or lex.places.get(entry.get("part_of"), {}).get("part_of"):
                    return place
    return None


def event_in(span_start: int, span_end: int, events: list[NamedEvent]) -> NamedEvent | None:
    """The named event mentioned between two character offsets (the nearest to the start), if any."""
    inside = [e for e in events if span_start <= e.start and e.end <= span_end]
    return inside[0] if inside else None
