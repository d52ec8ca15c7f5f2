"""What changed between two exports of the same corpus: figures added, removed
and changed, field by field.

Figures are matched by their stable id (``<doc>@<start>-<end>``), then, among
the rest, by overlapping spans in the same document (largest overlap first), so
a figure whose span grew from ``100 drones`` to ``more than 100 drones`` shows
as changed rather than as one removed and one added.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .models import COLUMNS, decimal_text

if TYPE_CHECKING:  # pandas is imported where it is used: extracting never loads it (0.2 s)
    import pandas as pd

Record = dict[str, Any]


@dataclass(frozen=True)
class Change:
    """One matched figure whose fields differ: ``fields`` maps a column to (old, new)."""

    old: Record
    new: Record
    fields: dict[str, tuple[Any, Any]]


@dataclass
class Diff:
    """The result of :func:`diff`."""

    added: list[Record] = field(default_factory=list)
    removed: list[Record] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0

    @property
    def any(self) -> bool:
        """Whether anything was added, removed or changed."""
        return bool(self.added or self.removed or self.changed)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data: records with exact decimals and ISO dates as text."""
        return {
            "added": self.added, "removed": self.removed,
            "changed": [{"old_id": c.old["id"], "new_id": c.new["id"], "surface": c.new["surface"],
                         "fields": {k: list(v) for k, v in c.fields.items()}} for c in self.changed],
            "unchanged": self.unchanged,
            "counts": {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed),
                       "unchanged": self.unchanged},
        }

    def report(self) -> str:
        """Readable text: one block per difference, then a count line."""
        lines = []
        for change in self.changed:
            lines.append(f"~ {change.new['id']} {change.new['surface']!r}")
            lines += [f"    {name}: {old!r} -> {new!r}" for name, (old, new) in change.fields.items()]
        for record in self.added:
            lines.append(f"+ {record['id']} {record['surface']!r} {_gist(record)}")
        for record in self.removed:
            lines.append(f"- {record['id']} {record['surface']!r} {_gist(record)}")
        lines.append(f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed, "
                     f"{self.unchanged} unchanged")
        return "\n".join(lines) + "\n"


def _gist(record: Record) -> str:
    number = record["value"] if record["value"] is not None else f"{record['low']}-{record['high']}"
    return f"({number} {record['qualifier']}, {record['entity'] or record['unit'] or '-'}, {record['category']})"


def records(frame: pd.DataFrame) -> list[Record]:
    """A typed frame's rows as plain dicts: exact decimals and dates as text, nulls as None."""
    out = []
    for row in frame.to_dict("records"):
        out.append({column: _plain(row.get(column)) for column in COLUMNS})
    return out


def _plain(value: object) -> Any:
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()  # type: ignore[attr-defined]
    return value


def diff(old: pd.DataFrame, new: pd.DataFrame) -> Diff:
    """Figures added, removed and changed from ``old`` to ``new`` (typed frames of two exports)."""
    old_records, new_records = records(old), records(new)
    result = Diff()
    new_by_id = {r["id"]: r for r in new_records}
    pairs: list[tuple[Record, Record]] = []
    left = []
    for record in old_records:
        match = new_by_id.pop(record["id"], None)
        if match is None:
            left.append(record)
        else:
            pairs.append((record, match))
    rest = list(new_by_id.values())
    rest_by_doc: dict[str, list[int]] = {}
    for j, n in enumerate(rest):
        rest_by_doc.setdefault(n["doc"], []).append(j)
    candidates = sorted(
        ((min(o["end"], rest[j]["end"]) - max(o["start"], rest[j]["start"]), i, j)
         for i, o in enumerate(left) for j in rest_by_doc.get(o["doc"], ())
         if min(o["end"], rest[j]["end"]) > max(o["start"], rest[j]["start"])),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _, i, j in candidates:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((left[i], rest[j]))
    result.removed = [r for i, r in enumerate(left) if i not in used_old]
    result.added = [r for j, r in enumerate(rest) if j not in used_new]
    for before, after in sorted(pairs, key=lambda p: (p[1]["doc"], p[1]["start"], p[1]["end"])):
        fields = {c: (before[c], after[c]) for c in COLUMNS if c != "id" and before[c] != after[c]}
        if fields:
            result.changed.append(Change(before, after, fields))
        else:
            result.unchanged += 1
    return result
