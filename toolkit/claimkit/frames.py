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
- footnote: the first footnote marker after the figure in its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from . import _data

_NP_POS = {"ADJ", "NOUN", "PROPN"}
_NOUN_POS = {"NOUN", "PROPN"}
_ACCORDING = re.compile(r"\baccording to ((?:[A-Z][\w’'.-]+\s?){1,4})")


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


@lru_cache(maxsize=1)
def _lexicon():
    d = _data.load("frames")
    hedges = sorted(d["hedges"].items(), key=lambda kv: -len(kv[0]))
    hedge_re = [(re.compile(r"\b" + re.escape(p) + r"\b", re.IGNORECASE), p, level) for p, level in hedges]
    backrefs = [re.compile(r"\b" + re.escape(p) + r"\b", re.IGNORECASE) for p in d["back_references"]]
    return d["predicates"], hedge_re, backrefs


def _phrase(tokens: list) -> tuple[str, str]:
    """Surface text (lower-cased) and lemma key of a noun phrase's tokens."""
    words = [t for t in tokens if t.pos_ not in ("DET", "PRON") and t.dep_ != "poss" and t.text not in ("’s", "'s")]
    text = " ".join(t.text for t in words).lower()
    key = " ".join(t.lemma_.lower() for t in words if t.lower_ != "of")
    return text, key


def _noun_run(doc: Doc, i: int, end_limit: int) -> tuple[list, int] | None:
    """Tokens of a noun phrase starting at ``i``: modifiers then a noun, plus one "of" phrase."""
    j = i
    while j < end_limit and doc[j].pos_ in ("DET", "PRON") and doc[j].dep_ in ("det", "poss"):
        j += 1
    run = []
    while j < end_limit and (doc[j].pos_ in _NP_POS or doc[j].pos_ == "NUM" and run) and doc[j].text not in (",",):
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
            run = _noun_run(doc, k + 1, end)
            return (run[0], run[0]) if run else (None, None)
        run = _noun_run(doc, k, end)
        return (run[0], run[0]) if run else (None, None)
    if k < end and doc[k].lower_ == "of" and q._.part is None:
        run = _noun_run(doc, k + 1, end)  # "10 million of the peasants"
        return (run[0], None) if run else (None, None)
    run = _noun_run(doc, k, end)
    return (run[0], None) if run else (None, None)


def _predicate(doc: Doc, start_token) -> tuple[str | None, str | None]:
    predicates = _lexicon()[0]
    tok = start_token
    for _ in range(5):
        if tok.pos_ == "VERB":
            break
        if tok.head is tok:
            return None, None
        tok = tok.head
    else:
        return None, None
    if tok.pos_ != "VERB":
        return None, None
    verbs = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]
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
        if cls and cls not in classes:
            classes.append(cls)
    return text, "+".join(classes) or None


def _hedge(sent_text: str, upto: int, own: str | None) -> tuple[str | None, str]:
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
                if t.pos_ not in ("NOUN", "PUNCT", "ADP", "DET", "ADJ"):
                    break
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
        for q in quantities:
            f = Frame()
            subj, base = _subject(self.doc, q)
            if subj:
                f.subject, f.subject_key = _phrase(subj)
                head = [t for t in subj if t.lower_ != "of"][0]
                head = next((t for t in subj if t.pos_ in _NOUN_POS), head)
                anchor_tok = head
            else:
                anchor_tok = q.root
            if base:
                f.base = _phrase(base)[0]
            f.predicate, f.predicate_class = _predicate(self.doc, anchor_tok)
            f.period_start, f.period_end = self._period(q, self._previous_period(q.sent.start_char))
            f.hedge, f.certainty = _hedge(q.sent.text, q.end_char - q.sent.start_char, q._.hedge)
            places = [e.text for e in q.sent.ents if e.label_ in ("GPE", "LOC")]
            f.place = places[0] if places else None
            m = _ACCORDING.search(q.sent.text)
            f.attribution = m.group(1).strip() if m else None
            f.footnote = self._footnote(q)
            frames.append(f)
        return frames

    def _footnote(self, q: Span) -> str | None:
        limit = q.sent.end_char + 2
        for offset, marker in self.footnotes:
            if q.end_char <= offset <= limit:
                return marker
        return None
