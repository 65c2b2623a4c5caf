"""The compact form the journal stores: per table, every field this version knows and
the default of each (worked out from the ``*_to_doc`` shapes, so a new field needs nothing
here), ``compact_doc`` to leave defaults out and ``full_doc`` to put them back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from filmlog.models.documents import (
    disc_to_doc,
    film_to_doc,
    list_to_doc,
    watch_to_doc,
    watchlist_to_doc,
)
from filmlog.models.grammar import FIRST_DAY
from filmlog.models.types import Disc, Film, FilmList, Watch, WatchlistItem

# The journal stores each document without the fields that hold their default (null,
# false, "", [], "film" as the kind, an object of such): a heavy user's journal is then
# a third of the size and parses in half the time. The readers (*_from_doc) take a missing
# field as its default; the *_to_doc shapes (what --json prints) stay complete.


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
