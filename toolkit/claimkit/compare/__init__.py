"""Comparison: the claims table in, the groups and disagreements tables out.

Claims are blocked by what they measure, aligned when they speak of the same
thing (within a source and across sources) and each aligned pair is judged:
agree, conflict or scope differs, with the reasons and an explanation. Alike
claims are judged once, and aligned claims form groups, so the work and the
output grow with the claims.
"""

from .features import claim_features, related, siblings, subject_terms, unit_class
from .groups import signature
from .pairs import align, compare, compare_added, compare_groups, judge, pairs_of

__all__ = ["align", "claim_features", "compare", "compare_added", "compare_groups", "judge", "pairs_of", "related", "siblings",
           "signature", "subject_terms", "unit_class"]
