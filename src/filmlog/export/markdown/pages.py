"""The Markdown documents: one film's page or the whole journal in one, and the folder of
pages (one per film, one per list, and ``index.md`` linking them all)."""

from __future__ import annotations

from filmlog.export import Library
from filmlog.export.markdown.film import _days, _film_body, _film_ref, _rating, film_page
from filmlog.export.markdown.names import file_names, list_names
from filmlog.export.markdown.yaml_text import front_matter
from filmlog.export.mdtext import inline, review
from filmlog.models import FilmList, count, stars

INDEX = "index.md"
JOURNAL_TITLE = "Film journal"


def document(library: Library) -> bytes:
    """One film's page, or (no film chosen) every film in one document."""
    if library.only is not None:
        return film_page(library, library.only).encode()
    return journal_page(library).encode()


def folder(library: Library) -> list[tuple[str, bytes]]:
    """A page per film, named after the film, a page per list (``list-<id>.md``), and
    ``index.md`` linking them all."""
    names = file_names(library.all_films())
    films = library.films()
    files = [(names[f.id], film_page(library, f, names).encode()) for f in films]
    if library.only is None:
        lists = library.lists()
        pages = list_names(lists, names.values())
        files += [(pages[f.id], list_page(library, f, names).encode()) for f in lists]
        files.append((INDEX, index_page(library, names, pages).encode()))
    return files


def list_page(library: Library, film_list: FilmList, names: dict[str, str]) -> str:
    """A list's page: its description, then its films in order (numbered when ranked),
    each linked to its page, with your rating and the entry's note."""
    head = front_matter(
        [
            ("title", film_list.name),
            ("ranked", film_list.ranked),
            ("films", len(film_list.entries)),
            ("created", film_list.created),
        ]
    )
    blocks = [f"# {inline(film_list.name)}"]
    if film_list.description:
        blocks.append(review(film_list.description, 2, "list"))
    items = []
    for entry in film_list.entries:
        mark = f"{entry.position}." if film_list.ranked else "-"
        line = f"{mark} {_film_ref(library, entry.film, names)}"
        rating = (
            _rating(film, library.watches_of(film.id))
            if (film := library.film(entry.film))
            else None
        )
        if rating is not None:
            line += f" {stars(rating)}"
        if entry.note:
            line += f" — {inline(entry.note)}"
        items.append(line)
    if items:
        blocks.append("\n".join(items))
    return head + "\n" + "\n\n".join(blocks) + "\n"


def journal_page(library: Library) -> str:
    """Every film in one document, separated by thematic breaks."""
    films = library.films()
    viewings = sum(len(library.watches_of(f.id)) for f in films)
    head = front_matter([("title", JOURNAL_TITLE), ("films", len(films)), ("viewings", viewings)])
    if not films:
        return head + "\n*The journal is empty.*\n"
    bodies = [_film_body(library, f, None) for f in films]
    return head + "\n" + "\n---\n\n".join(bodies)


def index_page(library: Library, names: dict[str, str], lists: dict[str, str] | None = None) -> str:
    """``index.md``: a list linking every film's page, then every list's."""
    films = library.films()
    viewings = sum(len(library.watches_of(f.id)) for f in films)
    head = front_matter([("title", JOURNAL_TITLE), ("films", len(films)), ("viewings", viewings)])
    blocks = [
        f"# {inline(JOURNAL_TITLE)}",
        f"{count(len(films), 'film')}, {count(viewings, 'viewing')}.",
    ]
    items = []
    for film in films:
        watches = library.watches_of(film.id)
        line = f"- [{inline(film.label)}]({names[film.id]})"
        rating = _rating(film, watches)
        if rating is not None:
            line += f" {stars(rating)}"
        days = _days(watches)
        if days:
            line += f" · last watched {days[-1].isoformat()}"
        items.append(line)
    if items:
        blocks.append("\n".join(items))
    if lists:
        blocks.append("## Lists")
        blocks.append(
            "\n".join(
                f"- [{inline(f.name)}]({lists[f.id]}) · {count(len(f.entries), 'film')}"
                for f in library.lists()
                if f.id in lists
            )
        )
    return head + "\n" + "\n\n".join(blocks) + "\n"
