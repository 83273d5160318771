"""Read quantities the way historians write them, as plain data (no spaCy needed).

Grammar, left to right over :mod:`claimkit.grammar.lexer` tokens::

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
so that "half" and "50%" compare; "a third" or "a quarter" alone is a share
before "of", a verb, an auxiliary or a preposition ("a quarter died", "fell to a
quarter after"), and no share before a noun ("a quarter century", "a third
power") or in a clock time ("a quarter past six"); one-word multiples are so
many ``times`` ("twice as many", "double that of", "was to double", "prices
trebled"), not "arrested twice" or "a double agent"; ratios ("three out of five", and "Out of
eighty members ... only five" across a clause) keep ``part`` and ``whole``.

Units come from the registry of :mod:`claimkit.grammar.units` (pint's units and
CLDR's currencies): symbols glued or apart ("512MB", "40 kHz"), names, rates
("$9.50 per square metre", "90 km/h", "$50 a tonne"), money before or after the
figure ("NZ$2.5 billion", "$US12,400,000", "GBP7m", "RM9.90", "85p", "10 €",
"4.2 million Swedish kronor", "30 MUSD"), dollars and cents and feet and inches
as one figure. "pounds" weigh unless money is near ("361 million pounds",
"paid 500 pounds"). Each quantity carries its unit's canonical name and
dimension, and ``change`` ("up"/"down") from the words of change around it
(``data/change.json``: "rose 5%", "fell by 12 points", "a 20% increase").

Two figures, not a range: "fell from 5,210 to 4,980" (levels before and after
a change, unless the figures move against the verb), "grew by 2.1 billion to
18.4 billion" (a change, then a level), "six or seven dollars" (alternatives
sharing unit and scale). "from 11.5 to 14-16 billion" is a figure and a range
sharing the scale.

Not quantities: years (the date grammar reads them; a year-shaped number that
counts, as in "about 1500 soldiers", is read here), ordinals, numbers after a
label word ("Order No. 00447", "pages 347 to 349", "grade 12"), codes
("T-34", "L2"), numbers inside capitalised names ("World War Two"), numbers
that name after a name ("Nasdaq 100", "Game 4", "ISO 9001": a plain integer
after a capitalised word with no plural noun after it), house numbers ("10
Downing Street"), scores ("won 3-1", "102-98"), "5G", times of day ("2 pm"),
web addresses, list numbering, and a bare "one" (a pronoun far more often
than a count: "one of 12 children" counts the twelve; "one day" opening a
clause is some day). Figures that are not finite ("1e999") are left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .. import _data
from .dates import counted_year
from .lexer import Tok, sentence_initial
from .numerals import NumeralReader
from .units import describe, registry

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
    change: str | None = None  # "up" or "down": the figure states a change in that direction ("rose 5%")
    unit_name: str | None = None  # the unit's canonical name ("kilometre per hour", "US dollar")
    dimension: str | None = None  # what the unit measures ("speed", "currency", "count", "share")
    tokens: tuple[int, int] = field(default=(0, 0), repr=False)
    scale: float = field(default=1, repr=False)  # the scale word of the last figure ("million"), shared across "to"
    extra: list = field(default_factory=list, repr=False)  # a second figure read with this one ("six or seven")


def bounds(value: float, rule: str, tolerance: float) -> tuple[float | None, float | None]:
    """``(low, high)`` that a qualifier rule allows for ``value``."""
    if rule == "band":
        lo, hi = value * (1 - tolerance), value * (1 + tolerance)
        return min(lo, hi), max(lo, hi)
    if rule == "below_band":  # "almost -9" lies between -9 and -8.1
        lo, hi = value * (1 - tolerance), value
        return min(lo, hi), max(lo, hi)
    if rule == "above":
        return value, None
    if rule == "below":
        return None, value
    return value, value


_LOWER = {"less_than", "at_most"}
_UPPER = {"more_than", "at_least"}
_WIDER = {"more_than": "at_least", "less_than": "at_most"}


class _Parser(NumeralReader):
    """The quantity grammar: qualifiers, units, ratios and ranges around numerals."""

    def __init__(self, text: str, tolerance: float, skip: list[tuple[int, int]]):
        super().__init__(text, skip)
        self.tol = tolerance
        self.reg = registry()
        self.extra_words = _extra_words()
        self.first_lower, self.first_exact = _first_tokens(self.w, self.reg)

    # -- units -----------------------------------------------------------
    def unit_after(self, j: int) -> tuple[str, int] | None:
        w = self.w
        t = self.tok(j)
        if t is None:
            return None
        if t.text == "%":
            return "percent", j + 1
        hit = self.longest(j, w.measures) if t.lower == "percentage" else None
        if hit:
            return hit[1], hit[0]  # "percentage points" measure a difference, not a share
        hit = self.longest(j, w.percent_words)
        if hit:
            return "percent", hit[0]
        reg = self.reg
        hit = max((h for h in (self.longest(j, w.currency_words), reg.currency_names.match(self.toks, j)) if h),
                  default=None, key=lambda h: h[0])
        if hit:
            if hit[1] == "GBP" and t.lower.startswith("pound") and not self.money_pounds(j, hit[0]):
                return "lb", hit[0]  # "8 pounds", "500 pounds of grain" weigh; "361 million pounds" is money
            return hit[1], hit[0]
        if t.text in w.currency_symbols and t.glued:  # "-15€"
            return w.currency_symbols[t.text], j + 1
        after = self.tok(j + 1)
        if t.glued and t.text in reg.currency_glued and not (after is not None and after.glued and after.kind == "word") \
                and j > 0 and self.kind(j - 1) == "num":
            return reg.currency_glued[t.text], j + 1  # "85p", "50c"
        if t.text in reg.codes and t.text.isupper() and (t.space or self.kind(j - 1) == "num"):
            return t.text, j + 1  # "500 USD", "7m GBP"
        hit = self.longest(j, w.age_after) or (self.lower(j) == "-" and t.glued and self.longest(j + 1, w.age_after))
        if hit:
            return "age", hit[0]  # "aged 12", "71 years old", "a 15-year-old"
        if self.lower(j) == "-" and t.glued and self.lower(j + 1) in w.time_units:
            return w.time_units[self.lower(j + 1)], j + 2  # "a ten-year pact"
        if self.lower(j) == "-" and t.glued:  # "a 27-kilometer ring", "a 12-cent dividend", "16-bit"
            hit = self.longest(j + 1, w.measures) or self.longest(j + 1, w.currency_words) \
                or reg.currency_names.match(self.toks, j + 1) or reg.names.match(self.toks, j + 1) \
                or reg.symbols.match(self.toks, j + 1)
            if hit:
                return hit[1], hit[0]
        if t.text in ("″", "′") or t.text == '"' and self.lower(j + 1) in w.extent_words:
            return ("inch" if t.text != "′" else "ft"), j + 1  # '10″', '10 " long'
        if t.text in "([{<" and self.kind(j + 1) == "word":  # "20 (kg)", "20 [kg]"
            inner = self.registry_unit(j + 1) or (self.longest(j + 1, w.measures) or (None, None))[::-1]
            if inner and inner[0] and self.lower(inner[1]) == {"(": ")", "[": "]", "{": "}", "<": ">"}[t.text]:
                return inner[0], inner[1] + 1
        post = reg.prefixes.match(self.toks, j)
        if post and not any(c.isascii() and c.isalpha() for c in self.text[t.start:self.toks[post[0] - 1].end]) \
                and j > 0 and self.kind(j - 1) == "num" and self.symbol_closes(post[0]):
            return post[1], post[0]  # "10 €", "100 ₡", "100元"
        if t.lower in w.time_units and not (t.lower in ("min", "sec") and self.lower(j + 1) == "."):
            return w.time_units[t.lower], j + 1
        hit = self.longest(j, w.measures)
        if hit and t.text in ("G", "M", "K", "B", "T"):
            hit = None  # "4G" is a name, "5 G" no gram
        nxt = self.tok(j + 1)
        if hit and hit[0] == j + 1 and len(t.text) == 1 and nxt is not None and nxt.glued and (
                nxt.kind in ("word", "num") or nxt.text == "-" and self.kind(j + 2) == "num"):
            hit = None  # "24703L202", "24703 L-202": a code
        if hit and any(self.toks[k].kind == "num" and self.toks[k].space for k in range(j + 1, hit[0])):
            hit = None  # "12 m 2 dm": the 2 is the next figure, not a power
        if hit and not (len(t.text) == 1 and t.text.islower() and t.space and self.kind(hit[0]) == "word"
                        and hit[0] == j + 1 and self.lower(hit[0]) not in w.extent_words
                        and self.lower(hit[0]) not in ("x", "by")):  # "5 m high", "1 m x 1 m", not "5 g of"
            longer = reg.names.match(self.toks, j)  # "square metre" is longer than the listed "square"
            return (longer[1], longer[0]) if longer and longer[0] > hit[0] else (hit[1], hit[0])
        return self.registry_unit(j)

    def money_pounds(self, j: int, end: int) -> bool:
        """Whether "pounds" at ``j`` is money: after a scale ("6,600 million pounds"), with "sterling", or with a
        word of money near ("paid 500 pounds"); "8 pounds" and "500 pounds of grain" weigh."""
        if self.lower(end) == "of":
            return False
        if self.lower(j - 1) in self.w.scales or self.lower(j - 1) in self.w.abbrev or self.lower(end) == "sterling":
            return True
        return bool({self.lower(k) for k in range(j - 6, j)} & self.extra_words["money_words"])

    def symbol_closes(self, k: int) -> bool:
        """Whether a currency symbol ending before ``k`` closes the figure before it: not when it opens the next
        one ("10 $ 30 $" closes, "rmb 10 $20" does not), unless the next figure is counted in cents ("10 $ 30 cent")."""
        if self.kind(k) != "num":
            return True
        nxt = self.numeral(k)
        if nxt is None:
            return True
        after = self.lower(nxt.end)
        return after in self.extra_words["minor_units"] or after in self.w.currency_symbols

    def scaled_code(self, j: int) -> tuple[str, float] | None:
        """"MUSD", "kEUR": a currency code with a scale letter in front (finance writes "30 MUSD" for $30m)."""
        t = self.tok(j)
        if t is None or len(t.text) != 4 or t.text[0] not in "MKk" or t.text[1:] not in self.reg.codes:
            return None
        return t.text[1:], 1e6 if t.text[0] == "M" else 1e3

    def registry_unit(self, j: int) -> tuple[str, int] | None:
        """A unit of the generated registry at ``j``: a symbol as written ("kHz", "MB"), a name ("megawatts"),
        or a single letter against the digits ("5C", "12V")."""
        reg, t = self.reg, self.tok(j)
        if t is None:
            return None
        hit = reg.symbols.match(self.toks, j)
        if hit is None and (t.text.islower() or t.text.isupper()):
            hit = reg.names.match(self.toks, j)
        after = self.tok(j + 1)
        before = self.tok(j - 2)
        if hit is None and t.glued and t.text in reg.glued and self.kind(j - 1) == "num" \
                and not (after is not None and after.glued and (after.kind in ("word", "num") or after.text not in ".,;:!?)")) \
                and not (t.text in ("C", "F") and before is not None and (before.lower in ("the", "a", "an") or (
                    before.kind == "word" and before.text[0].isupper() and not sentence_initial(self.toks, j - 2)))):
            hit = (j + 1, reg.glued[t.text])
        if hit is None:
            return None
        end, code = hit
        nxt = self.tok(end)
        if nxt is not None and nxt.glued and nxt.kind in ("word", "num") and not self.tok(end - 1).kind == "punct":
            return None  # "5Gx", "3Dprint": letters run on, not a unit
        return code, end

    def rate(self, unit: str, j: int) -> tuple[str, int]:
        """"$350 per kg", "40 roubles a month", "12 km/h": the unit per another unit."""
        if unit in ("count", "percent", "age"):
            return unit, j
        k = j + 1 if self.lower(j) in self.w.rate_words else None
        if k is None:
            return unit, j
        t = self.tok(k)
        if t is None or (self.lower(j) == "/" and not t.glued):
            return unit, j
        if t.lower in self.w.time_units:
            return f"{unit}/{self.w.time_units[t.lower]}", k + 1
        price = unit in self.reg.currencies
        hit = self.longest(k, self.w.measures) if self.lower(j) not in ("a", "an") or price else None
        if self.lower(j) not in ("a", "an") or price:  # "$9.50 per square metre", "$50 a tonne"
            longer = self.reg.names.match(self.toks, k) or self.reg.symbols.match(self.toks, k)
            if longer and (hit is None or longer[0] > hit[0]):
                hit = longer
        if hit:
            return f"{unit}/{hit[1]}", hit[0]
        if t.lower in self.w.rate_nouns and self.lower(j) in ("per", "a"):
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
        after = self.tok(i + 1)
        if after is not None and after.text == ":" and after.glued and self.kind(i + 2) == "num" and self.tok(i + 2).glued:
            return True  # the hours of "10:30"
        before = self.tok(i - 2)
        if prev.kind == "word" and t.glued:
            return True  # "L2", "J1149", "million5" (a footnote marker)
        if prev.text == "[" and self.lower(i + 1) == "]":
            return True  # "[30]": a citation marker
        if prev.text == "#" and t.glued:
            return True  # "#1"
        if prev.text == ":" and prev.glued and t.glued and before is not None and before.kind == "num":
            return True  # the minutes of "10:30"
        if prev.kind == "punct" and prev.glued and t.glued and before is not None:
            if prev.text in "-−^+" and before.kind == "word" and before.lower not in self.w.small:
                return True  # "T-34", "s-1", "m^2", "fb−1"
            if prev.text in "+/" and before.kind == "num":
                return True  # "J1149.5+6663", the "0" of "1/0"
        return False

    def names_thing(self, i: int) -> bool:
        """Numbers that name: "Nasdaq 100", "Game 4", "ISO 9001" (after a name, counting nothing after them),
        house numbers ("10 Downing Street") and scores ("won 3-1", "102-98")."""
        t, prev, nxt = self.tok(i), self.tok(i - 1), self.tok(i + 1)
        if t is None or t.kind != "num":
            return False
        x = self.extra_words
        after = self.lower(i + 1)
        def is_plural(k: int) -> bool:
            w = self.tok(k)
            return w is not None and w.kind == "word" and w.text.islower() and (
                len(w.lower) > 3 and w.lower.endswith("s") and not w.lower.endswith(("ss", "us", "is"))
                or w.lower in x["plurals"])

        # "850,000 party members": a plural noun within the next three lowercase words
        plural = any(is_plural(k) for k in range(i + 1, i + 4)
                     if all(self.kind(m) == "word" and self.tok(m).text.islower()
                            and self.lower(m) not in x["counted_determiners"] for m in range(i + 1, k + 1)))
        counted_after = nxt is not None and (plural or after in self.w.scales
                                             or self.unit_after(i + 1) is not None and not (nxt.glued and nxt.text in "CF")
                                             or nxt.text == "%")
        model_like = t.text.isdigit() and len(t.text) <= 5  # "Boeing 747", "ISO 9001"; never "850,000" or "1.8"
        if model_like and prev is not None and prev.kind == "word" and prev.space and not prev.newline and not counted_after \
                and prev.text[0].isupper() and prev.lower not in x["counted_determiners"] \
                and prev.lower not in self.w.starters and not self.reg.prefixes.match(self.toks, i - 1) \
                and prev.lower not in self.w.labels and prev.lower not in _change_words() \
                and not (prev.text.isupper() and len(prev.text) == 1):
            return True  # "the Nasdaq 100 fell", "Game 4 of the series", "ISO 9001 certification"
        k = i + 1
        while k < i + 4 and self.kind(k) == "word" and self.tok(k).text[:1].isupper():
            if self.lower(k) in x["address_words"] and k > i + 1:
                return True  # "10 Downing Street", "1600 Pennsylvania Avenue"
            k += 1
        # scores: "won 3-1", "a 102-98 win": whole numbers joined by a dash, by a word of play or the second smaller
        if nxt is not None and nxt.text in "-–" and nxt.glued and self.kind(i + 2) == "num" and self.tok(i + 2).glued:
            other = self.tok(i + 2)
            whole = t.text.isdigit() and other.text.isdigit() and len(t.text) <= 3 and len(other.text) <= 3
            if whole and self.unit_after(i + 3) is None and self.lower(i + 3) not in self.w.scales:
                context = {self.lower(k) for k in range(i - 4, i + 6)}
                if context & x["score_words"] or int(other.text) < int(t.text):
                    return True
        if prev is not None and prev.text in "-–" and prev.glued and t.glued and self.kind(i - 2) == "num" \
                and self.names_thing(i - 2):
            return True  # the second score of "3-1"
        return False

    def change_before(self, i: int) -> str | None:
        """"up" or "down" when a word of change stands before token ``i`` with only fillers between
        ("rose by some 5%", "an increase of 20%", "fell from"), else None."""
        words = _change()
        k = i - 1
        while k >= 0 and k >= i - 5:
            t = self.toks[k]
            if t.kind != "word":
                return None
            if t.lower in words["before"]:
                return words["before"][t.lower]
            if t.lower not in words["fillers"]:
                return None
            k -= 1
        return None

    def levels_follow(self, k: int, way: str) -> bool:
        """Whether "X to Y" at ``k`` moves the way the word of change says ("fell from 30 to 17"); "reduced from
        44 to 50" does not, so it is read as the span it writes."""
        prefix = self.reg.prefixes.match(self.toks, k)
        a = self.numeral(prefix[0] if prefix else k)
        if a is None:
            return True
        u = self.unit_after(a.end)
        j = u[1] if u else a.end
        if self.lower(j) != "to":
            return True
        prefix = self.reg.prefixes.match(self.toks, j + 1)
        b = self.numeral(prefix[0] if prefix else j + 1)
        if b is None:
            return True
        scale = b.scale if a.scale == 1 else 1
        return (b.value > a.value * scale) == (way == "up")

    def change_after(self, j: int) -> str | None:
        """"up" or "down" when a noun or adverb of change follows the figure ending before ``j`` ("a 5% rise")."""
        words = _change()
        k = j + (self.lower(j) == "-" and self.tok(j).glued)
        t = self.tok(k)
        if t is None or t.kind != "word":
            return None
        return words["after"].get(t.lower)

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
        prev = self.tok(i - 1)
        if sentence_initial(self.toks, i):
            return bool(prev and prev.text in "“\"‘" and i > 1 and not sentence_initial(self.toks, i - 1))
        return t.text[1:].islower() or len(t.text) == 1  # "World War Two", "the Trial of the Twenty One"

    def is_time_of_day(self, i: int, j: int) -> bool:
        """"2 pm", "2.13 am", "ten o'clock" (a clock time has whole hours and two-digit minutes)."""
        if not (self.lower(j) in self.w.clock_words or (
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
        """Four digits from 1000 to 2100: the date grammar's unless they count things."""
        t = self.toks[i]
        return t.kind == "num" and len(t.text) == 4 and t.text.isdigit() and 1000 <= int(t.text) <= 2100

    def parse_at(self, i: int) -> Quantity | None:
        """The quantity that begins at token ``i``, or None: qualifier, figure, unit, then what may follow."""
        w = self.w
        start_i = i
        qualifier, rule = "exact", "exact"
        opener = "between" if self.lower(i - 1) == "of" and self.lower(i - 2) == "range" else None  # "in the
        soft = opener is not None  # range of 30 and 45 million": the phrase opens a range as "between" does,
        prefixed = False  # when a second figure follows
        q = self.qualifier_at(i)
        lead = self.reg.prefixes.match(self.toks, i)
        if q and lead and lead[0] > i + 1 and self.numeral(lead[0]) is not None:
            q = None  # "C$40,000" is Canadian money, not "circa $40,000"
        changing = self.change_before(i) is not None
        stepped = changing and self.lower(i - 1) == "by"  # "grew by X to Y": a change, then the level reached
        if q:
            i, qualifier, rule = q
        elif self.lower(i) in self.extra_words["hyphen_prefixes"] and self.lower(i + 1) == "-" and self.tok(i + 1).glued \
                and self.kind(i + 2) == "num" and self.tok(i + 2).glued:
            qualifier, rule = self.extra_words["hyphen_prefixes"][self.lower(i)]  # "sub-5 nanometre", "minus-10"
            if qualifier == "negative":
                qualifier = "exact"
            else:
                i += 2
            prefixed = True
        elif self.lower(i) == "from" and changing and self.levels_follow(i + 1, self.change_before(i)):
            i += 1  # "fell from 5,210 to 4,980": two levels, not a range
            start_i, stepped = i, True
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
        prefix = self.reg.prefixes.match(self.toks, i) or self.reg.loose_prefixes.match(self.toks, i)
        if prefix and self.numeral(prefix[0]) is not None:
            currency, i = prefix[1], prefix[0]  # "NZ$2.5 billion", "$US12,400,000", "RM9.90", "HK$ 3"
        elif t and t.text in w.currency_symbols:
            currency = w.currency_symbols[t.text]
            i += 1
        elif t and t.lower == "us" and self.lower(i + 1) == "$":
            currency, i = "USD", i + 2
        elif t and t.text in w.currency_codes and self.kind(i + 1) == "num":
            currency, i = w.currency_codes[t.text], i + 1  # "USD 500", "Rs 40"
        elif t and t.text.upper() in self.reg.code_prefixes and self.kind(i + 1) == "num" and t.text.isupper():
            currency, i = t.text, i + 1  # "GBP7m", "CHF 40m", "JPY2 trillion"
        elif t and self.scaled_code(i) and self.kind(i + 1) == "num":
            code, scale = self.scaled_code(i)  # "MAUD 60"
            n0 = self.numeral(i + 1)
            if n0 is not None and not self.unit_after(n0.end):
                return self.make(start_i, n0.end, n0.value * scale, n0.value * scale, n0.value * scale, qualifier, code)
        elif t and t.text.islower() and self.kind(i + 1) == "num" and self.tok(i + 1).text[0].isdigit() \
                and not self.year_shaped(i + 1) and (self.longest(i, w.currency_words) or (0, None))[0] == i + 1:
            currency, i = self.longest(i, w.currency_words)[1], i + 1  # "usd 20", "rmb 10", "dollar 22.5 million"
        t = self.tok(i)
        if t is None:
            return None
        # vague amounts: "hundreds", "tens of thousands", "many millions"
        hit = None if currency else self.longest(i, w.vague)
        if hit:
            end, (low, high) = hit
            return self.make(start_i, end, None, low, high, "vague", "count")
        # one-word multiples: "twice as many", "double the number", "was to double", "output doubled"
        # ("arrested twice" counts occasions, "a double agent" is no multiple)
        extra = _extra_words()
        times = extra["multipliers"].get(t.lower) if not currency and t.kind == "word" else None
        verb = t.lower not in ("twice", "thrice") and self.lower(i - 1) in _MODALS  # "was to double"
        if times is not None and not (self.lower(i + 1) in extra["multiplier_followers"] or verb):
            times = None
        times = extra["multiplier_verbs"].get(t.lower) if times is None and not currency else times
        if times is not None:
            low, high = bounds(times, rule, self.tol)
            return self.make(start_i, i + 1, times, low, high, qualifier, "times")
        # "per cent of twenty-two": the percent sign written first
        if not currency and not q and t.kind == "word":
            pct = self.longest(i, w.percent_words)
            if pct and self.lower(pct[0]) == "of" and (i == 0 or self.kind(i - 1) != "num"):
                n = self.numeral(pct[0] + 1)
                if n is not None and not self.unit_after(n.end):
                    return self.make(start_i, n.end, n.value, n.value, n.value, "exact", "percent", share=n.value)
        first = self.sign_at(i) if self.sign_at(i) is not None else i
        if self.kind(first) == "num" and self.year_shaped(first) and not currency and not q:
            if not self.unit_after(first + 1) and self.lower(first + 1) not in w.scales and not counted_year(self.toks, first):
                return None
        if (not currency and not prefixed and self.is_label_number(first)) or self.in_name(first) \
                or self.is_list_number(first) or (not currency and self.names_thing(first)):
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
            self.lower(j) in ("in", "out") and self.numeral(j + 1 if self.lower(j) != "out" else j + 2)
        ) and not self.unit_after(j) and not opener and not q:
            return None  # a bare "one" is a pronoun far more often than a count ("one of 12 children": the 12 counts)
        if t.kind == "word" and t.lower == "one" and j == i + 1 and not q and self.lower(j) in ("day", "night", "morning",
                "evening", "afternoon", "time") and (sentence_initial(self.toks, i) or self.lower(i - 1) in (
                ",", "and", "but", "then", "until", "till", "when", "that")):
            return None  # "One day he left": some day, not a duration
        unit = currency or "count"
        scaled = None if currency else self.scaled_code(j)
        u = self.unit_after(j) if not scaled else None
        if scaled:
            unit, value, j = scaled[0], value * scaled[1], j + 1  # "30 MUSD"
        elif u and not currency:
            unit, j = u
        elif u and currency and u[0] == currency:
            j = u[1]
        if unit in self.reg.codes and not currency and self.tok(j - 1).text.isupper() and self.lower(j) in w.scales:
            value, j = value * w.scales[self.lower(j)], j + 1  # "75 USD million"
        value, j = self.compound(value, unit, j)
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
        if k is not None and self.lower(k) == "the":
            k += 1  # "fifty-seven of the eighty-five corps commanders"
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
        first_end = j
        if self.lower(j) == "-" and self.tok(j).glued and self.lower(j + 1) in w.connectors and unit == "count":
            j += 1  # "8- to 16-meter": the unit is written once, after the second figure
        spread = self.plus_minus(j)
        if spread is not None:
            width, j = spread
            return self.make(start_i, j, value, value - width, value + width, "range", unit)
        rng = None
        if not (stepped and self.lower(j) == "to"):  # "grew by $2.1 billion to $18.4 billion": a change, then a level
            rng = self.range_tail(start_i, i, j, value, unit, opener, is_fraction, n.scale, first_end)
            if rng is None and soft:
                rng = self.range_tail(start_i, i, j, value, unit, None, is_fraction, n.scale, first_end)
        if rng is not None:
            return rng
        if opener and not soft:
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
        return self.make(start_i, first_end if j == first_end + 1 else j, value, low, high, qualifier, unit, part=part,
                         whole=whole, share=share, scale=n.scale)

    def compound(self, value: float, unit: str, j: int) -> tuple[float, int]:
        """A smaller unit after a larger: "thirteen dollars and forty-five cents", "15 dollars 50", "5 feet 2 inches"."""
        x = self.extra_words
        k = j + (self.lower(j) == "and")
        t = self.tok(k)
        if t is None or k == j and not t.space or unit not in self.reg.currencies and unit not in x["compound_units"]:
            return value, j
        part = self.numeral(k)
        if part is None or part.fraction or self.tok(k).kind == "num" and not self.tok(k).text.isdigit():
            return value, j
        if unit in x["compound_units"]:
            minor, per = x["compound_units"][unit]
            u = self.unit_after(part.end)
            if u is None and minor == "inch" and self.lower(part.end) == "in" and self.kind(part.end + 1) in ("", "punct"):
                u = ("inch", part.end + 1)  # "5 ft 2 in"
            if u and u[0] == minor and 0 <= part.value < per:
                return value + part.value / per, u[1]
            return value, j
        if not 0 < part.value < 100 or value != int(value):
            return value, j
        minor = self.lower(part.end)
        if minor in x["minor_units"] and not (self.tok(part.end).glued and minor not in ("c", "p")):
            return value + part.value * x["minor_units"][minor], part.end + 1
        nxt = self.tok(part.end)
        if nxt is None or nxt.kind == "punct" and nxt.text in ".,;!?)":
            return value + part.value / 100, part.end  # "it costs 15 dollars 50."
        return value, j

    def range_tail(self, start_i, i, j, value, unit, opener, is_fraction, first_scale, first_end=None) -> Quantity | None:
        w = self.w
        conn = self.lower(j)
        joiners = set(w.openers[opener]) if opener else w.connectors
        if conn not in joiners:
            return None
        c = self.tok(j)
        k = j + 1
        second_currency = None
        prefix = self.reg.prefixes.match(self.toks, k)
        if prefix:
            second_currency, k = prefix[1], prefix[0]
        elif self.tok(k) and self.tok(k).text in w.currency_symbols:
            second_currency, k = w.currency_symbols[self.tok(k).text], k + 1
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
        if u2 is None and unit not in ("count",) and unit not in self.reg.currencies and second_currency is None \
                and self.tok(i).text not in w.currency_symbols and not is_fraction:
            return None  # "rose 25 % to 34,500 tons": the unit written after the first is not the second's
        if u2:
            u2 = self.rate(*u2)
        elif second_currency:
            u2 = self.rate(second_currency, j2)
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
        if conn == "or" and first_end is not None:
            # "six or seven dollars", "5- or 6-inch", "two or three million": two figures sharing unit and scale
            a = self.make(start_i, first_end, lo, lo, lo, "exact", unit)
            b = self.make(j + 1, j2, hi, hi, hi, "exact", unit, scale=other.scale)
            if a is None or b is None:
                return None
            a.extra = [b]
            return a
        nxt2 = self.tok(other.end)
        if opener == "from" and nxt2 is not None and nxt2.text in "-–" and nxt2.glued and first_end is not None \
                and other.scale == 1 and self.kind(other.end + 1) == "num" and self.tok(other.end + 1).glued:
            third = self.numeral(other.end + 1)  # "from 11.5 to 14-16 billion": a figure, then a range
            if third is not None and third.value >= hi:
                u3 = self.unit_after(third.end)
                end = u3[1] if u3 and (u3[0] == unit or unit == "count") else third.end
                unit3 = u3[0] if u3 and unit == "count" else unit
                scale = third.scale if first_scale == 1 else 1
                a = self.make(i, first_end, lo * scale, lo * scale, lo * scale, "exact", unit3)
                b = self.make(k, end, None, hi * third.scale, third.value, "range", unit3)
                if a is not None and b is not None:
                    a.extra = [b]
                    return a
        if hi >= lo or opener == "from":  # "from -18 °C to -34 °C" spans the same interval
            return self.make(start_i, j2, None, min(lo, hi), max(lo, hi), "range", unit, scale=other.scale)
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
        """"exceeded seven million and may have reached twenty million": a range with its hedge."""
        k = j + 1
        modal = None
        if self.lower(k) in self.w.hedge_modals:
            modal = self.lower(k)
            k += 1
            if self.lower(k) == "have":
                k += 1
        verb = self.longest(k, self.w.reach_verbs)
        if verb:
            other = self.numeral(verb[0])
            if other and other.value > value:
                hedge = f"{modal} have" if modal and self.lower(k - 1) == "have" else modal
                return self.make(start_i, other.end, None, value, other.value, "range", unit, hedge=hedge)
        return None

    def make(self, i, j, value, low, high, qualifier, unit, part=None, whole=None, share=None, hedge=None,
             scale=1) -> Quantity | None:
        """The quantity on tokens ``i`` to ``j``; None when a figure is not a finite number."""
        if any(x is not None and not math.isfinite(x) for x in (value, low, high, part, whole, share)):
            return None  # "10^400 men": no reading rather than an infinity no JSON can hold
        if low is not None and high is not None and low > high:
            low, high = high, low
        start, end = self.toks[i].start, self.toks[j - 1].end
        name, dimension = describe(unit)
        if unit == "degree":
            dimension = "angle" if {self.lower(k) for k in range(i - 3, j + 3)} & self.extra_words["angle_words"] \
                else "temperature"
        return Quantity(
            start=start, end=end, text=self.text[start:end], value=value, low=low, high=high,
            qualifier=qualifier, unit=unit, part=part,
            whole=whole, share=share, hedge=hedge, unit_name=name, dimension=dimension, tokens=(i, j), scale=scale,
        )

    # -- the text ----------------------------------------------------------
    def starts_quantity(self, tok: Tok) -> bool:
        """A cheap test before the full parse: can a quantity begin with this token?"""
        return tok.kind == "num" or tok.lower in self.first_lower or tok.text in self.first_exact

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
                found.extend(q.extra)
                i = found[-1].tokens[1]
            elif tok.kind == "num" and self.is_label_number(i):
                i = self.skip_label_range(i)
            else:
                i += 1
        self.ratios_across_clause(found)
        self.changes(found)
        return found

    def changes(self, found: list[Quantity]) -> None:
        """Each figure's direction of change from the words around it; in "rose from X to Y" and "grew by X
        to Y" the level after "to" shares it, and a bare first figure takes the second's scale ("from 11.5
        to 14 billion")."""
        for k, q in enumerate(found):
            i, j = q.tokens
            q.change = self.change_before(i) or self.change_after(j)
            prev = found[k - 1] if k else None
            if prev is not None and prev.change and self.lower(i - 1) == "to" and prev.tokens[1] == i - 1:
                q.change = q.change or prev.change
                if prev.unit not in ("count", q.unit):
                    continue
                if prev.scale == 1 and q.scale > 1 and prev.value is not None \
                        and prev.value * q.scale <= (q.value or q.high or 0) * 10:
                    prev.value = prev.low = prev.high = prev.value * q.scale
                prev.unit, prev.unit_name, prev.dimension = q.unit, q.unit_name, q.dimension

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


def _extra_words() -> dict:
    """The lists of data/numbers.json that guard names and read prefixes, as sets (built once)."""
    global _EXTRA
    if _EXTRA is None:
        d = _data.load("numbers")
        _EXTRA = {"hyphen_prefixes": d["hyphen_prefixes"], "score_words": set(d["score_words"]),
                  "address_words": set(d["address_words"]), "name_followers": set(d["name_followers"]),
                  "counted_determiners": set(d["counted_determiners"]), "minor_units": d["minor_units"],
                  "compound_units": d["compound_units"], "angle_words": set(d["angle_words"]),
                  "money_words": set(d["money_words"]), "plurals": set(d["irregular_plurals"]),
                  "multipliers": d["multiplier_words"], "multiplier_followers": set(d["multiplier_followers"]),
                  "multiplier_verbs": d["multiplier_verbs"]}
    return _EXTRA


def _first_tokens(w, reg) -> tuple[set, set]:
    """The tokens a quantity can begin with: lower-case words, and symbols and codes as written (built once)."""
    global _FIRST
    if _FIRST is None:
        lower = set(w.starters) | set(reg.loose_prefixes.by_first) | set(_extra_words()["hyphen_prefixes"]) \
            | set(_extra_words()["multipliers"]) | set(_extra_words()["multiplier_verbs"])
        exact = set(w.currency_symbols) | set(reg.prefixes.by_first) | reg.code_prefixes | set("~-−<>≥≤±")
        _FIRST = (lower, exact)
    return _FIRST


_FIRST: tuple | None = None
_MODALS = ("to", "will", "would", "could", "might", "should", "must")  # before a verb of multiplying


def _change() -> dict:
    """data/change.json as look-ups: word -> "up"/"down" before and after a figure, and the fillers between."""
    global _CHANGE
    if _CHANGE is None:
        d = _data.load("change")
        _CHANGE = {"before": {w: way for way in ("up", "down") for w in d[way]["before"]},
                   "after": {w: way for way in ("up", "down") for w in d[way]["after"]},
                   "fillers": set(d["fillers"])}
    return _CHANGE


def _change_words() -> dict:
    return _change()["before"]


_EXTRA: dict | None = None
_CHANGE: dict | None = None


def find_quantities(text: str, *, tolerance: float = DEFAULT_TOLERANCE,
                    skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every quantity expression in ``text``, left to right, not overlapping.

    ``skip`` lists character ranges already read as something else; by default, the dates
    :func:`claimkit.find_dates` reads there ("the 33 of 1932-33" is no figure). Pass ``skip=[]``
    to read every number.

    Example:
        >>> [q.value for q in find_quantities("about 1,250,000 kulak households")]
        [1250000.0]
    """
    if skip is None:
        from .dates import find_dates  # the dates own their numbers

        skip = [(d.start, d.end) for d in find_dates(text)]
    return _Parser(text, tolerance, list(skip)).parse()


__all__ = ["Quantity", "find_quantities", "bounds", "DEFAULT_TOLERANCE"]
