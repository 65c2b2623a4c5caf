"""The screens of ``filmlog stats`` and ``filmlog search``, as styled lines. Never prints.

Drawn with ``filmlog.screen`` like the other pages (see ``filmlog.render``), so neither
command pays for importing Rich. Charts are lines of plain characters (block bars), so
they read the same without colour; every label that comes from the user enters as
``Text``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from filmlog.models import Film, stars
from filmlog.render import film_label, hanging, key_values, star_text
from filmlog.screen import (
    BOLD,
    CYAN,
    DIM,
    ITALIC,
    STARS,
    UNDERLINE,
    YELLOW,
    Text,
    pad,
    rule,
    truncate,
    wrap,
)
from filmlog.search import Credit, NoteHit, PersonHit, Results, ReviewHit, Snippet
from filmlog.stats import RATING_STEPS, Count, Stats

Lines = list[Text]

BAR_STYLE = CYAN
HIT_STYLE = "1;7"  # bold, reversed
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


def chart(title: Text, rows: Sequence[Row], width: int) -> Lines:
    """A titled list of ``label  count  bar`` lines, exactly ``width`` cells wide at most."""
    count_width = max(len(str(r.count)) for r in rows)
    longest = max(r.label.cell_len for r in rows)
    label_width = max(1, min(longest, width - count_width - 2 - MIN_BAR))
    bar_width = width - label_width - count_width - 2
    biggest = max((r.count for r in rows if not r.dim), default=0)
    lines = [truncate(title, width)]
    for row in rows:
        line = pad(truncate(row.label, label_width), label_width)
        line.append(f" {row.count:>{count_width}} ")
        if not row.dim:
            line.append(bar(row.count, biggest, bar_width), BAR_STYLE)
        lines.append(truncate(line.styled(DIM) if row.dim else line, width))
    return lines


def _counts(counts: Sequence[Count]) -> list[Row]:
    return [Row(Text(c.name), c.count) for c in counts]


def _heading(text: str, detail: str = "") -> Text:
    heading = Text(text, f"{BOLD};{UNDERLINE}")
    if detail:
        heading.append(f"  {detail}", DIM)
    return heading


# --------------------------------------------------------------------------- stats


def stats_screen(stats: Stats, width: int) -> Lines:
    """The whole ``filmlog stats`` screen, laid out for ``width`` columns."""
    width = min(width, MAX_WIDTH)
    two = width >= TWO_COLUMNS_FROM
    column = (width - GAP) // 2 if two else width
    sections = [chart(title, rows, column) for title, rows in _sections(stats) if rows]
    lines = [_title(stats, width), *_totals(stats, width)]
    if two:
        for i in range(0, len(sections), 2):
            left, right = sections[i], sections[i + 1] if i + 1 < len(sections) else []
            lines.append(Text())
            for n in range(max(len(left), len(right))):
                line = pad(left[n] if n < len(left) else Text(), column + GAP)
                lines.append(line + right[n] if n < len(right) else line)
    else:
        for section in sections:
            lines += [Text(), *section]
    hint = _missing_facts(stats)
    if hint:
        lines += [Text(), *wrap(Text(hint, DIM), width)]
    return lines


def _title(stats: Stats, width: int) -> Text:
    title = Text(f"Stats: {stats.period.describe()}", BOLD)
    if stats.first and stats.last:
        span = f"{stats.first}" if stats.first == stats.last else f"{stats.first} to {stats.last}"
        title.append(f"  (viewings {span})", DIM)
    return rule(title, width, CYAN, align="left")


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _totals(stats: Stats, width: int) -> Lines:
    viewings = Text(str(stats.watches), BOLD)
    extra = [_plural(stats.films, "film"), _plural(stats.rewatches, "rewatch", "rewatches")]
    if stats.dnf:
        extra.append(f"{stats.dnf} not finished")
    viewings.append("  " + ", ".join(extra))
    rows: list[tuple[str, str | Text]] = [("Viewings", viewings), ("Hours", _hours(stats))]
    average = stats.average_rating
    if average is None:
        rows.append(("Average", Text("no ratings", DIM)))
    else:
        line = Text(stars(round(average * 2) / 2), STARS)
        line.append(f"  {average:.2f}", BOLD)
        line.append(f" from {_plural(stats.rated, 'rating')}")
        rows.append(("Average", line))
    if stats.streak:
        streak = stats.streak
        line = Text(_plural(streak.days, "day"), BOLD)
        line.append(
            f" in a row, {streak.start} to {streak.end}"
            if streak.days > 1
            else " (never two days running)"
        )
        rows.append(("Longest streak", line))
    return key_values(rows, width)


def _hours(stats: Stats) -> Text:
    missing = stats.missing_runtime
    finished = stats.watches - stats.dnf
    if stats.minutes == 0 and missing:
        return Text(f"unknown: no runtime for any of the {_plural(finished, 'viewing')}", DIM)
    text = Text(f"{stats.hours:g}", BOLD)
    notes = []
    if missing:
        notes.append(f"{_plural(missing, 'viewing')} without a runtime")
    if stats.dnf:
        notes.append("unfinished ones not counted")
    if notes:
        text.append("  (" + "; ".join(notes) + ")", DIM)
    return text


def _sections(stats: Stats) -> list[tuple[Text, list[Row]]]:
    ratings = (
        [Row(Text(stars(r), STARS), stats.ratings[r]) for r in RATING_STEPS] if stats.rated else []
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


def search_results(results: Results, width: int, limit: int | None = None) -> Lines:
    """Search results grouped by what matched; each group shows at most ``limit``."""
    lines: Lines = []
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
        if lines:
            lines.append(Text())
        lines.append(_heading(name, str(len(hits))))
        shown = hits[:limit] if limit is not None else hits
        for hit in shown:
            for line in draw(hit):
                lines += _indented(line, width)
        if len(hits) > len(shown):
            lines.append(Text(f"  … {len(hits) - len(shown)} more; use --limit or --json", DIM))
    return lines


def _indented(line: Text, width: int) -> Lines:
    """``line`` wrapped to ``width``, its further lines under its first word."""
    plain = line.plain
    indent = len(plain) - len(plain.lstrip(" "))
    if line.cell_len <= width or indent >= width // 2:
        return wrap(line, width)
    return hanging(Text(" " * indent), line.slice(indent, len(plain)), width)


def _film_line(hit: object) -> Lines:
    from filmlog.search import FilmHit

    assert isinstance(hit, FilmHit)
    line = Text("  ")
    line.append_text(film_label(hit.film))
    if hit.alias:
        line.append("  also known as ", DIM)
        line.append(hit.alias, ITALIC)
    seen = hit.watches
    if seen:
        line.append(f"  seen {'once' if seen == 1 else f'{seen} times'}", DIM)
    else:
        line.append("  seen, no dated viewing" if hit.seen else "  not seen", DIM)
    if hit.film.directors:
        line.append("  " + ", ".join(hit.film.directors), DIM)
    return [line]


def _films_text(films: Sequence[Film], most: int = 5) -> Text:
    text = Text()
    for i, film in enumerate(films[:most]):
        if i:
            text.append(", ")
        text.append(film.label)
    if len(films) > most:
        text.append(f", and {len(films) - most} more", DIM)
    return text


def _person_lines(hit: object) -> Lines:
    assert isinstance(hit, PersonHit)
    head = Text("  ")
    head.append(hit.name, BOLD)
    head.append(f"  {_plural(hit.films, 'film')}", DIM)
    roles: dict[str, list[Credit]] = {}
    for credit in hit.credits:
        roles.setdefault(credit.role, []).append(credit)
    lines = [head]
    for role, credits in roles.items():
        line = Text(f"    {role}: ", CYAN)
        for i, credit in enumerate(credits[:5]):
            if i:
                line.append(", ")
            line.append(credit.film.label)
            if credit.character:
                line.append(f" as {credit.character}", DIM)
        if len(credits) > 5:
            line.append(f", and {len(credits) - 5} more", DIM)
        lines.append(line)
    return lines


def _tag_line(hit: object) -> Lines:
    from filmlog.search import TagHit

    assert isinstance(hit, TagHit)
    line = Text("  ")
    line.append(hit.tag, YELLOW)
    line.append(f"  {_plural(hit.watches, 'viewing')}: ", DIM)
    line.append_text(_films_text(hit.films))
    return [line]


def _review_lines(hit: object) -> Lines:
    assert isinstance(hit, ReviewHit)
    head = Text("  ")
    head.append(f"#{hit.watch.id} ", DIM)
    head.append(hit.watch.date.isoformat() + "  ")
    head.append_text(film_label(hit.film))
    if hit.watch.rating is not None:
        head.append("  ")
        head.append_text(star_text(hit.watch.rating))
    if hit.matches > 1:
        head.append(f"  {hit.matches} matches", DIM)
    return [head, _snippet_text(hit.snippet)]


def _note_lines(hit: object) -> Lines:
    assert isinstance(hit, NoteHit)
    head = Text("  ")
    head.append_text(film_label(hit.film))
    if hit.matches > 1:
        head.append(f"  {hit.matches} matches", DIM)
    return [head, _snippet_text(hit.snippet)]


def _snippet_text(cut: Snippet) -> Text:
    body = Text("    ")
    at = 0
    for start, end in cut.spans:
        body.append(cut.text[at:start]).append(cut.text[start:end], HIT_STYLE)
        at = end
    return body.append(cut.text[at:])


def nothing_found_line(query: str) -> str:
    """What ``search`` says when nothing matches."""
    return f"Nothing in the journal matches {query!r}."
