"""Tests of ``figures.testing`` itself: the strategies write what they claim, and the
assertion helpers explain mismatches in one readable message.

The strategies are checked against small decoders written here independently of them
(a number's words, digits and multipliers; a window from its weekday or month name), so
that a strategy cannot expect what it did not write.
"""

from __future__ import annotations

import calendar
import datetime as dt
import doctest
import subprocess
import sys
import warnings
from decimal import Decimal

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import figures.testing
from figures import Figure
from figures.testing import (
    ALL_FIELDS,
    ExpectedFigure,
    GeneratedDocument,
    Rendering,
    Sample,
    TimeSample,
    assert_consistent,
    assert_figures_match,
    distractors,
    documents,
    examples,
    figure_mismatches,
    figure_phrases,
    headlines,
    money_renderings,
    number_in_words,
    numbers,
    percent_renderings,
    published_dates,
    renderings,
    sentences,
    time_expressions,
)

# --------------------------------------------------------------------------
# An independent reader of the numbers the strategies write
# --------------------------------------------------------------------------

_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALE = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "dozen": 12}
_SUFFIX = {
    "k": 1000, "thousand": 1000, "m": 10**6, "mn": 10**6, "mln": 10**6, "million": 10**6,
    "b": 10**9, "bn": 10**9, "bln": 10**9, "billion": 10**9,
}


def _decode(text: str) -> Decimal:
    """What a written number means: ``5,000``, ``1.5bn``, ``3 million``, ``one hundred and five``."""
    digits = regex.fullmatch(r"([\d,]+(?:\.\d+)?)\s?([A-Za-z]+)?", text)
    if digits:
        value = Decimal(digits.group(1).replace(",", ""))
        return value * _SUFFIX[digits.group(2).lower()] if digits.group(2) else value
    total = current = 0
    for word in regex.split(r"[\s-]+", text.lower()):
        if word in ("and", ""):
            continue
        if word in ("a", "an"):
            current = 1
        elif word in _WORDS:
            current += _WORDS[word]
        elif _SCALE[word] >= 1000:
            total += (current or 1) * _SCALE[word]
            current = 0
        else:
            current = (current or 1) * _SCALE[word]
    return Decimal(total + current)


@pytest.mark.parametrize(("n", "british", "words"), [
    (0, True, "zero"), (7, True, "seven"), (27, True, "twenty-seven"), (40, True, "forty"),
    (105, True, "one hundred and five"), (105, False, "one hundred five"), (2005, True, "two thousand and five"),
    (1_250_000, True, "one million two hundred and fifty thousand"),
    (999_999_999, False, "nine hundred ninety-nine million nine hundred ninety-nine thousand nine hundred ninety-nine"),
])
def test_number_in_words(n: int, british: bool, words: str) -> None:
    assert number_in_words(n, british=british) == words
    assert _decode(words) == n


def test_number_in_words_refuses_a_negative() -> None:
    with pytest.raises(ValueError):
        number_in_words(-1)


@settings(max_examples=examples(300))
@given(numbers(decimals=True).flatmap(lambda v: st.tuples(st.just(v), renderings(v))))
def test_renderings_mean_their_value(drawn: tuple[Decimal, Rendering]) -> None:
    value, rendering = drawn
    assert rendering.value == value
    assert _decode(rendering.text) == value, rendering.text


@settings(max_examples=examples(200))
@given(money_renderings())
def test_money_renderings_name_their_currency(rendering: Rendering) -> None:
    signs = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₴": "UAH", "₽": "RUB", "₪": "ILS"}
    words = {"dollars": "USD", "euros": "EUR", "rubles": "RUB", "roubles": "RUB", "hryvnias": "UAH",
             "shekels": "ILS", "yuan": "CNY", "Swiss francs": "CHF"}
    text = rendering.text
    sign = next((s for s in signs if text.startswith(s)), None)
    code = regex.match(r"([A-Z]{3}) ", text)
    word = next((w for w in words if text.endswith(" " + w)), None)
    if sign is not None:
        unit, number = signs[sign], text[len(sign):]
    elif code is not None:
        unit, number = code.group(1), text[4:]
    else:
        assert word is not None, text
        unit, number = words[word], text[: -len(word) - 1]
    assert rendering.unit == unit
    assert _decode(number) == rendering.value, text


@settings(max_examples=examples(100))
@given(percent_renderings())
def test_percent_renderings(rendering: Rendering) -> None:
    number = regex.sub(r"(%| percent| per cent)\Z", "", rendering.text)
    assert number != rendering.text and rendering.unit == "percent"
    assert _decode(number) == rendering.value


# --------------------------------------------------------------------------
# Samples are consistent with their own text
# --------------------------------------------------------------------------


def _check_sample(text: str, figures_: tuple[ExpectedFigure, ...]) -> None:
    previous_end = 0
    for f in figures_:
        assert text[f.start:f.end] == f.surface and f.surface.strip() == f.surface
        assert f.start >= previous_end, "figures overlap or are out of order"
        previous_end = f.end
        assert f.known <= set(ALL_FIELDS) and {"surface", "start", "end", "value", "qualifier"} <= f.known
        if f.qualifier == "range":
            assert f.value is None and f.low is not None and f.high is not None and f.low < f.high
        else:
            assert f.value is not None
            assert (f.low is not None) == (f.qualifier in ("more_than", "at_least"))
            assert (f.high is not None) == (f.qualifier in ("less_than", "at_most"))
            assert f.low in (None, f.value) and f.high in (None, f.value)
        if f.time_text is not None:
            assert f.time_text_start is not None and f.time_text_end is not None
            assert text[f.time_text_start:f.time_text_end] == f.time_text
        if f.speaker_start is not None and f.speaker_end is not None:
            assert 0 <= f.speaker_start < f.speaker_end <= len(text)
            assert f.speaker is not None and text[f.speaker_start:f.speaker_end].endswith(f.speaker)


@settings(max_examples=examples(200))
@given(figure_phrases())
def test_figure_phrases_hold_their_figure(phrase: Sample) -> None:
    assert 1 <= len(phrase.figures) <= 2
    _check_sample(phrase.text, phrase.figures)


@settings(max_examples=examples(200))
@given(sentences())
def test_sentences_hold_their_figures(sample: Sample) -> None:
    assert sample.published is not None and not sample.text[0].islower() and sample.text.endswith(".")
    assert sample.figures
    _check_sample(sample.text, sample.figures)
    for f in sample.figures:
        assert {"time_text", "time_start", "time_end"} <= f.known


@settings(max_examples=examples(50))
@given(headlines())
def test_headlines_are_title_case(sample: Sample) -> None:
    _check_sample(sample.text, sample.figures)
    assert all(word[0].isupper() or not word[0].isalpha() for word in sample.text.split())


@settings(max_examples=examples(60))
@given(documents())
def test_documents_hold_their_figures(doc: GeneratedDocument) -> None:
    _check_sample(doc.text, doc.figures)
    line = doc.corpus_line()
    assert line["id"] == doc.id and line["text"] == doc.text and line.get("published") == str(doc.published)
    assert doc.document().text == doc.text


@settings(max_examples=examples(50))
@given(distractors())
def test_distractors_hold_numbers(text: str) -> None:
    assert regex.search(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|third|fifth|[Mm]illions|One|Several)\b", text)


# --------------------------------------------------------------------------
# Time expressions: windows recomputed from the words written
# --------------------------------------------------------------------------

_WEEKDAY = {calendar.day_name[i]: i for i in range(7)}
_MONTH = {calendar.month_name[i]: i for i in range(1, 13)}


def _count(word: str) -> int:
    return int(word) if word.isdigit() else int(_decode(word))


@settings(max_examples=examples(300))
@given(published_dates().flatmap(
    lambda d: st.tuples(st.just(d), st.sampled_from(["past", "future"]).flatmap(
        lambda tense: st.tuples(st.just(tense), time_expressions(d, tense))))))
def test_time_expressions_mean_their_window(drawn: tuple[dt.date, tuple[str, TimeSample]]) -> None:
    d, (tense, (text, window)) = drawn
    start = dt.date.fromisoformat(window.start[:10]) if window.start else None
    end = dt.date.fromisoformat(window.end[:10]) if window.end else None
    if start is not None and end is not None:
        assert start <= end
    words = text.split()
    if tense == "future":
        assert text.startswith("starting ") and start is not None and end is None and start >= d
        if words[1] in _WEEKDAY:
            assert start.weekday() == _WEEKDAY[words[1]] and (start - d).days < 7
        return
    assert start is not None and start <= d or text.startswith("in ")  # nothing wholly in the future
    if text == "yesterday":
        assert start == end == d - dt.timedelta(days=1)
    elif text in ("overnight", "last night"):
        assert (start, end) == (d - dt.timedelta(days=1), d)
    elif words[0] == "on" and words[1] in _WEEKDAY:
        assert start == end and start.weekday() == _WEEKDAY[words[1]] and 0 <= (d - start).days < 7
    elif words[0] == "last" and words[1] in _WEEKDAY:
        assert start == end and start.weekday() == _WEEKDAY[words[1]] and 1 <= (d - start).days <= 7
    elif words[0] == "since" and words[1] in _WEEKDAY:
        assert end == d and start.weekday() == _WEEKDAY[words[1]] and 0 <= (d - start).days < 7
    elif words[-1] == "ago":
        days = _count(words[0]) * (7 if words[1] == "weeks" else 1)
        assert start == end == d - dt.timedelta(days=days)
    elif words[-1] == "days" and words[2] in ("past", "last"):  # "over the past four days"
        assert (start, end) == (d - dt.timedelta(days=_count(words[-2])), d)
    elif words[-1] == "hours":  # "in the last 48 hours": whole days
        assert (start, end) == (d - dt.timedelta(days=int(words[-2]) // 24), d)
    elif len(words) == 3 and words[0] == "in" and words[1] in _MONTH:
        month, year = _MONTH[words[1]], int(words[2])
        assert start == dt.date(year, month, 1) and end == dt.date(year, month, calendar.monthrange(year, month)[1])
    elif len(words) == 2 and words[0] == "in" and words[1].isdigit():
        assert (start, end) == (dt.date(int(words[1]), 1, 1), dt.date(int(words[1]), 12, 31))
    elif text.startswith("on ") and regex.fullmatch(r"on \d{4}-\d\d-\d\d", text):
        assert start == end == dt.date.fromisoformat(words[1])
    elif text == "last week":
        assert start.weekday() == 0 and (end - start).days == 6 and 1 <= (d - end).days <= 7
    elif text.startswith("at "):
        assert window.start == window.end and window.start.endswith("+00:00")  # an instant in UTC


def test_time_expressions_example() -> None:
    """Sunday 11 May 2025: ``on Monday`` in a past-tense clause is 5 May."""
    from hypothesis import find

    sample = find(time_expressions(dt.date(2025, 5, 11)), lambda s: s.text == "on Monday")
    assert sample.window == ("2025-05-05", "2025-05-05")
    sample = find(time_expressions(dt.date(2025, 5, 11), "future"), lambda s: s.text == "starting Monday")
    assert sample.window == ("2025-05-12", None)


# --------------------------------------------------------------------------
# Assertion helpers
# --------------------------------------------------------------------------


def _extracted(surface: str, start: int, value: str, qualifier: str = "exact", **fields: object) -> Figure:
    return Figure(id=f"d@{start}-{start + len(surface)}", doc="d", surface=surface, start=start,
                  end=start + len(surface), sentence="", value=Decimal(value), qualifier=qualifier,  # type: ignore[arg-type]
                  **fields)  # type: ignore[arg-type]


def test_a_mismatch_is_explained_field_by_field() -> None:
    actual = [_extracted("524 drones", 0, "524"), _extracted("about 300 drones", 15, "30")]
    expected = [ExpectedFigure("524 drones", 0, 10, Decimal(524)),
                ExpectedFigure("about 300 drones", 15, 31, Decimal(300), qualifier="approx")]
    with pytest.raises(AssertionError) as raised:
        assert_figures_match(actual, expected)
    assert str(raised.value) == (
        "figure 2 ('about 300 drones'): value: expected 300, got 30; qualifier: expected 'approx', got 'exact'"
    )
    assert figure_mismatches(actual, expected, fields=("qualifier",)) == [
        "figure 2 ('about 300 drones'): qualifier: expected 'approx', got 'exact'"
    ]


def test_missing_and_unexpected_figures_are_named() -> None:
    actual = [_extracted("two sides", 4, "2")]
    expected = [ExpectedFigure("524 drones", 20, 30, Decimal(524))]
    assert figure_mismatches(actual, expected) == [
        "figure 1 ('524 drones'): not found", "unexpected figure ('two sides' at 4-13, value 2)",
    ]
    assert figure_mismatches(actual, [], exhaustive=False) == []
    with pytest.raises(AssertionError, match="in text: 'The two sides'"):
        assert_figures_match(actual, [], text="The two sides")


def test_only_vouched_fields_are_compared() -> None:
    actual = [_extracted("27 heads of state", 0, "27", entity="head of state", category="diplomacy")]
    loose = ExpectedFigure("27 heads of state", 0, 17, Decimal(27), entity="head", category="other")
    assert figure_mismatches(actual, [loose]) == []  # entity and category are not vouched for
    strict = loose.vouching("entity", "category")
    assert figure_mismatches(actual, [strict]) == [
        "figure 1 ('27 heads of state'): entity: expected 'head', got 'head of state'; "
        "category: expected 'other', got 'diplomacy'"
    ]
    assert figure_mismatches(actual, [strict.not_vouching("entity", "category")]) == []
    with pytest.raises(ValueError, match="unknown fields"):
        figure_mismatches(actual, [strict], fields=("colour",))


def test_shifted_moves_every_offset() -> None:
    f = ExpectedFigure("3 drones", 5, 13, Decimal(3), time_text="today", time_text_start=20, time_text_end=25,
                       speaker="army", speaker_start=30, speaker_end=34)
    moved = f.shifted(100)
    assert (moved.start, moved.end, moved.time_text_start, moved.time_text_end, moved.speaker_start,
            moved.speaker_end) == (105, 113, 120, 125, 130, 134)


@pytest.mark.parametrize(("figure", "problem"), [
    (_extracted("3 drones", 1, "3"), "surface is not text[1:9]"),
    (_extracted("3 drones", 0, "3", low=Decimal(5)), "low 5 > value 3"),
    (_extracted("3 drones", 0, "3", high=Decimal(2)), "value 3 > high 2"),
    (_extracted("3 drones", 0, "3", time_text="today", time_text_start=9, time_text_end=14,
                time_start="2025-05-11", time_end="2025-05-10"), "ends before it starts"),
    (_extracted("3 drones", 0, "3", time_text="today", time_text_start=0, time_text_end=5), "time_text 'today'"),
    (_extracted("3 drones", 0, "3", speaker="army", speaker_start=40, speaker_end=44), "speaker 'army' span"),
    (_extracted("3 drones", 0, "3", speaker_start=1, speaker_end=2), "a speaker span without a speaker"),
])
def test_assert_consistent_catches(figure: Figure, problem: str) -> None:
    text = "3 drones today."
    with pytest.raises(AssertionError, match=regex.escape(problem)):
        assert_consistent(text, [figure])
    assert_consistent(text, [_extracted("3 drones", 0, "3")])


def test_examples_scale_with_the_profile() -> None:
    assert examples(100) == settings().max_examples
    assert examples(0) == 1


def test_the_docstring_examples_hold() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # .example() outside a test is fine in documentation
        result = doctest.testmod(figures.testing, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 10 and result.failed == 0


def test_a_missing_hypothesis_is_explained() -> None:
    code = "import sys; sys.modules['hypothesis'] = None; import figures.testing"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                         env={"PYTHONPATH": ":".join(sys.path)})
    assert run.returncode != 0
    assert "ImportError: figures.testing needs hypothesis" in run.stderr
    assert "pip install 'figures[testing]'" in run.stderr
