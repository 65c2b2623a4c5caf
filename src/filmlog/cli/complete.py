"""Shell completion: what a TAB offers for titles, media, tags, list names and sort keys.

Each function is a Typer ``autocompletion`` callback. They read the journal's stored
documents for the few fields they offer, never models, and never fail: a journal that is
missing or unreadable offers nothing. ``filmlog --install-completion SHELL`` and
``--show-completion SHELL`` install or print the script of the shell named (Typer alone
would use the shell it detects and ignore the name).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

import typer

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
PROG = "filmlog"
COMPLETE_VAR = "_FILMLOG_COMPLETE"


def _tables(ctx: typer.Context, *names: str) -> list[dict[str, dict[str, Any]]]:
    """The documents of some tables of the journal chosen by --db or FILMLOG_DB."""
    from filmlog import paths

    root = ctx.find_root()
    db = root.params.get("db") if root.params else None
    try:
        from filmlog.store import Store

        store = Store.open(paths.journal_path(db))
        data = store.raw_data()
    except Exception:  # completion offers nothing rather than print an error mid-line
        return [{} for _ in names]
    found = []
    for name in names:
        docs = data.get(name)
        found.append(docs if isinstance(docs, dict) else {})
    return found


def _starting(values: Iterable[object], incomplete: str) -> list[str]:
    """The values (once each, sorted) that start as ``incomplete`` does, case aside.

    Typer keeps only the values that start with what was typed exactly, so a value that
    differs from it in case is offered in the case typed (``heat`` offers ``heat`` for
    "Heat", which every command takes as the same title)."""
    from filmlog.models import fold

    size = len(incomplete)
    typed = incomplete.casefold()
    offered: dict[str, None] = {}
    for value in values:
        if not isinstance(value, str) or not value or value[:size].casefold() != typed:
            continue
        offered[incomplete + value[size:]] = None
    return sorted(offered, key=fold)


def titles(ctx: typer.Context, incomplete: str) -> list[str]:
    """Film titles and aliases (every command takes an alias for its film)."""
    (films,) = _tables(ctx, "films")
    names = (name for doc in films.values() for name in (doc.get("title"), *(doc.get("aka") or ())))
    return _starting(names, incomplete)


def tags(ctx: typer.Context, incomplete: str) -> list[str]:
    """Tags the journal's viewings carry."""
    from filmlog.tags import tag_counts

    (watches,) = _tables(ctx, "watches")
    return _starting((c.tag for c in tag_counts({"watches": watches})), incomplete)


def list_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """The names of the journal's lists."""
    (lists,) = _tables(ctx, "lists")
    return _starting((d.get("name", "") for d in lists.values()), incomplete)


def media(incomplete: str) -> list[str]:
    from filmlog.models import MEDIA

    return _starting(MEDIA, incomplete)


def film_sorts(incomplete: str) -> list[str]:
    from filmlog.film_list import FILM_SORTS

    return [s for s in FILM_SORTS if s.startswith(incomplete.strip().casefold())]


def shells(incomplete: str) -> list[str]:
    return [s for s in SHELLS if s.startswith(incomplete)]


def explicit_shell(args: list[str]) -> int | None:
    """Run ``--install-completion SHELL`` or ``--show-completion SHELL`` (an exit code),
    or None when ``args`` are not one of them with a shell named."""
    while args[:1] == ["--db"] or (args and args[0].startswith("--db=")):
        args = args[2:] if args[0] == "--db" else args[1:]
    if len(args) != 2 or args[0] not in ("--install-completion", "--show-completion"):
        return None
    shell = args[1].strip().casefold()
    if shell not in SHELLS:
        from filmlog.errors import InvalidInput

        raise InvalidInput(f"{args[1]!r} is not a shell filmlog completes", "use bash, zsh or fish")
    from typer._completion_shared import get_completion_script, install

    if args[0] == "--show-completion":
        script = get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell)
        sys.stdout.write(script.rstrip("\n") + "\n")
        return 0
    installed, path = install(shell=shell, prog_name=PROG, complete_var=COMPLETE_VAR)
    sys.stdout.write(f"{installed} completion installed in {path}\n")
    sys.stdout.write("Completion will take effect once you restart the terminal\n")
    return 0
