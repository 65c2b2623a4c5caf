"""Text: cleaning user text for one line or a terminal, folding titles for lookup,
slugs, ``Title (year)``, counts and days as words."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# --------------------------------------------------------------------------- text


def clean_line(text: str) -> str:
    """One line of user text: escape sequences and bidi controls dropped, other control
    characters (tabs, newlines) made spaces and runs of spaces one, so nothing typed or
    imported can move the terminal's cursor or reorder what it shows."""
    if text.isprintable():
        return " ".join(text.split())
    text = _TERMINAL_CODES.sub("", text)
    return " ".join("".join(" " if _is_control(c) else c for c in text).split())


def clean_text(text: str) -> str:
    """Free text such as a review: line breaks and tabs kept, escape sequences, bidi
    controls and other control characters dropped, Windows line endings made plain,
    outer blank space removed."""
    return without_terminal_codes(text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def without_terminal_codes(text: str) -> str:
    """``text`` without escape sequences, bidi controls and control characters other than
    tab, newline and carriage return; nothing else changes (a clean text is returned as is)."""
    if text.isprintable():
        return text
    text = _TERMINAL_CODES.sub("", text)
    return "".join(c for c in text if c in "\n\t\r" or not _is_control(c))


# Whole escape sequences, in their 7-bit (ESC [) and 8-bit (C1) forms: dropping only the
# ESC would leave "[31m" or a link's address in the text. CSI; OSC, DCS, SOS, PM and APC
# run to their terminator (BEL or ST), or at most to the end of the line when it is
# missing; other escapes are ESC, intermediates and one final character (an ESC before a space
# goes alone: the space and the word after it are the user's text). Then the bidi
# embeddings, overrides and isolates, which reorder the text a terminal shows (the marks
# LRM and RLM, and joiners, are ordinary parts of text and stay).
_TERMINAL_CODES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[!-/]*[0-~]?"
    r"|[\u202a-\u202e\u2066-\u2069]"
)


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


# What a spreadsheet opening a CSV file reads as a formula (OWASP, "CSV injection"):
# a cell starting with = + - @, a tab or a carriage return; and such a cell already
# neutralized, so that taking one apostrophe off always gives back what was written.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def spreadsheet_cell(text: str) -> str:
    """User text as a CSV cell: no terminal escape codes, and a cell a spreadsheet would
    run as a formula made inert with a leading apostrophe (``=1+1`` -> ``'=1+1``)."""
    text = without_terminal_codes(text)
    return "'" + text if _FORMULA.match(text) else text


def from_spreadsheet_cell(text: str) -> str:
    """A cell's text with the apostrophe ``spreadsheet_cell`` added taken off again."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text, 1) else text


# --------------------------------------------------------------------------- titles


def fold(text: str) -> str:
    """Fold a string for comparison: accents, case and punctuation ignored, spaces kept single."""
    if text.isascii():
        # The same result as below, in C: title lookup folds every title in the journal.
        spaced = text.encode().replace(b"&", b" and ").lower().translate(_ASCII_SPACED)
        return " ".join(spaced.decode().split())
    decomposed = unicodedata.normalize("NFKD", text.replace("&", " and "))
    kept = [c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c)]
    return " ".join("".join(kept).casefold().split())


def title_key(text: str) -> str:
    """The key two titles must share to be the same title."""
    if text.isascii():
        return text.encode().replace(b"&", b"and").lower().translate(None, _ASCII_PUNCT).decode()
    return fold(text).replace(" ", "")


def title_keys(texts: list[str]) -> list[str]:
    """``title_key`` of each text, all keyed together in a few passes over one string."""
    joined = "\n".join(texts)
    if not texts or joined.count("\n") != len(texts) - 1:  # a text with a line break
        return [title_key(t) for t in texts]
    # ASCII texts keyed in C; the bytes of the others pass through, so their keys are not
    # ASCII either, and are made again below.
    keyed = joined.encode().replace(b"&", b"and").lower().translate(None, _ASCII_PUNCT_BUT_NEWLINE)
    keys = keyed.decode().split("\n")
    if joined.isascii():
        return keys
    others = [n for n, key in enumerate(keys) if not key.isascii()]
    for n, key in zip(others, _unicode_title_keys([texts[n] for n in others]), strict=True):
        keys[n] = key
    return keys


def _unicode_title_keys(texts: list[str]) -> list[str]:
    """``title_key`` of texts without line breaks, all in one pass."""
    joined = unicodedata.normalize("NFKD", "\n".join(texts).replace("&", "and"))
    return _NOT_ALNUM.sub("", joined).casefold().split("\n")


# What title_key leaves out: every character but letters and digits (\w is what
# str.isalnum() accepts, and "_"), accents included once NFKD has split them off.
_NOT_ALNUM = re.compile(r"(?:[^\w\n]|_)+")
_ASCII_PUNCT = bytes(b for b in range(128) if not chr(b).isalnum())
_ASCII_PUNCT_BUT_NEWLINE = _ASCII_PUNCT.replace(b"\n", b"")
_ASCII_SPACED = bytes(b if chr(b).isalnum() or b >= 128 else 32 for b in range(256))


def slugify(title: str, year: int | None) -> str:
    """A film id: ``leaving-las-vegas-1995``. Letters of any script are kept."""
    text = unicodedata.normalize("NFD", title)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    slug = "-".join(re.findall(r"[^\W_]+", text)) or "film"
    return f"{slug}-{year}" if year else slug


_TITLE_YEAR = re.compile(r"^(.*\S)\s*\((\d{4})\)$")


def split_title_year(text: str) -> tuple[str, int | None]:
    """``"Heat (1995)"`` -> ("Heat", 1995); anything else is a title without a year."""
    match = _TITLE_YEAR.match(text.strip())
    if match and 1870 <= int(match.group(2)) <= 2200:
        return match.group(1), int(match.group(2))
    return text.strip(), None


UNDATED = "undated"


def count(n: int, one: str, many: str | None = None) -> str:
    """``1 film``, ``2 films``; ``many`` for a plural that is not ``one`` + s."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def day_label(day: dt.date | None) -> str:
    """A viewing's day as shown: ``2024-05-01``, or ``undated`` for a review without one."""
    return day.isoformat() if day else UNDATED
