"""figures stats: counts by facet and sum/min/max by unit, as a library call and a command."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from figures import SettingError, extract, frame
from figures.cli import main
from figures.export.files import write
from figures.stats import stats

TEXT = (
    "Ukraine said Russia launched 120 drones overnight. The army said 30 drones were shot down. "
    "Officials said between 10 and 15 people were killed. The EU pledged $1.5 billion and Japan $500 million."
)


def test_counts_and_unit_totals() -> None:
    result = stats(frame(extract(TEXT, published="2025-05-11")), by="unit")
    counts = dict(zip(result.counts["unit"], result.counts["figures"], strict=True))
    assert counts == {"(none)": 3, "USD": 2}
    usd = result.units.set_index("unit").loc["USD"]
    assert (usd["sum"], usd["min"], usd["max"]) == (Decimal("2000000000"), Decimal("500000000"), Decimal("1500000000"))
    plain = result.units.set_index("unit").loc["(none)"]
    assert plain["ranges"] == 1
    assert (plain["sum"], plain["min"], plain["max"]) == (Decimal("150"), Decimal("10"), Decimal("120"))


def test_most_frequent_first_and_empty_frames() -> None:
    result = stats(frame(extract(TEXT, published="2025-05-11")), by="category")
    assert list(result.counts["figures"]) == sorted(result.counts["figures"], reverse=True)
    empty = stats(frame([]), by="speaker")
    assert empty.figures == 0 and empty.counts.empty and empty.units.empty


def test_an_unknown_facet_names_the_setting() -> None:
    with pytest.raises(SettingError, match="^by: 'colour'"):
        stats(frame([]), by="colour")


def test_command_prints_text_json_and_csv(tmp_path: Path) -> None:
    path = tmp_path / "x.parquet"
    write(extract(TEXT, published="2025-05-11"), path)
    out = io.StringIO()
    assert main(["stats", str(path)], stdout=out) == 0
    assert out.getvalue().startswith("5 figure(s) in 1 document(s)")
    assert "USD" in out.getvalue() and "2000000000" in out.getvalue()
    out = io.StringIO()
    assert main(["stats", str(path), "--by", "speaker", "--json"], stdout=out) == 0
    data = json.loads(out.getvalue())
    assert {row["speaker"] for row in data["counts"]} >= {"Ukraine"}
    assert {row["unit"]: row["sum"] for row in data["units"]}["USD"] == "2000000000"
    out = io.StringIO()
    assert main(["stats", str(path), "--csv"], stdout=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "facet,key,figures,ranges,sum,min,max" and "unit,USD,2,0,2000000000,500000000,1500000000" in lines
