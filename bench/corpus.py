"""A deterministic synthetic news corpus for the benchmarks, streamed to disk.

Documents are built from two sources, mixed paragraph by paragraph:

* paragraphs of the sample articles in ``seeds/`` with every digit run replaced
  by a random number of the same length (so the seeds are never copied as is);
* generated sentences: templates filled with random speakers, reporting verbs,
  qualifiers ("nearly", "more than", "between ... and"), numbers written every
  way news writes them (``524``, ``1,200``, ``4.7``, ``$1.1 billion``, ``15K``,
  ``twenty-seven``, ``a dozen``, ``12%``), units and counted things, dates and
  time expressions ("on May 7", "last week", "between April 19 and 21"), and
  sentences with no number at all, as real articles have.

Everything comes from one ``random.Random(seed)``: the same seed gives the same
bytes, and a larger corpus starts with the documents of a smaller one. Sizes
are counted in characters of article text (1 MB = 1,000,000 characters), not
in bytes of JSON.

    python bench/corpus.py out.jsonl --mb 20        # a corpus of 20 MB of text
    python bench/corpus.py big.jsonl --mb 10 --one-line   # one document, no line breaks
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1_000_000
#: the share of generated sentences that carry numbers: 0.15 gives about as many
#: digit runs per KB (3 to 4) as the sample articles
NUMERIC_SHARE = 0.15

PLACES = ["Moscow", "Kyiv", "Kursk", "Belgorod", "Donetsk", "Istanbul", "Washington", "Brussels", "Beijing",
          "Kharkiv", "Odesa", "Zaporizhzhia", "Geneva", "Ankara", "Minsk", "Riyadh", "London", "Berlin", "Paris"]
SPEAKERS = [("President", "Vladimir Putin"), ("Kremlin spokesman", "Dmitry Peskov"),
            ("Foreign Minister", "Sergey Lavrov"), ("President", "Volodymyr Zelensky"),
            ("Defense Minister", "Andrei Belousov"), ("Secretary of State", "Marco Rubio"),
            ("UN Secretary-General", "Antonio Guterres"), ("Prime Minister", "Keir Starmer"),
            ("Chancellor", "Friedrich Merz"), ("President", "Emmanuel Macron"),
            ("Foreign Ministry spokeswoman", "Maria Zakharova"), ("economist", "Anna Petrova"),
            ("analyst", "Tatiana Stanovaya"), ("Presidential Aide", "Vladimir Medinsky"),
            ("Governor", "Vyacheslav Gladkov"), ("Central Bank Governor", "Elvira Nabiullina")]
ORGANISATIONS = ["the Defense Ministry", "the World Bank", "the IMF", "Rosstat", "the central bank",
                 "the UN refugee agency", "the Health Ministry", "the Emergencies Ministry", "the Kremlin",
                 "NATO", "the European Commission", "the Finance Ministry", "Gazprom", "the OSCE mission"]
VERBS = ["said", "told reporters", "said in a statement", "wrote on Telegram", "told TASS", "announced",
         "reported", "estimated", "noted", "told a news conference", "said on X"]
QUALIFIERS = ["", "", "", "about ", "around ", "nearly ", "almost ", "more than ", "over ", "at least ",
              "up to ", "some ", "roughly ", "fewer than ", "less than ", "approximately ", "as many as ",
              "an estimated ", "just under ", "well over "]
COUNTED = ["drones", "missiles", "soldiers", "civilians", "people", "tanks", "artillery shells",
           "armored vehicles", "homes", "prisoners of war", "refugees", "jobs", "residents", "troops",
           "ceasefire violations", "attacks", "settlements", "delegates", "journalists", "children"]
EVENTS = ["shot down", "destroyed", "killed", "wounded", "evacuated", "exchanged", "detained", "released",
          "recorded", "intercepted", "deployed", "displaced"]
VOLUMES = [("tonnes", "t"), ("barrels per day", "bpd"), ("cubic meters of gas", "bcm"), ("megawatts", "MW"),
           ("liters", "l"), ("kilograms", "kg")]
DISTANCES = [("kilometers", "km"), ("miles", "mi"), ("meters", "m")]
AREAS = [("square kilometers", "sq km"), ("hectares", "ha")]
COMMODITIES = ["grain", "oil", "gas", "coal", "wheat", "fertilizer", "steel", "sunflower oil"]
CURRENCY_BEFORE = ["$", "€", "£", "US$"]
CURRENCY_AFTER = ["rubles", "euros", "dollars", "hryvnias", "yuan", "pounds"]
SCALES = ["million", "billion", "trillion", "mln", "bln", "bn", "m"]
WORD_NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "fifteen", "twenty", "twenty-seven", "thirty", "forty-five", "a hundred", "two hundred",
                "a dozen", "two dozen", "several hundred", "dozens of", "hundreds of", "thousands of"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CLAUSES = [
    "the ball is now in the court of Kiev and its curators",
    "negotiations are expected to continue behind closed doors",
    "the Kremlin had declined to comment on the report",
    "Western officials have not confirmed the claim",
    "the talks were constructive but difficult",
    "both sides accused each other of violating the truce",
    "it was not possible to verify the claims independently",
    "the statement did not say who had ordered the strike",
    "the proposal plays to Moscow's advantage",
    "residents heard explosions throughout the night",
    "the situation remained tense but under control",
    "further talks could take place in Istanbul",
    "the delegation has the competence to conduct negotiations",
    "the sanctions have failed to achieve their stated goals",
    "the aim is to eliminate the root causes of the conflict",
    "any temporary ceasefire would be used to regroup and rearm",
    "the decision had been coordinated with European partners",
    "the attack was a deliberate provocation aimed at derailing the talks",
    "humanitarian corridors should be opened without delay",
    "the energy infrastructure must not be targeted",
    "the question of territories was not on the agenda",
    "the West is trying to prolong the conflict",
    "economic cooperation between the two countries continues to grow",
    "the security guarantees remain the main stumbling block",
]
QUALIFYING = ["according to sources familiar with the matter", "despite repeated warnings",
              "in a televised address", "after a long meeting", "at a briefing", "without giving details",
              "in an interview with local media", "speaking on condition of anonymity"]


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    published: str | None


class Writer:
    """Random pieces of news prose; every choice goes through ``self.rng``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seeds = _seed_paragraphs()
        self.numeric: list[Callable[[], str]] = [
            self.count_sentence, self.count_sentence, self.quote_sentence, self.money_sentence,
            self.percent_sentence, self.measure_sentence, self.truce_sentence, self.casualty_sentence,
            self.range_sentence,
        ]

    # -- numbers -----------------------------------------------------------
    def integer(self) -> str:
        digits = self.rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6])
        value = self.rng.randint(10 ** (digits - 1) if digits > 1 else 2, 10 ** digits - 1)
        return f"{value:,}" if value >= 1000 and self.rng.random() < 0.8 else str(value)

    def decimal(self) -> str:
        return f"{self.rng.randint(1, 99)}.{self.rng.randint(1, 9)}"

    def count(self) -> str:
        """A count as news writes it: digits or words."""
        roll = self.rng.random()
        if roll < 0.65:
            return self.integer()
        if roll < 0.8:
            return f"{self.decimal()} {self.rng.choice(['thousand', 'million'])}"
        return self.rng.choice(WORD_NUMBERS)

    def money(self) -> str:
        amount = self.decimal() if self.rng.random() < 0.6 else str(self.rng.randint(2, 950))
        scale = self.rng.choice(SCALES)
        if self.rng.random() < 0.6:
            space = " " if scale in ("million", "billion", "trillion") else self.rng.choice(["", " "])
            return f"{self.rng.choice(CURRENCY_BEFORE)}{amount}{space}{scale}"
        return f"{amount} {self.rng.choice(['million', 'billion'])} {self.rng.choice(CURRENCY_AFTER)}"

    def percent(self) -> str:
        value = self.decimal() if self.rng.random() < 0.5 else str(self.rng.randint(1, 99))
        return value + self.rng.choice(["%", " percent", " per cent", "%"])

    def unit(self, choices: list[tuple[str, str]]) -> str:
        """A unit, written out or (three times in ten) abbreviated."""
        long, short = self.rng.choice(choices)
        return short if self.rng.random() < 0.3 else long

    # -- time and people ----------------------------------------------------
    def when(self) -> str:
        rng = self.rng
        month, day, other = rng.choice(MONTHS), rng.randint(1, 28), rng.choice(MONTHS)
        return rng.choice([
            f"on {month} {day}", f"on {rng.choice(WEEKDAYS)}", "last week", "yesterday", "on Sunday night",
            f"on {day} {month} {rng.randint(2019, 2025)}", f"between {month} {day} and {day + rng.randint(1, 3)}",
            f"in {rng.randint(2014, 2025)}", f"since {month}", "earlier this month", "over the past 24 hours",
            f"from 6 p.m. Moscow time on {month} {day} until midnight on {month} {day + 2}",
            f"in the first quarter of {rng.randint(2022, 2025)}", f"by the end of {rng.randint(2025, 2030)}",
            f"in {month} and {other}", "this year", "in the early hours of Monday", "overnight",
        ])

    def speaker(self) -> str:
        title, name = self.rng.choice(SPEAKERS)
        return self.rng.choice([f"{title} {name}", name, f"{name}, the {title},", self.rng.choice(ORGANISATIONS)])

    def attribution(self) -> str:
        return f"{self.speaker()} {self.rng.choice(VERBS)}"

    # -- sentences ----------------------------------------------------------
    def count_sentence(self) -> str:
        rng = self.rng
        what = f"{rng.choice(QUALIFIERS)}{self.count()} {rng.choice(COUNTED)}"
        return rng.choice([
            f"{self.attribution()} that {what} had been {rng.choice(EVENTS)} {self.when()}.",
            f"{what[0].upper()}{what[1:]} were {rng.choice(EVENTS)} in {rng.choice(PLACES)} {self.when()}, {self.attribution()}.",
            f"According to {rng.choice(ORGANISATIONS)}, {what} were {rng.choice(EVENTS)} {self.when()}.",
        ])

    def quote_sentence(self) -> str:
        rng = self.rng
        return (f"“We have {rng.choice(EVENTS)} {rng.choice(QUALIFIERS)}{self.count()} {rng.choice(COUNTED)} "
                f"{self.when()},” {self.attribution()}.")

    def money_sentence(self) -> str:
        rng = self.rng
        organisation = rng.choice(ORGANISATIONS)
        return rng.choice([
            f"{organisation[0].upper()}{organisation[1:]} pledged {rng.choice(QUALIFIERS)}{self.money()} "
            f"in aid for {rng.choice(PLACES)} {self.when()}.",
            f"The deal is worth {rng.choice(QUALIFIERS)}{self.money()}, {self.attribution()}.",
            f"Revenue from {rng.choice(COMMODITIES)} exports fell to {self.money()} {self.when()}.",
        ])

    def percent_sentence(self) -> str:
        rng = self.rng
        return rng.choice([
            f"Inflation slowed to {self.percent()} in {rng.choice(MONTHS)}, from {self.percent()} a year earlier, "
            f"{rng.choice(ORGANISATIONS)} reported.",
            f"Support for the plan rose by {rng.choice(QUALIFIERS)}{self.percent()} {self.when()}, a poll showed.",
            f"The key rate was kept at {self.percent()}, {self.attribution()}.",
        ])

    def measure_sentence(self) -> str:
        rng = self.rng
        return rng.choice([
            f"Exports of {rng.choice(COMMODITIES)} reached {rng.choice(QUALIFIERS)}{self.count()} "
            f"{self.unit(VOLUMES)} {self.when()}.",
            f"The front line runs {rng.choice(QUALIFIERS)}{self.integer()} {self.unit(DISTANCES)} from {rng.choice(PLACES)}.",
            f"Troops advanced {self.decimal()} {self.unit(DISTANCES)} {self.when()}, {self.attribution()}.",
            f"The fires destroyed {rng.choice(QUALIFIERS)}{self.integer()} {self.unit(AREAS)} of forest {self.when()}.",
            f"Temperatures fell to minus {rng.randint(2, 40)} degrees Celsius in {rng.choice(PLACES)} {self.when()}.",
        ])

    def truce_sentence(self) -> str:
        rng = self.rng
        days = rng.choice([str(rng.randint(2, 90)), rng.choice(["three", "30", "60", "five", "ten"])])
        return rng.choice([
            f"{rng.choice(PLACES)} called for a full and unconditional {days}-day ceasefire starting {rng.choice(WEEKDAYS)}.",
            f"The {days}-day truce was violated {rng.choice(QUALIFIERS)}{self.integer()} times, {self.attribution()}.",
            f"The talks, held {self.when()}, lasted {rng.choice(['two', 'three', str(rng.randint(2, 14))])} hours.",
        ])

    def casualty_sentence(self) -> str:
        rng = self.rng
        what = f"{rng.choice(QUALIFIERS)}{self.count()}"
        return (f"{what[0].upper()}{what[1:]} people were killed and {self.integer()} "
                f"injured in {rng.choice(PLACES)} {self.when()}, {self.attribution()}.")

    def range_sentence(self) -> str:
        rng = self.rng
        low = rng.randint(2, 500)
        high = low + rng.randint(1, 500)
        return rng.choice([
            f"Between {low} and {high} {rng.choice(COUNTED)} took part, {self.attribution()}.",
            f"The strike involved {low}-{high} {rng.choice(COUNTED)}.",
            f"Prices rose from {self.money()} to {self.money()} {self.when()}.",
        ])

    def prose(self) -> str:
        """A sentence without a number, as most sentences of an article are."""
        rng = self.rng
        clause, other = rng.choice(CLAUSES), rng.choice(CLAUSES)
        capital = clause[0].upper() + clause[1:]
        return rng.choice([
            f"{self.attribution()} that {clause}.",
            f"{capital}, {self.attribution()} {rng.choice(QUALIFYING)}.",
            f"In {rng.choice(PLACES)}, {clause}, while {other}.",
            f"“{capital},” {self.attribution()}.",
            f"{capital}.",
        ])

    def sentence(self) -> str:
        if self.rng.random() < NUMERIC_SHARE:
            return self.rng.choice(self.numeric)()
        return self.prose()

    def seed_paragraph(self) -> str:
        """A paragraph of a sample article, each digit run replaced by a random one of the same length."""
        paragraph = self.rng.choice(self.seeds)
        return re.sub(r"\d+", lambda m: str(self.rng.randint(10 ** (len(m[0]) - 1) if len(m[0]) > 1 else 1,
                                                              10 ** len(m[0]) - 1)), paragraph)

    def paragraph(self) -> str:
        if self.rng.random() < 0.2:
            return self.seed_paragraph()
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 6)))

    def article(self, number: int) -> Article:
        rng = self.rng
        published = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(1000))
        place = rng.choice(PLACES).upper()
        header = rng.choice([
            f" date {published.isoformat()} {place}, {published:%B} {published.day}. /TASS/. ",
            f"{place} ({published:%B} {published.day}, {published.year}) — ",
            "",
        ])
        paragraphs = [self.paragraph() for _ in range(rng.randint(3, 25))]
        text = header + "\n\n".join(paragraphs)
        # a quarter of the documents give their date only in their header, or not at all
        return Article(f"gen-{number:07d}", text, None if rng.random() < 0.25 else published.isoformat())


def _seed_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        paragraphs += [p.strip() for p in text.split("\n\n") if len(p.strip()) > 40]
    return paragraphs


def articles(seed: int = 6) -> Iterator[Article]:
    """An endless, deterministic stream of articles."""
    writer = Writer(random.Random(seed))
    number = 0
    while True:
        yield writer.article(number)
        number += 1


def write_corpus(path: Path, megabytes: float, seed: int = 6) -> int:
    """Write articles as JSON Lines until they hold ``megabytes`` of text; returns the characters written."""
    chars = 0
    with path.open("w", encoding="utf-8") as out:
        for article in articles(seed):
            if chars >= megabytes * MB:
                break
            record = {"id": article.id, "text": article.text}
            if article.published:
                record["published"] = article.published
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            chars += len(article.text)
    return chars


def write_one_line(path: Path, megabytes: float, seed: int = 6) -> int:
    """One document of ``megabytes`` of text without a single line break, as a one-line JSONL corpus."""
    writer = Writer(random.Random(seed))
    parts: list[str] = []
    chars = 0
    while chars < megabytes * MB:
        part = writer.paragraph().replace("\n", " ")
        parts.append(part)
        chars += len(part) + 1
    text = " ".join(parts)
    path.write_text(json.dumps({"id": "one-line", "text": text, "published": "2025-05-11"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    return len(text)


def write_slice(corpus: Path, path: Path, chars: int) -> int:
    """The first whole documents of ``corpus`` that hold at least ``chars`` characters; returns their size."""
    total = 0
    with corpus.open(encoding="utf-8") as source, path.open("w", encoding="utf-8") as out:
        for line in source:
            if total >= chars:
                break
            out.write(line)
            total += len(json.loads(line)["text"])
    return total


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("path", type=Path)
    options.add_argument("--mb", type=float, default=20.0, help="megabytes of article text")
    options.add_argument("--seed", type=int, default=6)
    options.add_argument("--one-line", action="store_true", help="one document with no line breaks")
    args = options.parse_args()
    write = write_one_line if args.one_line else write_corpus
    chars = write(args.path, args.mb, args.seed)
    print(f"{args.path}: {chars:,} characters of text")


if __name__ == "__main__":
    main()
