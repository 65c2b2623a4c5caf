"""README's 80-column ``stats`` screen is what filmlog prints for the journal it shows."""

from __future__ import annotations

import re
from pathlib import Path

from tests.stats_demo import build

ROOT = Path(__file__).resolve().parents[2]


def test_readme_stats_screen_is_real_output(cli, journal) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(
        r"At 80 columns, on a small journal of 2025:\n\n```text\n(.*?)```", readme, re.S
    )
    assert shown is not None
    assert build(journal) == 121
    r = cli("stats", "--year", "2025", env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert r.code == 0, r.stderr
    printed = "\n".join(line.rstrip() for line in r.stdout.splitlines()) + "\n"
    assert printed == shown.group(1)
    assert max(len(line) for line in printed.splitlines()) <= 80
