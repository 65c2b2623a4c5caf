"""Writing a review in the user's editor (``$VISUAL``, then ``$EDITOR``)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from filmlog.errors import FilmlogError

_LEADING_COMMENT = re.compile(r"\A\s*<!--.*?-->", re.DOTALL)


def editor_command() -> list[str]:
    """The editor to run, as an argument list."""
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if chosen:
        return shlex.split(chosen)
    for fallback in ("sensible-editor", "nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise FilmlogError("no editor found", "set $EDITOR, e.g. export EDITOR=nano")


def edit_text(template: str, current: str = "") -> str:
    """Open the editor on the template and the current text; return what was written.

    The template's leading HTML comment is removed; an empty result means "save nothing".
    """
    with tempfile.TemporaryDirectory(prefix="filmlog-") as folder:
        path = Path(folder) / "review.md"
        # A "-->" inside the template (from a title) would end the comment early.
        safe = template.replace("-->", "-- >")
        path.write_text(f"<!--\n{safe}\n-->\n{current}", encoding="utf-8")
        command = [*editor_command(), str(path)]
        try:
            status = subprocess.call(command)
        except OSError as exc:
            raise FilmlogError(f"cannot start the editor {command[0]!r}: {exc.strerror}") from None
        if status != 0:
            raise FilmlogError(f"the editor exited with status {status}; nothing saved")
        text = path.read_text(encoding="utf-8")
    return _LEADING_COMMENT.sub("", text, count=1).strip()
