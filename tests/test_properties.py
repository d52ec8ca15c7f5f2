"""Properties of the whole pipeline over generated news text (``figures.testing``).

* accuracy: sentences, headlines and whole documents built from known figures are
  extracted with exactly those figures (value, bounds, qualifier, unit or counted
  noun, offsets, window, speaker where the builder can vouch for them), and
  nothing else;
* invariants: spans match the text, bounds and windows are ordered, extraction is
  deterministic, a document gives the same figures alone or inside a corpus, and
  exports round-trip;
* robustness: arbitrary Unicode never makes extraction raise;
* guards: one plain example for every extractor bug the strategies found.

Example counts scale with the Hypothesis profile (``HYPOTHESIS_PROFILE=dev|ci|deep``,
see ``conftest.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from figures import Document, extract, extract_document, extract_many, frame, read
from figures.export.files import write
from figures.testing import (
    ExpectedFigure,
    GeneratedDocument,
    Sample,
    assert_consistent,
    assert_figures_match,
    distractors,
    documents,
    examples,
    headlines,
    hostile_texts,
    published_dates,
    sentences,
)

# --------------------------------------------------------------------------
# Accuracy: what was written is what is read
# --------------------------------------------------------------------------


@settings(max_examples=examples(1000))
@given(sentences())
def test_sentences_are_extracted_as_built(sample: Sample) -> None:
    """The main accuracy property: every figure written into a sentence, and nothing else."""
    found = extract(sample.text, published=sample.published)
    assert_figures_match(found, sample.figures, text=sample.text)


@settings(max_examples=examples(200))
@given(headlines())
def test_headlines_are_extracted_as_built(sample: Sample) -> None:
    found = extract(sample.text, published="2025-05-11")
    assert_figures_match(found, sample.figures, text=sample.text)


@settings(max_examples=examples(300))
@given(documents())
def test_documents_are_extracted_as_built(doc: GeneratedDocument) -> None:
    found = extract_document(doc.document())
    assert_consistent(doc.text, found)
    assert_figures_match(found, doc.figures, text=doc.text)


@settings(max_examples=examples(100))
@given(distractors(), published_dates())
def test_numbers_that_are_no_figures_give_none(text: str, published: dt.date) -> None:
    """Dates, clock times, ordinals, labels, referring expressions, phone numbers, URLs."""
    assert extract(text, published=published) == []


# --------------------------------------------------------------------------
# Invariants of any extraction
# --------------------------------------------------------------------------


@settings(max_examples=examples(200))
@given(documents(), st.booleans())
def test_spans_bounds_and_windows_hold(doc: GeneratedDocument, dated: bool) -> None:
    """surface == text[start:end] (time text and speaker spans too), low <= value <= high,
    time_start <= time_end; with or without a document date."""
    found = extract(doc.text, published=doc.published if dated else None, doc=doc.id)
    assert_consistent(doc.text, found)
    for figure in found:
        assert figure.doc == doc.id and figure.id == f"{doc.id}@{figure.start}-{figure.end}"


@settings(max_examples=examples(100))
@given(documents())
def test_extraction_is_deterministic(doc: GeneratedDocument) -> None:
    first = extract_document(doc.document())
    second = extract_document(doc.document())
    assert first == second
    assert [f.id for f in first] == [f.id for f in second]
    assert [f.model_dump_json() for f in first] == [f.model_dump_json() for f in second]


@settings(max_examples=examples(50))
@given(st.lists(documents(), min_size=2, max_size=4, unique_by=lambda d: d.id))
def test_a_document_gives_the_same_figures_alone_or_in_a_corpus(
    tmp_path_factory: pytest.TempPathFactory, docs: list[GeneratedDocument],
) -> None:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    path.write_text("".join(json.dumps(d.corpus_line()) + "\n" for d in docs), encoding="utf-8")
    results = list(extract_many([path]))
    assert all(not isinstance(r, Exception) for r in results), results
    assert [r[0].id for r in results] == [d.id for d in docs]  # type: ignore[index]
    for doc, (read_doc, found) in zip(docs, results, strict=True):  # type: ignore[misc]
        assert read_doc.text == doc.text and read_doc.published == doc.published
        assert found == extract_document(doc.document())


@settings(max_examples=examples(80))
@given(documents(), st.sampled_from([".csv", ".jsonl"]))
def test_exports_round_trip(tmp_path_factory: pytest.TempPathFactory, doc: GeneratedDocument, suffix: str) -> None:
    found = extract_document(doc.document())
    path = tmp_path_factory.mktemp("export") / f"figures{suffix}"
    write(found, path)
    pd.testing.assert_frame_equal(read(path), frame(found))


@settings(max_examples=examples(300))
@given(hostile_texts(), st.one_of(st.none(), published_dates()))
def test_arbitrary_text_never_raises(text: str, published: dt.date | None) -> None:
    """Control characters, RTL marks, emoji, combining marks, other scripts' digits, long lines."""
    found = extract(text, published=published)
    assert_consistent(text, found)


# --------------------------------------------------------------------------
# Guards: every bug the strategies found, as a plain example
# --------------------------------------------------------------------------


def _want(text: str, surface: str, occurrence: int = 1, **fields: Any) -> ExpectedFigure:
    """An expected figure located by its surface; only the fields given (and its span) are compared."""
    start = -1
    for _ in range(occurrence):
        start = text.index(surface, start + 1)
    for name in ("value", "low", "high"):
        if fields.get(name) is not None:
            fields[name] = Decimal(str(fields[name]))
    if fields.get("time_text") is not None:
        fields["time_text_start"] = text.index(fields["time_text"])
        fields["time_text_end"] = fields["time_text_start"] + len(fields["time_text"])
    base: dict[str, Any] = {"value": None}
    base.update(fields)
    return ExpectedFigure(surface=surface, start=start, end=start + len(surface),
                          known=frozenset({"surface", "start", "end", *fields}), **base)


#: (id, text, document date, expected figures as (surface, fields)) -- every figure of the text is listed
FOUND: list[tuple[str, str, str | None, list[tuple[str, dict[str, Any]]]]] = [
    ("bound-after-the-noun", "Russia launched 100 drones or more at Ukraine overnight.", "2025-05-11",
     [("100 drones or more", dict(value=100, low=100, qualifier="at_least", entity="drone"))]),
    ("vague-sizes-are-approximate", "Dozens of civilians were killed and tens of thousands of people fled.", None,
     [("Dozens of civilians", dict(value=12, qualifier="approx", entity="civilian")),
      ("tens of thousands of people", dict(value=10000, qualifier="approx", entity="person"))]),
    ("range-multiplier-scales-both-ends", "Donors pledged $1-2 billion in aid.", None,
     [("$1-2 billion", dict(low=1000000000, high=2000000000, qualifier="range", unit="USD"))]),
    ("relational-noun-without-trailing-blank", "More than 20 heads of state attended the summit.", None,
     [("More than 20 heads of state", dict(value=20, low=20, qualifier="more_than", entity="head of state"))]),
    ("date-list-leaves-thousands-alone", "On May 7, 2,500 people fled the town.", "2025-05-11",
     [("2,500 people", dict(value=2500, time_text="On May 7", time_start="2025-05-07", time_end="2025-05-07"))]),
    ("fronted-time-takes-main-clause-tense", "In April, shelling struck a town 3 km from the front line.",
     "2025-01-27",
     [("3 km", dict(value=3, unit="km", time_text="In April", time_start="2024-04-01", time_end="2024-04-30"))]),
    ("speaker-is-not-the-statement-date", "Russia launched 100 drones at Ukraine, according to the ministry on Thursday.",
     "2025-05-11", [("100 drones", dict(value=100, speaker="ministry"))]),
    ("an-estimated-is-a-hedge-not-a-report", "Russia launched an estimated 100 drones, the ministry said.", None,
     [("an estimated 100 drones", dict(value=100, qualifier="approx", speaker="ministry"))]),
    ("adverb-and-verb-end-the-noun-phrase", "45% of the population now depends on aid.", None,
     [("45%", dict(value=45, unit="percent", entity="population"))]),
    ("handed-over-is-no-hedge", "The rebels handed over 100 detainees to the Red Cross.", None,
     [("100 detainees", dict(value=100, qualifier="exact", entity="detainee"))]),
    ("money-suffix-on-a-range", "The European Union approved €2-3m in aid.", None,
     [("€2-3m", dict(low=2000000, high=3000000, qualifier="range", unit="EUR", entity="aid"))]),
    ("unit-on-both-ends-of-a-range", "Between 10% and 15% of the population now depends on aid, and 1 km to 2 km away.",
     None,
     [("Between 10% and 15%", dict(low=10, high=15, qualifier="range", unit="percent", entity="population")),
      ("1 km to 2 km", dict(low=1, high=2, qualifier="range", unit="km"))]),
    ("hedged-count-is-no-year", "A minimum of 2000 children were wounded.", None,
     [("A minimum of 2000 children", dict(value=2000, low=2000, qualifier="at_least", entity="child"))]),
    ("suffixed-number-is-no-year", "The attack killed 1,800 people and wounded 1.8k children.", None,
     [("1,800 people", dict(value=1800)), ("1.8k children", dict(value=1800, entity="child"))]),
    ("headline-range-in-title-case", "632 To 633 Residents Killed In Shelling Of Market", None,
     [("632 To 633 Residents", dict(low=632, high=633, qualifier="range", entity="resident"))]),
    ("subject-of-said-is-no-apposition",
     "Only 100 aid trucks reached the north of the territory, the governor said.\n\n"
     "Russia launched 3 drones at Ukraine, the governor said.", None,
     [("100 aid trucks", dict(value=100, speaker="governor")), ("3 drones", dict(value=3, speaker="governor"))]),
    ("label-is-no-person", "Veterans marked the end of World War Two.\n\n"
     "Donors provided 5 million dollars in loans, the governor said.", None,
     [("5 million dollars", dict(value=5000000, unit="USD", speaker="governor"))]),
    ("claim-is-no-statement-adjunct", "Lenders pledged at least 78.96bn rubles in budget support on April 24.",
     "2025-09-18",
     [("at least 78.96bn rubles", dict(value=78960000000, unit="RUB", time_text="on April 24",
                                       time_start="2025-04-24", time_end="2025-04-24"))]),
    ("title-case-count-is-no-year", "Russia Launches 1800 Drones At Ukraine", None,
     [("1800 Drones", dict(value=1800, entity="drone"))]),
    ("title-case-multiplier", "Nearly 256 Mn People Killed In Shelling Of Market", None,
     [("Nearly 256 Mn People", dict(value=256000000, qualifier="approx", entity="person"))]),
    ("said-over-a-number-is-a-claim", "The ministry said over 65 drones were launched.", None,
     [("over 65 drones", dict(value=65, qualifier="more_than", speaker="ministry"))]),
    ("a-number-ends-a-sentence", "A missile strike on the city injured 2. Talks are due to resume on 1 January.",
     "2027-07-05", [("injured 2", dict(value=2, time_text=None, time_start=None, time_end=None))]),
    ("full-month-name-leaves-the-full-stop", "Russia launched 5 drones on 1 January. Talks followed.", "2025-01-05",
     [("5 drones", dict(value=5, time_text="on 1 January", time_start="2025-01-01", time_end="2025-01-01"))]),
    ("hundred-is-no-past-tense",
     "Both sides agreed to a one hundred and sixteen-day ceasefire starting July 13, officials said on Wednesday.",
     "2030-01-04", [("one hundred and sixteen-day", dict(value=116, unit="day", time_text="starting July 13",
                                                          time_start="2030-07-13", time_end=None))]),
    ("number-word-ends-the-noun-phrase", "The government allocated $5 million for reconstruction seven days ago.",
     "2023-03-05", [("$5 million", dict(value=5000000, entity="reconstruction", time_text="seven days ago",
                                        time_start="2023-02-26", time_end="2023-02-26"))]),
    ("date-list-with-serial-comma", "Talks were held on May 7, 8, and 9.", "2025-05-11", []),
    ("irregular-plural-makes-a-count", "Officials said 1800 people were killed in the shelling.", None,
     [("1800 people", dict(value=1800, entity="person", speaker="Officials"))]),
    ("line-break-ends-the-clause",
     "Russia Launches Dozens Of Drones At Ukraine\nOn March 7, a military court handed the activist a 2-year "
     "prison sentence.", "2016-01-01",
     [("Dozens Of Drones", dict(value=12, qualifier="approx")),
      ("2-year", dict(value=2, unit="year", time_text="On March 7", time_start="2015-03-07", time_end="2015-03-07"))]),
    ("tense-cue-far-back-in-a-long-clause",
     "Ukrainian forces downed 168,111 drones and 168,111 attack drones and 168,111 cruise missiles and 168,111 "
     "ballistic missiles and 168,111 glide bombs and 168,111 artillery shells in June.", "2016-04-15",
     [(surface, dict(value=168111, time_text="in June", time_start="2015-06-01", time_end="2015-06-30"))
      for surface in ("168,111 drones", "168,111 attack drones", "168,111 cruise missiles", "168,111 ballistic missiles",
                      "168,111 glide bombs", "168,111 artillery shells")]),
    ("and-before-a-count-is-no-year-context", "Ukrainian forces downed 2 drones and 1800 drones.", None,
     [("2 drones", dict(value=2)), ("1800 drones", dict(value=1800, entity="drone"))]),
    ("number-words-stop-at-a-line-break",
     "Strike On Market Kills One Hundred\n\nOne thousand drones were fired at the city.", None,
     [("Kills One Hundred", dict(value=100, entity="person killed")),
      ("One thousand drones", dict(value=1000, entity="drone"))]),
    ("bound-after-a-year-like-count", "Russia launched 1800+ drones at Ukraine.", None,
     [("1800+ drones", dict(value=1800, low=1800, qualifier="more_than", entity="drone"))]),
    ("or-more-is-no-date-list", "Since January 1, 2 or more drones were fired at the city.", "2016-01-01",
     [("2 or more drones", dict(value=2, low=2, qualifier="at_least", time_text="Since January 1",
                                time_start="2016-01-01", time_end="2016-01-01"))]),
    ("range-after-a-date-is-no-date-list", "Since January 1, 2-3 drones were fired at the city.", "2016-01-01",
     [("2-3 drones", dict(low=2, high=3, qualifier="range", time_text="Since January 1"))]),
    ("said-over-a-number-word-is-a-claim", "Officials said over twenty-one percent of the population now depends on aid.",
     None, [("over twenty-one percent", dict(value=21, qualifier="more_than", unit="percent", speaker="Officials"))]),
    ("said-over-a-hundred-is-a-claim", "Officials said over a hundred drones were fired at the city.", "2016-01-01",
     [("over a hundred drones", dict(value=100, qualifier="more_than", speaker="Officials"))]),
    ("hyphenated-number-words-after-the-verb-are-the-claim",
     "Yesterday, lenders pledged an estimated twenty-one dollars in budget support.", "2016-01-01",
     [("an estimated twenty-one dollars", dict(value=21, speaker="lenders", time_text="Yesterday"))]),
    ("an-adjunct-holding-number-words-is-no-statement-date",
     "Lenders pledged at least two dollars in budget support yesterday.", "2016-01-01",
     [("at least two dollars", dict(value=2, speaker="Lenders", time_text="yesterday", time_start="2015-12-31"))]),
    ("counted-words-are-no-person",
     "The European Union approved 1 Bn Swiss francs in aid to the country.\n\n"
     "Russia launched 2 drones at Ukraine, the governor said.", None,
     [("1 Bn Swiss francs", dict(value=1000000000, unit="CHF", speaker=None)),
      ("2 drones", dict(value=2, speaker="governor"))]),
    ("short-word-headline-is-a-headline",
     "EU Approves Up To $2 In Aid\n\nRussia launched 2 drones at Ukraine, the governor said.", None,
     [("Up To $2", dict(value=2, qualifier="at_most", unit="USD")), ("2 drones", dict(value=2, speaker="governor"))]),
    ("unit-after-a-year-like-count", "Fires destroyed 1800 sq km of farmland.", None,
     [("1800 sq km", dict(value=1800, unit="km**2"))]),
    ("a-year-a-count-runs-into-is-no-window", "Ukrainian forces downed 2 drones and over 1800 drones.", "2016-01-01",
     [("2 drones", dict(value=2, time_text=None)), ("over 1800 drones", dict(value=1800, qualifier="more_than"))]),
    ("a-duration-holding-a-figure-is-a-window", "Russia launched 40 drones and 12 missiles in 3 days.", "2016-01-01",
     [("40 drones", dict(time_text="in 3 days")), ("12 missiles", dict(time_text="in 3 days"))]),
    ("a-month-that-ends-a-paragraph-starts-no-date",
     "Russia launched dozens of drones at Ukraine in January.\n\n1-2% of the population now depends on aid.", None,
     [("dozens of drones", dict(entity="drone")), ("1-2%", dict(low=1, high=2, qualifier="range"))]),
    ("a-month-that-ends-a-sentence-starts-no-date",
     "Children have been recorded since September. 6,750 people were killed in the city.", None,
     [("6,750 people", dict(value=6750))]),
    ("an-abbreviated-month-takes-a-dot", "On Sept. 7, 5 drones hit the city.", "2016-01-01",
     [("5 drones", dict(value=5, time_text="On Sept. 7"))]),
    ("currency-word-after-a-year-like-count", "The European Union approved 1800 yuan in aid to the country.", None,
     [("1800 yuan", dict(value=1800, unit="CNY"))]),
    ("en-dash-range-is-no-clause-break", "Russia launched about 2–3 drones at Ukraine on March 7.", "2016-01-01",
     [("about 2–3 drones", dict(low=2, high=3, qualifier="range", time_text="on March 7", time_start="2015-03-07",
                                time_end="2015-03-07"))]),
    ("date-list-takes-whole-numbers-only", "Since January 1, 10000 drones were fired at the city.", "2016-01-01",
     [("10000 drones", dict(value=10000, time_text="Since January 1"))]),
    ("conversion-is-no-clause-break", "Shelling struck a town 3 km (2 miles) from the front line on March 7.",
     "2016-01-01",
     [(surface, dict(unit=unit, entity="distance", time_text="on March 7", time_start="2015-03-07",
                     time_end="2015-03-07")) for surface, unit in (("3 km", "km"), ("2 miles", "mile"))]),
    ("shekel-sign-starts-a-number", "Lenders pledged ₪2 in budget support.", None,
     [("₪2", dict(value=2, unit="ILS", entity="budget support"))]),
    ("number-words-are-a-claim-not-an-adjunct", "Yesterday, lenders pledged a hundred dollars in budget support.",
     "2025-05-11", [("a hundred dollars", dict(value=100, unit="USD", speaker="lenders", time_text="Yesterday",
                                               time_start="2025-05-10", time_end="2025-05-10"))]),
    ("range-with-to-after-a-date-is-no-date-list", "On March 7, 2 to 3 drones were fired at the city.", "2016-01-01",
     [("2 to 3 drones", dict(low=2, high=3, qualifier="range", time_text="On March 7"))]),
    ("many-digits-times-a-multiplier", "They paid $12345678901234567890123M.", None,
     [("$12345678901234567890123M", dict(value="12345678901234567890123000000", unit="USD"))]),
]


@pytest.mark.parametrize(("text", "published", "wanted"), [pytest.param(t, p, w, id=i) for i, t, p, w in FOUND])
def test_found_bug(text: str, published: str | None, wanted: list[tuple[str, dict[str, Any]]]) -> None:
    expected = [_want(text, surface, **fields) for surface, fields in wanted]
    assert_figures_match(extract(text, published=published), expected, text=text)


def test_every_currency_sign_starts_a_figure() -> None:
    """Guard of ``shekel-sign-starts-a-number``, for every sign of ``currencies.tsv``: the fast scan
    must try the pattern wherever a sign of the data file can begin a number."""
    from figures.lexicon import table

    for code, *surfaces in table("currencies.tsv"):
        for sign in surfaces:
            if sign and not sign[0].isalpha():
                text = f"Lenders pledged {sign}25 in aid."
                found = extract(text)
                assert [(f.surface, f.unit) for f in found] == [(f"{sign}25", code)], text


def test_five_to_ten_metres_is_no_money() -> None:
    """No regression from the ``money-suffix-on-a-range`` fix: ``m`` scales a range only after a currency sign."""
    found = extract("Waves of 5-10m hit the coast.")
    assert [(f.low, f.high, f.qualifier) for f in found] == [(Decimal(5), Decimal(10), "range")]


def test_a_document_read_from_a_corpus_keeps_its_date(tmp_path: Path) -> None:
    """Plain example of the corpus property: ``published`` in the JSONL line dates the windows."""
    doc = Document(id="d1", text="Russia launched 100 drones at Ukraine yesterday.", published=dt.date(2025, 5, 11))
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "d1", "text": doc.text, "published": "2025-05-11"}) + "\n", encoding="utf-8")
    ((read_doc, found),) = list(extract_many([path]))  # type: ignore[misc]
    assert found == extract_document(doc) and found[0].time_start == "2025-05-10"
