"""Writing a review in the user's editor (``$VISUAL``, then ``$EDITOR``)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from filmlog.errors import FilmlogError, InvalidInput

INSTRUCTIONS = "Write Markdown below this comment, save and quit. Leave it empty to save nothing."
# What marks an HTML comment as the template, even after the user changed the rest of it.
MARKER = "Write Markdown below this comment"

# An HTML comment; one the user opened and never closed runs to the end.
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def editor_command() -> list[str]:
    """The editor to run, as an argument list."""
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if chosen:
        return shlex.split(chosen)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # A terminal editor started without a terminal hangs or garbles the output.
        raise InvalidInput(
            "--edit needs an editor, and neither $VISUAL nor $EDITOR is set",
            "set $EDITOR, or use --review-file - to read the review from stdin",
        )
    for fallback in ("sensible-editor", "nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise FilmlogError("no editor found", "set $EDITOR, e.g. export EDITOR=nano")


def edit_text(heading: str, current: str = "", drafts: Path | None = None) -> str:
    """Open the editor on a template comment and the current text; return what was written.

    The template comment (``heading`` and the instructions) is removed wherever the user
    left it; an empty result means "save nothing". When the editor fails, what was typed
    is kept in a draft in ``drafts`` (see ``kept_on_failure``).
    """
    # A "-->" inside the heading (from a title) would end the comment early.
    lines = (heading.replace("-->", "-- >"), INSTRUCTIONS)
    comment = "<!--\n" + "\n".join(lines) + "\n-->"
    with tempfile.TemporaryDirectory(prefix="filmlog-") as folder:
        path = Path(folder) / "review.md"
        path.write_text(f"{comment}\n{current}", encoding="utf-8")
        command = [*editor_command(), str(path)]
        try:
            status = subprocess.call(command)
        except OSError as exc:
            raise FilmlogError(f"cannot start the editor {command[0]!r}: {exc.strerror}") from None
        text = without_template(path.read_text(encoding="utf-8"), comment, lines).strip()
    if status != 0:
        with kept_on_failure(drafts, text if text != current.strip() else ""):
            raise FilmlogError(f"the editor exited with status {status}; nothing saved")
    return text


@contextlib.contextmanager
def kept_on_failure(drafts: Path | None, text: str | None) -> Iterator[None]:
    """Keep ``text`` (a review typed in the editor) in a new draft file in the folder
    ``drafts`` when the block fails: the error names the file, which ``--review-file``
    reads back. Nothing is kept when the text is empty or the block succeeds."""
    if drafts is None or not text:
        yield
        return
    try:
        yield
    except BaseException as exc:
        try:
            draft = save_draft(drafts, text)
        except OSError as failure:
            note = f"the review could not be kept in {drafts}: {failure.strerror or failure}"
        else:
            note = f"your review is kept in {draft}: add it with --review-file {draft}"
        if isinstance(exc, FilmlogError):
            exc.hint = f"{exc.hint}; {note}" if exc.hint else note
        else:
            sys.stderr.write(note + "\n")
        raise


def save_draft(folder: Path, text: str) -> Path:
    """A new file in ``folder`` holding ``text``, readable by the user alone."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    for number in range(1, 1000):
        path = folder / (f"{stamp}.md" if number == 1 else f"{stamp}-{number}.md")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text + "\n")
        return path
    raise FileExistsError(f"too many drafts in {folder} this second")


def without_template(text: str, comment: str, lines: tuple[str, ...]) -> str:
    """``text`` without the template comment, wherever it stands.

    Users often type above it (editors open on the first line) or inside it. The exact
    comment goes first; failing that, the first comment that still holds ``MARKER`` loses
    its delimiters and the template's own lines, and keeps what the user typed into it.
    Other HTML comments are the user's and stay.
    """
    start = text.find(comment)
    if start >= 0:
        return _joined(text[:start], "", text[start + len(comment) :])
    for match in _COMMENT.finditer(text):
        block = match.group()
        if _words(MARKER) not in _words(block):
            continue
        inner = block[4:-3] if block.endswith("-->") else block[4:]
        for line in lines:
            # Whitespace may differ: an editor can rewrap the comment's lines.
            words = [re.escape(word) for word in line.split()]
            if words:
                inner = re.sub(r"\s*".join(words), "", inner, count=1)
        return _joined(text[: match.start()], inner, text[match.end() :])
    return text


def _words(text: str) -> str:
    return " ".join(text.split())


def _joined(before: str, inside: str, after: str) -> str:
    """The parts around a removed comment; it stood as a block of its own in Markdown, so
    text on both sides of it stays in separate paragraphs."""
    parts = [before.rstrip(), inside.strip(), _blank_lines_trimmed(after)]
    return "\n\n".join(part for part in parts if part.strip())


def _blank_lines_trimmed(text: str) -> str:
    """Without blank lines at either end (a first line's indentation is kept)."""
    return re.sub(r"\A(?:[ \t]*\n)+", "", text).rstrip()
