"""The planner's steps for lists: each list file of the export, and the profile's
favourite films."""

from __future__ import annotations

from filmlog.html_markdown import html_to_markdown
from filmlog.importers.letterboxd.export_files import (
    DELETED_LISTS,
    FAVOURITES,
    FAVOURITES_SOURCE,
    PROFILE,
)
from filmlog.importers.letterboxd.planner.films import _Films
from filmlog.importers.letterboxd.rows import common_cells, row_day, row_label, row_position
from filmlog.importers.plan.rows import Row, RowError
from filmlog.models import FilmList, ListEntry, list_slug


class _Lists(_Films):
    """The export's lists, and the profile's favourites: those are found only among the
    films the other steps resolved, so they are planned last."""

    def _lists(self) -> None:
        for name, (head, rows) in self.lists.items():
            if name.startswith(DELETED_LISTS):
                continue
            film_list = self._list_of(head, rows)
            if film_list is not None:
                self.details["lists"] += 1
                self.details["list_entries"] += len(film_list.entries)
                self.b.add_list(film_list, head)

    def _list_of(self, head: Row, rows: list[Row]) -> FilmList | None:
        """The list a list file describes; None when a row of it is bad."""
        entries: list[ListEntry] = []
        bad = False
        for row in sorted(rows, key=row_position):
            self.b.tick()
            try:
                name, year, uri = common_cells(row, uri_column="URL")
                row_position(row, strict=True)
            except RowError as exc:
                self.b.problem(row, str(exc))
                bad = True
                continue
            film_id = self._film_id(self._key(name, year, uri), name, year, row)
            if film_id is None:
                bad = True
            elif any(e.film == film_id for e in entries):
                self.b.skip(row, f"{row_label(name, year)} is on the list twice", "repeated entry")
            else:
                note = html_to_markdown(row.raw("Description")) or None
                entries.append(ListEntry(film_id, len(entries) + 1, note))
        name = head.get("Name")
        if not name or bad:
            if not name:
                self.b.problem(head, "no list name")
            return None
        try:
            created = row_day(head, "Date", required=False)
        except RowError as exc:
            self.b.problem(head, str(exc))
            return None
        url = head.get("URL")
        return FilmList(
            id=list_slug(name),
            name=name,
            description=html_to_markdown(head.raw("Description")) or None,
            # Letterboxd's export does not say whether a list is ranked (it numbers every
            # list); filmlog's own export does.
            ranked=head.get("Ranked").casefold() in ("yes", "true"),
            entries=tuple(entries),
            created=created,
            source="letterboxd:" + (url or f"list {name}"),
        )

    def _favourites(self) -> None:
        """The four favourite films of the profile, a ranked list: found by their URI
        among the export's films (watched, liked, listed)."""
        for row in self.tables.get(PROFILE, ()):
            self.b.tick()
            uris = [u.strip() for u in row.get("Favorite Films").split(",") if u.strip()]
            if not uris:
                continue
            entries: list[ListEntry] = []
            for uri in uris:
                film_id = self.resolved.get(self._key("", None, uri))
                if film_id is None:
                    self.b.skip(
                        row,
                        f"favourite film {uri} is not among the export's films",
                        "unknown favourite",
                    )
                elif film_id not in (e.film for e in entries):
                    entries.append(ListEntry(film_id, len(entries) + 1))
            self.details["favourites"] += len(entries)
            self.b.add_list(
                FilmList(
                    id=list_slug(FAVOURITES),
                    name=FAVOURITES,
                    description="Your favourite films on your Letterboxd profile.",
                    ranked=True,
                    entries=tuple(entries),
                    source=FAVOURITES_SOURCE,
                ),
                row,
            )
