package dev.tuna.engine.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.tuna.data.TunaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A model's own Jinja {@code chat_template} (from {@code tokenizer_config.json}, or {@code chat_template.jinja}),
 * rendered with Jinjava the way transformers renders it: {@code trim_blocks} and {@code lstrip_blocks} on,
 * {@code bos_token}/{@code eos_token} bound, {@code raise_exception} available, and no {@code tools}. The date
 * function {@code strftime_now} is deliberately not provided, so templates fall back to their fixed date and the
 * same conversation always renders to the same text.
 */
public final class JinjaChatTemplate implements ChatTemplate {
    public static final String CONFIG_FILE = "tokenizer_config.json";
    public static final String TEMPLATE_FILE = "chat_template.jinja";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** For checkpoints without a template whose tokenizer has ChatML's markers (SmolLM2 and Qwen2 base models). */
    static final String DEFAULT_CHATML = "{% for m in messages %}{{ '<|im_start|>' + m.role + '\\n' + m.content"
            + " + '<|im_end|>\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
    /** For other checkpoints without a template: "role: text", each turn closed by the EOS token. */
    static final String DEFAULT_PLAIN = "{{ bos_token }}{% for m in messages %}{{ m.role + ': ' + m.content + eos_token"
            + " + '\\n' }}{% endfor %}{% if add_generation_prompt %}{{ 'assistant: ' }}{% endif %}";
    // plain letters: templates trim contents, and Jinjava's trim also strips control characters
    private static final String PROBE_USER = "TunaProbeUserMessage";
    private static final String PROBE_ASSISTANT = "TunaProbeAssistantReply";
    /** Jinja's whitespace control ({@code {{-}}, {@code -%}} and the like), which Jinjava does not fully honour. */
    private static final Pattern STRIP_BEFORE = Pattern.compile("\\s*\\{([{%#])-");
    private static final Pattern STRIP_AFTER = Pattern.compile("-([}%#])}\\s*");

    private final String source;
    private final String origin;
    private final String bosToken;
    private final String eosToken;
    private final Jinjava jinjava;
    private final String endOfTurn;

    /**
     * @param specialTokens the tokenizer's special tokens; the one a rendered assistant reply ends with is its
     *                      end-of-turn (else {@code eosToken})
     * @param origin        where the template came from, for error messages
     */
    public JinjaChatTemplate(String source, String bosToken, String eosToken, Collection<String> specialTokens,
                             String origin) {
        this.source = applyWhitespaceControl(source);
        this.origin = origin;
        this.bosToken = bosToken == null ? "" : bosToken;
        this.eosToken = eosToken == null ? "" : eosToken;
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withFailOnUnknownTokens(false)
                .build());
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                JinjaChatTemplate.class, "raiseException", String.class));
        this.endOfTurn = detectEndOfTurn(specialTokens);
    }

    /** Reads the template and BOS/EOS tokens of a Hugging Face model folder. */
    public static JinjaChatTemplate load(Path modelDir, Collection<String> specialTokens) {
        Path config = modelDir.resolve(CONFIG_FILE);
        JsonNode c = JSON.createObjectNode();
        if (Files.isRegularFile(config)) {
            try {
                c = JSON.readTree(config.toFile());
            } catch (IOException e) {
                throw new TunaException(config + ": cannot read (" + e.getMessage().lines().findFirst().orElse("")
                        + ")", e);
            }
        }
        String template = null;
        String origin = config.toString();
        JsonNode t = c.get("chat_template");
        if (t != null && t.isTextual()) {
            template = t.asText();
        } else if (t != null && t.isArray()) {
            // several named templates: the "default" one is for chat
            for (JsonNode named : t) {
                if ("default".equals(named.path("name").asText())) {
                    template = named.path("template").asText();
                }
            }
        }
        Path jinja = modelDir.resolve(TEMPLATE_FILE);
        if (template == null && Files.isRegularFile(jinja)) {
            try {
                template = Files.readString(jinja);
                origin = jinja.toString();
            } catch (IOException e) {
                throw new TunaException(jinja + ": cannot read (" + e.getMessage() + ")", e);
            }
        }
        String bos = tokenText(c.get("bos_token"));
        String eos = tokenText(c.get("eos_token"));
        if (template == null) {
            // A base (not instruct) checkpoint: fine-tuning teaches it a format, so give it a standard one.
            boolean chatMl = specialTokens.contains("<|im_start|>") && specialTokens.contains("<|im_end|>");
            if (!chatMl && (eos == null || eos.isEmpty())) {
                throw new TunaException(modelDir + ": no chat template (neither \"chat_template\" in " + CONFIG_FILE
                        + " nor " + TEMPLATE_FILE + ") and no eos_token to end turns with; use an instruct/chat"
                        + " checkpoint, which ships one", TunaException.INVALID_INPUT, null);
            }
            template = chatMl ? DEFAULT_CHATML : DEFAULT_PLAIN;
            origin = modelDir + " (no chat template of its own: Tuna's " + (chatMl ? "ChatML" : "plain") + " format)";
        }
        return new JinjaChatTemplate(template, bos, eos, specialTokens, origin);
    }

    /** A token in tokenizer_config.json is a string or an AddedToken object {"content": ...}. */
    private static String tokenText(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isObject() ? n.path("content").asText(null) : n.asText();
    }

    @Override
    public String render(List<Turn> turns, boolean addGenerationPrompt) {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Turn t : turns) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role", t.role());
            m.put("content", t.content());
            messages.add(m);
        }
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("messages", messages);
        bindings.put("add_generation_prompt", addGenerationPrompt);
        bindings.put("bos_token", bosToken);
        bindings.put("eos_token", eosToken);
        RenderResult r = jinjava.renderForResult(source, bindings);
        for (TemplateError e : r.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                for (Throwable c = e.getException(); c != null; c = c.getCause()) {
                    if (c instanceof TunaException te) {
                        throw new TunaException(origin + ": " + te.getMessage(), TunaException.INVALID_INPUT, null);
                    }
                }
                throw new TunaException(origin + ": the chat template failed (" + e.getMessage()
                        + (e.getLineno() > 0 ? ", template line " + e.getLineno() : "") + ")",
                        TunaException.INVALID_INPUT, null);
            }
        }
        return r.getOutput();
    }

    @Override
    public String endOfTurn() {
        return endOfTurn;
    }

    /** Where the template came from (a file, or a note that Tuna's default is used). */
    public String origin() {
        return origin;
    }

    public String bosToken() {
        return bosToken;
    }

    public String eosToken() {
        return eosToken;
    }

    /** What the template writes right after an assistant reply: a special token such as <|im_end|>. */
    private String detectEndOfTurn(Collection<String> specialTokens) {
        String probe = render(List.of(Turn.user(PROBE_USER), Turn.assistant(PROBE_ASSISTANT)), false);
        int at = probe.indexOf(PROBE_ASSISTANT);
        if (at < 0) {
            throw new TunaException(origin + ": the chat template does not write assistant messages",
                    TunaException.INVALID_INPUT, null);
        }
        String after = probe.substring(at + PROBE_ASSISTANT.length());
        List<String> candidates = new ArrayList<>(specialTokens);
        if (!eosToken.isEmpty()) {
            candidates.add(eosToken);
        }
        candidates.sort(Comparator.comparingInt(String::length).reversed());
        for (String s : candidates) {
            if (!s.isEmpty() && after.startsWith(s)) {
                return s;
            }
        }
        if (!eosToken.isEmpty()) {
            return eosToken;
        }
        throw new TunaException(origin + ": cannot tell how an assistant turn ends (no special token follows it"
                + " and no eos_token is set)", TunaException.INVALID_INPUT, null);
    }

    /**
     * Applies Jinja's whitespace control up front: {@code {{-} removes the whitespace before the tag and
     * {@code -}}} the whitespace after it (likewise for statements and comments), leaving plain tags.
     */
    static String applyWhitespaceControl(String template) {
        String s = STRIP_BEFORE.matcher(template).replaceAll("{$1");
        return STRIP_AFTER.matcher(s).replaceAll("$1}");
    }

    /** Jinja's {@code raise_exception(message)}, which HF templates call to reject a conversation. */
    public static String raiseException(String message) {
        throw new TunaException("the chat template rejected the conversation: " + message,
                TunaException.INVALID_INPUT, null);
    }
}
