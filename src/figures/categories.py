"""Stage 6: a category for every figure, from what it counts and the words around it.

In order (cues in ``data/category_cues.tsv``):

1. what the figure counts or measures (scope ``thing``): drones are an attack,
   violations a ceasefire violation, a prison sentence legal; money is
   ``economy`` unless the thing or a nearby cue is legal;
2. a duration takes the nearest ``duration`` cue;
3. people and other counts take the nearest event word (``event``: killed, released,
   displaced, ...; the verb right before the figure first), then who they are (``people``:
   soldiers are military), then the nearest ``context`` cue; soldiers ``lost`` are
   casualties, and weapons and vehicles (``equipment``) are never killed, held or
   arrested, so such an event word makes them military;
4. else ``other``.

A cue is looked for in the figure's own clause first, then in its part of the sentence,
and in the rest of the sentence only where that part has no verb of its own: in "7,000
people have been killed, and some 250,000 have been displaced" the second figure is
displacement, whatever word is nearer. Poll percentages and sums in a
named currency ("10 billion birr") are told apart before any cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache, lru_cache

import regex

from .lexicon import table, trie
from .models import Category

Cues = list[tuple[Category, regex.Pattern[str], bool]]
#: a cue found in a sentence: (start, end, index of its pattern in the scope, category)
Found = tuple[int, int, int, Category]

_LINK = regex.compile(r" (?:of|on|against|to|in) ")
#: where a clause ends: punctuation (not a comma inside a number), or a word that opens another
#: clause; a spaced dash or a word in _PART_WORDS (or in _AFTER_COMMA after a comma) ends a part of
#: the sentence too: a clause with a subject of its own follows
_BREAK = re.compile(
    r"""[;:()\[\]"“”—]|,(?!\d)"""
    r"|\s(?:[-–—]+|and|but|yet|or|while|whereas|after|before|when|because|who|whom|which|that|where"
    r"|although|though)(?=\s)",
    re.IGNORECASE,
)
_PART_WORDS = frozenset({";", "—", "while", "whereas", "but"})
_AFTER_COMMA = frozenset({"and", "but", "yet", "although", "though"})
#: a word that gives a part a verb of its own, so that it borrows no cue from another part
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|could|can|may|might|must|should|do|does|did"
    r"|remain|remains|face|faces)\b|\b[a-z]{2,}ed\b",
    re.IGNORECASE,
)
#: a part that counts some of a figure in another part, and so shares its cues
_SOME_OF = re.compile(r"\b(?:of them|of whom|of which|among them|among whom|including)\b", re.IGNORECASE)
#: an event noun that governs the figure after it: "the bodies of 18 others", "the release of 17"
_GOVERNS = re.compile(r"\s+of\s+(?:the\s+)?")
_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")
#: the rest of a cue word and the blank between it and the figure right after it
_ADJACENT = re.compile(r"\w*[ \t]+")
#: event categories that only people have: a weapon or a vehicle is not killed, held or arrested
_PEOPLE_EVENTS = frozenset({"casualties", "prisoner_exchange", "legal"})


@cache
def _cues() -> dict[str, Cues]:
    scopes: dict[str, Cues] = {}
    for category, scope, stems in table("category_cues.tsv"):
        if scope in ("currency", "poll"):  # see _currencies and _poll
            continue
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


@cache
def _currencies() -> frozenset[str]:
    return frozenset(stem.strip().lower() for category, scope, stems in table("category_cues.tsv")
                     if scope == "currency" for stem in stems.split("|") if stem.strip())


@cache
def _poll() -> re.Pattern[str]:
    stems = [stem.strip() for _, scope, listed in table("category_cues.tsv") if scope == "poll"
             for stem in listed.split("|") if stem.strip()]
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + ")", re.IGNORECASE)


@lru_cache(maxsize=4096)  # a corpus has few distinct words before and in its figures
def _is_currency(word: str) -> bool:
    word = word.lower().strip(".,;:")
    currencies = _currencies()
    return word in currencies or (word.endswith("s") and (word[:-1] in currencies or
                                                          (word.endswith("es") and word[:-2] in currencies)))


def _in_currency(text: str, entity: str | None, start: int, end: int) -> bool:
    """A sum in a currency the unit stage did not name: ``10 billion birr``, ``Rs 10 lakh``."""
    if entity and _is_currency(entity.rsplit(None, 1)[-1]):
        return True
    within = text[start:end].rsplit(None, 1)
    if within and _is_currency(within[-1]):
        return True
    if start and text[start - 1].isspace():
        before = text[max(0, start - 12):start].rsplit(None, 1)
        return bool(before) and _is_currency(before[-1])
    return False


@lru_cache(maxsize=8)  # the figures of a sentence come one after another and ask again
def _breaks(text: str, sentence_start: int, sentence_end: int) -> tuple[list[int], list[int], list[int], list[int]]:
    """Where clauses end in a sentence (the ends and starts of the breaks between them), and
    where parts of it end (likewise)."""
    ends: list[int] = []
    starts: list[int] = []
    part_ends: list[int] = []
    part_starts: list[int] = []
    after_comma = -1
    for match in _BREAK.finditer(text, sentence_start, sentence_end):
        cue_start, cue_end = match.span()
        ends.append(cue_end)
        starts.append(cue_start)
        word = match.group().strip().lower()
        if word == ",":
            after_comma = cue_end
        elif word in _PART_WORDS or word[0] in "-–—" or (cue_start == after_comma and word in _AFTER_COMMA):
            if cue_start == after_comma:  # ", and": the comma ends the part before
                part_ends.append(cue_start)
                part_starts.append(cue_start - 1)
            part_ends.append(cue_end)
            part_starts.append(cue_start)
    return ends, starts, part_ends, part_starts


def _between(ends: list[int], starts: list[int], low: int, high: int, start: int, end: int) -> tuple[int, int]:
    """The stretch of ``text[low:high]`` around a figure between two breaks."""
    before = bisect_right(ends, start)
    after = bisect_left(starts, end)
    return (ends[before - 1] if before else low), (starts[after] if after < len(starts) else high)


@lru_cache(maxsize=4)  # asked again for each scope of cues
def _scopes(text: str, sentence_start: int, sentence_end: int, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Where to look for a figure's cues, in order: its clause, its part of the sentence, and the
    whole sentence where the part has no verb of its own or counts some of another part's figure."""
    ends, starts, part_ends, part_starts = _breaks(text, sentence_start, sentence_end)
    spans = [_between(ends, starts, sentence_start, sentence_end, start, end)]
    part = _between(part_ends, part_starts, sentence_start, sentence_end, start, end)
    spans.append(part)
    if part != (sentence_start, sentence_end) and (
        not (_VERB.search(text, part[0], start) or _VERB.search(text, end, part[1]))
        or _SOME_OF.search(text, part[0], part[1])
    ):
        spans.append((sentence_start, sentence_end))
    return tuple(spans)


def _governing(text: str, sentence_start: int, sentence_end: int, start: int) -> Category | None:
    """The category of an event noun whose ``of`` phrase the figure is: ``the bodies of 18 others``."""
    if not _OF_BEFORE.search(text, max(sentence_start, start - 8), start):
        return None
    for cue_start, cue_end, _, category in _cues_in("event", text, sentence_start, sentence_end):
        if cue_end <= start and _GOVERNS.fullmatch(text, cue_end, start):
            return category
    return None


def _find(scope: str, text: str, sentence_start: int, sentence_end: int, start: int, end: int,
          clause_only: bool = False) -> Category | None:
    """The category of the cue nearest the figure in the first of its :func:`_scopes` (each
    holding the one before) that has one; with ``clause_only``, in its clause only."""
    cues = _cues_in(scope, text, sentence_start, sentence_end)
    if not cues:
        return None
    spans = _scopes(text, sentence_start, sentence_end, start, end)
    if clause_only:
        spans = spans[:1]
    best: tuple[int, int, int, Category] | None = None  # (span index, distance, order, category)
    for cue_start, cue_end, order, category in cues:
        if cue_start < end and cue_end > start:
            continue  # the figure's own words are its entity, judged above
        for index, (low, high) in enumerate(spans):
            if cue_start >= low and cue_end <= high:
                distance = cue_start - end if cue_start >= end else start - cue_end
                if cue_end <= start and _ADJACENT.fullmatch(text, cue_end, start):
                    distance = -1  # the verb whose object the figure is: "injured 30 others sheltering there"
                if best is None or (index, distance, order) < best[:3]:
                    best = (index, distance, order, category)
                break
    return best[3] if best else None


def categorise(
    text: str, entity: str | None, unit: str | None, is_duration: bool,
    start: int, end: int, sentence_start: int, sentence_end: int,
) -> Category:
    """The category of one figure."""
    if unit == "percent" and _poll().search(text, sentence_start, sentence_end):
        return "other"
    thing = _by_entity("thing", entity) if entity else None
    money = (unit is not None and unit.isupper() and len(unit) == 3) or (
        unit is None and _in_currency(text, entity, start, end)
    )
    if thing is not None and not money and thing != "prisoner_exchange":
        return thing
    if money:
        if thing == "legal" or _find("event", text, sentence_start, sentence_end, start, end) == "legal":
            return "legal"
        return "economy"
    if thing == "prisoner_exchange":  # "two hostages were killed": hostages declared dead
        event = (_governing(text, sentence_start, sentence_end, start)
                 or _find("event", text, sentence_start, sentence_end, start, end, clause_only=True))
        return "casualties" if event == "casualties" else thing
    if is_duration:
        return _find("duration", text, sentence_start, sentence_end, start, end) or "other"
    people = _by_entity("people", entity) if entity else None
    equipment = _by_entity("equipment", entity) if entity else None
    if people == "military" and equipment is None \
            and _find("loss", text, sentence_start, sentence_end, start, end, clause_only=True):
        return "casualties"  # "Russia has lost 1,041,990 troops": soldiers lost are dead or wounded
    event = (_governing(text, sentence_start, sentence_end, start)
             or _find("event", text, sentence_start, sentence_end, start, end))
    if event in _PEOPLE_EVENTS and equipment is not None:
        event = equipment  # "seized six armoured vehicles": taking weapons is military, not an arrest
    return (
        event
        or people
        or _find("context", text, sentence_start, sentence_end, start, end)
        or "other"
    )
