"""What earlier imports set, as the journal's ``_meta`` record remembers it.

Every import keeps a short fingerprint of each value it set, by a viewing's or list's
source or by source and film, so that a newer export can update a value nobody changed in
filmlog since, and leave alone one that was.
"""

from __future__ import annotations

# The key of the ``_meta`` record under which imports remember what they set.
RECORDS = "imported"


def _empty(value: object) -> bool:
    return value is None or value is False or value in ((), "")


def digest(value: object) -> str | None:
    """A short fingerprint of a value an import set (None for an empty value): enough to
    tell whether the journal still holds it, in a tenth of the room the value takes."""
    if _empty(value):
        return None
    import hashlib

    import orjson

    raw = orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    return hashlib.blake2b(raw, digest_size=4).hexdigest()


def read_records(stored: object) -> dict[str, dict[str, str]]:
    """The records kept in ``_meta``: ``{key: "field=fingerprint field=fingerprint"}``
    (one line a key keeps them a fifth of the journal's size at most); anything else in
    their place reads as no record."""
    if not isinstance(stored, dict):
        return {}
    return {
        key: dict(part.split("=", 1) for part in value.split() if "=" in part)
        for key, value in stored.items()
        if isinstance(key, str) and isinstance(value, str)
    }


def write_records(records: dict[str, dict[str, str]]) -> dict[str, str]:
    """The records as ``_meta`` keeps them (see :func:`read_records`)."""
    return {
        key: " ".join(f"{name}={value}" for name, value in sorted(record.items()))
        for key, record in records.items()
    }
