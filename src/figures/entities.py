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
* Money and percent take ``of/in/for ...`` after them (``26% of them``: what the count
  before counted), the noun right after, or the verb that moves the money
  (``Pledges $1.1Bln`` -> ``pledge``) and where it goes (``allocates $5bn to national
  defence``; not ``to help ...``, a verb of purpose).

The word lists are in ``data/entity_words.tsv``, ``data/verb_counts.tsv`` and
``data/duration_cues.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .lexicon import singular, table
from .models import Qualified

#: a word; a model name runs on into its digits ("AK-47", "F-16s", "M23") and stays one word
_WORD = regex.compile(
    r"[ \t]*['‘\"“]?((?:\p{Lu}\.){2,}|\p{L}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*(?:-?\d+\p{Ll}?(?![\d.,]\d))?)['’\"”]?"
)
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
#: how far after a generic noun a role word may stand ("300 people in a prisoner swap")
_ROLE_REACH = 40
#: a role word counted by a number of its own ("251 hostages", "251 Israeli hostages")
_COUNTED_BEFORE = regex.compile(r"\d[\d,.]*(?:[ \t]+\p{L}+)?[ \t]+\Z")
#: a noun and ``of``/``worth`` right before a money figure ("a funding shortfall of")
_OF_BEFORE = regex.compile(r"(?:(\p{L}[\p{L}-]*)[ \t]+)?(\p{L}[\p{L}'’-]*)[ \t]+(?:of|worth)[ \t]+\Z")
#: a conversion in brackets after a money figure ("2.5bn shekel (£530m) compensation package")
_ASIDE = regex.compile(r"[ \t]*(?:\([^()\n]{1,30}\)|\))")
_SUBSET = regex.compile(r"(?i:\b(?:including|among\s+them|among\s+whom)\b)")
_ACHES = regex.compile(r"[^aeiou]aches\Z")
#: a count that adds to or compares with one before it ("up from 24", "another two", "hundreds more")
_CONTINUING_BEFORE = regex.compile(r"(?i:\b(?:from|with|and|than|another|of)[ \t]+\Z)")
_CONTINUING_AT = regex.compile(r"(?i:another\b)")
_CONTINUING_AFTER = regex.compile(r"(?i:[ \t]+(?:more|others)\b)")
#: "the two sides": a number in a referring expression counts nothing
_THE_BEFORE = regex.compile(r"(?i:\bthe[ \t]+\Z)")
_AND = regex.compile(r"[ \t]+(?:and|or)\b")
#: where money that a verb moves goes ("allocates $5bn to the health sector")
_TO = regex.compile(r"(?i:[ \t]+to(?:[ \t]+(?:the|their|its|his|her|our))?\b)")
#: a pronoun for what a count before counted ("26% of them")
_THEM = regex.compile(r"(?i:[ \t]+(?:them|whom)\b)")
#: singular nouns in -is (``crisis``, ``axis``, ``metropolis``); other words in -is are plurals
#: of nouns in -i, mostly peoples (``Israelis``, ``Iraqis``)
_SINGULAR_IS = ("sis", "xis", "polis", "iris", "nnis", "this", "paris", "tunis", "bris", "ncis", "vis", "tis")
_POSSESSIVE = ("'s", "’s", "s'", "s’")
#: where a clause starts, for the subject of a verb of change ("..., and the number of wounded rose to")
_CLAUSE_BREAK = regex.compile(r"[,;:()\[\]—–]|\b(?:while|whereas|said|says|that)\b", regex.I)
#: what may stand between a verb of change and its figure: "rose to", "stood at", "rose by 5% to"
_CHANGE_LINK = regex.compile(r"[ \t]*(?:by[ \t]+[^,;]{1,25}?[ \t]+)?(?:to|at)?[ \t]*\Z", regex.I)
#: what may stand between an object and its figure: "bringing the death toll to", "put the cost at"
_OBJECT_LINK = regex.compile(r"[ \t]+(\S.*?)[ \t]+(?:to|at)[ \t]*\Z", regex.I)
#: what joins a tally noun to what it counts ("the number of refugees", "the bill for reconstruction")
_TALLY_OF = regex.compile(r"[ \t]+(?:of|for)[ \t]+(?:(?:the|their|its)[ \t]+)?", regex.I)
#: a determiner that makes a listed verb a noun ("the total", "its number")
_NOUN_BEFORE = regex.compile(r"\b(?:the|a|an|its|their|his|her|our)[ \t]+\Z", regex.I)
#: determiners and conjunctions before a subject
_DETERMINERS = regex.compile(r"(?:[ \t]*\b(?:the|its|their|his|her|our|this|these|those|and|but|while)\b)*[ \t]*",
                             regex.I)
#: a preposition that joins a phrase to the subject before its verb ("unemployment in the enclave has")
_SUBJECT_PP = regex.compile(r"[ \t]+(?:in|of|from|on|across|among|for|since|over|at|to)[ \t]+", regex.I)


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


def _singular(word: str) -> str:
    """:func:`singular`, and ``israelis`` -> ``israeli`` (a plural in -is of a noun in -i),
    ``caches`` -> ``cache`` (-aches after a consonant: ``headaches``, not ``beaches``)."""
    if _ACHES.search(word):
        return word[:-1]
    if word.endswith("is") and len(word) > 4 and not word.endswith(_SINGULAR_IS) and word not in _roles()["irregular"]:
        return word[:-1]
    return singular(word)


def _is_plural(word: str) -> bool:
    lower = word.lower()
    return lower in _roles()["irregular"] or (
        lower.endswith("s") and not lower.endswith(("ss", "us")) and len(lower) > 3
        and (not lower.endswith("is") or not lower.endswith(_SINGULAR_IS))
    )


def _noun_phrase(text: str, position: int, limit: int, gerund: bool = False) -> tuple[list[str], int, int]:
    """Words of the noun phrase starting at ``position``: (words, start, end); empty when none.

    With ``gerund`` (after ``of``: "three days of national mourning") a word in -ing is a noun."""
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
        if not words and (lower in skip or lower.endswith(_POSSESSIVE[:2])):
            cursor = match.end()  # "six more countries", "one-fifth of Sudan's population"
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
        if len(words) == 1 and lower.endswith("ed") and lower not in relational and _ends_phrase(text, cursor, limit):
            return [], position, position  # "Thousands marched in ...": a verb, not a noun
        if _is_plural(word) and len(words) < _MAX_WORDS:
            following = _WORD.match(text, cursor, limit)
            if following is not None and _is_plural(following.group(1)) and following.group(1).islower() \
                    and following.group(1) not in stop and singular(following.group(1)) not in stop:
                # "225 weapons caches": a plural noun modifying another; not "a city of two
                # million people remains ...", whose second word is a listed verb with its -s
                continue
        if _is_plural(word) or len(words) >= _MAX_WORDS:
            break
        if lower.endswith(("ed", "ing")) and len(words) > 1 and lower not in relational \
                and not (gerund and lower.endswith("ing")):
            words.pop()  # "one drone launched": a verb after the noun
            end = previous_end
            break
    if words and not _is_plural(words[-1]):
        # "22 Arab and Muslim countries", "2,700 air and ground violations": modifiers joined by
        # "and" qualify the noun of the last conjunct (one written like the word before "and")
        conjoined = _AND.match(text, end, limit)
        following = _WORD.match(text, conjoined.end(), limit) if conjoined is not None else None
        verb = following is not None and following.group(1).lower().endswith(("ed", "ing")) \
            and not words[-1].endswith(("ed", "ing"))  # "a curfew and suspended services": a new clause
        if following is not None and not verb \
                and following.group(1)[0].isupper() == text[end - len(words[-1])].isupper():
            rest, _, rest_end = _noun_phrase(text, conjoined.end(), limit)
            if rest and _is_plural(rest[-1]) and len(words) + len(rest) <= _MAX_WORDS \
                    and not _is_headline(text[max(0, start - 60):min(limit, rest_end + 60)]):
                return rest[-1:], start, rest_end
    # a relational head keeps its "of ..." ("27 heads of state", "a cessation of hostilities"),
    # or a complement after another preposition it lists ("a moratorium on energy strikes")
    head = words[-1] if words else ""
    if head in relational:
        link = _link_pattern("of|" + relational[head]).match(text, end, limit)
        if link is not None:
            rest, _, rest_end = _noun_phrase(text, link.end(), limit)
            if rest:
                words += [link.group(1).lower(), *rest]
                end = rest_end
    return words, start, end


def _ends_phrase(text: str, position: int, limit: int) -> bool:
    """Whether no noun can follow ``position``: punctuation, the end, or a function word."""
    following = _WORD.match(text, position, limit)
    return following is None or following.group(1).lower() in _roles()["stop"]


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
            head[-1] = _singular(head[-1])
        if tail and tail[-1] and _is_plural(tail[-1]) and tail[-1] not in ("hostilities", "talks"):
            tail[-1] = _singular(tail[-1])
        return " ".join(head + tail)
    words = list(words)
    if words[-1] != "talks":
        words[-1] = _singular(words[-1])
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
    if unit is None and q.mention.hyphen_unit and q.mention.hyphen_unit.lower() not in _roles()["skip"]:
        # "a 1,000-person swap": the compound names what is counted ("7,000-plus residents" does not)
        entity = _with_role(_singular(q.mention.hyphen_unit.split("-")[0]), text, q.start, sentence_start,
                            sentence_end)
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
    elif not attributive and (of := _OF.match(text, position, sentence_end)) is not None:
        # a part of a whole: "385 of the drones", "27 of the Knesset's 120 seats"
        whole = _whole().match(text, of.end(), sentence_end)
        if whole is not None:  # the whole is a figure of its own: the noun is read, the span kept
            words, head_start, head_end = _noun_phrase(text, whole.end(), sentence_end)
            if words and words[0] not in _roles()["stop"]:
                return EntityReading(_with_role(_normalise(words), text, head_start, sentence_start, sentence_end),
                                     start, end, head_start, head_end)
            return EntityReading(None, start, end, q.start, end)
        position = of.end()
    if attributive and (aside := _ASIDE.match(text, position, sentence_end)) is not None:
        position = aside.end()  # "a 12.7-kilometre (8-mile) stretch of border"
    participle = _WORD.match(text, position, sentence_end)
    if participle is not None and not participle.group(1).lower().endswith(("s", "ing")):  # "11 killed", "11 dead"
        counted = _verbs().get(participle.group(1).lower())
        following = _WORD.match(text, participle.end(), sentence_end)
        if counted is not None and (following is None or following.group(1).lower() in _roles()["stop"]):
            return EntityReading(counted, start, participle.end(1), participle.start(1), participle.end(1))
    words, head_start, head_end = _noun_phrase(text, position, sentence_end)
    if words and words[0] == "times" and len(words) == 1:
        words = []
    if words == ["others"]:  # "wounding 19 others": the others are what the sentence counted before
        return EntityReading(_antecedent(text, sentence_start, q.start), start, head_end, head_start, head_end)
    if words:
        entity = _normalise(words)
        entity = _with_role(entity, text, head_start, sentence_start, sentence_end)
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
    subject = _subject_entity(text, q, sentence_start) if unit is None else None
    if subject is not None:  # "the death toll rose to 116", "bringing the number of refugees to 600,000"
        return EntityReading(subject[0], start, end, subject[1], subject[2])
    if unit is None and q.mention.kind in ("cardinal", "vague") and (
        position > unit_end or _CONTINUING_BEFORE.search(text, max(sentence_start, q.start - 12), q.start)
        or _CONTINUING_AT.match(text, q.start, unit_end) or _CONTINUING_AFTER.match(text, unit_end, sentence_end)
    ):  # "two of them", "another two", "hundreds more", "up from 24.8 million": more of the same thing
        return EntityReading(_antecedent(text, sentence_start, q.start), start, end, q.start, end)
    return EntityReading(None, start, end, q.start, end)


def _subject_entity(text: str, q: Qualified, sentence_start: int) -> tuple[str, int, int] | None:
    """What a bare figure after a verb of change, state or estimate counts: (entity, start, end).

    The subject of the verb ("Casualties rose to 40"), or its object where one stands before
    "to"/"at" ("bringing the death toll to 116"); a tally noun gives its complement ("the number
    of refugees") or the noun before it ("the death toll" -> ``death``). Only within the figure's
    clause: a comma, a conjunction or a reporting verb ends the search."""
    roles = _roles()
    change = roles.get("change", {})
    clause_start = sentence_start
    for brk in _CLAUSE_BREAK.finditer(text, sentence_start, q.start):
        clause_start = brk.end()
    own = _WORD.match(text, q.start)
    if own is not None and own.group(1).lower() in change:  # "topped 1,200": the verb is in the surface
        verb_start, verb_end, rest = own.start(1), own.end(1), ""
    else:
        verbs = [m for m in _LETTERS.finditer(text, clause_start, q.start) if m.group().lower() in change
                 and not _NOUN_BEFORE.search(text, max(clause_start, m.start() - 8), m.start())]  # "the total"
        if not verbs:
            return None
        verb_start, verb_end = verbs[-1].start(), verbs[-1].end()
        rest = text[verb_end:q.start]
    words = [w.lower() for w in _LETTERS.findall(rest)]
    while words and (words[0] in roles.get("auxiliary", {}) or (words[0].endswith("ly") and len(words[0]) > 4)):
        words.pop(0)  # "rose sharply to", "stands now at"
    if _CHANGE_LINK.fullmatch(" " + " ".join(words)) is not None:
        return _subject_phrase(text, clause_start, verb_start)
    obj = _OBJECT_LINK.search(text, verb_end, q.start)
    if obj is None or obj.start() != verb_end:
        return None
    found = _tally(text, obj.start(1), obj.end(1))
    if found is not None:
        return found if found[0] else None
    position = _DETERMINERS.match(text, obj.start(1), obj.end(1)).end()
    phrase, head_start, head_end = _noun_phrase(text, position, obj.end(1))
    if phrase and head_end == obj.end(1):
        return _normalise(phrase), head_start, head_end
    return None


def _tally(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """A tally noun in ``text[start:end]`` and what it counts: its ``of``/``for`` complement, the
    noun before it, or its listed default ("" for none, as for a span ending in a measure noun);
    None when the span holds neither."""
    roles = _roles()
    tallies = roles.get("tally", {})
    for match in _LETTERS.finditer(text, start, end):
        lower = match.group().lower()
        if lower not in tallies:
            continue
        link = _TALLY_OF.match(text, match.end(), end)
        if link is not None:
            phrase, head_start, head_end = _noun_phrase(text, link.end(), end, gerund=True)
            if phrase:
                return _normalise(phrase), head_start, head_end
            word = _WORD.match(text, link.end(), end)  # "the number of wounded": a participle as a noun
            if word is not None and word.group(1).islower() and word.group(1) not in roles["stop"]:
                return word.group(1), word.start(1), word.end(1)
            return None
        before = _WORD_BEFORE.search(text, max(start, match.start() - 30), match.start())
        if before is not None:
            modifier = before.group(1)
            lower_mod = modifier.lower()
            excluded = {*roles["stop"], *roles["skip"], *roles["measure"], *_counting_words()}
            if lower_mod not in excluded and not lower_mod.endswith(("ly", "ed", "ing", "al", "ll", "an", "ic")) \
                    and (modifier.islower() or before.start(1) == start):
                return _singular(lower_mod), before.start(1), before.end(1)
        return tallies[lower], match.start(), match.end()  # "" where only a complement would say
    if (head := _LETTERS.findall(text, start, end)) and head[-1].lower() in roles["measure"]:
        return "", start, end  # "put the figure at": a measure noun names nothing
    return None


def _subject_phrase(text: str, clause_start: int, verb_start: int) -> tuple[str, int, int] | None:
    """The subject of a verb of change: a tally noun in it, else the noun phrase opening the clause,
    when only a prepositional phrase, auxiliaries and adverbs stand between it and the verb."""
    found = _tally(text, clause_start, verb_start)
    if found is not None:
        return found if found[0] else None
    position = _DETERMINERS.match(text, clause_start, verb_start).end()
    phrase, head_start, head_end = _noun_phrase(text, position, verb_start)
    if not phrase:
        return None
    if text[head_start].isupper() and head_start > clause_start and not text[head_start:head_end].islower():
        if _WORD_BEFORE.search(text, max(clause_start, head_start - 30), head_start) is not None \
                or head_start != position:
            return None
    gap = head_end
    pp = _SUBJECT_PP.match(text, gap, verb_start)
    if pp is not None:  # "unemployment in the enclave has climbed": the phrase runs to its noun
        after = _DETERMINERS.match(text, pp.end(), verb_start).end()
        _, _, gap = _noun_phrase(text, _past_names(text, after, verb_start), verb_start)
        gap = max(gap, _past_names(text, after, verb_start))
    auxiliaries = _roles().get("auxiliary", {})
    for word in _LETTERS.findall(text[gap:verb_start]):
        lower = word.lower()
        if lower not in auxiliaries and not (lower.endswith("ly") and len(lower) > 4):
            return None
    if regex.search(r"[^\p{L}\s]", text[gap:verb_start]):
        return None
    return _normalise(phrase), head_start, head_end


@cache
def _measure_words() -> frozenset[str]:
    """Words that name a unit or a currency: a count of them is a measure, not a counted thing."""
    listed = {row[0].lower() for row in table("units.tsv")}
    listed.update(surface.lower() for row in table("currencies.tsv") for surface in row[1:])
    listed.update(row[0].lower() for row in table("number_words.tsv"))  # "two thirds"
    return frozenset(listed | {"times", "percent"})


@cache
def _number_token() -> regex.Pattern[str]:
    counting = "|".join(sorted((regex.escape(w) for w in _counting_words()), key=len, reverse=True))
    return regex.compile(rf"(?i:(?<![\p{{L}}\d.,])(?:\d[\d,.]*\d|\d|dozens?|hundreds|thousands|millions|{counting})\b)")


@cache
def _whole() -> regex.Pattern[str]:
    """The whole of a partitive, when it is a figure of its own ("of the Knesset's 120 seats",
    "of Rakhine State's 17 townships")."""
    return regex.compile(rf"(?:(?:[ \t]+\p{{L}}[\p{{L}}-]*){{1,3}}['’]s)?[ \t]+{_number_token().pattern}(?:-\p{{L}}+)?")


def _antecedent(text: str, sentence_start: int, position: int) -> str | None:
    """What a count with no noun of its own counts: the plural noun of the last count before it
    in its sentence ("killing 40 people and wounding 19 others" -> ``person``), else None."""
    measures = _measure_words()
    for number in reversed(list(_number_token().finditer(text, sentence_start, position))):
        if _SUBSET.search(text, max(sentence_start, number.start() - 40), number.start()) \
                or _THE_BEFORE.search(text, max(sentence_start, number.start() - 5), number.start()):
            continue  # "40 civilians, including 15 children, ... 121 others": a part is not what others add to
        words, head_start, _ = _noun_phrase(text, number.end(), position)
        if words and _is_plural(words[-1]) and words[-1] != "others" and words[-1] not in measures:
            return _with_role(_normalise(words), text, head_start, sentence_start, position)
    return None


def _with_role(entity: str, text: str, position: int, sentence_start: int, sentence_end: int) -> str:
    """A generic noun (``individual``) takes the role its sentence gives it (``prisoner``).

    Not from a role word with a count of its own (``killed 1,200 people and took 251 hostages``),
    nor from a name (``the Prisoners' Society said``), nor from a word well after the noun in
    another phrase (``people marched ... demanding a hostage deal``)."""
    head = _LINK.split(entity, maxsplit=1)[0].split()[-1]
    if head not in _roles()["generic"] and _singular(head) not in _roles()["generic"]:
        return entity
    headline = _is_headline(text[sentence_start:sentence_end])
    for role in _role_pattern().finditer(text, sentence_start, sentence_end):
        word = role.group(1)
        if role.start() > position + _ROLE_REACH:
            break
        if _COUNTED_BEFORE.search(text, max(sentence_start, role.start() - 40), role.start()):
            continue
        if word[0].isupper() and not word.isupper() and not headline and role.start() > sentence_start:
            continue
        return _roles()["role"][word.lower()]
    return entity


def _is_headline(sentence: str) -> bool:
    """Whether most words of ``sentence`` start with a capital, as in a title-case headline."""
    long_words = [w for w in _LETTERS.findall(sentence) if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) * 5 >= len(long_words) * 3


def _measure_entity(
    text: str, q: Qualified, unit: str, unit_end: int, sentence_start: int, sentence_end: int, sentence: str,
) -> EntityReading:
    """What a measure measures: ``two hours of talks``, ``$50 million in aid``, ``95% of requests``."""
    start, end = q.start, unit_end
    currency = unit.isupper()
    money = currency or unit == "percent"
    if currency:  # "a $5m compensation package"; else "losses of about $108 billion", "damage worth ..."
        aside = _ASIDE.match(text, unit_end, sentence_end)
        words, head_start, head_end = _noun_phrase(text, aside.end() if aside else unit_end, sentence_end)
        if words:
            return EntityReading(_normalise(words), start, end, head_start, head_end)
        before = _noun_before(text, q.start, sentence_start)
        if before is not None:
            return EntityReading(before[0], start, end, before[1], before[2])
    of = _MEASURED_OF[currency].match(text[unit_end:sentence_end])
    if of is not None:
        position = unit_end + of.end()
        if currency and of.group().islower():  # "for Ethiopia's recovery", "in El Obeid": names are skipped
            position = _past_names(text, position, sentence_end)
        if _THEM.match(text, position, sentence_end):  # "1,073 patients, 26% of them women"
            return EntityReading(_antecedent(text, sentence_start, q.start), start, end, start, end)
        words, head_start, head_end = _noun_phrase(text, position, sentence_end, gerund=True)
        if words:
            return EntityReading(_normalise(words), start, end, head_start, head_end)
    if money:  # percent: a noun right after; money: the verb that moves it
        words, head_start, head_end = _noun_phrase(text, unit_end, sentence_end) if not currency else ([], 0, 0)
        if words:
            return EntityReading(_normalise(words), start, end, head_start, head_end)
        verb = _verb_before(text, q.start, sentence_start)
        if verb is not None and verb.group(1).lower() in _verbs():
            if currency:  # "allocates 13.5 trillion rubles ($145 billion) to national defense"
                aside = _ASIDE.match(text, unit_end, sentence_end)
                to = _TO.match(text, aside.end() if aside else unit_end, sentence_end)
                if to is not None and (to.group().strip().lower() != "to" or not _purpose_verb(text, to.end())):
                    words, head_start, head_end = _noun_phrase(
                        text, _past_names(text, to.end(), sentence_end), sentence_end, gerund=True)
                    if words:
                        return EntityReading(_normalise(words), start, end, head_start, head_end)
            return EntityReading(_verbs()[verb.group(1).lower()], start, end, verb.start(1), verb.end(1))
        subject = _subject_entity(text, q, sentence_start)
        if subject is not None:  # "Damage was estimated at $3bn", "unemployment has climbed to 80%"
            return EntityReading(subject[0], start, end, subject[1], subject[2])
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


def _purpose_verb(text: str, position: int) -> bool:
    """Whether a verb of purpose follows ``position`` ("to rebuild homes"): the "to" is no destination."""
    following = _WORD.match(text, position)
    return following is not None and following.group(1).lower() in _roles()["purpose"]


def _noun_before(text: str, position: int, floor: int) -> tuple[str, int, int] | None:
    """The noun whose ``of``/``worth`` the money at ``position`` follows, with up to one word
    modifying it: ``losses of``, ``a funding shortfall of``; None for a noun that only
    measures (``a total of``) or a word that cannot be a noun."""
    match = _OF_BEFORE.search(text, max(floor, position - 60), position)
    if match is None:
        return None
    roles = _roles()
    excluded = {*roles["stop"], *roles["skip"], *roles["measure"], *_counting_words()}
    head = match.group(2)
    lower = head.lower()
    if lower in excluded or lower.endswith(("ly", "ed")) or lower.endswith(_POSSESSIVE) \
            or (head[0].isupper() and match.start(2) > floor):
        return None
    words, start = [lower], match.start(2)
    modifier = match.group(1)
    if modifier is not None and modifier.islower() and modifier not in excluded \
            and not modifier.endswith(("ly", "ed", "est")) and not modifier.endswith(_POSSESSIVE):
        words.insert(0, modifier)
        start = match.start(1)
    return _normalise(words), start, match.end(2)


def _past_names(text: str, position: int, limit: int) -> int:
    """Where a phrase starting with names (``El Obeid``, ``Ethiopia's``, ``Syrian``) goes on."""
    cursor = position
    while (match := _WORD.match(text, cursor, limit)) is not None and match.group(1)[0].isupper():
        cursor = match.end()
    return cursor


def _cue_entity(text: str, cue: regex.Match[str], entity: str, limit: int) -> str | None:
    """What a duration cue says lasts: ``entity`` as listed; ``*`` the cue word itself;
    ``+`` in it the thing the cue stops (``waive strikes on energy infrastructure`` ->
    ``waiver of strike on energy infrastructure``), None when nothing follows the cue."""
    if entity == "*":
        return _singular(cue.group().lower())
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
