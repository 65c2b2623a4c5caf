"""Review HTML from Letterboxd exports becomes Markdown, with no tag left and no text lost."""

from __future__ import annotations

import csv
import html
import re

import pytest
from markdown_it import MarkdownIt

from filmlog.html_markdown import html_to_markdown

# A tag as HTML would read it; a backslash-escaped "\<b>" is literal text in Markdown.
TAG = re.compile(r"(?<!\\)</?[A-Za-z][A-Za-z0-9]*(\s[^>]*)?/?>")


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<i>Heat</i> is long", "*Heat* is long"),
        ("<em>Heat</em>", "*Heat*"),
        ("<b>KIEFO LOL</b>", "**KIEFO LOL**"),
        ("<strong>Examining.</strong>", "**Examining.**"),
        ("a<i> spaced </i>b", "a *spaced* b"),
        ("<b><i>both</i></b>", "***both***"),
        ("one<br>two<br/>three", "one\\\ntwo\\\nthree"),
        ("<p>First.</p><p>Second.</p>", "First.\n\nSecond."),
        (
            "<blockquote>Quoted\nover two lines</blockquote>Mine.",
            "> Quoted\\\n> over two lines\n\nMine.",
        ),
        (
            'See <a href="https://letterboxd.com/film/jaws/" rel="nofollow">Jaws</a>.',
            "See [Jaws](https://letterboxd.com/film/jaws/).",
        ),
        (
            "See <a href='https://letterboxd.com/film/greyhound/'><em>Greyhound</em></a>",
            "See [*Greyhound*](https://letterboxd.com/film/greyhound/)",
        ),
        ('<a href="https://example.com/x">https://example.com/x</a>', "<https://example.com/x>"),
        ('<a href="https://e.com/a b">spaced</a>', "[spaced](<https://e.com/a b>)"),
        ("<a>no target</a>", "no target"),
        ("It&#39;s &quot;fine&quot; &amp; good", 'It\'s "fine" & good'),
        ("&lt;b&gt;literal&lt;/b&gt;", "\\<b>literal\\</b>"),
        ("<3 u, Val.", "<3 u, Val."),
        ("<span>kept</span> <u>text</u>", "kept text"),
        ("unclosed <i>emphasis", "unclosed *emphasis*"),
        ("stray </b> end", "stray  end"),
        ("line one\r\nline two\r\n\r\n\r\nnext", "line one\\\nline two\n\nnext"),
        ("sad 😢 shrug 🤷", "sad 😢 shrug 🤷"),
        ("* a list the user typed\n* kept", "* a list the user typed\n* kept"),
        ("", ""),
    ],
)
def test_tags_become_markdown(html, markdown):
    assert html_to_markdown(html) == markdown


def test_emphasis_does_not_span_paragraphs():
    assert html_to_markdown("<i>one\n\ntwo</i>") == "*one*\n\n*two*"


def test_a_blockquote_with_paragraphs_stays_one_quote():
    text = html_to_markdown("<blockquote><p>One.</p><p>Two.</p></blockquote>After")
    assert text == "> One.\n>\n> Two.\n\nAfter"


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("God bless America!\nAnd Tom Cruise!", "God bless America!\\\nAnd Tom Cruise!"),
        ("<i>one\ntwo</i>", "*one\\\ntwo*"),
        (
            "- a list\n- stays one\n\n1. as do\n2. these",
            "- a list\n- stays one\n\n1. as do\n2. these",
        ),
        ("a list item\n- starts a list", "a list item\n- starts a list"),
        ("ends with a break\\\nalready", "ends with a break\\\nalready"),
        ("a `code span\nacross lines` stays", "a `code span\nacross lines` stays"),
        ("one line", "one line"),
    ],
)
def test_single_line_breaks_stay_line_breaks(text, markdown):
    assert html_to_markdown(text) == markdown


def test_line_breaks_render_as_letterboxd_shows_them():
    md = MarkdownIt("commonmark")
    quoted = md.render(
        html_to_markdown("<blockquote>\n[clucking]\n[screams]\n</blockquote>Love it.")
    )
    assert quoted == (
        "<blockquote>\n<p>[clucking]<br />\n[screams]</p>\n</blockquote>\n<p>Love it.</p>\n"
    )
    plain = md.render(html_to_markdown("Line one\r\nline two\r\n\r\nNew paragraph."))
    assert plain == "<p>Line one<br />\nline two</p>\n<p>New paragraph.</p>\n"


def test_link_text_with_brackets_is_escaped():
    assert html_to_markdown('<a href="https://x.org">[he]</a>') == "[\\[he\\]](https://x.org)"


def test_markdown_renders_the_tags_meaning():
    md = MarkdownIt("commonmark")
    html = md.render(
        html_to_markdown(
            "<p><b>Bold</b> and <i>italic</i>, a <a href='https://e.org/'>link</a>.</p>"
            "<blockquote>quote</blockquote>"
        )
    )
    assert "<strong>Bold</strong>" in html
    assert "<em>italic</em>" in html
    assert '<a href="https://e.org/">link</a>' in html
    assert "<blockquote>" in html


def test_real_reviews_lose_no_tag_no_emoji_and_no_line_break(real_data):
    md = MarkdownIt("commonmark")
    checked = 0
    for user in ("lbx-patrickmjones", "lbx-extratone"):
        path = real_data / user / "reviews.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                source = row["Review"]
                markdown = html_to_markdown(source)
                assert not TAG.search(markdown), (user, row["Name"], markdown[:200])
                assert "&#39;" not in markdown and "&quot;" not in markdown
                assert "\r" not in markdown
                breaks = [c.type for t in md.parse(markdown) for c in t.children or ()]
                assert "softbreak" not in breaks, (row["Name"], "a line break would be lost")
                emoji = {c for c in source if ord(c) > 0xFFFF}
                assert emoji <= set(markdown), (user, row["Name"])
                text = html.unescape(re.sub(r"<[^>]+>", " ", source))
                missing = [w for w in re.findall(r"\w{4,}", text) if w not in markdown]
                assert not missing, (row["Name"], missing[:5])
                checked += 1
    assert checked == 162 + 127
