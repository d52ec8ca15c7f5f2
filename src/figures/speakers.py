"""Pipeline stage: who the text says made each numeric claim.

:func:`speakers_for` takes a document, its sentences and the spans of its
figures, and returns for each figure a :class:`~figures.models.SpeakerMention`
(the best full name the document gives, and the characters it was read from)
or ``None`` where the outlet states the figure in its own voice.

How it works, per document (all indexing is done once, in one pass or two):

1. **Units.** Each sentence is tokenised; a sentence the splitter left glued
   (``... NATO.Thus, ...``) is cut again into *units* at an inner full stop.
2. **Names and roles.** Runs of capitalised words give person names
   (``Russian President Vladimir Putin`` -> ``Vladimir Putin``, indexed by the
   surname ``Putin``); a title beside a name gives a *role* entry
   (``Kremlin spokesman Dmitry Peskov``, ``Medinsky, the Kremlin's negotiator``)
   so that a description (``the minister``, ``Kremlin Negotiator``) can be
   resolved to the person.
3. **Quotes.** Double-quoted regions per paragraph, including a quote that
   re-opens silently after its attribution and is only closed later.
4. **Attributions.** In every unit, each reporting verb (``said``, ``told``,
   ``claimed``; data file ``reporting_verbs.txt``) and each proposal verb
   (``called for``, ``pledged``; ``proposal_verbs.txt``) finds its subject:
   before it (``X said``), after it (``..., said X``), through an appositive
   (``X, who ..., said``), or a participle's (``..., saying``). ``according to
   X``, passive agents (``proposed by X``) and headline forms (``..., Governor
   Says``, ``... — Reports``, ``Kremlin: ...``) are attributions too. Each has a
   *scope*: the characters it covers (after a leading ``X said``, before a
   closing ``..., X said``, around a parenthetical ``..., X said, ...``), cut
   short where the outlet adds a gloss (``referring to ...``).
5. **Sections.** ``Below are the main points of X's statements`` makes X the
   speaker of everything after it that has no attribution of its own.

Then each figure takes, in order: the innermost attribution of its unit whose
scope covers it; the speaker of the quotation that holds it; the section
speaker; the body that brought an allegation (``Police Issue Warrant ... on
$111M Fraud Claims``); else ``None``.

Names are resolved as they are attributed: a pronoun (``he said``) becomes the
most recent person who spoke or was a sentence's subject, a single surname
the longest full name the document gives, a description the person whose
role matches it, a bare ``Governor`` in a headline ``<Region> governor``.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

import regex

from .lexicon import table, words
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
#: Prepositions before which a noun-looking verb ("Fraud Claims", "Asylum Requests") is a noun.
_NOUN_PREPOSITIONS = frozenset(
    "of on over for in at to with from into by about amid despite against among under".split()
)
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
#: Words that begin a tail which is only a circumstance of the saying ("said on Sunday").
_ADJUNCT_STARTS = frozenset(
    """on in at to during after before late early earlier later last this via from for while when
    reporters journalists the a an his her their its as according""".split()
)
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
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[\-'’.,\u2011][\p{L}\p{M}\p{N}]+)*|\S")
_POSSESSIVE = regex.compile(r"^(.+?)(['’]s)$")
_HAS_DIGIT = regex.compile(r"\p{N}")
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
    sources: tuple[tuple[str, ...], ...]
    glosses: tuple[tuple[str, ...], ...]
    media: frozenset[str]
    labels: frozenset[str]
    regions: frozenset[str]
    adverbs: frozenset[str]
    section_nouns: frozenset[str]
    remark_nouns: frozenset[str]


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
            ))
    return verbs


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
        sources=tuple(tuple(p.split()) for p in cues.get("source", [])),
        glosses=tuple(tuple(p.split()) for p in cues.get("gloss", [])),
        media=frozenset(cues.get("medium", [])),
        labels=frozenset(cues.get("label", [])),
        regions=frozenset(cues.get("region", [])),
        adverbs=frozenset(cues.get("adverb", [])),
        section_nouns=frozenset(cues.get("section", [])),
        remark_nouns=frozenset(cues.get("remarks", [])),
    )


# --------------------------------------------------------------------------
# Tokens and units
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Tok:
    """A word or punctuation mark with its offsets."""

    text: str
    start: int
    end: int
    lower: str
    cap: bool  # starts with an upper-case letter
    word: bool  # letters or digits (not punctuation)
    digit: bool


def _make_tok(text: str, start: int) -> _Tok:
    first = text[0]
    return _Tok(
        text=text,
        start=start,
        end=start + len(text),
        lower=text.lower(),
        cap=first.isupper(),
        word=first.isalnum(),
        digit=bool(_HAS_DIGIT.search(text)),
    )


def _tokenize(text: str, start: int, end: int) -> list[_Tok]:
    """Tokens of ``text[start:end]``; a possessive ``'s`` becomes its own token."""
    toks: list[_Tok] = []
    for m in _TOKEN.finditer(text, start, end):
        piece = m.group()
        possessive = _POSSESSIVE.match(piece) if len(piece) > 2 else None
        if possessive and piece[0].isalpha():
            stem = possessive.group(1)
            toks.append(_make_tok(stem, m.start()))
            toks.append(_make_tok(possessive.group(2), m.start() + len(stem)))
        else:
            toks.append(_make_tok(piece, m.start()))
    return toks


@dataclass
class _Unit:
    """A sentence, or a piece of a sentence the splitter left glued, with its tokens."""

    start: int
    end: int
    paragraph: int
    headline: bool
    toks: list[_Tok]


def _is_headline(text: str, toks: list[_Tok]) -> bool:
    """A title-case line with no final full stop: most of its longer words are capitalised."""
    if text.rstrip("\"'”’)] ").endswith("."):
        return False
    long_words = [t for t in toks if t.word and len(t.text) > 3 and not t.digit]
    if len(long_words) < 2:
        return False
    return sum(t.cap for t in long_words) >= 0.7 * len(long_words)


def _units(text: str, sentences: Sequence[Sentence]) -> list[_Unit]:
    """Sentences as units, cut again at an inner ``.``/``?``/``!`` before a capital."""
    units: list[_Unit] = []
    for sentence in sentences:
        toks = _tokenize(text, sentence.start, sentence.end)
        if not toks:
            continue
        pieces: list[list[_Tok]] = [[]]
        for i, tok in enumerate(toks):
            pieces[-1].append(tok)
            if (
                tok.text in ".?!"
                and 0 < i < len(toks) - 1
                and toks[i + 1].cap
                and toks[i - 1].word
                and len(toks[i - 1].text) > 1
                and "." not in toks[i - 1].text
            ):
                pieces.append([])
        for piece in pieces:
            if piece:
                start, end = piece[0].start, piece[-1].end
                units.append(_Unit(start, end, sentence.paragraph,
                                   _is_headline(text[start:end], piece), piece))
    return units


# --------------------------------------------------------------------------
# Per-document indexes
# --------------------------------------------------------------------------


def _stem(word: str) -> str:
    """A crude stem for matching role modifiers: ``Russia``/``Russian`` -> ``russi``."""
    return word.lower().replace(".", "").replace("’", "'")[:5]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


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
    kind: str  # lead, trail, paren, source, agent, headline
    person: bool


@dataclass
class _Resolved:
    """A noun phrase read as a speaker."""

    name: str
    person: bool


@dataclass
class _Doc:
    """Everything the stage knows about one document, built once in :func:`speakers_for`."""

    text: str
    units: list[_Unit]
    lex: _Lexicon
    unit_starts: list[int] = field(default_factory=list)
    full_names: dict[str, str] = field(default_factory=dict)  # surname -> full name
    known_names: set[str] = field(default_factory=set)
    person_mentions: list[tuple[int, str]] = field(default_factory=list)
    roles: list[_Role] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    quote_starts: list[int] = field(default_factory=list)
    attributions: list[list[_Attribution]] = field(default_factory=list)  # per unit
    subjects: list[tuple[int, str]] = field(default_factory=list)  # persons as subjects
    bodies_said: list[tuple[int, str]] = field(default_factory=list)
    section: tuple[int, _Attribution] | None = None

    # ---- helpers -------------------------------------------------------

    def is_title(self, tok: _Tok) -> bool:
        low = tok.lower.rstrip(".")
        return low in self.lex.titles or (_singular(low) in self.lex.titles and low != "general")

    def is_body(self, tok: _Tok) -> bool:
        return tok.lower in self.lex.bodies

    def name_like(self, tok: _Tok) -> bool:
        """A capitalised word that could be part of a person's name."""
        return (
            tok.word
            and tok.cap
            and not tok.digit
            and bool(_HAS_LOWER.search(tok.text))
            and tok.lower not in _NON_NAME
            and tok.lower not in _WEEKDAYS
            and not self.is_title(tok)
            and not self.is_body(tok)
        )

    def quote_at(self, pos: int) -> int | None:
        """Index of the quotation holding ``pos``, if any."""
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        if i >= 0 and self.quotes[i][0] <= pos < self.quotes[i][1]:
            return i
        return None

    def unit_at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.unit_starts, pos) - 1)


def _name_runs(doc: _Doc, toks: list[_Tok]) -> list[tuple[int, int]]:
    """Token ranges [i, j) of person-name-like runs: 1-4 capitalised words after any title."""
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(toks)
    while i < n:
        if doc.name_like(toks[i]):
            j = i
            while j < n and j - i < 4 and doc.name_like(toks[j]):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _index_names(doc: _Doc) -> None:
    """Surname -> best full name; and where persons are mentioned."""
    counts: Counter[str] = Counter()
    headline_counts: Counter[str] = Counter()
    run_lists: list[tuple[_Unit, list[tuple[int, int]]]] = []
    for unit in doc.units:
        runs = _name_runs(doc, unit.toks)
        run_lists.append((unit, runs))
        for i, j in runs:
            if j - i >= 2:
                name = " ".join(t.text for t in unit.toks[i:j])
                (headline_counts if unit.headline else counts)[name] += 1
    for source in (counts, headline_counts):
        best: dict[str, tuple[int, int, str]] = {}
        for name, count in source.items():
            surname = name.rsplit(" ", 1)[-1]
            if surname in doc.full_names:
                continue  # the body text already named this person
            key = (count, len(name.split()), name)
            if surname not in best or key > best[surname]:
                best[surname] = key
        for surname, (_, _, name) in best.items():
            doc.full_names[surname] = name
            doc.known_names.add(name)
    for unit, runs in run_lists:
        for i, j in runs:
            surname = unit.toks[j - 1].text
            if surname in doc.full_names:
                doc.person_mentions.append((unit.toks[i].start, doc.full_names[surname]))
    doc.person_mentions.sort()


def _expand(doc: _Doc, name: str) -> str:
    """``Putin`` -> ``Vladimir Putin`` where the document gives the full name."""
    if name in doc.known_names:
        return name
    surname = name.rsplit(" ", 1)[-1]
    return doc.full_names.get(surname, name)


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


def _index_roles(doc: _Doc) -> None:
    """Role entries from ``<modifiers> <title> <Name>`` and ``<Name>, (the|a) <role phrase>``."""
    for unit in doc.units:
        toks = unit.toks
        n = len(toks)
        for i, j in _name_runs(doc, toks):
            name = _expand(doc, " ".join(t.text for t in toks[i:j]))
            # before: "Russian Foreign Minister Sergey Lavrov", "Kremlin spokesman Dmitry Peskov"
            if i > 0 and doc.is_title(toks[i - 1]):
                k = i - 1
                while k > 0 and i - k < 5 and toks[k - 1].word and toks[k - 1].lower not in _NP_STOPS \
                        and toks[k - 1].lower not in ("and", "the", "a", "an") and not toks[k - 1].digit:
                    k -= 1
                if k > 0 and toks[k - 1].lower in ("'s", "’s"):
                    k -= 1
                    if k > 0 and toks[k - 1].cap:
                        k -= 1
                words_ = _role_words(doc, toks[k:i])
                if words_:
                    doc.roles.append(_Role(toks[i - 1].start, words_[0], words_[1], name))
            # after: "Vladimir Medinsky, the Kremlin's Key Negotiator", "Medinsky, who is also a ... aide"
            if j < n - 1 and toks[j].text == ",":
                k = j + 1
                if toks[k].lower == "who" and k + 1 < n and toks[k + 1].lower in ("is", "was"):
                    k += 2
                    while k < n and toks[k].lower in doc.lex.adverbs:
                        k += 1
                if k < n and toks[k].lower in ("the", "a", "an"):
                    k += 1
                m = k
                while m < n and m - k < 6 and toks[m].word and toks[m].lower not in _INNER_PREPOSITIONS \
                        and toks[m].lower not in _NP_STOPS or (m < n and toks[m].lower in ("'s", "’s")):
                    m += 1
                phrase = toks[k:m]
                if phrase and doc.is_title(phrase[-1]):
                    words_ = _role_words(doc, phrase)
                    if words_:
                        doc.roles.append(_Role(phrase[-1].start, words_[0], words_[1], name))
    doc.roles.sort(key=lambda r: r.pos)


