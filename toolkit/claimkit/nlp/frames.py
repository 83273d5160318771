"""Claim frames, first version: what is counted, what happened, when, how sure, on whose word.

Works on a parsed Doc (the trained pipeline's tagger and parser) with the
``quantities`` and ``dates`` spans set. Rules, in order of trust:
- subject: the noun phrase right after the figure ("850,000 party members",
  "30,000 members of the army"); for a share, the phrase after "of" ("50% of
  the officer corps"), which is also its ``base``; left empty when the figure
  stands alone ("10 million were sent"), never guessed;
- predicate: the verb that governs the subject (or the figure), with its
  coordinated verbs ("arrested and executed"), classed by ``data/frames.json``;
- period: the nearest date in the sentence; else the previous dated sentence
  when a back-reference says so ("during the same period"); else a named
  period the text defined earlier ("the Yezhovshchina purges, in 1937 and 1938");
- hedge: the hedging words of the sentence before the figure, or inside it;
- attribution: the first named source of the sentence (:mod:`claimkit.nlp.citations`);
- footnote: the first footnote marker after the figure in its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import _data
from .citations import find_attributions

_NP_POS = {"ADJ", "NOUN", "PROPN"}
_NOUN_POS = {"NOUN", "PROPN"}


@dataclass
class Frame:
    subject: str | None = None
    subject_key: str | None = None
    base: str | None = None
    predicate: str | None = None
    predicate_class: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    place: str | None = None
    hedge: str | None = None
    certainty: str = "asserted"
    attribution: str | None = None
    footnote: str | None = None
    negated: bool = False


@lru_cache(maxsize=1)
def _lexicon():
    d = _data.load("frames")
    hedges = sorted(d["hedges"].items(), key=lambda kv: -len(kv[0]))
    hedge_re = [(re.compile(r"\b" + re.escape(p) + r"\b", re.IGNORECASE), p, level) for p, level in hedges]
    backrefs = [re.compile(r"\b" + re.escape(p) + r"\b", re.IGNORECASE) for p in d["back_references"]]
    return d["predicates"], hedge_re, backrefs


@lru_cache(maxsize=1)
def _gazetteer() -> list[tuple[re.Pattern, str, str, str]]:
    """Named periods from ``data/periods.json``: (pattern, start, end, citation), longest names first."""
    entries = []
    for period in _data.load("periods")["periods"]:
        for name in period["names"]:
            entries.append((re.compile(r"\b" + re.escape(name) + r"\b", re.IGNORECASE), period["start"], period["end"],
                            period["citation"]))
    return sorted(entries, key=lambda e: -len(e[0].pattern))


def _phrase(tokens: list) -> tuple[str, str]:
    """Surface text (lower-cased) and lemma key of a noun phrase's tokens."""
    words = [t for t in tokens if t.pos_ not in ("DET", "PRON") and t.dep_ != "poss" and t.text not in ("’s", "'s")]
    text = " ".join(t.text for t in words).lower()
    key = " ".join(t.lemma_.lower() for t in words if t.lower_ != "of")
    return text, key


def _in_noun_run(doc: Doc, j: int, run: list) -> bool:
    """Whether token ``j`` can extend a noun phrase: adjectives, nouns, participles and adverbs before
    a noun ("previously dismissed officers", "documented executions"), hyphens inside a word."""
    t = doc[j]
    if t.pos_ in _NP_POS or t.pos_ == "NUM" and run:
        return t.text != ","
    if t.tag_ in ("VBN", "VBG") or t.pos_ == "ADV" and t.dep_ == "advmod":
        return j + 1 < len(doc) and (doc[j + 1].pos_ in _NP_POS or doc[j + 1].tag_ in ("VBN", "VBG"))
    if t.text == "-" and run and not t.whitespace_ and not doc[j - 1].whitespace_:
        return j + 1 < len(doc) and doc[j + 1].pos_ in _NP_POS  # "book-length manuscripts"
    return False


def _noun_run(doc: Doc, i: int, end_limit: int) -> tuple[list, int] | None:
    """Tokens of a noun phrase starting at ``i``: modifiers then a noun, plus one "of" phrase."""
    j = i
    while j < end_limit and (doc[j].pos_ in ("DET", "PRON") and doc[j].dep_ in ("det", "poss")
                             or doc[j].dep_ in ("poss", "case") and doc[j].head.pos_ in _NOUN_POS):
        j += 1  # "the", "its", "Finland's"
    run = []
    while j < end_limit and _in_noun_run(doc, j, run):
        run.append(doc[j])
        j += 1
    while run and run[-1].pos_ not in _NOUN_POS:
        run.pop()
        j -= 1
    if not run:
        return None
    if j + 1 < end_limit and doc[j].lower_ == "of":
        tail = _noun_run(doc, j + 1, end_limit)
        if tail and tail[0][0].pos_ != "NUM":
            return run + [doc[j]] + tail[0], tail[1]
    return run, j


def _subject(doc: Doc, q: Span) -> tuple[list | None, list | None]:
    """(subject tokens, base tokens) of a quantity span."""
    end = q.sent.end
    k = q.end
    if q._.unit == "percent" or q._.share is not None and q._.part is None:
        if k < end and doc[k].lower_ == "of":
            k += 1
        run = _noun_run(doc, k, end)
        if run and _possessed_whole(doc, k, run[0]):
            owner = _clause_subject(q)  # "the navy lost up to a third of its strength": a third of the navy
            return (owner, owner) if owner else (None, None)
        return (run[0], run[0]) if run else (None, None)
    if k + 1 < end and doc[k].lower_ == "of" and doc[k + 1].lower_ in _ANAPHORS:
        return _ANTECEDENT, None  # "about 750,000 of them": the last counted subject
    if k < end and doc[k].lower_ == "of" and q._.part is None:
        run = _noun_run(doc, k + 1, end)  # "10 million of the peasants"
        return (run[0], None) if run else (None, None)
    run = _noun_run(doc, k, end)
    if run:
        return run[0], None
    valued = _valued_noun(doc, q)
    return (valued, None) if valued else (None, None)


_TIME_UNITS = ("day", "week", "fortnight", "month", "year", "decade", "century")
_ANAPHORS = ("them", "these", "those", "whom", "which")
_ANTECEDENT: list = []  # marker: the subject is the previous figure's ("750,000 of them")
_WHOLES = ("complement", "strength", "total", "number", "membership", "size", "ranks", "personnel", "numbers")


def _possessed_whole(doc: Doc, k: int, run: list) -> bool:
    """"half its total complement", "a third of their strength": a whole owned by a pronoun."""
    return k < len(doc) and doc[k].lower_ in ("its", "their", "his", "her") \
        and run[-1].lower_ in _WHOLES


def _clause_subject(q: Span) -> list | None:
    """The subject noun phrase of the verb a figure belongs to."""
    verb = _governing_verb(q.root)
    if verb is None:
        return None
    noun = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in _NOUN_POS), None)
    return _phrase_tokens(noun) if noun is not None else None


_VALUE_VERBS = ("be", "number", "total", "amount", "reach", "exceed", "estimate", "put", "place", "count", "stand")


def _valued_noun(doc: Doc, q: Span) -> list | None:
    """The noun a figure is the value of: "a population of 100,000", "the army numbered 1.3 million",
    "estimate famine deaths at 5.5 million", "casualties may have been one million"."""
    root = q.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in _NOUN_POS:
        return _phrase_tokens(head.head)
    verb = head.head if root.dep_ == "pobj" and head.lower_ in ("at", "to") else head
    if root.pos_ == "VERB" and root.lemma_.lower() in _VALUE_VERBS and root.i >= q.start:
        verb, root = root, q[-1]  # "exceeded seven million and may have reached twenty million": the verb is inside
    if root.dep_ in ("attr", "dobj", "pobj", "npadvmod") and verb.lemma_.lower() in _VALUE_VERBS:
        for dep in (("dobj",) if verb.lemma_.lower() in ("estimate", "put", "place") else ()) + ("nsubj", "nsubjpass"):
            noun = next((c for c in verb.children if c.dep_ == dep and c.pos_ in _NOUN_POS and c.i != root.i), None)
            if noun is not None and noun.lower_ not in ("number", "total", "figure", "toll"):
                return _phrase_tokens(noun)
    return None


def _phrase_tokens(noun) -> list:
    """A noun with its left modifiers and its "of" phrase."""
    left = [t for t in noun.lefts if t.dep_ in ("compound", "amod", "nmod") and t.pos_ in _NP_POS]
    tokens = left + [noun]
    of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is not None and obj.pos_ in _NOUN_POS:
        tokens += [of] + [t for t in obj.lefts if t.dep_ in ("compound", "amod") and t.pos_ in _NP_POS] + [obj]
    return sorted(tokens, key=lambda t: t.i)


def _governing_verb(start_token):
    """The verb a token belongs to: climbing heads through lists ("13 of 15 ..., 57 of 85 ... were shot"),
    past verbs that only describe the noun ("the members elected in 1934 were shot"), and through
    copulas to what they link ("were to perish", "were dead")."""
    predicates = _lexicon()[0]
    tok = start_token
    for _ in range(10):
        if tok.pos_ == "VERB" and not (tok.dep_ in ("acl", "relcl", "amod") and tok.head.i in _span_ids(start_token)):
            return tok
        if tok.pos_ == "AUX" and tok.dep_ == "ROOT" or tok.lemma_ == "be" and tok.pos_ in ("AUX", "VERB"):
            for c in tok.children:
                if c.dep_ in ("xcomp", "acomp", "attr") and (c.pos_ == "VERB" or c.lemma_.lower() in predicates):
                    return c
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _span_ids(tok) -> set[int]:
    """Token indices of a token and its left modifiers (the noun phrase a participle may describe)."""
    return {tok.i} | {t.i for t in tok.lefts}


def _negated(verb) -> bool:
    """"were not executed", "never arrested": the verb or its auxiliaries carry a negation."""
    return verb is not None and any(c.dep_ == "neg" for c in verb.children)


def _event_noun(tok) -> str | None:
    """The class a noun names ("deaths", "documented executions"), from ``event_nouns``."""
    return _data.load("frames")["event_nouns"].get(tok.lemma_.lower()) if tok is not None else None


def _predicate(doc: Doc, start_token, head_noun=None) -> tuple[str | None, str | None]:
    """The event that happened to the counted: the governing verb with its coordinated verbs, or an event noun."""
    predicates = _lexicon()[0]
    frames = _data.load("frames")
    if head_noun is not None and _event_noun(head_noun) and head_noun.lemma_.lower() not in _ROLE_NOUNS:
        return head_noun.text, _event_noun(head_noun)  # "9 million deaths", "799,455 documented executions"
    described = [c for c in head_noun.children if c.dep_ in ("acl", "amod") and c.lemma_.lower() in predicates
                 and c.tag_ == "VBN"] if head_noun is not None else []
    tok = _governing_verb(start_token)
    linking = set(frames["linking_verbs"])
    for _ in range(3):  # "..., which represented 50% of the officer corps": the clause it restates
        if tok is None or tok.lemma_.lower() not in linking or tok.head is tok:
            break
        tok = _governing_verb(tok.head)
    if tok is None or (described and not (predicates.get(tok.lemma_.lower()))):
        if described:  # "30,000 of its officers executed or in the camps"
            return described[0].text, predicates[described[0].lemma_.lower()]
        if head_noun is not None and _event_noun(head_noun):
            return head_noun.text, _event_noun(head_noun)  # "some 20,000 prisoners": a role noun, no verb
        return None, None
    if tok.dep_ == "conj" and tok.head.pos_ == "VERB" and not _has_subject(tok):
        tok = tok.head  # "deported or killed 34,250": the first of the coordinated verbs
    verbs = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB" and not _has_subject(c)
                     and not (any(o.dep_ == "dobj" for o in c.children) and any(o.dep_ == "dobj" for o in tok.children))]
    verbs.sort(key=lambda t: t.i)
    if len(verbs) > 1:
        text = doc[verbs[0].i: verbs[-1].i + 1].text
    else:
        text = tok.text
        particle = [c for c in tok.children if c.dep_ == "prt"]
        if particle:
            text = doc[tok.i: particle[-1].i + 1].text
    classes = []
    for v in verbs:
        cls = predicates.get(v.lemma_.lower()) or predicates.get(v.lower_)
        if cls == "deported" and head_noun is not None and head_noun.lemma_.lower() in frames["not_people"]:
            cls = None  # "sent 648 aircraft": things are not deported
        if cls == "deported":
            for prep in (c for c in v.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "into")):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    word = obj.lemma_.lower()
                    cls = frames["destinations"].get(word, frames["destinations"].get(word.rstrip("s"), cls))
        if cls is None:
            objects = [c for c in v.children if c.dep_ in ("dobj", "attr")]
            cls = next((_event_noun(o) for o in objects if _event_noun(o)), None)  # "estimate famine deaths at ..."
        if cls and cls not in classes:
            classes.append(cls)
    if not classes and head_noun is not None:  # "the labour force in the camps exceeded seven million"
        for prep in (c for c in head_noun.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "inside")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                word = obj.lemma_.lower()
                cls = frames["destinations"].get(word, frames["destinations"].get(word.rstrip("s")))
                if cls and cls not in classes:
                    classes.append(cls)
    if not classes and head_noun is not None and _event_noun(head_noun):
        return head_noun.text, _event_noun(head_noun)  # "14 million prisoners" with no verb of their own
    return text, "+".join(classes) or None


_ROLE_NOUNS = ("prisoner", "inmate", "detainee", "convict", "deportee", "victim")  # people in a state: a verb
# of their own ("1.5 million prisoners perished") says what the figure counts, before the noun does


def _has_subject(verb) -> bool:
    """A coordinated verb with a subject of its own is another clause ("..., and an unknown number died")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def hedge_of(sent_text: str, upto: int, own: str | None) -> tuple[str | None, str]:
    """The strongest hedge of a sentence before offset ``upto`` (sentence-relative)."""
    found, level = None, "asserted"
    rank = {"asserted": 0, "hedged": 1, "speculative": 2}
    for pattern, phrase, lvl in _lexicon()[1]:
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


class FrameBuilder:
    """Frames for every quantity of one Doc, with period context carried across sentences."""

    def __init__(self, doc: Doc, footnotes: list[tuple[int, str]] | None = None):
        self.doc = doc
        self.dates = list(doc.spans.get("dates", []))
        self.footnotes = footnotes or []  # (offset in doc.text, marker), sorted
        self.by_sentence: dict[int, list[Span]] = {}  # sentence start token -> its dates, computed once
        for d in self.dates:
            self.by_sentence.setdefault(d.sent.start, []).append(d)
        self.named = self._named_periods()
        self.attributions = [a for a in find_attributions(doc.text) if not a.generic]

    def _named_periods(self) -> dict[str, tuple[str, str, int]]:
        """Names the text dates itself: "the Yezhovshchina purges, in 1937 and 1938"."""
        names = {}
        for d in self.dates:
            if not d._.date_start or not d._.date_end or d._.precision not in ("year", "month", "season", "day"):
                continue
            i = d.start - 1
            gap = 0
            while i >= d.sent.start and gap <= 4:
                t = self.doc[i]
                if t.pos_ == "PROPN" and t.text[:1].isupper() and t.i != t.sent.start:
                    names.setdefault(t.lower_, (d._.date_start, d._.date_end, d.start_char))
                    break
                if t.pos_ not in ("NOUN", "PUNCT", "ADP", "DET", "ADJ") and not (
                        t.pos_ == "VERB" and t.dep_ in ("nsubj", "compound", "amod", "nmod")):
                    break  # (a mis-tagged noun such as "the Yezhovshchina purges" may pass)
                i -= 1
                gap += 1
        return names

    def _period(self, q: Span, previous: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
        """When the figure holds: a date of its sentence, a back-reference, or a named period."""
        in_sentence = [d for d in self.by_sentence.get(q.sent.start, ()) if (d._.date_start or d._.date_end)
                       and not (d.start_char >= q.start_char and d.end_char <= q.end_char)]
        if in_sentence:
            best = min(in_sentence, key=lambda d: min(abs(d.start_char - q.end_char), abs(q.start_char - d.end_char)))
            return best._.date_start, best._.date_end
        sent_text = q.sent.text
        if any(p.search(sent_text) for p in _lexicon()[2]):
            return previous
        for t in q.sent:
            if t.lower_ in self.named and self.named[t.lower_][2] < q.start_char:
                start, end, _ = self.named[t.lower_]
                return start, end
        for pattern, start, end, _citation in _gazetteer():  # "during the Great Terror": a period the text names
            if pattern.search(sent_text):
                return start, end
        return None, None

    def _previous_period(self, before: int) -> tuple[str | None, str | None]:
        """The interval of the last complete date ending before character ``before``."""
        found = (None, None)
        for d in self.dates:
            if d.end_char > before:
                break
            if d._.date_start and d._.date_end:
                found = (d._.date_start, d._.date_end)
        return found

    def build(self, quantities: list[Span]) -> list[Frame]:
        frames = []
        previous: list | None = None
        for q in quantities:
            f = Frame()
            subj, base = _subject(self.doc, q)
            borrowed = subj is _ANTECEDENT
            if borrowed:
                subj = previous if previous and previous[0].sent.start >= q.sent.start - 60 else None
            if subj:
                previous = subj
                f.subject, f.subject_key = _phrase(subj)
                head = [t for t in subj if t.lower_ != "of"][0]
                head = next((t for t in subj if t.pos_ in _NOUN_POS), head)
                anchor_tok = q.root if borrowed else head
            else:
                anchor_tok = q.root
            if base:
                f.base = _phrase(base)[0]
            head_noun = anchor_tok if subj and not borrowed else None
            f.predicate, f.predicate_class = _predicate(self.doc, anchor_tok, head_noun)
            if head_noun is not None and _opens_a_whole(self.doc, q):
                f.predicate, f.predicate_class = _defining_clause(head_noun)  # "of the 2 million held in the
                # camps, 200,000 died": the main verb is the part's
            if f.predicate_class and "gained" in f.predicate_class.split("+") and q._.unit not in _TIME_UNITS:
                rest = [c for c in f.predicate_class.split("+") if c != "gained"]  # "gives 8.7 million": a source
                f.predicate_class = "+".join(rest) or None  # speaks; "gave the USSR eighteen months": time gained
            f.negated = _negated(_governing_verb(anchor_tok))
            f.period_start, f.period_end = self._period(q, self._previous_period(q.sent.start_char))
            f.hedge, f.certainty = hedge_of(q.sent.text, q.end_char - q.sent.start_char, q._.hedge)
            places = [e.text for e in q.sent.ents if e.label_ in ("GPE", "LOC")]
            f.place = places[0] if places else None
            said = [a.name for a in self.attributions if q.sent.start_char <= a.start < q.sent.end_char]
            f.attribution = said[0] if said else None  # "According to X", "X and Y estimate", "X gives"
            f.footnote = self._footnote(q)
            frames.append(f)
        return frames

    def _footnote(self, q: Span) -> str | None:
        limit = q.sent.end_char + 2
        for offset, marker in self.footnotes:
            if q.end_char <= offset <= limit:
                return marker
        return None


_PARTICIPANT_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "agent", "attr", "pobj")


@dataclass
class Event:
    """A dated event: the verb that names it, the date it happened and who took part."""

    span: Span
    date: Span
    predicate: str
    predicate_class: str
    participants: list[str]
    place: str | None
    negated: bool
    participant_kinds: list[str] = field(default_factory=list)
    participant_roles: list[str] = field(default_factory=list)


def _role(child, cls: str | None) -> str:
    """"patient" for who undergoes the event (the object, a passive subject, the subject of "died"), else "agent"."""
    if child.dep_ in ("nsubjpass", "dobj") or child.dep_ == "nsubj" and cls in _INTRANSITIVE:
        return "patient"
    return "agent"


_INTRANSITIVE = ("died", "appointed")


def _participants(verb, cls: str | None = None) -> list[tuple[str, str, str]]:
    """Named people and organisations among a verb's arguments ("Leon Trotsky was murdered"),
    with their kind and role."""
    names: list[tuple[str, str, str]] = []

    def add(name: str, kind: str, role: str) -> None:
        if name and name not in [n for n, _, _ in names]:
            names.append((name, kind, role))

    for child in list(verb.children) + _shared_subjects(verb):
        if child.dep_ not in _ARGUMENT_DEPS and child.dep_ != "prep":
            continue
        if child.head is not verb and child.dep_ == "nsubj" and verb.tag_ == "VBN" and verb.head.tag_ == "VBN":
            role = "patient"  # "was arrested ... and shot": the passive's subject, shared
        else:
            role = _role(child, cls)
        titled = [t for t in child.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        if child.dep_ == "dobj" and child.lemma_.lower() in _data.load("frames")["titles"] and titled:
            add(" ".join(t.text for t in titled), "PERSON", "patient")  # "made Molotov Commissar"
            continue
        if child.pos_ == "PROPN" and not child.ent_type_ and child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            parts = [t for t in child.subtree if t.pos_ == "PROPN" and t.i <= child.i]
            add(" ".join(t.text for t in parts), "PERSON", role)  # a name the tagger saw but the recogniser missed
        for tok in child.subtree:
            if tok.ent_type_ in _PARTICIPANT_LABELS and tok.ent_iob_ == "B":
                ent = next((e for e in tok.doc.ents if e.start == tok.i), None)
                if ent is not None and ent.label_ != "GPE":
                    # "the party head, Sergei Kirov, was murdered": an apposition is the argument itself
                    same = ent.root == child or ent.root.dep_ == "appos" and ent.root.head == child
                    add(re.sub(r"[’']s$", "", ent.text), ent.label_, role if same else "agent")  # "Stalin’s"
    return names


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


def _opens_a_whole(doc: Doc, q: Span) -> bool:
    """"Of the 2 million people who ..., X died": a figure after a clause-opening "of the" is the
    whole another figure is a part of."""
    i = q.start
    if i < 2 or doc[i - 1].lower_ != "the" or doc[i - 2].lower_ != "of":
        return False
    return i - 2 == q.sent.start or doc[i - 3].lower_ in ("that", ",", ";", "and", "but", "while")


def _defining_clause(noun) -> tuple[str | None, str | None]:
    """The class a relative clause gives its noun: "people who were arrested", "who passed through the
    Gulag" (a destination); (None, None) when it gives none."""
    predicates = _lexicon()[0]
    destinations = _data.load("frames")["destinations"]
    for verb in (c for c in noun.children if c.dep_ in ("relcl", "acl")):
        cls = predicates.get(verb.lemma_.lower())
        if cls:
            return verb.text, cls
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                for word in [obj] + [t for t in obj.lefts if t.dep_ == "compound"]:
                    lemma = word.lemma_.lower()
                    cls = destinations.get(lemma, destinations.get(lemma.rstrip("s")))
                    if cls:
                        return verb.text, cls
    return None, None


def _shared_subjects(verb) -> list:
    """The subject a coordinated verb borrows: "Bukharin was arrested in 1937 and shot in 1938"."""
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and not _has_subject(verb):
        return [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []


def _names_something(verb, counted: set[int]) -> bool:
    """An event is about someone or something named ("Trotsky was murdered", "the pact was ratified"),
    not a count ("680,000 people were shot" is a quantity claim)."""
    arguments = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")] + _shared_subjects(verb)
    if any(t.i in counted for a in arguments for t in a.subtree):
        return False
    for a in arguments:
        if a.ent_type_ in _PARTICIPANT_LABELS or a.pos_ == "PROPN":
            return True
        if a.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in a.children):
            return True
        if any(t.ent_type_ in ("PERSON", "ORG") for t in a.subtree):
            return True
    return False


def find_events(doc: Doc) -> list[Event]:
    """Dated events: a verb of the event lexicon in a sentence that carries a resolved date.

    Each such verb is paired with the nearest date of its sentence; its participants
    are the PERSON, ORG and NORP entities among its arguments, its place the GPE of
    the sentence ("Kirov was murdered in Leningrad in December 1934").
    """
    predicates = _lexicon()[0]
    by_sentence: dict[int, list[Span]] = {}
    for d in doc.spans.get("dates", []):
        if d._.date_start and (d._.date_end or d.text.lower().startswith("since")):  # relative ones resolved
            by_sentence.setdefault(d.sent.start, []).append(d)
    counted = {t.i for q in doc.spans.get("quantities", []) for t in q}
    events = []
    for dates in by_sentence.values():
        sent = dates[0].sent
        for verb in sent:
            cls = predicates.get(verb.lemma_.lower()) if verb.pos_ == "VERB" else None
            if verb.pos_ == "VERB" and _made_title(verb):
                cls = "appointed"
            cls = cls or _state_class(verb)
            if cls is None or not _names_something(verb, counted):
                continue
            own = {t.i for t in verb.subtree}  # a date in the verb's own phrase first ("invaded Poland on 1 September")
            date = min(dates, key=lambda d: (d.root.i not in own, min(abs(d.start - verb.i), abs(d.end - 1 - verb.i))))
            aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
            start = min([verb.i] + [a.i for a in aux])
            places = [e.text for e in sent.ents if e.label_ in ("GPE", "LOC")]
            named = _participants(verb, cls)
            events.append(Event(
                span=doc[start:verb.i + 1], date=date, predicate=doc[start:verb.i + 1].text, predicate_class=cls,
                participants=[n for n, _, _ in named], place=places[0] if places else None, negated=_negated(verb),
                participant_kinds=[k for _, k, _ in named], participant_roles=[r for _, _, r in named],
            ))
    return events


FRAME_FIELDS = ("subject", "subject_key", "base", "predicate", "predicate_class", "period_start", "period_end", "place",
                "certainty", "attribution", "footnote", "negated")
EVENT_FIELDS = ("predicate", "predicate_class", "participants", "participant_kinds", "participant_roles", "place",
                "negated", "event_date")
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
        for q, frame in zip(quantities, FrameBuilder(doc, footnotes).build(quantities)):
            for name in FRAME_FIELDS:
                setattr(q._, name, getattr(frame, name))
            q._.hedge = frame.hedge
        events = []
        for event in find_events(doc):
            span = event.span
            for name in EVENT_FIELDS[:-1]:
                setattr(span._, name, getattr(event, name))
            span._.event_date = (event.date.start_char, event.date.end_char)
            events.append(span)
        doc.spans[self.events_key] = events
        return doc


@Language.factory("claimkit_claims", default_config={"quantities_key": "quantities", "events_key": "events"},
                  requires=["token.dep", "token.pos"])
def make_claims(nlp: Language, name: str, *, quantities_key: str, events_key: str) -> ClaimFramer:
    """Build the claim framer: add it after ``claimkit_dates`` and ``claimkit_quantities`` in a parsed pipeline."""
    return ClaimFramer(quantities_key=quantities_key, events_key=events_key)
