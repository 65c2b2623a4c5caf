"""Search the journal: titles and aliases, people, tags, places, genres, reviews, film
notes, synopses, what films are based on, and disc notes. By concern:

- ``query``: what the user typed, folded for matching, and the folding itself;
- ``results``: a hit type for each group, and ``Results``, the groups;
- ``finding``: the search over models, each group's hits found and ranked;
- ``prefilter``: the search over a journal's stored documents, with a fast prefilter
  that picks the few worth making models of;
- ``snippets``: the plain text a review's Markdown renders to, and the snippet of it
  around a hit.

Everything is importable from ``filmlog.search``, as it was before it was split.
"""

from filmlog.search.finding import DISC_TEXTS, PERSON_ROLES, search
from filmlog.search.prefilter import FIELDS, Candidates, candidates, search_documents
from filmlog.search.query import Query, fold_char, spread_fold
from filmlog.search.results import (
    GROUPS,
    Credit,
    DiscHit,
    FilmHit,
    GenreHit,
    NoteHit,
    PersonHit,
    PlaceHit,
    Results,
    ReviewHit,
    TagHit,
)
from filmlog.search.snippets import SNIPPET_CONTEXT, Snippet, plain_text, snippet

__all__ = [
    "DISC_TEXTS",
    "FIELDS",
    "GROUPS",
    "PERSON_ROLES",
    "SNIPPET_CONTEXT",
    "Candidates",
    "Credit",
    "DiscHit",
    "FilmHit",
    "GenreHit",
    "NoteHit",
    "PersonHit",
    "PlaceHit",
    "Query",
    "Results",
    "ReviewHit",
    "Snippet",
    "TagHit",
    "candidates",
    "fold_char",
    "plain_text",
    "search",
    "search_documents",
    "snippet",
    "spread_fold",
]
