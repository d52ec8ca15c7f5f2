"""Hypothesis strategies that write news text with known figures, and assertions that compare them.

Every strategy here *builds* its text from pieces it chose (a value, a way to write
it, a qualifier, a noun, a time expression, an attribution) and returns, beside the
text, the records that ``GUIDELINE.md`` expects from it: the expectation comes from
how the text was made, never from running the extractor.

Strategies (each draws plain values or small frozen dataclasses):

* :func:`numbers`: values news text counts with; :func:`renderings`: the ways to
  write one value (``5,000``, ``1.5bn``, ``15K``, ``one hundred and five``);
  :func:`money_renderings`, :func:`percent_renderings`;
* :func:`figure_phrases`: one figure in its words (``nearly 5,000 drones``,
  ``between 10 and 15 soldiers``, ``$3.2 million``, ``a 30-day ceasefire``);
* :func:`time_expressions`: a time expression and the window it means for a
  document date (``over the past 24 hours`` -> the day before .. that date);
* :func:`sentences`: a carrier sentence in a news register holding one or two
  figures, maybe a time expression and an attribution; :func:`distractors`:
  sentences whose numbers are no figures (dates, ordinals, labels, URLs);
* :func:`headlines`: title-case headlines holding a figure (``Strike On Market Kills 9``);
* :func:`documents`: whole articles of such sentences, with a headline;
* :func:`hostile_texts`: arbitrary Unicode (control characters, RTL marks,
  emoji, combining marks, long lines) for robustness properties.

:func:`examples` scales an example count by the loaded Hypothesis profile.

Assertions: :func:`assert_figures_match` compares extracted :class:`~figures.Figure`
records with :class:`ExpectedFigure` ones field by field and explains every
mismatch in one message; :func:`assert_consistent` checks what must hold of any
extraction (spans match the text, bounds are ordered).

>>> from hypothesis import given
>>> from figures import extract
>>> from figures.testing import assert_figures_match, sentences
>>> @given(sentences())
... def test_accuracy(sample):
...     assert_figures_match(extract(sample.text, published=sample.published), sample.figures)

Hypothesis is a test dependency (``pip install 'figures[testing]'``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, NamedTuple

try:
    from hypothesis import settings
    from hypothesis import strategies as st
except ImportError as _missing:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        "figures.testing needs hypothesis, a test dependency: pip install 'figures[testing]'"
    ) from _missing

from .models import Category, Document, Figure, Qualifier

__all__ = [
    "ALL_FIELDS",
    "DEFAULT_FIELDS",
    "ExpectedFigure",
    "ExpectedWindow",
    "GeneratedDocument",
    "Rendering",
    "Sample",
    "TimeSample",
    "assert_consistent",
    "assert_figures_match",
    "distractors",
    "documents",
    "examples",
    "figure_mismatches",
    "headlines",
    "figure_phrases",
    "hostile_texts",
    "money_renderings",
    "number_in_words",
    "numbers",
    "percent_renderings",
    "published_dates",
    "renderings",
    "sentences",
    "time_expressions",
]

Draw = Callable[[st.SearchStrategy[Any]], Any]

#: Every field an :class:`ExpectedFigure` can vouch for, in :class:`~figures.Figure` order.
ALL_FIELDS: tuple[str, ...] = (
    "surface", "start", "end", "value", "low", "high", "qualifier", "unit", "entity", "category",
    "time_start", "time_end", "time_text", "time_text_start", "time_text_end",
    "speaker", "speaker_start", "speaker_end",
)
#: What :func:`assert_figures_match` compares unless told otherwise: every field the expectation vouches for.
DEFAULT_FIELDS: tuple[str, ...] = ALL_FIELDS
_NUMBER_FIELDS = frozenset({"surface", "start", "end", "value", "low", "high", "qualifier", "unit"})
_TIME_FIELDS = frozenset({"time_start", "time_end", "time_text", "time_text_start", "time_text_end"})


# --------------------------------------------------------------------------
# Expected records
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExpectedFigure:
    """The record a figure written by a strategy must give, and which of its fields are vouched for.

    ``known`` names the fields the builder of the text can vouch for; the others
    (say, the category of a percentage) are left to the extractor and never compared.

    >>> f = ExpectedFigure("about 300 drones", 10, 26, Decimal(300), qualifier="approx", entity="drone")
    >>> f.shifted(5).start, f.shifted(5).surface
    (15, 'about 300 drones')
    """

    surface: str
    start: int
    end: int
    value: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: Qualifier = "exact"
    unit: str | None = None
    entity: str | None = None
    category: Category | None = None
    time_start: str | None = None
    time_end: str | None = None
    time_text: str | None = None
    time_text_start: int | None = None
    time_text_end: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    known: frozenset[str] = _NUMBER_FIELDS

    def shifted(self, offset: int) -> ExpectedFigure:
        """The same figure with every offset moved by ``offset`` (the text was put after ``offset`` characters)."""

        def move(position: int | None) -> int | None:
            return None if position is None else position + offset

        return replace(
            self, start=self.start + offset, end=self.end + offset,
            time_text_start=move(self.time_text_start), time_text_end=move(self.time_text_end),
            speaker_start=move(self.speaker_start), speaker_end=move(self.speaker_end),
        )

    def vouching(self, *names: str) -> ExpectedFigure:
        """The same figure vouching for ``names`` too."""
        return replace(self, known=self.known | frozenset(names))

    def not_vouching(self, *names: str) -> ExpectedFigure:
        """The same figure no longer vouching for ``names``."""
        return replace(self, known=self.known - frozenset(names))


class ExpectedWindow(NamedTuple):
    """The window a time expression means: ISO dates, ``None`` for an open bound.

    >>> ExpectedWindow("2025-05-10", "2025-05-11").start
    '2025-05-10'
    """

    start: str | None
    end: str | None


class TimeSample(NamedTuple):
    """A time expression as written, and its window for the document date it was drawn for.

    >>> text, window = TimeSample("yesterday", ExpectedWindow("2025-05-10", "2025-05-10"))
    """

    text: str
    window: ExpectedWindow


class Sample(NamedTuple):
    """Text with the figures it holds (offsets into ``text``) and the document date they assume.

    >>> text, figures, published = Sample("Russia launched 100 drones.", (), None)
    """

    text: str
    figures: tuple[ExpectedFigure, ...]
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Rendering:
    """One way of writing a value: the characters, the value they mean, the unit they carry.

    >>> Rendering("1.5bn", Decimal(1500000000)).text
    '1.5bn'
    """

    text: str
    value: Decimal
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class GeneratedDocument:
    """An article built by :func:`documents`: its text, date and expected figures (offsets into ``text``).

    >>> doc = GeneratedDocument("d1", "Russia launched 100 drones.", dt.date(2025, 5, 11), ())
    >>> doc.document().id
    'd1'
    """

    id: str
    text: str
    published: dt.date | None
    figures: tuple[ExpectedFigure, ...]

    def document(self) -> Document:
        """The :class:`~figures.Document` to extract from."""
        return Document(id=self.id, text=self.text, published=self.published)

    def corpus_line(self) -> dict[str, str]:
        """The document as one JSON Lines corpus record (``id``, ``text``, ``published``)."""
        line = {"id": self.id, "text": self.text}
        if self.published is not None:
            line["published"] = self.published.isoformat()
        return line


# --------------------------------------------------------------------------
# Assertions
# --------------------------------------------------------------------------


def _shown(value: object) -> str:
    if isinstance(value, Decimal):
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text
    return repr(value)


def figure_mismatches(
    actual: Sequence[Figure], expected: Sequence[ExpectedFigure],
    fields: Iterable[str] = DEFAULT_FIELDS, exhaustive: bool = True,
) -> list[str]:
    """One line per difference between extracted and expected figures; empty when they agree.

    An expected figure is paired with the extracted one whose span overlaps its own
    (the nearest start first). ``exhaustive`` also reports extracted figures that
    no expectation accounts for. Only fields both in ``fields`` and in the
    expectation's ``known`` are compared.

    >>> figure_mismatches([], [ExpectedFigure("524 drones", 0, 10, Decimal(524))])
    ["figure 1 ('524 drones'): not found"]
    """
    wanted = tuple(fields)
    unknown = set(wanted) - set(ALL_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    lines: list[str] = []
    used: set[int] = set()
    for number, want in enumerate(expected, 1):
        candidates = [
            (abs(got.start - want.start), index) for index, got in enumerate(actual)
            if index not in used and got.start < max(want.end, want.start + 1) and got.end > want.start
        ]
        if not candidates:
            lines.append(f"figure {number} ({want.surface!r}): not found")
            continue
        index = min(candidates)[1]
        used.add(index)
        got = actual[index]
        problems = []
        for name in wanted:
            if name not in want.known:
                continue
            expected_value, actual_value = getattr(want, name), getattr(got, name)
            if expected_value != actual_value:  # Decimal("1.50") == Decimal("1.5")
                problems.append(f"{name}: expected {_shown(expected_value)}, got {_shown(actual_value)}")
        if problems:
            lines.append(f"figure {number} ({want.surface!r}): " + "; ".join(problems))
    if exhaustive:
        for index, got in enumerate(actual):
            if index not in used:
                lines.append(f"unexpected figure ({got.surface!r} at {got.start}-{got.end}, value {_shown(got.value)})")
    return lines


def assert_figures_match(
    actual: Sequence[Figure], expected: Sequence[ExpectedFigure],
    fields: Iterable[str] = DEFAULT_FIELDS, exhaustive: bool = True, text: str | None = None,
) -> None:
    """Raise one readable :class:`AssertionError` listing every field where extraction and expectation differ.

    >>> from figures import extract
    >>> want = ExpectedFigure("about 300 drones", 16, 32, Decimal(300), qualifier="approx")
    >>> assert_figures_match(extract("Russia launched about 300 drones."), [want])
    >>> assert_figures_match(extract("Russia launched 300 drones."), [want])
    Traceback (most recent call last):
    AssertionError: figure 1 ('about 300 drones'): surface: expected 'about 300 drones', got '300 drones'; \
end: expected 32, got 26; qualifier: expected 'approx', got 'exact'
    """
    lines = figure_mismatches(actual, expected, fields, exhaustive)
    if lines:
        if text is not None:
            lines.append(f"in text: {text!r}")
        raise AssertionError("\n".join(lines))


def _date_part(iso: str) -> str:
    return iso[:10]


def assert_consistent(text: str, figures: Sequence[Figure]) -> None:
    """What must hold of any extraction of ``text``, whatever it says.

    Spans lie in the text and give the surface and time text; a speaker's span lies
    in the text; bounds are ordered (``low <= value <= high``); a window does not
    end before it starts; ids are unique and figures are in order of position.

    >>> from figures import extract
    >>> text = "Russia launched more than 100 drones on Monday."
    >>> assert_consistent(text, extract(text, published="2025-05-11"))
    """
    problems: list[str] = []
    ids: set[str] = set()
    previous = -1
    for number, f in enumerate(figures, 1):
        name = f"figure {number} ({f.surface!r})"
        if not 0 <= f.start <= f.end <= len(text) or text[f.start:f.end] != f.surface:
            problems.append(f"{name}: surface is not text[{f.start}:{f.end}] = {text[f.start:f.end]!r}")
        if not f.surface.strip() or f.surface != f.surface.strip():
            problems.append(f"{name}: surface is empty or has blanks at its ends")
        if f.start < previous:
            problems.append(f"{name}: out of order")
        previous = f.start
        if f.id in ids:
            problems.append(f"{name}: duplicate id {f.id}")
        ids.add(f.id)
        if f.sentence and f.surface not in f.sentence:
            problems.append(f"{name}: sentence {f.sentence!r} does not hold the surface")
        if f.value is not None:
            if f.low is not None and f.low > f.value:
                problems.append(f"{name}: low {_shown(f.low)} > value {_shown(f.value)}")
            if f.high is not None and f.value > f.high:
                problems.append(f"{name}: value {_shown(f.value)} > high {_shown(f.high)}")
        if f.low is not None and f.high is not None and f.low > f.high:
            problems.append(f"{name}: low > high")
        if f.time_text is not None:
            start, end = f.time_text_start, f.time_text_end
            if start is None or end is None or not 0 <= start <= end <= len(text) or text[start:end] != f.time_text:
                problems.append(f"{name}: time_text {f.time_text!r} is not text[{start}:{end}]")
        elif f.time_text_start is not None or f.time_text_end is not None or f.time_start or f.time_end:
            problems.append(f"{name}: a window or time span without a time text")
        if f.time_start is not None and f.time_end is not None and _date_part(f.time_start) > _date_part(f.time_end):
            problems.append(f"{name}: window {f.time_start} .. {f.time_end} ends before it starts")
        if f.speaker is not None:
            s, e = f.speaker_start, f.speaker_end
            if not f.speaker.strip() or s is None or e is None or not 0 <= s < e <= len(text):
                problems.append(f"{name}: speaker {f.speaker!r} span {s}-{e} is not in the text")
        elif f.speaker_start is not None or f.speaker_end is not None:
            problems.append(f"{name}: a speaker span without a speaker")
    if problems:
        raise AssertionError("\n".join(problems + [f"in text: {text[:500]!r}"]))


def examples(n: int) -> int:
    """``n`` examples scaled by the loaded Hypothesis profile (its ``max_examples`` / 100), at least 1:
    a test that asks for ``examples(200)`` runs 200 under the default 100, 2000 under 1000.

    >>> examples(50) >= 1
    True
    """
    return max(1, n * settings().max_examples // 100)


# --------------------------------------------------------------------------
# Numbers and how they are written
# --------------------------------------------------------------------------

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ((10**9, "billion"), (10**6, "million"), (1000, "thousand"))


def number_in_words(n: int, british: bool = True, hyphen: bool = True) -> str:
    """An integer in English words: ``105`` -> ``one hundred and five`` (``one hundred five`` if not ``british``).

    >>> number_in_words(27), number_in_words(105, british=False), number_in_words(2005)
    ('twenty-seven', 'one hundred five', 'two thousand and five')
    """
    if n < 0:
        raise ValueError("a count is never negative")
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (("-" if hyphen else " ") + _ONES[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = _ONES[hundreds] + " hundred"
        return head if not rest else head + (" and " if british else " ") + number_in_words(rest, british, hyphen)
    for scale, name in _SCALES:
        if n >= scale:
            count, rest = divmod(n, scale)
            head = number_in_words(count, british, hyphen) + " " + name
            if not rest:
                return head
            joiner = " and " if british and rest < 100 else " "
            return head + joiner + number_in_words(rest, british, hyphen)
    raise AssertionError("unreachable")


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _grouped(value: Decimal) -> str:
    """Digits with thousands separators: ``5000`` -> ``5,000``, ``2.5`` -> ``2.5``."""
    whole, _, fraction = _plain(value).partition(".")
    return f"{int(whole):,}" + ("." + fraction if fraction else "")


def numbers(min_value: int = 2, max_value: int = 10**10, decimals: bool = False) -> st.SearchStrategy[Decimal]:
    """Values news text counts with: small counts, hundreds, thousands, millions, round billions.

    Values below ``min_value`` (default 2: a bare ``one`` is a figure only where a
    count is claimed) or above ``max_value`` are not drawn; ``decimals`` adds
    values such as ``2.5`` (for measures, not counts).

    >>> numbers().example() >= 2
    True
    """
    integers = st.one_of(
        st.integers(2, 99), st.integers(100, 999), st.integers(1000, 99_999), st.integers(100_000, 9_999_999),
        st.builds(lambda m, f: m * f, st.integers(1, 999), st.sampled_from([1000, 10**6, 10**9])),
    ).map(Decimal)
    choices = [integers]
    if decimals:
        choices.append(st.builds(lambda whole, tenth: Decimal(whole) + Decimal(tenth) / 10,
                                 st.integers(0, 999), st.integers(1, 9)))
        choices.append(_suffixable())
    return st.one_of(*choices).filter(lambda v: min_value <= v <= max_value)


def _suffixable() -> st.SearchStrategy[Decimal]:
    """Values written with a multiplier: a mantissa of at most two decimals times a thousand, million or billion."""
    mantissa = st.one_of(
        st.integers(1, 999).map(Decimal),
        st.builds(lambda whole, cents: Decimal(whole) + Decimal(cents) / 100, st.integers(1, 99), st.integers(1, 99)),
        st.builds(lambda whole, tenth: Decimal(whole) + Decimal(tenth) / 10, st.integers(1, 99), st.integers(1, 9)),
    )
    return st.builds(lambda m, f: m * f, mantissa, st.sampled_from([Decimal(1000), Decimal(10**6), Decimal(10**9)]))


#: multiplier suffixes for any number, and those that need a currency sign ("5m" is five metres)
_SUFFIXES: dict[int, tuple[str, ...]] = {
    1000: ("K", "k", " thousand"),
    10**6: (" million", " mln", "mln", " mn", "M"),
    10**9: (" billion", "bn", " bn", " bln", "Bln", " Bn"),
}
_MONEY_SUFFIXES: dict[int, tuple[str, ...]] = {10**6: ("m", "M"), 10**9: ("B",)}


def _suffix_forms(value: Decimal, money: bool) -> list[str]:
    forms = []
    for factor, suffixes in _SUFFIXES.items():
        mantissa = value / factor
        if 1 <= mantissa < 1000 and mantissa == mantissa.quantize(Decimal("0.01")):
            text = _plain(mantissa)
            forms += [text + suffix for suffix in suffixes]
            if money:
                forms += [text + suffix for suffix in _MONEY_SUFFIXES.get(factor, ())]
    return forms


def _word_forms(value: Decimal) -> list[str]:
    if value != value.to_integral_value() or value < 2:
        return []
    n = int(value)
    forms = []
    if n <= 999_999 or (n % 10**6 == 0 and n <= 999 * 10**6):
        forms += [number_in_words(n), number_in_words(n, british=False)]
        if 20 < n < 100 and n % 10:
            forms.append(number_in_words(n, hyphen=False))
    if n in (100, 1000):
        forms.append("a " + {100: "hundred", 1000: "thousand"}[n])
    if n == 12:
        forms.append("a dozen")
    if n % 10**6 == 0 and 1 < n // 10**6 < 1000:
        forms.append(f"{_grouped(Decimal(n // 10**6))} million")
    return list(dict.fromkeys(forms))


def _digit_forms(value: Decimal) -> list[str]:
    forms = [_grouped(value)]
    if value >= 1000 and value == value.to_integral_value():
        forms.append(_plain(value))  # "12000 drones": no separator
    return list(dict.fromkeys(forms))


def renderings(value: Decimal, words: bool = True, suffixes: bool = True, money: bool = False) -> st.SearchStrategy[Rendering]:
    """Ways to write ``value``: digits (``5,000``, ``5000``), multipliers (``1.5bn``, ``15K``,
    ``2.5 mln``), words (``one hundred and five``, ``a dozen``, ``3 million``).

    ``money`` also allows suffixes that only a currency sign makes multipliers (``$3.2m``).

    >>> renderings(Decimal(1500)).example().value
    Decimal('1500')
    """
    forms = _digit_forms(value)
    if suffixes:
        forms += _suffix_forms(value, money)
    if words:
        forms += _word_forms(value)
    return st.sampled_from(list(dict.fromkeys(forms))).map(lambda text: Rendering(text, value))


_SIGNS = (("$", "USD"), ("US$", "USD"), ("€", "EUR"), ("£", "GBP"), ("₴", "UAH"), ("₽", "RUB"), ("₪", "ILS"))
_CODES = ("USD", "EUR", "GBP", "UAH", "RUB", "CHF")
_CURRENCY_WORDS = (
    ("dollars", "USD"), ("euros", "EUR"), ("rubles", "RUB"), ("roubles", "RUB"), ("hryvnias", "UAH"),
    ("shekels", "ILS"), ("yuan", "CNY"), ("Swiss francs", "CHF"),
)


@st.composite
def money_renderings(draw: Draw, value: Decimal | None = None) -> Rendering:
    """A sum of money as written: ``$3.2 million``, ``€45bn``, ``USD 5 million``, ``1.2 billion rubles``.

    The unit is the ISO code the sign, code or word names (``$`` is USD).

    >>> money_renderings(Decimal(3200000)).example().unit is not None
    True
    """
    if value is None:
        value = draw(st.one_of(numbers(min_value=2), _suffixable()))
    how = draw(st.sampled_from(["sign", "code", "word"]))
    if how == "sign":
        sign, code = draw(st.sampled_from(_SIGNS))
        number = draw(renderings(value, words=False, money=True))
        return Rendering(sign + number.text, value, code)
    if how == "code":
        code = draw(st.sampled_from(_CODES))
        number = draw(renderings(value, words=False, money=True))
        return Rendering(f"{code} {number.text}", value, code)
    word, code = draw(st.sampled_from(_CURRENCY_WORDS))
    number = draw(renderings(value))
    return Rendering(f"{number.text} {word}", value, code)


@st.composite
def percent_renderings(draw: Draw, value: Decimal | None = None) -> Rendering:
    """A percentage as written: ``12%``, ``12.5 percent``, ``40 per cent``, ``twelve percent``; value 12, unit ``percent``.

    >>> percent_renderings(Decimal(12)).example().unit
    'percent'
    """
    if value is None:
        value = draw(_percent_values())
    forms = [_plain(value)] + ([number_in_words(int(value))] if value == value.to_integral_value() else [])
    number = draw(st.sampled_from(forms))
    sign = draw(st.sampled_from(["%", " percent", " per cent"]) if number[0].isdigit() else
                st.sampled_from([" percent", " per cent"]))
    return Rendering(number + sign, value, "percent")


def _percent_values() -> st.SearchStrategy[Decimal]:
    return st.one_of(st.integers(2, 100).map(Decimal),
                     st.builds(lambda w, t: Decimal(w) + Decimal(t) / 10, st.integers(0, 99), st.integers(1, 9)))


# --------------------------------------------------------------------------
# Qualifiers
# --------------------------------------------------------------------------

#: (phrase before the number, qualifier), as GUIDELINE.md defines them
_BEFORE: tuple[tuple[str, Qualifier], ...] = (
    ("nearly", "approx"), ("almost", "approx"), ("about", "approx"), ("around", "approx"),
    ("roughly", "approx"), ("some", "approx"), ("approximately", "approx"), ("an estimated", "approx"),
    ("close to", "approx"),
    ("more than", "more_than"), ("over", "more_than"), ("upwards of", "more_than"), ("well over", "more_than"),
    ("in excess of", "more_than"), ("just over", "more_than"),
    ("at least", "at_least"), ("no fewer than", "at_least"), ("a minimum of", "at_least"),
    ("up to", "at_most"), ("no more than", "at_most"), ("as many as", "at_most"), ("at most", "at_most"),
    ("fewer than", "less_than"), ("less than", "less_than"), ("under", "less_than"), ("just under", "less_than"),
)
_RANGE_HEDGES = ("about", "some", "approximately", "roughly", "an estimated")


def _bounds(qualifier: Qualifier, value: Decimal) -> tuple[Decimal | None, Decimal | None]:
    if qualifier in ("more_than", "at_least"):
        return value, None
    if qualifier in ("at_most", "less_than"):
        return None, value
    return None, None


class _Number(NamedTuple):
    """A written number with its qualifier: text, value, low, high, qualifier, unit."""

    text: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    qualifier: Qualifier
    unit: str | None
    #: a qualifier written after the counted noun ("100 drones or more")
    tail: str = ""


@st.composite
def _qualified(draw: Draw, rendering: Rendering, after: bool = True) -> _Number:
    """A rendering with maybe a qualifier before it (``nearly``) or after it (``or more``, ``+``)."""
    how = draw(st.sampled_from(["none", "none", "before", "before", "after"] if after else ["none", "before"]))
    value = rendering.value
    if how == "before":
        phrase, qualifier = draw(st.sampled_from(_BEFORE))
        low, high = _bounds(qualifier, value)
        return _Number(f"{phrase} {rendering.text}", value, low, high, qualifier, rendering.unit)
    if how == "after":
        options: list[tuple[str, Qualifier, bool]] = [(" or more", "at_least", False), (" or more", "at_least", True)]
        if rendering.text[-1].isdigit():
            options.append(("+", "more_than", False))
        suffix, qualifier, tail = draw(st.sampled_from(options))
        low, high = _bounds(qualifier, value)
        if tail:
            return _Number(rendering.text, value, low, high, qualifier, rendering.unit, tail=suffix)
        return _Number(rendering.text + suffix, value, low, high, qualifier, rendering.unit)
    return _Number(rendering.text, value, None, None, "exact", rendering.unit)


def _range_values(draw: Draw) -> tuple[Decimal, Decimal]:
    low = draw(st.one_of(st.integers(2, 99), st.integers(100, 999), st.integers(1000, 999_999)))
    high = draw(st.integers(low + 1, low * 3 + 10))
    return Decimal(low), Decimal(high)


@st.composite
def _range(draw: Draw, words: bool = True) -> _Number:
    """A range of counts: ``10-15``, ``10 to 15``, ``between 10 and 15``, ``from 10 to 15``,
    ``1.5 to 2 million``, ``about 70,000-80,000``."""
    form = draw(st.sampled_from(["dash", "to", "between", "from", "scaled", "hedged"]))
    if form == "scaled":
        factor = draw(st.sampled_from([Decimal(10**6), Decimal(10**9)]))
        name = draw(st.sampled_from([" million", " mln"] if factor == 10**6 else [" billion", "bn"]))
        low_m = draw(st.integers(10, 990)) / Decimal(10)
        high_m = low_m + draw(st.integers(1, 50)) / Decimal(10)
        joiner = draw(st.sampled_from(["to", "-", "between"]))
        low_text, high_text = _plain(low_m), _plain(high_m) + name
        if joiner == "between":
            text = f"between {low_text} and {high_text}"
        elif joiner == "-":
            text = f"{low_text}-{high_text}"
        else:
            text = f"{low_text} to {high_text}"
        return _Number(text, None, low_m * factor, high_m * factor, "range", None)
    low, high = _range_values(draw)
    if words and form in ("to", "between", "from") and high <= 99 and draw(st.booleans()):
        low_text, high_text = number_in_words(int(low)), number_in_words(int(high))
    else:
        low_text, high_text = _grouped(low), _grouped(high)
    if form == "dash" or form == "hedged":
        dash = draw(st.sampled_from(["-", "–"]))
        text = f"{low_text}{dash}{high_text}"
        if form == "hedged":
            text = draw(st.sampled_from(_RANGE_HEDGES)) + " " + text
    elif form == "to":
        text = f"{low_text} to {high_text}"
    elif form == "between":
        text = f"between {low_text} and {high_text}"
    else:
        text = f"from {low_text} to {high_text}"
    return _Number(text, None, low, high, "range", None)


_VAGUE = (
    ("dozens of", Decimal(12)), ("hundreds of", Decimal(100)), ("thousands of", Decimal(1000)),
    ("tens of thousands of", Decimal(10_000)), ("hundreds of thousands of", Decimal(100_000)),
)


# --------------------------------------------------------------------------
# Figure phrases
# --------------------------------------------------------------------------


class _Noun(NamedTuple):
    plural: str
    entity: str
    category: Category | None = None


_NOUNS: dict[str, tuple[_Noun, ...]] = {
    "weapon": (
        _Noun("drones", "drone", "attack"), _Noun("attack drones", "attack drone", "attack"),
        _Noun("missiles", "missile", "attack"), _Noun("cruise missiles", "cruise missile", "attack"),
        _Noun("rockets", "rocket", "attack"), _Noun("glide bombs", "glide bomb", "attack"),
        _Noun("artillery shells", "artillery shell", "attack"),
    ),
    "people": (
        _Noun("people", "person"), _Noun("civilians", "civilian"), _Noun("children", "child"),
        _Noun("residents", "resident"), _Noun("aid workers", "aid worker"), _Noun("women", "woman"),
    ),
    "prisoner": (
        _Noun("prisoners", "prisoner", "prisoner_exchange"), _Noun("detainees", "detainee", "prisoner_exchange"),
        _Noun("captives", "captive", "prisoner_exchange"),
    ),
    "violation": (
        _Noun("ceasefire violations", "ceasefire violation", "ceasefire_violation"),
        _Noun("violations", "violation", "ceasefire_violation"),
        _Noun("explosions", "explosion", "ceasefire_violation"),
    ),
    "diplomacy": (
        _Noun("heads of state", "head of state", "diplomacy"), _Noun("bilateral meetings", "bilateral meeting", "diplomacy"),
        _Noun("foreign delegations", "foreign delegation", "diplomacy"),
    ),
    "trucks": (_Noun("aid trucks", "aid truck", "economy"), _Noun("trucks", "truck", "economy")),
}


def _figure(
    text: str, start: int, end: int, number: _Number, entity: str | None, category: Category | None,
    vouch_entity: bool = True,
) -> ExpectedFigure:
    known = set(_NUMBER_FIELDS)
    if vouch_entity:
        known.add("entity")
    if category is not None:
        known.add("category")
    return ExpectedFigure(
        text[start:end], start, end, number.value, number.low, number.high, number.qualifier,
        number.unit, entity, category, known=frozenset(known),
    )


@st.composite
def _count_phrase(draw: Draw, kind: str) -> Sample:
    """``nearly 5,000 drones``, ``between 10 and 15 soldiers``, ``dozens of civilians``, ``100 drones or more``."""
    noun = draw(st.sampled_from(_NOUNS[kind]))
    how = draw(st.sampled_from(["single", "single", "single", "range", "vague"]))
    if how == "vague":
        words, value = draw(st.sampled_from(_VAGUE))
        number = _Number(words, value, None, None, "approx", None)
    elif how == "range":
        number = draw(_range())
    else:
        value = draw(numbers(max_value=10**10))
        number = draw(_qualified(draw(renderings(value))))
    text = f"{number.text} {noun.plural}{number.tail}"
    return Sample(text, (_figure(text, 0, len(text), number, noun.entity, noun.category),))


@st.composite
def _money_phrase(draw: Draw) -> Sample:
    """``$3.2 million``, ``more than €45bn``, ``between $10 million and $15 million``, ``$1-2 billion``."""
    how = draw(st.sampled_from(["single", "single", "single", "range"]))
    if how == "range":
        sign, code = draw(st.sampled_from(_SIGNS[:4]))
        low, high = _range_values(draw)
        name = draw(st.sampled_from([" million", " billion", "bn", "m", ""]))
        factor = {" million": 10**6, " billion": 10**9, "bn": 10**9, "m": 10**6, "": 1}[name]
        form = draw(st.sampled_from(["dash", "both", "between"]))
        if form == "dash":
            text = f"{sign}{_grouped(low)}-{_grouped(high)}{name}"
        elif form == "both":
            text = f"{sign}{_grouped(low)}{name} to {sign}{_grouped(high)}{name}"
        else:
            text = f"between {sign}{_grouped(low)}{name} and {sign}{_grouped(high)}{name}"
        number = _Number(text, None, low * factor, high * factor, "range", code)
    else:
        rendering = draw(money_renderings())
        number = draw(_qualified(rendering, after=False))
    return Sample(number.text, (_figure(number.text, 0, len(number.text), number, None, None, vouch_entity=False),))


@st.composite
def _percent_phrase(draw: Draw) -> Sample:
    """``12%``, ``nearly 40 percent``, ``10-15%``, ``between 10 and 15 per cent``, ``between 10% and 15%``."""
    if draw(st.integers(0, 4)) == 0:
        low = Decimal(draw(st.integers(1, 60)))
        high = low + draw(st.integers(1, 30))
        form = draw(st.sampled_from(["dash", "between", "between_both", "to_both"]))
        sign = draw(st.sampled_from(["%", " percent", " per cent"]))
        if form == "dash":
            text = f"{low}-{high}{sign}"
        elif form == "between":
            text = f"between {low} and {high}{sign}"
        elif form == "between_both":
            text = f"between {low}{sign} and {high}{sign}"
        else:
            text = f"{low}{sign} to {high}{sign}"
        number = _Number(text, None, low, high, "range", "percent")
    else:
        number = draw(_qualified(draw(percent_renderings()), after=False))
    return Sample(number.text, (_figure(number.text, 0, len(number.text), number, None, None, vouch_entity=False),))


_DISTANCE_UNITS = (("km", "km"), ("kilometres", "km"), ("kilometers", "km"), ("miles", "mile"))


@st.composite
def _measure_phrase(draw: Draw, units: tuple[tuple[str, str], ...], glued: bool = False,
                    values: st.SearchStrategy[Decimal] | None = None, words: bool = True) -> Sample:
    """A number and its unit word: ``40 km``, ``about 3 hours``, ``5 million tonnes``."""
    word, unit = draw(st.sampled_from(units))
    value = draw(values if values is not None else st.integers(2, 999).map(Decimal))
    rendering = draw(renderings(value, words=words))
    space = "" if glued and rendering.text[-1].isdigit() and draw(st.booleans()) else " "
    number = draw(_qualified(Rendering(rendering.text, value, unit), after=False))
    text = f"{number.text}{space}{word}"
    first = _figure(text, 0, len(text), number, None, None, vouch_entity=False)
    if unit in _CONVERSIONS and draw(st.integers(0, 3)) == 0:
        # "about 40 km (25 miles)": both sides are figures, the converted one takes the first's qualifier
        other_word, other_unit, ratio = _CONVERSIONS[unit]
        other = (value * ratio).quantize(Decimal(1))
        if other >= 2:
            low, high = _bounds(number.qualifier, other)
            second = _Number(_grouped(other), other, low, high, number.qualifier, other_unit)
            start = len(text) + 2
            text = f"{text} ({second.text} {other_word})"
            return Sample(text, (first, _figure(text, start, len(text) - 1, second, None, None, vouch_entity=False)))
    return Sample(text, (first,))


#: a unit, the unit it is converted to in a parenthesis, and the factor
_CONVERSIONS = {"km": ("miles", "mile", Decimal("0.621371")), "mile": ("km", "km", Decimal("1.609344"))}
_FRACTIONS = (
    ("half", Decimal("0.5")), ("one-fifth", Decimal("0.2")), ("a quarter", Decimal("0.25")),
    ("three-quarters", Decimal("0.75")), ("one-tenth", Decimal("0.1")), ("two-fifths", Decimal("0.4")),
)


@st.composite
def _fraction_phrase(draw: Draw) -> Sample:
    """``one-fifth of the population`` (0.2, no unit), ``nearly half of the residents``."""
    words, value = draw(st.sampled_from(_FRACTIONS))
    noun, entity = draw(st.sampled_from([("the population", "population"), ("the residents", "resident")]))
    hedges: list[tuple[str, Qualifier]] = [("", "exact"), ("nearly ", "approx"), ("about ", "approx"),
                                           ("almost ", "approx"), ("more than ", "more_than")]
    hedge, qualifier = draw(st.sampled_from(hedges))
    text = f"{hedge}{words} of {noun}"
    low, high = _bounds(qualifier, value)
    number = _Number(text, value, low, high, qualifier, None)
    return Sample(text, (_figure(text, 0, len(text), number, entity, None),))


@st.composite
def _age_phrase(draw: Draw) -> Sample:
    """``a 12-year-old girl``: an age, unit year, category other; the figure is ``12-year-old``."""
    value = draw(st.integers(2, 90))
    written = draw(st.sampled_from([str(value), number_in_words(value)]))
    article = "an" if written[0] in "8e" or written in ("11", "18") else "a"
    compound = f"{written}-year-old"
    noun = draw(st.sampled_from(["girl", "boy", "man", "woman"]))
    text = f"{article} {compound} {noun}"
    number = _Number(compound, Decimal(value), None, None, "exact", "year")
    start = len(article) + 1
    return Sample(text, (_figure(text, start, start + len(compound), number, None, "other", vouch_entity=False),))


_HYPHEN_UNITS = (("day", "day"), ("hour", "hour"), ("week", "week"), ("month", "month"), ("year", "year"))


@st.composite
def _hyphen_phrase(draw: Draw, nouns: tuple[tuple[str, Category], ...], units: tuple[tuple[str, str], ...]) -> Sample:
    """``a 30-day ceasefire``: the figure is ``30-day`` (unit day), the noun after it is what lasts."""
    word, unit = draw(st.sampled_from(units))
    noun, category = draw(st.sampled_from(nouns))
    value = Decimal(draw(st.integers(2, 120)))
    written = draw(st.sampled_from([_plain(value), number_in_words(int(value))]))
    article = "an" if written[0] in "8e" or written in ("11", "18") else "a"
    compound = f"{written}-{word}"
    text = f"{article} {compound} {noun}"
    start = len(article) + 1
    number = _Number(compound, value, None, None, "exact", unit)
    return Sample(text, (_figure(text, start, start + len(compound), number, noun, category),))


@st.composite
def _verb_count_phrase(draw: Draw, verb: str, entity: str) -> Sample:
    """A count carried by its verb: ``killed at least 9`` (entity ``person killed``)."""
    value = draw(st.integers(2, 999).map(Decimal))
    number = draw(_qualified(draw(renderings(value, suffixes=False)), after=False))
    text = f"{verb} {number.text}"
    return Sample(text, (_figure(text, 0, len(text), number, entity, "casualties"),))


@st.composite
def _times_phrase(draw: Draw) -> Sample:
    """``nearly 5,000 times`` (events counted by the verb before: violations)."""
    value = draw(numbers(max_value=99_999))
    number = draw(_qualified(draw(renderings(value, suffixes=False)), after=False))
    text = f"{number.text} times"
    return Sample(text, (_figure(text, 0, len(text), number, "violation", "ceasefire_violation"),))


def figure_phrases(kind: str | None = None) -> st.SearchStrategy[Sample]:
    """One figure in its words, with its expected record (offsets into the phrase).

    ``kind`` picks a family: ``weapon``, ``people``, ``prisoner``, ``violation``,
    ``diplomacy``, ``trucks`` (counts with their noun), ``money``, ``percent``,
    ``distance`` (maybe with its conversion, ``40 km (25 miles)``), ``weight``, ``area``,
    ``fraction`` (``one-fifth of the population``: 0.2), ``age`` (``a 12-year-old girl``),
    ``hours``, ``years``, ``ceasefire`` (``a 30-day ceasefire``), ``sentence`` (``a six-year
    prison sentence``); None draws any of them.

    >>> text, (figure,), _ = figure_phrases("weapon").example()
    >>> text[figure.start:figure.end] == figure.surface
    True
    """
    families: dict[str, st.SearchStrategy[Sample]] = {
        **{name: _count_phrase(name) for name in _NOUNS},
        "money": _money_phrase(),
        "percent": _percent_phrase(),
        "distance": _measure_phrase(_DISTANCE_UNITS, glued=True,
                                    values=st.one_of(st.integers(2, 999).map(Decimal),
                                                     st.builds(lambda w, t: Decimal(w) + Decimal(t) / 10,
                                                               st.integers(1, 99), st.integers(1, 9)))),
        "weight": _measure_phrase((("tonnes", "tonne"), ("tons", "tonne"), ("metric tons", "tonne")),
                                  values=st.one_of(numbers(max_value=10**8), _suffixable().filter(lambda v: v < 10**9))),
        "area": _measure_phrase((("hectares", "hectare"), ("square kilometres", "km**2"), ("sq km", "km**2"),
                                 ("acres", "acre")), values=numbers(max_value=10**7)),
        "fraction": _fraction_phrase(),
        "age": _age_phrase(),
        "hours": _measure_phrase((("hours", "hour"), ("minutes", "minute")), values=st.integers(2, 99).map(Decimal)),
        "years": _measure_phrase((("years", "year"),), values=st.integers(2, 30).map(Decimal)),
        "ceasefire": _hyphen_phrase((("ceasefire", "ceasefire"), ("truce", "ceasefire"), ("moratorium", "ceasefire")),
                                    _HYPHEN_UNITS[:4]),
        "sentence": _hyphen_phrase((("prison sentence", "legal"),), (("year", "year"),)),
    }
    if kind is not None:
        return families[kind]
    return st.one_of(*families.values())


# --------------------------------------------------------------------------
# Time expressions
# --------------------------------------------------------------------------

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _day(day: dt.date) -> ExpectedWindow:
    return ExpectedWindow(_iso(day), _iso(day))


def _month_span(year: int, month: int) -> ExpectedWindow:
    first = dt.date(year, month, 1)
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return ExpectedWindow(_iso(first), _iso(following - dt.timedelta(days=1)))


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = (dt.date(year + (month == 11), (month + 1) % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month + 1, min(day.day, last))


def published_dates() -> st.SearchStrategy[dt.date]:
    """Document dates: any day from 2016 to 2030 (weekdays, month ends and leap days all come up).

    >>> published_dates().example().year >= 2016
    True
    """
    return st.dates(dt.date(2016, 1, 1), dt.date(2030, 12, 31))


@st.composite
def time_expressions(draw: Draw, published: dt.date, tense: str = "past") -> TimeSample:
    """A time expression and the window GUIDELINE.md gives it for a document dated ``published``.

    ``tense`` is that of the clause the expression will stand in: ``past``
    (``on Monday`` is the latest Monday up to the document date) or ``future``
    (the first Monday from it; ``starting Monday`` leaves the end open).

    >>> text, window = time_expressions(dt.date(2025, 5, 11)).example()
    >>> window.start is None or window.end is None or window.start <= window.end
    True
    """
    d = published
    if tense == "future":
        # the frame proposes something that lasts: only its start is written ("starting Monday")
        form = draw(st.sampled_from(["weekday", "tomorrow", "date"]))
        if form == "tomorrow":
            return TimeSample("starting tomorrow", ExpectedWindow(_iso(d + dt.timedelta(days=1)), None))
        if form == "date":
            day = draw(st.dates(d + dt.timedelta(days=1), d + dt.timedelta(days=300))
                       .filter(lambda x: (x.month, x.day) != (2, 29)))
            return TimeSample(f"starting {_MONTHS[day.month - 1]} {day.day}", ExpectedWindow(_iso(day), None))
        weekday = draw(st.integers(0, 6))
        day = d + dt.timedelta(days=(weekday - d.weekday()) % 7)
        return TimeSample(f"starting {_WEEKDAYS[weekday]}", ExpectedWindow(_iso(day), None))
    form = draw(st.sampled_from([
        "yesterday", "today", "overnight", "last night", "weekday", "last weekday", "date", "date_no_year",
        "day_month", "iso", "month_year", "month", "year", "past_n", "past_hours", "past_week", "last_calendar",
        "this_week", "earlier_this_month", "ago", "since_weekday", "since_date", "between", "from_to",
        "early_hours", "part_of_month", "week_of_month", "half_year", "night_of", "clock",
    ]))
    if form in ("part_of_month", "week_of_month"):
        first = _add_months(d.replace(day=1), -draw(st.integers(1, 36)))
        month = f"{_MONTHS[first.month - 1]} {first.year}"
        last_day = int(_month_span(first.year, first.month).end[-2:])
        if form == "part_of_month":
            # early = days 1-10, mid = 11-20, late = 21 to the end
            part, days = draw(st.sampled_from([("early", (1, 10)), ("mid-", (11, 20)), ("late", (21, last_day))]))
            written = f"in {part}{month}" if part.endswith("-") else f"in {part} {month}"
        else:
            nth, days = draw(st.sampled_from([("first", (1, 7)), ("second", (8, 14)), ("third", (15, 21)),
                                              ("fourth", (22, 28)), ("last", (last_day - 6, last_day))]))
            written = f"in the {nth} week of {month}"
        return TimeSample(written, ExpectedWindow(_iso(first.replace(day=days[0])), _iso(first.replace(day=days[1]))))
    if form == "half_year":
        year = d.year - draw(st.integers(1, 5))
        half = draw(st.sampled_from([("first", "01-01", "06-30"), ("second", "07-01", "12-31")]))
        return TimeSample(f"in the {half[0]} half of {year}", ExpectedWindow(f"{year}-{half[1]}", f"{year}-{half[2]}"))
    if form == "night_of":
        day = draw(st.dates(d - dt.timedelta(days=2 * 365), d - dt.timedelta(days=1)))
        return TimeSample(f"on the night of {_MONTHS[day.month - 1]} {day.day}, {day.year}",
                          ExpectedWindow(_iso(day), _iso(day + dt.timedelta(days=1))))
    if form == "clock":
        # a clock time in UTC on a dated day: one instant, with its offset
        day = draw(st.dates(d - dt.timedelta(days=2 * 365), d))
        hour = draw(st.integers(1, 11))
        half = draw(st.sampled_from([("a.m.", 0), ("p.m.", 12)]))
        zone = draw(st.sampled_from(["GMT", "UTC"]))
        instant = f"{_iso(day)}T{hour + half[1]:02d}:00:00+00:00"
        return TimeSample(f"at {hour} {half[0]} {zone} on {_MONTHS[day.month - 1]} {day.day}, {day.year}",
                          ExpectedWindow(instant, instant))
    if form == "yesterday":
        return TimeSample("yesterday", _day(d - dt.timedelta(days=1)))
    if form == "today":
        return TimeSample("today", _day(d))
    if form in ("overnight", "last night"):
        return TimeSample(form, ExpectedWindow(_iso(d - dt.timedelta(days=1)), _iso(d)))
    if form in ("weekday", "last weekday", "since_weekday"):
        weekday = draw(st.integers(0, 6))
        back = (d.weekday() - weekday) % 7
        if form == "last weekday":
            day = d - dt.timedelta(days=back or 7)
            return TimeSample(f"last {_WEEKDAYS[weekday]}", _day(day))
        day = d - dt.timedelta(days=back)
        if form == "since_weekday":
            return TimeSample(f"since {_WEEKDAYS[weekday]}", ExpectedWindow(_iso(day), _iso(d)))
        return TimeSample(f"on {_WEEKDAYS[weekday]}", _day(day))
    if form in ("date", "day_month", "iso", "early_hours", "since_date"):
        day = draw(st.dates(d - dt.timedelta(days=3 * 365), d))
        year = draw(st.booleans()) if form in ("early_hours", "since_date") else True
        if not year and (day < d - dt.timedelta(days=300) or (day.month, day.day) == (2, 29)):
            year = True
        month = _MONTHS[day.month - 1]
        written = f"{month} {day.day}, {day.year}" if year else f"{month} {day.day}"
        if form == "day_month":
            written = f"{day.day} {month} {day.year}"
        if form == "iso":
            return TimeSample(f"on {_iso(day)}", _day(day))
        if form == "early_hours":
            return TimeSample(f"in the early hours of {written}", _day(day))
        if form == "since_date":
            return TimeSample(f"since {written}", ExpectedWindow(_iso(day), _iso(d)))
        return TimeSample(f"on {written}", _day(day))
    if form == "date_no_year":
        day = draw(st.dates(d - dt.timedelta(days=300), d).filter(lambda x: (x.month, x.day) != (2, 29)))
        return TimeSample(f"on {_MONTHS[day.month - 1]} {day.day}", _day(day))
    if form == "month_year":
        first = _add_months(d.replace(day=1), -draw(st.integers(0, 36)))
        return TimeSample(f"in {_MONTHS[first.month - 1]} {first.year}", _month_span(first.year, first.month))
    if form == "month":
        # a month without its year: the latest one that does not start more than 31 days after the document date
        first = _add_months(d.replace(day=1), -draw(st.integers(0, 10)))
        if _add_months(first, 12) <= d + dt.timedelta(days=31):
            first = _add_months(first, 12)
        return TimeSample(f"in {_MONTHS[first.month - 1]}", _month_span(first.year, first.month))
    if form == "year":
        year = d.year - draw(st.integers(0, 8))
        return TimeSample(f"in {year}", ExpectedWindow(f"{year}-01-01", f"{year}-12-31"))
    if form == "past_n":
        n = draw(st.integers(2, 30))
        written = draw(st.sampled_from([str(n), number_in_words(n)]))
        lead = draw(st.sampled_from(["over the past", "in the past", "over the last", "in the last", "during the past"]))
        return TimeSample(f"{lead} {written} days", ExpectedWindow(_iso(d - dt.timedelta(days=n)), _iso(d)))
    if form == "past_hours":
        hours = draw(st.sampled_from([24, 48, 72]))
        lead = draw(st.sampled_from(["over the past", "in the past", "over the last", "in the last"]))
        return TimeSample(f"{lead} {hours} hours", ExpectedWindow(_iso(d - dt.timedelta(days=hours // 24)), _iso(d)))
    if form == "past_week":
        lead = draw(st.sampled_from(["over the past", "in the past", "over the last"]))
        unit = draw(st.sampled_from(["week", "month"]))
        first = d - dt.timedelta(days=7) if unit == "week" else _add_months(d, -1)
        return TimeSample(f"{lead} {unit}", ExpectedWindow(_iso(first), _iso(d)))
    if form == "last_calendar":
        unit = draw(st.sampled_from(["week", "month", "year"]))
        if unit == "week":
            monday = d - dt.timedelta(days=d.weekday() + 7)
            return TimeSample("last week", ExpectedWindow(_iso(monday), _iso(monday + dt.timedelta(days=6))))
        if unit == "month":
            first = _add_months(d.replace(day=1), -1)
            return TimeSample("last month", _month_span(first.year, first.month))
        return TimeSample("last year", ExpectedWindow(f"{d.year - 1}-01-01", f"{d.year - 1}-12-31"))
    if form == "this_week":
        monday = d - dt.timedelta(days=d.weekday())
        return TimeSample("this week", ExpectedWindow(_iso(monday), _iso(monday + dt.timedelta(days=6))))
    if form == "earlier_this_month":
        return TimeSample("earlier this month", ExpectedWindow(_iso(d.replace(day=1)), _iso(d)))
    if form == "ago":
        n = draw(st.integers(2, 20))
        unit = draw(st.sampled_from(["days", "weeks"]))
        written = draw(st.sampled_from([str(n), number_in_words(n)]))
        days = n * (7 if unit == "weeks" else 1)
        return TimeSample(f"{written} {unit} ago", _day(d - dt.timedelta(days=days)))
    # a range of days, both ends in the past: "between May 7 and 10", "from May 7 to May 10, 2025"
    last = draw(st.dates(d - dt.timedelta(days=2 * 365), d))
    first = draw(st.dates(last - dt.timedelta(days=40), last - dt.timedelta(days=1)))
    same_month = (first.year, first.month) == (last.year, last.month)
    first_text = f"{_MONTHS[first.month - 1]} {first.day}"
    last_text = str(last.day) if same_month and draw(st.booleans()) else f"{_MONTHS[last.month - 1]} {last.day}"
    if first.year != last.year:
        first_text += f", {first.year}"
    last_text += f", {last.year}"
    joiner = ("between", "and") if form == "between" else ("from", "to")
    return TimeSample(f"{joiner[0]} {first_text} {joiner[1]} {last_text}", ExpectedWindow(_iso(first), _iso(last)))


# --------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Template:
    """A carrier sentence: ``{fig}``/``{fig2}`` take figure phrases, ``{time}`` an in-clause time
    expression, ``{said}`` an attribution; ``entity``/``category`` are what the frame says of its figures.

    ``tense`` is the tense of the clause (``none``: a present-tense frame that takes no time
    expression); ``speaker`` a speaker the frame itself names (``Lenders pledged ...``: a
    pledged figure belongs to whoever pledged it); ``vouch_speaker`` False where the frame
    leaves the speaker open.
    """

    text: str
    kinds: tuple[str, ...]
    tense: str = "past"
    entity: str | None = None
    category: Category | None = None
    speaker: str | None = None
    vouch_speaker: bool = True


_TEMPLATES: tuple[_Template, ...] = (
    # counts
    _Template("Russia launched {fig} at Ukraine{time}{said}.", ("weapon",)),
    _Template("air defences shot down {fig} over the region{time}{said}.", ("weapon",)),
    _Template("{fig} were fired at the city{time}{said}.", ("weapon",)),
    _Template("Ukrainian forces downed {fig} and {fig2}{time}{said}.", ("weapon", "weapon")),
    _Template("{fig} were killed in the shelling{time}{said}.", ("people",), category="casualties"),
    _Template("the strike killed {fig}, including {fig2}{said}.", ("people", "people"), category="casualties"),
    _Template("{fig} were wounded when the market was shelled{time}{said}.", ("people",), category="casualties"),
    _Template("the two sides exchanged {fig}{time}{said}.", ("prisoner",)),
    _Template("the rebels handed over {fig} to the Red Cross{time}{said}.", ("prisoner",)),
    _Template("monitors counted {fig} along the contact line{time}{said}.", ("violation",)),
    _Template("{fig} attended the summit in the capital{time}{said}.", ("diplomacy",)),
    _Template("the president held {fig} on the sidelines of the summit{time}{said}.", ("diplomacy",)),
    _Template("{fig} crossed into the enclave{time}{said}.", ("trucks",)),
    _Template("only {fig} reached the north of the territory{time}{said}.", ("trucks",)),
    # verb-carried counts and events
    _Template("a missile strike on the city {fig}{time}{said}.", ("killed",)),
    _Template("the separatists violated the truce {fig}{time}{said}.", ("times",)),
    # measures
    _Template("the European Union approved {fig} in aid to the country{time}{said}.", ("money",),
              entity="aid", category="economy"),
    _Template("donors provided {fig} in loans{time}{said}.", ("money",), entity="loan", category="economy"),
    _Template("the government allocated {fig} for reconstruction{time}{said}.", ("money",),
              entity="reconstruction", category="economy"),
    _Template("lenders pledged {fig} in budget support{time}.", ("money",), entity="budget support",
              category="economy", speaker="lenders"),
    _Template("{fig} of the population now depends on aid{said}.", ("percent",), tense="none", entity="population"),
    _Template("{fig} fled their homes{time}{said}.", ("fraction",)),
    _Template("{fig} was killed in the shelling{time}{said}.", ("age",)),
    _Template("fires destroyed {fig} of farmland{time}{said}.", ("area",), entity="farmland"),
    _Template("the attack killed {fig} and wounded {fig2}{time}{said}.", ("people", "people"), category="casualties"),
    _Template("the village lies {fig} north of the border{said}.", ("distance",), tense="none", entity="distance",
              category="other"),
    _Template("shelling struck a town {fig} from the front line{time}{said}.", ("distance",), entity="distance",
              category="other"),
    _Template("ships have exported {fig} of grain from the port{time}{said}.", ("weight",), entity="grain",
              category="economy"),
    _Template("the two leaders held {fig} of talks{time}{said}.", ("hours",), entity="talks", category="diplomacy"),
    _Template("a court sentenced the blogger to {fig} in prison{time}{said}.", ("years",),
              entity="prison sentence", category="legal"),
    _Template("a military court handed the activist {fig}{time}{said}.", ("sentence",)),
    _Template("both sides agreed to {fig}{time}{said}.", ("ceasefire",), tense="future", vouch_speaker=False),
)

#: (attribution, the speaker it names, the characters of its mention)
_SAID: tuple[tuple[str, str | None, str | None], ...] = (
    ("", None, None),
    (", the ministry said", "ministry", "ministry"), (", the governor said", "governor", "governor"),
    (", officials said", "officials", "officials"), (", the army said", "army", "army"),
    (", according to the ministry", "ministry", "ministry"),
    (", the Defence Ministry said", "Defence Ministry", "Defence Ministry"), (", the UN said", "UN", "UN"),
    (", Governor Ivan Petrenko said", "Ivan Petrenko", "Governor Ivan Petrenko"),
    (", the health ministry said", "health ministry", "health ministry"),
)
_SAID_PREFIX: tuple[tuple[str, str], ...] = (
    ("Officials said ", "officials"), ("The ministry said ", "ministry"), ("Police said ", "police"),
)


_NUMBER_START = frozenset(_ONES + _TENS[2:]) | {str(n) for n in range(100)}


def _capitalised(sample: Sample) -> Sample:
    if not sample.text or sample.text[0].isupper():
        return sample
    text = sample.text[0].upper() + sample.text[1:]
    figures = tuple(replace(f, surface=text[f.start:f.end]) for f in sample.figures)
    return Sample(text, figures, sample.published)


def _phrase(draw: Draw, kind: str) -> Sample:
    if kind == "killed":
        verb, entity = draw(st.sampled_from([("killed", "person killed"), ("wounded", "person wounded"),
                                             ("injured", "person injured")]))
        return draw(_verb_count_phrase(verb, entity))
    if kind == "times":
        return draw(_times_phrase())
    return draw(figure_phrases(kind))


class _Builder:
    """Text put together piece by piece, with the figures it holds."""

    def __init__(self) -> None:
        self.text = ""
        self.figures: list[ExpectedFigure] = []

    def add(self, piece: str) -> int:
        start = len(self.text)
        self.text += piece
        return start

    def add_sample(self, sample: Sample) -> None:
        offset = self.add(sample.text)
        self.figures.extend(f.shifted(offset) for f in sample.figures)


@st.composite
def sentences(
    draw: Draw, published: dt.date | None = None, times: bool = True, attributions: bool = True,
) -> Sample:
    """A news sentence holding one or two figures, with the records expected from it.

    The sentence is a carrier frame (``Russia launched {fig} at Ukraine{time}{said}.``)
    filled with figure phrases; maybe a time expression in the clause (its window
    resolved against ``published``) or opening the sentence, and an attribution
    (``, the ministry said``; with a statement date, ``said on Monday``, which is
    no window). ``published`` defaults to a drawn date.

    >>> text, figures, published = sentences(published=dt.date(2025, 5, 11)).example()
    >>> all(text[f.start:f.end] == f.surface for f in figures)
    True
    """
    if published is None:
        published = draw(published_dates())
    template = draw(st.sampled_from(_TEMPLATES))
    phrases = [_phrase(draw, kind) for kind in template.kinds]
    time: TimeSample | None = None
    placement = "none"
    if times and template.tense != "none" and draw(st.booleans()):
        time = draw(time_expressions(published, template.tense))
        inline = "{time}" in template.text
        placement = draw(st.sampled_from(["inline", "leading"])) if inline and template.tense == "past" else (
            "inline" if inline else "leading" if template.tense == "past" else "none")
        if placement == "leading" and template.text.startswith("{fig}") and _YEAR_LIKE.match(phrases[0].text):
            # "In January, 1800 drones ..." and "On May 7, 2000 people ..." read as dates too: ambiguous
            placement = "inline" if inline else "none"
        if placement == "none":
            time = None
        elif placement == "inline" and "killed" in template.kinds and time.text.split()[0] in _NUMBER_START:
            placement = "leading"  # "injured 9 three days ago" would read as one number "9 three"
    said, speaker, mention = "", template.speaker, template.speaker
    prefix: str | None = None
    statement_day: str | None = None
    if attributions:
        if template.text.startswith("{fig}") and placement != "leading" and draw(st.integers(0, 4)) == 0:
            prefix, speaker = draw(st.sampled_from(_SAID_PREFIX))
            mention = speaker
        elif "{said}" in template.text:
            said, speaker, mention = draw(st.sampled_from(_SAID))
            if said.endswith(" said") and draw(st.integers(0, 3)) == 0:
                statement_day = draw(st.sampled_from(_WEEKDAYS))
    builder = _Builder()
    time_span: tuple[int, int] | None = None
    speaker_span: tuple[int, int] | None = None
    if placement == "leading" and time is not None:
        written = time.text[0].upper() + time.text[1:]
        time_span = (builder.add(written), len(builder.text))
        builder.add(", ")
        time = TimeSample(written, time.window)
    if prefix is not None and speaker is not None:
        start = builder.add(prefix)
        position = start + prefix.lower().index(speaker.lower())
        speaker_span = (position, position + len(speaker))
    index = 0
    for piece in _pieces(template.text):
        if piece in ("{fig}", "{fig2}"):
            phrase = phrases[index]
            index += 1
            if not builder.text:
                phrase = _capitalised(phrase)
            builder.add_sample(phrase)
        elif piece == "{time}":
            if placement == "inline" and time is not None:
                builder.add(" ")
                time_span = (builder.add(time.text), len(builder.text))
        elif piece == "{said}":
            if said and mention is not None:
                start = builder.add(said)
                position = start + said.index(mention)
                speaker_span = (position, position + len(mention))
                if statement_day is not None:
                    builder.add(f" on {statement_day}")
        else:
            builder.add(piece if builder.text else piece[:1].upper() + piece[1:])  # a sentence starts with a capital
    if template.speaker is not None and speaker_span is None:
        position = builder.text.lower().index(template.speaker)
        speaker_span = (position, position + len(template.speaker))
    if speaker_span is not None and speaker == mention:
        speaker = builder.text[speaker_span[0]:speaker_span[1]]  # as written: "Officials", "lenders"
    figures = []
    for figure in builder.figures:
        figure = figure.vouching(*_TIME_FIELDS)
        if template.vouch_speaker:
            figure = figure.vouching("speaker", "speaker_start", "speaker_end")
        if template.entity is not None:
            figure = replace(figure, entity=template.entity).vouching("entity")
        if template.category is not None:
            figure = replace(figure, category=template.category).vouching("category")
        if time is not None and time_span is not None:
            figure = replace(figure, time_text=time.text, time_text_start=time_span[0], time_text_end=time_span[1],
                             time_start=time.window.start, time_end=time.window.end)
        if speaker_span is not None:
            figure = replace(figure, speaker=speaker, speaker_start=speaker_span[0], speaker_end=speaker_span[1])
        figures.append(figure)
    return Sample(builder.text, tuple(figures), published)


def _pieces(template: str) -> list[str]:
    pieces: list[str] = []
    rest = template
    while rest:
        start = rest.find("{")
        if start == -1:
            pieces.append(rest)
            break
        if start:
            pieces.append(rest[:start])
        end = rest.index("}", start) + 1
        pieces.append(rest[start:end])
        rest = rest[end:]
    return pieces


# --------------------------------------------------------------------------
# Sentences without figures, documents, hostile text
# --------------------------------------------------------------------------


@st.composite
def distractors(draw: Draw) -> str:
    """A sentence whose numbers are no figures by GUIDELINE.md: dates, clock times, years, ordinals,
    labels and calibres, referring expressions, ``several``/``a few``, rhetorical sizes, phone numbers, URLs.

    >>> isinstance(distractors().example(), str)
    True
    """
    month = draw(st.sampled_from(_MONTHS))
    day = draw(st.integers(1, 28))
    year = draw(st.integers(1991, 2024))
    forms = [
        f"The Security Council adopted Resolution {draw(st.integers(100, 2999))} in {year}.",
        f"Talks resumed on {month} {day} at {draw(st.integers(1, 11))} p.m. local time.",
        f"Talks are due to resume on {day} {month}.",
        f"Talks were held on {month} {day}, {day + 1}, and {day + 2}.",
        f"It was the {draw(st.sampled_from(['third', 'fifth', '21st', '2nd', '10th']))} attack on the port this year.",
        "The two sides blamed each other for the escalation.",
        "Several buildings were damaged and a few cars burned.",
        f"Veterans marked the {draw(st.integers(20, 90))}th anniversary of the end of World War Two.",
        f"A BM-21 launcher and {draw(st.sampled_from([82, 120, 152]))}mm mortars were seen near the village.",
        f"Residents can call +380 44 {draw(st.integers(100, 999))} {draw(st.integers(1000, 9999))} for help.",
        f"The full report is at https://example.org/reports/{year}/{draw(st.integers(1, 12))}.",
        "One of the key causes of the crisis remains unresolved.",
        "Millions of Europeans followed the talks.",
        f"The conflict began {number_in_words(draw(st.integers(2, 12)))} years ago.",
        f"Fighting has continued since {month} {year}.",
    ]
    return draw(st.sampled_from(forms))


_HEADLINES = (
    "Attacks continue as talks stall", "Air defences busy across the region", "Aid deliveries resume",
    "Prisoner swap goes ahead", "Monitors report fresh violations", "Donors step up support",
)
#: headline frames in title case: (frame, figure family, entity, category the frame gives)
_HEADLINE_FRAMES: tuple[tuple[str, str, str | None, Category | None], ...] = (
    ("Russia Launches {fig} At Ukraine", "weapon", None, None),
    ("{fig} Killed In Shelling Of Market", "people", None, "casualties"),
    ("Strike On Market {fig}", "kills", "person killed", "casualties"),
    ("Both Sides Agree To {fig}", "ceasefire", None, None),
    ("EU Approves {fig} In Aid", "money", "aid", "economy"),
)


_YEAR_LIKE = re.compile(r"(?<![\d,.])(?:1[89]\d\d|20\d\d|2100)(?![\d,.])")


def _title(text: str) -> str:
    """Headline case: every word (and every part of a hyphenated word) starts with a capital."""
    out = []
    previous = " "
    for char in text:
        out.append(char.upper() if char.isalpha() and previous in " -(" else char)
        previous = char
    return "".join(out)


@st.composite
def headlines(draw: Draw) -> Sample:
    """A headline in title case holding one figure: ``Russia Launches More Than 100 Drones At Ukraine``,
    ``Strike On Market Kills 9``, ``Both Sides Agree To 30-Day Ceasefire``. No window; the speaker is left open.

    >>> text, (figure,), _ = headlines().example()
    >>> text[figure.start:figure.end] == figure.surface
    True
    """
    frame, family, entity, category = draw(st.sampled_from(_HEADLINE_FRAMES))
    if family == "kills":
        phrase = draw(_verb_count_phrase("Kills", "person killed"))
    else:
        # A bare year-like number in title case is ambiguous by its shape alone ("1800 Attack Drones"
        # but "2023 Counteroffensive Fails"): headlines write such values with their separator.
        phrase = draw(figure_phrases(family).filter(lambda p: _YEAR_LIKE.search(p.text) is None))
        if family == "ceasefire":  # headlines drop the article: "Agree To 30-Day Ceasefire"
            cut = phrase.text.index(" ") + 1
            phrase = Sample(phrase.text[cut:], tuple(f.shifted(-cut) for f in phrase.figures))
    titled = _title(phrase.text)
    before, after = frame.split("{fig}")
    text = before + titled + after
    figures = []
    for f in phrase.figures:
        f = f.shifted(len(before))
        f = replace(f, surface=text[f.start:f.end]).vouching(*_TIME_FIELDS)
        if entity is not None:
            f = replace(f, entity=entity).vouching("entity")
        if category is not None:
            f = replace(f, category=category).vouching("category")
        figures.append(f)
    return Sample(text, tuple(figures))


@st.composite
def documents(
    draw: Draw, published: dt.date | None = None, doc_id: str | None = None, max_paragraphs: int = 4,
) -> GeneratedDocument:
    """An article: a headline, then paragraphs of :func:`sentences` and :func:`distractors`.

    Sentences are joined by a space, paragraphs by a blank line (sometimes a single
    line break). Figures keep every field their sentence vouched for, except the
    speaker of a sentence without an attribution of its own (a paragraph may go on
    reporting someone's statement).

    >>> doc = documents(published=dt.date(2025, 5, 11)).example()
    >>> all(doc.text[f.start:f.end] == f.surface for f in doc.figures)
    True
    """
    if published is None:
        published = draw(published_dates())
    if doc_id is None:
        doc_id = draw(st.from_regex(r"[a-z][a-z0-9_-]{0,11}", fullmatch=True))
    builder = _Builder()
    headline = draw(st.sampled_from(["none", "plain", "figure"]))
    if headline == "plain":
        builder.add(draw(st.sampled_from(_HEADLINES)))
    elif headline == "figure":
        builder.add_sample(draw(headlines()))
    if headline != "none":
        builder.add(draw(st.sampled_from(["\n\n", "\n"])))
    for paragraph in range(draw(st.integers(1, max_paragraphs))):
        if paragraph:
            builder.add(draw(st.sampled_from(["\n\n", "\n\n", "\n"])))
        for index in range(draw(st.integers(1, 3))):
            if index:
                builder.add(" ")
            if draw(st.integers(0, 3)) == 0:
                builder.add(draw(distractors()))
            else:
                sample = draw(sentences(published=published))
                builder.add_sample(sample)
    # A paragraph may go on reporting someone's statement, and a description ("the ministry",
    # "the governor") stands for the fullest name the document gives ("the Defence Ministry").
    text = builder.text
    mentions = {text[f.speaker_start:f.speaker_end].lower() for f in builder.figures
                if f.speaker_start is not None and f.speaker_end is not None}
    figures = []
    for f in builder.figures:
        mention = text[f.speaker_start:f.speaker_end].lower() if f.speaker_start is not None else None
        if mention is None or any(mention in other and mention != other for other in mentions):
            f = f.not_vouching("speaker", "speaker_start", "speaker_end")
        figures.append(f)
    return GeneratedDocument(doc_id, builder.text, published, tuple(figures))


_AWKWARD = (
    "\u200f", "\u200e", "\u202e", "\u2066", "\u0301", "\u0308", "\ufeff", "\x00", "\x1b", "\r", "\r\n", "\t",
    "\u2028", "\u2029", "\x85", "🙂", "👩‍👩‍👧", "🇺🇦", "٣٤٥", "१२३", "𝟓𝟎", "٫", "\u00a0", "\u202f",
    "ש", "العربية", "Ελλάδα", "Мариуполь", "１２３", "½", "⅔", "²", "Ⅻ", "$", "€", "%", "-", "–", ",", ".",
)


@st.composite
def hostile_texts(draw: Draw) -> str:
    """Text meant to break things: arbitrary Unicode (controls, surrogate-free), RTL marks, emoji,
    combining marks, digits of other scripts, very long lines, pieces of real sentences between them.

    >>> isinstance(hostile_texts().example(), str)
    True
    """
    pieces = draw(st.lists(st.one_of(
        st.text(max_size=40),
        st.sampled_from(_AWKWARD),
        sentences(published=dt.date(2025, 5, 11)).map(lambda s: s.text),
        st.from_regex(r"[\d,.\-–$€%KkMmbn ]{1,20}", fullmatch=True),
    ), max_size=12))
    text = "".join(pieces)
    if text and draw(st.integers(0, 9)) == 0:
        text = text * max(2, min(draw(st.integers(50, 400)), 20_000 // len(text)))  # a very long line
    return text
