"""Shared fixtures: the seeds corpus as a JSON Lines file with the dates beside the gold."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles (HYPOTHESIS_PROFILE=dev|ci|deep). "ci", the default, keeps the whole suite
# well within its time budget; "dev" is a quick pass while editing; "deep" hunts bugs (10x ci).
# Tests with an explicit max_examples scale it by figures.testing's examples() where they want to.
_COMMON = dict(deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=100, **_COMMON)
settings.register_profile("dev", max_examples=25, **_COMMON)
settings.register_profile("deep", max_examples=1000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

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
