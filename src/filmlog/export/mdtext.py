"""Markdown text: user text made literal, and reviews made safe to nest in a page.

Two kinds of user text reach a page. Titles, names, notes and the like are not Markdown:
every character that CommonMark (or a common extension: tables, strikethrough, maths)
would read as syntax is escaped, so ``*batteries not included`` or ``<b>Bold</b>`` read
as typed. Reviews are Markdown and keep their formatting, with two changes: raw HTML is
escaped so that it shows as text instead of leaking into the page, and their headings
move down so that they nest under the heading of the viewing they belong to.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from filmlog.models import clean_line, without_terminal_codes

if TYPE_CHECKING:
    from markdown_it.token import Token

# Characters escaped wherever they appear in plain text.
_ALWAYS = frozenset("\\`*_[]<>|~$#")
# An entity reference (&amp; &#35; &#x23;) would be decoded; a bare & is harmless.
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
# At the start of a block these open a list, a quote, a heading underline or a break.
_LEADING = re.compile(r"^([-+=:]|\d{1,9}(?=[.)]))")
_SPECIAL = re.compile(r"[\\`*_\[\]<>|~$#&]|^[ ]*[-+=:\d]")


def inline(text: str) -> str:
    """Plain text as literal Markdown on one line (line breaks and controls become spaces).

    Safe anywhere inline, including at the start of a paragraph, list item or heading.
    """
    # CommonMark parsers trim Unicode white space at the edges of a paragraph, so
    # trimming it here keeps what is written equal to what is read.
    if not text.isprintable():
        text = clean_line(text)
    if not _SPECIAL.search(text):
        return text.strip()
    flat = text.strip()
    escaped = "".join("\\" + c if c in _ALWAYS else c for c in flat)
    escaped = _ENTITY.sub(r"\\&", escaped)
    match = _LEADING.match(escaped)
    if match:
        end = match.end()
        if match.group(1)[0].isdigit():
            escaped = escaped[:end] + "\\" + escaped[end:]
        else:
            escaped = "\\" + escaped
    return escaped


def paragraphs(text: str) -> str:
    """Plain text of several lines as literal Markdown: blank lines part paragraphs,
    single line breaks stay line breaks."""
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    out = []
    for block in blocks:
        lines = [inline(line) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            out.append("\\\n".join(lines))
    return "\n\n".join(out)


# --------------------------------------------------------------------------- reviews

# Reviews without any of these need no parsing: no HTML, heading or code fence.
_MAYBE_SYNTAX = re.compile(
    r"<|^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*[ \t>]*(?:#|=+[ \t]*$|-+[ \t]*$|```|~~~|\[.*\]:)",
    re.MULTILINE,
)
# Container markers (quotes, list items) in front of a block on its first line.
_CONTAINERS = r"(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t])))*[ \t]*"
_PREFIX = re.compile(_CONTAINERS)
_AUTOLINK = re.compile(
    r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>\x00-\x1f]*>"
    r"|<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*>"
)
_DESTINATION = re.compile(r"\]\([ \t]*\n?[ \t]*$")


def review(text: str, top: int, key: str = "") -> str:
    """A review ready to sit under a heading of level ``top - 1``.

    Its highest heading becomes level ``top`` (the others keep their distance, down to 6),
    raw HTML is escaped, a code fence left open is closed, and link reference labels get
    ``key`` appended, so that two reviews in one document can both define ``[1]``.
    """
    text = without_terminal_codes(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub(r"^(?:[ \t]*\n)+", "", text).rstrip()
    if not text or not _MAYBE_SYNTAX.search(text):
        return text
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark")
    env: dict[str, Any] = {}
    tokens = parser.parse(text, env)
    if key and env.get("references"):
        text = _rename_references(text, tokens, env["references"], key)
        tokens = parser.parse(text)
    if "<" in text:
        for level in range(3):
            if not _has_html(tokens):
                break
            text = _escape_html(text, tokens, level)
            tokens = parser.parse(text)
        if _has_html(tokens):
            text = text.replace("<", "\\<")
            tokens = parser.parse(text)
    lines = text.split("\n")
    lines = _close_fence(lines, tokens)
    lines = _demote(lines, tokens, top)
    return "\n".join(lines)


def _has_html(tokens: list[Token]) -> bool:
    for token in tokens:
        if token.type == "html_block":
            return True
        if token.children and any(c.type == "html_inline" for c in token.children):
            return True
    return False


def _escape_html(text: str, tokens: list[Token], level: int) -> str:
    """Escape every ``<`` that could open HTML in the blocks that hold text.

    Level 0 keeps autolinks and ``<...>`` link destinations; level 1 escapes those too;
    level 2 also escapes inside what looks like a code span.
    """
    lines = text.split("\n")
    for token in tokens:
        if token.map is None or token.type not in ("paragraph_open", "heading_open", "html_block"):
            continue
        start, end = token.map
        unit = "\n".join(lines[start:end])
        if "<" not in unit:
            continue
        lines[start:end] = _escape_angles(unit, level).split("\n")
    return "\n".join(lines)


def _escape_angles(text: str, level: int) -> str:
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n:
            out.append(text[i : i + 2])
            i += 2
        elif char == "`" and level < 2:
            end = _code_span_end(text, i)
            out.append(text[i:end])
            i = end
        elif char == "<":
            link = _AUTOLINK.match(text, i) if level == 0 else None
            if link:
                out.append(link.group())
                i = link.end()
                continue
            if level == 0 and _DESTINATION.search("".join(out[-8:])):
                close_at = text.find(">", i)
                if close_at != -1 and "\n" not in text[i:close_at]:
                    out.append(text[i : close_at + 1])
                    i = close_at + 1
                    continue
            out.append("\\<")
            i += 1
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _code_span_end(text: str, start: int) -> int:
    """Where the code span opening at ``start`` ends (past its opening run if unclosed)."""
    run = 0
    while start + run < len(text) and text[start + run] == "`":
        run += 1
    close = re.compile("(?<!`)`{" + str(run) + "}(?!`)").search(text, start + run)
    return close.end() if close else start + run


_DEFINITION = re.compile(r"^(" + _CONTAINERS + r")\[((?:[^\[\]\\]|\\.){1,999})\]:")
_LABEL = re.compile(r"\[((?:[^\[\]\\]|\\.){1,999})\]")


def _rename_references(text: str, tokens: list[Token], references: dict[str, Any], key: str) -> str:
    """Give this review's link reference labels a suffix (definitions and uses alike)."""
    from markdown_it.common.utils import normalizeReference

    lines = text.split("\n")
    skip: set[int] = set()
    for token in tokens:
        if token.type in ("fence", "code_block") and token.map is not None:
            skip.update(range(*token.map))
    renamed: dict[str, str] = {}
    for label, ref in references.items():
        start, end = ref["map"]
        found = _DEFINITION.match(lines[start])
        if found and normalizeReference(found.group(2)) == label:
            new = f"{found.group(2)}-{key}"
            lines[start] = f"{found.group(1)}[{new}]:" + lines[start][found.end() :]
            renamed[label] = new
            skip.update(range(start, end))
    if not renamed:
        return text
    for index, line in enumerate(lines):
        if index not in skip and "[" in line:
            lines[index] = _rename_uses(line, renamed, normalizeReference)
    return "\n".join(lines)


def _rename_uses(line: str, renamed: dict[str, str], normal: Any) -> str:
    out: list[str] = []
    i, n = 0, len(line)
    while i < n:
        char = line[i]
        if char == "\\":
            out.append(line[i : i + 2])
            i += 2
            continue
        if char == "`":
            end = _code_span_end(line, i)
            out.append(line[i:end])
            i = end
            continue
        found = _LABEL.match(line, i) if char == "[" else None
        if found is None:
            out.append(char)
            i += 1
            continue
        new = renamed.get(normal(found.group(1)))
        after = line[found.end() : found.end() + 2]
        end = found.end()
        if new is None or after.startswith("(") or (after.startswith("[") and after != "[]"):
            out.append(found.group())  # an inline link, or the text of a full reference
        elif i > 0 and line[i - 1] == "]":
            out.append(f"[{new}]")  # the label of [text][label]
        else:
            out.append(f"{found.group()}[{new}]")  # [label] or [label][]
            end += 2 if after == "[]" else 0
        i = end
    return "".join(out)


_CLOSING_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*$")


def _close_fence(lines: list[str], tokens: list[Token]) -> list[str]:
    """Close a top-level code fence that runs to the end (it would swallow the page)."""
    for token in tokens:
        if token.type != "fence" or token.level != 0 or token.map is None:
            continue
        start, end = token.map
        if end < len(lines):
            continue
        last = _CLOSING_FENCE.match(lines[end - 1]) if end - 1 > start else None
        fence = token.markup
        if not (last and last.group(1)[0] == fence[0] and len(last.group(1)) >= len(fence)):
            return [*lines, fence]
    return lines


def _demote(lines: list[str], tokens: list[Token], top: int) -> list[str]:
    """Move headings down so the highest is level ``top``; setext ones become ATX."""
    headings: list[tuple[Token, Token]] = [
        (token, tokens[i + 1])
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.map is not None
    ]
    if not headings:
        return lines
    highest = min(int(h.tag[1]) for h, _ in headings)
    shift = top - highest
    if shift <= 0:
        return lines
    lines = list(lines)
    for heading, content in reversed(headings):
        assert heading.map is not None
        start, end = heading.map
        level = int(heading.tag[1])
        new = "#" * min(6, level + shift)
        if heading.markup.startswith("#"):
            atx = re.compile("^(" + _CONTAINERS + ")#{" + str(level) + r"}(?=[ \t]|$)")
            found = atx.match(lines[start])
            if found:
                lines[start] = found.group(1) + new + lines[start][found.end() :]
        else:
            prefix = _PREFIX.match(lines[start])
            lead = prefix.group() if prefix else ""
            words = " ".join(str(content.content).split("\n"))
            if re.search(r"(?:^|[ \t])#+[ \t]*$", words):
                cut = words.rstrip().rfind("#")
                words = words[:cut] + "\\" + words[cut:]
            lines[start:end] = [f"{lead}{new} {words}".rstrip()]
    return lines
