"""What a user types about a viewing, checked: the details of a new viewing (``add``)
and the changes of an edit (``edit``).

Values come as typed (strings, lists of strings, flags, or None where not given) and
are parsed with the grammar of ``filmlog.models``; bad input raises InvalidInput before
anything changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import msgspec

from filmlog.errors import InvalidInput
from filmlog.journal.reading import split_tags, unique
from filmlog.journal.viewings import ListEdit, WatchDetails
from filmlog.models import clean_line, if_given, parse_date, parse_medium, parse_rating


def watch_details(typed: Mapping[str, Any]) -> WatchDetails:
    """The viewing ``add``'s options describe: ``on`` (a day as typed), ``rating``,
    ``medium``, ``where``, ``with_``, ``tag``, ``rewatch``, ``like``, ``dnf``,
    ``spoilers``, ``disc``; any but ``on`` may be missing or None."""
    return WatchDetails(
        date=parse_date(typed["on"]),
        rating=if_given(parse_rating, typed.get("rating")),
        medium=if_given(parse_medium, typed.get("medium")),
        where=_line(typed.get("where")),
        with_=unique(typed.get("with_") or ()),
        tags=split_tags(typed.get("tag") or ()),
        rewatch=typed.get("rewatch"),
        liked=bool(typed.get("like")),
        dnf=bool(typed.get("dnf")),
        spoilers=bool(typed.get("spoilers")),
        disc=typed.get("disc"),
    )


class ViewingChanges(msgspec.Struct, frozen=True):
    """What ``edit`` changes: fields with their new values (None where cleared), and
    what it does to the viewing's people and tags."""

    fields: dict[str, Any]
    lists: dict[str, ListEdit]


def viewing_changes(typed: Mapping[str, Any], *, new_review: bool) -> ViewingChanges:
    """The changes ``edit``'s options ask for. Fields as typed: ``on``, ``rating``,
    ``medium``, ``where``; as they are: ``rewatch``, ``like``, ``dnf``, ``spoilers``,
    ``disc``; and ``clear``, ``remove``, ``with_``, ``tag``. A field both cleared and
    given (``new_review`` counts as giving the review) is refused."""
    given = {
        "date": if_given(parse_date, typed.get("on")),
        "rating": if_given(parse_rating, typed.get("rating")),
        "medium": if_given(parse_medium, typed.get("medium")),
        "where": _line(typed.get("where")),
        "rewatch": typed.get("rewatch"),
        "liked": typed.get("like"),
        "dnf": typed.get("dnf"),
        "spoilers": typed.get("spoilers"),
        "disc": typed.get("disc"),
    }
    fields = {k: v for k, v in given.items() if v is not None}
    cleared = _cleared(typed.get("clear") or ())
    named = set(fields) | ({"review"} if new_review else set())
    if contradicted := sorted(named & set(cleared)):
        name = contradicted[0].rstrip("_")
        raise InvalidInput(f"--clear {name} and a new {name} contradict", "give one of them")
    lists = _list_edits(
        cleared,
        typed.get("remove") or (),
        unique(typed.get("with_") or ()),
        typed.get("tag") or (),
    )
    fields.update({k: v for k, v in cleared.items() if k not in lists})
    return ViewingChanges(fields, lists)


def _line(text: str | None) -> str | None:
    """Text for one line of a screen, or None when nothing is left of it."""
    if text is None:
        return None
    return clean_line(text) or None


def _list_edits(
    cleared: dict[str, Any], remove: Sequence[str], with_: Sequence[str], tags: Sequence[str]
) -> dict[str, ListEdit]:
    """What --clear, --remove, --with and --tag do to the viewing's people and tags."""
    from filmlog.catalog import split_field_value

    taken: dict[str, list[str]] = {"with_": [], "tags": []}
    for text in remove:
        name, value = split_field_value(text)
        key = _LISTS.get(name.strip().casefold().lstrip("-"))
        if key is None:
            raise InvalidInput(
                f"--remove {name!r}: only tags and people come off one at a time",
                'use --remove "tag=VALUE" or --remove "with=NAME"; --clear empties a field',
            )
        taken[key] += split_tags([value]) if key == "tags" else [value]
    added = {"with_": tuple(with_), "tags": split_tags(tags)}
    edits = {key: ListEdit(key in cleared, tuple(taken[key]), added[key]) for key in added}
    return {k: e for k, e in edits.items() if e != ListEdit()}


_LISTS = {"tag": "tags", "tags": "tags", "with": "with_", "people": "with_", "person": "with_"}

_CLEARABLE = {
    "rating": None,
    "medium": None,
    "where": None,
    "with": (),
    "tags": (),
    "review": None,
    "disc": None,
    # The flag goes back to being worked out from earlier viewings.
    "rewatch": False,
}


def _cleared(fields: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in fields:
        key = name.strip().casefold()
        if key not in _CLEARABLE:
            raise InvalidInput(
                f"--clear {name!r} is not a field that can be emptied",
                "use " + ", ".join(_CLEARABLE),
            )
        out[{"with": "with_", "rewatch": "rewatch_given"}.get(key, key)] = _CLEARABLE[key]
    return out
