"""Reading a Letterboxd export: the zip or its folder, the files it holds, their names."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import msgspec

from filmlog.errors import FilmlogError, InvalidInput
from filmlog.files import MIB, is_folder, read_limited, read_member

DIARY = "diary.csv"
REVIEWS = "reviews.csv"
RATINGS = "ratings.csv"
WATCHED = "watched.csv"
WATCHLIST = "watchlist.csv"
LIKES = "likes/films.csv"
FILES = (DIARY, REVIEWS, RATINGS, WATCHED, WATCHLIST, LIKES)
PROFILE = "profile.csv"
ORPHANED = "orphaned/diary.csv"
DELETED_DIARY = "deleted/diary.csv"
DELETED_REVIEWS = "deleted/reviews.csv"
LIKED_REVIEWS = "likes/reviews.csv"
LIKED_LISTS = "likes/lists.csv"
COMMENTS = "comments.csv"
LINKS = (LIKED_REVIEWS, LIKED_LISTS, COMMENTS)
LISTS = "lists/"
DELETED_LISTS = "deleted/lists/"
# Files of the export read after the main ones (and lists/*.csv, deleted/lists/*.csv).
MORE_FILES = (ORPHANED, DELETED_DIARY, DELETED_REVIEWS, PROFILE, *LINKS)
FILM_COLUMNS = ("Date", "Name", "Year", "Letterboxd URI")
COLUMNS = {
    DIARY: (*FILM_COLUMNS, "Rating", "Rewatch", "Tags", "Watched Date"),
    REVIEWS: (*FILM_COLUMNS, "Rating", "Rewatch", "Review", "Tags", "Watched Date"),
    RATINGS: (*FILM_COLUMNS, "Rating"),
    WATCHED: FILM_COLUMNS,
    WATCHLIST: FILM_COLUMNS,
    LIKES: FILM_COLUMNS,
    PROFILE: ("Favorite Films",),
    ORPHANED: (*FILM_COLUMNS, "Rating", "Rewatch", "Tags", "Watched Date"),
    DELETED_DIARY: (*FILM_COLUMNS, "Rating", "Rewatch", "Tags", "Watched Date"),
    DELETED_REVIEWS: (*FILM_COLUMNS, "Rating", "Rewatch", "Review", "Tags", "Watched Date"),
    LIKED_REVIEWS: ("Date",),
    LIKED_LISTS: ("Date",),
    COMMENTS: ("Date",),
}
LIST_HEAD = ("Date", "Name", "URL", "Description")
LIST_ENTRY = ("Position", "Name", "Year", "URL", "Description")
LIST_EXPORT = re.compile(r"^Letterboxd list export v\d+$")
FAVOURITES = "Favourites"
FAVOURITES_SOURCE = "letterboxd:profile:favourites"
# Files in the layout of Letterboxd's importer (see own.py).
OWN_FILES = ("diary-*.csv", "watchlist-*.csv", "list-*.csv", "lists.csv")
MAX_FILE_BYTES = 256 * MIB
WHAT = "a Letterboxd export file"
HINT = "give the zip Letterboxd sends (Settings > Data > Export) or its unpacked folder"


# --------------------------------------------------------------------------- reading


class Export(msgspec.Struct, frozen=True):
    """An export's known files by name, and where they were read (the folder, or the zip
    with the folder inside it: ``letterboxd.zip/letterboxd-me-2024-05-01-utc``)."""

    files: dict[str, bytes]
    where: str
    # Files in Letterboxd's import layout (Title, WatchedDate...), as filmlog exports them.
    own: dict[str, bytes] = msgspec.field(default_factory=dict)


def read_export(path: Path) -> Export:
    """The export's known files by name (``likes/films.csv`` keeps its folder)."""
    try:
        if is_folder(path, "the export", HINT):
            return _read_folder(path)
        if path.suffix.casefold() == ".csv":
            raw = read_limited(path, MAX_FILE_BYTES, WHAT)
            if b"Letterboxd URI" in raw.split(b"\n", 1)[0]:
                # One file of Letterboxd's own export (filmlog's import layout has no
                # such column): alone it would lose what the other files add to it.
                raise InvalidInput(
                    f"{path} is one file of a Letterboxd export; import the whole export, "
                    "whose other files hold the reviews, ratings and films that go with it",
                    HINT,
                )
            return Export({}, str(path), {path.name: raw})
        with zipfile.ZipFile(path) as archive:
            return _read_zip(path, archive)
    except zipfile.BadZipFile:
        raise InvalidInput(_not_a_zip(path), HINT) from None
    except OSError as exc:
        where = f"{exc.filename}" if exc.filename else f"{path}"
        raise FilmlogError(f"cannot read {where}: {exc.strerror or exc}") from None


def _not_a_zip(path: Path) -> str:
    """What is wrong with a file that zipfile cannot open: a zip cut short or damaged
    (it starts as one), or something else."""
    try:
        with path.open("rb") as file:
            starts_as_zip = file.read(4) == b"PK\x03\x04"
    except OSError:
        starts_as_zip = False
    if starts_as_zip:
        return f"{path} is a damaged or incomplete zip file (download the export again)"
    return f"{path} is neither a folder nor a zip file"


def _ignored(name: str) -> bool:
    """What a file manager or an archiver leaves beside an export (``.DS_Store``...)."""
    return name.startswith(".") or name == "__MACOSX"


def _holds_export(folder: Path) -> bool:
    try:
        return any((folder / name).exists() for name in FILES)
    except OSError:  # a folder we may not look into holds nothing we can read
        return False


def _read_folder(path: Path) -> Export:
    root = path
    own = sorted(f for pattern in OWN_FILES for f in path.glob(pattern))
    if own and not _holds_export(path):
        return Export({}, str(path), {f.name: read_limited(f, MAX_FILE_BYTES, WHAT) for f in own})
    if not _holds_export(path):
        entries = sorted(e for e in path.iterdir() if not _ignored(e.name))
        if len(entries) == 1 and entries[0].is_dir() and _holds_export(entries[0]):
            root = entries[0]  # the folder a zip unpacks to, unpacked into a folder of its own
        else:
            raise InvalidInput(
                f"{path} has no Letterboxd export files (diary.csv...)",
                _exports_inside(entries),
            )
    found = {}
    for name in (*FILES, *MORE_FILES):
        file = root / name
        if file.exists():
            found[name] = read_limited(file, MAX_FILE_BYTES, WHAT)
    for folder in (LISTS, DELETED_LISTS):
        if (root / folder).is_dir():
            for file in sorted((root / folder).glob("*.csv")):
                if not _ignored(file.name):
                    found[folder + file.name] = read_limited(file, MAX_FILE_BYTES, WHAT)
    return Export(found, str(root))


def _exports_inside(entries: list[Path]) -> str:
    """A hint naming the folders inside that hold an export (they are never guessed at)."""
    inner = [e for e in entries if e.is_dir() and _holds_export(e)]
    if len(inner) == 1:
        return f"{inner[0]} holds one: give that folder"
    if inner:
        listed = ", ".join(str(e) for e in inner[:3]) + (", ..." if len(inner) > 3 else "")
        return f"these folders hold exports: {listed}; import one at a time"
    return HINT


def _read_zip(path: Path, archive: zipfile.ZipFile) -> Export:
    members = {
        info.filename: info
        for info in archive.infolist()
        if not info.is_dir() and not _ignored(info.filename.split("/", 1)[0])
    }
    prefix = ""
    if not any(name in members for name in FILES):
        tops = {member.split("/", 1)[0] for member in members}
        folder = tops.pop() if len(tops) == 1 else None
        if (
            folder is None
            or folder in members
            or not any(f"{folder}/{name}" in members for name in FILES)
        ):
            raise InvalidInput(f"{path} has no Letterboxd export files (diary.csv...)", HINT)
        prefix = folder + "/"
    found = {}
    lists = sorted(
        m[len(prefix) :]
        for m in members
        for folder in (LISTS, DELETED_LISTS)
        if m.startswith(prefix + folder)
        and m.casefold().endswith(".csv")
        and "/" not in m[len(prefix + folder) :]
        and not _ignored(m.rsplit("/", 1)[-1])
    )
    for name in (*FILES, *MORE_FILES, *lists):
        info = members.get(prefix + name)
        if info is None:
            continue
        found[name] = read_member(archive, info, MAX_FILE_BYTES, str(path))
    return Export(found, f"{path}/{prefix.rstrip('/')}" if prefix else str(path))
