"""Citations and attributions read from plain text (claimkit.nlp.citations).

Every sentence here is invented for these tests; authors and titles are made up.
"""

import hashlib
import re

import pytest
from claimkit.nlp.citations import (
    Attribution,
    Citation,
    citation_id,
    citations_table,
    cited_near,
    find_attributions,
    find_citations,
    in_citation,
    sentence_sources,
)


def _joined(*sentences: str) -> tuple[str, list[tuple[int, int]]]:
    """The sentences joined by single spaces, with their spans."""
    spans, pos = [], 0
    for sentence in sentences:
        spans.append((pos, pos + len(sentence)))
        pos += len(sentence) + 1
    return " ".join(sentences), spans


# --- citations ----------------------------------------------------------------

WORKS = [
    (
        "Some 4,000 clerks were dismissed (see The Hidden Archive of the Purges by "
        "Nikolai Sorokin 1961 pages 212 to 215).",
        ("The Hidden Archive of the Purges", "Nikolai Sorokin", 1961, "212-215"),
    ),
    (
        "The camp held 9,000 men (see Volkova, The Northern Camps, 1994, p. 12).",
        ("The Northern Camps", "Volkova", 1994, "12"),
    ),
    ("Grain exports doubled (Petrov 1987, p. 45).", (None, "Petrov", 1987, "45")),
    ("Grain exports doubled (Petrov, 1987: 45–47).", (None, "Petrov", 1987, "45-47")),
    ("Grain exports doubled (Lindqvist 2003).", (None, "Lindqvist", 2003, None)),
    ("Output fell by a third (cf. Marsh 1979).", (None, "Marsh", 1979, None)),
    ("Output fell (see also Marsh 1979, pp. 12-15).", (None, "Marsh", 1979, "12-15")),
    (
        "Rations were cut twice (Hale and Ostrova 1999, 588).",
        (None, "Hale and Ostrova", 1999, "588"),
    ),
    ("Rations were cut (Brandt et al. 2004a).", (None, "Brandt et al.", 2004, None)),
    (
        "The quota was 75,000 (see “Orders from the Centre” by Ilya Marchenko, 1971).",
        ("Orders from the Centre", "Ilya Marchenko", 1971, None),
    ),
    (
        'The quota was 75,000 (see Marchenko, "Orders from the Centre", 1971, page 9).',
        ("Orders from the Centre", "Marchenko", 1971, "9"),
    ),
    (
        "The quota was 75,000 (see Ilya Marchenko's Orders from the Centre, 1971).",
        ("Orders from the Centre", "Ilya Marchenko", 1971, None),
    ),
    (
        "Two million moved (see The Long Road East).",
        ("The Long Road East", None, None, None),
    ),
    (
        "Two million moved (see *The Long Road East*).",
        ("The Long Road East", None, None, None),
    ),
    (
        "Two million moved (see Russia in 1921 by Anna Kell 2008).",
        ("Russia in 1921", "Anna Kell", 2008, None),
    ),
    (
        "Two million moved (see von Berg, Exile, 1966).",
        ("Exile", "von Berg", 1966, None),
    ),
    ("Petrov (1987) estimates 3 million.", (None, "Petrov", 1987, None)),
    ("According to Petrov (1987, p. 8), 3 million left.", (None, "Petrov", 1987, "8")),
]


@pytest.mark.parametrize("text, expected", WORKS)
def test_citations_parenthetical_works(text, expected):
    found = find_citations(text)
    assert len(found) == 1, found
    c = found[0]
    assert (c.title, c.author, c.year, c.pages) == expected
    assert c.kind == "work"
    assert text[c.start : c.end] == c.text
    assert c.text.startswith(("(", "Petrov")) and c.text.endswith(")")
    assert re.fullmatch(r"[0-9a-f]{12}", c.citation_id)


@pytest.mark.parametrize(
    "text",
    [
        "The purge ran for two years (1937–1938).",
        "Stalin (1878–1953) ruled for decades.",
        "The rule of Stalin (Stalin 1929–1953) was long.",
        "The decree was signed in the capital (Moscow 1937).",
        "The famine peaked in the spring (March 1933).",
        "Yagoda (born 1891) ran the police.",
        "About a fifth of the delegates (about 20 percent) were arrested.",
        "The secret police (NKVD) grew.",
        "This is discussed later (see below).",
        "The figures are in the appendix (see Table 2) and (see Chapter 3).",
        "Only a page is given (see p. 45).",
        "Yagoda (head of the police until 1936) fell.",
        "The order was issued (Arrested by Troops).",
    ],
)
def test_citations_asides_are_not_works(text):
    assert [c for c in find_citations(text) if c.kind == "work"] == []


def test_citations_bracket_references_each_their_own():
    text = "The army lost 40,000 officers.[12][13] Later counts differ [3, 4]."
    found = find_citations(text)
    assert [c.text for c in found] == ["[12]", "[13]", "[3, 4]"]
    assert all(c.kind == "reference" and c.title is None for c in found)
    assert all(text[c.start : c.end] == c.text for c in found)
    assert len({c.citation_id for c in found}) == 3
    again = find_citations("Elsewhere [12] again.")[0]
    assert again.citation_id == found[0].citation_id


def test_citations_glued_footnote_digits_are_left_to_sources():
    assert find_citations("Some 600,000 were shot2. The camps grew³.") == []


def test_citations_several_works_in_one_parenthesis():
    text = "Estimates vary (see Marsh 1979; Lindqvist 2003, p. 7)."
    first, second = find_citations(text)
    assert (first.author, first.year) == ("Marsh", 1979)
    assert (second.author, second.year, second.pages) == ("Lindqvist", 2003, "7")
    assert first.text == "see Marsh 1979" and second.text == "Lindqvist 2003, p. 7"
    assert text[first.start : first.end] == first.text
    assert text[second.start : second.end] == second.text


def test_citations_ibid_takes_the_previous_work():
    text = "Some 30,000 fled (Marsh 1979). Of them 2,000 returned (ibid., p. 9)."
    work, ibid = find_citations(text)
    assert ibid.kind == "ibid" and ibid.pages == "9"
    assert ibid.citation_id == work.citation_id
    alone = find_citations("No work before (ibid.).")
    assert alone[0].kind == "ibid" and alone[0].citation_id == citation_id(
        None, "ibid", None
    )


def test_citation_id_is_stable_and_normalised():
    key = "sorokin|hidden archive of the purges|1961"
    expected = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    assert (
        citation_id("Nikolai Sorokin", "The Hidden Archive of the Purges", 1961)
        == expected
    )
    assert citation_id("Sorokin", "the hidden archive of the purges.", 1961) == expected
    assert (
        citation_id("N. Sorókin", "The Hidden Archive of the Purges", 1961) == expected
    )
    assert citation_id("Sorokin", "Hidden Archive of the Purges", 1962) != expected
    assert citation_id("Sorokin", "Stalin’s Clerks", None) == citation_id(
        "Sorokin", "Stalin's Clerks", None
    )
    assert citation_id("von Berg", None, 1966) != citation_id("Berg", None, 1966)


def test_citations_author_date_mentions_are_one_work():
    ids = {
        c.citation_id
        for c in find_citations(
            "A (Petrov 1987). B (Petrov, 1987: 45). C (Ivan Petrov 1987, p. 3). "
            "D Petrov (1987) argues so."
        )
    }
    assert len(ids) == 1


def test_citations_table_dedupes_and_counts():
    text = (
        "Some 30,000 fled (Marsh 1979, p. 4). "
        "Of them 2,000 returned (Marsh 1979, p. 9). "
        "Others disagree (Lindqvist 2003).[7] The army shrank [7]."
    )
    table = citations_table(find_citations(text))
    assert [row["author"] for row in table] == ["Marsh", "Lindqvist", None]
    marsh, lindqvist, ref = table
    assert marsh["mentions"] == 2 and marsh["pages"] == "4"
    assert marsh["pages_cited"] == ["4", "9"]
    assert (
        marsh["text"] == "(Marsh 1979, p. 4)"
        and text[marsh["start"] : marsh["end"]] == marsh["text"]
    )
    assert lindqvist["mentions"] == 1 and lindqvist["year"] == 2003
    assert ref["kind"] == "reference" and ref["mentions"] == 2 and ref["text"] == "[7]"
    assert citations_table([]) == []


# --- attributions -------------------------------------------------------------

ATTRIBUTIONS = [
    (
        "According to Irina Volkova, 5,000 were deported.",
        [("Irina Volkova", "according to")],
    ),
    (
        "Deportations, according to Volkova, reached 5,000.",
        [("Volkova", "according to")],
    ),
    ("Petrov claims that 3,000 officers were shot.", [("Petrov", "claims")]),
    ("Petrov argues the toll was lower.", [("Petrov", "argues")]),
    ("Petrov estimates 1.2 million deaths.", [("Petrov", "estimates")]),
    ("Lindqvist writes that 40 trains left.", [("Lindqvist", "writes")]),
    ("Marsh believes 200 villages emptied.", [("Marsh", "believes")]),
    ("Marsh suggests a figure near 80,000.", [("Marsh", "suggests")]),
    (
        "The consul reports that 600 were arrested; Marsh reports 700.",
        [("Marsh", "reports")],
    ),
    ("Marsh states that 700 were arrested.", [("Marsh", "states")]),
    ("Marsh has argued that 700 were arrested.", [("Marsh", "argued")]),
    ("Marsh, however, claims that 700 were arrested.", [("Marsh", "claims")]),
    ("Marsh (1979) estimates 700 arrests.", [("Marsh", "estimates")]),
    ("In March Petrov claims 3,000 arrests.", [("Petrov", "claims")]),
    ("As Anna Kell put it, the toll was near 90,000.", [("Anna Kell", "put")]),
    ("Kell puts the figure at 90,000.", [("Kell", "puts")]),
    ("Kell's estimate of 90,000 is the highest.", [("Kell", "estimate")]),
    ("In Kell's view the toll was 90,000.", [("Kell", "view")]),
    ("In the words of Anna Kell, 90,000 died.", [("Anna Kell", "words")]),
    ("The historian R. W. Lange counted 12 camps.", [("R. W. Lange", "counted")]),
    ("Historian Tomas Lange estimates 12 camps.", [("Tomas Lange", "estimates")]),
    ("The demographer Tomas Lange gives 12 camps.", [("Tomas Lange", None)]),
    ("According to von Hallen, 12 camps existed.", [("von Hallen", "according to")]),
    (
        "According to camp archivist Ilya Marchenko, 12 camps existed.",
        [("Ilya Marchenko", "according to")],
    ),
    (
        "According to Ilse and Karl Brandt, 12 camps existed.",
        [("Ilse and Karl Brandt", "according to")],
    ),
    ("According to the Ministry, 12 camps existed.", [("Ministry", "according to")]),
    ("The Party claims 2 million new members.", [("Party", "claims")]),
    (
        "The regional government claimed 3 million tons.",
        [("regional government", "claimed")],
    ),
    ("Scholars estimate that 700,000 were shot.", [("Scholars", "estimate")]),
    ("Some historians believe the toll was lower.", [("Some historians", "believe")]),
    ("Many scholars have argued for 1 million.", [("Many scholars", "argued")]),
    ("Soviet sources claim 1 million.", [("Soviet sources", "claim")]),
    ("Official records reveal 5,000 cases.", [("Official records", "reveal")]),
    (
        "According to some estimates, 6 million died.",
        [("some estimates", "according to")],
    ),
    (
        "According to the 1926 census, 147 million lived there.",
        [("1926 census", "according to")],
    ),
]


@pytest.mark.parametrize("text, expected", ATTRIBUTIONS)
def test_attributions_patterns(text, expected):
    found = find_attributions(text)
    assert [(a.name, a.verb) for a in found] == expected
    for a in found:
        assert text[a.start : a.end] == a.name


@pytest.mark.parametrize(
    "text",
    [
        "In 1937 the purge began.",
        "By the spring of 1938 the camps were full.",
        "In May 1937 the trial opened in the capital.",
        "The Baltic states were occupied in 1940.",
        "He claims that 3,000 died.",
        "Petrov estimates were dismissed at the time.",
        "Stalin put 5,000 officers on trial.",
        "Evidence suggests 20,000 died.",
        "This suggests a far higher toll.",
        "On Monday the committee met twice.",
    ],
)
def test_attributions_false_positives_avoided(text):
    assert find_attributions(text) == []


def test_attributions_generic_groups_and_institutions():
    text = (
        "Some historians believe 5,000 died. The Party claims 2,000. "
        "Official figures put the toll at 3,000. The Soviet government claimed 1,000. "
        "Lindqvist argues 4,000."
    )
    flags = {a.name: a.generic for a in find_attributions(text)}
    assert flags == {
        "Some historians": True,
        "Party": False,
        "Official figures": True,
        "Soviet government": False,
        "Lindqvist": False,
    }


def test_attribution_name_across_a_line_break_is_collapsed():
    text = "According to Irina\nVolkova, 5,000 were deported."
    (a,) = find_attributions(text)
    assert a.name == "Irina Volkova" and text[a.start : a.end] == "Irina\nVolkova"
    assert isinstance(a, Attribution)


# --- per sentence -------------------------------------------------------------


def test_sentence_sources_attach_and_flag_unsourced():
    text, spans = _joined(
        "Some 30,000 fled in 1932 (Marsh 1979).",
        "According to Volkova, 5,000 returned.",
        "The army lost 40,000 officers.[12]",
        "In 1937 the purge began.",
        "The camps held 90,000 men.",
    )
    marker = text.index("90,000") + len("90,000 men")
    rows = sentence_sources(text, spans, footnotes=[(marker, "4")])
    assert [(r["start"], r["end"]) for r in rows] == spans
    assert rows[0]["citation_ids"] == [find_citations(text)[0].citation_id]
    assert rows[0]["sourced"] and rows[0]["attributions"] == []
    assert rows[1]["attribution_names"] == ["Volkova"] and rows[1]["sourced"]
    assert [c.text for c in rows[2]["citations"]] == ["[12]"] and rows[2]["sourced"]
    assert rows[3]["citations"] == rows[3]["attributions"] == rows[3]["footnotes"] == []
    assert not rows[3]["sourced"]
    assert rows[4]["footnotes"] == ["4"] and rows[4]["sourced"]


def test_sentence_sources_reference_after_the_full_stop_belongs_before():
    text = "The army lost 40,000 officers. [12] Later counts differ."
    spans = [(0, 30), (31, len(text))]
    marker = {"start": text.index("[12]"), "marker": "12"}
    rows = sentence_sources(text, spans, footnotes=[marker])
    assert [c.text for c in rows[0]["citations"]] == ["[12]"]
    assert rows[0]["footnotes"] == ["12"]
    assert rows[1]["citations"] == [] and not rows[1]["sourced"]


def test_cited_near_and_in_citation():
    text = "Some 30,000 fled (Marsh 1979, p. 45) and 2,000 returned (Kell 2008)."
    citations = find_citations(text)
    fig = text.index("30,000")
    near = cited_near(citations, fig, fig + 6)
    assert [c.author for c in near] == ["Marsh", "Kell"]
    assert [c.author for c in cited_near(citations, fig, fig + 6, window=10)] == [
        "Marsh"
    ]
    assert cited_near(citations, fig, fig + 6, limit=text.index("(Kell")) == [
        citations[0]
    ]
    page = text.index("45")
    assert in_citation(citations, page, page + 2) is citations[0]
    assert in_citation(citations, fig, fig + 6) is None
    assert citations[0] not in cited_near(citations, page, page + 2)
    assert isinstance(citations[0], Citation)
