// Playground: chat with any model, with system prompt presets, sampling settings, streaming replies, and a
// side-by-side comparison of two models or two system prompts answering the same question.

import {api, apiResponse} from "../api.js";
import {h, mount, toast} from "../ui.js";
import {readChatStream} from "../sse.js";

export const PRESETS = [
  {name: "Marv", text: "Marv is a factual chatbot that is also sarcastic."},
  {name: "Helpful assistant", text: "You are a helpful assistant."},
  {name: "None", text: ""},
];

export function render(view, params) {
  const seed = h("input", {id: "pg-seed", type: "number", step: "1", min: "0", value: params.get("seed") ?? "42", placeholder: "none"});
  const temperature = h("input", {id: "pg-temperature", type: "number", min: "0", max: "2", step: "0.1", value: "0.7"});
  const topP = h("input", {id: "pg-top-p", type: "number", min: "0", max: "1", step: "0.05", value: "1"});
  const maxTokens = h("input", {id: "pg-max-tokens", type: "number", min: "1", step: "1", value: "256"});
  const stream = h("input", {id: "pg-stream", type: "checkbox", checked: true, style: "width:auto"});
  const compare = h("input", {id: "pg-compare", type: "checkbox", style: "width:auto", checked: params.get("compare") === "1",
    onchange: () => layout()});
  const question = h("textarea", {id: "pg-question", rows: "2", placeholder: "Ask something…  (Enter sends, Shift+Enter for a new line)",
    onkeydown: e => { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); send(); } }});
  const sendButton = h("button", {id: "pg-send", onclick: () => send()}, "Send");
  const columnsEl = h("div", {class: "columns", id: "pg-columns"});
  let models = [];
  let busy = false;

  const columns = [makeColumn(0, PRESETS[0].text), makeColumn(1, PRESETS[1].text)];

  function makeColumn(index, systemText) {
    const model = h("select", {class: "pg-model", "aria-label": "Model"});
    const system = h("textarea", {class: "pg-system", rows: "2", placeholder: "System prompt (optional)"});
    system.value = systemText;
    const presets = h("div", {class: "presets"}, PRESETS.map(p => h("button", {class: "ghost small pg-preset", type: "button",
      dataset: {preset: p.name}, title: p.text || "no system message", onclick: () => { system.value = p.text; markPreset(); }}, p.name)));
    // The preset whose text is in the box is highlighted; free text highlights none.
    const markPreset = () => {
      for (const b of presets.children) b.classList.toggle("active", PRESETS.find(p => p.name === b.dataset.preset).text === system.value);
    };
    system.addEventListener("input", markPreset);
    markPreset();
    const transcript = h("div", {class: "transcript"});
    const col = {index, model, system, transcript, history: [],
      el: h("section", {class: "panel chat-col", dataset: {col: String(index)}},
          h("div", {class: "col-head"},
              h("div", {class: "row"}, h("strong", {}, index === 0 ? "A" : "B"), h("div", {style: "flex:1"}, model),
                  h("button", {class: "ghost small", type: "button", title: "Clear this conversation",
                    onclick: () => { col.history = []; mount(transcript); }}, "Clear")),
              presets, system),
          transcript)};
    return col;
  }

  function layout() {
    const active = compare.checked ? columns : columns.slice(0, 1);
    columnsEl.classList.toggle("compare", compare.checked);
    mount(columnsEl, active.map(c => c.el));
  }

  function numberOrNull(el, parse = Number) {
    return el.value === "" ? null : parse(el.value);
  }

  async function send() {
    const text = question.value.trim();
    if (!text || busy) return;
    busy = true;
    sendButton.disabled = true;
    question.value = "";
    const active = compare.checked ? columns : columns.slice(0, 1);
    await Promise.all(active.map(col => ask(col, text)));
    busy = false;
    sendButton.disabled = false;
    question.focus();
  }

  async function ask(col, text) {
    if (!col.model.value) {
      toast("Choose a model first", "error");
      return;
    }
    col.history.push({role: "user", content: text});
    col.transcript.append(h("div", {class: "msg user"}, text));
    const bubble = h("div", {class: "msg assistant streaming"});
    const body = h("span", {class: "content"});
    bubble.append(body);
    col.transcript.append(bubble);
    col.transcript.scrollTop = col.transcript.scrollHeight;

    const messages = [];
    if (col.system.value.trim()) messages.push({role: "system", content: col.system.value});
    messages.push(...col.history);
    const request = {model: col.model.value, messages};
    const s = numberOrNull(seed, v => Number.parseInt(v, 10));
    if (s != null) request.seed = s;
    const t = numberOrNull(temperature), p = numberOrNull(topP), m = numberOrNull(maxTokens, v => Number.parseInt(v, 10));
    if (t != null) request.temperature = t;
    if (p != null) request.top_p = p;
    if (m != null) request.max_tokens = m;
    const started = performance.now();
    try {
      let result;
      if (stream.checked) {
        request.stream = true;
        request.stream_options = {include_usage: true};
        const response = await apiResponse("chat/completions", {method: "POST", body: JSON.stringify(request),
          headers: {"Content-Type": "application/json", Accept: "text/event-stream"}});
        result = await readChatStream(response, (delta, all) => {
          body.textContent = all;
          col.transcript.scrollTop = col.transcript.scrollHeight;
        });
      } else {
        const completion = await api("chat/completions", {method: "POST", json: request});
        const choice = completion.choices[0];
        result = {content: choice.message.content || "", finishReason: choice.finish_reason, usage: completion.usage,
          fingerprint: completion.system_fingerprint};
        body.textContent = result.content;
      }
      col.history.push({role: "assistant", content: result.content});
      bubble.classList.remove("streaming");
      bubble.dataset.finish = result.finishReason || "";
      const seconds = (performance.now() - started) / 1000;
      const u = result.usage;
      bubble.append(h("span", {class: "meta"}, [
        col.model.value,
        u ? `${u.prompt_tokens} + ${u.completion_tokens} tokens` : null,
        `${seconds.toFixed(1)} s`,
        u && seconds > 0 ? `${(u.completion_tokens / seconds).toFixed(0)} tokens/s` : null,
        result.finishReason && result.finishReason !== "stop" ? `finish: ${result.finishReason}` : null,
        s != null ? `seed ${s}` : null,
      ].filter(Boolean).join(" · ")));
      if (!result.content) body.textContent = "(empty reply)";
    } catch (e) {
      col.history.pop();
      bubble.remove();
      col.transcript.append(h("div", {class: "msg error"}, e.message));
    }
  }

  mount(view,
      h("div", {class: "page-head"}, h("div", {}, h("h1", {}, "Playground"),
          h("p", {class: "muted"}, "POST /v1/chat/completions. With a seed, the local server gives the same answer every time."))),
      h("div", {class: "playground"},
          h("aside", {class: "panel"},
              h("h2", {}, "Settings"),
              h("div", {class: "field"}, h("label", {for: "pg-seed"}, "Seed"), seed),
              h("div", {class: "field"}, h("label", {for: "pg-temperature"}, "Temperature"), temperature),
              h("div", {class: "field"}, h("label", {for: "pg-top-p"}, "Top-p"), topP),
              h("div", {class: "field"}, h("label", {for: "pg-max-tokens"}, "Max tokens"), maxTokens),
              h("label", {class: "row", for: "pg-stream", style: "gap:6px;font-weight:500"}, stream, "Stream the reply"),
              h("label", {class: "row", for: "pg-compare", style: "gap:6px;font-weight:500"}, compare, "Compare side by side"),
              h("p", {class: "hint"}, "Compare two models (choose a different model in B) or two system prompts (same model, different prompt).")),
          h("div", {},
              columnsEl,
              h("div", {class: "composer"}, question, sendButton))));
  layout();

  (async () => {
    try {
      models = ((await api("models")).data || []).map(m => m.id);
      models.sort((a, b) => (a.startsWith("ft:") ? 0 : 1) - (b.startsWith("ft:") ? 0 : 1) || a.localeCompare(b));
      const wanted = params.get("model");
      for (const col of columns) {
        mount(col.model, models.map(id => h("option", {value: id}, id)));
        if (wanted && !models.includes(wanted)) col.model.append(h("option", {value: wanted}, wanted));
        col.model.value = wanted || models[0] || "";
      }
    } catch (e) {
      toast(`Could not list models: ${e.message}`, "error");
    }
  })();
  question.focus();
}
