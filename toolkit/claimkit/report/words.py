"""Plain words for the report: labels, a glossary, figures, ranges, dates and the sentence of a finding.

Everything the page shows a reader goes through here, so that no field name
("scope_differs", "arrested+executed", "more_than") and no float notation
("7.38e+06") reaches it. The sentences are built from the claim and
disagreement fields themselves rather than from the comparison's own
``explanation`` (which names sources by id and is written for the data files).
"""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")

STATUS = {
    "conflict": ("Contradiction", "Two figures or dates for the same thing that cannot both be right."),
    "scope_differs": ("Different scope", "The figures differ, but so does what they count, when or where: "
                                         "they may not measure the same thing."),
    "agree": ("Agreement", "The figures or dates are compatible with each other."),
}

SEVERITY = {
    3: ("Clear contradiction", "Both writers state their figure flatly and count the same thing."),
    2: ("Worth checking", "One side hedges, or the two counts differ in scope."),
    1: ("Worth a look", "Both sides hedge, or claimkit inferred that the two count the same thing."),
    0: ("Nothing to check", "The two agree."),
}

REASONS = {
    "value": ("the figures", "The two numbers do not overlap, even allowing for rounding."),
    "date": ("the dates", "The two dates do not overlap."),
    "predicate": ("what happened", "One counts, say, arrests and the other executions."),
    "period": ("the years", "The two figures cover different periods."),
    "place": ("the place", "The two figures are about different places."),
    "base": ("the whole", "The two shares are of different wholes."),
    "subject": ("what is counted", "One counts people, the other groups such as households."),
    "certainty": ("how sure the writers are", "One states its figure flatly, the other hedges it or gives a bound."),
}

VERDICTS = {
    "supported": ("Supported", "A reference work gives a figure or date that fits."),
    "contradicted": ("Contradicted", "A reference work gives a figure or date that does not fit."),
    "within_range": ("Within the published range", "The figure falls inside the range scholars give."),
    "outside_range": ("Outside the published range", "The figure falls outside the range scholars give."),
    "no_reference": ("Not checked", "No row of the reference tables speaks of this figure."),
}

CERTAINTY = {"asserted": "stated flatly", "hedged": "hedged", "speculative": "speculative"}

KINDS = {"quantity": "figure", "date": "date", "event": "dated event"}

# The frame panel's fields: label, the claim field it shows, and what it means (for the glossary).
FIELDS = (
    ("What is counted", "subject", "The people or things a figure counts, as the sentence names them."),
    ("What happened", "what_happened", "The event the figure or date is about (arrested, executed, signed ...)."),
    ("When", "period", "The years or dates the figure covers."),
    ("Where", "place", "The place the sentence names."),
    ("How sure", "certainty", "Stated flatly, hedged (\u201cit is estimated\u201d) or speculative (\u201cperhaps\u201d)."),
    ("Hedging words", "hedge", "The words that make a figure less than certain."),
    ("On whose word", "attribution", "The person or work the sentence gives the figure to."),
    ("Source cited", "citation", "The footnote or work cited for the figure; \u201cnone\u201d when unsourced."),
    ("Read as", "figure", "The range of values claimkit reads the words as (\u201cabout 750,000\u201d is a band "
                          "around it)."),
)

TERMS = (
    ("Claim", "A figure, date or dated event in a source, with what it is about."),
    ("Unsourced figure", "A figure with no footnote or cited work next to it."),
    ("Aligned group", "Figures from one or several sources that claimkit judged to be about the same thing."),
    ("Hedged figure", "Drawn hollow with a dashed line: the writer hedges it or gives only a bound."),
    ("Highlight colours", "Red: part of a contradiction. Orange: a difference of scope. Green: agrees with "
                          "another source. Blue: a date. Plain yellow: a figure compared with nothing."),
)


def glossary() -> list[tuple[str, str]]:
    """Every label the page uses, with its one-line meaning, in reading order."""
    out = [(label, text) for label, text in STATUS.values()]
    out += [(label, text) for s, (label, text) in SEVERITY.items() if s]
    out += [(f"Differs in {label}", text) for label, text in REASONS.values()]
    out += [(label, text) for label, _, text in FIELDS]
    out += [(label, text) for label, text in VERDICTS.values()]
    out += list(TERMS)
    return out


def _sig(v: float, digits: int) -> float:
    if v == 0 or not math.isfinite(v):
        return v
    return round(v, digits - 1 - int(math.floor(math.log10(abs(v)))))


def number(v: float | None, digits: int = 3) -> str:
    """A number as a reader writes it: 850,000; 1,548,367; 7.38 million; 67.1; never "7.38e+06"."""
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "?"
    v = float(v)
    if abs(v) >= 1e6:
        m = _sig(v, digits) / 1e6
        return f"{m:,.{max(0, digits - len(str(int(abs(m)))))}f}".rstrip("0").rstrip(".") + " million"
    if v.is_integer():
        return f"{v:,.0f}"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{_sig(v, digits):,.{max(0, digits - 1 - int(math.floor(math.log10(abs(v)))))}f}".rstrip("0").rstrip(".")


def exact_number(v: float) -> str:
    """All the digits of a figure (1,548,367), in millions only when it is round (7 million)."""
    v = float(v)
    if abs(v) >= 1e6 and (v / 1e5).is_integer():
        return number(v)
    return f"{v:,.0f}" if v.is_integer() else number(v)


def _unit(c: dict) -> str:
    unit = c.get("unit") or ""
    if unit == "percent" or (c.get("share") is not None and unit != "count"):
        return "%"
    if unit in ("count", ""):
        return ""
    return f" {unit}s"


def readable_range(c: dict) -> str | None:
    """The values a figure stands for, in words: "675,000 to 825,000", "21,000 or more", "up to 30,000"."""
    if c.get("kind") != "quantity":
        return None
    lo, hi, v = c.get("low"), c.get("high"), c.get("value")
    unit = _unit(c)
    if c.get("unit") != "percent" and c.get("share") is not None:
        return f"{number(c['share'])}%"  # "three out of five": the share it makes
    q = (c.get("qualifier") or "").lower()
    if lo is not None and hi is not None:
        if lo == hi:
            return f"{exact_number(lo)}{unit}"
        low, high = number(lo), number(hi)
        if low.endswith(" million") and high.endswith(" million"):
            low = low[:-len(" million")]  # "1.12 to 1.38 million"
        return f"{low} to {high}{unit}"
    if lo is not None:
        return f"more than {number(lo)}{unit}" if q == "more_than" else f"{number(lo)}{unit} or more"
    if hi is not None:
        return f"fewer than {number(hi)}{unit}" if q == "less_than" else f"up to {number(hi)}{unit}"
    return f"{number(v)}{unit}" if v is not None else None


def _parse(d: str | None) -> date | None:
    try:
        return date.fromisoformat(d) if d else None
    except ValueError:
        return None


def _day(d: date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def when(start: str | None, end: str | None) -> str | None:
    """An interval of days as people write it: "1937", "1845–1851", "August 1939", "23 August 1939",
    "from 1992", "until March 1938"."""
    s, e = _parse(start), _parse(end)
    if s is None and e is None:
        return None
    if s is None or e is None:
        d = s or e
        one = str(d.year) if (d.month, d.day) in ((1, 1), (12, 31)) else _day(d)
        return f"from {one}" if e is None else f"until {one}"
    whole_years = s.month == 1 and s.day == 1 and e.month == 12 and e.day == 31
    if whole_years:
        return str(s.year) if s.year == e.year else f"{s.year}\u2013{e.year}"
    month_end = (date(e.year + (e.month == 12), e.month % 12 + 1, 1) - date.resolution) == e
    if s.day == 1 and month_end:
        if (s.year, s.month) == (e.year, e.month):
            return f"{_MONTHS[s.month - 1]} {s.year}"
        if s.year == e.year:
            return f"{_MONTHS[s.month - 1]}\u2013{_MONTHS[e.month - 1]} {s.year}"
        return f"{_MONTHS[s.month - 1]} {s.year} \u2013 {_MONTHS[e.month - 1]} {e.year}"
    if s == e:
        return _day(s)
    if (s.year, s.month) == (e.year, e.month):
        return f"{s.day}\u2013{e.day} {_MONTHS[s.month - 1]} {s.year}"
    return f"{_day(s)} \u2013 {_day(e)}"


_ISO_SPAN = re.compile(r"(\d{4}-\d{2}-\d{2})(?: to (\d{4}-\d{2}-\d{2}))?")


def dates_in(text: str | None) -> str | None:
    """ISO dates and ranges inside a text written as people write them ("1934-12-01 to 1934-12-31" ->
    "December 1934")."""
    if not text:
        return text
    return _ISO_SPAN.sub(lambda m: when(m.group(1), m.group(2) or m.group(1)) or m.group(0), str(text))


def happened(predicate_class: str | None) -> str | None:
    """An event class in words: "arrested+executed" -> "arrested and executed"."""
    if not predicate_class:
        return None
    parts = [p.replace("_", " ") for p in predicate_class.split("+") if p]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def reasons_text(reasons) -> str:
    """What differs, in words: "the figures, what happened and the years"."""
    words = [REASONS[r][0] for r in (reasons or []) if r in REASONS]
    if not words:
        return "nothing"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def plain(value) -> str:
    """Any other value the page shows: underscores and plus signs of codes read as words."""
    text = "" if value is None else str(value)
    if re.fullmatch(r"[a-z]+(?:[_+][a-z]+)+", text):
        return happened(text.replace("_", " ")) or text
    return text


def source_name(source_id: str, meta: dict | None) -> str:
    """A source as a reader knows it: its title, else its file's name, never a hash."""
    meta = meta or {}
    if meta.get("title"):
        return str(meta["title"])
    if meta.get("path"):
        return Path(str(meta["path"])).name
    return source_id


def at(period: str | None) -> str:
    """A period after a verb: "in 1937", "on 22 June 1941", "from 1992"."""
    if not period:
        return ""
    if period[0].isdigit():
        return ("on " if re.match(r"\d{1,2} [A-Z]", period) else "in ") + period
    return period if period.startswith(("from", "until")) else "in " + period


def _period(c: dict) -> str | None:
    return when(c.get("period_start"), c.get("period_end"))


def _quoted(text: str) -> str:
    return f"\u201c{text}\u201d"


def said(c: dict, *, full: bool = True) -> str:
    """What a claim says, as the finding quotes it: the words as written and what they are about."""
    if c.get("kind") == "event":
        who = ", ".join(str(p) for p in (c.get("participants") or []))
        what = _quoted(c["text"]) + (f" ({who})" if who and full else "")
        return f"{what} {at(when(c.get('date_start'), c.get('date_end')))}".strip()
    parts = [_quoted(c["text"])]
    if full and c.get("subject"):
        parts.append(str(c["subject"]))
    if full and c.get("predicate_class") and not _names_it(c.get("subject"), c["predicate_class"]):
        parts.append(happened(c["predicate_class"]))
    period = _period(c)
    if period:
        parts.append(at(period))
    return " ".join(parts)


_EVENT_NOUNS = {"died": "death", "killed": "killing", "executed": "execution", "arrested": "arrest",
                "deported": "deportation", "imprisoned": "prisoner", "evicted": "eviction"}


def _names_it(subject: str | None, predicate_class: str) -> bool:
    """Whether the subject already names the event ("deaths" died, "arrests" arrested): say it once."""
    if not subject:
        return False
    noun = _EVENT_NOUNS.get(predicate_class, predicate_class[:5])
    return any(w.startswith(noun) for w in subject.lower().split())


def finding(pair: dict, a: dict | None, b: dict | None, names: dict[str, str]) -> str:
    """The sentence a teacher reads for one aligned pair: who says what, and what follows."""
    if a is None or b is None:
        return f"{pair.get('text_a')} against {pair.get('text_b')}."
    name_a = names.get(a["source_id"], a["source_id"])
    name_b = names.get(b["source_id"], b["source_id"])
    event = pair.get("kind") == "event"
    # say the frame once when both sides share it, in full on both when it differs
    shared = (a.get("subject") == b.get("subject") and a.get("predicate_class") == b.get("predicate_class")
              and _period(a) == _period(b))
    first = said(a)
    second = said(b, full=not shared and not event)
    if event:
        second = said(b, full=False)
    if a["source_id"] == b["source_id"]:
        opening = f"{name_a} says both {first} and {second}."
    else:
        opening = f"{name_a} says {first}; {name_b} says {second}."
    status = pair.get("status")
    if status == "conflict":
        closing = "These cannot both be right."
        if "certainty" in (pair.get("reasons") or []):
            closing += " One of them is hedged or only a bound, so check how sure each writer is."
    elif status == "scope_differs":
        closing = (f"They differ in {reasons_text([r for r in pair.get('reasons') or [] if r != 'value'])}, "
                   "so they may count different things: read both before marking either wrong.")
    else:
        extra = [r for r in pair.get("reasons") or [] if r not in ("value", "date")]
        closing = "These agree" + (f", though they differ in {reasons_text(extra)}." if extra else ".")
    return f"{opening} {closing}"


def describe(c: dict) -> str:
    """A claim's frame in one plain sentence, for an annotation's body: what it says and how it is read."""
    figure = when(c.get("date_start"), c.get("date_end")) if c.get("kind") in ("date", "event") else readable_range(c)
    parts = [said(c)]
    if figure and figure != c["text"]:
        parts.append(f"read as {figure}")
    parts.append(CERTAINTY.get(c.get("certainty") or "", "") if c.get("kind") == "quantity" else "")
    if c.get("attribution"):
        parts.append(f"on the word of {c['attribution']}")
    if c.get("kind") == "quantity":
        parts.append("with a source cited" if c.get("sourced") else "no source cited")
    return "; ".join(p for p in parts if p) + "."
