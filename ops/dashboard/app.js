// The Permanence Monitoring Group's dashboard. Plain JS, no external resources: it talks
// only to this server's /v1 API with the read token (kept in sessionStorage; the demo
// passes it in the URL fragment, which never reaches the server).
"use strict";

const $ = (sel) => document.querySelector(sel);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
const today = () => new Date().toISOString().slice(0, 10);

function takeTokenFromFragment() {
  const m = location.hash.match(/token=([A-Za-z0-9._-]+)/);
  if (m) {
    sessionStorage.setItem("cjl-token", m[1]);
    history.replaceState(null, "", location.pathname + "#/children");
  }
}

async function api(path) {
  const token = sessionStorage.getItem("cjl-token");
  if (!token) throw Object.assign(new Error("no token"), {status: 401});
  const res = await fetch(path, {headers: {Authorization: "Bearer " + token}});
  const body = await res.json();
  if (!res.ok) throw Object.assign(new Error(body.error || res.statusText), {status: res.status});
  return body;
}

function asAt() { return $("#as-at").value || today(); }

function show(id) {
  for (const s of document.querySelectorAll("main > section")) s.hidden = s.id !== id;
  $("#nav-children").classList.toggle("active", id === "children-view" || id === "child-view");
  $("#nav-scorecard").classList.toggle("active", id === "scorecard-view");
}

function tag(text, cls) { return `<span class="tag ${esc(cls || "")}">${esc(text)}</span>`; }

function nextMilestone(row) {
  const open = row.milestones.filter((m) => m.done === null);
  open.sort((a, b) => a.days - b.days);
  return open[0];
}

// ---- children in care ----------------------------------------------------------------
let filterOptionsLoaded = false;

function fillSelect(sel, values) {
  const current = sel.value;
  for (const v of [...values].sort()) {
    if (![...sel.options].some((o) => o.value === v)) sel.add(new Option(v, v));
  }
  sel.value = current;
}

async function showChildren() {
  show("children-view");
  const params = new URLSearchParams({as_at: asAt(), limit: "1000"});
  for (const [id, key] of [["#f-alert", "alert"], ["#f-plan", "plan"], ["#f-ls", "legal_status"], ["#f-team", "team"], ["#f-status", "status"]]) {
    if ($(id).value) params.set(key, $(id).value);
  }
  const data = await api("/v1/trackers?" + params);
  if (!filterOptionsLoaded) {
    const all = await api("/v1/trackers?" + new URLSearchParams({as_at: asAt(), limit: "1000"}));
    fillSelect($("#f-alert"), new Set(all.children.flatMap((c) => c.alerts.map((a) => a.kind.split(":")[0]))));
    fillSelect($("#f-plan"), new Set(all.children.map((c) => c.plan).filter(Boolean)));
    fillSelect($("#f-ls"), new Set(all.children.map((c) => c.legal_status).filter(Boolean)));
    fillSelect($("#f-team"), new Set(all.children.map((c) => c.team).filter(Boolean)));
    filterOptionsLoaded = true;
  }
  $("#count").textContent = `${data.total} children` + (data.total > data.children.length ? ` (first ${data.children.length} shown)` : "");
  $("#children tbody").innerHTML = data.children.map((c) => {
    const m = nextMilestone(c);
    return `<tr class="row" data-child="${esc(c.child_id)}">
      <td><a href="#/child/${encodeURIComponent(c.child_id)}">${esc(c.child_id)}</a>${c.looked_after ? "" : ' <span class="muted">(not in care)</span>'}</td>
      <td>${esc(c.team || "—")}</td><td>${esc(c.plan || "—")}</td><td>${esc(c.legal_status || "—")}</td>
      <td>${m ? tag(m.id, m.status) : '<span class="muted">all done</span>'}</td>
      <td>${m ? esc(m.due) : ""}</td>
      <td class="days ${m && m.days < 0 ? "neg" : ""}">${m ? m.days : ""}</td>
      <td>${c.alerts.map((a) => tag(a.kind, a.kind.split(":")[0])).join("")}</td></tr>`;
  }).join("");
  for (const tr of document.querySelectorAll("#children tr.row")) {
    tr.addEventListener("click", () => { location.hash = "#/child/" + encodeURIComponent(tr.dataset.child); });
  }
}

// ---- one child ---------------------------------------------------------------------------
const placementColour = (p) => ({A: "#5694ca", U: "#00703c", T: "#b1b4b6", K: "#d4351c", R: "#912b88", P: "#f47738", H: "#28a197", S: "#6f72af", Z: "#505a5f"}[String(p || "Z")[0]] || "#505a5f");

function timelineSvg(report) {
  const periods = report.periods_of_care || [];
  const milestones = (report.tracker && report.tracker.milestones) || [];
  const dates = [];
  for (const p of periods) { dates.push(p.start); if (p.end) dates.push(p.end); }
  for (const m of milestones) { dates.push(m.trigger, m.due); if (m.done) dates.push(m.done); }
  dates.push(report.as_at);
  const t = dates.filter(Boolean).map((d) => Date.parse(d));
  if (t.length === 0) return "<p class='muted'>No dated facts.</p>";
  const lo = Math.min(...t), hi = Math.max(...t) + 86400000;
  const W = 1000, L = 150, x = (d) => L + ((Date.parse(d) - lo) / (hi - lo)) * (W - L - 10);
  let y = 10, out = [];
  out.push(`<text x="0" y="${y + 12}" font-size="12">Placements</text>`);
  for (const p of periods) {
    for (const e of p.episodes || []) {
      const x1 = x(e.start), x2 = x(e.end || report.as_at);
      out.push(`<rect x="${x1}" y="${y}" width="${Math.max(2, x2 - x1)}" height="16" fill="${placementColour(e.placement_type)}"><title>${esc(e.start)} ${esc(e.placement_type)} carer ${esc(e.carer_id)} (RNE ${esc(e.rne)})</title></rect>`);
      if (x2 - x1 > 24) out.push(`<text x="${x1 + 3}" y="${y + 12}" font-size="11" fill="#fff">${esc(e.placement_type)}</text>`);
    }
  }
  y += 26;
  out.push(`<text x="0" y="${y + 12}" font-size="12">Legal status</text>`);
  for (const p of periods) {
    for (const e of p.episodes || []) {
      const x1 = x(e.start), x2 = x(e.end || report.as_at);
      out.push(`<rect x="${x1}" y="${y}" width="${Math.max(2, x2 - x1)}" height="16" fill="#eef2f5" stroke="#b1b4b6"><title>${esc(e.legal_status)} from ${esc(e.start)}</title></rect>`);
      if (x2 - x1 > 24) out.push(`<text x="${x1 + 3}" y="${y + 12}" font-size="11">${esc(e.legal_status)}</text>`);
    }
  }
  y += 30;
  for (const m of milestones) {
    out.push(`<text x="0" y="${y + 11}" font-size="12">${esc(m.id)}</text>`);
    const end = m.done || report.as_at;
    const colour = {done_on_time: "#00703c", done_late: "#f47738", overdue: "#d4351c", due_soon: "#f47738", due: "#1d70b8"}[m.status] || "#505a5f";
    out.push(`<line x1="${x(m.trigger)}" x2="${x(end)}" y1="${y + 7}" y2="${y + 7}" stroke="${colour}" stroke-width="4"><title>${esc(m.id)}: ${esc(m.status)}</title></line>`);
    out.push(`<line x1="${x(m.due)}" x2="${x(m.due)}" y1="${y}" y2="${y + 14}" stroke="#0b0c0c" stroke-width="2"><title>due ${esc(m.due)}</title></line>`);
    y += 18;
  }
  const ax = x(report.as_at);
  out.push(`<line x1="${ax}" x2="${ax}" y1="0" y2="${y}" stroke="#0b0c0c" stroke-dasharray="3,3"/><text x="${ax - 3}" y="${y + 12}" font-size="11" text-anchor="end">as at ${esc(report.as_at)}</text>`);
  return `<svg width="${W}" height="${y + 20}" role="img" aria-label="journey timeline">${out.join("")}</svg>`;
}

async function showChild(id) {
  show("child-view");
  const r = await api(`/v1/children/${encodeURIComponent(id)}?as_at=${asAt()}`);
  const t = r.tracker || {milestones: [], alerts: []};
  $("#child-view").innerHTML = `
    <p><a href="#/children">← children in care</a></p>
    <h2>Child ${esc(id)}</h2>
    <p>Date of birth ${esc(r.date_of_birth || "unknown")} · ${r.looked_after ? "looked after" : "not looked after"} on ${esc(r.as_at)}</p>
    <h3>Journey</h3><div class="timeline">${timelineSvg(r)}</div>
    <h3>Milestones</h3>
    <table><thead><tr><th>Milestone</th><th>Trigger</th><th>Due</th><th>Done</th><th>Status</th><th>Days</th></tr></thead><tbody>
    ${t.milestones.map((m) => `<tr><td>${esc(m.id)}</td><td>${esc(m.trigger)}</td><td>${esc(m.due)}</td><td>${esc(m.done || "—")}</td><td>${tag(m.status, m.status)}</td><td class="days ${m.days < 0 && !m.done ? "neg" : ""}">${m.days}</td></tr>`).join("")}
    </tbody></table>
    <h3>Alerts</h3>
    <p>${t.alerts.length ? t.alerts.map((a) => tag(`${a.kind} since ${a.since}`, a.kind.split(":")[0])).join(" ") : '<span class="muted">none</span>'}</p>`;
}

// ---- scorecard ------------------------------------------------------------------------------
function monthEnds(asAtIso, n) {
  const d = new Date(asAtIso + "T00:00:00Z"), out = [];
  for (let i = n - 1; i >= 0; --i) {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i + 1, 0));
    out.push(i === 0 ? asAtIso : m.toISOString().slice(0, 10));
  }
  return out;
}

function sparkline(values) {
  const pts = values.map((v, i) => [i, v]).filter(([, v]) => v !== null && v !== undefined);
  if (pts.length < 2) return "";
  const vs = pts.map(([, v]) => v), lo = Math.min(...vs), hi = Math.max(...vs), W = 230, H = 40;
  const px = (i) => 4 + (i / (values.length - 1)) * (W - 8), py = (v) => H - 4 - (hi === lo ? 0.5 : (v - lo) / (hi - lo)) * (H - 8);
  return `<svg width="${W}" height="${H}" role="img" aria-label="12-month trend"><polyline fill="none" stroke="#1d70b8" stroke-width="2" points="${pts.map(([i, v]) => `${px(i)},${py(v)}`).join(" ")}"/></svg>`;
}

const FIGURES = [
  ["Children looked after", (s) => s.children_looked_after, "looked_after", ""],
  ["Started in the year", (s) => s.started_in_year, "started_in_year", ""],
  ["Ceased in the year", (s) => s.ceased_in_year, "ceased_in_year", ""],
  ["3+ placements in the year", (s) => s.three_plus_placements.percent, "three_plus_placements", "%"],
  ["Long-term stability", (s) => s.long_term_stability.percent, "long_term_stability", "%"],
  ["A1: entry to placed for adoption (mean days)", (s) => s.adoption.a1_mean_days, null, " days"],
  ["A2: placement order to match (mean days)", (s) => s.adoption.a2_mean_days, null, " days"],
  ["A10: entry to moving in (mean days)", (s) => s.adoption.a10_mean_days, null, " days"],
  ["A3: placed within 426 days", (s) => s.adoption.a3_percent, null, "%"],
  ["Adopted (3 years)", (s) => s.adoption.children_adopted, null, ""],
];

async function showScorecard() {
  show("scorecard-view");
  const dates = monthEnds(asAt(), 12);
  const cards = await Promise.all(dates.map((d) => api("/v1/scorecard?as_at=" + d)));
  const now = cards[cards.length - 1];
  const fmt = (v, unit) => (v === null || v === undefined ? "—" : (typeof v === "number" && !Number.isInteger(v) ? v.toFixed(1) : v) + unit);
  $("#scorecard-view").innerHTML = `<h2>Scorecard as at ${esc(now.as_at)} <span class="muted">(profile ${esc(now.profile)})</span></h2>
    <div class="cards">${FIGURES.map(([label, get, key, unit]) => {
      const behind = key && now.children ? now.children[key] || [] : [];
      return `<div class="card"><h3>${esc(label)}</h3><div class="value">${esc(fmt(get(now), unit))}</div>
        ${sparkline(cards.map(get))}<div class="sub">12 months to ${esc(now.as_at)}</div>
        ${behind.length ? `<details><summary>${behind.length} children</summary>${behind.map((c) => `<a href="#/child/${encodeURIComponent(c)}">${esc(c)}</a>`).join(", ")}</details>` : ""}</div>`;
    }).join("")}</div>`;
}

// ---- routing -----------------------------------------------------------------------------------
async function route() {
  const token = sessionStorage.getItem("cjl-token");
  if (!token) { show("login"); return; }
  const h = location.hash || "#/children";
  $("#status").textContent = "loading…";
  try {
    if (h.startsWith("#/child/")) await showChild(decodeURIComponent(h.slice(8)));
    else if (h.startsWith("#/scorecard")) await showScorecard();
    else await showChildren();
    $("#status").textContent = "as at " + asAt();
  } catch (e) {
    $("#status").textContent = "error: " + e.message;
    if (e.status === 401 || e.status === 403) { sessionStorage.removeItem("cjl-token"); show("login"); }
  }
}

takeTokenFromFragment();
$("#as-at").value = today();
$("#as-at").addEventListener("change", () => { filterOptionsLoaded = false; route(); });
for (const id of ["#f-alert", "#f-plan", "#f-ls", "#f-team", "#f-status"]) $(id).addEventListener("change", route);
$("#login-form").addEventListener("submit", (ev) => { ev.preventDefault(); sessionStorage.setItem("cjl-token", $("#token").value.trim()); route(); });
window.addEventListener("hashchange", route);
route();
