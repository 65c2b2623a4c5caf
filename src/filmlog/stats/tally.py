"""Names counted whatever their spelling: directors, actors, genres, countries, tags,
companions and places.

They are typed by hand or imported from several sources, so "Kieślowski" and "Kieslowski"
must count as one name. A tally folds case, accents and punctuation, keeps both counts
(films and viewings) and shows the commonest spelling.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from filmlog.models import fold
from filmlog.stats.figures import Ranked


def _ranked(items: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    return sorted(items, key=lambda item: (-item[1], fold(item[0]), item[0]))


class _Tally:
    """Counts names with case, accents and punctuation ignored; shows the commonest spelling.

    Films are counted once per name, viewings as often as they happen.
    """

    __slots__ = ("films", "sets", "spellings")

    def __init__(self) -> None:
        self.spellings: Counter[str] = Counter()  # viewings
        self.films: Counter[str] = Counter()
        self.sets: dict[str, set[str]] = {}  # film ids, for names given per viewing

    def add_film(self, names: Iterable[str] | None, viewings: int) -> None:
        """The names of one film viewed ``viewings`` times."""
        if not names:
            return
        if type(names) is not list and type(names) is not tuple:
            raise TypeError("a film's names should be a list")
        # A name listed twice on one film (an actor in two roles) counts once.
        for name in dict.fromkeys(n.strip() for n in names):
            self.spellings[name] += viewings
            self.films[name] += 1

    def add_viewing(self, name: str, film_id: str, viewings: int = 1) -> None:
        """A name given to viewings of one film (a tag, a companion)."""
        name = name.strip()
        self.spellings[name] += viewings
        self.sets.setdefault(name, set()).add(film_id)

    def top(self, limit: int, by: str = "films") -> list[Ranked]:
        # Folding once per distinct spelling, not once per viewing, keeps this cheap.
        viewings: Counter[str] = Counter()
        films: dict[str, Any] = {}
        best: dict[str, tuple[int, str]] = {}
        for name, n in self.spellings.items():
            key = fold(name)
            if not key:
                continue
            viewings[key] += n
            if name in self.sets:
                films[key] = films.get(key, set()) | self.sets[name]
            else:
                films[key] = films.get(key, 0) + self.films[name]
            if key not in best or (-n, name) < best[key]:
                best[key] = (-n, name)
        counted = [
            (best[key][1], v, f if isinstance(f, int) else len(f))
            for key, v in viewings.items()
            for f in (films[key],)
        ]
        if by == "films":
            counted.sort(key=lambda c: (-c[2], -c[1], fold(c[0]), c[0]))
            return [Ranked(name, f, f, v) for name, v, f in counted[:limit]]
        counted.sort(key=lambda c: (-c[1], -c[2], fold(c[0]), c[0]))
        return [Ranked(name, v, f, v) for name, v, f in counted[:limit]]
