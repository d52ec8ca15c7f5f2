"""One measurement in a fresh process; `run.py` starts this under ``/usr/bin/time -v``.

    python bench/workers.py EXTRACTOR CORPUS [-o OUT] [--by paragraph]

EXTRACTOR is ``figures`` (the CLI path: ``figures.cli.main(["extract", CORPUS,
"-o", OUT])``), ``quantulum3``, ``recognizers`` or ``floor``. Each worker first
imports and warms up its extractor on the same short article (loading models,
compiling patterns; figures through the CLI path it is timed on), then times
only the work on CORPUS. It prints one JSON object:

    {"seconds": wall time of the work, "cpu_seconds": its CPU time (user + system),
     "chars": text size, "found": results, "startup": import + warm-up wall time}

The peers and the floor get the texts already in memory (they have no reader
and no writer), whole documents or, with ``--by paragraph``, paragraph by
paragraph (both peers are faster so: Recognizers-Text's date-time model grows
faster than linearly with the length of its input). figures reads the JSON
Lines itself and writes the CSV, as its users do.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: What every extractor is warmed up on before the clock starts: a short article in the corpus's
#: styles (headline, dateline, quotes, reported speech, dates, money, ranges), so that work done
#: once, on first use (loading a model, compiling a pattern), is out of the timed run. A single
#: sentence left some of figures' patterns to be compiled inside the timed run (about 0.04 s,
#: a fifth of the time on the 200 KB slice).
WARM_UP = """Drones Hit Kyiv As Talks Stall, Officials Say

KYIV, May 7 (Reuters) - Russia launched 524 drones and 12 missiles at Ukraine overnight, Ukraine's air \
force said on Wednesday. The strikes caused nearly $1.1 billion of damage, up 3% from April.

"We counted more than 5,000 violations," President Volodymyr Zelensky told reporters. He said about \
1,000 prisoners would be exchanged next week.

In all, 27 heads of state attended the summit in 2024, between 10 and 15 km from the border, according \
to the ministry. Talks will resume within two weeks, Kremlin spokesman Dmitry Peskov said."""



@dataclass
class Result:
    seconds: float  # wall time of the timed work only
    cpu_seconds: float  # CPU time of the same: what a busy machine does not inflate
    chars: int  # characters of article text processed
    found: int  # what the extractor returned: figures' CSV rows, the peers' results, the floor's matches
    startup: float = 0.0  # import and warm-up, not timed in ``seconds``


class Clock:
    """Wall and CPU time since it was made."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def read(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


#: an extractor, already imported and warmed up: (corpus, output, by) -> its result
Run = Callable[[Path, Path | None, str], Result]


def documents_of(corpus: Path) -> list[str]:
    with corpus.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def chars_of(corpus: Path) -> int:
    """Characters of text in a corpus, read line by line (not to add to the worker's peak memory)."""
    with corpus.open(encoding="utf-8") as lines:
        return sum(len(json.loads(line)["text"]) for line in lines if line.strip())


def texts_of(corpus: Path, by: str) -> tuple[list[str], int]:
    """The texts to give a peer (documents or their paragraphs) and the characters of the documents."""
    documents = documents_of(corpus)
    chars = sum(map(len, documents))
    if by == "paragraph":
        return [p for d in documents for p in d.split("\n\n") if p.strip()], chars
    return documents, chars


def figures_cli() -> Run:
    from figures.cli import main

    with tempfile.TemporaryDirectory() as folder:  # the timed path, once: read -> extract -> CSV
        warm = Path(folder) / "warm-up.jsonl"
        warm.write_text(json.dumps({"id": "warm-up", "text": WARM_UP}) + "\n", encoding="utf-8")
        main(["extract", str(warm), "-o", str(Path(folder) / "warm-up.csv")], io.StringIO(), io.StringIO())

    def run(corpus: Path, out: Path | None, by: str) -> Result:
        assert out is not None, "figures writes a CSV: give -o OUT"
        errors = io.StringIO()
        clock = Clock()
        code = main(["extract", str(corpus), "-o", str(out)], io.StringIO(), errors)
        seconds, cpu_seconds = clock.read()
        if code != 0:
            raise SystemExit(f"figures extract failed ({code}): {errors.getvalue()[:2000]}")
        return Result(seconds, cpu_seconds, chars_of(corpus), count_csv_rows(out))

    return run


def count_csv_rows(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as rows:
        return sum(1 for _ in csv.reader(rows)) - 1


def quantulum3() -> Run:
    from quantulum3 import parser

    parser.parse(WARM_UP)  # loads the unit classifier

    def run(corpus: Path, out: Path | None, by: str) -> Result:
        texts, chars = texts_of(corpus, by)
        clock = Clock()
        found = sum(len(parser.parse(text)) for text in texts)
        return Result(*clock.read(), chars, found)

    return run


def recognizers() -> Run:
    """Microsoft Recognizers-Text, English: the number, number-with-unit and date-time models."""
    from recognizers_date_time import DateTimeRecognizer
    from recognizers_number import NumberRecognizer
    from recognizers_number_with_unit import NumberWithUnitRecognizer
    from recognizers_text import Culture

    units = NumberWithUnitRecognizer(Culture.English)
    models = [
        NumberRecognizer(Culture.English).get_number_model(),
        units.get_currency_model(), units.get_dimension_model(), units.get_age_model(), units.get_temperature_model(),
        DateTimeRecognizer(Culture.English).get_datetime_model(),
    ]
    for model in models:
        model.parse(WARM_UP)

    def run(corpus: Path, out: Path | None, by: str) -> Result:
        texts, chars = texts_of(corpus, by)
        clock = Clock()
        found = sum(len(model.parse(text)) for text in texts for model in models)
        return Result(*clock.read(), chars, found)

    return run


def floor() -> Run:
    """The least any extractor must do: one pass of one compiled pattern over every digit run and number word."""
    import regex

    rows = (ROOT / "src" / "figures" / "data" / "number_words.tsv").read_text(encoding="utf-8").splitlines()
    words = sorted({row.split("\t")[0] for row in rows if row.strip() and not row.startswith("#")}, key=len, reverse=True)
    pattern = regex.compile(rf"\d+|\b(?:{'|'.join(map(regex.escape, words))})\b", regex.IGNORECASE)

    def run(corpus: Path, out: Path | None, by: str) -> Result:
        texts, chars = texts_of(corpus, by)
        clock = Clock()
        found = sum(1 for text in texts for _ in pattern.finditer(text))
        return Result(*clock.read(), chars, found)

    return run


EXTRACTORS: dict[str, Callable[[], Run]] = {
    "figures": figures_cli, "quantulum3": quantulum3, "recognizers": recognizers, "floor": floor,
}


def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("extractor", choices=EXTRACTORS)
    options.add_argument("corpus", type=Path, help="a JSON Lines corpus")
    options.add_argument("-o", "--output", type=Path, help="figures' CSV")
    options.add_argument("--by", choices=("document", "paragraph"), default="document",
                         help="how the peers and the floor are given the text")
    args = options.parse_args(argv)
    started = time.perf_counter()
    run = EXTRACTORS[args.extractor]()
    startup = time.perf_counter() - started
    result = run(args.corpus, args.output, args.by)
    result.startup = startup
    print(json.dumps(asdict(result)))


if __name__ == "__main__":
    main()
