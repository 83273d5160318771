"""Shared fixtures: the trained pipeline once per session, paths to the real inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"
REFERENCE = ROOT / "claims" / "reference" / "soviet-repression-1930s.csv"
PERSONS = ROOT / "claims" / "reference" / "persons.csv"


@pytest.fixture(scope="session")
def nlp():
    from claimkit.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def blank_nlp():
    """claimkit's date and quantity components on a blank English pipeline (no trained model needed)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("claimkit_dates")
    nlp.add_pipe("claimkit_quantities")
    return nlp


@pytest.fixture(scope="session")
def demo_audit(tmp_path_factory, nlp):
    import claimkit

    out = tmp_path_factory.mktemp("demo-audit")
    return claimkit.audit([ROOT / "sources"], out_dir=out, nlp=nlp, references=[REFERENCE], persons=PERSONS)


@pytest.fixture(scope="session")
def seeds_audit(tmp_path_factory, nlp):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    import claimkit

    out = tmp_path_factory.mktemp("seeds-audit")
    return claimkit.audit([SEEDS], out_dir=out, nlp=nlp, references=[REFERENCE], persons=PERSONS)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path
