"""Peak memory of ``figures extract corpus.jsonl -o out.csv`` as the corpus grows.

For each size in --gb it streams a generated corpus to disk (corpus.py: one
article at a time, never the corpus in memory), runs the real command in a
fresh process,

    /usr/bin/time -v python -m figures extract corpus.jsonl -o out.csv

and reports its peak RSS, its time, and its RSS sampled during the run (at 10%,
50% and 90% of the run): if extraction streams, the RSS levels off; if it holds
the corpus or the figures, it grows with the input. Corpora and outputs are
deleted after each size unless --keep.

    python bench/memory.py --gb 0.05,0.1,0.2        # a few minutes at 0.3 MB/s
    python bench/memory.py --gb 1 --workdir /data/tmp
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import corpus as corpora

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GNU_TIME = Path("/usr/bin/time")
SAMPLE_EVERY = 0.5  # seconds between RSS samples


@dataclass(frozen=True)
class Run:
    gb: float  # the size asked for
    chars: int
    corpus_bytes: int
    output_bytes: int
    wall: float
    cpu: float
    peak_rss_mb: float
    samples: list[tuple[float, float]]  # (seconds since start, RSS in MB)

    def rss_at(self, share: float) -> float:
        """The RSS sampled nearest to ``share`` of the run."""
        if not self.samples:
            return float("nan")
        moment = share * self.samples[-1][0]
        return min(self.samples, key=lambda sample: abs(sample[0] - moment))[1]


def rss_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(found[1]) / 1024 if found else None


def child_of(pid: int) -> int | None:
    """The first child of ``pid`` (the python under /usr/bin/time), if it has one yet."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return None
    return int(children[0]) if children else None


def measure(corpus: Path, out: Path, python: str, src: Path) -> tuple[float, float, float, list[tuple[float, float]]]:
    """(wall s, CPU s, peak RSS MB, samples) of one ``figures extract`` process."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")]))}
    report = out.with_suffix(".time")
    command = [python, "-m", "figures", "extract", str(corpus), "-o", str(out)]
    if GNU_TIME.exists():
        command = [str(GNU_TIME), "-v", "-o", str(report), *command]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    samples: list[tuple[float, float]] = []
    while process.poll() is None:
        target = child_of(process.pid) if GNU_TIME.exists() else process.pid
        rss = rss_mb(target) if target else None
        if rss is not None:
            samples.append((time.perf_counter() - started, rss))
        time.sleep(SAMPLE_EVERY)
    wall = time.perf_counter() - started
    errors = process.stderr.read() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"figures extract failed ({process.returncode}): {errors[-2000:]}")
    if GNU_TIME.exists():
        text = report.read_text()
        report.unlink()
        peak = _field(text, r"Maximum resident set size \(kbytes\)") / 1024
        cpu = _field(text, r"User time \(seconds\)") + _field(text, r"System time \(seconds\)")
    else:
        peak = max((rss for _, rss in samples), default=float("nan"))
        cpu = float("nan")
    return wall, cpu, peak, samples


def _field(report: str, label: str) -> float:
    """A number from the report of ``/usr/bin/time -v``."""
    found = re.search(rf"{label}: ([\d.]+)", report)
    if found is None:
        raise SystemExit(f"no '{label}' in the output of /usr/bin/time -v")
    return float(found[1])


def table(runs: list[Run]) -> str:
    lines = ["| corpus | text chars | JSONL size | CSV size | wall s | CPU s | MB of text per CPU s | peak RSS "
             "| RSS at 10% / 50% / 90% of the run |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for run in runs:
        lines.append(
            f"| {run.gb:g} GB | {run.chars:,} | {run.corpus_bytes / 1e6:,.1f} MB | {run.output_bytes / 1e6:,.1f} MB | "
            f"{run.wall:.0f} | {run.cpu:.0f} | {run.chars / run.cpu / 1e6:.3f} | {run.peak_rss_mb:.0f} MB | "
            f"{run.rss_at(0.1):.0f} / {run.rss_at(0.5):.0f} / {run.rss_at(0.9):.0f} MB |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--gb", default="0.05,0.1,0.2", help="corpus sizes in GB of text, comma-separated")
    options.add_argument("--seed", type=int, default=6)
    options.add_argument("--python", default=sys.executable, help="interpreter that runs figures (default: this one)")
    options.add_argument("--src", type=Path, default=ROOT / "src", help="the figures source tree to measure")
    options.add_argument("--workdir", type=Path, default=BENCH / "out", help="where corpora are written (default bench/out)")
    options.add_argument("--keep", action="store_true", help="keep corpora and outputs")
    args = options.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    runs = []
    for gb in (float(size) for size in args.gb.split(",")):
        corpus = args.workdir / f"memory-{gb:g}gb.jsonl"
        out = args.workdir / f"memory-{gb:g}gb.csv"
        print(f"[{time.strftime('%H:%M:%S')}] writing {gb:g} GB to {corpus}", file=sys.stderr, flush=True)
        chars = corpora.write_corpus(corpus, gb * 1000, args.seed)
        print(f"[{time.strftime('%H:%M:%S')}] figures extract {corpus.name}", file=sys.stderr, flush=True)
        wall, cpu, peak, samples = measure(corpus, out, args.python, args.src.resolve())
        runs.append(Run(gb, chars, corpus.stat().st_size, out.stat().st_size, wall, cpu, peak, samples))
        print(f"[{time.strftime('%H:%M:%S')}]   {wall:.0f} s, peak RSS {peak:.0f} MB", file=sys.stderr, flush=True)
        if not args.keep:
            corpus.unlink()
            out.unlink()
    report = "### Peak memory of `figures extract corpus.jsonl -o out.csv`\n\n" + table(runs)
    print(report)
    (args.workdir / "memory.md").write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
