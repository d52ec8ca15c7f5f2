"""The Frictionless data package: generated from the models, validated by frictionless itself."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import frictionless
import pandas as pd
import pytest

from figures import extract_many, frame, read
from figures.cli import main
from figures.export.package import figure_fields
from figures.models import CATEGORIES, COLUMNS, QUALIFIERS

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def _package(tmp_path: Path, seeds_jsonl: Path) -> Path:
    folder = tmp_path / "pkg"
    assert main(["extract", str(seeds_jsonl), "--package", str(folder)]) == 0
    return folder


def test_frictionless_validate_passes(tmp_path: Path, seeds_jsonl: Path) -> None:
    folder = _package(tmp_path, seeds_jsonl)
    assert sorted(p.name for p in folder.iterdir()) == ["datapackage.json", "documents.csv", "figures.csv"]
    result = subprocess.run([str(FRICTIONLESS), "validate", str(folder / "datapackage.json")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_is_generated_from_the_models() -> None:
    fields = {f["name"]: f for f in figure_fields()}
    assert list(fields) == list(COLUMNS)
    assert fields["qualifier"]["constraints"]["enum"] == list(QUALIFIERS)
    assert fields["category"]["constraints"]["enum"] == list(CATEGORIES)
    assert fields["start"]["type"] == "integer" and fields["start"]["constraints"]["minimum"] == 0
    assert fields["value"]["type"] == "number" and fields["published"]["type"] == "date"
    assert fields["surface"]["constraints"]["required"] is True
    assert "required" not in fields.get("speaker", {}).get("constraints", {})
    assert fields["id"]["constraints"]["unique"] is True


def test_validation_catches_a_broken_row(tmp_path: Path, seeds_jsonl: Path) -> None:
    """The schema has teeth: a category outside the enum and a dangling document fail."""
    folder = _package(tmp_path, seeds_jsonl)
    assert frictionless.validate(str(folder / "datapackage.json")).valid
    path = folder / "figures.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["category"] = "bogus"
    rows[1]["doc"] = "no-such-document"
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.DictWriter(handle, fieldnames=list(COLUMNS), lineterminator="\r\n")
        out.writeheader()
        out.writerows(rows)
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert not report.valid
    types = {error.type for task in report.tasks for error in task.errors}
    assert {"constraint-error", "foreign-key"} <= types, types
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["resources"][0]["schema"]["primaryKey"] == ["id"]


def test_package_csv_reads_back_exactly(tmp_path: Path, seeds_jsonl: Path) -> None:
    """The package's CSV is plain (no formula escaping) and still reads back to the same frame."""
    folder = _package(tmp_path, seeds_jsonl)
    expected = frame(f for _, found in extract_many([seeds_jsonl]) for f in found)  # type: ignore[misc]
    pd.testing.assert_frame_equal(read(folder / "figures.csv"), expected)
    documents = pd.read_csv(folder / "documents.csv")
    assert documents["figures"].sum() == len(expected)


def test_an_interrupted_package_leaves_the_old_one(tmp_path: Path, seeds_jsonl: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _package(tmp_path, seeds_jsonl)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("figures.export.package.PackageWriter.add", crash)
    assert main(["extract", str(seeds_jsonl), "--package", str(folder)]) == 130
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
