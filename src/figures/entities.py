"""Stage 5b: the counted thing, or for a measure what it measures.

* A count takes the noun phrase after it, singular and lower case
  (``45 drone boats`` -> ``drone boat``, ``27 heads of state`` -> ``head of
  state``); quantity words in between are skipped (``six more countries``).
* A count with no noun of its own takes what its verb counts
  (``Kills 9`` -> ``person killed``; ``violated ... 5,000 times`` -> ``violation``),
  from ``data/verb_counts.tsv``; the surface grows to hold the verb.
* A generic noun (``1,000 individuals``) takes the role a word in its sentence
  gives it (``prisoner swap`` -> ``prisoner``).
* A duration takes what lasts: the noun after a hyphenated compound (``30-day
  moratorium``), ``of ...`` after the unit (``two hours of talks``), or a cue in
  its sentence (``sentenced ... to ten years`` -> ``prison sentence``).
* Money and percent take ``of/in/for ...`` after them, the noun right after,
  or the verb that moves the money (``Pledges $1.1Bln`` -> ``pledge``).

The word lists are in ``data/entity_words.tsv``, ``data/verb_counts.tsv`` and
``data/duration_cues.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .lexicon import singular, table
from .models import Qualified

_WORD = regex.compile(r"[ \t]*['‘\"“]?((?:\p{Lu}\.){2,}|\p{L}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*)['’\"”]?")
_LENGTH_UNITS = frozenset({"km", "m", "cm", "mile", "nautical_mile", "foot"})
_PLACE_AFTER = regex.compile(
    r"(?i:\s*(?:\(\s*[\d.,]+\s*\p{L}+\s*\)\s*)?(?:north|south|east|west|northeast|northwest|southeast|southwest|"
    r"north-east|north-west|south-east|south-west|from|away|outside|inside|off|beyond|behind|of\s+the\s+border|of\s+\p{Lu}))"
)
_AS_MANY = regex.compile(r"(?i:\s+as\s+(?:many|much)\b)")
_OF = regex.compile(r"(?i:\s+of(?:\s+(?:the|their|its|his|her|our|all|those|these))?\b)")
#: prepositions that join a complement to its head noun ("head of state", "moratorium on energy strikes")
_LINKS = frozenset({"of", "on", "against", "to", "in"})
_LINK = regex.compile(r" (?:of|on|against|to|in) ")
_WORD_BEFORE = regex.compile(r"(\p{L}+)[ \t]+\Z")
_TIMES = regex.compile(r"(?i:[ \t]+times\b)")
_LETTERS = regex.compile(r"\p{L}+")
#: what joins a measure to what it measures: money and percent (``$50 million in aid``), else ``of``
_MEASURED_OF = {
    money: regex.compile(rf"(?i:\s+(?:{linking})(?:\s+(?:the|their|its|new))?\b)")
    for money, linking in ((True, r"of|in|for|worth\s+of"), (False, r"of"))
}
_MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class EntityReading:
    """The counted thing of one figure and the span the figure now covers."""

    entity: str | None
    start: int
    end: int
    #: where the entity was read, for category cues
    head_start: int
    head_end: int


@cache
def _roles() -> dict[str, dict[str, str]]:
    roles: dict[str, dict[str, str]] = {}
    for row in table("entity_words.tsv"):
        roles.setdefault(row[1], {})[row[0].lower()] = row[2].lower() if len(row) > 2 else ""
    return roles


@cache
def _counting_words() -> frozenset[str]:
    """Number words that count (``two``, ``twenty``, ``hundred``): never part of a noun phrase."""
    return frozenset(row[0].lower() for row in table("number_words.tsv") if row[2] in ("unit", "ten", "scale"))


@cache
def _verbs() -> dict[str, str]:
    forms: dict[str, str] = {}
    for verbs, entity in table("verb_counts.tsv"):
        for form in verbs.split("|"):
            forms[form.lower()] = entity
    return forms


@cache
def _duration_cues() -> list[tuple[regex.Pattern[str], str]]:
    return [
        (regex.compile(rf"(?i:\b(?:{cues})\w*)"), entity) for cues, entity in table("duration_cues.tsv")
    ]


@cache
def _role_pattern() -> regex.Pattern[str]:
    words = sorted(_roles()["role"], key=len, reverse=True)
    return regex.compile(rf"(?i:\b({'|'.join(regex.escape(w) for w in words)})\b)")


def _is_plural(word: str) -> bool:
    lower = word.lower()
    return lower in _roles()["irregular"] or (
        lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(lower) > 3
    )


def _noun_phrase(text: str, position: int, limit: int) -> tuple[list[str], int, int]:
    """Words of the noun phrase starting at ``position``: (words, start, end); empty when none."""
    roles = _roles()
    skip, stop, relational = roles["skip"], roles["stop"], roles["relational"]
    words: list[str] = []
    start = end = position
    cursor = position
    while len(words) < _MAX_WORDS * 2:
        match = _WORD.match(text, cursor, limit)
        if match is None:
            break
        word = match.group(1)
        lower = word.lower()
        if not words and lower in skip:
            cursor = match.end()
            continue
        if lower in stop or lower in _counting_words():
            break  # "for reconstruction two days ago": a number starts something else
        if "." in word:  # "U.S." and other dotted abbreviations modify what follows
            cursor = match.end()
            continue
        if lower.endswith("ly") and len(lower) > 4:  # "internally displaced people"
            cursor = match.end()
            continue
        if not words:
            start = match.start(1)
        words.append(lower)
        previous_end, end = end, match.end()
        cursor = end
        if _is_plural(word) or len(words) >= _MAX_WORDS:
            break
        if lower.endswith(("ed", "ing")) and len(words) > 1 and lower not in relational:
            words.pop()  # "one drone launched": a verb after the noun
            end = previous_end
            break
    # a relational head keeps its "of ..." ("27 heads of state", "a cessation of hostilities"),
    # or a complement after another preposition it lists ("a moratorium on energy strikes")
    head = (words[-1] if words[-1] in relational else singular(words[-1])) if words else ""
    if head in relational:
        link = _link_pattern("of|" + relational[head]).match(text, end, limit)
        if link is not None:
            rest, _, rest_end = _noun_phrase(text, link.end(), limit)
            if rest:
                words += [link.group(1).lower(), *rest]
                end = rest_end
    return words, start, end


@cache
def _link_pattern(prepositions: str) -> regex.Pattern[str]:
    """A preposition of ``prepositions`` (``of|on``) starting a complement, determiners skipped."""
    words = "|".join(p for p in prepositions.split("|") if p)
    return regex.compile(rf"(?i:\s+({words})(?:\s+(?:the|their|its|his|her|our|all|those|these))?\b)")


def _normalise(words: list[str]) -> str:
    """Singular head, lower case: ``heads of state`` -> ``head of state``."""
    links = [i for i, word in enumerate(words) if word in _LINKS]
    if links:
        cut = links[0]
        head = words[:cut]
        tail = words[cut:]
        if head:
            head[-1] = singular(head[-1])
        if tail and tail[-1] and _is_plural(tail[-1]) and tail[-1] not in ("hostilities", "talks"):
            tail[-1] = singular(tail[-1])
        return " ".join(head + tail)
    words = list(words)
    if words[-1] != "talks":
        words[-1] = singular(words[-1])
    return " ".join(words)


def _verb_before(text: str, position: int, floor: int) -> regex.Match[str] | None:
    """The counting verb right before ``position`` (``Kills`` in ``Kills 9``)."""
    return _WORD_BEFORE.search(text, pos=max(floor, position - 30), endpos=position)


def entity_of(
    text: str, q: Qualified, unit: str | None, unit_end: int, attributive: bool,
    sentence_start: int, sentence_end: int,
) -> EntityReading:
    """The counted thing of a figure, and its span widened to hold noun or verb."""
    start, end = q.start, unit_end
    sentence = text[sentence_start:sentence_end]
    if unit is not None and not attributive:
        return _measure_entity(text, q, unit, unit_end, sentence_start, sentence_end, sentence)
    if unit is None and q.mention.hyphen_unit:  # "a 1,000-person swap": the compound names what is counted
        entity = _with_role(singular(q.mention.hyphen_unit.split("-")[0]), sentence)
        return EntityReading(entity, start, end, q.mention.end - len(q.mention.hyphen_unit), q.mention.end)
    position = unit_end
    if q.mention.kind == "multiplier":
        as_many = _AS_MANY.match(text, position, sentence_end)
        if as_many is not None:
            position = as_many.end()
    elif q.mention.kind in ("vague", "fraction"):
        of = _OF.match(text, position, sentence_end)
        if of is not None:
            position = of.end()
    participle = _WORD.match(text, position, sentence_end)
    if participle is not None and participle.group(1).lower().endswith("ed"):
        counted = _verbs().get(participle.group(1).lower())
        following = _WORD.match(text, participle.end(), sentence_end)
        if counted is not None and (following is None or following.group(1).lower() in _roles()["stop"]):
            return EntityReading(counted, start, participle.end(1), participle.start(1), participle.end(1))
    words, head_start, head_end = _noun_phrase(text, position, sentence_end)
    if words and words[0] == "times" and len(words) == 1:
        words = []
    if words:
        entity = _normalise(words)
        entity = _with_role(entity, sentence)
        if attributive:  # "three-day ceasefire": the surface is the compound only
            return EntityReading(entity, start, end, head_start, head_end)
        return EntityReading(entity, start, head_end, head_start, head_end)
    times = _TIMES.match(text[end:sentence_end])
    if times is not None:
        end += times.end()
        # the counting verb nearest before the number in its sentence
        counting = [m for m in _LETTERS.finditer(text, pos=sentence_start, endpos=q.start)
                    if m.group().lower() in _verbs()]
        if counting:
            verb_match = counting[-1]
            return EntityReading(_verbs()[verb_match.group().lower()], start, end,
                                 verb_match.start(), verb_match.end())
        return EntityReading(None, start, end, q.start, end)
    # no noun: a verb carries the count ("Kills 9", "killed at least 30")
    verb = _verb_before(text, q.start, sentence_start)
    if verb is not None and verb.group(1).lower() in _verbs():
        return EntityReading(_verbs()[verb.group(1).lower()], verb.start(1), end, verb.start(1), verb.end(1))
    return EntityReading(None, start, end, q.start, end)


def _with_role(entity: str, sentence: str) -> str:
    """A generic noun (``individual``) takes the role its sentence gives it (``prisoner``)."""
    head = _LINK.split(entity, maxsplit=1)[0].split()[-1]
    if head not in _roles()["generic"] and singular(head) not in _roles()["generic"]:
        return entity
    role = _role_pattern().search(sentence)
    if role is None:
        return entity
    return _roles()["role"][role.group(1).lower()]


def _measure_entity(
    text: str, q: Qualified, unit: str, unit_end: int, sentence_start: int, sentence_end: int, sentence: str,
) -> EntityReading:
    """What a measure measures: ``two hours of talks``, ``$50 million in aid``, ``95% of requests``."""
    start, end = q.start, unit_end
    money = unit.isupper() or unit == "percent"
    of = _MEASURED_OF[money].match(text[unit_end:sentence_end])
    if of is not None:
        words, head_start, head_end = _noun_phrase(text, unit_end + of.end(), sentence_end)
        if words:
            return EntityReading(_normalise(words), start, end, head_start, head_end)
    if money:  # money, percent: a noun right after
        words, head_start, head_end = _noun_phrase(text, unit_end, sentence_end)
        if words:
            return EntityReading(_normalise(words), start, end, head_start, head_end)
        verb = _verb_before(text, q.start, sentence_start)
        if verb is not None and verb.group(1).lower() in _verbs():
            return EntityReading(_verbs()[verb.group(1).lower()], start, end, verb.start(1), verb.end(1))
        return EntityReading(None, start, end, start, end)
    if unit in _LENGTH_UNITS:  # "61km north-east of Donetsk": a distance that locates a place
        return EntityReading("distance", start, end, start, end)
    nearest: tuple[int, str] | None = None
    for pattern, entity in _duration_cues():
        for match in pattern.finditer(text, sentence_start, sentence_end):
            distance = abs(match.start() - start)
            if nearest is None or distance < nearest[0]:
                lasting = _cue_entity(text, match, entity, sentence_end)
                if lasting is not None:
                    nearest = (distance, lasting)
    if nearest is not None:
        return EntityReading(nearest[1], start, end, start, end)
    return EntityReading(None, start, end, start, end)


def _cue_entity(text: str, cue: regex.Match[str], entity: str, limit: int) -> str | None:
    """What a duration cue says lasts: ``entity`` as listed; ``*`` the cue word itself;
    ``+`` in it the thing the cue stops (``waive strikes on energy infrastructure`` ->
    ``waiver of strike on energy infrastructure``), None when nothing follows the cue."""
    if entity == "*":
        return singular(cue.group().lower())
    if "+" not in entity:
        return entity
    position = cue.end()
    link = _link_pattern("of|on|to|in").match(text, position, limit)  # "suspension of aid"
    if link is not None:
        position = link.end()
    words, _, end = _noun_phrase(text, position, limit)
    if not words:
        return None
    link = _link_pattern("of|on|against").match(text, end, limit)  # "strikes on energy infrastructure"
    if link is not None and not _LINKS.intersection(words):
        rest, _, _ = _noun_phrase(text, link.end(), limit)
        if rest:
            words += [link.group(1).lower(), *rest]
    return entity.replace("+", _normalise(words))
