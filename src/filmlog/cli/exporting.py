"""``filmlog export`` and ``filmlog import json``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from filmlog import export as formats
from filmlog.cli import asking, common, complete
from filmlog.cli.common import year_or_none
from filmlog.errors import FilmlogError, InvalidInput
from filmlog.files import MIB, is_folder, read_limited, read_stream
from filmlog.models import count

if TYPE_CHECKING:
    from filmlog.export import Exporter, Format, Library
    from filmlog.importers.json_backup import Contents
    from filmlog.models import Film
    from filmlog.store import Store

FORMAT_NAMES = tuple(formats.names())
FORMAT_HELP = "; ".join(f"{f.name}: {f.summary}" for f in formats.FORMATS.values())


def _check_format(value: str) -> str:
    name = value.strip().casefold()
    if name not in FORMAT_NAMES:
        raise typer.BadParameter(f"{value!r} is not a format; use one of {', '.join(FORMAT_NAMES)}")
    return name


def _complete_format(incomplete: str) -> list[str]:
    return [name for name in FORMAT_NAMES if name.startswith(incomplete.casefold())]


def export(
    ctx: typer.Context,
    title: Annotated[
        str | None,
        typer.Argument(
            metavar="[TITLE]",
            help="Export only this film ('Heat (1995)' also works); all if omitted.",
            autocompletion=complete.titles,
        ),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Release year, to tell remakes apart.")
    ] = None,
    format_: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=FORMAT_HELP + ".",
            callback=_check_format,
            autocompletion=_complete_format,
        ),
    ] = "markdown",
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            "-o",
            help="A file, or a folder (existing, or a path ending in /); stdout if omitted or -.",
        ),
    ] = None,
) -> None:
    """Export the journal: Markdown pages, a JSON backup, a CSV diary, or a Letterboxd file.

    Markdown gives one page per film (YAML front matter for Obsidian, Hugo and Jekyll,
    then facts, cast, viewings with reviews, and disc notes). With a folder, every film
    gets its own file (named after its id, e.g. heat-1995.md) plus an index.md. Without
    --out, one film's page, or the whole journal as one document, goes to stdout.
    JSON is the whole journal, which 'filmlog import json' restores. Letterboxd files are
    split under 1 MB: a folder gets diary-1.csv, diary-2.csv, ..., watchlist-1.csv, a
    list-<id>-1.csv per list and lists.csv naming them; stdout or a single file gets the
    diary, and is refused when it needs more than one file. The journal is never changed.

    Examples:

        filmlog export "Leaving Las Vegas" > leaving-las-vegas.md

        filmlog export --out notes/films/

        filmlog export --format json --out backup.json

        filmlog export --format letterboxd --out letterboxd/

        filmlog export --format csv > diary.csv
    """
    from filmlog.export import FORMATS, Library

    fmt = FORMATS[format_]
    store, film = _store_and_film(ctx, fmt, title, year)
    library = Library(store, film)
    exporter = fmt.load()
    # What a format cannot hold (Letterboxd: TV series, games), said after writing.
    left_out = getattr(exporter, "left_out", None)
    notes: list[str] = left_out(library) if left_out is not None else []
    _deliver(exporter, library, None if out == "-" else out, fmt, common.state(ctx).journal)
    for line in notes:
        common.note(f"note: {line}")


def _store_and_film(
    ctx: typer.Context, fmt: Format, title: str | None, year: int | None
) -> tuple[Store, Film | None]:
    """The journal, and the one film to export when a title is given (and the format
    can hold one film)."""
    from filmlog import journal

    if year is not None and title is None:
        raise InvalidInput("--year picks between films of one title", "give the TITLE too")
    if title is not None and not fmt.one_film:
        raise InvalidInput(
            f"the {fmt.name} export is always the whole journal",
            "leave out the title, or use 'filmlog show TITLE --json' for one film",
        )
    store = common.open_store(ctx)
    if title is None:
        return store, None
    return store, journal.resolve_title(store, title, year_or_none(year), asking.chooser())


def _deliver(
    exporter: Exporter, library: Library, out: str | None, fmt: Format, journal_file: Path
) -> None:
    """Write the export to stdout, to a file, or (a folder, or ``DIR/``) as files."""
    if out is None:
        data = exporter.document(library)
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = Path(out).expanduser()
    if out.endswith(("/", os.sep)) or target.is_dir():
        _refuse_journal_paths(journal_file, target / "index.md")
        _write_folder(target, exporter, library, fmt.leftovers, journal_file)
    else:
        _write(target, exporter.document(library), journal_file)
        common.note(f"Wrote {target}")


def _write_folder(
    folder: Path, exporter: Exporter, library: Library, leftovers: str | None, journal: Path
) -> None:
    files = exporter.folder(library)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FilmlogError(f"cannot make folder {folder}: {exc.strerror or exc}") from None
    if len(files) == 1:
        _write(folder / files[0][0], files[0][1], journal)
    else:
        from concurrent.futures import ThreadPoolExecutor

        # Each file is written atomically (temp file, fsync, rename, fsync of the folder);
        # fsyncs issued together are flushed in far fewer rounds, about 7x faster here.
        with ThreadPoolExecutor(max_workers=8) as pool:
            for _ in pool.map(lambda item: _write(folder / item[0], item[1], journal), files):
                pass
    written = {name for name, _ in files}
    common.note(f"Wrote {len(files)} {'file' if len(files) == 1 else 'files'} to {folder}")
    if leftovers:
        import re

        stale = sorted(
            p.name
            for p in folder.iterdir()
            if re.match(leftovers, p.name) and p.name not in written
        )
        if stale:
            common.note(
                f"note: {', '.join(stale)} in {folder} {'is' if len(stale) == 1 else 'are'} "
                "from an earlier export; delete before importing"
            )


def _write(target: Path, data: bytes, journal: Path) -> None:
    from filmlog.store import atomic_write

    _refuse_journal_paths(journal, target)
    try:
        atomic_write(target, data, follow_link=False)
    except OSError as exc:
        raise FilmlogError(f"could not write {target}: {exc.strerror or exc}") from None


def _refuse_journal_paths(journal: Path, target: Path) -> None:
    """Refuse to write over the journal, its lock or its backups by any other name.

    An export replaces a symlink at its target name rather than follow it, so the file
    it writes is the target's name in its folder with every symlink of the folder path
    followed; that is compared with where the journal's files really are.
    """
    from filmlog import paths

    def real(path: Path) -> Path:
        return Path(os.path.realpath(path))

    written = real(target.parent) / target.name
    files = {
        real(journal),
        real(journal.parent) / journal.name,
        paths.lock_path(real(journal)),
        paths.lock_path(real(journal.parent) / journal.name),
    }
    backups = real(paths.backup_dir(journal))
    if written in files or written == backups or backups in written.parents:
        raise InvalidInput(
            f"{target} is the journal's own file or folder", "export to another path"
        )


# --------------------------------------------------------------------------- import json


def import_json(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="A 'filmlog export --format json' file; - reads stdin."
        ),
    ],
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Replace a journal that is not empty (the current one is kept as a backup).",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Check the file and say what it holds; write nothing."),
    ] = False,
    json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Restore a JSON export into an empty journal (or replace one with --replace).

    Every document in the file is checked before anything is written. Exporting again
    afterwards gives an identical file.

    Examples:

        filmlog import json backup.json

        filmlog --db ~/films/new.json import json backup.json

        filmlog import json backup.json --replace
    """
    from filmlog import store as storage
    from filmlog.importers import json_backup

    backup = json_backup.read(_read_bytes(file), file)
    replaced = None
    if not dry_run:
        with common.transaction(ctx) as store:
            replaced = json_backup.restore(store, backup, replace=replace)
    kept = storage.newest_backup(common.state(ctx).journal) if replaced else None
    _say_restored(file, backup.contents, replaced, kept, json)


def _say_restored(
    file: str, contents: Contents, replaced: bool | None, kept: Path | None, json: bool
) -> None:
    """What ``import json`` did: restored (``replaced`` a journal or not) or, with
    ``replaced`` None, only checked; where the replaced journal is kept."""
    if json:
        common.print_json(
            {
                "file": file,
                "films": contents.films,
                "watches": contents.watches,
                "discs": contents.discs,
                "watchlist": contents.watchlist,
                "lists": contents.lists,
                "dangling": list(contents.dangling),
                "dry_run": replaced is None,
                "written": replaced is not None,
                "backup": str(kept) if kept else None,
            }
        )
        return
    counts = (
        f"{count(contents.films, 'film')}, {count(contents.watches, 'viewing')}, "
        f"{count(contents.discs, 'disc')}, "
        f"{count(contents.watchlist, 'watchlist entry', 'watchlist entries')} and "
        f"{count(contents.lists, 'list')}"
    )
    if replaced is None:
        sys.stdout.write(f"{file} holds {counts}; nothing was written (dry run).\n")
    else:
        sys.stdout.write(f"Restored {counts} from {file}.\n")
    if kept is not None:
        common.note(f"The journal it replaced is kept as {kept}")
    if contents.dangling:
        common.note(
            f"note: {len(contents.dangling)} references to things the file does not hold "
            f"were kept as they are, e.g. {contents.dangling[0]}"
        )


# A backup of a journal of 100,000 viewings with long reviews is a few hundred MiB.
MAX_BACKUP_BYTES = 2048 * MIB


def _read_bytes(file: str) -> bytes:
    what = "a JSON backup"
    if file == "-":
        return read_stream(sys.stdin.buffer, MAX_BACKUP_BYTES, "stdin", what)
    path = Path(file).expanduser()
    if is_folder(path, what):
        raise InvalidInput(f"{file} is a folder", "give the .json file an export wrote")
    return read_limited(path, MAX_BACKUP_BYTES, what)


def register(app: typer.Typer) -> None:
    """Add ``export`` to the app and ``json`` to the import group."""
    from filmlog.cli.importing import import_app

    app.command()(export)
    import_app.command("json")(import_json)
