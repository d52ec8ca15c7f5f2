"""Data flows one way: a stage imports only models, lexicon and errors — never another stage.
Only pipeline.py composes the stages, and export/ imports only models (and errors)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "figures"
STAGES = ["reading", "segment", "numbers", "qualifiers", "units", "entities", "categories",
          "windows", "speakers", "records"]
SHARED = {"models", "lexicon", "errors"}


def _local_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("stage", [s for s in STAGES if (PACKAGE / f"{s}.py").exists()])
def test_stage_imports_no_other_stage(stage: str) -> None:
    assert _local_imports(PACKAGE / f"{stage}.py") <= SHARED


def test_export_imports_only_models() -> None:
    siblings = {path.stem for path in (PACKAGE / "export").glob("*.py")}
    for path in (PACKAGE / "export").glob("*.py"):
        assert _local_imports(path) - siblings <= {"models", "errors"}, path.name


def test_word_lists_have_a_format_header() -> None:
    for path in (PACKAGE / "data").iterdir():
        head = path.read_text(encoding="utf-8").splitlines()[:8]
        assert any(line.startswith("#") and "format" in line.lower() for line in head), path.name
