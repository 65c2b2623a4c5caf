"""Shared fixtures: every test gets its own journal; nothing can touch a real one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import REAL_DATA, Result, invoke


@pytest.fixture(autouse=True)
def isolated_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point FILMLOG_DB and the data folders at tmp_path for every test."""
    journal = tmp_path / "journal.json"
    monkeypatch.setenv("FILMLOG_DB", str(journal))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("FILMLOG_DEBUG", raising=False)
    monkeypatch.delenv("FILMLOG_FAULTS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    return journal


@pytest.fixture
def journal(isolated_journal: Path) -> Path:
    """The test's journal file (it does not exist until something is written)."""
    return isolated_journal


@pytest.fixture
def empty_journal(isolated_journal: Path) -> Path:
    """The test's journal, started and empty (a journal that does not exist is not read
    as an empty one)."""
    from filmlog.store.schema import dump, empty_journal

    isolated_journal.write_bytes(dump(empty_journal()))
    return isolated_journal


@pytest.fixture
def cli() -> Callable[..., Result]:
    """``cli("add", "Heat", "--year", "1995")`` -> Result(code, stdout, stderr)."""

    def call(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return invoke(args, input=input, env=env)

    return call


@pytest.fixture
def real_data() -> Path:
    """The real exports beside the project; the test is skipped when they are absent."""
    if not REAL_DATA.is_dir():
        pytest.skip(f"real exports not found at {REAL_DATA} (CI has them beside the project)")
    return REAL_DATA
