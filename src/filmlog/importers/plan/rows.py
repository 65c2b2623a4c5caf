"""Reading an export's CSV files into rows, and what can be wrong with them.

A bad row becomes a :class:`Problem` naming its file and line, so the other rows can still
be checked; a file that cannot be read as a whole (no header the importer knows, not CSV)
is one Problem marked ``whole_file``, which ``--skip-bad`` never skips.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import Any

import msgspec

from filmlog.models import clean_line, without_terminal_codes

# --------------------------------------------------------------------------- problems


class Problem(msgspec.Struct, frozen=True):
    """A row that cannot be imported (or a row left out, with why), by file and line."""

    file: str
    line: int | None
    message: str
    kind: str = ""
    # The file could not be read from here on (a header it lacks, text that is not CSV):
    # every row after this line is left out, so no import goes ahead past it.
    whole_file: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "message": self.message}


class RowError(Exception):
    """A value in one row is not acceptable; the builder records it as a Problem."""


def checked_day(day: dt.date, column: str) -> dt.date:
    """A day read from a row, refused by the rules ``add`` keeps: not in the future,
    not before films existed."""
    from filmlog.errors import InvalidInput
    from filmlog.models import parse_date

    try:
        return parse_date(day.isoformat())
    except InvalidInput as exc:
        raise RowError(
            f"{column} {exc.message.removeprefix(repr(day.isoformat()) + ' ')}"
        ) from None


# --------------------------------------------------------------------------- CSV


class Row(msgspec.Struct, frozen=True):
    """One CSV record: its file, the line it starts on, and its values by column."""

    file: str
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        """The value on one line, without escape codes or outer blank space."""
        value = self.values.get(column) or ""
        return value.strip() if value.isprintable() else clean_line(value)

    def raw(self, column: str) -> str:
        """The value as written (line breaks too), without escape codes."""
        return without_terminal_codes(self.values.get(column) or "")


def decode(raw: bytes, *, latin1_fallback: bool) -> tuple[str, str]:
    """The text of a CSV file and the encoding used: UTF-8 (a BOM is dropped), else
    Latin-1 when ``latin1_fallback``. Otherwise bytes that are not UTF-8 stay in the text
    as escapes, and :func:`read_rows` reports each row holding one: a stray byte costs
    its row, not the file."""
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        if latin1_fallback:
            return raw.decode("latin-1"), "latin-1"
        return raw.decode("utf-8-sig", "surrogateescape"), "utf-8"


# A byte that is not UTF-8, as decode leaves it in the text.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def read_rows(
    file: str,
    text: str,
    required: Sequence[str],
    aliases: dict[str, str] | None = None,
    first_line: int = 1,
) -> tuple[list[str], list[Row], list[Problem]]:
    """Parse CSV text into rows keyed by header names, each with the line it starts on.

    ``aliases`` maps other spellings of a column (compared case-insensitively) to the
    name the importer uses. A missing required column is one problem for the whole file.
    ``first_line`` is the line of the file ``text`` starts on (a table inside a file).
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[Problem] = []
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [], [], [Problem(file, first_line, f"not a CSV file ({exc})", whole_file=True)]
    if header is None:
        return [], [], []
    names = [_column(h, aliases) for h in header]
    missing = [c for c in required if c not in names]
    if missing:
        found = ", ".join(repr(h.strip()) for h in header[:6]) or "nothing"
        message = f"no {missing[0]!r} column (the header has {found})"
        return names, [], [Problem(file, first_line, message, whole_file=True)]
    rows: list[Row] = []
    escaped = _ESCAPED_BYTE.search(text) is not None
    start = reader.line_num + first_line
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            message = f"cannot be read as CSV from here on ({exc})"
            problems.append(Problem(file, start, message, whole_file=True))
            break
        line, start = start, reader.line_num + first_line
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        if len(fields) != len(names):
            problems.append(
                Problem(file, line, f"has {len(fields)} fields where the header has {len(names)}")
            )
            continue
        if escaped and (byte := _ESCAPED_BYTE.search("".join(fields))):
            message = f"not UTF-8 text (byte 0x{ord(byte[0]) - 0xDC00:02x})"
            problems.append(Problem(file, line, message))
            continue
        rows.append(Row(file, line, dict(zip(names, fields, strict=True))))
    return names, rows, problems


def _column(name: str, aliases: dict[str, str] | None) -> str:
    clean = name.strip().lstrip("\ufeff").strip()
    if aliases:
        return aliases.get(clean.casefold(), clean)
    return clean
