"""Search over a journal's stored documents, with a fast prefilter.

Most of a journal does not match a query, and decoding every document into a model would
cost more than the search: :func:`candidates` picks, from the stored documents, the few
worth making models of, and :func:`search_documents` searches those.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import msgspec

from filmlog.models import watch_order
from filmlog.search.finding import DISC_TEXTS, search
from filmlog.search.query import Query
from filmlog.search.results import Results

# The fields of each table's documents that search reads (lists of text, and the text of
# cast entries, included).
FIELDS: dict[str, tuple[str, ...]] = {
    "films": (
        "title", "aka", "directors", "writers", "composers", "cinematographers", "cast",
        "genres", "based_on", "synopsis", "notes",
    ),
    "watches": ("where", "with", "tags", "review"),
    "discs": DISC_TEXTS,
}  # fmt: skip


class Candidates(msgspec.Struct, frozen=True):
    """The stored documents that may match, and each film's number of viewings."""

    films: list[Mapping[str, Any]]
    watches: list[Mapping[str, Any]]
    discs: list[Mapping[str, Any]]
    seen: dict[str, int]


def candidates(data: Mapping[str, Any], text: str, titled: Iterable[str] = ()) -> Candidates:
    """The documents of a journal's stored ``data`` worth making models of for ``text``:
    those with a field that matches, the films their viewings and discs are of, and the
    films of ``titled`` (ids title lookup found). Every document :func:`search` would
    report is among them; a few more may be."""
    query = Query.of(text)
    tables: dict[str, Mapping[str, Mapping[str, Any]]] = {
        name: data.get(name) or {} for name in FIELDS
    }
    seen: dict[str, int] = {}
    for doc in tables["watches"].values():
        film = doc.get("film")
        if isinstance(film, str):
            seen[film] = seen.get(film, 0) + 1
    watches = _may_match(query, list(tables["watches"].values()), FIELDS["watches"])
    discs = _may_match(query, list(tables["discs"].values()), FIELDS["discs"])
    wanted: set[Any] = set(titled)
    wanted.update(d.get("film") for d in watches)
    wanted.update(f for d in discs for f in d.get("films") or ())
    films = [d for d in tables["films"].values() if d.get("id") in wanted]
    rest = [d for d in tables["films"].values() if d.get("id") not in wanted]
    films += _may_match(query, rest, FIELDS["films"])
    return Candidates(films, watches, discs, seen)


def search_documents(data: Mapping[str, Any], text: str, titled: Iterable[str] = ()) -> Results:
    """:func:`search` of a journal's stored ``data``, making models only of the
    :func:`candidates` (most of a journal does not match, and decoding it would cost
    more than the search)."""
    from filmlog.models import disc_from_doc, film_from_doc, watch_from_doc

    found = candidates(data, text, titled)
    return search(
        [film_from_doc(d) for d in found.films],
        sorted((watch_from_doc(d) for d in found.watches), key=watch_order),
        text,
        [disc_from_doc(d) for d in found.discs],
        found.seen,
    )


def _may_match(
    query: Query, docs: list[Mapping[str, Any]], fields: Sequence[str]
) -> list[Mapping[str, Any]]:
    """The documents with text in ``fields`` that ``query`` matches. Documents of ASCII
    text are folded all together, in C; the others one by one, as :class:`Query` does."""
    texts = [_text_of(doc, fields) for doc in docs]
    plain = [i for i, t in enumerate(texts) if t.isascii()]
    found = {i for i, t in enumerate(texts) if not t.isascii() and query.matches(t)}
    if plain and query.folded.isascii():
        # NUL parts the documents (stored text holds no control characters): the folded
        # words must start at a word and stay inside one document.
        joined = "\0".join(texts[i] for i in plain).encode()
        folded = joined.replace(b"&", b" and ").lower().translate(_ASCII_FOLD)
        words = b" +".join(re.escape(w.encode()) for w in query.folded.split(" "))
        starts = [m.start() for m in re.finditer(b"\0", folded)]
        for match in re.finditer(b"(?<![^ \0])" + words, folded):
            found.add(plain[bisect.bisect(starts, match.start())])
    return [docs[i] for i in sorted(found)]


# ASCII bytes folded as ``fold`` folds them once lowered: letters and digits kept, NUL
# kept (it parts documents), anything else a space.
_ASCII_FOLD = bytes(
    c if (chr(c).isascii() and chr(c).isalnum()) or c == 0 else 32 for c in range(256)
)


def _text_of(doc: Mapping[str, Any], fields: Sequence[str]) -> str:
    parts: list[str] = []
    for name in fields:
        value = doc.get(name)
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    parts.append(item)
                elif isinstance(item, dict):
                    parts.extend(v for v in item.values() if isinstance(v, str))
    return "\n".join(parts)
