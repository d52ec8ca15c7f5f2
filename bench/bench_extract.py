"""Characters per second of `figures extract` end to end (read -> figures -> CSV).

Builds a JSON Lines corpus of at least --mb megabytes from the seeds (each copy
a new document id), then runs the CLI on it in this process, --runs times, and
prints the median rate. Usage:

    python bench/bench_extract.py [--mb 2] [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import tempfile
import time
from pathlib import Path

from figures.cli import main

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(path: Path, megabytes: float) -> int:
    """Write seeds repeatedly as a JSONL corpus until it holds ``megabytes`` of text; returns chars."""
    seeds = [p.read_text(encoding="utf-8-sig") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    chars = 0
    copy = 0
    with path.open("w", encoding="utf-8") as out:
        while chars < megabytes * 1_000_000:
            for index, text in enumerate(seeds):
                out.write(json.dumps({"id": f"copy{copy}-{index}", "text": text}) + "\n")
                chars += len(text)
            copy += 1
    return chars


def run(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--mb", type=float, default=2.0)
    options.add_argument("--runs", type=int, default=3)
    args = options.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        chars = build_corpus(corpus, args.mb)
        main(["extract", str(corpus), "-o", str(Path(folder) / "warm.csv")], io.StringIO(), io.StringIO())
        times = []
        for number in range(args.runs):
            started = time.perf_counter()
            code = main(["extract", str(corpus), "-o", str(Path(folder) / f"out{number}.csv")],
                        io.StringIO(), io.StringIO())
            times.append(time.perf_counter() - started)
            assert code == 0
        median = statistics.median(times)
        print(f"corpus: {chars:,} characters ({chars / 1e6:.1f} MB of text), {args.runs} runs")
        print(f"figures extract: median {median:.2f} s, {chars / median:,.0f} characters per second")


if __name__ == "__main__":
    run()
