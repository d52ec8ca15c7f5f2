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
    ],
)
def test_units_in_sentences(sentence: str, unit: str) -> None:
    assert [f.unit for f in extract(sentence)] == [unit]
