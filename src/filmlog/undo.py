"""``filmlog undo``: put the journal back as it was before the last change.

Every change numbers itself in the journal's ``_meta`` record (``change``), and the
storage keeps the file it replaces as a backup. So the state before the last change is
the newest backup, and it is that state when its number is one less than the
journal's: a backup a restore or an upgrade made, or a journal changed by hand, does
not count as the last change. An undo writes the backup back through ``restore`` (under
the lock, keeping the current file as a backup) and leaves a note (``undo``) naming the
backup it put back: a second undo goes on from there to the change before, and the
next ordinary change drops the note.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from filmlog.models import clean_line, count

if TYPE_CHECKING:
    from filmlog.doctor.backups import BackupInfo
    from filmlog.store import Store

CHANGE = "change"
UNDONE = "undo"
_TABLES = ("films", "watches", "discs", "watchlist", "lists")


def count_change(store: Store) -> None:
    """Number the change a transaction made (nothing when it changed nothing, or put a
    whole journal in place, whose own record stands)."""
    if not store.changed or store.replaced:
        return
    from filmlog.journal import DERIVED_MARK

    store.set_meta(DERIVED_MARK, 1)
    number = store.meta(CHANGE)
    store.set_meta(CHANGE, (number if isinstance(number, int) else 0) + 1)
    store.set_meta(UNDONE, None)


class UndoPlan(msgspec.Struct, frozen=True):
    """What an undo would put back, and what it would take away."""

    backup: BackupInfo
    change: int
    summary: tuple[str, ...]


def plan_undo(journal: Path) -> UndoPlan:
    """The backup an undo puts back now; FilmlogError when there is none to trust."""
    from filmlog import store
    from filmlog.doctor.backups import describe_backups, load_backup
    from filmlog.errors import FilmlogError, NotFound

    raw = store.read_bytes(journal)
    if raw is None:
        raise NotFound(f"journal {journal} does not exist yet", "nothing to undo")
    current = store.parse(raw, journal, for_write=False)
    record = current[store.META]["1"]
    number = _number(record)
    undone = record.get(UNDONE)
    after = undone.get("backup") if isinstance(undone, Mapping) else None
    backups = describe_backups(journal)
    if after is not None:
        names = [b.name for b in backups]
        backups = backups[names.index(after) + 1 :] if after in names else []
    else:
        backups = backups[:1]
    for backup in backups:
        if not backup.loads:
            continue
        data = load_backup(backup.path.read_bytes())
        if _number(data[store.META]["1"]) == number - 1 and number > 0:
            return UndoPlan(backup, number, summarise(current, data))
        break
    if number == 1 and not describe_backups(journal):
        raise FilmlogError(
            "nothing to undo: the last change created the journal, and there is no "
            "journal before it to go back to",
            "'filmlog rm' deletes a viewing; delete the file to start again",
        )
    raise FilmlogError(
        "nothing to undo: the journal's last change is not one filmlog can take back",
        "undo goes back through the changes filmlog made, back to the last restore, "
        "upgrade or change made by another program; 'filmlog restore' puts back any backup",
    )


def _number(record: Mapping[str, Any]) -> int:
    value = record.get(CHANGE)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def summarise(now: Mapping[str, Any], then: Mapping[str, Any]) -> tuple[str, ...]:
    """What going from ``now`` back to ``then`` does, table by table, in a few words."""
    films = {**_keyed(then.get("films") or {}, "films"), **_keyed(now.get("films") or {}, "films")}
    out = []
    for table in _TABLES:
        mine = _keyed(now.get(table) or {}, table)
        theirs = _keyed(then.get(table) or {}, table)
        gone = [k for k in mine if k not in theirs]
        back = [k for k in theirs if k not in mine]
        changed = [k for k in mine if k in theirs and mine[k] != theirs[k]]
        name = {"watches": "viewing", "watchlist": "watchlist"}.get(table, table.rstrip("s"))
        for verb, keys in (("remove", gone), ("bring back", back), ("change back", changed)):
            if keys:
                shown = ", ".join(_label(table, k, films) for k in keys[:3])
                more = f" and {len(keys) - 3} more" if len(keys) > 3 else ""
                out.append(f"{verb} {_plural(len(keys), name)}: {shown}{more}")
    return tuple(out) or ("change nothing in films, viewings, discs or the watchlist",)


def _keyed(docs: Mapping[str, Any], table: str) -> dict[str, Any]:
    key = "film" if table == "watchlist" else "id"
    return {str(d.get(key)): d for d in docs.values() if isinstance(d, Mapping)}


def _label(table: str, key: str, films: Mapping[str, Any]) -> str:
    """A viewing or disc by its number, a film (or its watchlist entry) by title and
    year, as the other commands name them; a list by its id."""
    if table in ("watches", "discs"):
        return f"#{key}"
    film = films.get(key) if table in ("films", "watchlist") else None
    if not isinstance(film, Mapping) or not isinstance(film.get("title"), str):
        return key
    year = film.get("year")
    title = clean_line(film["title"])
    return f"{title} ({year})" if isinstance(year, int) else title


def _plural(n: int, name: str) -> str:
    if name == "watchlist":
        return count(n, "watchlist entry", "watchlist entries")
    return count(n, name)


def undo(journal: Path, plan: UndoPlan, on_wait: Callable[[], None] | None = None) -> None:
    """Put ``plan``'s backup back, if under the lock it is still the one to put back."""
    from filmlog.doctor.backups import restore
    from filmlog.errors import FilmlogError

    def still(backup: BackupInfo) -> None:
        now = plan_undo(journal)
        if now.backup.path != backup.path or now.change != plan.change:
            raise FilmlogError(
                "the journal changed while undo waited; nothing was undone",
                "run 'filmlog undo' again",
            )

    restore(
        journal, plan.backup, on_wait, recheck=still, meta={UNDONE: {"backup": plan.backup.name}}
    )
