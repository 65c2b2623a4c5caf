"""``filmlog import json``: a JSON export read back, checked whole, and restored.

An export holds documents full or compact (and files of any older schema are upgraded);
they are stored compact, so importing an export into an empty journal writes the same
journal back, and exporting again gives an identical file. Every document is checked
with the model's strict reader before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import msgspec

from filmlog.errors import ExitCode, FilmlogError, InvalidDocument, JournalError
from filmlog.models import (
    clean_line,
    disc_from_doc,
    film_from_doc,
    list_from_doc,
    watch_from_doc,
    watchlist_from_doc,
    without_terminal_codes,
)
from filmlog.store import BOM, Store, check_shape, migrate

T = TypeVar("T")


class InvalidBackup(JournalError):
    """A file given to ``import json`` that is not a journal export (bad input: exit 2)."""

    exit_code = ExitCode.BAD_INPUT


class Backup(msgspec.Struct, frozen=True):
    """A backup's data, checked and cleaned, and what it holds."""

    data: dict[str, Any]
    contents: Contents


def read(raw: bytes, name: str) -> Backup:
    """A JSON export's bytes as a backup ready to restore; refuses anything else.

    The file is upgraded from an older schema if need be, cleaned of terminal escape
    codes, and every document is checked (see validate). ``name`` names it in errors.
    """
    import orjson

    def refuse(why: str) -> InvalidBackup:
        return InvalidBackup(
            f"{name} {why}; nothing was imported",
            "give a file written by 'filmlog export --format json'",
        )

    raw = raw.removeprefix(BOM)
    if not raw.strip():
        raise refuse("is empty")
    try:
        parsed = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise refuse("is not valid JSON (it may be truncated)") from None
    migrated, _ = migrate(check_shape(parsed, refuse))
    data = without_codes(migrated)
    try:
        return Backup(data, validate(data))
    except InvalidDocument as exc:
        raise InvalidBackup(f"{name}: {exc}; nothing was imported") from None


def restore(store: Store, backup: Backup, *, replace: bool) -> bool:
    """Make ``backup`` the journal of ``store``: into an empty journal, or over one with
    something in it when ``replace`` says so. True when a journal was replaced."""
    replaced = not store.is_empty()
    if replaced and not replace:
        raise FilmlogError(
            f"journal {store.path} is not empty; nothing was imported",
            "restore into a new journal with --db NEW.json, or pass --replace",
        )
    store.replace_all(backup.data)
    return replaced


class Contents(msgspec.Struct, frozen=True):
    """What a backup holds, and references it makes to things it does not hold."""

    films: int
    watches: int
    discs: int
    watchlist: int
    lists: int = 0
    dangling: tuple[str, ...] = ()


def validate(data: Mapping[str, Any]) -> Contents:
    """Check every document of a journal's data with the model's strict reader.

    ``data`` has passed the store's shape check. Raises InvalidDocument naming the first
    bad document; references to missing films or discs are reported, not refused (the
    journal being restored may hold them, and a restore keeps what it is given).
    """
    films = _each(data, "films", film_from_doc, lambda f: f.id)
    watches = _each(data, "watches", watch_from_doc, lambda w: w.id)
    discs = _each(data, "discs", disc_from_doc, lambda d: d.id)
    listed = _each(data, "watchlist", watchlist_from_doc, lambda i: i.film)
    lists = _each(data, "lists", list_from_doc, lambda f: f.id)
    meta = data["_meta"]["1"]
    for counter, table, ids in (
        ("next_watch", "viewing", [w.id for w in watches]),
        ("next_disc", "disc", [d.id for d in discs]),
    ):
        value = meta.get(counter, 1)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InvalidDocument(f"the journal's {counter!r} should be a whole number above 0")
        if ids and value <= max(ids):
            raise InvalidDocument(
                f"the journal's {counter!r} is {value}, but a {table} has id {max(ids)}: "
                "new ids would clash"
            )
    film_ids = {f.id for f in films}
    disc_ids = {d.id for d in discs}
    dangling = [
        *(f"viewing #{w.id} names film {w.film!r}" for w in watches if w.film not in film_ids),
        *(
            f"viewing #{w.id} names disc #{w.disc}"
            for w in watches
            if w.disc is not None and w.disc not in disc_ids
        ),
        *(f"disc #{d.id} names film {f!r}" for d in discs for f in d.films if f not in film_ids),
        *(f"the watchlist names film {i.film!r}" for i in listed if i.film not in film_ids),
        *(
            f"list {f.id!r} names film {film!r}"
            for f in lists
            for film in f.films
            if film not in film_ids
        ),
    ]
    return Contents(len(films), len(watches), len(discs), len(listed), len(lists), tuple(dangling))


# The fields whose text holds several lines; every other text is one line.
_MULTILINE = frozenset({"review", "notes", "synopsis", "description", "note"})


def without_codes(data: dict[str, Any]) -> dict[str, Any]:
    """A journal's data with terminal escape codes and bidi controls taken out of every
    text (line breaks only where a field holds several lines). Clean text is kept as it
    is, so a clean export comes back identical."""

    def clean(value: Any, key: str) -> Any:
        if isinstance(value, str):
            if value.isprintable():
                return value
            return without_terminal_codes(value) if key in _MULTILINE else clean_line(value)
        if isinstance(value, dict):
            return {clean(k, ""): clean(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v, key) for v in value]
        return value

    cleaned: dict[str, Any] = clean(data, "")
    return cleaned


def _each(
    data: Mapping[str, Any],
    table: str,
    read: Callable[[object], T],
    key_of: Callable[[T], object],
) -> list[T]:
    out = []
    owners: dict[object, str] = {}
    for doc_id, doc in data[table].items():
        model = read(doc)
        key = key_of(model)
        if key in owners:
            raise InvalidDocument(
                f"{table} documents {owners[key]} and {doc_id} both have the id {key!r}"
            )
        owners[key] = doc_id
        if isinstance(key, int) and key < 1:
            raise InvalidDocument(f"{table} document {doc_id} should have an id above 0")
        out.append(model)
    return out
