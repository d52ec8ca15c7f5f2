"""Exports: spreadsheet-safe CSV, JSON Lines, typed frames, exact round trips."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from figures import Figure, extract, frame, read
from figures.export.files import escape_cell, unescape_cell, write


def _figure(surface: str, sentence: str, entity: str | None) -> Figure:
    return Figure(id="d@0-1", doc="d", surface=surface, start=0, end=1, sentence=sentence,
                  value=Decimal("1100000000"), qualifier="exact", unit="USD", entity=entity)


@pytest.mark.parametrize("cell", ["=1+1", "+7", "-5 drones", "@SUM(A1)", "\tx", "\rx", "'=x", "'plain", "plain"])
def test_escaping_round_trips(cell: str) -> None:
    escaped = escape_cell(cell)
    assert not escaped.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert unescape_cell(escaped) == cell


@settings(max_examples=100, deadline=None)
@given(
    surface=st.text(min_size=1, max_size=30),
    sentence=st.text(max_size=60),
    entity=st.one_of(st.none(), st.text(min_size=1, max_size=20)),
    suffix=st.sampled_from([".csv", ".jsonl"]),
)
def test_round_trip_awkward_text(tmp_path_factory, surface: str, sentence: str, entity: str | None, suffix: str) -> None:
    path = tmp_path_factory.mktemp("rt") / f"out{suffix}"
    figure = _figure(surface, sentence, entity)
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
    for suffix in (".csv", ".jsonl"):
        path = tmp_path / f"x{suffix}"
        write([figure], path)
        row = read(path).iloc[0]
        assert (row["surface"], row["sentence"], row["entity"]) == ("NA", "None", "null")
