// Renders a validation report (from validate.js or the server's validator).

import {h, formatNumber} from "./ui.js";

const MAX_LISTED = 200;

export function renderReport(report) {
  const errors = report.errors || [], warnings = report.warnings || [];
  const errorCount = report.errorCount ?? errors.length;
  const verdict = report.valid
      ? h("span", {class: "badge ok", id: "report-verdict"}, "valid")
      : h("span", {class: "badge bad", id: "report-verdict"}, `${errorCount} error${errorCount === 1 ? "" : "s"}`);
  const source = {
    server: "checked by the server (the rules of tuna validate, exact token counts)",
    browser: "checked in the browser (token counts are estimates)",
    skipped: "not checked",
  }[report.source] || "";

  const t = report.tokens || {};
  const tokenRows = [];
  for (const [label, s] of [["tokens per example", t.total], ["assistant tokens per example", t.assistant]]) {
    if (!s) continue;
    tokenRows.push(h("tr", {},
        h("td", {}, label),
        ...["min", "mean", "p50", "p90", "max"].map(k => h("td", {class: "right"}, formatNumber(s[k], k === "mean" ? 1 : 0)))));
  }
  const approx = t.exact ? "" : "≈ ";

  return h("section", {class: `panel report ${report.valid ? "valid" : "invalid"}`, id: "validation-report"},
      h("div", {class: "row"},
          h("h2", {style: "margin:0"}, "Validation report"), verdict,
          h("span", {class: "muted small"}, report.filename || ""), h("span", {class: "spacer"}),
          h("span", {class: "muted small"}, source)),
      h("div", {class: "stats"},
          report.examples != null ? statBox("examples", formatNumber(report.examples)) : null,
          statBox("errors", formatNumber(errorCount)),
          statBox("warnings", formatNumber(warnings.length)),
          t.total ? statBox("tokens in file", approx + formatNumber(t.total.sum)) : null),
      errors.length ? issueList("error", errors, errorCount) : null,
      warnings.length ? issueList("warning", warnings) : null,
      tokenRows.length ? h("div", {},
          h("h3", {}, `Token statistics${t.encoding ? ` (${t.encoding})` : t.exact ? "" : " (estimated)"}`),
          h("table", {class: "token-stats"},
              h("thead", {}, h("tr", {}, h("th", {}, ""), ...["min", "mean", "p50", "p90", "max"].map(k => h("th", {class: "right"}, k)))),
              h("tbody", {}, tokenRows))) : null,
      report.openai && report.openai.length && report.examples ? h("div", {},
          h("h3", {}, "If you trained this on OpenAI"),
          h("table", {class: "cost"},
              h("thead", {}, h("tr", {}, ["model", "token limit", "examples over it", "default epochs", "billed tokens", "estimated cost"].map(x => h("th", {}, x)))),
              h("tbody", {}, report.openai.map(o => h("tr", {},
                  h("td", {class: "mono"}, o.model), h("td", {}, formatNumber(o.limit)),
                  h("td", {}, formatNumber(o.overLimit)), h("td", {}, formatNumber(o.epochs)),
                  h("td", {}, approx + formatNumber(o.billedTokens)),
                  h("td", {}, o.cost == null ? "unknown" : `${approx}$${o.cost.toFixed(2)}`)))))) : null);
}

function statBox(label, value) {
  return h("div", {class: "stat"}, h("div", {class: "v"}, value), h("div", {class: "k"}, label));
}

function issueList(kind, items, total = items.length) {
  const shown = items.slice(0, MAX_LISTED);
  return h("div", {},
      h("ul", {class: `issues ${kind}s`}, shown.map(i => h("li", {class: kind},
          h("span", {class: "where"}, i.line ? `line ${i.line}` : "file"),
          h("span", {class: "cat"}, i.category || ""),
          i.message,
          i.count > 1 ? h("span", {class: "muted small"}, ` (${i.count} examples)`) : null,
          i.fix ? h("div", {class: "small muted"}, i.fix) : null))),
      total > shown.length ? h("p", {class: "muted small"}, `… and ${total - shown.length} more`) : null);
}
