"""The people of the matched titles, and the facts of those titles they make up.

Read once the films are matched, so that only the matched titles' rows of title.crew and
title.principals are kept (the latter has close to a hundred million rows), and of
name.basics only the names of the people those rows name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filmlog.imdb_datasets.files import NULL, Progress, _int, _text, keyed_rows
from filmlog.models import CastMember

if TYPE_CHECKING:  # matching reads the people of what it matched: only types go this way
    from filmlog.imdb_datasets.matching import Lookup, Title

# The film kind of each title type (the kinds `import imdb` gives).
KINDS: dict[str, str] = {
    "movie": "film",
    "tvMovie": "tv movie",
    "short": "short",
    "tvShort": "tv short",
    "video": "video",
    "tvSpecial": "tv special",
    "tvSeries": "tv series",
    "tvMiniSeries": "tv mini series",
    "tvEpisode": "tv episode",
    "videoGame": "video game",
    "musicVideo": "music video",
    "podcastSeries": "podcast series",
    "podcastEpisode": "podcast episode",
}
CAST = frozenset({b"actor", b"actress", b"self"})


def _read_people(
    files: Mapping[str, Path],
    chosen: dict[str, Title],
    result: Lookup,
    progress: Progress | None,
) -> None:
    wanted = {t.encode() for t in chosen}
    crew: dict[bytes, tuple[list[bytes], list[bytes]]] = {}
    for tconst, rest in keyed_rows(files, "title.crew", wanted, result.rows, progress):
        directors, _, writers = rest.partition(b"\t")
        crew[tconst] = (_nconsts(directors), _nconsts(writers))
    result.kept["title.crew"] = len(crew)
    principals: dict[bytes, list[list[bytes]]] = defaultdict(list)
    kept = 0
    for tconst, rest in keyed_rows(files, "title.principals", wanted, result.rows, progress):
        kept += 1
        principals[tconst].append(rest.split(b"\t"))
    result.kept["title.principals"] = kept
    people: set[bytes] = set()
    for made, wrote in crew.values():
        people.update(made, wrote)
    for entries in principals.values():
        people.update(cols[1] for cols in entries if len(cols) > 1)
    names: dict[bytes, str] = {}
    for nconst, rest in keyed_rows(files, "name.basics", people, result.rows, progress):
        names[nconst] = _text(rest.partition(b"\t")[0])
    result.kept["name.basics"] = len(names)
    for chosen_id, title in chosen.items():
        key = chosen_id.encode()
        made, wrote = crew.get(key, ([], []))
        result.facts[chosen_id] = _facts(title, made, wrote, principals.get(key, []), names)


def _nconsts(raw: bytes) -> list[bytes]:
    return [] if raw in (NULL, b"") else raw.split(b",")


def _facts(
    title: Title,
    directors: list[bytes],
    writers: list[bytes],
    principals: list[list[bytes]],
    names: dict[bytes, str],
) -> dict[str, Any]:
    def named(nconsts: Iterable[bytes]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(names[n] for n in nconsts if n in names))

    billed = sorted((c for c in principals if len(c) >= 5), key=lambda c: _int(c[0]) or 0)
    cast: list[CastMember] = []
    for cols in billed:
        if cols[2] in CAST and cols[1] in names:
            cast.append(CastMember(names[cols[1]], " / ".join(_characters(cols[4]))))
    return {
        "imdb": title.tconst,
        "year": title.year,
        "kind": KINDS.get(title.type, title.type),
        "runtime": title.runtime,
        "genres": title.genres,
        "directors": named(directors),
        "writers": named(writers),
        "cast": tuple(cast),
        "composers": named(c[1] for c in billed if c[2] == b"composer"),
        "cinematographers": named(c[1] for c in billed if c[2] == b"cinematographer"),
        "titles": (title.original, title.primary, *title.akas),
    }


def _characters(raw: bytes) -> list[str]:
    """The characters of a principals row: ``["Ben Sanderson"]`` (JSON), or ``\\N``."""
    if raw in (NULL, b""):
        return []
    import orjson

    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return [_text(raw).strip("[]\"' ")]
    if isinstance(value, list):
        return [str(v) for v in value if str(v).strip()]
    return [str(value)]
