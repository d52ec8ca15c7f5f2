"""Stage 5a: the unit of a measure: durations, distances, weights, percent, money.

Units are read from the word after a number or its hyphen (``30-day``,
``5 kilometres``, ``95%``) using ``data/units.tsv``, and from a currency sign
or word (``$``, ``€``, ``rubles``) using ``data/currencies.tsv``. Every unit is
checked against the project's own pint registry, in which each currency is a
dimension of its own, so that nothing is ever converted between currencies.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import regex

from .lexicon import alternation, table
from .models import Qualified

if TYPE_CHECKING:
    import pint

#: units that measure time: a figure in one of them is a duration
TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade"})


@dataclass(frozen=True, slots=True)
class UnitReading:
    """The unit of one figure and where its surface now ends."""

    unit: str | None
    end: int
    #: the unit came from a hyphenated compound (``30-day ceasefire``): what lasts follows it
    attributive: bool = False
    #: ``12-year-old``, ``aged 15``, ``Ahmed Saleh, 34,``: an age
    age: bool = False


@cache
def _unit_words() -> dict[str, str]:
    return {" ".join(row[0].lower().split()): row[1] for row in table("units.tsv")}


@cache
def _currency_words() -> dict[str, str]:
    """Currency words written after a number (``500 rubles``) -> ISO code."""
    names: dict[str, str] = {}
    for code, *surfaces in table("currencies.tsv"):
        for surface in surfaces:
            if surface and surface[0].isalpha():
                names[" ".join(surface.lower().split())] = code
    return names


@cache
def _after_pattern() -> regex.Pattern[str]:
    return regex.compile(
        rf"(?i:\s?(?P<currency>{alternation(tuple(_currency_words()))})(?![\p{{L}}\d])"
        rf"|\s?(?P<unit>{alternation(tuple(_unit_words()))})(?![\p{{L}}\d]))"
    )


@cache
def registry() -> pint.UnitRegistry:
    """The project's pint registry: pint's defaults plus one dimension per currency."""
    import pint

    units = pint.UnitRegistry(cache_folder=None)
    units.define("percentage_point = 0.01 = pp")
    for code, *_ in table("currencies.tsv"):
        units.define(f"{code} = [currency_{code}]")
    return units


def dimensionality(unit: str) -> str:
    """The unit's dimension as text (``[time]``, ``[currency_USD]``), for grouping figures."""
    return str(registry().parse_units(unit).dimensionality)


#: an age written as a bare number: "aged 15", "ages 15 and 16", "at the age of 34"
_AGED = regex.compile(
    r"(?i:\bage[sd]?(?:[^\S\n]+of)?[^\S\n]+(?:between[^\S\n]+)?(?:\d{1,3}[^\S\n]*(?:and|or|to|-|–)[^\S\n]*)?)\Z"
)
#: ... or set off by commas after a name, as wire copy writes it: "Ahmed Saleh, 34, was ..."
_APPOSED = regex.compile(r"\b\p{Lu}[\p{L}'’-]*,[^\S\n]+\Z")
_OLDEST = 125


def _is_age(text: str, q: Qualified) -> bool:
    """Whether a bare whole number is someone's age (:data:`_AGED`, :data:`_APPOSED`)."""
    mention = q.mention
    value = mention.value
    if mention.kind != "cardinal" or value is None or not 0 < value < _OLDEST or value != value.to_integral_value():
        return False
    before = text[max(0, q.start - 40):q.start]
    if _AGED.search(before):
        return True
    return (q.start == mention.start and text[mention.start:mention.end].isdigit()
            and text[mention.end:mention.end + 1] == "," and _APPOSED.search(before) is not None)


def unit_of(text: str, q: Qualified) -> UnitReading:
    """The unit of a qualified number, and where the figure's surface ends once it is included."""
    mention = q.mention
    if mention.currency:
        return UnitReading(mention.currency, q.end)
    if mention.hyphen_unit:
        word = mention.hyphen_unit
        age = word.endswith("-old")
        if age:
            word = word[: -len("-old")]
        unit = _unit_words().get(word)
        if unit is not None:
            return UnitReading(unit, q.end, attributive=not age, age=age)
        return UnitReading(None, q.end)
    if mention.kind == "multiplier":
        return UnitReading(None, q.end)
    match = _after_pattern().match(text, mention.end)
    if match is None:
        return UnitReading("year", q.end, age=True) if _is_age(text, q) else UnitReading(None, q.end)
    if match["currency"]:
        unit = _currency_words()[" ".join(match["currency"].lower().split())]
    else:
        unit = _unit_words()[" ".join(match["unit"].lower().split())]
    return UnitReading(unit, max(q.end, match.end()))
