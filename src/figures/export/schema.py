"""The JSON Schema of the public models, as committed under ``schemas/``."""

from __future__ import annotations

import json

from ..models import Document, Figure

SCHEMAS = {"figure.schema.json": Figure, "document.schema.json": Document}


def schema_text(model: type[Figure] | type[Document]) -> str:
    """The model's JSON Schema (serialisation mode), as stable, indented JSON text."""
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_all(folder: str = "schemas") -> None:
    """Write every schema into ``folder`` (the project's ``schemas/``)."""
    from pathlib import Path

    for name, model in SCHEMAS.items():
        (Path(folder) / name).write_text(schema_text(model), encoding="utf-8")


if __name__ == "__main__":
    write_all()
