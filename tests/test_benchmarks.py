"""The benchmark scripts still run and score by their documented rules (on tiny data of our own)."""

import importlib.util
import json
import sys
from pathlib import Path

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
