"""What can be wrong inside a journal: the checks ``filmlog doctor`` makes of its data.

Each check reads the parsed journal (or, for ids written twice, its raw bytes) and says
what it finds as a :class:`Problem`; none of them changes anything. They stand apart from
the report and the backups because both use them: ``check`` runs them all on the journal,
``load_backup`` refuses a backup with an invalid document, and ``restore`` keeps the id
counters named here.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import msgspec

from filmlog import store
from filmlog.errors import InvalidDocument
from filmlog.models import (
    disc_from_doc,
    film_from_doc,
    list_from_doc,
    watch_from_doc,
    watchlist_from_doc,
)

# What each table holds, how a document names itself, and what the store keys it by.
_TABLES: dict[str, tuple[str, Callable[[object], object]]] = {
    "films": ("film", film_from_doc),
    "watches": ("viewing", watch_from_doc),
    "discs": ("disc", disc_from_doc),
    "watchlist": ("watchlist entry", watchlist_from_doc),
    "lists": ("list", list_from_doc),
}
# The field by which users know each table's documents.
_OWN_KEYS = {"films": "id", "watches": "id", "discs": "id", "watchlist": "film", "lists": "id"}
# The counter in _meta that numbers each table's documents.
_COUNTERS = {"watches": "next_watch", "discs": "next_disc"}


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong with a journal; ``kind`` groups them for scripts."""

    kind: str  # unreadable, invalid, duplicate, dangling, stale, counter
    message: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "message": self.message}


def check_data(data: Mapping[str, Any]) -> list[Problem]:
    """Every problem in parsed journal data (which has passed ``store.check_shape``)."""
    problems: list[Problem] = []
    problems.extend(_invalid_documents(data))
    problems.extend(_ids_used_twice(data))
    problems.extend(_dangling_references(data))
    # Flags worked out from broken documents would only echo the problems above.
    if not problems:
        problems.extend(_stale_derived(data))
    problems.extend(_counters_behind(data))
    return problems


def _stale_derived(data: Mapping[str, Any]) -> Iterator[Problem]:
    """Flags filmlog works out (``seen``, ``rewatch``) that differ from what
    ``journal.derive`` makes of the journal, and viewings linked to a disc that no longer
    holds their film. A journal whose flags were never read as derived is left alone:
    its flags are the user's word until its next change adopts them."""
    from filmlog import journal

    if not data[store.META]["1"].get(journal.DERIVED_MARK):
        return

    def valid(table: str, from_doc: Callable[[Any], Any]) -> list[Any]:
        out = []
        for doc in data[table].values():
            with contextlib.suppress(InvalidDocument):
                out.append(from_doc(doc))
        return out

    films = valid("films", film_from_doc)
    watches = valid("watches", watch_from_doc)
    discs = valid("discs", disc_from_doc)
    stale_films, stale_watches = journal.derive(films, watches, discs)
    for film in stale_films:
        yield Problem(
            "stale",
            f"film {film.id}: seen is {str(not film.seen).lower()}, but its viewings make it "
            f"{str(film.seen).lower()}",
        )
    stored = {w.id: w for w in watches}
    for right in stale_watches:
        was = stored[right.id]
        if was.rewatch != right.rewatch:
            yield Problem(
                "stale",
                f"viewing {right.id}: rewatch is {str(was.rewatch).lower()}, but the earlier "
                f"viewings make it {str(right.rewatch).lower()}",
            )
        if was.disc != right.disc and was.disc in {d.id for d in discs}:
            yield Problem(
                "stale", f"viewing {right.id}: disc #{was.disc} does not hold film {was.film!r}"
            )


def _invalid_documents(data: Mapping[str, Any]) -> Iterator[Problem]:
    for table, (_, from_doc) in _TABLES.items():
        for doc_id, doc in data[table].items():
            try:
                from_doc(doc)
            except InvalidDocument as exc:
                yield Problem("invalid", f"{table} document {doc_id}: {exc}")
    meta = data[store.META]
    if set(meta) != {"1"}:
        yield Problem("invalid", "the _meta table should hold one record, '1'")
    for counter in _COUNTERS.values():
        value = meta["1"].get(counter, 1)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            yield Problem("invalid", f"_meta: {counter!r} should be a whole number from 1")


def _ids_used_twice(data: Mapping[str, Any]) -> Iterator[Problem]:
    """Two documents of a table that claim one id (a film slug, a viewing number...)."""
    for table, (what, _) in _TABLES.items():
        own_key = _OWN_KEYS[table]
        claimed: dict[str, str] = {}
        for doc_id, doc in data[table].items():
            own = doc.get(own_key)
            if own is None:
                continue
            if str(own) in claimed:
                yield Problem(
                    "duplicate",
                    f"{what} id {own!r} is used twice "
                    f"({table} documents {claimed[str(own)]} and {doc_id})",
                )
            claimed.setdefault(str(own), doc_id)


def _dangling_references(data: Mapping[str, Any]) -> Iterator[Problem]:
    films = {doc.get("id"): doc for doc in data["films"].values()}
    discs = {doc.get("id") for doc in data["discs"].values()}

    def missing_film(ref: object) -> bool:
        return isinstance(ref, str) and ref not in films

    for watch in data["watches"].values():
        key = watch.get("id")
        if missing_film(watch.get("film")):
            yield Problem(
                "dangling", f"viewing {key}: film {watch['film']!r} is not in the journal"
            )
        disc = watch.get("disc")
        if isinstance(disc, int) and disc not in discs:
            yield Problem("dangling", f"viewing {key}: disc #{disc} is not in the journal")
    for disc_doc in data["discs"].values():
        for ref in _strings(disc_doc.get("films")):
            if missing_film(ref):
                yield Problem(
                    "dangling", f"disc {disc_doc.get('id')}: film {ref!r} is not in the journal"
                )
    yield from _dangling_entries(data, missing_film)
    for key, film in films.items():
        for ref in _strings(film.get("see_also")):
            if missing_film(ref):
                yield Problem("dangling", f"film {key}: see-also {ref!r} is not in the journal")


def _dangling_entries(
    data: Mapping[str, Any], missing_film: Callable[[object], bool]
) -> Iterator[Problem]:
    """Watchlist entries and list entries for films the journal lacks."""
    for item in data["watchlist"].values():
        if missing_film(item.get("film")):
            yield Problem(
                "dangling",
                f"watchlist entry {item['film']}: film {item['film']!r} is not in the journal",
            )
    for film_list in data["lists"].values():
        entries = film_list.get("entries")
        for entry in entries if isinstance(entries, list) else ():
            listed = entry.get("film") if isinstance(entry, dict) else None
            if missing_film(listed):
                yield Problem(
                    "dangling",
                    f"list {film_list.get('id')}: film {listed!r} is not in the journal",
                )


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _counters_behind(data: Mapping[str, Any]) -> Iterator[Problem]:
    record = data[store.META]["1"]
    for table, counter in _COUNTERS.items():
        ids = [
            d["id"]
            for d in data[table].values()
            if isinstance(d.get("id"), int) and not isinstance(d["id"], bool)
        ]
        value = record.get(counter, 1)
        if ids and isinstance(value, int) and value <= max(ids):
            what = _TABLES[table][0]
            yield Problem(
                "counter",
                f"the next {what} id would be {value} but {what} #{max(ids)} exists "
                "(filmlog skips past it rather than overwrite)",
            )


def duplicate_keys(raw: bytes) -> list[Problem]:
    """Ids written twice in the file (a bad merge); JSON keeps only the last of each."""
    found: list[Problem] = []

    def pairs(items: list[tuple[str, Any]]) -> _Keyed:
        obj = _Keyed(items)
        seen: set[str] = set()
        for key, _ in items:
            if key in seen:
                obj.repeated.append(key)
            seen.add(key)
        return obj

    text = raw.removeprefix(store.BOM).decode("utf-8", errors="replace")
    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except ValueError:
        return found
    for table in _TABLES:
        docs = data.get(table) if isinstance(data, dict) else None
        if not isinstance(docs, _Keyed):
            continue
        for key in dict.fromkeys(docs.repeated):
            found.append(
                Problem(
                    "duplicate",
                    f"{table} document {key} is written twice; only the last one is read "
                    "(keep one copy in an editor)",
                )
            )
        for key, doc in docs.items():
            if isinstance(doc, _Keyed):
                for name in dict.fromkeys(doc.repeated):
                    found.append(Problem("duplicate", f"{table} document {key} has {name!r} twice"))
    return found


class _Keyed(dict[str, Any]):
    """A JSON object that remembers the keys it was given more than once."""

    def __init__(self, items: list[tuple[str, Any]]) -> None:
        super().__init__(items)
        self.repeated: list[str] = []
