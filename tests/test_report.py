"""The HTML report without a browser: self-contained, escaped, and holding what the audit found."""

import json
import re

import claimkit
from claimkit.report.page import render_report
from conftest import write


def expanded(page: str) -> str:
    """The page with every block held back for on-demand rendering put in (what a reader sees opened)."""
    held = re.findall(r'<script type="application/json" id="((?:text|aside)-[^"]+|[\w-]+-page-\d+|fold-[\w-]+)">'
                      r'(.*?)</script>', page, re.S)
    return page + "".join(json.loads(body) for _, body in held)


def _audit(tmp_path, nlp, texts):
    folder = tmp_path / "in"
    for name, text in texts.items():
        write(folder / name, text)
    return claimkit.audit([folder], out_dir=tmp_path / "out", nlp=nlp)


def test_audit_writes_a_self_contained_report(demo_audit):
    page = demo_audit.outputs["report.html"].read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)  # nothing fetched
    assert "http://" not in page.split("<body>")[0] and "https://" not in page.split("<body>")[0]
    conflicts = int((demo_audit.disagreements["status"] == "conflict").sum())
    assert f'<dd id="count-conflicts">{conflicts}</dd>' in page
    whole = expanded(page)
    for pair_id in demo_audit.disagreements["pair_id"]:
        assert f'id="pair-{pair_id}"' in whole
    ranges = demo_audit.claims[["source_id", "start", "end"]].drop_duplicates()  # an event stands on its date's
    assert whole.count('<mark class="claim') >= 0.9 * len(ranges)  # characters: one mark for both


def test_source_text_is_escaped_and_the_data_cannot_close_its_script(tmp_path, nlp):
    hostile = ("In 1937 about 5,000 people were shot. <script>alert(1)</script> "
               '<img src=x onerror="alert(2)"> A "quoted" </script> line.')
    result = _audit(tmp_path, nlp, {"a.txt": hostile, "b.txt": "In 1937 about 9,000 people were shot."})
    page = result.outputs["report.html"].read_text(encoding="utf-8")
    whole = expanded(page)
    assert "<script>alert(" not in whole and "&lt;script&gt;alert(" in whole
    assert "<img src=x" not in whole and "&lt;img src=x onerror=&quot;alert(" in whole
    data = page.split('<script type="application/json" id="claim-data">')[1].split("</script>")[0]
    assert "<" not in data  # the claims' JSON is escaped so no "</script>" can end it early
    assert json.loads(data)["claims"]
    held = page.split('<script type="application/json" id="text-')[1].split("</script>")[0]
    assert "<" not in held.split(">", 1)[1]  # a source's text waits in JSON that cannot end its script either


def test_marks_stand_on_the_claims_characters(tmp_path, nlp):
    result = _audit(tmp_path, nlp, {"a.txt": "Roughly 680,000 people were executed in 1937-38.",
                                    "b.txt": "About 750,000 people were executed in 1937-38."})
    page = expanded(result.outputs["report.html"].read_text(encoding="utf-8"))
    marks = dict(re.findall(r'<mark class="claim[^"]*" id="claim-[0-9a-f]+" data-claim-id="([0-9a-f]+)"[^>]*>([^<]*)</mark>', page))
    for claim in result.claims.itertuples():
        assert marks[claim.claim_id] == claim.text
    statuses = set(re.findall(r'data-claim-id="[0-9a-f]+" data-status="(\w+)"', page))
    assert "conflict" in statuses


def test_render_report_without_verdicts_says_so(tmp_path, nlp):
    result = _audit(tmp_path, nlp, {"a.txt": "In 1937 about 5,000 people were shot."})
    page = render_report(result.sources, result.claims, result.disagreements)
    assert "No reference table was given." in page and "No aligned figures to chart." in page


def test_report_of_a_database_from_before_runs_were_recorded(tmp_path, nlp):
    import duckdb
    from claimkit.report import report_from_database

    result = _audit(tmp_path, nlp, {"a.txt": "In 1937-38 about 680,000 people were executed.",
                                    "b.txt": "In 1937-38 about 750,000 people were executed."})
    db = result.outputs["database"]
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE runs")
    con.execute("ALTER TABLE sources DROP COLUMN audited_at")
    con.execute("ALTER TABLE sources DROP COLUMN run_id")
    con.close()
    path, warnings = report_from_database(db.parent, tmp_path / "old.html")
    page = path.read_text(encoding="utf-8")
    assert not warnings and "everything stored in the database" in page and "680,000" in page
    claimkit.audit([tmp_path / "in"], out_dir=tmp_path / "out", nlp=nlp)  # writing again adds what was missing
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM sources WHERE audited_at IS NOT NULL").fetchone()[0] == 2
    con.close()


def test_report_charts_a_group_whose_members_only_agree_and_the_database_report_too(tmp_path, nlp):
    texts = {f"{name}.txt": f"In 1937-38 {figure} people were executed by the police.\n"
             for name, figure in (("a", "680,000"), ("b", "about 700,000"), ("c", "about 680,000"))}
    result = _audit(tmp_path, nlp, texts)
    [group] = result.groups[result.groups["measure"] == "count"].itertuples()
    assert group.status == "agree" and group.members_count == 3
    assert result.disagreements.empty  # plain agreements stay inside their group
    assert len(result.pairs_of(group.group_id)) == 3  # and come on demand
    for page in (result.outputs["report.html"].read_text(encoding="utf-8"),
                 claimkit.report.report_from_database(tmp_path / "out")[0].read_text(encoding="utf-8")):
        [chart] = re.findall(r'<figure class="estimates-chart" data-status="agree"[^>]*data-members="([^"]*)"', page)
        assert set(chart.split()) == set(group.members)


def test_report_shows_a_copied_essay_once_and_its_claims_lead_to_the_first(tmp_path, nlp):
    essay = "In 1937-38 about 680,000 people were executed. The purge began in 1936.\n"
    result = _audit(tmp_path, nlp, {"anna.txt": essay, "ben.txt": essay,
                                     "cora.txt": "In 1937-38 over 1.5 million people were executed.\n"})
    page = result.outputs["report.html"].read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="claim-data">(.*?)</script>', page, re.S)[1])
    by_source = result.claims.groupby("source_id")["claim_id"].apply(set)
    assert set(data["alias"]) == by_source["ben"] and set(data["alias"].values()) == by_source["anna"]
    assert not by_source["ben"] & set(data["claims"])  # the copy's claims are read in the first's
    same = [f for cid in by_source["anna"] for f in data["claims"][cid]["fields"] if f[0] == "Same text in"]
    assert same and all(f[1] == "ben.txt" for f in same)
    whole = expanded(page)
    assert "The same text as" in whole
    marked = {cid for ids in re.findall(r'<mark class="claim[^>]*data-claim-ids="([^"]*)"', whole) for cid in ids.split()}
    assert by_source["anna"] <= marked and not by_source["ben"] & marked
    # both copies disagree with the third essay, though the pair was judged once
    assert data["claims"][next(iter(by_source["anna"]))] and re.search(r'data-status="conflict"', whole)
