"""JSON: the whole journal as one file.

The export is the journal's own data in the journal's own encoding (UTF-8, indented,
keys sorted), with every document in its full shape, as ``--json`` prints them: a field
the journal leaves out because it holds its default is there, null, false or empty.
``filmlog import json`` (``filmlog.importers.json_backup``) reads it back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from filmlog.export import Library
from filmlog.models import DOC_DEFAULTS, full_doc

FILE_NAME = "filmlog.json"


def dump(data: Mapping[str, Any]) -> bytes:
    """The journal's bytes (the same encoding as the journal file itself)."""
    return orjson.dumps(
        data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
    )


def document(library: Library) -> bytes:
    """The whole journal, every document in full."""
    data = library.raw()
    full = dict(data)
    for table in DOC_DEFAULTS:
        full[table] = {key: full_doc(table, doc) for key, doc in data[table].items()}
    return dump(full)


def folder(library: Library) -> list[tuple[str, bytes]]:
    """The whole journal as ``filmlog.json``."""
    return [(FILE_NAME, document(library))]
