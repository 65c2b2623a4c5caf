"""Commands are loaded when asked for: running one imports its module only, and the map
of commands to modules (``filmlog.cli.app.COMMANDS``) names what each module registers."""

from __future__ import annotations

import importlib
import subprocess
import sys

import typer
from typer.main import get_group

from filmlog.cli.app import COMMANDS


def registered(*modules: str) -> list[str]:
    """The top-level commands and groups that ``modules`` register, in order."""
    app = typer.Typer()
    for name in modules:
        importlib.import_module(f"filmlog.cli.{name}").register(app)
    return list(get_group(app).commands)


def test_the_map_lists_every_command_the_modules_register():
    every = list(dict.fromkeys(m for modules in COMMANDS.values() for m in modules))
    assert sorted(registered(*every)) == sorted(COMMANDS)


def test_each_command_comes_from_the_first_module_the_map_names():
    for name, modules in COMMANDS.items():
        assert name in registered(modules[0]), (name, modules)


def test_a_group_gets_the_subcommands_of_every_module_named(cli):
    # "import" is a group of importing.py, and exporting.py adds "import json" to it.
    result = cli("import", "--help")
    assert result.code == 0
    for name in ("letterboxd", "imdb", "json"):
        assert f" {name} " in result.stdout, name


def test_running_a_command_loads_its_module_only():
    loaded = set(
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys\n"
                "from filmlog.cli.app import run\n"
                "run(['show', '--help'])\n"
                "print('LOADED', *sorted(m for m in sys.modules if m.startswith('filmlog.cli.')))",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.split("LOADED", 1)[1]
        .split()
    )
    assert "filmlog.cli.diary" in loaded
    assert not loaded & {f"filmlog.cli.{m}" for m in ("discs", "films", "lists", "facts")}


def test_help_lists_every_command_in_the_order_of_the_map(cli):
    result = cli("--help")
    assert result.code == 0
    shown = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("│ ")]
    assert [name for name in shown if name in COMMANDS] == list(COMMANDS)
