"""The README's "How the code is laid out" names every module of src/filmlog, and every
path it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "filmlog"


def section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## How the code is laid out")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def named_paths() -> set[str]:
    """Paths the section names (`x.py`, `folder/`, `folder/x.py`), relative to the package;
    in a list item that starts with a folder, a name in that folder stands for its path."""
    found: set[str] = set()
    for item in re.split(r"\n(?=- )", section()):
        folder = re.match(r"- `([a-z_/]+/)`", item)
        for name in re.findall(r"`([a-z_/]+(?:\.py|/))`", item):
            inside = folder[1] + name if folder and name != folder[1] else None
            found.add(inside if inside and (PACKAGE / inside).exists() else name)
    return found


def test_every_path_the_section_names_exists():
    missing = [
        name
        for name in named_paths()
        if not (PACKAGE / name).exists() and not (ROOT / name).exists()
    ]
    assert not missing, missing


def test_every_module_is_named():
    named = named_paths()
    modules = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.name not in ("__init__.py", "__main__.py")
    }
    loose = {m for m in modules if m not in named}
    # A folder's modules may be named inside its own list item ("`importers/`: `imdb.py`").
    assert not loose, sorted(loose)
