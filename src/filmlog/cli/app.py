"""The Typer application and the one place errors become exit codes."""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

from filmlog import __version__
from filmlog.cli import common
from filmlog.cli.common import State, debug
from filmlog.errors import ExitCode, FilmlogError, InvalidInput

if TYPE_CHECKING:
    # Typer's own Click, for the types of the group methods overridden below.
    from typer._click import Command, Context

# Each command and group, in the order help lists them, with the modules of filmlog.cli
# that register it. A test checks this against what the modules register.
COMMANDS: dict[str, tuple[str, ...]] = {
    "add": ("watches",),
    "show": ("diary",),
    "diary": ("diary",),
    "edit": ("watches",),
    "rm": ("watches",),
    "film": ("films", "merging"),
    "facts": ("facts",),
    "disc": ("discs",),
    "watchlist": ("watchlist",),
    "list": ("lists",),
    "stats": ("insights",),
    "search": ("insights",),
    "tags": ("insights",),
    "export": ("exporting",),
    "import": ("importing", "exporting"),
    "path": ("maintenance",),
    "doctor": ("maintenance",),
    "restore": ("maintenance",),
    "undo": ("maintenance",),
}
_SETTINGS: dict[str, Any] = {
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": "markdown",
    "context_settings": {"help_option_names": ["-h", "--help"]},
}


class LazyCommands(TyperGroup):
    """The top-level group, whose commands are loaded when first asked for.

    Click's pattern for lazily loaded subcommands (``list_commands`` and ``get_command``):
    running, completing or asking help of one command imports only its module, and
    Typer turns only that command (or group) into a Click command. ``filmlog --help``
    loads all.
    """

    def list_commands(self, ctx: Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        modules = COMMANDS.get(cmd_name)
        if modules is None:
            return None
        _load(modules)
        return _built(cmd_name)


_LOADED = typer.Typer(**_SETTINGS)  # every command and group registered so far
_registered: set[str] = set()


def _load(modules: tuple[str, ...]) -> None:
    """Let each of ``modules`` register its commands, once."""
    import importlib

    for name in modules:
        if name not in _registered:
            importlib.import_module(f"filmlog.cli.{name}").register(_LOADED)
            _registered.add(name)


@functools.cache
def _built(name: str) -> Command | None:
    """The Click command (or group) called ``name``, made from its registration alone:
    Typer reads the signature of each function it turns into a command, which would
    cost every command the others of its module."""
    one = typer.Typer(**_SETTINGS)
    one.registered_commands = [
        info
        for info in _LOADED.registered_commands
        if info.callback
        and (info.name or typer.main.get_command_name(info.callback.__name__)) == name
    ]
    one.registered_groups = [info for info in _LOADED.registered_groups if info.name == name]
    return typer.main.get_group(one).commands.get(name)


app = typer.Typer(
    name="filmlog", help="A personal film journal for the terminal.", cls=LazyCommands, **_SETTINGS
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"filmlog {__version__}\n")
        raise typer.Exit()


def _journal_path(value: str) -> Path:
    # An empty --db is a slip (an unset shell variable), not the current folder.
    if not value.strip():
        raise InvalidInput("the journal path is empty", "give --db a file, e.g. --db films.json")
    return Path(value)


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar="FILMLOG_DB",
            help="Journal file to use.",
            show_envvar=True,
            parser=_journal_path,
            metavar="<path>",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """filmlog: log the films you watch, review them, keep notes on your discs.

    The journal is one JSON file you own (see `filmlog path`).
    """
    ctx.obj = State(db)


def run(args: list[str]) -> int:
    """Run the app on ``args``; return the exit code. Errors print one ``error:`` line."""
    for arg in args:
        # Bytes that are not UTF-8 arrive as lone surrogates, which no journal can hold.
        if not arg.isascii() and not _is_utf8(arg):
            shown = arg.encode("utf-8", "backslashreplace").decode()
            return _fail(
                f"{shown!r} is not UTF-8 text (check the terminal's encoding)", ExitCode.BAD_INPUT
            )
    args = _hoist_db(args)
    # A script reading JSON gets plain messages, and the command never imports Rich.
    common.plain_messages = "--json" in args
    from filmlog.cli import complete

    try:
        if (code := complete.explicit_shell(args)) is not None:
            return code
        result = app(args=args, prog_name="filmlog", standalone_mode=False)
    except FilmlogError as exc:
        return _fail(str(exc), exc.exit_code)
    except typer.TyperException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            # The help it stands for is printed already; it is not an error to report.
            return _no_args_help(exc)
        return _fail(_usage_message(exc), exc.exit_code)
    except typer.Abort:
        # Raised at a prompt (end of input, Ctrl-C): end the prompt's line first.
        sys.stderr.write("\n")
        return _fail("aborted", ExitCode.FAILED)
    except KeyboardInterrupt:
        return _fail("interrupted", ExitCode.INTERRUPTED)
    except BrokenPipeError:
        _quiet_stdout()
        return ExitCode.FAILED
    except Exception as exc:
        if debug():
            raise
        return _fail(
            f"unexpected {type(exc).__name__}: {exc} (set FILMLOG_DEBUG=1 for the traceback)",
            ExitCode.FAILED,
        )
    return result if isinstance(result, int) else ExitCode.OK


def _hoist_db(args: list[str]) -> list[str]:
    """Let ``--db PATH`` stand anywhere, as users type it after the command too."""
    front: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        if arg == "--db" and index + 1 < len(args):
            front += args[index : index + 2]
            index += 2
            continue
        if arg.startswith("--db="):
            front.append(arg)
        else:
            rest.append(arg)
        index += 1
    return front + rest


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _no_args_help(exc: typer.TyperException) -> int:
    text = exc.format_message()
    if text.strip():
        sys.stdout.write(text.rstrip("\n") + "\n")
    return int(getattr(exc, "exit_code", ExitCode.BAD_INPUT))


def _usage_message(exc: typer.TyperException) -> str:
    message = " ".join(exc.format_message().split())
    unknown = _UNKNOWN.fullmatch(message)
    if unknown is not None and "Did you mean" not in message:
        # Typer suggests from the commands loaded so far; filmlog loads them when asked.
        import difflib

        near = difflib.get_close_matches(unknown[1], COMMANDS)
        if near:
            message = f"{message.rstrip('.')}. Did you mean {', '.join(map(repr, near))}?"
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        message += f" (see '{ctx.command_path} --help')"
    return message


_UNKNOWN = re.compile(r"No such command '(.*)'\.?")


def _fail(message: str, code: int) -> int:
    """``error: …`` on stderr, on one line whatever a stored title holds (newlines,
    terminal escape codes); the exit code."""
    sys.stdout.flush()
    if common.plain_messages:
        from filmlog.models import clean_line

        sys.stderr.write(f"error: {clean_line(message)}\n")
    else:
        from filmlog.render.console import say
        from filmlog.render.messages import error_line

        say(error_line(message), stderr=True)
    sys.stderr.flush()
    return code


def _quiet_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
