"""Extraction over worker processes: every Span._ value survives the trip, and the claims are those of one process."""

from __future__ import annotations

import json
import os
import sys

import claimkit
import pandas as pd
import pytest
import spacy
from claimkit import UsageError, extract_all, read_sources
from claimkit.nlp import FOOTNOTES_KEY, add_components
from claimkit.nlp.dates import DATE_FIELDS
from claimkit.nlp.frames import EVENT_FIELDS, FRAME_FIELDS
from claimkit.nlp.lexicon import using
from claimkit.nlp.quantities import QUANTITY_FIELDS
from conftest import write
from spacy.language import Language
from spacy.tokens.underscore import Underscore

EXTENSIONS = sorted(set(FRAME_FIELDS + EVENT_FIELDS + DATE_FIELDS + QUANTITY_FIELDS))

# A text of our own in which every extension takes a value somewhere.
TEXTS = [
    "The Liverpool Harbour Strike of 1911\n\n"
    "In about 1905 the port grew, and perhaps 3 out of 4 dockers in Liverpool were casual labourers. "
    "During the harbour strike of 1911 in Liverpool, about 70,000 dockers stopped work. "
    "According to the historian Mara Quill, wages rose 12% in the following year. "
    "Before 1913 some 400 workers were dismissed without notice in the mills. "
    "At least 2 of the 5 shipping lines, or 40% of the fleet, did not sail in August 1911. "
    "In Liverpool, Tom Mann was arrested on 3 May 1912. After 1911 the union had 8,000 members.\n",
    "Wheat prices fell by a third between 1873 and 1879, and some 200 farms were sold in 1880.",
]


def _docs(nlp, n_process: int) -> list:
    docs = []
    for text in TEXTS:
        doc = nlp.make_doc(text)
        doc.user_data[FOOTNOTES_KEY] = [(text.index("stopped work.") + len("stopped work."), "1")] \
            if "stopped work." in text else []
        docs.append(doc)
    return list(nlp.pipe(docs, n_process=n_process, batch_size=1))


@pytest.fixture(scope="module")
def both_sides(nlp):
    """The texts parsed in this process and in two worker processes (the pool started once)."""
    return _docs(nlp, 1), _docs(nlp, 2)


def test_parallel_every_registered_span_extension_is_tested():
    assert set(Underscore.span_extensions) <= set(EXTENSIONS)
    assert not Underscore.doc_extensions and not Underscore.token_extensions  # none today: test them when added


@pytest.mark.parametrize("name", EXTENSIONS)
def test_parallel_span_extension_survives_worker_processes(both_sides, name):
    here, there = both_sides
    taken = 0
    for doc, came in zip(here, there):
        assert came.text == doc.text and set(came.spans) == set(doc.spans)
        for key in doc.spans:
            assert [(s.start_char, s.end_char) for s in came.spans[key]] == \
                   [(s.start_char, s.end_char) for s in doc.spans[key]]
            for span, back in zip(doc.spans[key], came.spans[key]):
                value, returned = getattr(span._, name), getattr(back._, name)
                assert returned == value and type(returned) is type(value), (key, span.text)
                taken += value not in (None, False, [])
    assert taken, f"no span has a value for {name}: the texts no longer test it"


# --- extraction over worker processes -------------------------------------------------------------

ESSAYS = {
    "a-harbour.txt": "The Harbour Strike\n\nIn August 1911 about 70,000 dockers stopped work in Liverpool. "
                     "Tom Mann was arrested on 3 May 1912. Wages rose 12% in 1912.\n",
    "b-harbour.txt": "Some 80,000 dockers joined the harbour strike of 1911, and Thomas Mann was arrested in May 1912 "
                     "(Quill 2004, p. 88).\n",
    "c-wheat.txt": "Wheat prices fell by a third between 1873 and 1879.\n\nSome 200 farms were sold in 1880. " * 40,
    "d-mills.txt": "Before 1913 some 400 workers were dismissed without notice in the mills; in 1914 another 150.\n",
}


@Language.component("claimkit_test_trip_wire")
def _trip_wire(doc):
    """Fails on a text that says "TRIPWIRE"; ends its whole process on one that says "KILLSWITCH"."""
    if "KILLSWITCH" in doc.text:
        os._exit(3)
    if "TRIPWIRE" in doc.text:
        raise ValueError("a planted failure")
    return doc


@pytest.fixture(scope="module")
def light_nlp():
    """claimkit's rule components on a blank English pipeline (quick to start in a worker), plus the trip wire."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    add_components(nlp)
    nlp.add_pipe("claimkit_test_trip_wire")
    return nlp


def _sources(folder, essays) -> list:
    for name, text in essays.items():
        write(folder / name, text)
    return read_sources([folder]).sources


def _same(a, b) -> None:
    assert a.claims.index.tolist() == b.claims.index.tolist()
    pd.testing.assert_frame_equal(a.claims, b.claims)
    pd.testing.assert_frame_equal(a.citations, b.citations)
    assert [s.source_id for s in a.sources] == [s.source_id for s in b.sources]
    assert [str(e) for e in a.errors] == [str(e) for e in b.errors]


def test_parallel_two_workers_give_the_claims_of_one_in_chunks_batches_and_user_lexicons(tmp_path, light_nlp):
    lexicon = write(tmp_path / "lexicon.json", json.dumps({"places": {"Port Quill": {"names": ["quillhaven"]}},
        "named_periods": [{"names": ["the quill years"], "start": "1905-01-01", "end": "1909-12-31",
                           "place": "Port Quill"}]}))
    sources = _sources(tmp_path / "essays", {**ESSAYS, "e-quill.txt": "During the Quill Years about 3,000 stevedores "
                                                                      "left the port.\n"})
    options = {"nlp": light_nlp, "batch_size": 2, "chunk_chars": 1500}  # the long text in chunks, several batches
    with using([lexicon]):
        one = extract_all(sources, **options)
        two = extract_all(sources, workers=2, **options)
    assert len(one.claims) > 80 and not one.errors
    _same(one, two)
    assert two.claims.set_index("text").loc["about 3,000", "period_start"] == "1905-01-01"  # the workers' lexicon


def test_parallel_a_failing_source_and_a_dying_worker_cost_only_their_own_files(tmp_path, light_nlp):
    essays = {**ESSAYS, "e-bad.txt": "In 1911 TRIPWIRE 300 men.\n", "f-dead.txt": "In 1912 KILLSWITCH 40 men.\n"}
    sources = _sources(tmp_path, essays)
    seen = []
    two = extract_all(sources, nlp=light_nlp, workers=2, batch_size=3, progress=lambda *a: seen.append(a))
    assert sorted(e.path.rsplit("/", 1)[-1] for e in two.errors) == ["e-bad.txt", "f-dead.txt"]
    assert "planted failure" in str([e for e in two.errors if "e-bad" in e.path][0])
    assert "worker process reading it died" in str([e for e in two.errors if "f-dead" in e.path][0])
    one = extract_all([s for s in sources if s.path.endswith(tuple(ESSAYS))], nlp=light_nlp)
    pd.testing.assert_frame_equal(one.claims, two.claims)
    assert seen[-1] == ("extract", len(sources), len(sources))


def test_parallel_bad_worker_counts_and_unsendable_pipelines_are_usage_errors(tmp_path, light_nlp):
    sources = _sources(tmp_path, {"a.txt": "In 1911 some 300 men struck.\n"})
    for bad in (0, -1, 1.5):
        with pytest.raises(UsageError, match="--workers"):
            extract_all(sources, nlp=light_nlp, workers=bad)
    unsendable = spacy.blank("en")
    unsendable.add_pipe("sentencizer")
    add_components(unsendable)
    unsendable.tokenizer.token_match = lambda text: None  # a lambda cannot be pickled
    with pytest.raises(UsageError, match="cannot be sent to worker processes"):
        extract_all(sources, nlp=unsendable, workers=2)


@pytest.fixture(scope="module")
def serial_audit(tmp_path_factory, nlp):
    """A small audit in this process: what 2 workers and a Dask cluster must give."""
    folder = tmp_path_factory.mktemp("essays")
    for name, text in ESSAYS.items():
        write(folder / name, text if not name.startswith("c-") else text[:400])
    out = tmp_path_factory.mktemp("serial")
    return folder, out, claimkit.audit([folder], out_dir=out, nlp=nlp, report=False, progress=None)


def _same_audit(serial, out, result) -> None:
    _, serial_out, one = serial
    assert len(one.claims) > 10 and not one.errors and not result.errors
    pd.testing.assert_frame_equal(one.claims, result.claims)
    pd.testing.assert_frame_equal(one.disagreements, result.disagreements)
    for name in ("claims.jsonl", "citations.jsonl", "disagreements.jsonl"):
        assert (serial_out / name).read_text() == (out / name).read_text()


def test_parallel_audit_with_two_workers_equals_one(tmp_path, serial_audit):
    two = claimkit.audit([serial_audit[0]], out_dir=tmp_path, workers=2, report=False, progress=None)
    _same_audit(serial_audit, tmp_path, two)


def test_parallel_audit_on_a_local_dask_cluster_equals_one_process(tmp_path, serial_audit, nlp):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        on_dask = claimkit.audit([serial_audit[0]], out_dir=tmp_path, nlp=nlp, scheduler=client, report=False,
                                 progress=None)
    _same_audit(serial_audit, tmp_path, on_dask)


def test_parallel_scheduler_without_dask_is_a_usage_error_with_the_install_hint(tmp_path, monkeypatch):
    from claimkit.cli import app
    from typer.testing import CliRunner

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if Dask were not installed
    write(tmp_path / "in" / "a.txt", "In 1911 some 300 men struck.\n")
    with pytest.raises(UsageError, match=r"pip install 'claimkit\[dask\]'"):
        claimkit.audit([tmp_path / "in"], out_dir=tmp_path / "out", scheduler="tcp://127.0.0.1:8786")
    result = CliRunner().invoke(app, ["audit", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q"],
                                env={"CLAIMKIT_SCHEDULER": "tcp://127.0.0.1:8786"})
    assert result.exit_code == 2 and "claimkit[dask]" in result.output
    assert not (tmp_path / "out").exists()  # refused before any work
