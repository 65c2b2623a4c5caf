"""``stats --html``: the figures of ``stats --json`` as one self-contained HTML page.

The page is drawn from the JSON document itself (:meth:`filmlog.stats.Stats.to_json`), so
the page and ``--json`` cannot disagree. It loads nothing: no script, no font, no image
from elsewhere (a Content-Security-Policy says so to the browser); the charts are inline
SVG; colours follow the reader's light or dark setting; the layout narrows to a phone.
All user text goes through :func:`html.escape`; reviews are Markdown rendered with raw
HTML disabled. No Rich here: this module must not import it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from html import escape
from string import Template
from typing import Any

from filmlog.models import stars
from filmlog.stats.days import calendar_weeks, heatmap_span, shade
from filmlog.stats.figures import WEEKDAYS, Period

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CELL = 12  # a heatmap day, with its gap
BAR_ROW = 22

PAGE = Template(
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="filmlog">
<title>$title</title>
<style>
:root {
  --bg: #fbfaf7; --fg: #1d1d1f; --muted: #6b6b70; --card: #ffffff; --line: #e4e2dc;
  --accent: #1f7a4d; --bar: #2f9e67; --l0: #ebedf0; --l1: #9be9a8; --l2: #40c463;
  --l3: #30a14e; --l4: #216e39; --star: #b7791f;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #111214; --fg: #ececef; --muted: #9a9aa2; --card: #1b1c1f; --line: #2c2d31;
    --accent: #5fd39a; --bar: #3fb27a; --l0: #24262b; --l1: #0e4429; --l2: #006d32;
    --l3: #26a641; --l4: #39d353; --star: #f0b429;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
}
main { max-width: 1080px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 2rem; margin: 0 0 4px; }
h2 { font-size: 1.1rem; margin: 0 0 12px; }
.sub { color: var(--muted); margin: 0 0 24px; }
.numbers { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
  gap: 12px; margin: 0 0 24px; }
.numbers div { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 12px 14px; }
.numbers dt { color: var(--muted); font-size: .85rem; }
.numbers dd { margin: 0; font-size: 1.6rem; font-weight: 650; }
.numbers dd.small { font-size: 1rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 16px; margin: 0 0 16px; min-width: 0; }
.grid section { margin: 0; }
svg { display: block; width: 100%; height: auto; }
svg text { fill: var(--fg); font: 12px system-ui, sans-serif; }
svg .muted { fill: var(--muted); }
svg .bar { fill: var(--bar); }
.l0 { fill: var(--l0); } .l1 { fill: var(--l1); } .l2 { fill: var(--l2); }
.l3 { fill: var(--l3); } .l4 { fill: var(--l4); }
/* On a phone the calendar keeps squares big enough to see and scrolls in its box. */
#heatmap { overflow-x: auto; }
#heatmap svg { min-width: 620px; }
h2 span { white-space: nowrap; }
ol, ul { margin: 0; padding-left: 1.4em; }
li { margin: 2px 0; }
.stars { color: var(--star); white-space: nowrap; }
.muted { color: var(--muted); }
article { border-top: 1px solid var(--line); padding-top: 12px; margin-top: 12px; }
article:first-of-type { border-top: 0; margin-top: 0; padding-top: 0; }
article h3 { margin: 0 0 4px; font-size: 1rem; }
summary { cursor: pointer; color: var(--muted); }
blockquote { margin: 0 0 0 8px; padding-left: 12px; border-left: 3px solid var(--line); }
a { color: var(--accent); }
footer { color: var(--muted); font-size: .85rem; text-align: center; margin-top: 24px; }
@media (max-width: 480px) {
  main { padding: 16px 10px 32px; }
  h1 { font-size: 1.5rem; }
  .numbers dd { font-size: 1.3rem; }
}
</style>
</head>
<body>
<main>
<header>
<h1>$heading</h1>
<p class="sub">$subtitle</p>
</header>
$body
<footer>Made with filmlog from its journal, $made.</footer>
</main>
</body>
</html>
"""
)


def page(doc: Mapping[str, Any], *, made: dt.date | None = None) -> str:
    """The page of one ``stats --json`` document."""
    period = doc["period"]
    span = Period(_day(period["from"]), _day(period["to"]))
    name = span.describe()
    heading = f"{span.whole_year} in film" if span.whole_year else f"Films: {name}"
    first, last = period["first_watched"], period["last_watched"]
    subtitle = f"Viewings from {first} to {last}" if first else "No viewings in this period"
    return PAGE.substitute(
        title=escape(heading),
        heading=escape(heading),
        subtitle=escape(subtitle),
        body="\n".join(_body(doc, span)),
        made=escape((made or dt.date.today()).isoformat()),
    )


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _body(doc: Mapping[str, Any], span: Period) -> list[str]:
    parts = [_numbers(doc)]
    first, last = _day(doc["period"]["first_watched"]), _day(doc["period"]["last_watched"])
    shown = heatmap_span(span, first, last)
    if shown:
        parts.append(
            _section(
                "Calendar", _heatmap(doc["days"], *shown), "heatmap", f"{shown[0]} to {shown[1]}"
            )
        )
    charts = [
        _section("Ratings", _columns([(k, v) for k, v in doc["ratings"].items()], _star_label))
        if doc["average_rating"] is not None
        else "",
        _months_or_years(doc),
        _section("Highest rated", _films(doc["highest_rated"], "rating")),
        _section("Most watched", _films(doc["most_watched"], "viewings")),
        _people("Directors", doc["directors"], doc["by"]),
        _people("Actors", doc["actors"], doc["by"]),
        _people("Genres", doc["genres"], doc["by"]),
        _section(
            "Decades",
            _bars(
                [(k, v["films"], f"{v['viewings']} viewings") for k, v in doc["decades"].items()]
            ),
        )
        if doc["decades"]
        else "",
        _section("Weekdays", _bars([(k, v, "") for k, v in doc["weekdays"].items()]))
        if doc["watches"]
        else "",
        _section("How", _bars([(k, v, "") for k, v in doc["media"].items()]))
        if doc["media"]
        else "",
        _section("Where", _bars([(c["name"], c["count"], "") for c in doc["where"]]))
        if doc["where"]
        else "",
        _people("Countries", doc["countries"], doc["by"]),
        _people("Tags", doc["tags"], doc["by"]),
        _people("Watched with", doc["companions"], doc["by"]),
    ]
    parts.append('<div class="grid">' + "\n".join(c for c in charts if c) + "</div>")
    if doc["best_reviews"]:
        parts.append(_section("Reviews of the best", _reviews(doc["best_reviews"]), "reviews"))
    return parts


def _section(title: str, inner: str, kind: str = "", detail: str = "") -> str:
    if not inner:
        return ""
    extra = f' <span class="muted">{escape(detail)}</span>' if detail else ""
    slug = kind or title.lower().replace(" ", "-")
    return f'<section id="{escape(slug)}"><h2>{escape(title)}{extra}</h2>\n{inner}\n</section>'


def _numbers(doc: Mapping[str, Any]) -> str:
    average = doc["average_rating"]
    streak = doc["streak"]
    longest = doc["longest_film"]
    items = [
        ("Viewings", "watches", str(doc["watches"])),
        ("Films", "films", str(doc["films"])),
        ("First watches", "first_watches", str(doc["first_watches"])),
        ("Rewatches", "rewatches", str(doc["rewatches"])),
        ("Hours", "hours", f"{doc['hours']:g}"),
        ("Average rating", "average_rating", f"{average:.2f}" if average is not None else "–"),
        ("Longest streak", "streak", f"{streak['days']} days" if streak else "–"),
        ("Not finished", "dnf", str(doc["dnf"])),
    ]
    cells = [
        f'<div><dt>{escape(label)}</dt><dd data-figure="{key}">{escape(value)}</dd></div>'
        for label, key, value in items
    ]
    if longest:
        cells.append(
            f'<div><dt>Longest film</dt><dd data-figure="longest_film">{longest["runtime"]} min'
            f"</dd><dt>{escape(_label(longest))}</dt></div>"
        )
    for milestone in doc["milestones"][-2:]:
        n = milestone["n"]
        cells.append(
            f'<div><dt>{_ordinal(n)} film</dt><dd class="small" data-figure="milestone" '
            f'data-n="{n}">{escape(_label(milestone))}</dd>'
            f"<dt>{escape(milestone['date'])}</dt></div>"
        )
    return '<dl class="numbers">' + "".join(cells) + "</dl>"


def _ordinal(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _label(film: Mapping[str, Any]) -> str:
    return f"{film['title']} ({film['year']})" if film.get("year") else str(film["title"])


def _heatmap(days: Mapping[str, int], first: dt.date, last: dt.date) -> str:
    """GitHub's calendar: a square a day, weeks as columns, weekdays as rows."""
    weeks = calendar_weeks(first, last)
    shown = [d for week in weeks for d in week if d is not None]
    biggest = max((days.get(d.isoformat(), 0) for d in shown), default=0)
    left, top = 30, 16
    width = left + len(weeks) * CELL + 4
    height = top + 7 * CELL + 22
    out = [
        f'<svg viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Viewings per day, {first} to {last}">'
    ]
    for row, name in enumerate(WEEKDAYS):
        if row % 2 == 0:
            y = top + row * CELL + 9
            out.append(f'<text class="muted" x="0" y="{y}">{name}</text>')
    for column, week in enumerate(weeks):
        x = left + column * CELL
        starts = [d for d in week if d is not None and d.day == 1]
        if starts and column < len(weeks) - 2:
            out.append(f'<text class="muted" x="{x}" y="11">{MONTHS[starts[0].month - 1]}</text>')
        for row, day in enumerate(week):
            if day is None:
                continue
            n = days.get(day.isoformat(), 0)
            level = shade(n, biggest)
            tip = f"{day}: {n} viewing{'' if n == 1 else 's'}"
            out.append(
                f'<rect class="l{level}" x="{x}" y="{top + row * CELL}" width="10" height="10" '
                f'rx="2" data-day="{day}" data-count="{n}"><title>{tip}</title></rect>'
            )
    y = top + 7 * CELL + 14
    out.append(f'<text class="muted" x="{left}" y="{y}">less</text>')
    for level in range(5):
        out.append(
            f'<rect class="l{level}" x="{left + 30 + level * CELL}" y="{y - 9}" '
            'width="10" height="10" rx="2"></rect>'
        )
    out.append(f'<text class="muted" x="{left + 34 + 5 * CELL}" y="{y}">more</text>')
    out.append("</svg>")
    return "\n".join(out)


def _star_label(key: str) -> str:
    return key.replace(".5", "½").replace("0½", "½") + "★"


def _columns(items: Sequence[tuple[str, int]], label: Any = str) -> str:
    """Vertical bars, one a key (the ratings histogram, months)."""
    biggest = max((n for _, n in items), default=0) or 1
    step, chart = 36, 120
    width = len(items) * step
    out = [
        f'<svg viewBox="0 0 {width} {chart + 40}" role="img" aria-label="bar chart">',
    ]
    for i, (key, n) in enumerate(items):
        x = i * step
        h = round(chart * n / biggest)
        out.append(
            f'<rect class="bar" x="{x + 4}" y="{chart - h + 14}" width="{step - 8}" '
            f'height="{h}" rx="2" data-key="{escape(key)}" data-count="{n}">'
            f"<title>{escape(label(key))}: {n}</title></rect>"
        )
        out.append(f'<text x="{x + step / 2}" y="{chart - h + 10}" text-anchor="middle">{n}</text>')
        out.append(
            f'<text class="muted" x="{x + step / 2}" y="{chart + 30}" text-anchor="middle">'
            f"{escape(label(key))}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)


def _months_or_years(doc: Mapping[str, Any]) -> str:
    months = doc["by_month"]
    if months and len({key[:4] for key in months}) == 1:
        items = [(key, n) for key, n in months.items()]
        return _section(
            "Viewings per month",
            _columns(items, lambda key: MONTHS[int(key[5:]) - 1]),
            "months",
        )
    if doc["by_year"]:
        return _section("Viewings per year", _bars([(k, v, "") for k, v in doc["by_year"].items()]))
    return ""


def _bars(rows: Sequence[tuple[str, int, str]]) -> str:
    """Horizontal bars: ``label  count  bar`` a row, the longest bar for the largest."""
    if not rows:
        return ""
    biggest = max(n for _, n, _ in rows) or 1
    label_width, count_width, width = 120, 34, 320
    room = width - label_width - count_width
    out = [f'<svg viewBox="0 0 {width} {len(rows) * BAR_ROW}" role="img" aria-label="bar chart">']
    for i, (label, n, detail) in enumerate(rows):
        y = i * BAR_ROW
        shown = label if len(label) <= 20 else label[:19] + "…"
        tip = f"{label}: {n}" + (f" ({detail})" if detail else "")
        out.append(f'<text x="0" y="{y + 15}"><title>{escape(tip)}</title>{escape(shown)}</text>')
        out.append(
            f'<text x="{label_width + count_width - 6}" y="{y + 15}" text-anchor="end">{n}</text>'
        )
        out.append(
            f'<rect class="bar" x="{label_width + count_width}" y="{y + 4}" '
            f'width="{max(round(room * n / biggest), 1 if n else 0)}" height="14" rx="2" '
            f'data-key="{escape(label)}" data-count="{n}"></rect>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _people(title: str, counts: Sequence[Mapping[str, Any]], by: str) -> str:
    if not counts:
        return ""
    other = "viewings" if by == "films" else "films"
    rows = [(c["name"], c["count"], f"{c[other]} {other}") for c in counts]
    return _section(title, _bars(rows), detail=f"by {by}")


def _films(films: Sequence[Mapping[str, Any]], what: str) -> str:
    if not films:
        return ""
    items = []
    for film in films:
        if what == "rating":
            detail = (
                f'<span class="stars" title="{film["rating"]:g}">{stars(film["rating"])}</span>'
            )
        else:
            detail = f'<span class="muted">{film["viewings"]}×</span>'
        items.append(f'<li data-film="{escape(film["film"])}">{escape(_label(film))} {detail}</li>')
    return "<ol>" + "".join(items) + "</ol>"


def _reviews(reviews: Sequence[Mapping[str, Any]]) -> str:
    from markdown_it import MarkdownIt

    # Raw HTML in a review is shown as text, never passed through.
    parser = MarkdownIt("commonmark", {"html": False})
    out = []
    for review in reviews:
        rating = review["rating"]
        shown = f' <span class="stars">{stars(rating)}</span>' if rating is not None else ""
        body = parser.render(review["review"])
        if review.get("spoilers"):
            # Folded away until the reader opens it: no script needed.
            body = f"<details><summary>Contains spoilers</summary>\n{body}</details>"
        out.append(
            f'<article data-film="{escape(review["film"])}"><h3>{escape(_label(review))}'
            f'{shown} <span class="muted">{escape(review["date"])}</span></h3>\n'
            f"{body}</article>"
        )
    return "\n".join(out)
