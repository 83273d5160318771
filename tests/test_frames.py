"""Claim frames from the claimkit_claims component, one construction per test, on sentences written here."""

import pytest


def frame_of(nlp, text, figure):
    doc = nlp(text)
    [q] = [s for s in doc.spans["quantities"] if s.text == figure]
    return q, doc


@pytest.mark.parametrize(
    "text, figure, subject",
    [
        ("In 1938 some 40,000 officers of the Red Army were dismissed.", "some 40,000", "officers of red army"),
        ("The NKVD deported 60,000 kulak families to the Urals in 1930.", "60,000", "kulak families"),
        ("By 1939 about 45% of the collective farms had no tractors.", "about 45%", "collective farms"),
    ],
    ids=["figure as subject", "figure as object", "share of a whole"],
)
def test_frames_subject(nlp, text, figure, subject):
    q, _ = frame_of(nlp, text, figure)
    assert q._.subject == subject


def test_frames_share_keeps_its_base(nlp):
    q, _ = frame_of(nlp, "By 1939 about 45% of the collective farms had no tractors.", "about 45%")
    assert q._.base == "collective farms"


def test_frames_elliptic_figure_keeps_no_subject_but_its_predicate(nlp):
    q, _ = frame_of(nlp, "In the famine years 5 million were deported to Siberia.", "5 million")
    assert q._.subject is None and q._.predicate_class == "deported"


def test_frames_coordinated_predicates_keep_both_classes(nlp):
    q, _ = frame_of(nlp, "In 1937 some 9,000 priests were arrested and shot.", "some 9,000")
    assert set(q._.predicate_class.split("+")) == {"arrested", "executed"}


def test_frames_negation_is_recorded(nlp):
    q, _ = frame_of(nlp, "In 1938 about 4,000 of the accused were not executed.", "about 4,000")
    assert q._.negated is True


@pytest.mark.parametrize(
    "text, figure, start, end",
    [
        ("During 1932 and 1933 some 3 million peasants died of hunger.", "some 3 million", "1932-01-01", "1933-12-31"),
        ("The collectivisation drive began in 1930. In the same period 2 million peasants were deported.",
         "2 million", "1930-01-01", "1930-12-31"),
        ("The Yezhovshchina purges, in 1937 and 1938, emptied the ministries. During the Yezhovshchina "
         "600,000 officials were arrested.", "600,000", "1937-01-01", "1938-12-31"),
        ("During the Great Terror some 680,000 people were shot.", "some 680,000", "1936-08-19", "1938-11-17"),
    ],
    ids=["same sentence", "back-reference", "defined in the text", "gazetteer"],
)
def test_frames_period(nlp, text, figure, start, end):
    q, _ = frame_of(nlp, text, figure)
    assert (q._.period_start, q._.period_end) == (start, end)


@pytest.mark.parametrize(
    "text, figure, level",
    [
        ("It is thought that 20,000 monks were exiled in 1929.", "20,000", "hedged"),
        ("Perhaps 7,000 sailors were shot after the mutiny.", "7,000", "speculative"),
        ("In 1931 the state exported 5 million tonnes of grain.", "5 million tonnes", "asserted"),
    ],
)
def test_frames_certainty(nlp, text, figure, level):
    q, _ = frame_of(nlp, text, figure)
    assert q._.certainty == level


def test_frames_attribution_names_the_source(nlp):
    q, _ = frame_of(nlp, "According to Robert Conquest, 7 million peasants died in the famine.", "7 million")
    assert q._.attribution == "Robert Conquest"


def test_frames_events_have_date_class_and_participants(nlp):
    doc = nlp("Sergei Kirov was murdered in Leningrad in December 1934.")
    [event] = doc.spans["events"]
    assert event.text == "was murdered" and event._.predicate_class == "killed"
    assert event._.participants == ["Sergei Kirov"] and event._.place == "Leningrad"


def test_frames_a_count_is_no_event(nlp):
    doc = nlp("In 1937 about 680,000 people were shot.")
    assert list(doc.spans["events"]) == []


def test_frames_component_is_found_by_name(nlp):
    assert "claimkit_claims" in nlp.pipe_names
    assert nlp.get_pipe("claimkit_claims").events_key == "events"


def test_frames_place_is_where_the_text_says(nlp):
    q, _ = frame_of(nlp, "In 1937 some 2,000 teachers were arrested in Leningrad.", "some 2,000")
    assert q._.place == "Leningrad"


def test_claims_link_a_figure_to_the_work_its_sentence_cites(tmp_path, nlp):
    from claimkit import extract

    (tmp_path / "essay.txt").write_text(
        "The famine took some 5 million lives (Davies and Wheatcroft 2004, p. 401). Grain exports went on.\n",
        encoding="utf-8")
    table = extract(tmp_path, nlp=nlp)
    row = table[table["text"] == "some 5 million"].iloc[0]
    assert row["sourced"] and len(row["citations"]) == 1
    unsourced = table[(table["kind"] == "quantity") & (table["text"] != "some 5 million")]
    assert not unsourced["sourced"].any()
