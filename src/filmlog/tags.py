"""Tags with their counts, for ``filmlog tags``: read from the stored viewings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from filmlog.models import fold


class TagCount(msgspec.Struct, frozen=True):
    tag: str
    watches: int
    films: int

    def to_json(self) -> dict[str, Any]:
        return {"tag": self.tag, "watches": self.watches, "films": self.films}


def tag_counts(data: Mapping[str, Any], by_name: bool = False) -> list[TagCount]:
    """Every tag of the journal's stored ``data``, most used first (or by name); tags
    that fold alike (case, accents, punctuation) are one, spelt as first met."""
    spellings: dict[str, str] = {}
    watches: dict[str, int] = {}
    films: dict[str, set[Any]] = {}
    docs: Mapping[str, Mapping[str, Any]] = data.get("watches") or {}
    for doc in docs.values():
        for tag in doc.get("tags") or ():
            if not isinstance(tag, str) or not tag.strip():
                continue
            key = fold(tag) or tag
            spellings.setdefault(key, tag)
            watches[key] = watches.get(key, 0) + 1
            films.setdefault(key, set()).add(doc.get("film"))
    counts = [TagCount(spellings[k], watches[k], len(films[k])) for k in spellings]
    counts.sort(key=lambda c: fold(c.tag))
    if not by_name:
        counts.sort(key=lambda c: c.watches, reverse=True)
    return counts
