"""Estimates charts: one per aligned group, drawn by matplotlib, inlined in the page as SVG.

matplotlib rather than a hand-drawn SVG: its tick locator picks round ticks
(0, 500,000, 1 million) and it lays out full labels. Measured against Vega-Lite
through vl-convert-python (``benchmarks/charts.py``): about as fast per chart,
with no JavaScript engine to start and a smaller install; and the notebooks'
:func:`claimkit.plot.estimates` draws the same chart on a matplotlib Figure. Text
stays text in the SVG (``svg.fonttype: none``), so it is searchable and
printable, and each chart gets its own id salt so that several charts on one
page never share an element id.
"""

from __future__ import annotations

import io
import math
import re
import textwrap

from .groups import Group, Member
from .words import number

MAX_MEMBERS = 30  # a chart with more rows than this shows a spread of them and says so
_INK = "#2c3e50"
_HEDGED = "#8e44ad"


def _matplotlib():
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - matplotlib is a dependency
        from ..errors import ClaimkitError

        raise ClaimkitError("the report's charts need matplotlib: pip install matplotlib") from None
    return matplotlib


def shown_members(group: Group) -> list[Member]:
    """The members a chart draws, sorted by figure: all of them, or an even spread with both ends."""
    members = sorted(group.members, key=lambda m: (m.point, m.source))
    if len(members) <= MAX_MEMBERS:
        return members
    step = (len(members) - 1) / (MAX_MEMBERS - 1)
    return [members[round(i * step)] for i in range(MAX_MEMBERS)]


def _label(m: Member) -> str:
    """A member's full label, wrapped (never cut): its source, then its words as written."""
    return "\n".join(textwrap.wrap(m.source, 44) + textwrap.wrap(f"\u201c{m.text}\u201d", 44))


def draw(ax, group: Group) -> None:
    """Draw ``group`` on a matplotlib Axes: a dot per figure, a bar for its range; hollow and dashed if hedged."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    members = shown_members(group)
    finite = [x for m in members for x in (m.low, m.high, m.point) if math.isfinite(x)]
    top = max(finite) if finite else 1.0
    right = top * 1.12 if top > 0 else 1.0
    # one artist per style rather than three per figure: a chart of 40 figures draws in a tenth of the time
    ys = range(len(members))
    lows = [m.low if math.isfinite(m.low) else 0.0 for m in members]
    highs = [m.high if math.isfinite(m.high) else right for m in members]
    for hedged, colour, style in ((False, _INK, "solid"), (True, _HEDGED, "dashed")):
        rows = [y for y in ys if members[y].hedged == hedged]
        if not rows:
            continue
        ax.hlines(rows, [lows[y] for y in rows], [highs[y] for y in rows], colors=colour, linestyles=style,
                  linewidth=2.2)
        ax.scatter([members[y].point for y in rows], rows, s=50, zorder=3, linewidths=1.8, edgecolors=colour,
                   facecolors="white" if hedged else colour)
        open_rows = [y for y in rows if not math.isfinite(members[y].high)]
        if open_rows:  # open upwards: "more than"
            ax.scatter([right] * len(open_rows), open_rows, marker=">", s=36, color=colour, zorder=3)
    ax.set_yticks(range(len(members)), [_label(m) for m in members], fontsize=8)
    ax.set_ylim(len(members) - 0.5, -0.5)
    ax.set_xlim(0, right)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], min_n_ticks=3))
    unit = group.unit
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v) + unit if v else "0"))
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color="#e5e5e5")
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def row_height(group: Group) -> float:
    """Inches the rows of ``group``'s chart need: each as tall as its label's lines."""
    return sum(max(0.45, 0.16 * (_label(m).count("\n") + 1) + 0.12) for m in shown_members(group))


def figure_for(group: Group, width: float = 9.0):
    """A matplotlib Figure (not pyplot's: nothing global) holding the chart of ``group``."""
    _matplotlib()
    from matplotlib.figure import Figure

    height = row_height(group) + 0.7
    fig = Figure(figsize=(width, height))
    fig.subplots_adjust(left=0.36, right=0.97, top=1 - 0.15 / height, bottom=0.5 / height)
    draw(fig.add_subplot(), group)
    return fig


_ROOT = re.compile(r"<svg\b[^>]*>")


def svg(group: Group) -> str:
    """The chart of ``group`` as an inline ``<svg>`` element (no XML prolog, no metadata, ids unique to it)."""
    matplotlib = _matplotlib()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": group.group_id,
                                "font.family": "sans-serif"}):
        fig = figure_for(group)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)
    root = _ROOT.search(text)
    view = re.search(r'viewBox="([^"]+)"', root.group(0))
    opening = f'<svg viewBox="{view.group(1)}" role="img" class="chart">'  # HTML needs no namespaces
    return opening + text[root.end():]
