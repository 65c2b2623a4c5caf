"""Tables of films, viewings, discs and the watchlist, as Rich tables.

On a terminal (or with COLUMNS set) a table fits the width the way Rich fits it: columns
that wrap fold between words, the others stay whole. When even that cannot fit, because
Rich measures the table wider than the room with every word kept whole, the optional
columns go, the least useful first. On a pipe a list prints one row a line, its cells
two spaces apart, for grep, cut and sort.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from filmlog.models import Disc, Film, Watch, clean_line, day_label, format_rating, stars
from filmlog.render.console import console, piped
from filmlog.render.text import DIM, STARS, disc_name, film_label, line, star_text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult

    from filmlog.catalog import WatchlistRow
    from filmlog.film_list import FilmRow
    from filmlog.tags import TagCount


_UNBOUNDED = 1_000_000


@dataclass(frozen=True)
class Column:
    """A column: its heading, one value a row (cleaned, on one line, as a pipe gets it),
    how its cells look on a terminal, and how it fits."""

    name: str
    values: Sequence[str]
    style: str = ""
    wrap: bool = True  # folds between words when narrowed; otherwise stays on one line
    justify: JustifyMethod = "left"
    # The cell of a row, when it has more than one style (otherwise the value in ``style``).
    draw: Callable[[int], Text] | None = None

    @cached_property
    def cells(self) -> list[Text]:
        """The cells as a terminal shows them."""
        if self.draw is not None:
            return [self.draw(index) for index in range(len(self.values))]
        return [Text(value, style=self.style) for value in self.values]


class Fitted:
    """A table that leaves out its ``optional`` columns, first named first, while Rich
    measures it wider than the room even with every word whole, or while Rich would give
    the ``main`` column (a title) less than ``MAIN_ROOM`` cells. Columns stand two cells
    apart when ``tight``, otherwise three."""

    MAIN_ROOM = 24

    def __init__(
        self,
        columns: Sequence[Column],
        optional: Sequence[str] = (),
        tight: bool = False,
        main: str = "",
    ) -> None:
        self.columns = list(columns)
        self.optional = [n for n in optional if any(c.name == n for c in columns)]
        self.tight = tight
        self.main = main

    def table(
        self, left_out: Iterable[str] = (), least: Sequence[int] = (), squeeze: bool = False
    ) -> Table:
        """The Rich table without the columns ``left_out``; ``least`` gives each column
        its least width, if any; when ``squeeze``, every column may fold."""
        gone = set(left_out)
        shown = [(i, c) for i, c in enumerate(self.columns) if c.name not in gone]
        table = Table(
            box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=self.tight
        )
        for index, column in shown:
            table.add_column(
                column.name,
                no_wrap=not (column.wrap or squeeze),
                overflow="fold",
                justify=column.justify,
                min_width=least[index] if least else None,
            )
        for row in zip(*(c.cells for _, c in shown), strict=True):
            table.add_row(*row)
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # What each column needs: the longest word of one that wraps (Rich may narrow
        # it below that), the longest cell of one that does not.
        unbounded = options.update_width(_UNBOUNDED)
        needs = []
        measured = []
        for column in self.columns:
            cells: list[str | Text] = [column.name, *column.cells]
            sizes = [Measurement.get(console, unbounded, cell) for cell in cells]
            needs.append(max(m.minimum if column.wrap else m.maximum for m in sizes))
            measured.append(sizes)
        least = [n if c.wrap else 0 for n, c in zip(needs, self.columns, strict=True)]
        # First with room for most titles, then with their words whole.
        roomy = [
            max(n, min(self.MAIN_ROOM, max(s.maximum for s in sizes))) if c.name == self.main else n
            for n, c, sizes in zip(needs, self.columns, measured, strict=True)
        ]
        for wanted in (roomy, needs) if roomy != needs else (needs,):
            for count in range(len(self.optional) + 1):
                left_out = self.optional[:count]
                table = self.table(left_out, least)
                kept = [
                    n for n, c in zip(wanted, self.columns, strict=True) if c.name not in left_out
                ]
                widths = _fitted_widths(table, kept, console, options)
                if widths is not None:
                    # Rich would measure every cell again to find these same widths.
                    for index, (drawn, width) in enumerate(zip(table.columns, widths, strict=True)):
                        drawn.width = width - table._get_padding_width(index)
                    yield table
                    return
        # Too narrow even so: Rich folds the widest columns first, then the others.
        yield self.table(self.optional, squeeze=True)

    def plain(self) -> str:
        """A heading line, a rule, then one line a row, cells two spaces apart."""
        heading = "  ".join(c.name for c in self.columns)
        rows = zip(*(c.values for c in self.columns), strict=True)
        return "\n".join([heading, "─" * len(heading), *("  ".join(r).rstrip() for r in rows)])


class KeyValues:
    """Labels and values side by side, long values wrapping under themselves; when that
    leaves values fewer than ``ROOM`` cells, each value goes under its label, indented."""

    ROOM = 8

    def __init__(self, rows: Sequence[tuple[str, Text]]) -> None:
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        labels = max((cell_len(key) for key, _ in self.rows), default=0)
        if options.max_width - labels - 2 >= self.ROOM:
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="cyan", no_wrap=True)
            grid.add_column(overflow="fold")
            for key, value in self.rows:
                grid.add_row(Text(key), value)
            yield grid
            return
        for key, value in self.rows:
            yield Text(key, style="cyan", overflow="fold")
            yield Padding(value, (0, 0, 0, 2), expand=False)


def _fitted_widths(
    table: Table, needs: Sequence[int], console: Console, options: ConsoleOptions
) -> list[int] | None:
    """The widths (padding included) Rich gives the columns of ``table`` when it lays it
    out within the room giving each column what it needs; None when it cannot. (When
    Rich narrows a column below its least width, it widens it again, past the room; as
    a last resort it narrows every column.)"""
    # Rich has no public way to ask for the column widths it will use.
    room = options.max_width - table._extra_width
    widths = table._calculate_column_widths(console, options.update_width(room))
    fits = sum(widths) <= room and all(w >= n for w, n in zip(widths, needs, strict=True))
    return widths if fits else None


def show_table(table: Fitted, hidden: int = 0, hint: str = "") -> None:
    """Print a list table: fitted to a terminal, one row a line on a pipe; then how many
    rows were left out, if any, and how to see them."""
    out = console()
    if piped(out):
        # Data for grep, cut and sort: written as it is (every value is cleaned already).
        out.file.write(table.plain() + "\n")
    else:
        out.print(table)
    if hidden:
        out.print(Text(f"… {hidden} more; {hint}", style=DIM), soft_wrap=True)


def rating_and_flags(watch: Watch) -> Text:
    """Stars, then the flags packed close: ``★★★★½ ↻♥✎``."""
    text = star_text(watch.rating)
    flags = Text()
    for on, mark, style in (
        (watch.rewatch, "↻", "blue"),
        (watch.liked, "♥", "red"),
        (watch.review, "✎", "magenta"),
        (watch.dnf, " DNF", "yellow"),
    ):
        if on:
            flags.append(mark, style=style)
    if flags:
        text.append(" " * (6 - text.cell_len))
        text.append_text(flags)
    return text


def _filled(columns: Sequence[Column], always: Sequence[str]) -> list[Column]:
    """The columns that something fills, and those named in ``always``."""
    return [c for c in columns if c.name in always or any(c.values)]


def _ids(ids: Iterable[int]) -> Column:
    return Column("#", [str(i) for i in ids], DIM, wrap=False)


def _labels(name: str, films: Sequence[Film]) -> Column:
    return Column(name, [clean_line(f.label) for f in films], draw=lambda i: film_label(films[i]))


def _ratings(watches: Sequence[Watch]) -> Column:
    values = [rating_and_flags(w).plain for w in watches]
    return Column("Rating", values, wrap=False, draw=lambda i: rating_and_flags(watches[i]))


def _joined(name: str, values: Iterable[Iterable[str]], style: str = "") -> Column:
    return Column(name, [clean_line(", ".join(v)) for v in values], style)


def diary_table(rows: Sequence[tuple[Watch, Film]]) -> Fitted:
    """The diary: one line a viewing, newest first. The tags go first on a narrow
    terminal, then the place."""
    watches = [w for w, _ in rows]
    columns = [
        _ids(w.id for w in watches),
        Column("Date", [day_label(w.date) for w in watches], wrap=False),
        _labels("Film", [f for _, f in rows]),
        _ratings(watches),
        Column(
            "Where", [clean_line(" · ".join(filter(None, (w.medium, w.where)))) for w in watches]
        ),
        _joined("Tags", (w.tags for w in watches), "yellow"),
    ]
    return Fitted(
        _filled(columns, ("#", "Date", "Film", "Rating")), ("Tags", "Where"), True, main="Film"
    )


def viewings_table(watches: Sequence[Watch]) -> Fitted:
    """Every viewing of one film, oldest first. Columns nobody filled in are left out;
    on a narrow terminal the people go first, then the tags, the place and the medium."""

    def medium(i: int) -> Text:
        disc = watches[i].disc
        return line(watches[i].medium) + Text(f" disc #{disc}" if disc else "", style="yellow")

    columns = [
        _ids(w.id for w in watches),
        Column("Date", [day_label(w.date) for w in watches], wrap=False),
        _ratings(watches),
        Column("Medium", [medium(i).plain for i in range(len(watches))], draw=medium),
        Column("Where", [clean_line(w.where or "") for w in watches]),
        _joined("With", (w.with_ for w in watches)),
        _joined("Tags", (w.tags for w in watches), "yellow"),
    ]
    return Fitted(_filled(columns, ("#", "Date")), ("With", "Tags", "Where", "Medium"), True)


def cast_table(film: Film) -> Fitted:
    """The cast with the role each actor plays."""
    return Fitted(
        [
            Column("Cast", [clean_line(m.name) for m in film.cast]),
            Column("Role", [clean_line(m.role) for m in film.cast], DIM),
        ]
    )


def film_table(rows: Sequence[FilmRow]) -> Fitted:
    """``film list``: one line a film, with its viewings and ratings. On a narrow terminal
    the average goes first, then the directors and the last date."""

    def title(i: int) -> Text:
        text = line(rows[i].title, "bold")
        return text.append(" ♥", style="red") if rows[i].liked else text

    seen = [str(r.watches) if r.watches else ("✓" if r.seen else "") for r in rows]
    return Fitted(
        [
            Column(
                "Film",
                [clean_line(r.title) + (" ♥" if r.liked else "") for r in rows],
                draw=title,
            ),
            Column("Year", [str(r.year or "") for r in rows], DIM, wrap=False),
            _joined("Directed by", (r.directors for r in rows)),
            Column("Seen", seen, wrap=False, justify="right"),
            Column("Last watched", [r.last_watched or "" for r in rows], wrap=False),
            Column("Average", [format_rating(r.average_rating) for r in rows], wrap=False),
            Column("Rating", [stars(r.rating) for r in rows], STARS, False),
        ],
        ("Average", "Directed by", "Last watched"),
        main="Film",
    )


def tags_table(counts: Sequence[TagCount]) -> Fitted:
    """``tags``: one line a tag with its viewings and films."""
    return Fitted(
        [
            Column("Tag", [clean_line(c.tag) for c in counts], "yellow"),
            Column("Viewings", [str(c.watches) for c in counts], wrap=False, justify="right"),
            Column("Films", [str(c.films) for c in counts], wrap=False, justify="right"),
        ],
        main="Tag",
    )


def disc_table(rows: Sequence[tuple[Disc, Sequence[Film]]]) -> Fitted:
    """``disc list``: a disc's films (one a line; on a pipe ``; `` apart), edition and
    scores. On a narrow terminal the scores go first (extras, audio, picture), then the
    region."""
    discs = [disc for disc, _ in rows]

    def films(i: int) -> Text:
        return Text("\n").join(map(film_label, rows[i][1]))

    scores = [
        Column(
            name.capitalize(),
            [stars(score) if (score := getattr(d.scores, name)) is not None else "" for d in discs],
            STARS,
            wrap=False,
        )
        for name in ("film", "picture", "audio", "extras")
    ]
    return Fitted(
        [
            _ids(d.id for d in discs),
            Column(
                "Films", [clean_line("; ".join(f.label for f in fs)) for _, fs in rows], draw=films
            ),
            Column("Edition", [clean_line(disc_name(d)) for d in discs]),
            Column("Region", [clean_line(d.region or "") for d in discs], wrap=False),
            *scores,
        ],
        ("Extras", "Audio", "Picture", "Region", "Film"),
        main="Films",
    )


def watchlist_table(rows: Sequence[WatchlistRow]) -> Fitted:
    """``watchlist list``: films to see, oldest addition first."""
    return Fitted(
        [
            Column("Added", [r.item.added.isoformat() for r in rows], wrap=False),
            _labels("Film", [r.film for r in rows]),
            Column("Note", [clean_line(r.item.note or "") for r in rows], "italic"),
        ],
        ("Note",),
        main="Film",
    )
