"""Units: every unit the word lists name exists in the project's pint registry, and
currencies are dimensions of their own, so nothing is ever converted between them."""

from __future__ import annotations

import pint
import pytest

from figures import extract
from figures.lexicon import table
from figures.units import dimensionality, registry


@pytest.mark.parametrize("unit", sorted({row[1] for row in table("units.tsv")}))
def test_listed_units_are_pint_units(unit: str) -> None:
    registry().parse_units(unit)


def test_currencies_never_convert() -> None:
    units = registry()
    codes = [row[0] for row in table("currencies.tsv")]
    assert len({dimensionality(code) for code in codes}) == len(codes)
    with pytest.raises(pint.DimensionalityError):
        (1 * units.USD).to(units.EUR)


@pytest.mark.parametrize(
    "sentence, unit",
    [
        ("Kyiv asked for €2.3bn in aid.", "EUR"),
        ("He was fined 500,000 rubles.", "RUB"),
        ("The grant is worth 1.2 billion hryvnias.", "UAH"),
        ("Israel approved 250 million shekels.", "ILS"),
        ("The convoy travelled 300 kilometres.", "km"),
        ("Troops dug in for 72 hours of fighting.", "hour"),
        ("Unemployment rose to 80%.", "percent"),
        # currencies of other conflicts' press: signs, codes and words
        ("The Senate approved N2.7 trillion for defence.", "NGN"),
        ("Lagos set aside ₦450 billion.", "NGN"),
        ("The insurgency caused damage worth 3.4 trillion naira.", "NGN"),
        ("Treasury released KSh 12.6 billion to the counties.", "KES"),
        ("Nairobi wired Ksh300 million.", "KES"),
        ("Dhaka allocated Tk 1,200 crore to the camps.", "BDT"),
        ("A bag of rice now costs 90,000 kyat.", "MMK"),
        ("Addis Ababa set aside 40 billion birr for reconstruction.", "ETB"),
        ("Bamako owes 12 billion CFA francs in arrears.", "XOF"),
        ("Niamey will spend 80 billion FCFA on fuel.", "XOF"),
        ("Abu Dhabi pledged AED 100 million.", "AED"),
        ("Washington sent 500 million US dollars.", "USD"),
        ("Each family gets Rs 25 lakh.", "INR"),
        ("Bogota paid 2 billion Colombian pesos.", "COP"),
        ("Riyadh pledged 500 million Saudi riyals.", "SAR"),
    ],
)
def test_units_in_sentences(sentence: str, unit: str) -> None:
    assert [f.unit for f in extract(sentence)] == [unit]


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenya spent 4.5 billion shillings.",  # Kenyan, Tanzanian, Ugandan or Somali
        "The fine was 1.3 million pesos.",  # Colombian, Mexican, Argentine, Philippine ...
        "Riyadh and Doha gave 1 billion riyals.",  # Saudi or Qatari
    ],
)
def test_ambiguous_currency_words_name_no_currency(sentence: str) -> None:
    assert [f.unit for f in extract(sentence)] == [None]


@pytest.mark.parametrize(
    "sentence, surface",
    [
        ("Two brothers, aged 11 and 14, were pulled from the rubble.", "14"),
        ("A woman aged about 70 died in the shelling.", "about 70"),
        ("Paramedics said the boy, at the age of 9, had lost both parents.", "9"),
        ("Mariam Yusuf, 34, was among those detained in Goma.", "34"),
    ],
)
def test_a_bare_number_that_is_an_age_is_in_years(sentence: str, surface: str) -> None:
    """The guideline: ages have unit year and category other, written "aged 15" or, in wire copy,
    set off by commas after a name."""
    [figure] = [f for f in extract(sentence) if f.surface == surface]
    assert (figure.unit, figure.category) == ("year", "other")


@pytest.mark.parametrize("sentence", [
    "In Goma, 34 people were detained.",     # a count after a place, not an age
    "The strike killed 12, officials said.",  # a count before a comma
])
def test_a_count_beside_commas_is_no_age(sentence: str) -> None:
    assert all(f.unit is None for f in extract(sentence))
