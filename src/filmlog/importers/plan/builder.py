"""Building the plan: matching imported films to the journal's, and what each row adds.

A source module records what the journal should gain in a :class:`Builder`, which checks
it against a snapshot of the journal (films, viewings, the watchlist, lists, and what
earlier imports set) and hands back the finished :class:`~filmlog.importers.plan.changes.Plan`.
By concern: ``films.py`` holds the snapshot and the films (matched, made, filled),
``entries.py`` the viewings, watchlist entries and lists; this module finishes the plan.
"""

from __future__ import annotations

from filmlog.importers.plan.changes import Plan
from filmlog.importers.plan.entries import _Entries
from filmlog.importers.plan.films import Ambiguous, Progress
from filmlog.importers.plan.records import write_records

__all__ = ["Ambiguous", "Builder", "Progress"]


class Builder(_Entries):
    """Collects one import's changes against a snapshot of the journal."""

    def finish(self) -> Plan:
        """The plan: new and changed films, viewings in date order, watchlist entries."""
        plan = self.plan
        files = {name: rank for rank, name in enumerate(plan.files)}
        plan.problems.sort(key=lambda p: (files.get(p.file, len(files)), p.line or 0))
        plan.new_films = [self.current[i] for i in self._created]
        plan.changed_films = [
            self.current[i] for i in self.original if self.current[i] != self.original[i]
        ]
        plan.film_changes = {f.id: self._film_changes[f.id] for f in plan.changed_films}
        touched = len(self._claims) - len(self._created)
        plan.unchanged["films"] = max(0, touched - len(plan.changed_films))
        plan.new_watches = [w for _, w in sorted(self._new_watches, key=lambda p: p[0])]
        self._mark_later_rewatches(plan.new_watches)
        plan.changed_watches = list(self._changed_watches.values())
        plan.watch_changes = {w.id: self._watch_changes[w.id] for w in plan.changed_watches}
        plan.watchlist_added = list(self._watchlist_added.values())
        gone = {w.id for w in plan.removed_watches}
        plan.changed_watches = [w for w in plan.changed_watches if w.id not in gone]
        if self._records != self._records_before:
            plan.records = write_records(self._records)
        return plan
