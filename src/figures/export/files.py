"""Export files: every format written atomically and read back exactly.

A writer takes one document at a time (``add(document, figures)``) so a
corpus streams through it; :func:`open_output` picks the writer from the file
suffix and renames the finished file into place only when all went well:

* ``.csv``     — for spreadsheets (below);
* ``.jsonl``   — one figure per line;
* ``.xlsx``    — a workbook with a figures sheet and a documents sheet (:mod:`.xlsx`);
* ``.parquet`` — typed columns for data teams (:mod:`.parquet`).

CSV is made for spreadsheets: UTF-8 with a BOM, CRLF line ends, the fixed
column order of :data:`figures.models.COLUMNS`, and no text cell that a
spreadsheet would run as a formula. A text cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is written with a leading ``'``; a
cell that itself starts with ``'`` gets one more, so :func:`read` can undo the
escaping exactly. Empty cells are nulls.

A CSV written without its BOM (as in a data package, :mod:`.package`) is for
programs, not spreadsheets: it is not escaped, and :func:`read` knows it by
the missing BOM.

JSON Lines holds one figure per line; values and bounds are strings of exact
decimals (``"1100000000"``) so that no reader turns them into floats.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from ..errors import ExportError
from ..models import COLUMNS, Document, Figure, decimal_text
from .table import DATE_COLUMNS, DECIMAL_COLUMNS, TEXT_COLUMNS, typed

if TYPE_CHECKING:  # pandas is imported where it is used: extracting never loads it (0.2 s)
    import pandas as pd

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".xlsx": "xlsx", ".parquet": "parquet"}
READABLE = ("csv", "jsonl", "parquet")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_ESCAPED = frozenset(TEXT_COLUMNS)


def format_of(path: str | Path) -> str:
    """``csv`` or ``jsonl`` from a file name; an :class:`ExportError` for anything else."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"{path}: unknown format {suffix or '(none)'!r}; use .csv, .jsonl, .xlsx or .parquet")
    return FORMATS[suffix]


def escape_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: ``=1+1`` -> ``'=1+1``."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell`."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text


def csv_row(figure: Figure, escape: bool = True) -> list[str]:
    """One figure as CSV cells in column order (text cells formula-escaped unless ``escape`` is false).

    The cells are ``str()`` of what ``figure.model_dump(mode="json")`` holds, read straight from the
    fields: a decimal as :func:`~figures.models.decimal_text` (its JSON serializer), a date in ISO
    form, anything else as it is; building the JSON dict first cost as much as all the rest."""
    cells = []
    for column, kind in _CELL_KINDS:
        value = getattr(figure, column)
        if value is None:
            cells.append("")
        elif kind is _DECIMAL:
            cells.append(decimal_text(value))
        elif kind is _DATE:
            cells.append(value.isoformat())
        elif kind is _TEXT and escape:
            cells.append(escape_cell(str(value)))
        else:
            cells.append(str(value))
    return cells


_DECIMAL, _DATE, _TEXT, _PLAIN = "decimal", "date", "text", "plain"
#: how :func:`csv_row` writes each column
_CELL_KINDS: tuple[tuple[str, str], ...] = tuple(
    (column, _DECIMAL if column in DECIMAL_COLUMNS else _DATE if column in DATE_COLUMNS
     else _TEXT if column in _ESCAPED else _PLAIN)
    for column in COLUMNS
)


class Writer(Protocol):
    """What every export writer does: take each document's figures, then finish."""

    def add(self, document: Document | None, figures: Iterable[Figure]) -> None: ...

    def close(self) -> None: ...


class CsvWriter:
    """Writes figures as CSV to an open text stream: spreadsheet-safe with ``bom``, plain without."""

    def __init__(self, stream: IO[str], bom: bool = True) -> None:
        if bom:
            stream.write("\ufeff")
        self._escape = bom
        self._writer = csv.writer(stream, lineterminator="\r\n")
        self._writer.writerow(COLUMNS)

    def add(self, document: Document | None, figures: Iterable[Figure]) -> None:
        for figure in figures:
            self._writer.writerow(csv_row(figure, self._escape))

    def close(self) -> None:
        pass


class JsonlWriter:
    """Writes figures as JSON Lines to an open text stream."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def add(self, document: Document | None, figures: Iterable[Figure]) -> None:
        for figure in figures:
            self._stream.write(json.dumps(figure.model_dump(mode="json"), ensure_ascii=False) + "\n")

    def close(self) -> None:
        pass


def writer(stream: IO[str], fmt: str) -> CsvWriter | JsonlWriter:
    """A text writer of format ``fmt`` (``csv`` or ``jsonl``) on ``stream``."""
    return CsvWriter(stream) if fmt == "csv" else JsonlWriter(stream)


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path`` that is renamed to ``path`` when the block ends without error.

    An interrupted run (an exception, Ctrl-C, a full disk) removes the temporary
    file, so it never leaves a half-written file where a whole one was expected.
    """
    target = Path(path)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
        os.close(fd)
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes it private; an export gets the usual permissions
    except OSError as exc:
        raise ExportError(f"{path}: cannot be written: {exc.strerror or exc}") from None
    try:
        yield Path(temp)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_writer(path: str | Path) -> Iterator[IO[str]]:
    """A UTF-8 text stream whose content replaces ``path`` only when the block ends without error."""
    with atomic_path(path) as temp, open(temp, "w", encoding="utf-8", newline="") as stream:
        yield stream


@contextlib.contextmanager
def open_output(path: str | Path) -> Iterator[Writer]:
    """The writer for ``path``'s format; the file appears, whole, when the block ends without error."""
    fmt = format_of(path)
    if fmt in ("csv", "jsonl"):
        with atomic_writer(path) as stream:
            out = writer(stream, fmt)
            yield out
            out.close()
        return
    with atomic_path(path) as temp:
        out = _binary_writer(fmt, temp, path)
        try:
            yield out
        finally:
            out.close()


def _binary_writer(fmt: str, temp: Path, path: str | Path) -> Writer:
    if fmt == "xlsx":
        from .xlsx import XlsxWriter

        return XlsxWriter(temp, path)
    from .parquet import ParquetWriter

    return ParquetWriter(temp, path)


def write(figures: Iterable[Figure], path: str | Path, documents: Sequence[Document] = ()) -> int:
    """Write figures to ``path`` (format from its suffix), atomically; returns how many.

    ``documents`` fills the documents sheet of an XLSX workbook; other formats ignore it.
    """
    count = 0

    def counted() -> Iterator[Figure]:
        nonlocal count
        for figure in figures:
            count += 1
            yield figure

    with open_output(path) as out:
        if documents:
            figures = list(counted())
            by_doc: dict[str, list[Figure]] = {}
            for figure in figures:
                by_doc.setdefault(figure.doc, []).append(figure)
            for document in documents:
                out.add(document, by_doc.pop(document.id, []))
            for rest in by_doc.values():
                out.add(None, rest)
        else:
            out.add(None, counted())
    return count


def read(path: str | Path) -> pd.DataFrame:
    """An export (CSV, JSON Lines or Parquet) as a typed DataFrame; CSV escaping undone, text stays text."""
    import pandas as pd

    fmt = format_of(path)
    if fmt not in READABLE:
        raise ExportError(f"{path}: {fmt} is written for people, not read back; read a .csv, .jsonl or .parquet")
    if fmt == "parquet":
        from .parquet import read_parquet

        return read_parquet(path)
    return typed(pd.DataFrame(records(path), columns=list(COLUMNS)))


def records(path: str | Path) -> list[dict[str, Any]]:
    """The rows of a CSV or JSON Lines file as plain dicts, whatever their columns (a gold file too).

    In CSV an empty cell is ``None``, and a spreadsheet CSV (one with the BOM)
    has its formula escaping undone.
    """
    fmt = format_of(path)
    if fmt not in ("csv", "jsonl"):
        raise ExportError(f"{path}: rows are read from a .csv or .jsonl file, not a .{fmt}")
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            spreadsheet = handle.read(1) == "\ufeff"
            if not spreadsheet:
                handle.seek(0)
            if fmt == "csv":
                return [{k: (None if v == "" else unescape_cell(v) if spreadsheet and k in _ESCAPED else v)
                         for k, v in row.items()} for row in csv.DictReader(handle)]
            return [json.loads(line) for line in handle if line.strip()]
    except OSError as exc:
        raise ExportError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, csv.Error, UnicodeDecodeError) as exc:
        raise ExportError(f"{path}: is not a valid {fmt} export: {exc}") from None
