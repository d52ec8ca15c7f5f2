"""Exports: spreadsheet-safe CSV, JSON Lines, Parquet, XLSX; typed frames, exact round trips."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from figures import Document, ExportError, Figure, extract, extract_many, frame, read
from figures.export.files import escape_cell, unescape_cell, write
from figures.models import COLUMNS


def _figure(surface: str, sentence: str, entity: str | None, **fields: object) -> Figure:
    return Figure(**{"id": "d@0-1", "doc": "d", "surface": surface, "start": 0, "end": 1, "sentence": sentence,
                     "value": Decimal("1100000000"), "qualifier": "exact", "unit": "USD", "entity": entity,
                     **fields})


#: Text that breaks naive writers: quotes, separators, newlines, formula starts, other scripts.
AWKWARD = st.one_of(
    st.text(min_size=1, max_size=30),
    st.builds(lambda head, tail: head + tail,
              st.sampled_from(["=", "+", "-", "@", "'", "\"", ",", "\n", "\r\n", "NA", "None", "null", " "]),
              st.text(max_size=12)),
    st.sampled_from(["=1+1", "-5 drones", "@SUM(A1)", "'=x", "5,000 \"drones\"", "line\nbreak",
                     "مقتل 12 شخصا", "погибли 12 человек", "12 人死亡", "e\u0301\u200f\U0001F600"]),
)


@pytest.mark.parametrize("cell", ["=1+1", "+7", "-5 drones", "@SUM(A1)", "\tx", "\rx", "'=x", "'plain", "plain"])
def test_escaping_round_trips(cell: str) -> None:
    escaped = escape_cell(cell)
    assert not escaped.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert unescape_cell(escaped) == cell


@settings(max_examples=100, deadline=None)
@given(
    surface=AWKWARD,
    sentence=st.one_of(AWKWARD, st.text(max_size=60)),
    entity=st.one_of(st.none(), AWKWARD),
    value=st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=3, allow_nan=False),
    published=st.one_of(st.none(), st.dates()),
    suffix=st.sampled_from([".csv", ".jsonl", ".parquet"]),
)
def test_round_trip_awkward_text(tmp_path_factory, surface: str, sentence: str, entity: str | None,
                                 value: Decimal, published: dt.date | None, suffix: str) -> None:
    path = tmp_path_factory.mktemp("rt") / f"out{suffix}"
    figure = _figure(surface, sentence, entity, value=value, published=published)
    write([figure], path)
    back = read(path)
    expected = frame([figure])
    # CSV has no way to tell an empty string from a null: both come back null
    if suffix == ".csv":
        expected = expected.replace({"": pd.NA})
    pd.testing.assert_frame_equal(back, expected)


def test_values_are_exact_and_without_exponents(tmp_path: Path) -> None:
    figures = extract("The EU pledged $1.1Bln and 0.1% went to 2.5 mln people.")
    path = tmp_path / "out.csv"
    write(figures, path)
    text = path.read_text(encoding="utf-8-sig")
    assert "1100000000" in text and "E+" not in text and "e+" not in text
    df = read(path)
    assert list(df["value"]) == [Decimal("1100000000"), Decimal("0.1"), Decimal("2500000")]
    assert str(df["start"].dtype) == "Int64" and str(df["qualifier"].dtype) == "category"


def test_text_na_stays_text(tmp_path: Path) -> None:
    figure = _figure("NA", "None", "null")
    for suffix in (".csv", ".jsonl", ".parquet"):
        path = tmp_path / f"x{suffix}"
        write([figure], path)
        row = read(path).iloc[0]
        assert (row["surface"], row["sentence"], row["entity"]) == ("NA", "None", "null")


def test_every_format_round_trips_the_seeds(tmp_path: Path, seeds_jsonl: Path) -> None:
    figures = [f for _, found in extract_many([seeds_jsonl]) for f in found]  # type: ignore[misc]
    expected = frame(figures)
    assert expected["published"].notna().any() and expected["published"].isna().any()  # both kinds
    frames = {}
    for suffix in (".csv", ".jsonl", ".parquet"):
        write(figures, tmp_path / f"all{suffix}")
        frames[suffix] = read(tmp_path / f"all{suffix}")
        pd.testing.assert_frame_equal(frames[suffix], expected)
    assert isinstance(frames[".parquet"]["published"].dropna().iloc[0], dt.date)


def test_parquet_has_proper_types(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "x.parquet"
    write(extract("Officials said 1.5 million people fled, and 0.1% of the $2.25bn was spent.",
                  published="2025-05-11"), path)
    schema = pq.read_schema(path)
    assert str(schema.field("start").type) == "int64"
    assert str(schema.field("value").type).startswith("decimal128")
    assert str(schema.field("published").type) == "date32[day]"
    assert str(schema.field("category").type).startswith("dictionary")
    assert list(read(path)["value"]) == [Decimal("1500000"), Decimal("0.1"), Decimal("2250000000")]


def test_parquet_refuses_a_value_it_cannot_hold_exactly(tmp_path: Path) -> None:
    figure = _figure("x", "x", None, value=Decimal("0.0000000000001"))
    with pytest.raises(ExportError, match="does not fit"):
        write([figure], tmp_path / "x.parquet")
    assert not list(tmp_path.iterdir())  # nothing half written


def test_xlsx_is_typed_safe_and_filterable(tmp_path: Path) -> None:
    import openpyxl

    doc = Document(id="wire-1", text="=1+1 and -5 drones", published=dt.date(2025, 5, 11), url="https://x.test/a")
    figures = [
        _figure("=1+1", "=1+1 and -5 drones", "@SUM(A1)", doc="wire-1", start=0, end=4, published=doc.published,
                time_start="2025-05-07", time_end="2025-05-08T06:00+03:00"),
        _figure("-5 drones", "+ sentence", None, id="d@9-18", start=9, end=18, value=Decimal("-5"), unit=None),
    ]
    path = tmp_path / "x.xlsx"
    write(figures, path, documents=[doc])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["figures", "documents"]
    sheet = book["figures"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    header = [c.value for c in sheet[1]]
    assert header == list(COLUMNS)
    first = {h: c for h, c in zip(header, sheet[2], strict=True)}
    second = {h: c for h, c in zip(header, sheet[3], strict=True)}
    for cell in (first["surface"], first["sentence"], first["entity"], second["surface"], second["sentence"]):
        assert cell.data_type == "s", cell.value  # text, never a live formula
    assert first["surface"].value == "=1+1" and second["surface"].value == "-5 drones"
    assert first["value"].value == 1100000000 and first["value"].data_type == "n"
    assert second["value"].value == -5 and first["start"].value == 0
    assert first["published"].is_date and first["published"].value.date() == dt.date(2025, 5, 11)
    assert first["time_start"].is_date
    assert first["time_end"].value == "2025-05-08T06:00+03:00"  # a time with an offset stays exact text
    assert sheet.column_dimensions["G"].width > 40  # the sentence column is wide
    documents = book["documents"]
    assert [c.value for c in documents[1]] == ["id", "published", "url", "source", "figures"]
    row = [c.value for c in documents[2]]
    assert row[0] == "wire-1" and row[1].date() == dt.date(2025, 5, 11) and row[2] == "https://x.test/a"
    assert row[4] == 1  # the second figure belongs to another document


def test_unknown_and_unreadable_formats_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown format '.txt'"):
        write([], tmp_path / "x.txt")
    write([], tmp_path / "x.xlsx")
    with pytest.raises(ExportError, match="not read back"):
        read(tmp_path / "x.xlsx")
    (tmp_path / "bad.parquet").write_bytes(b"not parquet")
    with pytest.raises(ExportError, match="bad.parquet"):
        read(tmp_path / "bad.parquet")


def test_plain_csv_is_not_unescaped(tmp_path: Path) -> None:
    """A CSV without the spreadsheet BOM (a data package's) holds every cell exactly."""
    path = tmp_path / "plain.csv"
    path.write_text(",".join(COLUMNS) + "\r\n" + "d@0-1,d,,'=x,0,3,'=x,3,,,exact,,,other" + "," * 8 + "\r\n",
                    encoding="utf-8")
    assert read(path)["surface"].iloc[0] == "'=x"


def test_exports_get_the_usual_permissions(tmp_path: Path) -> None:
    import os

    mask = os.umask(0o022)
    try:
        write([], tmp_path / "x.csv")
    finally:
        os.umask(mask)
    assert (tmp_path / "x.csv").stat().st_mode & 0o777 == 0o644


def _csv_row_as_defined(figure: Figure, escape: bool) -> list[str]:
    """A figure's CSV cells spelled out: ``str()`` of its JSON dump, text cells escaped."""
    from figures.export.table import TEXT_COLUMNS

    data = figure.model_dump(mode="json")
    return ["" if data[c] is None else escape_cell(str(data[c])) if escape and c in TEXT_COLUMNS else str(data[c])
            for c in COLUMNS]


@settings(max_examples=200, deadline=None)
@given(
    surface=AWKWARD, sentence=AWKWARD, entity=st.one_of(st.none(), AWKWARD),
    value=st.decimals(allow_nan=False, allow_infinity=False, places=None),
    published=st.one_of(st.none(), st.dates()),
    time_start=st.one_of(st.none(), st.sampled_from(["2025-05-07", "2025-05-07T10:30", "2025-05-07T10:30:00+03:00"])),
    speaker=st.one_of(st.none(), AWKWARD), escape=st.booleans(),
)
def test_csv_row_is_the_json_dump_as_text(surface: str, sentence: str, entity: str | None, value: Decimal,
                                          published: dt.date | None, time_start: str | None,
                                          speaker: str | None, escape: bool) -> None:
    """:func:`csv_row` reads the fields directly; its cells are those of the JSON dump."""
    from figures.export.files import csv_row

    figure = _figure(surface, sentence, entity, value=value, low=value, published=published,
                     time_start=time_start, speaker=speaker, speaker_start=0 if speaker else None)
    assert csv_row(figure, escape) == _csv_row_as_defined(figure, escape)


def test_csv_row_is_the_json_dump_as_text_for_extracted_figures() -> None:
    from figures.export.files import csv_row

    text = ("=5 drones hit Kyiv on May 7, 2025, said Ivan Petrov. Some 1.1Bln USD and 10-15 trucks; "
            "-3 homes, half of 1,000 people, twice as many over the past 24 hours.")
    figures = extract(text, published="2025-05-11")
    assert figures
    for figure in figures:
        for escape in (True, False):
            assert csv_row(figure, escape) == _csv_row_as_defined(figure, escape)
