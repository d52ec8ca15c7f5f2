"""figures diff lists exactly the figures a rule change touched."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import figures.pipeline
from figures import extract_many, read
from figures.cli import main
from figures.diffing import diff
from figures.export.files import write


def _export(corpus: Path, path: Path) -> Path:
    write([f for _, found in extract_many([corpus]) for f in found], path)  # type: ignore[misc]
    return path


def test_a_category_rule_change_lists_exactly_the_changed_figures(tmp_path: Path, seeds_jsonl: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    before = _export(seeds_jsonl, tmp_path / "before.csv")
    original = figures.pipeline.categories.categorise

    def drones_are_military(text: str, entity: str | None, *args: object) -> str:
        return "military" if entity and "drone" in entity else original(text, entity, *args)

    monkeypatch.setattr(figures.pipeline.categories, "categorise", drones_are_military)
    after = _export(seeds_jsonl, tmp_path / "after.jsonl")
    old = read(before)
    expected = set(old[old["entity"].fillna("").str.contains("drone") & (old["category"] != "military")]["id"])
    assert expected  # the seeds have drones
    result = diff(old, read(after))
    assert {c.new["id"] for c in result.changed} == expected
    assert all(set(c.fields) == {"category"} and c.fields["category"][1] == "military" for c in result.changed)
    assert not result.added and not result.removed
    assert result.unchanged == len(old) - len(expected)


def test_dropped_and_widened_figures(tmp_path: Path, seeds_jsonl: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _export(seeds_jsonl, tmp_path / "before.jsonl")
    original = figures.pipeline.extract_document

    def changed(document):  # type: ignore[no-untyped-def]
        found = original(document)
        kept = [f for f in found if f.value is None or f.value >= 10]
        return [f.model_copy(update={"start": f.start - 1, "surface": document.text[f.start - 1:f.end],
                                     "id": f"{f.doc}@{f.start - 1}-{f.end}"}) if i == 0 else f
                for i, f in enumerate(kept)]

    monkeypatch.setattr(figures.pipeline, "extract_document", changed)
    after = _export(seeds_jsonl, tmp_path / "after.jsonl")
    old, new = read(before), read(after)
    result = diff(old, new)
    small = set(old[[v is not None and v < 10 for v in old["value"]]]["id"])
    assert {r["id"] for r in result.removed} == small and not result.added
    widened = {c.new["id"] for c in result.changed}
    assert len(widened) == new["doc"].nunique()  # the first figure of each document, matched by span
    assert all({"start", "surface"} <= set(c.fields) for c in result.changed)


def test_command_text_json_and_fail_on_change(tmp_path: Path, seeds_jsonl: Path) -> None:
    before = _export(seeds_jsonl, tmp_path / "a.csv")
    same = _export(seeds_jsonl, tmp_path / "b.parquet")
    out = io.StringIO()
    assert main(["diff", str(before), str(same), "--fail-on-change"], stdout=out) == 0
    assert out.getvalue().startswith("0 added, 0 removed, 0 changed,")
    with before.open(encoding="utf-8", newline="") as handle:
        rows = handle.read().split("\r\n")
    edited = tmp_path / "c.csv"
    with edited.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\r\n".join(rows[:1] + rows[2:]))  # the first figure's row is gone
    out = io.StringIO()
    assert main(["diff", str(before), str(edited), "--fail-on-change", "--json"], stdout=out) == 1
    data = json.loads(out.getvalue())
    assert data["counts"]["removed"] == 1 and data["removed"][0]["id"] == read(before)["id"].iloc[0]
    out = io.StringIO()
    assert main(["diff", str(before), str(edited)], stdout=out) == 0
    assert out.getvalue().startswith("- ")
