"""Files in the layout of Letterboxd's importer, as ``filmlog export --format letterboxd``
writes them: read back as an export."""

from __future__ import annotations

from collections.abc import Iterator

from filmlog.importers.letterboxd.export_files import DIARY, RATINGS, REVIEWS, WATCHED
from filmlog.importers.plan.rows import (
    Row,
)
from filmlog.models import (
    DNF_TAG,
    from_spreadsheet_cell,
)

# --------------------------------------------------------------------------- import layout

# Letterboxd's import layout, as ``filmlog export --format letterboxd`` writes it: the
# diary, the watchlist, each list, and the index naming each list file's list.
IMPORT_COLUMNS = ("Title", "Year", "Rating", "WatchedDate", "Rewatch", "Tags", "Review")
OWN_COLUMNS = {
    "watchlist": ("Title", "Year", "Added"),
    "list": ("Position", "Title", "Year"),
    "index": ("File", "Name"),
    "diary": IMPORT_COLUMNS,
}


def own_kind(name: str) -> str:
    """What a file of the import layout holds, by its name (any other CSV is a diary)."""
    if name == "lists.csv":
        return "index"
    if name.startswith("watchlist-"):
        return "watchlist"
    return "list" if name.startswith("list-") else "diary"


def film_cells(row: Row) -> dict[str, str]:
    return {
        "Date": "",
        "Name": from_spreadsheet_cell(row.get("Title")),
        "Year": row.get("Year"),
        "Letterboxd URI": row.get("LetterboxdURI"),
    }


def as_export_rows(rows: list[Row]) -> Iterator[tuple[str, Row]]:
    """Diary rows of the import layout as the rows of an account export that say the
    same: a dated row is a diary row (and a review row when it has a review), one with a
    review but no date a review without a day, any other a watched film (and a rating).
    Text cells lose the apostrophe the export put before what a spreadsheet would run as
    a formula. Diary rows carry no Letterboxd URI, which in this layout names the film
    (where an account export's names the diary entry): a watched row carries it. The tag
    ``dnf`` marks a viewing not finished."""
    for row in rows:
        film = film_cells(row)
        day = row.get("WatchedDate")
        if day or row.get("Review"):
            tags = [t.strip() for t in from_spreadsheet_cell(row.get("Tags")).split(",")]
            diary = {
                **film,
                "Letterboxd URI": "",
                "Rating": row.get("Rating"),
                "Rewatch": "Yes" if row.get("Rewatch").casefold() in ("true", "yes") else "",
                "Tags": ", ".join(t for t in tags if t and t != DNF_TAG),
                "Watched Date": day,
                "DNF": "Yes" if DNF_TAG in tags else "",
            }
            if film["Letterboxd URI"]:
                yield WATCHED, Row(row.file, row.line, film)
            if day:
                yield DIARY, Row(row.file, row.line, diary)
            if row.get("Review"):
                yield REVIEWS, Row(row.file, row.line, {**diary, "Review": row.raw("Review")})
            continue
        yield WATCHED, Row(row.file, row.line, film)
        if row.get("Rating"):
            yield RATINGS, Row(row.file, row.line, {**film, "Rating": row.get("Rating")})


def own_lists(index: list[Row], files: dict[str, list[Row]]) -> dict[str, tuple[Row, list[Row]]]:
    """The lists of the import layout, as the list files of an account export: the
    index row of each list (its files joined in order) and its film rows."""
    lists: dict[str, tuple[Row, list[Row]]] = {}
    for head in index:
        name = from_spreadsheet_cell(head.get("Name"))
        values = {
            "Date": head.get("Created"),
            "Name": name,
            "URL": "",
            "Description": head.raw("Description"),
            "Ranked": head.get("Ranked"),
        }
        rows = [
            Row(
                r.file,
                r.line,
                {
                    "Position": r.get("Position"),
                    "Name": from_spreadsheet_cell(r.get("Title")),
                    "Year": r.get("Year"),
                    "URL": r.get("LetterboxdURI"),
                    "Description": r.raw("Review"),
                },
            )
            for r in files.get(head.get("File"), ())
        ]
        if name in lists:
            lists[name][1].extend(rows)
        else:
            lists[name] = (Row(head.file, head.line, values), rows)
    return lists
