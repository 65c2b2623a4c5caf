"""``disc add/list/edit/rm``, ``add --disc``, and the complete disc review on ``show``."""

from __future__ import annotations

import re

import pytest

from tests.helpers import stored


def ok(result):
    assert result.code == 0, result.stderr
    return result


FILM_FACTS = [
    "film", "set", "Leaving Las Vegas", "--year", "1995",
    "--director", "Mike Figgis",
    "--genre", "Drama", "--genre", "Romance",
    "--runtime", "111",
    "--certificate", "UK 18",
    "--composer", "Mike Figgis",
    "--cinematographer", "Declan Quinn",
    "--based-on", "Leaving Las Vegas, the novel by John O'Brien",
    "--cast", "Nicolas Cage as Ben Sanderson",
    "--cast", "Elisabeth Shue as Sera",
    "--cast", "Julian Sands as Yuri",
    "--see-also", "Barfly (1987)",
    "--see-also", "The Lost Weekend (1945)",
]  # fmt: skip

DISC_REVIEW = [
    "disc", "add", "Leaving Las Vegas", "--year", "1995",
    "--format", "bluray",
    "--edition", "Limited Edition",
    "--label", "Arrow Video",
    "--region", "B",
    "--released", "2019-05-20",
    "--discs", "2",
    "--certificate", "UK 18",
    "--packaging", "Slipcase, booklet",
    "--video", "1080p, 1.85:1",
    "--audio-spec", "LPCM 2.0",
    "--film-score", "EXCELLENT",
    "--picture", "good",
    "--audio", "★★★½",
    "--extras", "poor",
    "--extra", "Making-of",
    "--extra", "Interviews with Mike Figgis, Nicolas Cage & Elisabeth Shue",
    "--extra", "B-roll",
    "--pro", "Faithful grain",
    "--pro", "Figgis's own score, lossless",
    "--con", "No commentary",
    "--con", "Thin booklet",
    "--verdict", "The best the film has looked; buy it.",
    "--note", "Watched the night it arrived.",
    "--bought", "2024-03-01",
    "--price", "£19.99",
    "--shop", "HMV Oxford Street",
]  # fmt: skip


def test_a_complete_disc_review_comes_back_complete(cli, journal):
    ok(cli(*FILM_FACTS))
    added = ok(cli(*DISC_REVIEW))
    assert added.stdout.startswith(
        "Added disc #1: Arrow Video Blu-ray Limited Edition of Leaving Las Vegas (1995)"
    )
    ok(cli("add", "Leaving Las Vegas", "--year", "1995", "--disc", "1", "--on", "2024-03-01"))

    page = ok(cli("show", "leaving las vegas", "--json")).json()
    film = page["film"]
    assert film["directors"] == ["Mike Figgis"]
    assert film["genres"] == ["Drama", "Romance"]
    assert (film["runtime"], film["certificate"]) == (111, "UK 18")
    assert film["composers"] == ["Mike Figgis"]
    assert film["cinematographers"] == ["Declan Quinn"]
    assert film["based_on"] == "Leaving Las Vegas, the novel by John O'Brien"
    assert film["cast"] == [
        {"name": "Nicolas Cage", "role": "Ben Sanderson"},
        {"name": "Elisabeth Shue", "role": "Sera"},
        {"name": "Julian Sands", "role": "Yuri"},
    ]
    assert film["see_also"] == ["barfly-1987", "the-lost-weekend-1945"]
    assert page["watches"][0]["disc"] == 1
    assert page["discs"] == [
        {
            "id": 1,
            "films": ["leaving-las-vegas-1995"],
            "format": "Blu-ray",
            "edition": "Limited Edition",
            "label": "Arrow Video",
            "region": "B",
            "released": "2019-05-20",
            "discs": 2,
            "certificate": "UK 18",
            "packaging": "Slipcase, booklet",
            "video": "1080p, 1.85:1",
            "audio": "LPCM 2.0",
            "scores": {"film": 5.0, "picture": 4.0, "audio": 3.5, "extras": 1.0},
            "extras": [
                "Making-of",
                "Interviews with Mike Figgis, Nicolas Cage & Elisabeth Shue",
                "B-roll",
            ],
            "pros": ["Faithful grain", "Figgis's own score, lossless"],
            "cons": ["No commentary", "Thin booklet"],
            "verdict": "The best the film has looked; buy it.",
            "notes": "Watched the night it arrived.",
            "purchased": {"date": "2024-03-01", "price": "£19.99", "shop": "HMV Oxford Street"},
        }
    ]

    text = ok(cli("show", "Leaving Las Vegas")).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert lines[0].strip("─ ") == "Leaving Las Vegas (1995)"
    for expected in (
        "Directed by Mike Figgis",
        "Based on Leaving Las Vegas, the novel by John O'Brien",
        "Music Mike Figgis",
        "Cinematography Declan Quinn",
        "Genres Drama, Romance",
        "Runtime 111 min",
        "Certificate UK 18",
        "Nicolas Cage Ben Sanderson",
        "Elisabeth Shue Sera",
        "Julian Sands Yuri",
        "See also: Barfly (1987), The Lost Weekend (1945)",
        "Disc #1: Arrow Video Blu-ray Limited Edition ─",
        "Format Blu-ray",
        "Edition Limited Edition",
        "Label Arrow Video",
        "Region B",
        "Released 2019-05-20",
        "Discs 2",
        "Packaging Slipcase, booklet",
        "Video 1080p, 1.85:1",
        "Audio LPCM 2.0",
        "Film score ★★★★★ excellent",
        "Picture score ★★★★ good",
        "Audio score ★★★½ ok",
        "Extras score ★ poor",
        "Bought 2024-03-01, £19.99, HMV Oxford Street",
        "• Making-of",
        "• Interviews with Mike Figgis, Nicolas Cage & Elisabeth Shue",
        "• B-roll",
        "+ Faithful grain",
        "+ Figgis's own score, lossless",
        "- No commentary",
        "- Thin booklet",
        "Verdict: The best the film has looked; buy it.",
        "Watched the night it arrived.",
    ):
        assert any(line.startswith(expected) for line in lines), expected
    score_lines = [line for line in text.splitlines() if re.match(r"\w+ score +★", line)]
    words = [re.search(r"(excellent|good|ok|poor)", line) for line in score_lines]
    assert len({m.start() for m in words if m}) == 1 and len(words) == 4  # the words line up
    viewing = next(line for line in lines if line.startswith("1 2024-03-01"))
    assert "blu-ray disc #1" in viewing


def test_scores_take_words_or_stars(cli, journal):
    ok(
        cli(
            "disc", "add", "Heat", "--year", "1995",
            "--film-score", "9/10", "--picture", "4½", "--audio", "Fair", "--extras", "ok",
        )
    )  # fmt: skip
    assert stored(journal)["discs"]["1"]["scores"] == {
        "film": 4.5,
        "picture": 4.5,
        "audio": 2.0,
        "extras": 3.0,
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--picture", "great"], "is not a score"),
        (["--audio", "6"], "is not a score"),
        (["--released", "spring 2019"], "is not a date"),
        (["--bought", "2999-01-01"], "is in the future"),
        (["--discs", "0"], "is not a number of discs"),
        (["--label", " "], "is empty"),
    ],
)
def test_bad_disc_input_exits_2_and_changes_nothing(cli, journal, args, message):
    ok(cli("film", "set", "Heat", "--year", "1995"))
    before = journal.read_bytes()
    result = cli("disc", "add", "Heat", "--format", "uhd", *args)
    assert result.code == 2
    assert message in result.stderr
    assert journal.read_bytes() == before


def test_formats_are_spelled_the_usual_way(cli, journal):
    for typed in ("bluray", "4k", "DVD", "Betamax"):
        ok(cli("disc", "add", "Heat", "--year", "1995", "--format", typed))
    formats = [d["format"] for d in stored(journal)["discs"].values()]
    assert formats == ["Blu-ray", "4K UHD", "DVD", "Betamax"]


def test_disc_add_creates_a_missing_film_and_says_so(cli, journal):
    result = ok(cli("disc", "add", "Thief", "--year", "1981", "--format", "blu-ray"))
    assert "Thief (1981) is new to the journal" in result.stderr
    assert stored(journal)["discs"]["1"]["films"] == ["thief-1981"]


def test_a_disc_film_near_a_known_title_is_refused_unless_created(cli, journal):
    ok(cli("film", "set", "Thief", "--year", "1981"))
    before = journal.read_bytes()
    for args in (["disc", "add", "Heat", "--year", "1995"], ["disc", "add", "Thief"]):
        result = cli(*args, "--film", "Thef")
        assert result.code == 1
        assert "no film called 'Thef' in the journal (did you mean 'Thief (1981)'?" in result.stderr
        assert "--new adds 'Thef' as a new film" in result.stderr
        assert journal.read_bytes() == before  # not even the new film Heat or the disc
    ok(cli("disc", "add", "Thief", "--format", "dvd"))
    before = journal.read_bytes()
    result = cli("disc", "edit", "1", "--film", "Thef", "--verdict", "Fine.")
    assert result.code == 1
    assert "did you mean 'Thief (1981)'?" in result.stderr
    assert journal.read_bytes() == before

    result = ok(cli("disc", "edit", "1", "--film", "Thef", "--create"))
    assert "Thef is new to the journal" in result.stderr
    assert stored(journal)["discs"]["1"]["films"] == ["thief-1981", "thef"]
    assert "--create" in ok(cli("disc", "add", "--help")).stdout
    assert "--create" in ok(cli("disc", "edit", "--help")).stdout


def test_a_disc_film_with_no_near_title_is_created_with_a_note(cli, journal):
    ok(cli("film", "set", "Thief", "--year", "1981"))
    result = ok(cli("disc", "add", "Thief", "--film", "Paris, Texas (1984)"))
    assert "Paris, Texas (1984) is new to the journal" in result.stderr
    assert stored(journal)["discs"]["1"]["films"] == ["thief-1981", "paris-texas-1984"]


def test_one_disc_holds_several_films(cli, journal):
    ok(cli("film", "set", "Heat", "--year", "1995"))
    ok(
        cli(
            "disc", "add", "Thief", "--year", "1981", "--film", "Heat (1995)",
            "--edition", "Michael Mann double bill",
        )
    )  # fmt: skip
    ok(cli("film", "set", "Collateral", "--year", "2004"))
    ok(cli("disc", "edit", "1", "--film", "Collateral (2004)"))
    assert stored(journal)["discs"]["1"]["films"] == ["thief-1981", "heat-1995", "collateral-2004"]
    for title in ("Heat", "Thief", "Collateral"):
        page = ok(cli("show", title, "--json")).json()
        assert [d["id"] for d in page["discs"]] == [1]
    text = " ".join(ok(cli("show", "Heat")).stdout.split())
    assert "Films Thief (1981), Heat (1995), Collateral (2004)" in text

    ok(cli("disc", "edit", "1", "--remove", "film=collateral"))
    assert stored(journal)["discs"]["1"]["films"] == ["thief-1981", "heat-1995"]
    assert ok(cli("show", "Collateral", "--json")).json()["discs"] == []


def test_the_last_film_cannot_leave_its_disc(cli, journal):
    ok(cli("disc", "add", "Heat", "--year", "1995"))
    before = journal.read_bytes()
    result = cli("disc", "edit", "1", "--remove", "film=Heat")
    assert result.code == 2
    assert "at least one film" in result.stderr
    assert cli("disc", "edit", "1", "--clear", "films").code == 2
    assert journal.read_bytes() == before


def test_disc_edit_changes_only_what_is_given(cli, journal):
    ok(cli(*DISC_REVIEW))
    ok(
        cli(
            "disc", "edit", "1",
            "--picture", "excellent",
            "--pro", "New 4K scan",
            "--remove", "con=no commentary",
            "--remove", "extra=B-roll",
            "--clear", "packaging",
            "--clear", "extras-score",
            "--clear", "price",
            "--clear", "pros", "--pro", "Grain intact",
        )
    )  # fmt: skip
    disc = stored(journal)["discs"]["1"]
    assert disc["scores"] == {"film": 5.0, "picture": 5.0, "audio": 3.5, "extras": None}
    assert disc["pros"] == ["New 4K scan", "Grain intact"]  # cleared first, then added
    assert disc["cons"] == ["Thin booklet"]
    assert disc["extras"] == [
        "Making-of",
        "Interviews with Mike Figgis, Nicolas Cage & Elisabeth Shue",
    ]
    assert disc["packaging"] is None
    assert disc["purchased"] == {"date": "2024-03-01", "price": None, "shop": "HMV Oxford Street"}
    assert disc["label"] == "Arrow Video"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ([], 2, "nothing to change"),
        (["--remove", "con=Too short"], 1, "has no cons entry 'Too short'"),
        (["--remove", "verdict=x"], 2, "single value"),
        (["--clear", "audio"], 2, "audio-spec (the text) or audio-score"),
        (["--clear", "extras"], 2, "extra (the list) or extras-score"),
        (["--clear", "colour"], 2, "is not a disc field"),
    ],
)
def test_disc_edit_refusals_change_nothing(cli, journal, args, code, message):
    ok(cli(*DISC_REVIEW))
    before = journal.read_bytes()
    result = cli("disc", "edit", "1", *args)
    assert result.code == code
    assert message in result.stderr
    assert journal.read_bytes() == before


def test_editing_a_missing_disc_exits_1(cli):
    result = cli("disc", "edit", "9", "--verdict", "x")
    assert result.code == 1
    assert "no disc #9" in result.stderr


def test_disc_list_table_and_json(cli):
    ok(cli(*DISC_REVIEW))
    ok(cli("disc", "add", "Heat", "--year", "1995", "--format", "uhd", "--picture", "5"))
    table = ok(cli("disc", "list")).stdout
    assert "Leaving Las Vegas (1995)" in table and "Heat (1995)" in table
    assert "Arrow Video Blu-ray" in table and "4K UHD" in table
    discs = ok(cli("disc", "list", "--json")).json()
    assert [d["id"] for d in discs] == [1, 2]
    assert discs[0]["verdict"] == "The best the film has looked; buy it."
    assert set(discs[1]) == set(discs[0])
    only = ok(cli("disc", "list", "Heat", "--json")).json()
    assert [d["id"] for d in only] == [2]


def test_disc_list_when_there_are_none(cli, empty_journal):
    assert ok(cli("disc", "list", "--json")).json() == []
    assert "no discs yet" in ok(cli("disc", "list")).stderr


def test_add_disc_links_a_viewing_to_its_disc_end_to_end(cli, journal):
    ok(cli("disc", "add", "Heat", "--year", "1995", "--format", "4K UHD"))
    logged = ok(cli("add", "Heat", "--disc", "1", "--rating", "5", "--json")).json()
    assert logged["disc"] == 1
    assert logged["medium"] == "uhd"  # taken from the disc when not given
    # Another film is watched from the disc once the disc says it holds it.
    ok(cli("disc", "edit", "1", "--film", "Thief (1981)"))
    ok(cli("add", "Thief", "--year", "1981", "--disc", "1", "--medium", "blu-ray"))
    data = stored(journal)
    assert data["discs"]["1"]["films"] == ["heat-1995", "thief-1981"]
    assert data["watches"]["2"]["medium"] == "blu-ray"
    shown = ok(cli("show", "Heat")).stdout
    assert re.search(r"uhd disc #1", shown)

    before = journal.read_bytes()
    result = cli("add", "Heat", "--disc", "7")
    assert result.code == 1
    assert "no disc #7" in result.stderr
    assert journal.read_bytes() == before


def test_add_from_a_disc_that_does_not_hold_the_film_is_refused(cli, journal):
    ok(cli("disc", "add", "Heat", "--year", "1995", "--format", "blu-ray"))
    ok(cli("film", "set", "Paris, Texas", "--year", "1984"))
    before = journal.read_bytes()
    # A film of the journal, and one the journal does not know yet.
    for title, label in (("Paris, Texas", "Paris, Texas (1984)"), ("Thief (1981)", "Thief (1981)")):
        result = cli("add", title, "--disc", "1")
        assert result.code == 1
        assert result.stderr == (
            f"error: disc #1 holds Heat (1995), not {label} "
            f"(if it is on the disc too: filmlog disc edit 1 --film '{label}')\n"
        )
        assert journal.read_bytes() == before
    # The command it names works, and then so does the viewing.
    ok(cli("disc", "edit", "1", "--film", "Paris, Texas (1984)"))
    logged = ok(cli("add", "Paris, Texas", "--disc", "1", "--json")).json()
    assert (logged["disc"], logged["medium"]) == (1, "blu-ray")


def test_a_disc_holding_two_films_is_named_in_full(cli, journal):
    ok(cli("disc", "add", "Thief", "--year", "1981", "--film", "Heat (1995)"))
    result = cli("add", "Alien", "--disc", "1")
    assert result.code == 1
    assert "disc #1 holds Thief (1981), Heat (1995), not Alien" in result.stderr
    assert "alien" not in journal.read_text(encoding="utf-8").casefold()


def test_edit_refuses_a_disc_that_does_not_hold_the_viewings_film(cli, journal):
    ok(cli("disc", "add", "Heat", "--year", "1995", "--format", "blu-ray"))
    ok(cli("add", "Heat", "--disc", "1", "--on", "2024-01-01"))
    ok(cli("add", "Thief", "--year", "1981", "--on", "2024-02-01"))
    before = journal.read_bytes()
    result = cli("edit", "2", "--disc", "1")
    assert result.code == 1
    assert "disc #1 holds Heat (1995), not Thief (1981)" in result.stderr
    # Moving a viewing watched from the disc to a film the disc does not hold.
    result = cli("edit", "1", "--title", "Thief", "--year", "1981")
    assert result.code == 1
    assert "--clear disc" in result.stderr
    assert journal.read_bytes() == before
    moved = ok(cli("edit", "1", "--title", "Thief", "--year", "1981", "--clear", "disc", "--json"))
    assert (moved.json()["film"], moved.json()["disc"]) == ("thief-1981", None)


def test_disc_rm_asks_then_unlinks_viewings(cli, journal):
    ok(cli("disc", "add", "Heat", "--year", "1995", "--format", "blu-ray", "--label", "Arrow"))
    ok(cli("add", "Heat", "--disc", "1"))
    result = cli("disc", "rm", "1")
    assert result.code == 2
    assert "pass --yes" in result.stderr
    assert "1" in stored(journal)["discs"]

    result = ok(cli("disc", "rm", "1", "--yes"))
    assert "Deleted disc #1, Arrow Blu-ray of Heat (1995)" in result.stderr
    data = stored(journal)
    assert data["discs"] == {}
    assert data["watches"]["1"]["disc"] is None
    assert ok(cli("show", "Heat", "--json")).json()["discs"] == []
    # Ids are never given out again.
    again = ok(cli("disc", "add", "Heat", "--json")).json()
    assert again["id"] == 2
    assert cli("disc", "rm", "1", "--yes").code == 1


def test_same_title_discs_name_the_year(cli, journal):
    ok(cli("film", "set", "Heat", "--year", "1995"))
    ok(cli("film", "set", "Heat", "--year", "1986"))
    before = journal.read_bytes()
    result = cli("disc", "add", "Heat", "--format", "dvd")
    assert result.code == 1
    assert "Heat (1986), Heat (1995)" in result.stderr
    assert journal.read_bytes() == before
    added = ok(cli("disc", "add", "Heat", "--year", "1986", "--format", "dvd"))
    assert "of Heat (1986)" in added.stdout
    assert "Heat (1986)" in ok(cli("disc", "list")).stdout
    assert ok(cli("disc", "list", "Heat (1995)", "--json")).json() == []


def test_a_purchase_in_the_future_is_refused_as_a_purchase(cli, journal):
    result = cli("disc", "add", "Thief", "--year", "1981", "--bought", "2999-01-01")
    assert result.code == 2
    assert result.stderr == (
        "error: '2999-01-01' is in the future (a purchase happens on or before today)\n"
    )
    assert not journal.exists()
    ok(cli("disc", "add", "Thief", "--year", "1981"))
    edited = cli("disc", "edit", "1", "--bought", "2999-01-01")
    assert edited.code == 2 and "a purchase happens" in edited.stderr


def test_a_disc_with_no_details_is_named_by_its_film(cli, journal):
    result = ok(cli("disc", "add", "Thief", "--year", "1981"))
    assert result.stdout.strip() == "Added disc #1 of Thief (1981)"
    edited = ok(cli("disc", "edit", "1", "--verdict", "Fine"))
    assert edited.stdout.strip() == "Updated disc #1 of Thief (1981)"
    removed = ok(cli("disc", "rm", "1", "--yes"))
    assert "Deleted disc #1 of Thief (1981)." in removed.stderr
