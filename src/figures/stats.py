"""Facets of a dataset: how many figures per category, speaker, unit or
document, and for each unit the sum, min and max — the way a reporter sizes
up a dataset before writing.

Works on the typed frame of :func:`figures.frame` or :func:`figures.read`.
Sums add exact values (a range has none and is not summed); min and max take
a range's bounds into account. Figures without a unit (plain counts of
drones, people, ...) are listed as unit ``(none)``: their sum adds unlike
things and is a size, not a total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .errors import SettingError
from .models import decimal_text

if TYPE_CHECKING:  # pandas is imported where it is used: extracting never loads it (0.2 s)
    import pandas as pd

FACETS = ("category", "speaker", "unit", "doc", "qualifier", "entity")
NONE = "(none)"


@dataclass(frozen=True)
class Stats:
    """Counts by one facet and totals by unit."""

    figures: int
    documents: int
    by: str
    counts: pd.DataFrame  #: columns: <by>, figures — most frequent first
    units: pd.DataFrame  #: columns: unit, figures, ranges, sum, min, max (exact decimals)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; decimals as exact strings."""
        def plain(v: object) -> object:
            return decimal_text(v) if isinstance(v, Decimal) else v

        return {
            "figures": self.figures, "documents": self.documents, "by": self.by,
            "counts": [{k: plain(v) for k, v in row.items()} for row in self.counts.to_dict("records")],
            "units": [{k: plain(v) for k, v in row.items()} for row in self.units.to_dict("records")],
        }


def stats(frame: pd.DataFrame, by: str = "category") -> Stats:
    """Counts of ``frame``'s figures by ``by`` (one of :data:`FACETS`) and totals by unit."""
    import pandas as pd

    if by not in FACETS:
        raise SettingError("by", f"{by!r} is not a facet; use one of {', '.join(FACETS)}")
    keys = frame[by].astype("string").fillna(NONE) if len(frame) else pd.Series([], dtype="string")
    counts = keys.value_counts(sort=False).rename_axis(by).reset_index(name="figures")
    counts = counts.sort_values(["figures", by], ascending=[False, True], kind="stable").reset_index(drop=True)
    counts["figures"] = counts["figures"].astype(int)
    rows = []
    units = frame["unit"].astype("string").fillna(NONE) if len(frame) else pd.Series([], dtype="string")
    for unit in sorted(set(units)):
        part = frame[units == unit]
        values = [v for v in part["value"] if v is not None]
        lows = values + [v for v in part["low"] if v is not None]
        highs = values + [v for v in part["high"] if v is not None]
        rows.append({
            "unit": unit, "figures": len(part), "ranges": int((part["qualifier"] == "range").sum()),
            "sum": sum(values, Decimal(0)) if values else None,
            "min": min(lows) if lows else None, "max": max(highs) if highs else None,
        })
    totals = pd.DataFrame(rows, columns=["unit", "figures", "ranges", "sum", "min", "max"])
    return Stats(len(frame), int(frame["doc"].nunique()) if len(frame) else 0, by, counts, totals)
