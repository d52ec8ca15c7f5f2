"""Score extracted figures against hand-checked gold: detection and per-field accuracy.

Gold is written as ``../shared/gold/GUIDELINE.md`` says: JSON Lines (or CSV),
one figure per line with ``doc``, ``surface``, ``start``, ``end``, ``value``,
``low``, ``high``, ``qualifier``, ``unit``, ``entity``, ``category``,
``time_start``, ``time_end`` and ``speaker``. Predictions are any export.

Matching: a predicted figure finds a gold figure in the same document whose
span it overlaps and whose numbers agree (the value; for a range or a figure
without a value, both bounds). Gold figures are taken in file order, each
pairing with the unused prediction that overlaps it most. Detection is
precision / recall / F1 over those pairs; each other field is accuracy over
the pairs, with lenient comparisons a reviewer would accept:

* qualifier: missing means ``exact``;
* unit: case, plurals and common spellings (``%``, ``$``, ``days``) folded;
* entity: singular lower-case words equal, or the same head word
  (``drone boat`` ~ ``boat``; ``head of state`` ~ ``head``);
* time: both window ends equal, a date-only end matching any time that day;
* speaker: the names share a word that is not a generic one (``the``,
  ``president``, ``Russia`` ...).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .export import files

if TYPE_CHECKING:  # pandas is imported where it is used: extracting never loads it (0.2 s)
    import pandas as pd

FIELDS = ("qualifier", "unit", "entity", "category", "time", "speaker")
Record = dict[str, Any]

_UNIT_SPELLINGS = {
    "%": "percent", "pct": "percent", "per cent": "percent", "percentage": "percent",
    "$": "usd", "us$": "usd", "dollar": "usd", "us_dollar": "usd",
    "€": "eur", "euro": "eur", "£": "gbp", "pound_sterling": "gbp",
    "rouble": "rub", "ruble": "rub",
    "d": "day", "days": "day", "h": "hour", "hr": "hour", "hours": "hour",
    "yr": "year", "a": "year", "years": "year", "min": "minute", "minutes": "minute",
    "wk": "week", "weeks": "week", "months": "month", "kilometer": "km", "kilometre": "km",
    "metric_ton": "tonne", "t": "tonne",
}
_CANONICAL_UNITS = frozenset(_UNIT_SPELLINGS.values()) | {"usd", "eur", "gbp", "rub"}
_GENERIC_NAME_WORDS = frozenset({"the", "of", "s", "russian", "ukrainian", "ukraine", "russia", "president",
                                 "minister"})


# ---------------------------------------------------------------- loading


def load(path: str | Path) -> list[Record]:
    """Records of a gold file or an export (.jsonl, .csv or .parquet) as plain dicts."""
    if files.format_of(path) == "parquet":
        df = files.read(path)
        return [{k: (None if _blank(v) else v) for k, v in row.items()} for row in df.to_dict("records")]
    return files.records(path)


def _blank(value: object) -> bool:
    """None, or a missing value of pandas or a float NaN."""
    import pandas as pd

    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


# ---------------------------------------------------------------- normalising


def _text(value: object) -> str | None:
    if _blank(value):
        return None
    text = str(value).strip()
    return None if text == "" or text.lower() in ("nan", "none", "null") else text


def _number(value: object) -> Decimal | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def doc_of(record: Record) -> str:
    """The document a record belongs to: its ``doc`` without a folder or ``.txt``."""
    doc = _text(record.get("doc")) or _text(record.get("doc_id")) or ""
    return doc[:-4] if doc.endswith(".txt") else doc.rsplit("/", 1)[-1]


def _same(a: object, b: object) -> bool:
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return x is None and y is None
    return abs(x - y) <= max(Decimal("1e-9"), Decimal("1e-9") * max(abs(x), abs(y)))


def numbers_agree(gold: Record, pred: Record) -> bool:
    """The value agrees, or for a figure without a value, both bounds agree."""
    if _number(gold.get("value")) is not None:
        return _same(gold["value"], pred.get("value"))
    return _same(gold.get("low"), pred.get("low")) and _same(gold.get("high"), pred.get("high"))


def _unit(value: object) -> str | None:
    text = _text(value)
    if text is None:
        return None
    unit = text.lower().replace(" ", "_")
    unit = _UNIT_SPELLINGS.get(unit, unit)
    if unit.endswith("s") and len(unit) > 3 and unit[:-1] in _CANONICAL_UNITS:
        return unit[:-1]
    return unit


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _entity(value: object) -> str | None:
    text = _text(value)
    if text is None:
        return None
    return " ".join(_singular(w) for w in re.findall(r"[a-z0-9]+", text.lower())) or None


def _head(entity: str) -> str | None:
    words = entity.split()
    if "of" in words:
        words = words[:words.index("of")]
    return words[-1] if words else None


def _time(value: object) -> str | None:
    text = _text(value)
    if text is None:
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat()
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return text


def _time_close(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    return a == b or (a[:10] == b[:10] and (len(a) == 10 or len(b) == 10))


def field_agrees(name: str, gold: Record, pred: Record) -> bool:
    """Whether ``pred`` has ``gold``'s field ``name`` (one of :data:`FIELDS`), leniently."""
    if name == "qualifier":
        return (_text(gold.get("qualifier")) or "exact") == (_text(pred.get("qualifier")) or "exact")
    if name == "unit":
        return _unit(gold.get("unit")) == _unit(pred.get("unit"))
    if name == "entity":
        g, p = _entity(gold.get("entity")), _entity(pred.get("entity"))
        return g == p or (g is not None and p is not None and _head(g) == _head(p))
    if name == "category":
        return _text(gold.get("category")) == _text(pred.get("category"))
    if name == "time":
        g_start, g_end = _time(gold.get("time_start")), _time(gold.get("time_end"))
        p_start, p_end = _time(pred.get("time_start")), _time(pred.get("time_end"))
        if g_start is None and g_end is None:
            return p_start is None and p_end is None
        return _time_close(g_start, p_start) and _time_close(g_end, p_end)
    if name == "speaker":
        g, p = _text(gold.get("speaker")), _text(pred.get("speaker"))
        if g is None or p is None:
            return g is None and p is None
        g_words, p_words = set(re.findall(r"\w+", g.lower())), set(re.findall(r"\w+", p.lower()))
        return bool((g_words - _GENERIC_NAME_WORDS or g_words) & (p_words - _GENERIC_NAME_WORDS or p_words))
    raise KeyError(name)


# ---------------------------------------------------------------- scoring


@dataclass
class Score:
    """The result of :func:`score`: counts, rates and the records behind them."""

    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    f1: float
    fields: dict[str, float]
    all_fields_right: float
    pairs: list[tuple[Record, Record]] = field(repr=False)
    missed: list[Record] = field(repr=False)
    spurious: list[Record] = field(repr=False)

    def summary(self) -> dict[str, Any]:
        """The numbers alone, as JSON-ready data."""
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                "precision": self.precision, "recall": self.recall, "f1": self.f1,
                "fields": dict(self.fields), "all_fields_right": self.all_fields_right}

    def errors(self, name: str) -> list[tuple[Record, Record]]:
        """The matched pairs whose field ``name`` disagrees."""
        return [(g, p) for g, p in self.pairs if not field_agrees(name, g, p)]


def match(gold: Sequence[Record], pred: Sequence[Record]) -> tuple[list[tuple[Record, Record]], list[Record],
                                                                   list[Record]]:
    """Pair gold and predicted figures one to one; returns (pairs, missed gold, spurious predictions)."""
    by_doc: dict[str, list[Record]] = defaultdict(list)
    for record in pred:
        by_doc[doc_of(record)].append(record)
    used: set[tuple[str, int]] = set()
    pairs, missed = [], []
    for g in gold:
        doc = doc_of(g)
        best: tuple[tuple[str, int], Record] | None = None
        best_overlap = Decimal(0)
        for index, p in enumerate(by_doc[doc]):
            start, end = _number(p.get("start")), _number(p.get("end"))
            if (doc, index) in used or start is None or end is None:
                continue
            overlap = min(end, Decimal(g["end"])) - max(start, Decimal(g["start"]))
            if overlap > best_overlap and numbers_agree(g, p):
                best, best_overlap = ((doc, index), p), overlap
        if best is None:
            missed.append(g)
        else:
            used.add(best[0])
            pairs.append((g, best[1]))
    spurious = [p for doc, records in by_doc.items() for i, p in enumerate(records) if (doc, i) not in used]
    return pairs, missed, spurious


def score(gold: Sequence[Record], pred: Sequence[Record], docs: set[str] | None = None) -> Score:
    """Score predictions against gold, over ``docs`` (default: the documents the gold covers)."""
    docs = docs if docs is not None else {doc_of(g) for g in gold}
    gold = [g for g in gold if doc_of(g) in docs]
    pred = [p for p in pred if doc_of(p) in docs]
    pairs, missed, spurious = match(gold, pred)
    tp = len(pairs)
    precision = tp / (tp + len(spurious)) if tp + len(spurious) else 0.0
    recall = tp / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fields = {name: round(sum(field_agrees(name, g, p) for g, p in pairs) / tp, 4) if tp else 0.0
              for name in FIELDS}
    right = sum(all(field_agrees(name, g, p) for name in FIELDS) for g, p in pairs)
    return Score(len(gold), len(pred), tp, round(precision, 4), round(recall, 4), round(f1, 4), fields,
                 round(right / len(gold), 4) if gold else 0.0, pairs, missed, spurious)


def report(result: Score, show: int = 0) -> str:
    """The score as text; with ``show``, up to that many misses, spurious figures and field errors each."""
    def brief(r: Record) -> str:
        return f"{doc_of(r)}@{r.get('start')}:{r.get('end')} {_text(r.get('surface'))!r} value={_text(r.get('value'))}"

    lines = []
    if show:
        lines.append("missed:")
        lines += [f"   {brief(g)}" for g in result.missed[:show]]
        lines.append("spurious:")
        lines += [f"   {brief(p)}" for p in result.spurious[:show]]
        for name in FIELDS:
            wrong = result.errors(name)
            if wrong:
                keys = ["time_start", "time_end"] if name == "time" else [name]
                lines.append(f"{name} wrong ({len(wrong)}):")
                lines += [f"   {brief(g)} | gold {[_text(g.get(k)) for k in keys]} | got {[_text(p.get(k)) for k in keys]}"
                          for g, p in wrong[:show]]
    lines.append(f"gold {result.gold}  predicted {result.predicted}  matched {result.matched}")
    lines.append(f"detection  P {result.precision:.3f}  R {result.recall:.3f}  F1 {result.f1:.3f}")
    lines.append("fields     " + "  ".join(f"{name} {value:.3f}" for name, value in result.fields.items()))
    lines.append(f"all fields right: {result.all_fields_right:.3f} of gold")
    return "\n".join(lines) + "\n"
