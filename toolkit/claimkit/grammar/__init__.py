"""Grammars: plain text in, quantities and date intervals out; pure functions, no spaCy.

``find_quantities`` reads values, bounds, units and shares; ``find_dates`` reads
dates and periods as inclusive intervals with a precision. The modules below
them are their parts: a lexer, numerals, written and numeric dates, deixis and
calendar arithmetic. This wing imports no other.
"""

from .dates import DateExpr, counted_year, find_dates
from .quantities import DEFAULT_TOLERANCE, Quantity, find_quantities

__all__ = ["DEFAULT_TOLERANCE", "DateExpr", "Quantity", "counted_year", "find_dates", "find_quantities"]
