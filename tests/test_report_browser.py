"""The HTML report, opened in a real browser (Debian's chromium driven by Playwright).

The report is one self-contained file: it must open offline, load nothing over the
network, log no errors, show the flagged disagreements first, reveal a claim's frame
when its highlight is clicked, draw the estimates charts and print every piece of
source text literally (an essay's ``<script>`` is text, never code).

Playwright never downloads a browser here: the tests drive the system chromium that
``.ci/run`` installs from Debian, and skip when it is not there.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ROOT, write

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
LOCAL_SCHEMES = ("file:", "data:", "about:")
TIMEOUT_MS = 15_000


def _chromium() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    if executable is None:
        pytest.skip("chromium is not installed: .ci/run installs Debian's chromium (apt-get install chromium) "
                    "for these browser tests; Playwright never downloads one")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@dataclass
class Opened:
    """A report open in a page, with everything it logged or tried to fetch."""

    page: object
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self):
        assert not self.errors, f"console errors / page errors: {self.errors}"
        assert not self.requests, f"network requests other than file:/data:/about:: {self.requests}"
        assert not self.dialogs, f"the page opened dialogs: {self.dialogs}"


@pytest.fixture
def open_report(browser):
    """``open_report(path) -> Opened``: a fresh page (in its own context) showing the report at ``path``."""
    contexts = []

    def _open(path: Path) -> Opened:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        opened = Opened(page)

        def on_console(msg):
            if msg.type == "error":
                opened.errors.append(f"console: {msg.text}")

        def on_request(request):
            if not request.url.startswith(LOCAL_SCHEMES):
                opened.requests.append(request.url)

        def on_route(route):
            if route.request.url.startswith(LOCAL_SCHEMES):
                route.continue_()
            else:
                if route.request.url not in opened.requests:
                    opened.requests.append(route.request.url)
                route.abort()

        def on_dialog(dialog):
            opened.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("console", on_console)
        page.on("pageerror", lambda exc: opened.errors.append(f"pageerror: {exc}"))
        page.on("request", on_request)
        page.on("dialog", on_dialog)
        page.route("**/*", on_route)
        page.goto(Path(path).resolve().as_uri())
        page.wait_for_load_state("load")
        return opened

    yield _open
    for context in contexts:
        context.close()


def report_of(result) -> Path:
    assert "report.html" in result.outputs, sorted(result.outputs)
    path = Path(result.outputs["report.html"])
    assert path.is_file() and path.stat().st_size > 0, path
    return path


def headline_pair(seeds_audit):
    """The seed essays' headline disagreement: one million vs 850,000 party members."""
    claims = seeds_audit.claims.set_index("claim_id")
    for row in seeds_audit.disagreements.itertuples():
        if {claims.loc[row.a, "value"], claims.loc[row.b, "value"]} == {1_000_000, 850_000} and row.flagged:
            return row
    raise AssertionError(seeds_audit.disagreements[["text_a", "text_b", "status"]])


def claim_id_of(result, text, **where):
    rows = result.claims[result.claims["text"] == text]
    for column, value in where.items():
        rows = rows[rows[column].astype("string").str.contains(value, regex=False).fillna(False)]
    assert len(rows) == 1, (text, where, rows[["claim_id", "source_id", "text", "subject"]])
    return rows.iloc[0]


def row_texts(page):
    """(pair id, status, severity, side-a text, side-b text) of every disagreement row, in page order."""
    return page.eval_on_selector_all(
        "#disagreement-table tr.disagreement",
        """rows => rows.map(r => ({
            id: r.id, pair: r.dataset.pairId, status: r.dataset.status, severity: Number(r.dataset.severity),
            a: (r.querySelector('td.side-a') || {}).textContent || '',
            b: (r.querySelector('td.side-b') || {}).textContent || '',
            marks: Array.from(r.querySelectorAll('td.side-a mark, td.side-b mark')).map(m => m.textContent),
            explanation: (r.querySelector('td.explanation') || {}).textContent || '',
        }))""",
    )


def mark_for(page, text, scope="#sources"):
    """The one ``mark.claim`` in ``scope`` whose text is exactly ``text``."""
    marks = page.locator(f"{scope} mark.claim").filter(has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))
    assert marks.count() == 1, f"{marks.count()} mark.claim elements read {text!r}"
    return marks.first


# --- static: one self-contained file ---------------------------------------------------------------

REMOTE_LOADS = [
    re.compile(r"<script\b[^>]*\bsrc\s*=", re.IGNORECASE),
    re.compile(r"<link\b[^>]*\bhref\s*=", re.IGNORECASE),
    re.compile(r"\b(?:src|srcset|poster|data)\s*=\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE),
    re.compile(r"url\(\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE),
    re.compile(r"@import\b", re.IGNORECASE),
]


@pytest.mark.parametrize("which", ["demo_audit", "seeds_audit"])
def test_report_is_one_self_contained_file(request, which):
    html = report_of(request.getfixturevalue(which)).read_text(encoding="utf-8")
    assert re.search(r"<style\b", html, re.IGNORECASE) and re.search(r"<script\b", html, re.IGNORECASE)
    for pattern in REMOTE_LOADS:
        assert not pattern.search(html), pattern.search(html).group(0)


# --- 1. the seeds' headline disagreement -----------------------------------------------------------

def test_seeds_report_shows_the_headline_disagreement_first(seeds_audit, open_report):
    pair = headline_pair(seeds_audit)
    opened = open_report(report_of(seeds_audit))
    page = opened.page
    rows = row_texts(page)
    assert rows, "no tr.disagreement rows in #disagreement-table"
    assert len(rows) == len(seeds_audit.disagreements)

    headline = [i for i, r in enumerate(rows)
                if ("one million" in r["a"] and "850,000" in r["b"]) or ("850,000" in r["a"] and "one million" in r["b"])]
    assert headline, [(r["a"], r["b"]) for r in rows]
    index = headline[0]
    row = rows[index]
    assert row["status"] == "scope_differs"
    assert row["id"] == f"pair-{pair.pair_id}" and row["pair"] == pair.pair_id
    assert {"one million", "850,000"} <= {m.strip() for m in row["marks"]}, row["marks"]
    assert pair.source_a in row["a"] + row["b"] and pair.source_b in row["a"] + row["b"]
    assert row["explanation"].strip()

    # sorted by severity, most severe first; the flagged rows (not agree) come before the rest
    severities = [r["severity"] for r in rows]
    assert severities == sorted(severities, reverse=True), severities
    flagged = [r["status"] != "agree" for r in rows]
    assert flagged == sorted(flagged, reverse=True), [r["status"] for r in rows]
    assert index < sum(flagged), (index, [r["status"] for r in rows])
    assert index < 3

    # a picture of it for people: full page, after scrolling the headline into view
    locator = page.locator(f"#pair-{pair.pair_id}")
    locator.scroll_into_view_if_needed()
    assert locator.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report-seeds.png"
    shot.unlink(missing_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    assert shot.is_file() and shot.stat().st_size > 0
    opened.assert_clean()


def test_seeds_report_sets_boilerplate_aside(seeds_audit, open_report):
    opened = open_report(report_of(seeds_audit))
    page = opened.page
    for source in seeds_audit.sources:
        article = page.locator(f"article.source#source-{source.source_id}")
        assert article.locator("div.source-text").count() == 1
        if source.excluded:
            details = article.locator("details.excluded")
            assert details.count() >= 1, source.source_id
            # the boilerplate is out of the essay's text and no claim is marked in it
            assert details.locator("mark.claim").count() == 0
    # the essay site's advert is set aside, not shown as the author's text
    assert "$16.38" not in "".join(page.locator("div.source-text").all_text_contents())
    opened.assert_clean()


# --- 2. clicking a claim reveals its frame ---------------------------------------------------------

def test_clicking_a_claim_reveals_its_frame(seeds_audit, open_report):
    from playwright.sync_api import expect

    pair = headline_pair(seeds_audit)
    one_million = claim_id_of(seeds_audit, "one million", subject="party members")
    opened = open_report(report_of(seeds_audit))
    page = opened.page
    panel = page.locator("#frame-panel")
    assert panel.count() == 1
    expect(panel).to_be_hidden()

    mark = mark_for(page, "one million", scope=f"#source-{one_million.source_id} .source-text")
    assert mark.get_attribute("data-claim-id") == one_million.claim_id
    assert mark.get_attribute("data-status") == "scope_differs"
    assert mark.get_attribute("tabindex") == "0"
    mark.click()

    expect(panel).to_be_visible()
    expect(panel).to_have_attribute("data-claim-id", one_million.claim_id)
    expect(panel).to_contain_text("party members")
    terms = [t.strip() for t in panel.locator("dl dt").all_inner_texts()]
    for term in ("Subject", "Predicate", "Period", "Certainty", "Citation"):
        assert term in terms, terms
    link = panel.locator(f'a[href="#pair-{pair.pair_id}"]')
    expect(link).to_have_count(1)

    link.click()
    row = page.locator(f"#pair-{pair.pair_id}")
    page.wait_for_function(f"location.hash === '#pair-{pair.pair_id}'")
    expect(row).to_be_in_viewport()

    # the keyboard does the same: Enter on the other side's highlight shows that claim
    other = claim_id_of(seeds_audit, "850,000", subject="party members")
    mark = mark_for(page, "850,000", scope=f"#source-{other.source_id} .source-text")
    mark.focus()
    page.keyboard.press("Enter")
    expect(panel).to_have_attribute("data-claim-id", other.claim_id)
    expect(panel).to_be_visible()
    expect(panel.locator(f'a[href="#pair-{pair.pair_id}"]')).to_have_count(1)
    opened.assert_clean()


# --- 3. the estimates charts -----------------------------------------------------------------------

def test_estimates_chart_renders_with_the_hedged_estimate(seeds_audit, open_report):
    fifty = claim_id_of(seeds_audit, "50%", subject="officer corps")
    half = claim_id_of(seeds_audit, "as much as half", subject="officer corps")
    opened = open_report(report_of(seeds_audit))
    page = opened.page

    svgs = page.locator("#charts figure.estimates-chart svg")
    assert svgs.count() >= 1
    drawn = []
    for i in range(svgs.count()):
        svg = svgs.nth(i)
        svg.scroll_into_view_if_needed()
        box = svg.bounding_box()
        if svg.is_visible() and box and box["width"] > 0 and box["height"] > 0 \
                and svg.locator("g.estimate").count() >= 2:
            drawn.append(i)
    assert drawn, "no visible estimates chart with a non-zero box and two or more g.estimate"
    for figure in page.locator("#charts figure.estimates-chart").all():
        assert figure.locator("figcaption").inner_text().strip(), figure.inner_html()[:300]

    officers = page.locator("#charts figure.estimates-chart").filter(
        has=page.locator(f'g.estimate[data-claim-id="{fifty.claim_id}"]'))
    assert officers.count() == 1, "the 50% of the officer corps is in no chart (or several)"
    officers.scroll_into_view_if_needed()
    hedged = officers.locator("g.estimate.hedged")
    assert hedged.count() >= 1, officers.inner_html()[:500]
    assert half.claim_id in [g.get_attribute("data-claim-id") for g in hedged.all()]
    assert "hedged" not in (officers.locator(f'g.estimate[data-claim-id="{fifty.claim_id}"]').get_attribute("class"))
    for g in officers.locator("g.estimate").all():
        assert g.locator("circle").count() >= 1 or g.locator("line").count() >= 1, g.inner_html()
    opened.assert_clean()


# --- 4. nothing goes wrong and nothing is fetched --------------------------------------------------

@pytest.mark.parametrize("which", ["demo_audit", "seeds_audit"])
def test_report_logs_no_errors_and_fetches_nothing(request, which, open_report):
    opened = open_report(report_of(request.getfixturevalue(which)))
    page = opened.page
    # use the page a little so lazily run code runs too
    marks = page.locator("mark.claim")
    if marks.count():
        marks.first.click()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(300)
    opened.assert_clean()


# --- 5. source text is escaped ---------------------------------------------------------------------

HOSTILE = ('In 1937 about 5,000 people were shot. <script>window.__pwned = 1</script> '
           '<img src=x onerror="window.__pwned = 2"> Later <b>bold</b> 6,000 were shot in 1937.\n')


def test_source_text_is_escaped(tmp_path, nlp, open_report):
    import claimkit

    folder = tmp_path / "essays"
    write(folder / "hostile.txt", HOSTILE)
    write(folder / "plain.txt", "In 1937 about 9,000 people were shot.\n")
    result = claimkit.audit([folder], out_dir=tmp_path / "out", nlp=nlp)
    opened = open_report(report_of(result))
    page = opened.page
    page.wait_for_timeout(300)

    assert page.evaluate("window.__pwned") is None
    text = page.locator("#source-hostile .source-text")
    assert text.count() == 1
    assert text.is_visible()
    shown = text.inner_text()
    assert "<script>window.__pwned = 1</script>" in shown, shown
    assert '<img src=x onerror="window.__pwned = 2">' in shown, shown
    assert "<b>bold</b>" in shown, shown
    for tag in ("img", "script", "b", "iframe", "svg", "style"):
        assert page.locator(f".source-text {tag}").count() == 0, tag
    # clicking around the hostile text runs nothing either
    for mark in page.locator("#source-hostile mark.claim").all():
        mark.click()
    assert page.evaluate("window.__pwned") is None
    opened.assert_clean()


# --- 6. the demo corpus ----------------------------------------------------------------------------

def test_demo_report_counts_and_rows(demo_audit, open_report):
    d = demo_audit.disagreements
    flagged = d[d["flagged"].astype(bool)]
    assert len(flagged), "the demo corpus has flagged disagreements"
    opened = open_report(report_of(demo_audit))
    page = opened.page

    def count(name):
        text = page.locator(f"#summary dd#count-{name}").inner_text().strip()
        assert re.fullmatch(r"\d[\d,]*", text), (name, text)
        return int(text.replace(",", ""))

    assert count("flagged") == len(flagged)
    assert count("sources") == len(demo_audit.sources)
    assert count("claims") == len(demo_audit.claims)
    assert 0 <= count("unsourced") <= len(demo_audit.claims)

    rows = {r["pair"]: r for r in row_texts(page)}
    for pair in flagged.itertuples():
        assert pair.pair_id in rows, pair.pair_id
        assert rows[pair.pair_id]["status"] == pair.status
        assert rows[pair.pair_id]["severity"] == int(pair.severity)
        assert page.locator(f"#pair-{pair.pair_id}").count() == 1

    # one article per source, its claims highlighted around exactly their characters
    for source in demo_audit.sources:
        assert page.locator(f"article.source#source-{source.source_id} div.source-text").count() == 1
    marks = page.eval_on_selector_all(
        "#sources mark.claim", "ms => ms.map(m => [m.dataset.claimId, m.textContent, m.dataset.status, "
                               "m.dataset.claimIds])")
    texts = dict(zip(demo_audit.claims["claim_id"], demo_audit.claims["text"]))
    # every claim is highlighted: an event shares its mark with the date it stands on
    assert {i for *_, ids in marks for i in ids.split()} == set(texts), "every claim is highlighted"
    for claim_id, shown, status, ids in marks:
        assert all(texts[i] == shown for i in ids.split())
        assert claim_id in texts, claim_id
        assert shown == texts[claim_id], (claim_id, shown, texts[claim_id])
        assert status in {"conflict", "scope_differs", "agree", "none"}, status

    # verdicts: every row is one the audit found; every checked verdict is there with its citation
    v = demo_audit.verdicts
    shown = page.eval_on_selector_all(
        "#verdict-table tr.verdict",
        "rs => rs.map(r => [r.dataset.claimId, r.dataset.verdict,"
        " (r.querySelector('td.citation') || {}).textContent || ''])")
    known = set(zip(v["claim_id"], v["verdict"]))
    for claim_id, verdict, _citation in shown:
        assert (claim_id, verdict) in known, (claim_id, verdict)
    checked = v[v["verdict"] != "no_reference"]
    for row in checked.itertuples():
        cells = [c for cid, vd, c in shown if cid == row.claim_id and vd == row.verdict]
        assert cells, (row.claim_id, row.verdict, row.text)
        assert any(row.citation_text in c or row.citation in c for c in cells), (row.citation_text, cells)
    opened.assert_clean()
