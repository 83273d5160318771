"""Claim frames: what is counted, what happened to it, where and within which event, when, how sure, on whose word.

Works on a parsed Doc (the trained pipeline's tagger, parser and recogniser) with the
``quantities`` and ``dates`` spans set. Each part has its module and its rules:
- what is counted, the event class and its restrictions: :mod:`claimkit.nlp.counted`;
- where and within which named event, and the source's topic: :mod:`claimkit.nlp.scope`;
- the period: :mod:`claimkit.nlp.periods`;
- dated events (kind ``event``): :mod:`claimkit.nlp.events`;
- hedge: the hedging words of the sentence before the figure, or inside it;
- attribution: the first named source of the sentence (:mod:`claimkit.nlp.citations`);
- footnote: the first footnote marker after the figure in its sentence.
The words all of these read are the lexicons of :mod:`claimkit.nlp.lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import counted as ct
from .citations import find_attributions, find_citations
from .doccache import ents_of, forget, text_of
from .events import Event, EventReader
from .lexicon import Lexicon, current
from .periods import PeriodReader
from .scope import NamedEvent, Topic, anaphoric_place, find_named_events, places_in, topic_of, town_anaphor


@dataclass
class Frame:
    subject: str | None = None
    subject_key: str | None = None
    base: str | None = None
    predicate: str | None = None
    predicate_class: str | None = None
    restrictions: list | None = None
    period_start: str | None = None
    period_end: str | None = None
    place: str | None = None
    event: str | None = None
    event_key: str | None = None
    topic_events: list | None = None
    topic_place: str | None = None
    hedge: str | None = None
    certainty: str = "asserted"
    attribution: str | None = None
    footnote: str | None = None
    negated: bool = False


@lru_cache(maxsize=1)
def _hedges():
    hedges = sorted(ct.frames_lexicon()["hedges"].items(), key=lambda kv: -len(kv[0]))
    return [(re.compile(r"\b" + re.escape(p) + r"\b", re.IGNORECASE), p, level) for p, level in hedges]


def hedge_of(sent_text: str, upto: int, own: str | None) -> tuple[str | None, str]:
    """The strongest hedge of a sentence before offset ``upto`` (sentence-relative)."""
    found, level = None, "asserted"
    rank = {"asserted": 0, "hedged": 1, "speculative": 2}
    for pattern, phrase, lvl in _hedges():
        for m in pattern.finditer(sent_text, 0, upto):
            if phrase in ("may", "might") and not m.group().islower():
                continue
            if rank[lvl] > rank[level] or found is None:
                found, level = m.group(), lvl if rank[lvl] > rank[level] else level
            break
    if own:
        merged = found if found and own.lower() in found.lower() else (f"{found}; {own}" if found else own)
        found, level = merged, "speculative"
    return found, level


def _key_text(key) -> str | None:
    return " ".join(sorted(key)) if key else None


class FrameBuilder:
    """Frames for every quantity of one Doc, with scope and period context carried across sentences."""

    def __init__(self, doc: Doc, footnotes: list[tuple[int, str]] | None = None, lex: Lexicon | None = None):
        forget(doc)  # entities and sentences as they are now, not as an earlier framing saw them
        self.doc = doc
        self.lex = lex or current()
        self.footnotes = footnotes or []  # (offset in doc.text, marker), sorted
        self.named: list[NamedEvent] = find_named_events(doc, self.lex.event_heads)
        self.topic: Topic = topic_of(doc, self.named, self.lex)
        cited = [(c.start, c.end) for c in find_citations(text_of(doc))]
        self.periods = PeriodReader(doc, self.lex, cited)
        self.attributions = [a for a in find_attributions(text_of(doc)) if not a.generic]
        self._events = EventReader(doc, self.lex, self.named, self.topic).find()
        self.periods.events = _event_periods(self._events)  # "the Salt Rebellion broke out in 1850": its time

    def _scope(self, q: Span, tokens: list) -> tuple[str | None, str | None, str | None]:
        """(place, named event as written, its key) of a figure's own clause."""
        places = places_in(tokens, self.lex)
        place = places[0] if places else (town_anaphor(tokens, self.lex)
                                          or (self.topic.place if anaphoric_place(tokens, self.lex) else None))
        starts = {t.idx for t in tokens}
        mentioned = [e for e in self.named if any(e.start <= i < e.end for i in starts)]
        for ev in sorted(mentioned, key=lambda e: (e.anaphoric, abs(e.start - q.start_char))):
            if ev.anaphoric:
                resolved = self.topic.resolve(next(iter(ev.key)))
                if resolved:
                    return place, resolved[0], _key_text(resolved[1])
                continue
            return place, ev.text, _key_text(ev.key)
        return place, None, None

    @staticmethod
    def _clause(q: Span, verbs: list) -> list:
        """The tokens of a figure's own clause: its verbs' phrases without other clauses, and the figure's phrase."""
        own = {t.i: t for t in q}
        for v in verbs:
            others = {t.i for c in v.children if c.pos_ in ("VERB", "AUX") and c not in verbs
                      and (c.dep_ in ("conj", "advcl", "ccomp", "relcl", "parataxis") or ct.has_subject(c))
                      for t in c.subtree}
            for t in v.subtree:
                if t.i not in others:
                    own[t.i] = t
        head = q.root.head if q.root.dep_ in ("nummod", "pobj", "quantmod") else q.root
        for t in head.subtree:
            own[t.i] = t
        inside = _own_parenthesis(q)
        if inside is not None:  # "(the influenza pandemic of 1918-19 killed 50 million)": the parenthesis is the
            return list(q.doc[inside[0] + 1:inside[1]])  # figure's whole clause
        paren = _parenthesised(q)  # and a parenthesis the figure is outside of is another scope
        return [own[i] for i in sorted(own) if paren(own[i])]

    def build(self, quantities: list[Span]) -> list[Frame]:
        forget(self.doc)
        lex = self.lex
        frames: list[Frame] = []
        previous: list | None = None
        previous_frame: tuple[Frame, int] | None = None  # the last frame with an event, and its sentence
        for q in quantities:
            f = Frame(topic_events=self.topic.names or None, topic_place=self.topic.place)
            subj, base = ct.subject(self.doc, q, lex)
            antecedent = subj is not None and subj is not ct.ANTECEDENT and subj is not ct.INHERIT \
                and ct.stands_for_antecedent(self.doc, q)  # "..., of whom 75,950 were executed": the noun before
            label = _row_label(self.doc, q)
            if label is not None and (subj is None or subj is ct.INHERIT):
                subj, base = None, None  # "Casualties | 35,000-45,000": a table row stands on its own
            borrowed = subj is ct.ANTECEDENT
            inherited = subj is ct.INHERIT
            if borrowed:
                subj = previous if previous and previous[0].sent.start >= q.sent.start - 60 else None
            if inherited:  # the nearest earlier figure of the sentence that names its noun
                first = next((frames[k] for k in range(len(frames) - 1, -1, -1)
                              if quantities[k].sent == q.sent and frames[k].subject), None)
                subj = None
            if subj:
                previous = subj
                f.subject, f.subject_key = ct.phrase(subj)
                before_of = subj[:next((k for k, t in enumerate(subj) if t.lower_ == "of"), len(subj))] or subj
                head = next((t for t in reversed(before_of) if t.pos_ in ct.NOUN_POS), before_of[-1])  # "official
                # death sentences": sentences, the noun the others modify
                anchor_tok = q.root if borrowed or antecedent else head
            else:
                anchor_tok = q.root
            if base and not inherited:
                f.base = ct.phrase(base)[0]
            head_noun = anchor_tok if subj and not borrowed and not antecedent else None
            people = head_noun is not None and (head_noun.lemma_.lower() in lex.people_objects
                                                or head_noun.lemma_.lower() in lex.people_nouns)
            share = q._.unit == "percent" or q._.share is not None and q._.part is None
            f.predicate, f.predicate_class, verbs = ct.predicate(self.doc, anchor_tok, head_noun, lex,
                                                                 people or not subj, share, q)
            measured = ct.measure_target(self.doc, q)
            if measured is not None and ct.noun_class(measured[-1], lex):  # "a toll of 170,000 lives": the measure
                f.predicate, f.predicate_class = measured[-1].text, ct.noun_class(measured[-1], lex)  # names it
            if f.predicate_class is None and subj and (borrowed or antecedent):
                noun = next((t for t in reversed(subj) if t.pos_ in ct.NOUN_POS), None)
                if ct.noun_class(noun, lex):  # "681,692 of these [executions] were carried out"
                    f.predicate, f.predicate_class = noun.text, ct.noun_class(noun, lex)
            if head_noun is not None and _opens_a_whole(self.doc, q):
                f.predicate, f.predicate_class = _defining_clause(head_noun, lex)  # "of the 2 million held in the
                verbs = []  # camps, 200,000 died": the main verb is the part's
            if f.predicate_class is None:
                cls = ct.adjective_class(self.doc, q, lex)  # "40,000 wounded"
                if cls:
                    f.predicate, f.predicate_class = self.doc[q.end].text, cls
            if inherited and first is not None:
                f.subject, f.subject_key = first.subject, first.subject_key  # "..., 195,000 French and 650,000
                if first.predicate_class:  # Germans": the list's noun and event, each its own people
                    f.predicate, f.predicate_class = first.predicate, first.predicate_class
                if base:
                    f.base = None
                    f.subject = _with_own_people(first.subject, base, lex)
            row_place = lex.place(label) if label is not None and (
                lex.place(label) in lex.places or any(e.text == label and e.label_ in ("GPE", "LOC")
                                                      for e in ents_of(self.doc))
                or re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", label) and label.lower() not in lex.nouns
                and ct.singular(label.lower()) not in lex.nouns and label.lower() not in _NOT_PLACES
                and label.lower() not in lex.people_nouns) else None
            described = _place_population(q)
            if described is not None:  # "Florence, a city of about 100,000 people": how many lived there
                f.predicate, f.predicate_class, verbs = "a city of", "population", []
                f.subject = f.subject or "people"
            if f.predicate_class is None or _restates(q) or f.predicate_class and share:
                restated = _restated_frame(q, quantities[:len(frames)], frames)  # "about 25 million deaths,
                if restated is not None:  # roughly a third of Europe's population": the same count again
                    f.predicate, f.predicate_class = restated.predicate, restated.predicate_class
            if f.predicate_class is None and q._.unit in ("count", "percent"):
                heading = self._heading_class(q)  # "How many died?" over a list of figures
                if heading:
                    f.predicate, f.predicate_class = heading
            if label is not None and not row_place and f.predicate_class is None and f.subject is None:
                f.subject = label.lower()  # the row's label names what the figure counts ("Casualties | 35,000")
                f.predicate_class = lex.nouns.get(ct.singular(label.lower()).split()[-1])
                f.predicate = label if f.predicate_class else None
            if f.predicate_class is None and _gives_a_figure(q) and previous_frame is not None \
                    and q.sent.start - 80 <= previous_frame[1]:
                last = previous_frame[0]  # "another scholar gives a number of 8 million": the count the text
                f.subject, f.subject_key = last.subject, last.subject_key  # was speaking of
                f.predicate, f.predicate_class = last.predicate, last.predicate_class
            if f.predicate_class and "gained" in f.predicate_class.split("+") and q._.unit not in ct._TIME_UNITS:
                rest = [c for c in f.predicate_class.split("+") if c != "gained"]  # "gives 8.7 million": a source
                f.predicate_class = "+".join(rest) or None  # speaks; "gave the USSR eighteen months": time gained
            gov = ct.governing_verb(anchor_tok)
            f.negated = ct.negated(gov)
            event_noun = head_noun if head_noun is not None and ct.noun_class(head_noun, lex) else None
            measure = ct.measure_target(self.doc, q)
            counted = {t.i for t in q} | ({t.i for t in subj} if subj and not borrowed else set())
            f.restrictions = sorted(ct.restrictions(verbs, event_noun, q, lex, counted)) or None
            clause = self._clause(q, verbs or ([gov] if gov is not None else []))
            if measure:
                clause = sorted(set(clause) | set(measure[0].subtree), key=lambda t: t.i)
            f.place, f.event, f.event_key = self._scope(q, clause)
            if described:
                f.place = lex.place(described)
            f.place = f.place or row_place or _owner_place(q, lex)  # "Florence: about 60,000 died"; "Florence
            # ... lost half of its inhabitants"
            f.period_start, f.period_end = self.periods.period(q, (f.place, self.topic.place), f.event_key)
            f.hedge, f.certainty = hedge_of(q.sent.text, q.end_char - q.sent.start_char, q._.hedge)
            said = [a.name for a in self.attributions if q.sent.start_char <= a.start < q.sent.end_char]
            f.attribution = said[0] if said else None  # "According to X", "X and Y estimate", "X gives"
            f.footnote = self._footnote(q)
            frames.append(f)
            if f.predicate_class:
                previous_frame = (f, q.sent.start)
        return frames

    def _heading_class(self, q: Span) -> tuple[str, str] | None:
        """The event a heading over a figure's lines names ("How many died?", "Casualties:"): the nearest line
        before the figure that ends with "?" or ":" and names a class, with no other such line between."""
        text = text_of(self.doc)
        end = text.rfind("\n", 0, q.start_char)
        for _ in range(8):
            if end <= 0:
                return None
            start = text.rfind("\n", 0, end) + 1
            line = text[start:end].strip()
            span = self.doc.char_span(start, end, alignment_mode="contract")
            end = start - 1
            if not line or not line.rstrip(")").rstrip().endswith(("?", ":")) and not re.match(r"^[^.!]{1,60}\?", line):
                continue
            for tok in span or ():
                cls = ct.verb_class(tok, self.lex, True) if tok.pos_ == "VERB" else ct.noun_class(tok, self.lex)
                if cls and cls in self.lex.classes:
                    return tok.text, cls
            return None
        return None

    def events(self) -> list[Event]:
        return self._events

    def _footnote(self, q: Span) -> str | None:
        limit = q.sent.end_char + 2
        for offset, marker in self.footnotes:
            if q.end_char <= offset <= limit:
                return marker
        return None


def _own_parenthesis(q: Span) -> tuple[int, int] | None:
    """The token bounds of the parenthesis a figure stands in, if any (within its sentence)."""
    opened = None
    for t in q.sent:
        if t.i >= q.start:
            break
        if t.text == "(":
            opened = t.i
        elif t.text == ")":
            opened = None
    if opened is None:
        return None
    close = next((t.i for t in q.doc[q.end:q.sent.end] if t.text == ")"), None)
    return (opened, close) if close is not None else None


def _parenthesised(q: Span):
    """A test for tokens of the figure's sentence: False for those inside a parenthesis the figure is outside."""
    doc = q.doc
    spans = []
    depth, opened = 0, None
    for t in q.sent:
        if t.text == "(":
            if depth == 0:
                opened = t.i
            depth += 1
        elif t.text == ")" and depth:
            depth -= 1
            if depth == 0 and opened is not None:
                spans.append((opened, t.i))
    outside = [(a, b) for a, b in spans if not (a <= q.start and q.end - 1 <= b)]
    return lambda tok: not any(a <= tok.i <= b for a, b in outside) or tok.doc is not doc


def _with_own_people(subject: str | None, own: list, lex: Lexicon) -> str | None:
    """The list's shared noun with this member's own people: "British casualties" + "Germans" ->
    "german casualties"."""
    if not subject:
        return " ".join(t.lower_ for t in own) or None
    words = [w for w in subject.split() if lex.demonym_place(w) is None]
    people = [t.lower_ for t in own if lex.demonym_place(t.lower_) is not None]
    return " ".join(people + words)


def _event_periods(events: list[Event]) -> dict[str, tuple[str | None, str | None]]:
    """The periods a text gives its own named events: when they occurred, began and ended."""
    out: dict[str, list] = {}
    for e in events:
        if not e.event_key or e.date._.date_start is None:
            continue
        span = out.setdefault(e.event_key, [None, None])
        if e.predicate_class == "occurred":
            span[0], span[1] = span[0] or e.date._.date_start, span[1] or e.date._.date_end
        elif e.predicate_class == "began":
            span[0] = span[0] or e.date._.date_start
        elif e.predicate_class == "ended":
            span[1] = span[1] or e.date._.date_end
    return {k: (v[0], v[1]) for k, v in out.items() if v[0] or v[1]}


def _row_label(doc: Doc, q: Span) -> str | None:
    """The label of the table or infobox row a figure stands in: the first cell of its own line ("Deaths |
    15-55 million |", "Casualties: 40,000"), or of the line before when that row's value is empty and the
    figure is alone on its line."""
    text = text_of(doc)
    start = text.rfind("\n", 0, q.start_char) + 1
    end = text.find("\n", q.end_char)
    line = text[start:end if end != -1 else len(text)]
    before = line[: q.start_char - start]
    cells = [re.sub(r"^(?:[-*•–]|\d{1,2}[.)])\s*", "", c.strip()) for c in re.split(r"\s*(?:\||:\s)\s*", before)
             if c.strip()]  # "- Europe: about 33%": a list item's label
    if cells and len(cells[0]) <= 40 and re.fullmatch(r"[A-Za-z][\w '’()-]*", cells[0]):
        return cells[0]
    if before.strip() or start == 0:
        return None
    prev_start = text.rfind("\n", 0, start - 1) + 1
    prev = text[prev_start:start - 1]
    m = re.fullmatch(r"\s*([A-Za-z][\w '’()-]{0,39}?)\s*(?:\|\s*)+|\s*([A-Za-z][\w '’()-]{0,39}?)\s*:\s*", prev)
    return (m.group(1) or m.group(2)) if m else None


_NOT_PLACES = {"date", "dates", "year", "years", "period", "duration", "location", "result", "results", "total",
               "figure", "figures", "source", "sources", "note", "notes", "estimate", "estimates", "cause", "causes",
               "name", "type", "status", "outcome", "strength", "number", "numbers", "size", "cost", "area", "length"}
_PLACE_NOUNS = {"city", "town", "village", "country", "nation", "province", "region", "island", "state", "kingdom",
                "empire", "port", "capital", "county", "district", "colony"}


def _owner_place(q: Span, lex: Lexicon) -> str | None:
    """"Florence ... lost half of its inhabitants": a share of a place's own people is a share there."""
    doc = q.doc
    k = q.end + (1 if q.end < len(doc) and doc[q.end].lower_ == "of" else 0)
    if k >= len(doc) or doc[k].lower_ not in ("its", "their"):
        return None
    verb = ct.governing_verb(q.root)
    subj = next((c for c in (verb.children if verb is not None else ()) if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and verb is not None and verb.dep_ == "conj":
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and (subj.ent_type_ in ("GPE", "LOC") or subj.pos_ == "PROPN" and not subj.ent_type_):
        return lex.place(subj.text)
    return None


def _place_population(q: Span) -> str | None:
    """"Florence, a city of about 100,000 people": a place noun measured by its people; the name it describes
    (or "" when it describes none), None when the figure is no such measure."""
    root = q.root
    head = root.head if root.dep_ in ("nummod", "quantmod") else root
    of = head.head if head.dep_ == "pobj" else None
    if of is None or of.lower_ != "of" or of.head.lemma_.lower() not in _PLACE_NOUNS:
        return None
    noun = of.head
    named = noun.head if noun.dep_ == "appos" else None
    return named.text if named is not None and named.pos_ == "PROPN" else ""


def _restates(q: Span) -> bool:
    """A share in apposition to a count ("about 25 million deaths, roughly a third of the population")."""
    return (q._.unit == "percent" or q._.share is not None) and q.root.dep_ in ("appos",) or any(
        t.dep_ == "appos" for t in q)


def _restated_frame(q: Span, before: list[Span], frames: list[Frame]) -> Frame | None:
    """The frame of the figure a figure restates: the count its phrase stands in apposition to (by the parse,
    or, for a share, by position: "about 25 million deaths in those years, roughly a third of the population")."""
    if before and before[-1].sent == q.sent and (q._.unit == "percent" or q._.share is not None):
        gap = q.doc[before[-1].end:q.start]
        if len(gap) <= 8 and gap[-1:].text == "," and not any(t.pos_ in ("VERB", "AUX") for t in gap) \
                and frames[-1].predicate_class:
            return frames[-1]
    tok = q.root
    for _ in range(3):
        if tok.dep_ == "appos":
            target = tok.head
            for prev, frame in zip(reversed(before), reversed(frames)):
                if prev.sent == q.sent and (prev.root.i == target.i or prev.root.head.i == target.i) \
                        and frame.predicate_class:
                    return frame
            return None
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _gives_a_figure(q: Span) -> bool:
    """"another scholar gives a number of 8 million", "X put the figure at 2 million": a figure named only
    as a number, whose count is the one the text was already speaking of."""
    root = q.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in ("of", "at") and head.head.lemma_.lower() in ("number", "figure", "total",
                                                                                           "estimate", "toll"):
        return True
    return root.dep_ in ("dobj", "attr") and head.lemma_.lower() in ("give", "suggest", "propose", "offer", "cite")


def _opens_a_whole(doc: Doc, q: Span) -> bool:
    """"Of the 2 million people who ..., X died": a figure after a clause-opening "of the" is the
    whole another figure is a part of."""
    i = q.start
    if i < 2 or doc[i - 1].lower_ != "the" or doc[i - 2].lower_ != "of":
        return False
    return i - 2 == q.sent.start or doc[i - 3].lower_ in ("that", ",", ";", "and", "but", "while")


def _defining_clause(noun, lex: Lexicon) -> tuple[str | None, str | None]:
    """The class a relative clause gives its noun: "people who were arrested", "who passed through the
    Gulag" (a destination); (None, None) when it gives none."""
    destinations = ct.frames_lexicon()["destinations"]
    for verb in (c for c in noun.children if c.dep_ in ("relcl", "acl")):
        for prep in (c for c in verb.children if c.dep_ == "prep"):  # where they went says what they were
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                for word in [obj] + [t for t in obj.lefts if t.dep_ == "compound"]:
                    lemma = word.lemma_.lower()
                    cls = destinations.get(lemma, destinations.get(lemma.rstrip("s")))
                    if cls:
                        return verb.text, cls
        cls = lex.verbs.get(verb.lemma_.lower())
        if cls:
            return verb.text, cls
    return None, None


FRAME_FIELDS = ("subject", "subject_key", "base", "predicate", "predicate_class", "restrictions", "period_start",
                "period_end", "place", "event", "event_key", "topic_events", "topic_place", "certainty", "attribution",
                "footnote", "negated")
EVENT_FIELDS = ("predicate", "predicate_class", "participants", "participant_kinds", "participant_roles", "place",
                "negated", "event", "event_key", "topic_events", "topic_place", "event_date")
FOOTNOTES_KEY = "claimkit_footnotes"  # doc.user_data key: [(offset in doc.text, marker)], sorted

def _event_date_key(span: Span) -> tuple:
    return ("._.", "event_date", span.start_char, span.end_char)  # where spaCy keeps a plain extension's value


def _get_event_date(span: Span) -> tuple[int, int] | None:
    value = span.doc.user_data.get(_event_date_key(span))
    return tuple(value) if value is not None else None


def _set_event_date(span: Span, value) -> None:
    # kept as a list: a Doc crosses between processes (nlp.pipe(n_process=...)) as msgpack, which turns a
    # tuple into a list, so the getter gives the same (start, end) tuple on both sides
    span.doc.user_data[_event_date_key(span)] = list(value) if value is not None else None


for _name in set(FRAME_FIELDS + EVENT_FIELDS) - {"event_date"}:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Span.has_extension("event_date"):  # (start_char, end_char) of the event's date span
    Span.set_extension("event_date", getter=_get_event_date, setter=_set_event_date)


class ClaimFramer:
    """Give each quantity span its frame (``span._.subject``, ``predicate_class``, ``period_start`` ...) and
    put dated events in ``doc.spans[events_key]``; needs a tagged and parsed Doc with dates and quantities."""

    def __init__(self, *, quantities_key: str, events_key: str):
        self.quantities_key = quantities_key
        self.events_key = events_key

    def __call__(self, doc: Doc) -> Doc:
        quantities = list(doc.spans.get(self.quantities_key, []))
        footnotes = [tuple(m) for m in doc.user_data.get(FOOTNOTES_KEY, [])]
        try:
            builder = FrameBuilder(doc, footnotes)
            for q, frame in zip(quantities, builder.build(quantities)):
                for name in FRAME_FIELDS:
                    setattr(q._, name, getattr(frame, name))
                q._.hedge = frame.hedge
            events = []
            for event in builder.events():
                span = event.span
                for name in EVENT_FIELDS[:-3]:
                    setattr(span._, name, getattr(event, name))
                span._.topic_events, span._.topic_place = builder.topic.names or None, builder.topic.place
                span._.event_date = (event.date.start_char, event.date.end_char)
                events.append(span)
        finally:
            forget(doc)  # the cached entities hold the Doc: kept, they would keep every framed Doc alive
        doc.spans[self.events_key] = events
        return doc


@Language.factory("claimkit_claims", default_config={"quantities_key": "quantities", "events_key": "events"},
                  requires=["token.dep", "token.pos"])
def make_claims(nlp: Language, name: str, *, quantities_key: str, events_key: str) -> ClaimFramer:
    """Build the claim framer: add it after ``claimkit_dates`` and ``claimkit_quantities`` in a parsed pipeline."""
    return ClaimFramer(quantities_key=quantities_key, events_key=events_key)
