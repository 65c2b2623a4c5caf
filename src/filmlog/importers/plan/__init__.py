"""What every import shares: reading CSV rows, matching films, and the plan of changes.

A source module reads its rows, checks every one (a bad row becomes a :class:`Problem`
naming its file and line, and the other rows are still checked), and records what the
journal should gain in a :class:`Builder`. Nothing touches the journal until
:func:`apply` runs the finished :class:`Plan` through the store's bulk methods, inside the
caller's one transaction.

What an import may change is deliberately narrow. It adds films, viewings, watchlist
entries and lists; it fills in what the journal does not know yet (a missing rating,
runtime, id, review...); it sets ``seen`` and ``liked``, and marks the journal's viewings
after an imported one of the same film as rewatches.

Every import remembers what it set, as a short fingerprint per value, in the journal's
``_meta`` record (``imported``: by a viewing's or list's source, or by source and film).
A newer export then updates a value an earlier import set and nobody changed in filmlog
since (a rating changed on Letterboxd); a value changed in filmlog is kept and reported
as skipped, with both values. A source remembered but no longer in the journal was
deleted in filmlog, and is not brought back.
"""

from __future__ import annotations

from filmlog.importers.plan.builder import Ambiguous, Builder, Progress
from filmlog.importers.plan.changes import Plan, apply
from filmlog.importers.plan.records import RECORDS, digest, read_records, write_records
from filmlog.importers.plan.rows import (
    Problem,
    Row,
    RowError,
    checked_day,
    decode,
    read_rows,
)

__all__ = [
    "RECORDS",
    "Ambiguous",
    "Builder",
    "Plan",
    "Problem",
    "Progress",
    "Row",
    "RowError",
    "apply",
    "checked_day",
    "decode",
    "digest",
    "read_records",
    "read_rows",
    "write_records",
]
