"""The one-line confirmations of the commands that change the journal, and errors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from filmlog.models import Disc, Film, Watch, day_label, stars
from filmlog.render.text import DIM, STARS, disc_name, film_label, line

if TYPE_CHECKING:
    from filmlog.catalog import WatchlistRow


def logged_line(watch: Watch, film: Film, created: bool, verb: str = "Logged") -> Text:
    """What ``add`` (and ``edit``) say after saving."""
    text = Text(f"{verb} #{watch.id}: ") + film_label(film)
    text.append(f" on {day_label(watch.date)}")
    if watch.rating is not None:
        text.append("  ").append(stars(watch.rating), style=STARS)
    if watch.rewatch:
        text.append("  (rewatch)", style="blue")
    if created:
        text.append("  new film", style=DIM)
    return text


def facts_line(film: Film, created: bool, changed: Sequence[str]) -> Text:
    """What ``film set`` says after saving."""
    if not changed and not created:
        text = Text("Nothing changed: ") + film_label(film)
        return text.append(" already has those facts", style=DIM)
    text = Text("New film " if created else "Updated ") + film_label(film)
    names = [c.replace("_", "-") for c in changed if c not in ("title", "year") or not created]
    if names:
        text.append(": " + ", ".join(names), style=DIM)
    return text


def disc_line(disc: Disc, films: Sequence[Film], verb: str) -> Text:
    """What ``disc add`` / ``disc edit`` say after saving (``Added disc #4 of Thief (1981)``)."""
    name = disc_name(disc, "")
    text = Text(f"{verb} disc #{disc.id}")
    if name:
        text += Text(": ") + line(name)
    text.append(" of ")
    return text + Text(" and ").join(film_label(f) for f in films)


def watchlist_line(row: WatchlistRow, already: bool, seen: bool) -> Text:
    """What ``watchlist add`` says after saving."""
    text = Text("Already on your watchlist: " if already else "Added to your watchlist: ")
    text.append_text(film_label(row.film))
    if already:
        text.append(f" (since {row.item.added.isoformat()})", style=DIM)
    elif seen:
        text.append("  you have seen it before", style=DIM)
    return text


def error_line(message: str) -> Text:
    """``error: …`` on one line, whatever a stored title in it holds."""
    return Text("error: ", style="bold red") + line(message)


def watch_changes(before: Watch, after: Watch, was: Film | None, now: Film | None) -> list[Text]:
    """What ``edit`` changed, one indented line a field (``tags: heist → heist, 35mm``)."""
    out: list[Text] = []

    def shown(name: str, watch: Watch) -> str:
        value = getattr(watch, name)
        if name in ("with_", "tags"):
            return ", ".join(value) or "none"
        if name == "rating":
            return stars(value) if value is not None else "none"
        if name in ("rewatch", "liked", "dnf", "spoilers"):
            return "yes" if value else "no"
        if name == "disc":
            return f"#{value}" if value is not None else "none"
        return "none" if value is None else str(value)

    if before.film != after.film:
        labels = [f.label if f else i for f, i in ((was, before.film), (now, after.film))]
        out.append(_indent(f"film: {labels[0]} → {labels[1]}"))
    for name in ("date", "rating", "medium", "where", "with_", "tags", "rewatch", "liked"):
        if getattr(before, name) != getattr(after, name):
            old, new = shown(name, before), shown(name, after)
            out.append(_indent(f"{name.rstrip('_')}: {old} → {new}"))
    for name in ("dnf", "spoilers", "disc"):
        if getattr(before, name) != getattr(after, name):
            out.append(_indent(f"{name}: {shown(name, before)} → {shown(name, after)}"))
    if before.review != after.review:
        out.append(_indent("review: " + ("changed" if after.review else "removed")))
    return out


def _indent(value: str) -> Text:
    return Text("  ") + line(value)
