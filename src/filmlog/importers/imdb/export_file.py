"""Reading an IMDb export: one CSV file, or a zip holding one."""

from __future__ import annotations

import zipfile
from pathlib import Path

from filmlog.errors import FilmlogError, InvalidInput
from filmlog.files import MIB, is_folder, read_limited, read_member

HINT = "give the CSV from IMDb's 'Your ratings' or watchlist page (Export)"
MAX_FILE_BYTES = 256 * MIB


def read_export(path: Path) -> tuple[str, bytes, str]:
    """The CSV's name, its bytes, and where it was read (a zip holding one CSV is opened
    too: ``ratings.zip/ratings.csv``)."""
    if is_folder(path, "the IMDb export", HINT):
        raise InvalidInput(f"{path} is a folder; an IMDb export is one CSV file", HINT)
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                csvs = [
                    i
                    for i in archive.infolist()
                    if i.filename.lower().endswith(".csv")
                    and not i.filename.startswith("__MACOSX/")
                ]
                if len(csvs) != 1:
                    raise InvalidInput(f"{path} holds {len(csvs)} CSV files, not one", HINT)
                inner = csvs[0].filename
                data = read_member(archive, csvs[0], MAX_FILE_BYTES, str(path))
                return inner.rsplit("/", 1)[-1], data, f"{path}/{inner}"
        return path.name, read_limited(path, MAX_FILE_BYTES, "an IMDb export"), str(path)
    except FileNotFoundError:
        raise FilmlogError(f"{path} does not exist", HINT) from None
    except zipfile.BadZipFile:
        raise InvalidInput(f"{path} is a damaged zip file", HINT) from None
    except OSError as exc:
        raise FilmlogError(f"cannot read {path}: {exc.strerror or exc}") from None
