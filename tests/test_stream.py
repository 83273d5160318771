"""Extraction in bounded batches: long texts in chunks with exact offsets, each source in isolation."""

import claimkit
import pytest
import spacy
from claimkit import ExtractionError, extract_all, read_source, read_sources
from claimkit.extract import chunk_bounds
from claimkit.nlp import add_components
from conftest import write
from spacy.language import Language

FILLER = "Members debated roads and harvests; farmers listened."


@Language.component("claimkit_test_no_frames")
def _no_frames(doc):
    """Frames need a parser; this test pipeline is about offsets, so it asks for none."""
    doc.spans["events"] = []
    return doc


@pytest.fixture(scope="module")
def light_nlp():
    """A blank English pipeline with claimkit's date and quantity readers: fast enough for a
    file of over a million characters."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    add_components(nlp)
    nlp.add_pipe("claimkit_test_no_frames")
    return nlp


@pytest.mark.parametrize("text, limit", [
    ("One.\n\nTwo two.\n\nThree three three.\n\n" * 50, 40),
    ("A sentence ends here. Another one follows it. " * 40, 50),
    ("word " * 300, 33),
    ("x" * 500, 64),
])
def test_stream_chunks_cover_the_text_exactly_within_the_limit(text, limit):
    bounds = chunk_bounds(text, limit)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(0 < e - s <= limit for s, e in bounds)


def test_stream_chunks_cut_at_paragraph_breaks_first():
    text = "\n\n".join(f"Paragraph {i} has a sentence. And a second one." for i in range(40))
    for s, e in chunk_bounds(text, 300)[:-1]:
        assert text[e - 2:e] == "\n\n" and text[s:s + 9] == "Paragraph"


def test_stream_file_over_a_million_characters_is_read_with_exact_offsets(tmp_path, light_nlp):
    parts = ["In 1937 about 680,000 people were shot."]
    parts += [FILLER] * (1_250_000 // (len(FILLER) + 2))
    parts[len(parts) // 2] = "By 1938 some 750,000 more had been arrested."
    parts.append("In 1940 the camps held 1.3 million prisoners.")
    path = write(tmp_path / "long.txt", "\n\n".join(parts) + "\n")
    source = read_source(path)
    assert len(source.text) > 1_200_000 > light_nlp.max_length
    result = extract_all([source], nlp=light_nlp)
    assert result.errors == []
    texts = set(result.claims["text"])
    assert {"about 680,000", "some 750,000", "1.3 million"} <= texts
    assert all(any(year in t for t in texts) for year in ("1937", "1938", "1940"))
    for row in result.claims.itertuples():
        assert source.original[row.start:row.end] == row.text


def _explode_on(monkeypatch, word):
    """Make the quantity grammar fail on any text holding ``word`` (a stand-in for a grammar bug)."""
    import claimkit.grammar
    import claimkit.nlp.quantities

    real = claimkit.grammar.find_quantities

    def exploding(text, *args, **kwargs):
        if word in text:
            raise OverflowError("a number too big to hold")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(claimkit.nlp.quantities, "find_quantities", exploding)
    monkeypatch.setattr(claimkit.grammar, "find_quantities", exploding)


def test_stream_a_failing_source_is_one_error_naming_file_and_phrase(tmp_path, nlp, monkeypatch):
    for i in range(5):
        write(tmp_path / f"essay{i}.txt", f"In 1937 about {i + 1}0,000 people were shot.\n")
    write(tmp_path / "bad.txt", "In 1937 about 5,000 were shot.\n\nThe zorblax count reached 9 million.\n")
    _explode_on(monkeypatch, "zorblax")
    result = extract_all(read_sources([tmp_path]).sources, nlp=nlp, batch_size=3)
    [err] = result.errors
    assert isinstance(err, ExtractionError)
    assert "bad.txt" in str(err) and "OverflowError" in str(err)
    assert err.phrase == "The zorblax count reached 9 million."
    assert sorted(set(result.claims["source_id"])) == [f"essay{i}" for i in range(5)]
    assert [s.source_id for s in result.sources] == [f"essay{i}" for i in range(5)]


def test_stream_a_record_that_breaks_its_schema_leaves_only_its_source_out(tmp_path, nlp, monkeypatch):
    from claimkit.extract import batch

    write(tmp_path / "good.txt", "In 1937 about 680,000 people were shot.\n")
    write(tmp_path / "huge.txt", "In 1937 about 700,000 people were shot.\n")
    real = batch.claims_from_doc

    def infinite(source, doc):
        records = real(source, doc)
        if source.source_id == "huge":
            for r in records:
                if r["kind"] == "quantity":
                    r["value"] = r["high"] = float("inf")
        return records

    monkeypatch.setattr(batch, "claims_from_doc", infinite)
    result = extract_all(read_sources([tmp_path]).sources, nlp=nlp)
    [err] = result.errors
    assert "huge.txt" in str(err) and "finite" in str(err) and err.phrase == "about 700,000"
    assert set(result.claims["source_id"]) == {"good"}


def test_stream_extract_sources_warns_and_goes_on(tmp_path, nlp, monkeypatch):
    write(tmp_path / "good.txt", "In 1937 about 680,000 people were shot.\n")
    write(tmp_path / "bad.txt", "The zorblax count reached 9 million.\n")
    _explode_on(monkeypatch, "zorblax")
    with pytest.warns(UserWarning, match="bad.txt"):
        claims = claimkit.extract_sources(read_sources([tmp_path]).sources, nlp=nlp)
    assert set(claims["source_id"]) == {"good"}
