"""Progress bars on stderr for the long reads (an import's rows, IMDb's dataset files):
transient, one per part, and only when a person is watching."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

Update = Callable[[str, int, int], None]
"""Called as ``update(part, done, total)``: a part's bar is made when first named."""


@contextlib.contextmanager
def progress_bars(*, enabled: bool, in_bytes: bool = False) -> Iterator[Update | None]:
    """An ``update`` for progress bars on stderr, or None when ``enabled`` is false or
    stderr is not a terminal (a pipe, a log file, ``--json``). ``in_bytes``: the counts
    are bytes (shown as sizes, with the time left), else items (``done/total``)."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    from filmlog.render.console import console

    counts: list[ProgressColumn] = (
        [DownloadColumn(), TimeRemainingColumn()] if in_bytes else [MofNCompleteColumn()]
    )
    bar = Progress(
        TextColumn("{task.description:<18}"),
        BarColumn(),
        *counts,
        console=console(stderr=True),
        transient=True,
    )
    tasks: dict[str, Any] = {}

    def update(part: str, done: int, total: int) -> None:
        if part not in tasks:
            tasks[part] = bar.add_task(part, total=total)
        bar.update(tasks[part], completed=done, total=total)

    with bar:
        yield update
