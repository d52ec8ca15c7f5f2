"""The only module that composes the stages, in the one direction data flows:

reading -> segment (sentences) -> numbers -> qualifiers -> units and entities
(counted thing) -> categories -> windows (time) -> speakers -> records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import categories, entities, numbers, qualifiers, reading, records, segment, speakers, units, windows
from .errors import InputError
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


def extract_document(document: Document) -> list[Figure]:
    """Every figure of one document, in order of position."""
    text = document.text
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
    expressions = windows.find_time_expressions(text, document.published)
    found_windows = windows.windows_for(text, sentences, spans, expressions)
    found_speakers = speakers.speakers_for(text, sentences, spans)
    figures = []
    for draft, window, speaker in zip(drafts, found_windows, found_speakers, strict=True):
        s = sentences[draft.sentence] if draft.sentence >= 0 else None
        span = (s.start, max(s.end, draft.end)) if s else (0, len(text))
        q = draft.q
        figures.append(records.build(
            document.id, document.published, text, draft.start, draft.end, span, q.value, q.low, q.high, q.qualifier,
            draft.unit, draft.entity, draft.category,  # type: ignore[arg-type]
            window, speaker,
        ))
    return figures


def extract(text: str, published: dt.date | str | None = None, doc: str = "text") -> list[Figure]:
    """Every figure in ``text``; ``published`` resolves relative time expressions."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return extract_document(Document(id=doc, text=text, published=published_date(published)))


def extract_many(
    paths: Iterable[str | Path], published: dt.date | str | None = None, encoding_errors: str = "strict",
) -> Iterator[tuple[Document, list[Figure]] | InputError]:
    """Figures of every document under ``paths``; an :class:`InputError` in place of a bad document."""
    for item in reading.documents(paths, published_date(published), encoding_errors):
        if isinstance(item, InputError):
            yield item
        else:
            yield item, extract_document(item)
