"""One-line messages printed without Rich.

Importing Rich's console costs more than all the rest of a quick command such as
``add``, and a line with a few styles does not need it. Styles follow Rich's rules:
only on a terminal (or with FORCE_COLOR), never with NO_COLOR or a dumb terminal.
User text is cleaned to one line, so a stored title cannot move the cursor.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TextIO

from filmlog.models import Film, Watch, clean_line, stars

# (text, SGR parameters): "1" bold, "2" dim, "1;32" bold green, "34" blue, "" plain.
Part = tuple[str, str]


def logged_line(watch: Watch, film: Film, created: bool, verb: str = "Logged") -> list[Part]:
    """What ``add`` (and ``edit``) say after saving."""
    parts: list[Part] = [(f"{verb} #{watch.id}: ", ""), (clean_line(film.title), "1")]
    if film.year:
        parts.append((f" ({film.year})", "2"))
    parts.append((f" on {watch.date.isoformat()}", ""))
    if watch.rating is not None:
        parts += [("  ", ""), (stars(watch.rating), "1;32")]
    if watch.rewatch:
        parts.append(("  (rewatch)", "34"))
    if created:
        parts.append(("  new film", "2"))
    return parts


def styled(stream: TextIO) -> bool:
    """Whether ``stream`` gets colours and styles."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or stream.isatty()


def echo(parts: Sequence[Part], stream: TextIO | None = None) -> None:
    """Print one line made of parts, styled when the stream is a terminal."""
    out = sys.stdout if stream is None else stream
    style = styled(out)
    out.write("".join(f"\x1b[{sgr}m{t}\x1b[0m" if style and sgr else t for t, sgr in parts))
    out.write("\n")
    out.flush()
