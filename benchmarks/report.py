"""Time the report at 175 and 1,000 sources: rendering in Python, page size, and opening in Chromium.

Sources are essays made from a template of our own, their figures varied; the claims are made from the
template's known offsets (no spaCy: the report is what is measured), and ``claimkit.compare`` aligns
them: essays of one district (ten districts) count the same weavers, families and deaths, so each
district's figures make n² pairs, as a class set of copied essays does. The baseline, in the same
run, is the page without paging or rendering on demand: every pair as a table row and every source's
text inline (``pandas.DataFrame.to_html`` of the same tables), as the report was before.

    python benchmarks/report.py                 # 175 and 1,000 sources
    python benchmarks/report.py --sizes 175     # one size
    python benchmarks/report.py --no-browser    # without Chromium (render time and size only)

A page that has not opened after ``--limit`` seconds (120) is shown as "inf".
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

TEMPLATE = ("The mills of the {d} valley, essay {i}\n\n"
            "When the looms stopped in 1842, about {a:,} {d} weavers lost their work. Between 1845 and 1851 "
            "roughly {b:,} {d} families left the district. In 1849 the board counted {k:,} {d} deaths from fever.\n")
DISTRICTS = ("upper", "lower", "northern", "southern", "eastern", "western", "inner", "outer", "middle", "coastal")
FIGURES = (("a", "about {:,}", "weavers", "dismissed", "1842-01-01", "1842-12-31", "approximate"),
           ("b", "roughly {:,}", "families", "emigrated", "1845-01-01", "1851-12-31", "approximate"),
           ("k", "{:,}", "deaths", "died", "1849-01-01", "1849-12-31", "exact"))


def make_sources(folder: Path, n: int):
    """Write ``n`` essays and return their Sources and claims table (offsets taken from the text)."""
    from claimkit import read_sources
    from claimkit.store import claims_frame

    values = []
    for i in range(n):
        v = {"a": 20_000 + (i * 1_370) % 9_000, "b": 30_000 + (i * 7_919) % 40_000, "k": 900 + (i * 131) % 1_600,
             "d": DISTRICTS[i % len(DISTRICTS)]}
        (folder / f"essay-{i + 1:04d}.txt").write_text(TEMPLATE.format(i=i + 1, **v), encoding="utf-8")
        values.append(v)
    read = read_sources([folder])
    records = []
    for source in read.sources:
        v = values[int(source.source_id.split("-")[1]) - 1]
        for key, form, subject, event, start, end, qualifier in FIGURES:
            text = form.format(v[key])  # the figure; what it counts follows it
            at = source.original.index(text)
            sentence = next(s for s in re.split(r"(?<=\.) ", source.original) if text in s)
            spread = v[key] * 0.1 if qualifier == "approximate" else 0
            records.append({
                "claim_id": hashlib.sha1(f"{source.source_id}:{at}".encode()).hexdigest()[:16],
                "source_id": source.source_id, "kind": "quantity", "text": text, "start": at, "end": at + len(text),
                "sentence": sentence, "value": float(v[key]), "low": v[key] - spread, "high": v[key] + spread,
                "qualifier": qualifier, "unit": "count", "subject": f"{v['d']} {subject}", "predicate_class": event,
                "period_start": start, "period_end": end, "certainty": "asserted", "sourced": False,
                "negated": False})
    return read.sources, claims_frame(records)


def naive_page(sources, disagreements) -> str:
    """The baseline: every pair a table row, every source's text inline."""
    rows = disagreements.to_html(index=False)
    texts = "".join(f"<article><h3>{html.escape(s.source_id)}</h3><pre>{html.escape(s.text)}</pre></article>"
                    for s in sources)
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{rows}{texts}</body></html>"


def open_time(path: Path, executable: str, limit_s: float) -> float:
    """Milliseconds from navigation to the load event in Chromium (median of 3); inf past ``limit_s``."""
    from playwright.sync_api import TimeoutError, sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for _ in range(3):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            try:
                page.goto(path.resolve().as_uri(), timeout=limit_s * 1000)
            except TimeoutError:
                browser.close()
                return float("inf")  # did not open in time: no use trying twice more
            times.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
            page.close()
        browser.close()
    return sorted(times)[1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[175, 1000])
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--limit", type=float, default=120, help="seconds a page may take to open (default 120)")
    args = parser.parse_args(argv)
    import claimkit
    from claimkit.report import render_report

    chromium = None if args.no_browser else (shutil.which("chromium") or
                                             ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None))
    print(f"{'sources':>8} {'pairs':>8} {'page':>12} {'render s':>9} {'MB':>7} {'opens ms':>9}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            folder.mkdir()
            sources, claims = make_sources(folder, n)
            disagreements = claimkit.compare(claims)
            results = {}
            for name, render in (("claimkit", lambda: render_report(sources, claims, disagreements)),
                                 ("all inline", lambda: naive_page(sources, disagreements))):
                t = time.perf_counter()
                page = render()
                spent = time.perf_counter() - t
                path = Path(tmp) / f"{name.replace(' ', '-')}.html"
                path.write_text(page, encoding="utf-8")
                opened = open_time(path, chromium, args.limit) if chromium else float("nan")
                results[name] = (spent, len(page.encode()) / 1e6, opened)
                print(f"{n:8,} {len(disagreements):8,} {name:>12} {spent:9.2f} {results[name][1]:7.1f} {opened:9.0f}")
            ours, base = results["claimkit"], results["all inline"]
            print(f"{'':8} {'':8} {'ratio':>12} {'':9} {ours[1] / base[1]:7.2f} {ours[2] / base[2]:9.2f}"
                  "   (claimkit / all inline: page size, time to open)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
