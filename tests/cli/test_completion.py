"""Shell completion through the real ``filmlog`` script, as bash, zsh and fish ask for it
(the ``_FILMLOG_COMPLETE`` protocol of Typer), and installing each shell's script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import Result


def ok(result: Result) -> Result:
    assert result.code == 0, result.stderr
    return result


SCRIPT = Path(sys.executable).with_name("filmlog")
pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason="the filmlog script is not installed")


def complete(shell: str, line: str, env: dict[str, str] | None = None) -> list[str]:
    """What ``shell`` offers for the command line ``line`` (the cursor at its end)."""
    extra = {"_FILMLOG_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        words = line.split(" ")
        extra |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    else:
        extra |= {"_TYPER_COMPLETE_ARGS": line}
    if shell == "fish":
        extra["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    result = subprocess.run(
        [str(SCRIPT)],
        env={**os.environ, **extra, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout.strip()
    if shell == "zsh":
        # _arguments '*: :(("value":"help" "value2"))'
        if not out.startswith("_arguments"):
            return []
        inside = out[out.index("((") + 2 : out.rindex("))")]
        return [part.split('":"')[0].strip('"') for part in _zsh_items(inside)]
    return [line.split("\t")[0] for line in out.splitlines() if line]


def _zsh_items(inside: str) -> list[str]:
    """The values of zsh's ``"value":"help"`` items, one a line or space apart."""
    items, current, quoted = [], "", False
    for char in inside:
        if char == '"':
            quoted = not quoted
        if char in " \n" and not quoted:
            items.append(current)
            current = ""
        else:
            current += char
    return [i for i in [*items, current] if i]


@pytest.fixture
def journal_with_titles(cli, journal):
    for args in (
        ("add", "Leaving Las Vegas", "--year", "1995", "--tag", "35mm", "--medium", "blu-ray"),
        ("add", "8½", "--year", "1963", "--tag", "Neo-noir"),
        ("add", "Heat", "--year", "1995", "--tag", "heist"),
        ("film", "set", "Heat (1995)", "--aka", "Fuego contra fuego"),
        ("list", "new", "Favourite films"),
    ):
        ok(cli(*args))
    return journal


SHELLS = ["bash", "zsh", "fish"]


@pytest.mark.parametrize("shell", SHELLS)
def test_titles_media_tags_lists_and_sort_keys(journal_with_titles, shell):
    assert complete(shell, "filmlog show Lea") == ["Leaving Las Vegas"]
    assert complete(shell, "filmlog show lea") == ["leaving Las Vegas"]
    assert complete(shell, "filmlog show Fuego") == ["Fuego contra fuego"]
    assert complete(shell, "filmlog add 8") == ["8½"]
    assert complete(shell, "filmlog diary --film H") == ["Heat"]
    assert complete(shell, "filmlog diary --medium b") == ["blu-ray"]
    assert complete(shell, "filmlog add Heat --medium d") == ["digital", "dvd"]
    assert complete(shell, "filmlog diary --tag ") == ["35mm", "heist", "Neo-noir"]
    assert complete(shell, "filmlog list show Fav") == ["Favourite films"]
    assert complete(shell, "filmlog film list --sort l") == ["last-watched"]
    assert complete(shell, "filmlog film set Le") == ["Leaving Las Vegas"]
    assert complete(shell, "filmlog watchlist add Hea") == ["Heat"]
    assert complete(shell, "filmlog disc add Hea") == ["Heat"]
    assert complete(shell, "filmlog export Hea") == ["Heat"]


@pytest.mark.parametrize("shell", SHELLS)
def test_commands_come_from_the_whole_app(journal_with_titles, shell):
    offered = complete(shell, "filmlog s")
    assert {"show", "search", "stats"} <= set(offered)
    assert complete(shell, "filmlog ta") == ["tags"]
    assert "list" in complete(shell, "filmlog film l")


def test_completion_reads_the_journal_db_names(journal_with_titles, tmp_path):
    assert complete("bash", f"filmlog --db {tmp_path / 'other.json'} show L") == []
    assert complete("bash", f"filmlog --db {journal_with_titles} show L") == ["Leaving Las Vegas"]
    assert complete("bash", "filmlog show L", {"FILMLOG_DB": str(tmp_path / "none.json")}) == []


def test_a_damaged_journal_offers_nothing_and_says_nothing(journal_with_titles):
    journal_with_titles.write_text("{not json", encoding="utf-8")
    assert complete("bash", "filmlog show L") == []
    assert complete("zsh", "filmlog diary --medium c") == ["cinema"]


# --------------------------------------------------------------------------- installing


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home), "SHELL": "/bin/bash"}
    env.pop("_FILMLOG_COMPLETE", None)
    return subprocess.run(
        [str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize(
    ("shell", "installed", "rc"),
    [
        ("zsh", ".zfunc/_filmlog", ".zshrc"),
        ("fish", ".config/fish/completions/filmlog.fish", None),
        ("bash", ".bash_completions/filmlog.sh", ".bashrc"),
    ],
)
def test_install_completion_installs_the_shell_named(tmp_path, shell, installed, rc):
    home = tmp_path / "home"
    home.mkdir()
    result = _run("--install-completion", shell, home=home)
    assert result.returncode == 0, result.stderr
    assert f"{shell} completion installed in {home / installed}" in result.stdout
    assert "_FILMLOG_COMPLETE" in (home / installed).read_text()
    written = {p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file()}
    assert written == {installed} | ({rc} if rc else set())
    # --db before it changes nothing
    again = _run("--db", str(tmp_path / "j.json"), "--install-completion", shell, home=home)
    assert again.returncode == 0 and f"{shell} completion installed" in again.stdout


@pytest.mark.parametrize("shell", SHELLS)
def test_show_completion_prints_the_shell_named(tmp_path, shell):
    result = _run("--show-completion", shell, home=tmp_path)
    assert result.returncode == 0
    marker = {"bash": "COMP_WORDS", "zsh": "compdef", "fish": "complete --command filmlog"}
    assert marker[shell] in result.stdout
    assert not list(tmp_path.iterdir())


def test_an_unknown_shell_is_refused(tmp_path):
    result = _run("--install-completion", "tcsh", home=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "error: 'tcsh' is not a shell filmlog completes (use bash, zsh or fish)\n"
    )
    assert not list(tmp_path.iterdir())
