"""Who says how many: one claim compared across sources.

:func:`compare` turns a dataset of figures (the frame of :func:`figures.frame`
or :func:`figures.read`) into a table of claims: figures that speak of the same
quantity form a group, and each group tells who gives which number, how many
independent sources repeat it, and whether they agree.

Figures are **the same claim** when they have

* the same category;
* the same counted thing once both are normalised: lower case, hyphens read as
  spaces, every word singular, and synonyms replaced by one name
  (``data/synonyms.tsv``: ``UAVs``, ``unmanned aerial vehicles`` and ``Shahed``
  are all ``drone``). A figure whose thing is unknown is never grouped;
* units of one dimension: ``day`` and ``week`` are both time, while ``USD`` and
  ``EUR`` are two dimensions, and so are a plain count, ``percent`` and
  ``percentage_point``;
* time windows that do not conflict: two known windows that share no day are
  two claims; a figure without a window joins one that has one (a proposal);
* for durations only, values that agree: a 3-day and a 30-day ceasefire are
  two proposals, a 5-year and a 14-year sentence two sentences. Counts and
  money group whatever their values, so that 3,000 and 4,900 violations of the
  same truce make one *contested* claim.

**Agreement** compares intervals, in the unit of the figure that started the
group: ``exact`` v is [v, v]; ``approx`` v is v ± tolerance·v; ``more_than``
(v, ∞); ``at_least`` [v, ∞); ``at_most`` (-∞, v]; ``less_than`` (-∞, v);
``range`` [low, high]. A value converted from another unit is taken as
approximate (a month is about 30 days). Members agree when all their intervals
share a point: "nearly 5,000" agrees with "about 5,000", "more than 100" with
"117". A group is *corroborated* when two or more sources agree, *contested*
when its members do not agree, *single* when one source says it (once or more).

**Sources** are distinct speakers, and for figures stated in an outlet's own
voice their document — unless that document attributes the same claim to a
speaker, in which case the outlet only repeats it.

**Grouping** is greedy over the figures in a canonical order (publication
date, document, offsets, then every other field), figures with a window first:
a figure joins, among the groups it fits, the one nearest in time, else starts
one. Figures without a window come last so that they join the claim of their
own days (by publication date), not the first one formed. The result never
depends on the order of the input rows, and a group's id is the id of its
first figure in canonical order.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import regex

from .errors import SettingError
from .export.table import typed
from .lexicon import singular, table
from .models import COLUMNS, decimal_text

if TYPE_CHECKING:  # pandas is imported where it is used: extracting never loads it (0.2 s)
    import pandas as pd
    import pint

Status = Literal["corroborated", "contested", "single"]

#: one row per group (``compare(frame)``)
GROUP_COLUMNS: tuple[str, ...] = (
    "group", "category", "entity", "unit", "time_start", "time_end", "members", "sources", "status",
    "value", "qualifier", "low", "high", "spread_low", "spread_high",
    "speakers", "disagreeing", "documents", "entities",
)
#: one row per member figure (``compare(frame, long=True)``)
MEMBER_COLUMNS: tuple[str, ...] = (
    "group", "status", "id", "doc", "published", "speaker", "value", "low", "high", "qualifier", "unit",
    "entity", "category", "time_start", "time_end", "surface", "agrees",
)
_REQUIRED = ("id", "doc", "value", "low", "high", "qualifier", "unit", "entity", "category")
#: what joins several names or documents in one cell
SEPARATOR = "; "
_DURATION = "[time]"


# --------------------------------------------------------------------------
# Intervals: what values a claim allows.
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Interval:
    """The numbers a claim allows; a bound of None is infinite."""

    low: Decimal | None = None
    high: Decimal | None = None
    low_open: bool = False
    high_open: bool = False

    def meet(self, other: Interval) -> Interval | None:
        """The numbers both allow, or None when there are none."""
        low, low_open = max((self.low, self.low_open), (other.low, other.low_open), key=_low_order)
        high, high_open = min((self.high, self.high_open), (other.high, other.high_open), key=_high_order)
        if low is not None and high is not None and (low > high or (low == high and (low_open or high_open))):
            return None
        return Interval(low, high, low_open, high_open)

    def contains(self, number: Decimal) -> bool:
        """Whether the claim allows ``number``."""
        above = self.low is None or number > self.low or (number == self.low and not self.low_open)
        below = self.high is None or number < self.high or (number == self.high and not self.high_open)
        return above and below


def _low_order(bound: tuple[Decimal | None, bool]) -> tuple[bool, Decimal, bool]:
    """Order lower bounds from loosest to tightest: -∞ first, then by value, open after closed."""
    value, is_open = bound
    return (value is not None, value if value is not None else Decimal(0), is_open)


def _high_order(bound: tuple[Decimal | None, bool]) -> tuple[bool, Decimal, bool]:
    """Order upper bounds from tightest to loosest: by value, open before closed, +∞ last."""
    value, is_open = bound
    return (value is None, value if value is not None else Decimal(0), not is_open)


def claim_interval(
    qualifier: str, value: Decimal | None, low: Decimal | None, high: Decimal | None, tolerance: Decimal,
) -> Interval:
    """The interval of values a figure's claim allows (``more than 100`` -> (100, ∞))."""
    if qualifier == "range" or value is None:
        return Interval(low, high)
    if qualifier == "approx":
        band = abs(value) * tolerance
        return Interval(value - band, value + band)
    floor = low if low is not None else value
    ceiling = high if high is not None else value
    if qualifier == "at_least":
        return Interval(low=floor)
    if qualifier == "more_than":
        return Interval(low=floor, low_open=True)
    if qualifier == "at_most":
        return Interval(high=ceiling)
    if qualifier == "less_than":
        return Interval(high=ceiling, high_open=True)
    return Interval(value, value)


# --------------------------------------------------------------------------
# Units: a dimension to group by and conversions to compare.
# --------------------------------------------------------------------------


@cache
def _registry() -> pint.UnitRegistry:
    """pint's units with exact decimals, one dimension per currency (as the extractor defines them)."""
    import pint

    units = pint.UnitRegistry(cache_folder=None, non_int_type=Decimal)
    units.define("percentage_point = 0.01 = pp")
    for code, *_ in table("currencies.tsv"):
        units.define(f"{code} = [currency_{code}]")
    return units


@cache
def dimension(unit: str | None) -> str:
    """What a unit measures: ``[time]`` for ``day`` and ``week``, ``[currency_USD]``; ``count`` for no unit.

    A dimensionless unit (``percent``) and a unit pint does not know are each a dimension of their own.
    """
    if unit is None:
        return "count"
    try:
        dimensionality = _registry().parse_units(unit).dimensionality
    except Exception:  # pint raises several kinds of error for a name it cannot read
        return unit
    return str(dimensionality) if dimensionality else unit


def _convert(number: Decimal, unit: str | None, target: str | None) -> Decimal:
    """``number`` in ``unit`` expressed in ``target`` (the same unit: unchanged)."""
    if unit == target or unit is None or target is None:
        return number
    converted = _registry().Quantity(number, unit).to(target).magnitude
    return Decimal(decimal_text(Decimal(converted)))


# --------------------------------------------------------------------------
# Counted things: normalised and synonyms replaced.
# --------------------------------------------------------------------------


def read_synonyms(path: str | Path | None = None) -> dict[str, str]:
    """Synonyms as ``variant -> canonical``: the bundled ``data/synonyms.tsv``, or a file in its format.

    Extend the bundled list with ``{**read_synonyms(), **read_synonyms("mine.tsv")}``.
    """
    rows: Iterable[tuple[str, ...]]
    if path is None:
        rows = table("synonyms.tsv")
    else:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise SettingError("synonyms", f"{path}: cannot be read: {reason}") from None
        rows = [tuple(f.strip() for f in line.split("\t")) for line in text.splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    synonyms: dict[str, str] = {}
    for canonical, *variants in rows:
        for variant in variants:
            if variant:
                synonyms[variant] = canonical
    return synonyms


def _words(text: str) -> tuple[str, ...]:
    """Lower-case singular words; hyphens, slashes and punctuation separate words."""
    return tuple(singular(word) for word in regex.findall(r"[\p{L}\p{N}]+", text.lower()))


class Thesaurus:
    """Replaces synonyms in normalised entities, longest variant first, left to right."""

    def __init__(self, synonyms: Mapping[str, str]) -> None:
        # a canonical name stands for itself, so that no shorter variant inside it is replaced
        # ("injured" is "person injured", but "person injured" stays as it is)
        self._variants = {_words(canonical): _words(canonical) for canonical in synonyms.values()}
        self._variants.update((_words(variant), _words(canonical)) for variant, canonical in synonyms.items())
        self._variants.pop((), None)
        self._longest = max((len(v) for v in self._variants), default=0)

    def canonical(self, entity: str) -> str:
        """``Shahed drones`` -> ``drone``; ``cessation of hostilities`` -> ``ceasefire``."""
        words = _words(entity)
        out: list[str] = []
        position = 0
        while position < len(words):
            for size in range(min(self._longest, len(words) - position), 0, -1):
                replacement = self._variants.get(words[position:position + size])
                if replacement is not None:
                    out += replacement
                    position += size
                    break
            else:
                out.append(words[position])
                position += 1
        return " ".join(out)


# --------------------------------------------------------------------------
# Windows.
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Window:
    """A time window compared by calendar day; a bound of None is open. Texts are the ISO values as given."""

    start: dt.date | None = None
    end: dt.date | None = None
    start_text: str | None = None
    end_text: str | None = None

    @classmethod
    def of(cls, start: str | None, end: str | None) -> Window:
        return cls(_day(start), _day(end), start, end)

    @property
    def known(self) -> bool:
        """Whether the window has a bound at all."""
        return self.start is not None or self.end is not None

    def overlaps(self, other: Window) -> bool:
        """Whether the two windows share a day (an open bound shares every day on its side)."""
        return not (
            (self.start is not None and other.end is not None and self.start > other.end)
            or (other.start is not None and self.end is not None and other.start > self.end)
        )

    def meet(self, other: Window) -> Window | None:
        """The days both windows cover (the later start, the earlier end), None when they share none."""
        start, start_text = max((self.start, self.start_text), (other.start, other.start_text), key=_start_order)
        end, end_text = min((self.end, self.end_text), (other.end, other.end_text), key=_end_order)
        if start is not None and end is not None and start > end:
            return None
        return Window(start, end, start_text, end_text)


def _day(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _start_order(bound: tuple[dt.date | None, str | None]) -> tuple[bool, dt.date]:
    return (bound[0] is not None, bound[0] or dt.date.min)


def _end_order(bound: tuple[dt.date | None, str | None]) -> tuple[bool, dt.date]:
    return (bound[0] is None, bound[0] or dt.date.max)


# --------------------------------------------------------------------------
# Members and groups.
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Member:
    """One figure of the dataset, with what grouping needs."""

    row: dict[str, Any]
    #: its place in canonical order
    index: int
    key: tuple[Any, ...]
    window: Window
    speaker: str | None
    #: its claim in the unit of its group, set by :func:`_claim`
    interval: Interval = field(default_factory=Interval)
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str = "exact"


@dataclass(slots=True)
class _Group:
    """Figures of one claim."""

    key: tuple[Any, ...]
    #: the unit of the figure that started the group; every member's claim is read in it
    unit: str | None
    #: the days all members' windows share
    window: Window
    members: list[_Member]
    #: for durations, the values every member allows
    allowed: Interval | None = None
    #: when its members were published: the first and the last date known
    published: tuple[dt.date | None, dt.date | None] = (None, None)

    def span(self) -> tuple[dt.date | None, dt.date | None]:
        """When the group's claim is about: its window, else when its members were published."""
        return (self.window.start, self.window.end) if self.window.known else self.published

    def fits(self, member: _Member, tolerance: Decimal) -> bool:
        """Whether ``member`` can join: windows that share a day and, for a duration, a length all allow."""
        if not self.window.overlaps(member.window):
            return False  # two known windows that share no day: two claims
        if self.allowed is None:
            return True
        _claim(member, self.unit, tolerance)
        return self.allowed.meet(member.interval) is not None  # else a duration of another length

    def add(self, member: _Member, tolerance: Decimal) -> None:
        """Take ``member`` in: its claim read in the group's unit, window and lengths narrowed."""
        _claim(member, self.unit, tolerance)
        self.members.append(member)
        self.window = self.window.meet(member.window) or self.window  # fits() saw them share a day
        if self.allowed is not None:
            self.allowed = self.allowed.meet(member.interval)
        published = member.row["published"]
        if published is not None:
            first, last = self.published
            self.published = (min(first or published, published), max(last or published, published))


def _cell(value: Any) -> Any:
    """A plain Python value: pandas' missing markers become None."""
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _speaker_key(name: str) -> str:
    """A speaker as a source: case, blanks and a leading "the" do not make another one."""
    return " ".join(regex.sub(r"^the\s+", "", name.casefold().strip()).split())


def _members(frame: pd.DataFrame, thesaurus: Thesaurus) -> list[_Member]:
    """The frame's figures in canonical order, each with its grouping key."""
    rows = [{k: _cell(v) for k, v in row.items()} for row in typed(frame).to_dict("records")]
    for row in rows:
        for column in ("qualifier", "category", "entity", "unit", "speaker", "doc", "id"):
            row[column] = None if row[column] is None else str(row[column])
        row["qualifier"] = row["qualifier"] or "exact"
        if row["id"] is None:
            row["id"] = f"{row['doc']}@{row['start']}-{row['end']}"
    rows.sort(key=_canonical)
    members = []
    for index, row in enumerate(rows):
        entity = thesaurus.canonical(row["entity"]) if row["entity"] else ""
        # a figure whose counted thing is unknown is a claim of its own
        thing: Any = entity if entity else ("unknown", index)
        key = (row["category"] or "other", thing, dimension(row["unit"]))
        members.append(_Member(row, index, key, Window.of(row["time_start"], row["time_end"]), row["speaker"]))
    return members


def _canonical(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """Publication date (unknown last), document, offsets, id, then every field as text."""
    published = row["published"]
    return (
        published is None, published or dt.date.min, row["doc"] or "",
        -1 if row["start"] is None else row["start"], -1 if row["end"] is None else row["end"],
        row["id"], tuple("" if row[c] is None else str(row[c]) for c in COLUMNS),
    )


def _claim(member: _Member, unit: str | None, tolerance: Decimal) -> None:
    """Set the member's claim in ``unit``: a value converted from another unit becomes approximate."""
    row = member.row
    value, low, high, qualifier = row["value"], row["low"], row["high"], row["qualifier"]
    if row["unit"] != unit:
        value, low, high = (None if n is None else _convert(n, row["unit"], unit) for n in (value, low, high))
        if qualifier == "exact":
            qualifier = "approx"
    member.value, member.low, member.high, member.qualifier = value, low, high, qualifier
    member.interval = claim_interval(qualifier, value, low, high, tolerance)


def _gap(a: tuple[dt.date | None, dt.date | None], b: tuple[dt.date | None, dt.date | None]) -> int | None:
    """Days between two spans of time (0 when they overlap); None when either is unknown."""
    if a == (None, None) or b == (None, None):
        return None
    gaps = [0]
    if a[0] is not None and b[1] is not None:
        gaps.append((a[0] - b[1]).days)
    if b[0] is not None and a[1] is not None:
        gaps.append((b[0] - a[1]).days)
    return max(gaps)


def _group(members: list[_Member], tolerance: Decimal) -> list[_Group]:
    """Group figures of the same key, in canonical order, figures with a window first.

    A figure joins, among the groups it fits, the one nearest in time (its window, else its
    publication date, against the group's window, else its members' publication dates),
    the earliest started on a tie; where it fits none it starts a group. Figures without a
    window come last so that they join the group of their own time, not the first one formed.
    """
    groups: dict[tuple[Any, ...], list[_Group]] = {}
    for member in sorted(members, key=lambda m: not m.window.known):
        published = member.row["published"]
        when = (member.window.start, member.window.end) if member.window.known else (published, published)
        best: tuple[tuple[bool, int], _Group] | None = None
        for group in groups.setdefault(member.key, []):
            if group.fits(member, tolerance):
                gap = _gap(when, group.span())
                distance = (gap is None, gap or 0)
                if best is None or distance < best[0]:
                    best = (distance, group)
        if best is None:
            unit = member.row["unit"]
            _claim(member, unit, tolerance)
            allowed = member.interval if member.key[2] == _DURATION else None
            group = _Group(member.key, unit, Window(), [], allowed)
            groups[member.key].append(group)
        else:
            group = best[1]
        group.add(member, tolerance)
    found = [group for same_key in groups.values() for group in same_key]
    for group in found:
        group.members.sort(key=lambda m: m.index)
    return found


# --------------------------------------------------------------------------
# What a group says.
# --------------------------------------------------------------------------


def _sources(members: list[_Member]) -> list[tuple[str, str] | None]:
    """Each member's source: its speaker, else its document; None for an outlet repeating an attributed claim."""
    attributed = {m.row["doc"] for m in members if m.speaker}
    return [("speaker", _speaker_key(m.speaker)) if m.speaker
            else None if m.row["doc"] in attributed else ("doc", m.row["doc"])
            for m in members]


def _name(member: _Member) -> str:
    """Who a member's claim is from, for a reader: the speaker, else the document."""
    return member.speaker or member.row["doc"]


def _agreed(members: list[_Member], allowed: Interval) -> tuple[Decimal | None, str, Decimal | None, Decimal | None]:
    """The claim all members agree on, as (value, qualifier, low, high) in the group's unit.

    The claim of a member that allows exactly what all allow ("117" beside "more than 100"); else
    the approximate value stated most often inside what all allow ("nearly 5,000" beside "about
    4,900"); else the shared interval as bounds ("at least 100" and "at most 150": 100-150).
    """
    precise = [m for m in members if m.interval == allowed]
    if precise:
        best = min(precise, key=lambda m: m.qualifier != "exact")
        return best.value, best.qualifier, best.low, best.high
    stated = [m.value for m in members if m.qualifier == "approx" and allowed.contains(m.value)]
    if stated:
        counts = Counter(stated)
        value = max(stated, key=lambda v: counts[v])  # the first of the most frequent
        return value, "approx", None, None
    low, high = allowed.low, allowed.high
    if low is not None and high is not None:
        return (low, "exact", None, None) if low == high else (None, "range", low, high)
    if low is not None:
        return low, ("more_than" if allowed.low_open else "at_least"), low, None
    return high, ("less_than" if allowed.high_open else "at_most"), None, high


def _consensus(members: list[_Member], sources: list[tuple[str, str] | None]) -> set[int]:
    """Members in the largest block that shares a value (most sources, then most members);
    empty when two different blocks are equally large."""
    ends = sorted({b for m in members for b in (m.interval.low, m.interval.high) if b is not None})
    probes = [ends[0] - 1, *ends, ends[-1] + 1] + [(a + b) / 2 for a, b in zip(ends, ends[1:])]
    best: tuple[int, int] = (0, 0)
    blocks: set[frozenset[int]] = set()
    for probe in probes:
        block = frozenset(i for i, m in enumerate(members) if m.interval.contains(probe))
        score = (len({sources[i] for i in block} - {None}), len(block))
        if score > best:
            best, blocks = score, {block}
        elif score == best:
            blocks.add(block)
    return set(next(iter(blocks))) if len(blocks) == 1 else set()


def _unique(values: Iterable[str | None]) -> list[str]:
    """The values in first-seen order, once each, None left out."""
    seen: dict[str, None] = {}
    for value in values:
        if value is not None:
            seen.setdefault(value, None)
    return list(seen)


def _summary(group: _Group) -> tuple[dict[str, Any], set[int]]:
    """One row for the group, and which members hold the consensus."""
    members = group.members
    sources = _sources(members)
    source_count = len(set(sources) - {None})
    allowed: Interval | None = members[0].interval
    for member in members[1:]:
        allowed = allowed.meet(member.interval) if allowed is not None else None
    value = qualifier = low = high = None
    if allowed is not None:
        value, qualifier, low, high = _agreed(members, allowed)
        status: Status = "corroborated" if source_count >= 2 else "single"
        agreeing = set(range(len(members)))
    else:
        status = "contested"
        agreeing = _consensus(members, sources)
    numbers = [n for m in members for n in (m.value, m.low, m.high) if n is not None]
    speakers: dict[str, str] = {}
    for member in members:
        if member.speaker:
            speakers.setdefault(_speaker_key(member.speaker), member.speaker)
    row = {
        "group": members[0].row["id"],
        "category": group.key[0],
        "entity": group.key[1] if isinstance(group.key[1], str) else members[0].row["entity"],
        "unit": group.unit,
        "time_start": group.window.start_text,
        "time_end": group.window.end_text,
        "members": len(members),
        "sources": source_count,
        "status": status,
        "value": value,
        "qualifier": qualifier,
        "low": low,
        "high": high,
        "spread_low": min(numbers, default=None),
        "spread_high": max(numbers, default=None),
        "speakers": SEPARATOR.join(speakers.values()) or None,
        "disagreeing": SEPARATOR.join(_unique(_name(m) for i, m in enumerate(members) if i not in agreeing)) or None,
        "documents": SEPARATOR.join(_unique(m.row["doc"] for m in members)),
        "entities": SEPARATOR.join(_unique(m.row["entity"] for m in members)) or None,
    }
    return row, agreeing


def _member_rows(group_id: str, status: str, group: _Group, agreeing: set[int]) -> list[dict[str, Any]]:
    """One row per member figure, as it was given (its own unit, not converted)."""
    rows = []
    for index, member in enumerate(group.members):
        row = member.row
        rows.append({
            "group": group_id, "status": status, "id": row["id"], "doc": row["doc"],
            "published": row["published"], "speaker": row["speaker"], "value": row["value"],
            "low": row["low"], "high": row["high"], "qualifier": row["qualifier"], "unit": row["unit"],
            "entity": row["entity"], "category": row["category"], "time_start": row["time_start"],
            "time_end": row["time_end"], "surface": row["surface"], "agrees": index in agreeing,
        })
    return rows


def _tolerance(value: Decimal | str | int | float) -> Decimal:
    """The tolerance as a Decimal share between 0 and 1; a :class:`SettingError` otherwise."""
    try:
        tolerance = Decimal(str(value))
    except InvalidOperation:
        raise SettingError("tolerance", f"{value!r} is not a number") from None
    if not tolerance.is_finite() or not 0 <= tolerance <= 1:
        raise SettingError("tolerance", f"{value} must be between 0 and 1 (a share of the value, 0.1 = ±10%)")
    return tolerance


def compare(
    frame: pd.DataFrame,
    *,
    synonyms: Mapping[str, str] | None = None,
    tolerance: Decimal | str | int | float = Decimal("0.1"),
    long: bool = False,
    singles: bool = False,
) -> pd.DataFrame:
    """The claims of a dataset: figures grouped by what they count, with every source's number.

    ``frame``: figures as from :func:`figures.frame` or :func:`figures.read`.
    ``synonyms``: ``variant -> canonical`` names of counted things; None reads ``data/synonyms.tsv``.
    ``tolerance``: how far an approximate value reaches, as a share of it (0.1: "about 100" is 90-110).
    ``long``: one row per member figure (:data:`MEMBER_COLUMNS`) instead of one per group
    (:data:`GROUP_COLUMNS`).
    ``singles``: keep groups of one figure (left out by default: a table of claims repeated or
    disputed).

    Cells are plain Python values, ready to write: ``str`` or None for text, :class:`~decimal.Decimal`
    or None for numbers, :class:`datetime.date` or None for ``published``, ``int`` for counts and
    ``bool`` for ``agrees``; several names in one cell are joined by ``"; "``. Groups come with the
    most sources first, then the most members, then in canonical order; members in canonical order.
    """
    groups, members = compare_views(frame, synonyms=synonyms, tolerance=tolerance, singles=singles)
    return members if long else groups


def compare_views(
    frame: pd.DataFrame,
    *,
    synonyms: Mapping[str, str] | None = None,
    tolerance: Decimal | str | int | float = Decimal("0.1"),
    singles: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both tables of :func:`compare` from one grouping: (one row per group, one row per member).

    For a caller that shows both, as ``figures report`` does: grouping is the costly part.
    """
    missing = [column for column in _REQUIRED if column not in frame.columns]
    if missing:
        raise SettingError("frame", f"not a figures dataset: missing column(s) {', '.join(missing)}")
    share = _tolerance(tolerance)
    thesaurus = Thesaurus(read_synonyms() if synonyms is None else synonyms)
    summaries = []
    for group in _group(_members(frame, thesaurus), share):
        if singles or len(group.members) > 1:
            row, agreeing = _summary(group)
            summaries.append((row, agreeing, group))
    summaries.sort(key=lambda s: (-s[0]["sources"], -s[0]["members"], s[2].members[0].index))
    members = [member for row, agreeing, group in summaries
               for member in _member_rows(row["group"], row["status"], group, agreeing)]
    return _frame([row for row, _, _ in summaries], GROUP_COLUMNS), _frame(members, MEMBER_COLUMNS)


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    """Rows as a frame of plain Python cells (object columns; counts int64, ``agrees`` bool)."""
    import pandas as pd

    out = pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=object) for c in columns}, columns=list(columns))
    for column, dtype in (("members", "int64"), ("sources", "int64"), ("agrees", "bool")):
        if column in out:
            out[column] = out[column].astype(dtype)
    return out
