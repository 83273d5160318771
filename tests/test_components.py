import spacy


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
    assert second._.anchor == first and second._.date_start == "1939-08-31"
