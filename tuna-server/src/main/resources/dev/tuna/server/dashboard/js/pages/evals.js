// Eval reports: the HTML and JSON reports `tuna eval run` wrote into the server's reports folder.

import {tuna, tunaUrl, apiKey} from "../api.js";
import {h, mount, toast, formatBytes, formatTime, pageHead} from "../ui.js";

export function render(view) {
  const slot = h("div", {}, h("p", {class: "muted"}, "Loading reports…"));
  mount(view, pageHead("Eval reports", h("span", {}, "KorQuAD / SQuAD EM and F1 written by ", h("code", {}, "tuna eval run --report"), ", newest first.")), slot);
  (async () => {
    try {
      const list = await tuna("reports");
      if (!list) {
        mount(slot, h("div", {class: "panel empty"}, "This server does not list eval reports."));
        return;
      }
      const reports = list.data || [];
      mount(slot, h("section", {class: "panel"}, reports.length === 0
          ? h("div", {class: "empty"}, h("p", {}, `No reports in ${list.folder || "the reports folder"} yet.`),
              h("p", {class: "small"}, "Write one with ", h("code", {}, `tuna eval run --model M --dataset FILE --report ${list.folder || "REPORTS"}/run.html`)))
          : h("table", {id: "reports-table"},
              h("thead", {}, h("tr", {}, ["Report", "Kind", "Size", "Written", ""].map(t => h("th", {}, t)))),
              h("tbody", {}, reports.map(r => h("tr", {dataset: {name: r.name}},
                  h("td", {}, h("a", {href: `#/evals/${encodeURIComponent(r.name)}`}, r.name)),
                  h("td", {}, r.kind),
                  h("td", {class: "nowrap"}, formatBytes(r.bytes)),
                  h("td", {class: "nowrap"}, formatTime(r.modified_at)),
                  h("td", {class: "actions"}, h("a", {class: "button ghost small", href: `#/evals/${encodeURIComponent(r.name)}`}, "View"))))))));
    } catch (e) {
      mount(slot, h("div", {class: "panel empty"}, `Could not list reports: ${e.message}`));
    }
  })();
}

/** #/evals/NAME: an HTML report in a sandboxed frame (scripts run, but it cannot reach this page or the key). */
export function renderOne(view, params, name) {
  const slot = h("div", {}, h("p", {class: "muted"}, "Loading…"));
  mount(view,
      h("div", {class: "page-head"}, h("div", {}, h("p", {class: "small"}, h("a", {href: "#/evals"}, "← Eval reports")),
          h("h1", {}, name))),
      slot);
  (async () => {
    try {
      const response = await fetch(tunaUrl(`reports/${name.split("/").map(encodeURIComponent).join("/")}`),
          {headers: apiKey() ? {Authorization: `Bearer ${apiKey()}`} : {}});
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const text = await response.text();
      if (/\.json$/i.test(name)) {
        let pretty = text;
        try { pretty = JSON.stringify(JSON.parse(text), null, 2); } catch { /* show as is */ }
        mount(slot, h("pre", {class: "panel", id: "report-json", style: "overflow:auto;max-height:75vh"}, pretty));
      } else {
        const frame = h("iframe", {class: "report-frame", id: "report-frame", sandbox: "allow-scripts", title: name});
        frame.srcdoc = text;
        mount(slot, frame);
      }
    } catch (e) {
      toast(`Could not load ${name}: ${e.message}`, "error");
      mount(slot, h("div", {class: "panel empty"}, `Could not load ${name}: ${e.message}`));
    }
  })();
}
