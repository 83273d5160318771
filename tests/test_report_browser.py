"""The HTML report, opened in a real browser (Debian's chromium driven by Playwright).

The report is one self-contained file: it must open offline, load nothing over the
network, log no errors, show the contradictions first in plain words (nothing that agrees
above the fold), use no raw field names, float notation or ISO dates, reveal a claim's
frame when a finding's link or its highlight is followed, draw the estimates charts with
round ticks and full labels, keep its highlights in print, say what it covers, open in
under 2 s at 175 sources, and print every piece of source text literally (an essay's
``<script>`` is text, never code). Screenshots of the seed, demo and 175-source reports
go to test-artifacts/ (git-ignored).

Playwright never downloads a browser here: the tests drive the system chromium that
``.ci/run`` installs from Debian, and skip when it is not there.
"""

from __future__ import annotations

import re
import time
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


def cards(page, scope="#what-to-check"):
    """(pair id, status, severity, plain sentence, side-a text, side-b text, marks) of the finding cards in ``scope``."""
    return page.eval_on_selector_all(
        f"{scope} li.finding",
        """cards => cards.map(c => ({
            id: c.id, pair: c.dataset.pairId, status: c.dataset.status, severity: Number(c.dataset.severity),
            plain: (c.querySelector('p.plain') || {}).textContent || '',
            a: (c.querySelector('.side-a') || {}).textContent || '',
            b: (c.querySelector('.side-b') || {}).textContent || '',
            marks: Array.from(c.querySelectorAll('.side mark')).map(m => m.textContent),
            top: c.getBoundingClientRect().top,
        }))""",
    )


def open_everything(page):
    """Open every folded part and every page of every long list, as a reader who reads it all would."""
    page.evaluate("""() => {
        document.querySelectorAll('details').forEach(d => { d.open = true; });
    }""")
    page.wait_for_timeout(100)
    page.evaluate("""() => {
        document.querySelectorAll('details').forEach(d => { d.open = true; });
        let guard = 0;
        while (document.querySelector('button.more') && guard++ < 1000) { document.querySelector('button.more').click(); }
    }""")
    page.wait_for_timeout(100)


def open_source(page, source_id):
    article = page.locator(f"article.source#source-{source_id}")
    article.locator("summary").first.click()
    # the text is filled in on the 'toggle' event, which fires after the click returns
    article.locator(".source-text:not([data-lazy])").wait_for(state="attached")
    return article


def mark_for(page, text, scope="#sources"):
    """The one ``mark.claim`` in ``scope`` whose text is exactly ``text``."""
    marks = page.locator(f"{scope} mark.claim").filter(has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))
    assert marks.count() == 1, f"{marks.count()} mark.claim elements read {text!r}"
    return marks.first


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / name
    shot.unlink(missing_ok=True)
    page.screenshot(path=str(shot), full_page=False)
    assert shot.is_file() and shot.stat().st_size > 0


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


# --- 1. the first screen: what to check ------------------------------------------------------------

@pytest.mark.parametrize("which", ["demo_audit", "seeds_audit"])
def test_first_screen_lists_the_contradictions_and_no_agreement(request, which, open_report):
    result = request.getfixturevalue(which)
    d = result.disagreements
    conflicts = d[d["status"] == "conflict"]
    opened = open_report(report_of(result))
    page = opened.page
    height = page.viewport_size["height"]

    listed = cards(page, "#conflict-list")
    assert {c["pair"] for c in listed} <= set(conflicts["pair_id"])
    if not len(conflicts):  # then the differences of scope are listed, open
        scope = d[d["status"] == "scope_differs"]
        shown = cards(page, "#fold-scope")
        assert {c["pair"] for c in shown} == set(scope["pair_id"]) and all(c["top"] < height for c in shown[:1])
    else:
        first = [c for c in listed if c["top"] < height]
        assert first, "no contradiction above the fold"
        assert first[0]["status"] == "conflict" and "cannot both be right" in first[0]["plain"]
        assert {m.strip() for m in first[0]["marks"]} and first[0]["a"] and first[0]["b"]
        severities = [c["severity"] for c in listed]
        assert severities == sorted(severities, reverse=True), severities
        assert len(listed) == min(len(conflicts), 20)
    # nothing that agrees is shown above the fold, and no difference of scope unless nothing contradicts:
    # they are folded, with a count
    for status in ("agree", "scope_differs") if len(conflicts) else ("agree",):
        visible = page.evaluate(f"""() => Array.from(document.querySelectorAll('[data-status="{status}"]'))
            .filter(e => e.getClientRects().length && e.getBoundingClientRect().top < {height}).length""")
        assert visible == 0, status
    for key, status in (("agree", "agree"), ("scope", "scope_differs")):
        n = int((d["status"] == status).sum())
        assert page.locator(f"#count-{key}").inner_text().replace(",", "") == str(n)
        if n:
            summary = page.locator(f"details#fold-{key} > summary")
            assert re.search(rf"\({n:,}\)", summary.inner_text()), summary.inner_text()
    screenshot(page, f"report-{which.split('_')[0]}.png")
    opened.assert_clean()


def test_seeds_headline_is_under_different_scope_with_both_sentences(seeds_audit, open_report):
    pair = headline_pair(seeds_audit)
    assert pair.status == "scope_differs"
    opened = open_report(report_of(seeds_audit))
    page = opened.page
    conflicts = int((seeds_audit.disagreements["status"] == "conflict").sum())
    card = page.locator(f"#pair-{pair.pair_id}")
    if conflicts:
        assert card.count() == 0  # folded: rendered when opened
        page.locator("details#fold-scope > summary").click()
    else:
        assert "No contradictions found" in page.locator("#what-to-check > p").first.inner_text()
        assert page.locator("details#fold-scope").get_attribute("open") is not None  # the scope differences are the news
        assert card.bounding_box()["y"] < page.viewport_size["height"]
    expect_visible(card)
    [row] = [c for c in cards(page, "#fold-scope") if c["pair"] == pair.pair_id]
    assert {"one million", "850,000"} <= {m.strip() for m in row["marks"]}, row["marks"]
    assert "may count different things" in row["plain"]
    titles = {s.source_id: s.metadata.get("title") or Path(s.path).name for s in seeds_audit.sources}
    assert titles[pair.source_a] in row["a"] + row["b"] and titles[pair.source_b] in row["a"] + row["b"]
    opened.assert_clean()


def expect_visible(locator):
    from playwright.sync_api import expect

    expect(locator).to_be_visible()


# --- 2. no raw field names, float notation or ISO dates on the page --------------------------------

RAW = re.compile(r"\b[a-z]+_[a-z_]+\b|\b[a-z]+\+[a-z]+\b|(?<![\w.])\d(?:\.\d+)?e[+-]\d+\b|\b\d{4}-\d{2}-\d{2}\b|\bNone\b|\bnan\b"
                 r"|\bpredicate\b|\bseverity\b")


@pytest.mark.parametrize("which", ["demo_audit", "seeds_audit"])
def test_page_speaks_plain_words(request, which, open_report):
    result = request.getfixturevalue(which)
    opened = open_report(report_of(result))
    page = opened.page
    open_everything(page)
    # what claimkit wrote: everything but the sources' own words (their text, quoted sentences, addresses)
    ours = page.evaluate("""() => {
        const body = document.body.cloneNode(true);
        body.querySelectorAll('.source-text, .aside, p.sentence, dl.meta dd, script, style, #frame-panel')
            .forEach(e => e.remove());
        const svgText = Array.from(document.querySelectorAll('svg text')).map(t => t.textContent).join(' ');
        const attrs = Array.from(document.querySelectorAll('[title], [aria-label]'))
            .map(e => (e.getAttribute('title') || '') + ' ' + (e.getAttribute('aria-label') || '')).join(' ');
        return body.innerText + ' ' + svgText + ' ' + attrs;
    }""")
    data = page.evaluate("JSON.parse(document.getElementById('claim-data').textContent)")
    panel = " ".join(f"{label} {value}" for item in data["claims"].values() for label, value in item["fields"])
    panel += " " + " ".join(data["status"].values())
    quoted = set(result.claims["text"]) | set(result.claims["sentence"].dropna())
    for text in (ours, panel):
        found = {m.group(0) for m in RAW.finditer(text)}
        found = {f for f in found if not any(f in q for q in quoted)}  # the sources' own words may have anything
        assert not found, sorted(found)[:20]
    for raw in ("scope_differs", "more_than", "at_least", "arrested+executed", "7.38e+06"):
        assert raw not in ours and raw not in panel
    # every status, reason and field the page uses has a line in the glossary
    glossary = page.locator("#glossary dt").all_inner_texts()
    for term in ("Contradiction", "Different scope", "Agreement", "What is counted", "How sure", "Unsourced figure"):
        assert term in glossary, term
    opened.assert_clean()


# --- 3. a source opens with its claims; clicking a claim reveals its frame -------------------------

def test_seeds_report_sets_boilerplate_aside(seeds_audit, open_report):
    opened = open_report(report_of(seeds_audit))
    page = opened.page
    for source in seeds_audit.sources:
        article = open_source(page, source.source_id)
        assert article.locator("div.source-text").count() == 1
        assert article.locator("div.source-text mark.claim").count() >= 1 or not len(
            seeds_audit.claims[seeds_audit.claims["source_id"] == source.source_id])
        if source.excluded:
            aside = article.locator("details.excluded")
            assert aside.count() >= 1, source.source_id
            assert aside.locator("mark.claim").count() == 0
    assert "$16.38" not in "".join(page.locator("div.source-text").all_text_contents())
    opened.assert_clean()


def test_following_a_finding_into_its_source_reveals_the_frame(seeds_audit, open_report):
    from playwright.sync_api import expect

    pair = headline_pair(seeds_audit)
    one_million = claim_id_of(seeds_audit, "one million", subject="party members")
    opened = open_report(report_of(seeds_audit))
    page = opened.page
    panel = page.locator("#frame-panel")
    expect(panel).to_be_hidden()
    assert page.locator(f"#claim-{one_million.claim_id}").count() == 0  # the source is not rendered yet

    if page.locator(f"#pair-{pair.pair_id}").count() == 0:
        page.locator("details#fold-scope > summary").click()
    page.locator(f'#pair-{pair.pair_id} a.jump[data-claim="{one_million.claim_id}"]').click()
    mark = page.locator(f"#claim-{one_million.claim_id}")
    expect(mark).to_be_in_viewport()
    assert mark.get_attribute("data-status") == "scope_differs"
    assert mark.inner_text() == "one million"
    expect(panel).to_be_visible()
    expect(panel).to_have_attribute("data-claim-id", one_million.claim_id)
    expect(panel).to_contain_text("party members")
    terms = [t.strip() for t in panel.locator("dl dt").all_inner_texts()]
    for term in ("What is counted", "What happened", "When", "How sure", "Source cited"):
        assert term in terms, terms
    link = panel.locator(f'a[href="#pair-{pair.pair_id}"]')
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_function(f"location.hash === '#pair-{pair.pair_id}'")
    expect(page.locator(f"#pair-{pair.pair_id}")).to_be_in_viewport()

    # the keyboard does the same: Enter on the other side's highlight shows that claim
    other = claim_id_of(seeds_audit, "850,000", subject="party members")
    open_source(page, other.source_id)
    mark = mark_for(page, "850,000", scope=f"#source-{other.source_id} .source-text")
    mark.focus()
    page.keyboard.press("Enter")
    expect(panel).to_have_attribute("data-claim-id", other.claim_id)
    expect(panel.locator(f'a[href="#pair-{pair.pair_id}"]')).to_have_count(1)
    opened.assert_clean()


# --- 4. the estimates charts -----------------------------------------------------------------------

def test_estimates_charts_have_round_ticks_full_labels_and_the_hedged_estimate(seeds_audit, open_report):
    fifty = claim_id_of(seeds_audit, "50%", subject="officer corps")
    half = claim_id_of(seeds_audit, "as much as half", subject="officer corps")
    opened = open_report(report_of(seeds_audit))
    page = opened.page
    open_everything(page)
    figures = page.locator("#charts figure.estimates-chart")
    assert figures.count() >= 1
    names = {s.source_id: s.metadata.get("title") or Path(s.path).name for s in seeds_audit.sources}
    source_of = dict(zip(seeds_audit.claims["claim_id"], seeds_audit.claims["source_id"]))
    for figure in figures.all():
        svg = figure.locator("svg")
        figure.scroll_into_view_if_needed()
        box = svg.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 50
        assert figure.locator("figcaption").inner_text().strip()
        texts = [t for t in svg.locator("text").all_text_contents()]
        ticks = [t for t in texts if re.fullmatch(r"[\d.,]+( million)?( \w+s)?%?", t.strip())]
        assert len(ticks) >= 3, texts
        for t in ticks:  # round ticks: 0, 250,000, 1.5 million, 20%
            digits = t.replace(",", "").replace(" million", "").rstrip("%").split()[0]
            assert re.fullmatch(r"0|\d*[1-9]?(?:\.[1-9]|\.25|\.5|\.75)?0*|\d+(\.\d)?", digits), t
        label = re.sub(r"\s+", " ", " ".join(texts))
        for cid in figure.get_attribute("data-members").split()[:30]:
            title = re.sub(r"\s+", " ", names[source_of[cid]])
            assert title in label, (title, label[:300])  # the full title, never cut
        assert "…" not in label and "..." not in label
    officers = page.locator(f'#charts figure.estimates-chart[data-members~="{fifty.claim_id}"]')
    assert officers.count() == 1
    assert half.claim_id in officers.get_attribute("data-hedged").split()
    assert fifty.claim_id not in officers.get_attribute("data-hedged").split()
    dashed = officers.locator("svg path").evaluate_all(
        "ps => ps.filter(p => (p.getAttribute('style') || '').includes('stroke-dasharray')).length")
    assert dashed >= 1
    opened.assert_clean()


# --- 5. print keeps the highlights -----------------------------------------------------------------

def test_print_keeps_highlights(demo_audit, open_report):
    opened = open_report(report_of(demo_audit))
    page = opened.page
    page.emulate_media(media="print")
    mark = page.locator("#conflict-list li.finding mark").first
    style = mark.evaluate("m => { const s = getComputedStyle(m); return [s.backgroundColor, s.printColorAdjust || "
                          "s.webkitPrintColorAdjust]; }")
    assert style[0] == "rgb(248, 201, 196)", style
    assert style[1] == "exact", style
    page.emulate_media(media="screen")
    opened.assert_clean()


# --- 6. nothing goes wrong and nothing is fetched --------------------------------------------------

@pytest.mark.parametrize("which", ["demo_audit", "seeds_audit"])
def test_report_logs_no_errors_and_fetches_nothing(request, which, open_report):
    opened = open_report(report_of(request.getfixturevalue(which)))
    page = opened.page
    open_everything(page)
    marks = page.locator("mark.claim")
    if marks.count():
        marks.first.click()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(300)
    opened.assert_clean()


# --- 7. source text is escaped ---------------------------------------------------------------------

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
    open_everything(page)
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
    for mark in page.locator("#source-hostile mark.claim").all():
        mark.click()
    assert page.evaluate("window.__pwned") is None
    opened.assert_clean()


# --- 8. the demo corpus ----------------------------------------------------------------------------

def test_demo_report_counts_and_cards(demo_audit, open_report):
    d = demo_audit.disagreements
    opened = open_report(report_of(demo_audit))
    page = opened.page

    def count(name):
        text = page.locator(f"#summary dd#count-{name}").inner_text().strip()
        assert re.fullmatch(r"\d[\d,]*", text), (name, text)
        return int(text.replace(",", ""))

    assert count("conflicts") == int((d["status"] == "conflict").sum())
    assert count("scope") == int((d["status"] == "scope_differs").sum())
    assert count("agree") == int((d["status"] == "agree").sum())
    assert count("sources") == len(demo_audit.sources)
    assert count("claims") == len(demo_audit.claims)
    assert 0 <= count("unsourced") <= len(demo_audit.claims)
    open_everything(page)
    shown = {c["pair"]: c for c in cards(page, "main")}
    for pair in d.itertuples():
        assert shown[pair.pair_id]["status"] == pair.status
        assert shown[pair.pair_id]["severity"] == int(pair.severity)

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

    v = demo_audit.verdicts
    rows = page.eval_on_selector_all(
        "#verdict-table tr.verdict",
        "rs => rs.map(r => [r.dataset.claimId, r.dataset.verdict,"
        " (r.querySelector('td.citation') || {}).textContent || ''])")
    known = set(zip(v["claim_id"], v["verdict"]))
    for claim_id, verdict, _citation in rows:
        assert (claim_id, verdict) in known, (claim_id, verdict)
    checked = v[v["verdict"] != "no_reference"]
    for row in checked.itertuples():
        cells = [c for cid, vd, c in rows if cid == row.claim_id and vd == row.verdict]
        assert cells, (row.claim_id, row.verdict, row.text)
        assert any(row.citation_text in c for c in cells), (row.citation_text, cells)
    opened.assert_clean()


def test_report_says_what_it_covers(demo_audit, open_report, tmp_path):
    from claimkit.report import report_from_database

    opened = open_report(report_of(demo_audit))
    line = opened.page.locator("#coverage").inner_text()
    assert "this run only" in line and f"the {len(demo_audit.sources)} sources" in line
    path, _ = report_from_database(demo_audit.outputs["database"].parent, tmp_path / "all.html")
    opened = open_report(path)
    line = opened.page.locator("#coverage").inner_text()
    assert "everything stored in the database" in line and "run" in line
    source = demo_audit.sources[0]
    open_source(opened.page, source.source_id)
    assert "Audited" in opened.page.locator(f"#source-{source.source_id} dl.meta").inner_text()
    opened.assert_clean()


# --- 9. a large corpus stays fast ------------------------------------------------------------------

MANY = 175
TEMPLATE = ("The mills of the valley, essay {i}\n\n"
            "When the looms stopped in {y}, about {a:,} weavers lost their work. Between 1845 and 1851 roughly "
            "{b:,} families left the district, and some {c}% of the cottages stood empty by 1852. It is estimated "
            "that as many as {e:,} people drew relief in 1847. In 1849 more than {h:,} tenants were evicted, and the "
            "board counted {k:,} deaths from fever in 1847.\n")


@pytest.fixture(scope="module")
def many_sources_report(tmp_path_factory, nlp):
    """A report of 175 essays generated from our own template (figures varied), written as an audit writes it."""
    import claimkit
    from claimkit.report import Coverage, write_report

    folder = tmp_path_factory.mktemp("many-sources")
    for i in range(MANY):
        write(folder / f"essay-{i + 1:03d}.txt",
              TEMPLATE.format(i=i + 1, y=1840 + i % 6, a=20_000 + (i * 1_370) % 9_000, b=30_000 + (i * 7_919) % 40_000,
                              c=20 + i % 30, e=5_000 + (i * 613) % 6_000, h=1_000 + (i * 97) % 2_000,
                              k=900 + (i * 131) % 1_600))
    read = claimkit.read_sources([folder])
    claims = claimkit.extract_sources(read.sources, nlp=nlp)
    disagreements = claimkit.compare(claims)
    assert len(read.sources) == MANY and len(disagreements) > 15_000  # as many aligned pairs as a real class set gave
    path = write_report(folder / "report.html", read.sources, claims, disagreements,
                        coverage=Coverage(runs=[{"audited_at": "2025-01-01T00:00:00+00:00"}]))
    return path, disagreements


def test_175_sources_open_in_under_two_seconds(many_sources_report, open_report):
    path, disagreements = many_sources_report
    assert path.stat().st_size < 5_000_000, path.stat().st_size  # it was 16 MB before pages and lazy sources
    started = time.perf_counter()
    opened = open_report(path)
    wall = time.perf_counter() - started
    page = opened.page
    loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    assert loaded < 2_000, loaded
    assert wall < 2.0, wall
    assert page.locator("#conflict-list li.finding").count() == 20
    assert page.locator(".source-text mark").count() == 0  # sources wait until opened
    n = int((disagreements["status"] == "conflict").sum())
    assert page.locator("#count-conflicts").inner_text() == f"{n:,}"
    # the next page of contradictions, and a source, render when asked
    page.locator("#what-to-check button.more").click()
    assert page.locator("#conflict-list li.finding").count() == 70
    article = open_source(page, "essay-100")
    assert article.locator("mark.claim").count() >= 4
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "report-175-sources.png")
    opened.assert_clean()


def test_a_copied_essays_claim_opens_where_the_first_copy_is_marked(tmp_path, nlp, open_report):
    import claimkit
    from playwright.sync_api import expect

    essay = "In 1937-38 about 680,000 people were executed by the police.\n"
    for name, text in (("anna.txt", essay), ("ben.txt", essay),
                       ("cora.txt", "In 1937-38 over 1.5 million people were executed by the police.\n")):
        write(tmp_path / "in" / name, text)
    result = claimkit.audit([tmp_path / "in"], out_dir=tmp_path / "out", nlp=nlp)
    claims = result.claims
    copy = claims[(claims.source_id == "ben") & (claims.text == "about 680,000")].iloc[0]
    first = claims[(claims.source_id == "anna") & (claims.text == "about 680,000")].iloc[0]
    opened = open_report(report_of(result))
    page = opened.page
    page.goto(report_of(result).resolve().as_uri() + f"#claim-{copy.claim_id}")
    page.reload()
    mark = page.locator(f"#claim-{first.claim_id}")
    expect(mark).to_be_visible()
    expect(mark).to_have_class(re.compile(r"\btarget\b"))
    assert mark.get_attribute("data-status") == "conflict"  # the pair was judged once, for both copies
    expect(page.locator("#frame-panel")).to_contain_text("ben.txt")  # "Same text in"
    open_source(page, "ben")
    expect(page.locator("#source-ben .source-text")).to_contain_text("The same text as")
    opened.assert_clean()
