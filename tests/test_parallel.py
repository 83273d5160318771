"""Extraction over worker processes: every Span._ value survives the trip, and the claims are those of one process."""

from __future__ import annotations

import pytest
from claimkit.nlp import FOOTNOTES_KEY
from claimkit.nlp.dates import DATE_FIELDS
from claimkit.nlp.frames import EVENT_FIELDS, FRAME_FIELDS
from claimkit.nlp.quantities import QUANTITY_FIELDS
from spacy.tokens.underscore import Underscore

EXTENSIONS = sorted(set(FRAME_FIELDS + EVENT_FIELDS + DATE_FIELDS + QUANTITY_FIELDS))

# A text of our own in which every extension takes a value somewhere.
TEXTS = [
    "The Liverpool Harbour Strike of 1911\n\n"
    "In about 1905 the port grew, and perhaps 3 out of 4 dockers in Liverpool were casual labourers. "
    "During the harbour strike of 1911 in Liverpool, about 70,000 dockers stopped work. "
    "According to the historian Mara Quill, wages rose 12% in the following year. "
    "Before 1913 some 400 workers were dismissed without notice in the mills. "
    "At least 2 of the 5 shipping lines, or 40% of the fleet, did not sail in August 1911. "
    "In Liverpool, Tom Mann was arrested on 3 May 1912. After 1911 the union had 8,000 members.\n",
    "Wheat prices fell by a third between 1873 and 1879, and some 200 farms were sold in 1880.",
]


def _docs(nlp, n_process: int) -> list:
    docs = []
    for text in TEXTS:
        doc = nlp.make_doc(text)
        doc.user_data[FOOTNOTES_KEY] = [(text.index("stopped work.") + len("stopped work."), "1")] \
            if "stopped work." in text else []
        docs.append(doc)
    return list(nlp.pipe(docs, n_process=n_process, batch_size=1))


@pytest.fixture(scope="module")
def both_sides(nlp):
    """The texts parsed in this process and in two worker processes (the pool started once)."""
    return _docs(nlp, 1), _docs(nlp, 2)


def test_parallel_every_registered_span_extension_is_tested():
    assert set(Underscore.span_extensions) <= set(EXTENSIONS)
    assert not Underscore.doc_extensions and not Underscore.token_extensions  # none today: test them when added


@pytest.mark.parametrize("name", EXTENSIONS)
def test_parallel_span_extension_survives_worker_processes(both_sides, name):
    here, there = both_sides
    taken = 0
    for doc, came in zip(here, there):
        assert came.text == doc.text and set(came.spans) == set(doc.spans)
        for key in doc.spans:
            assert [(s.start_char, s.end_char) for s in came.spans[key]] == \
                   [(s.start_char, s.end_char) for s in doc.spans[key]]
            for span, back in zip(doc.spans[key], came.spans[key]):
                value, returned = getattr(span._, name), getattr(back._, name)
                assert returned == value and type(returned) is type(value), (key, span.text)
                taken += value not in (None, False, [])
    assert taken, f"no span has a value for {name}: the texts no longer test it"
