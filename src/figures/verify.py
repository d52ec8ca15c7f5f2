"""Check an export against its sources: every span, and every value against its surface.

For every row: the document exists among the sources; ``text[start:end] == surface``;
the number(s) written in the surface give the row's value (or bounds); and where
set, ``text[time_text_start:time_text_end] == time_text`` and the speaker's span
names the speaker.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from . import numbers, reading
from .errors import InputError

if TYPE_CHECKING:  # pandas is imported where it is used: extracting never loads it (0.2 s)
    import pandas as pd

_SCALES = tuple(Decimal(10) ** k for k in (0, 3, 6, 9, 12))


@dataclass(frozen=True)
class Problem:
    """One row that does not match its source."""

    row: int
    figure_id: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row} ({self.figure_id}): {self.message}"


def _written_values(surface: str) -> set[Decimal]:
    values: set[Decimal] = set()
    for mention in numbers.find(surface) + numbers.find(f"about {surface} things"):
        for value in (mention.value, mention.high):
            if value is not None:
                values.update(value * scale for scale in _SCALES)
    return values


def _words(text: str) -> set[str]:
    return {w.strip(".,'’\"“”").removesuffix("’s").removesuffix("'s").lower() for w in text.split()} - {""}


def _speaker_matches(span: str, speaker: str, text: str) -> bool:
    """The span names the speaker, or refers to one (``he``, ``Kremlin negotiator``) whom the
    document names elsewhere: every word of the speaker's name is in the document."""
    if not span.strip() or span != span.strip():
        return False
    if _words(span) & _words(speaker):
        return True
    return _words(speaker) <= _words(text)


def check_row(number: int, row: pd.Series, text: str) -> list[Problem]:
    """Problems of one export row against its document's text."""
    import pandas as pd

    found: list[Problem] = []
    fid = str(row["id"])

    def problem(message: str) -> None:
        found.append(Problem(number, fid, message))

    start, end, surface = row["start"], row["end"], row["surface"]
    if pd.isna(start) or pd.isna(end) or pd.isna(surface):
        problem("start, end and surface are required")
        return found
    actual = text[int(start):int(end)]
    if actual != surface:
        problem(f"surface {surface!r} but the source has {actual!r} at {start}-{end}")
        return found
    written = _written_values(str(surface))
    for field in ("value", "low", "high"):
        value = row[field]
        if value is not None and not pd.isna(value) and Decimal(str(value)) not in written:
            problem(f"{field} {value} is not a number written in {surface!r}")
    for kind, text_field, s_field, e_field in (("time", "time_text", "time_text_start", "time_text_end"),
                                              ("speaker", "speaker", "speaker_start", "speaker_end")):
        s, e, value = row[s_field], row[e_field], row[text_field]
        if pd.isna(s) or pd.isna(e):
            continue
        span = text[int(s):int(e)]
        if kind == "time" and span != value:
            problem(f"time_text {value!r} but the source has {span!r} at {s}-{e}")
        if kind == "speaker" and (pd.isna(value) or not _speaker_matches(span, str(value), text)):
            problem(f"speaker {value!r} is not named by {span!r} at {s}-{e}")
    return found


def verify(dataset: pd.DataFrame, sources: Iterable[str | Path]) -> tuple[list[Problem], list[InputError]]:
    """Problems of every row of ``dataset`` against the documents under ``sources``."""
    texts: dict[str, str] = {}
    errors: list[InputError] = []
    for item in reading.documents(sources):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            texts[item.id] = item.text
    problems: list[Problem] = []
    for number, (_, row) in enumerate(dataset.iterrows(), 1):
        doc = str(row["doc"])
        if doc not in texts:
            problems.append(Problem(number, str(row["id"]), f"document {doc!r} is not among the sources"))
            continue
        problems.extend(check_row(number, row, texts[doc]))
    return problems, errors
