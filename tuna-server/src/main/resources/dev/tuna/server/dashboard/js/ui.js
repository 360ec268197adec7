// Small DOM helpers. Text always goes in as text nodes, so data from files or models can never inject markup.

/** h("div", {class: "x", onclick: fn}, "text", child, [more]) builds an element. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "value") el.value = value;
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of el. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function toast(message, kind = "info") {
  const box = document.getElementById("toasts");
  const el = h("div", {class: `toast ${kind}`}, message);
  box.append(el);
  setTimeout(() => el.remove(), kind === "error" ? 8000 : 3500);
}

export function formatBytes(n) {
  if (n == null) return "";
  const units = ["B", "KB", "MB", "GB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${i === 0 ? n : n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
}

/** Unix seconds → local date and time. */
export function formatTime(seconds) {
  if (seconds == null) return "";
  return new Date(seconds * 1000).toLocaleString(undefined,
      {year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit"});
}

export function formatClock(seconds) {
  if (seconds == null) return "";
  return new Date(seconds * 1000).toLocaleTimeString(undefined, {hour12: false});
}

export function formatNumber(n, digits = 0) {
  if (n == null || Number.isNaN(n)) return "–";
  return Number(n).toLocaleString(undefined, {maximumFractionDigits: digits, minimumFractionDigits: digits});
}

export function formatDuration(seconds) {
  if (seconds == null || seconds < 0) return "";
  seconds = Math.round(seconds);
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60), s = seconds % 60;
  if (m < 60) return `${m}m ${s}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

const STATUS_KIND = {
  succeeded: "ok", processed: "ok", failed: "bad", error: "bad", cancelled: "warn", paused: "warn",
  running: "run", queued: "run", validating_files: "run", uploaded: "run",
};

export function statusBadge(status) {
  return h("span", {class: `badge ${STATUS_KIND[status] || ""}`, "data-status": status}, (status || "").replace("_", " "));
}

export function stat(label, value) {
  return h("div", {class: "stat"}, h("div", {class: "v"}, value), h("div", {class: "k"}, label));
}

export function pageHead(title, subtitle, ...actions) {
  return h("div", {class: "page-head"},
      h("div", {}, h("h1", {}, title), subtitle ? h("p", {class: "muted"}, subtitle) : null),
      h("div", {class: "row"}, actions));
}

/** Saves a Blob as a download with the given file name. */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h("a", {href: url, download: filename});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
