// The review page's behaviour: details panel, filters, value sort.
// Every element that stands for a figure carries data-key (its index in the embedded JSON).
// Text is only ever set through textContent: nothing from the data becomes markup.
(() => {
  "use strict";

  const data = JSON.parse(document.getElementById("figures-data").textContent);
  const figures = data.figures;
  const byId = new Map();
  for (const figure of figures) if (!byId.has(figure.id)) byId.set(figure.id, figure.key);

  const nodes = new Map(figures.map((figure) => [figure.key, []]));
  for (const node of document.querySelectorAll("[data-key]")) {
    const list = nodes.get(Number(node.dataset.key));
    if (list) list.push(node);
  }

  // ---- the sticky toolbar's height, for the panel and anchors below it ----------
  const toolbar = document.getElementById("toolbar");
  const measure = () =>
    document.documentElement.style.setProperty("--toolbar-h", toolbar.offsetHeight + "px");
  measure();
  window.addEventListener("resize", measure);

  // ---- details panel ------------------------------------------------------------
  const details = document.getElementById("details");
  const body = details.querySelector(".details-body");
  const placeholder = Array.from(body.childNodes);
  let selected = null;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function sentence(figure) {
    const quote = el("blockquote");
    const text = figure.sentence;
    if (figure.mark) {
      const [start, end] = figure.mark;
      quote.append(text.slice(0, start), el("mark", text.slice(start, end)), text.slice(end));
    } else {
      quote.textContent = text;
    }
    return quote;
  }

  function showDetails(figure) {
    details.dataset.category = figure.category;
    const list = el("dl");
    for (const [label, value] of figure.fields) {
      list.append(el("dt", label), el("dd", value || "—", value ? "" : "missing"));
    }
    const jump = el("button", "Show in the article", "jump");
    jump.type = "button";
    jump.dataset.jump = String(figure.key);
    body.replaceChildren(el("p", figure.surface, "surface"), list, sentence(figure), jump);
  }

  function select(key) {
    deselect();
    selected = key;
    for (const node of nodes.get(key)) node.classList.add("selected");
    showDetails(figures[key]);
  }

  function deselect() {
    if (selected !== null) for (const node of nodes.get(selected)) node.classList.remove("selected");
    selected = null;
    delete details.dataset.category;
    body.replaceChildren(...placeholder);
  }

  document.getElementById("close-details").addEventListener("click", deselect);

  function jumpTo(key) {
    const mark = document.getElementById("mark-" + key);
    if (mark) mark.scrollIntoView({ block: "center" });
  }

  // ---- filters ------------------------------------------------------------------
  const filters = {
    doc: document.getElementById("filter-doc"),
    category: document.getElementById("filter-category"),
    speaker: document.getElementById("filter-speaker"),
  };
  const chips = document.querySelectorAll("[data-filter-category]");
  const count = document.getElementById("shown-count");

  function passes(figure) {
    const all = (select) => select.selectedIndex <= 0;
    return (all(filters.doc) || String(figure.doc) === filters.doc.value)
      && (all(filters.category) || figure.category === filters.category.value)
      && (all(filters.speaker) || (figure.speaker ?? "") === filters.speaker.value);
  }

  function applyFilters() {
    let shown = 0;
    for (const figure of figures) {
      const ok = passes(figure);
      if (ok) shown += 1;
      for (const node of nodes.get(figure.key)) {
        if (node.tagName === "TR") node.hidden = !ok;
        else node.classList.toggle("dim", !ok);
      }
    }
    for (const chip of chips) {
      chip.setAttribute("aria-pressed", String(chip.dataset.filterCategory === filters.category.value));
    }
    count.textContent = `${shown} of ${figures.length} figures`;
  }

  for (const control of Object.values(filters)) control.addEventListener("change", applyFilters);
  document.getElementById("reset-filters").addEventListener("click", () => {
    for (const control of Object.values(filters)) control.selectedIndex = 0;
    applyFilters();
  });

  // ---- sort by value -------------------------------------------------------------
  const sortButton = document.getElementById("sort-value");
  const tbody = document.querySelector("#figure-table tbody");
  const original = Array.from(tbody.rows);
  let direction = 0;

  function valueOf(row) {
    const value = parseFloat(row.dataset.value);
    return Number.isNaN(value) ? null : value;
  }

  sortButton.addEventListener("click", () => {
    direction = direction === 1 ? -1 : 1;
    const rows = original.slice().sort((a, b) => {
      const x = valueOf(a);
      const y = valueOf(b);
      if (x === null || y === null) return (x === null) - (y === null); // no value: always last
      return (x - y) * direction;
    });
    tbody.append(...rows);
    sortButton.closest("th").setAttribute("aria-sort", direction === 1 ? "ascending" : "descending");
  });

  // ---- clicks and keys ------------------------------------------------------------
  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const chip = target.closest("[data-filter-category]");
    if (chip) {
      const option = Array.from(filters.category.options).find((o) => o.value === chip.dataset.filterCategory);
      filters.category.selectedIndex = !option || option.selected ? 0 : option.index; // a second click clears
      applyFilters();
      return;
    }
    const ref = target.closest("[data-figure-id]");
    if (ref && byId.has(ref.dataset.figureId)) {
      select(byId.get(ref.dataset.figureId));
      jumpTo(selected);
      return;
    }
    const jump = target.closest("[data-jump]");
    if (jump) {
      select(Number(jump.dataset.jump));
      jumpTo(selected);
      return;
    }
    const item = target.closest("[data-key]");
    if (item) select(Number(item.dataset.key));
  });

  document.addEventListener("keydown", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target || !target.matches("mark.figure") || (event.key !== "Enter" && event.key !== " ")) return;
    event.preventDefault();
    select(Number(target.dataset.key));
  });

  applyFilters();
})();
