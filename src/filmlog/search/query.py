"""What the user typed, folded for matching, and the folding itself.

Matching ignores case, accents and punctuation (``atraco`` finds ``¡Atraco!``) and starts
at a word: ``heat`` finds "Heat" and "The Heat Is On", not "Theatre". A query of several
words matches them as a phrase. A title is also found as title lookup finds it (``8 1/2``
finds *8½*, ``Heat (1995)`` finds Heat of 1995). The rest of search matches through
:class:`Query` (the prefilter over stored documents folds as it does), so that every
part agrees on what a match is.
"""

from __future__ import annotations

import re
import unicodedata

import msgspec

from filmlog.errors import InvalidInput
from filmlog.models import Film, fold, split_title_year, title_key

# "Heat 1995": a title and its year, typed without brackets.
_BARE_YEAR = re.compile(r"^(.*\S)\s+((?:18|19|20)\d\d)$")


def fold_char(char: str) -> str:
    """One character folded as ``models.fold`` folds it, with a space for punctuation.

    Folding works character by character (decomposition, dropping marks and case folding
    all do), so joining these and collapsing the spaces gives ``fold(text)``.
    """
    if char == "&":
        return " and "
    decomposed = unicodedata.normalize("NFKD", char)
    kept = (c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return "".join(kept).casefold()


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that folds each character, filled in as characters appear.

    Characters that fold to other than exactly one character (``ß``, ``&``, a lone
    accent) are noted in ``uneven``: only texts holding one need their offsets mapped.
    """

    def __init__(self) -> None:
        super().__init__()
        self.uneven: set[str] = set()

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        self[code] = folded
        if len(folded) != 1:
            self.uneven.add(chr(code))
        return folded


_FOLD = _FoldTable()


def spread_fold(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded without collapsing spaces, and where each character came from.

    Collapsing the runs of spaces gives ``fold(text)``. The origins are None when the
    folded text lines up with ``text`` character for character, as it nearly always does.
    """
    spread = text.translate(_FOLD)
    if _FOLD.uneven.isdisjoint(text):
        return spread, None
    return spread, [index for index, char in enumerate(text) for _ in _FOLD[ord(char)]]


class Query(msgspec.Struct, frozen=True):
    """What the user typed, folded for matching."""

    text: str
    folded: str
    pattern: re.Pattern[str]
    # As title lookup keys the text: "8 1/2" and "8½" are both "812"; a title with this
    # key matches. "Heat (1995)" or "Heat 1995" also asks for Heat of 1995.
    key: str = ""
    titled: tuple[str, int] | None = None

    @classmethod
    def of(cls, text: str) -> Query:
        folded = fold(text)
        if not folded:
            raise InvalidInput(
                f"{text.strip()!r} has nothing to search for", "give at least one letter or digit"
            )
        # The first word starts a word of the text; the words follow with any punctuation
        # or spacing between them.
        words = " +".join(re.escape(word) for word in folded.split(" "))
        title, year = split_title_year(text)
        if year is None and (bare := _BARE_YEAR.match(text.strip())):
            title, year = bare[1], int(bare[2])
        titled = (title_key(title), year) if year is not None and fold(title) else None
        return cls(text.strip(), folded, re.compile("(?<![^ ])" + words), title_key(text), titled)

    def names(self, film: Film, name: str) -> bool:
        """Whether ``name`` (the film's title or an alias) holds the query's words, or
        is the title the query names."""
        return self.matches(name) or self.is_title(film, name)

    def is_title(self, film: Film, name: str) -> bool:
        """Whether the query names ``name`` as title lookup would: the same key (with
        the film's year, when the query gives one)."""
        key = title_key(name)
        return key == self.key or self.titled == (key, film.year)

    def matches(self, text: str) -> bool:
        """Whether the text holds the query at the start of a word."""
        return self.pattern.search(text.translate(_FOLD)) is not None

    def exact(self, text: str) -> bool:
        return fold(text) == self.folded

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the query occurs in ``text`` (start of a word), as [start, end) indexes."""
        found = [m.span() for m in self.pattern.finditer(text.translate(_FOLD))]
        if not found:
            return found
        _, origins = spread_fold(text)
        if origins is None:
            return found
        return [(origins[start], origins[end - 1] + 1) for start, end in found]
