"""Load the package's data files (word lists, rules, lexicons) once per process."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """Return the parsed JSON data file ``claimkit/data/<name>.json``."""
    with resources.files("claimkit").joinpath("data").joinpath(f"{name}.json").open(encoding="utf-8") as f:
        return json.load(f)
