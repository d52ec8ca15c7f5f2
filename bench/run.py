"""The benchmark of issue 6: how fast figures extracts, against its peers and the floor.

In one run, on one generated corpus (see corpus.py), it measures:

1. figures end to end, the real CLI path (read JSON Lines -> figures -> CSV),
   in one process: median characters per second of --runs runs, and peak RSS;
2. the peers, quantulum3 and Recognizers-Text (number, number-with-unit and
   date-time models, English), on a --peer-kb slice of the same corpus, beside
   figures on that same slice: figures' rate / the peer's rate;
3. the floor: one pass of one compiled pattern over every digit run and number
   word of the corpus; figures' rate / the floor's rate;
4. growth with input: figures on --scales times the corpus (time per MB must
   stay flat) and on one --line-mb document written on a single line.

Each measurement is a fresh process (workers.py) under ``/usr/bin/time -v``,
which gives its peak resident memory. Rates are characters per second of CPU
time by default (``--clock cpu``): on a machine shared with other work, wall
time measures the neighbours too; on an idle one the two agree. Both are
printed. Progress goes to stderr; the tables go to stdout as Markdown and to
``<workdir>/results.md``.

    python bench/run.py --mb 2                       # a smoke run, a few minutes
    python bench/run.py --mb 20                      # the full run
    python bench/run.py --mb 20 --scales 1,4 --line-mb 0 --no-peers
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import corpus as corpora

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GNU_TIME = Path("/usr/bin/time")


@dataclass(frozen=True)
class Measurement:
    """The median of one extractor's runs on one input."""

    label: str
    input: str
    chars: int
    wall: float  # median wall time of the work
    cpu: float  # median CPU time of the work
    startup: float  # median import + warm-up wall time, in neither
    found: int
    peak_rss_mb: float  # the largest of the runs'
    runs: int
    clock: str  # "cpu" or "wall": the time rates are computed from

    @property
    def seconds(self) -> float:
        return self.cpu if self.clock == "cpu" else self.wall

    @property
    def rate(self) -> float:
        """Characters per second."""
        return self.chars / self.seconds


@dataclass(frozen=True)
class Failed:
    """A measurement that did not finish (a timeout or a crash)."""

    label: str
    input: str
    chars: int
    reason: str


class Bench:
    """Runs workers.py in fresh processes, with the interpreter and source tree chosen on the command line."""

    def __init__(self, python: str, src: Path, workdir: Path, timeout: float, clock: str) -> None:
        self.python = python
        self.clock = clock
        self.env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")]))}
        self.workdir = workdir
        self.timeout = timeout

    def measure(self, extractor: str, corpus: Path, chars: int, runs: int, label: str, input_: str,
                by: str = "document") -> Measurement | Failed:
        results = []
        for number in range(runs):
            note(f"{label} on {input_}: run {number + 1} of {runs}")
            args = [str(BENCH / "workers.py"), extractor, str(corpus), "--by", by,
                    "-o", str(self.workdir / f"{corpus.stem}.{extractor}.csv")]
            try:
                result, rss_kb = self.run_once(args)
            except (subprocess.TimeoutExpired, RuntimeError) as exc:
                reason = f"timed out after {self.timeout:.0f} s" if isinstance(exc, subprocess.TimeoutExpired) else str(exc)
                note(f"  {reason}")
                return Failed(label, input_, chars, reason)
            note(f"  {result['seconds']:.2f} s wall, {result['cpu_seconds']:.2f} s CPU, "
                 f"{result['chars'] / result['cpu_seconds'] / 1e6:.3f} MB per CPU second, peak RSS {rss_kb / 1024:.0f} MB")
            results.append((result, rss_kb))
        return Measurement(
            label, input_, int(results[0][0]["chars"]),
            statistics.median(r["seconds"] for r, _ in results),
            statistics.median(r["cpu_seconds"] for r, _ in results),
            statistics.median(r["startup"] for r, _ in results),
            int(results[0][0]["found"]), max(rss for _, rss in results) / 1024, runs, self.clock,
        )

    def run_once(self, args: list[str]) -> tuple[dict[str, float], int]:
        """One worker process: its JSON result and its peak RSS in KB."""
        with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
            command = [self.python, *args]
            if GNU_TIME.exists():
                command = [str(GNU_TIME), "-v", "-o", report.name, *command]
            # a session of its own, so that a timeout ends the worker under /usr/bin/time too
            with subprocess.Popen(command, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, start_new_session=True) as process:
                try:
                    stdout, stderr = process.communicate(timeout=self.timeout)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.communicate()
                    raise
            if process.returncode != 0:
                raise RuntimeError(f"failed ({process.returncode}): {stderr.strip()[-1500:]}")
            result = json.loads(stdout.strip().splitlines()[-1])
            if GNU_TIME.exists():
                found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report.read())
                assert found, "no peak RSS in /usr/bin/time -v output"
                return result, int(found[1])
        # no GNU time: the largest RSS of any child so far, an upper bound of this one's
        return result, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def note(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def size(chars: int) -> str:
    return f"{chars / 1e6:.1f} MB" if chars >= 1e6 else f"{chars / 1e3:.0f} KB"


def ratio(a: float, b: float) -> str:
    """figures' rate over another's, to three significant figures below 10 (the floor: "0.105×")."""
    return f"{a / b:.1f}×" if a / b >= 10 else f"{a / b:.3g}×"


# -- tables ---------------------------------------------------------------------

def speed_table(rows: list[tuple[Measurement | Failed, Measurement | Failed | None]]) -> str:
    """One row per measurement; the ratio compares figures on the same input with that row."""
    lines = ["| extractor | input | chars | runs | wall s | CPU s | chars/s | MB/s | peak RSS | startup s | found "
             "| figures ÷ this |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row, figures in rows:
        if isinstance(row, Failed):
            lines.append(f"| {row.label} | {row.input} | {row.chars:,} | | {row.reason} | | | | | | | |")
            continue
        compared = ratio(figures.rate, row.rate) if isinstance(figures, Measurement) else "—"
        lines.append(
            f"| {row.label} | {row.input} | {row.chars:,} | {row.runs} | {row.wall:.2f} | {row.cpu:.2f} | "
            f"{row.rate:,.0f} | {row.rate / 1e6:.3f} | {row.peak_rss_mb:.0f} MB | {row.startup:.2f} | {row.found:,} "
            f"| {compared} |"
        )
    return "\n".join(lines)


def growth_table(rows: list[Measurement | Failed]) -> str:
    lines = ["| input | chars | runs | wall s | CPU s | s per MB | MB/s | peak RSS |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        if isinstance(row, Failed):
            lines.append(f"| {row.input} | {row.chars:,} | | {row.reason} | | | | |")
        else:
            lines.append(f"| {row.input} | {row.chars:,} | {row.runs} | {row.wall:.1f} | {row.cpu:.1f} | "
                         f"{row.seconds / (row.chars / 1e6):.2f} | {row.rate / 1e6:.3f} | {row.peak_rss_mb:.0f} MB |")
    return "\n".join(lines)


def environment(python: str, src: Path) -> str:
    commit = subprocess.run(["git", "-C", str(src), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    version = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True)
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), platform.processor())
    where = (f"the checkout at {commit.stdout.strip()}, uncommitted changes included" if commit.returncode == 0
             else "not a git checkout")
    return (f"{dt.datetime.now():%Y-%m-%d %H:%M}, {cpu}, {os.cpu_count()} CPUs, Python {version.stdout.strip()}, "
            f"figures from `{src}` ({where})")


# -- the run ----------------------------------------------------------------------

def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--mb", type=float, default=20.0, help="corpus size in MB of text (default 20)")
    options.add_argument("--runs", type=int, default=3, help="runs of figures and the floor; the median counts (default 3)")
    options.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True, help="measure the peers")
    options.add_argument("--peer-kb", type=float, default=200.0, help="size of the slice the peers get (default 200)")
    options.add_argument("--peer-runs", type=int, default=1, help="runs of each peer (default 1: they are slow)")
    options.add_argument("--peer-input", choices=("paragraph", "document"), default="paragraph",
                         help="give the peers paragraphs (default: both are faster so) or whole documents")
    options.add_argument("--scales", default="1,4,16", help="corpus multiples for the growth table (default 1,4,16)")
    options.add_argument("--line-mb", type=float, default=10.0, help="size of the one-line document (0: skip)")
    options.add_argument("--seed", type=int, default=6, help="seed of the corpus generator")
    options.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                         help="the time rates are computed from (default cpu: less disturbed by a busy machine)")
    options.add_argument("--timeout", type=float, default=3600.0, help="seconds before one run is given up")
    options.add_argument("--python", default=sys.executable, help="interpreter of the workers (default: this one)")
    options.add_argument("--src", type=Path, default=ROOT / "src", help="the figures source tree to measure")
    options.add_argument("--workdir", type=Path, default=BENCH / "out", help="corpora and outputs (default bench/out)")
    options.add_argument("--keep", action="store_true", help="keep the scaled corpora and outputs")
    args = options.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    args.workdir.mkdir(parents=True, exist_ok=True)
    bench = Bench(args.python, args.src.resolve(), args.workdir, args.timeout, args.clock)

    note(f"writing a corpus of {args.mb:g} MB")
    base = args.workdir / f"corpus-{args.mb:g}mb.jsonl"
    chars = corpora.write_corpus(base, args.mb, args.seed)
    name = f"corpus, {size(chars)}"
    figures = bench.measure("figures", base, chars, args.runs, "figures (CLI: read → extract → CSV)", name)
    speed: list[tuple[Measurement | Failed, Measurement | Failed | None]] = [(figures, None)]

    if args.peers:
        piece = args.workdir / f"slice-{args.peer_kb:g}kb.jsonl"
        piece_chars = corpora.write_slice(base, piece, int(args.peer_kb * 1000))
        piece_name = f"slice, {size(piece_chars)}"
        on_slice = bench.measure("figures", piece, piece_chars, args.runs, "figures (CLI)", piece_name)
        speed.append((on_slice, None))
        for extractor, label in [("quantulum3", f"quantulum3 `parse`, by {args.peer_input}"),
                                 ("recognizers", f"Recognizers-Text (6 models), by {args.peer_input}")]:
            speed.append((bench.measure(extractor, piece, piece_chars, args.peer_runs, label, piece_name,
                                        by=args.peer_input), on_slice))
    floor = bench.measure("floor", base, chars, args.runs, "floor: one compiled `regex` pass", name)
    speed.append((floor, figures))

    growth: list[Measurement | Failed] = []
    for scale in scales:
        if scale == 1:
            growth.append(replace(figures, input=f"1× ({size(chars)})"))
            continue
        note(f"writing a corpus of {scale}× {args.mb:g} MB")
        scaled = args.workdir / f"corpus-{args.mb * scale:g}mb.jsonl"
        scaled_chars = corpora.write_corpus(scaled, args.mb * scale, args.seed)
        growth.append(bench.measure("figures", scaled, scaled_chars, 1, "figures", f"{scale}× ({size(scaled_chars)})"))
        if not args.keep:
            scaled.unlink()
            (args.workdir / f"{scaled.stem}.figures.csv").unlink(missing_ok=True)
    if args.line_mb > 0:
        note(f"writing one document of {args.line_mb:g} MB on a single line")
        line = args.workdir / f"one-line-{args.line_mb:g}mb.jsonl"
        line_chars = corpora.write_one_line(line, args.line_mb, args.seed)
        growth.append(bench.measure("figures", line, line_chars, 1, "figures",
                                    f"one document on one line ({size(line_chars)})"))

    report = "\n\n".join([
        f"Benchmark: {environment(args.python, args.src.resolve())}.",
        f"Corpus: {chars:,} characters of generated news text (seed {args.seed}); peers on its first "
        f"{args.peer_kb:g} KB, given {args.peer_input}s. Median of the runs; rates per second of "
        f"{'CPU' if args.clock == 'cpu' else 'wall'} time; peak RSS of the whole process (`/usr/bin/time -v`). "
        "Startup (import and warm-up) is in neither time. \"figures ÷ this\": figures' rate on the same input "
        "divided by this row's.",
        "### Speed\n\n" + speed_table(speed),
        "### Growth with input (figures)\n\n" + growth_table(growth),
    ])
    print(report)
    (args.workdir / "results.md").write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
