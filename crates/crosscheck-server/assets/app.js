// crosscheck web page: map, list, incident and document views over the JSON API.
// Article text is hostile: the DOM is built with createElement and textContent only, never
// parsed as markup, and the server's Content-Security-Policy forbids inline script.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const FILTERS = ["country", "admin1", "from", "to", "type", "grade", "contested", "actor", "q", "sort"];
const $ = (sel) => document.querySelector(sel);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === "class") e.className = v;
    else if (k === "href") e.setAttribute("href", safeHref(v));
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

// Links only to this page's routes or to http(s) sources; anything else (javascript:, data:)
// becomes inert.
function safeHref(v) {
  const s = String(v);
  if (s.startsWith("#/") || s.startsWith("/api/")) return s;
  try {
    const u = new URL(s);
    if (u.protocol === "http:" || u.protocol === "https:") return u.href;
  } catch (_) { /* not a URL */ }
  return "#/";
}

function showError(message) {
  const p = $("#error");
  p.textContent = message;
  p.hidden = !message;
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.message || `HTTP ${r.status}`);
  return body;
}

// ---- routes: #/?filters, #/incident/ID, #/document/ID ----------------------------------------

function route() {
  const h = location.hash.replace(/^#/, "") || "/";
  const [path, query] = h.split("?");
  return { path, params: new URLSearchParams(query || "") };
}

function filterParams(params) {
  const out = new URLSearchParams();
  for (const k of FILTERS) if (params.get(k)) out.set(k, params.get(k));
  return out;
}

function formToHash() {
  const data = new FormData($("#filters"));
  const p = new URLSearchParams();
  for (const k of FILTERS) {
    const v = (data.get(k) || "").toString().trim();
    if (v && !(k === "sort" && v === "-date")) p.set(k, v);
  }
  const q = p.toString();
  location.hash = "#/" + (q ? "?" + q : "");
}

function hashToForm(params) {
  const f = $("#filters");
  for (const k of FILTERS) if (f.elements[k]) f.elements[k].value = params.get(k) || (k === "sort" ? "-date" : "");
}

// ---- map ----------------------------------------------------------------------------------

const K = 4; // SVG units per degree
const FULL = { x: 0, y: 0, w: 360 * K, h: 180 * K };
let view = { ...FULL };
let world = null;
let mapIncidents = [];

const project = (lon, lat) => [(lon + 180) * K, (90 - lat) * K];

function setView(v) {
  const w = Math.min(Math.max(v.w, 2 * K), FULL.w);
  const h = w / 2;
  view = { x: Math.min(Math.max(v.x, -w / 2), FULL.w - w / 2), y: Math.min(Math.max(v.y, -h / 2), FULL.h - h / 2), w, h };
  $("#map").setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  drawMarkers();
}

function zoom(factor, cx, cy) {
  const x = cx ?? view.x + view.w / 2;
  const y = cy ?? view.y + view.h / 2;
  const w = view.w * factor;
  setView({ x: x - (x - view.x) * factor, y: y - (y - view.y) * factor, w, h: w / 2 });
}

function fitTo(incidents) {
  const pts = incidents.filter((i) => i.lat !== null && i.lon !== null).map((i) => project(i.lon, i.lat));
  if (!pts.length) return setView(FULL);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const pad = 6 * K;
  let w = Math.max(Math.max(...xs) - Math.min(...xs), 2 * (Math.max(...ys) - Math.min(...ys))) + 2 * pad;
  w = Math.max(w, 20 * K);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  setView({ x: cx - w / 2, y: cy - w / 4, w, h: w / 2 });
}

async function drawWorld() {
  const map = $("#map");
  const g = svg("g", { class: "countries" });
  map.append(g, svg("g", { class: "markers" }));
  try {
    world = await (await fetch("/assets/world.json")).json();
  } catch (_) {
    return;
  }
  for (const c of world.countries) {
    const d = c.rings.map((r) => "M" + r.map(([lon, lat]) => project(lon, lat).map((v) => v.toFixed(1)).join(",")).join("L") + "Z").join("");
    const p = svg("path", { d, class: "country" });
    const t = svg("title", {});
    t.textContent = c.name;
    p.append(t);
    g.append(p);
  }
}

function pxPerUnit() {
  const r = $("#map").getBoundingClientRect();
  return r.width / view.w || 1;
}

function drawMarkers() {
  const layer = $("#map .markers");
  if (!layer) return;
  layer.replaceChildren();
  const ppu = pxPerUnit();
  const cell = 44 / ppu; // cluster the incidents that fall in one 44-pixel square
  const cells = new Map();
  for (const i of mapIncidents) {
    if (i.lat === null || i.lon === null) continue;
    const [x, y] = project(i.lon, i.lat);
    const key = `${Math.floor(x / cell)}:${Math.floor(y / cell)}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push({ i, x, y });
  }
  for (const group of cells.values()) {
    if (group.length === 1) {
      const { i, x, y } = group[0];
      const killed = i.killed.best ?? i.killed.low ?? 0;
      const r = (4 + Math.sqrt(killed) * 1.6) / ppu;
      const c = svg("circle", { cx: x, cy: y, r, class: `marker grade-${i.grade}`, tabindex: "0" });
      const t = svg("title", {});
      t.textContent = `${i.place || "?"}, ${i.country || ""} ${i.date ? i.date.start : ""}: ${killedText(i.killed)} killed (${i.grade.replace("_", " ")})`;
      c.append(t);
      c.addEventListener("click", () => { location.hash = `#/incident/${i.id}?` + filterParams(route().params); });
      layer.append(c);
    } else {
      const x = group.reduce((s, g) => s + g.x, 0) / group.length;
      const y = group.reduce((s, g) => s + g.y, 0) / group.length;
      const r = Math.min(9 + Math.log2(group.length) * 2.5, 21) / ppu;
      const c = svg("circle", { cx: x, cy: y, r, class: "cluster" });
      const label = svg("text", { x, y, class: "cluster-label", "font-size": 11 / ppu, dy: 4 / ppu });
      label.textContent = String(group.length);
      const t = svg("title", {});
      t.textContent = `${group.length} incidents: click to zoom in`;
      c.append(t);
      const go = () => zoom(0.35, x, y);
      c.addEventListener("click", go);
      label.addEventListener("click", go);
      layer.append(c, label);
    }
  }
}

function enablePanZoom() {
  const map = $("#map");
  map.addEventListener("wheel", (e) => {
    e.preventDefault();
    const r = map.getBoundingClientRect();
    const x = view.x + ((e.clientX - r.left) / r.width) * view.w;
    const y = view.y + ((e.clientY - r.top) / r.height) * view.h;
    zoom(e.deltaY > 0 ? 1.25 : 0.8, x, y);
  }, { passive: false });
  let drag = null;
  map.addEventListener("pointerdown", (e) => { drag = { x: e.clientX, y: e.clientY, v: { ...view } }; });
  window.addEventListener("pointerup", () => { drag = null; });
  map.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const ppu = pxPerUnit();
    setView({ ...drag.v, x: drag.v.x - (e.clientX - drag.x) / ppu, y: drag.v.y - (e.clientY - drag.y) / ppu });
  });
  $("#zoom-in").addEventListener("click", () => zoom(0.5));
  $("#zoom-out").addEventListener("click", () => zoom(2));
  $("#zoom-reset").addEventListener("click", () => fitTo(mapIncidents));
}

// ---- list and timeline --------------------------------------------------------------------

function killedText(k) {
  if (!k || (k.low === null && k.best === null && k.high === null)) return "–";
  const lo = k.low ?? k.best;
  const hi = k.high;
  if (hi === null || hi === undefined) return `≥${lo}`;
  return lo === hi ? `${lo}` : `${lo}–${hi}`;
}

function label(s) {
  return (s || "").replaceAll("_", " ");
}

function row(i, params) {
  const where = [i.place, i.admin1, i.country].filter(Boolean).join(", ") || "unknown place";
  const link = el("a", { href: `#/incident/${i.id}?` + filterParams(params) }, where);
  return el("tr", { class: i.contested ? "contested" : "" },
    el("td", {}, i.date ? (i.date.start === i.date.end ? i.date.start : `${i.date.start} – ${i.date.end}`) : "undated"),
    el("td", {}, link),
    el("td", {}, label(i.event_type)),
    el("td", { class: "num" }, killedText(i.killed)),
    el("td", {}, el("span", { class: `badge grade-${i.grade}` }, label(i.grade)), i.contested && i.grade !== "contested" ? el("span", { class: "badge contested-flag" }, "contested") : null),
    el("td", { class: "num" }, String(i.claims)));
}

let nextCursor = null;

async function loadList(params) {
  const q = filterParams(params);
  const body = $("#list tbody");
  body.replaceChildren();
  q.set("limit", "100");
  const page = await api("/api/incidents?" + q);
  for (const i of page.incidents) body.append(row(i, params));
  nextCursor = page.next_cursor;
  $("#more").hidden = !nextCursor;
  $("#count").textContent = page.incidents.length ? `(${page.incidents.length}${nextCursor ? "+" : ""})` : "(none match)";
  // The map takes up to 2,000 incidents of the same filters.
  let all = page.incidents;
  let cursor = page.next_cursor;
  while (cursor && all.length < 2000) {
    const more = await api("/api/incidents?" + q + "&limit=1000&cursor=" + encodeURIComponent(cursor));
    all = all.concat(more.incidents);
    cursor = more.next_cursor;
  }
  mapIncidents = all;
  fitTo(mapIncidents);
}

async function loadMore() {
  const params = route().params;
  const q = filterParams(params);
  q.set("limit", "100");
  q.set("cursor", nextCursor);
  const page = await api("/api/incidents?" + q);
  for (const i of page.incidents) $("#list tbody").append(row(i, params));
  nextCursor = page.next_cursor;
  $("#more").hidden = !nextCursor;
}

async function loadTimeline(params) {
  const q = filterParams(params);
  q.delete("sort");
  const st = await api("/api/stats?" + q);
  const t = $("#timeline");
  t.replaceChildren();
  const months = st.by_month;
  const W = 600, H = 160, pad = 24;
  t.setAttribute("viewBox", `0 0 ${W} ${H}`);
  if (!months.length) return;
  const max = Math.max(...months.map((m) => m.incidents));
  const bw = (W - 2 * pad) / months.length;
  months.forEach((m, k) => {
    const h = ((H - 2 * pad) * m.incidents) / max;
    const r = svg("rect", { x: pad + k * bw + 1, y: H - pad - h, width: Math.max(bw - 2, 1), height: h, class: "bar" });
    const title = svg("title", {});
    title.textContent = `${m.key}: ${m.incidents} incidents, ${m.killed} killed (best estimates)`;
    r.append(title);
    t.append(r);
  });
  const first = svg("text", { x: pad, y: H - 6, class: "axis" });
  first.textContent = months[0].key;
  const last = svg("text", { x: W - pad, y: H - 6, class: "axis", "text-anchor": "end" });
  last.textContent = months[months.length - 1].key;
  const top = svg("text", { x: pad, y: pad - 8, class: "axis" });
  top.textContent = `max ${max} incidents / month`;
  t.append(first, last, top);
}

// ---- incident -----------------------------------------------------------------------------

const enc = new TextEncoder();
const dec = new TextDecoder();

// The quote with its figures marked: figure spans are byte offsets into the document; the
// quote starts at the claim's span.
function markedQuote(claim) {
  const bytes = enc.encode(claim.quote);
  const base = claim.span[0];
  const spans = Object.values(claim.figures || {})
    .map((f) => f.span && [f.span[0] - base, f.span[1] - base])
    .filter((s) => s && s[0] >= 0 && s[1] <= bytes.length && s[0] < s[1])
    .sort((a, b) => a[0] - b[0]);
  const q = el("blockquote", {});
  let at = 0;
  for (const [s, e] of spans) {
    if (s < at) continue;
    q.append(dec.decode(bytes.slice(at, s)), el("mark", {}, dec.decode(bytes.slice(s, e))));
    at = e;
  }
  q.append(dec.decode(bytes.slice(at)));
  return q;
}

function figuresText(figures) {
  return Object.entries(figures || {}).map(([cat, f]) => {
    const open = f.max === null || f.max === undefined;
    const v = open ? `≥${f.min}` : f.min === f.max ? `${f.min}` : `${f.min}–${f.max}`;
    const how = f.vague ? " (vague)" : f.qualifier && !open ? ` (${f.qualifier})` : "";
    return `${cat} ${v}${how}`;
  }).join(", ");
}

function rangeBar(est) {
  const vals = [est.low, est.best, est.high].filter((v) => v !== null && v !== undefined);
  const max = Math.max(...vals, 1) * 1.3;
  const W = 320, H = 34;
  const x = (v) => 8 + ((W - 16) * v) / max;
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "range", role: "img" });
  s.append(svg("line", { x1: 8, x2: W - 8, y1: 14, y2: 14, class: "axis-line" }));
  const lo = est.low ?? 0;
  const hi = est.high ?? max / 1.3;
  s.append(svg("rect", { x: x(lo), y: 8, width: Math.max(x(hi) - x(lo), 2), height: 12, class: est.high === null ? "span open" : "span" }));
  if (est.best !== null && est.best !== undefined) s.append(svg("rect", { x: x(est.best) - 1.5, y: 4, width: 3, height: 20, class: "best" }));
  // One label per distinct value ("low = best 501").
  const labels = new Map();
  for (const [v, name] of [[est.low, "low"], [est.best, "best"], [est.high, "high"]]) {
    if (v === null || v === undefined) continue;
    labels.set(v, labels.has(v) ? `${labels.get(v)} = ${name}` : name);
  }
  for (const [v, names] of labels) {
    const anchor = x(v) < W * 0.25 ? "start" : x(v) > W * 0.75 ? "end" : "middle";
    const t = svg("text", { x: x(v), y: 32, class: "axis", "text-anchor": anchor });
    t.textContent = `${names} ${v}`;
    s.append(t);
  }
  const title = svg("title", {});
  title.textContent = `${est.category}: low ${est.low ?? "open"}, best ${est.best ?? "none"}, high ${est.high ?? "open"}`;
  s.append(title);
  return s;
}

async function showIncident(id, params) {
  const inc = await api("/api/incidents/" + encodeURIComponent(id));
  const d = $("#detail");
  const back = el("a", { href: "#/?" + filterParams(params), class: "back" }, "← all incidents");
  const where = [inc.place, inc.admin2, inc.admin1, inc.country].filter(Boolean).join(", ");
  const date = inc.date ? (inc.date.start === inc.date.end ? inc.date.start : `${inc.date.start} – ${inc.date.end}`) : "undated";
  const claimIds = new Map(inc.claims.map((c, k) => [c.id, k + 1]));
  const cite = (ids) => (ids || []).map((cid) => el("a", { href: `#claim-${claimIds.get(cid)}`, class: "cite" }, `[${claimIds.get(cid) ?? "?"}]`));
  const estimates = el("div", { class: "estimates" }, (inc.estimates || []).map((e) =>
    el("div", { class: "estimate" },
      el("h4", {}, label(e.category)),
      rangeBar(e),
      el("p", { class: "small" }, "low set by ", cite(e.low_claims), " · best by ", cite(e.best_claims), " · high by ", cite(e.high_claims)),
      el("p", { class: "small" }, e.rule))));
  const groups = el("ul", { class: "sources" }, (inc.sources || []).map((g) => {
    const docs = g.documents.map((doc) => {
      const meta = inc.documents[doc] || {};
      return el("li", {}, el("a", { href: `#/document/${doc}` }, meta.outlet || meta.source || doc.slice(0, 12)), meta.published ? ` (${meta.published})` : "");
    });
    if (docs.length === 1) return docs[0];
    return el("li", {}, el("details", {}, el("summary", {}, `${label(g.source)}: ${docs.length} copies, one source`), el("ul", {}, docs)));
  }));
  const claims = el("div", { class: "claims" }, inc.claims.map((c, k) => {
    const doc = inc.documents[c.document] || {};
    return el("article", { class: `claim claim-${c.stance}`, id: `claim-${k + 1}` },
      el("h4", {}, `[${k + 1}] `, c.claimant, el("span", { class: "small" }, ` (${label(c.claimant_kind)})`), " ",
        el("span", { class: `badge stance-${c.stance}` }, c.stance)),
      el("p", { class: "figures" }, figuresText(c.figures) || (c.stance === "denies" ? "denies" : "no figures")),
      c.victims ? el("p", { class: "small" }, "victims: ", label(c.victims)) : null,
      c.perpetrators && c.perpetrators.length ? el("p", { class: "small" }, "perpetrators: ", c.perpetrators.join(", ")) : null,
      markedQuote(c),
      el("p", { class: "small" }, el("a", { href: `#/document/${c.document}` }, doc.outlet || doc.source || c.document.slice(0, 12)),
        c.date ? ` · event ${c.date.start}${c.date.end !== c.date.start ? " – " + c.date.end : ""}` : "",
        ` · bytes ${c.span[0]}–${c.span[1]}`));
  }));
  d.replaceChildren(...[
    back,
    el("h2", {}, `${where || "unknown place"} · ${date}`),
    el("p", {}, label(inc.event_type), inc.sub_event_type ? ` (${inc.sub_event_type})` : "",
      inc.lat !== null && inc.lat !== undefined ? ` · ${inc.lat.toFixed(3)}, ${inc.lon.toFixed(3)} (precision ${inc.geo_precision ?? "?"})` : ""),
    el("p", { class: "grade" }, el("span", { class: `badge grade-${inc.grade}` }, label(inc.grade)), " ", (inc.grade_reasons || []).join("; ")),
    inc.contested ? el("div", { class: "contested-box" }, el("h3", {}, "Contested"), el("ul", {}, inc.contested_reasons.map((r) => el("li", {}, r)))) : null,
    el("h3", {}, "Figures: low / best / high"),
    estimates,
    el("h3", {}, "Claims side by side"),
    claims,
    el("h3", {}, "Independent sources"),
    groups,
    el("details", {}, el("summary", {}, "Why these claims are one incident"), el("ul", {}, (inc.merge_reasons || []).map((r) => el("li", {}, r)))),
  ].filter(Boolean));
  d.hidden = false;
  $("#overview").hidden = true;
  $("#list-panel").hidden = true;
  document.title = `${where} ${date} · crosscheck`;
  document.body.dataset.ready = "incident";
}

// ---- document -----------------------------------------------------------------------------

async function showDocument(id) {
  const doc = await api("/api/documents/" + encodeURIComponent(id));
  const bytes = enc.encode(doc.text);
  const text = el("div", { class: "doc-text" });
  let at = 0;
  const spans = doc.spans.slice().sort((a, b) => a.start - b.start);
  for (const s of spans) {
    if (s.start < at) continue;
    text.append(dec.decode(bytes.slice(at, s.start)));
    const mark = el("mark", { title: `${s.claimant} ${s.stance}`, id: `span-${s.claim}` });
    mark.append(s.incident ? el("a", { href: `#/incident/${s.incident}` }, dec.decode(bytes.slice(s.start, s.end))) : dec.decode(bytes.slice(s.start, s.end)));
    text.append(mark);
    at = s.end;
  }
  text.append(dec.decode(bytes.slice(at)));
  $("#detail").replaceChildren(
    el("a", { href: "#/", class: "back" }, "← all incidents"),
    el("h2", {}, doc.outlet || doc.source || "document"),
    el("p", { class: "small" }, doc.source ? el("a", { href: doc.source, rel: "noopener noreferrer" }, doc.source) : "", doc.published ? ` · published ${doc.published}` : "", ` · sha256 ${doc.sha256}`),
    el("p", { class: "small" }, `${doc.spans.length} evidence spans highlighted; each links to its incident.`),
    text);
  $("#detail").hidden = false;
  $("#overview").hidden = true;
  $("#list-panel").hidden = true;
  document.body.dataset.ready = "document";
}

// ---- start --------------------------------------------------------------------------------

async function render() {
  showError("");
  delete document.body.dataset.ready;
  const { path, params } = route();
  hashToForm(params);
  try {
    if (path.startsWith("/incident/")) return await showIncident(decodeURIComponent(path.slice(10)), params);
    if (path.startsWith("/document/")) return await showDocument(decodeURIComponent(path.slice(10)));
    $("#detail").hidden = true;
    $("#overview").hidden = false;
    $("#list-panel").hidden = false;
    document.title = "crosscheck";
    await Promise.all([loadList(params), loadTimeline(params)]);
    document.body.dataset.readyMs = String(Math.round(performance.now()));
    document.body.dataset.ready = "list";
  } catch (e) {
    showError(e.message);
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  $("#filters").addEventListener("submit", (e) => { e.preventDefault(); formToHash(); });
  $("#clear").addEventListener("click", () => { location.hash = "#/"; });
  $("#more").addEventListener("click", () => loadMore().catch((e) => showError(e.message)));
  window.addEventListener("hashchange", render);
  window.addEventListener("resize", drawMarkers);
  enablePanZoom();
  await drawWorld();
  setView(FULL);
  await render();
});
