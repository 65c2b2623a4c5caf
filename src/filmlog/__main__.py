"""``python -m filmlog``."""

# Ctrl-C waits from here on until filmlog.cli.main has its handlers in place (it blocks
# the same signals and unblocks them), so it never ends in a traceback. The C module:
# importing ``signal`` first would load ``enum``, long enough for a Ctrl-C to land.
import _signal  # type: ignore[import-not-found]  # no stubs for the C module

_signal.pthread_sigmask(_signal.SIG_BLOCK, {_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP})

from filmlog.cli import main  # noqa: E402

main()
