// Models: base models and fine-tuned ones, each fine-tuned model with the job that made it.

import {api, listAll} from "../api.js";
import {h, mount, toast, formatTime, pageHead} from "../ui.js";

export function render(view) {
  const slot = h("div", {}, h("p", {class: "muted"}, "Loading models…"));

  async function refresh() {
    try {
      const [models, jobs] = await Promise.all([api("models"), listAll("fine_tuning/jobs", {limit: 100, max: 2000})]);
      const madeBy = new Map(jobs.filter(j => j.fine_tuned_model).map(j => [j.fine_tuned_model, j]));
      const data = (models.data || []).slice();
      const isFineTuned = m => m.id.startsWith("ft:");
      data.sort((a, b) => (isFineTuned(a) - isFineTuned(b)) || (b.created - a.created) || a.id.localeCompare(b.id));
      const base = data.filter(m => !isFineTuned(m)), tuned = data.filter(isFineTuned);
      mount(slot,
          h("section", {class: "panel"}, h("h2", {}, "Base models"),
              base.length ? table(base, null) : h("div", {class: "empty"}, "No base models.")),
          h("section", {class: "panel"}, h("h2", {}, "Fine-tuned models"),
              tuned.length ? table(tuned, madeBy) : h("div", {class: "empty"}, "None yet: ", h("a", {href: "#/jobs/new"}, "fine-tune a model"), ".")));
    } catch (e) {
      mount(slot, h("div", {class: "panel empty"}, `Could not list models: ${e.message}`));
    }
  }

  function table(models, madeBy) {
    return h("table", {id: madeBy ? "fine-tuned-models" : "base-models"},
        h("thead", {}, h("tr", {}, ["Model", "Owned by", "Created", madeBy ? "Made by job" : null, ""].filter(t => t !== null).map(t => h("th", {}, t)))),
        h("tbody", {}, models.map(m => {
          const job = madeBy && (madeBy.get(m.id) || madeBy.get(m.id.replace(/:ckpt-step-\d+$/, "")));
          return h("tr", {dataset: {id: m.id}},
              h("td", {class: "mono small"}, m.id),
              h("td", {}, m.owned_by),
              h("td", {class: "nowrap"}, formatTime(m.created)),
              madeBy ? h("td", {}, job
                  ? [h("a", {class: "mono small", href: `#/jobs/${job.id}`}, job.id), h("div", {class: "muted small"}, `from ${job.model}`)]
                  : h("span", {class: "muted"}, "–")) : null,
              h("td", {class: "actions"},
                  h("a", {class: "button ghost small", href: `#/playground?model=${encodeURIComponent(m.id)}`}, "Chat"), " ",
                  h("a", {class: "button ghost small", href: `#/jobs/new?model=${encodeURIComponent(m.id)}`}, "Fine-tune"), " ",
                  madeBy ? h("button", {class: "danger small", onclick: () => remove(m.id)}, "Delete") : null));
        })));
  }

  async function remove(id) {
    if (!confirm(`Delete the model ${id}?`)) return;
    try {
      await api(`models/${encodeURIComponent(id)}`, {method: "DELETE"});
      toast(`Deleted ${id}`);
      refresh();
    } catch (e) {
      toast(`Delete failed: ${e.message}`, "error");
    }
  }

  mount(view, pageHead("Models", "Base models (tuna-nano and the checkpoints in the models folder) and fine-tuned ones."), slot);
  refresh();
}
