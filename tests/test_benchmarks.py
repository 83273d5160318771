"""The benchmark scripts still run and score by their documented rules (on tiny data of our own)."""

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_script(name):
    if str(ROOT / "benchmarks") not in sys.path:
        sys.path.insert(0, str(ROOT / "benchmarks"))  # as when the script runs: its folder first on the path
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script loads
    spec.loader.exec_module(module)
    return module


def write_sets(root: Path):
    (root / "quantulum3").mkdir(parents=True)
    (root / "quantulum3" / "quantities.json").write_text(json.dumps([
        {"req": "The mill ground 40 tonnes in two days.", "res": [
            {"value": 40, "unit": "tonne", "surface": "40 tonnes"},
            {"value": 2, "unit": "day", "surface": "two days"}]},
        {"req": "They carried between 10 and 20 kg each.", "res": [
            {"value": 15, "unit": "kilogram", "surface": "between 10 and 20 kg", "uncertainty": 5}]},
    ]), encoding="utf-8")
    specs = root / "recognizers-text" / "Specs" / "Number" / "English"
    specs.mkdir(parents=True)
    number = [{"Input": "seventy-two", "Results": [
        {"Text": "seventy-two", "TypeName": "number", "Resolution": {"value": "72"}, "Start": 0, "End": 10}]}]
    ranges = [{"Input": "no fewer than 30 came", "Results": [
        {"Text": "no fewer than 30", "TypeName": "numberrange", "Resolution": {"value": "[30,)"}, "Start": 0, "End": 15}]},
        {"Input": "bad case", "NotSupportedByDesign": "python", "Results": []}]
    percent = [{"Input": "about 15 per cent", "Results": [
        {"Text": "15 per cent", "TypeName": "percentage", "Resolution": {"value": "15%"}, "Start": 6, "End": 16}]}]
    for name, rows in (("NumberModel", number), ("NumberRangeModel", ranges), ("PercentModel", percent)):
        (specs / f"{name}.json").write_text(json.dumps(rows), encoding="utf-8-sig")


def test_quantities_benchmark_scores_claimkit_by_its_matching_rules(tmp_path, capsys):
    write_sets(tmp_path)
    bench = load_script("quantities")
    assert bench.main(["--data", str(tmp_path), "--only", "claimkit"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.strip().startswith("claimkit")]
    assert len(rows) == 4
    # every set above is read exactly, so every F1 is 1.000
    assert all(line.count("1.000") == 9 for line in rows), out
    assert "cases left out (NotSupportedByDesign): 1" in out


def test_quantities_benchmark_scores_a_typed_numberwithunit_set(tmp_path, capsys):
    """A Currency spec annotates money only: a count in the same sentence is left out, units compare by code."""
    specs = tmp_path / "recognizers-text" / "Specs" / "NumberWithUnit" / "English"
    specs.mkdir(parents=True)
    rows = [{"Input": "The 12 clerks were paid 40 Swedish kronor each.", "Results": [
        {"Text": "40 Swedish kronor", "TypeName": "currency",
         "Resolution": {"value": "40", "unit": "Swedish krona", "isoCurrency": "SEK"}, "Start": 24, "End": 40}]},
        {"Input": "It cost C$15.", "Results": [
            {"Text": "C$15", "TypeName": "currency", "Resolution": {"value": "15", "unit": "Canadian dollar"},
             "Start": 8, "End": 11}]}]
    (specs / "CurrencyModel.json").write_text(json.dumps(rows), encoding="utf-8-sig")
    bench = load_script("quantities")
    assert bench.main(["--data", str(tmp_path), "--only", "claimkit"]) == 0
    out = capsys.readouterr().out
    (row,) = [line for line in out.splitlines() if line.strip().startswith("claimkit")]
    assert "rt-currency: 2 sentences, 2 gold figures" in out
    assert row.count("1.000") == 9, out


def test_quantities_benchmark_says_where_the_data_comes_from(tmp_path, capsys):
    bench = load_script("quantities")
    assert bench.main(["--data", str(tmp_path / "missing"), "--only", "claimkit"]) == 2
    assert "github.com/microsoft/Recognizers-Text" in capsys.readouterr().err


def test_quantities_benchmark_counts_a_wrong_value_as_a_miss():
    bench = load_script("quantities")
    gold = bench.Case("x 40 y", [bench.Item((2, 4), [(41.0,)], "count", "point", "40")])
    result = bench.Result()
    bench.score_case(gold, [bench.Item((2, 4), [(40.0,)], "count", "point", "40")], result, False)
    assert (result.value.tp, result.value.fp, result.value.fn) == (0, 1, 1)


def write_date_sets(root: Path):
    specs = root / "recognizers-text" / "Specs" / "DateTime" / "English"
    specs.mkdir(parents=True)
    ref = {"ReferenceDateTime": "1939-09-01T00:00:00"}
    extractor = [{"Input": "They left on 3 May 1937.", "Results": [
        {"Text": "3 May 1937", "Type": "date", "Start": 14, "Length": 10}]}]
    parser = [{"Input": "They left on 3 May 1937.", "Context": ref, "Results": [
        {"Text": "3 May 1937", "Type": "date", "Start": 14, "Length": 10,
         "Value": {"Timex": "1937-05-03", "FutureResolution": {"date": "1937-05-03"},
                   "PastResolution": {"date": "1937-05-03"}}}]}]
    period = [{"Input": "The siege lasted from 1941 to 1944.", "Context": ref, "Results": [
        {"Text": "from 1941 to 1944", "Type": "daterange", "Start": 17, "Length": 17,
         "Value": {"Timex": "(1941-01-01,1944-01-01,P3Y)", "FutureResolution": {"startDate": "1941-01-01", "endDate": "1944-01-01"},
                   "PastResolution": {"startDate": "1941-01-01", "endDate": "1944-01-01"}}}]}]
    model = [{"Input": "The talks broke down next week.", "Context": ref, "Results": [
        {"Text": "next week", "Start": 21, "End": 29, "TypeName": "datetimeV2.daterange",
         "Resolution": {"values": [{"timex": "1939-W36", "type": "daterange", "start": "1939-09-04", "end": "1939-09-11"}]}}]}]
    for name, rows in (("DateExtractor", extractor), ("DatePeriodExtractor", extractor), ("DateParser", parser),
                       ("DatePeriodParser", period), ("DateTimeModel", model)):
        (specs / f"{name}.json").write_text(json.dumps(rows), encoding="utf-8-sig")


def test_dates_benchmark_scores_spans_and_intervals(tmp_path, capsys):
    write_date_sets(tmp_path)
    bench = load_script("dates")
    assert bench.main(["--data", str(tmp_path), "--only", "claimkit"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.strip().startswith("claimkit")]
    assert len(rows) == 5
    assert all("1.000 1.000 1.000" in line for line in rows), out
    assert sum("1.000 (   1)" in line for line in rows) == 3, out  # three sets carry intervals, all right


def test_dates_benchmark_says_where_the_data_comes_from(tmp_path, capsys):
    bench = load_script("dates")
    assert bench.main(["--data", str(tmp_path / "missing"), "--only", "claimkit"]) == 2
    assert "Recognizers-Text" in capsys.readouterr().err


def test_compare_benchmark_prints_sizes_baselines_and_growth(capsys):
    bench = load_script("compare")
    assert bench.main(["--sizes", "300", "3000"]) == 0
    out = capsys.readouterr().out
    assert "baselines in the same run" in out and "compare/groupby" in out
    rows = [line for line in out.splitlines() if line.strip().startswith(("300 ", "3,000 "))]
    assert len(rows) >= 2, out
    assert "300 -> 3,000: size 10.0x" in out and "linear" in out


def test_compare_benchmark_corpus_has_every_claim_column():
    bench = load_script("compare")
    claims = bench.make_claims(bench.make_columns(50))
    from claimkit.store.table import CLAIM_COLUMNS

    assert list(claims.columns) == list(CLAIM_COLUMNS) and len(claims) == 50


# --- alignment.py: the corpus-topics scorer's rules, per topic, on a tiny gold of our own -------------

SCORER = ROOT.parent / "shared" / "corpus-topics" / "score.py"
TOPIC_TEXTS = {
    "41_ridge": "About 12,000 men fell on the first morning. A later count gives 15,000.",
    "46_city": "In 1794 some 3,000 prisoners were guillotined in the capital. Every register says three thousand.",
    "51_drought": "The drought of 1960 halved the harvest, and 3,000 wells ran dry.",
}


def write_topic_gold(root: Path):
    """texts/, gold/claims.tsv and gold/groups.tsv in the scorer's format, and the scorer beside them."""
    import shutil

    if not SCORER.is_file():
        pytest.skip("../shared/corpus-topics/score.py is not beside this checkout")
    shutil.copy(SCORER, root / "score.py")  # read at run time from the data folder, as the script does
    (root / "texts").mkdir()
    (root / "gold").mkdir()
    for stem, text in TOPIC_TEXTS.items():
        (root / "texts" / f"{stem}.txt").write_text(text, encoding="utf-8")
    rows = [("g1", "41_ridge", "About 12,000", "12000"), ("g2", "41_ridge", "15,000", "15000"),
            ("g3", "46_city", "1794", "1794"), ("g4", "46_city", "some 3,000", "3000"),
            ("g5", "46_city", "three thousand", "3000"), ("g6", "51_drought", "1960", "1960"),
            ("g7", "51_drought", "3,000", "3000"), ("g8", "51_drought", "halved", "vague:half")]
    lines = ["claim_id\tfile\tstart\tend\twritten\tnormalised\twhat_is_counted\tperiod\thedge"]
    spans = {}
    for gid, stem, written, norm in rows:
        start = TOPIC_TEXTS[stem].index(written)
        spans[gid] = (stem, start, start + len(written))
        lines.append(f"{gid}\t{stem}.txt\t{start}\t{start + len(written)}\t{written}\t{norm}\tx\t\t")
    (root / "gold" / "claims.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "gold" / "groups.tsv").write_text(
        "group_id\tkind\tclaim_ids\tnote\n"
        "A1\tA\tg1 g2\tthe dead of the first morning, two figures\n"
        "B1\tB\tg4 g5\tthe guillotined, one figure written twice\n"
        "T1\tT\tg4 | g7\tprisoners and wells, same number\n", encoding="utf-8")
    return spans


def topic_claims(spans, values):
    """claims.jsonl rows at the gold spans, with the given values (a date as an ISO year)."""
    out = []
    for gid, value in values.items():
        stem, start, end = spans[gid]
        claim = dict(claim_id=f"c-{gid}", source_id=stem, start=start, end=end, text=TOPIC_TEXTS[stem][start:end])
        if isinstance(value, str):
            claim.update(kind="date", date_start=f"{value}-01-01", date_end=f"{value}-12-31")
        else:
            claim.update(kind="quantity", value=value, low=value, high=value, unit="count")
        out.append(claim)
    return out


def pair(a, b, status, flagged):
    return dict(a=f"c-{a}", b=f"c-{b}", status=status, flagged=flagged)


def test_alignment_benchmark_scores_recall_and_groups_per_topic(tmp_path, capsys):
    bench = load_script("alignment")
    spans = write_topic_gold(tmp_path)
    scorer, texts = bench.load_scorer(tmp_path), bench.read_texts(tmp_path)
    right = dict(g1=12000, g2=15000, g3="1794", g4=3000, g5=3000, g6="1960", g7=3000)
    good = bench.score(scorer, texts, topic_claims(spans, right),
                       [pair("g1", "g2", "conflict", True), pair("g4", "g5", "agree", False)])
    s = good.scores
    assert (s["Somme 41-45"].recall.hit, s["Somme 41-45"].recall.total) == (2, 2)
    assert (s["Terror 46-50"].recall.hit, s["Terror 46-50"].recall.total) == (3, 3)
    assert (s["China 51-55"].recall.hit, s["China 51-55"].recall.total) == (2, 2)  # the vague claim is not scored
    assert (s["Somme 41-45"].a_flagged.hit, s["Somme 41-45"].a_flagged.total) == (1, 1)
    assert (s["Terror 46-50"].b_conflict.hit, s["Terror 46-50"].b_conflict.total) == (0, 1)
    assert (s["cross-topic"].t_aligned.hit, s["cross-topic"].t_aligned.total) == (0, 1)  # 46 and 51: two topics
    assert good.summary() == ("corpus-topics: claims 7/7; A flagged 1/1; "
                            "B controls wrongly in conflict 0/1; traps wrongly aligned 0/1")

    wrong = dict(right, g1=1200, g3="1749")  # a value and a date misread
    bad = bench.score(scorer, texts, topic_claims(spans, wrong),
                      [pair("g1", "g2", "conflict", True), pair("g4", "g5", "conflict", True),
                       pair("g4", "g7", "agree", False)])
    assert bad.summary() == ("corpus-topics: claims 5/7; A flagged 0/1; "
                           "B controls wrongly in conflict 1/1; traps wrongly aligned 1/1")
    assert bad.scores["Terror 46-50"].b_conflict.hit == 1 and bad.scores["cross-topic"].t_aligned.hit == 1
    assert "g1 'About 12,000'" in bad.missing["41_ridge"][0]

    runs = [bench.Run("this checkout (x)", "", 0.0, 0, "", good), bench.Run("base (baseline)", "", 0.0, 0, "", bad)]
    printed = bench.table(runs)
    somme = next(line for line in printed.splitlines() if line.startswith("Somme 41-45"))
    assert somme.split()[-7:] == ["2/2", "=", "1.000", "1/2", "=", "0.500", "+0.500"], printed
    cross = printed[printed.index("cross-topic"):]
    assert re.search(r"traps aligned +0/1 +1/1 +-1\n", cross + "\n"), printed


def test_alignment_benchmark_says_where_the_data_comes_from(tmp_path, capsys):
    bench = load_script("alignment")
    assert bench.main(["--data", str(tmp_path / "missing"), "--no-baseline"]) == 2
    assert "../shared/corpus-topics" in capsys.readouterr().err


def test_alignment_benchmark_stops_on_gold_that_no_longer_fits_the_texts(tmp_path):
    bench = load_script("alignment")
    spans = write_topic_gold(tmp_path)
    (tmp_path / "texts" / "41_ridge.txt").write_text("Some 12,000 men fell on the first morning.", encoding="utf-8")
    with pytest.raises(ValueError, match="41_ridge.txt"):
        bench.score(bench.load_scorer(tmp_path), bench.read_texts(tmp_path), topic_claims(spans, {}), [])


def test_alignment_benchmark_runs_a_revision_with_its_own_entry_points(tmp_path):
    bench = load_script("alignment")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "claimkit"\nversion = "0.0.1"\n'
        '[project.entry-points.spacy_factories]\nclaimkit_dates = "claimkit.dates:make_dates"\n', encoding="utf-8")
    bench._metadata(tmp_path / "pyproject.toml", tmp_path / "meta")
    import importlib.metadata

    dist = next(importlib.metadata.distributions(name="claimkit", path=[str(tmp_path / "meta")]))
    assert dist.version == "0.0.1"
    assert [(e.group, e.name, e.value) for e in dist.entry_points] == [
        ("spacy_factories", "claimkit_dates", "claimkit.dates:make_dates")]


def test_charts_benchmark_times_both_renderers(capsys):
    import pytest

    if importlib.util.find_spec("vl_convert") is None:
        pytest.skip("vl-convert-python is in the bench extra")
    bench = load_script("charts")
    assert bench.main(["--rounds", "1", "--sizes", "2"]) == 0
    out = capsys.readouterr().out
    assert out.count("\nmatplotlib") + out.startswith("matplotlib") >= 1 and "vl-convert " in out
    assert "ratios vl-convert / matplotlib" in out


def test_report_benchmark_renders_both_pages(capsys):
    bench = load_script("report")
    assert bench.main(["--sizes", "12", "--no-browser"]) == 0
    out = capsys.readouterr().out
    assert "claimkit" in out and "all inline" in out and "ratio" in out
def test_scale_benchmark_repeats_the_texts_under_distinct_names(tmp_path, monkeypatch):
    bench = load_script("scale")
    monkeypatch.setattr(bench, "texts", lambda: [("a.txt", "In 1937 some 5,000 were shot."), ("b.txt", "Two words.")])
    files, words = bench.generate(tmp_path / "corpus", 40)
    names = sorted(p.relative_to(tmp_path / "corpus").as_posix() for p in (tmp_path / "corpus").rglob("*.txt"))
    assert words >= 40 and files == len(names) > 2
    assert names[:4] == ["r0000/a.txt", "r0000/b.txt", "r0001/a.txt", "r0001/b.txt"]


def test_scale_benchmark_times_every_stage(tmp_path, nlp):
    bench = load_script("scale")
    figures = bench.measure(ROOT / "sources", tmp_path / "out")
    assert set(figures["seconds"]) == set(bench.STAGES)
    assert figures["claims"] > 0 and figures["peak_mb"] >= figures["stage_peak_mb"]["extract"] > 0


def test_scale_benchmark_reports_growth_and_verdicts(capsys):
    bench = load_script("scale")
    stages = {s: 1.0 for s in bench.STAGES}

    def row(words, total, peak):
        return {"size": words, "files": words // 1000, "words": words, "seconds": dict(stages, extract=total / 2),
                "total": total, "peak_mb": peak, "stage_peak_mb": {"extract": peak - 100, "store": peak},
                "claims": words // 20,
                "pairs": 10, "sources": 1}

    bench.report([row(100_000, 100.0, 700), row(300_000, 310.0, 800), row(1_000_000, 2_000.0, 1_600)],
                 {"seconds": 25.0, "peak_mb": 400}, 16)
    out = capsys.readouterr().out
    assert "4,000 words/s" in out and "| 1,000,000 |" in out and "extract 1,500, store 1,600" in out
    assert "(target under 1,500 MB): FAIL" in out
    assert "100,000 -> 300,000 words: 1.03 times the growth in words (linear: at most 1.25): PASS" in out
    assert "300,000 -> 1,000,000 words: 1.94 times" in out and out.count("FAIL") == 2


def test_scale_benchmark_checks_workers_dask_and_stage_growth(capsys):
    bench = load_script("scale")

    def row(words, total, compare=1.0):
        seconds = {s: 1.0 for s in bench.STAGES} | {"extract": total - 6, "compare": compare}
        return {"size": words, "words": words, "seconds": seconds, "total": total, "claims": 5, "pairs": 3}

    bench.compare_configs({
        "1 worker": [row(100_000, 100.0), row(300_000, 300.0), row(1_000_000, 1000.0, compare=20.0)],
        "2 workers": [row(300_000, 200.0)],
        "dask, 2 workers": [row(300_000, 210.0)],
    })
    out = capsys.readouterr().out
    assert "1 worker: stage growth" in out and "compare 20.0x" in out and "(at most 11x; worst compare): FAIL" in out
    assert "300,000 words: 2 workers 1.50x as fast as 1" in out and "(at least 1.6x at 300,000 words): FAIL" in out
    assert "Dask 210.0 s against 2 workers 200.0 s (+5%; same claims; within 15%): PASS" in out
