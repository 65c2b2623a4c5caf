"""Golden files: the exports of a complete film, byte for byte.

Refresh them after an intended change with ``FILMLOG_UPDATE_GOLDEN=1`` and read the diff.
"""

from __future__ import annotations

from tests.export_support import build_complete_journal, golden, parse_page


def test_markdown_page_of_a_complete_film(cli, journal):
    build_complete_journal(journal)
    result = cli("export", "Leaving Las Vegas")
    assert result.code == 0, result.stderr
    page = parse_page(result.stdout)
    assert page.html_tokens() == []
    golden("leaving-las-vegas-1995.md", result.stdout.encode())


def test_markdown_folder(cli, journal, tmp_path):
    build_complete_journal(journal)
    assert cli("export", "--out", f"{tmp_path}/").code == 0
    golden("index.md", (tmp_path / "index.md").read_bytes())
    golden("heat-1995.md", (tmp_path / "heat-1995.md").read_bytes())


def test_csv_diary(cli, journal):
    build_complete_journal(journal)
    result = cli("export", "--format", "csv")
    assert result.code == 0, result.stderr
    golden("diary.csv", result.stdout.encode())


def test_letterboxd_csv(cli, journal):
    build_complete_journal(journal)
    result = cli("export", "--format", "letterboxd")
    assert result.code == 0, result.stderr
    golden("letterboxd.csv", result.stdout.encode())
