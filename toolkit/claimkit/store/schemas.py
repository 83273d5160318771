"""The JSON Schemas in the package: the contract between claimkit's rooms and the outside.

Each schema is checked and compiled once. Records are validated in bulk by ``fastjsonschema``'s
compiled validator (Python code generated from the schema, some twenty times faster than walking
the schema for every record); a record it refuses is then read by ``jsonschema``, the reference
implementation, which reports every error with its JSON path (and has the last word: a record it
accepts is accepted). Schemas using keywords the compiler does not know (``prefixItems``) are
validated by ``jsonschema`` alone.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Iterable

import fastjsonschema
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


_NEWER_KEYWORDS = ("prefixItems", "unevaluatedProperties", "unevaluatedItems", "dependentRequired",
                   "dependentSchemas", "$dynamicRef")


def _uses(node, words) -> bool:
    if isinstance(node, dict):
        return any(k in words for k in node) or any(_uses(v, words) for v in node.values())
    if isinstance(node, list):
        return any(_uses(v, words) for v in node)
    return False


@lru_cache(maxsize=None)
def compiled(name: str):
    """The compiled validator of schema ``name`` (raises on the first error), or None when the schema
    needs keywords of JSON Schema 2020-12 that the compiler does not support."""
    s = schema(name)
    validator(name)  # the schema itself is checked once, by the reference implementation
    if _uses(s, _NEWER_KEYWORDS):
        return None
    return fastjsonschema.compile({**s, "$schema": "http://json-schema.org/draft-07/schema#"},
                                  formats={"date-time": lambda _: True})  # formats are not asserted, as in jsonschema


def _valid(name: str, record) -> bool:
    """True when the compiled validator accepts ``record`` (False: ask the reference implementation)."""
    check = compiled(name)
    if check is None:
        return False
    try:
        check(record)
        return True
    except fastjsonschema.JsonSchemaException:
        return False


def schema_errors(name: str, record: dict) -> list[tuple[tuple, str]]:
    """Every way ``record`` breaks schema ``name``, as ``(JSON path, message)``, in path order."""
    if _valid(name, record):
        return []
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
        if not _valid(name, record):
            problems += [f"record {i}: {msg}" for msg in record_errors(name, record)]
    if problems:
        raise SchemaError(name, problems)
