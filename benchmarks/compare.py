"""Scaling of claim comparison: time and memory of ``claimkit.compare`` as the claims table grows.

What it measures: for a synthetic claims table of each size (default 10^4,
10^5 and 10^6 claims) the script runs :func:`claimkit.compare.compare` and
prints

* ``pairs``: aligned pairs it returns (rows of the disagreements table);
* ``seconds``: wall-clock time of the call (``time.perf_counter``), the best
  of a few calls when one call takes under a second, else one call;
* ``pairs/s`` and ``claims/s``: pairs returned and claims read per second;
* ``peak MB``: the ``tracemalloc`` peak of one more call, traced on its own so
  that tracing does not slow the timed calls. tracemalloc sees Python objects
  and numpy buffers, not Arrow's memory pool (pandas keeps ``string`` columns
  in Arrow when pyarrow is installed), hence the next column too;
* ``RSS MB``: the process's maximum resident set size so far
  (``resource.getrusage``), read right after the timed calls. It never goes
  down, so sizes run smallest first and each row's RSS is mostly its own.

Why: ``compare`` must not loop over all pairs of claims. It blocks candidate
pairs by (unit class, subject key), so on a corpus whose blocks stay the same
size as it grows, its time and memory should grow linearly with the claims.
After every size but the first the script prints the growth against the
previous size: the size ratio, the time, pair and memory ratios, and a
verdict. The verdict is ``near-linear`` when the time grew by at most 13x per
10x more claims (``LINEAR_SLACK``: 30% over linear, for cache and allocator
effects), that is by at most ``size_ratio ** log10(13)`` for other steps;
else ``super-linear``.

Baselines, measured in the same run on the same tables, so that the ratios do
not depend on the machine:

* ``build``: building the claims table from its column arrays (``astype`` to
  :data:`claimkit.store.table.CLAIM_COLUMNS`);
* ``groupby``: a plain pandas ``groupby`` of the quantity claims by (unit,
  subject key), the blocking step alone;
* ``self-merge``: the candidate pairs made in plain pandas, a self-merge on
  (unit class, subject key) keeping pairs from different sources. Its pair
  count is what ``compare`` should return; the script says when they differ.

``compare / groupby`` and ``compare / self-merge`` are printed for every size,
and the baselines' own growth beside ``compare``'s.

Synthetic corpus (``make_columns``, fixed seed): every column of
``CLAIM_COLUMNS`` with its dtype. One source per 20 claims; 80% quantity
claims, 10% dates, 10% events; units 80% count, 20% percent; predicate
classes, qualifiers (with the bounds they imply), periods, certainty and
hedges drawn from small vocabularies; a few claims with participants. Subject
keys ("party member 17") come from a vocabulary that grows with the corpus:
one key per ``--claims-per-subject`` claims (default 10). Real corpora have
more subjects as they grow: a thousand essays do not all count the same ten
groups. So a block, and the pairs per claim, stay about the same size and the
pairs grow linearly with the claims. With 10 claims per key a block holds
about 6 count claims and the corpus about 2 pairs per claim (2 million pairs
at 10^6 claims); with 50 (blocks of about 30) it would be about 10 pairs per
claim, 10 million disagreement rows at 10^6 claims, which takes most of the
memory of an ordinary machine whatever ``compare`` does.

How to run, from the repository root with the package installed::

    python benchmarks/compare.py                 # 10^4, 10^5, 10^6 claims
    python benchmarks/compare.py --quick         # 10^3, 10^4: a few seconds
    python benchmarks/compare.py --sizes 10000 100000 --claims-per-subject 50

The script exits 0: it reports measurements, it does not pass or fail them.
"""

from __future__ import annotations

import argparse
import gc
import math
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
import pandas as pd
from claimkit.compare import compare
from claimkit.store.table import CLAIM_COLUMNS

SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (1_000, 10_000)
SEED = 1937
CLAIMS_PER_SOURCE = 20
CLAIMS_PER_SUBJECT = 10
LINEAR_SLACK = 13  # time growth allowed per 10x more claims for "near-linear"
MIN_SECONDS = 1.0  # repeat calls shorter than this (best of up to MAX_ROUNDS)
MAX_ROUNDS = 5

KINDS = (["quantity", "date", "event"], [0.8, 0.1, 0.1])
UNITS = (["count", "percent"], [0.8, 0.2])
PREDICATE_CLASSES = ["executed", "arrested", "purged", "deported", "died", "imprisoned", "arrested+executed"]
QUALIFIERS = [None, "about", "as much as", "more than"]
PERIODS = [("1937-01-01", "1938-12-31"), ("1937-01-01", "1937-12-31"), ("1934-01-01", "1939-12-31"),
           ("1938-01-01", "1938-12-31"), (None, None)]
CERTAINTIES = (["asserted", "hedged", "speculative"], [0.7, 0.2, 0.1])
HEDGES = {"asserted": None, "hedged": "perhaps", "speculative": "it is possible that"}
SUBJECTS = ["party member", "kulak", "prisoner", "officer", "peasant", "deportee", "worker"]
PLACES = [None, None, None, None, None, None, "Moscow", "Leningrad", "Ukraine", "Kazakhstan"]


# -- the synthetic corpus -----------------------------------------------------

def _pick(rng: np.random.Generator, n: int, choices: list, p: list[float] | None = None) -> np.ndarray:
    """``n`` draws from ``choices`` as an object array (None stays None)."""
    pool = np.empty(len(choices), dtype=object)
    pool[:] = choices
    return pool[rng.choice(len(choices), size=n, p=p)]


def _hex_ids(n: int) -> list[str]:
    """``n`` distinct 16-hex ids: 0..n-1 times an odd constant mod 2^64 is one to one."""
    mixed = np.arange(n, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    return [f"{x:016x}" for x in mixed.tolist()]


def _figures(rng: np.random.Generator, kind: np.ndarray, unit: np.ndarray, qualifier: np.ndarray):
    """Value, low, high and the figure as written, for quantity claims (NaN/None elsewhere)."""
    n = len(kind)
    quantity = kind == "quantity"
    percent = unit == "percent"
    counts = np.round(np.exp(rng.uniform(np.log(1_000), np.log(2_000_000), n)), -3)
    shares = rng.integers(1, 100, n).astype(float)
    value = np.where(percent, shares, counts)
    value[~quantity] = np.nan
    low, high = value.copy(), value.copy()
    about = qualifier == "about"
    low[about], high[about] = value[about] * 0.9, value[about] * 1.1
    low[qualifier == "as much as"] = np.nan
    high[qualifier == "more than"] = np.nan
    text = [None if v != v else (f"{v:.0f}%" if p else f"{v:,.0f}") for v, p in zip(value.tolist(), percent.tolist())]
    return value, low, high, text


def make_columns(n: int, seed: int = SEED, claims_per_subject: int = CLAIMS_PER_SUBJECT) -> dict[str, object]:
    """Column arrays of ``n`` synthetic claims (see the module docstring), not yet typed."""
    rng = np.random.default_rng(seed)
    kind = _pick(rng, n, *KINDS)
    quantity = kind == "quantity"
    unit = _pick(rng, n, *UNITS)
    unit[~quantity] = None
    qualifier = _pick(rng, n, QUALIFIERS)
    qualifier[~quantity] = None
    value, low, high, text = _figures(rng, kind, unit, qualifier)
    text = [t if t is not None else ("in 1937" if k == "date" else "the purge") for t, k in zip(text, kind.tolist())]
    starts = rng.integers(0, 5_000, n)
    numbers = rng.integers(0, max(1, n // claims_per_subject), n).tolist()
    subject_key = np.array([f"{SUBJECTS[k % len(SUBJECTS)]} {k}" for k in numbers], dtype=object)
    subject_key[rng.random(n) < 0.05] = None  # a few claims the framer could not tie to a subject
    subject = np.array([None if k is None else k.replace(" ", "s ", 1) for k in subject_key], dtype=object)
    predicate_class = _pick(rng, n, PREDICATE_CLASSES)
    period = rng.integers(0, len(PERIODS), n).tolist()
    certainty = _pick(rng, n, *CERTAINTIES)
    date = kind == "date"
    participants = np.empty(n, dtype=object)
    participant_keys = np.empty(n, dtype=object)
    for i in np.flatnonzero(rng.random(n) < 0.1).tolist():
        participants[i], participant_keys[i] = ["the NKVD"], ["nkvd"]
    percent = unit == "percent"
    return {
        "claim_id": _hex_ids(n),
        "source_id": [f"src-{k}" for k in rng.integers(0, max(2, n // CLAIMS_PER_SOURCE), n).tolist()],
        "kind": kind,
        "text": text,
        "start": starts,
        "end": starts + np.array([len(t) for t in text]),
        "sentence": np.where(quantity, "Sources give a figure for the purge.", "The purge began."),
        "value": value,
        "low": low,
        "high": high,
        "qualifier": qualifier,
        "unit": unit,
        "part": np.full(n, np.nan),
        "whole": np.full(n, np.nan),
        "share": np.where(percent, value, np.nan),
        "date_start": np.where(date, "1937-07-30", None),
        "date_end": np.where(date, "1937-07-30", None),
        "precision": np.where(date, "day", None),
        "approximate": qualifier == "about",
        "modifier": np.full(n, None, dtype=object),
        "anchor": np.full(n, None, dtype=object),
        "subject": subject,
        "subject_key": subject_key,
        "base": np.where(percent, "the party", None),
        "predicate": np.array([c.replace("+", " and ") for c in predicate_class.tolist()], dtype=object),
        "predicate_class": predicate_class,
        "period_start": [PERIODS[k][0] for k in period],
        "period_end": [PERIODS[k][1] for k in period],
        "place": _pick(rng, n, PLACES),
        "hedge": np.array([HEDGES[c] for c in certainty.tolist()], dtype=object),
        "certainty": certainty,
        "attribution": np.full(n, None, dtype=object),
        "footnote": np.full(n, None, dtype=object),
        "sourced": rng.random(n) < 0.3,
        "negated": rng.random(n) < 0.02,
        "participants": participants,
        "participant_keys": participant_keys,
        "attribution_key": np.full(n, None, dtype=object),
        "citations": np.full(n, None, dtype=object),
    }


def make_claims(columns: dict[str, object]) -> pd.DataFrame:
    """The claims table: every column of ``CLAIM_COLUMNS``, in order, with its dtype."""
    n = len(columns["claim_id"])
    return pd.DataFrame({name: columns.get(name, np.full(n, None, dtype=object))  # columns the corpus leaves empty
                         for name in CLAIM_COLUMNS}).astype(CLAIM_COLUMNS)


# -- baselines ------------------------------------------------------------------

def _quantities(claims: pd.DataFrame) -> pd.DataFrame:
    return claims[(claims["kind"] == "quantity") & claims["subject_key"].notna() & claims["unit"].notna()]


def groupby_blocks(claims: pd.DataFrame) -> int:
    """Plain pandas: quantity claims grouped by (unit, subject key); returns the number of groups."""
    return len(_quantities(claims).groupby(["unit", "subject_key"], observed=True).size())


def merge_pairs(claims: pd.DataFrame) -> int:
    """Plain pandas: candidate pairs by a self-merge on (unit class, subject key), different sources,
    each pair once; returns how many."""
    q = _quantities(claims)[["unit", "subject_key", "source_id"]].reset_index(drop=True)
    q = q.assign(cls=q["unit"].where(q["unit"] != "percent", "share"), row=np.arange(len(q)))
    m = q.merge(q, on=["cls", "subject_key"], suffixes=("_a", "_b"))
    return int(((m["row_a"] < m["row_b"]) & (m["source_id_a"] != m["source_id_b"])).sum())


# -- measuring ------------------------------------------------------------------

def best_time(call: Callable[[], object]) -> tuple[float, object]:
    """Seconds of the fastest call (calls repeat while they are short) and the last call's result."""
    times, result, spent = [], None, 0.0
    while len(times) < MAX_ROUNDS and (not times or spent < MIN_SECONDS):
        result = None  # let the previous result go before the next call
        gc.collect()
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
        spent += times[-1]
    return min(times), result


def traced_peak(call: Callable[[], object]) -> int:
    """Bytes at the ``tracemalloc`` peak of one call (the result is dropped)."""
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def max_rss_bytes() -> int:
    """The process's maximum resident set size so far (kilobytes on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024


def measure(n: int, claims_per_subject: int) -> dict[str, float]:
    """Everything printed for one size: the baselines, then ``compare`` timed, then traced."""
    columns = make_columns(n, claims_per_subject=claims_per_subject)
    build, claims = best_time(lambda: make_claims(columns))
    del columns
    groupby, _ = best_time(lambda: groupby_blocks(claims))
    merge, merged = best_time(lambda: merge_pairs(claims))
    seconds, result = best_time(lambda: compare(claims))
    pairs = len(result)
    del result
    rss = max_rss_bytes()
    peak = traced_peak(lambda: compare(claims))
    input_bytes = claims.memory_usage(deep=True).sum()
    return {"claims": n, "pairs": pairs, "merge_pairs": merged, "seconds": seconds, "peak": peak, "rss": rss,
            "build": build, "groupby": groupby, "merge": merge, "input": input_bytes}


# -- report ---------------------------------------------------------------------

MB = 1024 * 1024


def table_header() -> str:
    return (f"{'claims':>10} {'pairs':>11} {'seconds':>9} {'pairs/s':>11} {'claims/s':>11} "
            f"{'peak MB':>9} {'RSS MB':>8}")


def table_row(r: dict) -> str:
    """One size's row of the main table."""
    s = r["seconds"]
    return (f"{r['claims']:>10,} {r['pairs']:>11,} {s:>9.3f} {r['pairs'] / s:>11,.0f} {r['claims'] / s:>11,.0f} "
            f"{r['peak'] / MB:>9.1f} {r['rss'] / MB:>8.0f}")


def baseline_row(r: dict) -> str:
    """One size's baselines and ``compare``'s time against them."""
    note = "" if r["merge_pairs"] == r["pairs"] else f"  (self-merge finds {r['merge_pairs']:,} pairs)"
    return (f"{r['claims']:>10,} {r['build']:>9.3f} {r['groupby']:>9.3f} {r['merge']:>10.3f} "
            f"{r['seconds'] / r['groupby']:>16,.1f}x {r['seconds'] / r['merge']:>19,.1f}x "
            f"{r['peak'] / r['input']:>14.2f}x{note}")


def linear_limit(size_ratio: float) -> float:
    """Largest time ratio still called near-linear: ``LINEAR_SLACK`` per 10x, as a power law."""
    return size_ratio ** math.log10(LINEAR_SLACK)


def growth_line(prev: dict, cur: dict) -> str:
    """Growth of ``cur`` over ``prev``: sizes, time, pairs, memory, baselines, verdict."""
    size = cur["claims"] / prev["claims"]
    t = cur["seconds"] / prev["seconds"]
    verdict = "near-linear" if t <= linear_limit(size) else "super-linear"
    return (f"{prev['claims']:,} -> {cur['claims']:,}: size {size:.1f}x, time {t:.1f}x, "
            f"pairs {cur['pairs'] / max(prev['pairs'], 1):.1f}x, memory {cur['peak'] / prev['peak']:.1f}x "
            f"(baselines: groupby {cur['groupby'] / prev['groupby']:.1f}x, "
            f"self-merge {cur['merge'] / prev['merge']:.1f}x)  "
            f"{verdict} (limit {linear_limit(size):.1f}x)")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--sizes", nargs="+", type=int, metavar="N", help="claims per table, smallest first (default: 10^4 10^5 10^6)")
    add("--quick", action="store_true", help="sizes 10^3 and 10^4 only")
    add("--claims-per-subject", type=int, default=CLAIMS_PER_SUBJECT, metavar="N",
        help=f"claims per subject key: the block size (default: {CLAIMS_PER_SUBJECT})")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Warm up, measure each size, print the table, the baselines and the growth lines."""
    args = parse_args(argv)
    sizes = sorted(args.sizes or (QUICK_SIZES if args.quick else SIZES))
    compare(make_claims(make_columns(200)))  # warm-up: imports and first-call costs
    print(f"claimkit.compare on synthetic claims: {args.claims_per_subject} claims per subject key, "
          f"{CLAIMS_PER_SOURCE} per source, seed {SEED}", flush=True)
    print(table_header(), flush=True)
    results = []
    for n in sizes:
        results.append(measure(n, args.claims_per_subject))
        print(table_row(results[-1]), flush=True)
        gc.collect()
    print("\nbaselines in the same run (seconds), compare against them, and compare's peak against the table's size:")
    print(f"{'claims':>10} {'build':>9} {'groupby':>9} {'self-merge':>10} {'compare/groupby':>17} "
          f"{'compare/self-merge':>20} {'peak/table':>15}")
    for r in results:
        print(baseline_row(r))
    if len(results) > 1:
        print(f"\ngrowth (near-linear: time at most {LINEAR_SLACK}x per 10x more claims):")
        for prev, cur in zip(results, results[1:]):
            print(growth_line(prev, cur))
    return 0


if __name__ == "__main__":
    sys.exit(main())
