"""Values given several times (tags, people, titles) are kept once, whatever their case."""

from __future__ import annotations

from filmlog.journal import unique
from tests.helpers import stored


def test_unique_keeps_the_first_spelling_of_values_differing_in_case() -> None:
    assert unique(["Noir", "noir", "NOIR", "35mm", " Noir ", "", "Straße", "STRASSE"]) == (
        "Noir",
        "35mm",
        "Straße",
    )
    assert unique(["a\nb", "A B"]) == ("a b",)


def test_add_and_edit_keep_one_spelling_of_a_tag(cli, journal) -> None:
    added = cli("add", "Heat", "--tag", "Noir", "--tag", "noir", "--with", "Sam", "--with", "SAM")
    assert added.code == 0, added.stderr
    watch = stored(journal)["watches"]["1"]
    assert (watch["tags"], watch["with"]) == (["Noir"], ["Sam"])
    edited = cli("edit", "1", "--tag", "heist", "--tag", "Heist", "--tag", "noir", "--json")
    assert edited.json()["tags"] == ["Noir", "heist"]
