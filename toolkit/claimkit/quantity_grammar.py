"""Read quantities the way historians write them, as plain data (no spaCy needed).

Grammar, left to right over :mod:`claimkit._lexer` tokens::

    quantity := [qualifier] core [post_qualifier] [range_tail | bound_tail]
              | ("between" | "from") core connector core | vague
    core     := [currency] [sign] numeral [unit] [ratio_tail]
    numeral  := digits [scale] | number words | fraction ("half", "two-thirds",
                "3/4", "⅔", "one and a half million", "a quarter of a million")

Numbers: digits with separators ("1,250,000", "40 000", "1.3e6"), number words
of any size ("one hundred and ten", "twenty-one trillion"), digits with scale
words or abbreviations ("2 million", "10m", "2bn", "13 lakh"), decimals in
words ("five point five"), negatives ("-40", "minus forty"), dozens, and
fractions with any ordinal denominator ("three fifths", "a hundredth").

Bounds (``low``/``high``) follow from the qualifier's rule in ``data/numbers.json``:
``exact`` -> [v, v]; ``band`` -> v ± tolerance; ``below_band`` (nearly, almost) ->
[v - tolerance, v]; ``above`` (at least, more than, "or more") -> [v, null];
``below`` (up to, as much as, fewer than, "or less") -> [null, v]; a range
(including "more than 10 and less than 40") -> [low, high]; a vague amount ->
its listed interval. Shares ("half", "a third", "3/4") are read as percentages
so that "half" and "50%" compare; ratios ("three out of five", and "Out of
eighty members ... only five" across a clause) keep ``part`` and ``whole``.

Not quantities: years (the date grammar reads them; a year-shaped number that
counts, as in "about 1500 soldiers", is read here), ordinals, numbers after a
label word ("Order No. 00447", "pages 347 to 349", "grade 12"), codes
("T-34", "L2"), numbers inside capitalised names ("World War Two"), times of
day ("2 pm"), web addresses, list numbering, and a bare "one" (a pronoun far
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


def _phrases(table: dict) -> dict:
    return {tuple(k.replace("-", " - ").split()): v for k, v in table.items()}


class _Words:
    """The word lists of ``data/numbers.json``, indexed for the parser."""

    def __init__(self):
        d = _data.load("numbers")
        self.units = d["units"]
        self.tens = d["tens"]
        self.scales = d["scales"]
        self.abbrev = d["scale_abbreviations"]
        self.glued_only = set(d["glued_only_abbreviations"])
        self.counted = d["counted_words"]
        self.denominators = d["denominators"]
        self.compound_ordinals = d["compound_ordinals"]
        self.bare_fractions = set(d["bare_fractions"])
        self.qualifiers = _phrases(d["qualifiers"])
        self.post_qualifiers = _phrases(d["post_qualifiers"])
        self.or_equal = [tuple(p.split()) for p in d["or_equal"]]
        self.negative = set(d["negative_words"])
        self.point = set(d["decimal_point_words"])
        self.connectors = set(d["range_connectors"])
        self.openers = d["range_openers"]
        self.vague = _phrases(d["vague"])
        self.percent_words = list(_phrases({w: 1 for w in d["percent_words"]}))
        self.currency_symbols = d["currency_symbols"]
        self.currency_words = _phrases(d["currency_words"])
        self.time_units = d["time_units"]
        self.measures = _phrases(d["measure_units"])
        self.age_before = set(d["age_before"])
        self.age_after = list(_phrases({w: 1 for w in d["age_after"]}))
        self.labels = set(d["label_words"])
        self.small = set(self.units) | set(self.tens)
        self.unit_nouns = {key[0] for key in self.measures if len(key) == 1 and len(key[0]) > 2} | {
            key[0] for key in self.currency_words if len(key) == 1}
        self.unit_words = {w for key in self.measures for w in key[:1]} | set(self.time_units) | {
            w for key in self.currency_words for w in key[:1]}


_WORDS: _Words | None = None


def _words() -> _Words:
    global _WORDS
    if _WORDS is None:
        _WORDS = _Words()
    return _WORDS


def bounds(value: float, rule: str, tolerance: float) -> tuple[float | None, float | None]:
    """``(low, high)`` that a qualifier rule allows for ``value``."""
    if rule == "band":
        lo, hi = value * (1 - tolerance), value * (1 + tolerance)
        return min(lo, hi), max(lo, hi)
    if rule == "below_band":
        return value * (1 - tolerance), value
    if rule == "above":
        return value, None
    if rule == "below":
        return None, value
    return value, value


_LOWER = {"less_than", "at_most"}
_UPPER = {"more_than", "at_least"}
_WIDER = {"more_than": "at_least", "less_than": "at_most"}
_SIGN_BEFORE = set("([$€£¥₽<>=^~:")


@dataclass
class _Num:
    """A numeral as read: its value, the token after it, and what kind of number it is."""

    value: float
    end: int
    fraction: bool = False  # a share of one ("half", "3/4"): read as a percent when nothing is counted
    scale: float = 1  # the last scale word ("million" in "two million"), for "and a half"


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

    def kind(self, i: int) -> str:
        t = self.tok(i)
        return t.kind if t else ""

    def phrase(self, i: int, words: tuple[str, ...]) -> int | None:
        """End index when ``words`` stand at ``i`` (no line break inside)."""
        for k, w in enumerate(words):
            t = self.tok(i + k)
            if t is None or t.lower != w or (k and t.newline):
                return None
        return i + len(words)

    def longest(self, i: int, table) -> tuple[int, object] | None:
        best = None
        first = self.lower(i)
        for key in table:
            if key[0] != first:
                continue
            end = self.phrase(i, key)
            if end is not None and (best is None or end > best[0]):
                best = (end, table[key] if isinstance(table, dict) else key)
        return best

    def skipped(self, tok: Tok) -> bool:
        return any(s <= tok.start < e for s, e in self.skip)

    def is_number_start(self, i: int) -> bool:
        t = self.tok(i)
        if t is None:
            return False
        if t.kind == "num":
            return True
        return t.lower in self.w.small or t.lower in ("a", "an", "half", "minus", "negative") and self.numeral(i) is not None

    # -- numerals ----------------------------------------------------------
    def sign_at(self, i: int) -> int | None:
        """Index after a minus sign that belongs to the number at ``i`` (None when there is none)."""
        t = self.tok(i)
        if t is None:
            return None
        if t.lower in self.w.negative and self.kind(i + 1) in ("num", "word"):
            return i + 1
        if t.text in "-−" and self.kind(i + 1) == "num":
            prev = self.tok(i - 1)
            if self.tok(i + 1).glued and (prev is None or t.space or prev.text in _SIGN_BEFORE):
                return i + 1
            if prev is None or t.newline:  # "- 10 k" opening a line
                return i + 1
        return None

    def numeral(self, i: int) -> _Num | None:
        """A signed number at ``i``."""
        k = self.sign_at(i)
        if k is not None:
            n = self.unsigned(k)
            if n is not None:
                n.value = -n.value
            return n
        return self.unsigned(i)

    def unsigned(self, i: int) -> _Num | None:
        t = self.tok(i)
        if t is None or t.kind not in ("num", "word") or self.skipped(t):
            return None
        if t.kind == "num":
            n = self.digits(i)
        else:
            n = self.fraction_words(i) or self.words(i)
        if n is None:
            return None
        if t.kind == "word" and self.lower(n.end) in ("-", "–") and self.lower(n.end + 1) in self.w.compound_ordinals:
            return None  # "the twenty-first": an ordinal
        return self.after_numeral(n)

    def counted(self, j: int) -> float:
        """The multiplier of a counting word at ``j`` ("dozen", "dozens", "dzs"), else 0."""
        lw = self.lower(j)
        table = self.w.counted
        return table.get(lw) or (table.get(lw[:-1], 0) if lw.endswith("s") else 0)

    def slash(self, i: int) -> tuple[float, int] | None:
        """"3/4" (not a date such as 5/17/2018)."""
        a, s, b = self.tok(i), self.tok(i + 1), self.tok(i + 2)
        if not (a and s and b and a.kind == "num" and s.text == "/" and s.glued and b.kind == "num" and b.glued):
            return None
        after = self.tok(i + 3)
        if after is not None and after.glued and after.text in "/-.":
            return None
        if not b.value or "." in a.text + b.text:
            return None
        return a.value / b.value, i + 3

    def digits(self, i: int) -> _Num | None:
        w = self.w
        t = self.tok(i)
        vulgar = not t.text.isascii()
        frac = self.slash(i)
        if frac:
            return _Num(frac[0], frac[1], fraction=True)
        value, j = t.value, i + 1
        nxt = self.tok(j)
        if vulgar:
            return _Num(value, j, fraction=True)
        # mixed fractions: "2 1/2", "2½"
        if nxt is not None and nxt.kind == "num" and "." not in t.text:
            mixed = self.slash(j)
            if mixed and mixed[0] < 1:
                return _Num(value + mixed[0], mixed[1])
            if not nxt.text.isascii():
                return _Num(value + nxt.value, j + 1)
        # exponents: "1.3x10^6", "2.48×10−5", "1.1^23", "8x2^10"
        power = self.power(i, value)
        if power:
            return power
        if nxt is not None and nxt.glued and nxt.kind == "word":
            if nxt.text in w.abbrev:
                return _Num(value * w.abbrev[nxt.text], j + 1, scale=w.abbrev[nxt.text])
            if nxt.lower in w.scales:
                return self.words(j, current=value)
            if self.counted(j):
                return _Num(value * self.counted(j), j + 1)
            if nxt.lower not in w.unit_words and nxt.lower not in ("k",):
                return None  # glued to a word: an ordinal ("17th"), a decade ("1930s") or a code ("06F6")
        if self.lower(j) in w.scales:
            return self.words(j, current=value)
        if nxt is not None and nxt.text in w.abbrev and nxt.text not in w.glued_only and (
                len(nxt.text) > 1 and nxt.text.islower() or self.kind(j + 1) != "word"):
            return _Num(value * w.abbrev[nxt.text], j + 1, scale=w.abbrev[nxt.text])
        return _Num(value, j)

    def power(self, i: int, value: float) -> _Num | None:
        j = i + 1
        base_i = None
        if self.lower(j) in ("x", "×") and self.tok(j).glued and self.kind(j + 1) == "num" and self.tok(j + 1).glued:
            base_i = j + 1
        if base_i is not None:
            k = base_i + 1
            base = self.tok(base_i).value
        else:
            k, base = j, None
        if self.lower(k) == "^" and self.tok(k).glued:
            k += 1
            sign = 1
            while self.lower(k) in ("-", "+", "−"):
                sign = -sign if self.lower(k) != "+" else sign
                k += 1
            if self.kind(k) != "num":
                return None
            exp = sign * self.tok(k).value
            try:
                return _Num(value * base ** exp if base is not None else value ** exp, k + 1)
            except OverflowError:
                return None
        if base is not None and self.lower(k) in ("−", "-") and self.tok(k).glued and self.kind(k + 1) == "num":
            return _Num(value * base ** -self.tok(k + 1).value, k + 2)  # "2.48×10−5"
        return None

    def words(self, i: int, current: float | None = None) -> _Num | None:
        """Cardinal words from ``i`` ("fifty-seven", "one hundred and ten", "a million"),
        or, when ``current`` is given, the scale words after digits ("4 thousand 3 hundred and 21")."""
        w = self.w
        total = 0.0
        j = i
        seen = current is not None
        cur = current or 0.0
        last = "digit" if seen else None
        scale = 1.0
        while True:
            t = self.tok(j)
            if t is None or (seen and t.newline) or self.skipped(t):
                break
            lw = t.lower
            if seen and lw.endswith("s") and lw[:-1] in w.scales:
                lw = lw[:-1]  # "five hundreds", "two millions of men"
            next_scale = w.scales.get(self.lower(j + 1), 0)
            if t.kind == "num" and last in ("scale", "hundred", "and") and t.text.isdigit() and 0 < int(t.text) < scale:
                if cur % 100 or (next_scale and cur >= next_scale):
                    break  # "3 hundred and 2 hundred" is two numbers
                cur, last = cur + t.value, "digit"
            elif lw in w.units or lw in w.tens:
                if last in ("digit",) or (cur % 100 and not (lw in w.units and cur % 10 == 0 and cur % 100 >= 20)):
                    break
                if next_scale and cur >= next_scale:
                    break
                if lw in w.tens and seen and last != "and" and self.compound_ordinal(j):
                    break  # "one hundred thirty-fifths": the tens belong to the denominator
                cur += w.units.get(lw, 0) + w.tens.get(lw, 0)
                last = "word"
            elif lw == "hundred" and (seen or self.lower(j + 1) in w.scales):
                if cur % 100 == 0 and cur >= 100 and last != "and":
                    break  # "two hundred hundred"
                cur = (cur or 1) * 100
                last = "hundred"
                scale = max(scale, 100) if not total else scale
            elif lw in w.scales and lw != "hundred" and (seen or self.lower(j + 1) in w.scales):
                s = w.scales[lw]
                if last == "scale" and not cur:
                    total *= s  # "three lakh crore", "a thousand million"
                else:
                    if total and s >= scale and scale > 1:
                        break  # "one million two million" reads as two numbers
                    total += (cur or 1) * s
                    cur = 0
                scale = s
                last = "scale"
            elif lw in ("a", "an") and not seen and (self.lower(j + 1) in w.scales):
                cur, last = 1, "word"
            else:
                break
            seen = True
            j += 1
            # hyphen inside "fifty-seven" or "fifty - seven"
            if self.lower(j) in ("-", "–") and self.lower(j + 1) in w.units and self.lower(j - 1) in w.tens:
                j += 1
            elif self.lower(j) in ("and", "&") and (total or cur >= 100) and self.and_continues(j + 1):
                j += 1
                last = "and"
            elif self.lower(j) == "," and last == "scale" and scale >= 1000 and self.lower(j + 1) in w.small \
                    and (self.lower(j + 2) in ("hundred", "&", "and") or self.lower(j + 2) in w.scales and w.scales[self.lower(j + 2)] < scale):
                j += 1  # "three million, two hundred & forty"
                last = "and"
        if last == "and":
            j -= 1  # "three hundred and" closes before the "and"
        if not seen or j == i:
            return None
        return _Num(total + cur, j, scale=scale)

    def and_continues(self, k: int) -> bool:
        """Whether "and" at ``k - 1`` joins the next words to the same number (not "and three quarters")."""
        w = self.w
        t = self.tok(k)
        if t is None:
            return False
        if t.kind == "num":
            return t.text.isdigit() and not self.slash(k) and self.lower(k + 1) not in w.denominators
        if t.lower not in w.small:
            return False
        part = self.fraction_words(k)
        return part is None or part.value >= 1  # "one hundred and three quarters" is 100.75

    def compound_ordinal(self, j: int) -> tuple[int, int] | None:
        """"twenty-first", "twenty fifths": a denominator made of tens and an ordinal."""
        w = self.w
        if self.lower(j) not in w.tens:
            return None
        k = j + 1
        if self.lower(k) in ("-", "–"):
            k += 1
        ordinal = self.lower(k)
        if ordinal in w.compound_ordinals:
            return w.tens[self.lower(j)] + w.compound_ordinals[ordinal], k + 1
        return None

    def denominator(self, j: int, numerator: float) -> tuple[float, int] | None:
        """The ordinal under a numerator: "fifths", "a hundredth", "twenty-firsts"."""
        w = self.w
        comp = self.compound_ordinal(j)
        if comp:
            return comp
        lw = self.lower(j)
        if self.lower(j) == "-" and self.lower(j + 1) in w.denominators and self.kind(j - 1) == "word":
            j, lw = j + 1, self.lower(j + 1)  # "two-thirds", "five - eighths"
        if lw not in w.denominators:
            return None
        if numerator != 1 and not lw.endswith("s") and lw != "half":
            return None  # "two third" is not English; "one fifth", "a fifth" are
        return w.denominators[lw], j + 1

    def cardinal_ordinal(self, j: int) -> tuple[float, int] | None:
        """A denominator written as a cardinal and an ordinal: "one hundred (and) fifth" (105)."""
        if self.kind(j) != "word" or self.lower(j) not in self.w.small:
            return None
        c = self.words(j)
        if c is None or c.scale < 100:
            return None
        k = c.end + (self.lower(c.end) == "and")
        ordinal = self.lower(k)
        if ordinal not in self.w.compound_ordinals:
            return None
        return c.value + self.w.compound_ordinals[ordinal], k + 1

    def fraction_words(self, i: int) -> _Num | None:
        """Fractions in words: "half", "a third", "two-thirds", "three twenty-firsts", "a hundredth"."""
        w = self.w
        lw = self.lower(i)
        if lw in w.bare_fractions and lw in w.denominators:
            if lw == "half" or self.lower(i + 1) in w.scales:
                return _Num(1 / w.denominators[lw], i + 1, fraction=True)
        if lw in ("a", "an"):
            if self.lower(i + 1) in ("second", "first"):
                return None  # "a second" is a moment
            if self.lower(i + 1) in w.counted:
                return _Num(w.counted[self.lower(i + 1)], i + 2)  # "a dozen", "a score", "a gross"
            if self.lower(i + 1) in w.unit_nouns and self.lower(i + 2) not in ("-",):
                return _Num(1, i + 1)  # "a gallon", "a penny": one of the unit
            den = self.denominator(i + 1, 1)
            return _Num(1 / den[0], den[1], fraction=True) if den else None
        num = self.words(i)
        if num is None:
            return None
        den = self.denominator(num.end, num.value)
        if den is None:
            return None
        if self.lower(num.end) in ("second", "seconds"):
            return None  # "two seconds" is a duration
        return _Num(num.value / den[0], den[1], fraction=True)

    def after_numeral(self, n: _Num) -> _Num:
        """What may follow a numeral and change its value: decimals in words, fractions, scales, dozens."""
        w = self.w
        j = n.end
        # "five point five", "nought point nought three"
        if self.lower(j) in w.point and n.value == int(n.value) and not n.fraction:
            digits, k = "", j + 1
            while self.lower(k) in w.small:
                v = w.units.get(self.lower(k), 0) + w.tens.get(self.lower(k), 0)
                k += 1
                if self.lower(k) in ("-",) and self.lower(k + 1) in w.units and v >= 20:
                    v += w.units[self.lower(k + 1)]
                    k += 2
                digits += str(int(v))
            if digits:
                n = _Num(n.value + float("0." + digits), k)
                j = k
        # a numerator: "twenty-three fifths", "two hundred fifths", "one one hundred (and) fifth"
        if not n.fraction and self.lower(j) not in ("second", "seconds"):
            den = self.denominator(j, n.value) or self.cardinal_ordinal(j)
            if den:
                n = _Num(n.value / den[0], den[1], fraction=True)
                j = n.end
        # "half a million", "a quarter of a million", "half million", "two thirds of a million", "half a dozen"
        if n.fraction:
            k = j
            if self.lower(k) in ("a", "an"):
                k += 1
            elif self.lower(k) == "of" and self.lower(k + 1) in ("a", "an"):
                k += 2
            if self.lower(k) in w.scales and (k > j or self.lower(k) != "hundred"):
                return _Num(n.value * w.scales[self.lower(k)], k + 1, scale=w.scales[self.lower(k)])
            if self.counted(k) and k > j:
                return _Num(n.value * self.counted(k), k + 1)  # "half a dozen"
            return n
        # "three dozens", "3 dzs"
        if self.counted(j) and self.lower(j) not in ("score", "gross"):
            n = _Num(n.value * self.counted(j), j + 1)
            j = n.end
        # "one and a half million", "one million and a half", "twenty and three fifths"
        if self.lower(j) == "and":
            part = self.fraction_words(j + 1)
            if part is None and self.lower(j + 1) in ("one", "a", "an"):
                part = None
            if part is not None and self.lower(j + 1) not in ("half",):
                k = part.end
                if self.lower(k) in w.scales and self.lower(k) != "hundred":
                    s = w.scales[self.lower(k)]
                    value = (n.value + part.value) * s if n.scale < 1000 else n.value + part.value * s
                    return _Num(value, k + 1, scale=s)
                value = n.value + part.value * (n.scale if n.scale >= 1000 else 1)
                return _Num(value, k, scale=n.scale)
        return n

    # -- units -----------------------------------------------------------
    def unit_after(self, j: int) -> tuple[str, int] | None:
        w = self.w
        t = self.tok(j)
        if t is None:
            return None
        if t.text == "%":
            return "percent", j + 1
        hit = self.longest(j, w.percent_words)
        if hit:
            return "percent", hit[0]
        hit = self.longest(j, w.currency_words)
        if hit:
            return hit[1], hit[0]
        if t.text in w.currency_symbols and t.glued:  # "-15€"
            return w.currency_symbols[t.text], j + 1
        hit = self.longest(j, w.age_after) or (self.lower(j) == "-" and t.glued and self.longest(j + 1, w.age_after))
        if hit:
            return "age", hit[0]  # "aged 12", "71 years old", "a 15-year-old"
        if self.lower(j) == "-" and t.glued and self.lower(j + 1) in w.time_units:
            return w.time_units[self.lower(j + 1)], j + 2  # "a ten-year pact"
        if self.lower(j) == "-" and t.glued:  # "a 27-kilometer ring"
            hit = self.longest(j + 1, w.measures)
            if hit:
                return hit[1], hit[0]
        if t.lower in w.time_units and not (t.lower in ("min", "sec") and self.lower(j + 1) == "."):
            return w.time_units[t.lower], j + 1
        hit = self.longest(j, w.measures)
        if hit and not (len(t.text) == 1 and t.text.islower() and t.space and self.kind(hit[0]) == "word" and hit[0] == j + 1):
            return hit[1], hit[0]
        return None

    def rate(self, unit: str, j: int) -> tuple[str, int]:
        """"$350 per kg", "40 roubles a month", "12 km/h": the unit per another unit."""
        if unit in ("count", "percent", "age"):
            return unit, j
        k = j + 1 if self.lower(j) in ("per", "/", "a", "an", "each") else None
        if k is None:
            return unit, j
        t = self.tok(k)
        if t is None or (self.lower(j) == "/" and not t.glued):
            return unit, j
        if t.lower in self.w.time_units:
            return f"{unit}/{self.w.time_units[t.lower]}", k + 1
        hit = self.longest(k, self.w.measures) if self.lower(j) != "a" else None
        if hit:
            return f"{unit}/{hit[1]}", hit[0]
        if t.lower in ("head", "capita", "person", "man", "worker", "day") and self.lower(j) in ("per", "a"):
            return f"{unit}/{t.lower}", k + 1
        return unit, j

    # -- guards ----------------------------------------------------------
    def is_label_number(self, i: int) -> bool:
        """Numbers that name rather than count: "No. 00447", "page 347", "grade 12", "T-34", "L2"."""
        j = i - 1
        if self.lower(j) == ".":
            j -= 1
        if self.lower(j) in self.w.labels and self.kind(j) == "word":
            return True
        t, prev = self.tok(i), self.tok(i - 1)
        if prev is None or t is None or t.kind != "num":
            return False
        if prev.kind == "word" and t.glued:
            return True  # "L2", "J1149", "million5" (a footnote marker)
        before = self.tok(i - 2)
        if prev.kind == "punct" and prev.glued and t.glued and before is not None:
            if prev.text in "-−^+" and before.kind == "word" and before.lower not in self.w.small:
                return True  # "T-34", "s-1", "m^2", "fb−1"
            if prev.text in "+/" and before.kind == "num":
                return True  # "J1149.5+6663", the "0" of "1/0"
        return False

    def skip_label_range(self, i: int) -> int:
        """Past a labelled number and its range: "pages 347 to 349", "pp. 12-15"."""
        j = i + 1
        if self.lower(j) in ("to", "-", "–", "and") and self.tok(j + 1) and self.tok(j + 1).kind == "num":
            j += 2
        return j

    def is_list_number(self, i: int) -> bool:
        """List numbering: "1." or "2)" opening a line, with text after it."""
        t = self.toks[i]
        after = self.tok(i + 2)
        return (t.kind == "num" and (t.newline or i == 0) and self.lower(i + 1) in (".", ")")
                and after is not None and not after.newline and after.kind == "word")

    def in_name(self, i: int) -> bool:
        """A capitalised number word inside a title or name ("World War Two", "One Day in the Life")."""
        t = self.toks[i]
        if t.kind != "word" or not t.text[0].isupper():
            return False
        prev, nxt = self.tok(i - 1), self.tok(i + 1)
        if sentence_initial(self.toks, i):
            return bool(prev and prev.text in "“\"‘" and i > 1 and not sentence_initial(self.toks, i - 1))
        if prev and (prev.kind == "word" and prev.text[0].isupper() or prev.text in "“\"‘"):
            return True
        return bool(nxt and nxt.kind == "word" and nxt.text[0].isupper() and nxt.lower not in self.w.scales
                    and nxt.lower not in self.w.small)

    def is_time_of_day(self, i: int, j: int) -> bool:
        """"2 pm", "2.13 am", "ten o'clock" (a clock time has whole hours and two-digit minutes)."""
        if not (self.lower(j) in ("am", "pm", "o'clock", "o’clock") or (
                self.lower(j) in ("a", "p") and self.lower(j + 1) == "." and self.lower(j + 2) == "m")):
            return False
        t = self.tok(i)
        return t.kind != "num" or "." not in t.text or len(t.text.split(".")[1]) == 2

    # -- the quantity ----------------------------------------------------
    def qualifier_at(self, i: int) -> tuple[int, str, str] | None:
        hit = self.longest(i, self.w.qualifiers)
        if not hit:
            return None
        end, (qualifier, rule) = hit
        t = self.tok(i)
        if t.kind == "punct":
            prev = self.tok(i - 1)
            if prev is not None and prev.kind == "punct" and t.glued and prev.text in "<>=":
                return None  # "<>30", "=>30"
        if self.lower(end) == "." and self.lower(i) in ("c", "ca", "approx"):  # "c. 1,000", "ca. 500"
            end += 1
        return end, qualifier, rule

    def post_qualifier(self, j: int, qualifier: str, rule: str) -> tuple[int, str, str]:
        """"or more", "or less", and "or equal (to)" that widens a strict bound."""
        if qualifier in _WIDER:
            ends = [e for e in (self.phrase(j, words) for words in self.w.or_equal) if e is not None]
            if ends and not self.is_number_start(max(ends)):
                return max(ends), _WIDER[qualifier], rule  # "more than 5000 or equal to" (but not "... to 6000")
        if qualifier == "exact" or qualifier == "approximate":
            hit = self.longest(j, self.w.post_qualifiers)
            if hit and not self.is_number_start(hit[0]):
                end, (q, r) = hit
                return end, q, r
        return j, qualifier, rule

    def year_shaped(self, i: int) -> bool:
        t = self.toks[i]
        return t.kind == "num" and len(t.text) == 4 and t.text.isdigit() and 1000 <= int(t.text) <= 2100

    def parse_at(self, i: int) -> Quantity | None:
        w = self.w
        start_i = i
        qualifier, rule = "exact", "exact"
        opener = None
        q = self.qualifier_at(i)
        if q:
            i, qualifier, rule = q
        elif self.lower(i) in w.openers:
            k = i + 1
            inner = self.qualifier_at(k)
            if inner and inner[1] == "approximate":
                k, qualifier, rule = inner  # "from about $350 to $680"
            if self.numeral(k + (self.lower(k) in w.currency_symbols)) is None:
                return None
            opener, i = self.lower(i), k
        elif self.lower(i) == "~" and self.kind(i + 1) == "num":
            i, qualifier, rule = i + 1, "approximate", "band"
        all_of = self.lower(i) == "all" and self.kind(i + 1) in ("word", "num") and self.lower(i + 1) not in ("a", "an", "half")
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
        # "per cent of twenty-two": the percent sign written first
        if not currency and not q and t.kind == "word":
            pct = self.longest(i, w.percent_words)
            if pct and self.lower(pct[0]) == "of" and (i == 0 or self.kind(i - 1) != "num"):
                n = self.numeral(pct[0] + 1)
                if n is not None and not self.unit_after(n.end):
                    return self.make(start_i, n.end, n.value, n.value, n.value, "exact", "percent", share=n.value)
        first = self.sign_at(i) if self.sign_at(i) is not None else i
        if self.kind(first) == "num" and self.year_shaped(first) and not currency and not q:
            from .date_grammar import counted_year

            if not self.unit_after(first + 1) and self.lower(first + 1) not in w.scales and not counted_year(self.toks, first):
                return None
        if self.is_label_number(first) or self.in_name(first) or self.is_list_number(first):
            return None
        n = self.numeral(i)
        if n is None:
            return None
        value, j, is_fraction = n.value, n.end, n.fraction
        if self.is_time_of_day(i, j):
            return None
        # "one over three": a quotient, when nothing is counted after it ("$2000 over 3 years" is not one)
        if self.lower(j) == "over" and not q and not currency and not is_fraction:
            d = self.numeral(j + 1)
            if d is not None and d.value and self.kind(d.end) != "word" and self.kind(d.end) != "num":
                value, j, is_fraction = value / d.value, d.end, True
        if t.kind == "word" and t.lower == "one" and j == i + 1 and not (
            self.lower(j) in ("in", "out", "of") and self.numeral(j + 1 if self.lower(j) != "out" else j + 2)
        ) and not self.unit_after(j) and not opener and not q:
            return None  # a bare "one" is a pronoun far more often than a count
        unit = currency or "count"
        u = self.unit_after(j)
        if u and not currency:
            unit, j = u
        elif u and currency and u[0] == currency:
            j = u[1]
        unit, j = self.rate(unit, j)
        if unit == "count" and self.lower(start_i - 1) in w.age_before:
            unit = "age"
        if is_fraction and unit == "count" and abs(value) <= 1:
            value, unit = value * 100, "percent"  # a share of one: "half" compares with "50%"
        j, qualifier, rule = self.post_qualifier(j, qualifier, rule)
        part = whole = share = None
        # ratios: "three out of five", "13 of 15", "one in five"
        k = None
        if self.lower(j) == "out" and self.lower(j + 1) == "of":
            k = j + 2
        elif self.lower(j) in ("of", "in") and not is_fraction and unit == "count":
            k = j + 1
        if k is not None and qualifier in ("exact", "approximate"):
            other = self.numeral(k) if self.tok(k) and not self.year_shaped(k) else None
            if other and other.value >= value and not other.fraction and value >= 0:
                part, whole, j = value, other.value, other.end
                share = 100 * part / whole if whole else None
        if all_of and part is None:
            part = whole = value
            share = 100.0
        if unit == "percent":
            share = value
        low, high = bounds(value, rule, self.tol)
        # ranges: "between X and Y", "X to Y", "X-Y", "X or Y", "X through Y"
        if self.lower(j) == "-" and self.tok(j).glued and self.lower(j + 1) in w.connectors and unit == "count":
            j += 1  # "8- to 16-meter": the unit is written once, after the second figure
        spread = self.plus_minus(j)
        if spread is not None:
            width, j = spread
            return self.make(start_i, j, value, value - width, value + width, "range", unit)
        rng = self.range_tail(start_i, i, j, value, unit, opener, is_fraction, n.scale)
        if rng is not None:
            return rng
        if opener:
            return None  # "between X" with no second figure: the figure is read on its own from the next token
        # "more than 10 and less than 40", "at most 100 and at least 20"
        if qualifier in _LOWER | _UPPER and part is None:
            joined = self.bound_tail(start_i, j, value, qualifier, unit)
            if joined is not None:
                return joined
        # "exceeded seven million and may have reached twenty million"
        if qualifier == "more_than" and self.lower(j) == "and":
            reached = self.reached_tail(start_i, j, value, unit)
            if reached is not None:
                return reached
        return self.make(start_i, j, value, low, high, qualifier, unit, part=part, whole=whole, share=share)

    def range_tail(self, start_i, i, j, value, unit, opener, is_fraction, first_scale) -> Quantity | None:
        w = self.w
        conn = self.lower(j)
        joiners = set(w.openers[opener]) if opener else w.connectors
        if conn not in joiners:
            return None
        c = self.tok(j)
        k = j + 1
        if self.tok(k) and self.tok(k).text in w.currency_symbols:
            k += 1
        nxt = self.tok(k)
        if nxt is None:
            return None
        if conn == "~" and not (c.glued and nxt.glued):
            return None
        if conn in ("-", "–", "—") and c.glued != nxt.glued and not (self.lower(j - 1) == "-"):
            return None  # "1000 -5000": a sign, not a dash
        if conn in ("-", "–", "—") and (self.sign_at(j) is not None and not c.glued or self.lower(j - 1) in w.small):
            return None  # a sign, or a hyphen between words ("three-nought-four")
        first = self.toks[i] if self.sign_at(i) is None else self.toks[self.sign_at(i)]
        if self.kind(k) == "num" and self.year_shaped(k) and not opener and first.kind == "num" and len(first.text) == 4:
            return None  # "1937-1938" belongs to the date grammar
        other = self.numeral(k)
        if other is None:
            return None
        hi, j2 = other.value, other.end
        lo = value
        u2 = self.unit_after(j2)
        if u2:
            u2 = self.rate(*u2)
        elif self.tok(k - 1).text in w.currency_symbols:
            u2 = self.rate(w.currency_symbols[self.tok(k - 1).text], j2)
        if u2:
            if unit == "count" or u2[0].startswith(unit + "/"):
                unit = u2[0]  # "£200 to £300 a head": the rate covers both ends
            elif u2[0] != unit and not (unit == "percent" and is_fraction):
                return None
            j2 = u2[1]
        # "between seven and twenty million", "5 to 7 million": the second's scale applies to the first
        if other.scale > 1 and first_scale == 1 and lo * other.scale <= hi:
            lo *= other.scale
        if other.fraction and unit == "count":
            lo, hi, unit = lo * 100, hi * 100, "percent"
        elif other.fraction and unit == "percent" and not is_fraction:
            hi *= 100
        if conn == "or" and not lo < hi <= 10 * abs(lo):
            return None  # "two or three" is a range; "5.00 or 5,00", "10 bln or 10 tln" are alternatives
        if hi >= lo or opener == "from":  # "from -18 °C to -34 °C" spans the same interval
            return self.make(start_i, j2, None, min(lo, hi), max(lo, hi), "range", unit)
        return None

    def plus_minus(self, j: int) -> tuple[float, int] | None:
        """"± 50" or "+/- 1e-5" after a figure: its half-width and the index after it."""
        k = None
        if self.lower(j) == "±":
            k = j + 1
        elif [self.lower(j + n) for n in range(3)] == ["+", "/", "-"]:
            k = j + 3
        if k is None:
            return None
        width = self.numeral(k)
        if width is None or width.value < 0:
            return None
        end = width.end
        u = self.unit_after(end)
        return width.value, (u[1] if u else end)

    def bound_tail(self, start_i, j, value, qualifier, unit) -> Quantity | None:
        k = j
        if self.lower(k) == ",":
            k += 1
        if self.lower(k) not in ("and", "but", ","):
            if k == j:
                return None
        else:
            k += 1
        q = self.qualifier_at(k)
        if q is None:
            return None
        end, q2, rule2 = q
        if (qualifier in _UPPER) == (q2 in _UPPER) or q2 not in _LOWER | _UPPER:
            return None
        other = self.numeral(end)
        if other is None:
            return None
        e = other.end
        v2 = other.value * (100 if other.fraction and unit == "percent" else 1)
        u2 = self.unit_after(e)
        if u2 and (u2[0] == unit or unit == "count"):
            e = u2[1]
            unit = u2[0]
        e, q2, _ = self.post_qualifier(e, q2, rule2)
        lo, hi = (value, v2) if qualifier in _UPPER else (v2, value)
        if lo >= hi:
            return None
        return self.make(start_i, e, None, lo, hi, "range", unit)

    def reached_tail(self, start_i, j, value, unit) -> Quantity | None:
        k = j + 1
        modal = None
        if self.lower(k) in ("may", "might", "could", "possibly", "perhaps", "probably"):
            modal = self.lower(k)
            k += 1
            if self.lower(k) == "have":
                k += 1
        if self.lower(k) in ("reached", "reach", "exceeded", "exceed", "been", "be", "topped", "hit"):
            other = self.numeral(k + 1)
            if other and other.value > value:
                hedge = f"{modal} have" if modal and self.lower(k - 1) == "have" else modal
                return self.make(start_i, other.end, None, value, other.value, "range", unit, hedge=hedge)
        return None

    def make(self, i, j, value, low, high, qualifier, unit, part=None, whole=None, share=None, hedge=None):
        start, end = self.toks[i].start, self.toks[j - 1].end
        return Quantity(
            start=start, end=end, text=self.text[start:end], value=value, low=low, high=high,
            qualifier=qualifier, unit=unit, part=part,
            whole=whole, share=share, hedge=hedge, tokens=(i, j),
        )

    # -- the text ----------------------------------------------------------
    def starts_quantity(self, tok: Tok) -> bool:
        return tok.kind in ("num", "word") or tok.text in self.w.currency_symbols or tok.text in "~-−<>≥≤"

    def parse(self) -> list[Quantity]:
        found, i = [], 0
        n = len(self.toks)
        while i < n:
            tok = self.toks[i]
            if self.skipped(tok) or tok.kind == "skip":
                i += 1
                continue
            q = self.parse_at(i) if self.starts_quantity(tok) else None
            if q is not None:
                found.append(q)
                i = q.tokens[1]
            elif tok.kind == "num" and self.is_label_number(i):
                i = self.skip_label_range(i)
            else:
                i += 1
        self.ratios_across_clause(found)
        return found

    def ratios_across_clause(self, found: list[Quantity]) -> None:
        """"Out of eighty members ... only five were left": the later count is a part of the earlier whole."""
        for a, b in zip(found, found[1:]):
            i = a.tokens[0]
            opener = (self.lower(i - 2), self.lower(i - 1)) in (("out", "of"), ("of", "the")) or self.lower(i - 1) == "of"
            first = i - (2 if self.lower(i - 1) in ("of", "the") and self.lower(i - 2) in ("out", "of") else 1)
            if not opener or not sentence_initial(self.toks, first):
                continue
            between = self.toks[a.tokens[1]:b.tokens[0]]
            if any(t.text in ".!?;" for t in between) or a.unit != "count" or b.unit != "count":
                continue
            if b.part is None and b.value is not None and a.value and 0 <= b.value < a.value:
                b.part, b.whole, b.share = b.value, a.value, 100 * b.value / a.value


def find_quantities(text: str, *, tolerance: float = DEFAULT_TOLERANCE, skip: list[tuple[int, int]] = ()) -> list[Quantity]:
    """Every quantity expression in ``text``, left to right, not overlapping.

    ``skip`` lists character ranges already read as something else (dates).

    Example:
        >>> [q.value for q in find_quantities("about 1,250,000 kulak households")]
        [1250000.0]
    """
    return _Parser(text, tolerance, list(skip)).parse()


__all__ = ["Quantity", "find_quantities", "bounds", "DEFAULT_TOLERANCE"]
