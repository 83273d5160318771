"""Explanations of judged pairs: one sentence a teacher can read, naming both sources and both figures."""

from __future__ import annotations

from functools import lru_cache

from .features import SCOPE_REASONS, Claim, names


def _period_text(c: dict) -> str:
    return _span_text(c.get("period_start"), c.get("period_end"))


@lru_cache(maxsize=4096)
def _span_text(s: str | None, e: str | None) -> str:
    """A period as a reader writes it: "1937", "1934–1939", or its two dates."""
    if not s and not e:
        return ""
    if s and e and s[:4] == e[:4] and s.endswith("-01-01") and e.endswith("-12-31"):
        return s[:4]
    if s and e and s.endswith("-01-01") and e.endswith("-12-31"):
        return f"{s[:4]}–{e[:4]}"
    return f"{s or '…'} to {e or '…'}"


def _date_text(c: dict) -> str:
    s, e = c.get("date_start"), c.get("date_end")
    return s if s == e else f"{s} to {e}"


def _describe(x: Claim) -> str:
    c = x.row
    what = f"“{c['text']}”"
    if x.measure == "event":
        who = ", ".join(names(c.get("participants")))
        return f"{what} ({who}, {_date_text(c)})" if who else f"{what} ({_date_text(c)})"
    if c.get("subject"):
        what += f" {c['subject']}"
    if c.get("predicate"):
        what += f" {c['predicate']}"
    period = _period_text(c)
    if period:
        what += f" ({period})"
    return what


_DIFFERS = {
    "predicate": "what happened ({a} against {b})",
    "period": "the period ({a} against {b})",
    "place": "the place ({a} against {b})",
    "base": "the whole it is a share of ({a} against {b})",
    "subject": "what is counted ({a} against {b})",
    "event": "the event ({a} against {b})",
}


def _difference(reason: str, a: Claim, b: Claim) -> str:
    ra, rb = a.row, b.row
    values = {
        "predicate": (ra.get("predicate") or ra.get("predicate_class"),
                      rb.get("predicate") or rb.get("predicate_class")),
        "period": (_period_text(ra), _period_text(rb)),
        "place": (ra.get("place"), rb.get("place")),
        "base": (ra.get("base"), rb.get("base")),
        "subject": (_counted(a), _counted(b)),
        "event": (ra.get("event"), rb.get("event")),
    }[reason]
    return _DIFFERS[reason].format(a=values[0], b=values[1])


def _counted(x: Claim) -> str:
    if x.collective:
        return f"{x.collective}s"
    return x.row.get("subject") or "people"


def _certainty_text(a: Claim, b: Claim) -> str:
    def how(x: Claim) -> str:
        if x.hedged:
            return f"hedged (“{x.row.get('hedge') or x.row.get('certainty')}”)"
        if x.bounded:
            return f"a bound (“{x.row.get('qualifier')}”)"
        return "flat"
    return f"one is {how(a)}, the other {how(b)}" if how(a) != "flat" else f"one is flat, the other {how(b)}"


def explain(a: Claim, b: Claim, status: str, reasons: list[str]) -> str:
    """One sentence a teacher can read: both sources, both figures as written, what differs."""
    ra, rb = a.row, b.row
    if ra["source_id"] == rb["source_id"] and "attribution" in reasons:
        said = (f"{ra['source_id']} reports {ra.get('attribution_key') or 'one estimate'}'s {_describe(a)} and "
                f"{rb.get('attribution_key') or 'another'}'s {_describe(b)}")
    elif ra["source_id"] == rb["source_id"]:
        said = f"{ra['source_id']} gives both {_describe(a)} and {_describe(b)}"
    else:
        said = f"{ra['source_id']} gives {_describe(a)} and {rb['source_id']} gives {_describe(b)}"
    scope = [_difference(r, a, b) for r in reasons if r in SCOPE_REASONS]
    hedge = _certainty_text(a, b) if "certainty" in reasons else ""
    figure = "dates" if a.measure == "event" else "figures"
    if status == "conflict":
        gap = f" ({_date_text(ra)} against {_date_text(rb)})" if a.measure == "event" else \
            f" ({ra['text']} against {rb['text']})"
        same = "event" if a.measure == "event" else "count"
        sentence = f"{said}: the {figure} contradict each other for the same {same}{gap}"
        return sentence + (f"; {hedge}." if hedge else ".")
    if status == "scope_differs":
        return (f"{said}: the {figure} differ, and so does {' and '.join(scope)}, "
                "so they may not measure the same thing.")
    extra = "; ".join(p for p in (", ".join(scope) and f"but {' and '.join(scope)} differ" if len(scope) > 1 else
                                  (f"but {scope[0]} differs" if scope else ""), hedge) if p)
    return f"{said}: the {figure} are compatible" + (f", {extra}." if extra else ".")
