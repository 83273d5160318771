"""The compiled validators: fast on good records, and a bad record still caught with its JSON path."""

import pytest
from claimkit.errors import SchemaError
from claimkit.store import schemas, to_records, validate_records
from claimkit.store.schemas import SCHEMAS, compiled


def test_schemas_every_claim_of_an_extraction_passes_the_compiled_validator(demo_audit):
    records = to_records(demo_audit.claims)
    assert records and compiled("claim") is not None
    assert all(schemas._valid("claim", r) for r in records)
    validate_records("claim", records)


@pytest.mark.parametrize("field, value, path", [
    ("start", "twelve", "start"),            # a wrong type
    ("certainty", "surely", "certainty"),    # a value outside an enum
])
def test_schemas_a_bad_claim_is_caught_with_its_json_path(demo_audit, field, value, path):
    records = to_records(demo_audit.claims.head(3))
    records[1] = {**records[1], field: value}
    with pytest.raises(SchemaError) as caught:
        validate_records("claim", records)
    assert f"record 1: {path}:" in str(caught.value) and "record 0" not in str(caught.value)


def test_schemas_a_bad_nested_value_names_its_whole_path(demo_audit):
    records = to_records(demo_audit.disagreements.head(1))
    assert records, "the demo corpus has aligned pairs"
    records[0] = {**records[0], "reasons": ["value", 7]}
    with pytest.raises(SchemaError, match=r"record 0: reasons/1: 7 is not one of"):
        validate_records("disagreement", records)


def test_schemas_schemas_the_compiler_cannot_read_fall_back_to_the_reference_validator():
    uses_newer = [name for name in SCHEMAS if compiled(name) is None]
    assert "annotation" in uses_newer  # prefixItems (JSON Schema 2020-12)
    with pytest.raises(SchemaError, match="record 0"):
        validate_records("annotation", [{"type": "Annotation"}])
