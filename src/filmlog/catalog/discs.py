"""Disc editions: their fields, adding, editing, listing and deleting them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import msgspec
from msgspec.structs import replace

from filmlog import journal
from filmlog.catalog.facts import names_film, other_film
from filmlog.catalog.fields import appended, split_field_value, with_field
from filmlog.errors import (
    DiscNotFound,
    InvalidInput,
    NotFound,
)
from filmlog.journal import Choose, Pick
from filmlog.models import (
    Disc,
    Film,
    fold,
)
from filmlog.store import Store

# --------------------------------------------------------------------------- discs

DISC_LISTS: tuple[str, ...] = ("extras", "pros", "cons")
PURCHASE_FIELDS: tuple[str, ...] = ("bought", "price", "shop")
# What users may type after --clear / --remove (option names, singular or plural) and the
# field each names. Scores are "<name>-score"; "audio" alone is the audio spec's JSON name
# but also the audio score's option, so it is refused as ambiguous (as is "extras").
_DISC_FIELD_NAMES: dict[str, str] = {
    "format": "format",
    "edition": "edition",
    "label": "label",
    "distributor": "label",
    "region": "region",
    "released": "released",
    "discs": "discs",
    "certificate": "certificate",
    "packaging": "packaging",
    "video": "video",
    "audiospec": "audio",
    "filmscore": "film-score",
    "picture": "picture-score",
    "picturescore": "picture-score",
    "audioscore": "audio-score",
    "extrasscore": "extras-score",
    "extra": "extras",
    "extralist": "extras",
    "pro": "pros",
    "pros": "pros",
    "con": "cons",
    "cons": "cons",
    "verdict": "verdict",
    "note": "notes",
    "notes": "notes",
    "bought": "bought",
    "purchased": "bought",
    "price": "price",
    "shop": "shop",
    "film": "films",
    "films": "films",
}
_AMBIGUOUS_DISC_FIELDS = {
    "audio": "audio-spec (the text) or audio-score",
    "extras": "extra (the list) or extras-score",
}
DISC_FIELDS: tuple[str, ...] = (
    "format",
    "edition",
    "label",
    "region",
    "released",
    "discs",
    "certificate",
    "packaging",
    "video",
    "audio-spec",
    "film-score",
    "picture-score",
    "audio-score",
    "extras-score",
    "extra",
    "pros",
    "cons",
    "verdict",
    "notes",
    "bought",
    "price",
    "shop",
)

_FORMATS = {
    "bluray": "Blu-ray",
    "bd": "Blu-ray",
    "uhd": "4K UHD",
    "4k": "4K UHD",
    "4kuhd": "4K UHD",
    "uhdbluray": "4K UHD",
    "uhdbd": "4K UHD",
    "4kuhdbluray": "4K UHD",
    "4kbluray": "4K UHD",
    "dvd": "DVD",
    "hddvd": "HD DVD",
    "vhs": "VHS",
    "laserdisc": "LaserDisc",
    "ld": "LaserDisc",
    "vcd": "VCD",
}


def disc_format(text: str) -> str:
    """The usual spelling of a disc format (``bluray`` -> ``Blu-ray``); others as typed."""
    raw = text.strip()
    return _FORMATS.get(re.sub(r"[\s_-]+", "", raw.casefold()), raw)


def disc_field(name: str, *, listing: bool = False) -> str:
    """The disc field a user names after --clear (or, with ``listing``, --remove)."""
    key = re.sub(r"[\s_-]+", "", name.strip().lstrip("-").casefold())
    if listing and key == "extras":
        return "extras"
    if key in _DISC_FIELD_NAMES:
        return _DISC_FIELD_NAMES[key]
    if key in _AMBIGUOUS_DISC_FIELDS:
        raise InvalidInput(
            f"{name.strip()!r} could mean two fields", "use " + _AMBIGUOUS_DISC_FIELDS[key]
        )
    raise InvalidInput(
        f"{name.strip()!r} is not a disc field", "use one of " + ", ".join(DISC_FIELDS)
    )


class DiscChanges(msgspec.Struct, frozen=True):
    """What ``disc add`` / ``disc edit`` was asked to change. Order: clear, remove, add, set."""

    values: dict[str, Any] = msgspec.field(default_factory=dict)
    scores: dict[str, float] = msgspec.field(default_factory=dict)
    purchase: dict[str, Any] = msgspec.field(default_factory=dict)
    add: dict[str, tuple[str, ...]] = msgspec.field(default_factory=dict)
    films: tuple[str, ...] = ()
    clear: tuple[str, ...] = ()
    remove: tuple[tuple[str, str], ...] = ()
    # A --film title the journal lacks becomes a new film even when near titles exist.
    create: bool = False

    def is_empty(self) -> bool:
        return not (
            self.values
            or self.scores
            or self.purchase
            or any(self.add.values())
            or self.films
            or self.clear
            or self.remove
        )


def disc_changes(
    *,
    values: dict[str, Any],
    scores: dict[str, str | None],
    purchase: dict[str, Any],
    lists: dict[str, Sequence[str] | None],
    films: Sequence[str] | None = None,
    clear: Sequence[str] | None = None,
    remove: Sequence[str] | None = None,
    create: bool = False,
) -> DiscChanges:
    """Check and normalise what a user typed about a disc; nothing changes on bad input."""
    from filmlog.models import parse_score

    cleared = tuple(dict.fromkeys(disc_field(n) for n in clear or ()))
    removed = tuple(
        (disc_field(n, listing=True), v) for n, v in (split_field_value(r) for r in remove or ())
    )
    for name, _ in removed:
        if name not in (*DISC_LISTS, "films"):
            raise InvalidInput(
                f"--remove works on lists (extra, pro, con, film), and {name} is a single value",
                f"use --clear {name}",
            )
    if "films" in cleared:
        raise InvalidInput(
            "a disc always holds at least one film", 'use --remove "film=TITLE" for one of them'
        )
    return DiscChanges(
        values=_checked_values(values),
        scores={n: parse_score(v) for n, v in scores.items() if v is not None},
        purchase=_checked_purchase(purchase),
        add={n: journal.unique(v or ()) for n, v in lists.items() if v},
        films=journal.unique(films or ()),
        clear=cleared,
        remove=removed,
        create=create,
    )


def _checked_values(values: dict[str, Any]) -> dict[str, Any]:
    """The disc's single values as typed (None: not given), checked."""
    from filmlog.models import parse_date

    checked: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        if name == "released":
            checked[name] = parse_date(str(value), allow_future=True)
        elif name == "discs":
            if not isinstance(value, int) or value < 1:
                raise InvalidInput(f"{value!r} is not a number of discs", "use 1 or more")
            checked[name] = value
        else:
            text = str(value).strip()
            if not text:
                raise InvalidInput(f"the {name} is empty", f"use --clear {name} to remove it")
            checked[name] = disc_format(text) if name == "format" else text
    return checked


def _checked_purchase(purchase: dict[str, Any]) -> dict[str, Any]:
    """When, for how much and where the disc was bought, as typed, checked."""
    from filmlog.models import parse_date

    bought: dict[str, Any] = {}
    for name, value in purchase.items():
        if value is None:
            continue
        if name == "date":
            bought[name] = parse_date(str(value), what="purchase")
        elif str(value).strip():
            bought[name] = str(value).strip()
    return bought


class DiscResult(msgspec.Struct, frozen=True):
    disc: Disc
    films: tuple[Film, ...]
    new_films: tuple[Film, ...] = ()
    changed: tuple[str, ...] = ()


def get_disc(store: Store, disc_id: int) -> Disc:
    """The disc with this id, or DiscNotFound."""
    disc = store.disc(disc_id)
    if disc is None:
        raise DiscNotFound(f"no disc #{disc_id}", "'filmlog disc list' shows your discs")
    return disc


def add_disc(
    store: Store,
    pick: Pick,
    changes: DiscChanges,
    choose: Choose | None = None,
) -> DiscResult:
    """Record an edition of a film (creating the film if the journal lacks it)."""
    film, created = journal.find_picked(store, pick, choose)
    if created:
        store.save_film(film)
    new_films = [film] if created else []
    disc = _apply_disc(store, Disc(id=0, films=(film.id,)), changes, choose, new_films)
    disc = store.add_disc(disc)
    return DiscResult(disc, disc_films(store, disc), tuple(new_films))


def edit_disc(
    store: Store, disc_id: int, changes: DiscChanges, choose: Choose | None = None
) -> DiscResult:
    """Change a disc; only what ``changes`` names changes."""
    if changes.is_empty():
        raise InvalidInput("nothing to change", "give an option such as --verdict; see --help")
    before = get_disc(store, disc_id)
    new_films: list[Film] = []
    disc = _apply_disc(store, before, changes, choose, new_films)
    from filmlog.models import disc_to_doc

    old, new = disc_to_doc(before), disc_to_doc(disc)
    changed = tuple(k for k in new if new[k] != old[k])
    if changed:
        store.save_disc(disc)
    return DiscResult(disc, disc_films(store, disc), tuple(new_films), changed)


def _apply_disc(
    store: Store, disc: Disc, changes: DiscChanges, choose: Choose | None, new_films: list[Film]
) -> Disc:
    for name in changes.clear:
        disc = _disc_cleared(disc, name)
    for name, value in changes.remove:
        disc = _disc_without(store, disc, name, value)
    for name, values in changes.add.items():
        disc = with_field(disc, name, appended(getattr(disc, name), values))
    for text in changes.films:
        film, created = other_film(store, text, choose, create=changes.create)
        if created:
            store.save_film(film)
            new_films.append(film)
        if film.id not in disc.films:
            disc = replace(disc, films=(*disc.films, film.id))
    disc = replace(disc, **changes.values)
    if changes.scores:
        disc = replace(disc, scores=replace(disc.scores, **changes.scores))
    if changes.purchase:
        disc = replace(disc, purchased=replace(disc.purchased, **changes.purchase))
    return disc


def _disc_cleared(disc: Disc, name: str) -> Disc:
    if name.endswith("-score"):
        return replace(disc, scores=with_field(disc.scores, name.removesuffix("-score"), None))
    if name in PURCHASE_FIELDS:
        key = "date" if name == "bought" else name
        return replace(disc, purchased=with_field(disc.purchased, key, None))
    if name in DISC_LISTS:
        return with_field(disc, name, ())
    return with_field(disc, name, None)


def _disc_without(store: Store, disc: Disc, name: str, value: str) -> Disc:
    if name == "films":
        kept = tuple(i for i in disc.films if not names_film(store, i, value))
        if len(kept) == len(disc.films):
            labels = ", ".join(f.label for f in disc_films(store, disc))
            raise NotFound(f"disc #{disc.id} does not hold {value!r}", f"it holds: {labels}")
        if not kept:
            raise InvalidInput(
                "a disc always holds at least one film",
                "add the right one with --film first, or use 'filmlog disc rm'",
            )
        return replace(disc, films=kept)
    current: tuple[str, ...] = getattr(disc, name)
    kept = tuple(v for v in current if fold(v) != fold(value))
    if len(kept) == len(current):
        raise NotFound(
            f"disc #{disc.id} has no {name} entry {value!r}",
            f"it has: {'; '.join(current)}" if current else f"its {name} list is empty",
        )
    return with_field(disc, name, kept)


def disc_films(store: Store, disc: Disc) -> tuple[Film, ...]:
    """The films on a disc, in the disc's order (an id with no film stands for itself)."""
    return tuple(store.film(i) or Film(id=i, title=i) for i in disc.films)


def disc_rows(store: Store, film: Film | None = None) -> list[tuple[Disc, tuple[Film, ...]]]:
    """Every disc (or those holding one film) with its films, by id."""
    return [(d, disc_films(store, d)) for d in store.discs(film.id if film else None)]


def remove_disc(store: Store, disc_id: int) -> tuple[Disc, int]:
    """Delete a disc; viewings watched from it forget it. Returns (disc, viewings changed)."""
    disc = get_disc(store, disc_id)
    linked = [replace(w, disc=None) for w in store.watches() if w.disc == disc_id]
    store.save_watches(linked)
    store.remove_disc(disc_id)
    return disc, len(linked)
