"""The project's vocabulary, loaded once from ``data/``.

Every word list is a UTF-8 text file in ``data/`` whose header (lines starting
with ``#``) says its format. Blank lines and ``#`` lines are skipped; fields
are separated by a tab. Users extend the lists by editing those files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources

import regex

from .errors import DataFileError


def _data_text(name: str) -> str:
    try:
        return resources.files("figures").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:  # a broken install, not user input
        raise DataFileError(f"data/{name}: missing from the installed package") from exc


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated data file, each a tuple of stripped fields."""
    rows = []
    for number, line in enumerate(_data_text(name).splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = tuple(f.strip() for f in line.split("\t"))
        if not fields[0]:
            raise DataFileError(f"data/{name}, line {number}: empty first field")
        rows.append(fields)
    return tuple(rows)


@cache
def words(name: str) -> tuple[str, ...]:
    """The first field of every row: a plain word list."""
    return tuple(row[0] for row in table(name))


#: The only characters that a case-blind pattern takes for ASCII letters: long s, dotted capital I
#: and the Kelvin sign. ``lower()`` keeps the first two apart from ``s`` and ``i``, so a word list
#: would not know the word a pattern matched ("at leaſt", "7 ſept.").
LOOKALIKES = "\u017f\u0130\u212a"
_AS_ASCII = str.maketrans(dict(zip(LOOKALIKES, "sIK")))


def as_ascii(text: str) -> str:
    """``text`` with :data:`LOOKALIKES` read as ``s``, ``I`` and ``K``: one character for one, so
    offsets stay; ``text`` itself where it holds none."""
    return text.translate(_AS_ASCII) if any(c in text for c in LOOKALIKES) else text


def alternation(phrases: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any run of blanks."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in ordered)


def trie(words: Iterable[str], end: Callable[[str], str] | None = None) -> str:
    """A regex alternation of ``words`` that shares their prefixes (``a(?:n)?|t(?:en|wo)``), a space
    matching any blanks as in :func:`alternation`; valid for ``re`` and ``regex`` alike.

    A regex engine tries the alternatives of a group one after another; here a shared prefix is
    read once. Followed by ``\\b`` (or by "no letter") it matches what :func:`alternation` matches:
    words of letters that match at one place all have the same length, so the order is moot.
    ``end(word)``, if given, is a pattern that must follow where ``word`` ends (a lookahead),
    instead of the end being optional.
    """
    tree: dict[str, dict | str] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})  # type: ignore[assignment]
        node[""] = word  # a word ends here

    def alternatives(node: dict) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + alternatives(child)
                    for char, child in sorted(node.items()) if char]
        if "" in node and end is not None:
            branches.append(end(node[""]))
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{group})?" if "" in node and end is None else group

    return alternatives(tree)


@cache
def month_numbers() -> dict[str, int]:
    """Lower-cased month name (any listed language, full or abbreviated) -> 1..12."""
    names: dict[str, int] = {}
    for row in table("months.tsv"):
        number = int(row[0])
        for name in row[1:]:
            if name:
                names[name.lower()] = number
    return names


@cache
def month_pattern() -> str:
    """A regex alternation of every month name (case-insensitive use expected)."""
    return alternation(tuple(month_numbers()))


@cache
def _irregular_plurals() -> dict[str, str]:
    """Irregular plurals (``people`` -> ``person``), the ``irregular`` rows of ``entity_words.tsv``."""
    return {row[0].lower(): row[2].lower() for row in table("entity_words.tsv")
            if len(row) > 2 and row[1] == "irregular"}


def singular(word: str) -> str:
    """English singular of a lower-case noun (``bodies`` -> ``body``, ``boats`` -> ``boat``)."""
    irregular = _irregular_plurals()
    if word in irregular:
        return irregular[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word
