"""A synthetic Letterboxd account export (diary.csv and reviews.csv) of any size.

The shape follows real exports: the same headers, `https://boxd.it/...` short links,
ratings written as `4` or `4.5` (never `4.0`), `Rewatch` as `Yes` or empty, tags as one
comma-separated field, reviews with HTML, several lines and the odd emoji, titles with
commas, brackets and non-ASCII letters. Generation is seeded, so every run benchmarks
the same journal.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DIARY_HEADER = [
    "Date",
    "Name",
    "Year",
    "Letterboxd URI",
    "Rating",
    "Rewatch",
    "Tags",
    "Watched Date",
]
REVIEWS_HEADER = [
    "Date",
    "Name",
    "Year",
    "Letterboxd URI",
    "Rating",
    "Rewatch",
    "Review",
    "Tags",
    "Watched Date",
]

# The film the benchmark looks up with `show` and logs again with `add`: present in
# every journal, watched several times, with reviews.
SHOW_TITLE = "Leaving Las Vegas"
SHOW_YEAR = 1995
SHOW_VIEWINGS = 6
END = dt.date(2025, 6, 30)

REAL_TITLES = [
    "Heat",
    "Paris, Texas",
    "Salò, or the 120 Days of Sodom",
    "I, Daniel Blake",
    "Look Out, Officer!",
    "[REC]²",
    "Nausicaä of the Valley of the Wind",
    "Once Upon a Time… in Hollywood",
    "8½",
    "Heaven’s Waiting",
    "Amélie",
    "Mission: Impossible – Fallout",
    "Homecoming: A Film by Beyoncé",
    "Heat [/] x",
    "Everything Everywhere All at Once",
    "The Grand Budapest Hotel",
    "Mulholland Drive",
    "In the Mood for Love",
    "Spirited Away",
    "There Will Be Blood",
    "Portrait of a Lady on Fire",
    "Chungking Express",
    "Stalker",
    "Tokyo Story",
    "Jeanne Dielman, 23 quai du Commerce, 1080 Bruxelles",
    "Vertigo",
    "Persona",
    "La Haine",
    "Pather Panchali",
    "City of God",
    "Oldboy",
    "Parasite",
    "Memories of Murder",
    "Yi Yi",
    "Three Colours: Blue",
    "The Umbrellas of Cherbourg",
    "Céline and Julie Go Boating",
    "Le Samouraï",
    "M",
    "Ran",
    "Ikiru",
    "Seven Samurai",
    "Wings of Desire",
    "Fitzcarraldo",
    "Aguirre, the Wrath of God",
    "Close-Up",
    "Taste of Cherry",
    "The Mirror",
    "Andrei Rublev",
    "Solaris",
    "Beau Travail",
    "Happy Together",
    "Fallen Angels",
    "Cléo from 5 to 7",
    "Playtime",
    "Mon Oncle",
    "Sans Soleil",
    "Daisies",
    "The Red Shoes",
    "Black Narcissus",
    "A Matter of Life and Death",
    "Kes",
    "Withnail & I",
    "Naked",
    "Secrets & Lies",
    "Fish Tank",
    "Aftersun",
    "The Zone of Interest",
    "Anatomy of a Fall",
    "Drive My Car",
    "Burning",
    "Shoplifters",
    "Tampopo",
    "Perfect Blue",
    "Akira",
    "Ghost in the Shell",
    "Princess Mononoke",
    "Whisper of the Heart",
    "Pom Poko",
    "Y Tu Mamá También",
    "Amores Perros",
    "Pan's Labyrinth",
    "Roma",
    "The Spirit of the Beehive",
    "Cría Cuervos",
    "All About My Mother",
    "Talk to Her",
    "Volver",
    "Pain and Glory",
    "Toni Erdmann",
    "The Lives of Others",
    "Run Lola Run",
    "Das Boot",
    "Nosferatu",
    "Metropolis",
    "The Cabinet of Dr. Caligari",
    "Sunrise: A Song of Two Humans",
    "L'Atalante",
    "La Règle du jeu",
    "Les Quatre Cents Coups",
    "À bout de souffle",
    "Pierrot le Fou",
    "Hiroshima mon amour",
    "Last Year at Marienbad",
    "The Passion of Joan of Arc",
    "Ordet",
    "Wild Strawberries",
    "The Seventh Seal",
    "Fanny and Alexander",
    "Scenes from a Marriage",
    "Come and See",
    "The Ascent",
    "Ivan's Childhood",
    "Werckmeister Harmonies",
    "Sátántangó",
    "Dekalog",
    "Cold War",
    "Ida",
    "Leviathan",
    "The Cranes Are Flying",
    "Battleship Potemkin",
    "Man with a Movie Camera",
    "Children of Paradise",
    "Jules and Jim",
    "Contempt",
    "Vivre sa vie",
    "Week-end",
    "Bande à part",
    "The 400 Blows",
    "Breathless",
    "Rashomon",
    "Late Spring",
    "Floating Weeds",
    "An Autumn Afternoon",
    "Harakiri",
    "Kwaidan",
    "Woman in the Dunes",
    "House",
    "Tetsuo: The Iron Man",
    "Audition",
    "Cure",
    "Pulse",
    "Ringu",
    "Dark Water",
    "The Handmaiden",
    "Mother",
    "Poetry",
    "Secret Sunshine",
    "A Brighter Summer Day",
    "Millennium Mambo",
    "Goodbye, Dragon Inn",
    "Vive L'Amour",
    "Still Walking",
    "After Life",
    "Nobody Knows",
    "Like Father, Like Son",
    "Monster",
    "Evil Does Not Exist",
    "Happy Hour",
    "Asako I & II",
    "Uncle Boonmee Who Can Recall His Past Lives",
    "Tropical Malady",
    "Cemetery of Splendour",
    "Memoria",
    "Apichatpong’s Dream 🌙",
    "Kill Bill: Vol. 1",
    "Kill Bill: Vol. 2",
    "Pulp Fiction",
    "Jackie Brown",
    "Reservoir Dogs",
    "The Thing",
    "Halloween",
    "Alien",
    "Aliens",
    "Alien³",
    "Blade Runner",
    "Blade Runner 2049",
    "Dune",
    "Dune: Part Two",
    "Arrival",
    "Sicario",
    "Prisoners",
    "Enemy",
    "Incendies",
]

ADJECTIVES = [
    "Silent", "Crimson", "Last", "Broken", "Golden", "Hidden", "Lonely", "Burning",
    "Forgotten", "Electric", "Endless", "Quiet", "Wild", "Bitter", "Distant", "Hollow",
    "Northern", "Secret", "Velvet", "Frozen", "Restless", "Lost", "Little", "Long",
    "Strange", "Dark", "Bright", "Final", "Savage", "Sweet", "Blue", "Paper",
]  # fmt: skip
NOUNS = [
    "River", "Summer", "House", "Night", "Road", "Garden", "Mirror", "City", "Sea",
    "Mountain", "Dream", "Harbour", "Window", "Season", "Kingdom", "Station", "Island",
    "Forest", "Letter", "Stranger", "Daughter", "Witness", "Hour", "Shadow", "Fire",
    "Heart", "Horizon", "Winter", "Affair", "Promise", "Storm", "Angel", "Crossing",
]  # fmt: skip
PLACES = [
    "Berlin", "Tokyo", "Lisbon", "Marseille", "Kyoto", "Reykjavík", "São Paulo", "Łódź",
    "Brooklyn", "Naples", "Glasgow", "Tbilisi", "Montréal", "Dakar", "Seoul", "Oaxaca",
]  # fmt: skip
PATTERNS = [
    "The {adj} {noun}",
    "{adj} {noun}",
    "A {noun} in {place}",
    "The {noun} of {place}",
    "{noun}s of the {adj} {noun2}",
    "{place}, {year2}",
    "{adj} {noun}: Part {part}",
    "The {noun} & the {noun2}",
    "Where the {noun}s Are",
    "{name}'s {noun}",
    "{adj}! {adj2}!",
    "After the {noun}",
]
NAMES = [
    "Anna", "José", "Zoë", "Björn", "Mei", "Ólafur", "Nadia", "Kenji", "Chiara", "Dmitri",
    "Aoife", "Tomás", "Ingrid", "Kwame", "Léa", "Ravi",
]  # fmt: skip
TAGS = [
    "netflix", "cinema", "35mm", "criterion", "mubi", "with-friends", "horror-october",
    "black-and-white", "festival", "date-night", "blu-ray", "rewatch-worthy", "70mm",
    "double-bill", "plane", "letterboxd-season", "director-retrospective", "4k",
]  # fmt: skip
REVIEW_SENTENCES = [
    "The long take in the second act is the whole film in miniature.",
    "I went in expecting a thriller and came out having watched a film about grief.",
    "Every frame looks like it was lit by someone who loves the actors.",
    "The score does a lot of the heavy lifting, and I don't mind at all.",
    "It drags in the middle, but the last twenty minutes earn everything.",
    "Not sure the ending works, but I haven't stopped thinking about it.",
    "A performance that rearranges the furniture of the whole film around it.",
    "Funny, then sad, then funny again, which is how life goes.",
    "The <i>sound design</i> is doing something I can only call architectural.",
    'She says "we did everything we could" and the film goes quiet for a full minute.',
    "Saw it with a packed house; the room gasped at the cut to black. 😢",
    "Second time around the structure clicks: it's a film about memory, not about crime.",
    "I can't say it's <b>good</b>, exactly, but it's alive in a way most films aren't.",
    "The editing is brisk & the dialogue is sharper than I remembered.",
    "Cinematography by someone who has clearly studied the great silent films.",
]


@dataclass(frozen=True)
class Export:
    folder: Path
    rows: int
    films: int
    reviews: int


def _title(rng: random.Random) -> str:
    pattern = rng.choice(PATTERNS)
    return pattern.format(
        adj=rng.choice(ADJECTIVES),
        adj2=rng.choice(ADJECTIVES),
        noun=rng.choice(NOUNS),
        noun2=rng.choice(NOUNS),
        place=rng.choice(PLACES),
        name=rng.choice(NAMES),
        year2=rng.randint(1950, 2020),
        part=rng.choice(["One", "Two", "II", "III"]),
    )


def _uri(rng: random.Random) -> str:
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "https://boxd.it/" + "".join(rng.choice(alphabet) for _ in range(rng.randint(3, 6)))


def _rating(rng: random.Random) -> str:
    if rng.random() < 0.35:
        return ""
    value = rng.choice([0.5, 1, 1.5, 2, 2.5, 3, 3, 3.5, 3.5, 3.5, 4, 4, 4, 4.5, 4.5, 5])
    return str(int(value)) if value == int(value) else str(value)


def _tags(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return ""
    return ", ".join(rng.sample(TAGS, rng.randint(1, 3)))


def _review(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.choice([1, 1, 2, 3, 5, 8])):
        sentences = " ".join(rng.choice(REVIEW_SENTENCES) for _ in range(rng.randint(2, 6)))
        paragraphs.append(sentences)
    if rng.random() < 0.3:
        return "".join(f"<p>{p}</p>" for p in paragraphs)
    return "\n\n".join(paragraphs)


def write_export(folder: Path, rows: int, seed: int = 8) -> Export:
    """Write ``diary.csv`` and ``reviews.csv`` with ``rows`` viewings into ``folder``."""
    rng = random.Random(seed * 1_000_003 + rows)
    folder.mkdir(parents=True, exist_ok=True)
    films: list[tuple[str, str]] = []
    known: set[tuple[str, str]] = set()
    # About twenty years of viewings at most, however many rows; the last day is END.
    step = min(0.6, 7300 / max(rows, 1))
    day = dt.date(2000, 1, 1)
    diary: list[list[Any]] = []
    reviews: list[list[Any]] = []
    # The looked-up film is watched at evenly spread points of the diary.
    show_at = {int(rows * (i + 0.5) / SHOW_VIEWINGS) for i in range(SHOW_VIEWINGS)}
    for index in range(rows):
        if rng.random() < step:
            day += dt.timedelta(days=1)
        rewatch = False
        if index in show_at:
            film = (SHOW_TITLE, str(SHOW_YEAR))
            rewatch = film in known
        elif films and rng.random() < 0.12:
            film = rng.choice(films)
            rewatch = rng.random() < 0.9
        else:
            name = rng.choice(REAL_TITLES) if rng.random() < 0.05 else _title(rng)
            film = (name, "" if rng.random() < 0.002 else str(rng.randint(1920, 2025)))
            rewatch = film in known
        if film not in known:
            known.add(film)
            films.append(film)
        logged = day + dt.timedelta(days=rng.choice([0, 0, 0, 0, 1, 3]))
        name, year = film
        row: list[Any] = [
            logged,
            name,
            year,
            _uri(rng),
            _rating(rng),
            "Yes" if rewatch else "",
            _tags(rng),
            day,
        ]
        diary.append(row)
        if index in show_at or rng.random() < 0.06:
            reviews.append([*row[:6], _review(rng), row[6], row[7]])
    shift: dt.timedelta = END - max(r[0] for r in diary) if diary else dt.timedelta()
    for entry in diary + reviews:
        entry[0] = (entry[0] + shift).isoformat()
        entry[-1] = (entry[-1] + shift).isoformat()
    diary.sort(key=lambda r: r[0])
    for path, header, body in (
        (folder / "diary.csv", DIARY_HEADER, diary),
        (folder / "reviews.csv", REVIEWS_HEADER, reviews),
    ):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(body)
    return Export(folder, rows, len(known), len(reviews))


if __name__ == "__main__":
    import sys

    made = write_export(Path(sys.argv[1]), int(sys.argv[2]))
    print(made.films, made.reviews)
