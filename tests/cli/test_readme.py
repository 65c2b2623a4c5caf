"""The README's commands are the ones CI runs, and its transcript is real output."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _blocks(text: str, lang: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(rf"```{lang}\n(.*?)```", text, re.DOTALL)]


def test_ci_installs_and_tests_exactly_as_the_readme_says():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install, example, tests = _blocks(readme, "sh")[:3]
    assert "pip install" in install and "filmlog" in example
    assert install in ci.splitlines()
    assert tests in ci.splitlines()
    assert "ruff check" in ci and "ruff format --check" in ci and "mypy --strict src" in ci


def test_readme_example_runs(cli):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = _blocks(readme, "sh")[1]
    for command in example.split("&&"):
        words = re.findall(r'"[^"]*"|\S+', command.strip())
        args = [w.strip('"') for w in words[1:]]
        result = cli(*args)
        assert result.code == 0, result.stderr
    assert "Leaving Las Vegas (1995)" in result.stdout


def test_db_option_works_before_or_after_the_command(cli, tmp_path):
    target = tmp_path / "elsewhere.json"
    assert cli("add", "Heat", "--year", "1995", "--db", str(target)).code == 0
    assert cli("--db", str(target), "show", "Heat", "--json").json()["film"]["title"] == "Heat"
    assert cli(f"--db={target}", "diary", "--json").json()[0]["title"] == "Heat"
    assert cli("show", "Heat").code == 1  # the default journal (FILMLOG_DB) is untouched
