"""What a journal file must look like, and how older ones are brought up to date.

The journal is TinyDB's own JSON layout: one object per table, each mapping integer
document ids (as strings) to documents. The public ids users type (film slugs, viewing
and disc numbers) are fields of the documents. Schema 3 is the first that plain TinyDB
reads; schemas 1 and 2 keyed films and watchlist entries by slug. Schema 4 adds the
``lists`` table; a schema-3 journal reads as one without lists.
"""

from __future__ import annotations

import gc
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from filmlog.errors import JournalError, JournalUnreadable
from filmlog.models import compact_doc

SCHEMA_VERSION = 4
META = "_meta"
TABLES = ("films", "watches", "discs", "watchlist", "lists")
BOM = b"\xef\xbb\xbf"


def empty_journal() -> dict[str, Any]:
    """The data of a journal with nothing in it."""
    data: dict[str, Any] = {name: {} for name in TABLES}
    data[META] = {"1": {"schema": SCHEMA_VERSION, "next_watch": 1, "next_disc": 1}}
    return data


def dump(data: dict[str, Any]) -> bytes:
    """The journal's bytes: UTF-8 JSON, indented, keys sorted, so it diffs well."""
    return orjson.dumps(
        data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
    )


def parse(raw: bytes, path: Path, *, for_write: bool) -> dict[str, Any]:
    """Parse and check a journal's bytes; refuse anything that is not a journal.

    ``for_write`` is stricter: a byte-order mark or a document id written twice (a
    merge that kept both sides) would be lost by the next write, so it is refused.
    """

    def refuse(why: str) -> JournalUnreadable:
        return JournalUnreadable(f"journal {path} {why}; it was left untouched", backup_hint(path))

    if not raw or raw.isspace():  # strip() would copy a large journal
        hint = backup_hint(path)
        if newest_backup(path) is None:
            # Nothing to lose and nothing to go back to (``touch journal.json`` makes one).
            hint += "; it holds nothing, so deleting it starts a new journal"
        raise JournalUnreadable(f"journal {path} is empty; it was left untouched", hint)
    if raw.startswith(BOM):
        if for_write:
            raise refuse("starts with a byte-order mark (an editor added it)")
        raw = raw[len(BOM) :]
    # The cyclic collector would walk every parsed object several times over while
    # a large journal is built; nothing parsed here forms cycles.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        reason = exc.args[0].split(":")[0]
        if "depth" in reason or "recursion" in reason:
            raise refuse(f"nests values deeper than a journal ever does ({reason})") from None
        raise refuse(f"is not valid JSON ({reason}); it may be truncated") from None
    finally:
        if gc_was_enabled:
            gc.enable()
    checked = check_shape(data, refuse)
    if for_write:
        repeated = repeated_document_key(raw, checked)
        if repeated is not None:
            table, key = repeated
            raise JournalUnreadable(
                f"journal {path} has document {key!r} of table {table!r} twice "
                "(a merge kept both copies); it was left untouched",
                "'filmlog doctor' shows both; keep one copy in an editor",
            )
    return checked


# How a document's key starts a line as filmlog writes it: four spaces in (a table's
# name is two in, a document's fields six).
_DOCUMENT_KEY = b'\n    "'


def repeated_document_key(raw: bytes, data: dict[str, Any]) -> tuple[str, str] | None:
    """(table, key) of a document written twice in ``raw``, which parsed to ``data``.

    JSON parsers keep the last copy of a repeated key. A count of the document keys in
    filmlog's own layout settles it at once; only a file laid out otherwise (a script
    wrote it) or one that has a repeat is read again, slowly, to name the key.
    """
    documents = sum(len(data[name]) for name in (META, *TABLES))
    if raw.count(_DOCUMENT_KEY) == documents:
        return None
    for table, key in _repeated_keys(raw):
        return table, key
    return None


def _repeated_keys(raw: bytes) -> list[tuple[str, str]]:
    """(table, key) of every document key that a table holds more than once."""
    text = raw.removeprefix(BOM).decode("utf-8", errors="replace")
    try:
        # Objects as lists of pairs: repeated keys are all still there.
        top = json.loads(text, object_pairs_hook=lambda items: items)
    except ValueError:
        return []
    found: list[tuple[str, str]] = []
    for table, docs in top if isinstance(top, list) else ():
        seen: set[str] = set()
        for key, _ in docs if isinstance(docs, list) else ():
            if key in seen:
                found.append((table, key))
            seen.add(key)
    return found


def check_shape(data: object, refuse: Callable[[str], JournalError]) -> dict[str, Any]:
    """The cheap structural check every load makes; the full one is ``filmlog doctor``."""
    if not isinstance(data, dict):
        raise refuse("is not a filmlog journal (not a JSON object)")
    meta = data.get(META)
    record = meta.get("1") if isinstance(meta, dict) else None
    schema = record.get("schema") if isinstance(record, dict) else None
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise refuse("is not a filmlog journal (no schema version)")
    if schema < 1:
        raise refuse(f"has an impossible schema version ({schema})")
    if schema > SCHEMA_VERSION:
        raise refuse(
            f"was written by a newer filmlog (schema {schema}, this one reads {SCHEMA_VERSION})"
        )
    unknown = sorted(set(data) - {META, *TABLES})
    if unknown:
        raise refuse(f"is not a filmlog journal (unknown table {unknown[0]!r})")
    for name in TABLES:
        table = data.setdefault(name, {})
        # map() runs isinstance over a large table in C
        if not isinstance(table, dict) or not all(map(isinstance, table.values(), _DICTS)):
            raise refuse(f"has a damaged {name!r} table")
        if schema >= 3 and not all(map(str.isdigit, table)):
            bad = next(k for k in table if not k.isdigit())
            raise refuse(f"has a {name!r} document whose id {bad!r} is not a number")
    return data


_DICTS = itertools.repeat(dict)


def _compact_documents(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 -> 2: documents leave out the fields that hold their default."""
    for name in TABLES:
        data[name] = {key: compact_doc(name, doc) for key, doc in data[name].items()}
    data[META]["1"]["schema"] = 2
    return data


def _integer_document_ids(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 -> 3: every table keyed by integer document ids, as TinyDB keys them.

    Viewings and discs keep their number as their document id; films and watchlist
    entries (keyed by film slug before) are numbered in the order they were stored.
    """
    for name in TABLES:
        docs = data[name]
        if all(map(str.isdigit, docs)):
            continue
        data[name] = {str(n): doc for n, doc in enumerate(docs.values(), 1)}
    data[META]["1"]["schema"] = 3
    return data


def _lists_table(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 3 -> 4: a ``lists`` table (``check_shape`` has given it one, empty).

    Nothing else changes; the version says that a filmlog which knows no lists must not
    write this journal (it would refuse the table anyway).
    """
    data.setdefault("lists", {})
    data[META]["1"]["schema"] = 4
    return data


# Migrations take the parsed journal of version N and return version N + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _compact_documents,
    2: _integer_document_ids,
    3: _lists_table,
}
# Versions whose documents are already valid in the next one (it only stores them in
# less space, or adds an empty table): reading skips those migrations, the first change
# runs them.
READ_AS_NEXT: frozenset[int] = frozenset({1, 3})


def migrate(data: dict[str, Any], *, reading: bool = False) -> tuple[dict[str, Any], bool]:
    """Bring older journals up to SCHEMA_VERSION; returns (data, whether it changed).

    ``reading`` (data that will not be written back) skips the migrations in READ_AS_NEXT.
    """
    record = data[META]["1"]
    start = record["schema"]
    while record["schema"] < SCHEMA_VERSION:
        if reading and record["schema"] in READ_AS_NEXT:
            record["schema"] += 1
            continue
        data = MIGRATIONS[record["schema"]](data)
        record = data[META]["1"]
    return data, record["schema"] != start


def newest_backup(journal: Path) -> Path | None:
    """The most recent backup of the journal that loads, if any.

    ``restore`` keeps even a damaged journal as a backup; that one is never offered.
    """
    from filmlog.store.files import list_backups

    for backup in list_backups(journal):
        try:
            check_shape(orjson.loads(backup.path.read_bytes()), JournalUnreadable)
        except (OSError, orjson.JSONDecodeError, JournalError):
            continue
        return backup.path
    return None


def backup_hint(path: Path) -> str:
    """Where the newest good backup is, for an error about the journal."""
    newest = newest_backup(path)
    if newest is None:
        return "no backup exists yet"
    return f"newest backup: {newest}; 'filmlog restore' puts it back"
