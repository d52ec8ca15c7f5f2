"""XLSX workbooks for spreadsheets: Excel, LibreOffice and Google Sheets open them typed.

Sheet ``figures`` has one row per figure in export column order, a frozen
bold header, an autofilter and column widths that fit the content. Numbers are
numbers (offsets, values, bounds), dates are dates (the publication date and
date-only window ends; a window end with a time of day stays ISO text, since a
spreadsheet date has no UTC offset). Every text cell is written as a string,
never parsed: ``=1+1`` or ``-5 drones`` can not become a live formula.

Sheet ``documents`` lists each document: id, date, url, source and how many
figures it gave.

Values are exact decimals in the library; a spreadsheet stores doubles, so
a value past 15 significant digits is rounded there (use CSV or Parquet to
keep it exact). Rows stream to disk (XlsxWriter's constant-memory mode).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import ExportError
from ..models import COLUMNS, Document, Figure

#: Column widths in characters; the rest get :data:`DEFAULT_WIDTH`.
WIDTHS = {"id": 28, "doc": 22, "published": 11, "surface": 30, "sentence": 80, "entity": 24, "category": 18,
          "qualifier": 10, "unit": 8, "time_start": 11, "time_end": 11, "time_text": 22, "speaker": 24}
DEFAULT_WIDTH = 9
NUMBER_COLUMNS = frozenset({"start", "end", "value", "low", "high", "time_text_start", "time_text_end",
                            "speaker_start", "speaker_end"})
DATE_COLUMNS = frozenset({"published", "time_start", "time_end"})
DOCUMENT_COLUMNS = ("id", "published", "url", "source", "figures")
DOCUMENT_WIDTHS = (28, 11, 50, 40, 8)


class XlsxWriter:
    """Streams figures into a workbook at ``temp`` (``path`` names it in errors)."""

    def __init__(self, temp: Path, path: str | Path) -> None:
        try:
            import xlsxwriter
        except ImportError:
            raise ExportError(f"{path}: writing .xlsx needs XlsxWriter: pip install 'figures[xlsx]'") from None
        self._book = xlsxwriter.Workbook(str(temp), {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
            "strings_to_urls": False,
        })
        header = self._book.add_format({"bold": True, "bg_color": "#E8EEF4", "bottom": 1})
        self._date = self._book.add_format({"num_format": "yyyy-mm-dd"})
        self._figures = self._book.add_worksheet("figures")
        self._documents = self._book.add_worksheet("documents")
        for sheet, columns, widths in (
            (self._figures, COLUMNS, [WIDTHS.get(c, DEFAULT_WIDTH) for c in COLUMNS]),
            (self._documents, DOCUMENT_COLUMNS, DOCUMENT_WIDTHS),
        ):
            for index, (column, width) in enumerate(zip(columns, widths, strict=True)):
                sheet.set_column(index, index, width)
                sheet.write_string(0, index, column, header)
            sheet.freeze_panes(1, 0)
        self._figure_rows = 0
        self._document_rows = 0

    def add(self, document: Document | None, figures: Iterable[Figure]) -> None:
        count = 0
        for figure in figures:
            self._figure_rows += 1
            count += 1
            data = figure.model_dump()
            for index, column in enumerate(COLUMNS):
                self._cell(self._figures, self._figure_rows, index, column, data[column])
        if document is not None:
            self._document_rows += 1
            row = self._document_rows
            self._documents.write_string(row, 0, document.id)
            self._cell(self._documents, row, 1, "published", document.published)
            for index, text in ((2, document.url), (3, document.source)):
                if text:
                    self._documents.write_string(row, index, text)
            self._documents.write_number(row, 4, count)

    def _cell(self, sheet: Any, row: int, col: int, column: str, value: object) -> None:
        if value is None:
            return
        if column in NUMBER_COLUMNS:
            sheet.write_number(row, col, float(value))  # type: ignore[arg-type]
        elif column in DATE_COLUMNS and _as_date(value) is not None:
            sheet.write_datetime(row, col, dt.datetime.combine(_as_date(value), dt.time()), self._date)
        else:
            sheet.write_string(row, col, str(value))

    def close(self) -> None:
        self._figures.autofilter(0, 0, max(self._figure_rows, 1), len(COLUMNS) - 1)
        self._documents.autofilter(0, 0, max(self._document_rows, 1), len(DOCUMENT_COLUMNS) - 1)
        self._book.close()


def _as_date(value: object) -> dt.date | None:
    """A date from a date or a date-only ISO string; ``None`` for a date-time."""
    if isinstance(value, dt.date):
        return value
    text = str(value)
    return dt.date.fromisoformat(text) if len(text) == 10 else None
