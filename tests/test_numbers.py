"""Numbers, qualifiers and units on sentences of our own, plus properties over generated ones."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from figures import extract, numbers

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int) -> str:
    """English words for 1..999,999 ("one hundred and five", "twenty-seven thousand")."""
    if n >= 1000:
        rest = n % 1000
        head = f"{in_words(n // 1000)} thousand"
        return head if not rest else f"{head} {'and ' if rest < 100 else ''}{in_words(rest)}"
    if n >= 100:
        rest = n % 100
        head = f"{ONES[n // 100]} hundred"
        return head if not rest else f"{head} and {in_words(rest)}"
    if n >= 20:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    return ONES[n]


@pytest.mark.parametrize(
    "sentence, surface, value, qualifier, low, high, unit, entity",
    [
        ("Russia launched 524 drones overnight.", "524 drones", "524", "exact", None, None, None, "drone"),
        ("Officials counted nearly 5,000 violations.", "nearly 5,000 violations", "5000", "approx", None, None, None, "violation"),
        ("The EU pledged $1.1Bln to the fund.", "$1.1Bln", "1100000000", "exact", None, None, "USD", None),
        ("Ukraine wants a 30-day ceasefire.", "30-day", "30", "exact", None, None, "day", "ceasefire"),
        ("A 1,000-person swap took place.", "1,000-person", "1000", "exact", None, None, None, "prisoner"),
        ("Up to 30 shells hit the town.", "Up to 30 shells", "30", "at_most", None, "30", None, "shell"),
        ("Fewer than 20 trucks entered.", "Fewer than 20 trucks", "20", "less_than", None, "20", None, "truck"),
        ("At least 16 people were injured.", "At least 16 people", "16", "at_least", "16", None, None, "person"),
        ("Between 10 and 15 soldiers deserted.", "Between 10 and 15 soldiers", None, "range", "10", "15", None, "soldier"),
        ("Some 70,000-80,000 people fled.", "Some 70,000-80,000 people", None, "range", "70000", "80000", None, "person"),
        ("Prices rose 40 per cent.", "40 per cent", "40", "exact", None, None, "percent", None),
        ("Factories furloughed 15K workers.", "15K workers", "15000", "exact", None, None, None, "worker"),
        ("The fine was 2.5 mln rubles.", "2.5 mln rubles", "2500000", "exact", None, None, "RUB", None),
        ("Rebels freed twenty-seven hostages.", "twenty-seven hostages", "27", "exact", None, None, None, "hostage"),
        ("One-fifth of homes lost power.", "One-fifth of homes", "0.2", "exact", None, None, None, "home"),
        ("Strike On Market Kills 12", "Kills 12", "12", "exact", None, None, None, "person killed"),
        ("The talks lasted almost two hours.", "almost two hours", "2", "approx", None, None, "hour", None),
        ("The town lies 61km north-east of Donetsk.", "61km", "61", "exact", None, None, "km", "distance"),
        # "m" glued to a number counts millions before a plural noun or verb; metres elsewhere
        ("Floods displaced more than 1.4m people.", "more than 1.4m people", "1400000", "more_than", "1400000", None, None, "person"),
        ("Nearly 25m face acute hunger.", "Nearly 25m", "25000000", "approx", None, None, None, None),
        ("Engineers are building a 12m wall.", "12m wall", "12", "exact", None, None, None, None),
        ("Half a million children face famine.", "Half a million children", "500000", "exact", None, None, None, "child"),
        ("Aid reached a quarter of a million people.", "a quarter of a million people", "250000", "exact", None, None, None, "person"),
        ("One and a half million people fled.", "One and a half million people", "1500000", "exact", None, None, None, "person"),
        # a duration after "after" places an event, unless it measures a stay
        ("The journalist was freed after 412 days in detention.", "412 days", "412", "exact", None, None, "day", None),
        ("Add 3/4 cup of flour.", "3/4 cup", "0.75", "exact", None, None, None, None),
        ("The death toll has topped 1,200.", "topped 1,200", "1200", "more_than", "1200", None, None, None),
        ("Losses surpassed $4 billion.", "surpassed $4 billion", "4000000000", "more_than", "4000000000", None, "USD", None),
        ("The toll was higher than 3,000.", "higher than 3,000", "3000", "more_than", "3000", None, None, None),
        ("More or less 200 people gathered.", "More or less 200 people", "200", "approx", None, None, None, "person"),
        ("Some 300-odd fighters surrendered.", "Some 300-odd fighters", "300", "approx", None, None, None, "fighter"),
        ("About 2,000-plus civilians fled.", "About 2,000-plus civilians", "2000", "approx", None, None, None, "civilian"),
        ("Thirty-odd soldiers deserted.", "Thirty-odd soldiers", "30", "approx", None, None, None, "soldier"),
        ("One soldier was killed in the raid.", "One soldier", "1", "exact", None, None, None, "soldier"),
        # round 2: ratios, compound ranges, multipliers, British "pc", counts that change
        ("Aid agencies say one in four households in Tigray skips meals.", "one in four households", "0.25", "exact", None, None, None, "household"),
        ("Nine in 10 residents of Goma have fled at least once.", "Nine in 10 residents", "0.9", "exact", None, None, None, "resident"),
        ("Kyiv floated a four-to-five-day pause in strikes.", "four-to-five-day", None, "range", "4", "5", "day", None),
        ("He faces a 7-to-10-year prison term.", "7-to-10-year", None, "range", "7", "10", "year", None),
        ("Attacks on shipping in the Red Sea have doubled.", "doubled", "2", "exact", None, None, None, None),
        ("Food prices in Khartoum tripled within months.", "tripled", "3", "exact", None, None, None, None),
        ("Defence spending will rise 12pc next year.", "12pc", "12", "exact", None, None, "percent", None),
        ("Militia Accused of Killing Dozens in Ituri Raid", "Killing Dozens", "12", "approx", None, None, None, "person killed"),
    ],
)
def test_sentence(sentence, surface, value, qualifier, low, high, unit, entity) -> None:
    figures = extract(sentence)
    assert [f.surface for f in figures] == [surface]
    figure = figures[0]
    dec = lambda x: None if x is None else Decimal(x)  # noqa: E731
    assert (figure.value, figure.qualifier, figure.low, figure.high) == (dec(value), qualifier, dec(low), dec(high))
    assert figure.unit == unit
    if entity is not None:
        assert figure.entity == entity


@pytest.mark.parametrize(
    "sentence",
    [
        "Talks resume in Istanbul on May 15.",
        "The war began in 2022 and the two sides met at 6 p.m. Moscow time.",
        "It was the third time the 80th Anniversary parade was held.",
        "Over the past 24 hours the situation was calm.",
        "The talks, held in the past four days, ended.",
        "Resolution 2334 and World War Two were cited; a BM-21 fired 82mm rounds.",
        "Call +44 20 7946 0958 or see https://example.com/2025/05/10/story-123.",
        "It is one of the key causes, and millions of Europeans agree.",
        "Several drones and a few missiles were launched.",
        # page furniture and labels
        "© 2025 Reuters. All rights reserved.",
        "Truce talks stall 3 min read",
        "1 of 5 photos",
        "Aid must flow 24/7, as after 9/11.",
        "The Group of Seven met in Canada under UNSCR 1701.",
        "No one else was killed.",
        "He bought N95 masks on the N1 road.",
        # round 2: durations that place an event, clock times, labels, years as modifiers
        "The rebels retook the airport almost three years after it fell.",
        "The envoys shook hands for the first time in more than four years.",
        "Posted 09.15 GMT",
        "The council renewed the mission under resolution 2767.",
        "Israel's 2024 offensive was condemned.",
        # "a third" before a word a share cannot take is the ordinal
        "Crowds marched for a third consecutive day in Niamey.",
        "The party is seeking a fifth term in office.",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert extract(sentence) == []


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(min_value=2, max_value=999_999),  # a bare "one" is a count only where one is claimed
    form=st.sampled_from(["plain", "comma", "words", "k"]),
    prefix=st.sampled_from(["Officials said", "The army reported", "In all,"]),
)
def test_rendered_number_comes_back(n: int, form: str, prefix: str) -> None:
    """Any number rendered with separators, a suffix or in words comes back with its value and offsets."""
    if form == "k":
        n = n - n % 1000 or 1000
        written = f"{n // 1000}K"
    else:
        written = {"plain": str(n), "comma": f"{n:,}", "words": in_words(n)}[form]
    text = f"{prefix} {written} drones were shot down."
    figures = extract(text)
    assert len(figures) == 1, (text, [f.surface for f in figures])
    figure = figures[0]
    assert figure.value == n
    start = text.index(written)
    assert figure.start == start and figure.end == start + len(written) + len(" drones")
    assert text[figure.start:figure.end] == figure.surface


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_safe(text: str) -> None:
    """No text makes extract raise; every figure's span and bounds are consistent."""
    for figure in extract(text):
        assert text[figure.start:figure.end] == figure.surface
        if figure.value is not None and figure.low is not None:
            assert figure.low <= figure.value
        if figure.value is not None and figure.high is not None:
            assert figure.value <= figure.high


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ["nearly", "more than", "1,000", "twenty-seven", "$5M", "10-15", "between", "and", "drones", "km", "%",
     "May 7", "2022", "killed", "the", "two", "sides", "(", ")", ".", "\n", "half", "dozens of", "times"]),
    max_size=30))
def test_number_soup_is_safe(words: list[str]) -> None:
    text = " ".join(words)
    for figure in extract(text):
        assert text[figure.start:figure.end] == figure.surface
        if figure.low is not None and figure.high is not None:
            assert figure.low <= figure.high


_PIECES = st.sampled_from([
    "Russia", "launched", "524", "drones", "$1.1Bln", "US$5", "EUR 500", "Rs 40", "BM-21", "2S19", "(3)",
    "Resolution 2334", "May 7, 8 and 10", "https://x.org/2025/05/11/a-1", "www.a.com/5", "a.b+c@d.org",
    "+380 44 123 4567", "one hundred and five", "twenty-seven", "a dozen", "hundreds of thousands", "half",
    "twice", "3rd", "82mm", "10-15", "1,000-person", "6 p.m.", "20:36", "2025-05-11", "11.05.2025", "-", ",",
    "£", "_", "₪2", "M23", "Su-25", "x", "No.", "é",
    ".", "nearly", "more than", "up to", "the two sides", "\n", "\n\n", "«", "—", "5%", "0.5", "1.2.3", "1-2-3",
    "N1.2", "trillion", "N95", "KSh", "Rs5", "crore", "₦", "3/4", "24/7", "a quarter of a million", "half a",
    "one and a half", "12m", "people", "500-odd", "7,000-plus", "Group of Seven",
    "one in five", "1 in 4", "in every", "two-to-three-day", "10-to-15", "14.32 BST", "2.30pm", "tripled",
    "doubled down", "Killing", "dozens", "resolution", "'s",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(_PIECES, max_size=25).map(" ".join), st.lists(_PIECES, max_size=25).map("".join),
                 st.text(max_size=200)))
def test_fast_scan_equals_a_full_scan(text: str) -> None:
    """The candidate-driven scan finds the numbers that trying the pattern at every character finds.

    (What it sets aside may differ where an e-mail address is glued to a currency sign by an
    underscore, "£_a@b.org": no number is involved.)"""
    full = [(m.span(), m.lastgroup) for m in numbers._pattern().finditer(text) if m.lastgroup != "skip"]
    assert [(m.span(), m.lastgroup) for m in numbers._scan(text) if m.lastgroup != "skip"] == full


_ODD_LETTERS = st.sampled_from(["İ", "ı", "ſ", "K", "Σ", "ς", "σ", "²", "½", "Ⅻ", "ⅻ", "MAYIS", "Kasım", "ſix",
                                "A", "An"])


def _candidates_as_defined(text: str) -> list[int]:
    """Every digit and sign, and each word (what ``re`` counts as letters) after no letter or digit
    that starts with a numeral or is, lower-cased, a first word: :func:`numbers._candidates` spelled out."""
    import re

    marks = "".join(sorted({s[0] for s in numbers._currency_signs() if not s[0].isalnum()} | set("@+($")))
    found = []
    for match in re.finditer(rf"\d|[{re.escape(marks)}]|(?<![^\W_])[^\W\d_]+", text):
        piece = match.group()
        if not piece[0].isalpha() or piece.lower() in numbers._first_words():
            found.append(match.start())
    return found


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(st.one_of(_PIECES, _ODD_LETTERS), max_size=25).map(" ".join),
                 st.lists(st.one_of(_PIECES, _ODD_LETTERS), max_size=25).map("".join), st.text(max_size=200)))
def test_candidates_are_the_digits_signs_and_first_words(text: str) -> None:
    """The folded, trie-driven search finds exactly the candidates its definition names."""
    assert [p for start, end in numbers._candidates(text) for p in range(start, end)] == _candidates_as_defined(text)


@pytest.mark.parametrize("text", ["May 7", "MAYIS 5", "mayıs 5", "Kasım 3", "KASİM 3", "sept. 4", "Septembers 4",
                                  "marzo 1", "março 1", "Maybe 5", "ma 5", "Jänner 2", "ιανουαρίου 9", "x"])
def test_month_trie_matches_what_the_month_alternation_matches(text: str) -> None:
    import regex

    from figures.lexicon import month_numbers, month_pattern, trie

    shared = regex.compile(rf"(?i:\b(?:{trie(sorted(month_numbers()))})\b)")
    alternation = regex.compile(rf"(?i:\b(?:{month_pattern()})\b)")
    assert [m.span() for m in shared.finditer(text)] == [m.span() for m in alternation.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "in", "of", "and", "or", "over the past", "about", "at least", "2014",
                                 "early", "killed", "up to", " ", "  ", "\n", "x", "The", "over", "million",
                                 "for", "more than", "from", "to", "Russia's", "sides'"]), max_size=8).map(" ".join))
def test_patterns_read_backwards_say_what_forward_ones_say(before: str) -> None:
    """An :func:`numbers._ending` pattern searched backwards finds a match where searched forwards it would."""
    import regex

    for pattern in (numbers._REFERRING, numbers._QUALIFIED_BEFORE, numbers._YEAR_CONTEXT, numbers._JOINED,
                    numbers._ONE_COUNTS, numbers._anchor_before(), numbers._hedged_before(),
                    numbers._POSSESSIVE, numbers._claimed_before(), numbers._ONE_CHANGED_BEFORE):
        forward = regex.compile(pattern.pattern, pattern.flags & ~regex.REVERSE)
        assert (pattern.search(before) is None) == (forward.search(before) is None), (pattern.pattern, before)


_ARTICLE_PIECES = st.sampled_from([
    "a", "an", "A", "An", "AN", "a-", "half", "Half", "third", "quarters", "thousand", "Million", "dozen", "hundred",
    "new", "attack", "one", "two", "twenty", "5", "1,000", "$5", "@b.org", "May", "Block", "Resolution", "BM-21",
    "x", "é", "İ", ".", ",", "-", "(", "half-", "thousands", "dozens", "twice", "mln",
])
_BLANKS = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", " \n ", "", "-"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_ARTICLE_PIECES, _BLANKS), max_size=12).map(lambda pairs: "".join(p + b for p, b in pairs)))
def test_article_skip_only_where_the_pattern_cannot_match(text: str) -> None:
    """Where :func:`numbers._article_skip` matches ("a"/"an", blanks, no scale or fraction word),
    the pattern matches nothing: leaving those tries out of the scan changes no result."""
    skip = numbers._article_skip()
    assert skip is not None  # the shipped word lists allow the fast path
    for start in range(len(text)):
        if skip.match(text, start):
            assert numbers._pattern().match(text, start) is None, (text, start)
    full = [(m.span(), m.lastgroup) for m in numbers._pattern().finditer(text) if m.lastgroup != "skip"]
    assert [(m.span(), m.lastgroup) for m in numbers._scan(text) if m.lastgroup != "skip"] == full


@pytest.mark.parametrize("text, skipped", [
    ("a new attack", True), ("An attack", True), ("a  drone", True), ("a\nthousand", False),
    ("a thousand", False), ("A half", False), ("an  Eighth", False), ("a-half", False), ("a5", False),
    ("an", False), ("a halfway", True), ("a thousands", True), ("ab c", False),
])
def test_article_skip_examples(text: str, skipped: bool) -> None:
    assert (numbers._article_skip().match(text) is not None) == skipped
    if skipped:
        assert numbers._pattern().match(text) is None


@pytest.mark.parametrize("text, value", [
    ("a thouſand", "1000"), ("One-fifthſ", "0.2"), ("ſeventy-five", "75"), ("a thİrd", "0.3333"), ("tens of thouſands", "10000"),
])
def test_number_words_with_letters_the_pattern_takes_for_ascii(text: str, value: str) -> None:
    """The case-blind pattern matches long s as s and İ as i; the word list must know the word."""
    [mention] = numbers.find(text)
    assert str(mention.value) == value
