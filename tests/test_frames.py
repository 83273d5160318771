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


def test_frames_of_them_takes_the_last_counted_subject(nlp):
    doc = nlp("The records list 1,200,000 peasants arrested in 1931, and about 90,000 of them were shot.")
    [q] = [s for s in doc.spans["quantities"] if s.text == "about 90,000"]
    assert q._.subject == "peasants" and q._.predicate_class == "executed"


def test_frames_a_share_of_its_strength_is_a_share_of_the_clause_subject(nlp):
    q, _ = frame_of(nlp, "By 1939 the navy's officer corps had lost as much as a third of its strength.",
                    "as much as a third")
    assert "officer corps" in q._.subject and q._.base == q._.subject


def test_frames_a_figure_inside_a_verb_range_takes_the_verb_subject_and_destination(nlp):
    q, _ = frame_of(nlp, "The inmates in the camps probably exceeded two million and may have reached four million.",
                    "exceeded two million and may have reached four million")
    assert q._.subject == "inmates" and q._.predicate_class == "imprisoned"


def test_frames_time_gained_is_only_for_durations(nlp):
    gave, _ = frame_of(nlp, "The treaty gave Poland ten months to rearm.", "ten months")
    cited, _ = frame_of(nlp, "Rosefielde gives a number of 8.7 million.", "8.7 million")
    assert gave._.predicate_class == "gained"
    assert cited._.predicate_class is None


def _events(nlp, text):
    doc = nlp(text)
    return [(e.text, e._.predicate_class, e._.participants, e._.participant_roles) for e in doc.spans["events"]]


def test_frames_making_someone_a_title_and_being_in_charge_since_are_appointments(nlp):
    [made] = [e for e in _events(nlp, "In May 1939 Stalin made Molotov Commissar for Foreign Affairs.") if e[1]]
    assert made[1] == "appointed" and "Molotov" in made[2]
    assert made[3][made[2].index("Molotov")] == "patient"
    charge = _events(nlp, "Molotov had been in charge of foreign affairs since April 1939.")
    assert [(e[1], e[2]) for e in charge] == [("appointed", ["Molotov"])]


def test_frames_the_person_in_apposition_is_who_the_event_happened_to(nlp):
    [(_, cls, people, roles)] = _events(nlp, "In June 1937 the army's best commander, Mikhail Tukhachevsky, was shot.")
    assert cls == "executed" and roles[people.index("Mikhail Tukhachevsky")] == "patient"


def test_frames_an_event_takes_the_date_of_its_own_phrase(nlp):
    doc = nlp("The treaty was ratified on 31 August 1939 and Germany invaded Poland on 1 September 1939.")
    dates = {d.start_char: d for d in doc.spans["dates"]}
    got = {e._.predicate_class: dates[e._.event_date[0]].text for e in doc.spans["events"]}
    assert got == {"ratified": "31 August 1939", "invaded": "1 September 1939"}


def test_frames_a_coordinated_verb_shares_the_subject_and_takes_its_own_date(nlp):
    doc = nlp("Nikolai Bukharin was arrested in February 1937 and shot in March 1938.")
    got = [(e._.predicate_class, e._.participants, e._.participant_roles, doc.char_span(*e._.event_date).text)
           for e in doc.spans["events"]]
    assert got == [("arrested", ["Nikolai Bukharin"], ["patient"], "February 1937"),
                   ("executed", ["Nikolai Bukharin"], ["patient"], "March 1938")]


def test_frames_an_event_can_be_dated_by_a_resolved_relative_date(nlp):
    doc = nlp("Trotsky was attacked on 20 August 1940 and died the next day.")
    [died] = [e for e in doc.spans["events"] if e._.predicate_class == "died"]
    date = [d for d in doc.spans["dates"] if (d.start_char, d.end_char) == died._.event_date][0]
    assert (date.text, date._.date_start) == ("the next day", "1940-08-21")


def test_frames_the_whole_in_of_the_n_people_who_takes_its_relative_clause(nlp):
    doc = nlp("Of the 2 million people who passed through the camps from 1930 to 1950, about 200,000 perished.")
    got = {q.text: q._.predicate_class for q in doc.spans["quantities"]}
    assert got == {"2 million": "imprisoned", "about 200,000": "died"}


def test_frames_a_role_noun_with_its_own_verb_takes_the_verb(nlp):
    died, _ = frame_of(nlp, "In 1942 some 50,000 prisoners perished in the northern camps.", "some 50,000")
    held, _ = frame_of(nlp, "By 1940 the camps held some 50,000 prisoners.", "some 50,000")
    assert died._.predicate_class == "died"
    assert held._.predicate_class == "imprisoned"
