"""Categories of figures in sentences written for these tests (none from the seeds or the
audit): hostages, displacement and other humanitarian counts beside a casualty toll, sums in
currencies that have no unit code yet, polls, crowds, ages, and killings told with other verbs.

Each case names the figure by its surface (or a unique part of it) and the category the
guideline gives it.
"""

from __future__ import annotations

import pytest

from figures import extract

CASES = [
    # hostages held, taken or freed are prisoner_exchange; declared dead, casualties
    ("Al-Shabaab is believed to be holding 14 hostages, including two aid workers.", "14", "prisoner_exchange"),
    ("ISWAP fighters killed nine soldiers and took 20 hostages in the raid.", "20", "prisoner_exchange"),
    ("Police believe 31 hostages remain in the forest, among them 12 children.", "31", "prisoner_exchange"),
    ("Islamic State fighters executed 11 hostages in the desert, the monitor said.", "11", "casualties"),
    # displacement and humanitarian need: the figure's own clause decides, not a toll nearby
    ("Fighting has killed at least 3,000 people since April, and more than 400,000 have fled their homes.",
     "400,000", "other"),
    ("The storm killed 12 people in Mindanao, while some 80,000 residents were displaced.", "80,000", "other"),
    ("The WFP says 1.5 million people in the state face famine after months of fighting that killed hundreds.",
     "1.5 million", "other"),
    ("Clashes left 19 dead in the town; 6,500 families are sheltering in schools.", "6,500", "other"),
    # money in a currency the unit stage does not name
    ("The cabinet approved 2.5 billion naira for the reconstruction of schools destroyed in the attacks.",
     "2.5 billion", "economy"),
    ("Kenya will spend Ksh 3 billion on troops deployed to Haiti, the Treasury said.", "3 billion", "economy"),
    ("The state announced ex gratia of Rs 5 lakh each to the families of those killed in the shelling.", "5 lakh",
     "economy"),
    # polls and crowds are other
    ("According to a Pew poll released in Washington on Tuesday, 62% of Americans back sending more weapons to "
     "Ukraine.", "62%", "other"),
    ("An estimated 15,000 people rallied in Tbilisi, and riot police detained 30.", "15,000", "other"),
    # people killed, whatever the verb
    ("The army said it had neutralised 27 jihadists in the Menaka region.", "27", "casualties"),
    ("Two trains collided outside Lviv and 40 passengers were hurt.", "40", "casualties"),
    # ages
    ("Among the dead were two sisters aged 15 and 17, hospital officials said.", "15", "other"),
    ("Among the dead were two sisters aged 15 and 17, hospital officials said.", "17", "other"),
    ("Yusuf Adamu, 34, was among those wounded in the blast.", "34", "other"),
    # things an attack hits, a curfew, a session of talks
    ("RSF fighters torched 12 villages in North Darfur last week.", "12", "attack"),
    ("The militia shelled nine neighbourhoods of El Fasher overnight.", "nine", "attack"),
    ("Authorities imposed a 72-hour curfew in Imphal after the clashes.", "72", "legal"),
    ("Envoys met in Doha, and the first session ran for about six hours.", "six", "diplomacy"),
    # killings counted as crimes are still people killed
    ("Police in Guerrero logged 870 murders in the first half of the year, prosecutors said.", "870", "casualties"),
    # the verb right before a figure decides over a word after it
    ("The strike killed five people and wounded 12 others sheltering in a school near the depot.", "12",
     "casualties"),
    # soldiers lost are dead or wounded
    ("Kyiv says the Russian army has lost some 9,000 soldiers near Avdiivka since October.", "9,000",
     "casualties"),
    # weapons and vehicles seized or captured are military; drugs seized stay legal
    ("Troops said they had seized 40 rifles and two pickup vehicles from the militants.", "40 rifles", "military"),
    ("The army captured three tanks during the counteroffensive near Kharkiv.", "three tanks", "military"),
    ("Customs officers seized 300 kilograms of heroin at the port.", "300", "legal"),
    # a state of emergency is other, whatever fighting is near
    ("After weeks of fighting with rebels, the government imposed a 60-day state of emergency.", "60", "other"),
    # funding and trade stated in their verbs are economy
    ("The UN flash appeal for Myanmar is just 18 per cent funded.", "18 per cent", "economy"),
    ("Egypt exported 2 million tonnes of citrus, up 12 per cent on last year.", "12 per cent", "economy"),
]


@pytest.mark.parametrize(("text", "part", "category"), CASES, ids=[f"{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_category(text: str, part: str, category: str) -> None:
    """The figure whose surface holds ``part`` gets ``category``."""
    found = [f for f in extract(text, published="2025-06-01") if part in f.surface]
    assert found, f"no figure holds {part!r}: {[f.surface for f in extract(text, published='2025-06-01')]}"
    assert found[0].category == category, (found[0].surface, found[0].entity, found[0].unit)
