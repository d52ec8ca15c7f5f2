"""Every data type the project passes around, in one place.

Two kinds live here:

* the public records, pydantic v2 models that are validated, frozen and
  exported: :class:`Document` and :class:`Figure`;
* the light intermediate values the pipeline stages hand to each other
  (:class:`Sentence`, :class:`NumberMention`, ...), plain frozen dataclasses,
  because they are built by the hundred thousand and never leave the library.

No extraction logic lives here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, model_validator

Qualifier = Literal["exact", "approx", "at_least", "more_than", "at_most", "less_than", "range"]
QUALIFIERS: tuple[Qualifier, ...] = (
    "exact", "approx", "at_least", "more_than", "at_most", "less_than", "range",
)

Category = Literal[
    "attack", "ceasefire_violation", "ceasefire", "prisoner_exchange", "casualties",
    "diplomacy", "military", "economy", "legal", "other",
]
CATEGORIES: tuple[Category, ...] = (
    "attack", "ceasefire_violation", "ceasefire", "prisoner_exchange", "casualties",
    "diplomacy", "military", "economy", "legal", "other",
)


def decimal_text(value: Decimal) -> str:
    """A decimal written plainly: no exponent, no trailing zeros (``1.1E+9`` -> ``1100000000``)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


#: A decimal that serialises as plain text without an exponent, never as a float.
ExactDecimal = Annotated[Decimal, PlainSerializer(decimal_text, return_type=str, when_used="json")]

#: An ISO 8601 date (``2025-05-07``) or date-time with optional offset.
IsoTime = Annotated[
    str,
    Field(pattern=r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?$"),
]


class Document(BaseModel):
    """One article: its text exactly as read (a BOM dropped, nothing else changed)."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1, description="file name without extension, or the corpus line's id")
    text: str
    published: dt.date | None = Field(default=None, description="publication date, if known")
    url: str | None = None
    source: str | None = Field(default=None, description="where the text was read from")


class Figure(BaseModel):
    """One numeric claim, with the characters it came from beside every normalised value."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="stable id: the same document text always gives the same ids")
    doc: str = Field(description="id of the document")
    published: dt.date | None = Field(default=None, description="publication date of the document, if known")
    surface: str = Field(description="the exact characters of the claim: text[start:end]")
    start: int = Field(ge=0, description="offset of the surface in the document text")
    end: int = Field(ge=0)
    sentence: str = Field(description="the sentence holding the figure")
    value: ExactDecimal | None = Field(default=None, description="the number, null for a range")
    low: ExactDecimal | None = Field(default=None, description="lower bound set by a qualifier or range")
    high: ExactDecimal | None = Field(default=None, description="upper bound set by a qualifier or range")
    qualifier: Qualifier = "exact"
    unit: str | None = Field(default=None, description="pint unit for measures (day, km, USD, percent)")
    entity: str | None = Field(default=None, description="the counted thing, singular, lower case")
    category: Category = "other"
    time_start: IsoTime | None = Field(default=None, description="start of the window the figure refers to")
    time_end: IsoTime | None = Field(default=None, description="end of that window")
    time_text: str | None = Field(default=None, description="the characters that gave the window")
    time_text_start: int | None = Field(default=None, ge=0)
    time_text_end: int | None = Field(default=None, ge=0)
    speaker: str | None = Field(default=None, description="who the text says made the claim")
    speaker_start: int | None = Field(default=None, ge=0, description="offset of the speaker's mention")
    speaker_end: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _consistent(self) -> Figure:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        if self.qualifier == "range":
            if self.low is None or self.high is None:
                raise ValueError("a range needs both low and high")
        elif self.value is None:
            raise ValueError(f"qualifier {self.qualifier!r} needs a value")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("low must not exceed high")
        return self


#: The export's column order: the field order of :class:`Figure`.
COLUMNS: tuple[str, ...] = tuple(Figure.model_fields)


# --------------------------------------------------------------------------
# Intermediate values handed between pipeline stages.
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence's span in the document text, and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int


NumberKind = Literal["cardinal", "fraction", "multiplier", "vague"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number found in text: its span and exact value.

    ``kind`` says how to read it: a plain ``cardinal``; a ``fraction`` (``half``,
    ``one-fifth``); a ``multiplier`` (``twice``); a ``vague`` size (``dozens``).
    ``high`` is set for a range written as one token group (``10-15``).
    ``currency`` is the ISO code of a sign written before it (``$5`` -> USD);
    ``hyphen_unit`` the word after its hyphen (``30-day`` -> ``day``).
    """

    start: int
    end: int
    value: Decimal
    kind: NumberKind = "cardinal"
    high: Decimal | None = None
    currency: str | None = None
    hyphen_unit: str | None = None


@dataclass(frozen=True, slots=True)
class Qualified:
    """A number with its qualifier and bounds; the span grows to hold the qualifier."""

    start: int
    end: int
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    qualifier: Qualifier
    mention: NumberMention


@dataclass(frozen=True, slots=True)
class Measured:
    """A qualified number with its unit or counted thing; the span grows to hold it."""

    start: int
    end: int
    qualified: Qualified
    unit: str | None
    entity: str | None
    #: where the counted thing / unit was read (for category cues)
    head_start: int
    head_end: int


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression found in the text, resolved against the document date.

    ``time_start``/``time_end`` are ISO 8601 strings, or None where the text
    gives no such bound or it cannot be resolved (relative without a date).
    """

    start: int
    end: int
    text: str
    time_start: str | None
    time_end: str | None


@dataclass(frozen=True, slots=True)
class SpeakerMention:
    """Who made a claim: the name as the document best gives it, and the span it came from."""

    name: str
    start: int
    end: int


def published_date(value: dt.date | str | None) -> dt.date | None:
    """Accept a date or an ISO date string (used by the public API)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
