"""A fault hook for the tests: crash, fail or stall a write at a named step.

Tests set FILMLOG_FAULTS the way SQLite's test suite injects I/O errors. Unset (always,
for users) it costs one lookup. Forms: "fail@N" (EIO at the Nth file operation),
"enospc@N", "kill@STEP" (SIGKILL this process at a step), "pause@STEP" (print the step
on stderr and sleep).
"""

from __future__ import annotations

import errno
import os
import time

counter = [0]


def step(name: str) -> None:
    """Mark a step of reading or writing the journal (a no-op unless FILMLOG_FAULTS is set)."""
    spec = os.environ.get("FILMLOG_FAULTS")
    if not spec:
        return
    counter[0] += 1
    for rule in spec.split(","):
        action, _, where = rule.partition("@")
        if where not in (name, str(counter[0])):
            continue
        if action == "fail":
            raise OSError(errno.EIO, f"injected I/O error at {name}")
        if action == "enospc":
            raise OSError(errno.ENOSPC, f"injected disk full at {name}")
        if action == "kill":
            import signal

            os.kill(os.getpid(), signal.SIGKILL)
        if action == "pause":
            os.write(2, f"paused at {name}\n".encode())
            time.sleep(3600)
