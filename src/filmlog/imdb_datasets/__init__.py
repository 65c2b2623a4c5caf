"""Film facts from IMDb's public dataset files, read offline.

IMDb publishes its non-commercial datasets at https://datasets.imdbws.com/ as tab-separated
files (``title.basics.tsv.gz``, ``title.akas``, ``title.ratings``, ``title.crew``,
``title.principals``, ``name.basics``): a header line, ``\\N`` for a missing value, lists
comma-separated. They are large (title.principals has close to a hundred million rows), so
they are streamed, a block of lines at a time, and only what the journal needs is kept:

1. ``title.akas`` and ``title.basics``: the titles whose id a film holds, or whose primary,
   original or alternative title is a film's title (folded as title lookup folds them);
2. ``title.ratings``: the number of votes of those titles (to break ties);
3. ``title.crew`` and ``title.principals``: the people of the titles the films matched;
4. ``name.basics``: the names of those people.

Memory is bounded by the journal, not by the files. Nothing here touches the journal: the
caller applies the :class:`Lookup` in one transaction (see :func:`plan_fill`).

By concern:

- ``files``: finding the files, checking their headers, reading them a block at a time;
- ``matching``: the titles a film may be, and which one it is (:func:`lookup`);
- ``people``: the crew, cast and names of the titles matched, and their facts;
- ``filling``: the films with those facts filled in, the user's own kept (:func:`plan_fill`).
- ``fill_journal``: a fill against the journal: the films it looks up, its plan against
  the journal as it is, and saving it (:func:`plan_for`, :func:`save`).
"""

from filmlog.imdb_datasets.files import (
    BLOCK,
    DOWNLOAD,
    HEADERS,
    HINT,
    NULL,
    DatasetError,
    Progress,
    blocks,
    locate,
)
from filmlog.imdb_datasets.fill_journal import check_pinned, films_to_fill, plan_for, save
from filmlog.imdb_datasets.filling import (
    FIELDS,
    RECORD,
    Fill,
    FillPlan,
    check_tconst,
    fill_film,
    plan_fill,
    read_records,
    value_of,
    write_records,
)
from filmlog.imdb_datasets.matching import (
    FITS,
    VOTES_LEAD,
    Lookup,
    Match,
    Refusal,
    Title,
    lookup,
)
from filmlog.imdb_datasets.people import CAST, KINDS

__all__ = [
    "BLOCK",
    "CAST",
    "DOWNLOAD",
    "FIELDS",
    "FITS",
    "HEADERS",
    "HINT",
    "KINDS",
    "NULL",
    "RECORD",
    "VOTES_LEAD",
    "DatasetError",
    "Fill",
    "FillPlan",
    "Lookup",
    "Match",
    "Progress",
    "Refusal",
    "Title",
    "blocks",
    "check_pinned",
    "check_tconst",
    "fill_film",
    "films_to_fill",
    "locate",
    "lookup",
    "plan_fill",
    "plan_for",
    "read_records",
    "save",
    "value_of",
    "write_records",
]
