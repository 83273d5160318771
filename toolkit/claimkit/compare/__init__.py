"""Comparison: the claims table in, the disagreements table out.

Claims are blocked by what they measure, aligned when they speak of the same
thing (within a source and across sources) and each aligned pair is judged:
agree, conflict or scope differs, with the reasons and an explanation.
"""

from .features import claim_features, related, siblings, subject_terms, unit_class
from .pairs import align, compare, judge

__all__ = ["align", "claim_features", "compare", "judge", "related", "siblings", "subject_terms", "unit_class"]
