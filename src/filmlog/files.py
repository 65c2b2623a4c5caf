"""Reading the files a user names (a review, an export), within a size limit.

A path can name something that never ends (``/dev/zero``), that waits for a writer (a
FIFO) or that is simply huge; none of them may hang a command or fill its memory. Only
regular files are read, and never more than the limit and one byte.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import IO, TYPE_CHECKING

from filmlog.errors import FilmlogError, InvalidInput

if TYPE_CHECKING:
    import zipfile

MIB = 1024 * 1024
CHUNK = 64 * 1024
# No real export member is compressed more than this (text deflates 5 to 20 times).
MAX_ZIP_RATIO = 200


def size_label(limit: int) -> str:
    """``1 MiB``, ``256 MiB``, ``512 KiB``."""
    return f"{limit // MIB} MiB" if limit % MIB == 0 else f"{limit // 1024} KiB"


def is_folder(path: Path, what: str, hint: str | None = None) -> bool:
    """Whether ``path`` is a folder (else it is a regular file); anything else, a path
    that does not exist or cannot be looked at is refused with a one-line error."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise FilmlogError(f"{path} does not exist", hint) from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if stat.S_ISDIR(mode):
        return True
    if not stat.S_ISREG(mode):
        raise InvalidInput(f"{path} is not a regular file", f"give {what} as a file")
    return False


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """The bytes of the regular file ``path``, refused (exit 2) when it is something else
    or holds more than ``limit`` bytes. ``what`` names the file in messages ("a review")."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise InvalidInput(f"{path} is not a regular file", f"give {what} as a file")
        # O_NONBLOCK: a FIFO put in its place since the check cannot make open() wait.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # none on Windows
    except OSError as exc:
        raise _unreadable(path, exc) from None
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InvalidInput(f"{path} is not a regular file", f"give {what} as a file")
        return read_stream(stream, limit, f"{path}", what)


def read_stream(stream: IO[bytes], limit: int, where: str, what: str) -> bytes:
    """At most ``limit`` bytes of ``stream``, read in chunks; refused when there are more."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise too_large(where, limit, what)


def too_large(where: str, limit: int, what: str) -> InvalidInput:
    return InvalidInput(
        f"{where} is larger than {size_label(limit)}, the most filmlog reads for {what}"
    )


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, where: str) -> bytes:
    """A zip member's bytes, within ``limit`` whatever its header claims; a member that
    claims more, or is compressed beyond any real export (a zip bomb), is refused."""
    import zipfile

    name = f"{where}/{info.filename}"
    if info.file_size > limit:
        raise too_large(name, limit, "a file in an export")
    if info.file_size > MIB and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
        raise InvalidInput(
            f"{name} is compressed {info.file_size // max(info.compress_size, 1)}"
            " times, more than any real export: it looks like a zip bomb"
        )
    if info.flag_bits & 0x1:
        raise InvalidInput(f"{name} is encrypted", "give an export as it was downloaded")
    try:
        with archive.open(info) as member:
            return read_stream(member, limit, name, "a file in an export")
    except NotImplementedError:
        raise InvalidInput(
            f"{name} uses a compression filmlog cannot read (method {info.compress_type})",
            "re-pack the export as a plain zip",
        ) from None
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise InvalidInput(f"{name} is damaged ({exc})") from None


def _unreadable(path: Path, exc: OSError) -> FilmlogError:
    if exc.errno == errno.ENAMETOOLONG:
        return InvalidInput("the path given is too long to be a file name")
    return FilmlogError(f"cannot read {path}: {exc.strerror or exc}")
