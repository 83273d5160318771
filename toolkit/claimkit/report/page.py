"""The audit report: one self-contained HTML page that a teacher reads in a minute, offline, and can print.

The first screen, "What to check", lists the contradictions in plain words,
most important first, each with both sentences and a link to it in its
source; differences of scope and agreements are folded below it with their
counts. Then a chart per aligned group of figures, the reference verdicts,
likely misspelt names, every source with its claims highlighted (rendered
when opened) and a glossary of every label. A line under the title says what
the page covers: this run, or the whole database with the date of each run.

Long lists are paged and source texts rendered on demand (see
:mod:`claimkit.report.assets`), so the page stays fast at 1,000 sources.
Every piece of source text goes through :func:`html.escape`, the JSON blocks
cannot close their script element, and the claim panel writes with
``textContent``: an essay containing markup shows it as text and runs nothing.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..read import Source
from ..store import atomic_path, to_records
from . import words
from .assets import CSS, JS
from .charts import MAX_MEMBERS, svg
from .groups import Group, groups_from_pairs, groups_from_table

_STATUS_RANK = {"conflict": 3, "scope_differs": 2, "agree": 1, "none": 0}
FIRST_PAGE = 20  # findings shown before "show more"
PAGE = 50  # findings, verdict rows or charts added per "show more"
FIRST_CHARTS = 4
MAX_CHARTS = 40  # charts drawn into the page (about half a second each); claimkit.plot draws any group
MAX_LISTED = 300  # pairs of one kind put in the page; all of them are in disagreements.csv and the database


@dataclass
class Coverage:
    """What a report covers: one run, or the whole database (with its runs), maybe narrowed to some sources."""

    scope: str = "run"  # "run" or "database"
    where: str | None = None  # the database file
    runs: list[dict] = field(default_factory=list)  # {"run_id", "audited_at", "sources"}
    audited_at: dict[str, str] = field(default_factory=dict)  # source id -> when it was audited
    narrowed: list[str] = field(default_factory=list)  # the source names asked for


def _e(value) -> str:
    """Text for HTML, escaped (quotes too, so it is safe in attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def _json_block(block_id: str, value) -> str:
    """A JSON value in a script block that no "</script>" inside it can end early."""
    payload = json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("&", "\\u0026")
    return f'<script type="application/json" id="{_e(block_id)}">{payload}</script>'


def _stamp(iso: str | None) -> str:
    """A run's time as people write it: "4 December 2025, 17:55 UTC"."""
    if not iso:
        return "an unknown date"
    try:
        t = datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    zone = " UTC" if t.utcoffset() is not None and not t.utcoffset() else ""
    return f"{t.day} {t.strftime('%B %Y')}, {t.strftime('%H:%M')}{zone}"


def _status_of_claims(pairs: list[dict]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Each claim's worst status over its pairs, and the pairs it takes part in."""
    status: dict[str, str] = {}
    of: dict[str, list[str]] = defaultdict(list)
    for d in pairs:
        for cid in (d["a"], d["b"]):
            of[cid].append(d["pair_id"])
            if _STATUS_RANK[d["status"]] > _STATUS_RANK[status.get(cid, "none")]:
                status[cid] = d["status"]
    return status, of


def _figure(c: dict) -> str | None:
    if c["kind"] in ("event", "date"):
        return words.when(c.get("date_start"), c.get("date_end"))
    return words.readable_range(c)


def _frame(c: dict, citations: dict[str, str], name: str) -> dict:
    """What the claim panel shows (plain strings; the script writes them as text)."""
    works = [citations.get(w, w) for w in (c.get("citations") or [])]
    cited = "; ".join(works) or (f"footnote {c['footnote']}" if c.get("footnote") else None)
    if not cited and c["kind"] == "quantity":
        cited = "none (unsourced)"
    what = words.happened(c.get("predicate_class"))
    if what and c.get("predicate") and c["predicate"] != what:
        what += f" (\u201c{c['predicate']}\u201d)"
    values = {**c, "what_happened": what or c.get("predicate"),
              "period": words.when(c.get("period_start"), c.get("period_end")),
              "certainty": words.CERTAINTY.get(c.get("certainty") or "", c.get("certainty")),
              "figure": _figure(c), "citation": cited}
    if c["kind"] == "event" and c.get("participants"):
        values["subject"] = ", ".join(str(p) for p in c["participants"])
    fields = [[label, words.plain(values[key])] for label, key, _ in words.FIELDS if values.get(key) not in (None, "")]
    return {"text": c["text"], "source": name, "source_id": c["source_id"],
            "kind": words.KINDS.get(c["kind"], c["kind"]), "fields": fields}


def _reverse_map(source: Source) -> tuple[dict[int, int], dict[int, int]]:
    """Original offsets -> offsets in the cleaned text, for where marks go."""
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    for i in range(len(source.text)):
        o_start, o_end = source.to_original(i, i + 1)
        if o_start == o_end:
            continue  # a synthetic character
        starts.setdefault(o_start, i)
        ends[o_end] = i + 1
    return starts, ends


def _hint(c: dict) -> str:
    """The frame in brief, on hover (a click opens the whole frame)."""
    parts = (c.get("subject"), words.happened(c.get("predicate_class")),
             words.when(c.get("period_start"), c.get("period_end")),
             words.CERTAINTY.get(c.get("certainty") or "") if c.get("certainty") != "asserted" else None)
    return " \u00b7 ".join(str(x) for x in parts if x) or words.KINDS.get(c["kind"], c["kind"])


def _copies(sources: list[Source], by_source: dict[str, list[dict]], frames: dict[str, dict]
            ) -> tuple[dict[str, str], dict[str, str]]:
    """Sources whose text is another's, character for character, and whose every claim reads the same
    (``{copy: first}``), and their claims' ids -> the first's: a class's copied essays are shown once."""
    first_of: dict[str, str] = {}
    copy_of: dict[str, str] = {}
    alias: dict[str, str] = {}
    for s in sources:
        if not s.text_hash or s.text_hash not in first_of:
            if s.text_hash:
                first_of[s.text_hash] = s.source_id
            continue
        first = first_of[s.text_hash]
        theirs: dict[tuple, list[dict]] = defaultdict(list)  # an event and its date share their characters
        for c in by_source.get(first, []):
            theirs[(c["kind"], c["start"], c["end"], c["text"])].append(c)
        mine = by_source.get(s.source_id, [])
        pairs = [(c, _take(theirs, (c["kind"], c["start"], c["end"], c["text"]))) for c in mine]
        if len(mine) != len(by_source.get(first, [])) or any(
                o is None or frames[c["claim_id"]]["fields"] != frames[o["claim_id"]]["fields"] for c, o in pairs):
            continue  # read differently (another issued date, another catalog entry): shown in full
        copy_of[s.source_id] = first
        alias.update((c["claim_id"], o["claim_id"]) for c, o in pairs)
    return copy_of, alias


def _take(claims: dict[tuple, list[dict]], key: tuple) -> dict | None:
    """The next claim at ``key`` (claims of one text come in the same order in every copy)."""
    found = claims.get(key)
    return found.pop(0) if found else None


def _by_first(copy_of: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for copy, first in copy_of.items():
        out[first].append(copy)
    return out


def _source_html(source: Source, claims: list[dict], status: dict[str, str]) -> str:
    """A source's cleaned text with every claim marked (overlaps keep the longer claim)."""
    starts, ends = _reverse_map(source)
    placed: list[tuple[int, int, dict]] = []
    same: dict[tuple[int, int], list[str]] = {}  # an event and its date stand on the same characters
    rank = {"event": 0, "quantity": 1, "date": 2}
    for c in sorted(claims, key=lambda c: (c["start"], -(c["end"] - c["start"]), rank.get(c["kind"], 3))):
        same.setdefault((c["start"], c["end"]), []).append(c["claim_id"])
        s, e = starts.get(c["start"]), ends.get(c["end"])
        if s is None or e is None or e <= s or (placed and s < placed[-1][1]):
            continue
        placed.append((s, e, c))
    out, pos = [], 0
    text = source.text
    for s, e, c in placed:
        out.append(_e(text[pos:s]))
        ids = same[(c["start"], c["end"])]
        worst = max((status.get(i, "none") for i in ids), key=lambda x: _STATUS_RANK.get(x, 0))
        out.append(f'<mark class="claim kind-{_e(c["kind"])}" id="claim-{_e(c["claim_id"])}" '
                   f'data-claim-id="{_e(c["claim_id"])}" data-status="{_e(worst)}" '
                   f'data-claim-ids="{_e(" ".join(ids))}" tabindex="0" role="button" '
                   f'title="{_e(_hint(c))}">{_e(text[s:e])}</mark>')
        pos = e
    out.append(_e(text[pos:]))
    return "".join(out)


def _quote(c: dict | None, side: str, status: str, name: str) -> str:
    """One side of a finding: the source's name, its sentence with the figure marked, how it is read, a link."""
    if c is None:
        return f'<blockquote class="side side-{side}"></blockquote>'
    sentence = c.get("sentence") or c["text"]
    i = sentence.find(c["text"])
    mark = f'<mark data-status="{_e(status)}">{_e(c["text"])}</mark>'
    body = (_e(sentence[:i]) + mark + _e(sentence[i + len(c["text"]):])) if i >= 0 else mark
    read = _figure(c)
    read_as = f'<div class="read-as">Read as {_e(read)}</div>' if read and read != c["text"] else ""
    return (f'<blockquote class="side side-{side}"><cite class="source-name">{_e(name)}</cite>'
            f'<p class="sentence">{body}</p>{read_as}'
            f'<a class="jump" href="#claim-{_e(c["claim_id"])}" data-claim="{_e(c["claim_id"])}" '
            f'data-source="{_e(c["source_id"])}">Show it in the source</a></blockquote>')


def _card(p: dict, by_id: dict[str, dict], names: dict[str, str]) -> str:
    a, b = by_id.get(p["a"]), by_id.get(p["b"])
    status = p["status"]
    label = words.SEVERITY.get(int(p.get("severity") or 0), words.SEVERITY[0])[0] if status == "conflict" \
        else words.STATUS.get(status, (status,))[0]
    return (f'<li class="finding" id="pair-{_e(p["pair_id"])}" data-pair-id="{_e(p["pair_id"])}" '
            f'data-status="{_e(status)}" data-severity="{_e(p.get("severity"))}">'
            f'<div class="badge">{_e(label)}</div>'
            f'<p class="plain">{_e(words.finding(p, a, b, names))}</p>'
            f'<div class="sides">{_quote(a, "a", status, names.get(p["source_a"], p["source_a"]))}'
            f'{_quote(b, "b", status, names.get(p["source_b"], p["source_b"]))}</div></li>')


class _Blocks:
    """The JSON blocks held back for on-demand rendering, and where each pair ended up."""

    def __init__(self):
        self.blocks: list[str] = []
        self.where: dict[str, tuple[str, str, str]] = {}

    def add(self, block_id: str, html_text: str) -> str:
        self.blocks.append(_json_block(block_id, html_text))
        return block_id

    def paged(self, list_id: str, items: list[tuple[str, str]], first: int, fold: str | None = None,
              tag: str = "ol", css: str = "findings") -> str:
        """A list showing ``first`` items, the rest in pages behind a "show more" button."""
        shown = "".join(h for _, h in items[:first])
        pages = []
        rest = items[first:]
        for k in range(0, len(rest), PAGE):
            page_id = f"{list_id}-page-{k // PAGE + 1}"
            chunk = rest[k:k + PAGE]
            self.add(page_id, "".join(h for _, h in chunk))
            for key, _ in chunk:
                self.where[key] = (fold or "", list_id, page_id)
            pages.append(page_id)
        button = (f'<button type="button" class="more" data-target="{list_id}" data-pages="{" ".join(pages)}">'
                  f'Show more ({len(rest)} not shown yet)</button>') if pages else ""
        if tag == "tbody":  # a button cannot stand inside a table
            return f'<tbody class="{css}" id="{list_id}">{shown}</tbody></table>{button}'
        return f'<{tag} class="{css}" id="{list_id}">{shown}</{tag}>{button}'


def _sort_key(p: dict):
    return (-_STATUS_RANK[p["status"]], -(p.get("severity") or 0), -(p.get("relative_difference") or 0))


def _not_listed(n: int) -> str:
    if n <= MAX_LISTED:
        return ""
    return (f'<p class="not-listed">The {MAX_LISTED:,} most important are listed here; all {n:,} are in '
            "disagreements.csv and the claims database.</p>")


def _coverage_line(coverage: Coverage, n_sources: int) -> str:
    if coverage.scope == "database":
        runs = sorted(coverage.runs, key=lambda r: str(r.get("audited_at") or ""))
        dates = "; ".join(f"{_stamp(r.get('audited_at'))} ({r.get('sources', 0)} sources)" for r in runs)
        text = (f"This report covers everything stored in the database {coverage.where or ''}: "
                f"{n_sources} sources from {len(runs)} run{'s' if len(runs) != 1 else ''}"
                + (f" ({dates})" if dates else "") + ". Each source says when it was audited.")
        if coverage.narrowed:
            text = (f"This report covers {n_sources} of the sources stored in the database {coverage.where or ''}, "
                    f"as asked ({', '.join(coverage.narrowed)}), audited in {len(runs)} "
                    f"run{'s' if len(runs) != 1 else ''}" + (f" ({dates})" if dates else "")
                    + ". Each source says when it was audited.")
        return text
    when_run = _stamp(coverage.runs[0]["audited_at"]) if coverage.runs else None
    return (f"This report covers this run only: the {n_sources} sources audited"
            + (f" on {when_run}" if when_run else "") + ". Run 'claimkit report' for everything in the database.")


def _chart_html(g: Group) -> str:
    shown = min(len(g.members), MAX_MEMBERS)
    more = f" {shown} of {len(g.members)} figures are drawn, spread from lowest to highest." \
        if shown < len(g.members) else ""
    label = words.STATUS.get(g.status, ("",))[0]
    members = " ".join(m.claim_id for m in g.members)
    hedged = " ".join(m.claim_id for m in g.members if m.hedged)
    return (f'<figure class="estimates-chart" data-status="{_e(g.status)}" data-group-id="{_e(g.group_id)}" '
            f'data-members="{members}" data-hedged="{hedged}">'
            f'{svg(g)}<figcaption><strong>{_e(label)}: {_e(g.title)}</strong> ({len(g.members)} figures). '
            f'A dot is the figure as written, a bar the values it stands for; hollow and dashed: hedged or '
            f'only a bound.{_e(more)}</figcaption></figure>')


def render_report(sources: Iterable[Source], claims: pd.DataFrame, disagreements: pd.DataFrame,
                  verdicts: pd.DataFrame | None = None, names: pd.DataFrame | None = None,
                  citations: pd.DataFrame | None = None, title: str = "claimkit audit report",
                  coverage: Coverage | None = None, groups: pd.DataFrame | list[Group] | None = None) -> str:
    """The report as one HTML string (see the module docstring).

    ``groups`` are the aligned groups to chart: the comparison's groups table, or :class:`Group`
    objects; by default they are made from the aligned pairs.
    """
    sources = list(sources)
    coverage = coverage or Coverage()
    claim_rows = to_records(claims)
    by_id = {c["claim_id"]: c for c in claim_rows}
    pairs = sorted(to_records(disagreements), key=_sort_key)
    status, pairs_of = _status_of_claims(pairs)
    if isinstance(groups, pd.DataFrame):  # copies of a sentence are judged once: their group says how they fare
        for g in groups.itertuples(index=False):
            flagged = set(g.disagreeing)
            for cid in g.members:
                mark = g.status if cid in flagged else "agree"
                if _STATUS_RANK[mark] > _STATUS_RANK[status.get(cid, "none")]:
                    status[cid] = mark
    meta_of = {s.source_id: {**s.to_record(), "path": s.path} for s in sources}
    names_of = {sid: words.source_name(sid, m) for sid, m in meta_of.items()}
    for c in claim_rows:  # claims of sources not shown (a file gone since) still get a name
        names_of.setdefault(c["source_id"], c["source_id"])
    cited = {r["citation_id"]: " ".join(x for x in (r.get("author"), f"({r['year']})" if r.get("year") else None,
                                                    r.get("title")) if x) or r.get("text")
             for r in to_records(citations)} if citations is not None and len(citations) else {}
    conflicts = [p for p in pairs if p["status"] == "conflict"]
    scope = [p for p in pairs if p["status"] == "scope_differs"]
    agree = [p for p in pairs if p["status"] == "agree"]
    unsourced = sum(1 for c in claim_rows if c["kind"] == "quantity" and not c.get("sourced"))
    blocks = _Blocks()

    out = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
           f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{_e(title)}</title>"
           f"<style>{CSS}</style></head><body>"]
    out.append(f'<header><h1>{_e(title)}</h1><p class="coverage" id="coverage" data-scope="{_e(coverage.scope)}">'
               f'{_e(_coverage_line(coverage, len(sources)))}</p>'
               '<nav><a href="#what-to-check">What to check</a><a href="#charts">Estimates</a>'
               '<a href="#verdicts">References</a><a href="#sources">Sources</a><a href="#glossary">Glossary</a>'
               '</nav>')
    counts = (("conflicts", "Contradictions", len(conflicts)), ("scope", "Different scope", len(scope)),
              ("agree", "Agreements", len(agree)), ("sources", "Sources", len(sources)),
              ("claims", "Claims", len(claim_rows)), ("unsourced", "Unsourced figures", unsourced))
    out.append('<dl class="counts" id="summary">' + "".join(
        f'<div><dt>{_e(label)}</dt><dd id="count-{key}">{n:,}</dd></div>' for key, label, n in counts) + "</dl>")
    out.append("</header><main>")

    out.append('<section id="what-to-check"><h2>What to check</h2>')
    if conflicts:
        out.append(f"<p>{len(conflicts):,} contradiction{'s' if len(conflicts) != 1 else ''} between figures or "
                   "dates, the most important first. Each gives both sentences; follow a link to read it in its "
                   "source.</p>")
        out.append(blocks.paged("conflict-list", [(p["pair_id"], _card(p, by_id, names_of))
                                                  for p in conflicts[:MAX_LISTED]], FIRST_PAGE))
        out.append(_not_listed(len(conflicts)))
    else:
        out.append("<p>No contradictions found: no two figures or dates for the same thing that cannot both be "
                   "right.</p>")
    for key, items, label, what in (
            ("scope", scope, "Different scope", words.STATUS["scope_differs"][1]),
            ("agree", agree, "Agreements", words.STATUS["agree"][1])):
        if not items:
            continue
        fold = f"fold-{key}"
        inner = blocks.paged(f"{key}-list", [(p["pair_id"], _card(p, by_id, names_of))
                                             for p in items[:MAX_LISTED]], PAGE, fold=fold) + _not_listed(len(items))
        summary = f'<summary>{_e(label)} ({len(items):,}) <small>{_e(what)}</small></summary>'
        if key == "scope" and not conflicts:  # nothing contradicts: the differences of scope are the news
            out.append(f'<details class="fold" id="{fold}" open>{summary}<div>{inner}</div></details>')
            continue
        block = blocks.add(f"{fold}-content", inner)
        for p in items[:PAGE]:
            blocks.where[p["pair_id"]] = (fold, fold, block)
        out.append(f'<details class="fold" id="{fold}">{summary}<div data-lazy="{block}"></div></details>')
    out.append("</section>")

    out.append('<section id="charts"><h2>Estimates side by side</h2>')
    if isinstance(groups, pd.DataFrame):
        groups = groups_from_table(groups, by_id, names_of)
    groups = groups if groups is not None else groups_from_pairs(pairs, by_id, names_of)
    if groups:
        out.append("<p>One chart for each group of figures claimkit judged to be about the same thing; "
                   "groups with a contradiction first.</p>")
        out.append("".join(_chart_html(g) for g in groups[:FIRST_CHARTS]))
        rest = groups[FIRST_CHARTS:MAX_CHARTS]
        if rest:
            inner = blocks.paged("chart-list", [(g.group_id, _chart_html(g)) for g in rest], PAGE // 5, tag="div",
                                 css="charts")
            block = blocks.add("fold-charts-content", inner)
            out.append(f'<details class="fold" id="fold-charts"><summary>More charts ({len(rest):,})</summary>'
                       f'<div data-lazy="{block}"></div></details>')
        if len(groups) > MAX_CHARTS:
            out.append(f"<p>{len(groups) - MAX_CHARTS:,} smaller groups are not drawn here; in a notebook, "
                       "claimkit.plot.estimates draws any of them.</p>")
    else:
        out.append("<p>No aligned figures to chart.</p>")
    out.append("</section>")

    out.append('<section id="verdicts"><h2>Checked against references</h2>')
    if verdicts is not None and len(verdicts):
        checks = to_records(verdicts)
        rows = [v for v in checks if v["verdict"] != "no_reference"]
        out.append(f"<p>{len(rows):,} checks against rows of the reference tables; "
                   f"{len(checks) - len(rows):,} claims have no reference row (not checked).</p>")
        items = []
        for v in rows:
            label = words.VERDICTS.get(v["verdict"], (v["verdict"],))[0]
            figure = words.dates_in(v.get("reference_figure"))
            subject = words.plain(v.get("reference_subject"))
            items.append((v["claim_id"],
                          f'<tr class="verdict" data-verdict="{_e(v["verdict"])}" data-claim-id="{_e(v["claim_id"])}">'
                          f'<td>{_e(names_of.get(v["source_id"], v["source_id"]))}</td><td>{_e(v["text"])}</td>'
                          f'<td>{_e(label)}</td><td>{_e(figure)}{" (" + _e(subject) + ")" if subject else ""}</td>'
                          f'<td class="citation">{_e(v.get("citation_text"))}'
                          f'{", p. " + _e(v["page"]) if v.get("page") else ""}</td></tr>'))
        out.append('<table id="verdict-table"><thead><tr><th>Source</th><th>Claim</th><th>Verdict</th>'
                   '<th>Reference figure</th><th>Citation</th></tr></thead>')
        out.append(blocks.paged("verdict-rows", items, PAGE, tag="tbody", css="rows"))
    else:
        out.append("<p>No reference table was given.</p>")
    if names is not None and len(names):
        out.append('<h3>Likely misspelt names</h3><ul id="name-checks">')
        for n in to_records(names):
            out.append(f"<li>{_e(names_of.get(n['source_id'], n['source_id']))}: \u201c{_e(n['text'])}\u201d, "
                       f"usually spelt {_e(n['reference_name'])}</li>")
        out.append("</ul>")
    out.append("</section>")

    out.append('<section id="sources"><h2>Sources</h2><p class="legend">Open a source to read it with its figures '
               'and dates highlighted: <span style="background:#f8c9c4">part of a contradiction</span>'
               '<span style="background:#fde0c2">different scope</span><span style="background:#d4efdf">agrees '
               'with another source</span><span style="background:#e8eef8">a date</span>'
               '<span style="background:#fff3b0">compared with nothing</span>. Click a highlight for what claimkit '
               'read in it.</p>')
    by_source: dict[str, list[dict]] = defaultdict(list)
    for c in claim_rows:
        by_source[c["source_id"]].append(c)
    frames = {cid: _frame(c, cited, names_of[c["source_id"]]) for cid, c in by_id.items()}
    copy_of, alias = _copies(sources, by_source, frames)
    for first, copies in _by_first(copy_of).items():
        for cid in (c["claim_id"] for c in by_source.get(first, [])):
            if cid in frames:
                names = [names_of[x] for x in copies]
                frames[cid]["fields"].append(["Same text in", ", ".join(names[:10])
                                              + (f" and {len(names) - 10} more" if len(names) > 10 else "")])
    for s in sources:
        meta = meta_of[s.source_id]
        mine = by_source.get(s.source_id, [])
        n_conflicts = sum(1 for c in mine if status.get(c["claim_id"]) == "conflict")
        facts = [("Authors", ", ".join(meta.get("authors") or [])), ("Issued", meta.get("issued")),
                 ("Genre", meta.get("genre")), ("Address", meta.get("url")), ("File", Path(s.path).name),
                 ("Audited", _stamp(coverage.audited_at[s.source_id]) if s.source_id in coverage.audited_at
                  else None)]
        first = copy_of.get(s.source_id)
        if first is not None:  # a copy: its text and marks are the first's, shown once
            body = (f'<p class="copy">The same text as <a href="#source-{_e(first)}" data-source-link="{_e(first)}">'
                    f'{_e(names_of[first])}</a>, character for character: its figures are marked there.</p>')
        else:
            body = _source_html(s, mine, status)
        if s.excluded:
            body_aside = ("<details class=\"excluded\"><summary>Set aside as not the author's text "
                          f"({len(s.excluded)})</summary><ul>" + "".join(
                              f"<li><strong>{_e(words.plain(x.get('reason')))}</strong>: "
                              f"{_e((x.get('text') or '')[:300])}</li>" for x in s.excluded) + "</ul></details>")
        else:
            body_aside = ""
        block = blocks.add(f"text-{s.source_id}", body)
        aside = blocks.add(f"aside-{s.source_id}", body_aside) if body_aside else None
        out.append(f'<article class="source" id="source-{_e(s.source_id)}" data-source-id="{_e(s.source_id)}">'
                   f'<details><summary><strong>{_e(names_of[s.source_id])}</strong> <small>{len(mine)} claims'
                   f'{f", {n_conflicts} in contradictions" if n_conflicts else ""}</small></summary>'
                   '<dl class="meta">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts if v)
                   + f'</dl><div class="source-text" data-lazy="{block}"></div>'
                   + (f'<div class="aside" data-lazy="{aside}"></div>' if aside else "") + "</details></article>")
    out.append("</section>")

    out.append('<section id="glossary"><h2>What the words mean</h2><dl>' + "".join(
        f"<dt>{_e(term)}</dt><dd>{_e(text)}</dd>" for term, text in words.glossary()) + "</dl></section>")
    out.append("</main>")
    listed = {p["pair_id"] for group in (conflicts, scope, agree) for p in group[:MAX_LISTED]}
    data = {"claims": {cid: f for cid, f in frames.items() if cid not in alias},
            "alias": alias,  # a copy's claim -> the same claim of the first copy, where it is marked
            "pairs": {cid: [p for p in ps if p in listed] for cid, ps in pairs_of.items()
                      if any(p in listed for p in ps)},  # only pairs with a card on the page to link to
            "status": {p["pair_id"]: words.STATUS.get(p["status"], (p["status"],))[0].lower() for p in pairs
                       if p["pair_id"] in listed},
            "where": blocks.where}
    out.append('<aside id="frame-panel" hidden aria-live="polite"></aside>')
    out.append(_json_block("claim-data", data))
    out.extend(blocks.blocks)
    out.append(f"<script>{JS}</script></body></html>")
    return "".join(out)


def write_report(path: str | Path, sources: Iterable[Source], claims: pd.DataFrame, disagreements: pd.DataFrame,
                 **kwargs) -> Path:
    """Write :func:`render_report`'s page to ``path`` (atomically) and return the path.

    Example:
        >>> r = audit(["sources/"])  # doctest: +SKIP
        >>> write_report("report.html", r.sources, r.claims, r.disagreements, verdicts=r.verdicts)  # doctest: +SKIP
    """
    path = Path(path)
    page = render_report(sources, claims, disagreements, **kwargs)
    with atomic_path(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return path
