// The map page of `sitrep serve`: events, deployments and control statements from the
// store's API on a Leaflet map, with clustering, a time slider, filters, a side list
// synced with the map, evidence popups and an upload form.
//
// Everything shown comes from article text: it is inserted with textContent or escaped,
// never as raw HTML, and only http(s) links are made clickable.
import L from "./leaflet-global.js";
import "leaflet.markercluster";

const MAX_FEATURES = 5000;

// ACLED event types (exact strings) and their colours: warm for violence, cool for the rest.
const EVENT_COLOURS = {
  Battles: "#c62828",
  "Explosions/Remote violence": "#ef6c00",
  "Violence against civilians": "#7b1fa2",
  Protests: "#1565c0",
  Riots: "#f9a825",
  "Strategic developments": "#2e7d32",
};
const OTHER_COLOUR = "#607d8b";
const DEPLOYMENT_COLOUR = "#1f3a5f";
const CONTROL_COLOUR = "#8c510a";
const PRECISION = { 1: "exact place", 2: "near / part of", 3: "region", 4: "country" };
const DATE_PRECISION = { 1: "day", 2: "week", 3: "month" };

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "style") node.style.cssText = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function safeUrl(url) {
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function colourOf(props) {
  if (props.kind === "deployment") return DEPLOYMENT_COLOUR;
  if (props.kind === "control") return CONTROL_COLOUR;
  return EVENT_COLOURS[props.event_type] || OTHER_COLOUR;
}

function titleOf(props) {
  if (props.kind === "event") return props.event_type || "Event";
  if (props.kind === "control") return `Control: ${props.actor || "unknown actor"}`;
  return `Deployment: ${props.actor || "unknown actor"}`;
}

function subtitleOf(props) {
  if (props.kind === "event") {
    const actors = [props.actor1, props.actor2].filter(Boolean).join(" vs ");
    return [props.sub_event_type, actors].filter(Boolean).join(" · ");
  }
  return [props.role, props.strength_text || (props.strength ? `${props.strength}` : null)]
    .filter(Boolean)
    .join(" · ");
}

function placeOf(props) {
  const parts = [props.place || props.place_text, props.admin1, props.country];
  return parts.filter((p, i) => p && parts.indexOf(p) === i).join(", ");
}

// ---------- state ----------
const state = {
  config: null,
  summary: null,
  days: [], // ISO dates, one per slider step
  features: [], // all loaded features (events, deployments, control)
  markers: new Map(), // feature key -> marker
  selected: null,
  totals: { events: 0, deployments: 0 },
  loading: 0,
};

// ---------- map ----------
const map = L.map("map", { zoomControl: true, worldCopyJump: true, minZoom: 2, maxZoom: 18 });
map.createPane("outlines");
map.getPane("outlines").style.zIndex = 150; // under the tiles (200): visible when tiles fail
map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
map.setView([30, 30], 3);

const clusters = L.markerClusterGroup({
  maxClusterRadius: 44,
  showCoverageOnHover: false,
  spiderfyOnMaxZoom: true,
  chunkedLoading: true,
  iconCreateFunction: clusterIcon,
});
map.addLayer(clusters);

function clusterIcon(cluster) {
  const counts = new Map();
  for (const marker of cluster.getAllChildMarkers()) {
    const colour = marker.options.srColour;
    counts.set(colour, (counts.get(colour) || 0) + 1);
  }
  const total = cluster.getChildCount();
  let angle = 0;
  const stops = [];
  for (const [colour, n] of [...counts.entries()].sort((a, b) => b[1] - a[1])) {
    const next = angle + (360 * n) / total;
    stops.push(`${colour} ${angle}deg ${next}deg`);
    angle = next;
  }
  const size = Math.round(26 + 7 * Math.log10(total));
  const html =
    `<div class="sr-cluster" style="width:${size}px;height:${size}px;` +
    `background:conic-gradient(${stops.join(",")})"><span>${total}</span></div>`;
  return L.divIcon({ html, className: "sr-marker", iconSize: [size, size] });
}

function markerIcon(props) {
  const colour = colourOf(props);
  if (props.kind === "event") {
    const size = 12 + 3 * Math.min(Math.max((props.n_outlets || 1) - 1, 0), 4) + (props.headline ? 2 : 0);
    const classes = ["sr-event", props.headline ? "headline" : "", props.contradicted ? "contradicted" : ""];
    const html = `<span class="${classes.join(" ")}" style="background:${colour}"></span>`;
    return L.divIcon({ html, className: "sr-marker", iconSize: [size, size] });
  }
  if (props.kind === "control") {
    const s = 20;
    const html =
      `<svg width="${s}" height="${s}" viewBox="-10 -10 20 20">` +
      `<path d="M0 -9 L9 0 L0 9 L-9 0 Z" fill="${colour}" fill-opacity="0.18" stroke="${colour}" ` +
      `stroke-width="2" stroke-dasharray="3 2"/></svg>`;
    return L.divIcon({ html, className: "sr-marker", iconSize: [s, s] });
  }
  // Deployment: a unit frame (infantry cross) whose width grows with the log of the strength.
  const strength = Number(props.strength) || 0;
  const w = Math.round(18 + (strength > 0 ? 7 * Math.log10(Math.max(strength, 10)) - 7 : 0));
  const h = Math.round(w * 0.66);
  const html =
    `<svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<rect x="1" y="1" width="${w - 2}" height="${h - 2}" fill="#dce7f3" stroke="${colour}" stroke-width="2"/>` +
    `<path d="M1 1 L${w - 1} ${h - 1} M${w - 1} 1 L1 ${h - 1}" stroke="${colour}" stroke-width="1.2"/></svg>`;
  return L.divIcon({ html, className: "sr-marker", iconSize: [w, h] });
}

function featureKey(feature) {
  const p = feature.properties;
  return feature.id != null ? String(feature.id) : `${p.kind}:${p.doc_id}#${p.id}`;
}

// ---------- popup ----------
function popupContent(props) {
  const colour = colourOf(props);
  const chipClass = props.kind === "event" ? "chip" : `chip ${props.kind}`;
  const rows = [];
  const row = (label, value) => {
    if (value !== null && value !== undefined && value !== "") rows.push(el("dt", { text: label }), el("dd", {}, value));
  };
  const when = props.date
    ? `${props.date}${props.date_end && props.date_end !== props.date ? ` → ${props.date_end}` : ""}` +
      (DATE_PRECISION[props.date_precision] ? ` (${DATE_PRECISION[props.date_precision]})` : "")
    : "undated";
  row("Date", when);
  const place = placeOf(props);
  row("Place", place ? `${place}${PRECISION[props.geo_precision] ? ` (${PRECISION[props.geo_precision]})` : ""}` : null);
  if (props.kind === "event") {
    row("Actors", [props.actor1, props.actor2].filter(Boolean).join(" · "));
    const toll = [
      props.fatalities != null ? `${props.fatalities} killed` : null,
      props.injuries != null ? `${props.injuries} injured` : null,
    ].filter(Boolean).join(", ");
    row("Casualties", toll || props.casualties_text);
    row("Weapons", (props.weapons || []).join(", "));
  } else {
    row("Actor", props.actor);
    row("Strength", props.strength_text || (props.strength != null ? String(props.strength) : null));
    row("Role", props.role);
  }
  const source = [props.source, props.source_role ? `(${props.source_role})` : null].filter(Boolean).join(" ");
  row("Says", source);
  const link = safeUrl(props.url);
  const outletName = props.outlet || props.title || props.doc_id;
  const outlet = el("span", {},
    link ? el("a", { href: link, target: "_blank", rel: "noopener noreferrer", text: outletName }) : outletName,
    props.published ? ` · ${props.published}` : "",
  );
  row("Outlet", outlet);
  if (props.title && props.title !== outletName) row("Article", props.title);
  if ((props.n_outlets || 0) > 1 || (props.n_reports || 0) > 1) {
    row("Reported by", `${props.n_outlets || 1} outlet(s), ${props.n_reports || 1} report(s)`);
  }
  const warn = props.contradicted
    ? el("div", { class: "pp-warn", text: `Contradicted by other reports${props.contradictions ? `: ${contradictionText(props.contradictions)}` : ""}` })
    : null;
  return el("div", { class: "pp" },
    el("div", { class: "pp-head" }, el("span", { class: chipClass, style: props.kind === "event" ? `background:${colour}` : "" }), titleOf(props)),
    el("div", { class: "pp-sub", text: subtitleOf(props) }),
    el("blockquote", { class: "pp-evidence", text: props.evidence || "(no evidence sentence)" }),
    el("dl", { class: "pp-grid" }, rows),
    warn,
    el("div", { class: "pp-foot", text: `rule ${props.rule || "?"} · confidence ${props.confidence != null ? Number(props.confidence).toFixed(2) : "?"} · ${props.doc_id || ""}` }),
  );
}

function contradictionText(value) {
  if (typeof value === "string") return value;
  if (!Array.isArray(value)) return "";
  return value
    .map((c) => (c && c.field ? `${c.field}: ${Object.keys(c.values || {}).join(" / ")}` : String(c)))
    .join("; ");
}

// ---------- data ----------
async function getJSON(url, options = {}) {
  const response = await fetch(url, options);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && body.detail ? (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail)) : response.statusText;
    throw new Error(`${response.status}: ${detail}`);
  }
  return body;
}

function filterParams() {
  const params = new URLSearchParams();
  const type = $("f-type").value;
  const actor = $("f-actor").value.trim();
  const outlet = $("f-outlet").value;
  const corroboration = parseInt($("f-corroboration").value, 10);
  if (actor) params.set("actor", actor);
  if (outlet) params.set("outlet", outlet);
  if (corroboration > 0) params.set("min_corroboration", String(corroboration));
  const [from, to] = sliderRange();
  if (state.days.length && (from > 0 || to < state.days.length - 1)) {
    params.set("since", state.days[from]);
    params.set("until", state.days[to]);
  }
  params.set("limit", String(MAX_FEATURES));
  return { params, type };
}

let loadSerial = 0;
async function loadFeatures() {
  const serial = ++loadSerial;
  const { params, type } = filterParams();
  const eventParams = new URLSearchParams(params);
  if (type) eventParams.set("type", type);
  setStats("loading…");
  try {
    const wantEvents = $("k-event").checked;
    const wantPostures = $("k-deployment").checked || $("k-control").checked;
    const empty = { features: [], total: 0 };
    const [events, postures] = await Promise.all([
      wantEvents ? getJSON(`api/events.geojson?${eventParams}`) : empty,
      wantPostures && !type ? getJSON(`api/deployments.geojson?${params}`) : empty,
    ]);
    if (serial !== loadSerial) return; // a newer request superseded this one
    const postureFeatures = postures.features.filter((f) => $(`k-${f.properties.kind === "control" ? "control" : "deployment"}`).checked);
    state.features = [...events.features, ...postureFeatures];
    state.totals = { events: events.total, deployments: postures.total };
    render();
  } catch (error) {
    setStats(`error: ${error.message}`);
  }
}

function render() {
  clusters.clearLayers();
  state.markers.clear();
  const markers = [];
  for (const feature of state.features) {
    if (!feature.geometry) continue;
    const [lon, lat] = feature.geometry.coordinates;
    const props = feature.properties;
    const key = featureKey(feature);
    const marker = L.marker([lat, lon], {
      icon: markerIcon(props),
      srColour: colourOf(props),
      title: `${titleOf(props)} — ${placeOf(props)}`,
      alt: titleOf(props),
      keyboard: true,
    });
    marker.srKey = key;
    marker.srFeature = feature;
    marker.bindPopup(() => popupContent(props), { maxWidth: 380, autoPanPadding: [30, 30] });
    marker.on("popupopen", () => select(key, { scroll: true }));
    marker.on("popupclose", () => {
      if (state.selected === key) select(null);
    });
    markers.push(marker);
    state.markers.set(key, marker);
  }
  clusters.addLayers(markers);
  creditOcha();
  updateLegend();
  updateStats();
  renderList();
}

// OCHA's P-coded places are credited once any shown fact is located by one.
let ochaCredited = false;
function creditOcha() {
  if (ochaCredited || !state.features.some((f) => f.properties.pcode)) return;
  map.attributionControl.addAttribution("P-codes: OCHA COD (CC BY-IGO)");
  ochaCredited = true;
}

function setStats(text) {
  $("stats").textContent = text;
}

function updateStats() {
  const counts = { event: 0, deployment: 0, control: 0 };
  for (const f of state.features) counts[f.properties.kind] = (counts[f.properties.kind] || 0) + 1;
  const s = state.summary || {};
  const parts = [
    `${counts.event} events`,
    `${counts.deployment} deployments`,
    `${counts.control} control statements on the map`,
  ];
  const more =
    state.totals.events > counts.event && state.totals.events >= MAX_FEATURES
      ? ` (first ${MAX_FEATURES} of ${state.totals.events} events: narrow the filters)`
      : "";
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const corpus =
    s.documents != null
      ? ` · store: ${plural(s.documents, "article")}, ${plural(s.events, "event")}, ${plural(s.claims, "claim")}`
      : "";
  setStats(parts.join(" · ") + more + corpus);
}

// ---------- side list ----------
function renderList() {
  const list = $("list");
  list.replaceChildren();
  const inView = $("f-inview").checked;
  const bounds = map.getBounds();
  let shown = state.features.filter((f) => f.geometry);
  if (inView) {
    shown = shown.filter((f) => bounds.contains(L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0])));
  }
  shown.sort((a, b) => String(b.properties.date || "").localeCompare(String(a.properties.date || "")) || (a.properties.kind < b.properties.kind ? -1 : 1));
  const limit = 400;
  for (const feature of shown.slice(0, limit)) {
    const p = feature.properties;
    const key = featureKey(feature);
    const chip = el("span", { class: p.kind === "event" ? "chip" : `chip ${p.kind}`, style: p.kind === "event" ? `background:${colourOf(p)}` : "" });
    const tags = [];
    if ((p.n_outlets || 0) > 1) tags.push(el("span", { class: "tag", title: "independent outlets reporting it", text: `${p.n_outlets} outlets` }));
    if (p.contradicted) tags.push(el("span", { class: "tag warn", text: "contradicted" }));
    const item = el("li", { "data-key": key, tabindex: "0" },
      el("div", { class: "l-head" }, chip, el("span", { text: titleOf(p) }), tags),
      el("div", { class: "l-meta", text: [p.date || "undated", placeOf(p), subtitleOf(p), p.outlet].filter(Boolean).join(" · ") }),
      el("div", { class: "l-evidence", text: p.evidence || "" }),
    );
    item.addEventListener("click", () => focusFeature(key));
    item.addEventListener("keydown", (e) => {
      if (e.key === "Enter") focusFeature(key);
    });
    if (key === state.selected) item.classList.add("active");
    list.append(item);
  }
  if (!shown.length) list.append(el("li", { class: "empty", text: inView ? "Nothing in view: zoom out or change the filters." : "Nothing matches the filters." }));
  const extra = shown.length > limit ? ` (first ${limit})` : "";
  $("list-count").textContent = `${shown.length} ${inView ? "in view" : "loaded"}${extra}`;
}

// How long the cluster's zoom/spiderfy may take before the popup is opened anyway.
const FOCUS_FALLBACK_MS = 1200;

function focusFeature(key) {
  const marker = state.markers.get(key);
  if (!marker) return;
  const open = () => {
    if (!marker.isPopupOpen()) marker.openPopup();
  };
  clusters.zoomToShowLayer(marker, open);
  // markercluster does not call back when an animation is interrupted (a
  // busy page, a second click) or when many markers share one point; the
  // evidence must show all the same, over the marker's place.
  setTimeout(() => {
    if (marker.isPopupOpen()) return;
    if (clusters.getVisibleParent(marker) === marker) {
      open();
    } else {
      const popup = L.popup({ maxWidth: 380, autoPanPadding: [30, 30] })
        .setLatLng(marker.getLatLng())
        .setContent(marker.getPopup().getContent());
      popup.on("remove", () => {
        if (state.selected === key) select(null);
      });
      popup.openOn(map);
      select(key, { scroll: true });
    }
  }, FOCUS_FALLBACK_MS);
}

function select(key, { scroll = false } = {}) {
  const previous = state.selected && state.markers.get(state.selected);
  if (previous && previous._icon) previous._icon.classList.remove("selected");
  state.selected = key;
  for (const li of $("list").querySelectorAll("li.active")) li.classList.remove("active");
  if (!key) return;
  const marker = state.markers.get(key);
  if (marker && marker._icon) marker._icon.classList.add("selected");
  const item = $("list").querySelector(`li[data-key="${CSS.escape(key)}"]`);
  if (item) {
    item.classList.add("active");
    if (scroll) item.scrollIntoView({ block: "nearest" });
  }
}

// ---------- legend ----------
const legend = L.control({ position: "bottomright" });
legend.onAdd = () => el("div", { class: "legend", id: "legend" });
legend.addTo(map);

function updateLegend() {
  const counts = new Map();
  for (const f of state.features) {
    const key = f.properties.kind === "event" ? f.properties.event_type || "Other" : f.properties.kind;
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const box = $("legend");
  box.replaceChildren(el("h4", { text: "Events (ACLED type)" }));
  for (const [name, colour] of Object.entries(EVENT_COLOURS)) {
    box.append(el("div", {}, el("span", { class: "chip", style: `background:${colour}` }), name, el("span", { class: "count", text: counts.get(name) || 0 })));
  }
  box.append(
    el("hr"),
    el("div", {}, el("span", { class: "chip deployment" }), "Deployment (size: strength)", el("span", { class: "count", text: counts.get("deployment") || 0 })),
    el("div", {}, el("span", { class: "chip control" }), "Control / influence", el("span", { class: "count", text: counts.get("control") || 0 })),
    el("div", { style: "color:#5d6773;font-size:11px" }, "Larger dot: more outlets; dashed: contradicted"),
  );
}

// ---------- time slider ----------
function sliderRange() {
  const a = parseInt($("t-from").value, 10) || 0;
  const b = parseInt($("t-to").value, 10) || 0;
  return [Math.min(a, b), Math.max(a, b)];
}

function setupSlider(summary) {
  const first = summary.first_date;
  const last = summary.last_date;
  if (!first || !last) {
    $("timebar").classList.add("empty");
    $("t-label").textContent = "no dated facts";
    return;
  }
  const days = [];
  const end = new Date(`${last}T00:00:00Z`);
  for (let d = new Date(`${first}T00:00:00Z`); d <= end && days.length < 20000; d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10));
  }
  state.days = days;
  for (const id of ["t-from", "t-to"]) {
    $(id).max = String(days.length - 1);
  }
  $("t-from").value = "0";
  $("t-to").value = String(days.length - 1);
  $("t-min").textContent = first;
  $("t-max").textContent = last;
  drawHistogram(summary.dates || []);
  updateSliderLabel();
}

// Events per day, binned so that no bar is thinner than about 1/120 of the slider.
function drawHistogram(dates) {
  const svg = $("histogram");
  svg.replaceChildren();
  const n = state.days.length;
  if (!n) return;
  const bin = Math.max(1, Math.ceil(n / 120));
  const bins = Math.ceil(n / bin);
  const index = new Map(state.days.map((d, i) => [d, i]));
  const counts = new Array(bins).fill(0);
  for (const { date, count } of dates) if (index.has(date)) counts[Math.floor(index.get(date) / bin)] += count;
  const max = Math.max(1, ...counts);
  svg.setAttribute("viewBox", `0 0 ${bins} 100`);
  const ns = "http://www.w3.org/2000/svg";
  counts.forEach((count, b) => {
    if (!count) return;
    const rect = document.createElementNS(ns, "rect");
    const h = Math.max(6, (100 * count) / max);
    rect.setAttribute("x", String(b + 0.12));
    rect.setAttribute("width", "0.76");
    rect.setAttribute("y", String(100 - h));
    rect.setAttribute("height", String(h));
    rect.dataset.from = String(b * bin);
    rect.dataset.to = String(Math.min(n - 1, (b + 1) * bin - 1));
    const title = document.createElementNS(ns, "title");
    const span = bin > 1 ? `${state.days[b * bin]} → ${state.days[Number(rect.dataset.to)]}` : state.days[b * bin];
    title.textContent = `${span}: ${count} event${count === 1 ? "" : "s"}`;
    rect.append(title);
    svg.append(rect);
  });
  shadeHistogram();
}

function shadeHistogram() {
  const [from, to] = sliderRange();
  for (const rect of $("histogram").querySelectorAll("rect")) {
    rect.classList.toggle("in", Number(rect.dataset.to) >= from && Number(rect.dataset.from) <= to);
  }
}

function updateSliderLabel() {
  const [from, to] = sliderRange();
  if (!state.days.length) return;
  const all = from === 0 && to === state.days.length - 1;
  $("t-label").textContent = all
    ? `all dates (${state.days[0]} → ${state.days[state.days.length - 1]})`
    : `${state.days[from]} → ${state.days[to]} (${to - from + 1} days)`;
  shadeHistogram();
}

// ---------- filters ----------
function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
const reload = debounce(loadFeatures, 250);

function setupFilters(summary, sources, actors) {
  const typeSelect = $("f-type");
  for (const name of Object.keys(EVENT_COLOURS)) {
    const n = (summary.event_types || []).find((t) => t.name === name);
    typeSelect.append(el("option", { value: name, text: `${name}${n ? ` (${n.count})` : ""}` }));
  }
  const outletSelect = $("f-outlet");
  for (const source of sources) {
    if (source.outlet) outletSelect.append(el("option", { value: source.outlet, text: source.outlet }));
  }
  const names = $("actor-names");
  for (const actor of actors) if (actor.name) names.append(el("option", { value: actor.name }));

  for (const id of ["f-type", "f-outlet", "k-event", "k-deployment", "k-control"]) $(id).addEventListener("change", reload);
  for (const id of ["f-actor", "f-corroboration"]) $(id).addEventListener("input", reload);
  for (const id of ["t-from", "t-to"]) {
    $(id).addEventListener("input", () => {
      updateSliderLabel();
      reload();
    });
  }
  $("t-all").addEventListener("click", () => {
    $("t-from").value = "0";
    $("t-to").value = String(Math.max(state.days.length - 1, 0));
    updateSliderLabel();
    reload();
  });
  $("f-inview").addEventListener("change", renderList);
  $("filters").addEventListener("reset", () => {
    setTimeout(() => {
      $("t-from").value = "0";
      $("t-to").value = String(Math.max(state.days.length - 1, 0));
      updateSliderLabel();
      loadFeatures();
    }, 0);
  });
  $("filters").addEventListener("submit", (e) => e.preventDefault());
  map.on("moveend", () => renderList());
}

// ---------- tiles and outlines ----------
async function setupBaseLayers(config) {
  try {
    const outlines = await getJSON("static/countries.geojson");
    L.geoJSON(outlines, {
      pane: "outlines",
      interactive: false,
      style: { color: "#9aa5b1", weight: 0.8, fillColor: "#f3f1ec", fillOpacity: 1 },
    }).addTo(map);
  } catch (error) {
    console.warn("country outlines not loaded", error);
  }
  map.attributionControl.addAttribution("Outlines: Natural Earth (public domain)");
  map.attributionControl.addAttribution('Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)');
  if (!config.tiles_url) return;
  const tiles = L.tileLayer(config.tiles_url, { attribution: config.tiles_attribution || "", maxZoom: 18 });
  let failed = 0;
  let loaded = 0;
  tiles.on("tileerror", () => {
    failed += 1;
    if (failed >= 4 && loaded === 0) {
      $("tiles-notice").hidden = false;
      tiles.setOpacity(0); // the outlines underneath stay readable
    }
  });
  tiles.on("tileload", () => {
    loaded += 1;
    $("tiles-notice").hidden = true;
    tiles.setOpacity(1);
  });
  tiles.addTo(map);
}

function fitToFeatures(features) {
  const points = features.filter((f) => f.geometry).map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]);
  if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.25), { maxZoom: 11 });
}

// ---------- upload ----------
function setupUpload(config) {
  if (!config.write_enabled) {
    $("readonly").hidden = false;
    return;
  }
  const dialog = $("upload");
  $("add-article").hidden = false;
  $("add-article").addEventListener("click", () => {
    $("u-token").value = sessionStorage.getItem("sitrep-token") || $("u-token").value;
    dialog.showModal();
  });
  $("u-cancel").addEventListener("click", () => dialog.close());
  let fileIsHtml = false;
  $("u-file").addEventListener("change", async () => {
    const file = $("u-file").files[0];
    if (!file) return;
    fileIsHtml = /\.html?$/i.test(file.name) || file.type === "text/html";
    $("u-text").value = await file.text();
    if (!$("u-title").value) $("u-title").value = file.name.replace(/\.[^.]+$/, "");
  });
  $("u-text").addEventListener("input", () => {
    fileIsHtml = false;
  });
  $("upload-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const status = $("u-status");
    const text = $("u-text").value;
    if (!text.trim()) {
      status.className = "status error";
      status.textContent = "Paste a text or choose a file first.";
      return;
    }
    const token = $("u-token").value.trim();
    sessionStorage.setItem("sitrep-token", token);
    const body = {
      text,
      html: fileIsHtml,
      title: $("u-title").value.trim() || null,
      outlet: $("u-outlet").value.trim() || null,
      url: $("u-url").value.trim() || null,
      published: $("u-published").value || null,
    };
    status.className = "status";
    status.textContent = "Extracting… (the first article loads the language model: up to a minute)";
    $("u-submit").disabled = true;
    try {
      const result = await getJSON("api/extract", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      status.className = "status ok";
      const c = result.counts || {};
      status.textContent =
        `${result.stored ? "Stored" : "Already in the store"}: ${result.doc_id} — ` +
        `${c.events ?? 0} events, ${c.deployments ?? 0} deployments, ${c.claims ?? 0} claims, ${c.places ?? 0} places.`;
      await refreshSummary();
      await loadFeatures();
      fitToFeatures(state.features.filter((f) => f.properties.doc_id === result.doc_id));
    } catch (error) {
      status.className = "status error";
      status.textContent = error.message;
    } finally {
      $("u-submit").disabled = false;
    }
  });
}

async function refreshSummary() {
  state.summary = await getJSON("api/summary");
  setupSlider(state.summary);
}

// ---------- start ----------
async function start() {
  try {
    const [config, summary, sources, actors] = await Promise.all([
      getJSON("api/config"),
      getJSON("api/summary"),
      getJSON("api/sources?limit=500").then((r) => r.items || []),
      getJSON("api/actors?limit=1000").then((r) => r.items || []),
    ]);
    state.config = config;
    state.summary = summary;
    await setupBaseLayers(config);
    setupSlider(summary);
    setupFilters(summary, sources, actors);
    setupUpload(config);
    await loadFeatures();
    fitToFeatures(state.features);
    document.body.dataset.ready = "true";
  } catch (error) {
    setStats(`cannot reach the sitrep API: ${error.message}`);
    document.body.dataset.ready = "error";
  }
}

start();
