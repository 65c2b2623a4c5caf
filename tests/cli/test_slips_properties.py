"""Random sequences of changes through the real CLI leave the derived state true: after
every step, ``seen``, ``rewatch``, the watchlist and disc links are what
``journal.derive`` works out from the stored journal from scratch."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filmlog import journal as rules
from filmlog.store import Store
from tests.helpers import invoke

FILMS = [("Heat", "1995"), ("Alien", "1979"), ("Ran", "1985")]
DAYS = ["2024-01-01", "2024-01-02", "2024-01-03"]
IDS = st.integers(1, 8).map(str)
FILM = st.sampled_from(FILMS)


def _add(film: tuple[str, str], day: str, flag: list[str]) -> list[str]:
    return ["add", film[0], "--year", film[1], "--on", day, "--new", *flag]


STEPS = st.one_of(
    st.builds(
        _add,
        FILM,
        st.sampled_from(DAYS),
        st.sampled_from([[], [], ["--rewatch"], ["--first"], ["--disc", "1"]]),
    ),
    st.builds(lambda i, day: ["edit", i, "--on", day], IDS, st.sampled_from(DAYS)),
    st.builds(
        lambda i, f: ["edit", i, "--title", f[0], "--year", f[1]],
        IDS,
        FILM,
    ),
    st.builds(
        lambda i, how: ["edit", i, *how],
        IDS,
        st.sampled_from(
            [["--rewatch"], ["--first"], ["--clear", "rewatch"], ["--disc", "1"], ["--tag", "x"]]
        ),
    ),
    st.builds(lambda i: ["rm", i, "--yes"], IDS),
    st.builds(
        lambda a, b: ["film", "merge", a[0], "--year", a[1], "--into", f"{b[0]} ({b[1]})", "--yes"],
        FILM,
        FILM,
    ),
    st.just(["undo", "--yes"]),
    st.builds(lambda f: ["watchlist", "add", f[0], "--year", f[1]], FILM),
    st.builds(lambda f: ["disc", "add", f[0], "--year", f[1], "--format", "dvd"], FILM),
)


def _check(journal: Path, step: list[str], added: bool = False) -> None:
    if not journal.exists():
        return
    store = Store.open(journal)
    films, watches, discs = store.films(), store.watches(), store.discs()
    stale_films, stale_watches = rules.derive(films, watches, discs)
    assert (stale_films, stale_watches) == ([], []), step
    known = {f.id for f in films}
    viewed = {w.film for w in watches}
    assert viewed <= known, step
    listed = {item.film for item in store.watchlist()}
    assert listed <= known, step
    # Logging a viewing takes its film off the watchlist (a seen film may be put back on
    # by hand, to see it again, so a viewed film on the list is no fault in itself).
    if step[0] == "add" and added and watches:
        newest = max(watches, key=lambda w: w.id)
        assert newest.film not in listed, step
    held = {d.id: d.films for d in discs}
    for watch in watches:
        if watch.disc is not None:
            assert watch.disc in held and watch.film in held[watch.disc], step


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEPS, min_size=6, max_size=12))
def test_derived_state_stays_true_through_any_sequence_of_changes(steps):
    with tempfile.TemporaryDirectory() as folder:
        journal = Path(folder) / "journal.json"
        env = {"FILMLOG_DB": str(journal)}
        for step in steps:
            result = invoke(step, env=env)
            assert result.code in (0, 1, 2), (step, result)
            assert "unexpected" not in result.stderr, (step, result.stderr)
            _check(journal, step, added=result.code == 0)
