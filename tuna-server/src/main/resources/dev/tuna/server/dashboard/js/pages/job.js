// One fine-tuning job: live status, progress bar and loss chart from its metrics events, events, checkpoints, controls.

import {api, apiResponse, listAll} from "../api.js";
import {h, mount, toast, formatTime, formatClock, formatNumber, formatDuration, statusBadge, stat, saveBlob} from "../ui.js";
import {MetricsChart} from "../chart.js";

const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);
const POLL_MS = 1000;
const MAX_EVENTS_SHOWN = 400;

export function render(view, params, jobId) {
  const events = new Map();
  let newestFirst = [];
  let latestMetrics = null;
  let latestValid = null;
  let job = null;
  let timer = null;
  let stopped = false;
  let checkpointsAt = -1;

  const statusSlot = h("span", {id: "job-status"});
  const actions = h("div", {class: "row"});
  const details = h("div", {class: "grid3"});
  const bar = h("div", {});
  const progress = h("div", {class: "progress", id: "job-progress", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100"}, bar);
  const progressText = h("div", {class: "row small muted", id: "job-progress-text"});
  const liveStats = h("div", {class: "stats", id: "job-live-stats"});
  const chartEl = h("div", {class: "chart", id: "loss-chart", "data-points": "0"},
      h("div", {class: "empty"}, "The loss curve appears with the first training step."));
  const chart = new MetricsChart(chartEl);
  const showMetrics = h("input", {type: "checkbox", id: "show-metrics", style: "width:auto", onchange: () => drawEvents()});
  const eventsEl = h("div", {class: "events", id: "job-events"});
  const checkpointsEl = h("div", {id: "job-checkpoints"}, h("p", {class: "muted"}, "None yet."));
  const errorSlot = h("div", {});

  mount(view,
      h("div", {class: "page-head"},
          h("div", {}, h("p", {class: "small"}, h("a", {href: "#/jobs"}, "← Jobs")),
              h("h1", {class: "row"}, h("span", {class: "mono"}, jobId), statusSlot)),
          actions),
      errorSlot,
      h("section", {class: "panel"},
          h("div", {class: "row", style: "margin-bottom:8px"}, h("h2", {style: "margin:0"}, "Progress"), h("span", {class: "spacer"}), progressText),
          progress, liveStats, chartEl),
      h("section", {class: "panel details"}, details),
      h("div", {class: "grid2"},
          h("section", {class: "panel"},
              h("div", {class: "row", style: "margin-bottom:8px"}, h("h2", {style: "margin:0"}, "Events"), h("span", {class: "spacer"}),
                  h("label", {class: "row", for: "show-metrics", style: "margin:0;gap:6px;font-weight:500"}, showMetrics, "show metrics events")),
              eventsEl),
          h("section", {class: "panel"}, h("h2", {}, "Checkpoints"), checkpointsEl)));

  // Bumped by each cancel/pause/resume, so a refresh that left before the action cannot paint the old status.
  let controls = 0;

  async function tick() {
    if (stopped) return;
    const controlsBefore = controls;
    try {
      const [fresh] = await Promise.all([api(`fine_tuning/jobs/${encodeURIComponent(jobId)}`), pollEvents()]);
      if (controlsBefore === controls) job = fresh;
      drawJob();
      const step = latestMetrics ? latestMetrics.step : 0;
      if (step !== checkpointsAt || TERMINAL.has(job.status)) {
        checkpointsAt = step;
        loadCheckpoints();
      }
      if (TERMINAL.has(job.status)) return;
    } catch (e) {
      if (e.status === 404) {
        mount(view, h("div", {class: "panel empty"}, `No job ${jobId}. `, h("a", {href: "#/jobs"}, "Back to jobs")));
        return;
      }
      toast(`Refresh failed: ${e.message}`, "error");
    }
    timer = setTimeout(tick, job && job.status === "paused" ? 3000 : POLL_MS);
  }

  /** Fetches events newer than the ones already seen (events are listed newest first). */
  async function pollEvents() {
    const fresh = [];
    let after = null;
    for (let page = 0; page < 500; page++) {
      const list = await api(`fine_tuning/jobs/${encodeURIComponent(jobId)}/events?limit=100${after ? `&after=${encodeURIComponent(after)}` : ""}`);
      const data = list.data || [];
      let metKnown = false;
      for (const ev of data) {
        if (events.has(ev.id)) { metKnown = true; break; }
        fresh.push(ev);
      }
      if (metKnown || !list.has_more || data.length === 0) break;
      after = data[data.length - 1].id;
    }
    if (fresh.length === 0) return;
    for (const ev of fresh) events.set(ev.id, ev);
    newestFirst = fresh.concat(newestFirst);
    const metrics = fresh.filter(ev => ev.type === "metrics" && ev.data).map(ev => ev.data);
    if (metrics.length) {
      chart.add(metrics);
      for (const m of metrics) {
        if (!latestMetrics || m.step >= latestMetrics.step) latestMetrics = m;
        if (m.valid_loss != null && (!latestValid || m.step >= latestValid.step)) latestValid = m;
      }
    }
    drawEvents();
  }

  function drawEvents() {
    const shown = newestFirst.filter(ev => showMetrics.checked || ev.type !== "metrics").slice(0, MAX_EVENTS_SHOWN);
    mount(eventsEl, shown.length === 0 ? h("p", {class: "muted"}, "No events yet.")
        : shown.map(ev => h("div", {class: `ev ${ev.level}`, dataset: {type: ev.type || "message"}},
            h("span", {class: "t"}, formatClock(ev.created_at)),
            h("span", {class: `badge ${ev.level === "error" ? "bad" : ev.level === "warn" ? "warn" : ""}`}, ev.type === "metrics" ? "metrics" : ev.level),
            h("span", {class: "m"}, ev.message))));
  }

  const resultNames = new Map();

  /** Result files are shown by name (step_metrics.csv); their metadata is fetched once. */
  function nameResultFiles() {
    for (const id of job.result_files || []) {
      if (resultNames.has(id)) continue;
      resultNames.set(id, id);
      api(`files/${encodeURIComponent(id)}`).then(f => { resultNames.set(id, f.filename); drawJob(); }).catch(() => {});
    }
  }

  function drawJob() {
    nameResultFiles();
    mount(statusSlot, statusBadge(job.status));
    const active = !TERMINAL.has(job.status);
    const placeholder = chartEl.querySelector(".empty");
    if (placeholder && !active) placeholder.textContent = "The job ended before its first training step.";
    mount(actions,
        job.status === "running" || job.status === "queued"
            ? h("button", {class: "ghost", id: "job-pause", onclick: () => control("pause")}, "Pause") : null,
        job.status === "paused" ? h("button", {id: "job-resume", onclick: () => control("resume")}, "Resume") : null,
        active ? h("button", {class: "danger", id: "job-cancel", onclick: () => confirm(`Cancel ${job.id}?`) && control("cancel")}, "Cancel") : null,
        job.fine_tuned_model ? h("a", {class: "button", id: "job-chat",
          href: `#/playground?model=${encodeURIComponent(job.fine_tuned_model)}`}, "Chat with the model →") : null);

    const hp = job.hyperparameters || {};
    const method = job.method && job.method.supervised && job.method.supervised.hyperparameters || {};
    const lora = method.lora || hp.lora;
    const dl = (k, v) => [h("dt", {class: "muted small"}, k), h("dd", {style: "margin:0 0 8px"}, v ?? "–")];
    mount(details,
        h("dl", {}, dl("Base model", h("span", {class: "mono"}, job.model)),
            dl("Fine-tuned model", job.fine_tuned_model ? h("span", {class: "mono", id: "job-fine-tuned-model"}, job.fine_tuned_model) : null),
            dl("Trained tokens", job.trained_tokens != null ? formatNumber(job.trained_tokens) : null)),
        h("dl", {}, dl("Training file", h("span", {class: "mono"}, job.training_file)),
            dl("Validation file", job.validation_file ? h("span", {class: "mono"}, job.validation_file) : "none"),
            dl("Result files", (job.result_files || []).length ? job.result_files.map(id =>
                h("button", {class: "ghost small", title: id, onclick: () => downloadResult(id)}, `${resultNames.get(id) || id} ↓`)) : null)),
        h("dl", {}, dl("Hyperparameters", `epochs ${hp.n_epochs ?? "auto"} · batch ${hp.batch_size ?? "auto"} · lr × ${hp.learning_rate_multiplier ?? "auto"}`),
            lora ? dl("LoRA", `r ${lora.r ?? lora.rank} · alpha ${lora.alpha} · dropout ${lora.dropout}`) : null,
            dl("Seed", String(job.seed ?? "–")),
            dl("Created / finished", `${formatTime(job.created_at)}${job.finished_at ? ` → ${formatTime(job.finished_at)}` : ""}`)));

    mount(errorSlot, job.error && job.error.message
        ? h("section", {class: "panel report invalid", id: "job-error"}, h("h2", {}, "The job failed"),
            h("p", {}, job.error.message), job.error.code ? h("p", {class: "muted small mono"}, `${job.error.code}${job.error.param ? ` · ${job.error.param}` : ""}`) : null)
        : null);

    const m = latestMetrics;
    let pct = 0;
    if (job.status === "succeeded") pct = 100;
    else if (m && m.total_steps) pct = Math.min(100, 100 * m.step / m.total_steps);
    bar.style.width = `${pct.toFixed(1)}%`;
    progress.setAttribute("aria-valuenow", pct.toFixed(0));
    progress.className = `progress ${job.status === "succeeded" ? "done" : job.status === "failed" ? "failed" : ""}`;
    const eta = job.estimated_finish && active ? job.estimated_finish - Date.now() / 1000 : null;
    mount(progressText,
        m ? h("span", {}, `step ${formatNumber(m.step)}${m.total_steps ? ` / ${formatNumber(m.total_steps)}` : ""}`) : h("span", {}, job.status.replace("_", " ")),
        h("span", {}, `${pct.toFixed(0)}%`),
        eta > 0 ? h("span", {}, `about ${formatDuration(eta)} left`) : null);
    mount(liveStats, m ? [
      stat("train loss", formatNumber(m.train_loss, 4)),
      latestValid ? stat(`valid loss (step ${latestValid.step})`, formatNumber(latestValid.valid_loss, 4)) : null,
      m.train_mean_token_accuracy != null ? stat("train token accuracy", formatNumber(m.train_mean_token_accuracy, 3)) : null,
      latestValid && latestValid.valid_mean_token_accuracy != null
          ? stat("valid token accuracy", formatNumber(latestValid.valid_mean_token_accuracy, 3)) : null,
      m.learning_rate != null ? stat("learning rate", Number(m.learning_rate).toExponential(2)) : null,
      m.tokens_per_second != null ? stat("tokens / s", formatNumber(m.tokens_per_second)) : null,
    ] : []);
  }

  async function loadCheckpoints() {
    try {
      const list = await listAll(`fine_tuning/jobs/${encodeURIComponent(jobId)}/checkpoints`, {limit: 100, max: 1000});
      if (!list.length) return;
      mount(checkpointsEl, h("table", {},
          h("thead", {}, h("tr", {}, ["Step", "Checkpoint model", "Train loss", "Valid loss", ""].map(t => h("th", {}, t)))),
          h("tbody", {}, list.sort((a, b) => b.step_number - a.step_number).map(c => h("tr", {},
              h("td", {}, formatNumber(c.step_number)),
              h("td", {class: "mono small"}, c.fine_tuned_model_checkpoint),
              h("td", {}, formatNumber(c.metrics && c.metrics.train_loss, 4)),
              h("td", {}, formatNumber(c.metrics && c.metrics.valid_loss, 4)),
              h("td", {class: "actions"}, h("a", {class: "button ghost small",
                href: `#/playground?model=${encodeURIComponent(c.fine_tuned_model_checkpoint)}`}, "Chat")))))));
    } catch (e) {
      mount(checkpointsEl, h("p", {class: "muted"}, `Could not list checkpoints: ${e.message}`));
    }
  }

  async function control(action) {
    controls++;
    try {
      job = await api(`fine_tuning/jobs/${encodeURIComponent(jobId)}/${action}`, {method: "POST"});
      drawJob();
      toast(`${action === "cancel" ? "Cancelled" : action === "pause" ? "Paused" : "Resumed"} ${jobId}`);
      clearTimeout(timer);
      timer = setTimeout(tick, 300);
    } catch (e) {
      toast(`Could not ${action}: ${e.message}`, "error");
    }
  }

  async function downloadResult(fileId) {
    try {
      const meta = await api(`files/${encodeURIComponent(fileId)}`);
      const response = await apiResponse(`files/${encodeURIComponent(fileId)}/content`);
      saveBlob(await response.blob(), meta.filename || `${fileId}.csv`);
    } catch (e) {
      toast(`Download failed: ${e.message}`, "error");
    }
  }

  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
    chart.destroy();
  };
}
