"""``filmlog export`` as Markdown: front matter, heading nesting, escaping, folders."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filmlog.export.markdown import yaml_string
from filmlog.export.mdtext import inline, paragraphs, review
from filmlog.models import CastMember, Disc, Film, Watch, clean_line, without_terminal_codes
from filmlog.store import Store
from tests.export_support import (
    build_complete_journal,
    parse_page,
)

HOSTILE = (
    "*batteries not included",
    "# Hashtag | Pipe",
    "<b>Bold</b>",
    "[REC]²",
    "Title_with_under_scores_",
    "C:\\films\\new\\",
    "&amp; &#35; &copy entity",
    "`code` and ``double``",
    "1984. Orwell",
    "- dash start",
    "> quote start",
    "+ plus start",
    "=== setext",
    "~~strike~~ $x$ 100%",
    "<!-- comment -->",
    "<https://example.com>",
    "![img](http://x/y.png)",
    "[link](http://example.com)",
    "Salò, or the 120 Days of Sodom",
    "Heat [/] x",
    "🎬 Film 😢",
    "trailing #",
    "**bold** __under__",
    "\"quoted\" 'single'",
    "<script>alert(1)</script>",
    "2) second",
)


def export_page(cli, *args: str) -> str:
    result = cli("export", *args)
    assert result.code == 0, result.stderr
    return result.stdout


def test_front_matter_holds_what_blogs_and_notes_read(cli, journal):
    build_complete_journal(journal)
    page = parse_page(export_page(cli, "Leaving Las Vegas"))
    assert page.meta == {
        "title": "Leaving Las Vegas",
        "year": 1995,
        "directors": ["Mike Figgis"],
        "genres": ["Drama", "Romance"],
        "rating": 5,
        "liked": True,
        "watched": [dt.date(2019, 11, 2), dt.date(2024, 1, 5)],
        "date": dt.date(2024, 1, 5),
        "tags": ["35mm", "retrospective", "arrow"],
        "aka": ["Adiós a Las Vegas"],
        "ids": {
            "filmlog": "leaving-las-vegas-1995",
            "imdb": "tt0113627",
            "tmdb": "451",
            "letterboxd": "https://boxd.it/1Yb2",
        },
    }


def test_review_headings_nest_under_the_viewing(cli, journal):
    build_complete_journal(journal)
    page = parse_page(export_page(cli, "Leaving Las Vegas"))
    assert page.headings() == [
        (1, "Leaving Las Vegas (1995)"),
        (2, "Facts"),
        (2, "Cast"),
        (2, "Viewings"),
        (3, "2019-11-02 · ★★★★½"),
        (4, "The performance"),
        (5, "The voice"),
        (5, "Sound"),
        (4, "A quoted heading"),
        (3, "2024-01-05 · ★★★★★"),
        (4, "Notes on the transfer"),
        (2, "Discs"),
        (3, "Arrow Video Blu-ray Limited Edition (disc #1)"),
        (4, "Scores"),
        (4, "Extras"),
        (4, "Pros"),
        (4, "Cons"),
        (4, "Verdict"),
        (4, "Notes"),
        (2, "Notes"),
    ]


def test_review_keeps_its_markdown_but_not_its_html(cli, journal):
    build_complete_journal(journal)
    page = parse_page(export_page(cli, "Leaving Las Vegas"))
    assert page.html_tokens() == []
    text = page.visible_text()
    assert "<i>Raw HTML stays text</i> & so does <code>." in " ".join(text.split())
    emphasis = [t for t in page.tokens for c in t.children or [] if c.type == "em_open"]
    assert emphasis, "the review's *emphasis* is kept as Markdown"
    assert "The review below has spoilers." in text


def hostile_journal(journal, text: str) -> None:
    film = Film(
        id="hostile",
        title=text,
        aka=(text,),
        directors=(text,),
        cast=(CastMember(text, text),),
        genres=(text,),
        synopsis=text,
        notes=text,
        certificate=text,
    )
    with Store.transaction(journal) as store:
        store.save_film(film)
        disc = store.add_disc(
            Disc(
                id=0,
                films=(film.id,),
                label=text,
                extras=(text,),
                pros=(text,),
                cons=(text,),
                verdict=text,
                notes=text,
            )
        )
        store.add_watch(
            Watch(
                id=0,
                film=film.id,
                date=dt.date(2024, 1, 1),
                where=text,
                with_=(text,),
                tags=(text,),
                disc=disc.id,
            )
        )


# Where hostile_journal puts the text so that a reader sees it: title, aka, director,
# cast name and role, genre, synopsis, film notes, certificate, where, with, tag, the
# disc's heading, its label fact, the viewing's disc line, extra, pro, con, verdict, notes.
PLACES = 20


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_reads_as_typed(cli, journal, text):
    hostile_journal(journal, text)
    page = parse_page(export_page(cli, "--format", "markdown"))
    assert page.html_tokens() == []
    assert page.visible_text().count(text) == PLACES
    single = parse_page(export_page(cli, "--", text))
    assert single.meta is not None
    assert single.meta["title"] == text
    assert single.meta["directors"] == [text]
    assert single.meta["tags"] == [text]
    assert single.headings()[0] == (1, text)


def test_text_with_line_breaks_and_controls_stays_in_its_place(cli, journal):
    text = "Line one\nLine two\r\n# not a heading\t<b>x</b>\x00\x1b[31m"
    hostile_journal(journal, text)
    page = parse_page(export_page(cli))
    assert page.html_tokens() == []
    assert [h for h in page.headings() if h[1] == "not a heading"] == []
    single = parse_page(export_page(cli, text))
    assert single.meta is not None
    assert single.meta["title"] == "Line one\nLine two\r\n# not a heading\t<b>x</b>"


def long_review(sections: int = 12, paragraphs_each: int = 6) -> tuple[str, list[str]]:
    """An essay of several thousand words with section headings; returns it and its
    paragraphs."""
    sentence = (
        "Cage gives the bar scene a terrible lightness, as if the drink were a joke he is "
        "telling himself, and Figgis lets the camera stay long enough for us to stop laughing"
    )
    words = sentence.split(" ")
    paras = []
    blocks = ["# On one performance"]
    for s in range(sections):
        blocks.append(f"## Part {s + 1}: the {words[s % len(words)]}")
        for p in range(paragraphs_each):
            sentence = " ".join(words[(s + p + i) % len(words)] for i in range(60))
            para = f"Paragraph {s}.{p}: {sentence}, *which matters* and **lasts**."
            paras.append(para)
            blocks.append(para)
        blocks.append(f"### Aside {s + 1}")
        aside = f"An aside {s} with `code <b>` and a [link](https://example.com/{s})."
        paras.append(aside)
        blocks.append(aside)
    return "\n\n".join(blocks) + "\n", paras


def test_a_long_essay_survives_paragraph_by_paragraph(cli, journal):
    essay, paras = long_review()
    assert len(essay.split()) > 4000
    with Store.transaction(journal) as store:
        store.save_film(Film(id="leaving-las-vegas-1995", title="Leaving Las Vegas", year=1995))
        store.add_watch(
            Watch(id=0, film="leaving-las-vegas-1995", date=dt.date(2024, 1, 1), review=essay)
        )
    page = parse_page(export_page(cli, "Leaving Las Vegas"))
    rendered = [re.sub(r"\s+", " ", p) for p in page.paragraphs()]
    expected = [
        re.sub(r"\s+", " ", p.replace("*which matters*", "which matters"))
        .replace("**lasts**", "lasts")
        .replace("[link](https://example.com/", "link")
        .replace("`code <b>`", "code <b>")
        for p in paras
    ]
    expected = [re.sub(r"link\d+\)", "link", e) for e in expected]
    assert [p for p in rendered if p.startswith(("Paragraph", "An aside"))] == expected
    levels = [
        level for level, text in page.headings() if text.startswith(("On one", "Part", "Aside"))
    ]
    assert levels == [4] + [5, 6] * 12
    assert page.html_tokens() == []


def test_the_whole_journal_is_one_document(cli, journal):
    build_complete_journal(journal)
    page = parse_page(export_page(cli))
    assert page.meta == {"title": "Film journal", "films": 2, "viewings": 3}
    films = [text for level, text in page.headings() if level == 1]
    assert films == ["Heat (1995)", "Leaving Las Vegas (1995)"]
    assert page.html_tokens() == []
    assert sum(1 for t in page.tokens if t.type == "hr") == 1


def test_a_folder_gets_a_page_per_film_and_an_index(cli, journal, tmp_path):
    build_complete_journal(journal)
    before = journal.read_bytes()
    out = tmp_path / "notes" / "films"
    result = cli("export", "--out", f"{out}/")
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == [
        "heat-1995.md",
        "index.md",
        "leaving-las-vegas-1995.md",
    ]
    index = parse_page((out / "index.md").read_text())
    links = [
        c.attrs["href"] for t in index.tokens for c in t.children or [] if c.type == "link_open"
    ]
    assert links == ["heat-1995.md", "leaving-las-vegas-1995.md"]
    for path in out.iterdir():
        page = parse_page(path.read_text(encoding="utf-8"))
        assert page.html_tokens() == []
        assert page.meta is not None and page.meta["title"]
    single = (out / "leaving-las-vegas-1995.md").read_text()
    assert single == export_page(cli, "Leaving Las Vegas").replace(
        "**See also:** Heat (1995)", "**See also:** [Heat (1995)](heat-1995.md)"
    )
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert cli("export", "--out", str(out)).code == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    assert journal.read_bytes() == before
    assert not (journal.parent / "journal.json.backups").exists()


def test_one_film_into_a_folder_leaves_the_index_alone(cli, journal, tmp_path):
    build_complete_journal(journal)
    result = cli("export", "Heat", "--out", f"{tmp_path}/out/")
    assert result.code == 0, result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["heat-1995.md"]


def test_out_file_gets_the_document(cli, journal, tmp_path):
    build_complete_journal(journal)
    target = tmp_path / "heat.md"
    assert cli("export", "heat", "-o", str(target)).code == 0
    assert target.read_text() == export_page(cli, "heat")
    everything = tmp_path / "all.md"
    assert cli("export", "--out", str(everything)).code == 0
    assert everything.read_text() == export_page(cli)


def test_file_names_are_safe_and_distinct(cli, journal, tmp_path):
    with Store.transaction(journal) as store:
        store.save_films(
            [
                Film(id="index", title="Index"),
                Film(id="../../escape", title="Escape", year=2001),
                Film(id="Escape-2001", title="Escape", year=2001),
                Film(id="amélie-2001", title="Amélie", year=2001),
            ]
        )
    assert cli("export", "--out", f"{tmp_path}/out/").code == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        "Escape-2001.md",
        "amélie-2001.md",
        "escape-2001-2.md",
        "index-2.md",
        "index.md",
    ]
    assert not (tmp_path / "escape").exists()


def test_an_empty_journal_exports_an_empty_document(cli, journal):
    page = parse_page(export_page(cli))
    assert page.meta == {"title": "Film journal", "films": 0, "viewings": 0}
    assert not journal.exists()


def test_export_refuses_what_it_cannot_do(cli, journal, tmp_path):
    build_complete_journal(journal)
    before = journal.read_bytes()
    missing = cli("export", "Nothing Like It")
    assert missing.code == 1 and missing.stderr.startswith("error: no film called")
    bad = cli("export", "--format", "docx")
    assert bad.code == 2 and "'docx' is not a format" in bad.stderr
    over = cli("export", "--out", str(journal))
    assert over.code == 2 and "journal's own file" in over.stderr
    nowhere = cli("export", "--out", str(tmp_path / "no" / "such" / "file.md"))
    assert nowhere.code == 1 and nowhere.stderr.startswith("error: could not write")
    assert journal.read_bytes() == before


# --------------------------------------------------------------------------- properties

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
HOSTILE_TEXT = st.one_of(
    TEXT, st.sampled_from(HOSTILE), st.lists(st.sampled_from(HOSTILE)).map("".join)
)


@given(HOSTILE_TEXT)
def test_yaml_strings_read_back_exactly(text):
    import yaml

    # Terminal escape codes never leave the journal; everything else reads back as it was.
    assert yaml.safe_load("title: " + yaml_string(text)) == {"title": without_terminal_codes(text)}


@given(HOSTILE_TEXT)
def test_inline_text_renders_literally(text):
    page = parse_page(inline(text) + "\n")
    assert page.html_tokens() == []
    expected = text.strip() if text.isprintable() else clean_line(text)
    shown = page.paragraphs()
    assert shown == ([expected] if expected else [])


@given(HOSTILE_TEXT)
def test_plain_paragraphs_render_literally(text):
    page = parse_page(paragraphs(text) + "\n")
    assert page.html_tokens() == []
    assert [h for h in page.headings()] == []


MARKDOWNISH = st.lists(
    st.one_of(
        TEXT,
        st.sampled_from(
            [
                "# ",
                "## ",
                "###### ",
                "\n",
                "\n\n",
                "---",
                "===",
                "> ",
                "- ",
                "1. ",
                "```",
                "~~~",
                "    ",
                "<div>",
                "</div>",
                "<b>",
                "`",
                "<!--",
                "-->",
                "<pre>",
                "[x]: <y>",
                "](<a>)",
                "<http://x.y>",
                "\\",
                "*",
                "_",
                "|",
                "<?php",
                "<![CDATA[",
            ]
        ),
        st.sampled_from(HOSTILE),
    ),
    max_size=30,
).map("".join)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300)
@given(MARKDOWNISH)
def test_reviews_never_leak_html_or_climb_above_their_viewing(text):
    body = review(text, 4)
    page = parse_page("### viewing\n\n" + body + "\n\n### after\n")
    assert page.html_tokens() == []
    headings = page.headings()
    assert headings[0] == (3, "viewing")
    assert headings[-1] == (3, "after")
    assert all(level >= 4 for level, _ in headings[1:-1])


def test_reference_links_of_two_reviews_do_not_collide(cli, journal):
    with Store.transaction(journal) as store:
        store.save_film(Film(id="heat-1995", title="Heat", year=1995))
        for day, url in ((1, "https://example.com/first"), (2, "https://example.com/second")):
            store.add_watch(
                Watch(
                    id=0,
                    film="heat-1995",
                    date=dt.date(2024, 1, day),
                    review=f"See [the essay][1] and [1].\n\n[1]: {url}\n",
                )
            )
    page = parse_page(export_page(cli, "Heat"))
    hrefs = [
        c.attrs["href"] for t in page.tokens for c in t.children or [] if c.type == "link_open"
    ]
    assert hrefs == ["https://example.com/first"] * 2 + ["https://example.com/second"] * 2
    assert "See the essay and 1." in page.paragraphs()


def test_review_line_breaks_and_trailing_spaces_survive(cli, journal):
    with Store.transaction(journal) as store:
        store.save_film(Film(id="heat-1995", title="Heat", year=1995))
        store.add_watch(
            Watch(id=0, film="heat-1995", date=dt.date(2024, 1, 1), review="One  \nTwo\\\nThree")
        )
    page = parse_page(export_page(cli, "Heat"))
    breaks = [c for t in page.tokens for c in t.children or [] if c.type == "hardbreak"]
    assert len(breaks) == 2


def test_year_needs_a_title_and_dash_means_stdout(cli, journal):
    build_complete_journal(journal)
    result = cli("export", "--year", "1995")
    assert result.code == 2 and "give the TITLE too" in result.stderr
    assert cli("export", "Heat", "--out", "-").stdout == export_page(cli, "Heat")
