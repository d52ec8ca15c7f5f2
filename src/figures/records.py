"""Stage 9: one :class:`~figures.models.Figure` per claim, with a stable id.

The id is ``<doc>@<start>-<end>``: the same text always gives the same ids, a
reader sees where the figure is, and two exports of one corpus can be matched
row by row.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .models import Category, Figure, Qualifier, SpeakerMention, TimeExpression


def figure_id(doc: str, start: int, end: int) -> str:
    """The stable id of a figure."""
    return f"{doc}@{start}-{end}"


def build(
    doc: str, published: dt.date | None, text: str, start: int, end: int, sentence: tuple[int, int],
    value: Decimal | None, low: Decimal | None, high: Decimal | None, qualifier: Qualifier,
    unit: str | None, entity: str | None, category: Category,
    window: TimeExpression | None, speaker: SpeakerMention | None,
) -> Figure:
    """A validated figure record."""
    return Figure(
        id=figure_id(doc, start, end), doc=doc, published=published, surface=text[start:end], start=start, end=end,
        sentence=text[sentence[0]:sentence[1]],
        value=value, low=low, high=high, qualifier=qualifier,
        unit=unit, entity=entity, category=category,
        time_start=window.time_start if window else None,
        time_end=window.time_end if window else None,
        time_text=window.text if window else None,
        time_text_start=window.start if window else None,
        time_text_end=window.end if window else None,
        speaker=speaker.name if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
    )
