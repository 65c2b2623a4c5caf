"""Reading a Letterboxd export's files into rows, and running the planner's steps over
them in order."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

from filmlog.errors import InvalidInput
from filmlog.importers.letterboxd.export_files import (
    COLUMNS,
    DELETED_LISTS,
    FILES,
    HINT,
    LIST_ENTRY,
    LIST_EXPORT,
    LIST_HEAD,
    LISTS,
    MORE_FILES,
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
from filmlog.importers.letterboxd.planner.lists import _Lists
from filmlog.importers.letterboxd.planner.viewings import _Viewings
from filmlog.importers.plan.builder import Builder, Progress
from filmlog.importers.plan.changes import Plan
from filmlog.importers.plan.rows import (
    Problem,
    Row,
    decode,
    read_rows,
)
from filmlog.store import Store


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
        text, _ = decode(raw, latin1_fallback=False)
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
        text, _ = decode(files[name], latin1_fallback=False)
        if name in list_files:
            head, rows, problems = read_list(name, text)
            if head is not None:
                lists[name] = (head, rows)
        else:
            header, rows, problems = read_rows(name, text, COLUMNS[name])
            if "Const" in header and problems and problems[0].whole_file:
                raise InvalidInput(
                    f"{path} looks like an IMDb export ({name} has IMDb's columns)",
                    f"import it with: filmlog import imdb {path}/{name}",
                )
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


class _Planner(_Viewings, _Lists):
    """The steps of the plan, in the order they must run, and the counts they leave.
    Each step is a method of the concern it belongs to (films.py, viewings.py, lists.py),
    all on one shared state."""

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
