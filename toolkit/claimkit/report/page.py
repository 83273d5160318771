"""The audit report: one self-contained HTML page that a teacher reads offline and can print.

What it shows: a summary, then the disagreements sorted by severity with both
sentences side by side, a chart of the estimates for each aligned group of
figures, the reference verdicts with their citations, likely misspelt names,
and every source with its claims highlighted by status. Clicking a claim (or
pressing Enter on it) opens its frame and links to the disagreements it takes
part in. Styles and the one script are inline and nothing is fetched, so the
file works offline. Every piece of source text goes through :func:`html.escape`,
and the script writes the frames with ``textContent``: an essay containing
markup shows it as text and runs nothing.
"""

from __future__ import annotations

import html
import json
import math
from collections import defaultdict
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..compare import claim_features
from ..read import Source
from ..store import atomic_path, to_records

_STATUS_RANK = {"conflict": 3, "scope_differs": 2, "agree": 1, "none": 0}
_FRAME_FIELDS = (("Subject", "subject"), ("Predicate", "predicate"), ("Class", "predicate_class"),
                 ("Period", "period"), ("Place", "place"), ("Certainty", "certainty"), ("Hedge", "hedge"),
                 ("Attributed to", "attribution"), ("Citation", "citation"), ("Value", "figure"))


def _e(value) -> str:
    """Text for HTML, escaped (quotes too, so it is safe in attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def _status_of_claims(disagreements: list[dict]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Each claim's worst status over its pairs, and the pairs it takes part in."""
    status: dict[str, str] = {}
    pairs: dict[str, list[str]] = defaultdict(list)
    for d in disagreements:
        for cid in (d["a"], d["b"]):
            pairs[cid].append(d["pair_id"])
            if _STATUS_RANK[d["status"]] > _STATUS_RANK[status.get(cid, "none")]:
                status[cid] = d["status"]
    return status, pairs


def _period(c: dict) -> str | None:
    s, e = c.get("period_start"), c.get("period_end")
    if not s and not e:
        return None
    return s if s == e else f"{s or '…'} to {e or '…'}"


def _figure(c: dict) -> str | None:
    if c["kind"] == "event" or c["kind"] == "date":
        s, e = c.get("date_start"), c.get("date_end")
        return None if not s and not e else (s if s == e else f"{s or '…'} to {e or '…'}")
    lo, hi, v = c.get("low"), c.get("high"), c.get("value")
    unit = c.get("unit") or ""

    def n(x: float) -> str:
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.4g}"
    if lo is not None and hi is not None and lo != hi:
        return f"{n(lo)} to {n(hi)} {unit}".strip()
    if v is not None:
        return f"{n(v)} {unit}".strip()
    return None


def _frame(c: dict, citations: dict[str, str]) -> dict:
    """What the panel shows for a claim (plain strings; the script writes them as text)."""
    works = [citations.get(w, w) for w in (c.get("citations") or [])]
    cited = "; ".join(works) or (f"footnote {c['footnote']}" if c.get("footnote") else None)
    values = {**c, "period": _period(c), "figure": _figure(c), "citation": cited or ("none: unsourced"
                                                                                     if c["kind"] == "quantity"
                                                                                     else None)}
    return {"text": c["text"], "source": c["source_id"], "kind": c["kind"],
            "fields": [[label, str(values[key])] for label, key in _FRAME_FIELDS if values.get(key) not in (None, "")]}


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


def _source_html(source: Source, claims: list[dict], status: dict[str, str]) -> str:
    """A source's cleaned text with every claim marked (overlaps keep the longer claim)."""
    starts, ends = _reverse_map(source)
    placed: list[tuple[int, int, dict]] = []
    for c in sorted(claims, key=lambda c: (c["start"], -(c["end"] - c["start"]))):
        s, e = starts.get(c["start"]), ends.get(c["end"])
        if s is None or e is None or e <= s or (placed and s < placed[-1][1]):
            continue
        placed.append((s, e, c))
    out, pos = [], 0
    text = source.text
    for s, e, c in placed:
        out.append(_e(text[pos:s]))
        hint = " · ".join(str(x) for x in (c.get("subject"), c.get("predicate_class"), _period(c), c.get("certainty"))
                          if x) or c["kind"]  # on hover; a click opens the whole frame
        out.append(f'<mark class="claim kind-{_e(c["kind"])}" data-claim-id="{_e(c["claim_id"])}" '
                   f'data-status="{_e(status.get(c["claim_id"], "none"))}" tabindex="0" role="button" '
                   f'title="{_e(hint)}">{_e(text[s:e])}</mark>')
        pos = e
    out.append(_e(text[pos:]))
    return "".join(out)


def _sentence_cell(c: dict | None, side: str) -> str:
    if c is None:
        return f'<td class="side-{side}"></td>'
    sentence = c.get("sentence") or c["text"]
    i = sentence.find(c["text"])
    body = (_e(sentence[:i]) + f"<mark>{_e(c['text'])}</mark>" + _e(sentence[i + len(c['text']):])) if i >= 0 \
        else f"<mark>{_e(c['text'])}</mark> <span class='context'>{_e(sentence)}</span>"
    return f'<td class="side-{side}"><div class="source-id">{_e(c["source_id"])}</div>{body}</td>'


def _groups(disagreements: list[dict]) -> list[list[str]]:
    """Claims linked by aligned quantity pairs, as groups (connected components)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for d in disagreements:
        if d.get("kind") == "quantity":
            parent[find(d["a"])] = find(d["b"])
    groups: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        groups[find(x)].append(x)
    return [g for g in groups.values() if len(g) > 1]


def _number(v: float) -> str:
    """An axis number a reader takes in at a glance: 850,000; 1.2 million."""
    if abs(v) >= 1e6:
        return f"{v / 1e6:.3g} million"
    return f"{v:,.0f}" if abs(v) >= 10 else f"{v:.3g}"


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _chart(group: list[str], by_id: dict[str, dict], flagged: bool) -> str:
    """An inline SVG: a point for each source's figure and a line for its range; hedged ones dashed."""
    rows = []
    for cid in group:
        c = by_id.get(cid)
        features = claim_features(c) if c else []
        if not features:
            continue
        f = features[0][1]
        rows.append((c, f))
    if len(rows) < 2:
        return ""
    rows.sort(key=lambda r: (r[1].point if r[1].point is not None else 0))
    finite = [x for _, f in rows for x in (f.low, f.high, f.point) if x is not None and math.isfinite(x)]
    lo, hi = 0.0, max(finite) * 1.08 or 1.0  # from zero: a dot plot that starts elsewhere exaggerates gaps
    width, left, right, row_h, top = 720, 260, 30, 28, 20
    height = top + row_h * len(rows) + 30

    def x(v: float) -> float:
        v = min(max(v, lo), hi)
        return left + (v - lo) / (hi - lo) * (width - left - right)

    measure = rows[0][1].measure
    unit = "%" if measure == "share" else (" days" if measure == "duration" else "")
    parts = [f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="{_e("Estimates of " + (rows[0][0].get("subject") or "the same count"))}">']
    for k in range(5):
        v = lo + (hi - lo) * k / 4
        parts.append(f'<line class="grid" x1="{x(v):.1f}" x2="{x(v):.1f}" y1="{top - 6}" y2="{height - 24}"/>'
                     f'<text class="tick" x="{x(v):.1f}" y="{height - 8}" text-anchor="middle">{_e(_number(v))}'
                     f'{_e(unit)}</text>')
    for i, (c, f) in enumerate(rows):
        y = top + row_h * i + row_h / 2
        hedged = f.hedged or f.bounded
        label = f"{c['source_id']}: {c['text']}"
        x1 = x(f.low if math.isfinite(f.low) else lo)
        x2 = x(f.high if math.isfinite(f.high) else hi)
        point = f.point if f.point is not None else (f.low + f.high) / 2
        parts.append(
            f'<g class="estimate{" hedged" if hedged else ""}" data-claim-id="{_e(c["claim_id"])}">'
            f'<title>{_e(label)}{" (hedged)" if hedged else ""}</title>'
            f'<text class="label" x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{_e(_short(label, 34))}</text>'
            f'<line class="range" x1="{x1:.1f}" x2="{max(x2, x1 + 1):.1f}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<circle cx="{x(point):.1f}" cy="{y:.1f}" r="5"/></g>')
    parts.append("</svg>")
    first = rows[0][0]
    subject = next((c["subject"] for c, _ in rows if c.get("subject")), "the same count")
    caption = (f"{'Disputed' if flagged else 'Aligned'}: {subject}"
               f"{' ' + first['predicate_class'] if first.get('predicate_class') else ''} "
               f"({len(rows)} figures; hollow dashed marks are hedged or bounds)")
    return f'<figure class="estimates-chart">{"".join(parts)}<figcaption>{_e(caption)}</figcaption></figure>'


_CSS = """
body{font-family:Georgia,'Times New Roman',serif;margin:0;color:#1d1d1d;background:#fbfaf7;line-height:1.5}
header,main{max-width:1100px;margin:0 auto;padding:0 1.2rem}
header{padding-top:1.2rem}h1{font-size:1.7rem;margin:.3rem 0}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem}
nav a{margin-right:1rem}
dl.counts{display:grid;grid-template-columns:repeat(4,minmax(8rem,1fr));gap:.5rem}
dl.counts div{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.5rem .8rem}
dl.counts dt{font-size:.85rem;color:#555}dl.counts dd{margin:0;font-size:1.6rem;font-weight:bold}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.92rem}
th,td{border:1px solid #ddd;padding:.4rem .5rem;vertical-align:top;text-align:left}
tr.disagreement[data-status=conflict] td:first-child{border-left:6px solid #c0392b}
tr.disagreement[data-status=scope_differs] td:first-child{border-left:6px solid #e67e22}
tr.disagreement[data-status=agree] td:first-child{border-left:6px solid #27ae60}
.source-id{font-size:.8rem;color:#666;font-family:sans-serif}
mark{background:#fff3b0;padding:0 .1em}
mark.claim{cursor:pointer;border-bottom:2px solid #999}
mark.claim[data-status=conflict]{background:#f8c9c4;border-color:#c0392b}
mark.claim[data-status=scope_differs]{background:#fde0c2;border-color:#e67e22}
mark.claim[data-status=agree]{background:#d4efdf;border-color:#27ae60}
mark.claim.kind-date{background:#e8eef8;border-color:#7f8fa6}
mark.claim:focus{outline:2px solid #2c3e50}
.source-text{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:1rem;border-radius:6px}
figure.estimates-chart{background:#fff;border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.5rem}
figure svg .grid{stroke:#eee}figure svg .tick,figure svg .label{font:12px sans-serif;fill:#333}
figure svg .range{stroke:#2c3e50;stroke-width:3}figure svg circle{fill:#2c3e50}
figure svg .hedged .range{stroke-dasharray:5 4;stroke:#8e44ad}figure svg .hedged circle{fill:#fff;stroke:#8e44ad;stroke-width:2}
#frame-panel{position:fixed;right:1rem;top:1rem;width:22rem;max-height:80vh;overflow:auto;background:#fff;
 border:2px solid #2c3e50;border-radius:8px;padding:.8rem 1rem;box-shadow:0 4px 18px rgba(0,0,0,.2);font-family:sans-serif;font-size:.9rem}
#frame-panel dt{font-weight:bold;margin-top:.3rem}#frame-panel dd{margin-left:0}
.legend span{margin-right:1rem;padding:0 .3rem}
@media print{#frame-panel,nav{display:none}details{display:block}details>*{display:block}.source-text{border:none}}
"""

_JS = """
(function () {
  var data = JSON.parse(document.getElementById('claim-data').textContent);
  var panel = document.getElementById('frame-panel');
  function show(mark) {
    var id = mark.getAttribute('data-claim-id');
    var item = data.claims[id];
    if (!item) { return; }
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    var close = document.createElement('button');
    close.type = 'button'; close.textContent = 'Close'; close.style.float = 'right';
    close.addEventListener('click', function () { panel.hidden = true; });
    panel.appendChild(close);
    var h = document.createElement('h3');
    h.textContent = '\\u201c' + item.text + '\\u201d (' + item.source + ')';
    panel.appendChild(h);
    var dl = document.createElement('dl');
    item.fields.forEach(function (f) {
      var dt = document.createElement('dt'); dt.textContent = f[0];
      var dd = document.createElement('dd'); dd.textContent = f[1];
      dl.appendChild(dt); dl.appendChild(dd);
    });
    panel.appendChild(dl);
    var pairs = data.pairs[id] || [];
    if (pairs.length) {
      var p = document.createElement('p'); p.textContent = 'Disagreements: ';
      pairs.forEach(function (pid, i) {
        var a = document.createElement('a');
        a.href = '#pair-' + pid; a.textContent = (data.status[pid] || 'pair') + ' ' + (i + 1);
        p.appendChild(a); p.appendChild(document.createTextNode(' '));
      });
      panel.appendChild(p);
    }
    panel.setAttribute('data-claim-id', id);
    panel.hidden = false;
  }
  document.querySelectorAll('mark.claim').forEach(function (m) {
    m.addEventListener('click', function () { show(m); });
    m.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { show(m); } });
  });
})();
"""


def render_report(sources: Iterable[Source], claims: pd.DataFrame, disagreements: pd.DataFrame,
                  verdicts: pd.DataFrame | None = None, names: pd.DataFrame | None = None,
                  citations: pd.DataFrame | None = None, title: str = "claimkit audit report") -> str:
    """The report as one HTML string (see the module docstring)."""
    sources = list(sources)
    claim_rows = to_records(claims)
    by_id = {c["claim_id"]: c for c in claim_rows}
    pairs = to_records(disagreements)
    status, pairs_of = _status_of_claims(pairs)
    cited = {r["citation_id"]: " ".join(x for x in (r.get("author"), f"({r['year']})" if r.get("year") else None,
                                                    r.get("title")) if x) or r.get("text")
             for r in to_records(citations)} if citations is not None and len(citations) else {}
    flagged = [p for p in pairs if p["flagged"]]
    quantities = [c for c in claim_rows if c["kind"] == "quantity"]
    unsourced = sum(1 for c in quantities if not c.get("sourced"))
    by_severity = {s: sum(1 for p in flagged if p["severity"] == s) for s in (3, 2, 1)}

    out = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
           f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{_e(title)}</title>"
           f"<style>{_CSS}</style></head><body>"]
    out.append(f"<header><h1>{_e(title)}</h1><nav><a href=\"#disagreements\">Disagreements</a>"
               "<a href=\"#charts\">Estimates</a><a href=\"#verdicts\">References</a>"
               "<a href=\"#sources\">Sources</a></nav></header><main>")
    out.append('<section id="summary"><h2>Summary</h2><dl class="counts">'
               f'<div><dt>Sources</dt><dd id="count-sources">{len(sources)}</dd></div>'
               f'<div><dt>Claims</dt><dd id="count-claims">{len(claim_rows)}</dd></div>'
               f'<div><dt>Flagged disagreements</dt><dd id="count-flagged">{len(flagged)}</dd></div>'
               f'<div><dt>Unsourced figures</dt><dd id="count-unsourced">{unsourced}</dd></div></dl>'
               f'<p>Flagged by severity: {by_severity[3]} high (flat conflicts between asserted figures), '
               f'{by_severity[2]} medium, {by_severity[1]} low (hedged estimates or inferred matches). '
               f'Click any highlighted figure or date in the sources to see its frame.</p></section>')

    out.append('<section id="disagreements"><h2>Disagreements</h2>'
               '<p class="legend"><span style="background:#f8c9c4">conflict</span>'
               '<span style="background:#fde0c2">scope differs</span><span style="background:#d4efdf">agree</span></p>'
               '<table id="disagreement-table"><thead><tr><th>Severity</th><th>Status</th><th>One source</th>'
               '<th>The other</th><th>Why</th></tr></thead><tbody>')
    for p in sorted(pairs, key=lambda p: (not p["flagged"], -(p["severity"] or 0))):
        out.append(f'<tr class="disagreement" id="pair-{_e(p["pair_id"])}" data-pair-id="{_e(p["pair_id"])}" '
                   f'data-status="{_e(p["status"])}" data-severity="{_e(p["severity"])}">'
                   f'<td>{_e(p["severity"])}</td><td>{_e(p["status"].replace("_", " "))}'
                   f'<div class="source-id">{_e(", ".join(p.get("reasons") or []))}</div></td>'
                   f'{_sentence_cell(by_id.get(p["a"]), "a")}{_sentence_cell(by_id.get(p["b"]), "b")}'
                   f'<td class="explanation">{_e(p["explanation"])}</td></tr>')
    out.append("</tbody></table></section>")

    out.append('<section id="charts"><h2>Estimates side by side</h2>')
    flagged_ids = {cid for p in flagged for cid in (p["a"], p["b"])}
    charts = [_chart(g, by_id, bool(set(g) & flagged_ids)) for g in
              sorted(_groups(pairs), key=lambda g: (not set(g) & flagged_ids, -len(g)))]
    out.append("".join(c for c in charts if c) or "<p>No aligned figures to chart.</p>")
    out.append("</section>")

    out.append('<section id="verdicts"><h2>Checked against references</h2>')
    if verdicts is not None and len(verdicts):
        checks = to_records(verdicts)
        rows = [v for v in checks if v["verdict"] != "no_reference"]
        out.append(f"<p>{len(rows)} checks against reference rows; "
                   f"{len(checks) - len(rows)} figures have no "
                   "reference row.</p><table id=\"verdict-table\"><thead><tr><th>Source</th><th>Claim</th>"
                   "<th>Verdict</th><th>Reference</th><th>Citation</th></tr></thead><tbody>")
        for v in rows:
            out.append(f'<tr class="verdict" data-verdict="{_e(v["verdict"])}" data-claim-id="{_e(v["claim_id"])}">'
                       f'<td>{_e(v["source_id"])}</td><td>{_e(v["text"])}</td>'
                       f'<td>{_e(v["verdict"].replace("_", " "))}</td>'
                       f'<td>{_e(v.get("reference_figure"))} ({_e(v.get("reference_subject"))})</td>'
                       f'<td class="citation">{_e(v.get("citation_text"))}'
                       f'{", p. " + _e(v["page"]) if v.get("page") else ""}</td></tr>')
        out.append("</tbody></table>")
    else:
        out.append("<p>No reference table was given.</p>")
    if names is not None and len(names):
        out.append('<h3>Likely misspelt names</h3><ul id="name-checks">')
        for n in to_records(names):
            out.append(f"<li>{_e(n['source_id'])}: “{_e(n['text'])}” — reference spelling "
                       f"{_e(n['reference_name'])}</li>")
        out.append("</ul>")
    out.append("</section>")

    out.append('<section id="sources"><h2>Sources</h2>')
    by_source: dict[str, list[dict]] = defaultdict(list)
    for c in claim_rows:
        by_source[c["source_id"]].append(c)
    for s in sources:
        meta = s.to_record()
        facts = [("Title", meta.get("title")), ("Authors", ", ".join(meta.get("authors") or [])),
                 ("Issued", meta.get("issued")), ("URL", meta.get("url")), ("File", Path(s.path).name)]
        out.append(f'<article class="source" id="source-{_e(s.source_id)}"><h3>{_e(meta.get("title") or s.source_id)}'
                   f'</h3><dl class="meta">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts if v)
                   + "</dl>")
        out.append(f'<div class="source-text">{_source_html(s, by_source.get(s.source_id, []), status)}</div>')
        if s.excluded:
            out.append(f'<details class="excluded"><summary>Set aside as not the author\'s text '
                       f'({len(s.excluded)})</summary><ul>')
            for x in s.excluded:
                out.append(f"<li><strong>{_e(x.get('reason'))}</strong>: {_e((x.get('text') or '')[:300])}</li>")
            out.append("</ul></details>")
        out.append("</article>")
    out.append("</section></main>")
    data = {"claims": {cid: _frame(c, cited) for cid, c in by_id.items()},
            "pairs": dict(pairs_of), "status": {p["pair_id"]: p["status"].replace("_", " ") for p in pairs}}
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    out.append('<aside id="frame-panel" hidden aria-live="polite"></aside>')
    out.append(f'<script type="application/json" id="claim-data">{payload}</script>')
    out.append(f"<script>{_JS}</script></body></html>")
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


def report_from_database(folder: str | Path, path: str | Path | None = None) -> tuple[Path, list[str]]:
    """Write the report of everything stored in ``folder/claims.duckdb``; the sources are read again
    from the files they came from. Returns the report's path and warnings (files gone or changed).

    Raises:
        StoreError: there is no database in ``folder``.
    """
    from ..errors import ClaimkitError, StoreError
    from ..read import reread_source
    from ..store import database as store

    folder = Path(folder)
    db = folder / "claims.duckdb"
    if not db.exists():
        raise StoreError(f"{db}: no claims database here; run 'claimkit audit PATH... --out {folder}' first")
    stored = store.load(db, "sources")
    claims = store.load(db, "claims")
    sources, warnings = [], []
    for record in to_records(stored):
        try:
            sources.append(reread_source(record, folder))
        except ClaimkitError as err:
            warnings.append(f"{err}; its claims are listed without its text")
    verdicts = store.load(db, "verdicts")
    names = store.load(db, "name_checks")
    return write_report(path or folder / "report.html", sources, claims, store.load(db, "disagreements"),
                        verdicts=verdicts if len(verdicts) else None, names=names if len(names) else None,
                        citations=store.load(db, "citations")), warnings
