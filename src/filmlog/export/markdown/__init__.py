"""Markdown: one CommonMark page per film, with YAML front matter.

The front matter (title, year, directors, rating, watched dates, tags, ids...) is what
Obsidian, Hugo and Jekyll read; it is written here with double-quoted scalars so that no
title can break it. A page's headings nest: the film is level 1, its sections level 2,
each viewing and disc level 3, and a review's own headings start at level 4.

By concern:

- ``pages``: what the export command asks for (:func:`document`, :func:`folder`), and the
  list, journal and index pages;
- ``film``: one film's page (:func:`film_page`), its facts, cast, viewings and discs;
- ``yaml_text``: the YAML front matter and its escaped scalars;
- ``names``: the pages' file names, never clashing.
"""

from filmlog.export.markdown.film import REVIEW_TOP, film_page
from filmlog.export.markdown.names import file_names, list_names
from filmlog.export.markdown.pages import (
    INDEX,
    JOURNAL_TITLE,
    document,
    folder,
    index_page,
    journal_page,
    list_page,
)
from filmlog.export.markdown.yaml_text import front_matter, yaml_scalar, yaml_string

__all__ = [
    "INDEX",
    "JOURNAL_TITLE",
    "REVIEW_TOP",
    "document",
    "file_names",
    "film_page",
    "folder",
    "front_matter",
    "index_page",
    "journal_page",
    "list_names",
    "list_page",
    "yaml_scalar",
    "yaml_string",
]
