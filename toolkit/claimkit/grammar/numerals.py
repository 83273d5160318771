"""Numerals over lexer tokens: digits, number words, scales, fractions, signs.

The quantity grammar (:mod:`claimkit.grammar.quantities`) builds on this reader.
Forms read: digits with separators ("1,250,000", "40 000", "1.3e6", "5,00"),
number words of any size ("one hundred and ten", "twenty-one trillion", "a
million"), digits with scale words or abbreviations ("2 million", "10m",
"2bn", "13 lakh", "4 thousand 3 hundred and 21"), decimals in words ("five
point five"), exponents ("1.3x10^6"), negatives ("-40", "minus forty"),
dozens, and fractions with any ordinal denominator ("three fifths", "a
hundredth", "one hundred and three quarters" = 100.75, "3/4", "⅔"). The word
lists are in ``data/numbers.json``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from .. import _data
from .lexer import Tok, lex
from .units import registry


class _PhraseTable(dict):
    """Phrases (tuples of lower-case tokens) to values, indexed by their first token."""

    def __init__(self, table: dict):
        super().__init__({_key(k): v for k, v in table.items()})
        self.by_first: dict[str, list] = {}
        for key, value in self.items():
            self.by_first.setdefault(key[0], []).append((key, value))

    def starting(self, word: str) -> list:
        return self.by_first.get(word, [])


def _key(phrase: str) -> tuple[str, ...]:
    """A phrase as the lexer splits it ("km/h" is three tokens, "o'clock" one), lower-cased."""
    return tuple(t.lower for t in lex(phrase)) or (phrase.lower(),)


def _phrases(table: dict) -> _PhraseTable:
    return _PhraseTable(table)


def _taken(toks: list[Tok], ranges: list[tuple[int, int]]) -> set[int]:
    """Start offsets of the tokens inside ``ranges`` (read as something else already)."""
    starts = [t.start for t in toks]
    taken = set()
    for s, e in ranges:
        k = bisect_left(starts, s)
        while k < len(starts) and starts[k] < e:
            taken.add(starts[k])
            k += 1
    return taken


class Words:
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
        self.percent_words = _phrases({w: "percent" for w in d["percent_words"]})
        self.currency_symbols = d["currency_symbols"]
        self.currency_words = _phrases(d["currency_words"])
        self.currency_codes = d["currency_codes"]
        self.time_units = d["time_units"]
        self.measures = _phrases(d["measure_units"])
        self.age_before = set(d["age_before"])
        self.age_after = _phrases({w: "age" for w in d["age_after"]})
        self.labels = set(d["label_words"])
        self.extent_words = set(d["extent_words"])
        self.rate_words = set(d["rate_words"])
        self.rate_nouns = set(d["rate_nouns"])
        self.clock_words = set(d["clock_words"])
        self.share_followers = set(d["share_followers"])
        self.hedge_modals = set(d["hedge_modals"])
        self.reach_verbs = _phrases({v: v for v in d["reach_verbs"]})
        self.small = set(self.units) | set(self.tens)
        self.starters = self.small | set(self.scales) | set(self.negative) | set(self.openers) | {
            "a", "an", "all", "us", "half", "quarter"} | {
            key[0] for table in (self.qualifiers, self.vague, self.percent_words) for key in table} | {
            code.lower() for code in self.currency_codes}
        self.unit_nouns = {key[0] for key in self.measures if len(key) == 1 and len(key[0]) > 2} | {
            key[0] for key in self.currency_words if len(key) == 1}
        self.unit_words = {w for key in self.measures for w in key[:1]} | set(self.time_units) | {
            w for key in self.currency_words for w in key[:1]}


_WORDS: Words | None = None


def words() -> Words:
    global _WORDS
    if _WORDS is None:
        _WORDS = Words()
    return _WORDS


_SIGN_BEFORE = set("([$€£¥₽<>=^~:")


@dataclass
class Num:
    """A numeral as read: its value, the token after it, and what kind of number it is."""

    value: float
    end: int
    fraction: bool = False  # a share of one ("half", "3/4"): read as a percent when nothing is counted
    scale: float = 1  # the last scale word ("million" in "two million"), for "and a half"


class NumeralReader:
    """Reads numerals over lexer tokens; the quantity grammar builds on it."""

    def __init__(self, text: str, skip: list[tuple[int, int]]):
        self.text = text
        self.toks = lex(text)
        self.w = words()
        self.taken = _taken(self.toks, skip)

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

    def longest(self, i: int, table: "_PhraseTable") -> tuple[int, object] | None:
        """The longest phrase of ``table`` standing at ``i``, as (end index, value)."""
        best = None
        for key, value in table.starting(self.lower(i)):
            end = self.phrase(i, key)
            if end is not None and (best is None or end > best[0]):
                best = (end, value)
        return best

    def skipped(self, tok: Tok) -> bool:
        return tok.start in self.taken

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
        if t.lower in self.w.negative and self.lower(i + 1) == "-" and self.tok(i + 1).glued and self.kind(i + 2) == "num" \
                and self.tok(i + 2).glued:
            return i + 2  # "minus-10 degrees"
        if t.text in "-−" and self.kind(i + 1) == "num":
            prev = self.tok(i - 1)
            if self.tok(i + 1).glued and (prev is None or t.space or prev.text in _SIGN_BEFORE):
                return i + 1
            if prev is None or t.newline:  # "- 10 k" opening a line
                return i + 1
        return None

    def numeral(self, i: int) -> Num | None:
        """A signed number at ``i``."""
        k = self.sign_at(i)
        if k is not None:
            n = self.unsigned(k)
            if n is not None:
                n.value = -n.value
            return n
        return self.unsigned(i)

    def unsigned(self, i: int) -> Num | None:
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
        if f"{lw} {self.lower(j + 1)}" in table:
            return 0  # the first word of "baker's dozen" (see counted_phrase)
        return table.get(lw) or (table.get(lw[:-1], 0) if lw.endswith("s") else 0)

    def slash(self, i: int) -> tuple[float, int] | None:
        """"3/4" (not a date such as 5/17/2018)."""
        a, s, b = self.tok(i), self.tok(i + 1), self.tok(i + 2)
        if not (a and s and b and a.kind == "num" and s.text in "/⁄" and s.glued and b.kind == "num" and b.glued):
            return None
        after = self.tok(i + 3)
        if after is not None and after.glued and after.text in "/-.":
            return None
        if not b.value or "." in a.text + b.text:
            return None
        return a.value / b.value, i + 3

    def digits(self, i: int) -> Num | None:
        w = self.w
        t = self.tok(i)
        vulgar = not t.text.isascii()
        frac = self.slash(i)
        if frac:
            return Num(frac[0], frac[1], fraction=True)
        value, j = t.value, i + 1
        nxt = self.tok(j)
        if vulgar:
            return Num(value, j, fraction=True)
        # mixed fractions: "2 1/2", "2½"
        if nxt is not None and nxt.kind == "num" and "." not in t.text:
            mixed = self.slash(j)
            if mixed and mixed[0] < 1:
                return Num(value + mixed[0], mixed[1])
            if not nxt.text.isascii():
                return Num(value + nxt.value, j + 1)
        # exponents: "1.3x10^6", "2.48×10−5", "1.1^23", "8x2^10"
        power = self.power(i, value)
        if power:
            return power
        if nxt is not None and nxt.glued and nxt.kind == "word":
            if len(nxt.text) == 1 and nxt.text.isupper() and nxt.text not in w.abbrev and nxt.text not in registry().glued \
                    or nxt.text == "G" and len(t.text) == 1:
                return None  # "4G", "5G", "3D": a name, not four billion
            if nxt.text == "m" and (self.kind(j + 1) == "num" and self.tok(j + 1).glued or self.lower(j + 1) in w.extent_words
                                    or self.lower(j + 1) == "(" and self.kind(j + 2) == "num"):
                return Num(value, j)  # "1.8m tall", "24703m2", "12m (39ft)": metres, read as a unit
            if nxt.text in w.abbrev:
                return Num(value * w.abbrev[nxt.text], j + 1, scale=w.abbrev[nxt.text])
            if nxt.lower in w.scales:
                return self.words(j, current=value)
            if self.counted(j):
                return Num(value * self.counted(j), j + 1)
            if nxt.lower == "x" and self.kind(j + 1) != "num":
                return Num(value, j)  # "1.5x": the "x" is read as the unit "times"
            if nxt.lower not in w.unit_words and nxt.lower not in ("k",) and not self.glued_unit(j):
                return None  # glued to a word: an ordinal ("17th"), a decade ("1930s") or a code ("06F6")
        if self.lower(j) in w.scales:
            return self.words(j, current=value)
        if nxt is not None and nxt.text in w.abbrev and nxt.text not in w.glued_only and (
                len(nxt.text) > 1 and nxt.text.islower() or self.kind(j + 1) != "word"
                or nxt.text in ("B", "M") and self.tok(j + 1).text.islower()):
            return Num(value * w.abbrev[nxt.text], j + 1, scale=w.abbrev[nxt.text])  # "2 bn", "7 B people"
        return Num(value, j)

    def glued_unit(self, j: int) -> bool:
        """Whether the word glued after a number at ``j`` is a unit of the registry ("512MB", "40kHz", "85p")."""
        reg, t = registry(), self.toks[j]
        if t.lower in ("pc", "pct") or t.text in reg.currency_glued or t.text in reg.glued or t.text in reg.codes:
            return True
        if (t.text[:1] in "MKk" and t.text[1:] in reg.codes) or t.text in reg.prefixes.by_first and not t.text.isascii():
            return True  # "30MUSD", "100元"
        hit = reg.symbols.match(self.toks, j) or (reg.names.match(self.toks, j) if t.text.islower() else None)
        return hit is not None

    def power(self, i: int, value: float) -> Num | None:
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
                return Num(value * base ** exp if base is not None else value ** exp, k + 1)
            except OverflowError:
                return None
        if base is not None and self.lower(k) in ("−", "-") and self.tok(k).glued and self.kind(k + 1) == "num":
            return Num(value * base ** -self.tok(k + 1).value, k + 2)  # "2.48×10−5"
        return None

    def words(self, i: int, current: float | None = None) -> Num | None:
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
            ahead = j + 1
            if lw in w.tens and self.lower(ahead) in ("-", "–") and self.lower(ahead + 1) in w.units:
                ahead += 2  # "forty-five million": the scale after the whole compound
            next_scale = w.scales.get(self.lower(ahead), 0)
            if t.kind == "num" and last in ("scale", "hundred", "and") and t.text.isdigit() and len(t.text) < 16 \
                    and 0 < int(t.text) < scale and current is not None \
                    and not (self.tok(j + 1) is not None and self.tok(j + 1).glued and self.kind(j + 1) == "word"):
                # "4 thousand 3 hundred and 21", but not "six million 330ml" (two figures side by side)
                if cur % 100 or (next_scale and cur >= next_scale) or (next_scale and total and next_scale >= scale):
                    break  # "3 hundred and 2 hundred", "30 million and 45 million" are two numbers
                cur, last = cur + t.value, "digit"
            elif lw in w.units or lw in w.tens:
                if last in ("digit",) or (cur % 100 and not (lw in w.units and cur % 10 == 0 and cur % 100 >= 20)):
                    break
                if next_scale and (cur >= next_scale or total and next_scale >= scale):
                    break  # "thirty million and forty million" is two numbers
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
        return Num(total + cur, j, scale=scale)

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

    def share_alone(self, j: int) -> bool:
        """Whether the word at ``j``, after "a third" or "a quarter", leaves the fraction standing alone as a
        share ("a quarter died", "a third were shot") rather than modifying a noun ("a quarter century");
        "a quarter after five" is a clock time."""
        word = self.lower(j)
        clock = self.kind(j + 1) == "num" or self.lower(j + 1) in self.w.small
        if word in ("after", "past", "to", "before") and clock:
            return False
        if word in self.w.share_followers:
            return True
        return len(word) >= 4 and word.endswith("ed") and self.tok(j).text.islower() \
            and (self.kind(j + 1) != "word" or self.lower(j + 1) in self.w.share_followers)  # not "a third armed
        # column"

    def half_of_a_unit(self, i: int) -> bool:
        """Whether the article at ``i`` follows "and" after a word that is no number ("a decade and a half")."""
        before = self.lower(i - 2)
        return (self.lower(i) in ("a", "an") and self.lower(i - 1) == "and" and self.kind(i - 2) == "word"
                and before not in self.w.small and before not in self.w.scales)

    def fraction_words(self, i: int) -> Num | None:
        """Fractions in words: "half", "a third", "two-thirds", "three twenty-firsts", "a hundredth"."""
        w = self.w
        lw = self.lower(i)
        if lw in w.bare_fractions and lw in w.denominators and not self.half_of_a_unit(i - 1):
            if lw == "half" or self.lower(i + 1) in w.scales:
                return Num(1 / w.denominators[lw], i + 1, fraction=True)
        if lw in ("a", "an"):
            if self.lower(i + 1) in ("second", "first"):
                return None  # "a second" is a moment
            if self.lower(i + 1) in w.counted:
                return Num(w.counted[self.lower(i + 1)], i + 2)  # "a dozen", "a score", "a gross"
            phrase = f"{self.lower(i + 1)} {self.lower(i + 2)}"
            if phrase in w.counted:
                return Num(w.counted[phrase], i + 3)  # "a baker's dozen"
            if self.lower(i + 1) in w.unit_nouns and self.lower(i + 2) not in ("-",):
                return Num(1, i + 1)  # "a gallon", "a penny": one of the unit ("$50 a tonne" is a rate)
            den = self.denominator(i + 1, 1)
            if den is None or self.half_of_a_unit(i):
                return None  # "a decade and a half": the half belongs to the decade
            after = self.lower(den[1])
            if self.lower(i + 1) != "half" and self.kind(den[1]) == "word" and after not in ("of",) \
                    and after not in w.scales and not self.share_alone(den[1]):
                return None  # "a third power", "a quarter century": an ordinal or a noun, not a share
            return Num(1 / den[0], den[1], fraction=True)
        num = self.words(i)
        if num is None:
            return None
        den = self.denominator(num.end, num.value)
        if den is None:
            return None
        if self.lower(num.end) in ("second", "seconds"):
            return None  # "two seconds" is a duration
        return Num(num.value / den[0], den[1], fraction=True)

    def after_numeral(self, n: Num) -> Num:
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
                n = Num(n.value + float("0." + digits), k)
                j = k
        # a numerator: "twenty-three fifths", "two hundred fifths", "one one hundred (and) fifth"
        if not n.fraction and self.lower(j) not in ("second", "seconds"):
            den = self.denominator(j, n.value) or self.cardinal_ordinal(j)
            if den:
                n = Num(n.value / den[0], den[1], fraction=True)
                j = n.end
        # "half a million", "a quarter of a million", "half million", "two thirds of a million", "half a dozen"
        if n.fraction:
            k = j
            if self.lower(k) in ("a", "an"):
                k += 1
            elif self.lower(k) == "of" and self.lower(k + 1) in ("a", "an"):
                k += 2
            if self.lower(k) in w.scales and (k > j or self.lower(k) != "hundred"):
                return Num(n.value * w.scales[self.lower(k)], k + 1, scale=w.scales[self.lower(k)])
            if self.counted(k) and k > j:
                return Num(n.value * self.counted(k), k + 1)  # "half a dozen"
            return n
        # "three dozens", "3 dzs"
        if self.counted(j) and self.lower(j) not in ("score", "gross"):
            n = Num(n.value * self.counted(j), j + 1)
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
                    return Num(value, k + 1, scale=s)
                value = n.value + part.value * (n.scale if n.scale >= 1000 else 1)
                return Num(value, k, scale=n.scale)
        return n
