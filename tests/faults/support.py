"""Shared tools of the fault-injection suite (tests/faults/); holds no tests.

- ``rounds(n)``: how many times a long loop runs; FILMLOG_FAULT_ROUNDS shrinks every
  loop for a quick local run (CI runs the full counts).
- ``Forker``: a helper process that has imported filmlog once and forks a child per
  command, so the suite can SIGKILL hundreds of real writers without paying Python's
  start-up each time. The children run the real CLI entry (``run``) on the real file.
- ``replay``: the journal a command would write, computed on a scratch copy, so that a
  journal found after a crash can be compared with "the old one or the new one".
- ``Namespace``: run a shell script in a private mount namespace (``unshare``), where a
  tiny tmpfs gives a real disk-full and a read-only bind mount a real read-only folder.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filmlog import paths, store
from filmlog.store import faults
from tests.helpers import Result, invoke

ROOT = Path(__file__).resolve().parents[2]

# The steps of one journal write, in order, as the store's fault hook names them.
BEFORE_REPLACE = (
    "locked",
    "read",
    "backup",
    "tmp-open",
    "tmp-write",
    "tmp-fsync",
    "tmp-close",
    "replace",
)
AFTER_REPLACE = ("dir-fsync", "prune")
WRITE_STEPS = BEFORE_REPLACE + AFTER_REPLACE


def rounds(full: int) -> int:
    """How often a long loop runs: ``full``, or FILMLOG_FAULT_ROUNDS when that is set."""
    wanted = os.environ.get("FILMLOG_FAULT_ROUNDS")
    return max(1, int(wanted)) if wanted else full


def figure(text: str) -> None:
    """A line for the suite's closing figures (shown with ``pytest -s`` or ``-rP``)."""
    print(f"[fault figures] {text}")


# --------------------------------------------------------------------------- files


def read_state(journal: Path) -> bytes | None:
    """The journal's bytes, or None when there is no journal file."""
    try:
        return journal.read_bytes()
    except FileNotFoundError:
        return None


def folder_state(journal: Path) -> dict[str, bytes | None]:
    """Every file beside the journal (and its backups) with its bytes; the lock excluded."""
    found: dict[str, bytes | None] = {}
    for folder in (journal.parent, paths.backup_dir(journal)):
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            if entry == paths.lock_path(journal) or entry.is_dir():
                continue
            found[str(entry.relative_to(journal.parent))] = entry.read_bytes()
    return found


def temp_files(journal: Path) -> list[str]:
    """Temp files a write left beside the journal."""
    return sorted(p.name for p in journal.parent.glob(f".{journal.name}.*.tmp"))


def normalized(raw: bytes | None) -> Any:
    """Parsed journal data with the logging timestamps blanked (they differ per run)."""
    if raw is None:
        return None
    data = json.loads(raw)
    for doc in data.get("watches", {}).values():
        doc["logged"] = ""
    return data


def loads_strictly(journal: Path) -> dict[str, Any]:
    """The journal parsed as strictly as a write would, and checked as doctor does."""
    from filmlog import doctor

    data = store.parse(journal.read_bytes(), journal, for_write=True)
    problems = doctor.check_data(data) + doctor.duplicate_keys(journal.read_bytes())
    assert not problems, problems
    return data


def one_error_line(result: Result | subprocess.CompletedProcess[str]) -> str:
    """The single ``error:`` line a failed command printed on stderr."""
    stderr = result.stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


# --------------------------------------------------------------------------- running


def cli_at(journal: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    """The real CLI, in-process, on ``journal``; fault hook counters start from zero."""
    faults.counter[0] = 0
    return invoke(["--db", str(journal), *args], env=env)


def record_steps(journal: Path, args: Sequence[str]) -> tuple[list[str], Result]:
    """Run a command in-process on a scratch copy of ``journal``; the steps it passed."""
    scratch = journal.parent / f"steps-{random.getrandbits(32):08x}" / journal.name
    scratch.parent.mkdir()
    before = read_state(journal)
    if before is not None:
        scratch.write_bytes(before)
    names: list[str] = []
    real_step = faults.step

    def recording(name: str) -> None:
        names.append(name)
        real_step(name)

    faults.step = recording  # type: ignore[assignment]
    try:
        result = cli_at(scratch, *args, env={"FILMLOG_FAULTS": "none@never"})
    finally:
        faults.step = real_step  # type: ignore[assignment]
        shutil.rmtree(scratch.parent)
    return names, result


def replay(before: bytes | None, args: Sequence[str], scratch_root: Path) -> bytes | None:
    """The journal ``args`` would leave when run on a journal holding ``before``."""
    scratch = scratch_root / f"replay-{random.getrandbits(32):08x}" / "journal.json"
    scratch.parent.mkdir(parents=True)
    try:
        if before is not None:
            scratch.write_bytes(before)
        result = cli_at(scratch, *args)
        assert result.code == 0, (args, result.stderr)
        return read_state(scratch)
    finally:
        shutil.rmtree(scratch.parent)


def python_env(**extra: str) -> dict[str, str]:
    """The environment for a child Python running filmlog from this checkout."""
    env = {**os.environ, **extra}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def spawn(args: Sequence[str], **extra_env: str) -> subprocess.Popen[str]:
    """``python -m filmlog ARGS`` started, not awaited; SIGINT gets its default meaning."""
    return subprocess.Popen(
        [sys.executable, "-m", "filmlog", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=python_env(**extra_env),
        # A runner started in the background ignores SIGINT; the child must not.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509
    )


def wait_for_line(stream: Any, wanted: str, proc: subprocess.Popen[str]) -> str:
    """Read ``stream`` until a line containing ``wanted`` (the child's fault hook talking)."""
    seen = []
    for line in iter(stream.readline, ""):
        seen.append(line)
        if wanted in line:
            return line
    proc.wait(timeout=30)
    raise AssertionError(f"never saw {wanted!r}; the process said: {''.join(seen)!r}")


# --------------------------------------------------------------------------- forker


@dataclass
class Job:
    """One child of the forker: its pid and where its output and progress go."""

    pid: int
    out: Path
    progress: Path

    def output(self) -> str:
        return self.out.read_text(errors="replace") if self.out.exists() else ""

    def progress_lines(self) -> list[str]:
        return self.progress.read_text().splitlines() if self.progress.exists() else []


class Forker:
    """A long-lived helper process that forks one child per command (see module doc).

    A child is reaped only when the test asks (``reap``), so its pid cannot be reused
    by another process before the test has signalled it.
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.count = 0
        self.pending: int | None = None
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.support", "forker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=python_env(),
        )
        assert self._read() == "ready"

    def _read(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, "the forker process died"
        return line.strip()

    def _send(self, message: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(message) + "\n")
        self.proc.stdin.flush()

    def start(
        self,
        journal: Path,
        args: Sequence[str] = (),
        *,
        faults: str | None = None,
        drive_from: int | None = None,
        snapshots: Path | None = None,
    ) -> Job:
        """Fork a child running ``filmlog ARGS`` (or the write loop ``drive``)."""
        self.count += 1
        out = self.workdir / f"job-{self.count}.out"
        progress = self.workdir / f"job-{self.count}.progress"
        env = {"FILMLOG_DB": str(journal), "FILMLOG_LOCK_TIMEOUT": "20"}
        if faults:
            env["FILMLOG_FAULTS"] = faults
        self._send(
            {
                "args": list(args),
                "env": env,
                "out": str(out),
                "progress": str(progress),
                "drive_from": drive_from,
                "snapshots": str(snapshots) if snapshots else None,
            }
        )
        self.pending = int(self._read())
        return Job(self.pending, out, progress)

    def reap(self) -> int:
        """Wait for the last child; its exit code, or minus the signal that ended it."""
        self._send({"reap": True})
        self.pending = None
        return int(self._read())

    def run(self, journal: Path, args: Sequence[str], *, faults: str | None = None) -> int:
        self.start(journal, args, faults=faults)
        return self.reap()

    def close(self) -> None:
        if self.pending is not None:  # a test failed before it ended its child
            os.kill(self.pending, signal.SIGKILL)
            self.reap()
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def _forker_main() -> None:
    from filmlog.cli.app import run

    _warm_up(run)  # imports are paid once here; every child inherits them
    print("ready", flush=True)
    pid = 0
    for line in sys.stdin:
        message = json.loads(line)
        if message.get("reap"):
            _, status = os.waitpid(pid, 0)
            print(os.waitstatus_to_exitcode(status), flush=True)
            continue
        pid = os.fork()
        if pid == 0:
            _child(message, run)
        print(pid, flush=True)


def _warm_up(run: Callable[[list[str]], int]) -> None:
    import contextlib
    import io
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        db = ["--db", str(Path(folder) / "warm.json")]
        sink = io.StringIO()
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            for args in (
                ["add", "Warm", "--on", "2024-01-01", "--rating", "3"],
                ["edit", "1", "--rating", "4"],
                ["show", "Warm"],
                ["doctor"],
            ):
                run([*db, *args])
    with contextlib.suppress(ImportError):
        import filmlog.importers.letterboxd  # noqa: F401


def _child(message: dict[str, Any], run: Callable[[list[str]], int]) -> None:
    code = 70
    try:
        os.environ.update(message["env"])
        faults.counter[0] = 0
        out = os.open(message["out"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.dup2(out, 1)
        os.dup2(out, 2)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        if message["drive_from"] is not None:
            drive(message, run)
        code = run(message["args"])
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


# --------------------------------------------------------------------------- the write loop


def plan(index: int, raw: bytes | None) -> list[str]:
    """The ``index``-th command of the kill loop, given the journal before it.

    Adds (new and known films), edits and deletes, so that a kill can land in any kind
    of write; deterministic, so a test can replay the command a kill interrupted.
    """
    watches = sorted(int(k) for k in json.loads(raw)["watches"]) if raw else []
    film = f"Kill Film {index % 37}"
    year = str(1950 + index % 37)
    kind = index % 6
    if kind == 3 and watches:
        target = watches[index % len(watches)]
        return ["edit", str(target), "--rating", str(1 + index % 5), "--tag", f"t{index}"]
    if kind == 5 and len(watches) > 8:
        return ["rm", str(watches[index % len(watches)]), "--yes"]
    return [
        "add",
        film,
        "--year",
        year,
        "--on",
        f"2024-{1 + index % 12:02d}-{1 + index % 28:02d}",
        "--rating",
        str(0.5 + (index % 10) / 2),
        "--review",
        f"Viewing {index}. " + "Words to make the file longer. " * (index % 7),
    ]


def drive(message: dict[str, Any], run: Callable[[list[str]], int]) -> None:
    """Run ``plan``'s commands one after another until killed, recording each one.

    Before a command: ``begin N`` in the progress file; after it returns 0, a snapshot of
    the journal it left (this loop is the only writer) and ``done N``.
    """
    journal = Path(message["env"]["FILMLOG_DB"])
    snapshots = Path(message["snapshots"])
    progress = os.open(message["progress"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    index = message["drive_from"]
    while True:
        args = plan(index, read_state(journal))
        os.write(progress, f"begin {index}\n".encode())
        code = run(args)
        if code != 0:
            os.write(progress, f"fail {index} {code}\n".encode())
            os._exit(3)
        (snapshots / f"{index}.json").write_bytes(journal.read_bytes())
        os.write(progress, f"done {index}\n".encode())
        index += 1


# --------------------------------------------------------------------------- namespaces


class Namespace:
    """Shell scripts in a private mount namespace, where the suite may mount things."""

    def __init__(self) -> None:
        self.prefix: list[str] | None = None
        self.reason = ""
        unshare = shutil.which("unshare")
        if unshare is None:
            self.reason = "unshare(1) is not installed"
            return
        mount_ns = (
            [unshare, "--mount"]
            if os.geteuid() == 0
            else [unshare, "--user", "--map-root-user", "--mount"]
        )
        probe = subprocess.run(
            [*mount_ns, "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt || exit 9"],
            capture_output=True,
            text=True,
        )
        if probe.returncode != 0:
            self.reason = (
                "cannot mount in a private namespace here "
                f"({probe.stderr.strip() or probe.returncode}); "
                "needs root or unprivileged user namespaces"
            )
            return
        self.prefix = mount_ns

    def run(
        self, script: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        assert self.prefix is not None
        return subprocess.run(
            [*self.prefix, "sh", "-euc", script],
            capture_output=True,
            text=True,
            env=python_env(**(env or {})),
            timeout=120,
        )


_namespace: list[Namespace] = []


def namespace() -> Namespace:
    """The (probed once) namespace runner."""
    if not _namespace:
        _namespace.append(Namespace())
    return _namespace[0]


def filmlog_command() -> str:
    """The shell words that run filmlog from this checkout."""
    return f"{sys.executable} -m filmlog"


def iterate_cuts(raw: bytes, count: int) -> Iterator[bytes]:
    """``count`` truncations of ``raw`` spread from the first byte to the last but one."""
    for n in range(count):
        yield raw[: max(1, (len(raw) - 2) * n // max(1, count - 1))]


if __name__ == "__main__" and sys.argv[1:] == ["forker"]:
    _forker_main()
