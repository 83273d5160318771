import json

import pytest
from claimkit import CatalogError, SourceError, read_source, read_sources
from claimkit.read.sources import decode, find_boilerplate, find_footnote_markers
from conftest import write


def test_sources_decode_utf8_with_bom_drops_the_mark():
    text, enc, warning = decode("\ufeffIn 1937.".encode("utf-8"), "a.txt")
    assert text == "In 1937." and enc == "utf-8" and warning is None


def test_sources_decode_latin1_falls_back_with_a_warning():
    text, enc, warning = decode("Caf\xe9 in 1937".encode("latin-1"), "a.txt")
    assert text == "Café in 1937" and enc == "cp1252"
    assert "a.txt" in warning and "--encoding" in warning


@pytest.mark.parametrize("data, problem", [(b"", "empty"), (b"  \n", "empty"), (b"\x00\x01PK\x03\x04", "binary")])
def test_sources_decode_rejects_empty_and_binary_files(data, problem):
    with pytest.raises(SourceError) as err:
        decode(data, "bad.txt")
    assert "bad.txt" in str(err.value) and problem in str(err.value)
    assert "\n" not in str(err.value)


def test_sources_boilerplate_sets_aside_adverts_and_their_neighbours():
    text = (
        "The pact was signed in 1939.\n\n"
        "We will write a custom essay on\nAny topic you like\nfor only $12.50/page\n\n"
        "order now\n\n"
        "The war began soon after.\n\n"
        "Hi, I'm Sam!\n\n"
        "Would you like to get a customized essay? Click here"
    )
    excluded = find_boilerplate(text)
    kept = [e["text"] for e in excluded]
    assert any("custom essay" in k for k in kept)
    assert "order now" in kept and "Hi, I'm Sam!" in kept
    assert not any("pact was signed" in k or "war began" in k for k in kept)


def test_sources_footer_heading_sets_aside_everything_after_it():
    text = "Real text about 1937.\n\nRelated Posts\n\nThe show trials of 1936 were..."
    excluded = find_boilerplate(text)
    assert [e["reason"] for e in excluded] == ["footer", "footer"]


@pytest.mark.parametrize(
    "text, marker",
    [("more than 10 million1. Next", "1"), ("had been purged4.", "4"), ("cult of personality”2.", "2"),
     ("was shot.[19] Then", "19"), ("as Conquest wrote³ later", "3")],
)
def test_sources_footnote_markers_are_found(text, marker):
    found = find_footnote_markers(text)
    assert [f["marker"] for f in found] == [marker]


@pytest.mark.parametrize("text", ["In 1937 there were 850,000 arrests.", "Order No. 00447 was issued", "the T-34 tank", "COVID19"])
def test_sources_footnote_markers_leave_real_numbers_alone(text):
    assert find_footnote_markers(text) == []


def test_sources_cleaned_text_maps_back_to_original(tmp_path):
    original = "About 10 million2. were sent.\n\nSubscribe to our newsletter for $5!\n\nMarch 2014\n"
    src = read_source(write(tmp_path / "a.txt", original))
    assert "million." in src.text and "million2" not in src.text
    assert "newsletter" not in src.text and "2014" not in src.text
    assert src.issued == "2014-03" and src.issued_from == "text"
    start = src.text.index("10 million")
    s, e = src.to_original(start, start + len("10 million"))
    assert original[s:e] == "10 million"
    assert [f["marker"] for f in src.footnotes] == ["2"]
    assert original[src.footnotes[0]["start"]:src.footnotes[0]["end"]] == "2"


def test_sources_html_keeps_visible_text_with_offsets(tmp_path):
    html = (
        "<html><head><title>Purges</title><script>var x = 1937;</script></head><body>"
        "<nav>Home 2024</nav><p>About <b>680,000</b> were shot &amp; buried<sup>1</sup>.</p>"
        "<footer>Copyright 2020</footer></body></html>"
    )
    src = read_source(write(tmp_path / "p.html", html))
    assert "680,000 were shot & buried." in src.text
    assert "1937" not in src.text and "2024" not in src.text and "2020" not in src.text
    assert src.metadata["title"] == "Purges"
    i = src.text.index("680,000")
    s, e = src.to_original(i, i + 7)
    assert html[s:e] == "680,000"
    i = src.text.index("&")
    s, e = src.to_original(i, i + 1)
    assert html[s:e] == "&amp;"
    assert [f["marker"] for f in src.footnotes] == ["1"]


def test_sources_markdown_drops_link_targets(tmp_path):
    md = "# Terror\n\nSee [the **1937** order](https://example.org/00447) for 680,000 deaths.\n"
    src = read_source(write(tmp_path / "a.md", md))
    assert "example.org" not in src.text and "00447" not in src.text
    assert "the 1937 order" in src.text


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_sources_emphasis_marks_are_dropped_and_offsets_kept(tmp_path, name):
    text = "In 1848 the assembly decreed the _ateliers nationaux_, and *some 100,000* men joined; my_file stays.\n"
    src = read_source(write(tmp_path / name, text))
    assert "the ateliers nationaux," in src.text and "some 100,000 men" in src.text and "my_file" in src.text
    i = src.text.index("ateliers nationaux")
    start, end = src.to_original(i, i + len("ateliers nationaux"))
    assert src.original[start:end] == "ateliers nationaux"  # the words, not their marks, in the original file
    j = src.text.index("100,000")
    assert src.original[slice(*src.to_original(j, j + 7))] == "100,000"


def test_sources_catalog_supplies_ids_and_metadata(tmp_path):
    write(tmp_path / "essay-one.txt", "In 1937 about 680,000 people were shot.")
    write(tmp_path / "catalog.json", json.dumps([
        {"id": "essay-one", "type": "manuscript", "title": "One", "author": [{"family": "Doe", "given": "Jo"}],
         "issued": {"date-parts": [[2020, 5]]}, "genre": "student essay"}
    ]))
    result = read_sources([tmp_path])
    assert result.errors == []
    record = result.sources[0].to_record()
    assert record["title"] == "One" and record["authors"] == ["Jo Doe"] and record["issued"] == "2020-05"


def test_sources_bad_catalog_entry_is_an_error_naming_entry_and_field(tmp_path):
    write(tmp_path / "a.txt", "In 1937 about 680,000 people were shot.")
    write(tmp_path / "catalog.json", json.dumps([{"id": "a", "type": "manuscript", "issued": {"date-parts": [["soon"]]}}]))
    result = read_sources([tmp_path])
    assert len(result.sources) == 1 and result.sources[0].source_id == "a"
    [err] = result.errors
    assert isinstance(err, CatalogError)
    assert "'a'" in str(err) and "issued/date-parts" in str(err)


def test_sources_bad_files_do_not_stop_the_others(tmp_path):
    write(tmp_path / "good.txt", "In 1937 about 680,000 people were shot.")
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "binary.txt", b"\x00\x01\x02\x03")
    write(tmp_path / "latin.txt", "Caf\xe9 owners: 5,000 were arrested in 1937.".encode("latin-1"))
    result = read_sources([tmp_path])
    assert sorted(s.source_id for s in result.sources) == ["good", "latin"]
    assert sorted(e.path.rsplit("/", 1)[-1] for e in result.errors) == ["binary.txt", "empty.txt"]
    assert any("latin.txt" in w for w in result.warnings)
