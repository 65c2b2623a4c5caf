"""What each command imports: start-up is most of a CLI's cost.

These check module lists, never timings (those are in benchmarks/): a real process runs
with ``-X importtime``, which names every module it imports on stderr.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from filmlog.models import Film, Watch
from filmlog.render import console
from filmlog.render.messages import logged_line
from tests.helpers import run_process

ROOT = Path(__file__).resolve().parents[2]


def imported(
    *args: str, input: str | None = None
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``python -X importtime -m filmlog ARGS``: the result and every module imported."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPROFILEIMPORTTIME"}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "filmlog", *args],
        capture_output=True,
        text=True,
        env=env,
        input=input,
        timeout=60,
    )
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "filmlog" in modules or args in (("--version",), ("-V",)), result.stderr[-2000:]
    return result, modules


def stderr_text(result: subprocess.CompletedProcess[str]) -> str:
    return "\n".join(
        line for line in result.stderr.splitlines() if not line.startswith("import time:")
    )


def family(modules: set[str], *roots: str) -> set[str]:
    return {m for m in modules if any(m == r or m.startswith(r + ".") for r in roots)}


@pytest.fixture
def heat(journal: Path) -> Path:
    added = run_process(["add", "Heat", "--year", "1995", "--rating", "4", "--on", "2024-01-05"])
    assert added.returncode == 0, added.stderr
    return journal


# --------------------------------------------------------------------------- Typer


def test_typer_is_pinned_below_the_release_that_needs_pydantic():
    # Typer 0.29 and later import pydantic and build a validator per parameter on
    # every command run; 0.28 is the last release without it (see benchmarks/).
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    typer_spec = [d for d in project["project"]["dependencies"] if d.startswith("typer")]
    assert typer_spec and "<0.29" in typer_spec[0].replace(" ", ""), typer_spec
    major, minor = (int(part) for part in metadata.version("typer").split(".")[:2])
    assert (major, minor) < (0, 29), metadata.version("typer")


def test_a_command_run_does_not_import_pydantic(heat):
    result, modules = imported("show", "Heat", "--json")
    assert result.returncode == 0, stderr_text(result)
    assert "typer" in modules
    assert not family(modules, "pydantic", "pydantic_core")


# --------------------------------------------------------------------------- per command


def test_version_imports_neither_typer_nor_rich_nor_the_journal():
    for flag in ("--version", "-V"):
        result, modules = imported(flag)
        assert result.returncode == 0
        assert result.stdout.startswith("filmlog ")
        assert not family(modules, "typer", "click", "rich", "tinydb", "orjson", "filmlog.store")


def test_add_prints_its_line_with_a_console_and_no_table(journal):
    result, modules = imported("add", "Heat", "--year", "1995", "--rating", "4")
    assert result.returncode == 0, stderr_text(result)
    assert result.stdout.startswith("Logged #1: Heat (1995) on ")
    assert {"rich.console", "filmlog.render.messages"} <= modules
    assert not family(modules, "rich.table", "rich.markdown", "markdown_it", "pygments")
    assert not family(modules, "filmlog.render.pages", "filmlog.render.tables")


def test_add_with_json_does_not_import_rich(journal):
    result, modules = imported("add", "Heat", "--json")
    assert result.returncode == 0, stderr_text(result)
    assert not family(modules, "rich")


def test_show_draws_with_rich_console_and_table_without_markdown(heat):
    result, modules = imported("show", "Heat")
    assert result.returncode == 0, stderr_text(result)
    assert "Heat" in result.stdout
    assert {"rich.console", "rich.table", "filmlog.render.pages"} <= modules
    assert not family(modules, "rich.markdown", "markdown_it", "pygments")


def shown_with(review: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """``show Heat`` after a viewing with ``review``: the result and the modules imported."""
    added = run_process(["add", "Heat", "--review", review, "--on", "2024-02-01"])
    assert added.returncode == 0, added.stderr
    result, modules = imported("show", "Heat")
    assert result.returncode == 0, stderr_text(result)
    return result, modules


def test_a_plain_review_does_not_load_rich_markdown(heat):
    result, modules = shown_with(
        "A great heist, and a better duet.\n\nDon't let yourself get attached."
    )
    assert "A great heist, and a better duet.\n\nDon't let yourself get attached." in (
        result.stdout
    )
    assert not family(modules, "rich.markdown", "markdown_it", "pygments")


def test_a_review_with_markdown_is_rendered_by_rich_markdown(heat):
    result, modules = shown_with(
        "# The duet\n\nA *great* heist.\n\n> Don't let yourself get attached.\n\n- one\n- two"
    )
    assert "A great heist." in result.stdout
    assert "# The duet" not in result.stdout and "The duet" in result.stdout
    assert "▌ Don't let yourself get attached." in result.stdout
    assert " • one" in result.stdout
    assert "rich.markdown" in modules


def test_show_json_and_diary_json_do_not_import_rich(heat):
    for args in (("show", "Heat", "--json"), ("diary", "--json")):
        result, modules = imported(*args)
        assert result.returncode == 0, stderr_text(result)
        assert not family(modules, "rich"), args


@pytest.mark.parametrize(
    "args",
    [
        ("diary", "--limit", "20"),
        ("film", "list"),
        ("watchlist", "list"),
        ("disc", "list"),
        ("stats",),
        ("search", "heat"),
    ],
)
def test_reading_commands_draw_with_rich_but_not_markdown(heat, args):
    for setup in (["disc", "add", "Heat", "--format", "bluray"], ["watchlist", "add", "Thief"]):
        assert run_process(setup).returncode == 0, setup
    result, modules = imported(*args)
    assert result.returncode == 0, stderr_text(result)
    assert any(word in result.stdout for word in ("Heat", "Thief", "Stats"))
    assert {"rich.console", "rich.text"} <= modules, args
    assert not family(modules, "rich.markdown", "markdown_it", "pygments"), args


def test_reading_commands_leave_the_importers_and_export_formats_alone(heat):
    for args in (("show", "Heat"), ("diary", "--limit", "20"), ("add", "Heat")):
        result, modules = imported(*args)
        assert result.returncode == 0, stderr_text(result)
        formats = {m for m in modules if m.startswith("filmlog.export.")}
        assert not formats | family(modules, "filmlog.importers", "csv", "zipfile"), args


# --------------------------------------------------------------------------- one command built


def test_help_still_lists_every_command():
    result = run_process(["--help"])
    assert result.returncode == 0, result.stderr
    for name in ("add", "show", "diary", "edit", "rm", "path", "import"):
        assert name in result.stdout


def test_an_unknown_command_still_gets_a_suggestion():
    result = run_process(["shwo", "Heat"])
    assert result.returncode == 2
    assert result.stderr.startswith("error: No such command 'shwo'")
    assert "show" in result.stderr


def test_db_before_the_command_still_finds_the_command(tmp_path):
    other = tmp_path / "other.json"
    added = run_process(["--db", str(other), "add", "Alien", "--year", "1979"])
    assert added.returncode == 0, added.stderr
    listed = run_process([f"--db={other}", "diary", "--json"])
    assert listed.returncode == 0, listed.stderr
    assert '"title": "Alien"' in listed.stdout


def test_command_help_names_the_command(cli):
    result = cli("add", "--help")
    assert result.code == 0
    assert "Usage: filmlog add" in " ".join(result.stdout.split())
    after = cli("diary", "--help")
    assert "Usage: filmlog diary" in " ".join(after.stdout.split())


# --------------------------------------------------------------------------- the one-line message


def watch(**changes: object) -> Watch:
    import datetime as dt

    fields: dict[str, object] = {"id": 7, "film": "f", "date": dt.date(2024, 3, 1)}
    fields.update(changes)
    return Watch(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "title", ["Heat [/] x", "[REC]²", "Salò, or the 120 Days of Sodom", "🎬 [bold]Films[/]"]
)
def test_logged_line_prints_odd_titles_literally(title, monkeypatch, capsys):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    console.say(logged_line(watch(rating=4.5), Film(id="f", title=title, year=1995), True))
    assert capsys.readouterr().out == f"Logged #7: {title} (1995) on 2024-03-01  ★★★★½  new film\n"


def test_logged_line_cannot_carry_terminal_codes():
    film = Film(id="f", title="The Thing \x1b[31m\nnext\u202e")
    line = logged_line(watch(rewatch=True), film, False, verb="Updated").plain
    assert line == "Updated #7: The Thing next on 2024-03-01  (rewatch)"


def test_styles_only_on_a_terminal_and_never_with_no_color(monkeypatch, capsys):
    parts = logged_line(watch(rating=3), Film(id="f", title="Heat", year=1995), False)
    for name in ("NO_COLOR", "TERM", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    console.say(parts)
    forced = capsys.readouterr().out
    assert "\x1b[1mHeat\x1b[0m" in forced and "★★★" in forced
    monkeypatch.setenv("NO_COLOR", "1")
    console.say(parts)
    assert capsys.readouterr().out == "Logged #7: Heat (1995) on 2024-03-01  ★★★\n"
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    console.say(parts)
    assert capsys.readouterr().out == "Logged #7: Heat (1995) on 2024-03-01  ★★★\n"
    monkeypatch.delenv("TERM")
    monkeypatch.delenv("FORCE_COLOR")
    console.say(parts)
    assert "\x1b" not in capsys.readouterr().out
