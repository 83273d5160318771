"""Extraction over several processes, or over a Dask cluster, with the claims of one process.

Only the pipeline's work leaves the parent: a worker turns a batch of source pieces into claim
records and citations (:func:`~claimkit.extract.batch.extract_batch`), so Docs never cross. The
parent gives the name keys (one :class:`NameIndex`, so a key never depends on which worker saw a
name first), checks the records, reports progress and keeps the order of the sources: results are
taken batch by batch in the order the batches were made, a few batches in flight per worker, so
memory stays bounded by the batches, not the corpus.

Processes are forked by a ``forkserver`` (``spawn`` where there is none), never from the parent: a
forked copy of a loaded spaCy pipeline is not safe next to the threads its libraries start. Each
loads the pipeline once and makes the parent's user lexicons active. A pipeline passed as ``nlp=``
is pickled to them (its components' factories must be importable in a fresh Python); one that
cannot be pickled is refused with a UsageError. A worker that dies (out of memory, a crash in
compiled code) breaks the pool: a new pool is started, the batch is read again piece by piece, and
a piece that kills a worker again is one ExtractionError.

On Dask (``scheduler=``) each batch is one task; the task returns its claims and citations as
Parquet bytes (Arrow tables with the claims table's declared types), the errors beside them. Dask
workers load claimkit's own pipeline; the user lexicons travel as their contents.
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import os
import pickle
import tempfile
import threading
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import asdict
from typing import Iterable, Iterator

from ..errors import ClaimkitError, ExtractionError, UsageError
from ..nlp import load_pipeline
from ..nlp.citations import Citation
from ..nlp.lexicon import current, using
from ..store import CLAIM_COLUMNS
from .batch import extract_batch

WINDOW = 2  # batches in flight per worker: one being read, one waiting
DASK_HINT = "pip install 'claimkit[dask]'"

Batch = list  # [(source index, chunk number, chunk start, piece)]


def check_parallel(workers, scheduler) -> None:
    """Refuse, before any work, a worker count that is not a whole number from 1, or a scheduler without Dask.

    Raises:
        UsageError: as above, or both a worker count and a scheduler.
    """
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise UsageError(f"--workers {workers}: give a whole number of processes, 1 or more")
    if scheduler is None:
        return
    if workers > 1:
        raise UsageError("--workers and --scheduler: give one (on Dask the cluster's workers do the work)")
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError(f"--scheduler needs Dask, which is not installed: {DASK_HINT}") from None


# --- worker processes ---------------------------------------------------------------------------

_WORKER: dict = {}


def _start_worker(nlp_bytes: bytes | None, lexicons: tuple[str, ...]) -> None:
    """A worker's initializer: the parent's lexicons made active, the pipeline loaded once."""
    block = using(list(lexicons))
    block.__enter__()  # for the life of the worker
    _WORKER["lexicons"] = block
    _WORKER["nlp"] = pickle.loads(nlp_bytes) if nlp_bytes is not None else load_pipeline()


def _ready() -> bool:
    return "nlp" in _WORKER


def _work(pieces: list) -> list:
    return extract_batch(_WORKER["nlp"], pieces)


def _pickled(nlp) -> bytes:
    try:
        return pickle.dumps(nlp)
    except Exception as err:  # noqa: BLE001 - whatever stops the pipeline from travelling
        raise UsageError(f"nlp=: this pipeline cannot be sent to worker processes ({type(err).__name__}: {err}); "
                         "use workers=1 with it, or leave nlp= out to use claimkit's pipeline") from None


def _context():
    """``forkserver`` where there is one (a server process that has imported claimkit, and no pipeline or
    thread yet, forks each worker: quick to start, and safe), else ``spawn``."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


class _Pool:
    """A spawn process pool that can be started again after a worker died."""

    def __init__(self, workers: int, nlp_bytes: bytes | None, lexicons: tuple[str, ...]):
        self.args = (workers, nlp_bytes, lexicons)
        self.pool: ProcessPoolExecutor | None = None
        self.start()

    def start(self) -> None:
        workers, nlp_bytes, lexicons = self.args
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = ProcessPoolExecutor(workers, mp_context=_context(),
                                        initializer=_start_worker, initargs=(nlp_bytes, lexicons))
        try:
            # every worker started now, each with a task of its own: a pool that spawned one later (Python does
            # so on demand) could start it while a broken pool is being torn down, and wait for it forever
            for ready in [self.pool.submit(_ready) for _ in range(workers)]:
                ready.result()
        except BrokenProcessPool:
            self.close()
            raise ClaimkitError("the worker processes could not start (their error is printed above); "
                                "run with workers=1 (--workers 1) to see it in this process") from None

    def submit(self, batch: Batch):
        return self.pool.submit(_work, [piece for *_, piece in batch])

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _died(piece) -> tuple:
    return [], [], ExtractionError(piece.path, "the worker process reading it died (out of memory, or a crash in "
                                               "compiled code)")


def in_processes(batches: Iterable[Batch], workers: int, nlp=None) -> Iterator[tuple[Batch, list]]:
    """``(batch, outcomes)`` for each batch, in order, read by ``workers`` processes (see the module)."""
    pool = _Pool(workers, _pickled(nlp) if nlp is not None else None, current().files)
    batches = iter(batches)
    flight: deque = deque()
    try:
        while True:
            while len(flight) < WINDOW * workers:
                batch = next(batches, None)
                if batch is None:
                    break
                flight.append((batch, pool.submit(batch)))
            if not flight:
                return
            batch, future = flight.popleft()
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                pool.start()
                outcomes = []
                for piece_entry in batch:  # again, one piece at a time: only the one that kills a worker is lost
                    try:
                        outcomes += pool.submit([piece_entry]).result()
                    except BrokenProcessPool:
                        pool.start()
                        outcomes.append(_died(piece_entry[3]))
                flight = deque((b, pool.submit(b)) for b, _ in flight)
            yield batch, outcomes
    finally:
        pool.close()


# --- Dask ----------------------------------------------------------------------------------------

@contextmanager
def connect(address: str):
    """A ``distributed.Client`` on the scheduler at ``address``, closed after the block.

    Raises:
        UsageError: Dask is not installed, or no scheduler answers at ``address``.
    """
    check_parallel(1, address)
    from distributed import Client

    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError, ValueError) as err:
        raise UsageError(f"--scheduler {address}: no Dask scheduler answers there ({type(err).__name__}: "
                         f"{str(err).splitlines()[0] if str(err) else ''}); start one with 'dask scheduler' and "
                         "give its tcp:// address") from None
    try:
        yield client
    finally:
        client.close()


def _arrow_type(dtype: str):
    import pyarrow as pa

    return {"string": pa.string(), "Int64": pa.int64(), "Float64": pa.float64(), "boolean": pa.bool_(),
            "object": pa.list_(pa.string())}[dtype]


def _claims_schema():
    import pyarrow as pa

    fields = [pa.field(name, _arrow_type(dtype)) for name, dtype in CLAIM_COLUMNS.items()]
    fields += [pa.field(name, pa.list_(pa.string())) for name in ("participant_kinds", "participant_roles")]
    fields += [pa.field("_piece", pa.int32()), pa.field("_absent", pa.list_(pa.string()))]
    return pa.schema(fields)


def _citations_schema():
    import pyarrow as pa

    return pa.schema([("citation_id", pa.string()), ("title", pa.string()), ("author", pa.string()),
                      ("year", pa.int64()), ("pages", pa.string()), ("text", pa.string()), ("start", pa.int64()),
                      ("end", pa.int64()), ("kind", pa.string()), ("_piece", pa.int32())])


def _parquet(rows: list[dict], schema) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), sink)
    return sink.getvalue()


def _rows(data: bytes) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(io.BytesIO(data)).to_pylist()


def encode(outcomes: list) -> dict:
    """A batch's outcomes as Parquet bytes: the claim records and citations, each row with its piece number;
    a claim row also names the fields its record did not have, so the parent gets back the same records."""
    schema = _claims_schema()
    names = [f.name for f in schema if not f.name.startswith("_")]
    claims, citations, errors = [], [], []
    for k, (found, cited, error) in enumerate(outcomes):
        if error is not None:
            errors.append((k, error))
            continue
        for rec in found:
            extra = set(rec) - set(names)
            if extra:  # a field the transport does not know would be lost: refuse loudly, in the test
                raise ClaimkitError(f"claim fields {sorted(extra)} have no column in the Dask transport")
            claims.append({**rec, "_piece": k, "_absent": [n for n in names if n not in rec]})
        citations += [{**asdict(c), "_piece": k} for c in cited]
    return {"claims": _parquet(claims, schema), "citations": _parquet(citations, _citations_schema()),
            "errors": errors, "pieces": len(outcomes)}


def decode(result: dict) -> list:
    """The outcomes :func:`encode` packed, as ``extract_batch`` returned them."""
    outcomes = [([], [], None) for _ in range(result["pieces"])]
    for k, error in result["errors"]:
        outcomes[k] = ([], [], error)
    for row in _rows(result["claims"]):
        k, absent = row.pop("_piece"), set(row.pop("_absent") or ())
        outcomes[k][0].append({name: value for name, value in row.items() if name not in absent})
    for row in _rows(result["citations"]):
        outcomes[row.pop("_piece")][1].append(Citation(**row))
    return outcomes


_TASK_LOCK = threading.Lock()  # a Dask worker may run tasks in threads: one pipeline, one at a time


def _lexicon_files(lexicons: tuple) -> list[str]:
    """The lexicons' contents written once per worker machine, so a worker needs no copy of the files."""
    folder = os.path.join(tempfile.gettempdir(), "claimkit-lexicons")
    os.makedirs(folder, exist_ok=True)
    paths = []
    for name, data in lexicons:
        path = os.path.join(folder, f"{hashlib.sha1(data).hexdigest()[:16]}-{os.path.basename(name)}")
        if not os.path.exists(path):
            with open(path + ".tmp", "wb") as f:
                f.write(data)
            os.replace(path + ".tmp", path)
        paths.append(path)
    return paths


def dask_task(pieces: list, lexicons: tuple) -> dict:
    """One Dask task: a batch of pieces through claimkit's pipeline, its outcomes as Parquet bytes."""
    with _TASK_LOCK, using(_lexicon_files(lexicons)):
        return encode(extract_batch(load_pipeline(), pieces))


def on_dask(batches: Iterable[Batch], client) -> Iterator[tuple[Batch, list]]:
    """``(batch, outcomes)`` for each batch, in order, one Dask task per batch (see the module)."""
    lexicons = tuple((path, open(path, "rb").read()) for path in current().files)
    slots = WINDOW * max(1, sum(client.nthreads().values()))
    batches = iter(batches)
    flight: deque = deque()
    try:
        while True:
            while len(flight) < slots:
                batch = next(batches, None)
                if batch is None:
                    break
                flight.append((batch, client.submit(dask_task, [p for *_, p in batch], lexicons, pure=False)))
            if not flight:
                return
            batch, future = flight.popleft()
            try:
                outcomes = decode(future.result())
            except Exception as err:  # noqa: BLE001 - a task that failed as a whole (a worker lost, a bad result)
                detail = str(err).splitlines()[0][:200] if str(err) else ""
                problem = f"the Dask task reading it failed ({type(err).__name__}{': ' + detail if detail else ''})"
                outcomes = [([], [], ExtractionError(piece.path, problem)) for *_, piece in batch]
            del future
            yield batch, outcomes
    finally:
        for _, future in flight:
            future.cancel()
