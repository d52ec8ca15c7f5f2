"""A Frictionless data package: the figures and documents as plain CSV, described
by a ``datapackage.json`` whose Table Schemas are generated from the models.

``figures.csv`` is the export for programs: UTF-8 without a BOM and without
the spreadsheet formula escaping, so every cell is exactly the value.
``documents.csv`` lists the documents (id, published, url, source, figures).
The schemas give each column its type (integer, number, date, string), the
fixed sets of qualifier and category as enums, the ISO pattern of window ends,
which columns are required, ``id`` as primary key and ``doc`` as a foreign key
into the documents. Check a package with ``frictionless validate DIR/datapackage.json``.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import types
import typing
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from ..errors import ExportError
from ..models import Document, Figure
from .files import CsvWriter, atomic_path

FIGURES = "figures.csv"
DOCUMENTS = "documents.csv"
DESCRIPTOR = "datapackage.json"
DOCUMENT_FIELDS: list[dict[str, Any]] = [
    {"name": "id", "type": "string", "constraints": {"required": True, "unique": True}},
    {"name": "published", "type": "date", "description": "publication date, if known"},
    {"name": "url", "type": "string"},
    {"name": "source", "type": "string", "description": "where the text was read from"},
    {"name": "figures", "type": "integer", "constraints": {"required": True, "minimum": 0},
     "description": "how many figures the document gave"},
]


def _admits(annotation: object, kind: type) -> bool:
    """Whether a (possibly Optional/Annotated) annotation admits ``kind``."""
    if annotation is kind:
        return True
    return any(_admits(arg, kind) for arg in typing.get_args(annotation))


def _nullable(annotation: object) -> bool:
    origin = typing.get_origin(annotation)
    return (origin is typing.Union or origin is types.UnionType) and type(None) in typing.get_args(annotation)


def figure_fields() -> list[dict[str, Any]]:
    """The Table Schema fields of :class:`Figure`, in column order, from the model itself."""
    properties = Figure.model_json_schema(mode="serialization")["properties"]
    fields = []
    for name, info in Figure.model_fields.items():
        prop = properties[name]
        options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
        spec = options[0]
        field: dict[str, Any] = {"name": name}
        constraints: dict[str, Any] = {}
        if _admits(info.annotation, Decimal):
            field["type"] = "number"
        elif _admits(info.annotation, dt.date):
            field["type"] = "date"
        elif spec.get("type") == "integer":
            field["type"] = "integer"
        else:
            field["type"] = "string"
        if "enum" in spec:
            constraints["enum"] = list(spec["enum"])
        if "pattern" in spec:
            constraints["pattern"] = spec["pattern"].removeprefix("^").removesuffix("$")
        if "minimum" in spec:
            constraints["minimum"] = spec["minimum"]
        if not _nullable(info.annotation):
            constraints["required"] = True
        if name == "id":
            constraints["unique"] = True
        if info.description:
            field["description"] = info.description
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    return fields


def descriptor() -> dict[str, Any]:
    """The ``datapackage.json`` of an export."""
    dialect = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True}
    return {
        "profile": "tabular-data-package",
        "name": "figures",
        "title": "Numeric claims extracted from news articles",
        "description": "Made by figures. Every row's surface is text[start:end] of its document.",
        "resources": [
            {
                "profile": "tabular-data-resource", "name": "figures", "path": FIGURES, "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8", "dialect": dialect,
                "schema": {
                    "fields": figure_fields(), "primaryKey": ["id"], "missingValues": [""],
                    "foreignKeys": [{"fields": ["doc"], "reference": {"resource": "documents", "fields": ["id"]}}],
                },
            },
            {
                "profile": "tabular-data-resource", "name": "documents", "path": DOCUMENTS, "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8", "dialect": dialect,
                "schema": {"fields": DOCUMENT_FIELDS, "primaryKey": ["id"], "missingValues": [""]},
            },
        ],
    }


class PackageWriter:
    """Writes figures and document rows to the package's two open CSV streams."""

    def __init__(self, figures: IO[str], documents: IO[str], folder: Path) -> None:
        self._folder = folder
        self._figures = CsvWriter(figures, bom=False)
        self._documents = csv.writer(documents, lineterminator="\r\n")
        self._documents.writerow([f["name"] for f in DOCUMENT_FIELDS])
        self._seen: set[str] = set()

    def add(self, document: Document | None, figures: Iterable[Figure]) -> None:
        figures = list(figures)
        self._figures.add(document, figures)
        if document is not None:
            self._document_row(document.id, document.published, document.url, document.source, len(figures))
            return
        counts: dict[str, tuple[dt.date | None, int]] = {}
        for figure in figures:
            published, count = counts.get(figure.doc, (figure.published, 0))
            counts[figure.doc] = (published, count + 1)
        for doc, (published, count) in counts.items():
            self._document_row(doc, published, None, None, count)

    def _document_row(self, doc: str, published: dt.date | None, url: str | None, source: str | None,
                      count: int) -> None:
        if doc in self._seen:
            raise ExportError(f"{self._folder}: document {doc!r} appears twice; document ids must be unique")
        self._seen.add(doc)
        self._documents.writerow([doc, published.isoformat() if published else "", url or "", source or "",
                                  count])

    def close(self) -> None:
        pass


@contextlib.contextmanager
def open_package(folder: str | Path) -> Iterator[PackageWriter]:
    """A writer into the package folder ``folder``, made if missing.

    Each file is written beside its final name and renamed into place when the
    block ends without error, ``datapackage.json`` last; an interrupted run
    leaves an earlier package in that folder as it was.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{folder}: cannot make the package folder: {exc.strerror or exc}") from None
    with atomic_path(folder / DESCRIPTOR) as descriptor_temp, atomic_path(folder / DOCUMENTS) as documents_temp, \
            atomic_path(folder / FIGURES) as figures_temp:
        with open(figures_temp, "w", encoding="utf-8", newline="") as figures_file, \
                open(documents_temp, "w", encoding="utf-8", newline="") as documents_file:
            yield PackageWriter(figures_file, documents_file, folder)
        text = json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n"
        descriptor_temp.write_text(text, encoding="utf-8")


def write_package(figures: Iterable[Figure], folder: str | Path, documents: Iterable[Document] = ()) -> int:
    """Write a data package of ``figures`` (and their ``documents``) into ``folder``; returns how many figures."""
    figures = list(figures)
    by_doc: dict[str, list[Figure]] = {}
    for figure in figures:
        by_doc.setdefault(figure.doc, []).append(figure)
    with open_package(folder) as out:
        for document in documents:
            out.add(document, by_doc.pop(document.id, []))
        for rest in by_doc.values():
            out.add(None, rest)
    return len(figures)
