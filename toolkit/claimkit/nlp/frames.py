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
from .events import Event, EventReader
from .lexicon import Lexicon, current
from .periods import PeriodReader
from .scope import NamedEvent, Topic, anaphoric_place, find_named_events, places_in, topic_of


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
    topic_event: str | None = None
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
        self.doc = doc
        self.lex = lex or current()
        self.footnotes = footnotes or []  # (offset in doc.text, marker), sorted
        self.named: list[NamedEvent] = find_named_events(doc, self.lex.event_heads)
        self.topic: Topic = topic_of(doc, self.named, self.lex)
        cited = [(c.start, c.end) for c in find_citations(doc.text)]
        self.periods = PeriodReader(doc, self.lex, cited)
        self.attributions = [a for a in find_attributions(doc.text) if not a.generic]

    def _scope(self, q: Span, tokens: list) -> tuple[str | None, str | None, str | None]:
        """(place, named event as written, its key) of a figure's own clause."""
        places = places_in(tokens, self.lex)
        place = places[0] if places else (self.topic.place if anaphoric_place(tokens, self.lex) else None)
        lo = min(t.idx for t in tokens)
        hi = max(t.idx + len(t) for t in tokens)
        mentioned = [e for e in self.named if lo <= e.start and e.end <= hi]
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
        return [own[i] for i in sorted(own)]

    def build(self, quantities: list[Span]) -> list[Frame]:
        lex = self.lex
        frames: list[Frame] = []
        previous: list | None = None
        previous_frame: tuple[Frame, int] | None = None  # the last frame with an event, and its sentence
        for q in quantities:
            f = Frame(topic_event=self.topic.event, topic_place=self.topic.place)
            subj, base = ct.subject(self.doc, q, lex)
            label = _row_label(self.doc, q) if subj is None or subj is ct.INHERIT else None
            if label is not None:
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
                head = [t for t in subj if t.lower_ != "of"][0]
                head = next((t for t in subj if t.pos_ in ct.NOUN_POS), head)
                anchor_tok = q.root if borrowed else head
            else:
                anchor_tok = q.root
            if base and not inherited:
                f.base = ct.phrase(base)[0]
            head_noun = anchor_tok if subj and not borrowed else None
            people = head_noun is not None and head_noun.lemma_.lower() in lex.people_objects
            f.predicate, f.predicate_class, verbs = ct.predicate(self.doc, anchor_tok, head_noun, lex, people or not subj)
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
            if label is not None and f.predicate_class is None:  # the row's label names what the figure counts
                f.subject = label.lower()
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
            f.period_start, f.period_end = self.periods.period(q, (f.place, self.topic.place))
            f.hedge, f.certainty = hedge_of(q.sent.text, q.end_char - q.sent.start_char, q._.hedge)
            said = [a.name for a in self.attributions if q.sent.start_char <= a.start < q.sent.end_char]
            f.attribution = said[0] if said else None  # "According to X", "X and Y estimate", "X gives"
            f.footnote = self._footnote(q)
            frames.append(f)
            if f.predicate_class:
                previous_frame = (f, q.sent.start)
        return frames

    def events(self) -> list[Event]:
        return EventReader(self.doc, self.lex, self.named, self.topic).find()

    def _footnote(self, q: Span) -> str | None:
        limit = q.sent.end_char + 2
        for offset, marker in self.footnotes:
            if q.end_char <= offset <= limit:
                return marker
        return None


def _with_own_people(subject: str | None, own: list, lex: Lexicon) -> str | None:
    """The list's shared noun with this member's own people: "British casualties" + "Germans" ->
    "german casualties"."""
    if not subject:
        return " ".join(t.lower_ for t in own) or None
    words = [w for w in subject.split() if lex.demonym_place(w) is None]
    people = [t.lower_ for t in own if lex.demonym_place(t.lower_) is not None]
    return " ".join(people + words)


def _row_label(doc: Doc, q: Span) -> str | None:
    """The label of the table or infobox row a figure stands in: the first cell of its own line ("Deaths |
    15-55 million |", "Casualties: 40,000"), or of the line before when that row's value is empty and the
    figure is alone on its line."""
    text = doc.text
    start = text.rfind("\n", 0, q.start_char) + 1
    end = text.find("\n", q.end_char)
    line = text[start:end if end != -1 else len(text)]
    before = line[: q.start_char - start]
    cells = [c.strip() for c in re.split(r"\s*(?:\||:\s)\s*", before) if c.strip()]
    if cells and len(cells[0]) <= 40 and re.fullmatch(r"[A-Za-z][\w '’()-]*", cells[0]):
        return cells[0]
    if before.strip() or start == 0:
        return None
    prev_start = text.rfind("\n", 0, start - 1) + 1
    prev = text[prev_start:start - 1]
    m = re.fullmatch(r"\s*([A-Za-z][\w '’()-]{0,39}?)\s*(?:\|\s*)+|\s*([A-Za-z][\w '’()-]{0,39}?)\s*:\s*", prev)
    return (m.group(1) or m.group(2)) if m else None


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
                "period_end", "place", "event", "event_key", "topic_event", "topic_place", "certainty", "attribution",
                "footnote", "negated")
EVENT_FIELDS = ("predicate", "predicate_class", "participants", "participant_kinds", "participant_roles", "place",
                "negated", "event", "event_key", "topic_event", "topic_place", "event_date")
FOOTNOTES_KEY = "claimkit_footnotes"  # doc.user_data key: [(offset in doc.text, marker)], sorted

for _name in set(FRAME_FIELDS + EVENT_FIELDS):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class ClaimFramer:
    """Give each quantity span its frame (``span._.subject``, ``predicate_class``, ``period_start`` ...) and
    put dated events in ``doc.spans[events_key]``; needs a tagged and parsed Doc with dates and quantities."""

    def __init__(self, *, quantities_key: str, events_key: str):
        self.quantities_key = quantities_key
        self.events_key = events_key

    def __call__(self, doc: Doc) -> Doc:
        quantities = list(doc.spans.get(self.quantities_key, []))
        footnotes = [tuple(m) for m in doc.user_data.get(FOOTNOTES_KEY, [])]
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
            span._.topic_event, span._.topic_place = builder.topic.event, builder.topic.place
            span._.event_date = (event.date.start_char, event.date.end_char)
            events.append(span)
        doc.spans[self.events_key] = events
        return doc


@Language.factory("claimkit_claims", default_config={"quantities_key": "quantities", "events_key": "events"},
                  requires=["token.dep", "token.pos"])
def make_claims(nlp: Language, name: str, *, quantities_key: str, events_key: str) -> ClaimFramer:
    """Build the claim framer: add it after ``claimkit_dates`` and ``claimkit_quantities`` in a parsed pipeline."""
    return ClaimFramer(quantities_key=quantities_key, events_key=events_key)
