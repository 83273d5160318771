import spacy
from spacy.tokens import Doc


def test_components_are_found_by_name_through_entry_points():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimkit_dates")
    nlp.add_pipe("claimkit_quantities", config={"tolerance": 0.2})
    doc = nlp("In 1937-38 about 680,000 people were shot.")
    [q] = doc.spans["quantities"]
    assert (q.text, q._.value, q._.low, q._.high, q._.qualifier) == ("about 680,000", 680000, 544000, 816000, "approximate")
    [d] = doc.spans["dates"]
    assert (d.text, d._.date_start, d._.date_end, d._.precision) == ("1937-38", "1937-01-01", "1938-12-31", "year")


def test_components_quantities_alone_still_skip_years_and_ranges():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimkit_quantities")
    doc = nlp("Between 1937 and 1938, in 1937-38, 850,000 were purged.")
    assert [q.text for q in doc.spans["quantities"]] == ["850,000"]


def test_components_anchor_points_at_the_span_it_took_its_year_from():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimkit_dates", config={"spans_key": "when"})
    doc = nlp("Signed on August 23rd 1939. Ratified on August 31st.")
    first, second = doc.spans["when"]
    assert second._.anchor == first.start_char and second._.date_start == "1939-08-31"


def test_components_docs_survive_serialisation_for_multiprocess_pipe():
    """nlp.pipe(n_process=2) sends Docs as bytes: every Span._ value must serialise."""
    nlp = spacy.blank("en")
    nlp.add_pipe("claimkit_dates")
    nlp.add_pipe("claimkit_quantities")
    doc = nlp("In May 1937 about 3/4 of the 22,24 staff left; on June 2nd, 500 more.")
    copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [s.text for s in copy.spans["quantities"]] == [s.text for s in doc.spans["quantities"]]
    assert copy.spans["dates"][-1]._.anchor == doc.spans["dates"][0].start_char


def test_components_split_tokens_so_spans_cover_exactly_the_figure():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimkit_dates")
    nlp.add_pipe("claimkit_quantities")
    doc = nlp("They kept 3/4 of the grain and sent it in 1937.")
    q = doc.spans["quantities"][0]
    assert q.text == "3/4" and q._.value == 75
    assert [d.text for d in doc.spans["dates"]] == ["1937"]


def test_components_dates_count_from_the_day_a_text_was_written():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimkit_dates", config={"reference": "1939-09-01"})
    first = nlp("The ultimatum expired yesterday.")
    [d] = first.spans["dates"]
    assert (d.text, d._.date_start) == ("yesterday", "1939-08-31")
    doc = nlp.make_doc("The ultimatum expired yesterday.")
    doc.user_data["claimkit_reference"] = "1941-06-23"  # a Doc's own date wins
    [d] = nlp(doc).spans["dates"]
    assert d._.date_start == "1941-06-22"


def test_components_dates_without_a_reference_leave_deixis_unresolved():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimkit_dates")
    doc = nlp("The ultimatum expired yesterday.")
    [d] = doc.spans["dates"]
    assert d._.relative and d._.date_start is None


def test_components_dates_reject_a_reference_that_is_no_date():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimkit_dates", config={"reference": "September 1939"})
    try:
        nlp("The ultimatum expired yesterday.")
    except ValueError as err:
        assert "September 1939" in str(err) and "YYYY-MM-DD" in str(err)
    else:
        raise AssertionError("a reference that is no ISO date must be refused")


def test_components_displacy_shows_labelled_spans_under_the_default_key(nlp):
    from spacy import displacy

    doc = nlp("Marshal Tukhachevsky was executed in June 1937, and about 680,000 people were shot in 1937-38.")
    labels = {s.label_ for s in doc.spans["sc"]}
    assert labels == {"DATE", "QUANTITY", "EVENT"}
    assert all(s.label_ == "EVENT" for s in doc.spans["events"])
    event = next(s for s in doc.spans["sc"] if s.label_ == "EVENT")
    assert event._.predicate_class == "executed"  # the labelled span keeps its fields
    quantity = next(s for s in doc.spans["sc"] if s.label_ == "QUANTITY")
    assert quantity._.value == 680000 and quantity._.subject
    page = displacy.render(doc, style="span")  # no spans_key option
    for label in ("DATE", "QUANTITY", "EVENT"):
        assert label in page
