"""A figure measured from the system's own data, which an index criterion can be scored from.

The PAR index (motcua/par) fills its *auto* criteria from measures. A measure lives beside the
data it reads (reports/measures.py, reform/measures.py, …) and is a plain function

    def on_time_rate(unit: OrgUnit, start: date, end: date) -> Measure

over one unit and an inclusive date range (usually a calendar year). The PAR registry names each
by a stable key ("dossiers.on_time_rate") and imports it lazily by its dotted path.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Measure:
    """value is a rate in [0, 1] (with numerator and denominator) or a count; None means there
    was nothing to measure (e.g. no dossier received), which makes a criterion not applicable."""

    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None
    definition: str = ""  # how the figure was computed, in Vietnamese, shown to the appraiser
    evidence_url: str = ""  # the list of records behind the figure

    @classmethod
    def rate(
        cls, numerator: int, denominator: int, definition: str = "", evidence_url: str = ""
    ) -> Measure:
        value = Decimal(numerator) / Decimal(denominator) if denominator else None
        return cls(value, numerator, denominator, definition, evidence_url)

    @classmethod
    def count(cls, n: int, definition: str = "", evidence_url: str = "") -> Measure:
        return cls(Decimal(n), n, None, definition, evidence_url)
