"""User lexicons: merged over claimkit's own, checked against their schema, used by frames and comparison."""

import json

import pytest
from typer.testing import CliRunner

import claimkit
from claimkit import LexiconError, read_lexicon, using_lexicons
from claimkit.cli import app
from claimkit.nlp.lexicon import current


def _write(tmp_path, data, name="mine.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_lexicon_user_words_are_merged_while_active_and_gone_after(tmp_path):
    path = _write(tmp_path, {
        "event_classes": {"pressed": {"broader": ["mobilised"], "people": True}},
        "verbs": {"impress": "pressed"},
        "places": {"Bengal": {"names": ["bengal"], "demonyms": ["bengali"], "part_of": "India"}},
        "named_periods": [{"names": ["the great hunger"], "start": "1845-01-01", "end": "1852-12-31",
                           "place": "Ireland"}],
    })
    with using_lexicons([path]) as lex:
        assert lex.verbs["impress"] == "pressed" and "served" in lex.broader("pressed")
        assert lex.place("the Bengali") == "Bengal"
        assert current() is lex
    assert "impress" not in current().verbs


def test_lexicon_a_users_named_period_dates_claims_only_in_its_place(tmp_path, nlp):
    path = _write(tmp_path, {"named_periods": [
        {"names": ["the hungry years"], "start": "1845-01-01", "end": "1849-12-31", "place": "Ireland"}]})
    with using_lexicons([path]):
        here = nlp("In Ireland, during the hungry years, about 1 million people died.")
        there = nlp("In Finland, during the hungry years, about 150,000 people died.")
    assert here.spans["quantities"][0]._.period_start == "1845-01-01"
    assert there.spans["quantities"][0]._.period_start is None


@pytest.mark.parametrize("data, says", [
    ({"verbs": {"impress": "pressgang"}}, "verbs.impress"),
    ({"named_periods": [{"names": ["x"], "start": "1850-01-01", "end": "1840-01-01", "place": "Ireland"}]},
     "named_periods[0]"),
    ({"verbs": {"Impress": "died"}}, "verbs"),
    ({"nouns": ["not", "a", "mapping"]}, "nouns"),
])
def test_lexicon_a_bad_entry_is_one_error_naming_the_file_and_entry(tmp_path, data, says):
    path = _write(tmp_path, data)
    with pytest.raises(LexiconError) as err:
        read_lexicon(path)
    message = str(err.value)
    assert str(path) in message and says in message and "\n" not in message


def test_lexicon_cli_audit_takes_a_lexicon_and_rejects_a_bad_one_before_any_work(tmp_path):
    essay = tmp_path / "essay.txt"
    essay.write_text("In 1799 about 3,000 sailors were impressed into the fleet.\n", encoding="utf-8")
    good = _write(tmp_path, {"verbs": {"impress": "mobilised"}}, "good.json")
    bad = _write(tmp_path, {"verbs": {"impress": "nonsense"}}, "bad.json")
    runner = CliRunner()
    result = runner.invoke(app, ["audit", str(essay), "--out", str(tmp_path / "out"), "--lexicon", str(bad), "--quiet"])
    assert result.exit_code == 2 and "bad.json" in result.output and not (tmp_path / "out").exists()
    result = runner.invoke(app, ["audit", str(essay), "--out", str(tmp_path / "out"), "--lexicon", str(good),
                                 "--quiet", "--no-report"])
    assert result.exit_code == 0, result.output
    claims = claimkit.read_table(tmp_path / "out" / "claims.jsonl")
    assert "mobilised" in set(claims["predicate_class"].dropna())


def test_lexicon_schema_is_in_the_package():
    assert claimkit.schema("lexicon")["title"] == "A user lexicon"
