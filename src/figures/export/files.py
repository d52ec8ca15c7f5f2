"""CSV and JSON Lines exports, written atomically and read back exactly.

CSV is made for spreadsheets: UTF-8 with a BOM, CRLF line ends, the fixed
column order of :data:`figures.models.COLUMNS`, and no text cell that a
spreadsheet would run as a formula. A text cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is written with a leading ``'``; a
cell that itself starts with ``'`` gets one more, so :func:`read` can undo the
escaping exactly. Empty cells are nulls.

JSON Lines holds one figure per line; values and bounds are strings of exact
decimals (``"1100000000"``) so that no reader turns them into floats.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pandas as pd

from ..errors import ExportError
from ..models import COLUMNS, Figure
from .table import TEXT_COLUMNS, typed

FORMATS = {".csv": "csv", ".jsonl": "jsonl"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_ESCAPED = frozenset(TEXT_COLUMNS)


def format_of(path: str | Path) -> str:
    """``csv`` or ``jsonl`` from a file name; an :class:`ExportError` for anything else."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"{path}: unknown output format {suffix or '(none)'!r}; use .csv or .jsonl")
    return FORMATS[suffix]


def escape_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: ``=1+1`` -> ``'=1+1``."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell`."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text


def csv_row(figure: Figure) -> list[str]:
    """One figure as CSV cells in column order."""
    data = figure.model_dump(mode="json")
    cells = []
    for column in COLUMNS:
        value = data[column]
        if value is None:
            cells.append("")
        elif column in _ESCAPED:
            cells.append(escape_cell(str(value)))
        else:
            cells.append(str(value))
    return cells


class CsvWriter:
    """Writes figures as spreadsheet-safe CSV to an open text stream."""

    def __init__(self, stream: IO[str], bom: bool = True) -> None:
        if bom:
            stream.write("\ufeff")
        self._writer = csv.writer(stream, lineterminator="\r\n")
        self._writer.writerow(COLUMNS)

    def write(self, figures: Iterable[Figure]) -> None:
        for figure in figures:
            self._writer.writerow(csv_row(figure))


class JsonlWriter:
    """Writes figures as JSON Lines to an open text stream."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, figures: Iterable[Figure]) -> None:
        for figure in figures:
            self._stream.write(json.dumps(figure.model_dump(mode="json"), ensure_ascii=False) + "\n")


def writer(stream: IO[str], fmt: str) -> CsvWriter | JsonlWriter:
    """A writer of format ``fmt`` (``csv`` or ``jsonl``) on ``stream``."""
    return CsvWriter(stream) if fmt == "csv" else JsonlWriter(stream)


@contextlib.contextmanager
def atomic_writer(path: str | Path) -> Iterator[IO[str]]:
    """A text stream whose content replaces ``path`` only when the block ends without error.

    The data goes to a temporary file beside ``path`` that is renamed into place:
    an interrupted run never leaves a half-written file where a whole one was expected.
    """
    target = Path(path)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    except OSError as exc:
        raise ExportError(f"{path}: cannot be written: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def write(figures: Iterable[Figure], path: str | Path) -> int:
    """Write figures to ``path`` (format from its suffix), atomically; returns how many."""
    fmt = format_of(path)
    count = 0

    def counted() -> Iterator[Figure]:
        nonlocal count
        for figure in figures:
            count += 1
            yield figure

    with atomic_writer(path) as stream:
        writer(stream, fmt).write(counted())
    return count


def read(path: str | Path) -> pd.DataFrame:
    """An export (CSV or JSON Lines) as a typed DataFrame; CSV escaping undone, text stays text."""
    fmt = format_of(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            if fmt == "csv":
                rows = []
                reader = csv.DictReader(handle)
                for row in reader:
                    rows.append({k: (None if v == "" else unescape_cell(v) if k in _ESCAPED else v)
                                 for k, v in row.items()})
            else:
                rows = [json.loads(line) for line in handle if line.strip()]
    except OSError as exc:
        raise ExportError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, csv.Error, UnicodeDecodeError) as exc:
        raise ExportError(f"{path}: is not a valid {fmt} export: {exc}") from None
    return typed(pd.DataFrame(rows, columns=list(COLUMNS)))
