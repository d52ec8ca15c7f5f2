"""Tests of the time-window stage (figures.windows).

* a data-driven runner over ``tests/cases/windows.jsonl`` (hand-annotated cases
  from many conflicts and outlets; ``xfail`` cases run strictly so a fix shows);
* unit tests of single rules;
* hypothesis properties: absolute dates resolve to themselves in every format,
  relative expressions shift with the document date, no window ends before it
  starts, and no text makes the stage raise.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from figures import windows
from figures.lexicon import alternation, table
from figures.models import TimeExpression
from figures.segment import split
from figures.windows import find_time_expressions, windows_for

CASES_FILE = Path(__file__).parent / "cases" / "windows.jsonl"


def _load_cases() -> list[Any]:
    cases = []
    for line in CASES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        cases.append(pytest.param(case, id=case["id"], marks=marks))
    return cases


def _figure_span(text: str, figure: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(figure, start + 1)
    return start, start + len(figure)


def _window(text: str, published: dt.date | None, span: tuple[int, int]) -> tuple[str | None, str | None, str | None]:
    expressions = find_time_expressions(text, published)
    (found,) = windows_for(text, split(text), [span], expressions)
    if found is None:
        return None, None, None
    return found.text, found.time_start, found.time_end


def _doc(text: str, published: str | None) -> list[tuple[str, str | None, str | None]]:
    date = dt.date.fromisoformat(published) if published else None
    return [(e.text, e.time_start, e.time_end) for e in find_time_expressions(text, date)]


# --------------------------------------------------------------------------
# The case file
# --------------------------------------------------------------------------


def test_case_file_is_well_formed() -> None:
    cases = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(cases) >= 60
    assert len({c["id"] for c in cases}) == len(cases)
    for case in cases:
        assert case["figure"] in case["text"], case["id"]
        assert case["time_text"] is None or case["time_text"] in case["text"], case["id"]


@pytest.mark.parametrize("case", _load_cases())
def test_case(case: dict[str, Any]) -> None:
    text = case["text"]
    published = dt.date.fromisoformat(case["published"]) if case["published"] else None
    span = _figure_span(text, case["figure"], case.get("occurrence", 1))
    expected = (case["time_text"], case["time_start"], case["time_end"])
    assert _window(text, published, span) == expected


# --------------------------------------------------------------------------
# Finding and resolving expressions
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("It happened on May 7.", "2025-05-10", ("on May 7", "2025-05-07", "2025-05-07")),
        ("It happened on 7 May 2025.", None, ("on 7 May 2025", "2025-05-07", "2025-05-07")),
        ("It happened on 2025-05-07.", None, ("on 2025-05-07", "2025-05-07", "2025-05-07")),
        ("It happened in March 2022.", None, ("in March 2022", "2022-03-01", "2022-03-31")),
        ("It happened in late 2022.", None, ("in late 2022", "2022-09-01", "2022-12-31")),
        ("It happened in early 2022.", None, ("in early 2022", "2022-01-01", "2022-04-30")),
        ("It happened in mid-2022.", None, ("in mid-2022", "2022-05-01", "2022-08-31")),
        ("It happened in May.", "2025-05-11", ("in May", "2025-05-01", "2025-05-31")),
        ("It happened in February.", "2024-03-11", ("in February", "2024-02-01", "2024-02-29")),
        ("Talks were held May 7-10.", "2025-05-12", ("May 7-10", "2025-05-07", "2025-05-10")),
        ("Attacks continued on May 8, 9 and 10.", "2025-05-12", ("on May 8, 9 and 10", "2025-05-08", "2025-05-10")),
        ("It was in the first week of May.", "2025-05-12", ("in the first week of May", "2025-05-01", "2025-05-07")),
        ("It was in the last week of February.", "2024-03-12", ("in the last week of February", "2024-02-23", "2024-02-29")),
        ("It was in the first quarter of 2024.", None, ("in the first quarter of 2024", "2024-01-01", "2024-03-31")),
        ("It has gone on since February 24.", "2025-05-12", ("since February 24", "2025-02-24", "2025-05-12")),
        ("It was earlier this month.", "2025-05-29", ("earlier this month", "2025-05-01", "2025-05-29")),
        ("It will happen later this year.", "2025-05-29", ("later this year", "2025-05-29", "2025-12-31")),
        ("It was in the past four days.", "2025-05-11", ("in the past four days", "2025-05-07", "2025-05-11")),
        ("It was over the past 24 hours.", "2025-05-11", ("over the past 24 hours", "2025-05-10", "2025-05-11")),
        ("It was yesterday.", "2025-05-11", ("yesterday", "2025-05-10", "2025-05-10")),
        ("It happened overnight.", "2025-05-11", ("overnight", "2025-05-10", "2025-05-11")),
        ("Drones attacked overnight into Sunday.", "2025-05-12", ("overnight into Sunday", "2025-05-10", "2025-05-11")),
        ("It was in the 1990s.", None, ("in the 1990s", "1990-01-01", "1999-12-31")),
        ("It was in the summer of 2023.", None, ("in the summer of 2023", "2023-06-01", "2023-08-31")),
        ("It was last weekend.", "2025-05-14", ("last weekend", "2025-05-10", "2025-05-11")),
        ("It was three months ago.", "2025-05-14", ("three months ago", "2025-02-01", "2025-02-28")),
        ("It happened on Monday, June 2.", "2025-05-29", ("on Monday, June 2", "2025-06-02", "2025-06-02")),
        ("It was in the small hours of Sunday.", "2025-05-14", ("in the small hours of Sunday", "2025-05-11", "2025-05-11")),
        ("It was on the night of May 6 to 7.", "2025-05-14", ("on the night of May 6 to 7", "2025-05-06", "2025-05-07")),
        ("It was on the night of May 6.", "2025-05-14", ("on the night of May 6", "2025-05-06", "2025-05-07")),
        ("Fighting eased in recent days.", "2025-05-14", ("in recent days", None, "2025-05-14")),
        ("Aid will arrive in the coming weeks.", "2025-05-14", ("in the coming weeks", "2025-05-14", None)),
    ],
)
def test_single_expression(text: str, published: str | None, expected: tuple[str, str | None, str | None]) -> None:
    assert _doc(text, published) == [expected]


def test_moscow_time_window_with_parentheticals() -> None:
    text = ("The truce was in effect from 6 p.m. Moscow time on April 19 (3 p.m. GMT) until "
            "12 a.m. Moscow time on April 21 (9 p.m. GMT on April 20).")
    span = text[text.index("from"):-1]
    assert _doc(text, "2025-05-11") == [(span, "2025-04-19T18:00:00+03:00", "2025-04-21T00:00:00+03:00")]


def test_clock_with_restated_gmt_then_day() -> None:
    text = "The ceasefire took effect at 4 a.m. (0200 GMT) on Wednesday."
    assert _doc(text, "2024-11-27") == [
        ("at 4 a.m. (0200 GMT) on Wednesday", "2024-11-27T04:00:00", "2024-11-27T04:00:00")
    ]


@pytest.mark.parametrize(
    ("text", "expected_start"),
    [
        ("Shelling began at 6 p.m. Kyiv time on March 30, 2025.", "2025-03-30T18:00:00+03:00"),
        ("Shelling began at 6 p.m. Kyiv time on March 29, 2025.", "2025-03-29T18:00:00+02:00"),
        ("Shelling began at 6 p.m. Kyiv time on October 26, 2025.", "2025-10-26T18:00:00+02:00"),
        ("Shelling began at 6 p.m. Kyiv time on October 25, 2025.", "2025-10-25T18:00:00+03:00"),
        ("Shelling began at 18:00 CET on July 1, 2025.", "2025-07-01T18:00:00+01:00"),
        ("Shelling began at 18:00 CEST on July 1, 2025.", "2025-07-01T18:00:00+02:00"),
        ("Shelling began at 18:00 UTC on July 1, 2025.", "2025-07-01T18:00:00+00:00"),
        ("Shelling began at 18:00 local time on July 1, 2025.", "2025-07-01T18:00:00"),
        ("Shelling began at 18:00 on July 1, 2025.", "2025-07-01T18:00:00"),
        ("Shelling began at 6 p.m. (GMT+3) on July 1, 2025.", "2025-07-01T18:00:00+03:00"),
        ("Shelling began at 9 a.m. Eastern time on July 1, 2025.", "2025-07-01T09:00:00-04:00"),
        ("Shelling began at 9 a.m. Israel time on January 1, 2025.", "2025-01-01T09:00:00+02:00"),
    ],
)
def test_zones_and_summer_time(text: str, expected_start: str) -> None:
    (found,) = _doc(text, None)
    assert found[1] == expected_start


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # doc date 2025-05-14 is a Wednesday
        ("Russia shelled Kharkiv on Monday.", "2025-05-14", "2025-05-12"),
        ("The talks will resume on Monday.", "2025-05-14", "2025-05-19"),
        ("The talks resume next Monday.", "2025-05-14", "2025-05-19"),
        ("The talks were held last Wednesday.", "2025-05-14", "2025-05-07"),
        ("The talks were held on Wednesday.", "2025-05-14", "2025-05-14"),
        ("A truce starting Friday was proposed.", "2025-05-14", "2025-05-16"),
    ],
)
def test_weekday_follows_tense(text: str, published: str, expected: str) -> None:
    (found,) = _doc(text, published)
    assert found[1] == expected


def test_no_document_date_keeps_relative_text() -> None:
    assert _doc("Strikes killed 5 people yesterday and 3 on Monday.", None) == [
        ("yesterday", None, None), ("on Monday", None, None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The ceasefire may hold.",
        "Jan Egeland spoke.",
        "They fired 2024 shells.",
        "The talks lasted 30 days.",
        "The score was 3-1.",
        "Call 0800 123 456.",
        "He is 5 feet tall and aged 44.",
    ],
)
def test_not_time_expressions(text: str) -> None:
    assert _doc(text, "2025-05-14") == []


def test_expressions_are_ordered_and_disjoint() -> None:
    text = ("Since 2014, 14,000 died. On May 7 and May 8, drones hit Kyiv; yesterday 5 more; "
            "between March 18 and April 17 there were 130 violations.")
    found = find_time_expressions(text, dt.date(2025, 5, 12))
    for before, after in zip(found, found[1:]):
        assert before.end <= after.start
    for expression in found:
        assert text[expression.start:expression.end] == expression.text


# --------------------------------------------------------------------------
# Assignment
# --------------------------------------------------------------------------


def test_expression_inside_the_figure_is_not_used() -> None:
    text = "Kyiv agreed to a ceasefire for the next 30 days."
    figure = text.index("the next 30 days")
    span = (figure, figure + len("the next 30 days"))
    assert windows_for(text, split(text), [span], find_time_expressions(text, dt.date(2025, 3, 1))) == [None]


def test_nearest_expression_in_the_clause_wins() -> None:
    text = "Since October, 300 people were killed, including 40 in the past week."
    published = dt.date(2024, 3, 1)
    found = find_time_expressions(text, published)
    spans = [_figure_span(text, "300 people"), _figure_span(text, "40")]
    first, second = windows_for(text, split(text), spans, found)
    assert first is not None and first.text == "Since October"
    assert second is not None and second.text == "in the past week"


def test_continuation_needs_a_cue() -> None:
    text = "Between May 1 and May 5, 20 drones were shot down. Air defences fired 40 missiles."
    found = find_time_expressions(text, dt.date(2025, 5, 6))
    assert windows_for(text, split(text), [_figure_span(text, "40 missiles")], found) == [None]


@pytest.mark.parametrize(("second", "continues"), [
    ("Air defences also fired 40 missiles.", True),
    ("Eleven more soldiers were wounded.", True),
    ("The army also holds 40 prisoners.", False),  # the present: no event told before it
    ("The EU will also send 40 generators.", False),
])
def test_also_and_more_continue_only_a_past_clause(second: str, continues: bool) -> None:
    text = f"Between May 1 and May 5, 20 drones were shot down. {second}"
    found = find_time_expressions(text, dt.date(2025, 5, 6))
    figure = regex.search(r"(?:40|Eleven more) \p{L}+", second)
    assert figure is not None
    [window] = windows_for(text, split(text), [_figure_span(text, figure.group())], found)
    assert (window is not None and window.text == "Between May 1 and May 5") is continues


def test_spans_outside_any_sentence() -> None:
    text = "On May 7, 20 drones."
    found = find_time_expressions(text, dt.date(2025, 5, 8))
    assert windows_for(text, [], [(10, 19)], found) == [None]


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------

_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
_FORMATS = [
    lambda d: f"{_MONTH_NAMES[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{_MONTH_NAMES[d.month - 1]} {d.day} {d.year}",
    lambda d: f"{d.day} {_MONTH_NAMES[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {_MONTH_NAMES[d.month - 1]}, {d.year}",
    lambda d: f"the {d.day}th of {_MONTH_NAMES[d.month - 1]} {d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: f"{_MONTH_NAMES[d.month - 1][:3]} {d.day}, {d.year}",
]
_DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31))
_DOC_DATES = st.one_of(st.none(), _DATES)


@given(day=_DATES, fmt=st.sampled_from(_FORMATS), published=_DOC_DATES,
       lead=st.sampled_from(["On ", "It happened on ", "", "Fighting flared ", "Since then, on "]))
def test_absolute_date_resolves_to_itself(day: dt.date, fmt: Any, published: dt.date | None, lead: str) -> None:
    written = fmt(day)
    text = f"{lead}{written}, 12 people were killed."
    found = find_time_expressions(text, published)
    assert len(found) == 1
    assert found[0].text.endswith(written)
    assert (found[0].time_start, found[0].time_end) == (day.isoformat(), day.isoformat())


_DAY_RELATIVE = ["today", "yesterday", "overnight", "over the past 24 hours", "in the past four days",
                 "two days ago", "in the last 10 days", "tomorrow", "in the next three days", "last night"]
_WEEK_RELATIVE = ["on Monday", "last Friday", "next Thursday", "last week", "next week", "this week",
                  "over the weekend", "on Sunday night", "earlier this week"]


def _days(expression: Any) -> tuple[dt.date | None, dt.date | None]:
    def parse(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value[:10]) if value else None
    return parse(expression.time_start), parse(expression.time_end)


def _shifted(window: tuple[dt.date | None, dt.date | None], days: int) -> tuple[dt.date | None, dt.date | None]:
    return tuple(d + dt.timedelta(days=days) if d else None for d in window)  # type: ignore[return-value]


@given(phrase=st.sampled_from(_DAY_RELATIVE), doc=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2080, 1, 1)),
       shift=st.integers(min_value=-2000, max_value=2000))
def test_day_relative_window_shifts_with_the_document_date(phrase: str, doc: dt.date, shift: int) -> None:
    text = f"Shelling killed 12 people {phrase}."
    (first,) = find_time_expressions(text, doc)
    (second,) = find_time_expressions(text, doc + dt.timedelta(days=shift))
    assert first.text == second.text == phrase
    assert _days(second) == _shifted(_days(first), shift)


@given(phrase=st.sampled_from(_WEEK_RELATIVE), doc=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2080, 1, 1)),
       weeks=st.integers(min_value=-300, max_value=300))
def test_week_relative_window_shifts_by_whole_weeks(phrase: str, doc: dt.date, weeks: int) -> None:
    text = f"Shelling killed 12 people {phrase}."
    (first,) = find_time_expressions(text, doc)
    (second,) = find_time_expressions(text, doc + dt.timedelta(weeks=weeks))
    assert _days(second) == _shifted(_days(first), 7 * weeks)


_PIECES = st.sampled_from([
    "on", "in", "since", "between", "from", "until", "and", "to", "-", ",", "(", ")", "the", "of",
    "early", "late", "mid-", "first week of", "past", "last", "next", "this", "days", "hours", "ago",
    "May", "March", "December", "7", "10", "31", "2024", "1999", "Monday", "Sunday", "night",
    "6 p.m.", "12 a.m.", "18:00", "Moscow time", "GMT", "Kyiv time", "(3 p.m. GMT)", "overnight",
    "yesterday", "today", "four", "24", "weekend", "2024-02-30", "31.04.2024", "February 29", "said",
])


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(_PIECES, max_size=25), published=_DOC_DATES)
def test_windows_never_end_before_they_start(pieces: list[str], published: dt.date | None) -> None:
    text = " ".join(pieces)
    for expression in find_time_expressions(text, published):
        assert text[expression.start:expression.end] == expression.text
        if expression.time_start and expression.time_end:
            assert expression.time_start[:10] <= expression.time_end[:10]


@given(text=st.text(max_size=300), published=_DOC_DATES)
def test_arbitrary_text_never_raises(text: str, published: dt.date | None) -> None:
    found = find_time_expressions(text, published)
    spans = [(0, min(3, len(text))), (len(text) // 2, len(text))]
    result = windows_for(text, split(text), spans, found)
    assert len(result) == len(spans)
    assert all(r is None or r in found for r in result)


def test_linear_time_on_adversarial_input() -> None:
    """Long runs of near-matches must not blow up (no catastrophic backtracking)."""
    chunks = ["May 7, 8, 9, 10, " * 2000, "the past " * 5000, "1, " * 20000, "(" * 5000 + "6 p.m. " * 3000]
    for chunk in chunks:
        started = time.perf_counter()
        find_time_expressions(chunk, dt.date(2025, 5, 1))
        assert time.perf_counter() - started < 5


# --------------------------------------------------------------------------
# Where the atom regex is tried
# --------------------------------------------------------------------------


def _atoms_at_every_word(text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    """The atom regex tried at every word that is a first word or begins with a digit (the slow way)."""
    atom, first = windows._atom_re(), windows._first_words()
    found, resume = [], 0
    for word in regex.finditer(r"[\p{L}\p{N}]+", text):
        token = word.group()
        if word.start() < resume or not (token[0].isdigit() or token.lower() in first):
            continue
        match = atom.match(text, word.start())
        if match is not None and match.end() > word.start():
            resume = match.end()
            found.append((match.span(), match.groupdict()))
    return found


def _atoms(text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(match.span(), match.groupdict()) for match in windows._atoms(text)]


@pytest.mark.parametrize("text", [
    "the day before yesterday", "within the space of two days", "In 3 days", "in twenty-four hours",
    "twenty-four hours ago", "a week ago", "An hour earlier", "over the weekend", "AT THE WEEKEND",
    "since the start of this week", "so far this year", "the 1990s", "the 7th of May", "7, 8 and 9 May",
    "7 -10 May", "7–10 May", "07.05.2025", "2025-05-07", "6 p.m. GMT", "1800 GMT", "18:30", "the\u00a0past week",
    "the  past,  week", "may 7, 2025", "Sun's", "sun morning", "last may 2025", "the spring of 2023",
    "7 août 2025", "Août 7", "KASIM 7", "kasım 7", "Erdoğan said on Monday", "on 7 мая", "Москва, 7 мая 2025",
    "ſince the start of this week", "\u212aASIM 7", "İn 3 days", "٣ days ago", "the ٣ days", "7,966 people", "_May 7",
    "in the space of 3 days", "3 days ago", "100 days earlier", "1800 hrs", "0600 local", "6:30pm", "6 pm", "12 a.m.",
    "7th, 8th and 9th of May", "7 to 10 May", "7 and 8 May", "7 & 8 May", "7, and 8 May", "1990’s", "07/05/2025",
])
def test_atoms_are_found_as_at_every_word(text: str) -> None:
    text = f"Officials said {text}, and 12 drones hit."
    assert _atoms(text) == _atoms_at_every_word(text)


_ATOM_WORDS = st.sampled_from(
    "the in a an at over during since so within two twenty-four hundred this last next past coming previous "
    "recent following earlier later overnight today yesterday tomorrow tonight noon midnight spring fall winter "
    "day days week weekend month years hours fortnight ago space of start far before after night morning May may "
    "MARCH Sept Sept. Mon. Monday sun août März kasım января Erdoğan café GMT local a.m. p.m. to until and & "
    "drones said 7 07 2025 1990s 31 12 1800 24 35,966 1.5 07.05.2025 2025-05-07 6:30 7th 10-12 7–10 ½ ² x7".split()
)
_ATOM_GAPS = st.sampled_from([" ", " ", "  ", ", ", ". ", "\n", "-", "–", "/", ":", "(", ")", "\u00a0", "’s ", ""])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.tuples(_ATOM_WORDS, _ATOM_GAPS), max_size=30))
def test_atoms_are_those_found_at_every_word(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + gap for word, gap in pieces)
    assert _atoms(text) == _atoms_at_every_word(text)


def test_every_character_the_atom_regex_may_read_as_ascii_is_a_lookalike() -> None:
    """The fold of _atom_starts keeps ASCII apart: a text holding any such character is not folded."""
    ascii_like = regex.compile("(?i)(?:" + "|".join("abcdefghijklmnopqrstuvwxyz") + r")|\d")
    found = {chr(code) for code in range(0x80, 0x110000) if ascii_like.fullmatch(chr(code))}
    assert {"\u0130", "\u017f", "\u212a", "\u0663"} <= found
    assert all(windows._ASCII_LOOKALIKE.fullmatch(char) for char in found)


@pytest.mark.parametrize("text", [
    "The attack killed 2 people and wounded nearly 1800 people.",  # "early" inside "nearly"
    "Clearly 2020 was hard.",
    "The legend of 1900 lives on.",  # "end of" inside "legend of"
])
def test_a_modifier_is_a_whole_word(text: str) -> None:
    """A modifier ("early", "end of") inside another word does not make a bare number a year."""
    assert find_time_expressions(text, dt.date(2023, 1, 1)) == []


# --------------------------------------------------------------------------
# Fast paths, each pinned to its plain definition
# --------------------------------------------------------------------------


#: words and gaps around the cue words that the fast paths look for, in any case, with
#: characters that a regex under IGNORECASE reads as ASCII letters ("ſ", "K", "İ") and
#: other characters beyond ASCII
_CUE_WORDS = st.sampled_from(
    "said SAID Said ſaid says told tells telling reporters Reuters statement statements communiqué COMMUNIQUÉ "
    "press release released interview in a at on the late earlier will would was were had has been planned "
    "expected scheduled killed shed need going to is due won’t won't didn't 'll ’ll In all total Also these "
    "those three 3 days hours same period during that time day May 7 Monday 2025 yesterday last week "
    "\u212aILLED İn café naïve 12 drones".split()
)
_CUE_GAPS = st.sampled_from([" ", " ", "  ", ", ", ". ", ".\n", "\n", "; ", ": ", " (", ") ", " — ", "–", "’ ", "“",
                             "” ", "\u00a0", "\u2009", "\x1c", "", "-", "é", "5"])
_CUE_TEXTS = st.lists(st.tuples(_CUE_WORDS, _CUE_GAPS), max_size=25).map(
    lambda pieces: "".join(word + gap for word, gap in pieces))


def _at_every_word_start(pattern: regex.Pattern[str], text: str) -> list[Any]:
    return [(m.span(), m.groupdict()) if m else None
            for m in (pattern.match(text, w.start()) for w in regex.finditer(r"[\p{L}\p{N}]+", text))]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.tuples(st.one_of(_ATOM_WORDS, _PIECES), _ATOM_GAPS), max_size=30))
def test_atom_regex_of_prefix_trees_is_the_alternation_one(pieces: list[tuple[str, str]]) -> None:
    """The names in the atom regex as prefix trees (what the stage uses) match as the plain alternations do."""
    text = "".join(word + gap for word, gap in pieces)
    assert _at_every_word_start(windows._atom_re(), text) == _at_every_word_start(windows._atom_re(alternation), text)


_ALTERNATIVES = ("iso", "dot", "md", "dm", "my", "season", "decade", "year", "clock", "wd", "calendar", "rolling",
                 "ago", "within", "since_start", "weekend", "overnight", "reld")


@pytest.mark.parametrize("text", [
    "2025-05-07", "07.05.2025", "May 7, 2025", "the 7th of May", "last May", "the spring of 2023", "the 1990s",
    "2022", "6 p.m. (Moscow time)", "Monday night", "this week so far", "the past 24 hours", "two weeks ago",
    "within the space of 3 days", "since the start of this year", "over the weekend", "overnight", "tonight",
])
def test_lastgroup_names_the_alternative_of_an_atom(text: str) -> None:
    """_atom_unit dispatches on Match.lastgroup: it is the alternative that matched."""
    match = windows._atom_re().match(text)
    assert match is not None and match.end() == len(text)
    assert match.lastgroup == next(name for name in _ALTERNATIVES if match.group(name) is not None)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.tuples(st.one_of(_ATOM_WORDS, _PIECES), _ATOM_GAPS), max_size=30))
def test_lastgroup_names_the_alternative_of_every_atom(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + gap for word, gap in pieces)
    for match in windows._atoms(text):
        assert match.lastgroup == next(name for name in _ALTERNATIVES if match.group(name) is not None)


def _cues(pattern: Any, text: str, start: int, end: int) -> list[tuple[tuple[int, int], bool]]:
    return [(m.span(), m.group("future") is not None) for m in pattern.finditer(text, start, end)]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(text=_CUE_TEXTS, data=st.data())
def test_tense_cues_as_prefix_trees_are_the_plain_ones(text: str, data: st.DataObject) -> None:
    """The tense cue regex (prefix trees) matches as the plain alternations."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _cues(windows._tense_re(), text, start, end) == _cues(windows._tense_re(alternation), text, start, end)


def _tense_plain(text: str, start: int, end: int, own_clause: bool = False) -> str | None:
    """``windows._tense`` the plain way, every cue ranked in order: its definition."""
    low = max(0, start - windows._TENSE_REACH)
    high = min(len(text), end + windows._TENSE_REACH)
    for stop in windows._CLAUSE_STOP.finditer(text, low, start):
        low = stop.end()
    stop = windows._CLAUSE_STOP.search(text, end, high)
    if stop:
        high = stop.start() + 1
    best: tuple[bool, int] | None = None
    tense: str | None = None
    fronted = windows._FRONTED_COMMA.match(text, end) if windows._OPENING.fullmatch(text, low, start) is not None else None
    for cue in windows._tense_re(alternation).finditer(text, low, high):
        if cue.start() < end and cue.end() > start:
            continue
        if cue.end() <= start:
            gap = (cue.end(), start)
        else:
            gap = (fronted.end() if fronted is not None and fronted.end() <= cue.start() else end, cue.start())
        apart = windows._CLAUSE_BREAK.search(text, gap[0], gap[1]) is not None
        if apart and own_clause:
            continue
        rank = (apart, gap[1] - gap[0])
        if best is None or rank < best:
            best = rank
            tense = "future" if cue.group("future") else "past"
    return tense


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(text=_CUE_TEXTS, data=st.data(), own_clause=st.booleans())
def test_tense_is_the_plain_ranking(text: str, data: st.DataObject, own_clause: bool) -> None:
    """_tense (nearest cues first, stopping early) picks the cue the plain ranking of every cue picks."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 12)))
    assert windows._tense(text, start, end, own_clause) == _tense_plain(text, start, end, own_clause)


@pytest.mark.parametrize(("text", "expression", "expected"), [
    ("It was May 7 will", "May 7", ("past", "past")),  # a tie: the cue before wins
    ("It will — Monday — was", "Monday", ("future", None)),  # a tie of cues in other clauses
    ("They will, then was, on Monday", "Monday", ("past", None)),  # the nearest of those in other clauses
    ("It will, it was, on Monday they killed", "Monday", ("past", "past")),
    ("It will, on Monday, was and will", "Monday", ("past", None)),
    ("It was planned, and on May 7 will", "May 7", ("future", "future")),
    ("In April, shelling will resume and was", "In April", ("future", "future")),  # a fronted expression
    ("Was: May 7, will", "May 7", ("past", None)),
])
def test_tense_ties_and_other_clauses_as_the_plain_ranking(
    text: str, expression: str, expected: tuple[str, str | None],
) -> None:
    start = text.index(expression)
    end = start + len(expression)
    for own_clause, tense in zip((False, True), expected):
        plain = _tense_plain(text, start, end, own_clause)
        assert windows._tense(text, start, end, own_clause) == plain == tense


def _statement_plain(text: str, expression: TimeExpression, floor: int) -> bool:
    after_verb, after_noun, before_verb = windows._statement_res()
    low = max(floor, expression.start - 90)
    if after_verb.search(text, low, expression.start) or after_noun.search(text, low, expression.start):
        return True
    return before_verb.match(text, expression.end, min(len(text), expression.end + 40)) is not None


def _continues_plain(text: str, sentence: Any) -> bool:
    start_re, within_re, past_re = windows._continuation_res()
    if start_re.match(text, sentence.start, sentence.end):
        return True
    if within_re is not None and within_re.search(text, sentence.start, sentence.end) is not None:
        return True
    return past_re is not None and any(windows._tense(text, m.start(), m.end(), own_clause=True) == "past"
                                       for m in past_re.finditer(text, sentence.start, sentence.end))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(text=_CUE_TEXTS, data=st.data())
def test_statement_and_continuation_word_checks_keep_every_match(text: str, data: st.DataObject) -> None:
    """The patterns are searched only where a word of _cue_words is: never where they would match."""
    word_starts = [m.start() for m in regex.finditer(r"(?<=\s)\S", text)]
    start = data.draw(st.sampled_from(word_starts) if word_starts else st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    floor = data.draw(st.integers(0, start))
    expression = TimeExpression(start, end, text[start:end], None, None)
    assert windows._is_statement_date(text, expression, floor) == _statement_plain(text, expression, floor)
    for sentence in split(text):
        assert windows._continues(text, sentence) == _continues_plain(text, sentence)


def test_every_cue_phrase_passes_the_word_checks() -> None:
    """Each verb, noun and continuation phrase, in several cases, is found as the plain patterns find it."""
    rows = [(row[0], row[1]) for row in table("time_reporting.tsv")]
    rows += [("verb", word) for word in ("told", "tells", "telling")]
    for kind, phrase in rows:
        for written in (phrase, phrase.upper(), phrase.title()):
            text = f"Officials {written} reporters on Monday that 5 died." if kind == "verb" else \
                f"In a {written} on Monday, 5 died."
            start = text.index("on Monday")
            expression = TimeExpression(start, start + 9, "on Monday", None, None)
            assert windows._is_statement_date(text, expression, 0) == _statement_plain(text, expression, 0) is True, text
    for row in table("time_continuation.tsv"):
        phrase = row[1].replace("{n}", "three")
        for written in (phrase, phrase.upper()):
            text = f"Drones hit 3 towns. {written} reported 5 attacks."
            found = [windows._continues(text, sentence) for sentence in split(text)]
            assert found == [_continues_plain(text, sentence) for sentence in split(text)] and any(found), text


def test_cue_words_are_whole_ascii_words_of_each_phrase() -> None:
    assert windows._cue_words(["said", "press release", "communiqué", "these {n} days"]) == \
        frozenset({b"said", b"release", b"communiqu", b"these"})
    assert windows._cue_words(["a{n}b"]) is None  # no word but where a number (maybe in letters) joins it
    assert windows._cue_words(["x\u212ay"]) is None  # "K" may match "k": no whole word
    assert windows._words_of("Told “reporters”", 0, 16) == [b"told", b"reporters"]
    assert windows._words_of("ſaid", 0, 4) is None


def _windows_for_plain(text: str, spans: list[tuple[int, int]], expressions: list[TimeExpression]) -> list[Any]:
    """windows_for checking every expression for a statement date at once (the plain definition)."""
    sentences = split(text)
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[TimeExpression]] = {}
    for expression in expressions:
        index = windows._sentence_index(starts, sentences, expression.start)
        if index is not None and not _statement_plain(text, expression, sentences[index].start):
            by_sentence.setdefault(index, []).append(expression)
    result: list[Any] = []
    for start, end in spans:
        index = windows._sentence_index(starts, sentences, start)
        if index is None:
            result.append(None)
            continue
        own = [e for e in by_sentence.get(index, ()) if e.end <= start or e.start >= end]
        if own:
            result.append(min(own, key=lambda e: windows._rank(text, e, start, end)))
            continue
        found = None
        current = index
        while _continues_plain(text, sentences[current]):
            previous = current - 1
            if previous < 0 or sentences[previous].paragraph != sentences[index].paragraph:
                break
            if by_sentence.get(previous):
                found = by_sentence[previous][-1]
                break
            current = previous
        result.append(found)
    return result


_SENTENCES = st.sampled_from([
    "Russia said on Monday it shot down 12 drones.", "In all, 30 people were killed.", "It also hit 4 towns.",
    "On May 7, 5 missiles struck Kyiv.", "The ministry on Tuesday said 40 drones were downed.",
    "These three days saw 7 attacks.", "Shelling killed 3 people in the same period.",
    "Officials told reporters on May 8 that 9 died.",
    "Altogether 11 were hurt.", "It was quiet.", "In a statement on Sunday, the army counted 15 strikes.",
])


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.tuples(_SENTENCES, st.sampled_from([" ", " ", "\n\n"])), max_size=12), published=_DOC_DATES)
def test_windows_for_checks_statement_dates_only_where_looked(
    parts: list[tuple[str, str]], published: dt.date | None,
) -> None:
    text = "".join(s + gap for s, gap in parts)
    expressions = find_time_expressions(text, published)
    spans = [m.span() for m in regex.finditer(r"\d+", text)]
    assert windows_for(text, split(text), spans, expressions) == _windows_for_plain(text, spans, expressions)


@pytest.mark.parametrize("text", [
    "On 7 ſept. talks resumed", "7 ſept.", "ſince March 2024", "in 5 dayſ", "laſt weeK", "İn January 2024",
    "on ſunday and on ſunday 7 ſeptember", "KASIM 7", "the paſt 24 hourſ",
])
def test_lookalike_letters_are_read_as_ascii_ones(text: str) -> None:
    """``ſ``, ``İ`` and the Kelvin sign give the expressions of ``s``, ``I`` and ``K``, with the text's own words."""
    plain = text.replace("\u017f", "s").replace("\u0130", "I").replace("\u212a", "K")
    expected = [TimeExpression(e.start, e.end, text[e.start:e.end], e.time_start, e.time_end)
                for e in find_time_expressions(plain, dt.date(2025, 5, 1))]
    assert find_time_expressions(text, dt.date(2025, 5, 1)) == expected


@pytest.mark.parametrize(("spans", "runs_into"), [
    ([(12, 18)], False),  # the expression holds the figure: its own time, and others' window
    ([(10, 20)], False),
    ([(15, 30)], True),  # "over 1800" of "over 1800 drones"
    ([(5, 15)], True),
    ([(0, 5), (25, 30)], False),
    ([(0, 5), (8, 11), (25, 30)], True),
    ([], False),
])
def test_an_expression_that_runs_into_a_figure_is_no_window(spans: list[tuple[int, int]], runs_into: bool) -> None:
    expression = TimeExpression(10, 20, "x" * 10, None, None)
    assert windows._runs_into_a_figure(expression, spans) is runs_into
