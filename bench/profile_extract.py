"""Where figures spends its time: a per-stage breakdown and a pyinstrument profile.

Runs the real CLI path (``figures.cli.main(["extract", corpus, "-o", out.csv])``)
in this process on a generated corpus (corpus.py), twice:

1. with each pipeline stage wrapped in a CPU-time clock (the stage functions are
   replaced on their modules for this run only; a stage called inside another
   counts for the outer one): seconds and share per stage;
2. under pyinstrument: the call tree, and the functions and modules with the
   most *self* time (time in their own code, not in what they call).

Needs pyinstrument (bench/requirements.txt). Run from the bench venv:

    PYTHONPATH=src /work/benchenv/bin/python bench/profile_extract.py --mb 3
    PYTHONPATH=src /work/benchenv/bin/python bench/profile_extract.py --one-line --mb 1

It prints the tables and writes them to ``<workdir>/profile.md``, with the
whole interactive profile in ``<workdir>/profile.html`` (open it in a browser).
"""

from __future__ import annotations

import argparse
import collections
import functools
import importlib
import io
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pyinstrument import Profiler
from pyinstrument.frame import Frame

import corpus as corpora

BENCH = Path(__file__).resolve().parent

#: (stage, module, function) in the order the pipeline calls them; missing ones are skipped
STAGES = [
    ("read: JSON Lines -> documents", "figures.reading", "documents"),
    ("segment: sentences", "figures.segment", "split"),
    ("segment: sentence of a figure", "figures.segment", "index_of"),
    ("numbers: mentions", "figures.numbers", "find"),
    ("qualifiers", "figures.qualifiers", "qualify"),
    ("units", "figures.units", "unit_of"),
    ("entities", "figures.entities", "entity_of"),
    ("categories", "figures.categories", "categorise"),
    ("windows: time expressions", "figures.windows", "find_time_expressions"),
    ("windows: figure -> window", "figures.windows", "windows_for"),
    ("speakers", "figures.speakers", "speakers_for"),
    ("records: Figure models", "figures.records", "build"),
]


class StageClock:
    """CPU time per stage; time inside a nested stage counts for the outermost."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = collections.defaultdict(float)
        self.calls: dict[str, int] = collections.defaultdict(int)
        self.depth = 0

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self.depth:
                return function(*args, **kwargs)
            self.depth += 1
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[stage] += time.process_time() - started
                self.calls[stage] += 1
                self.depth -= 1
        return timed

    def wrap_generator(self, stage: str, function: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        """A generator's time is the time of each ``next()``, not of the call that makes it."""
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            items = function(*args, **kwargs)
            while True:
                started = time.process_time()
                try:
                    item = next(items)
                except StopIteration:
                    return
                finally:
                    self.seconds[stage] += time.process_time() - started
                self.calls[stage] += 1
                yield item
        return timed

    def install(self) -> list[str]:
        """Wrap every stage found; returns the ones not found."""
        missing = []
        for stage, module_name, name in STAGES:
            module = importlib.import_module(module_name)
            function = getattr(module, name, None)
            if function is None:
                missing.append(f"{module_name}.{name}")
                continue
            wrapper = self.wrap_generator if name == "documents" else self.wrap
            setattr(module, name, wrapper(stage, function))
        return missing


def extract(corpus: Path, out: Path) -> float:
    from figures.cli import main

    started = time.process_time()
    code = main(["extract", str(corpus), "-o", str(out)], io.StringIO(), io.StringIO())
    assert code == 0, f"figures extract exited {code}"
    return time.process_time() - started


def stage_table(clock: StageClock, total: float) -> str:
    lines = ["| stage | calls | seconds | share |", "|---|---:|---:|---:|"]
    for stage, _, _ in STAGES:
        if stage in clock.seconds:
            seconds = clock.seconds[stage]
            lines.append(f"| {stage} | {clock.calls[stage]:,} | {seconds:.2f} | {seconds / total:.1%} |")
    rest = total - sum(clock.seconds.values())
    lines.append(f"| the rest: CSV writing, batching, glue | | {rest:.2f} | {rest / total:.1%} |")
    lines.append(f"| **total** | | **{total:.2f}** | 100% |")
    return "\n".join(lines)


def self_times(root: Frame) -> tuple[dict[str, float], dict[str, float]]:
    """Self time per function and per figures module over the whole call tree.

    Library and built-in code (a regex match, a pydantic validation) counts for
    the nearest figures function that called it, and is named after it.
    """
    functions: dict[str, float] = collections.defaultdict(float)
    modules: dict[str, float] = collections.defaultdict(float)
    stack = [root]
    while stack:
        frame = stack.pop()
        stack.extend(frame.children)
        own = frame.total_self_time
        if frame.is_synthetic or own <= 0:
            continue
        caller = _nearest_figures_frame(frame)
        name = f"`{frame.function}` ({frame.file_path_short}:{frame.line_no})"
        if caller is not None and caller is not frame:
            name = f"`{frame.function}` ({frame.file_path_short}) in `{caller.function}` ({_module(caller)}:{caller.line_no})"
        functions[name] += own
        modules[_module(caller) if caller else "(outside figures)"] += own
    return functions, modules


def _nearest_figures_frame(frame: Frame) -> Frame | None:
    current: Frame | None = frame
    while current is not None and not _module(current):
        current = current.parent
    return current


def _module(frame: Frame) -> str:
    """``figures/x.py`` for a frame of the figures source tree, else ''."""
    path = frame.file_path or ""
    return "figures/" + path.rsplit("/figures/", 1)[1] if "/figures/" in path and "site-packages" not in path else ""


def top(seconds_by: dict[str, float], total: float, count: int) -> str:
    lines = ["| where | seconds | share |", "|---|---:|---:|"]
    for name, seconds in sorted(seconds_by.items(), key=lambda item: -item[1])[:count]:
        lines.append(f"| {name} | {seconds:.2f} | {seconds / total:.1%} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--mb", type=float, default=3.0, help="corpus size in MB of text (default 3)")
    options.add_argument("--one-line", action="store_true", help="profile one document on a single line instead")
    options.add_argument("--seed", type=int, default=6)
    options.add_argument("--top", type=int, default=25, help="rows of the self-time tables")
    options.add_argument("--workdir", type=Path, default=BENCH / "out")
    args = options.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    corpus = args.workdir / (f"one-line-{args.mb:g}mb.jsonl" if args.one_line else f"corpus-{args.mb:g}mb.jsonl")
    chars = (corpora.write_one_line if args.one_line else corpora.write_corpus)(corpus, args.mb, args.seed)
    out = args.workdir / "profile.csv"

    from figures import extract as warm_up

    warm_up("On May 7, Russia said it shot down 524 drones.", "2025-05-11")  # patterns compiled before the clock

    profiler = Profiler(interval=0.001)
    profiler.start()
    profiled = extract(corpus, out)
    profiler.stop()
    (args.workdir / "profile.html").write_text(profiler.output_html(), encoding="utf-8")

    clock = StageClock()
    missing = clock.install()
    total = extract(corpus, out)

    root = profiler.last_session.root_frame() if profiler.last_session else None
    assert root is not None, "pyinstrument recorded nothing"
    functions, modules = self_times(root)
    parts = [
        f"## Profile: `figures extract` on {corpus.name}, {chars:,} characters",
        f"Run with stage timers: {total:.2f} s CPU ({chars / total / 1e6:.3f} MB per CPU second); "
        f"under pyinstrument: {profiled:.2f} s CPU. The stage table is the truer split: pyinstrument's\n"
        "overhead per Python call inflates code that makes many small calls (speakers.py).",
        "### Time per stage\n\n" + stage_table(clock, total),
    ]
    if missing:
        parts.append(f"(stages not found in this checkout: {', '.join(missing)})")
    parts += [
        "### Time by figures module (its own code and the library and built-in calls it makes)\n\n"
        + top(modules, root.time, args.top),
        "### Self time by function\n\n" + top(functions, root.time, args.top),
        "### Call tree (pyinstrument)\n\n```\n"
        + profiler.output_text(unicode=True, color=False, show_all=False, time="percent_of_total") + "```",
        f"Full profile: {args.workdir / 'profile.html'}",
    ]
    report = "\n\n".join(parts)
    print(report)
    (args.workdir / "profile.md").write_text(report + "\n", encoding="utf-8")

if __name__ == "__main__":
    main()
