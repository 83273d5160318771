"""Frames read a Doc's text, entities and sentences once per framing, and read them as they are now."""

from spacy.tokens import Span

from claimkit.nlp import doccache
from claimkit.nlp.frames import EVENT_FIELDS, FRAME_FIELDS, ClaimFramer

TEXT = (
    "The Salt Riots of 1871\n\n"
    "The Salt Riots broke out in Lyon in March 1871. About 2,300 people were arrested in the city, "
    "and some 140 were killed. The unrest spread to Marseille, where 600 more were detained that month.\n\n"
    "Casualties | 140\n\n"
    "By 1872 the Salt Riots had ended. In those years France lost nearly 200 people to the riots, "
    "a historian of Lyon later estimated. Lyon and Marseille rebuilt their markets in 1874."
)


class _NoCache(dict):
    """A map that keeps nothing: every read goes back to spaCy."""

    def __setitem__(self, key, value):
        pass


def _framed(nlp) -> tuple[list[dict], list[dict]]:
    doc = nlp(TEXT)
    quantities = [{"text": q.text, **{f: getattr(q._, f) for f in FRAME_FIELDS}} for q in doc.spans["quantities"]]
    events = [{"text": e.text, **{f: getattr(e._, f) for f in EVENT_FIELDS}} for e in doc.spans["events"]]
    return quantities, events


def test_doccache_frames_are_those_of_spacys_own_reads(nlp, monkeypatch):
    cached = _framed(nlp)
    for name in ("_TEXT", "_ENTS", "_STARTS"):
        monkeypatch.setattr(doccache, name, _NoCache())
    uncached = _framed(nlp)
    assert cached == uncached
    quantities = cached[0]
    assert {q["text"] for q in quantities} >= {"About 2,300", "140", "600", "nearly 200"}
    assert any(q["place"] == "Lyon" for q in quantities)  # entities and sentences did reach the frames


def test_doccache_sentence_bounds_are_spacys(nlp):
    doc = nlp(TEXT)
    for tok in doc:
        assert doccache.sent_bounds(doc, tok.i) == (tok.sent.start, tok.sent.end)


def test_doccache_text_is_the_docs(nlp):
    doc = nlp(TEXT)
    assert doccache.text_of(doc) == doc.text == TEXT
    assert doccache.text_of(doc) is doccache.text_of(doc)


def test_doccache_framing_again_reads_the_entities_as_they_are_now(nlp):
    doc = nlp(TEXT)
    framer = ClaimFramer(quantities_key="quantities", events_key="events")
    lyon = [tok for tok in doc if tok.text == "Lyon"]
    assert len(lyon) == 3
    others = [e for e in doc.ents if e.text != "Lyon"]
    doc.ents = others + [Span(doc, t.i, t.i + 1, label="PERSON") for t in lyon]
    before = framer(doc).spans["quantities"][0]._.topic_place
    doc.ents = others + [Span(doc, t.i, t.i + 1, label="GPE") for t in lyon]
    after = framer(doc).spans["quantities"][0]._.topic_place  # the town named three times is now the topic's
    assert (before, after) == (None, "Lyon")


def test_doccache_a_framed_doc_is_freed_when_its_reader_lets_go(nlp):
    import gc
    import weakref

    doc = nlp(TEXT)
    assert len(doc.spans["quantities"]) > 0 and doc.ents
    gone = weakref.ref(doc)
    del doc
    gc.collect()
    assert gone() is None  # the cache keeps nothing of a Doc once it is framed: memory stays with the batch
