"""Importers: one module per source, each turning an export into a plan of changes.

An import never changes the journal row by row. A source module reads its files and
builds a :class:`~filmlog.importers.plan.Plan` (films to add or fill in, viewings to add,
watchlist entries, and every problem found, each naming its file and line); the caller
applies the whole plan inside one transaction, so the journal is written once or not at all.
"""

from __future__ import annotations
