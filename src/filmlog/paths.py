"""Where the journal lives: ``--db`` > ``FILMLOG_DB`` > the platform's user data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

JOURNAL_NAME = "journal.json"


def data_dir() -> Path:
    """The platform's per-user data folder for filmlog (not created here)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA") or "~/AppData/Local"
    elif sys.platform == "darwin":
        base = "~/Library/Application Support"
    else:
        base = os.environ.get("XDG_DATA_HOME") or "~/.local/share"
    return Path(base).expanduser() / "filmlog"


def journal_path(db: str | os.PathLike[str] | None = None) -> Path:
    """The journal file to use; evaluated when a command runs, never at import."""
    chosen = db if db not in (None, "") else os.environ.get("FILMLOG_DB")
    if chosen:
        return Path(chosen).expanduser()
    return data_dir() / JOURNAL_NAME


def backup_dir(journal: Path) -> Path:
    """The folder that holds the journal's rolling backups."""
    return journal.with_name(journal.name + ".backups")


def lock_path(journal: Path) -> Path:
    """The lock file held during every read-change-write."""
    return journal.with_name(journal.name + ".lock")
