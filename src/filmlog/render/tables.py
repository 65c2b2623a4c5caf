"""Tables of films, viewings, discs and the watchlist, as Rich tables.

On a terminal (or with COLUMNS set) a table fits the width the way Rich fits it: columns
that wrap fold between words, the others stay whole. When even that cannot fit, because
Rich measures the table wider than the room with every word kept whole, the optional
columns go, the least useful first. On a pipe a list prints one row a line, its cells
two spaces apart, for grep, cut and sort.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from filmlog.models import Disc, Film, Watch, format_rating
from filmlog.render.console import console, lines, piped
from filmlog.render.text import DIM, disc_name, film_label, joined, line, star_text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult

    from filmlog.catalog import FilmRow, WatchlistRow


_UNBOUNDED = 1_000_000


@dataclass(frozen=True)
class Column:
    """A column: its heading, one cell a row, and how it fits."""

    name: str
    cells: Sequence[Text]
    wrap: bool = True  # folds between words when narrowed; otherwise stays on one line
    justify: JustifyMethod = "left"


class Fitted:
    """A table that leaves out its ``optional`` columns, first named first, while Rich
    measures it wider than the room even with every word whole. Columns stand two cells
    apart when ``tight``, otherwise three."""

    def __init__(
        self, columns: Sequence[Column], optional: Sequence[str] = (), tight: bool = False
    ) -> None:
        self.columns = list(columns)
        self.optional = [n for n in optional if any(c.name == n for c in columns)]
        self.tight = tight

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
        for column in self.columns:
            cells: list[str | Text] = [column.name, *column.cells]
            sizes = [Measurement.get(console, unbounded, cell) for cell in cells]
            needs.append(max(m.minimum if column.wrap else m.maximum for m in sizes))
        least = [n if c.wrap else 0 for n, c in zip(needs, self.columns, strict=True)]
        for count in range(len(self.optional) + 1):
            left_out = self.optional[:count]
            table = self.table(left_out, least)
            kept = [n for n, c in zip(needs, self.columns, strict=True) if c.name not in left_out]
            if _fits(table, kept, console, options):
                yield table
                return
        # Too narrow even so: Rich folds the widest columns first, then the others.
        yield self.table(self.optional, squeeze=True)

    def plain(self) -> list[Text]:
        """A heading line, a rule, then one line a row (a cell's lines joined with ``; ``)."""
        heading = Text("  ").join(Text(c.name, style="bold") for c in self.columns)
        rows = [heading, Text("─" * heading.cell_len)]
        for cells in zip(*(c.cells for c in self.columns), strict=True):
            row = Text("  ").join(Text("; ").join(cell.split("\n")) for cell in cells)
            row.rstrip()
            rows.append(row)
        return rows


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


def _fits(table: Table, needs: Sequence[int], console: Console, options: ConsoleOptions) -> bool:
    """Whether Rich lays ``table`` out within the room giving each column what it needs.
    (When Rich narrows a column below its least width, it widens it again, past the
    room; as a last resort it narrows every column.)"""
    # Rich has no public way to ask for the column widths it will use.
    room = options.max_width - table._extra_width
    widths = table._calculate_column_widths(console, options.update_width(room))
    return sum(widths) <= room and all(w >= n for w, n in zip(widths, needs, strict=True))


def show_table(table: Fitted, hidden: int = 0, hint: str = "") -> None:
    """Print a list table: fitted to a terminal, one row a line on a pipe; then how many
    rows were left out, if any, and how to see them."""
    out = console()
    if piped(out):
        lines(table.plain(), out)
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
    return [c for c in columns if c.name in always or any(c.cells)]


def diary_table(rows: Sequence[tuple[Watch, Film]]) -> Fitted:
    """The diary: one line a viewing, newest first. The tags go first on a narrow
    terminal, then the place."""
    columns = [
        Column("#", [Text(str(w.id), style=DIM) for w, _ in rows], wrap=False),
        Column("Date", [Text(w.date.isoformat()) for w, _ in rows], wrap=False),
        Column("Film", [film_label(f) for _, f in rows]),
        Column("Rating", [rating_and_flags(w) for w, _ in rows], wrap=False),
        Column("Where", [line(" · ".join(v for v in (w.medium, w.where) if v)) for w, _ in rows]),
        Column("Tags", [joined(w.tags, "yellow") for w, _ in rows]),
    ]
    return Fitted(_filled(columns, ("#", "Date", "Film", "Rating")), ("Tags", "Where"), True)


def viewings_table(watches: Sequence[Watch]) -> Fitted:
    """Every viewing of one film, oldest first. Columns nobody filled in are left out;
    on a narrow terminal the people go first, then the tags, the place and the medium."""
    columns = [
        Column("#", [Text(str(w.id), style=DIM) for w in watches], wrap=False),
        Column("Date", [Text(w.date.isoformat()) for w in watches], wrap=False),
        Column("Rating", [rating_and_flags(w) for w in watches], wrap=False),
        Column(
            "Medium",
            [
                line(w.medium) + Text(f" disc #{w.disc}" if w.disc else "", style="yellow")
                for w in watches
            ],
        ),
        Column("Where", [line(w.where) for w in watches]),
        Column("With", [joined(w.with_) for w in watches]),
        Column("Tags", [joined(w.tags, "yellow") for w in watches]),
    ]
    return Fitted(_filled(columns, ("#", "Date")), ("With", "Tags", "Where", "Medium"), True)


def cast_table(film: Film) -> Fitted:
    """The cast with the role each actor plays."""
    return Fitted(
        [
            Column("Cast", [line(m.name) for m in film.cast]),
            Column("Role", [line(m.role, DIM) for m in film.cast]),
        ]
    )


def film_table(rows: Sequence[FilmRow]) -> Fitted:
    """``film list``: one line a film, with its viewings and ratings. On a narrow terminal
    the average goes first, then the directors and the last date."""
    titles = []
    for row in rows:
        title = line(row.film.title, "bold")
        if row.film.liked:
            title.append(" ♥", style="red")
        titles.append(title)
    seen = [
        str(r.summary.watches) if r.summary.watches else ("✓" if r.film.seen else "") for r in rows
    ]
    last = [r.summary.last_watched for r in rows]
    return Fitted(
        [
            Column("Film", titles),
            Column("Year", [Text(str(r.film.year or ""), style=DIM) for r in rows], wrap=False),
            Column("Directed by", [joined(r.film.directors) for r in rows]),
            Column("Seen", [Text(s) for s in seen], wrap=False, justify="right"),
            Column("Last watched", [Text(d.isoformat() if d else "") for d in last], wrap=False),
            Column(
                "Average",
                [Text(format_rating(r.summary.average_rating)) for r in rows],
                wrap=False,
            ),
            Column("Rating", [star_text(r.rating) for r in rows], wrap=False),
        ],
        ("Average", "Directed by", "Last watched"),
    )


def disc_table(rows: Sequence[tuple[Disc, Sequence[Film]]]) -> Fitted:
    """``disc list``: a disc's films (one a line), edition and scores. On a narrow
    terminal the scores go first (extras, audio, picture), then the region."""
    scores = [
        Column(
            name.capitalize(),
            [star_text(getattr(disc.scores, name)) for disc, _ in rows],
            wrap=False,
        )
        for name in ("film", "picture", "audio", "extras")
    ]
    return Fitted(
        [
            Column("#", [Text(str(disc.id), style=DIM) for disc, _ in rows], wrap=False),
            Column("Films", [Text("\n").join(map(film_label, films)) for _, films in rows]),
            Column("Edition", [line(disc_name(disc)) for disc, _ in rows]),
            Column("Region", [line(disc.region) for disc, _ in rows], wrap=False),
            *scores,
        ],
        ("Extras", "Audio", "Picture", "Region", "Film"),
    )


def watchlist_table(rows: Sequence[WatchlistRow]) -> Fitted:
    """``watchlist list``: films to see, oldest addition first."""
    return Fitted(
        [
            Column("Added", [Text(r.item.added.isoformat()) for r in rows], wrap=False),
            Column("Film", [film_label(r.film) for r in rows]),
            Column("Note", [line(r.item.note, "italic") for r in rows]),
        ],
        ("Note",),
    )
