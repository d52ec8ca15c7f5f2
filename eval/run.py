"""Accuracy of figures on the evaluation sets of this folder: one table row per set.

    python eval/run.py                 # every set
    python eval/run.py unseen --show 20

Each set is ``NAME.jsonl`` (articles) with ``NAME.gold.jsonl`` (hand-made gold in the
format of the gold guideline). The articles are extracted in this process and scored with
``figures.scoring``, as ``figures score`` does. See README.md here for what each set is.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from figures import extract_many
from figures.errors import InputError
from figures.export.files import write
from figures.scoring import load, report, score

HERE = Path(__file__).resolve().parent
FIELDS = ("qualifier", "unit", "entity", "category", "time", "speaker")


def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("sets", nargs="*", help="set names (default: every NAME.gold.jsonl here)")
    options.add_argument("--show", type=int, default=0, help="list this many misses and errors per set")
    args = options.parse_args(argv)
    names = args.sets or sorted(p.name[: -len(".gold.jsonl")] for p in HERE.glob("*.gold.jsonl"))
    print("| set | docs | gold | P | R | F1 | " + " | ".join(FIELDS) + " | all fields |")
    print("|---|---:|---:|---:|---:|---:|" + "---:|" * len(FIELDS) + "---:|")
    details = []
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            results = list(extract_many([HERE / f"{name}.jsonl"]))
            bad = [r for r in results if isinstance(r, InputError)]
            if bad:
                raise SystemExit(f"{name}: {bad[0]}")
            predicted = Path(folder) / f"{name}.jsonl"
            write([figure for _, figures in results for figure in figures], predicted)  # type: ignore[misc]
            documents = results
            result = score(load(HERE / f"{name}.gold.jsonl"), load(predicted))
            fields = " | ".join(f"{result.fields[field]:.3f}" for field in FIELDS)
            print(f"| {name} | {len(documents)} | {result.gold} | {result.precision:.3f} | {result.recall:.3f} | "
                  f"{result.f1:.3f} | {fields} | {result.all_fields_right:.3f} |")
            if args.show:
                details.append(f"\n## {name}\n\n{report(result, args.show)}")
    print("".join(details))


if __name__ == "__main__":
    main()
