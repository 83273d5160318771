"""claimkit's exceptions: each names the input, the problem and the fix."""

from __future__ import annotations


class ClaimkitError(Exception):
    """Base class: catch this to handle any claimkit failure."""


class SourceError(ClaimkitError):
    """A source file cannot be read; the message names the file and what to do."""

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ExtractionError(SourceError):
    """A source was read but failed in extraction; it is left out and the run goes on with the others."""

    def __init__(self, path, problem: str, phrase: str | None = None):
        self.phrase = phrase
        self._given = (str(path), problem, phrase)
        where = f" (near {phrase!r})" if phrase else ""
        super().__init__(path, f"{problem}{where}; the file was left out, the others were audited")

    def __reduce__(self):
        """Rebuilt from what it was given, so it crosses to and from worker processes intact."""
        return (type(self), self._given)


class UsageError(ClaimkitError):
    """A command was given something it cannot use (a missing input, an unknown encoding, an output
    folder that is a file). Raised before any work is done; the command line exits with code 2."""


class CatalogError(ClaimkitError):
    """A CSL-JSON catalog, or one of its entries, is not valid."""

    def __init__(self, path, problem: str, entry: str | None = None):
        self.path = str(path)
        self.entry = entry
        self.problem = problem
        where = f"{self.path}: entry {entry!r}" if entry is not None else self.path
        super().__init__(f"{where}: {problem}")


class SchemaError(ClaimkitError):
    """A record does not match its JSON Schema (a contract between rooms was broken)."""

    def __init__(self, schema: str, errors: list[str]):
        self.schema = schema
        self.errors = errors
        shown = "; ".join(errors[:5]) + (f" (+{len(errors) - 5} more)" if len(errors) > 5 else "")
        super().__init__(f"records do not match the {schema} schema: {shown}")


class StoreError(ClaimkitError):
    """The claims database cannot be opened or written; nothing was changed."""


class InputFormatError(ClaimkitError):
    """A claims or reference file given to a command is not in a format claimkit reads."""

    def __init__(self, path, problem: str):
        self.path = str(path)
        super().__init__(f"{self.path}: {problem}")


class LexiconError(ClaimkitError):
    """A user lexicon file cannot be read or breaks its schema; the message names the file and the entry."""
