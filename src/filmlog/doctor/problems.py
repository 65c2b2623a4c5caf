"""Looking after the journal: check it thoroughly, and put a backup back.

``check`` goes further than the load every command makes: it validates every document
against the model, follows every reference between films, viewings and discs, looks for
ids given twice and for counters that would hand out an id again, and describes each
backup. ``restore`` puts a backup back under the journal's lock, after keeping the
current file (even a damaged one) as a backup itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec
import orjson

from filmlog import paths, store
from filmlog.errors import (
    InvalidDocument,
    JournalError,
    JournalUnreadable,
    JournalWriteFailed,
    NotFound,
)
from filmlog.models import (
    count,
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


class BackupInfo(msgspec.Struct, frozen=True):
    """A backup file: when it was taken and what it holds (or why it does not load)."""

    path: Path
    taken: dt.datetime
    size: int
    films: int | None = None
    watches: int | None = None
    error: str | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def loads(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "path": str(self.path),
            "taken": self.taken.isoformat(timespec="seconds"),
            "bytes": self.size,
            "films": self.films,
            "watches": self.watches,
            "error": self.error,
        }


@dataclass(slots=True)
class Report:
    """What ``filmlog doctor`` found."""

    journal: Path
    exists: bool
    size: int | None = None
    schema: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    backups: list[BackupInfo] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "journal": str(self.journal),
            "exists": self.exists,
            "ok": self.ok,
            "bytes": self.size,
            "schema": self.schema,
            "counts": self.counts,
            "problems": [p.to_json() for p in self.problems],
            "notes": self.notes,
            "backups": [b.to_json() for b in self.backups],
        }


# --------------------------------------------------------------------------- checking


def check(journal: Path) -> Report:
    """Check the journal file and describe its backups. Reads only; takes no lock."""
    report = Report(journal=journal, exists=False)
    report.backups = describe_backups(journal)
    leftovers = store.temp_files(journal)
    if leftovers:
        report.notes.append(
            f"{count(len(leftovers), 'temp file')} left by an interrupted write "
            f"(e.g. {leftovers[0].name}); the next change removes them"
        )
    try:
        raw = store.read_bytes(journal)
    except JournalError as exc:
        report.problems.append(Problem("unreadable", str(exc)))
        return report
    if raw is None:
        report.notes.append("the journal does not exist yet; the first change creates it")
        return report
    report.exists = True
    report.size = len(raw)
    with contextlib.suppress(OSError):
        if journal.stat().st_nlink > 1:
            report.notes.append(
                "the journal file has another name (a hard link): each change writes a new "
                "file, so that other name keeps the old journal; link with a symlink instead"
            )
    data = _load_for_check(raw, journal, report)
    if data is None:
        return report
    record = data[store.META]["1"]
    report.schema = record["schema"]
    if report.schema < store.SCHEMA_VERSION:
        report.notes.append(
            f"schema {report.schema}: the next change upgrades it (after keeping a backup)"
        )
    report.counts = {name: len(data[name]) for name in store.TABLES}
    report.problems.extend(check_data(store.migrate(data, reading=True)[0]))
    report.problems.extend(duplicate_keys(raw))
    return report


def _load_for_check(raw: bytes, journal: Path, report: Report) -> dict[str, Any] | None:
    try:
        return store.parse(raw, journal, for_write=True)
    except JournalError as exc:
        report.problems.append(Problem("unreadable", str(exc)))
    # A byte-order mark or a repeated id stops writes, not reads: check the rest anyway.
    try:
        return store.parse(raw, journal, for_write=False)
    except JournalError:
        return None


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


# --------------------------------------------------------------------------- backups


def describe_backups(journal: Path) -> list[BackupInfo]:
    """Every backup of the journal, newest first, with what each holds."""
    return [describe_backup(b.path, b.taken) for b in store.list_backups(journal)]


def describe_backup(path: Path, taken: dt.datetime) -> BackupInfo:
    """One backup: its size and counts, or why it does not load."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return BackupInfo(path, taken, 0, error=f"cannot be read ({exc.strerror})")
    try:
        data = load_backup(raw)
    except JournalUnreadable as exc:
        return BackupInfo(path, taken, len(raw), error=exc.message)
    return BackupInfo(path, taken, len(raw), len(data["films"]), len(data["watches"]))


def load_backup(raw: bytes) -> dict[str, Any]:
    """Parse a backup as strictly as a journal that is about to be written.

    Raises JournalUnreadable whose message says, in a few words, what is wrong.
    """
    if not raw.strip():
        raise JournalUnreadable("is empty")
    if raw.startswith(store.BOM):
        raise JournalUnreadable("starts with a byte-order mark")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise JournalUnreadable("is not valid JSON (it may be truncated)") from None
    checked, _ = store.migrate(store.check_shape(data, JournalUnreadable))
    for problem in _invalid_documents(checked):
        raise JournalUnreadable(problem.message)
    return checked


def find_backup(journal: Path, wanted: str | None) -> BackupInfo:
    """The backup to restore: by name or path, or else the newest one that loads."""
    backups = describe_backups(journal)
    if wanted is None:
        for backup in backups:
            if backup.loads:
                return backup
        if backups:
            raise JournalUnreadable(
                f"none of the {len(backups)} backups of {journal} loads",
                "'filmlog doctor' says what is wrong with each",
            )
        raise NotFound(
            f"journal {journal} has no backups yet",
            f"each change keeps one in {paths.backup_dir(journal)}",
        )
    for backup in backups:
        if wanted in (backup.name, backup.path.stem):
            return backup
    given = Path(wanted).expanduser()
    if given.is_file():
        with contextlib.suppress(OSError):
            return describe_backup(given, dt.datetime.fromtimestamp(given.stat().st_mtime))
    raise NotFound(f"no backup called {wanted!r}", "'filmlog doctor' lists the backups")


# --------------------------------------------------------------------------- restoring


class Restored(msgspec.Struct, frozen=True):
    """What ``restore`` did: the backup it put back, and where the replaced file went."""

    backup: BackupInfo
    kept: Path | None


def restore(
    journal: Path,
    backup: BackupInfo,
    on_wait: Callable[[], None] | None = None,
    wanted: str | None = None,
    *,
    recheck: Callable[[BackupInfo], None] | None = None,
    meta: Mapping[str, Any] | None = None,
) -> Restored:
    """Put ``backup`` back as the journal, atomically and under the journal's lock.

    ``backup`` is what ``find_backup(journal, wanted)`` chose (and the user agreed to);
    it is chosen again under the lock, and if a change made meanwhile would make it
    another backup, nothing is restored. The current file is kept as a backup first, even
    when it does not load. Id counters never go back: ids handed out since the backup was
    taken are not handed out again. ``on_wait`` is called once if another process keeps
    the lock for a while. ``recheck``, when given, checks the backup again under the
    lock instead (it raises to stop); ``meta`` is kept in the restored _meta record.
    """
    if not backup.loads:
        raise JournalUnreadable(
            f"backup {backup.path} {backup.error}; nothing was restored",
            "pick another with 'filmlog restore NAME' ('filmlog doctor' lists them)",
        )
    with store.journal_lock(journal, on_wait=on_wait) as held:
        if recheck is not None:
            recheck(backup)
        now = backup if recheck is not None else find_backup(journal, wanted)
        if now.path != backup.path:
            raise JournalError(
                f"journal {journal} changed while restore waited: the backup to restore "
                f"would now be {now.name}, not {backup.name}; nothing was restored",
                "run 'filmlog restore' again",
            )
        try:
            raw = backup.path.read_bytes()
            data = load_backup(raw)
        except OSError as exc:
            raise JournalError(f"cannot read backup {backup.path}: {exc.strerror}") from None
        except JournalUnreadable as exc:
            raise JournalUnreadable(
                f"backup {backup.path} {exc.message}; nothing was restored"
            ) from None
        _keep_counters(data, _current_meta(journal))
        # A note an undo left in the backup spoke of the journal it was in, not this one.
        data[store.META]["1"].pop("undo", None)
        data[store.META]["1"].update(meta or {})
        # Written without reading the current file, which may be the damaged one.
        storage = store.JournalStorage(journal, lock=held)
        storage.write(data)
        try:
            kept = storage.flush()
        except JournalWriteFailed as exc:
            raise JournalWriteFailed(
                f"could not restore journal {journal}: {exc.message.split(': ', 1)[-1]}",
                "the journal was not changed",
            ) from None
    return Restored(backup, kept)


def _current_meta(journal: Path) -> dict[str, Any]:
    """The id counters of the journal being replaced; none when it is damaged (a restore
    puts a damaged journal right), but a journal that cannot be read stops the restore."""
    raw = store.read_bytes(journal)
    if raw is None:
        return {}
    try:
        data = store.parse(raw, journal, for_write=False)
    except JournalUnreadable:
        return {}
    record = data[store.META]["1"]
    return record if isinstance(record, dict) else {}


def _keep_counters(data: dict[str, Any], current: Mapping[str, Any]) -> bool:
    record = data[store.META]["1"]
    changed = False
    for counter in _COUNTERS.values():
        now = current.get(counter)
        if isinstance(now, int) and not isinstance(now, bool) and now > record.get(counter, 1):
            record[counter] = now
            changed = True
    return changed


def counts(path: Path) -> tuple[int, int] | None:
    """(films, viewings) in a journal file, or None when it does not load."""
    try:
        raw = store.read_bytes(path)
        if raw is None:
            return None
        data = store.parse(raw, path, for_write=False)
    except (OSError, JournalError):
        return None
    return len(data["films"]), len(data["watches"])
