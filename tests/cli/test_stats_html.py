"""``stats --html FILE``: the page's figures are those of ``--json`` (read back with
html.parser), it is self-contained, user text is escaped, reviews are Markdown without
raw HTML, and it loads in a real headless Chromium without a console error and draws
something (light and dark, desktop and phone)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from filmlog.export.html_stats import page
from filmlog.models import CastMember, Film, Watch
from filmlog.store import Store
from tests.helpers import REAL_DATA, invoke

D = dt.date
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
NASTY = '<script>alert("x")</script> & [bold]'
REVIEW = (
    "A *slow* burn.\n\n<img src=x onerror=alert(1)>\n\n"
    "[home](javascript:alert(1)) and **more** <b>raw</b>\n"
)


class Page(HTMLParser):
    """What a test needs of the page: tags, attributes, text, by element."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.text_of: dict[int, str] = {}
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self.text_of[len(self.elements) - 1] = ""

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self.elements:
            self.text_of[len(self.elements) - 1] += data

    def having(self, attr: str, tag: str | None = None) -> list[dict[str, str | None]]:
        return [a for t, a in self.elements if attr in a and (tag is None or t == tag)]

    def figure(self, key: str) -> str:
        for n, (_, attrs) in enumerate(self.elements):
            if attrs.get("data-figure") == key:
                return self.text_of[n]
        raise KeyError(key)

    def section(self, slug: str) -> list[dict[str, str | None]]:
        """Attributes of the elements inside the section with this id."""
        inside, found = False, []
        for tag, attrs in self.elements:
            if tag == "section":
                inside = attrs.get("id") == slug
                continue
            if inside:
                found.append(attrs)
        return found


def bars(attrs: list[dict[str, str | None]]) -> dict[str, int]:
    return {str(a["data-key"]): int(str(a["data-count"])) for a in attrs if "data-key" in a}


@pytest.fixture
def year_journal(journal: Path) -> Path:
    films = [
        Film(
            id="heat-1995",
            title="Heat",
            year=1995,
            directors=("Michael Mann",),
            genres=("Crime",),
            runtime=170,
            cast=(CastMember("Al Pacino"),),
        ),
        Film(id="thief-1981", title="Thief", year=1981, directors=("Michael Mann",), runtime=122),
        Film(id="nasty", title=NASTY, year=2001, directors=(NASTY,), runtime=90),
    ]
    viewings = [
        Watch(0, "heat-1995", D(2024, 1, 5), rating=4.5, medium="cinema", where="BFI"),
        Watch(0, "heat-1995", D(2024, 1, 6), rating=5, rewatch=True, review=REVIEW),
        Watch(0, "thief-1981", D(2024, 3, 2), rating=4, tags=("35mm",), with_=("Sam",)),
        Watch(0, "nasty", D(2024, 7, 14), rating=4.5, where=NASTY, review=NASTY, spoilers=True),
        Watch(0, "thief-1981", D(2023, 7, 14), rating=3),
    ]
    with Store.transaction(journal) as store:
        store.save_films(films)
        store.add_watches(viewings)
    return journal


def write_page(tmp_path: Path, *args: str) -> tuple[str, dict[str, Any]]:
    out = tmp_path / "review.html"
    result = invoke(["stats", *args, "--html", str(out)])
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    assert f"Wrote {out}" in result.stderr
    doc = invoke(["stats", *args, "--json"]).json()
    return out.read_text(encoding="utf-8"), doc


def test_the_page_shows_the_figures_of_json(year_journal, tmp_path) -> None:
    text, doc = write_page(tmp_path, "--year", "2024")
    html = Page(text)
    assert html.figure("watches") == str(doc["watches"]) == "4"
    assert html.figure("films") == str(doc["films"])
    assert html.figure("first_watches") == str(doc["first_watches"])
    assert html.figure("rewatches") == str(doc["rewatches"])
    assert html.figure("hours") == f"{doc['hours']:g}"
    assert html.figure("average_rating") == f"{doc['average_rating']:.2f}"
    # The calendar: a square for every day of 2024, each with the count of --json.
    days = {str(a["data-day"]): int(str(a["data-count"])) for a in html.having("data-day")}
    assert len(days) == 366
    assert {d: n for d, n in days.items() if n} == doc["days"]
    assert bars(html.section("ratings")) == doc["ratings"]
    assert bars(html.section("months")) == doc["by_month"]
    assert bars(html.section("weekdays")) == doc["weekdays"]
    assert bars(html.section("decades")) == {k: v["films"] for k, v in doc["decades"].items()}
    assert bars(html.section("directors")) == {d["name"]: d["count"] for d in doc["directors"]}
    assert bars(html.section("how")) == doc["media"]
    best = [a["data-film"] for a in html.section("highest-rated") if "data-film" in a]
    assert best == [f["film"] for f in doc["highest_rated"]]
    reviewed = [a["data-film"] for a in html.section("reviews") if "data-film" in a]
    assert reviewed == [r["film"] for r in doc["best_reviews"]] == ["heat-1995", "nasty"]


def test_the_page_is_self_contained_and_escapes_user_text(year_journal, tmp_path) -> None:
    text, _ = write_page(tmp_path, "--year", "2024")
    html = Page(text)
    tags = {tag for tag, _ in html.elements}
    assert "script" not in tags
    assert "link" not in tags
    assert "img" not in tags
    assert not html.having("src")
    assert "@import" not in text and "url(" not in text
    assert "Content-Security-Policy" in text and "default-src 'none'" in text
    assert any(
        a.get("name") == "viewport" and "width=device-width" in str(a.get("content"))
        for a in html.having("name", "meta")
    )
    assert "prefers-color-scheme: dark" in text
    # The title, a director, a place and a review typed with markup are text.
    assert NASTY in "".join(html.texts)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; [bold]" in text
    # The review is Markdown: emphasis renders, raw HTML and javascript: links do not.
    assert "<em>slow</em>" in text and "<strong>more</strong>" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "&lt;b&gt;raw&lt;/b&gt;" in text
    assert not [a for a in html.having("href") if "javascript" in str(a["href"])]


def test_a_review_with_spoilers_is_folded_away(year_journal, tmp_path) -> None:
    text, doc = write_page(tmp_path, "--year", "2024")
    assert [r["spoilers"] for r in doc["best_reviews"]] == [False, True]
    # Past the heading (the title), the review's text comes inside the fold.
    body = text.split('<article data-film="nasty">')[1].split("</h3>")[1].split("</article>")[0]
    assert body.startswith("\n<details><summary>Contains spoilers</summary>")
    assert body.index("&lt;script&gt;") > body.index("<summary>")
    assert body.rstrip().endswith("</details>")
    heat = text.split('<article data-film="heat-1995">')[1].split("</article>")[0]
    assert "<details>" not in heat


def test_html_to_stdout_and_not_with_json(year_journal) -> None:
    result = invoke(["stats", "--year", "2024", "--html", "-"])
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert Page(result.stdout).figure("watches") == "4"
    both = invoke(["stats", "--html", "-", "--json"])
    assert both.code == 2
    assert "--html and --json" in both.stderr
    assert both.stdout == ""


def test_a_page_of_a_period_without_viewings_still_renders(year_journal, tmp_path) -> None:
    text, doc = write_page(tmp_path, "--year", "2010")
    assert doc["watches"] == 0
    html = Page(text)
    assert html.figure("watches") == "0"
    assert "No viewings in this period" in text
    assert len(html.having("data-day")) == 365


def test_html_refuses_a_folder_and_the_journal_itself(year_journal, tmp_path) -> None:
    before = year_journal.read_bytes()
    folder = invoke(["stats", "--html", str(tmp_path)])
    assert folder.code == 2 and "is a folder" in folder.stderr
    itself = invoke(["stats", "--html", str(year_journal)])
    assert itself.code == 2 and "journal's own file" in itself.stderr
    assert year_journal.read_bytes() == before


def test_the_page_module_stays_clear_of_rich() -> None:
    code = (
        "import sys, filmlog.export.html_stats as h, filmlog.stats;"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'rich'], 'rich imported'"
    )
    result = subprocess.run(
        [__import__("sys").executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_page_renders_straight_from_a_json_document() -> None:
    empty: dict[str, Any] = {
        "period": {"from": None, "to": None, "first_watched": None, "last_watched": None},
        "watches": 0,
        "films": 0,
        "rewatches": 0,
        "dnf": 0,
        "hours": 0,
        "missing_runtime": 0,
        "average_rating": None,
        "ratings": {},
        "by_year": {},
        "by_month": {},
        "media": {},
        "where": [],
        "streak": None,
        "by": "films",
        "directors": [],
        "actors": [],
        "genres": [],
        "countries": [],
        "tags": [],
        "companions": [],
        "first_watches": 0,
        "highest_rated": [],
        "most_watched": [],
        "decades": {},
        "release_years": {},
        "unfinished": [],
        "longest_film": None,
        "shortest_film": None,
        "milestones": [],
        "days": {},
        "weekdays": {},
        "best_reviews": [],
    }
    text = page(empty, made=D(2025, 1, 1))
    assert "<h1>Films: all time</h1>" in text
    assert "2025-01-01" in text


# --------------------------------------------------------------------------- a real browser


def _driver(width: int, height: int) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return options, Service(executable_path=str(CHROMEDRIVER))


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip(
            "chromium and chromedriver are not installed (Debian: apt-get install chromium "
            "chromium-driver)"
        )
    pytest.importorskip("selenium", reason="selenium is a dev extra: pip install -e '.[dev]'")
    from selenium import webdriver

    drivers = []

    def start(width: int = 1200, height: int = 1600) -> Any:
        options, service = _driver(width, height)
        options.add_argument(f"--user-data-dir={tmp_path / f'profile-{len(drivers)}'}")
        driver = webdriver.Chrome(options=options, service=service)
        drivers.append(driver)
        return driver

    yield start
    for driver in drivers:
        driver.quit()


def distinct_colours(png: bytes) -> int:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    return len(colours or ())


def real_page(tmp_path: Path) -> Path:
    """A page of a real year: extratone's 2021, imported from the export."""
    if not REAL_DATA.is_dir():
        pytest.skip(f"real exports not found at {REAL_DATA}")
    assert invoke(["import", "letterboxd", str(REAL_DATA / "lbx-extratone")]).code == 0
    out = tmp_path / "2021.html"
    result = invoke(["stats", "--year", "2021", "--html", str(out)])
    assert result.code == 0, result.stderr
    return out


def test_the_page_loads_in_chromium_without_errors_and_draws(browser, tmp_path) -> None:
    out = real_page(tmp_path)
    driver = browser()
    driver.get(out.as_uri())
    assert driver.title == "2021 in film"
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    # The calendar drew its 365 squares with a size.
    squares = driver.execute_script(
        "return [...document.querySelectorAll('rect[data-day]')]"
        ".filter(r => r.getBoundingClientRect().width > 0).length"
    )
    assert squares == 365
    png = driver.get_screenshot_as_png()
    assert distinct_colours(png) > 16, "the screenshot is (nearly) blank"
    light = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": "dark"}]},
    )
    dark = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    assert light != dark
    assert distinct_colours(driver.get_screenshot_as_png()) > 16


def test_the_page_fits_a_phone(browser, tmp_path) -> None:
    out = real_page(tmp_path)
    driver = browser()
    # A phone: 390 CSS pixels wide, as mobile (so the viewport meta tag counts).
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True},
    )
    driver.get(out.as_uri())
    width = driver.execute_script("return window.innerWidth")
    assert width <= 400
    # Nothing makes the page wider than the phone (the calendar scrolls in its box).
    assert driver.execute_script("return document.documentElement.scrollWidth") <= width
    calendar = driver.execute_script(
        "const box = document.getElementById('heatmap');"
        "return [box.scrollWidth, box.clientWidth,"
        " document.querySelector('rect[data-day]').getBoundingClientRect().width]"
    )
    assert calendar[0] > calendar[1], "the calendar scrolls in its box"
    assert calendar[2] >= 8, "its squares stay big enough to see"
    assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
    assert distinct_colours(driver.get_screenshot_as_png()) > 16
