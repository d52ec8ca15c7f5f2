"""The JSON Schemas under schemas/ are generated from the models and must not go stale.

Refresh them with:  python -m figures.export.schema
"""

from pathlib import Path

import pytest

from figures.export.schema import SCHEMAS, schema_text

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_current(name: str) -> None:
    committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert committed == schema_text(SCHEMAS[name]), f"schemas/{name} is stale: run python -m figures.export.schema"


def test_schema_requires_the_core_fields() -> None:
    import json

    schema = json.loads(schema_text(SCHEMAS["figure.schema.json"]))
    for field in ("id", "doc", "surface", "start", "end", "sentence", "time_start", "speaker"):
        assert field in schema["properties"]
    assert set(schema["properties"]["qualifier"]["enum"]) >= {"exact", "approx", "range"}
