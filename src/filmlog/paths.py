"""Where the journal lives: ``--db`` > ``FILMLOG_DB`` > the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

JOURNAL_NAME = "journal.json"


def data_dir() -> Path:
    """The platform's per-user data folder for filmlog (not created here): on Linux
    ``$XDG_DATA_HOME/filmlog`` (``~/.local/share/filmlog``), on macOS
    ``~/Library/Application Support/filmlog``, on Windows ``%LOCALAPPDATA%\\filmlog``."""
    import platformdirs

    return Path(platformdirs.user_data_dir("filmlog", appauthor=False))


def journal_path(db: str | os.PathLike[str] | None = None) -> Path:
    """The journal file to use; evaluated when a command runs, never at import."""
    chosen = db if db not in (None, "") else os.environ.get("FILMLOG_DB")
    if chosen:
        try:
            return Path(chosen).expanduser()
        except RuntimeError:  # ~name of a user this system does not know
            from filmlog.errors import InvalidInput

            raise InvalidInput(
                f"journal path {os.fspath(chosen)!r} names a home folder that does not exist",
                "give the full path",
            ) from None
    return data_dir() / JOURNAL_NAME


def backup_dir(journal: Path) -> Path:
    """The folder that holds the journal's rolling backups."""
    return journal.with_name(journal.name + ".backups")


def drafts_dir(journal: Path) -> Path:
    """The folder that keeps a review written in the editor that could not be saved."""
    return journal.with_name(journal.name + ".drafts")


def lock_path(journal: Path) -> Path:
    """The lock file held during every read-change-write."""
    return journal.with_name(journal.name + ".lock")
