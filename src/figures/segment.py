"""Stage 2: a document's text -> sentences and paragraphs, with offsets.

A blank line (or a line break after a headline-like line) separates paragraphs;
every line break ends a sentence; inside a line a sentence ends at ``.``, ``!``,
``?`` or ``…`` (with any closing quotes or brackets) before a space and a
capital, a digit or an opening quote — or straight before a capital where a
scraper dropped the space (``invasion.Ukraine``), unless the word before the
dot is a known abbreviation or a single letter (``U.S.``, ``R.Politik``,
``John F. Kennedy``); a capital letter alone after a lower-case word is a name,
not an initial (``said on X. The``), and ends the sentence.

A "sentence" longer than :data:`MAX_SENTENCE` characters (a page scraped
without punctuation, a table flattened onto one line) is cut into pieces of at
most that length at a space: later stages look at a figure's sentence, and
this keeps their work per figure bounded, so time grows linearly with the text.
"""

from __future__ import annotations

from functools import cache

import regex

from .lexicon import words
from .models import Sentence

_LINE = regex.compile(r"[^\n]*(?:\n|$)")
#: a punctuation mark that may end a sentence, with the closing quotes and the space after it
#: (a leading character to look for makes the scan fast; a lookbehind would try every position)
_BOUNDARY = regex.compile(
    r"""[.!?…]["'”’)\]]*(?:\s+(?=["'“‘(\[]?[\p{Lu}\p{N}])|(?=\p{Lu}))""",
    regex.VERSION1,
)
_WORD_BEFORE = regex.compile(r"(\S+?)[.!?…][\"'”’)\]]*\Z")
MAX_SENTENCE = 2000
_LONGEST_WORD = 64  # how far back a dot looks for the start of its word


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(words("abbreviations.txt"))


def _ends_sentence(text: str, dot: int, glued: bool) -> bool:
    """Whether the punctuation at ``dot`` really ends a sentence."""
    if text[dot] != ".":
        return True
    tail = text[max(0, dot - _LONGEST_WORD):dot]  # the word before the dot runs back to a space
    word = tail.rsplit(None, 1)[-1] if tail and not tail[-1].isspace() else ""
    word = word.lstrip("\"'“‘([")
    abbreviations = _abbreviations()
    if word in abbreviations or word.rstrip(".") in abbreviations:
        return False
    last = word.rsplit(".", 1)[-1]
    if len(last) <= 1 and not last.isdigit():  # initials and dotted acronyms: U.S., R.Politik, J. Smith
        # (a number ends a sentence: "... injured 2. Talks ..."); so does a capital letter standing
        # alone after a lower-case word, which names something and is no initial: "said on X. The"
        return not glued and word == last and last.isupper() and _lower_word_before(text, dot - 1)
    if glued and not last[-1:].islower():  # "2.5", "AB.Cd": glue only after a lower-case word
        return False
    return True


def _lower_word_before(text: str, at: int) -> bool:
    """Whether the word before position ``at`` (past one space) is in lower case (``on``, not
    ``Harry`` of ``Harry S. Truman``)."""
    if at < 2 or text[at - 1] != " ":
        return False
    tail = text[max(0, at - 1 - _LONGEST_WORD):at - 1]
    word = tail.rsplit(None, 1)[-1] if tail.strip() else ""
    return word.isalpha() and word.islower()


def split(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order; their spans never hold leading or trailing blanks."""
    sentences: list[Sentence] = []
    paragraph = 0
    blank_run = False
    for line_match in _LINE.finditer(text):
        line = line_match.group()
        if not line:
            break
        start = line_match.start()
        if line.isspace():  # (not empty: the empty match at the end stopped the loop)
            if not blank_run and sentences:
                paragraph += 1
            blank_run = True
            continue
        blank_run = False
        piece_start = start
        for boundary in _BOUNDARY.finditer(line):
            mark, after = boundary.span()
            dot = start + mark  # the punctuation mark
            glued = not line[after - 1].isspace()  # no space after the mark and its quotes
            if not _ends_sentence(text, dot, glued):
                continue
            cut = dot + 1
            # keep closing quotes with the sentence they close
            while cut < start + after and text[cut] in "\"'”’)]":
                cut += 1
            _add(text, piece_start, cut, paragraph, sentences)
            piece_start = start + after
        _add(text, piece_start, start + len(line), paragraph, sentences)
    return sentences


def _add(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:  # cut at the last space of the allowed length, else hard
        space = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = space if space > start else start + MAX_SENTENCE
        _add(text, start, cut, paragraph, out)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end, paragraph))


def index_of(sentences: list[Sentence], position: int) -> int:
    """Index of the sentence holding ``position`` (or the last one before it)."""
    low, high = 0, len(sentences) - 1
    found = 0
    while low <= high:
        mid = (low + high) // 2
        if sentences[mid].start <= position:
            found = mid
            low = mid + 1
        else:
            high = mid - 1
    return found
