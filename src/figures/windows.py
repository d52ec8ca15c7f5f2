"""Stage: time expressions, and the time window each figure refers to.

Two entry points:

* :func:`find_time_expressions` finds every time expression of a document
  ("May 7", "between March 18 and April 17", "over the past 24 hours",
  "from 6 p.m. Moscow time on April 19 (3 p.m. GMT) until ...") and resolves
  it against the document's date into an ISO 8601 window;
* :func:`windows_for` picks, for each figure, the expression giving its window.

How text becomes a window
-------------------------
1. *Atoms*: one precompiled regex finds dates (``May 7``, ``7 May 2025``,
   ``2025-05-07``, ``07.05.2025``, ``May 7-10``, ``May 8, 9 and 10``), months
   and years, weekdays, clock times with their zone, and relative phrases
   (``yesterday``, ``last week``, ``the past four days``, ``two weeks ago``).
2. *Units*: an atom grows into a unit: a clock time joins the day it is on
   (``6 p.m. Moscow time on April 19``), a parenthesis restating the time is
   absorbed (``(3 p.m. GMT)``), and a modifier on its left narrows it
   (``in the early hours of``, ``the first week of``, ``early``/``mid-``/``late``).
3. *Ranges*: two units joined by ``to``/``until``/``-``/``and`` make one window
   (``from ... until ...``, ``between ... and ...``, ``Monday and Tuesday``).
4. *Prefixes*: ``since X`` (X .. document date), ``starting X`` (X .. open),
   ``until X``/``by X``/``as of X`` (open .. X), ``before X`` (open .. the day
   before X); ``in``/``on``/``during``/``over``/``at`` only join the span, but
   ``since <event> in X`` (``since the war began in April 2023``, no number in
   the event) reads as ``since X`` and takes in the event, and a present or
   future verb of onset (``takes effect on``, ``will begin at``) leaves the end
   open. A modifier's preposition is a prefix too (``since late 2023``).

Resolution rules (documented choices)
-------------------------------------
* A month is its first..last day, a year Jan 1..Dec 31, a decade its ten years.
* ``early``/``beginning of`` = days 1-10 of a month (Jan-Apr of a year);
  ``mid``/``middle of`` = 11-20 (May-Aug); ``late``/``end of`` = 21-last (Sep-Dec).
* ``first week of May`` = May 1-7, second 8-14, third 15-21, fourth 22-28,
  ``last week of`` = the last seven days; halves and quarters of a year likewise;
  ``the first three months of 2025`` = Jan 1 .. Mar 31, ``the last 10 days of May``
  = May 22-31.
* A date without a year: past tense -> the latest year putting it no more than
  31 days after the document date; future tense -> the earliest year putting it
  no more than 31 days before; no tense cue -> the year putting it nearest the
  document date (so "May 7" far in the future of a January document is last
  year's). Tense comes from cue words (``time_tense.tsv``) nearest the
  expression in its clause.
* A bare weekday: past tense or none -> the latest such day on or before the
  document date; future tense, or ``starting``/``beginning``/``effective``
  before it -> the first on or after it (``from``/``until`` Monday: upcoming
  unless the clause is in the past tense); ``last Monday`` strictly before,
  ``next Monday`` strictly after; ``Monday, June 2`` takes the year in which
  June 2 is a Monday.
* ``today`` / ``yesterday`` / ``tomorrow``: that day. ``overnight`` and
  ``last night``: the day before the document date .. the document date;
  ``overnight into Sunday``: Saturday .. Sunday, but ``overnight (on) Sunday``
  dates the night's events to the day named, like ``in the early hours of
  Sunday``: Sunday only; ``Sunday night`` and
  ``the night of May 6``: that day .. the next.
* ``the past N days`` (also ``last``, ``previous``): N days before .. the
  document date; ``the past 24 hours``: the day before .. the document date
  (hours round up to whole days); ``the past week`` = 7 days, ``the past month``
  = one calendar month back. ``last week``/``last month``/``last year`` without
  ``the`` are the previous calendar week (Monday..Sunday), month or year;
  ``this week`` is the whole week; ``earlier this month`` the 1st .. the document
  date; ``later this year`` the document date .. Dec 31.
* ``N days ago`` and ``N weeks ago``: that day; ``N months ago``: that month;
  ``N years ago``: that year.
* ``in N days``/``within N days``: the next N days (the past N days in a past
  tense clause). ``in recent days`` / ``in the coming weeks`` (no number): one
  bound is the document date, the other open.
* A range joins its ends' windows (``between March 18 and April 17``); a zone
  written on one end holds for the other; a range missing its year on one end
  takes it from the other (``December 28 to January 3, 2025`` starts in 2024).
* Bare years (``2022``) and bare month names (``May``) count only after a
  preposition or modifier (``in 2022``, ``since May``, ``early March``) or in a
  range; a lower-case month name (``may``) only in a full date with its year.
* A clock time with a zone gives a date-time with its UTC offset (summer time by
  the rules in ``zones.tsv``); without a zone, or with ``local time``, a local
  date-time without offset. ``midnight on April 21`` is 00:00 of April 21.
* Without a document date every relative expression keeps its text and gets
  both bounds None; dates with a written year still resolve.

The stage imports only the models, the lexicon and the stdlib/``regex``.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Literal

import regex

from .lexicon import alternation, as_ascii, month_numbers, table, trie
from .models import Sentence, TimeExpression

__all__ = ["find_time_expressions", "windows_for"]

Tense = Literal["past", "future"] | None

# --------------------------------------------------------------------------
# Zones and summer time
# --------------------------------------------------------------------------


def _last_weekday(year: int, month: int, weekday: int) -> dt.date:
    """The last ``weekday`` (Monday = 0) of a month."""
    day = dt.date(year, month, _month_length(year, month))
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The ``nth`` (1-based) ``weekday`` of a month."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _summer_span(rule: str, year: int, standard: int) -> tuple[dt.datetime, dt.datetime] | None:
    """Start and end of summer time in UTC (naive), for a rule of ``zones.tsv``."""
    at = dt.datetime.combine
    if rule == "eu":
        begin = at(_last_weekday(year, 3, 6), dt.time(1))
        end = at(_last_weekday(year, 10, 6), dt.time(1))
        return begin, end
    std = dt.timedelta(minutes=standard)
    if rule == "us":
        begin = at(_nth_weekday(year, 3, 6, 2), dt.time(2)) - std
        end = at(_nth_weekday(year, 11, 6, 1), dt.time(1)) - std
        return begin, end
    if rule == "il":
        begin = at(_last_weekday(year, 3, 6) - dt.timedelta(days=2), dt.time(2)) - std
        end = at(_last_weekday(year, 10, 6), dt.time(1)) - std
        return begin, end
    return None


@dataclass(frozen=True, slots=True)
class _Zone:
    """A zone of ``zones.tsv``: standard offset, summer rule, summer offset (minutes east of UTC)."""

    name: str
    standard: int | None  # None: "local time", written without an offset
    rule: str = "none"
    summer: int | None = None

    def offset(self, day: dt.date, clock: tuple[int, int]) -> int | None:
        """UTC offset in minutes of a wall-clock time in this zone (None for local time)."""
        if self.standard is None:
            return None
        span = _summer_span(self.rule, day.year, self.standard)
        if span is None or self.summer is None:
            return self.standard
        utc = dt.datetime.combine(day, dt.time(*clock)) - dt.timedelta(minutes=self.standard)
        return self.summer if span[0] <= utc < span[1] else self.standard


def _offset_minutes(text: str) -> int:
    """``+03:00`` / ``-5`` / ``+0530`` -> minutes east of UTC."""
    text = text.replace("−", "-").replace(" ", "")
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    if ":" in digits:
        hours, minutes = digits.split(":", 1)
    elif len(digits) > 2:
        hours, minutes = digits[:-2], digits[-2:]
    else:
        hours, minutes = digits, "0"
    return sign * (int(hours) * 60 + int(minutes))


@cache
def _zones() -> dict[str, _Zone]:
    """Lower-cased zone name -> zone, from ``zones.tsv``."""
    zones: dict[str, _Zone] = {}
    for row in table("zones.tsv"):
        name, offset = row[0], row[1]
        rule = row[2] if len(row) > 2 and row[2] else "none"
        summer = row[3] if len(row) > 3 and row[3] not in ("", "-") else None
        if offset == "local":
            zones[name.lower()] = _Zone(name, None)
        else:
            zones[name.lower()] = _Zone(
                name, _offset_minutes(offset), rule, _offset_minutes(summer) if summer else None
            )
    return zones


_WRITTEN_OFFSET = regex.compile(r"(?:gmt|utc)\s*([+\-−]\s*\d{1,2}(?::?\d{2})?)$")


def _zone_of(written: str) -> _Zone | None:
    """The zone a written zone name or explicit offset (``GMT+3``) stands for."""
    key = " ".join(written.strip(" ()").split()).lower()
    zone = _zones().get(key)
    if zone is not None:
        return zone
    offset = _WRITTEN_OFFSET.match(key)
    if offset:
        return _Zone(written, _offset_minutes(offset.group(1)))
    return None


# --------------------------------------------------------------------------
# Vocabulary from data files
# --------------------------------------------------------------------------


@cache
def _weekday_numbers() -> dict[str, int]:
    """Lower-cased weekday name -> 0 (Monday) .. 6, from ``weekdays.tsv``."""
    names: dict[str, int] = {}
    for row in table("weekdays.tsv"):
        for name in row[1:]:
            if name:
                names[name.lower()] = int(row[0])
    return names


@cache
def _number_words() -> dict[str, int]:
    """Lower-cased number word -> value, from ``time_numbers.tsv``."""
    return {row[0].lower(): int(row[1]) for row in table("time_numbers.tsv")}


_NUMBER_PARTS = regex.compile(r"[-\s]+")


def _number(text: str) -> int | None:
    """``24`` / ``four`` / ``twenty-four`` -> int."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    total = 0
    for part in _NUMBER_PARTS.split(text):
        value = _number_words().get(part)
        if value is None:
            return None
        total += value
    return total


# --------------------------------------------------------------------------
# Calendar helpers
# --------------------------------------------------------------------------


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_length(year: int, month: int) -> int:
    """Days in a month."""
    if month == 12:
        return 31
    if 1 <= month <= 11 and dt.MINYEAR <= year <= dt.MAXYEAR:  # without building dates: it is called often
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if month == 2 and leap else _MONTH_DAYS[month - 1]
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, _month_length(year, month)))


def _shift(day: dt.date, days: int) -> dt.date | None:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


# --------------------------------------------------------------------------
# Window ends
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _End:
    """One bound of a window: a day (year possibly unknown yet) with an optional clock time.

    A negative ``day`` counts from the month's end: -1 is its last day, -7 the
    seventh-last. ``shift`` days are added once the
    year is known (``the night of May 6`` ends on May 6 + 1).
    """

    year: int | None
    month: int
    day: int
    clock: tuple[int, int] | None = None
    zone: _Zone | None = None
    shift: int = 0

    @staticmethod
    def of(day: dt.date, clock: tuple[int, int] | None = None, zone: _Zone | None = None) -> _End:
        return _End(day.year, day.month, day.day, clock, zone)

    def key(self) -> tuple[int, int]:
        """Month and day, for ordering ends whose year is unknown."""
        return (self.month, 32 + self.day if self.day < 0 else self.day)

    def date(self, year: int | None = None) -> dt.date | None:
        """The calendar day, with ``year`` filling an unknown year; None if invalid."""
        year = self.year if self.year is not None else year
        if year is None or not 1 <= year <= 9998:
            return None
        length = _month_length(year, self.month)
        day = length + 1 + self.day if self.day < 0 else self.day
        if not 1 <= day <= length:
            return None
        if not self.shift:  # most ends: no shift to add (it is called often)
            return dt.date(year, self.month, day)
        return _shift(dt.date(year, self.month, day), self.shift)

    def iso(self, year: int | None = None) -> str | None:
        return self.iso_of(self.date(year))

    def iso_of(self, day: dt.date | None) -> str | None:
        """ISO 8601 text of this end on ``day`` (its :meth:`date`), with its clock time and offset."""
        if day is None:
            return None
        if self.clock is None:
            return day.isoformat()
        hour, minute = self.clock
        text = f"{day.isoformat()}T{hour:02d}:{minute:02d}:00"
        offset = self.zone.offset(day, self.clock) if self.zone is not None else None
        if offset is None:
            return text
        sign = "+" if offset >= 0 else "-"
        return f"{text}{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"


def _span_of(day: dt.date) -> tuple[_End, _End]:
    end = _End.of(day)
    return end, end


# --------------------------------------------------------------------------
# The atom regex
# --------------------------------------------------------------------------

# a day of the month: not the hour of a clock time ("until 5:40 a.m.", "and 4 a.m.")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\p{L}\d]|[:.]\d|\s*[ap]\.?\s?m(?:\.|(?!\p{L})))"
_YEAR = r"(?:1[89]|20)\d\d(?![\d\p{L}])"
_UNIT = r"(?:hours?|days?|weeks?|fortnights?|months?|years?)(?!\p{L})"
# more days after a first one: "-10", " to 10", ", 9 and 10"
_MORE = rf"(?:\s*[-–—]\s*|\s+(?:to|until|till|through|thru)\s+|(?:\s*,\s*{_DAY}){{0,6}}(?:\s*,)?\s+(?:and|&)\s+){_DAY}"


@cache
def _month_abbreviations() -> tuple[str, ...]:
    """Month names that shorten the first (English) name of their row: ``Jan``, ``Sept``."""
    short = []
    for row in table("months.tsv"):
        full = row[1].lower()
        short += [name for name in row[1:] if len(name) < len(full) and full.startswith(name.lower())]
    return tuple(short)


#: How a list of names becomes a regex: :func:`trie` (what the stage uses) or :func:`alternation`.
#: The engine reads a prefix tree several times faster than an alternation of 200 names tried one
#: by one, and here both match alike: every use is followed by "no letter" (or a dot, for the
#: names written with one), so of the names that match at a place all but one are cut short,
#: or they extend one another and both take the longest first.
Names = Callable[[tuple[str, ...]], str]


@cache
def _month(names: Names = trie) -> str:
    """The regex of a month name (used with IGNORECASE)."""
    months = names(tuple(month_numbers()))
    # only an abbreviation takes a dot ("Sept. 4"); "on 1 January." leaves the full stop to the sentence
    return rf"(?:(?:{names(_month_abbreviations())})\.(?=\s)|(?:{months}))(?!\p{{L}})"


@cache
def _atom_re(names: Names = trie) -> regex.Pattern[str]:
    """The one regex that finds time atoms (compiled once, on first use).

    Where it is tried depends on how its alternatives begin: when they change,
    check ``_FIRST_WORDS_FIXED``, ``_LEADS_FIXED`` and :func:`_digit_start`.
    Each alternative is a named group that closes last in its match, so that
    ``Match.lastgroup`` names it (:func:`_atom_unit` dispatches on it).
    ``names`` builds the lists of names (``alternation``: the plain definition, for tests).
    """
    weekdays = names(tuple(_weekday_numbers()))
    zone_names = names(tuple(_zones()))
    zone = rf"(?:(?:GMT|UTC)\s*[+\-−]\s*\d{{1,2}}(?::?\d{{2}})?|{zone_names})(?![\p{{L}}\d])"
    numbers = names(tuple(_number_words()))
    num = rf"(?:\d{{1,4}}|(?:{numbers})(?:-(?:{numbers}))?)"
    month = _month(names)
    pattern = rf"""
    (?<![\p{{L}}\p{{N}}]|\d[.,:])
    (?:
      (?P<iso>(?P<iso_y>(?:1[89]|20)\d\d)-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01]))(?![\d\p{{L}}])
    | (?P<dot>(?P<dot_d>0?[1-9]|[12]\d|3[01])[./](?P<dot_m>0?[1-9]|1[0-2])[./](?P<dot_y>(?:1[89]|20)\d\d))(?![\d\p{{L}}])
    | (?P<md>(?P<md_m>{month})\s+(?P<md_d>{_DAY})(?P<md_more>{_MORE})?(?:(?:\s*,\s*|\s+)(?P<md_y>{_YEAR}))?)
    | (?P<dm>(?:the\s+)?(?P<dm_d>{_DAY})(?P<dm_more>{_MORE})?\s+(?:of\s+)?(?P<dm_m>{month})(?:,?\s+(?P<dm_y>{_YEAR}))?)
    | (?P<my>(?:(?P<my_dir>last|next|this|past)\s+)?(?P<my_m>{month})(?:,?\s+(?P<my_y>{_YEAR}))?)
    | (?P<season>(?:the\s+)?(?:(?P<season_dir>last|next|this|past)\s+)?(?P<season_name>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<season_y>{_YEAR}))?)(?!\p{{L}})
    | (?:the\s+)?(?P<decade>(?:1[89]|20)\d0)['’]?s(?!\p{{L}})
    | (?P<year>{_YEAR})
    | (?P<clock>(?:
        (?:(?P<c_h>1[0-2]|0?[1-9])(?:[:.](?P<c_m>[0-5]\d))?\s*(?P<c_ap>[ap])\.?\s?m(?:\.|(?!\p{{L}})))
      | (?:(?P<c_h24>[01]?\d|2[0-3]):(?P<c_m24>[0-5]\d)(?!\d)(?:\s*(?:hrs|h)(?!\p{{L}}))?)
      | (?P<c_word>noon|midday|midnight)(?!\p{{L}})
      | (?:(?P<c_mil>(?:[01]\d|2[0-3])[0-5]\d)(?=\s*(?:GMT|UTC|hrs|hours|local)))
      )
      (?:\s*\(\s*(?P<c_zone>{zone})\s*\)|\s*(?P<c_zone>{zone}))?
      )
    | (?P<wd>(?:(?P<wd_dir>last|next|this\s+coming|this|coming|past)\s+)?(?P<wd_name>{weekdays})(?P<wd_poss>['’]s(?!\p{{L}}))?(?!\p{{L}})(?:\s+(?P<wd_part>morning|afternoon|evening|night)(?!\p{{L}}))?)
    | (?P<calendar>(?P<cal_mod>(?:earlier|later)\s+this|so\s+far\s+this|this|last|next|previous)\s+(?P<cal_unit>week(?:end)?|month|year)(?!\p{{L}}|\s+of(?!\p{{L}}))(?P<cal_so_far>\s+so\s+far)?)
    | (?P<rolling>(?:the\s+)?(?P<roll_dir>past|last|previous|preceding|recent|next|coming|following)\s+(?:(?P<roll_num>{num})\s+)?(?P<roll_unit>{_UNIT})(?!\s+of(?!\p{{L}})))
    | (?P<ago>(?P<ago_num>{num})\s+(?P<ago_unit>{_UNIT})\s+(?:ago|earlier)(?!\p{{L}}))
    | (?P<within>(?:with)?in\s+(?:the\s+space\s+of\s+)?(?P<within_num>{num})\s+(?P<within_unit>{_UNIT}))
    | (?P<since_start>since\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+(?P<ss_unit>week|month|year)(?!\p{{L}}))
    | (?P<weekend>(?:over|at|during)\s+the\s+weekend(?!\p{{L}}))
    | (?P<overnight>overnight(?!\p{{L}}))
    | (?P<reld>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|(?:earlier|later)\s+today|today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))(?![\p{{L}}])
    )
    """
    return regex.compile(pattern, regex.IGNORECASE | regex.VERBOSE)


#: Words an atom can begin with, besides digits: the regex is tried only at
#: those words (see :func:`_atom_starts`). Keep in step with the alternatives
#: of :func:`_atom_re`.
_FIRST_WORDS_FIXED = frozenset(
    "the last next this coming past previous preceding recent following earlier later so since "
    "over at during in within overnight today yesterday tomorrow tonight noon midday midnight "
    "spring summer autumn fall winter".split()
)


@cache
def _first_words() -> frozenset[str]:
    """Lower-cased words at which an atom may start."""
    names = [*month_numbers(), *_weekday_numbers(), *_number_words()]
    return _FIRST_WORDS_FIXED | {name.rstrip(".").split()[0].lower() for name in names}


#: First words that begin an atom only before certain words, read off the alternatives of
#: :func:`_atom_re`: "the 7th of May", "the past week", "the spring", "the day before
#: yesterday"; "in 3 days", "within the space of two days"; "over the weekend"; "since the
#: start of"; "so far this week". Each maps to a pattern for the words after it, as
#: :func:`_atom_starts` folds them (b"\x80": a letter beyond ASCII). They are most of the
#: first words in news text, and almost never begin an atom.
_UNIT_START = "(?:hour|day|week|fortnight|month|year)"
_LEADS_FIXED = {
    "the": "[0-9]|day|last|next|this|past|previous|preceding|recent|coming|following|spring|summer|autumn|fall|winter",
    "in": f"the +space|[a-z0-9\x80]+ +(?:[a-z\x80]+ +)?{_UNIT_START}",
    "within": f"the +space|[a-z0-9\x80]+ +(?:[a-z\x80]+ +)?{_UNIT_START}",
    "at": "the +weekend",
    "over": "the +weekend",
    "during": "the +weekend",
    "since": "the +(?:start|beginning)",
    "so": "far",
}
#: a number word begins only "two weeks ago", "twenty-four hours ago" ("-" folds to a space)
_LEAD_NUMBER = f"(?:[a-z\x80]+ +)?{_UNIT_START}"


@cache
def _leads() -> dict[str, str]:
    """First word -> the pattern the words after it must match for an atom to begin at it.

    A word with another use in :func:`_atom_re` (a month or weekday name, which
    may stand alone, or "this", "last") has no lead: it is always tried.
    """
    numbers = _number_words()
    plain = {word for word in numbers if word.isascii() and word.isalpha()}
    leads = dict(_LEADS_FIXED)
    for word in plain:
        leads[word] = f"{leads[word]}|{_LEAD_NUMBER}" if word in leads else _LEAD_NUMBER
    alone = [*month_numbers(), *_weekday_numbers(), *(set(numbers) - plain),
             *(_FIRST_WORDS_FIXED - _LEADS_FIXED.keys())]
    for name in alone:
        leads.pop(name.rstrip(".").split()[0].lower(), None)
    return leads


#: the fold of :func:`_atom_starts`: ASCII letters lower-cased, ASCII digits kept, the rest a space
_FOLD = bytes(
    byte + 32 if 65 <= byte <= 90 else byte if 97 <= byte <= 122 or 48 <= byte <= 57 else 32
    for byte in range(256)
)


@cache
def _folded_first_word() -> re.Pattern[bytes]:
    """An ASCII first word, whole, in the folded text; a word of :func:`_leads` only before its lead.

    ``re``, not ``regex``, and the words as a tree of their letters: the pattern
    is tried at every space of the text, and so it is several times faster.
    """
    leads = _leads()

    def end(word: str) -> str:
        return f"(?= +(?:{leads[word]}))" if word in leads else "(?= )"

    # a first word beyond ASCII holds a letter folded to b"\x80": _atom_starts checks its words itself
    words = sorted(word for word in _first_words() if word.isascii() and word.isalnum())
    return re.compile(f" {trie(words, end)}".encode("latin-1"))


@cache
def _digit_start() -> regex.Pattern[str]:
    """A digit beginning a word at which an atom may begin (by the alternatives of :func:`_atom_re`)."""
    more_days = r"(?:\s*[-–—,]\s*|\s+(?:to|until|till|through|thru|and|&)\s+|\s*,\s+(?:and|&)\s+)\d{1,2}(?!\d)"
    return regex.compile(
        rf"""(?<![\p{{L}}\p{{N}}])(?=\d)(?=  # "(?=\d)" first: the scan skips to digits
          (?:1[89]|20)\d\d(?!\d)                                   # 2025, 2025-05-07, the 1990s
        | \d{{1,2}}[./]\d{{1,2}}[./]                               # 07.05.2025
        | \d{{1,2}}(?:[:.]\d\d)?\s*[ap] | \d{{1,2}}:\d\d | \d{{4}}\s*(?:gmt|utc|hrs|hours|local)  # clock times
        | \d{{1,2}}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?{_month()}|{more_days})  # 7 May, 7-10 May, 7, 8 and 9 May
        | \d{{1,4}}\s+{_UNIT_START}                                 # 3 days ago
        )\d""",
        regex.IGNORECASE | regex.VERBOSE,
    )


_WORD = regex.compile(r"[\p{L}\p{N}]+")
#: runs of letters and digits beyond ASCII, folded to b"\x80"
_WIDE_WORD_CHARS = regex.compile(r"(?:[^\x00-\x7f](?<=[\p{L}\p{N}]))+")
#: a character beyond ASCII that the atom regex may take for an ASCII letter or digit: under
#: IGNORECASE "İ" matches "i", "ſ" "s" and the Kelvin sign "k"; ``\d`` matches "٣"
_ASCII_LOOKALIKE = regex.compile(r"[^\x00-\x7f](?<=[\u0130\u017f\u212a]|\d)")


def _atom_starts(text: str) -> list[int]:
    """Where to try the atom regex, in order: the starts of words that are first words
    or begin with a digit, less some at which no atom can begin.

    Looking at every word is slow (a Python loop), and so is finding the first
    words with ``regex`` (a long alternation tried at every character). So the
    text is folded to bytes, one per character: ASCII letters lower-cased, ASCII
    digits kept, other letters and digits b"\\x80", anything else a space. Its
    words are the text's words, and one ``re`` scan finds the first words among
    them (a word of :func:`_leads` only before its lead). Digits are found in the
    text itself by :func:`_digit_start`; words holding a letter beyond ASCII are
    checked one by one. In a text mostly beyond ASCII, where the fold gains
    nothing, and in one holding a character that the atom regex may take for an
    ASCII letter or digit (the fold would not), every word is checked instead.
    """
    first = _first_words()
    beyond_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if beyond_ascii * 4 > len(text) or _ASCII_LOOKALIKE.search(text) is not None:
        return [word.start() for word in _WORD.finditer(text)
                if word.group()[0].isdigit() or word.group().lower() in first]
    folded = b" " + text.encode("ascii", "replace").translate(_FOLD) + b" "  # folded[i + 1] is text[i]
    starts = [digit.start() for digit in _digit_start().finditer(text)]
    if beyond_ascii:
        runs = list(_WIDE_WORD_CHARS.finditer(text))
        patched = bytearray(folded)
        for run in runs:
            patched[run.start() + 1:run.end() + 1] = b"\x80" * (run.end() - run.start())
        folded = bytes(patched)
        word_end = 0
        for run in runs:  # each word holding such runs is checked once: linear time
            if run.start() >= word_end:
                start = folded.rfind(b" ", 0, run.start() + 1)
                word = _WORD.match(text, start).group()  # type: ignore[union-attr]
                if word[0].isdigit() or word.lower() in first:
                    starts.append(start)
                word_end = start + len(word)
    starts += [word.start() for word in _folded_first_word().finditer(folded)]  # its space is text[start - 1]
    return sorted(starts)


def _atoms(text: str) -> Iterator[regex.Match[str]]:
    """Matches of the atom regex, left to right, non-overlapping (like ``finditer``).

    The regex is tried at the word starts of :func:`_atom_starts`: the same
    matches as trying it at every word that is a first word or begins with a digit.
    """
    atom = _atom_re()
    resume = 0
    for start in _atom_starts(text):
        if start < resume:
            continue
        match = atom.match(text, start)
        if match is not None and match.end() > start:
            resume = match.end()
            yield match


# Gaps and contexts, all applied to bounded stretches of text.
_GAP_CLOCK_DAY = regex.compile(r"\s*,?\s*(?:on\s+(?:the\s+)?)?", regex.IGNORECASE)
_GAP_DAY_CLOCK = regex.compile(r"\s*,?\s*(?:at\s+|from\s+|around\s+|about\s+)?", regex.IGNORECASE)
_GAP_WEEKDAY_DATE = regex.compile(r"\s*,?\s*(?:the\s+)?")
_GAP_OVERNIGHT = regex.compile(r"\s+(?:(?P<into>into|to|of)|on)?\s*", regex.IGNORECASE)
_GAP_RANGE = regex.compile(
    r"\s*(?:[-–—]|to|until|till|through|thru|and|or|,\s*and|,\s*or|and\s+on|to\s+on)\s*",
    regex.IGNORECASE,
)
_PAREN = regex.compile(r"\s*\(([^()\n]{1,80})\)")
_PAREN_FILLER = regex.compile(r"[\s,;/.]*(?:(?:on|at|or|and|i\.e\.|the|of|local|time)(?!\p{L})[\s,;/.]*)*")
_LIST_NEXT_WORD = regex.compile(r"\s+(\p{Ll}+)")
_LIST_WORDS_OK = frozenset(
    "in at on of the when and as after before during with by to from for while amid across "
    "respectively inclusive this last".split()
)

# Left modifiers that narrow a unit ("the first week of", "in the early hours of", "mid-",
# "the first three months of"). The preposition before one is left to _PREFIX, which gives
# it its meaning ("since late 2023" runs to the document date): ``body`` is the modifier.
_MODIFIER = regex.compile(
    r"""(?<![\p{L}\p{N}])(?:(?:in|during|on|at|by|over|until|till|through|since|from)\s+)?(?P<body>(?:the\s+)?
    (?:(?P<part>early\s+hours|small\s+hours|wee\s+hours|morning|afternoon|evening)
     |(?P<night>night)
     |(?P<edge>beginning|start|middle|end|turn)
     |(?P<ordinal>first|second|third|fourth|last|final)\s+(?P<piece>week|half|quarter|ten\s+days)
     |(?P<n_ordinal>first|last|final)\s+(?P<n_count>\d{1,3}|\p{L}+(?:-\p{L}+)?)\s+(?P<n_unit>days|weeks|months)
    )\s+of\s+)\Z
    |(?<![\p{L}\p{N}])(?:(?:in|during|on|at|by|over|until|till|through|since|from)\s+)?(?P<body>(?P<third>early|mid|late)(?:-|\s+|\s+on\s+|-on\s+))\Z
    """,
    regex.IGNORECASE | regex.VERBOSE,
)
#: How every match of _MODIFIER ends. Matched backwards from a unit's start, it rules out
#: most units at once, before _MODIFIER is searched for (a search of 64 characters).
_MODIFIER_END = regex.compile(
    r"(?:of\s+|(?:early|mid|late)(?:-|\s+|\s+on\s+|-on\s+))", regex.IGNORECASE | regex.REVERSE
)

# Outer prefixes: what they do to the window, and they join the span.
_PREFIX = regex.compile(
    r"""(?<![\p{L}])(?P<pre>between|from|since|starting(?:\s+(?:from|on|in|at))?|beginning(?:\s+(?:on|in|from|at))?
    |effective(?:\s+(?:from|on))?|as\s+of|until|till|through|throughout|up\s+to|by|in|on|during|over|at|within
    |for|(?:before|prior\s+to)(?<!(?:hours?|days?|weeks?|months?|years?|shortly|just|long|soon|moments?|right|even)\s+\w+(?:\s+to)?))\s+\Z""",
    regex.IGNORECASE | regex.VERBOSE,
)
_FORWARD_LEFT = regex.compile(
    r"(?<![\p{L}])(?:starting|beginning|effective)(?:\s+(?:on|from|at|in))?\s+\Z",
    regex.IGNORECASE,
)
# "from Monday", "until Friday": upcoming unless the clause is in the past tense
_OPEN_LEFT = regex.compile(
    r"(?<![\p{L}])(?:from|until|till|by|as\s+of)(?:\s+(?:on|from|at|in))?\s+\Z",
    regex.IGNORECASE,
)
_BACKWARD_LEFT = regex.compile(r"(?<![\p{L}])(?:since|after)\s+\Z", regex.IGNORECASE)
#: a verb of onset, not in the past, before an expression that is only joined ("takes effect on
#: August 3", "will begin at 8 a.m. on Monday"): what is planned starts there, its end is open.
#: In the past the time dates an event that the sentence's figures are about ("the truce took
#: effect on Wednesday, and 20 people were killed"; "fighting began on Monday and killed 20")
_ONSET_LEFT = regex.compile(  # matched backwards from the expression's start
    r"""(?<![\p{L}])(?:(?:take|takes|taking)\s+effect
    |(?:come|comes|coming|enter|enters|entering|go|goes|going)\s+into\s+(?:force|effect)
    |(?:will|would|shall|to|['’]ll)\s+(?:begin|start))\s+(?:(?:on|at|from|in)\s+)?""",
    regex.IGNORECASE | regex.VERBOSE | regex.REVERSE,
)
#: "since <event> in/on <date>" ("since the war began in April 2023", "since it began operations
#: on Monday"): a few words after "since", none ending a clause, before the joining preposition
_SINCE_EVENT = regex.compile(
    r"(?<![\p{L}])since\s+(?:[^\s,;:()\[\]—–.!?\d\p{Sc}%]+\s+){1,8}(?:(?:in|on|at|during)\s+)?\Z",
    regex.IGNORECASE,
)
#: how far left of an expression "since" of :data:`_SINCE_EVENT` is looked for
_SINCE_REACH = 90

#: what may stand before "last N days" without "the" for it to be a window: a preposition, or
#: nothing ("Last 24 hours: ..."); not a verb's subject or auxiliary ("would last 42 days")
_LAST_LEFT = regex.compile(
    r"(?:(?<![\p{L}])(?:in|over|during|for|within|throughout|across|from|of|past)\s+|^\s*|[,;:(\-–—.!?\"“]\s*)\Z",
    regex.IGNORECASE,
)

_CONTEXT = 64  # characters of left context examined for modifiers and prefixes


# --------------------------------------------------------------------------
# Tense
# --------------------------------------------------------------------------


@cache
def _tense_re(names: Names = trie) -> regex.Pattern[str]:
    """Tense cue words. As a prefix tree (the default; see ``Names``) it matches where and what
    the plain alternation matches: a cue ends before a non-letter, and where two cues of one
    list both match, one extends the other and both patterns take the longer."""
    future = tuple(row[1] for row in table("time_tense.tsv") if row[0] == "future")
    past = tuple(row[1] for row in table("time_tense.tsv") if row[0] == "past")
    return regex.compile(
        rf"(?<![\p{{L}}])(?:(?P<future>{names(future)})|(?P<past>{names(past)}|(?!{_NOT_PAST})\p{{L}}{{2,}}ed))(?![\p{{L}}])",
        regex.IGNORECASE,
    )


#: words ending in -ed that are no past tense ("a one hundred-day truce starting July 13")
_NOT_PAST = r"(?:hundred|need|speed|seed|feed|breed|creed|greed|shed|sacred|hatred|kindred|naked|wicked)(?!\p{L})"


#: how far from an expression a tense cue is looked for (its sentence bounds the search first): a
#: long list of figures between verb and date ("downed ... and ... in June") is still one clause
_TENSE_REACH = 400
#: a line break ends a sentence whatever follows it; the dot of "a.m."/"p.m." ends none ("will
#: begin at 8 a.m. on Monday": the cue "will" is in the clause of "Monday")
_STOP = r"(?:[!?;]|(?<!(?<![\p{L}])[aApP]\.[mM])\.)\s|\n"
_CLAUSE_STOP = regex.compile(_STOP)
#: the same, searched backwards: the end of the last stop before a point. Its matches never
#: overlap but in ".\n", where both end at the same place, so the rightmost end is the end of
#: the last match that finditer would give
_LAST_CLAUSE_STOP = regex.compile(_STOP, regex.REVERSE)
_FRONTED_COMMA = regex.compile(r"\s*,")
#: what may stand before a fronted expression in its sentence: a few words ("In", "In the early hours of")
_OPENING = regex.compile(r"[\s\"'“‘(]*(?:\p{L}+[\s-]+){0,6}")
#: what ends a clause; not the dash of a range ("2–3 drones") nor a converted measure ("3 km (2 miles)")
_CLAUSE_BREAK = regex.compile(
    r"[;:]|\((?![\d.,]+[ \t]?[\p{L}.]*\))|(?<!\([\d.,]+[ \t]?[\p{L}.]*)\)|(?<!\d)[—–]|[—–](?!\d)|(?<!\d),|,(?!\d)"
)


def _tense(text: str, start: int, end: int, own_clause: bool = False) -> Tense:
    """Past or future, from the cue word nearest the expression (its own clause first).

    With ``own_clause`` only cues in the expression's own clause count. The
    best cue is the one of least rank (its clause apart, its distance), the
    earlier on a tie: so cues before the expression are ranked nearest first,
    stopping at the first in the clause, and cues after it only until one in
    the clause is found (the rest are farther; their scan is skipped).
    """
    low = max(0, start - _TENSE_REACH)
    high = min(len(text), end + _TENSE_REACH)
    last_stop = _LAST_CLAUSE_STOP.search(text, low, start)  # the end of the last stop, as finditer would find
    if last_stop:
        low = last_stop.end()
    stop = _CLAUSE_STOP.search(text, end, high)
    if stop:
        high = stop.start() + 1
    # "In April, shelling struck ...": a fronted expression's comma does not end its clause
    fronted = _FRONTED_COMMA.match(text, end) if _OPENING.fullmatch(text, low, start) is not None else None
    before: list[regex.Match[str]] = []
    best: tuple[bool, int] | None = None  # the best cue after the expression
    best_tense: Tense = None
    for cue in _tense_re().finditer(text, low, high):
        if cue.end() <= start:
            before.append(cue)
            continue
        if cue.start() < end:  # overlaps the expression
            continue
        gap_start = fronted.end() if fronted is not None and fronted.end() <= cue.start() else end
        distance = cue.start() - gap_start
        if best is not None and not best[0] and distance >= best[1]:
            # every later cue is farther: ``gap_start`` is the same for all (no cue starts
            # inside the fronted comma's "\s*,"), and the one found is in the clause
            break
        apart = _CLAUSE_BREAK.search(text, gap_start, cue.start()) is not None
        if apart and own_clause:
            continue
        rank = (apart, distance)
        if best is None or rank < best:
            best = rank
            best_tense = "future" if cue.group("future") else "past"
    nearest: tuple[bool, int] | None = None  # the best cue before it
    nearest_tense: Tense = None
    for cue in reversed(before):
        apart = _CLAUSE_BREAK.search(text, cue.end(), start) is not None
        if apart and (own_clause or nearest is not None):
            continue
        nearest = (apart, start - cue.end())
        nearest_tense = "future" if cue.group("future") else "past"
        if not apart:
            break
    if nearest is not None and (best is None or nearest <= best):
        return nearest_tense
    return best_tense


#: How far a past-tense date may lie after the document date (or a future-tense one
#: before it) and still take the document's year: reported plans ("suggested that
#: talks resume on June 2") are written in the past tense.
_TENSE_SLACK = dt.timedelta(days=31)


def _place_year(lo: _End | None, hi: _End | None, doc: dt.date | None, tense: Tense) -> tuple[int | None, int | None]:
    """Years for ends written without one (see the module docstring for the rule)."""
    lo_year = lo.year if lo is not None else None
    hi_year = hi.year if hi is not None else None
    wraps = lo is not None and hi is not None and lo.key() > hi.key()
    if lo is not None and hi is not None:
        if lo_year is None and hi_year is not None:
            return hi_year - wraps, hi_year
        if hi_year is None and lo_year is not None:
            return lo_year, lo_year + wraps
    if (lo is None or lo_year is not None) and (hi is None or hi_year is not None):
        return lo_year, hi_year
    if doc is None:
        return lo_year, hi_year
    best: tuple[int, int] | None = None
    best_rank: tuple[int, ...] | None = None
    for year in (doc.year - 1, doc.year, doc.year + 1):
        first = (lo or hi).date(year - wraps if lo is not None else year)  # type: ignore[union-attr]
        last = (hi or lo).date(year)  # type: ignore[union-attr]
        if first is None or last is None:
            continue
        if tense == "past":
            if first > doc + _TENSE_SLACK:
                continue
            rank: tuple[int, ...] = (-year,)
        elif tense == "future":
            if last < doc - _TENSE_SLACK:
                continue
            rank = (year,)
        else:
            distance = 0 if first <= doc <= last else min(abs((first - doc).days), abs((last - doc).days))
            rank = (distance, year)
        if best_rank is None or rank < best_rank:
            best_rank = rank
            best = (year - wraps if lo is not None else year, year)
    if best is None:
        return None, None
    return (best[0] if lo is not None and lo_year is None else lo_year,
            best[1] if hi is not None and hi_year is None else hi_year)


# --------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------

UnitKind = Literal["day", "month", "year", "weekday", "clock", "relative", "range"]


@dataclass(slots=True)
class _Unit:
    """A piece of text that gives (part of) a window, before prefixes are applied."""

    start: int
    end: int
    kind: UnitKind
    lo: _End | None = None
    hi: _End | None = None
    needs_prefix: bool = False  # a bare year or month: kept only with a prefix, modifier or range
    unresolved: bool = False    # relative, and no document date
    open_lo: bool = False
    open_hi: bool = False
    clock: tuple[tuple[int, int], _Zone | None] | None = None  # for a clock-only unit
    weekday_hi: bool = False    # hi came from a weekday: may roll a week forward in a range
    extra: dict[str, object] = field(default_factory=dict)


def _clock_of(match: regex.Match[str]) -> tuple[tuple[int, int], _Zone | None]:
    """Hour, minute and zone of a clock atom."""
    zone = _zone_of(match.group("c_zone")) if match.group("c_zone") else None
    if match.group("c_h"):
        hour = int(match.group("c_h")) % 12
        if match.group("c_ap").lower() == "p":
            hour += 12
        return (hour, int(match.group("c_m") or 0)), zone
    if match.group("c_h24"):
        return (int(match.group("c_h24")), int(match.group("c_m24"))), zone
    if match.group("c_word"):
        word = match.group("c_word").lower()
        return ((0, 0) if word == "midnight" else (12, 0)), zone
    mil = match.group("c_mil")
    return (int(mil[:2]), int(mil[2:])), zone


_DIGITS = regex.compile(r"\d+")


def _days_in(more: str) -> list[int]:
    return [int(d) for d in _DIGITS.findall(more)]


def _capitalized(word: str) -> bool:
    return word[:1].isupper()


def _weekday_date(doc: dt.date, weekday: int, mode: str) -> dt.date:
    """The ``weekday`` nearest ``doc`` in a direction: past / future (inclusive), last / next (strict)."""
    back = (doc.weekday() - weekday) % 7
    ahead = (weekday - doc.weekday()) % 7
    if mode == "past":
        return doc - dt.timedelta(days=back)
    if mode == "last":
        return doc - dt.timedelta(days=back or 7)
    if mode == "next":
        return doc + dt.timedelta(days=ahead or 7)
    return doc + dt.timedelta(days=ahead)


def _rolling(doc: dt.date, count: int, unit: str, forward: bool) -> tuple[_End, _End] | None:
    """``the past N units`` (or the next N units) counted from the document date."""
    sign = 1 if forward else -1
    if unit.startswith("hour"):
        other = _shift(doc, sign * max(1, -(-count // 24)))
    elif unit.startswith("day"):
        other = _shift(doc, sign * count)
    elif unit.startswith("fortnight"):
        other = _shift(doc, sign * 14 * count)
    elif unit.startswith("week"):
        other = _shift(doc, sign * 7 * count)
    elif unit.startswith("month"):
        other = _add_months(doc, sign * count) if count < 10000 else None
    else:
        other = _add_months(doc, sign * 12 * count) if count < 1000 else None
    if other is None or not 1 <= other.year <= 9998:
        return None
    first, last = (doc, other) if forward else (other, doc)
    return _End.of(first), _End.of(last)


def _calendar(doc: dt.date, unit: str, which: int) -> tuple[dt.date, dt.date]:
    """The calendar week/month/year holding ``doc``, shifted by ``which`` (-1 last, +1 next)."""
    if unit == "week":
        monday = doc - dt.timedelta(days=doc.weekday()) + dt.timedelta(days=7 * which)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        first = _add_months(doc.replace(day=1), which)
        return first, first.replace(day=_month_length(first.year, first.month))
    year = doc.year + which
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}


def _atom_unit(match: regex.Match[str], text: str, doc: dt.date | None) -> _Unit | None:
    """A unit from one atom, or None when the atom is not a time expression after all."""
    start, end = match.span()
    g = match.group
    alternative = match.lastgroup  # the one that matched: each is a group that closes last (see _atom_re)
    if alternative == "iso" or alternative == "dot":
        prefix = alternative
        try:
            day = dt.date(int(g(prefix + "_y")), int(g(prefix + "_m")), int(g(prefix + "_d")))
        except ValueError:
            return None
        lo, hi = _span_of(day)
        return _Unit(start, end, "day", lo, hi)
    if alternative == "md" or alternative == "dm":
        prefix = alternative
        month_word = g(prefix + "_m").rstrip(".")
        month = month_numbers()[month_word.lower()]
        first = int(_DIGITS.match(g(prefix + "_d")).group())  # type: ignore[union-attr]
        year_text = g(prefix + "_y")
        year = int(year_text) if year_text else None
        more = g(prefix + "_more")
        if not _capitalized(month_word) and year is None:
            return None
        last = first
        if more:
            days = _days_in(more)
            after = _LIST_NEXT_WORD.match(text, end)
            ok = all(a < b for a, b in zip([first, *days], days)) and days[-1] <= 31
            if after and after.group(1) not in _LIST_WORDS_OK and prefix == "md" and year is None:
                ok = False
            if ok:
                last = days[-1]
            elif prefix == "md":  # keep just "Month Day"
                end = match.end("md_d")
                year = None
            else:
                return None
        if first > 31 or last > _month_length(year or 2000, month):
            return None
        kind: UnitKind = "range" if last != first else "day"
        return _Unit(start, end, kind, _End(year, month, first), _End(year, month, last))
    if alternative == "my":
        month_word = g("my_m").rstrip(".")
        if not _capitalized(month_word):
            return None
        month = month_numbers()[month_word.lower()]
        year = int(g("my_y")) if g("my_y") else None
        direction = (g("my_dir") or "").lower()
        if direction and year is None:
            if doc is None:
                return _Unit(start, end, "month", unresolved=True)
            if direction == "this":
                year = doc.year
            elif direction in ("last", "past"):
                year = doc.year if month < doc.month else doc.year - 1
            else:
                year = doc.year if month > doc.month else doc.year + 1
        if len(month_word) <= 3 and month_word.lower() != "may" and year is None:
            return None  # "Jan" alone is a name more often than a month
        return _Unit(start, end, "month", _End(year, month, 1), _End(year, month, -1),
                     needs_prefix=not direction and not g("my_y"))
    if alternative == "season":
        return _season_unit(match, start, end, doc)
    if alternative == "decade":
        decade = int(g("decade"))
        return _Unit(start, end, "year", _End(decade, 1, 1), _End(decade + 9, 12, 31))
    if alternative == "year":
        year = int(g("year"))
        return _Unit(start, end, "year", _End(year, 1, 1), _End(year, 12, 31), needs_prefix=True)
    if alternative == "clock":
        return _Unit(start, end, "clock", clock=_clock_of(match))
    if alternative == "wd":
        return _weekday_unit(match, text, start, end, doc)
    return _relative_unit(match, alternative, text, start, end, doc)


def _season_unit(match: regex.Match[str], start: int, end: int, doc: dt.date | None) -> _Unit | None:
    g = match.group
    first_month, last_month = _SEASON_MONTHS[g("season_name").lower()]
    direction = (g("season_dir") or "").lower()
    if g("season_y"):
        year = int(g("season_y"))
    elif direction:
        if doc is None:
            return _Unit(start, end, "month", unresolved=True)
        year = doc.year + {"last": -1, "past": -1, "next": 1}.get(direction, 0)
    else:
        return None
    lo_year = year
    hi_year = year + 1 if last_month < first_month else year
    return _Unit(start, end, "month", _End(lo_year, first_month, 1), _End(hi_year, last_month, -1))


def _weekday_unit(match: regex.Match[str], text: str, start: int, end: int, doc: dt.date | None) -> _Unit | None:
    g = match.group
    name = g("wd_name")
    if not _capitalized(name):
        return None
    weekday = _weekday_numbers()[name.lower()]
    if doc is None:
        return _Unit(start, end, "weekday", unresolved=True, extra={"weekday": weekday})
    direction = (g("wd_dir") or "").lower().split()[-1:] or [""]
    if direction[0] in ("last", "past"):
        mode = "last"
    elif direction[0] in ("next",):
        mode = "next"
    elif direction[0] == "coming":
        mode = "future"
    else:
        left = text[max(0, start - _CONTEXT):start]
        if _FORWARD_LEFT.search(left):
            mode = "future"
        elif _BACKWARD_LEFT.search(left):
            mode = "past"
        elif _OPEN_LEFT.search(left):
            mode = "past" if _tense(text, start, end) == "past" else "future"
        else:
            mode = "future" if _tense(text, start, end) == "future" else "past"
    day = _weekday_date(doc, weekday, mode)
    lo, hi = _span_of(day)
    if (g("wd_part") or "").lower() == "night":
        hi = replace(hi, shift=1)
    return _Unit(start, end, "weekday", lo, hi, weekday_hi=True, extra={"weekday": weekday})


def _relative_unit(
    match: regex.Match[str], alternative: str | None, text: str, start: int, end: int, doc: dt.date | None
) -> _Unit | None:
    """today, last week, the past 24 hours, two weeks ago, ... against the document date."""
    g = match.group
    if alternative == "rolling":
        direction = g("roll_dir").lower()
        unit = g("roll_unit").lower()
        count_text = g("roll_num")
        has_the = match.group().lower().startswith("the")
        if count_text is None and direction in ("previous", "preceding", "following"):
            return None  # "the previous day": anaphoric, not anchored on the document date
        if count_text is None and direction in ("next",) and unit.startswith("day"):
            return None  # "the next day"
        if count_text is None and not has_the and direction in ("last", "next") and unit.rstrip("s") in ("week", "month", "year"):
            return None  # calendar "last week": matched by the calendar branch
        if not has_the and direction == "last" and not _LAST_LEFT.search(text, max(0, start - 16), start):
            return None  # "which would last 42 days", "his last days": the verb, the adjective
        if doc is None:
            return _Unit(start, end, "relative", unresolved=True)
        forward = direction in ("next", "coming", "following")
        if count_text is None and unit.endswith("s"):
            # "in recent days", "in the coming weeks": one end is the document date, the other open
            if forward:
                return _Unit(start, end, "relative", _End.of(doc), None)
            return _Unit(start, end, "relative", None, _End.of(doc))
        count = _number(count_text) if count_text else 1
        if count is None or count == 0:
            return None
        span = _rolling(doc, count, unit, forward)
        return None if span is None else _Unit(start, end, "relative", *span)
    if doc is None:
        if alternative == "overnight":
            return _Unit(start, end, "relative", unresolved=True, extra={"overnight": True})
        return _Unit(start, end, "relative", unresolved=True)
    if alternative == "ago":
        count = _number(g("ago_num"))
        unit = g("ago_unit").lower()
        if count is None or count > 5000:
            return None
        if unit.startswith(("day", "week", "fortnight", "hour")):
            days = count * (7 if unit.startswith("week") else 14 if unit.startswith("fortnight") else 1)
            if unit.startswith("hour"):
                days = -(-count // 24) if count >= 24 else 0
            day = _shift(doc, -days)
            return None if day is None else _Unit(start, end, "relative", *_span_of(day))
        if unit.startswith("month"):
            first = _add_months(doc.replace(day=1), -count)
            return _Unit(start, end, "relative", _End.of(first), _End(first.year, first.month, -1))
        year = doc.year - count
        if year < 1:
            return None
        return _Unit(start, end, "relative", _End(year, 1, 1), _End(year, 12, 31))
    if alternative == "within":
        count = _number(g("within_num"))
        if count is None or count == 0 or count > 5000:
            return None
        forward = _tense(text, start, end) != "past"
        span = _rolling(doc, count, g("within_unit").lower(), forward)
        return None if span is None else _Unit(start, end, "relative", *span)
    if alternative == "calendar":
        modifier = " ".join(g("cal_mod").lower().split())
        unit = g("cal_unit").lower()
        if unit == "weekend":
            return _weekend(start, end, doc, modifier, _tense(text, start, end))
        which = {"last": -1, "previous": -1, "next": 1}.get(modifier, 0)
        first, last = _calendar(doc, unit, which)
        if modifier in ("earlier this", "so far this") or g("cal_so_far"):
            last = doc
        elif modifier == "later this":
            first = doc
        return _Unit(start, end, "relative", _End.of(first), _End.of(last))
    if alternative == "since_start":
        first, _ = _calendar(doc, g("ss_unit").lower(), 0)
        return _Unit(start, end, "relative", _End.of(first), _End.of(doc))
    if alternative == "weekend":
        return _weekend(start, end, doc, "the", _tense(text, start, end))
    if alternative == "overnight":
        return _Unit(start, end, "relative", _End.of(doc - dt.timedelta(days=1)), _End.of(doc),
                     extra={"overnight": True})
    word = " ".join(g("reld").lower().split())
    offsets = {
        "the day before yesterday": (-2, -2), "the day after tomorrow": (2, 2),
        "yesterday": (-1, -1), "tomorrow": (1, 1), "last night": (-1, 0), "tonight": (0, 1),
    }
    first_offset, last_offset = offsets.get(word, (0, 0))
    first_day = _shift(doc, first_offset)
    last_day = _shift(doc, last_offset)
    if first_day is None or last_day is None:
        return None
    kind: UnitKind = "day" if first_offset == last_offset else "relative"
    return _Unit(start, end, kind, _End.of(first_day), _End.of(last_day))


def _weekend(start: int, end: int, doc: dt.date, modifier: str, tense: Tense) -> _Unit:
    """Saturday..Sunday: the last one (on or before the document date) or the coming one."""
    saturday_back = (doc.weekday() - 5) % 7
    if modifier in ("last", "previous"):
        saturday = doc - dt.timedelta(days=saturday_back if saturday_back > 1 else saturday_back + 7)
    elif modifier == "next":
        saturday = doc + dt.timedelta(days=(5 - doc.weekday()) % 7 or 7)
    elif tense == "future" or (modifier == "this" and tense != "past"):
        saturday = doc + dt.timedelta(days=(5 - doc.weekday()) % 7) if doc.weekday() != 6 else doc - dt.timedelta(days=1)
    else:
        saturday = doc - dt.timedelta(days=saturday_back)
    return _Unit(start, end, "relative", _End.of(saturday), _End.of(saturday + dt.timedelta(days=1)))


_DAYISH = ("day", "weekday")


def _with_clock(unit: _Unit, clock: tuple[tuple[int, int], _Zone | None], start: int, end: int) -> _Unit:
    """A day unit at a clock time: both ends become that date-time."""
    (time, zone) = clock
    lo = replace(unit.lo, clock=time, zone=zone) if unit.lo is not None else None
    hi = replace(unit.lo, clock=time, zone=zone) if unit.lo is not None else None
    return replace(unit, start=start, end=end, lo=lo, hi=hi, weekday_hi=False)


def _units(text: str, doc: dt.date | None) -> list[_Unit]:
    """Atoms of ``text`` grown into units (clock + day, parentheses, left modifiers)."""
    raw: list[_Unit | None] = [_atom_unit(m, text, doc) for m in _atoms(text)]
    atoms = [u for u in raw if u is not None]
    units: list[_Unit] = []
    i = 0
    count = len(atoms)
    while i < count:
        unit = atoms[i]
        i += 1
        if unit.kind == "clock":
            i = _absorb_parens(unit, atoms, i, text)
        nxt = atoms[i] if i < count else None
        if unit.kind == "clock" and nxt is not None and nxt.kind in _DAYISH \
                and _GAP_CLOCK_DAY.fullmatch(text, unit.end, nxt.start):
            assert unit.clock is not None
            unit = _with_clock(nxt, unit.clock, unit.start, nxt.end) if not nxt.unresolved else replace(nxt, start=unit.start)
            i += 1
        elif unit.kind == "weekday" and nxt is not None and nxt.kind == "day" \
                and _GAP_WEEKDAY_DATE.fullmatch(text, unit.end, nxt.start):
            unit = _weekday_and_date(unit, nxt, doc)  # "Monday, May 7": the date decides
            i += 1
            nxt = atoms[i] if i < count else None
            if nxt is not None and nxt.kind == "clock" and _GAP_DAY_CLOCK.fullmatch(text, unit.end, nxt.start):
                assert nxt.clock is not None
                unit = _with_clock(unit, nxt.clock, unit.start, nxt.end)
                i += 1
        elif unit.kind in _DAYISH and nxt is not None and nxt.kind == "clock" \
                and _GAP_DAY_CLOCK.fullmatch(text, unit.end, nxt.start):
            assert nxt.clock is not None
            unit = _with_clock(unit, nxt.clock, unit.start, nxt.end) if not unit.unresolved else replace(unit, end=nxt.end)
            i += 1
        elif unit.extra.get("overnight") and nxt is not None and nxt.kind in _DAYISH \
                and (gap := _GAP_OVERNIGHT.fullmatch(text, unit.end, nxt.start)):
            if nxt.lo is not None and gap.group("into"):
                unit = replace(nxt, start=unit.start, lo=replace(nxt.lo, shift=nxt.lo.shift - 1), kind="relative")
            else:
                unit = replace(nxt, start=unit.start)
            i += 1
        i = _absorb_parens(unit, atoms, i, text)
        _modify(unit, text)
        units.append(unit)
    return units


def _absorb_parens(unit: _Unit, atoms: list[_Unit], i: int, text: str) -> int:
    """Grow ``unit`` over parentheses restating its time: "(3 p.m. GMT)", "(9 p.m. GMT on April 20)",
    "(Monday)", "(Moscow time)". Returns the index of the first atom not absorbed."""
    count = len(atoms)
    while True:
        paren = _PAREN.match(text, unit.end)
        if paren is None:
            return i
        j = i
        covered: list[tuple[int, int]] = []
        while j < count and atoms[j].start < paren.end():
            covered.append((atoms[j].start, atoms[j].end))
            j += 1
        rest = _strip_spans(paren.group(1), paren.start(1), covered)
        if covered and all(s >= paren.start(1) and e <= paren.end(1) for s, e in covered) \
                and _PAREN_FILLER.fullmatch(rest):
            unit.end = paren.end()
            i = j
            continue
        zone = _zone_of(rest) if not covered and rest.strip() else None
        if zone is None:
            return i
        unit.end = paren.end()
        if unit.clock is not None and unit.clock[1] is None:
            unit.clock = (unit.clock[0], zone)
        if unit.lo is not None and unit.lo.clock is not None and unit.lo.zone is None:
            unit.lo = replace(unit.lo, zone=zone)
            unit.hi = replace(unit.hi, zone=zone) if unit.hi is not None else None


def _weekday_and_date(weekday: _Unit, date: _Unit, doc: dt.date | None) -> _Unit:
    """``Monday, June 2``: the date, its year chosen (if unwritten) so that it falls on that weekday."""
    unit = replace(date, start=weekday.start)
    lo = date.lo
    wanted = weekday.extra.get("weekday")
    if doc is None or lo is None or lo.year is not None or date.kind != "day" or not isinstance(wanted, int):
        return unit
    fitting = [y for y in (doc.year - 1, doc.year, doc.year + 1)
               if (d := lo.date(y)) is not None and d.weekday() == wanted]
    if not fitting:
        return unit
    year = min(fitting, key=lambda y: abs(((lo.date(y) or doc) - doc).days))
    unit.lo = replace(lo, year=year)
    unit.hi = replace(date.hi, year=year) if date.hi is not None else None
    return unit


def _strip_spans(inner: str, offset: int, spans: list[tuple[int, int]]) -> str:
    """``inner`` with the given absolute spans blanked out."""
    chars = list(inner)
    for start, end in spans:
        for k in range(max(start - offset, 0), min(end - offset, len(chars))):
            chars[k] = " "
    return "".join(chars)


def _modify(unit: _Unit, text: str) -> None:
    """Apply a narrowing modifier written just left of the unit ("the first week of", "late")."""
    if unit.kind not in ("day", "weekday", "month", "year", "range"):
        return
    left_start = max(0, unit.start - _CONTEXT)
    if _MODIFIER_END.match(text, left_start, unit.start) is None:
        return
    match = _MODIFIER.search(text, left_start, unit.start)
    if match is None:
        return
    lo, hi = unit.lo, unit.hi
    multi_day = lo is not None and hi is not None and (lo.key() != hi.key() or lo.year != hi.year)
    if unit.kind in ("day", "weekday", "range"):
        if unit.kind == "range" and match.group("third"):
            return
        if match.group("piece") or match.group("edge") or match.group("n_unit"):
            return
        if match.group("night") and hi is not None and not multi_day:
            unit.hi = replace(hi, shift=hi.shift + 1)
        unit.start = match.start("body")
        unit.needs_prefix = False
        return
    if lo is None or hi is None:
        unit.start = match.start("body")
        unit.needs_prefix = False
        return
    narrowed = _narrow(unit.kind, lo, hi, match)
    if narrowed is None:
        return
    unit.lo, unit.hi = narrowed
    unit.start = match.start("body")
    unit.needs_prefix = False


def _narrow(kind: str, lo: _End, hi: _End, match: regex.Match[str]) -> tuple[_End, _End] | None:
    """Part of a month or year named by a modifier."""
    third = (match.group("third") or "").lower()
    edge = (match.group("edge") or "").lower()
    ordinal = (match.group("ordinal") or "").lower()
    piece = " ".join((match.group("piece") or "").lower().split())
    part = {"early": 0, "beginning": 0, "start": 0, "turn": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}
    if match.group("n_unit"):
        return _narrow_count(kind, lo, hi, match)
    if kind == "month":
        if lo.key()[0] != hi.key()[0] or lo.day != 1 or hi.day != -1:
            return None
        if third or edge:
            index = part[third or edge]
            first, last = ((1, 10), (11, 20), (21, -1))[index]
            return replace(lo, day=first), replace(hi, day=last)
        if piece in ("week", "ten days"):
            length = 7 if piece == "week" else 10
            if ordinal in ("last", "final"):
                return replace(lo, day=-length), replace(hi, day=-1)
            index = ("first", "second", "third", "fourth").index(ordinal)
            if piece == "ten days" and index > 2:
                return None
            return replace(lo, day=1 + length * index), replace(hi, day=length * (index + 1))
        if piece == "half":
            if ordinal in ("first",):
                return replace(lo, day=1), replace(hi, day=15)
            if ordinal in ("second", "last", "final"):
                return replace(lo, day=16), hi
        return None
    # a year
    if lo.year != hi.year or (lo.month, lo.day, hi.month, hi.day) != (1, 1, 12, 31):
        return None
    if third or edge:
        first_month, last_month = ((1, 4), (5, 8), (9, 12))[part[third or edge]]
    elif piece == "half" and ordinal in ("first", "second", "last", "final"):
        first_month, last_month = (1, 6) if ordinal == "first" else (7, 12)
    elif piece == "quarter" and ordinal in ("first", "second", "third", "fourth", "last", "final"):
        index = 3 if ordinal in ("last", "final", "fourth") else ("first", "second", "third").index(ordinal)
        first_month, last_month = 1 + 3 * index, 3 + 3 * index
    else:
        return None
    return replace(lo, month=first_month, day=1), replace(hi, month=last_month, day=-1)


def _narrow_count(kind: str, lo: _End, hi: _End, match: regex.Match[str]) -> tuple[_End, _End] | None:
    """``the first three months of 2025``, ``the last 10 days of May``: the days or weeks of a
    month, the months of a year, counted from its start (``first``) or end (``last``)."""
    count = _number(match.group("n_count"))
    unit = match.group("n_unit").lower()
    first = match.group("n_ordinal").lower() == "first"
    if kind == "month" and unit in ("days", "weeks"):
        if lo.key()[0] != hi.key()[0] or lo.day != 1 or hi.day != -1:
            return None
        days = (count or 0) * (7 if unit == "weeks" else 1)
        if not 2 <= days <= 28:
            return None
        return (replace(lo, day=1), replace(hi, day=days)) if first else (replace(lo, day=-days), hi)
    if kind == "year" and unit == "months":
        if lo.year != hi.year or (lo.month, lo.day, hi.month, hi.day) != (1, 1, 12, 31):
            return None
        if count is None or not 2 <= count <= 11:
            return None
        if first:
            return lo, replace(hi, month=count, day=-1)
        return replace(lo, month=13 - count, day=1), hi
    return None


# --------------------------------------------------------------------------
# Ranges and prefixes
# --------------------------------------------------------------------------

_RANGEABLE = ("day", "weekday", "month", "year", "relative", "range", "clock")


def _join(left: _Unit, right: _Unit) -> _Unit | None:
    """``left`` .. ``right`` as one window, or None if they do not make one."""
    if left.kind == "clock" and (right.kind == "clock" or right.hi is None or right.hi.clock is None):
        return None
    if right.kind == "clock" and (left.lo is None or left.lo.clock is None):
        return None
    if left.unresolved or right.unresolved:
        return _Unit(left.start, right.end, "range", unresolved=True)
    lo, hi = left.lo, right.hi
    if left.kind == "clock" and hi is not None and left.clock is not None:
        lo = replace(hi, clock=left.clock[0], zone=left.clock[1], shift=hi.shift)
    if right.kind == "clock" and lo is not None and right.clock is not None:
        hi = replace(lo, clock=right.clock[0], zone=right.clock[1])
        if lo.clock is not None and right.clock[0] <= lo.clock:
            hi = replace(hi, shift=hi.shift + 1)
    if lo is None or hi is None:
        return None
    # a zone written on one end only holds for both ("from 1:15 a.m. Kyiv time ... until 5:40 a.m.")
    if lo.clock is not None and hi.clock is not None:
        if hi.zone is None and lo.zone is not None:
            hi = replace(hi, zone=lo.zone)
        elif lo.zone is None and hi.zone is not None:
            lo = replace(lo, zone=hi.zone)
    return _Unit(left.start, right.end, "range", lo, hi, weekday_hi=right.weekday_hi and left.kind == "weekday")


def _ranges(text: str, units: list[_Unit]) -> list[_Unit]:
    """Join neighbouring units into ranges ("from X until Y", "between X and Y", "X-Y", "X and Y")."""
    out: list[_Unit] = []
    k = 0
    while k < len(units):
        unit = units[k]
        k += 1
        while k < len(units) and unit.kind in _RANGEABLE and units[k].kind in _RANGEABLE:
            gap = _GAP_RANGE.fullmatch(text, unit.end, units[k].start)
            if gap is None:
                break
            joined = _join(unit, units[k])
            if joined is None:
                break
            unit = joined
            k += 1
        out.append(unit)
    return out


def _since_event(text: str, start: int, floor: int) -> int | None:
    """Where ``since <event>`` begins before the expression at ``start`` (joined by in/on/at/
    during or nothing), if it does: "since the fall of Assad in December" runs from December to
    the document date. Not over a number ("since 40 soldiers were killed in May": that figure's
    window is May) nor over an earlier expression (``floor``: where it ends)."""
    low = max(floor, start - _SINCE_REACH)
    if text.find("ince", low, start) < 0 and text.find("INCE", low, start) < 0:  # most have no "since" before them
        return None
    match = _SINCE_EVENT.search(text, low, start)
    if match is None:
        return None
    numbers = _number_words()
    words = (word.lower() for word in _WORD.findall(text, match.start(), start))
    if any(word in numbers and word not in ("a", "an") for word in words):  # the article is no count here
        return None
    return match.start()


def _finish(unit: _Unit, text: str, doc: dt.date | None, floor: int = 0) -> TimeExpression | None:
    """Apply the prefix on the unit's left and resolve it to a TimeExpression
    (``floor``: where the expression before it ends)."""
    if unit.kind == "clock":  # a clock time alone is no expression, whatever its prefix
        return None
    start = unit.start
    prefix = _PREFIX.search(text, max(0, start - 24), start)
    word = ""
    if prefix is not None:
        word = " ".join(prefix.group("pre").lower().split())
        if word == "between" and unit.kind != "range":
            word = ""
        elif word == "for" and unit.kind not in ("relative",):
            word = ""
        else:
            start = prefix.start()
    if unit.needs_prefix and not word and unit.kind != "range":
        return None
    lo, hi = unit.lo, unit.hi
    if unit.unresolved:
        lo = hi = None
    head = word.split()[0] if word else ""
    if head in ("", "in", "on", "at", "during") and unit.kind != "relative":
        since = _since_event(text, unit.start, floor)
        if since is not None:
            head, start = "since", since
        elif _ONSET_LEFT.match(text, max(0, unit.start - 40), unit.start):
            head = "starting"
    if head == "since":
        hi = _End.of(doc) if doc is not None else None
    elif head in ("starting", "beginning", "effective") or (head == "from" and unit.kind != "range"):
        hi = None
    elif head in ("until", "till", "by", "as", "up"):
        lo = None
    elif head in ("before", "prior") and lo is not None:  # "before 2019": open .. the day before 2019
        bound = lo
        lo, hi = None, bound if bound.clock is not None else replace(bound, shift=bound.shift - 1)
    tense: Tense = None
    unknown_year = (lo is not None and lo.year is None) or (hi is not None and hi.year is None)
    if unknown_year and doc is not None:
        tense = _tense(text, unit.start, unit.end, own_clause=True)
    if tense is None and head in ("starting", "beginning", "effective", "until", "till"):
        tense = "future"
    lo_year, hi_year = _place_year(lo, hi, doc, tense)
    first = lo.date(lo_year) if lo is not None else None
    last = hi.date(hi_year) if hi is not None else None
    time_start = lo.iso_of(first) if lo is not None else None
    time_end = hi.iso_of(last) if hi is not None else None
    if first is not None and last is not None and last < first:
        assert hi is not None
        if unit.weekday_hi:
            time_end = replace(hi, shift=hi.shift + 7).iso(hi_year)
        else:
            return None
    if (lo is not None and time_start is None) or (hi is not None and time_end is None):
        if not (lo is not None and lo.year is None or hi is not None and hi.year is None):
            return None  # an impossible date
    return TimeExpression(start, unit.end, text[start:unit.end], time_start, time_end)


def find_time_expressions(source: str, published: dt.date | None) -> list[TimeExpression]:
    """All time expressions in the document, in order, non-overlapping, resolved against ``published``.

    Look-alike letters (``7 ſept.``) are read as ASCII ones; an expression's text is the source's."""
    text = as_ascii(source)
    found: list[TimeExpression] = []
    last_end = 0
    for unit in _ranges(text, _units(text, published)):
        expression = _finish(unit, text, published, last_end)
        if expression is None:
            continue
        if expression.start < last_end:  # a prefix reaching into the previous expression
            if unit.start < last_end:
                continue
            expression = TimeExpression(unit.start, unit.end, text[unit.start:unit.end],
                                        expression.time_start, expression.time_end)
        found.append(expression)
        last_end = expression.end
    if text is not source:
        found = [replace(e, text=source[e.start:e.end]) for e in found]
    return found


# --------------------------------------------------------------------------
# Assignment
# --------------------------------------------------------------------------


@cache
def _statement_res() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """Patterns for statement dates: after a verb, after a noun, before a verb."""
    verbs = alternation([row[1] for row in table("time_reporting.tsv") if row[0] == "verb"])
    nouns = alternation([row[1] for row in table("time_reporting.tsv") if row[0] == "noun"])
    word = r"[\p{L}\p{N}'’.\-]+"
    capital = r"(?-i:\p{Lu})[\p{L}\p{N}'’.\-]*"  # a capital even under IGNORECASE
    obj = rf"(?:reporters|journalists|the\s+media|(?:the\s+)?{capital}(?:\s+{capital}){{0,3}})"
    # "told a news conference", "told state television": any short object after tell
    told = rf"(?:told|tells|telling)\s+(?:(?:a|an|the)\s+)?{word}(?:\s+{word})?"
    # an adjunct of the saying ("in a statement", "at a briefing"); never one holding the claim's
    # number, in digits or words ("pledged at least $5bn in aid on May 7", "pledged at least two
    # dollars in aid yesterday": the date is the pledge's, not a statement's). "one" is left out:
    # "in one statement" is an adjunct, and "one billion" is caught at its scale word.
    counts = alternation([row[0] for row in table("number_words.tsv") if row[0].lower() != "one"])
    plain = rf"(?![\p{{N}}\p{{Sc}}]|(?:{counts})(?![\p{{L}}]))[\p{{L}}\p{{N}}'’.\-]+"
    phrase = rf"(?:in|at|to|with|on|during|via|after|before|from|for)\s+(?:(?:a|an|the|its|his|her|their)\s+)?{plain}(?:\s+{plain}){{0,2}}"
    adverb = r"(?:late|early|earlier|later|again|also|publicly|separately)"
    after_verb = regex.compile(
        rf"(?<![\p{{L}}])(?:{told}|(?:{verbs})(?:\s+{adverb})?(?:\s+{obj})?)(?:\s+{phrase}){{0,2}}(?:\s+{adverb})?\s+\Z",
        regex.IGNORECASE,
    )
    after_noun = regex.compile(
        rf"(?<![\p{{L}}])(?:{nouns})(?:\s+(?:released|issued|published|posted|broadcast|aired|delivered|given|made|late|early|earlier))?\s+\Z",
        regex.IGNORECASE,
    )
    before_verb = regex.compile(rf"\s+(?:{verbs})(?![\p{{L}}])", regex.IGNORECASE)
    return after_verb, after_noun, before_verb


@cache
def _statement_cues() -> tuple[frozenset[bytes] | None, frozenset[bytes] | None]:
    """Words one of which every match of the after-verb (after-noun) pattern of
    :func:`_statement_res` holds: the verbs (nouns) that begin it, as :func:`_cue_words` gives them."""
    verbs = [row[1] for row in table("time_reporting.tsv") if row[0] == "verb"]
    nouns = [row[1] for row in table("time_reporting.tsv") if row[0] == "noun"]
    return _cue_words([*verbs, "told", "tells", "telling"]), _cue_words(nouns)


#: a dateline: a line opening with a place in capitals ("JERUSALEM," "Kyiv, Ukraine,"), the date,
#: maybe an agency in parentheses, and a dash
_DATELINE_LEFT = regex.compile(r"[\s\"'“]*(?:\p{Lu}[\p{L}.'’-]*[ \t]+){0,3}\p{Lu}[\p{L}.'’-]*(?:,[ \t]*\p{Lu}[\p{L}.'’-]*){0,2},?[ \t]+")
_DATELINE_RIGHT = regex.compile(r"[ \t]*(?:\([^()\n]{1,30}\)[ \t]*)?(?:[—–]|--?[ \t])")


def _is_dateline(text: str, expression: TimeExpression) -> bool:
    """Whether the expression is the date of a dateline ("JERUSALEM, June 1 (AFP) —"): the date
    of the report, like a statement's, not a window."""
    if expression.text[:1].islower() or _DATELINE_RIGHT.match(text, expression.end) is None:
        return False
    line = text.rfind("\n", 0, expression.start) + 1
    return _DATELINE_LEFT.fullmatch(text, line, expression.start) is not None


def _is_statement_date(text: str, expression: TimeExpression, floor: int) -> bool:
    """Whether the expression dates a statement (``said on Saturday``), not an event.

    The patterns left of the expression are searched only where the 90
    characters before it hold a verb or noun they begin with (most do not):
    the search tries a long alternation at every character; a set of words is
    checked at once.
    """
    after_verb, after_noun, before_verb = _statement_res()
    verbs, nouns = _statement_cues()
    low = max(floor, expression.start - 90)
    words = _words_of(text, low, expression.start)
    if _may_hold(words, verbs) and after_verb.search(text, low, expression.start):
        return True
    if _may_hold(words, nouns) and after_noun.search(text, low, expression.start):
        return True
    return before_verb.match(text, expression.end, min(len(text), expression.end + 40)) is not None


def _cue_words(phrases: Sequence[str]) -> frozenset[bytes] | None:
    """Words such that a text matching one of ``phrases`` holds one of them as a word of
    :func:`_words_of`, or None if some phrase has no such word.

    For a pattern of literal phrases (:func:`alternation`, ``{n}`` a number) under
    IGNORECASE, with no letter just before or after a match (a lookbehind, a lookahead
    or a blank). A run of ASCII letters of a phrase matches a run of ASCII letters
    (or of characters of ``_ASCII_LOOKALIKE``, when :func:`_words_of` does not read
    the text); if what bounds it in the phrase matches no ASCII letter (nor is the
    number), the run is a whole word in the text. Each phrase gives its longest.
    """
    words = set()
    for phrase in phrases:
        runs = []
        for run in regex.finditer(r"[A-Za-z]+", phrase):
            bounds = phrase[run.start() - 1:run.start()] + phrase[run.end():run.end() + 1]
            if not any(char in "{}" or regex.search(regex.escape(char), string.ascii_letters, regex.IGNORECASE)
                       for char in bounds):
                runs.append(run.group().lower())
        if not runs:
            return None
        words.add(max(reversed(runs), key=len).encode("ascii"))  # the last of the longest: "that same day" -> "same"
    return frozenset(words)


#: ASCII letters lower-cased, anything else a space: what :func:`_words_of` splits a text at
_LETTERS_FOLD = bytes(byte + 32 if 65 <= byte <= 90 else byte if 97 <= byte <= 122 else 32 for byte in range(256))


def _words_of(text: str, start: int, end: int) -> list[bytes] | None:
    """The runs of ASCII letters in ``text[start:end]``, lower-cased, to look for the words of
    :func:`_cue_words` in; None if it holds a character that a regex under IGNORECASE may
    read as an ASCII letter (``ſ`` for ``s``; see ``_ASCII_LOOKALIKE``): then only the regex can tell."""
    window = text[start:end]
    if not window.isascii() and _ASCII_LOOKALIKE.search(window) is not None:
        return None
    return window.encode("ascii", "replace").translate(_LETTERS_FOLD).split()


def _may_hold(words: list[bytes] | None, cues: frozenset[bytes] | None) -> bool:
    """False only if a pattern that :func:`_cue_words` gave ``cues`` for cannot match where ``words`` were read."""
    return words is None or cues is None or not cues.isdisjoint(words)


@cache
def _continuation_res() -> tuple[regex.Pattern[str], regex.Pattern[str] | None, regex.Pattern[str] | None]:
    """Patterns for continuation cues: at the start of a sentence, anywhere in it, and
    anywhere in a past-tense clause."""
    rows = table("time_continuation.tsv")
    starts = [row[1] for row in rows if row[0] == "start"]
    numbers = alternation(tuple(_number_words()))
    number = rf"(?:\d{{1,4}}|(?:{numbers})(?:-(?:{numbers}))?)"
    start_re = regex.compile(rf"[\"'“‘(\[]*(?:{alternation(starts)})(?![\p{{L}}])", regex.IGNORECASE)

    def anywhere(kind: str) -> regex.Pattern[str] | None:
        phrases = [row[1] for row in rows if row[0] == kind]
        if not phrases:
            return None
        parts = [alternation([w]).replace(regex.escape("{n}"), number).replace("\\{n\\}", number) for w in phrases]
        return regex.compile(rf"(?<![\p{{L}}])(?:{'|'.join(parts)})(?![\p{{L}}])", regex.IGNORECASE)

    return start_re, anywhere("within"), anywhere("past")


@cache
def _within_cues(kind: str = "within") -> frozenset[bytes] | None:
    """Words one of which every match of an anywhere-pattern of :func:`_continuation_res` holds."""
    return _cue_words([row[1] for row in table("time_continuation.tsv") if row[0] == kind])


def _continues(text: str, sentence: Sentence) -> bool:
    """Whether a sentence continues the one before it (``In all, ...``, ``these three days``,
    ``were also killed``).

    The cue anywhere in it is searched for only if the sentence holds one of its words.
    """
    start_re, within_re, past_re = _continuation_res()
    if start_re.match(text, sentence.start, sentence.end):
        return True
    words = _words_of(text, sentence.start, sentence.end)
    if within_re is not None and _may_hold(words, _within_cues()) \
            and within_re.search(text, sentence.start, sentence.end) is not None:
        return True
    if past_re is None or not _may_hold(words, _within_cues("past")):
        return False
    return any(_tense(text, cue.start(), cue.end(), own_clause=True) == "past"
               for cue in past_re.finditer(text, sentence.start, sentence.end))


def _sentence_index(starts: list[int], sentences: Sequence[Sentence], position: int) -> int | None:
    index = bisect_right(starts, position) - 1
    if index < 0 or position >= sentences[index].end:
        return None
    return index


def windows_for(
    text: str,
    sentences: Sequence[Sentence],
    spans: Sequence[tuple[int, int]],
    expressions: Sequence[TimeExpression],
) -> list[TimeExpression | None]:
    """For each figure span (start, end) in ``text``, the expression giving its window, or None.

    Rules, in order:

    1. an expression in the figure's own sentence, not overlapping the figure and
       not a statement date (nor a dateline); the one in the same clause first, then
       the nearest; never one that runs into a figure without holding it whole (in
       "over 1800 drones" the number stage read a count, so "over 1800" is no year);
       none from another clause when the figure's clause says it is the present
       ("..., now costs 3,500 kyat"), unless the expression opens the sentence;
       none from a concessive phrase that does not hold the figure ("killed 11
       people despite a ceasefire that took effect on November 27",
       ``time_concessive.tsv``): then the figure has no window;
    2. if the sentence continues an earlier one (a cue of ``time_continuation.tsv``),
       the last usable expression of the nearest earlier sentence of the same
       paragraph that has one, walking back only through continuing sentences;
    3. otherwise None (never the document date by default).
    """
    starts = [s.start for s in sentences]
    in_sentence: dict[int, list[TimeExpression]] = {}
    for expression in expressions:
        index = _sentence_index(starts, sentences, expression.start)
        if index is not None:
            in_sentence.setdefault(index, []).append(expression)
    usable: dict[int, list[TimeExpression]] = {}
    ordered = sorted(spans)

    def usable_in(index: int) -> list[TimeExpression]:
        """The expressions of a sentence that are no statement dates and run into no figure. Only
        the sentences of figures and those they inherit from are looked at: the check is made
        there, once."""
        if index not in usable:
            floor = sentences[index].start
            usable[index] = [e for e in in_sentence.get(index, ())
                             if not _runs_into_a_figure(e, ordered) and not _is_statement_date(text, e, floor)
                             and not _is_dateline(text, e)]
        return usable[index]

    concessive: dict[int, bool] = {}

    def conceding(index: int) -> bool:
        """Whether a sentence may hold a concessive word (most do not: one word check, once)."""
        if index not in concessive:
            sentence = sentences[index]
            concessive[index] = _may_hold(_words_of(text, sentence.start, sentence.end), _concessive_cues())
        return concessive[index]

    inherited: dict[int, TimeExpression | None] = {}  # by sentence: figures of one sentence inherit alike
    result: list[TimeExpression | None] = []
    for start, end in spans:
        index = _sentence_index(starts, sentences, start)
        if index is None:
            result.append(None)
            continue
        own = [e for e in usable_in(index) if e.end <= start or e.start >= end]
        if own and conceding(index):
            own = [e for e in own if not _fenced(text, sentences[index], e, start, end)]
            if not own:
                result.append(None)  # "... despite a ceasefire that took effect on November 27"
                continue
        if own:
            best = min(own, key=lambda e: _rank(text, e, start, end))
            if _rank(text, best, start, end)[0] and _OPENING.fullmatch(text, sentences[index].start, best.start) is None \
                    and _in_present(text, sentences[index], start, end):
                result.append(None)  # "..., now controls 34,000 km2": the time of another clause is not its own
            else:
                result.append(best)
            continue
        if index not in inherited:
            inherited[index] = _inherited(text, sentences, index, usable_in)
        result.append(inherited[index])
    return result


@cache
def _concessive_re() -> regex.Pattern[str]:
    """The words of ``time_concessive.tsv``, opening a concessive phrase or clause."""
    words = [row[0] for row in table("time_concessive.tsv")]
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternation(words)})(?![\p{{L}}])", regex.IGNORECASE)


@cache
def _concessive_cues() -> frozenset[bytes] | None:
    """Words one of which every match of :func:`_concessive_re` holds."""
    return _cue_words([row[0] for row in table("time_concessive.tsv")])


def _fenced(text: str, sentence: Sentence, expression: TimeExpression, start: int, end: int) -> bool:
    """Whether ``expression`` lies in a concessive phrase ("despite a ceasefire that took effect
    on November 27") that does not hold the figure at ``start``..``end``: it dates what is
    conceded, not the figure's event. The phrase runs from its word to the end of its clause."""
    low = max(sentence.start, expression.start - 200)
    for brk in _CLAUSE_BREAK.finditer(text, low, expression.start):
        low = brk.end()
    opening = None
    for opening in _concessive_re().finditer(text, low, expression.start):
        pass
    if opening is None:
        return False
    stop = _CLAUSE_BREAK.search(text, expression.end, sentence.end)
    high = stop.start() if stop is not None else sentence.end
    return not (opening.start() <= start and end <= high)


@cache
def _present_re() -> regex.Pattern[str]:
    """Present-time cue words (``present`` rows of ``time_tense.tsv``)."""
    words = [row[1] for row in table("time_tense.tsv") if row[0] == "present"]
    # not the end of a stretch of time ("until now", "by now", "from now")
    after = r"(?<!(?<![\p{L}])(?:until|till|to|by|from|for|than|since)\s+)"
    return regex.compile(rf"(?<![\p{{L}}]){after}(?:{alternation(words)})(?![\p{{L}}])", regex.IGNORECASE)


def _in_present(text: str, sentence: Sentence, start: int, end: int) -> bool:
    """Whether the clause of the figure at ``start``..``end`` is marked as the present ("now costs")."""
    low = sentence.start
    for brk in _CLAUSE_BREAK.finditer(text, max(low, start - 200), start):
        low = brk.end()
    stop = _CLAUSE_BREAK.search(text, end, min(sentence.end, end + 200))
    high = stop.start() if stop is not None else min(sentence.end, end + 200)
    return _present_re().search(text, low, high) is not None


def _runs_into_a_figure(expression: TimeExpression, spans: list[tuple[int, int]]) -> bool:
    """Whether ``expression`` overlaps one of ``spans`` (sorted figure spans) without holding it
    whole: its words are part of a figure ("over 1800" of "over 1800 drones"). One that holds a
    figure ("in 3 days" holds "3 days") is the figure's own time and may be others' window."""
    k = bisect_right(spans, (expression.end, -1))  # the spans that start before the expression ends
    while k > 0:
        k -= 1
        start, end = spans[k]
        if end <= expression.start:
            return False  # (figure spans do not overlap: the earlier ones end earlier still)
        if start < expression.start or end > expression.end:
            return True
    return False


def _rank(text: str, expression: TimeExpression, start: int, end: int) -> tuple[bool, int]:
    """Same clause first, then distance in characters."""
    gap = (expression.end, start) if expression.end <= start else (end, expression.start)
    apart = _CLAUSE_BREAK.search(text, gap[0], gap[1]) is not None
    return apart, gap[1] - gap[0]


def _inherited(
    text: str, sentences: Sequence[Sentence], index: int, usable_in: Callable[[int], list[TimeExpression]]
) -> TimeExpression | None:
    """The window an earlier sentence of the paragraph gives a continuing sentence
    (``usable_in``: a sentence's expressions that are no statement dates)."""
    paragraph = sentences[index].paragraph
    current = index
    while _continues(text, sentences[current]):
        previous = current - 1
        if previous < 0 or sentences[previous].paragraph != paragraph:
            return None
        found = usable_in(previous)
        if found:
            return found[-1]
        current = previous
    return None
