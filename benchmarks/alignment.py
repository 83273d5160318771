"""Alignment on real texts of other histories, per topic, this checkout beside a baseline revision.

Run from the repository root (one command; the baseline is measured in the same run)::

    .venv/bin/python benchmarks/alignment.py
    .venv/bin/python benchmarks/alignment.py --baseline 87e2669 --json alignment.json
    .venv/bin/python benchmarks/alignment.py --no-baseline --data ../shared/corpus-topics

Data (``--data``; default ``../shared/corpus-topics`` beside the repository): real texts
(``texts/NN_*.txt``) on three histories nobody tuned claimkit for, with gold claims
(``gold/claims.tsv``), gold groups (``gold/groups.tsv``) and the scorer ``score.py`` that defines
the matching rules. The scorer is imported from that folder at run time (``load_gold``,
``load_groups``, ``matches``, ``is_date``, ``gold_requirements``, ``read_jsonl``); nothing of it,
nor of the texts, is kept in this project.

What runs. Each claimkit (this checkout's ``toolkit/``, and with ``--baseline REV`` that
revision's, checked out with ``git worktree add --detach`` into a temporary folder that is removed
afterwards) audits all the texts at once, as a teacher auditing a mixed pile would:
``claimkit audit TEXTS --out DIR --quiet --no-report``, run by this venv's python with
``PYTHONPATH`` at that ``toolkit/`` folder. Two details make that work for any revision:

* the command is started as ``python -c "from claimkit.cli import main; main()"`` rather than
  ``python -m claimkit.cli``, because older revisions' ``cli.py`` (87e2669 among them) has no
  ``__main__`` guard and ``-m`` would do nothing;
* spaCy imports every ``spacy_factories`` entry point of the installed claimkit when it builds a
  pipeline, and the installed one names this checkout's modules (``claimkit.nlp.frames``), which
  an older layout does not have. So each run gets a folder first on its ``PYTHONPATH`` holding a
  ``claimkit`` dist-info whose entry points are read from that revision's ``pyproject.toml``;
  ``importlib.metadata`` takes the first distribution of a name on the path. The launcher checks
  that ``claimkit`` was imported from the intended folder and stops otherwise.

Scores, by the scorer's rules (its docstring):

* **claim recall**: a gold claim is found when a claim of its text overlaps its span and
  ``matches`` its value, interval or date; vague gold claims are not scored;
* **A-groups flagged** (same quantity or event date, different figures): some pair between the
  claims found for two different members is ``flagged``; every A group counts, found or not;
* **B-controls in conflict** (same figure): some such pair has status ``conflict``; a group with
  fewer than two members found is n/a;
* **traps aligned** (look-alikes): some pair joining claims found for two different sides has
  status ``agree`` or ``conflict``; a group with fewer than two sides found is n/a.

Topics: a text's topic is read from its number (``TOPICS``: 41-45 the Somme, 46-50 the Terror,
51-55 the Chinese famine), a group's from its members' texts. Groups whose members lie in more
than one topic get a row of their own (``cross-topic``); the ``all`` row counts everything. Each
run also prints the scorer's own summary line, so the figures can be checked against
``python3 ../shared/corpus-topics/score.py``. Under the table, the current run is measured
against the targets of issue 12 (``TARGETS``).

Exit codes: 0 scored; 1 an audit wrote no claims; 2 data missing or changed, or a baseline that
git cannot check out.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "corpus-topics"
DEFAULT_BASELINE = "87e2669"  # the last release before the comparison work of issue 12
TOPICS = (("Somme", 41, 45), ("Terror", 46, 50), ("China", 51, 55))
CROSS = "cross-topic"
ALL = "all"
MEASURES = (("recall", "claim recall"), ("a_flagged", "A-groups flagged"),
            ("b_conflict", "B-controls in conflict"), ("t_aligned", "traps aligned"))
# issue 12's acceptance: (measure, share of its total, higher is better)
TARGETS = (("a_flagged", 0.80, True), ("b_conflict", 0.0, False), ("t_aligned", 0.10, False), ("recall", 0.92, True))
SOURCE_NOTE = ("corpus-topics is the development set beside the repository (../shared/corpus-topics: "
               "texts/, gold/claims.tsv, gold/groups.tsv and score.py); pass its folder with --data.")

# Run inside the audited revision's python process: argv is [toolkit folder, claimkit arguments...].
LAUNCHER = """\
import sys
from pathlib import Path
import claimkit
want, got = Path(sys.argv[1]).resolve(), Path(claimkit.__file__).resolve().parents[1]
if want != got:
    sys.exit(f"claimkit was imported from {got}, not from {want}")
from claimkit.cli import main
sys.argv = ["claimkit", *sys.argv[2:]]
main()
"""


@dataclass
class Tally:
    """``hit`` of ``total``: found gold claims, flagged A groups, B groups in conflict, traps aligned."""

    hit: int = 0
    total: int = 0

    def rate(self) -> float | None:
        return self.hit / self.total if self.total else None

    def __str__(self) -> str:
        return f"{self.hit}/{self.total}"


@dataclass
class Score:
    """The four measures of one topic (or of all, or of the cross-topic groups)."""

    recall: Tally = field(default_factory=Tally)
    a_flagged: Tally = field(default_factory=Tally)
    b_conflict: Tally = field(default_factory=Tally)
    t_aligned: Tally = field(default_factory=Tally)


@dataclass
class Result:
    """One claimkit run, scored: per-topic measures, the gold claims found, every group's verdict."""

    scores: dict[str, Score]
    found: dict[str, list[str]]
    missing: dict[str, list[str]]
    groups: list[dict]

    def summary(self) -> str:
        """The scorer's own last line, for checking against ``score.py``."""
        s = self.scores[ALL]
        return (f"corpus-topics: claims {s.recall}; A flagged {s.a_flagged}; "
                f"B controls wrongly in conflict {s.b_conflict}; traps wrongly aligned {s.t_aligned}")


@dataclass
class Run:
    """A claimkit that was audited: its label, where it came from, how long the audit took, its result."""

    label: str
    toolkit: str
    seconds: float
    exit_code: int | None
    stderr: str
    result: Result | None = None


def topic_of(stem: str) -> str:
    """A text's topic from its number ("41_..." is the Somme); texts outside ``TOPICS`` are "other"."""
    try:
        number = int(stem.split("_", 1)[0])
    except ValueError:
        return "other"
    return next((f"{name} {lo}-{hi}" for name, lo, hi in TOPICS if lo <= number <= hi), "other")


def load_scorer(data: Path) -> ModuleType:
    """Import ``score.py`` from the data folder (its gold is read from beside it)."""
    path = data / "score.py"
    if not path.is_file():
        raise FileNotFoundError(f"no scorer at {path}. {SOURCE_NOTE}")
    spec = importlib.util.spec_from_file_location("corpus_topics_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_texts(data: Path) -> dict[str, str]:
    """The texts the gold points into, by file stem, as the scorer reads them."""
    return {f.stem: f.read_text(encoding="utf-8") for f in sorted((data / "texts").glob("[0-9][0-9]_*.txt"))}


def score(scorer: ModuleType, texts: dict[str, str], claims: list[dict], pairs: list[dict]) -> Result:
    """Score one run's claims and pairs (claims.jsonl, disagreements.jsonl) by the scorer's rules.

    Raises:
        ValueError: the gold points at a text that is missing or whose characters changed.
    """
    gold, groups = scorer.load_gold(), scorer.load_groups()
    by_source = collections.defaultdict(list)
    for c in claims:
        by_source[str(c.get("source_id", ""))].append(c)
    names = [topic_of(stem) for stem in texts]
    scores = {name: Score() for name in [*dict.fromkeys(names), CROSS, ALL]}
    found: dict[str, list[str]] = {}
    missing: dict[str, list[str]] = collections.defaultdict(list)
    for gid, g in gold.items():
        stem, start, end = g["file"], g["start"], g["end"]
        if stem not in texts or texts[stem][start:end] != g["written"]:
            raise ValueError(f"gold claim {gid} points at {stem}.txt {start}-{end}, which does not hold "
                             f"{g['written']!r}: the texts are missing or changed. {SOURCE_NOTE}")
        if not scorer.is_date(g) and scorer.gold_requirements(g["norm"]) is None:
            continue  # vague: not scored
        near = [c for c in by_source.get(stem, [])
                if isinstance(c.get("start"), int) and c["start"] < end and start < c["end"]]
        hits = [c["claim_id"] for c in near if scorer.matches(c, g)]
        for name in (topic_of(stem), ALL):
            scores[name].recall.total += 1
            scores[name].recall.hit += bool(hits)
        if hits:
            found[gid] = hits
        else:
            missing[stem].append(f"{gid} {g['written']!r} -> {g['norm']} ({g['what']}); claimkit: "
                                 + ("; ".join(f"{c.get('kind')} {c.get('text')!r}" for c in near) or "nothing there"))

    index = collections.defaultdict(list)
    for p in pairs:
        index[frozenset((p.get("a"), p.get("b")))].append(p)

    def between(xs: list[str], ys: list[str]) -> list[dict]:
        """Pairs between claims found for two different gold members, one from each list."""
        return [p for gx in xs for gy in ys if gx != gy
                for cx in found.get(gx, []) for cy in found.get(gy, []) if cx != cy
                for p in index.get(frozenset((cx, cy)), [])]

    verdicts = []
    for group in groups:
        members = [m for side in group["sides"] for m in side]
        topics = {topic_of(gold[m]["file"]) for m in members if m in gold}
        topic = topics.pop() if len(topics) == 1 else CROSS
        extracted = sum(m in found for m in members)
        if group["kind"] == "A":
            measure, counted = "a_flagged", True
            hit = any(p.get("flagged") for p in between(members, members))
        elif group["kind"] == "B":
            measure, counted = "b_conflict", extracted >= 2
            hit = counted and any(p.get("status") == "conflict" for p in between(members, members))
        else:
            sides = group["sides"]
            measure, counted = "t_aligned", sum(any(m in found for m in side) for side in sides) >= 2
            hit = counted and any(p.get("status") in ("agree", "conflict")
                                  for i, side in enumerate(sides) for other in sides[i + 1:]
                                  for p in between(side, other))
        if counted:
            for name in (topic, ALL):
                getattr(scores[name], measure).total += 1
                getattr(scores[name], measure).hit += bool(hit)
        ok = None if not counted else (hit if group["kind"] == "A" else not hit)
        verdicts.append(dict(group=group["id"], kind=group["kind"], topic=topic, ok=ok,
                             extracted=extracted, members=len(members)))
    return Result(scores, found, dict(missing), verdicts)


def _metadata(pyproject: Path, folder: Path) -> None:
    """A claimkit dist-info in ``folder`` with the entry points that ``pyproject`` declares."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    info = folder / f"claimkit-{project.get('version', '0')}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: claimkit\nVersion: {project.get('version', '0')}\n",
                                   encoding="utf-8")
    lines = []
    for group, points in project.get("entry-points", {}).items():
        lines += [f"[{group}]", *(f"{name} = {target}" for name, target in points.items()), ""]
    (info / "entry_points.txt").write_text("\n".join(lines), encoding="utf-8")


def audit(label: str, checkout: Path, files: list[Path], work: Path) -> Run:
    """Audit ``files`` with the claimkit of ``checkout`` (its toolkit/ and pyproject.toml) into ``work``/out."""
    meta = work / "metadata"
    _metadata(checkout / "pyproject.toml", meta)
    toolkit = checkout / "toolkit"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(meta), str(toolkit), *filter(None, [env.get("PYTHONPATH")])])
    cmd = [sys.executable, "-c", LAUNCHER, str(toolkit), "audit", *map(str, files),
           "--out", str(work / "out"), "--quiet", "--no-report"]
    began = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=work, timeout=3600)
    return Run(label, str(toolkit), time.perf_counter() - began, done.returncode, done.stderr.strip())


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)


def _describe_checkout() -> str:
    head = _git("rev-parse", "--short", "HEAD").stdout.strip() or "?"
    changed = _git("status", "--porcelain", "--", "toolkit", "pyproject.toml").stdout.strip()
    return f"this checkout ({head}{', with uncommitted changes' if changed else ''})"


def _cell(tally: Tally, measure: str) -> str:
    if not tally.total:
        return "n/a"
    return f"{tally} = {tally.rate():.3f}" if measure == "recall" else str(tally)


def _change(now: Tally, before: Tally, measure: str) -> str:
    if measure == "recall":
        if now.rate() is None or before.rate() is None:
            return ""
        return f"{now.rate() - before.rate():+.3f}"
    return f"{now.hit - before.hit:+d}" if now.total or before.total else ""


def table(runs: list[Run]) -> str:
    """Per topic and measure, each run's figure, and the change from the last run (the baseline) to the first."""
    scored = [r for r in runs if r.result is not None]
    names = list(dict.fromkeys(n for r in scored for n in r.result.scores))
    widths = [16, 24] + [max(22, len(r.label.split(" (")[0]) + 2) for r in scored]
    head = ["topic", "measure", *(r.label.split(" (")[0] for r in scored)] + (["change"] if len(scored) > 1 else [])
    lines = ["".join(h.ljust(w) for h, w in zip(head, widths + [8])).rstrip()]
    for name in names:
        if name == CROSS and not any(getattr(r.result.scores[name], m).total for r in scored for m, _ in MEASURES):
            continue
        for i, (measure, title) in enumerate(MEASURES):
            tallies = [getattr(r.result.scores[name], measure) for r in scored]
            if name == CROSS and measure == "recall":
                continue  # recall belongs to texts, and every text has one topic
            row = [name if i == 0 or (name == CROSS and i == 1) else "", title, *(_cell(t, measure) for t in tallies)]
            if len(scored) > 1:
                row.append(_change(tallies[0], tallies[-1], measure))
            lines.append("".join(c.ljust(w) for c, w in zip(row, widths + [8])).rstrip())
    return "\n".join(lines)


def targets(result: Result) -> list[str]:
    """The run's overall figures against issue 12's acceptance targets."""
    out = []
    for measure, target, higher in TARGETS:
        tally = getattr(result.scores[ALL], measure)
        title = dict(MEASURES)[measure]
        rate = tally.rate()
        if rate is None:
            out.append(f"  {title}: n/a")
            continue
        met = rate >= target if higher else rate <= target
        bound = f"{'>=' if higher else '<='} {target:.0%}" if measure != "recall" else f">= {target:.2f}"
        out.append(f"  {title}: {tally} = {rate:.3f} (target {bound}): {'met' if met else 'not met'}")
    return out


def run_all(data: Path, baseline: str | None, keep: Path | None) -> tuple[list[Run], int]:
    """Audit and score this checkout, then the baseline revision; the runs and an exit code."""
    scorer = load_scorer(data)
    texts = read_texts(data)
    if not texts:
        raise FileNotFoundError(f"no texts/NN_*.txt in {data}. {SOURCE_NOTE}")
    files = [data / "texts" / f"{stem}.txt" for stem in texts]
    runs, code = [], 0
    with tempfile.TemporaryDirectory(prefix="claimkit-alignment-") as tmp:
        tmp = Path(tmp)
        plan = [("current", _describe_checkout(), ROOT)]
        if baseline:
            resolved = _git("rev-parse", "--verify", "--quiet", f"{baseline}^{{commit}}")
            if resolved.returncode:
                raise LookupError(f"--baseline {baseline}: git knows no such revision in {ROOT} "
                                  "(give a commit or tag, or --no-baseline)")
            worktree = tmp / "baseline-src"
            added = _git("worktree", "add", "--detach", "--quiet", str(worktree), resolved.stdout.strip())
            if added.returncode:
                raise LookupError(f"--baseline {baseline}: git cannot check it out: {added.stderr.strip()}")
            plan.append(("baseline", f"{baseline} (baseline)", worktree))
        try:
            for key, label, checkout in plan:
                work = tmp / key
                work.mkdir()
                run = audit(label, checkout, files, work)
                out = work / "out"
                claims, pairs = scorer.read_jsonl(out / "claims.jsonl"), scorer.read_jsonl(out / "disagreements.jsonl")
                if claims:
                    run.result = score(scorer, texts, claims, pairs)
                else:
                    code = 1
                if keep and out.is_dir():
                    shutil.copytree(out, keep / key, dirs_exist_ok=True)
                runs.append(run)
        finally:
            if baseline and len(plan) > 1:
                _git("worktree", "remove", "--force", str(plan[1][2]))
    return runs, code


def main(argv: list[str] | None = None) -> int:
    """Audit corpus-topics with this checkout (and a baseline), print per-topic figures (2: data missing)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA,
                    help="the corpus-topics folder: texts/, gold/ and score.py (default: ../shared/corpus-topics)")
    ap.add_argument("--baseline", default=DEFAULT_BASELINE, metavar="REV",
                    help="git revision audited beside this checkout in the same run (default: %(default)s)")
    ap.add_argument("--no-baseline", action="store_true", help="audit this checkout only")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write the detailed result as JSON")
    ap.add_argument("--keep", type=Path, metavar="DIR",
                    help="keep each run's audit output under DIR/current and DIR/baseline")
    ap.add_argument("--show-missed", action="store_true", help="list the gold claims this checkout misses")
    args = ap.parse_args(argv)
    try:
        runs, code = run_all(args.data, None if args.no_baseline else args.baseline, args.keep)
    except (FileNotFoundError, ValueError, LookupError) as err:
        print(err, file=sys.stderr)
        return 2
    texts = read_texts(args.data)
    print(f"alignment on corpus-topics: {len(texts)} texts in {args.data}, audited together; "
          f"{' beside '.join(r.label for r in runs)}, same run")
    for run in runs:
        print(f"  {run.label}: audit {run.seconds:.1f} s, exit {run.exit_code}"
              + ("" if run.result else " -- no claims written"))
        if run.stderr and (run.exit_code or not run.result):
            print("    " + run.stderr[-600:].replace("\n", "\n    "))
    print()
    print(table(runs))
    print()
    for run in runs:
        if run.result:
            print(f"{run.label.split(' (')[0]}: {run.result.summary()}")
    if runs and runs[0].result:
        print("\nissue 12's targets, this checkout:")
        print("\n".join(targets(runs[0].result)))
        if args.show_missed:
            print("\nmissed gold claims, this checkout:")
            for stem, lines in runs[0].result.missing.items():
                for line in lines:
                    print(f"  {line}")
    if args.json:
        args.json.write_text(json.dumps(dict(
            data=str(args.data), texts=list(texts),
            runs=[dict(label=r.label, toolkit=r.toolkit, seconds=round(r.seconds, 2), exit_code=r.exit_code,
                       result=asdict(r.result) if r.result else None) for r in runs]), indent=1), encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main())
