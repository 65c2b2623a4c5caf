"""Film facts from IMDb's public dataset files, read offline.

IMDb publishes its non-commercial datasets at https://datasets.imdbws.com/ as tab-separated
files (``title.basics.tsv.gz``, ``title.akas``, ``title.ratings``, ``title.crew``,
``title.principals``, ``name.basics``): a header line, ``\\N`` for a missing value, lists
comma-separated. They are large (title.principals has close to a hundred million rows), so
they are streamed, a block of lines at a time, and only what the journal needs is kept:

1. ``title.akas`` and ``title.basics``: the titles whose id a film holds, or whose primary,
   original or alternative title is a film's title (folded as title lookup folds them);
2. ``title.ratings``: the number of votes of those titles (to break ties);
3. ``title.crew`` and ``title.principals``: the people of the titles the films matched;
4. ``name.basics``: the names of those people.

Memory is bounded by the journal, not by the files. Nothing here touches the journal: the
caller applies the :class:`Lookup` in one transaction (see :func:`fill_changes`).
"""

from __future__ import annotations

import gzip
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec
from msgspec.structs import replace

from filmlog.errors import InvalidInput
from filmlog.models import CastMember, Film, film_to_doc, title_key

DOWNLOAD = "https://datasets.imdbws.com/"
HINT = f"download IMDb's dataset files from {DOWNLOAD}"

# Each file IMDb publishes and the exact header line it starts with.
HEADERS: dict[str, tuple[str, ...]] = {
    "title.basics": (
        "tconst",
        "titleType",
        "primaryTitle",
        "originalTitle",
        "isAdult",
        "startYear",
        "endYear",
        "runtimeMinutes",
        "genres",
    ),
    "title.akas": (
        "titleId",
        "ordering",
        "title",
        "region",
        "language",
        "types",
        "attributes",
        "isOriginalTitle",
    ),
    "title.ratings": ("tconst", "averageRating", "numVotes"),
    "title.crew": ("tconst", "directors", "writers"),
    "title.principals": ("tconst", "ordering", "nconst", "category", "job", "characters"),
    "name.basics": (
        "nconst",
        "primaryName",
        "birthYear",
        "deathYear",
        "primaryProfession",
        "knownForTitles",
    ),
}
NULL = b"\\N"
BLOCK = 1 << 22  # bytes read at a time

# The title types that fit each film kind, best first; a film's kind "film" is also what
# films of unknown kind have, so TV films, videos and shorts fit it after feature films.
FITS: dict[str, tuple[tuple[bytes, ...], ...]] = {
    "film": ((b"movie",), (b"tvMovie", b"video", b"tvSpecial"), (b"short", b"tvShort")),
    "tv movie": ((b"tvMovie",), (b"movie", b"video")),
    "short": ((b"short", b"tvShort"), (b"movie",)),
    "tv short": ((b"tvShort", b"short"),),
    "video": ((b"video",), (b"movie", b"tvMovie")),
    "tv special": ((b"tvSpecial",), (b"tvMovie",)),
    "tv series": ((b"tvSeries",), (b"tvMiniSeries",)),
    "tv mini series": ((b"tvMiniSeries",), (b"tvSeries",)),
    "tv episode": ((b"tvEpisode",),),
    "video game": ((b"videoGame",),),
    "music video": ((b"musicVideo",),),
    "podcast series": ((b"podcastSeries",),),
    "podcast episode": ((b"podcastEpisode",),),
}
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
# A tie on everything else is broken by votes only when the leader has this many times
# the votes of the next title; closer than that, the two are equally good.
VOTES_LEAD = 2

# The facts a fill sets, in the order they are reported.
FIELDS = (
    "imdb",
    "year",
    "kind",
    "runtime",
    "genres",
    "directors",
    "writers",
    "cast",
    "composers",
    "cinematographers",
    "aka",
)
# The journal's _meta record of what a fill set: {film id: "field=fingerprint ..."}.
RECORD = "facts_filled"

Progress = Callable[[str, int, int], None]
"""Called as ``progress(file name, bytes read, file size)`` while a file is read."""


class DatasetError(InvalidInput):
    """A dataset file is missing, of another format, or damaged."""


# --------------------------------------------------------------------------- files


def locate(folder: Path) -> dict[str, Path]:
    """Each dataset file in ``folder`` (``NAME.tsv.gz`` or ``NAME.tsv``), its header checked.

    Raises DatasetError naming the first file that is missing or not what it should be,
    before anything is read.
    """
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a folder"
        raise DatasetError(f"{folder} {what}", HINT)
    found: dict[str, Path] = {}
    for name in HEADERS:
        for candidate in (folder / f"{name}.tsv.gz", folder / f"{name}.tsv"):
            if candidate.is_file():
                found[name] = candidate
                break
        else:
            raise DatasetError(f"{folder / (name + '.tsv.gz')} is missing", HINT)
    for name, path in found.items():
        with _opened(path) as stream:
            _check_header(path, name, _read(path, stream, 64 * 1024).split(b"\n", 1)[0])
    return found


def _check_header(path: Path, name: str, line: bytes) -> None:
    expected = "\t".join(HEADERS[name])
    if line.rstrip(b"\r") != expected.encode():
        raise DatasetError(
            f"{path} is not IMDb's {name} file: its first line should be the columns "
            f"{' '.join(HEADERS[name])}",
            HINT,
        )


class _opened:
    """A dataset file opened for binary reads, ungzipped on the fly when it is gzipped."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.raw = path.open("rb")
        except OSError as exc:
            raise DatasetError(f"cannot read {path}: {exc.strerror or exc}") from None
        self.stream: Any = self.raw
        if self.raw.read(2) == b"\x1f\x8b":
            self.stream = gzip.GzipFile(fileobj=self.raw, mode="rb")
        self.raw.seek(0)

    def __enter__(self) -> Any:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        self.raw.close()


def _read(path: Path, stream: Any, size: int) -> bytes:
    try:
        data: bytes = stream.read(size)
    except EOFError:
        raise DatasetError(f"{path} is cut short (a truncated gzip file)", HINT) from None
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise DatasetError(f"{path} is a damaged gzip file ({exc})", HINT) from None
    except OSError as exc:
        raise DatasetError(f"cannot read {path}: {exc.strerror or exc}") from None
    return data


def blocks(path: Path, name: str, progress: Progress | None = None) -> Iterator[list[bytes]]:
    """The data lines of a dataset file (its header checked and skipped), a block at a time.

    Each line is bytes without its line break (a stray empty line is read as a row that
    matches nothing).
    """
    from filmlog.store.faults import step

    with _opened(path) as stream:
        total = path.stat().st_size
        rest = b""
        header = False
        crlf = False
        while data := _read(path, stream, BLOCK):
            step(f"dataset {name}")  # a no-op unless a test injects a fault here
            lines = (rest + data).split(b"\n")
            rest = lines.pop()
            if not header:
                if not lines:  # the header line is longer than a block so far
                    continue
                _check_header(path, name, lines[0])
                crlf = lines[0].endswith(b"\r")
                del lines[0]
                header = True
            yield [line.rstrip(b"\r") for line in lines] if crlf else lines
            if progress is not None:
                progress(name, _position(stream), total)
        if not header:
            _check_header(path, name, rest)
        elif rest.rstrip(b"\r"):
            yield [rest.rstrip(b"\r")]
        if progress is not None:
            progress(name, total, total)


def _position(stream: Any) -> int:
    raw = getattr(stream, "fileobj", None) or stream
    try:
        return int(raw.tell())
    except (OSError, ValueError):  # pragma: no cover - a closed file
        return 0


# --------------------------------------------------------------------------- titles


@dataclass(slots=True)
class Title:
    """A title of the datasets that a film of the journal may be."""

    tconst: str
    type: str = ""
    primary: str = ""
    original: str = ""
    year: int | None = None
    runtime: int | None = None
    genres: tuple[str, ...] = ()
    akas: list[str] = field(default_factory=list)
    votes: int = 0
    in_basics: bool = False

    @property
    def label(self) -> str:
        year = f" ({self.year})" if self.year else ""
        return f"{self.primary}{year} [{self.type}, {self.tconst}]"


class Match(msgspec.Struct, frozen=True):
    """A film and the title it is, with how it was found."""

    film: Film
    title: Title
    how: str  # "IMDb id", "title and year", "by votes" ...


class Refusal(msgspec.Struct, frozen=True):
    """A film left alone: no title fits it, or several fit it equally well."""

    film: Film
    reason: str
    candidates: tuple[Title, ...]


@dataclass
class Lookup:
    """What the datasets say about a set of films."""

    matches: list[Match] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)  # by tconst
    rows: dict[str, int] = field(default_factory=dict)  # rows read, by file
    kept: dict[str, int] = field(default_factory=dict)  # rows kept, by file


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _int(raw: bytes) -> int | None:
    return int(raw) if raw != NULL and raw.isdigit() else None


def _list(raw: bytes) -> tuple[str, ...]:
    return () if raw in (NULL, b"") else tuple(_text(raw).split(","))


def _fits(kind: str) -> tuple[tuple[bytes, ...], ...]:
    return FITS.get(kind, FITS["film"])


def _type_rank(kind: str, title_type: str) -> int | None:
    for rank, types in enumerate(_fits(kind)):
        if title_type.encode() in types:
            return rank
    return None


def _film_keys(film: Film) -> set[str]:
    return {k for k in (title_key(t) for t in (film.title, *film.aka)) if k}


def lookup(
    files: Mapping[str, Path],
    films: Sequence[Film],
    pinned: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> Lookup:
    """Match ``films`` to titles of the datasets and gather the facts of those titles.

    ``pinned`` maps a film id to the tconst the user says it is (``--imdb``); a film
    holding an IMDb id is matched by it; the others by title, year and title type.
    """
    pinned = dict(pinned or {})
    result = Lookup()
    by_id: dict[str, str] = {}
    for film in films:
        tconst = pinned.get(film.id) or film.ids.imdb
        if tconst:
            by_id[film.id] = tconst
    ids = {tconst.encode() for tconst in by_id.values()}
    keys: set[str] = set()
    types: set[bytes] = set()
    for film in films:
        if film.id not in by_id:
            keys |= _film_keys(film)
            for group in _fits(film.kind):
                types.update(group)
    titles = _read_titles(files, ids, keys, types, result, progress)
    _read_votes(files, titles, result, progress)
    index = _title_index(titles)
    for film in films:
        _match(film, by_id.get(film.id), titles, index, result)
    chosen = {m.title.tconst: m.title for m in result.matches}
    _read_people(files, chosen, result, progress)
    return result


def _read_titles(
    files: Mapping[str, Path],
    ids: set[bytes],
    keys: set[str],
    types: set[bytes],
    result: Lookup,
    progress: Progress | None,
) -> dict[str, Title]:
    titles: dict[str, Title] = {}
    # Akas first: a title whose alternative title is a film's is a candidate, and the
    # other titles of every candidate are kept (a title's rows come together).
    rows = kept = 0
    group: list[list[bytes]] = []
    group_id = b""
    hit = False

    def keep() -> None:
        title = titles.setdefault(_text(group_id), Title(_text(group_id)))
        title.akas.extend(
            _text(cols[2]) for cols in group if len(cols) > 7 and b"working" not in cols[5]
        )

    for block in blocks(files["title.akas"], "title.akas", progress):
        rows += len(block)
        for line in block:
            cols = line.split(b"\t")
            if cols[0] != group_id:
                if hit:
                    kept += len(group)
                    keep()
                group_id, group, hit = cols[0], [], cols[0] in ids
            group.append(cols)
            if not hit and len(cols) > 2 and title_key(_text(cols[2])) in keys:
                hit = True
    if hit:
        kept += len(group)
        keep()
    result.rows["title.akas"], result.kept["title.akas"] = rows, kept
    rows = kept = 0
    for block in blocks(files["title.basics"], "title.basics", progress):
        rows += len(block)
        for line in block:
            cols = line.split(b"\t")
            if len(cols) < 9:
                continue
            tconst = cols[0]
            if not (
                tconst in ids
                or _text(tconst) in titles
                or (
                    cols[1] in types
                    and (title_key(_text(cols[2])) in keys or title_key(_text(cols[3])) in keys)
                )
            ):
                continue
            kept += 1
            title = titles.setdefault(_text(tconst), Title(_text(tconst)))
            title.type = _text(cols[1])
            title.primary = _text(cols[2])
            title.original = _text(cols[3])
            title.year = _int(cols[5])
            title.runtime = _int(cols[7])
            title.genres = _list(cols[8])
            title.in_basics = True
    result.rows["title.basics"], result.kept["title.basics"] = rows, kept
    return {t: title for t, title in titles.items() if title.in_basics}


def _read_votes(
    files: Mapping[str, Path],
    titles: dict[str, Title],
    result: Lookup,
    progress: Progress | None,
) -> None:
    wanted = {t.encode(): title for t, title in titles.items()}
    rows = kept = 0
    for block in blocks(files["title.ratings"], "title.ratings", progress):
        rows += len(block)
        for line in block:
            tconst, _, rest = line.partition(b"\t")
            title = wanted.get(tconst)
            if title is not None:
                kept += 1
                title.votes = _int(rest.rpartition(b"\t")[2]) or 0
    result.rows["title.ratings"], result.kept["title.ratings"] = rows, kept


# --------------------------------------------------------------------------- matching


def _title_index(titles: dict[str, Title]) -> dict[str, dict[str, int]]:
    """Titles by the key of each of their names: 0 for the primary or original title,
    1 for an alternative title only."""
    index: dict[str, dict[str, int]] = defaultdict(dict)
    for tconst, title in titles.items():
        for aka in title.akas:
            index[title_key(aka)][tconst] = 1
        for name in (title.primary, title.original):
            index[title_key(name)][tconst] = 0
    return index


def _match(
    film: Film,
    tconst: str | None,
    titles: dict[str, Title],
    index: dict[str, dict[str, int]],
    result: Lookup,
) -> None:
    if tconst is not None:
        title = titles.get(tconst)
        if title is None:
            result.refused.append(Refusal(film, f"{tconst} is not in title.basics", ()))
        else:
            result.matches.append(Match(film, title, "IMDb id"))
        return
    ranks: dict[str, int] = {}
    for key in _film_keys(film):
        for found, rank in index.get(key, {}).items():
            ranks[found] = min(rank, ranks.get(found, rank))
    named = [(rank, titles[found]) for found, rank in ranks.items()]
    scored: list[tuple[tuple[int, int, int], Title]] = []
    for by_aka, title in named:
        type_rank = _type_rank(film.kind, title.type)
        if type_rank is None:
            continue
        if film.year is not None:
            if title.year is None or abs(title.year - film.year) > 1:
                continue
            off = abs(title.year - film.year)
        else:
            off = 0
        scored.append(((off, type_rank, by_aka), title))
    if not scored:
        others = tuple(t for _, t in sorted(named, key=lambda n: -n[1].votes))[:5]
        reason = "no title of that name fits its year and kind" if others else "no such title"
        result.refused.append(Refusal(film, reason, others))
        return
    best = min(score for score, _ in scored)
    tied = sorted((t for score, t in scored if score == best), key=lambda t: -t.votes)
    if len(tied) == 1:
        result.matches.append(Match(film, tied[0], _how(best, film.year)))
    elif film.year is not None and tied[0].votes >= max(1, VOTES_LEAD * tied[1].votes):
        # Without a year, a title as common as "Home" would go to the best known film.
        result.matches.append(Match(film, tied[0], _how(best, film.year) + ", most votes"))
    else:
        result.refused.append(Refusal(film, "several titles fit it equally well", tuple(tied)))


def _how(score: tuple[int, int, int], year: int | None) -> str:
    off, _, by_aka = score
    title = "alternative title" if by_aka else "title"
    if year is None:
        return f"{title} (the film has no year)"
    return f"{title} and year" + (" (one year off)" if off else "")


# --------------------------------------------------------------------------- people


def _read_people(
    files: Mapping[str, Path],
    chosen: dict[str, Title],
    result: Lookup,
    progress: Progress | None,
) -> None:
    wanted = {t.encode() for t in chosen}
    crew: dict[bytes, tuple[list[bytes], list[bytes]]] = {}
    rows = 0
    for block in blocks(files["title.crew"], "title.crew", progress):
        rows += len(block)
        for line in block:
            tconst, _, rest = line.partition(b"\t")
            if tconst in wanted:
                directors, _, writers = rest.partition(b"\t")
                crew[tconst] = (_nconsts(directors), _nconsts(writers))
    result.rows["title.crew"], result.kept["title.crew"] = rows, len(crew)
    principals: dict[bytes, list[list[bytes]]] = defaultdict(list)
    rows = kept = 0
    for block in blocks(files["title.principals"], "title.principals", progress):
        rows += len(block)
        for line in block:
            tconst, _, rest = line.partition(b"\t")
            if tconst in wanted:
                kept += 1
                principals[tconst].append(rest.split(b"\t"))
    result.rows["title.principals"], result.kept["title.principals"] = rows, kept
    people: set[bytes] = set()
    for made, wrote in crew.values():
        people.update(made, wrote)
    for entries in principals.values():
        people.update(cols[1] for cols in entries if len(cols) > 1)
    names: dict[bytes, str] = {}
    rows = 0
    for block in blocks(files["name.basics"], "name.basics", progress):
        rows += len(block)
        for line in block:
            nconst, _, rest = line.partition(b"\t")
            if nconst in people:
                names[nconst] = _text(rest.partition(b"\t")[0])
    result.rows["name.basics"], result.kept["name.basics"] = rows, len(names)
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


# --------------------------------------------------------------------------- filling


class Fill(msgspec.Struct, frozen=True):
    """What a fill changes on one film, and what it leaves as the user gave it."""

    before: Film
    after: Film
    fields: tuple[str, ...]  # filled or refreshed
    kept: tuple[str, ...]  # the user's values, kept (the datasets say otherwise)


def value_of(film: Film, name: str) -> Any:
    """A fact of a film in its stored (JSON) form."""
    if name == "imdb":
        return film.ids.imdb
    return film_to_doc(film)[name]


def _empty(name: str, value: Any) -> bool:
    return value in (None, "", [], ()) or (name == "kind" and value == "film")


def _new_value(film: Film, name: str, facts: Mapping[str, Any]) -> Any:
    if name == "aka":
        own = title_key(film.title)
        titles: dict[str, str] = {}
        for text in facts["titles"]:
            key = title_key(text)
            if key and key != own:
                titles.setdefault(key, text)
        return tuple(titles.values())
    return facts[name]


def _with(film: Film, name: str, value: Any) -> Film:
    if name == "imdb":
        return replace(film, ids=replace(film.ids, imdb=value))
    return replace(film, **{name: value})


def _doc_form(name: str, value: Any) -> Any:
    if name == "cast":
        return [{"name": c.name, "role": c.role} for c in value]
    return list(value) if isinstance(value, tuple) else value


def fill_film(
    film: Film,
    facts: Mapping[str, Any],
    record: dict[str, str],
    overwrite: bool,
    taken: Callable[[str], bool] = lambda key: False,
) -> tuple[Fill, dict[str, str]]:
    """The film with the datasets' facts filled in, and its new record of what they set.

    Only empty facts are filled, and those an earlier fill set and nobody changed since
    are refreshed; a fact the user gave stays unless ``overwrite``. The year is only
    ever filled when missing, and the IMDb id when the film has none. Other titles are
    added to the film's own (which all stay), so every title the film is known by finds it,
    except a title ``taken`` says another film of the journal goes by (by its
    ``title_key``): title lookup would no longer know which film it names.
    """
    from filmlog.importers.plan import digest

    after = film
    record = dict(record)
    filled: list[str] = []
    kept: list[str] = []
    for name in FIELDS:
        new = _new_value(film, name, facts)
        if _empty(name, new):
            continue
        if name == "aka":
            known = {title_key(t) for t in after.aka}
            extra = tuple(t for t in new if title_key(t) not in known and not taken(title_key(t)))
            if extra:
                after = _with(after, name, (*after.aka, *extra))
                filled.append(name)
            continue
        old = value_of(film, name)
        new_doc = _doc_form(name, new)
        if old == new_doc:
            continue
        ours = record.get(name) is not None and record.get(name) == digest(old)
        if not (_empty(name, old) or ours or (overwrite and name not in ("year", "imdb"))):
            kept.append(name)
            continue
        after = _with(after, name, new)
        record[name] = digest(new_doc) or ""
        filled.append(name)
    for name in list(record):
        if name not in filled and record[name] != digest(value_of(after, name)):
            del record[name]  # changed since by the user: theirs now
    return Fill(film, after, tuple(filled), tuple(kept)), record


@dataclass
class FillPlan:
    """Every film a fill changes, the records to keep, and films sharing an IMDb id."""

    fills: list[Fill] = field(default_factory=list)
    records: dict[str, dict[str, str]] = field(default_factory=dict)
    shared: list[tuple[Film, ...]] = field(default_factory=list)

    @property
    def changed(self) -> list[Fill]:
        return [f for f in self.fills if f.fields]


def plan_fill(
    journal_films: Sequence[Film],
    found: Lookup,
    records: Mapping[str, dict[str, str]],
    overwrite: bool,
    pinned: Mapping[str, str] | None = None,
) -> FillPlan:
    """What filling the matched films changes, against the journal's films as they are now.

    A film matched by an id the user pinned (``--imdb``) takes that id as the user's word.
    """
    plan = FillPlan(records={k: dict(v) for k, v in records.items()})
    current = {f.id: f for f in journal_films}
    owners: dict[str, set[str]] = defaultdict(set)  # the films each title key names
    for entry in journal_films:
        for name in (entry.title, *entry.aka):
            owners[title_key(name)].add(entry.id)
    for match in found.matches:
        film = current.get(match.film.id)
        facts = found.facts.get(match.title.tconst)
        if film is None or facts is None:
            continue
        original = film
        record = plan.records.get(film.id, {})
        given = (pinned or {}).get(film.id)
        if given and given != film.ids.imdb:
            film = _with(film, "imdb", given)  # the user's word: not recorded as filled
            record = {k: v for k, v in record.items() if k != "imdb"}
        fill, record = fill_film(film, facts, record, overwrite, _others(owners, film.id))
        for aka in fill.after.aka:
            owners[title_key(aka)].add(film.id)
        if film is not original:
            fill = Fill(original, fill.after, ("imdb", *fill.fields), fill.kept)
        plan.fills.append(fill)
        if record:
            plan.records[film.id] = record
        else:
            plan.records.pop(film.id, None)
        current[film.id] = fill.after
    for film_id in list(plan.records):
        if film_id not in current:
            del plan.records[film_id]
    by_imdb: dict[str, list[Film]] = defaultdict(list)
    for film in current.values():
        if film.ids.imdb:
            by_imdb[film.ids.imdb].append(film)
    matched = {m.film.id for m in found.matches}
    plan.shared = [
        tuple(films)
        for films in by_imdb.values()
        if len(films) > 1 and any(f.id in matched for f in films)
    ]
    return plan


def _others(owners: dict[str, set[str]], own: str) -> Callable[[str], bool]:
    """Whether a title key names a film other than ``own``."""

    def taken(key: str) -> bool:
        return bool(owners.get(key, set()) - {own})

    return taken


def read_records(stored: object) -> dict[str, dict[str, str]]:
    """The fill records kept in the journal's _meta."""
    from filmlog.importers.plan import read_records as read

    return read(stored)


def write_records(records: dict[str, dict[str, str]]) -> dict[str, str] | None:
    """The fill records as the journal's _meta keeps them (None when there are none)."""
    from filmlog.importers.plan import write_records as write

    kept = {k: v for k, v in records.items() if v}
    return write(kept) if kept else None


def check_tconst(text: str) -> str:
    """An IMDb title id typed by the user (``tt0113627`` or an IMDb address)."""
    from filmlog.catalog import parse_imdb

    return parse_imdb(text)
