"""The review page: one self-contained HTML file in which reporters check figures against their articles.

:func:`render` turns ``(Document, figures)`` pairs into a page with, top to bottom:

* a sticky **toolbar**: links to the sections, filters by document, category and speaker, the
  number of figures shown, and the colour legend (one colour per category; a chip filters by it);
* **Timeline**: an inline SVG of the figures' time windows, one lane per category that has any;
  a bar per window (a date-only end counts its whole day), a ring where only one end is known.
  Figures without a window are left out of the chart;
* **Figures**: a table of every figure; the toolbar filters it, its Value header sorts it
  numerically (ranges by their low end; rows without a number last);
* any extra ``sections`` (see below);
* **Articles**: every article's text with its figures highlighted in place.

Clicking a highlight, a table row or a timeline bar shows that figure's fields in the details
panel (``#details``), which stays in view beside the page.

Safety. The page is built here, in Python, with every piece of text passed through
:func:`html.escape`. The figures' fields are embedded as JSON in a ``<script
type="application/json">`` block with ``<``, ``>`` and ``&`` written as ``\\u003c`` ... so no text
can close the block, and the script (``assets/report.js``) sets text only through
``textContent``. The page loads nothing: its CSS and JS are inlined, and a Content-Security-Policy
allows only those inline blocks (by hash) and no network at all: even text that slipped through
escaping could neither run nor fetch anything.

Overlapping spans (rare). Highlights never nest: figures are taken in order of ``(start, end)``
and a span that starts inside the previous highlight is clipped to start where that one ended.
A span left empty is still written as an empty ``<mark>`` (drawn as a small diamond), so there is
always exactly one ``mark.figure`` per figure, and the article's text appears once, unchanged.

Extension point. ``sections`` is a sequence of ``(heading, html)`` pairs; each becomes a
``<section class="extra">`` after the table, with a link in the toolbar. The heading is escaped
here; the HTML is inserted as given, so **its author must escape every text in it**. Inside it,
any element with ``data-figure-id="<Figure.id>"`` (e.g. made by :func:`figure_ref`) shows that
figure's details and scrolls to its highlight when clicked; the class ``grid`` styles a table like
the figures table.

Stable hooks (for tests and scripts): ``mark.figure[data-id][data-category][data-key]``,
``#figure-table tbody tr``, ``select#filter-doc``, ``select#filter-category``,
``select#filter-speaker``, ``#sort-value``, ``#details``, ``#timeline svg .window``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

from ..models import CATEGORIES, Document, Figure, decimal_text
from .files import atomic_writer

Item = tuple[Document, Sequence[Figure]]
#: An extra section: its heading (plain text) and its body (HTML whose text is already escaped).
Section = tuple[str, str]

#: One colour per category; the highlight background is a tint of it.
PALETTE: dict[str, str] = {
    "attack": "#d1495b",
    "ceasefire_violation": "#e8871e",
    "ceasefire": "#2e9e5b",
    "prisoner_exchange": "#1f9bb5",
    "casualties": "#8e3b8a",
    "diplomacy": "#3d6fd6",
    "military": "#6b7a34",
    "economy": "#c49a00",
    "legal": "#9a5b34",
    "other": "#7d8590",
}

_ESC = html.escape


@dataclass(frozen=True, slots=True)
class _Entry:
    """A figure as placed on the page: ``key`` is its index, shared by every element that shows it."""

    key: int
    doc: int
    figure: Figure


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def render(items: Iterable[Item], title: str = "figures — review", *, sections: Sequence[Section] = ()) -> str:
    """The whole page for these documents and their figures (see the module docstring)."""
    docs = [(doc, sorted(figures, key=_position)) for doc, figures in items]
    entries = _number(docs)
    flat = [entry for doc_entries in entries for entry in doc_entries]
    css, js = _asset("report.css"), _asset("report.js")
    generated = _generated_css()
    body = "\n".join([
        _header(title, docs, flat),
        _toolbar(docs, flat, sections),
        '<div class="layout">',
        "<main>",
        _timeline_section(flat),
        _table_section(docs, flat),
        *(_extra_section(i, heading, content) for i, (heading, content) in enumerate(sections)),
        _articles_section(docs, entries),
        "</main>",
        _details_panel(),
        "</div>",
        f'<script type="application/json" id="figures-data">{_script_json(_data(docs, flat))}</script>',
        f"<script>{js}</script>",
    ])
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_csp(js, [css, generated])}">\n'
        f"<title>{_ESC(title)}</title>\n<style>{css}</style>\n<style>{generated}</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def write_report(
    items: Iterable[Item], path: str | Path, title: str = "figures — review", *, sections: Sequence[Section] = (),
) -> int:
    """Write the page to ``path`` atomically; returns the number of figures on it."""
    docs = [(doc, list(figures)) for doc, figures in items]
    page = render(docs, title=title, sections=sections)
    with atomic_writer(path) as stream:
        stream.write(page)
    return sum(len(figures) for _, figures in docs)


def figure_ref(figure: Figure, label: str | None = None) -> str:
    """HTML for a button in an extra section that shows ``figure`` when clicked."""
    return (f'<button type="button" class="figure-ref" data-figure-id="{_ESC(figure.id)}" '
            f'data-category="{_ESC(figure.category)}">{_ESC(label if label is not None else figure.surface)}</button>')


CLAIMS_HEADING = "Contested and corroborated figures"


def claims_section(groups: Sequence[Mapping[str, object]], members: Sequence[Mapping[str, object]],
                   figures: Mapping[str, Figure]) -> Section:
    """The section that sets each claim's sources side by side (rows of :func:`figures.compare`).

    ``groups`` are its one-row-per-claim records, ``members`` its ``long=True``
    records and ``figures`` the figures by id, so each member is a button that
    shows its figure. Contested claims come first.
    """
    by_group: dict[object, list[Mapping[str, object]]] = {}
    for member in members:
        by_group.setdefault(member["group"], []).append(member)
    ordered = sorted(groups, key=lambda g: (g["status"] != "contested", -int(g["sources"])))  # type: ignore[call-overload]
    if not ordered:
        return CLAIMS_HEADING, '<p class="placeholder">No figure is repeated by another source.</p>'
    rows = []
    for group in ordered:
        status = str(group["status"])
        said = _claim_value(group) if status != "contested" else (
            f"{_plain(group['spread_low'])} – {_plain(group['spread_high'])}")
        window = " – ".join(_plain(group[k]) for k in ("time_start", "time_end") if group.get(k) is not None)
        sources = []
        for member in by_group.get(group["group"], []):
            figure = figures.get(str(member["id"]))
            who = _plain(member.get("speaker")) or "(outlet)"
            label = f"{who}: {member['surface']}"
            button = figure_ref(figure, label) if figure is not None else _ESC(label)
            odd = ' class="disagrees"' if member.get("agrees") is False else ""
            sources.append(f"<li{odd}>{button} <span class=\"doc\">{_ESC(_plain(member.get('doc')))} "
                           f"{_ESC(_plain(member.get('published')))}</span></li>")
        rows.append(
            f'<tr class="claim {status}"><td><span class="status {status}">{_ESC(status)}</span></td>'
            f"<td>{_ESC(_plain(group.get('entity')))}"
            f"{' (' + _ESC(_plain(group.get('unit'))) + ')' if group.get('unit') else ''}</td>"
            f"<td>{_ESC(said)}</td><td>{_ESC(window)}</td><td>{int(group['sources'])}</td>"  # type: ignore[call-overload]
            f"<td><ul class=\"sources\">{''.join(sources)}</ul></td></tr>"
        )
    head = "<tr><th>Status</th><th>Counted thing</th><th>Value</th><th>Window</th><th>Sources</th><th>Who says</th></tr>"
    return CLAIMS_HEADING, (f'<table class="claims"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>')


def _claim_value(group: Mapping[str, object]) -> str:
    qualifier = str(group.get("qualifier") or "exact")
    if qualifier == "range" or group.get("value") is None:
        return f"{_plain(group.get('low'))} – {_plain(group.get('high'))}"
    words = {"exact": "", "approx": "about ", "at_least": "at least ", "more_than": "more than ",
             "at_most": "at most ", "less_than": "less than "}
    return f"{words.get(qualifier, '')}{_plain(group.get('value'))}"


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --------------------------------------------------------------------------
# Page parts
# --------------------------------------------------------------------------


def _header(title: str, docs: list[tuple[Document, list[Figure]]], entries: list[_Entry]) -> str:
    windowed = sum(1 for e in entries if _window(e) is not None)
    summary = (f"{_plural(len(entries), 'figure')} in {_plural(len(docs), 'article')} · "
               f"{windowed} with a time window · click any highlight, row or bar for its details")
    return f'<header class="page-head"><h1>{_ESC(title)}</h1><p class="summary">{summary}</p></header>'


def _toolbar(docs: list[tuple[Document, list[Figure]]], entries: list[_Entry], sections: Sequence[Section]) -> str:
    links = [("timeline", "Timeline"), ("figures", "Figures")]
    links += [(f"extra-{i}", heading) for i, (heading, _) in enumerate(sections)]
    links.append(("articles", "Articles"))
    nav = "".join(f'<a href="#{_ESC(anchor)}">{_ESC(text)}</a>' for anchor, text in links)
    categories = Counter(e.figure.category for e in entries)
    speakers = Counter(e.figure.speaker or "" for e in entries)
    doc_options = [(str(i), f"{doc.id} ({len(figures)})") for i, (doc, figures) in enumerate(docs)]
    category_options = [(c, f"{_label(c)} ({categories[c]})") for c in CATEGORIES if categories[c]]
    speaker_options = [(s, f"{s or '(no speaker)'} ({n})") for s, n in sorted(speakers.items(), key=_speaker_order)]
    return (
        '<div id="toolbar" class="toolbar">'
        f'<nav class="sections">{nav}</nav>'
        '<div class="filters">'
        f'{_select("filter-doc", "Article", "All articles", doc_options)}'
        f'{_select("filter-category", "Category", "All categories", category_options)}'
        f'{_select("filter-speaker", "Speaker", "All speakers", speaker_options)}'
        '<button type="button" id="reset-filters" class="reset">Show all</button>'
        "</div>"
        f'<output id="shown-count">{_plural(len(entries), "figure")}</output>'
        f"{_legend(categories)}"
        "</div>"
    )


def _select(ident: str, label: str, everything: str, options: list[tuple[str, str]]) -> str:
    """A filter; its first option (whatever its value) means 'all'."""
    items = "".join(f'<option value="{_ESC(value)}">{_ESC(text)}</option>' for value, text in options)
    return f'<label>{label}<select id="{ident}"><option value="">{everything}</option>{items}</select></label>'


def _legend(counts: Counter[str]) -> str:
    chips = []
    for category in CATEGORIES:
        empty = "" if counts[category] else " empty"
        disabled = "" if counts[category] else " disabled"
        chips.append(
            f'<li><button type="button" class="chip{empty}" data-category="{category}" '
            f'data-filter-category="{category}" aria-pressed="false"{disabled}>'
            f'{_label(category)}<span class="count">{counts[category]}</span></button></li>'
        )
    return f'<ul class="legend" aria-label="Categories">{"".join(chips)}</ul>'


def _details_panel() -> str:
    return ('<aside id="details" aria-live="polite"><h2>Details</h2>'
            '<button type="button" class="close" id="close-details" aria-label="Close the details">×</button>'
            f'<div class="details-body">{_PLACEHOLDER}</div></aside>')


_PLACEHOLDER = ('<p class="placeholder">Click a highlighted figure, a table row or a timeline bar '
                "to see its value, bounds, unit, entity, window and speaker.</p>")


def _extra_section(index: int, heading: str, content: str) -> str:
    return f'<section id="extra-{index}" class="extra"><h2>{_ESC(heading)}</h2>\n{content}\n</section>'


# --------------------------------------------------------------------------
# Figures table
# --------------------------------------------------------------------------

#: The table's columns and their share of its width (a fixed layout: long text wraps, never overflows).
_COLUMNS = {"Article": 11, "Figure": 16, "Value": 8, "Qualifier": 10, "Unit": 5, "Entity": 13, "Category": 11,
            "Window": 15, "Speaker": 11}


def _table_section(docs: list[tuple[Document, list[Figure]]], entries: list[_Entry]) -> str:
    columns = "<col>" * len(_COLUMNS)
    head = "".join(_column_head(name) for name in _COLUMNS)
    rows = "\n".join(_row(docs[e.doc][0], e) for e in entries)
    empty = "" if entries else '<p class="note">No figures.</p>'
    return (f'<section id="figures"><h2>Figures</h2>{empty}'
            f'<table id="figure-table" class="grid fixed"><colgroup>{columns}</colgroup>'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table></section>")


def _column_head(name: str) -> str:
    if name == "Value":
        return '<th class="num" aria-sort="none"><button type="button" id="sort-value" class="sort">Value</button></th>'
    return f"<th>{name}</th>"


def _row(doc: Document, entry: _Entry) -> str:
    f = entry.figure
    sort_key = next((v for v in (f.value, f.low, f.high) if v is not None), None)
    cells = [
        f'<td class="doc" title="{_ESC(doc.id)}">{_ESC(doc.id)}</td>',
        f'<td class="surface"><button type="button" class="jump" data-jump="{entry.key}" data-category="{f.category}" '
        f'title="Show in the article">{_ESC(f.surface)}</button></td>',
        f'<td class="num">{_ESC(_value_text(f))}</td>',
        f"<td>{_ESC(_label(f.qualifier))}</td>",
        f"<td>{_ESC(f.unit or '')}</td>",
        f"<td>{_ESC(f.entity or '')}</td>",
        f'<td><span class="cat" data-category="{f.category}">{_label(f.category)}</span></td>',
        f"<td>{_ESC(f.time_text or '')}{_window_lines(f)}</td>",
        f"<td>{_ESC(f.speaker or '')}</td>",
    ]
    return (f'<tr data-key="{entry.key}" data-id="{_ESC(f.id)}" data-doc="{entry.doc}" data-category="{f.category}" '
            f'data-speaker="{_ESC(f.speaker or "")}" data-value="{"" if sort_key is None else decimal_text(sort_key)}">'
            f'{"".join(cells)}</tr>')


# --------------------------------------------------------------------------
# Articles with highlights
# --------------------------------------------------------------------------


def _articles_section(docs: list[tuple[Document, list[Figure]]], entries: list[list[_Entry]]) -> str:
    articles = "\n".join(_article(i, doc, doc_entries) for i, ((doc, _), doc_entries) in enumerate(zip(docs, entries)))
    return f'<section id="articles"><h2>Articles</h2>\n{articles or "<p class=note>No articles.</p>"}\n</section>'


def _article(index: int, doc: Document, entries: list[_Entry]) -> str:
    meta = [doc.published.isoformat() if doc.published else "no date",
            _plural(len(entries), "figure"), doc.source or "", doc.url or ""]
    return (f'<article id="doc-{index}" class="article" data-doc="{index}">'
            f"<h3>{_ESC(doc.id)}</h3>"
            f'<p class="meta">{" · ".join(_ESC(m) for m in meta if m)}</p>'
            f'<div class="text">{_highlight(doc.text, entries)}</div></article>')


def _highlight(text: str, entries: Sequence[_Entry]) -> str:
    """``text`` escaped, with one ``<mark class="figure">`` per entry (entries in order of position).

    A span starting inside the previous mark is clipped to start at its end; one left empty stays
    as an empty mark. Offsets past the text are clamped to its end.
    """
    out: list[str] = []
    cursor = 0
    for entry in entries:
        f = entry.figure
        start = min(max(f.start, cursor), len(text))
        end = min(max(f.end, start), len(text))
        out.append(_ESC(text[cursor:start]))
        out.append(
            f'<mark class="figure" id="mark-{entry.key}" data-key="{entry.key}" data-id="{_ESC(f.id)}" '
            f'data-category="{f.category}" tabindex="0" title="{_ESC(_label(f.category))}: {_ESC(_value_text(f))}">'
            f"{_ESC(text[start:end])}</mark>"
        )
        cursor = end
    out.append(_ESC(text[cursor:]))
    return "".join(out)


# --------------------------------------------------------------------------
# Timeline
# --------------------------------------------------------------------------

_WIDTH, _GUTTER, _RIGHT, _AXIS = 1000, 160, 16, 26
_ROW, _BAR, _LANE_PAD = 17, 11, 7


@dataclass(frozen=True, slots=True)
class _Window:
    """A figure's window on the time axis (naive UTC); ``point`` when only one end is known."""

    entry: _Entry
    start: dt.datetime
    end: dt.datetime
    point: bool


def _timeline_section(entries: list[_Entry]) -> str:
    windows = [w for w in map(_window, entries) if w is not None]
    left_out = len(entries) - len(windows)
    note = "One lane per category; a bar per time window, a ring where only one end is known."
    if left_out:
        note += f" {_plural(left_out, 'figure')} without a window {'is' if left_out == 1 else 'are'} not shown."
    chart = _timeline_svg(windows) if windows else '<p class="note">No figure has a time window.</p>'
    return (f'<section id="timeline"><h2>Timeline</h2><p class="note">{note}</p>'
            f'<div class="timeline-chart">{chart}</div></section>')


def _timeline_svg(windows: Sequence[_Window]) -> str:
    """The chart: a lane per category under a date axis."""
    lo, hi = _extent(windows)
    scale = (_WIDTH - _GUTTER - _RIGHT) / (hi - lo).total_seconds()

    def x(moment: dt.datetime) -> float:
        return _GUTTER + (moment - lo).total_seconds() * scale

    parts: list[str] = []
    y = _AXIS
    for category in CATEGORIES:
        lane = sorted((w for w in windows if w.entry.figure.category == category), key=lambda w: (w.start, w.end))
        if lane:
            svg, height = _lane(category, lane, x, y)
            parts.append(svg)
            y += height
    ticks = "".join(_tick(x(t), y, label) for t, label in _ticks(lo, hi))
    return (f'<svg viewBox="0 0 {_WIDTH} {y + 4}" role="img" aria-label="Time windows of the figures by category">'
            f"{ticks}{''.join(parts)}</svg>")


def _lane(category: str, lane: list[_Window], x: Callable[[dt.datetime], float], top: int) -> tuple[str, int]:
    """One category's lane starting at ``top``: its label and its bars, packed in rows; and its height."""
    boxes = [(x(w.start) - 5, x(w.start) + 5) if w.point else (x(w.start), max(x(w.end), x(w.start) + 4))
             for w in lane]
    rows = _pack(boxes)
    label_y = top + _LANE_PAD + _BAR / 2
    parts = [
        f'<line class="lane-line" x1="0" x2="{_WIDTH}" y1="{top}" y2="{top}"/>',
        f'<circle class="lane-dot" data-category="{category}" cx="9" cy="{label_y:.1f}" r="4.5"/>',
        f'<text class="lane-label" x="19" y="{label_y + 4:.1f}">{_label(category)}</text>',
    ]
    parts += [_bar(w, x0, x1, top + _LANE_PAD + row * _ROW) for w, (x0, x1), row in zip(lane, boxes, rows)]
    return "".join(parts), (max(rows) + 1) * _ROW + 2 * _LANE_PAD


def _bar(w: _Window, x0: float, x1: float, top: float) -> str:
    f = w.entry.figure
    tip = f"<title>{_ESC(f.surface)} — {_ESC(f.time_text or '')} ({_ESC(_window_text(f))})</title>"
    common = f'class="window{" point" if w.point else ""}" data-key="{w.entry.key}" data-category="{f.category}"'
    if w.point:
        return f'<circle {common} cx="{(x0 + x1) / 2:.1f}" cy="{top + _BAR / 2:.1f}" r="{_BAR / 2 - 1}">{tip}</circle>'
    return f'<rect {common} x="{x0:.1f}" y="{top:.1f}" width="{x1 - x0:.1f}" height="{_BAR}" rx="3">{tip}</rect>'


def _tick(x: float, bottom: int, label: str) -> str:
    return (f'<g class="tick"><line x1="{x:.1f}" x2="{x:.1f}" y1="{_AXIS - 6}" y2="{bottom}"/>'
            f'<text x="{x:.1f}" y="{_AXIS - 10}" text-anchor="middle">{_ESC(label)}</text></g>')


def _window(entry: _Entry) -> _Window | None:
    """The figure's window, or None when it has none (or an unreadable one)."""
    f = entry.figure
    try:
        if f.time_start and f.time_end:
            start, end = _moment(f.time_start), _moment(f.time_end, end=True)
            return _Window(entry, min(start, end), max(start, end), point=False)
        known = f.time_start or f.time_end
        if known:
            at = _moment(known) + (dt.timedelta(hours=12) if len(known) == 10 else dt.timedelta())
            return _Window(entry, at, at, point=True)
    except ValueError:
        pass
    return None


def _moment(iso: str, end: bool = False) -> dt.datetime:
    """An ISO date or date-time as naive UTC; a date-only end means the end of that day."""
    if len(iso) == 10:
        day = dt.datetime.combine(dt.date.fromisoformat(iso), dt.time())
        return day + dt.timedelta(days=1) if end else day
    moment = dt.datetime.fromisoformat(iso)
    return moment.astimezone(dt.timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment


def _extent(windows: Sequence[_Window]) -> tuple[dt.datetime, dt.datetime]:
    lo, hi = min(w.start for w in windows), max(w.end for w in windows)
    if hi - lo < dt.timedelta(days=2):
        middle = lo + (hi - lo) / 2
        lo, hi = middle - dt.timedelta(days=1), middle + dt.timedelta(days=1)
    pad = (hi - lo) * 0.03
    return lo - pad, hi + pad


def _pack(spans: list[tuple[float, float]]) -> list[int]:
    """A row for each span (sorted by start) so that spans in one row do not touch."""
    ends: list[float] = []
    rows = []
    for x0, x1 in spans:
        row = next((i for i, e in enumerate(ends) if e + 3 <= x0), len(ends))
        if row == len(ends):
            ends.append(x1)
        ends[row] = x1
        rows.append(row)
    return rows


def _ticks(lo: dt.datetime, hi: dt.datetime) -> list[tuple[dt.datetime, str]]:
    """Axis ticks: days, weeks (Mondays) or month starts, at most about nine."""
    days = (hi - lo).total_seconds() / 86400
    for step in (1, 2, 7, 14):
        if days / step <= 9:
            first = dt.datetime.combine(lo.date(), dt.time()) + dt.timedelta(days=1)
            if step == 7 or step == 14:
                first += dt.timedelta(days=(7 - first.weekday()) % 7)
            moments = _every(first, hi, dt.timedelta(days=step))
            return [(m, f"{m:%b} {m.day}") for m in moments]
    months = next((n for n in (1, 2, 3, 6, 12, 24, 60, 120) if days / (30.4 * n) <= 9), 240)
    first = dt.datetime(lo.year, 1, 1)
    moments = [m for m in _month_starts(first, hi, months) if m >= lo]
    return [(m, f"{m:%Y}" if months >= 12 else f"{m:%b %Y}") for m in moments]


def _every(first: dt.datetime, last: dt.datetime, step: dt.timedelta) -> list[dt.datetime]:
    out = []
    while first <= last:
        out.append(first)
        first += step
    return out


def _month_starts(first: dt.datetime, last: dt.datetime, months: int) -> list[dt.datetime]:
    out = []
    while first <= last:
        out.append(first)
        total = first.year * 12 + first.month - 1 + months
        first = dt.datetime(total // 12, total % 12 + 1, 1)
    return out


# --------------------------------------------------------------------------
# Embedded data, assets, colours
# --------------------------------------------------------------------------


def _data(docs: list[tuple[Document, list[Figure]]], entries: list[_Entry]) -> dict[str, object]:
    """What the script needs: per figure, its filter keys and its fields as display text."""
    return {"figures": [_figure_data(docs[e.doc][0], e) for e in entries]}


def _figure_data(doc: Document, entry: _Entry) -> dict[str, object]:
    f = entry.figure
    return {
        "key": entry.key, "id": f.id, "doc": entry.doc, "category": f.category, "speaker": f.speaker,
        "surface": f.surface, "sentence": f.sentence, "mark": _in_sentence(doc.text, f),
        "fields": [[label, text] for label, text in _fields(doc, f)],
    }


def _in_sentence(text: str, f: Figure) -> list[int] | None:
    """Where the surface lies in the figure's sentence (to highlight it there), or None."""
    start = text.rfind(f.sentence, 0, f.start + 1) if f.sentence else -1
    if start >= 0 and f.end <= start + len(f.sentence):
        return [f.start - start, f.end - start]
    at = f.sentence.find(f.surface) if f.surface else -1
    return [at, at + len(f.surface)] if at >= 0 else None


def _fields(doc: Document, f: Figure) -> list[tuple[str, str]]:
    """The details panel's rows, as text ('' shows as a dash)."""
    return [
        ("Value", _grouped(f.value)), ("Low / high", _bounds(f)),
        ("Qualifier", _label(f.qualifier)), ("Unit", f.unit or ""), ("Entity", f.entity or ""),
        ("Category", _label(f.category)), ("Window", _window_text(f)), ("Time text", f.time_text or ""),
        ("Speaker", f.speaker or ""), ("Article", doc.id),
        ("Published", f.published.isoformat() if f.published else ""), ("Id", f.id),
    ]


def _script_json(data: object) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>`` or ``&`` can end or confuse the block."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _asset(name: str) -> str:
    text = (resources.files(__package__) / "assets" / name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():  # would end the inline block early
        raise ValueError(f"asset {name} must not contain a closing script or style tag")
    return text


def _csp(script: str, styles: Sequence[str]) -> str:
    """Only these inline blocks may run or style; nothing may be fetched."""
    style_hashes = " ".join(_hash(s) for s in styles)
    return (f"default-src 'none'; script-src {_hash(script)}; style-src {style_hashes}; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _generated_css() -> str:
    """The rules made from Python data: each category's colours, the table's column widths."""
    rules = [f'[data-category="{c}"]{{--cat:{colour};--soft:{_tint(colour, 0.22)}}}' for c, colour in PALETTE.items()]
    rules += [f"#figure-table col:nth-child({i}){{width:{share}%}}" for i, share in enumerate(_COLUMNS.values(), 1)]
    return "\n".join(rules)


def _tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white: ``amount`` of the colour."""
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * amount):02x}" for c in channels)


# --------------------------------------------------------------------------
# Small text helpers
# --------------------------------------------------------------------------


def _number(docs: list[tuple[Document, list[Figure]]]) -> list[list[_Entry]]:
    """Give every figure its page-wide key, per document, in order of position."""
    out: list[list[_Entry]] = []
    key = 0
    for index, (_, figures) in enumerate(docs):
        out.append([_Entry(key + i, index, f) for i, f in enumerate(figures)])
        key += len(figures)
    return out


def _position(figure: Figure) -> tuple[int, int]:
    return figure.start, figure.end


def _speaker_order(item: tuple[str, int]) -> tuple[bool, str]:
    return item[0] == "", item[0].lower()  # '(no speaker)' last


def _label(name: str) -> str:
    return name.replace("_", " ")


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _grouped(value: Decimal | None) -> str:
    """An exact decimal with thousands separators: ``1100000000`` -> ``1,100,000,000``."""
    if value is None:
        return ""
    text = decimal_text(value)
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, fraction = text.partition(".")
    return f"{sign}{int(whole):,}{dot}{fraction}"


def _bounds(f: Figure) -> str:
    if f.low is None and f.high is None:
        return ""
    return f"{_grouped(f.low) or '—'} / {_grouped(f.high) or '—'}"


def _value_text(f: Figure) -> str:
    if f.value is not None:
        return _grouped(f.value)
    return f"{_grouped(f.low)}–{_grouped(f.high)}"


def _window_text(f: Figure) -> str:
    start, end = _short_time(f.time_start), _short_time(f.time_end)
    if start and end:
        return start if start == end else f"{start} – {end}"
    if start:
        return f"from {start}"
    return f"until {end}" if end else ""


def _window_lines(f: Figure) -> str:
    """The window for a table cell: each end on a line of its own."""
    start, end = _short_time(f.time_start), _short_time(f.time_end)
    if start and end and start != end:
        return f"<small>{_ESC(start)} –</small><small>{_ESC(end)}</small>"
    text = _window_text(f)
    return f"<small>{_ESC(text)}</small>" if text else ""


def _short_time(iso: str | None) -> str:
    """``2025-04-19T18:00:00+03:00`` -> ``2025-04-19 18:00 +03:00``."""
    if not iso or len(iso) == 10:
        return iso or ""
    match = _CLOCK.fullmatch(iso)
    if not match:
        return iso
    day, hours, seconds, zone = match.groups()
    return f"{day} {hours}{'' if seconds in (None, ':00') else seconds}{' ' + zone if zone else ''}"


_CLOCK = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?(.*)")
