"""What the film and disc use cases share: setting, appending and naming fields."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from msgspec.structs import replace

from filmlog.errors import (
    InvalidInput,
)
from filmlog.models import (
    CastMember,
    fold,
)

_Model = TypeVar("_Model")


def with_field(obj: _Model, name: str, value: Any) -> _Model:
    """A copy of a frozen model with the field ``name`` set."""
    changes: dict[str, Any] = {name: value}
    return replace(obj, **changes)  # type: ignore[type-var]


def split_field_value(text: str, what: str = "--remove") -> tuple[str, str]:
    """``"genre=Comedy"`` -> ("genre", "Comedy")."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise InvalidInput(f"{what} {text!r} needs FIELD=VALUE", f'e.g. {what} "genre=Comedy"')
    return name.strip(), value.strip()


# ASCII digits only: \d and str.isdigit also take other scripts' digits and superscripts.


def appended(existing: Sequence[str], new: Iterable[str]) -> tuple[str, ...]:
    """Existing values then new ones; a value already there (in any case) is not repeated."""
    out = list(existing)
    keys = {fold(v) for v in existing}
    for value in new:
        if fold(value) not in keys:
            keys.add(fold(value))
            out.append(value)
    return tuple(out)


def appended_cast(
    existing: Sequence[CastMember], new: Iterable[CastMember]
) -> tuple[CastMember, ...]:
    out = list(existing)
    keys = {(fold(c.name), fold(c.role)) for c in existing}
    for member in new:
        key = (fold(member.name), fold(member.role))
        if key in keys:
            continue
        if member.role:
            # A role given later completes the same actor listed without one.
            bare = next((i for i, c in enumerate(out) if c == CastMember(member.name)), None)
            if bare is not None:
                keys.discard((fold(member.name), ""))
                out[bare] = member
                keys.add(key)
                continue
        keys.add(key)
        out.append(member)
    return tuple(out)
