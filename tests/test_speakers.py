"""Tests of the speaker-attribution stage (:mod:`figures.speakers`).

* a data-driven runner over ``tests/cases/speakers.jsonl`` (one case per line:
  ``text``, the ``figure`` substring, its ``occurrence`` if repeated, and the
  expected ``speaker`` or null; a case with ``xfail`` is expected to fail);
* unit tests of single rules;
* a hypothesis property: arbitrary text and spans never raise, and every
  mention returned lies inside the text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from figures import speakers
from figures.models import Sentence, SpeakerMention
from figures.segment import split
from figures.speakers import speakers_for
from figures.testing import documents, examples

CASES_FILE = Path(__file__).parent / "cases" / "speakers.jsonl"


def _load_cases() -> list[dict[str, Any]]:
    with CASES_FILE.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _normalise(name: str | None) -> str | None:
    """Case-folded, blanks collapsed, a leading "the " dropped."""
    if name is None:
        return None
    folded = " ".join(name.split()).casefold()
    return folded[4:] if folded.startswith("the ") else folded


def _span(text: str, figure: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th (1-based) ``figure`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(figure, start + 1)
    return start, start + len(figure)


def _speaker(text: str, figure: str, occurrence: int = 1) -> SpeakerMention | None:
    [answer] = speakers_for(text, split(text), [_span(text, figure, occurrence)])
    return answer


def _params() -> list[Any]:
    params = []
    for case in _load_cases():
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


# --------------------------------------------------------------------------
# The case file
# --------------------------------------------------------------------------


def test_case_file_is_well_formed() -> None:
    cases = _load_cases()
    assert len(cases) >= 40
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    for case in cases:
        count = case["text"].count(case["figure"])
        assert count >= 1, case["id"]
        assert count == 1 or "occurrence" in case, f"{case['id']}: figure repeats, give an occurrence"
    assert sum(c["speaker"] is None for c in cases) >= 5, "keep negatives (outlet's own voice)"
    assert sum(bool(c.get("xfail")) for c in cases) <= 5, "keep xfails few"


@pytest.mark.parametrize("case", _params())
def test_case(case: dict[str, Any]) -> None:
    text = case["text"]
    answer = _speaker(text, case["figure"], case.get("occurrence", 1))
    got = answer.name if answer is not None else None
    assert _normalise(got) == _normalise(case["speaker"])
    if answer is not None:
        assert 0 <= answer.start < answer.end <= len(text)


# --------------------------------------------------------------------------
# Single rules
# --------------------------------------------------------------------------


def test_empty_spans_give_empty_list() -> None:
    assert speakers_for("Putin said 30 drones fell.", split("Putin said 30 drones fell."), []) == []


def test_one_answer_per_span_in_order() -> None:
    text = "Kenya said 40 police officers would deploy. The mission has 1,000 members."
    answers = speakers_for(text, split(text), [_span(text, "1,000 members"), _span(text, "40 police officers")])
    assert answers[0] is None
    assert answers[1] is not None and answers[1].name == "Kenya"


def test_mention_points_at_the_words_read() -> None:
    text = "Ukrainian President Volodymyr Zelensky said 12 brigades were ready. Zelensky added that 3 more would follow."
    answer = _speaker(text, "3 more")
    assert answer is not None
    assert answer.name == "Volodymyr Zelensky"
    assert text[answer.start:answer.end] == "Zelensky"


def test_pronoun_mention_is_the_pronoun() -> None:
    text = "Defence Minister Rustem Umerov visited Berlin. He said 20 air-defence systems had been promised."
    answer = _speaker(text, "20 air-defence systems")
    assert answer is not None
    assert (answer.name, text[answer.start:answer.end]) == ("Rustem Umerov", "He")


def test_title_dropped_body_kept() -> None:
    text = "Russian Foreign Minister Sergey Lavrov said 4 rounds of talks were planned."
    assert _speaker(text, "4 rounds").name == "Sergey Lavrov"  # type: ignore[union-attr]
    text = "Russia's Defense Ministry said air defences had downed 17 drones."
    assert _speaker(text, "17 drones").name == "Russia's Defense Ministry"  # type: ignore[union-attr]


def test_full_name_found_later_in_the_document() -> None:
    text = "Orban said Hungary would send 2 field hospitals.\n\nPrime Minister Viktor Orban spoke in Budapest."
    assert _speaker(text, "2 field hospitals").name == "Viktor Orban"  # type: ignore[union-attr]


def test_outlet_voice_is_none() -> None:
    text = "Floods in Derna killed 4,000 people, and the city's two dams collapsed."
    assert _speaker(text, "4,000 people") is None


def test_passive_without_agent_is_none() -> None:
    text = "About 30 violations were reported near Gorlivka on Sunday."
    assert _speaker(text, "About 30 violations") is None


def test_quoted_by_names_the_medium_not_the_speaker() -> None:
    text = "\"We are ready to release 500 prisoners,\" Medinsky added, as quoted by the Russian media."
    assert _speaker(text, "500 prisoners").name == "Medinsky"  # type: ignore[union-attr]


def test_multi_sentence_quote_takes_its_attribution() -> None:
    text = ("\"The ceasefire is holding,\" the monitor's chief Halit Cevik told reporters. "
            "\"We counted only 12 explosions yesterday, down from 300.\"")
    assert _speaker(text, "12 explosions").name == "Halit Cevik"  # type: ignore[union-attr]


def test_section_ends_at_a_new_attribution() -> None:
    text = ("President Cyril Ramaphosa spoke to parliament.\n\n"
            "Here are the main points of Ramaphosa's address.\n\n"
            "South Africa will send 1,300 troops to the mission.\n\n"
            "Opposition leader John Steenhuisen said 40 soldiers had died there already.")
    assert _speaker(text, "1,300 troops").name == "Cyril Ramaphosa"  # type: ignore[union-attr]
    assert _speaker(text, "40 soldiers").name == "John Steenhuisen"  # type: ignore[union-attr]


def test_section_speaker_only_after_the_intro() -> None:
    text = ("Moscow hosted 20 delegations.\n\nBelow are the main points of Putin's statements.\n\n"
            "Kyiv violated the truce 130 times.")
    assert _speaker(text, "20 delegations") is None
    assert _speaker(text, "130 times").name == "Putin"  # type: ignore[union-attr]


def test_spans_outside_text_do_not_raise() -> None:
    text = "Kyiv said 10 drones were downed."
    assert speakers_for(text, split(text), [(500, 510), (0, 0)]) is not None


def test_no_sentences_gives_none() -> None:
    assert speakers_for("", [], [(0, 0)]) == [None]


# --------------------------------------------------------------------------
# Property
# --------------------------------------------------------------------------

_WORDS = st.sampled_from([
    "said", "says", "told", "according", "to", "the", "ministry", "He", "she", "it", "Putin",
    "Vladimir", "President", "Governor", "Region", "Says", "—", "Reports", ":", ",", ".", "\"", "“", "”",
    "Below", "are", "points", "of", "Putin's", "statements", "30", "drones", "called", "for", "\n", "\n\n",
    "by", "as", "quoted", "who", "[Russia]", "-", "'s", "claims", "Claims", "on", "$111M", "Fraud",
])


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(max_size=300), st.lists(_WORDS, max_size=80).map(" ".join)),
    raw_spans=st.lists(st.tuples(st.integers(-5, 320), st.integers(0, 40)), max_size=8),
)
def test_never_raises_and_mentions_lie_in_text(text: str, raw_spans: list[tuple[int, int]]) -> None:
    spans = [(start, start + length) for start, length in raw_spans]
    answers = speakers_for(text, split(text), spans)
    assert len(answers) == len(spans)
    for answer in answers:
        if answer is not None:
            assert isinstance(answer, SpeakerMention)
            assert 0 <= answer.start < answer.end <= len(text)
            assert answer.name


def _speakers_reading_every_unit(text: str, spans: list[tuple[int, int]]) -> list[SpeakerMention | None]:
    """The reference semantics: attribute every unit, in order, before any figure asks."""
    real = speakers._build

    def read_all_first(text: str, sentences: Any) -> Any:
        doc = real(text, sentences)
        for k in range(len(doc.units)):
            speakers._attributions(doc, k)
        return doc

    with mock.patch.object(speakers, "_build", read_all_first):
        return speakers_for(text, split(text), spans)


def _figure_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\d[\d,.]*", text)]


@pytest.mark.parametrize("case", _load_cases()[:60], ids=lambda c: c.get("id", "case"))
def test_lazy_attribution_matches_reading_every_unit_on_cases(case: dict[str, Any]) -> None:
    text = case["text"]
    spans = _figure_spans(text) + [_span(text, case["figure"], case.get("occurrence", 1))]
    assert speakers_for(text, split(text), spans) == _speakers_reading_every_unit(text, spans)


@given(documents())
@settings(max_examples=examples(60), deadline=None)
def test_lazy_attribution_matches_reading_every_unit(doc: Any) -> None:
    """Units are attributed only when asked; pronouns read back until the latest speaker is final."""
    spans = _figure_spans(doc.text)
    assert speakers_for(doc.text, split(doc.text), spans) == _speakers_reading_every_unit(doc.text, spans)


@pytest.mark.parametrize("text, figure, speaker", [
    # the subject two sentences back, with another person named in between
    ("Vladimir Putin met Volodymyr Zelensky on Monday. Zelensky said the talks had stalled. "
     "Speaking about Putin, he said 30 drones had hit Kyiv.", "30 drones", "Volodymyr Zelensky"),
    # a body that spoke in a sentence without a figure
    ("The Defence Ministry said the attack was repelled. It said 30 drones were downed.",
     "30 drones", "Defence Ministry"),
    # many sentences without figures between the speaker and the pronoun
    ("Kremlin spokesman Dmitry Peskov spoke to reporters. " + "The weather was cold. " * 40
     + "He said 12 people were hurt.", "12 people", "Dmitry Peskov"),
])
def test_a_pronoun_reads_back_through_sentences_without_figures(text: str, figure: str, speaker: str) -> None:
    found = _speaker(text, figure)
    assert found is not None and found.name == speaker
    assert [found] == _speakers_reading_every_unit(text, [_span(text, figure)])


def test_a_body_named_short_is_found_early_in_a_long_document() -> None:
    """"the ministry" reads back through the 200 ministries named before it, wherever it stands:
    early in a document that names hundreds more after it, too."""
    later = " ".join(f"The Region{k} Ministry met." for k in range(300))
    text = ("Russia's Defence Ministry gave an update. The ministry said 30 drones were downed. "
            + later + " The ministry said 12 missiles were downed.")
    assert _speaker(text, "30 drones").name == "Russia's Defence Ministry"
    assert _speaker(text, "12 missiles").name == "Region299 Ministry"


# --------------------------------------------------------------------------
# The plain-text tokenizer, pinned to the general one
# --------------------------------------------------------------------------

_PLAIN_CHARS = [chr(code) for code in range(128)] + list(speakers._PLAIN_EXTRA)
_TRICKY = list("aZ09.,'’-\u2011 \n\u00a0x") + ["U.S.", "1,000", "NATO.Thus", "R.Politik", "e.g.", "x.Su-25", "it's"]


def _spans(pattern: Any, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, start, len(text) if end is None else end)]


def test_plain_classes_are_the_general_ones_on_every_plain_character() -> None:
    import regex

    for general, plain in ((r"\s", "[\t\n\x0b\x0c\r \u00a0]"), (r"[\p{L}\p{M}\p{N}]", "[A-Za-z0-9]"),
                           (r"\p{Ll}", "[a-z]"), (r"\p{N}", "[0-9]"), (r"\p{L}", "[A-Za-z]")):
        assert [c for c in _PLAIN_CHARS if bool(regex.fullmatch(general, c)) != bool(re.fullmatch(plain, c))] == []


@settings(max_examples=examples(500))
@given(st.lists(st.sampled_from(_PLAIN_CHARS + _TRICKY * 8), max_size=40).map("".join), st.data())
def test_plain_tokens_are_the_general_tokens_on_plain_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _spans(speakers._PLAIN_TOKEN, text, start, end) == _spans(speakers._TOKEN, text, start, end)


@pytest.mark.parametrize(("text", "start", "tokens"), [
    ("éx.Y", 1, ["x", ".", "Y"]),  # "é" before the range: two letters before the dot, no join
    ("ab.Y", 1, ["b", ".", "Y"]),
    ("x.Y", 0, ["x.Y"]),  # one letter before the dot: "R.Politik"
    ("Münchenx.Y said", 7, ["x", ".", "Y", "said"]),
])
def test_a_lookbehind_before_the_range_decides_the_tokenizer(text: str, start: int, tokens: list[str]) -> None:
    """The plain tokenizer is used only where the two characters before the range are plain too."""
    assert [t.text for t in speakers._tokenize(text, start, len(text))] == tokens
    assert [text[a:b] for a, b in _spans(speakers._TOKEN, text, start)] == tokens


def test_an_abbreviated_title_keeps_its_full_stop() -> None:
    """``Lt. Col.`` is two title words, not a sentence end: the splitter keeps the sentence whole,
    and so do the units; a full stop after other words stays a token of its own."""
    text = "Shelling hit 14 districts, Lt. Col. Ahmed Youssef said. Gen. Smith left."
    toks = speakers._tokenize(text, 0, len(text))
    assert [t.text for t in toks[5:9]] == ["Lt.", "Col.", "Ahmed", "Youssef"]
    assert [t.text for t in toks[-3:]] == ["Smith", "left", "."]
    assert [text[u.start:u.end] for u in speakers._units(text, split(text))] == [
        "Shelling hit 14 districts, Lt. Col. Ahmed Youssef said.", "Gen. Smith left."]


# --------------------------------------------------------------------------
# What the stage reads only where it must, pinned to reading every unit
# --------------------------------------------------------------------------

_PIECES = st.sampled_from(
    list("aZ09.?!,:;'’-\u2011 \n\"”“()[]éİK") + [
        "U.S.", "NATO.Thus", "R.Politik", "e.g.", "it's", "Mr.", "a-b.C", "2.5", "x.Su-25", " \u00a0", "\n\n",
        "Ⅻ", "Ⓐ", "x\u0301", " Putin", " Vladimir", " bin", " de", " Laden", " in", " Occupied", " Ukraine",
        " Minister", " spokesman", " Ministry", " MINISTRY", " Police", " Says", " said", " the",
        " Gen.", " Lt.", "Col.",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=60).map("".join)
_NAMES = st.lists(st.sampled_from([
    "Vladimir", "Putin", "Putin's", "Sergey", "Lavrov", "Osama", "bin", "Laden", "Bashar", "al-Assad", "in", "at",
    "Occupied", "Ukraine", "Russia", "Mother", "President", "Foreign", "Minister", "spokesman", "Kremlin", "said",
    "Says", "the", "Defense", "Ministry", "Police", "of", "Health", "Gaza", ",", ".", ":", "\n", "\n\n", "100",
    "Two", "World", "War", "Jr.", "’s", "Gen.", "Lt.", "Mr.",
]), max_size=80).map(" ".join)


def _whole_units(text: str, sentences: list[Any]) -> list[tuple[Any, ...]]:
    """The plain definition of units: each sentence tokenised whole and cut after a ``.``, ``?`` or
    ``!`` token that has a word of two or more characters without a full stop before it and a
    capitalised token after it."""
    units = []
    for sentence in sentences:
        toks = speakers._tokenize(text, sentence.start, sentence.end)
        cuts = [i + 1 for i, tok in enumerate(toks)
                if tok.text in ".?!" and 0 < i < len(toks) - 1 and toks[i + 1].cap and toks[i - 1].word
                and len(toks[i - 1].text) > 1 and "." not in toks[i - 1].text]
        for a, b in zip([0, *cuts], [*cuts, len(toks)]):
            if toks[a:b]:
                units.append((toks[a].start, toks[b - 1].end, sentence.paragraph, toks[a:b]))
    return units


@settings(max_examples=examples(400), deadline=None)
@given(st.one_of(_TEXTS, _NAMES), st.data())
def test_units_are_their_sentences_tokens_cut_as_defined(text: str, data: st.DataObject) -> None:
    """Units are found without tokenising their sentences, and tokenised alone when asked."""
    sentences = split(text)
    if data.draw(st.booleans()):  # any spans, blanks at their ends too
        bounds = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
        sentences = [Sentence(a, b, k) for k, (a, b) in enumerate(zip(bounds[::2], bounds[1::2]))]
    units = speakers._units(text, sentences)
    assert [(u.start, u.end, u.paragraph, u.toks) for u in units] == _whole_units(text, sentences)
    for unit in units:
        whole = speakers._Unit(text, unit.start, unit.end, unit.paragraph, _toks=unit.toks)
        assert unit.headline == speakers._is_headline(whole)


def _whole_full_names(doc: Any) -> dict[str, str]:
    """The plain definition: every unit's name runs of two or more words (not after a locative)
    counted by name; a surname takes its most frequent name, then the longest, then the last in
    order; a headline's runs count after a title only, and only for surnames the body text lacks."""
    counts: dict[str, int] = {}
    headline_counts: dict[str, int] = {}
    for unit in doc.units:
        toks = unit.toks
        for i, j in speakers._name_runs(doc, toks):
            before = toks[i - 1] if i > 0 else None
            if j - i < 2 or (before is not None and before.lower in speakers._LOCATIVE):
                continue
            name = " ".join(t.text for t in toks[i:j])
            if not unit.headline:
                counts[name] = counts.get(name, 0) + 1
            elif before is not None and doc.is_title(before) and not any(
                    t.lower.endswith(("ing", "ed", "s")) for t in toks[i:j - 1]):
                headline_counts[name] = headline_counts.get(name, 0) + 1
    names: dict[str, str] = {}
    for source in (counts, headline_counts):
        ranked = sorted(source, key=lambda name: (source[name], len(name.split()), name))
        chosen = {name.rsplit(" ", 1)[-1]: name for name in ranked}  # the best comes last
        names |= {surname: name for surname, name in chosen.items() if surname not in names}
    return names


@settings(max_examples=examples(300), deadline=None)
@given(_NAMES)
@example("Osama bin Laden spoke. Later Laden said , in Occupied Ukraine Putin.")
@example("Kremlin Says Minister Sergey Lavrov Met\n\nLavrov said .")
def test_a_name_looked_up_alone_is_the_one_every_unit_gives(text: str) -> None:
    whole = _whole_full_names(speakers._build(text, split(text)))
    doc = speakers._build(text, split(text))
    asked = sorted(set(whole) | set(text.split()) | {"", "Putin's", "Vladimir Putin"})
    assert {word: doc.full_name(word) for word in asked} == {word: whole.get(word) for word in asked}
    assert speakers._full_names(doc, doc.units) == whole  # what a document read whole gives
    for name in set(whole.values()) | {"Putin", "Vladimir Putin", "Sergey Lavrov"}:
        assert doc.is_full_name(name) == (name in whole.values())


def test_a_document_searched_for_many_names_is_read_whole_once() -> None:
    text = " ".join(f"President Name{k} Surname{k} said." for k in range(40))
    doc = speakers._build(text, split(text))
    with mock.patch.object(speakers, "_NAME_SEARCH_CHARS", 10 * len(text)):
        answers = [doc.full_name(f"Surname{k}") for k in range(40)]
        assert doc.all_names and doc.searched == 11 * len(text)
        assert doc.full_name("Nobody") is None and doc.searched == 11 * len(text)
    assert answers == [f"Name{k} Surname{k}" for k in range(40)]


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(_TEXTS, _NAMES))
def test_roles_and_bodies_read_where_a_word_is_found_are_those_of_every_unit(text: str) -> None:
    doc = speakers._build(text, split(text))
    words = sorted(doc.lex.bodies)
    roles, bodies = speakers._index_roles(doc), [speakers._index_bodies(doc, word) for word in words]
    every = speakers._build(text, split(text))  # a fresh document: nothing read yet
    with mock.patch.object(speakers, "_units_with", lambda doc, words, capital=False: doc.units):
        assert roles == speakers._index_roles(every)
        assert bodies == [speakers._index_bodies(every, word) for word in words]
    named = [body for unit in every.units for body in speakers._bodies_of(every, unit)]
    assert bodies == [sorted((start, name) for start, name, last in named if last == word) for word in words]


def test_only_the_dotted_capital_i_lower_cases_to_two_characters() -> None:
    """What keeps the offsets of ``_Doc.folded`` those of the text."""
    assert [c for c in map(chr, range(0x110000)) if len(c.lower()) != 1] == ["\u0130"]
