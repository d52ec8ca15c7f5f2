"""figures.compare: one claim across sources — grouping, agreement, sources and the seeds' proposals."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import figures
from figures import SettingError
from figures.compare import (
    GROUP_COLUMNS, MEMBER_COLUMNS, Interval, Thesaurus, claim_interval, compare, compare_views, dimension,
    read_synonyms,
)
from figures.export.files import write
from figures.models import Figure
from figures.units import dimensionality

ROOT = Path(__file__).resolve().parents[1]
Article = tuple[str, str, str]  # doc, published, text

# Hand-written articles in the styles of several outlets.
DRONES: list[Article] = [
    ("wire-drones", "2025-06-02", "KYIV, June 2 (Reuters) - Russia launched 112 drones at Ukraine overnight, "
                                  "Ukraine's air force said on Monday."),
    ("tass-drones", "2025-06-02", "MOSCOW, June 2. /TASS/. Russian forces struck military targets in Ukraine "
                                  "overnight, the Russian Defense Ministry said. Kyiv claimed that Russia had used "
                                  "more than 100 unmanned aerial vehicles."),
    ("blog-drones", "2025-06-03", "Russia attacked overnight with about 110 Shahed drones, air force spokesman "
                                  "Yuriy Ihnat told Suspilne."),
]
TRUCE: list[Article] = [
    ("kyiv-truce", "2025-04-22", "Ukrainian President Volodymyr Zelensky said Russian forces violated the Easter "
                                 "truce 3,000 times between April 19 and April 21."),
    ("staff-truce", "2025-04-21", "Russian troops violated the Easter truce nearly 3,000 times between April 19 "
                                  "and April 21, Ukraine's General Staff said."),
    ("moscow-truce", "2025-04-22", "The Russian Defense Ministry said Ukrainian forces had violated the Easter truce "
                                   "4,900 times between April 19 and April 21."),
]


def extracted(*articles: Article) -> list[Figure]:
    """The figures of hand-written articles."""
    return [f for doc, published, text in articles for f in figures.extract(text, published=published, doc=doc)]


def dataset(*articles: Article) -> pd.DataFrame:
    """The figures of hand-written articles as one dataset."""
    return figures.frame(extracted(*articles))


def groups_of(frame: pd.DataFrame, **options: object) -> set[frozenset[str]]:
    """The groups as sets of figure ids."""
    long = compare(frame, long=True, **options)  # type: ignore[arg-type]
    return {frozenset(ids) for _, ids in long.groupby("group")["id"]}


# --------------------------------------------------------------------------
# Agreement, disagreement, bounds
# --------------------------------------------------------------------------


def test_sources_that_agree_corroborate_and_synonyms_merge() -> None:
    data = dataset(*DRONES)
    assert set(data["entity"]) == {"drone", "unmanned aerial vehicle", "shahed drone"}  # three wordings
    claims = compare(data)
    assert len(claims) == 1
    claim = claims.iloc[0]
    assert (claim["entity"], claim["members"], claim["sources"], claim["status"]) == ("drone", 3, 3, "corroborated")
    # "more than 100" and "about 110" both allow the exact 112
    assert (claim["value"], claim["qualifier"]) == (Decimal("112"), "exact")
    assert (claim["spread_low"], claim["spread_high"]) == (Decimal("100"), Decimal("112"))
    assert claim["disagreeing"] is None
    assert claim["speakers"].split("; ") == ["Kyiv", "Ukraine's air force", "Yuriy Ihnat"]


def test_sources_that_disagree_are_contested_and_the_minority_named() -> None:
    claims = compare(dataset(*TRUCE))
    assert len(claims) == 1
    claim = claims.iloc[0]
    assert (claim["status"], claim["sources"], claim["value"]) == ("contested", 3, None)
    assert (claim["spread_low"], claim["spread_high"]) == (Decimal("3000"), Decimal("4900"))
    assert claim["disagreeing"] == "Russian Defense Ministry"  # two Ukrainian sources agree on about 3,000
    assert (claim["time_start"], claim["time_end"]) == ("2025-04-19", "2025-04-21")
    assert claim["group"].startswith("staff-truce@")  # named after its earliest figure
    long = compare(dataset(*TRUCE), long=True)
    assert dict(zip(long["doc"], long["agrees"], strict=True)) == {
        "staff-truce": True, "kyiv-truce": True, "moscow-truce": False,
    }


def test_two_sources_one_each_way_name_both() -> None:
    claim = compare(dataset(TRUCE[0], TRUCE[2])).iloc[0]
    assert claim["status"] == "contested"
    assert claim["disagreeing"] == "Volodymyr Zelensky; Russian Defense Ministry"


def test_bounds_against_exact_values() -> None:
    more = ("kyiv-missiles", "2025-03-10", "Russia fired more than 100 missiles at Ukraine on Sunday, Kyiv said.")
    exact = ("air-missiles", "2025-03-10",
             "Russia fired 117 missiles at Ukraine on Sunday, the Ukrainian air force said.")
    claim = compare(dataset(more, exact)).iloc[0]
    assert (claim["status"], claim["value"], claim["qualifier"]) == ("corroborated", Decimal("117"), "exact")

    # two bounds that agree give the bound both allow
    again = ("kyiv-2", "2025-03-10", "Russia fired more than 100 missiles at Ukraine on Sunday, Ukraine's army said.")
    claim = compare(dataset(more, again)).iloc[0]
    assert (claim["status"], claim["value"], claim["qualifier"], claim["low"]) == (
        "corroborated", Decimal("100"), "more_than", Decimal("100"))

    at_most = ("idf", "2025-05-20", "Hamas still holds at most 50 hostages, Israeli officials said.")
    sixty = ("hamas", "2025-05-21", "Hamas still holds 60 hostages, the group said in a statement.")
    claim = compare(dataset(at_most, sixty)).iloc[0]
    assert (claim["status"], claim["spread_low"], claim["spread_high"]) == ("contested", Decimal("50"), Decimal("60"))


def test_tolerance_sets_how_far_about_reaches() -> None:
    about = ("a", "2025-05-20", "Officials said about 90 prisoners were released on Friday.")
    exact = ("b", "2025-05-20", "The Red Cross said 100 prisoners were released on Friday.")
    data = dataset(about, exact)
    assert compare(data).iloc[0]["status"] == "contested"  # 81-99 does not reach 100
    claim = compare(data, tolerance=Decimal("0.2")).iloc[0]  # 72-108 does
    assert (claim["status"], claim["value"]) == ("corroborated", Decimal("100"))
    assert compare(data, tolerance="0.2").equals(compare(data, tolerance=0.2))


# --------------------------------------------------------------------------
# What must not merge, and what must
# --------------------------------------------------------------------------


def test_disjoint_windows_are_two_claims_and_a_window_less_figure_joins_its_own_time() -> None:
    march = ("march", "2025-04-01", "Russia launched 4,000 drones at Ukraine in March, the air force said.")
    april = ("april", "2025-05-01", "Russia launched 4,000 drones at Ukraine in April, the air force said.")
    assert compare(dataset(march, april)).empty  # no claim repeated: two singles
    singles = compare(dataset(march, april), singles=True)
    assert list(singles["entity"]) == ["drone", "drone"]
    assert sorted(singles["time_start"]) == ["2025-03-01", "2025-04-01"]
    # no window of its own, published in May: it joins April's claim, not March's (formed first)
    later = ("later", "2025-05-02", "Ukraine said Russia had launched 4,000 drones, a record.")
    long = compare(dataset(march, april, later), long=True)
    assert set(long["doc"]) == {"april", "later"}


def test_units_of_other_dimensions_never_merge_and_compatible_ones_do() -> None:
    usd = ("us-aid", "2025-03-01",
           "The United States pledged $50 million in aid to Ukraine, the State Department said.")
    eur = ("eu-aid", "2025-03-02",
           "The European Commission pledged €50 million in aid to Ukraine, its spokesperson said.")
    assert compare(dataset(usd, eur)).empty
    singles = compare(dataset(usd, eur), singles=True)
    assert sorted(zip(singles["entity"], singles["unit"])) == [("aid", "EUR"), ("aid", "USD")]
    # a week and seven days are the same length; "truce" and "ceasefire" the same thing
    week = ("turkey", "2025-03-05", "Turkey proposed a one-week truce between the two sides.")
    days = ("un", "2025-03-06", "The United Nations called for a seven-day ceasefire on Thursday.")
    claim = compare(dataset(week, days)).iloc[0]
    assert (claim["entity"], claim["status"], claim["sources"]) == ("ceasefire", "corroborated", 2)
    assert set(claim["entities"].split("; ")) == {"truce", "ceasefire"}


def test_durations_of_other_lengths_are_other_things() -> None:
    thirty = ("kyiv", "2025-05-10", "Kyiv called for an unconditional 30-day ceasefire.")
    three = ("moscow", "2025-05-10", "Moscow offered a three-day ceasefire.")
    thirty_again = ("paris", "2025-05-11", "France backed a 30-day ceasefire, President Emmanuel Macron said.")
    claims = compare(dataset(thirty, three, thirty_again), singles=True)
    assert sorted(zip(claims["entity"], claims["value"], claims["members"], claims["status"])) == [
        ("ceasefire", Decimal("3"), 1, "single"), ("ceasefire", Decimal("30"), 2, "corroborated"),
    ]


def test_an_outlet_repeating_an_attributed_figure_is_not_a_source() -> None:
    text = "Russia launched 112 drones overnight, Ukraine's air force said. Most of the 112 drones were shot down."
    claim = compare(dataset(("wire", "2025-06-02", text))).iloc[0]
    assert (claim["members"], claim["sources"], claim["status"]) == (2, 1, "single")
    # in another outlet's own voice it is a second source
    other = ("daily", "2025-06-02", "Russia launched 112 drones at Ukraine overnight.")
    claim = compare(dataset(("wire", "2025-06-02", text), other)).iloc[0]
    assert (claim["members"], claim["sources"], claim["status"]) == (3, 2, "corroborated")


def test_figures_whose_thing_is_unknown_are_never_grouped() -> None:
    rows = [_figure(i, doc, entity=None, value=Decimal(5)) for i, doc in enumerate(["a", "b"])]
    assert compare(figures.frame(rows)).empty
    assert len(compare(figures.frame(rows), singles=True)) == 2


# --------------------------------------------------------------------------
# Synonyms, intervals, units
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("entity", "canonical"), [
    ("Shahed drones", "drone"),
    ("UAVs", "drone"),
    ("unmanned aerial vehicle", "drone"),
    ("drone boat", "drone boat"),
    ("cessation of hostilities", "ceasefire"),
    ("cease-fire", "ceasefire"),
    ("moratorium on energy strikes", "moratorium on energy strike"),
    ("waiver of strikes on energy infrastructure", "moratorium on energy strike"),
    ("person injured", "person injured"),  # a canonical name stays whole
    ("injured", "person injured"),
    ("people killed", "person killed"),  # irregular plural
])
def test_the_bundled_synonyms(entity: str, canonical: str) -> None:
    assert Thesaurus(read_synonyms()).canonical(entity) == canonical


def test_synonyms_can_be_extended(tmp_path: Path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text("# format: canonical TAB variants\ndrone\tloitering munition\n", encoding="utf-8")
    synonyms = {**read_synonyms(), **read_synonyms(extra)}
    articles = [
        ("a", "2025-04-20", "Russia used 40 loitering munitions in the attack, Ukraine said."),
        ("b", "2025-04-21", "The Russian army launched 40 drones in the attack, the Defense Ministry said."),
    ]
    assert compare(dataset(*articles)).empty
    assert compare(dataset(*articles), synonyms=synonyms).iloc[0]["status"] == "corroborated"
    with pytest.raises(SettingError, match="synonyms"):
        read_synonyms(tmp_path / "missing.tsv")


@pytest.mark.parametrize(("qualifier", "value", "low", "high", "inside", "outside"), [
    ("exact", "5", None, None, ["5"], ["4.99", "5.01"]),
    ("approx", "5000", None, None, ["4500", "5500"], ["4499", "5501"]),
    ("more_than", "100", "100", None, ["100.01", "1e9"], ["100"]),
    ("at_least", "100", "100", None, ["100"], ["99.99"]),
    ("at_most", "50", None, "50", ["50", "0"], ["50.01"]),
    ("less_than", "50", None, "50", ["49.99"], ["50"]),
    ("range", None, "10", "15", ["10", "15"], ["9", "16"]),
])
def test_claim_intervals(qualifier: str, value: str | None, low: str | None, high: str | None,
                         inside: list[str], outside: list[str]) -> None:
    def number(text: str | None) -> Decimal | None:
        return None if text is None else Decimal(text)

    interval = claim_interval(qualifier, number(value), number(low), number(high), Decimal("0.1"))
    assert all(interval.contains(Decimal(x)) for x in inside)
    assert not any(interval.contains(Decimal(x)) for x in outside)


def test_intervals_meet_only_where_both_allow() -> None:
    more = Interval(low=Decimal(100), low_open=True)
    assert more.meet(Interval(Decimal(117), Decimal(117))) == Interval(Decimal(117), Decimal(117))
    assert more.meet(Interval(Decimal(100), Decimal(100))) is None
    assert more.meet(Interval(high=Decimal(100))) is None
    assert Interval(low=Decimal(100)).meet(Interval(high=Decimal(100))) == Interval(Decimal(100), Decimal(100))


def test_dimensions() -> None:
    assert dimension("day") == dimension("week") == "[time]"
    assert dimension("km") != dimension("day")
    assert dimension("USD") != dimension("EUR")
    assert len({dimension(None), dimension("percent"), dimension("percentage_point")}) == 3
    assert dimension("no such unit") == "no such unit"


# --------------------------------------------------------------------------
# The API: settings, cells, order
# --------------------------------------------------------------------------


def test_columns_and_plain_cells() -> None:
    data = dataset(*DRONES, *TRUCE)
    claims = compare(data)
    assert tuple(claims.columns) == GROUP_COLUMNS
    long = compare(data, long=True)
    assert tuple(long.columns) == MEMBER_COLUMNS
    for frame_ in (claims, long):
        for cell in frame_.to_numpy().ravel():
            assert cell is None or isinstance(cell, (str, Decimal, dt.date, int, bool)), type(cell)
    assert long["published"].map(type).eq(dt.date).all()
    assert str(claims["members"].dtype) == "int64" and str(long["agrees"].dtype) == "bool"
    # most sources first
    assert list(claims["sources"]) == sorted(claims["sources"], reverse=True)
    assert compare(figures.frame([])).empty and tuple(compare(figures.frame([]), long=True).columns) == MEMBER_COLUMNS


def test_both_views_from_one_grouping_equal_the_two_calls() -> None:
    data = dataset(*DRONES, *TRUCE)
    for singles in (False, True):
        groups, members = compare_views(data, tolerance="0.2", singles=singles)
        pd.testing.assert_frame_equal(groups, compare(data, tolerance="0.2", singles=singles))
        pd.testing.assert_frame_equal(members, compare(data, tolerance="0.2", singles=singles, long=True))
    assert not groups.empty and len(members) > len(groups)
    with pytest.raises(SettingError, match="tolerance"):
        compare_views(data, tolerance=2)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_an_export_read_back_compares_the_same(tmp_path: Path, suffix: str) -> None:
    found = extracted(*DRONES, *TRUCE)
    path = tmp_path / f"figures{suffix}"
    write(found, path)
    pd.testing.assert_frame_equal(compare(figures.read(path), long=True), compare(figures.frame(found), long=True))


def test_bad_settings_are_named() -> None:
    data = dataset(*TRUCE)
    with pytest.raises(SettingError, match="tolerance"):
        compare(data, tolerance=Decimal("-0.1"))
    with pytest.raises(SettingError, match="tolerance"):
        compare(data, tolerance="about ten percent")
    with pytest.raises(SettingError, match="missing column"):
        compare(data.drop(columns=["entity"]))


# --------------------------------------------------------------------------
# The seeds: proposals of a 30-day ceasefire, and of a 30-day moratorium on energy strikes
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_claims() -> pd.DataFrame:
    pairs = figures.extract_many([str(ROOT / "seeds")])
    return compare(figures.frame([f for _, found in pairs for f in found]), long=True)


def test_the_seeds_30_day_ceasefire_proposals_are_one_claim(seed_claims: pd.DataFrame) -> None:
    proposals = seed_claims[(seed_claims["category"] == "ceasefire") & (seed_claims["value"] == Decimal(30))
                            & seed_claims["entity"].isin(["ceasefire", "cessation of hostilities"])]
    assert proposals["group"].nunique() == 1
    assert proposals["doc"].nunique() >= 3
    speakers = set(proposals["speaker"].dropna())
    assert len(speakers) >= 3 and "Donald Trump" in speakers
    assert set(proposals["status"]) == {"corroborated"}


def test_the_seeds_energy_strike_moratorium_is_one_claim(seed_claims: pd.DataFrame) -> None:
    moratorium = seed_claims[seed_claims["id"].isin([
        "000_ae16ee8011a24510@3248-3254",  # "the 30-day moratorium on energy strikes" (Putin)
        "004_64e7ff765e8523a4@1434-1441",  # "waive strikes on energy infrastructure for 30 days" (Trump)
    ])]
    assert len(moratorium) == 2 and moratorium["group"].nunique() == 1
    group = seed_claims[seed_claims["group"] == moratorium["group"].iloc[0]]
    assert len(group) == 2  # and nothing else: not the 30-day ceasefire
    assert set(group["speaker"]) == {"Vladimir Putin", "Donald Trump"}


# --------------------------------------------------------------------------
# Properties: order never matters, one group per figure, one dimension per group
# --------------------------------------------------------------------------

WINDOWS = [
    (None, None), ("2025-03-01", "2025-03-31"), ("2025-04-01", "2025-04-30"), ("2025-03-15", None),
    (None, "2025-03-10"), ("2025-04-19T18:00:00+03:00", "2025-04-21T00:00:00+03:00"),
]
UNITS = [None, None, "day", "day", "week", "km", "USD", "EUR", "percent"]  # repeats make likelier draws


def _figure(index: int, doc: str, *, entity: str | None = "drone", value: Decimal | None = Decimal(1),
            qualifier: str = "exact", unit: str | None = None, category: str = "attack",
            window: tuple[str | None, str | None] = (None, None), speaker: str | None = None,
            published: dt.date | None = None) -> Figure:
    low = value if qualifier in ("at_least", "more_than") else None
    high = value if qualifier in ("at_most", "less_than") else None
    if qualifier == "range":
        low, high, value = value, (value or Decimal(0)) + 5, None
    return Figure(id=f"{doc}@{index * 10}-{index * 10 + 1}", doc=doc, published=published, surface="x",
                  start=index * 10, end=index * 10 + 1, sentence="x", value=value, low=low, high=high,
                  qualifier=qualifier, unit=unit, entity=entity, category=category, time_start=window[0],
                  time_end=window[1], speaker=speaker)


@st.composite
def datasets(draw: st.DrawFn) -> pd.DataFrame:
    dates = {doc: draw(st.sampled_from([None, dt.date(2025, 3, 20), dt.date(2025, 4, 22), dt.date(2025, 5, 1)]))
             for doc in "abcd"}
    rows = []
    for index in range(draw(st.integers(0, 25))):
        doc = draw(st.sampled_from("abcd"))
        rows.append(_figure(
            index, doc,
            entity=draw(st.sampled_from([None, "drone", "UAV", "Shahed drones", "ceasefire", "truce"])),
            value=Decimal(draw(st.sampled_from([1, 5, 7, 30, 100, 110, 117]))),
            qualifier=draw(st.sampled_from(["exact", "approx", "at_least", "more_than", "at_most", "range"])),
            unit=draw(st.sampled_from(UNITS)),
            category=draw(st.sampled_from(["attack", "attack", "ceasefire"])),
            window=draw(st.sampled_from(WINDOWS)),
            speaker=draw(st.sampled_from([None, "Kyiv", "kyiv", "Moscow", "Donald Trump"])),
            published=dates[doc],
        ))
    return figures.frame(rows)


def _days(start: str | None, end: str | None) -> tuple[dt.date, dt.date]:
    return (dt.date.fromisoformat(start[:10]) if start else dt.date.min,
            dt.date.fromisoformat(end[:10]) if end else dt.date.max)


@settings(max_examples=100, deadline=None)
@given(datasets(), st.randoms(use_true_random=False))
def test_groups_never_depend_on_order_and_never_mix(data: pd.DataFrame, rng: random.Random) -> None:
    long = compare(data, long=True, singles=True)
    shuffled = data.iloc[rng.sample(range(len(data)), len(data))].reset_index(drop=True)
    pd.testing.assert_frame_equal(compare(shuffled, long=True, singles=True), long)
    pd.testing.assert_frame_equal(compare(shuffled, singles=True), compare(data, singles=True))
    # every figure in exactly one group
    assert sorted(long["id"]) == sorted(data["id"])
    for _, group in long.groupby("group"):
        units = set(group["unit"])  # the extractor's own pint registry judges; a percentage is not a count
        assert len({"count" if u is None else "percent" if u == "percent" else dimensionality(u)
                    for u in units}) == 1, units
        windows = [_days(s, e) for s, e in zip(group["time_start"], group["time_end"], strict=True)]
        assert all(a[0] <= b[1] and b[0] <= a[1] for a in windows for b in windows), windows


_IN_ORDER = compare(dataset(*DRONES, *TRUCE), long=True)


@settings(max_examples=30, deadline=None)
@given(st.permutations([*DRONES, *TRUCE]))
def test_shuffled_documents_give_the_same_claims(articles: list[Article]) -> None:
    pd.testing.assert_frame_equal(compare(dataset(*articles), long=True), _IN_ORDER)
