"""Looking after the journal: check it thoroughly, and put a backup back. By concern:

- ``problems``: what can be wrong inside the journal's data (invalid documents, ids used
  twice, dangling references, stale flags, counters behind, ids written twice), each a
  :class:`Problem`;
- ``backups``: what each backup holds, the one to restore, and ``restore``, which puts it
  back under the journal's lock after keeping the current file as a backup;
- ``report``: ``check``, the journal file checked with those and its backups described,
  as a :class:`Report`.

Everything is importable from ``filmlog.doctor``, as it was before it was split.
"""

from filmlog.doctor.backups import (
    BackupInfo,
    Restored,
    counts,
    describe_backup,
    describe_backups,
    find_backup,
    load_backup,
    restore,
)
from filmlog.doctor.problems import Problem, check_data, duplicate_keys
from filmlog.doctor.report import Report, check

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
