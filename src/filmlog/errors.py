"""Errors with messages written for the user.

Domain code raises these; only the CLI boundary prints them and picks the exit code.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What a filmlog process exits with (SPEC, "Commands"): scripts may rely on these."""

    OK = 0
    # The command could not do what was asked: a missing film, a busy or damaged journal,
    # an answer of "no", an unexpected failure.
    FAILED = 1
    # The command line or an input file is wrong: a bad option, date, rating or row.
    BAD_INPUT = 2
    # Stopped by Ctrl-C (SIGINT); other signals exit with 128 + their number as well.
    INTERRUPTED = 130


class FilmlogError(Exception):
    """Something the user should be told about, in one line."""

    exit_code = ExitCode.FAILED

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InvalidInput(FilmlogError):
    """A value outside what a command accepts (exit 2)."""

    exit_code = ExitCode.BAD_INPUT


class NotFound(FilmlogError):
    """A named film, viewing, disc or backup does not exist (exit 1)."""


class WatchNotFound(NotFound):
    """No viewing has that id."""


class DiscNotFound(NotFound):
    """No disc has that id."""


class FilmNotFound(NotFound):
    """No film matches a title."""

    def __init__(self, message: str, hint: str | None = None, suggestions: tuple[str, ...] = ()):
        super().__init__(message, hint)
        self.suggestions = suggestions


class AmbiguousTitle(FilmlogError):
    """Several films match a title and nothing picks one (exit 1)."""

    def __init__(self, message: str, candidates: tuple[object, ...] = (), hint: str | None = None):
        super().__init__(message, hint)
        self.candidates = candidates


class JournalError(FilmlogError):
    """The journal file cannot be read or written safely (exit 1)."""


class JournalUnreadable(JournalError):
    """The journal is empty, truncated, not JSON, a wrong shape or from a newer filmlog."""


class JournalLocked(JournalError):
    """Another filmlog holds the journal's lock for longer than we wait."""


class JournalWriteFailed(JournalError):
    """Writing the new journal failed; the old one is untouched."""


class InvalidDocument(FilmlogError):
    """A stored document does not match the data model."""
