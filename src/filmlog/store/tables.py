"""The journal's TinyDB tables underneath :class:`~filmlog.store.Store`: the ``_meta``
record and its id counters, and documents found, decoded, inserted, replaced and removed
by the field users know them by, with indexes kept up to date instead of rebuilt.

``Store`` adds one method per thing a use case asks of a table (films, viewings, discs,
the watchlist, lists); everything here is shared by all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from filmlog.errors import InvalidDocument, JournalError, JournalUnreadable
from filmlog.models import (
    DOC_FIELDS,
    disc_from_doc,
    film_from_doc,
    list_from_doc,
    watch_from_doc,
    watchlist_from_doc,
)
from filmlog.store.schema import META, TABLES
from filmlog.store.storage import JournalStorage

# The field that names each table's documents for users: a film's slug, a viewing's
# and a disc's number, the film a watchlist entry is for, a list's slug.
_KEYS = {"films": "id", "watches": "id", "discs": "id", "watchlist": "film", "lists": "id"}


class Tables:
    """The journal's tables as documents; :class:`~filmlog.store.Store` builds on it."""

    def __init__(self, path: Path, db: TinyDB) -> None:
        self.path = path
        self._db = db
        storage = db.storage
        assert isinstance(storage, JournalStorage)
        self._storage = storage
        self.writable = storage.writable
        self._tables: dict[str, Table] = {name: db.table(name, cache_size=0) for name in TABLES}
        self._meta: Table = db.table(META, cache_size=0)
        # Document ids by public key, per table: built on first use, then kept up to date
        # by _put and _remove (the only writers of the tables) instead of built again.
        self._indexes: dict[str, dict[Any, int]] = {}
        self._titles: tuple[int, tuple[list[dict[str, Any]], list[str], list[int]]] | None = None
        # Set once replace_all has put a whole journal (an export) in this one's place.
        self.replaced = False

    # -- meta -------------------------------------------------------------------

    def _counter(self, name: str) -> int:
        record = self._meta.get(doc_id=1)
        value = record.get(name, 1) if record else 1
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise JournalUnreadable(
                f"journal {self.path}: its id counter {name!r} is damaged ({value!r}); "
                "nothing was changed",
                "'filmlog doctor' explains; set it above the highest id in an editor",
            )
        return value

    def _take_id(self, name: str, count: int = 1) -> int:
        first = self._counter(name)
        self._meta.update({name: first + count}, doc_ids=[1])
        return first

    def meta(self, key: str) -> Any:
        """A value kept in the journal's _meta record, or None."""
        record: Mapping[str, Any] = self._meta.get(doc_id=1) or {}
        return record.get(key)

    def set_meta(self, key: str, value: Any) -> None:
        """Keep a value in the _meta record; None takes the key out. Keeping the value
        it already holds changes nothing (a second import or fill writes nothing)."""
        self._require_writable()
        if self.meta(key) == value:
            return

        def put(record: MutableMapping[str, Any]) -> None:
            if value is None:
                record.pop(key, None)
            else:
                record[key] = value

        self._meta.update(put, doc_ids=[1])

    @property
    def changed(self) -> bool:
        """Whether this transaction has changed the journal yet."""
        return self._storage.dirty

    def mark_clean(self) -> None:
        """Write at the end only if something changes from now on. What changed so far
        (old data read the way this version means it) is then written along with it."""
        self._storage.dirty = False

    def _meta_list(self, key: str) -> list[str]:
        record: Mapping[str, Any] = self._meta.get(doc_id=1) or {}
        return [str(v) for v in record.get(key) or []]

    # -- documents --------------------------------------------------------------

    def _docs(self, name: str) -> dict[str, dict[str, Any]]:
        """A table's documents by document id, as stored: whole-journal reads take them
        in one pass instead of through a TinyDB Document copy of each."""
        docs: dict[str, dict[str, Any]] = self._storage.read().get(name) or {}
        return docs

    def _model(self, name: str, doc: Mapping[str, Any]) -> Any:
        try:
            return _READERS[name](doc)
        except InvalidDocument as exc:
            raise self._damaged(name, exc) from None

    def _damaged(self, name: str, exc: InvalidDocument) -> InvalidDocument:
        """The error for a document that does not fit the model, naming its table and id
        (a script may have written it with plain TinyDB)."""
        where = "?"
        for doc_id, doc in self._docs(name).items():
            try:
                _READERS[name](doc)
            except InvalidDocument as found:
                exc, where = found, doc_id
                break
        return InvalidDocument(
            f"journal {self.path}: {name} document {where}: {exc.message}",
            "'filmlog doctor' lists every problem; fix the document or 'filmlog restore'",
        )

    def _index(self, name: str) -> dict[Any, int]:
        """Document ids by the field users know documents by (see _KEYS)."""
        index = self._indexes.get(name)
        if index is None:
            key = _KEYS[name]
            index = {doc.get(key): int(n) for n, doc in self._docs(name).items()}
            self._indexes[name] = index
        return index

    def _doc_id(self, name: str, key: object) -> int | None:
        # filmlog numbers a viewing's or a disc's document as the viewing or disc.
        if isinstance(key, int):
            doc = self._docs(name).get(str(key))
            if doc is not None and doc.get(_KEYS[name]) == key:
                return key
        return self._index(name).get(key)

    def _get(self, name: str, key: object) -> Mapping[str, Any] | None:
        doc_id = self._doc_id(name, key)
        if doc_id is None:
            return None
        doc: Mapping[str, Any] | None = self._tables[name].get(doc_id=doc_id)
        return doc

    def _put(self, name: str, docs: list[dict[str, Any]]) -> None:
        """Insert documents, or replace those whose key (see _KEYS) is already stored.

        A replaced document keeps the fields this version does not know. One stored
        just so already is left alone: a save that changes nothing writes nothing (no
        new file, no backup, no step for undo).
        """
        self._require_writable()
        key = _KEYS[name]
        known = DOC_FIELDS[name]
        stored_docs = self._docs(name)
        changed: dict[Any, dict[str, Any]] = {}
        new: list[dict[str, Any]] = []
        for doc in docs:
            doc_id = self._doc_id(name, doc[key])
            if doc_id is None:
                new.append(doc)
                continue
            stored = stored_docs.get(str(doc_id)) or {}
            if {k: v for k, v in stored.items() if k in known} != doc:
                changed[doc[key]] = doc
        table = self._tables[name]
        if changed:

            def replace_doc(stored: MutableMapping[str, Any]) -> None:
                doc = changed[stored[key]]
                kept = {k: v for k, v in stored.items() if k not in known}
                stored.clear()
                stored.update(kept)
                stored.update(doc)

            doc_ids = [n for k in changed if (n := self._doc_id(name, k)) is not None]
            table.update(replace_doc, doc_ids=doc_ids)
        if new:
            ids = self._free_doc_ids(name, [d[key] if name in _NUMBERED else None for d in new])
            table.insert_multiple(Document(d, doc_id=n) for d, n in zip(new, ids, strict=True))
            index = self._indexes.get(name)
            if index is not None:
                index.update((d[key], n) for d, n in zip(new, ids, strict=True))

    def _free_doc_ids(self, name: str, wanted: list[int | None]) -> list[int]:
        """Document ids for new documents: the one wanted when it is free (a viewing's
        number), else the next after the highest, as TinyDB numbers them."""
        docs = self._docs(name)
        chosen: dict[int, None] = {}
        after: int | None = None
        for own in wanted:
            if own is not None and str(own) not in docs and own not in chosen:
                chosen[own] = None
                continue
            if after is None:
                after = max(map(int, docs), default=0) + 1
            while str(after) in docs or after in chosen:
                after += 1
            chosen[after] = None
            after += 1
        return list(chosen)

    def _remove(self, name: str, key: object) -> bool:
        self._require_writable()
        doc_id = self._doc_id(name, key)
        if doc_id is None:
            return False
        self._tables[name].remove(doc_ids=[doc_id])
        self._indexes.pop(name, None)
        return True

    def _require_writable(self) -> None:
        if not self.writable:
            raise JournalError("internal: the journal was opened read-only")


_READERS: dict[str, Callable[[object], Any]] = {
    "films": film_from_doc,
    "watches": watch_from_doc,
    "discs": disc_from_doc,
    "watchlist": watchlist_from_doc,
    "lists": list_from_doc,
}
# Tables whose documents filmlog numbers by the viewing's or disc's own number.
_NUMBERED = frozenset({"watches", "discs"})
