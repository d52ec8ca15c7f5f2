"""--jobs N writes exactly what one process writes; the progress line is for terminals only."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

import figures.pipeline
from figures import SettingError, extract_many
from figures.cli import main
from figures.progress import Progress

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = [
    "Russia launched {n} drones and {m} missiles overnight, Ukraine's air force said on {day}.",
    "At least {n} people were killed and {m} injured in the strike, officials said.",
    "The two sides exchanged {n} prisoners each, the ministry said, after {m} days of talks.",
    "Aid worth ${n} million was pledged, and about {m}% of it has arrived.",
    "Monitors recorded nearly {n} ceasefire violations between May {d1} and {d2}.",
]


def _corpus(path: Path, documents: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for index in range(documents):
            sentences = [rng.choice(TEMPLATES).format(n=rng.randint(2, 9000), m=rng.randint(2, 90), day="Monday",
                                                      d1=rng.randint(1, 9), d2=rng.randint(10, 28))
                         for _ in range(rng.randint(1, 12))]
            out.write(json.dumps({"id": f"doc{index:04d}", "text": " ".join(sentences),
                                  "published": f"2025-05-{rng.randint(1, 28):02d}"}) + "\n")
        out.write("not json\n")
    return path


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_jobs_output_is_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    monkeypatch.setattr(figures.pipeline, "BATCH_DOCUMENTS", 7)  # many batches, out of step with the workers
    corpus = _corpus(tmp_path / "corpus.jsonl", 300)
    outputs = []
    for jobs in ("1", "2", "3"):
        out = tmp_path / f"out{jobs}{suffix}"
        err = io.StringIO()
        assert main(["extract", str(corpus), str(ROOT / "seeds"), "-o", str(out), "--jobs", jobs],
                    io.StringIO(), err) == 1
        assert "line 301: is not valid JSON" in err.getvalue()
        outputs.append(out.read_bytes())
    assert len(outputs[0]) > 10_000 and outputs[0] == outputs[1] == outputs[2]


def test_jobs_must_be_a_count() -> None:
    with pytest.raises(SettingError, match="^jobs: "):
        list(extract_many([ROOT / "seeds"], jobs=-1))
    err = io.StringIO()
    assert main(["extract", str(ROOT / "seeds"), "--jobs", "-2"], io.StringIO(), err) == 2
    assert err.getvalue().startswith("figures: error: jobs: ")


def test_progress_line_on_a_terminal_only() -> None:
    screen = io.StringIO()
    progress = Progress(screen, total_bytes=2_000_000, enabled=True)
    progress.update(documents=3, figures=41, chars=1_000_000)
    progress.close()
    line = screen.getvalue()
    assert "3 documents" in line and "41 figures" in line and "MB/s" in line and "50%" in line
    assert "ETA" in line and line.endswith("\n")
    quiet = io.StringIO()  # not a terminal: nothing drawn
    Progress(quiet).update(documents=1)
    assert quiet.getvalue() == ""


def test_quiet_and_captured_stderr_hold_only_errors(tmp_path: Path) -> None:
    err = io.StringIO()
    assert main(["extract", str(ROOT / "seeds"), "-o", str(tmp_path / "x.csv"), "--quiet"], io.StringIO(), err) == 0
    assert err.getvalue() == ""
