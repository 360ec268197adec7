// Server-sent events over fetch() (EventSource cannot POST or send an Authorization header).

/**
 * Yields the data of each event of a text/event-stream Response, as a string, until the stream ends.
 * Multi-byte characters split across network chunks are decoded correctly (streaming TextDecoder).
 */
export async function* sseData(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let data = [];
  try {
    for (;;) {
      const {value, done} = await reader.read();
      if (done) break;
      buffer += value;
      let newline;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith("\r\n", newline) ? 2 : 1));
        if (line === "") {
          if (data.length) yield data.join("\n");
          data = [];
        } else if (line.startsWith(":")) {
          // comment / keep-alive
        } else {
          const colon = line.indexOf(":");
          const field = colon < 0 ? line : line.slice(0, colon);
          let value = colon < 0 ? "" : line.slice(colon + 1);
          if (value.startsWith(" ")) value = value.slice(1);
          if (field === "data") data.push(value);
        }
      }
    }
    if (data.length) yield data.join("\n");
  } finally {
    reader.releaseLock();
  }
}

/**
 * Streams a chat completion: calls onDelta(text) for each content delta, returns {content, finishReason, usage,
 * fingerprint, id}. A chunk carrying {"error": …} ends the stream with an Error, as the OpenAI SDKs do.
 */
export async function readChatStream(response, onDelta) {
  const result = {content: "", finishReason: null, usage: null, fingerprint: null, id: null};
  for await (const data of sseData(response)) {
    if (data.startsWith("[DONE]")) break;
    const chunk = JSON.parse(data);
    if (chunk.error) throw new Error(chunk.error.message || "stream error");
    result.id ??= chunk.id;
    result.fingerprint ??= chunk.system_fingerprint;
    if (chunk.usage) result.usage = chunk.usage;
    for (const choice of chunk.choices || []) {
      if (choice.index !== 0 && choice.index !== undefined) continue;
      const text = choice.delta && choice.delta.content;
      if (text) {
        result.content += text;
        onDelta(text, result.content);
      }
      if (choice.finish_reason) result.finishReason = choice.finish_reason;
    }
  }
  return result;
}
