// chronique web page: filters, a timeline of clusters, an actor network and the evidence panel.
// Plain JavaScript + SVG written by the team; everything comes from this server's /api.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const QUADS = {
  "verbal-cooperation": "coopération verbale",
  "material-cooperation": "coopération matérielle",
  "verbal-conflict": "conflit verbal",
  "material-conflict": "conflit matériel",
};
const PAGE = 500;
const PLACEHOLDER = "Cliquez un événement de la chronologie pour voir la phrase qui le rapporte, surlignée dans son article.";
const GRAVITY = 0.5;
const state = { items: [], total: 0, selected: null, seq: 0, actors: new Map(), names: {} };
const LABEL_CHARS = 18; // network labels longer than this are shortened (full name on hover)

// ---- small helpers --------------------------------------------------------------------------
const $ = (sel) => document.querySelector(sel);

/** An HTML element with attributes and children (strings become text nodes: no HTML injection). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/** An SVG element with attributes and children. */
function svgEl(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
}

const quadClass = (quad) => "q-" + (QUADS[quad] ? quad : "unknown");
/** The French display name of a canonical (English) actor name, where the knowledge base has one. */
const shown = (name) => (name && state.names[name]) || name;
/** "canonical" when the display name differs from it: for hover titles. */
const canonical = (name) => (name && state.names[name] ? name : "");
const names = (list) => (list && list.length ? list.map(shown).join(", ") : "?");
const truncate = (s, n) => (s.length > n ? s.slice(0, n - 1) + "…" : s);

/** GET a JSON API path with query parameters; throws with the server's message on failure. */
async function api(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
  const res = await fetch(url);
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || res.statusText);
    throw new Error(`${res.status}: ${detail}`);
  }
  return res.json();
}

function showError(err) {
  $("#status").textContent = "Erreur : " + err.message;
}

// ---- filters ----------------------------------------------------------------------------------
const FILTERS = ["actor", "country", "type", "quad", "since", "until", "q"];

function readFilters() {
  const form = $("#filters");
  const out = {};
  for (const name of FILTERS) {
    const input = form.elements[name];
    const value = input.value.trim();
    if (value && input.checkValidity() && !(name === "q" && value.length < 2)) out[name] = value;
  }
  return out;
}

function writeHash(filters) {
  const params = new URLSearchParams(filters);
  if (state.selected) params.set("event", state.selected);
  const hash = params.toString();
  history.replaceState(null, "", hash ? "#" + hash : window.location.pathname);
}

function readHash() {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const form = $("#filters");
  for (const name of FILTERS) {
    const value = params.get(name);
    if (!value) continue;
    if (name === "actor") ensureActorOption(value, value);
    form.elements[name].value = value;
  }
  return params.get("event");
}

function fillSelect(select, entries) {
  for (const [value, label] of entries) select.append(el("option", { value }, label));
}

function ensureActorOption(id, label) {
  const select = $("#f-actor");
  if (![...select.options].some((o) => o.value === id)) select.append(el("option", { value: id }, label));
}

async function setupFilters() {
  const [overview, actors, display] = await Promise.all([api("/api/overview"), api("/api/actors", { limit: 500 }),
    api("/api/names")]);
  state.names = display;
  const c = overview.counts;
  $("#summary").textContent = `${c.documents} articles · ${c.events} événements · ${c.clusters} groupes · ` +
    `${c.actors} acteurs` + (overview.date_min ? ` · ${overview.date_min} → ${overview.date_max}` : "");
  for (const a of actors.items) state.actors.set(a.id, a);
  fillSelect($("#f-actor"), actors.items.map((a) => [a.id, `${shown(a.name) || a.id}${a.country ? " (" + a.country + ")" : ""} · ${a.n_events}`]));
  fillSelect($("#f-country"), Object.entries(overview.countries).map(([k, n]) => [k, `${k} · ${n}`]));
  fillSelect($("#f-type"), Object.entries(overview.event_types).map(([k, n]) => [k, `${k} · ${n}`]));
  fillSelect($("#f-quad"), Object.entries(QUADS));
  $("#legend").append(...Object.entries(QUADS).map(([q, label]) =>
    el("span", { class: quadClass(q) }, el("span", { class: "swatch" }), label)));
}

function bindFilters() {
  const form = $("#filters");
  let timer = null;
  form.addEventListener("change", () => refresh());
  form.addEventListener("input", (e) => {
    if (e.target.name !== "q") return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  form.addEventListener("reset", () => setTimeout(refresh, 0));
  $("#more").addEventListener("click", loadMore);
}

function setActorFilter(id, label) {
  ensureActorOption(id, label || id);
  $("#f-actor").value = id;
  refresh();
}

// ---- loading ----------------------------------------------------------------------------------
/** Reload the timeline, list and network for the current filters (stale answers are dropped). */
async function refresh() {
  const seq = ++state.seq;
  document.body.dataset.busy = "1";
  const filters = readFilters();
  writeHash(filters);
  try {
    const [timeline, network] = await Promise.all([
      api("/api/timeline", { ...filters, limit: PAGE }), api("/api/network", filters)]);
    if (seq !== state.seq) return;
    state.items = timeline.items;
    state.total = timeline.total;
    $("#status").textContent = "";
    if (state.selected && !(await stillListed(filters))) clearEvent();
    if (seq !== state.seq) return;
    renderAll(network);
  } catch (err) {
    if (seq === state.seq) showError(err);
  } finally {
    if (seq === state.seq) document.body.dataset.busy = "0";
  }
}

/** Whether the selected event's cluster is among the events these filters select (it may be past the page). */
async function stillListed(filters) {
  if (state.items.some((i) => i.event_id === state.selected || (state.selectedKey && i.key === state.selectedKey))) return true;
  const hits = await api("/api/events", { ...filters, cluster: state.selectedKey || state.selected, limit: 1 });
  return hits.total > 0;
}

/** Empty the event panel (its event is no longer in the list) and forget the selection. */
function clearEvent() {
  state.selected = null;
  state.selectedKey = null;
  $("#event-panel").replaceChildren(el("p", { class: "placeholder" }, PLACEHOLDER));
  writeHash(readFilters());
}

async function loadMore() {
  const page = await api("/api/timeline", { ...readFilters(), limit: PAGE, offset: state.items.length }).catch(showError);
  if (!page) return;
  state.items = state.items.concat(page.items);
  renderTimeline();
  renderChronology();
}

function renderAll(network) {
  renderTimeline();
  renderChronology();
  renderNetwork(network);
  markSelected();
}

// ---- timeline ---------------------------------------------------------------------------------
/** Milliseconds for an ISO date at any precision (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www), or null. */
function parseDate(s) {
  if (!s) return null;
  const week = /^(\d{4})-W(\d{2})/.exec(s);
  if (week) return Date.UTC(+week[1], 0, 1 + (+week[2] - 1) * 7);
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(s);
  return m ? Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1) : null;
}

/** A dot's radius: grows with its cluster, up to ``max`` (smaller on narrow screens). */
function radius(item, max) {
  return Math.min(max, 3.5 + 1.8 * Math.sqrt(item.n_events));
}

/** Put each dot in the first lane where it does not overlap the previous one; null when that would
 * take more than ``maxLanes`` lanes. */
function assignLanes(points, maxLanes) {
  const ends = [];
  for (const p of points) {
    let lane = ends.findIndex((end) => end + p.r + 1 <= p.x);
    if (lane < 0) {
      if (ends.length >= maxLanes) return null;
      lane = ends.length;
    }
    ends[lane] = p.x + p.r;
    p.lane = lane;
  }
  return Math.max(1, ends.length);
}

/** The axis range: from 1 January of the first year (spans over two years) or the first of the month, so
 * that the first year has its tick and label like every other. */
function axisStart(t0, t1) {
  const d = new Date(t0), years = (t1 - t0) / (365.25 * 864e5);
  return years > 2 ? Date.UTC(d.getUTCFullYear(), 0, 1) : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** Axis ticks: every year (two-digit labels when space is short), or months for spans of two years or
 * less, as many as fit ``width`` (each label carries its year). */
function timeTicks(t0, t1, width) {
  const years = (t1 - t0) / (365.25 * 864e5);
  const ticks = [];
  const start = new Date(t0);
  if (years > 2) {
    const short = width / years < 40;
    for (let y = start.getUTCFullYear(); Date.UTC(y, 0, 1) <= t1; y++)
      ticks.push({ t: Date.UTC(y, 0, 1), label: short ? "’" + String(y).slice(2) : String(y), year: y });
    return ticks;
  }
  const step = [1, 2, 3, 6, 12].find((s) => ((years * 12) / s) * 64 <= width) || 12;
  const fmt = new Intl.DateTimeFormat("fr-FR", { month: "short", year: "numeric", timeZone: "UTC" });
  for (let d = new Date(t0); d <= t1; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1)))
    ticks.push({ t: d.getTime(), label: fmt.format(d), year: d.getUTCFullYear() });
  return ticks;
}

// Below this many pixels a year, even two-digit year labels collide: the timeline grows wider than its panel
// and scrolls sideways (a story reaching back to 1953 spans seventy years).
const YEAR_PX = 28;

function renderTimeline() {
  const svg = $("#timeline");
  svg.replaceChildren();
  svg.style.width = "";
  let width = svg.clientWidth || 900;
  const dated = state.items.map((item) => ({ item, t: parseDate(item.date) })).filter((p) => p.t !== null);
  const undated = state.items.length - dated.length;
  $("#tl-count").textContent = `${state.total} groupe(s)` + (state.items.length < state.total ? `, ${state.items.length} affichés` : "");
  if (!dated.length) {
    svg.setAttribute("height", 60);
    svg.append(svgEl("text", { x: 10, y: 34, class: "empty" }, state.items.length ? "Aucun événement daté." : "Aucun événement pour ces filtres."));
    return;
  }
  const [left, top] = [24, 10];
  let right = width - 24;
  let t0 = Math.min(...dated.map((p) => p.t));
  let t1 = Math.max(...dated.map((p) => p.t));
  const pad = Math.max((t1 - t0) * 0.03, 15 * 864e5);
  t0 = axisStart(t0 - pad, t1 + pad); t1 += pad;
  const needed = ((t1 - t0) / (365.25 * 864e5)) * YEAR_PX + 48;
  if (needed > width) {
    width = Math.ceil(needed);
    svg.style.width = width + "px";
    right = width - 24;
  }
  const x = (t) => left + ((t - t0) / (t1 - t0)) * (right - left);
  dated.sort((a, b) => a.t - b.t);
  // A crowded period takes smaller dots before more than 40 lanes; the smallest dots take every lane they need.
  let maxR = width < 600 ? 6 : 8, points, lanes = null;
  while (lanes === null) {
    points = dated.map((p) => ({ ...p, x: x(p.t), r: radius(p.item, maxR) }));
    lanes = assignLanes(points, maxR > 3 ? 40 : Infinity);
    if (lanes === null) maxR -= 1;
  }
  const lane = 2 * maxR + 2;
  const axisY = top + lanes * lane + 10;
  svg.setAttribute("height", axisY + 30);
  svg.append(drawAxis(timeTicks(t0, t1, right - left), x, top, axisY));
  for (const p of points) svg.append(timelineDot(p, top + p.lane * lane + lane / 2));
  if (undated) svg.append(svgEl("text", { x: right, y: axisY + 26, "text-anchor": "end", class: "undated" }, `+ ${undated} sans date (voir la liste)`));
}

function drawAxis(ticks, x, top, axisY) {
  const g = svgEl("g", { class: "axis" }, svgEl("line", { x1: x(ticks.length ? ticks[0].t : 0) - 20, x2: "100%", y1: axisY, y2: axisY }));
  for (const tick of ticks) {
    const tx = x(tick.t);
    g.append(svgEl("line", { class: "lane-guide", x1: tx, x2: tx, y1: top, y2: axisY }),
      svgEl("line", { x1: tx, x2: tx, y1: axisY, y2: axisY + 5 }));
    const label = svgEl("text", { x: tx, y: axisY + 17, "text-anchor": "middle",
      class: tick.year ? "year" : null, "data-year": tick.year || null }, tick.label);
    if (tick.year) label.addEventListener("click", () => filterYear(tick.year));
    g.append(label);
  }
  return g;
}

function filterYear(year) {
  $("#f-since").value = String(year);
  $("#f-until").value = String(year);
  refresh();
}

function describe(item) {
  const who = `${names(item.actors)}${item.recipients.length ? " → " + names(item.recipients) : ""}`;
  const docs = item.n_docs > 1 ? ` · ${item.n_docs} articles` : "";
  return `${item.date || "sans date"} — ${item.event_type}${item.mode ? "/" + item.mode : ""} : ${who}${docs}`;
}

function timelineDot(p, cy) {
  const item = p.item;
  const g = svgEl("g", {
    class: `tl-item ${quadClass(item.quad)}`, "data-event": item.event_id, "data-key": item.key,
    tabindex: 0, role: "button", "aria-label": describe(item),
  }, svgEl("circle", { cx: p.x.toFixed(1), cy, r: p.r.toFixed(1) }), svgEl("title", {}, describe(item) + "\n" + item.evidence));
  g.addEventListener("click", () => selectEvent(item.event_id));
  g.addEventListener("keydown", (e) => { if (e.key === "Enter") selectEvent(item.event_id); });
  return g;
}

// ---- chronology list --------------------------------------------------------------------------
function renderChronology() {
  const list = $("#chronology");
  list.replaceChildren(...state.items.map(chronoItem));
  if (!state.items.length) list.append(el("li", { class: "placeholder" }, "Aucun événement pour ces filtres."));
  $("#more").hidden = state.items.length >= state.total;
}

function chronoItem(item) {
  const who = `${names(item.actors)}${item.recipients.length ? " → " + names(item.recipients) : ""}`;
  const li = el("li", { class: "chrono-item", "data-event": item.event_id, "data-key": item.key, tabindex: 0 },
    el("span", { class: "date" }, item.date || "sans date"),
    el("div", {},
      el("span", { class: `badge ${quadClass(item.quad)}`, title: QUADS[item.quad] || "" },
        item.event_type + (item.mode ? "/" + item.mode : "")),
      el("span", { class: "who", title: [...item.actors, ...item.recipients].filter(canonical).join(", ") || null }, who),
      item.aux && item.aux !== "none" ? el("span", { class: "tag" }, item.aux) : null,
      item.n_events > 1 ? el("span", { class: "tag" }, `${item.n_events} mentions · ${item.n_docs} article(s)`) : null),
    el("div", { class: "ev" }, item.evidence));
  li.addEventListener("click", () => selectEvent(item.event_id));
  li.addEventListener("keydown", (e) => { if (e.key === "Enter") selectEvent(item.event_id); });
  return li;
}

function markSelected() {
  const id = state.selected;
  for (const node of document.querySelectorAll(".tl-item, .chrono-item")) {
    const on = node.dataset.event === id || (node.dataset.key && node.dataset.key === state.selectedKey);
    node.classList.toggle("selected", Boolean(on));
  }
}

// ---- network ----------------------------------------------------------------------------------
/** A small force-directed layout (repulsion, springs, gravity) from a circle, then fitted to the box. */
function layout(nodes, edges, width, height) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => ({ x: Math.cos((2 * Math.PI * i) / n) * width / 3, y: Math.sin((2 * Math.PI * i) / n) * height / 3, dx: 0, dy: 0 }));
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const k = Math.min(90, Math.sqrt((width * height) / Math.max(n, 1)) * 0.55);
  for (let step = 0, temp = width / 10; step < 400; step++, temp = Math.max(0.5, temp * 0.985)) {
    for (const p of pos) { p.dx = -p.x * GRAVITY; p.dy = -p.y * GRAVITY * (width / height); }
    repel(pos, k);
    for (const e of edges) attract(pos[index.get(e.source)], pos[index.get(e.target)], k);
    for (const p of pos) move(p, temp);
  }
  return fit(pos, width, height);
}

function repel(pos, k) {
  for (let i = 0; i < pos.length; i++)
    for (let j = i + 1; j < pos.length; j++) {
      const dx = pos[i].x - pos[j].x || 0.01 * (i - j), dy = pos[i].y - pos[j].y || 0.01;
      const d2 = Math.max(dx * dx + dy * dy, 1), f = (k * k) / d2;
      pos[i].dx += dx * f; pos[i].dy += dy * f; pos[j].dx -= dx * f; pos[j].dy -= dy * f;
    }
}

function attract(a, b, k) {
  const dx = a.x - b.x, dy = a.y - b.y, d = Math.sqrt(dx * dx + dy * dy) || 0.01, f = d / k;
  a.dx -= dx * f; a.dy -= dy * f; b.dx += dx * f; b.dy += dy * f;
}

function move(p, temp) {
  const d = Math.sqrt(p.dx * p.dx + p.dy * p.dy) || 1;
  p.x += (p.dx / d) * Math.min(d, temp);
  p.y += (p.dy / d) * Math.min(d, temp);
}

/** Scale positions into the drawing area, leaving room for labels. */
function fit(pos, width, height) {
  const [mx, my] = [70, 22];
  const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (width - 2 * mx) / Math.max(x1 - x0, 1), sy = (height - 2 * my) / Math.max(y1 - y0, 1);
  return pos.map((p) => ({ x: x1 > x0 ? mx + (p.x - x0) * sx : width / 2, y: y1 > y0 ? my + (p.y - y0) * sy : height / 2 }));
}

function renderNetwork(net) {
  const svg = $("#network");
  svg.replaceChildren(arrowDefs());
  const width = svg.clientWidth || 600, height = svg.clientHeight || 380;
  $("#net-count").textContent = `${net.nodes.length} acteurs · ${net.edges.length} liens`;
  if (!net.nodes.length) {
    svg.append(svgEl("text", { x: 14, y: 30, class: "empty" }, "Aucune relation entre acteurs pour ces filtres."));
    return;
  }
  const pos = layout(net.nodes, net.edges, width, height);
  const at = new Map(net.nodes.map((node, i) => [node.id, pos[i]]));
  const radiusOf = new Map(net.nodes.map((node) => [node.id, Math.min(18, 4 + 3 * Math.sqrt(node.n_events))]));
  svg.append(svgEl("g", {}, ...net.edges.map((e) => networkEdge(e, at, radiusOf, net.nodes))));
  const active = $("#f-actor").value;
  const labels = placeLabels(svg, net.nodes, pos, radiusOf, width, height);
  svg.append(svgEl("g", {}, ...net.nodes.map((node, i) => networkNode(node, pos[i], radiusOf.get(node.id), active, labels.get(node.id)))));
}

function arrowDefs() {
  return svgEl("defs", {}, ...[...Object.keys(QUADS), "unknown"].map((q) =>
    svgEl("marker", { id: "arrow-" + q, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9,
      markerUnits: "userSpaceOnUse",
      orient: "auto-start-reverse", class: quadClass(q) }, svgEl("path", { d: "M0,0 L10,5 L0,10 z", class: "arrow-head" }))));
}

function networkEdge(e, at, radiusOf, nodes) {
  const a = at.get(e.source), b = at.get(e.target);
  const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
  const rb = radiusOf.get(e.target) + 2;
  const [x2, y2] = [b.x - (dx / d) * rb, b.y - (dy / d) * rb];
  const quad = QUADS[e.quad] ? e.quad : "unknown";
  const label = (id) => shown((nodes.find((node) => node.id === id) || {}).name) || id;
  const split = Object.entries(e.quads).map(([q, n]) => `${QUADS[q] || q} ${n}`).join(", ");
  return svgEl("line", {
    class: `net-edge ${quadClass(e.quad)}`, x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: x2.toFixed(1), y2: y2.toFixed(1),
    "stroke-width": (1 + 1.6 * Math.log2(1 + e.weight)).toFixed(2), "data-source": e.source, "data-target": e.target,
    "marker-end": e.directed ? `url(#arrow-${quad})` : null,
  }, svgEl("title", {}, `${label(e.source)} ${e.directed ? "→" : "↔"} ${label(e.target)} : ${e.weight} événement(s) (${split})`));
}

/** Label the busiest nodes first (nodes come busiest first), right or left of the dot, measured in the SVG:
 * a label that would overlap another label or a dot is left out (the dot's title still names it). */
function placeLabels(svg, nodes, pos, radiusOf, width, height) {
  const boxes = nodes.map((node, i) => ({ x0: pos[i].x - radiusOf.get(node.id), x1: pos[i].x + radiusOf.get(node.id),
    y0: pos[i].y - radiusOf.get(node.id), y1: pos[i].y + radiusOf.get(node.id) }));
  const out = new Map();
  const probe = svgEl("g", { class: "net-node" });
  svg.append(probe);
  nodes.forEach((node, i) => {
    const p = pos[i], r = radiusOf.get(node.id), full = shown(node.name || node.id);
    const label = svgEl("text", { y: (p.y + 4).toFixed(1), class: "net-label" }, truncate(full, LABEL_CHARS));
    if (full.length > LABEL_CHARS || canonical(node.name)) label.append(svgEl("title", {}, [full, canonical(node.name)].filter(Boolean).join(" — ")));
    probe.replaceChildren(label);
    const w = label.getComputedTextLength() + 2, h = 13;
    for (const right of p.x < width * 0.7 ? [true, false] : [false, true]) {
      const x = right ? p.x + r + 3 : p.x - r - 3 - w;
      const box = { x0: x, x1: x + w, y0: p.y - h / 2, y1: p.y + h / 2 };
      const clash = boxes.some((b, j) => j !== i && box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1);
      if (clash || box.x0 < 0 || box.x1 > width || box.y0 < 0 || box.y1 > height) continue;
      boxes.push(box);
      label.setAttribute("x", x.toFixed(1));
      out.set(node.id, label);
      break;
    }
  });
  probe.remove();
  return out;
}

function networkNode(node, p, r, active, label) {
  const g = svgEl("g", { class: "net-node" + (node.id === active ? " active" : ""), "data-actor": node.id, tabindex: 0, role: "button" },
    svgEl("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r.toFixed(1) }),
    label || null,
    svgEl("title", {}, `${shown(node.name) || node.id}${canonical(node.name) ? " — " + node.name : ""}` +
      `${node.country ? " (" + node.country + (node.sector ? "/" + node.sector : "") + ")" : ""} : ${node.n_events} événement(s)`));
  g.addEventListener("click", () => setActorFilter(node.id, shown(node.name)));
  g.addEventListener("keydown", (e) => { if (e.key === "Enter") setActorFilter(node.id, shown(node.name)); });
  return g;
}

// ---- event panel ------------------------------------------------------------------------------
/** Show one event: its coding, its cluster, and its article with the evidence highlighted. */
async function selectEvent(id) {
  state.selected = id;
  document.body.dataset.busy = "1";
  try {
    const ev = await api(`/api/events/${encodeURIComponent(id)}`);
    const doc = await api(`/api/documents/${encodeURIComponent(ev.doc)}`);
    if (state.selected !== id) return;
    state.selectedKey = ev.cluster || ev.id;
    renderEvent(ev, doc);
    markSelected();
    writeHash(readFilters());
  } catch (err) {
    showError(err);
  } finally {
    document.body.dataset.busy = "0";
  }
}

function renderEvent(ev, doc) {
  const panel = $("#event-panel");
  const article = el("div", { class: "article", id: "article" }, ...highlight(doc, ev.id));
  panel.replaceChildren(...[
    el("div", {}, el("span", { class: `badge ${quadClass(ev.quad)}` }, ev.event_type + (ev.mode ? "/" + ev.mode : "")),
      el("span", { class: "who" }, QUADS[ev.quad] || ""), ev.aux !== "none" ? el("span", { class: "tag" }, ev.aux) : null),
    el("dl", {}, ...eventFacts(ev)),
    clusterBox(ev),
    el("h3", { class: "doc-title" }, doc.title || doc.id),
    el("p", { class: "doc-meta" }, [doc.source, doc.published, doc.id].filter(Boolean).join(" · "),
      doc.url ? " · " : null, doc.url ? el("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank" }, "source") : null),
    article].filter(Boolean));
  const mark = article.querySelector("mark.evidence");
  if (mark) article.scrollTop = Math.max(0, mark.offsetTop - article.clientHeight / 3);
}

function eventFacts(ev) {
  const chips = (people) => people.length
    ? people.map((p) => el("button", { type: "button", class: "chip",
      title: [p.text, canonical(p.name)].filter(Boolean).join(" — ") + " — filtrer sur cet acteur",
      onclick: () => setActorFilter(p.id, shown(p.name) || p.text) },
      `${shown(p.name) || p.text}${p.country ? " (" + p.country + (p.sector ? "/" + p.sector : "") + ")" : ""}`))
    : ["—"];
  const where = ev.location ? `${ev.location.name || ev.location.text}${ev.location.country ? " (" + ev.location.country + ")" : ""}` : "—";
  const facts = [["Acteur", el("span", {}, ...chips(ev.actor))], ["Cible", el("span", {}, ...chips(ev.recipient))],
    ["Date", `${ev.date || "inconnue"}${ev.date_basis && ev.date_basis !== "unknown" ? " (" + ev.date_basis + ")" : ""}`],
    ["Lieu", where], ["Déclencheur", ev.trigger || "—"],
    ["Confiance", ev.confidence === null ? "—" : ev.confidence.toFixed(2)]];
  return facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]);
}

function clusterBox(ev) {
  if (!ev.cluster_events.length) return null;
  const docs = new Set([ev.doc, ...ev.cluster_events.map((e) => e.doc)]).size;
  return el("div", { class: "cluster" }, `Même événement rapporté ${ev.cluster_events.length + 1} fois dans ${docs} article(s) :`,
    el("ul", {}, ...ev.cluster_events.map((other) => el("li", {},
      el("a", { "data-event": other.id, tabindex: 0, onclick: () => selectEvent(other.id) },
        `${other.date || "sans date"} — ${other.event_type} — ${other.doc_title || other.doc}`)))));
}

/** The article as text nodes and <mark>s: the selected evidence, other events' spans, time expressions. */
function highlight(doc, selectedId) {
  const chars = Array.from(doc.text); // offsets count code points, as Python does
  const cuts = new Set([0, chars.length]);
  const layers = [...doc.spans.map((s) => ({ ...s, kind: "span" })), ...doc.timexes.map((t) => ({ ...t, kind: "timex" }))];
  for (const s of layers) { cuts.add(Math.max(0, Math.min(s.start, chars.length))); cuts.add(Math.max(0, Math.min(s.end, chars.length))); }
  const bounds = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < bounds.length; i++) out.push(segment(chars, bounds[i], bounds[i + 1], layers, selectedId));
  return out;
}

function segment(chars, a, b, layers, selectedId) {
  let node = document.createTextNode(chars.slice(a, b).join(""));
  const over = layers.filter((s) => s.start <= a && s.end >= b);
  const timex = over.find((s) => s.kind === "timex");
  if (timex) node = el("span", { class: "timex", title: `${timex.value || ""} (${timex.type || "DATE"})` }, node);
  const spans = over.filter((s) => s.kind === "span");
  if (!spans.length) return node;
  const chosen = spans.find((s) => s.event_id === selectedId);
  if (chosen) return el("mark", { class: "evidence", "data-event": chosen.event_id }, node);
  const other = spans[0];
  return el("mark", { class: "span", "data-event": other.event_id, title: `${other.event_type} — voir cet événement`,
    onclick: () => selectEvent(other.event_id) }, node);
}

// ---- freshness: when the store last changed, and the sources it follows (chronique watch) ------
async function showFreshness() {
  const info = await api("/api/sources");
  const box = $("#freshness");
  const failing = info.sources.filter((s) => s.status === "failing").length;
  const when = info.last_updated ? `mis à jour le ${String(info.last_updated).slice(0, 16).replace("T", " ")}` : "";
  const followed = info.sources.length ? `${info.sources.length} source(s) suivie(s)` +
    (failing ? ` dont ${failing} en échec` : "") : "";
  box.textContent = [when, followed].filter(Boolean).join(" · ");
  box.title = info.sources.map((s) => `${s.title || s.source} — ${s.status || "?"}, ` +
    `vérifiée ${String(s.last_checked || "jamais").slice(0, 16).replace("T", " ")}, ${s.documents} articles` +
    (s.last_error ? ` (${s.last_error})` : "")).join("\n");
  box.hidden = !box.textContent;
}

// ---- start ------------------------------------------------------------------------------------
async function start() {
  try {
    await setupFilters();
  } catch (err) {
    showError(err);
  }
  showFreshness().catch(showError);
  setInterval(() => showFreshness().catch(() => {}), 60000);
  const eventId = readHash();
  bindFilters();
  window.addEventListener("resize", debounce(() => refresh(), 250));
  await refresh();
  if (eventId) await selectEvent(eventId);
}

function debounce(fn, ms) {
  let timer = null;
  return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
}

document.addEventListener("DOMContentLoaded", start);
