"""The command line, run in-process with injected streams."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import figures
from figures.cli import main, parser

ROOT = Path(__file__).resolve().parents[1]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_extract_seeds_to_csv_and_verify(tmp_path: Path, seeds_jsonl: Path) -> None:
    out = tmp_path / "claims.csv"
    code, _, err = run("extract", str(seeds_jsonl), "-o", str(out))
    assert code == 0, err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) > 30 and rows[0]["doc"].startswith("000_")
    code, text, _ = run("verify", str(out), "--sources", str(seeds_jsonl))
    assert code == 0 and text.startswith("ok:")


def _verify_tampered(tmp_path: Path, seeds_jsonl: Path, tamper) -> tuple[int, str, list[dict]]:
    """Export the seeds as JSON Lines, let ``tamper`` change the rows, and verify the result."""
    out = tmp_path / "claims.jsonl"
    assert run("extract", str(seeds_jsonl), "-o", str(out))[0] == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    tamper(rows)
    out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code, text, _ = run("verify", str(out), "--sources", str(seeds_jsonl))
    return code, text, rows


def test_verify_names_a_tampered_row(tmp_path: Path, seeds_jsonl: Path) -> None:
    def tamper(rows: list[dict]) -> None:
        rows[3]["value"] = "999"
        rows[5]["start"] += 1

    code, text, rows = _verify_tampered(tmp_path, seeds_jsonl, tamper)
    assert code == 1
    assert f"row 4 ({rows[3]['id']}): value 999" in text
    assert f"row 6 ({rows[5]['id']}): surface" in text


def test_stdout_is_csv_and_bad_files_do_not_cost_others(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Russia launched 524 drones.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe5\x00")
    code, out, err = run("extract", str(tmp_path))
    assert code == 1
    assert "bad.txt" in err and "UTF-16" in err
    assert "524 drones" in out


def test_output_is_not_left_half_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("Russia launched 524 drones.", encoding="utf-8")
    target = tmp_path / "out.csv"
    target.write_text("previous complete export\n", encoding="utf-8")
    import figures.cli as cli

    def boom(*args, **kwargs):
        yield from ()
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "extract_many", boom)
    code, _, err = run("extract", str(tmp_path), "-o", str(target))
    assert code == 130 and "interrupted" in err
    assert target.read_text(encoding="utf-8") == "previous complete export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_misuse_is_one_clear_line(tmp_path: Path) -> None:
    code, _, err = run("extract", str(tmp_path), "-o", str(tmp_path / "out.xls"))
    assert code == 1 and err.strip().count("\n") == 0 and "unknown format '.xls'" in err
    code, _, err = run("extract", "x.txt", "--published", "11/05/2025")
    assert code == 2 and "ISO date" in err and "--published" in err


def test_every_command_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, sub in commands.items():
        assert f"figures {name}" in readme, f"README does not show 'figures {name}'"
        assert sub.description and "example" in sub.description


def test_python_dash_m(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Officials said 45 drone boats were used.", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "figures", "extract", str(tmp_path)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    assert done.returncode == 0 and "45 drone boats" in done.stdout


def test_extracting_to_csv_never_loads_pandas(tmp_path: Path) -> None:
    """pandas takes some 0.2 s to import: a run that extracts one article to CSV does without it."""
    (tmp_path / "a.txt").write_text("Russia launched 524 drones at Ukraine overnight.", encoding="utf-8")
    code = ("import io, sys; from figures.cli import main; "
            f"main(['extract', {str(tmp_path / 'a.txt')!r}, '-o', {str(tmp_path / 'a.csv')!r}], io.StringIO(), io.StringIO()); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pandas'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert "524 drones" in (tmp_path / "a.csv").read_text(encoding="utf-8-sig")


def test_verify_checks_time_and_speaker_spans(tmp_path: Path, seeds_jsonl: Path) -> None:
    picked: dict[str, int] = {}

    def tamper(rows: list[dict]) -> None:
        picked["timed"] = next(i for i, r in enumerate(rows) if r["time_text"])
        picked["spoken"] = next(i for i, r in enumerate(rows) if r["speaker"] and i != picked["timed"])
        rows[picked["timed"]]["time_text_start"] += 2
        rows[picked["spoken"]]["speaker"] = "Joe Biden"

    code, text, rows = _verify_tampered(tmp_path, seeds_jsonl, tamper)
    timed, spoken = picked["timed"], picked["spoken"]
    assert code == 1
    assert f"row {timed + 1} ({rows[timed]['id']}): time_text" in text
    assert f"row {spoken + 1} ({rows[spoken]['id']}): speaker 'Joe Biden'" in text


def test_published_is_the_fallback_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Russia launched 45 drones overnight, the air force said.", encoding="utf-8")
    code, out, _ = run("extract", str(tmp_path), "--published", "2025-05-11")
    assert code == 0
    [row] = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert row["time_text"] == "overnight" and row["time_end"] == "2025-05-11"
    assert row["speaker"].lower().endswith("air force")


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet", ".xlsx"])
def test_extract_writes_every_format(tmp_path: Path, seeds_jsonl: Path, suffix: str) -> None:
    out = tmp_path / f"claims{suffix}"
    assert main(["extract", str(seeds_jsonl), "-o", str(out)]) == 0
    assert out.stat().st_size > 1000
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left beside it
    if suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(out, read_only=True)
        assert book.sheetnames == ["figures", "documents"]
    else:
        assert len(figures.read(out)) > 30


def test_compare_writes_claims_and_members(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps({"id": "a", "published": "2025-05-11",
                    "text": "Ukraine's air force said Russia launched 120 drones overnight on Saturday."}) + "\n"
        + json.dumps({"id": "b", "published": "2025-05-11",
                      "text": "Russia's defence ministry said it downed 100 UAVs overnight on Saturday."})
        + "\n", encoding="utf-8")
    claims = tmp_path / "claims.csv"
    assert main(["extract", str(corpus), "-o", str(claims)]) == 0
    out = tmp_path / "groups.jsonl"
    assert main(["compare", str(claims), "-o", str(out), "--long"]) == 0
    members = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {m["doc"] for m in members} == {"a", "b"} and len({m["group"] for m in members}) == 1
    assert all(isinstance(m["value"], str) for m in members)  # exact decimals as text
    code, _, err = run("compare", str(claims), "--tolerance", "two")
    assert code == 2 and "tolerance" in err


def test_report_writes_one_mark_per_figure(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, stdout, _ = run("report", str(ROOT / "seeds"), "-o", str(out), "--title", "Seeds <review>")
    assert code == 0
    count = sum(len(found) for _, found in figures.extract_many([ROOT / "seeds"]))  # type: ignore[misc]
    page = out.read_text(encoding="utf-8")
    assert page.count('<mark class="figure') == count and f"{count} figure(s) in 5 article(s)" in stdout
    assert "Seeds &lt;review&gt;" in page and "Contested and corroborated figures" in page
