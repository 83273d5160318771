"""Dated events: something that happened on a date, to someone or to something named.

An event is a verb of the event lexicon with a date of its own phrase (else of its sentence), or a
named event dated in its own noun phrase ("the Great Famine of 1959 to 1961"), or a named event
that "was a period" or "lasted" between two dates (class ``occurred``). What it happened to:
- people: PERSON, ORG and NORP names among the verb's arguments, and a country or town that is
  the subject of an active verb ("Prussia invaded Saxony": who did it); "he", "she" and "they" stand
  for the people of the sentence before ("A decree ordered the arrest of A, B and C. Two days
  later they were executed"). For classes that happen to someone (``undergone``), everyone in
  the object or passive subject, a list or an "including" among them, is who it happened to;
- a thing: the named event among its arguments ("launched a campaign known as the Great Leap
  Forward", "the Great Leap Forward was abandoned"), else the argument's own noun phrase
  ("decreed the levée en masse"); "it", "the policy" or "the plan" stand for the source's own
  topic event.
A verb outside the lexicon makes an event only when what it happened to is a named event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .. import _data
from .counted import has_subject, negated
from .doccache import ents_of
from .lexicon import Lexicon
from .scope import NamedEvent, Topic, event_key, places_in

PARTICIPANT_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "agent", "attr", "pobj")
_THING_DEPS = ("nsubj", "nsubjpass", "dobj", "attr")
_INTRANSITIVE = ("died", "appointed")
_PRONOUNS = {"he": "one", "she": "one", "him": "one", "her": "one", "they": "many", "them": "many"}
_TOPIC_PRONOUNS = {"it", "this"}
_OWN_MODIFIERS = ("amod", "compound", "nmod", "nummod", "poss")  # words that make a noun phrase name its own thing
_PERIOD_NOUNS = {"period", "era", "time", "phase", "span", "stretch"}
_DATING_VERBS = {"place", "date", "put", "set", "fix", "locate", "trace", "give", "assign"}


@dataclass
class Event:
    """A dated event: the verb that names it, the date it happened, who took part and what it was about."""

    span: Span
    date: Span
    predicate: str
    predicate_class: str
    participants: list[str]
    place: str | None
    negated: bool
    participant_kinds: list[str] = field(default_factory=list)
    participant_roles: list[str] = field(default_factory=list)
    event: str | None = None  # the thing it happened to, as written ("the Great Leap Forward")
    event_key: str | None = None  # its key, words in order ("great forward leap")


def _role(child, cls: str | None) -> str:
    """"patient" for who undergoes the event (the object, a passive subject, the subject of "died"), else "agent"."""
    if child.dep_ in ("nsubjpass", "dobj") or child.dep_ == "nsubj" and cls in _INTRANSITIVE:
        return "patient"
    return "agent"


def shared_subjects(verb) -> list:
    """The subject a coordinated verb borrows: "Bukharin was arrested in 1937 and shot in 1938"."""
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and not has_subject(verb):
        return [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []


def _people_before(sent: Span) -> list:
    """The PERSON entities of the sentence before ``sent`` (what "they" and "he" refer to)."""
    doc = sent.doc
    if sent.start == 0:
        return []
    previous = doc[sent.start - 1].sent
    return [e for e in previous.ents if e.label_ == "PERSON"]


def participants(verb, cls: str | None, lex: Lexicon) -> list[tuple[str, str, str]]:
    """Named people and organisations among a verb's arguments ("Leon Trotsky was murdered"),
    with their kind and role."""
    names: list[tuple[str, str, str]] = []
    undergone = cls is not None and all(lex.is_undergone(c) for c in cls.split("+"))
    titles = _data.load("frames")["titles"]

    def add(name: str, kind: str, role: str) -> None:
        if name and name not in [n for n, _, _ in names]:
            names.append((name, kind, role))

    for child in list(verb.children) + shared_subjects(verb):
        if child.dep_ not in _ARGUMENT_DEPS and child.dep_ != "prep":
            continue
        if child.head is not verb and child.dep_ == "nsubj" and verb.tag_ == "VBN" and verb.head.tag_ == "VBN":
            role = "patient"  # "was arrested ... and shot": the passive's subject, shared
        elif child.dep_ == "prep" and child.lower_ in ("including", "like") and undergone:
            role = "patient"  # "several leaders were executed, including A and B"
        else:
            role = _role(child, cls)
        titled = [t for t in child.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        if child.dep_ == "dobj" and child.lemma_.lower() in titles and titled:
            add(" ".join(t.text for t in titled), "PERSON", "patient")  # "made Molotov Commissar"
            continue
        if child.lower_ in _PRONOUNS and child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            people = _people_before(verb.sent)
            for ent in (people if _PRONOUNS[child.lower_] == "many" else people[-1:]):
                add(re.sub(r"[’']s$", "", ent.text), "PERSON", role)
        if child.pos_ == "PROPN" and not child.ent_type_ and child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            parts = [t for t in child.subtree if t.pos_ == "PROPN" and t.i <= child.i]
            add(" ".join(t.text for t in parts), "PERSON", role)  # a name the tagger saw but the recogniser missed
        for tok in child.subtree:
            if tok.ent_type_ in PARTICIPANT_LABELS and tok.ent_iob_ == "B":
                ent = next((e for e in ents_of(tok.doc) if e.start == tok.i), None)
                if ent is not None and (ent.label_ != "GPE" or ent.root == child and child.dep_ == "nsubj"
                                        and role == "agent"):  # "Germany invaded Poland": who did it
                    if ent.root.dep_ == "poss" and role == "patient" \
                            and ent.root.head.lemma_.lower() not in lex.event_heads:
                        continue  # "Stalin's nemesis, Leon Trotsky, was murdered": the nemesis; Stalin neither
                        # underwent it nor did it
                    # "the party head, Sergei Kirov, was murdered": an apposition is the argument itself; in
                    # "leaders ... were executed, including A and B" everyone named in the patient is one
                    same = ent.root == child or ent.root.dep_ == "appos" and ent.root.head == child \
                        or undergone and role == "patient" and ent.label_ == "PERSON" and _in_argument(ent.root, child)
                    same = same or child.dep_ == "prep" and role == "patient" and ent.label_ == "PERSON"
                    add(re.sub(r"[’']s$", "", ent.text), ent.label_, role if same else "agent")  # "Stalin’s"
    return names


def _in_argument(tok, arg) -> bool:
    """Whether ``tok`` belongs to argument ``arg`` itself, not to a clause of its own inside it."""
    t = tok
    while t.i != arg.i:
        if t.pos_ == "VERB" and t.dep_ in ("relcl", "acl", "advcl", "ccomp"):
            return False
        if t.head is t:
            return False
        t = t.head
    return True


def _state_class(tok) -> str | None:
    """"had been in charge of foreign affairs since April 1939": a state whose start is an event."""
    if tok.lemma_ != "be":
        return None
    states = _data.load("frames")["states"]
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if obj.lemma_.lower() in states:
                return states[obj.lemma_.lower()]
    return None


def _made_title(verb) -> bool:
    """"made Molotov Commissar for Foreign Affairs": making someone a title appoints them."""
    titles = _data.load("frames")["titles"]
    return verb.lemma_.lower() == "make" and any(
        c.dep_ in ("dobj", "oprd", "ccomp") and c.lemma_.lower() in titles for c in verb.children)


def _period_copula(tok, lex: Lexicon) -> bool:
    """"The famine was a period between 1959 and 1961", "the war lasted from 1914 to 1918"."""
    if tok.lemma_ == "last":
        return True
    if tok.lemma_ != "be":
        return False
    return any(c.dep_ == "attr" and c.lemma_.lower() in _PERIOD_NOUNS for c in tok.children)


def _names_something(verb, counted: set[int]) -> bool:
    """An event is about someone or something named ("Trotsky was murdered", "the pact was ratified"),
    not a count ("680,000 people were shot" is a quantity claim)."""
    arguments = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")] + shared_subjects(verb)
    if any(t.i in counted for a in arguments for t in a.subtree):
        return False
    for a in arguments:
        if a.ent_type_ in PARTICIPANT_LABELS or a.pos_ == "PROPN" or a.lower_ in _PRONOUNS.keys() | _TOPIC_PRONOUNS:
            return True
        if a.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in a.children):
            return True
        if any(t.ent_type_ in ("PERSON", "ORG") for t in a.subtree):
            return True
    return False


class EventReader:
    """Dated events of one Doc (see the module docstring)."""

    def __init__(self, doc: Doc, lex: Lexicon, named: list[NamedEvent], topic: Topic):
        self.doc = doc
        self.lex = lex
        self.named = named
        self.topic = topic
        self._dated = {i for d in doc.spans.get("dates", []) for i in range(d.start, d.end)}  # tokens of dates

    def _things(self, verb) -> tuple[str | None, str | None]:
        """(as written, key) of what a verb's event happened to, if it names one."""
        children = list(verb.children)
        objects = [c for c in children if c.dep_ in ("dobj", "nsubjpass", "attr")]
        for prep in (c for c in children if c.dep_ == "prep" and c.lower_ in ("for", "on", "of", "to")):
            objects += [c for c in prep.children if c.dep_ == "pobj"]
        subjects = [c for c in children if c.dep_ == "nsubj"] + shared_subjects(verb)
        args = objects + (subjects if not any(c.dep_ == "dobj" for c in children) else [])
        args = [a for a in args if a.i not in self._dated]  # "Oct 1347: twelve galleys arrive": the date is no thing
        subjects = set(subjects)  # who did it is no thing it happened to; "invaded Poland" happened to Poland
        args = [a for a in args if a.ent_type_ not in ("PERSON", "DATE", "CARDINAL", "NORP")
                and not (a in subjects and a.ent_type_ in ("ORG", "GPE"))
                or any(e.start <= a.idx < e.end for e in self.named)]
        for arg in args:  # a named event in the argument ("a campaign known as the Great Leap Forward")
            lo = min(t.idx for t in arg.subtree)
            hi = max(t.idx + len(t) for t in arg.subtree)
            inside = [e for e in self.named if lo <= e.start and e.end <= hi]
            if arg.dep_ in ("nsubj", "nsubjpass") and arg.lower_ in ("that", "which") and arg.head.dep_ == "relcl":
                noun = arg.head.head  # "a plan that was established in 1958": the plan, and what it is
                inside = [e for e in self.named if noun.idx <= e.start < noun.idx + len(noun)] or inside
                copula = noun.head if noun.dep_ == "attr" else None
                if copula is not None and not inside:
                    subj = next((c for c in copula.children if c.dep_ == "nsubj"), None)
                    if subj is not None:
                        inside = [e for e in self.named if subj.idx <= e.start <= subj.idx + len(subj)]
            for ev in inside:
                if ev.anaphoric:
                    resolved = self.topic.resolve(next(iter(ev.key)))
                    if resolved:
                        return resolved[0], _key_text(resolved[1])
                    continue
                return ev.text, _key_text(ev.key)
            if arg.lower_ in _TOPIC_PRONOUNS:  # "it was abandoned in 1961": the event named just before
                before = [e for e in self.named if not e.anaphoric and e.end <= arg.idx
                          and e.start >= arg.doc[max(arg.sent.start - 1, 0)].sent.start_char]
                antecedent = self._headed_before(arg)  # "the first five-year plan was launched ...; it was
                if antecedent is not None and (not before or before[-1].end <= antecedent[0]):  # finished in
                    return antecedent[1:]  # 1932": the nearer plan, not the event named before nor the topic
                if before:
                    return before[-1].text, _key_text(before[-1].key)
            if arg.lower_ in _TOPIC_PRONOUNS or arg.lemma_.lower() in self.lex.event_heads \
                    and any(c.lower_ in ("the", "this", "that") for c in arg.children) \
                    and not any(c.dep_ in _OWN_MODIFIERS for c in arg.children):  # "the plan", not "the first
                # five-year plan": a noun phrase of its own names its own thing (read below)
                head = arg.lemma_.lower()
                resolved = self.topic.resolve(head) if head in self.lex.event_heads else None
                if resolved is None and self.topic.events:
                    resolved = self.topic.events[0]
                if resolved:
                    return resolved[0], _key_text(resolved[1])
        for arg in args:  # the argument's own noun phrase: "decreed the levée en masse"
            if arg.pos_ not in ("NOUN", "PROPN") or arg.lower_ in _TOPIC_PRONOUNS:
                continue
            if not any(c.dep_ in ("det", "poss", "nummod", "compound", "amod") for c in arg.children) \
                    and arg.pos_ != "PROPN":
                continue  # "twelve galleys", "the levée en masse"; not a bare "people"
            words = [t for t in arg.subtree if t.i <= arg.i and t.pos_ in ("NOUN", "PROPN", "ADJ", "X")
                     and t.dep_ in ("compound", "amod", "nmod") or t.i == arg.i]
            appos = [c for c in arg.children if c.dep_ == "appos"]
            text = " ".join(t.text for t in words)
            key = event_key(text)
            for a in appos:
                key |= event_key(" ".join(t.text for t in a.subtree if t.pos_ in ("NOUN", "PROPN", "ADJ", "X")))
            if key:
                return text, _key_text(key)
        return None, None

    def _headed_before(self, pronoun) -> tuple[int, str, str] | None:
        """The noun phrase an "it" stands for: the last argument before it in its sentence headed by an event
        noun ("the first five-year plan ... it"), as (offset, text, key); None when there is none."""
        heads = [t for t in pronoun.doc[pronoun.sent.start:pronoun.i] if t.pos_ == "NOUN"
                 and t.dep_ in ("nsubj", "nsubjpass", "dobj") and t.lemma_.lower() in self.lex.event_heads]
        if not heads:
            return None
        head = heads[-1]
        words = [t for t in head.subtree if t.i <= head.i and t.pos_ in ("NOUN", "PROPN", "ADJ", "X")
                 and t.dep_ in ("compound", "amod", "nmod") or t.i == head.i]
        text = " ".join(t.text for t in words)
        key = event_key(text)
        return (words[0].idx, text, _key_text(key)) if key else None

    def _class(self, verb, counted: set[int]) -> str | None:
        lex = self.lex
        if verb.pos_ == "VERB" and _made_title(verb):
            return "appointed"
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        cls = (particle and lex.verbs.get(f"{verb.lemma_.lower()} {particle}") or lex.verbs.get(verb.lemma_.lower())) \
            if verb.pos_ == "VERB" else None
        if cls is None and verb.pos_ == "VERB" and verb.lemma_.lower() in ("come", "bring", "put") and any(
                t.lemma_.lower() == "end" for c in verb.children for t in c.subtree):
            cls = "ended"  # "came to an end in 1962"
        cls = cls or _state_class(verb)
        if cls is None and (_period_copula(verb, lex) or self._event_is_subject(verb)):
            cls = "occurred"
        if cls is None and verb.pos_ == "VERB" and verb.lemma_.lower() not in lex.light_verbs \
                and verb.lemma_.lower() not in lex.reporting_verbs:
            thing = self._things(verb)
            if thing[1] and any(thing[0] and thing[0] in e.text or e.text in (thing[0] or "") for e in self.named
                                if not e.anaphoric):
                cls = verb.lemma_.lower()  # a verb outside the lexicon, about a named event
        return cls

    def _dated_by(self, verb, dates: list[Span]) -> list[Event]:
        """"placing the starting date at 5 September, June or March", "historians date its end to 1961": a
        verb that dates something gives one event for each date it names."""
        if verb.lemma_.lower() not in _DATING_VERBS:
            return []
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            return []
        words = [obj.lemma_.lower()] + [c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod")]
        words += [w[:-3] for w in words if w.endswith("ing")]  # "the starting date": its start
        cls = next((self.lex.nouns.get(w) for w in words if self.lex.nouns.get(w) in ("began", "ended")), None)
        if cls is None:
            return []
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("at", "to", "in", "as", "around")]
        if not preps:
            return []
        stop = next((t.i for t in self.doc[preps[0].i + 1:verb.sent.end] if t.pos_ == "VERB"
                     or t.lower_ in ("while", "whereas", "but", ";")), verb.sent.end)
        mine = [d for d in dates if preps[0].i < d.start and d.end <= stop]  # "at either 5 September, June or
        # March": every date the phrase lists, however the parser hung them
        if not mine:
            return []
        of = [t for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
        thing = None
        if of:
            lo, hi = min(t.idx for t in of), max(t.idx + len(t) for t in of)
            thing = next((e for e in self.named if lo <= e.start and e.end <= hi), None)
        if thing is None:  # the event the sentence is about: the nearest one named before
            before = [e for e in self.named if not e.anaphoric and verb.sent.start_char <= e.start < verb.idx]
            thing = before[-1] if before else None
        name, key = (thing.text, _key_text(thing.key)) if thing is not None else (
            (self.topic.events[0][0], _key_text(self.topic.events[0][1])) if self.topic.events else (None, None))
        if key is None:
            return []
        span = self.doc[verb.i:verb.i + 1]
        return [Event(span=span, date=d, predicate=f"{verb.text} the {obj.text}", predicate_class=cls,
                      participants=[], place=None, negated=negated(verb), event=name, event_key=key) for d in mine]

    def _event_is_subject(self, verb) -> bool:
        """"The famine was a direct cause of death ... between 1959 and 1962": a named event that is the subject
        of a copula dated in its own clause happened then."""
        if verb.lemma_ != "be" or verb.dep_ != "ROOT":
            return False
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or not any(e.start <= subj.idx < e.end for e in self.named):
            return False
        own = {t.i for t in verb.subtree}
        return any(d.root.i in own for d in self.doc.spans.get("dates", []) if d.sent == verb.sent)

    def find(self) -> list[Event]:
        doc = self.doc
        by_sentence: dict[int, list[Span]] = {}
        for d in doc.spans.get("dates", []):
            if d._.date_start and (d._.date_end or d.text.lower().startswith("since")):  # relative ones resolved
                by_sentence.setdefault(d.sent.start, []).append(d)
        counted = {t.i for q in doc.spans.get("quantities", []) for t in q}
        events: list[Event] = self._dated_names(by_sentence)
        named_dates = {(e.date.start_char, e.event_key) for e in events}
        for dates in by_sentence.values():
            sent = dates[0].sent
            for verb in sent:
                if verb.pos_ not in ("VERB", "AUX"):
                    continue
                dated = self._dated_by(verb, dates)
                if dated:
                    events += dated
                    continue
                cls = self._class(verb, counted)
                if cls is None:
                    continue
                named = participants(verb, cls, self.lex)
                thing, key = self._things(verb) if not named or not self.lex.is_undergone(cls) else (None, None)
                if not named and not key:
                    continue
                if not _names_something(verb, counted) and not key and not any(k == "PERSON" for _, k, _ in named):
                    continue
                if self.lex.is_people_class(cls) and not any(k == "PERSON" for _, k, _ in named) and any(
                        t.i in counted for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                        for t in c.subtree):
                    continue  # "680,000 people were shot": a quantity claim; "they and 19 others were shot" is not
                own = {t.i for t in verb.subtree}
                date = min(dates, key=lambda d: (d.root.i not in own,
                                                 min(abs(d.start - verb.i), abs(d.end - 1 - verb.i))))
                if (date.start_char, key) in named_dates:
                    continue  # "the Great Famine of 1959 to 1961" dated the famine itself
                aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
                start = min([verb.i] + [a.i for a in aux])
                places = places_in(sent, self.lex)
                events.append(Event(
                    span=doc[start:verb.i + 1], date=date, predicate=doc[start:verb.i + 1].text,
                    predicate_class=cls, participants=[n for n, _, _ in named], place=places[0] if places else None,
                    negated=negated(verb), participant_kinds=[k for _, k, _ in named],
                    participant_roles=[r for _, _, r in named], event=thing, event_key=key,
                ))
        return events

    def _dated_names(self, by_sentence: dict[int, list[Span]]) -> list[Event]:
        """"the Great Famine of 1959 to 1961", "the 1958-62 famine": a named event dated in its own phrase."""
        out: list[Event] = []
        taken: set = set()
        for dates in by_sentence.values():
            for d in dates:
                head = d.root.head
                if d.root.dep_ == "pobj" and head.lower_ in ("of", "in") and head.head.pos_ in ("NOUN", "PROPN"):
                    noun = head.head
                elif d.root.dep_ in ("compound", "nummod", "amod") and d.root.head.pos_ in ("NOUN", "PROPN"):
                    noun = d.root.head
                else:
                    continue
                ev = next((e for e in self.named if e.start <= noun.idx < e.end), None)
                if ev is None:
                    continue
                name, key = ev.text, ev.key
                if ev.anaphoric:
                    resolved = self.topic.resolve(next(iter(ev.key)))
                    if resolved is None:
                        continue
                    name, key = resolved
                if (d.start_char, _key_text(key)) in taken:
                    continue
                taken.add((d.start_char, _key_text(key)))
                span = self.doc[noun.i:noun.i + 1]
                out.append(Event(span=span, date=d, predicate=noun.text, predicate_class="occurred", participants=[],
                                 place=None, negated=False, event=name, event_key=_key_text(key)))
        return out


def _key_text(key) -> str:
    return " ".join(sorted(key))

