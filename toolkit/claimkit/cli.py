"""The ``claimkit`` command: thin wrappers that parse, call the library, print and exit.

Exit codes: 0 all good; 1 some input failed (the rest was processed and
written); 2 usage error, found before any work. Errors are one line on stderr;
anything unexpected becomes one line too (never a traceback), exit code 1.
"""

from __future__ import annotations

import functools
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from .errors import ClaimkitError, LexiconError, UsageError
from .progress import progress_for

# Each command imports what it needs when it runs, so that `claimkit --help` and `--version` answer
# without loading spaCy, pandas, DuckDB or jsonschema (a test checks it).
app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,
    no_args_is_help=True,
    help="Audit history essays: extract figures and dates as claims and flag where sources disagree.\n\n"
    "Example: claimkit audit sources/ --out claims/",
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"claimkit {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                 help="Print claimkit's version and exit."),
) -> None:
    """Audit history essays: extract figures and dates as claims and flag where sources disagree.

    Example: claimkit audit sources/ --out claims/
    """


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _error(message: str) -> None:
    typer.echo(f"claimkit: error: {message}", err=True)


def _guarded(command):
    """Turn what a command raises into one line on stderr and an exit code: 2 for usage
    problems, 1 for claimkit's own errors and, as a last resort, for anything unexpected."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except UsageError as err:
            _error(str(err))
            raise typer.Exit(2) from None
        except ClaimkitError as err:
            _error(str(err))
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            _error("interrupted; an audit's earlier outputs are as they were (outputs are replaced as a set)")
            raise typer.Exit(130) from None
        except Exception as err:  # noqa: BLE001 - the last resort: one line, never a traceback
            detail = str(err).splitlines()[0][:300] if str(err) else ""
            _error(f"unexpected {type(err).__name__}{': ' + detail if detail else ''} (a claimkit bug: please "
                   "report it with the command you ran); nothing more was written")
            raise typer.Exit(1) from None

    return run


def _check_paths(paths: List[Path], encoding: Optional[str]) -> None:
    """Usage checks before any work: every input exists, the encoding is known."""
    from .read import check_encoding

    for p in paths:
        if not p.exists():
            raise UsageError(f"{p}: no such file or folder; check the path (nothing was read)")
    check_encoding(encoding)


def _check_output(fmt: Format, output: Optional[Path], option: str = "-o") -> None:
    """Usage checks on where a table goes, before any work."""
    if output is None and fmt == Format.parquet:
        raise typer.BadParameter("parquet is binary: give a file with -o", param_hint="--format")
    if output is not None and output.is_dir():
        raise UsageError(f"{option} {output}: is a folder; give a file name to write")


class _Show:
    """The progress display of one command, closed when the command ends."""

    def __init__(self, quiet: bool):
        self.display = progress_for(quiet)

    def __enter__(self):
        return self.display

    def __exit__(self, *exc):
        if self.display is not None:
            self.display.close()


def _emit(df, fmt: Format, output: Optional[Path]) -> None:
    from .store import exports, to_records

    if output is None:
        if fmt == Format.jsonl:
            sys.stdout.write(exports.jsonl_lines(to_records(df)))
        else:
            exports._flat(df).to_csv(sys.stdout, index=False)
        return
    exports.write_table(df, output, fmt.value)


PATHS = typer.Argument(..., help="Files (.txt, .md, .html, .docx, .pdf) or folders, read recursively.")
CATALOG = typer.Option(None, "--catalog", help="CSL-JSON catalog of the sources (default: catalog.json beside them).")
ENCODING = typer.Option(None, "--encoding", help="Encoding of files that are not UTF-8 and have no byte-order mark "
                                               "(default: cp1252); UTF-16 and UTF-32 are detected.")
QUIET = typer.Option(False, "--quiet", "-q", help="No progress bars.")


@app.command()
@_guarded
def extract(
    paths: List[Path] = PATHS,
    fmt: Format = typer.Option(Format.jsonl, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
    catalog: Optional[Path] = CATALOG,
    encoding: str = ENCODING,
    quiet: bool = QUIET,
) -> None:
    """Extract claims (figures and dates) from sources.

    Example: claimkit extract sources/ --format csv -o claims.csv
    """
    from .extract import extract_all
    from .read import read_sources

    _check_paths(paths, encoding)
    _check_output(fmt, output)
    with _Show(quiet) as show:
        read = read_sources(paths, catalog=catalog, encoding=encoding, progress=show)
        for w in read.warnings:
            typer.echo(f"claimkit: warning: {w}", err=True)
        extraction = extract_all(read.sources, progress=show)
    for err in [*read.errors, *extraction.errors]:
        _error(str(err))
    _emit(extraction.claims, fmt, output)
    if read.errors or extraction.errors:
        raise typer.Exit(1)


@app.command()
@_guarded
def compare(
    claims_file: Path = typer.Argument(..., help="Claims written by 'claimkit extract' (.jsonl, .csv or .parquet)."),
    fmt: Format = typer.Option(Format.jsonl, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
    flagged: bool = typer.Option(False, "--flagged", help="Only the pairs that disagree."),
    groups: bool = typer.Option(False, "--groups", help="The groups of aligned claims instead of pairs."),
    pairs: Optional[str] = typer.Option(None, "--pairs", metavar="GROUP",
                                        help="Every pair of one group (its group_id, or the start of it), "
                                             "agreements included."),
) -> None:
    """Align claims about the same count across sources and judge them.

    Prints the pairs worth reading (those that disagree, and agreements with a reason); --groups
    prints the groups of aligned claims, --pairs GROUP every pair of one group.

    Example: claimkit compare claims/claims.jsonl --groups; claimkit compare claims/claims.jsonl --pairs 3f2a
    """
    from .compare import compare_groups, pairs_of
    from .store import exports

    _check_output(fmt, output)
    if groups and pairs:
        raise UsageError("--groups and --pairs: give one of them")
    claims = exports.read_table(claims_file, "claims")
    found_groups, result = compare_groups(claims)
    if groups:
        result = found_groups
    elif pairs:
        chosen = found_groups[found_groups["group_id"].str.startswith(pairs.lower())]
        if len(chosen) != 1:
            raise UsageError(f"--pairs {pairs}: {'no group has' if chosen.empty else 'several groups have'} that "
                             "id; list them with --groups")
        result = pairs_of(claims, chosen.iloc[0]["members"])
    if flagged:
        result = result[result["flagged"]]
    _emit(result, fmt, output)


_TABLE_SUFFIXES = (".jsonl", ".ndjson", ".json", ".parquet", ".csv")
REFERENCE = typer.Option(None, "--reference", "-r",
                         help="Reference table (.csv or .json, rows per reference.schema.json); repeat for several. "
                              "Default: the tables in claims/reference/.")
PERSONS = typer.Option(None, "--persons",
                       help="Person list for spelling checks (default: claims/reference/persons.csv).")


def _references(reference: Optional[List[Path]], persons: Optional[Path], folder: Optional[Path] = None):
    """The reference tables and person list to use: those given, else those in ``folder`` (claims/reference/)."""
    from .verify import DEFAULT_FOLDER, default_tables

    tables, found = default_tables(folder or DEFAULT_FOLDER)
    return (list(reference) if reference else tables), (persons or found)


@app.command()
@_guarded
def verify(
    paths: List[Path] = typer.Argument(..., help="Sources (files or folders), or a claims table written by claimkit "
                                                 "(.jsonl, .csv or .parquet)."),
    reference: Optional[List[Path]] = REFERENCE,
    persons: Optional[Path] = PERSONS,
    fmt: Format = typer.Option(Format.jsonl, "--format", "-f", help="Output format of the verdicts."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the verdicts to this file, not stdout."),
    names: Optional[Path] = typer.Option(None, "--names", help="Also write the likely misspellings to this file."),
    catalog: Optional[Path] = CATALOG,
    encoding: str = ENCODING,
    quiet: bool = QUIET,
) -> None:
    """Check claims against reference tables of cited figures, and names against the person list.

    Verdicts: supported, contradicted, within_range, outside_range, no_reference, each with
    the reference row and its citation. Likely misspellings are listed on stderr.

    Example: claimkit verify sources/ --reference claims/reference/soviet-repression-1930s.csv
    """
    from .extract import extract_all
    from .read import read_sources
    from .store import exports
    from .verify import DEFAULT_FOLDER, check_names, load_persons, load_reference
    from .verify import verify as run_verify

    tables, people = _references(reference, persons)
    if not tables:
        raise UsageError(f"no reference table: give one with --reference FILE (none found in {DEFAULT_FOLDER}/)")
    _check_paths(paths, encoding)
    _check_output(fmt, output)
    if names is not None:
        _check_output(Format.jsonl, names, "--names")
    failed = False
    table = load_reference(*tables)
    sources = []
    if len(paths) == 1 and paths[0].is_file() and paths[0].suffix.lower() in _TABLE_SUFFIXES:
        claims = exports.read_table(paths[0], "claims")
    else:
        with _Show(quiet) as show:
            read = read_sources(paths, catalog=catalog, encoding=encoding, progress=show)
            extraction = extract_all(read.sources, progress=show)
        for err in [*read.errors, *extraction.errors]:
            _error(str(err))
        failed = bool(read.errors or extraction.errors)
        sources, claims = extraction.sources, extraction.claims
    _emit(run_verify(claims, table), fmt, output)
    if people is not None and sources:
        checked = check_names(sources, load_persons(people))
        for row in checked.itertuples():
            typer.echo(f"claimkit: name: {row.explanation} (characters {row.start}-{row.end})", err=True)
        if names is not None:
            suffix = names.suffix.lstrip(".").lower()
            exports.write_table(checked, names, suffix if suffix in exports.FORMATS else "jsonl")
    if failed:
        raise typer.Exit(1)


@app.command()
@_guarded
def report(
    folder: Path = typer.Argument(Path("claims"), help="A folder an audit wrote (holding claims.duckdb)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Where to write (default: FOLDER/report.html)."),
    sources: Optional[List[str]] = typer.Option(None, "--sources", "-s", help="Only these stored sources (id, file "
                                                "name or path); repeat for several. Default: the whole database."),
) -> None:
    """Write the HTML report of everything in an audit's database (or of some sources): one self-contained page.

    The page says what it covers: the whole database, with the date of each run, or the sources asked for.

    Example: claimkit report claims/ -o report.html
    """
    from .report import report_from_database

    if output is not None and output.is_dir():
        raise UsageError(f"-o {output}: is a folder; give a file name for the report")
    path, warnings = report_from_database(folder, output, sources=sources or None)
    for w in warnings:
        typer.echo(f"claimkit: warning: {w}", err=True)
    typer.echo(f"report -> {path}")


class ExportFormat(str, Enum):
    w3c = "w3c"
    sqlite = "sqlite"


@app.command()
def export(
    folder: Path = typer.Argument(Path("claims"), help="A folder an audit wrote (holding claims.duckdb)."),
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="w3c: W3C Web Annotations (JSON-LD) of every "
                                     "claim, for Hypothesis or Recogito; sqlite: a SQLite copy for Datasette."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Where to write (default: "
                                          "FOLDER/annotations.jsonld or FOLDER/claims.sqlite)."),
    sources: Optional[List[str]] = typer.Option(None, "--sources", "-s", help="w3c only: just these stored sources "
                                                "(id, file name or path); repeat for several."),
) -> None:
    """Export an audit's database for other tools: W3C Web Annotations or a SQLite copy.

    Example: claimkit export claims/ --format w3c
    """
    from .report import export_from_database

    try:
        path, warnings = export_from_database(folder, fmt.value, output, sources=sources or None)
    except ClaimkitError as err:
        _error(str(err))
        raise typer.Exit(1) from None
    for w in warnings:
        typer.echo(f"claimkit: warning: {w}", err=True)
    typer.echo(f"{fmt.value} -> {path}")


@app.command()
@_guarded
def audit(
    paths: List[Path] = PATHS,
    out: Path = typer.Option(Path("claims"), "--out", "-o", help="Folder for the outputs."),
    catalog: Optional[Path] = CATALOG,
    encoding: str = ENCODING,
    quiet: bool = QUIET,
    reference: Optional[List[Path]] = typer.Option(
        None, "--reference", "-r", help="Reference table to verify against; repeat for several "
                                        "(default: the tables in OUT/reference/)."),
    persons: Optional[Path] = typer.Option(None, "--persons", help="Person list (default: OUT/reference/persons.csv)."),
    no_report: bool = typer.Option(False, "--no-report", help="Do not write report.html."),
    lexicon: Optional[List[Path]] = typer.Option(
        None, "--lexicon", help="Your own lexicon (JSON: subjects, event classes, verbs, places, named periods; "
                                "see schemas/lexicon.schema.json), merged over claimkit's; repeat for several."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Extract in this many processes (at most one "
                                "per core; each loads its own copy of the pipeline)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", envvar="CLAIMKIT_SCHEDULER", help="Address of a Dask scheduler (tcp://host:8786): "
        "extract on its cluster, one task per batch of documents (pip install 'claimkit[dask]')."),
) -> None:
    """Read, extract, compare, verify and store: write claims, disagreements, verdicts, sources and the database.

    Example: claimkit audit sources/ --out claims/ --lexicon my-words.json
    """
    from .audit import audit as run_audit
    from .nlp.lexicon import load as load_lexicon

    try:
        load_lexicon(lexicon or ())
    except LexiconError as err:
        raise UsageError(str(err)) from None  # a bad --lexicon is refused before any work (exit 2)
    with _Show(quiet) as show:
        result = run_audit(paths, out_dir=out, catalog=catalog, encoding=encoding, progress=show,
                           references=reference or None, persons=persons, report=not no_report,
                           lexicons=lexicon or None, workers=workers, scheduler=scheduler or None)
    for w in result.warnings:
        typer.echo(f"claimkit: warning: {w}", err=True)
    for err in result.errors:
        _error(str(err))
    flagged = int(result.disagreements["flagged"].sum()) if len(result.disagreements) else 0
    if not quiet and result.outputs:
        files = sorted(p.name for k, p in result.outputs.items() if k.endswith(".jsonl"))
        checked = ""
        if result.verdicts is not None:
            found = result.verdicts[result.verdicts["verdict"] != "no_reference"]
            checked = f", {found['claim_id'].nunique()} claims checked against references"
        if result.names is not None and len(result.names):
            checked += f", {len(result.names)} likely misspelt names"
        typer.echo(
            f"{len(result.sources)} sources, {len(result.claims)} claims, {flagged} flagged disagreements{checked} "
            f"-> {out}/ ({', '.join(files)}, CSV copies, {result.outputs['database'].name}"
            f"{', report.html' if 'report.html' in result.outputs else ''})"
        )
    if result.errors:
        raise typer.Exit(1)


def main() -> None:
    """Console entry point."""
    app()
