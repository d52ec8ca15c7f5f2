"""The command line: a thin shell over the library.

``main(argv, stdout, stderr)`` returns the exit code, so tests can run any
command with their own streams. Errors are one line; ``-v`` adds the traceback.
Exit codes: 0 all well; 1 something failed (a document, a row); 2 misuse.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import sys
import traceback
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING

from . import __version__, diffing, scoring
from .compare import compare, compare_views, read_synonyms
from .errors import ExportError, FiguresError, InputError, SettingError
from .export import files, frame, report
from .export.package import open_package
from .models import decimal_text
from .pipeline import extract_many
from .progress import Progress
from .stats import FACETS, stats
from .verify import verify

if TYPE_CHECKING:  # pandas is imported where it is used: extracting never loads it (0.2 s)
    import pandas as pd

PROG = "figures"

EXTRACT_HELP = """\
Read articles and write one row per numeric claim.

PATH may be a .txt file (one article), a folder (read recursively, in sorted
order) or a .jsonl corpus (one article per line: id, text, optional published,
url, source). The output format follows the suffix of -o:

  .csv      for spreadsheets: UTF-8 with BOM, formula-safe
  .jsonl    one figure per line, exact decimals as strings
  .xlsx     a workbook: figures (typed, filterable) and documents sheets
  .parquet  typed columns for data teams

--package DIR writes a Frictionless data package: plain CSV of figures and
documents, described by a datapackage.json generated from the models. Without
-o or --package, CSV goes to standard output. Files appear whole or not at all.

A document's date (to resolve "yesterday" or "May 7") comes from its
'published' field, else its own header, else --published.

examples:
  figures extract seeds/ -o claims.csv
  figures extract corpus.jsonl -o claims.jsonl --published 2025-05-11
  figures extract seeds/ -o claims.xlsx --package claims/
"""

SCORE_HELP = """\
Score an export against hand-checked gold (JSON Lines in the format of the
gold guideline): precision, recall and F1 of detection, and the accuracy of
each field (qualifier, unit, entity, category, time, speaker) over the
figures both agree on. A predicted figure matches a gold one in the same
document when their spans overlap and their numbers agree.

examples:
  figures score gold.jsonl claims.csv
  figures score gold.jsonl claims.jsonl --show 20
  figures score gold.jsonl claims.parquet --json
"""

DIFF_HELP = """\
Compare two exports of the same corpus: figures added, removed and changed,
field by field. Figures are matched by id, then by overlapping spans.
--fail-on-change exits 1 when anything differs, for CI.

examples:
  figures diff before.csv after.csv
  figures diff snapshot.jsonl new.jsonl --fail-on-change --json
"""

REPORT_HELP = """\
Write a review page: one self-contained HTML file (works offline, loads nothing)
with every article and its figures highlighted in place, coloured by category.
Click a figure for its value, bounds, unit, entity, time window and speaker.
A table of all figures filters by article, category and speaker and sorts by
value; a timeline shows the figures' time windows by category; a last section
sets the claims that several sources make side by side (see figures compare).

examples:
  figures report seeds/ -o report.html
  figures report corpus.jsonl -o review.html --published 2025-05-11 --title "Ceasefire claims"
"""

COMPARE_HELP = """\
Who says how many: group the figures of a dataset that speak of the same
quantity (same category, same counted thing once synonyms are read, units of
one dimension, time windows that do not conflict) and set every source's
number side by side: how many independent sources give it, the value they
agree on, or the spread and who disagrees.

One row per claim; --long gives one row per figure with its group. Claims
that only one figure makes are left out unless --singles.

examples:
  figures compare claims.csv
  figures compare claims.jsonl -o compared.csv --long
  figures compare claims.csv --tolerance 0.2 --synonyms my_synonyms.tsv
"""

STATS_HELP = """\
Size up a dataset: how many figures per category (or speaker, unit, document,
qualifier, entity), and for each unit the sum, min and max of the values.
Ranges count toward min and max, not the sum.

examples:
  figures stats claims.csv
  figures stats claims.parquet --by speaker --json
"""

VERIFY_HELP = """\
Re-read the sources of an export and check every row: the surface against the
text at its offsets, the value against the surface, and the time and speaker
spans. Prints one line per problem and exits 1 if there is any.

example:
  figures verify claims.csv --sources seeds/
"""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {text!r}") from None


class _UsageError(Exception):
    """A command line that does not parse: its message is argparse's."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}")


def parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    top = _Parser(
        prog=PROG, description="Extract every numeric claim from news articles into a typed, source-checked table.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser("extract", help="extract figures from articles", description=EXTRACT_HELP,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    extract.add_argument("paths", nargs="+", metavar="PATH", help=".txt file, folder or .jsonl corpus")
    extract.add_argument("-o", "--output", metavar="OUT",
                         help="output file: .csv, .jsonl, .xlsx or .parquet (default: CSV on stdout)")
    extract.add_argument("--package", metavar="DIR", help="also write a Frictionless data package into DIR")
    extract.add_argument("--published", type=_date, metavar="DATE",
                         help="date of documents that give none (YYYY-MM-DD)")
    extract.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                         help="worker processes (0: one per CPU); the output is the same as with one")
    extract.add_argument("-q", "--quiet", action="store_true", help="no progress line on a terminal")
    extract.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict",
                         help="what to do with bytes that are not UTF-8: fail the document (default) or replace them")
    extract.add_argument("-v", "--verbose", action="store_true", help="show tracebacks of errors")

    check = commands.add_parser("verify", help="check an export against its sources", description=VERIFY_HELP,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("dataset", metavar="DATASET", help="an export: .csv or .jsonl")
    check.add_argument("--sources", nargs="+", required=True, metavar="PATH", help="the articles it was made from")
    check.add_argument("-v", "--verbose", action="store_true", help="show tracebacks of errors")

    grade = commands.add_parser("score", help="score an export against gold", description=SCORE_HELP,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    grade.add_argument("gold", metavar="GOLD", help="gold figures: .jsonl (or .csv)")
    grade.add_argument("pred", metavar="PRED", help="an export: .csv, .jsonl or .parquet")
    grade.add_argument("--docs", metavar="A,B", help="score only these documents (default: all gold documents)")
    grade.add_argument("--show", type=int, default=0, metavar="N", help="list up to N misses, spurious figures and field errors")
    grade.add_argument("--json", action="store_true", help="print the summary as JSON")
    grade.add_argument("-v", "--verbose", action="store_true", help="show tracebacks of errors")

    changes = commands.add_parser("diff", help="figures added, removed and changed between two exports",
                                  description=DIFF_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    changes.add_argument("old", metavar="OLD", help="the earlier export")
    changes.add_argument("new", metavar="NEW", help="the later export")
    changes.add_argument("--fail-on-change", action="store_true", help="exit 1 when anything differs")
    changes.add_argument("--json", action="store_true", help="print JSON")
    changes.add_argument("-v", "--verbose", action="store_true", help="show tracebacks of errors")

    review = commands.add_parser("report", help="write an HTML page to review figures in their articles",
                                 description=REPORT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    review.add_argument("paths", nargs="+", metavar="PATH", help=".txt file, folder or .jsonl corpus")
    review.add_argument("-o", "--output", required=True, metavar="OUT", help="the page to write (.html)")
    review.add_argument("--title", default="figures — review", help="the page's title")
    review.add_argument("--published", type=_date, metavar="DATE",
                        help="date of documents that give none (YYYY-MM-DD)")
    review.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (0: one per CPU)")
    review.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict",
                        help="what to do with bytes that are not UTF-8")
    review.add_argument("-v", "--verbose", action="store_true", help="show tracebacks of errors")

    claims = commands.add_parser("compare", help="who says how many: one claim across sources",
                                 description=COMPARE_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    claims.add_argument("dataset", metavar="DATASET", help="an export: .csv, .jsonl or .parquet")
    claims.add_argument("-o", "--output", metavar="OUT", help="output file: .csv or .jsonl (default: CSV on stdout)")
    claims.add_argument("--long", action="store_true", help="one row per figure instead of one per claim")
    claims.add_argument("--singles", action="store_true", help="keep claims that only one figure makes")
    claims.add_argument("--tolerance", default="0.1", metavar="SHARE",
                        help="how far 'about' reaches, as a share of the value (default: 0.1, i.e. ±10%%)")
    claims.add_argument("--synonyms", metavar="TSV",
                        help="more synonyms of counted things, in the format of data/synonyms.tsv")
    claims.add_argument("-v", "--verbose", action="store_true", help="show tracebacks of errors")

    facets = commands.add_parser("stats", help="count figures by a facet; sum, min, max by unit",
                                 description=STATS_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    facets.add_argument("dataset", metavar="DATASET", help="an export: .csv, .jsonl or .parquet")
    facets.add_argument("--by", choices=FACETS, default="category", help="the facet to count by (default: category)")
    shape = facets.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print JSON")
    shape.add_argument("--csv", action="store_true", help="print CSV: facet, key, figures, ranges, sum, min, max")
    facets.add_argument("-v", "--verbose", action="store_true", help="show tracebacks of errors")
    return top


def _extract(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    failures = 0
    with contextlib.ExitStack() as outputs:
        writers: list[files.Writer] = []
        if args.output:
            writers.append(outputs.enter_context(files.open_output(args.output)))
        if args.package:
            writers.append(outputs.enter_context(open_package(args.package)))
        if not writers:
            writers.append(files.writer(stdout, "csv"))
        progress = Progress(stderr, _input_bytes(args.paths), enabled=False if args.quiet else None)
        for item in extract_many(args.paths, args.published, args.encoding_errors, args.jobs):
            if isinstance(item, InputError):
                failures += 1
                progress.update(errors=1)
                _clear_line(progress, stderr)
                stderr.write(f"{PROG}: error: {item}\n")
                continue
            for out in writers:
                out.add(*item)
            progress.update(documents=1, figures=len(item[1]), chars=len(item[0].text))
        progress.close()
    if failures:
        stderr.write(f"{PROG}: {failures} document(s) could not be read; the others were written\n")
    return 1 if failures else 0


def _input_bytes(paths: Sequence[str]) -> int:
    """The size of the input files, for the progress line's percentage (0 if unknown)."""
    total = 0
    for raw in paths:
        for root, _, names in os.walk(raw) if os.path.isdir(raw) else [("", [], [raw])]:
            for name in names:
                with contextlib.suppress(OSError):
                    total += os.path.getsize(os.path.join(root, name))
    return total


def _clear_line(progress: Progress, stream: IO[str]) -> None:
    if progress.documents and stream.isatty():
        stream.write("\r" + " " * 78 + "\r")


def _verify(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    dataset = files.read(args.dataset)
    problems, errors = verify(dataset, args.sources)
    for error in errors:
        stderr.write(f"{PROG}: error: {error}\n")
    for problem in problems:
        stdout.write(f"{args.dataset}: {problem}\n")
    if problems or errors:
        stdout.write(f"{len(problems)} problem(s) in {len(dataset)} row(s)\n")
        return 1
    stdout.write(f"ok: {len(dataset)} row(s) match their sources\n")
    return 0


def _stats(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    result = stats(files.read(args.dataset), args.by)
    data = result.as_dict()
    if args.json:
        stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 0
    if args.csv:
        out = csv.writer(stdout, lineterminator="\n")
        out.writerow(["facet", "key", "figures", "ranges", "sum", "min", "max"])
        for row in data["counts"]:
            out.writerow([args.by, row[args.by], row["figures"], "", "", "", ""])
        for row in data["units"]:
            out.writerow(["unit", row["unit"], row["figures"], row["ranges"], row["sum"] or "", row["min"] or "",
                          row["max"] or ""])
        return 0
    stdout.write(f"{data['figures']} figure(s) in {data['documents']} document(s)\n\n")
    stdout.write(_table([args.by, "figures"], [[r[args.by], r["figures"]] for r in data["counts"]]))
    stdout.write("\n")
    columns = ["unit", "figures", "ranges", "sum", "min", "max"]
    stdout.write(_table(columns, [[r[c] for c in columns] for r in data["units"]]))
    return 0


def _table(header: list[str], rows: list[list[object]]) -> str:
    """A plain aligned text table: the key column left, the numbers right."""
    cells = [header] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for row in cells:
        parts = [row[0].ljust(widths[0])] + [cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(parts).rstrip() + "\n")
    return "".join(lines)


def _score(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    docs = set(args.docs.split(",")) if args.docs else None
    result = scoring.score(scoring.load(args.gold), scoring.load(args.pred), docs)
    if args.json:
        if args.show:
            stdout.write(scoring.report(result, args.show).rsplit("gold ", 1)[0])
        stdout.write(json.dumps(result.summary()) + "\n")
    else:
        stdout.write(scoring.report(result, args.show))
    return 0


def _diff(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    result = diffing.diff(files.read(args.old), files.read(args.new))
    if args.json:
        stdout.write(json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        stdout.write(result.report())
    return 1 if args.fail_on_change and result.any else 0


def _report(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    items, failures = [], 0
    for item in extract_many(args.paths, args.published, args.encoding_errors, args.jobs):
        if isinstance(item, InputError):
            failures += 1
            stderr.write(f"{PROG}: error: {item}\n")
        else:
            items.append(item)
    everything = [f for _, found in items for f in found]
    dataset = frame(everything)
    groups, members = compare_views(dataset)  # one grouping for both tables
    section = report.claims_section(groups.to_dict("records"), members.to_dict("records"), {f.id: f for f in everything})
    count = report.write_report(items, args.output, title=args.title, sections=[section])
    stdout.write(f"{args.output}: {count} figure(s) in {len(items)} article(s)\n")
    if failures:
        stderr.write(f"{PROG}: {failures} document(s) could not be read; the others were written\n")
    return 1 if failures else 0


def _claim_cell(value: object) -> object:
    """A cell of the compare table, ready to write: exact decimals as plain text, dates in ISO."""
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _write_claims(claims: pd.DataFrame, stream: IO[str], fmt: str) -> None:
    """The compare table as spreadsheet-safe CSV (as extract writes it) or as JSON Lines."""
    if fmt == "jsonl":
        for row in claims.to_dict("records"):
            stream.write(json.dumps({k: _claim_cell(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
        return
    stream.write("\ufeff")
    out = csv.writer(stream, lineterminator="\r\n")
    out.writerow(claims.columns)
    for row in claims.itertuples(index=False):
        out.writerow(["" if v is None else files.escape_cell(v) if isinstance(v, str) else str(_claim_cell(v))
                      for v in row])


def _compare(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    synonyms = {**read_synonyms(), **read_synonyms(args.synonyms)} if args.synonyms else None
    claims = compare(files.read(args.dataset), synonyms=synonyms, tolerance=args.tolerance,
                     long=args.long, singles=args.singles)
    if args.output is None:
        _write_claims(claims, stdout, "csv")
        return 0
    fmt = Path(args.output).suffix.lower().lstrip(".")
    if fmt not in ("csv", "jsonl"):
        raise ExportError(f"{args.output}: unknown format {'.' + fmt if fmt else '(none)'!r}; use .csv or .jsonl")
    with files.atomic_writer(args.output) as stream:
        _write_claims(claims, stream, fmt)
    return 0


COMMANDS = {"extract": _extract, "report": _report, "verify": _verify, "score": _score, "diff": _diff, "compare": _compare,
            "stats": _stats}


def main(argv: Sequence[str] | None = None, stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        args = parser().parse_args(argv)
    except _UsageError as exc:
        stderr.write(f"{exc}\n(see '{PROG} --help')\n")
        return 2
    except SystemExit as exc:  # --help and --version print and exit
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command](args, stdout, stderr)
    except BrokenPipeError:  # "figures extract ... | head": the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (FiguresError, OSError) as exc:
        if getattr(args, "verbose", False):
            traceback.print_exc(file=stderr)
        stderr.write(f"{PROG}: error: {exc}\n")
        return 2 if isinstance(exc, SettingError) else 1
    except KeyboardInterrupt:
        stderr.write(f"{PROG}: interrupted; nothing was left half-written\n")
        return 130
