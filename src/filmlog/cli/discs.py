"""Disc editions: ``disc add``, ``disc list``, ``disc edit``, ``disc rm``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from filmlog.cli import asking, common, complete
from filmlog.cli.common import year_or_none
from filmlog.errors import FilmlogError
from filmlog.models import count

if TYPE_CHECKING:
    from filmlog.catalog import DiscChanges
    from filmlog.models import Film

disc_app = typer.Typer(
    name="disc",
    help="Disc editions you own or reviewed: label, region, scores, extras, pros and cons.",
    no_args_is_help=True,
)

Json = common.JsonOption
Year = common.YearOption
Str = str | None
Many = list[str] | None
SCORE = "stars (4, 4½, ★★★★) or a word: poor, fair, ok, good, excellent"
DiscId = Annotated[
    int,
    typer.Argument(
        metavar="ID", help="The disc's id (see 'disc list'): 3 or #3.", parser=common.number_id
    ),
]

Format = Annotated[Str, typer.Option("--format", help="Blu-ray, 4K UHD, DVD...")]
Edition = Annotated[Str, typer.Option("--edition", help="e.g. 'Limited Edition'.")]
Label = Annotated[Str, typer.Option("--label", help="Label or distributor, e.g. Arrow.")]
Region = Annotated[Str, typer.Option("--region", help="Region code(s), e.g. B or A/B.")]
Released = Annotated[
    Str, typer.Option("--released", help="Release date of this edition (YYYY-MM-DD).")
]
Discs = Annotated[int | None, typer.Option("--discs", help="Number of discs in the set.")]
Certificate = Annotated[Str, typer.Option("--certificate", help="e.g. 'UK 18'.")]
Packaging = Annotated[Str, typer.Option("--packaging", help="e.g. 'Slipcase, booklet'.")]
Video = Annotated[Str, typer.Option("--video", help="Video spec, e.g. '1080p, 1.85:1'.")]
AudioSpec = Annotated[
    Str, typer.Option("--audio-spec", help="Audio spec, e.g. 'LPCM 2.0, DTS-HD MA 5.1'.")
]
FilmScore = Annotated[Str, typer.Option("--film-score", help="Score for the film: " + SCORE)]
Picture = Annotated[Str, typer.Option("--picture", help="Score for the picture: " + SCORE)]
Audio = Annotated[Str, typer.Option("--audio", help="Score for the audio: " + SCORE)]
Extras = Annotated[Str, typer.Option("--extras", help="Score for the extras: " + SCORE)]
Extra = Annotated[
    Many, typer.Option("--extra", help="One extra on the disc (repeatable; commas are kept).")
]
Pro = Annotated[Many, typer.Option("--pro", help="A pro (repeatable).")]
Con = Annotated[Many, typer.Option("--con", help="A con (repeatable).")]
Verdict = Annotated[Str, typer.Option("--verdict", help="Your verdict in one line.")]
Note = Annotated[Str, typer.Option("--note", help="Notes on the disc.")]
Bought = Annotated[Str, typer.Option("--bought", help="When you bought it (a date).")]
Price = Annotated[Str, typer.Option("--price", help="What you paid, e.g. '£19.99'.")]
Shop = Annotated[Str, typer.Option("--shop", help="Where you bought it.")]
OtherFilm = Annotated[
    Many,
    typer.Option(
        "--film", help="Another film on the disc, by title ('Thief (1981)') (repeatable)."
    ),
]
Create = Annotated[
    bool,
    typer.Option(
        "--new",
        "--create",
        help="A title the journal lacks (disc add's TITLE, a --film) is a new film even "
        "when near titles exist (else a terminal asks 'did you mean', and without one it "
        "is refused).",
    ),
]


def _changes(options: dict[str, Any]) -> DiscChanges:
    """The changes the options of ``disc add`` or ``disc edit`` ask for (Click's
    ``ctx.params``: every option by its parameter name, as parsed)."""
    from filmlog import catalog

    def given(*names: str) -> dict[str, Any]:
        return {name: options.get(name) for name in names}

    return catalog.disc_changes(
        values={
            **given("format", "edition", "label", "region", "released", "discs"),
            **given("certificate", "packaging", "video", "verdict"),
            "audio": options.get("audio_spec"),
            "notes": options.get("note"),
        },
        scores={
            "film": options.get("film_score"),
            **given("picture", "audio", "extras"),
        },
        purchase={
            "date": options.get("bought"),
            **given("price", "shop"),
        },
        lists={
            "extras": options.get("extra"),
            "pros": options.get("pro"),
            "cons": options.get("con"),
        },
        films=options.get("film"),
        clear=options.get("clear"),
        remove=options.get("remove"),
        create=bool(options.get("create")),
    )


def add(
    ctx: typer.Context,
    title: Annotated[
        str,
        typer.Argument(
            help="The film on the disc; 'Heat (1995)' also works.", autocompletion=complete.titles
        ),
    ],
    year: Year = None,
    format: Format = None,
    edition: Edition = None,
    label: Label = None,
    region: Region = None,
    released: Released = None,
    discs: Discs = None,
    certificate: Certificate = None,
    packaging: Packaging = None,
    video: Video = None,
    audio_spec: AudioSpec = None,
    film_score: FilmScore = None,
    picture: Picture = None,
    audio: Audio = None,
    extras: Extras = None,
    extra: Extra = None,
    pro: Pro = None,
    con: Con = None,
    verdict: Verdict = None,
    note: Note = None,
    bought: Bought = None,
    price: Price = None,
    shop: Shop = None,
    film: OtherFilm = None,
    create: Create = False,
    json: Annotated[bool, typer.Option("--json", help="Print the disc as JSON.")] = False,
) -> None:
    """Record a disc edition of a film; prints its id (for `filmlog add --disc ID`).

    Scores take stars or the words poor, fair, ok, good, excellent. Note `--extras`
    scores the extras while `--extra` names one of them; `--audio` scores the sound while
    `--audio-spec` describes it. Creates the film if the journal does not know it.
    A `--film` title the journal does not know is refused as a likely typo when titles
    near it exist ("did you mean"); `--create` adds it as a new film anyway.

    Examples:

        filmlog disc add "Leaving Las Vegas" --year 1995 --format blu-ray --label Arrow

        filmlog disc add Heat --film-score excellent --picture good --audio ok --extras poor

        filmlog disc add Heat --extra "Interviews with A, B & C" --pro "New 4K scan"

        filmlog disc add "Thief (1981)" --film "Heat (1995)" --edition "Michael Mann double bill"
    """
    from filmlog import catalog

    changes = _changes(ctx.params)
    pick = asking.pick_film(ctx, title, year_or_none(year), create)
    choose = asking.choices_before_lock(ctx, [(text, None) for text in changes.films])
    with common.transaction(ctx) as store:
        result = catalog.add_disc(store, pick, changes, choose)
    _new_films(result.new_films)
    if json:
        from filmlog.models import disc_to_doc

        common.print_json(disc_to_doc(result.disc))
    else:
        from filmlog.render import console, messages

        console.say(messages.disc_line(result.disc, result.films, "Added"))


def list_discs(
    ctx: typer.Context,
    title: Annotated[
        str | None,
        typer.Argument(
            help="Only the discs of this film.", show_default=False, autocompletion=complete.titles
        ),
    ] = None,
    year: Year = None,
    json: Json = False,
) -> None:
    """List your discs with their films, editions and scores.

    Examples:

        filmlog disc list

        filmlog disc list Heat --year 1995

        filmlog disc list --json
    """
    from filmlog import catalog, journal

    store = common.read_store(ctx)
    film = (
        journal.resolve_title(store, title, year_or_none(year), asking.chooser()) if title else None
    )
    rows = catalog.disc_rows(store, film)
    if json:
        from filmlog.models import disc_to_doc

        common.print_json([disc_to_doc(d) for d, _ in rows])
        return
    if not rows:
        common.note(
            f"no discs of {film.label}" if film else "no discs yet ('filmlog disc add' adds one)"
        )
        return
    from filmlog.render import tables

    tables.show_table(tables.disc_table(rows))


def edit(
    ctx: typer.Context,
    disc_id: DiscId,
    format: Format = None,
    edition: Edition = None,
    label: Label = None,
    region: Region = None,
    released: Released = None,
    discs: Discs = None,
    certificate: Certificate = None,
    packaging: Packaging = None,
    video: Video = None,
    audio_spec: AudioSpec = None,
    film_score: FilmScore = None,
    picture: Picture = None,
    audio: Audio = None,
    extras: Extras = None,
    extra: Extra = None,
    pro: Pro = None,
    con: Con = None,
    verdict: Verdict = None,
    note: Note = None,
    bought: Bought = None,
    price: Price = None,
    shop: Shop = None,
    film: OtherFilm = None,
    create: Create = False,
    remove: Annotated[
        Many,
        typer.Option(
            "--remove",
            metavar="FIELD=VALUE",
            help="Take one entry off a list: 'extra=B-roll', 'pro=...', 'con=...', "
            "'film=Heat (1995)' (repeatable).",
        ),
    ] = None,
    clear: Annotated[
        Many,
        typer.Option(
            "--clear",
            metavar="FIELD",
            help="Empty a field first (values given alongside replace it): format, edition, "
            "label, region, released, discs, certificate, packaging, video, audio-spec, "
            "film-score, picture-score, audio-score, extras-score, extra (the list), pros, cons, "
            "verdict, notes, bought, price, shop (repeatable).",
        ),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print the disc as JSON.")] = False,
) -> None:
    """Change a disc. Only the options you give change; list options add one entry each.

    A `--film` title the journal does not know is refused as a likely typo when titles
    near it exist ("did you mean"); `--create` adds it as a new film anyway.

    Examples:

        filmlog disc edit 3 --picture excellent --pro "Grain intact"

        filmlog disc edit 3 --remove "con=No subtitles" --clear packaging

        filmlog disc edit 3 --film "Thief (1981)"
    """
    from filmlog import catalog

    changes = _changes(ctx.params)
    choose = asking.choices_before_lock(ctx, [(text, None) for text in changes.films])
    with common.transaction(ctx) as store:
        result = catalog.edit_disc(store, disc_id, changes, choose)
    _new_films(result.new_films)
    if json:
        from filmlog.models import disc_to_doc

        common.print_json(disc_to_doc(result.disc))
    elif result.changed:
        from filmlog.render import console, messages

        console.say(messages.disc_line(result.disc, result.films, "Updated"))
    else:
        common.note(f"Nothing changed: disc #{disc_id} already says that.")


def rm(
    ctx: typer.Context,
    disc_id: DiscId,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False,
) -> None:
    """Delete a disc (asks first unless --yes). Viewings watched from it stay, unlinked.

    Examples:

        filmlog disc rm 3

        filmlog disc rm 3 --yes
    """
    from filmlog import catalog
    from filmlog.render.text import disc_name

    # Asked before the journal is locked: an answer can take a while.
    before = common.open_store(ctx)
    disc = catalog.get_disc(before, disc_id)
    films = catalog.disc_films(before, disc)
    name = disc_name(disc, "")
    what = f"disc #{disc_id}{', ' + name if name else ''} of " + ", ".join(f.label for f in films)
    if not yes and not asking.confirm(f"Delete {what}?"):
        raise FilmlogError("nothing deleted")
    with common.transaction(ctx) as store:
        asking.still_as_asked(
            store.disc(disc_id),
            disc,
            f"disc #{disc_id}",
            "nothing deleted",
            "run 'filmlog disc rm' again",
        )
        _, unlinked = catalog.remove_disc(store, disc_id)
    common.note(
        f"Deleted {what}."
        + (
            f" {count(unlinked, 'viewing')} watched from it now "
            + ("names" if unlinked == 1 else "name")
            + " no disc."
            if unlinked
            else ""
        )
    )


def _new_films(films: tuple[Film, ...]) -> None:
    for made in films:
        common.note(f"note: {made.label} is new to the journal")


def register(app: typer.Typer) -> None:
    """Add the ``disc`` group to the app."""
    disc_app.command("add")(add)
    disc_app.command("list")(list_discs)
    disc_app.command("edit")(edit)
    disc_app.command("rm")(rm)
    app.add_typer(disc_app, name="disc")
