"""The data model: films, viewings, discs and the watchlist, and the grammars users type.

Pure: no I/O, no terminal. Every model converts to and from the plain document that the
journal stores (`to_doc` / `from_doc`); `from_doc` is strict and names the field it rejects.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from filmlog.errors import InvalidDocument, InvalidInput

MEDIA: tuple[str, ...] = (
    "cinema",
    "blu-ray",
    "uhd",
    "dvd",
    "streaming",
    "tv",
    "digital",
    "vhs",
    "other",
)
SCORE_WORDS: dict[str, float] = {"poor": 1, "fair": 2, "ok": 3, "good": 4, "excellent": 5}
SCORE_NAMES: tuple[str, ...] = ("film", "picture", "audio", "extras")
WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)

RATING_HELP = "use 0.5 to 5 in half steps: 4, 4.5, 4½, ★★★★½, 9/10 or 4/5"
SCORE_HELP = RATING_HELP + ", or one of poor, fair, ok, good, excellent"
DATE_HELP = "use YYYY-MM-DD, today, yesterday, 'N days ago' or a weekday name such as friday"
# The earliest day a viewing (or a purchase) can have happened: before any film.
FIRST_DAY = dt.date(1870, 1, 1)


# --------------------------------------------------------------------------- grammars


def parse_rating(text: str | float | int) -> float:
    """Parse a star rating typed by a user into 0.5-5 in half steps.

    Examples: ``4`` -> 4.0, ``4.5`` or ``4,5`` -> 4.5, ``4½`` -> 4.5, ``★★★★½`` -> 4.5,
    ``9/10`` -> 4.5.
    """
    raw = str(text).strip()
    value = _rating_value(raw.replace(" ", ""))
    if value is None or not 0.5 <= value <= 5 or (value * 2) != int(value * 2):
        raise InvalidInput(f"{raw!r} is not a rating", RATING_HELP)
    return float(value)


_STARS = re.compile(r"^(★*)(½?)☆*$")
_NUMBER = re.compile(r"^(\d+)(?:[.,](\d+))?(½)?$")  # 4,5 is 4.5 with a decimal comma


def _rating_value(raw: str) -> float | None:
    if not raw:
        return None
    if match := _STARS.match(raw):
        return len(match.group(1)) + (0.5 if match.group(2) else 0)
    if "/" in raw:
        num, _, den = raw.partition("/")
        number = _plain_number(num)
        if number is None or den not in ("10", "5"):
            return None
        return number / 2 if den == "10" else number
    return _plain_number(raw)


def _plain_number(raw: str) -> float | None:
    match = _NUMBER.match(raw)
    if not match:
        return None
    whole, frac, half = match.groups()
    if frac is not None and half:
        return None
    value = float(whole + ("." + frac if frac else ""))
    return value + (0.5 if half else 0)


def parse_score(text: str | float | int) -> float:
    """Parse a disc score: a rating, or a word (poor=1, fair=2, ok=3, good=4, excellent=5)."""
    word = str(text).strip().casefold()
    if word in SCORE_WORDS:
        return SCORE_WORDS[word]
    try:
        return parse_rating(text)
    except InvalidInput:
        raise InvalidInput(f"{str(text).strip()!r} is not a score", SCORE_HELP) from None


def score_word(score: float) -> str:
    """The word for a score: 4 and 4.5 are "good", 0.5 to 1.5 "poor"."""
    names = list(SCORE_WORDS)
    return names[min(4, max(0, int(score) - 1))]


def stars(rating: float | None) -> str:
    """A rating as stars: 4.5 -> ★★★★½."""
    if rating is None:
        return ""
    return "★" * int(rating) + ("½" if rating % 1 else "")


def format_rating(rating: float | None) -> str:
    """A rating as its shortest number: 4.0 -> "4", 4.5 -> "4.5"."""
    if rating is None:
        return ""
    return str(int(rating)) if rating == int(rating) else str(rating)


_DAYS_AGO = re.compile(r"^(\d+)\s+days?\s+ago$")


def parse_date(
    text: str,
    *,
    today: dt.date | None = None,
    allow_future: bool = False,
    what: str = "viewing",
) -> dt.date:
    """Parse a day: ``YYYY-MM-DD``, ``today``, ``yesterday``, ``N days ago`` or a weekday.

    A weekday name means the most recent one before today. ``what`` names the event the
    day is of ("viewing", "purchase") in the message refusing a day still to come.
    """
    today = today or dt.date.today()
    raw = text.strip()
    word = raw.casefold()
    day: dt.date | None = None
    if word == "today":
        day = today
    elif word == "yesterday":
        day = today - dt.timedelta(days=1)
    elif match := _DAYS_AGO.match(word):
        back = int(match.group(1))
        if back > (today - FIRST_DAY).days:
            raise InvalidInput(f"{raw!r} is before {FIRST_DAY.year}", "films are younger than that")
        day = today - dt.timedelta(days=back)
    elif (weekday := _weekday(word)) is not None:
        back = (today.weekday() - weekday) % 7 or 7
        day = today - dt.timedelta(days=back)
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            raise InvalidInput(f"{raw!r} is not a real day", DATE_HELP) from None
    if day is None:
        raise InvalidInput(f"{raw!r} is not a date", DATE_HELP)
    if not allow_future and day > today:
        raise InvalidInput(f"{raw!r} is in the future", f"a {what} happens on or before today")
    if not allow_future and day < FIRST_DAY:
        raise InvalidInput(f"{raw!r} is before {FIRST_DAY.year}", "films are younger than that")
    return day


def _weekday(word: str) -> int | None:
    for index, name in enumerate(WEEKDAYS):
        if len(word) >= 3 and name.startswith(word):
            return index
    return None


def parse_year(value: int | str | None) -> int | None:
    """A release year between 1870 and 2200, or None."""
    if value is None or value == "":
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"{value!r} is not a year", "use four digits, e.g. 1995") from None
    if not 1870 <= year <= 2200:
        raise InvalidInput(f"{year} is not a plausible year", "use four digits, e.g. 1995")
    return year


def parse_medium(text: str) -> str:
    """One of MEDIA; a few common spellings are accepted (bluray, 4k, theater...)."""
    word = text.strip().casefold().replace("_", "-")
    word = _MEDIUM_ALIASES.get(word, word)
    if word not in MEDIA:
        raise InvalidInput(f"{text.strip()!r} is not a medium", "use one of " + ", ".join(MEDIA))
    return word


_MEDIUM_ALIASES = {
    "bluray": "blu-ray",
    "blu ray": "blu-ray",
    "bd": "blu-ray",
    "4k": "uhd",
    "uhd-bd": "uhd",
    "4k-uhd": "uhd",
    "theater": "cinema",
    "theatre": "cinema",
    "stream": "streaming",
    "television": "tv",
    "vod": "digital",
}


def parse_cast(text: str) -> CastMember:
    """``"Name as Role"`` -> CastMember; a name alone has no role."""
    name, sep, role = text.partition(" as ")
    if not name.strip():
        raise InvalidInput(
            f"{text!r} names no actor", 'use "Name as Role", e.g. "Nicolas Cage as Ben"'
        )
    return CastMember(name.strip(), role.strip() if sep else "")


# --------------------------------------------------------------------------- text


def clean_line(text: str) -> str:
    """One line of user text: escape sequences and bidi controls dropped, other control
    characters (tabs, newlines) made spaces and runs of spaces one, so nothing typed or
    imported can move the terminal's cursor or reorder what it shows."""
    if text.isprintable():
        return " ".join(text.split())
    text = _TERMINAL_CODES.sub("", text)
    return " ".join("".join(" " if _is_control(c) else c for c in text).split())


def clean_text(text: str) -> str:
    """Free text such as a review: line breaks and tabs kept, escape sequences, bidi
    controls and other control characters dropped, Windows line endings made plain,
    outer blank space removed."""
    return without_terminal_codes(text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def without_terminal_codes(text: str) -> str:
    """``text`` without escape sequences, bidi controls and control characters other than
    tab, newline and carriage return; nothing else changes (a clean text is returned as is)."""
    if text.isprintable():
        return text
    text = _TERMINAL_CODES.sub("", text)
    return "".join(c for c in text if c in "\n\t\r" or not _is_control(c))


# Whole escape sequences, in their 7-bit (ESC [) and 8-bit (C1) forms: dropping only the
# ESC would leave "[31m" or a link's address in the text. CSI; OSC, DCS, SOS, PM and APC
# run to their terminator (BEL or ST), or at most to the end of the line when it is
# missing; other escapes are ESC, intermediates and one final character (an ESC before a space
# goes alone: the space and the word after it are the user's text). Then the bidi
# embeddings, overrides and isolates, which reorder the text a terminal shows (the marks
# LRM and RLM, and joiners, are ordinary parts of text and stay).
_TERMINAL_CODES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[!-/]*[0-~]?"
    r"|[\u202a-\u202e\u2066-\u2069]"
)


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


# What a spreadsheet opening a CSV file reads as a formula (OWASP, "CSV injection"):
# a cell starting with = + - @, a tab or a carriage return; and such a cell already
# neutralized, so that taking one apostrophe off always gives back what was written.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def spreadsheet_cell(text: str) -> str:
    """User text as a CSV cell: no terminal escape codes, and a cell a spreadsheet would
    run as a formula made inert with a leading apostrophe (``=1+1`` -> ``'=1+1``)."""
    text = without_terminal_codes(text)
    return "'" + text if _FORMULA.match(text) else text


def from_spreadsheet_cell(text: str) -> str:
    """A cell's text with the apostrophe ``spreadsheet_cell`` added taken off again."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text, 1) else text


# --------------------------------------------------------------------------- titles


def fold(text: str) -> str:
    """Fold a string for comparison: accents, case and punctuation ignored, spaces kept single."""
    if text.isascii():
        # The same result as below, in C: title lookup folds every title in the journal.
        spaced = text.encode().replace(b"&", b" and ").lower().translate(_ASCII_SPACED)
        return " ".join(spaced.decode().split())
    decomposed = unicodedata.normalize("NFKD", text.replace("&", " and "))
    kept = [c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c)]
    return " ".join("".join(kept).casefold().split())


def title_key(text: str) -> str:
    """The key two titles must share to be the same title."""
    if text.isascii():
        return text.encode().replace(b"&", b"and").lower().translate(None, _ASCII_PUNCT).decode()
    return fold(text).replace(" ", "")


def title_keys(texts: list[str]) -> list[str]:
    """``title_key`` of each text, all keyed together in a few passes over one string."""
    joined = "\n".join(texts)
    if not texts or joined.count("\n") != len(texts) - 1:  # a text with a line break
        return [title_key(t) for t in texts]
    # ASCII texts keyed in C; the bytes of the others pass through, so their keys are not
    # ASCII either, and are made again below.
    keyed = joined.encode().replace(b"&", b"and").lower().translate(None, _ASCII_PUNCT_BUT_NEWLINE)
    keys = keyed.decode().split("\n")
    if joined.isascii():
        return keys
    others = [n for n, key in enumerate(keys) if not key.isascii()]
    for n, key in zip(others, _unicode_title_keys([texts[n] for n in others]), strict=True):
        keys[n] = key
    return keys


def _unicode_title_keys(texts: list[str]) -> list[str]:
    """``title_key`` of texts without line breaks, all in one pass."""
    joined = unicodedata.normalize("NFKD", "\n".join(texts).replace("&", "and"))
    return _NOT_ALNUM.sub("", joined).casefold().split("\n")


# What title_key leaves out: every character but letters and digits (\w is what
# str.isalnum() accepts, and "_"), accents included once NFKD has split them off.
_NOT_ALNUM = re.compile(r"(?:[^\w\n]|_)+")
_ASCII_PUNCT = bytes(b for b in range(128) if not chr(b).isalnum())
_ASCII_PUNCT_BUT_NEWLINE = _ASCII_PUNCT.replace(b"\n", b"")
_ASCII_SPACED = bytes(b if chr(b).isalnum() or b >= 128 else 32 for b in range(256))


def slugify(title: str, year: int | None) -> str:
    """A film id: ``leaving-las-vegas-1995``. Letters of any script are kept."""
    text = unicodedata.normalize("NFD", title)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    slug = "-".join(re.findall(r"[^\W_]+", text)) or "film"
    return f"{slug}-{year}" if year else slug


_TITLE_YEAR = re.compile(r"^(.*\S)\s*\((\d{4})\)$")


def split_title_year(text: str) -> tuple[str, int | None]:
    """``"Heat (1995)"`` -> ("Heat", 1995); anything else is a title without a year."""
    match = _TITLE_YEAR.match(text.strip())
    if match and 1870 <= int(match.group(2)) <= 2200:
        return match.group(1), int(match.group(2))
    return text.strip(), None


# --------------------------------------------------------------------------- models


@dataclass(frozen=True, slots=True)
class CastMember:
    name: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class FilmIds:
    imdb: str | None = None
    tmdb: str | None = None
    letterboxd: str | None = None


_NO_IDS = FilmIds()


@dataclass(frozen=True, slots=True)
class Film:
    id: str
    title: str
    year: int | None = None
    aka: tuple[str, ...] = ()
    directors: tuple[str, ...] = ()
    writers: tuple[str, ...] = ()
    cast: tuple[CastMember, ...] = ()
    composers: tuple[str, ...] = ()
    cinematographers: tuple[str, ...] = ()
    based_on: str | None = None
    genres: tuple[str, ...] = ()
    runtime: int | None = None
    certificate: str | None = None
    countries: tuple[str, ...] = ()
    synopsis: str | None = None
    ids: FilmIds = _NO_IDS
    liked: bool = False
    rating: float | None = None
    seen: bool = False
    kind: str = "film"
    see_also: tuple[str, ...] = ()
    notes: str | None = None
    # Seen before, or outside, the journal's viewings (an import's watched list or rating):
    # ``seen`` stays true without a viewing, and the first viewing logged is a rewatch.
    seen_given: bool = False
    rated: dt.date | None = None  # the day the rating was given (IMDb's Date Rated)

    @property
    def label(self) -> str:
        """Title with its year: ``Heat (1995)``."""
        return f"{self.title} ({self.year})" if self.year else self.title


@dataclass(frozen=True, slots=True)
class Listed:
    """When a film was put on the watchlist, and why: kept on the viewing that took it off."""

    added: dt.date
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Watch:
    id: int
    film: str
    date: dt.date | None  # None: a review written without a dated viewing
    logged: str = ""
    rating: float | None = None
    medium: str | None = None
    where: str | None = None
    with_: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    rewatch: bool = False
    liked: bool = False
    dnf: bool = False
    spoilers: bool = False
    review: str | None = None
    disc: int | None = None
    source: str | None = None
    # ``rewatch`` is the user's word (--rewatch/--first, an export's Rewatch), not derived.
    rewatch_given: bool = False
    # The watchlist entry logging this viewing took off (put back if it is deleted).
    watchlist: Listed | None = None


@dataclass(frozen=True, slots=True)
class Scores:
    film: float | None = None
    picture: float | None = None
    audio: float | None = None
    extras: float | None = None


@dataclass(frozen=True, slots=True)
class Purchase:
    date: dt.date | None = None
    price: str | None = None
    shop: str | None = None


_NO_SCORES = Scores()
_NOT_BOUGHT = Purchase()


@dataclass(frozen=True, slots=True)
class Disc:
    id: int
    films: tuple[str, ...] = ()
    format: str | None = None
    edition: str | None = None
    label: str | None = None
    region: str | None = None
    released: dt.date | None = None
    discs: int | None = None
    certificate: str | None = None
    packaging: str | None = None
    video: str | None = None
    audio: str | None = None
    scores: Scores = _NO_SCORES
    extras: tuple[str, ...] = ()
    pros: tuple[str, ...] = ()
    cons: tuple[str, ...] = ()
    verdict: str | None = None
    notes: str | None = None
    purchased: Purchase = _NOT_BOUGHT


@dataclass(frozen=True, slots=True)
class WatchlistItem:
    film: str
    added: dt.date
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ListEntry:
    film: str
    position: int
    note: str | None = None


@dataclass(frozen=True, slots=True)
class FilmList:
    """A named collection of films, ranked or not, each entry with an optional note."""

    id: str
    name: str
    description: str | None = None
    ranked: bool = False
    entries: tuple[ListEntry, ...] = ()
    created: dt.date | None = None
    source: str | None = None

    @property
    def films(self) -> tuple[str, ...]:
        """The film ids, in the list's order."""
        return tuple(e.film for e in self.entries)


def list_slug(name: str) -> str:
    """A list id: the slug of its name (``Top 10 of 2024`` -> ``top-10-of-2024``)."""
    return slugify(name, None) if re.search(r"[^\W_]", name) else "list"


# --------------------------------------------------------------------------- documents


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


UNDATED = "undated"


def count(n: int, one: str, many: str | None = None) -> str:
    """``1 film``, ``2 films``; ``many`` for a plural that is not ``one`` + s."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def day_label(day: dt.date | None) -> str:
    """A viewing's day as shown: ``2024-05-01``, or ``undated`` for a review without one."""
    return day.isoformat() if day else UNDATED


def watch_order(watch: Watch) -> tuple[dt.date, int]:
    """How viewings are ordered, oldest first: by day, then id; undated reviews first."""
    return (watch.date or dt.date.min, watch.id)


def film_to_doc(film: Film) -> dict[str, Any]:
    """The stored document of a film (also its JSON shape)."""
    return {
        "id": film.id,
        "title": film.title,
        "year": film.year,
        "aka": list(film.aka),
        "directors": list(film.directors),
        "writers": list(film.writers),
        "cast": [{"name": c.name, "role": c.role} for c in film.cast],
        "composers": list(film.composers),
        "cinematographers": list(film.cinematographers),
        "based_on": film.based_on,
        "genres": list(film.genres),
        "runtime": film.runtime,
        "certificate": film.certificate,
        "countries": list(film.countries),
        "synopsis": film.synopsis,
        "ids": {"imdb": film.ids.imdb, "tmdb": film.ids.tmdb, "letterboxd": film.ids.letterboxd},
        "liked": film.liked,
        "rating": film.rating,
        "seen": film.seen,
        "kind": film.kind,
        "see_also": list(film.see_also),
        "notes": film.notes,
        "seen_given": film.seen_given,
        "rated": _iso(film.rated),
    }


def watch_to_doc(watch: Watch) -> dict[str, Any]:
    """The stored document of a viewing (also its JSON shape)."""
    return {
        "id": watch.id,
        "film": watch.film,
        "date": _iso(watch.date),
        "logged": watch.logged,
        "rating": watch.rating,
        "medium": watch.medium,
        "where": watch.where,
        "with": list(watch.with_),
        "tags": list(watch.tags),
        "rewatch": watch.rewatch,
        "liked": watch.liked,
        "dnf": watch.dnf,
        "spoilers": watch.spoilers,
        "review": watch.review,
        "disc": watch.disc,
        "source": watch.source,
        "rewatch_given": watch.rewatch_given,
        "watchlist": _listed_doc(watch.watchlist),
    }


def _listed_doc(listed: Listed | None) -> dict[str, Any] | None:
    if listed is None:
        return None
    return {"added": listed.added.isoformat(), "note": listed.note}


def disc_to_doc(disc: Disc) -> dict[str, Any]:
    """The stored document of a disc (also its JSON shape)."""
    return {
        "id": disc.id,
        "films": list(disc.films),
        "format": disc.format,
        "edition": disc.edition,
        "label": disc.label,
        "region": disc.region,
        "released": _iso(disc.released),
        "discs": disc.discs,
        "certificate": disc.certificate,
        "packaging": disc.packaging,
        "video": disc.video,
        "audio": disc.audio,
        "scores": {name: getattr(disc.scores, name) for name in SCORE_NAMES},
        "extras": list(disc.extras),
        "pros": list(disc.pros),
        "cons": list(disc.cons),
        "verdict": disc.verdict,
        "notes": disc.notes,
        "purchased": {
            "date": _iso(disc.purchased.date),
            "price": disc.purchased.price,
            "shop": disc.purchased.shop,
        },
    }


def watchlist_to_doc(item: WatchlistItem) -> dict[str, Any]:
    """The stored document of a watchlist entry."""
    return {"film": item.film, "added": item.added.isoformat(), "note": item.note}


def list_to_doc(film_list: FilmList) -> dict[str, Any]:
    """The stored document of a list (also its JSON shape)."""
    return {
        "id": film_list.id,
        "name": film_list.name,
        "description": film_list.description,
        "ranked": film_list.ranked,
        "entries": [
            {"film": e.film, "position": e.position, "note": e.note} for e in film_list.entries
        ],
        "created": _iso(film_list.created),
        "source": film_list.source,
    }


# The journal stores each document without the fields that hold their default (null,
# false, "", [], "film" as the kind, an object of such): a heavy user's journal is then
# a third of the size and parses in half the time. The readers below take a missing
# field as its default; the *_to_doc shapes above (what --json prints) stay complete.


def _defaults(doc: dict[str, Any], *required: str) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in required}


# Per table, every field that may be left out, with its default.
DOC_DEFAULTS: dict[str, dict[str, Any]] = {
    "films": _defaults(film_to_doc(Film("", "")), "id", "title"),
    "watches": _defaults(watch_to_doc(Watch(0, "", FIRST_DAY)), "id", "film", "date"),
    "discs": _defaults(disc_to_doc(Disc(0)), "id"),
    "watchlist": _defaults(watchlist_to_doc(WatchlistItem("", FIRST_DAY)), "film", "added"),
    "lists": _defaults(list_to_doc(FilmList("", "")), "id", "name"),
}
# Per table, every field this version knows; a stored document may hold others (written
# by a newer filmlog or a script), which a save of that document keeps.
DOC_FIELDS: dict[str, frozenset[str]] = {
    "films": frozenset(film_to_doc(Film("", ""))),
    "watches": frozenset(watch_to_doc(Watch(0, "", FIRST_DAY))),
    "discs": frozenset(disc_to_doc(Disc(0))),
    "watchlist": frozenset(watchlist_to_doc(WatchlistItem("", FIRST_DAY))),
    "lists": frozenset(list_to_doc(FilmList("", ""))),
}
# Lists of objects whose entries leave out default fields too: a cast member's empty role.
_ENTRY_DEFAULTS: dict[tuple[str, str], dict[str, Any]] = {
    ("films", "cast"): {"role": ""},
    ("lists", "entries"): {"note": None},
}


def _is_default(value: object, default: object) -> bool:
    # The type too: 0 is not false, 0.0 is not null.
    return type(value) is type(default) and value == default


def _without_defaults(doc: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if not (k in defaults and _is_default(v, defaults[k]))}


def compact_doc(table: str, doc: Mapping[str, Any]) -> dict[str, Any]:
    """A document as the journal stores it: fields that hold their default left out.

    ``table`` is the journal table ("films", "watches", "discs", "watchlist"). Keys the
    readers require, and keys this version does not know, are always kept.
    """
    defaults = DOC_DEFAULTS[table]
    out: dict[str, Any] = {}
    for key, value in doc.items():
        kept = value
        if key in defaults:
            default = defaults[key]
            if type(value) is dict and type(default) is dict:
                kept = _without_defaults(value, default)
                if not kept:
                    continue
            elif type(value) is list and value and (table, key) in _ENTRY_DEFAULTS:
                entry = _ENTRY_DEFAULTS[table, key]
                kept = [_without_defaults(e, entry) if type(e) is dict else e for e in value]
            elif _is_default(value, default):
                continue
        out[key] = kept
    return out


def full_doc(table: str, doc: Mapping[str, Any]) -> dict[str, Any]:
    """A stored document in its full shape: every field the compact form left out, back.

    The inverse of :func:`compact_doc`: ``full_doc(t, compact_doc(t, d)) == full_doc(t, d)``.
    """
    defaults = DOC_DEFAULTS[table]
    out = {**defaults, **doc}
    for key in _CONTAINERS[table]:
        default, value = defaults[key], out[key]
        if type(value) is dict and type(default) is dict:
            out[key] = {**default, **value}
        elif type(value) is list and (table, key) in _ENTRY_DEFAULTS:
            entry = _ENTRY_DEFAULTS[table, key]
            out[key] = [{**entry, **e} if type(e) is dict else e for e in value]
        elif value is default:
            out[key] = type(default)()  # a list or object of its own, not the shared one
    return out


_CONTAINERS: dict[str, tuple[str, ...]] = {
    table: tuple(k for k, v in defaults.items() if type(v) in (list, dict))
    for table, defaults in DOC_DEFAULTS.items()
}


_STRINGS = itertools.repeat(str)


class _Reader:
    """Reads one document strictly, naming what it rejects."""

    __slots__ = ("doc", "what")

    def __init__(self, doc: object, what: str) -> None:
        if not isinstance(doc, Mapping):
            raise InvalidDocument(f"{what} is not an object")
        self.doc: Mapping[str, Any] = doc
        self.what = what

    def fail(self, key: str, expected: str) -> InvalidDocument:
        return InvalidDocument(f"{self.what}: {key!r} should be {expected}")

    def text(self, key: str) -> str:
        value = self.doc.get(key)
        if not isinstance(value, str) or not value:
            raise self.fail(key, "a non-empty string")
        return value

    def opt_text(self, key: str) -> str | None:
        value = self.doc.get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(key, "a string or null")
        return value

    def opt_int(self, key: str, doc: Mapping[str, Any] | None = None) -> int | None:
        value = (self.doc if doc is None else doc).get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise self.fail(key, "a whole number or null")
        return value

    def whole(self, key: str) -> int:
        value = self.opt_int(key)
        if value is None:
            raise self.fail(key, "a whole number")
        return value

    def flag(self, key: str) -> bool:
        value = self.doc.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, "true or false")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.doc.get(key)
        if not value:  # most documents leave most lists out
            return ()
        # map() runs isinstance over the list in C
        if not isinstance(value, list) or not all(map(isinstance, value, _STRINGS)):
            raise self.fail(key, "a list of strings")
        return tuple(value)

    def rating(self, key: str, doc: Mapping[str, Any] | None = None) -> float | None:
        value = (self.doc if doc is None else doc).get(key)
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not 0.5 <= value <= 5
            or value * 2 != int(value * 2)
        ):
            raise self.fail(key, "a rating from 0.5 to 5 in half steps, or null")
        return float(value)

    def date(self, key: str, doc: Mapping[str, Any] | None = None) -> dt.date | None:
        value = (self.doc if doc is None else doc).get(key)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.fail(key, "a date YYYY-MM-DD or null") from None

    def sub(self, key: str) -> Mapping[str, Any]:
        value = self.doc.get(key) or {}
        if not isinstance(value, Mapping):
            raise self.fail(key, "an object")
        return value


def film_from_doc(doc: object) -> Film:
    """A Film from its stored document; raises InvalidDocument naming the bad field."""
    r = _Reader(doc, "film")
    r.what = f"film {r.doc.get('id')!r}"
    cast_docs = r.doc.get("cast") or []
    if not isinstance(cast_docs, list):
        raise r.fail("cast", "a list of {name, role}")
    cast = []
    for entry in cast_docs:
        c = _Reader(entry, f"{r.what} cast entry")
        cast.append(CastMember(c.text("name"), c.opt_text("role") or ""))
    ids = _Reader(r.sub("ids"), f"{r.what} ids")
    return Film(
        id=r.text("id"),
        title=r.text("title"),
        year=r.opt_int("year"),
        aka=r.texts("aka"),
        directors=r.texts("directors"),
        writers=r.texts("writers"),
        cast=tuple(cast),
        composers=r.texts("composers"),
        cinematographers=r.texts("cinematographers"),
        based_on=r.opt_text("based_on"),
        genres=r.texts("genres"),
        runtime=r.opt_int("runtime"),
        certificate=r.opt_text("certificate"),
        countries=r.texts("countries"),
        synopsis=r.opt_text("synopsis"),
        ids=FilmIds(ids.opt_text("imdb"), ids.opt_text("tmdb"), ids.opt_text("letterboxd")),
        liked=r.flag("liked"),
        rating=r.rating("rating"),
        seen=r.flag("seen"),
        kind=r.opt_text("kind") or "film",
        see_also=r.texts("see_also"),
        notes=r.opt_text("notes"),
        seen_given=r.flag("seen_given"),
        rated=r.date("rated"),
    )


def watch_from_doc(doc: object) -> Watch:
    """A Watch from its stored document; raises InvalidDocument naming the bad field."""
    r = _Reader(doc, "viewing")
    r.what = f"viewing {r.doc.get('id')!r}"
    if "date" not in r.doc:
        raise r.fail("date", "a date YYYY-MM-DD, or null for an undated review")
    day = r.date("date")
    medium = r.opt_text("medium")
    if medium is not None and medium not in MEDIA:
        raise r.fail("medium", "one of " + ", ".join(MEDIA))
    return Watch(
        id=r.whole("id"),
        film=r.text("film"),
        date=day,
        logged=r.opt_text("logged") or "",
        rating=r.rating("rating"),
        medium=medium,
        where=r.opt_text("where"),
        with_=r.texts("with"),
        tags=r.texts("tags"),
        rewatch=r.flag("rewatch"),
        liked=r.flag("liked"),
        dnf=r.flag("dnf"),
        spoilers=r.flag("spoilers"),
        review=r.opt_text("review"),
        disc=r.opt_int("disc"),
        source=r.opt_text("source"),
        rewatch_given=r.flag("rewatch_given"),
        watchlist=_listed(r) if r.doc.get("watchlist") is not None else None,
    )


def _listed(r: _Reader) -> Listed:
    entry = _Reader(r.sub("watchlist"), f"{r.what} watchlist")
    added = entry.date("added")
    if added is None:
        raise entry.fail("added", "a date YYYY-MM-DD")
    return Listed(added, entry.opt_text("note"))


def disc_from_doc(doc: object) -> Disc:
    """A Disc from its stored document; raises InvalidDocument naming the bad field."""
    r = _Reader(doc, "disc")
    r.what = f"disc {r.doc.get('id')!r}"
    scores = r.sub("scores")
    bought = r.sub("purchased")
    return Disc(
        id=r.whole("id"),
        films=r.texts("films"),
        format=r.opt_text("format"),
        edition=r.opt_text("edition"),
        label=r.opt_text("label"),
        region=r.opt_text("region"),
        released=r.date("released"),
        discs=r.opt_int("discs"),
        certificate=r.opt_text("certificate"),
        packaging=r.opt_text("packaging"),
        video=r.opt_text("video"),
        audio=r.opt_text("audio"),
        scores=Scores(**{name: r.rating(name, scores) for name in SCORE_NAMES}),
        extras=r.texts("extras"),
        pros=r.texts("pros"),
        cons=r.texts("cons"),
        verdict=r.opt_text("verdict"),
        notes=r.opt_text("notes"),
        purchased=Purchase(
            date=r.date("date", bought),
            price=_Reader(bought, f"{r.what} purchased").opt_text("price"),
            shop=_Reader(bought, f"{r.what} purchased").opt_text("shop"),
        ),
    )


def watchlist_from_doc(doc: object) -> WatchlistItem:
    """A WatchlistItem from its stored document."""
    r = _Reader(doc, "watchlist entry")
    added = r.date("added")
    if added is None:
        raise r.fail("added", "a date YYYY-MM-DD")
    return WatchlistItem(film=r.text("film"), added=added, note=r.opt_text("note"))


def list_from_doc(doc: object) -> FilmList:
    """A FilmList from its stored document; raises InvalidDocument naming the bad field."""
    r = _Reader(doc, "list")
    r.what = f"list {r.doc.get('id')!r}"
    entry_docs = r.doc.get("entries") or []
    if not isinstance(entry_docs, list):
        raise r.fail("entries", "a list of {film, position, note}")
    entries = []
    for n, entry in enumerate(entry_docs, 1):
        e = _Reader(entry, f"{r.what} entry {n}")
        position = e.whole("position")
        if position < 1:
            raise e.fail("position", "a whole number from 1")
        entries.append(ListEntry(e.text("film"), position, e.opt_text("note")))
    return FilmList(
        id=r.text("id"),
        name=r.text("name"),
        description=r.opt_text("description"),
        ranked=r.flag("ranked"),
        entries=tuple(sorted(entries, key=lambda e: e.position)),
        created=r.date("created"),
        source=r.opt_text("source"),
    )


def merge_unique(existing: Iterable[str], new: Iterable[str]) -> tuple[str, ...]:
    """Existing values then new ones, each once, in order."""
    seen: dict[str, None] = dict.fromkeys(existing)
    for value in new:
        seen.setdefault(value, None)
    return tuple(seen)


def changed(obj: Any, **changes: Any) -> Any:
    """A copy of a frozen model with some fields replaced (None-valued changes skipped)."""
    return replace(obj, **{k: v for k, v in changes.items() if v is not None})


def field_names(model: type) -> tuple[str, ...]:
    """The field names of a model class."""
    return tuple(f.name for f in fields(model))
