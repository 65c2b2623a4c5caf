"""Review Markdown for the terminal: the fast parser reads exactly what markdown-it reads,
every construct has its look, odd text and narrow widths come out whole, and an ordinary
review is rendered without importing Rich or markdown-it."""

from __future__ import annotations

import csv
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from filmlog import screen
from filmlog.importers.html import html_to_markdown
from filmlog.screen import Text
from filmlog.terminal_markdown import (
    Block,
    CodeBlock,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Quote,
    Span,
    Table,
    blocks,
    parse_fast,
    parse_full,
    render_markdown,
)

# --------------------------------------------------------------------------- generator

# Review-like text from a Markdown-ish alphabet: words of several scripts and widths,
# emphasis marks, brackets, backticks, entities, escapes, autolinks and HTML-looking text.
WORDS = [
    "Heat", "film", "a", "the", "Salò", "8½", "🎉", "[REC]²", "x1", "don’t", "(Mann)",
    "Amélie", "snake_case", "1995.", "—", "«vu»", "…", "七人の侍", "&", "Ça",
]  # fmt: skip
PLAIN_URLS = [
    "https://x.com", "https://en.wikipedia.org/wiki/Heat_(1995_film)", "http://e.com/a?b=1&c=2",
    "/rel", "https://x.com/%C3%A9", "mailto:me@x.com", "<https://x.com/a_(b>",
]  # fmt: skip
URLS = [
    *PLAIN_URLS, "javascript:alert(1)", "https://x.com/a b",
    "<https://x.com/a_(b>", "https://x.com/&amp;", "https://x.com/a\\_b", "https://XN--bcher-kva.ch",
    "https://x.com/é", "(u)", "https://x.com 'title'",
]  # fmt: skip
LOOSE = [
    "*", "_", "**", "__", "***", "[", "]", "](", ")", "(", "`", "``", "<", ">", "&", "&amp;",
    "&#39;", "&copy;", "&bogus;", "&#0;", "&#x1F600;", "\\", "\\*", "\\_", "\\[", "\\a", "~", "a*b",
    "~~", "!", "![", "#", "|", "-", ":", "<b>", "</i>", "<me@x.com>", "<https://example.com>",
    "&nbsp;", "\xa0", "'", '"', ".", ",",
]  # fmt: skip
PREFIXES = [
    "> ", ">", "- ", "* ", "+ ", "1. ", "2. ", "1) ", " ", "  ", "   ", "    ", "# ", "## ",
    "> - ", "- > ", "  - ", "10. ", ">> ", " - ", "   1. ", "-  ", "---", "***", "|---|", "```",
    "==", "[a]: /u", "#", "####### ", "\t",
]  # fmt: skip
SUFFIXES = ["  ", "\\", " ", " #", "\xa0"]


def _inline(rnd: random.Random, wild: bool, depth: int = 0) -> str:
    parts: list[str] = []
    for _ in range(rnd.randint(1, 6)):
        pick = rnd.random()
        if pick < 0.42:
            word = rnd.choice(WORDS)
            parts.append(word if wild or depth < 2 else word.strip("[]"))
        elif pick < 0.52 and depth < 2:
            if wild:
                mark = rnd.choice(["*", "_", "**", "__", "*", "**", "***"])
                close = rnd.choice([mark, mark, mark, mark, "", "*", "_"])
            else:  # one family a level, so that nested marks do not run together
                close = mark = rnd.choice([["*", "**", "***"], ["_", "__"]][depth])
            parts.append(mark + _inline(rnd, wild, depth + 1) + close)
        elif pick < 0.6 and depth < 2:
            url = rnd.choice(URLS if wild else PLAIN_URLS)
            parts.append(f"[{_inline(rnd, wild, 2)}]({url})")
        elif pick < 0.65:
            if wild:
                code = rnd.choice([*WORDS, " x ", "*a*", "``", " ", "[a](b)"])
                parts.append("`" + code + rnd.choice(["`", "`", "`", "``"]))
            else:
                parts.append("`" + rnd.choice([*WORDS[:6], " x ", "*a*", "a_b"]) + "`")
        elif pick < 0.67:
            parts.append("<" + rnd.choice(URLS if wild else PLAIN_URLS[:4]).strip("<>") + ">")
        elif pick < 0.72 and wild:
            parts.append(rnd.choice(LOOSE))
        else:
            parts.append(" ")
        if rnd.random() < 0.6:
            parts.append(" ")
    return "".join(parts).strip(" ") or "x"


def _paragraph(rnd: random.Random, wild: bool) -> list[str]:
    ends = ["", "", "", "", "  ", "\\", " "]
    lines = [_inline(rnd, wild) + rnd.choice(ends) for _ in range(3)]
    return lines[: rnd.randint(1, 3)]


def _block(rnd: random.Random, wild: bool, depth: int) -> list[str]:
    pick = rnd.random()
    if pick < 0.45 or depth > 2:
        return _paragraph(rnd, wild)
    if pick < 0.55:
        return [rnd.choice(["#", "##", "###"]) + " " + _inline(rnd, wild)]
    if pick < 0.7:
        return [">" + (" " + line if line else "") for line in _blocks(rnd, wild, depth + 1)]
    ordered = rnd.random() < 0.4
    number = rnd.choice([1, 1, 2, 9, 10])
    loose = rnd.random() < 0.3
    indent = rnd.choice(["", "", "", " "])
    lines: list[str] = []
    for offset in range(rnd.randint(1, 4)):
        marker = f"{number + offset}{rnd.choice('..)')}" if ordered else rnd.choice("---*+")
        marker = indent + marker + rnd.choice([" ", " ", " ", "  "])
        nested = rnd.random() < (0.3 if wild else 0.15)
        item = _blocks(rnd, wild, depth + 1) if nested else _paragraph(rnd, wild)
        hanging = " " * len(marker)
        lines.append(marker + item[0])
        lines.extend(hanging + line if line else "" for line in item[1:])
        if loose:
            lines.append("")
    return lines


def _blocks(rnd: random.Random, wild: bool, depth: int = 0) -> list[str]:
    lines: list[str] = []
    for index in range(rnd.randint(1, 3)):
        if index and (rnd.random() < 0.85 if wild else depth == 0 or rnd.random() < 0.3):
            lines.append("")
        lines.extend(_block(rnd, wild, depth))
    return lines


def review_like(rnd: random.Random) -> str:
    """A review: well-formed Markdown, or (often) Markdown gone wild: stray marks,
    unbalanced emphasis, odd addresses, lines with odd prefixes and endings."""
    wild = rnd.random() < 0.3
    lines = _blocks(rnd, wild)
    noise = rnd.choice([0.0, 0.1, 0.3]) if wild else 0.0
    for index, line in enumerate(lines):
        if rnd.random() < noise:
            lines[index] = rnd.choice(PREFIXES) + line
        if rnd.random() < noise:
            lines[index] += rnd.choice(SUFFIXES)
    return "\n".join(lines)


REVIEWS = st.randoms(use_true_random=False).map(review_like)


# --------------------------------------------------------------------------- exactness


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REVIEWS)
def test_what_the_fast_parser_accepts_markdown_it_reads_the_same(text: str) -> None:
    fast = parse_fast(text)
    event("accepted" if fast is not None else "refused")
    if fast is not None:
        assert fast == parse_full(text)


def test_the_generator_makes_the_fast_parser_both_accept_and_refuse() -> None:
    rnd = random.Random(8)
    texts = [review_like(rnd) for _ in range(2000)]
    accepted = 0
    for text in texts:
        fast = parse_fast(text)
        if fast is not None:
            accepted += 1
            assert fast == parse_full(text), text
    share = accepted / len(texts)
    print(f"fast parser accepted {accepted} of {len(texts)} generated reviews ({share:.0%})")
    assert 0.25 <= share <= 0.75


URL_TEXT = st.text(alphabet="ab/:?#@!$&'()*+,;=%-._~AZ09é \\<>[]", max_size=25)


@settings(max_examples=300, deadline=None)
@given(URL_TEXT, st.booleans())
def test_link_addresses_the_fast_parser_takes_are_the_ones_markdown_it_keeps(
    url: str, angle: bool
) -> None:
    text = f"[see](<{url}>) and <{url}>" if angle else f"[see]({url}) and <{url}>"
    fast = parse_fast(text)
    if fast is not None:
        assert fast == parse_full(text)


@pytest.mark.parametrize(
    "text",
    [
        "*a **b** c*",
        "**a *b* c**",
        "***both***",
        "a*b*c and snake_case_name",
        "*“That's it.\"*\\\nnext",
        "*a* *b",
        "**a *b** c*",
        "_a_b_",
        "[*Greyhound*](https://letterboxd.com/film/greyhound/) - [text](<https://e.org/a_(b)>)",
        "[a [b](c) d](e)",
        "[a `]` b](u)",
        "`a``b` and ``c`d``",
        "x &amp; y &#39; &eacute; &bogus; &#0; &#x1F600;",
        "line one  \nline two\\\nline three\nline four",
        "> quote\nlazy line",
        "- item\n\n  second paragraph",
        "- a\n- b\n\n- c",
        " - one\n - two",
        "1. one\n1. two\n10. ten",
        "Text\n1. interrupts\n\nText\n2. does not",
        "# Heading #",
        "Setext\n===",
        "    indented code",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "~~struck~~ and ~single~",
        "![alt](https://x.com/i.png)",
        "[ref]\n\n[ref]: https://x.com",
        "<b>Bold</b> and <https://x.com> and <me@x.com>",
        "\xa0*a*\xa0",
        "# \xa0heading\xa0",
        "a\n\n---\nb\n***\n\n- - -",
        "- a\n- ---",
        "1. a\n2. ---",
        "- ---",
        "> # a\n> ---",
    ],
)
def test_the_fast_parser_is_exact_or_declines_on_tricky_text(text: str) -> None:
    fast = parse_fast(text)
    if fast is not None:
        assert fast == parse_full(text)


def test_the_fast_parser_reads_the_common_constructs() -> None:
    text = (
        "# Heat\n\nA *great* film by **Michael Mann**, see [Heat](https://x.com/heat) "
        "or <https://x.com>, `code` and &amp; \\*.\\\nNext line.\n\n"
        "> a quote\n> goes on\n\n- one\n- two\n  1. nested\n"
    )
    found = parse_fast(text)
    assert found is not None
    assert found == parse_full(text)
    assert [type(block) for block in found] == [Heading, Paragraph, Quote, ListBlock]


@pytest.mark.parametrize(
    "text",
    [
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "```\ncode\n```",
        "    code",
        "Setext\n---",
        "[a]\n\n[a]: /u",
        "*a **b* c**",
        "![alt](i.png)",
        "~~gone~~",
        "> quote\nlazy",
    ],
)
def test_the_fast_parser_declines_what_it_does_not_read(text: str) -> None:
    assert parse_fast(text) is None
    assert blocks(text) == parse_full(text)


# --------------------------------------------------------------------------- real reviews


def _real_reviews(folder: Path) -> list[str]:
    reviews: list[str] = []
    for user in ("lbx-extratone", "lbx-patrickmjones"):
        with (folder / user / "reviews.csv").open(newline="", encoding="utf-8") as file:
            reviews += [html_to_markdown(row["Review"]) for row in csv.DictReader(file)]
    return [review for review in reviews if review]


def _pieces(content: Inline) -> list[str]:
    """The text of inline content, in pieces parted where a link's address goes."""
    pieces: list[str] = []
    for node in content:
        if isinstance(node, str):
            pieces.append(node)
        else:
            pieces += _pieces(node.children)
            if node.kind in ("link", "image"):
                pieces.append(" ")
    return pieces


def _texts(found: tuple[Block, ...] | tuple[tuple[Block, ...], ...]) -> list[str]:
    """The text of every inline node, in order (without link addresses)."""
    texts: list[str] = []
    for block in found:
        if isinstance(block, tuple):
            texts += _texts(block)
        elif isinstance(block, Paragraph | Heading):
            texts += _pieces(block.content)
        elif isinstance(block, Quote):
            texts += _texts(block.blocks)
        elif isinstance(block, ListBlock):
            texts += _texts(block.items)
        elif isinstance(block, CodeBlock):
            texts.append(block.text)
        elif isinstance(block, Table):
            texts += [
                " ".join(_pieces(cell)) for row in (block.header, *block.rows) for cell in row
            ]
    return texts


def _urls(content: Inline | tuple[Block, ...]) -> list[str]:
    found: list[str] = []
    for node in content:
        if isinstance(node, Span):
            found += [node.url, *_urls(node.children)]
        elif isinstance(node, Paragraph | Heading):
            found += _urls(node.content)
        elif isinstance(node, Quote):
            found += _urls(node.blocks)
        elif isinstance(node, ListBlock):
            for item in node.items:
                found += _urls(item)
    return found


def _squeezed(lines: list[Text]) -> str:
    """The rendered text without white space and quote bars: words folded across lines
    join up again."""
    return "".join("".join(line.plain.split()) for line in lines).replace("▌", "")


def assert_whole(text: str, lines: list[Text], width: int) -> None:
    """No line wider than ``width``, every word in order, no markup characters added."""
    assert all(line.cell_len <= width for line in lines), [line.plain for line in lines]
    assert not lines or (lines[0].plain and lines[-1].plain)
    found = blocks(text)
    squeezed = _squeezed(lines)
    at = 0
    for word in " ".join(_texts(found)).split():
        at = squeezed.find(word, at)
        assert at >= 0, (word, text)
        at += len(word)
    rendered = "".join(line.plain for line in lines)
    written = "".join(_texts(found))
    addresses = "".join(_urls(found))
    for mark in "*_#`":
        assert written.count(mark) <= rendered.count(mark), (mark, text)
        assert rendered.count(mark) <= written.count(mark) + addresses.count(mark), (mark, text)


def test_real_reviews_render_whole_at_80_and_40_columns(real_data: Path) -> None:
    reviews = _real_reviews(real_data)
    accepted = 0
    for review in reviews:
        fast = parse_fast(review)
        if fast is not None:
            accepted += 1
            assert fast == parse_full(review)
        for width in (80, 40):
            assert_whole(review, render_markdown(review, width), width)
    share = accepted / len(reviews)
    print(f"fast parser accepted {accepted} of {len(reviews)} real reviews ({share:.0%})")
    assert share >= 0.95


# --------------------------------------------------------------------------- the look


def runs(lines: list[Text]) -> list[tuple[str, str]]:
    return [run for line in lines for run in line.runs]


def plains(lines: list[Text]) -> list[str]:
    return [line.plain for line in lines]


def test_emphasis_is_italic_and_strong_text_bold_on_their_own_words() -> None:
    lines = render_markdown("A *great* film by **Michael Mann**, _truly_ __so__.", 80)
    assert plains(lines) == ["A great film by Michael Mann, truly so."]
    assert ("great", "3") in runs(lines)
    assert ("Michael Mann", "1") in runs(lines)
    assert ("truly", "3") in runs(lines)
    assert ("so", "1") in runs(lines)
    assert ("A ", "") in runs(lines)


def test_nested_emphasis_combines_styles() -> None:
    lines = render_markdown("**bold *both* bold** and ***all***", 80)
    assert ("both", "1;3") in runs(lines)
    assert ("all", "3;1") in runs(lines)


def test_strikethrough_and_code_spans() -> None:
    lines = render_markdown("~~gone~~ and `code *here*`", 80)
    assert plains(lines) == ["gone and code *here*"]
    assert ("gone", "9") in runs(lines)
    assert ("code *here*", "36") in runs(lines)


def test_a_link_shows_its_text_underlined_then_its_address_dimmed() -> None:
    lines = render_markdown("See [Heat](https://x.com/heat) now.", 80)
    assert plains(lines) == ["See Heat (https://x.com/heat) now."]
    assert ("Heat", "4") in runs(lines)
    assert (" (https://x.com/heat)", "2") in runs(lines)


def test_a_link_whose_text_is_its_address_shows_it_once() -> None:
    for text in ("<https://x.com/a>", "[https://x.com/a](https://x.com/a)"):
        assert plains(render_markdown(text, 80)) == ["https://x.com/a"]
    assert plains(render_markdown("<me@x.com>", 80)) == ["me@x.com"]


def test_an_address_with_encoded_letters_shows_the_letters() -> None:
    lines = render_markdown("[Amélie](https://fr.wikipedia.org/wiki/Am%C3%A9lie)", 80)
    assert plains(lines) == ["Amélie (https://fr.wikipedia.org/wiki/Amélie)"]


def test_an_image_shows_its_alt_text_and_address() -> None:
    lines = render_markdown("![The poster](https://x.com/p.jpg)", 80)
    assert plains(lines) == ["The poster (https://x.com/p.jpg)"]


def test_headings_are_bold_without_their_hashes() -> None:
    lines = render_markdown("# Heat\n\n## The *heist*\n\nText", 80)
    assert plains(lines) == ["Heat", "", "The heist", "", "Text"]
    assert lines[0].runs == [("Heat", "1;4")]
    assert ("heist", "1;3") in lines[2].runs


def test_paragraphs_wrap_and_stand_one_blank_line_apart() -> None:
    lines = render_markdown("one two three four five six\n\nseven", 12)
    assert plains(lines) == ["one two", "three four", "five six", "", "seven"]


def test_soft_breaks_join_lines_and_hard_breaks_keep_them() -> None:
    assert plains(render_markdown("one\ntwo", 80)) == ["one two"]
    assert plains(render_markdown("one\\\ntwo", 80)) == ["one", "two"]
    assert plains(render_markdown("one  \ntwo", 80)) == ["one", "two"]


def test_every_line_of_a_quote_has_the_bar_even_wrapped_ones() -> None:
    text = "> The quote goes on and on for long enough to wrap.\n>\n> Second paragraph."
    lines = render_markdown(text, 20)
    assert len(lines) > 4
    assert all(line.plain.startswith("▌") for line in lines)
    assert all(line.runs[0] == ("▌ ", "35") or line.runs == [("▌", "35")] for line in lines)
    assert "▌" in plains(lines)
    assert all(line.cell_len <= 20 for line in lines)


def test_nested_quotes_stack_their_bars() -> None:
    assert plains(render_markdown("> outer\n>\n> > inner", 40)) == [
        "▌ outer",
        "▌",
        "▌ ▌ inner",
    ]


def test_list_items_hang_under_their_first_line() -> None:
    text = "- first item that is long enough to wrap\n- second"
    assert plains(render_markdown(text, 20)) == [
        "• first item that is",
        "  long enough to",
        "  wrap",
        "• second",
    ]


def test_ordered_items_keep_their_numbers_aligned() -> None:
    text = "\n".join(f"{n}. item {n}" for n in range(9, 12))
    assert plains(render_markdown(text, 40)) == [" 9. item 9", "10. item 10", "11. item 11"]
    assert plains(render_markdown("3. three\n1. four", 40)) == ["3. three", "4. four"]


def test_nested_lists_indent_further() -> None:
    text = "- one\n  - nested with words that wrap\n    1. deeper\n- two"
    assert plains(render_markdown(text, 24)) == [
        "• one",
        "  • nested with words",
        "    that wrap",
        "    1. deeper",
        "• two",
    ]


def test_a_loose_list_keeps_blank_lines_between_items() -> None:
    assert plains(render_markdown("- one\n\n- two", 40)) == ["• one", "", "• two"]
    assert plains(render_markdown("- one\n- two", 40)) == ["• one", "• two"]


def test_code_blocks_stay_verbatim_indented_cyan_and_fold_long_lines() -> None:
    text = "```\nfor x  in  y:\n\n    print(x)  # a comment long enough to fold\n```"
    lines = render_markdown(text, 30)
    assert plains(lines) == [
        "    for x  in  y:",
        "",
        "        print(x)  # a comment ",
        "    long enough to fold",
    ]
    assert lines[0].runs == [("    ", ""), ("for x  in  y:", "36")]
    assert plains(render_markdown("    indented code", 30)) == ["    indented code"]


def test_a_thematic_break_is_a_dim_rule_across_the_width() -> None:
    lines = render_markdown("above\n\n***\n\nbelow", 12)
    assert lines[2].runs == [("─" * 12, "2")]


def test_a_table_is_laid_out_in_columns() -> None:
    text = "| Film | Year |\n|:-----|-----:|\n| Heat | 1995 |\n| *Ran* | 1985 |"
    lines = render_markdown(text, 40)
    assert plains(lines) == ["Film  Year", "──────────", "Heat  1995", "Ran   1985"]
    assert ("Film", "1") in runs(lines)
    assert ("Ran", "3") in runs(lines)


def test_a_wide_table_shares_the_width_and_a_narrow_one_is_listed() -> None:
    text = "| Title | Notes |\n|---|---|\n| Heat | " + "words " * 20 + "|"
    lines = render_markdown(text, 30)
    assert all(line.cell_len <= 30 for line in lines)
    assert "words" in lines[-1].plain
    many = "| a | b | c | d | e |\n|---|---|---|---|---|\n| 1 | 2 | 3 | 4 | 5 |"
    assert plains(render_markdown(many, 12)) == ["a: 1", "b: 2", "c: 3", "d: 4", "e: 5"]


# --------------------------------------------------------------------------- odd text


@pytest.mark.parametrize(
    "text",
    [
        "[REC]²",
        "8½",
        "Salò, or the 120 Days of Sodom",
        "Heat [/] x",
        "[bold]not markup[/bold]",
        "<b>Bold</b>",
        "七人の侍",
        "Nausicaä of the Valley of the Wind",
    ],
)
def test_odd_text_prints_literally(text: str) -> None:
    assert plains(render_markdown(text, 80)) == [text]


def test_wide_characters_wrap_by_their_cells() -> None:
    lines = render_markdown("🎉" * 12, 10)
    assert plains(lines) == ["🎉" * 5, "🎉" * 5, "🎉" * 2]
    lines = render_markdown("七人の侍 " * 6, 10)
    assert all(line.cell_len <= 10 for line in lines)
    assert "".join(plains(lines)).replace(" ", "") == "七人の侍" * 6


def test_a_long_word_is_folded() -> None:
    word = "Supercalifragilistic" * 3
    lines = render_markdown(f"> see {word}", 20)
    assert all(line.cell_len <= 20 for line in lines)
    assert _squeezed(lines) == "see" + word


def test_control_characters_never_reach_the_terminal() -> None:
    texts = (
        "red \x1b[31mtext\x07",
        "| a |\n|---|\n| \x1b[2J |",
        "```\n\x1b]0;x\x07\n```",
        "a\x85b",
    )
    for text in texts:
        lines = render_markdown(text, 40)
        assert lines
        for line in lines:
            output = re.sub(r"\x1b\[[0-9;]*m", "", line.render(True))
            assert not re.search(r"[\x00-\x1f\x7f-\x9f]", output), output


def test_a_4000_word_review_comes_out_whole() -> None:
    rnd = random.Random(4)
    paragraphs = []
    for _ in range(40):
        words = [rnd.choice(WORDS[:12]) for _ in range(100)]
        words[rnd.randrange(100)] = "*emphasis*"
        words[rnd.randrange(100)] = "[a link](https://x.com/a)"
        paragraphs.append(" ".join(words))
    text = "\n\n".join(paragraphs)
    assert parse_fast(text) is not None
    for width in (80, 33):
        assert_whole(text, render_markdown(text, width), width)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REVIEWS, st.integers(10, 100))
def test_any_review_fits_any_width_from_10(text: str, width: int) -> None:
    assert_whole(text, render_markdown(text, width), width)


def test_widths_below_10_still_fit() -> None:
    text = "> - **1.** a quote in a list\n>   > nested [link](https://x.com)\n\n```\ncode\n```"
    for width in range(1, 10):
        assert all(line.cell_len <= width for line in render_markdown(text, width))


def test_an_empty_review_has_no_lines() -> None:
    assert render_markdown("", 80) == []
    assert render_markdown("\n\n  \n", 80) == []


# --------------------------------------------------------------------------- imports

_PROBE = """
import json, sys
from filmlog.terminal_markdown import render_markdown
lines = render_markdown(sys.argv[1], 60)
loaded = [name for name in sys.modules if name.split(".")[0] in ("rich", "markdown_it")]
print(json.dumps({"lines": [line.plain for line in lines], "loaded": sorted(loaded)}))
"""


def _probe(review: str) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, review], capture_output=True, text=True, check=True
    )
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


def test_an_ordinary_review_needs_neither_rich_nor_markdown_it() -> None:
    review = (
        "A *taut* film by **Michael Mann**: see [his page](https://x.com/mann).\n\n"
        "> The action is the juice.\n\nTwo things:\n\n- the score\n- the heist"
    )
    result = _probe(review)
    assert result["loaded"] == []
    assert "▌ The action is the juice." in result["lines"]
    assert "• the heist" in result["lines"]


def test_a_review_with_a_table_uses_markdown_it_and_still_renders() -> None:
    result = _probe("| Film | Year |\n|---|---|\n| Heat | 1995 |")
    assert "markdown_it" in result["loaded"]
    assert not any(name.startswith("rich") for name in result["loaded"])
    assert result["lines"][-1].split() == ["Heat", "1995"]


def test_screen_widths_are_what_the_renderer_measures() -> None:
    # The renderer's folding of code and the screen's measure agree on wide characters.
    lines = render_markdown("```\n" + "界" * 30 + "\n```", 20)
    assert all(screen.cell_len(line.plain) <= 20 for line in lines)
