"""The grammars users type: ratings, scores, dates, years, media and cast."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TypeVar

from filmlog.errors import InvalidInput
from filmlog.models.types import CastMember

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


T = TypeVar("T")


def if_given(parse: Callable[[str], T], text: str | None) -> T | None:
    """``parse(text)``, or None for an option that was not given."""
    return None if text is None else parse(text)


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
