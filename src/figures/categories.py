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

from functools import cache, lru_cache

import regex

from .lexicon import table, trie
from .models import Category

Cues = list[tuple[Category, regex.Pattern[str], bool]]
#: a cue found in a sentence: (start, end, index of its pattern in the scope, category)
Found = tuple[int, int, int, Category]

_LINK = regex.compile(r" (?:of|on|against|to|in) ")


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
    words = _LINK.split(entity, maxsplit=1)[0].split()
    return words[-1] if words else entity


@lru_cache(maxsize=4096)  # a corpus names the same few things again and again
def _by_entity(scope: str, entity: str) -> Category | None:
    head = _head(entity)
    for category, pattern, multiword in _cues().get(scope, []):
        if pattern.search(entity if multiword else head):
            return category
    return None


@cache
def _scope_pattern(scope: str) -> regex.Pattern[str]:
    """Every cue pattern of a scope at once: it matches (empty) where some cue begins, and its
    group ``i + 1`` holds what cue pattern ``i`` matches there, so one scan of a sentence
    finds what a scan per cue pattern would."""
    stems = [stem.strip() for _, cue_scope, listed in table("category_cues.tsv") if cue_scope == scope
             for stem in listed.split("|") if stem.strip()]
    patterns = [pattern.pattern for _, pattern, _ in _cues().get(scope, [])]
    # where some cue begins: at a word boundary (every cue pattern's \b), one of the stems
    return regex.compile(rf"\b(?=(?i:{trie(stems)}))" + "".join(f"(?:(?=({pattern}))|)" for pattern in patterns))


@lru_cache(maxsize=8)  # the figures of a sentence come one after another and ask again
def _cues_in(scope: str, text: str, sentence_start: int, sentence_end: int) -> tuple[Found, ...]:
    """The cues of a scope in a sentence: for each cue pattern, its ``finditer`` matches."""
    cues = _cues().get(scope, [])
    resume = [sentence_start] * len(cues)  # where finditer of each cue pattern would search on
    found: list[Found] = []
    for match in _scope_pattern(scope).finditer(text, sentence_start, sentence_end):
        for order, (category, _, _) in enumerate(cues):
            cue_start, cue_end = match.span(order + 1)
            if cue_start >= resume[order]:  # unmatched groups are at -1
                resume[order] = cue_end
                found.append((cue_start, cue_end, order, category))
    return tuple(found)


def _nearest(scope: str, text: str, sentence_start: int, sentence_end: int, start: int, end: int) -> Category | None:
    best: tuple[int, int, Category] | None = None
    for cue_start, cue_end, order, category in _cues_in(scope, text, sentence_start, sentence_end):
        if cue_start < end and cue_end > start:
            continue  # the figure's own words are its entity, judged above
        distance = cue_start - end if cue_start >= end else start - cue_end
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
