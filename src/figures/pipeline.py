"""The only module that composes the stages, in the one direction data flows:

reading -> segment (sentences) -> numbers -> qualifiers -> units and entities
(counted thing) -> categories -> windows (time) -> speakers -> records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import categories, engines, entities, numbers, qualifiers, reading, records, segment, speakers, units, windows
from .errors import InputError
from .lexicon import as_ascii
from .models import Document, Figure, published_date


@dataclass(frozen=True, slots=True)
class _Draft:
    start: int
    end: int
    sentence: int
    q: qualifiers.Qualified
    unit: str | None
    entity: str | None
    category: str


#: A document longer than this many characters is read in pieces of about this size (see
#: :func:`pieces`), so that what the stages hold for it stays bounded: a scraped 50 MB page is read
#: as fifty of 1 MB (its text and its figures are still held whole).
PIECE_CHARS = 1_000_000
#: The offsets of a figure other than ``start``/``end``: a piece's figures are moved by its start.
_OFFSETS = ("time_text_start", "time_text_end", "speaker_start", "speaker_end")


def extract_document(document: Document) -> list[Figure]:
    """Every figure of one document, in order of position.

    A document longer than :data:`PIECE_CHARS` is read piece by piece (:func:`pieces`). What
    one piece says is not context for the next: a surname named in full only in an earlier
    piece stays a surname, a pronoun at a piece's start has no antecedent, and a sentence
    that continues the one before a cut takes no window from it.
    """
    text = document.text
    if len(text) <= PIECE_CHARS:
        return _extract_text(document.id, text, document.published)
    figures: list[Figure] = []
    for start, end in pieces(text, PIECE_CHARS):
        found = _extract_text(document.id, text[start:end], document.published)
        figures += [_moved(figure, start, document.id) for figure in found] if start else found
    return figures


def pieces(text: str, size: int) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` that tile ``text``, each at most about ``size`` characters.

    A piece ends where a paragraph begins, if one begins in its second half; else where
    a sentence begins (sentences are short: :data:`figures.segment.MAX_SENTENCE`).
    """
    spans: list[tuple[int, int]] = []
    start = 0
    paragraph_cut: int | None = None
    previous: int | None = None
    for sentence in sorted(segment.split(text), key=lambda s: s.start):
        if sentence.end - start > size and sentence.start > start:
            cut = paragraph_cut if paragraph_cut is not None else sentence.start
            spans.append((start, cut))
            start, paragraph_cut = cut, None
        if sentence.paragraph != previous and sentence.start > start + size // 2:
            paragraph_cut = sentence.start
        previous = sentence.paragraph
    spans.append((start, len(text)))
    return spans


def _moved(figure: Figure, by: int, doc: str) -> Figure:
    """A figure found in a piece, with its offsets (and so its id) in the whole document."""
    update: dict[str, object] = {"start": figure.start + by, "end": figure.end + by,
                                 "id": records.figure_id(doc, figure.start + by, figure.end + by)}
    for name in _OFFSETS:
        value = getattr(figure, name)
        if value is not None:
            update[name] = value + by
    return figure.model_copy(update=update)


def _extract_text(doc: str, source: str, published: dt.date | None) -> list[Figure]:
    """The stages, in order, over one text."""
    text = as_ascii(source)  # the stages read look-alike letters as ASCII; surface and sentence keep them
    sentences = segment.split(text)
    mentions = numbers.find(text)
    qualified = qualifiers.qualify(text, sentences, mentions)
    drafts: list[_Draft] = []
    previous_end = 0
    for q in qualified:
        index = segment.index_of(sentences, q.start) if sentences else -1
        s_start, s_end = (sentences[index].start, sentences[index].end) if sentences else (0, len(text))
        s_end = max(s_end, q.end)
        reading = units.unit_of(text, q)
        found = entities.entity_of(text, q, reading.unit, reading.end, reading.attributive, s_start, s_end)
        if found.end > q.end:  # "100 drones or more": a bound after the counted noun
            q, end = qualifiers.trailing(text, q, found.end, s_end)
            if end != found.end:
                found = entities.EntityReading(found.entity, found.start, end, found.head_start, found.head_end)
        start = max(found.start, previous_end)  # a verb read to the left never overlaps the last figure
        if start > q.start:
            start = q.start
        category = categories.categorise(
            text, found.entity, reading.unit, reading.unit in units.TIME_UNITS and not reading.age,
            start, found.end, s_start, s_end,
        )
        if reading.age:  # "a 12-year-old boy": an age
            category, found = "other", entities.EntityReading("age", found.start, found.end, found.head_start, found.head_end)
        drafts.append(_Draft(start, found.end, index, q, reading.unit, found.entity, category))
        previous_end = found.end
    spans = [(d.start, d.end) for d in drafts]
    expressions = windows.find_time_expressions(source, published)  # reads look-alikes as ASCII itself
    found_windows = windows.windows_for(text, sentences, spans, expressions)
    found_speakers = speakers.speakers_for(text, sentences, spans)
    figures = []
    for draft, window, speaker in zip(drafts, found_windows, found_speakers, strict=True):
        s = sentences[draft.sentence] if draft.sentence >= 0 else None
        span = (s.start, max(s.end, draft.end)) if s else (0, len(text))
        q = draft.q
        figures.append(records.build(
            doc, published, source, draft.start, draft.end, span, q.value, q.low, q.high, q.qualifier,
            draft.unit, draft.entity, draft.category,  # type: ignore[arg-type]
            window, speaker,
        ))
    return figures


def extract(text: str, published: dt.date | str | None = None, doc: str = "text") -> list[Figure]:
    """Every figure in ``text``; ``published`` resolves relative time expressions."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return extract_document(Document(id=doc, text=text, published=published_date(published)))


def extract_article(doc: str, text: str, published: dt.date | str | None = None,
                    url: str | None = None) -> list[Figure]:
    """The figures of one article record, dated as the reader dates a corpus line:
    ``published``, else a date in the text's header or the url."""
    return extract_document(reading.document(doc, text, published_date(published), None, url, None))


def extract_many(
    paths: Iterable[str | Path], published: dt.date | str | None = None, encoding_errors: str = "strict",
    jobs: int = 1,
) -> Iterator[tuple[Document, list[Figure]] | InputError]:
    """Figures of every document under ``paths``, in order; an :class:`InputError` in place of a bad document.

    ``jobs`` processes share the work (0: one per CPU); the result is the same
    as with one. Documents stream through: memory stays bounded whatever the
    corpus size.
    """
    items = reading.documents(paths, published_date(published), encoding_errors)
    for batch, results in zip_batches(_batches(items), jobs):
        for item, result in zip(batch, results, strict=True):
            yield result if isinstance(result, InputError) else (item, result)  # type: ignore[misc]


def zip_batches(batches: Iterable[list[Document | InputError]], jobs: int,
                ) -> Iterator[tuple[list[Document | InputError], list[list[Figure] | InputError]]]:
    """Each batch beside its results, computed in ``jobs`` processes."""
    kept: list[list[Document | InputError]] = []

    def remembered() -> Iterator[list[Document | InputError]]:
        for batch in batches:
            kept.append(batch)
            yield batch

    for results in engines.ordered_map(_extract_batch, remembered(), jobs):
        yield kept.pop(0), results


#: A batch closes at this many characters or documents, whichever comes first.
BATCH_CHARS = 1_000_000
BATCH_DOCUMENTS = 256


def _batches(items: Iterable[Document | InputError]) -> Iterator[list[Document | InputError]]:
    batch: list[Document | InputError] = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(item.text) if isinstance(item, Document) else 0
        if size >= BATCH_CHARS or len(batch) >= BATCH_DOCUMENTS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _extract_batch(batch: list[Document | InputError]) -> list[list[Figure] | InputError]:
    return [item if isinstance(item, InputError) else _extract_safely(item) for item in batch]


def _extract_safely(document: Document) -> list[Figure] | InputError:
    """A document's figures; a bug met on one document costs no other document its results."""
    try:
        return extract_document(document)
    except RecursionError:
        return InputError(document.source or document.id, "is nested too deeply to extract")
    except TimeoutError:
        return InputError(document.source or document.id,
                          "took too long to scan (a pattern reached its time limit); please report this text")
    except Exception as exc:  # noqa: BLE001 - reported, named, and the run goes on
        return InputError(document.source or document.id,
                          f"could not be extracted ({type(exc).__name__}: {exc}); please report this")
