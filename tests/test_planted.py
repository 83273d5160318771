"""The demo corpus against its ground truth (tests/data/planted-*.md, one file per demo set): every
planted disagreement is found, nothing else is flagged, agreements stay unflagged and traps unaligned."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

PLANTED = sorted((Path(__file__).parent / "data").glob("planted-*.md"))
_PAIR = re.compile(r'`([^`]+)`: "([^"]+)" ↔ `([^`]+)`: "([^"]+)"')
_QUOTE = re.compile(r'`([^`]+\.\w+)`: "([^"]+)"')  # every quoted expression, also those named in a note


def _sections(path: Path) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    section = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].split(" (")[0]
        m = _PAIR.search(line)
        if m and section:
            reason = re.search(r"\(reason: (\w+)\)", line)
            out.setdefault(section, []).append((*m.groups(), reason.group(1) if reason else None, line))
    return out


KINDS = ("Planted disagreements", "Planted differences of scope or certainty", "Agreements", "Traps",
         "Other figures that must not produce a disagreement")
GROUND_TRUTH = {path.name: _sections(path) for path in PLANTED}
# every demo set's cases together: the demo audit reads the whole of sources/ at once
SECTIONS = {kind: [case for sections in GROUND_TRUTH.values() for case in sections.get(kind, [])] for kind in KINDS}


def _claims_at(audit, file: str, expression: str) -> set[str]:
    """Claims standing in ``expression`` of ``file``: its figures, and the events dated by a date in it."""
    source = next(s for s in audit.sources if Path(s.path).name == file)
    start = source.original.index(expression)
    end = start + len(expression)
    claims = audit.claims[audit.claims["source_id"] == source.source_id]
    inside = claims[(claims["start"] >= start) & (claims["end"] <= end)]
    ids = set(inside[inside["kind"] == "quantity"]["claim_id"])
    touching = claims[(claims["start"] < end) & (claims["end"] > start) & (claims["kind"] == "date")]
    for d in touching.itertuples():  # "since April 1939" dates the event of "April 1939"
        sentence = source.original[max(0, start - 300): end + 300]
        events = claims[(claims["kind"] == "event") & (claims["date_start"] == d.date_start)]
        ids |= {e.claim_id for e in events.itertuples() if e.sentence and e.sentence in sentence}
    return ids


def _rows_between(audit, one: tuple, other: tuple):
    a, b = _claims_at(audit, *one), _claims_at(audit, *other)
    assert a and b, f"no claim found at {one if not a else other}"
    d = audit.disagreements
    return d[(d["a"].isin(a) & d["b"].isin(b)) | (d["a"].isin(b) & d["b"].isin(a))]


def test_the_ground_truth_covers_every_planted_kind():
    sources = GROUND_TRUTH["planted-sources.md"]
    assert len(sources["Planted disagreements"]) >= 7
    assert len(sources["Planted differences of scope or certainty"]) >= 5
    assert sources["Agreements"] and sources["Traps"]


@pytest.mark.parametrize("name", sorted(GROUND_TRUTH))
def test_every_demo_set_plants_disagreements_within_and_across_texts_agreements_and_traps(name):
    sections = GROUND_TRUTH[name]
    planted = sections.get("Planted disagreements", [])
    across = [c for c in planted if c[0] != c[2]]
    assert len(across) >= 4 and len(planted) > len(across), name  # at least one within one text
    assert len(sections.get("Agreements", [])) >= 3 and len(sections.get("Traps", [])) >= 3, name


@pytest.mark.parametrize("path", PLANTED, ids=lambda p: p.name)
def test_every_planted_expression_occurs_exactly_once_in_its_file(path):
    quoted = _QUOTE.findall(path.read_text(encoding="utf-8"))
    assert quoted, f"{path.name} quotes no expression"
    for file, expression in quoted:
        text = (ROOT / "sources" / file).read_text(encoding="utf-8")
        assert text.count(expression) == 1, (path.name, file, expression, text.count(expression))


def test_every_demo_text_has_its_ground_truth():
    named = {file for path in PLANTED for file, _ in _QUOTE.findall(path.read_text(encoding="utf-8"))}
    assert {p.name for p in (ROOT / "sources").glob("*.txt")} <= named


@pytest.mark.parametrize("case", SECTIONS["Planted disagreements"], ids=lambda c: c[5][2:60])
def test_every_planted_disagreement_is_flagged(demo_audit, case):
    rows = _rows_between(demo_audit, case[0:2], case[2:4])
    assert rows["flagged"].any(), rows[["text_a", "text_b", "status"]]
    row = rows[rows["flagged"]].iloc[0]
    assert row["source_a"] in row["explanation"] and row["text_a"] in row["explanation"]


@pytest.mark.parametrize("case", SECTIONS["Planted differences of scope or certainty"], ids=lambda c: c[5][2:60])
def test_every_planted_difference_of_scope_or_certainty_is_found(demo_audit, case):
    rows = _rows_between(demo_audit, case[0:2], case[2:4])
    assert len(rows), "the pair is not aligned"
    assert any(case[4] in reasons for reasons in rows["reasons"]), rows[["text_a", "text_b", "reasons"]]


def test_nothing_but_the_planted_disagreements_is_flagged(demo_audit):
    planted = set()
    for case in SECTIONS["Planted disagreements"]:
        planted |= set(_rows_between(demo_audit, case[0:2], case[2:4])["pair_id"])
    flagged = demo_audit.disagreements[demo_audit.disagreements["flagged"]]
    extra = flagged[~flagged["pair_id"].isin(planted)]
    assert extra.empty, extra[["text_a", "text_b", "status", "explanation"]].to_string()


@pytest.mark.parametrize("case", SECTIONS["Agreements"] + SECTIONS["Other figures that must not produce a disagreement"],
                         ids=lambda c: c[5][2:60])
def test_agreements_are_not_flagged(demo_audit, case):
    try:
        rows = _rows_between(demo_audit, case[0:2], case[2:4])
    except AssertionError:
        return  # one side is a bare date with no event: nothing to align
    assert not rows["flagged"].any(), rows[["text_a", "text_b", "status"]]


@pytest.mark.parametrize("case", SECTIONS["Traps"], ids=lambda c: c[5][2:60])
def test_traps_are_not_aligned(demo_audit, case):
    a, b = _claims_at(demo_audit, *case[0:2]), _claims_at(demo_audit, *case[2:4])
    d = demo_audit.disagreements
    assert d[(d["a"].isin(a) & d["b"].isin(b)) | (d["a"].isin(b) & d["b"].isin(a))].empty


def test_demo_corpus_figures_are_checked_against_the_reference_with_citations(demo_audit):
    v = demo_audit.verdicts
    checked = v[v["verdict"] != "no_reference"]
    assert set(checked["verdict"]) >= {"supported", "contradicted"}
    assert checked["citation_text"].notna().all() and checked["reference_id"].notna().all()
    executed = checked[checked["text"] == "roughly 680,000"]
    assert "supported" in set(executed["verdict"])  # 681,692 in the NKVD records rounds to roughly 680,000
    assert (ROOT / "claims" / "reference" / "soviet-repression-1930s.csv").exists()
