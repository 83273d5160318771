"""Frames and comparison on any history: scope, event classes, event dates and periods, on sentences written here."""

import pytest

from claimkit import compare, extract


def _frames(nlp, text):
    doc = nlp(text)
    return {q.text: q for q in doc.spans["quantities"]}, doc


def _audit(tmp_path, nlp, texts: dict[str, str]):
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    claims = extract(tmp_path, nlp=nlp)
    return claims, compare(claims)


def _pairs_across(claims, disagreements, file_a, file_b, kind="quantity"):
    counts = claims[(claims["kind"] == kind) & (claims["unit"] != "year")]  # "in the two years of the purge"
    # is a duration of its own
    ids = {f: set(counts[counts["source_id"] == f]["claim_id"]) for f in (file_a, file_b)}
    return disagreements[(disagreements["a"].isin(ids[file_a]) & disagreements["b"].isin(ids[file_b]))
                         | (disagreements["a"].isin(ids[file_b]) & disagreements["b"].isin(ids[file_a]))]


def test_scope_two_famines_of_different_countries_are_not_aligned(tmp_path, nlp):
    claims, pairs = _audit(tmp_path, nlp, {
        "bengal.txt": "The Bengal famine struck in 1943. In Bengal about three million people died of hunger "
                      "that year, and the famine left the province in ruins.",
        "greece.txt": "The Greek famine lasted from 1941 to 1944. In Greece about 300,000 people died of hunger "
                      "during the occupation, most of them in Athens.",
    })
    assert not _pairs_across(claims, pairs, "bengal", "greece").size


def test_scope_a_city_never_stands_for_its_country(tmp_path, nlp):
    claims, pairs = _audit(tmp_path, nlp, {
        "whole.txt": "During the Terror of 1793-94 some 17,000 people were executed across France.",
        "part.txt": "During the Terror of 1793-94 about 2,000 people were executed in Lyon alone.",
    })
    assert not _pairs_across(claims, pairs, "whole", "part").size


def test_scope_claims_take_the_event_their_source_is_about(nlp):
    qs, _ = _frames(nlp, "The Peasants' Revolt of 1381 began in Kent. The Peasants' Revolt spread to London "
                         "within days. Perhaps 1,500 rebels were killed when it was put down.")
    q = qs["1,500"]
    assert q._.event is None and q._.topic_events and "Revolt" in q._.topic_events[0]


def test_scope_a_restricted_count_is_not_the_whole_count(tmp_path, nlp):
    claims, pairs = _audit(tmp_path, nlp, {
        "a.txt": "In the two years of the purge some 17,000 people were officially executed.",
        "b.txt": "In the two years of the purge about 40,000 people died.",
        "c.txt": "In the two years of the purge about 25,000 people died in prison.",
        "d.txt": "In the two years of the purge nearly 30,000 people died in prison.",
    })
    assert not _pairs_across(claims, pairs, "a", "b").size  # executions are a part of all deaths
    assert not _pairs_across(claims, pairs, "b", "c").size
    [row] = _pairs_across(claims, pairs, "c", "d").itertuples()
    assert row.flagged


@pytest.mark.parametrize("verb", ["emigrated", "fled", "were hanged", "were wounded", "were captured", "were evicted"])
def test_frames_verbs_of_any_history_name_an_event(nlp, verb):
    qs, _ = _frames(nlp, f"In 1847 about 12,000 villagers {verb}.")
    assert qs["about 12,000"]._.predicate_class


def test_frames_an_unknown_verb_keeps_its_own_lemma_and_each_figure_its_verb(nlp):
    qs, _ = _frames(nlp, "In 1847 about 12,000 villagers died and 3,000 more scattered across the hills.")
    assert qs["about 12,000"]._.predicate_class == "died"
    assert qs["3,000"]._.predicate_class == "scatter" and "additional" in qs["3,000"]._.restrictions


@pytest.mark.parametrize("text, figure, cls", [
    ("Historians estimate the death toll of the famine at 2.5 million.", "2.5 million", "died"),
    ("The battle cost the army 20,000 casualties.", "20,000", "casualty"),
    ("Before the war the island had a population of 800,000.", "800,000", "population"),
    ("By 1850 the losses of the regiment stood at 900.", "900", "casualty"),
])
def test_frames_nominal_measures_name_the_event(nlp, text, figure, cls):
    qs, _ = _frames(nlp, text)
    assert qs[figure]._.predicate_class == cls


def test_frames_an_elliptic_figure_counts_people_when_only_people_undergo_its_event(tmp_path, nlp):
    claims, pairs = _audit(tmp_path, nlp, {
        "a.txt": "The Salt Rebellion broke out in 1850. During the Salt Rebellion 4,000 were shot.",
        "b.txt": "The Salt Rebellion broke out in 1850. During the Salt Rebellion 9,000 were shot.",
    })
    [row] = _pairs_across(claims, pairs, "a", "b").itertuples()
    assert row.status == "conflict"


def test_events_the_same_event_dated_differently_is_flagged_for_any_event(tmp_path, nlp):
    claims, pairs = _audit(tmp_path, nlp, {
        "a.txt": "The Long Drought began in 1876. The blight reached the northern valleys in June 1877.",
        "b.txt": "The Long Drought began in 1875. The blight reached the northern valleys in August 1877.",
    })
    events = claims[claims["kind"] == "event"]
    assert {"began", "arrived"} <= set(events["predicate_class"])
    rows = _pairs_across(claims, pairs, "a", "b", kind="event")
    assert rows["flagged"].sum() == 2


def test_events_a_dated_span_disagrees_when_one_end_does(tmp_path, nlp):
    claims, pairs = _audit(tmp_path, nlp, {
        "a.txt": "The Great Hunger was a period between 1845 and 1849 in the history of the island.",
        "b.txt": "The Great Hunger was a period between 1845 and 1852 in the history of the island.",
        "c.txt": "The Great Hunger was a period from 1845 to 1849, as the island's records show.",
    })
    assert _pairs_across(claims, pairs, "a", "b", kind="event")["flagged"].all()
    assert len(_pairs_across(claims, pairs, "a", "c", kind="event"))
    assert not _pairs_across(claims, pairs, "a", "c", kind="event")["flagged"].any()


@pytest.mark.parametrize("text, figure, start, end", [
    ("The purge ran from 1936 to 1938. In March 1937 the party met in the capital. During these years, "
     "about 40,000 members were arrested.", "about 40,000", "1936-01-01", "1938-12-31"),
    ("About 2,000 people died in the riots of 1866 (as in the riots of 1745, when some 500 died).",
     "About 2,000", "1866-01-01", "1866-12-31"),
])
def test_periods_come_from_the_clause_or_the_period_the_text_defined(nlp, text, figure, start, end):
    qs, _ = _frames(nlp, text)
    assert (qs[figure]._.period_start, qs[figure]._.period_end) == (start, end)


def test_periods_a_scholars_year_does_not_date_the_figure(nlp):
    qs, _ = _frames(nlp, "In 2009, historian Anna Berg estimated that 60,000 people were deported.")
    assert qs["60,000"]._.period_start is None


def test_events_a_named_event_as_the_subject_of_a_dated_clause_happened_then(nlp):
    doc = nlp("The Long Drought ruined the valley. The drought was the main cause of hunger between 1876 and 1879.")
    [event] = [e for e in doc.spans["events"] if e._.predicate_class == "occurred"]
    assert event._.event == "Long Drought" and doc.char_span(*event._.event_date).text == "between 1876 and 1879"


def test_events_two_doers_make_two_events_and_a_shorter_name_is_the_same_doer(tmp_path, nlp):
    claims, pairs = _audit(tmp_path, nlp, {
        "a.txt": "Prussia invaded Saxony on 29 August 1756. The National Assembly of Saxony met on 3 June 1757.",
        "b.txt": "Austria invaded Saxony in October 1756. The Assembly of Saxony met on 9 June 1757.",
        "c.txt": "Prussia invaded Saxony on 2 September 1756, the chroniclers say.",
    })
    ab = _pairs_across(claims, pairs, "a", "b", kind="event")
    assert not any("1756" in a or "1756" in b for a, b in zip(ab["text_a"], ab["text_b"]))  # two invasions
    assert ab["flagged"].sum() == 1                                     # one assembly, two dates
    assert _pairs_across(claims, pairs, "a", "c", kind="event")["flagged"].sum() == 1  # one invasion, two dates


def test_events_whose_envoy_was_arrested_is_no_party_to_the_arrest(nlp):
    doc = nlp("Napoleon's envoy, Louis Otto, was arrested on 3 May 1801.")
    [event] = doc.spans["events"]
    assert event._.participants == ["Louis Otto"] and event._.participant_roles == ["patient"]


def test_events_two_names_the_text_gives_in_one_sentence_are_two_events(tmp_path, nlp):
    claims, pairs = _audit(tmp_path, nlp, {
        "a.txt": "The Great Salt War of 1801–1803 and the Salt War of 1810–1812 ruined the coast. "
                 "The Great Salt War of 1802 is remembered in songs.",
    })
    texts = {frozenset((a, b)) for a, b in zip(pairs["text_a"], pairs["text_b"])}
    assert frozenset(("1801–1803", "1802")) in texts                    # one war, told twice
    assert not any("1810–1812" in pair for pair in texts)                # the other war is not it


def test_events_what_a_group_underwent_twice_is_no_contradiction(tmp_path, nlp):
    claims, pairs = _audit(tmp_path, nlp, {
        "a.txt": "In March 1812 the striking weavers were arrested in the mill towns.",
        "b.txt": "In June 1813 the striking weavers were arrested in the mill towns.",
    })
    assert len(claims[claims["kind"] == "event"]) == 2
    assert _pairs_across(claims, pairs, "a", "b", kind="event").empty  # weavers may be arrested again


def test_events_a_noun_phrase_of_its_own_is_not_the_sources_topic(nlp):
    doc = nlp("The Long Drought ruined the valley. The Long Drought emptied the villages. In 1877, the first "
              "three-year plan was launched; it was finished a year early, in 1879. The drought ended in 1880.")
    events = {doc.char_span(*e._.event_date).text: e._.event for e in doc.spans["events"]}
    assert events["1880"] == "Long Drought"                    # "the drought": the source's own event
    assert "plan" in events["1877"] and "plan" in events["1879"]  # the plan, and the "it" that stands for it


@pytest.mark.parametrize("one, other, same", [
    ("the Terror", "the Reign of Terror", True),              # the longer name adds only an event word
    ("the Somme", "the Battle of the Somme", True),
    ("the famine", "the Chinese famine", True),               # where it happened is the place's matter
    ("the Great Famine", "the Great Terror", False),          # a generic word in common is nothing
    ("the pact", "the neutrality pact", False),               # a bare "pact" is not surely that pact
    ("the treaty", "the Treaty of Versailles", False),
    ("the Versailles treaty", "the Treaty of Versailles", True),
])
def test_scope_event_keys_meet_only_when_a_longer_name_adds_no_proper_word(one, other, same):
    from claimkit.nlp.lexicon import current
    from claimkit.nlp.scope import event_key, keys_match

    heads = current().event_heads
    assert keys_match(event_key(one), event_key(other), heads) is same
    assert keys_match(event_key(other), event_key(one), heads) is same
