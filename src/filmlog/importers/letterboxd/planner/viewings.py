"""The planner's steps for viewings: rows deleted on Letterboxd, reviews joined to their
diary rows, and a viewing planned for each entry."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from filmlog.importers.letterboxd.export_files import (
    DELETED_DIARY,
    DELETED_LISTS,
    DELETED_REVIEWS,
    DIARY,
    REVIEWS,
    WATCHED,
)
from filmlog.importers.letterboxd.planner.films import _Films
from filmlog.importers.letterboxd.rows import (
    EntryRow,
    entry_source,
    entry_watch,
    merged_entry,
)
from filmlog.models import stars


class _Viewings(_Films):
    """Deletions first (a row deleted on Letterboxd is never brought back), then the
    diary and reviews as viewings, then the films seen without one."""

    # -- deletions -----------------------------------------------------------

    def _deletions(self) -> None:
        """Rows the member deleted on Letterboxd: the viewings an earlier import brought
        are removed, unless changed in filmlog since; none is ever brought back."""
        diary = self.entries.get(DELETED_DIARY, [])
        by_uri = {e.uri: i for i, e in enumerate(diary) if e.uri}
        by_day = {(e.name, e.year, e.day): i for i, e in enumerate(diary) if e.day}
        alone = []
        for review in self.entries.get(DELETED_REVIEWS, []):
            index = by_uri.get(review.uri) if review.uri else None
            if index is None and review.day is not None:
                index = by_day.get((review.name, review.year, review.day))
            if index is None:
                alone.append(review)
            else:
                diary[index] = merged_entry(diary[index], review)
        for entry in diary + alone:
            source = entry_source(entry, 1)
            self.deleted.add(source)
            if self.b.remove_watch(entry_watch(entry, "", source), entry.row):
                self.details["deleted_removed"] += 1
            elif self.b.holds(source):
                self.details["deleted_kept"] += 1
            else:
                self.details["deleted_not_imported"] += 1
        for name, (head, _) in self.lists.items():
            if name.startswith(DELETED_LISTS):
                self.b.remove_list(
                    "letterboxd:" + (head.get("URL") or f"list {head.get('Name')}"), head
                )
                self.details["lists_deleted"] += 1

    # -- reviews and viewings ------------------------------------------------

    def _join_reviews(self) -> list[EntryRow]:
        """Diary rows with their reviews joined, then the reviews without a diary row."""
        diary = list(self.entries.get(DIARY, ()))
        by_uri = {e.uri: i for i, e in enumerate(diary) if e.uri}
        by_day: dict[tuple[str, int | None, dt.date | None], list[int]] = defaultdict(list)
        for i, e in enumerate(diary):
            by_day[(e.name, e.year, e.day)].append(i)
        reviews: dict[int, EntryRow] = {}
        alone: list[EntryRow] = []
        for review in self.entries.get(REVIEWS, ()):
            if not review.review:
                self.b.skip(review.row, "an empty review", "empty review")
                continue
            index = by_uri.get(review.uri) if review.uri else None
            if index is None and review.day is not None:
                free = [
                    i
                    for i in by_day.get((review.name, review.year, review.day), ())
                    if i not in reviews
                ]
                index = free[0] if free else None
            if index is None:
                alone.append(review)
            elif index in reviews:
                self.b.skip(
                    review.row,
                    f"a second review of the diary entry on line {diary[index].row.line}; "
                    f"the one on line {reviews[index].row.line} was kept",
                    "second review",
                )
            else:
                reviews[index] = review
        joined: list[EntryRow] = []
        for i, entry in enumerate(diary):
            found = reviews.get(i)
            if found is not None:
                self.details["reviews_joined"] += 1
            joined.append(entry if found is None else merged_entry(entry, found))
        return joined + alone

    def _viewings(self, entries: list[EntryRow]) -> None:
        """Plan a viewing for each entry; an undated review is a viewing without a day.

        A row already imported keeps the film its viewing is on in the journal (which
        may have been renamed or merged since), so a re-import never makes a new film.
        """
        repeats: dict[tuple[str, int | None, dt.date | None], int] = defaultdict(int)
        position: dict[tuple[str, int | None], int] = {}
        for order, entry in enumerate(entries):
            key = self._entry_key(entry, position)
            same = (entry.name, entry.year, entry.day)
            repeats[same] += 1
            source = entry_source(entry, repeats[same])
            if source in self.deleted:
                self.b.skip(entry.row, f"deleted on Letterboxd ({source})", "deleted on Letterboxd")
                continue
            film_id = self.b.film_of_viewing(source)
            if film_id is not None:
                self.resolved.setdefault(key, film_id)
            else:
                film_id = self._film_id(key, entry.name, entry.year, entry.row)
            if film_id is None:
                continue
            if entry.day is None:
                self.details["reviews_undated"] += 1
                self._without_old_note(entry, film_id)
            elif entry.row.file == REVIEWS:
                self.details["reviews_as_viewings"] += 1
            self.details["viewings"] += 1
            self.details["rewatches"] += entry.rewatch
            if entry.day is not None:
                self.viewed.add(film_id)
            self.b.fill(film_id, entry.row, seen=True)
            watch = entry_watch(entry, film_id, source)
            self.b.add_watch(watch, entry.row, (entry.day or dt.date.min, order))

    def _without_old_note(self, review: EntryRow, film_id: str) -> None:
        """Take out of the film's notes the copy of this undated review that filmlog put
        there before it kept undated reviews as entries of their own."""
        head = "Letterboxd review" + (f", {review.logged.isoformat()}" if review.logged else "")
        if review.rating is not None:
            head += f", {stars(review.rating)}"
        if review.tags:
            head += f", tags: {', '.join(review.tags)}"
        if review.uri:
            head += f" ({review.uri})"
        self.b.remove_note(film_id, f"{head}:\n\n{review.review}")

    def _seen_only(self) -> None:
        seen = {
            self.resolved.get(self._key(i.name, i.year, i.uri))
            for i in self.film_rows.get(WATCHED, ())
        }
        self.details["seen_without_viewing"] = len({f for f in seen if f} - self.viewed)
