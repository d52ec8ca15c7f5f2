"""Stage 6: a category for every figure, from what it counts and the words around it.

In order (cues in ``data/category_cues.tsv``):

1. what the figure counts or measures (scope ``thing``): drones are an attack,
   violations a ceasefire violation, a prison sentence legal; money is
   ``economy`` unless the thing or a nearby cue is legal;
2. a duration takes the nearest ``duration`` cue in its sentence;
3. people and other counts take the nearest event word in the sentence
   (``event``: killed, released, arrested, ...), then who they are
   (``people``: soldiers are military), then the nearest ``context`` cue;
4. else ``other``.
"""

from __future__ import annotations

from functools import cache

import regex

from .lexicon import table
from .models import Category

Cues = list[tuple[Category, regex.Pattern[str], bool]]


@cache
def _cues() -> dict[str, Cues]:
    scopes: dict[str, Cues] = {}
    for category, scope, stems in table("category_cues.tsv"):
        parts = [s.strip() for s in stems.split("|") if s.strip()]
        for multiword in (True, False):
            chosen = [p for p in parts if (" " in p) == multiword]
            if chosen:
                alternatives = "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in chosen)
                scopes.setdefault(scope, []).append(
                    (category, regex.compile(rf"(?i:\b(?:{alternatives}))"), multiword)  # type: ignore[arg-type]
                )
    return scopes


def _head(entity: str) -> str:
    """The head word of an entity: ``aid worker`` -> ``worker``, ``head of state`` -> ``head``,
    ``moratorium on energy strike`` -> ``moratorium``."""
    words = regex.split(r" (?:of|on|against|to|in) ", entity, maxsplit=1)[0].split()
    return words[-1] if words else entity


def _by_entity(scope: str, entity: str) -> Category | None:
    head = _head(entity)
    for category, pattern, multiword in _cues().get(scope, []):
        if pattern.search(entity if multiword else head):
            return category
    return None


def _nearest(scope: str, text: str, sentence_start: int, sentence_end: int, start: int, end: int) -> Category | None:
    best: tuple[int, int, Category] | None = None
    for order, (category, pattern, _) in enumerate(_cues().get(scope, [])):
        for match in pattern.finditer(text, sentence_start, sentence_end):
            if match.start() < end and match.end() > start:
                continue  # the figure's own words are its entity, judged above
            distance = match.start() - end if match.start() >= end else start - match.end()
            if best is None or (distance, order) < best[:2]:
                best = (distance, order, category)
    return best[2] if best else None


def categorise(
    text: str, entity: str | None, unit: str | None, is_duration: bool,
    start: int, end: int, sentence_start: int, sentence_end: int,
) -> Category:
    """The category of one figure."""
    thing = _by_entity("thing", entity) if entity else None
    is_money = unit is not None and unit.isupper() and len(unit) == 3
    if is_money:
        if thing == "legal" or _nearest("event", text, sentence_start, sentence_end, start, end) == "legal":
            return "legal"
        return "economy"
    if thing is not None:
        return thing
    if is_duration:
        return _nearest("duration", text, sentence_start, sentence_end, start, end) or "other"
    return (
        _nearest("event", text, sentence_start, sentence_end, start, end)
        or (_by_entity("people", entity) if entity else None)
        or _nearest("context", text, sentence_start, sentence_end, start, end)
        or "other"
    )
