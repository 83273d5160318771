"""Read quantities the way historians write them, as plain data (no spaCy needed).

Grammar, left to right over :mod:`claimkit._lexer` tokens::

    quantity  := [qualifier] core [range_tail] | "between" core "and" core | vague
    core      := [currency] number [scale] [unit] [ratio_tail]
    number    := digits | number words | fraction ("half", "two-thirds", "half a million")

Bounds (``low``/``high``) follow from the qualifier's rule in ``data/numbers.json``:
``exact`` -> [v, v]; ``band`` -> v ± tolerance; ``below_band`` (nearly, almost) ->
[v - tolerance, v]; ``above`` (at least, more than) -> [v, null]; ``below`` (up to,
as much as, fewer than) -> [null, v]; a range -> [low, high]; a vague amount -> its
listed interval. Shares ("half", "a third") are read as percentages so that "half"
and "50%" compare; ratios ("three out of five") keep ``part`` and ``whole``.

Not quantities: years (the date grammar reads them), ordinals, numbers after a
label word ("Order No. 00447", "pages 347 to 349", "grade 12"), number words
inside capitalised names ("World War Two"), and a bare "one" (a pronoun far
more often than a count).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import _data
from ._lexer import Tok, lex, sentence_initial

DEFAULT_TOLERANCE = 0.1


@dataclass
class Quantity:
    """One quantity expression and its normalised reading."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str
    part: float | None = None
    whole: float | None = None
    share: float | None = None
    hedge: str | None = None
    tokens: tuple[int, int] = field(default=(0, 0), repr=False)


class _Words:
    """The word lists of ``data/numbers.json``, indexed for the parser."""

    def __init__(self):
        d = _data.load("numbers")
        self.units = d["units"]
        self.tens = d["tens"]
        self.scales = d["scales"]
        self.abbrev = d["scale_abbreviations"]
        self.counted = d["counted_words"]
        self.fractions = d["fractions"]
        self.qualifiers = {tuple(k.split()): v for k, v in d["qualifiers"].items()}
        self.max_qualifier = max(len(k) for k in self.qualifiers)
        self.vague = {tuple(k.split()): v for k, v in d["vague"].items()}
        self.percent_words = [tuple(w.replace("-", " - ").split()) for w in d["percent_words"]]
        self.currency_symbols = d["currency_symbols"]
        self.currency_words = {tuple(k.split()): v for k, v in d["currency_words"].items()}
        self.time_units = d["time_units"]
        self.measures = {tuple(k.split()): v for k, v in d["measure_units"].items()}
        self.age_before = set(d["age_before"])
        self.age_after = [tuple(w.replace("-", " - ").split()) for w in d["age_after"]]
        self.labels = set(d["label_words"])
        self.name_heads = set(d["name_heads"])
        self.number_words = set(self.units) | set(self.tens) | set(self.scales)


_WORDS: _Words | None = None


def _words() -> _Words:
    global _WORDS
    if _WORDS is None:
        _WORDS = _Words()
    return _WORDS


def bounds(value: float, rule: str, tolerance: float) -> tuple[float | None, float | None]:
    """``(low, high)`` that a qualifier rule allows for ``value``."""
    if rule == "band":
        return value * (1 - tolerance), value * (1 + tolerance)
    if rule == "below_band":
        return value * (1 - tolerance), value
    if rule == "above":
        return value, None
    if rule == "below":
        return None, value
    return value, value


def _is_year(tok: Tok) -> bool:
    return tok.kind == "num" and len(tok.text) == 4 and tok.text.isdigit() and 1000 <= int(tok.text) <= 2100


class _Parser:
    def __init__(self, text: str, tolerance: float, skip: list[tuple[int, int]]):
        self.text = text
        self.toks = lex(text)
        self.w = _words()
        self.tol = tolerance
        self.skip = sorted(skip)

    # -- helpers ---------------------------------------------------------
    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def lower(self, i: int) -> str:
        t = self.tok(i)
        return t.lower if t else ""

    def phrase(self, i: int, words: tuple[str, ...]) -> int | None:
        """End index when ``words`` stand at ``i`` (no sentence break inside)."""
        for k, w in enumerate(words):
            t = self.tok(i + k)
            if t is None or t.lower != w or (k and t.newline):
                return None
        return i + len(words)

    def longest(self, i: int, table: dict) -> tuple[int, object] | None:
        best = None
        for key, val in table.items():
            end = self.phrase(i, key)
            if end is not None and (best is None or end > best[0]):
                best = (end, val)
        return best

    def skipped(self, tok: Tok) -> bool:
        return any(s <= tok.start < e for s, e in self.skip)

    # -- numbers ---------------------------------------------------------
    def word_number(self, i: int) -> tuple[float, int] | None:
        """Cardinal words from ``i``: "fifty-seven", "one hundred and ten", "a million"."""
        w = self.w
        total, current, j, seen = 0.0, 0.0, i, False
        while True:
            t = self.tok(j)
            if t is None or t.kind != "word" or (seen and t.newline):
                break
            lw = t.lower
            if lw in w.units or lw in w.tens:
                if seen and current % 100 and not (lw in w.units and current % 10 == 0 and current % 100 >= 20):
                    break
                current += w.units.get(lw, 0) + w.tens.get(lw, 0)
            elif lw == "hundred" and seen:
                current = (current or 1) * 100
            elif lw in w.scales and seen:
                total += (current or 1) * w.scales[lw]
                current = 0
            elif lw == "a" and not seen and self.lower(j + 1) in w.scales:
                current = 1
            else:
                break
            seen = True
            j += 1
            # hyphen inside "fifty-seven"; "and" inside "one hundred and ten"
            if self.lower(j) == "-" and self.tok(j + 1) and self.tok(j + 1).glued and self.lower(j + 1) in w.units:
                j += 1
            elif self.lower(j) == "and" and (total or current >= 100) and self.lower(j + 1) in (set(w.units) | set(w.tens)) and self.lower(j + 2) not in w.fractions:
                j += 1
        if not seen or j == i:
            return None
        if self.lower(j - 1) == "a":
            return None
        return total + current, j

    def fraction(self, i: int) -> tuple[float, int] | None:
        """"half", "a third", "two-thirds", "three quarters" as a fraction of one."""
        w = self.w
        j, num = i, 1.0
        if self.lower(j) in ("a", "an", "one") and self.lower(j + 1) in w.fractions:
            j += 1
        elif self.lower(j) in w.units and self.lower(j + 1) in ("-",) and self.lower(j + 2) in w.fractions:
            num, j = w.units[self.lower(j)], j + 2
        elif self.lower(j) in w.units and self.lower(j + 1) in w.fractions and self.lower(j + 1).endswith("s"):
            num, j = w.units[self.lower(j)], j + 1
        lw = self.lower(j)
        if lw not in w.fractions or (lw in ("second", "fourth") and j == i):
            return None
        if lw in ("third", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth") and j == i:
            return None  # a bare "third" is an ordinal
        return num * w.fractions[lw], j + 1

    def core_number(self, i: int) -> tuple[float, int, bool] | None:
        """A number with its scale: (value, next index, is_fraction_of_one)."""
        t = self.tok(i)
        if t is None or self.skipped(t):
            return None
        w = self.w
        if t.kind == "num":
            value = float(t.text.replace(",", ""))
            j = i + 1
            nxt = self.tok(j)
            if nxt and nxt.glued and nxt.kind == "word":
                if nxt.lower in w.abbrev:
                    return value * w.abbrev[nxt.lower], j + 1, False
                if nxt.lower in w.scales:
                    return value * w.scales[nxt.lower], j + 1, False
                if nxt.lower in ("st", "nd", "rd", "th", "s"):
                    return None  # ordinal or decade
                if nxt.lower not in ("m", "km", "kg"):
                    return None  # glued to a word: a code or name
            if self.lower(j) in w.scales:
                scale = w.scales[self.lower(j)]
                j += 1
                if self.lower(j) in w.scales and w.scales[self.lower(j)] > scale:
                    scale *= w.scales[self.lower(j)]
                    j += 1
                return value * scale, j, False
            if self.lower(j) in w.abbrev and len(self.lower(j)) > 1:
                return value * w.abbrev[self.lower(j)], j + 1, False
            return value, j, False
        # "one and a half million", "half a million", "a quarter of a million"
        frac = self.fraction(i)
        if frac:
            value, j = frac
            if self.lower(j) == "a" and self.lower(j + 1) in w.scales:
                return value * w.scales[self.lower(j + 1)], j + 2, False
            if self.lower(j) == "of" and self.lower(j + 1) == "a" and self.lower(j + 2) in w.scales:
                return value * w.scales[self.lower(j + 2)], j + 3, False
            return value, j, True
        words = self.word_number(i)
        if words:
            value, j = words
            if self.lower(j) == "and" and self.lower(j + 1) == "a" and self.lower(j + 2) in w.fractions:
                extra = w.fractions[self.lower(j + 2)]
                k = j + 3
                if self.lower(k) in w.scales:
                    return (value + extra) * w.scales[self.lower(k)], k + 1, False
                return value + extra, k, False
            if self.lower(j) in w.counted and not self.lower(j).endswith("s"):
                return value * w.counted[self.lower(j)], j + 1, False
            return value, j, False
        if t.lower in w.counted and t.lower in ("dozen",) and self.lower(i - 1) in ("a",):
            return 12.0, i + 1, False
        return None

    # -- units -----------------------------------------------------------
    def unit_after(self, j: int) -> tuple[str, int] | None:
        w = self.w
        t = self.tok(j)
        if t is None:
            return None
        if t.text == "%":
            return "percent", j + 1
        for words in w.percent_words:
            end = self.phrase(j, words)
            if end:
                return "percent", end
        hit = self.longest(j, w.currency_words)
        if hit:
            return hit[1], hit[0]
        if self.lower(j) == "-" and t.glued and self.lower(j + 1) in w.time_units:
            return w.time_units[self.lower(j + 1)], j + 2  # "a ten-year pact"
        for words in w.age_after:
            end = self.phrase(j, words)
            if end:
                return "age", end
        if t.lower in w.time_units:
            return w.time_units[t.lower], j + 1
        hit = self.longest(j, w.measures)
        if hit:
            return hit[1], hit[0]
        return None

    # -- guards ----------------------------------------------------------
    def is_label_number(self, i: int) -> bool:
        """Numbers that name rather than count: "No. 00447", "page 347", "grade 12"."""
        j = i - 1
        if self.lower(j) == ".":
            j -= 1
        if self.lower(j) in self.w.labels:
            return True
        prev = self.tok(i - 1)
        # codes such as "PU-36" or "T-34"
        return bool(prev and prev.text == "-" and prev.glued and self.tok(i - 2) and self.tok(i - 2).text.isupper() and self.tok(i).glued)

    def skip_label_range(self, i: int) -> int:
        """Past a labelled number and its range: "pages 347 to 349", "pp. 12-15"."""
        j = i + 1
        if self.lower(j) in ("to", "-", "–", "and") and self.tok(j + 1) and self.tok(j + 1).kind == "num":
            j += 2
        return j

    def is_list_number(self, i: int) -> bool:
        """List numbering: "1." or "2)" opening a line."""
        t = self.toks[i]
        return t.kind == "num" and (t.newline or i == 0) and self.lower(i + 1) in (".", ")")

    def in_name(self, i: int) -> bool:
        """A capitalised number word inside a title or name ("World War Two")."""
        t = self.toks[i]
        if t.kind != "word" or not t.text[0].isupper() or sentence_initial(self.toks, i):
            if t.kind == "word" and t.text[0].isupper():
                prev = self.tok(i - 1)
                return bool(prev and prev.text in "“\"‘" and i > 1 and not sentence_initial(self.toks, i - 1))
            return False
        prev = self.tok(i - 1)
        return bool(prev and (prev.kind == "word" and prev.text[0].isupper() or prev.text in "“\"‘"))

    # -- the quantity ----------------------------------------------------
    def qualifier_at(self, i: int) -> tuple[int, str, str] | None:
        hit = self.longest(i, self.w.qualifiers)
        if not hit:
            return None
        end, (qualifier, rule) = hit
        if self.lower(end) == ".":  # "c. 1,000", "ca. 500"
            end += 1
        return end, qualifier, rule

    def parse_at(self, i: int) -> Quantity | None:
        w = self.w
        start_i = i
        qualifier, rule = "exact", "exact"
        between = False
        q = self.qualifier_at(i)
        if q:
            i, qualifier, rule = q
        elif self.lower(i) in ("between", "from") and self.core_number(i + 1):
            between = self.lower(i)
            i += 1
        elif self.lower(i) == "~":
            i, qualifier, rule = i + 1, "approximate", "band"
        all_of = self.lower(i) == "all" and self.tok(i + 1) is not None and self.tok(i + 1).kind in ("word", "num")
        if all_of:
            i += 1
        currency = None
        t = self.tok(i)
        if t and t.text in w.currency_symbols:
            currency = w.currency_symbols[t.text]
            i += 1
        elif t and t.lower == "us" and self.lower(i + 1) == "$":
            currency, i = "USD", i + 2
        t = self.tok(i)
        if t is None:
            return None
        # vague amounts: "hundreds", "tens of thousands", "many millions"
        hit = None if currency else self.longest(i, w.vague)
        if hit:
            end, (low, high) = hit
            return self.make(start_i, end, None, low, high, "vague", "count")
        if _is_year(t) and not currency:
            nxt_unit = self.unit_after(i + 1)
            if not nxt_unit and self.lower(i + 1) not in w.scales:
                return None
        if self.is_label_number(i) or self.in_name(i) or self.is_list_number(i):
            return None
        core = self.core_number(i)
        if core is None:
            return None
        value, j, is_fraction = core
        if t.kind == "word" and t.lower == "one" and j == i + 1 and not (
            self.lower(j) in ("in", "out", "of") and self.core_number(j + 1 if self.lower(j) != "out" else j + 2)
        ) and not self.unit_after(j) and not between and not q:
            return None  # a bare "one" is a pronoun far more often than a count
        unit = currency or "count"
        u = self.unit_after(j)
        if u and not currency:
            unit, j = u
        elif u and currency and u[0] == currency:
            j = u[1]
        if unit == "count" and self.lower(i - 1) in w.age_before:
            unit = "age"
        if is_fraction and unit == "count":
            value, unit = value * 100, "percent"
        part = whole = share = None
        hedge = None
        # ratios: "three out of five", "13 of 15", "one in five"
        k = None
        if self.lower(j) == "out" and self.lower(j + 1) == "of":
            k = j + 2
        elif self.lower(j) in ("of", "in") and not is_fraction and unit == "count":
            k = j + 1
        if k is not None:
            other = self.core_number(k) if self.tok(k) and not _is_year(self.tok(k)) else None
            if other and other[0] >= value and not other[2]:
                part, whole, j = value, other[0], other[1]
                share = 100 * part / whole if whole else None
        if all_of and part is None:
            part = whole = value
            share = 100.0
        if unit == "percent":
            share = value
        low, high = bounds(value, rule, self.tol)
        # ranges: "between X and Y", "X to Y", "X-Y", "X or Y"
        conn = self.lower(j)
        joiners = {"and"} if between == "between" else ({"to"} if between == "from" else {"to", "-", "–", "—", "or"})
        if conn in joiners and part is None:
            nxt = self.tok(j + 1)
            k = j + 1
            if self.tok(k) and self.tok(k).text in w.currency_symbols:
                k += 1
            other = self.core_number(k) if nxt and not (conn in "-–—" and nxt.space and self.tok(j).space) else None
            if other and not (_is_year(self.tok(k)) and not between and _is_year(t)):
                hi, j2, other_fraction = other
                lo = value
                u2 = self.unit_after(j2)
                if u2:
                    if unit == "count":
                        unit = u2[0]
                    j2 = u2[1]
                # "between seven and twenty million", "5 to 7 million": the second's scale applies to the first
                scale = w.scales.get(self.lower(j2 - 1), 1)
                if scale > 1 and self.lower(j - 1) not in w.scales and lo * scale <= hi:
                    lo *= scale
                if other_fraction and unit == "count":
                    lo, hi, unit = lo * 100, hi * 100, "percent"
                if hi >= lo or conn == "or":
                    return self.make(start_i, j2, None, min(lo, hi), max(lo, hi), "range", unit)
        if between:
            return None  # "between X" with no second figure is not a range we can read
        # "exceeded seven million and may have reached twenty million"
        if qualifier == "more_than" and self.lower(j) == "and":
            k = j + 1
            modal = None
            if self.lower(k) in ("may", "might", "could", "possibly", "perhaps", "probably"):
                modal = self.lower(k)
                k += 1
                if self.lower(k) == "have":
                    k += 1
            if self.lower(k) in ("reached", "reach", "exceeded", "exceed", "been", "be", "topped", "hit"):
                other = self.core_number(k + 1)
                if other and other[0] > value:
                    hedge = f"{modal} have" if modal and self.lower(k - 1) == "have" else modal
                    return self.make(start_i, other[1], None, value, other[0], "range", unit, hedge=hedge)
        return self.make(start_i, j, value, low, high, qualifier, unit, part=part, whole=whole, share=share)

    def make(self, i, j, value, low, high, qualifier, unit, part=None, whole=None, share=None, hedge=None):
        start, end = self.toks[i].start, self.toks[j - 1].end
        return Quantity(
            start=start, end=end, text=self.text[start:end], value=value, low=low, high=high,
            qualifier=qualifier, unit=unit, part=part,
            whole=whole, share=share, hedge=hedge, tokens=(i, j),
        )

    def parse(self) -> list[Quantity]:
        found, i = [], 0
        n = len(self.toks)
        while i < n:
            tok = self.toks[i]
            if self.skipped(tok):
                i += 1
                continue
            q = self.parse_at(i) if tok.kind in ("num", "word") or tok.text in self.w.currency_symbols or tok.text == "~" else None
            if q is not None:
                found.append(q)
                i = q.tokens[1]
            elif self.is_label_number(i):
                i = self.skip_label_range(i)
            else:
                i += 1
        return found


def find_quantities(text: str, *, tolerance: float = DEFAULT_TOLERANCE, skip: list[tuple[int, int]] = ()) -> list[Quantity]:
    """Every quantity expression in ``text``, left to right, not overlapping.

    ``skip`` lists character ranges already read as something else (dates).

    Example:
        >>> [q.value for q in find_quantities("about 1,250,000 kulak households")]
        [1250000.0]
    """
    return _Parser(text, tolerance, list(skip)).parse()


__all__ = ["Quantity", "find_quantities", "bounds", "DEFAULT_TOLERANCE"]
