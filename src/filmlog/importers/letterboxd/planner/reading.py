"""The plan of a Letterboxd import: what each file adds to, changes in or removes from
the journal."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Hashable
from pathlib import Path

from filmlog.errors import InvalidInput
from filmlog.html_markdown import html_to_markdown
from filmlog.importers.letterboxd.export_files import (
    COLUMNS,
    DELETED_DIARY,
    DELETED_LISTS,
    DELETED_REVIEWS,
    DIARY,
    FAVOURITES,
    FAVOURITES_SOURCE,
    FILES,
    HINT,
    LIKES,
    LINKS,
    LIST_ENTRY,
    LIST_EXPORT,
    LIST_HEAD,
    LISTS,
    MORE_FILES,
    ORPHANED,
    PROFILE,
    RATINGS,
    REVIEWS,
    WATCHED,
    WATCHLIST,
    read_export,
)
from filmlog.importers.letterboxd.own import (
    OWN_COLUMNS,
    as_export_rows,
    film_cells,
    own_kind,
    own_lists,
)
from filmlog.importers.letterboxd.rows import (
    EntryRow,
    FilmRow,
    common_cells,
    entry_row,
    entry_source,
    entry_watch,
    film_row,
    merged_entry,
    row_day,
    row_label,
    row_position,
    title_lookup_key,
)
from filmlog.importers.plan.builder import Ambiguous, Builder, Progress
from filmlog.importers.plan.changes import Plan
from filmlog.importers.plan.rows import (
    FileError,
    Problem,
    Row,
    RowError,
    decode,
    read_rows,
)
from filmlog.models import (
    FilmIds,
    FilmList,
    ListEntry,
    WatchlistItem,
    list_slug,
    stars,
)
from filmlog.store import Store

# --------------------------------------------------------------------------- the plan

FilmKey = Hashable


def plan_import(store: Store, path: Path, progress: Progress | None = None) -> Plan:
    """Read a Letterboxd export and plan its changes to the journal (nothing is written)."""
    export = read_export(path)
    return plan_files(store, export.files, export.where, progress, export.own)


def plan_files(
    store: Store,
    files: dict[str, bytes],
    path: str,
    progress: Progress | None = None,
    own: dict[str, bytes] | None = None,
) -> Plan:
    """Plan the changes that an export's files (by name) make to the journal; ``own``
    holds files in Letterboxd's import layout (what ``filmlog export`` writes)."""
    builder = Builder(store, "letterboxd", path, "letterboxd", progress)
    tables: dict[str, list[Row]] = {}
    own_rows: dict[str, dict[str, list[Row]]] = defaultdict(dict)
    for name, raw in (own or {}).items():
        try:
            text, _ = decode(name, raw, latin1_fallback=False)
        except FileError as exc:
            builder.plan.problems.append(exc.problem)
            continue
        _, rows, problems = read_rows(name, text, OWN_COLUMNS[own_kind(name)])
        builder.plan.problems.extend(problems)
        builder.plan.files[name] = len(rows)
        builder.expect(len(rows))
        own_rows[own_kind(name)][name] = rows
    for rows in own_rows["diary"].values():
        for table, row in as_export_rows(rows):
            tables.setdefault(table, []).append(row)
    for rows in own_rows["watchlist"].values():
        tables.setdefault(WATCHLIST, []).extend(
            Row(r.file, r.line, {**film_cells(r), "Date": r.get("Added")}) for r in rows
        )
    index = [r for rows in own_rows["index"].values() for r in rows]
    lists: dict[str, tuple[Row, list[Row]]] = own_lists(index, own_rows["list"])
    list_files = sorted(n for n in files if n.startswith((LISTS, DELETED_LISTS)))
    for name in (*FILES, *MORE_FILES, *list_files):
        if name not in files:
            continue
        try:
            text, _ = decode(name, files[name], latin1_fallback=False)
        except FileError as exc:
            builder.plan.problems.append(exc.problem)
            continue
        if name in list_files:
            head, rows, problems = read_list(name, text)
            if head is not None:
                lists[name] = (head, rows)
        else:
            _, rows, problems = read_rows(name, text, COLUMNS[name])
        builder.plan.problems.extend(problems)
        builder.plan.files[name] = len(rows)
        builder.expect(len(rows))
        tables.setdefault(name, []).extend(rows)
    if not tables and not lists and not builder.plan.problems:
        raise InvalidInput(f"{path} has no Letterboxd export files (diary.csv...)", HINT)
    _Planner(builder, tables, lists).run()
    return builder.finish()


def read_list(file: str, text: str) -> tuple[Row | None, list[Row], list[Problem]]:
    """A list file of Letterboxd's export: the line ``Letterboxd list export v7``, a
    table of one row (the list: Date, Name, Tags, URL, Description), a blank line, then
    a table of its films (Position, Name, Year, URL, Description). Returns the list's row
    and the film rows, each with the line it starts on."""
    lines = io.StringIO(text, newline="").readlines()
    if not lines or not LIST_EXPORT.match(lines[0].strip().lstrip("\ufeff")):
        found = lines[0].strip()[:40] if lines else "nothing"
        return None, [], [Problem(file, 1, f"not a Letterboxd list export (it starts {found!r})")]
    # The blank line between the two tables: the first empty record after the header,
    # found by the CSV reader (a description may hold blank lines inside its quotes).
    reader = csv.reader(io.StringIO("".join(lines[1:]), newline=""))
    split = len(lines)
    try:
        for record in reader:
            if not record or record == [""]:
                split = reader.line_num + 1  # the blank line's number in the file
                break
    except csv.Error as exc:
        return None, [], [Problem(file, reader.line_num + 1, f"cannot be read as CSV ({exc})")]
    _, heads, problems = read_rows(file, "".join(lines[1 : split - 1]), LIST_HEAD, first_line=2)
    _, rows, more = read_rows(file, "".join(lines[split:]), LIST_ENTRY, first_line=split + 1)
    problems += more
    if len(heads) != 1:
        if not problems:
            problems.append(Problem(file, 2, f"has {len(heads)} list rows where one is expected"))
        return None, [], problems
    return heads[0], rows, problems


class _Planner:
    def __init__(
        self,
        builder: Builder,
        tables: dict[str, list[Row]],
        lists: dict[str, tuple[Row, list[Row]]] | None = None,
    ) -> None:
        self.b = builder
        self.tables = tables
        self.lists = lists or {}
        self.film_rows: dict[str, list[FilmRow]] = {}
        self.entries: dict[str, list[EntryRow]] = {}
        # (name, year) -> keys of the distinct films of that name in the export, in order
        self.pairs: dict[tuple[str, int | None], list[FilmKey]] = defaultdict(list)
        self.years: dict[str, set[int | None]] = defaultdict(set)
        self.resolved: dict[FilmKey, str | None] = {}
        self.details: dict[str, int] = defaultdict(int)
        self.viewed: set[str] = set()
        self.deleted: set[str] = set()

    def run(self) -> None:
        self._parse()
        self._films()
        self._deletions()
        self._viewings(self._join_reviews())
        self._seen_only()
        self._lists()
        self._favourites()
        self.b.plan.details = {
            k: self.details[k]
            for k in (
                "viewings",
                "rewatches",
                "reviews_joined",
                "reviews_as_viewings",
                "reviews_undated",
                "ratings",
                "seen_without_viewing",
                "likes",
                "watchlist",
                "lists",
                "list_entries",
                "favourites",
                "orphaned",
                "deleted_removed",
                "deleted_kept",
                "deleted_not_imported",
                "lists_deleted",
                "links_left_out",
            )
        }

    # -- parsing -------------------------------------------------------------

    def _parse(self) -> None:
        for name in (WATCHED, RATINGS, LIKES, WATCHLIST):
            parsed = []
            for row in self.tables.get(name, ()):
                self.b.tick()
                try:
                    parsed.append(
                        film_row(row, with_rating=name == RATINGS, with_day=name == WATCHLIST)
                    )
                except RowError as exc:
                    self.b.problem(row, str(exc))
            self.film_rows[name] = parsed
            for item in parsed:
                key = self._key(item.name, item.year, item.uri)
                keys = self.pairs[(item.name, item.year)]
                if key not in keys:
                    keys.append(key)
                self.years[title_lookup_key(item.name)].add(item.year)
        for name in (DIARY, ORPHANED, REVIEWS, DELETED_DIARY, DELETED_REVIEWS):
            parsed_entries = []
            for row in self.tables.get(name, ()):
                self.b.tick()
                try:
                    parsed_entries.append(
                        entry_row(row, with_review=name in (REVIEWS, DELETED_REVIEWS))
                    )
                except RowError as exc:
                    self.b.problem(row, str(exc))
            self.entries[name] = parsed_entries
            if name in (DIARY, ORPHANED, REVIEWS):
                for entry in parsed_entries:
                    self.years[title_lookup_key(entry.name)].add(entry.year)
        # Orphaned diary rows are diary rows whose film Letterboxd no longer lists.
        self.details["orphaned"] = len(self.entries[ORPHANED])
        self.entries[DIARY] += self.entries.pop(ORPHANED)
        for name in LINKS:
            for _ in self.tables.get(name, ()):
                self.b.tick()
            self.details["links_left_out"] += len(self.tables.get(name, ()))

    @staticmethod
    def _key(name: str, year: int | None, uri: str | None) -> FilmKey:
        return ("uri", uri) if uri else ("name", name, year)

    # -- films ---------------------------------------------------------------

    def _film_id(self, key: FilmKey, name: str, year: int | None, row: Row) -> str | None:
        if key in self.resolved:
            return self.resolved[key]
        uri = key[1] if isinstance(key, tuple) and key[0] == "uri" else None
        film_id: str | None
        try:
            film = self.b.find_film(
                uri, (name,), year, key, adopt_undated=len(self.years[title_lookup_key(name)]) == 1
            )
        except Ambiguous as exc:
            listed = ", ".join(f"{f.label} [{f.id}]" for f in exc.films)
            self.b.problem(
                row,
                f"{row_label(name, year)} matches {len(exc.films)} films in the journal "
                f"({listed}); nothing tells which one this is",
            )
            film_id = None
        else:
            if film is None:
                film = self.b.create_film(name, year, key, ids=FilmIds(letterboxd=uri))
            else:
                self.b.fill(film.id, row, year=year, ids=FilmIds(letterboxd=uri))
            film_id = film.id
        self.resolved[key] = film_id
        return film_id

    def _films(self) -> None:
        for item in self.film_rows.get(WATCHED, ()):
            film_id = self._film_for(item)
            if film_id:
                self.b.fill(film_id, item.row, seen=True)
        for item in self.film_rows.get(RATINGS, ()):
            film_id = self._film_for(item)
            if film_id:
                self.details["ratings"] += 1
                self.b.fill(film_id, item.row, seen=True, rating=item.rating)
        for item in self.film_rows.get(LIKES, ()):
            film_id = self._film_for(item)
            if film_id:
                self.details["likes"] += 1
                self.b.fill(film_id, item.row, liked=True)
        for item in self.film_rows.get(WATCHLIST, ()):
            film_id = self._film_for(item)
            if film_id and item.day is not None:
                self.details["watchlist"] += 1
                self.b.keep_on_watchlist(film_id)
                self.b.add_to_watchlist(WatchlistItem(film=film_id, added=item.day))

    def _film_for(self, item: FilmRow) -> str | None:
        return self._film_id(
            self._key(item.name, item.year, item.uri), item.name, item.year, item.row
        )

    def _entry_key(self, entry: EntryRow, position: dict[tuple[str, int | None], int]) -> FilmKey:
        """The film a diary or review row names by title and year only.

        When the export holds several films of that title and year (Letterboxd tells
        them apart, its diary does not), rows are matched to them in file order.
        """
        pair = (entry.name, entry.year)
        keys = self.pairs.get(pair) or [self._key(entry.name, entry.year, None)]
        index = position.get(pair, 0)
        position[pair] = index + 1
        if len(keys) > 1 and index == 0:
            self.b.plan.notes.append(
                f"{entry.row.file}:{entry.row.line}: the export has {len(keys)} films called "
                f"{row_label(entry.name, entry.year)}; their rows were matched to them in file "
                "order"
            )
        return keys[min(index, len(keys) - 1)]

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

    # -- lists ---------------------------------------------------------------

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
