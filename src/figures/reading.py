"""Stage 1: files, folders and JSON Lines corpora -> documents.

* A ``.txt`` file is one document; its id is the file name without extension.
* A folder is read recursively, its ``.txt``/``.jsonl`` files in sorted order.
* A ``.jsonl`` file holds one article per line: ``id``, ``text``, optional
  ``published`` (ISO date), ``url`` and ``source``.

Text is decoded as UTF-8 (a leading BOM dropped, nothing else changed: CRLF
stays CRLF), so offsets point into the text exactly as read. A document's date
comes from ``published``, else its own header (see :func:`header_date`), else
the fallback given by the caller, else none.

Reading never stops at a bad document: :func:`documents` yields an
:class:`~figures.errors.InputError` in its place and goes on.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import regex

from .errors import InputError
from .lexicon import month_numbers, month_pattern
from .models import Document

#: how far into a document its header may give the date
HEADER_CHARS = 400
SUFFIXES = (".txt", ".jsonl")
ENCODING_ERRORS = ("strict", "replace")


@cache
def _date_patterns() -> list[regex.Pattern[str]]:
    month = month_pattern()
    return [
        regex.compile(r"(?i:\bdate[:\s]+)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
        regex.compile(rf"(?i:\b(?P<month>{month})\.?)\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b"),
        regex.compile(rf"\b(?P<d>\d{{1,2}})\.?\s+(?i:(?P<month>{month})\.?)\s+(?P<y>\d{{4}})\b"),
        regex.compile(r"(?<![\d-])(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d])"),
        regex.compile(r"/(?P<y>(?:19|20)\d{2})/?(?P<m>\d{2})/?(?P<d>\d{2})(?:/|\b)"),
    ]


def header_date(text: str) -> dt.date | None:
    """The publication date a document gives in its first lines, if any.

    Understood: ``date 2025-05-11``, ``May 29, 2025`` (month names in any language
    listed in ``data/months.tsv``, e.g. ``Mayıs 29, 2025``), ``29 May 2025``, an
    ISO date, and a date inside a URL (``/20250510/`` or ``/2025/05/10/``).
    """
    head = text[:HEADER_CHARS]
    for pattern in _date_patterns():
        for match in pattern.finditer(head):
            groups = match.groupdict()
            month = month_numbers()[groups["month"].lower()] if groups.get("month") else int(groups["m"])
            try:
                return dt.date(int(groups["y"]), month, int(groups["d"]))
            except ValueError:
                continue
    return None


def decode(data: bytes, path: str, encoding_errors: str = "strict") -> str:
    """UTF-8 text of a file's bytes, a leading BOM dropped; an error names the byte offset."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        raise InputError(path, "is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")
    if b"\x00" in data[:8192] and encoding_errors == "strict":
        raise InputError(path, "looks binary (it holds NUL bytes), not UTF-8 text")
    try:
        text = data.decode("utf-8", errors=encoding_errors)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"is not valid UTF-8 at byte {exc.start} "
                               "(use --encoding-errors replace to read it anyway)") from None
    return text[1:] if text.startswith("\ufeff") else text


def document(doc_id: str, text: str, published: dt.date | None, fallback: dt.date | None,
             url: str | None, source: str | None) -> Document:
    """A document as the reader makes it: its date from ``published``, else its header or url, else ``fallback``."""
    date = published or header_date(text) or (header_date(url) if url else None) or fallback
    return Document(id=doc_id, text=text, published=date, url=url, source=source)


def read_text_file(path: Path, fallback: dt.date | None = None, encoding_errors: str = "strict") -> Document:
    """One ``.txt`` file as a document."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read: {exc.strerror or exc}") from None
    text = decode(data, str(path), encoding_errors)
    if not text.strip():
        raise InputError(str(path), "is empty (no text to read)")
    return document(path.stem, text, None, fallback, None, str(path))


def read_jsonl(path: Path, fallback: dt.date | None = None,
               encoding_errors: str = "strict") -> Iterator[Document | InputError]:
    """The documents of a JSON Lines corpus, an error in place of each bad line."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot be read: {exc.strerror or exc}")
        return
    with handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                line = decode(raw, str(path), encoding_errors)
                yield _from_json(line, path, number, fallback)
            except InputError as exc:
                yield InputError(str(path), exc.problem.removeprefix("is "), number) if exc.line is None else exc


def _from_json(line: str, path: Path, number: int, fallback: dt.date | None) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"is not valid JSON ({exc.msg}, column {exc.colno})", number) from None
    if not isinstance(record, dict):
        raise InputError(str(path), "is not a JSON object", number)
    doc_id, text = record.get("id"), record.get("text")
    if not isinstance(doc_id, (str, int)) or str(doc_id) == "":
        raise InputError(str(path), "has no 'id' (a non-empty string)", number)
    if not isinstance(text, str):
        raise InputError(str(path), "has no 'text' (a string)", number)
    published = record.get("published")
    date = None
    if published not in (None, ""):
        try:
            date = dt.date.fromisoformat(str(published)[:10])
        except ValueError:
            raise InputError(str(path), f"has a 'published' that is not an ISO date: {published!r}", number) from None
    url = record.get("url") if isinstance(record.get("url"), str) else None
    source = record.get("source") if isinstance(record.get("source"), str) else f"{path}:{number}"
    return document(str(doc_id), text, date, fallback, url, source)


def expand(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Files named by ``paths``: folders walked recursively in sorted order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
            except OSError as exc:
                yield InputError(str(path), f"cannot be listed: {exc.strerror or exc}")
                continue
            yield from found
        elif path.exists():
            yield path
        else:
            yield InputError(str(path), "does not exist")


def documents(paths: Iterable[str | Path], published: dt.date | None = None,
              encoding_errors: str = "strict") -> Iterator[Document | InputError]:
    """Every document under ``paths`` in order, an :class:`InputError` in place of each bad one."""
    if encoding_errors not in ENCODING_ERRORS:
        raise ValueError(f"encoding_errors must be one of {ENCODING_ERRORS}, not {encoding_errors!r}")
    for path in expand(paths):
        if isinstance(path, InputError):
            yield path
        elif path.suffix.lower() == ".jsonl":
            yield from read_jsonl(path, published, encoding_errors)
        else:
            try:
                yield read_text_file(path, published, encoding_errors)
            except InputError as exc:
                yield exc
