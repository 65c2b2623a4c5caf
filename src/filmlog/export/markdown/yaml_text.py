"""YAML front matter, what Obsidian, Hugo and Jekyll read at the top of a page.

Every string is written double-quoted and escaped, so that no title, tag or name can
break the block or read back as something else (a number, a date, ``null``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from filmlog.models import format_rating, without_terminal_codes


def front_matter(items: list[tuple[str, Any]]) -> str:
    """A YAML front matter block (``---`` lines included) from keys and values."""
    return "---\n" + "".join(_yaml_lines(items, "")) + "---\n"


def _yaml_lines(items: list[tuple[str, Any]], pad: str) -> Iterable[str]:
    for key, value in items:
        if isinstance(value, list) and value and isinstance(value[0], tuple):
            yield f"{pad}{key}:\n"
            yield from _yaml_lines(value, pad + "  ")
        elif isinstance(value, list):
            if not value:
                yield f"{pad}{key}: []\n"
            else:
                yield f"{pad}{key}:\n"
                for entry in value:
                    yield f"{pad}  - {yaml_scalar(entry)}\n"
        else:
            yield f"{pad}{key}: {yaml_scalar(value)}\n"


def yaml_scalar(value: Any) -> str:
    """One YAML scalar: strings always double-quoted and escaped, dates bare."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_rating(value) if value * 2 == int(value * 2) else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return yaml_string(str(value))


_YAML_NAMED = {
    "\\": "\\\\",
    '"': '\\"',
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
}


def yaml_string(text: str) -> str:
    """A double-quoted YAML string that reads back as exactly ``text`` (less any terminal
    escape codes)."""
    text = without_terminal_codes(text)
    out = ['"']
    for char in text:
        code = ord(char)
        if char in _YAML_NAMED:
            out.append(_YAML_NAMED[char])
        elif (
            code < 0x20
            or 0x7F <= code <= 0x9F
            or 0xD800 <= code <= 0xDFFF
            or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)
        ):
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)
