"""The counted thing (``entity``) of single figures, on sentences written for these tests in the
styles of wire copy, statements and monitors' reports: one case per rule of ``entities.py``."""

from __future__ import annotations

import pytest

from figures import extract

CASES = [
    # money: the noun whose "of"/"worth" it follows is what it pays for
    ("Ukraine's central bank put war-related losses of nearly $150 billion on its books.", "$150 billion", "loss"),
    ("The agency reported a budget gap of €90 million for its Yemen programme.", "€90 million", "budget gap"),
    ("Officials said the floods caused damage worth 3 billion rupees to roads.", "3 billion rupees", "damage"),
    # ... but not a noun that only sizes it, and not a place or a name after "in"/"for"
    ("Donors have so far handed over a total of $2 billion for Yemen.", "$2 billion", None),
    ("A kilo of flour costs SDG 9,000 in Kadugli, traders said.", "SDG 9,000", None),
    ("The bank approved $500 million for Somalia's drought recovery.", "$500 million", "drought recovery"),
    # a conversion in brackets stands between the money and its noun
    ("Seoul approved a 700bn won ($520m) aid package for the region.", "$520m", "aid package"),
    # a percent takes "of ...", not a time after "in"
    ("Exports fell by 12 percent in the second quarter, the ministry said.", "12 percent", None),
    ("A survey found 54% of Pakistanis favour talks.", "54%", "pakistani"),
    # a part of a whole: the noun of the whole
    ("Kyiv said it downed 112 of the missiles fired overnight.", "112 of the missiles", "missile"),
    ("The motion won the backing of 9 of the 15 ministers present.", "9", "minister"),
    # no noun of its own: what the sentence counted before it
    ("The blast killed 14 soldiers and wounded 30 others near Kherson.", "30 others", "soldier"),
    ("Rebels are holding 41 aid workers, at least 12 of whom are foreigners.", "at least 12", "aid worker"),
    ("Some 3,500 families fled Rutshuru in March, up from 2,100 in February.", "2,100", "family"),
    ("An estimated 40 people were killed, and another six died in hospital.", "six", "person"),
    # a word next to the number that cannot be the counted thing
    ("Hundreds rallied outside parliament on Sunday.", "Hundreds", None),
    ("More than 2,000-plus migrants crossed the channel.", "2,000-plus migrants", "migrant"),
    ("The UN said 300,000 already sheltering in schools need food.", "300,000", None),
    ("Roughly a quarter of Haiti's police officers have quit.", "a quarter", "police officer"),
    ("The shelling left 9 dead in the village, officials said.", "9 dead", "person killed"),
    ("Investigators uncovered 37 arms caches along the border.", "37 arms caches", "arms cache"),
    # modifiers joined by "and" qualify the last conjunct's noun; a verb after "and" starts a clause
    ("UNIFIL recorded 1,400 air and ground violations in a month.", "1,400 air and ground violations", "violation"),
    ("Police imposed a 72-hour curfew and closed schools in Imphal.", "72-hour", "curfew"),
    # the whole of a partitive may be a name of several words with a possessive
    ("The junta has lost 9 of Shan State's 55 townships.", "9", "township"),
    # a plural in -is of a noun in -i, but a singular noun in -is stays whole
    ("Gunmen kidnapped 11 Iraqis near Mosul.", "11 Iraqis", "iraqi"),
    ("Crews have removed 30,000 tonnes of debris from Gaza City.", "30,000 tonnes", "debris"),
    ("Delegates from 14 African and Asian states signed the accord.", "14 African and Asian states", "state"),
    # a role word from another figure or a name does not make people its role
    ("Gunmen killed 30 people and seized 12 hostages in the raid.", "30 people", "person"),
    ("At least 8 people were arrested, the Prisoners' Rights Group said.", "8 people", "person"),
    ("About 5,000 people marched through the capital demanding freedom for political prisoners.", "5,000 people",
     "person"),
    # a model name with its digits is one word of the noun phrase
    ("Troops recovered four M-16 rifles and a grenade launcher from the hideout.", "four M-16 rifles", "m-16 rifle"),
    ("Kyiv has asked for 30 F-16 jets before winter.", "30 F-16 jets", "f-16 jet"),
    # a plural pair whose second word is a listed verb with its -s is a noun and a verb
    ("Mariupol, a port of some 400,000 people remains largely in ruins.", "some 400,000 people", "person"),
    # after "of", a word in -ing is a noun (a gerund), not a verb after the noun
    ("The talks followed six weeks of heavy fighting around Pokrovsk.", "six weeks", "heavy fighting"),
    ("The king declared seven days of public mourning.", "seven days", "public mourning"),
    # "of them": what the count before counted
    ("Medics treated 412 wounded fighters, 30% of them with burns.", "30%", "wounded fighter"),
    # money that a verb moves "to" something: what it goes to, not to a verb of purpose
    ("The Treasury allocated 40 billion naira to border security in the north.", "40 billion naira",
     "border security"),
    ("Tokyo pledged $200 million to help displaced families in Sudan.", "$200 million", "pledge"),
    # a relational noun in the form listed: "a state of emergency"
    ("Parliament extended a 30-day state of emergency in three provinces.", "30-day", "state of emergency"),
    ("Envoys of 12 member states of the African Union met in Addis Ababa.", "12 member states", "member state"),
    # a bare figure after a verb of change: what its subject (or object before "to"/"at") counts
    ("Health officials in Khartoum said the cholera death toll had climbed to 412 by Sunday.", "412", "death"),
    ("Floodwaters swept through Derna overnight, bringing the death toll to 5,300.", "5,300", "death"),
    ("A provincial governor put the toll at 27.", "27", "person killed"),
    ("The number of displaced families in Cabo Delgado has reached 94,000, the IOM said.", "94,000",
     "displaced family"),
    ("In its latest update, OCHA put the number of injured at 3,800.", "3,800", "injured"),
    ("Mine clearance costs are estimated at $37 billion.", "$37 billion", "mine clearance cost"),
    ("The bill for repairing the dam could reach €2bn, engineers warned.", "€2bn", "repairing"),
    ("Food inflation in Khartoum has soared to 180%, traders said.", "180%", "food inflation"),
    # ... but not a measure noun, a noun that already follows the figure, or across a reporting verb
    ("Two more medics died on Friday, bringing the total to 50.", "50", None),
    ("Organisers put the figure at around 40,000.", "around 40,000", None),
    ("The death toll has risen to 116 people.", "116 people", "person"),
]


@pytest.mark.parametrize(("text", "surface", "entity"), CASES, ids=[c[1] for c in CASES])
def test_entity(text: str, surface: str, entity: str | None) -> None:
    start = text.index(surface)
    found = [f for f in extract(text, published="2025-06-01") if f.start < start + len(surface) and f.end > start]
    assert found, f"no figure at {surface!r}"
    assert found[0].entity == entity
