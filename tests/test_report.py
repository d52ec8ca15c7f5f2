"""The review page: escaping, counts and self-containment checked on the HTML, then its behaviour in
headless Chromium (Debian's /usr/bin/chromium driven by Playwright; missing, the browser tests fail)."""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import figures
from figures import Document, Figure
from figures.export.report import figure_ref, render, write_report

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "build" / "screenshots" / "report.png"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

HOSTILE_TEXT = ("Officials said 12 drones hit the city <script>window.__pwned = 1</script> overnight, and 3 people "
                'were injured. <img src=x onerror="window.__pwned = 2"> Later, more than 40 missiles were fired.')
HOSTILE_ENTITY = '<img src=x onerror="window.__pwned = 3">'
HOSTILE_SPEAKER = "</script><script>window.__pwned = 4</script>"

Item = tuple[Document, list[Figure]]


def _figure(doc: Document, start: int, end: int, **fields: object) -> Figure:
    """A hand-made figure over ``doc.text[start:end]``."""
    values = {"value": Decimal("1"), "category": "other", **fields}
    return Figure(id=f"{doc.id}@{start}-{end}", doc=doc.id, surface=doc.text[start:end], start=start, end=end,
                  sentence=doc.text, **values)  # type: ignore[arg-type]


@functools.cache
def _seeds_once() -> tuple[Item, ...]:
    return tuple(item for item in figures.extract_many([ROOT / "seeds"]) if isinstance(item, tuple))


def _seeds() -> list[Item]:
    return list(_seeds_once())


def _hostile() -> Item:
    """A document whose text and fields try to run script; one hand-made figure carries hostile fields."""
    doc = Document(id="hostile <b>doc</b>", text=HOSTILE_TEXT)
    found = figures.extract_document(doc)
    at = HOSTILE_TEXT.index("more than 40")
    planted = _figure(doc, at, at + len("more than 40"), value=Decimal("40"), entity=HOSTILE_ENTITY,
                      speaker=HOSTILE_SPEAKER, category="attack", time_text="<i>today</i>",
                      time_start="2025-05-01", time_end="2025-05-05T12:00:00+03:00")
    return doc, [f for f in found if f.start != at] + [planted]


def _handwritten() -> Item:
    """A short article with overlapping, nested, identical and empty spans, given out of order."""
    doc = Document(id="handwritten", text="Between 10 and 15 drones, about 200 people, 7 days.")
    spans = [(8, 24), (8, 10), (15, 24), (8, 10), (44, 50), (26, 42), (32, 42), (26, 26)]
    return doc, [_figure(doc, s, e, category=c) for (s, e), c in zip(spans, ["attack", "other"] * 4)]


def _corpus() -> list[Item]:
    return [*_seeds(), _handwritten(), _hostile()]


class _Page(HTMLParser):
    """Collects the marks, each article's visible text and the script blocks of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict[str, str | None]] = []
        self.texts: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._depth = 0  # > 0 inside an article's text
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "div" and attributes.get("class") == "text":
            self._depth = 1
            self.texts.append("")
        elif self._depth:
            self._depth += 1
        if tag == "mark":
            self.marks.append(attributes)
        if tag in ("script", "style"):
            self._in = tag
            if tag == "script":
                self.scripts.append((attributes, ""))
            else:
                self.styles.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1
        if tag in ("script", "style"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.texts[-1] += data
        elif self._in == "script":
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)
        elif self._in == "style":
            self.styles[-1] += data


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


# --------------------------------------------------------------------------
# The HTML itself
# --------------------------------------------------------------------------


def test_one_mark_per_figure_and_every_text_unchanged() -> None:
    items = _corpus()
    parsed = _parse(render(items))
    assert len(parsed.marks) == sum(len(fs) for _, fs in items)
    assert parsed.texts == [doc.text for doc, _ in items]
    assert {m["data-id"] for m in parsed.marks} == {f.id for _, fs in items for f in fs}


def test_overlapping_spans_are_clipped_not_nested() -> None:
    doc, found = _handwritten()
    page = render([(doc, found)])
    assert "<mark" not in re.sub(r"<mark[^>]*>[^<]*</mark>", "", page)  # no mark inside another
    assert len(_parse(page).marks) == len(found)


@settings(max_examples=60, deadline=None)
@given(spans=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=12),
       text=st.text(alphabet="ab <>&\"'\n", min_size=30, max_size=40))
def test_any_spans_give_one_mark_each(spans: list[tuple[int, int]], text: str) -> None:
    doc = Document(id="d", text=text)
    found = [Figure(id=f"d@{i}", doc="d", surface="x", start=s, end=s + n, sentence="", value=Decimal(1))
             for i, (s, n) in enumerate(spans)]
    parsed = _parse(render([(doc, found)]))
    assert len(parsed.marks) == len(found)
    assert parsed.texts == [text]


def test_hostile_text_and_fields_are_escaped() -> None:
    page = render([_hostile()])
    for raw in ("<script>window.__pwned", "<img src=x", HOSTILE_SPEAKER, "<b>doc</b>", "<i>today</i>"):
        assert raw not in page
    assert "&lt;script&gt;window.__pwned = " in page and "&lt;/script&gt;" in page
    assert "&lt;b&gt;doc&lt;/b&gt;" in page


def test_embedded_json_cannot_close_its_script_and_reads_back() -> None:
    doc, found = _hostile()
    parsed = _parse(render([(doc, found)]))
    (data_text,) = [text for attributes, text in parsed.scripts if attributes.get("type") == "application/json"]
    assert not set("<>&") & set(data_text)
    data = json.loads(data_text)
    planted = data["figures"][-1]
    assert planted["speaker"] == HOSTILE_SPEAKER
    assert ["Entity", HOSTILE_ENTITY] in planted["fields"]
    assert [f["id"] for f in data["figures"]] == [f.id for f in sorted(found, key=lambda f: (f.start, f.end))]


def test_details_highlight_the_surface_in_its_sentence() -> None:
    parsed = _parse(render(_seeds()))
    (data_text,) = [text for attributes, text in parsed.scripts if attributes.get("type") == "application/json"]
    for figure in json.loads(data_text)["figures"]:
        start, end = figure["mark"]
        assert figure["sentence"][start:end] == figure["surface"]


def test_page_is_self_contained() -> None:
    page = render(_corpus())
    assert not re.search(r"""\b(src|href|action|xlink:href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"<link\b|<iframe\b|<object\b|<embed\b|@import|url\(", page, re.I)
    assert re.search(r"http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", page)
    scripts = _parse(page).scripts
    assert len(scripts) == 2 and all("src" not in attributes for attributes, _ in scripts)


def test_content_security_policy_allows_exactly_the_inline_blocks() -> None:
    page = render(_seeds())
    parsed = _parse(page)
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert found
    policy = found.group(1)

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    (code,) = [text for attributes, text in parsed.scripts if "type" not in attributes]
    assert f"script-src {digest(code)};" in policy
    assert all(digest(style) in policy for style in parsed.styles)


def test_timeline_shows_only_figures_with_a_window() -> None:
    items = _corpus()
    page = render(items)
    chart = re.search(r"<svg.*?</svg>", page, re.S)
    assert chart
    svg = chart.group(0)
    windowed = [f for _, fs in items for f in fs if f.time_start or f.time_end]
    assert 0 < len(windowed) < sum(len(fs) for _, fs in items)
    assert len(re.findall(r'class="window', svg)) == len(windowed)


def test_page_without_windows_or_figures_still_renders() -> None:
    page = render([(Document(id="empty", text="No numbers here."), [])])
    assert "No figure has a time window." in page and "No numbers here." in page
    assert "<mark" not in page


def test_extra_sections_are_added_with_a_toolbar_link() -> None:
    doc, found = _seeds()[0]
    body = f"<p>Contested: {figure_ref(found[1])}</p>"
    page = render([(doc, found)], sections=[("Contested & corroborated <figures>", body)])
    assert '<a href="#extra-0">Contested &amp; corroborated &lt;figures&gt;</a>' in page
    assert body in page
    assert page.index('id="figures"') < page.index('id="extra-0"') < page.index('id="articles"')


def test_write_report_is_atomic_and_counts_figures(tmp_path: Path) -> None:
    items = _seeds()
    path = tmp_path / "report.html"
    assert write_report(iter(items), path) == sum(len(fs) for _, fs in items)
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


# --------------------------------------------------------------------------
# In a browser
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: the review page is tested in Debian's Chromium "
                    "(apt-get install chromium); .ci/run installs it", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def corpus() -> list[Item]:
    return _corpus()


@pytest.fixture(scope="module")
def report(corpus: list[Item], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    write_report(corpus, path)
    return path


@pytest.fixture
def page(browser: Browser, report: Path) -> Iterator[tuple[Page, list[str]]]:
    """A fresh tab on the report, and the console errors and page errors it logs."""
    tab = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(report.as_uri())
    yield tab, errors
    tab.close()


def test_loads_without_errors_and_shows_every_figure(page: tuple[Page, list[str]], corpus: list[Item]) -> None:
    tab, errors = page
    count = sum(len(fs) for _, fs in corpus)
    assert tab.locator("mark.figure").count() == count
    assert tab.locator("#figure-table tbody tr").count() == count
    assert tab.locator("#shown-count").inner_text() == f"{count} of {count} figures"
    assert errors == []


def test_filter_by_category_shows_only_that_category(page: tuple[Page, list[str]], corpus: list[Item]) -> None:
    tab, errors = page
    attacks = sum(f.category == "attack" for _, fs in corpus for f in fs)
    tab.select_option("select#filter-category", "attack")
    visible = tab.locator("#figure-table tbody tr:visible")
    assert visible.count() == attacks > 0
    assert set(visible.evaluate_all("rows => rows.map(r => r.dataset.category)")) == {"attack"}
    assert tab.locator("#shown-count").inner_text() == f"{attacks} of {sum(len(fs) for _, fs in corpus)} figures"
    tab.click("#reset-filters")
    assert tab.locator("#figure-table tbody tr:visible").count() == sum(len(fs) for _, fs in corpus)
    assert errors == []


def test_filter_by_speaker_and_document(page: tuple[Page, list[str]], corpus: list[Item]) -> None:
    tab, errors = page
    tab.select_option("select#filter-speaker", "Vladimir Putin")
    speakers = tab.locator("#figure-table tbody tr:visible").evaluate_all("rows => rows.map(r => r.dataset.speaker)")
    assert speakers and set(speakers) == {"Vladimir Putin"}
    tab.select_option("select#filter-speaker", index=0)
    tab.select_option("select#filter-doc", label=f"handwritten ({len(_handwritten()[1])})")
    assert tab.locator("#figure-table tbody tr:visible").count() == len(_handwritten()[1])
    assert errors == []


def test_sort_by_value(page: tuple[Page, list[str]]) -> None:
    tab, errors = page

    def values() -> list[float]:
        cells = tab.locator("#figure-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.value)")
        return [float(v) for v in cells if v]

    tab.click("#sort-value")
    assert values() == sorted(values())
    tab.click("#sort-value")
    assert values() == sorted(values(), reverse=True)
    assert tab.get_attribute("#figure-table th[aria-sort]", "aria-sort") == "descending"
    assert errors == []


def test_clicking_a_highlight_shows_its_fields(page: tuple[Page, list[str]]) -> None:
    tab, errors = page
    tab.locator("mark.figure", has_text="524 drones").first.click()
    details = tab.locator("#details").inner_text()
    for text in ("524 drones", "524", "drone", "attack", "Vladimir Putin", "2025-05-07",
                 "in the early hours of May 7", "The large-scale attack"):
        assert text in details
    assert tab.locator("mark.figure.selected").count() == 1
    assert tab.locator("#figure-table tbody tr.selected").inner_text().startswith("000_")
    assert errors == []


def test_hostile_text_stays_text(page: tuple[Page, list[str]]) -> None:
    tab, errors = page
    article = tab.locator("article", has=tab.locator("h3", has_text="hostile <b>doc</b>"))
    assert "<script>window.__pwned = 1</script>" in article.inner_text()
    assert '<img src=x onerror="window.__pwned = 2">' in article.inner_text()
    tab.locator("mark.figure", has_text="more than 40").click()
    details = tab.locator("#details").inner_text()
    assert HOSTILE_ENTITY in details and HOSTILE_SPEAKER in details and "<i>today</i>" in details
    assert tab.locator("#articles img, #details img, #figure-table img, #details script").count() == 0
    assert tab.evaluate("typeof window.__pwned") == "undefined"
    assert errors == []


def test_policy_blocks_script_that_escaping_would_have_let_through(browser: Browser, tmp_path: Path) -> None:
    """Defence in depth: even markup injected into the page after rendering does not run."""
    page = render([_hostile()]).replace("<main>", '<main><script>window.__pwned = 5</script>'
                                        '<img src="x" onerror="window.__pwned = 6">', 1)
    path = tmp_path / "tampered.html"
    path.write_text(page, encoding="utf-8")
    tab = browser.new_page()
    tab.goto(path.as_uri())
    assert tab.evaluate("typeof window.__pwned") == "undefined"
    count = len(_hostile()[1])
    assert tab.locator("#shown-count").inner_text() == f"{count} of {count} figures"  # its own script ran
    tab.close()


def test_screenshot_for_a_person_to_look_at(page: tuple[Page, list[str]]) -> None:
    tab, errors = page
    tab.locator("mark.figure", has_text="nearly 5,000 times").first.click()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOT))
    data = SCREENSHOT.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    assert errors == []


def test_claims_section_sets_sources_side_by_side(browser: Browser, tmp_path: Path) -> None:
    """The section of figures compare: contested claims first, each source a button to its figure."""
    from figures.export.report import claims_section

    wire = Document(id="wire", text="Kyiv said Russia violated the truce 3,000 times on Sunday.",
                    published=figures.models.published_date("2025-04-21"))
    agency = Document(id="agency", text="Russia's defence ministry said Ukraine violated the truce 4,900 times "
                                        "on Sunday.", published=figures.models.published_date("2025-04-21"))
    items = [(doc, figures.extract_document(doc)) for doc in (wire, agency)]
    everything = [f for _, fs in items for f in fs]
    dataset = figures.frame(everything)
    section = claims_section(figures.compare(dataset).to_dict("records"),
                             figures.compare(dataset, long=True).to_dict("records"), {f.id: f for f in everything})
    assert section[0] == "Contested and corroborated figures" and "contested" in section[1]
    path = tmp_path / "claims.html"
    write_report(items, path, sections=[section])
    tab = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(path.as_uri())
    rows = tab.locator("table.claims tbody tr")
    assert rows.count() == 1 and "3000 – 4900" in rows.first.inner_text()
    buttons = rows.first.locator("button.figure-ref")
    assert buttons.count() == 2
    for index in range(2):
        button = buttons.nth(index)
        number = re.search(r"[\d,]+ times", button.inner_text())
        assert number
        button.click()
        assert number.group(0) in tab.locator("#details").inner_text()
    assert errors == []
    tab.close()
