"""Text that is not the author's, found on pages of any site, set aside with its kind.

The rules are data (``data/boilerplate.json``, whose ``_doc`` says how each applies): line
patterns by kind (``advertising``, ``navigation``, ``credit`` for licences and image credits,
``widget`` for sign-up and paywall prompts, ``syllabus`` for course and exam headers,
``image`` for Markdown image lines and caption debris), headings after which everything is a
footer or the references, and dateline patterns. Patterns are general, not one site's
markers: a line is set aside for what it is ("Jump to content", "CC BY 2.0"), and every kind
but advertising only on a short line, so a sentence that mentions a licence stays.

A dateline is a line that only dates the text ("2016-06-29", "Posted on March 3, 2019")
among its first or last few lines; it also gives the source its date when the catalog
does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import _data

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"[^\n]+")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


@dataclass(frozen=True)
class _Rules:
    advertising: re.Pattern
    kinds: tuple[tuple[str, re.Pattern], ...]
    datelines: tuple[re.Pattern, ...]
    footer_headings: frozenset
    reference_headings: frozenset
    max_paragraph_words: int
    neighbour_words: int
    max_line_words: int
    dateline_lines: int


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """The rules of ``data/boilerplate.json``, each kind's patterns compiled once into one alternation."""
    data = _data.load("boilerplate")

    def one(patterns: list[str]) -> re.Pattern:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    months = "|".join(f"{m[:3]}(?:{m[3:]})?" if len(m) > 3 else m for m in _MONTHS).replace("sep(?:tember)?", "sep(?:t(?:ember)?)?")
    return _Rules(
        advertising=one(data["line_patterns"]),
        kinds=tuple((kind, one(patterns)) for kind, patterns in data["line_kinds"].items()),
        datelines=tuple(re.compile(p.replace("{months}", months), re.IGNORECASE) for p in data["dateline_patterns"]),
        footer_headings=frozenset(data["footer_headings"]),
        reference_headings=frozenset(data["reference_headings"]),
        max_paragraph_words=data["max_paragraph_words"],
        neighbour_words=data["neighbour_words"],
        max_line_words=data["max_line_words"],
        dateline_lines=data["dateline_lines"],
    )


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, trimmed of surrounding white space."""
    spans, pos = [], 0
    for m in list(_PARAGRAPH_BREAK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if chunk.strip():
            spans.append((pos + lead, pos + trail))
        pos = m.end() if m else end
    return spans


def _section(line: str, rules: _Rules) -> str | None:
    """``footer`` or ``references`` when a line is only such a heading ("Related Posts", "## Notes")."""
    heading = line.strip().strip("#=*_ ").rstrip(":").strip().lower()
    if heading in rules.footer_headings:
        return "footer"
    if heading in rules.reference_headings:
        return "references"
    return None


def find_boilerplate(text: str) -> list[dict]:
    """Ranges of ``text`` that are not the author's, each with its ``reason`` (its kind)."""
    rules = _rules()
    paras = paragraphs(text)
    marked: dict[object, tuple[int, int, str]] = {}
    for i, (start, end) in enumerate(paras):
        lines = list(_LINE.finditer(text, start, end))
        cut = next(((n, reason) for n, m in enumerate(lines) if (reason := _section(m.group(), rules))), None)
        if cut is not None:  # a footer or the references: from this heading to the end
            n, reason = cut
            marked[i] = (lines[n].start(), end, reason)
            for j in range(i + 1, len(paras)):
                marked[j] = (*paras[j], reason)
            lines = lines[:n]
        hits = [m for m in lines if rules.advertising.search(m.group())]
        if hits and sum(len(m.group().split()) for m in lines) <= rules.max_paragraph_words:
            marked[i] = (start, end if cut is None else marked[i][1], "advertising")
        else:
            for m in hits:
                marked[(i, m.start())] = (m.start(), m.end(), "advertising")
            for m in lines:
                line = m.group()
                if m in hits or len(line.split()) > rules.max_line_words:
                    continue
                core = line.strip().lstrip("#").strip()
                kind = next((kind for kind, pattern in rules.kinds if pattern.search(core)), None)
                if kind is not None:
                    marked[(i, m.start())] = (m.start(), m.end(), kind)
        if cut is not None:
            break
    # Short paragraphs that touch an advertising paragraph belong to it.
    grew = True
    while grew:
        grew = False
        for i, (start, end) in enumerate(paras):
            chunk = text[start:end]
            if i in marked or len(chunk.split()) > rules.neighbour_words or any(ch.isdigit() for ch in chunk) \
                    or chunk.rstrip().endswith("."):
                continue
            if marked.get(i - 1, (0, 0, ""))[2] == "advertising" or marked.get(i + 1, (0, 0, ""))[2] == "advertising":
                marked[i] = (start, end, "advertising")
                grew = True
    out: list[dict] = []
    for s, e, reason in sorted(marked.values(), key=lambda r: (r[0], -r[1])):
        if out and s < out[-1]["end"]:  # inside a range already set aside
            continue
        out.append({"start": s, "end": e, "reason": reason, "text": text[s:e]})
    return out


def find_dateline(text: str, excluded: list[dict]) -> dict | None:
    """A line among the first or last few that only dates the text: the source's own date."""
    rules = _rules()
    inside = [(e["start"], e["end"]) for e in excluded]
    lines = [m for m in _LINE.finditer(text) if m.group().strip() and not any(s <= m.start() < e for s, e in inside)]
    k = rules.dateline_lines
    candidates = lines[-k:][::-1] + lines[:k] if len(lines) > 2 * k else lines[::-1]
    for m in candidates:
        line = m.group().strip()
        for pattern in rules.datelines:
            found = pattern.fullmatch(line)
            if found:
                start = m.start() + (len(m.group()) - len(m.group().lstrip()))
                end = start + len(line)
                return {"start": start, "end": end, "reason": "dateline", "text": text[start:end],
                        "issued": _iso(found)}
    return None


def _iso(m: re.Match) -> str | None:
    """The date a dateline match names, as ISO (None when its parts are not a calendar date)."""
    from datetime import date

    parts = m.groupdict()
    if not parts.get("year"):
        return None
    year = int(parts["year"])
    month = parts.get("month")
    if month and not month.isdigit():
        month = next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(month.lower().rstrip(".")[:3]))
    month = int(month) if month else None
    day = next((int(parts[k]) for k in ("day", "day2") if parts.get(k)), None)
    try:
        if month and day:
            return date(year, month, day).isoformat()
        if month:
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    except ValueError:
        return None
    return f"{year:04d}"
