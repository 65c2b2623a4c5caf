"""The journal: a TinyDB database on a storage that cannot lose what the user wrote.

Every change runs inside :meth:`Store.transaction`, which takes ``<journal>.lock`` for
the whole read-change-write (:mod:`filmlog.store.lock`), opens the journal with TinyDB
on :class:`~filmlog.store.storage.JournalStorage` (a strict reader; one atomic,
backed-up write at the end), and changes documents through TinyDB's tables (``insert``,
``update``, ``remove``, ``get``). Readers take no lock: the replace is atomic, so they
see the old file or the new one.

This package is the only code that imports TinyDB, and it hands out models, never
documents. Plain ``TinyDB(path).table("watches").all()`` reads the same file.
"""

from __future__ import annotations

import contextlib
import operator
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from msgspec.structs import replace
from tinydb import TinyDB
from tinydb.table import Document

from filmlog.errors import InvalidDocument, JournalError
from filmlog.models import (
    Disc,
    Film,
    FilmList,
    Watch,
    WatchlistItem,
    compact_doc,
    disc_from_doc,
    disc_to_doc,
    film_from_doc,
    film_to_doc,
    list_from_doc,
    list_to_doc,
    slugify,
    title_keys,
    watch_from_doc,
    watch_order,
    watch_to_doc,
    watchlist_from_doc,
    watchlist_to_doc,
)
from filmlog.store.files import (
    Backup,
    atomic_write,
    keep_backup,
    list_backups,
    prune_backups,
    read_bytes,
    remove_stale_temps,
    temp_files,
)
from filmlog.store.lock import journal_lock, lock_timeout
from filmlog.store.schema import (
    BOM,
    META,
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLES,
    check_shape,
    dump,
    empty_journal,
    migrate,
    newest_backup,
    parse,
)
from filmlog.store.storage import JournalStorage, persist
from filmlog.store.tables import Tables

__all__ = [
    "BOM",
    "META",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "TABLES",
    "Backup",
    "FilmEntry",
    "JournalStorage",
    "Store",
    "atomic_write",
    "check_shape",
    "dump",
    "empty_journal",
    "journal_lock",
    "keep_backup",
    "list_backups",
    "lock_timeout",
    "migrate",
    "newest_backup",
    "parse",
    "persist",
    "prune_backups",
    "read_bytes",
    "remove_stale_temps",
    "temp_files",
]

# (id, title, year, aka) of a film.
FilmEntry = tuple[str, str, int | None, tuple[str, ...]]


class Store(Tables):
    """The journal, opened for reading or inside a write transaction."""

    # -- opening ----------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open for reading. A missing journal reads as an empty one."""
        store = cls(path, TinyDB(path, storage=JournalStorage))
        store._storage.read()
        return store

    @classmethod
    @contextlib.contextmanager
    def transaction(cls, path: Path, on_wait: Callable[[], None] | None = None) -> Iterator[Store]:
        """Lock, load, yield a writable store, and write once if anything changed.

        ``on_wait`` is called once if another process keeps the lock for a while.
        """
        with journal_lock(path, on_wait=on_wait) as held:
            store = cls(path, TinyDB(path, storage=JournalStorage, lock=held))
            store._storage.read()
            yield store
            store._storage.flush()

    def raw_data(self) -> dict[str, Any]:
        """The whole journal as stored (for the JSON export and doctor)."""
        return self._storage.read()

    # -- films ------------------------------------------------------------------

    def films(self) -> list[Film]:
        """Every film."""
        try:
            return [film_from_doc(d) for d in self._docs("films").values()]
        except InvalidDocument as exc:
            raise self._damaged("films", exc) from None

    def film(self, film_id: str) -> Film | None:
        """The film with this id, or None."""
        doc = self._get("films", film_id)
        return self._model("films", doc) if doc is not None else None

    def title_keys(self) -> list[str]:
        """The ``title_key`` of every film's title and aliases (a key may repeat)."""
        return self._title_keys()[1]

    def films_titled(self, key: str) -> list[FilmEntry]:
        """(id, title, year, aka) of the films whose title or an alias has this ``title_key``."""
        docs, keys, owners = self._title_keys()
        found: dict[int, None] = {}
        at = -1
        with contextlib.suppress(ValueError):
            while True:
                at = keys.index(key, at + 1)
                found[owners[at]] = None
        return [_film_entry(docs[n]) for n in sorted(found)]

    def films_keyed_with(self, fragment: str) -> list[FilmEntry]:
        """(id, title, year, aka) of the films whose title or an alias has a ``title_key``
        that holds ``fragment``."""
        docs, keys, owners = self._title_keys()
        found = dict.fromkeys(owners[n] for n, key in enumerate(keys) if fragment in key)
        return [_film_entry(docs[n]) for n in sorted(found)]

    def _title_keys(self) -> tuple[list[dict[str, Any]], list[str], list[int]]:
        # Built once and kept until films change: lookups and "did you mean" of one
        # command key the journal's titles once, and never build a model to do it.
        if self._titles is None or self._titles[0] != self._storage.writes:
            docs = list(self._docs("films").values())
            aliases = [(n, a) for n, d in enumerate(docs) if d.get("aka") for a in d["aka"]]
            names = [d["title"] for d in docs] + [a for _, a in aliases]
            owners = list(range(len(docs))) + [n for n, _ in aliases]
            self._titles = (self._storage.writes, (docs, title_keys(names), owners))
        return self._titles[1]

    def new_film_id(self, title: str, year: int | None, reserved: Container[str] = ()) -> str:
        """A slug of title and year that no film has, or had (nor one in ``reserved``)."""
        base = slugify(title, year)
        taken = self._index("films")
        retired = set(self._meta_list("retired_films"))
        candidate, n = base, 2
        while candidate in taken or candidate in retired or candidate in reserved:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def save_film(self, film: Film) -> None:
        """Insert or replace a film."""
        self.save_films([film])

    def save_films(self, films: Iterable[Film]) -> None:
        """Insert or replace many films in one table update."""
        self._put("films", [compact_doc("films", film_to_doc(f)) for f in films])

    def remove_film(self, film_id: str) -> None:
        """Delete a film; its id is retired, never given to another film."""
        self._remove("films", film_id)
        retired = self._meta_list("retired_films")
        if film_id not in retired:
            self._meta.update({"retired_films": [*retired, film_id]}, doc_ids=[1])

    # -- watches ----------------------------------------------------------------

    def watches(self, film_ids: Iterable[str] | None = None) -> list[Watch]:
        """Every viewing, or those of some films, oldest first."""
        docs: Iterable[dict[str, Any]] = self._docs("watches").values()
        if film_ids is not None:
            wanted = set(film_ids)
            docs = [d for d in docs if d.get("film") in wanted]
        try:
            return sorted((watch_from_doc(d) for d in docs), key=watch_order)
        except InvalidDocument as exc:
            raise self._damaged("watches", exc) from None

    def watches_newest_first(self) -> Iterator[Watch]:
        """Dated viewings newest first, built one at a time (so ``--limit`` costs little);
        reviews without a day are no diary entries and are left out."""
        # A document without the field at all is damaged: its reader names it below.
        docs = [d for d in self._docs("watches").values() if d.get("date", "") is not None]
        try:
            # Two stable sorts on keys taken in C: by id, then by day.
            docs.sort(key=_ID, reverse=True)
            docs.sort(key=_DATE, reverse=True)
        except (KeyError, TypeError):  # a damaged document: its reader will name it
            docs.sort(key=lambda d: (str(d.get("date")), str(d.get("id"))), reverse=True)
        return self._each_watch(docs)

    def undated_watches(self) -> list[Watch]:
        """Reviews written without a dated viewing (an import's): no diary entries."""
        docs = [d for d in self._docs("watches").values() if d.get("date", "") is None]
        return list(self._each_watch(docs))

    def _each_watch(self, docs: list[dict[str, Any]]) -> Iterator[Watch]:
        try:
            for doc in docs:
                yield watch_from_doc(doc)
        except InvalidDocument as exc:
            raise self._damaged("watches", exc) from None

    def watch(self, watch_id: int) -> Watch | None:
        """The viewing with this id, or None."""
        doc = self._get("watches", watch_id)
        return self._model("watches", doc) if doc is not None else None

    def watch_count(self) -> int:
        """How many viewings the journal holds."""
        return len(self._docs("watches"))

    def add_watch(self, watch: Watch) -> Watch:
        """Store a new viewing under the next id (ids are never reused)."""
        return self.add_watches([watch])[0]

    def add_watches(self, watches: list[Watch]) -> list[Watch]:
        """Store new viewings in one table update, numbering them in order."""
        self._require_writable()
        first = self._take_id("next_watch", len(watches))
        if any(self._doc_id("watches", first + i) is not None for i in range(len(watches))):
            # The counter is behind (a hand-edited or merged journal): never overwrite.
            taken = self._index("watches")
            first = 1 + max((k for k in taken if isinstance(k, int)), default=0)
            self._meta.update({"next_watch": first + len(watches)}, doc_ids=[1])
        numbered = [_with_id(w, first + i) for i, w in enumerate(watches)]
        self._put("watches", [_watch_doc(w) for w in numbered])
        return numbered

    def save_watch(self, watch: Watch) -> None:
        """Replace an existing viewing."""
        self.save_watches([watch])

    def save_watches(self, watches: Iterable[Watch]) -> None:
        """Replace many existing viewings in one table update."""
        self._put("watches", [_watch_doc(w) for w in watches])

    def remove_watch(self, watch_id: int) -> None:
        """Delete a viewing; its id is not given out again."""
        self._remove("watches", watch_id)

    # -- discs ------------------------------------------------------------------

    def discs(self, film_id: str | None = None) -> list[Disc]:
        """Every disc, or those holding one film, by id."""
        docs: Iterable[dict[str, Any]] = self._docs("discs").values()
        if film_id is not None:
            docs = [d for d in docs if film_id in (d.get("films") or ())]
        try:
            return sorted((disc_from_doc(d) for d in docs), key=lambda d: d.id)
        except InvalidDocument as exc:
            raise self._damaged("discs", exc) from None

    def disc(self, disc_id: int) -> Disc | None:
        """The disc with this id, or None."""
        doc = self._get("discs", disc_id)
        return self._model("discs", doc) if doc is not None else None

    def add_disc(self, disc: Disc) -> Disc:
        """Store a new disc under the next disc id."""
        self._require_writable()
        numbered = _with_id(disc, self._take_id("next_disc"))
        if self._doc_id("discs", numbered.id) is not None:
            raise JournalError(f"internal: disc #{numbered.id} already exists")
        self._put("discs", [compact_doc("discs", disc_to_doc(numbered))])
        return numbered

    def save_disc(self, disc: Disc) -> None:
        """Replace an existing disc."""
        self._put("discs", [compact_doc("discs", disc_to_doc(disc))])

    def remove_disc(self, disc_id: int) -> None:
        """Delete a disc; its id is not given out again."""
        self._remove("discs", disc_id)

    # -- watchlist --------------------------------------------------------------

    def watchlist(self) -> list[WatchlistItem]:
        """Films to see, oldest addition first."""
        try:
            items = [watchlist_from_doc(d) for d in self._docs("watchlist").values()]
        except InvalidDocument as exc:
            raise self._damaged("watchlist", exc) from None
        return sorted(items, key=lambda i: (i.added, i.film))

    def on_watchlist(self, film_id: str) -> bool:
        """Whether a film is on the watchlist."""
        return film_id in self._index("watchlist")

    def save_watchlist_items(self, items: Iterable[WatchlistItem]) -> None:
        """Add or replace watchlist entries."""
        self._put("watchlist", [compact_doc("watchlist", watchlist_to_doc(i)) for i in items])

    def remove_from_watchlist(self, film_id: str) -> bool:
        """Take a film off the watchlist; False if it was not on it."""
        return self._remove("watchlist", film_id)

    # -- lists ------------------------------------------------------------------

    def lists(self) -> list[FilmList]:
        """Every list, by name (case ignored)."""
        try:
            found = [list_from_doc(d) for d in self._docs("lists").values()]
        except InvalidDocument as exc:
            raise self._damaged("lists", exc) from None
        return sorted(found, key=lambda f: (f.name.casefold(), f.id))

    def list_(self, list_id: str) -> FilmList | None:
        """The list with this id (the slug of its name), or None."""
        doc = self._get("lists", list_id)
        return self._model("lists", doc) if doc is not None else None

    def save_list(self, film_list: FilmList) -> None:
        """Insert or replace a list."""
        self.save_lists([film_list])

    def save_lists(self, lists: Iterable[FilmList]) -> None:
        """Insert or replace many lists in one table update."""
        self._put("lists", [compact_doc("lists", list_to_doc(f)) for f in lists])

    def remove_list(self, list_id: str) -> bool:
        """Delete a list (its films stay); False if there was none."""
        return self._remove("lists", list_id)

    # -- whole journal ----------------------------------------------------------

    def replace_all(self, data: dict[str, Any]) -> None:
        """Replace the whole journal (restoring an export); data must pass check_shape
        and be of this schema. Documents are stored compact, whichever form they come in."""
        self._require_writable()
        self._db.drop_tables()
        self._indexes.clear()
        self._meta.insert(Document(data[META]["1"], doc_id=1))
        for name in TABLES:
            self._tables[name].insert_multiple(
                Document(compact_doc(name, doc), doc_id=int(key)) for key, doc in data[name].items()
            )
        self._storage.read().update({name: {} for name in TABLES if name not in data})
        self.replaced = True

    def is_empty(self) -> bool:
        """True when the journal holds no film, viewing, disc, watchlist entry or list."""
        return not any(self._docs(name) for name in TABLES)


_Numbered = TypeVar("_Numbered", Watch, Disc)
_ID = operator.itemgetter("id")
_DATE = operator.itemgetter("date")


def _watch_doc(watch: Watch) -> dict[str, Any]:
    return compact_doc("watches", watch_to_doc(watch))


def _film_entry(doc: Mapping[str, Any]) -> FilmEntry:
    return (doc["id"], doc["title"], doc.get("year"), tuple(doc.get("aka") or ()))


def _with_id(obj: _Numbered, new_id: int) -> _Numbered:
    return replace(obj, id=new_id)
