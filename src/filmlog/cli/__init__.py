"""The ``filmlog`` command.

``main`` answers ``--version`` before importing Typer or Rich, so the cheapest call
costs no more than the interpreter; everything else goes through the Typer app.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``filmlog`` console script and ``python -m filmlog``."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from filmlog import __version__

        sys.stdout.write(f"filmlog {__version__}\n")
        return
    import signal

    # Signals wait until the handlers below are in place: a Ctrl-C landing while a C
    # extension such as orjson initialises its module can crash the interpreter, and
    # one landing in any import ends in a traceback. Nothing is imported before this.
    # Windows has no SIGHUP and no signal masks: there the handlers are simply set.
    stopping = {signal.SIGINT, signal.SIGTERM}
    if hasattr(signal, "SIGHUP"):
        stopping.add(signal.SIGHUP)
    masks = hasattr(signal, "pthread_sigmask")
    if masks:
        signal.pthread_sigmask(signal.SIG_BLOCK, stopping)
    import contextlib
    import gc

    # A command is a short-lived process: the cyclic collector would walk the whole
    # parsed journal again and again (most of the time of a 100k-viewing journal),
    # while reference counting frees what it makes; the journal forms no cycles.
    gc.disable()
    import orjson  # noqa: F401  (loaded here, with signals held, not mid-command)

    from filmlog.cli.app import run

    for signum in stopping:
        if signal.getsignal(signum) in (signal.SIG_DFL, signal.default_int_handler):
            signal.signal(signum, _stop)
    try:
        if masks:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, stopping)
        code = run(args)
    except _Stopped as stop:
        with contextlib.suppress(OSError):
            sys.stderr.write("error: interrupted\n")
        code = 128 + stop.signum
    _exit(code)


def _exit(code: int) -> None:
    """Exit at once: the interpreter's teardown would free the parsed journal object by
    object, which takes longer than many commands. Output is flushed first; the journal
    was written and synced before the command returned; nothing else is left to run."""
    import contextlib
    import os

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


class _Stopped(BaseException):
    """Ctrl-C, SIGTERM or a closed terminal, unwinding the command like an exception.

    A write in progress removes its temp file and leaves the journal whole. Not a
    KeyboardInterrupt, which Typer would turn into a silent exit.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: object) -> None:
    raise _Stopped(signum)
