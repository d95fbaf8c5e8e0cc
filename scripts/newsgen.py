"""A generator of realistic, varied news-like articles for benchmarks (not for tests of meaning).

Every article is different: names, places, figures and quotes are drawn from lists with a seeded
random generator, in the shapes real wire copy has: a title line, a photo caption block with a
credit, multi-sentence quotations with the attribution after them, abbreviations ("U.S.",
"Feb.", "a.m.", "Dr."), initials, decimals, percentages, money and vague quantities.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

FIRST = [
    "Ines",
    "Mark",
    "Sara",
    "Tom",
    "Priya",
    "Jonas",
    "Carla",
    "Ahmed",
    "Olga",
    "Kenji",
    "Maria",
    "David",
    "Fatima",
    "Lukas",
    "Grace",
]
LAST = [
    "Okafor",
    "Hale",
    "Lindqvist",
    "Brennan",
    "Nair",
    "Weber",
    "Mendes",
    "Haddad",
    "Petrova",
    "Sato",
    "Rossi",
    "Cohen",
    "Diallo",
    "Novak",
    "Kim",
]
ROLE = [
    "Mayor",
    "Minister",
    "Dr.",
    "Gov.",
    "Sen.",
    "General",
    "spokesperson",
    "Prof.",
    "chief executive",
    "union leader",
]
PLACE = [
    "Port Alder",
    "Millbrook",
    "Eastfield",
    "Lowtown",
    "Northgate",
    "Riverside",
    "Kestrel Bay",
    "Ashford",
    "Greyhaven",
    "Marlow",
]
ORG = [
    "the city council",
    "the transport ministry",
    "the regional fisheries office",
    "the U.S. State Department",
    "the U.N. agency",
    "the health department",
    "the central bank",
    "the defence ministry",
    "the education department",
    "the port authority",
]
THING = [
    "bridges",
    "schools",
    "buses",
    "homes",
    "jobs",
    "trees",
    "missiles",
    "patients",
    "flights",
    "students",
    "nurses",
    "farms",
]
VERB = [
    "approved",
    "announced",
    "cut",
    "delayed",
    "reported",
    "promised",
    "rejected",
    "confirmed",
    "expanded",
    "funded",
]
MONTH = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
DAY = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CUE = ["said", "told reporters", "said in a statement", "wrote on social media", "told a news conference", "added"]
AGENCY = ["Reuters", "Photo: Example Desk", "REUTERS/Jane Roe", "AP Photo", "Example Desk"]


def _person(rng: random.Random) -> str:
    return (
        f"{rng.choice(ROLE)} {rng.choice(FIRST)} {rng.choice('ABCDEHJKLMRST')}. {rng.choice(LAST)}"
        if rng.random() < 0.3
        else f"{rng.choice(ROLE)} {rng.choice(FIRST)} {rng.choice(LAST)}"
    )


def _figure(rng: random.Random) -> str:
    shape = rng.randrange(8)
    n = rng.randint(2, 9000)
    return [
        f"{n:,}",
        f"more than {n:,}",
        f"about {rng.randint(1, 99)}.{rng.randint(1, 9)} million euros",
        f"{rng.randint(1, 60)}.{rng.randint(0, 9)}%",
        f"${rng.randint(1, 900)}m",
        "hundreds of",
        f"at least {rng.randint(2, 30)}",
        f"{rng.choice(['two', 'three', 'four', 'five', 'seven'])}",
    ][shape]


def _sentence(rng: random.Random) -> str:
    place, org, thing = rng.choice(PLACE), rng.choice(ORG), rng.choice(THING)
    shape = rng.randrange(7)
    if shape == 0:
        return f"{org.capitalize()} on {rng.choice(DAY)} {rng.choice(VERB)} a plan for {_figure(rng)} new {thing} in {place}, {_person(rng)} {rng.choice(CUE)}."
    if shape == 1:
        return f"The figure rose to {_figure(rng)} {thing} by {rng.choice(MONTH)} {rng.randint(1, 28)}, {rng.randint(2015, 2026)}, according to {org}."
    if shape == 2:
        return (
            f'"We have {rng.choice(VERB)} {_figure(rng)} {thing}. We will not stop now. The work in {place} must go on," '
            f"{rng.choice(LAST)} {rng.choice(CUE)}."
        )
    if shape == 3:
        hour, half = rng.randint(1, 12), rng.choice(["a.m.", "p.m."])
        return f"Work starts at {hour} {half} on {rng.choice(DAY)} and will take {rng.randint(2, 30)} months, officials in {place} said."
    if shape == 4:
        person = _person(rng)
        return f"{person[0].upper()}{person[1:]}, who leads the review, said the U.S. firm in charge had asked for {_figure(rng)} extra {thing}."
    if shape == 5:
        return f"Critics say {org} has not published how it counts {thing}... Others disagree."
    return f"In {place}, {_figure(rng)} {thing} were affected, {rng.choice(LAST)}'s office {rng.choice(CUE)} on {rng.choice(DAY)}."


def article(rng: random.Random) -> str:
    place, thing = rng.choice(PLACE), rng.choice(THING)
    title = f"{rng.choice(ORG).capitalize()} {rng.choice(VERB)} plan for {thing} in {place}"
    caption = (
        f"Workers in {place}\nWorkers inspect {thing} in {place}, {rng.choice(MONTH)} {rng.randint(1, 28)}, "
        f"{rng.randint(2019, 2026)}. {rng.choice(AGENCY)}"
    )
    paragraphs = [" ".join(_sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(4, 9))]
    paragraphs.insert(rng.randint(1, len(paragraphs)), caption)
    return "\n\n".join([title, *paragraphs]) + "\n"


def iter_articles(seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    while True:
        yield article(rng)


def write_corpus(path: Path, *, sentences: int | None = None, megabytes: float | None = None, seed: int = 0) -> int:
    """Write a .jsonl corpus of at least ``sentences`` units or ``megabytes`` of text; returns articles."""
    from corpus import split_text

    path.parent.mkdir(parents=True, exist_ok=True)
    total_sentences = total_bytes = count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for text in iter_articles(seed):
            if sentences is not None and total_sentences >= sentences:
                break
            if megabytes is not None and total_bytes >= megabytes * 1e6:
                break
            handle.write(
                json.dumps(
                    {
                        "id": f"bench-{count:06d}",
                        "title": text.split("\n", 1)[0],
                        "text": text,
                        "license": "CC0-1.0",
                        "publisher": "corpus benchmark generator",
                    }
                )
                + "\n"
            )
            count += 1
            total_bytes += len(text.encode("utf-8"))
            if sentences is not None:
                total_sentences += len(split_text(text, first_line_title=False))
    return count


def claim_result(text: str, rng: random.Random) -> list[dict]:
    """A stand-in annotation of a sentence, as Label Studio results: its first word as a CLAIM
    and a random check-worthiness class (label names from the schema, by their role)."""
    from corpus import label_set

    labels = label_set()
    word = text.split()[0]
    return [
        {"id": f"r{rng.randrange(10**9)}", "from_name": "label", "to_name": "sentence", "type": "labels",
         "value": {"start": 0, "end": len(word), "text": word, "labels": [labels.span_label("claim")]}},
        {"id": "cw", "from_name": "checkworthy", "to_name": "sentence", "type": "choices",
         "value": {"choices": [rng.choice(labels.checkworthy_names)]}},
    ]  # fmt: skip
