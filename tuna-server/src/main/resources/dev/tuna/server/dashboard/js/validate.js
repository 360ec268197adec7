// Validation of chat fine-tuning JSONL before upload. The server's own validator (POST /tuna/validate, the same rules
// as `tuna validate`, exact token counts) is used when the server has it; otherwise these browser checks run: the
// OpenAI cookbook's format rules, the 10-example minimum, and an approximate token count.

import {tuna} from "./api.js";

export const MIN_EXAMPLES = 10;
const ROLES = new Set(["system", "developer", "user", "assistant", "tool", "function"]);
const MESSAGE_KEYS = new Set(["role", "content", "name", "weight", "tool_calls", "function_call", "tool_call_id", "refusal"]);
const EXAMPLE_KEYS = new Set(["messages", "tools", "parallel_tool_calls", "functions"]);
const BROWSER_LIMIT_BYTES = 64 * 1024 * 1024;

/** Per-example token limits and training prices (USD per 1M tokens) of OpenAI models, from the fine-tuning guide. */
export const OPENAI_MODELS = [
  {model: "gpt-4o-mini-2024-07-18", limit: 65536, pricePerMillion: 3.0},
  {model: "gpt-3.5-turbo-0125", limit: 16385, pricePerMillion: 8.0},
];

/** Validates a File; uses the server's validator when available. Returns a report (see checkJsonl). */
export async function validateFile(file) {
  try {
    const server = await tuna("validate", {method: "POST", body: file, contentType: "application/jsonl"});
    if (server) return {...server, source: "server", filename: file.name};
  } catch (e) {
    // The server judged the request itself bad (too large, unreadable): report that as the file's error.
    if (e.status === 400 || e.status === 413) {
      return {valid: false, source: "server", filename: file.name, examples: 0,
        errors: [{line: null, category: "file", message: e.message}], warnings: []};
    }
  }
  if (file.size > BROWSER_LIMIT_BYTES) {
    return {valid: true, source: "skipped", filename: file.name, examples: null, errors: [],
      warnings: [{line: null, category: "too_large_to_check",
        message: `The file is ${Math.round(file.size / 1048576)} MB; the browser checks only files up to 64 MB. ` +
          "Run `tuna validate` on it, or upload it and let the job validate it."}]};
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  return {...checkBytes(bytes), source: "browser", filename: file.name};
}

/** Decodes bytes as strict UTF-8 and checks them. */
export function checkBytes(bytes) {
  let text;
  try {
    text = new TextDecoder("utf-8", {fatal: true}).decode(bytes);
  } catch {
    return {valid: false, examples: 0, warnings: [],
      errors: [{line: null, category: "encoding", message: "The file is not valid UTF-8. Save it as UTF-8 and try again."}]};
  }
  return checkJsonl(text);
}

/**
 * Checks JSONL text line by line. Report: {valid, examples, errors: [{line, category, message}], warnings, tokens,
 * openai: [{model, limit, overLimit, epochs, billedTokens, cost}]}.
 */
export function checkJsonl(text) {
  const errors = [], warnings = [];
  const err = (line, category, message) => errors.push({line, category, message});
  const warn = (line, category, message) => warnings.push({line, category, message});
  if (text.startsWith("\uFEFF")) {
    warn(1, "utf8_bom", "The file starts with a UTF-8 byte order mark; it is ignored, but some tools choke on it.");
    text = text.slice(1);
  }
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  const totals = [], assistantTotals = [];
  const seen = new Map();
  let missingSystem = 0, missingUser = 0, examples = 0;

  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") {
      warn(line, "blank_line", "Blank line: it is skipped.");
      return;
    }
    let example;
    try {
      example = JSON.parse(raw);
    } catch (e) {
      err(line, "invalid_json", `Not valid JSON (${e.message}). Each line must be one complete JSON object.`);
      return;
    }
    examples++;
    if (typeof example !== "object" || example === null || Array.isArray(example)) {
      err(line, "data_type", "Each line must be a JSON object like {\"messages\": [...]}.");
      return;
    }
    for (const key of Object.keys(example)) {
      if (!EXAMPLE_KEYS.has(key)) err(line, "example_unrecognized_key", `Unknown key "${key}"; an example has "messages" (and optionally "tools").`);
    }
    const messages = example.messages;
    if (!Array.isArray(messages) || messages.length === 0) {
      err(line, "missing_messages_list", "The \"messages\" list is missing or empty.");
      return;
    }
    let hasAssistant = false, hasSystem = false, hasUser = false, ok = true;
    messages.forEach((m, j) => {
      const where = `message ${j + 1}`;
      if (typeof m !== "object" || m === null || Array.isArray(m)) {
        err(line, "data_type", `${where} is not an object.`);
        ok = false;
        return;
      }
      if (!("role" in m) || !("content" in m) && !m.tool_calls && !m.function_call) {
        err(line, "message_missing_key", `${where} needs both "role" and "content".`);
        ok = false;
      }
      for (const key of Object.keys(m)) {
        if (!MESSAGE_KEYS.has(key)) err(line, "message_unrecognized_key", `${where} has an unknown key "${key}".`);
      }
      if ("role" in m && !ROLES.has(m.role)) {
        err(line, "unrecognized_role", `${where} has role "${m.role}"; use system, user or assistant.`);
        ok = false;
      }
      const toolish = m.tool_calls || m.function_call;
      if ("content" in m && !toolish && (typeof m.content !== "string" || (m.role === "assistant" && m.content === ""))) {
        if (typeof m.content !== "string") err(line, "missing_content", `${where}: "content" must be a string.`);
        else err(line, "missing_content", `${where}: the assistant's "content" is empty.`);
        ok = false;
      }
      if ("weight" in m && m.weight !== 0 && m.weight !== 1) {
        err(line, "invalid_weight", `${where}: "weight" must be 0 or 1.`);
      }
      if ("weight" in m && m.role !== "assistant") {
        err(line, "invalid_weight", `${where}: only assistant messages may have a "weight".`);
      }
      if (m.role === "assistant") hasAssistant = true;
      if (m.role === "system") {
        hasSystem = true;
        if (typeof m.content === "string" && m.content.trim() === "") {
          warn(line, "empty_system_message", "The system message is empty; it teaches nothing. Remove it or fill it in.");
        }
      }
      if (m.role === "user") hasUser = true;
    });
    if (!hasAssistant) {
      err(line, "example_missing_assistant_message", "The example has no assistant message to learn from.");
      ok = false;
    }
    if (!hasSystem) missingSystem++;
    if (!hasUser) missingUser++;
    if (!ok) return;
    const key = JSON.stringify(messages);
    if (seen.has(key)) warn(line, "duplicate_example", `Same messages as line ${seen.get(key)}.`);
    else seen.set(key, line);
    let total = 3, assistant = 0;
    for (const m of messages) {
      total += 3 + estimateTokens(m.role);
      if (typeof m.content === "string") total += estimateTokens(m.content);
      if (m.name) total += 1 + estimateTokens(m.name);
      if (m.role === "assistant" && typeof m.content === "string") assistant += estimateTokens(m.content);
    }
    totals.push(total);
    assistantTotals.push(assistant);
  });

  if (examples < MIN_EXAMPLES) {
    err(null, "invalid_n_examples", `The file has ${examples} example(s); fine-tuning needs at least ${MIN_EXAMPLES}.`);
  }
  if (missingSystem && missingSystem < examples) warn(null, "missing_system_message", `${missingSystem} example(s) have no system message.`);
  if (missingUser) warn(null, "missing_user_message", `${missingUser} example(s) have no user message.`);

  const openai = OPENAI_MODELS.map(({model, limit, pricePerMillion}) => {
    const overLimit = totals.filter(t => t > limit).length;
    const epochs = defaultEpochs(examples);
    const billedTokens = totals.reduce((sum, t) => sum + Math.min(limit, t), 0) * epochs;
    return {model, limit, overLimit, epochs, billedTokens, cost: billedTokens * pricePerMillion / 1e6};
  });
  return {valid: errors.length === 0, examples, errors, warnings,
    tokens: {exact: false, total: summary(totals), assistant: summary(assistantTotals)}, openai};
}

/** OpenAI's default epoch count for a dataset size (the cookbook's rule). */
export function defaultEpochs(n) {
  if (n <= 0) return 0;
  if (n * 3 < 100) return Math.min(25, Math.floor(100 / n));
  if (n * 3 > 25000) return Math.max(1, Math.floor(25000 / n));
  return 3;
}

/**
 * Approximate token count for the cl100k/o200k encodings: about four characters per token for text in Latin
 * script, one token per Hangul syllable or CJK character (what cl100k_base spends on Korean), punctuation apart.
 */
export function estimateTokens(text) {
  let tokens = 0, run = 0;
  for (const ch of String(text)) {
    const c = ch.codePointAt(0);
    if (c < 128 && /[A-Za-z0-9]/.test(ch)) {
      run++;
      continue;
    }
    tokens += Math.ceil(run / 4);
    run = 0;
    if (c >= 0xAC00 && c <= 0xD7A3 || c >= 0x3040 && c <= 0x9FFF) tokens += 1;
    else if (c >= 128) tokens += 0.5;
    else if (ch !== " ") tokens += 1;
  }
  return Math.round(tokens + Math.ceil(run / 4));
}

function summary(values) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const q = p => sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1) + 0.5))];
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {min: sorted[0], max: sorted[sorted.length - 1], mean: sum / sorted.length, p50: q(0.5), p90: q(0.9), sum};
}
