"""Rich renderables for ``filmlog stats`` and ``filmlog search``. Never prints.

Charts are lines of plain characters (block bars), so they read the same without colour;
every label that comes from the user enters as ``Text``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.constrain import Constrain
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from filmlog.models import Film, stars
from filmlog.search import Credit, NoteHit, PersonHit, Results, ReviewHit, Snippet
from filmlog.stats import RATING_STEPS, Count, Stats

STAR_STYLE = "bold green"
DIM = "dim"


def star_text(rating: float | None) -> Text:
    """Stars for a rating, empty when unrated."""
    return Text(stars(rating), style=STAR_STYLE) if rating is not None else Text("")


def film_label(film: Film) -> Text:
    """``Title (year)`` with the year dimmed."""
    text = Text(film.title, style="bold")
    if film.year:
        text.append(f" ({film.year})", style=DIM)
    return text


def key_values(rows: Sequence[tuple[str, str | Text]]) -> Table:
    """A two-column grid of labels and values."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="cyan", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, value in rows:
        grid.add_row(Text(key), value if isinstance(value, Text) else Text(value))
    return grid


BAR_STYLE = "cyan"
HIT_STYLE = "bold reverse"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MAX_WIDTH = 100
TWO_COLUMNS_FROM = 70
GAP = 3
MIN_BAR = 8
_EIGHTHS = " ▏▎▍▌▋▊▉"


# --------------------------------------------------------------------------- bars


def bar(value: int, maximum: int, width: int) -> str:
    """A horizontal bar of ``width`` cells at most, in eighths of a cell.

    Any non-zero value shows at least a sliver, so a small count never looks like none.
    """
    if value <= 0 or maximum <= 0 or width <= 0:
        return ""
    eighths = max(1, round(value / maximum * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


@dataclass(frozen=True, slots=True)
class Row:
    label: Text
    count: int
    dim: bool = False


def chart(title: Text, rows: Sequence[Row], width: int) -> RenderableType:
    """A titled list of ``label  count  bar`` lines, exactly ``width`` cells wide at most."""
    count_width = max(len(str(r.count)) for r in rows)
    longest = max(r.label.cell_len for r in rows)
    label_width = max(1, min(longest, width - count_width - 2 - MIN_BAR))
    bar_width = width - label_width - count_width - 2
    biggest = max((r.count for r in rows if not r.dim), default=0)
    lines: list[RenderableType] = [title]
    for row in rows:
        label = row.label.copy()
        label.truncate(label_width, overflow="ellipsis", pad=True)
        line = Text(no_wrap=True, overflow="ellipsis", style=DIM if row.dim else "")
        line.append_text(label)
        line.append(f" {row.count:>{count_width}} ")
        if not row.dim:
            line.append(bar(row.count, biggest, bar_width), style=BAR_STYLE)
        lines.append(line)
    return Group(*lines)


def _counts(counts: Sequence[Count]) -> list[Row]:
    return [Row(Text(c.name), c.count) for c in counts]


def _heading(text: str, detail: str = "") -> Text:
    heading = Text(text, style="bold underline")
    if detail:
        heading.append(f"  {detail}", style=DIM)
    return heading


# --------------------------------------------------------------------------- stats


def stats_screen(stats: Stats, width: int) -> RenderableType:
    """The whole ``filmlog stats`` screen, laid out for ``width`` columns."""
    width = min(width, MAX_WIDTH)
    two = width >= TWO_COLUMNS_FROM
    column = (width - GAP) // 2 if two else width
    sections = [chart(title, rows, column) for title, rows in _sections(stats) if rows]
    parts: list[RenderableType] = [_title(stats), _totals(stats)]
    if two:
        grid = Table.grid(padding=0)
        grid.add_column(width=column, no_wrap=True)
        grid.add_column(width=GAP)
        grid.add_column(width=column, no_wrap=True)
        for i in range(0, len(sections), 2):
            pair = sections[i : i + 2]
            grid.add_row(pair[0], Text(""), pair[1] if len(pair) > 1 else Text(""))
            if i + 2 < len(sections):
                grid.add_row(Text(""), Text(""), Text(""))
        parts.append(Padding(grid, (1, 0, 0, 0)))
    else:
        parts.extend(Padding(section, (1, 0, 0, 0)) for section in sections)
    hint = _missing_facts(stats)
    if hint:
        parts.append(Padding(Text(hint, style=DIM), (1, 0, 0, 0)))
    return Constrain(Group(*parts), width)


def _title(stats: Stats) -> RenderableType:
    title = Text(f"Stats: {stats.period.describe()}", style="bold")
    if stats.first and stats.last:
        span = f"{stats.first}" if stats.first == stats.last else f"{stats.first} to {stats.last}"
        title.append(f"  (viewings {span})", style=DIM)
    return Rule(title, style="cyan", align="left")


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _totals(stats: Stats) -> RenderableType:
    viewings = Text(str(stats.watches), style="bold")
    extra = [_plural(stats.films, "film"), _plural(stats.rewatches, "rewatch", "rewatches")]
    if stats.dnf:
        extra.append(f"{stats.dnf} not finished")
    viewings.append("  " + ", ".join(extra))
    rows: list[tuple[str, str | Text]] = [("Viewings", viewings), ("Hours", _hours(stats))]
    average = stats.average_rating
    if average is None:
        rows.append(("Average", Text("no ratings", style=DIM)))
    else:
        line = Text(stars(round(average * 2) / 2), style=STAR_STYLE)
        line.append(f"  {average:.2f}", style="bold")
        line.append(f" from {_plural(stats.rated, 'rating')}")
        rows.append(("Average", line))
    if stats.streak:
        streak = stats.streak
        line = Text(_plural(streak.days, "day"), style="bold")
        line.append(
            f" in a row, {streak.start} to {streak.end}"
            if streak.days > 1
            else " (never two days running)"
        )
        rows.append(("Longest streak", line))
    return key_values(rows)


def _hours(stats: Stats) -> Text:
    missing = stats.missing_runtime
    finished = stats.watches - stats.dnf
    if stats.minutes == 0 and missing:
        return Text(f"unknown: no runtime for any of the {_plural(finished, 'viewing')}", style=DIM)
    text = Text(f"{stats.hours:g}", style="bold")
    notes = []
    if missing:
        notes.append(f"{_plural(missing, 'viewing')} without a runtime")
    if stats.dnf:
        notes.append("unfinished ones not counted")
    if notes:
        text.append("  (" + "; ".join(notes) + ")", style=DIM)
    return text


def _sections(stats: Stats) -> list[tuple[Text, list[Row]]]:
    ratings = (
        [Row(Text(stars(r), style=STAR_STYLE), stats.ratings[r]) for r in RATING_STEPS]
        if stats.rated
        else []
    )
    media = _counts(stats.media)
    if media and stats.no_medium:
        media.append(Row(Text("not recorded"), stats.no_medium, dim=True))
    return [
        (_heading("Ratings", _plural(stats.rated, "rating")), ratings),
        _per_period(stats),
        (_heading("Media"), media),
        (_heading("Where"), _counts(stats.where)),
        (_heading("Top directors"), _counts(stats.top_directors)),
        (_heading("Top genres"), _counts(stats.top_genres)),
        (_heading("Top actors"), _counts(stats.top_actors)),
    ]


def _per_period(stats: Stats) -> tuple[Text, list[Row]]:
    if stats.monthly and stats.by_month:
        year = next(iter(stats.by_month))[0]
        rows = [Row(Text(MONTHS[m - 1]), n) for (_, m), n in stats.by_month.items()]
        return _heading("Viewings per month", str(year)), rows
    return _heading("Viewings per year"), _years(stats.by_year)


def _years(by_year: dict[int, int]) -> list[Row]:
    """One row a year; a run of three or more empty years is one row (``2002–16``)."""
    rows: list[Row] = []
    years = list(by_year.items())
    i = 0
    while i < len(years):
        year, n = years[i]
        j = i
        while j + 1 < len(years) and n == 0 and years[j + 1][1] == 0:
            j += 1
        if j - i >= 2:
            last = years[j][0]
            end = str(last)[2:] if str(last)[:2] == str(year)[:2] else str(last)
            rows.append(Row(Text(f"{year}–{end}"), 0, dim=True))
            i = j + 1
            continue
        rows.append(Row(Text(str(year)), n))
        i += 1
    return rows


def _missing_facts(stats: Stats) -> str:
    lacking = [
        name
        for name, values in (
            ("directors", stats.top_directors),
            ("actors", stats.top_actors),
            ("genres", stats.top_genres),
        )
        if not values
    ]
    if stats.minutes == 0 and stats.missing_runtime:
        lacking.append("runtimes")
    if not lacking:
        return ""
    listed = ", ".join(lacking[:-1]) + (" and " if len(lacking) > 1 else "") + lacking[-1]
    return (
        f"No {listed} recorded for these films yet; add them with "
        "'filmlog film set TITLE --director … --cast … --genre … --runtime …'."
    )


def empty_stats_line(stats: Stats, today: dt.date | None = None) -> str:
    """What ``stats`` says when the period holds no viewing."""
    start, end = stats.period.start, stats.period.end
    if start is None and end is None:
        return "No viewings in the journal yet: log one with 'filmlog add TITLE'."
    if stats.period.whole_year:
        when = f"in {stats.period.whole_year}"
    elif start and end:
        when = f"on {start}" if start == end else f"from {start} to {end}"
    elif start:
        when = f"on or after {start}"
    else:
        when = f"on or before {end}"
    if start and start > (today or dt.date.today()):
        return f"No viewings {when}: that is still to come."
    return f"No viewings {when}."


# --------------------------------------------------------------------------- search


def search_results(results: Results, limit: int | None = None) -> RenderableType:
    """Search results grouped by what matched; each group shows at most ``limit``."""
    parts: list[RenderableType] = []
    groups = (
        ("Films", results.films, _film_line),
        ("People", results.people, _person_lines),
        ("Tags", results.tags, _tag_line),
        ("Reviews", results.reviews, _review_lines),
        ("Film notes", results.notes, _note_lines),
    )
    for name, hits, draw in groups:
        if not hits:
            continue
        if parts:
            parts.append(Text(""))
        parts.append(_heading(name, str(len(hits))))
        shown = hits[:limit] if limit is not None else hits
        for hit in shown:
            parts.append(draw(hit))
        if len(hits) > len(shown):
            parts.append(
                Text(f"  … {len(hits) - len(shown)} more; use --limit or --json", style=DIM)
            )
    return Group(*parts)


def _film_line(hit: object) -> RenderableType:
    from filmlog.search import FilmHit

    assert isinstance(hit, FilmHit)
    line = Text("  ")
    line.append_text(film_label(hit.film))
    if hit.alias:
        line.append("  also known as ", style=DIM)
        line.append(hit.alias, style="italic")
    seen = hit.watches
    if seen:
        line.append(f"  seen {'once' if seen == 1 else f'{seen} times'}", style=DIM)
    else:
        line.append("  seen, no dated viewing" if hit.seen else "  not seen", style=DIM)
    if hit.film.directors:
        line.append("  " + ", ".join(hit.film.directors), style=DIM)
    return line


def _films_text(films: Sequence[Film], most: int = 5) -> Text:
    text = Text()
    for i, film in enumerate(films[:most]):
        if i:
            text.append(", ")
        text.append(film.label)
    if len(films) > most:
        text.append(f", and {len(films) - most} more", style=DIM)
    return text


def _person_lines(hit: object) -> RenderableType:
    assert isinstance(hit, PersonHit)
    head = Text("  ")
    head.append(hit.name, style="bold")
    head.append(f"  {_plural(hit.films, 'film')}", style=DIM)
    roles: dict[str, list[Credit]] = {}
    for credit in hit.credits:
        roles.setdefault(credit.role, []).append(credit)
    lines: list[RenderableType] = [head]
    for role, credits in roles.items():
        line = Text(f"    {role}: ", style="cyan")
        for i, credit in enumerate(credits[:5]):
            if i:
                line.append(", ")
            line.append(credit.film.label)
            if credit.character:
                line.append(f" as {credit.character}", style=DIM)
        if len(credits) > 5:
            line.append(f", and {len(credits) - 5} more", style=DIM)
        lines.append(line)
    return Group(*lines)


def _tag_line(hit: object) -> RenderableType:
    from filmlog.search import TagHit

    assert isinstance(hit, TagHit)
    line = Text("  ")
    line.append(hit.tag, style="yellow")
    line.append(f"  {_plural(hit.watches, 'viewing')}: ", style=DIM)
    line.append_text(_films_text(hit.films))
    return line


def _review_lines(hit: object) -> RenderableType:
    assert isinstance(hit, ReviewHit)
    head = Text("  ")
    head.append(f"#{hit.watch.id} ", style=DIM)
    head.append(hit.watch.date.isoformat() + "  ")
    head.append_text(film_label(hit.film))
    if hit.watch.rating is not None:
        head.append("  ")
        head.append_text(star_text(hit.watch.rating))
    if hit.matches > 1:
        head.append(f"  {hit.matches} matches", style=DIM)
    return Group(head, _snippet_text(hit.snippet))


def _note_lines(hit: object) -> RenderableType:
    assert isinstance(hit, NoteHit)
    head = Text("  ")
    head.append_text(film_label(hit.film))
    if hit.matches > 1:
        head.append(f"  {hit.matches} matches", style=DIM)
    return Group(head, _snippet_text(hit.snippet))


def _snippet_text(cut: Snippet) -> RenderableType:
    body = Text(cut.text)
    for start, end in cut.spans:
        body.stylize(HIT_STYLE, start, end)
    return Padding(body, (0, 0, 0, 4))


def nothing_found_line(query: str) -> str:
    """What ``search`` says when nothing matches."""
    return f"Nothing in the journal matches {query!r}."
