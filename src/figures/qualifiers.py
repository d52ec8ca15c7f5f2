"""Stage 4: number mentions -> qualified numbers (qualifier, value, low, high).

* Ranges: ``10-15`` (read as one mention), ``10 to 15``, ``between 10 and 15``,
  ``from 10 to 15``; a multiplier on the second end scales the first
  (``10 to 15 million``), a hedge before a range keeps it a range.
* Hedges and bounds before the number (``nearly``, ``more than``, ``up to``,
  ...) or after it (``or more``, ``+``), from ``data/qualifiers.tsv``.
* The second side of a conversion, ``1,000-kilometer (600-mile)``, takes the
  first's qualifier.

Bounds follow the qualifier: ``more_than``/``at_least`` set ``low``,
``at_most``/``less_than`` set ``high``, ``range`` sets both and no value.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from decimal import Decimal
from functools import cache, lru_cache

import regex

from .lexicon import alternation, table
from .models import NumberMention, Qualified, Qualifier, Sentence

_RANGE_JOIN = regex.compile(r"(?i:\s*(?:to|[-–—]|and)\s*)\Z")  # "To" in a headline too
_RANGE_OPENER = regex.compile(r"(?i:\b(?:between|from)\s+)\Z")
_CONVERSION_OPEN = regex.compile(r"\s*\(\s*(?:about\s+|some\s+|or\s+)?\Z")
#: "handed over 100 detainees": the particle of a phrasal verb, not the hedge "over"
_PARTICLE = regex.compile(r"(?i:\b(?:hand|hands|handed|handing|turn|turns|turned|turning)\s+\Z)")
_WRITTEN_DIGITS = regex.compile(r"\D*?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)")


@cache
def _before() -> tuple[regex.Pattern[str], dict[str, Qualifier]]:
    rows = [row for row in table("qualifiers.tsv") if row[2] == "before"]
    kinds = {" ".join(row[0].lower().split()): row[1] for row in rows}
    pattern = regex.compile(
        rf"(?i:(?<![\w])(?P<q>{alternation([r[0] for r in rows])})(?:\s+(?:just|only))?\s*)\Z"
    )
    return pattern, kinds  # type: ignore[return-value]


@cache
def _after() -> tuple[regex.Pattern[str], dict[str, Qualifier]]:
    rows = [row for row in table("qualifiers.tsv") if row[2] == "after"]
    kinds = {" ".join(row[0].lower().split()): row[1] for row in rows}
    pattern = regex.compile(rf"(?i:(?:\s+|-)?(?P<q>{alternation([r[0] for r in rows])})(?![\w]))")
    return pattern, kinds  # type: ignore[return-value]


def _bounds(qualifier: Qualifier, value: Decimal) -> tuple[Decimal | None, Decimal | None]:
    if qualifier in ("more_than", "at_least"):
        return value, None
    if qualifier in ("at_most", "less_than"):
        return None, value
    return None, None


def _factor(text: str, mention: NumberMention) -> Decimal:
    """The multiplier written on a mention (``15 million`` -> 10**6), 1 where none."""
    digits = _WRITTEN_DIGITS.match(text[mention.start:mention.end])
    if digits is None:
        return Decimal(1)
    written = Decimal(digits.group(1).replace(",", ""))
    return mention.value / written if written else Decimal(1)


def qualify(text: str, sentences: list[Sentence], mentions: list[NumberMention]) -> list[Qualified]:
    """Qualified numbers for the mentions of one document, in order."""
    before_pattern, before_kinds = _before()
    after_pattern, after_kinds = _after()
    out: list[Qualified] = []
    bounds_of = _sentence_bounds(sentences)
    i = 0
    while i < len(mentions):
        mention = mentions[i]
        sentence_start, sentence_end = bounds_of(mention.start)
        start, end = mention.start, mention.end
        value: Decimal | None = mention.value
        low = high = None
        qualifier: Qualifier = "exact"
        # "10 to 15", "between 10 and 15": join this mention with the next
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            mention.high is None and nxt is not None and nxt.high is None
            and mention.kind == nxt.kind == "cardinal" and mention.hyphen_unit is None
            and nxt.start <= sentence_end
        ):
            gap = text[end:nxt.start]
            joined = _RANGE_JOIN.match(gap) is not None and len(gap) <= 6
            if not joined:  # "between 10% and 15%", "10 km to 15 km": the unit written on both ends
                unit = _unit_gap().match(gap)
                joined = unit is not None and _same_unit_after(text, nxt.end, unit["unit"])
            opener = _RANGE_OPENER.search(text, max(sentence_start, start - 10), start)
            if joined and ("and" not in gap.lower() or opener is not None):
                first, second = mention.value, nxt.value
                factor = _factor(text, nxt)
                if factor > 1 and _factor(text, mention) == 1 and first * factor <= second:
                    first *= factor
                if first < second:
                    if opener is not None:
                        start = opener.start()
                    low, high, value, qualifier = first, second, None, "range"
                    end = nxt.end
                    mention = NumberMention(mention.start, nxt.end, first, "cardinal", high=second,
                                            currency=mention.currency or nxt.currency,
                                            hyphen_unit=nxt.hyphen_unit)
                    i += 1
        if mention.high is not None and qualifier != "range":
            low, high, value, qualifier = mention.value, mention.high, None, "range"
        # hedges and bounds written before the number
        hedge = before_pattern.search(text, max(sentence_start, start - 40), start)
        if hedge is not None and hedge["q"].lower() == "over" and _PARTICLE.search(text, sentence_start, hedge.start()):
            hedge = None
        if hedge is not None:
            kind = before_kinds[" ".join(hedge["q"].lower().split())]
            if qualifier != "range":
                qualifier = kind
                low, high = _bounds(kind, mention.value)
            start = hedge.start()
            glued = after_pattern.match(text, end)
            if glued is not None and text.startswith("-", end):
                end = glued.end()  # "some 500-odd": the glued hedge stays in the surface
        elif qualifier == "exact":
            after = after_pattern.match(text, end)
            if after is not None and after.end() <= sentence_end:
                qualifier = after_kinds[" ".join(after["q"].lower().split())]
                low, high = _bounds(qualifier, mention.value)
                end = after.end()
        if qualifier == "exact" and mention.kind == "vague":
            qualifier = "approx"  # "dozens of", "hundreds of thousands of": a size, not a count
        # "1,000-kilometer (600-mile)": the converted side takes the first side's hedge
        if (qualifier == "exact" and out and 0 < start - out[-1].end <= 25
                and _CONVERSION_OPEN.search(text, out[-1].end, start)):
            previous = out[-1]
            if previous.qualifier not in ("exact", "range"):
                qualifier = previous.qualifier
                low, high = _bounds(qualifier, mention.value)
        out.append(Qualified(start, end, value, low, high, qualifier, mention))
        i += 1
    return out


@cache
def _unit_gap() -> regex.Pattern[str]:
    units = alternation([row[0] for row in table("units.tsv")])
    return regex.compile(rf"(?i:\s?(?P<unit>{units})(?![\p{{L}}\d])\s*(?:to|[-–—]|and)\s*)\Z")


def _same_unit_after(text: str, position: int, unit: str) -> bool:
    """Whether ``unit`` (as written, any case and spacing) follows ``position`` too."""
    return _unit_pattern(unit).match(text[position:position + len(unit) + 8]) is not None


@lru_cache(maxsize=256)
def _unit_pattern(unit: str) -> regex.Pattern[str]:
    """``unit`` as written, any case and spacing, right at the start (for :func:`_same_unit_after`)."""
    written = regex.escape(" ".join(unit.lower().split())).replace(r"\ ", r"\s+")
    return regex.compile(rf"(?i:\s?{written}(?![\p{{L}}\d]))")


_TRAILING = regex.compile(r"[ \t]+(?P<q>or\s+(?:more|fewer|less|so))(?![\w-])", regex.IGNORECASE)


def trailing(text: str, q: Qualified, end: int, sentence_end: int) -> tuple[Qualified, int]:
    """A bound written after the counted noun (``100 drones or more``): the requalified number and the
    figure's new end; ``q`` and ``end`` unchanged where there is none."""
    if q.qualifier != "exact" or q.value is None:
        return q, end
    after = _TRAILING.match(text, end, max(end, sentence_end))
    if after is None:
        return q, end
    kind = _after()[1].get(" ".join(after["q"].lower().split()))
    if kind is None:
        return q, end
    low, high = _bounds(kind, q.value)
    return Qualified(q.start, after.end(), q.value, low, high, kind, q.mention), after.end()


def _sentence_bounds(sentences: list[Sentence]) -> Callable[[int], tuple[int, int]]:
    """A lookup: position -> (start, end) of its sentence."""
    starts = [s.start for s in sentences]

    def lookup(position: int) -> tuple[int, int]:
        index = bisect.bisect_right(starts, position) - 1
        if index < 0:
            return 0, position
        sentence = sentences[index]
        return sentence.start, max(sentence.end, position)

    return lookup
