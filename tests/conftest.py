"""Shared fixtures: the seeds corpus as a JSON Lines file with the dates beside the gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds as a JSONL corpus; dates come from the documents' own headers where they have one."""
    path = tmp_path_factory.mktemp("corpus") / "seeds.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for seed in sorted(SEEDS.glob("*.txt")):
            out.write(json.dumps({"id": seed.stem, "text": seed.read_text(encoding="utf-8-sig")}) + "\n")
    return path
