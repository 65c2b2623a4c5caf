"""The line ``add`` and ``edit`` print, kept apart from the page layouts of ``render``.

``add`` is the command run most; it prints one line and needs neither Rich nor the
tables of ``filmlog.render``. User text is cleaned to one line, so a stored title cannot
move the cursor or break the line.
"""

from __future__ import annotations

from typing import TextIO

from filmlog.models import Film, Watch, clean_line, stars
from filmlog.screen import BLUE, BOLD, DIM, STARS, Text, write


def logged_line(watch: Watch, film: Film, created: bool, verb: str = "Logged") -> Text:
    """What ``add`` (and ``edit``) say after saving."""
    line = Text(f"{verb} #{watch.id}: ").append(clean_line(film.title), BOLD)
    if film.year:
        line.append(f" ({film.year})", DIM)
    line.append(f" on {watch.date.isoformat()}")
    if watch.rating is not None:
        line.append("  ").append(stars(watch.rating), STARS)
    if watch.rewatch:
        line.append("  (rewatch)", BLUE)
    if created:
        line.append("  new film", DIM)
    return line


def echo(line: Text, stream: TextIO | None = None) -> None:
    """Print one line, styled when the stream is a terminal."""
    write([line], stream)
