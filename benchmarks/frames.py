"""Score claimkit's claim frames against hand-made gold frames on real texts.

Run from the repository root (needs only claimkit and its spaCy model)::

    python benchmarks/frames.py
    python benchmarks/frames.py --show-errors 20
    python benchmarks/frames.py --gold benchmarks/frames/gold.jsonl \
        --texts ../shared/corpus ../shared/seeds

Data:

- **Gold** (``--gold``; default ``benchmarks/frames/gold.jsonl``): one JSON object
  per line for one figure, written by hand by the rules of
  ``benchmarks/frames/README.md``: ``file`` (the text's file name), ``text`` (the
  figure as written), ``start`` and ``end`` (character offsets of the figure in the
  decoded original file, as claimkit's claims table gives them), ``subject`` (a
  short lemmatised label, or null when the figure stands alone),
  ``predicate_class`` (a list of classes of ``claimkit/data/frames.json``; empty
  when none applies), ``period`` (``[start, end]`` as inclusive ISO dates, either
  end may be null for an open side, or null), ``hedge`` (``asserted``, ``hedged`` or
  ``speculative``), ``citation`` (the footnote marker without brackets, or the
  surname of a named source, or null) and an optional ``note``.
- **Texts** (``--texts``; default ``../shared/corpus`` and ``../shared/seeds``
  beside the repository): the Wikipedia sections and seed essays the gold points
  into (see ``SOURCES``). They are not shipped here; the gold stores only offsets
  and short labels. Before scoring, every gold ``text`` is checked against the
  characters at its offsets; a file that is missing or has changed stops the run
  (exit code 2).

claimkit reads the text folders with ``claimkit.extract`` (the default pipeline).
Each gold item is matched to the quantity claim of the same file (``source_id``
is the file name without its suffix) whose ``[start, end)`` overlaps the gold
span most; a gold item with no overlapping claim counts as wrong in every field
(the script prints how many). Several gold items may match the same claim (one
claim spanning "exceeded N and may have reached M" holds two gold figures, each
with its own hedge).

Per field, the share of gold items read right, by two standards:

- **subject**: both sides are normalised: lower-cased, possessive "'s" dropped,
  " - " joined to "-", split on spaces and commas, the words ``DROP_WORDS``
  ("the", "its", "other", ...) left out, each word made singular crudely ("ies" to
  "y", else a final "s" stripped from words of four letters or more not ending
  in "ss", "us", "is" or "ps"). *Exact*: the same words in the same order. *Partial*:
  the gold head (its last word) is a word of the reading, or the reading's head
  is a word of the gold, or the two word sets have a Jaccard index of at least
  0.5. A null gold subject (the figure stands alone) is matched, by both
  standards, only by an empty reading.
- **predicate_class**: claimkit's ``predicate_class`` split on "+". *Exact*: the
  same set of classes. *Partial*: the sets share a class, or both are empty.
- **period**: claimkit's ``[period_start, period_end]``. *Exact*: the same two
  ends (a missing end matches only a null one). *Partial*: the two intervals
  overlap, an open end reaching as far as it likes. A null gold period is
  matched, by both standards, only by a reading with neither end; a reading
  with neither end never matches a gold period.
- **hedge**: claimkit's ``certainty``. *Exact*: the same level. *Partial*: both
  asserted, or both not (hedged and speculative count as the same).
- **citation**: claimkit's ``footnote`` when it has one, else its
  ``attribution`` (the precedence of the guide: footnote marker, bracket
  reference, named source). Compared lower-cased without brackets. *Exact*: the
  same marker; for a name, every word of the gold name is a word of the reading
  ("Ellman" matches "Michael Ellman"). *Partial*: both give a citation, or both
  give none.

The targets (``TARGETS``) are partial-match accuracies: 0.85 for subject,
predicate class and period, 0.90 for hedge and citation. ``--show-errors N``
prints up to N gold items per field whose reading is not an exact match, marked
``partial`` when it is a partial one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT / "benchmarks" / "frames" / "gold.jsonl"
DEFAULT_TEXTS = [ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "seeds"]
SOURCES = (
    "The texts are the project's shared development corpus, beside the repository:\n"
    "  ../shared/corpus/  sections of English Wikipedia articles (CC BY-SA,\n"
    "    Wikipedia contributors) from public GitHub copies, as listed in\n"
    "    ../shared/notes/corpus.md: KausMer/wikipedia (Joseph_Stalin.txt,\n"
    "    commit 0e1df203); chinapedia/wikipedia.abstract.en (Page/Red_Army.md,\n"
    "    Page/Molotov–Ribbentrop_Pact.md, Page/Nikolai_Bukharin.md, commit 4f3e897d);\n"
    "    SpocWiki/Europe-Russia (History_of_Russia/Gulag.md, commit 459a6ac0)\n"
    "  ../shared/seeds/   the two seed essays (../shared/notes/seeds.md)"
)
FIELDS = ("subject", "predicate_class", "period", "hedge", "citation")
TARGETS = {"subject": 0.85, "predicate_class": 0.85, "period": 0.85,
           "hedge": 0.90, "citation": 0.90}
LEVELS = {"asserted", "hedged", "speculative"}
DROP_WORDS = {"the", "a", "an", "its", "their", "his", "her", "these", "those", "this",
              "that", "other", "such"}
SAME_PLURAL = {"corps", "people", "series", "species", "means", "arms"}
_SPLIT = re.compile(r"[\s,]+")


@dataclass
class Gold:
    """One hand-made frame: where the figure is and what the frame should say."""

    file: str
    text: str
    start: int
    end: int
    subject: str | None
    predicate_class: list[str]
    period: tuple[str | None, str | None] | None
    hedge: str
    citation: str | None
    note: str = ""

    @property
    def source_id(self) -> str:
        return Path(self.file).stem


@dataclass
class Reading:
    """What claimkit says about one figure, in the gold's terms."""

    text: str
    subject: str | None
    predicate_class: list[str]
    period: tuple[str | None, str | None] | None
    hedge: str
    citation: str | None


@dataclass
class FieldScore:
    exact: int = 0
    partial: int = 0
    n: int = 0
    errors: list[str] = field(default_factory=list)


# -- loading ----------------------------------------------------------------------

def load_gold(path: Path) -> list[Gold]:
    """The gold file's records, checked for the fields and values the guide allows."""
    items = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        rec = json.loads(line)
        period = rec["period"]
        if period is not None and (len(period) != 2 or period == [None, None]):
            raise ValueError(f"{path}:{no}: period must be null or [start, end]")
        if rec["hedge"] not in LEVELS:
            raise ValueError(f"{path}:{no}: hedge must be one of {sorted(LEVELS)}")
        items.append(Gold(
            file=rec["file"], text=rec["text"], start=int(rec["start"]),
            end=int(rec["end"]),
            subject=rec["subject"] or None,
            predicate_class=list(rec["predicate_class"] or []),
            period=tuple(period) if period is not None else None, hedge=rec["hedge"],
            citation=rec["citation"] or None, note=rec.get("note", ""),
        ))
    return items


def check_texts(gold: list[Gold], folders: list[Path]) -> list[str]:
    """Problems with the texts the gold points into: missing files, moved offsets."""
    from claimkit import read_source

    seen, problems, originals = set(), [], {}
    for g in gold:
        if g.file not in seen:
            seen.add(g.file)
            found = next((f / g.file for f in folders if (f / g.file).is_file()), None)
            if found is None:
                where = ", ".join(str(f) for f in folders) or "(no folder)"
                problems.append(f"{g.file}: not found in {where}")
                continue
            originals[g.file] = read_source(found).original
        held = originals[g.file][g.start:g.end] if g.file in originals else g.text
        if held != g.text:
            problems.append(f"{g.file}: offsets {g.start}-{g.end} hold {held!r}, "
                            f"not {g.text!r} (has the text changed?)")
    return problems


def read_claims(folders: list[Path]):
    """claimkit's quantity claims for every file of the text folders."""
    import claimkit

    claims = claimkit.extract(*folders)
    return claims[claims["kind"] == "quantity"]


# -- matching ---------------------------------------------------------------------

def _value(v):
    """A table cell as a plain value (None for missing)."""
    if v is None:
        return None
    try:
        import pandas as pd

        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v


def reading_of(row) -> Reading:
    """A claims-table row as a Reading."""
    subject = _value(row["subject"])
    classes = _value(row["predicate_class"])
    start, end = _value(row["period_start"]), _value(row["period_end"])
    citation = _value(row["footnote"]) or _value(row["attribution"])
    return Reading(
        text=str(row["text"]),
        subject=subject.strip() if subject and subject.strip() else None,
        predicate_class=[c.strip() for c in re.split(r"[+,]", classes or "")
                         if c.strip()],
        period=(start, end) if start or end else None,
        hedge=_value(row["certainty"]) or "asserted",
        citation=str(citation) if citation else None,
    )


def match(g: Gold, claims) -> Reading | None:
    """The reading of the same file's claim overlapping the gold span most (or None)."""
    same = claims["source_id"] == g.source_id
    rows = claims[same & (claims["start"] < g.end) & (claims["end"] > g.start)]
    if rows.empty:
        return None
    overlap = rows["end"].clip(upper=g.end) - rows["start"].clip(lower=g.start)
    return reading_of(rows.loc[overlap.idxmax()])


# -- comparing, field by field -------------------------------------------------------

def _singular(word: str) -> str:
    """A crude singular: "casualties" -> "casualty", "officers" -> "officer"."""
    if word in SAME_PLURAL:
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) >= 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def subject_words(text: str | None) -> list[str]:
    """A subject's normalised words (see the module docstring)."""
    if not text:
        return []
    text = re.sub(r"[’']s\b", "", text.lower()).replace(" - ", "-")
    return [_singular(w) for w in _SPLIT.split(text) if w and w not in DROP_WORDS]


def compare_subject(gold: str | None, read: str | None) -> tuple[bool, bool]:
    """(exact, partial) for a subject."""
    g, r = subject_words(gold), subject_words(read)
    if not g or not r:
        return (not g and not r,) * 2
    if g == r:
        return True, True
    union = set(g) | set(r)
    jaccard = len(set(g) & set(r)) / len(union)
    return False, g[-1] in r or r[-1] in g or jaccard >= 0.5


def compare_classes(gold: list[str], read: list[str]) -> tuple[bool, bool]:
    """(exact, partial) for predicate classes."""
    g, r = set(gold), set(read)
    return g == r, g == r or bool(g & r)


def compare_period(gold, read) -> tuple[bool, bool]:
    """(exact, partial) for periods; None ends are open."""
    if gold is None or read is None:
        return (gold is None and read is None,) * 2
    exact = tuple(gold) == tuple(read)
    lo = max(gold[0] or "0000", read[0] or "0000")
    hi = min(gold[1] or "9999", read[1] or "9999")
    return exact, exact or lo <= hi


def compare_hedge(gold: str, read: str) -> tuple[bool, bool]:
    """(exact, partial) for hedge levels; hedged and speculative are partly the same."""
    return gold == read, (gold == "asserted") == (read == "asserted")


def _citation_words(text: str | None) -> list[str]:
    return re.sub(r"[\[\]]", " ", text or "").lower().split()


def compare_citation(gold: str | None, read: str | None) -> tuple[bool, bool]:
    """(exact, partial) for citations: same marker, or the gold name in the reading."""
    g, r = _citation_words(gold), _citation_words(read)
    if not g or not r:
        return (not g and not r,) * 2
    return g == r or all(w in r for w in g), True


COMPARE = {
    "subject": compare_subject, "predicate_class": compare_classes,
    "period": compare_period, "hedge": compare_hedge, "citation": compare_citation,
}


# -- scoring and printing ------------------------------------------------------------

def score(gold: list[Gold], claims) -> tuple[dict[str, FieldScore], list[Gold]]:
    """Scores per field, and the gold items no claim overlaps."""
    scores = {f: FieldScore() for f in FIELDS}
    unmatched = []
    for g in gold:
        read = match(g, claims)
        if read is None:
            unmatched.append(g)
        for f in FIELDS:
            s = scores[f]
            s.n += 1
            if read is None:
                continue
            exact, partial = COMPARE[f](getattr(g, f), getattr(read, f))
            s.exact += exact
            s.partial += partial
            if not exact:
                s.errors.append(_error_line(f, g, read, partial))
    return scores, unmatched


def _show(v) -> str:
    """A field value, short: "-" for none, "a/b" for a period, "x+y" for classes."""
    if v is None:
        return "-"
    if isinstance(v, tuple):
        return "/".join(x or ".." for x in v)
    if isinstance(v, list):
        return "+".join(v) or "(none)"
    return repr(v)


def _error_line(f: str, g: Gold, read: Reading, partial: bool) -> str:
    """One line of --show-errors output."""
    span = f"{g.source_id} {g.start}-{g.end} {g.text!r}"
    if read.text != g.text:
        span += f" (claim {read.text!r})"
    return (f"  {span}: gold {_show(getattr(g, f))}, read {_show(getattr(read, f))}"
            f" [{'partial' if partial else 'wrong'}]")


def table(scores: dict[str, FieldScore]) -> str:
    """The result table: field, exact, partial, n, and the partial target."""
    lines = ["  field           | exact | partial |   n | target (partial)"]
    for f in FIELDS:
        s = scores[f]
        ex = s.exact / s.n if s.n else 0.0
        pa = s.partial / s.n if s.n else 0.0
        ok = "met" if pa >= TARGETS[f] else "below"
        lines.append(f"  {f:<15} | {ex:5.3f} |  {pa:5.3f}  | {s.n:3d}"
                     f" | {TARGETS[f]:.2f} {ok}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Score claimkit's frames against the gold, print the table (2: data missing)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD,
                    help="gold frames, JSON lines (default: %(default)s)")
    ap.add_argument("--texts", type=Path, nargs="+", default=DEFAULT_TEXTS,
                    metavar="DIR",
                    help="folders holding the texts the gold points into"
                         " (default: ../shared/corpus ../shared/seeds)")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N",
                    help="print up to N gold items per field that claimkit misreads")
    args = ap.parse_args(argv)
    if not args.gold.is_file():
        print(f"No gold file at {args.gold}.", file=sys.stderr)
        return 2
    gold = load_gold(args.gold)
    folders = [f for f in args.texts if f.is_dir()]
    problems = check_texts(gold, args.texts)
    if problems or not folders:
        for p in problems[:20]:
            print(p, file=sys.stderr)
        print(f"The gold points into texts that are missing or changed.\n{SOURCES}\n"
              "Pass their folders with --texts.", file=sys.stderr)
        return 2
    claims = read_claims(folders)
    scores, unmatched = score(gold, claims)
    per_file = Counter(g.file for g in gold)
    print(f"frames: {len(gold)} gold figures in {len(per_file)} files, "
          f"{len(unmatched)} without an overlapping claim (counted wrong)")
    for name, n in sorted(per_file.items()):
        print(f"  {name:<28} {n:3d}")
    print(table(scores))
    for g in unmatched:
        print(f"  no claim: {g.source_id} {g.start}-{g.end} {g.text!r}")
    if args.show_errors:
        for f in FIELDS:
            errors = scores[f].errors
            if errors:
                print(f"\n{f}: {len(errors)} not exact")
                for line in errors[: args.show_errors]:
                    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
