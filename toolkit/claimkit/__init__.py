"""claimkit: source criticism for history essays.

Read essays and sources, pull out every figure and date with its frame (what
is counted, what happened, when, how sure, on whose word), flag where
sources disagree and check the figures against reference tables of cited
scholarship.

Example:
    >>> import claimkit
    >>> result = claimkit.audit(["sources/"], out_dir="claims")  # doctest: +SKIP
    >>> result.disagreements[result.disagreements.flagged]  # doctest: +SKIP
    >>> result.groups.head()  # aligned claims, one row per group  # doctest: +SKIP
"""

import importlib
import sys
import types

__version__ = "0.1.0"

# Every public name, from the module that defines it; imported on first use (PEP 562), so that
# `claimkit --help` and `import claimkit.errors` do not load spaCy, pandas, DuckDB and jsonschema.
_WHERE = {
    "plot": ("plot", None),
    "AuditResult": ("audit", "AuditResult"), "audit": ("audit", "audit"),
    **{name: ("compare", name) for name in ("compare", "compare_added", "compare_groups", "pairs_of")},
    **{name: ("errors", name) for name in ("CatalogError", "ClaimkitError", "ExtractionError", "InputFormatError",
                                           "LexiconError", "SchemaError", "SourceError", "StoreError", "UsageError")},
    **{name: ("extract", name) for name in ("Extraction", "extract", "extract_all", "extract_sources")},
    **{name: ("grammar", name) for name in ("DateExpr", "Quantity", "find_dates", "find_quantities")},
    "add_components": ("nlp", "add_components"), "load_pipeline": ("nlp", "load_pipeline"),
    "Lexicon": ("nlp.lexicon", "Lexicon"), "read_lexicon": ("nlp.lexicon", "read_lexicon"),
    "using_lexicons": ("nlp.lexicon", "using"),
    **{name: ("read", name) for name in ("ReadResult", "Source", "read_source", "read_sources")},
    "render_report": ("report", "render_report"), "write_report": ("report", "write_report"),
    **{name: ("store", name) for name in ("CLAIM_COLUMNS", "DISAGREEMENT_COLUMNS", "GROUP_COLUMNS", "NAME_COLUMNS",
                                          "VERDICT_COLUMNS", "read_table", "schema", "validate_records",
                                          "write_table")},
    "load_table": ("store.database", "load"),
    **{name: ("verify", name) for name in ("ReferenceTable", "check_names", "load_persons", "load_reference",
                                           "verify")},
}

__all__ = sorted(_WHERE, key=str.lower)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'claimkit' has no attribute {name!r}")
    module, attribute = _WHERE[name]
    found = importlib.import_module(f"{__name__}.{module}")
    value = found if attribute is None else getattr(found, attribute)
    object.__setattr__(sys.modules[__name__], name, value)  # found once; later lookups are plain attributes
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


class _Package(types.ModuleType):
    """Keeps ``claimkit.audit`` (and compare, extract, verify) the function when the submodule of the same
    name is imported later: Python's import system would otherwise set the module object over it."""

    def __setattr__(self, name, value):
        if isinstance(value, types.ModuleType) and _WHERE.get(name, ("", None))[1] is not None:
            return  # the submodule stays in sys.modules; the public name stays the function
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
