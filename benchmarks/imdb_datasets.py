"""Time ``filmlog facts fill`` over IMDb dataset files of the real format and shape.

    .venv/bin/python benchmarks/imdb_datasets.py                     # 10 million principals
    .venv/bin/python benchmarks/imdb_datasets.py --principals 1000000 --rounds 1

Writes gzipped files with IMDb's headers, tabs, ``\\N`` for missing values, JSON-ish
characters and comma-separated lists, in the proportions of the real datasets: per
title, 8 principals rows, 4 akas rows, a crew row; a rating for a third of the titles; a
name for every 6 principals rows; two titles in three are TV episodes. The journal holds
``--films`` films named like generated feature films (a tenth of them with an IMDb id,
some one year off), plus films the datasets do not have.

Then, round by round, the floor S = ``python -c "import typer, rich.console, rich.table,
tinydb"`` and a fill on a fresh copy of the journal run as processes. The table gives the
median wall time, its ratio to S, the data rows read per second and the peak resident
memory of the fill process. Targets: at least 1 million rows a second, under 300 MB.
Everything is written under ``benchmarks/work/imdb/`` (ignored by git).
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import FLOOR, WORK, child_env, filmlog_argv, run_once

ROWS_PER_SECOND = 1_000_000
PEAK_MB = 300.0
WORDS = (
    b"Night Day Red Blue River Stone City House Dark Light Last First Long Short Cold "
    b"Summer Winter Storm Silent Lost Golden Iron Glass Paper Broken Hidden Wild Quiet"
).split()
CHUNK = 20_000  # titles per block written
# The principals of a title, in billing order.
CATEGORIES = (
    b"actor",
    b"actress",
    b"actor",
    b"actress",
    b"director",
    b"writer",
    b"composer",
    b"cinematographer",
)


def _title(i: int) -> bytes:
    n = len(WORDS)
    return b"%s %s %s %d" % (WORDS[i % n], WORDS[i // n % n], WORDS[i // (n * n) % n], i)


def _is_movie(i: int) -> bool:
    return i % 3 == 0


def _year(i: int) -> int:
    return 1920 + i % 105


def generate(folder: Path, principals: int) -> dict[str, int]:
    """Write the six files; returns the data rows of each."""
    folder.mkdir(parents=True, exist_ok=True)
    titles = max(1, principals // 8)
    names = max(1, principals // 6)
    rows = dict.fromkeys(
        ("title.basics", "title.akas", "title.ratings", "title.crew", "title.principals"), 0
    )
    from filmlog.imdb_datasets import HEADERS

    def open_file(name: str) -> gzip.GzipFile:
        out = gzip.GzipFile(folder / f"{name}.tsv.gz", "wb", compresslevel=1, mtime=0)
        out.write("\t".join(HEADERS[name]).encode() + b"\n")
        return out

    files = {name: open_file(name) for name in rows}
    principal_rows = b"".join(
        b"%%s\t%d\tnm%%07d\t%s\t\\N\t%s\n"
        % (o, cat, b'["Character %d"]' % o if cat.startswith(b"act") else b"\\N")
        for o, cat in enumerate(
            CATEGORIES,
            1,
        )
    )
    for start in range(0, titles, CHUNK):
        basics, akas, ratings, crew, princ = [], [], [], [], []
        for i in range(start, min(titles, start + CHUNK)):
            tconst = b"tt%07d" % (i + 1)
            name = _title(i)
            if _is_movie(i):
                basics.append(
                    b"%s\tmovie\t%s\t%s\t0\t%d\t\\N\t%d\tDrama,Thriller\n"
                    % (tconst, name, name, _year(i), 80 + i % 60)
                )
            else:
                basics.append(
                    b"%s\ttvEpisode\t%s\t%s\t0\t%d\t\\N\t44\tDrama\n"
                    % (tconst, name, name, _year(i))
                )
            akas.append(
                b"%s\t1\t%s\tUS\ten\timdbDisplay\t\\N\t0\n"
                b"%s\t2\t%s\t\\N\t\\N\toriginal\t\\N\t1\n"
                b"%s\t3\t%s (Der Film)\tDE\tde\timdbDisplay\t\\N\t0\n"
                b"%s\t4\tLe %s\tFR\tfr\t\\N\t\\N\t0\n"
                % (tconst, name, tconst, name, tconst, name, tconst, name)
            )
            if i % 3 == 0:
                ratings.append(b"%s\t7.1\t%d\n" % (tconst, 10 + i % 5000))
            people = [(i * 8 + o) % names + 1 for o in range(8)]
            crew.append(b"nm%07d\tnm%07d" % (people[4], people[5]))
            crew[-1] = tconst + b"\t" + crew[-1] + b"\n"
            args: list[bytes | int] = []
            for person in people:
                args += [tconst, person]
            princ.append(principal_rows % tuple(args))
        for name, block in (
            ("title.basics", basics),
            ("title.akas", akas),
            ("title.ratings", ratings),
            ("title.crew", crew),
            ("title.principals", princ),
        ):
            data = b"".join(block)
            files[name].write(data)
            rows[name] += data.count(b"\n")
    for out in files.values():
        out.close()
    with open_file("name.basics") as out:
        for start in range(0, names, CHUNK * 8):
            out.write(
                b"".join(
                    b"nm%07d\tPerson Number %d\t1950\t\\N\tactor\ttt0000001\n" % (n + 1, n + 1)
                    for n in range(start, min(names, start + CHUNK * 8))
                )
            )
    rows["name.basics"] = names
    return rows


def build_journal(journal: Path, principals: int, films: int) -> int:
    """A journal of ``films`` films: most named like generated films, some unknown."""
    from filmlog.models import Film, FilmIds
    from filmlog.store import Store

    titles = max(1, principals // 8)
    movies = [i for i in range(0, titles, 3)]
    step = max(1, len(movies) // films)
    made: list[Film] = []
    for n, i in enumerate(movies[::step][:films]):
        name = _title(i).decode()
        year = _year(i) + (1 if n % 7 == 0 else 0)
        ids = FilmIds(imdb=f"tt{i + 1:07d}") if n % 10 == 0 else FilmIds()
        if n % 13 == 0:
            name, ids = f"A Film IMDb Never Heard Of {n}", FilmIds()
        made.append(Film(id=f"film-{n}", title=name, year=year, ids=ids))
    journal.unlink(missing_ok=True)
    with Store.transaction(journal) as store:
        store.save_films(made)
    return len(made)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--principals", type=int, default=10_000_000)
    parser.add_argument("--films", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="reuse files already generated")
    args = parser.parse_args(argv)
    work = WORK / "imdb"
    data = work / f"datasets-{args.principals}"
    counts_file = data / "rows.txt"
    start = time.perf_counter()
    if args.keep and counts_file.is_file():
        pairs = (line.split() for line in counts_file.read_text().splitlines())
        rows = {k: int(v) for k, v in pairs}
    else:
        shutil.rmtree(work, ignore_errors=True)
        rows = generate(data, args.principals)
        counts_file.write_text("".join(f"{k} {v}\n" for k, v in rows.items()))
    made = time.perf_counter() - start
    total = sum(rows.values())
    size = sum(p.stat().st_size for p in data.glob("*.gz"))
    print(
        f"datasets: {total:,} rows ({rows['title.principals']:,} principals), "
        f"{size / 1e6:.0f} MB gzipped, made in {made:.1f} s"
    )
    base = work / "journal.json"
    films = build_journal(base, args.principals, args.films)
    floor: list[float] = []
    fills: list[float] = []
    peak = 0
    for round_no in range(args.rounds):
        floor.append(run_once(FLOOR, child_env(base), work / "floor.out").wall)
        journal = work / f"round-{round_no}.json"
        shutil.copyfile(base, journal)
        argv_ = [*filmlog_argv(), "facts", "fill", "--imdb-datasets", str(data), "--json"]
        run = run_once(argv_, child_env(journal), work / "fill.out")
        if run.code != 0:
            err = (work / "fill.err").read_text(errors="replace")
            sys.exit(f"the fill failed ({run.code}):\n{err}")
        fills.append(run.wall)
        peak = max(peak, run.peak_kb)
    import json

    outcome = json.loads((work / "fill.out").read_text())
    s = statistics.median(floor)
    wall = statistics.median(fills)
    rate = total / wall
    peak_mb = peak / 1024
    print(
        f"journal: {films} films; matched {len(outcome['matched'])}, "
        f"left alone {len(outcome['refused'])}"
    )
    print()
    print(f"{'':24} {'median':>10} {'x S':>8} {'rows/s':>12} {'peak MB':>9}")
    print(f"{'S (floor)':24} {s * 1000:>8.0f}ms {1:>8.2f}")
    print(
        f"{'facts fill':24} {wall * 1000:>8.0f}ms {wall / s:>8.1f} {rate:>12,.0f} {peak_mb:>9.0f}"
    )
    failed = []
    if rate < ROWS_PER_SECOND:
        failed.append(f"{rate:,.0f} rows/s is under the target {ROWS_PER_SECOND:,}")
    if peak_mb >= PEAK_MB:
        failed.append(f"peak {peak_mb:.0f} MB is over the target {PEAK_MB:.0f} MB")
    for line in failed:
        print("target missed: " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
