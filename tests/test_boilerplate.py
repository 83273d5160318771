"""Boilerplate of any site set aside with its kind; the author's sentences, captions and dates kept."""

import pytest
from claimkit import read_source
from claimkit.read.boilerplate import find_boilerplate, find_dateline
from conftest import write


@pytest.mark.parametrize("line, kind", [
    ("Skip to main content", "navigation"),
    ("Jump to content", "navigation"),
    ("Main menu", "navigation"),
    ("Home > Modern History > The Irish Famine", "navigation"),
    ("From Wikipedia, the free encyclopedia", "navigation"),
    ("(Redirected from Hunger Years)", "navigation"),
    ("Next article", "navigation"),
    ("Photo: Mary Jones / Wikimedia Commons (CC BY-SA 4.0)", "credit"),
    ("Image courtesy of the county archive", "credit"),
    ("Licensed under CC BY 2.0", "credit"),
    ("Join now to read essay The Winter Palace, 1917", "widget"),
    ("Sign up to read the rest of this essay", "widget"),
    ("Read the full essay", "widget"),
    ("Words: 1,250", "widget"),
    ("7 min read", "widget"),
    ("Year 9 History", "syllabus"),
    ("## Unit 4 - Revolution in Russia", "syllabus"),
    ("First exams 2027", "syllabus"),
    ("GCSE History revision", "syllabus"),
    ("![A crowd outside the factory](/img/strike-1926.jpg)", "image"),
])
def test_boilerplate_general_lines_are_set_aside_with_their_kind(line, kind):
    text = f"The strike lasted nine days in May 1926.\n\n{line}\n\nAbout 1.7 million workers joined it."
    [found] = find_boilerplate(text)
    assert (found["text"], found["reason"]) == (line, kind)


@pytest.mark.parametrize("text", [
    "Most of the parish records entered the public domain in 1991, and historians counted 2,400 burials in them.",
    "In Year 1 of the Republic the assembly sat for 300 days.",
    "The unit of 3,000 men under his command was wiped out in 1915, a quarter of them on the first day.",
    "A photograph of the queue outside the bank, taken in 1931, shows some 500 people waiting.",
    "The newsletter of the union claimed 40,000 members; you can sign up to its archive today, it said.",
])
def test_boilerplate_the_authors_sentences_stay(text):
    assert find_boilerplate(text) == []


@pytest.mark.parametrize("head, issued", [
    ("Posted on March 3, 2019", "2019-03-03"),
    ("12 September 2020", "2020-09-12"),
    ("Updated: Sept 5, 2021", "2021-09-05"),
    ("2016-06-29", None),
    ("2004/03/14", None),
    ("2021-04-02 10:15", None),
])
def test_boilerplate_datelines_are_set_aside_and_dated_when_named(head, issued):
    text = f"A History of the Blockade\n{head}\n\nIn 1948 the airlift began; some 2.3 million tons were flown in."
    excluded = find_boilerplate(text)
    dateline = find_dateline(text, excluded)
    assert dateline["text"] == head and dateline["issued"] == issued


def test_boilerplate_dates_in_the_body_are_no_datelines():
    text = "\n\n".join(["Intro line.", "Another line.", "More.", "2016-06-29", "Middle.", "Later.", "Later still.",
                       "The end."])
    assert find_dateline(text, []) is None


def test_boilerplate_set_aside_from_the_claims_and_offsets_kept(tmp_path):
    original = ("Jump to content\nMain menu\n\nThe Berlin Airlift\n2019-05-12\n\n"
                "![Planes over Tempelhof](/img/airlift.jpg)\n\n"
                "In 1948-49 some 2.3 million tons were flown in.\n"
                "Photo: P. Example / Wikimedia Commons (CC BY 2.0)\n\n"
                "References\nA book on the airlift (2008).\n")
    source = read_source(write(tmp_path / "page.txt", original))
    kinds = [e["reason"] for e in source.excluded]
    assert kinds == ["navigation", "navigation", "dateline", "image", "credit", "references"]
    for e in source.excluded:
        assert original[e["start"]:e["end"]] == e["text"]
    assert "Wikimedia" not in source.text and "2019" not in source.text and "2.3 million tons" in source.text
