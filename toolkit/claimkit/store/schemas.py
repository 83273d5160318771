"""The JSON Schemas in the package: the contract between claimkit's rooms and the outside.

Each validator is checked and built once, then validates many records,
reporting every error with its JSON path.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Iterable

from jsonschema import Draft202012Validator

from ..errors import SchemaError

SCHEMAS = ("claim", "source", "citation", "disagreement", "catalog-entry", "reference", "verdict", "name-check",
           "lexicon", "annotation", "group")


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """The parsed JSON Schema ``name`` (one of :data:`SCHEMAS`)."""
    if name not in SCHEMAS:
        raise ValueError(f"unknown schema {name!r}; claimkit ships {', '.join(SCHEMAS)}")
    with resources.files("claimkit").joinpath("schemas").joinpath(f"{name}.schema.json").open(encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    """A validator for schema ``name``, built once."""
    s = schema(name)
    Draft202012Validator.check_schema(s)
    return Draft202012Validator(s)


def schema_errors(name: str, record: dict) -> list[tuple[tuple, str]]:
    """Every way ``record`` breaks schema ``name``, as ``(JSON path, message)``, in path order."""
    return [
        (tuple(e.absolute_path), e.message)
        for e in sorted(validator(name).iter_errors(record), key=lambda e: list(map(str, e.absolute_path)))
    ]


def record_errors(name: str, record: dict) -> list[str]:
    """Every way ``record`` breaks schema ``name``, as ``path: message`` strings."""
    return [f"{'/'.join(map(str, path)) or '(record)'}: {message}" for path, message in schema_errors(name, record)]


def validate_records(name: str, records: Iterable[dict]) -> None:
    """Raise :class:`SchemaError` listing the errors of every record that breaks ``name``."""
    problems = []
    for i, record in enumerate(records):
        problems += [f"record {i}: {msg}" for msg in record_errors(name, record)]
    if problems:
        raise SchemaError(name, problems)
