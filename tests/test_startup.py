"""What each command imports: start-up is most of a CLI's cost.

These check module lists, never timings (those are in benchmarks/): a real process runs
with ``-X importtime``, which names every module it imports on stderr.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from filmlog.cli import plain
from filmlog.models import Film, Watch
from tests.helpers import run_process

ROOT = Path(__file__).resolve().parents[1]


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


def test_add_prints_its_line_without_rich(journal):
    result, modules = imported("add", "Heat", "--year", "1995", "--rating", "4")
    assert result.returncode == 0, stderr_text(result)
    assert result.stdout.startswith("Logged #1: Heat (1995) on ")
    assert not family(modules, "rich", "markdown_it", "pygments", "filmlog.render")


def test_add_with_json_does_not_import_rich(journal):
    result, modules = imported("add", "Heat", "--json")
    assert result.returncode == 0, stderr_text(result)
    assert not family(modules, "rich")


def test_show_without_reviews_imports_neither_rich_nor_markdown(heat):
    result, modules = imported("show", "Heat")
    assert result.returncode == 0, stderr_text(result)
    assert "Heat" in result.stdout
    assert "filmlog.render" in modules
    assert not family(modules, "rich", "markdown_it", "pygments")


def test_show_renders_an_ordinary_review_without_rich_or_markdown_it(heat):
    review = "A *great* heist.\n\n> Don't let yourself get attached.\n\n[More](https://example.org)"
    added = run_process(["add", "Heat", "--review", review, "--on", "2024-02-01"])
    assert added.returncode == 0, added.stderr
    result, modules = imported("show", "Heat")
    assert result.returncode == 0, stderr_text(result)
    assert "A great heist." in result.stdout
    assert "▌ Don't let yourself get attached." in result.stdout
    assert not family(modules, "rich", "markdown_it", "pygments")


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
def test_reading_commands_do_not_import_rich(heat, args):
    for setup in (["disc", "add", "Heat", "--format", "bluray"], ["watchlist", "add", "Thief"]):
        assert run_process(setup).returncode == 0, setup
    result, modules = imported(*args)
    assert result.returncode == 0, stderr_text(result)
    assert any(word in result.stdout for word in ("Heat", "Thief", "Stats"))
    assert not family(modules, "rich", "markdown_it", "pygments"), args


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


# --------------------------------------------------------------------------- the plain line


def watch(**changes: object) -> Watch:
    import datetime as dt

    fields: dict[str, object] = {"id": 7, "film": "f", "date": dt.date(2024, 3, 1)}
    fields.update(changes)
    return Watch(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "title", ["Heat [/] x", "[REC]²", "Salò, or the 120 Days of Sodom", "🎬 [bold]Films[/]"]
)
def test_logged_line_prints_odd_titles_literally(title, monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    out = io.StringIO()
    plain.echo(
        plain.logged_line(watch(rating=4.5), Film(id="f", title=title, year=1995), True), out
    )
    assert out.getvalue() == f"Logged #7: {title} (1995) on 2024-03-01  ★★★★½  new film\n"


def test_logged_line_cannot_carry_terminal_codes():
    film = Film(id="f", title="The Thing \x1b[31m\nnext")
    line = plain.logged_line(watch(rewatch=True), film, False, verb="Updated").plain
    assert line == "Updated #7: The Thing next on 2024-03-01  (rewatch)"


def test_styles_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    parts = plain.logged_line(watch(rating=3), Film(id="f", title="Heat", year=1995), False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    forced = io.StringIO()
    plain.echo(parts, forced)
    assert forced.getvalue() == (
        "Logged #7: \x1b[1mHeat\x1b[0m\x1b[2m (1995)\x1b[0m on 2024-03-01  \x1b[1;32m★★★\x1b[0m\n"
    )
    monkeypatch.setenv("NO_COLOR", "1")
    quiet = io.StringIO()
    plain.echo(parts, quiet)
    assert quiet.getvalue() == "Logged #7: Heat (1995) on 2024-03-01  ★★★\n"
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.delenv("FORCE_COLOR")
    piped = io.StringIO()
    plain.echo(parts, piped)
    assert "\x1b" not in piped.getvalue()
