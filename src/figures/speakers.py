"""Pipeline stage: who the text says made each numeric claim.

:func:`speakers_for` takes a document, its sentences and the spans of its
figures, and returns for each figure a :class:`~figures.models.SpeakerMention`
(the best full name the document gives, and the characters it was read from)
or ``None`` where the outlet states the figure in its own voice.

How it works, per document. Only quotes are indexed up front; names, roles and bodies are
looked up when first asked for, in the units that can hold them, and units are attributed
only where a figure or a pronoun before one needs them: most of a document is never tokenised.

1. **Units.** Each sentence is a *unit*, cut again where the splitter left two
   glued (``... NATO.Thus, ...``); a unit is tokenised when first read.
2. **Names and roles.** Runs of capitalised words give person names
   (``Russian President Vladimir Putin`` -> ``Vladimir Putin``, looked up by the
   surname ``Putin`` in the units that hold it); a title beside a name gives a *role* entry
   (``Kremlin spokesman Dmitry Peskov``, ``Medinsky, the Kremlin's negotiator``)
   so that a description (``the minister``, ``Kremlin Negotiator``) can be
   resolved to the person.
3. **Quotes.** Double-quoted regions per paragraph, including a quote that
   re-opens silently after its attribution and is only closed later.
4. **Attributions.** In every unit, each reporting verb (``said``, ``told``,
   ``claimed``; data file ``reporting_verbs.txt``) and each proposal verb
   (``called for``, ``pledged``; ``proposal_verbs.txt``) finds its subject:
   before it (``X said``), after it (``..., said X``), through an appositive
   (``X, who ..., said``; a description's named person in ``a police spokesman, Yazid
   Abubakar, told ...``), or a participle's (``..., saying``). An abbreviated title keeps its
   full stop (``Lt. Col. Ahmed Youssef``), and a name may close with its acronym
   (``... Commission (EHRC) said``). ``according to
   X``, passive agents (``proposed by X``) and headline forms (``..., Governor
   Says``, ``... — Reports``, ``Kremlin: ...``) are attributions too. Each has a
   *scope*: the characters it covers (after a leading ``X said``, before a
   closing ``..., X said``, around a parenthetical ``..., X said, ...``), cut
   short where the outlet adds a gloss (``referring to ...``).
5. **Sections.** ``Below are the main points of X's statements`` makes X the
   speaker of everything after it that has no attribution of its own.

Then each figure takes, in order: the innermost attribution of its unit whose
scope covers it; the speaker of the quotation that holds it; the section
speaker; in a press release (a dateline, then an organisation as subject: ``ROME – The World
Food Programme (WFP) is ...``) a figure said as "we"/"our" outside quotations, its issuer; the
body that brought an allegation (``Police Issue Warrant ... on $111M Fraud Claims``); else ``None``.

Names are resolved as they are attributed: a pronoun (``he said``) becomes the
most recent person who spoke or was a sentence's subject, a single surname
the full name the document gives most often (then the longest), a description the person whose
role matches it, a generic ``the group``/``the UK-based monitor`` the body that spoke last, a bare
``Governor`` in a headline ``<Region> governor``. Quotations in single quotes are not indexed (a
single quote is also an apostrophe), but one that closes before ``..., X said`` ends the clause.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import NamedTuple

import regex

from .lexicon import month_numbers, table, trie, words
from .models import Sentence, SpeakerMention

__all__ = ["speakers_for"]

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

#: Double quotation marks: single quotes are left alone (apostrophes, scare quotes in headlines).
_OPEN_QUOTES = frozenset("“„«‟")
_CLOSE_QUOTES = frozenset("”»")
_STRAIGHT_QUOTE = '"'
_QUOTES = _OPEN_QUOTES | _CLOSE_QUOTES | {_STRAIGHT_QUOTE}
_QUOTE_CHAR = regex.compile("[" + regex.escape("".join(sorted(_QUOTES))) + "]")

_DETERMINERS = frozenset(
    "the a an its their his her our several some many other both all these those this that's".split()
)
_PRONOUNS = frozenset({"he", "she", "it", "they"})
_FIRST_PERSON = frozenset({"i", "we", "you", "us", "me"})
#: Words that end a subject noun phrase when met while reading backwards (or forwards).
_NP_STOPS = frozenset(
    """that which who whom whose when while where as after before but because if since than so
    though although until unless whether or nor is are was were be been being has have had do does
    did will would can could should may might must not no to with by from into on at over under
    against among amid about despite during without within per via there here also just only even
    what how why said says told""".split()
)
#: Prepositions that may sit inside a name ("Health Ministry in Gaza", "Institute for the Study of War").
_INNER_PREPOSITIONS = frozenset({"of", "for", "in", "at", "on"})
#: Words before which an article stays inside the noun phrase read backwards ("for the Study of War").
_BEFORE_INNER_ARTICLE = _INNER_PREPOSITIONS | {"and"}
#: Prepositions before which a noun-looking verb ("Fraud Claims", "Asylum Requests") is a noun.
_NOUN_PREPOSITIONS = frozenset(
    "of on over for in at to with from into by about amid despite against among under".split()
)
#: Words that open a clause in the outlet's voice after a parenthetical "X said,".
_SUBORDINATORS = frozenset(
    """as while after before when since amid despite though although but and even with without
    following in on during because whereas which who where until unless if so yet or nor""".split()
)
#: Lower-case particles inside a person's name ("Mohammed bin Salman", "Ursula von der Leyen").
_PARTICLES = frozenset("bin bint ibn al el ad ben de da di do dos du del della der den van von le la ould".split())
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
#: Words that begin a tail which is only a circumstance of the saying ("said on Sunday",
#: "told Reuters by phone": "by" after the verb's object gives the means; "said by X" is caught before).
_ADJUNCT_STARTS = frozenset(
    """on in at to during after before late early earlier later last this via from for while when
    by reporters journalists the a an his her their its as according""".split()
)
#: How a thing was said, after "by" ("said by phone"): a means, not a passive's agent.
_MEANS = frozenset("phone telephone email e-mail text video videolink letter radio satellite".split())
#: Prepositions that open a circumstance of the saying however long it runs ("said in a report
#: covering the period from January to March").
_CIRCUMSTANCE_PREPOSITIONS = frozenset({"in", "on", "at", "during", "via", "after", "before"})
_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight".split()
)
#: Words that never belong to a person's name (sentence-initial function words and the like).
_NON_NAME = frozenset(
    """the a an in on at for of and or but if as by to from with this that these those it its he she
    they we i you who what when where why how which is are was were has have had will would can
    could should may might must not no yes after before since during while although though however
    meanwhile some many several all both other another every each any there here thus also still
    yet read more dear thank please new former late acting jailed"""
    .split()
)
_SECTION = regex.compile(
    r"\b(?:below|following|here)\b[^.\n]{0,60}?\b(?P<noun>\p{L}+)\s+(?:of|from|in|by)\s+"
    r"(?P<who>(?:[\p{Lu}][\p{L}\p{M}.\-]*\s+){0,3}[\p{Lu}][\p{L}\p{M}.\-]*)['’]s?\s+"
    r"(?:[\p{L}\-]+\s+){0,3}?(?P<what>\p{L}+)",
    regex.IGNORECASE | regex.VERSION1,
)
#: A word: letters/digits joined by hyphens, apostrophes, a comma between digits (``1,000``) or a
#: full stop after a single letter or before a lower-case letter or digit (``R.Politik``, ``2.5``,
#: ``U.N.``);
#: a full stop between two words (``NATO.Thus``) is left as punctuation.
_TOKEN = regex.compile(
    r"[\p{L}\p{M}\p{N}]+(?:(?:[\-'’\u2011]|(?<=\p{N}),|(?<![\p{L}\p{M}\p{N}]{2})\.|\.(?=[\p{Ll}\p{N}]))"
    r"[\p{L}\p{M}\p{N}]+)*(?:(?<=\.\p{L})\.)?|\S"
)
#: Characters beyond ASCII that news text is full of, none of them a letter, digit or mark.
_PLAIN_EXTRA = "’‘“”—–…\u00a0"
#: Text of ASCII and those ("plain", nearly all of it); on plain text ``_PLAIN_TOKEN`` finds the
#: tokens ``_TOKEN`` finds: its classes are ``_TOKEN``'s, spelled out for the plain characters (the
#: ``\s`` of ``regex`` is ASCII's blanks and the no-break space). ``re`` runs it twice as fast.
_PLAIN = regex.compile(f"[\\x00-\\x7f{_PLAIN_EXTRA}]*+")
_PLAIN_TOKEN = re.compile(
    r"[A-Za-z0-9]+(?:(?:[\-'’\u2011]|(?<=[0-9]),|(?<![A-Za-z0-9]{2})\.|\.(?=[a-z0-9]))[A-Za-z0-9]+)*"
    r"(?:(?<=\.[A-Za-z])\.)?|[^\t\n\x0b\x0c\r \u00a0]"
)
_PREFIXED_NAME = regex.compile(r"^(?:al|el|ad|as|ash|at|az|ar|an|ibn|bin|ben|ould)[\-'’]\p{Lu}")
_POSSESSIVE = regex.compile(r"^(.+?)(['’]s)$")
_HAS_LOWER = regex.compile(r"\p{Ll}")


@dataclass(frozen=True)
class _Verb:
    """One form of a reporting or proposal verb, as lower-case words."""

    words: tuple[str, ...]
    kind: str  # "report" or "propose"
    invert: bool
    participle: bool  # an -ing form
    finite_s: bool  # a third-person -s form that could also be a plural noun ("claims")
    base: bool  # the base form ("request"), which could also be a singular noun
    not_to: bool = False  # before "to" it means something else ("adding to the toll")


def _regular_forms(base: str) -> list[str]:
    """The regular inflections of a verb (first word of a phrase inflects)."""
    head, _, rest = base.partition(" ")
    tail = f" {rest}" if rest else ""
    if head.endswith("e"):
        forms = [head, head + "s", head + "d", head[:-1] + "ing"]
    elif len(head) > 2 and head.endswith("y") and head[-2] not in "aeiou":
        forms = [head, head[:-1] + "ies", head[:-1] + "ied", head + "ing"]
    elif head.endswith(("s", "sh", "ch", "x", "z")):
        forms = [head, head + "es", head + "ed", head + "ing"]
    else:
        forms = [head, head + "s", head + "ed", head + "ing"]
    return [form + tail for form in forms]


@dataclass(frozen=True)
class _Lexicon:
    """Everything loaded from the data files, keyed for fast lookup."""

    verbs: dict[str, tuple[_Verb, ...]]  # first word -> forms starting with it, longest first
    titles: frozenset[str]
    bodies: frozenset[str]
    sources: dict[str, tuple[tuple[str, ...], ...]]  # first word -> phrases starting with it, in file order
    glosses: dict[str, tuple[tuple[str, ...], ...]]
    media: frozenset[str]
    labels: frozenset[str]
    regions: frozenset[str]
    adverbs: frozenset[str]
    section_nouns: frozenset[str]
    remark_nouns: frozenset[str]
    generic: frozenset[str]


def _load_verbs(name: str, kind: str) -> list[_Verb]:
    verbs: list[_Verb] = []
    for row in table(name):
        base = row[0].lower()
        forms = row[1] if len(row) > 1 and row[1] and row[1] != "-" else ""
        flags = {f.strip() for f in row[2].split(",")} if len(row) > 2 else set()
        all_forms = [f.strip().lower() for f in forms.split("|")] if forms else _regular_forms(base)
        base_head = base.split()[0]
        for form in all_forms:
            parts = tuple(form.split())
            head = parts[0]
            verbs.append(_Verb(
                words=parts,
                kind=kind,
                invert="invert" in flags,
                participle=head.endswith("ing"),
                finite_s=head.endswith("s") and head not in ("says", base_head),
                base=head == base_head,
                not_to="not-to" in flags,
            ))
    return verbs


def _by_first_word(phrases: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words_ = tuple(phrase.split())
        by_first.setdefault(words_[0], []).append(words_)
    return {first: tuple(group) for first, group in by_first.items()}


@cache
def _lexicon() -> _Lexicon:
    """Load the data files once."""
    by_first: dict[str, list[_Verb]] = {}
    for verb in _load_verbs("reporting_verbs.txt", "report") + _load_verbs("proposal_verbs.txt", "propose"):
        by_first.setdefault(verb.words[0], []).append(verb)
    cues: dict[str, list[str]] = {}
    for row in table("speaker_cues.tsv"):
        if len(row) >= 2:
            cues.setdefault(row[0], []).append(row[1].lower())
    titles = set(words("speaker_titles.txt"))
    return _Lexicon(
        verbs={k: tuple(sorted(v, key=lambda f: -len(f.words))) for k, v in by_first.items()},
        titles=frozenset(t.lower() for t in titles),
        bodies=frozenset(cues.get("body", [])),
        sources=_by_first_word(cues.get("source", [])),
        glosses=_by_first_word(cues.get("gloss", [])),
        media=frozenset(cues.get("medium", [])),
        labels=frozenset(cues.get("label", [])),
        regions=frozenset(cues.get("region", [])),
        adverbs=frozenset(cues.get("adverb", [])),
        section_nouns=frozenset(cues.get("section", [])),
        remark_nouns=frozenset(cues.get("remarks", [])),
        generic=frozenset(cues.get("generic", [])),
    )


# --------------------------------------------------------------------------
# Tokens and units
# --------------------------------------------------------------------------


class _Tok(NamedTuple):
    """A word or punctuation mark with its offsets (a named tuple: built by the hundred thousand)."""

    text: str
    start: int
    end: int
    lower: str
    cap: bool  # starts with an upper-case letter
    word: bool  # letters or digits (not punctuation)
    digit: bool  # starts with a digit ("30", "1,000"); "M23" is a name


_new_tok = tuple.__new__  # _Tok's own __new__ is a Python function; this skips its frame


#: token text -> its pieces as (text, length, lower, cap, word, digit): a word is read once, not at every use
_PIECES: dict[str, tuple[tuple[str, int, str, bool, bool, bool], ...]] = {}
_PIECES_MAX = 50_000  # cleared when full: a corpus's vocabulary (every distinct number) is unbounded


def _pieces(piece: str) -> tuple[tuple[str, int, str, bool, bool, bool], ...]:
    """How a token's text splits and what it is; a possessive ``'s`` becomes its own piece."""
    first = piece[0]
    possessive = _POSSESSIVE.match(piece) if len(piece) > 2 and first.isalpha() else None
    if possessive:
        stem, mark = possessive.group(1), possessive.group(2)
        return ((stem, len(stem), stem.lower(), first.isupper(), True, first.isdigit()),
                (mark, len(mark), mark.lower(), False, False, False))
    return ((piece, len(piece), piece.lower(), first.isupper(), first.isalnum(), first.isdigit()),)


@cache
def _dotted_titles() -> frozenset[str]:
    """Titles written short with a full stop (``Lt.``, ``Gen.``, ``Mr.``): the abbreviations the
    sentence splitter does not end a sentence at that are titles. Their stop is part of the word,
    so ``said Lt. Col. Ahmed Youssef`` reads as one title-and-name phrase."""
    titles = _lexicon().titles
    return frozenset(word for word in words("abbreviations.txt") if word.lower() in titles)


def _tokenize(text: str, start: int, end: int) -> list[_Tok]:
    """Tokens of ``text[start:end]``; a possessive ``'s`` becomes its own token, and the full stop
    of an abbreviated title (:func:`_dotted_titles`) joins the title."""
    toks: list[_Tok] = []
    append = toks.append
    known = _PIECES
    dotted = _dotted_titles()
    plain = _PLAIN.fullmatch(text, max(0, start - 2), end) is not None  # lookbehinds read 2 back
    for m in (_PLAIN_TOKEN if plain else _TOKEN).finditer(text, start, end):
        piece = m.group()
        if piece == "." and toks:
            last = toks[-1]
            if last[2] == m.start() and last[0] in dotted:
                toks[-1] = _new_tok(_Tok, (last[0] + ".", last[1], last[2] + 1, last[3] + ".", last[4], True, False))
                continue
        pieces = known.get(piece)
        if pieces is None:
            if len(known) >= _PIECES_MAX:
                known.clear()
            pieces = known[piece] = _pieces(piece)
        at = m.start()
        for word, length, lower, cap, is_word, digit in pieces:
            append(_new_tok(_Tok, (word, at, at + length, lower, cap, is_word, digit)))
            at += length
    return toks


@dataclass(eq=False)
class _Unit:
    """A sentence, or a piece of a sentence the splitter left glued. Its tokens are read when first
    asked for: most units are never attributed, and a name is looked up only in the units that
    hold it."""

    text: str  # the document's text
    start: int
    end: int
    paragraph: int
    headline: bool = False
    glosses: list[int] = field(default_factory=list)  # where ", referring to ..." glosses start
    runs: list[tuple[int, int]] | None = None  # name runs, when first asked for (:func:`_runs`)
    _toks: list[_Tok] | None = None

    @property
    def toks(self) -> list[_Tok]:
        """The unit's tokens: those of its sentence, as the sentence's tokenisation reads them (a
        unit starts at a token and ends at one, and no token reads past a blank or a cut)."""
        if self._toks is None:
            self._toks = _tokenize(self.text, self.start, self.end)
        return self._toks


def _is_headline(unit: _Unit) -> bool:
    """A title-case line with no final full stop: most of its longer words are capitalised."""
    if unit.text[unit.start:unit.end].rstrip("\"'”’)] ").endswith("."):
        return False  # (read before the tokens: most units end so)
    words_ = [t for t in unit.toks if t.word and not t.digit]
    if len(words_) >= 4 and all(t.cap for t in words_):
        return True  # "EU Approves Up To $2 In Aid": short words, every one capitalised
    long_words = [t for t in words_ if len(t.text) > 3]
    if len(long_words) < 2:
        return False
    return sum(t.cap for t in long_words) >= 0.7 * len(long_words)


_INK = regex.compile(r"\S")
_LAST_INK = regex.compile(r"\S", regex.REVERSE)  # searched backwards: the last one in a range
_BLANK = regex.compile(r"\s")
_LAST_BLANK = regex.compile(r"\s", regex.REVERSE)
_STOP = regex.compile(r"[.?!]")


def _cuts(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Where the sentence ``text[start:end]`` (from its first to its last non-blank; ``limit``: where
    it ends as split) is cut into units: (a unit's end, the next unit's start) at each ``.``, ``?``
    or ``!`` that is a token of its own, after a word of two or more characters and no full stop,
    and before a token that starts with a capital (``... NATO.Thus, ...``).

    Only such a mark is tokenised, from the start of its word (or of the word before, where the
    mark starts a word) to the next blank: a token never holds a blank, so these tokens are the
    sentence's own."""
    cuts: list[tuple[int, int]] = []
    for mark in _STOP.finditer(text, start + 1, end):  # (a mark at the start has no token before it)
        at = mark.start()
        after = _INK.search(text, at + 1, end)
        if after is None:
            break  # the last token
        if not text[after.start()].isupper():
            continue
        blank = _LAST_BLANK.search(text, start, at)
        word = blank.end() if blank else start
        if word == at:  # the mark starts a word: the token before it ends the word before
            before = _LAST_INK.search(text, start, at)
            blank = _LAST_BLANK.search(text, start, before.start()) if before else None
            word = blank.end() if blank else start
        blank = _BLANK.search(text, at + 1, limit)
        toks = _tokenize(text, word, blank.start() if blank else limit)
        k = next(k for k, tok in enumerate(toks) if tok.end > at)
        if k > 0 and toks[k].start == at and toks[k].end == at + 1:
            previous = toks[k - 1]
            if previous.word and len(previous.text) > 1 and "." not in previous.text:
                cuts.append((at + 1, after.start()))
    return cuts


def _units(text: str, sentences: Sequence[Sentence]) -> list[_Unit]:
    """Sentences as units, cut again at an inner ``.``/``?``/``!`` before a capital (:func:`_cuts`);
    a unit runs from its first token to its last."""
    units: list[_Unit] = []
    for sentence in sentences:
        first = _INK.search(text, sentence.start, sentence.end)
        if first is None:
            continue  # no token
        last = _LAST_INK.search(text, sentence.start, sentence.end)
        start, end = first.start(), last.end() if last else first.end()
        pieces = [*_cuts(text, start, end, sentence.end), (end, end)]
        for piece_end, next_start in pieces:
            unit = _Unit(text, start, piece_end, sentence.paragraph)
            unit.headline = _is_headline(unit)
            units.append(unit)
            start = next_start
    return units


# --------------------------------------------------------------------------
# Per-document indexes
# --------------------------------------------------------------------------


def _stem(word: str) -> str:
    """A crude stem for matching role modifiers: ``Russia``/``Russian`` -> ``russi``."""
    return word.lower().replace(".", "").replace("’", "'")[:5]


@cache
def _number_words() -> frozenset[str]:
    return frozenset(row[0].lower() for row in table("number_words.tsv"))


def _is_date_word(lower: str) -> bool:
    """A weekday, ``today``-like word or month name: the start of a date, never of a name."""
    return lower in _WEEKDAYS or lower.rstrip(".") in month_numbers()


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


#: Prepositions after which a capitalised run is a place, not a person ("in Occupied Ukraine").
_LOCATIVE = frozenset({"in", "at", "into", "across", "near", "throughout", "inside", "outside", "toward", "towards"})
_GENERIC_MODIFIERS = frozenset({"top", "chief", "senior", "key", "main", "leading", "'s", "’s"})


@dataclass(frozen=True, slots=True)
class _Role:
    """A person named beside a title: ``Kremlin spokesman Dmitry Peskov``."""

    pos: int
    head: str
    modifiers: frozenset[str]
    name: str


@dataclass(frozen=True, slots=True)
class _Attribution:
    """A reporting clause: who spoke, the characters it names them by, and what it covers."""

    name: str
    start: int  # speaker mention
    end: int
    scope_start: int
    scope_end: int
    verb_pos: int
    kind: str  # lead, trail, paren, source, agent, section
    person: bool


@dataclass
class _Resolved:
    """A noun phrase read as a speaker."""

    name: str
    person: bool


#: How many characters the name searches of :meth:`_Doc.full_name` may read in one document (each
#: reads the whole text) before it reads every unit instead: searching costs about 1/200 of reading,
#: so a short document is searched for every name it is asked about, a long one read whole.
_NAME_SEARCH_CHARS = 2_000_000

#: Answers of :meth:`_Doc.name_like` (by token text) and :meth:`_Doc.is_title` (by lower case): they
#: depend on the word alone, and a document asks them of the same few thousand words again and again.
_NAME_LIKE: dict[str, bool] = {}
_IS_TITLE: dict[str, bool] = {}


def _remember(memo: dict[str, bool], key: str, answer: bool) -> None:
    if len(memo) >= _PIECES_MAX:
        memo.clear()
    memo[key] = answer


@dataclass
class _Doc:
    """Everything the stage knows about one document, built once in :func:`speakers_for`."""

    text: str
    units: list[_Unit]
    lex: _Lexicon
    unit_starts: list[int] = field(default_factory=list)
    full_names: dict[str, str | None] = field(default_factory=dict)  # surname -> full name, when asked
    all_names: bool = False  # full_names holds every surname with a full name
    searched: int = 0  # characters read by name searches
    quotes: list[tuple[int, int]] = field(default_factory=list)
    quote_starts: list[int] = field(default_factory=list)
    attributions: list[list[_Attribution] | None] = field(default_factory=list)  # per unit, when first asked
    settled: int = 0  # the units before this one are all attributed
    subjects: list[tuple[int, str]] = field(default_factory=list)  # persons as subjects
    bodies_said: list[tuple[int, str]] = field(default_factory=list)  # bodies that spoke
    bodies_by_word: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # see bodies_named
    bodies_in: dict[int, list[tuple[int, str, str]]] = field(default_factory=dict)  # unit start -> its bodies

    # ---- built when first asked for -------------------------------------
    # Few documents need the roles (one in fourteen in the benchmark corpus) or the persons
    # mentioned (one in twenty); the bodies named are needed only where a text says "the
    # ministry", and then only those ending in that word (bodies_named); the section line is looked for only once a figure has no
    # attribution of its own. Each depends on the document alone (a unit's attributions are
    # the same whenever it is read: see _attributions), so building it late gives what
    # building it first would.

    @cached_property
    def folded(self) -> str:
        """The text in lower case, with ``İ`` as ``i``: offsets stay (``İ`` is the one character
        whose lower case is two)."""
        return self.text.replace("\u0130", "i").lower()

    @cached_property
    def roles_by_head(self) -> dict[str, list[_Role]]:
        """Role entries (:func:`_index_roles`) by title, in text order."""
        return _index_roles(self)

    def bodies_named(self, word: str) -> list[tuple[int, str]]:
        """Bodies the text names that end in ``word`` (lower case), in text order
        (:func:`_index_bodies`); each word's list is built when first asked for."""
        named = self.bodies_by_word.get(word)
        if named is None:
            named = self.bodies_by_word[word] = _index_bodies(self, word)
        return named

    @cached_property
    def section(self) -> tuple[int, _Attribution] | None:
        """Where a section line's speaker starts to speak, and the attribution (:func:`_find_section`)."""
        return _find_section(self)

    @cached_property
    def issuer(self) -> _Attribution | None:
        """The body a press release speaks for (:func:`_find_issuer`), asked for only where a
        figure has no attribution and is stated in the first person plural."""
        return _find_issuer(self)

    @cached_property
    def person_mentions(self) -> list[tuple[int, str]]:
        """Where a person the document names in full is mentioned (:func:`_index_mentions`)."""
        return _index_mentions(self)

    # ---- helpers -------------------------------------------------------

    def is_title(self, tok: _Tok) -> bool:
        low = tok.lower
        known = _IS_TITLE.get(low)
        if known is None:
            bare = low.rstrip(".")
            known = bare in self.lex.titles or _singular(bare) in self.lex.titles
            _remember(_IS_TITLE, low, known)
        return known

    def is_body(self, tok: _Tok) -> bool:
        return tok.lower in self.lex.bodies

    def name_like(self, tok: _Tok) -> bool:
        """A capitalised word that could be part of a person's name (``al-Mandhari`` too)."""
        known = _NAME_LIKE.get(tok.text)
        if known is None:
            known = bool(
                tok.word
                and (tok.cap or _PREFIXED_NAME.match(tok.text) is not None)
                and not tok.digit
                and _HAS_LOWER.search(tok.text)
                and tok.lower not in _NON_NAME
                and tok.lower not in _WEEKDAYS
                and tok.lower not in _number_words()  # "World War Two" is no person
                and not self.is_title(tok)
                and not self.is_body(tok)
                and tok.lower not in self.lex.verbs  # "Durov Says", "Prosecutors Request"
            )
            _remember(_NAME_LIKE, tok.text, known)
        return known

    def full_name(self, surname: str) -> str | None:
        """The best full name the document gives ``surname`` (:func:`_full_names`), or None.

        A name is looked up in the units that hold it (:func:`_holding`), found by a search of
        the text, until the searches have read :data:`_NAME_SEARCH_CHARS`; then every unit is
        read, once.
        """
        if surname in self.full_names or self.all_names:
            return self.full_names.get(surname)
        self.searched += len(self.text)
        if self.searched > _NAME_SEARCH_CHARS:
            self.full_names, self.all_names = {**_full_names(self, self.units)}, True
            return self.full_names.get(surname)
        found = self.full_names[surname] = _full_names(self, _holding(self, surname), surname).get(surname)
        return found

    def is_full_name(self, name: str) -> bool:
        """Whether ``name`` is the full name the document gives its last word."""
        return self.full_name(name.rsplit(" ", 1)[-1]) == name

    def quote_at(self, pos: int) -> int | None:
        """Index of the quotation holding ``pos``, if any."""
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        if i >= 0 and self.quotes[i][0] <= pos < self.quotes[i][1]:
            return i
        return None

    def unit_at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.unit_starts, pos) - 1)


def _name_runs(doc: _Doc, toks: list[_Tok]) -> list[tuple[int, int]]:
    """Token ranges [i, j) of person-name-like runs: up to 6 capitalised words (particles allowed)."""
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(toks)
    while i < n:
        if doc.name_like(toks[i]):
            j = i + 1
            while j < n and j - i < 6:
                if doc.name_like(toks[j]):
                    j += 1
                elif toks[j].lower in _PARTICLES and j + 1 < n and doc.name_like(toks[j + 1]):
                    j += 2
                else:
                    break
            after_number = i > 0 and toks[i - 1].digit  # "1 Bn Swiss francs", "100 Drones": what is counted
            if not after_number and not (j < n and (toks[j].digit or toks[j].lower in _number_words())):
                runs.append((i, j))  # "World War Two", "Apollo 11": a label, not a person
            i = j
        else:
            i += 1
    return runs


def _runs(doc: _Doc, unit: _Unit) -> list[tuple[int, int]]:
    """The unit's name runs (:func:`_name_runs`), read once."""
    if unit.runs is None:
        unit.runs = _name_runs(doc, unit.toks)
    return unit.runs


def _holding(doc: _Doc, surname: str) -> list[_Unit]:
    """The units, in order, where ``surname`` may end a run of two or more name-like words: where
    it follows a blank and a word with a capital letter, or a particle (``bin``, ``de``)."""
    text, units, follows = doc.text, doc.units, _after_name()
    holding: list[_Unit] = []
    if not surname or not units:
        return holding
    at = text.find(surname)
    while at >= 0:
        unit = units[doc.unit_at(at)]
        if unit.start <= at < unit.end and follows.match(text, 0, at):
            holding.append(unit)
            at = text.find(surname, unit.end)
        else:
            at = text.find(surname, at + 1)
    return holding


@cache
def _after_name() -> regex.Pattern[str]:
    """Read backwards from a place: a blank before it, and before that a word with a capital letter
    or a particle. The second word of a name run follows such a word: the two are tokens with only
    a blank between them, so each is a whole word of the text (a particle is a word of its own)."""
    particles = "|".join(sorted(_PARTICLES))
    return regex.compile(rf"(?r)(?<!\S)(?:\S*\p{{Uppercase}}\S*|(?i:{particles}))\s+")


def _full_names(doc: _Doc, units: Sequence[_Unit], surname: str | None = None) -> dict[str, str]:
    """Surname -> the best full name ``units`` give it (only ``surname``'s, if given): of the runs
    of two or more name-like words that end with the surname (not after ``in``, ``at``, ...), the
    most frequent, then the longest, then the last in alphabetical order. A headline's words are all
    capitalised: its runs count only after a title, and only where the body text has none."""
    counts: Counter[str] = Counter()
    headline_counts: Counter[str] = Counter()
    for unit in units:
        toks = unit.toks
        for i, j in _runs(doc, unit):
            if j - i < 2 or (surname is not None and toks[j - 1].text != surname):
                continue
            before = toks[i - 1] if i > 0 else None
            if before is not None and before.lower in _LOCATIVE:
                continue  # "in Occupied Ukraine": a place
            name = " ".join(t.text for t in toks[i:j])
            if not unit.headline:
                counts[name] += 1
            elif before is not None and doc.is_title(before) and not any(
                t.lower.endswith(("ing", "ed", "s")) for t in toks[i:j - 1]
            ):
                headline_counts[name] += 1
    best: dict[str, tuple[int, int, str]] = {}
    for source in (counts, headline_counts):
        found: dict[str, tuple[int, int, str]] = {}
        for name, count in source.items():
            last = name.rsplit(" ", 1)[-1]
            if last not in best:  # the body text already named this person
                found[last] = max(found.get(last, (0, 0, "")), (count, len(name.split()), name))
        best.update(found)
    return {last: name for last, (_, _, name) in best.items()}


def _index_mentions(doc: _Doc) -> list[tuple[int, str]]:
    """(start, full name) of every name run whose surname the document gives in full, in order."""
    mentions: list[tuple[int, str]] = []
    for unit in doc.units:
        for i, j in _runs(doc, unit):
            full = doc.full_name(unit.toks[j - 1].text)
            if full is not None:
                mentions.append((unit.toks[i].start, full))
    mentions.sort()
    return mentions


def _expand(doc: _Doc, name: str) -> str:
    """``Putin`` -> ``Vladimir Putin`` where the document gives the full name."""
    return doc.full_name(name.rsplit(" ", 1)[-1]) or name


def _role_words(doc: _Doc, toks: Sequence[_Tok]) -> tuple[str, frozenset[str]] | None:
    """The head title and modifier stems of a role phrase (``Kremlin's Key Negotiator``)."""
    head_index = None
    for k in range(len(toks) - 1, -1, -1):
        if doc.is_title(toks[k]):
            head_index = k
            break
    if head_index is None:
        return None
    head = _singular(toks[head_index].lower.rstrip("."))
    mods = frozenset(
        _stem(t.text) for t in toks[:head_index]
        if t.word and t.lower not in _DETERMINERS and t.lower not in _GENERIC_MODIFIERS
    )
    return head, mods


def _role_modifier(tok: _Tok) -> bool:
    """A word that may qualify a title (``Kremlin``, ``Foreign``, ``regional``)."""
    return tok.word and not tok.digit and tok.lower not in _NP_STOPS and tok.lower not in ("and", "the", "a", "an")


@cache
def _finder(words: frozenset[str]) -> re.Pattern[str]:
    """One of ``words`` (lower case, one word each; a phrase is never a token) in folded text."""
    return re.compile(trie(w for w in words if " " not in w))


def _units_with(doc: _Doc, words: frozenset[str], capital: bool = False) -> list[_Unit]:
    """The units, in order, in which one of ``words`` (lower case) occurs, case-blind, as a word or
    inside one (with ``capital``, starting with a capital letter): the only units where the lower
    case of a token (with ``capital``, of a capitalised token) can be one of them, or begin so."""
    text, units = doc.text, doc.units
    found: list[_Unit] = []
    last: _Unit | None = None
    if not units:
        return found
    for match in _finder(words).finditer(doc.folded):
        at = match.start()
        unit = units[doc.unit_at(at)]
        if unit.start <= at < unit.end and (not capital or text[at].isupper()) and unit is not last:
            found.append(unit)
            last = unit
    return found


def _index_roles(doc: _Doc) -> dict[str, list[_Role]]:
    """Role entries from ``<modifiers> <title> <Name>`` and ``<Name>, (the|a) <role phrase>``,
    by head title, in text order. Every entry has a title, so only the units holding one are read."""
    roles: list[_Role] = []
    for unit in _units_with(doc, doc.lex.titles):
        toks = unit.toks
        n = len(toks)
        for i, j in _runs(doc, unit):
            name = _expand(doc, " ".join(t.text for t in toks[i:j]))
            if unit.headline and any(t.lower.endswith(("s", "ing", "ed")) for t in toks[i:j - 1]):
                continue  # "Kremlin Negotiator Invokes Peter": a headline verb, not a name
            # before: "Russian Foreign Minister Sergey Lavrov", "Kremlin spokesman Dmitry Peskov"
            if i > 0 and doc.is_title(toks[i - 1]):
                k = i - 1  # the modifiers before the title, back to a function word
                while k > 0 and i - k < 5 and _role_modifier(toks[k - 1]):
                    k -= 1
                if k > 0 and toks[k - 1].lower in ("'s", "’s"):
                    k -= 1
                    if k > 0 and toks[k - 1].cap:
                        k -= 1
                words_ = _role_words(doc, toks[k:i])
                if words_:
                    roles.append(_Role(toks[i - 1].start, words_[0], words_[1], name))
            # after: "Vladimir Medinsky, the Kremlin's Key Negotiator", "Medinsky, who is also a ... aide"
            if j < n - 1 and toks[j].text == ",":
                k = j + 1
                if toks[k].lower == "who" and k + 1 < n and toks[k + 1].lower in ("is", "was"):
                    k += 2
                    while k < n and toks[k].lower in doc.lex.adverbs:
                        k += 1
                if k < n and toks[k].lower in ("the", "a", "an"):
                    k += 1
                elif unit.headline:
                    continue  # "..., Governor Says" in a headline is an attribution, not an apposition
                m = k
                while m < n and m - k < 6 and (
                    toks[m].lower in ("'s", "’s")
                    or (toks[m].word and toks[m].lower not in _INNER_PREPOSITIONS and toks[m].lower not in _NP_STOPS)
                ):
                    m += 1
                phrase = toks[k:m]
                if m < n and toks[m].lower in doc.lex.verbs:
                    continue  # "... at Ukraine, the governor said": the subject of a verb, not an apposition
                if phrase and doc.is_title(phrase[-1]):
                    words_ = _role_words(doc, phrase)
                    if words_:
                        roles.append(_Role(phrase[-1].start, words_[0], words_[1], name))
    roles.sort(key=lambda r: r.pos)
    by_head: dict[str, list[_Role]] = {}
    for role in roles:
        by_head.setdefault(role.head, []).append(role)
    return by_head


def _index_bodies(doc: _Doc, word: str) -> list[tuple[int, str]]:
    """Named bodies whose last word is ``word`` (lower case), as (start, name) in text order. Such a
    name ends in a capitalised token, so only the units holding ``word`` with a capital are read
    (each unit once per document: :func:`_bodies_of`)."""
    named: list[tuple[int, str]] = []
    for unit in _units_with(doc, frozenset((word,)), capital=True):
        found = doc.bodies_in.get(unit.start)
        if found is None:
            found = doc.bodies_in[unit.start] = _bodies_of(doc, unit)
        named += [(start, name) for start, name, last in found if last == word]
    named.sort()
    return named


def _bodies_of(doc: _Doc, unit: _Unit) -> list[tuple[int, str, str]]:
    """The bodies a unit names (``Russia's Defense Ministry``, ``Health Ministry in Gaza``), as
    (start, name, lower case of its last token). A name runs back over capitalised words, but not
    over "The" or a date ("... Says The Kremlin", "On Monday Kremlin ..."), and not at all in a
    title-case headline, where capitals do not mark names."""
    named: list[tuple[int, str, str]] = []
    toks = unit.toks
    n = len(toks)
    for i, tok in enumerate(toks):
        if not (tok.cap and doc.is_body(tok)):
            continue
        k = i
        if not unit.headline:  # a title-case headline capitalises its verbs: "Putin Taps Kremlin Aide"
            while k > 0 and i - k < 4 and (
                (toks[k - 1].cap and toks[k - 1].word and not toks[k - 1].digit
                 and toks[k - 1].lower != "the" and not _is_date_word(toks[k - 1].lower))
                or toks[k - 1].lower in ("'s", "’s")
            ):
                k -= 1
        while k < i and (not toks[k].word or toks[k].lower in _NON_NAME):
            k += 1  # not "The General Staff" at a sentence's start
        m = i + 1
        if m + 1 < n and toks[m].lower in ("of", "in", "for"):
            r = m + 2 if toks[m + 1].lower == "the" else m + 1
            if r < n and toks[r].cap and toks[r].word:
                m = r
                while m < n and m - i < 7 and toks[m].cap and toks[m].word:
                    m += 1
        if k < i or m > i + 1:
            named.append((toks[k].start, doc.text[toks[k].start:toks[m - 1].end], toks[m - 1].lower))
    return named


def _index_quotes(doc: _Doc) -> None:
    """Double-quoted regions, per paragraph.

    A straight quote opens after a blank or opening punctuation and closes before
    one. A closing quote that never opened (the writer re-opened the quote after
    its attribution without a mark: ``"...," Putin said. It would ... peace?"``)
    starts at the first unit after the one where the previous quote closed, or at
    the paragraph's start.
    """
    text = doc.text
    by_paragraph: dict[int, list[_Unit]] = {}
    for unit in doc.units:
        by_paragraph.setdefault(unit.paragraph, []).append(unit)
    regions: list[tuple[int, int]] = []
    for units in by_paragraph.values():
        p_start, p_end = units[0].start, units[-1].end
        unit_ends = [u.end for u in units]
        open_at: int | None = None
        restart = p_start  # where an orphan closing quote's region would begin
        for quote in _QUOTE_CHAR.finditer(text, p_start, p_end):
            pos = quote.start()
            ch = text[pos]
            before = text[pos - 1] if pos > p_start else " "
            after = text[pos + 1] if pos + 1 < p_end else " "
            if ch in _OPEN_QUOTES:
                opening = True
            elif ch in _CLOSE_QUOTES:
                opening = False
            elif before.isspace() or before in "([{—–-:":
                opening = not after.isspace()
            elif after.isspace() or after in ".,;:!?)]}—–-":
                opening = False
            else:
                opening = open_at is None
            if opening:
                if open_at is None:
                    open_at = pos
                continue
            if open_at is not None:
                regions.append((open_at, pos + 1))
                open_at = None
            elif restart < pos:
                regions.append((restart, pos + 1))
            # a later orphan close re-opened after the unit holding this close
            k = bisect.bisect_left(unit_ends, pos + 1)
            if k + 1 < len(units):
                restart = units[k + 1].start
            else:
                restart = p_end
        if open_at is not None:
            regions.append((open_at, p_end))
    regions.sort()
    merged: list[tuple[int, int]] = []
    for start, end in regions:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    doc.quotes = merged
    doc.quote_starts = [q[0] for q in merged]


# --------------------------------------------------------------------------
# Noun phrases
# --------------------------------------------------------------------------


def _skip_tag(toks: list[_Tok]) -> int:
    """Index after a leading ``[Russia] -`` tag of a headline list, or 0."""
    if toks and toks[0].text == "[":
        for k in range(1, min(len(toks), 8)):
            if toks[k].text == "]":
                k += 1
                while k < len(toks) and toks[k].text in "-—–:":
                    k += 1
                return k
    return 0


def _plural_possessive(toks: list[_Tok], k: int) -> bool:
    """Whether token ``k`` is the apostrophe of a plural possessive inside a name (``Prisoners'
    Society``): it closes a word ending in ``s`` and a word follows after a blank."""
    tok = toks[k]
    if tok.text not in ("'", "’") or k == 0 or k + 1 >= len(toks):
        return False
    before, after = toks[k - 1], toks[k + 1]
    return before.word and before.end == tok.start and before.lower.endswith("s") \
        and after.word and after.start > tok.end


def _numbered_name(toks: list[_Tok], k: int) -> bool:
    """Whether the number at token ``k`` ends a name (``Channel 12``, ``Article 19``): a short
    whole number after a capitalised word that is not itself a number."""
    tok = toks[k]
    if k == 0 or len(tok.text) > 3 or not tok.text.isdigit():
        return False
    before = toks[k - 1]
    return before.word and before.cap and not before.digit and not _is_number_word(before) \
        and not _is_date_word(before.lower)


def _np_back(doc: _Doc, toks: list[_Tok], end: int) -> int | None:
    """Start index of the noun phrase ending just before ``end``, read backwards; None if none."""
    k = end
    while k > 0 and end - k < 12:
        tok = toks[k - 1]
        low = tok.lower
        if not tok.word:
            if low in ("'s", "’s") and k < end or _plural_possessive(toks, k - 1) and k < end:
                k -= 1
                continue
            break
        if tok.digit:
            if k == end and _numbered_name(toks, k - 1):
                k -= 1  # "Israel's Channel 12 reported"
                continue
            break
        if low in _INNER_PREPOSITIONS:
            left = toks[k - 2] if k >= 2 else None
            right = toks[k] if k < end else None
            if (
                left is not None and right is not None and left.word
                and (low == "of" or left.cap or doc.is_title(left) or doc.is_body(left))
                and (right.cap or right.lower in _DETERMINERS)
            ):
                k -= 1
                continue
            break
        if low == "and":
            if k < end and k >= 2 and toks[k - 2].word:
                k -= 1
                continue
            break
        if low in _NP_STOPS:
            break
        k -= 1
        if low in ("a", "an", "the") and not (k > 0 and toks[k - 1].lower in _BEFORE_INNER_ARTICLE):
            break  # an article opens its noun phrase: "declared [a three-month] state" ("for the
            # Study of War", "residents and a hospital official" go on)
    if end - k >= 12:
        return None
    while k < end and toks[k].lower in ("and", "of", "for", "in", "at", "on", "'s", "’s"):
        k += 1
    return k if k < end else None


def _np_forward(doc: _Doc, toks: list[_Tok], start: int) -> int:
    """End index (exclusive) of the noun phrase starting at ``start``; ``start`` if none."""
    k = start
    n = len(toks)
    while k < n and k - start < 10:
        tok = toks[k]
        low = tok.lower
        if not tok.word:
            if low in ("'s", "’s") and k > start or _plural_possessive(toks, k) and k > start and k + 1 < n:
                k += 1
                continue
            break
        if tok.digit:
            break
        if low in _INNER_PREPOSITIONS:
            left = toks[k - 1] if k > start else None
            right = toks[k + 1] if k + 1 < n else None
            if (
                left is not None and right is not None and right.word
                and (left.cap or doc.is_title(left) or doc.is_body(left))
                and (right.cap or right.lower in _DETERMINERS)
                and not _is_date_word(right.lower)  # "the ministry on Thursday": when, not who
            ):
                k += 1
                continue
            break
        if low == "and" and k > start:
            k += 1
            continue
        if low in _NP_STOPS or (k > start and low in doc.lex.verbs and low not in doc.lex.media):
            break
        if k > start and not tok.cap and low.endswith("ed") and not (doc.is_title(tok) or doc.is_body(tok)):
            break
        k += 1
    while k > start and toks[k - 1].lower in ("and", "of", "for", "in", "at", "on"):
        k -= 1
    return k


def _subject_span(doc: _Doc, toks: list[_Tok]) -> tuple[int, int] | None:
    """The noun phrase a unit opens with (``The foreign minister``, ``Ukrainian President X``)."""
    start = _skip_tag(toks)
    k = start
    n = len(toks)
    while k < n and k - start < 12:
        tok = toks[k]
        if tok.lower in ("'s", "’s") and k > start:
            k += 1
            continue
        if not tok.word or tok.digit:
            break
        if tok.lower in _PARTICLES and k > start and k + 1 < n and doc.name_like(toks[k + 1]):
            k += 1  # "Mohammed bin Salman"
            continue
        if tok.cap or tok.lower in ("the", "a", "an") or doc.is_title(tok):
            if tok.lower in _NON_NAME and tok.lower not in ("the", "a", "an") and k > start:
                break
            if tok.cap and tok.lower in doc.lex.verbs and k > start:
                break
            k += 1
            continue
        if any(doc.is_title(t) for t in toks[k + 1:k + 4] if t.word) and tok.lower not in _NP_STOPS \
                and tok.lower not in doc.lex.verbs:
            k += 1
            continue
        break
    return (start, k) if k > start else None


def _text_of(doc: _Doc, toks: Sequence[_Tok]) -> str:
    return doc.text[toks[0].start:toks[-1].end]


def _latest_before(items: list[tuple[int, str]], pos: int, doc: _Doc) -> str | None:
    """The last item before ``pos`` that is not inside a quotation."""
    k = bisect.bisect_left(items, (pos, "")) - 1
    stop = max(-1, k - 64)  # bounded: a long run of quoted mentions is not searched to its start
    while k > stop:
        where, name = items[k]
        if doc.quote_at(where) is None:
            return name
        k -= 1
    return None


def _person_before(doc: _Doc, pos: int) -> str | None:
    """Whom ``he``/``she`` at ``pos`` most likely means: the latest speaker or subject, else person."""
    _settle(doc, doc.subjects, pos)
    return _latest_before(doc.subjects, pos, doc) or _latest_before(doc.person_mentions, pos, doc)


def _issuer_before(doc: _Doc, start: int, end: int) -> tuple[_Resolved, int, int] | None:
    """Who issued ``the statement`` at ``start``: the latest body or person that spoke before it
    (``..., Ukraine's Air Force reported. ..., the statement said``)."""
    _settle(doc, doc.bodies_said, start)
    _settle(doc, doc.subjects, start)
    latest: tuple[int, _Resolved] | None = None
    for items, person in ((doc.bodies_said, False), (doc.subjects, True)):
        k = bisect.bisect_left(items, (start, "")) - 1
        stop = max(-1, k - 64)  # bounded, as in _latest_before
        while k > stop and doc.quote_at(items[k][0]) is not None:
            k -= 1
        if k > stop and (latest is None or items[k][0] > latest[0]):
            latest = (items[k][0], _Resolved(items[k][1], person))
    return (latest[1], start, end) if latest else None


def _lookup_role(doc: _Doc, head: str, mods: frozenset[str], pos: int, end: int) -> str | None:
    """The person whose role matches ``head`` and all ``mods``: the latest before, else the first after.

    Role entries inside the description itself (``pos <= role.pos < end``) are
    skipped: a description is no evidence of whom it describes.
    """
    roles = doc.roles_by_head.get(head, [])
    split_at = bisect.bisect_left(roles, pos, key=lambda r: r.pos)
    for k in range(split_at - 1, max(-1, split_at - 65), -1):
        if mods <= roles[k].modifiers:
            return roles[k].name
    for k in range(split_at, min(len(roles), split_at + 65)):
        role = roles[k]
        if mods <= role.modifiers and not pos <= role.pos < end:
            return role.name
    return None


def _region_of(doc: _Doc, unit: _Unit) -> str | None:
    """``Belgorod Region`` in a headline: capitalised words before a region word."""
    toks = unit.toks
    for i, tok in enumerate(toks):
        if tok.cap and tok.lower in doc.lex.regions and i > 0 and toks[i - 1].cap and toks[i - 1].word:
            k = i - 1
            while k > 0 and i - k < 3 and toks[k - 1].cap and toks[k - 1].word \
                    and toks[k - 1].lower not in _NON_NAME and toks[k - 1].lower not in _NOUN_PREPOSITIONS:
                k -= 1
            return _text_of(doc, toks[k:i + 1])
    return None


def _common_word(tok: _Tok) -> bool:
    """A word that names nothing by itself: lower case, or a compound ending so (``UK-based``)."""
    return not tok.cap or "-" in tok.text and tok.text.rsplit("-", 1)[-1].islower()


def _resolve(doc: _Doc, unit: _Unit, toks: list[_Tok]) -> tuple[_Resolved, int, int] | None:
    """Read a noun phrase as a speaker: (resolved name, mention start, mention end), or None."""
    definite = False
    while toks and toks[0].lower in ("the", "a", "an"):
        definite = definite or toks[0].lower == "the"
        toks = toks[1:]
    while toks and not toks[-1].word:
        toks = toks[:-1]
    if not toks:
        return None
    start, end = toks[0].start, toks[-1].end
    first = toks[0].lower
    if len(toks) == 1 and first in _FIRST_PERSON:
        return None
    if len(toks) == 1 and first in ("him", "her"):  # "according to him"
        first = "he"
    if len(toks) == 1 and first in _PRONOUNS:
        if first in ("he", "she"):
            name = _person_before(doc, start)
            return (_Resolved(name, True), start, end) if name else None
        name = None
        if first in ("it", "they"):
            _settle(doc, doc.bodies_said, start)
            name = _latest_before(doc.bodies_said, start, doc)
        return (_Resolved(name, False), start, end) if name else None
    if first in ("this", "that", "these", "those", "which", "what", "it"):
        return None
    lex = doc.lex
    # a document or count standing for its issuer: "media reports", "a Kremlin statement"
    if toks[-1].lower in lex.media:
        if toks[-1].lower in ("reports", "report") and not any(t.cap for t in toks[:-1] if t.word and t.lower != "media"):
            return _Resolved("media reports", False), start, end
        rest = toks[:-1]
        while rest and rest[-1].lower in ("'s", "’s"):
            rest = rest[:-1]
        if not rest:
            return _issuer_before(doc, start, end) if definite else None
        return _resolve(doc, unit, rest)
    if first in lex.media and len(toks) > 2 and toks[1].lower in ("from", "by", "of"):
        return _resolve(doc, unit, toks[2:])
    title_at = None
    for k in range(len(toks) - 1, -1, -1):
        if doc.is_title(toks[k]):
            title_at = k
            break
    has_possessive = any(t.lower in ("'s", "’s") for t in toks)
    # "Russian Foreign Minister Sergey Lavrov" -> "Sergey Lavrov"
    if title_at is not None and title_at < len(toks) - 1 and doc.name_like(toks[-1]) and all(
        doc.name_like(t) or t.lower in _PARTICLES for t in toks[title_at + 1:]
    ):
        name_toks = toks[title_at + 1:]
        return _Resolved(_expand(doc, _text_of(doc, name_toks)), True), start, end
    # a proper name: "Putin", "Vladimir Putin", "Kyiv", "Hamas"
    if not has_possessive and all(t.word and t.cap for t in toks) and not any(doc.is_body(t) for t in toks) \
            and title_at is None:
        text = _text_of(doc, toks)
        surname = toks[-1].text
        if doc.is_full_name(text) or (doc.full_name(surname) is not None and all(doc.name_like(t) for t in toks)):
            return _Resolved(_expand(doc, text), True), start, end
        return _Resolved(text, False), start, end
    # a description: "the minister", "Kremlin Negotiator", "Russia's top diplomat"
    if title_at is not None and title_at == len(toks) - 1:
        words_ = _role_words(doc, toks)
        if words_:
            head, mods = words_
            bare = not mods and not definite and len(toks) == 1
            if not bare:
                name = _lookup_role(doc, head, mods, start, end)
                if name:
                    return _Resolved(name, True), start, end
            if definite and not mods:
                name = _person_before(doc, start)
                if name and (name[0].isupper() or _PREFIXED_NAME.match(name)):  # a name, not a description
                    return _Resolved(name, True), start, end
            if bare and unit.headline:
                region = _region_of(doc, unit)
                if region:
                    return _Resolved(f"{region} {toks[0].lower}", True), start, end
        # "a local commander" that names no one is still a person: "he" later means him
        head = toks[-1].lower
        return _Resolved(_text_of(doc, toks), _singular(head) == head), start, end
    # a body named again in short: "the ministry", "the General Staff" -> the latest such body named
    if definite and doc.is_body(toks[-1]):
        short = " ".join(t.lower for t in toks)
        named = doc.bodies_named(toks[-1].lower)  # a name ending in " " + short ends in its last word
        k = bisect.bisect_left(named, (start, "")) - 1
        stop = max(-1, k - 200)
        while k > stop:
            name = named[k][1]
            if name.lower() != short and " ".join(name.lower().split()).endswith(" " + short):
                return _Resolved(name, False), start, end
            k -= 1
    # "the group", "the UK-based monitor": a generic noun for whichever body spoke last
    if definite and toks[-1].lower in lex.generic and not has_possessive and all(map(_common_word, toks)):
        _settle(doc, doc.bodies_said, start)
        name = _latest_before(doc.bodies_said, start, doc)
        if name:
            return _Resolved(name, False), start, end
    return _Resolved(_text_of(doc, toks), False), start, end


# --------------------------------------------------------------------------
# Attributions
# --------------------------------------------------------------------------


def _match_verb(doc: _Doc, toks: list[_Tok], i: int) -> tuple[_Verb, int] | None:
    """The verb form starting at token ``i`` and the index after it, longest phrase first."""
    forms = doc.lex.verbs.get(toks[i].lower)
    if not forms:
        return None
    for form in forms:
        j = i + len(form.words)
        if j <= len(toks) and all(toks[i + m].lower == w for m, w in enumerate(form.words)):
            return form, j
    return None


def _match_phrase(toks: list[_Tok], i: int, phrases: dict[str, tuple[tuple[str, ...], ...]]) -> int | None:
    """The index after the first of ``phrases`` (keyed by first word) that starts at token ``i``."""
    for phrase in phrases.get(toks[i].lower, ()):
        j = i + len(phrase)
        if j <= len(toks) and all(toks[i + m].lower == w for m, w in enumerate(phrase)):
            return j
    return None


def _adjunct_only(doc: _Doc, tail: list[_Tok]) -> bool:
    """Whether what follows a reporting verb only says when/where/to whom (``told reporters on Sunday``)."""
    words_ = [t for t in tail if t.word]
    if not words_:
        return True
    head = words_[0].lower
    if len(words_) > 8 and head not in _CIRCUMSTANCE_PREPOSITIONS:
        return False  # (a long tail that opens "in a report covering ..." is still a circumstance)
    if any((t.digit and not _in_date(words_, m)) or t.lower == "that" or _is_number_word(t)
           for m, t in enumerate(words_)):
        return False  # a number, in digits or words ("pledged a hundred", "twenty-one dollars"), is the claim
    if any(t.text in _QUOTES for t in tail):
        return False
    if head in _ADJUNCT_STARTS or head in _WEEKDAYS:
        return True
    k = 0  # whom it was told, then perhaps when or where ("told AFP on Sunday")
    while k < len(words_) and (words_[k].cap or words_[k].lower in ("the", "a", "an", "reporters", "journalists", "press")):
        k += 1
    return k == len(words_) or (k > 0 and (words_[k].lower in _ADJUNCT_STARTS or words_[k].lower in _WEEKDAYS))


def _in_date(words_: list[_Tok], m: int) -> bool:
    """Whether the number at ``words_[m]`` is a day beside its month (``on March 23``, ``on 23 March``):
    it says when the claim was made, and is no claim itself."""
    return any(0 <= k < len(words_) and words_[k].lower.rstrip(".") in month_numbers() for k in (m - 1, m + 1))


def _gloss_starts(doc: _Doc, toks: list[_Tok]) -> list[int]:
    """Offsets of every ``, referring to``-like gloss in a unit."""
    return [
        tok.start for i, tok in enumerate(toks)
        if tok.text == "," and i + 1 < len(toks) and _match_phrase(toks, i + 1, doc.lex.glosses) is not None
    ]


def _gloss_clip(unit: _Unit, after: int, end: int) -> int:
    """Where an outlet's gloss (``, referring to ...``) starts after char ``after``, else ``end``."""
    k = bisect.bisect_left(unit.glosses, after)
    return unit.glosses[k] if k < len(unit.glosses) else end


def _scoped(doc: _Doc, unit: _Unit, resolved: tuple[_Resolved, int, int], kind: str,
            verb_start: int, verb_end: int, np_start: int) -> _Attribution:
    """An attribution with the scope its kind gives it."""
    res, m_start, m_end = resolved
    if kind == "lead":
        scope = (verb_end, _gloss_clip(unit, verb_end, unit.end))
    elif kind == "trail":
        scope = (unit.start, np_start)
    elif kind == "paren":
        scope = (unit.start, _gloss_clip(unit, verb_end, unit.end))
    else:
        scope = (unit.start, unit.end)
    return _Attribution(res.name, m_start, m_end, scope[0], scope[1], verb_start, kind, res.person)


_CLAUSE_BREAKS = frozenset(",;:—–-()") | _QUOTES


def _breaks_clause(toks: list[_Tok], k: int) -> bool:
    """Whether token ``k`` ends the clause before it: a comma, dash or double quote, or a single
    quote closing a quotation (``... this week,' Zelensky said``; not ``the soldiers' families``)."""
    text = toks[k].text
    if text in _CLAUSE_BREAKS:
        return True
    return text in ("'", "’") and k > 0 and toks[k - 1].text in (",", "?", "!")


def _is_number_word(tok: _Tok) -> bool:
    return tok.lower.split("-")[0] in _number_words()


def _count_starts(toks: list[_Tok], k: int) -> bool:
    """Whether a count begins at token ``k``: ``100``, ``twenty-one``, ``a hundred``."""
    if k >= len(toks):
        return False
    tok = toks[k]
    if tok.digit or _is_number_word(tok):
        return True
    return tok.lower in ("a", "an") and k + 1 < len(toks) and _is_number_word(toks[k + 1])


def _is_acronym(tok: _Tok) -> bool:
    """A word in capitals that stands for a name (``EHRC``, ``UNHCR``, ``M23``)."""
    return tok.word and tok.cap and len(tok.text) > 1 and tok.text.isupper()


def _names_person(doc: _Doc, toks: Sequence[_Tok]) -> bool:
    """Whether ``toks`` are a person's name, after any titles: ``Andrea Tenenti``, ``Major
    Abdullahi Ali``, ``Gen. Tsadkan Gebretensae``, ``Mr. Bassal`` (one name word needs a title)."""
    k = 0
    while k < len(toks) and toks[k].cap and doc.is_title(toks[k]):
        k += 1
    rest = toks[k:]
    if not rest or not (doc.name_like(rest[0]) and doc.name_like(rest[-1])):
        return False
    if not all(doc.name_like(t) or t.lower in _PARTICLES for t in rest):
        return False
    return len(rest) >= 2 or k > 0


def _describes(doc: _Doc, toks: list[_Tok], end: int) -> bool:
    """Whether the noun phrase ending before token ``end`` describes a person rather than naming
    one: it opens with a determiner (``Its spokesman``, ``a military officer``) or holds a title
    (``UNIFIL spokesperson``)."""
    start = _np_back(doc, toks, end)
    if start is None:
        return False
    np = toks[start:end]
    if all(doc.name_like(t) for t in np):
        return False
    return np[0].lower in _DETERMINERS or any(doc.is_title(t) for t in np)


def _attach(doc: _Doc, unit: _Unit, i: int, j: int, form: _Verb,
            found: list[_Attribution], subject: tuple[_Resolved, int, int] | None) -> _Attribution | None:
    """The attribution made by the verb in tokens [i, j), or None where it is no attribution."""
    toks = unit.toks
    n = len(toks)
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[j] if j < n else None
    verb_start, verb_end = toks[i].start, toks[j - 1].end
    if prev is not None and prev.lower in ("a", "an", "the"):
        return None  # "an estimated 100 drones", "the reported deaths": an adjective, not a claim
    if toks[i].cap and not unit.headline and prev is not None and prev.word:
        return None  # a capitalised word inside a body sentence: part of a name ("United States")
    if nxt is not None and (nxt.lower in ("'s", "’s") or _match_verb(doc, toks, j) is not None and unit.headline):
        return None
    if form.not_to and nxt is not None and nxt.lower == "to":
        return None  # "adding to the more than 1 million already there": no saying
    counted = _count_starts(toks, j + 1)
    if form.kind == "report" and nxt is not None and nxt.lower in ("over", "with") and not counted:
        return None  # "argued over a proposed truce", "commented with": a topic ("said over 100 ..." is a claim)
    # passive with an agent: "proposed by Kyiv"; "as quoted by the Russian media" names only the medium
    if nxt is not None and nxt.lower == "by" and not (j + 1 < n and toks[j + 1].lower in _MEANS):
        if prev is not None and prev.lower == "as" or form.participle or form.finite_s:
            return None
        end = _np_forward(doc, toks, j + 1)
        resolved = _resolve(doc, unit, toks[j + 1:end]) if end > j + 1 else None
        return _scoped(doc, unit, resolved, "agent", verb_start, verb_end, 0) if resolved else None
    if form.participle:  # ", saying ...", ", adding that ..."
        if prev is not None and (prev.text in ",;—–" or prev.lower == "and"):
            inherited = found[-1] if found else None
            if inherited is not None:
                return _Attribution(inherited.name, inherited.start, inherited.end, verb_end,
                                    _gloss_clip(unit, verb_end, unit.end), verb_start, "lead",
                                    inherited.person)
            if subject is not None:
                return _scoped(doc, unit, subject, "lead", verb_start, verb_end, 0)
        return None
    # inverted: "..., said Alexander Baunov, a senior fellow"
    if form.invert and nxt is not None and (prev is None or _breaks_clause(toks, i - 1)):
        end = _np_forward(doc, toks, j)
        after = toks[end] if end < n else None
        if end > j and (toks[j].cap or toks[j].lower in ("the", "he", "she")) and (
            after is None or not after.word or after.lower in _ADJUNCT_STARTS or after.lower in ("who", "which")
        ):
            resolved = _resolve(doc, unit, toks[j:end])
            if resolved:
                kind = "trail" if prev is not None else "lead"
                return _scoped(doc, unit, resolved, kind, verb_start, verb_end, verb_start)
    # the subject before the verb, over adverbs and auxiliaries
    k = i
    quoted_as = len(form.words) > 1 and form.words[-1] == "saying"
    while k > 0 and (
        toks[k - 1].lower in doc.lex.adverbs
        or (toks[k - 1].lower.endswith("ly") and not toks[k - 1].cap and len(toks[k - 1].text) > 4)
        or (quoted_as and toks[k - 1].lower in _BE)
    ):
        k -= 1
    if k > 2 and toks[k - 1].text == ")" and toks[k - 3].text == "(" and _is_acronym(toks[k - 2]):
        k -= 3  # "the Ethiopian Human Rights Commission (EHRC) said": the name before its acronym
    if k > 0 and toks[k - 1].lower in _BE:
        return None  # passive without agent: "30 deaths were reported"
    if k > 0 and toks[k - 1].lower == "and":
        return _scoped(doc, unit, subject, "lead", verb_start, verb_end, 0) if subject else None
    np_end = k
    named: list[_Tok] | None = None  # the person a description names in apposition
    if k > 0 and toks[k - 1].lower == "who" and k >= 3 and toks[k - 2].text == ",":
        np_end = k - 2
    elif k > 0 and toks[k - 1].text == ",":  # "Stanovaya, founder of R.Politik, said"
        m = k - 2
        while m >= 0 and k - m < 30 and toks[m].text != ",":
            m -= 1
        if m < 0 or k - m >= 30 or m + 1 >= k - 1:
            return None
        apposed = toks[m + 1:k - 1]
        opener = apposed[0]
        if _names_person(doc, apposed) and _describes(doc, toks, m):
            named = apposed  # "a military officer, Major Abdullahi Ali, told ..."
        elif not (opener.lower in ("who", "which", "a", "an", "the") or doc.is_title(opener) or not opener.cap):
            return None
        np_end = m
    np_start = _np_back(doc, toks, np_end)
    if np_start is None:
        return None
    np = toks[np_start:np_end]
    boundary = toks[np_start - 1] if np_start > 0 else None
    if np[-1].lower in ("'s", "’s"):
        return None
    nounish = form.finite_s or form.base
    if form.base and len(form.words) == 1 and not form.finite_s and np[0].lower in ("a", "an"):
        return None  # "a three-month state of emergency": a singular subject would take "states"
        # (a phrase, "put the toll at", is a verb whatever its subject)
    if nounish and boundary is not None and (boundary.digit or boundary.lower in _NOUN_PREPOSITIONS):
        return None  # "on $111M Fraud Claims", "of Asylum Requests"
    if form.finite_s and not any(t.cap for t in np) and np[0].lower not in ("the", "a", "an") \
            and np[0].lower not in _PRONOUNS:
        return None  # "media reports", "growing calls"
    resolved = _resolve(doc, unit, named if named is not None else np)
    if resolved is None:
        return None
    tail_end = j
    while tail_end < n and toks[tail_end].text not in ",;.":  # (a "." left inside a unit: "said on X. The ...")
        tail_end += 1
    tail = toks[j:tail_end]
    if boundary is not None and _breaks_clause(toks, np_start - 1) and _adjunct_only(doc, tail):
        # "..., X said, the army will ..." covers both sides; "..., X said, as talks stalled" does not
        more = (
            tail_end < n - 1 and toks[tail_end].text == "," and toks[tail_end + 1].word
            and toks[tail_end + 1].lower not in _SUBORDINATORS
        )
        kind = "paren" if more else "trail"
    else:
        kind = "lead"
    return _scoped(doc, unit, resolved, kind, verb_start, verb_end, np[0].start)


def _headline_attributions(doc: _Doc, unit: _Unit) -> list[_Attribution]:
    """``... — Reports``, ``... -- FM Source``, ``Kremlin: ...`` in a headline."""
    toks = unit.toks
    out: list[_Attribution] = []
    n = len(toks)
    # a dash before a short name at the end
    for d in range(n - 1, max(0, n - 7), -1):
        if toks[d].text in ("—", "–", "-") and toks[d].start > unit.start and doc.text[toks[d].start - 1] in " -":
            np = [t for t in toks[d + 1:] if t.text not in ".!?"]
            if 0 < len(np) <= 4 and all(t.word and t.cap and not t.digit for t in np) \
                    and _text_of(doc, np).lower() not in doc.lex.labels \
                    and not any(t.lower in doc.lex.labels for t in np):
                resolved = _resolve(doc, unit, np)
                if resolved:
                    start = toks[d - 1].start if d > 0 and toks[d - 1].text == "-" else toks[d].start
                    res, m_start, m_end = resolved
                    out.append(_Attribution(res.name, m_start, m_end, unit.start, start, toks[d].start,
                                            "trail", res.person))
            break
    # a short name before a colon at the start
    first = _skip_tag(toks)
    for c in range(first + 1, min(n, first + 5)):
        if toks[c].text == ":":
            np = toks[first:c]
            if all(t.word and t.cap and not t.digit for t in np) \
                    and not any(t.lower in doc.lex.labels for t in np):
                resolved = _resolve(doc, unit, np)
                if resolved:
                    res, m_start, m_end = resolved
                    out.append(_Attribution(res.name, m_start, m_end, toks[c].end, unit.end, toks[c].start,
                                            "lead", res.person))
            break
    return out


def _unit_attributions(doc: _Doc, unit: _Unit) -> list[_Attribution]:
    """Every attribution in a unit, in order; speakers and subjects are recorded as they are found."""
    toks = unit.toks
    unit.glosses = _gloss_starts(doc, toks)
    span = _subject_span(doc, toks)
    subject = None
    if span is not None:
        subject = _resolve(doc, unit, toks[span[0]:span[1]])
        if subject is not None and subject[0].person and doc.quote_at(subject[1]) is None:
            bisect.insort(doc.subjects, (subject[1], subject[0].name))
    found: list[_Attribution] = []
    if unit.headline:
        found.extend(_headline_attributions(doc, unit))
    n = len(toks)
    lex = doc.lex
    i = 0
    for k, tok in enumerate(toks):  # only a source phrase's or a verb's first word starts either
        if k < i or (tok.lower not in lex.sources and tok.lower not in lex.verbs):
            continue
        i = k
        j = _match_phrase(toks, i, lex.sources)
        if j is not None:  # "according to the ministry", "according to a statement from the ministry"
            m = j + 1 if j < n and toks[j].lower in ("a", "an", "the") else j
            if m + 1 < n and toks[m].lower in lex.media:
                # "a statement from X", "documents published by X": the issuer, not the document
                p = m + 2 if m + 2 < n and toks[m + 1].lower.endswith("ed") and toks[m + 2].lower == "by" else m + 1
                if toks[p].lower in ("from", "by", "of"):
                    j = p + 1
            end = _np_forward(doc, toks, j)
            resolved = _resolve(doc, unit, toks[j:end]) if end > j else None
            if resolved:
                found.append(_scoped(doc, unit, resolved, "source", toks[i].start, toks[j - 1].end, 0))
            i = max(end, j)
            continue
        match = _match_verb(doc, toks, i)
        if match is None:
            i += 1
            continue
        form, j = match
        att = _attach(doc, unit, i, j, form, found, subject)
        if att is not None:
            found.append(att)
            if doc.quote_at(att.start) is None:
                if att.person:
                    bisect.insort(doc.subjects, (att.start, att.name))
                else:
                    bisect.insort(doc.bodies_said, (att.start, att.name))
        i = j
    # "Medinsky noted that ..., Xinhua reported": a closing attribution after a leading one
    # names the medium that carried it, so it does not cover the leading one's claim.
    first_lead: _Attribution | None = None
    for index, att in enumerate(found):
        if att.kind == "lead" and (first_lead is None or att.verb_pos < first_lead.verb_pos):
            first_lead = att
    # "30 died, X said on X. 20 fled, Y said": nor does a closing attribution reach back over
    # another one's verb, which closed the clause before it (a unit may hold two sentences).
    for index, att in enumerate(found):
        if att.kind != "trail":
            continue
        scope_start, scope_end = att.scope_start, att.scope_end
        if first_lead is not None and first_lead.verb_pos < att.start:
            scope_end = min(scope_end, first_lead.start)
        for other in found:
            if other is not att and other.kind in ("lead", "trail", "paren") \
                    and scope_start <= other.verb_pos < min(att.start, att.verb_pos):
                scope_start = other.verb_pos + 1
        if (scope_start, scope_end) != (att.scope_start, att.scope_end):
            found[index] = _Attribution(att.name, att.start, att.end, scope_start, scope_end,
                                        att.verb_pos, att.kind, att.person)
    return found


def _attributions(doc: _Doc, index: int) -> list[_Attribution]:
    """The attributions of unit ``index``, found when first asked for.

    Attribution is lazy: a unit is read only when a figure's speaker needs it,
    or when a pronoun in a later unit needs the speakers before it
    (:func:`_settle`). The answer is the same as reading every unit in order.
    """
    found = doc.attributions[index]
    if found is None:
        found = doc.attributions[index] = _unit_attributions(doc, doc.units[index])
        while doc.settled < len(doc.units) and doc.attributions[doc.settled] is not None:
            doc.settled += 1
    return found


def _settle(doc: _Doc, items: list[tuple[int, str]], pos: int) -> None:
    """Attribute the units before ``pos``, nearest first, until the latest entry of ``items`` before
    ``pos`` is known to be final (``items`` is ``doc.subjects`` or ``doc.bodies_said``, which
    attribution fills: every entry lies in its own unit, and none is quoted)."""
    k = doc.unit_at(pos)
    while True:
        i = bisect.bisect_left(items, (pos, "")) - 1
        if i >= 0 and items[i][0] >= doc.units[k].start:
            return  # found in units already read, with nothing unread between it and pos
        if k <= doc.settled:
            return  # every unit before k has been read
        k -= 1
        _attributions(doc, k)


def _find_section(doc: _Doc) -> tuple[int, _Attribution] | None:
    """``Below are the main points of Putin's statements.``: a speaker for the rest of the document,
    as (where the section starts, its attribution); the first such line counts."""
    for index, unit in enumerate(doc.units):
        text = doc.text[unit.start:unit.end]
        lowered = text.lower()
        if not (text.rstrip().endswith(":") or any(w in lowered for w in ("below", "following", "here"))):
            continue
        for m in _SECTION.finditer(text):
            if m.group("noun").lower() in doc.lex.section_nouns and m.group("what").lower() in doc.lex.remark_nouns:
                _attributions(doc, index)  # the unit's own speakers and subjects come before its section line
                toks = _tokenize(doc.text, unit.start + m.start("who"), unit.start + m.end("who"))
                resolved = _resolve(doc, unit, toks) if toks else None
                if resolved:
                    res, m_start, m_end = resolved
                    return unit.end, _Attribution(res.name, m_start, m_end, unit.end, len(doc.text), m_start,
                                                  "section", res.person)
    return None


# --------------------------------------------------------------------------
# Per figure
# --------------------------------------------------------------------------


def _quote_speaker(doc: _Doc, q: int, u: int) -> _Attribution | None:
    """Whom a quotation is attributed to: the nearest attribution outside quotes around it."""
    q_start, q_end = doc.quotes[q]
    inner = doc.text[q_start:q_end]
    if len(inner.split()) < 5 and not any(ch in inner for ch in ".!?"):
        return None  # a scare quote or a short phrase: no quotation of its own
    paragraph = doc.units[u].paragraph
    first = doc.unit_at(q_start)
    last = doc.unit_at(max(q_start, q_end - 1))
    best: tuple[int, _Attribution] | None = None
    for k in range(max(0, first - 1), min(len(doc.units), last + 2)):
        if doc.units[k].paragraph != paragraph:
            continue
        for att in _attributions(doc, k):
            if doc.quote_at(att.verb_pos) is not None or att.kind in ("agent", "source"):
                continue
            distance = q_start - att.end if att.end <= q_start else max(0, att.start - q_end)
            if best is None or distance < best[0]:
                best = (distance, att)
    if best is not None:
        return best[1]
    # a paragraph that is all quotation continues the previous paragraph's speaker
    if doc.units[first].start == q_start or doc.text[doc.units[first].start:q_start].strip() == "":
        k = first - 1
        while k >= 0 and doc.units[k].paragraph == paragraph:
            k -= 1
        if k >= 0 and doc.units[k].paragraph == paragraph - 1:
            while k >= 0 and doc.units[k].paragraph == paragraph - 1:
                outside = [a for a in _attributions(doc, k) if doc.quote_at(a.verb_pos) is None]
                if outside:
                    return outside[-1]
                k -= 1
    return None


_ALLEGATION_NOUNS = frozenset({"claims", "charges", "allegations", "accusations"})


def _allegation_speaker(doc: _Doc, unit: _Unit, end: int) -> _Attribution | None:
    """``Police Issue Arrest Warrant ... on $111M Fraud Claims``: the body that brought the allegation."""
    toks = unit.toks
    k = bisect.bisect_left([t.start for t in toks], end)
    if not any(t.lower in _ALLEGATION_NOUNS for t in toks[k:k + 3]):
        return None
    first = _skip_tag(toks)
    body_end = None
    for m in range(first, min(len(toks), first + 4)):
        if toks[m].word and doc.is_body(toks[m]):
            body_end = m + 1
    if body_end is None:
        return None
    resolved = _resolve(doc, unit, toks[first:body_end])
    if resolved is None:
        return None
    res, m_start, m_end = resolved
    return _Attribution(res.name, m_start, m_end, unit.start, unit.end, m_start, "agent", res.person)


_WE = frozenset({"we", "our", "us", "ours"})
_DASHES = frozenset("—–-")


def _find_issuer(doc: _Doc) -> _Attribution | None:
    """Who a press release speaks for: the organisation its first sentence, after a dateline, is
    about (``ROME – The World Food Programme (WFP) is ...``, ``Port-au-Prince, 12 March 2025 –
    Médecins Sans Frontières (MSF) has ...``): a name with its acronym or a body word."""
    unit = next((u for u in doc.units[:2] if not u.headline), None)
    if unit is None:
        return None
    toks = unit.toks
    dash = next((k for k in range(1, min(len(toks), 12)) if toks[k].text in _DASHES
                 and k + 1 < len(toks) and toks[k + 1].cap), None)
    if dash is None:
        return None  # no dateline: a news story, whose "we" is its reporter's or a speaker's
    span = _subject_span(doc, toks[dash + 1:])
    if span is None:
        return None
    np = toks[dash + 1 + span[0]:dash + 1 + span[1]]
    rest = toks[dash + 1 + span[1]:]
    acronym = len(rest) > 2 and rest[0].text == "(" and _is_acronym(rest[1]) and rest[2].text == ")"
    if acronym:
        rest = rest[3:]
    if not (rest and (rest[0].lower in _BE or rest[0].lower in ("has", "have"))):
        return None  # the release is about its subject: "X is", "X has"
    if not (acronym or any(t.cap and doc.is_body(t) for t in np)):
        return None  # an organisation, not a country or a person ("Russia has launched ...")
    resolved = _resolve(doc, unit, np)
    if resolved is None or not resolved[0].name[:1].isupper():
        return None
    res, m_start, m_end = resolved
    return _Attribution(res.name, m_start, m_end, 0, len(doc.text), m_start, "issuer", False)


def _speaks_as_we(doc: _Doc, unit: _Unit, end: int) -> bool:
    """Whether the clause holding a figure ending at ``end`` says "we"/"our" outside a quotation."""
    for tok in unit.toks:
        if tok.start >= end:
            break
        if tok.text in ".;":
            continue
        if tok.lower in _WE and doc.quote_at(tok.start) is None and not _in_single_quotes(doc.text, tok.start):
            return True
    return False


_SINGLE_OPEN = regex.compile(r"(?:^|(?<=\s))['‘](?=\w)")
_SINGLE_CLOSE = regex.compile(r"(?<=[\w.,?!])['’](?=\s|$)")


def _in_single_quotes(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in a quotation in single quotes that opened earlier in its paragraph
    (those are not indexed: a single quote is also an apostrophe)."""
    para = text.rfind("\n", 0, pos) + 1
    opened = [m.start() for m in _SINGLE_OPEN.finditer(text, para, pos + 1)]
    if not opened:
        return False
    return not any(True for _ in _SINGLE_CLOSE.finditer(text, opened[-1] + 1, pos))


def _speaker_of(doc: _Doc, start: int, end: int) -> _Attribution | None:
    """The attribution that covers the figure at [start, end), or None."""
    if not doc.units:
        return None
    u = doc.unit_at(start)
    q = doc.quote_at(start)
    best: tuple[int, int, _Attribution] | None = None
    for att in _attributions(doc, u):
        if not (att.scope_start <= start and end <= att.scope_end):
            continue
        if att.start < end and start < att.end:
            continue
        if doc.quote_at(att.verb_pos) not in (None, q):
            continue
        key = (att.scope_end - att.scope_start, abs(att.verb_pos - start))
        if best is None or key < best[:2]:
            best = (key[0], key[1], att)
    if best is not None:
        return best[2]
    if q is not None:
        att = _quote_speaker(doc, q, u)
        if att is not None:
            return att
    if doc.section is not None and start >= doc.section[0]:
        return doc.section[1]
    if q is None and _speaks_as_we(doc, doc.units[u], end) and doc.issuer is not None:
        return doc.issuer  # "Our teams treated 1,100 patients" in a press release: its issuer's
    return _allegation_speaker(doc, doc.units[u], end)


def _build(text: str, sentences: Sequence[Sentence]) -> _Doc:
    """Index one document: units and quotes (the rest is built when first asked for)."""
    doc = _Doc(text=text, units=_units(text, sentences), lex=_lexicon())
    doc.unit_starts = [u.start for u in doc.units]
    _index_quotes(doc)
    doc.attributions = [None] * len(doc.units)
    return doc


def speakers_for(
    text: str, sentences: Sequence[Sentence], spans: Sequence[tuple[int, int]]
) -> list[SpeakerMention | None]:
    """For each figure span (start, end) in ``text``, who the text says made the claim, or None.

    ``sentences`` are the document's sentences (:func:`figures.segment.split`).
    Each answer is a :class:`SpeakerMention` whose ``name`` is the best full name
    the document gives and whose ``start``/``end`` locate the mention it was
    read from; ``None`` where the outlet states the figure in its own voice.
    """
    if not spans:
        return []
    ordered = sorted(sentences, key=lambda s: s.start)
    doc = _build(text, ordered)
    answers: list[SpeakerMention | None] = []
    for start, end in spans:
        att = _speaker_of(doc, start, end) if 0 <= start <= len(text) else None
        if att is None or not att.name or not (0 <= att.start < att.end <= len(text)):
            answers.append(None)
        else:
            answers.append(SpeakerMention(att.name, att.start, att.end))
    return answers
