// Small DOM helpers: element building and a sortable, filterable, paginated table that renders
// only the rows of its current page (the store and the report may hold thousands).

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// columns: [{key, label, value(row) -> sortable value, cell(row) -> text or Node, numeric}].
// facets: keys of the columns that get a select of their distinct values. Returns the table's element; name is its data-table
// attribute (the browser tests find it by it).
export function dataTable({ name, columns, rows, pageSize = 50, onRow, sortKey, sortDesc = false, facets = [] }) {
  const state = { filter: "", key: sortKey, desc: sortDesc, page: 0, facet: {} };
  const filterBox = h("input", { type: "search", placeholder: "filter…", class: "filter" });
  const facetCols = facets.map((k) => columns.find((c) => c.key === k));
  const facetOf = (c, row) => String(c.value(row) ?? "");
  const selects = facetCols.map((c) => {
    const select = h("select", { dataset: { facet: c.key }, title: "only rows of this " + c.label });
    select.addEventListener("change", () => { state.facet[c.key] = select.value; state.page = 0; render(); });
    return select;
  });
  const body = h("tbody");
  const head = h("tr");
  const pager = h("div", { class: "pager" });
  const wrap = h("div", { class: "table-wrap", dataset: { table: name } },
    h("div", { class: "table-tools" }, h("div", { class: "tools-left" }, filterBox, ...selects), pager),
    h("table", { class: "data" }, h("thead", {}, head), body));
  const text = (row) => columns.map((c) => String(c.value(row) ?? "")).join(" ").toLowerCase();
  const haystack = rows.map(text);

  function visible() {
    const f = state.filter.toLowerCase();
    const idx = rows.map((_, i) => i).filter((i) => (!f || haystack[i].includes(f)) &&
      facetCols.every((c) => !state.facet[c.key] || facetOf(c, rows[i]) === state.facet[c.key]));
    const col = columns.find((c) => c.key === state.key);
    if (col) {
      const v = (i) => col.value(rows[i]);
      idx.sort((a, b) => {
        const x = v(a), y = v(b);
        const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
        return state.desc ? -c : c;
      });
    }
    return idx;
  }

  // Each facet lists the values present, keeping the chosen one even when no row has it now.
  function renderFacets() {
    facetCols.forEach((c, n) => {
      const chosen = state.facet[c.key] ?? "";
      const values = [...new Set(rows.map((r) => facetOf(c, r)).concat(chosen ? [chosen] : []))]
        .filter((v) => v !== "").sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
      selects[n].replaceChildren(h("option", { value: "" }, `every ${c.label}`),
        ...values.map((v) => h("option", { value: v, selected: v === chosen }, v)));
      selects[n].value = chosen;
    });
  }

  function render() {
    head.replaceChildren(...columns.map((c) => h("th", {
      class: (c.numeric ? "num " : "") + (c.key === state.key ? (state.desc ? "sorted desc" : "sorted asc") : ""),
      title: "sort by " + c.label,
      onclick: () => {
        state.desc = state.key === c.key ? !state.desc : !!c.numeric;
        state.key = c.key;
        render();
      },
    }, c.label)));
    const idx = visible();
    const pages = Math.max(1, Math.ceil(idx.length / pageSize));
    state.page = Math.min(state.page, pages - 1);
    const shown = idx.slice(state.page * pageSize, (state.page + 1) * pageSize);
    body.replaceChildren(...shown.map((i) => {
      const row = rows[i];
      const tr = h("tr", { class: onRow ? "clickable" : "" },
        ...columns.map((c) => h("td", { class: c.numeric ? "num" : "" }, c.cell ? c.cell(row) : fmtCell(c.value(row)))));
      if (onRow) tr.addEventListener("click", () => onRow(row, tr));
      return tr;
    }));
    pager.replaceChildren(...[
      h("span", { class: "muted" }, `${idx.length} of ${rows.length}`),
      pages > 1 && h("button", { disabled: state.page === 0, onclick: () => { state.page--; render(); } }, "‹"),
      pages > 1 && h("span", {}, ` page ${state.page + 1} / ${pages} `),
      pages > 1 && h("button", { disabled: state.page >= pages - 1, onclick: () => { state.page++; render(); } }, "›"),
    ].filter(Boolean));
  }
  filterBox.addEventListener("input", () => { state.filter = filterBox.value; state.page = 0; render(); });
  renderFacets();
  render();
  wrap.refresh = (newRows) => {
    rows = newRows;
    haystack.splice(0, haystack.length, ...rows.map(text));
    renderFacets();
    render();
  };
  return wrap;
}

function fmtCell(v) {
  if (typeof v === "number") return fmt(v);
  return v ?? "";
}

// Numbers for people: three significant digits at most, thousands kept whole.
export function fmt(v, digits = 3) {
  if (v === null || v === undefined || Number.isNaN(v)) return "–";
  if (typeof v !== "number") return String(v); // an artifact's sha256, a name: not a number
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "-∞";
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString("en-US");
  if (a === 0) return "0";
  return Number(v.toPrecision(digits)).toString();
}

export function section(title, ...children) {
  return h("section", { class: "card" }, h("h2", {}, title), ...children);
}

export function badge(text, kind = "") {
  return h("span", { class: "badge " + kind }, text);
}
