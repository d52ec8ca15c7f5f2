"""Stage 6: a category for every figure, from the words around it.

In order: what the figure counts (its entity, ``data/category_cues.tsv`` lines
of scope ``entity``); for money, ``economy`` unless a legal cue is near; for a
duration, a cue in its sentence (scope ``duration``); else the context cue
nearest the figure in its sentence (scope ``context``); else ``other``.
"""

from __future__ import annotations

from functools import cache

import regex

from .lexicon import table
from .models import Category


@cache
def _cues() -> dict[str, list[tuple[Category, regex.Pattern[str]]]]:
    scopes: dict[str, list[tuple[Category, regex.Pattern[str]]]] = {}
    for category, scope, stems in table("category_cues.tsv"):
        alternatives = "|".join(regex.escape(s.strip()).replace(r"\ ", r"\s+") for s in stems.split("|") if s.strip())
        scopes.setdefault(scope, []).append((category, regex.compile(rf"(?i:\b(?:{alternatives}))")))  # type: ignore[arg-type]
    return scopes


def _first(scope: str, text: str) -> Category | None:
    for category, pattern in _cues().get(scope, []):
        if pattern.search(text):
            return category
    return None


def _nearest(text: str, sentence_start: int, sentence_end: int, start: int, end: int) -> Category | None:
    best: tuple[int, int, Category] | None = None
    for order, (category, pattern) in enumerate(_cues().get("context", [])):
        for match in pattern.finditer(text, sentence_start, sentence_end):
            if match.start() < end and match.end() > start:
                continue  # the figure's own words are its entity, judged above
            distance = match.start() - end if match.start() >= end else start - match.end()
            key = (distance, order, category)
            if best is None or key[:2] < best[:2]:
                best = key
    return best[2] if best else None


def categorise(
    text: str, entity: str | None, unit: str | None, is_duration: bool,
    start: int, end: int, sentence_start: int, sentence_end: int,
) -> Category:
    """The category of one figure."""
    if entity is not None:
        found = _first("entity", entity)
        if found is not None:
            return found
    sentence = text[sentence_start:sentence_end]
    is_money = unit is not None and unit.isupper() and len(unit) == 3
    if is_money:
        legal = _nearest(text, sentence_start, sentence_end, start, end)
        return "legal" if legal == "legal" else "economy"
    if is_duration:
        found = _first("duration", sentence)
        if found is not None:
            return found
        return "other"
    return _nearest(text, sentence_start, sentence_end, start, end) or "other"
