"""``python -m filmlog``."""

# Ctrl-C waits from here on until filmlog.cli.main has its handlers in place (it blocks
# the same signals and unblocks them), so it never ends in a traceback. The C module:
# importing ``signal`` first would load ``enum``, long enough for a Ctrl-C to land.
import _signal  # type: ignore[import-not-found]  # no stubs for the C module

if hasattr(_signal, "pthread_sigmask"):  # not on Windows, which has no SIGHUP either
    _signal.pthread_sigmask(_signal.SIG_BLOCK, {_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP})

from filmlog.cli import main

main()
