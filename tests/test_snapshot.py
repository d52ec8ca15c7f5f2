"""The seeds' export is a reviewed snapshot: any change to it fails here, with the diff.

After reviewing the change, refresh the snapshot with:

    python -m figures extract seeds/ -o tests/snapshots/seeds.jsonl
"""

from __future__ import annotations

from pathlib import Path

from figures import extract_many, frame, read
from figures.diffing import diff

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "snapshots" / "seeds.jsonl"
REFRESH = "python -m figures extract seeds/ -o tests/snapshots/seeds.jsonl"


def test_seeds_match_the_reviewed_snapshot() -> None:
    current = frame(f for _, found in extract_many([ROOT / "seeds"]) for f in found)  # type: ignore[misc]
    result = diff(read(SNAPSHOT), current)
    assert not result.any, (
        f"the seeds' figures differ from the reviewed snapshot:\n{result.report()}"
        f"review the changes, then refresh it: {REFRESH}"
    )
