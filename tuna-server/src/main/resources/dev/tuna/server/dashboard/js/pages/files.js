// Files: drop a JSONL file, read its validation report, upload it; list, download and delete uploaded files.

import {api, apiResponse, listAll} from "../api.js";
import {h, mount, toast, formatBytes, formatTime, statusBadge, pageHead, saveBlob} from "../ui.js";
import {validateFile} from "../validate.js";
import {renderReport} from "../report.js";

const PURPOSES = ["fine-tune", "batch", "assistants", "user_data", "evals", "vision"];

export function render(view) {
  const reportSlot = h("div", {id: "report-slot"});
  const listSlot = h("div", {}, h("p", {class: "muted"}, "Loading files…"));
  const purpose = h("select", {id: "upload-purpose", "aria-label": "Purpose"},
      PURPOSES.map(p => h("option", {value: p}, p)));
  const input = h("input", {type: "file", id: "file-input", accept: ".jsonl,.json,.csv,.txt", hidden: true,
    onchange: () => input.files[0] && pick(input.files[0])});
  const zone = h("div", {class: "dropzone", id: "dropzone", tabindex: "0", role: "button",
        onclick: () => input.click(),
        onkeydown: e => (e.key === "Enter" || e.key === " ") && input.click(),
        ondragover: e => { e.preventDefault(); zone.classList.add("over"); },
        ondragleave: () => zone.classList.remove("over"),
        ondrop: e => {
          e.preventDefault();
          zone.classList.remove("over");
          const file = e.dataTransfer.files[0];
          if (file) pick(file);
        }},
      h("div", {}, h("strong", {}, "Drop a JSONL file here"), " or click to choose one."),
      h("div", {class: "small"}, "It is validated first; nothing is uploaded until you press Upload."));

  async function pick(file) {
    mount(reportSlot, h("p", {class: "muted"}, `Checking ${file.name}…`));
    const isJsonl = /\.jsonl?$/i.test(file.name) || purpose.value === "fine-tune";
    const report = isJsonl ? await validateFile(file) : null;
    const upload = h("button", {id: "upload-button", onclick: () => doUpload(file, upload)},
        report && !report.valid ? "Upload anyway" : `Upload ${file.name}`);
    if (report && !report.valid) upload.classList.add("ghost");
    mount(reportSlot,
        report ? renderReport(report) : null,
        h("div", {class: "row"}, upload,
            h("button", {class: "ghost", onclick: () => { mount(reportSlot); input.value = ""; }}, "Clear"),
            report && !report.valid ? h("span", {class: "muted small"},
                "A fine-tuning job on this file will fail validation. Fix the lines above first.") : null));
  }

  async function doUpload(file, button) {
    button.disabled = true;
    button.textContent = "Uploading…";
    try {
      const form = new FormData();
      form.append("purpose", purpose.value);
      form.append("file", file, file.name);
      const uploaded = await api("files", {method: "POST", body: form});
      toast(`Uploaded ${uploaded.filename} as ${uploaded.id}`);
      button.textContent = `Uploaded as ${uploaded.id}`;
      button.after(h("a", {class: "button small", id: "train-link",
        href: `#/jobs/new?training_file=${encodeURIComponent(uploaded.id)}`}, "Fine-tune on it →"));
      input.value = "";
      refresh();
    } catch (e) {
      toast(`Upload failed: ${e.message}`, "error");
      button.disabled = false;
      button.textContent = `Upload ${file.name}`;
    }
  }

  async function refresh() {
    try {
      const files = await listAll("files");
      files.sort((a, b) => b.created_at - a.created_at);
      mount(listSlot, files.length === 0
          ? h("div", {class: "empty"}, "No files yet. Drop one above.")
          : h("table", {id: "files-table"},
              h("thead", {}, h("tr", {}, ["File", "ID", "Purpose", "Size", "Created", "Status", ""].map(t => h("th", {}, t)))),
              h("tbody", {}, files.map(fileRow))));
    } catch (e) {
      mount(listSlot, h("div", {class: "empty"}, `Could not list files: ${e.message}`));
    }
  }

  function fileRow(f) {
    return h("tr", {dataset: {id: f.id}},
        h("td", {}, f.filename),
        h("td", {class: "mono small"}, f.id),
        h("td", {}, f.purpose),
        h("td", {class: "nowrap"}, formatBytes(f.bytes)),
        h("td", {class: "nowrap"}, formatTime(f.created_at)),
        h("td", {}, statusBadge(f.status)),
        h("td", {class: "actions"},
            f.purpose === "fine-tune" ? h("a", {class: "button ghost small", href: `#/jobs/new?training_file=${encodeURIComponent(f.id)}`}, "Fine-tune") : null, " ",
            h("button", {class: "ghost small download", onclick: () => download(f)}, "Download"), " ",
            h("button", {class: "danger small delete", onclick: () => remove(f)}, "Delete")));
  }

  async function download(f) {
    try {
      const response = await apiResponse(`files/${encodeURIComponent(f.id)}/content`);
      saveBlob(await response.blob(), f.filename);
    } catch (e) {
      toast(`Download failed: ${e.message}`, "error");
    }
  }

  async function remove(f) {
    if (!confirm(`Delete ${f.filename} (${f.id})?`)) return;
    try {
      await api(`files/${encodeURIComponent(f.id)}`, {method: "DELETE"});
      toast(`Deleted ${f.filename}`);
      refresh();
    } catch (e) {
      toast(`Delete failed: ${e.message}`, "error");
    }
  }

  mount(view,
      pageHead("Files", "Training and validation data in OpenAI's chat JSONL format, and the result files of jobs."),
      h("section", {class: "panel"},
          h("div", {class: "row", style: "margin-bottom:10px"}, h("h2", {style: "margin:0"}, "Upload"),
              h("span", {class: "spacer"}), h("label", {for: "upload-purpose", style: "margin:0"}, "Purpose"),
              h("div", {style: "width:150px"}, purpose)),
          zone, input, reportSlot),
      h("section", {class: "panel"}, h("h2", {}, "Uploaded files"), listSlot));
  refresh();
}
