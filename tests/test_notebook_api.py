"""What an analyst meets in Jupyter: a short result, tables indexed by id, and a plotting function."""

import re

import claimkit
import pytest
from claimkit.store import database, read_table


def test_notebook_api_result_repr_is_short_and_counts(demo_audit):
    text = repr(demo_audit)
    assert len(text) < 300 and "\n" not in text
    conflicts = int((demo_audit.disagreements["status"] == "conflict").sum())
    assert f"{len(demo_audit.claims)} claims" in text and f"{conflicts} contradictions" in text
    assert demo_audit.sources[0].text[:60] not in text


def test_notebook_api_result_html_shows_the_top_contradictions_in_plain_words(demo_audit):
    page = demo_audit._repr_html_()
    assert len(page) < 10_000
    worst = demo_audit.disagreements[demo_audit.disagreements["status"] == "conflict"].iloc[0]
    assert worst["text_a"] in page and worst["text_b"] in page and "cannot both be right" in page
    assert "scope_differs" not in page and "_" not in re.sub(r"<[^>]+>", "", page)


def test_notebook_api_tables_are_indexed_by_id_and_keep_their_columns(demo_audit):
    claims, pairs = demo_audit.claims, demo_audit.disagreements
    assert list(claims.index) == list(claims["claim_id"]) and list(pairs.index) == list(pairs["pair_id"])
    pair = pairs.iloc[0]
    assert claims.loc[pair["a"], "text"] == pair["text_a"]
    assert pairs.loc[pair["pair_id"], "status"] == pair["status"]
    # the id columns stay usable: no "both an index level and a column label" ambiguity
    assert len(claims.merge(demo_audit.verdicts, on="claim_id")) == len(demo_audit.verdicts)
    assert claims.groupby("claim_id").size().max() == 1


def test_notebook_api_tables_read_back_are_indexed_too(demo_audit):
    folder = demo_audit.outputs["database"].parent
    stored = database.load(demo_audit.outputs["database"], "claims")
    assert set(stored.index) == set(stored["claim_id"])
    back = read_table(folder / "disagreements.jsonl", "disagreements")
    assert list(back.index) == list(back["pair_id"])


def test_notebook_api_plot_estimates_draws_round_ticks_and_full_labels(demo_audit):
    fig = claimkit.plot.estimates(demo_audit)
    from matplotlib.figure import Figure

    assert isinstance(fig, Figure) and len(fig.axes) >= 2
    fig.canvas.draw()
    titles = {s.source_id: s.metadata.get("title") for s in demo_audit.sources}
    for ax in fig.axes:
        ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        assert ticks and all(re.fullmatch(r"0|\d{1,3}(,\d{3})*( million| months)?%?|\d+(\.\d+)? million", t)
                             for t in ticks), ticks
        labels = " ".join(t.get_text() for t in ax.get_yticklabels())
        assert "…" not in labels and "..." not in labels
        assert any(title.split()[0] in labels for title in titles.values() if title)


def test_notebook_api_plot_estimates_one_subject_or_a_clear_error(demo_audit):
    fig = claimkit.plot.estimates(demo_audit, subject="party members")
    assert len(fig.axes) == 1 and "party members" in fig.axes[0].get_title(loc="left")
    with pytest.raises(claimkit.ClaimkitError, match="party members"):
        claimkit.plot.estimates(demo_audit, subject="horses")
