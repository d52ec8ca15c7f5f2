"""figures score agrees with the project's reference scorer (../shared/tools/score.py)."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from figures import extract_many
from figures.cli import main
from figures.export.files import write
from figures.scoring import field_agrees, load, score

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold" / "seeds.gold.jsonl"
REFERENCE = SHARED / "tools" / "score.py"


@pytest.fixture(scope="module")
def dated_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds with the publication dates given beside the gold."""
    dates = json.loads((SHARED / "gold" / "seeds.dates.json").read_text(encoding="utf-8"))
    path = tmp_path_factory.mktemp("scored") / "seeds.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for seed in sorted((ROOT / "seeds").glob("*.txt")):
            published = dates.get(seed.stem) or dates.get(seed.name)
            out.write(json.dumps({"id": seed.stem, "text": seed.read_text(encoding="utf-8-sig"),
                                  "published": published}) + "\n")
    return path


def _reference(gold: Path, pred: Path) -> dict:
    result = subprocess.run([sys.executable, str(REFERENCE), str(gold), str(pred), "--json"],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def _spoilt(records: list[dict], seed: int) -> list[dict]:
    """Predictions with misses, spurious rows and wrong fields, so agreement is not 1.0 = 1.0."""
    rng = random.Random(seed)
    out = []
    for record in records:
        record = dict(record)
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.2:
            record["value"] = "999"
        elif roll < 0.3:
            record["category"] = "other"
        elif roll < 0.4:
            record["speaker"] = None
        elif roll < 0.5:
            record["entity"] = "thing"
        elif roll < 0.6:
            record["time_start"] = "2020-01-01"
        out.append(record)
    return out


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_agrees_with_the_reference_scorer(tmp_path: Path, dated_seeds: Path, seed: int, suffix: str) -> None:
    figures = [f for _, found in extract_many([dated_seeds]) for f in found]  # type: ignore[misc]
    export = tmp_path / f"pred{suffix}"
    write(figures, export)
    rows = load(export)
    spoilt = tmp_path / "spoilt.jsonl"
    spoilt.write_text("".join(json.dumps(r, default=str) + "\n" for r in _spoilt(rows, seed)), encoding="utf-8")
    for pred in (export, spoilt):
        ours = score(load(GOLD), load(pred)).summary()
        theirs = _reference(GOLD, pred)
        assert ours.keys() == theirs.keys()
        for key in ("gold", "predicted", "matched"):
            assert ours[key] == theirs[key]
        for key in ("precision", "recall", "f1", "all_fields_right"):
            assert round(ours[key], 3) == round(theirs[key], 3), key
        for name, value in theirs["fields"].items():
            assert round(ours["fields"][name], 3) == round(value, 3), name


def test_command_output_and_show(tmp_path: Path, dated_seeds: Path) -> None:
    pred = tmp_path / "pred.parquet"
    write([f for _, found in extract_many([dated_seeds]) for f in found], pred)  # type: ignore[misc]
    out = io.StringIO()
    assert main(["score", str(GOLD), str(pred), "--json"], stdout=out) == 0
    data = json.loads(out.getvalue())
    assert data["gold"] == len(load(GOLD)) and 0 <= data["f1"] <= 1
    gold = load(GOLD)
    broken = tmp_path / "broken.jsonl"
    broken.write_text("".join(json.dumps({**g, "category": "military"}) + "\n" for g in gold[:3]), encoding="utf-8")
    out = io.StringIO()
    assert main(["score", str(GOLD), str(broken), "--show", "2"], stdout=out) == 0
    text = out.getvalue()
    assert text.startswith("missed:") and "category wrong" in text
    assert f"gold {len(gold)}  predicted 3  matched 3" in text


def test_lenient_fields() -> None:
    assert field_agrees("unit", {"unit": "%"}, {"unit": "percent"})
    assert field_agrees("unit", {"unit": "days"}, {"unit": "day"})
    assert field_agrees("entity", {"entity": "drone boats"}, {"entity": "boat"})
    assert not field_agrees("entity", {"entity": "drone"}, {"entity": "missile"})
    assert field_agrees("time", {"time_start": "2025-05-07", "time_end": None},
                        {"time_start": "2025-05-07T18:00:00+03:00", "time_end": None})
    assert field_agrees("speaker", {"speaker": "President Vladimir Putin"}, {"speaker": "Putin"})
    assert not field_agrees("speaker", {"speaker": "Russia"}, {"speaker": "Ukraine"})
