// Jobs: the list (refreshed while any job is active) and the form that creates a fine-tuning job.

import {api, listAll} from "../api.js";
import {h, mount, toast, formatTime, statusBadge, pageHead} from "../ui.js";

const ACTIVE = new Set(["validating_files", "queued", "running"]);
const LORA_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

export function render(view) {
  const listSlot = h("div", {}, h("p", {class: "muted"}, "Loading jobs…"));
  let timer = null;

  async function refresh() {
    try {
      const [jobs, files] = await Promise.all([listAll("fine_tuning/jobs", {limit: 100, max: 500}),
        listAll("files?purpose=fine-tune").catch(() => [])]);
      const names = new Map(files.map(f => [f.id, f.filename]));
      mount(listSlot, jobs.length === 0
          ? h("div", {class: "empty"}, "No fine-tuning jobs yet. ", h("a", {href: "#/jobs/new"}, "Create one."))
          : h("table", {id: "jobs-table"},
              h("thead", {}, h("tr", {}, ["Job", "Base model", "Status", "Fine-tuned model", "Training file", "Created"].map(t => h("th", {}, t)))),
              h("tbody", {}, jobs.map(j => h("tr", {dataset: {id: j.id}},
                  h("td", {class: "mono small"}, h("a", {href: `#/jobs/${j.id}`}, j.id)),
                  h("td", {class: "mono small"}, j.model),
                  h("td", {}, statusBadge(j.status), ACTIVE.has(j.status) ? progressCell(j) : null),
                  h("td", {class: "mono small"}, j.fine_tuned_model
                      ? h("a", {href: `#/playground?model=${encodeURIComponent(j.fine_tuned_model)}`, title: "Chat with it"}, j.fine_tuned_model)
                      : h("span", {class: "muted"}, "–")),
                  h("td", {title: j.training_file}, names.get(j.training_file) || h("span", {class: "mono small"}, j.training_file)),
                  h("td", {class: "nowrap"}, formatTime(j.created_at)))))));
      clearTimeout(timer);
      if (jobs.some(j => ACTIVE.has(j.status))) timer = setTimeout(refresh, 3000);
    } catch (e) {
      mount(listSlot, h("div", {class: "empty"}, `Could not list jobs: ${e.message}`));
    }
  }

  /** A small progress bar for an active job, from its newest event when that is a metrics event. */
  function progressCell(j) {
    const bar = h("div", {style: "transition:none"});
    const cell = h("div", {class: "progress", style: "width:120px;height:6px;margin-top:6px", title: ""}, bar);
    api(`fine_tuning/jobs/${encodeURIComponent(j.id)}/events?limit=1`).then(list => {
      const d = list.data && list.data[0] && list.data[0].type === "metrics" ? list.data[0].data : null;
      if (d && d.total_steps) {
        bar.style.width = `${(100 * d.step / d.total_steps).toFixed(1)}%`;
        cell.title = `step ${d.step} / ${d.total_steps}`;
      }
    }).catch(() => {});
    return cell;
  }

  mount(view,
      pageHead("Fine-tuning jobs", "Newest first. Active jobs update by themselves.",
          h("a", {class: "button", href: "#/jobs/new", id: "new-job"}, "New job")),
      h("section", {class: "panel"}, listSlot));
  refresh();
  return () => clearTimeout(timer);
}

/** #/jobs/new?training_file=file-… */
export function renderNew(view, params) {
  const model = h("select", {id: "job-model", required: true});
  const trainingFile = h("select", {id: "job-training-file", required: true});
  const validationFile = h("select", {id: "job-validation-file"});
  const suffix = h("input", {id: "job-suffix", maxlength: "64", placeholder: "e.g. korquad"});
  const seed = h("input", {id: "job-seed", type: "number", min: "0", step: "1", placeholder: "random"});
  const epochs = h("input", {id: "job-epochs", type: "number", min: "1", max: "50", step: "1", placeholder: "auto"});
  const batch = h("input", {id: "job-batch-size", type: "number", min: "1", max: "256", step: "1", placeholder: "auto"});
  const lr = h("input", {id: "job-lr", type: "number", min: "0", step: "any", placeholder: "auto"});
  const rank = h("input", {id: "job-lora-rank", type: "number", min: "1", step: "1", value: "8"});
  const alpha = h("input", {id: "job-lora-alpha", type: "number", min: "0", step: "any", value: "16"});
  const dropout = h("input", {id: "job-lora-dropout", type: "number", min: "0", max: "0.99", step: "0.01", value: "0.05"});
  const targets = LORA_MODULES.map(m => h("label", {class: "row", style: "display:inline-flex;gap:4px;margin-right:10px;font-weight:500"},
      h("input", {type: "checkbox", value: m, checked: true, style: "width:auto"}), m));
  const loraNote = h("p", {class: "hint"});
  const submit = h("button", {type: "submit", id: "job-submit"}, "Start fine-tuning");

  const form = h("form", {class: "panel", id: "job-form", onsubmit: e => { e.preventDefault(); create(); }},
      h("div", {class: "grid2"},
          h("div", {class: "field"}, h("label", {for: "job-model"}, "Base model"), model,
              h("div", {class: "hint"}, "tuna-nano trains from scratch in seconds; checkpoint folders in the models directory take LoRA.")),
          h("div", {class: "field"}, h("label", {for: "job-suffix"}, "Suffix (optional)"), suffix,
              h("div", {class: "hint"}, "Becomes part of the model name: ft:<base>:local:<suffix>:<id>."))),
      h("div", {class: "grid2"},
          h("div", {class: "field"}, h("label", {for: "job-training-file"}, "Training file"), trainingFile),
          h("div", {class: "field"}, h("label", {for: "job-validation-file"}, "Validation file (optional)"), validationFile)),
      h("fieldset", {}, h("legend", {}, "Hyperparameters (empty = auto)"),
          h("div", {class: "fields"},
              h("div", {class: "field"}, h("label", {for: "job-epochs"}, "Epochs"), epochs),
              h("div", {class: "field"}, h("label", {for: "job-lr"}, "Learning rate multiplier"), lr),
              h("div", {class: "field"}, h("label", {for: "job-batch-size"}, "Batch size"), batch),
              h("div", {class: "field"}, h("label", {for: "job-seed"}, "Seed"), seed))),
      h("fieldset", {id: "lora-settings"}, h("legend", {}, "LoRA"),
          h("div", {class: "fields"},
              h("div", {class: "field"}, h("label", {for: "job-lora-rank"}, "Rank r"), rank),
              h("div", {class: "field"}, h("label", {for: "job-lora-alpha"}, "Alpha"), alpha),
              h("div", {class: "field"}, h("label", {for: "job-lora-dropout"}, "Dropout"), dropout)),
          h("div", {class: "field"}, h("label", {}, "Target modules"), h("div", {}, targets)),
          loraNote),
      h("div", {class: "row"}, submit, h("a", {class: "button ghost", href: "#/jobs"}, "Cancel")));

  function updateLoraNote() {
    const nano = model.value === "tuna-nano" || model.value.startsWith("ft:tuna-nano");
    loraNote.textContent = nano
        ? "tuna-nano is always fully fine-tuned; the LoRA settings are ignored for it."
        : "The adapter is trained on the selected projections; the base weights stay frozen.";
    document.getElementById("lora-settings")?.classList.toggle("muted", nano);
  }
  model.addEventListener("change", updateLoraNote);

  const intOrAuto = el => (el.value === "" ? "auto" : Number.parseInt(el.value, 10));
  const numOrAuto = el => (el.value === "" ? "auto" : Number(el.value));

  async function create() {
    const hyperparameters = {n_epochs: intOrAuto(epochs), batch_size: intOrAuto(batch), learning_rate_multiplier: numOrAuto(lr)};
    const body = {
      model: model.value,
      training_file: trainingFile.value,
      method: {type: "supervised", supervised: {hyperparameters}},
    };
    if (validationFile.value) body.validation_file = validationFile.value;
    if (suffix.value.trim()) body.suffix = suffix.value.trim();
    if (seed.value !== "") body.seed = Number.parseInt(seed.value, 10);
    const nano = model.value === "tuna-nano" || model.value.startsWith("ft:tuna-nano");
    if (!nano) {
      // Tuna's extension, next to OpenAI's own hyperparameters; other servers ignore unknown fields.
      hyperparameters.lora = {
        r: Number.parseInt(rank.value, 10), alpha: Number(alpha.value), dropout: Number(dropout.value),
        target_modules: targets.map(t => t.querySelector("input")).filter(i => i.checked).map(i => i.value),
      };
    }
    submit.disabled = true;
    try {
      const job = await api("fine_tuning/jobs", {method: "POST", json: body});
      toast(`Created ${job.id}`);
      location.hash = `#/jobs/${job.id}`;
    } catch (e) {
      toast(`Could not create the job: ${e.message}`, "error");
      submit.disabled = false;
    }
  }

  mount(view, pageHead("New fine-tuning job", "The same request as client.fine_tuning.jobs.create(...) in the OpenAI SDKs."), form);

  (async () => {
    try {
      const [models, files] = await Promise.all([api("models"), listAll("files?purpose=fine-tune")]);
      const ids = (models.data || []).map(m => m.id);
      if (!ids.includes("tuna-nano")) ids.unshift("tuna-nano");
      mount(model, ids.map(id => h("option", {value: id}, id)));
      model.value = params.get("model") || "tuna-nano";
      const fineTune = files.filter(f => f.purpose === "fine-tune").sort((a, b) => b.created_at - a.created_at);
      const options = fineTune.map(f => h("option", {value: f.id}, `${f.filename} (${f.id})`));
      mount(trainingFile, options.length ? options : h("option", {value: ""}, "No fine-tune files: upload one first"));
      mount(validationFile, h("option", {value: ""}, "none"), fineTune.map(f => h("option", {value: f.id}, `${f.filename} (${f.id})`)));
      if (params.get("training_file")) trainingFile.value = params.get("training_file");
      updateLoraNote();
    } catch (e) {
      toast(`Could not load models and files: ${e.message}`, "error");
    }
  })();
}
