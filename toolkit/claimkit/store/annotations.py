"""Claims as W3C Web Annotations (JSON-LD), the format Hypothesis and Recogito read.

One annotation per claim: its target is the source file (a ``file:`` URI)
with a ``TextQuoteSelector`` (the exact words, 32 characters either side) and
a ``TextPositionSelector`` (character offsets into the file's decoded text, the
claim's own ``start``/``end``), so ``original[start:end] == exact``. Its
bodies are the claim's frame: a sentence in plain words (``describing``), the
frame's fields as JSON (``describing``, ``application/json``) and a tag for
what the comparison found (``tagging``). Records are checked against
``schemas/annotation.schema.json``; :func:`expand` expands them with pyld
against the W3C context shipped in the package (``schemas/anno.jsonld``),
never fetched.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable

from ..errors import ClaimkitError
from .exports import atomic_path
from .schemas import validate_records

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_ALIASES = (CONTEXT, "https://www.w3.org/ns/anno.jsonld")
AROUND = 32  # characters of prefix and suffix, enough to find the quote again in an edited text
FRAME_KEYS = ("kind", "text", "value", "low", "high", "qualifier", "unit", "share", "date_start", "date_end",
              "subject", "predicate", "predicate_class", "period_start", "period_end", "place", "hedge", "certainty",
              "attribution", "footnote", "sourced", "participants")
TAGS = {"conflict": "contradiction", "scope_differs": "different scope", "agree": "agreement"}


def _describe(c: dict) -> str:
    parts = [f"\u201c{c['text']}\u201d", c.get("subject"), c.get("predicate_class"),
             c.get("period_start") and f"{c.get('period_start')} to {c.get('period_end')}"]
    return " ".join(str(p) for p in parts if p)


def annotation(c: dict, original: str, target: str, *, status: str | None = None, created: str | None = None,
               describe: Callable[[dict], str] | None = None, generator: dict | None = None) -> dict:
    """The Web Annotation of claim record ``c`` on ``original`` (the text of the file at URI ``target``)."""
    start, end = int(c["start"]), int(c["end"])
    if original[start:end] != c["text"]:
        raise ClaimkitError(f"{target}: claim {c['claim_id']} ({c['text']!r}) no longer stands at characters "
                            f"{start}-{end}; audit the file again before exporting")
    frame = {k: c.get(k) for k in FRAME_KEYS if c.get(k) not in (None, [], "")}
    body = [
        {"type": "TextualBody", "purpose": "describing", "format": "text/plain", "language": "en",
         "value": (describe or _describe)(c)},
        {"type": "TextualBody", "purpose": "describing", "format": "application/json",
         "value": json.dumps(frame, ensure_ascii=False)},
        {"type": "TextualBody", "purpose": "tagging", "value": {"quantity": "figure", "date": "date",
                                                                 "event": "dated event"}.get(c["kind"], c["kind"])},
    ]
    if status in TAGS:
        body.append({"type": "TextualBody", "purpose": "tagging", "value": TAGS[status]})
    record = {
        "@context": CONTEXT,
        "id": f"urn:claimkit:claim:{c['claim_id']}",
        "type": "Annotation",
        "motivation": "describing",
        "body": body,
        "target": {
            "source": target,
            "selector": [
                {"type": "TextQuoteSelector", "exact": c["text"],
                 "prefix": original[max(0, start - AROUND):start], "suffix": original[end:end + AROUND]},
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
    }
    if created:
        record["created"] = created
    if generator:
        record["generator"] = generator
    return record


def annotations(claims: list[dict], originals: dict[str, tuple[str, str]], status: dict[str, str] | None = None,
                created: dict[str, str] | None = None, describe: Callable[[dict], str] | None = None,
                generator: dict | None = None) -> list[dict]:
    """Annotations of claim records; ``originals`` maps a source id to (file URI, decoded text). Claims of
    sources not in ``originals`` are left out."""
    status, created = status or {}, created or {}
    out = []
    for c in claims:
        if c["source_id"] not in originals:
            continue
        target, text = originals[c["source_id"]]
        out.append(annotation(c, text, target, status=status.get(c["claim_id"]), created=created.get(c["source_id"]),
                              describe=describe, generator=generator))
    return out


def write_annotations(records: list[dict], path: str | Path) -> Path:
    """Validate ``records`` against the annotation schema and write them as one JSON-LD array (atomically)."""
    validate_records("annotation", records)
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@lru_cache(maxsize=1)
def context_document() -> dict:
    """The W3C Web Annotation JSON-LD context, from the copy in the package (see ``anno.jsonld.NOTICE.md``)."""
    with resources.files("claimkit").joinpath("schemas").joinpath("anno.jsonld").open(encoding="utf-8") as f:
        return json.load(f)


def _refusal(url: str) -> str:
    return f"{url}: claimkit loads no JSON-LD context but the W3C annotation context it ships"


def expand(records: list[dict]) -> list:
    """``records`` expanded as JSON-LD (pyld) against the shipped W3C context; nothing is fetched.

    Raises:
        ClaimkitError: pyld is not installed (``pip install 'claimkit[test]'``), or a record is not valid JSON-LD.
    """
    try:
        from pyld import jsonld
    except ImportError:
        raise ClaimkitError("expanding annotations needs pyld: pip install pyld (or 'claimkit[test]')") from None
    refused: list[str] = []

    def loader(url: str, options=None) -> dict:
        if url.rstrip("#") in CONTEXT_ALIASES:
            return {"contextUrl": None, "documentUrl": url, "document": context_document()}
        refused.append(url)
        raise ClaimkitError(_refusal(url))

    try:
        return jsonld.expand(records, {"documentLoader": loader})
    except jsonld.JsonLdError as err:
        if refused:
            raise ClaimkitError(_refusal(refused[0])) from None
        raise ClaimkitError(f"annotations are not valid JSON-LD: {err}") from None
