"""Reading IMDb's dataset files: finding them, checking their headers, streaming their lines.

The files are large (title.principals has close to a hundred million rows), so none is read
whole: :func:`blocks` yields a block of lines at a time, ungzipped on the fly, and the
modules that read them keep only what the journal needs of each block. A file that is
missing, of another format or damaged is a :class:`DatasetError`, raised before anything is
matched or filled.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Container, Iterator, Mapping
from pathlib import Path
from typing import Any

from filmlog.errors import InvalidInput

DOWNLOAD = "https://datasets.imdbws.com/"
HINT = f"download IMDb's dataset files from {DOWNLOAD}"

# Each file IMDb publishes and the exact header line it starts with.
HEADERS: dict[str, tuple[str, ...]] = {
    "title.basics": (
        "tconst",
        "titleType",
        "primaryTitle",
        "originalTitle",
        "isAdult",
        "startYear",
        "endYear",
        "runtimeMinutes",
        "genres",
    ),
    "title.akas": (
        "titleId",
        "ordering",
        "title",
        "region",
        "language",
        "types",
        "attributes",
        "isOriginalTitle",
    ),
    "title.ratings": ("tconst", "averageRating", "numVotes"),
    "title.crew": ("tconst", "directors", "writers"),
    "title.principals": ("tconst", "ordering", "nconst", "category", "job", "characters"),
    "name.basics": (
        "nconst",
        "primaryName",
        "birthYear",
        "deathYear",
        "primaryProfession",
        "knownForTitles",
    ),
}
NULL = b"\\N"
BLOCK = 1 << 22  # bytes read at a time

Progress = Callable[[str, int, int], None]
"""Called as ``progress(file name, bytes read, file size)`` while a file is read."""


class DatasetError(InvalidInput):
    """A dataset file is missing, of another format, or damaged."""


def locate(folder: Path) -> dict[str, Path]:
    """Each dataset file in ``folder`` (``NAME.tsv.gz`` or ``NAME.tsv``), its header checked.

    Raises DatasetError naming the first file that is missing or not what it should be,
    before anything is read.
    """
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a folder"
        raise DatasetError(f"{folder} {what}", HINT)
    found: dict[str, Path] = {}
    for name in HEADERS:
        candidates = (folder / f"{name}.tsv.gz", folder / f"{name}.tsv")
        for candidate in candidates:
            if candidate.is_file():
                found[name] = candidate
                break
        else:
            there = next((c for c in candidates if c.exists()), None)
            if there is not None:  # a folder, a FIFO or a device under the file's name
                raise DatasetError(f"{there} is not a file")
            raise DatasetError(f"{candidates[0]} is missing", HINT)
    for name, path in found.items():
        with _opened(path) as stream:
            _check_header(path, name, _read(path, stream, 64 * 1024).split(b"\n", 1)[0])
    return found


def _check_header(path: Path, name: str, line: bytes) -> None:
    expected = "\t".join(HEADERS[name])
    if line.rstrip(b"\r") != expected.encode():
        raise DatasetError(
            f"{path} is not IMDb's {name} file: its first line should be the columns "
            f"{' '.join(HEADERS[name])}",
            HINT,
        )


class _opened:
    """A dataset file opened for binary reads, ungzipped on the fly when it is gzipped."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.raw = path.open("rb")
        except OSError as exc:
            raise DatasetError(f"cannot read {path}: {exc.strerror or exc}") from None
        self.stream: Any = self.raw
        if self.raw.read(2) == b"\x1f\x8b":
            self.stream = gzip.GzipFile(fileobj=self.raw, mode="rb")
        self.raw.seek(0)

    def __enter__(self) -> Any:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        self.raw.close()


def _read(path: Path, stream: Any, size: int) -> bytes:
    try:
        data: bytes = stream.read(size)
    except EOFError:
        raise DatasetError(f"{path} is cut short (a truncated gzip file)", HINT) from None
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise DatasetError(f"{path} is a damaged gzip file ({exc})", HINT) from None
    except OSError as exc:
        raise DatasetError(f"cannot read {path}: {exc.strerror or exc}") from None
    return data


def blocks(path: Path, name: str, progress: Progress | None = None) -> Iterator[list[bytes]]:
    """The data lines of a dataset file (its header checked and skipped), a block at a time.

    Each line is bytes without its line break (a stray empty line is read as a row that
    matches nothing).
    """
    from filmlog.store.faults import step

    with _opened(path) as stream:
        total = path.stat().st_size
        rest = b""
        header = False
        crlf = False
        while data := _read(path, stream, BLOCK):
            step(f"dataset {name}")  # a no-op unless a test injects a fault here
            lines = (rest + data).split(b"\n")
            rest = lines.pop()
            if not header:
                if not lines:  # the header line is longer than a block so far
                    continue
                _check_header(path, name, lines[0])
                crlf = lines[0].endswith(b"\r")
                del lines[0]
                header = True
            yield [line.rstrip(b"\r") for line in lines] if crlf else lines
            if progress is not None:
                progress(name, _position(stream), total)
        if not header:
            _check_header(path, name, rest)
        elif rest.rstrip(b"\r"):
            yield [rest.rstrip(b"\r")]
        if progress is not None:
            progress(name, total, total)


def keyed_rows(
    files: Mapping[str, Path],
    name: str,
    wanted: Container[bytes],
    rows: dict[str, int],
    progress: Progress | None = None,
) -> Iterator[tuple[bytes, bytes]]:
    """The rows of one dataset file whose first column is in ``wanted``, as (that
    column, the rest of the line); ``rows[name]`` is then how many rows the file has."""
    read = 0
    for block in blocks(files[name], name, progress):
        read += len(block)
        for line in block:
            key, _, rest = line.partition(b"\t")
            if key in wanted:
                yield key, rest
    rows[name] = read


def _position(stream: Any) -> int:
    raw = getattr(stream, "fileobj", None) or stream
    try:
        return int(raw.tell())
    except (OSError, ValueError):  # pragma: no cover - a closed file
        return 0


# --------------------------------------------------------------------------- fields


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _int(raw: bytes) -> int | None:
    return int(raw) if raw != NULL and raw.isdigit() else None


def _list(raw: bytes) -> tuple[str, ...]:
    return () if raw in (NULL, b"") else tuple(_text(raw).split(","))
