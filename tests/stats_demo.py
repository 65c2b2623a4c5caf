"""A small journal of 2025 with real film facts and seeded viewings: the one README's
80-column ``stats`` screen and its screenshot of ``stats --html`` were made from
(tests/cli/test_stats_readme.py checks the screen is still what filmlog prints)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from filmlog.models import CastMember, Film, Watch
from filmlog.store import Store

F = [
    (
        "Heat",
        1995,
        "Michael Mann",
        ("Crime", "Thriller"),
        170,
        ("United States",),
        ("Al Pacino", "Robert De Niro", "Val Kilmer"),
    ),
    (
        "Thief",
        1981,
        "Michael Mann",
        ("Crime",),
        122,
        ("United States",),
        ("James Caan", "Tuesday Weld"),
    ),
    (
        "Collateral",
        2004,
        "Michael Mann",
        ("Crime", "Thriller"),
        120,
        ("United States",),
        ("Tom Cruise", "Jamie Foxx"),
    ),
    (
        "Ronin",
        1998,
        "John Frankenheimer",
        ("Action", "Thriller"),
        122,
        ("United States", "United Kingdom", "France"),
        ("Robert De Niro", "Jean Reno"),
    ),
    (
        "Le Samouraï",
        1967,
        "Jean-Pierre Melville",
        ("Crime", "Drama"),
        105,
        ("France", "Italy"),
        ("Alain Delon",),
    ),
    (
        "Army of Shadows",
        1969,
        "Jean-Pierre Melville",
        ("War", "Drama"),
        145,
        ("France", "Italy"),
        ("Lino Ventura", "Simone Signoret"),
    ),
    (
        "In the Mood for Love",
        2000,
        "Wong Kar-wai",
        ("Drama", "Romance"),
        98,
        ("Hong Kong", "France"),
        ("Tony Leung", "Maggie Cheung"),
    ),
    (
        "Chungking Express",
        1994,
        "Wong Kar-wai",
        ("Drama", "Romance"),
        102,
        ("Hong Kong",),
        ("Tony Leung", "Faye Wong"),
    ),
    (
        "Tokyo Story",
        1953,
        "Yasujirō Ozu",
        ("Drama",),
        136,
        ("Japan",),
        ("Chishū Ryū", "Setsuko Hara"),
    ),
    (
        "Late Spring",
        1949,
        "Yasujirō Ozu",
        ("Drama",),
        108,
        ("Japan",),
        ("Chishū Ryū", "Setsuko Hara"),
    ),
    (
        "Stalker",
        1979,
        "Andrei Tarkovsky",
        ("Science Fiction", "Drama"),
        162,
        ("Soviet Union",),
        ("Alexander Kaidanovsky",),
    ),
    (
        "Mirror",
        1975,
        "Andrei Tarkovsky",
        ("Drama",),
        107,
        ("Soviet Union",),
        ("Margarita Terekhova",),
    ),
    (
        "Vertigo",
        1958,
        "Alfred Hitchcock",
        ("Mystery", "Thriller"),
        128,
        ("United States",),
        ("James Stewart", "Kim Novak"),
    ),
    (
        "Rear Window",
        1954,
        "Alfred Hitchcock",
        ("Mystery", "Thriller"),
        112,
        ("United States",),
        ("James Stewart", "Grace Kelly"),
    ),
    (
        "Parasite",
        2019,
        "Bong Joon-ho",
        ("Thriller", "Drama"),
        132,
        ("South Korea",),
        ("Song Kang-ho",),
    ),
    (
        "Memories of Murder",
        2003,
        "Bong Joon-ho",
        ("Crime", "Thriller"),
        131,
        ("South Korea",),
        ("Song Kang-ho",),
    ),
    (
        "Portrait of a Lady on Fire",
        2019,
        "Céline Sciamma",
        ("Drama", "Romance"),
        122,
        ("France",),
        ("Noémie Merlant", "Adèle Haenel"),
    ),
    (
        "Paris, Texas",
        1984,
        "Wim Wenders",
        ("Drama",),
        147,
        ("West Germany", "France"),
        ("Harry Dean Stanton", "Nastassja Kinski"),
    ),
    ("Perfect Days", 2023, "Wim Wenders", ("Drama",), 124, ("Japan", "Germany"), ("Kōji Yakusho",)),
    (
        "Jeanne Dielman, 23 quai du Commerce, 1080 Bruxelles",
        1975,
        "Chantal Akerman",
        ("Drama",),
        201,
        ("Belgium", "France"),
        ("Delphine Seyrig",),
    ),
    (
        "Mulholland Drive",
        2001,
        "David Lynch",
        ("Mystery", "Drama"),
        147,
        ("United States", "France"),
        ("Naomi Watts", "Laura Harring"),
    ),
    (
        "Blue Velvet",
        1986,
        "David Lynch",
        ("Mystery", "Thriller"),
        120,
        ("United States",),
        ("Kyle MacLachlan", "Isabella Rossellini"),
    ),
    ("Spirited Away", 2001, "Hayao Miyazaki", ("Animation", "Fantasy"), 125, ("Japan",), ()),
    ("My Neighbor Totoro", 1988, "Hayao Miyazaki", ("Animation", "Family"), 86, ("Japan",), ()),
    (
        "The Zone of Interest",
        2023,
        "Jonathan Glazer",
        ("Drama", "War"),
        105,
        ("United Kingdom", "Poland"),
        ("Sandra Hüller",),
    ),
    (
        "Anatomy of a Fall",
        2023,
        "Justine Triet",
        ("Drama", "Crime"),
        152,
        ("France",),
        ("Sandra Hüller",),
    ),
    (
        "Past Lives",
        2023,
        "Celine Song",
        ("Drama", "Romance"),
        106,
        ("United States", "South Korea"),
        ("Greta Lee", "Teo Yoo"),
    ),
    (
        "La Haine",
        1995,
        "Mathieu Kassovitz",
        ("Drama", "Crime"),
        98,
        ("France",),
        ("Vincent Cassel",),
    ),
    ("Playtime", 1967, "Jacques Tati", ("Comedy",), 124, ("France",), ("Jacques Tati",)),
    ("Sans Soleil", 1983, "Chris Marker", ("Documentary",), 100, ("France",), ()),
]
REVIEWS = {
    "Heat": "The **diner scene** is still the whole film in miniature: two men who "
    "*recognise* each other.\n\nThe shoot-out downtown sounds like nothing else.",
    "Stalker": "Long takes that make the room feel *alive*. I came out of it quieter than "
    "I went in.",
    "Tokyo Story": "Ozu's camera sits at the height of someone kneeling on a tatami mat, "
    "and it never judges anyone.",
    "Perfect Days": "A film about *noticing*. Kōji Yakusho says almost nothing and tells you "
    "everything.",
    "In the Mood for Love": "Every corridor is a cage; every cigarette a confession.",
}


def _slug(title: str, year: int) -> str:
    for a, b in ((" ", "-"), (",", ""), (".", ""), ("é", "e"), ("ï", "i"), ("ō", "o")):
        title = title.replace(a, b)
    return f"{title.lower()}-{year}"


def build(journal: Path) -> int:
    """Write the journal; returns how many viewings it holds."""
    rng = random.Random(7)
    films = [
        Film(
            id=_slug(title, year),
            title=title,
            year=year,
            directors=(director,),
            genres=genres,
            runtime=runtime,
            countries=countries,
            cast=tuple(CastMember(c) for c in cast),
        )
        for title, year, director, genres, runtime, countries, cast in F
    ]
    media = ["cinema", "blu-ray", "streaming", "streaming", "uhd", "dvd"]
    places = {
        "cinema": ["Prince Charles Cinema", "BFI Southbank", "Barbican"],
        "streaming": ["MUBI", "Criterion Channel"],
        "blu-ray": ["home"],
        "uhd": ["home"],
        "dvd": ["home"],
    }
    viewings = []
    seen: set[str] = set()
    day = dt.date(2025, 1, 1)
    while day <= dt.date(2025, 11, 30):
        if rng.random() < (0.42 if day.weekday() >= 4 else 0.22):
            for _ in range(1 + (rng.random() < 0.2)):
                f = rng.choice(films[:24] if rng.random() < 0.7 else films)
                m = rng.choice(media)
                rating = rng.choice([3, 3.5, 4, 4, 4.5, 4.5, 5, 2.5])
                where = rng.choice(places[m])
                company: tuple[str, ...] = ()
                if rng.random() < 0.25:
                    company = ("Sam",)
                elif rng.random() < 0.1:
                    company = ("Alex", "Sam")
                tags: tuple[str, ...] = ()
                if m == "cinema" and rng.random() < 0.5:
                    tags = ("35mm",)
                elif rng.random() < 0.1:
                    tags = ("double-bill",)
                viewings.append(
                    Watch(
                        0,
                        f.id,
                        day,
                        rating=rating,
                        medium=m,
                        where=where,
                        with_=company,
                        tags=tags,
                        rewatch=f.id in seen,
                        dnf=rng.random() < 0.02,
                        review=REVIEWS.get(f.title) if f.id not in seen else None,
                    )
                )
                seen.add(f.id)
        day += dt.timedelta(days=1)
    with Store.transaction(journal) as store:
        store.save_films(films)
        store.add_watches(viewings)
    return len(viewings)
