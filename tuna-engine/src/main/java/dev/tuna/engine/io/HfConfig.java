package dev.tuna.engine.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.data.TunaException;
import dev.tuna.data.io.AtomicFiles;
import dev.tuna.engine.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a Hugging Face {@code config.json} of a Llama-family decoder into a {@link ModelConfig}, with the defaults
 * the transformers config classes apply, and writes one back for exports. Anything the engine would compute
 * differently from transformers (another architecture, RoPE type, activation, or extra biases) is refused with a
 * message, rather than silently producing a different model.
 *
 * <p>Mistral's and Qwen2's sliding-window attention is not modelled: it only differs from full causal attention
 * for sequences longer than the window (4,096 tokens or more), far beyond the lengths Tuna fine-tunes on.
 */
public final class HfConfig {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** model_type → the class name transformers writes in {@code architectures}. */
    private static final Map<String, String> ARCHITECTURES = Map.of(
            "llama", "LlamaForCausalLM",
            "qwen2", "Qwen2ForCausalLM",
            "mistral", "MistralForCausalLM");

    /** transformers' per-class default for {@code max_position_embeddings}. */
    private static final Map<String, Integer> DEFAULT_MAX_POSITIONS = Map.of(
            "llama", 2048, "qwen2", 32768, "mistral", 131072);

    private HfConfig() {
    }

    public static ModelConfig read(Path configJson) {
        JsonNode c;
        try {
            c = JSON.readTree(configJson.toFile());
        } catch (IOException e) {
            throw new TunaException(configJson + ": cannot read model config (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
        if (c == null || !c.isObject()) {
            throw new TunaException(configJson + ": not a JSON object; expected a Hugging Face config.json");
        }
        String type = c.path("model_type").asText("");
        if (!ARCHITECTURES.containsKey(type)) {
            throw new TunaException(configJson + ": model_type \"" + type + "\" is not supported; Tuna runs llama"
                    + " (incl. SmolLM2), qwen2 and mistral checkpoints", TunaException.INVALID_INPUT, null);
        }
        String act = c.path("hidden_act").asText("silu");
        if (!act.equals("silu")) {
            refuse(configJson, "hidden_act \"" + act + "\" is not supported (only silu, as in SwiGLU)");
        }
        if (c.path("mlp_bias").asBoolean(false)) {
            refuse(configJson, "mlp_bias: true is not supported (the MLP projections must have no bias)");
        }
        boolean attentionBias;
        if (type.equals("qwen2")) {
            attentionBias = true; // Qwen2 always has q/k/v biases and none on o_proj
        } else if (type.equals("llama") && c.path("attention_bias").asBoolean(false)) {
            refuse(configJson, "attention_bias: true is not supported for llama (it also puts a bias on o_proj)");
            attentionBias = false;
        } else {
            attentionBias = false;
        }

        int hidden = requiredInt(c, "hidden_size", configJson);
        int heads = requiredInt(c, "num_attention_heads", configJson);
        int kvHeads = c.hasNonNull("num_key_value_heads") ? c.get("num_key_value_heads").asInt() : heads;
        int headDim = c.hasNonNull("head_dim") ? c.get("head_dim").asInt() : hidden / heads;
        if (kvHeads <= 0 || heads % kvHeads != 0) {
            refuse(configJson, "num_attention_heads (" + heads + ") must be a multiple of num_key_value_heads ("
                    + kvHeads + ")");
        }
        double theta = c.hasNonNull("rope_theta") ? c.get("rope_theta").asDouble() : 10000.0;
        ModelConfig.RopeScaling scaling = ropeScaling(c.get("rope_scaling"), configJson);

        return new ModelConfig(
                type,
                requiredInt(c, "vocab_size", configJson),
                hidden,
                requiredInt(c, "intermediate_size", configJson),
                requiredInt(c, "num_hidden_layers", configJson),
                heads,
                kvHeads,
                headDim,
                c.hasNonNull("rms_norm_eps") ? c.get("rms_norm_eps").asDouble() : 1e-6,
                theta,
                scaling,
                c.path("tie_word_embeddings").asBoolean(false),
                attentionBias,
                c.hasNonNull("max_position_embeddings") ? c.get("max_position_embeddings").asInt()
                        : DEFAULT_MAX_POSITIONS.get(type),
                c.hasNonNull("bos_token_id") ? c.get("bos_token_id").asInt() : -1,
                eosIds(c.get("eos_token_id")));
    }

    private static ModelConfig.RopeScaling ropeScaling(JsonNode s, Path file) {
        if (s == null || s.isNull()) {
            return null;
        }
        // transformers accepts the legacy key "type" as well as "rope_type"
        String type = s.hasNonNull("rope_type") ? s.get("rope_type").asText() : s.path("type").asText("");
        if (type.equals("default")) {
            return null;
        }
        if (!type.equals("llama3")) {
            refuse(file, "rope_scaling type \"" + type + "\" is not supported (only \"llama3\" or none)");
        }
        for (String k : List.of("factor", "low_freq_factor", "high_freq_factor", "original_max_position_embeddings")) {
            if (!s.hasNonNull(k)) {
                refuse(file, "rope_scaling of type llama3 needs \"" + k + "\"");
            }
        }
        return new ModelConfig.RopeScaling("llama3", s.get("factor").asDouble(), s.get("low_freq_factor").asDouble(),
                s.get("high_freq_factor").asDouble(), s.get("original_max_position_embeddings").asInt());
    }

    private static int[] eosIds(JsonNode eos) {
        if (eos == null || eos.isNull()) {
            return new int[0];
        }
        if (eos.isArray()) {
            int[] ids = new int[eos.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = eos.get(i).asInt();
            }
            return ids;
        }
        return new int[] {eos.asInt()};
    }

    private static int requiredInt(JsonNode c, String key, Path file) {
        JsonNode v = c.get(key);
        if (v == null || !v.canConvertToInt() || v.asInt() <= 0) {
            refuse(file, "\"" + key + "\" is missing or not a positive integer");
        }
        return v.asInt();
    }

    private static void refuse(Path file, String why) {
        throw new TunaException(file + ": " + why, TunaException.INVALID_INPUT, null);
    }

    /**
     * Writes a {@code config.json} transformers loads as the same model. tuna-nano is a plain Llama and is written as
     * one. {@code torchDtype} is the weights' dtype ("float32" or "bfloat16").
     */
    public static void write(ModelConfig m, String torchDtype, Path configJson) {
        String type = ARCHITECTURES.containsKey(m.architecture()) ? m.architecture() : "llama";
        ObjectNode c = JSON.createObjectNode();
        c.putArray("architectures").add(ARCHITECTURES.get(type));
        c.put("model_type", type);
        c.put("vocab_size", m.vocabSize());
        c.put("hidden_size", m.hiddenSize());
        c.put("intermediate_size", m.intermediateSize());
        c.put("num_hidden_layers", m.numLayers());
        c.put("num_attention_heads", m.numHeads());
        c.put("num_key_value_heads", m.numKvHeads());
        c.put("head_dim", m.headDim());
        c.put("hidden_act", "silu");
        c.put("rms_norm_eps", m.rmsNormEps());
        c.put("rope_theta", m.ropeTheta());
        if (m.ropeScaling() == null) {
            c.putNull("rope_scaling");
        } else {
            ObjectNode s = c.putObject("rope_scaling");
            s.put("rope_type", m.ropeScaling().type());
            s.put("factor", m.ropeScaling().factor());
            s.put("low_freq_factor", m.ropeScaling().lowFreqFactor());
            s.put("high_freq_factor", m.ropeScaling().highFreqFactor());
            s.put("original_max_position_embeddings", m.ropeScaling().originalMaxPositionEmbeddings());
        }
        c.put("tie_word_embeddings", m.tieWordEmbeddings());
        if (type.equals("llama")) {
            c.put("attention_bias", false);
            c.put("mlp_bias", false);
        } else if (!type.equals("qwen2") && m.attentionBias()) {
            throw new IllegalArgumentException(type + " has no q/k/v bias; cannot export attentionBias=true");
        }
        c.put("max_position_embeddings", m.maxPositionEmbeddings());
        if (m.bosTokenId() >= 0) {
            c.put("bos_token_id", m.bosTokenId());
        }
        int[] eos = m.eosTokenIds();
        if (eos.length == 1) {
            c.put("eos_token_id", eos[0]);
        } else if (eos.length > 1) {
            ArrayNode a = c.putArray("eos_token_id");
            for (int id : eos) {
                a.add(id);
            }
        }
        c.put("torch_dtype", torchDtype);
        c.put("use_cache", true);
        writeJson(configJson, c);
    }

    /** Writes {@code json}, indented, to {@code file} atomically, creating its folder; the JSON files of a model folder. */
    public static void writeJson(Path file, JsonNode json) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new TunaException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
