"""Models to styled lines for the terminal. Never prints, never touches the store.

Built on ``filmlog.screen`` rather than Rich: the commands drawn here (``show``, ``diary``,
the list commands and the lines that confirm a change) are the ones run all day, and
importing Rich's console and table would cost each of them more than reading a journal of
10,000 viewings. Every function takes the width to lay out for and returns lines. User text
enters as ``Text``, which drops control characters; nothing is read as markup, so a title
like ``Heat [/] x`` prints as typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from filmlog.journal import FilmPage, current_rating
from filmlog.models import Disc, Film, Watch, format_rating, model, score_word, stars
from filmlog.screen import (
    BLUE,
    BOLD,
    CYAN,
    DIM,
    ITALIC,
    MAGENTA,
    RED,
    STARS,
    UNDERLINE,
    YELLOW,
    Column,
    Justify,
    Text,
    cell_len,
    grid,
    rule,
    table,
    wrap,
)

if TYPE_CHECKING:
    from filmlog.catalog import FilmRow, WatchlistRow

Lines = list[Text]


def star_text(rating: float | None) -> Text:
    """Stars for a rating, empty when unrated."""
    return Text(stars(rating), STARS) if rating is not None else Text("")


def film_label(film: Film) -> Text:
    """``Title (year)`` with the year dimmed."""
    text = Text(film.title, BOLD)
    if film.year:
        text.append(f" ({film.year})", DIM)
    return text


def _join(values: Iterable[str]) -> str:
    return ", ".join(values)


def _facts(film: Film) -> list[tuple[str, str]]:
    rows = [
        ("Also known as", _join(film.aka)),
        ("Kind", film.kind if film.kind != "film" else ""),
        ("Directed by", _join(film.directors)),
        ("Written by", _join(film.writers)),
        ("Based on", film.based_on or ""),
        ("Music", _join(film.composers)),
        ("Cinematography", _join(film.cinematographers)),
        ("Genres", _join(film.genres)),
        ("Runtime", f"{film.runtime} min" if film.runtime else ""),
        ("Certificate", film.certificate or ""),
        ("Countries", _join(film.countries)),
        ("IMDb", film.ids.imdb or ""),
        ("TMDb", film.ids.tmdb or ""),
        ("Letterboxd", film.ids.letterboxd or ""),
    ]
    return [(k, v) for k, v in rows if v]


def key_values(rows: Sequence[tuple[str, str | Text]], width: int) -> Lines:
    """Labels and values side by side; long values wrap under themselves."""
    return grid([(Text(k), v if isinstance(v, Text) else Text(v)) for k, v in rows], width)


def _block(lines: Lines) -> Lines:
    """``lines`` after a blank line (a new section of a page)."""
    return [Text(), *lines] if lines else []


def film_page(page: FilmPage, width: int) -> Lines:
    """The whole ``filmlog show`` page."""
    film, summary = page.film, page.summary
    lines = [rule(film_label(film), width, CYAN)]
    headline = Text()
    rating = current_rating(film, summary)
    if rating is not None:
        headline.append(stars(rating), STARS)
        headline.append(f"  {format_rating(rating)}/5   ")
    if film.liked:
        headline.append("♥ liked   ", RED)
    if summary.watches:
        times = "once" if summary.watches == 1 else f"{summary.watches} times"
        headline.append(f"seen {times}", BOLD)
        if summary.first_watched and summary.first_watched != summary.last_watched:
            headline.append(f", first {summary.first_watched}, last {summary.last_watched}")
        elif summary.last_watched:
            headline.append(f", on {summary.last_watched}")
        if summary.average_rating is not None and summary.watches > 1:
            headline.append(f"; average {format_rating(summary.average_rating)}")
    elif film.seen:
        headline.append("seen (no dated viewing)", BOLD)
    else:
        headline.append("not seen yet", DIM)
    if page.on_watchlist:
        headline.append("   on your watchlist", YELLOW)
    lines += wrap(headline, width)
    lines += _block(key_values(_facts(film), width))
    if film.synopsis:
        lines += _block(wrap(Text(film.synopsis, ITALIC), width))
    if film.cast:
        lines += _block(cast_table(film, width))
    if page.see_also:
        see = Text("See also: ", CYAN).append(", ".join(f.label for f in page.see_also))
        lines += _block(wrap(see, width))
    if film.notes:
        lines += _block(wrap(Text(film.notes), width))
    if page.watches:
        lines += _block([Text("Viewings", f"{BOLD};{UNDERLINE}")])
        lines += viewings_table(page.watches, width)
    for disc in page.discs:
        films = [page.film if i == film.id else page.disc_films.get(i) for i in disc.films]
        lines += disc_section(disc, [f for f in films if f is not None], width)
    for watch in reversed(page.watches):
        if watch.review:
            lines += review_section(watch, width)
    return lines


def cast_table(film: Film, width: int) -> Lines:
    """The cast with the role each actor plays."""
    return _FittedTable(
        [
            _Column("Cast", [Text(m.name) for m in film.cast], main=True),
            _Column("Role", [Text(m.role, DIM) for m in film.cast]),
        ]
    ).lines(width)


def viewings_table(watches: Sequence[Watch], width: int) -> Lines:
    """Every viewing of one film, oldest first.

    Columns nobody filled in are left out; long places and names wrap. On a narrow
    terminal the people go first, then the tags, the place and the medium.
    """
    columns: dict[str, list[Text]] = {
        "#": [Text(str(w.id), DIM) for w in watches],
        "Date": [Text(w.date.isoformat()) for w in watches],
        "Rating": [_rating_and_flags(w) for w in watches],
        "Medium": [
            Text(w.medium or "").append(f" disc #{w.disc}" if w.disc else "", YELLOW)
            for w in watches
        ],
        "Where": [Text(w.where or "") for w in watches],
        "With": [Text(_join(w.with_)) for w in watches],
        "Tags": [Text(_join(w.tags), YELLOW) for w in watches],
    }
    shown = [n for n, cells in columns.items() if n in ("#", "Date") or any(c.plain for c in cells)]
    return _FittedTable(
        [_Column(n, columns[n], wrap=n not in ("#", "Date", "Rating")) for n in shown],
        drop=("With", "Tags", "Where", "Medium"),
        tight=True,
    ).lines(width)


def review_section(watch: Watch, width: int) -> Lines:
    """One review, rendered from its Markdown under a rule naming its viewing."""
    from filmlog.terminal_markdown import render_markdown

    title = Text(f"Review, {watch.date.isoformat()}")
    if watch.rating is not None:
        title.append(f"  {stars(watch.rating)}", STARS)
    if watch.spoilers:
        title.append("  (spoilers)", YELLOW)
    return [
        Text(),
        rule(title, width, MAGENTA, align="left"),
        *render_markdown(watch.review or "", width),
    ]


def score_text(score: float | None) -> Text:
    """A disc score as stars and its word: ``★★★★  good`` (words line up under each other)."""
    if score is None:
        return Text("")
    return Text(stars(score).ljust(5), STARS).append(f" {score_word(score)}", BOLD)


def disc_name(disc: Disc, unnamed: str = "edition") -> str:
    """What a disc is called: label, format and edition (``Arrow Blu-ray Limited Edition``).

    A disc with none of them is called ``unnamed``.
    """
    return " ".join(v for v in (disc.label, disc.format, disc.edition) if v) or unnamed


def disc_section(disc: Disc, films: Sequence[Film], width: int) -> Lines:
    """A disc edition: its facts, scores, extras, pros, cons and verdict.

    ``films`` are the films on the disc; they are listed when there are several.
    """
    heading = Text(f"Disc #{disc.id}: ").append(disc_name(disc))
    facts: list[tuple[str, str | Text]] = []
    if len(films) > 1:
        facts.append(("Films", _join(f.label for f in films)))
    facts += [
        (k, v)
        for k, v in (
            ("Format", disc.format or ""),
            ("Edition", disc.edition or ""),
            ("Label", disc.label or ""),
            ("Region", disc.region or ""),
            ("Released", disc.released.isoformat() if disc.released else ""),
            ("Discs", str(disc.discs) if disc.discs else ""),
            ("Certificate", disc.certificate or ""),
            ("Packaging", disc.packaging or ""),
            ("Video", disc.video or ""),
            ("Audio", disc.audio or ""),
        )
        if v
    ]
    for name in ("film", "picture", "audio", "extras"):
        score = getattr(disc.scores, name)
        if score is not None:
            facts.append((f"{name.capitalize()} score", score_text(score)))
    bought = disc.purchased
    purchase = ", ".join(
        v
        for v in (bought.date.isoformat() if bought.date else None, bought.price, bought.shop)
        if v
    )
    if purchase:
        facts.append(("Bought", purchase))
    lines = [Text(), rule(heading, width, YELLOW, align="left"), *key_values(facts, width)]
    for label, items, mark in (
        ("Extras", disc.extras, "•"),
        ("Pros", disc.pros, "+"),
        ("Cons", disc.cons, "-"),
    ):
        if items:
            block = [Text(label, BOLD)]
            for item in items:
                block += hanging(Text(f"  {mark} "), Text(item), width)
            lines += _block(block)
    if disc.verdict:
        verdict = Text("Verdict: ", BOLD).append(disc.verdict, ITALIC)
        lines += _block(wrap(verdict, width))
    if disc.notes:
        lines += _block(wrap(Text(disc.notes), width))
    return lines


def hanging(mark: Text, text: Text, width: int) -> Lines:
    """``text`` after ``mark``, its further lines indented under its first."""
    indent = mark.cell_len
    pieces = wrap(text, max(width - indent, 1))
    return [(mark if i == 0 else Text(" " * indent)) + piece for i, piece in enumerate(pieces)]


def diary_table(rows: Sequence[tuple[Watch, Film]], width: int, hidden: int = 0) -> Lines:
    """The diary: one line a viewing, newest first."""
    lines = _DiaryTable(rows).lines(width)
    if hidden:
        lines.append(Text(f"… {hidden} more; use --limit or filters to see them", DIM))
    return lines


# Columns the diary cuts short (with "…") so that film titles keep their room, the
# width below which such a column is left out instead, and the gap between columns.
_DIARY_SHRINKABLE = ("Where", "Tags")
_DIARY_MIN_WIDTH = 4
_DIARY_FILM_MIN_WIDTH = 16
_DIARY_GAP = 2


class _DiaryTable:
    """The diary table, laid out for the width it is given.

    A plain table would narrow the widest column first, which is nearly always the film's
    title, wrapping it over several lines; here the title keeps its room (an unusually long
    one may wrap), and the place and the tags are cut short, or left out, first.
    """

    def __init__(self, rows: Sequence[tuple[Watch, Film]]) -> None:
        self.cells: dict[str, list[Text]] = {
            "#": [Text(str(w.id), DIM) for w, _ in rows],
            "Date": [Text(w.date.isoformat()) for w, _ in rows],
            "Film": [film_label(f) for _, f in rows],
            "Rating": [_rating_and_flags(w) for w, _ in rows],
            "Where": [Text(" · ".join(v for v in (w.medium, w.where) if v)) for w, _ in rows],
            "Tags": [Text(_join(w.tags), YELLOW) for w, _ in rows],
        }
        # Columns that nothing fills are left out.
        for name in _DIARY_SHRINKABLE:
            if not any(cell.plain for cell in self.cells[name]):
                del self.cells[name]

    def lines(self, max_width: int) -> Lines:
        """The table for a given width."""
        names = list(self.cells)
        natural = {n: max([len(n), *(c.cell_len for c in self.cells[n])]) for n in names}
        films = sorted(c.cell_len for c in self.cells["Film"])
        typical = films[max(0, -(-len(films) * 4 // 5) - 1)] if films else 0
        widths = _diary_widths(natural, typical, max_width) or natural
        return table(
            [
                Column(
                    name,
                    self.cells[name],
                    width=widths[name],
                    wrap=name == "Film",
                    overflow="ellipsis" if name in _DIARY_SHRINKABLE else "fold",
                )
                for name in names
                if widths.get(name, 1) > 0
            ],
            gap=_DIARY_GAP,
            max_width=max_width,
        )


def _rating_and_flags(watch: Watch) -> Text:
    """Stars, then the flags packed close: ``★★★★½ ↻♥✎``."""
    text = star_text(watch.rating)
    flags = Text()
    for on, mark, style in (
        (watch.rewatch, "↻", BLUE),
        (watch.liked, "♥", RED),
        (watch.review, "✎", MAGENTA),
        (watch.dnf, " DNF", YELLOW),
    ):
        if on:
            flags.append(mark, style)
    if flags.plain:
        text.append(" " * (6 - text.cell_len))
        text.append_text(flags)
    return text


def _diary_widths(natural: dict[str, int], typical: int, width: int) -> dict[str, int]:
    """Column widths that fit ``width``, or {} when every column fits as it is.

    The film gets its full width if it can, and at least what most titles (``typical``)
    need while the other columns keep a few cells; those are narrowed, widest first, and
    left out (width 0) when even that does not fit.
    """
    avail = width - _DIARY_GAP * (len(natural) - 1)
    if sum(natural.values()) <= avail:
        return {}
    shrinkable = [n for n in _DIARY_SHRINKABLE if n in natural]
    avail -= sum(w for n, w in natural.items() if n != "Film" and n not in shrinkable)
    floors = sum(min(natural[n], _DIARY_MIN_WIDTH) for n in shrinkable)
    least = max(min(typical, avail - floors), _DIARY_FILM_MIN_WIDTH)
    film = min(natural["Film"], max(avail - sum(natural[n] for n in shrinkable), least))
    widths = {n: natural[n] for n in shrinkable}
    while sum(widths.values()) > avail - film:
        widest = max(widths, key=lambda n: widths[n])
        if widths[widest] <= _DIARY_MIN_WIDTH:
            break
        widths[widest] -= 1
    for name in reversed(shrinkable):
        if sum(widths.values()) <= avail - film:
            break
        widths[name] = 0
        avail += _DIARY_GAP
    widths["Film"] = max(min(natural["Film"], avail - sum(widths.values())), _DIARY_MIN_WIDTH)
    return {**natural, **widths}


# --------------------------------------------------------------------------- fitted tables

# How wide a column gets at least to show its words whole (longer words are cut with "…"),
# and so that long text does not stand one word a line; how wide a main column gets at
# least (a title).
_WORD_ROOM = 12
_WRAP_ROOM = 10
_MAIN_ROOM = 16


@model
class _Column:
    """A column of a ``_FittedTable``."""

    name: str
    cells: list[Text]
    wrap: bool = True  # wraps at spaces; otherwise stays on one line at its full width
    main: bool = False  # gets its room before the other columns
    justify: Justify = "left"


class _FittedTable:
    """A table laid out for the width it is given, breaking no heading and no word.

    A plain table narrows the widest columns first, down to fragments of words
    (``Med/ium``, ``Wit/h``). Here each column keeps room for its heading and its words,
    the main column gets its room first, the others share the rest, and when even that does
    not fit, the columns named in ``drop`` are left out, the first named first. Columns
    stand two cells apart when ``tight``, otherwise three.
    """

    def __init__(
        self, columns: Sequence[_Column], drop: Sequence[str] = (), tight: bool = False
    ) -> None:
        self.columns = list(columns)
        self.drop = [name for name in drop if any(c.name == name for c in columns)]
        self.tight = tight

    def lines(self, max_width: int) -> Lines:
        """The table for a given width."""
        shown = list(self.columns)
        natural = {c.name: _natural_width(c) for c in shown}
        widths: dict[str, int] = {}
        gap = 2 if self.tight else 3
        if sum(natural.values()) + gap * (len(shown) - 1) > max_width:
            least = {c.name: _least_width(c, natural[c.name]) for c in shown}
            dropping = list(self.drop)
            room = max_width - gap * (len(shown) - 1)
            while sum(least[c.name] for c in shown) > room and dropping:
                gone = dropping.pop(0)
                shown = [c for c in shown if c.name != gone]
                room = max_width - gap * (len(shown) - 1)
            widths = _spread(shown, natural, least, room)
        return table(
            [
                Column(
                    column.name,
                    column.cells,
                    width=widths.get(column.name),
                    wrap=column.wrap,
                    overflow="fold" if column.main or not column.wrap else "ellipsis",
                    justify=column.justify,
                )
                for column in shown
            ],
            gap=gap,
            max_width=max_width,
        )


def _natural_width(column: _Column) -> int:
    lines = [line for cell in column.cells for line in cell.plain.split("\n")]
    return max(cell_len(text) for text in [column.name, *lines])


def _least_width(column: _Column, natural: int) -> int:
    """The narrowest a column may get: its heading, its words (up to ``_WORD_ROOM``),
    ``_WRAP_ROOM`` (a main column's ``_MAIN_ROOM``) unless it needs less; a column that
    does not wrap keeps its width."""
    if not column.wrap:
        return natural
    words = [w for cell in column.cells for w in cell.plain.split()]
    longest = max((cell_len(w) for w in words), default=0)
    room = _MAIN_ROOM if column.main else _WRAP_ROOM
    return max(cell_len(column.name), min(longest, _WORD_ROOM), min(natural, room))


def _typical_width(column: _Column) -> int:
    """The width most (four in five) of a column's cells fit in."""
    lengths = sorted(max(map(cell_len, c.plain.split("\n"))) for c in column.cells)
    return lengths[max(0, -(-len(lengths) * 4 // 5) - 1)] if lengths else 0


def _spread(
    columns: Sequence[_Column], natural: dict[str, int], least: dict[str, int], room: int
) -> dict[str, int]:
    """Widths from ``least`` up to ``room``: a main column gets what most of its cells
    need, then the other columns that need the least get their natural width (so that as
    few columns as can be wrap), then the main columns and the rest, in order, share what
    is left."""
    widths = {c.name: least[c.name] for c in columns}
    spare = room - sum(widths.values())

    def grow(name: str, to: int) -> None:
        nonlocal spare
        more = max(0, min(spare, to - widths[name]))
        widths[name] += more
        spare -= more

    mains = [c for c in columns if c.main]
    for column in mains:
        grow(column.name, _typical_width(column))
    for name in sorted(
        (c.name for c in columns if not c.main), key=lambda n: natural[n] - widths[n]
    ):
        if natural[name] - widths[name] <= spare:
            grow(name, natural[name])
    for column in [*mains, *columns]:
        grow(column.name, natural[column.name])
    return widths


# --------------------------------------------------------------------------- catalog


def facts_line(film: Film, created: bool, changed: Sequence[str]) -> Text:
    """What ``film set`` says after saving."""
    text = Text("New film " if created else "Updated ")
    text.append_text(film_label(film))
    if changed:
        names = [c.replace("_", "-") for c in changed if c not in ("title", "year") or not created]
        if names:
            text.append(": " + ", ".join(names), DIM)
    elif not created:
        text = Text("Nothing changed: ")
        text.append_text(film_label(film))
        text.append(" already has those facts", DIM)
    return text


def film_table(rows: Sequence[FilmRow], width: int, hidden: int = 0) -> Lines:
    """``film list``: one line a film, with its viewings and ratings.

    On a narrow terminal the average goes first, then the directors and the last date.
    """
    cells: dict[str, list[Text]] = {
        name: []
        for name in ("Film", "Year", "Directed by", "Seen", "Last watched", "Average", "Rating")
    }
    for row in rows:
        film, summary = row.film, row.summary
        title = Text(film.title, BOLD)
        if film.liked:
            title.append(" ♥", RED)
        seen = str(summary.watches) if summary.watches else ("✓" if film.seen else "")
        for name, cell in zip(
            cells,
            (
                title,
                Text(str(film.year) if film.year else "", DIM),
                Text(_join(film.directors)),
                Text(seen),
                Text(summary.last_watched.isoformat() if summary.last_watched else ""),
                Text(format_rating(summary.average_rating)),
                star_text(row.rating),
            ),
            strict=True,
        ):
            cells[name].append(cell)
    lines = _FittedTable(
        [
            _Column(
                name,
                column,
                wrap=name in ("Film", "Directed by"),
                main=name == "Film",
                justify="right" if name == "Seen" else "left",
            )
            for name, column in cells.items()
        ],
        drop=("Average", "Directed by", "Last watched"),
    ).lines(width)
    if hidden:
        lines.append(Text(f"… {hidden} more; use --limit or --json to see them", DIM))
    return lines


def disc_table(
    rows: Sequence[tuple[Disc, Sequence[Film]]], width: int, one_line: bool = False
) -> Lines:
    """``disc list``: a disc's films (one a line, or side by side), edition and scores.

    On a narrow terminal the scores go first (extras, audio, picture), then the region.
    """
    names = []
    for _, films in rows:
        text = Text()
        for index, film in enumerate(films):
            if index:
                text.append("; " if one_line else "\n")
            text.append_text(film_label(film))
        names.append(text)
    scores = {
        name.capitalize(): [star_text(getattr(disc.scores, name)) for disc, _ in rows]
        for name in ("film", "picture", "audio", "extras")
    }
    return _FittedTable(
        [
            _Column("#", [Text(str(disc.id), DIM) for disc, _ in rows], wrap=False),
            _Column("Films", names, main=True),
            _Column("Edition", [Text(disc_name(disc)) for disc, _ in rows]),
            _Column("Region", [Text(disc.region or "") for disc, _ in rows], wrap=False),
            *(_Column(name, cells, wrap=False) for name, cells in scores.items()),
        ],
        drop=("Extras", "Audio", "Picture", "Region", "Film"),
    ).lines(width)


def disc_line(disc: Disc, films: Sequence[Film], verb: str) -> Text:
    """What ``disc add`` / ``disc edit`` say after saving (``Added disc #4 of Thief (1981)``)."""
    name = disc_name(disc, "")
    text = Text(f"{verb} disc #{disc.id}: {name} of " if name else f"{verb} disc #{disc.id} of ")
    for index, film in enumerate(films):
        if index:
            text.append(" and ")
        text.append_text(film_label(film))
    return text


def watchlist_table(rows: Sequence[WatchlistRow], width: int) -> Lines:
    """``watchlist list``: films to see, oldest addition first."""
    return _FittedTable(
        [
            _Column("Added", [Text(r.item.added.isoformat()) for r in rows], wrap=False),
            _Column("Film", [film_label(r.film) for r in rows], main=True),
            _Column("Note", [Text(r.item.note or "", ITALIC) for r in rows]),
        ],
        drop=("Note",),
    ).lines(width)


def watchlist_line(row: WatchlistRow, already: bool, seen: bool) -> Text:
    """What ``watchlist add`` says after saving."""
    text = Text("Already on your watchlist: " if already else "Added to your watchlist: ")
    text.append_text(film_label(row.film))
    if already:
        text.append(f" (since {row.item.added.isoformat()})", DIM)
    elif seen:
        text.append("  you have seen it before", DIM)
    return text
