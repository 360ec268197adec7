// The dashboard talks to the same OpenAI-shaped /v1 API as every other client, plus a few /tuna routes of its own.

const V1 = new URL("../v1/", import.meta.url);
const TUNA = new URL("../tuna/", import.meta.url);
const KEY = "tuna.apiKey";

export class ApiError extends Error {
  constructor(status, message, code, param) {
    super(message);
    this.status = status;
    this.code = code;
    this.param = param;
  }
}

export function apiKey() {
  return sessionStorage.getItem(KEY) || "";
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
  document.dispatchEvent(new CustomEvent("tuna:api-key"));
}

let pendingKeyPrompt = null;

/** Shows the key dialog once for any number of concurrent 401s; resolves true when a new key was saved. */
export function promptForKey() {
  if (pendingKeyPrompt) return pendingKeyPrompt;
  const dialog = document.getElementById("api-key-dialog");
  const input = document.getElementById("api-key-input");
  input.value = apiKey();
  pendingKeyPrompt = new Promise(resolve => {
    dialog.addEventListener("close", () => {
      pendingKeyPrompt = null;
      if (dialog.returnValue === "save" && input.value.trim()) {
        setApiKey(input.value.trim());
        resolve(true);
      } else {
        if (dialog.returnValue === "clear") setApiKey("");
        resolve(false);
      }
    }, {once: true});
  });
  dialog.showModal();
  input.focus();
  return pendingKeyPrompt;
}

function headers(extra) {
  const h = new Headers(extra || {});
  const key = apiKey();
  if (key) h.set("Authorization", `Bearer ${key}`);
  return h;
}

async function errorFrom(response) {
  let message = `${response.status} ${response.statusText}`, code = null, param = null;
  try {
    const body = await response.json();
    if (body && body.error) {
      message = body.error.message || message;
      code = body.error.code;
      param = body.error.param;
    }
  } catch { /* not JSON: keep the status line */ }
  return new ApiError(response.status, message, code, param);
}

/** fetch() against base with the key; on 401 asks for a key once and retries. Returns the Response. */
async function send(base, path, init = {}, retried = false) {
  const url = new URL(path.replace(/^\//, ""), base);
  const response = await fetch(url, {...init, headers: headers(init.headers)});
  if (response.status === 401 && !retried) {
    if (await promptForKey()) return send(base, path, init, true);
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

/** JSON call to /v1: api("files"), api("fine_tuning/jobs", {method: "POST", json: {...}}). */
export async function api(path, {method = "GET", json, body, signal, headers: extra} = {}) {
  const init = {method, signal, headers: extra};
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers = {...(extra || {}), "Content-Type": "application/json"};
  } else if (body !== undefined) {
    init.body = body;
  }
  const response = await send(V1, path, init);
  return response.status === 204 ? null : response.json();
}

/** Raw Response from /v1 (downloads, streams). */
export function apiResponse(path, init = {}) {
  return send(V1, path, init);
}

/** JSON call to the dashboard's own /tuna routes; null when the server does not have the route (404/405). */
export async function tuna(path, {method = "GET", body, contentType} = {}) {
  try {
    const response = await send(TUNA, path, {method, body, headers: contentType ? {"Content-Type": contentType} : {}});
    return await response.json();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return null;
    throw e;
  }
}

export function tunaUrl(path) {
  return new URL(path.replace(/^\//, ""), TUNA).toString();
}

/** Every item of a cursor-paginated list (files, jobs, events, checkpoints). */
export async function listAll(path, {limit = 100, max = 10_000} = {}) {
  const items = [];
  let after = null;
  for (;;) {
    const sep = path.includes("?") ? "&" : "?";
    const page = await api(`${path}${sep}limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ""}`);
    const data = page.data || [];
    items.push(...data);
    if (!page.has_more || data.length === 0 || items.length >= max) return items;
    after = data[data.length - 1].id;
  }
}
