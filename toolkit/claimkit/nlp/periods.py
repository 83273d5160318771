"""When a claim holds: the period of its own clause, else the one the text last defined, else a named period.

In order of trust:
1. a date of the claim's own clause (the verb it belongs to and what hangs on it), then a date
   of its sentence's main clause ("In 1937, 680,000 were shot and 1.5 million arrested");
2. a back-reference ("during these years", "in the same period") takes the period the text last
   defined: the last span of a year or more before the sentence, never a single day or month;
3. a name the text dates itself ("the Yezhovshchina purges, in 1937 and 1938"), or the period its own
   event claims give the claim's named event ("The Salt Rebellion broke out in 1850");
4. a named period of ``data/periods.json`` (or the user's lexicon) mentioned in the sentence,
   only where the claim or its source is about that period's place.
Never a period from a date in parentheses the figure is not in ("(as in the plague of 1665)"),
from a citation or the year of a work ("Hanson (2009)", "a 2005 study"), nor from a caption.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from .counted import governing_verb
from .doccache import text_of
from .lexicon import Lexicon

_WORK_NOUNS = {"book", "study", "article", "paper", "essay", "biography", "memoir", "monograph", "history",
               "edition", "volume", "publication", "work", "documentary", "film", "thesis", "dissertation",
               "survey", "review", "journal", "chapter", "textbook", "account", "novel", "report", "interview",
               "lecture", "speech", "letter", "diary", "broadcast", "programme", "program", "series", "website"}
_YEAR = 365
_RANGE = re.compile(r"\b(?:between|from)\b|\d\s*[–—-]\s*\d|\bto\b|\band\b|\buntil\b", re.IGNORECASE)


def _days(d: Span) -> int:
    try:
        return (date.fromisoformat(d._.date_end) - date.fromisoformat(d._.date_start)).days + 1
    except (TypeError, ValueError):
        return 0


def in_parentheses(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The bounds of the innermost parenthesis around characters ``start``-``end`` of the Doc, if any."""
    text = text_of(doc)
    line_start = text.rfind("\n", 0, start) + 1
    depth, open_at = 0, None
    for i in range(start - 1, line_start - 1, -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                open_at = i
                break
            depth -= 1
    if open_at is None:
        return None
    close = text.find(")", end)
    line_end = text.find("\n", end)
    if close == -1 or line_end != -1 and close > line_end:
        return None
    return open_at, close + 1


def usable(d: Span, q_start: int, q_end: int) -> bool:
    """Whether a date may give a figure its period: not inside a parenthesis the figure is outside of,
    not the year of a work or a study."""
    if not (d._.date_start or d._.date_end):
        return False
    paren = in_parentheses(d.doc, d.start_char, d.end_char)
    if paren and not (paren[0] <= q_start and q_end <= paren[1]):
        return False  # "(as in the plague of 1665)": a comparison, not the figure's time
    root = d.root
    head = root.head
    if root.dep_ in ("compound", "nummod", "amod", "nmod") and head.lemma_.lower() in _WORK_NOUNS:
        return False  # "a 2005 study"
    if root.dep_ == "pobj" and head.lower_ in ("in", "of") and head.head.lemma_.lower() in _WORK_NOUNS:
        return False  # "his book of 1986", "a study in 2009" (the study's year)
    if root.dep_ == "poss" or any(t.dep_ == "case" for t in root.children):
        return False  # "1986's edition"
    verb = next((t for t in root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None and verb.lemma_.lower() in _reporting() and any(
            c.dep_ == "nsubj" and (c.ent_type_ == "PERSON" or c.lemma_.lower() in _SCHOLARS
                                   or any(t.lemma_.lower() in _SCHOLARS for t in c.subtree))
            for c in verb.children):
        return False  # "In 2011, historian Snyder summarised ... 9 million deaths": the year of the report
    return True


_SCHOLARS = {"historian", "scholar", "researcher", "author", "writer", "biographer", "demographer", "economist",
             "journalist", "study", "book", "article", "report", "survey", "estimate", "census"} - {"census"}


def _reporting() -> frozenset:
    from .lexicon import current
    return current().reporting_verbs


class PeriodReader:
    """Periods for the figures of one Doc: dates by sentence, names the text defines, the last span."""

    def __init__(self, doc: Doc, lex: Lexicon, cited: list | None = None):
        self.doc = doc
        self.lex = lex
        self.cited = cited or []  # (start, end) of citations in the Doc's text: their years are no periods
        self.dates = [d for d in doc.spans.get("dates", []) if not self._cited(d)]
        self.by_sentence: dict[int, list[Span]] = {}
        for d in self.dates:
            self.by_sentence.setdefault(d.sent.start, []).append(d)
        self.named = self._named_periods()
        self.gazetteer = self._gazetteer()
        self.events: dict[str, tuple[str | None, str | None]] = {}  # named events the text dates itself

    def _cited(self, d: Span) -> bool:
        return any(s <= d.start_char and d.end_char <= e for s, e in self.cited)

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
                if t.pos_ == "PROPN" and t.ent_type_ == "PERSON":
                    break  # "Snyder in 2011": a person is no period (the tagger may call an odd name a place)
                if t.pos_ == "PROPN" and t.text[:1].isupper() and t.i != t.sent.start:
                    names.setdefault(t.lower_, (d._.date_start, d._.date_end, d.start_char))
                    break
                if t.pos_ not in ("NOUN", "PUNCT", "ADP", "DET", "ADJ") and not (
                        t.pos_ == "VERB" and t.dep_ in ("nsubj", "compound", "amod", "nmod")):
                    break  # (a mis-tagged noun such as "the Yezhovshchina purges" may pass)
                i -= 1
                gap += 1
        return names

    def _gazetteer(self) -> list[tuple[re.Pattern, str, str, str | None]]:
        """Named periods of the lexicon: (pattern, start, end, place), longest names first."""
        memo = self.lex.cache.get("gazetteer")
        if memo is None:
            entries = []
            for period in self.lex.named_periods:
                for name in period["names"]:
                    entries.append((re.compile(r"\b" + re.escape(name) + r"\b", re.IGNORECASE), period["start"],
                                    period["end"], period.get("place")))
            memo = self.lex.cache["gazetteer"] = sorted(entries, key=lambda e: -len(e[0].pattern))
        return memo

    def last_span_before(self, offset: int, plural: bool = False) -> tuple[str | None, str | None]:
        """The last period of a year or more the text named before ``offset`` ("the same period"); for "these
        years", the last span of several years the text wrote as one ("between 1347 and 1351", "1937-38")."""
        found = (None, None)
        for d in self.dates:
            if d.end_char > offset:
                break
            if not (d._.date_start and d._.date_end and _days(d) >= _YEAR - 1):
                continue
            if plural and not (_RANGE.search(d.text) and d._.date_start[:4] != d._.date_end[:4]):
                continue
            found = (d._.date_start, d._.date_end)
        return found

    def last_date_before(self, offset: int, unit: str) -> tuple[str | None, str | None]:
        """"That month", "the same day": the month (or day) of the last date the text named before ``offset``."""
        for d in reversed(self.dates):
            if d.end_char > offset or not d._.date_start or not d._.date_end:
                continue
            if d._.precision not in ("day", "month") or unit == "day" and d._.precision != "day":
                continue
            start = date.fromisoformat(d._.date_start)
            if unit == "day":
                return d._.date_start, d._.date_start
            first = start.replace(day=1)
            last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            return first.isoformat(), last.isoformat()
        return None, None

    def period(self, q: Span, places: tuple[str | None, ...],
               event_key: str | None = None) -> tuple[str | None, str | None]:
        """The period of figure ``q`` (see the module docstring); ``places`` are the claim's own place
        and its source's, for named periods that belong to a place; ``event_key`` the claim's own named event,
        whose period the text may give ("The Salt Rebellion broke out in 1850. During it ...")."""
        candidates = [d for d in self.by_sentence.get(q.sent.start, ())
                      if not (d.start_char >= q.start_char and d.end_char <= q.end_char)
                      and usable(d, q.start_char, q.end_char)]
        best = self._own_clause(q, candidates) if candidates else None
        if best is not None:
            return best._.date_start, best._.date_end
        sent_text = q.sent.text
        backref = next((m for p in self._backrefs() if (m := p.search(sent_text))), None)
        if backref is not None and backref.group().lower().endswith(("month", "day", "week")):
            return self.last_date_before(q.sent.start_char, backref.group().lower().split()[-1])
        if backref is not None:
            plural = backref.group().lower().endswith(("years", "months", "decades"))
            return self.last_span_before(q.sent.start_char, plural) if plural and self.last_span_before(
                q.sent.start_char, plural)[0] else self.last_span_before(q.sent.start_char)
        for t in q.sent:
            if t.lower_ in self.named and self.named[t.lower_][2] < q.start_char:
                start, end, _ = self.named[t.lower_]
                return start, end
        if event_key and event_key in self.events:
            return self.events[event_key]
        known = [p for p in places if p]
        for pattern, start, end, place in self.gazetteer:  # "during the Great Terror": a period the text names
            if pattern.search(sent_text) and (place is None or place in known or not known and self._unique(pattern)):
                return start, end
        return None, None

    def _unique(self, pattern: re.Pattern) -> bool:
        """Whether only one named period goes by this name (so it may stand where no place is known)."""
        return sum(p.pattern == pattern.pattern for p, _, _, _ in self.gazetteer) == 1

    def _backrefs(self) -> list[re.Pattern]:
        memo = self.lex.cache.get("backrefs")
        if memo is None:
            from .counted import frames_lexicon
            memo = self.lex.cache["backrefs"] = [re.compile(r"\b" + re.escape(p) + r"\b", re.IGNORECASE)
                                                 for p in frames_lexicon()["back_references"]]
        return memo

    def _own_clause(self, q: Span, dates: list[Span]) -> Span | None:
        """Of a sentence's dates, the one of the figure's own clause, else of the main clause, else the nearest."""
        verb = governing_verb(q.root)
        if verb is not None:
            own = {t.i for t in verb.subtree}
            mine = [d for d in dates if d.root.i in own and self._same_clause(d.root, verb)]
            if mine:
                return min(mine, key=lambda d: self._distance(d, q))
            root = q.sent.root
            main = [d for d in dates if self._same_clause(d.root, root) and d.root.i not in own]
            if main and verb.i != root.i and root.i not in own:
                return min(main, key=lambda d: self._distance(d, q))
            near = [d for d in dates if self._same_clause(d.root, root) or d.start == q.sent.start
                    or self._same_clause(d.root, verb)]  # not a date of another clause ("after the archives opened
            if near:  # in the 1990s, Snyder states 9 million deaths": the 1990s are the archives')
                return min(near, key=lambda d: self._distance(d, q))
            return None
        return min(dates, key=lambda d: self._distance(d, q))

    @staticmethod
    def _same_clause(tok, verb) -> bool:
        """Whether ``tok`` hangs on ``verb`` without another verb between them."""
        t = tok
        for _ in range(12):
            if t.i == verb.i:
                return True
            if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass") and t.i != tok.i:
                return False
            if t.head is t:
                return False
            t = t.head
        return False

    @staticmethod
    def _distance(d: Span, q: Span) -> int:
        return min(abs(d.start_char - q.end_char), abs(q.start_char - d.end_char))
