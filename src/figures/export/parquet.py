"""Parquet for data teams: typed columns, written in row groups as documents stream in.

Types: offsets ``int64``; values and bounds ``decimal128(38, 12)`` (exact; a
value with more than 12 decimal places is an :class:`ExportError`, no news
figure has one); the publication date ``date32``; qualifier and category
dictionary-encoded strings; the rest ``string``. Window ends stay ISO text,
since they may carry a time of day and a UTC offset.

:func:`read_parquet` gives the same typed frame as reading the CSV or JSON
Lines export of the same figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ExportError
from ..models import COLUMNS, Document, Figure
from .table import DATE_COLUMNS, DECIMAL_COLUMNS, INTEGER_COLUMNS, typed

SCALE = 12
ROW_GROUP = 50_000


def _pyarrow(path: str | Path) -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401  (loads the submodule)
    except ImportError:
        raise ExportError(f"{path}: Parquet needs pyarrow: pip install 'figures[parquet]'") from None
    return pyarrow


def schema(pa: Any) -> Any:
    """The Arrow schema of an export, in column order."""
    def field(column: str) -> Any:
        if column in INTEGER_COLUMNS:
            return pa.field(column, pa.int64())
        if column in DECIMAL_COLUMNS:
            return pa.field(column, pa.decimal128(38, SCALE))
        if column in DATE_COLUMNS:
            return pa.field(column, pa.date32())
        if column in ("qualifier", "category"):
            return pa.field(column, pa.dictionary(pa.int8(), pa.string()), nullable=False)
        nullable = column not in ("id", "doc", "surface", "sentence")
        return pa.field(column, pa.string(), nullable=nullable)

    return pa.schema([field(c) for c in COLUMNS])


class ParquetWriter:
    """Streams figures into a Parquet file at ``temp`` (``path`` names it in errors)."""

    def __init__(self, temp: Path, path: str | Path) -> None:
        self._pa = _pyarrow(path)
        self._path = path
        self._schema = schema(self._pa)
        self._writer = self._pa.parquet.ParquetWriter(str(temp), self._schema, compression="zstd")
        self._rows: list[dict[str, Any]] = []

    def add(self, document: Document | None, figures: Iterable[Figure]) -> None:
        for figure in figures:
            row = figure.model_dump()
            for column in DECIMAL_COLUMNS:
                if row[column] is not None:
                    row[column] = self._exact(row[column], figure.id)
            self._rows.append(row)
        if len(self._rows) >= ROW_GROUP:
            self._flush()

    def _exact(self, value: Decimal, figure_id: str) -> Decimal:
        try:
            exact = value.quantize(Decimal(1).scaleb(-SCALE))
        except InvalidOperation:
            exact = None
        if exact is None or exact != value:
            raise ExportError(f"{self._path}: {figure_id}: value {value} does not fit decimal(38, {SCALE})")
        return exact

    def _flush(self) -> None:
        if self._rows:
            table = self._pa.Table.from_pylist(self._rows, schema=self._schema)
            self._writer.write_table(table)
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


def read_parquet(path: str | Path) -> pd.DataFrame:
    """A Parquet export as the project's typed frame."""
    pa = _pyarrow(path)
    try:
        table = pa.parquet.read_table(str(path))
    except (OSError, pa.ArrowException) as exc:
        raise ExportError(f"{path}: is not a readable Parquet export: {exc}") from None
    return typed(table.to_pandas(types_mapper=None, date_as_object=True))
