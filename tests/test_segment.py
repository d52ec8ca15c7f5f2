"""Sentence splitting on sentences written for these tests: where a dot ends a sentence and where
it does not (abbreviations, initials, a one-letter name such as the platform X)."""

from __future__ import annotations

import pytest

from figures.segment import split


@pytest.mark.parametrize("text, sentences", [
    # a capital letter alone after a lower-case word names something: "on X", "vitamin C"
    ("The army said on X. The convoy was hit twice.", ["The army said on X.", "The convoy was hit twice."]),
    ("Hamas wrote on X. 12 hostages remain in Gaza.", ["Hamas wrote on X.", "12 hostages remain in Gaza."]),
    # initials and dotted acronyms do not end a sentence
    ("Harry S. Truman signed it in 1948.", ["Harry S. Truman signed it in 1948."]),
    ("Troops from the U.S. Army left Niger.", ["Troops from the U.S. Army left Niger."]),
    ("The envoy, J. Smith, met them.", ["The envoy, J. Smith, met them."]),
    # nor does a title the abbreviation list knows
    ("Brig. Gen. Pat Ryder spoke. Talks resumed.", ["Brig. Gen. Pat Ryder spoke.", "Talks resumed."]),
    # a number ends one
    ("The strike injured 2. Talks resumed.", ["The strike injured 2.", "Talks resumed."]),
])
def test_where_sentences_end(text: str, sentences: list[str]) -> None:
    assert [text[s.start:s.end] for s in split(text)] == sentences
