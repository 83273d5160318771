"""Time the report's estimates charts: matplotlib (what claimkit uses) beside Vega-Lite through vl-convert-python.

Both draw the same chart to an SVG string for the page: a dot per figure, a bar for the values it stands
for, a label per row (source and words as written). Groups of 2, 10 and 30 figures are made up here
(sizes like the report's: 30 is its cap per chart). For each renderer the script prints the time to
import it, the first chart (start-up: vl-convert starts its JavaScript engine), the median of the next
charts, the SVG's size, and the size of the installed package; then the ratios vl-convert / matplotlib.

    python benchmarks/charts.py            # 2, 10 and 30 figures, 15 charts each
    python benchmarks/charts.py --rounds 5
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path


def _groups(sizes):
    from claimkit.report.groups import Group, Member

    out = []
    for n in sizes:
        members = [Member(f"{i:016x}", f"s{i}", f"An essay of ours on the mills of the valley, number {i}",
                          f"about {20_000 + 1_000 * i:,}", 18_000 + 900 * i, 22_000 + 1_100 * i, 20_000 + 1_000 * i,
                          i % 4 == 0) for i in range(n)]
        out.append(Group(f"g{n}", "weavers", "lost work in 1840", "", "conflict", members))
    return out


def _vegalite(group) -> dict:
    from claimkit.report.charts import _label

    rows = [{"label": _label(m).replace("\n", "|"), "low": m.low, "high": m.high, "point": m.point,
             "hedged": m.hedged} for m in group.members]
    y = {"field": "label", "type": "nominal", "sort": None,
         "axis": {"labelExpr": "split(datum.value, '|')", "labelLimit": 0, "title": None}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 420,
        "height": {"step": 40}, "data": {"values": rows},
        "layer": [
            {"mark": {"type": "rule", "strokeWidth": 2},
             "encoding": {"y": y, "x": {"field": "low", "type": "quantitative", "title": None,
                                        "axis": {"format": "~s", "tickCount": 5}},
                          "x2": {"field": "high"},
                          "strokeDash": {"field": "hedged", "type": "nominal", "legend": None}}},
            {"mark": {"type": "point", "filled": True, "size": 60},
             "encoding": {"y": y, "x": {"field": "point", "type": "quantitative"}}},
        ],
    }


def _site_size(module: str) -> float:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return float("nan")
    root = Path(list(spec.submodule_search_locations)[0])
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 1e6


def _measure(name, render, groups, rounds):
    started = time.perf_counter()
    render(groups[0])
    first = time.perf_counter() - started
    rows = []
    for g in groups:
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            svg = render(g)
            times.append(time.perf_counter() - t)
        rows.append((len(g.members), statistics.median(times), len(svg)))
    return first, rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 10, 30])
    args = parser.parse_args(argv)
    if importlib.util.find_spec("vl_convert") is None:
        print("vl-convert-python is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    groups = _groups(args.sizes)

    t = time.perf_counter()
    from claimkit.report import charts
    import matplotlib  # noqa: F401
    mpl_import = time.perf_counter() - t
    t = time.perf_counter()
    import vl_convert
    vl_import = time.perf_counter() - t

    results = {
        "matplotlib": (mpl_import, _site_size("matplotlib"), *_measure("matplotlib", charts.svg, groups, args.rounds)),
        "vl-convert": (vl_import, _site_size("vl_convert"),
                       *_measure("vl-convert", lambda g: vl_convert.vegalite_to_svg(_vegalite(g)), groups,
                                 args.rounds)),
    }
    print(f"{'renderer':12} {'import s':>9} {'installed MB':>13} {'first chart s':>14} "
          + " ".join(f"{f'{n} figs ms':>11} {f'{n} figs kB':>10}" for n in args.sizes))
    for name, (imp, size, first, rows) in results.items():
        print(f"{name:12} {imp:9.2f} {size:13.0f} {first:14.2f} "
              + " ".join(f"{ms * 1000:11.0f} {kb / 1024:10.1f}" for _, ms, kb in rows))
    mpl, vl = results["matplotlib"], results["vl-convert"]
    print("ratios vl-convert / matplotlib: first chart "
          f"{vl[2] / mpl[2]:.2f}, installed size {vl[1] / mpl[1]:.2f}, "
          + ", ".join(f"{n} figures {v[1] / m[1]:.2f} (time) {v[2] / m[2]:.2f} (size)"
                      for n, m, v in zip(args.sizes, mpl[3], vl[3])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
