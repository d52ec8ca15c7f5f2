"""Stage 3: text -> number mentions that may be figures.

One compiled pattern walks the document once. Its alternatives are tried at
each position in order; the first ones recognise what *looks* numeric but is
not a figure (URLs, phone numbers, dates, clock times, ordinals, labels such as
``BM-21`` or ``Resolution 2334``) so that their digits are consumed and never
reported. The last alternatives read numbers proper:

* digits with thousands separators and decimals, with an optional currency sign
  before and multiplier suffix after (``$1.1Bln``, ``15K``, ``2.5 mln``);
* number words (``twenty-seven``, ``one hundred and five``, ``a dozen``), vague
  sizes (``dozens of``, ``hundreds of thousands``), fractions (``half``,
  ``one-fifth``) and multipliers (``twice``);
* a digit range written as one token (``10-15``, ``70,000-80,000``);
* a hyphenated compound keeps the word after its hyphen (``30-day`` -> ``day``),
  and may be a range (``two-to-three-day``).

Two numbers joined by "in" make one share (``one in five children`` -> 0.2).

Afterwards a few context rules drop numbers that are not claims: years, numbers
in referring expressions (``the two sides``), durations that only place
another event in time (``over the past 24 hours``, ``8 years ago``), rhetorical
sizes (``millions of Europeans``) and lines that hold no words (vote counters).
"""

from __future__ import annotations

import bisect
import re
import sys
import time
from collections.abc import Iterator
from decimal import Decimal, localcontext
from functools import cache

import regex

from .lexicon import alternation, month_numbers, table, trie, words
from .models import NumberMention

_ORDINAL_SUFFIX = r"(?:st|nd|rd|th)"


@cache
def _number_words() -> dict[str, tuple[Decimal, str]]:
    return {row[0].lower(): (Decimal(row[1]), row[2]) for row in table("number_words.tsv")}


@cache
def _multipliers() -> dict[str, tuple[Decimal, bool]]:
    return {row[0]: (Decimal(row[1]), row[2] == "money") for row in table("multipliers.tsv")}


@cache
def _currency_signs() -> dict[str, str]:
    """Sign or code written *before* a number -> ISO code (``$`` -> USD, ``EUR`` -> EUR)."""
    signs: dict[str, str] = {}
    for code, *surfaces in table("currencies.tsv"):
        for surface in surfaces:
            if surface and " " not in surface and (
                not surface.isalpha() or surface.isupper() or surface.endswith(".")
                or (surface[0].isupper() and len(surface) <= 3)  # "Rs", "Tk", "KSh"
            ):
                signs[surface] = code
    return signs


def _sign_pattern() -> str:
    """The currency signs as a pattern. A sign of one letter ("N" for the naira) is one only glued
    to a number that a multiplier follows ("N1.2 trillion"); alone it is a label ("N95", "N1")."""
    single = [sign for sign in _currency_signs() if len(sign) == 1 and sign.isalpha()]
    longer = [sign for sign in _currency_signs() if sign not in single]
    # a trie, not an alternation: it is tried before every run of digits, and fails there at once
    if not single:
        return trie(sorted(longer))
    scales = alternation([m for m in _multipliers() if len(m) > 1 or m.islower()])
    glued = rf"(?:{alternation(single)})(?=\d[\d,.]*[^\S\n]?(?:{scales})(?![\p{{L}}\d]))"
    return f"{trie(sorted(longer))}|{glued}"


def _letter_signs() -> str:
    """The currency signs that are letters ("Rs", "KSh", "EUR"): glued to digits they are money
    ("Rs5 crore"), not a label like "BM21"."""
    letters = [sign for sign in _currency_signs() if sign.isalpha()]
    return trie(sorted(letters)) if letters else "(?!)"


@cache
def _compound_words() -> frozenset[str]:
    """Words that make a number-word compound a figure: units (``three-day``) and ``person``-like counts."""
    units = {row[0].lower() for row in table("units.tsv")}
    return frozenset(units | {w + "-old" for w in units} | set(words("compound_counts.txt")))


def _time_units() -> str:
    return alternation(
        tuple(row[0] for row in table("units.tsv") if row[1] in {"second", "minute", "hour", "day", "week", "month", "year", "decade"})
    )


@cache
def _pattern() -> regex.Pattern[str]:
    words_ = _number_words()
    small = [w for w, (_, role) in words_.items() if role in ("unit", "ten")]
    scale = [w for w, (_, role) in words_.items() if role == "scale"]
    fraction = [w for w, (_, role) in words_.items() if role == "fraction"]
    multiplier = [w for w, (_, role) in words_.items() if role == "multiplier"]
    vague = [w for w, (_, role) in words_.items() if role == "vague"]
    counting = alternation(small + scale)
    scales = alternation(scale)
    month = trie(sorted(month_numbers()))  # the names of month_pattern(), tried faster
    # A full stop after a month ends a sentence ("in January.\n\n1-2% of ..."), except after an
    # abbreviation of its English name ("Jan. 7", "Sept. 7"); and no date runs over a line break.
    months = [row[1].lower() for row in table("months.tsv")]
    abbreviations = trie(sorted({name for name in month_numbers() for full in months
                                 if full.startswith(name) and name != full}))
    month_day = rf"(?i:\b(?:(?:{month})\b|(?:{abbreviations})\.))[^\S\n]+"
    suffixes = alternation(tuple(_multipliers()))
    # "1/2", "3/4", "2/3": a share written with a slash, the denominator at most ten (else a date
    # or a name: "9/11", "11/20", "24/7")
    slash_fraction = r"(?<![\d/-])[1-9]/(?:10|[2-9])\b(?![/.]\d|-\d)"
    signs = _sign_pattern()
    letter_signs = _letter_signs()
    labels = alternation(words("label_nouns.txt"))
    zones = alternation([row[0] for row in table("zones.tsv")])
    digits = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
    units_ = alternation([w for w, (_, role) in words_.items() if role == "unit"])
    tens = alternation([w for w, (_, role) in words_.items() if role == "ten"])
    ones = "one|two|three|four|five|six|seven|eight|nine"
    # a number written in words: "twenty-seven", "one hundred and five", "a dozen",
    # "two million five hundred thousand"; "one four-year-old" stays two numbers.
    # Its words never run over a line break ("Kills One Hundred\n\nOne thousand drones" is two numbers).
    sp = r"[^\S\n]"
    atom = rf"(?:(?:{tens})(?:(?:-|{sp})(?:{ones})\b)?|(?:{units_}))"
    word_number = (
        rf"(?:(?:a|an)(?={sp}+(?:{scales})\b)|{atom})"
        rf"(?:(?:(?:-|{sp})+(?:{scales})\b)+(?:(?:{sp}+and)?{sp}+{atom}(?:(?:-|{sp})+(?:{scales})\b)*)*)?"
    )
    day = r"\d{1,2}" + _ORDINAL_SUFFIX + r"?"
    # what may follow a day of a date list; a dash or joiner only before another day that ends the list
    # ("May 7, 8-9.", "May 7, 8 and 9 in Doha"), so that
    # "January 1, 2-3 drones", "March 7, 2 to 3 drones" and "January 1, 2 or more drones" keep their counts
    day_end = r"(?:[,.](?!\d)|[;:)\]]|$|\(|\d{4}|(?:in|at|on|with)\b)"
    joined_day = rf"(?:(?:[-–]|(?:and|or|to|through|until|till)\s)\s*{day}\b\s*(?:{day_end}|(?:and|or)\s))"
    date_tail = rf"(?:(?:\s*,\s*|,?\s+(?:and|or|to|through|until|till)\s+|\s*[-–]\s*){day}\b(?=\s*(?:{day_end}|{joined_day})))*"
    return regex.compile(
        rf"""
        # where a match can begin: a character that is not a letter or space (a digit, a sign, a
        # bracket), or the first letter of a word. Inside a word nothing begins, and the engine
        # gives up there at once instead of trying every alternative (a 2x faster scan).
        (?: (?=[^\p{{L}}\s]) | (?<=[^\p{{L}}\p{{N}}]|^)(?=\p{{L}}) )
        (?:
        (?P<skip>
            https?://\S+ | www\.\S+ | (?<![\w.+-])\w[\w.+-]*+@[\w-]+\.[\w.]+  # URLs, e-mail
          | \+\d{{1,3}}[\s.-]?\(?\d{{1,4}}\)?(?:[\s.-]?\d{{2,4}}){{2,4}}     # phone numbers
          | \(\d{{3}}\)\s?\d{{3}}-\d{{4}}
          | \b\d{{4}}-\d{{2}}-\d{{2}}(?:T[\d:.]+(?:Z|[+-]\d{{2}}:?\d{{2}})?)?\b # ISO dates
          | \b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b                          # 11.05.2025, 5/11/25
          | \b(?!{slash_fraction})\d+/\d+\b(?![/.]\d)                      # 24/7, 9/11, 2023/24
          | \b\d{{1,2}}(?::\d{{2}}|\.[0-5]\d)?\s?(?:[ap]\.\s?m\.?|[ap]m\b|[AP]\.?M\b\.?) # 6 p.m., 9am, 2.30pm
          | \b(?:[01]?\d|2[0-3])\.[0-5]\d[^\S\n]?(?:{zones})\b             # 14.32 BST (a clock time)
          | \b\d{{1,2}}:\d{{2}}(?::\d{{2}})?\b                               # 20:36
          | \b\d{{4}}\s?(?:GMT|UTC|hrs\b|local\s+time)                      # 1800 GMT
          | {month_day}{day}\b{date_tail}                                   # May 7, May 8, 9 and 10
          | \b{day}(?:\s*(?:[-–]|and|to)\s*{day})?\s+(?:of\s+)?(?i:(?:{month})\b)  # 7 May, 7-10 May
          | \b\d{{1,3}}(?:,\d{{3}})*\d*(?:-|\s)?{_ORDINAL_SUFFIX}\b            # 3rd, 80th, 1,000th
          | \b\d+\s?mm\b                                                    # calibres: 82mm
          | (?<![\w-])(?!(?:{letter_signs})\d)\p{{L}}+-?\d[\w-]*           # BM-21, Su-25, M23, G7 (not Rs5)
          | \b\d+[\p{{L}}]+\d[\w-]*                                          # 2S19
          | (?<![\w.])(?:{labels})\.?[ \t]+(?:\d[\d,.]*\b|(?i:{counting})\b)  # Resolution 2334
        )
      | (?P<range>
            (?:(?P<rsign>{signs})\s?|(?<![\w.,/-]))(?P<r1>{digits})\s?(?:[-–]|—)\s?(?P<r2>{digits})
            (?:\s?(?P<rsuffix>{suffixes})(?![\p{{L}}\d]))?(?![\w/]|-\p{{L}}|[.,:]\d)
        )
      | (?P<digits>
            (?:(?P<sign>{signs})\s?|(?<![\w.,/]))(?P<num>{digits})(?![\d]|/\d)
            (?:\s?(?P<suffix>{suffixes})(?![\p{{L}}\d]))?
            (?:-to-(?P<dto>\d+)(?=-\p{{L}})(?!-to-))?  # "2-to-3-day": a range written as one compound
            (?:-(?P<hyph>\p{{L}}+(?:-\p{{L}}+)?))?
        )
      | (?P<vague>
            (?i:\b(?:tens|hundreds|thousands|millions)\s+of\s+(?:thousands|millions|billions)\b)
          | (?i:\b(?:{alternation(vague)})\b)
            (?: (?=(?i:\s+(?:of\b|more\b|[a-z]+ed\b|were\b|are\b|have\b|had\b|fled\b|died\b)))
              # the object of a verb that counts ("Killing Dozens in Amhara", "wounded hundreds")
              | (?<=(?i:\b(?:kill|kills|killed|killing|wound|wounds|wounded|wounding|injure|injures|injured|injuring)[^\S\n]+\p{{L}}+)) )
        )
      | (?P<fraction>
            (?P<slash>{slash_fraction})
          | (?:
              (?i:\b(?:one|a|two|three|four)[-\s](?:{alternation(fraction)})\b)(?!-)
            | (?<!(?i:first|second|other|latter|former|and\s+a|a)\s)(?i:\bhalf\b)(?!-)
            )
            # "half a million", "a quarter of a million": one number, a share of the scale
            (?P<fscale>(?i:{sp}+(?:of{sp}+)?(?:a|an){sp}+(?:{scales})\b))?
        )
      | (?P<multiplier> (?i:\b(?:{alternation(multiplier)})\b)(?!(?i:[^\S\n]+down\b)) )  # not "doubled down"
      | (?P<words>
            # "one and a half million", "three and a half years"
            (?i:\b(?:{atom}){sp}+and{sp}+a{sp}+(?P<half>half)(?:(?:-|{sp})+(?:{scales})\b)*(?!-))
          | (?i:\b{word_number}\b)
            (?:-to-(?P<wto>(?i:{atom}))(?=-\p{{L}})(?!-to-))?  # "two-to-three-day"
            (?:-(?P<whyph>\p{{L}}+(?:-\p{{L}}+)?))?
        )
        )
        """,
        regex.VERBOSE | regex.VERSION0,
    )


# -- context rules -----------------------------------------------------------


def _ending(pattern: str) -> regex.Pattern[str]:
    """A pattern that must end where a number begins (``...\\Z`` on the text before it), searched
    backwards from there, which is quick. Ask it only *whether* it matches: the match a backward
    search finds may start elsewhere than a forward search's."""
    return regex.compile(pattern, regex.REVERSE)


_REFERRING = _ending(
    r"(?i:\b(?:the|these|those|both|all|its|their|his|her|our|your|my|whose|each\s+of\s+the|either\s+of\s+the|one\s+of\s+the)\s+)\Z"
)
_QUALIFIED_BEFORE = _ending(
    r"(?i:\b(?:about|around|nearly|almost|some|over|than|least|up\s+to|roughly|approximately|estimated|only|just|killing|killed|kills|injuring|injured|injures)\s+)\Z"
)
_TWO_LETTERS = regex.compile(r"\p{L}{2}")
_NEWLINE = regex.compile(r"\n")
_WORD_SEPARATOR = regex.compile(r"[\s-]+")
SCAN_SECONDS = 2.0
SCAN_CHARS_PER_SECOND = 100_000


@cache
def _anchor_before() -> regex.Pattern[str]:
    return _ending(
        r"(?i:\b(?:over|in|during|within|for|throughout|across|after|of)\s+the\s+(?:past|last|previous|next|coming|following|first|final|preceding)\s+)\Z"
        r"|(?i:\b(?:in|within|after)\s+(?:just\s+|only\s+|another\s+)?)\Z"
        # "for the first time in more than three years", "within about 48 hours": a hedge between
        # ("after nearly four decades of conflict" says how long the conflict lasted)
        rf"|(?i:\b(?:in|within)\s+(?:{_hedge_phrases()})\s+)\Z"
        # "$760 million over two years", "500 drones over three days": bounds the figure before it
        r"|(?:\d|(?i:\b(?:hundred|thousand|million|billion|trillion|bn|mln|dozens|hundreds|thousands|millions)))"
        r"(?:[^\S\n]+[\p{L}-]+)?[^\S\n]+(?i:over)[^\S\n]+\Z"
    )


@cache
def _qualifier_phrases(position: str) -> tuple[str, ...]:
    """The qualifiers of ``qualifiers.tsv`` written ``before`` or ``after`` a number."""
    return tuple(row[0] for row in table("qualifiers.tsv") if row[2] == position)


@cache
def _hedge_phrases() -> str:
    """The qualifiers of ``qualifiers.tsv`` written before a number, as one alternation."""
    return alternation(_qualifier_phrases("before"))


@cache
def _claimed_before() -> regex.Pattern[str]:
    """What makes a duration a claim though an "after" or "before" clause follows it: "held for
    (nearly) two years before his release", "lasted three days after the strike"."""
    return _ending(rf"(?i:\b(?:for|lasted|lasting|spent|served|took)\s+(?:(?:{_hedge_phrases()})\s+)?)\Z")


@cache
def _unit_after() -> regex.Pattern[str]:
    return regex.compile(rf"(?i:\s*-?\s*(?:{_time_units()})s?\b)")


_ANCHOR_TAIL = regex.compile(r"(?i:\s+(?:ago|later|earlier|into|from\s+now|prior\s+to|before|after|since)\b)")
_YEAR_CONTEXT = _ending(
    r"(?i:\b(?:in|since|of|from|until|till|by|before|after|year|early|late|mid|summer|winter|spring|autumn|fall|and|or|to|between|through|during|around|circa|c\.|the|since\s+early|end\s+of)\s*)\Z"
)
_JOINED = _ending(r"(?<!\b\d{4}\s{1,3})(?i:\b(?:and|or)\s*)\Z")
_POSSESSIVE = _ending(r"\p{L}(?:['’]s|s['’])[^\S\n]+\Z")
#: a plural noun right after a number: "Ukraine's 2000 drones" counts
_PLURAL_RIGHT_AFTER = regex.compile(r"[^\S\n]+(?:\p{Ll}[\p{Ll}-]*\p{Ll}s(?<!ss|us|is)|\p{Lu}\p{Ll}+s|(?i:people|children|men|women))\b")
#: a plural noun after a four-digit number makes it a count: "2000 drones", "1800 Drones" in a headline
_PLURAL_NOUN_AFTER = regex.compile(r"\s+(?:(?:[\p{Ll}-]+\s+){0,2}?[\p{Ll}]{2,}s|\p{Lu}\p{Ll}+s)\b")


@cache
def _irregular_plural_after() -> regex.Pattern[str]:
    """An irregular plural right after a number: "1800 people", "2000 children"."""
    plurals = [row[0] for row in table("entity_words.tsv") if row[1] == "irregular"]
    return regex.compile(rf"\s+(?i:{alternation(plurals)})\b")
_RHETORICAL = regex.compile(r"(?i:\s+of\s+(?:\p{Lu}\p{Ll}+(?:ans|ens|ese|ish|is|ers)|us|them|people\s+around|dollars\s+worth)\b)")
_NUMBER_NEXT = regex.compile(r"\s+(?:\d|(?i:two|three|four|five|six|seven|eight|nine|ten)\b)")
#: "one soldier was killed", "left one Cambodian soldier dead": a count is claimed of what "one" names
_ONE_CLAIMED_AFTER = regex.compile(
    r"(?i:[^\S\n]+(?!(?:of|else|another|more|day|time|way)\b)\p{L}[\p{L}-]*(?:[^\S\n]+\p{L}[\p{L}-]*)?[^\S\n]+"
    r"(?:(?:was|is|has\s+been|had\s+been)[^\S\n]+)?"
    r"(?:killed|dead|died|wounded|injured|hurt|missing|captured|arrested|detained|abducted|kidnapped)\b)"
)
#: "cut to one base from eight", "one brigade to three": a count that changes to or from another
_ONE_CHANGED_AFTER = regex.compile(
    r"(?i:(?:[^\S\n]+\p{L}[\p{L}-]*)?[^\S\n]+(?:from|to)[^\S\n]+(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|a\s+hundred)\b))"
)
_ONE_CHANGED_BEFORE = _ending(r"(?i:\bfrom[^\S\n]+(?:\d[\d,]*|\p{L}+)(?:[^\S\n]+\p{L}+)?[^\S\n]+to[^\S\n]+)\Z")
_NO_ONE = _ending(r"(?i:\b(?:no|any|every|not)\s+)\Z")
#: page furniture: "© 2025 Reuters", "2 min read", "1 of 3 photos"
_COPYRIGHT = _ending(r"(?:©|\((?i:c)\)|(?i:\bcopyright))[^\S\n]*\Z")
_READ_TIME = regex.compile(r"(?i:[^\S\n]*(?:min|mins|minute|minutes)[^\S\n]+read)\b")
_PICTURES = r"(?:photos?|images?|pictures?|slides?|videos?)"
_GALLERY_AFTER = regex.compile(rf"(?i:[^\S\n]+of[^\S\n]+\d+[^\S\n]+{_PICTURES})\b")
_GALLERY_BEFORE = _ending(r"\b\d+[^\S\n]+(?i:of)[^\S\n]+\Z")
_PICTURES_AFTER = regex.compile(rf"(?i:[^\S\n]+{_PICTURES})\b")
_ONE_COUNTS = _ending(r"(?i:\b(?:at\s+least|more\s+than|only|just|killing|killed|kills|injuring|injured|injures|wounding|wounded|another)\s+)\Z")


class _NotANumber(ValueError):
    """Digits the decimal module cannot read (a script newer than this Python's Unicode tables)."""


def _decimal(digits: str) -> Decimal:
    try:
        return Decimal(digits.replace(",", ""))
    except ArithmeticError:
        raise _NotANumber(digits) from None


def _scaled(value: Decimal, factor: Decimal) -> Decimal:
    """``value * factor`` without a trailing ``.0`` (``1.1 * 10**9`` -> ``1100000000``)."""
    with localcontext() as context:  # exact however many digits are written ("10000000000000000000000M")
        context.prec = max(context.prec, len(value.as_tuple().digits) + len(factor.as_tuple().digits) + 2)
        product = value * factor
        return product.quantize(Decimal(1)) if product == product.to_integral_value() else product.normalize()


def _word_value(phrase: str) -> Decimal | None:
    """Value of a number written in words: "one hundred and five" -> 105, "a dozen" -> 12."""
    words_ = _number_words()
    total = Decimal(0)
    current = Decimal(0)
    seen = False
    for token in _WORD_SEPARATOR.split(_key(phrase)):
        if token in ("and", ""):
            continue
        if token in ("a", "an"):
            current = Decimal(1)
            continue
        value, role = words_[token]
        seen = True
        if role == "scale":
            current = (current or Decimal(1)) * value
            if value >= 1000:
                total += current
                current = Decimal(0)
        else:
            current += value
    return total + current if seen else None


@cache
def _hedged_before() -> regex.Pattern[str]:
    """Any qualifier of ``qualifiers.tsv`` written before a number: what follows it is a count, not a year."""
    return _ending(rf"(?i:(?<!\w)(?:{_hedge_phrases()})\s+)\Z")


@cache
def _hedged_after() -> regex.Pattern[str]:
    """A qualifier of ``qualifiers.tsv`` written after a number (``+``, ``or more``)."""
    return regex.compile(rf"(?i:[ \t]*(?:{alternation(_qualifier_phrases('after'))})(?![\w]))")


@cache
def _measure_after() -> regex.Pattern[str]:
    """A unit of ``units.tsv`` or a currency word of ``currencies.tsv`` right after a number: it
    measures something ("1800 sq km", "1800 yuan": a currency word need not end in s)."""
    currencies = [surface for _, *surfaces in table("currencies.tsv") for surface in surfaces if surface[:1].isalpha()]
    measures = alternation([row[0] for row in table("units.tsv")] + currencies)
    return regex.compile(rf"(?i:[ \t]?(?:{measures})(?![\p{{L}}\d]))")


@cache
def _hedge_words() -> frozenset[str]:
    """Words of ``qualifiers.tsv`` written after a number that may be glued to it by a hyphen
    ("7,000-plus", "500-odd"): a hedge, not the unit of a compound like "30-day"."""
    phrases = [phrase.lower().lstrip("-") for phrase in _qualifier_phrases("after")]
    return frozenset(p for p in phrases if p.isalpha())


def _is_year(text: str, start: int, end: int, value: Decimal) -> bool:
    if end - start != 4 or not text[start:end].isdigit() or not (1800 <= value <= 2100):
        return False  # "1.8k" is no year
    before = text[max(0, start - 30):start]
    if _QUALIFIED_BEFORE.search(before) or _hedged_before().search(before):
        return False  # "about 2000 people", "a minimum of 2000 children"
    if _POSSESSIVE.search(before) and _PLURAL_RIGHT_AFTER.match(text, end) is None:
        return True  # "Russia's 2025 budget", "Israel's 2023 war"; not "Ukraine's 2000 drones"
    context = _YEAR_CONTEXT.search(before)
    if context is not None:
        joined = _JOINED.search(before)  # "2014 and 2022" are years; "2 drones and 1800 drones" counts
        if joined is None or _PLURAL_NOUN_AFTER.match(text, end) is None:
            return True
    if _hedged_after().match(text, end) or _measure_after().match(text, end):
        return False  # "1800+ drones", "2000 or more people", "1800 sq km", "2000 tonnes"
    return _PLURAL_NOUN_AFTER.match(text, end) is None and _irregular_plural_after().match(text, end) is None


#: a stay that a duration measures: "freed after 584 days in captivity" says how long they were held
_HELD_AFTER = regex.compile(
    r"(?i:[^\S\n]+(?:in[^\S\n]+(?:captivity|detention|prison|jail|custody|hiding|exile)|behind[^\S\n]+bars"
    r"|under[^\S\n]+siege)\b)"
)


def _is_time_anchor(text: str, start: int, end: int) -> bool:
    """A duration that only places another event in time: "over the past 24 hours", "8 years ago";
    not one that measures a stay ("released after 584 days in captivity")."""
    after = _unit_after().match(text, end)
    if after is None or _HELD_AFTER.match(text, after.end()):
        return False
    before = text[max(0, start - 40):start]
    if _anchor_before().search(before):
        return True
    # "nearly two years after it was seized", "two days before the vote"; not "held for two years
    # before his release", which says how long something lasted
    return _ANCHOR_TAIL.match(text, after.end()) is not None and _claimed_before().search(before) is None


def _line_has_words(text: str, line_start: int) -> bool:
    line_end = text.find("\n", line_start)
    return _TWO_LETTERS.search(text, line_start, len(text) if line_end < 0 else line_end) is not None


def find(text: str) -> list[NumberMention]:
    """Every number in ``text`` that may be a figure, in order of position."""
    lines: dict[int, bool] = {}  # line start -> whether the line has words: each line is read once
    breaks = [m.start() for m in _NEWLINE.finditer(text)]
    read: list[NumberMention] = []
    for match in _scan(text):
        kind = match.lastgroup
        if kind == "skip":
            continue
        try:
            mention = _read(match)
        except _NotANumber:
            continue
        if mention is None:
            continue
        before = bisect.bisect_left(breaks, mention.start)
        line_start = breaks[before - 1] + 1 if before else 0
        if line_start not in lines:
            lines[line_start] = _line_has_words(text, line_start)
        if lines[line_start]:
            read.append(mention)
    return [mention for mention in _ratios(text, read) if _keep(text, mention)]


_RATIO_GAP = regex.compile(r"[^\S\n]+(?i:in)[^\S\n]+(?:(?i:every)[^\S\n]+)?")
_RATIO_NOT_AFTER = regex.compile(r"[-.,]\d")


def _plain(mention: NumberMention) -> bool:
    return mention.kind == "cardinal" and mention.high is None and mention.currency is None and mention.hyphen_unit is None


def _ratios(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """Two numbers joined by "in" that make a share: "one in five children" -> 0.2, "9 in 10",
    "one in every three"; the first a whole number from one to nine, the second larger and no
    year or duration ("8 in 5", "1 in 2005", "3 in 10 days" stay apart). Read after the scan,
    as the pattern cannot compare two numbers."""
    out: list[NumberMention] = []
    i = 0
    while i < len(mentions):
        first = mentions[i]
        second = mentions[i + 1] if i + 1 < len(mentions) else None
        if (second is not None and _plain(first) and _plain(second)
                and first.value in _ONE_TO_NINE and first.value < second.value
                and _RATIO_GAP.fullmatch(text, first.end, second.start)
                and not (second.end - second.start == 4 and text[second.start:second.end].isdigit()
                         and 1800 <= second.value <= 2100)
                and _unit_after().match(text, second.end) is None
                and _RATIO_NOT_AFTER.match(text, second.end) is None):
            share = (first.value / second.value).quantize(Decimal("0.0001")).normalize()
            out.append(NumberMention(first.start, second.end, share, "fraction"))
            i += 2
            continue
        out.append(first)
        i += 1
    return out


_ONE_TO_NINE = frozenset(Decimal(n) for n in range(1, 10))


@cache
def _first_words() -> frozenset[str]:
    """Lower-case words that can begin a match of :func:`_pattern` (every other word cannot)."""
    begins = set(month_numbers()) | set(_number_words()) | {w.lower() for w in words("label_nouns.txt")}
    # a sign of one letter is one only glued to digits ("N1.2 trillion"): the digits are a candidate, and
    # the scan tries the start of their token
    begins |= {sign.lower() for sign in _currency_signs() if len(sign) > 1 or not sign.isalpha()}
    begins |= {"a", "an", "tens", "hundreds", "thousands", "millions", "http", "https", "www"}
    return frozenset(w.split()[0].rstrip(".").lower() for w in begins if w and w[0].isalpha())


def _fold(text: str) -> str:
    """``text`` lower-cased one character for one, so that offsets stay: ``İ`` (lower case ``i̇``,
    two characters) becomes ``i``, and every ``ς`` a ``σ`` (``lower()`` writes either, by context)."""
    return text.replace("\u0130", "i").lower().replace("\u03c2", "\u03c3")


@cache
def _candidate_patterns() -> tuple[re.Pattern[str], re.Pattern[str], regex.Pattern[str]]:
    """The cheap patterns of :func:`_scan`: a sign or a run of digits (a match may begin there);
    in the :func:`_fold`-ed text, a first word (:func:`_first_words`) or a numeral
    (:func:`_numerals`, none of them ASCII), with the character before it, which is no letter or
    digit; and, read backwards from a candidate, the characters a match may hold before it
    ("BM-21", "a.b@c.org", "US$5")."""
    signs = {sign[0] for sign in _currency_signs() if not sign[0].isalnum()} | set("@+($")
    marks = "".join(sorted(signs)).replace("\\", "\\\\").replace("]", "\\]").replace("^", "\\^")
    token_signs = "".join(sorted(signs - set("@+("))).replace("\\", "\\\\").replace("]", "\\]")
    # a word as _fold writes it ("i̇" is how a word's İ was lower-cased); words holding anything
    # but letters ("us$") are never a whole word of the text
    folded = {_fold(word.replace("i\u0307", "i")) for word in _first_words()}
    letters = sorted(word for word in folded if re.fullmatch(r"[^\W\d_]+", word))
    ascii_first = trie(word for word in letters if word[0].isascii()) or "(?!)"  # (?!): no word at all
    other_first = trie(word for word in letters if not word[0].isascii()) or "(?!)"
    numerals = "".join(map(re.escape, _numerals()))
    # A word is tried against every first letter of the trie in turn, and a word that is no first
    # word (most are) fails only after the last: one trie for words that begin with an ASCII letter
    # and one, behind a single test, for the rest, so that such a word fails after half as many
    # letters (a third less time for the search).
    # A sign or a run of digits is written with one set of first characters, which re skips to fast.
    return (re.compile(rf"[\d{marks}](?:(?<=\d)\d*)?"),
            re.compile(rf"[\W_](?:(?:{ascii_first})(?![^\W\d_])"
                       rf"|(?=[^\x00-\x7f])(?:(?:{other_first})(?![^\W\d_])|[^\x00-\x7f](?<=[{numerals}])))"),
            regex.compile(rf"(?r)[\w.+\-{token_signs}]*"))


@cache
def _numerals() -> str:
    """What ``re`` counts as a letter (``[^\\W\\d_]``) but ``str.isalpha`` does not: numerals
    such as ``²``, ``½``, ``Ⅻ``. A word that starts with one is always a candidate."""
    chars = map(chr, range(sys.maxunicode + 1))
    return "".join(c for c in filter(str.isnumeric, chars) if not c.isalpha() and not c.isdecimal())


def _candidates(text: str) -> list[tuple[int, int]]:
    """Where a match of :func:`_pattern` may begin, in order, as runs ``(start, end)`` of
    positions: a run of digits (each digit is a candidate), a sign, or a word that does not
    follow a letter or a digit and is one of :func:`_first_words` ("a", "May", "twenty") or
    starts with one of the :func:`_numerals`.

    Words are found case-blind in the folded text (the character before a word is matched too, so
    that a space before the text stands in for its start), then checked as written: kept if they
    start with a numeral or, lower-cased, are a first word. The two kinds of runs never share a
    start (a word starts with a letter or numeral, a run with a digit or sign), so one sort of the
    two lists orders them; lists and a sort cost less than merging two generators."""
    signs, word_starts, _ = _candidate_patterns()
    first = _first_words()
    folded = " " + _fold(text)  # folded[i + 1] is text[i]: a match at i is a word starting at text[i]
    runs = [match.span() for match in signs.finditer(text)]
    starts = [match.span() for match in word_starts.finditer(folded)]
    runs += [(start, start + 1) for start, end in starts
             if not text[start].isalpha() or text[start:end - 1].lower() in first]
    runs.sort()
    return runs


def _scan(text: str) -> Iterator[regex.Match[str]]:
    """The matches of :func:`_pattern` over ``text``, as ``finditer`` would give them, but fast.

    ``finditer`` tries every alternative at every character. Here the big
    pattern is tried only at the :func:`_candidates` (a digit, a sign, or a word
    that some alternative begins with), and at the start of the token that holds
    it and of the words in that token ("x.Su-25"): at most a few tries within 40
    characters, so a long run like ``1.2.1.2...`` stays linear. Where
    :func:`_article_skip` shows that no alternative can match ("a" or "an" before
    a word that is no scale or fraction word: a third of all tries), the try is
    left out.
    A last guard against a pattern that backtracks for ever: a time budget
    fifty times the usual cost; past it a :class:`TimeoutError` ends the document.
    """
    pattern = _pattern()
    token_before = _candidate_patterns()[2]
    article = _article_skip()
    deadline = time.monotonic() + SCAN_SECONDS + len(text) / SCAN_CHARS_PER_SECOND
    resume = 0
    for run_start, run_end in _candidates(text):
        if run_end <= resume:
            continue  # candidates inside a match are passed over
        position = run_start if run_start > resume else resume
        while position < run_end:
            if position and not text[position - 1].isspace():  # no token has a space ("a.b@c.org", "US$5")
                token = token_before.match(text, max(resume, position - 40), position).start()
                starts = _starts(text, token, position)
            else:
                starts = [position]
            for start in starts:
                if article is not None and text[start] in "aA" and article.match(text, start):
                    continue  # no match can begin here
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError("the number scan ran past its time budget")
                match = pattern.match(text, start, timeout=remaining)
                if match and match.end() > start:
                    resume = match.end()
                    yield match
                    if resume > position:
                        break
            position = position + 1 if position >= resume else resume


@cache
def _article_skip() -> regex.Pattern[str] | None:
    """Where :func:`_pattern` cannot match though a candidate begins there: "a" or "an", a blank,
    and then no scale or fraction word ("a new", "an attack"; not "a thousand", "a half").

    Of the pattern's alternatives only two may begin with the word "a" or "an" and a blank: a
    number in words (``a`` or ``an``, blanks, a scale word) and a fraction (``a``, one blank or
    hyphen, a fraction word). The rest begin with a digit, a sign, a fixed word (``http``,
    ``www``, ``tens``, ``half``), a word that runs on into a digit or an ``@`` (``BM-21``,
    ``a@b.org``), or a phrase of a word list (months, labels, signs, number words). None if such
    a phrase could itself be "a" or "an" before a blank: then the proof no longer holds, and
    every candidate is tried.
    """
    listed = [*month_numbers(), *words("label_nouns.txt"), *_currency_signs(), *_number_words()]
    article = regex.compile(r"(?i)an?(?:\s|$)")
    if any(article.match(phrase) for phrase in listed):
        return None
    after = [w for w, (_, role) in _number_words().items() if role in ("scale", "fraction")]
    return regex.compile(rf"(?i:an?\s++(?!(?:{alternation(after)})\b))", regex.VERSION0)


def _starts(text: str, token: int, position: int) -> list[int]:
    """Where to try the pattern for a candidate at ``position`` in a token starting at ``token``."""
    if token == position:
        return [position]
    inner = [i for i in range(token + 1, position) if text[i].isalpha() and not text[i - 1].isalnum()]
    return [token, *inner, position]


def _read(match: regex.Match[str]) -> NumberMention | None:
    """The mention a match stands for, or None where it turns out not to be a number."""
    group = match.lastgroup
    start, end = match.span()
    if group == "range":
        low, high = _decimal(match["r1"]), _decimal(match["r2"])
        factor = _multipliers()[match["rsuffix"]][0] if match["rsuffix"] else Decimal(1)
        if match["rsuffix"] and _multipliers()[match["rsuffix"]][1] and not match["rsign"]:
            factor, end = Decimal(1), match.end("r2")  # "5-10m": metres, not millions, without a currency
        if factor != 1 and low < high:
            low = _scaled(low, factor)  # "1-2 billion": the suffix scales both ends ("800,000-1.2 million" not)
        high = _scaled(high, factor)
        if low >= high or (match["r1"].isdigit() and len(match["r1"]) == 4 and 1800 <= low <= 2100):
            return None  # "2025 - 20:36", "2014-2022": not a range of counts
        currency = _currency_signs()[match["rsign"]] if match["rsign"] else None
        return NumberMention(start, end, low, "cardinal", high=high, currency=currency)
    if group == "digits":
        value = _decimal(match["num"])
        sign = match["sign"]
        currency = _currency_signs()[sign] if sign else None
        suffix = match["suffix"]
        if suffix:
            factor, needs_money = _multipliers()[suffix]
            if needs_money and currency is None and not _counts_millions(match):
                end = match.end("num")
                return NumberMention(match.start("sign") if sign else match.start("num"), end, value,
                                     currency=currency)
            value = _scaled(value, factor)
        first = match.start("sign") if sign else match.start("num")
        upper: Decimal | None = _decimal(match["dto"]) if match["dto"] else None
        if upper is not None and (suffix or upper <= value):
            upper, end = None, match.start("dto") - len("-to-")  # "5m-to-10", "10-to-5": no range read
        hyphen = _lower(match["hyph"]) if upper is not None or not match["dto"] else None
        if hyphen is not None and hyphen in _hedge_words():
            hyphen, end = None, match.start("hyph") - 1  # "7,000-plus", "500-odd": a hedge, read later
        return NumberMention(first, end, value, currency=currency, hyphen_unit=hyphen, high=upper)
    if group == "vague":
        phrase = _key(match.group())
        value = _vague_value(phrase)
        return NumberMention(start, end, value, "vague")
    if group == "fraction":
        if match["slash"]:
            top, _, bottom = match["slash"].partition("/")
            if int(top) >= int(bottom):
                return None  # "5/2": no share
            return NumberMention(start, end, (Decimal(top) / Decimal(bottom)).quantize(Decimal("0.0001")).normalize(),
                                 "fraction")
        words_ = _number_words()
        share_end = match.start("fscale") if match["fscale"] else end
        parts = _WORD_SEPARATOR.split(_key(match.string[start:share_end]))
        share = words_[parts[-1]][0]
        count = words_[parts[0]][0] if len(parts) > 1 and parts[0] in words_ else Decimal(1)
        share = {Decimal("0.333333"): Decimal(1) / 3, Decimal("0.166667"): Decimal(1) / 6,
                 Decimal("0.142857"): Decimal(1) / 7, Decimal("0.111111"): Decimal(1) / 9}.get(share, share)
        if match["fscale"]:  # "half a million": a count, not a share
            scale = words_[_WORD_SEPARATOR.split(_key(match["fscale"]).strip())[-1]][0]
            return NumberMention(start, end, (count * share * scale).quantize(Decimal(1)))  # a third of a million
        return NumberMention(start, end, (count * share).quantize(Decimal("0.0001")).normalize()
                             if count * share != (count * share).to_integral_value() else count * share,
                             "fraction")
    if group == "multiplier":
        return NumberMention(start, end, _number_words()[_key(match.group())][0], "multiplier")
    if group == "words":
        if match["half"]:  # "two and a half million": (2 + 0.5) times the scales after "half"
            head = _word_value(match.string[start:match.start("half")].rsplit(None, 3)[0])
            scales = _word_value(match.string[match.end("half"):end]) or Decimal(1)
            return None if head is None else NumberMention(start, end, _scaled(head + Decimal("0.5"), scales))
        body_end = match.start("wto") - len("-to-") if match["wto"] else match.start("whyph") - 1 if match["whyph"] else end
        value = _word_value(match.string[start:body_end])
        if value is None:
            return None
        word_upper = _word_value(match["wto"]) if match["wto"] else None
        if word_upper is not None and word_upper <= value:
            return NumberMention(start, body_end, value)  # "three-to-two": no range
        hyphen = _lower(match["whyph"])
        if hyphen is not None and hyphen in _hedge_words():
            hyphen, end = None, body_end  # "thirty-odd", "fifty-plus"
        return NumberMention(start, end, value, hyphen_unit=hyphen, high=word_upper)
    return None


@cache
def _count_after() -> regex.Pattern[str]:
    """What follows "12m" or "3B" when it counts millions or billions, not metres or a label: a
    plural noun ("12m people", "2m Syrian refugees", "5m tonnes") or a plural verb ("25m face
    hunger", "2m were displaced"). A measure in metres is followed by a singular noun, an
    adjective or a preposition ("a 12m wall", "12m high", "50m from the border")."""
    plurals = [row[0] for row in table("entity_words.tsv") if row[1] == "irregular"]
    verbs = "are|were|have|had|face|faced|need|needed|remain|remained|live|lack|require|depend|rely|fled|died"
    noun = rf"(?:(?i:{alternation(plurals)})|\p{{Ll}}{{2,}}s(?<!ss|us|is|as))\b"
    return regex.compile(rf"[^\S\n]+(?:(?:\p{{Lu}}\p{{Ll}}+[^\S\n]+)?{noun}|(?:{verbs})\b)")


def _counts_millions(match: regex.Match[str]) -> bool:
    """Whether a multiplier that needs a currency ("m", "B") is one all the same: glued to the
    number, with no hyphen after it, and a count after it (:func:`_count_after`)."""
    if match["hyph"] or match.start("suffix") != match.end("num"):
        return False
    return _count_after().match(match.string, match.end()) is not None


def _key(words_: str) -> str:
    """Number words as the word list spells them. The pattern matches case-blind, and so takes
    ``İ`` for ``i`` (which :func:`_fold` turns into it) and ``ſ`` (long s) for ``s``."""
    return _fold(words_).replace("\u017f", "s")


def _lower(word: str | None) -> str | None:
    return word.lower() if word else None


def _vague_value(phrase: str) -> Decimal:
    words_ = _number_words()
    parts = phrase.split()
    if len(parts) == 3:  # "tens of thousands", "hundreds of thousands"
        first = {"tens": Decimal(10)}.get(parts[0]) or words_[parts[0]][0]
        return first * words_[parts[2]][0]
    return words_[parts[0]][0]


def _is_furniture(text: str, start: int, end: int) -> bool:
    """Digits of a page's furniture, no claim: "© 2025 Reuters", "2 min read", "1 of 3 photos"."""
    before = text[max(0, start - 12):start]
    after = text[end:end + 16].lower()  # plain substring tests first: most numbers have none of these
    if ("©" in before or "(" in before or "opyright" in before) and _COPYRIGHT.search(before):
        return True
    if "read" in after and _READ_TIME.match(text, end):
        return True
    if " of " in after and _GALLERY_AFTER.match(text, end):
        return True
    return " of " in before.lower() and _GALLERY_BEFORE.search(before) is not None and _PICTURES_AFTER.match(text, end) is not None


#: "a third" before a word that a share cannot take ("a third consecutive day", "a third round of
#: talks", "a fifth term"): the ordinal, not a share. A share is followed by "of", a comparison,
#: a preposition or a determiner, or ends its clause ("cut by a third last year", "a third more")
_ORDINAL_SHARE = regex.compile(r"(?i:an?[\s-]+(?:third|fourth|fifth|sixth|seventh|eighth|ninth|tenth))")
_NOT_A_SHARE_AFTER = regex.compile(
    r"[^\S\n]+(?!(?i:of|more|less|fewer|as|than|and|or|but|nor|in|on|at|to|by|from|for|with|over|under"
    r"|since|after|before|during|between|among|last|this|that|these|those|the|its|their|his|her|our"
    r"|my|your|a|an|each|per|off|down|up|lower|higher|is|are|was|were|had|has|have|will|would)\b)\p{L}"
)


def _keep(text: str, mention: NumberMention) -> bool:
    """Context rules: whether a mention is a claim rather than a year, a reference or an anchor."""
    start, end = mention.start, mention.end
    surface = text[start:end]
    if mention.kind == "fraction" and _ORDINAL_SHARE.fullmatch(surface) and _NOT_A_SHARE_AFTER.match(text, end):
        return False  # "a third consecutive day": an ordinal
    if mention.value == 0 and mention.kind == "cardinal" and surface.isdigit():
        return False  # "0 Comments", vote counters: page furniture, not a claim
    if surface[0].isdigit() and _is_furniture(text, start, end):
        return False
    if mention.hyphen_unit and not surface[0].isdigit() and mention.hyphen_unit not in _compound_words():
        return False  # "two-state solution", "one-man show": a name, not a count
    if mention.kind == "cardinal" and mention.high is None and mention.currency is None and mention.hyphen_unit is None:
        if _is_year(text, start, end, mention.value):
            return False
    before = text[max(0, start - 30):start]
    if mention.hyphen_unit is None and mention.kind == "cardinal" and mention.currency is None:
        if _REFERRING.search(before) and mention.value < 100:
            return False
        if surface.lower() == "one" and not (_ONE_COUNTS.search(before) or _NUMBER_NEXT.match(text, end)
                                             or _ONE_CHANGED_AFTER.match(text, end) or _ONE_CHANGED_BEFORE.search(before)
                                             or (_ONE_CLAIMED_AFTER.match(text, end) and not _NO_ONE.search(before))):
            return False
    if mention.kind == "cardinal" and mention.hyphen_unit is None and _is_time_anchor(text, start, end):
        return False
    if mention.kind == "vague" and mention.value >= 1000000 and _RHETORICAL.match(text, end):
        return False
    return True

