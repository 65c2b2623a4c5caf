"""Writing a review in $VISUAL / $EDITOR (add --edit, edit --edit)."""

from __future__ import annotations

import json
import os
import shlex
import sys
import textwrap

import pytest

from tests.helpers import stored

EDITOR_SCRIPT = textwrap.dedent(
    """
    import fcntl, json, os, pathlib, sys
    buffer = pathlib.Path(sys.argv[-1])
    pathlib.Path(os.environ["SEEN_BUFFER"]).write_text(buffer.read_text("utf-8"), "utf-8")
    with open(os.environ["FILMLOG_DB"] + ".lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held = "free"
        except BlockingIOError:
            held = "held"
    pathlib.Path(os.environ["SEEN_BUFFER"] + ".lock").write_text(held)
    mode = os.environ.get("EDITOR_MODE", "append")
    if mode == "append":
        buffer.write_text(buffer.read_text("utf-8") + os.environ["EDITOR_TEXT"], "utf-8")
    elif mode == "replace":
        buffer.write_text(os.environ["EDITOR_TEXT"], "utf-8")
    elif mode == "subs":
        text = buffer.read_text("utf-8")
        for old, new in json.loads(os.environ["EDITOR_TEXT"]):
            assert old in text, old
            text = text.replace(old, new, 1)
        buffer.write_text(text, "utf-8")
    elif mode == "fail":
        sys.exit(3)
    """
)


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """An editor that records the buffer it was given, then writes EDITOR_TEXT into it."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    seen = tmp_path / "seen.md"
    monkeypatch.setenv("VISUAL", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    monkeypatch.setenv("SEEN_BUFFER", str(seen))

    def use(text: str = "", mode: str = "append") -> object:
        monkeypatch.setenv("EDITOR_TEXT", text)
        monkeypatch.setenv("EDITOR_MODE", mode)
        return seen

    return use


def test_add_edit_saves_what_the_editor_wrote(cli, journal, editor):
    seen = editor("## Ben Sanderson\n\nCage, *unbearable* and tender.\n")
    result = cli("add", "Leaving Las Vegas", "--year", "1995", "--on", "2024-03-01", "--edit")
    assert result.code == 0, result.stderr
    watch = stored(journal)["watches"]["1"]
    assert watch["review"] == "## Ben Sanderson\n\nCage, *unbearable* and tender."
    buffer = seen.read_text(encoding="utf-8")
    assert buffer.startswith("<!--\n")
    assert "Review of Leaving Las Vegas, watched 2024-03-01." in buffer
    assert "Leave it empty to save nothing." in buffer


def test_an_editor_that_leaves_the_buffer_empty_saves_nothing(cli, journal, editor):
    editor("")  # the template comment comes back untouched
    result = cli("add", "Heat", "--edit")
    assert result.code == 1
    assert result.stderr == "error: nothing saved: the review came back empty\n"
    assert not journal.exists()
    editor("   \n\n", mode="replace")
    assert cli("add", "Heat", "--edit").code == 1
    assert not journal.exists()


def test_a_failing_editor_saves_nothing(cli, journal, editor):
    editor(mode="fail")
    result = cli("add", "Heat", "--edit")
    assert result.code == 1
    assert result.stderr == "error: the editor exited with status 3; nothing saved\n"
    assert not journal.exists()


def test_a_missing_editor_is_an_error(cli, journal, monkeypatch):
    monkeypatch.setenv("VISUAL", "/nonexistent/editor --wait")
    result = cli("add", "Heat", "--edit")
    assert result.code == 1
    assert result.stderr.startswith("error: cannot start the editor '/nonexistent/editor'")
    assert not journal.exists()


def test_editor_falls_back_to_EDITOR(cli, journal, editor, monkeypatch):
    editor("From $EDITOR.")
    monkeypatch.setenv("EDITOR", os.environ["VISUAL"])
    monkeypatch.delenv("VISUAL")
    assert cli("add", "Heat", "--edit").code == 0
    assert stored(journal)["watches"]["1"]["review"] == "From $EDITOR."


def test_edit_edit_opens_the_current_review(cli, journal, editor):
    assert cli("add", "Heat", "--review", "First thoughts.").code == 0
    seen = editor("\n\nSecond thoughts.")
    result = cli("edit", "1", "--edit")
    assert result.code == 0, result.stderr
    assert "-->\nFirst thoughts." in seen.read_text(encoding="utf-8")
    # The journal was not locked while the editor was open.
    assert (seen.parent / "seen.md.lock").read_text() == "free"
    assert stored(journal)["watches"]["1"]["review"] == "First thoughts.\n\nSecond thoughts."


def test_edit_edit_emptied_keeps_the_old_review(cli, journal, editor):
    assert cli("add", "Heat", "--review", "Keep me.").code == 0
    before = journal.read_bytes()
    editor("", mode="replace")
    assert cli("edit", "1", "--edit").code == 1
    assert journal.read_bytes() == before


def test_a_title_cannot_close_the_template_comment(cli, journal, editor):
    editor("Only this.")
    assert cli("add", "a --> b", "--edit").code == 0
    assert stored(journal)["watches"]["1"]["review"] == "Only this."


def test_edit_with_other_review_options_is_refused(cli, journal, editor):
    editor("x")
    result = cli("add", "Heat", "--review", "y", "--edit")
    assert result.code == 2
    assert "--review and --edit both give a review" in result.stderr
    assert not journal.exists()


def _subs(*pairs: tuple[str, str]) -> str:
    return json.dumps(pairs)


def test_text_typed_above_the_template_is_saved_without_it(cli, journal, editor):
    # Editors open on the first line, so a new user types above the comment.
    editor(_subs(("<!--", "Typed on line one.\n<!--")), mode="subs")
    assert cli("add", "Heat", "--edit").code == 0
    assert stored(journal)["watches"]["1"]["review"] == "Typed on line one."


def test_text_typed_at_the_very_start_of_the_first_line_is_saved(cli, journal, editor):
    editor(_subs(("<!--", "No newline before the comment<!--")), mode="subs")
    assert cli("add", "Heat", "--edit").code == 0
    assert stored(journal)["watches"]["1"]["review"] == "No newline before the comment"


def test_text_above_and_below_the_template_stays_two_paragraphs(cli, journal, editor):
    assert cli("add", "Heat", "--review", "First thoughts.").code == 0
    editor(_subs(("<!--", "Second thoughts.\n<!--")), mode="subs")
    assert cli("edit", "1", "--edit").code == 0
    assert stored(journal)["watches"]["1"]["review"] == "Second thoughts.\n\nFirst thoughts."


def test_text_typed_inside_the_template_is_kept_and_the_template_goes(cli, journal, editor):
    editor(_subs(("\n-->", "\nWritten inside the comment.\n-->")), mode="subs")
    assert cli("add", "Heat", "--edit").code == 0
    assert stored(journal)["watches"]["1"]["review"] == "Written inside the comment."


def test_text_typed_inside_on_a_template_line_keeps_only_the_users_words(cli, journal, editor):
    editor(_subs(("save nothing.", "save nothing. Mine, on the same line.")), mode="subs")
    assert cli("add", "Heat", "--on", "2024-03-01", "--edit").code == 0
    assert stored(journal)["watches"]["1"]["review"] == "Mine, on the same line."


def test_a_rewrapped_template_is_still_removed(cli, journal, editor):
    editor(
        _subs(("save and quit. Leave", "save\n  and quit.\nLeave"), ("-->\n", "-->\nBelow.")),
        mode="subs",
    )
    assert cli("add", "Heat", "--edit").code == 0
    assert stored(journal)["watches"]["1"]["review"] == "Below."


def test_a_template_whose_end_was_deleted_is_still_removed(cli, journal, editor):
    editor(_subs(("-->\n", "Typed where the end was.\n")), mode="subs")
    assert cli("add", "Heat", "--edit").code == 0
    assert stored(journal)["watches"]["1"]["review"] == "Typed where the end was."


def test_a_template_with_its_heading_changed_is_still_removed(cli, journal, editor):
    editor(_subs(("Review of Heat", "Review of something"), ("-->\n", "-->\nText.")), mode="subs")
    assert cli("add", "Heat", "--edit").code == 0
    review = stored(journal)["watches"]["1"]["review"]
    # The changed heading is the user's text now; the instructions and delimiters go.
    assert "<!--" not in review and "-->" not in review
    assert "Write Markdown" not in review
    assert review.endswith("Text.")


def test_the_users_own_html_comments_stay(cli, journal, editor):
    editor(
        _subs(
            ("-->\n", "-->\nBelow. <!-- after -->\n"),
            ("<!--", "<!-- before: not for publishing -->\nAbove.\n<!--"),
        ),
        mode="subs",
    )
    assert cli("add", "Heat", "--edit").code == 0
    assert stored(journal)["watches"]["1"]["review"] == (
        "<!-- before: not for publishing -->\nAbove.\n\nBelow. <!-- after -->"
    )


def test_a_user_comment_is_never_taken_for_the_template(cli, journal, editor):
    # The template is gone altogether; the user wrote a comment of their own.
    editor("<!-- draft, Review of Heat -->\nFinal text.", mode="replace")
    assert cli("add", "Heat", "--edit").code == 0
    assert stored(journal)["watches"]["1"]["review"] == (
        "<!-- draft, Review of Heat -->\nFinal text."
    )


def test_only_the_template_typed_inside_saves_nothing(cli, journal, editor):
    editor(_subs(("\n-->", "\n   \n-->")), mode="subs")
    assert cli("add", "Heat", "--edit").code == 1
    assert not journal.exists()


def test_edit_template_names_the_film(cli, journal, editor):
    assert cli("add", "Heat", "--year", "1995", "--on", "2024-03-01", "--review", "x").code == 0
    seen = editor("y")
    assert cli("edit", "1", "--edit").code == 0
    buffer = seen.read_text(encoding="utf-8")
    assert "Review of Heat (1995), watched 2024-03-01 (viewing #1)." in buffer


def test_edit_without_an_editor_or_a_terminal_is_refused(cli, journal, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    result = cli("add", "Heat", "--edit")
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: --edit needs an editor, and neither $VISUAL nor $EDITOR is set"
        " (set $EDITOR, or use --review-file - to read the review from stdin)\n"
    )
    assert not journal.exists()
    assert cli("add", "Heat", "--review", "kept").code == 0
    before = journal.read_bytes()
    monkeypatch.setenv("EDITOR", "")
    assert cli("edit", "1", "--edit").code == 2
    assert journal.read_bytes() == before
