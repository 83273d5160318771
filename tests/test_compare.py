import pytest

import importlib

from claimkit import compare, validate_records
from claimkit.store.table import claims_frame, to_records

cmp = importlib.import_module("claimkit.compare.pairs")  # the module: claimkit.compare is also the function

BASE = dict(kind="quantity", qualifier="exact", unit="count", certainty="asserted", sourced=False)
_ids = iter(f"{i:016x}" for i in range(1, 10**6))


def claim(source, text, value, subject="party members", cls="executed", low=None, high=None, sentence=None, **kw):
    return dict(BASE, claim_id=next(_ids), source_id=source, text=text, start=0, end=len(text), value=value,
                low=value if low is None else low, high=value if high is None else high, subject=subject,
                predicate_class=cls, sentence=sentence or f"{source}: {text} {subject}.", **kw)


def event(source, text, cls, start, end, patients, participants=None, sentence=None, kind="PERSON"):
    return dict(kind="event", claim_id=next(_ids), source_id=source, text=text, start=0, end=len(text),
                unit="event", qualifier="exact", certainty="asserted", predicate=text, predicate_class=cls,
                date_start=start, date_end=end, participants=participants or patients,
                participant_keys=[f"{kind}:{p.lower()}" for p in (participants or patients)],
                patient_keys=[f"PERSON:{p.lower()}" for p in patients] or None,
                sentence=sentence or f"{source}: {text} {start}.")


def pairs(*records):
    return compare(claims_frame(list(records))).to_dict("records")


def test_headline_pair_is_scope_differs_and_the_explanation_names_both_sides():
    [row] = pairs(
        claim("essay-a", "one million", 1e6, predicate="arrested and executed", cls="arrested+executed",
              period_start="1934-01-01", period_end="1939-12-31"),
        claim("essay-b", "850,000", 850000, predicate="purged", cls="purged",
              period_start="1937-01-01", period_end="1938-12-31"),
    )
    assert row["status"] == "scope_differs" and row["flagged"]
    assert row["reasons"] == ["value", "predicate", "period"]
    for part in ("essay-a", "essay-b", "“one million”", "“850,000”", "arrested and executed against purged",
                 "1934–1939 against 1937–1938"):
        assert part in row["explanation"]
    assert row["relative_difference"] == pytest.approx(0.15)


PERIOD = dict(period_start="1937-01-01", period_end="1938-12-31")


def test_only_the_value_differing_is_a_conflict_and_hedging_lowers_severity():
    flat = pairs(claim("a", "680,000", 680000, **PERIOD), claim("b", "760,000", 760000, **PERIOD))
    hedged = pairs(claim("a", "680,000", 680000, certainty="hedged", hedge="it is thought", **PERIOD),
                   claim("b", "760,000", 760000, certainty="speculative", hedge="may have", **PERIOD))
    inferred = pairs(claim("a", "680,000", 680000, **PERIOD), claim("b", "760,000", 760000))
    assert [(r["status"], r["reasons"], r["severity"]) for r in flat] == [("conflict", ["value"], 3)]
    assert [(r["status"], r["severity"]) for r in hedged] == [("conflict", 1)]
    assert [(r["status"], r["severity"]) for r in inferred] == [("conflict", 2)]  # one period unknown


def test_pairs_that_cannot_be_one_count_are_not_formed():
    famine = claim("a", "five to seven million", None, low=5e6, high=7e6, subject="people", cls="died",
                   period_start="1932-01-01", period_end="1933-12-31")
    camps = claim("b", "1,053,829", 1053829, subject="people", cls="died", period_start="1934-01-01",
                  period_end="1953-12-31")
    assert pairs(famine, camps) == []  # periods share no day
    assert pairs(claim("a", "10 million", 1e7, subject=None, cls="died"),
                 claim("b", "3 million", 3e6, subject=None, cls="died")) == []  # neither says who



def test_one_text_reporting_two_scholars_who_disagree_is_flagged_at_low_severity():
    ellman = claim("site", "roughly 3 million", 3e6, subject="deaths", cls="died", attribution="Ellman",
                   attribution_key="PERSON:ellman", qualifier="approximate")
    snyder = claim("site", "9 million", 9e6, subject="deaths", cls="died", attribution="Snyder",
                   attribution_key="PERSON:snider")
    [row] = pairs(ellman, snyder)
    assert row["flagged"] and row["severity"] == 1 and "attribution" in row["reasons"]
    assert "Ellman".lower() in row["explanation"].lower() and "snider" in row["explanation"].lower()


def test_nationalities_do_not_make_treaties_one_event():
    assert pairs(event("a", "signed", "signed", "1935-05-02", "1935-05-02", [], participants=["Soviets"], kind="NORP"),
                 event("b", "signed", "signed", "1939-08-23", "1939-08-23", [], participants=["Soviets"],
                       kind="NORP")) == []


def test_approximate_figures_stand_for_what_rounds_to_them():
    [differ] = pairs(claim("a", "roughly 680,000", 680000, low=612000, high=748000, qualifier="approximate"),
                     claim("b", "about 750,000", 750000, low=675000, high=825000, qualifier="approximate"))
    [covers] = pairs(claim("a", "about one and a half million", 1.5e6, low=1.35e6, high=1.65e6,
                           qualifier="approximate", subject="people", cls="arrested"),
                     claim("b", "1,548,367", 1548367, subject="people", cls="arrested"))
    assert differ["status"] == "conflict"
    assert covers["status"] == "agree"


def test_a_bound_agrees_with_a_flat_figure_inside_it_and_says_so():
    [row] = pairs(
        claim("a", "50%", 50, unit="percent", share=50, subject="officer corps", base="officer corps", cls="purged"),
        claim("b", "as much as half", 50, low=None, high=50, qualifier="at_most", unit="percent", share=50,
              subject="officer corps", base="officer corps", cls="purged"),
    )
    assert (row["status"], row["flagged"], row["severity"]) == ("agree", False, 0)
    assert row["reasons"] == ["certainty"]
    assert "“as much as half”" in row["explanation"]


def test_half_fifty_percent_and_three_out_of_six_are_one_share():
    rows = pairs(
        claim("a", "half", 50, unit="percent", share=50, subject="officers", cls="purged"),
        claim("b", "three out of six", 3, part=3, whole=6, share=50, subject="officers", cls="purged"),
        claim("c", "one in five", 1, part=1, whole=5, share=20, subject="officers", cls="purged"),
    )
    status = {(r["text_a"], r["text_b"]): r["status"] for r in rows}
    assert status[("half", "three out of six")] == "agree"
    assert "conflict" in {status[("half", "one in five")], status.get(("one in five", "half"))}


def test_a_figure_inside_a_scholarly_range_agrees():
    [row] = pairs(claim("a", "10 million", 1e7, subject=None, cls="imprisoned"),
                  claim("b", "between seven and twenty million", None, low=7e6, high=2e7, qualifier="range",
                        subject="labour force in the camps", cls="imprisoned"))
    assert row["status"] == "agree"


@pytest.mark.parametrize("one, other", [
    # the same number, counting different things: deported kulaks against people sent to the camps
    (dict(text="ten million", value=1e7, subject="kulaks", cls="deported"),
     dict(text="10 million", value=1e7, subject=None, cls="imprisoned")),
    # three of five Marshals against thirteen of fifteen army commanders
    (dict(text="three out of five", value=3, part=3, whole=5, share=60, subject="Marshals"),
     dict(text="13 of 15", value=13, part=13, whole=15, share=86.7, subject="army commanders")),
    # ranks are different counts
    (dict(text="57", value=57, subject="corps commanders"), dict(text="110", value=110, subject="divisional commanders")),
    # arrests and executions are sibling counts, not one count in two words
    (dict(text="1,548,367", value=1548367, subject="people", cls="arrested"),
     dict(text="681,692", value=681692, subject="people", cls="executed")),
    # the size of an army is not what happened to it
    (dict(text="half a million", value=5e5, subject="soldiers", cls=None),
     dict(text="30,000", value=3e4, subject="soldiers", cls="executed")),
    # a count and a share are not comparable
    (dict(text="10 million", value=1e7, subject="prisoners", cls="imprisoned"),
     dict(text="10%", value=10, unit="percent", share=10, subject="prisoners", cls="imprisoned")),
])
def test_figures_that_merely_share_words_or_numbers_are_not_aligned(one, other):
    a = claim("essay-a", one.pop("text"), one.pop("value"), **one)
    b = claim("essay-b", other.pop("text"), other.pop("value"), **other)
    assert pairs(a, b) == []


def test_synonyms_and_place_words_align_subjects():
    [row] = pairs(claim("a", "50%", 50, unit="percent", share=50, subject="officers of the Red Army", cls="purged"),
                  claim("b", "half", 50, unit="percent", share=50, subject="officer corps", cls="purged"))
    assert row["status"] == "agree"


def test_households_against_people_align_and_record_the_difference():
    [row] = pairs(claim("a", "about 1,250,000", 1.25e6, subject="kulak households", cls="deported"),
                  claim("b", "roughly 1,250,000", 1.25e6, subject="kulaks", cls="deported"))
    assert row["status"] == "agree" and row["reasons"] == ["subject"]
    assert "households" in row["explanation"]


def test_a_source_that_contradicts_itself_is_a_finding_but_one_sentence_is_not():
    same_sentence = "In 1937 500 were shot, and 700 were shot in 1938."
    rows = pairs(claim("essay", "500", 500, sentence=same_sentence), claim("essay", "700", 700, sentence=same_sentence))
    assert rows == []
    [row] = pairs(claim("essay", "500", 500), claim("essay", "700", 700))
    assert row["source_a"] == row["source_b"] == "essay" and row["status"] == "conflict"
    assert "essay gives both" in row["explanation"]


def test_dates_of_one_event_are_compared_by_who_it_happened_to():
    rows = pairs(
        event("a", "was signed", "signed", "1939-08-23", "1939-08-23", [], participants=["Ribbentrop", "Stalin"]),
        event("b", "was signed", "signed", "1939-08-24", "1939-08-24", [], participants=["Ribbentrop"]),
        event("c", "signed", "signed", "1939-08-01", "1939-08-31", [], participants=["Stalin"]),
    )
    status = {frozenset((r["source_a"], r["source_b"])): (r["status"], r["kind"]) for r in rows}
    assert status[frozenset("ab")] == ("conflict", "event")
    assert status[frozenset("ac")] == ("agree", "event")


def test_murdered_on_one_day_and_died_on_the_next_differ_in_scope():
    [row] = pairs(event("a", "was murdered", "killed", "1940-08-20", "1940-08-20", ["Trotsky"]),
                  event("b", "died", "died", "1940-08-21", "1940-08-21", ["Trotsky"]))
    assert (row["status"], row["reasons"]) == ("scope_differs", ["date", "predicate"])


def test_appointments_of_different_people_by_one_man_are_not_one_event():
    rows = pairs(event("a", "appointed", "appointed", "1936-09-01", "1936-09-30", ["Yezhov"], ["Stalin", "Yezhov"]),
                 event("b", "made", "appointed", "1939-05-01", "1939-05-31", ["Molotov"], ["Stalin", "Molotov"]))
    assert rows == []


def test_durations_compare_in_days():
    [differ] = pairs(claim("a", "eighteen months", 18, unit="month", subject=None, cls="gained", place="USSR"),
                     claim("b", "twenty-two months", 22, unit="month", subject="peace", cls="gained",
                           place="the Soviet Union"))
    [same] = pairs(claim("a", "two years", 2, unit="year", subject=None, cls="gained"),
                   claim("b", "24 months", 24, unit="month", subject=None, cls="gained"))
    assert (differ["status"], differ["reasons"]) == ("conflict", ["value"])
    assert same["status"] == "agree"


def test_records_follow_the_schema_and_the_most_severe_come_first():
    df = compare(claims_frame([
        claim("a", "one million", 1e6, cls="arrested+executed", period_start="1934-01-01", period_end="1939-12-31"),
        claim("b", "850,000", 850000, cls="purged", period_start="1937-01-01", period_end="1938-12-31"),
        claim("c", "850,000", 850000, cls="purged", period_start="1937-01-01", period_end="1938-12-31"),
        claim("d", "2,000,000", 2e6, cls="purged", period_start="1937-01-01", period_end="1938-12-31"),
    ]))
    validate_records("disagreement", to_records(df))
    assert list(df["severity"]) == sorted(df["severity"], reverse=True)
    assert df.iloc[0]["status"] == "conflict"


def test_candidate_pairs_are_blocked_not_all_pairs(monkeypatch):
    calls = []
    real = cmp._comparable
    monkeypatch.setattr(cmp, "_comparable", lambda a, b: calls.append(1) or real(a, b))
    records = [claim(f"s{i % 50}", str(i), i, subject=f"group{i // 4} members", cls="arrested") for i in range(2000)]
    compare(claims_frame(records))
    assert len(calls) == 500 * 6  # 500 subjects of 4 claims each: 6 candidate pairs per subject


@pytest.mark.parametrize("a, b, status", [
    (("about one million", 1e6), ("about two million", 2e6), "conflict"),
    (("roughly 680,000", 680000), ("approximately 700,000", 700000), "agree"),
    (("about 750,000", 750000), ("roughly 680,000", 680000), "conflict"),
    (("as many as 40,000", 40000), ("17,000", 17000), "conflict"),
])
def test_approximate_figures_stand_for_what_historians_round_them_to(a, b, status):
    def figure(source, text, value):
        qualifier = "at_most" if text.startswith("as many as") else ("approximate" if not text[0].isdigit() else "exact")
        low, high = (None, value) if qualifier == "at_most" else (value * 0.9, value * 1.1) if qualifier == "approximate" \
            else (value, value)
        return claim(source, text, value, subject="people", cls="died", qualifier=qualifier, low=low, high=high, **PERIOD)
    [row] = pairs(figure("a", *a), figure("b", *b))
    assert row["status"] == status
    assert row["low_a"] is not None and row["high_b"] is not None  # the interval the verdict used


def test_two_written_ranges_agree_only_when_both_ends_do():
    wide = claim("a", "20-45 million", 3.25e7, subject="deaths", cls="died", low=2e7, high=4.5e7, qualifier="range")
    narrow = claim("b", "30-45 million", 3.75e7, subject="deaths", cls="died", low=3e7, high=4.5e7, qualifier="range")
    same = claim("c", "20 to 45 million", 3.25e7, subject="deaths", cls="died", low=2e7, high=4.5e7, qualifier="range")
    point = claim("d", "36 million", 3.6e7, subject="deaths", cls="died")
    rows = {frozenset((r["source_a"], r["source_b"])): r["status"] for r in pairs(wide, narrow, same, point)}
    assert rows[frozenset("ab")] == "conflict" and rows[frozenset("ac")] == "agree"
    assert rows[frozenset("ad")] == "agree"  # a single estimate inside a range


def test_scope_different_places_and_named_events_are_never_aligned():
    here = claim("a", "3 million", 3e6, subject="people", cls="died", place="Bengal", **PERIOD)
    there = claim("b", "300,000", 3e5, subject="people", cls="died", place="Greece", **PERIOD)
    assert pairs(here, there) == []
    one = claim("a", "40,000", 4e4, subject="people", cls="died", topic_events=["Reign of Terror"])
    other = claim("b", "40,000", 4e4, subject="people", cls="died", topic_events=["Great Leap Forward"])
    assert pairs(one, other) == []
    somme = claim("a", "420,000", 4.2e5, subject="casualties", cls="casualty", topic_events=["Battle of the Somme"])
    again = claim("b", "460,000", 4.6e5, subject="casualties", cls="casualty", topic_events=["the Somme", "Great War"])
    [row] = pairs(somme, again)
    assert row["status"] == "conflict"


def test_copies_are_judged_once_and_groups_grow_with_the_claims():
    from claimkit.compare import compare_groups, pairs_of

    def corpus(copies):
        records = []
        for i in range(copies):
            records.append(claim(f"a{i}", "680,000", 680000, sentence="In 1937-38 680,000 people were executed.",
                                 subject="people", **PERIOD))
            records.append(claim(f"b{i}", "750,000", 750000, sentence="About 750,000 people were executed then.",
                                 subject="people", **PERIOD))
        return claims_frame(records)

    small_groups, small_pairs = compare_groups(corpus(2))
    big_groups, big_pairs = compare_groups(corpus(40))
    assert len(big_pairs) == len(small_pairs) == 1 and big_pairs.iloc[0]["flagged"]  # not 40 x 40 pairs
    [group] = big_groups.itertuples()
    assert group.members_count == 80 and group.flagged and group.status == "conflict"
    assert (group.low, group.high) == (680000, 750000) and len(group.disagreeing) == 80
    validate_records("group", to_records(big_groups))
    three = corpus(3)
    [small] = compare_groups(three)[0].itertuples()
    everything = pairs_of(three, small.members)
    assert len(everything) == 6 * 5 // 2  # on demand, every pair of the group, copies included
    assert everything["flagged"].sum() == 3 * 3


def test_compare_added_judges_only_the_new_claims_and_equals_comparing_everything():
    from claimkit.compare import compare_added, compare_groups

    def essay(source, figure, value, year="1937-38"):
        return claim(source, figure, value, sentence=f"In {year} {figure} people were executed.",
                     subject="people", **PERIOD)

    first = [essay("a", "680,000", 680000), essay("b", "680,000", 680000), essay("c", "700,000", 700000)]
    later = [essay("d", "1.5 million", 1.5e6), essay("e", "690,000", 690000)]
    everything = claims_frame(first + later)
    groups, pairs = compare_groups(claims_frame(first))
    added_groups, added_pairs = compare_added(everything, {r["claim_id"] for r in later}, groups, pairs)
    all_groups, all_pairs = compare_groups(everything)

    def canon(g):
        return sorted((tuple(sorted(m)), s, n, f) for m, s, n, f in zip(g.members, g.status, g.pairs, g.flagged_pairs))

    assert canon(added_groups) == canon(all_groups) and set(added_pairs.pair_id) == set(all_pairs.pair_id)
    [group] = added_groups.itertuples()
    assert group.status == "conflict" and group.members_count == 5  # the new 1.5 million joined and conflicts
    # a source audited again with another figure: its old claim leaves the group, the new one is judged
    changed = {**essay("c", "2 million", 2e6), "claim_id": first[2]["claim_id"]}
    again = claims_frame(first[:2] + [changed] + later)
    regroups, repairs = compare_added(again, {changed["claim_id"]}, added_groups, added_pairs)
    fresh_groups, fresh_pairs = compare_groups(again)
    assert canon(regroups) == canon(fresh_groups) and set(repairs.pair_id) == set(fresh_pairs.pair_id)
