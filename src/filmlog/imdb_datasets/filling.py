"""The journal's films with the facts the datasets gave, the user's own facts kept.

Nothing here reads a dataset file or the journal: :func:`plan_fill` works out, against the
films as they are now, what each film becomes and the record of which facts a fill set (so
a later fill can tell them from the user's), and the caller saves both in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import msgspec
from msgspec.structs import replace

from filmlog.imdb_datasets.matching import Lookup
from filmlog.models import Film, film_to_doc, title_key

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


class Fill(msgspec.Struct, frozen=True):
    """What a fill changes on one film, and what it leaves as the user gave it."""

    before: Film
    after: Film
    fields: tuple[str, ...]  # filled or refreshed
    kept: tuple[str, ...]  # the user's values, kept (the datasets say otherwise)

    @property
    def updated(self) -> tuple[str, ...]:
        """The fields among ``fields`` that held a value before (an earlier fill's, or
        any with --overwrite); the others were empty and are filled."""
        return tuple(n for n in self.fields if not _empty(n, value_of(self.before, n)))


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
    plan.shared = _sharing_an_id(current.values(), {m.film.id for m in found.matches})
    return plan


def _sharing_an_id(films: Iterable[Film], matched: set[str]) -> list[tuple[Film, ...]]:
    """The films that hold one IMDb id, where one of them was matched (a merge to
    suggest)."""
    by_imdb: dict[str, list[Film]] = defaultdict(list)
    for film in films:
        if film.ids.imdb:
            by_imdb[film.ids.imdb].append(film)
    return [
        tuple(held)
        for held in by_imdb.values()
        if len(held) > 1 and any(f.id in matched for f in held)
    ]


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
