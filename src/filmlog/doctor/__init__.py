"""Looking after the journal: check it thoroughly, and put a backup back. It is all in
``problems``, moved here whole so its history follows it before it is split by concern.

Everything is importable from ``filmlog.doctor``, as it was from the one module.
"""

from filmlog.doctor.problems import (
    BackupInfo,
    Problem,
    Report,
    Restored,
    check,
    check_data,
    counts,
    describe_backup,
    describe_backups,
    duplicate_keys,
    find_backup,
    load_backup,
    restore,
)

__all__ = [
    "BackupInfo",
    "Problem",
    "Report",
    "Restored",
    "check",
    "check_data",
    "counts",
    "describe_backup",
    "describe_backups",
    "duplicate_keys",
    "find_backup",
    "load_backup",
    "restore",
]
