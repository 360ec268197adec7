// The dashboard's entry point: hash routes (#/files, #/jobs/ftjob-…, #/playground?model=…) → page modules.

import {apiKey, promptForKey} from "./api.js";
import * as files from "./pages/files.js";
import * as jobs from "./pages/jobs.js";
import * as job from "./pages/job.js";
import * as models from "./pages/models.js";
import * as playground from "./pages/playground.js";
import * as evals from "./pages/evals.js";

const ROUTES = [
  [/^files$/, "files", files.render],
  [/^jobs$/, "jobs", jobs.render],
  [/^jobs\/new$/, "jobs", jobs.renderNew],
  [/^jobs\/([^/]+)$/, "jobs", job.render],
  [/^models$/, "models", models.render],
  [/^playground$/, "playground", playground.render],
  [/^evals$/, "evals", evals.render],
  [/^evals\/(.+)$/, "evals", evals.renderOne],
];

let cleanup = null;

function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?");
  const params = new URLSearchParams(query || "");
  const match = ROUTES.map(([re, page, render]) => [path.match(re), page, render]).find(([m]) => m);
  if (!match) {
    location.replace("#/files");
    return;
  }
  const [m, page, render] = match;
  if (typeof cleanup === "function") cleanup();
  const view = document.getElementById("view");
  for (const a of document.querySelectorAll("#nav a")) a.classList.toggle("active", a.dataset.page === page);
  document.title = `Tuna · ${page[0].toUpperCase()}${page.slice(1)}`;
  window.scrollTo(0, 0);
  cleanup = render(view, params, ...m.slice(1).map(decodeURIComponent));
}

function showKeyState() {
  const button = document.getElementById("api-key-button");
  button.textContent = apiKey() ? "API key ✓" : "API key";
}

document.getElementById("api-key-button").addEventListener("click", async () => {
  if (await promptForKey()) route();
});
document.addEventListener("tuna:api-key", showKeyState);
window.addEventListener("hashchange", route);
showKeyState();
route();
