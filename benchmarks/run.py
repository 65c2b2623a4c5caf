"""Time whole filmlog processes on journals of 1k, 10k and 100k viewings.

    .venv/bin/python benchmarks/run.py            # 1k, 10k and 100k, 9 rounds
    .venv/bin/python benchmarks/run.py --sizes 10000 --rounds 5

Each journal is built by importing a generated Letterboxd export (diary.csv and
reviews.csv) with ``filmlog import letterboxd``. Then, round by round, every command
runs as a fresh process right after the floor S = ``python -c "import typer,
rich.console, rich.table, tinydb"`` (the libraries filmlog is made of) run by the same
interpreter, so both see the same machine load. The table gives the median wall time,
the ratio of that median to S's median, and the peak resident memory of the process (the
largest over the rounds).

Each journal also holds a film whose review is Markdown with headings and lists
(``show (Markdown review)``) and one whose review is plain text (``show (plain
review)``, which needs no Markdown renderer); the reviews of the film ``show`` looks up
come from Letterboxd HTML with bold and italics, so they are Markdown too. ``film list``
prints to a pipe, one row a line. ``completion (title)`` is bash asking what completes
``filmlog show`` and the first letters of that film's title.

Writes go to a fresh copy of the journal every round (``add`` does not grow it), and
each import round starts from an empty journal. Everything is written under
``benchmarks/work/`` (ignored by git), which is emptied first.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from letterboxd import SHOW_TITLE, Export

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
FLOOR = [sys.executable, "-c", "import typer, rich.console, rich.table, tinydb"]
IMPORT_ROWS = 10_000

# (command, size) -> the largest median ratio to S allowed, from the issues.
TARGETS: dict[tuple[str, int], float] = {
    ("--version", 10_000): 0.35,
    ("show", 10_000): 1.35,
    ("show (Markdown review)", 10_000): 1.6,
    ("diary --limit 20", 10_000): 1.3,
    ("add", 10_000): 1.5,
    ("add (new film)", 10_000): 1.5,
    ("film list", 10_000): 1.5,
    ("stats", 10_000): 2.5,
    ("stats --html", 10_000): 4.0,
    ("search", 10_000): 2.5,
    ("completion (title)", 10_000): 1.3,
    ("import letterboxd 10k rows", 10_000): 15.0,
    ("show", 100_000): 5.0,
    ("add", 100_000): 10.0,
    ("add (new film)", 100_000): 10.0,
}
PLAIN_TITLE = "A Review in Plain Words"
PLAIN = "Nothing here is Markdown.\nJust two lines,\n\nand a second paragraph.\n"
ESSAY_TITLE = "An Essay in Markdown"
ESSAY = """# A performance

Nicolas Cage plays Ben Sanderson as a man who has *already* decided.

## What the film gets right

- the score, which Mike Figgis wrote himself
- Elisabeth Shue as **Sera**
- the light of the Strip at dawn

## What it does not

1. a subplot that goes nowhere
2. the last ten minutes

> "You can't ask me to stop."
"""
PEAK_MB_TARGET = (10_000, 80.0)


@dataclass
class Sample:
    seconds: list[float] = field(default_factory=list)
    peak_kb: int = 0


@dataclass(frozen=True)
class Command:
    name: str
    args: Callable[[Path], list[str]]
    # "read": runs on the journal; "write": on a fresh copy of it; "import": on an empty one.
    mode: str = "read"
    needs: str = ""
    sizes: tuple[int, ...] | None = None
    # Output to a pipe (no COLUMNS): list commands print one row a line.
    piped: bool = False
    # A reference: runs this interpreter with ``-c`` code (given the journal's path)
    # instead of filmlog, to show what the named stack alone costs for the same work.
    reference: bool = False
    # More environment: a shell asking for completions passes the words this way.
    env: tuple[tuple[str, str], ...] = ()


def filmlog_argv() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m filmlog``."""
    script = Path(sys.executable).parent / "filmlog"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "filmlog"]


# Settings a user's shell would not have: without bytecode files every run would
# compile the project from source, and unbuffered output costs a write per line.
UNUSUAL = ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PYTHONPROFILEIMPORTTIME")


def child_env(journal: Path, piped: bool = False) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("FILMLOG_") and k not in UNUSUAL and k != "COLUMNS"
    }
    env.update(FILMLOG_DB=str(journal))
    if not piped:
        env.update(COLUMNS="100")
    return env


@dataclass
class Run:
    wall: float
    cpu: float
    peak_kb: int
    code: int


def run_once(argv: Sequence[str], env: dict[str, str], out: Path) -> Run:
    """One process: wall time from spawn to reaped, and its own peak RSS."""
    with out.open("wb") as stdout, out.with_suffix(".err").open("wb") as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL, env=env
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, cpu, peak, code)


def available(base: list[str], words: list[str]) -> bool:
    """Whether this filmlog has a command (its --help exits 0)."""
    result = subprocess.run(
        [*base, *words, "--help"],
        capture_output=True,
        env=child_env(WORK / "probe.json"),
        check=False,
    )
    return result.returncode == 0


def build_journal(base: list[str], export: Path, journal: Path) -> float:
    """Build a journal by importing a Letterboxd export; returns the seconds it took."""
    start = time.perf_counter()
    result = subprocess.run(
        [*base, "import", "letterboxd", str(export)],
        capture_output=True,
        env=child_env(journal),
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"building {journal} failed:\n{result.stderr.decode(errors='replace')}")
    for title, review in ((ESSAY_TITLE, ESSAY), (PLAIN_TITLE, PLAIN)):
        added = subprocess.run(
            [*base, "add", title, "--year", "2001", "--on", "2025-06-30", "--review-file", "-"],
            input=review.encode(),
            capture_output=True,
            env=child_env(journal),
            check=False,
        )
        if added.returncode != 0:
            sys.exit(f"adding {title} failed:\n{added.stderr.decode(errors='replace')}")
    return time.perf_counter() - start


def generate(folder: Path, rows: int) -> Export:
    """Write a Letterboxd export in a child process (see build_journal)."""
    result = subprocess.run(
        [sys.executable, str(HERE / "letterboxd.py"), str(folder), str(rows)],
        capture_output=True,
        check=True,
        text=True,
    )
    films, reviews = (int(n) for n in result.stdout.split())
    return Export(folder, rows, films, reviews)


# What every command that reads the journal pays before filmlog's own work: S, plus
# parsing the journal file once (the way TinyDB's storages read it: the whole JSON
# document, with the cyclic garbage collector off and no teardown, as filmlog has it)
# and, for Markdown reviews, rich.markdown. No filmlog code runs.
_PARSE = (
    "import gc, os, sys, typer, rich.console, rich.table, tinydb, orjson",
    "gc.disable()",
    "with open(sys.argv[1], 'rb') as f: data = orjson.loads(f.read())",
)
READ_ONLY = "\n".join((*_PARSE, "os._exit(0)"))
READ_MARKDOWN = "\n".join((*_PARSE, "import rich.markdown", "os._exit(0)"))
# ... and what a change pays at least: parse, dump sorted and indented, write a temp file,
# fsync it, rename it over the journal (a copy, so the built journal stays as it is).
READ_WRITE = "\n".join(
    (
        *_PARSE,
        "out = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)",
        "temp = sys.argv[1] + '.bench-temp'",
        "with open(temp, 'wb') as f: f.write(out); f.flush(); os.fsync(f.fileno())",
        "os.replace(temp, temp + '-done')",
        "os._exit(0)",
    )
)


def commands(export_10k: Path) -> list[Command]:
    return [
        Command("(S + parse journal)", lambda j: [READ_ONLY, str(j)], reference=True),
        Command("(S + parse + rich.markdown)", lambda j: [READ_MARKDOWN, str(j)], reference=True),
        Command("(S + parse + write)", lambda j: [READ_WRITE, str(j)], "write", reference=True),
        Command("--version", lambda j: ["--version"]),
        Command("add", lambda j: ["add", SHOW_TITLE, "--rating", "4", "--tag", "bench"], "write"),
        Command(
            "add (new film)", lambda j: ["add", "A Film Nobody Logged", "--year", "2024"], "write"
        ),
        Command("show", lambda j: ["show", SHOW_TITLE]),
        Command("show (Markdown review)", lambda j: ["show", ESSAY_TITLE]),
        Command("show (plain review)", lambda j: ["show", PLAIN_TITLE]),
        Command("diary --limit 20", lambda j: ["diary", "--limit", "20"]),
        Command("film list", lambda j: ["film", "list"], needs="film list", piped=True),
        Command("stats", lambda j: ["stats"], needs="stats"),
        Command(
            "stats --html",
            lambda j: ["stats", "--year", "2024", "--html", str(j.parent / "stats.html")],
            needs="stats",
        ),
        Command("search", lambda j: ["search", "vegas"], needs="search"),
        Command(
            "completion (title)",
            lambda j: [],
            env=(
                ("_FILMLOG_COMPLETE", "complete_bash"),
                ("COMP_WORDS", f"filmlog show {SHOW_TITLE[:4]}"),
                ("COMP_CWORD", "2"),
            ),
        ),
        Command("export", lambda j: ["export"], needs="export"),
        Command(
            "import letterboxd 10k rows",
            lambda j: ["import", "letterboxd", str(export_10k)],
            "import",
            needs="import letterboxd",
            sizes=(IMPORT_ROWS,),
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="journal sizes in viewings, comma-separated (default: 1000,10000,100000)",
    )
    parser.add_argument("--rounds", type=int, default=9, help="timed rounds (default: 9)")
    parser.add_argument(
        "--measure",
        choices=("wall", "cpu"),
        default="wall",
        help="time each process by the clock (default) or by its CPU time, steadier on a "
        "busy machine",
    )
    parser.add_argument(
        "--only", default="", help="comma-separated command names to time (default: all)"
    )
    opts = parser.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in opts.sizes.split(",") if s.strip()})
    if opts.rounds < 1:
        parser.error("--rounds must be at least 1")

    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    base = filmlog_argv()
    if not available(base, ["import", "letterboxd"]):
        sys.exit("this filmlog has no 'import letterboxd', which builds the journals")
    print(f"filmlog: {' '.join(base)}", flush=True)
    print(f"floor S: {' '.join(FLOOR)}", flush=True)
    print("journals built with filmlog import letterboxd:", flush=True)

    journals: dict[int, Path] = {}
    export_10k = WORK / f"letterboxd-{IMPORT_ROWS}"
    for size in sorted({*sizes, IMPORT_ROWS}):
        export = generate(WORK / f"letterboxd-{size}", size)
        if size not in sizes:
            continue
        journal = WORK / f"journal-{size}" / "journal.json"
        journal.parent.mkdir()
        took = build_journal(base, export.folder, journal)
        journals[size] = journal
        mb = journal.stat().st_size / 1e6
        print(
            f"  {size:>7,} viewings: {export.films:,} films, {export.reviews:,} reviews, "
            f"{mb:.1f} MB journal, built in {took:.1f} s",
            flush=True,
        )

    wanted = {n.strip() for n in opts.only.split(",") if n.strip()}
    plan: list[tuple[Command, int]] = []
    missing: set[str] = set()
    for command in commands(export_10k):
        if wanted and command.name not in wanted:
            continue
        if command.needs and not command.reference and not available(base, command.needs.split()):
            missing.add(command.name)
            continue
        for size in sizes:
            if command.sizes is None or size in command.sizes:
                plan.append((command, size))

    built = {size: _stamp(path) for size, path in journals.items()}
    floor, results = time_rounds(plan, sizes, journals, base, opts.rounds, opts.measure)
    if any(_stamp(path) != built[size] for size, path in journals.items()):
        sys.exit("a built journal changed during the rounds: the timings are not comparable")
    print()
    print(
        table(
            sizes,
            floor,
            results,
            [c.name for c in commands(export_10k)],
            missing,
            f"median {opts.measure} time of {opts.rounds} rounds",
        )
    )
    print()
    failed = check_targets(floor, results)
    return 1 if failed else 0


def time_rounds(
    plan: list[tuple[Command, int]],
    sizes: list[int],
    journals: dict[int, Path],
    base: list[str],
    rounds: int,
    measure: str,
) -> tuple[dict[int, Sample], dict[tuple[str, int], Sample]]:
    """Run every planned command once a round, each right after S; round 0 warms up."""
    floor: dict[int, Sample] = {size: Sample() for size in sizes}
    results: dict[tuple[str, int], Sample] = {(c.name, s): Sample() for c, s in plan}
    out = WORK / "out.txt"
    for round_no in range(rounds + 1):
        warm_up = round_no == 0
        # Rotate the order each round so no command always follows the same one.
        shift = round_no % max(len(plan), 1)
        for command, size in plan[shift:] + plan[:shift]:
            journal = prepare(command, size, journals.get(size), round_no)
            env = child_env(journal, command.piped) | dict(command.env)
            floor_run = run_once(FLOOR, env, out)
            program = [sys.executable, "-c"] if command.reference else base
            run = run_once([*program, *command.args(journal)], env, out)
            if run.code != 0:
                err = out.with_suffix(".err").read_text(errors="replace")
                sys.exit(f"{command.name} at {size:,} exited {run.code}:\n{err}")
            if warm_up:
                continue
            floor[size].seconds.append(getattr(floor_run, measure))
            floor[size].peak_kb = max(floor[size].peak_kb, floor_run.peak_kb)
            sample = results[(command.name, size)]
            sample.seconds.append(getattr(run, measure))
            sample.peak_kb = max(sample.peak_kb, run.peak_kb)
        print(f"  round {round_no}/{rounds}" + (" (warm-up)" if warm_up else ""), flush=True)
    return floor, results


def prepare(command: Command, size: int, journal: Path | None, round_no: int) -> Path:
    """The journal a command runs on this round."""
    if command.mode == "import":
        fresh = WORK / f"import-{size}" / f"round-{round_no}"
        if fresh.parent.exists():
            shutil.rmtree(fresh.parent)
        fresh.mkdir(parents=True)
        return fresh / "journal.json"
    assert journal is not None
    if command.mode == "write":
        # The built journal again each round, as a hard link: filmlog writes a new file
        # and renames it over the old one, never into it, so the original stays as built
        # (main() checks) and no round copies 100 MB. Backups pile up as for a user.
        again = WORK / f"write-{size}" / "journal.json"
        again.parent.mkdir(exist_ok=True)
        again.unlink(missing_ok=True)
        os.link(journal, again)
        return again
    return journal


def _stamp(path: Path) -> tuple[int, int, int]:
    info = path.stat()
    return info.st_ino, info.st_size, info.st_mtime_ns


def median_ms(sample: Sample) -> float:
    return statistics.median(sample.seconds) * 1000


def table(
    sizes: list[int],
    floor: dict[int, Sample],
    results: dict[tuple[str, int], Sample],
    names: list[str],
    missing: set[str],
    caption: str,
) -> str:
    head = f"{'command':<28}" + "".join(f"| {f'{s:,} viewings':^23}" for s in sizes)
    sub = f"{'':<28}" + "".join(f"| {'ms':>8} {'xS':>6} {'MB':>6} " for _ in sizes)
    lines = [
        f"ms = {caption}; xS = that / the same for S; MB = peak RSS (largest round)",
        head,
        sub,
        "-" * len(sub),
    ]

    def cells(sample: Sample | None, size: int, mark: str = "") -> str:
        if sample is None or not sample.seconds:
            return f"| {'-':>8} {'':>6} {'':>6} "
        ms = median_ms(sample)
        ratio = ms / median_ms(floor[size])
        return f"| {ms:>8.1f} {ratio:>5.2f}x {sample.peak_kb / 1024:>6.1f}{mark}"

    lines.append(f"{'S (floor)':<28}" + "".join(cells(floor[s], s) for s in sizes))
    for name in names:
        if name in missing:
            lines.append(f"{name:<28}" + "".join(f"| {'n/a':>8} {'':>6} {'':>6} " for _ in sizes))
            continue
        if not any((name, s) in results for s in sizes):
            continue
        lines.append(f"{name:<28}" + "".join(cells(results.get((name, s)), s) for s in sizes))
    return "\n".join(lines)


def check_targets(floor: dict[int, Sample], results: dict[tuple[str, int], Sample]) -> list[str]:
    """Print each target with its measurement; return the ones missed."""
    failed = []
    print("targets (median ratio to S):")
    for (name, size), limit in TARGETS.items():
        sample = results.get((name, size))
        if sample is None or not sample.seconds or size not in floor:
            continue
        ratio = median_ms(sample) / median_ms(floor[size])
        ok = ratio <= limit
        print(
            f"  {name:<28} at {size:>7,}: {ratio:5.2f}x  (<= {limit}x)  {'ok' if ok else 'MISSED'}"
        )
        if not ok:
            failed.append(name)
    size, limit_mb = PEAK_MB_TARGET
    peaks = [(n, s.peak_kb / 1024) for (n, sz), s in results.items() if sz == size and s.seconds]
    if peaks:
        name, worst = max(peaks, key=lambda p: p[1])
        ok = worst <= limit_mb
        print(
            f"  {'peak memory':<28} at {size:>7,}: {worst:5.1f} MB ({name}; <= {limit_mb:.0f} MB)  "
            + ("ok" if ok else "MISSED")
        )
        if not ok:
            failed.append("peak memory")
    return failed


if __name__ == "__main__":
    sys.exit(main())
