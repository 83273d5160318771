"""Counts shared by the benchmark scripts: true and false positives, misses, and their F1."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Score:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall and F1 (0 where undefined)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)
