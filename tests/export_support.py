"""Shared by the export tests: journals built through the store API, and a Markdown reader.

(No tests here; the name keeps it with the export tests.)
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from filmlog.models import (
    CastMember,
    Disc,
    Film,
    FilmIds,
    Purchase,
    Scores,
    Watch,
    WatchlistItem,
)
from filmlog.store import Store

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("FILMLOG_UPDATE_GOLDEN", "") not in ("", "0")

FIRST_REVIEW = """\
Cage doesn't play a drunk; he plays a man who has *decided*.

# The performance

Every gesture is a **choice**. Watch the hands in the bar scene:
they shake only when Sera looks away.

## The voice

He slurs, then he doesn't. <i>Raw HTML stays text</i> & so does `<code>`.

Sound
-----

Figgis scored it himself, and the trumpet carries the film.

> # A quoted heading
>
> Quoted text.
"""

SECOND_REVIEW = """\
Second time, on the Arrow disc. Still *devastating*.

### Notes on the transfer

- grain intact
- no DNR
"""


def complete_film() -> Film:
    return Film(
        id="leaving-las-vegas-1995",
        title="Leaving Las Vegas",
        year=1995,
        aka=("Adiós a Las Vegas",),
        directors=("Mike Figgis",),
        writers=("Mike Figgis",),
        cast=(
            CastMember("Nicolas Cage", "Ben Sanderson"),
            CastMember("Elisabeth Shue", "Sera"),
            CastMember("Julian Sands", "Yuri Butsov"),
        ),
        composers=("Mike Figgis",),
        cinematographers=("Declan Quinn",),
        based_on="Leaving Las Vegas, the novel by John O'Brien",
        genres=("Drama", "Romance"),
        runtime=111,
        certificate="UK 18",
        countries=("United States",),
        synopsis="A screenwriter who has lost everything goes to Las Vegas to drink himself "
        "to death.\n\nThere he meets Sera.",
        ids=FilmIds(imdb="tt0113627", tmdb="451", letterboxd="https://boxd.it/1Yb2"),
        liked=True,
        seen=True,
        see_also=("heat-1995",),
        notes="Bought after the retrospective.",
    )


def heat() -> Film:
    return Film(id="heat-1995", title="Heat", year=1995, directors=("Michael Mann",), seen=True)


def complete_disc(film_ids: tuple[str, ...]) -> Disc:
    return Disc(
        id=0,
        films=film_ids,
        format="Blu-ray",
        edition="Limited Edition",
        label="Arrow Video",
        region="B",
        released=dt.date(2023, 5, 22),
        discs=1,
        certificate="UK 18",
        packaging="Slipcase",
        video="1080p, 1.85:1",
        audio="LPCM 2.0",
        scores=Scores(film=5, picture=4, audio=3, extras=4.5),
        extras=("Making-of", "Interview with Mike Figgis", "B-roll"),
        pros=("Lovely grain", "New commentary"),
        cons=("No subtitles for the extras",),
        verdict="The one to own.",
        notes="Reversible sleeve.",
        purchased=Purchase(date=dt.date(2023, 6, 1), price="£18.99", shop="HMV"),
    )


def build_complete_journal(path: Path) -> None:
    """Two films; the first has every fact, a cast, two viewings and a disc."""
    film = complete_film()
    with Store.transaction(path) as store:
        store.save_films([film, heat()])
        disc = store.add_disc(complete_disc((film.id,)))
        store.add_watch(
            Watch(
                id=0,
                film=film.id,
                date=dt.date(2019, 11, 2),
                logged="2019-11-02T23:10:00+00:00",
                rating=4.5,
                medium="cinema",
                where="Prince Charles Cinema",
                with_=("Sam",),
                tags=("35mm", "retrospective"),
                spoilers=True,
                review=FIRST_REVIEW,
            )
        )
        store.add_watch(
            Watch(
                id=0,
                film=film.id,
                date=dt.date(2024, 1, 5),
                logged="2024-01-05T22:00:00+00:00",
                rating=5,
                medium="blu-ray",
                tags=("arrow",),
                rewatch=True,
                liked=True,
                review=SECOND_REVIEW,
                disc=disc.id,
            )
        )
        store.add_watch(
            Watch(id=0, film="heat-1995", date=dt.date(2024, 2, 1), logged="2024-02-01T21:00:00")
        )
        store.save_watchlist_items([WatchlistItem("thief-1981", dt.date(2024, 3, 1), "Mann")])


def golden(name: str, actual: bytes) -> None:
    """Compare with tests/golden/NAME byte for byte (FILMLOG_UPDATE_GOLDEN=1 rewrites it)."""
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(actual)
    assert path.exists(), f"{path} is missing; run with FILMLOG_UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_bytes(), f"{name} differs from the golden file"


# --------------------------------------------------------------------------- reading Markdown

_PARSER = MarkdownIt("commonmark").use(front_matter_plugin)


@dataclass
class Page:
    text: str
    tokens: list[Token]
    meta: dict[str, Any] | None

    def headings(self) -> list[tuple[int, str]]:
        """(level, text) of every heading, in order (inside quotes and lists too)."""
        out = []
        for i, token in enumerate(self.tokens):
            if token.type == "heading_open":
                out.append((int(token.tag[1]), plain(self.tokens[i + 1])))
        return out

    def html_tokens(self) -> list[Token]:
        found = []
        for token in self.tokens:
            if token.type == "html_block":
                found.append(token)
            found.extend(c for c in token.children or [] if c.type == "html_inline")
        return found

    def paragraphs(self) -> list[str]:
        return [
            plain(self.tokens[i + 1])
            for i, t in enumerate(self.tokens)
            if t.type == "paragraph_open"
        ]

    def visible_text(self) -> str:
        """What a reader sees: the rendered HTML without its tags, entities decoded."""
        rendered = _PARSER.renderer.render(self.tokens, _PARSER.options, {})
        blocks = re.sub(r"</?(?:p|h[1-6]|li|ul|ol|blockquote|pre|hr)\b[^>]*>", "\n", rendered)
        return html.unescape(re.sub(r"<[^>]+>", "", blocks))


def parse_page(text: str) -> Page:
    """Parse one exported Markdown file the way the tests demand: CommonMark plus front
    matter, the front matter read with PyYAML's safe loader."""
    tokens = _PARSER.parse(text)
    meta = None
    if tokens and tokens[0].type == "front_matter":
        meta = yaml.safe_load(tokens[0].content)
    return Page(text, tokens, meta)


def plain(inline: Token) -> str:
    """The text of an inline token as a reader sees it (code spans included)."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)
