"""The Typer application and the one place errors become exit codes."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from filmlog import __version__
from filmlog.cli import common
from filmlog.cli.common import State, debug
from filmlog.errors import FilmlogError, InvalidInput

app = typer.Typer(
    name="filmlog",
    help="A personal film journal for the terminal.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
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


def _register() -> None:
    from filmlog.cli import (
        discs,
        exporting,
        films,
        importing,
        insights,
        lists,
        maintenance,
        watches,
        watchlist,
    )

    modules = (watches, films, discs, watchlist, lists, insights, exporting, importing, maintenance)
    for module in modules:
        module.register(app)


_register()


def run(args: list[str]) -> int:
    """Run the app on ``args``; return the exit code. Errors print one ``error:`` line."""
    for arg in args:
        # Bytes that are not UTF-8 arrive as lone surrogates, which no journal can hold.
        if not arg.isascii() and not _is_utf8(arg):
            shown = arg.encode("utf-8", "backslashreplace").decode()
            return _fail(f"{shown!r} is not UTF-8 text (check the terminal's encoding)", 2)
    args = _hoist_db(args)
    # A script reading JSON gets plain messages, and the command never imports Rich.
    common.plain_messages = "--json" in args
    from filmlog.cli import complete

    try:
        if (code := complete.explicit_shell(args)) is not None:
            return code
        # A shell asking for completions passes the words in its environment.
        with _only_command(_command_name(args) or complete.completing_command()):
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
        return _fail("aborted", 1)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        _quiet_stdout()
        return 1
    except Exception as exc:
        if debug():
            raise
        return _fail(
            f"unexpected {type(exc).__name__}: {exc} (set FILMLOG_DEBUG=1 for the traceback)", 1
        )
    return result if isinstance(result, int) else 0


def _command_name(args: list[str]) -> str | None:
    """The command (or group) that ``args`` run, when nothing but --db comes before it."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--db":
            index += 2
        elif arg.startswith("--db="):
            index += 1
        else:
            return None if arg.startswith("-") else arg
    return None


@contextlib.contextmanager
def _only_command(name: str | None) -> Iterator[None]:
    """Let Typer build only the command being run.

    Typer turns every registered command's signature into Click options on each call,
    which costs more than running most commands; one command costs a few milliseconds.
    Help, completion and unknown names still see the whole app.
    """
    from typer.main import get_command_name, solve_typer_info_defaults

    commands = [
        c
        for c in app.registered_commands
        if c.callback is not None and (c.name or get_command_name(c.callback.__name__)) == name
    ]
    group_names = [solve_typer_info_defaults(g).name for g in app.registered_groups]
    groups = [g for g, n in zip(app.registered_groups, group_names, strict=True) if n == name]
    if name is None or len(commands) + len(groups) != 1 or not all(group_names):
        yield
        return
    saved = app.registered_commands, app.registered_groups
    app.registered_commands, app.registered_groups = commands, groups
    try:
        yield
    finally:
        app.registered_commands, app.registered_groups = saved


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
    return int(getattr(exc, "exit_code", 2))


def _usage_message(exc: typer.TyperException) -> str:
    message = " ".join(exc.format_message().split())
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        message += f" (see '{ctx.command_path} --help')"
    return message


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
